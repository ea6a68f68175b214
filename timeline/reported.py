"""Events a news article reports without a date of their own.

A sentence with actors but no date expression, whose verbs are in the past or present tense ("Tolland said",
"the Galaxy S3 has a new frame", "the union has rejected"), reports the news the article came out with:

- in the present tense, it is placed on the publication date (``anchor = publication``);
- in the past tense, on the day of the news event the article dated last before it, when that day lies in the
  week up to publication ("Tolland said yesterday ..." -- "Tolland also said ..."), else on the publication date.
  News narrates the event its lead dated in the sentences that follow (``anchor = context``).

A sentence only about the future ("will meet", "are expected to") or about another time ("had previously
held", "one year later": reported_other_time.csv) is not placed; one that reports today what
will happen later ("Tolland announced that the engine would ship in 2027") is placed on the publication date
too, beside its future date. Such a row writes no date (``date_text`` is empty); its ``cue`` is the verb that
gives the tense, and its evidence span (``date_start``, ``date_end``) points at that verb.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Sequence

from .labels import clause_label
from .model import Article, Span, Timex
from .resources import load_table
from .schema import Event

_PARTICIPLE = re.compile(
    r"\s+(?:(?:not|also|already|now|just|since|recently|yet|never|ever|long|been)\s+)*"
    r"(?:been|had|done|gone|made|said|told|won|lost|left|\w+(?:ed|en|wn|ne|ght|id|ot|un))\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


_WORD = re.compile(r"[A-Za-z' ][A-Za-z' ?]*")  # a word of a cue: letters, perhaps made optional ("plans? to")


def _by_first_letter(cue: str) -> str:
    """A cue that lists words ("said|told|was|afterwards?") as the same words grouped by their first letter, after a
    lookahead of those letters ("(?=[stwa])(?:s(?:aid)|t(?:old)|w(?:as)|a(?:fterwards?))"); any other cue as it is.
    The regex engine tries the words of a case-insensitive alternation one by one, at every word of a sentence: then
    it tests the first letter once, and tries one group for it. Words of two groups never both match at one place,
    so that the order of the groups changes nothing."""
    words = cue.split("|")
    if not all(_WORD.fullmatch(word) and word[1:2] != "?" and "??" not in word for word in words):
        return cue
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0].lower(), []).append(word[1:])
    firsts = "".join(groups).replace(" ", r"\ ")
    return f"(?=[{firsts}])(?:" + "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()) + ")"


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, tuple[str, ...]]:
    rows = load_table("reported_tense")
    body = "|".join(f"(?P<c{i}>{_by_first_letter(row['cue'])})" for i, row in enumerate(rows))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE), tuple(r["tense"] for r in rows)


@lru_cache(maxsize=1)
def _other_time() -> re.Pattern:
    body = _by_first_letter("|".join(row["cue"] for row in load_table("reported_other_time")))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


def _quotations(text: str, sentence: Span) -> tuple[list[int], list[int]]:
    """(starts, ends) of the quotations of a sentence, in text order (they never overlap)."""
    spans = [m.span() for m in _QUOTED.finditer(text, sentence.start, sentence.end)]
    return [a for a, _ in spans], [b for _, b in spans]


def _quoted(quotations: tuple[list[int], list[int]], offset: int) -> bool:
    starts, ends = quotations
    i = bisect_right(starts, offset)
    return i > 0 and offset < ends[i - 1]


def about_another_time(text: str, sentence: Span) -> bool:
    """ "He had previously held ...", "One year later ...": the sentence tells of another time than the news."""
    cues = [m.start() for m in _other_time().finditer(text, sentence.start, sentence.end)]
    if not cues:  # most sentences: no need to find their quotations
        return False
    quotations = _quotations(text, sentence)
    return any(not _quoted(quotations, cue) for cue in cues)


def reporting_verb(text: str, sentence: Span) -> tuple[int, int, str] | None:
    """(start, end, tense) of the first past or present verb of the sentence outside quotations, unless a
    future cue comes before it (then the sentence is about what will happen)."""
    regex, tenses = _cues()
    quotations = _quotations(text, sentence)
    for m in regex.finditer(text, sentence.start, sentence.end):
        if _quoted(quotations, m.start()):
            continue
        assert m.lastgroup is not None  # every alternative of the pattern is a named group
        t = tenses[int(m.lastgroup[1:])]
        if t == "future":
            return None
        if m.group(0).lower() in ("has", "have") and _PARTICIPLE.match(text, m.end()):
            t = "past"  # the present perfect: "the union has rejected" (but "the phone has a new frame")
        if t in ("past", "present"):
            return m.start(), m.end(), t
    return None


NEWS_WEEK = dt.timedelta(days=7)


def publication_events(
    article: Article, spans: Sequence[Span], timexes: Sequence[Timex], actors, columns: dict
) -> list[Event]:
    """Rows for the sentences with actors that hold no date (or only dates after publication, reported today).
    ``timexes``: the article's dates on the timeline, in text order."""
    if article.published is None or actors is None:
        return []
    published = article.published
    if isinstance(published, dt.datetime):
        published = published.date()
    rows = []
    starts = [t.start for t in timexes]
    news_days = _news_days(timexes, published)
    for sentence in spans:
        # the cheap tests first: most sentences fail one of them
        inside = timexes[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        if inside and not all(t.begin is not None and t.begin.date() > published for t in inside):
            continue  # its own dates place it
        names = list(actors(article, sentence))
        if not names:
            continue
        verb = reporting_verb(article.text, sentence)
        if verb is None or about_another_time(article.text, sentence):
            continue
        start, end, tense = verb
        if inside and not (tense == "past" and start < inside[0].start):
            continue  # dates after publication are its own unless a past verb before them reports them today
        day, anchor = published, "publication"
        if tense == "past" and not inside:
            news = _news_day(news_days, sentence.start)
            if news is not None and news != published:
                day, anchor = news, "context"
        begin = dt.datetime(day.year, day.month, day.day)
        sentence_text = article.text[sentence.start : sentence.end]
        rows.append(
            Event(
                **columns,
                event_id=f"{article.id}@{start}-{end}p",
                date=day.isoformat(),
                type="DATE",
                mod="",
                granularity="day",
                start=begin,
                end=begin + dt.timedelta(days=1),
                date_text="",
                cue=article.text[start:end],
                date_start=start,
                date_end=end,
                sentence=sentence_text,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                label=clause_label(sentence_text, start - sentence.start, end - sentence.start),
                actors=names,
                tense=tense,
                anchor=anchor,
            )
        )
    return rows


def _news_days(timexes: Sequence[Timex], published: dt.date) -> tuple[list[int], list[dt.date]]:
    """(offsets, days) of the dated news events, in text order: a day in the week up to publication."""
    offsets, days = [], []
    for t in timexes:
        if t.begin is not None and t.granularity in ("day", "time"):
            day = t.begin.date()
            if published - NEWS_WEEK <= day <= published:
                offsets.append(t.start)
                days.append(day)
    return offsets, days


def _news_day(news_days: tuple[list[int], list[dt.date]], before: int) -> dt.date | None:
    """The day of the last dated news event before an offset (``_news_days``)."""
    offsets, days = news_days
    i = bisect_left(offsets, before)
    return days[i - 1] if i else None
