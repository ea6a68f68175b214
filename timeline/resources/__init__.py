"""Rule tables: the vocabulary of dates and the anchoring rules, kept apart from the engine.

Each table is a CSV file in this folder with a header row; ``#`` starts a comment line.
"""

from __future__ import annotations

import csv
import os
from functools import lru_cache

FOLDER = os.path.dirname(os.path.abspath(__file__))


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``resources/<name>.csv`` as dicts (read once, cached)."""
    text = read_text(f"{name}.csv")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines))


def read_text(file_name: str) -> str:
    """A file of this folder; through importlib.resources where the package is not a folder (a zip)."""
    try:
        with open(os.path.join(FOLDER, file_name), encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        from importlib import resources

        return resources.files(__package__).joinpath(file_name).read_text(encoding="utf-8")


def table_files() -> list[tuple[str, bytes]]:
    """(name, contents) of every table, by name."""
    try:
        out = []
        for name in sorted(n for n in os.listdir(FOLDER) if n.endswith(".csv")):
            with open(os.path.join(FOLDER, name), "rb") as f:
                out.append((name, f.read()))
        return out
    except OSError:
        from importlib import resources

        entries = sorted(resources.files(__package__).iterdir(), key=lambda e: e.name)
        return [(e.name, e.read_bytes()) for e in entries if e.name.endswith(".csv")]
