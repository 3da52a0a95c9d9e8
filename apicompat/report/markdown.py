"""Markdown report, sized for a pull-request comment: summary table, then collapsible details.

GitHub refuses comments over 65,536 characters, so the report stops adding
findings before that (breaking ones first) and says how many it left out and
how to see them all.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..diff.finding import Finding
from ..result import DiffResult
from .common import SEVERITY_TITLES, by_severity, kind_title, revision_label

COMMENT_LIMIT = 60_000   # characters, with room for what a CI job wraps around it


def render_markdown(result: DiffResult, limit: int = COMMENT_LIMIT) -> str:
    """The report as GitHub-flavoured Markdown (repository text kept inert)."""
    name = Path(result.repo).name
    head = [f"### API changes in `{name}`: {revision_label(result.old, result.old_name)} → "
            f"{revision_label(result.new, result.new_name)}", "", f"**Verdict:** {result.verdict}", "",
            "| severity | findings |", "|---|---:|"]
    head += [f"| {s} | {n} |" for s, n in result.counts().items()]
    head.append("")
    for problem in result.problems:
        head.append(f"> :warning: could not read `{problem.file}`: {_esc(problem.message)}")
    body, left_out = [], 0
    size = sum(len(line) + 1 for line in head) + 400    # room for the closing note
    for severity, groups in by_severity(result.listed):
        count = sum(len(items) for _, items in groups)
        section = [f"<details{' open' if severity == 'breaking' else ''}>",
                   f"<summary><b>{SEVERITY_TITLES[severity]}</b> ({count})</summary>", ""]
        for key, items in groups:
            heading = [f"#### `{key}`"]
            for f in items:
                lines = heading + _finding(f, result.shim_coverage.get(f.symbol))
                cost = sum(len(line) + 1 for line in lines) + 200   # + this section's wrapper
                if size + cost > limit:
                    left_out += 1
                    continue
                size += cost - 200
                section.extend(lines)
                heading = []
            if not heading:
                section.append("")
        if len(section) > 3:
            body += section + ["</details>", ""]
            size += sum(len(line) + 1 for line in section[:3]) + 12
    if left_out:
        body.append(f"*{left_out} more finding(s) left out to fit a comment: run `apicompat report` "
                    f"for the full HTML report, or `apicompat diff --format text`.*")
    return "\n".join(head + body).rstrip() + "\n"


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
        old_at, new_at = _paths(f)
        lines.append("  ```diff")
        if f.old_decl:
            lines.append(f"  - {f.old_decl}{old_at}")
        if f.new_decl:
            lines.append(f"  + {f.new_decl}{new_at}")
        lines.append("  ```")
    lines.append(f"  *Fix:* {_esc(f.hint)}")
    return lines


def _paths(f: Finding) -> tuple[str, str]:
    """For a moved field both declarations read alike: say where each one lives."""
    path, new_path = f.facts.get("path"), f.facts.get("new_path")
    if path and new_path and path != new_path and "," not in str(path):
        return f"   /* .{path} */", f"   /* .{new_path} */"
    return "", ""


def _esc(text: str) -> str:
    """Keep text from the analysed repository inert: no raw HTML outside code spans, no
    `#123` issue links; code spans are left alone (Markdown shows them literally)."""
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(p if p.startswith("`") and p.endswith("`") and len(p) > 1 else
                   p.replace("<", "&lt;").replace(">", "&gt;").replace("#", "&#35;") for p in parts)
