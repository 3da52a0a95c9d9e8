"""Pass 2a: turn removal + addition pairs into renames and rename families.

Families first (a rule shared by many pairs is the strongest evidence), then
single renames per kind with kind-specific evidence (same signature, same
fields, same value set, same body).  Unrelated pairs are never matched: a
pair needs both a similar name and the same content.
"""
from __future__ import annotations

import re

from .compare import macro_arity, positional_body
from .context import Context, make_finding
from .families import find_families
from .finding import Finding
from .names import shares_only_a_namespace, rule_between, similarity
from .predicates import (field_types, has_similar_signature, has_same_fields, has_same_signature, has_similar_name, is_one_param_edit,
                         is_anonymous_enum, is_trivial_body, is_trivial_type, with_renames)

# Types first, so that function signatures can be compared through type renames.
RENAME_KIND = {
    "records": "record_renamed",
    "enums": "enum_renamed",
    "typedefs": "typedef_renamed",
    "variables": "variable_renamed",
    "macros": "macro_renamed",
    "enumerators": "enum_member_renamed",
    "functions": "function_renamed",
}
NAMED_KINDS = list(RENAME_KIND)
_TAG_TYPE = re.compile(r"^(struct|union|enum) (\w+)$")
VERY_SIMILAR = 0.8


def match_renames(ctx: Context) -> list[Finding]:
    """Families, then single renames; consumes every pair it explains."""
    findings = list(_families(ctx))
    pair_anonymous_enums(ctx)
    for kind in NAMED_KINDS:
        findings.extend(_single_renames(ctx, kind))
        if kind in ("records", "enums"):
            follow_tag_renames(ctx)
    return findings


def names_tag(typedef, tag: str) -> bool:
    """`typedef struct foo foo;` (or an anonymous struct named `foo` by it): one thing, one name."""
    match = _TAG_TYPE.match(typedef.resolved)
    return bool(match) and match.group(2) == tag and typedef.name == tag


def follow_tag_renames(ctx: Context) -> None:
    """A typedef named like the record/enum it names is renamed with it, silently:
    the record's (or enum's) rename is the one finding for both spellings."""
    for (kind, old), new in list(ctx.renamed.items()):
        if kind not in ("records", "enums") or old not in ctx.removed("typedefs") \
                or new not in ctx.added("typedefs"):
            continue
        if names_tag(ctx.old.typedefs[old], old) and names_tag(ctx.new.typedefs[new], new):
            ctx.consume("typedefs", old, new)
            ctx.renamed[("typedefs", old)] = new


def _removed(ctx: Context, kind: str) -> set[str]:
    """Rename candidates: removals, except anonymous enums (their name is not a name)."""
    return {n for n in ctx.removed(kind) if not (kind == "enums" and is_anonymous_enum(n))}


def _added(ctx: Context, kind: str) -> set[str]:
    return {n for n in ctx.added(kind) if not (kind == "enums" and is_anonymous_enum(n))}


def pair_anonymous_enums(ctx: Context) -> None:
    """`enum { A, B }` is named after its first member, so renaming or removing that member
    "renames" the enum.  Pair old and new anonymous enums by the enumerators they share
    (after renames) instead; the pair is then compared like one enum, with no finding of its own.
    """
    news = sorted(n for n in ctx.added("enums") if is_anonymous_enum(n))
    for old in sorted(n for n in ctx.removed("enums") if is_anonymous_enum(n)):
        members = {ctx.renamed.get(("enumerators", m.name), m.name) for m in ctx.old.enums[old].members}
        shared = {n: len(members & {m.name for m in ctx.new.enums[n].members}) for n in news}
        best = max(news, key=lambda n: (shared[n], n), default=None)
        if best is not None and shared[best]:
            ctx.consume("enums", old, best)
            ctx.renamed[("enums", old)] = best
            news.remove(best)


def rename_finding(ctx: Context, kind: str, old: str, new: str, confidence: float,
                   evidence: list[str]) -> Finding:
    ctx.consume(kind, old, new)
    ctx.renamed[(kind, old)] = new
    facts = {"old_name": old, "new_name": new}
    if kind == "enumerators":
        facts["enum"] = ctx.new_enumerators[new][0].name
    return make_finding(RENAME_KIND[kind], new, ctx.item(kind, "old", old), ctx.item(kind, "new", new),
                        confidence, evidence, **facts)


