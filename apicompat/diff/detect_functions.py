"""Function changes: reused names, function<->macro, removals, additions, signatures.

Signature changes are reported per parameter (position-aware, see
compare.param_details); a reorder is one finding instead of the removals and
additions it looks like, and a type that only differs by a renamed type name
is left to that rename.
"""
from __future__ import annotations

import re

from .compare import Detail, function_details
from .context import Context, make_finding
from .names import shares_only_a_namespace, similarity, tokens
from .predicates import (has_same_signature, has_similar_name, is_const_added, is_explained_by_rename,
                         is_explained_by_typedef, is_reordered)


def function_changes(ctx: Context, changed_typedefs: set[str]):
    yield from _old_names_reused(ctx)
    yield from _function_macro_swaps(ctx)
    yield from _kept_beside_successor(ctx)
    added = sorted(ctx.added("functions"))
    for name in sorted(ctx.removed("functions")):
        item = ctx.old.functions[name]
        yield make_finding("function_removed", name, item, None, header=ctx.header_of(item, "old"),
                           evidence=_possible_replacements(ctx, item, added))
    for name in sorted(ctx.added("functions")):
        item = ctx.new.functions[name]
        yield make_finding("function_added", name, None, item, header=ctx.header_of(item, "new"))
    renames = ctx.type_renames()
    for d in ctx.changed("functions"):
        if ("functions", "old", d.name) not in ctx.consumed:
            for finding in signature_changes(d.name, d.old, d.new, d.details, changed_typedefs, renames):
                if finding.kind == "function_param_removed":
                    finding.evidence += _siblings_taking_over(d.new, added, ctx)
                yield finding
    for (kind, old), new in sorted(ctx.renamed.items()):
        if kind == "functions":
            a, b = ctx.old.functions[old], ctx.new.functions[new]
            yield from signature_changes(new, a, b, list(function_details(a, b)), changed_typedefs, renames)


_DEPRECATION_GUARD = re.compile(r"\b(\w*DEPRECAT\w*)\b|\b(\w*(?:VERSION|API)\w*)\s*<", re.I)


def _kept_beside_successor(ctx: Context):
    """A function still declared, but now marked deprecated or kept only under a deprecation
    guard (`#ifndef ZIP_DISABLE_DEPRECATED`, `#if ARCHIVE_VERSION_NUMBER < 4000000`), beside an
    added function named like it: the library renamed it and kept the old one as a wrapper.
    Linked as a deprecation (existing code still compiles); the successor is not also "added"."""
    added = sorted(ctx.added("functions"))
    for name in sorted(ctx.old.functions.keys() & ctx.new.functions.keys()):
        old, new = ctx.old.functions[name], ctx.new.functions[name]
        mark = _deprecation(new) if not _deprecation(old) else ""
        if not mark:
            continue
        candidates = [a for a in added if has_similar_name(name, a) and ("functions", "new", a) not in ctx.consumed]
        # Names alike only in their namespace (`x_read_finish` / `x_read_free`) pair only when
        # nothing else could: the deprecation says a successor exists, the names say which.
        telling = [a for a in candidates if not shares_only_a_namespace(name, a)]
        if not telling and len(candidates) != 1:
            continue
        successor = max(telling or candidates, key=lambda a: _likeness(old, ctx.new.functions[a]))
        ctx.consume("functions", new=successor)
        opt_out = _opt_out(new.condition)
        finding = make_finding("function_renamed", successor, old, ctx.new.functions[successor], 0.8,
                               [f"deprecated, not removed: `{name}` is still declared, {mark}"
                                + (f"; defining {opt_out} removes it" if opt_out else "")
                                + "; old code still compiles, move to the new name",
                                f"similar name ({similarity(name, successor):.0%})"],
                               old_name=name, new_name=successor, kept_as_wrapper="yes",
                               **({"opt_out": opt_out} if opt_out else {}))
        finding.severity = "compatible"
        finding.message = (f"`{name}` has a successor, `{successor}`; the old function is kept (deprecated), "
                           "so existing code still compiles.")
        finding.hint = f"Move to `{successor}` (check its parameters) before `{name}` goes."
        yield finding


