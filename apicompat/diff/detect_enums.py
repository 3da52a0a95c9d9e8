"""Enum changes: removals, additions, and members added, removed or revalued.

Members are compared for enums that kept their name and for renamed enums
alike (a renamed enum can also gain a member); renamed enumerators were
consumed by matching, so they are not reported again as removed + added.
"""
from __future__ import annotations

from .compare import enum_details
from .context import Context, make_finding


def enum_changes(ctx: Context):
    for name in sorted(ctx.removed("enums")):
        yield make_finding("enum_removed", name, ctx.old.enums[name], None)
    for name in sorted(ctx.added("enums")):
        yield make_finding("enum_added", name, None, ctx.new.enums[name])
    pairs = [(d.name, d.details) for d in ctx.changed("enums")]
    pairs += [(new, list(enum_details(ctx.old.enums[old], ctx.new.enums[new])))
              for (kind, old), new in sorted(ctx.renamed.items()) if kind == "enums"]
    for name, details in pairs:
        yield from member_changes(ctx, name, details)
    yield from renamed_member_values(ctx)


def renamed_member_values(ctx: Context):
    """A renamed enumerator that also changed value: the rename breaks source, the value binaries."""
    for (kind, old), new in sorted(ctx.renamed.items()):
        if kind != "enumerators":
            continue
        (enum, a), (_, b) = ctx.old_enumerators[old], ctx.new_enumerators[new]
        if a.value is not None and b.value is not None and a.value != b.value:
            yield make_finding("enum_member_value_changed", new, a, b, enum=ctx.new_enumerators[new][0].name,
                               old_value=str(a.value), new_value=str(b.value),
                               evidence=[f"renamed from `{old}`"])


def member_changes(ctx: Context, enum: str, details):
    gone, new = ctx.removed("enumerators"), ctx.added("enumerators")
    for detail in details:
        member = detail.path
        facts = dict(enum=enum, old_value=detail.old, new_value=detail.new)
        if detail.aspect == "member_removed" and member in gone:
            yield make_finding("enum_member_removed", member, ctx.old_enumerators[member][1], None, **facts)
        elif detail.aspect == "member_added" and member in new:
            yield make_finding("enum_member_added", member, None, ctx.new_enumerators[member][1], **facts)
        elif detail.aspect == "member_value":
            yield make_finding("enum_member_value_changed", member, ctx.old_enumerators[member][1],
                               ctx.new_enumerators[member][1], **facts)
