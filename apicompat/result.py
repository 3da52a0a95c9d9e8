"""The outcome of comparing two revisions: what every reporter renders."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .diff.finding import SEVERITIES, Finding
from .model import Problem
from .vcs.base import Revision

# Exit status bits, like abidiff: CI can act on them.
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_CHANGED = 4
EXIT_BREAKING = 8
EXIT_NOT_FOUND = 16     # history: the symbol or the event is not in the range
EXIT_INCOMPLETE = 32    # some public headers could not be read: the verdict covers only the rest

REPORT_SCHEMA_VERSION = 1


@dataclass
class DiffResult:
    repo: str
    vcs: str
    old: Revision
    new: Revision
    findings: list[Finding]
    problems: list[Problem] = field(default_factory=list)
    fail_on: tuple[str, ...] = ("breaking",)
    old_name: str = ""      # the revision names the user typed
    new_name: str = ""
    shim_coverage: dict[str, str] = field(default_factory=dict)   # finding symbol -> mapped | listed
    shown: tuple[str, ...] = SEVERITIES   # severities the reporters list (counts always cover all)
    public_headers: int = 0                # public headers at either revision (0: unknown)

    @property
    def unread(self) -> list[str]:
        """Public headers (or generated outputs) that could not be read at one revision or both."""
        return sorted({p.file for p in self.problems})

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def incomplete_note(self) -> str:
        """'incomplete: 3 of 80 public headers not compared' ('' when everything was read)."""
        if self.complete:
            return ""
        total = max(self.public_headers, len(self.unread))
        return f"incomplete: {len(self.unread)} of {total} public header(s) not compared"

    @property
    def listed(self) -> list[Finding]:
        """The findings the reports list one by one (see `shown`)."""
        return [f for f in self.findings if f.severity in self.shown]

    @property
    def active(self) -> list[Finding]:
        """Findings that count: not covered by an acknowledgement, not about internals."""
        return [f for f in self.findings if not f.accepted and not f.internal]

    @property
    def public(self) -> list[Finding]:
        """The listed findings about the public API (internals are listed after them)."""
        return [f for f in self.listed if not f.internal]

    @property
    def internals(self) -> list[Finding]:
        return [f for f in self.listed if f.internal]

    def counts(self) -> dict[str, int]:
        counter = Counter(f.severity for f in self.active)
        return {s: counter.get(s, 0) for s in SEVERITIES}

    def kind_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f.kind for f in self.findings).items()))

    @property
    def breaking(self) -> bool:
        return any(f.severity in self.fail_on for f in self.active)

    @property
    def exit_status(self) -> int:
        status = EXIT_INCOMPLETE if not self.complete else EXIT_OK
        if not any(not f.internal for f in self.findings):     # internals never count
            return status
        return status | EXIT_CHANGED | (EXIT_BREAKING if self.breaking else 0)

    @property
    def semver(self) -> str:
        """The release the change requires, like cargo-semver-checks: `major` for anything that breaks
        source or binaries (acknowledged or not: acknowledging does not make it compatible), `minor`
        for additions, `patch` otherwise.  Internals never count."""
        public = [f for f in self.findings if not f.internal]
        if any(f.severity in ("breaking", "abi") for f in public):
            return "major"
        if any(f.severity == "compatible" for f in public):
            return "minor"
        return "patch"

    @property
    def bump_note(self) -> str:
        if self.semver == "major":
            binary_only = not any(f.severity == "breaking" for f in self.findings if not f.internal)
            return ("requires a major release and a new SONAME" +
                    (" (binaries break; source still compiles)" if binary_only else ""))
        return {"minor": "requires a minor release (same SONAME)", "patch": "a patch release is enough"}[self.semver]

    @property
    def verdict(self) -> str:
        """One line; an incomplete read says so first, and the rest is only about what was read."""
        if self.complete:
            return f"{self._verdict_on_read()} -- {self.bump_note}"
        return f"{self.incomplete_note}; among the rest: {self._verdict_on_read()} -- {self.bump_note}"

    def _verdict_on_read(self) -> str:
        counts = self.counts()
        accepted = sum(1 for f in self.findings if f.accepted and f.severity == "breaking")
        also = f" ({accepted} more breaking change(s) acknowledged)" if accepted else ""
        if not any(not f.internal for f in self.findings):
            internal = len(self.findings)
            return "no API change" + (f" (only {internal} change(s) to internals)" if internal else "")
        if self.breaking:
            return f"{counts['breaking']} breaking change(s)" + (
                f", {counts['abi']} ABI-only" if counts["abi"] else "") + also
        if counts["abi"]:
            return f"compatible for source code; {counts['abi']} ABI-only change(s)" + also
        if accepted:
            return f"no unacknowledged breaking change; {accepted} breaking change(s) acknowledged"
        return "compatible: additions only" if counts["compatible"] else "informational changes only"
