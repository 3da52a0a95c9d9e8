"""A model reused by what it was made from, not by every input a revision has.

A model's cache key hashes every file the extraction *might* read: all the
include folders, every header under the public globs' folders, the
generators' inputs.  Most commits touching those change nothing an
extraction actually reads: a `.c` file beside the headers, a header no public
header includes, the library's private header.  On Xen's libxl, 179
extractions over one release made 22 distinct models.

So each extraction also records its *reads*: the repository files whose
content it used (the public headers, the generators' declared inputs, and
every file a compiler run opened, from its `-MD` output).  A later revision
with the same configuration whose files have, at those paths, the same
contents, and whose input listing names the same files (a file added or
removed anywhere may change what an include finds), has the same model: it is
not extracted, and its key is recorded as an alias of the first one's.

An extraction whose reads are not known (a compiler run that ended in a fatal
error writes no `-MD` output) records none, and nothing is reused from it.
"""
from __future__ import annotations

import hashlib

from ..extract.config import ExtractConfig
from . import cache as C


def scope(config: ExtractConfig) -> str:
    """What a model depends on besides its revision's files: the tool, the compiler, the
    configuration and its folders outside the repository (the model key without the inputs)."""
    return C.model_key(config, "reads")


def names_digest(file_ids: dict[str, str]) -> bytes:
    """The listing: which files exist under the inputs (not their contents)."""
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(file_ids):
        h.update(path.encode("utf-8", "surrogateescape") + b"\0")
    return h.digest()


def paths_digest(paths: list[str]) -> str:
    h = hashlib.blake2b(digest_size=20)
    for path in paths:
        h.update(path.encode("utf-8", "surrogateescape") + b"\0")
    return h.hexdigest()


def contents_digest(names: bytes, paths: list[str], file_ids: dict[str, str]) -> str:
    """The listing and the content (file id) at each read path; a generated file (no id in the
    repository) counts as absent, its generator's inputs being reads of their own."""
    h = hashlib.blake2b(names, digest_size=20)
    for path in paths:
        h.update(path.encode("utf-8", "surrogateescape") + b"\0" + file_ids.get(path, "-").encode() + b"\0")
    return h.hexdigest()


class ReadIndex:
    """The reads recorded for models of one walk's configurations, through the cache."""

    KEPT_LISTS = 24          # distinct read lists tried per configuration (most recent first)

    def __init__(self, cache: C.ModelCache):
        self.cache = cache
        self._lists: dict[str, list[tuple[str, list[str]]]] = {}    # scope -> [(paths digest, paths)]

    def lists(self, scope_key: str) -> list[tuple[str, list[str]]]:
        if scope_key not in self._lists:
            self._lists[scope_key] = self.cache.read_lists(scope_key, self.KEPT_LISTS)
        return self._lists[scope_key]

    def find(self, scope_key: str, file_ids: dict[str, str]) -> str | None:
        """The key of a stored model made from the same contents as `file_ids` has, or None."""
        names = names_digest(file_ids)
        for digest, paths in self.lists(scope_key):
            found = self.cache.get_read(scope_key, digest, contents_digest(names, paths, file_ids))
            if found is not None and self.cache.has_model(found):
                return found
        return None

    def predict(self, scope_key: str, file_ids: dict[str, str]) -> str | None:
        """The contents digest under the most recent read list (two revisions with the same one
        will most likely share a model), None before any is known."""
        lists = self.lists(scope_key)
        if not lists:
            return None
        digest, paths = lists[0]
        return contents_digest(names_digest(file_ids), paths, file_ids)

    def record(self, scope_key: str, reads: set[str], file_ids: dict[str, str], model_key: str) -> None:
        paths = sorted(reads)
        digest = paths_digest(paths)
        self.cache.put_read(scope_key, digest, paths, contents_digest(names_digest(file_ids), paths, file_ids),
                            model_key)
        lists = [entry for entry in self.lists(scope_key) if entry[0] != digest]
        self._lists[scope_key] = [(digest, paths)] + lists[:self.KEPT_LISTS - 1]
