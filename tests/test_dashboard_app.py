"""The dashboard's logic through Streamlit's AppTest: each control changes the table and the chart.

Two data sets: the bundled seeds (parsed for real) and a small saved event table with actors,
opened through TIMELINE_EVENTS, so that the actor filter is exercised whatever the actor module finds.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from timeline import schema

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")


def event(n, start, end=None, *, gran="day", actors=(), source="Reuters", doc="a", title="Cairo meeting",
          text="on Thursday", sentence="Abbas met Meshal in Cairo on Thursday.", tense="past", anchor="absolute"):
    start = pd.Timestamp(start) if start else None
    if start is not None and end is None:
        end = start + pd.Timedelta(days=1)
    return dict(event_id=f"{doc}@{n}-{n + 5}", doc=doc, title=title, source=source, url="", published="2011-11-24",
                date=str(start.date()) if start is not None else "", granularity=gran, start=start, end=end,
                date_text=text, date_start=n, date_end=n + 5, sentence=sentence, sentence_start=0,
                sentence_end=len(sentence), label=sentence[:60], actors=list(actors), tense=tense, anchor=anchor)


def dashboard() -> AppTest:
    """The app with its event table opened, as a user who reads the rows would have it."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["events_open"] = True
    return at


@pytest.fixture(scope="module")
def table_path(tmp_path_factory):
    rows = [
        event(1, "2011-11-24", actors=["Mahmoud Abbas", "Khaled Meshal"]),
        event(2, "2011-11-24", actors=["Mahmoud Abbas"], sentence="Abbas spoke to reporters on Thursday."),
        event(3, "2011-05-01", "2011-06-01", gran="month", actors=["Mahmoud Abbas"], text="in May",
              sentence="The accord was signed in May."),
        event(4, "2012-01-01", "2013-01-01", gran="year", actors=["Hamas"], text="next year", tense="future",
              doc="b", title="Elections next year", source="The New York Times",
              sentence="Elections will be held next year."),
        event(5, "2014-09-24", actors=["Hamas", "Fatah"], doc="c", title="Unity talks", source="Reuters",
              text="Wednesday", sentence="Fatah and Hamas met on Wednesday."),
        event(6, None, None, gran="week", doc="c", title="Unity talks", text="last week", anchor="unanchored",
              sentence="Talks failed last week."),
    ]
    path = tmp_path_factory.mktemp("events") / "events.pkl"
    schema.events_frame(rows).to_pickle(path)
    return path


@pytest.fixture
def app(table_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(table_path))
    return dashboard().run()


@pytest.fixture
def seeds(monkeypatch):
    monkeypatch.delenv("TIMELINE_EVENTS", raising=False)
    monkeypatch.setenv("TIMELINE_CORPUS", str(ROOT / "seeds"))
    return dashboard()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_ids(at: AppTest) -> list[str]:
    """The event ids in the event table under the chart."""
    tables = [d.value for d in at.dataframe if "event_id" in d.value.columns]
    return sorted(tables[0]["event_id"]) if tables else []


