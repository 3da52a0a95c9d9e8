"""Record changes: opaque/complete, removals, additions, and fields (moved, regrouped, renamed).

Fields are compared as paths.  Moves and regroupings look through by-value
record members on the new side (`vnc` of type `libxl_vnc_info` makes
`vnc.listen` a path), so a field that went into a nested record is found
wherever it now lives.
"""
from __future__ import annotations

import re

from ..model import ApiModel, Field, Record
from .compare import Detail, flatten_fields, record_details
from .context import Context, make_finding
from .names import similarity
from .internals import is_private_member
from .predicates import with_renames, is_array_resized, has_similar_name, is_arithmetic, is_explained_by_rename, is_explained_by_typedef, is_opaque_now

_RECORD_TYPE = re.compile(r"^(?:const |volatile )*(struct|union) (\w+)$")
MAX_DEPTH = 4
RENAMED_AND_MOVED = 0.75   # how alike a leaf name must stay for a field renamed and moved at once


def record_changes(ctx: Context, changed_typedefs: set[str]):
    moved_to = _added_field_index(ctx)
    for name in sorted(ctx.removed("records")):
        old = ctx.old.records[name]
        yield make_finding("record_removed", name, old, None, evidence=_where_fields_went(old, moved_to))
    for name in sorted(ctx.added("records")):
        yield make_finding("record_added", name, None, ctx.new.records[name])
    pairs = [(d.name, d.old, d.new) for d in ctx.changed("records")
             if ("records", "old", d.name) not in ctx.consumed]
    pairs += [(new, ctx.old.records[old], ctx.new.records[new])
              for (kind, old), new in sorted(ctx.renamed.items()) if kind == "records"]
    for name, old, new in pairs:
        yield from _one_record(ctx, name, old, new, changed_typedefs)


def record_of(model: ApiModel, type_text: str) -> Record | None:
    """The record a (resolved) type names by value, e.g. `struct foo` -> records['foo']."""
    match = _RECORD_TYPE.match(type_text)
    return model.records.get(match.group(2)) if match else None


def opaque_changes(ctx: Context, changed_typedefs: set[str]):
    """`typedef struct {...} ctx;` -> `typedef struct ctx_s ctx;` with no definition: made opaque."""
    for name in sorted(ctx.old.typedefs.keys() & ctx.new.typedefs.keys()):
        a = record_of(ctx.old, ctx.old.typedefs[name].resolved)
        b = record_of(ctx.new, ctx.new.typedefs[name].resolved)
        if a is None or b is None or a.complete == b.complete:
            continue
        kind = "record_made_opaque" if is_opaque_now(a, b) else "record_made_complete"
        ctx.consume("records", a.name, b.name)
        ctx.consume("typedefs", name, name)
        changed_typedefs.add(name)
        yield make_finding(kind, name, a, b, record=b.name)


def _one_record(ctx: Context, name: str, old: Record, new: Record, changed_typedefs: set[str]):
    if old.complete != new.complete:
        yield make_finding("record_made_opaque" if old.complete else "record_made_complete", name, old, new,
                           record=name)
        return
    details = list(record_details(old, new))
    if old.kind != new.kind:
        yield make_finding("record_kind_changed", name, old, new, old_type=old.kind, new_type=new.kind)
    yield from _field_changes(ctx, name, old, new, details, changed_typedefs)


