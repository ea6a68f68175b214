"""The timeline chart: an event table (``timeline.schema``) in, a ``plotly.graph_objects.Figure`` out.

Pure: no I/O, no Streamlit. The dashboard, the ``timeline render`` command and the exports all draw
with :func:`timeline_figure`, so a picture saved from either looks the same.

How it reads:

* x is time; y has one lane per actor (events with several actors appear in each of their lanes,
  events with none in "(no actor named)") or one lane per article.
* Each event is labelled once, in its primary lane: the lane of an actor the view is about (``focus``, e.g. the
  actors a filter asked for) when it is drawn there, else the first of its lanes (the busiest). Its copies in
  other lanes are marks alone, so those lanes stay low and the labelled ones get the room.
* Events whose date covers at most a day are markers on their day (or time); week-, month-, year-level
  (and longer) dates are bars across the whole interval they cover, so the precision of each date is visible.
* Events placed on the publication date because the article reports them as news without a date
  expression (anchor "publication") are hollow markers.
* The labelled mark shows its label beside it (``LABEL_CHARS`` long at most): the items of a lane stack into
  rows so that no label covers another item (``timeline.figure_labels``). Lanes grow with their rows up to
  :data:`MAX_HEIGHT` for the chart, lanes of marks alone giving up rows first; a lane that would need more
  shortens its labels, then makes room for its marks and shows the labels that fit.
* The chart opens on the window where the events are (``timeline.figure_time``), or on the ``window``
  asked for; the events outside it are counted at its edges. Below, an overview strip counts the events
  per period across all of them and shows the window (Plotly's range slider, which follows zooming).
* Colour is the article's source (or the article), from one assignment per corpus (``timeline.colors``).
* Events with no placeable date (``start`` is NaT) are not drawn; a note on the chart counts them.
* Above :data:`WEBGL_THRESHOLD` drawn points the traces switch to WebGL (``Scattergl``), without labels.
* Every drawn point carries its ``event_id`` as ``customdata`` (for selection) and its hover label;
  article text is HTML-escaped everywhere (hover, labels, lanes, legend, title), since Plotly renders a
  subset of HTML in its text.
"""

from __future__ import annotations

import html
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .colors import NO_SOURCE, OTHER_COLOR, ColorMode, assignment_of, check_mode, color_keys, group_names, other_name
from .figure_labels import BAR_TEXT_PX, LABEL_FONT_PX, arrange, fit_labels, short_label
from .figure_time import TICK_FORMAT_STOPS, chosen_window, period_counts, period_for
from .schema import UNDATED_PLACEMENTS

NO_ACTOR = "(no actor named)"
WEBGL_THRESHOLD = 2000  # drawn points; in SVG, more (with the overview strip's copy) take Chromium over 1 s
MAX_LANES = 14  # lanes before the rest are pooled
WIDTH = 1240  # px: the chart in a 1280 px wide window
LANE_LINE_CHARS = 24  # a lane's name wraps onto a second line beyond this ...
LANE_LINES = 2  # ... and is cut (with "…") beyond this many lines
ROW_PX = 16  # one row of a lane
LANE_PAD = 0.3  # rows of room above and below a lane's items
BAR_ROWS = 0.62  # a bar's thickness, in rows
NAME_ROWS = 1.6  # a lane whose name takes two lines is at least this high
MAX_HEIGHT = 1500  # px: lanes stop growing here (labels then only where they fit)
MIN_PLOT_PX = 140
OVERVIEW_PX = 56  # the overview strip under the axis
AXIS_PX = 61  # the date labels under the chart, and the gaps around the strip
TOP_AXIS_PX = 22  # the dates above the lanes
SHAPE_LEGEND_PX = 34
FONT = "DejaVu Sans, Arial, sans-serif"
OVERVIEW = "overview"  # the name of the overview strip's trace

LaneMode = Literal["actor", "article"]

_DAY = np.timedelta64(1, "D")
_HOVER = "%{hovertext}<extra></extra>"
# very large charts: the date in ``text``, the label on one line; the source is the trace's name, in the side box
HOVER_COMPACT = "<b>%{text}</b><br>%{hovertext}<extra>%{fullData.name}</extra>"


class TimelineFigure(go.Figure):
    """A ``go.Figure`` whose dict holds its text arrays (hover labels, event ids) as lists.

    Plotly keeps them as numpy object arrays, which its fast JSON engine (orjson) cannot take: it then
    cleans the whole figure element by element, the largest cost of sending a big chart to the browser."""

    def to_dict(self) -> dict:
        out = super().to_dict()
        for trace in out.get("data", ()):
            for key, value in trace.items():
                if isinstance(value, np.ndarray) and value.dtype == object:
                    trace[key] = value.tolist()
        return out


