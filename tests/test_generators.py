"""Generators: headers the build makes, made from the revision's own scripts, only when trusted.

The scripts here are written for these tests, in Python 2 style on purpose
(print statements, `except E, e`), so the fissix conversion is exercised.
The libxl-idl tests use a tiny stand-in for Xen's layout (gentypes.py whose
usage line names its outputs, an IDL, a Perl queue.h "seddery"), not Xen's code.
"""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.errors import GeneratorError
from apicompat.extract.generators import _registry
from apicompat.extract.generators.libxl_idl import _stem, _usage
from apicompat.extract.pipeline import extract_model
from apicompat.profiles import load_profile
from apicompat.settings import Settings
from apicompat.vcs import open_repository
from helpers import make_repo

# -- the generic `command` generator -------------------------------------------------------

LIB_H = '#ifndef LIB_H\n#define LIB_H\n#include "lib_gen.h"\nint lib_init(void);\n#endif\n'
OTHER_H = "int lib_other(void);\n"     # does not need the generated header: read whatever happens

GEN_PY2 = """\
import sys
out = open(sys.argv[1], "w")
print >>out, "#ifndef LIB_GEN_H"
print >>out, "#define LIB_GEN_H"
for name in ["alpha", "beta"]:
    print >>out, "int lib_gen_%s(void);" % name
print >>out, "#endif"
out.close()
if len(sys.argv) > 2:
    open(sys.argv[2], "w").write("the generator ran")
print "wrote", sys.argv[1]
"""
FAIL_PY2 = """\
import sys
try:
    open("types.idl")
except IOError, e:
    print >>sys.stderr, "gen.py: cannot read the IDL:", e
    sys.exit(3)
"""
HANG_PY = "while True:\n    pass\n"

SOURCES = {"gen.py": GEN_PY2, "fail.py": FAIL_PY2, "hang.py": HANG_PY}


def command_profile(tmp_path: Path, script: str, *, marker: Path | None = None, timeout: float = 60,
                    trust: bool = False) -> Path:
    extra = [str(marker)] if marker else []
    command = ["{python}", script, "../include/lib_gen.h", *extra]
    path = tmp_path / f"{script}.toml"
    path.write_text(textwrap.dedent(f"""\
        headers = ["include/*.h"]
        generators = ["gen"]
        trust = {str(trust).lower()}

        [generator.gen]
        type = "command"
        inputs = ["gen/*.py"]
        cwd = "gen"
        command = {json.dumps(command)}
        outputs = ["include/lib_gen.h"]
        convert_python2 = true
        timeout = {timeout}
        """))
    return path


@pytest.fixture
def gen_repo(repo_factory):
    return repo_factory([{"include/lib.h": LIB_H, "include/other.h": OTHER_H,
                          **{f"gen/{name}": text for name, text in SOURCES.items()}}])


@pytest.fixture
def git_gen_repo(tmp_path):
    """Git only: for the slow (time limit) cases."""
    return make_repo(tmp_path / "repo", "git", [{"include/lib.h": LIB_H, "include/other.h": OTHER_H,
                                                 **{f"gen/{n}": t for n, t in SOURCES.items()}}])


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def model_with(repo_path: Path, profile: Path, rev: str = "r1", **settings):
    with open_repository(str(repo_path)) as repo:
        r = repo.resolve(rev)
        s = Settings(profile=load_profile(str(profile)), **settings)
        return extract_model(repo, r, s.config_at(repo, r.id))


def test_python2_generator_is_converted_and_run(gen_repo, tmp_path):
    model = model_with(gen_repo, command_profile(tmp_path, "gen.py"), trust=True)
    assert model.problems == []
    assert model.headers == ["include/lib.h", "include/lib_gen.h", "include/other.h"]
    assert model.functions["lib_gen_beta"].loc.file == "include/lib_gen.h"
    assert sorted(model.functions) == ["lib_gen_alpha", "lib_gen_beta", "lib_init", "lib_other"]


