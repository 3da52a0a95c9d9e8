"""Evaluate the integer constant expressions that enumerator values use.

Only what C allows in an enumerator: integer and character constants,
earlier enumerators, unary/binary/ternary operators and casts.  Anything
else (sizeof, a function-like macro left over) evaluates to None.
"""
from __future__ import annotations

import operator

from pycparser import c_ast

_BINARY = {
    "+": operator.add, "-": operator.sub, "*": operator.mul,
    "<<": operator.lshift, ">>": operator.rshift,
    "&": operator.and_, "|": operator.or_, "^": operator.xor,
    "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
    "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
    "&&": lambda a, b: int(bool(a) and bool(b)), "||": lambda a, b: int(bool(a) or bool(b)),
}
_UNARY = {"-": operator.neg, "+": operator.pos, "~": operator.invert, "!": lambda a: int(not a)}
_ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "a": 7, "b": 8, "f": 12, "v": 11}


def parse_int_literal(text: str) -> int | None:
    """`0x1fULL` -> 31, `010` -> 8, `'a'` -> 97; None if not an integer literal."""
    text = text.strip()
    if text.startswith("'") and text.endswith("'") and len(text) >= 3:
        body = text[1:-1]
        if body.startswith("\\"):
            esc = body[1:]
            if esc.startswith("x"):
                return int(esc[1:], 16)
            if esc.isdigit():
                return int(esc, 8)
            return _ESCAPES.get(esc)
        return ord(body) if len(body) == 1 else None
    digits = text.rstrip("uUlL")
    try:
        if digits.lower().startswith("0x"):
            return int(digits, 16)
        if digits.lower().startswith("0b"):
            return int(digits, 2)
        if len(digits) > 1 and digits.startswith("0"):
            return int(digits, 8)
        return int(digits, 10)
    except ValueError:
        return None


# No C integer type is wider than 128 bits: a value beyond is not one a compiler accepts, and
# unbounded Python integers would let `X << 0x7fffffff` chains fill this process's memory.
LIMIT = 1 << 128


def evaluate(node: c_ast.Node | None, names: dict[str, int | None]) -> int | None:
    """Value of an integer constant expression; `names` maps known enumerators (None beyond
    128 bits)."""
    try:
        return _eval(node, names)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError):
        return None


def _eval(node, names):
    value = _eval_unbounded(node, names)
    return value if value is None or -LIMIT < value < LIMIT else None


def _eval_unbounded(node, names):
    if isinstance(node, c_ast.Constant):
        return parse_int_literal(node.value)
    if isinstance(node, c_ast.ID):
        return names.get(node.name)
    if isinstance(node, c_ast.Cast):
        return _eval(node.expr, names)
    if isinstance(node, c_ast.UnaryOp):
        value = _eval(node.expr, names)
        fn = _UNARY.get(node.op)
        return None if value is None or fn is None else fn(value)
    if isinstance(node, c_ast.BinaryOp):
        left, right = _eval(node.left, names), _eval(node.right, names)
        if node.op == "&&" and 0 in (left, right):     # settled by one side, as C evaluates it
            return 0
        if node.op == "||" and any(v not in (None, 0) for v in (left, right)):
            return 1
        if left is None or right is None:
            return None
        if node.op in ("/", "%"):
            quotient = abs(left) // abs(right) * (1 if (left < 0) == (right < 0) else -1)
            return quotient if node.op == "/" else left - quotient * right
        if node.op in ("<<", ">>") and not 0 <= right < 128:
            return None                        # undefined in C, and a memory bomb in Python
        fn = _BINARY.get(node.op)
        return None if fn is None else fn(left, right)
    if isinstance(node, c_ast.TernaryOp):
        cond = _eval(node.cond, names)
        if cond is None:
            return None
        return _eval(node.iftrue if cond else node.iffalse, names)
    return None
