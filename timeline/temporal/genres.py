"""Which genres a text shows evidence of (resources/temporal_genres.csv): their date rules are on in it."""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

from ..resources import load_table
from .scanner import first_chars

EVIDENCE_NEEDED = 2  # different evidence rows of a genre that must occur in a text


@lru_cache(maxsize=1)
def evidence() -> MappingProxyType:
    """genre -> one regex whose named groups (e0, e1 ...) are that genre's evidence rows."""
    rows: dict[str, list[str]] = {}
    for row in load_table("temporal_genres"):
        rows.setdefault(row["genre"], []).append(row["evidence"])
    return MappingProxyType({genre: _regex(found) for genre, found in rows.items()})


def _regex(evidence: list[str]) -> re.Pattern:
    # a look-ahead at the letters evidence can begin with spares trying every row at every word
    letters = "".join(sorted(set().union(*(first_chars(e) for e in evidence))))
    body = "|".join(f"(?P<e{i}>{e})" for i, e in enumerate(evidence))
    return re.compile(rf"\b(?=[{re.escape(letters)}])(?:{body})\b", re.IGNORECASE)


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


class TextGenres:
    """The genres of a text (genres_of), looked for only when a rule of a genre is first about to be tried."""

    def __init__(self, text: str):
        self._text = text
        self._found: frozenset[str] | None = None

    def __contains__(self, genre: object) -> bool:
        if self._found is None:
            self._found = genres_of(self._text)
        return genre in self._found
