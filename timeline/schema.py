"""The event table and the article table: column names and dtypes, defined once.

Every producer (``timeline.events``), every consumer (CLI, dashboard, figure) and the tests use
these definitions; ``events_frame`` / ``articles_frame`` turn rows into a frame with exactly
these columns in this order and these dtypes.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import pandas as pd

# Timestamps use second resolution so that centuries and decades far from 1970 still fit.
TIMESTAMP = "datetime64[s]"

EVENT_COLUMNS: dict[str, str] = {
    "event_id": "string",        # stable: article id + character offsets of the date expression
    "doc": "string",             # article id (file stem or JSONL id)
    "title": "string",
    "source": "string",
    "url": "string",
    "published": TIMESTAMP,      # publication date of the article (NaT when unknown)
    "published_from": "string",  # metadata | text | none
    "date": "string",            # TIMEX3 value: 2011-11-24, 2011-05, 2012, 2014-W39, 2011-11-24T17:27 ...
    "type": "string",            # DATE | TIME
    "mod": "string",             # TIMEX3 modifier: START, MID, END, APPROX ... or empty
    "granularity": "string",     # time | day | week | month | quarter | season | half | year | decade | century
    "start": TIMESTAMP,          # interval the date covers, end exclusive (NaT when unanchored)
    "end": TIMESTAMP,
    "reference": "string",       # what placed the date: absolute | publication | narrative | sentence (REFERENCES)
    "date_text": "string",       # the date expression as written
    "date_start": "Int64",       # character offsets of the expression in the article text
    "date_end": "Int64",
    "sentence": "string",
    "sentence_start": "Int64",
    "sentence_end": "Int64",
    "label": "string",           # short readable label: the clause around the date
    "actors": "object",          # list of canonical actor names
    "tense": "string",           # past | present | future
    "anchor": "string",          # absolute | relative | unanchored | publication | context
}

ARTICLE_COLUMNS: dict[str, str] = {
    "id": "string",
    "path": "string",
    "line": "Int64",             # line number for JSONL records, else empty
    "title": "string",
    "source": "string",
    "url": "string",
    "published": TIMESTAMP,
    "published_from": "string",
    "status": "string",          # ok | no dates | unanchored dates | unreadable: <why>
    "events": "Int64",           # number of rows in the event table
    "unanchored": "Int64",       # relative dates that could not be placed
}

TIMEX_COLUMNS: dict[str, str] = {
    "doc": "string",
    "start": "Int64",
    "end": "Int64",
    "text": "string",
    "type": "string",
    "value": "string",
    "mod": "string",
}

# publication: a sentence with no date that the article reports as its news, placed on the publication date;
# context: a past-tense sentence with no date, placed on the day of the dated news event just before it.
ANCHORS = ("absolute", "relative", "unanchored", "publication", "context")
# absolute: the date is written in full; publication: placed from the publication date ("yesterday", "in May" in the
# news of the day); narrative: from the date the story told is at ("the following year", "in May" in a passage about
# 1940); sentence: from a date written in the same sentence. Empty (NA) when nothing could place it.
REFERENCES = ("absolute", "publication", "narrative", "sentence")
TENSES = ("past", "present", "future")
PUBLISHED_FROM = ("metadata", "text", "none")


def _frame(rows: Iterable[Mapping] | pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    df = rows.copy() if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    for name in columns:
        if name not in df.columns:
            df[name] = None
    df = df[list(columns)]
    for name, dtype in columns.items():
        if dtype == "object":
            df[name] = df[name].map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
        elif dtype.startswith("datetime64"):
            df[name] = pd.to_datetime(df[name], errors="coerce").astype(dtype)
        else:
            df[name] = df[name].astype(dtype)
    return df.reset_index(drop=True)


def events_frame(rows: Iterable[Mapping] | pd.DataFrame = ()) -> pd.DataFrame:
    """An event table with the schema's columns and dtypes (empty when no rows are given)."""
    return _frame(rows, EVENT_COLUMNS)


def articles_frame(rows: Iterable[Mapping] | pd.DataFrame = ()) -> pd.DataFrame:
    """An article table with the schema's columns and dtypes."""
    return _frame(rows, ARTICLE_COLUMNS)


def timex_frame(rows: Iterable[Mapping] | pd.DataFrame = ()) -> pd.DataFrame:
    """A table of temporal expressions (``timeline tag``)."""
    return _frame(rows, TIMEX_COLUMNS)
