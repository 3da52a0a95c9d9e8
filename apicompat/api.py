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


def model_at(repo: Repository, rev: Revision, settings: Settings, timings: dict | None = None,
             cache=None) -> ApiModel:
    """The API model at `rev`; with a ModelCache, read from it when its inputs were seen before
    (the same cache as the history commands: keyed by the inputs' contents and the settings)."""
    config = settings.config_at(repo, rev.id)
    key = None
    if cache is not None:
        from .history import cache as C
        key = C.model_key(config, C.inputs_digest(repo.file_ids(rev.id, C.input_globs(config))))
        model = cache.get_model(key, rev.short)
        if model is not None:
            model.revision = rev.id
            return model
    note(f"reading the API at {rev.short}" + (f" [{config.profile}]" if config.profile else "") + " ...")
    model = extract_model(repo, rev, config, timings)
    if cache is not None:
        cache.put_model(key, model, rev.short)
    return model


def _models(repo: Repository, revs, settings: Settings, use_cache: bool):
    """Both models, through the model cache unless `use_cache` is false (--no-cache)."""
    if not use_cache:
        return [model_at(repo, r, settings) for r in revs]
    from .history.cache import ModelCache
    with ModelCache() as cache:
        for warning in cache.warnings:
            note(warning)
        return [model_at(repo, r, settings, cache=cache) for r in revs]


def prove_severities(findings, old_model: ApiModel, new_model: ApiModel, repo: Repository, new_rev: Revision,
                     settings: Settings) -> None:
    """Let the compiler settle type-change severities: ordinary uses of each old declaration
    compiled against NEW (diff/witness.py).  One compile per revision pair; findings change
    in place, with the compiler's verdict as evidence."""
    from .diff import catalogue
    from .diff.witness import owner, unit, witnesses
    from .errors import ApicompatError
    from .extract.compile_check import compile_unit
    items = witnesses(findings, old_model, new_model)
    if not items:
        return
    source = unit(items, [])
    try:
        headers_ok, errors = compile_unit(repo, new_rev, settings.config_at(repo, new_rev.id), source)
    except ApicompatError:
        return
    if not headers_ok:
        return
    failed: dict[int, str] = {}
    for line, message in errors:
        w = owner(items, line)
        if w is not None:
            failed.setdefault(id(w), message)
    for w in items:
        message = failed.get(id(w))
        for f in w.findings:
            if message is not None:
                f.evidence.append(f"compiler: old uses of it fail against {new_rev.short}: {message}")
                continue
            binary = catalogue.get(f.kind).binary
            f.severity = "abi" if binary == "breaking" else "compatible"
            f.evidence.append(f"compiler: ordinary old uses ({_uses(w.key)}) still compile against "
                              f"{new_rev.short}; only built binaries are affected")


def _uses(key: str) -> str:
    kind = key.split(":", 1)[0]
    return {"function": "a call with old-typed arguments, its result kept in the old type",
            "variable": "read and written through the old type",
            "field": "read and written through the old type",
            "typedef": "values converted to and from the old type"}.get(kind, "ordinary uses")


def diff_revisions(repo_path: str, old: str, new: str, settings: ExtractConfig | Settings,
                   fail_on: tuple[str, ...] = ("breaking",), accepts: list | None = None,
                   use_cache: bool = False) -> DiffResult:
    """Classified findings between two revisions of the repository at `repo_path`."""
    settings = as_settings(settings)
    with open_repository(repo_path) as repo:
        old_rev, new_rev = repo.resolve(old), repo.resolve(new)
        old_model, new_model = _models(repo, (old_rev, new_rev), settings, use_cache)
        findings = classify(old_model, new_model, settings.internal_globs())
        prove_severities(findings, old_model, new_model, repo, new_rev, settings)
        apply_accepts(findings, accepts or [])
        return DiffResult(repo.path, repo.kind, old_rev, new_rev, findings,
                          old_model.problems + new_model.problems, fail_on, old, new,
                          public_headers=len(set(old_model.headers) | set(new_model.headers)))