def _likeness(old, new) -> tuple:
    """How surely `new` succeeds `old`: the words of their names (`zip_get_file_comment` ->
    `zip_file_get_comment`, not `zip_file_set_comment`), then the same return type, then the
    spelling, then the name (for a stable answer)."""
    a, b = set(tokens(old.name.lower())), set(tokens(new.name.lower()))
    return (len(a & b) / len(a | b), old.return_resolved == new.return_resolved, similarity(old.name, new.name),
            new.name)


def _deprecation(function) -> str:
    """How `function` is marked deprecated ('' if it is not): its declaration's marker, or the
    guard it is declared under."""
    if function.deprecated:
        return f"marked `{function.deprecated}`"
    match = _DEPRECATION_GUARD.search(function.condition or "")
    return f"under `#if {function.condition}`" if match else ""


def _opt_out(condition: str) -> str:
    """The macro whose definition removes a declaration kept under `!defined(X)` (X names a
    deprecation), else ''."""
    match = re.search(r"!\s*defined\s*\(?\s*(\w*DEPRECAT\w*)", condition or "", re.I)
    return match.group(1) if match else ""


def _siblings_taking_over(reduced, added: list[str], ctx: Context) -> list[str]:
    """A parameter that chose between actions (`shutdown(ctx, domid, req)`, req = reboot or
    halt) often becomes new functions beside the reduced one (`reboot(ctx, domid)`): added in
    the same change, same `prefix_`, same parameters as the reduced function.  Named as evidence:
    where the dropped argument's meaning went."""
    if "_" not in reduced.name:
        return []
    stem = reduced.name.rsplit("_", 1)[0]
    shape = [p.resolved for p in reduced.params]
    found = [n for n in added if n.startswith(stem + "_")
             and [p.resolved for p in ctx.new.functions[n].params] == shape]
    return [f"`{n}` was added beside it with the same parameters: the dropped argument's meaning may "
            f"have moved there" for n in found[:3]]


def _possible_replacements(ctx: Context, gone, added: list[str]) -> list[str]:
    """Added functions of the same family of names and the same parameters: not sure enough to
    call a rename (the last word changed: `x_del` -> `x_remove`), but worth naming."""
    if "_" not in gone.name:
        return []
    stem = gone.name.rsplit("_", 1)[0]
    return [f"possible replacement: `{n}` (same `{stem}_` prefix, same return type, shares most parameters)"
            for n in added if n.startswith(stem + "_") and _shares_most_params(gone, ctx.new.functions[n])][:3]


def _shares_most_params(a, b) -> bool:
    if a.return_type != b.return_type:
        return False
    shared = len(set(p.type for p in a.params) & set(p.type for p in b.params))
    return shared >= min(2, len(a.params)) and shared * 2 >= len(a.params)


def _old_names_reused(ctx: Context):
    """`x_destroy` still exists but means something else; its old meaning is `x_dispose` now."""
    for d in ctx.changed("functions"):
        for rule in ctx.rules:
            new_name = rule.apply(d.name)
            if new_name in ctx.added("functions") and has_same_signature(d.old, ctx.new.functions[new_name]):
                ctx.consume("functions", d.name, new_name)
                yield make_finding(
                    "function_old_name_reused", d.name, d.old, d.new, 0.9,
                    [f"`{new_name}` has the old signature of `{d.name}`",
                     f"rule {rule} renames other symbols too"],
                    old_name=d.name, new_name=new_name)
                break


