"""The timeline chart: an event table (``timeline.schema``) in, a ``plotly.graph_objects.Figure`` out.

Pure: no I/O, no Streamlit. The dashboard, the ``timeline render`` command and the exports all draw
with :func:`timeline_figure`, so a picture saved from either looks the same.

How it reads:

* x is time; y has one lane per actor (events with several actors appear in each of their lanes,
  events with none in "(no actor named)") or one lane per article.
* Events whose date covers at most a day are markers; week-, month-, year-level (and longer) dates
  are bars across the whole interval they cover, so the precision of each date is visible.
* Events placed on the publication date because the article reports them as news without a date
  expression (anchor "publication") are hollow markers.
* Colour is the article's source (or the article); the legend names it.
* Events on the same day in one lane are spread vertically so none hides another; overlapping bars
  in a lane are stacked.
* Events with no placeable date (``start`` is NaT) are not drawn; a note on the chart counts them.
* Above :data:`WEBGL_THRESHOLD` drawn points the traces switch to WebGL (``Scattergl``).
* Every drawn point carries its ``event_id`` as ``customdata`` (for selection) and its hover label in
  ``text`` (the date) and ``hovertext`` (the rest); article text is HTML-escaped, since Plotly renders a
  subset of HTML in hover labels. Markup stays in the ``hovertemplate`` where it can: every byte of
  per-point data is sent to the browser.
"""
from __future__ import annotations

import html
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

NO_ACTOR = "(no actor named)"
NO_SOURCE = "(no source)"
WEBGL_THRESHOLD = 5000
MAX_COLORS = 10                  # colour groups before the rest are pooled as "other"
MAX_LANES = 14                   # lanes before the rest are pooled (keeps the chart readable at 1280x800)
LANE_LABEL_CHARS = 34
# Tableau 10 (colour-blind aware); the last one is for the pooled "other" group.
PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#EECA3B",
           "#9D755D", "#FF9DA6", "#5F6B77")
OTHER_COLOR = "#A0A0A0"
FONT = "DejaVu Sans, Arial, sans-serif"

LaneMode = Literal["actor", "article"]
ColorMode = Literal["source", "article"]

_DAY = np.timedelta64(1, "D")
# text: the date as written -> normalised; hovertext: the label, source, article, actors
HOVER = "<b>%{text}</b><br>%{hovertext}<extra></extra>"
# very large charts: the label on one line; the source is the trace's name, in the hover's side box
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


def timeline_figure(events: pd.DataFrame, *, lanes: LaneMode = "actor", color: ColorMode = "source",
                    title: str | None = None, webgl: bool | None = None, max_lanes: int = MAX_LANES,
                    height: int | None = None) -> go.Figure:
    """The timeline of ``events`` (rows of the event table; any subset, e.g. a filtered one).

    ``lanes``: "actor" (one lane per actor) or "article" (one lane per article).
    ``color``: "source" or "article".
    ``title``: shown above the chart (say what is shown: filters, counts).
    ``webgl``: force WebGL on/off; by default on above ``WEBGL_THRESHOLD`` drawn points.
    ``height``: pixels; by default grows with the number of lanes.
    """
    if lanes not in ("actor", "article"):
        raise ValueError(f"lanes must be 'actor' or 'article', not {lanes!r}")
    if color not in ("source", "article"):
        raise ValueError(f"color must be 'source' or 'article', not {color!r}")
    placed = events[events["start"].notna()] if len(events) else events
    undrawn = len(events) - len(placed)

    n_points = len(placed) if lanes == "article" else sum(max(1, len(a)) for a in placed["actors"])
    use_gl = webgl if webgl is not None else n_points > WEBGL_THRESHOLD
    points, hover = _lanes(placed, lanes, max_lanes, compact=use_gl)
    if points.empty:
        fig = TimelineFigure()
        _empty_layout(fig, title, undrawn, len(events), height)
        return fig

    points["color"] = _color_groups(points, color)
    _stack(points)
    fig = _figure(_traces(points, hover, use_gl))
    _layout(fig, points, title, undrawn, height, "Source" if color == "source" else "Article")
    return fig


