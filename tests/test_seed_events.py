"""The seed articles, end to end: the dates a reader of each article would give each expression."""
import pandas as pd
import pytest

from tests.helpers import SEEDS, jsonl, run_cli

SEED_DATES = [
    # (article, words around the date in its sentence, date as written, TIMEX3 value)
    ("000_46777b7bd9aeec7b", "Hamas met Thursday", "Thursday", "2011-11-24"),
    ("000_46777b7bd9aeec7b", "signed a reconciliation accord in May", "May", "2011-05"),
    ("000_46777b7bd9aeec7b", "meet again starting Dec. 20", "Dec. 20", "2011-12-20"),
    ("000_46777b7bd9aeec7b", "elections in the Palestinian territories next year", "next year", "2012"),
    ("000_46777b7bd9aeec7b", "parliamentary elections in 2006", "2006", "2006"),
    ("001_8df9275ebf8a9017", "agreed with Israel last month", "last month", "2014-08"),
    ("001_8df9275ebf8a9017", "the offensive on July 8", "July 8", "2014-07-08"),
    ("001_8df9275ebf8a9017", "agreed on Tuesday to resume talks", "Tuesday", "2014-09-23"),
    ("001_8df9275ebf8a9017", "second day of meetings on Thursday", "Thursday", "2014-09-25"),
    ("001_8df9275ebf8a9017", "at next month's talks", "next month", "2014-10"),
    ("002_a501227d1568e9ca", "meet again in Cairo on December 15", "December 15", "2011-12-15"),
    ("002_a501227d1568e9ca", "with Fatah in 2007", "2007", "2007"),
]


@pytest.fixture(scope="module")
def events():
    res = run_cli("events", SEEDS, "--format", "jsonl")
    return jsonl(res.stdout)


def find(events, doc, context, date_text):
    hits = [e for e in events if e["doc"] == doc and context in " ".join(e["sentence"].split())
            and date_text in e["date_text"]]
    assert hits, f"no event for {date_text!r} near {context!r} in {doc}"
    return hits[0]


@pytest.mark.parametrize("doc,context,date_text,value", SEED_DATES)
def test_seed_dates(events, doc, context, date_text, value):
    assert find(events, doc, context, date_text)["date"] == value


def test_every_event_points_at_its_evidence(seed_corpus):
    for e in seed_corpus.events.itertuples():
        text = seed_corpus.text(e.doc)
        assert text[e.date_start:e.date_end] == (e.date_text or e.cue)   # the cue where no date is written
        assert bool(e.date_text) != bool(e.cue)
        assert text[e.sentence_start:e.sentence_end] == e.sentence
        assert e.sentence_start <= e.date_start < e.date_end <= e.sentence_end
        assert 0 < len(e.label) <= 125


def test_durations_are_not_placed_as_dates(events):
    placed = {(e["doc"], e["date_text"]) for e in events}
    assert not any(doc == "000_46777b7bd9aeec7b" and "a year" in text for doc, text in placed)
    assert not any("50-minute" in text or "a month" == text for _, text in placed)


def test_intervals_follow_granularity(seed_corpus):
    ev = seed_corpus.events
    may = ev[(ev["date"] == "2011-05")].iloc[0]
    assert (may["start"], may["end"]) == (pd.Timestamp("2011-05-01"), pd.Timestamp("2011-06-01"))
    assert may["granularity"] == "month"
    day = ev[(ev["date"] == "2014-07-08")].iloc[0]
    assert day["end"] - day["start"] == pd.Timedelta(days=1) and day["granularity"] == "day"


def test_event_ids_are_stable(events):
    again = jsonl(run_cli("events", SEEDS, "--format", "jsonl").stdout)
    assert [e["event_id"] for e in events] == [e["event_id"] for e in again]
    assert len({e["event_id"] for e in events}) == len(events)


def test_tag_offsets_point_into_the_article_text(seed_corpus):
    rows = jsonl(run_cli("tag", SEEDS, "--format", "jsonl").stdout)
    assert {r["doc"] for r in rows} == {"000_46777b7bd9aeec7b", "001_8df9275ebf8a9017", "002_a501227d1568e9ca"}
    for r in rows:
        assert seed_corpus.text(r["doc"])[r["start"]:r["end"]] == r["text"]
    text = seed_corpus.text("000_46777b7bd9aeec7b")
    within = text.index("within a year")
    duration = [r for r in rows if r["doc"] == "000_46777b7bd9aeec7b" and r["start"] <= within + 7 < r["end"]]
    assert [r["type"] for r in duration] == ["DURATION"]  # TimeML leaves the signal "within" out of the span


def test_articles_table_accounts_for_the_seeds():
    res = run_cli("articles", SEEDS, "--format", "jsonl")
    rows = {r["id"]: r for r in jsonl(res.stdout)}
    assert set(rows) == {"000_46777b7bd9aeec7b", "001_8df9275ebf8a9017", "002_a501227d1568e9ca"}
    assert rows["002_a501227d1568e9ca"]["published_from"] == "text"
    assert rows["002_a501227d1568e9ca"]["published"].startswith("2011-11-24")
    assert rows["000_46777b7bd9aeec7b"]["published_from"] == "metadata"
    assert all(r["status"] == "ok" and r["events"] > 0 for r in rows.values())
