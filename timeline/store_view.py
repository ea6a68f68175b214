"""What the dashboard shows of an event store (``timeline.store_query.EventStore``): the filters' choices and the
chart of a view. No Streamlit here: the CLI could draw the same.

A view of at most :data:`ITEM_LIMIT` events is drawn event by event (``timeline.figure``), from its rows read
out of the store. A larger one is drawn as a density band (``timeline.figure_density``): events per lane and
period over the view's span, the period chosen to give a few hundred at most (``figure_time.period_for``).
Narrowing the view (the filters, or choosing cells of the band) brings it under the limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

import pandas as pd
import plotly.graph_objects as go

from . import view as V
from .colors import ColorMode, assignment_of_counts
from .figure import MAX_LANES, WIDTH, LaneMode, timeline_figure
from .figure_density import density_figure
from .figure_time import DAY_MS, day_ms, period_for
from .filters import EventFilter, wanted_actors
from .store_query import CHART_COLUMNS, EventStore, Summary

ITEM_LIMIT = 10_000  # events drawn one by one; a larger view is drawn as counts per lane and period
DOC_CHOICES = 2_000  # articles listed in the article filter: a store of more lists none


@dataclass(frozen=True)
class StoreChart:
    """The chart of a view, and what it holds."""

    figure: go.Figure
    summary: Summary
    events: pd.DataFrame | None = None  # the events drawn one by one (CHART_COLUMNS); None for a band
    period: str = ""  # the density band's period (day, week, month, year)

    @property
    def is_density(self) -> bool:
        return self.events is None


def choices(store: EventStore, doc_limit: int = DOC_CHOICES) -> V.Choices:
    """What the filters offer over a store (``timeline.view.choices``); ``docs`` is None when the store has more
    than ``doc_limit`` articles (too many to list: the article filter is then set from a link alone)."""
    counts = store.actor_counts()
    spellings: dict[str, list[str]] = {}
    table = store.actor_table
    if table is not None and "aliases" in table:
        spellings = {name: list(others) for name, others in zip(table["name"], table["aliases"])}
    docs = store.docs(limit=doc_limit)
    names = list(counts.index)
    return V.Choices(
        actors=names,
        actor_counts={k: int(v) for k, v in counts.items()},
        docs=docs,
        titles=store.titles(docs) if docs is not None else {},
        sources=store.sources(),
        bounds=store.bounds(),
        actor_labels={n: V.actor_label(n, counts, spellings=spellings.get(n, ())) for n in names},
    )


def span(f: EventFilter, summary: Summary) -> tuple[dt.date | None, dt.date | None]:
    """The days a view covers: the filter's date range, each side left open taken from its events."""
    return f.since or summary.first, f.until or summary.last


def density_period(first: dt.date | None, last: dt.date | None) -> str:
    """The period of a density band over these days: a few hundred periods at most."""
    if first is None or last is None:
        return "year"
    return period_for(day_ms(last) + DAY_MS - day_ms(first))


def chart(
    store: EventStore,
    view: V.View,
    what: str,
    *,
    width: int = WIDTH,
    max_lanes: int = MAX_LANES,
    item_limit: int = ITEM_LIMIT,
) -> StoreChart:
    """The chart of ``view`` over ``store``; ``what``: the filter in words (for the title)."""
    f = view.filter
    summary = store.summary(f)
    if summary.events <= item_limit:
        events = store.events(f, columns=CHART_COLUMNS + (("published",) if view.lanes == "article" else ()))
        assert events is not None  # no limit given: never too many
        title = f"{summary.placed:,} events · {events['doc'].nunique():,} articles · {what}"
        colors = assignment_of_counts(store.group_counts(view.color))
        focus = wanted_actors(f.actors, store.actor_names, store.aliases) if f.actors else set()
        figure = timeline_figure(
            events,
            lanes=cast(LaneMode, view.lanes),
            color=cast(ColorMode, view.color),
            title=title,
            window=(f.since, f.until),
            colors=colors,
            width=width,
            focus=focus,
        )
        return StoreChart(figure, summary, events)
    title = f"{summary.placed:,} events · " + (f"{summary.articles:,} articles · " if summary.articles else "") + what
    first, last = span(f, summary)
    period = density_period(first, last)
    cells = store.lane_counts(f, view.lanes, period, max_lanes=max_lanes, focus=f.actors)
    figure = density_figure(
        cells, period=period, title=f"{title} · events per {period}", window=(first, last), width=width
    )
    return StoreChart(figure, summary, None, period)


def why_empty(store: EventStore, f: EventFilter) -> str:
    """What to do when a filter leaves nothing of the store (``timeline.view.why_empty``)."""
    return V.why_nothing(f, store.count(), store.count)
