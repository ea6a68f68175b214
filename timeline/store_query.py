"""DuckDB queries over one Parquet event store (``timeline.store``): what a view of millions of events needs,
without loading them into pandas.

:class:`EventStore` opens a store. It reads the columns that filters, lanes and counts use (``INDEX_COLUMNS``)
into a compact in-memory DuckDB table, each text among them as an ENUM (a small integer per row) and the actors
as a list of them: some 40 bytes an event (400 MB for ten million). Counts, counts per lane and period, the
actors with their counts and the order of the table's pages are queries on that table; its row number is the
event's position in the part files. The article ids and the long texts (sentence, label, title, ...) stay in
the Parquet files and are read only when asked for: the rows shown (a page of the table, the events of a view
small enough to draw one by one, one event), the articles' lanes and counts.

Filters are ``timeline.filters.EventFilter`` values. Each filter declares its DuckDB condition
(``FilterSpec.sql``, bound parameters only) and the columns it reads: a filter on columns of the index runs on
it; any other (the text search) runs once over the Parquet files and the rows it keeps are remembered.

A store is shared by threads (the dashboard's sessions): every query runs on its own cursor.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd
import pyarrow.feather as feather
import pyarrow.parquet as pq

from . import schema
from .colors import NO_SOURCE
from .filters import FILTERS, EventFilter, is_set, wanted_actors
from .store import StoreLayout, python_lists

INDEX_COLUMNS = ("start", "end", "source", "granularity", "tense", "anchor", "actors")
# what timeline.figure draws an event with (and "published", which orders the lanes of articles)
CHART_COLUMNS = (
    "event_id",
    "doc",
    "title",
    "source",
    "date",
    "granularity",
    "start",
    "end",
    "date_text",
    "cue",
    "label",
    "actors",
    "anchor",
)
_ENUMS = ("source", "granularity", "tense", "anchor")  # text columns kept as ENUMs
PERIODS = ("day", "week", "month", "year")
NO_ACTOR = "(no actor named)"  # as timeline.figure names the lane of events with no actor
REMEMBERED = 64  # query results kept per store
NO_FILTER = EventFilter()  # every event
REMEMBERED_MATCHES = 8  # filters on the Parquet files whose rows are kept
PARTS_PER_READ = 64  # part files read by one query for the rows of a view


@dataclass(frozen=True)
class Summary:
    """How many events a view holds, how many of them have a date to draw, from how many articles (None when
    not counted), and the first and last day they cover (None when none is drawn)."""

    events: int
    placed: int
    articles: int | None
    first: dt.date | None
    last: dt.date | None


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class EventStore:
    """Queries over the store in ``path`` (a folder of ``timeline.store``'s layout)."""

    def __init__(self, path: str | Path, *, threads: int | None = None, memory_limit: str | None = None):
        import duckdb

        self.layout = StoreLayout(Path(path))
        self.parts = [str(p) for p in self.layout.event_parts()]
        if not self.parts:
            raise FileNotFoundError(f"no event parts in {self.layout.events}")
        sizes = [pq.ParquetFile(p).metadata.num_rows for p in self.parts]
        self._offsets = np.cumsum([0, *sizes])  # the first row of each part
        self._con = duckdb.connect(
            config={
                "threads": threads or os.cpu_count() or 1,
                **({"memory_limit": memory_limit} if memory_limit else {}),
            }
        )
        self._con.execute("SET enable_progress_bar = false")
        self._lock = threading.Lock()
        self._has_titles = False
        self._remembered: OrderedDict[tuple, Any] = OrderedDict()
        self._matches: OrderedDict[tuple, int] = OrderedDict()
        self._build_index()
        self.actor_table = self._actor_table()
        self.actor_names: list[str] = list(self.actor_counts().index)
        self.aliases = self._aliases()

    # ------------------------------------------------------------------------------ opening --

    FILES = "read_parquet(?::VARCHAR[])"  # the event table in the part files; its parameter: self.parts

    def _build_index(self) -> None:
        import duckdb

        con, files = self._con, self.FILES
        distinct = ", ".join(
            f"list_sort(list_filter(array_agg(DISTINCT {_quoted(c)}), lambda v: v IS NOT NULL))" for c in _ENUMS
        )
        values = con.execute(f"SELECT {distinct} FROM {files}", [self.parts]).fetchone() or ()
        for column, names in zip(_ENUMS, values):
            con.execute(f"CREATE TYPE {column}_t AS ENUM (SELECT unnest(?::VARCHAR[]))", [list(names or [])])
        typed = ", ".join(f"{_quoted(c)}::{c}_t AS {_quoted(c)}" for c in _ENUMS)
        create = f'CREATE TABLE events AS SELECT start, "end", {typed}, actors::actor_t[] AS actors FROM {files}'
        listed = self._listed_actors()  # the actor table's names: no pass over the events to find them
        con.execute(
            "CREATE TYPE actor_t AS ENUM (SELECT unnest(?::VARCHAR[]))",
            [listed if listed is not None else self._named_actors()],
        )
        try:
            con.execute(create, [self.parts])
        except duckdb.ConversionException:  # an event names an actor the actor table does not list
            if listed is None:
                raise
            con.execute("DROP TABLE IF EXISTS events")
            con.execute("DROP TYPE actor_t")
            con.execute("CREATE TYPE actor_t AS ENUM (SELECT unnest(?::VARCHAR[]))", [self._named_actors()])
            con.execute(create, [self.parts])

    def _listed_actors(self) -> list[str] | None:
        if not self.layout.actors.exists():
            return None
        try:
            names = feather.read_table(self.layout.actors, columns=["name"]).column("name").to_pylist()
        except Exception:  # an actor table of another shape: the names are found in the events
            return None
        return sorted({n for n in names if n is not None})

    def _named_actors(self) -> list[str]:
        got = self._con.execute(
            f"SELECT list_sort(array_agg(DISTINCT a)) FROM (SELECT unnest(actors) AS a"
            f" FROM {self.FILES}) WHERE a IS NOT NULL",
            [self.parts],
        ).fetchone()
        return list(got[0] or []) if got else []

    def _actor_table(self) -> pd.DataFrame | None:
        """The store's actor table (name, kind, aliases, ...), if it has one."""
        if not self.layout.actors.exists():
            return None
        table = pd.read_feather(self.layout.actors)
        if "aliases" in table:
            table["aliases"] = python_lists(table["aliases"])
        return table

    def _aliases(self) -> dict[str, str]:
        """Lower-cased name or other name -> the actor's name, over the actors named in the events."""
        out = {name.lower(): name for name in self.actor_names}
        if self.actor_table is not None and "aliases" in self.actor_table:
            named = set(self.actor_names)
            for name, others in zip(self.actor_table["name"], self.actor_table["aliases"]):
                if name in named:
                    for other in others:
                        out.setdefault(str(other).lower(), name)
        return out

    # ------------------------------------------------------------------------------ plumbing --

    def _query(self, sql: str, params: Sequence = ()):
        cursor = self._con.cursor()
        try:
            cursor.execute("SET enable_progress_bar = false")
            return cursor.execute(sql, list(params))
        except Exception:
            cursor.close()
            raise

    def _rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return self._query(sql, params).fetchall()

    def _frame(self, sql: str, params: Sequence = ()) -> pd.DataFrame:
        return self._query(sql, params).df()

    def _remember(self, key: tuple, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._remembered:
                self._remembered.move_to_end(key)
                return self._remembered[key]
        value = compute()
        with self._lock:
            self._remembered[key] = value
            while len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)
        return value

    def where(self, f: EventFilter) -> tuple[str, list]:
        """The filter as a condition on the index (``TRUE`` for none) and its parameters."""
        conditions: list[str] = ["TRUE"]
        params: list = []
        for spec in FILTERS:
            if not is_set(spec, f):
                continue
            value = getattr(f, spec.name)
            if spec.sql is not None and set(spec.reads) <= set(INDEX_COLUMNS):
                condition, values = spec.sql(value, self.actor_names, self.aliases)
            else:
                condition, values = "rowid IN (SELECT row FROM matches WHERE key = ?)", [self._matching(spec, value)]
            conditions.append(f"({condition})")
            params.extend(values)
        return " AND ".join(conditions), params

    def _matching(self, spec, value) -> int:
        """The key under which the rows that ``spec`` keeps at ``value`` are listed in the ``matches`` table:
        found by one pass over the Parquet files, the first time it is asked."""
        key = (spec.name, value)
        with self._lock:
            if key in self._matches:
                self._matches.move_to_end(key)
                return self._matches[key]
            number = max(self._matches.values(), default=0) + 1
            con = self._con
            con.execute("CREATE TABLE IF NOT EXISTS matches (key INTEGER, row BIGINT)")
            condition, params = spec.sql(value, self.actor_names, self.aliases)
            for part, first in zip(self.parts, self._offsets):
                con.execute(
                    "INSERT INTO matches SELECT ?, ? + file_row_number"
                    f" FROM read_parquet(?, file_row_number=true) WHERE {condition}",
                    [number, int(first), part, *params],
                )
            self._matches[key] = number
            while len(self._matches) > REMEMBERED_MATCHES:
                _, old = self._matches.popitem(last=False)
                con.execute("DELETE FROM matches WHERE key = ?", [old])
            return number

    def _numbered(self, columns: str) -> tuple[str, list]:
        """The event table's ``columns`` in the part files with each event's row of the index (``row``), as a
        relation, and its parameters."""
        return (
            "(SELECT o.first + p.file_row_number AS row, " + columns + " FROM read_parquet(?::VARCHAR[],"
            " filename=true, file_row_number=true) AS p JOIN (SELECT unnest(?::VARCHAR[]) AS filename,"
            " unnest(?::BIGINT[]) AS first) AS o USING (filename))",
            [self.parts, self.parts, [int(n) for n in self._offsets[:-1]]],
        )

    def _located(self, rows: np.ndarray) -> list[tuple[str, int, np.ndarray]]:
        """Rows of the index -> (part file, its first row, the rows' places in it) for each part that holds some."""
        part = np.searchsorted(self._offsets, rows, side="right") - 1
        return [(self.parts[p], int(self._offsets[p]), rows[part == p] - self._offsets[p]) for p in np.unique(part)]

    def _read_rows(self, located: list[tuple[str, int, np.ndarray]], columns: list[str]) -> pd.DataFrame:
        """``columns`` of the rows ``_located`` gives, read from their part files in one query (column ``_row``: the
        row of the index). A row group none of them is in is skipped, by its range of row numbers: the events of
        a few days are in a few row groups of each part (``timeline.store``)."""
        select = ", ".join(_quoted(c) for c in columns)
        one = (
            f"SELECT ? + file_row_number AS _row, {select} FROM read_parquet(?, file_row_number=true)"
            " WHERE file_row_number BETWEEN ? AND ? AND file_row_number IN (SELECT unnest(?::BIGINT[]))"
        )
        params: list = []
        for part, first, places in located:
            params += [first, part, int(places[0]), int(places[-1]), places.tolist()]
        return self._frame(" UNION ALL ".join([one] * len(located)), params)

    def rows(self, rows: Sequence[int] | np.ndarray, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The events at these rows of the index, in this order: an event table (``schema.events_frame``) with
        every column, or with ``columns`` only. The index gives its own columns; the others are read from the
        part files that hold the rows (the time this takes grows with the files' row groups they touch)."""
        wanted = np.asarray(rows, dtype=np.int64)
        names = list(columns or schema.EVENT_COLUMNS)
        frame = pd.DataFrame({"_row": wanted})
        indexed = [c for c in names if c in INDEX_COLUMNS]
        if indexed and len(wanted):
            select = ", ".join(
                f"{_quoted(c)}::{'VARCHAR[]' if c == 'actors' else 'VARCHAR'} AS {_quoted(c)}"
                if c in _ENUMS or c == "actors"
                else _quoted(c)
                for c in indexed
            )
            got = self._frame(
                f"SELECT rowid AS _row, {select} FROM events WHERE rowid IN (SELECT unnest(?::BIGINT[]))",
                [wanted.tolist()],
            )
            frame = frame.merge(got, on="_row", how="left")
        stored = [c for c in names if c not in INDEX_COLUMNS]
        if stored and len(wanted):
            located = self._located(np.unique(wanted))
            pieces = [
                self._read_rows(located[i : i + PARTS_PER_READ], stored) for i in range(0, len(located), PARTS_PER_READ)
            ]
            frame = frame.merge(pd.concat(pieces, ignore_index=True), on="_row", how="left")
        frame = frame.drop(columns="_row")
        if "actors" in frame:
            frame["actors"] = python_lists(frame["actors"])
        return schema.events_frame(frame)[names].reset_index(drop=True)

    # ------------------------------------------------------------------------------- counts --

    def count(self, f: EventFilter = NO_FILTER) -> int:
        """Events that pass ``f``."""
        return self.summary(f).events

    def summary(self, f: EventFilter = NO_FILTER) -> Summary:
        """How many events pass ``f`` and the days they cover (the articles they come from are counted for the
        whole store alone: the index has no article column)."""

        def compute():
            where, params = self.where(f)
            events, placed, lo, hi = self._rows(
                f'SELECT count(*), count(start), min(start), max(coalesce("end", start)) FROM events WHERE {where}',
                params,
            )[0]
            first = last = None
            if lo is not None:
                first = lo.date()
                last = (hi - dt.timedelta(seconds=1)).date() if hi > lo else lo.date()
            return Summary(int(events), int(placed), self.article_count() if f.is_empty else None, first, last)

        return self._remember(("summary", f), compute)

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day any drawn event covers (``timeline.view.date_bounds``)."""
        s = self.summary()
        return (s.first, s.last) if s.first is not None and s.last is not None else None

    def actor_counts(self, f: EventFilter = NO_FILTER) -> pd.Series:
        """Events per actor that pass ``f``, busiest first (ties by name): ``timeline.view.actor_counts``."""

        def compute():
            where, params = self.where(f)
            got = self._rows(
                f"SELECT a::VARCHAR, count(*) FROM (SELECT unnest(actors) AS a FROM events WHERE {where})"
                " GROUP BY a ORDER BY count(*) DESC, a::VARCHAR",
                params,
            )
            return pd.Series({name: int(n) for name, n in got}, dtype="int64")

        return self._remember(("actors", f), compute)

    def top_actors(self, limit: int | None = None, f: EventFilter = NO_FILTER) -> pd.Series:
        counts = self.actor_counts(f)
        return counts if limit is None else counts.head(limit)

    def sources(self) -> list[str]:
        """Every source named (not the empty one), sorted."""
        return sorted(s for s in self._remember(("enum", "source"), lambda: self._enum("source")) if s)

    def article_count(self) -> int:
        """The articles the events come from."""
        return self._remember(
            ("articles",), lambda: int(self._rows(f"SELECT count(DISTINCT doc) FROM {self.FILES}", [self.parts])[0][0])
        )

    def docs(self, limit: int | None = None) -> list[str] | None:
        """Every article id the events name, sorted; None when there are more than ``limit``."""
        if limit is not None and self.article_count() > limit:
            return None
        return self._remember(
            ("docs",),
            lambda: [
                d
                for (d,) in self._rows(
                    f"SELECT DISTINCT doc FROM {self.FILES} WHERE doc IS NOT NULL ORDER BY doc", [self.parts]
                )
            ],
        )

    def _enum(self, column: str) -> list[str]:
        return list(self._rows(f"SELECT enum_range(NULL::{column}_t)")[0][0] or [])

    def _article_titles_table(self) -> None:
        """The article table's ids and titles as a table of the index (read once, from its Arrow file)."""
        with self._lock:
            if not self._has_titles:
                self._con.register("article_file", feather.read_table(self.layout.articles, columns=["id", "title"]))
                self._con.execute("CREATE TABLE store_articles AS SELECT * FROM article_file")
                self._con.unregister("article_file")
                self._has_titles = True

    def titles(self, docs: Sequence[str] | None = None) -> dict[str, str]:
        """Article id -> title, of ``docs`` (of every article when None), from the article table."""
        if self.layout.articles.exists():
            self._article_titles_table()
            source, params = "SELECT id, title FROM store_articles", []
        else:
            source, params = f"SELECT doc AS id, any_value(title) AS title FROM {self.FILES} GROUP BY doc", [self.parts]
        wanted, values = ("", []) if docs is None else (" WHERE list_contains(?, id)", [list(docs)])
        got = self._rows(f"SELECT id, title FROM ({source}){wanted}", [*params, *values])
        return {str(d): t or "" for d, t in got}

    def group_counts(self, mode: str) -> dict[str, int]:
        """Events per colour group (``timeline.colors``) over the whole store: per source or per article."""

        def compute():
            if mode == "article":
                got = self._rows(f"SELECT coalesce(doc, '') AS g, count(*) FROM {self.FILES} GROUP BY g", [self.parts])
            else:  # counted per source as the index holds it (a small integer), named after
                got = self._rows(
                    f"SELECT coalesce(nullif(trim(source::VARCHAR), ''), '{NO_SOURCE}') AS g, sum(n)"
                    " FROM (SELECT source, count(*) AS n FROM events GROUP BY source) GROUP BY g"
                )
            return {str(g): int(n) for g, n in got}

        return self._remember(("groups", mode), compute)

    # ------------------------------------------------------------------------ counts per lane --

    def lane_counts(
        self,
        f: EventFilter,
        lanes: str = "actor",
        period: str = "month",
        max_lanes: int = 14,
        focus: Sequence[str] = (),
    ) -> pd.DataFrame:
        """Events that pass ``f`` and have a date, counted per lane and period: columns ``lane`` (its name as
        the chart shows it), ``period`` (the first day of the period, a Timestamp) and ``events``.

        Lanes are those of ``timeline.figure``: one per actor (an event in the lane of each of its actors, one
        with none in "(no actor named)") or one per article (titled). The ``max_lanes`` - 1 busiest lanes (and
        those of the ``focus`` actors) keep their own; the others are pooled into one, "(N other actors)",
        which counts each of their events once per actor of theirs it names (``attrs["pooled"]`` names it).
        ``attrs["lanes"]`` holds the lanes in order, busiest first, the pooled one and "(no actor named)" last;
        ``attrs["totals"]`` the count per lane."""
        if period not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
        if lanes not in ("actor", "article"):
            raise ValueError(f"lanes must be 'actor' or 'article', not {lanes!r}")
        return self._remember(
            ("lanes", f, lanes, period, max_lanes, tuple(focus)),
            lambda: self._lane_counts(f, lanes, period, max_lanes, tuple(focus)),
        )

    def _lane_counts(self, f, lanes, period, max_lanes, focus) -> pd.DataFrame:
        if lanes == "actor":
            cells, order, pooled = self._actor_cells(f, period, max_lanes, focus)
        else:
            cells, order, pooled = self._article_cells(f, period, max_lanes)
            titles = self.titles([n for n in order if n != pooled])
            names = {d: " ".join((titles.get(d) or d).split()) for d in order}
            seen: dict[str, int] = {}
            for d in order:  # two articles with the same title still get two lanes
                n = seen[names[d]] = seen.get(names[d], 0) + 1
                if n > 1:
                    names[d] = f"{names[d]} ({n})"
            cells["lane"] = cells["lane"].map(names)
            order, pooled = [names[d] for d in order], None  # an event is in one article: counted once
        cells["period"] = pd.to_datetime(cells["period"]).astype("datetime64[s]")
        cells["events"] = cells["events"].astype("int64")
        cells = cells[cells["events"] > 0].sort_values(["lane", "period"], kind="stable").reset_index(drop=True)
        cells.attrs.update(lanes=order, totals=cells.groupby("lane")["events"].sum().to_dict(), pooled=pooled)
        return cells

    def _actor_cells(self, f, period, max_lanes, focus) -> tuple[pd.DataFrame, list[str], str | None]:
        where, params = self.where(f)
        # grouped by the ENUM, named after: each name is made once per cell rather than once per event
        cells = self._frame(
            f"SELECT lane::VARCHAR AS lane, period, events FROM (SELECT lane, period,"
            f" count(*) AS events FROM (SELECT date_trunc(?, start) AS period,"
            f" unnest(if(len(actors) = 0, [NULL], actors)) AS lane FROM events"
            f" WHERE start IS NOT NULL AND {where}) GROUP BY ALL)",
            [period, *params],
        )
        named = cells[cells["lane"].notna()].groupby("lane")["events"].sum()
        order = sorted(named.index, key=lambda n: (-named[n], n))
        pooled = None
        if len(order) > max_lanes:
            wanted = wanted_actors(focus, self.actor_names, self.aliases) if focus else set()
            kept = [n for n in order if n in wanted][: max_lanes - 1]
            kept += [n for n in order if n not in kept][: max_lanes - 1 - len(kept)]
            keep = [n for n in order if n in kept]
            pooled = f"({len(order) - len(keep)} other actors)"
            rest = cells["lane"].notna() & ~cells["lane"].isin(keep)
            others = cells[rest].groupby("period", as_index=False)["events"].sum().assign(lane=pooled)
            cells = pd.concat([cells[~rest], others], ignore_index=True)
            order = keep + [pooled]
        if cells["lane"].isna().any():
            order.append(NO_ACTOR)
        cells["lane"] = cells["lane"].fillna(NO_ACTOR)
        return cells, order, pooled

    def _article_cells(self, f, period, max_lanes) -> tuple[pd.DataFrame, list[str], str | None]:
        """The busiest articles' cells, each by its id, and the others' pooled: the articles are in the part files
        alone, so they are counted there, the busiest first (cells for them all would be millions)."""
        where, params = self.where(f)
        numbered, files = self._numbered("doc, start")
        kept, kept_params = (
            ("", []) if f.is_empty else (f" AND row IN (SELECT rowid FROM events WHERE {where})", params)
        )
        busiest = self._rows(
            f"SELECT doc, count(*) AS n, count(*) OVER () FROM {numbered} WHERE start IS NOT NULL"
            f"{kept} GROUP BY doc ORDER BY n DESC, doc LIMIT ?",
            [*files, *kept_params, max_lanes],
        )
        articles = busiest[0][2] if busiest else 0
        keep = [d for d, _, _ in busiest][: max_lanes if articles <= max_lanes else max_lanes - 1]
        cells = self._frame(
            f"SELECT doc AS lane, date_trunc(?, start) AS period, count(*) AS events FROM {numbered}"
            f" WHERE start IS NOT NULL AND list_contains(?, doc){kept} GROUP BY ALL",
            [period, *files, keep, *kept_params],
        )
        if articles <= len(keep):
            return cells, keep, None
        pooled = f"({articles - len(keep)} other articles)"
        totals = self._frame(
            f"SELECT date_trunc(?, start) AS period, count(*) AS events FROM events"
            f" WHERE start IS NOT NULL AND {where} GROUP BY ALL",
            [period, *params],
        )
        shown = cells.groupby("period")["events"].sum()
        others = totals.assign(
            events=totals["events"] - totals["period"].map(shown).fillna(0).astype("int64"), lane=pooled
        )
        return pd.concat([cells, others], ignore_index=True), keep + [pooled], pooled

    # --------------------------------------------------------------------------------- rows --

    def matching_rows(self, f: EventFilter, limit: int | None = None, offset: int = 0) -> np.ndarray:
        """Rows of the index that pass ``f``, in the table's order: by start (undated last), then as stored."""
        where, params = self.where(f)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        got = self._query(
            f"SELECT rowid FROM events WHERE {where} ORDER BY start NULLS LAST, rowid{page}", params
        ).fetchnumpy()
        return np.asarray(got["rowid"], dtype=np.int64)

    def events(
        self, f: EventFilter = NO_FILTER, limit: int | None = None, columns: Sequence[str] | None = None
    ) -> pd.DataFrame | None:
        """The events that pass ``f``, as an event table in the table's order (with ``columns`` only, if given:
        the fewer, the quicker); None when they are more than ``limit``."""
        if limit is not None and self.count(f) > limit:
            return None
        columns = tuple(columns) if columns else None
        return self._remember(("events", f, columns), lambda: self.rows(self.matching_rows(f), columns))

    def page(self, f: EventFilter, number: int, size: int = 100) -> pd.DataFrame:
        """Page ``number`` (from 1) of ``size`` events that pass ``f``, in the table's order."""
        number = max(1, int(number))
        return self._remember(
            ("page", f, number, size), lambda: self.rows(self.matching_rows(f, limit=size, offset=(number - 1) * size))
        )

    def event(self, event_id: str) -> dict | None:
        """The event with this id, as a row of the event table (a dict), or None."""
        if not event_id:
            return None
        frame = self._frame(f"SELECT * FROM {self.FILES} WHERE event_id = ? LIMIT 1", [self.parts, event_id])
        if frame.empty:
            return None
        frame["actors"] = python_lists(frame["actors"])
        return schema.events_frame(frame).iloc[0].to_dict()

    def has_event(self, event_id: str) -> bool:
        return bool(event_id) and bool(
            self._rows(f"SELECT 1 FROM {self.FILES} WHERE event_id = ? LIMIT 1", [self.parts, event_id])
        )


class EventIds:
    """The event ids of a store, for ``in``: one query each (``timeline.view.fit_to_data`` asks of one)."""

    def __init__(self, store: EventStore):
        self.store = store

    def __contains__(self, event_id) -> bool:
        return isinstance(event_id, str) and self.store.has_event(event_id)
