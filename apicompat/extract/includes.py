"""Includes a header makes, and what an included header demands (`#error`).

Read from the header's own text: `#include` lines are kept even inside
conditionals, since a consumer may take either branch.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from ..model import Demand, Include, Location

# [ \t]*, not \s*: \s would run across blank lines from every line start (quadratic on
# a file of blank lines).
_INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"\n]+)[>"]', re.M)
_CONDITIONAL = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)$")
_ERROR = re.compile(r"^\s*#\s*error\b\s*(.*)$")
_DEFINED = re.compile(r"defined\s*\(?\s*(\w+)")


def scan_includes(text: str, file: str, conditions: list[str] | None = None) -> list[Include]:
    """Every `#include` in `text`, with its line and the conditions it is under."""
    conditions = conditions if conditions is not None else conditions_by_line(text)
    result = []
    for match in _INCLUDE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        result.append(Include(match.group(2).strip(), match.group(1) == "<", Location(file, line),
                              condition_at(conditions, line)))
    return result


def conditions_by_line(text: str) -> list[str]:
    """For each line (index = line - 1), the `#if` conditions open there, joined with ` && `,
    the header's include guard left out."""
    from .macros import include_guard
    guard = include_guard(text)
    stack: list[list[str]] = []
    out, current = [], ""
    for line in _logical_lines(text):
        if _track_condition(stack, line):          # the open conditions change only here
            current = " && ".join(_open_conditions(stack, guard))
        out.append(current)
    return out


def _track_condition(stack: list[list[str]], line: str) -> bool:
    """Update the stack of open `#if` levels with `line`; True if it was a conditional directive.

    Each level holds its branches' conditions in order; the branch being read holds only when
    every earlier one did not (`#if A … #elif B` reads `!(A) && B`)."""
    cond = _CONDITIONAL.match(line) if "#" in line else None
    if not cond:
        return False
    kind, rest = cond.group(1), " ".join(cond.group(2).split())
    if kind in ("if", "ifdef", "ifndef"):
        stack.append([{"if": rest, "ifdef": f"defined({rest})", "ifndef": f"!defined({rest})"}[kind]])
    elif kind == "elif" and stack:
        stack[-1].append(rest)
    elif kind == "else" and stack:
        stack[-1].append("")
    elif kind == "endif" and stack:
        stack.pop()
    return True


def _level(branches: list[str]) -> str:
    """The condition under which the last branch of one `#if` level is read."""
    *earlier, current = branches
    parts = [f"!({c})" for c in earlier] + ([current] if current else [])
    return " && ".join(parts)


def _open_conditions(stack: list[list[str]], guard: str | None) -> list[str]:
    return [c for c in (_level(b) for b in stack) if c != f"!defined({guard})"]


def condition_at(conditions: list[str], line: int | None) -> str:
    return conditions[line - 1] if line and 0 < line <= len(conditions) else ""


def angle_includes(text: str) -> list[str]:
    """The names of `#include <name>` lines (the ones searched on -I folders)."""
    return [m.group(2).strip() for m in _INCLUDE.finditer(text) if m.group(1) == "<"]


def scan_demands(text: str, header: str, file: str) -> list[Demand]:
    """`#error`s reached under a condition: what must hold for the header to compile.

    A bare `#error` outside any conditional is not a demand (the header is
    simply broken); under `#ifndef X` it demands `defined(X)`.
    """
    if "error" not in text:         # lines are joined with a space: the word is never split
        return []
    key = (hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).digest(), header, file)
    found = _SCANNED.get(key)
    if found is None:
        if len(_SCANNED) > 20_000:
            _SCANNED.clear()
        found = _SCANNED[key] = tuple(_scan_demands(text, header, file))
    return [replace(d, macros=list(d.macros), loc=replace(d.loc)) for d in found]    # callers own theirs


# (digest of a text, header, file) -> its demands: a walk reads the same headers at revision
# after revision, and scanning each file the compiler entered was a fifth of a model's build.
_SCANNED: dict[tuple[bytes, str, str], tuple[Demand, ...]] = {}


def _scan_demands(text: str, header: str, file: str) -> list[Demand]:
    from .macros import include_guard
    guard = include_guard(text)
    stack: list[list[str]] = []
    demands = []
    for lineno, line in enumerate(_logical_lines(text), start=1):
        if _track_condition(stack, line):
            continue
        err = _ERROR.match(line) if "#" in line else None
        if not err:
            continue
        conditions = _open_conditions(stack, guard)
        if conditions:
            condition = " && ".join(f"({c})" if len(conditions) > 1 else c for c in conditions)
            macros = sorted(set(_DEFINED.findall(condition)))
            demands.append(Demand(header, condition, macros, err.group(1).strip(), Location(file, lineno)))
    return demands


def _logical_lines(text: str) -> list[str]:
    """Lines with backslash continuations joined (kept at the first line's number)."""
    lines = text.splitlines()
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        start = len(out)
        while line.endswith("\\") and i + 1 < len(lines):
            i += 1
            line = line[:-1] + " " + lines[i]
            out.append("")
        out.insert(start, line)
        i += 1
    return out
