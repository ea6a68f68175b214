"""Sentence and paragraph spans with character offsets (a rule-based splitter for news English)."""
from __future__ import annotations

import re
from functools import lru_cache

from .model import Span
from .resources import load_table

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before white space and a
# capital, digit or opening quote -- unless the word before the period is a known abbreviation.
# (a run of stops is read from its first one only, and a blank line from its first line break: each once)
_END = re.compile(r"""(?<![.!?])[.!?]+['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"\n(?:[^\S\n]*\n)+|\n(?=[^\S\n]*[A-Z\"“‘(])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’-]*)\.?['\"’”)\]]*$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Words written with a period that does not end the sentence: abbreviations.csv, the shortened titles of
    actor_honorifics.csv and the date words of temporal_vocabulary.csv written with a period ("Sept.", "a.m.")."""
    written = [row["abbreviation"] for row in load_table("abbreviations")]
    written += [row["abbreviation"] for row in load_table("actor_honorifics") if row["abbreviation"]]
    written += [row["word"] for row in load_table("temporal_vocabulary") if row["word"].endswith(".")]
    return frozenset(w.lower().rstrip(".") for w in written)


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 30), dot + 1)
    if not m or text[dot] != ".":
        return False
    word = m.group(1).lower().rstrip(".")
    if word in _abbreviations():
        return True
    # initials and dotted acronyms: "J.", "U.S.", "a.m." -- but a dotted acronym can end a sentence,
    # so only a single initial is taken as certain
    return len(word) == 1 and word.isalpha()


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blocks separated by blank lines (or a line break before a capital)."""
    out, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append(Span(pos, m.start()))
        pos = m.end()
    out.append(Span(pos, len(text)))
    return [_strip(text, s) for s in out if text[s.start:s.end].strip()]


def sentences(text: str) -> list[Span]:
    """Sentence spans covering every non-blank part of the text, stripped of surrounding white space.
    A run-on longer than MAX_SENTENCE characters (a list, a table, garbage) is cut at spaces."""
    out: list[Span] = []
    for para in paragraphs(text):
        pos = para.start
        for m in _END.finditer(text, para.start, para.end):
            if m.group(0)[0] == "." and len(m.group(0)) == 1 and _is_abbreviation(text, m.start()):
                continue
            out.extend(_pieces(text, _strip(text, Span(pos, m.end()))))
            pos = m.end()
        if text[pos:para.end].strip():
            out.extend(_pieces(text, _strip(text, Span(pos, para.end))))
    return [s for s in out if s.end > s.start]


# Far longer than any sentence of news prose; what each sentence costs downstream (labels, actors) grows with it.
MAX_SENTENCE = 2_000


def _pieces(text: str, span: Span) -> list[Span]:
    out = []
    start = span.start
    while span.end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append(_strip(text, Span(start, cut)))
        start = cut
    out.append(_strip(text, Span(start, span.end)))
    return out


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


def _strip(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
