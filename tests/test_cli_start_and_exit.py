"""A command's start and end, both paid by every `diff`: history questions' code is not
imported by `diff`, and the console script's way out (cli.run) gives the same statuses and
output as `main`, runs the exit handlers, and does not tear the interpreter down object by
object (os._exit)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from apicompat.example import create_example


@pytest.fixture(scope="module", params=["git", "hg"])
def demo(request, tmp_path_factory):
    path = tmp_path_factory.mktemp(request.param) / "libdemo"
    create_example(path, request.param)
    return path


def command(entry: str, *args, before: str = "", cache=None) -> subprocess.CompletedProcess:
    script = f"import sys\n{before}\nfrom apicompat.cli import {entry}\nsys.argv = ['apicompat'] + sys.argv[1:]\n{entry}()\n"
    env = {"PATH": "/usr/bin:/bin:" + str(__import__("pathlib").Path(sys.executable).parent),
           "PYTHONPATH": ":".join(sys.path)}
    if cache is not None:
        env["APICOMPAT_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, env=env)


@pytest.mark.parametrize("args", [
    ("diff", "v1.0", "v2.0", "-D", "DEMO_TOOLS"),         # findings: a status of their own
    ("diff", "v1.0", "v1.0"),                             # none: 0
    ("diff", "v1.0", "no-such-revision"),                 # bad input
    ("diff", "v1.0", "v2.0", "--format", "yaml"),         # usage error
])
def test_run_exits_as_main_does_with_the_same_output(demo, tmp_path, args):
    by_main = command("main", *args, "--repo", demo, cache=tmp_path / "a")
    by_run = command("run", *args, "--repo", demo, cache=tmp_path / "b")
    assert (by_run.returncode, by_run.stdout) == (by_main.returncode, by_main.stdout)
    assert "Traceback" not in by_run.stderr
    assert (by_run.returncode == 0) == (args[1] == args[2])


def test_a_long_report_is_written_whole_through_a_pipe(demo, tmp_path):
    proc = command("run", "diff", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--format", "json", cache=tmp_path)
    assert proc.returncode != 0 and not proc.stderr.strip(), proc.stderr
    assert json.loads(proc.stdout)["findings"]          # the whole document: it parses


def test_exit_handlers_still_run(tmp_path):
    mark = tmp_path / "handler-ran"
    before = f"import atexit, pathlib\natexit.register(lambda: pathlib.Path({str(mark)!r}).write_text('yes'))"
    proc = command("run", "--version", before=before)
    assert proc.returncode == 0 and "apicompat" in proc.stdout
    assert mark.read_text() == "yes"


def test_a_thread_still_running_takes_the_ordinary_way_out(tmp_path):
    """A non-daemon thread is waited for (os._exit would kill it mid-write)."""
    mark = tmp_path / "thread-done"
    before = ("import threading, time, pathlib\n"
              f"threading.Thread(target=lambda: (time.sleep(0.5), pathlib.Path({str(mark)!r}).write_text('done'))).start()")
    proc = command("run", "--version", before=before)
    assert proc.returncode == 0
    assert mark.read_text() == "done"


def test_run_leaves_without_finalizing_the_interpreter(tmp_path):
    """The point of run(): an object's finalizer at interpreter teardown never runs (nothing is
    freed one by one), while under main() it does."""
    mark = tmp_path / "finalized"
    before = (f"class Kept:\n    def __del__(self, open=open, mark={str(mark)!r}):\n"
              "        open(mark, 'w').write('freed')\nkept = Kept()")
    assert command("main", "--version", before=before).returncode == 0
    assert mark.exists()
    mark.unlink()
    assert command("run", "--version", before=before).returncode == 0
    assert not mark.exists()


def test_diff_does_not_import_the_history_questions():
    script = ("import sys\nimport apicompat.cli, apicompat.api\nfrom apicompat.history import cache\n"
              "print(sorted(m for m in sys.modules if m.startswith('apicompat.history.')))\n"
              "from apicompat.history import api_timeline, bisect_symbol, symbol_log, EVENTS\n"
              "print(api_timeline.__module__, bisect_symbol.__module__, symbol_log.__module__, len(EVENTS) > 0)\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    first, second = proc.stdout.splitlines()
    assert first == "['apicompat.history.cache']", proc.stderr
    assert second == "apicompat.history.timeline apicompat.history.bisect apicompat.history.log True"
