"""The timeline figure, its exports, the evidence card and the URL form of a view, on synthetic tables."""
from __future__ import annotations

import datetime as dt
import html
import struct

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings, strategies as st

from timeline import schema
from timeline.colors import OTHER_COLOR, PALETTE, color_assignment
from timeline.evidence import evidence_html, highlight
from timeline.export import camera_config, describe_filter, export_filename, figure_bytes, write_figure
from timeline.figure import NO_ACTOR, OVERVIEW, WEBGL_THRESHOLD, timeline_figure
from timeline.figure_labels import text_width_px
from timeline.filters import EventFilter, apply_filter
from timeline.view import (View, actor_counts, actor_label, changed_publication_dates, from_query,
                           resolve_actors, selected_event_id, to_query)

DAY_MS = 86_400_000


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


def marks(fig: go.Figure) -> list[go.BaseTraceType]:
    """The traces that draw events (markers or bars), not their labels, legend keys or the overview."""
    return [t for t in fig.data if t.customdata is not None and getattr(t, "mode", None) != "text"]


def drawn(fig: go.Figure) -> dict[str, go.BaseTraceType]:
    """event_id -> the trace that draws it (each point carries its event_id as customdata)."""
    out = {}
    for trace in marks(fig):
        for event_id in trace.customdata:
            out.setdefault(event_id, trace)
    return out


def hover(fig: go.Figure) -> dict[str, str]:
    """event_id -> the hover label Plotly shows for it."""
    out = {}
    for t in marks(fig):
        texts = t.text if t.text is not None and not isinstance(t.text, str) else [""] * len(t.customdata)
        for event_id, text, rest in zip(t.customdata, texts, t.hovertext):
            out[event_id] = (t.hovertemplate.replace("%{text}", text).replace("%{hovertext}", rest)
                             .replace("%{fullData.name}", t.name))
    return out


def points(fig: go.Figure) -> list[tuple[str, float, str]]:
    """(event_id, y, lane name) per drawn point."""
    names = fig.layout.yaxis.ticktext or ()
    bottoms, top = [], 0.0
    for centre in fig.layout.yaxis.tickvals or ():        # lanes follow each other from 0, each centred on its tick
        top = 2 * centre - top
        bottoms.append(top)
    out = []
    for trace in marks(fig):
        for event_id, y in zip(trace.customdata, trace.y):
            out.append((event_id, float(y), names[int(np.searchsorted(bottoms, float(y)))]))
    return out


def labels(fig: go.Figure) -> dict[str, str]:
    """event_id -> the label printed beside it on the chart."""
    out = {}
    for t in fig.data:
        if t.customdata is not None and "text" in (getattr(t, "mode", None) or "") and t.text is not None:
            for event_id, text in zip(t.customdata, t.text):
                if text:
                    out[event_id] = text
    return out


def ms(day: str) -> float:
    return pd.Timestamp(day).value / 1e6


def x_range(fig: go.Figure) -> tuple[pd.Timestamp, pd.Timestamp]:
    return tuple(pd.Timestamp(v) for v in fig.layout.xaxis.range)


def notes(fig: go.Figure) -> str:
    return " | ".join(a.text for a in fig.layout.annotations)


# ---------------------------------------------------------------------------------- reading --

CHORES = ["The council opened the new library on the harbour front", "Volunteers planted two hundred oak trees",
          "The ferry company announced a later timetable for winter", "A storm closed the coastal road overnight",
          "The school choir won the regional contest", "Fishermen protested against the new quotas",
          "The museum lent three paintings to a gallery abroad", "Engineers inspected the old railway bridge",
          "The mayor signed a twinning agreement with a Danish town", "Residents voted to keep the Sunday market"]


def one_lane(n: int, days: int = 20) -> pd.DataFrame:
    """``n`` events of one actor over ``days`` days, several on some days."""
    return schema.events_frame([event(i * 10, pd.Timestamp("2014-03-01") + pd.Timedelta(days=(i * 7) % days),
                                      actors=["Harbour Council"], label=f"{CHORES[i % len(CHORES)]} ({i})")
                                for i in range(n)])


