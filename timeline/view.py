"""What the dashboard shows, as plain data: the filter plus display choices, and their URL form.

A :class:`View` round-trips through the URL query string (``to_query`` / ``from_query``) so that a
view can be bookmarked and shared. The helpers here are pure functions the dashboard calls:
the actor choices with their counts, the article table, the events that cannot be drawn.

Query parameters (repeat a key for several values)::

    actor=Mahmoud+Abbas&actor=Hamas  since=2011-01-01  until=2012-12-31  doc=000_46777b7bd9aeec7b
    source=Reuters  coarse=0 (day-level dates only)  tense=reported|planned  q=election
    lanes=article  color=article  event=<event_id> (the point whose evidence is open)
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import pandas as pd

from .filters import EventFilter

DAY_LEVEL = ("time", "day")
TENSE_CHOICES = {"all": (), "reported": ("past", "present"), "planned": ("future",)}


@dataclass(frozen=True)
class View:
    filter: EventFilter = field(default_factory=EventFilter)
    lanes: str = "actor"        # actor | article
    color: str = "source"       # source | article
    event: str = ""             # event_id of the selected point

    @property
    def coarse(self) -> bool:
        """Whether week/month/year-level (and longer) dates are shown."""
        return not self.filter.granularities

    @property
    def tense(self) -> str:
        for name, tenses in TENSE_CHOICES.items():
            if tuple(self.filter.tenses) == tenses:
                return name
        return "all"


def _values(params: Mapping, key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value if str(v).strip()]


def _date(params: Mapping, key: str) -> dt.date | None:
    for value in _values(params, key)[-1:]:
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def from_query(params: Mapping[str, str | Sequence[str]]) -> View:
    """The view a query string describes; unknown keys and malformed values are ignored."""
    tense = (_values(params, "tense") or ["all"])[-1]
    coarse = (_values(params, "coarse") or ["1"])[-1].lower() not in ("0", "false", "no", "off")
    f = EventFilter(
        actors=tuple(dict.fromkeys(_values(params, "actor"))),
        since=_date(params, "since"),
        until=_date(params, "until"),
        docs=tuple(dict.fromkeys(_values(params, "doc"))),
        sources=tuple(dict.fromkeys(_values(params, "source"))),
        granularities=() if coarse else DAY_LEVEL,
        tenses=TENSE_CHOICES.get(tense, ()),
        text=(_values(params, "q") or [""])[-1],
    )
    lanes = (_values(params, "lanes") or ["actor"])[-1]
    color = (_values(params, "color") or ["source"])[-1]
    return View(filter=f, lanes=lanes if lanes in ("actor", "article") else "actor",
                color=color if color in ("source", "article") else "source",
                event=(_values(params, "event") or [""])[-1])


def to_query(view: View) -> dict[str, str | list[str]]:
    """The query parameters of a view; defaults are left out so that a plain view has a plain URL."""
    f = view.filter
    out: dict[str, str | list[str]] = {}
    if f.actors:
        out["actor"] = list(f.actors)
    if f.since:
        out["since"] = f.since.isoformat()
    if f.until:
        out["until"] = f.until.isoformat()
    if f.docs:
        out["doc"] = list(f.docs)
    if f.sources:
        out["source"] = list(f.sources)
    if f.granularities:
        out["coarse"] = "0"
    if view.tense != "all":
        out["tense"] = view.tense
    if f.text.strip():
        out["q"] = f.text.strip()
    if view.lanes != "actor":
        out["lanes"] = view.lanes
    if view.color != "source":
        out["color"] = view.color
    if view.event:
        out["event"] = view.event
    return out


def make_filter(actors: Sequence[str] = (), since: dt.date | None = None, until: dt.date | None = None,
                docs: Sequence[str] = (), sources: Sequence[str] = (), coarse: bool = True,
                tense: str = "all", text: str = "") -> EventFilter:
    """An ``EventFilter`` from the dashboard's controls."""
    return EventFilter(actors=tuple(actors), since=since, until=until, docs=tuple(docs), sources=tuple(sources),
                       granularities=() if coarse else DAY_LEVEL, tenses=TENSE_CHOICES.get(tense, ()),
                       text=text or "")


# ----------------------------------------------------------------------------------- choices --

@dataclass(frozen=True)
class Choices:
    """What the filters offer for one data set."""
    actors: list[str]                     # canonical names, busiest first
    actor_counts: dict[str, int]
    docs: list[str]                       # article ids
    titles: dict[str, str]                # article id -> title
    sources: list[str]
    bounds: tuple[dt.date, dt.date] | None


def choices(events: pd.DataFrame, articles: pd.DataFrame | None = None) -> Choices:
    counts = actor_counts(events)
    titles = dict(zip(events["doc"].astype(str), events["title"].fillna("").astype(str)))
    if articles is not None and len(articles):
        titles |= dict(zip(articles["id"].astype(str), articles["title"].fillna("").astype(str)))
    return Choices(actors=list(counts.index), actor_counts={k: int(v) for k, v in counts.items()},
                   docs=sorted(set(events["doc"].dropna())), titles=titles,
                   sources=sorted(set(events["source"].dropna()) - {""}), bounds=date_bounds(events))


