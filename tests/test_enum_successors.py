"""Issue 11's remaining misreadings: an enum's successor, unnamed enums whose first enumerator
changed (values that changed sign), and members that were empty structs (git and hg)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from apicompat.cli import main
from helpers import make_repo


def findings(tmp_path, vcs, old: str, new: str) -> list[dict]:
    repo = make_repo(tmp_path / "repo", vcs, [{"include/a.h": old}, {"include/a.h": new}])
    result = CliRunner().invoke(main, ["diff", "r1", "r2", "--repo", str(repo), "--format", "json", "--no-cache"])
    return json.loads(result.stdout)["findings"]


def test_a_removed_enum_names_the_enum_its_values_went_to(tmp_path, vcs):
    got = findings(tmp_path, vcs, "typedef enum { XENFV = 1, XENPV } qemu_machine_type;\n",
                   "typedef enum { DOMAIN_TYPE_HVM = 1, DOMAIN_TYPE_PV = 2 } domain_type;\n")
    removed = next(f for f in got if f["kind"] == "enum_removed")
    assert removed["facts"]["successor"] == "domain_type"
    assert "XENFV -> DOMAIN_TYPE_HVM" in " ".join(removed["evidence"]) and "domain_type" in removed["hint"]


def test_no_successor_when_the_values_do_not_line_up(tmp_path, vcs):
    got = findings(tmp_path, vcs, "typedef enum { XENFV = 1, XENPV } qemu_machine_type;\n",
                   "typedef enum { DOMAIN_TYPE_HVM = 1, DOMAIN_TYPE_PV = 3 } domain_type;\n")
    removed = next(f for f in got if f["kind"] == "enum_removed")
    assert "successor" not in removed["facts"]


def test_an_unnamed_enum_whose_values_changed_sign_reports_each_value(tmp_path, vcs):
    """Known by its first enumerator, which was renamed: still one enum, each value change said."""
    got = findings(tmp_path, vcs, "enum { GIT_SUCCESS = 0, GIT_ERROR = 1, GIT_ENOTFOUND = 3 };\n",
                   "enum { GIT_OK = 0, GIT_ERROR = -1, GIT_ENOTFOUND = -3 };\n")
    kinds = {(f["kind"], f["symbol"]) for f in got}
    assert ("enum_member_value_changed", "GIT_ERROR") in kinds and ("enum_member_value_changed", "GIT_ENOTFOUND") in kinds
    assert not any(k == "enum_removed" for k, _ in kinds), kinds


def test_a_removed_member_that_was_an_empty_struct_says_it_held_nothing(tmp_path, vcs):
    got = findings(tmp_path, vcs, "struct opts { int a; struct {} nothing; struct e { } named; };\n",
                   "struct opts { int a; };\nstruct e { };\n")
    for path in ("nothing", "named"):
        f = next(f for f in got if f["kind"] == "record_field_removed" and f["symbol"] == f"opts.{path}")
        assert "held no data" in f["hint"] and "where that information went" not in f["hint"]


def test_a_dropped_parameter_names_the_siblings_that_took_over_its_meaning(tmp_path, vcs):
    """shutdown(ctx, domid, req) -> shutdown(ctx, domid) + reboot(ctx, domid): req chose the action."""
    got = findings(tmp_path, vcs, "int dom_shutdown(int ctx, int domid, int req);\n",
                   "int dom_shutdown(int ctx, int domid);\nint dom_reboot(int ctx, int domid);\n"
                   "int dom_pause(int ctx);\n")
    removed = next(f for f in got if f["kind"] == "function_param_removed")
    said = " ".join(removed["evidence"])
    assert "`dom_reboot` was added beside it" in said and "dom_pause" not in said
