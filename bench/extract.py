"""Where extraction time goes: read, generate, preprocess, parse, model, per revision.

    python bench/extract.py                      # the bundled example (libdemo), every tag
    python bench/extract.py --repeat 5
    APICOMPAT_XEN_MIRROR=~/mirrors/xen python bench/extract.py     # + a Xen release (trusted)
    APICOMPAT_XEN_MIRROR=... python bench/extract.py --xen-rev RELEASE-4.1.2

Prints seconds per stage (best of --repeat runs), each stage's share of the
total, and the total.  A benchmark reports; it never asserts a time.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from apicompat.example import DEFINES, TAGS, create_example
from apicompat.extract.config import ExtractConfig
from apicompat.extract.pipeline import extract_model
from apicompat.profiles import load_profile
from apicompat.vcs import open_repository

STAGES = ["read", "generate", "preprocess", "parse", "model"]


def time_revision(repo_path: str, rev: str, config_for, repeat: int) -> tuple[dict[str, float], int]:
    """Best-of-`repeat` seconds per stage (and the wall total) for one revision; and its declaration count."""
    best: dict[str, float] = {}
    count = 0
    with open_repository(repo_path) as repo:
        revision = repo.resolve(rev)
        config = config_for(repo, revision)
        for _ in range(repeat):
            timings: dict[str, float] = {}
            start = time.perf_counter()
            model = extract_model(repo, revision, config, timings)
            timings["total"] = time.perf_counter() - start
            count = sum(len(getattr(model, kind)) for kind in ("functions", "records", "enums", "typedefs",
                                                               "variables", "macros"))
            if not best or timings["total"] < best["total"]:
                best = timings
    return best, count


def print_row(label: str, timings: dict[str, float], count: int) -> None:
    total = timings["total"]
    cells = "  ".join(f"{timings.get(s, 0.0):7.3f}s {timings.get(s, 0.0) / total:4.0%}" for s in STAGES)
    other = total - sum(timings.get(s, 0.0) for s in STAGES)
    print(f"{label:22} {cells}  other {other:6.3f}s  total {total:7.3f}s  ({count} declarations, "
          f"{count / total:,.0f}/s)")


def header() -> None:
    print(f"{'revision':22} " + "  ".join(f"{s:>13}" for s in STAGES))


def bench_example(repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="apicompat-bench-") as tmp:
        repo = Path(tmp) / "libdemo"
        create_example(repo, "git")
        print(f"bundled example (libdemo, git), best of {repeat}:")
        header()
        for tag in TAGS:
            timings, count = time_revision(str(repo), tag, lambda r, rev: ExtractConfig(
                headers=["include/*.h"], defines=list(DEFINES)), repeat)
            print_row(tag, timings, count)


def bench_xen(mirror: str, revs: list[str], repeat: int) -> None:
    profile = load_profile("xen-libxl")

    def config_for(repo, revision):
        config = profile.config_at(repo, revision.id)
        config.trust = True            # the revision's own IDL generator runs: that is the point
        return config

    print(f"\nXen ({mirror}), profile xen-libxl, generators trusted, best of {repeat}:")
    header()
    for rev in revs:
        timings, count = time_revision(mirror, rev, config_for, repeat)
        print_row(rev, timings, count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per revision; the best is shown")
    parser.add_argument("--xen-rev", action="append", default=[],
                        help="Xen revision(s) to time (default: RELEASE-4.1.2 and RELEASE-4.22.0)")
    args = parser.parse_args(argv)
    bench_example(args.repeat)
    mirror = os.environ.get("APICOMPAT_XEN_MIRROR")
    if mirror:
        bench_xen(mirror, args.xen_rev or ["RELEASE-4.1.2", "RELEASE-4.22.0"], args.repeat)
    else:
        print("\n(set APICOMPAT_XEN_MIRROR to a xen-project/xen mirror to time a Xen release too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
