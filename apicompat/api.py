"""The library's front door: what the CLI commands call.

>>> from apicompat.api import diff_revisions
>>> result = diff_revisions("path/to/repo", "v1.0", "v2.0", ExtractConfig())
>>> result.exit_status
12
"""
from __future__ import annotations

import os
import shlex

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


BASE_PREFIX = "merge-base:"     # `old` given as merge-base:BRANCH (diff --base BRANCH)


def _open_pair(repo_path: str, old: str, new: str) -> Repository:
    """The repository, able to read the working tree when either side is WORKTREE."""
    from .vcs.worktree import WORKTREE, WithWorktree
    repo = open_repository(repo_path)
    if WORKTREE in (old, new):
        try:
            return WithWorktree(repo)
        except BaseException:
            repo.close()
            raise
    return repo


def _pair(repo: Repository, old: str, new: str) -> tuple[Revision, Revision]:
    """The two revisions; `merge-base:BRANCH` is the merge base of BRANCH and NEW (a pull request's
    base), the working tree's base being its checked-out revision."""
    if not new:                                   # --base without NEW: the checked-out revision
        new = "HEAD" if repo.kind == "git" else "."
    new_rev = repo.resolve(new)
    if old.startswith(BASE_PREFIX):
        branch = repo.resolve(old[len(BASE_PREFIX):])
        tip = new_rev.parents[0] if new_rev.id.startswith("@") else new_rev.id
        return repo.merge_base(branch.id, tip), new_rev
    return repo.resolve(old), new_rev


def as_settings(config: ExtractConfig | Settings) -> Settings:
    """Accept a fixed ExtractConfig too (the same settings at every revision)."""
    if isinstance(config, Settings):
        return config
    fixed = Settings()
    fixed.config_at = lambda repo, rev: config   # type: ignore[method-assign]
    return fixed


def model_at(repo: Repository, rev: Revision, settings: Settings, timings: dict | None = None,
             cache=None, key: str | None = None) -> ApiModel:
    """The API model at `rev`; with a ModelCache, read from it when its inputs were seen before
    (the same cache as the history commands: keyed by the inputs' contents and the settings;
    `key`: that key, when the caller worked it out already)."""
    config = settings.config_at(repo, rev.id)
    if cache is not None:
        key = key or _model_key(repo, rev, settings)
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
        return _read_pair(repo, revs, settings, None)
    from .history.cache import ModelCache
    with ModelCache() as cache:
        for warning in cache.warnings:
            note(warning)
        _serve_generators(cache.path)
        return _read_pair(repo, revs, settings, cache)


_GENERATED_STORE = None


def _serve_generators(path: str) -> None:
    """Generator outputs through the history cache for the rest of the command: the reads, and
    the judge's compiles after them, run no generator for inputs met before (in this run or an
    earlier one).  One store per cache file, kept open (a process runs one command)."""
    global _GENERATED_STORE
    from .history.cache import ModelCache
    if _GENERATED_STORE is None or _GENERATED_STORE.path != path:
        if _GENERATED_STORE is not None:
            _GENERATED_STORE.close()
        _GENERATED_STORE = ModelCache(path)
    _GENERATED_STORE.serve_generators()


def _read_pair(repo: Repository, revs, settings: Settings, cache) -> list[ApiModel]:
    """[model of revs[0], model of revs[1]]: when neither is cached, the first is read in a forked
    worker (which opens the repository itself, like a history walk's) while this process reads
    the second.  Whatever goes wrong in the worker, this process reads that revision itself, so
    errors read exactly as they do without it."""
    old, new = revs
    old_key = _model_key(repo, old, settings) if cache is not None else None
    new_key = _model_key(repo, new, settings) if cache is not None else None
    if not _can_fork_for(repo, revs) or (cache is not None and (cache.has_model(old_key) or
                                                                 cache.has_model(new_key))):
        return [model_at(repo, r, settings, cache=cache, key=k) for r, k in zip(revs, (old_key, new_key))]
    from .errors import ApicompatError
    from .history.walk import _start_workers
    from .progress import warning
    config = settings.config_at(repo, old.id)
    note(f"reading the API at {old.short}" + (f" [{config.profile}]" if config.profile else "") + " (beside) ...")
    pool = _start_workers(1, repo)
    try:
        future = pool.submit(_extract_telling, old, config)
        new_model, new_error = None, None
        try:
            new_model = model_at(repo, new, settings, cache=cache, key=new_key)
        except ApicompatError as exc:          # said after OLD's own error, as a sequential read would
            new_error = exc
        try:
            status, value, warnings, packed = future.result()
        except Exception:
            status, value, warnings, packed = "failed", None, [], None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for message in warnings if status == "model" else []:
        warning(message)
    if status != "model":
        value = model_at(repo, old, settings, cache=cache)
    if new_error is not None:
        raise new_error
    if status != "model":
        return [value, new_model]
    value.revision = old.id
    if cache is not None:
        cache.put_packed(old_key, packed, old.short)
    return [value, new_model]


