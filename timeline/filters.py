"""Narrowing the event table: by actor (alias-aware), date range, article, source, granularity, tense, text.

Every filter is declared once, in ``FILTERS`` (see ``timeline.filter_spec``): its ``EventFilter`` field,
URL key, dashboard control, kind, default, how it narrows the table and how it is described and named in
file names. ``EventFilter``, ``apply_filter``, the URL (``timeline.view``), the dashboard's sidebar and the
export names (``timeline.export``) are all made from that list: a new filter is a new entry.

Used by the CLI (``--actor``, ``--since``, ``--until``) and the dashboard's sidebar alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import pandas as pd

from .filter_spec import FilterSpec, listed, slug

DAY_LEVEL = ("time", "day")
TENSE_CHOICES = {"all": (), "reported": ("past", "present"), "planned": ("future",)}


def actor_resolver(events: pd.DataFrame | Sequence[str], aliases: Mapping[str, str] | None = None):
    """The one resolver of actor names (``timeline.actors.resolver``) over the actors of ``events`` (the event
    table, or the actor names it holds) and ``aliases`` (lower-cased alias -> canonical name)."""
    from .actors.resolver import Resolver

    if isinstance(events, pd.DataFrame):
        names = events["actors"].explode().dropna().unique() if len(events) else []
    else:
        names = list(events)
    return Resolver.for_names(names, aliases)


def wanted_actors(names, events: pd.DataFrame | Sequence[str], aliases: Mapping[str, str] | None = None) -> set[str]:
    """The canonical names a user's words mean; a name that matches no actor adds none (never a guess).
    ``events``: the event table, or the actor names it holds."""
    exact = [(aliases or {}).get(" ".join(name.lower().split())) for name in names]
    if all(exact):  # the resolver's first rule, without listing the table's actors
        return {e for e in exact if e is not None}
    resolver = actor_resolver(events, aliases)
    return {m for name in names for m in resolver.resolve(name, suggest=False).matches}


# --------------------------------------------------------------- how each filter narrows --


def _with_actors(events, names, aliases):
    wanted = wanted_actors(names, events, aliases)
    return events["actors"].map(lambda found: any(n in wanted for n in found))


def _reaching(events, since, aliases):
    return events["end"].notna() & (events["end"] > pd.Timestamp(since))


def _starting_by(events, until, aliases):
    return events["start"].notna() & (events["start"] < pd.Timestamp(until) + pd.Timedelta(days=1))


def _one_of(column: str):
    def keep(events, values, aliases):
        return events[column].isin(list(values)).fillna(False).astype(bool)

    return keep


def _containing(events, text, aliases):
    needle = text.strip()
    if "\n" in needle:  # it may run from the sentence into the date as written
        hay = events["sentence"].fillna("") + "\n" + events["date_text"].fillna("")
        return hay.str.contains(needle, case=False, regex=False)
    # each sentence searched once, however many dates it holds
    sentences = events["sentence"].fillna("")
    distinct = pd.Series(sentences.unique(), dtype="string")
    found = dict(zip(distinct, distinct.str.contains(needle, case=False, regex=False)))
    in_sentence = sentences.map(found).astype(bool)
    return in_sentence | events["date_text"].fillna("").str.contains(needle, case=False, regex=False).astype(bool)


# ------------------------------------------- the same, as DuckDB conditions (``timeline.store_query``) --


def _sql_with_actors(names, actor_names, aliases):
    wanted = sorted(wanted_actors(names, actor_names, aliases))
    if not wanted:
        return "FALSE", []
    return "(" + " OR ".join(["list_contains(actors, ?)"] * len(wanted)) + ")", wanted


def _sql_reaching(since, actor_names, aliases):
    return '"end" IS NOT NULL AND "end" > ?', [dt.datetime.combine(since, dt.time())]


def _sql_starting_by(until, actor_names, aliases):
    return "start IS NOT NULL AND start < ?", [dt.datetime.combine(until + dt.timedelta(days=1), dt.time())]


def _sql_one_of(column: str):
    def sql(values, actor_names, aliases):
        return f'coalesce(list_contains(?, "{column}"), FALSE)', [list(values)]

    return sql


def _sql_containing(text, actor_names, aliases):
    # one haystack: a needle without a line break cannot match across the break between the two columns
    return ("contains(lower(coalesce(sentence, '') || chr(10) || coalesce(date_text, '')), lower(?))", [text.strip()])


# ----------------------------------------------------------- how each filter is described --


def _date_range(since, until) -> str:
    if since and until:
        return f"{since.isoformat()} to {until.isoformat()}"
    return f"from {since.isoformat()}" if since else f"until {until.isoformat()}"


def _tense_words(tenses) -> str:
    tenses = set(tenses)
    return "planned" if tenses == {"future"} else "reported" if "future" not in tenses else ""


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(
        "actors",
        "multi",
        url="actor",
        state="f_actors",
        default=(),
        options="actors",
        noun="actor",
        label="Actors",
        help="Events where any chosen actor takes part.",
        keep=_with_actors,
        sql=_sql_with_actors,
        reads=("actors",),
        what="the actor filter",
        describe=lambda v, f, titles: f"actors: {listed(v)}",
        file_part=lambda v, f: "actor-" + "-".join(slug(a, 24) for a in v[:3]) + ("-etc" if len(v) > 3 else ""),
    ),
    FilterSpec(
        "since",
        "date",
        url="since",
        state="f_since",
        type=dt.date | None,
        label="From",
        keep=_reaching,
        sql=_sql_reaching,
        reads=("end",),
        what="the date range",
        describe=lambda v, f, titles: _date_range(v, f.until),
        file_part=lambda v, f: f"{v.isoformat()}-to-{f.until.isoformat() if f.until else 'end'}",
    ),
    FilterSpec(
        "until",
        "date",
        url="until",
        state="f_until",
        type=dt.date | None,
        label="Until",
        keep=_starting_by,
        sql=_sql_starting_by,
        reads=("start",),
        what="the date range",
        describe=lambda v, f, titles: "" if f.since else _date_range(None, v),
        file_part=lambda v, f: "" if f.since else f"start-to-{v.isoformat()}",
    ),
    FilterSpec(
        "docs",
        "multi",
        url="doc",
        state="f_docs",
        default=(),
        options="docs",
        noun="article",
        label="Articles",
        placeholder="All articles",
        keep=_one_of("doc"),
        sql=_sql_one_of("doc"),
        reads=("doc",),
        what="the article filter",
        describe=lambda v, f, titles: f"articles: {listed([titles.get(d) or d for d in v], 2)}",
        file_part=lambda v, f: f"{len(v)}-articles" if len(v) > 1 else "article-" + slug(v[0], 24),
    ),
    FilterSpec(
        "sources",
        "multi",
        url="source",
        state="f_sources",
        default=(),
        options="sources",
        noun="source",
        label="Sources",
        placeholder="All sources",
        keep=_one_of("source"),
        sql=_sql_one_of("source"),
        reads=("source",),
        what="the source filter",
        describe=lambda v, f, titles: f"sources: {listed(v, 2)}",
        file_part=lambda v, f: "source-" + "-".join(slug(s, 16) for s in v[:2]),
    ),
    FilterSpec(
        "granularities",
        "toggle",
        url="coarse",
        state="f_coarse",
        default=(),
        choices={True: (), False: DAY_LEVEL},
        label="Show week-, month- and year-level dates",
        help="Off: only dates precise to the day (or time) are shown.",
        keep=_one_of("granularity"),
        sql=_sql_one_of("granularity"),
        reads=("granularity",),
        what="“day-level only”",
        describe=lambda v, f, titles: (
            "precise dates only" if set(v) <= set(DAY_LEVEL) else f"precision: {listed(v, 4)}"
        ),
        file_part=lambda v, f: "day-level" if set(v) <= set(DAY_LEVEL) else "",
    ),
    FilterSpec(
        "tenses",
        "choice",
        url="tense",
        state="f_tense",
        default=(),
        choices=TENSE_CHOICES,
        label="Events",
        help="Reported: past and present. Planned: what the articles say will happen.",
        choice_labels={"all": "All", "reported": "Reported", "planned": "Planned"},
        keep=_one_of("tense"),
        sql=_sql_one_of("tense"),
        reads=("tense",),
        what="the tense filter",
        describe=lambda v, f, titles: _tense_words(v) or listed(v),
        file_part=lambda v, f: _tense_words(v) or "-".join(v),
    ),
    FilterSpec(
        "anchors",
        "multi",
        default=(),
        keep=_one_of("anchor"),
        sql=_sql_one_of("anchor"),
        reads=("anchor",),
        what="the anchor filter",
        describe=lambda v, f, titles: f"anchors: {listed(v)}",
        file_part=lambda v, f: "",
    ),
    FilterSpec(
        "text",
        "text",
        url="q",
        state="f_text",
        default="",
        type=str,
        label="Search sentences",
        placeholder="e.g. election",
        keep=_containing,
        sql=_sql_containing,
        reads=("sentence", "date_text"),
        what="the text search",
        describe=lambda v, f, titles: f"“{v.strip()}”" if v.strip() else "",
        file_part=lambda v, f: "q-" + slug(v, 20) if v.strip() else "",
    ),
)


def _is_empty(self) -> bool:
    return self == EventFilter()


if TYPE_CHECKING:  # a class made at run time from FILTERS: to a type checker, any value
    EventFilter = Any
else:
    EventFilter = dataclasses.make_dataclass(
        "EventFilter",
        [(s.name, s.type, dataclasses.field(default=s.default)) for s in FILTERS],
        frozen=True,
        namespace={
            "__module__": __name__,
            "is_empty": property(_is_empty),
            "__doc__": (
                "What to keep of the event table: one field per entry of ``FILTERS`` (actors, since, until, docs, "
                "sources, granularities, tenses, anchors, text); a field left at its default passes everything."
            ),
        },
    )


def is_set(spec: FilterSpec, f) -> bool:
    """Whether ``f`` narrows by this filter (its value is not the default)."""
    value = getattr(f, spec.name)
    return value != spec.default and not (isinstance(value, str) and not value.strip())


def apply_filter(events: pd.DataFrame, f, aliases: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The rows of ``events`` that pass every part of the filter (a part left empty passes everything)."""
    keep = pd.Series(True, index=events.index)
    for spec in FILTERS:
        if is_set(spec, f):
            keep &= spec.keep(events, getattr(f, spec.name), aliases)
    return events[keep.astype(bool)]
