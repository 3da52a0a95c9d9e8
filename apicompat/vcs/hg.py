# Read-only Mercurial backend (python-hglib command server).
#
# One `hg serve --cmdserver pipe` process per repository, started in the
# repository root (so every path hg prints is root-relative) with HGPLAIN=1
# and HGRCPATH='' (no user or system configuration, hence no user extensions
# or hooks; the repository's own .hg/hgrc still applies).  Revisions are
# resolved with `hg log -r NAME`, so tags, bookmarks, branches, hashes,
# revision numbers (negative ones count back from tip), `.`, `tip~2`, `p2(x)`
# and any revset naming one revision work.  Files are read with `hg cat`,
# listed with `hg files`, history comes from `only(new, old)`.
#
# Only read commands run (log, cat, files, status --change): the dirstate and
# the working copy are never written; hg may refresh files in .hg/cache,
# which changes nothing a user sees.
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import hglib
from hglib import client as hgclient
from hglib import error as hgerror

from ..errors import FileTooLargeError, MissingFileError, RepositoryError, RevisionError
from . import globs as G
from .base import MAX_FILE_BYTES, Repository, Revision

# One log record: \x1e starts it, \x1f separates fields, \x1d ends the
# description; the changeset's files follow, NUL-separated.
_LOG_TEMPLATE = ("\\x1e{node}\\x1f{node|short}\\x1f{p1node}\\x1f{p2node}\\x1f{author}"
                 "\\x1f{date|rfc3339date}\\x1f{rev}\\x1f{desc}\\x1d{join(files, '\\x00')}")
_NULL = "0" * 40
# The analysed repository is untrusted: its own .hg/hgrc (hooks, extensions) must not run
# anything, so it is not read at all (HGRCSKIPREPO), nor the user's and system's.
_ENV = {"HGPLAIN": "1", "HGRCPATH": "", "HGENCODING": "UTF-8", "HGRCSKIPREPO": "1"}


def hg_executable() -> str:
    """The `hg` that came with this Python install, else the one on PATH."""
    beside = Path(sys.executable).parent / "hg"
    if beside.exists():
        return str(beside)
    return shutil.which("hg") or "hg"


def find_root(path: str) -> Path | None:
    """The nearest directory at or above `path` holding a `.hg` directory."""
    p = Path(path).resolve()
    for d in (p, *p.parents):
        if (d / ".hg").is_dir():
            return d
    return None


