"""The tense of the clause around a date: which way a date without a year (or a bare weekday) points."""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_table

BEFORE, AFTER = 150, 60      # characters of context looked at on each side of the expression


@lru_cache(maxsize=1)
def _clause_break() -> re.Pattern:
    """The tense rows of clause_breaks.csv: the clause around a date ends there."""
    return re.compile("|".join(row["break"] for row in load_table("clause_breaks") if row["tense"] == "yes"))


_WORD = re.compile(r"[A-Za-z'’]+")


_CASED = re.compile(r"\(\?-i:([^()]*)\)")      # a part of a cue matched in the case written ("may", not "May")


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, tuple[tuple[str, int], ...], frozenset[str], frozenset[str]]:
    """The cues as one regex, each row's tense and reach, and the words a cue may begin with: in lower case,
    and as written where the cue asks for that case."""
    rows = load_table("temporal_tense_cues")
    body = "|".join(f"(?P<c{i}>{row['cue']})" for i, row in enumerate(rows))
    regex = re.compile(rf"\b(?:{body})\b", re.IGNORECASE)
    firsts = frozenset(w.lower() for w in re.findall(r"[A-Za-z']+", _CASED.sub("", body)))
    cased = frozenset(w for part in _CASED.findall(body) for w in re.findall(r"[A-Za-z']+", part))
    return regex, tuple((r["tense"], int(r["reach"] or BEFORE)) for r in rows), firsts, cased


def _cue_matches(text: str, lo: int, hi: int):
    """Cues in text[lo:hi], left to right and non-overlapping; the regex is tried only at plausible words."""
    regex, _, firsts, cased = _cues()
    pos = lo
    for w in _WORD.finditer(text, lo, hi):
        if w.start() < pos:
            continue
        word = w.group()
        if word.lower() in firsts or word in cased or word.endswith("ed") or word[0] in "'’":
            m = regex.match(text, w.start(), hi)
            if m is not None:
                pos = m.end()
                yield m


def tense(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> str:
    """past | present | future | "" for the expression text[start:end] inside the sentence text[lo:hi]."""
    hi = len(text) if hi is None else hi
    _, tenses, _, _ = _cues()
    left = max(lo, start - BEFORE)
    window = text[left:start]
    breaks = list(_clause_break().finditer(window))
    if breaks:
        left += breaks[-1].end()
    last = None
    for m in _cue_matches(text, left, start):
        last = m
    if last is not None:
        found, reach = tenses[int(last.lastgroup[1:])]
        # some cues tell the tense of a date only next to it ("the vote is Friday")
        return found if start - last.end() <= reach else ""
    right = min(hi, end + AFTER)
    stop = _clause_break().search(text, end, right)
    m = next(_cue_matches(text, end, stop.start() if stop else right), None)
    return tenses[int(m.lastgroup[1:])][0] if m else ""