def chart_style(title: str | None, full_height: int) -> dict:
    """The layout every chart of the project shares: template, fonts, the title at the top left, hover labels.
    ``title`` is markup already escaped."""
    return dict(
        template="plotly_white",
        title=dict(
            text=title,
            x=0,
            xref="paper",
            xanchor="left",
            y=1 - 8 / full_height,
            yref="container",
            yanchor="top",
            font=dict(size=17),
        ),
        font=dict(family=FONT, size=13, color="#222"),
        hovermode="closest",
        hoverlabel=dict(align="left", bgcolor="white", font=dict(size=13, family=FONT)),
    )


def timeline_figure(
    events: pd.DataFrame,
    *,
    lanes: LaneMode = "actor",
    color: ColorMode = "source",
    title: str | None = None,
    webgl: bool | None = None,
    max_lanes: int = MAX_LANES,
    height: int | None = None,
    width: int = WIDTH,
    window=None,
    colors: dict[str, str] | None = None,
    focus=(),
) -> go.Figure:
    """The timeline of ``events`` (rows of the event table; any subset, e.g. a filtered one).

    ``lanes``: "actor" (one lane per actor) or "article" (one lane per article).
    ``color``: "source" or "article"; ``colors``: group -> colour (:func:`timeline.colors.color_assignment`
    of the whole corpus, so that filtered views keep their colours); by default assigned over ``events``.
    ``title``: shown above the chart (say what is shown: filters, counts).
    ``window``: (since, until), dates or None: the time the chart opens on; by default where the events are.
    ``width``: px of the chart as it will be seen (labels are fitted to it); ``height``: px, by default
    what the lanes need.
    ``webgl``: force WebGL on/off; by default on above ``WEBGL_THRESHOLD`` drawn points.
    ``focus``: actor names the view is about (as in the ``actors`` column, e.g.
    :func:`timeline.filters.wanted_actors` of an actor filter): an event is labelled in their lane.
    """
    if lanes not in ("actor", "article"):
        raise ValueError(f"lanes must be 'actor' or 'article', not {lanes!r}")
    check_mode(color)
    placed = events[events["start"].notna()] if len(events) else events
    undrawn = len(events) - len(placed)

    n_points = len(placed) if lanes == "article" else int(np.maximum(placed["actors"].map(len).to_numpy(), 1).sum())
    use_gl = webgl if webgl is not None else n_points > WEBGL_THRESHOLD
    points, hover = _lanes(placed, lanes, max_lanes, compact=use_gl, focus=frozenset(focus or ()))
    if points.empty:
        fig = TimelineFigure()
        total = len(events)
        message = "No events to draw" if total == 0 else f"None of the {total} events has a placeable date"
        fig.update_layout(**empty_chart_layout(title, message, height or 360, width))
        return fig

    keys = color_keys(events, color)
    if colors is None:
        colors = assignment_of(keys)
    keys = keys[events["start"].notna().to_numpy()] if undrawn else keys
    starts = _ms(placed["start"].to_numpy(dtype="datetime64[s]"))
    lo, hi = chosen_window(window, starts)
    frame = _Frame(points, placed, keys, color, colors, title, undrawn, lo, hi, width)
    _rows(points, frame, labels=not use_gl)
    if not use_gl:
        hover = (hover[0], np.array([f"<b>{d}</b><br>{r}" for d, r in zip(*hover)], dtype=object))
    fig = _figure(_overview(starts, frame) + _traces(points, hover, use_gl, frame) + [_TOP_AXIS])
    _layout(fig, points, frame, height)
    return fig


# the dates again above the lanes (a tall chart's own axis is a scroll away): an axis Plotly draws only when a
# trace is on it, so an empty one
_TOP_AXIS: tuple[dict, dict] = (
    dict(
        type="scatter",
        x=[None],
        y=[None],
        xaxis="x2",
        mode="markers",
        showlegend=False,
        hoverinfo="skip",
        name="dates above",
    ),
    {},
)


