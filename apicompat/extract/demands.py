"""Which conditional `#error`s a consumer built as configured must satisfy.

A revision read under the configuration fired none of its `#error`s.  One whose condition
names a macro the configuration defines (`-D __XEN_TOOLS__`) fires for a consumer that leaves
the macro out: that is a demand.  One that names none, or whose condition is false anyway on
this target once that macro is gone (another platform's branch, an `#else` after a branch the
compiler takes), demands nothing of this configuration's consumers.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pycparser import c_ast, c_parser

from ..model import Demand
from .evaluate import evaluate, parse_int_literal

_DEFINED = re.compile(r"\bdefined\s*(?:\(\s*(\w+)\s*\)|(\w+))")
_WORD = re.compile(r"\b[A-Za-z_]\w*\b")


def binding(demands: list[Demand], defines: dict[str, str], configured: set[str]) -> list[Demand]:
    """The demands that bind a consumer: `defines` maps every macro the configuration's
    translation unit ended with to its replacement text; `configured` names the `-D` macros."""
    return [dm for dm in demands
            if configured & set(dm.macros) and fires(dm.condition, defines, configured)]


def fires(condition: str, defines: dict[str, str], left_out: set[str]) -> bool:
    """Whether `condition` may hold on this target with the macros `left_out` undefined.

    Unknown terms (a function-like macro, a macro whose value is not a number) count as
    "may hold", so a demand is only dropped when the condition is surely false."""
    def is_defined(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        return "1" if name in defines and name not in left_out else "0"

    text = _DEFINED.sub(is_defined, condition)
    names: dict[str, int | None] = {}
    for word in set(_WORD.findall(text)):
        if word in left_out or word not in defines:
            names[word] = 0                    # the preprocessor reads an unknown name as 0
        else:
            names[word] = parse_int_literal(defines[word])
    value = evaluate(_parse(text), names)
    return value is None or value != 0


@lru_cache(maxsize=4096)
def _parse(text: str) -> c_ast.Node | None:
    try:
        unit = _parser().parse(f"int __apicompat_condition = ({text});")
    except c_parser.ParseError:                      # a syntax pycparser refuses (`__has_include(<x>)`): unknown
        return None
    return unit.ext[0].init


@lru_cache(maxsize=1)
def _parser() -> c_parser.CParser:
    return c_parser.CParser()
