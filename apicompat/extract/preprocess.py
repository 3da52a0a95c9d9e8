"""Run the C preprocessor over a snapshot's public headers.

One translation unit includes every public header; `cc -E -dD` expands it
and also prints every `#define`, which line markers attribute to the file
that made it.  The defines are split off for the macro table and blanked in
the C text handed to pycparser, so line numbers stay right.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..bounded import MEMORY_LIMIT_MB, MiB, run_bounded
from ..errors import CompilerError
from .confine import allowed_roots, check_opened, is_allowed, read_dependencies
from .config import ExtractConfig
from .snapshot import Snapshot

_MARKER = re.compile(r'^#\s*(\d+)\s+"((?:[^"\\]|\\.)*)"')
_DIRECTIVE = re.compile(r"^#\s*(define|undef|pragma)\b\s*(.*)$")
_DIAGNOSTIC = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:\d+:)?[ \t]*(?:fatal )?error:[ \t]*(?P<msg>.*)$", re.M)
_ANY_DIAGNOSTIC = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:\d+:)?[ \t]*(?:fatal error|error|warning|note):.*$",
                             re.M)
_INCLUDED_FROM = re.compile(r"^(?:In file included|[ \t]+) from ([^:\n]+):\d+", re.M)
_MAIN_INCLUDE = re.compile(r"apicompat_main\.c:(\d+)")
PREPROCESS_TIMEOUT = 300
PREPROCESS_OUTPUT = 512 * MiB


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
    main.write_text("".join(f'#include "{snapshot.path_of(h)}"\n' for h in headers),
                    errors="surrogateescape")       # a file name need not be UTF-8
    out = _run(snapshot, config, main)
    pre = split_defines(out)
    check_opened(pre.files, read_roots(snapshot, config), snapshot.root, snapshot.display_path,
                 snapshot.laid_out_files)
    return pre


def compiler_argv(snapshot: Snapshot, config: ExtractConfig, source: Path) -> list[str]:
    fake = fake_libc_dir()
    argv = [config.compiler, "-E", "-dD", "-nostdinc", "-include", str(fake / "_apicompat_prelude.h")]
    argv += snapshot.search_args()
    argv += ["-I", str(fake)]
    argv += [f"-D{d}" for d in config.defines]
    argv += list(config.cflags)
    argv.append(str(source))
    return argv


def read_roots(snapshot: Snapshot, config: ExtractConfig) -> list[str]:
    """Where the preprocessor may read: the snapshot, our fake libc, absolute folders the user named."""
    user_dirs = [d.path for d in config.include_dirs if Path(d.path).is_absolute()]
    return allowed_roots(snapshot.root, fake_libc_dir(), user_dirs)


def compiler_jail(snapshot: Snapshot, config: ExtractConfig):
    """The preexec that runs a compiler over the snapshot where nothing else of the host exists
    (apicompat/jail.py): the snapshot (writable: dependency and assembly output), the read roots,
    and the compiler's own installation when it lies outside the system folders.  None where the
    kernel offers no namespaces (the checks on what was opened stand alone)."""
    from .. import jail
    readable = [r for r in read_roots(snapshot, config) if r != os.path.realpath(snapshot.root)]
    found = shutil.which(shlex.split(config.compiler)[0]) if config.compiler.strip() else None
    if found:
        real = os.path.realpath(found)
        if not any(real.startswith(d.rstrip("/") + "/") for d in jail.SYSTEM):
            readable.append(os.path.dirname(os.path.dirname(real)))     # its prefix: bin/ and lib/
    return jail.preexec([str(snapshot.root)], readable, str(snapshot.root))


def _run(snapshot: Snapshot, config: ExtractConfig, source: Path) -> str:
    if shutil.which(config.compiler) is None:
        raise CompilerError(f"C compiler '{config.compiler}' not found (set --cc or install gcc)")
    snapshot.confine()
    deps = snapshot.root / "apicompat_main.d"
    deps.unlink(missing_ok=True)        # an earlier run's: a run that fails writes none
    argv = compiler_argv(snapshot, config, source)
    argv[-1:-1] = ["-MD", "-MF", str(deps)]
    try:
        outcome = run_bounded(argv, cwd=snapshot.root, timeout=PREPROCESS_TIMEOUT, stdout_limit=PREPROCESS_OUTPUT,
                              jail=compiler_jail(snapshot, config))
    except OSError as exc:
        raise CompilerError(f"cannot run the C compiler '{config.compiler}': {exc.strerror}") from None
    roots, files = read_roots(snapshot, config), snapshot.laid_out_files
    opened = read_dependencies(deps) if deps.is_file() else None
    snapshot.note_opened(opened)
    check_opened(opened or [], roots, snapshot.root, snapshot.display_path, files)
    check_opened(_diagnostic_files(outcome.stderr), roots, snapshot.root, snapshot.display_path, files)
    if outcome.timed_out:
        raise CompilerError(f"the preprocessor took over {PREPROCESS_TIMEOUT} s at revision {snapshot.label} "
                            "(a macro that expands without end?)")
    if outcome.overflow:
        raise CompilerError(f"the preprocessed text passed {PREPROCESS_OUTPUT // MiB} MiB at revision "
                            f"{snapshot.label} and was stopped (a macro that expands without end?)")
    if outcome.out_of_memory:
        raise CompilerError(f"the preprocessor ran out of memory ({MEMORY_LIMIT_MB} MiB, "
                            f"APICOMPAT_MEMORY_LIMIT_MB) at revision {snapshot.label} "
                            "(a macro that expands without end?)")
    if outcome.returncode != 0:
        error = CompilerError(describe_failure(snapshot, outcome.stderr, roots))
        error.main_line = _main_line(outcome.stderr)
        first = _DIAGNOSTIC.search(outcome.stderr)
        if first and is_allowed(first["file"], roots, snapshot.root):
            error.file, error.line = snapshot.display_path(first["file"]), int(first["line"])
        raise error
    return outcome.stdout


def reads_confined(snapshot: Snapshot, config: ExtractConfig, deps_file: Path) -> bool:
    """Whether a compile (its -MD output) read only the snapshot, our fake libc and the user's folders."""
    from .confine import OutsideReadError
    if not deps_file.is_file():        # a fatal error writes none: what it read is unknown, so no
        return False
    try:
        check_opened(read_dependencies(deps_file), read_roots(snapshot, config), snapshot.root,
                     snapshot.display_path)
    except OutsideReadError:
        return False
    return True


