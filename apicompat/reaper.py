"""Run a command and, when it ends or its time is up, kill every process it left behind.

A process group is not enough for a generator: a child that calls setsid() leaves the group
and outlives the kill.  This small parent makes itself a child subreaper (Linux prctl), so
every orphan of the command, session or not, becomes its child; at the end it kills them
all, repeatedly, until none is left.

    python -m apicompat.reaper SECONDS -- argv...

Exit status: the command's, or 124 when its time was up (like coreutils' timeout).

It runs once per generator step, so it starts light: only built-in modules (the C `_signal`
instead of `signal`, which imports enum; fork and exec instead of `subprocess`).  That took
its start-up from about 43 ms to about 20 ms.
"""
from __future__ import annotations

import _signal
import ctypes
import os
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
                os.kill(pid, _signal.SIGKILL)
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
        ctypes.CDLL(None, use_errno=True).prctl(1, _signal.SIGKILL, 0, 0, 0)    # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _TimeUp(Exception):
    pass


def _time_up(*_) -> None:
    raise _TimeUp


def _start(argv: list[str]) -> int:
    """Fork and exec `argv` (it dies with this process); a child that cannot exec says why on
    stderr after CANNOT_START and exits 127, as a shell does."""
    pid = os.fork()
    if pid:
        return pid
    try:
        # As subprocess's restore_signals: Python ignores SIGPIPE and SIGXFSZ, and an ignored
        # signal stays ignored across exec.
        for number in (_signal.SIGTERM, _signal.SIGPIPE, _signal.SIGXFSZ):
            _signal.signal(number, _signal.SIG_DFL)
        _die_with_parent()
        os.closerange(3, 1 << 16)
        os.execvp(argv[0], argv)
    except OSError as exc:
        os.write(2, f"{CANNOT_START}{exc.strerror}\n".encode())
    finally:
        os._exit(127)


def main(argv: list[str]) -> int:
    seconds, rest = float(argv[0]), argv[argv.index("--") + 1:]
    become_subreaper()
    # A kill of this process (the caller's time limit, its group) takes the descendants along.
    _signal.signal(_signal.SIGTERM, lambda *_: (kill_descendants(), os._exit(TIMED_OUT)))
    pid = _start(rest)
    # The time limit as a timer signal around a blocking wait: Popen.wait(timeout) polls with
    # sleeps that grow to 50 ms, which had doubled the time of a short generator step.
    _signal.signal(_signal.SIGALRM, _time_up)
    _signal.setitimer(_signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        try:
            _, status = os.waitpid(pid, 0)
        finally:
            _signal.setitimer(_signal.ITIMER_REAL, 0)
        code = os.waitstatus_to_exitcode(status)
    except _TimeUp:                   # raised by the timer, in the wait or just after it
        code = TIMED_OUT
    kill_descendants()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
