"""Files uploaded to the dashboard, kept in a private temporary folder of their own for one browser session.

Each session gets a fresh folder (``tempfile.mkdtemp``: a random name, readable by its owner alone), and each
set of files dropped at once a fresh folder inside it, so that the loader reads them like any folder of
articles. A file is created new, never through an existing name or a symbolic link (``O_EXCL | O_NOFOLLOW``),
under a name cleaned of folders and odd characters. The folder goes when the session ends (:meth:`remove`),
when the server exits, or, after a crash, at the next start (:func:`remove_stale_folders`).

A set of files is named by :func:`upload_digest` (names and contents, each length-prefixed), which a link
may carry (``?upload=``): it opens the files again only in the session that holds them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Iterable

PREFIX = "timeline-uploads-"  # + the server's process id + "-" + random
DIGEST_CHARS = 16
NAME_CHARS = 100
_FOLDER = re.compile(re.escape(PREFIX) + r"(\d+)-")
_ODD = re.compile(r"[^\w.\- ]")


def upload_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """The name of a set of (file name, content) pairs: a SHA-256 over each name and content, each prefixed
    with its length, so that no two different sets share it."""
    h = hashlib.sha256()
    for name, data in files:
        for part in (name.encode("utf-8", "surrogatepass"), bytes(data)):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
    return h.hexdigest()[:DIGEST_CHARS]


def safe_name(name: str, taken: Iterable[str] = ()) -> str:
    """A plain file name for an uploaded file's ``name``: no folders, no leading dot, no control or shell
    characters, at most ``NAME_CHARS`` long, its suffix kept, and not one of ``taken``."""
    base = re.split(r"[\\/]", name)[-1]
    base = _ODD.sub("_", base).strip(" ").lstrip(".")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = suffix[:16]
    stem = (stem or "upload")[: NAME_CHARS - len(suffix) - 6]
    taken = set(taken)
    candidate, n = f"{stem}.{suffix}" if suffix else stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{suffix}" if suffix else f"{stem}-{n}"
    return candidate


def write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to a file that does not exist yet; never through a link or over another file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


class UploadFolder:
    """One session's uploads: a private temporary folder, one subfolder per set of files (by digest)."""

    def __init__(self, parent: str | Path | None = None):
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent))
        self._sets: dict[str, Path] = {}
        self._finalizer = weakref.finalize(self, shutil.rmtree, self.path, ignore_errors=True)

    def save(self, files: Iterable[tuple[str, bytes]]) -> str:
        """Keep a set of (name, content) files; its digest. A set already kept is not written again."""
        files = [(name, bytes(data)) for name, data in files]
        digest = upload_digest(files)
        if digest not in self._sets:
            folder = Path(tempfile.mkdtemp(dir=self.path))
            taken: list[str] = []
            for name, data in files:
                taken.append(safe_name(name, taken))
                write_new(folder / taken[-1], data)
            self._sets[digest] = folder
        return digest

    def folder(self, digest: str) -> Path | None:
        """The folder of the set named ``digest``, if this session keeps it."""
        folder = self._sets.get(digest)
        return folder if folder is not None and folder.is_dir() else None

    def remove(self) -> None:
        """Delete the folder and everything in it (at the end of the session)."""
        self._sets.clear()
        self._finalizer()


def remove_stale_folders(parent: str | Path | None = None) -> list[Path]:
    """Delete the upload folders left by dashboard processes that no longer run (after a crash or a kill);
    the folders removed. Only folders of this user's, named as :class:`UploadFolder` names them."""
    parent = Path(parent or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _FOLDER.match(entry.name)
        if not match or int(match.group(1)) == os.getpid() or _running(int(match.group(1))):
            continue
        try:
            info = entry.lstat()
        except OSError:
            continue
        if entry.is_symlink() or not entry.is_dir() or info.st_uid != os.getuid():
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
