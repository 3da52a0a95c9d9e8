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
