"""The Parquet event store: a folder of Parquet files that pandas, DuckDB and Dask read as they are.

    DIR/part-*.parquet            the event table (``schema.EVENT_COLUMNS``), one file per batch of articles
    DIR/_articles.arrow           the article table (``schema.ARTICLE_COLUMNS``, with each article's ``digest``)
    DIR/_actors.arrow             the actor table: name, kind, aliases, mentions, articles, events
    DIR/_store.json               what wrote it: {"format": "timeline-events", "version": 1, ...}

Every part file has the same Arrow schema (``event_schema()``) and the other tables are Arrow (Feather)
files, so ``pd.read_parquet(DIR)``, ``dask.dataframe.read_parquet(DIR)`` and
``duckdb.read_parquet("DIR/*.parquet")`` read the event table as it is.

Each part file holds its events in the event table's order (``schema.sorted_events``: by start) in row groups of
``ROW_GROUP_ROWS`` events, with each column's statistics (its least and greatest value in each row group). The
events of a few days or months thus sit in a few row groups of each part, and a query for them reads those alone
(a row group is the smallest piece of a Parquet file that a reader reads by itself).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import schema

FORMAT = "timeline-events"
VERSION = 1
MANIFEST = "_store.json"
ARTICLES = "_articles.arrow"
ACTORS = "_actors.arrow"
PART = "part-{:05d}.parquet"
CACHE = "_cache"  # what the last run found in each article, for the next run (by content hash)
CACHE_INDEX = "index.json"
# rows per row group: a narrow span of dates is a few row groups of each part, and a scan of the whole table (the
# dashboard's index, built when a store opens) is not slowed by thousands of them
ROW_GROUP_ROWS = 16_384
# events per part file once a run is written: a store of millions of events is a few dozen files, which the
# dashboard opens quickly (10M events: first chart 6.3 s in 40 parts of 250,000, 11.0 s in 4,170 of 2,400, one per
# batch), and a narrowed view reads from few files (worst redraw 1.6 s; 1.9 s in parts of 250,000). Merging holds
# one merged part in memory: about 2 kB an event.
PART_EVENTS = 500_000

_ARROW_TYPES = {
    "string": pa.string(),
    schema.SHARED_STRING: pa.string(),
    schema.TIMESTAMP: pa.timestamp("s"),
    "Int64": pa.int64(),
}


@lru_cache(maxsize=1)
def event_schema() -> pa.Schema:
    """The Arrow schema of every events part file: the event table's columns, in order."""
    return pa.schema(
        [
            (name, pa.list_(pa.string()) if name == "actors" else _ARROW_TYPES[dtype])
            for name, dtype in schema.EVENT_COLUMNS.items()
        ]
    )


@dataclass(frozen=True)
class StoreLayout:
    """Where the parts of one store live."""

    root: Path

    @property
    def events(self) -> Path:
        """The folder of the event table's part files (the store itself)."""
        return self.root

    def part(self, number: int) -> Path:
        return self.root / PART.format(number)

    @property
    def articles(self) -> Path:
        return self.root / ARTICLES

    @property
    def actors(self) -> Path:
        return self.root / ACTORS

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    @property
    def cache(self) -> Path:
        return self.root / CACHE

    def event_parts(self) -> list[Path]:
        return sorted(self.events.glob("part-*.parquet"))

    def events_glob(self) -> str:
        """The pattern DuckDB reads the event table with."""
        return str(self.events / "part-*.parquet")


def python_lists(column: pd.Series) -> pd.Series:
    """A list column as Parquet and Arrow give it back (arrays, None for an empty cell) as Python lists."""
    return column.map(lambda a: [] if a is None else list(a))


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder written as an event store (it has ``_store.json`` of this format)."""
    manifest = Path(path) / MANIFEST
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def events_table(frame: pd.DataFrame) -> pa.Table:
    """An event frame (``schema.events_frame``) as an Arrow table of the store's schema."""
    frame = frame.assign(actors=frame["actors"].map(list))
    return pa.Table.from_pandas(frame[list(schema.EVENT_COLUMNS)], schema=event_schema(), preserve_index=False)


