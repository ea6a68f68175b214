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
* Every drawn point carries its ``event_id`` as ``customdata[0]`` (for selection), and its hover text
  (already HTML-escaped: Plotly renders a subset of HTML in hover labels) as ``customdata[1]``.
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
MAX_LANES = 30                   # lanes before the rest are pooled
LANE_LABEL_CHARS = 34
# Tableau 10 (colour-blind aware); the last one is for the pooled "other" group.
PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#EECA3B",
           "#9D755D", "#FF9DA6", "#5F6B77")
OTHER_COLOR = "#A0A0A0"
FONT = "DejaVu Sans, Arial, sans-serif"

LaneMode = Literal["actor", "article"]
ColorMode = Literal["source", "article"]

_DAY = np.timedelta64(1, "D")
_HOVER = "%{customdata[1]}<extra></extra>"


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

    points = _lanes(placed, lanes, max_lanes)
    fig = go.Figure()
    if points.empty:
        _empty_layout(fig, title, undrawn, len(events), height)
        return fig

    points["color"] = _color_groups(points, color)
    _stack(points)
    use_gl = webgl if webgl is not None else len(points) > WEBGL_THRESHOLD
    points["hover"] = _hover_text(points, color)
    _add_traces(fig, points, use_gl)
    _layout(fig, points, title, undrawn, height, "Source" if color == "source" else "Article")
    return fig


# --------------------------------------------------------------------------------------- lanes --

def _lanes(placed: pd.DataFrame, mode: str, max_lanes: int) -> pd.DataFrame:
    """One row per drawn point with its lane name; the lanes in display order as ``attrs['lanes']``."""
    cols = ["event_id", "doc", "title", "source", "published", "date", "granularity", "start", "end",
            "date_text", "label", "actors", "tense", "anchor"]
    if placed.empty:
        out = pd.DataFrame(columns=cols + ["lane"])
        out.attrs["lanes"] = []
        return out
    df = placed[cols].copy()
    if mode == "actor":
        df["lane"] = df["actors"].map(lambda a: list(a) if len(a) else [NO_ACTOR])
        df = df.explode("lane", ignore_index=True)
        counts = df["lane"].value_counts()
        named = [n for n in counts.index if n != NO_ACTOR]           # busiest first
        order = named + ([NO_ACTOR] if NO_ACTOR in counts.index else [])
        if len(order) > max_lanes:
            keep = order[:max_lanes - 1]
            rest = len(order) - len(keep)
            pooled = f"({rest} other actors)" if NO_ACTOR not in keep[-1:] else f"({rest} other lanes)"
            df["lane"] = df["lane"].where(df["lane"].isin(keep), pooled)
            # the same event may now sit twice in the pooled lane
            df = df.drop_duplicates(["event_id", "lane"], ignore_index=True)
            order = keep + [pooled]
        labels = {name: name for name in order}
    else:
        df = df.reset_index(drop=True)
        docs = (df.drop_duplicates("doc")
                  .sort_values(["published", "doc"], na_position="last", kind="stable"))
        order = list(docs["doc"])
        titles = dict(zip(docs["doc"], docs["title"].fillna("")))
        labels = {d: _short(titles[d] or d, LANE_LABEL_CHARS) for d in order}
        if len(order) > max_lanes:
            keep = order[:max_lanes - 1]
            pooled = f"({len(order) - len(keep)} other articles)"
            df["lane"] = df["doc"].where(df["doc"].isin(keep), pooled)
            labels = {d: labels[d] for d in keep} | {pooled: pooled}
            order = keep + [pooled]
        else:
            df["lane"] = df["doc"]
        # two articles with the same title must still get two tick labels
        seen: dict[str, int] = {}
        for d in order:
            n = seen[labels[d]] = seen.get(labels[d], 0) + 1
            if n > 1:
                labels[d] = f"{labels[d]} ({n})"
    df["lane_y"] = df["lane"].map({name: i for i, name in enumerate(order)}).astype(int)
    df.attrs["lanes"] = [labels[name] for name in order]
    return df


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

