"""The HTML report: structure, escaping, and a real headless browser.

The structural tests parse the page built from the bundled example (libdemo
v1.0 -> v2.0).  The browser tests open it in Debian's headless Chromium
(scripts/install_browser.sh) and skip, saying why, when it is not installed.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from apicompat.api import diff_revisions
from apicompat.diff import catalogue
from apicompat.diff.finding import SEVERITIES, Finding
from apicompat.example import create_example
from apicompat.extract.config import ExtractConfig
from apicompat.model import Location
from apicompat.report import render
from apicompat.report.html import code_spans, decl_diff, render_html
from apicompat.result import DiffResult
from apicompat.vcs.create import Commit, build_repository

from browser.chromium import chromium, screenshot, unavailable_reason

REPO_ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = REPO_ROOT / "reports" / "html-report-screenshot.png"
FINDINGS_SCREENSHOT = REPO_ROOT / "reports" / "html-report-findings.png"
HOSTILE = "</script><script>document.title='PWNED';alert(1)</script>"
HOSTILE_PLAIN = "</script><script>alert(1)</script>"
HOSTILE_ATTR = "\"><img src=x onerror=alert(2)>"


# ---------------------------------------------------------------- fixtures and parsing

@pytest.fixture(scope="module")
def example(tmp_path_factory) -> DiffResult:
    path = tmp_path_factory.mktemp("libdemo") / "repo"
    create_example(path, "git")
    return diff_revisions(str(path), "v1.0", "v2.0", ExtractConfig(defines=["DEMO_TOOLS"]))


@pytest.fixture(scope="module")
def page(example) -> "Page":
    return Page(render_html(example))


class Page(HTMLParser):
    """The tags of a page, and each finding's (article's) attributes and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.tags: list[tuple[str, dict]] = []
        self.articles: dict[str, dict] = {}
        self.scripts: list[str] = []
        self._article: dict | None = None
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "article":
            self._article = {"attrs": attrs, "text": "", "html_start": self.getpos()}
            self.articles[attrs["id"]] = self._article
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "article":
            self._article = None
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._article is not None:
            self._article["text"] += data
        if self._in_script:
            self.scripts[-1] += data

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v
                                                             for k, v in attrs.items())]

    def article_html(self, article_id: str) -> str:
        start = self.html.index(f'id="{article_id}"')
        return self.html[start:self.html.index("</article>", start)]


def findings_by_symbol(result: DiffResult, symbol: str) -> Finding:
    return next(f for f in result.findings if f.symbol == symbol)


# ---------------------------------------------------------------- summary

def test_summary_counts_match_result(example, page):
    cells = dict(re.findall(r'data-severity-count="(\w+)">(\d+)<', page.html))
    assert {s: int(n) for s, n in cells.items()} == example.counts()
    assert list(cells) == list(SEVERITIES)


def test_kind_table_totals_match_result_and_use_catalogue_titles(example, page):
    totals = dict(re.findall(r'data-kind-total="(\w+)">(\d+)<', page.html))
    assert {k: int(n) for k, n in totals.items()} == example.kind_counts()
    for kind_id in example.kind_counts():
        row = page.html[page.html.index(f'data-kind-row="{kind_id}"'):]
        assert escape(catalogue.get(kind_id).title) in row[:row.index("</tr>")]


def test_kind_table_lists_worst_kinds_first(example, page):
    rows = re.findall(r'data-kind-row="(\w+)"', page.html)
    severities = [min(SEVERITIES.index(f.severity) for f in example.findings if f.kind == k) for k in rows]
    assert severities == sorted(severities)
    assert rows[0] == "rename_family"


def test_every_summary_link_reaches_a_section(page):
    ids = {a["id"] for _, a in page.tags if "id" in a}
    targets = {a["href"][1:] for a in page.find("a") if a.get("href", "").startswith("#")}
    assert targets and targets <= ids
    assert {"sev-breaking", "sev-abi", "sev-compatible"} <= targets
    assert "breaking-rename_family" in targets


def test_verdict_banner_is_coloured_by_the_worst_severity(example, page):
    banner = page.find("div", id="verdict")[0]
    assert "verdict-breaking" in banner["class"]
    assert escape(example.verdict) in page.html


def test_header_names_repository_and_both_revisions(example, page):
    title = re.search(r"<title>(.*?)</title>", page.html).group(1)
    assert "v1.0" in title and "v2.0" in title and escape(example.repo) in title
    for rev in (example.old, example.new):
        assert rev.short in page.html and escape(rev.summary) in page.html and rev.date in page.html


