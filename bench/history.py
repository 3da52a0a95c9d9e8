"""Benchmark the history commands against the naive loop, cold and warm.

    python bench/history.py                 # the bundled example only
    APICOMPAT_XEN_MIRROR=/path/to/xen python bench/history.py

For each question it times apicompat cold (an empty model cache) and warm
(the same cache again), and beside it, in the same process, the naive loop a
person would write: `git show` of every commit touching the API's inputs,
grepped for the name.  It prints the times and the ratios; it asserts
nothing about time (only that the answers are the expected ones).

With the Xen mirror (and the built-in `xen-libxl` profile):
  * timeline over RELEASE-4.1.0..RELEASE-4.2.0 (the naive loop greps for `libxl_`);
  * bisect libxl_waiter --event removed between faf7c3e08d (RELEASE-4.1.2's merge base
    with 62698cdaf3) and 62698cdaf3: expected 328eb1ab8a "libxl: New event generation API".
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from apicompat.history import api_timeline, bisect_symbol                      # noqa: E402
from apicompat.history.walk import input_paths, parse_range, walk_revisions     # noqa: E402
from apicompat.settings import Settings                                         # noqa: E402
from apicompat.vcs import open_repository                                       # noqa: E402
from apicompat.vcs.git import _pathspec                                         # noqa: E402

ROWS: list[tuple[str, float, float, float]] = []


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def naive_loop(repo_path: str, settings: Settings, range_text: str, word: str) -> tuple[int, float]:
    """`git show` of each commit touching the inputs, grepped for `word`: (commits mentioning it, seconds)."""
    with open_repository(repo_path) as repo:
        revs = walk_revisions(repo, settings, parse_range(repo, range_text))
    paths = [_pathspec(g) for g in input_paths(settings)]
    start = time.perf_counter()
    hits = 0
    for rev in revs:
        out = subprocess.run(["git", "-C", repo_path, "show", "--format=", rev.id, "--", *paths],
                             capture_output=True, text=True, errors="replace").stdout
        hits += any(word in line for line in out.splitlines() if line[:1] in "+-")
    return hits, time.perf_counter() - start


def cold_and_warm(name: str, question, naive_seconds: float) -> object:
    with tempfile.TemporaryDirectory(prefix="apicompat-bench-cache-") as cache_dir:
        cache = str(Path(cache_dir) / "history.sqlite3")
        cold_result, cold = timed(lambda: question(cache))
        warm_result, warm = timed(lambda: question(cache))
    ROWS.append((name, cold, warm, naive_seconds))
    print(f"  {name}: cold {cold:.2f} s ({getattr(cold_result, 'extracted', '?')} extracted), "
          f"warm {warm:.2f} s ({getattr(warm_result, 'extracted', '?')} extracted), naive loop {naive_seconds:.2f} s",
          flush=True)
    return warm_result


def bench_example() -> None:
    from apicompat.example import DEFINES, create_example
    print("bundled example (libdemo, git):", flush=True)
    with tempfile.TemporaryDirectory(prefix="apicompat-bench-") as tmp:
        repo = str(Path(tmp) / "libdemo")
        create_example(Path(repo), "git")
        settings = Settings(defines=list(DEFINES))
        _, naive = naive_loop(repo, settings, "", "demo_")
        cold_and_warm("timeline (whole history)", lambda c: api_timeline(repo, None, settings, cache=c), naive)
        _, naive = naive_loop(repo, settings, "", "demo_wait_for_disk")
        result = cold_and_warm("bisect demo_wait_for_disk --event removed",
                               lambda c: bisect_symbol(repo, "demo_wait_for_disk", "removed", None, None, settings,
                                                       cache=c), naive)
        assert result.found is not None and result.found.summary.startswith("libdemo 2.0"), result


def bench_xen(mirror: str) -> None:
    from apicompat.profiles import builtin_names, load_profile
    if "xen-libxl" not in builtin_names():
        print("Xen: skipped (no built-in xen-libxl profile)")
        return
    settings = Settings(profile=load_profile("xen-libxl"), trust=True)
    print(f"Xen mirror {mirror}:", flush=True)
    span = "RELEASE-4.1.0..RELEASE-4.2.0"
    _, naive = naive_loop(mirror, settings, span, "libxl_")
    result = cold_and_warm(f"timeline {span}", lambda c: api_timeline(mirror, span, settings, cache=c), naive)
    print(f"    {result.walked} revisions walked, {len(result.entries)} change the API, "
          f"{len(result.failed)} unreadable", flush=True)
    good, bad = "faf7c3e08d", "62698cdaf3"
    _, naive = naive_loop(mirror, settings, f"{good}..{bad}", "libxl_waiter")
    result = cold_and_warm(f"bisect libxl_waiter --event removed {good} {bad}",
                           lambda c: bisect_symbol(mirror, "libxl_waiter", "removed", good, bad, settings, cache=c),
                           naive)
    found = result.culprit
    print(f"    found {found.short if found else None}: {found.summary if found else result.reason}", flush=True)
    assert found is not None and found.id.startswith("328eb1ab8a"), "expected 328eb1ab8a"
    # The yardsticks: `git log -S` over the same range, and one extraction (of BAD).
    _, pickaxe = timed(lambda: subprocess.run(["git", "-C", mirror, "log", "--format=%H", "-S", "libxl_waiter",
                                               f"{good}..{bad}"], capture_output=True, check=True))
    one = bisect_extraction_seconds(mirror, bad, settings)
    cold, warm = ROWS[-1][1], ROWS[-1][2]
    print(f"    git log -S libxl_waiter {good}..{bad}: {pickaxe:.2f} s; one extraction: {one:.2f} s", flush=True)
    print(f"    cold / (log -S + 2 extractions) = {cold / (pickaxe + 2 * one):.2f} (target <= 1); "
          f"warm / log -S = {warm / pickaxe:.2f} (target <= 2)", flush=True)


def bisect_extraction_seconds(mirror: str, rev: str, settings: Settings) -> float:
    """One extraction of `rev` in this process (its pieces and generator outputs not yet seen)."""
    from apicompat.extract import segments
    from apicompat.extract.generators.memo import _OUTPUTS
    from apicompat.extract.pipeline import extract_model
    segments.CACHE = segments.SegmentCache()
    _OUTPUTS.clear()
    with open_repository(mirror) as repo:
        revision = repo.resolve(rev)
        config = settings.config_at(repo, revision.id)
        _, seconds = timed(lambda: extract_model(repo, revision, config))
    return seconds


def main() -> None:
    bench_example()
    mirror = os.environ.get("APICOMPAT_XEN_MIRROR")
    if mirror:
        bench_xen(mirror)
    else:
        print("Xen: skipped (set APICOMPAT_XEN_MIRROR to a Xen git mirror)")
    print()
    print(f"{'question':58} {'cold':>8} {'warm':>8} {'naive':>8} {'cold/naive':>11} {'warm/naive':>11}")
    for name, cold, warm, naive in ROWS:
        print(f"{name[:58]:58} {cold:8.2f} {warm:8.2f} {naive:8.2f} {cold / naive:11.2f} {warm / naive:11.2f}")


if __name__ == "__main__":
    main()
