"""A disk cache of what the tagger derives from its rule tables, so that a fresh process starts fast.

Compiling the rules' regular expressions is most of that work. A pickled re.Pattern is compiled anew when
it is loaded, so what is stored is what the compiler makes of a pattern (regex_parts); regex() hands it to
the regular-expression engine, which checks it, and compiles the pattern as usual where it cannot.

One pickle per kind of data, in $XDG_CACHE_HOME/timeline (else ~/.cache/timeline), named by a hash of the
package version, the Python version, every resource table and the code that derives the data: a change to
any of them gives a new name, and the data is derived anew. A pickle is read only from a folder and a file
that belong to the user and that no one else may write to, and only if it names the same hash inside. A cache
that is missing, corrupt, foreign or cannot be written is passed over silently: the data is derived as if
there were none. TIMELINE_NO_CACHE=1 turns the cache off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import stat
import sys
from array import array
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from ..resources import table_files

try:  # the interpreter's own SHA-256: hashlib would load OpenSSL first, which takes longer
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # (Python 3.12 calls the module _sha2; other interpreters may lack both)
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]
    except ImportError:
        from hashlib import sha256

T = TypeVar("T")

KEEP = 8  # newest files kept per kind of data (older tables, other installs)


def cached(kind: str, derive: Callable[[], T], sources: Iterable[str] = ()) -> T:
    """derive(), or what an earlier process stored for the same tables, code (`sources`: file paths) and
    versions."""
    if os.environ.get("TIMELINE_NO_CACHE") or not hasattr(os, "getuid"):
        return derive()
    try:
        key, home = _key(kind, sources), folder()
    except Exception:  # an unreadable source or an odd environment: no cache
        return derive()
    if home is None:
        return derive()
    path = home / f"{kind}-{key[:32]}.pickle"
    found = _read(path, key)
    if found is not None:
        return found
    data = derive()
    _write(path, key, data)
    return data


def regex_parts(pattern: str, flags: int = 0) -> tuple | None:
    """What CPython's re compiler makes of a pattern, as plain data for regex() (None elsewhere)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return (
            pattern,
            flags | parsed.state.flags,
            _packed(code),
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
    except Exception:  # not CPython, or another version of its re internals
        return None


def _packed(code: list[int]) -> bytes | list[int]:
    """The code as the bytes of 32-bit words: read back from a pickle at once, where a list is read int by int."""
    words = array("I")
    if words.itemsize != 4:
        return code
    words.fromlist(code)
    return words.tobytes()


def _unpacked(code: bytes | list[int]) -> list[int]:
    if not isinstance(code, bytes):
        return code
    words = array("I")
    words.frombytes(code)
    return words.tolist()


def regex(pattern: str, flags: int = 0, parts: tuple | None = None) -> re.Pattern:
    """The compiled pattern: from regex_parts() where they are given and fit, else compiled as usual."""
    if parts is not None and parts[0] == pattern:
        try:
            import _sre  # type: ignore[import-not-found]

            compiled = _sre.compile(parts[0], parts[1], _unpacked(parts[2]), *parts[3:])  # validates the code
            if isinstance(compiled, re.Pattern) and compiled.flags & flags == flags:
                return compiled
        except Exception:
            pass
    return re.compile(pattern, flags)


def folder() -> Path | None:
    """$XDG_CACHE_HOME/timeline, else ~/.cache/timeline; None where there is no home folder."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "timeline" if os.path.isabs(base) else None


def _key(kind: str, sources: Iterable[str]) -> str:
    from .. import __version__

    digest = sha256(f"{kind}\0{__version__}\0{sys.implementation.cache_tag}\0{sys.version}".encode())
    for path in (__file__, *sources):  # this module makes what regex() reads
        digest.update(Path(path).read_bytes())
    digest.update(_tables_digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _tables_digest() -> bytes:
    """The digest of every resource table, read once however many kinds of data a process looks up."""
    digest = sha256()
    for name, data in table_files():
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.digest()


def _private(st: os.stat_result) -> bool:
    """Owned by this user, and no one else may write to it."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path, key: str):
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or not _private(st) or not _private(os.stat(path.parent)):
                return None
            stored_key, data = pickle.loads(f.read())
        return data if stored_key == key else None
    except Exception:  # corrupt, truncated, or written by other code: derive anew
        return None


def _write(path: Path, key: str, data) -> None:
    import tempfile

    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(path.parent)):
            return  # a folder others may write to: nothing is stored there
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((key, data), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(path)
    except Exception:  # read-only home, full disk ...: the next process derives the data again
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(path: Path) -> None:
    """Keep the KEEP newest files of this kind."""
    kind = path.name.rsplit("-", 1)[0]
    files = sorted(path.parent.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)
