"""Every shimmable change kind, proven by compiling against both sides of its fixture pair.

For kind K: tests/fixtures/kinds/K/consumer.c is written against OLD and
tests/fixtures/shim/kinds/K/consumer_new.c against NEW.  With the old-code
and new-code shims respectively, each builds against OLD and NEW; without,
the mismatched pairs fail.  The revision is told apart by a macro the test
names (`--detect`), since these tiny fixtures define none of their own.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from apicompat.diff.classify import classify
from apicompat.shim import generate_shim
from apicompat.shim.generate import Options
from kinds_support import model_of

KINDS = Path(__file__).parent / "fixtures" / "kinds"
NEW_CONSUMERS = Path(__file__).parent / "fixtures" / "shim" / "kinds"
SHIMMABLE = sorted(p.name for p in NEW_CONSUMERS.iterdir() if p.is_dir())
MARK = "APICOMPAT_TEST_IS_NEW"


def shim_for(kind: str, direction: str, tmp_path: Path) -> Path:
    """The shim with a value (0) for every argument one side lacks and lossy adapters allowed, as a
    user says with --arg and --allow-lossy (the strict default is proven in test_shim.py)."""
    old, new = model_of(KINDS / kind, "old"), model_of(KINDS / kind, "new")
    strict = generate_shim(old, new, classify(old, new), direction, detect=MARK)
    values = {key: "0" for key in re.findall(r"pass --arg (\w+\.\w+)=EXPR", strict.text)}
    shim = generate_shim(old, new, classify(old, new), direction, detect=MARK,
                         options=Options(values=values, allow_lossy=True))
    path = tmp_path / f"shim-{direction}.h"
    path.write_text(shim.text)
    return path


def compile_ok(kind: str, side: str, consumer: Path, shim: Path | None) -> subprocess.CompletedProcess:
    argv = ["cc", "-fsyntax-only", "-Werror=implicit-function-declaration", "-Werror=incompatible-pointer-types",
            f"-I{KINDS / kind / side / 'include'}"]
    if side == "new":
        argv.append(f"-D{MARK}")
    if shim is not None:
        argv += ["-include", str(shim)]
        argv += [f"-D{name}=0" for name in set(re.findall(r"APICOMPAT_ARG_\w+", shim.read_text()))]
    return subprocess.run(argv + [str(consumer)], capture_output=True, text=True)


def test_every_shimmable_kind_has_a_fixture():
    assert set(SHIMMABLE) >= {"rename_family", "function_renamed", "function_param_added",
                              "function_param_removed", "enum_member_renamed", "include_demands_macro"}
    assert all((KINDS / k / "consumer.c").exists() for k in SHIMMABLE)


@pytest.mark.parametrize("kind", SHIMMABLE)
@pytest.mark.parametrize("side", ["old", "new"])
def test_old_consumer_builds_on_both_sides_with_old_code_shim(kind, side, tmp_path):
    shim = shim_for(kind, "old-code", tmp_path)
    proc = compile_ok(kind, side, KINDS / kind / "consumer.c", shim)
    assert proc.returncode == 0, proc.stderr + shim.read_text()


@pytest.mark.parametrize("kind", SHIMMABLE)
@pytest.mark.parametrize("side", ["old", "new"])
def test_new_consumer_builds_on_both_sides_with_new_code_shim(kind, side, tmp_path):
    shim = shim_for(kind, "new-code", tmp_path)
    proc = compile_ok(kind, side, NEW_CONSUMERS / kind / "consumer_new.c", shim)
    assert proc.returncode == 0, proc.stderr + shim.read_text()


@pytest.mark.parametrize("kind", SHIMMABLE)
def test_mismatched_consumers_fail_without_shim(kind):
    assert compile_ok(kind, "new", KINDS / kind / "consumer.c", None).returncode != 0
    if kind != "include_demands_macro":   # a demand is one-sided: code for NEW builds against OLD as is
        assert compile_ok(kind, "old", NEW_CONSUMERS / kind / "consumer_new.c", None).returncode != 0


@pytest.mark.parametrize("kind", SHIMMABLE)
def test_matched_consumers_build_without_shim(kind):
    assert compile_ok(kind, "old", KINDS / kind / "consumer.c", None).returncode == 0
    if kind != "include_demands_macro":   # new's header demands LIB_TOOLS: that is the finding
        assert compile_ok(kind, "new", NEW_CONSUMERS / kind / "consumer_new.c", None).returncode == 0


def test_a_function_kept_as_a_deprecated_wrapper_is_neither_mapped_nor_rewritten():
    """function_renamed's fixture keeps `lib_ctx_add` (deprecated) beside `lib_ctx_file_add(..., flags)`:
    old code still compiles against NEW, so the old-code shim maps nothing for it, and a port
    leaves its calls to a person (the successor takes another argument).  `lib_read_finish`
    -> `lib_read_free` takes the same parameters: that one is rewritten."""
    from apicompat.diff.classify import classify
    from apicompat.migrate.smpl import plan_migration
    from apicompat.shim.generate import generate_shim
    from kinds_support import KINDS_DIR, model_of
    old, new = model_of(KINDS_DIR / "function_renamed", "old"), model_of(KINDS_DIR / "function_renamed", "new")
    findings = classify(old, new)
    shim = generate_shim(old, new, findings, "old-code")
    shim_text = shim.text
    assert "#define lib_ctx_add" not in shim_text
    plan = plan_migration(findings, old, new)
    assert any("lib_ctx_add" in why and "kept (deprecated)" in why for _, why in plan.checklist)
    assert any("- lib_read_finish" in rule.text for rule in plan.rules)
    assert not any("- lib_ctx_add" in rule.text for rule in plan.rules)
