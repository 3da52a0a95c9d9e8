"""Impact: every place in the consumer's code that uses something that changed, with the fix.

The findings of OLD -> NEW are joined with the consumer's uses (uses.py),
resolved on its own code preprocessed against OLD's installed headers.  A
use matches a finding by the old name it is about (a function, enumerator,
typedef, tag or macro; the old names of a family's members) or, for a
member access, by record and field path.  `check_compiles` compiles the
consumer against both revisions and says which errors impact did not
predict.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pycparser import c_parser

from ..bounded import DIAGNOSTICS, run_bounded
from ..diff.finding import Finding
from ..errors import ApicompatError
from ..extract.compile_check import CONSTRAINT_ERRORS, errors_by_use
from ..extract.preprocess import fake_libc_dir, split_defines
from ..extract.confine import OutsideReadError
from .confined import allowed_places, check_reads, jail_for
from .sources import Source
from .uses import Use, UseCollector, macro_uses

FIELD_KINDS = {"record_field_removed", "record_field_moved", "record_field_renamed", "record_field_type_changed",
               "record_fields_regrouped", "record_layout_changed"}
_MOVE = re.compile(r"^([\w.]+) -> ([\w.]+)$")


@dataclass
class Site:
    use: Use
    finding: Finding

    def to_dict(self) -> dict:
        f = self.finding
        return {"file": self.use.file, "line": self.use.line, "column": self.use.column, "use": self.use.what,
                "name": self.use.name, "kind": f.kind, "symbol": f.symbol, "severity": f.severity,
                "message": f.message, "hint": f.hint}


@dataclass
class Impact:
    sites: list[Site] = field(default_factory=list)
    unread: dict[str, str] = field(default_factory=dict)      # consumer file -> why it could not be read
    used: list[Finding] = field(default_factory=list)         # findings the consumer uses
    check: dict | None = None                                  # from check_compiles


# Kinds whose `old_name` fact is a declaration's name (a parameter's or member's old name is not).
_RENAMES = {"function_renamed", "record_renamed", "typedef_renamed", "enum_renamed", "enum_member_renamed",
            "macro_renamed", "variable_renamed", "function_old_name_reused"}


def findings_index(findings: list[Finding], aliases: dict[str, list[str]] | None = None
                   ) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]]]:
    """(by old name, by `record.path`) for every finding with an old side (family members too).

    `aliases` gives more old names a finding is felt through: the typedefs of a removed record,
    the enumerators of a removed enum, the functions taking a changed callback type."""
    names: dict[str, list[Finding]] = {}
    members: dict[str, list[Finding]] = {}
    for f in findings:
        for item in (f.members if f.kind == "rename_family" else [f]):
            if item.old_decl is None and item.kind not in FIELD_KINDS or item.severity == "info":
                continue         # additions are not used by old code; info needs nothing done
            if item.kind in FIELD_KINDS:
                record = item.facts.get("record", item.symbol.split(".")[0])
                paths = {item.facts.get("path") or item.symbol.split(".", 1)[-1]}
                paths |= {m.group(1) for e in item.evidence if (m := _MOVE.match(e))}
                for path in paths:
                    members.setdefault(f"{record}.{path}", []).append(item)
                continue
            # A record's own name is its tag (`struct x`); typedef spellings come through aliases.
            tag = item.kind.startswith("record_")
            keys = {(("tag:" if tag else "") + item.symbol.split(" ")[0]) if item.kind != "rename_family" else None}
            if item.kind in _RENAMES and item.facts.get("old_name"):
                keys.add(("tag:" if tag else "") + item.facts["old_name"])
            keys |= set((aliases or {}).get(f"{item.kind}:{item.symbol}", []))
            for name in keys:
                if name and "." not in name:
                    names.setdefault(name, []).append(item)
    return names, members


def finding_aliases(findings: list[Finding], old, new=None) -> dict[str, list[str]]:
    """More names each finding is felt through, from the old model (see findings_index); a typedef
    that still exists in the new model is not one of them (it was kept as an alias)."""
    aliases: dict[str, list[str]] = {}
    kept = set(new.typedefs) if new is not None else set()
    for f in findings:
        key = f"{f.kind}:{f.symbol}"
        if f.kind in ("record_removed", "record_made_opaque", "record_renamed"):
            tag = f.facts.get("old_name") or f.symbol
            # Kept typedefs still compile -- unless the record behind them became opaque.
            keep = kept if f.kind != "record_made_opaque" else set()
            aliases[key] = [t.name for t in old.typedefs.values() if t.resolved.split()[-1:] == [tag]
                            and t.resolved.split()[0] in ("struct", "union") and t.name not in keep]
        elif f.kind in ("enum_removed", "enum_renamed") and (f.facts.get("old_name") or f.symbol) in old.enums:
            aliases[key] = [m.name for m in old.enums[f.facts.get("old_name") or f.symbol].members]
        elif f.kind == "typedef_target_changed":
            users = f.facts.get("users", "")
            aliases[key] = [u.strip() for u in users.split(",") if u.strip() and " " not in u.strip()]
    return aliases


def join(uses: list[Use], findings: list[Finding], aliases: dict[str, list[str]] | None = None) -> list[Site]:
    names, members = findings_index(findings, aliases)
    sites = []
    for use in uses:
        if use.what == "member":
            hits = [f for key, fs in members.items() if use.name == key or use.name.startswith(key + ".")
                    for f in fs]
            # A member of a record that is gone, or now opaque, cannot be reached either.
            hits += [f for f in names.get("tag:" + use.name.split(".", 1)[0], [])
                     if f.kind in ("record_removed", "record_made_opaque")]
        elif use.what in ("tag", "tag*"):
            hits = names.get("tag:" + use.name, [])
        else:
            hits = names.get(use.name, [])
        for f in hits:
            if f.kind == "record_made_opaque" and use.what in ("type*", "tag*"):
                continue                      # a pointer to an opaque type still compiles
            sites.append(Site(use, f))
    unique = {(s.use.file, s.use.line, s.use.column, id(s.finding)): s for s in sites}
    return sorted(unique.values(), key=lambda s: (s.use.file, s.use.line, s.use.column, s.finding.kind))


def read_uses(source: Source, include_dir: Path, roots: list[Path], compiler: str = "cc") -> list[Use]:
    """The uses in one consumer source, preprocessed against the headers in `include_dir`."""
    fake = fake_libc_dir()
    argv = [compiler, "-E", "-nostdinc", "-include", str(fake / "_apicompat_prelude.h"), *source.flags,
            "-I", str(include_dir), "-I", str(fake), str(source.path)]
    try:
        allowed = allowed_places(source.flags, source.path.parent, include_dir, roots, compiler, [fake])
        check_reads(argv, source.path.parent, allowed, roots)
        outcome = run_bounded(argv, cwd=source.path.parent, timeout=300,
                              jail=jail_for(allowed, [], source.path.parent))
    except OSError as exc:
        raise ApicompatError(f"cannot run {compiler}: {exc.strerror}") from None
    if outcome.returncode != 0:
        first = next((line for line in outcome.stderr.splitlines() if "error" in line), outcome.stderr[:300])
        raise ApicompatError(f"cannot preprocess {source.path}: {first.strip()}")
    text = split_defines(outcome.stdout).c_text
    try:
        ast = c_parser.CParser().parse(text, filename=str(source.path))
    except (c_parser.ParseError, RecursionError) as exc:
        where = str(exc).split(":", 1)[0]
        inside = any(os.path.realpath(os.path.join(source.path.parent, where)).startswith(
            os.path.realpath(r).rstrip(os.sep) + os.sep) for r in roots)
        # The parser quotes the token it stopped at: shown only when it is in your own code.
        said = str(exc) if inside else f"an error in {where.rsplit('/', 1)[-1]}, not in your code"
        raise ApicompatError(f"cannot parse {source.path} (after preprocessing): {said}") from None
    real_roots = [os.path.realpath(r) for r in roots]

    def keep(file: str) -> bool:
        real = os.path.realpath(os.path.join(source.path.parent, file))
        return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in real_roots)

    collector = UseCollector(keep)
    collector.visit(ast)
    return collector.uses


def spelled_on_their_line(uses: list[Use]) -> list[Use]:
    """Uses whose name the consumer's line actually spells: an identifier that came out of a
    library macro's expansion (`GIT_DIFF_OPTIONS_INIT` expanding to `GIT_SUBMODULE_...`) is the
    macro's business, not a line of the consumer's to fix."""
    lines: dict[str, list[str]] = {}
    kept = []
    for use in uses:
        if use.file not in lines:
            try:
                lines[use.file] = Path(use.file).read_text(errors="replace").splitlines()
            except OSError:
                lines[use.file] = []
        text = lines[use.file][use.line - 1] if 0 < use.line <= len(lines[use.file]) else ""
        word = use.name.rsplit(".", 1)[-1]
        if not text or re.search(rf"\b{re.escape(word)}\b", text):
            kept.append(use)
    return kept


def macro_names(findings: list[Finding]) -> set[str]:
    names = set()
    for f in findings:
        for item in (f.members if f.kind == "rename_family" else [f]):
            if item.kind.startswith("macro_") or item.kind == "include_demands_macro":
                names.add(item.facts.get("old_name") or item.symbol)
    return names


def consumer_impact(sources: list[Source], roots: list[Path], findings: list[Finding], include_dir: Path,
                    compiler: str = "cc", old_model=None, new_model=None) -> Impact:
    impact = Impact()
    uses: list[Use] = []
    macros = macro_names(findings)
    for source in sources:
        try:
            uses += read_uses(source, include_dir, roots, compiler)
        except ApicompatError as exc:
            impact.unread[str(source.path)] = str(exc)
        uses += macro_uses(source.path, macros)
    impact.sites = join(spelled_on_their_line(uses), findings,
                        finding_aliases(findings, old_model, new_model) if old_model is not None else None)
    seen = []
    for s in impact.sites:
        if not any(s.finding is f for f in seen):
            seen.append(s.finding)
    impact.used = seen
    return impact


def compile_errors(source: Source, include_dir: Path, roots: list[Path], compiler: str = "cc") -> list[tuple]:
    """(file, line, message) of every error in the consumer's own files, compiled against `include_dir`
    with the system's headers and the usual constraint-violation errors.

    Raises OutsideReadError (and compiles nothing) when the revision's headers would make the
    compiler read a file outside the consumer, its flags' folders, `include_dir` and the system's
    headers: its messages could quote that file."""
    argv = [compiler, "-fsyntax-only", *CONSTRAINT_ERRORS, *source.flags, "-I", str(include_dir),
            str(source.path)]
    allowed = allowed_places(source.flags, source.path.parent, include_dir, roots, compiler)
    check_reads(argv, source.path.parent, allowed, roots)
    outcome = run_bounded(argv, cwd=source.path.parent, timeout=300, keep_stdout=False, keep=DIAGNOSTICS,
                          jail=jail_for(allowed, [], source.path.parent))
    real_roots = [os.path.realpath(r) for r in roots]

    def own(file: str) -> str | None:
        real = os.path.realpath(os.path.join(source.path.parent, file))
        return real if any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in real_roots) else None

    # An error inside a library macro the consumer's line expanded (a poisoned old name) is that line's.
    return [(own(file), line, message) for file, line, message in errors_by_use(outcome.stderr, own)
            if own(file)]


def check_compiles(impact: Impact, sources: list[Source], roots: list[Path], old_dir: Path, new_dir: Path,
                   compiler: str = "cc") -> dict:
    """Errors against OLD and NEW, and the NEW errors on lines impact did not name."""
    try:
        old_errors = [e for s in sources for e in compile_errors(s, old_dir, roots, compiler)]
        new_errors = [e for s in sources for e in compile_errors(s, new_dir, roots, compiler)]
    except OutsideReadError as exc:
        impact.check = {"withheld": str(exc), "old_errors": 0, "new_errors": 0, "new_error_lines": 0,
                        "predicted_lines": 0, "unpredicted": []}
        return impact.check
    predicted = {(os.path.realpath(s.use.file), s.use.line) for s in impact.sites}
    unpredicted = [e for e in new_errors if (e[0], e[1]) not in predicted]
    lines_new = {(e[0], e[1]) for e in new_errors}
    impact.check = {"old_errors": len(old_errors), "new_errors": len(new_errors),
                    "new_error_lines": len(lines_new),
                    "predicted_lines": len(lines_new - {(e[0], e[1]) for e in unpredicted}),
                    "unpredicted": [{"file": f, "line": n, "message": m} for f, n, m in unpredicted]}
    return impact.check
