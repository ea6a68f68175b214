"""The dashboard's chart through Streamlit's AppTest: its window follows From/Until, its colours stay put."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from timeline import schema

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def row(n: int, day: str, doc: str, actors: list[str]) -> dict:
    start = pd.Timestamp(day)
    sentence = f"The rowing club met the harbour board about the regatta ({n})."
    return dict(event_id=f"{doc}@{n}", doc=doc, title=f"Regatta news {doc}", source=f"Wire {doc}", url="",
                published=day, date=day, granularity="day", start=start, end=start + pd.Timedelta(days=1),
                date_text="on Saturday", date_start=0, date_end=5, sentence=sentence, sentence_start=0,
                sentence_end=len(sentence), label=sentence, actors=actors, tense="past", anchor="absolute")


@pytest.fixture
def app(tmp_path, monkeypatch):
    rows = []
    # article "a" is the busiest; "b" and "c" name the harbour board, "a" does not
    for i in range(12):
        rows.append(row(i, f"2015-05-{1 + i:02d}", "a", ["Rowing Club"]))
    for i in range(6):
        rows.append(row(100 + i, f"2015-06-{1 + i:02d}", "b", ["Harbour Board"]))
    for i in range(3):
        rows.append(row(200 + i, f"2015-07-{1 + i:02d}", "c", ["Harbour Board", "Rowing Club"]))
    path = tmp_path / "events.pkl"
    schema.events_frame(rows).to_pickle(path)
    monkeypatch.setenv("TIMELINE_EVENTS", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def legend_colours(at: AppTest) -> dict[str, str]:
    return {t["name"]: t["marker"]["color"] for t in figure(at)["data"]
            if t.get("showlegend") and t.get("legend") != "legend2"}


def test_from_and_until_are_the_window_of_the_chart(app):
    app.date_input(key="f_since").set_value(dt.date(2015, 5, 10)).run()
    app.date_input(key="f_until").set_value(dt.date(2015, 6, 20)).run()
    assert not app.exception
    lo, hi = (pd.Timestamp(v) for v in figure(app)["layout"]["xaxis"]["range"])
    assert (lo, hi) == (pd.Timestamp("2015-05-10"), pd.Timestamp("2015-06-21"))


def test_colours_do_not_change_when_a_filter_leaves_groups_out(app):
    for color in ("article", "source"):
        app.radio(key="d_color").set_value(color).run()
        everything = legend_colours(app)
        app.multiselect(key="f_actors").select("Harbour Board").run()
        assert not app.exception
        narrowed = legend_colours(app)
        assert len(narrowed) == 2 and len(everything) == 3
        assert all(everything[name] == colour for name, colour in narrowed.items())
        app.multiselect(key="f_actors").unselect("Harbour Board").run()