def _spread(rank: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Offsets within a lane (lane band ±0.4) for item ``rank`` of ``n`` stacked items."""
    n = np.maximum(n, 1)
    step = np.minimum(0.17, 0.72 / np.maximum(n - 1, 1))
    return (rank - (n - 1) / 2.0) * step


def _stack(points: pd.DataFrame) -> None:
    """Adds ``x`` (marker position), ``is_bar`` and ``y`` (lane + offset) columns in place."""
    start = points["start"].to_numpy(dtype="datetime64[s]")
    end = points["end"].to_numpy(dtype="datetime64[s]")
    span = end - start
    # a date is a bar when it covers more than a day: week, month, year ... and ranges
    is_bar = ~np.isnat(end) & (span > _DAY)
    points["is_bar"] = is_bar
    mid = np.where(np.isnat(end) | (span <= np.timedelta64(0, "s")), start, start + span // 2)
    points["x"] = mid
    y = points["lane_y"].to_numpy(dtype=float).copy()

    # markers: events on the same day in one lane are spread out
    m = ~is_bar
    if m.any():
        day = start[m].astype("datetime64[D]")
        key = pd.DataFrame({"lane": points["lane_y"].to_numpy()[m], "day": day})
        rank = key.groupby(["lane", "day"]).cumcount().to_numpy()
        size = key.groupby(["lane", "day"])["day"].transform("size").to_numpy()
        y[m] += _spread(rank, size)

    # bars: greedy packing into rows so that overlapping intervals in a lane do not cover each other
    if is_bar.any():
        idx = np.flatnonzero(is_bar)
        lanes = points["lane_y"].to_numpy()[idx]
        order = np.lexsort((start[idx], lanes))
        rows = np.zeros(len(idx), dtype=int)
        depth = {}
        row_ends: dict[int, list] = {}
        for k in order:
            lane, s, e = lanes[k], start[idx[k]], end[idx[k]]
            ends = row_ends.setdefault(lane, [])
            for r, last in enumerate(ends):
                if last <= s:
                    ends[r] = e
                    rows[k] = r
                    break
            else:
                rows[k] = len(ends)
                ends.append(e)
        for lane, ends in row_ends.items():
            depth[lane] = len(ends)
        n = np.array([depth[lane] for lane in lanes])
        y[idx] += _spread(rows, n)
        points.loc[points.index[idx], "bar_width"] = np.minimum(0.13, 0.6 / n)
    points["y"] = y


# -------------------------------------------------------------------------------------- hover --

_GRANULARITY_WORD = {"time": "time of day", "day": "day", "week": "week", "month": "month",
                     "quarter": "quarter", "season": "season", "half": "half-year", "year": "year",
                     "decade": "decade", "century": "century"}


def _esc(series: pd.Series) -> pd.Series:
    return (series.fillna("").astype(str)
            .str.replace("&", "&amp;", regex=False)
            .str.replace("<", "&lt;", regex=False)
            .str.replace(">", "&gt;", regex=False))


def _wrap(text: str, width: int = 70) -> str:
    """Break an (escaped) label into lines of about ``width`` characters for the hover box."""
    if len(text) <= width:
        return text
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def _hover_text(points: pd.DataFrame, color: str) -> pd.Series:
    """One escaped hover string per point: date as written, normalised date, label, source, article."""
    written = _esc(points["date_text"])
    value = _esc(points["date"])
    gran = points["granularity"].fillna("").map(lambda g: _GRANULARITY_WORD.get(g, g))
    normalised = value + np.where(gran != "", " (" + gran + ")", "")
    publication = points["anchor"].fillna("").eq("publication")
    first = np.where(publication, "<b>" + written + "</b> · placed on the publication date " + value,
                     "<b>" + written + "</b> → " + normalised)
    label = _esc(points["label"]).map(_wrap)
    source = _esc(points["source"].fillna("").replace("", NO_SOURCE))
    title = _esc(points["title"].map(lambda t: _short(t or "", 70)))
    actors = points["actors"].map(lambda a: ", ".join(a))
    actors = _esc(actors)
    text = (pd.Series(first, index=points.index) + "<br>" + label + "<br><i>" + source + "</i> · " + title
            + np.where(actors != "", "<br>Actors: " + actors, ""))
    return text


# ------------------------------------------------------------------------------------- traces --

def _iso(values: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(values.astype("datetime64[s]"), unit="s")


def _add_traces(fig: go.Figure, points: pd.DataFrame, use_gl: bool) -> None:
    Scatter = go.Scattergl if use_gl else go.Scatter
    groups = list(points["color"].value_counts().index)
    palette = {}
    for i, g in enumerate(groups):
        palette[g] = OTHER_COLOR if str(g).startswith("other (") else PALETTE[i % len(PALETTE)]
    for g in groups:
        sub = points[points["color"] == g]
        c = palette[g]
        name = _short(str(g), 36)
        first = True
        bars = sub[sub["is_bar"]]
        if len(bars):
            custom = np.stack([bars["event_id"].astype(str).to_numpy(), bars["hover"].to_numpy()], axis=1)
            start = bars["start"].to_numpy(dtype="datetime64[s]")
            end = bars["end"].to_numpy(dtype="datetime64[s]")
            if use_gl:
                # WebGL has no bars: thick line segments, plus a clickable handle in the middle
                xs = np.empty(len(bars) * 3, dtype=object)
                ys = np.empty(len(bars) * 3, dtype=object)
                xs[0::3], xs[1::3], xs[2::3] = _iso(start), _iso(end), None
                yv = bars["y"].to_numpy()
                ys[0::3], ys[1::3], ys[2::3] = yv, yv, None
                fig.add_trace(go.Scattergl(x=xs, y=ys, mode="lines", line=dict(color=c, width=5),
                                           opacity=0.55, hoverinfo="skip", legendgroup=name, name=name,
                                           showlegend=first))
                first = False
                fig.add_trace(go.Scattergl(
                    x=_iso(bars["x"].to_numpy()), y=yv, mode="markers", name=name, legendgroup=name,
                    showlegend=False, customdata=custom, hovertemplate=_HOVER,
                    marker=dict(symbol="line-ns-open", size=10, color=c, line=dict(width=2, color=c))))
            else:
                width_ms = ((end - start) / np.timedelta64(1, "ms")).astype(float)
                fig.add_trace(go.Bar(
                    base=_iso(start), x=width_ms, y=bars["y"].to_numpy(), width=bars["bar_width"].to_numpy(),
                    orientation="h", name=name, legendgroup=name, showlegend=first,
                    marker=dict(color=c, opacity=0.55, line=dict(color=c, width=1)),
                    customdata=custom, hovertemplate=_HOVER))
                first = False
        for hollow in (False, True):
            marks = sub[~sub["is_bar"] & (sub["anchor"].fillna("").eq("publication") == hollow)]
            if marks.empty:
                continue
            custom = np.stack([marks["event_id"].astype(str).to_numpy(), marks["hover"].to_numpy()], axis=1)
            marker = dict(size=11, color=c, line=dict(width=1, color="white"))
            if hollow:
                marker = dict(size=11, color=c, symbol="circle-open", line=dict(width=2, color=c))
            fig.add_trace(Scatter(
                x=_iso(marks["x"].to_numpy()), y=marks["y"].to_numpy(), mode="markers", name=name,
                legendgroup=name, showlegend=first, marker=marker, customdata=custom, hovertemplate=_HOVER))
            first = False
    # a key to the shapes, in neutral grey
    kinds = []
    if (~points["is_bar"] & ~points["anchor"].fillna("").eq("publication")).any():
        kinds.append(("dated to a day", dict(symbol="circle", size=10, color="#555")))
    if points["is_bar"].any():
        kinds.append(("week, month, year …: the whole span", dict(symbol="square", size=10, color="#999")))
    if (~points["is_bar"] & points["anchor"].fillna("").eq("publication")).any():
        kinds.append(("no date in the text: on publication day",
                      dict(symbol="circle-open", size=10, color="#555", line=dict(width=2, color="#555"))))
    for i, (label, marker) in enumerate(kinds):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", marker=marker, name=label,
                                 legendgroup="_key",
                                 hoverinfo="skip", showlegend=True, legend="legend2"))


# ------------------------------------------------------------------------------------- layout --

def _height(n_lanes: int) -> int:
    return int(min(1600, max(440, 200 + 56 * n_lanes)))


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
    n = len(lanes)
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
        height=height or _height(n),
        margin=dict(l=10, r=10, t=(96 if title else 64) + 22 * legend_rows, b=10),
        hovermode="closest",
        hoverlabel=dict(align="left", bgcolor="white", font=dict(size=13, family=FONT)),
        clickmode="event+select",
        barmode="overlay",
        legend=dict(title=dict(text=legend_title + ":", side="left"), orientation="h", x=0, y=1.0,
                    xanchor="left", yanchor="bottom", font=dict(size=12), itemclick="toggle",
                    itemdoubleclick="toggleothers", groupclick="togglegroup"),
        legend2=dict(orientation="h", x=1, y=1.0, xanchor="right", yanchor="bottom", font=dict(size=11),
                     title=dict(text="")),
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
        yaxis=dict(tickmode="array", tickvals=list(range(n)), ticktext=[html.escape(t, quote=False) for t in lanes],
                   range=[n - 0.5, -0.5], showgrid=False, zeroline=False, automargin=True, fixedrange=True,
                   title=None),
        uirevision="timeline",
    )
    # light bands to tell the lanes apart
    for i in range(0, n, 2):
        fig.add_hrect(y0=i - 0.5, y1=i + 0.5, fillcolor="#f6f7f9", line_width=0, layer="below")


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
