"""Walk a range of history: the revisions that touch the API's inputs, and their models.

`parse_range` reads `OLD..NEW` (either side may be left out); `input_paths`
names every repository file extraction may read under any era of the
profile (public headers, include directories, generator inputs, the era
marker files), so `walk_revisions` lists only the revisions where the API
can have changed.  `ModelStore` gives the model at any revision: from the
cache when a revision with the same inputs was seen before (see cache.py),
else extracted, in parallel worker processes when more than one is missing.

Revisions where the library does not exist yet (no header matches, no era of
the profile applies) have an empty model; a revision that cannot be read at
all (the extraction fails) is reported, never silently dropped.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable

from ..errors import RevisionError, ApicompatError, GeneratorError, MissingFileError, ProfileError
from ..extract.config import ExtractConfig
from ..model import ApiModel
from ..settings import Settings
from ..vcs.base import Repository, Revision
from . import cache as C
from . import reads as R

RANGE_SEPARATOR = ".."
ABSENT = "absent"       # the state key of "no library here" (an empty model)

# progress(phase, done, total): a callback the CLI turns into a progress bar.
Progress = Callable[[str, int, int], None]


@dataclass
class Range:
    """A range of history: the revisions after `old` up to `new`; from the root, the root
    itself too (`old` is None and `root` is that first revision)."""

    old: Revision | None
    new: Revision
    text: str                       # as the user wrote it
    root: Revision | None = None

    def describe(self) -> str:
        start = self.old.short if self.old else f"{self.root.short} (root)" if self.root else "(root)"
        return f"{start}..{self.new.short}"


def head_name(repo: Repository) -> str:
    return "tip" if repo.kind == "hg" else "HEAD"


def parse_range(repo: Repository, text: str | None) -> Range:
    """`OLD..NEW`, `OLD..` (to HEAD/tip), `..NEW` or `NEW` (from the root), '' (root to HEAD/tip).

    >>> parse_range(repo, "v1.0..v2.0").old.short
    '88ab831'
    """
    text = (text or "").strip()
    if RANGE_SEPARATOR in text:
        old_name, _, new_name = text.partition(RANGE_SEPARATOR)
    else:
        old_name, new_name = "", text
    new = repo.resolve(new_name or head_name(repo))
    old = repo.resolve(old_name) if old_name else None
    found = Range(old, new, text or f"..{head_name(repo)}")
    if old is None:
        found.root = repo.root(new.id)
    elif old.id != new.id and _is_ancestor(repo, new.id, old.id):     # old..new is empty, new..old is not
        raise ApicompatError(f"the range {text} is reversed: {old_name} comes after "
                             f"{new_name or head_name(repo)} (did you mean {new_name or head_name(repo)}..{old_name}?)")
    return found


def _is_ancestor(repo: Repository, a: str, b: str) -> bool:
    """Is `a` an ancestor of `b`: one merge-base question, not a listing of both ranges."""
    try:
        return repo.merge_base(a, b).id == a
    except ApicompatError:             # unrelated histories
        return False


def pair_range(repo: Repository, good: str | None, bad: str | None) -> Range:
    """The range GOOD..BAD of `bisect` (GOOD default: the root; BAD default: HEAD/tip)."""
    return parse_range(repo, f"{good or ''}{RANGE_SEPARATOR}{bad or ''}")


def walk_revisions(repo: Repository, settings: Settings, span: Range, first_parent: bool = False,
                   cache=None, jobs: int = 1) -> list[Revision]:
    """Revisions in `span` that change the API's inputs, oldest first; from the root, the root too.
    With the history `cache`, commits listed by an earlier walk are not diffed again, and those
    never listed are diffed by up to `jobs` git processes (listings.py)."""
    from .listings import revisions_touching
    paths = input_paths(settings)
    if span.old is not None:
        return revisions_touching(repo, cache, span.old.id, span.new.id, paths, first_parent, jobs)
    root = span.root or repo.root(span.new.id)
    return [root] + revisions_touching(repo, cache, root.id, span.new.id, paths, first_parent, jobs)


# -- which files matter ------------------------------------------------------

class _EraProbe(Repository):
    """Answers `exists` so that a profile picks one era: for listing every era's inputs."""

    def __init__(self, marker: str | None):
        self.marker = marker

    def exists(self, rev: str, path: str) -> bool:
        return path == self.marker


