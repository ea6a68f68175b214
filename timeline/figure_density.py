"""The density band: a view too large to draw event by event, as counts per lane and period.

Pure: a frame of counts in (``lane``, ``period``, ``events``: ``timeline.store_query.EventStore.lane_counts``),
a ``plotly.graph_objects.Figure`` out. Each lane is a row of cells, one per period with events, shaded by
how many (on a logarithmic scale, so that a lane of a few hundred events still shows beside one of millions).
The lanes are those of the item chart (``timeline.figure``): busiest first, the pooled and the
"(no actor named)" lane last. The pooled lane of the quiet actors counts their mentions: an event that
names two of them counts twice there.

Each cell carries its period's first and last day and its lane as ``customdata`` (on an invisible point at its
centre, which also gives the cell's hover label): a box dragged across the band says which span of time to narrow
the view to (``selected_span``).
"""

from __future__ import annotations

import datetime as dt
import html
import math
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .figure import WIDTH, chart_style, empty_chart_layout
from .figure_time import DAY_MS, TICK_FORMAT_STOPS

LANE_PX = 30  # one lane
MIN_PLOT_PX = 120
TOP_PX, BOTTOM_PX = 60, 56  # the title above, the date axis below
COLORS = [[0.0, "#dbe6f3"], [0.35, "#7ea6d3"], [0.7, "#2f6aad"], [1.0, "#0b2f63"]]
PERIOD_WORDS = {"day": "day", "week": "week", "month": "month", "year": "year"}
_PERIOD_FORMAT = {"day": "%d %b %Y", "week": "week of %d %b %Y", "month": "%b %Y", "year": "%Y"}


def period_grid(first: np.datetime64, last: np.datetime64, period: str) -> np.ndarray:
    """The first day of every period from the one starting at ``first`` to the one starting at ``last``, and
    the day after the last one (the edges of the cells, as datetime64[D])."""
    if period in ("day", "week"):
        step = np.timedelta64(1 if period == "day" else 7, "D")
        return np.arange(first, last + 2 * step, step)
    unit = "M" if period == "month" else "Y"
    coarse = np.arange(first.astype(f"datetime64[{unit}]"), last.astype(f"datetime64[{unit}]") + 2)
    return coarse.astype("datetime64[D]")


def _ms(values) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[ms]").astype("int64").astype("float64")


def _count_ticks(most: int) -> tuple[list[float], list[str]]:
    """Colour bar ticks at 1, 10, 100 ... up to ``most`` (the colour is log10 of the count)."""
    top = max(1, math.ceil(math.log10(max(most, 1))))
    values = [10**k for k in range(0, top + 1) if 10**k <= max(most, 1) * 1.0001] or [1]
    return [math.log10(v) for v in values], [f"{v:,}" for v in values]


