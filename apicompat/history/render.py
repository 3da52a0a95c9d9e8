"""Text and JSON for the history commands (log, bisect, timeline); HTML is timeline.py's.

Renderers only shape what the library found; none decides anything.
"""
from __future__ import annotations

import json
import textwrap

from .. import __version__
from ..diff.finding import SEVERITIES, Finding
from ..report.common import kind_title
from ..vcs.base import Revision
from .bisect import BisectResult
from .log import LogResult
from .steps import Step
from .timeline import TOP, TimelineResult

HISTORY_SCHEMA_VERSION = 1


# -- pieces ------------------------------------------------------------------------

def revision_dict(rev: Revision | None) -> dict | None:
    if rev is None:
        return None
    return {"id": rev.id, "short": rev.short, "author": rev.author, "date": rev.date,
            "summary": rev.summary, "parents": list(rev.parents)}


def _finding_lines(f: Finding, indent: str = "    ") -> list[str]:
    where = f" ({f.loc})" if f.loc else ""
    accepted = f" (accepted: {f.accepted})" if f.accepted else ""
    lines = [f"{indent}{kind_title(f.kind)} [{f.severity}]: {f.symbol}{where}{accepted}",
             f"{indent}  {f.message}"]
    if f.old_decl:
        lines.append(f"{indent}  old: {f.old_decl}")
    if f.new_decl:
        lines.append(f"{indent}  new: {f.new_decl}")
    return lines


def _revision_head(rev: Revision, note: str = "") -> list[str]:
    return [f"{rev.short}  {rev.date[:10]}  {rev.author}{note}", f"    {rev.summary}"]


def _failed_lines(failed: list[Step]) -> list[str]:
    return [f"! could not read the API at {s.rev.short} ({s.rev.summary}): {s.failed}" for s in failed]


def _uncertain(step: Step) -> str:
    if step.uncertain_since is None:
        return ""
    return (f"    (the API could not be read in full from {step.uncertain_since.short} on: "
            "this change may have happened at any revision since then)")


def _envelope(command: str, repo: str, vcs: str) -> dict:
    return {"schema_version": HISTORY_SCHEMA_VERSION, "tool": {"name": "apicompat", "version": __version__},
            "command": command, "repository": {"path": repo, "vcs": vcs}}


def _range_dict(span) -> dict:
    return {"text": span.text, "old": revision_dict(span.old), "new": revision_dict(span.new),
            "root": revision_dict(span.root)}


# -- log -------------------------------------------------------------------------------

def render_log(result: LogResult, fmt: str = "text") -> str:
    if fmt == "json":
        data = _envelope("log", result.repo, result.vcs)
        data.update({
            "symbol": result.symbol, "names": result.names, "range": _range_dict(result.span),
            "first_parent": result.first_parent, "walked": result.walked, "found": result.found,
            "present_at_end": result.present_at_end,
            "entries": [{"revision": revision_dict(e.step.rev), "compared_with": list(e.step.bases),
                         "merge": e.step.is_merge,
                         "uncertain_since": revision_dict(e.step.uncertain_since),
                         "findings": [f.to_dict() for f in e.findings]} for e in result.entries],
            "unreadable": [{"revision": revision_dict(s.rev), "message": s.failed} for s in result.failed],
            "notes": result.notes,
        })
        return json.dumps(data, indent=2, sort_keys=True, default=str) + "\n"
    aliases = [n for n in result.names if n != result.symbol]
    head = (f"{result.symbol} in {result.span.describe()} [{result.vcs}]: {len(result.entries)} revision(s) "
            f"changed it, of {result.walked} touching the API's inputs"
            + (" (first-parent line)" if result.first_parent else ""))
    lines = [head]
    if aliases:
        lines.append(f"also known as: {', '.join(aliases)}")
    lines += result.notes + _failed_lines(result.failed)
    if not result.entries:
        lines.append(f"{result.symbol} did not change in this range" if result.found else
                     f"{result.symbol} is not declared anywhere in this range")
    for entry in result.entries:
        lines.append("")
        lines += _revision_head(entry.step.rev, " (merge)" if entry.step.is_merge else "")
        if entry.step.uncertain_since:
            lines.append(_uncertain(entry.step))
        for f in entry.findings:
            lines += _finding_lines(f)
    return "\n".join(lines) + "\n"


# -- bisect ------------------------------------------------------------------------------