def actor_counts(events: pd.DataFrame) -> pd.Series:
    """Events per canonical actor, busiest first (ties by name)."""
    if events.empty:
        return pd.Series(dtype="int64")
    names = events["actors"].explode().dropna()
    counts = names.value_counts()
    return counts.sort_index().sort_values(ascending=False, kind="stable")


def actor_label(name: str, counts: Mapping[str, int], aliases: Mapping[str, str] | None = None) -> str:
    """``"Mahmoud Abbas (12)"``, with up to three other names it goes by (so typing one finds it)."""
    label = f"{name} ({int(counts.get(name, 0))})"
    others = sorted({a for a, c in (aliases or {}).items() if c == name and a.lower() != name.lower()},
                    key=len)
    if others:
        label += " · " + ", ".join(others[:3])
    return label


def resolve_actors(names: Sequence[str], known: Sequence[str],
                   aliases: Mapping[str, str] | None = None) -> tuple[list[str], list]:
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
    for point in (sel.get("points") or []):
        custom = point.get("customdata")
        if isinstance(custom, (list, tuple)) and custom:
            return str(custom[0])
        if isinstance(custom, str):
            return custom
    return ""


TABLE_COLUMNS = ["date_text", "cue", "date", "start", "granularity", "label", "actors", "title", "source", "tense",
                 "anchor", "warning", "event_id"]


def table(events: pd.DataFrame) -> pd.DataFrame:
    """The filtered event table as shown under the chart (the downloads carry every column): "As written"
    says "(no date written: publication day)" or "(... story context)" where the sentence writes no date."""
    from .schema import as_written
    out = events[TABLE_COLUMNS].reset_index(drop=True)
    out["date_text"] = [as_written(text, anchor) for text, anchor in zip(out["date_text"].fillna(""),
                                                                          out["anchor"].fillna(""))]
    return out.astype({"date_text": "string"})


def article_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The article table as shown: title, source, publication date (editable), the text's dateline, where it
    came from, events, and the warning where the dateline and the metadata disagree."""
    out = pd.DataFrame({
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
    })
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


def with_event(view: View, event_id: str) -> View:
    return dataclasses.replace(view, event=event_id)


# ------------------------------------------------------------------------------ empty states --

_PARTS = (("actors", "the actor filter"), ("since", "the date range"), ("until", "the date range"),
          ("docs", "the article filter"), ("sources", "the source filter"),
          ("granularities", "“day-level only”"), ("tenses", "the tense filter"), ("text", "the text search"))


def why_empty(events: pd.DataFrame, f: EventFilter, aliases: Mapping[str, str] | None = None) -> str:
    """What to do when a filter leaves nothing: "No events match: clear the actor filter (12 events)"."""
    from .filters import apply_filter
    if events.empty:
        return "No events: the articles hold no dates that could be placed on a timeline."
    hints = []
    for name, what in _PARTS:
        if not getattr(f, name):
            continue
        blank = {"since": None, "until": None, "text": ""}.get(name, ())
        relaxed = dataclasses.replace(f, **{name: blank})
        if name in ("since", "until"):
            relaxed = dataclasses.replace(f, since=None, until=None)
        n = len(apply_filter(events, relaxed, aliases))
        if n and what not in [h[0] for h in hints]:
            hints.append((what, n))
    if not hints:
        return "No events match: clear the filters (“Clear filters” in the sidebar)."
    what, n = max(hints, key=lambda h: h[1])
    return f"No events match: clear {what} ({n} event{'s' if n != 1 else ''} would show)."


# ------------------------------------------------------------------------------- downloads --

def _flat(events: pd.DataFrame) -> pd.DataFrame:
    out = events.copy()
    out["actors"] = out["actors"].map(lambda a: "; ".join(a))
    return out


def table_csv(events: pd.DataFrame) -> bytes:
    return _flat(events).to_csv(index=False).encode("utf-8")


def table_json(events: pd.DataFrame) -> bytes:
    """The events as a JSON array of objects (dates ISO, missing values null, actors a list)."""
    import json

    from .output import json_value
    records = [{k: json_value(v) for k, v in row.items()} for row in events.to_dict("records")]
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def content_digest(paths: Sequence[str]) -> str:
    """A digest of every file under ``paths`` (names and bytes): the key parsing is cached on."""
    import hashlib
    from pathlib import Path

    h = hashlib.sha1()
    for root in paths:
        root = Path(root)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for p in files:
            try:
                data = p.read_bytes()
            except OSError:
                data = b"<unreadable>"
            h.update(str(p).encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def stat_signature(paths: Sequence[str]) -> tuple:
    """(path, size, modification time) of every file under ``paths``: cheap to take on every rerun."""
    from pathlib import Path

    out = []
    for root in paths:
        root = Path(root)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for p in files:
            try:
                st = p.stat()
                out.append((str(p), st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((str(p), -1, -1))
    return tuple(out)
