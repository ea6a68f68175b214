"""Sentence and paragraph spans with character offsets (a rule-based splitter for news English)."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Span
from .resources import load_table

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before white space and a
# capital, digit or opening quote -- unless the word before the period is a known abbreviation.
# (a run of stops is matched at its last one, which the engine finds without trying the characters before it;
# a blank line is read from its first line break: each once)
_END = re.compile(r"""[.!?](?![.!?])['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])""")
_STOP = ".!?"
_PARAGRAPH = re.compile(r"\n(?:[^\S\n]*\n)+|\n(?=[^\S\n]*[A-Z\"“‘(])")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORD_PART = _LETTERS | frozenset(".'’-")
_WORD_REACH = 30


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Words written with a period that does not end the sentence: abbreviations.csv, the shortened titles of
    actor_honorifics.csv and the date words of temporal_vocabulary.csv written with a period ("Sept.", "a.m.")."""
    written = [row["abbreviation"] for row in load_table("abbreviations")]
    written += [row["abbreviation"] for row in load_table("actor_honorifics") if row["abbreviation"]]
    written += [row["word"] for row in load_table("temporal_vocabulary") if row["word"].endswith(".")]
    return frozenset(w.lower().rstrip(".") for w in written)


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    # the word before: the longest run of _WORD_PART ending at the period (within _WORD_REACH), from its first letter
    start, lo = dot, max(0, dot - _WORD_REACH)
    while start > lo and text[start - 1] in _WORD_PART:
        start -= 1
    while start < dot and text[start] not in _LETTERS:
        start += 1
    if start == dot:
        return False
    word = text[start:dot].lower().rstrip(".")
    if word in _abbreviations():
        return True
    # initials and dotted acronyms: "J.", "U.S.", "a.m." -- but a dotted acronym can end a sentence,
    # so only a single initial is taken as certain
    return len(word) == 1 and word.isalpha()


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blocks separated by blank lines (or a line break before a capital)."""
    return [Span(a, b) for a, b in _paragraphs(text)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append(_strip(text, pos, m.start()))
        pos = m.end()
    out.append(_strip(text, pos, len(text)))
    return [(a, b) for a, b in out if b > a]


def sentences(text: str) -> list[Span]:
    """Sentence spans covering every non-blank part of the text, stripped of surrounding white space.
    A run-on longer than MAX_SENTENCE characters (a list, a table, garbage) is cut at spaces."""
    return [Span(a, b) for a, b in sentence_bounds(text)]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """sentences() as (start, end) pairs."""
    out: list[tuple[int, int]] = []
    for start, end in _paragraphs(text):
        pos = start
        for m in _END.finditer(text, start, end):
            alone = m.start() == start or text[m.start() - 1] not in _STOP  # a stop, not a run of them
            if alone and m.end() - m.start() == 1 and text[m.start()] == "." and _is_abbreviation(text, m.start()):
                continue
            _pieces(text, pos, m.end(), out)
            pos = m.end()
        _pieces(text, pos, end, out)
    return out


# Far longer than any sentence of news prose; what each sentence costs downstream (labels, actors) grows with it.
MAX_SENTENCE = 2_000


def _pieces(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """The stripped, non-empty pieces of text[start:end] (cut at spaces where longer than MAX_SENTENCE)."""
    start, end = _strip(text, start, end)
    if end - start <= MAX_SENTENCE:
        if end > start:
            out.append((start, end))
        return
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        a, b = _strip(text, start, cut)
        if b > a:
            out.append((a, b))
        start = cut
    a, b = _strip(text, start, end)
    if b > a:
        out.append((a, b))


def sentence_at(spans: list[Span], offset: int) -> Span | None:
    """The sentence holding a character offset (spans sorted, as ``sentences`` returns them)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(spans) and spans[lo].start <= offset:
        return spans[lo]
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
