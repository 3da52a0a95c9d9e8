"""Issue 11: severity judged as C does -- proven by the compiler, and the severity rules.

Each declaration below changes in one way; the comment says what C makes of
it.  The whole CLI runs on git and hg, so the compile against NEW happens
as a user's run does it.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from apicompat.cli import main

OLD = """\
typedef long lib_len;
struct lib_s { int count; char *name; };
extern int lib_level;
int lib_scale(int factor);
int lib_ratio(void);
void lib_set(int v);
char *lib_name(void);
void lib_ptr(int *p);
int lib_fixed(const int n);
int lib_buf(char b[16]);
int lib_copy(char src[]);
unsigned lib_count(unsigned long int n);
#define LIB_MAX_PATH 256
#define LIB_VERSION_MINOR 4
#define LIB_FLAG 0x01
"""
NEW = """\
typedef long long lib_len;
struct lib_s { int count; struct lib_s *name; };
extern double lib_level;
int lib_scale(double factor);
float lib_ratio(void);
long lib_set(int v);
const char *lib_name(void);
void lib_ptr(long *p);
int lib_fixed(int n);
int lib_buf(char b[32]);
int lib_copy(const char src[]);
unsigned int lib_count(unsigned long n);
#define LIB_MAX_PATH 4096
#define LIB_VERSION_MINOR 5
#define LIB_FLAG 1
"""


def diff_json(repo, *extra) -> dict:
    """`apicompat diff r1 r2 --format json` on `repo`, read."""
    result = CliRunner().invoke(main, ["diff", "r1", "r2", "--repo", str(repo), "--format", "json", *extra],
                                catch_exceptions=False)
    return json.loads(result.output)


def severities(repo_factory):
    data = diff_json(repo_factory([{"include/lib.h": OLD}, {"include/lib.h": NEW}]))
    return {(f["kind"], f["symbol"]): f for f in data["findings"]}, data


def assert_settled_by_the_compiler(data: dict, symbol: str = "lib_scale") -> None:
    """The int -> double parameter of `symbol` got the compiler's verdict: abi, with its evidence."""
    found = {(f["kind"], f["symbol"]): f for f in data["findings"]}
    change = found[("function_param_type_changed", symbol)]
    assert change["severity"] == "abi" and any("still compile against" in e for e in change["evidence"])


def test_the_compiler_settles_type_changes(repo_factory):
    found, _ = severities(repo_factory)
    # int -> double parameter, int -> float return, int -> double variable: C converts implicitly.
    for key in [("function_param_type_changed", "lib_scale"), ("function_return_type_changed", "lib_ratio"),
                ("variable_type_changed", "lib_level")]:
        assert found[key]["severity"] == "abi", key
        assert any("still compile against" in e for e in found[key]["evidence"]), key
    # int -> float keeps 4 bytes but moves to other registers: still an ABI break, and it says why.
    assert any("from the integer to the sse registers" in e
               for e in found[("function_return_type_changed", "lib_ratio")]["evidence"])


def test_layout_claims_come_from_the_compiler(repo_factory):
    """long -> long long: the same 8 bytes and register class on an LP64 target: no ABI break."""
    import ctypes
    found, _ = severities(repo_factory)
    typedef = found[("typedef_target_changed", "lib_len")]
    assert any("still compile against" in e for e in typedef["evidence"])
    if ctypes.sizeof(ctypes.c_long) == ctypes.sizeof(ctypes.c_longlong):
        assert typedef["severity"] == "compatible"
        assert any("size 8, alignment 8 and the integer register class are unchanged" in e
                   for e in typedef["evidence"])
    else:                                   # ILP32: long is 4 bytes, long long 8
        assert typedef["severity"] == "abi"
    # int -> double: the variable grows from 4 to 8 bytes.
    assert any("size 4, alignment 4 -> size 8, alignment 8" in e
               for e in found[("variable_type_changed", "lib_level")]["evidence"])
    # const char * returned into a char *, int * -> long * argument, char * field <- struct pointer:
    # constraint violations, errors under the usual consumer flags.
    for key, words in [(("function_return_type_changed", "lib_name"), "discards"),
                       (("function_param_type_changed", "lib_ptr"), "incompatible pointer type"),
                       (("record_field_type_changed", "lib_s.name"), "incompatible pointer type")]:
        assert found[key]["severity"] == "breaking", key
        assert any(e.startswith("compiler: old uses of it fail") and words in e for e in found[key]["evidence"])