def _families(ctx: Context):
    removed = {k: _removed(ctx, k) for k in NAMED_KINDS}
    added = {k: _added(ctx, k) for k in NAMED_KINDS}
    for family in find_families(removed, added, lambda kind, old, new: _plausible(ctx, kind, old, new)):
        ctx.rules.append(family.rule)
        evidence = [f"rule {family.rule} explains {len(family.pairs)} renames"]
        members = [rename_finding(ctx, kind, old, new, family.confidence, evidence)
                   for kind, old, new in family.pairs if kind != "typedefs"]
        follow_tag_renames(ctx)
        members += [rename_finding(ctx, kind, old, new, family.confidence, evidence)
                    for kind, old, new in family.pairs
                    if kind == "typedefs" and (kind, "old", old) not in ctx.consumed]
        finding = make_finding("rename_family", str(family.rule), None, None, family.confidence,
                               evidence, rule=str(family.rule), count=len(members))
        finding.old_loc = min((m.old_loc for m in members if m.old_loc), default=None,
                              key=lambda loc: (loc.file, loc.line))
        finding.new_loc = min((m.new_loc for m in members if m.new_loc), default=None,
                              key=lambda loc: (loc.file, loc.line))
        finding.members = sorted(members, key=Finding.sort_key)
        yield finding


def _plausible(ctx: Context, kind: str, old: str, new: str) -> bool:
    """A family member must stay what it is: a complete record stays complete, a function
    keeps the shape of its signature, an enumerator stays in its enum."""
    a, b = ctx.item(kind, "old", old), ctx.item(kind, "new", new)
    if kind == "records":
        return a.complete == b.complete and a.kind == b.kind and _same_shape(a, b)
    if kind == "typedefs":
        ra, rb = _record_of(ctx.old, a.resolved), _record_of(ctx.new, b.resolved)
        if ra is not None or rb is not None:      # a typedef of a record keeps the record's shape
            return ra is not None and rb is not None and ra.kind == rb.kind and _same_shape(ra, rb)
        return a.resolved == b.resolved or "(" in a.resolved and "(" in b.resolved
    if kind == "functions":
        return has_similar_signature(a, b)
    if kind == "enumerators":
        old_enum, new_enum = ctx.old_enumerators[old][0].name, ctx.new_enumerators[new][0].name
        return old_enum == new_enum or old_enum not in ctx.new.enums or new_enum not in ctx.old.enums
    return True


def _same_shape(a, b) -> bool:
    """Two records are one thing renamed when they share members (a third of their names), or
    neither has members to compare: an error struct is not a directory entry."""
    names_a, names_b = {f.name for f in a.fields if f.name}, {f.name for f in b.fields if f.name}
    if not names_a or not names_b:
        return not names_a and not names_b
    return len(names_a & names_b) * 3 >= max(len(names_a), len(names_b))


def _record_of(model, resolved: str):
    match = _TAG_TYPE.match(resolved.replace("const ", ""))
    if match and match.group(1) in ("struct", "union"):
        return model.records.get(match.group(2))
    return None


def _single_renames(ctx: Context, kind: str):
    """Greedy best-first pairing of leftover removals and additions with the same content."""
    candidates = []
    for old in _removed(ctx, kind):
        for new in _added(ctx, kind):
            scored = _score(ctx, kind, old, new)
            if scored:
                candidates.append((scored[0], old, new, scored[1]))
    taken_old, taken_new = set(), set()
    olds_of = {}
    news_of = {}
    for _, old, new, _ in candidates:
        olds_of.setdefault(new, set()).add(old)
        news_of.setdefault(old, set()).add(new)
    for confidence, old, new, evidence in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if old in taken_old or new in taken_new:
            continue
        if kind == "functions" and _closer_successor(ctx, old, new, evidence):
            continue
        if shares_only_a_namespace(old, new) and not _in_renamed_enum(ctx, kind, old) \
                and not _aliased(ctx, old, new):
            # Names alike only in their namespace (`x_set_callbacks` / `x_prune`): a rename only when
            # nothing else could be (the one removal and the one addition of that shape), and even
            # then a weak one; an enumerator matched by its value yields to a better-named one.
            if kind == "enumerators" and _better_named(ctx, old, new) or len(news_of[old]) > 1 \
                    or len(olds_of[new]) > 1:
                continue
            confidence = min(confidence, 0.6)
            evidence = [e for e in evidence if not e.startswith("similar name")] + \
                ["the names share only their namespace: check it is the same thing"]
        taken_old.add(old)
        taken_new.add(new)
        yield rename_finding(ctx, kind, old, new, confidence, evidence)


