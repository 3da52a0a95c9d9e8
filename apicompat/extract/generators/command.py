"""The `command` generator: run a command line in the revision's temporary tree.

    [generator.types]
    type = "command"
    inputs = ["src/*.py", "src/types.idl"]        # files the step reads
    cwd = "src"
    command = ["{python}", "gen.py", "types.idl", "types_gen.h"]
    outputs = ["src/types_gen.h"]                  # must exist afterwards
    convert_python2 = true                         # fissix the .py inputs first
    rename = { "src/__x.h" = "src/_x.h" }          # like the Makefile's mv
    timeout = 60
"""
from __future__ import annotations

from ...errors import GeneratorError
from ..config import GeneratorSpec
from ..snapshot import TREE, Snapshot
from .py2 import convert_python2
from .sandbox import run_step


def run_command_generator(snapshot: Snapshot, spec: GeneratorSpec) -> list[str]:
    """Run the step; returns the repository paths of the outputs."""
    from . import python_command
    tree = snapshot.root / TREE
    if not spec.command:
        raise GeneratorError(f"generator '{spec.name}' has no command")
    if spec.options.get("convert_python2"):
        convert_python2([tree / p for p in snapshot.inputs_for(spec.inputs)])
    cwd = tree / spec.cwd
    cwd.mkdir(parents=True, exist_ok=True)
    run_step(python_command(spec.command), cwd, spec.timeout, snapshot.label, spec.name)
    for source, target in spec.options.get("rename", {}).items():
        if (tree / source).exists():
            (tree / target).parent.mkdir(parents=True, exist_ok=True)
            (tree / source).replace(tree / target)
    missing = [o for o in spec.outputs if not (tree / o).exists()]
    if missing:
        raise GeneratorError(f"generator '{spec.name}' at revision {snapshot.label} did not produce "
                             f"{', '.join(missing)}")
    return list(spec.outputs)