class HgRepository(Repository):
    """A Mercurial repository (with or without working copy), read at revisions only."""

    kind = "hg"

    def __init__(self, path: str):
        root = find_root(path)
        if root is None:
            raise RepositoryError(f"{path}: not a Mercurial repository")
        self.path = str(root)
        hglib.HGPATH = hg_executable()
        client = hgclient.hgclient(self.path, "UTF-8", None, connect=False)
        # Run the server in the root: paths hg prints are then root-relative.
        client._args[1:1] = ["--cwd", self.path]
        client._env.update(_ENV)
        try:
            self._hg = client.open()
        except (hgerror.ServerError, OSError) as e:
            raise RepositoryError(f"cannot start hg in {self.path}: {e}") from e

    def _run(self, *args: str | bytes, missing_ok: bool = False) -> bytes | None:
        """Output of `hg ARGS`; RepositoryError if hg fails.

        With `missing_ok`, exit status 1 (some named file does not exist) is
        not a failure: the output is returned, or None if there is none.
        """
        cmd = [a if isinstance(a, bytes) else a.encode("utf-8", "surrogateescape")
               for a in args]
        try:
            return self._hg.rawcommand(cmd)
        except hgerror.CommandError as e:
            if missing_ok and e.ret == 1:
                return e.out or None
            raise RepositoryError(f"hg {args[0]} failed in {self.path}: "
                                  f"{_text(e.err).strip()}") from e
        except hgerror.ServerError as e:
            raise RepositoryError(f"hg stopped in {self.path}: {e}") from e

    # -- revisions ---------------------------------------------------------

    def resolve(self, name: str) -> Revision:
        """Revision for any name or single-revision revset hg understands.

        >>> repo.resolve("tip~2").number
        5
        """
        if not name or not name.strip():
            raise RevisionError(name, self.path, "empty revision name")
        try:
            out = self._hg.rawcommand([b"log", b"-r", name.encode("utf-8", "surrogateescape"),
                                       b"--limit", b"2", b"-T", _LOG_TEMPLATE.encode()])
        except hgerror.ServerError as e:
            raise RepositoryError(f"hg stopped in {self.path}: {e}") from e
        except hgerror.CommandError as e:
            lines = _text(e.err).strip().removeprefix("abort: ").splitlines()
            detail = lines[0].rstrip("!") if lines else ""
            if detail.startswith("unknown revision"):
                detail = "not a tag, bookmark, branch, hash, number or revset"
            raise RevisionError(name, self.path, detail) from e
        revs = _parse_log(out)
        if len(revs) != 1:
            raise RevisionError(name, self.path, "names no revision" if not revs
                                else "names more than one revision")
        rev = revs[0][0]
        if rev.id == _NULL:
            raise RevisionError(name, self.path,
                                "names the null revision (as '.' does without a working copy)")
        return rev

    def revisions(self, ids: list[str]) -> list[Revision]:
        """The changesets with these full ids, in one `hg log`."""
        if not ids:
            return []
        out = self._run("log", "-r", " + ".join(_quote(i) for i in ids), "-T", _LOG_TEMPLATE)
        return [rev for rev, _ in _parse_log(out)]

    def root(self, rev: str) -> Revision:
        """The root changeset reached from `rev` by first parents."""
        return self.resolve(f"min(_firstancestors({_quote(rev)}))")

    def revisions_between(self, old: str, new: str, paths: list[str] | None = None,
                          first_parent: bool = False) -> list[Revision]:
        """Changesets in `only(new, old)`, oldest (lowest number) first.

        With `first_parent`, only the chain of first parents from `new`.
        With `paths` (globs), only changesets whose files match; a merge's
        files are those it resolved (differing from every parent), or, with
        `first_parent`, those differing from its first parent.
        """
        revset = f"sort(only({_quote(new)}, {_quote(old)}))"
        out = self._run("log", "-r", revset, "-T", _LOG_TEMPLATE)
        records = _parse_log(out)
        if first_parent:
            records = _first_parent_chain(records)
        if paths is None:
            return [rev for rev, _ in records]
        return [rev for rev, files in records
                if any(G.match_any(paths, f) for f in self._touched(rev, files, first_parent))]

    def revisions_matching(self, old: str | None, new: str, word: str, paths: list[str],
                           first_parent: bool = False) -> set[str] | None:
        """Changesets whose diff adds or removes a line holding the identifier `word` (`hg grep --diff`)."""
        if not paths or not word.replace("_", "").isalnum():
            return None
        revset = f"only({_quote(new)}, {_quote(old)})" if old else f"::{_quote(new)}"
        out = self._run("grep", "--diff", "-r", revset, "-T", "{node} {path}\\0", rf"\b{word}\b",
                        missing_ok=True) or b""
        found = set()
        for entry in out.split(b"\0"):
            node, sep, name = entry.partition(b" ")
            if sep and G.match_any(paths, _fsdecode(name)):
                found.add(node.decode())
        return found

    def _touched(self, rev: Revision, files: list[str], first_parent: bool) -> list[str]:
        """Files `rev` changes: its own list, or a merge's diff to its first parent."""
        if first_parent and len(rev.parents) == 2:
            out = self._run("status", "--change", rev.id, "-n", "-0")
            return [_fsdecode(n) for n in out.split(b"\0") if n]
        return files

    # -- files -------------------------------------------------------------

    def read(self, rev: str, path: str) -> bytes:
        """Bytes of `path` at changeset `rev`, as committed (no decode filters)."""
        norm = G.clean_path(path)
        size = self._size(rev, norm) if norm else None
        if size is not None and size > MAX_FILE_BYTES:          # asked before a byte of it is read
            raise FileTooLargeError(path, size, MAX_FILE_BYTES)
        out = self._run("cat", "-r", rev, "-T", "{path}\\x00{data}", "--", "path:" + norm,
                        missing_ok=True) if norm else None
        name, sep, data = (out or b"").partition(b"\0")
        if not sep or _fsdecode(name) != norm:
            what = "is a directory" if sep else "does not exist"
            raise MissingFileError(f"{path} {what} at revision {rev[:12]} in {self.path}")
        return data

    def _size(self, rev: str, path: str) -> int | None:
        """Size of `path` at `rev`, from one `hg files` per folder and revision (kept while the
        same revision is read: a snapshot reads a folder's headers one after another)."""
        folder = path.rpartition("/")[0]
        cache = self.__dict__.setdefault("_size_cache", {})
        if cache.get("rev") != rev:
            cache.clear()
            cache["rev"] = rev
        if folder not in cache:
            out = self._run("files", "-r", rev, "-T", "{size} {path}\\0", "--",
                            "rootfilesin:" + folder if folder else "rootfilesin:.", missing_ok=True) or b""
            sizes = {}
            for entry in out.split(b"\0"):
                size, sep, name = entry.partition(b" ")
                if sep and size.isdigit():
                    sizes[_fsdecode(name)] = int(size)
            cache[folder] = sizes
        return cache[folder].get(path)

    def exists(self, rev: str, path: str) -> bool:
        """True if `path` is a file at changeset `rev`."""
        norm = G.clean_path(path)
        if norm is None:
            return False
        return norm in self._files(rev, [norm])

    def list_files(self, rev: str, globs: list[str]) -> list[str]:
        """Sorted paths at `rev` matching any glob; lists only the globs' prefixes."""
        if not globs:
            return []
        prefixes = [p for p in G.prefixes(globs) if p]
        return G.filter_paths(globs, self._files(rev, prefixes))

    def _files(self, rev: str, prefixes: list[str]) -> list[str]:
        """Files at `rev` under the given directories/files (all if none)."""
        out = self._run("files", "-r", rev, "-0", "--", *("path:" + p for p in prefixes),
                        missing_ok=True)
        return [_fsdecode(n) for n in (out or b"").split(b"\0") if n]

    def file_ids(self, rev: str, globs: list[str]) -> dict[str, str]:
        """{path: file node} at `rev` for the files matching any glob (one `hg manifest`)."""
        if not globs:
            return {}
        out = self._run("manifest", "-r", rev, "-T", "{hash} {path}\\0")
        ids = {}
        for entry in out.split(b"\0"):
            node, sep, name = entry.partition(b" ")
            if sep:
                ids[_fsdecode(name)] = "hg:" + node.decode()
        return {path: ids[path] for path in G.filter_paths(globs, ids)}

    def merge_base(self, a: str, b: str) -> Revision:
        found = self._run("log", "-r", f"ancestor({_quote(a)}, {_quote(b)})", "-T", "{node}\\n")
        node = (found or b"").decode().strip()
        if not node:
            raise RepositoryError(f"{a} and {b} have no common ancestor in {self.path}")
        return self.resolve(node)

    def close(self) -> None:
        """Stop the command server."""
        if self._hg is not None and self._hg.server is not None:
            self._hg.close()


