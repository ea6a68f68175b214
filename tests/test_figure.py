"""The timeline figure, its exports, the evidence card and the URL form of a view, on synthetic tables."""
from __future__ import annotations

import datetime as dt
import struct

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings, strategies as st

from timeline import schema
from timeline.evidence import evidence_html, highlight
from timeline.export import describe_filter, export_filename, write_figure
from timeline.figure import NO_ACTOR, WEBGL_THRESHOLD, timeline_figure
from timeline.filters import EventFilter, apply_filter
from timeline.view import (View, actor_counts, actor_label, changed_publication_dates, from_query,
                           resolve_actors, selected_event_id, to_query)


def event(n, start, end=None, *, gran="day", actors=(), anchor="absolute", source="Reuters", doc="a",
          title="Abbas and Meshal meet", text="on Thursday", label="Abbas met Meshal in Cairo", tense="past"):
    start = pd.Timestamp(start) if start else None
    if start is not None and end is None:
        end = start + pd.Timedelta(days=1)
    return dict(event_id=f"{doc}@{n}-{n + 5}", doc=doc, title=title, source=source, url="https://example.org/a",
                published="2011-11-24", date=str(start.date()) if start is not None else "XXXX-XX-XX",
                granularity=gran, start=start, end=end, date_text=text, date_start=n, date_end=n + 5,
                sentence=f"Sentence {n}: {label}.", sentence_start=0, sentence_end=40, label=label,
                actors=list(actors), tense=tense, anchor=anchor)


@pytest.fixture
def events():
    return schema.events_frame([
        event(1, "2011-11-24", actors=["Mahmoud Abbas", "Khaled Meshal"]),
        event(2, "2011-11-24", actors=["Mahmoud Abbas"], anchor="publication", text=""),
        event(3, "2011-05-01", "2011-06-01", gran="month", actors=["Mahmoud Abbas"], text="in May"),
        event(4, "2012-01-01", "2013-01-01", gran="year", text="next year", source="The New York Times", doc="b",
              title="Elections next year", tense="future"),
        event(5, None, None, anchor="unanchored", doc="b", source="The New York Times", text="last week"),
    ])


def drawn(fig: go.Figure) -> dict[str, go.BaseTraceType]:
    """event_id -> the trace that draws it (each point carries its event_id as customdata)."""
    out = {}
    for trace in fig.data:
        if trace.customdata is not None:
            for event_id in trace.customdata:
                out.setdefault(event_id, trace)
    return out


def hover(fig: go.Figure) -> dict[str, str]:
    """event_id -> the hover label Plotly shows for it."""
    out = {}
    for t in fig.data:
        if t.customdata is not None:
            for event_id, text, rest in zip(t.customdata, t.text, t.hovertext):
                out[event_id] = (t.hovertemplate.replace("%{text}", text).replace("%{hovertext}", rest)
                                 .replace("%{fullData.name}", t.name))
    return out


def points(fig: go.Figure) -> list[tuple[str, float, str]]:
    """(event_id, y, lane name) per drawn point."""
    centres = np.array(fig.layout.yaxis.tickvals or (), dtype=float)
    names = fig.layout.yaxis.ticktext or ()
    out = []
    for trace in fig.data:
        if trace.customdata is None:
            continue
        for event_id, y in zip(trace.customdata, trace.y):
            out.append((event_id, float(y), names[int(np.argmin(abs(centres - float(y))))]))
    return out


def test_every_placed_event_is_drawn_once_per_actor(events):
    fig = timeline_figure(events)
    pts = points(fig)
    assert sorted({p[0] for p in pts}) == ["a@1-6", "a@2-7", "a@3-8", "b@4-9"]
    lanes = {(eid, lane) for eid, _, lane in pts}
    assert ("a@1-6", "Mahmoud Abbas") in lanes and ("a@1-6", "Khaled Meshal") in lanes
    assert ("b@4-9", NO_ACTOR) in lanes
    # busiest actor first, the event with nobody named in its own lane at the bottom
    assert list(fig.layout.yaxis.ticktext) == ["Mahmoud Abbas", "Khaled Meshal", NO_ACTOR]


def test_unanchored_events_are_counted_not_drawn(events):
    fig = timeline_figure(events)
    assert "b@5-10" not in drawn(fig)
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "1 event has no placeable date" in notes