def _extract_telling(rev: Revision, config) -> tuple[str, object, list[str], object]:
    """In the worker: extract_one, the warnings it gave (the parent says them: its stderr may
    not be the worker's, e.g. under a test runner), and the model as the cache stores it (packed
    here, beside the parent's own read, rather than after it)."""
    from .history.cache import pack
    from .history.walk import _extract_in_worker
    from .progress import set_warning_sink
    said: list[str] = []
    set_warning_sink(said.append)
    status, value = _extract_in_worker(rev, config)
    if status != "model":
        return status, value, said, None
    value.revision = rev.id
    return status, value, said, pack(value)


def _can_fork_for(repo: Repository, revs) -> bool:
    """A worker helps only where fork exists, with two CPUs, for two distinct committed revisions."""
    return revs[0].id != revs[1].id and _can_fork(repo)


def _can_fork(repo: Repository) -> bool:
    """Fork exists, two CPUs, and a committed revision's repository (a worker opens it again)."""
    import multiprocessing
    from .history.walk import default_jobs
    return (os.environ.get("APICOMPAT_JOBS") != "1" and "fork" in multiprocessing.get_all_start_methods()
            and type(repo).__name__ in ("GitRepository", "HgRepository") and default_jobs() > 1)


def _model_key(repo: Repository, rev: Revision, settings: Settings) -> str:
    """The model cache's key for `rev`: the settings and its inputs' contents (history/cache.py)."""
    from .history import cache as C
    config = settings.config_at(repo, rev.id)
    return C.model_key(config, C.inputs_digest(repo.file_ids(rev.id, C.input_globs(config))))


def judge(findings, old_model: ApiModel, new_model: ApiModel, repo: Repository, old_rev: Revision,
          new_rev: Revision, settings: Settings) -> None:
    """Severity as C judges it: source breaks by compiling old uses against NEW (diff/witness.py),
    then ABI claims by layout on both revisions.  Findings change in place, with the
    compiler's verdict as evidence.

    Every compile is known before any runs: the layout probes cover the findings that are "abi"
    and those the witnesses may make so.  OLD's probe runs in a forked worker (where one can)
    while this process compiles the witnesses and NEW's probe in one snapshot of NEW."""
    from .diff import catalogue
    from .diff.witness import unit, witnesses
    from .errors import ApicompatError
    from .extract.compile_check import compile_in, prepared
    from .extract.layout import probe_in
    items = witnesses(findings, old_model, new_model)
    may_be_abi = {id(f) for w in items for f in w.findings if catalogue.get(f.kind).binary == "breaking"}
    plans = [(f, plan) for f in findings if f.kind in LAYOUT_KINDS and (f.severity == "abi" or id(f) in may_be_abi)
             for plan in [_layout_plan(f, old_model, new_model)] if plan is not None]
    if not items and not plans:
        return
    old_values = _probe_beside(repo, old_rev, settings, [e for _, p in plans for e in p[0]])
    verdict, new_values = None, None
    new_config = settings.config_at(repo, new_rev.id)
    try:
        with prepared(repo, new_rev, new_config) as snap:
            try:
                verdict = compile_in(snap, new_config, unit(items, [])) if items else None
            except ApicompatError:
                pass
            new_values = probe_in(snap, new_config, [e for _, p in plans for e in p[1]])
    except ApicompatError:
        pass
    finally:
        old_values = old_values()         # OLD's worker is collected whatever happened here
    if verdict is not None:
        _apply_witnesses(items, verdict, new_rev)
    if old_values is not None and new_values is not None:
        _apply_layouts([(f, p) for f, p in plans if f.severity == "abi"], old_values, new_values, new_config)


