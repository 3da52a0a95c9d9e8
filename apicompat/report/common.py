"""What the reporters share: grouping, labels, revision names."""
from __future__ import annotations

from itertools import groupby

from ..diff import catalogue
from ..diff.finding import SEVERITIES, Finding
from ..result import DiffResult

SEVERITY_TITLES = {
    "breaking": "Breaking: code that compiled against the old revision stops compiling",
    "abi": "ABI only: still compiles, but binaries built against the old revision break",
    "compatible": "Compatible: additions",
    "info": "Informational",
    "internal": "Internals: the library's private names and members (not counted in the verdict)",
}


def revision_label(rev, name: str = "") -> str:
    return f"{name} ({rev.short})" if name and name != rev.short else rev.short


def subject(f: Finding) -> str:
    """What a finding is grouped under: its record or enum, else the symbol itself."""
    if f.kind.startswith("enum_member_"):
        return f.facts.get("enum", f.symbol)
    if f.kind.startswith(("include_", "header_")):
        return f.facts.get("header", f.symbol)
    return f.symbol.split(".")[0].split(" ")[0]


def by_severity(findings: list[Finding]):
    """(severity, [(subject, [findings])]) worst first; families first within a severity;
    findings about internals last, as their own group ("internal")."""
    for severity in SEVERITIES + ("internal",):
        chosen = [f for f in findings if not f.internal and f.severity == severity] if severity != "internal" \
            else [f for f in findings if f.internal]
        if not chosen:
            continue
        chosen.sort(key=lambda f: (f.kind != "rename_family", subject(f), f.sort_key()))
        groups = [(key, list(items)) for key, items in
                  groupby(chosen, key=lambda f: "families" if f.kind == "rename_family" else subject(f))]
        yield severity, groups


def kind_title(kind_id: str) -> str:
    return catalogue.get(kind_id).title


def header_line(result: DiffResult) -> str:
    return (f"{result.repo} [{result.vcs}]: {revision_label(result.old, result.old_name)} -> "
            f"{revision_label(result.new, result.new_name)}")
