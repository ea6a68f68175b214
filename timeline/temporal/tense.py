"""The tense of the clause around a date: which way a date without a year (or a bare weekday) points."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..resources import load_table
from .cache import cached, regex, regex_parts

BEFORE, AFTER = 150, 60  # characters of context looked at on each side of the expression


@lru_cache(maxsize=1)
def _clause_break() -> re.Pattern:
    """The tense rows of clause_breaks.csv: the clause around a date ends there."""
    return re.compile("|".join(row["break"] for row in load_table("clause_breaks") if row["tense"] == "yes"))


_WORD = re.compile(r"[A-Za-z'’]+")


_CASED = re.compile(r"\(\?-i:([^()]*)\)")  # a part of a cue matched in the case written ("may", not "May")


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, tuple[tuple[str, int], ...], frozenset[str], frozenset[str]]:
    """The cues as one regex, each row's tense and reach, and the words a cue may begin with: in lower case,
    and as written where the cue asks for that case. The regex comes compiled from the disk cache where an
    earlier process stored it (compiling it costs more than a short text takes to tag)."""
    pattern, parts, firsts, cased = cached("tense", _derive_cues, sources=(__file__,))
    rows = load_table("temporal_tense_cues")
    return (
        regex(pattern, re.IGNORECASE, parts),
        tuple((r["tense"], int(r["reach"] or BEFORE)) for r in rows),
        firsts,
        cased,
    )


def _derive_cues() -> tuple[str, tuple | None, frozenset[str], frozenset[str]]:
    body = "|".join(f"(?P<c{i}>{row['cue']})" for i, row in enumerate(load_table("temporal_tense_cues")))
    pattern = rf"\b(?:{body})\b"
    firsts = frozenset(w.lower() for w in re.findall(r"[A-Za-z']+", _CASED.sub("", body)))
    cased = frozenset(w for part in _CASED.findall(body) for w in re.findall(r"[A-Za-z']+", part))
    return pattern, regex_parts(pattern, re.IGNORECASE), firsts, cased


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
    row = tense_cue(text, start, end, lo, hi)
    return row["tense"] if row is not None else ""


def tense_cue(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> dict | None:
    """The row of temporal_tense_cues.csv whose cue tells the tense of text[start:end] (None when none does)."""
    hi = len(text) if hi is None else hi
    _, tenses, _, _ = _cues()
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


def speaks_from_now(text: str, lo: int, hi: int, asides: Asides) -> bool:
    """Whether the writer's narration in text[lo:hi] holds a cue that speaks from the time of writing ("is",
    "will": the `now` column of temporal_tense_cues.csv). Quoted speech speaks from the time it was said, and an
    aside in parentheses ("(this quote is disputed)") comments on the story without leaving it."""
    rows = load_table("temporal_tense_cues")
    for a, b in asides.narration(lo, hi):
        if any(rows[int(m.lastgroup[1:])].get("now") == "yes" for m in _cue_matches(text, a, b)):
            return True
    return False


_MARK = re.compile(r'["“”()\n]')


class Asides:
    """The spans of a text inside quotation marks or parentheses (none crosses a line break), found in one pass
    when first asked for."""

    def __init__(self, text: str):
        self.text = text
        self._spans: list[tuple[int, int]] | None = None
        self._starts: list[int] = []

    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            spans, depth, quote, opened = [], 0, False, 0
            for q in _MARK.finditer(self.text):
                c = q.group()
                was_inside = depth > 0 or quote
                if c == "\n":
                    depth, quote = 0, False
                elif c == '"':
                    quote = not quote
                elif c in "“”":
                    quote = c == "“"
                else:
                    depth = depth + 1 if c == "(" else max(0, depth - 1)
                inside = depth > 0 or quote
                if inside and not was_inside:
                    opened = q.start()
                elif was_inside and not inside:
                    spans.append((opened, q.end()))
            if depth > 0 or quote:
                spans.append((opened, len(self.text)))
            self._spans, self._starts = spans, [a for a, _ in spans]
        return self._spans

    def covers(self, start: int, end: int) -> bool:
        """Whether text[start:end] stands inside quotation marks or parentheses."""
        spans = self.spans()
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and spans[i][1] >= end

    def narration(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The parts of text[lo:hi] outside quotation marks and parentheses."""
        spans = self.spans()
        out, a = [], lo
        for s, e in spans[max(0, bisect_right(self._starts, lo) - 1) :]:
            if s >= hi:
                break
            if e <= a:
                continue
            if s > a:
                out.append((a, s))
            a = max(a, e)
        if a < hi:
            out.append((a, hi))
        return out
