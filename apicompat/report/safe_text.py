"""Text from the analysed repository, made safe to print on a terminal or paste in a PR comment.

Header text and commit messages are untrusted: a raw ESC can clear a
terminal (`ESC[2J`), retitle it (`ESC]0;...`) or hide text, and bidi
controls can make code read differently from what it is.  Every control
character except newline and tab is shown escaped (`\\x1b`, `\\u202e`), so
the colours on a terminal are apicompat's alone.
"""
from __future__ import annotations

import copy
import re
import dataclasses

# C0 (but \t and \n), DEL, C1, and the Unicode bidi and invisible-format controls.
_UNSAFE = {c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F} | set(range(0x80, 0xA0)) \
    | {0x061C, 0x200E, 0x200F, 0x2028, 0x2029} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
_TABLE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}
# A file name that is not UTF-8 arrives with its bytes as lone surrogates (surrogateescape):
# shown as the bytes they stand for, never written raw (no encoder takes them).
_TABLE.update({c: f"\\x{c - 0xDC00:02x}" for c in range(0xDC80, 0xDD00)})
_TABLE.update({c: f"\\u{c:04x}" for c in range(0xD800, 0xE000) if c not in _TABLE})


# A CI runner executes workflow commands in its log: `::cmd::` at a line's start (after any
# whitespace, Unicode's included, which it trims) and the older `##[cmd]` anywhere in a line.
_WORKFLOW = re.compile(r"^([^\S\n]*)::", re.M)


def defuse(text: str) -> str:
    """`text` with every workflow command a CI runner would execute made inert (a zero-width
    space inside it).  Apply it to a whole output, after wrapping (a wrap can start a line)."""
    if "::" in text:
        text = _WORKFLOW.sub(lambda m: m.group(1) + ":\u200b:", text)
    if "##[" in text:
        text = text.replace("##[", "##\u200b[")
    return text


def printable(text: str, commands: bool = False) -> str:
    """`text` with every control character but newline and tab shown escaped (and, unless
    `commands`, workflow commands defused).

    >>> printable("a\\x1b[2Jb")
    'a\\\\x1b[2Jb'
    """
    text = text.translate(_TABLE)
    return text if commands else defuse(text)


def scrub(obj, _memo: dict | None = None):
    """A copy of `obj` (dataclasses, lists, dicts, strings...) with every string `printable`."""
    memo = {} if _memo is None else _memo
    key = id(obj)
    if key in memo:
        return memo[key]
    if isinstance(obj, str):
        return printable(obj)
    if isinstance(obj, (list, tuple, set, frozenset)):
        result = type(obj)(scrub(x, memo) for x in obj)
    elif isinstance(obj, dict):
        result = {scrub(k, memo): scrub(v, memo) for k, v in obj.items()}
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        result = copy.copy(obj)
        memo[key] = result
        for f in dataclasses.fields(obj):
            object.__setattr__(result, f.name, scrub(getattr(obj, f.name), memo))
        return result
    else:
        return obj
    memo[key] = result
    return result
