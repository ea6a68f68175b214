import datetime as dt

from timeline.filters import EventFilter, apply_filter
from timeline.schema import events_frame


def table():
    return events_frame([
        {"event_id": "a@1-2", "doc": "a", "source": "NYT", "start": "2011-11-24", "end": "2011-11-25",
         "granularity": "day", "tense": "past", "anchor": "relative", "actors": ["Mahmoud Abbas", "Khaled Meshal"],
         "sentence": "Abbas and Meshal met Thursday.", "date_text": "Thursday"},
        {"event_id": "a@3-4", "doc": "a", "source": "NYT", "start": "2012-01-01", "end": "2013-01-01",
         "granularity": "year", "tense": "future", "anchor": "relative", "actors": ["Hamas"],
         "sentence": "Elections next year.", "date_text": "next year"},
        {"event_id": "b@5-6", "doc": "b", "source": "Reuters", "start": "2014-07-08", "end": "2014-07-09",
         "granularity": "day", "tense": "past", "anchor": "relative", "actors": ["Israel"],
         "sentence": "Israel launched the offensive on July 8.", "date_text": "July 8"},
        {"event_id": "c@0-4", "doc": "c", "source": "", "start": None, "end": None,
         "granularity": "month", "tense": "past", "anchor": "unanchored", "actors": [],
         "sentence": "Last month it rained.", "date_text": "Last month"},
    ])


def ids(df):
    return list(df["event_id"])


def test_empty_filter_keeps_everything():
    assert len(apply_filter(table(), EventFilter())) == 4


def test_actor_by_alias_and_case():
    aliases = {"meshal": "Khaled Meshal", "mashaal": "Khaled Meshal", "khaled meshal": "Khaled Meshal"}
    assert ids(apply_filter(table(), EventFilter(actors=("MASHAAL",)), aliases)) == ["a@1-2"]
    assert ids(apply_filter(table(), EventFilter(actors=("hamas", "israel")), aliases)) == ["a@3-4", "b@5-6"]


def test_date_range_keeps_overlapping_intervals_and_drops_unanchored():
    f = EventFilter(since=dt.date(2012, 6, 1), until=dt.date(2014, 7, 8))
    assert ids(apply_filter(table(), f)) == ["a@3-4", "b@5-6"]
    assert ids(apply_filter(table(), EventFilter(until=dt.date(2011, 11, 24)))) == ["a@1-2"]


def test_columns_and_text_search():
    assert ids(apply_filter(table(), EventFilter(sources=("Reuters",)))) == ["b@5-6"]
    assert ids(apply_filter(table(), EventFilter(granularities=("day",), tenses=("past",)))) == ["a@1-2", "b@5-6"]
    assert ids(apply_filter(table(), EventFilter(text="OFFENSIVE"))) == ["b@5-6"]
    assert ids(apply_filter(table(), EventFilter(anchors=("unanchored",)))) == ["c@0-4"]
