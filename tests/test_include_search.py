"""Issue 10: include search as a compiler does it, honest verdicts, public means reachable, --exclude.

Each library here is a few lines written for the test, on git and on hg.
"""
from __future__ import annotations

import json

from click.testing import CliRunner

from apicompat.cli import main

# A library that ships an MSVC-only stdint.h beside its public headers, as many do.
MSVC_STDINT = """\
/* For Microsoft compilers only: other compilers have their own stdint.h. */
#ifndef _MSC_VER
#error "Use this header only with Microsoft Visual C++ compilers!"
#endif
typedef __int64 int64_t;
"""
COMMON = """\
#ifndef LIB_COMMON_H
#define LIB_COMMON_H
#include <stdint.h>
#include <lib/types.h>
int64_t lib_size(lib_handle *h);
#endif
"""
TYPES_OLD = "typedef struct lib_handle lib_handle;\nint lib_open(lib_handle **out);\n"
TYPES_NEW = "typedef struct lib_handle lib_handle;\nint lib_open(lib_handle **out, int flags);\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def stand_in_library(repo_factory):
    return repo_factory([
        {"include/lib/common.h": COMMON, "include/lib/types.h": TYPES_OLD, "include/lib/stdint.h": MSVC_STDINT},
        {"include/lib/types.h": TYPES_NEW},
    ])


def test_a_platform_stand_in_does_not_shadow_the_system_header(repo_factory):
    """The glob's own folder is -iquote only: common.h's <stdint.h> finds the system's."""
    repo = stand_in_library(repo_factory)
    result = run("diff", "r1", "r2", "--repo", repo, "--header", "include/lib/*.h", "--format", "json")
    data = json.loads(result.output)
    assert {p["file"] for p in data["problems"]} == {"include/lib/stdint.h"}
    assert [f["kind"] for f in data["findings"]] == ["function_param_added"]
    # The stand-in's own problem names its cause and the remedy that fits (not -D _MSC_VER).
    message = data["problems"][0]["message"]
    assert "stand-in for the system's <stdint.h>" in message
    assert "--exclude 'include/lib/stdint.h'" in message


def test_incomplete_read_says_so_first_and_sets_exit_bit_32(repo_factory):
    repo = stand_in_library(repo_factory)
    text = run("diff", "r1", "r2", "--repo", repo, "--header", "include/lib/*.h")
    assert text.exit_code == 12 | 32
    assert text.output.splitlines()[0].startswith("! INCOMPLETE: 1 of 3 public header(s) not compared")
    assert "Verdict: incomplete: 1 of 3 public header(s) not compared; among the rest: 1 breaking" in text.output
    data = json.loads(run("diff", "r1", "r2", "--repo", repo, "--header", "include/lib/*.h", "--format", "json").output)
    assert data["complete"] is False and data["unread_headers"] == ["include/lib/stdint.h"]
    assert data["exit_status"] == 44 and data["verdict"].startswith("incomplete:")
    markdown = run("diff", "r1", "r2", "--repo", repo, "--header", "include/lib/*.h", "--format", "markdown")
    assert "**Verdict:** incomplete: 1 of 3" in markdown.output


def test_exclude_leaves_the_stand_in_out_and_the_verdict_is_complete(repo_factory):
    repo = stand_in_library(repo_factory)
    result = run("diff", "r1", "r2", "--repo", repo, "--header", "include/lib/*.h",
                 "--exclude", "include/lib/stdint.h")
    assert result.exit_code == 12, result.output
    assert "INCOMPLETE" not in result.output and "could not read" not in result.output


def test_too_little_read_is_an_error_not_a_verdict(repo_factory):
    broken = "#error this library needs a configure step\n"
    repo = repo_factory([
        {"include/a.h": "int a(void);\n", "include/b.h": "int b(void);\n", "include/c.h": "int c(void);\n"},
        {"include/a.h": "int a(int);\n", "include/b.h": broken, "include/c.h": broken},
    ])
    result = run("diff", "r1", "r2", "--repo", repo)
    assert result.exit_code == 1, result.output
    assert "only 1 of 3 public headers could be read, too few for a verdict" in result.output
    assert "Traceback" not in result.output


def test_missing_define_hint_points_at_D(repo_factory):
    needs = "#ifndef LIB_TOOLS\n#error define LIB_TOOLS to use lib_tools.h\n#endif\nint lib_tool(void);\n"
    repo = repo_factory([
        {"include/a.h": "int a(void);\n", "include/b.h": "int b(void);\n"},
        {"include/a.h": "int a(void);\n", "include/b.h": "int b(void);\n", "include/tools.h": needs},
    ])
    data = json.loads(run("diff", "r1", "r2", "--repo", repo, "--format", "json").output)
    assert "it demands LIB_TOOLS: if consumers define it, pass -D LIB_TOOLS" in data["problems"][0]["message"]
    assert data["exit_status"] & 32
    assert run("diff", "r1", "r2", "--repo", repo, "-D", "LIB_TOOLS").exit_code == 4


