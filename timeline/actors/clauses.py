"""Which actors a date belongs to when its sentence holds several dates: those of its own clause."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

from ..model import Article, Span
from ..resources import load_table
from . import vocab


@lru_cache(maxsize=None)
def _clause_breaks() -> tuple[re.Pattern, tuple[str, ...]]:
    """One pattern with a group per row of actor_clause_breaks.csv, and what each row's clause carries."""
    rows = load_table("actor_clause_breaks")
    pattern = re.compile("|".join(f"(?P<row{i}>{row['break']})" for i, row in enumerate(rows)), re.IGNORECASE)
    return pattern, tuple(row["carries"] for row in rows)


def _carries(found: re.Match) -> str:
    return _clause_breaks()[1][int(found.lastgroup.removeprefix("row"))]


def clause_actors(actors: Callable[[Article, Span], Sequence[str]], article: Article, sentence: Span,
                  start: int, end: int, others: Sequence[int]) -> list[str]:
    """The actors of the clause holding text[start:end] when the sentence holds other dates (``others``: their
    start offsets); the clause is cut only between this date and the others, at actor_clause_breaks.csv.
    A clause that names no actor takes the sentence's."""
    text, pattern = article.text, _clause_breaks()[0]
    lo, hi, opening = sentence.start, sentence.end, None
    for other in others:
        if other < start:
            found = list(pattern.finditer(text, other, start))
            if found and found[-1].start() > lo:
                lo, opening = found[-1].start(), found[-1]
        elif other >= end:
            found = pattern.search(text, end, other)
            if found:
                hi = min(hi, found.start())
    if (lo, hi) == (sentence.start, sentence.end):
        return list(actors(article, sentence))
    names = list(actors(article, Span(lo, hi)))
    if not names:
        return list(actors(article, sentence))
    carried: list[str] = []
    if opening is not None and _carries(opening) == "antecedent":
        carried = list(actors(article, Span(sentence.start, lo)))[-1:]
    elif opening is not None and _carries(opening) == "subject" and _no_subject(text, opening.end()):
        first = pattern.search(text, sentence.start, lo)
        carried = list(actors(article, Span(sentence.start, first.start() if first else lo)))
    return list(dict.fromkeys(carried + names))


def _no_subject(text: str, pos: int) -> bool:
    """The clause from ``pos`` opens with a verb ("and launched ..."), not a subject or a phrase."""
    word = re.match(r"\s*([A-Za-z]+)", text[pos:pos + 40])
    return bool(word) and word.group(1).islower() and word.group(1) not in vocab.function_words() and \
        word.group(1) not in vocab.pronouns()
