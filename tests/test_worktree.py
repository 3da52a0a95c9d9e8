"""Issue 15: the working tree as a revision, and pull-request mode (--base), on git and hg.

The working tree is read from disk, read-only: a dirty tree is left byte for
byte as it was, and a symlink leading out of the repository is not followed.
"""
from __future__ import annotations

import json
import os
import subprocess

from click.testing import CliRunner

from apicompat.cli import main

OLD = "int lib_open(int flags);\n"
NEW_WORK = "int lib_open(int flags, int mode);\nint lib_close(int fd);\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def snapshot_of(tree):
    """Every file's bytes and the VCS's own view of the tree (status)."""
    files = {}
    for folder, _, names in os.walk(tree):
        for name in names:
            path = os.path.join(folder, name)
            if not os.path.islink(path) and "/.hg/" not in path + "/" and "/.git/" not in path + "/":
                with open(path, "rb") as handle:
                    files[path] = handle.read()
    return files


def test_one_revision_compares_it_with_the_files_on_disk(repo_factory, vcs):
    repo = repo_factory([{"include/lib.h": OLD}])
    (repo / "include" / "lib.h").write_text(NEW_WORK)               # an uncommitted edit
    (repo / "include" / "extra.h").write_text("int lib_extra(void);\n")   # an untracked header
    before = snapshot_of(repo)
    status = ["git", "-C", str(repo), "status", "--porcelain"] if vcs == "git" else \
        ["hg", "--cwd", str(repo), "status"]
    status_before = subprocess.run(status, capture_output=True, text=True).stdout
    result = run("diff", "r1", "--repo", repo, "--format", "json")
    assert result.exit_code == 12, result.output
    data = json.loads(result.output)
    kinds = sorted((f["kind"], f["symbol"]) for f in data["findings"])
    assert ("function_param_added", "lib_open") in kinds and ("function_added", "lib_close") in kinds
    assert ("function_added", "lib_extra") in kinds
    assert data["new"]["id"] == "@worktree"
    assert snapshot_of(repo) == before
    assert subprocess.run(status, capture_output=True, text=True).stdout == status_before


def test_a_symlink_out_of_the_repository_is_not_read(repo_factory, tmp_path):
    secret = tmp_path / "secret.h"
    secret.write_text("int TOKEN_abc123(void);\n")
    repo = repo_factory([{"include/lib.h": OLD}])
    os.symlink(secret, repo / "include" / "leak.h")
    result = run("diff", "r1", "--repo", repo, "--format", "json")
    assert "TOKEN_abc123" not in result.output


def test_base_compares_a_branch_with_its_merge_base(repo_factory, vcs):
    repo = repo_factory([{"include/lib.h": OLD}, {"include/lib.h": NEW_WORK}])
    # r2 is "the pull request": its merge base with r1 is r1 itself.
    result = run("diff", "--base", "r1", "r2", "--repo", repo, "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 12
    assert data["old"]["name"].startswith("merge-base:r1")
    assert ("function_param_added", "lib_open") in {(f["kind"], f["symbol"]) for f in data["findings"]}


def test_no_revision_at_all_is_a_usage_error(repo_factory):
    repo = repo_factory([{"include/lib.h": OLD}])
    result = run("diff", "--repo", repo)
    assert result.exit_code == 2 and "OLD [NEW], or --base BRANCH" in result.output


def test_a_symlink_to_an_untracked_file_inside_the_tree_is_not_read(repo_factory):
    """A committed link `include/env.h -> ../.env` would serve an untracked secret of the work tree."""
    repo = repo_factory([{"include/lib.h": OLD}])
    (repo / ".env").write_text("int SECRET_TOKEN_abc(void);\n")
    os.symlink("../.env", repo / "include" / "env.h")
    result = run("diff", "r1", "--repo", repo, "--format", "json")
    assert "SECRET_TOKEN_abc" not in result.output
