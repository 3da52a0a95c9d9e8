"""Where the temporary trees of an extraction go.

A walk over a long history lays out hundreds of files per revision (a
snapshot, the compiler's jail) and deletes them again a moment later.  On a
disk-backed /tmp each small write costs about half a millisecond, which made
laying out a snapshot the largest single cost of a cold walk; in memory it is
twenty times less.  So, unless the user chose a temporary directory (TMPDIR),
these trees go to /dev/shm when it is a writable memory file system with room
to spare, and to the usual temporary directory otherwise.
"""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache

MEMORY_DIR = "/dev/shm"
ROOM_NEEDED = 1 << 30           # free bytes /dev/shm must have (a container's 64 MiB one has not)


@lru_cache(maxsize=1)
def scratch_dir() -> str | None:
    """The folder for temporary trees (None: tempfile's default, which honours TMPDIR)."""
    if os.environ.get("TMPDIR") or os.environ.get("APICOMPAT_SCRATCH") == "tmp":
        return None
    try:
        if not os.path.isdir(MEMORY_DIR) or not os.access(MEMORY_DIR, os.W_OK | os.X_OK):
            return None
        stat = os.statvfs(MEMORY_DIR)
    except OSError:
        return None
    return MEMORY_DIR if stat.f_bavail * stat.f_frsize >= ROOM_NEEDED else None


def make_scratch(prefix: str) -> str:
    """A new private (0700) temporary folder in the scratch directory."""
    return tempfile.mkdtemp(prefix=prefix, dir=scratch_dir())
