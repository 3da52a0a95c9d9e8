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
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                found += [int(c) for c in listing.read().split()]
        except OSError:
            pass
    return found


def kill_descendants() -> None:
    """SIGKILL every descendant until none is left: each orphan is reparented here as its parent
    dies, so look again at once (a poll every 10 ms, not a long wait a survivor could use)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        pids = children(os.getpid())
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        while True:                       # reap the dead, so they leave the list
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                break
        time.sleep(0.01)


def _die_with_parent() -> None:
    """The command gets SIGKILL when this process dies (a kill -9 of apicompat reaches it)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)    # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _TimeUp(Exception):
    pass


def _time_up(*_) -> None:
    raise _TimeUp


def main(argv: list[str]) -> int:
    seconds, rest = float(argv[0]), argv[argv.index("--") + 1:]
    become_subreaper()
    # A kill of this process (the caller's time limit, its group) takes the descendants along.
    signal.signal(signal.SIGTERM, lambda *_: (kill_descendants(), os._exit(TIMED_OUT)))
    try:
        proc = subprocess.Popen(rest, preexec_fn=_die_with_parent)
    except OSError as exc:
        print(f"{CANNOT_START}{exc.strerror}", file=sys.stderr)
        return 127
    # The time limit as a timer signal around a blocking wait: Popen.wait(timeout) polls with
    # sleeps that grow to 50 ms, which had doubled the time of a short generator step.
    signal.signal(signal.SIGALRM, _time_up)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        try:
            code = proc.wait()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _TimeUp:                   # raised by the timer, in the wait or just after it
        code = TIMED_OUT
    kill_descendants()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
