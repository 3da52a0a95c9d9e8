#!/usr/bin/env python3
"""Migrate on a real consumer: errors against NEW before and after `apicompat migrate`, the errors
left accounted for on the checklist, and the time spatch takes beside the rest of the run.

The consumer's code is read from the library's own mirror at run time (`git archive`), never
stored here.  Environment:
  BENCH_MIRROR          the library's git directory                                   [required]
  BENCH_OLD, BENCH_NEW  the two revisions                                             [required]
  BENCH_CONSUMER_PATHS  repository paths of the consumer at BENCH_OLD, space-separated  [required]
  BENCH_HEADERS         header globs, space-separated (default include/**/*.h)
  BENCH_DROP            consumer files to leave out (globs relative to the paths), space-separated
  APICOMPAT             how to run apicompat (default: apicompat)

Example (libgit2's examples written for 0.21, ported to 1.0):
  BENCH_MIRROR=/work/.mirror/libgit2+libgit2/repo BENCH_OLD=v0.21.0 BENCH_NEW=v1.0.0 \\
    BENCH_CONSUMER_PATHS=examples python3 bench/migrate.py
"""
from __future__ import annotations

import io
import os
import re
import shlex
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path


def main() -> None:
    env = os.environ
    mirror, old, new = env["BENCH_MIRROR"], env["BENCH_OLD"], env["BENCH_NEW"]
    paths = env["BENCH_CONSUMER_PATHS"].split()
    headers = [a for g in env.get("BENCH_HEADERS", "include/**/*.h").split() for a in ("--header", g)]
    apicompat = shlex.split(env.get("APICOMPAT", "apicompat"))
    with tempfile.TemporaryDirectory(prefix="bench-migrate-") as tmp:
        src = Path(tmp) / "src"
        archive = subprocess.run(["git", "--git-dir", mirror, "archive", old, *paths], check=True,
                                 capture_output=True).stdout
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(src)
        for glob in env.get("BENCH_DROP", "").split():
            for p in src.glob(glob):
                p.unlink()
        consumer = [str(src / p) for p in paths]
        common = ["--repo", mirror, *headers, *[a for c in consumer for a in ("--consumer", c)]]
        start = time.perf_counter()
        impact = subprocess.run([*apicompat, "impact", old, new, *common, "--check", "--format", "json"],
                                capture_output=True, text=True)
        impact_time = time.perf_counter() - start
        before = re.search(r'"new_errors": (\d+)', impact.stdout)
        start = time.perf_counter()
        migrate = subprocess.run([*apicompat, "migrate", old, new, *common, "--check"], capture_output=True, text=True)
        migrate_time = time.perf_counter() - start
        after = re.search(r"after the patch, (\d+) error", migrate.stderr)
        hunks = migrate.stdout.count("\n@@ ")
        mapped = migrate.stderr.count("<- checklist")
        unmapped = migrate.stderr.count("<- not on the checklist")
        print(f"consumer {' '.join(paths)} @ {old}; library {old} -> {new}")
        print(f"errors against NEW: before {before.group(1) if before else '?'}, after the patch "
              f"{after.group(1) if after else '?'}; {hunks} hunk(s)")
        print(f"errors left: {mapped} explained by the checklist, {unmapped} not")
        print(f"time: migrate --check {migrate_time:.1f} s = {migrate_time / impact_time:.2f}x impact --check "
              f"({impact_time:.1f} s); the difference is spatch and the patched compile")
        for line in migrate.stderr.splitlines():
            if "not on the checklist" in line:
                print("  " + line.strip())


if __name__ == "__main__":
    sys.exit(main())
