"""`--target TRIPLE`: which compiler judges layouts and calling conventions for another target.

Sizes, offsets and register classes are the target's (`long` is 4 bytes on i686, 8 on x86-64):
apicompat asks a compiler for that target.  In order: a cross compiler named `TRIPLE-gcc`,
clang with `--target=TRIPLE`, or the host gcc's own 32-bit or x32 mode for an x86 triple.
Nothing else is guessed: without one of those, the user is told to install one or pass --cc.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache

from .errors import ApicompatError

_TRIPLE = re.compile(r"^[A-Za-z0-9_]+(?:-[A-Za-z0-9_.]+){1,3}$")
_MODES = {"i386": "-m32", "i486": "-m32", "i586": "-m32", "i686": "-m32"}


class TargetError(ApicompatError):
    """No compiler for the target asked for."""


def compiler_for(triple: str, compiler: str | None) -> tuple[str, list[str]]:
    """(compiler, flags) that compile for `triple`.  With `compiler` (--cc), it is used as given
    (the user chose a cross compiler), with clang's --target when it is clang."""
    if not _TRIPLE.match(triple):
        raise TargetError(f"--target {triple!r} is not a target triple (e.g. i686-linux-gnu, aarch64-linux-gnu)")
    if compiler:
        return compiler, [f"--target={triple}"] if "clang" in compiler.rsplit("/", 1)[-1] else []
    cross = shutil.which(f"{triple}-gcc")
    if cross:
        return cross, []
    if shutil.which("clang"):
        return "clang", [f"--target={triple}"]
    arch, _, rest = triple.partition("-")
    host = host_triple()
    if triple == host:
        return "cc", []
    if host.startswith("x86_64-") and rest.startswith(("linux", "pc-linux", "unknown-linux")):
        if arch in _MODES:
            return "cc", [_MODES[arch]]
        if arch == "x86_64" and rest.endswith("gnux32"):
            return "cc", ["-mx32"]
    raise TargetError(f"no compiler for {triple} here: install {triple}-gcc (a cross compiler) or clang, "
                      f"or name one with --cc")


@lru_cache(maxsize=1)
def host_triple() -> str:
    try:
        return subprocess.run(["cc", "-dumpmachine"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def is_x86_64(triple: str) -> bool:
    """Register classes (extract/layout.register_class) follow the x86-64 System V convention."""
    return triple.startswith(("x86_64-", "amd64-")) and not triple.endswith("gnux32")
