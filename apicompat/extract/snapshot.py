"""Lay out a revision's files in a temporary directory, never touching the work tree.

The snapshot holds the public headers (at their repository paths) and any
include directories the configuration names; paths inside it map back to
repository paths for messages and locations.
"""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from ..errors import FileTooLargeError, MissingFileError, NoHeadersError
from ..scratch import make_scratch
from ..vcs.base import Repository
from .config import ExtractConfig

TREE = "tree"       # repository files, at their repository-relative paths
MAPPED = "mapped"   # include directories seen under another name


class Snapshot:
    """Files of one revision on disk, for the preprocessor.

    >>> with Snapshot(repo, rev_id, config) as snap:
    ...     snap.headers        # ['include/foo.h', ...]
    """

    def __init__(self, repo: Repository, rev: str, config: ExtractConfig, label: str = ""):
        self.repo, self.rev, self.config = repo, rev, config
        self.label = label or rev
        self.root = Path(make_scratch("apicompat-"))
        self.headers: list[str] = []
        self.include_args: list[str] = []
        self.inputs: dict[str, list[str]] = {}   # generator input glob -> files laid out for it
        self._angle_cache: dict[Path, list[str]] = {}
        self._derived: dict[str, object] = {}   # inferred roots, headers included by others: until headers change
        self.probes_checked = False     # __has_include spellings checked (extract/confine.py)
        self._tree_resolved: Path | None = None     # the tree folder, symlinks resolved (asked often)
        self._checked_dirs: set | None = set()      # only while laid out: generators may make links
        # Repository files the model was made from (history/reads.py): public headers, generator
        # inputs and what every compiler run opened; None once a run's reads are unknown.
        self.read_paths: set[str] | None = set()
        self._mapped_from: dict[str, str] = {}      # a mapped folder's file on disk -> repository path
        try:
            self._lay_out()
        except BaseException:
            self.close()
            raise
        self._checked_dirs = None

    def _lay_out(self) -> None:
        from ..vcs.globs import has_wildcard, match_any
        folders = [d.path.rstrip("/") + "/**" for d in self.config.include_dirs if not Path(d.path).is_absolute()]
        self.repo.list_ahead(self.rev, list(self.config.headers) + self.config.dependency_globs() + folders)
        self.headers = self.repo.list_files(self.rev, self.config.headers)
        if self.config.excludes:
            self.headers = [h for h in self.headers if not match_any(self.config.excludes, h)]
        generated = {o for g in self.config.generators for o in g.outputs}
        for glob in self.config.headers:
            if not has_wildcard(glob) and glob not in self.headers and glob not in generated \
                    and not match_any(self.config.optional, glob) and not match_any(self.config.excludes, glob):
                raise MissingFileError(f"header {glob} does not exist at revision {self.label}")
        for path in self.headers:
            self.write(path, self._read(path))
        for path in self.repo.list_files(self.rev, self.config.dependency_globs()):
            if not self.path_of(path).exists():
                self.write(path, self._read(path))
        self.note_read(self.headers)        # the others count where a compiler opens them
        for inc in self.config.include_dirs:
            self.include_args.append(self._lay_out_include_dir(inc.path, inc.as_name))

    def search_args(self) -> list[str]:
        """The include search, as a compiler does it: the configured (user's or profile's) -I
        folders, then the library's include roots inferred from its own `#include <lib/x.h>`
        lines; each header's own folder only for quote includes (-iquote), so a library's
        platform stand-in (its own stdint.h) never shadows a system header."""
        args: list[str] = []
        for directory in self.include_args + [str(self.root / TREE / r) if r else str(self.root / TREE)
                                              for r in self.inferred_roots()]:
            if directory not in args[1::2]:
                args += ["-I", directory]
        quoted = []
        for directory in self.default_include_dirs():
            arg = str(self.root / TREE / directory) if directory else str(self.root / TREE)
            if arg not in quoted:
                quoted.append(arg)
        for arg in quoted:
            args += ["-iquote", arg]
        return args

    def inferred_roots(self) -> list[str]:
        if "roots" not in self._derived:
            self._derived["roots"] = self._inferred_roots()
        return list(self._derived["roots"])

    def _inferred_roots(self) -> list[str]:
        """Folders that make the public headers' own `<name>` includes find library files.

        `include/git2/common.h` saying `#include <git2/types.h>`, with `include/git2/types.h`
        a public header, makes `include` a root.  Names of system headers (those our
        fake libc provides) are never evidence: they must find the system's."""
        from .includes import angle_includes
        from .preprocess import fake_libc_dir
        fake = fake_libc_dir()
        roots: list[str] = []
        for header in self.headers:
            path = self.path_of(header)
            if path in self._angle_cache:
                names = self._angle_cache[path]
            else:
                names = self._angle_cache[path] = angle_includes(path.read_text(errors="replace")) \
                    if path.is_file() else []
            for name in names:
                if (fake / name).is_file():
                    continue
                for candidate in self.headers:
                    if candidate == name or candidate.endswith("/" + name):
                        root = candidate[:-len(name)].rstrip("/")
                        if root not in roots:
                            roots.append(root)
        return roots

    def include_name(self, header: str) -> str:
        """The name consumers `#include` a public header by: relative to its glob's fixed folder
        (for headers named one by one, the shortest such folder: `include/uv-private/uv-unix.h`
        beside `include/uv.h` is `uv-private/uv-unix.h`, as installed)."""
        from ..vcs.globs import fixed_prefix, has_wildcard, match
        explicit = sorted({fixed_prefix(g).rstrip("/") for g in self.config.headers if not has_wildcard(g)},
                          key=len)
        for glob in self.config.headers:
            prefix = fixed_prefix(glob).rstrip("/")
            if not has_wildcard(glob):
                prefix = next((p for p in explicit if p and header.startswith(p + "/")), prefix)
            if match(glob, header) and prefix and header.startswith(prefix + "/"):
                return header[len(prefix) + 1:]
        # A header public by reach: relative to the include folder it is found through.
        roots = [d.path.rstrip("/") for d in self.config.include_dirs
                 if not d.as_name and not Path(d.path).is_absolute()] + self.inferred_roots()
        for root in sorted((r for r in roots if r), key=len, reverse=True):
            if header.startswith(root + "/"):
                return header[len(root) + 1:]
        return header.rsplit("/", 1)[-1]

    def tu_headers(self) -> list[str]:
        """Every public header, in translation-unit order: `top_level` ones first, in its order."""
        top = self.top_headers()
        return top + [h for h in self.headers if h not in top]

    def top_headers(self) -> list[str]:
        """The public headers a consumer includes directly (`top_level`; default: those no other
        public header includes, e.g. an umbrella header and the headers beside it, not the
        `deprecated.h` it includes at its end).

        The others (e.g. generated headers) compile only after one of these."""
        from ..vcs.globs import match
        if not self.config.top_level:
            included = self.included_by_others()
            roots = [h for h in self.headers if h not in included]
            return roots or list(self.headers)
        top = list(dict.fromkeys(h for glob in self.config.top_level for h in self.headers if match(glob, h)))
        if self.headers and not top:
            raise NoHeadersError(f"top_level ({', '.join(self.config.top_level)}) matches none of the public "
                                 f"headers at revision {self.label} ({', '.join(self.headers)})")
        return top

    def included_by_others(self) -> set[str]:
        if "included" not in self._derived:
            self._derived["included"] = self._included_by_others()
        return set(self._derived["included"])

    def _included_by_others(self) -> set[str]:
        """Public headers that another public header includes (by quote or angle name)."""
        from .includes import scan_includes
        import posixpath
        found: set[str] = set()
        public = set(self.headers)
        for header in self.headers:
            path = self.path_of(header)
            if not path.is_file():
                continue
            for inc in scan_includes(path.read_text(errors="replace"), header, []):
                near = posixpath.normpath(posixpath.join(posixpath.dirname(header), inc.target))
                hits = [near] if not inc.system and near in public else \
                    [h for h in self.headers if h == inc.target or h.endswith("/" + inc.target)]
                found.update(h for h in hits if h != header)
        return found

    def check_headers(self) -> None:
        """After generators ran: there must be something to read."""
        if not self.headers:
            raise NoHeadersError(
                f"no header matches {', '.join(self.config.headers)} at revision {self.label}"
                " (use --header GLOB, or a profile, to say where the public headers are)")

    def _read(self, path: str) -> bytes:
        """A file of the revision; one too large to read is laid out as a header that says so
        (its `#error` makes it a problem for that header, the run goes on)."""
        try:
            return self.repo.read(self.rev, path)
        except FileTooLargeError as exc:
            return f"#error apicompat: {exc}\n".encode()

    def lay_out_inputs(self, globs: list[str]) -> None:
        """Write the files a generator reads (globs) into the tree."""
        for glob in globs:
            if glob not in self.inputs:
                files = self.repo.list_files(self.rev, [glob])
                for path in files:
                    if not self.path_of(path).exists():
                        self.write(path, self._read(path))
                self.inputs[glob] = files
                self.note_read(files)

    def inputs_for(self, globs: list[str]) -> list[str]:
        return sorted({p for g in globs for p in self.inputs.get(g, [])})

    def add_generated(self, paths: list[str]) -> None:
        """Generated files that match the public header globs become public headers."""
        from ..vcs.globs import match_any
        for path in paths:
            if match_any(self.config.headers, path) and path not in self.headers:
                self.headers.append(path)
        self.headers.sort()
        self._derived.clear()

    def default_include_dirs(self) -> list[str]:
        """The fixed part of each header glob, then each header's own directory."""
        from ..vcs.globs import fixed_prefix
        dirs: list[str] = []
        for glob in self.config.headers:
            prefix = fixed_prefix(glob).rstrip("/")
            if prefix not in dirs:
                dirs.append(prefix)
        for header in self.headers:
            parent = str(Path(header).parent) if "/" in header else ""
            if parent not in dirs:
                dirs.append(parent)
        return dirs

    def _lay_out_include_dir(self, path: str, as_name: str) -> str:
        """Write a repository directory (or point at an absolute one); return its -I dir."""
        if Path(path).is_absolute():
            if not Path(path).is_dir():
                raise MissingFileError(f"include directory {path} does not exist")
            return path
        files = self.repo.list_files(self.rev, [path.rstrip("/") + "/**"])
        if not files:
            from ..progress import warning
            warning(f"include directory {path} has no files at revision {self.label} (a typo?)")
        if as_name:
            base = self.root / MAPPED
            for file in files:
                rel = file[len(path.rstrip("/")) + 1:]
                target = base / as_name / rel
                self._write_file(target, self._read(file), self.root, self._checked_dirs)
                self._mapped_from[str(target)] = file
            return str(base)
        for file in files:
            self.write(file, self._read(file))
        return str(self.root / TREE / path)

    def write(self, repo_path: str, data: bytes) -> Path:
        target = self.root / TREE / repo_path
        self._write_file(target, data, self.root, self._checked_dirs)
        return target

    @staticmethod
    def _write_file(target: Path, data: bytes, root: Path, checked: set | None = None) -> None:
        """Write `target`, refused when it resolves outside `root` (paths come from repository data).

        `checked`: folders already found inside `root` while the snapshot is laid out (nothing
        but apicompat writes there then, and it makes no links), so each is resolved once."""
        from ..trust import is_inside
        parent = str(target.parent)
        if checked is None or parent not in checked:
            if not is_inside(target, root):
                raise MissingFileError(f"refused to write {target}: the path leaves {root} "
                                       "(built from repository data)")
            target.parent.mkdir(parents=True, exist_ok=True)
            if checked is not None:
                checked.add(parent)
        _write_bytes(str(target), data)

    def confine(self) -> None:
        """Once per snapshot (after generators): probes of files outside the tree are made inert
        (extract/confine.py), before any compiler reads the files."""
        if self.probes_checked:
            return
        from ..progress import warning
        from .confine import neutralize_probes
        for note in neutralize_probes(self.laid_out_files(), self.display_path):
            warning(f"at revision {self.label}: {note}")
        self.probes_checked = True

    def laid_out_files(self) -> list[Path]:
        """Every file of the repository laid out here (the tree and mapped folders)."""
        return sorted(p for base in (self.root / TREE, self.root / MAPPED) if base.is_dir()
                      for p in base.rglob("*") if p.is_file())

    def note_read(self, repo_paths) -> None:
        """Repository files the model depends on (their content)."""
        if self.read_paths is not None:
            self.read_paths.update(repo_paths)

    def note_opened(self, disk_paths: list[str] | None) -> None:
        """Files a compiler run opened (its -MD output); None: it wrote none, so what it read is
        unknown.  Files outside the repository (our fake libc, the user's folders) are part of the
        configuration, not of the revision."""
        if disk_paths is None:
            self.read_paths = None
            return
        for disk in disk_paths:
            if self.read_paths is None:
                return
            rel = self.repo_path(disk)
            if rel is None:
                resolved = os.path.realpath(os.path.join(self.root, disk))
                rel = self._mapped_from.get(resolved) or self._mapped_from.get(disk)
            if rel is not None:
                self.read_paths.add(rel)

    def path_of(self, repo_path: str) -> Path:
        return self.root / TREE / repo_path

    def repo_path(self, disk_path: str) -> str | None:
        """Repository-relative path of a file inside the snapshot, else None."""
        if self._tree_resolved is None:
            self._tree_resolved = (self.root / TREE).resolve()
        try:
            rel = Path(disk_path).resolve().relative_to(self._tree_resolved)
        except ValueError:
            return None
        return rel.as_posix()

    def display_path(self, disk_path: str) -> str:
        """A path fit for a message: repository-relative where possible."""
        rel = self.repo_path(disk_path)
        if rel is not None:
            return rel
        try:
            return Path(disk_path).resolve().relative_to((self.root / MAPPED).resolve()).as_posix()
        except ValueError:
            return disk_path

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC


def _write_bytes(path: str, data: bytes) -> None:
    """Write a file of the snapshot; a symlink there (a generator may leave one) is replaced,
    never followed.  One open, not a stat and an open: a walk writes tens of thousands of files."""
    try:
        fd = os.open(path, _NEW_FILE, 0o666)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        os.unlink(path)
        fd = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
