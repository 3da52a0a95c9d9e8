"""JSON report: a documented, versioned schema (docs/json-schema.md)."""
from __future__ import annotations

import json

from .. import __version__
from ..diff import catalogue
from ..result import REPORT_SCHEMA_VERSION, DiffResult


def revision_dict(rev, name: str = "") -> dict:
    return {"id": rev.id, "short": rev.short, "name": name or rev.short, "author": rev.author,
            "date": rev.date, "summary": rev.summary}


def result_dict(result: DiffResult) -> dict:
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "apicompat", "version": __version__},
        "repository": {"path": result.repo, "vcs": result.vcs},
        "old": revision_dict(result.old, result.old_name),
        "new": revision_dict(result.new, result.new_name),
        "verdict": result.verdict,
        "complete": result.complete,
        "semver": result.semver,
        "soname_bump": result.semver == "major",
        "unread_headers": result.unread,
        "public_headers": result.public_headers,
        "exit_status": result.exit_status,
        "counts": result.counts(),
        "kinds": result.kind_counts(),
        "kind_catalogue": sorted(catalogue.load()),
        "findings": [_with_shim(f.to_dict(), result.shim_coverage) for f in result.listed],
        "listed_severities": list(result.shown),
        "problems": [vars(p) for p in result.problems],
    }


def render_json(result: DiffResult) -> str:
    return json.dumps(result_dict(result), indent=2, sort_keys=True) + "\n"


def _with_shim(data: dict, coverage: dict[str, str]) -> dict:
    """Whether the compat shim maps this finding ("mapped"/"listed"), when a shim was made."""
    if coverage:
        data["shim"] = coverage.get(data["symbol"])
    return data
