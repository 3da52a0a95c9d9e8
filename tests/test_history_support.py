"""Shared by the history tests: fixture repositories (git and hg) built from tests/fixtures/history.

(No tests here; the name only keeps it among the history test files.)

* linear/r1 ... r7: one commit per folder, tags r1 ... r7 (see its README.md);
* merged/: commits, branches and merges from graph.json, one folder per commit holding its
  whole tree (see its README.md);
* generated/: r1 ... r3 and profile.toml, a field that only a generated header declares.
"""
from __future__ import annotations

import json
from pathlib import Path

from apicompat.settings import Settings
from apicompat.vcs.create import Commit, build_from_folders, build_repository

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "history"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_linear(kind: str, dest: Path, case: str = "linear") -> dict[str, str]:
    """The case's r1, r2, ... as one commit each (tagged so); {tag: full id}."""
    folders = sorted((FIXTURES / case).glob("r[0-9]*"), key=lambda p: int(p.name[1:]))
    tags = [f.name for f in folders]
    ids = build_from_folders(kind, dest, folders, tags=tags, messages=[f"{case} {t}" for t in tags])
    return dict(zip(tags, ids))


def build_merged(kind: str, dest: Path) -> dict[str, str]:
    """The merged case from graph.json; {folder name: full id}."""
    graph = json.loads((FIXTURES / "merged" / "graph.json").read_text())
    trees = [tree(FIXTURES / "merged" / node["folder"]) for node in graph]
    commits, tips = [], {}                         # branch -> index of its last commit
    for i, node in enumerate(graph):
        branch = node.get("branch") or "main"
        parent = node["start"] if "start" in node else tips.get(branch, i - 1)
        before = trees[parent] if parent is not None and parent >= 0 else {}
        files = {path: data for path, data in trees[i].items() if before.get(path) != data}
        files.update({path: None for path in before if path not in trees[i]})
        commits.append(Commit(node["message"], files, branch=node.get("branch"), start=node.get("start"),
                              merge=node.get("merge")))
        tips[branch] = i
    ids = build_repository(kind, dest, commits)
    return {node["folder"].split("-")[0]: rev for node, rev in zip(graph, ids)}


def plain_settings() -> Settings:
    return Settings(headers=["include/*.h"])


def generated_settings(trust: bool = True) -> Settings:
    from apicompat.profiles import load_profile
    return Settings(profile=load_profile(str(FIXTURES / "generated" / "profile.toml")), trust=trust)


# -- pytest fixtures (import them into a test module to use them) ---------------------

import pytest  # noqa: E402


@pytest.fixture(scope="module", autouse=False)
def history_cache(tmp_path_factory):
    """A cache directory for the module's tests (APICOMPAT_CACHE_DIR)."""
    with pytest.MonkeyPatch.context() as mp:
        path = tmp_path_factory.mktemp("cache")
        mp.setenv("APICOMPAT_CACHE_DIR", str(path))
        yield path


@pytest.fixture(scope="module", params=["git", "hg"])
def linear(request, tmp_path_factory, history_cache):
    """(repository path, {r1: id, ...}) of the linear case, in git and in hg."""
    dest = tmp_path_factory.mktemp(f"linear-{request.param}") / "repo"
    return str(dest), build_linear(request.param, dest)


@pytest.fixture(scope="module", params=["git", "hg"])
def merged(request, tmp_path_factory, history_cache):
    """(repository path, {c0: id, ...}) of the merged case, in git and in hg."""
    dest = tmp_path_factory.mktemp(f"merged-{request.param}") / "repo"
    return str(dest), build_merged(request.param, dest)


@pytest.fixture(scope="module", params=["git", "hg"])
def generated(request, tmp_path_factory, history_cache):
    """(repository path, {r1: id, ...}) of the generated case, in git and in hg."""
    dest = tmp_path_factory.mktemp(f"generated-{request.param}") / "repo"
    return str(dest), build_linear(request.param, dest, "generated")


@pytest.fixture(scope="module", params=["git", "hg"])
def unreadable(request, tmp_path_factory, history_cache):
    """(repository path, {r1: id, ...}) of the unreadable case, in git and in hg."""
    dest = tmp_path_factory.mktemp(f"unreadable-{request.param}") / "repo"
    return str(dest), build_linear(request.param, dest, "unreadable")
