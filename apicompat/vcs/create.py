# Build small, real git and Mercurial repositories from a list of commits.
#
# Tests (and the bundled example) need histories with tags, branches and
# merges in both VCSs.  This module drives the real `git`/`hg` command line
# in a fresh directory, with author, committer and dates taken from each
# Commit, so the same input always yields the same hashes.  It never reads or
# edits the user's global configuration: git runs with GIT_CONFIG_GLOBAL
# pointing at /dev/null and no system config, hg with HGRCPATH=''.
#
# Shapes: a straight line of commits on the main line ("main" in git,
# "default" in hg); a side branch started from an earlier commit or tag
# (`branch=..., start=...`); a merge of that branch back (`merge=...`, git
# `merge --no-ff`, hg `merge` + commit).
#
# Tags: git tags each commit as it is made (annotated with `tag_message`).
# Mercurial keeps tags in a committed .hgtags file; so that both histories
# have the same commits between tags, all tags are written at the end, in one
# commit "Added tags" on the main line.  In hg that commit is `tip`.
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..errors import RepositoryError

DEFAULT_AUTHOR = "apicompat tests <tests@example.org>"
BASE_DATE = "2012-02-01T12:00:00+00:00"
MAIN_BRANCH = {"git": "main", "hg": "default"}


@dataclass
class Commit:
    """One commit to make: edits on top of its parent, and where to make it."""

    message: str
    files: dict[str, bytes | str | None] = field(default_factory=dict)  # None deletes
    tag: str | None = None            # tag this commit
    tag_message: str | None = None    # git: make the tag annotated (hg ignores it)
    author: str = DEFAULT_AUTHOR      # "Name <email>"
    date: str | None = None           # ISO 8601; None: BASE_DATE + index hours
    branch: str | None = None         # None: the main line; else a side branch
    start: int | str | None = None    # a new branch starts at this commit index or tag
    merge: str | int | None = None    # merge this branch (index, tag) in; `files` resolve
                                      # any conflicts


def build_repository(kind: str, dest: Path, commits: list[Commit]) -> list[str]:
    """Create a `kind` ("git" or "hg") repository at `dest` holding `commits`.

    Returns the full id of each commit, in order (hg's final tags commit,
    if any, is not in the list).  `dest` must not exist or be empty.

    >>> build_repository("git", tmp / "r", [Commit("first", {"a.h": "int a;\\n"}, tag="v1"),
    ...                                      Commit("second", {"a.h": None})])
    ['5c1f...', '9e0a...']
    """
    if kind not in MAIN_BRANCH:
        raise ValueError(f"unknown repository kind {kind!r} (expected 'git' or 'hg')")
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise ValueError(f"{dest} is not empty")
    dest.mkdir(parents=True, exist_ok=True)
    builder = _GitBuilder(dest) if kind == "git" else _HgBuilder(dest)
    ids: list[str] = []
    tags: dict[str, str] = {}      # hg writes its tags only at the end
    for index, commit in enumerate(commits):
        date = commit.date or _nth_date(index)
        builder.switch(commit.branch, _target(commit.start, ids, tags))
        merging = commit.merge is not None
        if merging:
            conflicts = builder.merge(_target(commit.merge, ids, tags), commit.author, date)
            unresolved = sorted(set(conflicts) - set(commit.files))
            if unresolved:
                raise ValueError(f"commit {index} ({commit.message.splitlines()[0]!r}): "
                                 f"its files must resolve the merge conflicts in "
                                 f"{', '.join(unresolved)}")
        _apply(dest, commit.files)
        ids.append(builder.commit(commit.message, commit.author, date, merging))
        if commit.tag:
            builder.tag(commit.tag, ids[-1], commit.tag_message, commit.author, date)
            tags[commit.tag] = ids[-1]
    builder.finish(_nth_date(len(commits)))
    return ids


def build_from_folders(kind: str, dest: Path, folders: list[Path],
                       tags: list[str | None] | None = None,
                       messages: list[str] | None = None) -> list[str]:
    """One commit per folder, each commit's tree equal to that folder's files.

    Files missing from a folder are deleted in its commit.  `tags[i]` tags
    folder i's commit; `messages[i]` is its message (default: the folder's
    name).  Returns the commit ids, as build_repository does.

    >>> build_from_folders("hg", tmp / "r", [case / "r1", case / "r2"], tags=["r1", "r2"])
    """
    commits, previous = [], set()
    for i, folder in enumerate(folders):
        content = {p.relative_to(folder).as_posix(): p.read_bytes()
                   for p in sorted(Path(folder).rglob("*")) if p.is_file()}
        files: dict[str, bytes | str | None] = dict(content)
        files.update({gone: None for gone in previous - content.keys()})
        commits.append(Commit(message=messages[i] if messages else Path(folder).name,
                              files=files, tag=tags[i] if tags else None))
        previous = set(content)
    return build_repository(kind, dest, commits)


# -- helpers shared by both builders ---------------------------------------

def _nth_date(index: int) -> str:
    base = datetime.fromisoformat(BASE_DATE)
    return (base + timedelta(hours=index)).isoformat()


def _timestamp(date: str) -> tuple[int, int]:
    """(unix time, UTC offset in seconds east) of an ISO 8601 date."""
    dt = datetime.fromisoformat(date)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return int(dt.timestamp()), int(dt.utcoffset().total_seconds())


def _target(name: int | str | None, ids: list[str], tags: dict[str, str]) -> str | None:
    """A commit index, tag or branch name as something the VCS can update to."""
    if isinstance(name, int):
        return ids[name]
    return tags.get(name, name) if name else None


