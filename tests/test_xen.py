"""Opt-in: the xen-libxl profile on the real Xen history.

Set APICOMPAT_XEN_MIRROR to a git clone or mirror of xen-project/xen (bare is
fine), and APICOMPAT_XEN_HG to a Mercurial conversion of it (the same tags),
to run these.  They read the repositories, run the revisions' own IDL
generators (trusted), and never write to either repository.

    APICOMPAT_XEN_MIRROR=~/mirrors/xen APICOMPAT_XEN_HG=~/mirrors/xen-hg pytest tests/test_xen.py
"""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.extract.pipeline import extract_model
from apicompat.profiles import load_profile
from apicompat.vcs import open_repository

MIRROR = os.environ.get("APICOMPAT_XEN_MIRROR")
HG = os.environ.get("APICOMPAT_XEN_HG")

pytestmark = pytest.mark.skipif(
    not MIRROR, reason="set APICOMPAT_XEN_MIRROR to a git clone or mirror of xen-project/xen to run these")

RELEASES = ["RELEASE-4.0.0", "RELEASE-4.1.0", "RELEASE-4.1.2"] + [f"RELEASE-4.{n}.0" for n in range(2, 23)]
# The February 2012 xen-unstable of the founding story.
UNSTABLE_2012 = "62698cdaf3"
# xen-unstable at the layout changes between releases (see the profile's eras).
UNSTABLE = {
    "bbfc7c3807": "libxl.h stops including xenctrl.h, starts including <xen/sysctl.h>",
    "49338ad5c5": "libxl.idl renamed libxl_types.idl",
    "a6beb5286e": "libxltypes.py renamed idl.py",
    "e0240a06f8": "libxl_json.h stops including the internal JSON header",
    "5fc905880c": "<xen/sysctl.h> leaves libxl.h",
    "41aea82de2": "tools/libxl moved to tools/libs/light",
    "4664034cdc": "public headers moved to tools/include",
    "9d067857d1": "_libxl_list.h replaced by xen_list.h",
}


def model_at(path: str, rev: str):
    profile = load_profile("xen-libxl")
    with open_repository(path) as repo:
        revision = repo.resolve(rev)
        config = profile.config_at(repo, revision.id)
        config.trust = True
        return extract_model(repo, revision, config)


def diff_json(path: str, old: str, new: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["diff", old, new, "--repo", path, "--profile", "xen-libxl", "--trust",
                                       "--format", "json"], catch_exceptions=False)
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("release", RELEASES)
def test_every_release_extracts_with_zero_problems(release):
    model = model_at(MIRROR, release)
    assert model.problems == []
    assert "libxl_domain_pause" in model.functions
    if release != "RELEASE-4.0.0":      # 4.0 has no IDL: from 4.1 half the API is generated
        assert model.records["libxl_domain_build_info"].loc.file.endswith("/_libxl_types.h")
    if release not in ("RELEASE-4.0.0", "RELEASE-4.1.0", "RELEASE-4.1.2"):
        assert model.functions["libxl_domain_build_info_gen_json"].loc.file.endswith("/_libxl_types_json.h")
        assert "libxl_ctx_alloc" in model.functions


@pytest.mark.parametrize("commit", [UNSTABLE_2012, *UNSTABLE])
def test_unstable_commits_extract_with_zero_problems(commit):
    assert model_at(MIRROR, commit).problems == []


def test_the_broken_libxl_json_of_late_2011_is_a_problem_not_a_removal():
    # From 93e240f096 (Oct 2011) to e0240a06f8 (Jan 2012) the installed libxl_json.h
    # included an internal header needing libxl's private types: no consumer could
    # compile it, and apicompat says so instead of reporting its declarations removed.
    model = model_at(MIRROR, "93e240f096")
    assert {p.file for p in model.problems} == {"tools/libxl/libxl_json.h", "tools/libxl/_libxl_types_json.h"}
    assert "libxl_domain_build_info" in model.records


@pytest.fixture(scope="module")
def story():
    status, report = diff_json(MIRROR, "RELEASE-4.1.2", UNSTABLE_2012)
    return status, report


