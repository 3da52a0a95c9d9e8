"""extract_model: one revision's public headers -> ApiModel.

Stages (each timed, for bench/extract.py): read (snapshot the revision's
files), preprocess (cc -E -dD), parse (pycparser), model (AST -> ApiModel,
macros, includes, demands).
"""
from __future__ import annotations

import os
import re
import time
from contextlib import contextmanager
from pathlib import Path

from pycparser import c_parser

from ..bounded import run_bounded
from ..errors import CompilerError, ParseError
from ..model import KINDS, ApiModel, Location, Problem
from ..vcs.base import Repository, Revision
from .config import ExtractConfig
from .cparse import ModelBuilder
from .generators import run_generators
from .demands import binding
from .diagnose import explain
from .includes import condition_at, conditions_by_line, scan_demands, scan_includes
from .macros import include_guard, parse_define
from .preprocess import (Preprocessed, _main_line, compiler_argv, compiler_jail, fake_libc_dir, preprocess,
                         reads_confined)
from .snapshot import Snapshot
from . import segments

# APICOMPAT_SEGMENTS=0 parses every revision whole (the baseline bench/segments.py compares with).
SEGMENTED = os.environ.get("APICOMPAT_SEGMENTS", "1") != "0"
MAX_PARSE_BYTES = int(os.environ.get("APICOMPAT_MAX_PARSE_MB", "8")) * 2**20

_LINE_MARKER = re.compile(r'^# (\d+) "([^"\n]*)"((?: \d)*)$')
_PARSE_ERROR = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?:(?P<col>\d+):)?\s*(?P<msg>.*)$", re.S)


@contextmanager
def _timed(timings: dict | None, stage: str):
    start = time.perf_counter()
    yield
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def extract_model(repo: Repository, rev: Revision, config: ExtractConfig,
                  timings: dict | None = None, reads: set | None = None) -> ApiModel:
    """The API model of `rev`.

    `reads`, if given, receives the repository paths whose content the model was made from
    (history/reads.py), or stays empty when that is not known.

    >>> extract_model(repo, repo.resolve("v1.0"), ExtractConfig(headers=["include/*.h"]))
    ApiModel(revision='v1.0', ...)
    """
    label = rev.short
    with _timed(timings, "read"):
        snapshot = Snapshot(repo, rev.id, config, label=label)
    with snapshot:
        with _timed(timings, "generate"):
            problems = run_generators(snapshot, config)
        snapshot.check_headers()
        model = _extract_dropping(snapshot, config, label, timings)
        check_enough_read(snapshot, problems + model.problems, label)
        if reads is not None and snapshot.read_paths:
            reads.update(snapshot.read_paths)
    model.problems = problems + model.problems
    model.revision = rev.id
    return model


def _extract_dropping(snapshot: Snapshot, config: ExtractConfig, label: str, timings) -> ApiModel:
    """One translation unit; when it fails, drop the public header the error lies in (and say so)
    and try again.  Only an error no header can be blamed for falls back to one unit per header."""
    headers, dropped = snapshot.tu_headers(), []
    while True:
        try:
            model = _extract_all(snapshot, config, label, timings, list(headers))
            break
        except (CompilerError, ParseError) as exc:
            if config.strict:
                raise
            culprit = getattr(exc, "unit", None)
            if culprit not in headers or len(headers) == 1:
                model = _extract_each(snapshot, config, label, timings)
                model.problems = [p for p in dropped if p.file not in {q.file for q in model.problems}] \
                    + model.problems
                return model
            dropped.append(_problem(culprit, exc, snapshot))
            headers.remove(culprit)
    model.headers = sorted(snapshot.headers)
    model.include_names = {h: snapshot.include_name(h) for h in model.headers + model.reached}
    model.problems = dropped
    return model


def check_enough_read(snapshot: Snapshot, problems: list[Problem], label: str) -> None:
    """A revision where fewer than half of the public headers could be read gets no verdict."""
    unread = {p.file for p in problems} & set(snapshot.headers)
    total = len(snapshot.headers)
    if total and (total - len(unread)) * 2 < total:
        first = next(p for p in problems if p.file in unread)
        raise CompilerError(f"at revision {label} only {total - len(unread)} of {total} public headers could be "
                            f"read, too few for a verdict. First problem: {first.file}: {first.message}")


