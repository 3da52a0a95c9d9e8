"""History questions answered from the API model: which revision changed a symbol, when
an event happened to it, and how the API changed over a range.

    symbol_log     every revision in a range where a symbol's declaration changed (log.py)
    bisect_symbol  the first revision where it was removed / added / changed / renamed (bisect.py)
    api_timeline   per revision: counts of breaking / abi / compatible changes (timeline.py)

They share a walk over the revisions that touch the API's inputs (walk.py),
a comparison of each with its parent (steps.py) and a content-keyed cache of
models and comparisons (cache.py).
"""
from .bisect import EVENTS, BisectResult, bisect_symbol
from .log import LogResult, symbol_log
from .timeline import TimelineResult, api_timeline, write_timeline_html

# `bisect` exits with this when the event never happens in the range.
EXIT_NOT_FOUND = 16

__all__ = ["EVENTS", "EXIT_NOT_FOUND", "BisectResult", "LogResult", "TimelineResult", "api_timeline",
           "bisect_symbol", "symbol_log", "write_timeline_html"]
