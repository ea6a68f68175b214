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
    assert any(plain(i.value).startswith("No events match: clear the") for i in app.info)
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
    notice = [plain(w.value) for w in at.warning]
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
    monkeypatch.setenv("TIMELINE_ROOTS", str(tmp_path))
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
    said = [plain(w.value) for w in at.warning if "dateline" in w.value]
    assert any("dateline says 2016-08-15, metadata 2016-08-01" in w for w in said)   # the article table
    assert any("events are placed from a publication date" in w for w in said)     # the event table
    table = [d.value for d in at.dataframe if "event_id" in d.value.columns][0]
    thursday = table[table["date_text"] == "Thursday"].iloc[0]
    assert "2016-08-11" in thursday["warning"]                   # the Thursday before the dateline's Monday
    assert "(no date written: story context)" in set(table["date_text"])
    assert "said" in set(table["cue"])


# ------------------------------------------------------------------------------- the actor box --

def test_a_part_of_a_name_and_enter_chooses_that_one_actor(app):
    app.text_input(key="actor_query").input("meshal").run()
    assert ok(app).multiselect(key="f_actors").value == ["Khaled Meshal"]
    assert shown_ids(app) == ["a@1-6"] and url(app, "actor") == ["Khaled Meshal"]
    assert app.text_input(key="actor_query").value == ""          # ready for the next name
    app.text_input(key="actor_query").input("HAMAS").run()
    assert ok(app).multiselect(key="f_actors").value == ["Khaled Meshal", "Hamas"]


# ------------------------------------------------------------------ a folder, and its URL --

ARTICLES = {
    "depot.md": "---\ntitle: Depot lease signed\nsource: Kelmouth Post\npublished: 2019-03-05\n---\n"
                "Halvorsen Freight signed a lease with Brannock Aerial on Monday. Verity Ashgrove, the mayor of "
                "Kelmouth, said on Tuesday that the depot would open in May.\n",
    "hangar.md": "---\ntitle: Hangar plans\nsource: Harbour Gazette\npublished: 2019-06-12\n---\n"
                 "Brannock Aerial will build a second hangar at Kelmouth airfield next year. Councillor Osric "
                 "Penhallow opposed the plan on Wednesday, and Verity Lomax backed it.\n",
}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.delenv("TIMELINE_EVENTS", raising=False)
    monkeypatch.setenv("TIMELINE_CORPUS", str(ROOT / "seeds"))
    monkeypatch.setenv("TIMELINE_ROOTS", str(tmp_path))          # the dashboard may open it
    return tmp_path


def opened(params: dict) -> AppTest:
    """The dashboard opened from a link with these query parameters."""
    at = dashboard()
    at.query_params.update(params)
    return ok(at.run())


def first_said(at: AppTest):
    """The first element of the main area under the title: what the page says first (the emptied place of
    the progress bar shown while reading shows nothing)."""
    elements = [e for e in at.main.children.values() if e.type != "empty"]
    assert elements[0].type == "title"
    return elements[1]


def plain(markdown: str) -> str:
    """What a Markdown text shows (paths and names are escaped in it: ``a\\_b`` shows ``a_b``; an invisible
    word joiner keeps an address from becoming a link)."""
    import re

    from timeline.markup import WORD_JOINER
    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")


def test_words_several_actors_share_are_offered_and_nothing_is_chosen(folder):
    at = opened({"corpus": str(folder)})
    at.text_input(key="actor_query").input("Verity").run()
    assert ok(at).multiselect(key="f_actors").value == []
    offer = at.button_group(key="actor_suggestion")
    assert plain(offer.label) == "No single actor is named “Verity”. Pick one:"
    assert sorted(plain(o).split(" (")[0] for o in offer.options) == ["Verity Ashgrove", "Verity Lomax"]
    offer.set_value("Verity Lomax").run()
    assert ok(at).multiselect(key="f_actors").value == ["Verity Lomax"]
    assert shown_ids(at) == ["hangar@122-131"]


def test_a_folder_opened_in_the_sidebar_is_in_the_url(folder):
    at = ok(dashboard().run())
    assert url(at, "corpus") == []                              # the default corpus is left out
    at.radio(key="d_source").set_value("A folder").run()
    at.text_input(key="d_folder").input(str(folder)).run()
    assert url(ok(at), "corpus") == [str(folder)]
    assert {i.split("@")[0] for i in shown_ids(at)} == {"depot", "hangar"}


