"""Which genres a text shows evidence of (resources/temporal_genres.csv): their date rules are on in it."""
from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

from ..resources import load_table

EVIDENCE_NEEDED = 2         # different evidence rows of a genre that must occur in a text


@lru_cache(maxsize=1)
def evidence() -> MappingProxyType:
    """genre -> one regex whose named groups (e0, e1 ...) are that genre's evidence rows."""
    rows: dict[str, list[str]] = {}
    for row in load_table("temporal_genres"):
        rows.setdefault(row["genre"], []).append(row["evidence"])
    return MappingProxyType({genre: re.compile(
        r"\b(?:" + "|".join(f"(?P<e{i}>{e})" for i, e in enumerate(found)) + r")\b", re.IGNORECASE)
        for genre, found in rows.items()})


def genres_of(text: str) -> frozenset[str]:
    """The genres with enough evidence in `text`."""
    out = set()
    for genre, regex in evidence().items():
        seen: set[str] = set()
        for m in regex.finditer(text):
            seen.add(m.lastgroup)
            if len(seen) >= EVIDENCE_NEEDED:
                out.add(genre)
                break
    return frozenset(out)
