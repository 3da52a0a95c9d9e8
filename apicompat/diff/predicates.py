"""Small named questions the detectors ask, read as sentences."""
from __future__ import annotations

import re

from ..model import Function, Record
from .compare import flatten_fields
from .names import rule_between, similarity


def signature(f: Function, renames: dict[str, str] | None = None) -> tuple:
    """Return and parameter types, resolved, with renamed type names mapped to their new names."""
    def norm(text: str) -> str:
        if not renames:
            return text
        return re.sub(r"\b\w+\b", lambda m: renames.get(m.group(0), m.group(0)), text)
    return (norm(f.return_resolved), tuple(norm(p.resolved) for p in f.params), f.variadic)


def has_same_signature(a: Function, b: Function, renames: dict[str, str] | None = None) -> bool:
    return signature(a, renames) == signature(b, renames)


def has_similar_name(a: str, b: str) -> bool:
    """One token rewrite turns a into b, or the names are very alike."""
    return rule_between(a, b) is not None or similarity(a, b) >= 0.75


def has_same_fields(a: Record, b: Record) -> bool:
    fa = {p: f.resolved for p, f in flatten_fields(a.fields).items()}
    fb = {p: f.resolved for p, f in flatten_fields(b.fields).items()}
    return bool(fa) and fa == fb


def is_opaque_now(a: Record, b: Record) -> bool:
    return a.complete and not b.complete


def is_trivial_type(resolved: str) -> bool:
    """Too common to say two typedefs are the same thing renamed."""
    return resolved in {"int", "unsigned int", "char", "unsigned char", "long", "unsigned long",
                        "short", "unsigned short", "_Bool", "void", "char *", "const char *",
                        "long long", "unsigned long long", "signed char", "double", "float"}


def is_explained_by_typedef(d, changed_typedefs: set[str]) -> bool:
    """A type change felt through an unchanged typedef name is reported once, on the typedef."""
    return (d.aspect in ("param_type", "return_type", "field_type") and d.old == d.new
            and any(t in (d.old or "").replace("*", " ").split() for t in changed_typedefs))