def _extract_all(snapshot: Snapshot, config: ExtractConfig, label: str, timings, headers=None,
                 reached: set | None = None) -> ApiModel:
    """All public headers in one translation unit (the normal, fast path).

    An error carries `unit`: the public header of the unit it lies in, when known."""
    units = snapshot.tu_headers() if headers is None else headers
    with _timed(timings, "preprocess"):
        try:
            pre = preprocess(snapshot, config, headers)
        except CompilerError as exc:
            exc.unit = _blame(snapshot, units, getattr(exc, "main_line", None), getattr(exc, "file", None))
            raise
    if len(pre.c_text) > MAX_PARSE_BYTES:
        # pycparser needs about a hundred times the text in memory: a few hundred bytes of nested
        # macros could otherwise cost this process gigabytes.  A real library's is well under it.
        raise ParseError(label, (headers or units or ["?"])[-1], 0,
                         f"its preprocessed text is {len(pre.c_text) / 2**20:.1f} MiB, over the "
                         f"{MAX_PARSE_BYTES // 2**20} MiB apicompat parses (APICOMPAT_MAX_PARSE_MB)")
    with _timed(timings, "parse"):
        try:
            ast = parse_c(pre.c_text, snapshot, label, config)
        except ParseError as exc:
            exc.unit = _unit_at(pre.c_text, snapshot, exc.file, exc.line) \
                or _blame(snapshot, units, getattr(exc, "main_line", None), exc.file)
            raise
    with _timed(timings, "model"):
        try:
            model = build_model(ast, pre, snapshot)
        except RecursionError:
            raise ParseError(label, (headers or snapshot.tu_headers() or ["?"])[-1], 0,
                             "declarations nested too deeply to read") from None
    if reached is not None:          # public headers this unit read in full
        reached.update(snapshot.repo_path(f) for f in pre.files)
    return model


def _extract_each(snapshot: Snapshot, config: ExtractConfig, label: str, timings) -> ApiModel:
    """One translation unit per header: what can be read is kept, the rest becomes Problems.

    Declarations of a header that could not be read are never reported as
    removed (classify skips them), and the problem says which header and why.
    """
    merged, problems, failures, reached = ApiModel(), [], [], set()
    units, readable = snapshot.top_headers(), []
    for header in units:
        try:
            part = _extract_all(snapshot, config, label, timings, [header], reached)
        except (CompilerError, ParseError) as exc:
            failures.append(exc)
            problems.append(_problem(header, exc, snapshot))
            continue
        readable.append(header)
        _merge_into(merged, part)
    if len(failures) == len(units):
        raise failures[0]
    # Public headers no readable top-level header reached (see ExtractConfig.top_level):
    # each after the readable ones, which it may need.
    for header in snapshot.headers:
        if header in units or header in reached:
            continue
        try:
            part = _extract_all(snapshot, config, label, timings, readable + [header], reached)
        except (CompilerError, ParseError) as exc:
            problems.append(_problem(header, exc, snapshot))
            continue
        _merge_into(merged, part)
    merged.headers = sorted(snapshot.headers)
    merged.include_names = {h: snapshot.include_name(h) for h in merged.headers + merged.reached}
    merged.problems = problems
    return merged


def _blame(snapshot: Snapshot, units: list[str], main_line: int | None, file: str | None) -> str | None:
    """The unit's public header an error lies in: by the line of the main file that included it,
    else the erring file itself when it is one of the unit's headers."""
    if main_line is not None and 0 < main_line <= len(units):
        return units[main_line - 1]
    return file if file in units else None


def _unit_at(text: str, snapshot: Snapshot, file: str, line: int) -> str | None:
    """Which header included straight from the main file was being read at `file`:`line`."""
    stack: list[str] = []
    current, lineno, wanted = "", 0, None
    for raw in text.splitlines():
        if raw.startswith("#"):
            marker = _LINE_MARKER.match(raw)
            if marker:
                lineno, current = int(marker.group(1)), marker.group(2)
                flags = marker.group(3).split()
                if "1" in flags:
                    stack.append(current)
                elif "2" in flags:
                    while stack and stack[-1] != current:
                        stack.pop()
                continue
        if len(stack) >= 2 and lineno == line and snapshot.display_path(current) == file:
            wanted = snapshot.repo_path(stack[1])
            break
        lineno += 1
    return wanted


