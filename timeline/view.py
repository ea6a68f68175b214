"""What the dashboard shows, as plain data: the filter plus display choices and the articles opened, and
their URL form.

A :class:`View` round-trips through the URL query string (``to_query`` / ``from_query``) so that a view,
corpus included, can be bookmarked and shared. Every setting is declared once: the filters in
``timeline.filters.FILTERS``, the rest in ``SOURCE`` and ``DISPLAY`` here (``timeline.filter_spec.Param``).
A URL value that means nothing, or nothing in the data opened, becomes a :class:`Notice` (never dropped
silently). The helpers here are pure functions the dashboard calls: the actor choices with their counts,
the article table, the events that cannot be drawn, what to say when nothing is shown.

Query parameters (repeat a key for several values)::

    corpus=/path/to/folder (opened as "A folder")  upload=<digest> (uploaded files, while kept)
    actor=Mahmoud+Abbas&actor=Hamas  since=2011-01-01  until=2012-12-31  doc=000_46777b7bd9aeec7b
    source=Reuters  coarse=0 (day-level dates only)  tense=reported|planned  q=election
    lanes=article  color=article  event=<event_id> (the point whose evidence is open)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import pandas as pd

from .filter_spec import Param
from .filters import FILTERS, EventFilter, is_set

UPLOAD_ID = re.compile(r"[0-9a-f]{16}")

SOURCE: tuple[Param, ...] = (
    Param("corpus", "text", url="corpus", default=""),  # a folder or file opened as "A folder"
    Param("upload", "text", url="upload", default=""),  # the content digest of uploaded files
)
DISPLAY: tuple[Param, ...] = (
    Param(
        "lanes",
        "choice",
        url="lanes",
        state="d_lanes",
        default="actor",
        label="One lane per",
        choices={"actor": "actor", "article": "article"},
        choice_labels={"actor": "Actor", "article": "Article"},
    ),
    Param(
        "color",
        "choice",
        url="color",
        state="d_color",
        default="source",
        label="Colour by",
        choices={"source": "source", "article": "article"},
        choice_labels={"source": "Source", "article": "Article"},
    ),
    Param("event", "text", url="event", state="selected", default=""),
)
CONTROLLED: tuple[Param, ...] = tuple(p for p in FILTERS + DISPLAY if p.state)  # what the dashboard's controls hold
_FILTER_NAMES = frozenset(spec.name for spec in FILTERS)


@dataclass(frozen=True)
class View:
    filter: EventFilter = field(default_factory=EventFilter)
    lanes: str = "actor"  # actor | article
    color: str = "source"  # source | article
    event: str = ""  # event_id of the selected point
    corpus: str = ""  # the folder or file opened ("" for the default one)
    upload: str = ""  # the content digest of the uploaded files opened


@dataclass(frozen=True)
class Notice:
    """Something a URL asked for that is not shown, said to the user: which setting, and the words."""

    param: str  # the name of the setting (a FILTERS or DISPLAY name)
    text: str
    suggestions: tuple[str, ...] = ()  # actors one click away (their canonical names)


def _values(params: Mapping, key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def read_query(params: Mapping[str, str | Sequence[str]]) -> tuple[View, list[Notice]]:
    """The view a query string describes, and a notice for each malformed value (left at its default).
    Unknown keys are ignored."""
    values: dict[str, Any] = {}
    notices = []
    for spec in SOURCE + FILTERS + DISPLAY:
        if spec.url is None:
            continue
        raw = _values(params, spec.url)
        values[spec.name], problem = spec.from_url(raw)
        if problem:
            notices.append(Notice(spec.name, f"In the link, {spec.url}={raw[-1].strip()!r} {problem}; it is left out."))
    if values["upload"] and not UPLOAD_ID.fullmatch(values["upload"]):
        notices.append(Notice("upload", f"In the link, upload={values['upload']!r} names no upload; it is left out."))
        values["upload"] = ""
    f = EventFilter(**{spec.name: values.pop(spec.name) for spec in FILTERS if spec.url})
    return View(filter=f, **values), notices


def from_query(params: Mapping[str, str | Sequence[str]]) -> View:
    """The view a query string describes; unknown keys and malformed values are ignored."""
    return read_query(params)[0]


def to_query(view: View) -> dict[str, str | list[str]]:
    """The query parameters of a view; defaults are left out so that a plain view has a plain URL."""
    out: dict[str, str | list[str]] = {}
    for spec in SOURCE + FILTERS + DISPLAY:
        values = spec.to_url(setting(view, spec))
        if values and spec.url is not None:
            out[spec.url] = values if spec.kind == "multi" else values[0]
    return out


def setting(view: View, spec: Param) -> Any:
    """The value ``view`` gives the setting ``spec`` (a filter's, or the view's own)."""
    return getattr(view.filter if spec.name in _FILTER_NAMES else view, spec.name)


def control_values(view: View) -> dict[str, Any]:
    """Session-state key -> the value of its dashboard control, for every control showing ``view``."""
    return {spec.state: spec.to_control(setting(view, spec)) for spec in CONTROLLED if spec.state}


def view_from_controls(state: Mapping[str, Any], corpus: str = "", upload: str = "") -> View:
    """The view the dashboard's controls (their session state) show; a control not in ``state`` is at its
    default."""

    def value(spec):
        return spec.from_control(state.get(spec.state, spec.control_default))

    f = EventFilter(**{spec.name: value(spec) for spec in FILTERS if spec.state})
    return View(filter=f, corpus=corpus, upload=upload, **{spec.name: value(spec) for spec in DISPLAY})


def with_event(view: View, event_id: str) -> View:
    return dataclasses.replace(view, event=event_id)


def fit_to_data(
    view: View, options: Choices, aliases: Mapping[str, str] | None = None, event_ids=None
) -> tuple[View, list[Notice]]:
    """The view with the values that name nothing in the data left out, and a notice for each setting that
    lost some. Actors are resolved (``timeline.actors.resolver``): an alias or a merged actor's old name
    gives the actor shown; close spellings are suggested, never applied. Articles may be named by their
    title, sources in any case. Dates are kept as they are (a filter, even outside the data's dates)."""
    changes, notices = {}, []
    for spec in FILTERS:
        values = getattr(view.filter, spec.name)
        known = getattr(options, spec.options, None) if spec.kind == "multi" and spec.options else None
        if known is None or not values:
            continue
        lookup = options.actor_counts if spec.name == "actors" else set(known)
        if all(v in lookup for v in values):
            continue
        if spec.name == "actors":
            kept, missing = resolve_actors(values, options.actors, aliases)
            if missing:
                notices.append(
                    Notice(
                        spec.name,
                        unknown_actors_text(missing),
                        tuple(dict.fromkeys(s for r in missing for s in r.suggestions)),
                    )
                )
        else:
            kept, missing = _known(values, known, options.titles if spec.name == "docs" else {})
            if missing:
                notices.append(Notice(spec.name, _unknown_values_text(spec, missing)))
        if tuple(kept) != tuple(values):
            changes[spec.name] = tuple(kept)
    fitted = dataclasses.replace(view, filter=dataclasses.replace(view.filter, **changes)) if changes else view
    if view.event and event_ids is not None and view.event not in event_ids:
        notices.append(
            Notice(
                "event",
                f"The event of the link ({view.event}) is not among these articles' events; no evidence is open.",
            )
        )
        fitted = dataclasses.replace(fitted, event="")
    return fitted, notices


def _known(values: Sequence[str], known: Sequence[str], titles: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """The values among ``known`` (also in another case, or by title), and those that are not."""
    exact = set(known)
    by_key = {k.casefold(): k for k in known}
    by_key |= {t.casefold(): k for k, t in titles.items() if t and k in exact and t.casefold() not in by_key}
    found: list[str] = []
    missing: list[str] = []
    for v in values:
        hit = v if v in exact else by_key.get(" ".join(v.split()).casefold())
        (found if hit else missing).append(hit or v)
    return list(dict.fromkeys(found)), missing


def _unknown_values_text(spec, missing: Sequence[str]) -> str:
    """ "No article named 'x' here; the article filter leaves it out." """
    names = ", ".join(repr(m) for m in missing)
    return (
        f"No {spec.noun or spec.name} named {names} here; {spec.what} leaves "
        f"{'it' if len(missing) == 1 else 'them'} out."
    )


# ----------------------------------------------------------------------------------- choices --


@dataclass(frozen=True)
class Choices:
    """What the filters offer for one data set."""

    actors: list[str]  # canonical names, busiest first
    actor_counts: dict[str, int]
    docs: list[str] | None  # article ids (None: too many to list, as in a large event store)
    titles: dict[str, str]  # article id -> title
    sources: list[str]
    bounds: tuple[dt.date, dt.date] | None
    actor_labels: dict[str, str] = field(default_factory=dict)  # name -> "Name (12) · other names"

    def actor_label(self, name: str) -> str:
        return self.actor_labels.get(name) or f"{name} ({self.actor_counts.get(name, 0)})"


def choices(
    events: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Choices:
    """What the filters offer; the actors' labels give their other names as written in the articles
    (``actors``: the actor table, with an "aliases" column) or else the keys of ``aliases``."""
    counts = actor_counts(events)
    titles = dict(zip(events["doc"].astype(str), events["title"].fillna("").astype(str)))
    if articles is not None and len(articles):
        titles |= dict(zip(articles["id"].astype(str), articles["title"].fillna("").astype(str)))
    spellings: dict[str, list[str]] = {}
    if actors is not None and len(actors) and "aliases" in actors:
        spellings = {name: list(others) for name, others in zip(actors["name"], actors["aliases"])}
    else:
        for alias, name in (aliases or {}).items():
            spellings.setdefault(name, []).append(alias)
    names = list(counts.index)
    return Choices(
        actors=names,
        actor_counts={k: int(v) for k, v in counts.items()},
        docs=sorted(set(events["doc"].dropna())),
        titles=titles,
        sources=sorted(set(events["source"].dropna()) - {""}),
        bounds=date_bounds(events),
        actor_labels={n: actor_label(n, counts, spellings=spellings.get(n, ())) for n in names},
    )


def actor_counts(events: pd.DataFrame) -> pd.Series:
    """Events per canonical actor, busiest first (ties by name)."""
    if events.empty:
        return pd.Series(dtype="int64")
    names = events["actors"].explode().dropna()
    counts = names.value_counts()
    return counts.sort_index().sort_values(ascending=False, kind="stable")


def actor_label(
    name: str,
    counts: Mapping[str, int],
    aliases: Mapping[str, str] | None = None,
    spellings: Sequence[str] | None = None,
) -> str:
    """``"Mahmoud Abbas (12) · Abu Mazen"``: with up to three other names it goes by, shortest first
    (``spellings``, else the keys of ``aliases`` that mean it), so that typing one finds it."""
    label = f"{name} ({int(counts.get(name, 0))})"
    if spellings is None:
        spellings = [a for a, c in (aliases or {}).items() if c == name]
    others: dict[str, str] = {}
    for other in sorted(spellings, key=len):
        if other.casefold() != name.casefold():
            others.setdefault(other.casefold(), other)
    if others:
        label += " · " + ", ".join(list(others.values())[:3])
    return label


def resolve_actors(
    names: Sequence[str], known: Sequence[str], aliases: Mapping[str, str] | None = None
) -> tuple[list[str], list]:
    """The actors among ``known`` (canonical names) that a user's ``names`` mean (``timeline.actors.resolver``),
    and the names that mean none of them, with their suggestions (for a notice; never applied)."""
    from .actors.resolver import Resolution, Resolver

    resolver = Resolver.for_names(known, aliases)
    known_set, found, missing = set(known), [], []
    for name in names:
        r = resolver.resolve(name)
        hits = [m for m in r.matches if m in known_set]
        if hits:
            found.extend(hits)
        else:
            missing.append(Resolution(r.query, (), tuple(s for s in r.suggestions if s in known_set)))
    return list(dict.fromkeys(found)), missing


def pick_actor(typed: str, known: Sequence[str], aliases: Mapping[str, str] | None = None):
    """What typing ``typed`` and Enter in the actor box chooses: the one actor the resolver gives (exact name
    or alias first, else the one actor whose name it fits), else nothing, with the actors it could mean,
    closest first (``Resolution.suggestions``), for the user to pick from."""
    found, missing = resolve_actors([typed], known, aliases)
    from .actors.resolver import Resolution

    return Resolution(typed, tuple(found[:1])) if found else missing[0]


def pick_text(unsure) -> str:
    """What the actor box says when Enter chose no actor (``pick_actor`` gave no match)."""
    if unsure.suggestions:
        return f"No single actor is named “{unsure.query}”. Pick one:"
    return f"No actor here is named “{unsure.query}”, nor anything like it."


def unknown_actors_text(missing: Sequence) -> str:
    """The notice for actor names (from the URL) that mean no actor here:
    "No actor named 'Boing'; did you mean: Boeing? The actor filter leaves it out." """
    said = [r.message() for r in missing]
    said = [m[0].upper() + m[1:] + ("" if m.endswith("?") else ".") for m in said]
    return " ".join(said) + f" The actor filter leaves {'it' if len(said) == 1 else 'them'} out."


def date_bounds(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The first and last day any drawn event covers (None when nothing can be drawn)."""
    placed = events[events["start"].notna()]
    if placed.empty:
        return None
    lo = placed["start"].min()
    hi = placed["end"].fillna(placed["start"]).max()
    last = (hi - pd.Timedelta(seconds=1)) if hi > lo else lo
    return lo.date(), last.date()


def undrawn(events: pd.DataFrame) -> pd.DataFrame:
    """Events with no placeable date: listed under the chart instead of drawn."""
    return events[events["start"].isna()]


def event_by_id(events: pd.DataFrame, event_id: str) -> dict | None:
    if not event_id:
        return None
    hit = events[events["event_id"] == event_id]
    return None if hit.empty else hit.iloc[0].to_dict()


def selected_event_id(selection: Mapping | None) -> str:
    """The event_id of the point chosen in ``st.plotly_chart``'s selection state ("" when none)."""
    if not selection:
        return ""
    sel = selection.get("selection", selection)
    for point in sel.get("points") or []:
        custom = point.get("customdata")
        if isinstance(custom, (list, tuple)) and custom:
            return str(custom[0])
        if isinstance(custom, str):
            return custom
    return ""


TABLE_COLUMNS = [
    "date_text",
    "cue",
    "date",
    "start",
    "granularity",
    "label",
    "actors",
    "title",
    "source",
    "tense",
    "anchor",
    "warning",
    "event_id",
]


def table(events: pd.DataFrame) -> pd.DataFrame:
    """The filtered event table as shown under the chart (the downloads carry every column): "As written"
    says "(no date written: publication day)" or "(... story context)" where the sentence writes no date."""
    from .schema import as_written

    out = events[TABLE_COLUMNS].reset_index(drop=True)
    out["date_text"] = [
        as_written(text, anchor) for text, anchor in zip(out["date_text"].fillna(""), out["anchor"].fillna(""))
    ]
    return out.astype({"date_text": "string"})


def article_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The article table as shown: title, source, publication date (editable), the text's dateline, where it
    came from, events, and the warning where the dateline and the metadata disagree."""
    out = pd.DataFrame(
        {
            "id": articles["id"].astype(str),
            "title": articles["title"].fillna(""),
            "source": articles["source"].fillna(""),
            "published": pd.to_datetime(articles["published"]).dt.date,
            "dateline": pd.to_datetime(articles["dateline"]).dt.date,
            "from": articles["path"].fillna("").map(lambda p: p.rsplit("/", 1)[-1])
            + articles["line"].map(lambda n: "" if pd.isna(n) else f":{int(n)}"),
            "events": articles["events"].fillna(0).astype(int),
            "status": articles["status"].fillna(""),
            "warning": articles["dateline_conflict"].fillna(""),
        }
    )
    return out


def with_dateline_conflicts(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles whose dateline gives another publication date than their metadata (more than a day off)."""
    return articles[articles["dateline_conflict"].fillna("") != ""]


def changed_publication_dates(before: pd.DataFrame, after: pd.DataFrame) -> dict[str, dt.date | None]:
    """Article id -> new publication date, for the rows whose date the user edited."""
    old = dict(zip(before["id"], before["published"]))
    out = {}
    for doc, new in zip(after["id"], after["published"]):
        new = None if new is None or pd.isna(new) else pd.Timestamp(new).date()
        was = old.get(doc)
        was = None if was is None or pd.isna(was) else pd.Timestamp(was).date()
        if doc in old and new != was:
            out[doc] = new
    return out


def without_dates(articles: pd.DataFrame) -> pd.DataFrame:
    """Readable articles with no publication date (their relative dates cannot be placed)."""
    ok = ~articles["status"].fillna("").str.startswith("unreadable")
    return articles[ok & articles["published"].isna()]


# ------------------------------------------------------------------------------ empty states --


def why_empty(events: pd.DataFrame, f: EventFilter, aliases: Mapping[str, str] | None = None) -> str:
    """What to do when a filter leaves nothing: "No events match: clear the actor filter (12 events would
    show)". Filters named alike (the two ends of the date range) are cleared together."""
    from .filters import apply_filter

    return why_nothing(f, len(events), lambda relaxed: len(apply_filter(events, relaxed, aliases)))


def why_nothing(f: EventFilter, total: int, count: Callable[[EventFilter], int]) -> str:
    """:func:`why_empty` of a table of ``total`` events of which ``count(filter)`` pass a filter (a table too
    large to hold, queried)."""
    if not total:
        return "No events: the articles hold no dates that could be placed on a timeline."
    hints: dict[str, int] = {}
    for spec in FILTERS:
        if not is_set(spec, f) or spec.what in hints:
            continue
        relaxed = dataclasses.replace(f, **{s.name: s.default for s in FILTERS if s.what == spec.what})
        n = count(relaxed)
        if n:
            hints[spec.what] = n
    if not hints:
        return "No events match: clear the filters (“Clear filters” in the sidebar)."
    what, n = max(hints.items(), key=lambda h: h[1])
    return f"No events match: clear {what} ({n} event{'s' if n != 1 else ''} would show)."


def corpus_problem(
    articles: pd.DataFrame, problems: Sequence, events: pd.DataFrame, where: str
) -> tuple[str, str] | None:
    """What is wrong with the articles opened (``where``: "in /path/to/folder", "uploaded"), as (level,
    message): level "error" when there is nothing to show, "warning" when some files could not be read;
    None when all is well. The dashboard says it first."""
    unreadable = articles["status"].fillna("").str.startswith("unreadable").sum() if len(articles) else 0
    readable = len(articles) - int(unreadable)
    said = "; ".join(map(str, list(problems)[:3])) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
    if not len(articles) and not problems:
        return "error", f"No articles {where}: no .txt, .md, .html, .jsonl or .csv files."
    if not readable:
        files = int(unreadable) or len(problems)
        return "error", (
            f"None of the {files} files {where} could be read: {said}"
            if files > 1
            else f"The file {where} could not be read: {said}"
        )
    if events.empty:
        return "error", (
            f"No events: the {readable} article{'s' if readable != 1 else ''} {where} hold"
            f"{'s' if readable == 1 else ''} no dates that could be placed on a timeline."
        )
    if problems:
        return "warning", (
            f"{len(problems)} file{'s' if len(problems) != 1 else ''} {where} could not be read "
            f"(listed under Articles below): {said}"
        )
    return None


# ------------------------------------------------------------------------------- downloads --


def table_csv(events: pd.DataFrame) -> bytes:
    """The events as CSV for a spreadsheet: no cell starts a formula, no control characters (``output.write_csv``)."""
    from .output import write_csv

    return write_csv(events).encode("utf-8")


def table_json(events: pd.DataFrame) -> bytes:
    """The events as a JSON array of objects (dates ISO, missing values null, actors a list)."""
    import json

    from .output import json_value

    records = [{k: json_value(v) for k, v in row.items()} for row in events.to_dict("records")]
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def content_digest(paths: Sequence[str]) -> str:
    """A digest of every file under ``paths`` (names and bytes): the key parsing is cached on. Files are read as
    the loader reads them (``timeline.files``): a pipe, a device or a link loop is never read, nor more bytes
    than the size limit; what is refused enters the digest as its reason."""
    import hashlib
    from pathlib import Path

    from .files import Refused, read_bytes

    h = hashlib.sha1()
    for name in paths:
        root = Path(name)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for p in files:
            try:
                data = read_bytes(p)
            except Refused as err:
                data = f"<refused: {err.message}>".encode()
            except OSError:
                data = b"<unreadable>"
            h.update(str(p).encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def stat_signature(paths: Sequence[str]) -> tuple:
    """(path, size, modification time) of every file under ``paths``: cheap to take on every rerun."""
    from pathlib import Path

    out = []
    for name in paths:
        root = Path(name)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for p in files:
            try:
                st = p.stat()
                out.append((str(p), st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((str(p), -1, -1))
    return tuple(out)
