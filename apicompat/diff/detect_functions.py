"""Function changes: reused names, function<->macro, removals, additions, signatures."""
from __future__ import annotations

from collections import Counter

from .compare import Detail, function_details
from .context import Context, make_finding
from .predicates import has_same_signature, is_explained_by_typedef


def function_changes(ctx: Context, changed_typedefs: set[str]):
    yield from _old_names_reused(ctx)
    yield from _function_macro_swaps(ctx)
    for name in sorted(ctx.removed("functions")):
        yield make_finding("function_removed", name, ctx.old.functions[name], None)
    for name in sorted(ctx.added("functions")):
        yield make_finding("function_added", name, None, ctx.new.functions[name])
    for d in ctx.changed("functions"):
        if ("functions", "old", d.name) not in ctx.consumed:
            yield from signature_changes(d.name, d.old, d.new, d.details, changed_typedefs)
    for (kind, old), new in sorted(ctx.renamed.items()):
        if kind == "functions":
            a, b = ctx.old.functions[old], ctx.new.functions[new]
            yield from signature_changes(new, a, b, list(function_details(a, b)), changed_typedefs)


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
        yield make_finding("function_became_macro", name, ctx.old.functions[name], ctx.new.macros[name])
    for name in sorted(ctx.removed("macros") & ctx.added("functions")):
        ctx.consume("macros", old=name)
        ctx.consume("functions", new=name)
        yield make_finding("macro_became_function", name, ctx.old.macros[name], ctx.new.functions[name])


def signature_changes(name: str, old, new, details: list[Detail], changed_typedefs: set[str]):
    """Findings for one function's signature details (position-aware)."""
    details = [d for d in details if not is_explained_by_typedef(d, changed_typedefs)]
    if _is_reorder(old, new):
        yield make_finding("function_params_reordered", name, old, new,
                           old_type=", ".join(p.type for p in old.params),
                           new_type=", ".join(p.type for p in new.params))
        details = [d for d in details if not d.aspect.startswith("param_") or d.aspect == "param_name"]
    for d in details:
        facts = dict(param=d.path, position=_position(d.path), old_type=d.old, new_type=d.new)
        kind = _DETAIL_KIND.get(d.aspect)
        if kind == "function_param_renamed":
            facts.update(old_name=d.old, new_name=d.new)
        if kind:
            yield make_finding(kind, name, old, new, **facts)
        elif d.aspect == "param_spelling":
            yield make_finding("type_spelling_changed", f"{name} {d.path}", old, new, **facts)


_DETAIL_KIND = {
    "param_added": "function_param_added",
    "param_removed": "function_param_removed",
    "param_type": "function_param_type_changed",
    "param_name": "function_param_renamed",
    "return_type": "function_return_type_changed",
    "variadic": "function_variadic_changed",
}


def _is_reorder(old, new) -> bool:
    a, b = [p.resolved for p in old.params], [p.resolved for p in new.params]
    return a != b and len(a) > 1 and Counter(a) == Counter(b)


def _position(path: str) -> str:
    return path.split()[0].lstrip("#") if path.startswith("#") else ""
