"""Profiles: eras, mapped include directories, stub headers, optional headers, top-level order, errors.

Every repository here is a small fixture written for the test (git and hg);
profiles are TOML files written next to it, or in tests/fixtures/profiles.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.errors import MissingFileError, NoHeadersError, ProfileError
from apicompat.extract.pipeline import extract_model
from apicompat.profiles import BUILTIN_DIR, builtin_names, load_profile
from apicompat.settings import Settings
from apicompat.vcs import open_repository
from helpers import make_repo

FIXTURES = Path(__file__).parent / "fixtures" / "profiles"

# Revision 1 keeps the library in src/; revision 2 moves it to include/lib/ and
# adds lib_flush.  A consumer writes #include <lib.h> / <lib/lib.h> either way.
LIB_V1 = """\
#ifndef LIB_H
#define LIB_H
#include "lib_types.h"
int lib_open(lib_handle **h);
#endif
"""
LIB_V2 = LIB_V1.replace("#endif", "int lib_flush(lib_handle *h);\n#endif")
TYPES = "#ifndef LIB_TYPES_H\n#define LIB_TYPES_H\ntypedef struct lib_handle lib_handle;\n#endif\n"

TWO_ERAS = """\
name = "moving"

[[era]]
name = "include/lib"
when_exists = "include/lib/lib.h"
headers = ["include/lib/*.h"]

