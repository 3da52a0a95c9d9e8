"""Compile a piece of C against a revision's headers, as a consumer's compiler would.

Used to let the compiler settle a finding's severity (diff/witness.py): the
revision is laid out as for extraction (generators included), and the unit
is compiled with `-fsyntax-only`, constraint violations that C compilers
only warn about made errors (the usual consumer flags).  Nothing is run.
"""
from __future__ import annotations

import re
from contextlib import contextmanager

from ..bounded import DIAGNOSTICS, run_bounded
from ..vcs.base import Repository, Revision
from .config import ExtractConfig
from .generators import run_generators
from .preprocess import compiler_argv, compiler_jail, reads_confined
from .snapshot import Snapshot

# Constraint violations gcc only warns about by default: old code that hits one does not build
# under the flags consumers use (and gcc 14 makes most of them errors).
CONSTRAINT_ERRORS = ["-Werror=incompatible-pointer-types", "-Werror=int-conversion",
                     "-Werror=implicit-function-declaration", "-Werror=discarded-qualifiers",
                     "-Werror=discarded-array-qualifiers", "-Werror=implicit-int", "-Werror=return-type"]
_DIAGNOSTIC_OR_CONTEXT = re.compile(
    r"^(?:(?P<cfile>[^:\n]+): In function [\u2018'`](?P<function>\w+)[\u2019'`]:"
    r"|(?P<file>[^:\n]+):(?P<line>\d+):(?:\d+:)?[ \t]*(?P<kind>(?:fatal )?error|warning|note):[ \t]*(?P<msg>.*))$", re.M)
UNIT = "apicompat_witness.c"


def errors_by_use(stderr: str, is_own=lambda file: file.endswith(UNIT),
                  function_line=None) -> list[tuple[str, int, str]]:
    """(file, line, message) of each error, placed where the code compiled (`is_own`) used what
    failed: an error gcc reports inside a header's macro (`#define SDL_bool
    SDL_bool_renamed_bool`, an old name poisoned) belongs to the line whose use expanded it,
    named by the note that follows.  When gcc names only the macro's definition (a use inside
    `__typeof__`), `function_line(name)` places it at the own function gcc says it is in."""
    found, current, context = [], None, None
    for match in _DIAGNOSTIC_OR_CONTEXT.finditer(stderr):
        if match["function"]:
            context = (match["cfile"], match["function"])
            continue
        kind, file, line = match["kind"], match["file"], int(match["line"])
        if kind.endswith("error"):
            current = [file, line, match["msg"].strip(), context]
            found.append(current)
        elif kind == "warning":
            current = None
        elif current is not None and match["msg"].startswith("in expansion of macro") and is_own(file) \
                and not is_own(current[0]):
            current[0], current[1] = file, line
    for error in found:
        where = error.pop()
        if function_line is not None and not is_own(error[0]) and where and is_own(where[0]):
            line = function_line(where[1])
            if line:
                error[0], error[1] = where[0], line
    return [tuple(e) for e in found]


@contextmanager
def prepared(repo: Repository, rev: Revision, config: ExtractConfig):
    """The revision laid out for compiles (generators run, probes made inert): one snapshot
    for as many compiles as need it (compile_in, layout.probe_in)."""
    with Snapshot(repo, rev.id, config, label=rev.short) as snap:
        run_generators(snap, config)
        snap.check_headers()
        snap.confine()
        yield snap


def compile_unit(repo: Repository, rev: Revision, config: ExtractConfig, source: str) -> tuple[bool, list]:
    """(headers_ok, [(line, message)]) for `source` compiled after the revision's top-level headers.

    `headers_ok` is False when the compiler found errors outside `source` (the revision's
    headers do not compile under this configuration): then nothing can be concluded."""
    with prepared(repo, rev, config) as snap:
        return compile_in(snap, config, source)


def compile_in(snap: Snapshot, config: ExtractConfig, source: str) -> tuple[bool, list]:
    """compile_unit in a snapshot already prepared."""
    includes = "".join(f'#include "{snap.path_of(h)}"\n' for h in snap.top_headers())
    unit = snap.root / UNIT
    unit.write_text(includes + source, errors="surrogateescape")     # file names need not be UTF-8
    argv = [a for a in compiler_argv(snap, config, unit) if a not in ("-E", "-dD")]
    if "-include" in argv:        # the prelude hides GNU C from pycparser; a compiler reads GNU C
        at = argv.index("-include")
        del argv[at:at + 2]
    argv[1:1] = ["-fsyntax-only", "-std=gnu11"] + CONSTRAINT_ERRORS
    argv[-1:-1] = ["-MD", "-MF", str(snap.root / "apicompat_witness.d")]
    outcome = run_bounded(argv, cwd=snap.root, timeout=120, keep_stdout=False, keep=DIAGNOSTICS,
                          jail=compiler_jail(snap, config))
    if not reads_confined(snap, config, snap.root / "apicompat_witness.d"):
        return False, []          # it read outside the revision: no conclusion from it
    shift = includes.count("\n")
    lines = (includes + source).splitlines()

    def function_line(name: str) -> int | None:
        return next((n for n, text in enumerate(lines, start=1) if f" {name}(" in text), None)
    errors, elsewhere = [], False
    for file, line, message in errors_by_use(outcome.stderr, function_line=function_line):
        if file.endswith(UNIT) and line > shift:
            errors.append((line - shift, message))
        else:
            elsewhere = True
    if outcome.returncode is None:
        return False, []
    return not elsewhere, errors