def era_configs(settings: Settings) -> list[ExtractConfig]:
    """The extraction settings of every era (one, without a profile)."""
    profile = settings.profile
    markers = [era.when_exists for era in profile.eras] if profile else [None]
    configs = []
    for marker in markers:
        try:
            configs.append(settings.config_at(_EraProbe(marker), ""))
        except ProfileError:
            continue
    return configs


def input_paths(settings: Settings) -> list[str]:
    """Globs of every file whose change can change the API, under any era (and the era markers)."""
    globs: list[str] = []
    for config in era_configs(settings):
        globs += C.input_globs(config)
    if settings.profile:
        globs += [era.when_exists for era in settings.profile.eras if era.when_exists]
    return list(dict.fromkeys(globs))


# -- models at revisions -------------------------------------------------------

@dataclass
class Failure:
    """A revision whose API could not be read at all."""

    message: str


@dataclass
class ModelStore:
    """The API model at any revision, through the cache; misses extracted in parallel.

    >>> store = ModelStore(repo, settings, ModelCache(), jobs=2)
    >>> store.ensure([rev1, rev2]); store.model(rev1.id)
    """

    repo: Repository
    settings: Settings
    cache: C.ModelCache
    jobs: int = 1
    progress: Progress | None = None
    revisions: dict[str, Revision] = field(default_factory=dict)
    _configs: dict[str, ExtractConfig | None] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)
    _absent: dict[str, str] = field(default_factory=dict)      # rev id -> why there is no library
    _failed: dict[str, str] = field(default_factory=dict)      # key -> message
    _loaded: dict[str, ApiModel] = field(default_factory=dict)  # a few models, by key
    _pool: ProcessPoolExecutor | None = None
    extracted: int = 0
    reused: int = 0                          # revisions that took a model made from the same reads
    unsettled: bool = False                  # a time limit passed: the answer may differ next time
    _scopes: dict[str, str] = field(default_factory=dict)
    _file_ids: dict[str, dict[str, str]] = field(default_factory=dict)
    _read_index: R.ReadIndex | None = None
    _predicted: dict[str, tuple[str, str]] = field(default_factory=dict)   # rev id -> (read list, contents)
    _running: dict = field(default_factory=dict)         # extractions in flight (see ensure)
    _eras: "_EraMemory | None" = None
    scheduler: str | None = None             # a Dask scheduler's address: extract on its cluster
    _client: object | None = None

    @property
    def _reads(self) -> R.ReadIndex:
        if self._read_index is None or self._read_index.cache is not self.cache:
            self._read_index = R.ReadIndex(self.cache)
        return self._read_index

    @property
    def revisions_read(self) -> int:
        """Revisions whose API was looked at (from the cache or extracted)."""
        return len(self._keys)

    def remember(self, revs: list[Revision]) -> None:
        for rev in revs:
            self.revisions.setdefault(rev.id, rev)

    def revision(self, rev_id: str) -> Revision:
        if rev_id not in self.revisions:
            self.revisions[rev_id] = self.repo.resolve(rev_id)
        return self.revisions[rev_id]

    # -- keys --------------------------------------------------------------

    def config(self, rev_id: str) -> ExtractConfig | None:
        """The extraction settings at `rev_id` (None where no era of the profile applies)."""
        if rev_id not in self._configs:
            try:
                config = self.settings.config_at(self.repo, rev_id, self._era_memory())
            except ProfileError as exc:
                self._absent[rev_id] = str(exc)
                config = None
            if config is not None and config.generators and not config.trust:
                label = self.revisions[rev_id].short if rev_id in self.revisions else rev_id[:12]
                outputs = ", ".join(o for g in config.generators for o in g.outputs) or "generated headers"
                raise GeneratorError(
                    f"revision {label} needs {outputs}, which the build generates "
                    f"({', '.join(g.name for g in config.generators)}); making them runs code from the "
                    "analysed repository. Re-run with --trust to allow it (or set trust = true in your "
                    "own profile).")
            self._configs[rev_id] = config
        return self._configs[rev_id]

    def _learn_eras(self, rev_ids: list[str]) -> None:
        """Find the profile era of every revision not known yet, many revisions to a question to
        the repository: asked one revision at a time, each waited for git's turn while the
        workers kept the machine busy."""
        memory, profile = self._era_memory(), self.settings.profile
        if memory is None:
            return
        todo = [r for r in rev_ids if r not in self._configs and memory.get(r) is None]
        for start in range(0, len(todo), self.ERA_BATCH):
            batch = todo[start:start + self.ERA_BATCH]
            for rev_id, index in zip(batch, profile.era_indices(self.repo, batch)):
                if index is not None:
                    memory.put(rev_id, index)

    def _list_ahead(self, rev_ids: list[str]) -> None:
        """Tell the repository which revisions' input ids the walk will ask for (ids_ahead): the
        input globs are those of each revision's era, worked out once per era."""
        memory, globs_of, wanted = self._era_memory(), {}, []
        for rev_id in rev_ids:
            if rev_id in self._file_ids or rev_id in self._absent:
                continue
            era = memory.get(rev_id) if memory is not None else 0
            if era is None:
                continue
            if era not in globs_of:
                try:
                    globs = C.input_globs(self.settings.config_at(self.repo, rev_id, memory))
                    globs_of[era] = (globs, C.spec_hash(globs))
                except ProfileError:
                    globs_of[era] = None
            if globs_of[era] and self.cache.get_inputs(rev_id, globs_of[era][1]) is None:   # else key() needs none
                wanted.append((rev_id, globs_of[era][0]))
        for start in range(0, len(wanted), self.ERA_BATCH):
            self.repo.ids_ahead(wanted[start:start + self.ERA_BATCH])

    def _era_memory(self):
        """The history cache remembering each revision's profile era (revisions never change)."""
        profile = self.settings.profile
        if profile is None or not any(e.when_exists for e in profile.eras):
            return None
        spec = "era:" + C.spec_hash([profile.era_signature()])
        if self._eras is None or self._eras.spec != spec or self._eras.cache is not self.cache:
            self._eras = _EraMemory(self.cache, spec)
        return self._eras

    def key(self, rev_id: str) -> str:
        """The model key at `rev_id` (ABSENT where the library does not exist)."""
        if rev_id not in self._keys:
            config = self.config(rev_id)
            if config is None:
                self._keys[rev_id] = ABSENT
            else:
                globs = C.input_globs(config)
                spec = C.spec_hash(globs)
                digest = self.cache.get_inputs(rev_id, spec)
                if digest is None:
                    digest = C.inputs_digest(self._file_ids_of(rev_id))
                    self.cache.put_inputs(rev_id, spec, digest)
                raw = C.model_key(config, digest)
                # made from the same reads as a model stored before (history/reads.py)
                self._keys[rev_id] = self.cache.get_alias(raw) or raw
        return self._keys[rev_id]

    # -- models ------------------------------------------------------------

    LOOKAHEAD = 48          # revisions looked ahead for work an idle worker can start
    ERA_BATCH = 256         # revisions whose era markers are asked of the repository at once

    def ensure(self, rev_ids: list[str], phase: str = "reading the API") -> None:
        """Make sure the model of every revision is in the cache (extracting what is missing).

        In order, so that what an extraction read decides whether the next revisions need one
        at all (history/reads.py): a revision whose read files are unchanged since a stored
        model takes that model's key.  An extraction still running that will most likely
        answer for the next revision is waited for rather than run beside it; meanwhile idle
        workers take revisions further on that nothing before them will answer for."""
        order = list(dict.fromkeys(rev_ids))
        self._learn_eras(order)
        running = self._running  # future -> (key, rev id, file ids, predicted contents); prefetch's too
        started: set[str] = {entry[0] for entry in running.values()}
        i = listed = 0
        try:
            while i < len(order):
                if listed < len(order) and listed <= i + self.LOOKAHEAD:    # a window at a time: bounded memory
                    self._list_ahead(order[listed:listed + self.ERA_BATCH])
                    listed += self.ERA_BATCH
                rev_id = order[i]
                key = self.key(rev_id)
                if key in started or not self._missing(key) or self._reused(rev_id):
                    self._report(phase, i + 1, len(order))
                    i += 1
                    continue
                if running and self._may_answer(running, rev_id):
                    self._start_ahead(order, i, running, started)
                    self._collect(running)
                    continue
                if len(running) >= self._width():
                    self._collect(running)
                    continue
                started.add(key)
                self._start(running, key, rev_id, inline=len(order) == 1)
            while running:
                self._collect(running)
        except BaseException:
            for future in running:
                future.cancel()
            raise

    def prefetch(self, rev_ids: list[str]) -> None:
        """Start extracting what `rev_ids` miss in the workers and return at once: the caller
        does other work (a VCS search) meanwhile, and the next `ensure` collects them."""
        if self.scheduler or self._width() == 1:
            return
        started = {entry[0] for entry in self._running.values()}
        for rev_id in dict.fromkeys(rev_ids):
            key = self.key(rev_id)
            if len(self._running) < self._width() and key not in started and self._missing(key) \
                    and not self._reused(rev_id):
                started.add(key)
                self._start(self._running, key, rev_id, inline=False)

    def _start_ahead(self, order: list[str], i: int, running: dict, started: set[str]) -> None:
        """Fill idle workers with revisions after `order[i]` whose predicted contents neither an
        extraction in flight nor an earlier revision of the window has (each will need its own)."""
        if self.scheduler or self._width() == 1:
            return
        claimed = {entry[3] for entry in running.values()}
        for rev_id in order[i:i + self.LOOKAHEAD]:
            if len(running) >= self._width():
                return
            key = self.key(rev_id)
            predicted = self._prediction(rev_id)
            if predicted is None or predicted in claimed:
                continue
            claimed.add(predicted)
            if key not in started and self._missing(key) and not self._reused(rev_id):
                started.add(key)
                self._start(running, key, rev_id, inline=False)

    def _missing(self, key: str) -> bool:
        return key != ABSENT and key not in self._failed and key not in self._loaded \
            and not self.cache.has_model(key)

    def _width(self) -> int:
        """Extractions at once: one per worker (a cluster: many; it has the workers)."""
        return 64 if self.scheduler else max(1, self.jobs)

    def _reused(self, rev_id: str) -> bool:
        """Whether a stored model was made from what `rev_id` has (its key is then that one's)."""
        config = self.config(rev_id)
        if config is None or os.environ.get("APICOMPAT_REUSE_READS") == "0":    # 0: the bench's baseline
            return False
        scope = self._scope(config)
        if not self._reads.lists(scope):            # nothing recorded yet: no listing needed
            return False
        target = self._reads.find(scope, self._file_ids_of(rev_id))
        if target is None:
            return False
        raw = self._keys[rev_id]
        if target != raw:
            self.cache.put_alias(raw, target)
        self._keys[rev_id] = target
        self.reused += 1
        return True

    def _may_answer(self, running: dict, rev_id: str) -> bool:
        """Whether an extraction in flight will most likely be reusable for `rev_id`: it has the
        same contents at the files the last extraction of that configuration read."""
        predicted = self._prediction(rev_id)
        return predicted is not None and any(entry[3] == predicted for entry in running.values())

    def _prediction(self, rev_id: str) -> str | None:
        """The contents of `rev_id` at the files its configuration's last extraction read (kept
        until that list changes), with the configuration: equal ones most likely share a model."""
        config = self.config(rev_id)
        if config is None:
            return None
        scope = self._scope(config)
        lists = self._reads.lists(scope)
        if not lists:
            return None
        kept = self._predicted.get(rev_id)
        if kept is None or kept[0] != lists[0][0]:
            kept = self._predicted[rev_id] = (lists[0][0], scope + self._reads.predict(scope, self._file_ids_of(rev_id)))
        return kept[1]

    def _start(self, running: dict, key: str, rev_id: str, inline: bool) -> None:
        """Extract `rev_id`: here (one worker, or one revision asked for), else in a worker."""
        rev, config = self.revision(rev_id), self.config(rev_id)
        file_ids = self._file_ids_of(rev_id)
        if (inline or self._width() == 1) and not self.scheduler:
            self._store(key, rev_id, _extract(self.repo, rev, config), file_ids)
            return
        pool = self._workers()
        if self.scheduler:
            future = pool.submit(_extract_on_cluster, self.repo.path, self.repo.kind, rev, config)
        else:
            future = pool.submit(_extract_packed_in_worker, rev, config)
        running[future] = (key, rev_id, file_ids, self._prediction(rev_id))

    def _collect(self, running: dict) -> None:
        """Store what the first extraction in flight to finish made."""
        finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
        for future in finished:
            # Popped, so the future (and the model it carries) is freed once stored: held
            # until the end, every model of a full-history walk stayed in memory at once.
            key, rev_id, file_ids, _ = running.pop(future)
            self._store(key, rev_id, future.result(), file_ids)

    def _scope(self, config: ExtractConfig) -> str:
        fingerprint = repr(config)
        if fingerprint not in self._scopes:
            self._scopes[fingerprint] = R.scope(config)
        return self._scopes[fingerprint]

    def _file_ids_of(self, rev_id: str) -> dict[str, str]:
        """{path: file id} of the inputs at `rev_id` (the last few kept: ensure asks right after key)."""
        if rev_id not in self._file_ids:
            if len(self._file_ids) >= self.LOOKAHEAD + 8:
                self._file_ids.pop(next(iter(self._file_ids)))
            self._file_ids[rev_id] = self.repo.file_ids(rev_id, C.input_globs(self.config(rev_id)))
        return self._file_ids[rev_id]

    def shares_work(self) -> bool:
        """Whether other work of the walk can go to this machine's worker processes (not with one
        job, a cluster, or a cache in memory the workers cannot read)."""
        return not (self.scheduler or self._width() == 1 or self.cache.path == ":memory:" or self.cache.warnings)

    def local_pool(self) -> ProcessPoolExecutor | None:
        """This machine's worker processes (started if need be) when the walk shares work."""
        return self._workers() if self.shares_work() else None

    def _workers(self) -> ProcessPoolExecutor:
        """The worker processes, started at the first need and kept until `close`."""
        if self._pool is None and self.scheduler:
            self._client, self._pool = _cluster_executor(self.scheduler)
        if self._pool is None:
            self._pool = _start_workers(self.jobs, self.repo)
        return self._pool

    def close(self) -> None:
        """Stop the workers (before the repository is closed: they hold copies of its pipes)."""
        if self._pool is not None:
            if self._client is not None:
                self._pool.shutdown(wait=True)       # distributed's executor takes no cancel_futures
            else:
                self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None

    def _store(self, key: str, rev_id: str, outcome: tuple, file_ids: dict[str, str] | None = None) -> None:
        status, value, reads = outcome
        self.extracted += 1
        stored = False
        if status == "failed" and C.timed_out(str(value)):
            self.unsettled = True
        if status == "packed":
            packed: C.Packed = value
            if packed.timed_out:
                self.unsettled = True
                self._keep(key, packed.model())
            else:
                self.cache.put_packed(key, packed, self.revision(rev_id).short)
                stored = True
        elif status == "model":
            model: ApiModel = value
            if not any(C.timed_out(p.message) for p in model.problems):  # a time-out may pass next time
                self.cache.put_model(key, model, self.revision(rev_id).short)
                stored = True
            else:
                self.unsettled = True
            self._keep(key, model)
        elif status == "absent":
            self._absent[rev_id] = str(value)
            self._keys[rev_id] = ABSENT
        else:
            self._failed[key] = str(value)
        if stored and reads and file_ids is not None:
            self._reads.record(self._scope(self.config(rev_id)), reads, file_ids, key)

    def _report(self, phase: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(phase, done, total)

    def failure(self, rev_id: str) -> str | None:
        """The message if the API at `rev_id` could not be read at all."""
        return self._failed.get(self.key(rev_id))

    def absent(self, rev_id: str) -> str | None:
        """Why there is no library at `rev_id` (None if there is)."""
        return self._absent.get(rev_id) if self.key(rev_id) == ABSENT else None

    def is_partial(self, rev_id: str) -> bool:
        key = self.key(rev_id)
        if key == ABSENT or key in self._failed:
            return False
        if key in self._loaded:
            return bool(self._loaded[key].problems)
        partial = self.cache.is_partial(key)
        if partial is None:
            self.ensure([rev_id])
            return self.is_partial(rev_id)
        return partial

    def problems(self, rev_id: str) -> list:
        """What could not be read at `rev_id` (without loading the model when it is cached)."""
        key = self.key(rev_id)
        if key == ABSENT or key in self._failed:
            return []
        if key in self._loaded:
            return list(self._loaded[key].problems)
        found = self.cache.get_problems(key, self.revision(rev_id).short)
        if found is None:
            model = self.model(rev_id)
            return list(model.problems) if isinstance(model, ApiModel) else []
        return found

    def preload(self, rev_ids: list[str]) -> None:
        """Fetch what `revision()` will be asked about, in one VCS call."""
        missing = [r for r in dict.fromkeys(rev_ids) if r not in self.revisions]
        if missing:
            self.remember(self.repo.revisions(missing))

    def model(self, rev_id: str) -> ApiModel | Failure:
        """The model at `rev_id` (extracted now if needed), or a Failure."""
        key = self.key(rev_id)
        if key == ABSENT:
            return ApiModel(revision=rev_id)
        if key in self._failed:
            return Failure(self._failed[key])
        model = self._loaded.get(key)
        if model is None:
            model = self.cache.get_model(key, self.revision(rev_id).short)
            if model is None:
                self.ensure([rev_id])
                return self.model(rev_id)
            self._keep(key, model)
        model.revision = rev_id
        return model

    def model_by_key(self, key: str) -> ApiModel | Failure:
        """The model stored under a model key (of a revision this store has keyed)."""
        if key in self._loaded:
            return self._loaded[key]
        model = self.cache.get_model(key)
        if model is not None:
            self._keep(key, model)
            return model
        return self.model(next(r for r, k in self._keys.items() if k == key))

    def _keep(self, key: str, model: ApiModel, limit: int = 8) -> None:
        self._loaded[key] = model
        while len(self._loaded) > limit:
            self._loaded.pop(next(iter(self._loaded)))

    def check_some_present(self, rev_ids: list[str]) -> None:
        """If the library exists at none of these revisions, say why (a wrong --header, say)."""
        if rev_ids and all(self.key(r) == ABSENT for r in rev_ids):
            reasons = [self._absent[r] for r in rev_ids if r in self._absent]
            raise MissingFileError(reasons[0] if reasons else "no public header at any revision of the range")


class _EraMemory:
    """Profile eras by revision, in the history cache's table of per-revision answers (and in
    memory: one per cache and profile, see ModelStore._era_memory)."""

    def __init__(self, cache, spec: str):
        self.cache, self.spec, self.known = cache, spec, {}

    def get(self, rev: str) -> int | None:
        if rev not in self.known:
            found = self.cache.get_inputs(rev, self.spec)
            if found is None or not found.isdigit():
                return None
            self.known[rev] = int(found)
        return self.known[rev]

    def put(self, rev: str, index: int) -> None:
        self.known[rev] = index
        self.cache.put_inputs(rev, self.spec, str(index))


def extract_one(repo: Repository, rev: Revision, config: ExtractConfig) -> tuple[str, object]:
    """("model", ApiModel) | ("absent", why) | ("failed", message) for one revision."""
    status, value, _ = _extract(repo, rev, config)
    return status, value


def _extract(repo: Repository, rev: Revision, config: ExtractConfig) -> tuple[str, object, set[str]]:
    """As extract_one, with the repository files the model was made from (empty: not known)."""
    from ..extract.pipeline import extract_model
    from ..memory import now_and_then
    reads: set[str] = set()
    try:
        model = extract_model(repo, rev, config, reads=reads)
        now_and_then()
        return "model", model, reads
    except MissingFileError as exc:         # no header (yet) at this revision: no library here
        return "absent", str(exc), set()
    except ApicompatError as exc:
        return "failed", str(exc), set()
    except Exception as exc:                # one odd revision must not end a walk over hundreds
        return "failed", f"unexpected {type(exc).__name__} while reading the API at {rev.short}: {exc}", set()


# -- worker processes ----------------------------------------------------------

_worker_repo: Repository | None = None


def _init_worker(path: str, kind: str, parent: int | None = None) -> None:
    """Each worker opens the repository once (read-only, like the parent), and dies with the parent
    (a `kill -9` of the command must not leave workers extracting for minutes)."""
    global _worker_repo
    from ..bounded import die_with_parent
    from ..progress import set_sink
    from ..vcs import open_repository
    die_with_parent()
    if parent is not None and os.getppid() != parent:      # the parent died before we could ask
        os._exit(1)
    set_sink(None)
    _worker_repo = open_repository(path, kind)


def _extract_in_worker(rev: Revision, config: ExtractConfig) -> tuple[str, object]:
    return extract_one(_worker_repo, rev, config)


def _extract_packed_in_worker(rev: Revision, config: ExtractConfig) -> tuple[str, object, set[str]]:
    """As _extract, the model sent as the cache's bytes ("packed")."""
    return _packed(_extract(_worker_repo, rev, config))


def _packed(outcome: tuple[str, object, set[str]]) -> tuple[str, object, set[str]]:
    status, value, reads = outcome
    return ("packed", C.pack(value), reads) if status == "model" else outcome


_cluster_repos: dict[tuple[str, str], Repository] = {}


def _extract_on_cluster(path: str, kind: str, rev: Revision, config: ExtractConfig) -> tuple[str, object]:
    """On a Dask worker: open the repository once per worker process (the workers see the same
    file system as this machine: a local cluster, or a shared mount), then extract as a pool does."""
    from ..vcs import open_repository
    repo = _cluster_repos.get((path, kind))
    if repo is None:
        repo = _cluster_repos[(path, kind)] = open_repository(path, kind)
    return _packed(_extract(repo, rev, config))


def _cluster_executor(address: str):
    """(client, concurrent.futures executor) on the Dask cluster at `address` (distributed's own
    executor: no scheduler of ours)."""
    try:
        from distributed import Client
    except ImportError:
        raise ApicompatError("--scheduler needs Dask's distributed package: "
                             "pip install 'apicompat[cluster]' (or: pip install distributed)") from None
    import logging
    for name in ("distributed", "tornado", "asyncio"):     # its retries log tracebacks; we say it once
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise ApicompatError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    return client, client.get_executor()


def _start_workers(jobs: int, repo: Repository) -> ProcessPoolExecutor:
    """A process pool for extraction.

    Workers are forked where the platform can (no re-import of the caller's
    main module, so a script without a `__main__` guard works, and no start-up
    cost); each opens its own repository and never touches what it inherited
    (the parent's git/hg pipes, the cache connection), and all have exited
    before the parent closes its repository (ModelStore.close; an hg command
    server would wait for the inherited pipe ends otherwise).  Elsewhere: spawn.
    """
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                               initializer=_init_worker, initargs=(repo.path, repo.kind, os.getpid()))


