"""Commands started through the spawner (apicompat/spawner.py) keep every bound run_bounded
promises (apicompat/bounded.py), and so do those started here when there is no spawner."""
from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from apicompat import bounded, jail
from helpers import kill_pids, pids_with

pytestmark = pytest.mark.skipif(not bounded.USE_SPAWNER, reason="the spawner needs Linux /proc and send_fds")


@pytest.fixture(params=["spawner", "here"])
def way(request, monkeypatch):
    """Each test runs through a spawner and, with none, through subprocess in this process."""
    bounded._drop_spawner()
    monkeypatch.setattr(bounded, "USE_SPAWNER", request.param == "spawner")
    yield request.param
    bounded._drop_spawner()


def test_output_status_and_streams(way):
    done = bounded.run_bounded(["sh", "-c", "echo out; echo err >&2; exit 3"], timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (3, "out\n", "err\n")


def test_the_spawner_not_this_process_starts_the_command(way):
    done = bounded.run_bounded([sys.executable, "-c", "import os; print(os.getppid())"], timeout=30)
    started_here = int(done.stdout) == os.getpid()
    assert started_here == (way == "here")


def test_cannot_start_is_oserror(way, tmp_path):
    with pytest.raises(OSError) as missing:
        bounded.run_bounded([str(tmp_path / "no-such-program")], timeout=30)
    assert missing.value.errno == 2
    with pytest.raises(OSError):
        bounded.run_bounded(["true"], timeout=30, cwd=tmp_path / "no-such-folder")


def test_time_limit(way):
    start = time.monotonic()
    done = bounded.run_bounded(["sleep", "30"], timeout=0.5)
    assert done.timed_out and done.returncode is None
    assert time.monotonic() - start < 15


def test_stdout_limit(way):
    done = bounded.run_bounded(["sh", "-c", "yes | head -c 50000000"], timeout=30, stdout_limit=100_000)
    assert done.overflow and done.returncode is None


def test_memory_limit(way):
    done = bounded.run_bounded([sys.executable, "-c", "b = bytearray(400 * 2**20)"], timeout=30,
                               memory=200 * 2**20)
    assert done.returncode != 0 and "MemoryError" in done.stderr


@pytest.mark.parametrize("ending", ["exits", "times out"])
def test_reap_kills_what_left_the_process_group(way, ending):
    """With reap, a setsid() child of the command dies with it (by the spawner, or else the
    reaper process); without, the process-group kill misses it."""
    token = f"spawned{uuid.uuid4().hex}"
    escape = f"setsid {sys.executable} -c 'import time; time.sleep(30)' {token} </dev/null >/dev/null 2>&1 &"
    tail = "true" if ending == "exits" else "sleep 30"
    try:
        done = bounded.run_bounded(["sh", "-c", f"{escape} {tail}"], timeout=2, reap=True)
        assert done.timed_out == (ending == "times out")
        time.sleep(0.5)
        assert not pids_with(token), "a setsid() child outlived the command"
    finally:
        kill_pids(pids_with(token))


def test_jail_through_the_spawner(way, tmp_path):
    if not jail.available():
        pytest.skip("this kernel refuses the user namespaces the jail needs; tested where it does not")
    (tmp_path / "a.c").write_text("#include <stddef.h>\nsize_t n;\n")
    inside = bounded.run_bounded(["cc", "-E", "a.c"], timeout=60, cwd=tmp_path,
                                 jail=jail.preexec([], [str(tmp_path)], str(tmp_path)))
    assert inside.returncode == 0 and "size_t n;" in inside.stdout
    host = bounded.run_bounded(["cat", "/etc/hostname"], timeout=60, cwd=tmp_path,
                               jail=jail.preexec([], [str(tmp_path)], str(tmp_path)))
    assert host.returncode != 0 and "No such file" in host.stderr


def test_a_lost_spawner_is_replaced_by_running_here():
    bounded._drop_spawner()
    try:
        first = bounded.run_bounded([sys.executable, "-c", "import os; print(os.getppid())"], timeout=30)
        spawner_pid = int(first.stdout)
        assert spawner_pid != os.getpid()
        os.kill(spawner_pid, signal.SIGKILL)
        time.sleep(0.2)
        again = bounded.run_bounded(["sh", "-c", "echo again"], timeout=30)
        assert again.stdout == "again\n" and again.returncode == 0
    finally:
        bounded._drop_spawner()


def _ppid_of_a_command(_=None) -> int:
    return int(bounded.run_bounded([sys.executable, "-c", "import os; print(os.getppid())"], timeout=30).stdout)


def test_a_forked_process_starts_its_own_spawner():
    """A spawner belongs to the process that started it: a worker forked after it starts its own."""
    bounded._drop_spawner()
    try:
        ours = _ppid_of_a_command()
        with multiprocessing.get_context("fork").Pool(1) as pool:
            theirs = pool.apply(_ppid_of_a_command)
        assert theirs not in (ours, os.getpid())
        assert _ppid_of_a_command() == ours          # ours is still the one it was
    finally:
        bounded._drop_spawner()


def test_the_spawner_and_its_command_die_with_their_caller(tmp_path):
    """kill -9 of the process that started the spawner takes the spawner and the command along."""
    token = f"spawned{uuid.uuid4().hex}"
    caller = subprocess.Popen([sys.executable, "-c", (
        "import sys; sys.path.insert(0, %r)\n"
        "from apicompat import bounded\n"
        "bounded.run_bounded(['sh', '-c', 'sleep 60', %r], timeout=120)\n") % (str(Path(bounded.__file__).parents[1]), token)])
    try:
        deadline = time.monotonic() + 30
        while len(pids_with(token)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(pids_with(token)) == 2, "the command never started"     # the caller and it
        from apicompat import spawner
        marker = f"{spawner.__file__} {caller.pid} "
        assert pids_with(marker), "the command was not started by a spawner"
        caller.kill()
        caller.wait()
        time.sleep(1)
        assert not pids_with(token), "the command outlived its caller"
        assert not pids_with(marker), "the spawner outlived its caller"
    finally:
        kill_pids(pids_with(token))


def test_the_spawner_starts_light():
    """Each process that runs a command starts a spawner: no `socket` (enum, selectors),
    `subprocess` or `tempfile` at its start; `warnings` is there before any jail is entered."""
    from apicompat import spawner
    done = subprocess.run([sys.executable, "-I", "-S", "-X", "importtime", spawner.__file__, "1", "99"],
                          capture_output=True, text=True, timeout=60)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert {"apicompat.jail", "apicompat.reaper", "warnings"} <= imported, sorted(imported)
    assert not imported & {"socket", "subprocess", "tempfile", "enum", "site"}, sorted(imported)
