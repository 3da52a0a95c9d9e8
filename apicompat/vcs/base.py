"""The repository interface both backends implement.

Everything here is read-only: a backend reads blobs and history at
revisions and never touches the work tree, index/dirstate, stash,
bookmarks or config of the user's repository.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Revision:
    """One changeset, as the history commands show it."""

    id: str                 # full hash (git sha1 / hg node)
    short: str              # abbreviated id a user would type
    parents: tuple[str, ...]  # full ids, first parent first
    author: str
    date: str               # ISO 8601 with offset
    summary: str            # first line of the description
    description: str = field(default="", compare=False)
    number: int | None = None  # hg local revision number; None for git


class Repository:
    """Read-only view of a repository at any revision.

    >>> repo = open_repository("path/to/repo")
    >>> rev = repo.resolve("v1.0")
    >>> repo.read(rev.id, "include/foo.h")
    b'...'
    """

    kind: str = ""          # "git" or "hg"
    path: str = ""

    def resolve(self, name: str) -> Revision:
        """Revision for any name a user of this VCS would type; RevisionError otherwise."""
        raise NotImplementedError

    def read(self, rev: str, path: str) -> bytes:
        """Bytes of `path` at full id `rev`; MissingFileError if absent."""
        raise NotImplementedError

    def exists(self, rev: str, path: str) -> bool:
        raise NotImplementedError

    def list_files(self, rev: str, globs: list[str]) -> list[str]:
        """Sorted repository-relative paths at `rev` matching any glob (see vcs.globs)."""
        raise NotImplementedError

    def revisions_between(self, old: str, new: str, paths: list[str] | None = None,
                          first_parent: bool = False) -> list[Revision]:
        """Revisions reachable from `new` but not `old`, oldest first, optionally only
        those touching `paths` (globs).  `old` itself is not included."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