def _closer_successor(ctx: Context, old: str, new: str, evidence: list[str]) -> str | None:
    """An added function named far more like `old` than `new` is, with another signature
    (`x_set_filter_options` -> `x_set_filter_option(a, m, o, v)`, not the unrelated
    `x_support_filter_program(a, s)` that merely shares the common signature): `old` was
    replaced by it, not renamed.  A shared rewrite rule or the library's own alias still wins."""
    if any(e.startswith("shares the rewrite rule") for e in evidence) or _aliased(ctx, old, new):
        return None
    ours = similarity(old, new)
    for other in _added(ctx, "functions"):
        if other != new and similarity(old, other) >= VERY_SIMILAR and similarity(old, other) - ours >= 0.15:
            return other
    return None


def _aliased(ctx: Context, old: str, new: str) -> bool:
    """The new revision says so itself: `#define old new` or `typedef new old` (a deprecated alias)."""
    macro = ctx.new.macros.get(old)
    typedef = ctx.new.typedefs.get(old)
    return (macro is not None and macro.params is None and macro.body.strip("() ") == new) or \
        (typedef is not None and typedef.type.split()[-1] == new)


def _better_named(ctx: Context, old: str, new: str) -> bool:
    """Another enumerator added to the same enum whose name is like `old` (READDIR / SCANDIR)."""
    enum = ctx.new_enumerators[new][0].name
    return any(other != new and ctx.new_enumerators[other][0].name == enum and not shares_only_a_namespace(old, other)
               for other in ctx.added("enumerators"))


def _score(ctx: Context, kind: str, old: str, new: str) -> tuple[float, list[str]] | None:
    """(confidence, evidence) if `old` -> `new` looks like a rename of this kind."""
    # The library's own alias (`#define git_credtype_t git_credential_t`) names the pair however
    # unlike the names are.
    if not (has_similar_name(old, new) or _in_renamed_enum(ctx, kind, old) or _aliased(ctx, old, new)):
        return None
    a, b = ctx.item(kind, "old", old), ctx.item(kind, "new", new)
    same, penalty = _SAME_CONTENT[kind](ctx, a, b), 0.0
    if same is None and kind == "functions" and rule_between(old, new) is not None:
        same, penalty = _nearly_same_signature(ctx, a, b), 0.15
    if same is None and _aliased(ctx, old, new) and _same_standing(kind, a, b):
        same = f"the new revision keeps `{old}` as an alias of it"
    if same is None:
        return None
    name_evidence = _name_evidence(ctx, old, new)
    confidence = 0.5 + 0.3 * similarity(old, new) + (0.15 if name_evidence.startswith("shares") else 0)
    return min(confidence, 0.95) - penalty, [same, name_evidence]


def _same_standing(kind: str, a, b) -> bool:
    """Records stay what they were (struct or union, complete or opaque): one made opaque
    behind its old name is record_made_opaque, not a rename."""
    return kind != "records" or (a.kind == b.kind and a.complete == b.complete)


def _name_evidence(ctx: Context, old: str, new: str) -> str:
    rule = rule_between(old, new)
    if rule and any(str(rule) == str(r) for r in ctx.rules):
        return f"shares the rewrite rule {rule}"
    return f"similar name ({similarity(old, new):.0%})"


# -- evidence that two declarations are one thing: a sentence, or None ------

