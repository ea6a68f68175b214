"""The objects passed between the loader, the tagger, the actor finder and the event builder.

Everything found in an article keeps its character offsets into ``Article.text`` (front matter and
markup excluded), so that every point on the timeline can be traced back to its evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TypeVar

_Record = TypeVar("_Record", bound=type)


def pickled_by_fields(cls: _Record) -> _Record:
    """Pickle a slotted dataclass as the arguments of its constructor. (The state methods ``slots=True``
    generates look up the fields for every object: two to three times slower, and pipelines pickle millions
    of them.)"""
    values = attrgetter(*(f.name for f in fields(cls) if f.init))

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class Article:
    id: str  # stable: file stem, or the JSONL record's id
    path: str  # the file it came from
    text: str  # plain text; all offsets point into it
    title: str = ""
    source: str = ""
    url: str = ""
    published: dt.date | None = None
    published_from: str = "none"  # metadata | text | none
    line: int | None = None  # JSONL line number
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """An input that could not be read (or read only in part). ``str()`` is the message shown to users."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalised to TIMEX3.

    ``begin``/``finish`` give the interval a DATE or TIME covers ([begin, finish), ``None`` when the
    value cannot be placed, e.g. a relative date in an article with no publication date).
    ``range_role`` is "from"/"to" for the two ends of a range ("from 2001 to 2009").
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str = ""  # START | MID | END | APPROX | BEFORE | AFTER ...
    anchor: str = "absolute"  # absolute | relative | unanchored
    tense: str = ""  # past | present | future (of the sentence that holds it)
    granularity: str = ""  # time | day | week | month | quarter | season | half | year | decade | century
    begin: dt.datetime | None = None
    finish: dt.datetime | None = None
    range_role: str = ""
    reference: str = ""  # what placed it: absolute | publication | narrative | sentence (schema.REFERENCES;
    # "" when unplaced)

    @property
    def placed(self) -> bool:
        return self.type in ("DATE", "TIME") and self.begin is not None
