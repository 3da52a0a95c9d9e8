"""Public API first: which findings are about a library's internals.

A maintainer reads the public API first.  Internal by a general, documented
rule (docs/profiles.md):

* names with a leading underscore (`_lib_impl`, `__LIB_H`), or a double
  underscore inside (`lib__gc`) unless a public typedef names that record,
  or a `private`/`internal` word (`UV_HANDLE_PRIVATE_FIELDS`);
* record members named `reserved*`, `private*`, `priv`, `_...`, or brought in
  by a `*_PRIVATE_FIELDS`-style macro;
* anything declared in a header under a `private/` or `internal/` folder;
* whatever the profile's `internal` globs match.

Such findings keep their kind and severity but are marked `internal`: they
get their own section after the public ones and never decide the verdict or
the exit status (result.DiffResult.active).
"""
from __future__ import annotations

import re

from ..model import ApiModel
from ..vcs.globs import match
from .finding import Finding

_PRIVATE_MEMBER = re.compile(r"^(_.*|reserved\w*|private\w*|priv|padding\w*|pad\d*|unused\w*)$", re.I)
_PRIVATE_FOLDERS = ("private", "internal", "priv", "impl")
_PRIVATE_MACRO = re.compile(r"PRIVATE|INTERNAL|RESERVED", re.I)
_PRIVATE_TOKEN = re.compile(r"(?:^|_)(?:private|internal)(?:_|$)", re.I)


def is_private_member(name: str) -> bool:
    """A member private by its name: `_x`, `reserved`, `private`, `padding`, `unused`..."""
    return bool(_PRIVATE_MEMBER.match(name))


def mark_internals(findings: list[Finding], old: ApiModel, new: ApiModel, globs: list[str] = ()) -> None:
    """Set `internal` (the reason) on every finding about an internal; families by their members."""
    public_tags = _public_record_tags(old) | _public_record_tags(new)
    for f in findings:
        if f.kind == "rename_family":
            reasons = [internal_reason(m, old, new, public_tags, globs) for m in f.members]
            if reasons and all(reasons):
                f.internal = reasons[0]
            continue
        f.internal = internal_reason(f, old, new, public_tags, globs)


def internal_reason(f: Finding, old: ApiModel, new: ApiModel, public_tags: set[str], globs) -> str:
    names = [f.symbol, f.facts.get("old_name") or ""]
    for name in filter(None, names):
        if any(match(g, name) for g in globs):
            return f"the profile marks `{name}` internal"
    head, _, path = f.symbol.partition(".")
    if path:                                   # a record member: `rec.u.priv`
        for part in path.split("."):
            if _PRIVATE_MEMBER.match(part):
                return f"member `{part}` is private by its name"
        field = _field(old, head, path) or _field(new, head, path)
        if field is not None and field.injected and _PRIVATE_MACRO.search(field.injected):
            return f"member brought in by {field.injected}"
    name = head.split(" ")[-1]
    if name.startswith("_"):
        return f"`{name}` starts with an underscore"
    if _PRIVATE_TOKEN.search(name):
        return f"`{name}` is named private or internal"
    if "__" in name.strip("_") and name not in public_tags:
        return f"`{name}` has a double underscore (an implementation name)"
    for loc in (f.old_loc, f.new_loc):
        if loc is not None and any(part in _PRIVATE_FOLDERS for part in loc.file.split("/")[:-1]):
            return f"declared in {loc.file}, under a private folder"
    return ""


def _public_record_tags(model: ApiModel) -> set[str]:
    """Record/enum tags a typedef with a public-looking name refers to (`libxl_ctx` -> `libxl__ctx`)."""
    tags = set()
    for td in model.typedefs.values():
        parts = td.resolved.split()
        if len(parts) == 2 and parts[0] in ("struct", "union", "enum") and not td.name.startswith("_"):
            tags.add(parts[1])
    return tags


def _field(model: ApiModel, record: str, path: str):
    rec = model.records.get(record)
    if rec is None:
        return None
    fields = rec.fields
    found = None
    for part in path.split("."):
        found = next((x for x in fields if x.name == part), None)
        if found is None:
            return None
        fields = found.fields
    return found


def reserved_slots_used(findings: list[Finding], old: ApiModel, new: ApiModel) -> None:
    """A member added in the very slot of a removed `reserved*`-style member, with its type, is the
    reserved space put to use: sizes and offsets are unchanged, so old code and binaries are fine."""
    removed = [f for f in findings if f.kind == "record_field_removed"]
    for added in [f for f in findings if f.kind == "record_field_added"]:
        record = added.facts.get("record")
        new_path = added.facts.get("path") or ""
        for gone in removed:
            old_path = gone.facts.get("path") or ""
            if gone.facts.get("record") != record or not _PRIVATE_MEMBER.match(old_path.rsplit(".", 1)[-1]):
                continue
            if gone.facts.get("old_type") != added.facts.get("new_type"):
                continue
            if _slot(old, record, old_path) is None or _slot(old, record, old_path) != _slot(new, record, new_path):
                continue
            added.severity = "compatible"
            added.evidence.append(f"the reserved member `{old_path}` put to use: same type, same slot, so sizes "
                                  "and offsets are unchanged")
            break


def _slot(model: ApiModel, record: str | None, path: str) -> int | None:
    rec = model.records.get(record or "")
    if rec is None or "." in path:
        return None
    names = [f.name for f in rec.fields]
    return names.index(path) if path in names else None