def test_a_small_chart_labels_every_event_with_its_short_label():
    fig = timeline_figure(one_lane(30))
    shown = labels(fig)
    assert len(shown) == 30
    for text in shown.values():
        assert len(text) <= 40
    assert shown["a@0-5"] == "The council opened the new library on…"     # cut at a word, with "…"
    sides = [p for t in marks(fig) if t.mode == "markers+text"
             for p in ([t.textposition] * len(t.x) if isinstance(t.textposition, str) else t.textposition)]
    # beside the marker: on its right, or on its left near the right edge of the window
    assert set(sides) <= {"middle right", "middle left"} and sides.count("middle right") > len(sides) / 2


def label_boxes(fig: go.Figure) -> tuple[list, list]:
    """Estimated boxes (x0, x1 in ms; y) of every printed label and of every mark, as the chart shows them at
    its default window: a label as wide as the chart estimates it, beside its marker (or over its bar)."""
    lo, hi = (v.value / 1e6 for v in x_range(fig))
    lane_chars = max(len(line) for text in fig.layout.yaxis.ticktext for line in text.split("<br>"))
    per_px = (hi - lo) / (fig.layout.width - 26 - lane_chars * 7.4 - 12)
    text_boxes, mark_boxes = [], []
    for t in marks(fig):
        positions = (t.textposition if t.textposition is not None and not isinstance(t.textposition, str)
                     else [t.textposition or "middle right"] * len(t.x))
        for i, (x, y) in enumerate(zip(t.x, t.y)):
            if t.type == "bar":
                mark_boxes.append((t.customdata[i], t.base[i], t.base[i] + x, y))
                continue
            mark_boxes.append((t.customdata[i], x - 5 * per_px, x + 5 * per_px, y))
            text = t.text[i] if t.text is not None and not isinstance(t.text, str) else ""
            if text:
                width = text_width_px(html.unescape(text)) * per_px
                box = (x + 7 * per_px, x + 7 * per_px + width) if positions[i] == "middle right" else \
                    (x - 7 * per_px - width, x - 7 * per_px)
                text_boxes.append((t.customdata[i], *box, y))
    for t in fig.data:
        if getattr(t, "mode", None) == "text":
            for event_id, x, y, text in zip(t.customdata, t.x, t.y, t.text):
                text_boxes.append((event_id, x, x + text_width_px(html.unescape(text)) * per_px, y))
    return text_boxes, mark_boxes


def overlapping(a, b) -> bool:
    return a[0] != b[0] and abs(a[3] - b[3]) < 0.7 and a[1] < b[2] and b[1] < a[2]


def test_labels_and_marks_do_not_overlap_in_a_lane():
    fig = timeline_figure(one_lane(30))
    texts, boxes = label_boxes(fig)
    assert len(texts) == 30
    assert not [(a, b) for a in texts for b in texts if overlapping(a, b)]
    assert not [(a, b) for a in texts for b in boxes if overlapping(a, b)]


def test_a_busy_lane_grows_rows_so_its_labels_fit():
    few, many = timeline_figure(one_lane(4)), timeline_figure(one_lane(30))
    assert many.layout.height > few.layout.height
    assert len({round(y, 3) for _, y, _ in points(many)}) > len({round(y, 3) for _, y, _ in points(few)})


def test_many_lanes_with_labels_never_overlap_and_the_chart_stays_within_its_height():
    from timeline.figure import MAX_HEIGHT
    rows = [event(i * 10, pd.Timestamp("2016-06-01") + pd.Timedelta(days=i % 9),
                  actors=[f"Team {i % 12}", f"Team {(i * 5) % 12}"], label=CHORES[i % len(CHORES)])
            for i in range(140)]
    fig = timeline_figure(schema.events_frame(rows), width=820)
    assert fig.layout.height <= MAX_HEIGHT
    texts, boxes = label_boxes(fig)
    assert len(texts) > 60                     # a crowded chart still names a good share of its events
    assert not [(a, b) for a in texts for b in texts if overlapping(a, b)]
    assert not [(a, b) for a in texts for b in boxes if overlapping(a, b)]