def url(at: AppTest, key: str) -> list[str]:
    """The values of one query parameter in the page's URL."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def figure(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    return json.loads(charts[0].proto.spec) if charts else {}


def drawn_ids(at: AppTest) -> list[str]:
    """The event ids drawn on the chart (the customdata of every point or bar)."""
    ids = set()
    for trace in figure(at).get("data", []):
        ids.update(trace.get("customdata") or [])
    return sorted(ids)


def test_opens_with_every_event(app):
    ok(app)
    assert shown_ids(app) == ["a@1-6", "a@2-7", "a@3-8", "b@4-9", "c@5-10", "c@6-11"]
    assert drawn_ids(app) == ["a@1-6", "a@2-7", "a@3-8", "b@4-9", "c@5-10"]   # c@6 has no date
    assert any("1 events with no placeable date" in e.label for e in app.expander)


def test_event_table_opens_on_demand_and_downloads_are_always_there(table_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(table_path))
    at = ok(AppTest.from_file(APP, default_timeout=60).run())
    assert shown_ids(at) == []                           # collapsed: the grid is not sent
    assert {b.label for b in at.get("download_button")} >= {"CSV", "JSON"}
    assert any("6 events shown" in e.label for e in at.expander)
    at.session_state["events_open"] = True               # what clicking the expander does
    assert len(shown_ids(ok(at.run()))) == 6


def test_actor_filter_lists_counts_and_narrows_table_and_chart(app):
    box = app.multiselect(key="f_actors")
    assert box.options[0] == "Mahmoud Abbas (3)"
    box.select("Mahmoud Abbas").run()
    ok(app)
    assert shown_ids(app) == ["a@1-6", "a@2-7", "a@3-8"]
    assert drawn_ids(app) == ["a@1-6", "a@2-7", "a@3-8"]
    assert url(app, "actor") == ["Mahmoud Abbas"]


def test_date_range(app):
    app.date_input(key="f_since").set_value(dt.date(2011, 11, 1)).run()
    app.date_input(key="f_until").set_value(dt.date(2012, 6, 30)).run()
    ok(app)
    assert shown_ids(app) == ["a@1-6", "a@2-7", "b@4-9"]
    assert url(app, "since") == ["2011-11-01"]


def test_article_and_source_filters(app):
    app.multiselect(key="f_docs").select("b").run()
    assert ok(app) and shown_ids(app) == ["b@4-9"]
    app.multiselect(key="f_docs").unselect("b").run()
    app.multiselect(key="f_sources").select("Reuters").run()
    assert shown_ids(app) == ["a@1-6", "a@2-7", "a@3-8", "c@5-10", "c@6-11"]


def test_hiding_month_and_year_dates_removes_the_bars(app):
    assert any(t["type"] == "bar" for t in figure(app)["data"])
    app.toggle(key="f_coarse").set_value(False).run()
    ok(app)
    assert shown_ids(app) == ["a@1-6", "a@2-7", "c@5-10"]
    assert not any(t["type"] == "bar" for t in figure(app)["data"])


def test_tense_planned_vs_reported(app):
    app.radio(key="f_tense").set_value("planned").run()
    assert ok(app) and shown_ids(app) == ["b@4-9"]
    app.radio(key="f_tense").set_value("reported").run()
    assert "b@4-9" not in shown_ids(app)


def test_text_search(app):
    app.text_input(key="f_text").input("reporters").run()
    assert ok(app) and shown_ids(app) == ["a@2-7"]


def test_lanes_per_article(app):
    app.radio(key="d_lanes").set_value("article").run()
    ok(app)
    assert figure(app)["layout"]["yaxis"]["ticktext"] == ["Cairo meeting", "Elections next year", "Unity talks"]


def test_nothing_matches_says_what_to_clear(app):
    app.multiselect(key="f_actors").select("Hamas").run()
    app.text_input(key="f_text").input("reporters").run()
    ok(app)
    assert not app.get("plotly_chart")
    assert any("No events match: clear the" in i.value for i in app.info)
    app.button(key="clear").click().run()
    assert len(shown_ids(app)) == 6


def test_filters_come_from_the_url(table_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(table_path))
    at = dashboard()
    at.query_params.update({"actor": "hamas", "tense": "planned"})
    at.run()
    ok(at)
    assert at.multiselect(key="f_actors").value == ["Hamas"]
    assert shown_ids(at) == ["b@4-9"] and drawn_ids(at) == ["b@4-9"]


def test_an_unknown_actor_in_the_url_is_a_notice_with_suggestions_never_applied(table_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(table_path))
    at = dashboard()
    at.query_params.update({"actor": ["Mahmod Abbas", "Zorvan Tull"]})
    ok(at.run())
    notice = [w.value for w in at.warning]
    assert notice == ["No actor named 'Mahmod Abbas'; did you mean: Mahmoud Abbas? No actor named 'Zorvan Tull'. "
                      "The actor filter leaves them out."]
    assert at.multiselect(key="f_actors").value == [] and len(shown_ids(at)) == 6
    at.button(key="suggested_actor_0").click().run()
    assert ok(at).multiselect(key="f_actors").value == ["Mahmoud Abbas"]
    assert shown_ids(at) == ["a@1-6", "a@2-7", "a@3-8"] and not at.warning


def test_a_shorter_name_in_the_url_picks_the_one_actor_it_fits(table_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(table_path))
    at = dashboard()
    at.query_params["actor"] = "Meshal"
    ok(at.run())
    assert at.multiselect(key="f_actors").value == ["Khaled Meshal"] and not at.warning


def test_selected_event_shows_its_evidence(table_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_EVENTS", str(table_path))
    at = dashboard()
    at.query_params["event"] = "b@4-9"
    at.run()
    card = " ".join(h.proto.body for h in at.get("html"))
    assert "Elections will be held" in card and "Elections next year" in card


# ------------------------------------------------------------------------------ on the seeds --

def test_seeds_are_drawn_and_evidence_is_escaped(seeds):
    from timeline.corpus import read_corpus
    corpus = read_corpus([ROOT / "seeds"])
    placed = corpus.events[corpus.events["start"].notna()]
    ok(seeds.run())
    assert drawn_ids(seeds) == sorted(placed["event_id"])
    assert len(shown_ids(seeds)) == len(corpus.events)
    first = placed.iloc[0]
    seeds.query_params["event"] = first["event_id"]
    at = dashboard()
    at.query_params["event"] = first["event_id"]
    ok(at.run())
    card = " ".join(h.proto.body for h in at.get("html"))
    assert f">{first['date_text']}</mark>" in card.replace("&#x27;", "'")
    assert "<script" not in card


def test_moving_a_filter_never_reparses(seeds, monkeypatch):
    import timeline.corpus
    calls = []
    real = timeline.corpus.read_corpus
    monkeypatch.setattr(timeline.corpus, "read_corpus", lambda *a, **k: calls.append(1) or real(*a, **k))
    st.cache_data.clear()
    st.cache_resource.clear()
    ok(seeds.run())
    seeds.toggle(key="f_coarse").set_value(False).run()
    seeds.radio(key="f_tense").set_value("reported").run()
    ok(seeds)
    assert len(calls) == 1


def test_article_without_date_is_called_out_and_editing_its_date_places_its_events(tmp_path, monkeypatch):
    (tmp_path / "talks.txt").write_text(
        "Hamas and Fatah meet\n\nHamas and Fatah met in Cairo on Thursday and agreed to hold elections next May.\n")
    monkeypatch.delenv("TIMELINE_EVENTS", raising=False)
    at = dashboard().run()
    at.radio(key="d_source").set_value("A folder").run()
    at.text_input(key="d_folder").input(str(tmp_path)).run()
    ok(at)
    assert any("no publication date" in w.value for w in at.warning)
    assert not at.get("plotly_chart") or not drawn_ids(at)
    # what the article table's date editor does when the user types a date
    digest = at.session_state["digest"]
    at.session_state["published_edits"] = {digest: {"talks": dt.date(2014, 9, 25)}}
    at.run()
    ok(at)
    table = [d.value for d in at.dataframe if "event_id" in d.value.columns][0]
    assert "2014-09-25" in set(table["date"])          # "on Thursday" -> the day of publication
    assert not any("no publication date" in w.value for w in at.warning)


def test_actor_section_lists_kinds_and_merged_aliases_and_names_the_overrides_file(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("---\npublished: 2014-09-24\n---\nJudge Orla Fenwick fined the trawler captain "
                                   "Dag Brandt in Hull on Tuesday. Mrs. Fenwick called the catch reckless.\n")
    (tmp_path / "actors.yaml").write_text("rename:\n  Dag Brandt: Dagfinn Brandt\n")
    monkeypatch.delenv("TIMELINE_EVENTS", raising=False)
    monkeypatch.setenv("TIMELINE_CORPUS", str(tmp_path))
    at = ok(AppTest.from_file(APP, default_timeout=60).run())
    assert any("actors.yaml" in c.value and "is applied" in c.value for c in at.caption)
    assert not [d for d in at.dataframe if "kind" in d.value.columns]      # collapsed until opened
    at.session_state["actors_open"] = True
    actors = [d.value for d in ok(at.run()).dataframe if "kind" in d.value.columns][0].set_index("name")
    assert actors.loc["Orla Fenwick", "kind"] == "person"
    assert "Mrs. Fenwick" in list(actors.loc["Orla Fenwick", "aliases"])
    assert "Dagfinn Brandt" in actors.index and "Dag Brandt" not in actors.index


def test_a_disputed_publication_date_is_a_warning_and_the_events_table_says_which_events(tmp_path, monkeypatch):
    (tmp_path / "quarry.md").write_text(
        "---\ntitle: Quarry blasting paused\npublished: 2016-08-01\n---\nQuarry blasting paused\n\n"
        "August 15, 2016\n\nThe Haldane Stone Company paused blasting at its Moorcroft quarry on Thursday. "
        "Site manager Petra Voss said the pause was for safety checks.\n")
    monkeypatch.delenv("TIMELINE_EVENTS", raising=False)
    monkeypatch.setenv("TIMELINE_CORPUS", str(tmp_path))
    at = ok(dashboard().run())
    said = [w.value for w in at.warning if "dateline" in w.value]
    assert any("dateline says 2016-08-15, metadata 2016-08-01" in w for w in said)   # the article table
    assert any("events are placed from a publication date" in w for w in said)     # the event table
    table = [d.value for d in at.dataframe if "event_id" in d.value.columns][0]
    thursday = table[table["date_text"] == "Thursday"].iloc[0]
    assert "2016-08-11" in thursday["warning"]                   # the Thursday before the dateline's Monday
    assert "(no date written: story context)" in set(table["date_text"])
    assert "said" in set(table["cue"])
