"""Run a generator's process: in the temporary tree, with a time limit, output captured."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ...errors import GeneratorError


def run_step(argv: list[str], cwd: Path, timeout: float, label: str, name: str) -> str:
    """Run `argv` in `cwd`; GeneratorError (with the tail of its output) on failure or time-out."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, errors="replace",
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise GeneratorError(f"generator '{name}' at revision {label} did not finish within "
                             f"{timeout:g} s (time limit; raise it with timeout = N in the profile)") from None
    except OSError as exc:
        raise GeneratorError(f"generator '{name}' at revision {label} could not start "
                             f"{argv[0]}: {exc.strerror}") from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-6:])
        raise GeneratorError(f"generator '{name}' at revision {label} failed "
                             f"(exit {proc.returncode}):\n    " + tail.replace("\n", "\n    "))
    return proc.stdout