def _problem(header: str, exc: Exception, snapshot: Snapshot | None = None) -> Problem:
    """The problem for a header that could not be read, with the likely cause and its remedy."""
    file, line = getattr(exc, "file", header) or header, getattr(exc, "line", None)
    message = f"{exc}" if file == header else f"{exc} (while reading {header})"
    # The cause is in the file that erred (a header the public one includes, say), the remedy
    # may be for either: explain from the erring file's text.
    text, culprit = "", header
    if snapshot is not None:
        for candidate in (file, header):
            if candidate and snapshot.path_of(candidate).is_file():
                text, culprit = snapshot.path_of(candidate).read_text(errors="replace"), candidate
                break
    hint = explain(culprit, message, fake_libc_dir(), text)
    if culprit != header and "; if the header is for another configuration" in hint:
        # The #error is in a header this one includes: excluding that one would not help.
        hint = hint.split("; if the header is for another configuration")[0]
    return Problem(header, line if file == header else None, message + (f" -- {hint}" if hint else ""))


def _merge_into(target: ApiModel, part: ApiModel) -> None:
    target.reached = sorted(set(target.reached) | set(part.reached))
    target.include_names.update(part.include_names)
    for kind in KINDS:
        getattr(target, kind).update(getattr(part, kind))
    seen = {(i.loc.file, i.loc.line) for i in target.includes}
    target.includes += [i for i in part.includes if (i.loc.file, i.loc.line) not in seen]
    target.demands += [d for d in part.demands if d not in target.demands]


def parse_c(text: str, snapshot: Snapshot, label: str, config: ExtractConfig | None = None):
    """The FileAST of the preprocessed text: a piece at a time, reusing pieces parsed before
    (extract/segments.py), else (a piece that cannot stand alone) the whole text at once."""
    if SEGMENTED:
        try:
            return segments.parse_pieces(text, str(snapshot.root))
        except (c_parser.ParseError, RecursionError):
            pass                      # the whole text below: same answer, or the error said well
    try:
        return c_parser.CParser().parse(text, filename=str(snapshot.root / "apicompat_main.c"))
    except RecursionError:
        raise ParseError(label, _last_header(snapshot) or "?", 0,
                         "declarations nested too deeply for the parser") from None
    except c_parser.ParseError as exc:
        error = _parse_error(str(exc), snapshot, label)
        if config is not None and (error.line == 0 or error.file.endswith("apicompat_main.c")):
            error = _compiler_diagnosis(snapshot, config, label) or error
        raise error from None


def _compiler_diagnosis(snapshot: Snapshot, config: ExtractConfig, label: str) -> ParseError | None:
    """pycparser could not say where; the C compiler usually can (file, line and a clear message)."""
    argv = [a for a in compiler_argv(snapshot, config, snapshot.root / "apicompat_main.c") if a not in ("-E", "-dD")]
    if "-include" in argv:     # the prelude only hides GNU C from pycparser; the compiler reads GNU C
        at = argv.index("-include")
        del argv[at:at + 2]
    deps = snapshot.root / "apicompat_diagnosis.d"
    argv[-1:-1] = ["-MD", "-MF", str(deps)]
    try:
        outcome = run_bounded(argv[:1] + ["-fsyntax-only"] + argv[1:], cwd=snapshot.root, timeout=120,
                              keep_stdout=False, jail=compiler_jail(snapshot, config))
    except OSError:
        return None
    if not reads_confined(snapshot, config, deps):
        return None          # without the prelude it read outside the revision: say nothing of it
    match = re.search(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:\d+:)?[ \t]*(?:fatal )?error:[ \t]*(?P<msg>.*)$",
                      outcome.stderr, re.M)
    if not match or snapshot.repo_path(str(Path(snapshot.root, match["file"]))) is None \
            and not match["file"].endswith("apicompat_main.c"):
        return None
    if match["file"].endswith("apicompat_main.c"):    # "at end of input": the last header is unfinished
        last = _last_header(snapshot)
        text = snapshot.path_of(last).read_text(errors="replace").splitlines() if last else []
        return ParseError(label, last or "?", len(text), f"{match['msg']} (the header ends inside a declaration)",
                          text[-1] if text else "")
    error = _parse_error(f"{match['file']}:{match['line']}: {match['msg']}", snapshot, label)
    error.main_line = _main_line(outcome.stderr)
    return error