def _function_macro_swaps(ctx: Context):
    for name in sorted(ctx.removed("functions") & ctx.added("macros")):
        ctx.consume("functions", old=name)
        ctx.consume("macros", new=name)
        macro = ctx.new.macros[name]
        poison = ctx.poisoned_name(macro)
        if poison:
            # `#define SDL_OldName SDL_OldName_renamed_SDL_NewName`: the old name is kept only to
            # fail with a message naming its successor.
            successor = next((f for f in sorted(ctx.new.functions, key=len, reverse=True)
                              if poison.endswith(f) and f != name), None)
            evidence = [f"`{name}` now expands to `{poison}`, which nothing declares: every use fails to compile"]
            if successor:
                ctx.consume("functions", new=successor)
                yield make_finding("function_renamed", successor, ctx.old.functions[name],
                                   ctx.new.functions[successor], 0.95, evidence + [f"its spelling names `{successor}`"],
                                   old_name=name, new_name=successor)
            else:
                yield make_finding("function_removed", name, ctx.old.functions[name], None,
                                   evidence=evidence, header=ctx.header_of(ctx.old.functions[name], "old"))
            continue
        yield make_finding("function_became_macro", name, ctx.old.functions[name], macro)
    for name in sorted(ctx.removed("macros") & ctx.added("functions")):
        ctx.consume("macros", old=name)
        ctx.consume("functions", new=name)
        yield make_finding("macro_became_function", name, ctx.old.macros[name], ctx.new.functions[name])


def signature_changes(name: str, old, new, details: list[Detail], changed_typedefs: set[str],
                      renames: dict[str, str] | None = None):
    """Findings for one function's signature details (position-aware)."""
    details = [d for d in details if not is_explained_by_typedef(d, changed_typedefs)
               and not is_explained_by_rename(d, renames or {})]
    if is_reordered(old.params, new.params):
        yield make_finding("function_params_reordered", name, old, new,
                           old_type=_param_list(old.params), new_type=_param_list(new.params))
        details = [d for d in details if not d.aspect.startswith("param_")]
    for d in details:
        yield from _detail_finding(name, old, new, d)


def _detail_finding(name: str, old, new, d: Detail):
    """One signature detail -> its finding (or none, for what callers cannot notice)."""
    param = dict(param=_param_name(d.path), position=_position(d.path))
    if d.aspect == "param_added":
        yield make_finding("function_param_added", name, old, new, **param, new_type=d.new)
    elif d.aspect == "param_removed":
        yield make_finding("function_param_removed", name, old, new, **param, old_type=d.old)
    elif d.aspect == "param_type" and is_const_added(d.old_resolved, d.new_resolved):
        yield make_finding("function_param_const_added", name, old, new, **param, old_type=d.old, new_type=d.new)
    elif d.aspect == "param_type":
        yield make_finding("function_param_type_changed", name, old, new, **param,
                           old_type=d.old, new_type=d.new, evidence=_resolved_evidence(d))
    elif d.aspect == "param_name" and d.old and d.new:   # unnamed <-> named: nothing was renamed
        yield make_finding("function_param_renamed", name, old, new, position=param["position"],
                           old_name=d.old, new_name=d.new)
    elif d.aspect == "return_type" and d.old_resolved != d.new_resolved:
        yield make_finding("function_return_type_changed", name, old, new, old_type=d.old, new_type=d.new,
                           evidence=_resolved_evidence(d))
    elif d.aspect in ("return_type", "param_spelling"):
        what = f"{name} ({_param_name(d.path)})" if d.path else f"{name} (return)"
        yield make_finding("type_spelling_changed", what, old, new, old_type=d.old, new_type=d.new,
                           evidence=[f"both resolve to {d.new_resolved}"])
    elif d.aspect == "variadic":
        yield make_finding("function_variadic_changed", name, old, new)


def _resolved_evidence(d: Detail) -> list[str]:
    """Both spellings, when a typedef hides what really changed: `char *` -> `char **`."""
    if (d.old_resolved, d.new_resolved) != (d.old, d.new):
        return [f"resolved: {d.old_resolved} -> {d.new_resolved}"]
    return []


def _param_list(params) -> str:
    return ", ".join(p.type + ("" if not p.name else p.name if p.type.endswith("*") else " " + p.name)
                     for p in params)


def _position(path: str) -> str:
    """`2:ctx` -> `2`."""
    return path.split(":", 1)[0] if ":" in path else ""


def _param_name(path: str) -> str:
    """`2:ctx` -> `ctx`; an unnamed parameter -> `argument 2`."""
    position, _, name = path.partition(":")
    return name or f"argument {position}"
