"""Witnesses: the ordinary uses of an old declaration, as C, for the compiler to judge.

"Breaking" means code that compiled against the old revision stops
compiling.  For a type change that is C's call, not a spelling's: `int` to
`double` parameters convert implicitly, `const` on a by-value parameter is
not part of a function's type, `void` to `long` returns break nothing.  So
for each candidate finding we write what old code ordinarily does with the
declaration -- call it with arguments of the old types and keep the result
in the old return type, read and write a field or variable through its old
type -- and compile all of it at once against the NEW headers (see
api.judge).  A witness that compiles proves the finding is not a
source break; one that fails proves it is, with the compiler's words.

Each witness is a small function on lines of its own, so diagnostics map
back to findings by line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import ApiModel
from .finding import Finding

# Kinds whose source severity the compiler can settle with a witness of the old declaration.
FUNCTION_KINDS = {"function_param_type_changed", "function_return_type_changed", "function_param_const_added",
                  "function_variadic_changed", "function_param_added", "function_param_removed"}
VALUE_KINDS = {"variable_type_changed", "record_field_type_changed", "typedef_target_changed"}
WITNESSED = FUNCTION_KINDS | VALUE_KINDS
# Findings of a function that a compiling witness would not clear: a same-type reorder compiles
# but swaps meanings; a function gone or renamed has nothing to call.
_ARITY_KINDS = {"function_params_reordered", "function_removed", "function_renamed", "function_became_macro"}


@dataclass
class Witness:
    key: str                      # what it stands for: function name, Record.path, variable, typedef
    code: str                     # one C function, no trailing newline
    findings: list[Finding] = field(default_factory=list)
    first_line: int = 0           # where it lands in the unit (set by `unit`)
    last_line: int = 0


def witnesses(findings: list[Finding], old: ApiModel, new: ApiModel) -> list[Witness]:
    """One witness per declaration that has witnessable findings (and nothing that blocks one)."""
    blocked = {f.symbol for f in findings if f.kind in _ARITY_KINDS}
    by_key: dict[str, Witness] = {}
    for f in findings:
        if f.kind not in WITNESSED or f.severity != "breaking":
            continue
        made = _make(f, old, new, blocked)
        if made is None:
            continue
        key, code = made
        by_key.setdefault(key, Witness(key, code)).findings.append(f)
    return list(by_key.values())


def _make(f: Finding, old: ApiModel, new: ApiModel, blocked: set[str]) -> tuple[str, str] | None:
    index = len(f.symbol)        # only for a stable, unique C name below
    tag = _c_name(f.symbol)
    if f.kind in FUNCTION_KINDS:
        fn = old.functions.get(f.symbol)
        if fn is None or f.symbol in blocked or f.symbol not in new.functions:
            return None
        # A `void *` parameter takes any object pointer: ordinary callers pass their own buffers,
        # so the witness passes a `char *` (a `const void *` one, a `const char *`).
        args = [f"__typeof__({_ordinary_argument(p.resolved, p.type)}) a{i}" for i, p in enumerate(fn.params)
                if p.type.strip() != "void"]
        decls = "".join(f" {a};" for a in args)
        call = f"{fn.name}({', '.join(f'a{i}' for i in range(len(args)))})"
        use = f" {call};" if fn.return_type.strip() == "void" else \
            f" __typeof__({fn.return_type}) r = {call}; (void)r;"
        return f"function:{fn.name}", f"static void apicompat_w_{tag}(void) {{{decls}{use} }}"
    if f.kind == "variable_type_changed":
        var = old.variables.get(f.symbol)
        if var is None or "[" in var.type or f.symbol not in new.variables:
            return None
        write = "" if var.type.lstrip().startswith("const") else f" {var.name} = v;"
        return f"variable:{var.name}", \
            f"static void apicompat_w_{tag}(void) {{ __typeof__({var.type}) v = {var.name};{write} (void)v; }}"
    if f.kind == "record_field_type_changed":
        path = f.facts.get("path") or f.facts.get("field")
        record = old.records.get(f.facts.get("record", ""))
        old_type = f.facts.get("old_type")
        if not path or record is None or not old_type or "[" in old_type or "{" in old_type:
            return None
        type_name = record.name if record.name in new.typedefs else f"{record.kind} {record.name}"
        return f"field:{record.name}.{path}", (
            f"static void apicompat_w_{tag}_{index}({type_name} *s) {{ __typeof__({old_type}) v = s->{path}; "
            f"s->{path} = v; (void)v; }}")
    if f.kind == "typedef_target_changed":
        td = old.typedefs.get(f.symbol)
        if td is None or "[" in td.type or "(" in td.type or f.symbol not in new.typedefs:
            return None
        if td.resolved.split(" ", 1)[0] in ("struct", "union"):
            # A record's typedef is used through its name and pointers (the record itself may be
            # opaque); spelling the old tag is the record finding's business.
            return f"typedef:{td.name}", (
                f"static void apicompat_w_{tag}({td.name} *x) {{ {td.name} *y = x; (void)y; }}")
        return f"typedef:{td.name}", (
            f"static void apicompat_w_{tag}({td.name} x) {{ __typeof__({td.type}) v = x; {td.name} y = v; "
            f"(void)y; }}")
    return None


def _ordinary_argument(resolved: str, written: str) -> str:
    from .compare import adjusted
    compact = resolved.replace(" ", "")
    if compact == "void*":
        return "char *"
    if compact in ("constvoid*", "voidconst*"):
        return "const char *"
    return adjusted(written)       # `rp_buf bufs[]` is passed as an `rp_buf *`


def _c_name(symbol: str) -> str:
    return "".join(c if c.isalnum() or c == "_" else "_" for c in symbol)


def unit(items: list[Witness], includes: list[str]) -> str:
    """The translation unit: the NEW headers, then every witness on lines of its own."""
    lines = [f'#include "{h}"' for h in includes]
    for w in items:
        lines.append("")
        w.first_line = len(lines) + 1
        lines.extend(w.code.splitlines())
        w.last_line = len(lines)
    return "\n".join(lines) + "\n"


def owner(items: list[Witness], line: int) -> Witness | None:
    """The witness a diagnostic at `line` of the unit belongs to."""
    return next((w for w in items if w.first_line <= line <= w.last_line), None)