def test_no_generator_runs_without_trust(gen_repo, tmp_path):
    marker = tmp_path / "marker"
    result = run("diff", "r1", "r1", "--repo", gen_repo, "--profile",
                 command_profile(tmp_path, "gen.py", marker=marker))
    assert result.exit_code == 1
    assert not marker.exists()
    assert "needs include/lib_gen.h, which the build generates (gen)" in result.output
    assert "runs code from the analysed repository. Re-run with --trust" in result.output
    trusted = run("diff", "r1", "r1", "--repo", gen_repo, "--trust", "--profile",
                  command_profile(tmp_path, "gen.py", marker=marker))
    assert trusted.exit_code == 0, trusted.output
    assert marker.read_text() == "the generator ran"


def test_trust_in_your_own_profile_but_never_in_a_built_in_one(gen_repo, tmp_path):
    marker = tmp_path / "marker"
    profile = command_profile(tmp_path, "gen.py", marker=marker, trust=True)
    assert run("diff", "r1", "r1", "--repo", gen_repo, "--profile", profile).exit_code == 0
    assert marker.exists()
    builtin = load_profile(str(profile))
    builtin.builtin = True                    # as if it shipped with apicompat
    with open_repository(str(gen_repo)) as repo:
        assert builtin.config_at(repo, repo.resolve("r1").id).trust is False


def test_a_failing_generator_is_a_problem_and_strict_makes_it_an_error(gen_repo, tmp_path):
    profile = command_profile(tmp_path, "fail.py")
    model = model_with(gen_repo, profile, trust=True)
    assert sorted(model.functions) == ["lib_other"]           # lib.h needs the missing header
    problems = {p.file: p.message for p in model.problems}
    assert set(problems) == {"include/lib_gen.h", "include/lib.h"}
    assert "generator 'gen' at revision" in problems["include/lib_gen.h"]
    assert "failed (exit 3)" in problems["include/lib_gen.h"]
    assert "gen.py: cannot read the IDL" in problems["include/lib_gen.h"]

    report = run("diff", "r1", "r1", "--repo", gen_repo, "--trust", "--profile", profile)
    assert report.exit_code == 32            # incomplete: the verdict covers only what was read
    assert "! could not read include/lib_gen.h: generator 'gen'" in report.output
    strict = run("diff", "r1", "r1", "--repo", gen_repo, "--trust", "--strict", "--profile", profile)
    assert strict.exit_code == 1
    assert strict.output.count("apicompat: error:") == 1
    assert "failed (exit 3)" in strict.output and "Traceback" not in strict.output


def test_a_hanging_generator_hits_the_time_limit(git_gen_repo, tmp_path):
    profile = command_profile(tmp_path, "hang.py", timeout=1)
    model = model_with(git_gen_repo, profile, trust=True)
    (message,) = [p.message for p in model.problems if p.file == "include/lib_gen.h"]
    assert "generator 'gen' at revision" in message
    assert "did not finish within 1 s (time limit; raise it with timeout = N in the profile)" in message
    strict = run("diff", "r1", "r1", "--repo", git_gen_repo, "--trust", "--strict", "--profile", profile)
    assert strict.exit_code == 1
    assert "did not finish within 1 s" in strict.output


