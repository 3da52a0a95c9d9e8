"""A classified change: what happened to which symbol, how bad, and what to do.

Findings are what every reporter renders; a reporter never decides severity.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..model import Location

SEVERITIES = ("breaking", "abi", "compatible", "info")   # worst first


@dataclass
class Finding:
    kind: str                       # catalogue id, e.g. function_param_added
    symbol: str                     # the consumer-facing name (new name for renames)
    severity: str                   # breaking | abi | compatible | info
    message: str                    # one sentence: what this means for consumer code
    hint: str                       # what to do about it
    old_decl: str | None = None
    new_decl: str | None = None
    old_loc: Location | None = None
    new_loc: Location | None = None
    confidence: float | None = None  # for matches (renames, moves, families)
    evidence: list[str] = field(default_factory=list)
    members: list["Finding"] = field(default_factory=list)   # families: the pairs they explain
    facts: dict = field(default_factory=dict)   # kind-specific values (old_name, new_name, path...)
    accepted: str | None = None      # reason, when an acknowledgement covers it
    internal: str = ""               # why it is about the library's internals ('' = public API)

    @property
    def loc(self) -> Location | None:
        return self.new_loc or self.old_loc

    def sort_key(self) -> tuple:
        loc = self.loc
        return (loc.file if loc else "", loc.line if loc else 0, self.kind, self.symbol)

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("old_loc", "new_loc"):
            loc = getattr(self, key)
            data[key] = None if loc is None else {"file": loc.file, "line": loc.line}
        data["members"] = [m.to_dict() for m in self.members]
        return data


def worst(severities) -> str | None:
    """The worst severity among `severities`, or None if empty."""
    ranked = [SEVERITIES.index(s) for s in severities if s in SEVERITIES]
    return SEVERITIES[min(ranked)] if ranked else None
