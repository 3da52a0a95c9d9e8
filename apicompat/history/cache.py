"""The history cache: extracted models and compared steps, in SQLite, keyed by content.

A model is stored under a key that hashes everything that determines it
(see `model_key`): the ids of the input files at the revision (public
headers, include directories, generator inputs: `input_globs`), the
extraction settings (`ExtractConfig.fingerprint()`), the compiler, the
contents of include directories outside the repository (profile stand-ins),
and the code that extracts (apicompat's extract/ and model modules and its
fake libc headers).  Two revisions whose inputs are equal share one entry, so
a revision whose inputs were already seen costs a lookup; changing apicompat
itself invalidates everything, because the code is part of the key.

Besides models the cache keeps two small tables: the input digest of each
revision (revision ids are immutable, so `git ls-tree` runs once per
revision), and the findings between two models (a step of a walk), so a
warm `timeline` or `log` reads findings without loading models.

Concurrency and crashes: the database runs in WAL mode with a busy timeout,
so two runs can read and write at once; every write is one transaction, so a
run killed mid-write (even by SIGKILL) leaves the previous state.  A file
that is not a usable database is moved aside and a new one started; if even
that fails, the run goes on with an in-memory cache.

Location: `$APICOMPAT_CACHE_DIR`, else `$XDG_CACHE_HOME/apicompat`, else
`~/.cache/apicompat`; the file is `history.sqlite3`.

>>> with ModelCache() as cache:
...     cache.get_model(key)          # None on a miss
"""
from __future__ import annotations

import functools
import base64
import hashlib
import json
import marshal
import os
import shutil
import sqlite3
import subprocess
import time
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..diff.finding import Finding
from ..extract.config import ExtractConfig
from ..extract.generators import generator_inputs
from ..model import MODEL_VERSION, ApiModel, Location, Problem, model_from_rows, model_rows

SCHEMA_VERSION = 8          # bump when the tables change
KEY_VERSION = 1             # bump when what a key covers changes
FILE_NAME = "history.sqlite3"
BUSY_TIMEOUT_MS = 60_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS models (
    key TEXT PRIMARY KEY,      -- model_key(): everything that determines the model
    data BLOB NOT NULL,        -- model_blob(): a mark, then zlib of marshal of model_rows() (older: of to_dict(), or JSON)
    label TEXT NOT NULL,       -- the revision label it was extracted at (messages name it)
    partial INTEGER NOT NULL,  -- 1 if some header could not be read (model.problems)
    problems TEXT NOT NULL,    -- JSON of model.problems (read without loading the model)
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS inputs (
    rev TEXT NOT NULL,         -- full revision id
    spec TEXT NOT NULL,        -- hash of the input globs asked about
    digest TEXT NOT NULL,      -- hash of {path: file id} of those inputs at rev
    PRIMARY KEY (rev, spec)
);
CREATE TABLE IF NOT EXISTS steps (
    key TEXT PRIMARY KEY,      -- hash of both state keys and the classifier's code
    data BLOB NOT NULL         -- zlib(JSON list of Finding.to_dict())
);
CREATE TABLE IF NOT EXISTS read_lists (
    scope TEXT NOT NULL,       -- reads.scope(): the model key without the inputs
    paths TEXT NOT NULL,       -- hash of the list
    list TEXT NOT NULL,        -- JSON: the repository files an extraction read (history/reads.py)
    used REAL NOT NULL,
    PRIMARY KEY (scope, paths)
);
CREATE TABLE IF NOT EXISTS reads (
    scope TEXT NOT NULL,
    paths TEXT NOT NULL,       -- read_lists.paths
    contents TEXT NOT NULL,    -- hash of the input listing and the file ids at those paths
    model TEXT NOT NULL,       -- the key of the model made from them
    PRIMARY KEY (scope, paths, contents)
);
CREATE TABLE IF NOT EXISTS generated (
    key TEXT PRIMARY KEY,      -- a generator and its inputs' contents (extract/generators: _output_key)
    data BLOB NOT NULL         -- zlib(JSON: the files it wrote (base64) and the outputs it named)
);
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,      -- a question (history/answers.py): its words, revisions and settings
    data BLOB NOT NULL         -- zlib(JSON of the answer)
);
CREATE TABLE IF NOT EXISTS listings (
    spec TEXT NOT NULL,        -- which commits count (history/listings.py): input globs, first-parent mode
    examined BLOB NOT NULL,    -- zlib: the ids of every commit of one listed range, a line each
    touching BLOB NOT NULL     -- zlib(JSON): those of them that change the inputs (Revision fields)
);
CREATE INDEX IF NOT EXISTS listings_by_spec ON listings (spec);
CREATE TABLE IF NOT EXISTS aliases (
    key TEXT PRIMARY KEY,      -- a model key never extracted ...
    target TEXT NOT NULL       -- ... because this one was made from the same contents
);
"""


def cache_dir() -> Path:
    """Where the cache lives: $APICOMPAT_CACHE_DIR, $XDG_CACHE_HOME/apicompat or ~/.cache/apicompat."""
    explicit = os.environ.get("APICOMPAT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "apicompat"


def _guarded(method):
    """A cache that stops working mid-run (disk full, file damaged, locked for over a minute)
    must not end the run: say so once, and go on in memory."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            if self.path == ":memory:":
                raise
            self.warnings.append(f"history cache {self.path} failed ({exc}); caching in memory only from here")
            self._conn.close()
            self.path, self._conn = ":memory:", self._connect(":memory:")
            return method(self, *args, **kwargs)
    return wrapper


