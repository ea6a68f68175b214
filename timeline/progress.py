"""A progress bar on stderr for corpora that take more than a couple of seconds."""
from __future__ import annotations

import sys
from typing import Iterable, Iterator


def progress(items: Iterable, total: int | None = None, desc: str = "articles") -> Iterator:
    """A progress bar on stderr that shows only when the work takes more than a couple of seconds."""
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        yield from items
        return
    yield from tqdm(items, total=total, desc=desc, unit=" art", delay=2, file=sys.stderr, leave=False)
