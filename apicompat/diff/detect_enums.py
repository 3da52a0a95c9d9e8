"""Enum changes: removals, additions, and members added, removed or revalued."""
from __future__ import annotations

from .context import Context, make_finding


def enum_changes(ctx: Context):
    for name in sorted(ctx.removed("enums")):
        yield make_finding("enum_removed", name, ctx.old.enums[name], None)
    for name in sorted(ctx.added("enums")):
        yield make_finding("enum_added", name, None, ctx.new.enums[name])
    gone, new = ctx.removed("enumerators"), ctx.added("enumerators")
    for d in ctx.changed("enums"):
        for detail in d.details:
            member = detail.path
            facts = dict(enum=d.name, old_value=detail.old, new_value=detail.new)
            if detail.aspect == "member_removed" and member in gone:
                old = ctx.old_enumerators[member][1]
                yield make_finding("enum_member_removed", member, old, None, **facts)
            elif detail.aspect == "member_added" and member in new:
                yield make_finding("enum_member_added", member, None, ctx.new_enumerators[member][1], **facts)
            elif detail.aspect == "member_value":
                yield make_finding("enum_member_value_changed", member, ctx.old_enumerators[member][1],
                                   ctx.new_enumerators[member][1], **facts)
