"""The trust boundary: what a profile may make apicompat *do*, depending on who wrote it.

The analysed repository is untrusted input.  Its own `apicompat.toml` may
say *what* to read (header globs, excludes, top-level and optional headers,
defines, eras) but never *how to run* anything: it cannot grant trust, pick
the compiler or its flags, run generators, or name directories outside its
own tree.  Those keys are dropped (and the user is told which, and why)
unless the user trusts the file: `--trust` for one run, or `apicompat trust`,
which records the repository and the exact content of the file in the
user's config folder (direnv-style), so a changed file must be trusted again.

Built-in profiles and profile files outside the analysed repository are the
user's own and keep every key.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePosixPath

from .errors import ProfileError

# Keys that decide how something runs or where it reads/writes outside the tree.
RUN_KEYS = ("trust", "compiler", "cflags")
ORIGINS = ("builtin", "user", "found", "repository")


def profile_origin(profile_path: Path, repo_root: Path | None, builtin: bool) -> str:
    """'builtin', 'repository' (the file lies inside the analysed repository) or 'user'."""
    if builtin:
        return "builtin"
    if repo_root is not None and (is_inside(profile_path, repo_root) or
                                  is_inside(profile_path, repo_root, follow_links=False)):
        return "repository"     # a symlink in the repository pointing elsewhere is still the repository's
    return "user"


def is_inside(path: Path, root: Path, follow_links: bool = True) -> bool:
    """Whether `path` lies in `root`: resolved (symlinks followed), or as spelled."""
    where = os.path.realpath if follow_links else os.path.abspath
    try:
        Path(where(path)).relative_to(where(root))
        return True
    except ValueError:
        return False


def is_tree_relative(path: str) -> bool:
    """A path that stays inside the tree it is relative to: not absolute, no `..` step out of it."""
    if not path or path.startswith(("/", "\\")) or (len(path) > 1 and path[1] == ":"):
        return False
    depth = 0
    for part in PurePosixPath(path.replace("\\", "/")).parts:
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            return False
    return True


# -- the per-user record of trusted files ---------------------------------------------------------

def _store() -> Path:
    base = os.environ.get("APICOMPAT_CONFIG_DIR")
    if base:
        return Path(base) / "trusted.json"
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(xdg) / "apicompat" / "trusted.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load() -> dict:
    try:
        data = json.loads(_store().read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _key(path: Path) -> str:
    # As spelled, not resolved: a repository's apicompat.toml that is a symlink to a file the user
    # trusted elsewhere must not borrow that trust.
    return os.path.abspath(path)


def is_trusted_file(path: Path) -> bool:
    """Whether the user recorded trust in this file, at this path, with exactly its current content
    (never a symbolic link: see _key)."""
    if os.path.islink(path):
        return False
    try:
        return _load().get(_key(path)) == _digest(path)
    except OSError:
        return False


def record_trust(path: Path) -> str:
    """Trust `path` as it is now (its SHA-256); returns the digest."""
    if os.path.islink(path):
        raise ProfileError(f"{path} is a symbolic link: trust the file it points to, by its own path")
    try:
        digest = _digest(path)
    except OSError as exc:
        raise ProfileError(f"cannot read {path}: {exc.strerror}") from None
    data = _load()
    data[_key(path)] = digest
    _save(data)
    return digest


def revoke_trust(path: Path) -> bool:
    data = _load()
    found = data.pop(_key(path), None) is not None
    if found:
        _save(data)
    return found


def trusted_files() -> dict[str, str]:
    return dict(_load())


def _save(data: dict) -> None:
    store = _store()
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        tmp = store.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
        os.chmod(tmp, 0o600)
        tmp.replace(store)
    except OSError as exc:
        raise ProfileError(f"cannot write the trust record {store}: {exc.strerror}") from None
