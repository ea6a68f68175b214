"""The folders the dashboard may open: the corpus it was started on and those its owner adds.

Whoever starts the dashboard chooses what it may read: the corpus given at start (``TIMELINE_CORPUS``) and
the folders named in ``TIMELINE_ROOTS`` (separated like ``PATH``: ``:`` on Linux). A path typed in the
sidebar or given in a link (``?corpus=``) is opened only when it lies inside one of them once its symbolic
links and ``..`` are resolved. Any other path is refused with one message, whether it exists or not, so that
a visitor learns nothing of the rest of the server's disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

ROOTS_VARIABLE = "TIMELINE_ROOTS"


@dataclass(frozen=True)
class Opened:
    """A path asked for: the real path to read, or why there is none."""

    path: Path | None = None
    problem: str = ""


def _real(path: str | Path) -> Path:
    return Path(os.path.realpath(Path(path).expanduser()))


class FolderRoots:
    """The folders (or single files) that may be opened, and everything under them."""

    def __init__(self, roots: Iterable[str | Path]):
        self.roots: tuple[Path, ...] = tuple(dict.fromkeys(_real(r) for r in roots if str(r).strip()))

    @classmethod
    def from_environment(cls, corpus: str | Path, environ: Mapping[str, str] = os.environ) -> FolderRoots:
        """The corpus opened at start, and the folders of ``TIMELINE_ROOTS``."""
        return cls([corpus, *environ.get(ROOTS_VARIABLE, "").split(os.pathsep)])

    def allows(self, path: Path) -> bool:
        """Whether the real path ``path`` is one of the roots or lies under one."""
        return any(path == root or path.is_relative_to(root) for root in self.roots)

    def holds(self, path: str | Path) -> bool:
        """Whether ``path``, its links and ``..`` resolved, lies under a root (a file to write, for one)."""
        return self.allows(_real(path))

    def open(self, typed: str) -> Opened:
        """The path a user typed (absolute, ``~``, or relative to the folder the dashboard runs in), if it may
        be opened and is there; else what to say."""
        try:
            path = _real(typed)
        except (OSError, ValueError, RuntimeError):  # a null byte, a loop of links
            return Opened(problem=self.refusal(typed))
        if not self.allows(path):
            return Opened(problem=self.refusal(typed))
        if not path.exists():
            return Opened(problem=f"No such folder or file: {typed}")
        return Opened(path)

    def refusal(self, typed: str) -> str:
        """The one answer to every path outside the roots, there or not."""
        where = "; ".join(str(r) for r in self.roots)
        return (
            f"This dashboard does not open {typed}: it opens only what is under {where}. "
            f"Whoever starts it can allow more folders ({ROOTS_VARIABLE})."
        )
