"""Shared fixtures: small real repositories built from header texts, on git and hg."""
from __future__ import annotations

import pytest

from helpers import make_repo

VCS_KINDS = ("git", "hg")


@pytest.fixture(params=VCS_KINDS)
def vcs(request) -> str:
    return request.param


@pytest.fixture
def repo_factory(tmp_path, vcs):
    """Call with a list of revisions ({path: text}); returns the repository path."""
    counter = iter(range(1000))

    def factory(revisions, tags=None):
        return make_repo(tmp_path / f"repo{next(counter)}", vcs, revisions, tags)
    return factory


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """History commands cache models: never in the real ~/.cache during tests."""
    monkeypatch.setenv("APICOMPAT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "apicompat-cache"))
