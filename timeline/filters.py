"""Narrowing the event table: by actor (alias-aware), date range, article, source, granularity, tense, text.

Used by the CLI (``--actor``, ``--since``, ``--until``) and the dashboard's sidebar alike.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

import pandas as pd


@dataclass(frozen=True)
class EventFilter:
    actors: tuple[str, ...] = ()        # names as a user writes them (timeline.actors.resolver); any of them
    since: dt.date | None = None        # keep events whose interval reaches on or after this day
    until: dt.date | None = None        # ... and starts on or before this day
    docs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    granularities: tuple[str, ...] = ()
    tenses: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    text: str = ""                      # case-insensitive search in sentence and date text
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()


def actor_resolver(events: pd.DataFrame, aliases: Mapping[str, str] | None = None):
    """The one resolver of actor names (``timeline.actors.resolver``) over the actors of ``events`` and
    ``aliases`` (lower-cased alias -> canonical name)."""
    from .actors.resolver import Resolver
    names = events["actors"].explode().dropna().unique() if len(events) else []
    return Resolver.for_names(names, aliases)


def wanted_actors(names, events: pd.DataFrame, aliases: Mapping[str, str] | None = None) -> set[str]:
    """The canonical names a user's words mean; a name that matches no actor adds none (never a guess)."""
    exact = [(aliases or {}).get(" ".join(name.lower().split())) for name in names]
    if all(exact):      # the resolver's first rule, without listing the table's actors
        return set(exact)
    resolver = actor_resolver(events, aliases)
    return {m for name in names for m in resolver.resolve(name, suggest=False).matches}


def apply_filter(events: pd.DataFrame, f: EventFilter, aliases: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The rows of ``events`` that pass every part of the filter (a part left empty passes everything)."""
    keep = pd.Series(True, index=events.index)
    if f.actors:
        wanted = wanted_actors(f.actors, events, aliases)
        keep &= events["actors"].map(lambda names: any(n in wanted for n in names))
    if f.since is not None:
        keep &= events["end"].notna() & (events["end"] > pd.Timestamp(f.since))
    if f.until is not None:
        keep &= events["start"].notna() & (events["start"] < pd.Timestamp(f.until) + pd.Timedelta(days=1))
    for column, values in (("doc", f.docs), ("source", f.sources), ("granularity", f.granularities),
                           ("tense", f.tenses), ("anchor", f.anchors)):
        if values:
            keep &= events[column].isin(list(values)).fillna(False).astype(bool)
    if f.text.strip():
        needle = f.text.strip()
        hay = events["sentence"].fillna("") + "\n" + events["date_text"].fillna("")
        keep &= hay.str.contains(needle, case=False, regex=False)
    return events[keep.astype(bool)]
