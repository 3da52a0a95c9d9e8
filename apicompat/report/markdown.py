"""Markdown report, sized for a pull-request comment: summary table, then collapsible details."""
from __future__ import annotations

from ..diff.finding import Finding
from ..result import DiffResult
from .common import SEVERITY_TITLES, by_severity, header_line, kind_title


def render_markdown(result: DiffResult) -> str:
    """The report as GitHub-flavoured Markdown (repository text kept inert)."""
    lines = [f"### API changes: {_code(header_line(result))}", "", f"**Verdict:** {result.verdict}", "",
             "| severity | findings |", "|---|---:|"]
    lines += [f"| {s} | {n} |" for s, n in result.counts().items()]
    lines.append("")
    for problem in result.problems:
        lines.append(f"> :warning: could not read `{problem.file}`: {_esc(problem.message)}")
    for severity, groups in by_severity(result.findings):
        count = sum(len(items) for _, items in groups)
        lines += [f"<details{' open' if severity == 'breaking' else ''}>",
                  f"<summary><b>{SEVERITY_TITLES[severity]}</b> ({count})</summary>", ""]
        for key, items in groups:
            lines.append(f"#### `{key}`")
            for f in items:
                lines.extend(_finding(f, result.shim_coverage.get(f.symbol)))
            lines.append("")
        lines += ["</details>", ""]
    return "\n".join(lines).rstrip() + "\n"


def _finding(f: Finding, shim: str | None = None) -> list[str]:
    where = f" — `{f.loc}`" if f.loc else ""
    where += f" — shim: {shim}" if shim else ""
    conf = f" (confidence {f.confidence:.2f})" if f.confidence is not None else ""
    lines = [f"- **{kind_title(f.kind)}**: `{f.symbol}`{where}{conf}"
             + (f" — *accepted: {_esc(f.accepted)}*" if f.accepted else ""),
             f"  {_esc(f.message)}"]
    if f.members:
        lines.append("  " + ", ".join(f"`{m.facts.get('old_name', '?')}` → `{m.symbol}`" for m in f.members))
    elif f.old_decl or f.new_decl:
        lines.append("  ```diff")
        if f.old_decl:
            lines.append(f"  - {f.old_decl}")
        if f.new_decl:
            lines.append(f"  + {f.new_decl}")
        lines.append("  ```")
    lines.append(f"  *Fix:* {_esc(f.hint)}")
    return lines


def _code(text: str) -> str:
    return f"`{text}`"


def _esc(text: str) -> str:
    """Keep text from the analysed repository inert in Markdown (no raw HTML)."""
    return text.replace("<", "&lt;").replace(">", "&gt;")
