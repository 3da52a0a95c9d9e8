"""Cold history walk, with and without reuse inside the walk (issue 14), in the same run.

    APICOMPAT_XEN_MIRROR=/path/to/xen python bench/segments.py [RANGE] [-j N]
    python bench/segments.py                       # the bundled example only

Runs `apicompat timeline RANGE --format json` twice, each with an empty model cache of its
own: once with APICOMPAT_SEGMENTS=0 and APICOMPAT_GENERATOR_REPLAY=0 (every revision parsed
whole, every generator run: the baseline) and once as shipped (pieces parsed before and
generator outputs for inputs seen before are reused).  Prints both times, the ratio and the peak RSS, and checks that the
two timelines are the same JSON (same answers).  Asserts nothing about time.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

XEN_RANGE = "RELEASE-4.1.0..RELEASE-4.2.0"
APICOMPAT = [sys.executable, "-c", "from apicompat.cli import main; main()"]


def run(args: list[str], segments: bool, cache: Path) -> tuple[float, dict, int]:
    flag = "1" if segments else "0"
    env = {**os.environ, "APICOMPAT_SEGMENTS": flag, "APICOMPAT_GENERATOR_REPLAY": flag,
           "APICOMPAT_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([*APICOMPAT, *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 4, 8, 12):
        sys.exit(f"apicompat {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, json.loads(proc.stdout), max(peak, before)


def main() -> None:
    jobs = sys.argv[sys.argv.index("-j") + 1] if "-j" in sys.argv else "2"
    mirror = os.environ.get("APICOMPAT_XEN_MIRROR")
    with tempfile.TemporaryDirectory() as tmp:
        if mirror:
            rng = next((a for a in sys.argv[1:] if ".." in a), XEN_RANGE)
            args = ["timeline", rng, "--repo", mirror, "--profile", "xen-libxl", "--trust", "-j", jobs,
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
    print(f"  peak RSS of a run       {whole_kb // 1024} MB / {piece_kb // 1024} MB (largest child so far)")
    print(f"  same timeline JSON: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
