"""The bundled example: libdemo, a small library whose history we create on demand.

Its three releases (1.0, 1.1, 2.0) live as folders in examples/libdemo;
`create_example` commits them, one commit and tag each, into a new git or
Mercurial repository.  2.0 is shaped like the libxl port that motivated
apicompat: a *_destroy -> *_dispose family, enumerators gaining a prefix, a
context parameter added first, fields moved into a union arm and regrouped,
an opaque context, a removed waiter API and a new include that #errors
unless DEMO_TOOLS is defined.
"""
from __future__ import annotations

from pathlib import Path

from .errors import ApicompatError
from .vcs.create import build_from_folders

EXAMPLE_DIR = Path(__file__).resolve().parent / "examples" / "libdemo"
TAGS = ["v1.0", "v1.1", "v2.0"]
MESSAGES = [
    "libdemo 1.0",
    "libdemo 1.1: add demo_device_disk_remove and DISK_FORMAT_EMPTY",
    "libdemo 2.0: opaque context, events instead of waiters, prefixed enums, *_dispose",
]
DEFINES = ["DEMO_TOOLS"]   # 2.0's demo_tools.h #errors without it


def create_example(dest: Path, kind: str = "git") -> list[str]:
    """Create the libdemo repository at `dest`; returns the commit ids."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise ApicompatError(f"{dest} exists and is not empty; choose a new directory")
    folders = sorted(p for p in EXAMPLE_DIR.iterdir() if p.is_dir())
    return build_from_folders(kind, dest, folders, tags=TAGS, messages=MESSAGES)