def test_the_judge_lays_out_each_revision_once_and_a_worker_changes_no_verdict(repo_factory, monkeypatch):
    """The witnesses and NEW's layout probe share one snapshot of NEW; OLD's probe runs beside
    them in a forked worker where there is one.  Without a worker (APICOMPAT_JOBS=1) the same
    findings come out, and this process lays out each revision once for the judge."""
    from apicompat.extract import compile_check
    repo = repo_factory([{"include/lib.h": OLD}, {"include/lib.h": NEW}])
    laid_out = []
    real = compile_check.Snapshot

    def counted(repo, rev, *args, **kwargs):
        laid_out.append(rev)
        return real(repo, rev, *args, **kwargs)
    monkeypatch.setattr(compile_check, "Snapshot", counted)
    with_worker = diff_json(repo, "--no-cache")
    monkeypatch.setenv("APICOMPAT_JOBS", "1")
    del laid_out[:]
    alone = diff_json(repo, "--no-cache")
    assert len(laid_out) == 2 and len(set(laid_out)) == 2, laid_out
    assert with_worker["findings"] == alone["findings"]
    assert_settled_by_the_compiler(alone)
    assert any("size 4, alignment 4 -> size 8, alignment 8" in e for f in alone["findings"]
               for e in f["evidence"] if f["symbol"] == "lib_level")


def test_qualifiers_and_array_sizes_of_parameters_are_not_part_of_the_type(repo_factory):
    found, _ = severities(repo_factory)
    assert not [k for k in found if k[1] in ("lib_fixed", "lib_buf") and found[k]["severity"] in ("breaking", "abi")]
    # An array parameter made const is a pointer to const: old arguments still convert.
    assert found[("function_param_const_added", "lib_copy")]["severity"] == "compatible"
    # `unsigned` is `unsigned int`, `unsigned long int` is `unsigned long`: no change at all.
    assert not [k for k in found if k[1].startswith("lib_count")]


def test_severity_rules(repo_factory):
    found, data = severities(repo_factory)
    # void -> long return: nobody reads the result.
    assert found[("function_return_type_changed", "lib_set")]["severity"] == "compatible"
    # A version macro is info; a respelled macro with the same value is info; a size is abi.
    assert found[("macro_value_changed", "LIB_VERSION_MINOR")]["severity"] == "info"
    assert found[("macro_value_changed", "LIB_FLAG")]["severity"] == "info"
    assert found[("macro_value_changed", "LIB_MAX_PATH")]["severity"] == "abi"
    assert data["counts"]["breaking"] == 3


# -- deprecated aliases: renamed, old name kept -> a deprecation, not a break ------------------

DEPRECATED_OLD = """\
typedef struct lib_buf { char *ptr; } lib_buf;
void lib_buf_free(lib_buf *b);
typedef enum { LIB_CHECKOUT_SAFE_CREATE = 1, LIB_CHECKOUT_FORCE = 2 } lib_checkout_t;
int lib_gone(void);
"""
DEPRECATED_NEW = """\
typedef struct lib_buf { char *ptr; } lib_buf;
void lib_buf_dispose(lib_buf *b);
typedef enum { LIB_CHECKOUT_SAFE = 1, LIB_CHECKOUT_FORCE = 2 } lib_checkout_t;
#include "deprecated.h"
"""
DEPRECATED_H = """\
#ifndef LIB_DEPRECATE_HARD
#define lib_buf_free lib_buf_dispose
#define LIB_CHECKOUT_SAFE_CREATE LIB_CHECKOUT_SAFE
#endif
"""


