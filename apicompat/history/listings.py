"""Which revisions of a range change the API's inputs, without asking git's path-limited log
again about commits it has answered for before (issue 14).

A new question over cached models spent most of its time in `git log --full-history
--name-only -- PATHS`, which diffs every commit of the range.  Whether a commit changes the
inputs is a property of the commit alone (its diff against its parent; a merge's, against
every parent or its first), so once a range has been listed, a later range needs only its
commits (`git rev-list`, which reads no trees: a tenth of the time) and the answers kept for
them in the history cache.  Commits not listed before are diffed alone (`git log --no-walk`),
or, when none of the range was, the range is listed by git as always; either way, kept.

Either way the revisions come in rev-list's order (`--date-order --reverse`), the order the
path-limited log gives too, so a question is answered the same from the cache or not.
Repositories that cannot list a range's commits cheaply (Mercurial here: one `hg log` gives
the files too) are asked as before.
"""
from __future__ import annotations

import dataclasses
import json

from ..vcs.base import Repository, Revision

VERSION = 1      # of what a listing holds


def revisions_touching(repo: Repository, cache, old: str, new: str, paths: list[str],
                       first_parent: bool, jobs: int = 1) -> list[Revision]:
    """repo.revisions_between(old, new, paths, first_parent), from the cache when it can answer;
    commits never listed are diffed by up to `jobs` git processes at once (listed())."""
    ids = repo.ids_between(old, new, first_parent) if cache is not None and paths else None
    if ids is None:
        return repo.revisions_between(old, new, paths, first_parent)
    spec = json.dumps([VERSION, sorted(paths), first_parent, repo.listing_mode(first_parent)])
    examined, touching = cache.get_listings(spec)
    unknown = [i for i in ids if i not in examined]
    by_id = {i: Revision(**{**touching[i], "parents": tuple(touching[i]["parents"])})
             for i in ids if i in touching}
    if unknown:
        whole = len(unknown) == len(ids)       # nothing of the range listed before: git lists it all
        revs = (repo.revisions_between(old, new, paths, first_parent) if whole and jobs < 2
                else _listed(repo, unknown, paths, first_parent, jobs))
        if not {r.id for r in revs} <= set(unknown):    # not the commits rev-list gave: git's answer as is
            return revs if whole else repo.revisions_between(old, new, paths, first_parent)
        cache.put_listing(spec, unknown, [dataclasses.asdict(r) for r in revs])
        by_id.update((r.id, r) for r in revs)
    return [by_id[i] for i in ids if i in by_id]


# Commits below which one git process diffs them all (a process costs more than it saves).
PARALLEL_FROM = 2000


def _listed(repo: Repository, ids: list[str], paths: list[str], first_parent: bool, jobs: int) -> list[Revision]:
    """repo.touching_among(ids, ...), by up to `jobs` git processes on consecutive shares of the
    commits (whether a commit changes the inputs is its own diff's answer).  A first full-history
    walk of Xen waited 5 s for one git to diff 50,000 commits while the workers had nothing to do;
    two take half that."""
    shares = min(jobs, max(1, len(ids) // PARALLEL_FROM))
    if shares < 2:
        return repo.touching_among(ids, paths, first_parent)
    from concurrent.futures import ThreadPoolExecutor
    size = -(-len(ids) // shares)
    with ThreadPoolExecutor(shares) as pool:          # each a git process: the threads only wait
        parts = pool.map(lambda i: repo.touching_among(ids[i:i + size], paths, first_parent),
                         range(0, len(ids), size))
        return [rev for part in parts for rev in part]
