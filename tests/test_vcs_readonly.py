"""Reading a repository never changes it.

Each test builds a repository in a state a user might leave it in (detached
or older working copy, staged and unstaged edits, an untracked file, a git
stash), records everything a user could see, runs every read operation of the
backend, and checks that the state is byte-for-byte the same: status, stash
list, HEAD / working-copy parent, the bytes of .git/index or .hg/dirstate,
and every file of the work tree and of .git (for hg, of .hg except its
caches, which hg may refresh on any read).
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from apicompat.errors import MissingFileError, RevisionError
from apicompat.vcs import open_repository
from apicompat.vcs.create import Commit, build_repository
from apicompat.vcs.hg import hg_executable

GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
HG_ENV = {"HGRCPATH": "", "HGPLAIN": "1", "HGUSER": "t"}


def sh(cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(cmd, cwd=cwd, env={**os.environ, **env}, check=True,
                          capture_output=True, text=True).stdout


def history() -> list[Commit]:
    """Tags v1, v2, v3 on the main line; a side branch `feature` merged back."""
    return [
        Commit("initial", {"include/foo.h": "int foo;\n", "src/a.c": "a\n", "README": "r\n"},
               tag="v1"),
        Commit("foo", {"include/foo.h": "int foo;\nint f(void);\n"}, tag="v2",
               tag_message="two"),
        Commit("side", {"include/sub/bar.h": "int bar;\n"}, branch="feature", start="v1"),
        Commit("main", {"src/a.c": "a2\n"}),
        Commit("merge", merge="feature", tag="v3"),
    ]


def snapshot(root: Path, skip: tuple[str, ...] = ()) -> dict[str, tuple[bytes, int]]:
    """Every file under root (but `skip` prefixes): its bytes and mtime."""
    files = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and not rel.startswith(skip):
            files[rel] = (p.read_bytes(), p.stat().st_mtime_ns)
    return files


def make_stat_stale(path: Path) -> None:
    """Give a clean tracked file an older mtime: its cached stat data in the
    index/dirstate is now stale, so any status-like call would rewrite it."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 100 * 10**9))


def exercise(path: Path, names: list[str]) -> None:
    """Every read operation the backends offer, including failing ones."""
    with open_repository(str(path / "include")) as repo:
        revs = [repo.resolve(n) for n in names]
        for bad in ("nosuchrev", "v1^2"):
            with pytest.raises(RevisionError):
                repo.resolve(bad)
        for rev in revs:
            for f in repo.list_files(rev.id, ["**/*.h", "src/*", "README"]):
                assert repo.exists(rev.id, f)
                repo.read(rev.id, f)
            with pytest.raises(MissingFileError):
                repo.read(rev.id, "no/such/file.h")
        old, new = revs[0].id, revs[-1].id
        for first_parent in (False, True):
            assert repo.revisions_between(old, new, None, first_parent)
            repo.revisions_between(old, new, ["include/**"], first_parent)


def test_git_reads_change_nothing(tmp_path):
    root = tmp_path / "repo"
    build_repository("git", root, history())
    git = lambda *a: sh(["git", *a], root, GIT_ENV)            # noqa: E731
    (root / "src" / "a.c").write_text("stashed edit\n")
    git("stash", "-q")
    git("checkout", "-q", "--detach", "v2")
    (root / "README").write_text("unstaged edit\n")
    (root / "include" / "foo.h").write_text("staged edit\n")
    git("add", "include/foo.h")
    (root / "notes.txt").write_text("untracked\n")
    git("status")                                               # settle the index once
    make_stat_stale(root / "src" / "a.c")
    quiet = lambda *a: sh(["git", *a], root, {**GIT_ENV, "GIT_OPTIONAL_LOCKS": "0"})  # noqa

    def state():
        return (quiet("status", "--porcelain=v2", "--branch", "--untracked-files=all"),
                quiet("stash", "list"), quiet("rev-parse", "HEAD"),
                (root / ".git" / "HEAD").read_bytes(), (root / ".git" / "index").read_bytes())

    before, files_before = state(), snapshot(root)
    assert "# branch.head (detached)" in before[0] and "notes.txt" in before[0]
    assert "stash@{0}" in before[1]
    exercise(root, ["v1", "v2", "HEAD", "main", "stash@{0}", "feature", "v3"])
    assert snapshot(root) == files_before
    assert state() == before


def test_git_bare_reads_change_nothing(tmp_path):
    build_repository("git", tmp_path / "src", history())
    sh(["git", "clone", "-q", "--bare", str(tmp_path / "src"), str(tmp_path / "bare.git")],
       tmp_path, GIT_ENV)
    root = tmp_path / "bare.git"
    before = snapshot(root)
    with open_repository(str(root)) as repo:
        v1, v3 = repo.resolve("v1").id, repo.resolve("HEAD").id
        repo.list_files(v3, ["**"])
        repo.read(v3, "include/foo.h")
        repo.revisions_between(v1, v3, ["include/**"])
    assert snapshot(root) == before


def test_hg_reads_change_nothing(tmp_path):
    root = tmp_path / "repo"
    ids = build_repository("hg", root, history())
    hg = lambda *a: sh([hg_executable(), *a], root, HG_ENV)    # noqa: E731
    hg("update", "-q", "-r", "v2")
    (root / "README").write_text("uncommitted edit\n")
    (root / "include" / "new.h").write_text("added\n")
    hg("add", "include/new.h")
    (root / "notes.txt").write_text("untracked\n")
    hg("status")
    hg("status")                                                # settle the dirstate

    def state():
        return hg("status"), hg("id"), hg("id", "-i", "--debug")

    before = state()
    make_stat_stale(root / "src" / "a.c")
    dirstate, files_before = (root / ".hg" / "dirstate").read_bytes(), \
        snapshot(root, skip=(".hg/cache", ".hg/wcache"))
    assert before[0] == "M README\nA include/new.h\n? notes.txt\n"
    assert before[2].strip() == ids[1] + "+"
    exercise(root, ["v1", "v2", ".", "tip", "default", "feature", "v3"])
    assert (root / ".hg" / "dirstate").read_bytes() == dirstate
    assert snapshot(root, skip=(".hg/cache", ".hg/wcache")) == files_before
    assert state() == before