# --------------------------------------------------------------------------------------- lanes --

def _lanes(placed: pd.DataFrame, mode: str, max_lanes: int,
           compact: bool = False) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray]]:
    """One row per drawn point (an event with three actors is three points in actor mode) with its lane,
    the lanes' labels in display order as ``attrs['lanes']``; and the points' hover labels."""
    if placed.empty:
        out = pd.DataFrame(columns=["event_id", "doc", "title", "source", "start", "end", "anchor", "actors",
                                    "lane"])
        out.attrs["lanes"] = []
        return out, (np.array([], dtype=object), np.array([], dtype=object))
    hover = _hover_text(placed, compact)     # per event, before an event is copied into several lanes
    strings = {c: placed[c].astype("string").fillna("").to_numpy(dtype=object)
               for c in ("event_id", "doc", "title", "source", "anchor")}
    actors = placed["actors"].tolist()
    if mode == "actor":
        names = [a if a is not None and len(a) else [NO_ACTOR] for a in actors]
        take = np.repeat(np.arange(len(names)), [len(a) for a in names])
        lane = np.array([n for a in names for n in a], dtype=object)
        counts = pd.Series(lane).value_counts()
        named = [n for n in counts.index if n != NO_ACTOR]           # busiest first
        order = named + ([NO_ACTOR] if NO_ACTOR in counts.index else [])
        if len(order) > max_lanes:
            keep = order[:max_lanes - 1]
            pooled = f"({len(order) - len(keep)} other actors)"
            lane = np.where(pd.Series(lane).isin(keep).to_numpy(), lane, pooled)
            # an event may now sit twice in the pooled lane: keep it once
            unique = ~pd.DataFrame({"t": take, "l": lane}).duplicated().to_numpy()
            take, lane = take[unique], lane[unique]
            order = keep + [pooled]
        labels = {name: name for name in order}
    else:
        take = np.arange(len(placed))
        docs = (pd.DataFrame({"doc": strings["doc"], "title": strings["title"],
                              "published": placed["published"].to_numpy()})
                .drop_duplicates("doc").sort_values(["published", "doc"], na_position="last", kind="stable"))
        order = list(docs["doc"])
        labels = {d: _short(t or d, LANE_LABEL_CHARS) for d, t in zip(docs["doc"], docs["title"])}
        lane = strings["doc"]
        if len(order) > max_lanes:
            keep = order[:max_lanes - 1]
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
    df["start"] = placed["start"].to_numpy(dtype="datetime64[s]")[take]
    df["end"] = placed["end"].to_numpy(dtype="datetime64[s]")[take]
    df["actors"] = pd.Series(actors, dtype=object).to_numpy()[take]
    df["lane"] = lane
    index = {name: i for i, name in enumerate(order)}
    df["lane_y"] = np.fromiter((index[x] for x in lane), dtype=int, count=len(lane))
    df.attrs["lanes"] = [labels[name] for name in order]
    return df, (hover[0][take], hover[1][take])


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# -------------------------------------------------------------------------------------- colour --

def _color_groups(points: pd.DataFrame, mode: str) -> pd.Series:
    if mode == "source":
        key = points["source"].fillna("").astype(str).str.strip().replace("", NO_SOURCE)
    else:
        titles = points["title"].fillna("").astype(str).str.strip()
        key = titles.where(titles != "", points["doc"].astype(str)).map(lambda t: _short(t, 48))
    counts = key.value_counts()
    if len(counts) > MAX_COLORS:
        keep = set(counts.index[:MAX_COLORS - 1])
        key = key.where(key.isin(keep), f"other ({len(counts) - len(keep)})")
    return key


# ---------------------------------------------------------------------------- vertical layout --

