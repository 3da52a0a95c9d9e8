"""`apicompat log SYMBOL [RANGE]`: every revision where a symbol's declaration changed.

Each walked revision is compared with its parent (see steps.py); the
revisions kept are those with a finding about SYMBOL (see symbols.concerns),
following renames both ways: the log of `foo` goes on as `bar` after `foo`
was renamed `bar`, and the log of `bar` shows `foo`'s history before.
Unlike `git log -S`, a signature change that keeps the name's text is seen,
`create_info.hvm` is told from `build_info.hvm`, and declarations that exist
only in generated headers are followed like any other.

>>> result = symbol_log("~/src/xen", "libxl_domain_destroy", "faf7c3e08d..62698cdaf3", settings)
>>> [(e.step.rev.short, [f.kind for f in e.findings]) for e in result.entries]
[('…', ['function_param_removed'])]
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..diff.finding import Finding
from ..vcs.base import Revision
from .steps import Step, walk_steps
from .symbols import concerning, find_symbol, rename_pairs, with_aliases
from .walk import Range, open_session, parse_range


@dataclass
class LogEntry:
    step: Step
    findings: list[Finding]          # about the symbol (or its aliases)


@dataclass
class LogResult:
    repo: str
    vcs: str
    symbol: str
    span: Range
    first_parent: bool
    walked: int                      # revisions touching the API's inputs
    entries: list[LogEntry]
    names: list[str]                 # the symbol and the names renames gave it
    failed: list[Step] = field(default_factory=list)    # revisions that could not be read
    present_at_end: bool = False     # declared at NEW
    notes: list[str] = field(default_factory=list)
    extracted: int = 0               # models extracted by this run (the rest came from the cache)

    @property
    def found(self) -> bool:
        """The symbol exists somewhere in the range (changed in it, or declared at its end)."""
        return bool(self.entries) or self.present_at_end


def symbol_log(repo_path: str, symbol: str, range_text: str | None, settings, first_parent: bool = False,
               jobs: int | None = None, cache=None, progress=None, scheduler: str | None = None) -> LogResult:
    """The revisions in `range_text` (`OLD..NEW`, see walk.parse_range) that changed `symbol`."""
    with open_session(repo_path, settings, jobs, cache, progress, scheduler) as session:
        repo, store = session.repo, session.store
        span = parse_range(repo, range_text)
        revs, steps = walk_steps(session, span, first_parent)
        names = with_aliases({symbol}, [p for s in steps for p in rename_pairs(s.findings)])
        entries = [LogEntry(s, found) for s in steps if (found := concerning(s.findings, names))]
        end = store.model(span.new.id)
        present = any(find_symbol(end, n) for n in names) if hasattr(end, "functions") else False
        result = LogResult(repo.path, repo.kind, symbol, span, first_parent, len(revs), entries,
                           sorted(names), [s for s in steps if s.failed], present, session.notes)
        result.extracted = store.extracted
        return result


__all__ = ["LogEntry", "LogResult", "Revision", "symbol_log"]
