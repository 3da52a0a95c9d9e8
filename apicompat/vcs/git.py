# Read-only git backend (GitPython).
#
# Revisions are resolved by git itself (`rev-parse --verify`, then `^{commit}`),
# so every spelling a git user types works: tags (annotated ones are peeled to
# their commit), branches, remote branches, full and short hashes, HEAD, @,
# HEAD~3, rev^2, :/message...  Blobs are read through GitPython's persistent
# `git cat-file --batch` process, one round trip per file, never through the
# work tree.  Listing runs `git ls-tree -r` limited to the globs' fixed
# prefixes; history runs `git log` with `:(glob)` pathspecs.  Python then
# filters with vcs.globs so both backends agree on what a glob matches.
#
# Nothing here writes: no checkout, no index refresh (no `status`, no
# `is_dirty()`), and every command runs with GIT_OPTIONAL_LOCKS=0.  Works on
# bare repositories and mirrors.
from __future__ import annotations

from collections import OrderedDict

from pathlib import Path

import git as gitpython
from git.objects.fun import tree_entries_from_data

from ..errors import FileTooLargeError, MissingFileError, RepositoryError, RevisionError
from . import globs as G
from .base import MAX_FILE_BYTES, Repository, Revision

# One log record: \x1e starts it, \x1f separates fields, \x1d ends the message;
# the names of the changed files (NUL-separated, from -z) follow.
_LOG_FORMAT = "%x1e%H%x1f%h%x1f%P%x1f%an <%ae>%x1f%aI%x1f%B%x1d"
# Every `git log` we parse: records of _LOG_FORMAT, no repository-configured textconv or diff program.
_LOG_OPTIONS = ("-z", "--no-color", "--no-textconv", "--no-ext-diff", "--encoding=UTF-8", f"--format={_LOG_FORMAT}")
# The analysed repository is untrusted, its .git/config included: settings that make a
# reading command run a program are overridden from the environment (the highest-priority
# config level, git >= 2.31): signature checks (gpg.program), fsmonitor, external diff and
# textconv drivers, pagers, ssh and credential helpers, hooks.
_OVERRIDES = {
    "core.fsmonitor": "false", "core.hooksPath": "/dev/null", "core.pager": "cat", "core.sshCommand": "false",
    "core.gitProxy": "", "core.askPass": "", "core.alternateRefsCommand": "", "log.showSignature": "false",
    "gpg.program": "false", "gpg.openpgp.program": "false", "gpg.x509.program": "false",
    "gpg.ssh.program": "false", "diff.external": "", "credential.helper": "", "protocol.allow": "never",
    "uploadpack.packObjectsHook": "", "safe.bareRepository": "all",
}
_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "GIT_EXTERNAL_DIFF": "",
        "GIT_CONFIG_COUNT": str(len(_OVERRIDES)),
        **{f"GIT_CONFIG_KEY_{i}": k for i, k in enumerate(_OVERRIDES)},
        **{f"GIT_CONFIG_VALUE_{i}": v for i, v in enumerate(_OVERRIDES.values())}}