STEP = 0.2           # lane units between two stacked items
MAX_UNITS = 3        # a busy lane grows up to this many units tall
MAX_ROWS = 12        # bar rows per lane before bars are allowed to overlap


def _stack(points: pd.DataFrame) -> None:
    """Adds ``x`` (marker position), ``is_bar``, ``y`` and ``bar_width`` columns in place, and the lanes'
    vertical extent as ``attrs['lane_pos']`` [(centre, top, bottom)].

    Same-day markers in a lane are spread vertically; overlapping bars in a lane go to separate rows.
    A lane with deep stacks is drawn taller (up to ``MAX_UNITS``) so that its items stay apart.
    """
    start = points["start"].to_numpy(dtype="datetime64[s]")
    end = points["end"].to_numpy(dtype="datetime64[s]")
    span = end - start
    # a date is a bar when it covers more than a day: week, month, year ... and ranges
    is_bar = ~np.isnat(end) & (span > _DAY)
    points["is_bar"] = is_bar
    points["x"] = np.where(np.isnat(end) | (span <= np.timedelta64(0, "s")), start, start + span // 2)
    lane = points["lane_y"].to_numpy()
    rank = np.zeros(len(points), dtype=float)
    size = np.ones(len(points), dtype=float)

    m = ~is_bar
    if m.any():
        key = pd.DataFrame({"lane": lane[m], "day": start[m].astype("datetime64[D]")})
        groups = key.groupby(["lane", "day"])
        rank[m] = groups.cumcount().to_numpy()
        size[m] = groups["day"].transform("size").to_numpy()

    if is_bar.sum() > 4 * WEBGL_THRESHOLD:
        # too many to pack one by one: bars starting on the same day in a lane go to separate rows
        idx = np.flatnonzero(is_bar)
        key = pd.DataFrame({"lane": lane[idx], "day": start[idx].astype("datetime64[D]")})
        rank[idx] = key.groupby(["lane", "day"]).cumcount().to_numpy() % MAX_ROWS
        size[idx] = pd.Series(rank[idx] + 1).groupby(lane[idx]).transform("max").to_numpy()
    elif is_bar.any():
        idx = np.flatnonzero(is_bar)
        order = idx[np.lexsort((start[idx], lane[idx]))]
        row_ends: dict[int, list] = {}
        for k in order:
            ends = row_ends.setdefault(lane[k], [])
            for r, last in enumerate(ends):
                if last <= start[k]:
                    ends[r] = end[k]
                    rank[k] = r
                    break
            else:
                if len(ends) < MAX_ROWS:
                    rank[k] = len(ends)
                    ends.append(end[k])
                else:                       # too deep: share the row that frees up first
                    r = int(np.argmin(ends))
                    ends[r] = max(ends[r], end[k])
                    rank[k] = r
        size[idx] = [len(row_ends[lane[k]]) for k in idx]

    n_lanes = len(points.attrs["lanes"])
    depth = pd.Series(size).groupby(lane).max().reindex(range(n_lanes), fill_value=1).to_numpy()
    units = np.clip(np.ceil(depth * STEP / 0.8), 1, MAX_UNITS)
    tops = np.concatenate([[0.0], np.cumsum(units)[:-1]])
    centres = tops + units / 2
    points.attrs["lane_pos"] = list(zip(centres, tops, tops + units))
    step = np.minimum(STEP, 0.8 * units[lane] / np.maximum(size - 1, 1))
    points["y"] = centres[lane] + (rank - (size - 1) / 2.0) * step
    points["bar_width"] = np.minimum(0.3, step * 0.75) if not is_bar.any() else np.where(
        is_bar, np.minimum(0.3, 0.7 * np.minimum(0.8 * units[lane] / np.maximum(size, 1), step * 2)), 0.3)


# -------------------------------------------------------------------------------------- hover --

_GRANULARITY_WORD = {"time": "time of day", "day": "day", "week": "week", "month": "month",
                     "quarter": "quarter", "season": "season", "half": "half-year", "year": "year",
                     "decade": "decade", "century": "century"}


def _wrap(text: str, width: int = 70, lines: int = 3) -> str:
    """Break an (escaped) label into at most ``lines`` lines of about ``width`` characters."""
    out = []
    while len(text) > width and len(out) < lines - 1:
        cut = text.rfind(" ", 0, width + 1)
        if cut <= 0:
            cut = width
        out.append(text[:cut])
        text = text[cut:].lstrip()
    if len(text) > width:
        text = text[:width - 1] + "…"
    out.append(text)
    return "<br>".join(out)


def _escaped(series: pd.Series) -> list[str]:
    text = series.astype("string").fillna("")
    return (text.str.replace("&", "&amp;", regex=False).str.replace("<", "&lt;", regex=False)
            .str.replace(">", "&gt;", regex=False)).tolist()


def _hover_text(df: pd.DataFrame, compact: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The hover label per event, in two parts: the date (as written -> normalised) and the rest (label,
    source, article, actors). Everything from the article is escaped. ``compact`` (very large charts,
    where every byte goes to the browser once per point): the label alone, on one line; the source is
    then shown as the trace's name.
    """
    publication = df["anchor"].astype("string").fillna("").eq("publication").tolist()
    grans = [_GRANULARITY_WORD.get(g, g) for g in df["granularity"].astype("string").fillna("").tolist()]
    when = np.array([f"{value}, the publication day (no date written" + (f"; cue “{written}”)" if written else ")")
                     if pub
                     else f"{written} → {value}" + (f" ({gran})" if gran else "")
                     for written, value, gran, pub in zip(_escaped(df["date_text"]), _escaped(df["date"]),
                                                          grans, publication)], dtype=object)
    labels = _escaped(df["label"])
    if compact:
        return when, np.array([_wrap(label, 80, 1) for label in labels], dtype=object)
    sources = [s or NO_SOURCE for s in _escaped(df["source"])]
    titles = df["title"].astype("string").fillna("")
    titles = _escaped(titles.map({t: _short(t, 70) for t in titles.unique()}))
    who = _escaped(pd.Series([", ".join(a) if a is not None and len(a) else "" for a in df["actors"].tolist()],
                             dtype="string"))
    rest = [f"{_wrap(label)}<br><i>{source}</i> · {title}" + (f"<br>Actors: {actors}" if actors else "")
            for label, source, title, actors in zip(labels, sources, titles, who)]
    return when, np.array(rest, dtype=object)


# ------------------------------------------------------------------------------------- traces --

def _ms(values: np.ndarray) -> np.ndarray:
    """Milliseconds since 1970 (how a Plotly date axis reads numbers): compact and fast to send."""
    return values.astype("datetime64[ms]").astype("int64").astype("float64")


def _traces(points: pd.DataFrame, hover: tuple[np.ndarray, np.ndarray], use_gl: bool) -> list[tuple[dict, dict]]:
    """(small properties, big arrays) per trace: the arrays are set on the built figure, which is much
    faster than handing them to ``go.Figure`` (it deep-copies its input element by element)."""
    scatter = "scattergl" if use_gl else "scatter"
    groups = list(points["color"].value_counts().index)
    palette = {g: OTHER_COLOR if str(g).startswith("other (") else PALETTE[i % len(PALETTE)]
               for i, g in enumerate(groups)}
    publication = points["anchor"].fillna("").eq("publication").to_numpy()
    is_bar = points["is_bar"].to_numpy()
    where = points.groupby("color").indices
    ids = points["event_id"].to_numpy(dtype=object)
    template = HOVER_COMPACT if use_gl else HOVER
    traces: list[tuple[dict, dict]] = []
    for g in groups:
        rows = where[g]
        c, name = palette[g], _short(str(g), 36)
        common = dict(name=name, legendgroup=name)
        first = True
        bars = rows[is_bar[rows]]
        if len(bars):
            sub = points.iloc[bars]
            data = _point_data(ids, hover, bars)
            start = sub["start"].to_numpy(dtype="datetime64[s]")
            end = sub["end"].to_numpy(dtype="datetime64[s]")
            yv = sub["y"].to_numpy()
            if use_gl:
                # WebGL has no bars: thick line segments, plus a clickable handle in the middle
                xs = np.full(len(sub) * 3, np.nan)
                ys = np.full(len(sub) * 3, np.nan)
                xs[0::3], xs[1::3] = _ms(start), _ms(end)
                ys[0::3], ys[1::3] = yv, yv
                traces.append((dict(type="scattergl", mode="lines", line=dict(color=c, width=5), opacity=0.55,
                                    hoverinfo="skip", showlegend=first, connectgaps=False, **common),
                               dict(x=xs, y=ys)))
                first = False
                traces.append((dict(type="scattergl", mode="markers", showlegend=False, hovertemplate=template,
                                    marker=dict(symbol="line-ns-open", size=10, color=c, line=dict(width=2, color=c)),
                                    **common),
                               dict(x=_ms(sub["x"].to_numpy()), y=yv, **data)))
            else:
                width_ms = ((end - start) / np.timedelta64(1, "ms")).astype(float)
                traces.append((dict(type="bar", orientation="h", showlegend=first, hovertemplate=template,
                                    textposition="none",
                                    marker=dict(color=c, opacity=0.55, line=dict(color=c, width=1)), **common),
                               dict(base=_ms(start), x=width_ms, y=yv, width=sub["bar_width"].to_numpy(),
                                    **data)))
                first = False
        for hollow in (False, True):
            marks = rows[~is_bar[rows] & (publication[rows] == hollow)]
            if not len(marks):
                continue
            sub = points.iloc[marks]
            data = _point_data(ids, hover, marks)
            marker = (dict(size=11, color=c, symbol="circle-open", line=dict(width=2, color=c)) if hollow
                      else dict(size=11, color=c, line=dict(width=1, color="white")))
            traces.append((dict(type=scatter, mode="markers", showlegend=first, marker=marker,
                                hovertemplate=template, **common),
                           dict(x=_ms(sub["x"].to_numpy()), y=sub["y"].to_numpy(), **data)))
            first = False
    # a key to the shapes, in neutral grey
    kinds = []
    if (~is_bar & ~publication).any():
        kinds.append(("dated to a day", dict(symbol="circle", size=10, color="#555")))
    if is_bar.any():
        kinds.append(("week, month, year …: the whole span", dict(symbol="square", size=10, color="#999")))
    if (~is_bar & publication).any():
        kinds.append(("no date in the text: on publication day",
                      dict(symbol="circle-open", size=10, color="#555", line=dict(width=2, color="#555"))))
    for label, marker in kinds:
        traces.append((dict(type="scatter", x=[None], y=[None], mode="markers", marker=marker, name=label,
                            hoverinfo="skip", showlegend=True, legend="legend2"), {}))
    return traces


def _point_data(ids: np.ndarray, hover: tuple[np.ndarray, np.ndarray], rows: np.ndarray) -> dict:
    return dict(customdata=ids[rows], text=hover[0][rows], hovertext=hover[1][rows])


def _figure(traces: list[tuple[dict, dict]]) -> go.Figure:
    fig = TimelineFigure(data=[small for small, _ in traces])
    for trace, (_, big) in zip(fig.data, traces):
        for key, value in big.items():
            setattr(trace, key, value)
    return fig


# ------------------------------------------------------------------------------------- layout --

def _height(units: float) -> int:
    return int(min(660, max(400, 180 + 26 * units)))


def _note(undrawn: int) -> list[dict]:
    if not undrawn:
        return []
    what = "event has" if undrawn == 1 else "events have"
    return [dict(text=f"{undrawn} {what} no placeable date: not drawn, listed under the chart",
                 xref="paper", yref="paper", x=1, y=0, xanchor="right", yanchor="bottom",
                 showarrow=False, font=dict(size=12, color="#555"), bgcolor="rgba(255,255,255,0.8)")]


def _layout(fig: go.Figure, points: pd.DataFrame, title: str | None, undrawn: int, height: int | None,
            legend_title: str) -> None:
    lanes = points.attrs["lanes"]
    pos = points.attrs["lane_pos"]
    total = pos[-1][2]
    names = points["color"].unique()
    legend_rows = max(0, (sum(len(str(x)) + 6 for x in names) // 110))
    starts = points["start"].to_numpy(dtype="datetime64[s]")
    ends = points["end"].to_numpy(dtype="datetime64[s]")
    lo = starts.min()
    hi = np.nanmax(np.where(np.isnat(ends), starts, ends)) if len(ends) else starts.max()
    pad = max((hi - lo) * 0.04, np.timedelta64(2, "D"))
    fig.update_layout(
        template="plotly_white",
        title=dict(text=html.escape(title, quote=False) if title else None, x=0, xref="paper",
                   xanchor="left", font=dict(size=17)),
        font=dict(family=FONT, size=13, color="#222"),
        height=height or _height(total),
        margin=dict(l=10, r=10, t=(80 if title else 48) + 22 * legend_rows, b=34),
        hovermode="closest",
        hoverlabel=dict(align="left", bgcolor="white", font=dict(size=13, family=FONT)),
        clickmode="event+select",
        barmode="overlay",
        legend=dict(title=dict(text=legend_title + ":", side="left"), orientation="h", x=0, y=1.0,
                    xanchor="left", yanchor="bottom", font=dict(size=12), itemclick="toggle",
                    itemdoubleclick="toggleothers", groupclick="togglegroup"),
        legend2=dict(orientation="h", x=0, y=0, xref="paper", yref="container", xanchor="left",
                     yanchor="bottom", font=dict(size=11, color="#444"), title=dict(text="Shape:", side="left")),
        annotations=_note(undrawn),
        xaxis=dict(type="date", range=[str(lo - pad), str(hi + pad)], showgrid=True, gridcolor="#e6e6e6",
                   rangeslider=dict(visible=True, thickness=0.07, bgcolor="#f4f4f4"),
                   tickformatstops=[
                       dict(dtickrange=[None, 86_400_000], value="%d %b %Y %H:%M"),
                       dict(dtickrange=[86_400_000, 604_800_000], value="%d %b %Y"),
                       dict(dtickrange=[604_800_000, "M1"], value="%d %b %Y"),
                       dict(dtickrange=["M1", "M12"], value="%b %Y"),
                       dict(dtickrange=["M12", None], value="%Y"),
                   ]),
        yaxis=dict(tickmode="array", tickvals=[c for c, _, _ in pos],
                   ticktext=[html.escape(t, quote=False) for t in lanes], range=[total, 0], showgrid=False, zeroline=False, automargin=True, fixedrange=True,
                   title=None),
        uirevision="timeline",
    )
    # light bands to tell the lanes apart
    fig.update_layout(shapes=[dict(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=top, y1=bottom,
                                   fillcolor="#f6f7f9", line_width=0, layer="below")
                              for _, top, bottom in pos[0::2]])


def _empty_layout(fig: go.Figure, title: str | None, undrawn: int, total: int, height: int | None) -> None:
    if total == 0:
        message = "No events to draw"
    else:
        message = f"None of the {total} events has a placeable date"
    fig.update_layout(
        template="plotly_white", height=height or 360, font=dict(family=FONT, size=13),
        title=dict(text=html.escape(title, quote=False) if title else None, x=0, xanchor="left"),
        xaxis=dict(visible=False), yaxis=dict(visible=False),
        annotations=[dict(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                          font=dict(size=16, color="#666"))],
    )
