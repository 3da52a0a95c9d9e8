"""Enum changes: removals, additions, and members added, removed or revalued.

Members are compared for enums that kept their name and for renamed enums
alike (a renamed enum can also gain a member); renamed enumerators were
consumed by matching, so they are not reported again as removed + added.
"""
from __future__ import annotations

from .compare import enum_details
from .context import Context, make_finding


def enum_changes(ctx: Context):
    unnamed = _pair_unnamed(ctx)
    for old, new in unnamed.items():
        ctx.consume("enums", old, new)
    for name in sorted(ctx.removed("enums")):
        yield _removed(ctx, ctx.old.enums[name])
    for name in sorted(ctx.added("enums")):
        yield make_finding("enum_added", name, None, ctx.new.enums[name])
    pairs = [(d.name, d.details) for d in ctx.changed("enums")]
    pairs += [(new, list(enum_details(ctx.old.enums[old], ctx.new.enums[new])))
              for (kind, old), new in sorted(ctx.renamed.items()) if kind == "enums"]
    pairs += [(new, list(enum_details(ctx.old.enums[old], ctx.new.enums[new]))) for old, new in unnamed.items()]
    for name, details in pairs:
        yield from member_changes(ctx, name, details)
    yield from renamed_member_values(ctx)


def _pair_unnamed(ctx: Context) -> dict[str, str]:
    """An enum without a tag or typedef is known by its first enumerator (`enum GIT_SUCCESS`); when
    that one is renamed or dropped, the same enum reads as removed + added.  Pair such enums by
    the enumerators they share (at least half of the smaller), so their members are compared."""
    gone = sorted(n for n in ctx.removed("enums") if n.startswith("enum "))
    new = sorted(n for n in ctx.added("enums") if n.startswith("enum "))
    pairs, taken = {}, set()
    for name in gone:
        members = {m.name for m in ctx.old.enums[name].members}
        best, score = None, 0.0
        for other in new:
            if other in taken:
                continue
            theirs = {m.name for m in ctx.new.enums[other].members}
            shared = len(members & theirs) / max(1, min(len(members), len(theirs)))
            if shared > score:
                best, score = other, shared
        if best is not None and score >= 0.5:
            pairs[name] = best
            taken.add(best)
    return pairs


def _removed(ctx: Context, old):
    """enum_removed, naming its successor when the enumerators went to one other enum: renamed
    into it, or (an enum added in the same change) the same values in the same order."""
    names = [m.name for m in old.members]
    targets = [ctx.renamed.get(("enumerators", n)) for n in names]
    homes = [ctx.new_enumerators[t][0].name for t in targets if t in ctx.new_enumerators]
    successor, evidence, confidence = None, [], None
    if homes and max(homes.count(h) for h in set(homes)) * 2 > len(names):
        successor = max(set(homes), key=homes.count)
        evidence = [f"its enumerators were renamed into `{successor}`"]
        confidence = 0.9
    elif len(names) >= 2 and not any(n in ctx.new_enumerators for n in names):
        values = [m.value for m in old.members]
        same = [n for n in sorted(ctx.added("enums"))
                if [m.value for m in ctx.new.enums[n].members] == values and None not in values]
        if len(same) == 1:
            successor = same[0]
            pairs = ", ".join(f"{a.name} -> {b.name}" for a, b in zip(old.members, ctx.new.enums[successor].members))
            evidence = [f"`{successor}`, added in the same change, has the same values in the same order: {pairs}"]
            confidence = 0.6
    finding = make_finding("enum_removed", old.name, old, None, confidence, evidence,
                           successor=successor)
    if successor is not None:
        finding.hint = f"Use `{successor}` instead; map each old enumerator to the new one (see evidence)."
    return finding


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
