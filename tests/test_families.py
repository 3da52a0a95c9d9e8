"""Rename families: one rewrite rule explaining many removed/added pairs is one finding.

Fixtures in tests/fixtures/families/<case>/{old,new}/include, read through
the real extraction pipeline (see kinds_support.FolderRepository).
"""
from __future__ import annotations

import pytest

from apicompat.diff.families import MIN_FAMILY, explained_by, find_families
from apicompat.diff.names import Rule
from kinds_support import FIXTURES, findings_of

FAMILIES = FIXTURES / "families"


def families_of(case: str) -> dict[str, list[tuple[str, str, str]]]:
    """{rule: [(member kind, old name, new name), ...]} for every family finding."""
    return {f.symbol: [(m.kind, m.facts["old_name"], m.facts["new_name"]) for m in f.members]
            for f in findings_of(FAMILIES / case) if f.kind == "rename_family"}


def destroy(name: str) -> tuple[str, str, str]:
    return ("function_renamed", f"lib_{name}_destroy", f"lib_{name}_dispose")


def test_many_families_exact_members():
    colors = ["BLACK", "GREEN", "RED", "YELLOW", "BLUE", "CYAN", "MAGENTA", "WHITE"]
    options = ["VERBOSE", "QUIET", "DEBUG", "TRACE", "FORCE", "DRY_RUN", "NO_COLOR", "ALL"]
    assert families_of("many") == {
        "*_destroy -> *_dispose": [destroy(n) for n in
                                   ["nic", "disk", "vfb", "vkb", "pci", "console", "channel", "usb"]],
        "* -> LIB_*": [("enum_member_renamed", f"COLOR_{c}", f"LIB_COLOR_{c}") for c in colors],
        "*_OPT_* -> *_OPTION_*": [("macro_renamed", f"LIB_OPT_{o}", f"LIB_OPTION_{o}") for o in options],
    }


def test_many_families_explain_everything():
    """24 renames, three findings: nothing is left over as removed, added or renamed alone."""
    findings = findings_of(FAMILIES / "many")
    assert [f.kind for f in findings] == ["rename_family"] * 3
    assert sum(len(f.members) for f in findings) == 24
    assert [f.facts["count"] for f in findings] == [8, 8, 8]


def test_family_findings_are_breaking_with_confidence():
    for f in findings_of(FAMILIES / "many"):
        assert f.severity == "breaking"
        assert 0.7 < f.confidence <= 0.99
        assert f.evidence == [f"rule {f.symbol} explains 8 renames"]
        assert all(m.confidence == f.confidence for m in f.members)


def test_overlapping_rules_split_the_names():
    assert families_of("overlap") == {
        "* -> LIB_*": [
            ("enum_member_renamed", "DISK_FORMAT_QCOW", "LIB_DISK_FORMAT_QCOW"),
            ("enum_member_renamed", "DISK_FORMAT_RAW", "LIB_DISK_FORMAT_RAW"),
            ("enum_member_renamed", "DISK_FORMAT_VHD", "LIB_DISK_FORMAT_VHD"),
            ("enum_member_renamed", "DISK_BACKEND_PHY", "LIB_DISK_BACKEND_PHY"),
            ("enum_member_renamed", "DISK_BACKEND_TAP", "LIB_DISK_BACKEND_TAP"),
            ("macro_renamed", "NICTYPE_MAX", "LIB_NICTYPE_MAX"),
        ],
        "NICTYPE_* -> LIB_NIC_TYPE_*": [
            ("enum_member_renamed", "NICTYPE_BRIDGE", "LIB_NIC_TYPE_BRIDGE"),
            ("enum_member_renamed", "NICTYPE_IOEMU", "LIB_NIC_TYPE_IOEMU"),
            ("enum_member_renamed", "NICTYPE_VIF", "LIB_NIC_TYPE_VIF"),
        ],
        "* -> lib_*": [
            ("record_renamed", "disk_info", "lib_disk_info"),
            ("record_renamed", "nic_info", "lib_nic_info"),
        ],
    }


