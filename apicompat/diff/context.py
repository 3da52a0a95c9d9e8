"""What every detector shares: both models, the raw differences, what is consumed.

"Report each change once": a match (rename, family, move, regrouping)
consumes the removal and addition it explains, so later detectors skip them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import ApiModel
from . import catalogue
from .compare import Difference
from .finding import Finding


@dataclass
class Context:
    old: ApiModel
    new: ApiModel
    diffs: list[Difference]
    consumed: set[tuple[str, str, str]] = field(default_factory=set)  # (kind, side, name)
    renamed: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, old) -> new
    rules: list = field(default_factory=list)       # family rules, biggest first

    def __post_init__(self):
        self.by_kind: dict[str, dict[str, Difference]] = {}
        for d in self.diffs:
            self.by_kind.setdefault(d.kind, {})[d.name] = d
        self.old_enumerators = self.old.enumerators()
        self.new_enumerators = self.new.enumerators()

    # -- pools -------------------------------------------------------------

    def removed(self, kind: str) -> set[str]:
        if kind == "enumerators":
            names = self.old_enumerators.keys() - self.new_enumerators.keys()
        else:
            names = {n for n, d in self.by_kind.get(kind, {}).items() if d.change == "removed"}
        return {n for n in names if (kind, "old", n) not in self.consumed}

    def added(self, kind: str) -> set[str]:
        if kind == "enumerators":
            names = self.new_enumerators.keys() - self.old_enumerators.keys()
        else:
            names = {n for n, d in self.by_kind.get(kind, {}).items() if d.change == "added"}
        return {n for n in names if (kind, "new", n) not in self.consumed}

    def changed(self, kind: str) -> list[Difference]:
        return [d for d in self.by_kind.get(kind, {}).values() if d.change == "changed"]

    def consume(self, kind: str, old: str | None = None, new: str | None = None) -> None:
        if old is not None:
            self.consumed.add((kind, "old", old))
        if new is not None:
            self.consumed.add((kind, "new", new))

    def type_renames(self) -> dict[str, str]:
        """Type spellings a finding already explains, old -> new, for comparing types:
        renamed records/enums/typedefs (`lib_rect_s` -> `lib_rect`) and records that
        switched keyword (`struct lib_value` -> `union lib_value`)."""
        renames = {old: new for (kind, old), new in self.renamed.items()
                   if kind in ("records", "typedefs", "enums")}
        for name in self.old.records.keys() & self.new.records.keys():
            a, b = self.old.records[name].kind, self.new.records[name].kind
            if a != b:
                renames[f"{a} {name}"] = f"{b} {name}"
        return renames

    def poisoned_name(self, macro) -> str:
        """The undeclared identifier an object-like macro of NEW expands to ('' if anything else):
        `#define SDL_FreeWAV SDL_FreeWAV_renamed_SDL_free` keeps an old name only to fail."""
        body = (macro.body or "").strip()
        if macro.params is not None or not body.isidentifier():
            return ""
        new = self.new
        if body in new.functions or body in new.macros or body in new.variables or body in new.typedefs \
                or body in self.new_enumerators:
            return ""
        return body

    def header_of(self, item: Any, side: str) -> str | None:
        """The name consumers `#include` for the header declaring `item` (`lib.h`)."""
        loc = getattr(item, "loc", None)
        if loc is None:
            return None
        model = self.old if side == "old" else self.new
        return model.include_names.get(loc.file, loc.file)

    def item(self, kind: str, side: str, name: str) -> Any:
        model = self.old if side == "old" else self.new
        if kind == "enumerators":
            table = self.old_enumerators if side == "old" else self.new_enumerators
            hit = table.get(name)
            return hit[1] if hit else None
        return getattr(model, kind).get(name)


def make_finding(kind_id: str, symbol: str, old: Any = None, new: Any = None,
                 confidence: float | None = None, evidence: list[str] | None = None,
                 **facts) -> Finding:
    """A finding of a catalogue kind, with message and hint rendered from `facts`.

    `old` / `new` are model items (anything with `decl` and `loc`) or None.
    """
    kind = catalogue.get(kind_id)
    facts = {"symbol": symbol, **{k: v for k, v in facts.items() if v is not None}}
    return Finding(
        kind=kind_id, symbol=symbol, severity=kind.severity,
        message=kind.render(kind.explanation, facts), hint=kind.render(kind.hint, facts),
        old_decl=_decl(old), new_decl=_decl(new),
        old_loc=getattr(old, "loc", None), new_loc=getattr(new, "loc", None),
        confidence=None if confidence is None else round(confidence, 2),
        evidence=list(evidence or []), facts=facts)


def _decl(item: Any) -> str | None:
    if item is None:
        return None
    decl = getattr(item, "decl", None)
    if decl is not None:
        return decl
    name, value = getattr(item, "name", None), getattr(item, "value", None)
    if name is None:
        return None
    if value is None:                 # not evaluated (see extract/evaluate.py): show what was written
        expr = getattr(item, "expr", None)
        return f"{name} = {expr}" if expr else name
    return f"{name} = {value}"