def default_jobs() -> int:
    """Worker processes: one per CPU this process may use (at least one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)




# -- one history question: repository, settings, cache, models -------------------

@dataclass
class Session:
    repo: Repository
    settings: Settings
    store: ModelStore

    @property
    def notes(self) -> list[str]:
        """What the user should know besides the answer (a cache that had to be replaced)."""
        return list(self.store.cache.warnings)


class open_session:
    """Open the repository and the cache for one history question.

    `cache`: a ModelCache, a path, ":memory:" (no cache kept), or None (the user's cache).

    >>> with open_session("~/src/xen", settings) as session:
    ...     span = parse_range(session.repo, "RELEASE-4.1.0..RELEASE-4.2.0")
    """

    def __init__(self, repo_path: str, settings, jobs: int | None = None, cache=None,
                 progress: Progress | None = None, scheduler: str | None = None):
        from ..api import as_settings
        self.repo_path, self.settings = repo_path, as_settings(settings)
        self.jobs, self.cache_arg, self.progress, self.scheduler = jobs, cache, progress, scheduler

    def __enter__(self) -> Session:
        from ..vcs import open_repository
        own = not isinstance(self.cache_arg, C.ModelCache)
        self.cache = C.ModelCache(self.cache_arg) if own else self.cache_arg
        self.cache.serve_generators()
        self.own_cache = own
        try:
            self.repo = open_repository(self.repo_path)
        except BaseException:
            if own:
                self.cache.close()
            raise
        store = ModelStore(self.repo, self.settings, self.cache, self.jobs or default_jobs(), self.progress,
                           scheduler=self.scheduler)
        self.store = store
        return Session(self.repo, self.settings, store)

    def __exit__(self, *exc):
        try:
            self.store.close()
        finally:
            self.repo.close()
            if self.own_cache:
                self.cache.close()


__all__ = ["ABSENT", "Failure", "ModelStore", "Range", "Session", "default_jobs", "input_paths", "open_session",
           "pair_range", "parse_range", "walk_revisions"]
