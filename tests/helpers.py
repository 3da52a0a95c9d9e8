"""Helpers for tests: small real repositories from header texts, and models of them."""
from __future__ import annotations

import os
import signal
from pathlib import Path

from apicompat.vcs import open_repository
from apicompat.vcs.create import Commit, build_repository


def make_repo(dest: Path, kind: str, revisions: list[dict[str, str | None]],
              tags: list[str] | None = None) -> Path:
    """A repository with one commit per dict of {path: text or None (delete)}; tags r1, r2, ..."""
    tags = tags or [f"r{i + 1}" for i in range(len(revisions))]
    build_repository(kind, dest, [Commit(f"revision {tag}", files, tag=tag)
                                  for tag, files in zip(tags, revisions)])
    return dest


def model_of(repo_path: Path, rev: str, **config):
    """The API model at `rev` (ExtractConfig keyword arguments allowed)."""
    from apicompat.extract.config import ExtractConfig
    from apicompat.extract.pipeline import extract_model
    with open_repository(str(repo_path)) as repo:
        return extract_model(repo, repo.resolve(rev), ExtractConfig(**config))


def pids_with(text: str) -> list[int]:
    """Live processes whose command line contains `text` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(int(entry.name))
    return found


def kill_pids(pids) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