def without_overview(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` for a still picture: no overview strip, the height it took given back."""
    out = TimelineFigure(fig)
    slider = out.layout.xaxis.rangeslider
    if slider.visible:
        m = out.layout.margin
        taken = (slider.thickness or 0.15) * ((out.layout.height or 0) - (m.t or 0) - (m.b or 0))
        slider.visible = False
        if out.layout.height:
            out.layout.height = int(round(out.layout.height - taken))
    out.update_traces(visible=False, selector=dict(name=OVERVIEW))
    return out


# --------------------------------------------------------------------------------------- lanes --


def _lanes(
    placed: pd.DataFrame, mode: str, max_lanes: int, compact: bool = False, focus: frozenset = frozenset()
) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray]]:
    """One row per drawn point (an event with three actors is three points in actor mode) with its lane and
    whether it is its event's ``primary`` point (the one labelled), the lanes' labels in display order as
    ``attrs['lanes']`` (escaped, wrapped); and the points' hover labels."""
    if placed.empty:
        out = pd.DataFrame(columns=["event_id", "publication", "label", "start", "end", "lane"])
        out.attrs["lanes"] = []
        return out, (np.array([], dtype=object), np.array([], dtype=object))
    hover = _hover_text(placed, compact)  # per event, before an event is copied into several lanes
    strings = {
        c: placed[c].astype("string").fillna("").to_numpy(dtype=object)
        for c in ("event_id",) + (() if compact else ("label",))
    }
    actors = placed["actors"].tolist()
    if mode == "actor":
        names = [a if a is not None and len(a) else [NO_ACTOR] for a in actors]
        take = np.repeat(np.arange(len(names)), [len(a) for a in names])
        lane = np.array([n for a in names for n in a], dtype=object)
        focused = pd.Series(lane).isin(focus).to_numpy() if focus else np.zeros(len(lane), dtype=bool)
        counts = pd.Series(lane).value_counts()
        named = [n for n in counts.index if n != NO_ACTOR]  # busiest first
        order = named + ([NO_ACTOR] if NO_ACTOR in counts.index else [])
        if len(order) > max_lanes:
            # the actors the view is about keep their lanes
            kept = set([n for n in order if n in focus][: max_lanes - 1])
            kept |= set([n for n in order if n not in kept][: max_lanes - 1 - len(kept)])
            keep = [n for n in order if n in kept]
            pooled = f"({len(order) - len(keep)} other actors)"
            lane = np.where(pd.Series(lane).isin(keep).to_numpy(), lane, pooled)
            # an event may now sit twice in the pooled lane: keep it once
            unique = ~pd.DataFrame({"t": take, "l": lane}).duplicated().to_numpy()
            take, lane, focused = take[unique], lane[unique], focused[unique]
            order = keep + [pooled]
        labels = {name: name for name in order}
    else:
        take = np.arange(len(placed))
        focused = np.zeros(len(take), dtype=bool)
        lane = placed["doc"].astype("string").fillna("").to_numpy(dtype=object)
        docs = (
            pd.DataFrame(
                {
                    "doc": lane,
                    "title": placed["title"].astype("string").fillna("").to_numpy(dtype=object),
                    "published": placed["published"].to_numpy(),
                }
            )
            .drop_duplicates("doc")
            .sort_values(["published", "doc"], na_position="last", kind="stable")
        )
        order = list(docs["doc"])
        labels = {d: " ".join((t or d).split()) for d, t in zip(docs["doc"], docs["title"])}
        if len(order) > max_lanes:
            keep = order[: max_lanes - 1]
            pooled = f"({len(order) - len(keep)} other articles)"
            lane = np.where(pd.Series(lane).isin(keep).to_numpy(), lane, pooled)
            labels = {d: labels[d] for d in keep} | {pooled: pooled}
            order = keep + [pooled]
        # two articles with the same title must still get two tick labels
        seen: dict[str, int] = {}
        for d in order:
            n = seen[labels[d]] = seen.get(labels[d], 0) + 1
            if n > 1:
                labels[d] = f"{labels[d]} ({n})"
    df = pd.DataFrame({c: pd.Series(v[take], dtype=object) for c, v in strings.items()})
    df["publication"] = placed["anchor"].eq("publication").fillna(False).to_numpy(dtype=bool)[take]
    df["start"] = placed["start"].to_numpy(dtype="datetime64[s]")[take]
    df["end"] = placed["end"].to_numpy(dtype="datetime64[s]")[take]
    df["lane"] = lane
    df["event_row"] = take  # the point's event: its row in ``placed``
    index = {name: i for i, name in enumerate(order)}
    df["lane_y"] = np.fromiter((index[x] for x in lane), dtype=int, count=len(lane))
    df["primary"] = _primary(take, df["lane_y"].to_numpy(), focused)
    df.attrs["lanes"] = [_lane_label(labels[name]) for name in order]
    return df, (hover[0][take], hover[1][take])


def _primary(event: np.ndarray, lane: np.ndarray, focused: np.ndarray) -> np.ndarray:
    """Per point, whether it is the one of its event that is labelled: the first in a focus lane, else the
    first in lane order."""
    order = np.lexsort((lane, ~focused, event))
    first = np.ones(len(order), dtype=bool)
    first[1:] = event[order][1:] != event[order][:-1]
    out = np.empty(len(order), dtype=bool)
    out[order] = first
    return out


def _lane_label(text: str) -> list[str]:
    """A lane's name in at most ``LANE_LINES`` lines of about ``LANE_LINE_CHARS`` characters (unescaped)."""
    words, lines = " ".join(str(text).split()).split(" "), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > LANE_LINE_CHARS:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    if len(lines) > LANE_LINES:
        lines = lines[: LANE_LINES - 1] + [short_label(" ".join(lines[LANE_LINES - 1 :]), LANE_LINE_CHARS)]
    return [short_label(line, LANE_LINE_CHARS + 6) for line in lines]


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------- the frame --


class _Frame:
    """What the chart's geometry depends on: the window, the plot's width, the title's and legend's lines,
    the colour groups shown."""

    overview: tuple[float, float, float]  # the overview strip's range and highest count (set by _overview)

    def __init__(
        self,
        points: pd.DataFrame,
        placed: pd.DataFrame,
        keys: pd.Series,
        color: ColorMode,
        colors: dict[str, str],
        title: str | None,
        undrawn: int,
        lo: float,
        hi: float,
        width: int,
    ):
        self.lo, self.hi, self.width = lo, hi, width
        lane_chars = max(len(line) for lines in points.attrs["lanes"] for line in lines)
        self.plot_px = max(200.0, width - 10 - 16 - (lane_chars * 7.4 + 12))
        self.ms_per_px = (hi - lo) / self.plot_px
        self.title = _wrap(html.escape(title, quote=False), max(30, int((width - 20) / 9.8)), 4) if title else None
        self.title_lines = self.title.count("<br>") + 1 if self.title is not None else 0

        shown = pd.unique(keys.to_numpy(dtype=object))
        names = group_names(placed, color, keys)
        ordered = [g for g in colors if g in set(shown)]  # the corpus's order
        main = [g for g in ordered if colors[g] != OTHER_COLOR]
        others = [g for g in shown if g not in set(main)]
        self.groups = [(g, colors[g], _short(names.get(g, g), 40)) for g in main]
        if others:
            self.groups.append(("", OTHER_COLOR, other_name(len(others), color)))
        group_of = {g: i for i, (g, _, _) in enumerate(self.groups)}
        other = len(self.groups) - 1
        per_event = keys.map(group_of).fillna(other).to_numpy(dtype=np.int64)
        points["group"] = per_event[points["event_row"].to_numpy()]
        self.legend_title = "Source" if color == "source" else "Article"

        # the legend wraps onto more lines when its entries do not fit on one
        line: float
        room, line, rows = width - 20, len(self.legend_title) * 8 + 16, 1
        for _, _, name in self.groups:
            need = 36 + 7.2 * len(name)
            if line + need > room and line > 0:
                rows, line = rows + 1, 0
            line += need
        self.legend_rows = rows

        is_bar, start, end = _event_extent(placed)
        earlier = int((np.where(is_bar, end <= lo, start < lo)).sum())
        later = int((start >= hi).sum())
        self.notes = _notes(earlier, later, undrawn)
        self.top = 10 + 24 * self.title_lines + 24 * self.legend_rows + TOP_AXIS_PX + (20 if self.notes else 4)
        self.bottom = SHAPE_LEGEND_PX
        self.full = (float(start.min()), float(max(np.max(end), start.max())))

    def budget(self, n_lanes: int) -> float:
        """Rows all lanes may have together."""
        room = MAX_HEIGHT - self.top - self.bottom - AXIS_PX - OVERVIEW_PX
        return max(float(n_lanes), room / ROW_PX - n_lanes * 2 * LANE_PAD)

    def px(self, ms: np.ndarray) -> np.ndarray:
        return (ms - self.lo) / self.ms_per_px


def _event_extent(placed: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per event: is it a bar, its start and end (ms; a mark's end is its start)."""
    start = placed["start"].to_numpy(dtype="datetime64[s]")
    end = placed["end"].to_numpy(dtype="datetime64[s]")
    is_bar = ~np.isnat(end) & ((end - start) > _DAY)
    s = _ms(start)
    return is_bar, s, np.where(is_bar, _ms(np.where(np.isnat(end), start, end)), s)


def _wrap(text: str, width: int = 70, lines: int = 3) -> str:
    """Break an (escaped) text into at most ``lines`` lines of about ``width`` characters."""
    out: list[str] = []
    while len(text) > width and len(out) < lines - 1:
        cut = text.rfind(" ", 0, width + 1)
        if cut <= 0:
            cut = width
        out.append(text[:cut])
        text = text[cut:].lstrip()
    if len(text) > width:
        text = text[: width - 1] + "…"
    out.append(text)
    return "<br>".join(out)


def _notes(earlier: int, later: int, undrawn: int) -> list[dict]:
    """The line above the chart: events before and after the window, events that could not be placed."""
    note = dict(
        xref="paper",
        yref="paper",
        y=1,
        yanchor="bottom",
        yshift=TOP_AXIS_PX,  # above the dates
        showarrow=False,
        font=dict(size=12, color="#555"),
    )
    out = []
    if earlier:
        out.append(dict(note, text=f"← {earlier:,} earlier", x=0, xanchor="left"))
    if later:
        out.append(dict(note, text=f"{later:,} later →", x=1, xanchor="right"))
    if undrawn:
        what = "event has" if undrawn == 1 else "events have"
        out.append(dict(note, text=f"{undrawn:,} {what} no placeable date: not drawn", x=0.5, xanchor="center"))
    return out


# ------------------------------------------------------------------------------------- rows --


def _rows(points: pd.DataFrame, frame: _Frame, labels: bool) -> None:
    """Adds ``x`` (ms of the mark; a bar's start), ``is_bar``, ``y``, ``text`` (the label shown, escaped, or
    ""), ``flipped`` and ``text_x`` (where a bar's label starts) to ``points``; the lanes' vertical extent
    as ``attrs['lane_pos']`` [(centre, top, bottom)]."""
    start = points["start"].to_numpy(dtype="datetime64[s]")
    end = points["end"].to_numpy(dtype="datetime64[s]")
    # a date is a bar when it covers more than a day: week, month, year ... and ranges
    is_bar = ~np.isnat(end) & ((end - start) > _DAY)
    x = _ms(start)
    bar_end = np.where(is_bar, _ms(np.where(np.isnat(end), start, end)), np.nan)
    points["is_bar"], points["x"], points["x_end"] = is_bar, x, bar_end
    lane = points["lane_y"].to_numpy()
    lanes = points.attrs["lanes"]
    name_rows = np.array([1.0 if len(lines) == 1 else NAME_ROWS for lines in lanes])
    budget = frame.budget(len(lanes)) - (name_rows - 1).sum()
    if labels:
        # an event's copies in its other lanes are marks alone
        texts = [t if p else "" for t, p in zip(points["label"].tolist(), points["primary"].tolist())]
        placed, raw = fit_labels(texts, lane, len(lanes), frame.px(x), frame.px(bar_end), is_bar, frame.plot_px, budget)
    else:
        raw = None
        placed = arrange(
            lane,
            len(lanes),
            frame.px(x),
            frame.px(bar_end),
            is_bar,
            np.zeros(len(points)),
            frame.plot_px,
            budget,
            labels=False,
        )
    # lane heights in rows: its rows, more for a name on two lines, plus room above and below
    lane_rows = placed.lane_rows
    units = np.maximum(lane_rows, name_rows) + 2 * LANE_PAD
    tops = np.concatenate([[0.0], np.cumsum(units)[:-1]])
    points.attrs["lane_pos"] = list(zip(tops + units / 2, tops, tops + units))
    offset = tops + (units - lane_rows) / 2
    points["y"] = offset[lane] + placed.row + 0.5
    points["text"] = (
        [html.escape(t, quote=False) if shown else "" for t, shown in zip(raw, placed.labelled)]
        if raw is not None
        else ""
    )
    points["labelled"] = placed.labelled
    points["flipped"] = placed.flipped
    points["text_x"] = frame.lo + (placed.bar_text_px + BAR_TEXT_PX) * frame.ms_per_px


# -------------------------------------------------------------------------------------- hover --

_GRANULARITY_WORD = {
    "time": "time of day",
    "day": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "season": "season",
    "half": "half-year",
    "year": "year",
    "decade": "decade",
    "century": "century",
}


def _escaped(series: pd.Series) -> list[str]:
    text = series.astype("string").fillna("")
    return (
        text.str.replace("&", "&amp;", regex=False)
        .str.replace("<", "&lt;", regex=False)
        .str.replace(">", "&gt;", regex=False)
    ).tolist()


def _hover_text(df: pd.DataFrame, compact: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The hover label per event, in two parts: the date (as written -> normalised) and the rest (label,
    source, article, actors). Everything from the article is escaped. ``compact`` (very large charts,
    where every byte goes to the browser once per point): the label alone, on one line; the source is
    then shown as the trace's name.
    """
    anchors = df["anchor"].astype("string").fillna("").tolist()
    grans = [_GRANULARITY_WORD.get(g, g) for g in df["granularity"].astype("string").fillna("").tolist()]
    cues = _escaped(df["cue"]) if "cue" in df else [""] * len(df)
    when = np.array(
        [
            f"{written} → {value}" + (f" ({gran})" if gran else "")
            if written
            else f"{value}, {UNDATED_PLACEMENTS.get(anchor, 'placed')} (no date written"
            + (f"; cue “{cue}”)" if cue else ")")
            for written, value, gran, anchor, cue in zip(
                _escaped(df["date_text"]), _escaped(df["date"]), grans, anchors, cues
            )
        ],
        dtype=object,
    )
    labels = _escaped(df["label"])
    if compact:
        return when, np.array([label if len(label) <= 80 else label[:79] + "…" for label in labels], dtype=object)
    sources = [s or NO_SOURCE for s in _escaped(df["source"])]
    titles = df["title"].astype("string").fillna("")
    titles = _escaped(titles.map({t: _short(t, 70) for t in titles.unique()}))
    who = _escaped(
        pd.Series([", ".join(a) if a is not None and len(a) else "" for a in df["actors"].tolist()], dtype="string")
    )
    rest = [
        f"{_wrap(label)}<br><i>{source}</i> · {title}" + (f"<br>Actors: {actors}" if actors else "")
        for label, source, title, actors in zip(labels, sources, titles, who)
    ]
    return when, np.array(rest, dtype=object)


# ------------------------------------------------------------------------------------- traces --


def _ms(values: np.ndarray) -> np.ndarray:
    """Milliseconds since 1970 (how a Plotly date axis reads numbers): compact and fast to send."""
    return values.astype("datetime64[ms]").astype("int64").astype("float64")


def _overview(starts: np.ndarray, frame: _Frame) -> list[tuple[dict, dict]]:
    """The overview strip: events per period over all of them, a step area on its own axis, which the range
    slider shows and the main chart hides. Sets ``frame.overview`` (its range and its highest count)."""
    lo, hi = min(frame.full[0], frame.lo), max(frame.full[1], frame.hi)
    x, counts = period_counts(starts, period_for(hi - lo))
    frame.overview = (lo - 0.02 * (hi - lo), hi + 0.02 * (hi - lo), float(counts.max()))
    return [
        (
            dict(
                type="scatter",
                mode="lines",
                line=dict(color="#7d8796", width=0, shape="hv"),
                fill="tozeroy",
                fillcolor="rgba(125,135,150,0.45)",
                yaxis="y2",
                hoverinfo="skip",
                showlegend=False,
                name=OVERVIEW,
            ),
            dict(x=x, y=counts),
        )
    ]


def _traces(
    points: pd.DataFrame, hover: tuple[np.ndarray, np.ndarray], use_gl: bool, frame: _Frame
) -> list[tuple[dict, dict]]:
    """(small properties, big arrays) per trace: the arrays are set on the built figure, which is much
    faster than handing them to ``go.Figure`` (it deep-copies its input element by element)."""
    scatter = "scattergl" if use_gl else "scatter"
    publication = points["publication"].to_numpy()
    is_bar = points["is_bar"].to_numpy()
    where = points.groupby("group").indices
    ids = points["event_id"].to_numpy(dtype=object)
    template = HOVER_COMPACT if use_gl else _HOVER
    label_font = dict(size=LABEL_FONT_PX, color="#2b2b2b", family=FONT)
    traces: list[tuple[dict, dict]] = []
    for i, (_, c, name) in enumerate(frame.groups):
        if i not in where:
            continue
        rows = where[i]
        common = dict(name=html.escape(name, quote=False), legendgroup=f"g{i}", showlegend=False)
        # the legend's key: a plain swatch of the colour, whatever the shapes of its items
        traces.append(
            (
                dict(
                    type="scatter",
                    x=[None],
                    y=[None],
                    mode="markers",
                    hoverinfo="skip",
                    marker=dict(symbol="square", size=11, color=c),
                    **dict(common, showlegend=True),
                ),
                {},
            )
        )
        bars = rows[is_bar[rows]]
        if len(bars):
            sub = points.iloc[bars]
            data = _point_data(ids, hover, bars, use_gl)
            start, end, yv = sub["x"].to_numpy(), sub["x_end"].to_numpy(), sub["y"].to_numpy()
            if use_gl:
                # WebGL has no bars: thick line segments, plus a clickable handle in the middle
                xs = np.full(len(sub) * 3, np.nan)
                ys = np.full(len(sub) * 3, np.nan)
                xs[0::3], xs[1::3] = start, end
                ys[0::3], ys[1::3] = yv, yv
                traces.append(
                    (
                        dict(
                            type="scattergl",
                            mode="lines",
                            line=dict(color=c, width=5),
                            opacity=0.55,
                            hoverinfo="skip",
                            connectgaps=False,
                            **common,
                        ),
                        dict(x=xs, y=ys),
                    )
                )
                traces.append(
                    (
                        dict(
                            type="scattergl",
                            mode="markers",
                            hovertemplate=template,
                            marker=dict(symbol="line-ns-open", size=10, color=c, line=dict(width=2, color=c)),
                            **common,
                        ),
                        dict(x=(start + end) / 2, y=yv, **data),
                    )
                )
            else:
                traces.append(
                    (
                        dict(
                            type="bar",
                            orientation="h",
                            hovertemplate=template,
                            textposition="none",
                            marker=dict(color=c, opacity=0.4, line=dict(color=c, width=1)),
                            **common,
                        ),
                        dict(base=start, x=end - start, y=yv, width=np.full(len(sub), BAR_ROWS), **data),
                    )
                )
                named = sub["labelled"].to_numpy()
                if named.any():
                    sel = bars[named]
                    traces.append(
                        (
                            dict(
                                type="scatter",
                                mode="text",
                                textposition="middle right",
                                textfont=label_font,
                                hoverinfo="skip",
                                **common,
                            ),
                            dict(
                                x=sub["text_x"].to_numpy()[named],
                                y=yv[named],
                                text=points["text"].to_numpy(dtype=object)[sel],
                                customdata=ids[sel],
                            ),
                        )
                    )
        for hollow in (False, True):
            marks = rows[~is_bar[rows] & (publication[rows] == hollow)]
            if not len(marks):
                continue
            sub = points.iloc[marks]
            data = _point_data(ids, hover, marks, use_gl)
            marker = (
                dict(size=11, color=c, symbol="circle-open", line=dict(width=2, color=c))
                if hollow
                else dict(size=11, color=c, line=dict(width=1, color="white"))
            )
            small = dict(type=scatter, mode="markers", marker=marker, hovertemplate=template, **common)
            if not use_gl and sub["labelled"].any():
                flipped = sub["flipped"].to_numpy()
                small.update(
                    mode="markers+text",
                    textfont=label_font,
                    textposition=("middle right" if not flipped.any() else None),
                )
                data["text"] = sub["text"].to_numpy(dtype=object)
                if flipped.any():
                    data["textposition"] = np.where(flipped, "middle left", "middle right").astype(object)
            traces.append((small, dict(x=sub["x"].to_numpy(), y=sub["y"].to_numpy(), **data)))
    # a key to the shapes, in neutral grey
    kinds = []
    if (~is_bar & ~publication).any():
        kinds.append(("dated to a day", dict(symbol="circle", size=10, color="#555")))
    if is_bar.any():
        kinds.append(
            (
                "week, month, year …: the whole span",
                dict(symbol="line-ew", size=16, color="#8a8a8a", line=dict(width=6, color="#8a8a8a")),
            )
        )
    if (~is_bar & publication).any():
        kinds.append(
            (
                "no date in the text: on publication day",
                dict(symbol="circle-open", size=10, color="#555", line=dict(width=2, color="#555")),
            )
        )
    for label, marker in kinds:
        traces.append(
            (
                dict(
                    type="scatter",
                    x=[None],
                    y=[None],
                    mode="markers",
                    marker=marker,
                    name=label,
                    hoverinfo="skip",
                    showlegend=True,
                    legend="legend2",
                ),
                {},
            )
        )
    return traces


def _point_data(ids: np.ndarray, hover: tuple[np.ndarray, np.ndarray], rows: np.ndarray, use_gl: bool) -> dict:
    if use_gl:
        return dict(customdata=ids[rows], text=hover[0][rows], hovertext=hover[1][rows])
    return dict(customdata=ids[rows], hovertext=hover[1][rows])


def _figure(traces: list[tuple[dict, dict]]) -> go.Figure:
    fig = TimelineFigure(data=[small for small, _ in traces])
    for trace, (_, big) in zip(fig.data, traces):
        for key, value in big.items():
            setattr(trace, key, value)
    return fig


# ------------------------------------------------------------------------------------- layout --


def _date(ms: float) -> str:
    return pd.Timestamp(round(ms), unit="ms").isoformat()


def _layout(fig: go.Figure, points: pd.DataFrame, frame: _Frame, height: int | None) -> None:
    lanes = points.attrs["lanes"]
    pos = points.attrs["lane_pos"]
    total = pos[-1][2]
    plot_px = max(MIN_PLOT_PX, total * ROW_PX)
    inner = plot_px + AXIS_PX + OVERVIEW_PX  # what Plotly splits between the plot, the axis and the strip
    full_height = height or int(round(frame.top + frame.bottom + inner))
    slider_lo, slider_hi, most = frame.overview
    fig.update_layout(
        **chart_style(frame.title, full_height),
        width=frame.width,
        height=full_height,
        margin=dict(l=10, r=16, t=frame.top, b=frame.bottom, autoexpand=True),
        clickmode="event+select",
        barmode="overlay",
        legend=dict(
            title=dict(text=frame.legend_title + ":", side="left"),
            orientation="h",
            x=0,
            xref="paper",
            y=1 - (10 + 24 * frame.title_lines) / full_height,
            yref="container",
            xanchor="left",
            yanchor="top",
            font=dict(size=12),
            itemclick="toggle",
            itemdoubleclick="toggleothers",
            groupclick="togglegroup",
        ),
        legend2=dict(
            orientation="h",
            x=0,
            y=0,
            xref="paper",
            yref="container",
            xanchor="left",
            yanchor="bottom",
            font=dict(size=11, color="#444"),
            title=dict(text="Shape:", side="left"),
        ),
        annotations=frame.notes,
        xaxis=dict(
            type="date",
            range=[_date(frame.lo), _date(frame.hi)],
            showgrid=True,
            gridcolor="#e6e6e6",
            rangeslider=dict(
                visible=True,
                thickness=OVERVIEW_PX / inner,
                bgcolor="#f4f5f7",
                range=[_date(slider_lo), _date(slider_hi)],
                yaxis=dict(rangemode="fixed", range=[-2, -1]),
            ),
            tickformatstops=TICK_FORMAT_STOPS,
        ),
        yaxis=dict(
            tickmode="array",
            tickvals=[c for c, _, _ in pos],
            ticktext=[_lane_text(t) for t in lanes],
            range=[total, 0],
            showgrid=False,
            zeroline=False,
            automargin=True,
            fixedrange=True,
            title=None,
        ),
        xaxis2=dict(
            type="date",
            matches="x",
            overlaying="x",
            side="top",
            anchor="y",
            showgrid=False,
            ticks="outside",
            tickformatstops=TICK_FORMAT_STOPS,
        ),
        # the overview's counts: drawn by the range slider, squeezed out of sight in the chart itself
        yaxis2=dict(domain=[0, 0.001], range=[0, most * 1.08], visible=False, fixedrange=True),
        uirevision="timeline",
    )
    # light bands to tell the lanes apart
    fig.update_layout(
        shapes=[
            dict(
                type="rect",
                xref="paper",
                x0=0,
                x1=1,
                yref="y",
                y0=top,
                y1=bottom,
                fillcolor="#f6f7f9",
                line_width=0,
                layer="below",
            )
            for _, top, bottom in pos[0::2]
        ]
    )


def _lane_text(lines: list[str]) -> str:
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def empty_chart_layout(title: str | None, message: str, height: int, width: int) -> dict:
    """The layout of a chart with nothing to draw: the title, and ``message`` in the middle."""
    return dict(
        template="plotly_white",
        height=height,
        width=width,
        font=dict(family=FONT, size=13),
        title=dict(text=html.escape(title, quote=False) if title else None, x=0, xanchor="left"),
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        annotations=[
            dict(
                text=message,
                xref="paper",
                yref="paper",
                x=0.5,
                y=0.5,
                showarrow=False,
                font=dict(size=16, color="#666"),
            )
        ],
    )
