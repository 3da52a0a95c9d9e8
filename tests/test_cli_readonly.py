"""Every command leaves the user's repository byte-for-byte as it was.

The bundled example is put in a state a user may leave it in (git: a stash,
a detached HEAD, staged and unstaged edits, an untracked file; hg: an older
working copy with edits and an untracked file), then every apicompat command
runs against it through the command line.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.example import create_example
from apicompat.vcs.hg import hg_executable
from test_vcs_readonly import GIT_ENV, HG_ENV, make_stat_stale, sh, snapshot


CONSUMER = Path(__file__).parent / "fixtures" / "consumers" / "libdemo" / "driver.c"


def every_command(repo, out):
    """(argv, acceptable exit statuses) for each command that reads the repository."""
    common = ["--repo", str(repo), "-D", "DEMO_TOOLS"]
    return [
        (["diff", "v1.0", "v2.0", *common], {12}),
        (["diff", "v1.0", "no-such-rev", *common], {1}),
        (["shim", "v1.0", "v2.0", *common, "--out", str(out / "shim.h")], {0}),
        (["report", "v1.0", "v2.0", *common, "--out", str(out / "r.html")], {12}),
        (["snapshot", "v2.0", *common, "--out", str(out / "snap")], {0}),
        (["profile", "show", "v1.1", *common], {0}),
        # The working tree and pull-request mode read the dirty tree from disk, never change it.
        (["diff", "v1.0", *common], {1, 4, 12, 36, 44}),     # the edits here may not even parse
        (["impact", "v1.0", "v2.0", *common, "--consumer", str(CONSUMER), "--check"], {12}),
        (["profile", "init", "v2.0", "--repo", str(repo), "--out", str(out / "init.toml")], {0}),
    ] + ([(["migrate", "v1.0", "v2.0", *common, "--consumer", str(CONSUMER), "--check"], {0})]
         if shutil.which("spatch") else []) + extra_history_commands(common)


def extra_history_commands(common):
    """The history commands, once they exist."""
    names = set(main.commands)
    cmds = []
    if "log" in names:
        cmds.append((["log", "demo_init_create_info", "v1.0..v2.0", *common], {0}))
    if "bisect" in names:
        cmds.append((["bisect", "demo_free_waiter", "--event", "removed", "v1.0", "v2.0", *common], {0}))
    if "timeline" in names:
        cmds.append((["timeline", "v1.0..v2.0", *common], {0}))
    return cmds


def run_all(repo, out):
    out.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    for argv, ok in every_command(repo, out):
        result = runner.invoke(main, argv)
        assert result.exit_code in ok, (argv, result.output)
        assert "Traceback" not in result.output


def test_git_repository_is_untouched(tmp_path):
    root = tmp_path / "libdemo"
    create_example(root, "git")
    git = lambda *a: sh(["git", *a], root, GIT_ENV)   # noqa: E731
    (root / "include" / "demo.h").write_text("stashed\n")
    git("stash", "-q")
    git("checkout", "-q", "--detach", "v1.1")
    (root / "include" / "demo.h").write_text("unstaged edit\n")
    (root / "include" / "demo_types.h").write_text("staged edit\n")
    git("add", "include/demo_types.h")
    (root / "notes.txt").write_text("untracked\n")
    git("status")
    quiet = lambda *a: sh(["git", *a], root, {**GIT_ENV, "GIT_OPTIONAL_LOCKS": "0"})  # noqa: E731

    def state():
        return (quiet("status", "--porcelain=v2", "--branch", "--untracked-files=all"), quiet("stash", "list"),
                quiet("rev-parse", "HEAD"), (root / ".git" / "index").read_bytes())

    make_stat_stale(root / "README" if (root / "README").exists() else root / "include" / "demo.h")
    before, files = state(), snapshot(root)
    run_all(root, tmp_path / "out")
    assert state() == before
    assert snapshot(root) == files


def test_hg_repository_is_untouched(tmp_path):
    root = tmp_path / "libdemo"
    create_example(root, "hg")
    hg = lambda *a: sh([hg_executable(), *a], root, HG_ENV)   # noqa: E731
    hg("update", "-q", "-r", "v1.1")
    (root / "include" / "demo.h").write_text("uncommitted edit\n")
    (root / "notes.txt").write_text("untracked\n")
    for path in root.rglob("*"):          # no mtime in the current second: hg trusts its dirstate
        if ".hg" not in path.parts and path.is_file():
            make_stat_stale(path)
    hg("status")
    hg("status")

    def state():
        return hg("status"), hg("id"), (root / ".hg" / "dirstate").read_bytes()

    before, files = state(), snapshot(root, skip=(".hg/cache", ".hg/wcache"))
    run_all(root, tmp_path / "out")
    assert state() == before
    assert snapshot(root, skip=(".hg/cache", ".hg/wcache")) == files
