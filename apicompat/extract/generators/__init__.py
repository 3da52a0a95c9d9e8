"""Generators: make the headers a revision's build would generate, before preprocessing.

A generator runs code from the analysed repository, so it runs only with the
user's permission (`--trust`, or `trust = true` in a profile the user wrote),
in a subprocess with a time limit, inside the revision's temporary tree.

Types: `command` (any command line; see command.py) and the built-in ones
registered in GENERATORS (e.g. `libxl-idl`).
"""
from __future__ import annotations

import hashlib
import sys
from typing import Callable

from ...errors import GeneratorError
from ...model import Problem
from ...progress import note
from ..config import ExtractConfig, GeneratorSpec
from ..snapshot import Snapshot
from . import memo


def _registry() -> dict[str, Callable]:
    from .command import run_command_generator
    registry = {"command": run_command_generator}
    try:
        from .libxl_idl import run_libxl_idl
        registry["libxl-idl"] = run_libxl_idl
    except ImportError:
        pass
    return registry


def _default_inputs() -> dict[str, Callable]:
    """Built-in generator types that know which files they read when a profile does not say."""
    try:
        from .libxl_idl import default_inputs
        return {"libxl-idl": default_inputs}
    except ImportError:
        return {}


def generator_inputs(spec: GeneratorSpec) -> list[str]:
    """The repository files a generator reads: its `inputs`, else its type's defaults."""
    if spec.inputs:
        return list(spec.inputs)
    defaults = _default_inputs().get(spec.type)
    return defaults(spec) if defaults else []


def run_generators(snapshot: Snapshot, config: ExtractConfig) -> list[Problem]:
    """Run every generator of `config` in `snapshot`; return problems for those that failed.

    Raises GeneratorError when generators are needed but not trusted, or (with
    `config.strict`) when one fails.
    """
    if not config.generators:
        return []
    if not config.trust:
        outputs = ", ".join(o for g in config.generators for o in g.outputs) or "generated headers"
        names = ", ".join(g.name for g in config.generators)
        raise GeneratorError(
            f"revision {snapshot.label} needs {outputs}, which the build generates ({names}); "
            "making them runs code from the analysed repository. Re-run with --trust to allow it "
            "(or set trust = true in your own profile).")
    registry = _registry()
    problems = []
    for spec in config.generators:
        run = registry.get(spec.type)
        if run is None:
            raise GeneratorError(f"generator '{spec.name}': unknown type '{spec.type}' "
                                 f"(known: {', '.join(sorted(registry))})")
        try:
            snapshot.lay_out_inputs(generator_inputs(spec))
            key = _output_key(snapshot, spec)
            produced = _replay(snapshot, key)
            if produced is None:
                note(f"running generator '{spec.name}' at revision {snapshot.label} (code from the repository, "
                     "trusted)")
                before = _tree_state(snapshot) if key else {}
                produced = run(snapshot, spec)
                _remember(snapshot, key, produced, before)
        except GeneratorError as exc:
            if config.strict:
                raise
            problems.append(Problem(", ".join(spec.outputs) or spec.name, None, str(exc)))
            continue
        snapshot.add_generated(produced)
    return problems


def _output_key(snapshot: Snapshot, spec: GeneratorSpec) -> str | None:
    inputs = snapshot.inputs_for(generator_inputs(spec))
    if not inputs or not memo.enabled():
        return None
    digest = hashlib.sha256(repr(spec).encode())
    for path in inputs:
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(hashlib.sha256(snapshot.path_of(path).read_bytes()).digest())
        except OSError:
            return None
    return digest.hexdigest()


def _tree_state(snapshot: Snapshot) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file laid out in the snapshot's tree."""
    tree = snapshot.path_of("")
    state = {}
    for path in tree.rglob("*"):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            state[path.relative_to(tree).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return state


def _replay(snapshot: Snapshot, key: str | None) -> list[str] | None:
    kept = memo.recall(key) if key else None
    if kept is None:
        return None
    written, produced = kept
    for path, data in written.items():
        snapshot.write(path, data)
    return list(produced)


def _remember(snapshot: Snapshot, key: str | None, produced: list[str], before: dict) -> None:
    """Keep every file the run wrote or changed in the tree (not only the outputs it names: a
    generated header may include a sibling the generator also made)."""
    if not key:
        return
    after = _tree_state(snapshot)
    changed = [p for p, state in after.items() if before.get(p) != state]
    if any(p not in after for p in produced):
        return                        # an output outside the tree (a mapped folder): not replayable
    if sum(after[p][0] for p in changed) > memo.ENTRY_BYTES:
        return                        # bounded memory: a generator that writes a lot runs again
    try:
        written = {p: snapshot.path_of(p).read_bytes() for p in changed}
    except OSError:
        return
    memo.keep(key, written, produced)


def python_command(argv: list[str]) -> list[str]:
    """Replace `{python}` with this interpreter (generators run under Python 3)."""
    return [sys.executable if a == "{python}" else a for a in argv]


__all__ = ["GeneratorSpec", "generator_inputs", "run_generators", "python_command"]
