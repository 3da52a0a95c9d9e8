"""Header changes: public headers added/removed, includes added/removed, and new demands.

A newly included header that `#error`s unless some macro is defined is the
change that matters to consumers, so it replaces the plain `include_added`.
"""
from __future__ import annotations

from .context import Context, make_finding


def header_changes(ctx: Context):
    for d in ctx.by_kind.get("headers", {}).values():
        kind = "header_added" if d.change == "added" else "header_removed"
        yield make_finding(kind, d.name, d.old, d.new, header=(d.new or d.old).include_name)
    old_demanding = {_demand_key(dm) for dm in ctx.old.demands}
    for d in sorted(ctx.by_kind.get("includes", {}).values(), key=lambda d: d.name):
        inc = d.new or d.old
        header = (ctx.new if d.new else ctx.old).include_names.get(inc.loc.file, inc.loc.file)
        if d.change == "removed":
            condition = getattr(inc, "condition", "")
            yield make_finding("include_removed", d.name, _IncludeItem(inc), None, header=header, target=inc.target,
                               evidence=[f"it was included only when {condition}"] if condition else None)
            continue
        demands = [dm for dm in ctx.new.demands
                   if _names(dm.header, inc.target) and _demand_key(dm) not in old_demanding]
        if demands:
            macros = _demanded(demands)
            yield make_finding("include_demands_macro", d.name, None, _IncludeItem(inc),
                               evidence=[f"{dm.loc}: #error {dm.message} (unless {dm.condition})"
                                         for dm in demands],
                               header=header, target=inc.target,
                               macros=macros[0] if macros else "the macro its #error names")
        else:
            condition = getattr(inc, "condition", "")
            yield make_finding("include_added", d.name, None, _IncludeItem(inc), header=header, target=inc.target,
                               evidence=[f"only when {condition} (a configuration may never take it)"]
                               if condition else None)


def _demanded(demands) -> list[str]:
    """Macros that satisfy the demands, the one an #error message names first."""
    named = sorted({m for dm in demands for m in dm.macros})
    return sorted(named, key=lambda m: (not any(m in dm.message for dm in demands), m))


def _demand_key(dm) -> tuple[str, str]:
    """A demand by header file name and condition: a header that moved folder demands the same."""
    return dm.header.rsplit("/", 1)[-1], dm.condition


def _names(header_path: str, target: str) -> bool:
    return header_path == target or header_path.endswith("/" + target)


class _IncludeItem:
    """An include as a finding side: its directive and where it is."""

    def __init__(self, inc):
        self.loc = inc.loc
        self.decl = f"#include {'<' if inc.system else chr(34)}{inc.target}{'>' if inc.system else chr(34)}"
