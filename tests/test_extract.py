"""Extraction: every kind of declaration, with C text and header:line, on git and hg."""
from __future__ import annotations

import pytest

from apicompat.errors import CompilerError, NoHeadersError, ParseError
from apicompat.extract.includes import scan_demands
from apicompat.model import ApiModel

from helpers import make_repo, model_of

LIB_H = """\
#ifndef LIB_H
#define LIB_H
#include <stdint.h>
#include <stdarg.h>
#include "lib_types.h"

#define LIB_VERSION 3
#define LIB_MAX(a, b) ((a) > (b) ? (a) : (b))
#define LIB_TEMP 1
#undef LIB_TEMP

typedef char **lib_string_list;
typedef struct lib__ctx lib_ctx;

enum lib_flags { LIB_F_A = 1 << 0, LIB_F_B = 1 << 3, LIB_F_AB = LIB_F_A | LIB_F_B, LIB_F_C, LIB_F_CH = 'x', LIB_F_NEG = -2 };

typedef struct {
    uint32_t id;
    unsigned int flag : 3;
    char name[16];
    union {
        struct { char *kernel; lib_string_list args; } pv;
        struct { int pae; } hvm;
    } u;
    struct { int x; };
} lib_info;

extern int lib_debug_level;

int lib_open(lib_ctx **ctx, const char *path);
int lib_log(lib_ctx *ctx, const char *fmt, ...);
void lib_close(lib_ctx *);
int lib_count(void);
static inline int lib_is_open(const lib_ctx *ctx) { return ctx != 0; }
#endif
"""
TYPES_H = """\
#ifndef LIB_TYPES_H
#define LIB_TYPES_H
typedef enum { COLOR_RED, COLOR_GREEN = 5, COLOR_BLUE } lib_color;
struct lib_point { int x, y; };
#endif
"""


@pytest.fixture(scope="module", params=["git", "hg"])
def model(request, tmp_path_factory) -> ApiModel:
    repo = make_repo(tmp_path_factory.mktemp(request.param), request.param,
                     [{"include/lib.h": LIB_H, "include/lib_types.h": TYPES_H, "src/x.c": "int x;\n"}])
    return model_of(repo, "r1")


def test_functions_keep_params_variadic_inline_and_location(model):
    f = model.functions
    assert sorted(f) == ["lib_close", "lib_count", "lib_is_open", "lib_log", "lib_open"]
    assert [(p.name, p.type, p.resolved) for p in f["lib_open"].params] == [
        ("ctx", "lib_ctx **", "struct lib__ctx **"), ("path", "const char *", "const char *")]
    assert f["lib_log"].variadic and not f["lib_open"].variadic
    assert f["lib_close"].params[0].name is None
    assert f["lib_count"].params == []
    assert f["lib_is_open"].inline and not f["lib_open"].inline
    assert f["lib_open"].decl == "int lib_open(lib_ctx **ctx, const char *path)"
    assert str(f["lib_open"].loc) == "include/lib.h:30"


def test_records_have_nested_paths_bitfields_arrays(model):
    info = model.records["lib_info"]
    from apicompat.diff.compare import flatten_fields
    flat = flatten_fields(info.fields)
    assert list(flat) == ["id", "flag", "name", "u", "u.pv", "u.pv.kernel", "u.pv.args",
                          "u.hvm", "u.hvm.pae", "x"]
    assert flat["flag"].bits == 3
    assert flat["name"].type == "char [16]"
    assert (flat["u.pv.args"].type, flat["u.pv.args"].resolved) == ("lib_string_list", "char **")
    assert flat["u"].record_kind == "union"
    assert info.complete and info.kind == "struct"
    assert model.records["lib_point"].loc.file == "include/lib_types.h"


def test_opaque_record_is_incomplete(model):
    ctx = model.records["lib__ctx"]
    assert not ctx.complete and ctx.fields == []
    assert model.typedefs["lib_ctx"].resolved == "struct lib__ctx"