def rows_table(rows: Sequence[schema.Event]) -> pa.Table:
    """``Event`` records as an Arrow table of the store's schema: the table ``events_table(schema.events_frame(rows))``
    gives, in the same row order, built column by column without the frame (a batch's part is written from it).
    A column holding anything but the plain values of its type (str, int, a naive datetime to the second, a date,
    None) is converted by way of the frame, so that odd values are read exactly as the frame reads them."""
    arrow = event_schema()
    columns = []
    for k, (name, dtype) in enumerate(schema.EVENT_COLUMNS.items()):
        values = list(map(attrgetter(name), rows))
        plain = _plain_values(values, dtype)
        if plain is None:
            columns.append(events_table(schema.events_frame({name: v} for v in values)).column(name))
        else:
            columns.append(pa.array(plain, arrow.field(k).type))
    return pa.Table.from_arrays(columns, schema=arrow)


def _plain_values(values: list, dtype: str) -> list | None:
    """The column's values as Arrow takes them, or None when one is not a plain value of the column's type."""
    if dtype == "object":
        return [v if type(v) is list else list(v) if isinstance(v, (list, tuple)) else [] for v in values]
    if dtype == schema.TIMESTAMP:
        out: list[dt.datetime | None] = []
        for v in values:
            if type(v) is dt.datetime and v.tzinfo is None and not v.microsecond:
                out.append(v)
            elif type(v) is dt.date:
                out.append(dt.datetime(v.year, v.month, v.day))  # the frame reads a date as its midnight
            elif v is None:
                out.append(v)
            else:
                return None
        return out
    plain = {int if dtype == "Int64" else str, type(None)}
    return values if set(map(type, values)) <= plain else None


class StoreError(ValueError):
    """A folder that cannot become an event store; the message names it."""


def prepare(layout: StoreLayout) -> None:
    """An empty store at ``layout.root``: the folder is made, or emptied of an earlier store's files. A folder
    holding anything else is refused (StoreError), so that nothing of the user's is deleted."""
    root = layout.root
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root}: not a folder")
    if root.is_dir() and any(root.iterdir()):
        if not (is_store(root) or _only_store_files(layout)):
            raise StoreError(f"{root}: a folder that is not an event store and not empty; choose a new folder")
        staged = sorted(layout.cache.glob("*.parquet")) if layout.cache.is_dir() else []
        for path in [*layout.event_parts(), layout.articles, layout.actors, layout.manifest, *staged]:
            path.unlink(missing_ok=True)  # staged: a merged or filtered part that a run cut short left behind
    root.mkdir(parents=True, exist_ok=True)


def _only_store_files(layout: StoreLayout) -> bool:
    """A store whose writing was cut short: nothing but its own files, without the manifest."""
    own = {ARTICLES, ACTORS, MANIFEST, CACHE}
    return all(p.name in own or (p.name.startswith("part-") and p.suffix == ".parquet") for p in layout.root.iterdir())


