"""The name finder compiled to C where the machine can build it: the same source, run about 1.6 times quicker.

Finding name candidates is most of the event pipeline's work: many small checks on every word of a corpus,
where the interpreter's own cost dominates. The modules of ``COMPILED`` are compiled by mypyc (part of mypy:
typed Python to a C extension) into ``build/native`` beside the package, with a manifest of the hashes of
the sources they were built from:

    python -m timeline.build_native      # `make install` runs it; quick when the build is up to date

``import timeline`` calls ``use_built``: where the manifest matches the sources and this Python, the compiled
modules are imported in place of their source. A source edited since the build, another Python, no build (no C
compiler, or an installed package) or ``TIMELINE_PURE_PYTHON=1``: the source is imported, with the same
results. Light to import (no hashlib, no importlib.abc): it runs in every process that imports the package.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import sys
import zlib
from pathlib import Path

COMPILED = ("timeline.actors.tokens", "timeline.actors.mentions")
ROOT = Path(__file__).resolve().parent.parent  # the folder holding the package
PURE_SWITCH = "TIMELINE_PURE_PYTHON"
MANIFEST = "manifest.json"


def build_folder(root: Path = ROOT) -> Path:
    return root / "build" / "native"


def source(root: Path, module: str) -> Path:
    return root.joinpath(*module.split(".")).with_suffix(".py")


def digest(path: Path) -> str:
    """What a source is, for telling whether it changed (a checksum: cheap, and it runs at every import)."""
    data = path.read_bytes()
    return f"{len(data)}-{zlib.crc32(data):08x}"


def python_tag() -> str:
    """What a compiled module is bound to: the interpreter's version and ABI."""
    return f"{sys.implementation.cache_tag}{importlib.machinery.EXTENSION_SUFFIXES[0]}"


def built_modules(root: Path = ROOT) -> tuple[dict[str, Path], str]:
    """The compiled modules to import (module name -> extension file), and why none are where that is so."""
    try:
        manifest = json.loads((build_folder(root) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, "not built (python -m timeline.build_native)"
    if manifest.get("python") != python_tag():
        return {}, f"built for another Python ({manifest.get('python')})"
    sources = manifest.get("sources", {})
    try:
        stale = [m for m in COMPILED if sources.get(m) != digest(source(root, m))]
    except OSError as e:
        return {}, f"a source cannot be read: {e}"
    if stale:
        return {}, f"{', '.join(stale)} changed since the build (python -m timeline.build_native)"
    files = {name: build_folder(root) / rel for name, rel in manifest.get("files", {}).items()}
    if not files or not all(path.is_file() for path in files.values()):
        return {}, "the build is incomplete (python -m timeline.build_native)"
    return files, ""


class _BuiltFinder:
    """Finds the compiled modules (and the library they share) in the build folder, before the source. (A meta
    path finder needs only ``find_spec``; importing ``importlib.abc`` for its base class costs every command
    10 ms.)"""

    def __init__(self, files: dict[str, Path]):
        self.files = files

    def find_spec(self, fullname, path=None, target=None):
        where = self.files.get(fullname)
        return importlib.util.spec_from_file_location(fullname, where) if where is not None else None


def use_built(root: Path = ROOT) -> bool:
    """Import the compiled modules in place of their source from now on, where they are up to date."""
    if os.environ.get(PURE_SWITCH) or any(isinstance(f, _BuiltFinder) for f in sys.meta_path):
        return False
    files, _ = built_modules(root)
    if files:
        sys.meta_path.insert(0, _BuiltFinder(files))
    return bool(files)


def in_use() -> bool:
    """Whether this process runs the compiled name finder."""
    from .actors import mentions

    return not (mentions.__file__ or "").endswith(".py")


def status(root: Path = ROOT) -> str:
    if os.environ.get(PURE_SWITCH):
        return f"pure Python ({PURE_SWITCH} is set)"
    files, why = built_modules(root)
    return f"compiled: {', '.join(m for m in COMPILED if m in files)}" if files else f"pure Python: {why}"
