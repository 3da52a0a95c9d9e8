"""Progress of a history walk on a terminal: one click progress bar per phase, on stderr.

Only for a person watching (stderr is a TTY); elsewhere nothing is drawn.
While a bar is shown, per-revision notes (apicompat.progress) are silenced
so they do not break it.
"""
from __future__ import annotations

import sys

import click


class TerminalProgress:
    """A `progress(phase, done, total)` callback drawing click progress bars."""

    def __init__(self, file=None):
        self.file = file or sys.stderr
        self.bar = None
        self.phase = ""
        self.done = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.bar is None or phase != self.phase or total != self.bar.length:
            self.finish()
            self.bar = click.progressbar(length=total, label=phase, file=self.file, show_pos=True, show_eta=True)
            self.bar.__enter__()
            self.phase, self.done = phase, 0
        if done > self.done:
            self.bar.update(done - self.done)
            self.done = done

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def terminal_progress() -> TerminalProgress | None:
    """A progress callback if stderr is a terminal, else None; silences progress notes."""
    if not sys.stderr.isatty():
        return None
    from ..progress import set_sink
    set_sink(None)
    return TerminalProgress()