# ---------------------------------------------------------------- findings

def test_every_finding_is_one_article_with_its_symbol(example, page):
    assert len(page.articles) == len(example.findings)
    symbols = sorted(a["attrs"]["data-symbol"] for a in page.articles.values())
    assert symbols == sorted(f.symbol for f in example.findings)
    for a in page.articles.values():
        assert a["attrs"]["data-symbol"] in a["text"]


def test_findings_grouped_by_severity_worst_first(page):
    order = [a["attrs"]["data-severity"] for a in page.articles.values()]
    assert order == sorted(order, key=SEVERITIES.index)


def test_finding_shows_title_message_hint_and_both_locations(example, page):
    f = findings_by_symbol(example, "demo_init_create_info")
    article = next(a for a in page.articles.values() if a["attrs"]["data-symbol"] == f.symbol)
    for text in (catalogue.get(f.kind).title, f.message, f.hint, str(f.old_loc), str(f.new_loc)):
        assert text.replace("`", "") in article["text"]


def test_declarations_side_by_side_with_tokens_marked(example, page):
    f = findings_by_symbol(example, "demo_init_create_info")
    article_id = next(k for k, a in page.articles.items() if a["attrs"]["data-symbol"] == f.symbol)
    chunk = page.article_html(article_id)
    old_cell = re.search(r'<td class="old">(.*?)</td>', chunk, re.S).group(1)
    new_cell = re.search(r'<td class="new">(.*?)</td>', chunk, re.S).group(1)
    assert "<mark" not in old_cell                       # nothing was removed
    assert re.findall(r'<mark class="chg">(.*?)</mark>', new_cell) == ["demo_ctx *ctx,"]


def test_moved_field_shows_the_member_path_on_each_side(example, page):
    article_id = next(k for k, a in page.articles.items()
                      if a["attrs"]["data-symbol"] == "demo_build_info.kernel")
    chunk = page.article_html(article_id)
    assert '<code class="side-name">demo_build_info.kernel</code>' in chunk
    assert '<code class="side-name">demo_build_info.u.pv.kernel</code>' in chunk


def test_matches_show_confidence_and_evidence(example, page):
    for f in example.findings:
        if f.confidence is None:
            continue
        article = next(a for a in page.articles.values() if a["attrs"]["data-symbol"] == f.symbol
                       and a["attrs"]["data-kind"] == f.kind)
        assert f"{f.confidence:.0%} confidence" in article["text"]
        for e in f.evidence:
            assert e.replace("`", "") in article["text"]


def test_families_are_collapsed_with_their_members(example, page):
    families = [f for f in example.findings if f.kind == "rename_family"]
    assert len(families) == 2
    for f in families:
        article_id = next(k for k, a in page.articles.items() if a["attrs"]["data-symbol"] == f.symbol)
        chunk = page.article_html(article_id)
        assert '<details class="family">' in chunk          # closed: no `open`
        pairs = re.findall(r'class="old-name">(.*?)</code>.*?class="new-name">(.*?)</code>', chunk, re.S)
        assert pairs == [(m.facts["old_name"], m.symbol) for m in f.members]
        assert '<table class="decls">' not in chunk


def test_plain_locations_without_links(page):
    assert not [a for a in page.find("a") if not a.get("href", "").startswith("#")]


def test_links_from_templates(example):
    links = {"file_url": "https://src.example/{short}/{path}#L{line}", "rev_url": "https://src.example/c/{rev}"}
    html = render_html(example, links=links)
    f = findings_by_symbol(example, "demo_init_create_info")
    assert f'href="https://src.example/{example.new.short}/include/demo.h#L{f.new_loc.line}"' in html
    assert f'href="https://src.example/{example.old.short}/include/demo.h#L{f.old_loc.line}"' in html
    assert f'href="https://src.example/c/{example.old.id}"' in html
    assert f'href="https://src.example/c/{example.new.id}"' in html


def test_link_templates_with_other_schemes_are_ignored(example):
    html = render_html(example, links={"file_url": "javascript:alert('{path}')", "rev_url": "data:text/html,x"})
    assert "javascript:" not in html and "data:text" not in html


def test_link_paths_are_url_quoted(example):
    f = Finding("function_removed", "f", "breaking", "m", "h", old_decl="int f(void)",
                old_loc=Location('inc/a b"<x>.h', 3))
    html = render_html(replace(example, findings=[f]), links={"file_url": "https://h/{path}#L{line}"})
    assert 'href="https://h/inc/a%20b%22%3Cx%3E.h#L3"' in html


