"""`apicompat timeline`: per revision, what changed in the API; text, JSON and a self-contained HTML page."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from apicompat.history import api_timeline, write_timeline_html
from apicompat.history.render import render_timeline
from apicompat.vcs.create import Commit, build_repository
from test_history_support import (generated, generated_settings, history_cache, linear, merged,  # noqa: F401
                                  plain_settings, unreadable)


def tags(result, ids):
    tag = {v: k for k, v in ids.items()}
    return [tag[e.step.rev.id] for e in result.entries]


def test_linear_timeline(linear):
    path, ids = linear
    result = api_timeline(path, None, plain_settings())
    assert tags(result, ids) == ["r1", "r2", "r3", "r4", "r7"]      # r5: a comment; r6: not an input
    assert result.walked == 6
    counts = {t: e.counts for t, e in zip(tags(result, ids), result.entries)}
    assert counts["r2"]["breaking"] == 2          # lib_read's buffer type, lib_build_info.hvm's type
    assert counts["r4"]["breaking"] >= 2 and counts["r7"]["breaking"] == 0
    top = result.entries[3].top(2)
    assert [f.severity for f in top] == ["breaking", "breaking"]


def test_range_and_totals(linear):
    path, ids = linear
    result = api_timeline(path, "r3..r7", plain_settings())
    assert tags(result, ids) == ["r4", "r7"]
    assert sum(result.totals().values()) == sum(len(e.findings) for e in result.entries)


def test_merged_full_history_and_first_parent(merged):
    path, ids = merged
    assert tags(api_timeline(path, None, plain_settings()), ids) == ["c0", "c1", "c2", "c3", "c5", "c6", "c7", "c8"]
    assert tags(api_timeline(path, None, plain_settings(), first_parent=True), ids) == [
        "c0", "c1", "c4", "c5", "c7", "c8"]


def test_generated_inputs_are_walked(generated):
    """r2 changes no header, only the generator's input: it is walked, and it breaks the API."""
    path, ids = generated
    result = api_timeline(path, None, generated_settings())
    assert tags(result, ids) == ["r1", "r2", "r3"]
    assert result.entries[1].counts["breaking"] == 1


def test_text_and_json(linear):
    path, ids = linear
    result = api_timeline(path, "r1..r4", plain_settings())
    text = render_timeline(result, "text", top=1)
    assert re.search(rf"^{ids['r4'][:7]}\w*  \d{{4}}-\d\d-\d\d  breaking \d", text, re.M)
    assert "... and" in text
    data = json.loads(render_timeline(result, "json", top=1))
    assert [e["revision"]["id"] for e in data["entries"]] == [ids["r2"], ids["r3"], ids["r4"]]
    assert data["entries"][0]["compared_with"]["id"] == ids["r1"]
    assert all(len(e["top"]) == 1 for e in data["entries"])
    assert data["range"]["old"]["id"] == ids["r1"] and data["command"] == "timeline"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.svg_links, self.scripts, self.in_svg = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.in_svg = True
        if tag == "script":
            self.scripts += 1
        if tag == "a" and "href" in attrs:
            (self.svg_links if self.in_svg else self.links).append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg = False


def test_html_page_links_each_bar_to_its_report(linear, tmp_path):
    path, ids = linear
    result = api_timeline(path, None, plain_settings())
    index = write_timeline_html(result, tmp_path / "tl")
    page = _Page()
    page.feed(index.read_text())
    assert page.scripts == 0
    assert len(page.svg_links) == len(result.entries) == 5
    for href in page.svg_links + page.links:
        report = index.parent / href
        assert report.is_file(), href
        assert "<html" in report.read_text()[:200]
    assert page.svg_links[3] == f"revs/{result.entries[3].step.rev.short}.html"
    assert "default-src 'none'" in index.read_text()
    r4 = (index.parent / page.svg_links[3]).read_text()
    assert "lib_waiter" in r4 and "linear r4" in r4


