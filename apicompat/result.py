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

    @property
    def listed(self) -> list[Finding]:
        """The findings the reports list one by one (see `shown`)."""
        return [f for f in self.findings if f.severity in self.shown]

    @property
    def active(self) -> list[Finding]:
        """Findings not covered by an acknowledgement."""
        return [f for f in self.findings if not f.accepted]

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
        if not self.findings:
            return EXIT_OK
        return EXIT_CHANGED | (EXIT_BREAKING if self.breaking else 0)

    @property
    def verdict(self) -> str:
        counts = self.counts()
        if not self.findings:
            return "no API change"
        if self.breaking:
            return f"{counts['breaking']} breaking change(s)" + (
                f", {counts['abi']} ABI-only" if counts["abi"] else "")
        if counts["abi"]:
            return f"compatible for source code; {counts['abi']} ABI-only change(s)"
        return "compatible: additions only" if counts["compatible"] else "informational changes only"
