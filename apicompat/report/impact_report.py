"""Render an impact: the consumer's lines that use something that changed, by file, with the fix."""
from __future__ import annotations

import json
from itertools import groupby

from ..result import DiffResult
from .common import header_line, kind_title
from .safe_text import printable


def render_impact(impact, result: DiffResult, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps({"verdict": result.verdict, "exit_status": result.exit_status,
                           "complete": result.complete, "unread_headers": result.unread,
                           "sites": [s.to_dict() for s in impact.sites],
                           "findings_used": len(impact.used), "unread_sources": impact.unread,
                           "check": impact.check}, indent=2, sort_keys=True) + "\n"
    lines = []
    if not result.complete:
        lines.append(f"! INCOMPLETE: {result.incomplete_note.split(': ', 1)[1]}; uses of what was not read "
                     "are not listed")
    lines += [header_line(result),
              f"Your code: {len(impact.sites)} use(s) of {len(impact.used)} changed declaration(s); "
              f"verdict for what you use: {result.verdict}", ""]
    for file, reason in sorted(impact.unread.items()):
        lines.append(f"! could not read {file}: {reason}")
    for file, sites in groupby(impact.sites, key=lambda s: s.use.file):
        lines.append(file)
        for s in sites:
            f = s.finding
            lines.append(f"  {s.use.line}:{s.use.column}: {f.severity}: {kind_title(f.kind)}: {f.symbol}"
                         f" (uses {s.use.name})")
            lines.append(f"      fix: {f.hint}")
        lines.append("")
    if impact.check and impact.check.get("withheld"):
        lines.append(f"Compiled: no errors shown: {impact.check['withheld']}")
    elif impact.check:
        c = impact.check
        lines.append(f"Compiled: {c['old_errors']} error(s) against the old revision, {c['new_errors']} against "
                     f"the new on {c['new_error_lines']} line(s); impact named {c['predicted_lines']} of those lines.")
        for e in c["unpredicted"][:40]:
            lines.append(f"  not predicted: {e['file']}:{e['line']}: {e['message']}")
    return printable("\n".join(lines).rstrip() + "\n")