def _parse_log(out: bytes) -> list[tuple[Revision, list[str]]]:
    """(revision, files) pairs from `hg log -T _LOG_TEMPLATE` output."""
    result = []
    for record in out.split(b"\x1e")[1:]:
        head, _, tail = record.partition(b"\x1d")
        node, short, p1, p2, author, date, num, desc = head.split(b"\x1f", 7)
        text = _text(desc).strip("\n")
        parents = tuple(p.decode() for p in (p1, p2) if p.decode() != _NULL)
        rev = Revision(id=node.decode(), short=short.decode(), parents=parents,
                       author=_text(author), date=date.decode(),
                       summary=text.split("\n", 1)[0], description=text,
                       number=int(num))
        result.append((rev, [_fsdecode(n) for n in tail.split(b"\0") if n]))
    return result


def _first_parent_chain(records):
    """The records on the first-parent chain from the newest (`new` itself:
    every ancestor has a lower number), in their given order."""
    by_id = {rev.id: (rev, files) for rev, files in records}
    chain, node = set(), records[-1][0].id if records else None
    while node in by_id:
        chain.add(node)
        parents = by_id[node][0].parents
        node = parents[0] if parents else None
    return [r for r in records if r[0].id in chain]


def _quote(name: str) -> str:
    """`name` as a revset string literal (a symbol, never an expression)."""
    return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _fsdecode(name: bytes) -> str:
    return name.decode("utf-8", "surrogateescape")