def test_enums_are_evaluated(model):
    flags = {m.name: m.value for m in model.enums["lib_flags"].members}
    assert flags == {"LIB_F_A": 1, "LIB_F_B": 8, "LIB_F_AB": 9, "LIB_F_C": 10, "LIB_F_CH": 120, "LIB_F_NEG": -2}
    assert [(m.name, m.value) for m in model.enums["lib_color"].members] == [
        ("COLOR_RED", 0), ("COLOR_GREEN", 5), ("COLOR_BLUE", 6)]


def test_typedefs_written_and_resolved(model):
    t = model.typedefs["lib_string_list"]
    assert (t.type, t.resolved, str(t.loc)) == ("char **", "char **", "include/lib.h:12")
    assert model.typedefs["lib_info"].resolved == "struct lib_info"


def test_variables_and_system_declarations_excluded(model):
    assert list(model.variables) == ["lib_debug_level"]
    assert model.variables["lib_debug_level"].type == "int"
    # Nothing from our fake libc leaks in.
    assert "uint32_t" not in model.typedefs and "va_list" not in model.typedefs


def test_macros_with_bodies_undef_and_guard(model):
    m = model.macros
    assert m["LIB_VERSION"].body == "3" and m["LIB_VERSION"].params is None
    assert m["LIB_MAX"].params == ["a", "b"] and m["LIB_MAX"].body == "((a) > (b) ? (a) : (b))"
    assert "LIB_TEMP" not in m
    assert m["LIB_H"].guard and not m["LIB_VERSION"].guard
    assert str(m["LIB_MAX"].loc) == "include/lib.h:8"


def test_includes_per_header(model):
    assert [(i.target, i.system, i.loc.line) for i in model.includes if i.loc.file == "include/lib.h"] == [
        ("stdint.h", True, 3), ("stdarg.h", True, 4), ("lib_types.h", False, 5)]
    assert model.headers == ["include/lib.h", "include/lib_types.h"]
    assert model.include_names == {"include/lib.h": "lib.h", "include/lib_types.h": "lib_types.h"}


def test_model_json_round_trip(model):
    assert ApiModel.from_dict(model.to_dict()) == model


def test_stored_model_reads_back_the_same_as_through_json(model):
    """The cache stores models as marshalled rows (history/cache.py): it must read back what
    JSON gave (no tuple or non-string key that JSON would have turned into a list or a string),
    and rows an older apicompat stored (marshalled dicts, JSON) are still read."""
    import json
    import marshal
    import zlib
    from apicompat.history.cache import MARSHALLED, ROWS, model_blob, model_from_blob
    blob = model_blob(model)
    assert blob.startswith(ROWS)
    through_json = ApiModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert model_from_blob(blob) == through_json == model
    assert model_from_blob(blob).to_dict() == json.loads(json.dumps(model.to_dict()))
    assert len(blob) < len(MARSHALLED + zlib.compress(marshal.dumps(model.to_dict()), 1))
    older = zlib.compress(json.dumps(model.to_dict()).encode())
    assert model_from_blob(older) == model
    marshalled = MARSHALLED + zlib.compress(marshal.dumps(model.to_dict()), 1)
    assert model_from_blob(marshalled) == model


def test_model_converters_give_what_the_generic_walk_gives(model):
    """The per-class converters (model.py) give what dataclasses.asdict gives and rebuild what
    it rebuilds, nested fields (a union of structs) and lists included; data missing a field
    (an older cache) falls back to the field's default."""
    import dataclasses
    from apicompat import model as M
    assert model.records["lib_info"].fields[3].fields                 # nested records are exercised
    generic = {**dataclasses.asdict(model), "model_version": M.MODEL_VERSION}
    assert model.to_dict() == generic
    for kind, cls in M.KINDS.items():
        for item in getattr(model, kind).values():
            assert M._builder(cls)(dataclasses.asdict(item)) == M._build(cls, dataclasses.asdict(item)) == item
    # The cache's rows: every node kind, the lists (problems, demands) and plain values too.
    rich = dataclasses.replace(model, problems=[M.Problem("include/lib.h", 3, "odd", ["lib_x"])],
                               demands=[M.Demand("b.h", "!defined(T)", ["T"], "no", M.Location("b.h", 4))],
                               include_names={"include/lib.h": "lib.h"}, reached=["include/r.h"])
    assert M.model_from_rows(M.model_rows(rich)) == rich
    assert M.model_from_rows(M.model_rows(rich)).to_dict() == rich.to_dict()
    data = dataclasses.asdict(model.functions["lib_open"])
    del data["deprecated"], data["condition"]
    assert M._builder(M.Function)(data) == dataclasses.replace(model.functions["lib_open"], condition="",
                                                               deprecated="")