def _probe_beside(repo: Repository, rev: Revision, settings: Settings, exprs: list[str]):
    """A function giving `rev`'s layout values for `exprs` (None when they cannot be had): probed
    in a forked worker started now, else (no fork, one CPU, the working tree) when asked."""
    from .errors import ApicompatError
    from .extract.layout import probe
    config = settings.config_at(repo, rev.id)
    if not exprs:
        return lambda: {}
    if not _can_fork(repo):
        def here():
            try:
                return probe(repo, rev, config, exprs)
            except ApicompatError:
                return None
        return here
    from .history.walk import _start_workers
    pool = _start_workers(1, repo)
    future = pool.submit(_probe_in_worker, rev, config, exprs)

    def collected():
        try:
            return future.result()
        except Exception:                 # the worker died: this process probes itself
            try:
                return probe(repo, rev, config, exprs)
            except ApicompatError:
                return None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return collected


def _probe_in_worker(rev: Revision, config, exprs: list[str]):
    from .errors import ApicompatError
    from .extract.layout import probe
    from .history import walk
    try:
        return probe(walk._worker_repo, rev, config, exprs)
    except ApicompatError:
        return None


def _apply_witnesses(items, verdict: tuple[bool, list], new_rev: Revision) -> None:
    """The witness compile's verdict on each finding: old uses that still compile make a source
    break "abi" (or "compatible" for a kind that cannot break binaries)."""
    from .diff import catalogue
    from .diff.witness import owner
    headers_ok, errors = verdict
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


LAYOUT_KINDS = {"typedef_target_changed", "variable_type_changed", "function_param_type_changed",
                "function_return_type_changed", "record_layout_changed", "record_field_type_changed"}


def _apply_layouts(plans, old_values: dict, new_values: dict, new_config) -> None:
    """ABI claims from the target's data model: an "abi" finding whose type keeps its size,
    alignment and register class (and, for a member, its offset and the record's size) on the
    host compiler's target breaks no binary: compatible, with the numbers as evidence."""
    from .extract.layout import register_class
    from .target import host_triple, is_x86_64
    target = new_config.target or _target_name(new_config.compiler)
    classes_known = is_x86_64(new_config.target or host_triple())
    for f, (old_exprs, new_exprs, classes) in plans:
        a = [old_values.get(e) for e in old_exprs]
        b = [new_values.get(e) for e in new_exprs]
        if None in a or None in b or a != b:
            if None not in a and None not in b:
                f.evidence.append(f"layout on {target}: {_layout_words(old_exprs, a)} -> {_layout_words(new_exprs, b)}")
            continue
        # Register classes are x86-64's: elsewhere a same-size change is not proven harmless.
        old_class, new_class = (register_class(c) if classes_known else "memory" for c in classes)
        if old_class != new_class:
            f.evidence.append(f"layout on {target}: {_layout_words(old_exprs, a)} unchanged, but values move "
                              f"from the {old_class} to the {new_class} registers")
            continue
        if "memory" in (old_class, new_class):
            continue
        f.severity = "compatible"
        f.evidence.append(f"layout on {target}: {_layout_words(old_exprs, a)} and the {old_class} register "
                          "class are unchanged, so built binaries are unaffected")


