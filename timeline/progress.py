"""A progress bar on stderr for corpora that take more than a couple of seconds."""

from __future__ import annotations

import sys
import time
from typing import Callable, Iterable, Iterator

DELAY = 2.0  # seconds of work before the bar shows


class _Bar:
    """When a bar shows: only on a terminal (a bar is noise in a log or a pipe), and only once the work has
    taken more than ``DELAY`` seconds. tqdm is imported only then: a short run does not pay for it."""

    def __init__(self, desc: str, unit: str):
        self.desc, self.unit = desc, unit
        self.start = time.monotonic()
        self.shown = None
        self.terminal = _terminal(sys.stderr)

    def update(self, done: int, total: int | None) -> None:
        finished = total is not None and done >= total
        if self.shown is None:
            if not self.terminal or finished or time.monotonic() - self.start <= DELAY:
                return
            from tqdm import tqdm

            self.shown = tqdm(total=total, initial=done, desc=self.desc, unit=self.unit, file=sys.stderr, leave=False)
        else:
            self.shown.update(done - self.shown.n)
        if finished:
            self.close()

    def close(self) -> None:
        if self.shown is not None:
            self.shown.close()


def progress(items: Iterable, total: int | None = None, desc: str = "articles") -> Iterator:
    """The items, with a progress bar on stderr while they are taken (``_Bar`` says when it shows)."""
    bar = _Bar(desc, " art")
    try:
        for done, item in enumerate(items, start=1):
            yield item
            bar.update(done, total)
    finally:
        bar.close()


def _terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        return False


def progress_callback(desc: str = "articles") -> Callable[[int, int], None]:
    """``on_progress(done, total)`` drawing the same bar as ``progress``, closed when done reaches total."""
    return _Bar(desc, "it").update
