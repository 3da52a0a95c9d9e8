"""The repository interface both backends implement.

Everything here is read-only: a backend reads blobs and history at
revisions and never touches the work tree, index/dirstate, stash,
bookmarks or config of the user's repository.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

# A header is kilobytes; a repository can commit a 3 GiB blob named like one.  Files over this
# are not read (the snapshot says so, for that file) instead of being held in memory.
MAX_FILE_BYTES = int(os.environ.get("APICOMPAT_MAX_FILE_MB", "64")) * 1024 * 1024


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

    def revisions(self, ids: list[str]) -> list[Revision]:
        """The Revision of each full id (one VCS call where the backend can)."""
        return [self.resolve(i) for i in ids]

    def read(self, rev: str, path: str) -> bytes:
        """Bytes of `path` at full id `rev`; MissingFileError if absent."""
        raise NotImplementedError

    def exists(self, rev: str, path: str) -> bool:
        raise NotImplementedError

    def ids_ahead(self, wanted: list[tuple[str, list[str]]]) -> None:
        """A hint: file_ids(rev, globs) will be asked for each (rev, globs) of `wanted`; a backend
        that can prepare for many revisions at once (git) does it now."""

    def exists_at(self, pairs: list[tuple[str, str]]) -> list[bool]:
        """exists(rev, path) of each (rev, path) pair (a backend may ask for them all at once)."""
        return [self.exists(rev, path) for rev, path in pairs]

    def list_files(self, rev: str, globs: list[str]) -> list[str]:
        """Sorted repository-relative paths at `rev` matching any glob (see vcs.globs)."""
        raise NotImplementedError

    def list_ahead(self, rev: str, globs: list[str]) -> None:
        """A hint: `list_files` will be asked about parts of `globs` at `rev` next.  A backend
        whose listing costs a process (git) lists them all at once now."""

    def file_ids(self, rev: str, globs: list[str]) -> dict[str, str]:
        """{path: id} for the files at `rev` matching any glob, where equal ids mean equal
        bytes (git blob ids, hg file nodes); for cache keys (apicompat.history.cache).

        This fallback hashes each file's bytes; backends answer from their own indexes.
        """
        import hashlib
        return {path: "sha1:" + hashlib.sha1(self.read(rev, path)).hexdigest()
                for path in self.list_files(rev, globs)}

    def revisions_matching(self, old: str | None, new: str, word: str, paths: list[str],
                           first_parent: bool = False) -> set[str] | None:
        """Ids of the revisions after `old` (from the root if None) up to `new` whose diff adds
        or removes a line of a file matching `paths` that contains the identifier `word`
        (`git log -G`, `hg grep --diff`).  A hint for searches, never an answer; None if
        the backend cannot tell."""
        return None

    def root(self, rev: str) -> Revision:
        """The first revision of `rev`'s history (its root; on the first-parent line if several)."""
        raise NotImplementedError

    def revisions_between(self, old: str, new: str, paths: list[str] | None = None,
                          first_parent: bool = False) -> list[Revision]:
        """Revisions reachable from `new` but not `old`, oldest first, optionally only
        those touching `paths` (globs).  `old` itself is not included."""
        raise NotImplementedError

    def ids_between(self, old: str, new: str, first_parent: bool = False) -> list[str] | None:
        """The ids of every commit revisions_between(old, new) would consider, in its order,
        when the repository can list them without reading trees; None otherwise."""
        return None

    def touching_among(self, ids: list[str], paths: list[str], first_parent: bool = False) -> list[Revision]:
        """Those of the commits `ids` that revisions_between would list with `paths`
        (asked only where ids_between gives ids)."""
        raise NotImplementedError

    def listing_mode(self, first_parent: bool) -> str:
        """What decides whether a merge changes a path (it may differ between tool versions)."""
        return ""

    def merge_base(self, a: str, b: str) -> Revision:
        """The best common ancestor of `a` and `b` (what a pull request is compared with)."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
