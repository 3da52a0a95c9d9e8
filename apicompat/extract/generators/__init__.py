"""Generators: make the headers a revision's build would generate, before preprocessing.

A generator runs code from the analysed repository, so it runs only with the
user's permission (`--trust`, or `trust = true` in a profile the user wrote),
in a subprocess with a time limit, inside the revision's temporary tree.

Types: `command` (any command line; see command.py) and the built-in ones
registered in GENERATORS (e.g. `libxl-idl`).
"""
from __future__ import annotations

import sys
from typing import Callable

from ...errors import GeneratorError
from ...model import Problem
from ...progress import note
from ..config import ExtractConfig, GeneratorSpec
from ..snapshot import Snapshot


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
        note(f"running generator '{spec.name}' at revision {snapshot.label} (code from the repository, trusted)")
        try:
            snapshot.lay_out_inputs(spec.inputs)
            produced = run(snapshot, spec)
        except GeneratorError as exc:
            if config.strict:
                raise
            problems.append(Problem(", ".join(spec.outputs) or spec.name, None, str(exc)))
            continue
        snapshot.add_generated(produced)
    return problems


def python_command(argv: list[str]) -> list[str]:
    """Replace `{python}` with this interpreter (generators run under Python 3)."""
    return [sys.executable if a == "{python}" else a for a in argv]


__all__ = ["GeneratorSpec", "generator_inputs", "run_generators", "python_command"]
