"""Run a child process with bounds: its own process group, a time limit, a memory limit, capped output.

Everything apicompat runs on repository content (the preprocessor, the
compiler, generators) goes through `run_bounded`, because that content is
untrusted: a macro bomb, a generator printing forever or leaving a daemon
behind must cost a bounded amount of time, memory and report space.

* the child starts a new session (its own process group); when it exits, or
  the time limit passes, the whole group is killed, so background children
  neither outlive it nor keep its pipes open;
* RLIMIT_AS caps its memory, RLIMIT_CORE forbids core dumps, and on Linux
  the child dies with the process that started it (PR_SET_PDEATHSIG);
* stdout is kept in full up to `stdout_limit` bytes (past that the child is
  killed and `overflow` is set); stderr keeps only its first and last
  `keep` bytes, with a note of how much was cut.
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass

MiB = 1024 * 1024
MEMORY_LIMIT_MB = int(os.environ.get("APICOMPAT_MEMORY_LIMIT_MB", "768"))
DEFAULT_MEMORY = MEMORY_LIMIT_MB * MiB
DEFAULT_KEEP = 8 * 1024        # bytes of stderr kept at each end
# Where every diagnostic matters (the compiler judging apicompat's own witness units): keep
# this much at each end instead; the unit's size bounds it.
DIAGNOSTICS = 16 * MiB


@dataclass
class Outcome:
    returncode: int | None       # None: killed at the time limit or for too much output
    stdout: str
    stderr: str
    timed_out: bool = False
    overflow: bool = False       # stdout passed its limit

    @property
    def out_of_memory(self) -> bool:
        """The child failed for want of memory (its limit, see MEMORY_LIMIT_MB)."""
        text = self.stderr.lower()
        return self.returncode not in (0, None) and ("out of memory" in text or "memory exhausted" in text
                                                     or "cannot allocate memory" in text)


def die_with_parent() -> None:
    """Linux: this process gets SIGKILL when the one that started it dies (no orphans)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)      # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _limits(memory: int | None, then=None):
    def apply() -> None:
        die_with_parent()
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory:
            try:
                resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            except (ValueError, OSError):
                pass
        if then is not None:
            then()
    return apply


class _Capture(threading.Thread):
    """Read a pipe to its end: all of it up to `limit`, or only its two ends (`keep`)."""

    def __init__(self, pipe, limit: int | None = None, keep: int | None = None, on_overflow=None):
        super().__init__(daemon=True)
        self.pipe, self.limit, self.keep, self.on_overflow = pipe, limit, keep, on_overflow
        self.head, self.tail, self.total, self.overflow = bytearray(), bytearray(), 0, False

    def run(self) -> None:
        try:
            while True:
                chunk = self.pipe.read1(65536) if hasattr(self.pipe, "read1") else self.pipe.read(65536)
                if not chunk:
                    break
                self.total += len(chunk)
                if self.keep is not None:
                    room = self.keep - len(self.head)
                    self.head += chunk[:max(room, 0)]
                    self.tail = (self.tail + chunk[max(room, 0):])[-self.keep:]
                elif self.limit is not None and self.total > self.limit:
                    self.overflow = True
                    if self.on_overflow:
                        self.on_overflow()
                    break
                else:
                    self.head += chunk
        except (OSError, ValueError):
            pass

    def text(self) -> str:
        head = self.head.decode(errors="replace")
        cut = self.total - len(self.head) - len(self.tail)
        if self.keep is None or not self.tail:
            return head
        middle = f"\n[... {cut} bytes cut ...]\n" if cut > 0 else ""
        return head + middle + self.tail.decode(errors="replace")


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass


def run_bounded(argv: list[str], *, timeout: float, cwd=None, env=None, memory: int | None = DEFAULT_MEMORY,
                stdout_limit: int | None = 512 * MiB, keep_stdout: bool = True,
                keep: int = DEFAULT_KEEP, jail=None) -> Outcome:
    """Run `argv` to completion within the bounds (see the module comment).

    OSError when it cannot start.

    >>> run_bounded(["cc", "-E", "x.h"], timeout=60).returncode
    0
    """
    try:
        return _run(argv, timeout, cwd, env, memory, stdout_limit, keep_stdout, keep, jail)
    finally:
        if jail is not None:          # the jail's root was a mount point only inside the child
            try:
                os.rmdir(jail.root)
            except OSError:
                pass


def _run(argv, timeout, cwd, env, memory, stdout_limit, keep_stdout, keep, jail) -> Outcome:
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, preexec_fn=_limits(memory, jail))
    out = _Capture(proc.stdout, limit=stdout_limit, keep=None if keep_stdout else keep,
                   on_overflow=lambda: _kill_group(proc))
    err = _Capture(proc.stderr, keep=keep)
    out.start()
    err.start()
    timed_out = False
    try:
        # Waited for in a thread: Popen.wait(timeout) polls with sleeps that grow to 50 ms, which
        # came to a tenth of a history walk's reads (each runs the compiler a few times).
        waiter = threading.Thread(target=proc.wait, daemon=True)
        waiter.start()
        waiter.join(timeout)
        timed_out = waiter.is_alive()
    except BaseException:          # interrupted: take the whole group down with us
        _kill_group(proc)
        raise
    finally:
        _kill_group(proc)          # background children included
        proc.wait()
    for reader in (out, err):
        reader.join(5)
    for stream in (proc.stdout, proc.stderr):
        try:
            stream.close()
        except OSError:
            pass
    code = None if timed_out or out.overflow else proc.returncode
    return Outcome(code, out.text(), err.text(), timed_out, out.overflow)
