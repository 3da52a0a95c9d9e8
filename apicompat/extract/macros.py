"""Macros: `#define` lines from the preprocessor's -dD output -> model Macros."""
from __future__ import annotations

import re

from ..model import Location, Macro

_DEFINE = re.compile(r"^(?P<name>\w+)(?P<params>\([^)]*\))?(?:\s+(?P<body>.*))?$", re.S)


def parse_define(text: str, loc: Location) -> Macro | None:
    """`NAME(a, b) body` (the text after `#define `) -> Macro; None if malformed."""
    match = _DEFINE.match(text.strip())
    if not match:
        return None
    params = None
    if match["params"] is not None:
        inner = match["params"][1:-1].strip()
        params = [p.strip() for p in inner.split(",")] if inner else []
    body = " ".join((match["body"] or "").split())
    head = match["name"] + (f"({', '.join(params)})" if params is not None else "")
    decl = f"#define {head}" + (f" {body}" if body else "")
    return Macro(match["name"], params, body, decl, loc)


def include_guard(header_text: str) -> str | None:
    """The macro an `#ifndef X / #define X` pair at the top of a header guards with."""
    match = re.match(r"(?:\s*(?://[^\n]*|/\*.*?\*/))*\s*#\s*ifndef\s+(\w+)\s*\n\s*#\s*define\s+(\w+)",
                     header_text, re.S)
    if match and match.group(1) == match.group(2):
        return match.group(1)
    return None