def _field_changes(ctx: Context, name: str, old: Record, new: Record, details: list[Detail],
                   changed_typedefs: set[str]):
    """Matches first (regroupings, moves, renames), each consuming its paths; then the rest."""
    old_flat, new_flat = flatten_fields(old.fields), flatten_fields(new.fields)
    new_deep = expanded_fields(new, ctx.new)
    removed = {d.path for d in details if d.aspect == "field_removed"}
    retyped = {d.path for d in details if d.aspect == "field_type"}
    added = {d.path for d in details if d.aspect == "field_added"}
    done: set[str] = set()
    yield from _regrouped(name, old, new, removed | retyped, added | retyped, old_flat, new_deep, done)
    old_deep = set(expanded_fields(old, ctx.old))
    for old_path, new_path in _moves(removed - done, old_flat, new_deep, old_deep | done):
        done.update((old_path, new_path))
        yield from _move_findings(name, old_path, new_path, old_flat[old_path], new_deep[new_path])
    renames = ctx.type_renames()
    for old_path, new_path, alike in _renames(removed - done, added - done, old_flat, new_flat, renames):
        done.update((old_path, new_path))
        yield make_finding("record_field_renamed", f"{name}.{new_path}", old_flat[old_path], new_flat[new_path],
                           0.75 if alike else 0.5,
                           [f"same type ({new_flat[new_path].type}) at the same place"]
                           + ([] if alike else ["the names are not alike: check it is the same member"]),
                           record=name, path=old_path, new_path=new_path, old_name=old_path, new_name=new_path)
    for d in details:
        if not (_is_explained(d, done, removed | added) or is_explained_by_typedef(d, changed_typedefs)
                or is_explained_by_rename(d, renames)):
            for finding in _field_detail(name, d, old, new, old_flat, new_flat):
                yield _held_nothing(finding, old_flat, ctx.old)


def _held_nothing(finding, old_flat, model: ApiModel):
    """A removed member that was an empty struct or union held no data: the usual advice ("look
    for where that information went") does not apply; dropping its uses is the whole fix."""
    if finding.kind != "record_field_removed":
        return finding
    member = old_flat.get(finding.facts.get("path") or "")
    if member is None:
        return finding
    inline_empty = member.record_kind is not None and not member.fields
    named = record_of(model, member.resolved)
    if not (inline_empty or (named is not None and named.complete and not named.fields)):
        return finding
    finding.hint = (f"Delete the uses of `.{finding.facts['path']}`: it was an empty {member.type.split()[0]} "
                    "and held no data, so nothing replaces it.")
    finding.evidence.append(f"`{member.type}` has no members")
    return finding


def _regrouped(name, old, new, candidates, new_side, old_flat, new_deep, done: set[str]):
    for group, moves in _regroupings(candidates, old_flat, new_deep, new_side):
        done.update(old_path for old_path, _ in moves)
        done.add(group)
        done.update(new_path for _, new_path in moves)
        example = next((m for m in moves if m[0] != group), moves[0])
        yield make_finding("record_fields_regrouped", f"{name}.{group}", old, new, 0.85,
                           [f"{a} -> {b}" for a, b in moves], record=name, path=example[0],
                           new_path=example[1], count=len(moves))


def _is_explained(d: Detail, done: set[str], whole: set[str]) -> bool:
    """Already said by a match (`done`), or inside a nested record added/removed as a whole."""
    return d.path in done or _inside(d.path, done) or _inside(d.path, whole)


def _move_findings(name: str, old_path: str, new_path: str, a: Field, b: Field):
    """A field now elsewhere: moved (maybe renamed on the way), and retyped if its type changed."""
    same_type = a.resolved == b.resolved
    same_name = _leaf(old_path) == _leaf(new_path)
    evidence = [("same name" if same_name else f"similar name ({similarity(_leaf(old_path), _leaf(new_path)):.0%})")
                + (f" and type ({a.type})" if same_type else f" ({a.type})")]
    confidence = (0.9 if same_type else 0.7) - (0 if same_name else 0.15)
    yield make_finding("record_field_moved", f"{name}.{old_path}", a, b, confidence, evidence,
                       record=name, path=old_path, new_path=new_path)
    if not same_type:
        yield make_finding("record_field_type_changed", f"{name}.{new_path}", a, b,
                           evidence=[f"resolved: {a.resolved} -> {b.resolved}"], record=name,
                           path=new_path, old_type=a.type, new_type=b.type)