def test_shim_coverage_badges(example):
    coverage = {"demo_init_create_info": "mapped", "demo_ctx": "listed",
                **{m.symbol: "mapped" for f in example.findings if f.kind == "rename_family"
                   and f.symbol.startswith("*_destroy") for m in f.members}}
    page = Page(render_html(example, shim_coverage=coverage))
    shim = {a["attrs"]["data-symbol"]: a["attrs"]["data-shim"] for a in page.articles.values()}
    assert shim["demo_init_create_info"] == "mapped"
    assert shim["demo_ctx"] == "listed"
    assert shim["*_destroy -> *_dispose"] == "mapped"
    assert shim["* -> DEMO_*"] == "none"
    assert shim["demo_free_waiter"] == "none"
    assert "shim maps it" in page.html and "Compat shim: maps" in page.html


def test_no_shim_column_without_coverage(page):
    assert "data-shim" not in page.html and "Compat shim" not in page.html


def test_accepted_findings_are_greyed_with_their_reason(example):
    accepted = findings_by_symbol(example, "demo_free_waiter")
    findings = [replace(f, accepted="waiters are gone; we use events") if f is accepted else f
                for f in example.findings]
    result = replace(example, findings=findings)
    page = Page(render_html(result))
    article = next(a for a in page.articles.values() if a["attrs"]["data-symbol"] == "demo_free_waiter")
    assert "accepted" in article["attrs"]["class"].split()
    assert "Accepted: waiters are gone; we use events" in article["text"]
    cells = dict(re.findall(r'data-severity-count="(\w+)">(\d+)<', page.html))
    assert {s: int(n) for s, n in cells.items()} == result.counts()
    assert re.search(r"data-accepted-count>1<", page.html)


def test_legend_explains_severities_and_the_kinds_present(example, page):
    legend = page.html[page.html.index('<section id="legend">'):]
    for kind_id in example.kind_counts():
        assert f'id="legend-{kind_id}"' in legend
        assert escape(catalogue.get(kind_id).title) in legend
    absent = set(catalogue.load()) - set(example.kind_counts())
    assert not [k for k in absent if f'id="legend-{k}"' in legend]
    for s in SEVERITIES:
        assert f'<span class="badge sev-{s}">' in legend


def test_no_api_change_renders(example):
    html = render_html(replace(example, findings=[]))
    assert "No API change" in html and "verdict-none" in html


def test_problems_are_listed(example):
    from apicompat.model import Problem
    html = render_html(replace(example, problems=[Problem("include/x.h", 4, "syntax error <here>")]))
    assert "include/x.h:4" in html and "syntax error &lt;here&gt;" in html


def test_dispatcher_renders_html(example):
    assert render(example, "html") == render_html(example)


# ---------------------------------------------------------------- self-contained and inert

def test_page_is_self_contained(page):
    assert not page.find("link") and not page.find("img") and not page.find("iframe")
    assert not [a for t, a in page.tags if "src" in a]
    assert "@import" not in page.html and "url(" not in page.html
    assert len(page.find("script")) == 1 and not page.find("script")[0]


def test_filters_are_hidden_without_javascript(page):
    form = page.find("form", id="filters")[0]
    assert "hidden" in form
    for article in page.articles.values():
        assert "hidden" not in article["attrs"]


def test_content_security_policy_admits_only_our_script(page):
    csp = page.find("meta", http_equiv="Content-Security-Policy")[0]["content"]
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_script_holds_no_repository_text(example, page):
    static = (Path(__file__).resolve().parent.parent / "apicompat/report/templates/report.js").read_text()
    assert page.scripts == [static]


def hostile_result(example) -> DiffResult:
    """The example, with repository text that tries to break out of the page everywhere."""
    evil = Finding("function_param_added", HOSTILE_ATTR, "breaking", f"message {HOSTILE}",
                   f"hint {HOSTILE_PLAIN}", old_decl=f"/* {HOSTILE} */ int f(void)",
                   new_decl=f"int f(const char *s /* {HOSTILE_ATTR} */)",
                   old_loc=Location(f"include/{HOSTILE_ATTR}.h", 1), new_loc=Location(f"inc/{HOSTILE}.h", 2),
                   confidence=0.5, evidence=[HOSTILE], facts={"old_name": HOSTILE},
                   accepted=None)
    family = Finding("rename_family", HOSTILE, "breaking", HOSTILE, HOSTILE,
                     members=[Finding("function_renamed", HOSTILE_ATTR, "breaking", "m", "h",
                                      facts={"old_name": HOSTILE})])
    return replace(example, repo=f"/tmp/{HOSTILE}", findings=[evil, family] + example.findings,
                   old=replace(example.old, summary=HOSTILE, author=HOSTILE_ATTR),
                   new_name=HOSTILE_ATTR)


