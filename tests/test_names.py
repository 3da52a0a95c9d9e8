"""Names and rewrite rules (apicompat/diff/names.py): rule_between, Rule.apply, is_opposite."""
from __future__ import annotations

import pytest

from apicompat.diff.names import Rule, is_opposite, rule_between, similarity, tokens


@pytest.mark.parametrize("name,expected", [
    ("libxl__ctx_free", ["libxl", "ctx", "free"]),
    ("_private", ["private"]),
    ("DISK_FORMAT_QCOW", ["DISK", "FORMAT", "QCOW"]),
    ("plain", ["plain"]),
])
def test_tokens(name, expected):
    assert tokens(name) == expected


@pytest.mark.parametrize("old,new,rule", [
    # suffix: the joining underscore goes with the replaced part
    ("foo_bar_destroy", "foo_bar_dispose", Rule("suffix", "_destroy", "_dispose")),
    # prefix added in front of everything
    ("DISK_FORMAT_QCOW", "LIBXL_DISK_FORMAT_QCOW", Rule("prefix", "", "LIBXL_")),
    # prefix replaced (the joining underscore goes with it)
    ("NICTYPE_IOEMU", "LIB_NIC_TYPE_IOEMU", Rule("prefix", "NICTYPE_", "LIB_NIC_TYPE_")),
    # infix: one token in the middle
    ("LIB_OPT_VERBOSE", "LIB_OPTION_VERBOSE", Rule("infix", "_OPT_", "_OPTION_")),
    # suffix appended
    ("lib_event_wait", "lib_event_wait_timeout", Rule("suffix", "", "_timeout")),
    # suffix removed
    ("lib_ctx_free_all", "lib_ctx_free", Rule("suffix", "_all", "")),
])
def test_rule_between(old, new, rule):
    found = rule_between(old, new)
    assert found == rule
    assert found.apply(old) == new


@pytest.mark.parametrize("old,new", [
    ("same_name", "same_name"),            # nothing to rewrite
    ("foo_open", "bar_close"),             # two places changed
    ("lib_handle", "lib_fd"),              # kept part `lib` is too small a share of the name
    ("NICTYPE_VIF", "LIB_NIC_TYPE_VIF"),   # kept part `VIF` too short to trust alone
    ("a_b", "c_b"),                        # kept part has too few letters
    ("lib_ctx_lock", "lib_ctx_unlock"),    # opposite words are not a rename
    ("lib_get_mode", "lib_set_mode"),
    ("LIB_EV_ENABLE", "LIB_EV_DISABLE"),
])
def test_no_rule_between(old, new):
    assert rule_between(old, new) is None


@pytest.mark.parametrize("rule,text", [
    (Rule("prefix", "DISK_FORMAT_", "LIBXL_DISK_FORMAT_"), "DISK_FORMAT_* -> LIBXL_DISK_FORMAT_*"),
    (Rule("prefix", "", "LIB_"), "* -> LIB_*"),
    (Rule("suffix", "_destroy", "_dispose"), "*_destroy -> *_dispose"),
    (Rule("infix", "_OPT_", "_OPTION_"), "*_OPT_* -> *_OPTION_*"),
])
def test_rule_text(rule, text):
    assert str(rule) == text


@pytest.mark.parametrize("rule,name,expected", [
    (Rule("suffix", "_destroy", "_dispose"), "lib_nic_destroy", "lib_nic_dispose"),
    (Rule("suffix", "_destroy", "_dispose"), "lib_nic_init", None),
    (Rule("suffix", "_destroy", "_dispose"), "_destroy", None),          # nothing would be kept
    (Rule("prefix", "", "LIB_"), "COLOR_RED", "LIB_COLOR_RED"),
    (Rule("prefix", "NICTYPE_", "LIB_NIC_TYPE_"), "NICTYPE_VIF", "LIB_NIC_TYPE_VIF"),
    (Rule("prefix", "NICTYPE_", "LIB_NIC_TYPE_"), "DISK_RAW", None),
    (Rule("prefix", "NICTYPE_", "LIB_NIC_TYPE_"), "NICTYPE_", None),
    (Rule("infix", "_OPT_", "_OPTION_"), "LIB_OPT_ALL", "LIB_OPTION_ALL"),
    (Rule("infix", "_OPT_", "_OPTION_"), "_OPT_", None),                 # only in the middle
    (Rule("infix", "_OPT_", "_OPTION_"), "LIB_OPT_A_OPT_B", "LIB_OPTION_A_OPT_B"),   # once
])
def test_rule_apply(rule, name, expected):
    assert rule.apply(name) == expected


def test_rules_are_values():
    """Equal rules vote together in families (they are dict keys)."""
    assert rule_between("a_thing_destroy", "a_thing_dispose") == rule_between("b_other_destroy", "b_other_dispose")
    assert len({rule_between("COLOR_RED", "LIB_COLOR_RED"), rule_between("DISK_RAW", "LIB_DISK_RAW")}) == 1


@pytest.mark.parametrize("old,new,expected", [
    ("lib_ctx_lock", "lib_ctx_unlock", True),
    ("lib_get_mode", "lib_set_mode", True),
    ("LIB_ENABLE_X", "LIB_DISABLE_X", True),
    ("lib_open", "lib_close", True),
    ("lib_register_cb", "lib_unregister_cb", True),
    ("lib_ctx_free", "lib_ctx_release", False),
    ("lib_open_file", "lib_close_dir", False),      # two words changed: not an opposite swap
    ("lib_open", "lib_open", False),
])
def test_is_opposite(old, new, expected):
    assert is_opposite(old, new) is expected


def test_similarity():
    assert similarity("abc", "ABC") == 1.0
    assert similarity("lib_verbosity", "lib_verbosity_level") > 0.8
    assert similarity("foo_open", "bar_close") < 0.5


def test_an_insertion_between_words_is_anchored_on_the_word_before():
    rule = rule_between("LIB_ACTION_DESTROY", "LIB_ACTION_ON_SHUTDOWN_DESTROY")
    assert str(rule) == "*_ACTION_* -> *_ACTION_ON_SHUTDOWN_*"
    assert rule.apply("LIB_ACTION_COREDUMP_RESTART") == "LIB_ACTION_ON_SHUTDOWN_COREDUMP_RESTART"