def lane_at(fig: go.Figure, y: float) -> str:
    """The name of the lane that holds height ``y``."""
    bottoms, top = [], 0.0
    for centre in fig.layout.yaxis.tickvals:
        top = 2 * centre - top
        bottoms.append(top)
    return fig.layout.yaxis.ticktext[int(np.searchsorted(bottoms, y))]


def labelled_in(fig: go.Figure) -> list[tuple[str, str]]:
    """(event_id, lane) of every label printed on the chart."""
    out = []
    for t in fig.data:
        if t.customdata is not None and "text" in (getattr(t, "mode", None) or "") and t.text is not None:
            out += [(eid, lane_at(fig, y)) for eid, y, text in zip(t.customdata, t.y, t.text) if text]
    return out


GARDENS = ["The allotment society measured the new plots", "A frost warning went out to the growers",
           "The seed library lent out forty packets", "Beekeepers moved their hives to the orchard",
           "The compost heap caught fire in the heat", "Judges tasted the plum jam at the show"]


def garden_events(n: int, actors_of, days: int = 12) -> pd.DataFrame:
    return schema.events_frame([event(i * 10, pd.Timestamp("2019-04-01") + pd.Timedelta(days=(i * 5) % days),
                                      actors=actors_of(i), label=f"{GARDENS[i % len(GARDENS)]} ({i})")
                                for i in range(n)])


def test_an_event_with_several_actors_is_labelled_once_in_its_busiest_lane():
    # every event names the society; every other one the beekeepers too, every third one the council
    events = garden_events(12, lambda i: ["Allotment Society"] + (["Beekeepers"] if i % 2 else [])
                           + (["Parish Council"] if i % 3 == 0 else []))
    fig = timeline_figure(events)
    assert len(points(fig)) == 12 + 6 + 4                 # still drawn in each of their lanes
    shown = labelled_in(fig)
    assert sorted(eid for eid, _ in shown) == sorted(events["event_id"])
    assert {lane for _, lane in shown} == {"Allotment Society"}
    copies = [t for t in marks(fig) if t.text is not None and not isinstance(t.text, str)]
    assert all(not text for t in copies for text, y in zip(t.text, t.y) if lane_at(fig, y) != "Allotment Society")


def test_in_a_view_about_an_actor_its_events_are_labelled_in_its_lane():
    events = garden_events(10, lambda i: ["Allotment Society"] + (["Seed Library"] if i % 2 else []))
    fig = timeline_figure(events, focus={"Seed Library"})
    shown = dict(labelled_in(fig))
    assert len(labelled_in(fig)) == len(shown) == 10
    assert {eid for eid, lane in shown.items() if lane == "Seed Library"} == set(events["event_id"][1::2])
    assert {eid for eid, lane in shown.items() if lane == "Allotment Society"} == set(events["event_id"][0::2])


def test_the_lanes_of_copies_give_their_height_to_the_labelled_lane():
    from timeline.figure import MAX_HEIGHT
    # 90 events on six days, each also naming one of twelve other actors
    events = garden_events(90, lambda i: ["Allotment Society", f"Grower {i % 12}"], days=6)
    fig = timeline_figure(events, width=820, focus={"Allotment Society"})
    assert fig.layout.height <= MAX_HEIGHT
    shown = labelled_in(fig)
    assert len(shown) >= 0.9 * 90 and {lane for _, lane in shown} == {"Allotment Society"}
    texts, boxes = label_boxes(fig)
    assert not [(a, b) for a in texts for b in texts if overlapping(a, b)]
    assert not [(a, b) for a in texts for b in boxes if overlapping(a, b)]
    heights = {name: bottom - top for name, (_, top, bottom) in zip(fig.layout.yaxis.ticktext, lane_bands(fig))}
    assert heights["Allotment Society"] > sum(h for name, h in heights.items() if name != "Allotment Society")


