"""What a macro stands for on this configuration: its body with the side's own macros
(object-like and function-like) and enumerators expanded, as tokens.

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
    """The body with object-like and function-like macros and enumerators of `model` replaced,
    its own parameters numbered (`$1`), tokens joined by one space; None when it grows past a
    bound or uses `#`/`##` in a macro it expands (then nothing is claimed about it)."""
    own = {p.rstrip("."): f"${i + 1}" for i, p in enumerate(params or [])}
    if params:
        own.setdefault("__VA_ARGS__", "$...")
    out: list[str] = []

    def expand(tokens: list[str], active: frozenset, depth: int) -> bool:
        i = 0
        while i < len(tokens):
            if len(out) > _MAX_TOKENS:
                return False
            tok = tokens[i]
            macro = model.macros.get(tok) if not tok.startswith("$") else None
            if macro is not None and tok not in active and depth < _DEPTH:
                if macro.params is None:
                    if not expand(list(body_tokens(macro.body)), active | {tok}, depth + 1):
                        return False
                    i += 1
                    continue
                call = _call(tokens, i + 1)
                if call is not None:
                    args, after = call
                    body = _substitute(macro, args)
                    if body is None or not expand(body, active | {tok}, depth + 1):
                        return False
                    i = after
                    continue
            member = enumerators.get(tok) if not tok.startswith("$") else None
            if member is not None and member[1].value is not None:
                out.append(str(member[1].value))
            else:
                out.append(tok)
            i += 1
        return True

    tokens = [own.get(t, t) for t in body_tokens(body)]
    return " ".join(out) if expand(tokens, frozenset(), 0) else None


def _call(tokens: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """The arguments of a call whose `(` is at `start`, and the index after its `)`."""
    if start >= len(tokens) or tokens[start] != "(":
        return None
    args, current, depth = [], [], 0
    for i in range(start + 1, len(tokens)):
        tok = tokens[i]
        if tok == "(":
            depth += 1
        elif tok == ")":
            if depth == 0:
                args.append(current)
                return ([] if args == [[]] else args), i + 1
            depth -= 1
        elif tok == "," and depth == 0:
            args.append(current)
            current = []
            continue
        current.append(tok)
    return None


def _substitute(macro, args: list[list[str]]) -> list[str] | None:
    """The macro's body with its parameters replaced by `args` (no `#`/`##`: None)."""
    body = list(body_tokens(macro.body))
    if "#" in body or "##" in body:
        return None
    names = [p.rstrip(".") for p in macro.params]
    variadic = bool(names) and macro.params[-1].endswith("...")
    if variadic:
        names[-1] = "__VA_ARGS__" if macro.params[-1] == "..." else names[-1]
    if len(args) != len(names) and not (variadic and len(args) >= len(names) - 1):
        return None
    bound = {n: a for n, a in zip(names, args)}
    if variadic:
        rest = args[len(names) - 1:]
        bound[names[-1]] = [t for k, a in enumerate(rest) for t in ([","] if k else []) + a]
    return [t for tok in body for t in bound.get(tok, [tok])]


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
    from .severity_rules import integer_value
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