def _layout_plan(f, old: ApiModel, new: ApiModel):
    """(old expressions, new expressions, (old resolved type, new resolved type)) or None."""
    if f.kind == "typedef_target_changed" and f.symbol in old.typedefs and f.symbol in new.typedefs:
        e = [f"sizeof({f.symbol})", f"_Alignof({f.symbol})"]
        return e, e, (old.typedefs[f.symbol].resolved, new.typedefs[f.symbol].resolved)
    if f.kind == "variable_type_changed" and f.symbol in old.variables and f.symbol in new.variables:
        e = [f"sizeof(__typeof__({f.symbol}))", f"_Alignof(__typeof__({f.symbol}))"]
        return e, e, (old.variables[f.symbol].resolved, new.variables[f.symbol].resolved)
    if f.kind == "function_param_type_changed" and f.symbol in old.functions and f.symbol in new.functions:
        pos = f.facts.get("position", "")
        if not pos.isdigit():
            return None
        i = int(pos) - 1
        fa, fb = old.functions[f.symbol], new.functions[f.symbol]
        if i >= len(fa.params) or i >= len(fb.params):
            return None
        pa, pb = fa.params[i], fb.params[i]
        return ([f"sizeof({pa.type})", f"_Alignof({pa.type})"], [f"sizeof({pb.type})", f"_Alignof({pb.type})"],
                (pa.resolved, pb.resolved))
    if f.kind == "function_return_type_changed" and f.symbol in old.functions and f.symbol in new.functions:
        fa, fb = old.functions[f.symbol], new.functions[f.symbol]
        if "void" in (fa.return_type.strip(), fb.return_type.strip()):
            return None
        return ([f"sizeof({fa.return_type})", f"_Alignof({fa.return_type})"],
                [f"sizeof({fb.return_type})", f"_Alignof({fb.return_type})"], (fa.return_resolved, fb.return_resolved))
    if f.kind in ("record_layout_changed", "record_field_type_changed"):
        record, path = f.facts.get("record"), f.facts.get("path")
        if not record or not path or record not in old.records or record not in new.records:
            return None
        def exprs(model):
            rec = model.records[record]
            name = record if record in model.typedefs else f"{rec.kind} {record}"
            return [f"sizeof({name})", f"__builtin_offsetof({name}, {path})", f"sizeof((({name} *)0)->{path})"]
        old_type, new_type = f.facts.get("old_value") or f.facts.get("old_type"), \
            f.facts.get("new_value") or f.facts.get("new_type")
        if not old_type or not new_type:
            return None
        return exprs(old), exprs(new), (_resolve_words(old, old_type), _resolve_words(new, new_type))
    return None


def note_api_pinning(findings, old_model: ApiModel, repo: Repository, new_rev: Revision, settings: Settings) -> None:
    """Libraries that let consumers select an older API (`LIBXL_API_VERSION`, `OPENSSL_API_COMPAT`,
    `FUSE_USE_VERSION`) keep old signatures behind it.  With the profile's `api_version =
    "MACRO=VALUE"` (the value that selects the old API), NEW is read a second time with it
    defined; a breaking finding that is gone then is one a consumer avoids by pinning."""
    from dataclasses import replace as _replace
    from .errors import ApicompatError
    pin = settings.api_version() if hasattr(settings, "api_version") else ""
    if not pin or not any(f.severity == "breaking" for f in findings):
        return
    pinned_settings = _replace(settings, defines=list(settings.defines) + [pin])
    try:
        pinned = model_at(repo, new_rev, pinned_settings)
    except ApicompatError:
        return
    still = {(f.kind, f.symbol) for f in classify(old_model, pinned)}
    for f in findings:
        if f.severity == "breaking" and (f.kind, f.symbol) not in still:
            f.facts["avoided_by"] = pin
            f.evidence.append(f"avoidable: with -D{pin} (the old API, selected by the library itself) old code "
                              "still compiles against this revision")


def _resolve_words(model: ApiModel, type_text: str) -> str:
    typedef = model.typedefs.get(type_text.replace("const ", "").strip())
    return typedef.resolved if typedef is not None else type_text


def _layout_words(exprs, values) -> str:
    names = ["record size", "offset", "member size"] if any("offsetof" in e for e in exprs) else ["size", "alignment"]
    return ", ".join(f"{name} {v}" for name, v in zip(names, values))


