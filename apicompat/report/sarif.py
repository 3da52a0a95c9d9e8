"""SARIF 2.1.0: findings as code-scanning results, each at its header line.

Code-scanning services (GitHub, GitLab, Azure DevOps) read this format and
annotate the pull request's header lines.  One rule per change kind (from
the catalogue); breaking findings are errors, ABI-only warnings, the rest
notes; acknowledged findings carry a suppression with their reason;
internals are notes whatever their kind.
"""
from __future__ import annotations

import json

from .. import __version__
from ..diff import catalogue
from ..result import DiffResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"breaking": "error", "abi": "warning", "compatible": "note", "info": "note"}


def render_sarif(result: DiffResult) -> str:
    kinds = sorted({f.kind for f in result.listed})
    rules = [_rule(catalogue.get(k)) for k in kinds]
    index = {k: i for i, k in enumerate(kinds)}
    results = [_result(f, index) for f in result.listed]
    notifications = [{"level": "warning", "message": {"text": f"could not read {p.file}: {p.message}"},
                      "locations": [_location(p.file, p.line)]} for p in result.problems]
    run = {
        "tool": {"driver": {"name": "apicompat", "version": __version__, "semanticVersion": __version__,
                            "informationUri": "https://github.com/apicompat/apicompat", "rules": rules}},
        "results": results,
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "properties": {"verdict": result.verdict, "complete": result.complete,
                       "old": result.old.id, "new": result.new.id},
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, sort_keys=True) + "\n"


def _rule(kind) -> dict:
    return {"id": kind.id, "name": "".join(w.title() for w in kind.id.split("_")),
            "shortDescription": {"text": kind.title},
            "fullDescription": {"text": kind.explanation.replace("{", "").replace("}", "")},
            "defaultConfiguration": {"level": LEVELS[kind.severity]},
            "properties": {"area": kind.area, "severity": kind.severity}}


def _result(f, index: dict) -> dict:
    loc = f.loc
    text = f"{f.message} Fix: {f.hint}" if f.hint else f.message
    entry = {"ruleId": f.kind, "ruleIndex": index[f.kind],
             "level": "note" if f.internal else LEVELS[f.severity],
             "message": {"text": text},
             "properties": {"symbol": f.symbol, "severity": f.severity, "internal": bool(f.internal)}}
    if loc is not None:
        entry["locations"] = [_location(loc.file, loc.line)]
    if f.accepted:
        entry["suppressions"] = [{"kind": "external", "justification": f.accepted}]
    return entry


def _location(file: str, line: int | None) -> dict:
    physical = {"artifactLocation": {"uri": file}}
    if line:
        physical["region"] = {"startLine": int(line)}
    return {"physicalLocation": physical}
