"""Function-like macros that adapt a call written for one signature to the other.

Parameters are aligned by their written types; an argument the
target lacks is evaluated and dropped, an argument the source lacks comes
from a placeholder macro the user defines.  Only pure additions/removals
are adapted: a parameter whose type changed cannot be mapped.
"""
from __future__ import annotations

import difflib

from ..model import Function


def placeholder(function: str, param: str | None, position: int) -> str:
    return f"APICOMPAT_ARG_{function}_{param or position}"


def adapt_call(source: Function, target: Function, source_name: str, target_name: str):
    """(macro definition, placeholders needed) turning a `source` call into a `target` call; None if impossible."""
    if source.variadic or target.variadic:
        return None
    # Aligned by the types as written: what consumer code spells (a typedef whose
    # target changed, e.g. a context made opaque, still lines up).
    matcher = difflib.SequenceMatcher(a=[p.type for p in source.params],
                                      b=[p.type for p in target.params], autojunk=False)
    args: list[str | None] = [None] * len(target.params)
    dropped, needed = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                args[j] = f"_a{i + 1}"
        elif op == "delete":
            dropped += [f"_a{i + 1}" for i in range(i1, i2)]
        elif op == "insert":
            for j in range(j1, j2):
                args[j] = placeholder(target_name, target.params[j].name, j + 1)
                needed.append((args[j], target.params[j]))
        else:
            return None   # a type changed: not a pure addition/removal
    formals = ", ".join(f"_a{i + 1}" for i in range(len(source.params)))
    call = f"{target_name}({', '.join(args)})"
    body = f"({', '.join(f'(void)({d})' for d in dropped)}, {call})" if dropped else call
    return f"#define {source_name}({formals}) {body}", needed