def _target_name(compiler: str) -> str:
    import subprocess
    try:
        return subprocess.run([compiler, "-dumpmachine"], capture_output=True, text=True,
                              timeout=30).stdout.strip() or "the host"
    except (OSError, subprocess.SubprocessError):
        return "the host"


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
    with _open_pair(repo_path, old, new) as repo:
        old_rev, new_rev = _pair(repo, old, new)
        old_model, new_model = _models(repo, (old_rev, new_rev), settings, use_cache)
        findings = classify(old_model, new_model, settings.internal_globs())
        judge(findings, old_model, new_model, repo, old_rev, new_rev, settings)
        note_api_pinning(findings, old_model, repo, new_rev, settings)
        apply_accepts(findings, accepts or [])
        return DiffResult(repo.path, repo.kind, old_rev, new_rev, findings,
                          old_model.problems + new_model.problems, fail_on, old, new,
                          public_headers=len(set(old_model.headers) | set(new_model.headers)))


def shim_between(repo_path: str, old: str, new: str, settings: ExtractConfig | Settings,
                 direction: str = "new-code", detect: str | None = None, use_cache: bool = False,
                 options=None, consumer: list[str] | None = None, cflags: str = "",
                 compile_commands: str | None = None, check: bool = False):
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
    with _open_pair(repo_path, old, new) as repo:
        old_rev, new_rev = _pair(repo, old, new)
        old_model, new_model = _models(repo, (old_rev, new_rev), settings, use_cache)
        findings = classify(old_model, new_model, settings.internal_globs())
        judge(findings, old_model, new_model, repo, old_rev, new_rev, settings)
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
        if not detect and (consumer or compile_commands) and options.includes:
            options.seen_macros = macros_under_flags(repo, (old_rev, new_rev), settings, options.includes,
                                                     list(consumer or []), cflags, compile_commands)
        shim = generate_shim(old_model, new_model, findings, direction, detect, labels=(old, new), options=options)
        if check and (consumer or compile_commands):
            shim.check = check_shim(shim.text, repo, old_rev, new_rev, settings, list(consumer or []), cflags,
                                    compile_commands)
        result = DiffResult(repo.path, repo.kind, old_rev, new_rev, findings,
                            old_model.problems + new_model.problems, ("breaking",), old, new,
                            shim_coverage=shim.coverage,
                            public_headers=len(set(old_model.headers) | set(new_model.headers)))
        return shim, result


def macros_under_flags(repo: Repository, revs, settings: Settings, includes: list[str], consumer: list[str],
                       cflags: str, compile_commands: str | None) -> tuple[set[str], set[str]] | None:
    """The macros OLD's and NEW's installed headers define when a unit including what the consumer
    includes is preprocessed with the consumer's flags (`cc -E -dM`): which macro tells the
    revisions apart in *their* build.  None when it cannot be said (a compile that would read
    outside the consumer's places, or fails)."""
    import tempfile
    from pathlib import Path
    from .bounded import DIAGNOSTICS, run_bounded
    from .consumer.confined import allowed_places, check_reads, jail_for
    from .consumer.sources import consumer_sources
    from .extract.confine import OutsideReadError
    from .extract.install import install_headers
    sources = consumer_sources(consumer, cflags, compile_commands)
    if not sources:
        return None
    flags, cwd = sources[0].flags, sources[0].path.parent
    roots = [Path(p).resolve() for p in consumer] or [cwd]
    seen = []
    with tempfile.TemporaryDirectory(prefix="apicompat-detect-") as tmp:
        unit = Path(tmp) / "apicompat_detect.c"
        unit.write_text("".join(f"#include <{name}>\n" for name in includes))
        for label, rev in zip(("old", "new"), revs):
            config = settings.config_at(repo, rev.id)
            folder = Path(tmp) / label
            install_headers(repo, rev, config, folder)
            argv = [*shlex.split(config.compiler), "-E", "-dM", *flags, "-I", str(folder), str(unit)]
            try:
                allowed = allowed_places(flags, cwd, folder, roots, config.compiler, [Path(tmp)])
                check_reads(argv, cwd, allowed, roots)
                outcome = run_bounded(argv, cwd=cwd, timeout=120, keep=DIAGNOSTICS,
                                      jail=jail_for(allowed, [], cwd))
            except (OutsideReadError, OSError):
                return None
            if outcome.returncode != 0:
                return None
            seen.append({line.split()[1].split("(")[0] for line in outcome.stdout.splitlines()
                         if line.startswith("#define ") and len(line.split()) > 1})
    return seen[0], seen[1]


