"""HTML report: one self-contained page a maintainer reads first.

Shaped like ABI Compliance Checker's report: the verdict in a banner, a
problem summary (counts by severity and by kind, each linking to its
section), then every finding with its old and new declarations side by side
and the difference marked token by token, then a legend made from the
catalogue.  CSS and a small filtering script are inline; the page loads
nothing from anywhere, and without JavaScript everything is visible.

Safety: every text from the analysed repository (declarations, messages,
paths, commit summaries) goes through jinja2's autoescape.  None of it is
placed inside the <script> element (the script reads data- attributes), and
a Content-Security-Policy admits that one script only, by its hash, so even
an escaping bug could not run a script smuggled in by a header.

This module only shapes data for templates/report.html.j2; it decides no
severity.
"""
from __future__ import annotations

import base64
import difflib
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

from .. import __version__
from ..diff import catalogue
from ..diff.finding import SEVERITIES, Finding, worst
from ..result import DiffResult
from .common import SEVERITY_TITLES, revision_label
from .safe_text import printable, scrub

# Report order of kinds within a severity: families first, then by area.
AREA_ORDER = ("families", "functions", "records", "enums", "typedefs", "variables", "macros", "headers")
SEVERITY_LABELS = {"breaking": "breaking", "abi": "ABI only", "compatible": "compatible", "info": "info",
                   "internal": "internal"}
SHIM_LABELS = {
    "mapped": "shim maps it",
    "listed": "shim names it (comment only)",
    "partial": "shim maps some members",
    "none": "not in shim",
}
URL_SCHEMES = ("", "http", "https", "file")   # a link template with any other scheme is ignored
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def render_html(result: DiffResult, shim_coverage: dict[str, str] | None = None,
                links: dict | None = None, consumer: list[dict] | None = None) -> str:
    """`result` as one self-contained HTML page.

    shim_coverage: symbol -> "mapped" | "listed", from the shim generator; adds a
    badge to every finding saying whether the compat shim covers it.
    links: optional URL templates, {"file_url": "https://host/blob/{rev}/{path}#L{line}",
    "rev_url": "https://host/commit/{rev}"} ({rev} full id, {short}, {path}, {line}).

    >>> html = render_html(diff_revisions(".", "v1.0", "v2.0", ExtractConfig()))
    """
    links = links or {}
    view = ReportView(scrub(result), shim_coverage, links, scrub(consumer) if consumer is not None else None)
    template = _environment().get_template("report.html.j2")
    script = _script()
    # Control characters from the repository are invalid in HTML and raw escapes on a terminal
    # (`diff --format html` without --out): shown as \x1b like everywhere else.
    return printable(template.render(
        r=view, script=Markup(script), script_hash=_sha256(script),
        severities=SEVERITIES, severity_titles=SEVERITY_TITLES, severity_labels=SEVERITY_LABELS,
        shim_labels=SHIM_LABELS, version=__version__,
    ), commands=True)


# ---------------------------------------------------------------- templates

