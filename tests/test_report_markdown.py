"""The Markdown report: fit for a pull-request comment."""
from __future__ import annotations

from apicompat.diff.finding import Finding
from apicompat.model import Location
from apicompat.report.markdown import _code, _esc, render_markdown
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
    assert _esc("rule `* -> LIB_*` for <b>x</b> #1") == "rule `* -> LIB_*` for &lt;b&gt;x&lt;/b&gt; #\u20601"


def outside_code_spans(markdown: str) -> str:
    """The text CommonMark does not put in code spans: a run of N backticks opens a span that
    only a run of exactly N closes (an unmatched run is literal)."""
    out, i = [], 0
    while i < len(markdown):
        if markdown[i] != "`":
            out.append(markdown[i])
            i += 1
            continue
        run = len(markdown[i:]) - len(markdown[i:].lstrip("`"))
        j, close = i + run, None
        while j < len(markdown):
            k = markdown.find("`", j)
            if k < 0:
                break
            other = len(markdown[k:]) - len(markdown[k:].lstrip("`"))
            if other == run:
                close = k
                break
            j = k + other
        if close is None:
            out.append(markdown[i:i + run])
            i += run
        else:
            i = close + run
    return "".join(out)


def test_repository_names_with_backticks_stay_one_code_span_and_ping_nobody():
    """A header named x`@org/team [a](http://e)`.h must not end its code span early: the rest
    would be Markdown (a mention, a link).  Outside code, `@` and `#` get a word joiner."""
    name = "inc/x`@org/team [a](http://e.example)`.h"
    assert _code(name) == f"``{name}``"
    assert _code("`edge`") == "`` `edge` ``"
    assert outside_code_spans(_code(name)) == ""
    assert outside_code_spans("a `b` c") == "a  c" and outside_code_spans("a ``b` c") == "a ``b` c"
    assert "@\u2060org" in _esc("see @org/team")
    assert "&#91;a](" in _esc("[a](http://e.example)")
