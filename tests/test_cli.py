"""The command line: exit statuses, one clear message per bad input, arguments reaching the library."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.example import create_example
from helpers import make_repo


@pytest.fixture(scope="module", params=["git", "hg"])
def demo(request, tmp_path_factory):
    path = tmp_path_factory.mktemp(request.param) / "libdemo"
    create_example(path, request.param)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def assert_one_error(result, status, *fragments):
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("apicompat: error:")]
    assert len(errors) == 1, result.output
    for fragment in fragments:
        assert fragment in result.output


def test_breaking_change_exits_12(demo):
    result = run("diff", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS")
    assert result.exit_code == 12
    assert "Family of renames: *_destroy -> *_dispose" in result.output
    assert "Use `.u.pv.kernel` instead of `.kernel`." in result.output


def test_additions_only_exit_4_and_same_revision_exits_0(demo):
    additions = run("diff", "v1.0", "v1.1", "--repo", demo, "--format", "json")
    data = json.loads(additions.output)
    # 1.1 adds a function and an enumerator; the minor version macro changes (ABI only).
    assert additions.exit_code == 4
    assert {f["kind"] for f in data["findings"]} == {"function_added", "enum_member_added", "macro_value_changed"}
    assert run("diff", "v1.0", "v1.0", "--repo", demo).exit_code == 0


def test_fail_on_abi_sets_the_breaking_bit(tmp_path, vcs):
    # A buffer-size macro doubles: binaries carry the old value (abi), source still compiles.
    repo = make_repo(tmp_path / "r", vcs, [{"include/a.h": "#define A_MAX 32\nint a(void);\n"},
                                           {"include/a.h": "#define A_MAX 64\nint a(void);\n"}])
    assert run("diff", "r1", "r2", "--repo", repo).exit_code == 4
    assert run("diff", "r1", "r2", "--repo", repo, "--fail-on", "abi").exit_code == 12


def test_output_is_stable_bytes(demo):
    first = run("diff", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--format", "json").output
    second = run("diff", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--format", "json").output
    assert first == second


def test_markdown_and_out_file(demo, tmp_path):
    out = tmp_path / "sub" / "report.md"
    out.parent.mkdir()
    result = run("diff", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--format", "markdown", "--out", out)
    assert result.exit_code == 12
    text = out.read_text()
    assert text.startswith("### API changes") and "| breaking |" in text


def test_unknown_revision(demo):
    assert_one_error(run("diff", "v1.0", "no-such-tag", "--repo", demo), 1, "no-such-tag")


def test_not_a_repository(tmp_path):
    assert_one_error(run("diff", "a", "b", "--repo", tmp_path), 1, "not inside a git or Mercurial repository")


def test_missing_named_header(demo):
    result = run("diff", "v1.0", "v2.0", "--repo", demo, "--header", "include/demo_tools.h")
    assert_one_error(result, 1, "include/demo_tools.h does not exist at revision")


def test_no_header_matches(demo):
    assert_one_error(run("diff", "v1.0", "v2.0", "--repo", demo, "--header", "src/*.h"), 1, "no header matches src/*.h")


def test_unparsable_header_names_revision_file_line(tmp_path, vcs):
    repo = make_repo(tmp_path / "r", vcs, [{"include/a.h": "int a;\n"}, {"include/a.h": "int a;\nint f(;\n"}])
    result = run("diff", "r1", "r2", "--repo", repo, "--strict")
    assert_one_error(result, 1, "include/a.h:2", "int f(;")


def test_unparsable_header_without_strict_is_a_problem_not_removals(tmp_path, vcs):
    repo = make_repo(tmp_path / "r", vcs, [{"include/a.h": "int a(void);\n", "include/b.h": "int b(void);\n"},
                                           {"include/a.h": "int a(void);\nint f(;\n", "include/b.h": "int b(void);\n"}])
    result = run("diff", "r1", "r2", "--repo", repo)
    assert result.exit_code == 32, result.output      # no change among what was read, but incomplete
    assert result.output.startswith("! INCOMPLETE: 1 of 2 public header(s) not compared")
    assert "could not read include/a.h" in result.output and "function_removed" not in result.output
    assert "not compared (1): a" in result.output


def test_missing_compiler(demo):
    assert_one_error(run("diff", "v1.0", "v2.0", "--repo", demo, "--cc", "no-such-cc"), 1, "no-such-cc")


def test_usage_error_exits_2(demo):
    result = run("diff", "--repo", demo)                 # no revision at all
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert run("diff", "v1.0", "v2.0", "--format", "yaml").exit_code == 2


def test_arguments_reach_the_library(monkeypatch, demo):
    seen = {}

    def fake_diff(repo, old, new, settings, fail_on, accepts, use_cache):
        seen.update(repo=repo, old=old, new=new, settings=settings, fail_on=fail_on, use_cache=use_cache)
        raise SystemExit(0)
    monkeypatch.setattr("apicompat.api.diff_revisions", fake_diff)
    CliRunner().invoke(main, ["diff", "A", "B", "--repo", str(demo), "--header", "inc/*.h", "-I", "dep/inc=dep",
                              "-D", "X=1", "--cc", "gcc", "--trust", "--strict", "--fail-on", "abi",
                              "--exclude", "inc/win*.h", "--no-cache"])
    s = seen["settings"]
    assert (seen["repo"], seen["old"], seen["new"], seen["fail_on"]) == (str(demo), "A", "B", ("breaking", "abi"))
    assert seen["use_cache"] is False
    assert (s.headers, s.defines, s.compiler, s.trust, s.strict) == (["inc/*.h"], ["X=1"], "gcc", True, True)
    assert s.excludes == ["inc/win*.h"]
    assert [(d.path, d.as_name) for d in s.include_dirs] == [("dep/inc", "dep")]


def test_kinds_lists_and_explains():
    listing = run("kinds")
    assert listing.exit_code == 0 and "function_param_added" in listing.output
    explained = run("kinds", "--explain", "record_field_moved")
    assert explained.exit_code == 0 and "moved" in explained.output.lower()
    assert run("kinds", "--explain", "nope").exit_code == 2


def test_example_refuses_a_non_empty_directory(tmp_path):
    (tmp_path / "x").write_text("keep me")
    assert_one_error(run("example", tmp_path), 1, "not empty")
    assert (tmp_path / "x").read_text() == "keep me"


def test_accepted_findings_do_not_set_the_breaking_bit(demo, tmp_path):
    accept = tmp_path / "accept.toml"
    accept.write_text('[[accept]]\nkind = "*"\nsymbol = "*"\nreason = "port done"\n')
    result = run("diff", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--accept", accept)
    assert result.exit_code == 4, result.output
    assert "accepted: port done" in result.output


def test_accept_entry_without_reason_is_one_clear_error(demo, tmp_path):
    accept = tmp_path / "accept.toml"
    accept.write_text('[[accept]]\nkind = "function_removed"\nsymbol = "demo_*"\n')
    result = run("diff", "v1.0", "v2.0", "--repo", demo, "--accept", accept)
    assert_one_error(result, 1, "entry 1 needs reason")


@pytest.mark.parametrize("text,line,fragment", [
    ("int a;\nint tiny_broken(int a,;\nint b;\n", 2, "int tiny_broken(int a,;"),
    ("int a;\nint tiny_x(int\n", 2, "ends inside a declaration"),
])
def test_unreadable_only_header_names_its_line_without_temp_paths(tmp_path, text, line, fragment):
    repo = make_repo(tmp_path / "r", "git", [{"include/t.h": "int a;\n"}, {"include/t.h": text}])
    result = run("diff", "r1", "r2", "--repo", repo)
    assert_one_error(result, 1, f"include/t.h:{line}", fragment)
    assert "apicompat_main.c" not in result.output and "/tmp/" not in result.output


@pytest.mark.parametrize("command", [["diff", "v1.0", "v2.0"], ["shim", "v1.0", "v2.0"], ["report", "v1.0", "v2.0"]])
def test_an_unwritable_out_file_is_one_clear_error(demo, command):
    result = run(*command, "--repo", demo, "-D", "DEMO_TOOLS", "--out", "/proc/no/such/file")
    assert_one_error(result, 1, "cannot write /proc/no/such/file")


def test_snapshot_to_an_unwritable_folder_is_one_clear_error(demo):
    assert_one_error(run("snapshot", "v1.0", "--repo", demo, "--out", "/proc/no/dir"), 1, "/proc/no")


def test_a_missing_absolute_include_dir_is_an_error(demo):
    assert_one_error(run("diff", "v1.0", "v2.0", "--repo", demo, "-I", "/no/such/dir"), 1,
                     "include directory /no/such/dir does not exist")


def test_acknowledgements_are_found_at_the_repository_top_and_stale_ones_warned(tmp_path, monkeypatch):
    repo = tmp_path / "libdemo"
    create_example(repo)
    (repo / "apicompat.toml").write_text(
        '[[accept]]\nkind = "*"\nsymbol = "*"\nreason = "port done"\n'
        '[[accept]]\nkind = "function_removed"\nsymbol = "gone_long_ago"\nreason = "old"\n')
    monkeypatch.chdir(tmp_path)            # elsewhere: the repository's own file still applies
    result = CliRunner().invoke(main, ["diff", "v1.0", "v2.0", "--repo", str(repo), "-D", "DEMO_TOOLS"])
    assert result.exit_code == 4, result.output
    assert "symbol=gone_long_ago matches no finding" in result.stderr


def test_detect_naming_an_unknown_macro_warns(demo):
    result = CliRunner().invoke(main, ["shim", "v1.0", "v2.0", "--repo", str(demo), "-D", "DEMO_TOOLS",
                                                       "--detect", "NOT_DEFINED_ANYWHERE"])
    assert result.exit_code == 0
    assert "neither revision's public headers define NOT_DEFINED_ANYWHERE" in result.stderr


def test_show_lists_only_the_worst_but_counts_everything(demo):
    result = run("diff", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--show", "breaking")
    assert result.exit_code == 12
    assert "Function added" not in result.output and "Family of renames" in result.output
    assert "compatible 12" in result.output and "(listing breaking only: 15 more not listed)" in result.output


def test_report_links_files_and_revisions(demo, tmp_path):
    out = tmp_path / "r.html"
    result = run("report", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--out", out,
                 "--file-url", "https://git.example.org/demo/tree/{path}?id={rev}#n{line}",
                 "--rev-url", "https://git.example.org/demo/commit/?id={rev}")
    assert result.exit_code == 12
    html = out.read_text()
    assert 'href="https://git.example.org/demo/tree/include/demo.h?id=' in html
    assert 'href="https://git.example.org/demo/commit/?id=' in html


@pytest.mark.parametrize("entry", ["main", "run"])     # run: the console script's way out (os._exit)
def test_a_closed_pipe_is_a_quiet_success(tmp_path, entry):
    """`apicompat kinds | head -1`: no 'Broken pipe' error, exit 0, like other Unix tools."""
    import subprocess
    import sys
    script = f"import sys\nfrom apicompat.cli import {entry}\nsys.argv = ['apicompat', 'kinds', '--markdown']\n{entry}()\n"
    # `true` exits before Python has started, so the first write meets a closed pipe.
    proc = subprocess.run(f"{sys.executable} -c \"{script}\" | true; echo \"${{PIPESTATUS[0]}}\"", shell=True,
                          capture_output=True, text=True, executable="/bin/bash",
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)})
    assert proc.stdout.strip() == "0", proc.stderr
    assert "Broken pipe" not in proc.stderr and "Traceback" not in proc.stderr


def test_out_in_a_missing_folder_is_an_error_not_a_new_folder(demo, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "x.txt"
    assert_one_error(run("diff", "v1.0", "v1.1", "--repo", demo, "--out", target), 1, "does not exist")
    assert not (tmp_path / "no").exists()


def test_include_dir_at_no_revision_warns(demo):
    result = CliRunner().invoke(main, ["diff", "v1.0", "v1.1", "--repo", str(demo), "-I", "nosuchdir"])
    assert "warning: include directory nosuchdir has no files at revision" in result.output


def test_a_reversed_range_says_so(demo):
    result = run("timeline", "v2.0..v1.0", "--repo", demo, "-D", "DEMO_TOOLS")
    assert_one_error(result, 1, "is reversed", "did you mean v1.0..v2.0?")


@pytest.mark.parametrize("vcs", ["git", "hg"])
def test_snapshot_says_which_headers_are_a_profiles_stand_ins(tmp_path, vcs):
    """A profile's stub folder (profile_relative include_dirs) fills in a header another part of
    the build installs: `snapshot` lays it out so `cc -I DIR` works, and says it is a stand-in."""
    from helpers import make_repo
    repo = make_repo(tmp_path / "repo", vcs, [{"include/a.h": "#include <dep.h>\nint a(dep_t);\n"}])
    profile_dir = tmp_path / "prof"
    (profile_dir / "stubs").mkdir(parents=True)
    (profile_dir / "stubs" / "dep.h").write_text("typedef int dep_t;\n")
    (profile_dir / "p.toml").write_text('headers = ["include/*.h"]\n'
                                        'include_dirs = [{ path = "stubs", profile_relative = true }]\n')
    result = CliRunner().invoke(main, ["snapshot", "r1", "--repo", str(repo), "--profile",
                                       str(profile_dir / "p.toml"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "dep.h").is_file()
    assert "stand-ins" in result.output and "dep.h" in result.output.splitlines()[-1]
