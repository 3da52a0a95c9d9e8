"""What generators made, kept by the content of what they read, and laid out again.

A walk meets the same generator inputs at most revisions (an IDL changes far less often
than the headers).  A whole generator run is kept under the digest of every input it
declares (generators/__init__.py); a built-in generator of several steps also keeps each
step under the digest of the files that step reads (`step`), so an edit to one input
reruns only the steps that read it.  Entries live in this process, bounded, and in the
history cache's `generated` table when a command set BACKING (a later run, another worker).
"""
from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from pathlib import Path
from typing import Callable

# key -> ({path: bytes written}, [outputs produced])
_OUTPUTS: "OrderedDict[str, tuple[dict[str, bytes], list[str]]]" = OrderedDict()
_KEPT = 64
ENTRY_BYTES = 4 * 1024 * 1024         # an entry's files, at most
_TOTAL_BYTES = 24 * 1024 * 1024       # all entries: a walk's worker stays small (issue 14)

# A store that outlives the process (the history cache's `generated` table), when a command set one.
BACKING = None


def enabled() -> bool:
    return os.environ.get("APICOMPAT_GENERATOR_REPLAY") != "0"       # 0: the bench's baseline


def recall(key: str) -> tuple[dict[str, bytes], list[str]] | None:
    """The entry kept under `key` (this process first, then the history cache)."""
    kept = _OUTPUTS.get(key)
    if kept is None and BACKING is not None:
        kept = BACKING.get_generated(key)
        if kept is not None:
            _hold(key, kept)
    if kept is not None:
        _OUTPUTS.move_to_end(key)
    return kept


def keep(key: str, written: dict[str, bytes], produced: list[str]) -> None:
    """Keep an entry (unless its files are too big to hold: that run happens again)."""
    if sum(len(data) for data in written.values()) > ENTRY_BYTES:
        return
    _hold(key, (written, list(produced)))
    if BACKING is not None:
        BACKING.put_generated(key, written, list(produced))


def _hold(key: str, entry: tuple[dict[str, bytes], list[str]]) -> None:
    _OUTPUTS[key] = entry
    while len(_OUTPUTS) > 1 and (len(_OUTPUTS) > _KEPT or _kept_bytes() > _TOTAL_BYTES):
        _OUTPUTS.popitem(last=False)


def _kept_bytes() -> int:
    return sum(len(data) for written, _ in _OUTPUTS.values() for data in written.values())


def step_key(what: str, argv: list[str], reads: list[Path]) -> str | None:
    """The key of one generator step: its name and arguments, and the name and content of every
    file it reads (None when one cannot be read, or replay is off: the step runs)."""
    if not enabled():
        return None
    digest = hashlib.sha256(b"step\0" + what.encode() + b"\0" + "\0".join(argv).encode("utf-8", "surrogateescape"))
    for path in reads:
        try:
            digest.update(b"\0" + path.name.encode("utf-8", "surrogateescape") + b"\0"
                          + hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            return None
    return digest.hexdigest()


def step(key: str | None, directory: Path, outputs: list[str], run: Callable[[], None]) -> None:
    """Make `outputs` (file names in `directory`) with `run`, unless a step of the same key made
    them before: then write what it made.  An output `run` did not write is left missing."""
    kept = recall(key) if key else None
    if kept is not None and set(kept[0]) <= set(outputs):      # only this step's own file names
        for name, data in kept[0].items():
            (directory / name).write_bytes(data)
        return
    run()
    if key:
        try:
            written = {name: (directory / name).read_bytes() for name in outputs if (directory / name).is_file()}
        except OSError:
            return
        keep(key, written, [])
