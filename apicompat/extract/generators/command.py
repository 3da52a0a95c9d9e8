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
from ...trust import is_inside
from ..config import GeneratorSpec
from ..snapshot import TREE, Snapshot
from .py2 import convert_python2
from .sandbox import inside_tree, run_step


def run_command_generator(snapshot: Snapshot, spec: GeneratorSpec) -> list[str]:
    """Run the step; returns the repository paths of the outputs."""
    from . import python_command
    tree = snapshot.root / TREE
    if not spec.command:
        raise GeneratorError(f"generator '{spec.name}' has no command")
    if spec.options.get("convert_python2"):
        convert_python2([tree / p for p in snapshot.inputs_for(spec.inputs)])
    cwd = inside_tree(tree, spec.cwd, "cwd", spec.name)
    renames = {inside_tree(tree, s, "rename", spec.name): inside_tree(tree, t, "rename", spec.name)
               for s, t in spec.options.get("rename", {}).items()}
    outputs = [inside_tree(tree, o, "output", spec.name) for o in spec.outputs]
    cwd.mkdir(parents=True, exist_ok=True)
    run_step(python_command(spec.command), cwd, spec.timeout, snapshot.label, spec.name)
    for source, target in renames.items():
        # Checked again after the run: the step may have made symlinks pointing out of the tree.
        if source.exists() and not source.is_symlink() and is_inside(source, tree) and is_inside(target, tree):
            target.parent.mkdir(parents=True, exist_ok=True)
            source.replace(target)
    missing = [o for o, path in zip(spec.outputs, outputs) if not path.is_file() or not is_inside(path, tree)]
    if missing:
        raise GeneratorError(f"generator '{spec.name}' at revision {snapshot.label} did not produce "
                             f"{', '.join(missing)}")
    return list(spec.outputs)