def test_a_view_about_an_actor_keeps_its_lane_when_lanes_are_pooled():
    events = garden_events(12, lambda i: ["Allotment Society"] + (["Beekeepers"] if i % 2 else [])
                           + (["Parish Council"] if i % 4 == 0 else []))
    assert "Parish Council" not in timeline_figure(events, max_lanes=2).layout.yaxis.ticktext
    fig = timeline_figure(events, max_lanes=2, focus={"Parish Council"})
    assert fig.layout.yaxis.ticktext[0] == "Parish Council"
    assert [lane for eid, lane in labelled_in(fig) if eid in set(events["event_id"][0::4])] == ["Parish Council"] * 3


def test_render_labels_the_events_in_the_lane_of_the_actor_asked_for(tmp_path, monkeypatch):
    import timeline.export
    from timeline.cli import main
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "terminal.md").write_text(
        "---\ntitle: The new ferry terminal\npublished: 2021-03-06\nsource: Island Gazette\n---\n"
        "On Monday, Maria Lindqvist and Jonas Berg opened the new ferry terminal.\n\n"
        "Maria Lindqvist and Jonas Berg signed the harbour lease on Wednesday.\n\n"
        "On Friday, Maria Lindqvist thanked Jonas Berg for the funding.\n\n"
        "Maria Lindqvist closed the old slipway on Thursday.\n", encoding="utf-8")
    drawn_figures = []
    monkeypatch.setattr(timeline.export, "write_figure", lambda fig, output: drawn_figures.append(fig))
    main(["render", str(articles), "--actor", "jonas berg", "-o", str(tmp_path / "chart.html")])
    fig, = drawn_figures
    assert set(fig.layout.yaxis.ticktext) == {"Maria Lindqvist", "Jonas Berg"}    # the same events in both lanes
    shown = labelled_in(fig)
    assert len(shown) == 3 and {lane for _, lane in shown} == {"Jonas Berg"}


def lane_bands(fig: go.Figure) -> list[tuple[float, float, float]]:
    """(centre, top, bottom) of each lane."""
    out, top = [], 0.0
    for centre in fig.layout.yaxis.tickvals:
        out.append((centre, top, 2 * centre - top))
        top = 2 * centre - top
    return out


def test_labels_lanes_legend_and_title_are_escaped():
    nasty = schema.events_frame([event(1, "2011-11-24", actors=["<img src=x onerror=alert(1)>"],
                                       label="<b>bold</b> & <script>x</script>", source="<i>Wire</i>")])
    fig = timeline_figure(nasty, title="Search: <script>")
    text = hover(fig)["a@1-6"]
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;bold" in text
    assert "&lt;img" in text
    assert "<img" not in fig.layout.yaxis.ticktext[0]
    assert labels(fig)["a@1-6"].startswith("&lt;b&gt;bold&lt;/b&gt; &amp;")
    assert "&lt;i&gt;Wire" in " ".join(t.name for t in fig.data if t.showlegend)
    assert "<script>" not in fig.layout.title.text


def test_long_lane_names_and_titles_are_wrapped_not_cut():
    name = "European Organisation for the Exploitation of Meteorological Satellites"
    title = ("412 events · 38 articles · actors: European Organisation for the Exploitation of Meteorological "
             "Satellites · 2015-01-01 to 2016-12-31 · precise dates only · “launch”")
    fig = timeline_figure(schema.events_frame([event(1, "2015-02-03", actors=[name])]), title=title, width=820)
    lane = fig.layout.yaxis.ticktext[0]
    assert lane.count("<br>") == 1 and lane.replace("<br>", " ").startswith("European Organisation for the")
    assert fig.layout.title.text.replace("<br>", " ").endswith("“launch”")      # all of it, over lines
    assert fig.layout.title.text.count("<br>") >= 1


# -------------------------------------------------------------------------- window and overview --