def test_overlap_leaves_nothing_else():
    """Same-named typedefs go with their records; no single renames, removals or additions."""
    assert {f.kind for f in findings_of(FAMILIES / "overlap")} == {"rename_family"}


def test_families_come_biggest_first_in_find_families():
    removed = {"enumerators": {"DISK_RAW", "DISK_QCOW", "DISK_VHD", "NICTYPE_IOEMU", "NICTYPE_BRIDGE"}}
    added = {"enumerators": {"LIB_DISK_RAW", "LIB_DISK_QCOW", "LIB_DISK_VHD", "LIB_NIC_TYPE_IOEMU",
                             "LIB_NIC_TYPE_BRIDGE"}}
    families = find_families(removed, added)
    assert [(str(f.rule), sorted(o for _, o, _ in f.pairs)) for f in families] == [
        ("* -> LIB_*", ["DISK_QCOW", "DISK_RAW", "DISK_VHD"]),
        ("NICTYPE_* -> LIB_NIC_TYPE_*", ["NICTYPE_BRIDGE", "NICTYPE_IOEMU"]),
    ]


def test_short_names_are_no_evidence_for_a_rule():
    """`A` is too short a kept part to find a rule from; two of them make no family."""
    assert find_families({"enumerators": {"NICTYPE_A", "NICTYPE_B"}},
                         {"enumerators": {"LIB_NIC_TYPE_A", "LIB_NIC_TYPE_B"}}) == []


def test_a_name_joins_one_family_only():
    """Both rules could explain NICTYPE_ALPHA (both new names exist); the bigger rule takes it."""
    removed = {"enumerators": {"DISK_ALPHA", "DISK_BETA", "DISK_GAMMA", "NICTYPE_ALPHA", "NICTYPE_BETA",
                               "NICTYPE_GAMMA"}}
    added = {"enumerators": {"LIB_DISK_ALPHA", "LIB_DISK_BETA", "LIB_DISK_GAMMA", "LIB_NICTYPE_ALPHA",
                             "LIB_NIC_TYPE_ALPHA", "LIB_NIC_TYPE_BETA", "LIB_NIC_TYPE_GAMMA"}}
    families = find_families(removed, added)
    olds = [o for f in families for _, o, _ in f.pairs]
    assert len(olds) == len(set(olds)) == 6
    assert [(str(f.rule), len(f.pairs)) for f in families] == [("* -> LIB_*", 4), ("NICTYPE_* -> LIB_NIC_TYPE_*", 2)]


def test_one_pair_is_no_family():
    families = find_families({"functions": {"lib_a_destroy", "lib_b_open"}},
                             {"functions": {"lib_a_dispose", "lib_b_close"}})
    assert families == [] and MIN_FAMILY == 2


def test_accept_can_veto_members():
    removed = {"functions": {"lib_a_destroy", "lib_b_destroy", "lib_c_destroy"}}
    added = {"functions": {"lib_a_dispose", "lib_b_dispose", "lib_c_dispose"}}
    families = find_families(removed, added, accept=lambda kind, old, new: old != "lib_c_destroy")
    assert [sorted(o for _, o, _ in f.pairs) for f in families] == [["lib_a_destroy", "lib_b_destroy"]]


@pytest.mark.parametrize("rule,expected", [
    (Rule("suffix", "_destroy", "_dispose"), [("functions", "x_destroy", "x_dispose")]),
    (Rule("prefix", "", "LIB_"), [("functions", "x_destroy", "LIB_x_destroy")]),
])
def test_explained_by_needs_the_new_name_to_exist(rule, expected):
    removed = {"functions": {"x_destroy", "y_destroy"}}
    added = {"functions": {"x_dispose", "LIB_x_destroy"}}
    assert list(explained_by(rule, removed, added)) == expected
