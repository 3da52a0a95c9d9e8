"""Semantic patches (Coccinelle's SmPL) for the mechanical changes a consumer is affected by.

One rule per change, written from the findings:

* a rename (function, enumerator, macro, variable; a family's members; a
  reused name's old meaning) replaces the identifier; a type rename the type
  (`typedef old_t;`), a record rename the tag;
* a parameter added takes the value the user names (`--arg F.P=EXPR`), or a
  placeholder `APICOMPAT_TODO_<param>` that does not compile until filled;
  a parameter removed is dropped only when allowed (the shim's rule: an
  argument that carries meaning is not silently lost);
* a field moved, renamed or regrouped (`e.kernel` -> `e.u.pv.kernel`) is
  rewritten for expressions of that record's type, by value and by pointer.

Everything written into the SmPL comes from repository data or the user, so
names are checked to be C identifiers (paths: identifiers joined by dots);
SmPL's script rules could otherwise run code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diff.finding import Finding
from ..model import ApiModel

_IDENT = re.compile(r"[A-Za-z_]\w*")
_PATH = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")
_MOVE = re.compile(r"^([\w.]+) -> ([\w.]+)$")
IDENTIFIER_RENAMES = {"function_renamed", "enum_member_renamed", "macro_renamed", "variable_renamed"}
TYPE_RENAMES = {"typedef_renamed"}
TAG_RENAMES = {"record_renamed", "enum_renamed"}
FIELD_MOVES = {"record_field_moved", "record_field_renamed", "record_fields_regrouped"}


@dataclass
class Rule:
    finding: Finding
    text: str
    label: str          # `kind symbol`, for the hunk comments
    keys: list[str] = field(default_factory=list)   # names a removed line shows when this rule applied


@dataclass
class Plan:
    rules: list[Rule] = field(default_factory=list)
    checklist: list[tuple[Finding, str]] = field(default_factory=list)   # (finding, why not mechanical)
    warnings: list[str] = field(default_factory=list)

    def smpl(self) -> str:
        return "\n".join(f"// {r.label}\n{r.text}" for r in self.rules)


def plan_migration(findings: list[Finding], old: ApiModel, new: ApiModel, values: dict[str, str] | None = None,
                   allow_lossy: bool = False) -> Plan:
    """Rules for every mechanical finding among `findings`, the rest on the checklist."""
    plan = Plan()
    values = values or {}
    for key in values:
        if key.split(".")[0] not in old.functions and key.split(".")[0] not in new.functions:
            plan.warnings.append(f"--arg {key}=...: neither revision declares a function {key.split('.')[0]}")
    for f in findings:
        for item in (f.members if f.kind == "rename_family" else [f]):
            rule = _rule(item, old, new, values, allow_lossy)
            if isinstance(rule, str):
                plan.checklist.append((item, rule))
            else:
                plan.rules.append(Rule(item, rule[0], rule[1], _keys(item)))
    return plan


def _rule(f: Finding, old: ApiModel, new: ApiModel, values: dict[str, str], allow_lossy: bool):
    """(SmPL text, label) or the reason it is not mechanical."""
    old_name, new_name = f.facts.get("old_name"), f.facts.get("new_name", f.symbol)
    if f.facts.get("kept_as_wrapper") and old_name in old.functions and new_name in new.functions \
            and [p.resolved for p in old.functions[old_name].params] != \
            [p.resolved for p in new.functions[new_name].params]:
        return (f"`{old_name}` is kept (deprecated) beside `{new_name}`, which takes other parameters: "
                "move each call by hand")
    if f.kind in IDENTIFIER_RENAMES | {"function_old_name_reused"} and _ids(old_name, new_name):
        return (f"@@\nsymbol {old_name};\n@@\n- {old_name}\n+ {new_name}\n", f"{f.kind} {old_name} -> {new_name}")
    if f.kind in TYPE_RENAMES and _ids(old_name, new_name):
        return (f"@@\ntypedef {old_name};\ntypedef {new_name};\n@@\n- {old_name}\n+ {new_name}\n",
                f"{f.kind} {old_name} -> {new_name}")
    if f.kind in TAG_RENAMES and _ids(old_name, new_name):
        item = old.records.get(old_name) or old.enums.get(old_name)
        keyword = getattr(item, "kind", "enum") if f.kind == "record_renamed" else "enum"
        return (f"@@\n@@\n- {keyword} {old_name}\n+ {keyword} {new_name}\n", f"{f.kind} {old_name} -> {new_name}")
    if f.kind in ("function_param_added", "function_param_removed"):
        return _call_rule(f, old, new, values, allow_lossy)
    if f.kind in FIELD_MOVES:
        return _field_rule(f, old)
    return f"not a mechanical change ({f.kind}): {f.hint}"


def _keys(f: Finding) -> list[str]:
    if f.kind in FIELD_MOVES:
        paths = [m.group(1) for e in f.evidence if (m := _MOVE.match(e))] or [f.facts.get("path") or ""]
        return [p.rsplit(".", 1)[-1] for p in paths if p]
    return [f.facts.get("old_name") or f.symbol]


def _ids(*names) -> bool:
    return all(isinstance(n, str) and _IDENT.fullmatch(n) for n in names)


def _call_rule(f: Finding, old: ApiModel, new: ApiModel, values: dict[str, str], allow_lossy: bool):
    a, b = old.functions.get(f.symbol), new.functions.get(f.symbol)
    if a is None or b is None or a.variadic or b.variadic or not _ids(f.symbol):
        return f"the call cannot be rewritten mechanically: {f.hint}"
    from ..shim.calls import Unsafe, adapt_call
    try:
        adapted = adapt_call(a, b, f.symbol, f.symbol, _with_placeholders(f.symbol, b, values), allow_lossy)
    except Unsafe as why:
        return str(why)
    if adapted is None:
        return f"a parameter's type changed as well: {f.hint}"
    # adapt_call's macro `#define f(_a1, _a2) f(X, _a1, _a2)` gives the argument mapping.
    macro = adapted[0][len("#define "):]
    head, body = macro[:macro.index(")") + 1], macro[macro.index(")") + 1:].strip()
    inner = head[head.index("(") + 1:-1].strip()
    formals = inner.split(", ") if inner else []
    if body.startswith("(") and ", " in body and body.endswith("))"):
        body = body[body.rindex(f"{f.symbol}("):-1]          # drop the (void)(dropped) evaluations
    decl = f"expression {', '.join(formals)};\n" if formals else ""
    return (f"@@\n{decl}@@\n- {f.symbol}({', '.join(formals)})\n+ {body}\n",
            f"{f.kind} {f.symbol}")


def _with_placeholders(function: str, target, values: dict[str, str]) -> dict[str, str]:
    """The user's values, else a placeholder that does not compile until someone fills it in."""
    filled = dict(values)
    for i, p in enumerate(target.params):
        key = f"{function}.{p.name or i + 1}"
        filled.setdefault(key, f"APICOMPAT_TODO_{p.name or f'arg{i + 1}'}")
    return filled


def _field_rule(f: Finding, old: ApiModel):
    record = f.facts.get("record")
    moves = [(m.group(1), m.group(2)) for e in f.evidence if (m := _MOVE.match(e))]
    if not moves and f.facts.get("path") and f.facts.get("new_path"):
        moves = [(f.facts["path"], f.facts["new_path"])]
    rec = old.records.get(record or "")
    if rec is None or not moves or not all(_PATH.fullmatch(p) for pair in moves for p in pair):
        return f"the member access cannot be rewritten mechanically: {f.hint}"
    type_decl = f"typedef {record};\n{record}" if record in old.typedefs else f"{rec.kind} {record}"
    parts = []
    for a, b in moves:
        parts.append(f"@@\n{type_decl} E;\n@@\n- E.{a}\n+ E.{b}\n")
        parts.append(f"@@\n{type_decl} *P;\n@@\n- P->{a}\n+ P->{b}\n")
    return "\n".join(parts), f"{f.kind} {f.symbol}"