def findings(report, kind):
    return {f["symbol"]: f for f in report["findings"] if f["kind"] == kind}


def renames(report) -> set[tuple[str, str]]:
    """(old, new) of every rename, alone or inside a family."""
    pairs = set()
    for f in report["findings"]:
        for item in [f, *f.get("members", [])]:
            facts = item.get("facts", {})
            if "old_name" in facts and "new_name" in facts:
                pairs.add((facts["old_name"], facts["new_name"]))
    return pairs


def test_story_runs_cleanly_and_breaks(story):
    status, report = story
    assert status == 12
    assert report["problems"] == []


def test_story_rename_families(story):
    _, report = story
    families = findings(report, "rename_family")
    dispose = families["*_destroy -> *_dispose"]
    members = {m["facts"]["old_name"]: m["facts"]["new_name"] for m in dispose["members"]}
    assert members["libxl_domain_create_info_destroy"] == "libxl_domain_create_info_dispose"
    assert members["libxl_string_list_destroy"] == "libxl_string_list_dispose"
    assert len(members) >= 14
    pairs = renames(report)
    assert {("DISK_FORMAT_QCOW", "LIBXL_DISK_FORMAT_QCOW"), ("DISK_BACKEND_PHY", "LIBXL_DISK_BACKEND_PHY"),
            ("NICTYPE_IOEMU", "LIBXL_NIC_TYPE_IOEMU"), ("NICTYPE_VIF", "LIBXL_NIC_TYPE_VIF")} <= pairs


def test_story_functions(story):
    _, report = story
    added = findings(report, "function_param_added")["libxl_init_create_info"]
    assert added["new_decl"] == "int libxl_init_create_info(libxl_ctx *ctx, libxl_domain_create_info *c_info)"
    removed = findings(report, "function_removed")
    assert {"libxl_wait_for_domain_death", "libxl_wait_for_disk_ejects", "libxl_stop_waiting",
            "libxl_free_waiter"} <= set(removed)
    assert "force" in findings(report, "function_param_removed")["libxl_domain_destroy"]["message"]


def test_story_records(story):
    _, report = story
    moved = findings(report, "record_field_moved")
    assert moved["libxl_domain_build_info.kernel"]["facts"]["new_path"] == "u.pv.kernel"
    regrouped = findings(report, "record_fields_regrouped")
    assert "vnclisten -> vnc.listen" in regrouped["libxl_device_vfb.vnc"]["evidence"]
    assert {"sdl -> sdl.enable", "opengl -> sdl.opengl"} <= set(regrouped["libxl_device_vfb.sdl"]["evidence"])
    assert "libxl_ctx" in findings(report, "record_made_opaque")
    assert {"libxl_waiter", "libxl_device_model_info"} <= set(findings(report, "record_removed"))
    args = findings(report, "record_field_type_changed")["libxl_domain_build_info.u.pv.bootloader_args"]
    assert (args["old_decl"], args["new_decl"]) == ("char *bootloader_args", "libxl_string_list bootloader_args")
    assert "libxl_domain_create_info.hvm" in findings(report, "record_field_removed")


def test_story_new_include_demands_xen_tools(story):
    _, report = story
    demand = findings(report, "include_demands_macro")["libxl.h -> xen/sysctl.h"]   # by include name
    assert demand["facts"]["macros"] == "__XEN_TOOLS__"


@pytest.mark.skipif(not HG, reason="set APICOMPAT_XEN_HG to a Mercurial conversion of the Xen mirror")
@pytest.mark.parametrize("release", ["RELEASE-4.1.2", "RELEASE-4.22.0"])
def test_hg_conversion_gives_the_same_model(release):
    from_git, from_hg = model_at(MIRROR, release), model_at(HG, release)
    assert from_hg.problems == []
    git_dict, hg_dict = from_git.to_dict(), from_hg.to_dict()
    git_dict.pop("revision"), hg_dict.pop("revision")
    assert git_dict == hg_dict
