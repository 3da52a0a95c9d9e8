"""Plain-text report for a terminal: verdict, summary, then findings by severity and subject."""
from __future__ import annotations

import click

from ..diff.finding import Finding
from ..result import DiffResult
from .common import SEVERITY_TITLES, by_severity, header_line, kind_title

COLORS = {"breaking": "red", "abi": "yellow", "compatible": "green", "info": "blue"}


def render_text(result: DiffResult, verbose: bool = False, color: bool = False) -> str:
    """The report for a terminal; `color` adds ANSI colours (only for a TTY)."""
    paint = (lambda text, **style: click.style(text, **style)) if color else (lambda text, **style: text)
    worst = next((s for s, n in result.counts().items() if n), "info")
    lines = [header_line(result), paint(f"Verdict: {result.verdict}", fg=COLORS[worst], bold=True),
             _summary(result), ""]
    for problem in result.problems:
        lines.append(f"! could not read {problem.file}: {problem.message}")
        if problem.affects:
            shown = ", ".join(problem.affects[:8]) + (", ..." if len(problem.affects) > 8 else "")
            lines.append(f"  not compared ({len(problem.affects)}): {shown}")
    for severity, groups in by_severity(result.findings):
        count = sum(len(items) for _, items in groups)
        accepted = sum(1 for _, items in groups for f in items if f.accepted)
        counted = f"{count}, {accepted} accepted" if accepted else f"{count}"
        lines.append(paint(f"== {SEVERITY_TITLES[severity]} ({counted})", fg=COLORS[severity], bold=True))
        for key, items in groups:
            lines.append(paint(f"  {key}", bold=True))
            for f in items:
                lines.extend(_finding(f, verbose, paint))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _summary(result: DiffResult) -> str:
    parts = [f"{name} {n}" for name, n in result.counts().items()]
    accepted = len(result.findings) - len(result.active)
    if accepted:
        parts.append(f"accepted {accepted}")
    return "Summary: " + ", ".join(parts)


def _finding(f: Finding, verbose: bool, paint=lambda text, **style: text) -> list[str]:
    where = f" ({f.loc})" if f.loc else ""
    conf = f" [confidence {f.confidence:.2f}]" if f.confidence is not None else ""
    lines = [f"    - {paint(kind_title(f.kind), fg=COLORS[f.severity])}: {f.symbol}{where}{conf}"]
    if f.accepted:
        lines.append(f"      accepted: {f.accepted}")
    lines.append(f"      {f.message}")
    if f.members:
        for m in f.members:
            lines.append(f"        {m.facts.get('old_name', '?')} -> {m.symbol}")
    else:
        if f.old_decl:
            lines.append(f"      old: {f.old_decl}")
        if f.new_decl:
            lines.append(f"      new: {f.new_decl}")
    shown = f.evidence if verbose else f.evidence[:6]
    for e in shown:
        lines.append(f"      evidence: {e}")
    if len(f.evidence) > len(shown):
        lines.append(f"      evidence: ... {len(f.evidence) - len(shown)} more (-v shows all)")
    lines.append(f"      {paint('fix:', bold=True)} {f.hint}")
    return lines
