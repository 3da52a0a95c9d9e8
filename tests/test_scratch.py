"""Temporary trees go to memory when it has room, unless the user chose TMPDIR (apicompat/scratch.py)."""
from __future__ import annotations

from apicompat import scratch
from apicompat.extract.config import ExtractConfig
from apicompat.extract.snapshot import Snapshot
from helpers import make_repo
from apicompat.vcs import open_repository


def fresh(monkeypatch, memory_dir, room=scratch.ROOM_NEEDED):
    monkeypatch.setattr(scratch, "MEMORY_DIR", str(memory_dir))
    monkeypatch.setattr(scratch, "ROOM_NEEDED", room)
    scratch.scratch_dir.cache_clear()


def test_memory_folder_with_room_is_used(monkeypatch, tmp_path):
    monkeypatch.delenv("TMPDIR", raising=False)
    fresh(monkeypatch, tmp_path, room=1)
    try:
        assert scratch.scratch_dir() == str(tmp_path)
        repo_path = make_repo(tmp_path / "repo", "git", [{"include/a.h": "int a(void);\n"}])
        with open_repository(str(repo_path)) as repo, \
                Snapshot(repo, repo.resolve("r1").id, ExtractConfig(headers=["include/*.h"])) as snap:
            assert snap.root.parent == tmp_path
            assert oct(snap.root.stat().st_mode & 0o777) == "0o700"      # private, as mkdtemp makes it
    finally:
        scratch.scratch_dir.cache_clear()


def test_tmpdir_small_or_missing_memory_folder_fall_back(monkeypatch, tmp_path):
    try:
        monkeypatch.delenv("TMPDIR", raising=False)
        fresh(monkeypatch, tmp_path, room=1 << 62)             # no file system has that much free
        assert scratch.scratch_dir() is None
        fresh(monkeypatch, tmp_path / "missing", room=1)
        assert scratch.scratch_dir() is None
        monkeypatch.setenv("TMPDIR", str(tmp_path))
        fresh(monkeypatch, tmp_path, room=1)
        assert scratch.scratch_dir() is None                   # the user's choice stands
    finally:
        scratch.scratch_dir.cache_clear()
