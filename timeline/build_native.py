"""Compiles the name finder (``timeline.native.COMPILED``) with mypyc into the build folder that
``timeline.native`` loads it from, and writes the manifest that says what it was built from.

    python -m timeline.build_native [--force]

Nothing is done when the build is up to date; without a C compiler the package stays pure Python (same
results, slower), and the command says so.
"""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from .native import COMPILED, MANIFEST, ROOT, build_folder, built_modules, digest, python_tag, source, status


def build(root: Path = ROOT, force: bool = False) -> str:
    """Compile the modules of ``COMPILED`` into the build folder, unless it is up to date; the outcome."""
    if not force and built_modules(root)[0]:
        return status(root)
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"pure Python: no C compiler ({compiler}) to build it with"
    if not Path(sysconfig.get_paths()["include"], "Python.h").is_file():
        return "pure Python: no Python headers to build it with (Debian: python3-dev)"
    folder = build_folder(root)
    shutil.rmtree(folder, ignore_errors=True)  # with the manifest: a build cut short is never used
    sources = {m: digest(source(root, m)) for m in COMPILED}
    try:
        _compile(root, folder)
    except (Exception, SystemExit) as e:  # setuptools and mypyc end a failed build with SystemExit
        shutil.rmtree(folder, ignore_errors=True)
        return f"pure Python: the build failed ({type(e).__name__}: {e})"
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    files = {}
    for path in folder.rglob(f"*{suffix}"):
        relative = path.relative_to(folder).as_posix()
        files[relative[: -len(suffix)].replace("/", ".")] = relative
    manifest = {"python": python_tag(), "sources": sources, "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return status(root)


def _compile(root: Path, folder: Path) -> None:
    """mypyc's C for the modules, then their extensions built into ``folder`` (not beside the source, where
    Python would prefer them to the source even after an edit)."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    here = os.getcwd()
    os.chdir(root)  # mypyc names the modules by their paths from here
    try:
        extensions = mypycify(
            [source(root, m).relative_to(root).as_posix() for m in COMPILED],
            opt_level="3",
            target_dir=str(root / "build" / "native-c"),
        )
        dist = Distribution({"name": "timeline-native", "ext_modules": extensions})
        command = dist.get_command_obj("build_ext")
        command.build_lib = str(folder)
        command.build_temp = str(root / "build" / "native-tmp")
        dist.run_command("build_ext")
    finally:
        os.chdir(here)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if set(args) - {"--force"}:
        print("usage: python -m timeline.build_native [--force]", file=sys.stderr)
        return 2
    print(f"name finder: {build(force='--force' in args)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