def _same_signature(ctx: Context, a, b) -> str | None:
    return "same signature" if has_same_signature(a, b, ctx.type_renames()) else None


def _nearly_same_signature(ctx: Context, a, b) -> str | None:
    """Renamed and given (or relieved of) one parameter: both are reported, once each."""
    if is_one_param_edit(a, b, ctx.type_renames()):
        return "same signature but for one parameter added or removed"
    return None


def _same_type(ctx: Context, a, b) -> str | None:
    """Typedefs and variables: the same type, through renamed type names."""
    if with_renames(a.resolved, ctx.type_renames()) != b.resolved:
        return None
    if not is_trivial_type(a.resolved):
        return f"same type ({a.resolved})"
    if similarity(a.name, b.name) >= VERY_SIMILAR:   # `int` says little; a near-identical name does
        return f"same type ({a.resolved}) and a very similar name"
    return None


def _same_definition(ctx: Context, a, b) -> str | None:
    """Macros: the same parameters (by position) and body."""
    if macro_arity(a.params) != macro_arity(b.params) or positional_body(a) != positional_body(b):
        return None
    if not is_trivial_body(a.body):
        return "same definition"
    if similarity(a.name, b.name) >= VERY_SIMILAR:   # `1` says little; a near-identical name does
        return f"same definition ({a.body or 'empty'}) and a very similar name"
    return None


def _same_value(ctx: Context, a, b) -> str | None:
    """Enumerators: the same value in the same (possibly renamed) enum."""
    if a.value is None or a.value != b.value:
        return None
    old_enum = ctx.old_enumerators[a.name][0].name
    new_enum = ctx.new_enumerators[b.name][0].name
    if ctx.renamed.get(("enums", old_enum), old_enum) == new_enum:
        return f"same value ({a.value}) in the same enum"
    return None


def _same_members(ctx: Context, a, b) -> str | None:
    """Records: the same fields, or most of them (a renamed record may also gain or lose
    a field, reported on its own).  Never across struct/union or complete/opaque."""
    if a.complete != b.complete or a.kind != b.kind:
        return None
    if not a.complete:
        return "both opaque"
    if has_same_fields(a, b):
        return "same fields"
    # Field types read with the renames known so far, and this pair's own (a list link or a
    # callback taking the record itself: `void (*free)(struct git_cred *)`).
    renames = {**ctx.type_renames(), a.name: b.name}
    fa, fb = {p: with_renames(t, renames) for p, t in field_types(a).items()}, field_types(b)
    if fa and fa == fb:
        return "same fields, once renamed types are followed"
    shared = sum(1 for path, t in fa.items() if fb.get(path) == t)
    if shared >= 2 and shared * 2 >= max(len(fa), len(fb)):
        return f"shares {shared} of {len(fa)} fields"
    return None


def _same_enumerators(ctx: Context, a, b) -> str | None:
    """Enums: most enumerators shared (after their renames), or the same values when there are
    enough of them to mean something ({1, 2} is every two-member enum)."""
    names_a = {ctx.renamed.get(("enumerators", m.name), m.name) for m in a.members}
    shared = len(names_a & {m.name for m in b.members})
    if shared and shared * 2 >= max(len(a.members), len(b.members)):
        return f"shares {shared} of {len(a.members)} enumerators"
    values_a = sorted(m.value for m in a.members if m.value is not None)
    if len(values_a) >= MIN_TELLING_VALUES and values_a == sorted(m.value for m in b.members if m.value is not None):
        return "same set of values"
    return None


MIN_TELLING_VALUES = 4

_SAME_CONTENT = {
    "functions": _same_signature,
    "records": _same_members,
    "enums": _same_enumerators,
    "typedefs": _same_type,
    "variables": _same_type,
    "macros": _same_definition,
    "enumerators": _same_value,
}


def _in_renamed_enum(ctx: Context, kind: str, old: str) -> bool:
    """An enumerator whose siblings were renamed by a family: a changed word is still a rename."""
    if kind != "enumerators":
        return False
    enum = ctx.old_enumerators[old][0]
    return any(("enumerators", m.name) in ctx.renamed for m in enum.members)

