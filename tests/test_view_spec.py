"""One declaration per filter (timeline.filters.FILTERS) drives the filter, the URL, the controls, the titles
and the file names; a URL value that means nothing is said, not dropped; the actor box picks one actor."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from timeline import schema
from timeline import view as V
from timeline.export import describe_filter, export_filename
from timeline.filter_spec import FilterSpec, Param
from timeline.filters import FILTERS, EventFilter, apply_filter


def event(n, day, actors=(), *, doc="a", source="Harbour Gazette", gran="day", tense="past", text="on Monday",
          sentence="The harbour board met on Monday."):
    start = pd.Timestamp(day)
    return dict(event_id=f"{doc}@{n}", doc=doc, title=f"Article {doc}", source=source, start=start,
                end=start + pd.Timedelta(days=1 if gran == "day" else 31), granularity=gran, tense=tense,
                anchor="absolute", date_text=text, sentence=sentence, actors=list(actors))


@pytest.fixture
def events():
    return schema.events_frame([
        event(1, "2019-03-04", ["Verity Ashgrove", "Brannock Aerial"]),
        event(2, "2019-03-05", ["Verity Ashgrove"], sentence="Ashgrove opened the depot on Tuesday.", text="on Tuesday"),
        event(3, "2019-05-01", ["Verity Lomax"], doc="b", source="Kelmouth Post", gran="month", text="in May"),
        event(4, "2020-01-01", ["Brannock Aerial Freight"], doc="b", source="Kelmouth Post", tense="future",
              gran="year", text="next year", sentence="The freight arm will open a hangar next year."),
    ])


# ------------------------------------------------------------------------------ the one list --

def test_event_filter_has_one_field_per_declared_filter_in_order():
    assert [f.name for f in dataclasses.fields(EventFilter)] == [spec.name for spec in FILTERS]
    assert EventFilter().is_empty and not EventFilter(text="hangar").is_empty
    keys = [spec.url for spec in FILTERS + V.SOURCE + V.DISPLAY if spec.url]
    states = [spec.state for spec in FILTERS + V.DISPLAY if spec.state]
    assert len(keys) == len(set(keys)) and len(states) == len(set(states))


@pytest.mark.parametrize("spec", [s for s in FILTERS if s.url], ids=lambda s: s.name)
def test_every_filter_goes_through_url_and_control_unchanged(spec, events):
    value = {"multi": ("x", "y"), "date": dt.date(2019, 3, 5), "text": "hangar"}.get(spec.kind) \
        or next(v for v in spec.choices.values() if v != spec.default)
    f = EventFilter(**{spec.name: value})
    view = V.View(filter=f)
    assert V.from_query(V.to_query(view)) == view
    assert V.view_from_controls(V.control_values(view)) == view
    assert describe_filter(f) != "all events"           # every filter set is said in the title
    assert len(apply_filter(events, f)) <= len(events)


def test_a_plain_view_has_a_plain_url_and_a_plain_name():
    assert V.to_query(V.View()) == {}
    assert describe_filter(EventFilter()) == "all events"
    assert export_filename(EventFilter(), "png", today=dt.date(2026, 1, 2)) == "timeline_2026-01-02.png"


def test_the_date_range_is_described_and_named_as_one():
    f = EventFilter(since=dt.date(2019, 3, 1), until=dt.date(2019, 3, 31))
    assert describe_filter(f) == "2019-03-01 to 2019-03-31"
    assert "2019-03-01-to-2019-03-31" in export_filename(f, today=dt.date(2026, 1, 2))
    assert describe_filter(EventFilter(until=dt.date(2019, 3, 31))) == "until 2019-03-31"
    assert "start-to-2019-03-31" in export_filename(EventFilter(until=dt.date(2019, 3, 31)))


def test_a_new_kind_of_value_is_refused():
    with pytest.raises(ValueError):
        Param("colour", "slider")


def test_a_declared_filter_narrows_describes_and_names_itself(events):
    """What one more entry in the list gives: its URL form, its part of the title and file name."""
    spec = FilterSpec("kinds", "multi", url="kind", state="f_kinds", default=(),
                      keep=lambda ev, v, aliases: ev["granularity"].isin(v), what="the kind filter",
                      describe=lambda v, f, titles: f"kinds: {', '.join(v)}",
                      file_part=lambda v, f: "kinds-" + "-".join(v))
    assert spec.from_url(spec.to_url(("month", "year"))) == (("month", "year"), "")
    assert spec.to_control(("month",)) == ["month"] and spec.from_control(["month"]) == ("month",)
    assert list(events[spec.keep(events, ("month",), None)]["event_id"]) == ["b@3"]


# ------------------------------------------------------------------------------------ the URL --

def test_malformed_url_values_are_notices_not_silence():
    view, notices = V.read_query({"since": "next Tuesday", "coarse": "perhaps", "tense": "soon",
                                  "lanes": "sideways", "upload": "../../etc", "until": "2019-03-31"})
    assert view.filter.since is None and view.filter.until == dt.date(2019, 3, 31) and view.lanes == "actor"
    said = {n.param: n.text for n in notices}
    assert set(said) == {"since", "granularities", "tenses", "lanes", "upload"}
    assert said["since"] == "In the link, since='next Tuesday' is not a date (YYYY-MM-DD); it is left out."
    assert "all, reported, planned" in said["tenses"]
    assert view.upload == ""


def test_the_corpus_is_part_of_the_view():
    view = V.View(filter=EventFilter(docs=("b",)), corpus="/data/harbour news", event="b@3")
    params = V.to_query(view)
    assert list(params)[0] == "corpus" and params["corpus"] == "/data/harbour news"
    assert V.from_query(params) == view
    assert V.from_query({"upload": "0123456789abcdef"}).upload == "0123456789abcdef"


def test_values_the_data_lacks_are_left_out_with_a_notice(events):
    options = V.choices(events)
    view = V.View(filter=EventFilter(actors=("verity ashgrove", "Ashgrve Verity", "Zorvan Tull"),
                                     docs=("b", "Article a", "zz"), sources=("kelmouth post", "Daily Nowhere"),
                                     since=dt.date(1990, 1, 1)),
                  event="q@9")
    fitted, notices = V.fit_to_data(view, options, {}, set(events["event_id"]))
    assert fitted.filter.actors == ("Verity Ashgrove",)           # resolved, as the CLI does
    assert fitted.filter.docs == ("b", "a")                       # an article by its title
    assert fitted.filter.sources == ("Kelmouth Post",)
    assert fitted.filter.since == dt.date(1990, 1, 1)              # a date is kept, even before the data
    assert fitted.event == ""
    said = {n.param: n for n in notices}
    assert set(said) == {"actors", "docs", "sources", "event"}
    assert said["actors"].suggestions == ("Verity Ashgrove",)
    assert "Zorvan Tull" in said["actors"].text and "'zz'" in said["docs"].text
    assert said["sources"].text == "No source named 'Daily Nowhere' here; the source filter leaves it out."


# ----------------------------------------------------------------------------- the actor box --

@pytest.mark.parametrize("typed, chosen", [
    ("Brannock Aerial", "Brannock Aerial"),        # an exact name wins over a longer one holding it
    ("brannock aerial freight", "Brannock Aerial Freight"),
    ("Lomax", "Verity Lomax"),                      # one actor's shorter form
])
def test_enter_in_the_actor_box_picks_the_one_actor_meant(events, typed, chosen):
    options = V.choices(events)
    assert V.pick_actor(typed, options.actors).matches == (chosen,)


def test_enter_on_words_several_actors_share_offers_them_and_picks_none(events):
    options = V.choices(events)
    unsure = V.pick_actor("Verity", options.actors)
    assert unsure.matches == () and set(unsure.suggestions) == {"Verity Ashgrove", "Verity Lomax"}
    assert V.pick_text(unsure) == "No single actor is named “Verity”. Pick one:"
    typo = V.pick_actor("Verity Ashgrve", options.actors)
    assert typo.matches == () and typo.suggestions[0] == "Verity Ashgrove"
    assert V.pick_actor("Zorvan", options.actors).suggestions == ()


def test_actor_labels_give_counts_and_other_names_as_written(events):
    actors = pd.DataFrame({"name": ["Verity Ashgrove"], "aliases": [["Mrs. Ashgrove", "Ashgrove", "ASHGROVE"]]})
    options = V.choices(events, actors=actors)
    assert options.actor_label("Verity Ashgrove") == "Verity Ashgrove (2) · Ashgrove, Mrs. Ashgrove"
    assert options.actor_label("Verity Lomax") == "Verity Lomax (1)"


# ------------------------------------------------------------------------------ clear states --

def articles(*statuses):
    return pd.DataFrame({"id": [f"a{i}" for i in range(len(statuses))], "status": list(statuses)})


def test_what_is_wrong_with_the_articles_is_said_exactly(events):
    nothing = events.iloc[0:0]
    assert V.corpus_problem(articles(), [], nothing, "in /news") == (
        "error", "No articles in /news: no .txt, .md, .html, .jsonl or .csv files.")
    level, text = V.corpus_problem(articles("unreadable: binary file, not text"), ["x.txt: binary file, not text"],
                                   nothing, "uploaded")
    assert level == "error" and text == "The file uploaded could not be read: x.txt: binary file, not text"
    level, text = V.corpus_problem(articles("ok", "ok"), [], nothing, "in /news")
    assert level == "error" and text.startswith("No events: the 2 articles in /news hold no dates")
    level, text = V.corpus_problem(articles("ok", "unreadable: x"), ["b.txt: x"], events, "in /news")
    assert level == "warning" and text.startswith("1 file in /news could not be read")
    assert V.corpus_problem(articles("ok"), [], events, "in /news") is None


def test_an_empty_result_names_the_filter_to_clear(events):
    f = EventFilter(actors=("Verity Lomax",), since=dt.date(2019, 6, 1), until=dt.date(2019, 6, 30))
    assert V.why_empty(events, f) == "No events match: clear the date range (1 event would show)."
    f = EventFilter(tenses=("future",), text="depot")
    assert V.why_empty(events, f).startswith("No events match: clear the")
