"""Plain-text report for a terminal: verdict, summary, then findings by severity and subject."""
from __future__ import annotations

import textwrap

import click

from ..diff.finding import Finding
from ..result import DiffResult
from .safe_text import defuse, scrub
from .common import SEVERITY_TITLES, by_severity, header_line, kind_title

COLORS = {"breaking": "red", "abi": "yellow", "compatible": "green", "info": "blue", "internal": "bright_black"}


def render_text(result: DiffResult, verbose: bool = False, color: bool = False) -> str:
    """The report for a terminal; `color` adds ANSI colours (only for a TTY).

    Repository text is shown with its control characters escaped (report/safe_text.py)."""
    result = scrub(result)
    paint = (lambda text, **style: click.style(text, **style)) if color else (lambda text, **style: text)
    worst = next((s for s, n in result.counts().items() if n), "info")
    lines = [header_line(result), paint(f"Verdict: {result.verdict}", fg=COLORS[worst], bold=True),
             _summary(result), ""]
    if not result.complete:     # said first: the verdict covers only what was read
        count = result.incomplete_note.split(": ", 1)[1]
        lines.insert(0, paint(f"! INCOMPLETE: {count} (problems below); the verdict covers only the rest",
                              fg="yellow", bold=True))
    for problem in result.problems:
        lines.append(f"! could not read {problem.file}: {problem.message}")
        if problem.affects:
            shown = ", ".join(problem.affects[:8]) + (", ..." if len(problem.affects) > 8 else "")
            lines.append(f"  not compared ({len(problem.affects)}): {shown}")
    for severity, groups in by_severity(result.listed):
        count = sum(len(items) for _, items in groups)
        accepted = sum(1 for _, items in groups for f in items if f.accepted)
        counted = f"{count}, {accepted} accepted" if accepted else f"{count}"
        lines.append(paint(f"== {SEVERITY_TITLES[severity]} ({counted})", fg=COLORS[severity], bold=True))
        for key, items in groups:
            lines.append(paint(f"  {key}", bold=True))
            for f in items:
                lines.extend(_finding(f, verbose, paint))
        lines.append("")
    return defuse("\n".join(lines).rstrip() + "\n")        # after wrapping: a wrap can start a line


def _wrap(text: str, indent: str, width: int = 100) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=False, break_on_hyphens=False) or [indent]


def _clip(decl: str, verbose: bool, width: int = 160) -> str:
    """Whole structs on one line do not read in a terminal: cut them (-v shows all; JSON keeps all)."""
    return decl if verbose or len(decl) <= width else decl[:width - 5] + " ... }" if "{" in decl else decl[:width] + " ..."


def _summary(result: DiffResult) -> str:
    parts = [f"{name} {n}" for name, n in result.counts().items()]
    accepted = sum(1 for f in result.findings if f.accepted)
    if accepted:
        parts.append(f"accepted {accepted}")
    internal = sum(1 for f in result.findings if f.internal)
    if internal:
        parts.append(f"internals {internal} (not counted)")
    hidden = len(result.findings) - len(result.listed)
    shown = f" (listing {', '.join(result.shown)} only: {hidden} more not listed)" if hidden else ""
    return "Summary: " + ", ".join(parts) + shown


def _finding(f: Finding, verbose: bool, paint=lambda text, **style: text) -> list[str]:
    where = f" ({f.loc})" if f.loc else ""
    conf = f" [confidence {f.confidence:.2f}]" if f.confidence is not None else ""
    lines = [f"    - {paint(kind_title(f.kind), fg=COLORS[f.severity])}: {f.symbol}{where}{conf}"]
    if f.accepted:
        lines.append(f"      accepted: {f.accepted}")
    if f.internal:
        lines.append(f"      internal: {f.internal}")
    lines.extend(_wrap(f.message, "      "))
    if f.members:
        for m in f.members:
            lines.append(f"        {m.facts.get('old_name', '?')} -> {m.symbol}")
    else:
        if f.old_decl:
            lines.append(f"      old: {_clip(f.old_decl, verbose)}")
        if f.new_decl:
            lines.append(f"      new: {_clip(f.new_decl, verbose)}")
    shown = f.evidence if verbose else f.evidence[:6]
    for e in shown:
        lines.append(f"      evidence: {e}")
    if len(f.evidence) > len(shown):
        lines.append(f"      evidence: ... {len(f.evidence) - len(shown)} more (-v shows all)")
    hint = _wrap(f"fix: {f.hint}", "      ")
    lines.extend([hint[0].replace("fix:", paint("fix:", bold=True), 1)] + hint[1:])
    return lines