def shim_between(repo_path: str, old: str, new: str, settings: ExtractConfig | Settings,
                 direction: str = "new-code", detect: str | None = None, use_cache: bool = False,
                 options=None, consumer: list[str] | None = None, cflags: str = "",
                 compile_commands: str | None = None):
    """(Shim, DiffResult) for revisions `old` and `new`; with `consumer`, limited to what it uses
    and includes."""
    from .shim import generate_shim
    from .shim.generate import Options
    settings = as_settings(settings)
    options = options or Options()
    used = None
    if consumer or compile_commands:
        found, _ = impact_between(repo_path, old, new, settings, list(consumer or []), cflags, compile_commands,
                                  use_cache=use_cache)
        used = {id(f) for f in found.used}
        options.includes = consumer_includes(consumer or [], cflags, compile_commands)
    with open_repository(repo_path) as repo:
        old_rev, new_rev = repo.resolve(old), repo.resolve(new)
        old_model, new_model = _models(repo, (old_rev, new_rev), settings, use_cache)
        findings = classify(old_model, new_model, settings.internal_globs())
        prove_severities(findings, old_model, new_model, repo, new_rev, settings)
        if used is not None:
            keep = {(f.kind, f.symbol) for f in found.used}
            findings = [f for f in findings if (f.kind, f.symbol) in keep
                        or any((m.kind, m.symbol) in keep for m in f.members)
                        or f.kind == "include_demands_macro"]
            for f in findings:
                if f.kind == "rename_family":
                    f.members = [m for m in f.members if (m.kind, m.symbol) in keep]
        profile = getattr(settings, "profile", None)
        detect = detect or (profile.shim.get("detect") if profile else None)
        shim = generate_shim(old_model, new_model, findings, direction, detect, labels=(old, new), options=options)
        result = DiffResult(repo.path, repo.kind, old_rev, new_rev, findings,
                            old_model.problems + new_model.problems, ("breaking",), old, new,
                            shim_coverage=shim.coverage,
                            public_headers=len(set(old_model.headers) | set(new_model.headers)))
        return shim, result


def write_snapshot(repo_path: str, rev: str, settings: ExtractConfig | Settings, out_dir,
                   with_deps: bool = True) -> list[str]:
    """Write `rev`'s public headers (generated ones included) as an installation lays them out."""
    from .extract.snapshot import install_headers
    settings = as_settings(settings)
    with open_repository(repo_path) as repo:
        revision = repo.resolve(rev)
        return install_headers(repo, revision, settings.config_at(repo, revision.id), out_dir, with_deps)


def impact_between(repo_path: str, old: str, new: str, settings: ExtractConfig | Settings, consumer: list[str],
                   cflags: str = "", compile_commands: str | None = None, check: bool = False,
                   use_cache: bool = False, accepts: list | None = None):
    """(Impact, DiffResult over the findings the consumer uses) for the consumer's sources."""
    import tempfile
    from pathlib import Path
    from .consumer.impact import check_compiles, consumer_impact
    from .consumer.sources import consumer_sources
    from .extract.snapshot import install_headers
    settings = as_settings(settings)
    sources = consumer_sources(consumer, cflags, compile_commands)
    roots = [Path(p).resolve() for p in consumer] or sorted({s.path.parent for s in sources})
    with open_repository(repo_path) as repo, tempfile.TemporaryDirectory(prefix="apicompat-consumer-") as tmp:
        old_rev, new_rev = repo.resolve(old), repo.resolve(new)
        old_model, new_model = _models(repo, (old_rev, new_rev), settings, use_cache)
        findings = classify(old_model, new_model, settings.internal_globs())
        prove_severities(findings, old_model, new_model, repo, new_rev, settings)
        apply_accepts(findings, accepts or [])
        old_config = settings.config_at(repo, old_rev.id)
        old_dir, new_dir = Path(tmp) / "old", Path(tmp) / "new"
        install_headers(repo, old_rev, old_config, old_dir)
        impact = consumer_impact(sources, roots, findings, old_dir, old_config.compiler)
        if check:
            install_headers(repo, new_rev, settings.config_at(repo, new_rev.id), new_dir)
            check_compiles(impact, sources, roots, old_dir, new_dir, old_config.compiler)
        result = DiffResult(repo.path, repo.kind, old_rev, new_rev, impact.used,
                            old_model.problems + new_model.problems, ("breaking",), old, new,
                            public_headers=len(set(old_model.headers) | set(new_model.headers)))
        return impact, result


def consumer_includes(consumer: list[str], cflags: str = "", compile_commands: str | None = None) -> list[str]:
    """The `<name>`/`"name"` includes of the consumer's own sources and headers."""
    from pathlib import Path
    from .consumer.sources import consumer_sources
    from .extract.includes import scan_includes
    files = [s.path for s in consumer_sources(consumer, cflags, compile_commands)]
    for root in consumer:
        if Path(root).is_dir():
            files += sorted(Path(root).rglob("*.h"))
    names = []
    for path in files:
        names += [inc.target for inc in scan_includes(path.read_text(errors="replace"), str(path), [])]
    return sorted(set(names))