class GitRepository(Repository):
    """A git repository (work tree, bare or mirror), read at revisions only."""

    kind = "git"

    def __init__(self, path: str):
        try:
            self._repo = gitpython.Repo(path, search_parent_directories=True)
        except (gitpython.InvalidGitRepositoryError, gitpython.NoSuchPathError) as e:
            raise RepositoryError(f"{path}: not a git repository") from e
        self._git = self._repo.git
        self._listings: list = []      # the last `ls-tree` listings: ((rev, prefixes), {path: id})
        self._by_tree: OrderedDict = OrderedDict()   # (folder, its object id) -> {path: id} under it
        self._ids_ahead: dict[tuple[str, str], tuple[str, str]] = {}   # (rev, folder) -> (id, type), see ids_ahead
        self._subtrees: OrderedDict = OrderedDict()  # (tree id, path) -> {path: id} under it
        self._filtered: dict = {}       # (listing's id, globs) -> (listing, {path: id} matching them)
        self._contents: OrderedDict[str, bytes] = OrderedDict()     # blob id -> bytes, least recent out
        self._content_bytes = 0
        self._git.update_environment(**_ENV)
        self.path = self._repo.working_tree_dir or self._repo.git_dir
        if not self._repo.bare and Path(path).resolve() == Path(self._repo.git_dir).resolve():
            # A git directory without a config file (HEAD, objects, refs only, as some
            # mirrors are): GitPython takes its parent for a work tree, so tell git.
            self._git.update_environment(GIT_DIR=self._repo.git_dir)
            self.path = self._repo.git_dir

    def _run(self, *args: str, stdin=None) -> bytes:
        """Output of `git ARGS` as bytes (`stdin`: a file it reads); RepositoryError if git fails."""
        try:
            return self._git.execute([self._git.GIT_PYTHON_GIT_EXECUTABLE or "git", *args], istream=stdin,
                                     stdout_as_string=False,
                                     strip_newline_in_stdout=False)
        except gitpython.GitCommandError as e:
            command = next(a for a in args if not a.startswith("-"))
            raise RepositoryError(f"git {command} failed in {self.path}: "
                                  f"{_stderr(e)}") from e

    # -- revisions ---------------------------------------------------------

    def resolve(self, name: str) -> Revision:
        """Revision for any name `git rev-parse` understands, peeled to a commit.

        >>> repo.resolve("HEAD~2").short
        '1a2b3c4'
        """
        if not name or not name.strip() or "\n" in name:
            raise RevisionError(name, self.path, "empty revision name")
        if name.startswith("-"):        # would be read as an option
            raise RevisionError(name, self.path, "not a commit, tag or branch")
        git = self._git.GIT_PYTHON_GIT_EXECUTABLE or "git"
        try:
            # Two steps, so that suffix-sensitive names (":/message") stay intact.
            oid = self._git.execute([git, "rev-parse", "--verify", name])
            sha = self._git.execute([git, "rev-parse", "--verify", oid.strip() + "^{commit}"])
        except gitpython.GitCommandError as e:
            detail = _stderr(e)
            if "dubious ownership" in detail or "not a git repository" in detail:
                raise RepositoryError(f"git cannot read {self.path}: {detail}") from e
            detail = detail if "ambiguous" in detail else "not a commit, tag or branch"
            raise RevisionError(name, self.path, detail) from e
        return self._log_revisions(["--no-walk", sha.strip()])[0]

    def revisions(self, ids: list[str]) -> list[Revision]:
        """The commits with these full ids, in one `git log --no-walk`."""
        return self._log_revisions(["--no-walk=unsorted", *ids]) if ids else []

    def root(self, rev: str) -> Revision:
        """The root commit reached from `rev` by first parents."""
        out = self._run("rev-list", "--first-parent", "--max-parents=0", rev, "--")
        return self._log_revisions(["--no-walk", out.split()[-1].decode()])[0]

    def revisions_between(self, old: str, new: str, paths: list[str] | None = None,
                          first_parent: bool = False) -> list[Revision]:
        """Commits reachable from `new` but not from `old`, oldest first.

        With `paths` (globs), only commits that change a matching file: a
        non-merge compared with its parent; a merge compared with its first
        parent when `first_parent`, else only if it differs from *every*
        parent there (it resolved something; git's combined diff, which is
        also what Mercurial records for merges).  Side-branch commits are
        walked in full (`--full-history`), as Mercurial does.
        """
        args = ["--date-order", "--reverse", f"{old}..{new}"]
        if first_parent:
            args[:0] = ["--first-parent"]
        if paths is None:
            return self._log_revisions(args)
        if not paths:
            return []
        args[:0] = ["--full-history", "--name-only", *self._merge_diff(first_parent)]
        args += ["--", *(_pathspec(g) for g in paths)]
        return [rev for rev, files in self._log(args)
                if any(G.match_any(paths, f) for f in files)]

    def ids_between(self, old: str, new: str, first_parent: bool = False) -> list[str] | None:
        """`git rev-list`: the range's commits without their diffs, in revisions_between's order."""
        args = ["--date-order", "--reverse", f"{old}..{new}", "--"]
        if first_parent:
            args[:0] = ["--first-parent"]
        return self._run("rev-list", *args).decode().split()

    def listing_mode(self, first_parent: bool) -> str:
        return " ".join(self._merge_diff(first_parent))

    def touching_among(self, ids: list[str], paths: list[str], first_parent: bool = False) -> list[Revision]:
        """Those of the commits `ids` that revisions_between(..., paths, first_parent) would list:
        each diffed on its own (`--no-walk`), as that walk diffs it."""
        if not ids or not paths:
            return []
        import tempfile
        with tempfile.TemporaryFile() as listed:       # thousands of ids: on stdin, not argv
            listed.write("\n".join(ids).encode() + b"\n")
            listed.seek(0)
            out = self._run("log", *_LOG_OPTIONS, "--no-walk=unsorted", "--stdin", "--name-only",
                            *self._merge_diff(first_parent), "--", *(_pathspec(g) for g in paths), stdin=listed)
        return [rev for rev, files in _parse_log_records(out) if any(G.match_any(paths, f) for f in files)]

    def revisions_matching(self, old: str | None, new: str, word: str, paths: list[str],
                           first_parent: bool = False) -> set[str] | None:
        """Commits whose diff adds or removes a line holding the identifier `word` (`git log -G`)."""
        if not paths or not word.replace("_", "").isalnum():
            return None
        args = ["--format=%H", "--no-patch", "-E", f"-G(^|[^A-Za-z0-9_]){word}([^A-Za-z0-9_]|$)",
                f"{old}..{new}" if old else new]
        if first_parent:
            args[:0] = ["--first-parent", *self._merge_diff(True)]
        out = self._run("log", "--no-color", "--no-textconv", "--no-ext-diff", *args, "--",
                        *(_pathspec(g) for g in paths))
        return set(out.decode().split())

    def _merge_diff(self, first_parent: bool) -> list[str]:
        """Options making `git log --name-only` list a merge's files: against
        its first parent, or those differing from every parent (combined)."""
        if tuple(self._git.version_info[:2]) >= (2, 31):
            return ["--diff-merges=" + ("first-parent" if first_parent else "combined")]
        return ["-m"] if first_parent else ["-c"]     # older git: the classic spellings

    def _log_revisions(self, args: list[str]) -> list[Revision]:
        return [rev for rev, _ in self._log(args)]

    def _log(self, args: list[str]) -> list[tuple[Revision, list[str]]]:
        """Run `git log` with our record format: (revision, changed files) pairs."""
        out = self._run("log", *_LOG_OPTIONS, *args)
        return _parse_log_records(out)

    # -- files -------------------------------------------------------------

    def _object(self, rev: str, path: str) -> tuple[str, bytes | None]:
        """(type, data) of `rev:path`; type '' if absent.  data only for blobs."""
        path = G.clean_path(path)
        if path is None:
            return "", None
        spec = f"{rev}:{path}"
        if not spec.isascii():
            try:
                spec.encode("utf-8")
            except UnicodeEncodeError:        # a name that is not UTF-8: ask for its blob by id
                spec = self._blob_id(rev, path)
                if spec is None:
                    return "", None
        try:
            _, typ, size = self._git.get_object_header(spec)
            typ = _str(typ)
            if typ != "blob":
                return typ, None
            if int(size) > MAX_FILE_BYTES:       # asked before a byte of it is read
                raise FileTooLargeError(path, int(size), MAX_FILE_BYTES)
            _, typ, _, data = self._git.get_object_data(spec)
        except (ValueError, UnicodeEncodeError):
            return "", None
        typ = _str(typ)
        return typ, data if typ == "blob" else None

    def _blob_id(self, rev: str, path: str) -> str | None:
        """The object id of `rev:path` from `git ls-tree` (arguments go out as the bytes they
        were decoded from, so any file name works)."""
        out = self._run("--literal-pathspecs", "ls-tree", "-z", "--full-tree", rev, "--", path)
        for entry in out.split(b"\0"):
            meta, tab, name = entry.partition(b"\t")
            if tab and _fsdecode(name) == path:
                return meta.split(b" ")[2].decode()
        return None

    def read(self, rev: str, path: str) -> bytes:
        """Bytes of `path` at commit `rev` (no filters, no eol conversion).  A file whose blob a
        recent listing named, and that was read before (at this or another revision), is not
        asked of git again: in a walk most files are the same blob revision after revision."""
        blob = self._listed_blob(rev, path)
        if blob is not None and blob in self._contents:
            self._contents.move_to_end(blob)
            return self._contents[blob]
        typ, data = self._object(rev, path)
        if typ != "blob":
            what = "is a directory" if typ == "tree" else "does not exist"
            raise MissingFileError(f"{path} {what} at revision {rev[:12]} in {self.path}")
        if blob is not None and len(data) <= CONTENT_CACHE_BYTES // 16:
            self._contents[blob] = data
            self._content_bytes += len(data)
            while self._content_bytes > CONTENT_CACHE_BYTES:
                _, old = self._contents.popitem(last=False)
                self._content_bytes -= len(old)
        return data

    def _listed_blob(self, rev: str, path: str) -> str | None:
        for (known_rev, _), ids in reversed(self._listings):
            if known_rev == rev and path in ids:
                return ids[path]
        return None

    def exists(self, rev: str, path: str) -> bool:
        """True if `path` is a file at commit `rev`."""
        path = G.clean_path(path)
        if path is None:
            return False
        try:
            return _str(self._git.get_object_header(f"{rev}:{path}")[1]) == "blob"
        except (ValueError, UnicodeEncodeError):
            return False

    def list_files(self, rev: str, globs: list[str]) -> list[str]:
        """Sorted paths at `rev` matching any glob; lists only the globs' prefixes."""
        if not globs:
            return []
        prefixes = [p for p in G.prefixes(globs) if p]
        return G.filter_paths(globs, self._blobs(rev, prefixes))

    def list_ahead(self, rev: str, globs: list[str]) -> None:
        self._blob_ids(rev, [p for p in G.prefixes(globs) if p])

    def _blobs(self, rev: str, prefixes: list[str]) -> list[str]:
        """Paths of the files (blobs: not submodules, which have no content here) under `prefixes`."""
        return list(self._blob_ids(rev, prefixes))

    def _blob_ids(self, rev: str, prefixes: list[str]) -> dict[str, str]:
        """{path: blob id} under `prefixes` at `rev`.  One extraction asks for its inputs, then for
        each include folder among them: the later asks are answered from the first listing
        (a `git` process each was a tenth of a read)."""
        wanted = tuple(sorted(set(prefixes)))
        for (known_rev, known), ids in reversed(self._listings):
            # () is the whole tree: only a whole-tree listing answers it
            if known_rev == rev and (not known or (wanted and all(_under(p, known) for p in wanted))):
                if not wanted or wanted == known:
                    return ids
                return {path: i for path, i in ids.items() if any(_under(path, (p,)) for p in wanted)}
        parts = self._folder_listings(rev, wanted)
        if parts is None:
            ids = self._ls_tree(rev, wanted)
        elif len(parts) == 1:
            ids = parts[0][1]
        else:
            ids = {path: i for _, part in parts for path, i in part.items()}
        self._listings = (self._listings + [((rev, wanted), ids)])[-4:]
        return ids

    def _folder_listings(self, rev: str, wanted: tuple[str, ...]) -> list[tuple[tuple, dict[str, str]]] | None:
        """[((folder, its object id), {path: blob id} under it)] for each of `wanted` ('' the whole
        tree), or None when the object ids cannot be asked for.  A folder whose id is one kept
        is not listed again, and one that is is read tree by tree through the running
        `cat-file` (subfolders a commit left alone are kept too): no `git` process per revision."""
        heads = self._tree_ids(rev, wanted)
        if heads is None:
            return None
        parts = []
        for prefix, (oid, kind) in zip(wanted or ("",), heads):
            key = (prefix, oid)
            part = self._by_tree.get(key)
            if part is None:
                try:
                    part = {} if oid == "-" or kind == "commit" else {prefix: "git:" + oid} if kind == "blob" \
                        else self._tree_files(oid, prefix)
                except ValueError:          # a tree entry no checkout could hold: git lists it as is
                    part = self._ls_tree(rev, (prefix,))
                self._by_tree[key] = part
            self._by_tree.move_to_end(key)
            parts.append((key, part))
        while len(self._by_tree) > 4 * len(parts) + 8:
            self._by_tree.popitem(last=False)
        return parts

    def _tree_files(self, oid: str, prefix: str, depth: int = 0) -> dict[str, str]:
        """{path: blob id} of every file under the tree `oid` (at `prefix`), as `ls-tree -r` lists
        them (symbolic links are blobs; submodules are left out); subtrees kept by their id."""
        key = (oid, prefix)
        found = self._subtrees.get(key)
        if found is not None:
            self._subtrees.move_to_end(key)
            return found
        _, kind, _, data = self._git.get_object_data(oid)
        if _str(kind) != "tree" or depth > MAX_TREE_DEPTH:
            raise ValueError(f"{oid} is not a tree to walk here")
        found = {}
        base = prefix.rstrip("/") + "/" if prefix else ""
        for binsha, mode, name in tree_entries_from_data(data):
            if mode >> 12 == 4:
                found.update(self._tree_files(binsha.hex(), base + name, depth + 1))
            elif mode >> 12 in (8, 10):
                found[base + name] = "git:" + binsha.hex()
        self._subtrees[key] = found
        while len(self._subtrees) > SUBTREES_KEPT:
            self._subtrees.popitem(last=False)
        return found

    def _ls_tree(self, rev: str, prefixes: tuple[str, ...]) -> dict[str, str]:
        """{path: blob id} under `prefixes` at `rev` (() or ('',): the whole tree), from git."""
        paths = [p for p in prefixes if p]
        out = self._run("--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", rev, "--", *paths)
        ids = {}
        for entry in out.split(b"\0"):
            meta, tab, name = entry.partition(b"\t")
            if tab and meta.split(b" ")[1] == b"blob":
                ids[_fsdecode(name)] = "git:" + meta.split(b" ")[2].decode()
        return ids

    def _tree_ids(self, rev: str, prefixes: tuple[str, ...]) -> tuple[tuple[str, str], ...] | None:
        """(object id, type) of each prefix at `rev` ("-" when absent; None if one cannot be
        asked for): equal ids, equal listings, so most commits need no listing (a walk's inputs
        lie in a few folders that most commits leave alone)."""
        known = [self._ids_ahead.pop((rev, prefix), None) for prefix in prefixes or ("",)]
        if all(known):
            return tuple(known)
        found = self._object_headers([f"{rev}:{prefix}" if prefix else f"{rev}^{{tree}}"
                                      for prefix in prefixes or ("",)])
        if found is None:                   # a name git cannot take, a broken pipe: list as before
            return None
        return tuple(header or ("-", "") for header in found)

    def ids_ahead(self, wanted: list[tuple[str, list[str]]]) -> None:
        """file_ids(rev, globs) will be asked for each of `wanted`: the ids of the folders it
        starts from are asked of git for all of them at once (one question per revision was
        most of what a walk's parent spent on revisions it needed no extraction for)."""
        asked = []
        for rev, globs in wanted:
            if globs:
                asked += [(rev, prefix) for prefix in _prefixes_of(globs) or ("",)]
        if len(self._ids_ahead) + len(asked) > 200_000:      # not used after all: start again
            self._ids_ahead.clear()
        found = self._object_headers([f"{rev}:{prefix}" if prefix else f"{rev}^{{tree}}" for rev, prefix in asked])
        for pair, header in zip(asked, found or ()):
            self._ids_ahead[pair] = header or ("-", "")

    def _object_headers(self, refs: list[str]) -> list[tuple[str, str] | None] | None:
        """(object id, type) of each ref, None where git has no such object: all asked of the
        running `cat-file --batch-check` in one write, then read back.  Asked one at a time, each
        waited for git's turn on a busy machine.  None (and the process restarted, so that no
        answer is left unread) when one cannot be asked."""
        try:
            process = self._git._get_persistent_cmd("cat_file_header", "cat_file", batch_check=True)
            found: list[tuple[str, str] | None] = []
            for batch in _batches(refs, 16384):   # within the pipes' buffers: git never waits on us
                if any(c in ref for ref in batch for c in "\n\r\0"):
                    raise ValueError("a name git cannot take")
                process.stdin.write("".join(ref + "\n" for ref in batch).encode())
                process.stdin.flush()
                for _ in batch:
                    line = process.stdout.readline()
                    if not line.endswith(b"\n"):
                        raise OSError("git cat-file ended")
                    line = line.rstrip(b"\n")
                    if line.endswith((b" missing", b" ambiguous")):
                        found.append(None)
                        continue
                    sha, kind, _ = line.split(b" ")
                    found.append((sha.decode(), kind.decode()))
            return found
        except Exception:                   # noqa: BLE001 - any failure: ask the slow way
            self._git.clear_cache()
            return None

    def exists_at(self, pairs: list[tuple[str, str]]) -> list[bool]:
        """exists() of each (rev, path), asked all at once (see _object_headers)."""
        clean = [(rev, G.clean_path(path)) for rev, path in pairs]
        found = self._object_headers([f"{rev}:{path}" for rev, path in clean if path is not None])
        if found is None:
            return [self.exists(rev, path) for rev, path in pairs]
        kinds = iter(found)
        return [path is not None and (next(kinds) or ("", ""))[1] == "blob" for _, path in clean]

    def file_ids(self, rev: str, globs: list[str]) -> dict[str, str]:
        """{path: blob id} at `rev` for the files matching any glob (only the folders changed since
        a revision asked about before are read, see _folder_listings)."""
        if not globs:
            return {}
        prefixes = _prefixes_of(globs)
        parts = self._folder_listings(rev, prefixes)
        if parts is None:
            ids = self._blob_ids(rev, list(prefixes))
            return {path: ids[path] for path in G.filter_paths(globs, ids)}
        found: dict[str, str] = {}
        for _, part in parts:           # filtered once per folder listing (the same object while kept)
            memo = (id(part), tuple(globs))
            if self._filtered.get(memo, (None,))[0] is not part:
                self._filtered[memo] = (part, {path: part[path] for path in G.filter_paths(globs, part)})
                while len(self._filtered) > 4 * len(parts) + 8:
                    self._filtered.pop(next(iter(self._filtered)))
            found.update(self._filtered[memo][1])
        return dict(sorted(found.items()))

    def merge_base(self, a: str, b: str) -> Revision:
        base = self._run("merge-base", a, b).decode().strip()
        if not base:
            raise RepositoryError(f"{a} and {b} have no common ancestor in {self.path}")
        return self.resolve(base)

    def close(self) -> None:
        """Stop the persistent cat-file processes."""
        self._repo.close()