def test_hostile_repository_text_is_escaped(example):
    html = render_html(hostile_result(example), shim_coverage={HOSTILE: "mapped"},
                       links={"file_url": "https://h/{path}#L{line}"})
    page = Page(html)
    assert len(page.find("script")) == 1 and not page.find("img")
    assert "alert(" not in page.scripts[0]
    assert HOSTILE not in html and HOSTILE_PLAIN not in html and "<img" not in html
    assert escape(HOSTILE) in html                       # &lt;/script&gt;... as jinja2 writes it
    assert HOSTILE in "".join(a["text"] for a in page.articles.values())   # shown as text
    symbols = [a["attrs"]["data-symbol"] for a in page.articles.values()]
    assert HOSTILE_ATTR in symbols                       # attribute value intact, not broken out of


# ---------------------------------------------------------------- helpers

def test_decl_diff_marks_removed_and_added_tokens():
    old, new = decl_diff("void f(int a, char *b)", "int f(int a, const char *b)")
    assert [t for t, changed in old if changed] == ["void"]
    assert [t for t, changed in new if changed] == ["int", "const"]
    assert "".join(t for t, _ in old) == "void f(int a, char *b)"
    assert "".join(t for t, _ in new) == "int f(int a, const char *b)"


def test_decl_diff_one_side_marks_nothing():
    assert decl_diff("int f(void)", None) == ([("int f(void)", False)], [])
    assert decl_diff(None, "int g;") == ([], [("int g;", False)])


def test_code_spans_escape_and_mark_code():
    assert code_spans("use `a<b>` not <i>") == "use <code>a&lt;b&gt;</code> not &lt;i&gt;"
    assert code_spans("odd ` tick <x>") == "odd ` tick &lt;x&gt;"


# ---------------------------------------------------------------- in a real browser

needs_browser = pytest.mark.skipif(unavailable_reason() is not None,
                                   reason=f"headless browser test: {unavailable_reason()}")


@pytest.fixture(scope="module")
def browser():
    if unavailable_reason():
        pytest.skip(f"headless browser test: {unavailable_reason()}")
    with chromium() as driver:
        yield driver


VISIBLE = """return Array.prototype.slice.call(document.querySelectorAll('article.finding'))
  .filter(function (a) { return a.offsetParent !== null; })
  .map(function (a) { return [a.id, a.getAttribute('data-severity'), a.getAttribute('data-symbol')]; });"""


def open_report(driver, path: Path, html: str) -> None:
    path.write_text(html, encoding="utf-8")
    driver.get(path.as_uri())


def choose(driver, select_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element("id", select_id)).select_by_value(value)


def search(driver, text: str) -> None:
    box = driver.find_element("id", "filter-search")
    box.clear()
    box.send_keys(text)


def reset(driver) -> None:
    """Press Reset and wait for its handler: it runs from a timeout, after the
    form's values are back, so a script run at once may still see the old filter."""
    from selenium.webdriver.support.ui import WebDriverWait
    driver.find_element("id", "filter-reset").click()
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "var m = /^(\\d+) of (\\d+) /.exec(document.getElementById('filter-status').textContent);"
        " return m !== null && m[1] === m[2];"))


def text_of(f: Finding) -> str:
    parts = [f.symbol, f.message, f.hint, f.old_decl or "", f.new_decl or "", *f.evidence,
             *(m.facts.get("old_name", "") + " " + m.symbol for m in f.members)]
    return " ".join(parts).replace("`", "").lower()


