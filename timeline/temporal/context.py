"""What the value handlers share: their result, the reference times and tense of a match, and the rule
that places a date without a year (the nearest occurrence in the direction of the tense)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from .calendar import Point, add_months, at, era_year
from .story import Anchoring, Narrative, nearest_in_story, tells_story
from .tense import tense_cue
from .vocab import lookup

AGAINST_TENSE_DAYS = 300  # a date without a year may point against the tense only if it is this much nearer
AGAINST_NEWS_DAYS = 150  # with no tense cue, news reports the past: a future date must be this much nearer
PERIODS = ("quarter", "half", "month", "season", "day")  # what "a year earlier" may take from the narrative


@dataclass
class Result:
    type: str
    value: str
    point: Point | None = None
    mod: str = ""
    anchor: str = "relative"
    sets_narrative: bool = True

    def placed(self) -> Point:
        """The point, from a handler whose dates always have one (ValueError where there is none)."""
        if self.point is None:
            raise ValueError("no date placed")
        return self.point


class Unanchored(Exception):
    """A relative expression with nothing to anchor it on; carries the value to write instead."""

    def __init__(self, value: str):
        super().__init__(value)
        self.value = value


class Here:
    """An expression in its text, for what a handler may ask about it: the tense cue of its clause, the words of
    its sentence before it, the number of its sentence, whether the text spoke from the time of writing since an
    earlier sentence. Each is read only when asked for."""

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        bounds: Callable[[int], tuple[int, int]],
        number: Callable[[int], int],
        news_since: Callable[[int, int], bool],
    ):
        self.start, self.end, self.text = start, end, text
        self._bounds, self._number, self._news_since = bounds, number, news_since

    def cue(self) -> dict | None:
        lo, hi = self._bounds(self.start)
        return tense_cue(self.text, self.start, self.end, lo, hi)

    def before(self) -> str:
        return self.text[self._bounds(self.start)[0] : self.start]

    def sentence(self) -> int:
        return self._number(self.start)

    def news_since(self, n: int) -> bool:
        return self._news_since(n, self.start)


class Context:
    """What a handler may know beyond its match: the reference times and the tense of the clause.

    `used` records which reference placed the expression (publication | narrative | sentence)."""

    def __init__(
        self,
        published: dt.date | None,
        last: Narrative | None,
        story: Callable[[], Narrative | None],
        story_quarter: Point | None,
        here: Here,
        same_sentence_day: Point | None = None,
        anchoring: Anchoring = Anchoring(),
    ):
        self.published = published
        self.last = last  # the last date placed: what "the next day" counts from
        self._story = story  # where the story is, worked out when first asked for
        self.narrative = last.point if last is not None else None
        self.story_quarter = story_quarter
        self.here = here  # the expression in its text: its clause, its sentence
        self._cue_row: dict | None = None
        self._cue_read = False
        self.same_sentence_day = same_sentence_day
        self.anchoring = anchoring  # how an expression that follows the story finds it
        self.after_duration = False  # the expression just before this one was a duration
        self.used = ""

    @property
    def story(self) -> Narrative | None:
        """The last date that moved the story: what "in June" follows."""
        return self._story()

    @property
    def cue(self) -> dict | None:
        """The row of temporal_tense_cues.csv that tells the tense of the clause (None: no cue)."""
        if not self._cue_read:
            self._cue_row, self._cue_read = self.here.cue(), True
        return self._cue_row

    @property
    def tense(self) -> str:
        return self.cue["tense"] if self.cue is not None else ""

    @property
    def speaks_from_now(self) -> bool:
        """The clause speaks from the time of writing ("will", "is"): it reports the news, not a story."""
        return self.cue is not None and self.cue.get("now") == "yes"

    @property
    def before(self) -> str:
        """The text of the sentence before the expression."""
        return self.here.before()

    @property
    def direction(self) -> int:
        return {"past": -1, "future": 1}.get(self.tense, 0)

    def ref(self, reference: str, fallback: str, needs: str | None = None) -> Point:
        """The reference day: the narrative's last date (when the rule says so, or when a rule that follows the
        story finds the passage telling one) or the publication date."""
        if reference == "sentence":  # a time of day: the day of its sentence, else the story's day
            if self.same_sentence_day is not None:
                self.used = "sentence"
                return self.same_sentence_day
            reference, needs = "story", "day"
        if reference == "story":
            a = self.anchoring
            story = self.story
            if story is not None and tells_story(
                story,
                self.published,
                lambda: self.speaks_from_now,
                needs or a.needs,
                lambda: self.here.sentence() - story.sentence,
                a.reach,
                lambda: self.here.news_since(story.sentence),
            ):
                return self._use(story)
            reference = "dct"
        if reference == "narrative" and self.last is not None:
            return self._use(self.last)
        if self.published is not None:
            self.used = "publication"
            return at("day", self.published)
        if self.last is not None:
            return self._use(self.last)
        raise Unanchored(fallback)

    def _use(self, told: Narrative) -> Point:
        """The date told, noting whether it was written in this expression's sentence or before."""
        self.used = "sentence" if told.sentence == self.here.sentence() else "narrative"
        return told.point

    def nearest(self, candidates: list[Point], ref: Point, direction: int | None = None) -> Point:
        """The candidate the reference just used points to: from the publication date, the nearest in the
        direction of the tense (or the direction given); from the story, the nearest to the date it is at."""
        if self.used == "publication":
            return nearest(candidates, ref.start, self.direction if direction is None else direction)
        return nearest_in_story(candidates, ref, self.published, lambda: self.tense)


