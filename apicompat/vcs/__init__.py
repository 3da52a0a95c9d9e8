# The version-control layer: open a git or Mercurial repository and read it
# at revisions, never touching its work tree, index/dirstate or config.
#
# `open_repository` finds the repository that holds a path (a work tree, any
# directory inside it, a bare git repository or mirror, or an hg repository
# with or without working copy) and returns the matching backend.
from __future__ import annotations

from pathlib import Path

from ..errors import RepositoryError
from .base import Repository, Revision

__all__ = ["Repository", "Revision", "detect", "open_repository"]


def _is_git_dir(d: Path) -> bool:
    """True for a git directory itself (a bare repository, a mirror or `.git`)."""
    return (d / "HEAD").is_file() and (d / "objects").is_dir() and (d / "refs").is_dir()


def detect(path: str) -> tuple[str, Path]:
    """("git" | "hg", directory) for the nearest repository holding `path`.

    Walks up from `path`; at each level a `.git` entry (directory or gitfile)
    or a bare git directory means git, a `.hg` directory means hg (git wins
    if a directory has both).  RepositoryError if none is found.
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise RepositoryError(f"{path}: no such file or directory")
    p = p.resolve()
    if not p.is_dir():
        p = p.parent
    for d in (p, *p.parents):
        if (d / ".git").exists() or _is_git_dir(d):
            return "git", d
        if (d / ".hg").is_dir():
            return "hg", d
    raise RepositoryError(f"{path}: not inside a git or Mercurial repository")


def open_repository(path: str, kind: str | None = None) -> Repository:
    """Open the git or hg repository holding `path`, read-only.

    `kind` ("git" or "hg") skips detection.  Close it when done (or use `with`).

    >>> with open_repository("~/src/xen") as repo:
    ...     repo.resolve("RELEASE-4.1.2").id
    """
    if kind is None:
        kind, root = detect(path)
        path = str(root)
    if kind == "git":
        from .git import GitRepository
        return GitRepository(str(path))
    if kind == "hg":
        from .hg import HgRepository
        return HgRepository(str(path))
    raise RepositoryError(f"unknown repository kind {kind!r} (expected 'git' or 'hg')")