[[era]]
name = "src"
headers = ["src/lib*.h"]
"""


def write_profile(tmp_path: Path, text: str, name: str = "profile.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def models(repo_path: Path, profile: Path, *revs: str, **settings):
    with open_repository(str(repo_path)) as repo:
        s = Settings(profile=load_profile(str(profile)), **settings)
        return [extract_model(repo, repo.resolve(r), s.config_at(repo, repo.resolve(r).id)) for r in revs]


# -- eras ---------------------------------------------------------------------------

@pytest.fixture
def moving_repo(repo_factory):
    return repo_factory([
        {"src/lib.h": LIB_V1, "src/lib_types.h": TYPES},
        {"src/lib.h": None, "src/lib_types.h": None,
         "include/lib/lib.h": LIB_V2, "include/lib/lib_types.h": TYPES},
    ])


def test_first_matching_era_wins_at_each_revision(moving_repo, tmp_path):
    profile = load_profile(str(write_profile(tmp_path, TWO_ERAS)))
    with open_repository(str(moving_repo)) as repo:
        eras = [profile.era_at(repo, repo.resolve(r).id).name for r in ("r1", "r2")]
        configs = [profile.config_at(repo, repo.resolve(r).id) for r in ("r1", "r2")]
    assert eras == ["src", "include/lib"]
    assert [c.headers for c in configs] == [["src/lib*.h"], ["include/lib/*.h"]]
    assert configs[1].profile == "moving (include/lib)"


def test_headers_that_move_are_the_same_api(moving_repo, tmp_path):
    old, new = models(moving_repo, write_profile(tmp_path, TWO_ERAS), "r1", "r2")
    assert old.headers == ["src/lib.h", "src/lib_types.h"]
    assert new.headers == ["include/lib/lib.h", "include/lib/lib_types.h"]
    assert sorted(old.functions) == ["lib_open"]
    assert sorted(new.functions) == ["lib_flush", "lib_open"]
    assert new.functions["lib_open"].loc.file == "include/lib/lib.h"


def test_diff_across_eras_reports_only_the_real_change(moving_repo, tmp_path):
    import json
    profile = write_profile(tmp_path, TWO_ERAS)
    result = run("diff", "r1", "r2", "--repo", moving_repo, "--profile", profile, "--format", "json")
    findings = json.loads(result.output)["findings"]
    assert [(f["kind"], f["symbol"]) for f in findings if f["kind"].startswith("function")] == \
        [("function_added", "lib_flush")]
    assert not any(f["kind"] == "function_removed" for f in findings)


def test_a_walk_remembers_each_revisions_era(moving_repo, tmp_path, monkeypatch):
    """Revisions never change, so their era is kept in the history cache: a second walk asks the
    repository about no era marker (a full-history walk asked git tens of thousands of times)."""
    profile = write_profile(tmp_path, TWO_ERAS)
    args = ["timeline", "--repo", moving_repo, "--profile", profile, "--format", "json", "-j", "1"]
    first = run(*args)
    asked = []
    with open_repository(str(moving_repo)) as repo:
        cls = type(repo)
    original = cls.exists_at
    monkeypatch.setattr(cls, "exists_at", lambda self, pairs: asked.extend(p for _, p in pairs) or original(self, pairs))
    second = run(*args)
    assert second.output == first.output and "lib_flush" in second.output
    assert "include/lib/lib.h" not in asked


def test_a_walk_asks_the_era_markers_of_many_revisions_at_once(repo_factory, tmp_path, monkeypatch):
    """A cold walk learns every revision's era in one question to the repository (git: one
    write to cat-file), not one per revision; the eras are those era_at gives."""
    repo = repo_factory([{"src/lib.h": LIB_V1, "src/lib_types.h": TYPES}]
                        + [{"src/lib.h": LIB_V1 + f"int lib_v{i}(void);\n"} for i in range(4)]
                        + [{"src/lib.h": None, "src/lib_types.h": None,
                            "include/lib/lib.h": LIB_V2, "include/lib/lib_types.h": TYPES}]
                        + [{"include/lib/lib.h": LIB_V2 + f"int lib_w{i}(void);\n"} for i in range(3)])
    profile = write_profile(tmp_path, TWO_ERAS)
    with open_repository(str(repo)) as opened:
        cls = type(opened)
        revs = [opened.resolve(f"r{i}").id for i in range(1, 10)]
        expected = [load_profile(str(profile)).era_at(opened, r).name for r in revs]
    assert expected == ["src"] * 5 + ["include/lib"] * 4
    calls = []
    original = cls.exists_at
    monkeypatch.setattr(cls, "exists_at", lambda self, pairs: calls.append(list(pairs)) or original(self, pairs))
    result = run("timeline", "--repo", repo, "--profile", profile, "--format", "json", "-j", "1", "--no-cache")
    assert result.exit_code in (0, 4), result.output
    assert "lib_w2" in result.output and "lib_v3" in result.output
    assert len(calls) == 1 and {rev for rev, _ in calls[0]} >= set(revs[1:]), calls


def test_no_era_matches(moving_repo, tmp_path):
    profile = write_profile(tmp_path, """\
        [[era]]
        when_exists = "nowhere.h"
        headers = ["src/*.h"]
        """)
    result = run("diff", "r1", "r2", "--repo", moving_repo, "--profile", profile)
    assert result.exit_code == 1
    assert "no era matches this revision (none of nowhere.h exists)" in result.output


# -- include directories --------------------------------------------------------------

MAPPED_LIB = """\
#ifndef LIB_H
#define LIB_H
#include <pub/defs.h>
lib_size lib_length(const char *s);
#endif
"""
DEFS = "#ifndef DEFS_H\n#define DEFS_H\ntypedef unsigned long lib_size;\n#endif\n"


def test_include_dir_mapped_under_another_name(repo_factory, tmp_path):
    # The build shows api/public/ as <pub/...>, as Xen shows xen/include/public as <xen/...>.
    repo = repo_factory([{"include/lib.h": MAPPED_LIB, "api/public/defs.h": DEFS}])
    profile = write_profile(tmp_path, """\
        headers = ["include/*.h"]
        include_dirs = [{ path = "api/public", as = "pub" }]
        """)
    (model,) = models(repo, profile, "r1")
    length = model.functions["lib_length"]
    assert (length.return_type, length.return_resolved) == ("lib_size", "unsigned long")
    assert "lib_size" not in model.typedefs       # a dependency's declaration, not the library's


def test_mapped_include_dir_from_the_command_line(repo_factory):
    repo = repo_factory([{"include/lib.h": MAPPED_LIB, "api/public/defs.h": DEFS}])
    result = run("diff", "r1", "r1", "--repo", repo, "-I", "api/public=pub")
    assert result.exit_code == 0, result.output
    unmapped = run("diff", "r1", "r1", "--repo", repo, "--strict")
    assert unmapped.exit_code == 1
    assert "pub/defs.h" in unmapped.output


def test_profile_relative_stub_headers(repo_factory):
    repo = repo_factory([{"include/lib.h": '#include <dep/dep.h>\nint lib_use(dep_handle *h);\n'}])
    (model,) = models(repo, FIXTURES / "stubbed.toml", "r1")
    assert model.functions["lib_use"].params[0].type == "dep_handle *"
    assert model.problems == []


# -- optional headers, defines, top-level order ------------------------------------------

def test_optional_header_may_be_missing(repo_factory, tmp_path):
    repo = repo_factory([{"include/lib.h": "int lib_a(void);\n"},
                         {"include/lib_extra.h": "int lib_b(void);\n"}])
    optional = write_profile(tmp_path, """\
        headers = ["include/lib.h", "include/lib_extra.h"]
        optional = ["include/lib_extra.h"]
        """)
    first, second = models(repo, optional, "r1", "r2")
    assert (first.headers, first.problems) == (["include/lib.h"], [])
    assert sorted(second.functions) == ["lib_a", "lib_b"]
    required = write_profile(tmp_path, 'headers = ["include/lib.h", "include/lib_extra.h"]\n', "required.toml")
    with pytest.raises(MissingFileError, match="include/lib_extra.h does not exist at revision"):
        models(repo, required, "r1")


def test_profile_defines_and_command_line_defines_add_up(repo_factory, tmp_path):
    repo = repo_factory([{"include/lib.h": "#ifdef LIB_A\nint lib_a(void);\n#endif\n"
                                           "#ifdef LIB_B\nint lib_b(void);\n#endif\n"}])
    profile = write_profile(tmp_path, 'headers = ["include/*.h"]\ndefines = ["LIB_A"]\n')
    (model,) = models(repo, profile, "r1", defines=["LIB_B"])
    assert sorted(model.functions) == ["lib_a", "lib_b"]


# _gen.h is public but only compiles after lib.h (like libxl's generated _libxl_types.h);
# sorted, it would come first.
TOP_LIB = "#ifndef LIB_H\n#define LIB_H\ntypedef int lib_id;\n#include \"_gen.h\"\n#endif\n"
GEN = "#ifndef GEN_H\n#define GEN_H\nlib_id lib_gen_id(void);\n#endif\n"
BROKEN_UTIL = "#include \"lib.h\"\n#include <missing/dependency.h>\nint lib_util(void);\n"


def test_top_level_headers_come_first(repo_factory, tmp_path):
    repo = repo_factory([{"include/lib.h": TOP_LIB, "include/_gen.h": GEN}])
    profile = write_profile(tmp_path, 'headers = ["include/*.h"]\ntop_level = ["include/lib.h"]\n')
    (model,) = models(repo, profile, "r1")
    assert model.problems == []
    assert model.functions["lib_gen_id"].loc.file == "include/_gen.h"
    # Without top_level, the headers no other public header includes come first: lib.h includes
    # _gen.h, so _gen.h is read after it, as a consumer's compile reads it.
    unordered = write_profile(tmp_path, 'headers = ["include/*.h"]\n', "unordered.toml")
    (inferred,) = models(repo, unordered, "r1")
    assert inferred.problems == [] and inferred.functions["lib_gen_id"].loc.file == "include/_gen.h"


def test_a_broken_top_level_header_does_not_hide_the_others(repo_factory, tmp_path):
    repo = repo_factory([{"include/lib.h": TOP_LIB, "include/_gen.h": GEN, "include/util.h": BROKEN_UTIL}])
    profile = write_profile(tmp_path, """\
        headers = ["include/*.h"]
        top_level = ["include/util.h", "include/lib.h"]
        """)
    (model,) = models(repo, profile, "r1")
    assert [p.file for p in model.problems] == ["include/util.h"]
    assert "missing/dependency.h" in model.problems[0].message
    assert sorted(model.functions) == ["lib_gen_id"]


def test_top_level_matching_nothing_is_an_error(repo_factory, tmp_path):
    repo = repo_factory([{"include/lib.h": TOP_LIB, "include/_gen.h": GEN}])
    profile = write_profile(tmp_path, 'headers = ["include/*.h"]\ntop_level = ["include/nope.h"]\n')
    with pytest.raises(NoHeadersError, match="top_level"):
        models(repo, profile, "r1")


# -- finding profiles, and bad ones ---------------------------------------------------------

def test_apicompat_toml_in_the_current_directory_is_used(moving_repo, tmp_path, monkeypatch):
    write_profile(tmp_path, TWO_ERAS, "apicompat.toml")
    monkeypatch.chdir(tmp_path)
    result = run("diff", "r1", "r2", "--repo", moving_repo)
    assert result.exit_code & 4, result.output          # changed (found both eras' headers)
    assert "Function added: lib_flush" in result.output


@pytest.mark.parametrize("fixture, message", [
    ("bad_syntax.toml", "is not valid TOML"),
    ("unknown_key.toml", "unknown setting(s) header"),
    ("unknown_era_key.toml", "era 1 has unknown setting(s) trust"),
])
def test_a_bad_profile_is_one_clear_message(tmp_path, fixture, message):
    # The profile is read before the repository is opened.
    result = run("diff", "r1", "r2", "--repo", tmp_path, "--profile", FIXTURES / fixture)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("apicompat: error:")]
    assert len(errors) == 1 and message in errors[0], result.output
    assert fixture in errors[0]


def test_missing_generator_table_and_unknown_profile(tmp_path):
    with pytest.raises(ProfileError, match=r"no \[generator.gen\] table"):
        profile = load_profile(str(write_profile(tmp_path, 'generators = ["gen"]\n')))
        profile.config_at(None, "")
    with pytest.raises(ProfileError, match="not a file, and not a built-in profile .built-in: .*xen-libxl"):
        load_profile("no-such-profile")


# -- the built-in xen-libxl profile, without a Xen repository ---------------------------------

def test_xen_libxl_is_built_in_and_consistent():
    assert "xen-libxl" in builtin_names()
    profile = load_profile("xen-libxl")
    assert profile.builtin and not profile.trust
    markers = [era.when_exists for era in profile.eras]
    assert markers[0] == "tools/include/xen_list.h" and markers[-1] == "tools/libxl/libxl.h"
    for era in profile.eras:
        for name in era.settings.get("generators", []):
            assert profile.generators[name]["type"] == "libxl-idl"
        for entry in era.settings.get("include_dirs", []):
            if isinstance(entry, dict) and entry.get("profile_relative"):
                assert (BUILTIN_DIR / entry["path"]).is_dir(), entry


@pytest.mark.parametrize("stub", sorted(p.relative_to(BUILTIN_DIR / "xen-libxl").as_posix()
                                        for p in (BUILTIN_DIR / "xen-libxl").rglob("*.h")))
def test_xen_libxl_stub_headers_parse(stub, tmp_path):
    # Each stub, included on its own, goes through the preprocessor and pycparser.
    directory = "libxc-4.1" if stub.startswith("libxc-4.1/") else "deps"
    include = stub.split("/", 1)[1]
    repo = make_repo(tmp_path / "repo", "git", [{"include/use.h": f"#include <{include}>\nint use_stub(void);\n"}])
    with open_repository(str(repo)) as opened:
        from apicompat.extract.config import ExtractConfig, IncludeDir
        config = ExtractConfig(headers=["include/*.h"], strict=True, include_dirs=[
            IncludeDir(str(BUILTIN_DIR / "xen-libxl" / directory)),
            IncludeDir(str(BUILTIN_DIR / "xen-libxl" / "deps"))])
        model = extract_model(opened, opened.resolve("r1"), config)
    assert "use_stub" in model.functions
