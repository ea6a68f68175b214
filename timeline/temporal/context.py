"""What the value handlers share: their result, the reference times and tense of a match, and the rule
that places a date without a year (the nearest occurrence in the direction of the tense)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from .calendar import Point, add_months, at, era_year
from .vocab import lookup

AGAINST_TENSE_DAYS = 300   # a date without a year may point against the tense only if it is this much nearer
AGAINST_NEWS_DAYS = 150    # with no tense cue, news reports the past: a future date must be this much nearer
PERIODS = ("quarter", "half", "month", "season", "day")   # what "a year earlier" may take from the narrative


@dataclass
class Result:
    type: str
    value: str
    point: Point | None = None
    mod: str = ""
    anchor: str = "relative"
    sets_narrative: bool = True


class Unanchored(Exception):
    """A relative expression with nothing to anchor it on; carries the value to write instead."""

    def __init__(self, value: str):
        super().__init__(value)
        self.value = value


class Context:
    """What a handler may know beyond its match: the reference times and the tense of the clause."""

    def __init__(self, published: dt.date | None, narrative: Point | None, story_quarter: Point | None,
                 tense: Callable[[], str], same_sentence_day: Point | None = None,
                 before: Callable[[], str] | None = None):
        self.published = published
        self._before = before
        self.narrative = narrative
        self.story_quarter = story_quarter
        self._tense = tense
        self._tense_value: str | None = None
        self.same_sentence_day = same_sentence_day
        self.after_duration = False         # the expression just before this one was a duration

    @property
    def tense(self) -> str:
        if self._tense_value is None:
            self._tense_value = self._tense()
        return self._tense_value

    @property
    def before(self) -> str:
        """The text of the sentence before the expression."""
        return self._before() if self._before is not None else ""

    @property
    def direction(self) -> int:
        return {"past": -1, "future": 1}.get(self.tense, 0)

    def ref(self, reference: str, fallback: str) -> Point:
        """The reference day: the narrative's last date (when the rule says so) or the publication date."""
        if reference == "narrative" and self.narrative is not None:
            return self.narrative
        if reference == "sentence" and self.same_sentence_day is not None:
            return self.same_sentence_day
        if self.published is not None:
            return at("day", self.published)
        if self.narrative is not None:
            return self.narrative
        raise Unanchored(fallback)


def modifier(g: dict) -> str:
    m = g.get("mod") or g.get("approx")
    if not m:
        return ""
    words = re.sub(r"\s+in$", "", re.sub(r"^(?:the\s+)?(?:very\s+)?", "", m.lower()))
    if g.get("approx"):
        return "APPROX"
    return lookup("modifier", words) or ""


def as_int(s: str | None) -> int | None:
    return int(s) if s and s.isdigit() else None


def year_of(g: dict) -> int | None:
    if g.get("year"):
        return int(g["year"])
    if g.get("eyear"):                      # "481 BC", "1066 AD"
        return era_year(int(g["eyear"]), bc=lookup("era", g["era"]) == "BC")
    if g.get("adyear"):                     # "AD 79"
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
    """"last X": the latest wholly before ref; "next X": the first after ref (skipping skip_months months:
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
    if s.endswith(" and a half"):                   # "two and a half"
        whole = number(s[:-len(" and a half")])
        return None if whole is None else whole + 0.5
    if s[0].isdigit():
        return float(s)
    v = lookup("number", s)
    if v is None and "-" in s:
        tens, ones = s.split("-", 1)
        a, b = lookup("number", tens), lookup("number", ones)
        return float(a) + float(b) if a and b and a != "X" and b != "X" else None
    return None if v in (None, "X") else float(v)
