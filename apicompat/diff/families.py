"""Rename families: one rewrite rule that explains several removed/added pairs at once.

Every removed name is paired with every added name of the same kind; each
pair that one token rewrite explains votes for that rule.  Rules are taken
greedily, the one explaining most pairs first, and each name joins at most
one family -- so when `* -> LIBXL_*` and `DISK_* -> LIBXL_DISK_*` overlap, the
broader rule that explains more wins and the other keeps only what is left.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .names import Rule, rule_between

MIN_FAMILY = 2


@dataclass
class Family:
    rule: Rule
    pairs: list[tuple[str, str, str]] = field(default_factory=list)   # (kind, old, new)

    @property
    def confidence(self) -> float:
        return min(0.99, 0.7 + 0.05 * len(self.pairs))


def find_families(removed: dict[str, set[str]], added: dict[str, set[str]],
                  accept=lambda kind, old, new: True) -> list[Family]:
    """Families over removed/added names grouped by kind (functions, enumerators, ...).

    `accept(kind, old, new)` can veto a pair (e.g. functions whose signatures
    are unrelated).  Families are returned biggest first.
    """
    votes: dict[Rule, list[tuple[str, str, str]]] = defaultdict(list)
    for kind in sorted(removed):
        for old in sorted(removed[kind]):
            for new in sorted(added.get(kind, ())):
                rule = rule_between(old, new)
                if rule is not None and rule.apply(old) == new:
                    votes[rule].append((kind, old, new))
    taken_old: set[tuple[str, str]] = set()
    taken_new: set[tuple[str, str]] = set()
    families = []
    for rule, pairs in sorted(votes.items(), key=lambda kv: (-len(kv[1]), str(kv[0]))):
        if len({o for _, o, _ in pairs}) < MIN_FAMILY:
            continue
        free = [(k, o, n) for k, o, n in explained_by(rule, removed, added)
                if (k, o) not in taken_old and (k, n) not in taken_new and accept(k, o, n)]
        if len({o for _, o, _ in free}) < MIN_FAMILY:   # a record and its typedef count once
            continue
        families.append(Family(rule, free))
        taken_old.update((k, o) for k, o, _ in free)
        taken_new.update((k, n) for k, _, n in free)
    return families


def explained_by(rule: Rule, removed: dict[str, set[str]], added: dict[str, set[str]]):
    """Every (kind, old, new) the rule turns into each other, short names included.

    A rule is found from names long enough to trust (see names.rule_between);
    once several pairs share it, it also explains `NICTYPE_VIF` ->
    `LIB_NIC_TYPE_VIF`, whose kept part alone (`VIF`) would be too short.
    """
    for kind in sorted(removed):
        for old in sorted(removed[kind]):
            new = rule.apply(old)
            if new is not None and new in added.get(kind, ()):
                yield kind, old, new
