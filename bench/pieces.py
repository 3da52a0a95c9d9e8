"""Parsing a piece (and a declaration) at a time gives the models a whole parse gives, on real
history; and what it saves (issue 14).

    APICOMPAT_XEN_MIRROR=/path/to/xen python bench/pieces.py [RANGE] [--limit N]
    python bench/pieces.py                       # the bundled example only

For each revision of RANGE that changes the profile's inputs (in order, up to --limit), the
model is extracted twice in this process: whole (APICOMPAT_SEGMENTS=0's way) and a piece at a
time with the cache the earlier revisions filled, as a walk's worker does.  Prints the parse
stage's seconds both ways, their ratio, the cache's hits, and stops with exit 1 at the first
revision whose two models differ.  A benchmark reports; the only thing it asserts is equality.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from apicompat.example import DEFINES, create_example
from apicompat.extract import pipeline, segments
from apicompat.extract.config import ExtractConfig
from apicompat.extract.pipeline import extract_model
from apicompat.history.cache import input_globs
from apicompat.profiles import load_profile
from apicompat.vcs import open_repository

XEN_RANGE = "RELEASE-4.2.0..RELEASE-4.3.0"


def compare(repo_path: str, old: str, new: str, config_for, limit: int) -> int:
    whole_parse = piece_parse = 0.0
    with open_repository(repo_path) as repo:
        first, last = repo.resolve(old), repo.resolve(new)
        paths = input_globs(config_for(repo, last))
        revisions = [first] + repo.revisions_between(first.id, last.id, paths)[:limit]
        for n, rev in enumerate(revisions, 1):
            config = config_for(repo, rev)
            pipeline.SEGMENTED = False
            timings: dict[str, float] = {}
            whole = extract_model(repo, rev, config, timings).to_dict()
            whole_parse += timings.get("parse", 0.0)
            pipeline.SEGMENTED = True
            timings = {}
            pieces = extract_model(repo, rev, config, timings).to_dict()
            piece_parse += timings.get("parse", 0.0)
            if pieces != whole:
                print(f"{rev.short}: the model parsed a piece at a time DIFFERS from the whole parse")
                return 1
            print(f"\r{n}/{len(revisions)} {rev.short}: same model", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    cache = segments.CACHE
    print(f"{len(revisions)} revisions, every model the same both ways")
    print(f"parse stage: whole {whole_parse:.2f} s, a piece at a time {piece_parse:.2f} s, "
          f"ratio {piece_parse / whole_parse:.2f}; pieces reused {cache.hits}, parsed {cache.misses}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("range", nargs="?", default=XEN_RANGE)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    mirror = os.environ.get("APICOMPAT_XEN_MIRROR")
    if not mirror:
        with tempfile.TemporaryDirectory(prefix="apicompat-bench-") as tmp:
            create_example(Path(tmp) / "libdemo", "git")
            print("bundled example (libdemo, git):")
            return compare(str(Path(tmp) / "libdemo"), "v1.0", "v2.0", lambda repo, rev: ExtractConfig(
                headers=["include/*.h"], defines=list(DEFINES)), args.limit)
    profile = load_profile("xen-libxl")

    def config_for(repo, rev):
        config = profile.config_at(repo, rev.id)
        config.trust = True
        return config

    old, new = args.range.split("..")
    print(f"Xen ({mirror}) {args.range}, profile xen-libxl, generators trusted:")
    return compare(mirror, old, new, config_for, args.limit)


if __name__ == "__main__":
    sys.exit(main())
