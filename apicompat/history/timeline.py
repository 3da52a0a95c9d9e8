"""`apicompat timeline RANGE`: how the API changed, revision by revision.

For each revision in the range that changes the API (compared with its
parent, see steps.py): the counts of breaking / abi / compatible / info
findings and the worst few.  Rendered as text or JSON (render.py), or as an
HTML page (`write_timeline_html`) with an inline SVG bar chart of breaking
changes over time where each bar links to that revision's own report,
written beside it (report/html.py).

>>> result = api_timeline("~/src/xen", "RELEASE-4.1.0..RELEASE-4.2.0", settings)
>>> [(e.step.rev.short, e.counts["breaking"]) for e in result.entries][:2]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..diff.finding import SEVERITIES, Finding
from ..vcs.base import Revision
from .answers import question_key
from .steps import Step, walk_steps
from .walk import Range, open_session, parse_range

TOP = 5


@dataclass
class TimelineEntry:
    step: Step
    base: Revision | None            # the revision compared with (None at a root)

    @property
    def findings(self) -> list[Finding]:
        return self.step.findings

    @property
    def counts(self) -> dict[str, int]:
        """Findings by severity; acknowledged ones do not count."""
        counter = Counter(f.severity for f in self.findings if not f.accepted)
        return {s: counter.get(s, 0) for s in SEVERITIES}

    def top(self, n: int = TOP) -> list[Finding]:
        """The `n` worst findings (severity first, then report order)."""
        return sorted(self.findings, key=lambda f: (SEVERITIES.index(f.severity), f.sort_key()))[:n]


@dataclass
class TimelineResult:
    repo: str
    vcs: str
    span: Range
    first_parent: bool
    walked: int
    entries: list[TimelineEntry]                 # revisions that change the API
    failed: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extracted: int = 0               # models extracted by this run (the rest came from the cache)

    def totals(self) -> dict[str, int]:
        total = Counter()
        for entry in self.entries:
            total.update(entry.counts)
        return {s: total.get(s, 0) for s in SEVERITIES}


def api_timeline(repo_path: str, range_text: str | None, settings, first_parent: bool = False,
                 jobs: int | None = None, cache=None, progress=None, scheduler: str | None = None) -> TimelineResult:
    """Every revision in `range_text` (`OLD..NEW`) that changes the API, with its findings."""
    with open_session(repo_path, settings, jobs, cache, progress, scheduler) as session:
        repo, store = session.repo, session.store
        span = parse_range(repo, range_text)
        key = question_key("timeline", [span.old.id if span.old else None, span.new.id, first_parent],
                           session.settings)
        known = store.cache.get_answer(key)
        if known is not None:
            return _from_data(known, session, span, first_parent)
        revs, steps = walk_steps(session, span, first_parent)
        changed = [s for s in steps if s.findings]
        store.preload([s.bases[0] for s in changed if s.bases])
        entries = [TimelineEntry(s, store.revision(s.bases[0]) if s.bases else None) for s in changed]
        result = TimelineResult(repo.path, repo.kind, span, first_parent, len(revs), entries,
                                [s for s in steps if s.failed], session.notes)
        result.extracted = store.extracted
        if not store.unsettled:             # a time limit passed: ask again next time
            store.cache.put_answer(key, _data(result))
        return result


def _data(result: TimelineResult) -> dict:
    """The answer as the cache keeps it: steps with their revisions by id."""
    def step(s: Step) -> dict:
        return {"rev": s.rev.id, "bases": list(s.bases), "findings": [f.to_dict() for f in s.findings],
                "problems": [vars(p) for p in s.problems], "failed": s.failed, "absent": s.absent,
                "uncertain_since": s.uncertain_since.id if s.uncertain_since else None}
    return {"walked": result.walked, "entries": [[step(e.step), e.base.id if e.base else None] for e in result.entries],
            "failed": [step(s) for s in result.failed]}


def _from_data(data: dict, session, span, first_parent: bool) -> TimelineResult:
    """A kept answer, its revisions read again in one VCS call; nothing extracted or compared."""
    from ..model import Problem
    from .cache import finding_from_dict
    store = session.store
    steps = [e[0] for e in data["entries"]] + data["failed"]
    store.preload([i for s in steps for i in (s["rev"], s["uncertain_since"]) if i]
                  + [e[1] for e in data["entries"] if e[1]])

    def step(d: dict) -> Step:
        return Step(store.revision(d["rev"]), tuple(d["bases"]), [finding_from_dict(f) for f in d["findings"]],
                    [Problem(**p) for p in d["problems"]], d["failed"],
                    store.revision(d["uncertain_since"]) if d["uncertain_since"] else None, d["absent"])
    entries = [TimelineEntry(step(s), store.revision(base) if base else None) for s, base in data["entries"]]
    return TimelineResult(session.repo.path, session.repo.kind, span, first_parent, data["walked"], entries,
                          [step(s) for s in data["failed"]], session.notes)


# -- HTML -------------------------------------------------------------------

CHART = {"width": 900, "height": 220, "top": 16, "bottom": 40, "left": 44, "right": 12}


def report_name(entry: TimelineEntry) -> str:
    return f"revs/{entry.step.rev.short}.html"


def write_timeline_html(result: TimelineResult, out_dir: str | Path) -> Path:
    """Write `out_dir`/index.html (the timeline) and `out_dir`/revs/<rev>.html (one report per
    revision); returns the index path."""
    from ..report import render
    from ..result import DiffResult
    out = Path(out_dir)
    (out / "revs").mkdir(parents=True, exist_ok=True)
    for entry in result.entries:
        old = entry.base or _nothing(entry.step.rev)
        diff = DiffResult(result.repo, result.vcs, old, entry.step.rev, entry.findings, entry.step.problems)
        _write_no_symlink(out / report_name(entry), render(diff, "html"))
    index = out / "index.html"
    _write_no_symlink(index, render_timeline_html(result))
    return index


def _nothing(rev: Revision) -> Revision:
    """The 'revision' before a root: nothing."""
    return Revision(id="0" * 40, short="(none)", parents=(), author="", date="", summary="before the first revision")


def render_timeline_html(result: TimelineResult) -> str:
    from .. import __version__
    from ..report.safe_text import printable
    return printable(_environment().get_template("timeline.html.j2").render(    # no raw control characters
        r=result, bars=chart_bars(result), chart=CHART, severities=SEVERITIES, version=__version__,
        report_name=report_name, top=TOP), commands=True)


def chart_bars(result: TimelineResult) -> list[dict]:
    """One bar per revision that changes the API: geometry of its breaking / other segments."""
    c = CHART
    entries = result.entries
    if not entries:
        return []
    plot_w, plot_h = c["width"] - c["left"] - c["right"], c["height"] - c["top"] - c["bottom"]
    peak = max(max(e.counts["breaking"] for e in entries), 1)
    slot = plot_w / len(entries)
    width = max(1.0, min(28.0, slot * 0.8))
    bars = []
    for i, entry in enumerate(entries):
        counts = entry.counts
        height = plot_h * counts["breaking"] / peak
        x = c["left"] + i * slot + (slot - width) / 2
        bars.append({
            "entry": entry, "x": round(x, 2), "width": round(width, 2),
            "y": round(c["top"] + plot_h - height, 2), "height": round(height, 2),
            "counts": counts, "href": report_name(entry),
            "baseline": round(c["top"] + plot_h, 2), "slot_x": round(c["left"] + i * slot, 2),
            "slot_w": round(slot, 2),
        })
    return bars


@lru_cache(maxsize=1)
def _environment():
    import jinja2
    return jinja2.Environment(
        loader=jinja2.PackageLoader("apicompat.history", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _write_no_symlink(path, text: str) -> None:
    """Never through a symlink: one committed where a report goes could point at ~/.ssh/..."""
    from ..errors import ApicompatError
    if path.is_symlink() or path.parent.is_symlink():
        raise ApicompatError(f"refused to write {path}: it is (or is in) a symbolic link")
    path.write_text(text)
