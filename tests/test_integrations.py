"""Issue 15: the integration files (pre-commit hook, GitHub Action) run, and baselines work.

The command lines are read from the files themselves, so the test breaks when
they drift from what apicompat accepts.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from apicompat.cli import main
from helpers import make_repo

ROOT = Path(__file__).resolve().parent.parent
OLD = "int lib_open(int flags);\n"
NEW = "int lib_open(int flags, int mode);\n"


def apicompat_env() -> dict:
    """PATH with this interpreter's apicompat first (the venv's bin)."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}


def test_pre_commit_hook_fails_on_a_breaking_edit_and_passes_on_a_clean_tree(tmp_path, vcs):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "apicompat" and hook["pass_filenames"] is False
    repo = make_repo(tmp_path / "r", vcs, [{"include/lib.h": OLD}])
    entry = hook["entry"].replace("HEAD", "HEAD" if vcs == "git" else ".")
    clean = subprocess.run(entry, shell=True, cwd=repo, env=apicompat_env(), capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "include" / "lib.h").write_text(NEW)
    broken = subprocess.run(entry, shell=True, cwd=repo, env=apicompat_env(), capture_output=True, text=True)
    assert broken.returncode == 12 and "Parameter added: lib_open" in broken.stdout


def test_github_action_step_annotates_the_pull_request(tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    step = action["runs"]["steps"][-1]
    repo = make_repo(tmp_path / "r", "git", [{"include/lib.h": OLD}, {"include/lib.h": NEW}])
    subprocess.run(["git", "-C", str(repo), "update-ref", "refs/remotes/origin/main", "r1"], check=True)
    command = re.sub(r"\$\{\{ inputs\.format \}\}", "github", step["run"])
    command = re.sub(r"\$\{\{ inputs\.args \}\}", "", command)
    env = {**apicompat_env(), "APICOMPAT_BASE": "main"}
    proc = subprocess.run(command, shell=True, cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 12, proc.stderr
    assert proc.stdout.startswith("::error file=include/lib.h,line=1,title=Parameter added%3A lib_open::")


def test_accept_writes_a_baseline_and_ci_then_fails_only_on_new_breaks(tmp_path, vcs):
    close = "int lib_close(int fd);\n"
    repo = make_repo(tmp_path / "r", vcs, [{"include/lib.h": OLD + close}, {"include/lib.h": NEW + close},
                                           {"include/lib.h": NEW}])          # r3 also removes lib_close
    baseline = tmp_path / "apicompat.toml"
    run = lambda *a: CliRunner().invoke(main, [str(x) for x in a], catch_exceptions=False)   # noqa: E731
    result = run("accept", "r1", "r2", "--repo", repo, "--reason", 'known "break"; ported', "--file", baseline)
    assert result.exit_code == 0, result.output
    assert 'reason = "known \\"break\\"; ported"' in baseline.read_text()
    accepted = run("diff", "r1", "r2", "--repo", repo, "--accept", baseline, "--format", "json")
    data = json.loads(accepted.output)
    assert accepted.exit_code == 4 and data["semver"] == "major"
    assert "1 breaking change(s) acknowledged" in data["verdict"]
    assert run("diff", "r1", "r3", "--repo", repo, "--accept", baseline).exit_code == 12     # a new break


def test_every_verdict_names_the_release_it_requires(tmp_path):
    repo = make_repo(tmp_path / "r", "git", [{"include/lib.h": OLD}, {"include/lib.h": OLD + "int lib_x(void);\n"},
                                             {"include/lib.h": OLD + "int lib_x(void);\n"}])
    run = lambda *a: json.loads(CliRunner().invoke(main, [str(x) for x in a] + ["--format", "json"]).output)  # noqa
    assert run("diff", "r1", "r2", "--repo", repo)["semver"] == "minor"
    assert "requires a minor release (same SONAME)" in run("diff", "r1", "r2", "--repo", repo)["verdict"]
    assert run("diff", "r2", "r3", "--repo", repo)["semver"] == "patch"