def _pathspec(glob: str) -> str:
    """A git pathspec matching exactly the files `glob` matches.

    git treats a wildcard-free pathspec as a directory prefix too; writing its
    last character as a one-character class (`a/b.[h]`) keeps it exact.
    """
    glob = G.normalize(glob)
    if glob and not G.has_wildcard(glob):
        glob = glob[:-1] + "[" + glob[-1] + "]"
    return ":(top,glob)" + glob


def _prefixes_of(globs: list[str]) -> tuple[str, ...]:
    """The folders file_ids lists for `globs` (none: the whole tree)."""
    return tuple(sorted({p for p in G.prefixes(globs) if p}))


def _batches(refs: list[str], size: int):
    """`refs` in runs of at most `size` characters (at least one ref each)."""
    batch, length = [], 0
    for ref in refs:
        if batch and length + len(ref) + 1 > size:
            yield batch
            batch, length = [], 0
        batch.append(ref)
        length += len(ref) + 1
    if batch:
        yield batch


def _str(value: str | bytes) -> str:
    """GitPython returns object types as bytes or str depending on its version."""
    return value.decode() if isinstance(value, bytes) else value


CONTENT_CACHE_BYTES = 32 << 20     # blobs kept in memory across revisions
SUBTREES_KEPT = 2048               # folder listings kept by tree id
MAX_TREE_DEPTH = 128               # deeper (a hand-made tree): git lists it


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    """`path` is one of `prefixes` or inside one of them (git's pathspec prefix match)."""
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes)


