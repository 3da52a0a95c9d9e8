"""Issue 13: migrate -- the Coccinelle patch that ports a consumer to the new API.

The witness consumer (tests/fixtures/consumers/libdemo/mechanical.c) uses one of
each mechanical change of libdemo 2.0; after `migrate --apply` it compiles
against 2.0 with no error, and the patch is the golden file beside it.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.example import create_example

HERE = Path(__file__).parent / "fixtures" / "consumers" / "libdemo"
VALUES = ["--arg", "demo_init_create_info.ctx=ctx", "--allow-lossy"]
needs_spatch = pytest.mark.skipif(shutil.which("spatch") is None,
                                  reason="Coccinelle's spatch is not installed (scripts/test.sh installs it as root)")


@pytest.fixture(scope="module", params=["git", "hg"])
def demo(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(request.param)
    create_example(base / "libdemo", request.param)
    for rev in ("v1.0", "v2.0"):
        run("snapshot", rev, "--repo", base / "libdemo", "-D", "DEMO_TOOLS", "--out", base / rev)
    return base


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def compile_errors(source: Path, include: Path) -> str:
    proc = subprocess.run(["cc", "-fsyntax-only", "-Werror=implicit-function-declaration",
                           "-Werror=incompatible-pointer-types", "-DDEMO_TOOLS", f"-I{include}", str(source)],
                          capture_output=True, text=True)
    return proc.stderr if proc.returncode else ""


def repo_state(repo: Path) -> str:
    if (repo / ".git").exists():
        return subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--ignored"],
                              capture_output=True, text=True).stdout
    return subprocess.run(["hg", "--cwd", str(repo), "status", "--all"], capture_output=True, text=True).stdout


@needs_spatch
def test_the_patch_is_what_a_person_would_write(demo, monkeypatch):
    monkeypatch.chdir(HERE)            # paths in the patch are relative to where the user runs it
    result = run("migrate", "v1.0", "v2.0", "--repo", demo / "libdemo", "-D", "DEMO_TOOLS",
                 "--consumer", HERE / "mechanical.c", *VALUES)
    assert result.exit_code == 0, result.output
    assert result.stdout == (HERE / "mechanical.patch").read_text()


@needs_spatch
def test_apply_makes_the_witness_compile_against_new_and_touches_nothing_else(demo, tmp_path):
    work = tmp_path / "consumer"
    work.mkdir()
    shutil.copy(HERE / "mechanical.c", work)
    assert compile_errors(work / "mechanical.c", demo / "v2.0")          # broken before
    before = repo_state(demo / "libdemo")
    result = run("migrate", "v1.0", "v2.0", "--repo", demo / "libdemo", "-D", "DEMO_TOOLS", "--consumer", work,
                 *VALUES, "--apply")
    assert result.exit_code == 0, result.output
    assert compile_errors(work / "mechanical.c", demo / "v2.0") == ""
    assert repo_state(demo / "libdemo") == before
    assert (HERE / "mechanical.c").read_text() != (work / "mechanical.c").read_text()


@needs_spatch
def test_what_is_not_mechanical_is_a_checklist_and_check_maps_every_error(demo):
    result = run("migrate", "v1.0", "v2.0", "--repo", demo / "libdemo", "-D", "DEMO_TOOLS",
                 "--consumer", HERE / "driver.c", "--arg", "demo_init_create_info.ctx=ctx", "--check")
    assert result.exit_code == 0, result.output
    assert "demo_waiter [record_removed] at" in result.stderr
    assert "demo_ctx [record_made_opaque] at" in result.stderr and "driver.c:38" in result.stderr
    # Without --allow-lossy, dropping `force` stays on the checklist with the reason.
    assert "the adapter would drop force" in result.stderr
    assert "after the patch, 6 error(s) against v2.0" in result.stderr
    assert "not on the checklist" not in result.stderr


@needs_spatch
def test_a_missing_value_is_a_placeholder_that_does_not_compile(demo, tmp_path):
    result = run("migrate", "v1.0", "v2.0", "--repo", demo / "libdemo", "-D", "DEMO_TOOLS",
                 "--consumer", HERE / "mechanical.c")
    assert "demo_init_create_info(APICOMPAT_TODO_ctx, c_info)" in result.stdout


def test_without_spatch_it_says_how_to_install_it(demo, monkeypatch):
    monkeypatch.setattr("apicompat.migrate.run.shutil.which", lambda name: None)
    result = run("migrate", "v1.0", "v2.0", "--repo", demo / "libdemo", "--consumer", HERE / "mechanical.c")
    assert result.exit_code == 1
    assert "apt install coccinelle" in result.output and "Traceback" not in result.output


def test_untrusted_names_never_reach_the_semantic_patch():
    """SmPL can run Python (script rules): names from the repository must be C identifiers."""
    from apicompat.diff.finding import Finding
    from apicompat.migrate.smpl import plan_migration
    from apicompat.model import ApiModel
    evil = Finding("function_renamed", "x", "breaking", "", "", old_decl="int a(void)",
                   facts={"old_name": "a\n@script:python@\n@@\nimport os", "new_name": "b"})
    plan = plan_migration([evil], ApiModel(), ApiModel())
    assert plan.rules == [] and len(plan.checklist) == 1
