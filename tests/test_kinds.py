"""The catalogue's proof: one old/new fixture pair per change kind, run through the whole classifier.

Each folder tests/fixtures/kinds/<id>/ exists to trigger the kind <id>; its
headers say, in comments, which declarations must trigger it and which are
there to make sure they do not.  expected.json holds the findings of the
WHOLE classifier on the pair, so an overlap between kinds shows up as a diff.
Folders named _negative_<case> hold near misses that must not be matched.

After a deliberate change, rewrite the expectations and read the diff:

    APICOMPAT_UPDATE_EXPECTED=1 python -m pytest tests/test_kinds.py
    git diff tests/fixtures/kinds
"""
from __future__ import annotations

import os
import re

import pytest

from apicompat.diff import catalogue
from kinds_support import (KINDS_DIR, NEGATIVE_PREFIX, SIDES, expectations, findings_of, fixture_dirs,
                           kinds_in, read_expected, write_expected)

UPDATE = os.environ.get("APICOMPAT_UPDATE_EXPECTED") == "1"
FIXTURES = fixture_dirs()
KIND_IDS = sorted(catalogue.load())


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_pair_gives_expected_findings(fixture):
    actual = expectations(findings_of(fixture))
    if UPDATE:
        write_expected(fixture, actual)
    assert actual == read_expected(fixture)


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_side_against_itself_gives_nothing(fixture, side):
    assert findings_of(fixture, side, side) == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_messages_have_every_fact_they_name(fixture):
    """A rendered sentence never shows a `<placeholder>` the detector forgot to fill."""
    findings = findings_of(fixture)
    for f in findings + [m for f in findings for m in f.members]:
        for text in (f.message, f.hint):
            assert not re.search(r"<[a-z_]+>", text), f"{f.kind} {f.symbol}: {text}"


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if not f.name.startswith(NEGATIVE_PREFIX)],
                         ids=lambda p: p.name)
def test_pair_triggers_its_own_kind(fixture):
    assert fixture.name in kinds_in(read_expected(fixture))


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_every_kind_is_produced_by_a_fixture(kind_id):
    """No documented kind is dead: some fixture's expected findings contain it."""
    produced = set().union(*(kinds_in(read_expected(f)) for f in FIXTURES))
    assert kind_id in produced, f"no fixture produces {kind_id}: add tests/fixtures/kinds/{kind_id}/"


def test_every_kind_has_its_own_fixture():
    assert sorted(p.name for p in FIXTURES if not p.name.startswith(NEGATIVE_PREFIX)) == KIND_IDS


def test_fixture_folders_are_kinds_or_negatives():
    names = [p.name for p in KINDS_DIR.iterdir() if p.is_dir()]
    strays = [n for n in names if n not in KIND_IDS and not n.startswith(NEGATIVE_PREFIX)]
    assert strays == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_fixture_layout(fixture):
    for side in SIDES:
        headers = list((fixture / side / "include").glob("**/*.h"))
        assert headers, f"{fixture.name}/{side}/include has no header"
        for header in headers:
            assert header.read_text().lstrip().startswith("/*"), f"{header} has no comment saying why"
    assert (fixture / "expected.json").exists()


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if f.name.startswith(NEGATIVE_PREFIX)],
                         ids=lambda p: p.name)
def test_negative_pair_matches_nothing(fixture):
    """Near misses: nothing in them may be explained as a rename, move or family."""
    matches = {"rename_family", "function_renamed", "record_renamed", "enum_renamed", "typedef_renamed",
               "variable_renamed", "macro_renamed", "enum_member_renamed", "record_field_renamed",
               "record_field_moved", "record_fields_regrouped", "function_old_name_reused"}
    assert kinds_in(read_expected(fixture)) & matches == set()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_every_finding_says_where(fixture):
    """Every finding carries old and/or new header:line, so output can sort by place."""
    findings = findings_of(fixture)
    for f in findings + [m for f in findings for m in f.members]:
        assert f.old_loc or f.new_loc, f"{f.kind} {f.symbol} has no location"


@pytest.mark.parametrize("fixture,symbol", [
    ("function_param_type_changed", "lib_set_args"),
    ("record_field_type_changed", "lib_job.args"),
])
def test_type_change_through_typedef_shows_both_spellings(fixture, symbol):
    """`char *` -> `lib_string_list`: the finding says what the new spelling really is (`char **`)."""
    [finding] = [f for f in findings_of(KINDS_DIR / fixture) if f.symbol == symbol]
    assert (finding.facts["old_type"], finding.facts["new_type"]) == ("char *", "lib_string_list")
    assert finding.evidence == ["resolved: char * -> char **"]
