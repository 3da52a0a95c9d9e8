"""Progress notes for a person watching: silent unless the CLI sets a sink (stderr on a terminal)."""
from __future__ import annotations

from typing import Callable

_sink: Callable[[str], None] | None = None


def set_sink(sink: Callable[[str], None] | None) -> None:
    global _sink
    _sink = sink


def note(message: str) -> None:
    if _sink is not None:
        _sink(message)


_warning_sink: Callable[[str], None] | None = None
_warned: set[str] = set()


def set_warning_sink(sink: Callable[[str], None] | None) -> None:
    global _warning_sink
    _warning_sink = sink
    _warned.clear()


def warning(message: str) -> None:
    """Something the user should know even when no one watches (always on stderr), once per run."""
    if _warning_sink is not None and message not in _warned:
        _warned.add(message)
        _warning_sink(message)
