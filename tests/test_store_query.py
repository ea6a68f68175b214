"""Queries over a Parquet event store (``timeline.store_query``) give what the same filters give with pandas on the
same table; the density band and the dashboard's choices over a store."""
from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from timeline import schema, store, store_view as SV, view as V
from timeline.figure_density import density_figure, selected_span
from timeline.filters import FILTERS, EventFilter, apply_filter
from timeline.store_query import CHART_COLUMNS, NO_ACTOR, EventStore

ACTORS = ["Ilse Marwood", "Tobias Renn", "Harbour Guild", "Port Nerissa", "Odile Vance", "Quay Workers Union"]
OTHER_NAMES = {"Ilse Marwood": ["I. Marwood", "Marwood"], "Harbour Guild": ["the Guild"], "Tobias Renn": ["Renn"]}
SOURCES = ["Nerissa Tidings", "Quayside Post", ""]
PHRASES = ["the guild raised its dues", "a new crane was unloaded", "the ferry ran late again",
           "Renn opened the fish market", "the tide mill was restored", "Dockers voted on the Strike",
           "the lighthouse keeper retired", "a gale tore the harbour flags"]
GRANULARITIES = [("day", 1), ("month", 31), ("year", 365), ("time", 1), ("week", 7)]


def make_events(n: int = 240, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        doc = f"port-{i % 9}"
        gran, days = GRANULARITIES[i % len(GRANULARITIES)]
        start = None if i % 37 == 5 else pd.Timestamp("1998-03-02") + pd.Timedelta(days=int(rng.integers(0, 9000)))
        if start is not None and gran == "time":
            start += pd.Timedelta(hours=int(rng.integers(1, 23)))
        count = int(rng.choice([0, 1, 1, 2, 3]))
        actors = list(dict.fromkeys(ACTORS[int(k)] for k in rng.choice(len(ACTORS), size=count,
                                                                       p=[.35, .25, .15, .1, .1, .05])))
        phrase = PHRASES[i % len(PHRASES)]
        written = "" if i % 11 == 0 else f"on day {i}"
        rows.append(dict(
            event_id=f"{doc}@{i * 10}-{i * 10 + 6}", doc=doc, title=f"Harbour news {i % 9}",
            source=SOURCES[i % 9 % 3], published="2001-05-04", date="XXXX" if start is None else str(start.date()),
            granularity=gran, start=start, end=None if start is None else start.normalize() + pd.Timedelta(days=days),
            date_text=written, date_start=i * 10, date_end=i * 10 + 6,
            sentence=f"{phrase.capitalize()} {written}.", sentence_start=0, sentence_end=40, label=phrase,
            actors=actors, tense=["past", "present", "future"][i % 3],
            anchor="unanchored" if start is None else ["absolute", "relative", "publication"][i % 3]))
    return schema.events_frame(rows)


def write_store(folder, events: pd.DataFrame, parts: int = 3, write_part=None):
    """A store of ``events`` in ``parts`` part files: as they come, in row groups of 25 (a store written by an
    older version), or as ``write_part`` (``timeline.store.write_part``, the pipeline's) writes each."""
    layout = store.StoreLayout(folder)
    layout.events.mkdir(parents=True)
    for k, chunk in enumerate(np.array_split(np.arange(len(events)), parts)):
        if write_part is not None:
            write_part(layout, k, events.iloc[chunk])
            continue
        pq.write_table(store.events_table(events.iloc[chunk]), layout.events / f"part-{k:05d}.parquet",
                       row_group_size=25)
    counts = events["actors"].explode().dropna().value_counts()
    feather.write_feather(pa.table({"name": list(counts.index), "kind": ["person"] * len(counts),
                             "aliases": pa.array([OTHER_NAMES.get(a, []) for a in counts.index],
                                                 type=pa.list_(pa.string())),
                             "mentions": counts.to_numpy(), "articles": counts.to_numpy(),
                             "events": counts.to_numpy()}),
                   layout.actors)
    docs = events.drop_duplicates("doc")
    feather.write_feather(pa.table({"id": docs["doc"].astype(str).tolist(),
                                    "title": docs["title"].astype(str).tolist()}), layout.articles)
    layout.manifest.write_text(json.dumps({"format": store.FORMAT, "version": store.VERSION}))
    return folder


@pytest.fixture(scope="module")
def events():
    return make_events()


@pytest.fixture(scope="module")
def opened(events, tmp_path_factory):
    return EventStore(write_store(tmp_path_factory.mktemp("store") / "harbour", events))


@pytest.fixture(scope="module")
def written_by_parts(events, tmp_path_factory):
    """The same events in a store whose parts ``timeline.store.write_part`` wrote, in row groups of 8 events: a
    narrowed view is read from a few row groups of each part."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "ROW_GROUP_ROWS", 8)
        folder = write_store(tmp_path_factory.mktemp("store") / "parts", events, write_part=store.write_part)
    return EventStore(folder)


def pandas_view(events, f, opened):
    return apply_filter(events, f, opened.aliases)


FILTER_CASES = [
    EventFilter(),
    EventFilter(actors=("Ilse Marwood",)),
    EventFilter(actors=("marwood", "Quay Workers Union")),          # an other name, in another case
    EventFilter(actors=("Nobody At All",)),
    EventFilter(since=dt.date(2005, 1, 1)),
    EventFilter(until=dt.date(2003, 6, 30)),
    EventFilter(since=dt.date(2004, 2, 1), until=dt.date(2004, 2, 29)),
    EventFilter(docs=("port-1", "port-4")),
    EventFilter(sources=("Quayside Post",)),
    EventFilter(granularities=("time", "day")),
    EventFilter(tenses=("future",)),
    EventFilter(anchors=("publication",)),
    EventFilter(text="STRIKE"),
    EventFilter(text="day 1"),
    EventFilter(text="late again.\non day"),                       # across the sentence and the date as written
    EventFilter(actors=("Tobias Renn",), text="fish", since=dt.date(2000, 1, 1)),
]


@pytest.mark.parametrize("f", FILTER_CASES, ids=repr)
def test_a_filter_keeps_the_events_pandas_keeps(opened, events, f):
    expected = pandas_view(events, f, opened)
    assert opened.count(f) == len(expected)
    got = opened.events(f)
    assert sorted(got["event_id"]) == sorted(expected["event_id"])
    summary = opened.summary(f)
    assert summary.placed == int(expected["start"].notna().sum())
    assert summary.articles == (events["doc"].nunique() if f.is_empty else None)     # counted for the whole store
    assert (summary.first, summary.last) == (V.date_bounds(expected) or (None, None))


def test_every_filter_declares_its_sql_and_the_columns_it_reads():
    for spec in FILTERS:
        assert spec.sql is not None and spec.reads, spec.name
        assert set(spec.reads) <= set(schema.EVENT_COLUMNS), spec.name


FILTER_VALUES = st.builds(
    EventFilter,
    actors=st.lists(st.sampled_from(ACTORS + ["renn", "the guild"]), max_size=2).map(tuple),
    since=st.one_of(st.none(), st.dates(dt.date(1997, 1, 1), dt.date(2024, 1, 1))),
    until=st.one_of(st.none(), st.dates(dt.date(1997, 1, 1), dt.date(2024, 1, 1))),
    sources=st.lists(st.sampled_from(SOURCES), max_size=2).map(tuple),
    tenses=st.sampled_from([(), ("future",), ("past", "present")]),
    text=st.sampled_from(["", "the", "GUILD", "ferry ran", "day 2"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=FILTER_VALUES)
def test_any_mix_of_filters_counts_as_pandas_does(opened, events, f):
    expected = pandas_view(events, f, opened)
    assert opened.count(f) == len(expected)
    assert opened.actor_counts(f).to_dict() == V.actor_counts(expected).to_dict()


def test_actors_with_their_counts_busiest_first(opened, events):
    counts = opened.actor_counts()
    assert list(counts.index) == list(V.actor_counts(events).index)
    assert counts.to_dict() == V.actor_counts(events).to_dict()
    assert opened.top_actors(2).index.tolist() == list(V.actor_counts(events).index[:2])


def test_the_rows_are_read_back_as_they_were_written(opened, events):
    got = opened.rows([7, 0, 150, 239])
    expected = events.iloc[[7, 0, 150, 239]].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)


def test_pages_follow_the_start_then_the_stored_order(opened, events):
    f = EventFilter(sources=("Nerissa Tidings",))
    expected = pandas_view(events, f, opened)
    order = expected.assign(_pos=range(len(expected))).sort_values(["start", "_pos"], na_position="last",
                                                                    kind="stable")
    ids = list(order["event_id"])
    pages = [opened.page(f, n, size=25) for n in range(1, -(-len(ids) // 25) + 1)]
    assert [list(p["event_id"]) for p in pages] == [ids[i:i + 25] for i in range(0, len(ids), 25)]
    assert opened.page(f, len(pages) + 1, size=25).empty


def test_one_event_by_its_id(opened, events):
    row = opened.event(events["event_id"][12])
    assert row["label"] == events["label"][12] and row["actors"] == events["actors"][12]
    assert opened.event("port-0@nowhere") is None
    assert opened.has_event(events["event_id"][3]) and not opened.has_event("port-0@nowhere")


def test_text_that_looks_like_sql_is_only_ever_a_value(opened, events):
    for text in ["'; DROP TABLE events; --", "%", "_", "\" OR 1=1 --"]:
        assert opened.count(EventFilter(text=text)) == len(pandas_view(events, EventFilter(text=text), opened))
    assert opened.count(EventFilter(actors=("x' OR '1'='1",))) == 0
    assert opened.count(EventFilter(sources=("' OR TRUE --",))) == 0
    assert opened.count() == len(events)


def lanes_by_pandas(view: pd.DataFrame, period: str) -> dict[tuple[str, pd.Timestamp], int]:
    """Events per actor lane and period, counted with pandas (an event in the lane of each of its actors)."""
    placed = view[view["start"].notna()]
    starts = placed["start"].dt.to_period({"year": "Y", "month": "M"}[period]).dt.start_time
    lanes = placed["actors"].map(lambda a: list(a) or [NO_ACTOR])
    frame = pd.DataFrame({"lane": lanes, "period": starts}).explode("lane")
    return frame.value_counts(["lane", "period"]).to_dict()


@pytest.mark.parametrize("period", ["year", "month"])
def test_counts_per_lane_and_period_are_the_events_in_each(opened, events, period):
    f = EventFilter(since=dt.date(2000, 1, 1))
    cells = opened.lane_counts(f, "actor", period, max_lanes=20)
    got = {(lane, pd.Timestamp(p)): n for lane, p, n in zip(cells["lane"], cells["period"], cells["events"])}
    assert got == lanes_by_pandas(pandas_view(events, f, opened), period)
    assert cells.attrs["lanes"][-1] == NO_ACTOR
    assert cells.attrs["lanes"][0] == V.actor_counts(pandas_view(events, f, opened)).index[0]


def test_the_quiet_lanes_are_pooled(opened, events):
    cells = opened.lane_counts(EventFilter(), "actor", "year", max_lanes=3)
    keep = cells.attrs["lanes"][:2]
    pooled = cells.attrs["lanes"][2]
    assert pooled == f"({len(ACTORS) - 2} other actors)" == cells.attrs["pooled"]
    placed = events[events["start"].notna()]
    mentions = placed["actors"].map(lambda a: sum(x not in keep for x in a))
    assert cells.attrs["totals"][pooled] == mentions.sum()       # an event of two of them counts twice
    assert set(cells["lane"]) == set(keep) | {pooled, NO_ACTOR}


def test_a_focused_actor_keeps_its_lane(opened):
    quiet = opened.actor_counts().index[-1]
    cells = opened.lane_counts(EventFilter(), "actor", "year", max_lanes=3, focus=[quiet])
    assert quiet in cells.attrs["lanes"][:2]


def test_article_lanes_are_named_by_title(opened, events):
    cells = opened.lane_counts(EventFilter(), "article", "year", max_lanes=4)
    assert cells.attrs["lanes"][:3] == [f"Harbour news {d[-1]}" for d in
                                        events[events["start"].notna()]["doc"].value_counts()
                                        .sort_index().sort_values(ascending=False, kind="stable").index[:3]]
    assert cells.attrs["lanes"][3] == "(6 other articles)"


def test_the_density_band_draws_a_cell_per_lane_and_period(opened):
    cells = opened.lane_counts(EventFilter(), "actor", "year")
    fig = density_figure(cells, period="year", title="Harbour <b>news</b>")
    shade, points = fig.data
    assert shade.type == "heatmap" and points.type == "scattergl"
    lanes = cells.attrs["lanes"]
    assert len(shade.z) == len(lanes) and list(fig.layout.yaxis.ticktext)[0].startswith(lanes[0])
    first, last = pd.Timestamp(cells["period"].min()), pd.Timestamp(cells["period"].max())
    assert len(shade.x) == last.year - first.year + 2                 # the edges of every year, empty ones too
    filled = np.argwhere(~np.isnan(np.asarray(shade.z, dtype=float)))
    assert len(filled) == len(points.x) == len(cells)                 # one shaded cell, one point per count
    for lane, period, n in cells[["lane", "period", "events"]].itertuples(index=False):
        assert shade.z[lanes.index(lane)][pd.Timestamp(period).year - first.year] == pytest.approx(np.log10(n))
    assert {tuple(c[:2]) for c in points.customdata} <= {(f"{y}-01-01", f"{y}-12-31")
                                                         for y in range(first.year, last.year + 1)}
    assert "<b>" not in fig.layout.title.text                       # text from the data is escaped


def test_choosing_cells_gives_the_span_they_cover():
    chosen = {"selection": {"points": [{"customdata": ["2004-03-01", "2004-03-31", "Renn"]},
                                       {"customdata": ["2003-11-01", "2003-11-30", "Renn"]}]}}
    assert selected_span(chosen) == (dt.date(2003, 11, 1), dt.date(2004, 3, 31))
    assert selected_span({"selection": {"points": []}}) is None
    assert selected_span({"selection": {"points": [{"customdata": "port-1@3-9"}]}}) is None


def test_a_large_view_is_a_density_band_and_a_small_one_its_events(opened, events):
    big = SV.chart(opened, V.View(), "everything", item_limit=100)
    assert big.is_density and big.period == "month" and big.figure.data[0].type == "heatmap"
    f = EventFilter(actors=("Quay Workers Union",))
    small = SV.chart(opened, V.View(filter=f), "one actor", item_limit=100)
    assert not small.is_density
    drawn = {i for t in small.figure.data if t.customdata is not None for i in t.customdata}
    expected = pandas_view(events, f, opened)
    assert drawn == set(expected[expected["start"].notna()]["event_id"])


def test_choices_over_a_store(opened, events):
    options = SV.choices(opened)
    assert options.actors == list(V.actor_counts(events).index)
    assert options.actor_label("Ilse Marwood").startswith("Ilse Marwood (")
    assert "I. Marwood" in options.actor_label("Ilse Marwood")
    assert options.sources == ["Nerissa Tidings", "Quayside Post"]
    assert options.docs == sorted(events["doc"].unique()) and options.titles["port-3"] == "Harbour news 3"
    assert SV.choices(opened, doc_limit=5).docs is None
    assert options.bounds == V.date_bounds(events)


def test_why_nothing_is_shown(opened, events):
    f = EventFilter(actors=("Odile Vance",), text="no such words anywhere")
    assert SV.why_empty(opened, f) == V.why_empty(events, f, opened.aliases)


NARROWED = [
    EventFilter(actors=("Ilse Marwood",), since=dt.date(2004, 1, 1), until=dt.date(2005, 6, 30)),
    EventFilter(actors=("Tobias Renn",), since=dt.date(2010, 1, 1), until=dt.date(2011, 12, 31)),
    EventFilter(since=dt.date(1999, 1, 1), until=dt.date(1999, 12, 31)),
    EventFilter(actors=("marwood",), granularities=("year", "month"), since=dt.date(2015, 1, 1)),
]


@pytest.mark.parametrize("f", NARROWED, ids=repr)
def test_a_narrowed_view_shows_exactly_its_events_as_written(written_by_parts, events, f):
    expected = pandas_view(events, f, written_by_parts)
    assert len(expected) >= 5
    got = written_by_parts.events(f, columns=CHART_COLUMNS)

    def by_id(table):
        return table[list(CHART_COLUMNS)].sort_values("event_id").reset_index(drop=True)

    pd.testing.assert_frame_equal(by_id(got), by_id(expected))
    chart = SV.chart(written_by_parts, V.View(filter=f), "narrowed")
    drawn = {i for t in chart.figure.data if t.customdata is not None for i in t.customdata}
    assert drawn == set(expected[expected["start"].notna()]["event_id"])


def test_the_parts_the_pipeline_writes_are_in_start_order_and_read_back_whole(written_by_parts, events):
    for part in written_by_parts.parts:
        starts = pd.read_parquet(part, columns=["start"])["start"]
        assert starts.dropna().is_monotonic_increasing and starts.isna().is_monotonic_increasing    # undated last
        assert pq.ParquetFile(part).metadata.num_row_groups == -(-len(starts) // 8)
    got = written_by_parts.rows(range(len(events)))
    pd.testing.assert_frame_equal(got.sort_values("event_id").reset_index(drop=True),
                                  events.sort_values("event_id").reset_index(drop=True))