def test_html_escapes_repository_text(tmp_path, vcs, history_cache):
    evil = "<script>alert('x')</script> & \"quoted\""
    dest = tmp_path / "repo"
    build_repository(vcs, dest, [Commit("first", {"include/a.h": "int a(void);\n"}),
                                 Commit(evil, {"include/a.h": "int a(int);\n"}, author="Mallory &amp; <b>co</b> <m@x>")])
    result = api_timeline(str(dest), None, plain_settings())
    index = write_timeline_html(result, tmp_path / "tl")
    html = index.read_text()
    assert "<script>" not in html and "<b>co" not in html
    assert "&lt;script&gt;alert(" in html
    report = next((tmp_path / "tl" / "revs").glob("*.html")).read_text()
    assert "<script>alert" not in report


def test_html_in_a_browser(merged, tmp_path):
    """Headless Chromium: the page shows one bar per revision, nothing is blocked or opened,
    and a bar leads to that revision's report."""
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from browser.chromium import chromium, unavailable_reason
    reason = unavailable_reason()
    if reason:
        import pytest
        pytest.skip(reason)
    path, ids = merged
    result = api_timeline(path, None, plain_settings())
    index = write_timeline_html(result, tmp_path / "tl")
    with chromium(1100, 900) as driver:
        driver.get(index.as_uri())
        bars = driver.find_elements("css selector", "svg a")
        assert len(bars) == len(result.entries)
        assert driver.find_elements("css selector", "svg rect.bar")[0].size["height"] > 0
        target = result.entries[2]
        driver.find_element("css selector", f"#bar-{target.step.rev.short}").click()
        assert driver.current_url.endswith(f"revs/{target.step.rev.short}.html")
        assert "record_removed" in driver.page_source or "Record removed" in driver.page_source


def test_unreadable_stretch_in_the_timeline(unreadable):
    path, ids = unreadable
    result = api_timeline(path, None, plain_settings())
    assert tags(result, ids) == ["r1", "r3"]
    assert [f.kind for f in result.entries[1].findings] == ["function_param_type_changed"]
    assert "may have happened at any revision since" in render_timeline(result)


def test_the_same_timeline_again_is_answered_from_the_cache(unreadable, tmp_path, monkeypatch):
    """A repeated timeline reads one row: no walk; the same text and JSON, the step after an
    unreadable stretch still saying since when.  Another range is another question."""
    import pytest
    from apicompat.history import timeline as T
    path, ids = unreadable
    cache = str(tmp_path / "answers.sqlite3")
    first = api_timeline(path, None, plain_settings(), cache=cache)
    assert any(e.step.uncertain_since for e in first.entries)

    def no_walk(*args, **kwargs):
        raise AssertionError("walked again")
    monkeypatch.setattr(T, "walk_steps", no_walk)
    again = api_timeline(path, None, plain_settings(), cache=cache)
    assert again.extracted == 0
    for fmt in ("json", "text"):
        assert render_timeline(again, fmt) == render_timeline(first, fmt)
    assert "may have happened at any revision since" in render_timeline(again)
    with pytest.raises(AssertionError, match="walked again"):
        api_timeline(path, "r1..r2", plain_settings(), cache=cache)


def test_an_answer_a_time_limit_decided_is_not_kept(linear, tmp_path, monkeypatch):
    """A revision that ran out of time may read next time: that timeline is asked again."""
    from apicompat.history import timeline as T
    from apicompat.history import walk as W
    path, ids = linear
    real = W._extract

    def slow_r3(repo, rev, config):
        if rev.id == ids["r3"]:
            return "failed", f"generator 'g' at revision {rev.short} did not finish within 1 s (time limit)", set()
        return real(repo, rev, config)
    monkeypatch.setattr(W, "_extract", slow_r3)
    cache = str(tmp_path / "answers.sqlite3")
    first = api_timeline(path, None, plain_settings(), jobs=1, cache=cache)
    assert first.failed
    walks = []
    real_walk = T.walk_steps
    monkeypatch.setattr(T, "walk_steps", lambda *a, **k: walks.append(1) or real_walk(*a, **k))
    monkeypatch.setattr(W, "_extract", real)
    second = api_timeline(path, None, plain_settings(), jobs=1, cache=cache)
    assert walks and not second.failed