def test_a_link_reopens_its_folder_and_the_whole_view(folder):
    params = {"corpus": str(folder), "actor": "Brannock Aerial", "since": "2019-01-01", "until": "2020-12-31",
              "doc": "hangar", "source": "Harbour Gazette", "tense": "planned", "q": "hangar",
              "lanes": "article", "color": "article", "event": "hangar@64-73"}
    at = opened(params)
    assert at.radio(key="d_source").value == "A folder" and at.text_input(key="d_folder").value == str(folder)
    assert shown_ids(at) == ["hangar@64-73"] and drawn_ids(at) == ["hangar@64-73"]
    assert at.multiselect(key="f_actors").value == ["Brannock Aerial"]
    assert at.date_input(key="f_since").value == dt.date(2019, 1, 1)
    assert at.radio(key="d_lanes").value == "article" and at.radio(key="d_color").value == "article"
    assert "second hangar" in " ".join(h.proto.body for h in at.get("html"))      # the evidence is open
    assert {k: url(at, k) for k in params} == {k: [v] for k, v in params.items()}  # and the URL still says it all
    assert not at.warning


def test_a_link_to_a_missing_folder_says_so_first(folder):
    at = opened({"corpus": str(folder / "gone"), "actor": "Brannock Aerial"})
    said = first_said(at)
    assert said.type == "error" and plain(said.value) == f"No such folder or file: {folder / 'gone'}"
    assert url(at, "corpus") == [str(folder / "gone")] and url(at, "actor") == ["Brannock Aerial"]


def test_unreadable_files_are_said_first(folder):
    (folder / "depot.md").unlink()
    (folder / "hangar.md").write_bytes(b"\x00\x01\x02 not text \xff\xfe")
    said = first_said(opened({"corpus": str(folder)}))
    assert said.type == "error" and plain(said.value).startswith(f"The file in {folder} could not be read:")


def test_a_filter_that_leaves_nothing_says_which_to_clear_first(folder):
    said = first_said(opened({"corpus": str(folder), "actor": "Verity Lomax", "tense": "planned"}))
    assert said.type == "info" and plain(said.value).startswith("No events match: clear the")


def test_link_values_that_mean_nothing_here_are_said(folder):
    at = opened({"corpus": str(folder), "actor": ["Brannock Aerial", "Osric Penhalow"], "doc": "quarry",
                 "source": "harbour gazette", "since": "the spring", "coarse": "sometimes", "event": "depot@1-2"})
    assert len(at.warning) == 1                       # one notice, a line for each setting
    said = plain(at.warning[0].value).split("  \n")
    assert "In the link, since='the spring' is not a date (YYYY-MM-DD); it is left out." in said
    assert "In the link, coarse='sometimes' is neither 1 nor 0; it is left out." in said
    assert "No article named 'quarry' here; the article filter leaves it out." in said
    assert any(s.startswith("No actor named 'Osric Penhalow'; did you mean: Councillor Osric Penhallow?")
               for s in said)
    assert any("depot@1-2" in s for s in said)
    assert at.multiselect(key="f_actors").value == ["Brannock Aerial"]
    assert at.multiselect(key="f_sources").value == ["Harbour Gazette"]          # in another case: found
    at.button(key="dismiss_notices").click().run()
    assert not ok(at).warning


def end_session() -> None:
    """What Streamlit does when a browser session ends: its session-scoped resources are released."""
    from streamlit.runtime import caching
    caching.clear_session_resource_cache("test session id")       # AppTest's one session


def upload(at: AppTest, files: dict[str, bytes]) -> AppTest:
    at.radio(key="d_source").set_value("Upload files").run()
    at.file_uploader(key="d_upload").set_value([(name, data, "text/markdown") for name, data in files.items()])
    return ok(at.run())


def test_uploaded_files_are_in_the_url_and_open_again_in_their_session_only(folder):
    at = upload(ok(dashboard().run()), {k: v.encode() for k, v in ARTICLES.items()})
    digest = url(at, "upload")
    assert len(digest) == 1 and {i.split("@")[0] for i in shown_ids(at)} == {"depot", "hangar"}
    at.radio(key="d_source").set_value("Bundled seeds").run()        # away and back: the uploader is empty ...
    at.radio(key="d_source").set_value("Upload files").run()
    assert {i.split("@")[0] for i in shown_ids(ok(at))} == {"depot", "hangar"}      # ... the session still has them
    assert url(at, "upload") == digest
    end_session()
    again = opened({"upload": digest[0], "actor": "Verity Ashgrove"})           # a session later: not there
    assert again.radio(key="d_source").value == "Upload files"
    said = first_said(again)
    assert said.type == "error" and plain(said.value).startswith(
        "The uploaded articles of this link are not here: uploaded files are kept only for the browser session")


def test_an_unreadable_upload_is_said_first(folder):
    at = upload(ok(dashboard().run()), {"scan.txt": b"\x00\x01\x02\x03 \xff\xfe\xfd"})
    said = first_said(at)
    assert said.type == "error" and plain(said.value) == "The file uploaded could not be read: scan.txt: binary file, not text"