def test_month_and_year_dates_are_bars_across_their_interval(events):
    fig = timeline_figure(events)
    by_id = drawn(fig)
    year = by_id["b@4-9"]
    assert year.type == "bar" and year.orientation == "h"
    assert year.textposition == "none"                 # the hover text is not printed on the bar
    i = list(year.customdata).index("b@4-9")
    assert pd.Timestamp(year.base[i], unit="ms") == pd.Timestamp("2012-01-01")   # a date axis reads ms
    assert year.x[i] == pytest.approx(366 * 86_400_000)   # 2012 is a leap year: the whole year
    assert by_id["a@1-6"].type == "scatter" and by_id["a@1-6"].mode == "markers"


def test_publication_anchored_events_are_hollow(events):
    by_id = drawn(timeline_figure(events))
    assert by_id["a@2-7"].marker.symbol == "circle-open"
    assert by_id["a@1-6"].marker.symbol in (None, "circle")


def test_same_day_events_in_one_lane_do_not_overlap():
    same_day = schema.events_frame([event(i * 10, "2011-11-24", actors=["Mahmoud Abbas"]) for i in range(6)])
    fig = timeline_figure(same_day)
    ys = sorted(y for _, y, _ in points(fig))
    assert len(set(np.round(ys, 6))) == 6
    # ... at least a marker's radius apart on screen, and inside their lane's band
    top, bottom = fig.layout.yaxis.range[1], fig.layout.yaxis.range[0]
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    px_per_unit = plot_px * 0.9 / (bottom - top)      # the range slider takes part of the height
    assert min(np.diff(ys)) * px_per_unit >= 5
    assert top < ys[0] and ys[-1] < bottom


def test_overlapping_bars_in_one_lane_are_stacked():
    years = schema.events_frame([event(i * 10, "2012-01-01", "2013-01-01", gran="year") for i in range(3)])
    ys = [y for _, y, _ in points(timeline_figure(years))]
    assert len(set(np.round(ys, 6))) == 3


def test_lanes_per_article_and_colour_per_source(events):
    fig = timeline_figure(events, lanes="article", color="source")
    assert list(fig.layout.yaxis.ticktext) == ["Abbas and Meshal meet", "Elections next year"]
    legend = {t.name for t in fig.data if t.showlegend and t.legend != "legend2"}
    assert legend == {"Reuters", "The New York Times"}
    colours = {t.legendgroup: (t.marker.color) for t in fig.data if t.customdata is not None}
    assert colours["Reuters"] != colours["The New York Times"]


def test_hover_shows_written_and_normalised_date_label_and_source(events):
    text = hover(timeline_figure(events))["a@3-8"]
    assert "in May" in text and "2011-05-01" in text and "month" in text
    assert "Abbas met Meshal in Cairo" in text and "Reuters" in text


def test_article_text_in_hover_and_lanes_is_escaped():
    nasty = schema.events_frame([event(1, "2011-11-24", actors=["<img src=x onerror=alert(1)>"],
                                       label="<b>bold</b> & <script>x</script>")])
    fig = timeline_figure(nasty, lanes="actor")
    text = hover(fig)["a@1-6"]
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;bold" in text
    assert "&lt;img" in text                                   # the actor's name, escaped
    assert "<img" not in fig.layout.yaxis.ticktext[0]


def test_webgl_above_threshold():
    base = pd.Timestamp("2011-01-01")
    many = schema.events_frame([event(i, base + pd.Timedelta(days=i % 700), actors=["A"])
                                for i in range(WEBGL_THRESHOLD + 1)])
    fig = timeline_figure(many)
    assert {t.type for t in fig.data if t.customdata is not None} == {"scattergl"}
    text = hover(fig)["a@0-5"]           # still: written and normalised date, label, source
    assert "on Thursday" in text and "2011-01-01" in text and "Abbas met Meshal" in text and "Reuters" in text
    few = timeline_figure(many.head(50))
    assert "scattergl" not in {t.type for t in few.data}


def test_range_slider_and_date_axis(events):
    fig = timeline_figure(events)
    assert fig.layout.xaxis.type == "date" and fig.layout.xaxis.rangeslider.visible


def test_empty_tables_explain_themselves(events):
    fig = timeline_figure(events.iloc[0:0])
    assert "No events" in fig.layout.annotations[0].text
    only_undated = timeline_figure(events[events["start"].isna()])
    assert "placeable date" in only_undated.layout.annotations[0].text


