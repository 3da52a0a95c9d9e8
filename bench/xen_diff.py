"""`apicompat diff` of two Xen releases end to end, and ABI Compliance Checker on the same headers.

    APICOMPAT_XEN_MIRROR=~/mirrors/xen python bench/xen_diff.py
    APICOMPAT_XEN_MIRROR=~/mirrors/xen python bench/xen_diff.py RELEASE-4.1.2 RELEASE-4.2.0

1. Times `apicompat diff OLD NEW --profile xen-libxl --trust` as a user runs it
   (a fresh process: start-up, both extractions with the IDL generators, the
   classification, the compiler's judgement and the text report), first with an
   empty model cache of its own, then once more with what the first run cached.
2. If `abi-compliance-checker` is installed (Debian: abi-compliance-checker),
   prepares both revisions' headers exactly as apicompat reads them (the same
   snapshot, generated headers, include path and defines), runs it headers-only
   on them in the same run, and prints the time ratio and both problem counts.

A benchmark reports; it never asserts a time.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from apicompat.extract.generators import run_generators
from apicompat.extract.snapshot import Snapshot
from apicompat.profiles import load_profile
from apicompat.vcs import open_repository

ACC = "abi-compliance-checker"


def time_apicompat(mirror: str, old: str, new: str, cache: Path) -> tuple[float, dict]:
    """Wall seconds of the text diff in a new process with the model cache in `cache`, and the
    JSON report's numbers (a second run, after it)."""
    base = [sys.executable, "-c", "from apicompat.cli import run; run()", "diff", old, new,
            "--repo", mirror, "--profile", "xen-libxl", "--trust"]
    env = {**os.environ, "APICOMPAT_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    text = subprocess.run(base, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if text.returncode not in (0, 4, 12):
        raise SystemExit(f"apicompat diff failed (exit {text.returncode}):\n{text.stderr}")
    report = json.loads(subprocess.run(base + ["--format", "json"], capture_output=True, text=True,
                                       env=env).stdout)
    return seconds, report


def prepare(mirror: str, rev: str, dest: Path) -> Path:
    """Write `rev`'s headers as apicompat reads them (generators run) and an ACC descriptor; returns it."""
    profile = load_profile("xen-libxl")
    with open_repository(mirror) as repo:
        revision = repo.resolve(rev)
        config = profile.config_at(repo, revision.id)
        config.trust = True
        with Snapshot(repo, revision.id, config, label=revision.short) as snap:
            problems = run_generators(snap, config)
            if problems:
                raise SystemExit(f"{rev}: {problems[0].message}")
            shutil.copytree(snap.root, dest)
            headers = [str(dest / "tree" / h) for h in snap.tu_headers()]
            includes = [arg.replace(str(snap.root), str(dest)) for arg in snap.include_args]
            first = snap.include_name(snap.top_headers()[0])
    descriptor = dest.with_suffix(".xml")
    descriptor.write_text("\n".join([
        f"<version>{rev}</version>",
        "<headers>", *headers, "</headers>",
        # The generated headers compile only after libxl.h, as for apicompat (top_level).
        "<include_preamble>", first, "</include_preamble>",
        "<include_paths>", *includes, "</include_paths>",
        "<gcc_options>", *(f"-D{d}" for d in config.defines), "</gcc_options>", ""]))
    return descriptor


def time_acc(old_xml: Path, new_xml: Path, old: str, new: str, work: Path) -> tuple[float, dict[str, int], str]:
    argv = [ACC, "-lib", "libxl", "-headers-only", "-old", str(old_xml), "-new", str(new_xml),
            "-v1", old, "-v2", new, "-report-path", str(work / "acc-report.html")]
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=work)
    seconds = time.perf_counter() - start
    counts = {}
    for kind in ("binary", "source"):
        match = re.search(rf"Total {kind} compatibility problems: (\d+), warnings: (\d+)", proc.stdout)
        if match:
            counts[f"{kind} problems"], counts[f"{kind} warnings"] = int(match[1]), int(match[2])
    return seconds, counts, proc.stdout + proc.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", nargs="?", default="RELEASE-4.17.0")
    parser.add_argument("new", nargs="?", default="RELEASE-4.22.0")
    args = parser.parse_args(argv)
    mirror = os.environ.get("APICOMPAT_XEN_MIRROR")
    if not mirror:
        print("set APICOMPAT_XEN_MIRROR to a git clone or mirror of xen-project/xen to run this benchmark")
        return 0

    with tempfile.TemporaryDirectory(prefix="apicompat-cache-") as cache:
        seconds, report = time_apicompat(mirror, args.old, args.new, Path(cache))        # cold: empty cache
        again, _ = time_apicompat(mirror, args.old, args.new, Path(cache))
    counts = report["counts"]
    print(f"apicompat diff {args.old} {args.new} --profile xen-libxl --trust")
    print(f"  {seconds:.2f} s end to end, first run (empty model cache); {again:.2f} s run again; "
          f"{report['verdict']}")
    print(f"  findings: breaking {counts['breaking']}, abi {counts['abi']}, compatible {counts['compatible']}, "
          f"info {counts['info']}; unreadable headers (problems): {len(report['problems'])}")

    if shutil.which(ACC) is None:
        print(f"\n{ACC} is not installed (Debian package abi-compliance-checker): no comparison")
        return 0
    with tempfile.TemporaryDirectory(prefix="apicompat-acc-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        old_xml, new_xml = (prepare(mirror, rev, work / name) for rev, name in ((args.old, "old"), (args.new, "new")))
        prepare_seconds = time.perf_counter() - start
        acc_seconds, acc_counts, output = time_acc(old_xml, new_xml, args.old, args.new, work)
    if not acc_counts:
        print(f"\n{ACC} produced no verdict:\n{output[-2000:]}")
        return 0
    print(f"\n{ACC} -headers-only on the same prepared headers")
    print(f"  {acc_seconds:.2f} s (+ {prepare_seconds:.2f} s to prepare both header trees, generators included)")
    print("  " + ", ".join(f"{k} {v}" for k, v in acc_counts.items()))
    print(f"\nratio: apicompat / {ACC} = {seconds / acc_seconds:.2f} first run, {again / acc_seconds:.2f} again "
          f"(apicompat / ({ACC} + preparation) = {seconds / (acc_seconds + prepare_seconds):.2f})")
    print(f"problems: apicompat breaking {counts['breaking']} + abi {counts['abi']} = "
          f"{counts['breaking'] + counts['abi']}; {ACC} source {acc_counts.get('source problems')}, "
          f"binary {acc_counts.get('binary problems')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
