"""The reaper (apicompat/reaper.py) run as generator steps run it: its exit statuses, and the
command starting as it would from a shell (no signal left ignored by Python)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import apicompat.reaper as reaper

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="the reaper is used only on Linux (/proc)")


def reap(seconds: float, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-I", "-S", reaper.__file__, str(seconds), "--", *argv],
                          capture_output=True, text=True, timeout=60)


def test_exit_status_and_output_are_the_commands():
    done = reap(10, sys.executable, "-c", "import sys; print('out'); sys.exit(3)")
    assert (done.returncode, done.stdout) == (3, "out\n")


def test_a_command_that_cannot_start_says_why_with_127():
    done = reap(10, "/nonexistent/generator")
    assert done.returncode == 127
    assert done.stderr.startswith(reaper.CANNOT_START) and "No such file" in done.stderr


def test_time_up_is_124():
    done = reap(0.5, "sleep", "20")
    assert done.returncode == reaper.TIMED_OUT


def test_the_command_gets_default_signal_dispositions():
    """Python ignores SIGPIPE at start-up and an ignored signal stays ignored across exec: a
    generator writing into a closed pipe would then see EPIPE errors instead of ending."""
    done = reap(10, "sh", "-c", "grep SigIgn /proc/self/status")
    assert int(done.stdout.split()[1], 16) == 0, done.stdout


def test_the_reaper_starts_light():
    """Its start-up is paid by every generator step: no `subprocess`, `signal` (enum) or site."""
    done = subprocess.run([sys.executable, "-I", "-S", "-X", "importtime", reaper.__file__, "5", "--", "true"],
                          capture_output=True, text=True, timeout=60)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "ctypes" in imported, done.stderr             # the probe sees the reaper's imports
    assert not imported & {"subprocess", "signal", "enum", "site"}, sorted(imported)