def test_unknown_generator_type(git_gen_repo, tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text('headers = ["include/*.h"]\ngenerators = ["g"]\n[generator.g]\ntype = "make"\n')
    result = run("diff", "r1", "r1", "--repo", git_gen_repo, "--trust", "--profile", profile)
    assert result.exit_code == 1
    assert "generator 'g': unknown type 'make' (known: command, libxl-idl)" in result.output


# -- the built-in libxl-idl generator, on a stand-in for libxl's layout ------------------------

# A gentypes.py in Python 2 style: its usage line names the outputs, as libxl's does.
def gentypes(usage: str, outputs: str) -> str:
    return textwrap.dedent(f"""\
        import sys
        import idl
        def write(path, lines):
            guard = "__" + path.split("/")[-1].upper().replace(".", "_").lstrip("_")
            f = open(path, "w")
            print >>f, "#ifndef %s" % guard
            print >>f, "#define %s" % guard
            print >>f, '#define %s_ARGV "%s"' % (guard, " ".join(sys.argv))
            for line in lines:
                print >>f, line
            print >>f, "#endif"
        if len(sys.argv) != {len(usage.split()) + 1}:
            print >>sys.stderr, "Usage: gentypes.py {usage}"
            sys.exit(1)
        ({outputs}) = sys.argv[1:]
        names = idl.parse(idlname)
        write(header, ["typedef struct {{ int id; }} libxl_%s;" % n for n in names] +
                      ["void libxl_%s_dispose(libxl_%s *p);" % (n, n) for n in names])
        if "header_json" in dir():
            write(header_json, ["int libxl_%s_gen_json(libxl_%s *p);" % (n, n) for n in names])
        if "header_private" in dir():
            write(header_private, ["int libxl__private(void);"])
        open(impl, "w").write("/* implementation */\\n")
        """)


IDL_PY = """\
def parse(path):
    try:
        return [line.strip() for line in open(path) if line.strip()]
    except IOError, e:
        raise SystemExit("cannot read %s" % path)
"""
# A self-written stand-in for the queue.h "seddery": prefixes the macro names.
SEDDERY = """\
#!/usr/bin/perl -p
BEGIN { $prefix = pop @ARGV; $prefix =~ s/^--prefix=//; $prefix = uc $prefix; }
s/\\bQ_/${prefix}_Q_/g;
"""
QUEUE_H = "#define Q_HEAD(name) struct name { void *first; }\n"

LIBXL_41 = '#ifndef LIBXL_H\n#define LIBXL_H\n#include "_libxl_types.h"\nint libxl_ctx_init(void);\n#endif\n'
LIBXL_42 = ('#ifndef LIBXL_H\n#define LIBXL_H\n#include <_libxl_list.h>\n#include "_libxl_types.h"\n'
            "int libxl_ctx_alloc(void);\n#endif\n")
LIBXL_417 = LIBXL_42.replace("#include <_libxl_list.h>\n", "")
JSON_H = "#ifndef LIBXL_JSON_H\n#define LIBXL_JSON_H\n#include <_libxl_types_json.h>\n#endif\n"

LIBXL_REVISIONS = [
    # r1, like 4.1: libxl.idl, three arguments, no queue script.
    {"tools/libxl/libxl.h": LIBXL_41, "tools/libxl/libxl.idl": "domain_info\ndevice_disk\n",
     "tools/libxl/idl.py": IDL_PY,
     "tools/libxl/gentypes.py": gentypes("<idl> <header> <implementation>", "idlname, header, impl")},
    # r2, like 4.2: libxl_types.idl, a JSON header, _libxl_list.h from the queue script.
    {"tools/libxl/libxl.idl": None, "tools/libxl/libxl_types.idl": "domain_info\ndevice_nic\n",
     "tools/libxl/libxl.h": LIBXL_42, "tools/libxl/libxl_json.h": JSON_H,
     "tools/libxl/gentypes.py": gentypes("<idl> <header> <header-json> <implementation>",
                                         "idlname, header, header_json, impl"),
     "tools/include/xen-external/bsd-sys-queue-h-seddery": SEDDERY,
     "tools/include/xen-external/bsd-sys-queue.h": QUEUE_H},
    # r3, like 4.17: sources in tools/libs/light, public headers (generated ones too) in
    # tools/include, and the queue script gone.
    {**{f"tools/libxl/{n}": None for n in ("libxl.h", "libxl_json.h", "libxl_types.idl", "idl.py",
                                            "gentypes.py")},
     "tools/include/xen-external/bsd-sys-queue-h-seddery": None, "tools/include/xen-external/bsd-sys-queue.h": None,
     "tools/include/libxl.h": LIBXL_417, "tools/include/libxl_json.h": JSON_H,
     "tools/libs/light/libxl_types.idl": "domain_info\ndevice_nic\ndevice_pci\n",
     "tools/libs/light/idl.py": IDL_PY,
     "tools/libs/light/gentypes.py": gentypes("<idl> <header> <header-private> <header-json> <implementation>",
                                              "idlname, header, header_private, header_json, impl")},
]

LIBXL_PROFILE = """\
top_level = ["**/libxl.h", "**/libxl_json.h"]

[[era]]
when_exists = "tools/include/libxl.h"
headers = ["tools/include/libxl.h", "tools/include/libxl_json.h", "tools/include/_libxl_types.h",
           "tools/include/_libxl_types_json.h", "tools/include/_libxl_list.h"]
generators = ["light"]

[[era]]
when_exists = "tools/libxl/libxl_types.idl"
headers = ["tools/libxl/libxl.h", "tools/libxl/libxl_json.h", "tools/libxl/_libxl_types.h",
           "tools/libxl/_libxl_types_json.h", "tools/libxl/_libxl_list.h"]
generators = ["idl"]

[[era]]
headers = ["tools/libxl/libxl.h", "tools/libxl/_libxl_types.h"]
generators = ["idl"]

[generator.idl]
type = "libxl-idl"
dirs = ["tools/libxl"]
outputs = ["tools/libxl/_libxl_types.h", "tools/libxl/_libxl_types_json.h", "tools/libxl/_libxl_list.h"]

[generator.light]
type = "libxl-idl"
dirs = ["tools/libs/light"]
outputs = ["tools/include/_libxl_types.h", "tools/include/_libxl_types_json.h", "tools/include/_libxl_list.h"]
"""

needs_perl = pytest.mark.skipif(shutil.which("perl") is None, reason="the queue.h step runs perl")


@pytest.fixture(scope="module", params=["git", "hg"])
def libxl_models(request, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp(request.param)
    repo = make_repo(tmp_path / "repo", request.param, LIBXL_REVISIONS)
    profile = tmp_path / "libxl.toml"
    profile.write_text(LIBXL_PROFILE)
    return [model_with(repo, profile, rev, trust=True) for rev in ("r1", "r2", "r3")]


def test_libxl_idl_is_registered():
    assert set(_registry()) >= {"command", "libxl-idl"}


@needs_perl
def test_libxl_idl_runs_the_revisions_own_scripts_with_the_makefiles_arguments(libxl_models):
    r1, r2, r3 = libxl_models
    assert [m.problems for m in libxl_models] == [[], [], []]
    # The arguments come from each revision's usage line; outputs named __X, renamed _X.
    argv = {m.revision: {n: mac.body for n, mac in m.macros.items() if n.endswith("_ARGV")} for m in libxl_models}
    assert argv[r1.revision] == {"__LIBXL_TYPES_H_ARGV": '"gentypes.py libxl.idl __libxl_types.h __libxl_types.c"'}
    assert argv[r2.revision]["__LIBXL_TYPES_JSON_H_ARGV"] == \
        '"gentypes.py libxl_types.idl __libxl_types.h __libxl_types_json.h __libxl_types.c"'
    assert argv[r3.revision]["__LIBXL_TYPES_H_ARGV"] == ('"gentypes.py libxl_types.idl __libxl_types.h '
                                                         '__libxl_types_private.h __libxl_types_json.h '
                                                         '__libxl_types.c"')
    # The include guard comes from the output's name, as with the real gentypes.py.
    assert r1.macros["__LIBXL_TYPES_H"].guard


@needs_perl
def test_libxl_idl_outputs_per_layout(libxl_models):
    r1, r2, r3 = libxl_models
    assert r1.headers == ["tools/libxl/_libxl_types.h", "tools/libxl/libxl.h"]   # no JSON header, no list
    assert sorted(r1.functions) == ["libxl_ctx_init", "libxl_device_disk_dispose", "libxl_domain_info_dispose"]
    assert r2.headers == ["tools/libxl/_libxl_list.h", "tools/libxl/_libxl_types.h",
                          "tools/libxl/_libxl_types_json.h", "tools/libxl/libxl.h", "tools/libxl/libxl_json.h"]
    assert r2.functions["libxl_device_nic_gen_json"].loc.file == "tools/libxl/_libxl_types_json.h"
    assert r2.macros["LIBXL_Q_HEAD"].loc.file == "tools/libxl/_libxl_list.h"       # made by perl
    assert r3.headers == ["tools/include/_libxl_types.h", "tools/include/_libxl_types_json.h",
                          "tools/include/libxl.h", "tools/include/libxl_json.h"]  # no queue script here
    assert r3.records["libxl_device_pci"].loc.file == "tools/include/_libxl_types.h"
    assert "libxl__private" not in r3.functions                                    # the private header stays private


@needs_perl
@pytest.mark.parametrize("kind", ["git", "hg"])
def test_libxl_idl_reruns_only_the_steps_whose_files_changed(kind, tmp_path, monkeypatch):
    """Each step is kept by what it reads: an edit to the IDL runs gentypes again but not the
    queue script, an edit to queue.h the reverse; each model equals one made with nothing kept."""
    from apicompat.extract.generators import libxl_idl, memo
    r2 = LIBXL_REVISIONS[1]
    revisions = [{**LIBXL_REVISIONS[0], **r2},
                 {"tools/libxl/libxl_types.idl": "domain_info\ndevice_nic\ndevice_vtpm\n"},
                 {"tools/include/xen-external/bsd-sys-queue.h": QUEUE_H + "#define Q_NEXT(e) ((e)->next)\n"}]
    revisions[0]["tools/libxl/libxl.idl"] = None
    repo = make_repo(tmp_path / "repo", kind, revisions)
    profile = tmp_path / "libxl.toml"
    profile.write_text(LIBXL_PROFILE)
    ran: list[str] = []
    real = libxl_idl.run_step
    monkeypatch.setattr(libxl_idl, "run_step", lambda argv, *rest: ran.append("gentypes.py" if "gentypes.py" in argv else "queue")
                        or real(argv, *rest))
    monkeypatch.setattr(memo, "BACKING", None)          # an earlier command's cache: not this test's
    memo._OUTPUTS.clear()
    steps, models = [], []
    for rev in ("r1", "r2", "r3"):
        ran.clear()
        models.append(model_with(repo, profile, rev, trust=True))
        steps.append(sorted(ran))
    assert steps == [["gentypes.py", "queue"], ["gentypes.py"], ["queue"]]
    assert "libxl_device_vtpm" in models[1].records and "LIBXL_Q_NEXT" in models[2].macros
    monkeypatch.setenv("APICOMPAT_GENERATOR_REPLAY", "0")
    memo._OUTPUTS.clear()
    for rev, kept in zip(("r1", "r2", "r3"), models):
        assert model_with(repo, profile, rev, trust=True).to_dict() == kept.to_dict()


def test_libxl_idl_reads_usage_lines_and_output_names(tmp_path):
    script = tmp_path / "gentypes.py"
    script.write_text('print >>sys.stderr, "Usage: gentypes.py <idl> <header> <header-json> <implementation>"\n')
    assert _usage(script, "idl") == ["idl", "header", "header-json", "implementation"]
    script.write_text("import sys\n")
    with pytest.raises(GeneratorError, match="cannot find the usage line of gentypes.py"):
        _usage(script, "idl")
    assert [_stem(n) for n in ("_libxl_types.h", "_libxl_types_json.h", "_libxl_types_internal_json.h",
                               "_libxl_types_private.h")] == \
        ["libxl_types", "libxl_types", "libxl_types_internal", "libxl_types"]


def test_libxl_idl_without_gentypes_is_a_problem(tmp_path):
    repo = make_repo(tmp_path / "repo", "git", [{"tools/libxl/libxl.h": "int libxl_x(void);\n"}])
    profile = tmp_path / "p.toml"
    profile.write_text('headers = ["tools/libxl/*.h"]\ngenerators = ["idl"]\n'
                       '[generator.idl]\ntype = "libxl-idl"\noutputs = ["tools/libxl/_libxl_types.h"]\n')
    model = model_with(repo, profile, trust=True)
    assert [(p.file, p.message) for p in model.problems] == \
        [("tools/libxl/_libxl_types.h", "generator 'idl': no gentypes.py in tools/libs/light, tools/libxl")]
    assert "libxl_x" in model.functions


def test_generator_outputs_outlive_the_run_in_the_history_cache(gen_repo, tmp_path, monkeypatch):
    """A second `diff` (a new process: nothing in memory; its models dropped from the cache)
    runs no generator: the outputs come from the history cache's `generated` table, and the
    answer is the same."""
    import sqlite3
    from apicompat.extract import generators
    from apicompat.history.cache import FILE_NAME
    monkeypatch.setenv("APICOMPAT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("APICOMPAT_JOBS", "1")
    marker = tmp_path / "ran"
    profile = command_profile(tmp_path, "gen.py", marker=marker)
    args = ["diff", "r1", "r1", "--repo", gen_repo, "--profile", profile, "--trust", "--format", "json"]
    generators.memo._OUTPUTS.clear()
    first = run(*args)
    assert marker.exists() and "lib_gen_alpha" not in first.output      # same revision: no change
    marker.unlink()
    db = sqlite3.connect(tmp_path / "cache" / FILE_NAME)
    assert db.execute("SELECT count(*) FROM generated").fetchone()[0] == 1
    db.execute("DELETE FROM models")
    db.commit()
    db.close()
    generators.memo._OUTPUTS.clear()
    second = run(*args)
    assert not marker.exists()
    assert second.output == first.output


def test_python2_conversions_are_shared_through_the_history_cache(tmp_path, monkeypatch):
    """A script converted once (by another worker, an earlier run) is not converted again: the
    conversion comes from the cache's generators table, the same text; so does "no conversion
    needed"."""
    from apicompat.extract.generators import memo, py2
    from apicompat.history.cache import ModelCache
    cache = ModelCache(str(tmp_path / "h.sqlite3"))
    monkeypatch.setattr(memo, "BACKING", cache)
    for name, text in (("gen.py", GEN_PY2), ("py3.py", "import sys\nprint(sys.argv)\n")):
        (tmp_path / name).write_text(text)
    memo._OUTPUTS.clear()
    py2._CONVERTED.clear()
    assert py2.convert_python2([tmp_path / "gen.py", tmp_path / "py3.py"]) == [tmp_path / "gen.py"]
    first = (tmp_path / "gen.py").read_text()
    assert "print(" in first and "print >>" not in first
    (tmp_path / "gen.py").write_text(GEN_PY2)
    memo._OUTPUTS.clear()
    py2._CONVERTED.clear()                                      # a new process: nothing in memory
    monkeypatch.setattr(py2, "_convert", lambda *a: pytest.fail("converted again"))
    monkeypatch.setattr(py2, "needs_conversion", lambda *a: pytest.fail("compiled again"))
    assert py2.convert_python2([tmp_path / "gen.py", tmp_path / "py3.py"]) == [tmp_path / "gen.py"]
    assert (tmp_path / "gen.py").read_text() == first
    cache.close()


def test_a_kept_step_writes_only_its_own_output_names(tmp_path, monkeypatch):
    """An entry under a step's key naming another file (a foreign or damaged cache) is not laid
    out: the step runs instead, and nothing is written outside its folder."""
    from apicompat.extract.generators import memo
    monkeypatch.setattr(memo, "BACKING", None)
    memo._OUTPUTS.clear()
    folder = tmp_path / "tree" / "libxl"
    folder.mkdir(parents=True)
    memo.keep("k", {"../evil.h": b"int evil;\n"}, [])
    ran = []
    memo.step("k", folder, ["out.h"], lambda: ran.append((folder / "out.h").write_text("int ok;\n")))
    assert ran and not (tmp_path / "tree" / "evil.h").exists()
    memo.step("k2", folder, ["out.h"], lambda: ran.append(1))
    (folder / "out.h").unlink()
    memo.step("k2", folder, ["out.h"], lambda: pytest.fail("ran again"))
    assert (folder / "out.h").read_text() == "int ok;\n" and len(ran) == 2
    memo._OUTPUTS.clear()


@pytest.mark.parametrize("source,left_out", [
    ("print 'x'\nd = {}\nif d.has_key('a'): pass\n", {"ne", "numliterals", "asserts", "sorted"}),
    ("print 'x'\nif 1 <> 2: pass\n", {"numliterals", "asserts", "sorted"}),
    ("print 'x'\nmode = 0755\nbig = 10L\nmask = 0xffL\n", {"ne", "asserts", "sorted"}),
    ("print 'x'\nself.assertEquals(1, 1)\n", {"ne", "numliterals", "sorted"}),
    ("print 'x'\nxs = sorted([2, 1], cmp)\nxs.sort(cmp)\n", {"ne", "numliterals", "asserts"}),
    ("print 'x'\nname = 'call'\nn = 0\nm = 0.5\nh = 0x10\n", {"ne", "numliterals", "asserts", "sorted"}),
])
def test_fixers_left_out_could_not_have_changed_the_source(source, left_out):
    """Fixers that visit every node are left out of a conversion only when the source lacks
    what they rewrite: the converted text is the one every fixer gives."""
    from apicompat.extract.generators import py2
    assert {f.rsplit("_", 1)[-1] for f in py2._untriggered(source)} == left_out
    every = str(py2._tool(frozenset()).refactor_string(source + "\n", "gen.py"))
    assert py2._convert(source, "gen.py") == every
