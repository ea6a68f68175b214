"""A short readable label for an event: the clause of its sentence around the date expression."""

from __future__ import annotations

import re
from functools import lru_cache

from .resources import load_table

MAX_LABEL = 120


def _one_space(text: str) -> str:
    r"""Each run of white space as one space (``re.sub(r"\s+", " ", text)``, quicker: a label is cut from three of
    them). ``str.split`` and the regex's ``\s`` know the same white space."""
    words = text.split()
    if not words:
        return " " if text else ""
    spaced = " ".join(words)
    return (" " if text[0].isspace() else "") + spaced + (" " if text[-1].isspace() else "")


@lru_cache(maxsize=1)
def _clause_break() -> re.Pattern:
    """The label rows of clause_breaks.csv, with the white space after them (the white space before a break
    is added by ``_clauses``: a search that began at every space of a long run would read it again each time)."""
    rows = (row["break"] for row in load_table("clause_breaks") if row["label"] == "yes")
    return re.compile(rf"(?:{'|'.join(rows)})\s*")


@lru_cache(maxsize=256)
def _clauses(sentence: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the sentence's clauses, between the label breaks of clause_breaks.csv and the white space
    around them (cached: every date of a sentence asks)."""
    bounds = [0]
    for m in _clause_break().finditer(sentence):
        start = m.start()
        while start > bounds[-1] and sentence[start - 1].isspace():
            start -= 1
        bounds += [start, m.end()]
    bounds.append(len(sentence))
    return tuple((a, b) for a, b in zip(bounds[::2], bounds[1::2]) if b > a)


def clause_label(sentence: str, date_start: int, date_end: int, limit: int = MAX_LABEL) -> str:
    """The clause holding ``sentence[date_start:date_end]``, widened to neighbouring clauses while short,
    trimmed around the date to at most ``limit`` characters."""
    clauses = _clauses(sentence)
    if not clauses:
        return ""
    here = next((i for i, (a, b) in enumerate(clauses) if a <= date_start < b or date_start < a), len(clauses) - 1)
    lo = hi = here
    start, end = clauses[here]
    while end - start < 40 and (lo > 0 or hi < len(clauses) - 1):
        if lo > 0:
            lo -= 1
            start = clauses[lo][0]
        if end - start < 40 and hi < len(clauses) - 1:
            hi += 1
            end = clauses[hi][1]
    # what lies beyond twice the limit on either side never shows; leaving it out keeps long clauses cheap
    start, end = max(min(start, date_start), date_start - 2 * limit), min(max(end, date_end), date_end + 2 * limit)
    before = _one_space(sentence[start:date_start]).lstrip(" ,;:—–-\"'“”‘’")
    date = _one_space(sentence[date_start:date_end])
    after = _one_space(sentence[date_end:end]).rstrip(" ,;:—–-\"'“”‘’")
    if len(before) + len(date) + len(after) <= limit:
        return (before + date + after).strip()
    # keep the date in view: spend what is left of the budget on both sides, cut on word boundaries
    room = max(0, limit - len(date) - 2)
    left_room = min(len(before), max(room // 2, room - len(after)))
    right_room = room - left_room
    if len(before) > left_room:
        before = "…" + before[len(before) - left_room :].split(" ", 1)[-1].lstrip()
    if len(after) > right_room:
        after = after[:right_room].rsplit(" ", 1)[0] + "…"
    return (before + date + after).strip()
