"""The Markdown report: fit for a pull-request comment."""
from __future__ import annotations

from apicompat.diff.finding import Finding
from apicompat.model import Location
from apicompat.report.markdown import _esc, render_markdown
from apicompat.result import DiffResult
from apicompat.vcs.base import Revision

REV = Revision("a" * 40, "aaaaaaa", (), "me", "2012-01-01T00:00:00+00:00", "one")


def result_with(findings):
    return DiffResult("/src/lib", "git", REV, REV, findings, old_name="v1", new_name="v2")


def finding(i: int, severity: str = "breaking") -> Finding:
    return Finding("function_removed", f"lib_function_{i}", severity, "The function is gone.",
                   "Stop calling it.", old_decl=f"int lib_function_{i}(int a, int b, char *c)",
                   old_loc=Location("include/lib.h", i))


def test_a_large_report_stays_under_the_comment_limit_breaking_first():
    findings = [finding(i) for i in range(2000)] + [finding(i, "compatible") for i in range(2000, 2100)]
    text = render_markdown(result_with(findings))
    assert len(text) <= 60_000
    assert "lib_function_0`" in text and "lib_function_2050" not in text
    assert "more finding(s) left out to fit a comment" in text


def test_a_small_report_is_whole():
    text = render_markdown(result_with([finding(1), finding(2, "compatible")]))
    assert "left out" not in text and "lib_function_2" in text
    assert text.startswith("### API changes in `lib`: v1 (aaaaaaa) → v2 (aaaaaaa)")


def test_repository_text_is_inert_but_code_spans_read_literally():
    assert _esc("rule `* -> LIB_*` for <b>x</b> #1") == "rule `* -> LIB_*` for &lt;b&gt;x&lt;/b&gt; &#35;1"
