"""Symbols in models and findings: is it there, and which findings are about it.

A SYMBOL is a function, record, enum, typedef, variable, macro or enumerator
name, or a field path: `record.field.subfield` where `record` is a record
(or a typedef naming one) and the path may look through anonymous members
and by-value record members (`lib_info.u.pv.kernel`).

A finding concerns a symbol when it names it (its symbol, old or new name,
its record-qualified field path), names something that contains it (the
record of a field, a record renamed), or changes something it contains (a
field of the record, an enumerator of the enum).  Renames make aliases: the
history of `foo` continues as `bar` after `foo` became `bar`.
"""
from __future__ import annotations

import re
from typing import Any

from ..diff.finding import Finding
from ..model import ApiModel, Record

_TAG = re.compile(r"^(?:const\s+)?(struct|union) (\w+)$")
# Kinds whose finding moves a name to another: the history follows it.
RENAME_KINDS = {"function_renamed", "record_renamed", "enum_renamed", "typedef_renamed", "variable_renamed",
                "macro_renamed", "enum_member_renamed", "record_field_renamed", "record_field_moved"}


def record_named(model: ApiModel, name: str) -> Record | None:
    """The record called `name`, or the one a typedef `name` stands for."""
    if name in model.records:
        return model.records[name]
    typedef = model.typedefs.get(name)
    match = _TAG.match(typedef.resolved) if typedef else None
    return model.records.get(match.group(2)) if match else None


def find_symbol(model: ApiModel, symbol: str) -> list[tuple[str, Any]]:
    """Every declaration `symbol` names in `model`: [(kind, item)], fields as ("fields", Field)."""
    if "." not in symbol:
        return model.find(symbol)
    from ..diff.detect_records import expanded_fields
    head, _, path = symbol.partition(".")
    record = record_named(model, head)
    if record is None:
        return []
    found = expanded_fields(record, model).get(path)
    return [("fields", found)] if found is not None else []


def is_present(model: ApiModel, symbol: str) -> bool:
    return bool(find_symbol(model, symbol))


def declared_in(model: ApiModel, symbol: str) -> set[str]:
    """The headers declaring `symbol` in `model`."""
    return {item.loc.file for _, item in find_symbol(model, symbol) if getattr(item, "loc", None)}


def finding_names(f: Finding) -> set[str]:
    """Every name a finding is about, field paths qualified by their record."""
    facts = f.facts
    names = {f.symbol, f.symbol.split(" ")[0]}
    names.update(str(facts[k]) for k in ("old_name", "new_name") if facts.get(k) and "record" not in facts)
    record = facts.get("record")
    if record:
        for key in ("path", "new_path", "old_name", "new_name"):
            if facts.get(key):
                names.add(f"{record}.{facts[key]}")
    return {n for n in names if n}


# Findings about a whole record that concern each of its fields too.
WHOLE_RECORD_KINDS = {"record_removed", "record_renamed", "record_made_opaque", "record_made_complete",
                      "record_kind_changed", "record_added", "typedef_removed", "typedef_renamed",
                      "typedef_added", "typedef_target_changed"}


def concerns(f: Finding, names: set[str]) -> bool:
    """True if the finding is about one of `names`, something containing it, or inside it.

    A field is concerned by a change of a field path containing it (`u` moved: `u.pv.kernel`
    moved too) and by the whole record's addition, removal, rename or opacity, not by other
    changes to its record (another field added, the layout)."""
    if f.facts.get("enum") in names or f.facts.get("record") in names:
        return True
    if f.kind.startswith(("header_", "include_")):      # `lib.h` is a file name, not a field path
        return bool(finding_names(f) & names)
    for mine in finding_names(f):
        for name in names:
            if mine == name or mine.startswith(name + "."):
                return True
            if name.startswith(mine + ".") and ("." in mine or f.kind in WHOLE_RECORD_KINDS):
                return True
    return False


def concerning(findings: list[Finding], names: set[str]) -> list[Finding]:
    """The findings about `names`; a rename family contributes the members about them."""
    found = []
    for f in findings:
        if f.kind == "rename_family":
            found += [m for m in f.members if concerns(m, names)]
        elif concerns(f, names):
            found.append(f)
    return found


def rename_pairs(findings: list[Finding]) -> list[tuple[str, str]]:
    """(old name, new name) for every rename or move, family members included, fields qualified."""
    pairs = []
    for f in findings:
        if f.kind == "rename_family":
            pairs += rename_pairs(f.members)
            continue
        if f.kind not in RENAME_KINDS:
            continue
        facts = f.facts
        record = facts.get("record")
        old, new = facts.get("old_name") or facts.get("path"), facts.get("new_name") or facts.get("new_path")
        if old and new:
            pairs.append((f"{record}.{old}", f"{record}.{new}") if record else (old, new))
    return pairs


def with_aliases(names: set[str], pairs: list[tuple[str, str]]) -> set[str]:
    """`names` plus what renames make of them, either way (`foo.x` -> `bar.x` when foo -> bar)."""
    names = set(names)
    changed = True
    while changed:
        changed = False
        for old, new in pairs:
            for a, b in ((old, new), (new, old)):
                for name in list(names):
                    alias = b if name == a else b + name[len(a):] if name.startswith(a + ".") else None
                    if alias and alias not in names:
                        names.add(alias)
                        changed = True
    return names


def is_rename_of(f: Finding, symbol: str) -> bool:
    """A rename (or move) whose old or new name is `symbol`."""
    return any(symbol in pair for pair in rename_pairs([f]))


def is_event(f: Finding, event: str, symbol: str) -> bool:
    """Whether a finding about `symbol` is an event of that type (see bisect)."""
    if event == "renamed":
        return is_rename_of(f, symbol)
    if event == "added":
        return f.kind.endswith("_added") and symbol in finding_names(f)
    if event == "removed":
        return f.kind.endswith("_removed") and symbol in finding_names(f) or is_rename_of(f, symbol)
    return not (f.kind.endswith("_added") and symbol in finding_names(f))     # changed


def declaration(model: ApiModel, symbol: str) -> tuple | None:
    """The symbol's declarations as written (no locations), to tell whether it changed; None if absent."""
    hits = find_symbol(model, symbol)
    if not hits:
        return None
    return tuple(sorted((kind, getattr(item, "decl", None) or f"{item.name} = {getattr(item, 'value', None)}")
                        for kind, item in hits))
