"""Pass 1: compare two models into a tree of raw differences.

Every declaration kind: added, removed, changed; for a change, what changed
at the finest level (which parameter, which field path, which enumerator,
which macro body).  No interpretation here: renames, moves and severities
belong to `classify`.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..model import KINDS, ApiModel, Field, Function, Location


@dataclass
class Detail:
    aspect: str              # e.g. param_added, field_type, member_value, body
    path: str                # parameter `#2 ctx`, field `u.pv.kernel`, enumerator name; '' = whole
    old: str | None = None
    new: str | None = None
    old_resolved: str | None = None
    new_resolved: str | None = None


@dataclass
class Difference:
    kind: str                # model table: functions, records, enums, typedefs, variables, macros, includes, headers
    name: str
    change: str              # added | removed | changed
    old: Any = None          # model item (None when added)
    new: Any = None          # model item (None when removed)
    details: list[Detail] = field(default_factory=list)

    @property
    def loc(self) -> Location | None:
        item = self.new if self.new is not None else self.old
        return getattr(item, "loc", None)


def compare(old: ApiModel, new: ApiModel) -> list[Difference]:
    """All raw differences between two models, in a stable order (file, line, kind, name)."""
    diffs: list[Difference] = []
    for kind in KINDS:
        diffs.extend(_compare_table(kind, getattr(old, kind), getattr(new, kind)))
    diffs.extend(_compare_includes(old, new))
    diffs.extend(_compare_headers(old, new))
    return sorted(diffs, key=sort_key)


def sort_key(d: Difference) -> tuple:
    loc = d.loc
    return (loc.file if loc else "", loc.line if loc else 0, d.kind, d.name)


def _compare_table(kind: str, old: dict, new: dict) -> Iterator[Difference]:
    detail_fn = _DETAILS[kind]
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if a is None:
            yield Difference(kind, name, "added", None, b)
        elif b is None:
            yield Difference(kind, name, "removed", a, None)
        else:
            details = list(detail_fn(a, b))
            if details:
                yield Difference(kind, name, "changed", a, b, details)


# -- per-kind details ------------------------------------------------------

def function_details(a: Function, b: Function) -> Iterator[Detail]:
    if a.return_resolved != b.return_resolved or a.return_type != b.return_type:
        yield Detail("return_type", "", a.return_type, b.return_type, a.return_resolved, b.return_resolved)
    yield from param_details(a.params, b.params)
    if a.variadic != b.variadic:
        yield Detail("variadic", "...", str(a.variadic).lower(), str(b.variadic).lower())
    if a.inline != b.inline:
        yield Detail("inline", "", str(a.inline).lower(), str(b.inline).lower())


def param_label(index: int, name: str | None) -> str:
    """`2:ctx` (position, then name if any): parsed back by detect_functions."""
    return f"{index + 1}:{name or ''}"


_ARRAY = re.compile(r"^([^\[\]]*?) ?\[[^\[\]]*\]$")
_QUALIFIERS = ("const ", "volatile ", "restrict ")


def adjusted(param_type: str) -> str:
    """A parameter's type as it counts in the function's type (C11 6.7.6.3): an array becomes a
    pointer (its size is not part of the type) and top-level qualifiers are dropped, so
    `char b[16]` = `char b[32]` = `char *b` and `const int n` = `int n`."""
    text = param_type.strip()
    array = _ARRAY.match(text)
    if array:
        return array.group(1).strip() + " *"
    while text.endswith((" const", " volatile", " restrict")) and "*" in text:
        text = text.rsplit(" ", 1)[0]
    if "*" not in text and "(" not in text:
        while text.startswith(_QUALIFIERS):
            text = text.split(" ", 1)[1]
    return text


def _unqualified(text: str) -> str:
    return " ".join(w for w in text.split() if w not in ("const", "volatile", "restrict"))


def param_details(old: list, new: list) -> Iterator[Detail]:
    """Position-aware: align the parameter lists by resolved type, then report the edits.

    Lists of the same length are aligned slot by slot: `(int a, int b)` -> `(float a, int b)` is
    one parameter whose type changed, not an addition and a removal (reorders are told apart
    before this, see diff.predicates.is_reordered)."""
    if len(old) == len(new):
        for j, (a, b) in enumerate(zip(old, new)):
            if adjusted(a.resolved) != adjusted(b.resolved):     # one change to the slot, whatever its name
                yield Detail("param_type", param_label(j, b.name), a.type, b.type,
                             adjusted(a.resolved), adjusted(b.resolved))
                continue
            if a.type != b.type:
                yield Detail("param_spelling", param_label(j, b.name), a.type, b.type, a.resolved, b.resolved)
            if a.name != b.name:
                yield Detail("param_name", param_label(j, b.name), a.name, b.name)
        return
    matcher = difflib.SequenceMatcher(a=[adjusted(p.resolved) for p in old], b=[adjusted(p.resolved) for p in new],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                a, b = old[i], new[j]
                if a.type != b.type:
                    yield Detail("param_spelling", param_label(j, b.name), a.type, b.type, a.resolved, b.resolved)
                if a.name != b.name:
                    yield Detail("param_name", param_label(j, b.name), a.name, b.name)
        elif op == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                a, b = old[i], new[j]
                yield Detail("param_type", param_label(j, b.name), a.type, b.type,
                             adjusted(a.resolved), adjusted(b.resolved))
        else:
            # A parameter that stays in its slot with only qualifiers added (`char *b` -> `const
            # char *bb`) is one change to that parameter, not a removal plus an addition.
            kept = 0
            while i1 + kept < i2 and j1 + kept < j2 and \
                    _unqualified(adjusted(old[i1 + kept].resolved)) == _unqualified(adjusted(new[j1 + kept].resolved)):
                a, b = old[i1 + kept], new[j1 + kept]
                yield Detail("param_type", param_label(j1 + kept, b.name), a.type, b.type,
                             adjusted(a.resolved), adjusted(b.resolved))
                kept += 1
            for i in range(i1 + kept, i2):
                yield Detail("param_removed", param_label(i, old[i].name), old[i].type, None, old[i].resolved)
            for j in range(j1 + kept, j2):
                yield Detail("param_added", param_label(j, new[j].name), None, new[j].type, None, new[j].resolved)


def flatten_fields(fields: list[Field], prefix: str = "") -> dict[str, Field]:
    """Field tree -> {path: field}; anonymous members contribute their children directly."""
    flat: dict[str, Field] = {}
    for f in fields:
        path = f"{prefix}{f.name}" if f.name else prefix.rstrip(".")
        if f.name:
            flat[path] = f
        if f.record_kind:
            flat.update(flatten_fields(f.fields, f"{path}." if path else ""))
    return flat


def record_details(a, b) -> Iterator[Detail]:
    if a.complete != b.complete:
        yield Detail("completeness", "", "complete" if a.complete else "opaque",
                     "complete" if b.complete else "opaque")
    if a.kind != b.kind:
        yield Detail("record_kind", "", a.kind, b.kind)
    fa, fb = flatten_fields(a.fields), flatten_fields(b.fields)
    for path in sorted(fa.keys() | fb.keys()):
        x, y = fa.get(path), fb.get(path)
        if x is None:
            yield Detail("field_added", path, None, y.type, None, y.resolved)
        elif y is None:
            yield Detail("field_removed", path, x.type, None, x.resolved)
        else:
            if x.resolved != y.resolved or x.type != y.type:
                aspect = "field_type" if x.resolved != y.resolved else "field_spelling"
                yield Detail(aspect, path, x.type, y.type, x.resolved, y.resolved)
            if x.bits != y.bits:
                yield Detail("field_bits", path, _str(x.bits), _str(y.bits))
    common = [p for p in fa if p in fb]
    if common != [p for p in fb if p in fa]:
        yield Detail("field_order", "", ", ".join(common), ", ".join(p for p in fb if p in fa))


def enum_details(a, b) -> Iterator[Detail]:
    ma, mb = {m.name: m for m in a.members}, {m.name: m for m in b.members}
    for name in [m.name for m in a.members] + [m.name for m in b.members if m.name not in ma]:
        x, y = ma.get(name), mb.get(name)
        if x is None:
            yield Detail("member_added", name, None, _str(y.value))
        elif y is None:
            yield Detail("member_removed", name, _str(x.value), None)
        elif x.value != y.value:
            yield Detail("member_value", name, _str(x.value), _str(y.value))


def typedef_details(a, b) -> Iterator[Detail]:
    if a.resolved != b.resolved:
        yield Detail("target", "", a.type, b.type, a.resolved, b.resolved)
    elif a.type != b.type:
        yield Detail("target_spelling", "", a.type, b.type, a.resolved, b.resolved)


def variable_details(a, b) -> Iterator[Detail]:
    if a.resolved != b.resolved:
        yield Detail("type", "", a.type, b.type, a.resolved, b.resolved)
    elif a.type != b.type:
        yield Detail("type_spelling", "", a.type, b.type, a.resolved, b.resolved)


def macro_details(a, b) -> Iterator[Detail]:
    """Parameters compared by count and position: `SQ(v) v*v` -> `SQ(n) n*n` is no change."""
    if macro_arity(a.params) != macro_arity(b.params):
        yield Detail("params", "", _params(a.params), _params(b.params))
    if positional_body(a) != positional_body(b):
        yield Detail("body", "", a.body, b.body)


def macro_arity(params) -> tuple | None:
    return None if params is None else tuple(p == "..." or p.endswith("...") for p in params)


def positional_body(macro) -> str:
    """The body's tokens with each parameter replaced by its position (`$1`), so renames vanish,
    and whitespace between tokens (`a+b`, `a + b`) with them: it means nothing to a macro."""
    from .macro_values import body_tokens
    index = {p.rstrip("."): f"${i + 1}" for i, p in enumerate(macro.params or [])}
    if macro.params:
        index.setdefault("__VA_ARGS__", "$...")
    return " ".join(index.get(t, t) for t in body_tokens(macro.body))


_DETAILS = {
    "functions": function_details,
    "records": record_details,
    "enums": enum_details,
    "typedefs": typedef_details,
    "variables": variable_details,
    "macros": macro_details,
}


def _compare_includes(old: ApiModel, new: ApiModel) -> Iterator[Difference]:
    """Keyed by the including header's include name, so headers that moved folder
    (with the names consumers use unchanged) compare as the same headers."""
    def keyed(model):
        return {(model.include_names.get(i.loc.file, i.loc.file), i.target): i for i in model.includes}
    a, b = keyed(old), keyed(new)
    for key in sorted(a.keys() | b.keys()):
        name = f"{key[0]} -> {key[1]}"
        if key not in a:
            yield Difference("includes", name, "added", None, b[key])
        elif key not in b:
            yield Difference("includes", name, "removed", a[key], None)


def _compare_headers(old: ApiModel, new: ApiModel) -> Iterator[Difference]:
    """Public headers by the name consumers include them by, not by repository path."""
    old_names = {old.include_names.get(h, h): h for h in old.headers}
    new_names = {new.include_names.get(h, h): h for h in new.headers}
    for name in sorted(old_names.keys() ^ new_names.keys()):
        if name in new_names:
            yield Difference("headers", name, "added", None, _HeaderItem(new_names[name], name))
        else:
            yield Difference("headers", name, "removed", _HeaderItem(old_names[name], name), None)


@dataclass
class _HeaderItem:
    name: str           # repository path
    include_name: str   # what consumers write between the brackets

    @property
    def loc(self) -> Location:
        return Location(self.name, 1)

    @property
    def decl(self) -> str:
        return f"#include <{self.include_name}>"


def _str(value) -> str | None:
    return None if value is None else str(value)


def _params(params) -> str | None:
    return None if params is None else "(" + ", ".join(params) + ")"
