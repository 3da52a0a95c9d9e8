"""What a macro stands for on this configuration: its body with the side's object-like macros
and enumerators expanded, as tokens.

`ARCHIVE_COMPRESSION_NONE 0` -> `ARCHIVE_FILTER_NONE` (itself `0`), or `PNGAPI` -> `PNGCAPI`
(itself empty): the spelling changed, the meaning did not.  Bounded: a macro is not expanded
inside itself, nor deeper than the preprocessor would reasonably nest.
"""
from __future__ import annotations

from functools import lru_cache

from ..extract.ctokens import Source
from ..model import ApiModel

_DEPTH = 16
_MAX_TOKENS = 400


@lru_cache(maxsize=16384)
def body_tokens(body: str) -> tuple[str, ...]:
    """The body's preprocessing tokens: whitespace and comments between them carry no meaning."""
    return tuple(t.text for t in Source(body).tokens() if t.kind != "nl")


def expansion(body: str, model: ApiModel, enumerators: dict, params: list[str] | None = None) -> str | None:
    """The body with object-like macros and enumerators of `model` replaced, tokens joined by one
    space; None when it grows past a bound (then nothing is claimed about it)."""
    shadowed = {p.rstrip(".") for p in params or []} | {"__VA_ARGS__"}
    out: list[str] = []

    def expand(tokens: tuple[str, ...], active: frozenset, depth: int) -> bool:
        for tok in tokens:
            if len(out) > _MAX_TOKENS:
                return False
            macro = model.macros.get(tok) if tok not in shadowed else None
            if macro is not None and macro.params is None and tok not in active and depth < _DEPTH:
                if not expand(body_tokens(macro.body), active | {tok}, depth + 1):
                    return False
                continue
            member = enumerators.get(tok) if tok not in shadowed else None
            if member is not None and member[1].value is not None:
                out.append(str(member[1].value))
                continue
            out.append(tok)
        return True

    return " ".join(out) if expand(body_tokens(body), frozenset(), 0) else None


# Attributes that change neither a declaration's type nor how it is called: export and
# visibility decorations, diagnostics.  Calling-convention attributes are not among them.
DECORATIONS = {"visibility", "deprecated", "unused", "used", "warn_unused_result", "nonnull", "format",
               "malloc", "pure", "const", "noreturn", "dllexport", "dllimport", "cold", "hot", "nothrow",
               "returns_nonnull", "sentinel", "alloc_size", "warning", "__visibility__", "__deprecated__",
               "__unused__", "__warn_unused_result__", "__nonnull__", "__format__", "__malloc__", "__pure__",
               "__const__", "__noreturn__", "__dllexport__", "__dllimport__", "__nothrow__", "unavailable",
               "availability", "__availability__", "format_arg", "__format_arg__", "noinline", "always_inline",
               "__noinline__", "__always_inline__", "externally_visible", "leaf", "__leaf__"}


def is_decoration(expanded: str | None) -> bool:
    """Only `extern` and `__attribute__((...))`/`__declspec(...)` groups naming decorations, or
    nothing at all: what export macros (`ZIP_EXTERN`, `PNG_IMPEXP`) expand to."""
    if expanded is None:
        return False
    tokens = expanded.split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "extern":
            i += 1
            continue
        if tokens[i] not in ("__attribute__", "__attribute", "__declspec") or tokens[i + 1:i + 2] != ["("]:
            return False
        names_at = 1 if tokens[i] == "__declspec" else 2     # `__declspec(x)`, `__attribute__((x))`
        depth, j = 0, i + 1
        while j < len(tokens):
            tok = tokens[j]
            depth += {"(": 1, ")": -1}.get(tok, 0)
            if depth == 0:
                break
            if depth == names_at and (tok[0].isalpha() or tok[0] == "_") and tok not in DECORATIONS:
                return False
            j += 1
        if depth != 0:
            return False
        i = j + 1
    return True


def number(expanded: str | None) -> int | float | None:
    """The value of an arithmetic constant expression, floating ones included, as C computes
    it in `double` (`5000*.00001` is `.05`); None when it is not one."""
    from ..diff.severity_rules import integer_value
    from pycparser import c_ast, c_parser
    if not expanded or len(expanded) > 200:
        return None
    whole = integer_value(expanded)
    if whole is not None:
        return whole
    try:
        unit = c_parser.CParser().parse(f"double apicompat_value = {expanded};")
    except c_parser.ParseError:
        return None

    def value(node):
        if isinstance(node, c_ast.Constant):
            text = node.value.rstrip("fFlL")
            try:
                return float(text) if node.type in ("double", "float") else int(text, 0)
            except ValueError:
                return None
        if isinstance(node, c_ast.UnaryOp) and node.op in "-+":
            inner = value(node.expr)
            return None if inner is None else (-inner if node.op == "-" else inner)
        if isinstance(node, c_ast.BinaryOp) and node.op in ("+", "-", "*", "/"):
            a, b = value(node.left), value(node.right)
            if a is None or b is None or (node.op == "/" and b == 0):
                return None
            if node.op == "/" and isinstance(a, int) and isinstance(b, int):
                return None                    # integer division: integer_value's business
            return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if node.op == "/" else 0}[node.op]
        return None

    result = value(unit.ext[-1].init)
    return result if isinstance(result, (int, float)) else None
