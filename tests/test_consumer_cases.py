"""Issue 12: impact and the consumer-driven shim on the shapes real consumers hit.

tests/fixtures/consumers/rp holds a small library (v1, v2) and one consumer file
per case, each written for the test after a failure seen on a real consumer
(libgit2's examples, libuv's tests): a callback typedef losing a parameter, a
removed record used through its typedef and its members, flags that moved from
macros to same-valued enumerators, a library macro whose expansion names a
changed enumerator, a type renamed with its old name kept as a typedef, a `void *`
parameter made typed, two parameters added, a consumer local named like an old
parameter, a weakly similar function and a same-valued enumerator that are not
renames, and an include taken only by another compiler.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from helpers import make_repo

HERE = Path(__file__).parent / "fixtures" / "consumers" / "rp"
OPTIONS = ["--header", "include/**/*.h", "--exclude", "include/rp/private/*"]


def tree(version: str) -> dict[str, str]:
    root = HERE / version
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*.h")}


@pytest.fixture(scope="module", params=["git", "hg"])
def rp(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(request.param)
    v1, v2 = tree("v1"), tree("v2")
    return make_repo(base / "rp", request.param, [v1, {**{k: None for k in v1 if k not in v2}, **v2}])


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def sites(rp) -> dict[str, list[dict]]:
    result = run("impact", "r1", "r2", "--repo", rp, *OPTIONS, "--consumer", HERE / "consumer", "--check",
                 "--format", "json")
    data = json.loads(result.stdout)
    by_case: dict[str, list[dict]] = {}
    for s in data["sites"]:
        by_case.setdefault(Path(s["file"]).stem, []).append(s)
    return by_case, data


def test_every_error_against_new_is_predicted(rp):
    _, data = sites(rp)
    assert data["check"]["old_errors"] == 0
    assert data["check"]["unpredicted"] == [], data["check"]["unpredicted"]


def test_sites_for_the_shapes_real_consumers_hit(rp):
    by_case, _ = sites(rp)
    kinds = {case: sorted((s["kind"], s["severity"]) for s in found) for case, found in by_case.items()}
    # A callback typedef lost a parameter: the call that passes the callback is the site.
    assert ("typedef_target_changed", "breaking") in kinds["case3"]
    # A removed record, through its typedef and its member.
    assert {s["name"] for s in by_case["case4"]} >= {"rp_err_t", "rp_err_s.code", "rp_last_error"}
    # Same-valued enumerators replaced the flag macros: nothing to do.
    assert "case5" not in by_case
    # The library macro's expansion is the macro's business: only the macro itself is a site.
    assert {s["name"] for s in by_case["case6"]} == {"RP_OPTS_INIT"}
    # The old type name is kept as a typedef: not a removal.
    assert all(s["kind"] != "record_removed" for s in by_case.get("case7", []))
    # `void *` -> a typed pointer: callers pass their own buffers, which no longer convert.
    assert all(s["severity"] == "breaking" for s in by_case["case10"])
    # Two parameters added: two sites, each with its own fix.
    assert len({s["hint"] for s in by_case["case13"]}) == 2
    # A consumer local named like the library's old parameter name is not a use.
    assert "case9" not in by_case
    # A function whose only link to its successor is the namespace: at most a weak rename, which
    # says so (and the shim does not map it, below); an enumerator matched only by its value
    # while a better-named one was added: not a rename.
    assert [s["kind"] for s in by_case["case1"]] in (["function_removed"], ["function_renamed"])
    assert [s["kind"] for s in by_case["case2"]] == ["enum_member_removed"]


def test_a_rename_resting_on_the_namespace_alone_is_weak_and_says_so(rp):
    data = json.loads(run("diff", "r1", "r2", "--repo", rp, *OPTIONS, "--format", "json").stdout)
    (weak,) = [f for f in data["findings"] if f["facts"].get("old_name") == "rp_remote_set_callbacks"]
    assert weak["confidence"] <= 0.6
    assert "the names share only their namespace: check it is the same thing" in weak["evidence"]


def test_shim_for_the_consumer_maps_nothing_unsafe_and_includes_only_what_it_takes(rp, tmp_path):
    out = tmp_path / "shim.h"
    result = run("shim", "r1", "r2", "--repo", rp, *OPTIONS, "--for", "old-code", "--consumer", HERE / "consumer",
                 "--out", out)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert not re.search(r"#define rp_remote_set_callbacks\b", text)
    assert not re.search(r"#define RP_FS_READDIR\b", text)
    assert "stdint-msvc.h" not in text            # included only under _MSC_VER
    assert "#include <rp.h>" in text


@pytest.mark.parametrize("vcs", ["git", "hg"])
def test_detection_macro_is_checked_under_your_flags(tmp_path, vcs):
    """NEW's only new macro is defined under `#ifdef LIB_EXTENSIONS`: in a build that defines it
    (the consumer's flags) it tells the revisions apart; in one that does not, nothing does.
    The compiler is asked (`-E -dM` with the consumer's flags), not the headers' text."""
    from helpers import make_repo
    repo = make_repo(tmp_path / "repo", vcs, [
        {"include/lib.h": "int lib_open(int a);\n"},
        {"include/lib.h": "#ifdef LIB_EXTENSIONS\n#define LIB_HAVE_OPEN2 1\n#endif\nint lib_open(int a, int b);\n"}])
    me = tmp_path / "me" / "use.c"
    me.parent.mkdir()
    me.write_text("#include <lib.h>\nint f(void) { return lib_open(1); }\n")

    def shim(*flags):
        return CliRunner().invoke(main, ["shim", "r1", "r2", "--repo", str(repo), "--consumer", str(me),
                                         "--arg", "lib_open.b=0", *flags])
    defined = shim("--consumer-cflags", "-DLIB_EXTENSIONS")
    assert "#if defined(LIB_HAVE_OPEN2)" in defined.stdout, defined.output
    assert "under your flags" in defined.stdout
    plain = shim()
    assert "LIB_HAVE_OPEN2" not in plain.stdout.split("#error")[0] and "#error" in plain.stdout, plain.output