def _field_detail(name, d: Detail, old, new, old_flat, new_flat):
    symbol = f"{name}.{d.path}" if d.path else name
    a, b = old_flat.get(d.path, old), new_flat.get(d.path, new)
    where = dict(record=name, path=d.path or None)
    if d.aspect == "field_removed":
        yield make_finding("record_field_removed", symbol, a, None, **where, old_type=d.old)
    elif d.aspect == "field_added":
        yield make_finding("record_field_added", symbol, None, b, **where, new_type=d.new)
    elif d.aspect == "field_type" and is_array_resized(d.old_resolved, d.new_resolved):
        # `int i[5]` -> `int i[7]`: uses and initialisers still compile; sizes and offsets move.
        yield make_finding("record_layout_changed", symbol, a, b, **where,
                           evidence=[f"type {d.old} -> {d.new} (only the array's length: source still compiles)"],
                           old_value=d.old, new_value=d.new)
    elif d.aspect == "field_type" and is_arithmetic(d.old_resolved) and is_arithmetic(d.new_resolved):
        # `uint8_t x:1` -> `bool x`: assignments still compile, only the layout moved.
        yield make_finding("record_layout_changed", symbol, a, b, **where,
                           evidence=[f"type {d.old} -> {d.new} (both arithmetic: source still compiles)"],
                           old_value=d.old, new_value=d.new)
    elif d.aspect == "field_type":
        ev = [f"resolved: {d.old_resolved} -> {d.new_resolved}"] if d.old_resolved != d.old or d.new_resolved != d.new else []
        yield make_finding("record_field_type_changed", symbol, a, b, evidence=ev, **where,
                           old_type=d.old, new_type=d.new)
    elif d.aspect == "field_spelling":
        yield make_finding("type_spelling_changed", symbol, a, b, **where, old_type=d.old, new_type=d.new,
                           evidence=[f"both resolve to {d.new_resolved}"])
    elif d.aspect == "field_bits":
        yield make_finding("record_layout_changed", symbol, a, b, **where,
                           evidence=[f"bit-field width {d.old or 'none'} -> {d.new or 'none'}"],
                           old_value=d.old, new_value=d.new)
    elif d.aspect == "field_order":
        yield make_finding("record_layout_changed", symbol, a, b, record=name,
                           evidence=[f"member order {d.old} -> {d.new}"], old_value=d.old, new_value=d.new)


def _inside(path: str, done: set[str]) -> bool:
    """Paths under a regrouped/moved field are explained by that finding."""
    return any(path.startswith(p + ".") for p in done if p)


def expanded_fields(record: Record, model: ApiModel, prefix: str = "", depth: int = 0) -> dict[str, Field]:
    """Field paths, looking through by-value record members (`vnc.listen`)."""
    flat = {}
    for path, f in flatten_fields(record.fields).items():
        full = prefix + path
        flat[full] = f
        inner = record_of(model, f.resolved)
        if inner is not None and inner.complete and depth < MAX_DEPTH and not f.record_kind:
            flat.update(expanded_fields(inner, model, full + ".", depth + 1))
    return flat


