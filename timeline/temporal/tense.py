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


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, tuple[tuple[str, int], ...], frozenset[str]]:
    rows = load_table("temporal_tense_cues")
    body = "|".join(f"(?P<c{i}>{row['cue']})" for i, row in enumerate(rows))
    regex = re.compile(rf"\b(?:{body})\b", re.IGNORECASE)
    firsts = frozenset(w.lower() for w in re.findall(r"[A-Za-z']+", body))
    return regex, tuple((r["tense"], int(r["reach"] or BEFORE)) for r in rows), firsts


def _cue_matches(text: str, lo: int, hi: int):
    """Cues in text[lo:hi], left to right and non-overlapping; the regex is tried only at plausible words."""
    regex, _, firsts = _cues()
    pos = lo
    for w in _WORD.finditer(text, lo, hi):
        if w.start() < pos:
            continue
        word = w.group().lower()
        if word in firsts or word.endswith("ed") or word[0] in "'’":
            m = regex.match(text, w.start(), hi)
            if m is not None:
                pos = m.end()
                yield m


def tense(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> str:
    """past | present | future | "" for the expression text[start:end] inside the sentence text[lo:hi]."""
    row = tense_cue(text, start, end, lo, hi)
    return row["tense"] if row is not None else ""


def tense_cue(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> dict | None:
    """The row of temporal_tense_cues.csv whose cue tells the tense of text[start:end] (None when none does)."""
    hi = len(text) if hi is None else hi
    _, tenses, _ = _cues()
    rows = load_table("temporal_tense_cues")
    left = max(lo, start - BEFORE)
    window = text[left:start]
    breaks = list(_clause_break().finditer(window))
    if breaks:
        left += breaks[-1].end()
    last = None
    for m in _cue_matches(text, left, start):
        last = m
    if last is not None:
        _, reach = tenses[int(last.lastgroup[1:])]
        # some cues tell the tense of a date only next to it ("the vote is Friday")
        return rows[int(last.lastgroup[1:])] if start - last.end() <= reach else None
    right = min(hi, end + AFTER)
    stop = _clause_break().search(text, end, right)
    m = next(_cue_matches(text, end, stop.start() if stop else right), None)
    return rows[int(m.lastgroup[1:])] if m else None


def speaks_from_now(text: str, lo: int, hi: int) -> bool:
    """Whether the writer's narration in text[lo:hi] holds a cue that speaks from the time of writing ("is",
    "will": the `now` column of temporal_tense_cues.csv). Quoted speech speaks from the time it was said, and an
    aside in parentheses ("(this quote is disputed)") comments on the story without leaving it."""
    rows = load_table("temporal_tense_cues")
    for a, b in _narration(text, lo, hi):
        if any(rows[int(m.lastgroup[1:])].get("now") == "yes" for m in _cue_matches(text, a, b)):
            return True
    return False


_OPENS, _CLOSES = '“(', '”)'
_MARK = re.compile(r'["“”()]')


def _narration(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The parts of text[lo:hi] outside quotation marks and parentheses (counted from the start of the
    paragraph)."""
    start = text.rfind("\n", 0, lo) + 1
    depth, quote, out, a = 0, False, [], lo
    for q in _MARK.finditer(text, start, hi):
        c = q.group()
        was_inside = depth > 0 or quote
        if c == '"':
            quote = not quote
        elif c == "“":
            quote = True
        elif c == "”":
            quote = False
        elif c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        inside = depth > 0 or quote
        if inside and not was_inside and q.start() > a:
            out.append((a, q.start()))
        elif was_inside and not inside:
            a = max(lo, q.end())
    if not (depth > 0 or quote) and a < hi:
        out.append((a, hi))
    return [(x, y) for x, y in out if x >= lo and y > x]


def aside(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands inside quotation marks or parentheses."""
    return not _narration(text, start, end)