def test_a_rename_with_an_alias_is_a_deprecation_with_its_opt_out(repo_factory):
    repo = repo_factory([{"include/lib.h": DEPRECATED_OLD},
                         {"include/lib.h": DEPRECATED_NEW, "include/deprecated.h": DEPRECATED_H}])
    result = CliRunner().invoke(main, ["diff", "r1", "r2", "--repo", str(repo), "--format", "json"],
                                catch_exceptions=False)
    data = json.loads(result.output)
    found = {(f["kind"], f["symbol"]): f for f in data["findings"]}
    for key in [("function_renamed", "lib_buf_dispose"), ("enum_member_renamed", "LIB_CHECKOUT_SAFE")]:
        assert found[key]["severity"] == "compatible", key
        assert found[key]["facts"]["opt_out"] == "LIB_DEPRECATE_HARD"
        assert "deprecated alias" in found[key]["message"]
    # The alias is the same change, not a macro of its own; a removal without alias still breaks.
    assert not [k for k in found if k[0] == "macro_added"]
    assert found[("function_removed", "lib_gone")]["severity"] == "breaking"
    assert data["exit_status"] == 12 and data["counts"]["breaking"] == 1


# -- internals: their own section, never counted ------------------------------------------------

INTERNAL_OLD = """\
#define LIB_HANDLE_PRIVATE_FIELDS int flags; void *next;
struct lib_handle { void *data; LIB_HANDLE_PRIVATE_FIELDS };
struct lib_req { int reserved[4]; int type; };
int _lib_impl(void);
int lib_run(int mode);
"""
INTERNAL_NEW = """\
#define LIB_HANDLE_PRIVATE_FIELDS unsigned flags; struct lib_handle *next;
struct lib_handle { void *data; LIB_HANDLE_PRIVATE_FIELDS };
struct lib_req { int reserved[6]; int type; };
long _lib_impl(int);
int lib_run(int mode);
"""


def test_internals_are_listed_apart_and_never_decide_the_verdict(repo_factory):
    repo = repo_factory([{"include/lib.h": INTERNAL_OLD}, {"include/lib.h": INTERNAL_NEW}])
    result = CliRunner().invoke(main, ["diff", "r1", "r2", "--repo", str(repo)], catch_exceptions=False)
    assert result.exit_code == 0, result.output            # nothing public changed
    assert "Verdict: no API change (only 6 change(s) to internals)" in result.output
    internals = result.output.split("== Internals", 1)[1]
    for reason in ("member brought in by LIB_HANDLE_PRIVATE_FIELDS", "member `reserved` is private by its name",
                   "`_lib_impl` starts with an underscore", "`LIB_HANDLE_PRIVATE_FIELDS` is named private"):
        assert reason in internals, reason


def test_a_profile_marks_more_internals(repo_factory, tmp_path):
    repo = repo_factory([{"include/lib.h": "int lib_run(int);\nint lib_dbg_dump(int);\n"},
                         {"include/lib.h": "int lib_run(int);\nint lib_dbg_dump(int, int);\n"}])
    profile = tmp_path / "p.toml"
    profile.write_text('internal = ["lib_dbg_*"]\n')
    plain = CliRunner().invoke(main, ["diff", "r1", "r2", "--repo", str(repo)])
    marked = CliRunner().invoke(main, ["diff", "r1", "r2", "--repo", str(repo), "--profile", str(profile)])
    assert plain.exit_code == 12 and marked.exit_code == 0, marked.output
    assert "the profile marks `lib_dbg_dump` internal" in marked.output


# -- misreadings fixed as general rules ---------------------------------------------------------

def test_unrelated_records_are_not_a_rename_family_and_a_kept_slot_is_one_change(repo_factory):
    old = ("struct lib_error { int klass; char *message; };\ntypedef struct lib_error lib_error;\n"
           "struct lib_oid { unsigned char id[20]; };\ntypedef struct lib_oid lib_oid;\n"
           "int lib_set(int a, char *b);\n")
    new = ("struct lib_dirent { char *name; int type; long ino; };\ntypedef struct lib_dirent lib_dirent_t;\n"
           "struct lib_oid_s { unsigned char id[20]; };\ntypedef struct lib_oid_s lib_oid_t;\n"
           "int lib_set(int a, const char *bb, int c);\n")
    repo = repo_factory([{"include/l.h": old}, {"include/l.h": new}])
    data = diff_json(repo)
    kinds = [(f["kind"], f["symbol"]) for f in data["findings"]]
    # The error struct did not become a directory entry (different members), even though
    # `lib_*` -> `lib_*_t` would explain it together with lib_oid.
    assert ("record_removed", "lib_error") in kinds and ("record_added", "lib_dirent") in kinds
    assert not [k for k in kinds if k[1] in ("lib_dirent_t",) and k[0].endswith("renamed")]
    assert ("record_renamed", "lib_oid_s") in kinds
    # b -> const bb in the same slot is one change (a pointer to const), then c is added.
    assert [k for k in kinds if k[1] == "lib_set"] == [("function_param_added", "lib_set"),
                                                       ("function_param_const_added", "lib_set")]