def write_snapshot(repo_path: str, rev: str, settings: ExtractConfig | Settings, out_dir,
                   with_deps: bool = True, standins: list[str] | None = None) -> list[str]:
    """Write `rev`'s public headers (generated ones included) as an installation lays them out;
    `standins` gets the names that are a profile's stand-ins, not the library's own."""
    from .extract.install import install_headers
    settings = as_settings(settings)
    with open_repository(repo_path) as repo:
        revision = repo.resolve(rev)
        return install_headers(repo, revision, settings.config_at(repo, revision.id), out_dir, with_deps,
                               for_our_compiles=False, standins=standins)


def impact_between(repo_path: str, old: str, new: str, settings: ExtractConfig | Settings, consumer: list[str],
                   cflags: str = "", compile_commands: str | None = None, check: bool = False,
                   use_cache: bool = False, accepts: list | None = None):
    """(Impact, DiffResult over the findings the consumer uses) for the consumer's sources."""
    import tempfile
    from pathlib import Path
    from .consumer.impact import check_compiles, consumer_impact
    from .consumer.sources import consumer_sources
    from .extract.install import install_headers
    settings = as_settings(settings)
    sources = consumer_sources(consumer, cflags, compile_commands)
    roots = [Path(p).resolve() for p in consumer] or sorted({s.path.parent for s in sources})
    with _open_pair(repo_path, old, new) as repo, tempfile.TemporaryDirectory(prefix="apicompat-consumer-") as tmp:
        old_rev, new_rev = _pair(repo, old, new)
        old_model, new_model = _models(repo, (old_rev, new_rev), settings, use_cache)
        findings = classify(old_model, new_model, settings.internal_globs())
        judge(findings, old_model, new_model, repo, old_rev, new_rev, settings)
        apply_accepts(findings, accepts or [])
        old_config = settings.config_at(repo, old_rev.id)
        old_dir, new_dir = Path(tmp) / "old", Path(tmp) / "new"
        install_headers(repo, old_rev, old_config, old_dir)
        impact = consumer_impact(sources, roots, findings, old_dir, old_config.compiler, old_model, new_model)
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
        # Only includes taken whatever the build defines: one under `#if defined(_MSC_VER)` may
        # name a header that does not even compile here.
        names += [inc.target for inc in scan_includes(path.read_text(errors="replace"), str(path))
                  if not inc.condition]
    return sorted(set(names))


def migrate_between(repo_path: str, old: str, new: str, settings: ExtractConfig | Settings, consumer: list[str],
                    cflags: str = "", compile_commands: str | None = None, values: dict | None = None,
                    allow_lossy: bool = False, apply: bool = False, check: bool = False):
    """(Plan, PatchResult, Impact, check) porting the consumer's sources from OLD's API to NEW's.

    Only the consumer's files are touched, and only with `apply`."""
    import tempfile
    from pathlib import Path
    from .consumer.impact import compile_errors, consumer_impact
    from .consumer.sources import Source, consumer_sources
    from .extract.confine import OutsideReadError
    from .extract.install import install_headers
    from .migrate.run import run_spatch, spatch_path
    from .migrate.smpl import plan_migration
    spatch_path()                                     # say how to install it before any work
    settings = as_settings(settings)
    sources = consumer_sources(consumer, cflags, compile_commands)
    roots = [Path(p).resolve() for p in consumer] or sorted({s.path.parent for s in sources})
    root = Path(os.path.commonpath([str(r if r.is_dir() else r.parent) for r in roots]))
    if all(s.path.is_relative_to(Path.cwd().resolve()) for s in sources):
        root = Path.cwd().resolve()        # paths in the patch as the user sees them: `git apply` works here
    with _open_pair(repo_path, old, new) as repo, tempfile.TemporaryDirectory(prefix="apicompat-migrate-") as tmp:
        old_rev, new_rev = _pair(repo, old, new)
        old_model, new_model = _models(repo, (old_rev, new_rev), settings, False)
        findings = classify(old_model, new_model, settings.internal_globs())
        judge(findings, old_model, new_model, repo, old_rev, new_rev, settings)
        old_config = settings.config_at(repo, old_rev.id)
        work = Path(tmp)
        install_headers(repo, old_rev, old_config, work / "old")
        impact = consumer_impact(sources, roots, findings, work / "old", old_config.compiler, old_model, new_model)
        plan = plan_migration(impact.used, old_model, new_model, values, allow_lossy)
        files = [s.path for s in sources]
        checked = None
        if check:
            install_headers(repo, new_rev, settings.config_at(repo, new_rev.id), work / "new")
            patched = run_spatch(plan, files, root, work, out_dir=work / "patched")
            errors = []
            try:
                for s in sources:
                    copy = work / "patched" / os.path.relpath(s.path, root)
                    if copy.exists():
                        errors += compile_errors(Source(copy, ["-iquote", str(s.path.parent), *s.flags]),
                                                 work / "new", [work / "patched"], old_config.compiler)
                checked = explain_errors(errors, plan, work / "patched", root, impact)
            except OutsideReadError as exc:
                checked, impact.check = [], {"withheld": str(exc)}
        result = run_spatch(plan, files, root, work, apply=apply)
        return plan, result, impact, checked


