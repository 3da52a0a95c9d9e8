"""Small named questions the detectors ask, read as sentences."""
from __future__ import annotations

import re
from collections import Counter

from ..model import Function, Record
from .compare import flatten_fields
from .names import is_opposite, rule_between, similarity


# A tagged type (`struct foo`, renamed as a whole) or a single word (`foo`).
_TYPE_WORD = re.compile(r"\b(?:(struct|union|enum) (\w+)|(\w+))\b")


def with_renames(text: str | None, renames: dict[str, str] | None) -> str | None:
    """`text` with every renamed type name replaced by its new name."""
    if not renames or text is None:
        return text

    def rename(m: re.Match) -> str:
        if m.group(0) in renames:            # `struct foo` -> `union foo`, or a plain word
            return renames[m.group(0)]
        if m.group(1):                       # `struct foo_s` -> `struct foo`: the tag renamed
            return f"{m.group(1)} {renames.get(m.group(2), m.group(2))}"
        return m.group(0)
    return _TYPE_WORD.sub(rename, text)


def signature(f: Function, renames: dict[str, str] | None = None) -> tuple:
    """Return and parameter types, resolved, with renamed type names mapped to their new names."""
    return (with_renames(f.return_resolved, renames),
            tuple(with_renames(p.resolved, renames) for p in f.params), f.variadic)


def has_same_signature(a: Function, b: Function, renames: dict[str, str] | None = None) -> bool:
    return signature(a, renames) == signature(b, renames)


def is_one_param_edit(a: Function, b: Function, renames: dict[str, str] | None = None) -> bool:
    """Same return and variadic-ness, and exactly one parameter added or removed."""
    (ret_a, params_a, var_a), (ret_b, params_b, var_b) = signature(a, renames), signature(b, renames)
    if ret_a != ret_b or var_a != var_b or abs(len(params_a) - len(params_b)) != 1:
        return False
    short, long_ = sorted((params_a, params_b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def is_reordered(old: list, new: list) -> bool:
    """The same parameters in a new order: by type, or (same types) by name."""
    types_a, types_b = [p.resolved for p in old], [p.resolved for p in new]
    if len(old) < 2 or len(old) != len(new):
        return False
    if types_a != types_b:
        return Counter(types_a) == Counter(types_b)
    names_a, names_b = [p.name for p in old], [p.name for p in new]
    by_name_a = {p.name: p.resolved for p in old}
    return (None not in names_a + names_b and len(set(names_a)) == len(names_a)
            and names_a != names_b and by_name_a == {p.name: p.resolved for p in new})


def has_similar_name(a: str, b: str) -> bool:
    """One token rewrite turns a into b, or the names are very alike (never opposites)."""
    if is_opposite(a, b):
        return False
    return rule_between(a, b) is not None or similarity(a, b) >= 0.75


def field_types(record: Record) -> dict[str, str]:
    """{field path: resolved type} of a record."""
    return {p: f.resolved for p, f in flatten_fields(record.fields).items()}


def has_same_fields(a: Record, b: Record) -> bool:
    fa = field_types(a)
    return bool(fa) and fa == field_types(b)


def is_anonymous_enum(name: str) -> bool:
    """`enum FIRST_MEMBER`: how the model names an enum with neither tag nor typedef."""
    return name.startswith("enum ")


def is_opaque_now(a: Record, b: Record) -> bool:
    return a.complete and not b.complete


def is_trivial_type(resolved: str) -> bool:
    """Too common to say two typedefs are the same thing renamed."""
    return resolved in {"int", "unsigned int", "char", "unsigned char", "long", "unsigned long",
                        "short", "unsigned short", "_Bool", "void", "char *", "const char *",
                        "long long", "unsigned long long", "signed char", "double", "float"}


def is_trivial_body(body: str) -> bool:
    """A flag-like macro value (``, `0`, `1`): too common to say two macros are one."""
    return body.strip("() ") in ("", "0", "1", "-1", "true", "false")


def is_explained_by_rename(d, renames: dict[str, str]) -> bool:
    """A type that only differs by a renamed record/enum/typedef name: that rename covers it.

    Judged on the resolved types: the new spelling may go through a typedef of the renamed
    record (`git_transfer_progress` -> `git_indexer_progress`, a typedef of the renamed struct),
    and is the same type all the same."""
    if d.old is None or d.new is None or not renames:
        return False
    if d.old_resolved and d.new_resolved:
        return with_renames(d.old_resolved, renames) == d.new_resolved
    return with_renames(d.old, renames) == d.new


def is_explained_by_typedef(d, changed_typedefs: set[str]) -> bool:
    """A type change felt through an unchanged typedef name is reported once, on the typedef."""
    return (d.aspect in ("param_type", "return_type", "field_type", "target") and d.old == d.new
            and any(t in changed_typedefs for t in re.findall(r"\w+", d.old or "")))


def has_similar_signature(a: Function, b: Function) -> bool:
    """Same number of parameters and the same return type as written: one function renamed,
    perhaps with a type renamed too, not one function's name given to a different one."""
    return (len(a.params) == len(b.params) and a.variadic == b.variadic
            and (a.return_type == b.return_type or a.return_resolved == b.return_resolved))


_ARITHMETIC = re.compile(r"^(?:(?:const|volatile|signed|unsigned|short|long|int|char|_Bool|float|double)\s*)+$"
                         r"|^(?:const |volatile )*enum \w+$")


def is_arithmetic(resolved: str | None) -> bool:
    """A plain integer, boolean, floating or enum type: values convert implicitly between them."""
    return bool(resolved) and bool(_ARITHMETIC.match(resolved.strip()))


def is_const_added(old: str | None, new: str | None) -> bool:
    """`T *` -> `const T *`: one level of pointer whose pointee became const (callers still compile).

    Deeper pointers do not count: `char **` does not convert to `const char **` in C.
    """
    if not old or not new or old.count("*") != 1 or not old.endswith("*"):
        return False
    base = old[:-1].strip()
    return new.replace(" ", "") in (f"const{base}*".replace(" ", ""), f"{base}const*".replace(" ", "")) \
        and "const" not in base.split()


_ARRAY_TYPE = re.compile(r"^(.*?)\s*\[(\d*)\]$")


def is_array_resized(old: str | None, new: str | None) -> bool:
    """`int [5]` -> `int [7]`: the same element type, only the length changed."""
    a, b = _ARRAY_TYPE.match(old or ""), _ARRAY_TYPE.match(new or "")
    return bool(a and b and a.group(1) == b.group(1) and a.group(2) != b.group(2) and a.group(2) and b.group(2))