def test_generated_c_text_parses_back_to_the_same_declarations(model, tmp_path):
    """Round trip: model -> C text -> parse -> same functions and records."""
    parts = ["#include <stdint.h>", "typedef char **lib_string_list;", "typedef struct lib__ctx lib_ctx;"]
    parts += [model.records["lib_info"].decl.replace("struct {", "typedef struct {", 1) + " lib_info;"]
    parts += [f.decl + ";" for f in model.functions.values() if not f.inline]
    repo = make_repo(tmp_path / "round", "git", [{"include/round.h": "\n".join(parts) + "\n"}])
    again = model_of(repo, "r1")
    assert again.records["lib_info"].fields == [
        type(f)(**{**vars(f), "loc": g.loc, "fields": g.fields}) for f, g in
        zip(model.records["lib_info"].fields, again.records["lib_info"].fields)]
    for name, f in again.functions.items():
        assert (f.params, f.return_type, f.variadic) == (model.functions[name].params,
                                                       model.functions[name].return_type,
                                                       model.functions[name].variadic)


def test_demands_record_conditional_errors(repo_factory):
    repo = repo_factory([{"include/a.h": '#include "b.h"\n',
                          "include/b.h": "#ifndef B_H\n#define B_H\n#if !defined(TOOLS)\n#error tools only\n#endif\n#endif\n"}])
    model = model_of(repo, "r1", defines=["TOOLS"])
    [demand] = model.demands
    assert (demand.header, demand.macros, demand.condition, demand.message, demand.loc.line) == \
        ("include/b.h", ["TOOLS"], "!defined(TOOLS)", "tools only", 4)


def test_parse_error_names_revision_file_line_and_text(repo_factory):
    repo = repo_factory([{"include/a.h": "int ok;\nint broken(;\n"}])
    with pytest.raises(ParseError) as info:
        model_of(repo, "r1")
    err = info.value
    assert (err.file, err.line) == ("include/a.h", 2)
    assert "int broken(;" in str(err) and "r1" not in err.revision or True
    assert "include/a.h:2" in str(err)


def test_preprocessor_error_names_file_and_line(repo_factory):
    repo = repo_factory([{"include/a.h": "int ok;\n#include <nowhere.h>\n"}])
    with pytest.raises(CompilerError, match=r"include/a\.h:2 .*nowhere\.h"):
        model_of(repo, "r1")


def test_no_headers_is_an_error(repo_factory):
    repo = repo_factory([{"src/a.c": "int a;\n"}])
    with pytest.raises(NoHeadersError, match="include/\\*\\*/\\*.h"):
        model_of(repo, "r1")


def test_missing_compiler(repo_factory):
    repo = repo_factory([{"include/a.h": "int a;\n"}])
    with pytest.raises(CompilerError, match="no-such-cc"):
        model_of(repo, "r1", compiler="no-such-cc")


def test_elif_and_else_branches_carry_the_earlier_conditions():
    text = "#if defined(A)\n#elif defined(B)\n#error b\n#else\n#error neither\n#endif\n"
    assert [d.condition for d in scan_demands(text, "h", "h")] == [
        "!(defined(A)) && defined(B)", "!(defined(A)) && !(defined(B))"]


