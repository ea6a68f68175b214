"""Reading input files within bounds, and keeping outputs off the inputs.

Only regular files are read: a named pipe, a device or a socket is refused from its ``stat`` alone, never
opened for a read that could block or run forever (and the file opened is checked again, in case it was
swapped meanwhile); a symbolic link loop is named. No read takes more than the size limit plus one byte:
``TIMELINE_MAX_FILE_MB`` (20 MB by default), or ``size_limit`` for a run (the command line's
``--max-file-size``).
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

ENV_MAX_MB = "TIMELINE_MAX_FILE_MB"
DEFAULT_MAX_MB = 20.0
MB = 1_000_000

_run_limit_mb: float | None = None  # set by ``size_limit``; wins over the environment
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class Refused(Exception):
    """A file that is not read: not a regular file, a symbolic link loop, or larger than the limit. ``message``
    says it is skipped (for an input among others), ``reason`` only why."""

    def __init__(self, reason: str, hint: str = ""):
        self.reason = reason + (f" ({hint})" if hint else "")
        self.message = f"{reason}; skipped" + (f" ({hint})" if hint else "")
        super().__init__(self.message)


def megabytes(text: str | float) -> float:
    """A size limit in megabytes, from an option or the environment; ValueError unless a positive number."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise ValueError(f"not a number of megabytes: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise ValueError(f"not a positive number of megabytes: {text!r}")
    return value


def max_file_bytes() -> int:
    """The size limit in bytes: the run's (``size_limit``), else ``TIMELINE_MAX_FILE_MB``, else 20 MB.
    Raises ValueError naming the variable when it holds no positive number."""
    mb = _run_limit_mb
    if mb is None:
        given = os.environ.get(ENV_MAX_MB, "").strip()
        try:
            mb = megabytes(given) if given else DEFAULT_MAX_MB
        except ValueError as err:
            raise ValueError(f"{ENV_MAX_MB}: {err}") from None
    return int(mb * MB)


@contextmanager
def size_limit(mb: float | None) -> Iterator[None]:
    """Within the block, files up to ``mb`` megabytes are read (None: the environment's or default limit)."""
    global _run_limit_mb
    before, _run_limit_mb = _run_limit_mb, mb
    try:
        yield
    finally:
        _run_limit_mb = before


def read_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path``; Refused when it is none or is larger than ``limit`` bytes
    (default ``max_file_bytes()``), OSError when it cannot be read."""
    limit = max_file_bytes() if limit is None else limit
    with open_regular(path, limit) as stream:
        size = os.fstat(stream.fileno()).st_size  # a read allocates what it asks for: ask for what is there
        data = stream.read(size + 1)
        if len(data) > size:  # it grew after the size was checked
            data += stream.read(limit + 1 - len(data))
    if len(data) > limit:
        raise _too_large(limit)
    return data


def open_regular(path: str | Path, limit: int | None = None) -> BinaryIO:
    """``path`` opened for reading in binary, once it is known to be a regular file no larger than ``limit``."""
    limit = max_file_bytes() if limit is None else limit
    try:
        _check(os.stat(path), limit)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise Refused("symbolic link loop") from None
        raise
    fd = os.open(path, _OPEN_FLAGS)  # not blocking: a file swapped for a pipe meanwhile opens at once
    try:
        _check(os.fstat(fd), limit)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def bounded_lines(stream: BinaryIO, limit: int | None = None) -> Iterator[bytes]:
    """The lines of ``stream``, reading no more than ``limit`` bytes in all (Refused past it)."""
    limit = max_file_bytes() if limit is None else limit
    left = limit + 1
    while True:
        line = stream.readline(left)
        if not line:
            return
        left -= len(line)
        if left <= 0:
            raise _too_large(limit)
        yield line


def _check(st: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "a special file")
        raise Refused(f"not a regular file but {kind}")
    if st.st_size > limit:
        raise _too_large(limit, st.st_size)


def _too_large(limit: int, size: int | None = None) -> Refused:
    size_said = f" ({_size(size)})" if size is not None else ""
    return Refused(
        f"larger than the {_size(limit)} limit{size_said}", f"--max-file-size or {ENV_MAX_MB} sets the limit in MB"
    )


def _size(n: int) -> str:
    return f"{n / MB:.3g} MB" if n >= MB / 10 else f"{n:,} bytes"


def file_size(path: str | Path) -> int:
    """The size of an input file in bytes; 0 where it cannot be found (its reading reports the problem)."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# --- outputs -------------------------------------------------------------------------------


def overwrites_input(output: str | Path, inputs: Iterable[str | Path]) -> str | None:
    """Why writing ``output`` would destroy or feed an input: it is one of ``inputs`` (however named: links,
    relative paths, hard links) or lies inside an input folder, where the next run would read it. None when
    it is safe."""
    out = Path(os.path.realpath(output))
    for given in inputs:
        real = Path(os.path.realpath(given))
        if out == real or _same_file(output, given):
            return f"{output} is the input {given}"
        if os.path.isdir(real) and out.is_relative_to(real):
            return f"{output} lies inside the input folder {given}"
    return None


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False