class ModelCache:
    """Models, input digests and step findings in one SQLite file (or in memory).

    `path=":memory:"` keeps everything in this process only (`--no-cache`).
    """

    def __init__(self, path: str | Path | None = None):
        self.path = str(path) if path is not None else str(cache_dir() / FILE_NAME)
        self.warnings: list[str] = []       # when the cache file had to be replaced or skipped
        self.hits = self.misses = 0
        self._opened_by = os.getpid()
        self._conn = self._open()

    # -- opening -----------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.path == ":memory:":
            return self._connect(":memory:")
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            return self._connect(self.path)
        except (OSError, sqlite3.OperationalError) as exc:    # no permission, locked for too long...
            self.warnings.append(f"history cache {self.path} cannot be used ({exc}); caching in memory only")
            return self._connect(":memory:")
        except sqlite3.DatabaseError as exc:       # not a database, or corrupt beyond reading
            return self._replace_broken(exc)

    def _replace_broken(self, exc: Exception) -> sqlite3.Connection:
        aside = f"{self.path}.broken-{int(time.time())}"
        try:
            shutil.move(self.path, aside)
            for suffix in ("-wal", "-shm"):
                Path(self.path + suffix).unlink(missing_ok=True)
            self.warnings.append(f"history cache {self.path} was unreadable ({exc}); moved to {aside}")
            return self._connect(self.path)
        except (OSError, sqlite3.Error) as again:
            self.warnings.append(f"history cache {self.path} cannot be used ({again}); caching in memory only")
            return self._connect(":memory:")

    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if path != ":memory:":
                _retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
                conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                with _transaction(conn):
                    for table in ("models", "inputs", "steps", "pieces", "read_lists", "reads", "aliases", "answers", "generated", "listings"):
                        conn.execute(f"DROP TABLE IF EXISTS {table}")
            with _transaction(conn):
                _create(conn)
            conn.execute("SELECT count(*) FROM models").fetchone()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    # -- models ------------------------------------------------------------

    @_guarded
    def has_model(self, key: str) -> bool:
        return self._conn.execute("SELECT 1 FROM models WHERE key = ?", (key,)).fetchone() is not None

    @_guarded
    def is_partial(self, key: str) -> bool | None:
        """Whether the stored model has problems (None if not stored)."""
        row = self._conn.execute("SELECT partial FROM models WHERE key = ?", (key,)).fetchone()
        return None if row is None else bool(row[0])

    @_guarded
    def get_model(self, key: str, label: str = "") -> ApiModel | None:
        """The model stored under `key`; messages that named the revision it was extracted at
        name `label` instead."""
        row = self._conn.execute("SELECT data, label FROM models WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        model = model_from_blob(row[0])
        if label and row[1] and label != row[1]:
            for problem in model.problems:
                problem.message = problem.message.replace(f"revision {row[1]}", f"revision {label}")
        return model

    @_guarded
    def get_problems(self, key: str, label: str = "") -> list[Problem] | None:
        """The problems of the stored model (None if not stored), without loading it."""
        row = self._conn.execute("SELECT problems, label FROM models WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        problems = [Problem(**p) for p in json.loads(row[0])]
        if label and row[1] and label != row[1]:
            for problem in problems:
                problem.message = problem.message.replace(f"revision {row[1]}", f"revision {label}")
        return problems

    def put_model(self, key: str, model: ApiModel, label: str) -> None:
        self.put_packed(key, pack(model), label)

    @_guarded
    def put_packed(self, key: str, packed: "Packed", label: str) -> None:
        with _transaction(self._conn):
            self._conn.execute("INSERT OR REPLACE INTO models VALUES (?, ?, ?, ?, ?, ?)",
                               (key, packed.data, label, int(packed.partial), packed.problems, time.time()))

    # -- input digests -----------------------------------------------------

    @_guarded
    def get_inputs(self, rev: str, spec: str) -> str | None:
        row = self._conn.execute("SELECT digest FROM inputs WHERE rev = ? AND spec = ?", (rev, spec)).fetchone()
        return row[0] if row else None

    @_guarded
    def put_inputs(self, rev: str, spec: str, digest: str) -> None:
        with _transaction(self._conn):
            self._conn.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?)", (rev, spec, digest))

    # -- what models were made from (history/reads.py) ----------------------

    @_guarded
    def read_lists(self, scope: str, limit: int) -> list[tuple[str, list[str]]]:
        rows = self._conn.execute("SELECT paths, list FROM read_lists WHERE scope = ? ORDER BY used DESC LIMIT ?",
                                  (scope, limit)).fetchall()
        return [(digest, json.loads(text)) for digest, text in rows]

    @_guarded
    def get_read(self, scope: str, paths: str, contents: str) -> str | None:
        row = self._conn.execute("SELECT model FROM reads WHERE scope = ? AND paths = ? AND contents = ?",
                                 (scope, paths, contents)).fetchone()
        return row[0] if row else None

    @_guarded
    def put_read(self, scope: str, paths: str, path_list: list[str], contents: str, model: str) -> None:
        with _transaction(self._conn):
            self._conn.execute("INSERT OR REPLACE INTO read_lists VALUES (?, ?, ?, ?)",
                               (scope, paths, json.dumps(path_list), time.time()))
            self._conn.execute("INSERT OR REPLACE INTO reads VALUES (?, ?, ?, ?)", (scope, paths, contents, model))

    @_guarded
    def get_alias(self, key: str) -> str | None:
        row = self._conn.execute("SELECT target FROM aliases WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @_guarded
    def put_alias(self, key: str, target: str) -> None:
        with _transaction(self._conn):
            self._conn.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (key, target))

    # -- generator outputs (extract/generators) -------------------------------

    def serve_generators(self) -> None:
        """Back the generators' outputs kept in memory with this file: a later run, another
        worker, or `diff`'s own compiles run no generator for inputs one of them met."""
        from ..extract.generators import memo
        if self.path != ":memory:":
            memo.BACKING = self

    def get_generated(self, key: str) -> tuple[dict[str, bytes], list[str]] | None:
        try:
            row = self._process_conn().execute("SELECT data FROM generated WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            data = json.loads(zlib.decompress(row[0]))
            return ({path: base64.b64decode(text) for path, text in data["files"].items()},
                    [str(p) for p in data["produced"]])
        except (sqlite3.Error, ValueError, KeyError, TypeError, zlib.error):
            return None                     # damaged or foreign: the generator runs again

    def put_generated(self, key: str, written: dict[str, bytes], produced: list[str]) -> None:
        data = {"files": {path: base64.b64encode(body).decode() for path, body in written.items()},
                "produced": list(produced)}
        blob = zlib.compress(json.dumps(data).encode(), 1)
        try:
            conn = self._process_conn()
            with _transaction(conn):
                conn.execute("INSERT OR REPLACE INTO generated VALUES (?, ?)", (key, blob))
        except sqlite3.Error:
            pass                            # a cache that cannot take it: the generator runs next time

    def _process_conn(self) -> sqlite3.Connection:
        """This process's connection: a forked worker must not use its parent's."""
        if getattr(self, "_conn_pid", None) != os.getpid():
            self._conn_pid = os.getpid()
            self._own_conn = self._conn if self._conn_pid == self._opened_by else self._connect(self.path)
        return self._own_conn

    # -- whole answers (history/answers.py) ----------------------------------

    @_guarded
    def get_answer(self, key: str) -> dict | None:
        row = self._conn.execute("SELECT data FROM answers WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return json.loads(zlib.decompress(row[0]))
        except (ValueError, zlib.error):
            return None

    @_guarded
    def put_answer(self, key: str, data: dict) -> None:
        blob = zlib.compress(json.dumps(data, separators=(",", ":"), default=str).encode(), 6)
        with _transaction(self._conn):
            self._conn.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, blob))

    # -- listings (history/listings.py) --------------------------------------

    @_guarded
    def get_listings(self, spec: str) -> tuple[set[str], dict[str, dict]]:
        """(every commit id listed before under `spec`, {id: Revision fields} of those that touch)."""
        examined: set[str] = set()
        touching: dict[str, dict] = {}
        for ids, revs in self._conn.execute("SELECT examined, touching FROM listings WHERE spec = ?", (spec,)):
            try:
                examined.update(zlib.decompress(ids).decode().split())
                touching.update((r["id"], r) for r in json.loads(zlib.decompress(revs)))
            except (ValueError, zlib.error, KeyError, TypeError):
                continue
        return examined, touching

    @_guarded
    def put_listing(self, spec: str, ids: list[str], touching: list[dict]) -> None:
        with _transaction(self._conn):
            self._conn.execute("INSERT INTO listings VALUES (?, ?, ?)", (
                spec, zlib.compress("\n".join(ids).encode(), 6),
                zlib.compress(json.dumps(touching, separators=(",", ":")).encode(), 6)))

    # -- steps -------------------------------------------------------------

    @_guarded
    def get_step(self, key: str) -> list[Finding] | None:
        """The findings stored for a step (see steps.Stepper.findings for the key)."""
        row = self._conn.execute("SELECT data FROM steps WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return [finding_from_dict(d) for d in json.loads(zlib.decompress(row[0]))]

    @_guarded
    def has_step(self, key: str) -> bool:
        return self._conn.execute("SELECT 1 FROM steps WHERE key = ?", (key,)).fetchone() is not None

    @_guarded
    def put_step(self, key: str, findings: list[Finding]) -> None:
        data = json.dumps([f.to_dict() for f in findings], separators=(",", ":"), default=str)
        with _transaction(self._conn):
            self._conn.execute("INSERT OR REPLACE INTO steps VALUES (?, ?)", (key, zlib.compress(data.encode(), 6)))

    # -- housekeeping ------------------------------------------------------

    def integrity(self) -> str:
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        from ..extract.generators import memo
        if memo.BACKING is self:
            memo.BACKING = None
        if getattr(self, "_own_conn", self._conn) is not self._conn:
            self._own_conn.close()
        self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _create(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _retry_locked(action, seconds: float = BUSY_TIMEOUT_MS / 1000):
    """Run `action`, retrying while another process holds a lock SQLite does not wait for
    by itself (switching to WAL mode while a second run opens the same new file)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): one atomic write."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_):
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


# -- keys ------------------------------------------------------------------

@dataclass(frozen=True)
class Packed:
    """A model as the cache stores it, made where it was extracted: a walk's worker sends these
    bytes, and the parent neither pickles nor serialises models (a large part of its time)."""
    data: bytes          # model_blob()
    problems: str        # JSON of model.problems
    partial: bool
    timed_out: bool      # a problem says a time limit passed: not cached (it may pass next time)

    def model(self) -> ApiModel:
        return model_from_blob(self.data)


def timed_out(message: str) -> bool:
    """Whether a failure or problem says a time limit passed (next time it may not)."""
    return any(words in message for words in ("time limit", "did not finish within", "took over"))


def pack(model: ApiModel) -> Packed:
    return Packed(model_blob(model), json.dumps([vars(p) for p in model.problems]), bool(model.problems),
                  any(timed_out(p.message) for p in model.problems))


# A model is stored as zlib(marshal(model_rows())) after ROWS (model.py: its nodes as tuples in
# field order, about a fifth quicker to write and to read than the dict form); caches of older
# versions hold zlib(marshal(to_dict())) after MARSHALLED, or zlib(JSON): both still read.
# marshal writes and reads plain data (str keys, tuples, lists, str, int, bool, None) three
# times as fast as json and runs nothing it reads; zlib level 1 is a third of level 6's time
# for about a quarter more bytes.
ROWS = b"R"
MARSHALLED = b"M"


def model_blob(model: ApiModel) -> bytes:
    return ROWS + zlib.compress(marshal.dumps(model_rows(model)), 1)


def model_from_blob(blob: bytes) -> ApiModel:
    mark = blob[:1]
    if mark == ROWS:
        return model_from_rows(marshal.loads(zlib.decompress(blob[1:])))
    if mark == MARSHALLED:
        return ApiModel.from_dict(marshal.loads(zlib.decompress(blob[1:])))
    return ApiModel.from_dict(json.loads(zlib.decompress(blob)))


def input_globs(config: ExtractConfig) -> list[str]:
    """Globs of every repository file extraction at a revision may read."""
    globs = list(config.headers) + config.dependency_globs()
    globs += [d.path.rstrip("/") + "/**" for d in config.include_dirs if not Path(d.path).is_absolute()]
    for spec in config.generators:
        globs += generator_inputs(spec)
    return list(dict.fromkeys(globs))


def external_dirs(config: ExtractConfig) -> list[str]:
    """Include directories outside the repository (profile stand-ins): hashed by content."""
    return [d.path for d in config.include_dirs if Path(d.path).is_absolute()]


def spec_hash(globs: list[str]) -> str:
    return _digest(sorted(globs))[:24]


def inputs_digest(file_ids: dict[str, str]) -> str:
    return _digest(sorted(file_ids.items()))


def model_key(config: ExtractConfig, inputs: str) -> str:
    """The cache key of the model extracted with `config` from inputs whose digest is `inputs`."""
    return _digest({
        "key_version": KEY_VERSION,
        "tool": tool_digest(),
        "compiler": compiler_identity(config.compiler),
        "config": config.fingerprint(),
        "external": [(d, directory_digest(d)) for d in external_dirs(config)],
        "inputs": inputs,
    })


def _digest(value) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@lru_cache(maxsize=None)
def tool_digest() -> str:
    """apicompat's version and the code and data that turn headers into a model."""
    from ..extract.preprocess import fake_libc_dir
    package = Path(__file__).resolve().parents[1]
    files = sorted((package / "extract").rglob("*.py")) + [package / "model.py"]
    try:
        fake = fake_libc_dir()
        files += sorted(p for p in fake.rglob("*") if p.is_file())
    except Exception:       # a missing fake libc fails extraction with its own message
        pass
    h = hashlib.sha256(f"{__version__}/{MODEL_VERSION}".encode())
    for path in files:
        h.update(str(path.name).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=None)
def compiler_identity(compiler: str) -> str:
    """Where `compiler` is and what `--version` says (its preprocessor decides the model too)."""
    found = shutil.which(compiler)
    if found is None:
        return f"{compiler}: not found"
    try:
        out = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    return f"{found}: {out.splitlines()[0] if out else '?'}"


@lru_cache(maxsize=None)
def directory_digest(path: str) -> str:
    """Hash of every file under `path` (names and bytes), once per process."""
    root = Path(path)
    h = hashlib.sha256()
    if root.is_dir():
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            h.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()


# -- findings from JSON ----------------------------------------------------

def finding_from_dict(data: dict) -> Finding:
    """Rebuild a Finding from `Finding.to_dict()`."""
    values = dict(data)
    for key in ("old_loc", "new_loc"):
        loc = values.get(key)
        values[key] = None if loc is None else Location(loc["file"], loc["line"])
    values["members"] = [finding_from_dict(m) for m in values.get("members", [])]
    known = Finding.__dataclass_fields__
    return Finding(**{k: v for k, v in values.items() if k in known})