def density_figure(
    cells: pd.DataFrame,
    *,
    period: str,
    lanes: Sequence[str] | None = None,
    totals: Mapping[str, int] | None = None,
    pooled: str | None = None,
    title: str | None = None,
    window: tuple[dt.date | None, dt.date | None] | None = None,
    width: int = WIDTH,
    height: int | None = None,
) -> go.Figure:
    """The density band of ``cells`` (columns ``lane``, ``period``: the period's first day, ``events``).

    ``period``: day, week, month or year (the length of each cell). ``lanes``: their order, top first (by
    default ``cells.attrs["lanes"]``, else busiest first); ``totals``: events per lane, shown beside its name
    (by default ``cells.attrs["totals"]``, else the sum of its cells: more than its events when they span
    several periods). ``pooled``: the lane that counts mentions (by default ``cells.attrs["pooled"]``).
    ``window``: (since, until), the span the chart opens on (by default where the cells are).
    ``title``: what is shown.

    Two traces: a heatmap draws the cells (one image, however many: quick in the browser), and an invisible
    WebGL scatter, a point per cell, takes the hovers and the box selections."""
    if period not in _PERIOD_FORMAT:
        raise ValueError(f"period must be one of {', '.join(_PERIOD_FORMAT)}, not {period!r}")
    attrs = dict(cells.attrs)
    cells = cells[cells["events"] > 0]
    if lanes is None:
        lanes = attrs.get("lanes") or list(
            cells.groupby("lane")["events"].sum().sort_values(ascending=False, kind="stable").index
        )
    present = set(cells["lane"])
    lanes = [lane for lane in lanes if lane in present]
    if totals is None:
        totals = attrs.get("totals") or cells.groupby("lane")["events"].sum().to_dict()
    if pooled is None:
        pooled = attrs.get("pooled")
    position = {lane: i for i, lane in enumerate(lanes)}
    cells = cells[cells["lane"].isin(position)]
    fig = go.Figure()
    if cells.empty:
        fig.update_layout(**empty_chart_layout(title, "No events to draw", height or 300, width))
        return fig
    plot_px = max(MIN_PLOT_PX, LANE_PX * len(lanes))
    full_height = height or TOP_PX + BOTTOM_PX + plot_px
    days = pd.to_datetime(cells["period"]).to_numpy(dtype="datetime64[D]")
    edges = period_grid(days.min(), days.max(), period)
    column = np.searchsorted(edges, days)
    row = cells["lane"].map(position).to_numpy()
    counts = cells["events"].to_numpy(dtype="int64")
    shade = np.full((len(lanes), len(edges) - 1), np.nan)
    shade[row, column] = np.log10(counts)
    tickvals, ticktext = _count_ticks(int(counts.max()))
    fig.add_trace(
        go.Heatmap(
            x=[str(d) for d in edges],
            y=list(range(len(lanes))),
            z=shade,
            zmin=0,
            zmax=max(tickvals[-1], float(np.log10(counts.max()))),
            colorscale=COLORS,
            xgap=0,
            ygap=4,
            hoverinfo="skip",
            colorbar=dict(
                title=dict(text=f"events per {PERIOD_WORDS[period]}", side="right"),
                tickvals=tickvals,
                ticktext=ticktext,
                thickness=12,
                len=min(1.0, 260 / plot_px),
                y=1,
                yanchor="top",
                outlinewidth=0,
            ),
            name="density",
        )
    )
    first, after = edges[column], edges[column + 1]
    names = cells["lane"].astype(str).to_numpy(dtype=object)
    when = pd.Series(first).dt.strftime(_PERIOD_FORMAT[period]).to_numpy(dtype=object)
    hover = [
        f"<b>{html.escape(n, quote=False)}</b><br>{w}: {c:,} "
        + (("mention" if n == pooled else "event") + ("s" if c != 1 else ""))
        for n, w, c in zip(names, when, counts)
    ]
    custom = np.stack(
        [first.astype(str).astype(object), (after - np.timedelta64(1, "D")).astype(str).astype(object), names], axis=1
    )
    fig.add_trace(
        go.Scattergl(
            x=(_ms(first) + _ms(after)) / 2,
            y=row,
            mode="markers",
            marker=dict(size=14, opacity=0, color="#000"),
            selected=dict(marker=dict(opacity=0)),
            unselected=dict(marker=dict(opacity=0)),
            customdata=custom,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            name="cells",
            showlegend=False,
        )
    )
    if window is not None and (window[0] or window[1]):
        lo = _ms([np.datetime64(window[0])])[0] if window[0] else float(_ms(edges[:1])[0])
        hi = _ms([np.datetime64(window[1] + dt.timedelta(days=1))])[0] if window[1] else float(_ms(edges[-1:])[0])
    else:
        lo, hi = float(_ms(edges[:1])[0]), float(_ms(edges[-1:])[0])
    pad = max(0.01 * (hi - lo), DAY_MS)
    ticktext_lanes = [f"{html.escape(_short(lane), quote=False)} · {int(totals.get(lane, 0)):,}" for lane in lanes]
    fig.update_layout(
        **chart_style(html.escape(title, quote=False) if title else None, full_height),
        width=width,
        height=full_height,
        margin=dict(l=10, r=16, t=TOP_PX, b=BOTTOM_PX, autoexpand=True),
        dragmode="select",
        selectdirection="h",
        clickmode="event+select",
        xaxis=dict(
            type="date",
            range=[pd.Timestamp(lo - pad, unit="ms").isoformat(), pd.Timestamp(hi + pad, unit="ms").isoformat()],
            showgrid=False,
            tickformatstops=TICK_FORMAT_STOPS,
        ),
        yaxis=dict(
            tickmode="array",
            tickvals=list(range(len(lanes))),
            ticktext=ticktext_lanes,
            range=[len(lanes) - 0.5, -0.5],
            showgrid=False,
            zeroline=False,
            automargin=True,
            fixedrange=True,
        ),
        uirevision="density",
    )
    return fig


def _short(text: str, limit: int = 36) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def selected_span(selection: Mapping | None) -> tuple[dt.date, dt.date] | None:
    """The span of time the cells chosen on a density band cover (first day of the first, last day of the
    last), from ``st.plotly_chart``'s selection state; None when no cell is chosen."""
    if not selection:
        return None
    sel = selection.get("selection", selection)
    firsts, lasts = [], []
    for point in sel.get("points") or []:
        custom = point.get("customdata")
        if isinstance(custom, (list, tuple)) and len(custom) >= 2:
            try:
                firsts.append(dt.date.fromisoformat(str(custom[0])))
                lasts.append(dt.date.fromisoformat(str(custom[1])))
            except ValueError:
                continue
    if not firsts:
        return None
    return min(firsts), max(lasts)
