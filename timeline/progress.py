"""A progress bar on stderr for corpora that take more than a couple of seconds."""

from __future__ import annotations

import sys
import time
from typing import Callable, Iterable, Iterator

DELAY = 2.0  # seconds of work before the bar shows


def progress(items: Iterable, total: int | None = None, desc: str = "articles") -> Iterator:
    """A progress bar on stderr that shows only when the work takes more than a couple of seconds, and only
    on a terminal (a bar is noise in a log or a pipe). tqdm is imported only then: a short run does not pay
    for it."""
    if not _terminal(sys.stderr):
        yield from items
        return
    rest = iter(items)
    start, done = time.monotonic(), 0
    for item in rest:
        yield item
        done += 1
        if time.monotonic() - start > DELAY:
            break
    else:
        return
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        yield from rest
        return
    yield from tqdm(rest, total=total, initial=done, desc=desc, unit=" art", file=sys.stderr, leave=False)


def _terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        return False


def progress_callback(desc: str = "articles") -> Callable[[int, int], None]:
    """``on_progress(done, total)`` drawing the same bar as ``progress``: on a terminal, after a couple of
    seconds, closed when done reaches total."""
    start = time.monotonic()
    state: dict = {}

    def report(done: int, total: int) -> None:
        if not _terminal(sys.stderr):
            return
        bar = state.get("bar")
        if bar is None:
            if time.monotonic() - start <= DELAY or done >= total:
                return
            from tqdm import tqdm

            bar = state["bar"] = tqdm(total=total, desc=desc, file=sys.stderr, leave=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return report
