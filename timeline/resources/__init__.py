"""Rule tables: the vocabulary of dates and the anchoring rules, kept apart from the engine.

Each table is a CSV file in this folder with a header row; ``#`` starts a comment line.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``resources/<name>.csv`` as dicts (read once, cached)."""
    text = resources.files(__package__).joinpath(f"{name}.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines))
