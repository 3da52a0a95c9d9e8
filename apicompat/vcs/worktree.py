"""The working tree as a revision: `apicompat diff REV` compares REV with the files on disk.

Read-only, like every reader here: files are read from disk, never staged,
written or checked out.  The work tree is untrusted like any revision: a
symlink that leads outside the repository, or anything but a regular
file, is not read.  The VCS's own folder (.git, .hg) is never listed.
"""
from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

from ..errors import FileTooLargeError, MissingFileError, RepositoryError
from .base import MAX_FILE_BYTES, Repository, Revision
from .globs import filter_paths

WORKTREE = "@worktree"            # the name a user types, and the revision's id
_SKIP_DIRS = {".git", ".hg", ".svn"}


class WithWorktree(Repository):
    """`inner`, plus the revision WORKTREE served from the files on disk."""

    def __init__(self, inner: Repository):
        self.inner, self.kind, self.path = inner, inner.kind, inner.path
        root = Path(inner.path)
        if not any((root / d).exists() for d in (".git", ".hg")):
            raise RepositoryError(f"{inner.path} has no working tree (a bare repository or mirror): "
                                  "name two revisions")
        self.root = root.resolve()

    def resolve(self, name: str) -> Revision:
        if name != WORKTREE:
            return self.inner.resolve(name)
        head = self.inner.resolve("HEAD" if self.kind == "git" else ".")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return Revision(WORKTREE, "worktree", (head.id,), "", now, "the working tree (uncommitted changes)")

    def revisions(self, ids):
        return [self.resolve(i) for i in ids]

    def _disk(self, path: str) -> Path | None:
        """The regular file at `path` inside the repository, else None."""
        target = self.root / path
        if os.path.realpath(target) != os.path.abspath(target):
            return None        # through a symlink: a committed link could serve any untracked file (.env)
        try:
            real = Path(os.path.realpath(target))
            inside = real.relative_to(self.root)
        except ValueError:
            return None
        if inside.parts and inside.parts[0] in _SKIP_DIRS:
            return None        # the VCS's own folder (its config may hold credentials) is not a header
        return real if real.is_file() else None

    def read(self, rev: str, path: str) -> bytes:
        if rev != WORKTREE:
            return self.inner.read(rev, path)
        disk = self._disk(path)
        if disk is None:
            raise MissingFileError(f"{path} does not exist in the working tree (or leads outside it)")
        size = disk.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileTooLargeError(path, size, MAX_FILE_BYTES)
        return disk.read_bytes()

    def exists(self, rev: str, path: str) -> bool:
        return self._disk(path) is not None if rev == WORKTREE else self.inner.exists(rev, path)

    def list_files(self, rev: str, globs: list[str]) -> list[str]:
        if rev != WORKTREE:
            return self.inner.list_files(rev, globs)
        found = []
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if d not in _SKIP_DIRS]
            rel = Path(folder).relative_to(self.root)
            found += [(rel / f).as_posix() for f in files]
        return [p for p in filter_paths(globs, found) if self._disk(p) is not None]

    def file_ids(self, rev: str, globs: list[str]) -> dict[str, str]:
        if rev != WORKTREE:
            return self.inner.file_ids(rev, globs)
        return {p: "sha1:" + hashlib.sha1(self.read(rev, p)).hexdigest() for p in self.list_files(rev, globs)}

    def root_revision(self, rev: str) -> Revision:
        return self.inner.root(rev)

    def root(self, rev: str) -> Revision:
        return self.inner.root(self.resolve(WORKTREE).parents[0] if rev == WORKTREE else rev)

    def revisions_between(self, old, new, paths=None, first_parent=False):
        return self.inner.revisions_between(old, new, paths, first_parent)

    def ids_between(self, old, new, first_parent=False):
        return self.inner.ids_between(old, new, first_parent)

    def touching_among(self, ids, paths, first_parent=False):
        return self.inner.touching_among(ids, paths, first_parent)

    def listing_mode(self, first_parent):
        return self.inner.listing_mode(first_parent)

    def merge_base(self, a: str, b: str) -> Revision:
        return self.inner.merge_base(a, b)

    def close(self) -> None:
        self.inner.close()
