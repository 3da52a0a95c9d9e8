"""The cycle collector's policy for long runs (issue 14).

A walk keeps large, long-lived structures (parsed pieces, blobs, generator outputs) that hold
few reference cycles, and the collector's full passes over them were a fifth of an extraction.
So full passes are made a hundred times rarer (`tune`, once per command; forked workers inherit
it) and one is run after every tenth extraction (`now_and_then`): the cycles a revision
leaves behind (a model builder and its model, a Python 2 converter's trees) are freed within
ten revisions instead of piling up.  Measured on Xen 4.4->4.8, 200 revisions in one process:
default 52.6 s / 110 MB peak; rarer passes alone 48.4 s / 224 MB; both 48.2 s / 126 MB.
Over Xen's whole history at -j 2 (the worker peaks): one pass every 30 extractions 300 MB,
every 10 253 MB, every 5 253 MB, at the same speed; malloc_trim after it changed nothing.

Each pass then freezes what survived it (gc.freeze, only in a command that called `tune`):
the next pass looks at what ten revisions made, not again at every parsed piece and blob a
worker keeps (20 s of a whole Xen walk's worker time, under py-spy).  A frozen object still
goes when its last reference does (cache entries are evicted as before); only a cycle among
frozen objects would stay, and the walk's peak RSS did not move (253 MB, 11 s less CPU).
"""
from __future__ import annotations

import gc

EVERY = 10
_since = 0
_freeze = False


def tune() -> None:
    global _freeze
    gc.set_threshold(700, 10, 1000)
    _freeze = True


def now_and_then() -> None:
    """After an extraction: a full collection every EVERY calls."""
    global _since
    _since += 1
    if _since >= EVERY:
        _since = 0
        gc.collect()
        if _freeze:
            gc.freeze()
