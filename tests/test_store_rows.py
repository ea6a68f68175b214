"""A part of the event store written straight from event records holds what the event frame of those records holds."""
from __future__ import annotations

import datetime as dt

from timeline import schema, store


def _event(i: int, **changes) -> schema.Event:
    fields = dict(
        event_id=f"quay-{i}@{i * 10}-{i * 10 + 5}", doc=f"quay-{i % 2}", title="Quay news", published=dt.date(2019, 3, 8),
        published_from="metadata", date="2019-03-07", type="DATE", granularity="day",
        start=dt.datetime(2019, 3, 7), end=dt.datetime(2019, 3, 8), reference="publication", date_text="yesterday",
        date_start=i * 10, date_end=i * 10 + 5, sentence="The ferry guild met yesterday.", sentence_start=0,
        sentence_end=30, label="The ferry guild met yesterday", actors=["Ferry Guild"], tense="past", anchor="relative",
    )
    return schema.Event(**{**fields, **changes})


def test_records_become_the_table_their_frame_gives(tmp_path):
    rows = [
        _event(0),
        _event(1, start=None, end=None, date="XXXX-WXX-1", anchor="unanchored", reference=None, actors=[]),
        _event(2, published=dt.datetime(2019, 3, 8, 14, 5), start=dt.datetime(1412, 6, 1), end=dt.datetime(1412, 7, 1)),
        _event(3, start=dt.datetime(2019, 3, 7, 9, 30, 15, 250000), actors=("Ferry Guild", "Odile Vance")),
        _event(4, published=None, title="", warning="dateline says 2019-03-01", cue="met", date_text=""),
        _event(5, date_start=None, date_end=None, sentence="Ünïcode “quoted” — text."),
    ]
    table = store.rows_table(rows)
    assert table.schema == store.event_schema()
    assert table.equals(store.events_table(schema.events_frame(rows)))


def test_a_part_written_from_records_reads_back_as_their_frame_in_order(tmp_path):
    rows = [_event(3), _event(1, start=None, end=None, anchor="unanchored"), _event(2, start=dt.datetime(2001, 1, 1))]
    layout = store.StoreLayout(tmp_path / "events")
    layout.events.mkdir()
    store.write_part(layout, 0, store.rows_table(rows))
    back = store.read_events(layout.root)
    expected = schema.sorted_events(schema.events_frame(rows))
    assert back.dtypes.equals(expected.dtypes)
    assert back.equals(expected)


def test_no_records_make_an_empty_table_of_the_schema():
    assert store.rows_table([]).equals(store.events_table(schema.events_frame([])))
