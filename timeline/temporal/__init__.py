"""Find and normalise temporal expressions (TIMEX3) in news text, anchored on the publication date.

    from timeline.temporal import tag
    tag(text, published, sentences=None) -> list[Timex]

The vocabulary and the rules are tables in timeline/resources/temporal_*.csv (patterns, vocabulary, relative
words, tense cues, holidays), each row with an example that tests/test_temporal.py checks. The engine:
scanner.py finds the expressions (one master regex built from the tables), normalize.py dispatches each to
its handler (days.py, periods.py, amounts.py), context.py holds the reference times and places dates without a
year in the direction that tense.py reads from the clause; calendar.py does the TIMEX3 arithmetic. genres.py
switches on the rules of a genre (temporal_genres.csv: an earnings report's "the quarter") where the text shows
evidence of it.
The reference time is the publication date, or the last date placed in the text where a rule says so
("the next day", "two days later", "that month"), or the date the story told is at for an expression that
follows the story ("in October", "June 10": temporal_anchoring.csv) in a passage that tells one (story.py).
Each Timex says which reference placed it: absolute | publication | narrative | sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import replace
from functools import partial

from ..model import Span, Timex
from ..sentences import sentence_bounds as split_sentences
from .calendar import Point, at
from .context import Here
from .genres import TextGenres
from .names import in_name
from .normalize import HANDLERS, Context, Result, Unanchored
from .ranges import second_days
from .scanner import scan
from .story import Narrative, Story, anchoring, moves_story
from .tense import Asides, speaks_from_now

__all__ = ["tag"]

_RANGE_GAP = re.compile(r"\s*(?:to|until|till|through|thru|and|-|–|—)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_RANGE_GAP_MAX = 20
LEAD_CHARS = 60  # the words right before a date that may keep the story where it was ("since")


def tag(
    text: str, published: dt.date | None, sentences: list[Span] | None = None, *, tense: bool = True
) -> list[Timex]:
    """Every temporal expression of `text`, sorted by offset and non-overlapping. tense=False leaves
    Timex.tense empty, for callers that do not use it (reading the clause of every date costs time)."""
    if not isinstance(text, str):
        return []
    published = _as_date(published)
    split = _Sentences(text, sentences)
    asides = Asides(text)  # quoted speech and parentheses, found when first needed
    news = _NewsScan(text, asides)
    sentence_bounds = split.bounds
    out: list[Timex] = []
    narrative: Narrative | None = None  # the last date placed, and what placed it
    story = Story()  # the dates told, and the last that moved the story
    story_quarter: Point | None = None  # the first ended quarter named: what a business story reports
    last_day: tuple[int, Point] | None = None  # where a day was placed, and the day

    def news_since(n: int, offset: int) -> bool:
        """Whether a sentence after sentence n, before the one at offset, speaks from the time of writing."""
        return news.since(n, split.spans[n][1], sentence_bounds(offset)[0])

    genres = TextGenres(text)
    for m in scan(text, genres):
        if in_name(text, m.start, partial(sentence_bounds, m.start)):  # "USA Today", the film "Last Night"
            continue
        groups = dict(m.groups, _text=text[m.start : m.end])

        same_day = None
        if (
            m.rule.reference == "sentence"
            and last_day is not None
            and sentence_bounds(last_day[0])[0] == sentence_bounds(m.start)[0]
        ):
            same_day = last_day[1]

        here = Here(m.start, m.end, text, sentence_bounds, split.number, news_since)
        ctx = Context(
            published, narrative, story.now, story_quarter, here, same_day, anchoring(m.rule.name, m.rule.reference)
        )
        # the period just named was a duration ("for the nine months ... a year earlier"), in this sentence
        ctx.after_duration = bool(out) and out[-1].type == "DURATION" and out[-1].end >= sentence_bounds(m.start)[0]
        try:
            try:
                res = HANDLERS[m.rule.handler](groups, ctx, m.rule.args, ctx.anchoring.reference)
            except Unanchored as u:
                res = Result(_type_of(m.rule.handler), u.value, None, "", "unanchored", sets_narrative=False)
            timex = _timex(m.start, m.end, text, res, ctx, tense)
        except Exception:  # a date out of the calendar's range ("10000 years later"): not a date
            continue
        out.append(timex)
        if res.point is not None and res.sets_narrative:
            told, last = Narrative(res.point, timex.reference, m.start, split.number), narrative
            # the defaults keep this round's values; mypy cannot infer a lambda with defaults
            story.told(
                told,
                lambda told=told, last=last, ctx=ctx: moves_story(  # type: ignore[misc]
                    told,
                    last,
                    lambda: ctx.tense,
                    text[max(0, ctx.here.start - LEAD_CHARS) : ctx.here.start],
                    lambda: asides.covers(ctx.here.start, ctx.here.end),
                ),
            )
            narrative = told
            if (
                res.point.gran == "quarter"
                and story_quarter is None
                and (published is None or res.point.finish.date() <= published)
            ):
                story_quarter = res.point
            if res.point.gran in ("day", "time", "part"):
                last_day = (m.start, at("day", res.point.start))  # (its sentence found only when asked for)
    story.close()
    return _mark_ranges(text, second_days(text, out))


def _as_date(published) -> dt.date | None:
    """The publication date as a date (a datetime or an ISO string are accepted; anything else is unknown)."""
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            return None
    return None


def _type_of(handler: str) -> str:
    return {"time": "TIME", "part_of_day": "TIME", "part_word": "TIME", "duration": "DURATION", "set": "SET"}.get(
        handler, "DATE"
    )


def _timex(start: int, end: int, text: str, res: Result, ctx: Context, tense: bool = True) -> Timex:
    point = res.point
    value = res.value or (point.value if point is not None else "")
    dated = point if res.type in ("DATE", "TIME") else None
    placed = dated if dated and not dated.bc else None  # a date BC has a value but no place among datetimes
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=res.type,
        value=value,
        mod=res.mod,
        anchor=res.anchor,
        tense=ctx.tense if tense and res.type in ("DATE", "TIME") else "",
        granularity=dated.granularity if dated else "",
        begin=placed.start if placed else None,
        finish=placed.finish if placed else None,
        reference=("absolute" if res.anchor == "absolute" else ctx.used) if dated else "",
    )


class _NewsScan:
    """Whether the narration speaks from the time of writing somewhere after a sentence, each stretch of text
    read once however often the question is asked."""

    def __init__(self, text: str, asides: Asides):
        self.text, self.asides = text, asides
        self._read: dict[int, tuple[int, bool]] = {}  # sentence number -> (read up to, found)

    def since(self, n: int, lo: int, hi: int) -> bool:
        upto, found = self._read.get(n, (lo, False))
        if not found and upto < hi:
            found, upto = speaks_from_now(self.text, upto, hi, self.asides), hi
            self._read[n] = (upto, found)
        return found


class _Sentences:
    """The sentences of a text, split when first asked for (a text without dates is never split)."""

    def __init__(self, text: str, spans: list[Span] | None):
        self.text = text
        self._given = spans
        self._bounds: list[tuple[int, int]] | None = None
        self._ends: list[int] = []
        self._last: tuple[int, tuple[int, int]] = (-1, (0, 0))

    @property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence."""
        if self._bounds is None:
            if self._given is not None:
                self._bounds = [(s.start, s.end) for s in self._given]
            else:
                try:
                    self._bounds = split_sentences(self.text)
                except Exception:  # the splitter is shared; a failure there must not lose the dates
                    self._bounds = [(0, len(self.text))]
            self._ends = [end for _, end in self._bounds]
        return self._bounds

    def bounds(self, offset: int) -> tuple[int, int]:
        """The sentence holding the offset (the whole text where none does)."""
        if self._last[0] != offset:  # asked again and again for the expression at hand
            spans = self.spans
            i = bisect_right(self._ends, offset)
            self._last = (offset, spans[i] if i < len(spans) and spans[i][0] <= offset else (0, len(self.text)))
        return self._last[1]

    def number(self, offset: int) -> int:
        """The number of the sentence holding the offset (counted from 0)."""
        return bisect_right(self._ends, offset) if self.spans else 0