# -- rules found on ABI Compliance Checker's self-test library (bench/acc_conformance.py) -----------

ACC_OLD = """\
struct lib_buf { int data[5]; int len; };
struct lib_slot { int used; void *reserved0; };
struct lib_big { char bytes[32]; };
int lib_scale2(int factor, int other);
int lib_va(int a, int b);
void lib_fill(int n);
"""
ACC_NEW = """\
struct lib_buf { int data[7]; int len; };
struct lib_slot { int used; void *f0; };
struct lib_big { char bytes[32]; };
int lib_scale2(float factor, int other);
int lib_va(int a, ...);
struct lib_big lib_fill(int n);
"""


def test_rules_from_the_conformance_suite(repo_factory):
    repo = repo_factory([{"include/lib.h": ACC_OLD}, {"include/lib.h": ACC_NEW}])
    data = diff_json(repo)
    by = {}
    for f in data["findings"]:
        by.setdefault(f["symbol"].split(".")[0].split(" ")[0], []).append((f["kind"], f["severity"]))
    # A parameter's type changed in its slot: one finding, settled by the compiler (int converts).
    assert by["lib_scale2"] == [("function_param_type_changed", "abi")]
    # Only an array member's length changed: old uses compile, the layout moved.
    assert by["lib_buf"] == [("record_layout_changed", "abi")]
    # Fixed arguments became `...`: old calls compile; the calling convention changed.
    assert all(s == "abi" for _, s in by["lib_va"]) and ("function_variadic_changed", "abi") in by["lib_va"]
    # void -> a 32-byte record: returned through a hidden pointer that shifts the arguments.
    assert by["lib_fill"] == [("function_return_type_changed", "abi")]
    # A reserved member put to use, same type and slot: nothing breaks.
    assert ("record_field_added", "compatible") in by["lib_slot"]
    assert data["counts"]["breaking"] == 0


def test_an_old_name_kept_only_to_fail_is_a_rename_not_a_deprecation(repo_factory):
    """SDL 3's way: `#define SDL_FreeWAV SDL_FreeWAV_renamed_SDL_free` keeps the old name only so
    that its use fails with a message naming the successor."""
    old = "void SDL_FreeWAV(unsigned char *audio_buf);\nint SDL_GetTicks64(void);\n"
    new = ("void SDL_free(void *mem);\nint SDL_GetTicks(void);\n"
           "#define SDL_FreeWAV SDL_FreeWAV_renamed_SDL_free\n"
           "#define SDL_GetTicks64 SDL_GetTicks64_renamed_SDL_GetTicks\n")
    repo = repo_factory([{"include/SDL.h": old}, {"include/SDL.h": new}])
    data = diff_json(repo)
    found = {(f["kind"], f["facts"].get("old_name"), f["symbol"]): f["severity"] for f in data["findings"]}
    assert found == {("function_renamed", "SDL_FreeWAV", "SDL_free"): "breaking",
                     ("function_renamed", "SDL_GetTicks64", "SDL_GetTicks"): "breaking"}


