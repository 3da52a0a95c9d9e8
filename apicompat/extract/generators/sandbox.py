"""Run a generator's process: in the temporary tree, bounded (apicompat.bounded), output capped."""
from __future__ import annotations

import os
from pathlib import Path

from ...bounded import MiB, run_bounded
from ...errors import GeneratorError
from ...trust import is_inside

# What a generator may print on stdout (a header it writes there); stderr keeps its two ends.
STDOUT_LIMIT = 64 * MiB


def run_step(argv: list[str], cwd: Path, timeout: float, label: str, name: str) -> str:
    """Run `argv` in `cwd`; GeneratorError (with the ends of its output) on failure or time-out."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        # reap: a child that leaves the process group with setsid() is still killed at the end.
        outcome = run_bounded(argv, cwd=cwd, env=env, timeout=timeout, stdout_limit=STDOUT_LIMIT, reap=True)
    except OSError as exc:
        raise GeneratorError(f"generator '{name}' at revision {label} could not start "
                             f"{argv[0]}: {exc.strerror}") from None
    if outcome.timed_out:
        raise GeneratorError(f"generator '{name}' at revision {label} did not finish within "
                             f"{timeout:g} s (time limit; raise it with timeout = N in the profile)")
    if outcome.overflow:
        raise GeneratorError(f"generator '{name}' at revision {label} printed more than "
                             f"{STDOUT_LIMIT // MiB} MiB and was stopped")
    if outcome.returncode != 0:
        tail = (outcome.stderr or outcome.stdout[-4096:]).strip()
        raise GeneratorError(f"generator '{name}' at revision {label} failed "
                             f"(exit {outcome.returncode}):\n    " + tail.replace("\n", "\n    "))
    return outcome.stdout


def inside_tree(tree: Path, relative: str, what: str, name: str) -> Path:
    """`tree / relative`, refused (GeneratorError) when it resolves outside the temporary tree."""
    target = tree / relative
    if Path(relative).is_absolute() or not is_inside(target, tree):
        raise GeneratorError(f"generator '{name}': {what} '{relative}' is outside the revision's "
                             "temporary tree; refused")
    return target
