"""`apicompat bisect`: the exact revision of an event, on git and hg fixture histories."""
from __future__ import annotations

import pytest

from apicompat.errors import GeneratorError
from apicompat.history import bisect_symbol
from test_history_support import (generated, generated_settings, history_cache, linear, merged,  # noqa: F401
                                  plain_settings, unreadable)


def tag_of(ids, rev):
    return {v: k for k, v in ids.items()}.get(rev.id) if rev else None


def test_removed_found_by_search(linear):
    path, ids = linear
    result = bisect_symbol(path, "lib_waiter", "removed", "r1", "r5", plain_settings())
    assert tag_of(ids, result.found) == "r4" and tag_of(ids, result.before) == "r3"
    assert result.method == "search" and result.came_back is None
    assert [f.kind for f in result.findings] == ["record_removed"]
    assert result.found.summary == "linear r4"


def test_removed_and_added_again_reports_the_first_removal(linear):
    """Present at both ends (r1, r7): read in order; the first removal (r4), and when it came back (r7)."""
    path, ids = linear
    result = bisect_symbol(path, "lib_wait", "removed", None, None, plain_settings())
    assert tag_of(ids, result.found) == "r4"
    assert tag_of(ids, result.came_back) == "r7"
    assert result.method == "linear walk"
    assert [f.kind for f in result.findings] == ["function_removed"]


def test_signature_change(linear):
    path, ids = linear
    result = bisect_symbol(path, "lib_read", "changed", None, None, plain_settings())
    assert tag_of(ids, result.found) == "r2"
    assert [(f.kind, f.old_decl, f.new_decl) for f in result.findings] == [
        ("function_param_type_changed", "int lib_read(int fd, char *buf, int len)",
         "int lib_read(int fd, void *buf, int len)")]


def test_field_change_in_one_record_only(linear):
    path, ids = linear
    result = bisect_symbol(path, "lib_build_info.hvm", "changed", None, None, plain_settings())
    assert tag_of(ids, result.found) == "r2"
    result = bisect_symbol(path, "lib_create_info.hvm", "changed", None, None, plain_settings())
    assert result.found is None and "never changed" in result.reason


@pytest.mark.parametrize("symbol", ["lib_close", "lib_shutdown"])
def test_rename_from_either_name(linear, symbol):
    path, ids = linear
    result = bisect_symbol(path, symbol, "renamed", None, None, plain_settings())
    assert tag_of(ids, result.found) == "r3"
    assert [(f.kind, f.facts["old_name"], f.facts["new_name"]) for f in result.findings] == [
        ("function_renamed", "lib_close", "lib_shutdown")]


def test_added_by_a_rename(linear):
    path, ids = linear
    result = bisect_symbol(path, "lib_shutdown", "added", None, None, plain_settings())
    assert tag_of(ids, result.found) == "r3" and result.findings[0].kind == "function_renamed"


@pytest.mark.parametrize("symbol, event, reason", [
    ("lib_read", "removed", "lib_read was declared at every revision read"),
    ("lib_read", "added", "lib_read already exists at"),
    ("no_such_symbol", "removed", "no_such_symbol does not exist at"),
    ("lib_read", "renamed", "lib_read is neither renamed away nor renamed to"),
])
def test_event_that_never_happens(linear, symbol, event, reason):
    path, ids = linear
    result = bisect_symbol(path, symbol, event, "r1", None, plain_settings())
    assert result.found is None and result.reason.startswith(reason), result.reason


def test_exhaustive_reads_in_order(linear):
    path, ids = linear
    result = bisect_symbol(path, "lib_waiter", "removed", "r1", "r5", plain_settings(), exhaustive=True)
    assert tag_of(ids, result.found) == "r4" and result.method == "linear walk"


def test_one_worker_is_a_binary_search(linear, tmp_path):
    path, ids = linear
    result = bisect_symbol(path, "lib_waiter", "removed", "r1", "r5", plain_settings(), jobs=1,
                           cache=str(tmp_path / "c.sqlite3"))
    assert tag_of(ids, result.found) == "r4"


def test_merge_and_the_merged_in_revision(merged):
    """On the first-parent line the waiters go at the merge c4; they were removed on the branch in c2."""
    path, ids = merged
    result = bisect_symbol(path, "lib_waiter", "removed", None, None, plain_settings())
    assert tag_of(ids, result.found) == "c4" and [tag_of(ids, r) for r in result.merged] == ["c2"]
    assert tag_of(ids, result.culprit) == "c2"
    assert [f.kind for f in result.merged_findings] == ["record_removed"]
    result = bisect_symbol(path, "lib_event", "changed", None, None, plain_settings())
    assert tag_of(ids, result.found) == "c4" and [tag_of(ids, r) for r in result.merged] == ["c3"]


def test_a_merge_that_made_the_change_itself(merged):
    """c8 resolved a conflict with a signature neither parent had: no merged-in revision."""
    path, ids = merged
    result = bisect_symbol(path, "lib_open", "changed", ids["c7"], None, plain_settings())
    assert tag_of(ids, result.found) == "c8" and result.merged == []


def test_field_only_in_a_generated_header(generated):
    path, ids = generated
    result = bisect_symbol(path, "lib_config.extra", "removed", None, None, generated_settings())
    assert tag_of(ids, result.found) == "r2"
    assert [f.kind for f in result.findings] == ["record_field_removed"]


def test_generated_headers_need_trust(generated):
    path, ids = generated
    with pytest.raises(GeneratorError, match="--trust"):
        bisect_symbol(path, "lib_config.extra", "removed", None, None, generated_settings(trust=False))


def test_unreadable_revisions_are_skipped(unreadable):
    path, ids = unreadable
    result = bisect_symbol(path, "b", "changed", None, None, plain_settings())
    assert tag_of(ids, result.found) == "r3" and tag_of(ids, result.before) == "r1"
    assert result.unknown_between == 1


def test_the_same_question_again_is_answered_from_the_cache(merged, tmp_path, monkeypatch):
    """A repeated bisect reads one row: no walk, no model; the answer (merged-in revision and
    findings included) is the same.  Other settings are another question."""
    from apicompat.history import bisect as B
    from apicompat.history.render import render_bisect
    path, ids = merged
    cache = str(tmp_path / "answers.sqlite3")
    first = bisect_symbol(path, "lib_waiter", "removed", None, None, plain_settings(), cache=cache)
    assert first.merged and first.merged_findings

    def no_walk(*args, **kwargs):
        raise AssertionError("walked again")
    monkeypatch.setattr(B, "walk_revisions", no_walk)
    again = bisect_symbol(path, "lib_waiter", "removed", None, None, plain_settings(), cache=cache)
    assert again.extracted == 0
    assert render_bisect(again, "json") == render_bisect(first, "json")
    assert render_bisect(again, "text") == render_bisect(first, "text")
    other = plain_settings()
    other.defines = ["LIB_OTHER"]
    with pytest.raises(AssertionError, match="walked again"):
        bisect_symbol(path, "lib_waiter", "removed", None, None, other, cache=cache)
