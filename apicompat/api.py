"""The library's front door: what the CLI commands call.

>>> from apicompat.api import diff_revisions
>>> result = diff_revisions("path/to/repo", "v1.0", "v2.0", ExtractConfig())
>>> result.exit_status
12
"""
from __future__ import annotations

from .accept import apply_accepts
from .diff.classify import classify
from .extract.config import ExtractConfig
from .extract.pipeline import extract_model
from .model import ApiModel
from .progress import note
from .result import DiffResult
from .settings import Settings
from .vcs import open_repository
from .vcs.base import Repository, Revision


def as_settings(config: ExtractConfig | Settings) -> Settings:
    """Accept a fixed ExtractConfig too (the same settings at every revision)."""
    if isinstance(config, Settings):
        return config
    fixed = Settings()
    fixed.config_at = lambda repo, rev: config   # type: ignore[method-assign]
    return fixed


def model_at(repo: Repository, rev: Revision, settings: Settings, timings: dict | None = None) -> ApiModel:
    config = settings.config_at(repo, rev.id)
    note(f"reading the API at {rev.short}" + (f" [{config.profile}]" if config.profile else "") + " ...")
    return extract_model(repo, rev, config, timings)


def diff_revisions(repo_path: str, old: str, new: str, settings: ExtractConfig | Settings,
                   fail_on: tuple[str, ...] = ("breaking",), accepts: list | None = None) -> DiffResult:
    """Classified findings between two revisions of the repository at `repo_path`."""
    settings = as_settings(settings)
    with open_repository(repo_path) as repo:
        old_rev, new_rev = repo.resolve(old), repo.resolve(new)
        old_model, new_model = (model_at(repo, r, settings) for r in (old_rev, new_rev))
        findings = classify(old_model, new_model)
        apply_accepts(findings, accepts or [])
        return DiffResult(repo.path, repo.kind, old_rev, new_rev, findings,
                          old_model.problems + new_model.problems, fail_on, old, new)


def shim_between(repo_path: str, old: str, new: str, settings: ExtractConfig | Settings,
                 direction: str = "new-code", detect: str | None = None):
    """(Shim, DiffResult) for revisions `old` and `new`."""
    from .shim import generate_shim
    settings = as_settings(settings)
    with open_repository(repo_path) as repo:
        old_rev, new_rev = repo.resolve(old), repo.resolve(new)
        old_model, new_model = (model_at(repo, r, settings) for r in (old_rev, new_rev))
        findings = classify(old_model, new_model)
        profile = getattr(settings, "profile", None)
        detect = detect or (profile.shim.get("detect") if profile else None)
        shim = generate_shim(old_model, new_model, findings, direction, detect, labels=(old, new))
        result = DiffResult(repo.path, repo.kind, old_rev, new_rev, findings,
                            old_model.problems + new_model.problems, ("breaking",), old, new,
                            shim_coverage=shim.coverage)
        return shim, result


def write_snapshot(repo_path: str, rev: str, settings: ExtractConfig | Settings, out_dir,
                   with_deps: bool = True) -> list[str]:
    """Write `rev`'s public headers (generated ones included) as an installation lays them out."""
    from .extract.snapshot import install_headers
    settings = as_settings(settings)
    with open_repository(repo_path) as repo:
        revision = repo.resolve(rev)
        return install_headers(repo, revision, settings.config_at(repo, revision.id), out_dir, with_deps)