def read_cache_index(layout: StoreLayout) -> dict[str, str]:
    """Content hash -> the cache file (a path) holding what the store's last run found in that article; {}
    where there is none, or it was written by another version of the package."""
    from . import __version__

    try:
        index = json.loads((layout.cache / CACHE_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(index, dict) or index.get("timeline") != __version__:
        return {}
    return {digest: str(layout.cache / name) for digest, name in index.get("files", {}).items()}


def write_cache(layout: StoreLayout, name: str, remembered: dict) -> None:
    import pickle

    layout.cache.mkdir(exist_ok=True)
    with open(layout.cache / name, "wb") as f:
        pickle.dump(remembered, f, protocol=pickle.HIGHEST_PROTOCOL)


def write_cache_index(layout: StoreLayout, files: dict[str, str]) -> None:
    from . import __version__

    layout.cache.mkdir(exist_ok=True)
    index = {"timeline": __version__, "files": files}
    (layout.cache / CACHE_INDEX).write_text(json.dumps(index), encoding="utf-8")


def forget_cache(layout: StoreLayout, keep: set[str]) -> None:
    """The cache files of earlier runs deleted, once the run that read them again is written."""
    if layout.cache.is_dir():
        for path in layout.cache.glob("*.pkl"):
            if path.name not in keep:
                path.unlink(missing_ok=True)


def write_part(layout: StoreLayout, number: int, events: pd.DataFrame | pa.Table) -> Path:
    """Part ``number`` of the event table: ``events`` (an event frame, ``schema.events_frame``, or an Arrow table
    of ``event_schema()``) in the table's order, in row groups of ``ROW_GROUP_ROWS`` with their statistics."""
    path = layout.part(number)
    _write_events(events if isinstance(events, pa.Table) else events_table(events), path)
    return path


def _write_events(table: pa.Table, path: Path) -> None:
    """The events in the table's order, one row group at a time (a sorted copy of a merged part would double
    the memory it takes)."""
    import pyarrow.parquet as pq

    table = table.select(list(schema.EVENT_COLUMNS)).cast(event_schema())
    order = pc.sort_indices(table, sort_keys=[(name, "ascending") for name in schema.EVENT_ORDER])
    with pq.ParquetWriter(path, table.schema, write_statistics=True) as writer:
        for lo in range(0, len(order), ROW_GROUP_ROWS):
            writer.write_table(table.take(order[lo : lo + ROW_GROUP_ROWS]), row_group_size=ROW_GROUP_ROWS)


def merge_parts(layout: StoreLayout, part_events: int = PART_EVENTS) -> int:
    """The part files merged, in their order, into parts of at most ``part_events`` events (a part bigger than
    that alone stays as it is); how many parts there are then. The events are unchanged."""
    import pyarrow.parquet as pq

    parts = layout.event_parts()
    groups: list[list[Path]] = []
    filled = 0
    for path in parts:
        rows = pq.ParquetFile(path).metadata.num_rows
        if not groups or filled + rows > part_events:
            groups.append([])
            filled = 0
        groups[-1].append(path)
        filled += rows
    if len(groups) == len(parts):
        return len(parts)
    layout.cache.mkdir(exist_ok=True)
    merged = []
    for number, group in enumerate(groups):
        staged = layout.cache / f"merged-{number:05d}.parquet"  # beside the store until every part is written
        _write_events(pa.concat_tables([pq.read_table(path) for path in group]), staged)
        merged.append(staged)
    for path in parts:
        path.unlink()
    for number, staged in enumerate(merged):
        staged.replace(layout.part(number))
    return len(merged)


def filter_parts(layout: StoreLayout, keep) -> int:
    """Each part file rewritten with the events ``keep(frame)`` returns (written beside it, then put in its
    place: a part is never half written); the events left, which the manifest then counts."""
    left = 0
    layout.cache.mkdir(exist_ok=True)
    for path in layout.event_parts():
        part = pd.read_parquet(path)
        part["actors"] = python_lists(part["actors"])
        kept = keep(schema.events_frame(part))
        staged = layout.cache / f"filtered-{path.name}"
        _write_events(events_table(kept), staged)
        staged.replace(path)
        left += len(kept)
    if layout.manifest.exists():
        manifest = json.loads(layout.manifest.read_text(encoding="utf-8"))
        layout.manifest.write_text(json.dumps({**manifest, "events": left}, indent=1) + "\n", encoding="utf-8")
    return left


def write_tables(layout: StoreLayout, articles: pd.DataFrame, actors: pd.DataFrame, counts: dict) -> None:
    """The article and actor tables, then the manifest: a store is complete once its manifest is written."""
    from . import __version__

    articles.reset_index(drop=True).to_feather(layout.articles)
    actors.assign(aliases=actors["aliases"].map(list)).reset_index(drop=True).to_feather(layout.actors)
    manifest = {"format": FORMAT, "version": VERSION, "timeline": __version__, **counts}
    layout.manifest.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def read_events(path: str | Path) -> pd.DataFrame:
    """The whole event table of a store, as ``schema.events_frame`` gives it."""
    layout = StoreLayout(Path(path))
    parts = layout.event_parts()
    if not parts:
        return schema.events_frame()
    frame = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    frame["actors"] = python_lists(frame["actors"])
    return schema.sorted_events(schema.events_frame(frame))


def read_articles(path: str | Path) -> pd.DataFrame:
    return schema.articles_frame(pd.read_feather(StoreLayout(Path(path)).articles))


def read_actors(path: str | Path) -> pd.DataFrame:
    frame = pd.read_feather(StoreLayout(Path(path)).actors)
    return frame.assign(aliases=python_lists(frame["aliases"]))
