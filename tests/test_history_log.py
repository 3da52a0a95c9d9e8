"""`apicompat log`: every revision where a symbol changed, on git and hg fixture histories."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from apicompat.history import symbol_log
from test_history_support import (generated, generated_settings, history_cache, linear, merged,  # noqa: F401
                                  plain_settings, unreadable)


def changes(result, ids):
    """[(tag, [finding kinds])] of a log, tags from the fixture's {tag: id}."""
    tag = {v: k for k, v in ids.items()}
    return [(tag[e.step.rev.id], [f.kind for f in e.findings]) for e in result.entries]


def test_signature_change_with_the_same_text_count(linear):
    path, ids = linear
    result = symbol_log(path, "lib_read", None, plain_settings())
    assert changes(result, ids) == [("r1", ["function_added"]), ("r2", ["function_param_type_changed"])]
    finding = result.entries[1].findings[0]
    assert finding.old_decl == "int lib_read(int fd, char *buf, int len)"
    assert finding.new_decl == "int lib_read(int fd, void *buf, int len)"
    step = result.entries[1].step
    assert (step.rev.id, step.rev.summary, step.rev.author) == (ids["r2"], "linear r2",
                                                                 "apicompat tests <tests@example.org>")


def test_text_search_misses_what_the_log_finds(linear):
    """`git log -S lib_read` (the afternoon of shell loops) does not see r2's change."""
    path, ids = linear
    if not Path(path, ".git").exists():
        pytest.skip("git only")
    out = subprocess.run(["git", "log", "--format=%H", "-Slib_read", "--", "include"], cwd=path,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == [ids["r1"]]


def test_field_paths_are_told_apart(linear):
    path, ids = linear
    assert changes(symbol_log(path, "lib_build_info.hvm", None, plain_settings()), ids) == [
        ("r1", ["record_added"]), ("r2", ["record_field_type_changed"])]
    assert changes(symbol_log(path, "lib_create_info.hvm", None, plain_settings()), ids) == [
        ("r1", ["record_added"])]


def test_rename_is_followed_both_ways(linear):
    path, ids = linear
    for name in ("lib_close", "lib_shutdown"):
        result = symbol_log(path, name, None, plain_settings())
        assert changes(result, ids) == [("r1", ["function_added"]), ("r3", ["function_renamed"])]
        assert result.names == ["lib_close", "lib_shutdown"]
        facts = result.entries[1].findings[0].facts
        assert (facts["old_name"], facts["new_name"]) == ("lib_close", "lib_shutdown")


def test_removed_and_added_again(linear):
    path, ids = linear
    assert changes(symbol_log(path, "lib_waiter", None, plain_settings()), ids) == [
        ("r1", ["record_added"]), ("r4", ["record_removed"]), ("r7", ["record_added"])]


def test_field_moved_follows_its_new_path(linear):
    path, ids = linear
    result = symbol_log(path, "lib_build_info.kernel", None, plain_settings())
    assert changes(result, ids) == [("r1", ["record_added"]), ("r4", ["record_field_moved", "record_field_added"])]
    assert "lib_build_info.u.pv.kernel" in result.names


def test_range_limits_the_revisions(linear):
    path, ids = linear
    result = symbol_log(path, "lib_waiter", "r2..r5", plain_settings())
    assert changes(result, ids) == [("r4", ["record_removed"])]
    assert result.walked == 3              # r3, r4, r5 touch include/; r6 (README only) is not walked
    result = symbol_log(path, "lib_waiter", "r4..", plain_settings())
    assert changes(result, ids) == [("r7", ["record_added"])]


def test_unchanged_and_unknown_symbols(linear):
    path, ids = linear
    result = symbol_log(path, "lib_read", "r3..r7", plain_settings())
    assert result.entries == [] and result.found and result.present_at_end
    result = symbol_log(path, "no_such_symbol", None, plain_settings())
    assert result.entries == [] and not result.found


def test_merges_show_only_their_own_changes(merged):
    """Full history: each commit against its parent; a clean merge (c4) adds nothing, a merge that
    resolved a conflict with a third signature (c8) shows it."""
    path, ids = merged
    assert changes(symbol_log(path, "lib_event", None, plain_settings()), ids) == [
        ("c0", ["function_added"]), ("c3", ["function_param_added"])]
    assert changes(symbol_log(path, "lib_open", None, plain_settings()), ids) == [
        ("c0", ["function_added"]), ("c6", ["function_param_added"]), ("c7", ["function_param_added"]),
        ("c8", ["function_param_added"])]
    merge = symbol_log(path, "lib_open", None, plain_settings()).entries[-1]
    assert merge.step.is_merge and merge.findings[0].new_decl == \
        "int lib_open(const char *path, int mode, unsigned int flags)"


def test_first_parent_log_shows_what_merges_brought(merged):
    path, ids = merged
    assert changes(symbol_log(path, "lib_event", None, plain_settings(), first_parent=True), ids) == [
        ("c0", ["function_added"]), ("c4", ["function_param_added"])]
    assert changes(symbol_log(path, "lib_waiter", None, plain_settings(), first_parent=True), ids) == [
        ("c0", ["record_added"]), ("c4", ["record_removed"])]


def test_field_only_in_a_generated_header(generated):
    path, ids = generated
    result = symbol_log(path, "lib_config.extra", None, generated_settings())
    assert changes(result, ids) == [("r1", ["record_added"]), ("r2", ["record_field_removed"])]


def test_a_header_unreadable_for_a_while(unreadable):
    """b.h cannot be read at r2: b is neither removed there nor added back at r3; its change shows
    at r3, marked as possibly made anywhere since r2."""
    path, ids = unreadable
    result = symbol_log(path, "b", None, plain_settings())
    assert changes(result, ids) == [("r1", ["function_added"]), ("r3", ["function_param_type_changed"])]
    assert result.entries[1].step.uncertain_since.id == ids["r2"]
