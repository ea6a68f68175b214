"""The event table and the article table: column names and dtypes, defined once.

Every producer (``timeline.events``), every consumer (CLI, dashboard, figure) and the tests use
these definitions. A row is built as a typed record (``Event``, ``ArticleRow``: a misspelt field is
an error); ``events_frame`` / ``articles_frame`` turn rows into a frame with exactly these columns in
this order and these dtypes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Iterable, Mapping

import pandas as pd

# Timestamps use second resolution so that centuries and decades far from 1970 still fit.
TIMESTAMP = "datetime64[s]"
# Text that many rows repeat (the sentence of each of its dates): a string column that holds each distinct text
# once, as one Python string the rows share, so the table grows with the text and not with the dates in it.
SHARED_STRING = "string[python]"


def _column(dtype: str, **default) -> Any:
    return field(metadata={"dtype": dtype}, **default)


@dataclass(kw_only=True, slots=True)
class Event:
    """One row of the event table."""

    event_id: str = _column("string")  # stable: article id + character offsets of the date (or cue)
    doc: str = _column("string")  # article id (file stem or JSONL id)
    title: str = _column("string", default="")
    source: str = _column("string", default="")
    url: str = _column("string", default="")
    published: dt.date | None = _column(TIMESTAMP, default=None)  # publication date of the article
    published_from: str = _column("string", default="none")  # metadata | text | none
    date: str = _column("string")  # TIMEX3 value: 2011-11-24, 2011-05, 2012, 2014-W39, 2011-11-24T17:27 ...
    type: str = _column("string")  # DATE | TIME
    mod: str = _column("string", default="")  # TIMEX3 modifier: START, MID, END, APPROX ... or empty
    granularity: str = _column("string")  # time|day|week|month|quarter|season|half|year|decade|century
    start: dt.datetime | None = _column(TIMESTAMP)  # interval the date covers, end exclusive (NaT when unanchored)
    end: dt.datetime | None = _column(TIMESTAMP)
    reference: str | None = _column("string", default=None)  # what placed the date: one of REFERENCES, or empty
    date_text: str = _column("string")  # the date expression as written; empty when the sentence writes none
    cue: str = _column("string", default="")  # no date written: the verb that makes the sentence news of its day
    date_start: int = _column("Int64")  # character offsets in the article text of the date as written,
    date_end: int = _column("Int64")  # or of the cue when no date is written
    sentence: str = _column(SHARED_STRING)  # the sentence of the date (or cue); its dates' rows share it
    sentence_start: int = _column("Int64")
    sentence_end: int = _column("Int64")
    label: str = _column("string")  # short readable label: the clause around the date
    actors: list[str] = _column("object", default_factory=list)  # canonical actor names
    tense: str = _column("string")  # past | present | future
    anchor: str = _column("string")  # how the date was placed: one of ANCHORS
    warning: str = _column("string", default="")  # why the placement is in doubt (a dateline conflict), or empty


@dataclass(kw_only=True, slots=True)
class ArticleRow:
    """One row of the article table: every input, readable or not."""

    id: str = _column("string")
    path: str = _column("string")
    line: int | None = _column("Int64", default=None)  # line number for JSONL records, else empty
    title: str = _column("string", default="")
    source: str = _column("string", default="")
    url: str = _column("string", default="")
    published: dt.date | None = _column(TIMESTAMP, default=None)
    published_from: str = _column("string", default="none")
    dateline: dt.date | None = _column(TIMESTAMP, default=None)  # the publication date the text's dateline gives
    status: str = _column("string")  # ok | no dates | unanchored dates | unreadable: <why>
    events: int = _column("Int64", default=0)  # number of rows in the event table
    unanchored: int = _column("Int64", default=0)  # relative dates that could not be placed
    dateline_conflict: str = _column("string", default="")  # dateline and metadata over a day apart: the warning
    digest: str = _column("string", default="")  # content hash of the article as read (text and metadata)


def _columns(record: type) -> dict[str, str]:
    return {f.name: f.metadata["dtype"] for f in dataclasses.fields(record)}


EVENT_COLUMNS: dict[str, str] = _columns(Event)
ARTICLE_COLUMNS: dict[str, str] = _columns(ArticleRow)


TIMEX_COLUMNS: dict[str, str] = {
    "doc": "string",
    "start": "Int64",
    "end": "Int64",
    "text": "string",
    "type": "string",
    "value": "string",
    "mod": "string",
}

# How a date was placed (the ``anchor`` column), in words for the tables and the evidence card.
# publication: a sentence with no date that the article reports as its news, placed on the publication date;
# context: a past-tense sentence with no date, placed on the day of the dated news event just before it.
PLACEMENTS: dict[str, str] = {
    "absolute": "the date as written",
    "relative": "worked out from the publication date or a date before it",
    "unanchored": "not placed: the article has no publication date",
    "publication": "no date written: the publication day, as the article reports it as news",
    "context": "no date written: the day of the news an earlier sentence dates (story context)",
}
ANCHORS = tuple(PLACEMENTS)
# What placed a date (the ``reference`` column), in words for the evidence card; empty when nothing could.
REFERENCES: dict[str, str] = {
    "absolute": "written in full",
    "publication": "placed from the publication date",
    "narrative": "placed from the story told: the last date given before it",
    "sentence": "placed from the date given in the same sentence",
}
TENSES = ("past", "present", "future")
PUBLISHED_FROM = ("metadata", "text", "none")
# Why an event with no date written sits where it does (its ``anchor``), in a word or two.
UNDATED_PLACEMENTS = {"publication": "publication day", "context": "story context"}


def as_written(date_text: str | None, anchor: str | None = None) -> str:
    """The date as written; for an event placed without one, "(no date written: publication day)" or
    "(no date written: story context)"."""
    if isinstance(date_text, str) and date_text:
        return date_text
    why = UNDATED_PLACEMENTS.get(anchor) if isinstance(anchor, str) else None
    return f"(no date written: {why})" if why else "(no date written)"


def placement(anchor: str | None) -> str:
    """Why an event sits where it does, in words ("" for an unknown anchor)."""
    return PLACEMENTS.get(anchor, "") if isinstance(anchor, str) else ""


def _rows(rows: Iterable, record: type, columns: Mapping[str, str]) -> pd.DataFrame:
    values = attrgetter(*columns)
    out = []
    for row in rows:
        if isinstance(row, record):
            out.append(values(row))
            continue
        unknown = set(row) - set(columns)
        if unknown:
            raise ValueError(f"not a column of the {record.__name__} table: {', '.join(sorted(unknown))}")
        out.append(tuple(row.get(name) for name in columns))
    # column by column, as Python objects: the dtypes are set after (inferring them would copy every string)
    by_column = list(zip(*out)) if out else [() for _ in columns]
    return pd.DataFrame({name: pd.Series(list(column), dtype=object) for name, column in zip(columns, by_column)})


def _frame(rows: Iterable | pd.DataFrame, record: type) -> pd.DataFrame:
    columns = _columns(record)
    if isinstance(rows, pd.DataFrame):
        df = rows.copy()
        for name in columns:
            if name not in df.columns:
                df[name] = None
        df = df[list(columns)]
    else:
        df = _rows(rows, record, columns)
    for name, dtype in columns.items():
        if dtype == "object":
            df[name] = df[name].map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
        elif dtype.startswith("datetime64"):
            df[name] = pd.to_datetime(df[name], errors="coerce").astype(dtype)
        elif dtype == SHARED_STRING:
            df[name] = _shared_strings(df[name])
        else:
            df[name] = df[name].astype(dtype)
    return df.reset_index(drop=True)


def _shared_strings(values: pd.Series) -> pd.Series:
    """A SHARED_STRING column: equal texts become one string object (a table read back from a file has one
    per row)."""
    one: dict[str, str] = {}
    shared = [one.setdefault(v, v) if isinstance(v, str) else None for v in values]
    return pd.Series(pd.array(shared, dtype=SHARED_STRING), index=values.index, name=values.name)


def events_frame(rows: Iterable[Event | Mapping] | pd.DataFrame = ()) -> pd.DataFrame:
    """An event table with the schema's columns and dtypes (empty when no rows are given). Rows are ``Event``
    records or mappings of column names (missing columns are empty; an unknown name is a ValueError)."""
    return _frame(rows, Event)


EVENT_ORDER = ("start", "doc", "date_start")  # the event table's order, each undated (null) last


def sorted_events(events: pd.DataFrame) -> pd.DataFrame:
    """The event table in its order: by start (undated last), article and place in the article."""
    if not len(events):
        return events
    return events.sort_values(list(EVENT_ORDER), na_position="last", kind="stable").reset_index(drop=True)


def articles_frame(rows: Iterable[ArticleRow | Mapping] | pd.DataFrame = ()) -> pd.DataFrame:
    """An article table with the schema's columns and dtypes."""
    return _frame(rows, ArticleRow)


def timex_frame(rows: Iterable[Mapping] | pd.DataFrame = ()) -> pd.DataFrame:
    """A table of temporal expressions (``timeline tag``)."""
    df = rows.copy() if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    for name in TIMEX_COLUMNS:
        if name not in df.columns:
            df[name] = None
    return df[list(TIMEX_COLUMNS)].astype(TIMEX_COLUMNS).reset_index(drop=True)
