"""Which actors a date belongs to when its sentence holds several dates: those of its own clause."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Callable, NamedTuple, Sequence

from ..model import Article, Span
from ..resources import load_table
from . import vocab


@lru_cache(maxsize=None)
def _clause_breaks() -> tuple[re.Pattern, tuple[str, ...]]:
    """One pattern with a group per actors row of clause_breaks.csv, and what each row's clause carries."""
    rows = [row for row in load_table("clause_breaks") if row["actors"] == "yes"]
    pattern = re.compile("|".join(f"(?P<row{i}>{row['break']})" for i, row in enumerate(rows)), re.IGNORECASE)
    return pattern, tuple(row["carries"] for row in rows)


def _carries(found: re.Match) -> str:
    assert found.lastgroup is not None  # every alternative of the pattern is a named group
    return _clause_breaks()[1][int(found.lastgroup.removeprefix("row"))]


class Breaks(NamedTuple):
    """Where a sentence may be cut into clauses (clause_breaks.csv), in order: the matches and their starts."""

    matches: list[re.Match]
    positions: list[int]


def clause_breaks(text: str, sentence: Span) -> Breaks:
    matches = list(_clause_breaks()[0].finditer(text, sentence.start, sentence.end))
    return Breaks(matches, [m.start() for m in matches])


NO_BREAKS = Breaks([], [])


def clause_actors(
    actors: Callable[[Article, Span], Sequence[str]],
    article: Article,
    sentence: Span,
    start: int,
    end: int,
    before: int | None,
    after: int | None,
    breaks: Breaks,
) -> list[str]:
    """The actors of the clause holding text[start:end], in a sentence whose other dates start from ``before``
    (the first of those before this date) and up to ``after`` (the last of those after it). The clause is cut
    only at ``breaks`` (``clause_breaks``) between this date and the others; one that names no actor takes
    the sentence's."""
    matches, positions = breaks
    lo, hi, opening = sentence.start, sentence.end, None
    if before is not None:
        k = bisect_left(positions, start) - 1  # the last break before the date ...
        if k >= 0 and positions[k] >= before and matches[k].end() <= start:  # ... after another date
            lo, opening = positions[k], matches[k]
    if after is not None:
        k = bisect_left(positions, end)  # the first break after the date, before another
        if k < len(positions) and positions[k] < after:
            hi = positions[k]
    if (lo, hi) == (sentence.start, sentence.end):
        return list(actors(article, sentence))
    names = list(actors(article, Span(lo, hi)))
    if not names:
        return list(actors(article, sentence))
    carried: list[str] = []
    if opening is not None and _carries(opening) == "antecedent":
        carried = list(actors(article, Span(sentence.start, lo)))[-1:]
    elif opening is not None and _carries(opening) == "subject" and _no_subject(article.text, opening.end()):
        carried = list(actors(article, Span(sentence.start, positions[0])))
    return list(dict.fromkeys(carried + names))


def _no_subject(text: str, pos: int) -> bool:
    """The clause from ``pos`` opens with a verb ("and launched ..."), not a subject or a phrase."""
    word = re.match(r"\s*([A-Za-z]+)", text[pos : pos + 40])
    return (
        word is not None
        and word.group(1).islower()
        and word.group(1) not in vocab.function_words()
        and word.group(1) not in vocab.pronouns()
    )
