"""A filesystem view for the compiler with nothing of the host in it (Linux namespaces).

Text checks find `#include "/etc/passwd"` and `__has_include` probes however they are spelled,
short of the preprocessor's own tricks (token pasting builds `__has_include` at expansion
time).  The sure answer is to run the compiler where the host's files do not exist: a private
mount namespace whose root holds only the system's programs and libraries (/usr, /lib...), the
revision's snapshot, our fake libc and the folders the user named.  There `/home/me/.netrc` is
not unreadable (which a probe could tell from absent) but absent, like any file that is not.

Unprivileged users get the namespace through a user namespace (as bubblewrap does, with no
setuid helper).  Where the kernel refuses, `available()` is False and the text checks
(extract/confine.py) stand alone; `apicompat --version`-level diagnostics say which.
"""
from __future__ import annotations

import ctypes
import functools
import os
import sys

# subprocess and scratch (tempfile) are imported where used: the spawner (spawner.py) imports
# this module for _enter alone, once per process, and starts lighter without them.

CLONE_NEWNS, CLONE_NEWUSER = 0x00020000, 0x10000000
MS_RDONLY, MS_NOSUID, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 32, 4096, 16384, 1 << 18
# What a compiler needs to run: its programs and shared libraries, the loader's cache, the
# alternatives links Debian's `cc` goes through, and /dev/null.
# What stays visible to a probe is therefore the system's installed software (/usr), never a
# user's or the machine's configuration and data (/home, /root, /etc, /var, /tmp).
SYSTEM = ("/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/etc/alternatives",
          "/etc/ld.so.cache", "/dev/null", "/dev/zero", "/dev/urandom")


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _enter(root: str, binds: list[tuple[str, bool]], cwd: str, uid: int, gid: int) -> None:
    """In the child: a new mount namespace whose root is `root` (an empty folder) holding `binds`
    (path, writable) at their own paths, then chroot there."""
    libc = _libc()
    if uid == 0:
        _check(libc.unshare(CLONE_NEWNS), "unshare")
    else:
        _check(libc.unshare(CLONE_NEWNS | CLONE_NEWUSER), "unshare")
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as out:
                out.write(text)
    _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
    _check(libc.mount(b"tmpfs", root.encode(), b"tmpfs", MS_NOSUID, b"size=8m,mode=755"), "mount tmpfs")
    for path, writable in binds:
        target = root + path
        if os.path.islink(path) and not writable:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.symlink(os.readlink(path), target)       # /lib -> usr/lib (merged /usr)
            continue
        if os.path.isdir(path):
            os.makedirs(target, exist_ok=True)
        elif os.path.exists(path):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            open(target, "a").close()
        else:
            continue
        _check(libc.mount(path.encode(), target.encode(), None, MS_BIND | MS_REC, None), f"bind {path}")
        if not writable:       # best effort: a bind of a locked mount may not be remounted read-only
            libc.mount(None, target.encode(), None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_REC, None)
    os.makedirs(root + "/tmp", exist_ok=True)
    _check(libc.chroot(root.encode()), "chroot")
    os.chdir(cwd)


def preexec(allowed_writable: list[str], allowed_readable: list[str], cwd: str):
    """A preexec_fn that puts the child in the jail (see module comment); None when unavailable
    or turned off (APICOMPAT_JAIL=0: a compiler wrapper of yours that needs your home, ccache)."""
    if os.environ.get("APICOMPAT_JAIL") == "0" or not available():
        return None
    from .scratch import make_scratch
    root = make_scratch("apicompat-jail-")
    binds = [(p, False) for p in SYSTEM] + [(os.path.realpath(p), False) for p in allowed_readable] \
        + [(os.path.realpath(p), True) for p in allowed_writable]
    uid, gid = os.getuid(), os.getgid()

    def enter() -> None:
        try:
            _enter(root, binds, os.path.realpath(cwd), uid, gid)
        except OSError as exc:
            os.write(2, f"apicompat: cannot enter the compiler's jail: {exc}\n".encode())
            os._exit(126)
    enter.root = root
    # The same, as data for a spawner (spawner.py) that forks and enters it itself.
    enter.spec = (root, binds, os.path.realpath(cwd), uid, gid)
    return enter


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """Whether this machine lets us build the jail (tried once, on `true`)."""
    if not sys.platform.startswith("linux") or os.environ.get("APICOMPAT_JAIL") == "0":
        return False
    import subprocess
    from .scratch import make_scratch
    root = make_scratch("apicompat-jail-")
    try:
        uid, gid = os.getuid(), os.getgid()
        proc = subprocess.run(["true"], preexec_fn=lambda: _enter(root, [(p, False) for p in SYSTEM], "/", uid, gid),
                              capture_output=True, timeout=30)
        return proc.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        os.rmdir(root)