def _fsdecode(name: bytes) -> str:
    return name.decode("utf-8", "surrogateescape")


def _stderr(error: gitpython.GitCommandError) -> str:
    text = error.stderr if isinstance(error.stderr, str) else str(error.stderr or "")
    text = text.strip().removeprefix("stderr:").strip().strip("'").strip()
    return " ".join(line.removeprefix("fatal: ").removeprefix("error: ")
                    for line in text.splitlines()) or str(error)


def _parse_log_records(out: bytes) -> list[tuple[Revision, list[str]]]:
    """`git log -z --format=_LOG_FORMAT [--name-only]` output: (revision, changed files) pairs."""
    result: dict[str, tuple[Revision, list[str]]] = {}
    for record in out.split(b"\x1e")[1:]:
        head, _, tail = record.partition(b"\x1d")
        sha, short, parents, author, date, body = head.split(b"\x1f", 5)
        text = body.decode("utf-8", "replace").strip("\n")
        rev = Revision(id=sha.decode(), short=short.decode(),
                       parents=tuple(p.decode() for p in parents.split()),
                       author=author.decode("utf-8", "replace"),
                       date=date.decode(), summary=text.split("\n", 1)[0],
                       description=text)
        names = [_fsdecode(n.lstrip(b"\n")) for n in tail.split(b"\0") if n.strip(b"\n")]
        # Older git prints a merge once per parent with -m: merge the lists.
        result.setdefault(rev.id, (rev, []))[1].extend(names)
    return list(result.values())