def _main_line(stderr: str) -> int | None:
    """The line of the unit's main file whose #include led to the first error (which header)."""
    match = _MAIN_INCLUDE.search(stderr)
    return int(match.group(1)) if match else None


def _diagnostic_files(stderr: str) -> list[str]:
    """Files a compiler's diagnostics name ("file:line: error", "In file included from file:line")."""
    names = [m["file"] for m in _ANY_DIAGNOSTIC.finditer(stderr)]
    names += [m.group(1) for m in _INCLUDED_FROM.finditer(stderr)]
    return names


def describe_failure(snapshot: Snapshot, stderr: str, roots: list[str] | None = None) -> str:
    """The compiler's first error, with repository paths, the revision and the line's text.

    Only diagnostics are quoted (never the source lines a compiler echoes), and a
    line's text only from a file inside the snapshot."""
    match = _DIAGNOSTIC.search(stderr)
    if not match:
        kept = [m.group(0) for m in _ANY_DIAGNOSTIC.finditer(stderr)][:8]
        detail = "\n".join(kept) if kept else "(no diagnostic)"
        return f"the preprocessor failed at revision {snapshot.label}:\n{detail[:2000]}"
    disk, line = match["file"], int(match["line"])
    inside = roots is None or is_allowed(disk, roots, snapshot.root)
    text = _line_of(Path(snapshot.root, disk), line) if inside else ""
    message = (f"cannot preprocess {snapshot.display_path(disk)}:{line} at revision "
               f"{snapshot.label}: {match['msg']}")
    return message + (f"\n    {text.strip()}" if text else "")


def _line_of(path: Path, line: int) -> str:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


_NAME = re.compile(r"\w+")


def split_defines(text: str) -> Preprocessed:
    """Separate `#define`/`#undef` lines (attributed to file:line) from C text."""
    out_lines: list[str] = []
    defines: dict[str, Define] = {}
    files: list[str] = []
    current, lineno = "", 0
    for raw in text.splitlines():
        if not raw.startswith("#"):       # most lines: C text (both patterns start with '#')
            out_lines.append(raw)
            lineno += 1
            continue
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
                name = _NAME.match(rest)
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
