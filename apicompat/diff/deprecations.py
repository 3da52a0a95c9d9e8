"""Deprecated aliases: a rename whose old name still resolves in the new revision.

Libraries often rename and keep the old name as `#define old_name new_name`
or `typedef new_type old_type` (in a `deprecated.h` included unless the
consumer opts out).  Old code still compiles: that is a deprecation
(compatible), not a break, and the alias is not a separate "macro added".
The finding says which macro removes the alias (the opt-out), when the
alias sits under `#ifndef SOME_MACRO`.
"""
from __future__ import annotations

import re

from ..model import ApiModel
from .finding import Finding

RENAME_KINDS = {"function_renamed", "typedef_renamed", "record_renamed", "enum_renamed",
                "enum_member_renamed", "macro_renamed", "variable_renamed"}
_OPT_OUT = re.compile(r"!defined\((\w+)\)")


def mark_deprecated_aliases(findings: list[Finding], new: ApiModel) -> list[Finding]:
    """Rename findings whose old name is still an alias become compatible deprecations;
    the alias's own `macro_added`/`typedef_added` finding is dropped (it is the same change)."""
    aliases: set[str] = set()
    for f in findings:
        members = f.members if f.kind == "rename_family" else [f]
        for m in members:
            if m.kind in RENAME_KINDS:
                _alias_of(m, new, aliases)
        if f.kind == "rename_family" and f.members and all(m.facts.get("deprecated_alias") for m in f.members):
            _deprecate(f, "every member's old name is kept as an alias")
    return [f for f in findings
            if not (f.kind in ("macro_added", "typedef_added") and f.symbol in aliases)]


def _alias_of(f: Finding, new: ApiModel, aliases: set[str]) -> bool:
    old_name = f.facts.get("old_name")
    if not old_name:
        return False
    alias = new.macros.get(old_name) or new.typedefs.get(old_name)
    if alias is None:
        return False
    if not _resolves(alias, new):     # kept only to fail with a message: part of this rename, a break
        aliases.add(old_name)
        f.evidence.append(f"`{old_name}` now expands to `{alias.body}`, which nothing declares: every use "
                          "fails to compile")
        return False
    aliases.add(old_name)
    where = f" ({alias.loc})" if alias.loc else ""
    opt_out = _OPT_OUT.findall(getattr(alias, "condition", "") or "")
    f.facts["deprecated_alias"] = alias.decl
    if opt_out:
        f.facts["opt_out"] = opt_out[0]
    _deprecate(f, f"the old name still resolves: `{alias.decl}`{where}"
               + (f"; defining {opt_out[0]} removes it" if opt_out else ""))
    new_name = f.facts.get("new_name", f.symbol)
    f.message = (f"`{old_name}` is now `{new_name}`; the old name is kept as a deprecated alias, so "
                 "existing code still compiles" + (" (a binary still needs the library to export the old "
                                                   "symbol)" if f.kind == "function_renamed" else "") + ".")
    f.hint = (f"Move to `{new_name}` before the alias goes"
              + (f" (build with -D{opt_out[0]} to find every use)." if opt_out else "."))
    return True


def _resolves(alias, new: ApiModel) -> bool:
    """A typedef always names a type; a macro alias must expand to something declared (not to a
    name made up to fail with a message, as `#define Old Old_renamed_New` does)."""
    body = getattr(alias, "body", None)
    if body is None:
        return True
    word = body.strip().strip("()").strip()
    if not word.isidentifier():
        return True
    return any(word in table for table in (new.functions, new.macros, new.variables, new.typedefs, new.records,
                                           new.enums)) or word in new.enumerators()


def _deprecate(f: Finding, why: str) -> None:
    f.severity = "compatible"
    f.evidence.append(f"deprecated, not removed: {why}; old code still compiles, move to the new name")
