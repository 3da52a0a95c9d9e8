"""Header changes: public headers added/removed, includes added/removed, and new demands.

A newly included header that `#error`s unless some macro is defined is the
change that matters to consumers, so it replaces the plain `include_added`.
"""
from __future__ import annotations

from .context import Context, make_finding


def header_changes(ctx: Context):
    for d in ctx.by_kind.get("headers", {}).values():
        kind = "header_added" if d.change == "added" else "header_removed"
        finding = make_finding(kind, d.name, d.old, d.new, header=(d.new or d.old).include_name)
        if kind == "header_removed" and _unusable_before(ctx, d.old.name):
            # `git2/inttypes.h` #errors unless the compiler is MSVC: no consumer built as
            # configured could include it, so none misses it.
            finding.severity = "info"
            finding.message = (f"The header `{d.name}` is gone, but it could not be included under this "
                               "configuration before either: no consumer built this way is affected.")
            finding.hint = "Nothing to do, unless you also build for the platform it served."
            finding.evidence.append(f"it could not be included under this configuration at the old revision "
                                    f"({_unusable_before(ctx, d.old.name)}), so no consumer built this way included it")
        yield finding
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


def _unusable_before(ctx: Context, path: str) -> str:
    """The first line of the old revision's problem with `path` when its preprocessing stopped
    (an `#error` or an include it could not find), else ''."""
    for problem in ctx.old.problems:
        if problem.file == path and problem.message.startswith("cannot preprocess"):
            return problem.message.splitlines()[0].split(": ", 1)[-1]
    return ""


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