def test_default_window_leaves_out_a_few_stray_dates_and_counts_them():
    rows = [event(i * 10, pd.Timestamp("2013-04-01") + pd.Timedelta(hours=11 * i), actors=["Port Authority"])
            for i in range(197)]
    rows += [event(5000, "1520-06-01", label="Local 1520 held its meeting"),
             event(5010, "1890-01-01", label="founded in 1890"),
             event(5020, "2037-01-01", label="the lease runs to 2037")]
    fig = timeline_figure(schema.events_frame(rows))
    lo, hi = x_range(fig)
    assert pd.Timestamp("2013-03-20") <= lo <= pd.Timestamp("2013-04-01")
    assert pd.Timestamp("2013-06-30") <= hi <= pd.Timestamp("2013-07-20")
    assert "← 2 earlier" in notes(fig) and "1 later →" in notes(fig)
    # the overview strip still covers every event, the strays included
    slider = [pd.Timestamp(v) for v in fig.layout.xaxis.rangeslider.range]
    assert slider[0] < pd.Timestamp("1520-06-01") and slider[1] > pd.Timestamp("2037-01-01")


def test_window_argument_is_the_range_shown():
    rows = [event(i * 10, pd.Timestamp("2013-01-01") + pd.Timedelta(days=3 * i)) for i in range(100)]
    fig = timeline_figure(schema.events_frame(rows), window=(dt.date(2013, 2, 1), dt.date(2013, 2, 28)))
    assert x_range(fig) == (pd.Timestamp("2013-02-01"), pd.Timestamp("2013-03-01"))
    before = sum(1 for i in range(100) if 3 * i < 31)
    after = sum(1 for i in range(100) if 3 * i >= 59)
    assert f"← {before} earlier" in notes(fig) and f"{after} later →" in notes(fig)
    since_only = timeline_figure(schema.events_frame(rows), window=(dt.date(2013, 6, 1), None))
    assert x_range(since_only)[0] == pd.Timestamp("2013-06-01")


def test_overview_counts_every_event_per_period():
    rows = [event(i * 10, pd.Timestamp("2012-01-01") + pd.Timedelta(days=5 * i), actors=["A", "B"])
            for i in range(80)]
    fig = timeline_figure(schema.events_frame(rows))
    strip = [t for t in fig.data if t.name == OVERVIEW]
    assert len(strip) == 1 and strip[0].yaxis == "y2"
    assert sum(strip[0].y[:-1]) == 80                  # each event once, not once per actor
    assert fig.layout.xaxis.rangeslider.visible
    # the strip shows the counts, not the marks; the chart shows the marks, not the counts
    assert fig.layout.xaxis.rangeslider.yaxis.rangemode == "fixed"
    assert max(fig.layout.xaxis.rangeslider.yaxis.range) < 0 < min(y for _, y, _ in points(fig))
    assert fig.layout.yaxis2.domain[1] - fig.layout.yaxis2.domain[0] < 0.01


def test_day_events_sit_on_their_day_and_the_axis_shows_no_hours_at_day_zoom(events):
    fig = timeline_figure(events)
    day = drawn(fig)["a@1-6"]
    i = list(day.customdata).index("a@1-6")
    assert day.x[i] == ms("2011-11-24")                        # midnight: under the day's tick, not at noon
    for stop in fig.layout.xaxis.tickformatstops:
        if "%H" in stop.value:
            assert stop.dtickrange[1] <= DAY_MS                  # hours only when zoomed in below a day


def test_times_of_day_keep_their_time():
    at = event(1, "2014-05-06 17:30", "2014-05-06 17:31", gran="time")
    trace = drawn(timeline_figure(schema.events_frame([at])))["a@1-6"]
    assert trace.x[0] == ms("2014-05-06 17:30")


# ---------------------------------------------------------------------------------- colours --

