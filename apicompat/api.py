"""The library's front door: what the CLI commands call.

>>> from apicompat.api import diff_revisions
>>> result = diff_revisions("path/to/repo", "v1.0", "v2.0", ExtractConfig())
>>> result.exit_status
12
"""
from __future__ import annotations

from .diff.classify import classify
from .extract.config import ExtractConfig
from .extract.pipeline import extract_model
from .model import ApiModel
from .result import DiffResult
from .vcs import open_repository
from .vcs.base import Repository, Revision


def models_at(repo: Repository, revisions: list[Revision], config: ExtractConfig,
              timings: dict | None = None) -> list[ApiModel]:
    return [extract_model(repo, rev, config, timings) for rev in revisions]


def diff_revisions(repo_path: str, old: str, new: str, config: ExtractConfig,
                   fail_on: tuple[str, ...] = ("breaking",)) -> DiffResult:
    """Classified findings between two revisions of the repository at `repo_path`."""
    with open_repository(repo_path) as repo:
        old_rev, new_rev = repo.resolve(old), repo.resolve(new)
        old_model, new_model = models_at(repo, [old_rev, new_rev], config)
        findings = classify(old_model, new_model)
        return DiffResult(repo.path, repo.kind, old_rev, new_rev, findings,
                          old_model.problems + new_model.problems, fail_on, old, new)
