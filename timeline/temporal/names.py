"""Date words inside a name or a title: "USA Today", NBC's "Today" show, the film "Next Year's Models".

A date word that running text writes in lower case ("today", "this week", "next year") is part of a name
where it is capitalised in the middle of a sentence: after a capitalised word ("USA Today"), or opening a
quoted title in Title Case (the film "Next Year's Models"). Headings set in Title Case capitalise every word, so
there capitalisation tells nothing ("Big Gains for Next Year").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..resources import load_table
from .vocab import relatives

_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_OPENING_QUOTES = '"“‘`'
_CLOSING_QUOTE = re.compile(r"[\"”’]|''")
_CLAUSE_END = ".!?:;,()[]—–-_@"  # a word after these may open a sentence or clause, or a heading
_LINKS = re.compile(r"(?<!\S)\S+://\S*|[@#]\w+")  # addresses, handles and hashtags are no words of a title
_CLAUSE_BREAKS = "\n:;—–"
_TITLE_REACH = 80  # characters of a quoted title looked at
_HEADING_REACH = 200  # characters on each side looked at for a heading in Title Case


@lru_cache(maxsize=1)
def lower_case_words() -> frozenset[str]:
    """First words of date expressions that running text writes in lower case ("today", "this", "next")."""
    rows = load_table("temporal_vocabulary")
    words = {row["word"].split()[0] for row in rows if row["word"][:1].islower()}
    words |= {w.split()[0] for w in relatives()}
    # names the table also writes capitalised ("November", "Friday") are proper names, lower case only informally
    names = {row["word"].split()[0].lower() for row in rows if row["word"][:1].isupper()}
    return frozenset(words - names)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    return frozenset(row["word"] for row in load_table("temporal_title_words"))


def title_case(text: str, least: int = 2) -> bool:
    """Every word is capitalised, but for the short ones a title leaves in lower case (`least` words at least)."""
    words = _WORD.findall(text)
    return len(words) >= least and all(w[0].isupper() or w.lower() in title_words() for w in words)


def in_name(text: str, start: int, sentence: Callable[[], tuple[int, int]]) -> bool:
    """Whether the expression at `start` is part of a name or a title. `sentence` gives the bounds of the
    sentence around it (asked for only when the cheap tests leave the question open)."""
    first = _WORD.match(text, start)
    if first is None:
        return False
    word = first.group()
    if not (word[0].isupper() and word[1:].islower()) or word.lower().rstrip(".") not in lower_case_words():
        return False
    i = _skip_blanks(text, start)
    quoted = i > 0 and text[i - 1] in _OPENING_QUOTES
    while i > 0 and text[i - 1] in _OPENING_QUOTES:
        i -= 1
    i = _skip_blanks(text, i)
    if i == 0 or text[i - 1].isspace() or text[i - 1] in _CLAUSE_END:
        return False  # the start of a text, line, sentence or clause
    if quoted:  # a quotation opened in mid-sentence: a title if in Title Case
        close = _CLOSING_QUOTE.search(text, start, start + _TITLE_REACH)
        return close is not None and title_case(text[start : close.start()], least=1)
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    if not text[j].isupper():  # the word before is no name's
        return False
    lo, hi = sentence()
    lo, hi = max(lo, start - _HEADING_REACH), min(hi, start + _HEADING_REACH)
    return not title_case(_clause(text[lo:hi], start - lo))


def _clause(sentence: str, at: int) -> str:
    """The part of the sentence around offset `at` between line breaks, colons, semicolons and dashes (web
    addresses, handles and hashtags left out)."""
    sentence = _LINKS.sub(lambda m: " " * len(m.group()), sentence)
    left = max(sentence.rfind(c, 0, at) for c in _CLAUSE_BREAKS)
    rights = [i for i in (sentence.find(c, at) for c in _CLAUSE_BREAKS) if i >= 0]
    return sentence[left + 1 : min(rights, default=len(sentence))]


def _skip_blanks(text: str, i: int) -> int:
    """The offset before the spaces and tabs (not line breaks) that end at i."""
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i