def articles_table() -> pd.DataFrame:
    rows = []
    for k, (doc, count) in enumerate([("d1", 9), ("d2", 7), ("d3", 5), ("d4", 3), ("d5", 2)]):
        for i in range(count):
            rows.append(event(100 * k + i, pd.Timestamp("2010-01-01") + pd.Timedelta(days=i + k), doc=doc,
                              title=f"Article {doc}", source=f"Wire {k % 2}",
                              actors=["Lighthouse Trust"] if i % 2 else ["Coast Guard"]))
    return schema.events_frame(rows)


def colours_by_legend(fig: go.Figure) -> dict[str, str]:
    return {t.name: t.marker.color for t in fig.data if t.showlegend and t.legend != "legend2"}


def test_a_group_keeps_its_colour_in_a_filtered_view():
    table = articles_table()
    assignment = color_assignment(table, "article")
    full = timeline_figure(table, color="article", colors=assignment)
    kept = apply_filter(table, EventFilter(actors=("Lighthouse Trust",)))
    kept = kept[kept["doc"] != "d1"]                        # the busiest article is gone from the view
    part = timeline_figure(kept, color="article", colors=assignment)
    before, after = colours_by_legend(full), colours_by_legend(part)
    assert "Article d1" not in after
    for name, colour in after.items():
        assert before[name] == colour
    # every mark of an article is drawn in its legend colour
    for t in marks(part):
        key = next(tr for tr in part.data if tr.showlegend and tr.legendgroup == t.legendgroup)
        assert (t.marker.color if t.type != "bar" else t.marker.color) == key.marker.color


def test_colours_go_to_the_busiest_groups_and_the_rest_share_a_named_grey():
    rows = [event(i, "2010-01-01", source=f"Source {i % 13:02d}") for i in range(130)]
    rows += [event(1000 + i, "2010-01-02", source="Source 12") for i in range(20)]
    table = schema.events_frame(rows)
    assignment = color_assignment(table, "source")
    assert assignment["Source 12"] == PALETTE[0]                 # the busiest first
    assert list(assignment)[:3] == ["Source 12", "Source 00", "Source 01"]   # then by name
    assert sum(c == OTHER_COLOR for c in assignment.values()) == 13 - len(PALETTE)
    legend = colours_by_legend(timeline_figure(table, colors=assignment))
    assert legend["3 other sources"] == OTHER_COLOR


def test_legend_keys_are_plain_swatches_and_shapes_have_their_own_key(events):
    fig = timeline_figure(events)
    colour_keys = [t for t in fig.data if t.showlegend and t.legend != "legend2"]
    assert colour_keys and all(t.marker.symbol == "square" and t.x == (None,) for t in colour_keys)
    shapes = {t.name: t.marker.symbol for t in fig.data if t.legend == "legend2"}
    assert shapes["dated to a day"] == "circle"
    assert shapes["no date in the text: on publication day"] == "circle-open"


# ---------------------------------------------------------------------------- what is kept --

def test_every_placed_event_is_drawn_once_per_actor(events):
    fig = timeline_figure(events)
    pts = points(fig)
    assert sorted({p[0] for p in pts}) == ["a@1-6", "a@2-7", "a@3-8", "b@4-9"]
    lanes = {(eid, lane) for eid, _, lane in pts}
    assert ("a@1-6", "Mahmoud Abbas") in lanes and ("a@1-6", "Khaled Meshal") in lanes
    assert ("b@4-9", NO_ACTOR) in lanes
    assert list(fig.layout.yaxis.ticktext) == ["Mahmoud Abbas", "Khaled Meshal", NO_ACTOR]
    assert fig.layout.uirevision


def test_unanchored_events_are_counted_not_drawn(events):
    fig = timeline_figure(events)
    assert "b@5-10" not in drawn(fig)
    assert "1 event has no placeable date" in notes(fig)


