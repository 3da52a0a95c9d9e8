"""History questions answered from the API model: which revision changed a symbol, when
an event happened to it, and how the API changed over a range.

    symbol_log     every revision in a range where a symbol's declaration changed (log.py)
    bisect_symbol  the first revision where it was removed / added / changed / renamed (bisect.py)
    api_timeline   per revision: counts of breaking / abi / compatible changes (timeline.py)

They share a walk over the revisions that touch the API's inputs (walk.py),
a comparison of each with its parent (steps.py) and a content-keyed cache of
models and comparisons (cache.py).
"""
from importlib import import_module

# `bisect` exits with this when the event never happens in the range.
EXIT_NOT_FOUND = 16

# Loaded at first use: `diff` reads the model cache (history/cache.py) and would otherwise
# import every history question's code at start-up.
_HOME = {"EVENTS": "bisect", "BisectResult": "bisect", "bisect_symbol": "bisect",
         "LogResult": "log", "symbol_log": "log",
         "TimelineResult": "timeline", "api_timeline": "timeline", "write_timeline_html": "timeline"}


def __getattr__(name: str):
    if name in _HOME:
        value = getattr(import_module(f".{_HOME[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["EVENTS", "EXIT_NOT_FOUND", "BisectResult", "LogResult", "TimelineResult", "api_timeline",
           "bisect_symbol", "symbol_log", "write_timeline_html"]
