"""Steps of a walk: what changed in the API at each revision, compared with its parent.

A step compares a revision's model with the model of the revision before it:
its first parent (the previous walked revision has the same inputs, so the
cache answers), or nothing at a root (everything is added).  Walking the
whole history (not only first parents), a merge is compared with both
parents and keeps only the changes found against both: what the merge itself
did (resolved a conflict), not what the branches it joins had done already,
which their own commits report.

Unreadable headers.  A partial model (a header that could not be read, see
extract.pipeline) would make every declaration of that header look removed,
then added back.  So each revision's *effective* model fills what it could
not read from the last revision read in full, and the first readable step
after such a stretch says its changes may have happened anywhere since the
stretch began (`uncertain_since`).  A revision that cannot be read at all is
a step with `failed` set and no findings; the walk goes on past it.

Findings per pair of effective models are cached (cache.steps), keyed with
the classifier's own code, so a warm walk loads no model at all.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..diff.classify import classify
from ..diff.finding import Finding
from ..model import KINDS, ApiModel, Problem
from ..vcs.base import Revision
from .walk import ABSENT, Failure, ModelStore

EMPTY = ABSENT         # the state before a root revision: no library


@dataclass
class Step:
    """One walked revision and what it changed."""

    rev: Revision
    bases: tuple[str, ...]                  # ids compared against (both parents of a merge)
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)   # headers not read at rev
    failed: str | None = None               # the API at rev could not be read at all
    uncertain_since: Revision | None = None  # the change may be at any revision from this one to rev
    absent: str | None = None               # no library at rev (why)

    @property
    def is_merge(self) -> bool:
        return len(self.rev.parents) > 1


@lru_cache(maxsize=None)
def classify_digest() -> str:
    """The code and catalogue that turn two models into findings."""
    package = Path(__file__).resolve().parents[1]
    files = sorted((package / "diff").rglob("*.py")) + sorted((package / "catalogue").glob("*"))
    h = hashlib.sha256()
    for path in files:
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


class Stepper:
    """Computes steps in order, carrying effective models across unreadable revisions."""

    def __init__(self, store: ModelStore, first_parent: bool):
        self.store, self.cache = store, store.cache
        self.first_parent = first_parent
        self._effective: dict[str, str] = {}     # rev id -> effective state key
        self._recipes: dict[str, tuple[str, str]] = {}   # carried state -> (rev id, full state rev id)
        self._last_full: str | None = None       # rev id of the last revision read in full
        self._pending: Revision | None = None    # first unreadable revision not yet followed by a full one
        self._models: dict[str, ApiModel] = {}
        self._by_key: dict[str, str] = {}        # model key -> effective state of the last walked rev with it

    def bases(self, rev: Revision) -> tuple[str, ...]:
        if not rev.parents:
            return ()
        return rev.parents[:1] if self.first_parent else tuple(rev.parents)

    def run(self, revs: list[Revision], phase: str = "comparing") -> list[Step]:
        """The steps of `revs` (oldest first), after extracting what they need."""
        self.store.remember(revs)
        needed = [r.id for r in revs] + [b for r in revs for b in self.bases(r) if b not in self._effective]
        self.store.ensure(list(dict.fromkeys(needed)))
        steps = []
        for i, rev in enumerate(revs):
            steps.append(self.step(rev))
            if self.store.progress:
                self.store.progress(phase, i + 1, len(revs))
        return steps

    def step(self, rev: Revision) -> Step:
        store = self.store
        bases = self.bases(rev)
        base_states = [self.state_of(b) for b in bases] or [EMPTY]
        step = Step(rev, bases)
        failure, partial = store.failure(rev.id), store.is_partial(rev.id)
        step.absent = store.absent(rev.id)
        if failure:
            step.failed = failure
            self._effective[rev.id] = base_states[0]
            self._pending = self._pending or rev
            return step
        if partial and self._last_full is not None:
            state = self._carried_state(rev.id, self._last_full)
            self._pending = self._pending or rev
        else:
            state = store.key(rev.id)
            if not partial:
                self._last_full = rev.id
                step.uncertain_since, self._pending = self._pending, None
        self._effective[rev.id] = self._by_key[store.key(rev.id)] = state
        if partial:
            step.problems = store.problems(rev.id)
        found = [self.findings(base, state) for base in base_states]
        step.findings = found[0] if len(found) == 1 else _in_all(found)
        return step

    def state_of(self, rev_id: str) -> str:
        """The effective state key of a revision (its model key if it was not walked)."""
        if rev_id in self._effective:
            return self._effective[rev_id]
        self.store.ensure([rev_id])
        if self.store.failure(rev_id):
            return self._effective.get(self._last_full or "", EMPTY)
        key = self.store.key(rev_id)
        return self._by_key.get(key, key)     # same inputs as a walked revision: its effective state

    def _carried_state(self, rev_id: str, full_id: str) -> str:
        raw, full = self.store.key(rev_id), self.store.key(full_id)
        state = "carry:" + hashlib.sha256(f"{raw}+{full}".encode()).hexdigest()
        self._recipes[state] = (rev_id, full_id)
        return state

    # -- findings between two states -------------------------------------------

    def findings(self, old: str, new: str) -> list[Finding]:
        if old == new:
            return []
        key = hashlib.sha256(f"{old}|{new}|{classify_digest()}".encode()).hexdigest()
        cached = self.cache.get_step(key)
        if cached is not None:
            return cached
        found = classify(self.model_of(old), self.model_of(new))
        self.cache.put_step(key, found)
        return found

    def model_of(self, state: str) -> ApiModel:
        """The (effective) model of a state key."""
        if state == ABSENT:
            return ApiModel()
        if state not in self._models:
            if len(self._models) >= 6:
                self._models.pop(next(iter(self._models)))
            self._models[state] = self._build(state)
        return self._models[state]

    def _build(self, state: str) -> ApiModel:
        if state in self._recipes:
            rev_id, full_id = self._recipes[state]
            return carry(self._raw(rev_id), self._raw(full_id))
        model = self.store.model_by_key(state)
        return ApiModel() if isinstance(model, Failure) else model

    def _raw(self, rev_id: str) -> ApiModel:
        model = self.store.model(rev_id)
        return ApiModel() if isinstance(model, Failure) else model

    def prime(self, rev_id: str) -> None:
        """Start from `rev_id` (the OLD of a range): its state is what the first step compares with."""
        self.store.ensure([rev_id])
        if self.store.failure(rev_id) is None:
            self._effective[rev_id] = self._by_key[self.store.key(rev_id)] = self.store.key(rev_id)
            if not self.store.is_partial(rev_id):
                self._last_full = rev_id


def carry(model: ApiModel, full: ApiModel) -> ApiModel:
    """`model` with what it could not read filled from `full` (a model read in full)."""
    unreadable = {part.strip() for p in model.problems for part in p.file.split(",")}
    filled = replace(model, problems=[], includes=list(model.includes))
    for kind in KINDS:
        table = dict(getattr(model, kind))
        for name, item in getattr(full, kind).items():
            if name not in table and item.loc.file in unreadable:
                table[name] = item
        setattr(filled, kind, table)
    seen = {(i.loc.file, i.loc.line, i.target) for i in filled.includes}
    filled.includes += [i for i in full.includes
                        if i.loc.file in unreadable and (i.loc.file, i.loc.line, i.target) not in seen]
    return filled


def _signature(f: Finding) -> tuple:
    """A change as the merge's result shows it (the old side differs with the parent)."""
    return f.kind, f.symbol, f.new_decl


def _in_all(found: list[list[Finding]]) -> list[Finding]:
    """The findings of the first list that every other list has too (a merge's own changes)."""
    others = [{_signature(f) for f in fs} for fs in found[1:]]
    return [f for f in found[0] if all(_signature(f) in o for o in others)]


def walk_steps(session, span, first_parent: bool):
    """The revisions of `span` that touch the inputs, and each one's step (findings against its
    parents), the start of the range primed and remembered.  What log and timeline share."""
    from .walk import walk_revisions
    store = session.store
    revs = walk_revisions(session.repo, session.settings, span, first_parent, store.cache)
    stepper = Stepper(store, first_parent)
    if span.old is not None:
        stepper.prime(span.old.id)
        store.remember([span.old])
    steps = stepper.run(revs)
    store.check_some_present([r.id for r in revs] + ([span.old.id] if span.old else []))
    return revs, steps