def test_month_and_year_dates_are_bars_across_their_interval(events):
    by_id = drawn(timeline_figure(events))
    year = by_id["b@4-9"]
    assert year.type == "bar" and year.orientation == "h"
    assert year.textposition == "none"                 # the hover text is not printed on the bar
    i = list(year.customdata).index("b@4-9")
    assert pd.Timestamp(year.base[i], unit="ms") == pd.Timestamp("2012-01-01")
    assert year.x[i] == pytest.approx(366 * DAY_MS)    # 2012 is a leap year: the whole year
    assert by_id["a@1-6"].type == "scatter" and "markers" in by_id["a@1-6"].mode


def test_publication_anchored_events_are_hollow(events):
    by_id = drawn(timeline_figure(events))
    assert by_id["a@2-7"].marker.symbol == "circle-open"
    assert by_id["a@1-6"].marker.symbol in (None, "circle")


def test_same_day_events_in_one_lane_do_not_overlap():
    same_day = schema.events_frame([event(i * 10, "2011-11-24", actors=["Mahmoud Abbas"]) for i in range(6)])
    fig = timeline_figure(same_day)
    ys = sorted(y for _, y, _ in points(fig))
    assert len(set(np.round(ys, 6))) == 6
    top, bottom = fig.layout.yaxis.range[1], fig.layout.yaxis.range[0]
    assert top < ys[0] and ys[-1] < bottom


def test_lanes_per_article_and_colour_per_source(events):
    fig = timeline_figure(events, lanes="article", color="source")
    assert list(fig.layout.yaxis.ticktext) == ["Abbas and Meshal meet", "Elections next year"]
    legend = colours_by_legend(fig)
    assert set(legend) == {"Reuters", "The New York Times"}
    assert legend["Reuters"] != legend["The New York Times"]


def test_hover_shows_written_and_normalised_date_label_and_source(events):
    text = hover(timeline_figure(events))["a@3-8"]
    assert "in May" in text and "2011-05-01" in text and "month" in text
    assert "Abbas met Meshal in Cairo" in text and "Reuters" in text


def test_webgl_above_threshold():
    base = pd.Timestamp("2011-01-01")
    many = schema.events_frame([event(i, base + pd.Timedelta(days=i % 700), actors=["A"])
                                for i in range(WEBGL_THRESHOLD + 1)])
    fig = timeline_figure(many)
    assert {t.type for t in marks(fig)} == {"scattergl"}
    text = hover(fig)["a@0-5"]
    assert "on Thursday" in text and "2011-01-01" in text and "Abbas met Meshal" in text and "Reuters" in text
    few = timeline_figure(many.head(50))
    assert "scattergl" not in {t.type for t in few.data}


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


def test_pictures_are_the_view_without_the_overview_strip(events):
    fig = timeline_figure(events, title="Everything", width=900)
    png = figure_bytes(fig, "png", scale=2)
    width, height = png_size(png)
    strip = fig.layout.xaxis.rangeslider
    m = fig.layout.margin
    assert width == 1800
    assert height == 2 * round(fig.layout.height - strip.thickness * (fig.layout.height - m.t - m.b))
    svg = figure_bytes(fig, "svg").decode()
    assert svg.lstrip().startswith("<svg") and "Mahmoud Abbas" in svg
    assert "rangeslider" not in svg and 'width="900"' in svg
    assert "← " not in svg or "earlier" in svg                 # the notes still read right
    # the figure on screen keeps its strip
    assert fig.layout.xaxis.rangeslider.visible


def test_png_svg_and_html_files(events, tmp_path):
    fig = timeline_figure(events, title="Everything")
    assert png_size(write_figure(fig, tmp_path / "t.png", scale=1).read_bytes())[0] == fig.layout.width
    page = write_figure(fig, tmp_path / "t.html").read_text()
    assert "<html" in page and "plotly" in page.lower() and "a@1-6" in page
    with pytest.raises(ValueError):
        write_figure(fig, tmp_path / "t.jpg")


def test_camera_button_saves_the_view_at_its_size():
    options = camera_config("timeline_seeds_2026-01-01.png")["toImageButtonOptions"]
    assert options["filename"] == "timeline_seeds_2026-01-01"
    assert options["width"] is None and options["height"] is None     # Plotly then takes the chart's size

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