def test_an_old_enumerator_kept_only_to_fail_is_not_a_macro_added(repo_factory):
    """SDL 3 again: `SDLK_d` was an enumerator, and is now `#define SDLK_d SDLK_d_renamed_SDLK_D`.
    Nothing was added: the old name goes with its enum, which breaks.  Nor is `KEY_ESC`, an
    enumerator that became a macro of the same value: the name still means 27."""
    old = "typedef enum { KEY_a = 'a', KEY_b = 'b', KEY_ESC = 27 } lib_key;\nint lib_press(lib_key k);\n"
    new = ("#define KEY_A 0x61u\n#define KEY_B 0x62u\n#define KEY_ESC 0x1bu\nint lib_press(unsigned k);\n"
           "#define KEY_a KEY_a_renamed_KEY_A\n#define KEY_b KEY_b_renamed_KEY_B\n")
    repo = repo_factory([{"include/lib.h": old}, {"include/lib.h": new}])
    data = diff_json(repo)
    added = sorted(f["symbol"] for f in data["findings"] if f["kind"] == "macro_added")
    assert added == ["KEY_A", "KEY_B"]
    assert ("enum_removed", "lib_key", "breaking") in {(f["kind"], f["symbol"], f["severity"]) for f in data["findings"]}


def test_a_witness_failing_inside_a_poisoning_macro_does_not_silence_the_compiler(repo_factory):
    """SDL 3 poisons old names with macros: a witness using one fails *inside the header's macro*
    (gcc reports the #define's line).  That error belongs to the witness line that expanded it,
    so the compile still settles every other finding (here: int -> double still compiles)."""
    old = "typedef int lib_bool;\nint lib_ok(lib_bool v);\nint lib_scale(int factor);\n"
    new = ("#define lib_bool lib_bool_renamed_bool\n#include <stdbool.h>\nint lib_ok(bool v);\n"
           "int lib_scale(double factor);\n")
    repo = repo_factory([{"include/lib.h": old}, {"include/lib.h": new}])
    assert_settled_by_the_compiler(diff_json(repo))


def test_removing_a_header_that_could_not_be_included_before_breaks_no_one(repo_factory):
    """libgit2's MSVC-only inttypes.h stand-in #errors under gcc: its removal is info, said why."""
    msvc = "#ifndef _MSC_VER\n#error \"Use this header only with Microsoft Visual C++\"\n#endif\n"
    first = {"include/lib.h": "int lib_a(void);\n", "include/other.h": "int lib_b(void);\n",
             "include/msvc_stdint.h": msvc, "include/gone.h": "int lib_c(void);\n"}
    second = {"include/msvc_stdint.h": None, "include/gone.h": None}
    repo = repo_factory([first, second])
    data = diff_json(repo)
    removed = {f["symbol"]: f for f in data["findings"] if f["kind"] == "header_removed"}
    assert removed["msvc_stdint.h"]["severity"] == "info"
    assert any("could not be included" in e for e in removed["msvc_stdint.h"]["evidence"])
    assert removed["gone.h"]["severity"] == "breaking"


def test_a_witness_failing_in_a_poisoning_macro_gcc_names_only_by_definition_still_counts(repo_factory):
    """A member typed with a poisoned old type name: its witness spells the old type inside
    `__typeof__`, and gcc then names only the macro's definition, in the witness's function.
    The error is placed at that function, and the compile settles the rest."""
    old = ("typedef struct { int which; } lib_dev_event;\n"
           "typedef union { int type; lib_dev_event dev; } lib_event;\nint lib_scale(int factor);\n")
    new = ("typedef struct { int which; } lib_pad_event;\ntypedef struct { int which; int fmt; } lib_cam_event;\n"
           "typedef union { int type; lib_pad_event pdev; lib_cam_event dev; } lib_event;\n"
           "int lib_scale(double factor);\n#define lib_dev_event lib_dev_event_renamed_lib_pad_event\n")
    repo = repo_factory([{"include/lib.h": old}, {"include/lib.h": new}])
    assert_settled_by_the_compiler(diff_json(repo))


def test_an_old_enumerator_poisoned_with_its_successors_name_is_a_breaking_rename(repo_factory):
    """`#define LIB_BUTTON_A LIB_BUTTON_A_renamed_LIB_PAD_SOUTH` (SDL 3's gamepad buttons): the
    enumerator was renamed to the one its spelling names, and old code no longer compiles."""
    old = "typedef enum { LIB_BUTTON_A, LIB_BUTTON_B } lib_button;\nint lib_press(lib_button b);\n"
    new = ("typedef enum { LIB_PAD_SOUTH, LIB_PAD_EAST, LIB_PAD_WEST } lib_pad_button;\n"
           "int lib_press(lib_pad_button b);\n#define LIB_BUTTON_A LIB_BUTTON_A_renamed_LIB_PAD_SOUTH\n")
    repo = repo_factory([{"include/lib.h": old}, {"include/lib.h": new}])
    data = diff_json(repo)
    [renamed] = [f for f in data["findings"] if f["kind"] == "enum_member_renamed"]
    assert (renamed["facts"]["old_name"], renamed["symbol"], renamed["severity"]) == \
        ("LIB_BUTTON_A", "LIB_PAD_SOUTH", "breaking")
    assert not [f for f in data["findings"] if f["kind"] == "macro_added"]


