"""Function-like macros that adapt a call written for one signature to the other.

Parameters are aligned by their written types; an argument the
target lacks is evaluated and dropped, an argument the source lacks comes
from a placeholder macro the user defines.  Only pure additions/removals
are adapted: a parameter whose type changed cannot be mapped.
"""
from __future__ import annotations

import difflib
import re

from ..model import Function


def placeholder(function: str, param: str | None, position: int) -> str:
    return f"APICOMPAT_ARG_{function}_{param or position}"


class Unsafe(Exception):
    """An adapter would change what the program does: it drops an argument that carries meaning,
    or needs one the consumer has no value for.  The message says which."""


def adapt_call(source: Function, target: Function, source_name: str, target_name: str,
               values: dict[str, str] | None = None, allow_lossy: bool = False):
    """(macro definition, placeholders needed) turning a `source` call into a `target` call; None if impossible.

    Raises Unsafe when the adapter would drop an argument (unless `allow_lossy`) or needs a
    new argument the user gave no value for (`values`: {"function.param": "C expression"})."""
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
            if not allow_lossy:
                names = ", ".join(source.params[i].name or f"argument {i + 1}" for i in range(i1, i2))
                raise Unsafe(f"the adapter would drop {names}, which the old call passes for a reason "
                             f"(pass --allow-lossy to emit it anyway)")
            dropped += [f"_a{i + 1}" for i in range(i1, i2)]
        elif op == "insert":
            for j in range(j1, j2):
                param = target.params[j]
                given = (values or {}).get(f"{target_name}.{param.name or j + 1}")
                if given is None:
                    raise Unsafe(f"the new call needs {param.name or f'argument {j + 1}'} ({param.type}), "
                                 f"which old code has no value for (pass --arg {target_name}."
                                 f"{param.name or j + 1}=EXPR)")
                args[j] = given if re.fullmatch(r"[\w.]+", given) else f"({given})"
        else:
            return None   # a type changed: not a pure addition/removal
    formals = ", ".join(f"_a{i + 1}" for i in range(len(source.params)))
    call = f"{target_name}({', '.join(args)})"
    body = f"({', '.join(f'(void)({d})' for d in dropped)}, {call})" if dropped else call
    return f"#define {source_name}({formals}) {body}", needed