def _mark_ranges(text: str, out: list[Timex]) -> list[Timex]:
    """ "from 2001 to 2009", "between May and July": two dates, marked as the ends of one range."""
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.type not in ("DATE", "TIME") or b.type not in ("DATE", "TIME") or b.start - a.end > _RANGE_GAP_MAX:
            continue
        dash = text[a.end : b.start].strip(" ") in ("-", "–")  # "1999-2000", "3 - 5 October"
        if dash or (
            _RANGE_GAP.fullmatch(text, a.end, b.start) and _RANGE_OPEN.search(text, max(0, a.start - 10), a.start)
        ):
            gap = text[a.end : b.start].strip().lower()
            if gap == "and" and not text[max(0, a.start - 10) : a.start].lower().rstrip().endswith("between"):
                continue
            out[i], out[i + 1] = replace(_year_of_range(a, b), range_role="from"), replace(b, range_role="to")
    return out


_MONTH_OR_DAY = re.compile(r"(\d{4}|XXXX)-(\d\d)(?:-(\d\d))?")
_WRITTEN_YEAR = re.compile(r"\d{4}|['’]\d\d\b")


def _year_of_range(a: Timex, b: Timex) -> Timex:
    """ "from March to May 1998", "between Dec. 20 and Jan. 5, 2012": the first end takes its year from the
    second, where only the second writes one (the year before when its month comes later in the year)."""
    first, last = _MONTH_OR_DAY.fullmatch(a.value), _MONTH_OR_DAY.fullmatch(b.value)
    if (
        not first
        or not last
        or last.group(1) == "XXXX"
        or _WRITTEN_YEAR.search(a.text)
        or not _WRITTEN_YEAR.search(b.text)
    ):
        return a
    month, day = int(first.group(2)), int(first.group(3) or 1)
    later_in_year = (month, day) > (int(last.group(2)), int(last.group(3) or 31))
    year = int(last.group(1)) - later_in_year
    try:
        point = at("day" if first.group(3) else "month", dt.datetime(year, month, day))
    except ValueError:  # "Feb. 29" in a year without it
        return a
    return replace(
        a,
        value=point.value,
        begin=point.start,
        finish=point.finish,
        granularity=point.granularity,
        anchor="absolute",
        reference="absolute",
    )
