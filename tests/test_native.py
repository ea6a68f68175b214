"""The compiled name finder (timeline.native): used only where its build matches the source and this Python,
and finding exactly what the source finds."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline import native

TEXT = """Coastal Ferries Bid For Island Route
Harbourmaster Ilse Varga said on Monday that Coastal Ferries Ltd. and the Orkell Transport Authority (OTA) had
both asked for the route. Varga's office will decide by March. "We've waited long enough," said Mr. Tobin Arle,
a councillor who chairs the Orkell Island Council, adding that the OTA's plan was cheaper. King Harald of Orkell
met Arle in Kirkwall. Structure-wise, the bid is sound, OTA spokesman Dana Prill said. Coastal Ferries said the
EUR 4 million offer stood.
"""

FIND = """
import json, sys
from timeline import native
from timeline.actors.mentions import find_candidates
from timeline.sentences import sentences
text = sys.stdin.read()
found = find_candidates([(text, sentences(text))])[0]
print(json.dumps({"compiled": native.in_use(),
                  "candidates": [[c.start, c.end, c.name, c.hint, c.titled, c.honorific, c.possessor, c.acronym_of,
                                  c.byline, c.written, c.legal_form, c.common_noun] for c in found]}))
"""


def _find(pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_SWITCH}
    if pure:
        env[native.PURE_SWITCH] = "1"
    done = subprocess.run([sys.executable, "-c", FIND], input=TEXT, capture_output=True, text=True, env=env,
                          check=True)
    return json.loads(done.stdout)


def test_the_compiled_name_finder_finds_what_the_source_finds():
    files, why = native.built_modules()
    if not files:
        pytest.skip(f"the name finder is not compiled here: {why}")
    compiled, pure = _find(pure=False), _find(pure=True)
    assert compiled["compiled"] and not pure["compiled"]
    names = [c[2] for c in pure["candidates"]]
    assert {"Tobin Arle", "Dana Prill", "King Harald", "Orkell Transport Authority", "OTA"} <= set(names)
    assert compiled["candidates"] == pure["candidates"]


def _fake_build(root: Path) -> Path:
    """A package with the compiled modules' sources and a build of them (its files stand for extensions)."""
    for module in native.COMPILED:
        path = native.source(root, module)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {module}\n", encoding="utf-8")
    folder = native.build_folder(root)
    folder.mkdir(parents=True)
    files = {}
    for module in native.COMPILED:
        name = module.replace(".", "/") + ".so"
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"")
        files[module] = name
    manifest = {
        "python": native.python_tag(),
        "sources": {m: native.digest(native.source(root, m)) for m in native.COMPILED},
        "files": files,
    }
    (folder / native.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_a_build_is_used_only_while_it_matches_the_source(tmp_path):
    assert native.built_modules(tmp_path) == ({}, "not built (python -m timeline.build_native)")
    _fake_build(tmp_path)
    files, why = native.built_modules(tmp_path)
    assert set(files) == set(native.COMPILED) and why == ""

    edited = native.source(tmp_path, native.COMPILED[-1])
    edited.write_text(edited.read_text(encoding="utf-8") + "x = 1\n", encoding="utf-8")
    files, why = native.built_modules(tmp_path)
    assert files == {} and native.COMPILED[-1] in why and "changed since the build" in why


def test_a_build_for_another_python_or_cut_short_is_not_used(tmp_path):
    folder = _fake_build(tmp_path)
    manifest = json.loads((folder / native.MANIFEST).read_text(encoding="utf-8"))
    (folder / native.MANIFEST).write_text(json.dumps({**manifest, "python": "cpython-39.so"}), encoding="utf-8")
    files, why = native.built_modules(tmp_path)
    assert files == {} and "another Python" in why

    (folder / native.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    next(folder.rglob("*.so")).unlink()
    files, why = native.built_modules(tmp_path)
    assert files == {} and "incomplete" in why