def test_filtered_figure_shows_only_the_chosen_actor(events):
    kept = apply_filter(events, EventFilter(actors=("khaled meshal",)))
    fig = timeline_figure(kept)
    assert {eid for eid, _, _ in points(fig)} == {"a@1-6"}
    assert set(fig.layout.yaxis.ticktext) == {"Mahmoud Abbas", "Khaled Meshal"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4000), st.sampled_from(["day", "month", "year", "time"]),
                          st.lists(st.sampled_from(["A", "B", "C"]), max_size=2, unique=True),
                          st.sampled_from(["absolute", "relative", "publication", "unanchored"])),
                max_size=40))
def test_any_table_draws_each_placed_event_in_each_of_its_lanes(rows):
    base = pd.Timestamp("2000-01-01")
    recs = []
    for i, (day, gran, actors, anchor) in enumerate(rows):
        start = None if anchor == "unanchored" else base + pd.Timedelta(days=day)
        end = None if start is None else start + pd.Timedelta(days={"day": 1, "time": 0, "month": 30, "year": 365}[gran])
        if gran == "time" and start is not None:
            end = start + pd.Timedelta(minutes=1)
        recs.append(event(i * 10, start, end, gran=gran, actors=actors, anchor=anchor))
    events = schema.events_frame(recs)
    fig = timeline_figure(events)
    expected = sorted((r["event_id"], a) for r in recs if r["start"] is not None
                      for a in (r["actors"] or [NO_ACTOR]))
    assert sorted((eid, lane) for eid, _, lane in points(fig)) == expected


# ---------------------------------------------------------------------------------- exports --

def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_svg_and_html_exports(events, tmp_path):
    fig = timeline_figure(events, title="Everything")
    png = write_figure(fig, tmp_path / "t.png", scale=2)
    width, height = png_size(png.read_bytes())
    assert width == 2560 and height >= 800
    svg = write_figure(fig, tmp_path / "t.svg").read_text()
    assert svg.lstrip().startswith("<svg") and "Mahmoud Abbas" in svg
    page = write_figure(fig, tmp_path / "t.html").read_text()
    assert "<html" in page and "plotly" in page.lower() and "a@1-6" in page
    with pytest.raises(ValueError):
        write_figure(fig, tmp_path / "t.jpg")


def test_export_filename_says_what_is_shown():
    f = EventFilter(actors=("Mahmoud Abbas",), since=dt.date(2011, 1, 1), until=dt.date(2012, 12, 31),
                    tenses=("future",))
    name = export_filename(f, "png", corpus="seeds", today=dt.date(2026, 11, 22))
    assert name == "timeline_seeds_actor-mahmoud-abbas_2011-01-01-to-2012-12-31_planned_2026-11-22.png"
    assert export_filename(EventFilter(), "svg", today=dt.date(2026, 1, 2)) == "timeline_2026-01-02.svg"
    assert "/" not in export_filename(EventFilter(text="a/b\\c"), "png")
    assert describe_filter(f).startswith("actors: Mahmoud Abbas · 2011-01-01 to 2012-12-31")


# --------------------------------------------------------------------------------- evidence --

TEXT = ("Intro paragraph.\n\n"
        "On Thursday, Mr. Abbas met <script>alert(1)</script> Meshal in Cairo. They spoke for hours.\n\n"
        "Last paragraph.")


def cairo_event():
    s0 = TEXT.index("On Thursday")
    s1 = TEXT.index("Cairo.") + len("Cairo.")
    return dict(title="Meeting <b>", source="NYT", url="javascript:alert(1)", published=pd.Timestamp("2011-11-24"),
                date="2011-11-24", granularity="day", date_text="Thursday", date_start=s0 + 3, date_end=s0 + 11,
                sentence=TEXT[s0:s1], sentence_start=s0, sentence_end=s1, actors=["Mahmoud Abbas"],
                anchor="relative", doc="a")


def test_evidence_shows_sentence_in_paragraph_with_highlights():
    card = evidence_html(cairo_event(), TEXT, {"mr. abbas": "Mahmoud Abbas", "abbas": "Mahmoud Abbas"})
    assert "They spoke for hours." in card                 # the rest of the paragraph
    assert "Intro paragraph" not in card and "Last paragraph" not in card
    assert '<mark class="date"' in card and ">Thursday</mark>" in card
    assert ">Mr. Abbas</mark>" in card                     # found through its alias


def test_evidence_escapes_everything_from_the_article():
    card = evidence_html(cairo_event(), TEXT)
    assert "<script>" not in card and "&lt;script&gt;alert(1)&lt;/script&gt;" in card
    assert "Meeting &lt;b&gt;" in card
    assert "javascript:" not in card                       # unsafe links are dropped


