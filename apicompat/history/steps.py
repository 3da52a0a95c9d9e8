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
the classifier's own code, so a warm walk loads no model at all.  With worker
processes, the pairs a walk needs are found first (a pass that only follows
the states) and compared in the workers, each a run of neighbouring pairs
(a model loaded once serves two); the steps then take them from the cache.
"""
from __future__ import annotations

import hashlib
from concurrent.futures import as_completed
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


def step_key(old: str, new: str) -> str:
    """The cache key of the findings between two states (model keys, or carried states)."""
    return hashlib.sha256(f"{old}|{new}|{classify_digest()}".encode()).hexdigest()


def _carried(state: str) -> bool:
    return state.startswith("carry:")


_worker_cache = None


def compare_pairs(path: str, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], list[Finding]]:
    """In a worker: {(old, new): findings} for each pair of model keys whose models the cache at
    `path` holds (any other is left to the steps), neighbouring models loaded once."""
    from .cache import ModelCache
    global _worker_cache
    if _worker_cache is None or _worker_cache.path != path:
        _worker_cache = ModelCache(path)
    models: dict[str, ApiModel | None] = {}
    found = {}
    for old, new in pairs:
        pair = []
        for key in (old, new):
            if key in models:
                models[key] = models.pop(key)        # the most recent last
            else:
                models[key] = ApiModel() if key == ABSENT else _worker_cache.get_model(key)
            pair.append(models[key])
        while len(models) > 3:
            models.pop(next(iter(models)))
        if pair[0] is not None and pair[1] is not None:
            found[(old, new)] = classify(pair[0], pair[1])
    return found


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
        self._wanted: list[tuple[str, str]] | None = None   # pairs listed, not compared (run)

    def bases(self, rev: Revision) -> tuple[str, ...]:
        if not rev.parents:
            return ()
        return rev.parents[:1] if self.first_parent else tuple(rev.parents)

    def run(self, revs: list[Revision], phase: str = "comparing") -> list[Step]:
        """The steps of `revs` (oldest first), after extracting what they need."""
        self.store.remember(revs)
        needed = [r.id for r in revs] + [b for r in revs for b in self.bases(r) if b not in self._effective]
        self.store.ensure(list(dict.fromkeys(needed)))
        self._compare_in_workers(revs)
        steps = []
        for i, rev in enumerate(revs):
            steps.append(self.step(rev))
            if self.store.progress:
                self.store.progress(phase, i + 1, len(revs))
        return steps

    def _compare_in_workers(self, revs: list[Revision]) -> None:
        """Compare in the worker processes the pairs of models the steps of `revs` will need and
        the cache lacks (none without workers: the steps compare them as they go).

        A first pass follows the states (the parent alone); each run of neighbouring pairs goes
        to a worker as soon as the pass has found it, so the workers start while the pass goes
        on, and the runs are short enough that none is left alone at the end."""
        if len(revs) < 2 or not self.store.shares_work():
            return
        kept = (dict(self._effective), dict(self._recipes), self._last_full, self._pending, dict(self._by_key))
        size = max(4, min(32, -(-len(revs) // (8 * self.store.jobs))))      # neighbours together, work for all
        self._wanted = []
        seen: set = set()
        run: list = []
        futures: list = []

        def send(pairs: list) -> None:
            futures.append(self.store.local_pool().submit(compare_pairs, self.cache.path, pairs))
        try:
            for rev in revs:
                self.step(rev)
                for pair in self._wanted:
                    if pair not in seen:
                        seen.add(pair)
                        run.append(pair)
                self._wanted.clear()
                if len(run) >= size:
                    send(run)
                    run = []
            if run and (futures or len(run) >= 2):      # a warm walk: no worker started for nothing
                send(run)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
        finally:
            self._wanted = None
            self._effective, self._recipes, self._last_full, self._pending, self._by_key = kept
        for future in as_completed(futures):
            for (old, new), found in future.result().items():
                self.cache.put_step(step_key(old, new), found)

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
        key = step_key(old, new)
        if self._wanted is not None:          # the pass that only lists the pairs (run)
            if not (self.cache.has_step(key) or _carried(old) or _carried(new)):
                self._wanted.append((old, new))
            return []
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
    revs = walk_revisions(session.repo, session.settings, span, first_parent, store.cache, jobs=store.jobs)
    stepper = Stepper(store, first_parent)
    if span.old is not None:
        stepper.prime(span.old.id)
        store.remember([span.old])
    steps = stepper.run(revs)
    store.check_some_present([r.id for r in revs] + ([span.old.id] if span.old else []))
    return revs, steps
