"""Compiling the consumer against a revision's headers without reading the analyst's machine.

The consumer is the user's: its files, its `-I` folders and the system's headers may be
read.  The revision's headers are not: one of them may `#include "../../../home/me/.netrc"`
(or compute the name), and a compile error on the user's line then quotes what it found
("did you mean 'SECRET'?").  So every compile of the consumer is preceded by a dependency
pass (`-M -MG`: every file the preprocessor would open, missing ones listed instead of
fatal) and its messages are withheld when anything outside those places would be read.
"""
from __future__ import annotations

import functools
import os
import shlex
import tempfile
from pathlib import Path

from ..bounded import DIAGNOSTICS, run_bounded
from ..extract.confine import OutsideReadError, check_opened, read_dependencies

_DIR_FLAGS = ("-I", "-iquote", "-isystem", "-idirafter")
_FILE_FLAGS = ("-include", "-imacros")


def flag_places(flags: list[str], cwd: Path) -> list[str]:
    """Folders (and forced-include files) the user's own flags name."""
    places, pending = [], None
    for flag in flags:
        if pending:
            places.append(os.path.join(cwd, flag))
            pending = None
            continue
        if flag in _DIR_FLAGS + _FILE_FLAGS:
            pending = flag
            continue
        for prefix in _DIR_FLAGS:
            if flag.startswith(prefix) and len(flag) > len(prefix):
                places.append(os.path.join(cwd, flag[len(prefix):]))
                break
    return places


@functools.lru_cache(maxsize=8)
def system_dirs(compiler: str) -> tuple[str, ...]:
    """The compiler's own include folders (`cc -E -v`), where a consumer's `<stdio.h>` comes from."""
    try:
        outcome = run_bounded([*shlex.split(compiler), "-E", "-v", "-x", "c", os.devnull], cwd=Path("/"),
                              timeout=60, keep_stdout=False, keep=DIAGNOSTICS)
    except OSError:
        return ()
    dirs, inside = [], False
    for line in outcome.stderr.splitlines():
        if line.startswith("#include") and "search starts here" in line:
            inside = True
        elif line.startswith("End of search list"):
            break
        elif inside and line.startswith(" "):
            dirs.append(line.strip().split(" (")[0])
    return tuple(dirs)


def allowed_places(flags: list[str], cwd: Path, include_dir: Path, roots: list[Path], compiler: str,
                   extra: list[Path] = ()) -> list[str]:
    return [os.path.realpath(p) for p in [include_dir, *roots, *extra, *flag_places(flags, cwd),
                                          *system_dirs(compiler)]]


def jail_for(allowed: list[str], writable: list[str], cwd: Path):
    """The compiler's jail (apicompat/jail.py) for a consumer compile: only the allowed places (your
    code, your flags' folders, the installed headers, the system's) exist there, so a header the
    dependency pass could not see through (a probe built by token pasting) finds nothing else."""
    from .. import jail
    return jail.preexec([str(p) for p in writable], [p for p in allowed if os.path.exists(p)], str(cwd))


def check_reads(argv: list[str], cwd: Path, allowed: list[str], roots=()) -> None:
    """Raise OutsideReadError when preprocessing `argv` (a compile command ending in its source)
    would open a file outside `allowed`.  Missing headers are not reads (`-MG`)."""
    with tempfile.TemporaryDirectory(prefix="apicompat-deps-") as tmp:
        deps = Path(tmp) / "deps.d"
        probe = [a for a in argv if a not in ("-fsyntax-only", "-E")]
        probe[1:1] = ["-E", "-M", "-MG", "-MF", str(deps)]
        outcome = run_bounded(probe, cwd=cwd, timeout=300, keep_stdout=False, keep=DIAGNOSTICS,
                              jail=jail_for(allowed, [tmp], cwd))
        if not deps.exists():         # a fatal error (or the time limit): what it read is unknown
            first = next((line for line in outcome.stderr.splitlines() if "error" in line), "")
            hint = f" ({first.strip()[:200]})" if "command-line option" in first else ""
            raise OutsideReadError(f"the compiler stopped before it said which files it reads{hint}; "
                                   "its messages are withheld")
        opened = read_dependencies(deps)        # missing ones too: checked by where they point
    check_opened(opened, allowed, cwd, str)
    for path in opened:                         # never the VCS folders or dotfiles of your tree
        real = os.path.realpath(os.path.join(cwd, path))
        for root in map(os.path.realpath, roots):
            rel = os.path.relpath(real, root)
            if not rel.startswith("..") and any(p.startswith(".") and p != "." for p in rel.split(os.sep)):
                raise OutsideReadError(f"a header of the revision includes {path}, a hidden file or folder "
                                       "of your code (such as .git): not read; its messages are withheld")