def render_bisect(result: BisectResult, fmt: str = "text") -> str:
    if fmt == "json":
        data = _envelope("bisect", result.repo, result.vcs)
        data.update({
            "symbol": result.symbol, "event": result.event, "range": _range_dict(result.span),
            "walked": result.walked, "method": result.method, "found": revision_dict(result.found),
            "compared_with": revision_dict(result.before),
            "findings": [f.to_dict() for f in result.findings],
            "merged": [revision_dict(r) for r in result.merged],
            "merged_findings": [f.to_dict() for f in result.merged_findings],
            "culprit": revision_dict(result.culprit), "came_back": revision_dict(result.came_back),
            "unknown_between": result.unknown_between, "reason": result.reason or None,
            "models_read": result.models_read, "notes": result.notes,
            "description": result.culprit.description if result.culprit else None,
        })
        return json.dumps(data, indent=2, sort_keys=True, default=str) + "\n"
    lines = list(result.notes)
    if result.found is None:
        lines.append(f"not found: {result.reason}")
        return "\n".join(lines) + "\n"
    found = result.found
    lines.append(f"{result.symbol} was {_verb(result.event)} in {found.short}: {found.summary}")
    lines.append(f"  ({result.method} over the {result.walked} revision(s) of {result.span.describe()} on the "
                 f"first-parent line that touch the API's inputs; {result.models_read} read)")
    if result.unknown_between:
        lines.append(f"  {result.unknown_between} revision(s) between {result.before.short} and {found.short} "
                     "could not be read: the change is in one of them or in "
                     f"{found.short}")
    lines.append("")
    lines += _commit(found)
    if result.findings:
        lines += ["", "Change:"] + [l for f in result.findings for l in _finding_lines(f)]
    for rev in result.merged:
        lines += ["", f"{found.short} is a merge; the change came from the merged branch, in {rev.short}:", ""]
        lines += _commit(rev)
    if result.merged and result.merged_findings:
        lines += ["", "Change (on the branch):"] + [l for f in result.merged_findings for l in _finding_lines(f)]
    if result.came_back:
        again = "added again" if result.event in ("removed", "renamed") else "removed again"
        lines += ["", f"Note: {result.symbol} came back later: {again} in {result.came_back.short} "
                      f"({result.came_back.summary})"]
    return "\n".join(lines) + "\n"


def _verb(event: str) -> str:
    return {"removed": "removed", "added": "added", "renamed": "renamed", "changed": "first changed"}[event]


def _commit(rev: Revision) -> list[str]:
    lines = [f"revision {rev.id}"]
    if len(rev.parents) > 1:
        lines.append("Merge:  " + " ".join(p[:12] for p in rev.parents))
    lines += [f"Author: {rev.author}", f"Date:   {rev.date}", ""]
    description = rev.description or rev.summary
    lines += [textwrap.indent(line, "    ") if line else "" for line in description.splitlines()]
    return lines


# -- timeline -------------------------------------------------------------------------------

def render_timeline(result: TimelineResult, fmt: str = "text", top: int = TOP) -> str:
    if fmt == "json":
        data = _envelope("timeline", result.repo, result.vcs)
        data.update({
            "range": _range_dict(result.span), "first_parent": result.first_parent, "walked": result.walked,
            "totals": result.totals(),
            "entries": [{"revision": revision_dict(e.step.rev), "compared_with": revision_dict(e.base),
                         "merge": e.step.is_merge, "counts": e.counts,
                         "uncertain_since": revision_dict(e.step.uncertain_since),
                         "top": [f.to_dict() for f in e.top(top)], "total": len(e.findings)}
                        for e in result.entries],
            "unreadable": [{"revision": revision_dict(s.rev), "message": s.failed} for s in result.failed],
            "notes": result.notes,
        })
        return json.dumps(data, indent=2, sort_keys=True, default=str) + "\n"
    totals = result.totals()
    lines = [f"API timeline {result.span.describe()} [{result.vcs}]: {len(result.entries)} of {result.walked} "
             f"revision(s) touching the API's inputs change it"
             + (" (first-parent line)" if result.first_parent else ""),
             "Totals: " + ", ".join(f"{s} {totals[s]}" for s in SEVERITIES)]
    lines += result.notes + _failed_lines(result.failed)
    for entry in result.entries:
        counts = entry.counts
        lines.append("")
        lines.append(f"{entry.step.rev.short}  {entry.step.rev.date[:10]}  "
                     + "  ".join(f"{s} {counts[s]}" for s in SEVERITIES if counts[s])
                     + ("  (merge)" if entry.step.is_merge else ""))
        lines.append(f"    {entry.step.rev.summary}")
        if entry.step.uncertain_since:
            lines.append(_uncertain(entry.step))
        for f in entry.top(top):
            lines.append(f"    - {f.severity}: {kind_title(f.kind)}: {f.symbol}")
        if len(entry.findings) > top:
            lines.append(f"    ... and {len(entry.findings) - top} more")
    return "\n".join(lines) + "\n"