def _apply(root: Path, files: dict[str, bytes | str | None]) -> None:
    """Write (or, for None, delete) each file under `root`."""
    for name, data in files.items():
        target = root / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise ValueError(f"file name must stay inside the repository: {name}")
        if data is None:
            target.unlink(missing_ok=True)
            for parent in target.parents:
                if parent == root or not parent.is_dir() or any(parent.iterdir()):
                    break
                parent.rmdir()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)


def _run(cmd: list[str], cwd: Path, env: dict[str, str], check: bool = True) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env={**os.environ, **env},
                          capture_output=True, text=True)
    if check and proc.returncode:
        raise RepositoryError(f"{' '.join(cmd)} failed in {cwd}: "
                              f"{(proc.stderr or proc.stdout).strip()}")
    return proc.stdout


class _GitBuilder:
    def __init__(self, root: Path):
        self.root = root
        self.env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                    "LC_ALL": "C"}
        self.branch = MAIN_BRANCH["git"]
        self.git("init", "-q")
        self.git("symbolic-ref", "HEAD", f"refs/heads/{self.branch}")   # git < 2.28: no -b

    def git(self, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
        return _run(["git", *args], self.root, {**self.env, **(env or {})}, check)

    def switch(self, branch: str | None, start: str | None) -> None:
        branch = branch or MAIN_BRANCH["git"]
        if branch == self.branch:
            return
        exists = self.git("branch", "--list", branch).strip()
        if exists:
            self.git("checkout", "-q", branch)
        else:
            self.git("checkout", "-q", "-b", branch, *([start] if start else []))
        self.branch = branch

    def merge(self, other: str, author: str, date: str) -> list[str]:
        """Start merging `other` (no commit yet); the conflicted paths."""
        self.git("merge", "-q", "--no-ff", "--no-commit", other, check=False,
                 env=_git_identity(author, date))
        if not (self.root / ".git" / "MERGE_HEAD").exists():
            raise RepositoryError(f"git merge {other} did not start a merge in {self.root}")
        return self.git("diff", "--name-only", "--diff-filter=U").split("\n")[:-1]

    def commit(self, message: str, author: str, date: str, merging: bool) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "--no-verify", "-m", message,
                 env=_git_identity(author, date))
        return self.git("rev-parse", "HEAD").strip()

    def tag(self, name: str, rev: str, message: str | None, author: str, date: str) -> None:
        annotated = ["-a", "-m", message] if message else []
        self.git("tag", *annotated, name, rev, env=_git_identity(author, date))

    def finish(self, date: str) -> None:
        pass


def _git_identity(author: str, date: str) -> dict[str, str]:
    m = re.fullmatch(r"\s*(.*?)\s*<(.*)>\s*", author)
    name, email = (m.group(1), m.group(2)) if m else (author, "")
    unix, offset = _timestamp(date)
    sign = "+" if offset >= 0 else "-"
    stamp = f"{unix} {sign}{abs(offset) // 3600:02d}{abs(offset) % 3600 // 60:02d}"
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": stamp}


class _HgBuilder:
    def __init__(self, root: Path):
        from .hg import hg_executable
        self.root = root
        self.exe = hg_executable()
        self.env = {"HGRCPATH": "", "HGPLAIN": "1", "HGENCODING": "UTF-8", "LC_ALL": "C"}
        self.branch = MAIN_BRANCH["hg"]
        self.branches = {self.branch}
        self.tags: list[tuple[str, str]] = []
        self.hg("init")

    def hg(self, *args: str, check: bool = True) -> str:
        return _run([self.exe, *args], self.root, self.env, check)

    def switch(self, branch: str | None, start: str | None) -> None:
        branch = branch or MAIN_BRANCH["hg"]
        if branch == self.branch:
            return
        if branch in self.branches:
            self.hg("update", "-q", "-r", branch)
        else:
            if start:
                self.hg("update", "-q", "-r", start)
            self.hg("branch", "-q", branch)
            self.branches.add(branch)
        self.branch = branch

    def merge(self, other: str, author: str, date: str) -> list[str]:
        """Start merging `other` (conflicts keep their markers); the conflicted paths."""
        self.hg("merge", "-q", "--tool", ":merge", "-r", other, check=False)
        if not self.hg("log", "-r", "p2(wdir())", "-T", "{node}"):
            raise RepositoryError(f"hg merge {other} did not start a merge in {self.root}")
        return [line[2:] for line in self.hg("resolve", "--list").splitlines()
                if line.startswith("U ")]

    def commit(self, message: str, author: str, date: str, merging: bool) -> str:
        self.hg("addremove", "-q")
        if merging:
            self.hg("resolve", "-q", "--mark", "--all", check=False)
        unix, offset = _timestamp(date)
        self.hg("commit", "-q", "-m", message, "-u", author, "-d", f"{unix} {-offset}")
        return self.hg("log", "-r", ".", "-T", "{node}").strip()

    def tag(self, name: str, rev: str, message: str | None, author: str, date: str) -> None:
        self.tags.append((rev, name))

    def finish(self, date: str) -> None:
        """Write all tags to .hgtags in one commit on the main line."""
        if not self.tags:
            return
        self.switch(None, None)
        hgtags = self.root / ".hgtags"
        old = hgtags.read_text() if hgtags.exists() else ""
        hgtags.write_text(old + "".join(f"{node} {name}\n" for node, name in self.tags))
        self.commit("Added tags", DEFAULT_AUTHOR, date, merging=False)


__all__ = ["Commit", "build_repository", "build_from_folders", "DEFAULT_AUTHOR",
           "BASE_DATE", "MAIN_BRANCH"]
