"""The Parquet event store: a folder of Parquet files that pandas, DuckDB and Dask read as they are.

    DIR/events/part-*.parquet     the event table (``schema.EVENT_COLUMNS``), one file per batch of articles
    DIR/articles.parquet          the article table (``schema.ARTICLE_COLUMNS``) and each article's ``digest``
    DIR/actors.parquet            the actor table: name, kind, aliases, mentions, articles, events
    DIR/store.json                what wrote it: {"format": "timeline-events", "version": 1, ...}

Every part file of ``events/`` has the same Arrow schema (``event_schema()``), so
``pd.read_parquet(DIR / "events")``, ``duckdb.read_parquet("DIR/events/*.parquet")`` and
``dask.dataframe.read_parquet(DIR / "events")`` read the whole table.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from . import schema

FORMAT = "timeline-events"
VERSION = 1
MANIFEST = "store.json"
EVENTS = "events"
ARTICLES = "articles.parquet"
ACTORS = "actors.parquet"

_ARROW_TYPES = {"string": pa.string(), schema.SHARED_STRING: pa.string(), schema.TIMESTAMP: pa.timestamp("s"),
                "Int64": pa.int64()}


def event_schema() -> pa.Schema:
    """The Arrow schema of every events part file: the event table's columns, in order."""
    return pa.schema([(name, pa.list_(pa.string()) if name == "actors" else _ARROW_TYPES[dtype])
                      for name, dtype in schema.EVENT_COLUMNS.items()])


@dataclass(frozen=True)
class StoreLayout:
    """Where the parts of one store live."""
    root: Path

    @property
    def events(self) -> Path:
        return self.root / EVENTS

    @property
    def articles(self) -> Path:
        return self.root / ARTICLES

    @property
    def actors(self) -> Path:
        return self.root / ACTORS

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    def event_parts(self) -> list[Path]:
        return sorted(self.events.glob("part-*.parquet"))

    def events_glob(self) -> str:
        """The pattern DuckDB reads the event table with."""
        return str(self.events / "part-*.parquet")


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder written as an event store (it has ``store.json`` of this format)."""
    manifest = Path(path) / MANIFEST
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def events_table(frame: pd.DataFrame) -> pa.Table:
    """An event frame (``schema.events_frame``) as an Arrow table of the store's schema."""
    frame = frame.assign(actors=frame["actors"].map(list))
    return pa.Table.from_pandas(frame[list(schema.EVENT_COLUMNS)], schema=event_schema(), preserve_index=False)