def test_x86_vector_types_are_known(repo_factory):
    header = "#include <immintrin.h>\n__m128 lib_scale4(__m128 v, float k);\n"
    repo = repo_factory([{"include/v.h": header}, {"include/v.h": header + "__m256d lib_wide(void);\n"}])
    data = diff_json(repo)
    assert data["complete"] and [f["kind"] for f in data["findings"]] == ["function_added"]


def test_a_break_the_library_lets_consumers_avoid_by_pinning_the_old_api_says_so(repo_factory, tmp_path):
    new = ("#ifndef LIB_API_VERSION\n#define LIB_API_VERSION 0x0200\n#endif\n"
           "#if LIB_API_VERSION < 0x0200\nint lib_open(int flags);\n#else\nint lib_open(int flags, int mode);\n#endif\n"
           "int lib_close(int fd, int how);\n")
    repo = repo_factory([{"include/lib.h": "int lib_open(int flags);\nint lib_close(int fd);\n"},
                         {"include/lib.h": new}])
    profile = tmp_path / "p.toml"
    profile.write_text('api_version = "LIB_API_VERSION=0x0100"\n')
    data = json.loads(CliRunner().invoke(main, ["diff", "r1", "r2", "--repo", str(repo), "--profile", str(profile),
                                                "--format", "json"], catch_exceptions=False).output)
    by = {f["symbol"]: f for f in data["findings"] if f["kind"] == "function_param_added"}
    assert by["lib_open"]["facts"]["avoided_by"] == "LIB_API_VERSION=0x0100"
    assert any(e.startswith("avoidable: with -DLIB_API_VERSION=0x0100") for e in by["lib_open"]["evidence"])
    assert "avoided_by" not in by["lib_close"]["facts"]            # no old API kept for this one


def _can_compile_for(triple: str) -> bool:
    from apicompat.target import TargetError, compiler_for
    try:
        compiler_for(triple, None)
        return True
    except TargetError:
        return False


@pytest.mark.skipif(not _can_compile_for("i686-linux-gnu"),
                    reason="no compiler for i686 here (no i686-linux-gnu-gcc, no clang, host not x86-64); "
                           "the usage error for a target without one is tested below")
def test_layouts_are_judged_for_the_target_asked_for(repo_factory):
    """`long` -> `long long` keeps 8 bytes on the x86-64 host but not on i686 (the host gcc's -m32)."""
    old = "struct lib_s { long size; int n; };\nint lib_set(long v);\n"
    new = "struct lib_s { long long size; int n; };\nint lib_set(long long v);\n"
    repo = repo_factory([{"include/lib.h": old}, {"include/lib.h": new}])

    def severities(*extra):
        return {f["symbol"]: (f["severity"], f["evidence"]) for f in diff_json(repo, *extra)["findings"]}
    host, i686 = severities(), severities("--target", "i686-linux-gnu")
    assert {s for s, _ in host.values()} == {"compatible"}
    assert {s for s, _ in i686.values()} == {"abi"}
    assert any("layout on i686-linux-gnu: size 4, alignment 4 -> size 8" in e for e in i686["lib_set"][1])


def test_a_target_without_a_compiler_is_a_usage_error(repo_factory):
    repo = repo_factory([{"include/lib.h": "int lib_a(void);\n"}, {"include/lib.h": "int lib_a(int);\n"}])
    result = CliRunner().invoke(main, ["diff", "r1", "r2", "--repo", str(repo), "--target", "sparc64-sun-solaris2"])
    assert result.exit_code == 2 and "no compiler for sparc64-sun-solaris2" in result.output