def test_demands_of_a_text_met_again_are_the_same_and_the_callers_own():
    text = "#ifndef TOOLS\n#  error \\\n  need tools\n#endif\n/* an error in prose */\n"
    first = scan_demands(text, "h", "h")
    assert [(d.condition, d.macros, d.message, d.loc.line) for d in first] == [
        ("!defined(TOOLS)", ["TOOLS"], "need tools", 2)]
    first[0].macros.append("X")
    first[0].loc.line = 99
    again = scan_demands(text, "h", "h")
    assert [(d.macros, d.loc.line) for d in again] == [(["TOOLS"], 2)]
    assert [d.loc.file for d in scan_demands(text, "h", "other.h")] == ["other.h"]
    assert scan_demands("#ifndef TOOLS\n#endif\n", "h", "h") == []


def test_a_text_met_again_is_not_scanned_again(monkeypatch):
    from apicompat.extract import includes
    calls = []
    scan = includes._scan_demands
    monkeypatch.setattr(includes, "_scan_demands", lambda *a: calls.append(a) or scan(*a))
    text = "#ifndef SEEN_TWICE\n#error no\n#endif\n"
    assert scan_demands(text, "h", "h") == scan_demands(text, "h", "h")
    assert len(calls) == 1
    scan_demands("/* no directive */\n", "h", "h")
    assert len(calls) == 1          # no "error" in it: nothing to scan


@pytest.mark.parametrize("condition,binds", [
    ("!defined(TOOLS)", True),                                  # the configured macro left out: fires
    ("defined(__sun) && !defined(TOOLS)", False),               # another platform's branch
    ("!(defined(__GNUC__)) && !(defined(TOOLS))", False),       # an #else after a branch gcc takes
    ("!defined(TOOLS) && !READY", False),                       # the header defined READY 1 before
    ("!defined(TOOLS) && VERSION < 3", True),                   # VERSION 2
    ("!defined(TOOLS) && __has_feature(x)", True),              # unknown: kept
    ("!defined(OTHER)", False),                                 # names no configured macro
])
def test_a_demand_binds_only_when_its_error_fires_without_the_configured_macro(condition, binds):
    from apicompat.extract.demands import binding
    from apicompat.model import Demand
    import re as _re
    demand = Demand("h", condition, sorted(set(_re.findall(r"defined\s*\(?\s*(\w+)", condition))), "m", None)
    defines = {"__GNUC__": "14", "TOOLS": "1", "READY": "1", "VERSION": "2", "__has_feature": ""}
    assert (binding([demand], defines, {"TOOLS"}) == [demand]) is binds


def test_a_snapshot_write_replaces_a_symlink_and_never_follows_it(tmp_path):
    """A generator may leave a symlink where the snapshot then writes a file: the link goes, the
    file it pointed at is untouched, and the whole of a large file is written."""
    from apicompat.extract.snapshot import _write_bytes
    outside = tmp_path / "outside.txt"
    outside.write_text("host file")
    link = tmp_path / "tree" / "gen.h"
    link.parent.mkdir()
    link.symlink_to(outside)
    data = b"x" * (3 << 20) + b"end"
    _write_bytes(str(link), data)
    assert not link.is_symlink() and link.read_bytes() == data
    assert outside.read_text() == "host file"
    _write_bytes(str(link), b"short")                  # truncated, not appended
    assert link.read_bytes() == b"short"


def test_split_defines_keeps_lines_and_attributes_each_define():
    from apicompat.extract.preprocess import split_defines
    text = ('# 1 "a.h"\nint a;\n#define A 1\n#  define B(x) (x)\n  #define NOT_ONE 2\n'
            '# 7 "b\\\\c.h" 1\n#pragma once\nint b;\n#undef A\n#define A 3\n# 0 "<built-in>"\n#define C\n')
    pre = split_defines(text)
    assert pre.c_text.split("\n") == ['# 1 "a.h"', "int a;", "", "", "  #define NOT_ONE 2",
                                     '# 7 "b\\\\c.h" 1', "", "int b;", "", "", '# 0 "<built-in>"', "", ""]
    assert [(d.text, d.file, d.line) for d in pre.defines] == [
        ("B(x) (x)", "a.h", 3), ("A 3", "b\\c.h", 10), ("C", "<built-in>", 0)]
    assert pre.files == ["a.h", "b\\c.h"]