def modifier(g: dict) -> str:
    m = g.get("mod") or g.get("approx")
    if not m:
        return ""
    words = re.sub(r"(?<!\s)\s+in$", "", re.sub(r"^(?:the\s+)?(?:very\s+)?", "", m.lower()))
    if g.get("approx"):
        return "APPROX"
    return lookup("modifier", words) or ""


def as_int(s: str | None) -> int | None:
    return int(s) if s and s.isdigit() else None


def year_of(g: dict) -> int | None:
    if g.get("year"):
        return int(g["year"])
    if g.get("eyear"):  # "481 BC", "1066 AD"
        return era_year(int(g["eyear"]), bc=lookup("era", g["era"]) == "BC")
    if g.get("adyear"):  # "AD 79"
        return int(g["adyear"])
    if g.get("syear"):
        return spoken_year(g["syear"])
    return None


def spoken_year(s: str) -> int | None:
    parts = [p for p in re.split(r"[\s-]+", s.lower()) if p not in ("and", "hundred")]
    if not parts:
        return None
    if parts[0] == "two" and len(parts) > 1 and parts[1] == "thousand":
        return 2000 + sum(int(lookup("number", p) or 0) for p in parts[2:])
    if parts[0] != "nineteen":
        return None
    rest = sum(int(lookup("number", p) or 0) for p in parts[1:])
    return 1900 + rest


def nearest(candidates: list[Point], ref: dt.datetime, direction: int) -> Point:
    """The candidate nearest to ref; one on the wrong side of the tense pays AGAINST_TENSE_DAYS."""

    def cost(p: Point) -> float:
        if p.start <= ref < p.finish:
            return 0.0
        days = (p.start - ref).days if p.start > ref else (ref - p.finish).days + 1
        if direction == 0:
            return days + (AGAINST_NEWS_DAYS if p.start > ref else 0)
        against = (p.start > ref and direction < 0) or (p.finish <= ref and direction > 0)
        return days + (AGAINST_TENSE_DAYS if against else 0)

    return min(candidates, key=cost)


def strictly(candidates: list[Point], ref: dt.datetime, offset: int, skip_months: int = 0) -> Point:
    """ "last X": the latest wholly before ref; "next X": the first after ref (skipping skip_months months:
    the month just gone is "last month", so "last February" said in March is a year back)."""
    if offset < 0:
        limit = add_months(ref, -skip_months)
        return max((p for p in candidates if p.finish <= limit), key=lambda p: p.start)
    limit = add_months(ref, skip_months)
    return min((p for p in candidates if p.start >= limit and p.start > ref), key=lambda p: p.start)


def years_around(ref: Point) -> range:
    return range(ref.start.year - 1, ref.start.year + 2)


def valid_date(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def number(s: str) -> float | None:
    s = re.sub(r"\s+", " ", s.lower())
    if s.endswith(" and a half"):  # "two and a half"
        whole = number(s[: -len(" and a half")])
        return None if whole is None else whole + 0.5
    if s[0].isdigit():
        return float(s)
    v = lookup("number", s)
    if v is None and "-" in s:
        tens, ones = s.split("-", 1)
        a, b = lookup("number", tens), lookup("number", ones)
        return float(a) + float(b) if a and b and a != "X" and b != "X" else None
    return None if v in (None, "X") else float(v)