def _last_header(snapshot: Snapshot) -> str | None:
    main = (snapshot.root / "apicompat_main.c").read_text().splitlines()
    for line in reversed(main):
        found = re.search(r'#include "(.*)"', line)
        if found:
            return snapshot.repo_path(found.group(1))
    return None


def _parse_error(message: str, snapshot: Snapshot, label: str) -> ParseError:
    match = _PARSE_ERROR.match(message)
    if not match:
        bare = re.match(r"^(?P<file>[^:\n]+):\s*(?P<msg>.*)$", message, re.S)   # "file: msg", no line
        if not bare:
            return ParseError(label, "?", 0, message)
        return ParseError(label, snapshot.display_path(bare["file"]), 0, bare["msg"].strip())
    disk, line = match["file"], int(match["line"])
    text = ""
    if snapshot.repo_path(disk) is not None:       # quote a line only from the revision's own files
        try:
            lines = Path(disk).read_text(errors="replace").splitlines()
            text = lines[line - 1] if 0 < line <= len(lines) else ""
        except OSError:
            pass
    return ParseError(label, snapshot.display_path(disk), line, match["msg"].strip(), text)


def build_model(ast, pre: Preprocessed, snapshot: Snapshot) -> ApiModel:
    from ..vcs.globs import match_any
    public = set(snapshot.headers)
    reached = {snapshot.repo_path(f) for f in pre.files}
    # Public means reachable: a file of the revision's tree that a public header includes
    # is the library's public API too (unless excluded), e.g. a list-macro header libxl.h includes.
    by_reach = sorted(r for r in reached if r and r not in public and r.endswith(".h")
                      and not match_any(snapshot.config.excludes, r))
    library = public | set(by_reach)
    cache: dict[str, str | None] = {}

    def library_file(disk: str) -> str | None:
        if disk not in cache:
            rel = snapshot.repo_path(segments.real_file(disk, str(snapshot.root)))
            cache[disk] = rel if rel in library else None
        return cache[disk]

    def locate(coord) -> Location | None:
        if coord is None or not coord.file:
            return None
        rel = library_file(coord.file)
        return Location(rel, coord.line) if rel else None

    model = ModelBuilder(locate).build(ast)
    model.headers = sorted(public)
    model.reached = by_reach
    model.include_names = {h: snapshot.include_name(h) for h in model.headers + by_reach}
    texts = {h: snapshot.path_of(h).read_text(errors="replace") for h in model.headers if h in reached}
    guards = {h: include_guard(t) for h, t in texts.items()}
    sources = _Sources(snapshot, texts)
    conditions: dict[str, list[str]] = {}

    def conditions_of(rel: str) -> list[str]:
        if rel not in conditions:
            conditions[rel] = conditions_by_line(sources.text(rel))
        return conditions[rel]

    for define in pre.defines:
        rel = library_file(define.file)
        if rel is None:
            continue
        macro = parse_define(define.text, Location(rel, define.line))
        if macro:
            macro.guard = guards.get(rel) == macro.name
            macro.condition = condition_at(conditions_of(rel), define.line)
            model.macros[macro.name] = macro
    for typedef in model.typedefs.values():
        if typedef.loc is not None:
            typedef.condition = condition_at(conditions_of(typedef.loc.file), typedef.loc.line)
    for function in model.functions.values():
        if function.loc is not None:
            function.condition = condition_at(conditions_of(function.loc.file), function.loc.line)
            function.deprecated = deprecation_mark(sources.lines(function.loc.file), function.loc.line)
    mark_injected_fields(model, sources)
    for header in sorted(texts):
        model.includes.extend(scan_includes(texts[header], header, conditions_of(header)))
    model.demands = _demands(pre, snapshot, texts)
    return model


