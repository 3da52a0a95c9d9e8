"""A consumer's sources and the flags they compile with: given paths, or a compilation database.

`compile_commands.json` is how C tools usually learn a project's flags
(CMake, Meson and Bear write it).  Only the flags that change what the
preprocessor sees are kept: -I, -iquote, -isystem, -D, -U, -include, -std.
"""
from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ApicompatError

SOURCE_SUFFIXES = (".c",)
_WITH_VALUE = ("-I", "-iquote", "-isystem", "-idirafter", "-D", "-U", "-include")


@dataclass
class Source:
    path: Path
    flags: list[str] = field(default_factory=list)


def consumer_sources(paths: list[str], cflags: str = "", compile_commands: str | None = None) -> list[Source]:
    """Every C source under `paths` (files or folders), with its flags.

    >>> consumer_sources(["src/"], "-DHAVE_X -Iinclude")
    [Source(path=PosixPath('src/a.c'), flags=['-DHAVE_X', '-Iinclude']), ...]
    """
    extra = shlex.split(cflags or "")
    database = _database(compile_commands) if compile_commands else {}
    files: list[Path] = []
    for given in paths or ([] if not database else [str(p) for p in database]):
        p = Path(given)
        if p.is_dir():
            # Not through symlinks: a link in the folder could lead to a file that is not the user's
            # consumer (and `migrate --apply` would edit it).
            files += sorted(q for q in p.rglob("*") if q.suffix in SOURCE_SUFFIXES and q.is_file()
                            and not q.is_symlink())
        elif p.is_file():
            files.append(p)
        else:
            raise ApicompatError(f"consumer path {given} does not exist")
    if not files:
        raise ApicompatError("no C source (*.c) among the consumer paths " + ", ".join(paths or []))
    return [Source(f.absolute(), database.get(f.resolve(), []) + extra) for f in dict.fromkeys(files)]


def _database(path: str) -> dict[Path, list[str]]:
    try:
        entries = json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise ApicompatError(f"cannot read the compilation database {path}: {exc}") from None
    if not isinstance(entries, list):
        raise ApicompatError(f"{path} is not a compilation database (a JSON list of entries)")
    found: dict[Path, list[str]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or "file" not in entry:
            continue
        directory = Path(entry.get("directory") or Path(path).parent)
        argv = entry.get("arguments") or shlex.split(entry.get("command", ""))
        found[(directory / entry["file"]).resolve()] = preprocessor_flags(argv, directory)
    return found


def preprocessor_flags(argv: list[str], directory: Path) -> list[str]:
    """The flags of a compile command that change what the preprocessor sees, paths made absolute."""
    kept, i = [], 1
    while i < len(argv):
        arg = argv[i]
        for flag in _WITH_VALUE:
            if arg == flag and i + 1 < len(argv):
                value, i = argv[i + 1], i + 1
                break
            if arg.startswith(flag) and len(arg) > len(flag):
                value = arg[len(flag):]
                break
        else:
            if arg.startswith("-std="):
                kept.append(arg)
            i += 1
            continue
        if flag in ("-I", "-iquote", "-isystem", "-idirafter", "-include") and not Path(value).is_absolute():
            value = str((directory / value).resolve())
        kept += [flag, value]
        i += 1
    return kept
