"""Typedef, variable and macro changes (renames are matched earlier)."""
from __future__ import annotations

import re

from .context import Context, make_finding
from .predicates import is_explained_by_typedef, is_explained_by_rename


def typedef_changes(ctx: Context, changed: set[str]):
    """`changed` is filled with typedef names whose target changed (their users are listed here)."""
    for name in sorted(ctx.removed("typedefs")):
        item = ctx.old.typedefs[name]
        if not _names_gone_type(ctx, item, "removed"):
            yield make_finding("typedef_removed", name, item, None, old_type=item.type)
    for name in sorted(ctx.added("typedefs")):
        item = ctx.new.typedefs[name]
        if not _names_gone_type(ctx, item, "added"):
            yield make_finding("typedef_added", name, None, item, new_type=item.type)
    renames = ctx.type_renames()
    for d in ctx.changed("typedefs"):
        if ("typedefs", "old", d.name) in ctx.consumed:
            continue
        for detail in d.details:
            if is_explained_by_rename(detail, renames):   # `struct a_s` -> `struct a`: the record says it
                changed.add(d.name)                         # ... and its users are not repeated either
                continue
            if is_explained_by_typedef(detail, changed):    # `cb(libxl_ctx *)` when libxl_ctx changed
                changed.add(d.name)
                continue
            if detail.aspect == "target":
                changed.add(d.name)
                users = users_of(ctx, d.name)
                yield make_finding("typedef_target_changed", d.name, d.old, d.new,
                                   evidence=[f"resolved: {detail.old_resolved} -> {detail.new_resolved}"],
                                   old_type=detail.old, new_type=detail.new,
                                   users=", ".join(users) if users else "no other declaration")
            else:
                yield make_finding("type_spelling_changed", d.name, d.old, d.new,
                                   old_type=detail.old, new_type=detail.new)


def _names_gone_type(ctx: Context, typedef, change: str) -> bool:
    """`typedef struct foo foo;` goes with its record/enum: that finding covers both."""
    match = re.match(r"^(struct|union|enum) (\w+)$", typedef.resolved)
    if not match:
        return False
    table = "enums" if match.group(1) == "enum" else "records"
    pool = ctx.removed(table) if change == "removed" else ctx.added(table)
    return match.group(2) in pool


def users_of(ctx: Context, typedef: str) -> list[str]:
    """Functions and records of the new model that spell a type with `typedef`."""
    word = re.compile(rf"\b{re.escape(typedef)}\b")
    users = [f.name for f in ctx.new.functions.values()
             if word.search(f.return_type) or any(word.search(p.type) for p in f.params)]
    users += [r.name for r in ctx.new.records.values() if word.search(r.decl)]
    return sorted(set(users))


def variable_changes(ctx: Context):
    for name in sorted(ctx.removed("variables")):
        yield make_finding("variable_removed", name, ctx.old.variables[name], None)
    for name in sorted(ctx.added("variables")):
        yield make_finding("variable_added", name, None, ctx.new.variables[name])
    renames = ctx.type_renames()
    for d in ctx.changed("variables"):
        for detail in d.details:
            if is_explained_by_rename(detail, renames):
                continue
            kind = "variable_type_changed" if detail.aspect == "type" else "type_spelling_changed"
            yield make_finding(kind, d.name, d.old, d.new, old_type=detail.old, new_type=detail.new)


def macro_changes(ctx: Context):
    for name in sorted(ctx.removed("macros")):
        macro = ctx.old.macros[name]
        if macro.guard:
            continue
        successor = ctx.new_enumerators.get(name)
        if successor is not None and successor[1].value is not None and _value(macro) == successor[1].value:
            continue     # `#define GIT_SORT_TIME 2` became an enumerator worth 2: the name still means 2
        yield make_finding("macro_removed", name, macro, None, old_value=macro.body or None)
    for name in sorted(ctx.added("macros")):
        macro = ctx.new.macros[name]
        if macro.guard:
            continue
        if _poisons_old_name(ctx, macro):
            renamed = _poisoned_enumerator(ctx, macro)
            if renamed is not None:
                yield renamed
            continue
        predecessor = ctx.old_enumerators.get(name)
        if predecessor is not None and predecessor[1].value is not None and _value(macro) == predecessor[1].value:
            continue     # an enumerator worth 0x58 became `#define SDLK_KP_ENTER 0x58u`: nothing was added
        yield make_finding("macro_added", name, None, macro)
    for d in ctx.changed("macros"):
        aspects = {detail.aspect: detail for detail in d.details}
        if "params" in aspects:     # the body follows the new parameters: one change, not two
            yield make_finding("macro_params_changed", d.name, d.old, d.new,
                               old_value=_head(d.old), new_value=_head(d.new))
        elif "body" in aspects:
            detail = aspects["body"]
            yield make_finding("macro_value_changed", d.name, d.old, d.new,
                               old_value=detail.old, new_value=detail.new, **_expansions(ctx, d.old, d.new))


def _expansions(ctx: Context, old, new) -> dict:
    """What each body stands for once the side's own macros and enumerators are expanded
    (severity rules compare them), when that differs from the body as written."""
    from .compare import positional_body
    from .macro_values import expansion
    a = expansion(old.body, ctx.old, ctx.old_enumerators, old.params)
    b = expansion(new.body, ctx.new, ctx.new_enumerators, new.params)
    if a is None or b is None or (a == positional_body(old) and b == positional_body(new)):
        return {}
    return {"old_expansion": a, "new_expansion": b}


def _poisons_old_name(ctx: Context, macro) -> bool:
    """`#define SDLK_d SDLK_d_renamed_SDLK_D` where `SDLK_d` was an enumerator: nothing is added,
    the old name is kept only to fail with a message (its removal or rename is the finding)."""
    return bool(ctx.old.find(macro.name)) and bool(ctx.poisoned_name(macro))


def _poisoned_enumerator(ctx: Context, macro):
    """`#define SDL_CONTROLLER_BUTTON_A SDL_CONTROLLER_BUTTON_A_renamed_SDL_GAMEPAD_BUTTON_SOUTH`
    for an old enumerator nothing else paired: renamed to the enumerator its spelling names,
    and the rename breaks (the old name is kept only to fail)."""
    from .matching import rename_finding
    name = macro.name
    if name not in ctx.old_enumerators or ("enumerators", name) in ctx.renamed \
            or ("enumerators", "old", name) in ctx.consumed:
        return None
    enum = ctx.old_enumerators[name][0].name
    if ctx.renamed.get(("enums", enum), enum) in ctx.new.enums:
        return None          # its enum is still there: the enumerator's removal is reported with it
    poison = ctx.poisoned_name(macro)
    successor = next((e for e in sorted(ctx.added("enumerators"), key=len, reverse=True)
                      if poison.endswith(e) and e != name), None)
    if successor is None:
        return None
    return rename_finding(ctx, "enumerators", name, successor, 0.95,
                          [f"`{name}` now expands to `{poison}`, which nothing declares: every use fails to compile",
                           f"its spelling names `{successor}`"])


def _head(macro) -> str:
    """`NAME(a, b)` or `NAME`: how a use of the macro is spelled."""
    return macro.name + ("" if macro.params is None else "(" + ", ".join(macro.params) + ")")


def _value(macro) -> int | None:
    from .severity_rules import integer_value
    return integer_value(macro.body) if macro.params is None else None
