"""Issue 11: severity judged as C does -- proven by the compiler, and the severity rules.

Each declaration below changes in one way; the comment says what C makes of
it.  The whole CLI runs on git and hg, so the compile against NEW happens
as a user's run does it.
"""
from __future__ import annotations

import json

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


def severities(repo_factory):
    repo = repo_factory([{"include/lib.h": OLD}, {"include/lib.h": NEW}])
    result = CliRunner().invoke(main, ["diff", "r1", "r2", "--repo", str(repo), "--format", "json"],
                                catch_exceptions=False)
    data = json.loads(result.output)
    return {(f["kind"], f["symbol"]): f for f in data["findings"]}, data


def test_the_compiler_settles_type_changes(repo_factory):
    found, _ = severities(repo_factory)
    # int -> double parameter, int -> float return, int -> double variable: C converts implicitly.
    for key in [("function_param_type_changed", "lib_scale"), ("function_return_type_changed", "lib_ratio"),
                ("variable_type_changed", "lib_level"), ("typedef_target_changed", "lib_len")]:
        assert found[key]["severity"] == "abi", key
        assert any("still compile against" in e for e in found[key]["evidence"]), key
    # const char * returned into a char *, int * -> long * argument, char * field <- struct pointer:
    # constraint violations, errors under the usual consumer flags.
    for key, words in [(("function_return_type_changed", "lib_name"), "discards"),
                       (("function_param_type_changed", "lib_ptr"), "incompatible pointer type"),
                       (("record_field_type_changed", "lib_s.name"), "incompatible pointer type")]:
        assert found[key]["severity"] == "breaking", key
        assert any(e.startswith("compiler: old uses of it fail") and words in e for e in found[key]["evidence"])


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
