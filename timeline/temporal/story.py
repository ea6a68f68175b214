"""The date the narrative is at, and whether a passage tells that story or the news of the day.

A news article reports the news of its publication day, but tells earlier stories in between ("In 2007, Hamas
won the elections. In June, it seized Gaza."); a history tells its whole story from the dates it writes. The
tagger keeps the last date placed in the text and what placed it. An expression that follows the story
(resources/temporal_anchoring.csv: "in October", "June 10", "the summer") takes its year from that date when
the passage tells a story, and from the publication date when it reports the news of the day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Callable

from ..resources import load_table
from .calendar import Point

# the granularities from the finest to the coarsest: "needs" in temporal_anchoring.csv names the coarsest
# narrative date an expression may follow ("Tuesday" follows a day told, not a year)
FINENESS = (
    "time",
    "hour",
    "part",
    "day",
    "week",
    "weekend",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
)
# a story told in the past tense stays before the publication date, with this much leeway (days)
PAST_LEEWAY = 1
# a candidate before the date the story is at costs this much more than one after it: stories move forward
BACKWARD_COST = 1.5
# how many sentences back the date the story is at may have been written, where a row gives no reach; further back
# only if no sentence in between speaks from the time of writing ("is", "will")
REACH = 3


@dataclass(unsafe_hash=True)  # a value never changed (frozen would make each slower to make)
class Narrative:
    """A date placed in the text: its point, what placed it (absolute | publication | narrative | sentence),
    and where it was written (`sentence`: the number of its sentence, found only when asked for)."""

    point: Point
    reference: str
    at: int  # offset of the date in the text
    number: Callable[[int], int] = field(repr=False, compare=False)  # offset -> number of its sentence

    @property
    def sentence(self) -> int:
        return self.number(self.at)


@dataclass(frozen=True)
class Anchoring:
    """How an expression that follows the story finds it: the coarsest date it may follow, how far back."""

    reference: str = "dct"
    needs: str = "century"
    reach: int = REACH


@lru_cache(maxsize=1)
def _anchoring() -> MappingProxyType:
    return MappingProxyType(
        {
            row["rule"]: Anchoring(row["reference"], row["needs"] or "century", int(row["reach"] or REACH))
            for row in load_table("temporal_anchoring")
        }
    )


@lru_cache(maxsize=256)
def anchoring(rule: str, reference: str) -> Anchoring:
    """How the rule of temporal_patterns.csv named `rule` finds its reference: its row of temporal_anchoring.csv,
    else the reference of its own row."""
    return _anchoring().get(rule) or Anchoring(reference)


def moves_story(
    told: Narrative, last: Narrative | None, tense: Callable[[], str], before: str, aside: Callable[[], bool]
) -> bool:
    """Whether a date just told (after the words `before`; `last`: the date told before it) is where the story now
    is. Not:
    - a date to come ("would be exposed for a campaign planned in 1976");
    - a date that starts a period reaching to the time told ("since 1980") or names a thing after its date
      ("the 1987 crash"; both temporal_story_cues.csv);
    - a flashback: a date placed from the story that goes back from it ("in early June, having broken the codes
      in late May");
    - the period around the date just told, in the same sentence ("on December 7 (December 8 in Asia), 1941");
    - a date placed from the publication date in an aside: quoted speech speaks from when it was said ("'two
      years ago,' he said"), words in parentheses comment on the story without leaving it ("(today a museum)").
    Any other date placed from the publication date ("yesterday", "on Tuesday", "in June" in the news of the
    day) brings the text back to the news."""
    point = told.point
    if told.reference == "publication":
        return not aside()
    if _holding_cue().search(before) or tense() == "future":
        return False
    if last is None:
        return True
    if told.reference in ("narrative", "sentence") and point.start < last.point.start:
        return False
    around = point.gran != last.point.gran and point.start <= last.point.start and last.point.finish <= point.finish
    return not (around and last.sentence == told.sentence)


@lru_cache(maxsize=1)
def _holding_cue() -> re.Pattern:
    """The words of temporal_story_cues.csv, right before a date."""
    cues = "|".join(row["cue"] for row in load_table("temporal_story_cues"))
    return re.compile(rf"\b(?:{cues})\s+(?:the\s+)?$", re.IGNORECASE)


class Story:
    """The dates told so far and where the story is: whether a date moved the story (moves_story) is weighed
    only when an expression asks where the story is, each date at most once."""

    def __init__(self):
        self._told: list[tuple[Narrative, Callable[[], bool]]] = []
        self._weighed = 0
        self._at: Narrative | None = None

    def told(self, date: Narrative, moves: Callable[[], bool]) -> None:
        self._told.append((date, moves))

    def now(self) -> Narrative | None:
        """The last date told that moved the story."""
        for date, moves in reversed(self._told[self._weighed :]):
            if moves():
                self._at = date
                break
        self._weighed = len(self._told)
        return self._at

    def close(self) -> None:
        """Forget the dates told: their callbacks hold the contexts that ask this story, a cycle that reference
        counting frees at once when broken, where the garbage collector would have to find it."""
        self._told.clear()


def fine_enough(point: Point, needs: str) -> bool:
    return FINENESS.index(point.gran) <= FINENESS.index(needs)


def tells_story(
    narrative: Narrative | None,
    published: dt.date | None,
    speaks_from_now: Callable[[], bool],
    needs: str,
    sentences_since: Callable[[], int],
    reach: int,
    news_between: Callable[[], bool] = lambda: True,
) -> bool:
    """Whether an expression that follows the story takes the date the story is at rather than the publication
    date: with no publication date, always; else when the story's date was written in the text (not placed from
    the publication date), before the publication date, within reach (or further back, with no news of the day
    between: `news_between`), and the clause does not speak from the time of writing."""
    if narrative is None or not fine_enough(narrative.point, needs):
        return False
    if published is None:
        return True
    if narrative.reference == "publication":  # the text is back at the news of the day
        return False
    if not narrative.point.bc and narrative.point.start.date() > published:  # a date to come tells no story
        return False
    return (sentences_since() <= reach or not news_between()) and not speaks_from_now()


def nearest_in_story(candidates: list[Point], ref: Point, published: dt.date | None, tense: Callable[[], str]) -> Point:
    """The candidate nearest to the date the story is at (one it falls in costs nothing); a past-tense clause
    stays before the publication date."""
    if published is not None:
        limit = dt.datetime.combine(published, dt.time()) + dt.timedelta(days=PAST_LEEWAY)
        before = [c for c in candidates if c.start < limit]
        if before and len(before) < len(candidates) and tense() == "past":
            candidates = before

    def cost(p: Point) -> float:
        if p.start < ref.finish and ref.start < p.finish:  # within the date told; on a tie, the later one
            return 0.0 if p.start >= ref.start else 0.5
        if p.start >= ref.finish:
            return (p.start - ref.finish).days + 1
        return ((ref.start - p.finish).days + 1) * BACKWARD_COST

    return min(candidates, key=cost)
