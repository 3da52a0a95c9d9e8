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
  `keep` bytes, with a note of how much was cut;
* with `reap`, whatever the child leaves behind is killed when it ends, even
  a process that left its group with setsid().

On Linux the child is started by this thread's spawner (spawner.py), a small
process that forks instead of this big one and reaps every command; where it
cannot run, by subprocess here (and a reaper process for `reap`, reaper.py).
"""
from __future__ import annotations

import ctypes
import marshal
import os
import resource
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

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


class _Collected:
    """What was read of a pipe: all of it up to `limit`, or only its two ends (`keep`)."""

    def __init__(self, limit: int | None = None, keep: int | None = None):
        self.limit, self.keep = limit, keep
        self.head, self.tail, self.total, self.overflow = bytearray(), bytearray(), 0, False

    def add(self, chunk: bytes) -> bool:
        """Take a chunk; False once past the limit (`overflow`: stop reading)."""
        self.total += len(chunk)
        if self.keep is not None:
            room = self.keep - len(self.head)
            self.head += chunk[:max(room, 0)]
            self.tail = (self.tail + chunk[max(room, 0):])[-self.keep:]
        elif self.limit is not None and self.total > self.limit:
            self.overflow = True
            return False
        else:
            self.head += chunk
        return True

    def text(self) -> str:
        head = self.head.decode(errors="replace")
        cut = self.total - len(self.head) - len(self.tail)
        if self.keep is None or not self.tail:
            return head
        middle = f"\n[... {cut} bytes cut ...]\n" if cut > 0 else ""
        return head + middle + self.tail.decode(errors="replace")


class _Capture(threading.Thread):
    """Read a pipe to its end in a thread (see _Collected)."""

    def __init__(self, pipe, limit: int | None = None, keep: int | None = None, on_overflow=None):
        super().__init__(daemon=True)
        self.pipe, self.on_overflow, self.collected = pipe, on_overflow, _Collected(limit, keep)

    def run(self) -> None:
        try:
            while chunk := self.pipe.read1(65536):
                if not self.collected.add(chunk):
                    if self.on_overflow:
                        self.on_overflow()
                    break
        except (OSError, ValueError):
            pass


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass


def run_bounded(argv: list[str], *, timeout: float, cwd=None, env=None, memory: int | None = DEFAULT_MEMORY,
                stdout_limit: int | None = 512 * MiB, keep_stdout: bool = True,
                keep: int = DEFAULT_KEEP, jail=None, reap: bool = False) -> Outcome:
    """Run `argv` to completion within the bounds (see the module comment).

    OSError when it cannot start.

    >>> run_bounded(["cc", "-E", "x.h"], timeout=60).returncode
    0
    """
    try:
        spawner = _spawner()
        if spawner is not None:
            try:
                return _run_spawned(spawner, argv, timeout, cwd, env, memory, stdout_limit, keep_stdout, keep, jail)
            except SpawnerLost:
                _drop_spawner(for_good=True)        # and run it here instead
        if reap and REAPS:
            return _run_reaped(argv, timeout, cwd, env, memory, stdout_limit, keep_stdout, keep, jail)
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
                   on_overflow=lambda: _kill_group(proc.pid))
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
        _kill_group(proc.pid)
        raise
    finally:
        _kill_group(proc.pid)      # background children included
        proc.wait()
    for reader in (out, err):
        reader.join(5)
    for stream in (proc.stdout, proc.stderr):
        try:
            stream.close()
        except OSError:
            pass
    return _outcome(proc.returncode, timed_out, out.collected, err.collected)


def _outcome(returncode, timed_out: bool, out: _Collected, err: _Collected) -> Outcome:
    code = None if timed_out or out.overflow else returncode
    return Outcome(code, out.text(), err.text(), timed_out, out.overflow)


# -- through a reaper process (reaper.py), where there is no spawner --------------------------

REAPS = Path("/proc/self/task").is_dir()        # the reaper and the spawner need Linux /proc
REAPER_GRACE = 15          # the reaper keeps the time limit; ours is a backstop after it


def _run_reaped(argv, timeout, cwd, env, memory, stdout_limit, keep_stdout, keep, jail) -> Outcome:
    from . import reaper
    wrapped = [sys.executable, "-I", "-S", reaper.__file__, str(timeout), "--", *argv]
    outcome = _run(wrapped, timeout + REAPER_GRACE, cwd, env, memory, stdout_limit, keep_stdout, keep, jail)
    if outcome.returncode == reaper.TIMED_OUT:
        outcome.returncode, outcome.timed_out = None, True
    elif outcome.returncode == 127 and outcome.stderr.startswith(reaper.CANNOT_START):
        raise OSError(0, outcome.stderr[len(reaper.CANNOT_START):].strip())
    return outcome


# -- through the spawner (spawner.py) ----------------------------------------------------------

USE_SPAWNER = REAPS and hasattr(socket, "send_fds")
SPAWNER_GRACE = 30         # seconds the spawner may take to answer once the command is killed


class SpawnerLost(Exception):
    """The spawner died or stopped answering: the command runs here instead."""


class _Spawner:
    """This thread's end of a spawner process."""

    def __init__(self) -> None:
        from . import spawner
        self.owner = os.getpid()
        self.sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.proc = subprocess.Popen([sys.executable, "-I", "-S", spawner.__file__, str(os.getpid()),
                                          str(theirs.fileno())], pass_fds=[theirs.fileno()],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        finally:
            theirs.close()

    def _answer(self, timeout: float | None):
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(4096)
        except TimeoutError:
            return None
        except OSError as exc:
            raise SpawnerLost(str(exc)) from None
        if not data:
            raise SpawnerLost("the spawner ended")
        return marshal.loads(data)

    def start(self, request: dict, fds: list[int]) -> int:
        try:
            socket.send_fds(self.sock, [marshal.dumps(request)], fds)
        except OSError as exc:
            raise SpawnerLost(str(exc)) from None
        answer = self._answer(SPAWNER_GRACE)
        if answer is None:
            raise SpawnerLost("the spawner did not answer")
        if answer[0] == "failed":
            raise OSError(answer[1], answer[2])
        return answer[1]

    def answer(self) -> int:
        """The command's wait status, sent once it and all it left are gone."""
        answer = self._answer(SPAWNER_GRACE)
        if answer is None:
            raise SpawnerLost("the spawner did not answer")
        return answer[1]

    def close(self) -> None:
        self.sock.close()          # the spawner reads the end of its socket and exits
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


_local = threading.local()


def _spawner() -> _Spawner | None:
    """This thread's spawner, started on first use (None: there is none, run here)."""
    if not USE_SPAWNER or getattr(_local, "refused", False):
        return None
    current = getattr(_local, "spawner", None)
    if current is not None and current.owner != os.getpid():
        current = None               # inherited through fork: it belongs to the parent process
    if current is None:
        try:
            current = _local.spawner = _Spawner()
        except OSError:
            _local.refused = True
            return None
    return current


def _drop_spawner(for_good: bool = False) -> None:
    current = getattr(_local, "spawner", None)
    _local.spawner = None
    _local.refused = for_good
    if current is not None and current.owner == os.getpid():
        try:
            current.close()
        except OSError:
            pass


def _run_spawned(spawner: _Spawner, argv, timeout, cwd, env, memory, stdout_limit, keep_stdout, keep,
                 jail) -> Outcome:
    request = {"argv": [str(a) for a in argv], "cwd": None if cwd is None else str(cwd),
               "env": dict(os.environ if env is None else env), "memory": memory or 0,
               "jail": None if jail is None else jail.spec}
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    stdin = os.open(os.devnull, os.O_RDONLY)
    try:
        pid = spawner.start(request, [stdin, out_write, err_write])
    except BaseException:
        os.close(out_read)
        os.close(err_read)
        raise
    finally:
        for fd in (stdin, out_write, err_write):
            os.close(fd)
    try:
        status, timed_out, out, err = _follow(spawner, pid, out_read, err_read, timeout, stdout_limit,
                                              None if keep_stdout else keep, keep)
    except BaseException:            # interrupted or lost: the command must not outlive this
        _kill_group(pid)
        _drop_spawner()
        raise
    finally:
        os.close(out_read)
        os.close(err_read)
    return _outcome(os.waitstatus_to_exitcode(status), timed_out, out, err)


def _follow(spawner: _Spawner, pid: int, out_read: int, err_read: int, timeout: float, stdout_limit,
            stdout_keep, keep) -> tuple[int, bool, _Collected, _Collected]:
    """Read both pipes and wait for the spawner's answer in one poll loop (no threads: starting
    two per command cost a walk more than the commands' own start).  The time limit kills the
    command's group; the spawner answers once all of it is dead."""
    out, err = _Collected(stdout_limit, stdout_keep), _Collected(None, keep)
    collecting = {out_read: out, err_read: err}
    poller = select.poll()
    for fd in (out_read, err_read, spawner.sock.fileno()):
        poller.register(fd, select.POLLIN)
    status, timed_out = None, False
    deadline = time.monotonic() + timeout
    while status is None or collecting:
        left = deadline - time.monotonic()
        if left <= 0:
            if status is not None:         # exited, but a pipe stays open past the grace
                break
            if timed_out:
                raise SpawnerLost("the spawner did not answer after the time limit")
            timed_out = True
            _kill_group(pid)
            deadline = time.monotonic() + SPAWNER_GRACE
            continue
        for fd, _ in poller.poll(left * 1000):
            if fd in collecting:
                chunk = os.read(fd, 65536)
                if chunk and collecting[fd].add(chunk):
                    continue
                if chunk:                  # stdout past its limit: stop the command
                    _kill_group(pid)
                poller.unregister(fd)
                del collecting[fd]
            elif status is None:
                status = spawner.answer()
                poller.unregister(fd)
                # Everything it started is dead: what is left in the pipes comes at once.
                deadline = min(deadline, time.monotonic() + 5)
    return status, timed_out, out, err