def test_a_header_for_another_platform_is_not_told_to_define_its_macro(repo_factory):
    win = "#ifndef _WIN32\n#error Windows only\n#endif\nint lib_win(void);\n"
    repo = repo_factory([
        {"include/a.h": "int a(void);\n", "include/b.h": "int b(void);\n"},
        {"include/a.h": "int a(void);\n", "include/b.h": "int b(void);\n", "include/win.h": win},
    ])
    data = json.loads(run("diff", "r1", "r2", "--repo", repo, "--format", "json").output)
    message = data["problems"][0]["message"]
    assert "meant for another platform or compiler (_WIN32)" in message and "do not define _WIN32" in message


def test_include_root_inferred_from_the_library_own_angle_includes(repo_factory):
    """Only include/lib/*.h is named; <lib/types.h> still resolves (include/ is the inferred root)."""
    repo = repo_factory([
        {"include/lib/api.h": "#include <lib/types.h>\nlib_t lib_new(void);\n",
         "include/lib/types.h": "typedef int lib_t;\n"},
        {"include/lib/api.h": "#include <lib/types.h>\nlib_t lib_new(int size);\n",
         "include/lib/types.h": "typedef int lib_t;\n"},
    ])
    result = run("diff", "r1", "r2", "--repo", repo, "--header", "include/lib/*.h", "--format", "json")
    data = json.loads(result.output)
    assert data["complete"], data["problems"]
    assert [f["kind"] for f in data["findings"]] == ["function_param_added"]


def test_public_means_reachable_a_renamed_macro_family_in_an_included_header(repo_factory):
    """Only the umbrella header is named; the list macros it includes moved to another header
    and gained a new prefix: one rename family, not macros removed."""
    names = ["HEAD", "ENTRY", "FIRST", "NEXT", "INSERT", "REMOVE", "FOREACH", "EMPTY"]
    old_list = "".join(f"#define MYLIB_LIST_{n}(x) ((x))\n" for n in names)
    new_list = "".join(f"#define CORE_LIST_{n}(x) ((x))\n" for n in names)
    repo = repo_factory([
        {"include/lib.h": '#include "lib/mylib_list.h"\nint lib_init(void);\n', "include/lib/mylib_list.h": old_list},
        {"include/lib.h": '#include "lib/core_list.h"\nint lib_init(void);\n', "include/lib/core_list.h": new_list},
    ])
    data = json.loads(run("diff", "r1", "r2", "--repo", repo, "--header", "include/lib.h", "--format", "json").output)
    kinds = [f["kind"] for f in data["findings"]]
    assert "rename_family" in kinds, kinds
    assert "macro_removed" not in kinds
    family = next(f for f in data["findings"] if f["kind"] == "rename_family")
    assert len(family["members"]) == len(names)


def test_exclude_is_accepted_by_every_command_that_reads_headers():
    for command in ("diff", "shim", "report", "snapshot", "log", "bisect", "timeline"):
        result = run(command, "--help")
        assert "--exclude GLOB" in result.output, command


def test_profile_init_excludes_stand_ins_and_finds_demanded_defines(repo_factory, tmp_path):
    needs = "#ifndef LIB_TOOLS\n#error define LIB_TOOLS to use tools.h\n#endif\nint lib_tool(void);\n"
    repo = repo_factory([{"include/lib/common.h": COMMON, "include/lib/types.h": TYPES_OLD,
                          "include/lib/stdint.h": MSVC_STDINT, "include/lib/tools.h": needs},
                         {"include/lib/types.h": TYPES_NEW}])
    out = tmp_path / "apicompat.toml"
    result = run("profile", "init", "r2", "--repo", repo, "--out", out)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert 'headers = ["include/**/*.h"]' in text
    assert '"include/lib/stdint.h",   # the library\'s own stdint.h looks like a stand-in' in text
    assert '"LIB_TOOLS",   # include/lib/tools.h #errors without it' in text
    assert "4 of 4 public header(s) read" in text or "3 of 3 public header(s) read" in text
    # The profile it wrote gives a complete read.
    diff = run("diff", "r1", "r2", "--repo", repo, "--profile", out)
    assert diff.exit_code == 12 and "INCOMPLETE" not in diff.output, diff.output
    assert run("profile", "init", "r2", "--repo", repo, "--out", out).exit_code == 1    # no overwrite


def test_snapshot_of_headers_named_one_by_one_keeps_their_folders(repo_factory, tmp_path):
    """A profile listing `include/uv.h` and `include/uv-private/uv-unix.h` installs the second as
    `uv-private/uv-unix.h`, where uv.h's `#include "uv-private/uv-unix.h"` finds it."""
    repo = repo_factory([{"include/uv.h": '#include "uv-private/uv-unix.h"\nint uv_run(uv_loop_t *l);\n',
                          "include/uv-private/uv-unix.h": "typedef struct uv_loop_s uv_loop_t;\n"}])
    out = tmp_path / "inc"
    result = run("snapshot", "r1", "--repo", repo, "--header", "include/uv.h",
                 "--header", "include/uv-private/uv-unix.h", "--out", out)
    assert result.exit_code == 0, result.output
    assert (out / "uv.h").is_file() and (out / "uv-private" / "uv-unix.h").is_file()
    assert not (out / "uv-unix.h").exists()
    # Only the umbrella named: what it includes is laid out beside it all the same.
    only = tmp_path / "only"
    assert run("snapshot", "r1", "--repo", repo, "--header", "include/uv.h", "--out", only).exit_code == 0
    assert (only / "uv-private" / "uv-unix.h").is_file()
