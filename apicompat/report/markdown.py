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
from .safe_text import printable

COMMENT_LIMIT = 60_000   # characters, with room for what a CI job wraps around it


def render_markdown(result: DiffResult, limit: int = COMMENT_LIMIT) -> str:
    """The report as GitHub-flavoured Markdown (repository text kept inert)."""
    name = Path(result.repo).name
    head = [f"### API changes in {_code(name)}: {_esc(revision_label(result.old, result.old_name))} → "
            f"{_esc(revision_label(result.new, result.new_name))}", "", f"**Verdict:** {result.verdict}", "",
            "| severity | findings |", "|---|---:|"]
    head += [f"| {s} | {n} |" for s, n in result.counts().items()]
    head.append("")
    for problem in result.problems:
        head.append(f"> :warning: could not read {_code(problem.file)}: {_esc(problem.message)}")
    body, left_out = [], 0
    size = sum(len(line) + 1 for line in head) + 400    # room for the closing note
    for severity, groups in by_severity(result.listed):
        count = sum(len(items) for _, items in groups)
        section = [f"<details{' open' if severity == 'breaking' else ''}>",
                   f"<summary><b>{SEVERITY_TITLES[severity]}</b> ({count})</summary>", ""]
        for key, items in groups:
            heading = [f"#### {_code(key)}"]
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
    where = f" — {_code(f.loc)}" if f.loc else ""
    where += f" — shim: {shim}" if shim else ""
    conf = f" (confidence {f.confidence:.2f})" if f.confidence is not None else ""
    lines = [f"- **{kind_title(f.kind)}**: {_code(f.symbol)}{where}{conf}"
             + (f" — *accepted: {_esc(f.accepted)}*" if f.accepted else ""),
             f"  {_esc(f.message)}"]
    if f.members:
        lines.append("  " + ", ".join(f"{_code(m.facts.get('old_name', '?'))} → {_code(m.symbol)}" for m in f.members))
    elif f.old_decl or f.new_decl:
        old_at, new_at = _paths(f)
        block = ([f"  - {printable(f.old_decl)}{old_at}"] if f.old_decl else []) + \
            ([f"  + {printable(f.new_decl)}{new_at}"] if f.new_decl else [])
        fence = _fence_for(block)
        lines += [f"  {fence}diff", *block, f"  {fence}"]
    lines.append(f"  *Fix:* {_esc(f.hint)}")
    return lines


def _paths(f: Finding) -> tuple[str, str]:
    """For a moved field both declarations read alike: say where each one lives."""
    path, new_path = f.facts.get("path"), f.facts.get("new_path")
    if path and new_path and path != new_path and "," not in str(path):
        return f"   /* .{path} */", f"   /* .{new_path} */"
    return "", ""


# GitHub links `#123` and `@name` in rendered text, entities decoded first, so `&#35;` is no
# defence: a word joiner (U+2060, invisible) after the sign breaks the link and keeps the look.
_JOIN = "\u2060"


def _esc(text: str) -> str:
    """Keep text from the analysed repository inert: no raw HTML outside code spans, no
    `#123` issue links, `@name` mentions or `[text](link)`; code spans are left alone
    (Markdown shows them literally)."""
    parts = re.split(r"(`[^`]*`)", printable(text).replace("\n", " "))
    return "".join(p if p.startswith("`") and p.endswith("`") and len(p) > 1 else
                   p.replace("#", "#" + _JOIN).replace("@", "@" + _JOIN)
                   .replace("<", "&lt;").replace(">", "&gt;").replace("[", "&#91;") for p in parts)


def _code(text: str) -> str:
    """`text` as one inline code span, whatever backticks it holds (CommonMark: a fence longer
    than any run of backticks inside, padded when the text starts or ends with one)."""
    text = printable(str(text)).replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _fence_for(lines: list[str]) -> str:
    """A code block fence no line of the block can close."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)
