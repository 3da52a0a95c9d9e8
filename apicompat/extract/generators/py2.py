"""Convert Python 2 generator scripts to Python 3 with fissix (a maintained lib2to3)."""
from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from pathlib import Path

from ...errors import GeneratorError


# `print >>f, x` compiles under Python 3 (a shift inside a tuple) and fails only when run.
_PRINT_TO_FILE = re.compile(r"^[ \t]*print[ \t]*>>", re.M)


def needs_conversion(source: str) -> bool:
    """Is this file Python 2 only: does it fail to compile as Python 3 (print statements,
    old except/raise...) or print to a file with `print >>f, ...`?"""
    try:
        compile(source, "<generator>", "exec")
    except SyntaxError:
        return True
    return bool(_PRINT_TO_FILE.search(source))


# Converted sources by content (None: Python 3 already): a history walk meets the same scripts
# at most revisions.
_CONVERTED: dict[str, str | None] = {}


def convert_python2(files: list[Path]) -> list[Path]:
    """Rewrite, in place, the files that are Python 2 only; returns those converted."""
    converted = []
    for path in files:
        if path.suffix != ".py":
            continue
        source = path.read_text(errors="replace")
        key = hashlib.sha256(source.encode()).hexdigest()
        if key not in _CONVERTED:     # compiling to find out cost as much as converting
            _CONVERTED[key] = _shared(key, source, path.name)
        if _CONVERTED[key] is not None:
            path.write_text(_CONVERTED[key])
            converted.append(path)
    return converted


def _shared(key: str, source: str, name: str) -> str | None:
    """The conversion of `source` (None: none needed), through the generators' store: a walk's
    other workers, and later runs, meet the same scripts."""
    from . import memo
    stored_key = hashlib.sha256(b"fissix\0" + key.encode()).hexdigest()
    kept = memo.recall(stored_key) if memo.enabled() else None
    if kept is not None and set(kept[0]) <= {"converted"}:
        return kept[0]["converted"].decode() if kept[0] else None
    converted = _convert(source, name) if needs_conversion(source) else None
    if memo.enabled():
        memo.keep(stored_key, {"converted": converted.encode()} if converted is not None else {}, [])
    return converted


# Fixers that cannot use fissix's bottom-up matcher visit every node of the tree: a third of a
# conversion.  Each can only change a source holding its trigger (a conservative test: a string
# or a comment may hold one too); without it the fixer is left out and the output is the same.
def _asserts_trigger():
    from fissix.fixes.fix_asserts import NAMES
    return re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, NAMES)))


_TRIGGERS = {
    "fissix.fixes.fix_ne": lambda: re.compile(r"<>"),
    # octal 0777 and long 10L / 0x1fL (a literal that starts with 0 otherwise is left as it is)
    "fissix.fixes.fix_numliterals": lambda: re.compile(r"(?<!\w)(?:0[0-9]|(?:0[xX][0-9a-fA-F]+|[0-9]+)[lL])"),
    "fissix.fixes.fix_asserts": _asserts_trigger,
    "fissix.fixes.fix_sorted": lambda: re.compile(r"sort"),
}


@lru_cache(maxsize=1)
def _triggers() -> dict:
    return {fixer: make() for fixer, make in _TRIGGERS.items()}


@lru_cache(maxsize=16)
def _tool(left_out: frozenset = frozenset()):
    """One converter per set of fixers, per process: loading its fixers cost more than most
    conversions."""
    from fissix import refactor
    logging.getLogger("RefactoringTool").setLevel(logging.ERROR)
    fixers = [f for f in refactor.get_fixers_from_package("fissix.fixes") if f not in left_out]
    return refactor.RefactoringTool(fixers, options={"print_function": False})


def _untriggered(source: str) -> frozenset:
    return frozenset(fixer for fixer, trigger in _triggers().items() if not trigger.search(source))


def _convert(source: str, name: str) -> str:
    tool = _tool(_untriggered(source))
    try:
        return str(tool.refactor_string(source + "\n", name))
    except Exception as exc:   # fissix raises its own parse errors
        raise GeneratorError(f"cannot convert {name} from Python 2: {exc}") from None
