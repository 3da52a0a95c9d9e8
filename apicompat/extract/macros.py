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


_GUARD = re.compile(r"#[ \t]*ifndef[ \t]+(\w+)[ \t]*\r?\n[ \t\r\n]*#[ \t]*define[ \t]+(\w+)")


def include_guard(header_text: str) -> str | None:
    """The macro an `#ifndef X / #define X` pair at the top of a header guards with.

    Leading comments are skipped by a scanner, not a pattern: a repeated group of
    optional comments backtracks exponentially on a header with no guard."""
    match = _GUARD.match(header_text, skip_comments(header_text))
    if match and match.group(1) == match.group(2):
        return match.group(1)
    return None


def skip_comments(text: str, pos: int = 0) -> int:
    """The index of the first character at or after `pos` that is neither white space nor in a comment."""
    end = len(text)
    while pos < end:
        if text[pos].isspace():
            pos += 1
        elif text.startswith("//", pos):
            newline = text.find("\n", pos)
            pos = end if newline < 0 else newline + 1
        elif text.startswith("/*", pos):
            close = text.find("*/", pos + 2)
            pos = end if close < 0 else close + 2
        else:
            break
    return pos