@needs_browser
def test_browser_filters_by_severity_kind_header_and_search(browser, example, tmp_path):
    open_report(browser, tmp_path / "report.html", render_html(example))
    everything = browser.execute_script(VISIBLE)
    assert len(everything) == len(example.findings)
    status = browser.find_element("id", "filter-status")
    assert status.text == f"{len(example.findings)} of {len(example.findings)} findings shown"

    choose(browser, "filter-severity", "breaking")
    visible = browser.execute_script(VISIBLE)
    assert {sev for _, sev, _ in visible} == {"breaking"}
    assert len(visible) == sum(1 for f in example.findings if f.severity == "breaking")
    assert not browser.find_element("id", "sev-compatible").is_displayed()
    assert browser.find_element("css selector", "#sev-breaking > h2 > .count").text == str(len(visible))


    choose(browser, "filter-kind", "function_removed")
    visible = browser.execute_script(VISIBLE)
    assert sorted(s for _, _, s in visible) == sorted(f.symbol for f in example.findings
                                                     if f.kind == "function_removed")

    reset(browser)
    choose(browser, "filter-header", "include/demo_tools.h")
    visible = browser.execute_script(VISIBLE)
    assert sorted(s for _, _, s in visible) == sorted(f.symbol for f in example.findings
                                                     if f.loc and f.loc.file == "include/demo_tools.h")

    reset(browser)
    search(browser, "demo_free_waiter")
    visible = browser.execute_script(VISIBLE)
    assert sorted(s for _, _, s in visible) == sorted(f.symbol for f in example.findings
                                                     if "demo_free_waiter" in text_of(f))
    assert "demo_free_waiter" in [s for _, _, s in visible]

    reset(browser)
    search(browser, "DISK_FORMAT_QCOW2")        # a family member: the family shows, opened
    visible = browser.execute_script(VISIBLE)
    assert [s for _, _, s in visible] == ["* -> DEMO_*"]
    assert browser.find_element("css selector", "#breaking-rename_family > h3 > .count").text == "1 of 2"
    assert browser.execute_script("return document.querySelector('.finding:not([hidden]) details').open")

    reset(browser)
    assert len(browser.execute_script(VISIBLE)) == len(example.findings)


@needs_browser
def test_browser_screenshot(browser, example, tmp_path):
    shim = {m.symbol: "mapped" for f in example.findings if f.kind == "rename_family" for m in f.members}
    open_report(browser, tmp_path / "report.html", render_html(example, shim_coverage=shim))
    browser.set_window_size(1280, 1600)
    shots = [screenshot(browser, SCREENSHOT, full_page=False)]
    choose(browser, "filter-severity", "breaking")     # then the findings, filtered
    search(browser, "destroy")
    browser.execute_script("document.getElementById('findings').scrollIntoView()")
    shots.append(screenshot(browser, FINDINGS_SCREENSHOT, full_page=False))
    for shot in shots:
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


@needs_browser
def test_browser_runs_no_script_from_a_hostile_repository(browser, example, tmp_path):
    # Hostile text through the real pipeline: a commit message, a comment and a macro value.
    repo = tmp_path / "hostile"
    build_repository("git", repo, [
        Commit("first", {"include/a.h": "int f(int x);\n"}, tag="r1"),
        Commit(f"second {HOSTILE}", {"include/a.h": f"/* {HOSTILE} */\n#define EVIL \"{HOSTILE}\"\n"
                                                     f"int f(int x, int y); /* {HOSTILE_PLAIN} */\n"}, tag="r2"),
    ])
    piped = diff_revisions(str(repo), "r1", "r2", ExtractConfig())
    assert any(HOSTILE in (f.new_decl or "") for f in piped.findings)
    crafted = hostile_result(example)
    for name, result in (("piped", piped), ("crafted", crafted)):
        html = render_html(result, shim_coverage={}, links={"file_url": "https://h/{path}#L{line}"})
        expected_title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        open_report(browser, tmp_path / f"{name}.html", html)
        assert browser.execute_script("return window.__dialogs") == []
        assert browser.execute_script("return document.title") != "PWNED"
        assert browser.execute_script("return document.title") == unescape(expected_title)
        assert browser.execute_script("return document.querySelectorAll('script').length") == 1
        assert browser.execute_script("return document.querySelectorAll('img').length") == 0
        assert HOSTILE in browser.find_element("tag name", "body").text
        # our own script still ran: the filters are shown and count the findings
        assert browser.find_element("id", "filter-status").text.endswith("findings shown")


@needs_browser
def test_browser_probe_catches_a_script_that_does_run(browser, tmp_path):
    """Control: the same checks fail on a page that does run the hostile script."""
    open_report(browser, tmp_path / "unsafe.html",
                f"<!DOCTYPE html><title>safe</title><pre>{HOSTILE}</pre>")    # what no escaping would give
    assert browser.execute_script("return document.title") == "PWNED"
    assert browser.execute_script("return window.__dialogs") == ["alert:1"]