def test_evidence_without_article_text_falls_back_to_sentence():
    card = evidence_html(cairo_event(), None)
    assert ">Thursday</mark>" in card and "Meshal in Cairo." in card and "They spoke" not in card


def test_highlight_ignores_spans_outside_the_text():
    assert highlight("a < b", date=(4, 99)) == 'a &lt; <mark class="date" style="' + \
        'background:#ffe08a;color:#111;padding:0 2px;border-radius:2px">b</mark>'


# -------------------------------------------------------------------------------- URL state --

def test_view_round_trips_through_the_query_string():
    view = View(filter=EventFilter(actors=("Mahmoud Abbas", "Hamas"), since=dt.date(2011, 1, 1),
                                   docs=("000",), granularities=("time", "day"), tenses=("future",), text="vote"),
                lanes="article", event="000@3-8")
    params = to_query(view)
    assert params["actor"] == ["Mahmoud Abbas", "Hamas"] and params["tense"] == "planned"
    assert from_query(params) == view
    assert to_query(View()) == {}


def test_malformed_query_values_are_ignored():
    view = from_query({"since": "yesterday", "lanes": "nonsense", "tense": "maybe", "actor": ["", "Abbas"]})
    assert view.filter.since is None and view.lanes == "actor" and view.filter.tenses == ()
    assert view.filter.actors == ("Abbas",)


def test_actor_choices_have_counts_and_aliases(events):
    counts = actor_counts(events)
    assert list(counts.items()) == [("Mahmoud Abbas", 3), ("Khaled Meshal", 1)]
    aliases = {"abu mazen": "Mahmoud Abbas", "mahmoud abbas": "Mahmoud Abbas"}
    assert actor_label("Mahmoud Abbas", counts, aliases) == "Mahmoud Abbas (3) · abu mazen"
    found, missing = resolve_actors(["ABU MAZEN", "nobody", "Khaled Meshall"], list(counts.index), aliases)
    assert found == ["Mahmoud Abbas"]
    assert [(m.query, m.suggestions) for m in missing] == [("nobody", ()), ("Khaled Meshall", ("Khaled Meshal",))]


def test_selection_state_gives_the_event_id():
    state = {"selection": {"points": [{"curve_number": 1, "customdata": "a@1-6"}], "box": []}}
    assert selected_event_id(state) == "a@1-6"
    assert selected_event_id({"selection": {"points": [{"customdata": ["b@2-3"]}]}}) == "b@2-3"
    assert selected_event_id({"selection": {"points": []}}) == ""


def test_edited_publication_dates_are_detected():
    before = pd.DataFrame({"id": ["a", "b"], "published": [dt.date(2011, 1, 1), None]})
    after = pd.DataFrame({"id": ["a", "b"], "published": [dt.date(2011, 1, 1), dt.date(2014, 9, 24)]})
    assert changed_publication_dates(before, after) == {"b": dt.date(2014, 9, 24)}


def test_downloads_hold_every_column_and_row(events):
    import io
    import json

    from timeline.view import table_csv, table_json
    csv = pd.read_csv(io.BytesIO(table_csv(events)))
    assert len(csv) == len(events) and list(csv.columns) == list(events.columns)
    assert csv.loc[0, "actors"] == "Mahmoud Abbas; Khaled Meshal"
    records = json.loads(table_json(events))
    assert len(records) == len(events) and records[0]["actors"] == ["Mahmoud Abbas", "Khaled Meshal"]
    assert records[0]["start"].startswith("2011-11-24") and records[4]["start"] is None


def test_empty_result_says_which_filter_to_clear(events):
    from timeline.view import why_empty
    f = EventFilter(actors=("Khaled Meshal",), tenses=("future",))
    message = why_empty(events, f)
    assert message.startswith("No events match: clear the")
    assert "actor filter" in message or "tense filter" in message


@pytest.mark.parametrize("webgl", [False, True])
def test_the_figure_gives_plotly_json_the_same_content_as_lists(events, webgl):
    """Text arrays come out as lists (Plotly's orjson engine takes them in one pass), with nothing changed."""
    import json

    import plotly.io as pio
    fig = timeline_figure(events, webgl=webgl)
    data = fig.to_dict()["data"]
    assert not [k for t in data for k, v in t.items() if isinstance(v, np.ndarray) and v.dtype == object]
    assert all(isinstance(t["customdata"], list) for t in data if "customdata" in t)
    assert json.loads(pio.to_json(fig))["data"] == json.loads(pio.to_json(go.Figure(fig)))["data"]