def explain_errors(errors, plan, patched_root, root, impact=None) -> list[dict]:
    """Each compile error left after the patch, with the checklist entry that explains it (if any):
    one whose use impact found on that line, else one whose name the message quotes."""
    from pathlib import Path
    import re as _re
    on_line = {}
    for f, _ in plan.checklist:
        for s in (impact.sites if impact else []):
            if s.finding is f:
                on_line.setdefault((os.path.realpath(s.use.file), s.use.line), f)
    explained = []
    for file, line, message in errors:
        rel = os.path.relpath(file, patched_root)
        original = os.path.realpath(Path(root) / rel)
        words = set(_re.findall(r"[A-Za-z_]\w*", message))
        if any(w.startswith("APICOMPAT_TODO_") for w in words):
            explained.append({"file": str(Path(root) / rel), "line": line, "message": message,
                              "checklist": "a placeholder the patch left: give the new argument its value "
                                           "(or re-run with --arg FUNC.PARAM=EXPR)"})
            continue
        f = on_line.get((original, line)) or next(
            (f for f, _ in plan.checklist if {f.symbol.split(".")[-1], f.facts.get("old_name") or ""} & words), None)
        explained.append({"file": str(Path(root) / rel), "line": line, "message": message,
                          "checklist": f"{f.symbol} [{f.kind}]" if f is not None else None})
    return explained


def check_shim(text: str, repo: Repository, old_rev: Revision, new_rev: Revision, settings: Settings,
               consumer: list[str], cflags: str = "", compile_commands: str | None = None) -> dict:
    """Compile the consumer against both revisions, without and with the shim: errors before and
    after, and the errors the shim itself brings (lines that compiled before and fail with it)."""
    import tempfile
    from pathlib import Path
    from .consumer.impact import compile_errors
    from .consumer.sources import Source, consumer_sources
    from .extract.confine import OutsideReadError
    from .extract.install import install_headers
    sources = consumer_sources(consumer, cflags, compile_commands)
    roots = [Path(p).resolve() for p in consumer] or sorted({s.path.parent for s in sources})
    report = {}
    with tempfile.TemporaryDirectory(prefix="apicompat-shimcheck-") as tmp:
        shim_file = Path(tmp) / "apicompat_shim.h"
        shim_file.write_text(text)
        for label, rev in (("old", old_rev), ("new", new_rev)):
            config = settings.config_at(repo, rev.id)
            folder = Path(tmp) / label
            install_headers(repo, rev, config, folder)
            with_shim = [Source(s.path, ["-include", str(shim_file), *s.flags]) for s in sources]
            try:
                before = {(f, n) for s in sources for f, n, _ in compile_errors(s, folder, roots, config.compiler)}
                after = {(f, n) for s in with_shim for f, n, _ in compile_errors(s, folder, roots, config.compiler)}
            except OutsideReadError as exc:
                report[label] = {"withheld": str(exc), "before": 0, "after": 0, "added": 0, "added_lines": []}
                continue
            report[label] = {"before": len(before), "after": len(after), "added": len(after - before),
                             "added_lines": sorted(f"{f}:{n}" for f, n in after - before)[:40]}
    return report
