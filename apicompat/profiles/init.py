"""`apicompat profile init`: look at a repository and write a first, commented apicompat.toml.

1. propose header globs: `include/**/*.h` when the repository has public
   headers there, else the folder holding most headers outside tests,
   examples and build support;
2. read the headers at the revision; headers that fail on their own for a
   platform reason (a stand-in for a system header, an #error for another
   compiler) become excludes; a macro a header demands becomes a define
   (consumers set it too, so it belongs in the profile);
3. write the profile with a comment per choice, so a person can review it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import ApicompatError
from ..vcs.base import Repository, Revision

_NOT_PUBLIC = re.compile(r"(^|/)(tests?|examples?|samples?|bench(mark)?s?|docs?|build|cmake|third[_-]?party|"
                         r"vendor|deps|contrib|tools?|scripts?|fuzz(ing)?|internal|private)(/|$)", re.I)


@dataclass
class Proposal:
    headers: list[str]
    excludes: list[tuple[str, str]] = field(default_factory=list)     # (glob, why)
    defines: list[tuple[str, str]] = field(default_factory=list)      # (NAME, why)
    problems: list[str] = field(default_factory=list)                 # left unread, with the message
    read: int = 0
    total: int = 0


class _Problem:
    """A failed read's message, shaped like a model Problem (its header named in the message)."""

    def __init__(self, message: str):
        found = re.search(r"--exclude '([^']+)'", message)
        self.file = found.group(1) if found else "?"
        self.message = message


def propose_headers(repo: Repository, rev: str) -> list[str]:
    files = repo.list_files(rev, ["**/*.h"])
    if any(f.startswith("include/") for f in files):
        return ["include/**/*.h"]
    folders = Counter(f.rpartition("/")[0] for f in files if not _NOT_PUBLIC.search(f))
    if not folders:
        raise ApicompatError(f"no header (*.h) outside tests and examples at {rev}: name them with --header")
    best = max(folders, key=lambda d: (folders[d], -d.count("/"), d))
    return [f"{best}/*.h" if best else "*.h"]


def propose(repo: Repository, rev: Revision, headers: list[str] | None = None, rounds: int = 4) -> Proposal:
    """Read the revision with growing excludes/defines until nothing more can be fixed."""
    from ..extract.config import ExtractConfig
    from ..extract.pipeline import extract_model
    proposal = Proposal(headers or propose_headers(repo, rev.id))
    for _ in range(rounds):
        config = ExtractConfig(headers=list(proposal.headers), excludes=[g for g, _ in proposal.excludes],
                               defines=[d for d, _ in proposal.defines])
        try:
            model = extract_model(repo, rev, config)
        except ApicompatError as exc:          # too little read for a verdict: learn from the message
            model = None
            problems = [_Problem(str(exc))]
        else:
            problems = model.problems
            proposal.total = len(model.headers)
            proposal.read = len(model.headers) - len({p.file for p in model.problems})
        changed = False
        proposal.problems = []
        for problem in problems:
            stand_in = "stand-in for the system's" in problem.message or "meant for another platform" in problem.message
            demand = re.search(r"it demands (\w+)", problem.message)
            if stand_in:
                why = problem.message.split(" -- ", 1)[-1].split(";")[0]
                proposal.excludes.append((problem.file, why))
                changed = True
            elif demand and demand.group(1) not in {d for d, _ in proposal.defines}:
                proposal.defines.append((demand.group(1), f"{problem.file} #errors without it"))
                changed = True
            else:
                proposal.problems.append(f"{problem.file}: {problem.message.splitlines()[0]}")
        if not changed:
            break
    return proposal


def render_profile(proposal: Proposal, repo_name: str, rev_label: str) -> str:
    lines = [f"# apicompat profile for {repo_name}, proposed by `apicompat profile init` at {rev_label}.",
             "# Review it: every key is explained in docs/profiles.md.",
             f"# At {rev_label}: {proposal.read} of {proposal.total} public header(s) read.", "",
             f'name = "{repo_name}"', "", "# The public headers (globs; `**` crosses folders).",
             "headers = [" + ", ".join(f'"{h}"' for h in proposal.headers) + "]"]
    if proposal.excludes:
        lines += ["", "# Matched by the globs, but not public API on this platform:"]
        lines.append("excludes = [")
        lines += [f'    "{glob}",   # {why}' for glob, why in proposal.excludes]
        lines.append("]")
    if proposal.defines:
        lines += ["", "# Macros consumers define (a header #errors without them):", "defines = ["]
        lines += [f'    "{name}",   # {why}' for name, why in proposal.defines]
        lines.append("]")
    if proposal.problems:
        lines += ["", "# Still unread (fix with -I, a define, or an exclude; apicompat reports them):"]
        lines += [f"#   {p}" for p in proposal.problems]
    return "\n".join(lines) + "\n"
