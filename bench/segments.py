"""Cold history walk, with and without reuse (issue 14), in the same run.

    APICOMPAT_XEN_MIRROR=/path/to/xen python bench/segments.py [RANGE|all] [-j N]
    python bench/segments.py                       # the bundled example only

Runs `apicompat timeline RANGE --format json` twice, each with an empty model cache of its
own: once with every reuse turned off (the baseline: APICOMPAT_SEGMENTS=0, every revision
parsed whole; APICOMPAT_GENERATOR_REPLAY=0, every generator run; APICOMPAT_REUSE_READS=0,
every revision with new inputs extracted; APICOMPAT_SCRATCH=tmp, temporary trees on the
disk's temporary folder) and once as shipped.  Prints both times, the ratio, each run's peak
RSS (the largest of its processes), and checks that the two timelines are the same JSON (same
answers).  `all` walks the whole history.  Asserts nothing about time.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

XEN_RANGE = "RELEASE-4.1.0..RELEASE-4.2.0"
APICOMPAT = [sys.executable, "-c", "from apicompat.cli import run; run()"]


def run(args: list[str], reuse: bool, cache: Path) -> tuple[float, dict, int]:
    flag = "1" if reuse else "0"
    env = {**os.environ, "APICOMPAT_SEGMENTS": flag, "APICOMPAT_GENERATOR_REPLAY": flag,
           "APICOMPAT_REUSE_READS": flag, "APICOMPAT_CACHE_DIR": str(cache)}
    if not reuse:
        env["APICOMPAT_SCRATCH"] = "tmp"
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([*APICOMPAT, *args], env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)       # this run's own peak (it waits for its workers)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode(errors="replace")
    if code not in (0, 4, 8, 12):
        sys.exit(f"apicompat {' '.join(args)} failed ({code}):\n{stderr[-3000:]}")
    return seconds, json.loads(stdout), usage.ru_maxrss


def main() -> None:
    jobs = sys.argv[sys.argv.index("-j") + 1] if "-j" in sys.argv else "2"
    mirror = os.environ.get("APICOMPAT_XEN_MIRROR")
    with tempfile.TemporaryDirectory() as tmp:
        if mirror:
            rng = next((a for a in sys.argv[1:] if ".." in a or a == "all"), XEN_RANGE)
            args = ["timeline", *([] if rng == "all" else [rng]), "--repo", mirror, "--profile", "xen-libxl", "--trust", "-j", jobs,
                    "--format", "json"]
            label = f"xen {rng}"
        else:
            demo = Path(tmp) / "libdemo"
            subprocess.run([*APICOMPAT, "example", str(demo)], check=True, capture_output=True)
            args = ["timeline", "--repo", str(demo), "-j", jobs, "--format", "json"]
            label = "bundled example"
        whole_s, whole, whole_kb = run(args, False, Path(tmp) / "cache-whole")
        piece_s, piece, piece_kb = run(args, True, Path(tmp) / "cache-pieces")
    same = json.dumps(whole, sort_keys=True) == json.dumps(piece, sort_keys=True)
    print(f"{label}, cold timeline, -j {jobs}")
    print(f"  no reuse (baseline)     {whole_s:8.1f} s")
    print(f"  with reuse              {piece_s:8.1f} s   ratio {piece_s / whole_s:.2f}  "
          f"({whole_s / piece_s:.1f}x faster)")
    print(f"  peak RSS (one process)  {whole_kb // 1024} MB / {piece_kb // 1024} MB")
    print(f"  same timeline JSON: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
