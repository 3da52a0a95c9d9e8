"""Start the commands of a big process from a small one.

Every command apicompat runs on repository content (the preprocessor, the compiler, generator
steps) needs work done between fork and exec: a new session, resource limits, death with the
process that started it, the compiler's jail (jail.py).  Python does that only through
`preexec_fn`, which makes subprocess fork the whole caller instead of vfork: a history worker
holding a hundred megabytes copies its page tables for every compiler run.  And a generator
step went through a reaper process of its own (reaper.py), one more Python start each time.

So a process that runs commands starts one spawner, a small Python process, once (bounded.py
does, per thread).  For each command it receives the argv, the bounds and the three standard
streams (file descriptors over a Unix socket), forks itself -- cheap: it is small -- and the
child sets itself up and execs.  The spawner is a child subreaper (reaper.py): when the
command ends it kills whatever the command left behind, setsid() or not, and only then
answers with the exit status.  The caller keeps reading the output and keeps the time limit:
when time is up it kills the command's process group, as before.

    python -I -S spawner.py CALLER_PID SOCKET_FD

Each request is a marshal'ed dict {argv, cwd, env, memory, jail} with the fds (stdin, stdout,
stderr); the answers are ("started", pid) or ("failed", errno, message), then ("exited",
wait status) once the command and everything it left are gone.  It runs no repository content
itself; it exits when its caller closes the socket or dies.
"""
from __future__ import annotations

import _signal
import _socket
import array
import marshal
import os
import resource
import sys
# os.execvpe imports warnings when it runs: in the jail, where this Python's own library may not
# exist (a Python under /opt or a home folder), so it is imported here first.
import warnings  # noqa: F401

if __name__ == "__main__":      # run from its file, isolated: the package is found beside it
    sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Imported once here, not in each forked child.
from apicompat import reaper  # noqa: E402
from apicompat.jail import _enter  # noqa: E402

MAX_REQUEST = 1 << 20


def _child(request: dict, fds: list[int], report: int) -> None:
    """In the forked child: become the command (never returns unless exec failed)."""
    os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    os.closerange(3, report)
    os.closerange(report + 1, 1 << 16)
    # Python ignores SIGPIPE and SIGXFSZ, the spawner SIGINT; an ignored signal stays ignored
    # across exec.
    for number in (_signal.SIGPIPE, _signal.SIGXFSZ, _signal.SIGINT, _signal.SIGTERM):
        _signal.signal(number, _signal.SIG_DFL)
    reaper._die_with_parent()                           # with the spawner, that is
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if request.get("memory"):
        try:
            resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
        except (ValueError, OSError):
            pass
    if request.get("jail"):
        root, binds, cwd, uid, gid = request["jail"]
        try:
            _enter(root, [tuple(b) for b in binds], cwd, uid, gid)
        except OSError as exc:             # as jail.preexec says it: on the command's stderr
            os.write(2, f"apicompat: cannot enter the compiler's jail: {exc}\n".encode())
            os._exit(126)
    elif request.get("cwd"):
        os.chdir(request["cwd"])
    argv, env = request["argv"], request.get("env")
    if env is None:
        os.execvp(argv[0], argv)
    os.execvpe(argv[0], argv, env)


def _start(request: dict, fds: list[int]) -> tuple:
    """Fork the command; ("started", pid) or ("failed", errno, message)."""
    read_end, write_end = os.pipe2(os.O_CLOEXEC)      # closed by a successful exec
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            _child(request, fds, write_end)
        except OSError as exc:
            os.write(write_end, marshal.dumps((exc.errno or 0, exc.strerror or str(exc))))
        except BaseException as exc:       # noqa: BLE001 - a child must never return into the loop
            os.write(write_end, marshal.dumps((0, repr(exc))))
        finally:
            os._exit(127)
    os.close(write_end)
    failure = b""
    while chunk := os.read(read_end, 4096):
        failure += chunk
    os.close(read_end)
    if failure:
        os.waitpid(pid, 0)
        errno, message = marshal.loads(failure)
        return ("failed", errno, message)
    return ("started", pid)


def _receive(sock: _socket.socket) -> tuple[bytes, list[int]]:
    """A request and the file descriptors sent with it (socket.recv_fds, without importing
    `socket`: it imports enum and selectors, a third of this process's start)."""
    fds = array.array("i")
    data, ancillary, _, _ = sock.recvmsg(MAX_REQUEST, _socket.CMSG_LEN(3 * fds.itemsize))
    for level, kind, payload in ancillary:
        if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
            fds.frombytes(payload[:len(payload) - len(payload) % fds.itemsize])
    return data, list(fds)


def serve(sock: _socket.socket) -> None:
    while True:
        try:
            data, fds = _receive(sock)
        except OSError:
            return
        if not data:                      # the caller closed the socket: done
            return
        try:
            answer = _start(marshal.loads(data), fds)
        finally:
            for fd in fds:
                os.close(fd)
        try:
            sock.sendall(marshal.dumps(answer))
            if answer[0] == "started":
                _, status = os.waitpid(answer[1], 0)
                reaper.kill_descendants()
                sock.sendall(marshal.dumps(("exited", status)))
        except OSError:                   # the caller gave up on us (interrupted): done
            return


def main(argv: list[str]) -> int:
    reaper.become_subreaper()
    reaper._die_with_parent()
    if os.getppid() != int(argv[0]):      # the caller died before the line above
        return 0
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)   # Ctrl-C is the caller's to handle
    serve(_socket.socket(fileno=int(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
