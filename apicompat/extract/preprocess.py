"""Run the C preprocessor over a snapshot's public headers.

One translation unit includes every public header; `cc -E -dD` expands it
and also prints every `#define`, which line markers attribute to the file
that made it.  The defines are split off for the macro table and blanked in
the C text handed to pycparser, so line numbers stay right.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CompilerError
from .config import ExtractConfig
from .snapshot import Snapshot

_MARKER = re.compile(r'^#\s*(\d+)\s+"((?:[^"\\]|\\.)*)"')
_DIRECTIVE = re.compile(r"^#\s*(define|undef|pragma)\b\s*(.*)$")
_DIAGNOSTIC = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:\d+:)?\s*(?:fatal )?error:\s*(?P<msg>.*)$", re.M)


def fake_libc_dir() -> Path:
    """Our stand-ins for the system headers (see fake_libc_include/README.md)."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "fake_libc_include", here.parents[1] / "fake_libc_include"):
        if (candidate / "_apicompat_prelude.h").exists():
            return candidate
    raise CompilerError("apicompat's fake_libc_include directory is missing from the installation")


@dataclass
class Define:
    text: str          # the directive after '#define '
    file: str          # disk path the line markers attribute it to
    line: int


@dataclass
class Preprocessed:
    c_text: str                                   # for pycparser, defines blanked
    defines: list[Define] = field(default_factory=list)   # in order, #undef applied
    files: list[str] = field(default_factory=list)        # every file entered, disk paths


def preprocess(snapshot: Snapshot, config: ExtractConfig, headers: list[str] | None = None) -> Preprocessed:
    """Preprocess `headers` (default: the snapshot's top-level public headers, see tu_headers)."""
    headers = snapshot.tu_headers() if headers is None else headers
    main = snapshot.root / "apicompat_main.c"
    main.write_text("".join(f'#include "{snapshot.path_of(h)}"\n' for h in headers))
    out = _run(snapshot, config, main)
    return split_defines(out)


def compiler_argv(snapshot: Snapshot, config: ExtractConfig, source: Path) -> list[str]:
    fake = fake_libc_dir()
    argv = [config.compiler, "-E", "-dD", "-nostdinc", "-include", str(fake / "_apicompat_prelude.h")]
    for inc in snapshot.include_args:
        argv += ["-I", inc]
    argv += ["-I", str(fake)]
    argv += [f"-D{d}" for d in config.defines]
    argv += list(config.cflags)
    argv.append(str(source))
    return argv


def _run(snapshot: Snapshot, config: ExtractConfig, source: Path) -> str:
    if shutil.which(config.compiler) is None:
        raise CompilerError(f"C compiler '{config.compiler}' not found (set --cc or install gcc)")
    argv = compiler_argv(snapshot, config, source)
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, errors="replace", timeout=300)
    except subprocess.TimeoutExpired:
        raise CompilerError(f"the preprocessor took over 300 s at revision {snapshot.label}") from None
    if proc.returncode != 0:
        raise CompilerError(describe_failure(snapshot, proc.stderr))
    return proc.stdout


def describe_failure(snapshot: Snapshot, stderr: str) -> str:
    """The compiler's first error, with repository paths, the revision and the line's text."""
    match = _DIAGNOSTIC.search(stderr)
    if not match:
        return f"the preprocessor failed at revision {snapshot.label}:\n{stderr.strip()[:2000]}"
    disk, line = match["file"], int(match["line"])
    text = _line_of(Path(disk), line)
    message = (f"cannot preprocess {snapshot.display_path(disk)}:{line} at revision "
               f"{snapshot.label}: {match['msg']}")
    return message + (f"\n    {text.strip()}" if text else "")


def _line_of(path: Path, line: int) -> str:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


def split_defines(text: str) -> Preprocessed:
    """Separate `#define`/`#undef` lines (attributed to file:line) from C text."""
    out_lines: list[str] = []
    defines: dict[str, Define] = {}
    files: list[str] = []
    current, lineno = "", 0
    for raw in text.splitlines():
        marker = _MARKER.match(raw)
        if marker:
            lineno, current = int(marker.group(1)), _unescape(marker.group(2))
            if current not in files and not current.startswith("<"):
                files.append(current)
            out_lines.append(raw)
            continue
        directive = _DIRECTIVE.match(raw)
        if directive:
            kind, rest = directive.groups()
            if kind == "define":
                name = re.match(r"\w+", rest)
                if name:
                    defines.pop(name.group(0), None)
                    defines[name.group(0)] = Define(rest, current, lineno)
            elif kind == "undef":
                defines.pop(rest.strip(), None)
            out_lines.append("")
        else:
            out_lines.append(raw)
        lineno += 1
    return Preprocessed("\n".join(out_lines) + "\n", list(defines.values()), files)


def _unescape(name: str) -> str:
    return name.replace('\\\\', '\\').replace('\\"', '"')