_MACRO_WORD = re.compile(r"\b[A-Z][A-Z0-9_]*[A-Z0-9]\b")


class _Sources:
    """The library files' texts and lines, each read once per model build (the public headers'
    texts are already read: given)."""

    def __init__(self, snapshot: Snapshot, known: dict[str, str]):
        self.snapshot = snapshot
        self._texts, self._lines = dict(known), {}

    def text(self, rel: str) -> str:
        if rel not in self._texts:
            path = self.snapshot.path_of(rel)
            self._texts[rel] = path.read_text(errors="replace") if path.is_file() else ""
        return self._texts[rel]

    def lines(self, rel: str) -> list[str]:
        if rel not in self._lines:
            self._lines[rel] = self.text(rel).splitlines()
        return self._lines[rel]


def mark_injected_fields(model: ApiModel, sources: _Sources) -> None:
    """Fields a macro brought into a record (`UV_HANDLE_PRIVATE_FIELDS`): their line in the header
    names the macro, not the field.  Recorded so the diff can tell a library's private members."""

    def line_text(file: str, line: int) -> str:
        lines = sources.lines(file)
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def visit(fields) -> None:
        for f in fields:
            if f.name and f.loc is not None:
                text = line_text(f.loc.file, f.loc.line)
                if text and not re.search(rf"\b{re.escape(f.name)}\b", text):
                    macros = _MACRO_WORD.findall(text)
                    f.injected = macros[0] if macros else ""
            visit(f.fields)
    for record in model.records.values():
        visit(record.fields)


_DEPRECATION_WORD = re.compile(r"\b\w*deprecat\w*\b", re.I)


def deprecation_mark(lines: list[str], line: int) -> str:
    """The word marking the declaration at `line` (1-based) deprecated: an attribute or a macro
    whose name says so (`__attribute__((deprecated))`, `__LA_DEPRECATED`, a
    `GLIB_DEPRECATED_FOR(...)` line above it), '' if none.  Read from the header's text, since
    the parser never sees attributes."""
    if not 0 < line <= len(lines):
        return ""
    span = [lines[line - 1]]
    for text in lines[line:line + 8]:               # the declaration up to its `;`
        if ";" in span[-1]:
            break
        span.append(text)
    before = lines[line - 2].strip() if line >= 2 else ""
    if before and not before.endswith((";", "}", "{", "*/")) and not before.startswith(("#", "/", "*")):
        span.insert(0, before)                      # a marker on the line above (GLib's style)
    code = " ".join(re.sub(r"/\*.*?\*/|//.*", " ", text) for text in span)
    match = _DEPRECATION_WORD.search(code)
    return match.group(0) if match else ""


def _demands(pre: Preprocessed, snapshot: Snapshot, public_texts: dict[str, str]) -> list:
    """Conditional #errors, in every file the preprocessor entered (not our fake libc), that a
    consumer built as configured must satisfy (see demands.binding).

    Public headers were already read for includes and guards: their texts are reused."""
    fake = str(fake_libc_dir())
    demands = []
    for disk in pre.files:
        if disk.startswith(fake) or disk.endswith("apicompat_main.c"):
            continue
        text = public_texts.get(snapshot.repo_path(disk) or "")
        if text is None:
            try:
                text = Path(disk).read_text(errors="replace")
            except OSError:
                continue
        name = snapshot.display_path(disk)
        demands.extend(scan_demands(text, name, name))
    configured = {d.split("=", 1)[0].strip() for d in snapshot.config.defines}
    return binding(demands, _macro_values(pre), configured)


_DEFINE_PARTS = re.compile(r"(\w+)(\()?\s*(.*)")


def _macro_values(pre: Preprocessed) -> dict[str, str]:
    """Every macro the translation unit ended with, by name: its replacement text (a
    function-like macro's is left empty: it has no value of its own)."""
    values = {}
    for define in pre.defines:
        match = _DEFINE_PARTS.match(define.text)
        if match:
            values[match.group(1)] = "" if match.group(2) else match.group(3).strip()
    return values