@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("apicompat.report", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["code_spans"] = code_spans
    return env


def code_spans(text: str | None) -> Markup:
    """Escape `text`, showing its `backtick` spans (as catalogue sentences write them) as <code>.

    >>> code_spans("use `a<b>` now")
    Markup('use <code>a&lt;b&gt;</code> now')
    """
    parts = (text or "").split("`")
    if len(parts) % 2 == 0:          # unbalanced: no spans, just escaped text
        return Markup.escape(text or "")
    return Markup("").join(Markup("<code>{}</code>").format(p) if i % 2 else Markup.escape(p)
                           for i, p in enumerate(parts))


@lru_cache(maxsize=1)
def _script() -> str:
    """The page's only script: static text of ours, never repository text."""
    source, _, _ = _environment().loader.get_source(_environment(), "report.js")
    if "</" in source:
        raise ValueError("report.js must not contain '</' (it is inlined in a <script> element)")
    return source


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# ---------------------------------------------------------------- token diff

def decl_diff(old: str | None, new: str | None) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Old and new declaration as runs of (text, changed): removed tokens in the old,
    added tokens in the new.  With only one side, nothing is marked.

    >>> decl_diff("int f(int x)", "int f(int x, int y)")[1]
    [('int f(int x', False), (', int y', True), (')', False)]
    """
    if old is None or new is None:
        return ([(old, False)] if old else []), ([(new, False)] if new else [])
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    old_runs: list[tuple[str, bool]] = []
    new_runs: list[tuple[str, bool]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        _append(old_runs, "".join(a[i1:i2]), op != "equal")
        _append(new_runs, "".join(b[j1:j2]), op != "equal")
    return old_runs, new_runs


def _append(runs: list[tuple[str, bool]], text: str, changed: bool) -> None:
    """Add a run, merging it with the previous one of the same state; a changed run
    keeps surrounding whitespace unmarked so the marks hug the tokens."""
    if not text:
        return
    if changed:
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):] if text.strip() else ""
        core = text.strip()
        for piece, state in ((lead, False), (core, True), (trail, False)):
            if piece:
                _merge(runs, piece, state)
        return
    _merge(runs, text, False)


def _merge(runs: list[tuple[str, bool]], text: str, changed: bool) -> None:
    if runs and runs[-1][1] == changed:
        runs[-1] = (runs[-1][0] + text, changed)
    else:
        runs.append((text, changed))


# ---------------------------------------------------------------- view model

@dataclass
class Side:
    """One column of a finding's side-by-side declarations."""
    rev: str                       # revision label, e.g. "v1.0 (88ab831)"
    runs: list[tuple[str, bool]]   # the declaration as (text, changed) runs; empty: not declared
    where: str = ""                # file:line
    url: str | None = None
    name: str = ""                 # the member path on this side, when a field moved or was renamed


@dataclass
class FindingView:
    id: str
    finding: Finding
    title: str
    header: str                    # the file the finding is in, for the header filter
    old: Side
    new: Side
    shim: str | None = None        # a SHIM_LABELS key, when coverage is known
    members: list[dict] = field(default_factory=list)

    @property
    def confidence(self) -> str | None:
        c = self.finding.confidence
        return None if c is None else f"{c:.0%}"


@dataclass
class KindGroup:
    anchor: str
    kind: catalogue.Kind
    findings: list[FindingView]


@dataclass
class SeveritySection:
    severity: str
    groups: list[KindGroup]

    @property
    def count(self) -> int:
        return sum(len(g.findings) for g in self.groups)


class ReportView:
    """Everything the template shows, computed once from a DiffResult."""

    def __init__(self, result: DiffResult, shim_coverage: dict[str, str] | None, links: dict,
                 consumer: list[dict] | None = None):
        self.result = result
        self.links = links
        self.shim_coverage = shim_coverage
        self.old_label = revision_label(result.old, result.old_name)
        self.new_label = revision_label(result.new, result.new_name)
        self.counts = result.counts()
        self.accepted_count = sum(1 for f in result.findings if f.accepted)
        self.sections = self._sections()
        self.kind_rows = self._kind_rows()
        self.headers = sorted({v.header for s in self.sections for g in s.groups for v in g.findings if v.header})
        self.your_code = self._your_code(consumer) if consumer is not None else None

    def _your_code(self, sites: list[dict]) -> list[dict]:
        """The consumer's lines that use a finding (consumer/impact.py), each linked to its finding."""
        anchors = {(v.finding.kind, v.finding.symbol): v.id
                   for s in self.sections for g in s.groups for v in g.findings}
        rows = []
        for site in sorted(sites, key=lambda x: (x["file"], x["line"], x["column"])):
            rows.append({**site, "title": catalogue.get(site["kind"]).title,
                         "anchor": anchors.get((site["kind"], site["symbol"]))})
        return rows

    @property
    def present_severities(self) -> list[str]:
        return [s.severity for s in self.sections]

    # --- banner and revisions

    @property
    def verdict_class(self) -> str:
        return worst(f.severity for f in self.result.active) or "none"

    def revision(self, which: str) -> dict:
        rev = getattr(self.result, which)
        name = getattr(self.result, f"{which}_name") or rev.short
        return {"label": which, "name": name, "short": rev.short, "id": rev.id, "date": rev.date,
                "author": rev.author, "summary": rev.summary,
                "url": self._url("rev_url", rev=rev.id, short=rev.short)}

    # --- findings by severity, then kind

    def _sections(self) -> list[SeveritySection]:
        counter = iter(range(1, 1 << 30))
        sections = []
        for severity in SEVERITIES + ("internal",):     # internals last, apart (never counted)
            chosen = [f for f in self.result.findings if not f.internal and f.severity == severity] \
                if severity != "internal" else [f for f in self.result.findings if f.internal]
            if not chosen:
                continue
            by_kind: dict[str, list[Finding]] = {}
            for f in sorted(chosen, key=lambda f: f.sort_key()):
                by_kind.setdefault(f.kind, []).append(f)
            groups = [KindGroup(f"{severity}-{kind_id}", catalogue.get(kind_id),
                                [self._finding(f, f"f-{next(counter)}") for f in by_kind[kind_id]])
                      for kind_id in sorted(by_kind, key=_kind_order)]
            sections.append(SeveritySection(severity, groups))
        return sections

    def _finding(self, f: Finding, anchor: str) -> FindingView:
        old_runs, new_runs = decl_diff(f.old_decl, f.new_decl)
        view = FindingView(
            id=anchor, finding=f, title=catalogue.get(f.kind).title,
            header=f.loc.file if f.loc else "",
            old=self._side(self.result.old, self.old_label, old_runs, f.old_loc),
            new=self._side(self.result.new, self.new_label, new_runs, f.new_loc),
            shim=self._shim(f),
            members=[self._member(m) for m in f.members],
        )
        view.old.name, view.new.name = _member_paths(f)
        return view

    def _side(self, rev, label: str, runs, loc) -> Side:
        if loc is None:
            return Side(label, runs)
        url = self._url("file_url", rev=rev.id, short=rev.short, path=quote(loc.file), line=loc.line)
        return Side(label, runs, str(loc), url)

    def _member(self, m: Finding) -> dict:
        loc = m.new_loc or m.old_loc
        rev = self.result.new if m.new_loc else self.result.old
        url = loc and self._url("file_url", rev=rev.id, short=rev.short, path=quote(loc.file), line=loc.line)
        return {"old": m.facts.get("old_name", "?"), "new": m.symbol, "where": str(loc) if loc else "",
                "url": url, "shim": self._shim(m)}

    def _shim(self, f: Finding) -> str | None:
        """How the shim covers a finding: by its symbol or old name; a family by its members."""
        if self.shim_coverage is None:
            return None
        if f.members:
            states = [self._shim(m) for m in f.members]
            if all(s == "mapped" for s in states):
                return "mapped"
            return "partial" if any(s == "mapped" for s in states) else (
                "listed" if any(s == "listed" for s in states) else "none")
        for name in (f.symbol, f.facts.get("old_name"), f.facts.get("new_name")):
            if name and name in self.shim_coverage:
                return self.shim_coverage[name] if self.shim_coverage[name] in SHIM_LABELS else "listed"
        return "none"

    # --- summary and legend

    def _kind_rows(self) -> list[dict]:
        """One row per kind present, worst first: counts per severity (active), accepted,
        total, and the anchor of each severity's section of that kind."""
        rows: dict[str, dict] = {}
        for section in self.sections:
            if section.severity not in SEVERITIES:
                continue
            for group in section.groups:
                row = rows.setdefault(group.kind.id, {
                    "kind": group.kind, "anchor": group.anchor, "accepted": 0, "total": 0,
                    "by_severity": {s: (0, None) for s in SEVERITIES}})
                active = sum(1 for v in group.findings if not v.finding.accepted)
                row["by_severity"][section.severity] = (active, group.anchor)
                row["accepted"] += len(group.findings) - active
                row["total"] += len(group.findings)
        def worst_first(kind_id: str) -> tuple:
            present = [s for s, (n, anchor) in rows[kind_id]["by_severity"].items() if anchor]
            return (SEVERITIES.index(worst(present)), _kind_order(kind_id))
        return [rows[k] for k in sorted(rows, key=worst_first)]

    @property
    def shim_summary(self) -> dict | None:
        if self.shim_coverage is None:
            return None
        states = Counter(v.shim for s in self.sections for g in s.groups for v in g.findings
                         if v.finding.severity == "breaking" and not v.finding.accepted)
        return {"total": sum(states.values()), **{k: states.get(k, 0) for k in SHIM_LABELS}}

    @staticmethod
    def legend_text(kind: catalogue.Kind, template: str) -> str:
        """A catalogue sentence with its placeholders shown as <name>."""
        return kind.render(template, {})

    # --- links

    def _url(self, key: str, **values) -> str | None:
        template = self.links.get(key)
        if not template:
            return None
        url = string_format(template, values)
        return url if urlsplit(url).scheme.lower() in URL_SCHEMES else None


def _member_paths(f: Finding) -> tuple[str, str]:
    """`record.path` on each side when a single member changed its path (moved, renamed):
    the declarations alone (`char *kernel` twice) would not show the change."""
    facts = f.facts
    record, path, new_path = facts.get("record"), facts.get("path"), facts.get("new_path")
    if not (record and path and new_path) or path == new_path or f.kind == "record_fields_regrouped":
        return "", ""
    return f"{record}.{path}", f"{record}.{new_path}"


def string_format(template: str, values: dict) -> str:
    """`template` with {name} fields filled from `values`; unknown fields stay as written."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


def _kind_order(kind_id: str) -> tuple:
    area = catalogue.get(kind_id).area
    return (AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER), kind_id)
