"""Run a command and, when it ends or its time is up, kill every process it left behind.

A process group is not enough for a generator: a child that calls setsid() leaves the group
and outlives the kill.  This small parent makes itself a child subreaper (Linux prctl), so
every orphan of the command, session or not, becomes its child; at the end it kills them
all, repeatedly, until none is left.

    python -m apicompat.reaper SECONDS -- argv...

Exit status: the command's, or 124 when its time was up (like coreutils' timeout).
"""
from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
TIMED_OUT = 124
CANNOT_START = "apicompat-reaper: cannot start: "


def become_subreaper() -> bool:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def children(pid: int) -> list[int]:
    """The live children of `pid` (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(c) for c in task.read_text().split()]
        except OSError:
            pass
    return found


def kill_descendants() -> None:
    """SIGKILL every descendant, reaping them, until none is left (orphans keep arriving)."""
    for _ in range(100):
        pids = children(os.getpid())
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            try:
                if os.waitpid(-1, os.WNOHANG) == (0, 0):
                    time.sleep(0.01)
            except ChildProcessError:
                break


def main(argv: list[str]) -> int:
    seconds, rest = float(argv[0]), argv[argv.index("--") + 1:]
    become_subreaper()
    # A kill of this process (the caller's time limit, its group) takes the descendants along.
    signal.signal(signal.SIGTERM, lambda *_: (kill_descendants(), os._exit(TIMED_OUT)))
    try:
        proc = subprocess.Popen(rest)
    except OSError as exc:
        print(f"{CANNOT_START}{exc.strerror}", file=sys.stderr)
        return 127
    try:
        code = proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        code = TIMED_OUT
    kill_descendants()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