def _leaf(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _parent(path: str) -> str:
    return path.rsplit(".", 1)[0] if "." in path else ""


def _moves(removed: set[str], old_flat, new_deep, taken: set[str]):
    """Fields now under another parent: `kernel` -> `u.pv.kernel`.

    First the same leaf name (the same type first, then the shallowest); then,
    for what is left, a similar leaf name with the same type (`cmdline` ->
    `u.pv.cmd_line`: renamed and moved at once).  `taken` are paths that
    existed before or are already explained.
    """
    taken = set(taken)
    left = []
    for old_path in sorted(removed):
        f = old_flat[old_path]
        targets = sorted((p for p in new_deep if _leaf(p) == _leaf(old_path) and _is_elsewhere(p, old_path, taken)),
                         key=lambda p: (new_deep[p].resolved != f.resolved, p.count("."), p))
        if targets:
            taken.add(targets[0])
            yield old_path, targets[0]
        else:
            left.append(old_path)
    for old_path in left:
        f = old_flat[old_path]
        targets = sorted((p for p in new_deep if new_deep[p].resolved == f.resolved
                          and similarity(_leaf(old_path), _leaf(p)) >= RENAMED_AND_MOVED
                          and _is_elsewhere(p, old_path, taken)),
                         key=lambda p: (-similarity(_leaf(old_path), _leaf(p)), p.count("."), p))
        if targets:
            taken.add(targets[0])
            yield old_path, targets[0]


def _is_elsewhere(new_path: str, old_path: str, taken: set[str]) -> bool:
    """A new path under another parent than the old one (same parent is a rename, not a move)."""
    return new_path not in taken and _parent(new_path) != _parent(old_path)


def _regroupings(candidates: set[str], old_flat, new_deep, new_side: set[str]):
    """Several flat fields became the members of a new nested record named after them.

    `vnc`, `vnclisten`, `vncdisplay` -> `vnc.enable`, `vnc.listen`, `vnc.display`;
    once some are named after the record (`sdl`), fields that kept their own
    name join it too (`opengl` -> `sdl.opengl`).
    """
    groups = {p for p in new_deep if any(q.startswith(p + ".") for q in new_deep)}
    for group in sorted(groups):
        if group not in new_side and not any(group.startswith(n + ".") for n in new_side):
            continue
        stem, level = _leaf(group).lower(), _parent(group)
        children = [p for p in new_deep if _parent(p) == group]
        named = [c for c in candidates if _parent(c) == level and _leaf(c).lower().startswith(stem)
                 and c in old_flat]
        if not named:
            continue
        kept_name = [c for c in candidates if _parent(c) == level and c in old_flat and c not in named
                     and any(_leaf(c) == _leaf(child) for child in children)]
        moves = _pair_with_children(sorted(named), children, stem)
        taken = {new for _, new in moves}
        moves += [(c, f"{group}.{_leaf(c)}") for c in sorted(kept_name) if f"{group}.{_leaf(c)}" not in taken]
        if len(moves) >= 2:
            yield group, sorted(moves)


def _pair_with_children(olds: list[str], children: list[str], stem: str) -> list[tuple[str, str]]:
    moves, free = [], list(children)
    for old in sorted(olds, key=lambda o: -len(o)):       # specific names first
        rest = _leaf(old)[len(stem):].lstrip("_").lower()
        match = next((c for c in free if rest and _leaf(c).lower() == rest), None) \
            or next((c for c in free if rest and (rest in _leaf(c).lower() or _leaf(c).lower() in rest)), None) \
            or next((c for c in free if not rest and _leaf(c).lower() in ("enable", "enabled", "on")), None)
        if match:
            free.remove(match)
            moves.append((old, match))
    return sorted(moves)


def _renames(removed: set[str], added: set[str], old_flat, new_flat, renames=None):
    """(old path, new path, names alike): a member renamed in its record, of the same type (through
    renamed types).  A similar name anywhere among its siblings; or, names unlike, the very same
    slot (`unpluggable` -> `removable`, `cvar_type` -> `type`): a weaker match."""
    for old_path in sorted(removed):
        f = old_flat[old_path]
        same_type = [n for n in sorted(added) if new_flat.get(n) is not None and _parent(old_path) == _parent(n)
                     and with_renames(f.resolved, renames) == new_flat[n].resolved]
        alike = [n for n in same_type if has_similar_name(_leaf(old_path), _leaf(n))]
        # A reserved slot put to use (`reserved` -> `f0`) is an addition, not a rename.
        slot = [n for n in same_type if _slot(old_flat, old_path) == _slot(new_flat, n)
                and not is_private_member(_leaf(old_path))]
        if alike or slot:
            new_path = (alike or slot)[0]
            added = added - {new_path}
            yield old_path, new_path, bool(alike)


def _slot(flat, path: str) -> int:
    """The member's position among its siblings."""
    siblings = [p for p in flat if _parent(p) == _parent(path)]
    return siblings.index(path)


def _added_field_index(ctx: Context) -> dict[tuple[str, str], list[str]]:
    """(leaf name, resolved type) -> ['record.path', ...] for fields new in the new model."""
    index: dict[tuple[str, str], list[str]] = {}
    for rname, rec in ctx.new.records.items():
        old_rec = ctx.old.records.get(rname)
        old_paths = set(flatten_fields(old_rec.fields)) if old_rec else set()
        for path, f in flatten_fields(rec.fields).items():
            if path not in old_paths:
                index.setdefault((_leaf(path), f.resolved), []).append(f"{rname}.{path}")
    return index


def _where_fields_went(old: Record, moved_to) -> list[str]:
    """For a removed record: which of its fields appear, newly, in other records."""
    evidence = []
    for path, f in flatten_fields(old.fields).items():
        places = moved_to.get((_leaf(path), f.resolved))
        if places:
            evidence.append(f"field `{path}` now at `{places[0]}`" +
                            (f" (+{len(places) - 1} more)" if len(places) > 1 else ""))
    return evidence
