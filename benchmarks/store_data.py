"""A synthetic event store of any size, for the tests and the benchmarks of the dashboard on large data.

    .venv/bin/python benchmarks/store_data.py EVENTS DIR [--seed N]

Writes DIR in the store layout (``timeline.store``): the event table in part files, written by
``timeline.store.write_part`` as the pipeline writes them, the article table, the actor table and ``_store.json``.
The shape is a news archive's: about 25 events per article, articles published over six decades from a few
dozen sources, about four hundred actors named with a long tail (a few in hundreds of thousands of events, most
in a few thousand), one to three actors in most events, dates at day, month, year and other precisions around
the publication date, a sentence per event.
Everything is drawn with numpy and put together with pyarrow, one part file at a time: ten million events
take a minute or two.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline import schema, store  # noqa: E402

EVENTS_PER_ARTICLE = 25
PART_EVENTS = 500_000
FIRST_YEAR, LAST_YEAR = 1965, 2024

GIVEN = ["Amara", "Bertil", "Chiara", "Dmitri", "Esther", "Farid", "Greta", "Hamid", "Ines", "Jonas", "Kenji",
         "Leila", "Marek", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tamsin", "Ulla", "Viktor",
         "Wanjiru", "Xavier", "Yara", "Zoltan"]
FAMILY = ["Abernethy", "Brandvold", "Castellano", "Dragomir", "Eklund", "Fairweather", "Galbraith", "Holloway",
          "Ibarra", "Jankowski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okonkwo", "Pellegrini"]
ORG_WORDS = ["Northern", "United", "Coastal", "Federal", "Allied", "Central", "Eastern", "Free", "Pacific",
             "Western"]
ORG_KINDS = ["Workers Union", "Trade Council", "Rail Company", "Party", "Harbour Authority", "Mining Group",
             "Farmers League", "Water Board"]
PLACES = ["Arlenford", "Brisca", "Calderra", "Dunmore", "Esk Valley", "Fennick", "Gallowmere", "Harrowgate Bay",
          "Istrava", "Jorvale", "Kelmarsh", "Lunport", "Morrow Flats", "Nerith", "Ostrevia", "Pellham",
          "Quarry Hill", "Rovano", "Saltmarsh", "Tennick", "Ulvik", "Varrow", "Westhollow", "Yelling Sound",
          "Zarelia", "Ashcombe", "Brightwater", "Coldharbour", "Dresmoor", "Elmhurst"]
SOURCES = ["The Morning Ledger", "Harbour Courier", "Valley Gazette", "Northern Wire", "City Evening Post",
           "The Daily Compass", "Coastal Herald", "Tribune Weekly", "Metro Dispatch", "The Observer Review",
           "Riverside Chronicle", "National Bulletin", "Frontier Times", "Union Press Agency", "Capital Record",
           "The Lantern", "Market Journal", "Island Voice", "Plains Reporter", "Summit News"]
VERBS = ["met", "signed an agreement with", "criticised", "opened talks with", "visited", "announced plans with",
         "rejected the offer of", "thanked", "sued", "welcomed", "joined", "left the meeting with",
         "questioned", "praised", "won the vote against", "settled the dispute with"]
TOPICS = ["the port", "the budget", "the new railway", "the strike", "the harbour fees", "the water rights",
          "the election", "the flood defences", "the mine closure", "the trade treaty", "the school reform",
          "the bridge", "the fishing quota", "the border crossing", "the festival", "the census"]
GRANULARITIES = np.array(["day", "time", "week", "month", "year", "decade", "season"], dtype=object)
GRANULARITY_SHARE = [0.58, 0.04, 0.05, 0.16, 0.13, 0.02, 0.02]
TENSES = np.array(["past", "present", "future"], dtype=object)
ANCHORS = np.array(["absolute", "relative", "publication", "context"], dtype=object)
REFERENCE_OF = {"absolute": "absolute", "relative": "publication", "publication": "publication",
                "context": "narrative"}
DAY_S = 86_400


def actor_table() -> tuple[list[str], list[str], list[list[str]]]:
    """About four hundred actors: names, kinds and the other names they go by; the order is their rank
    (the first is named most often), mixed so that each kind has busy and rare ones."""
    people = [f"{g} {f}" for f in FAMILY for g in GIVEN][:260]
    orgs = [f"{w} {k}" for k in ORG_KINDS for w in ORG_WORDS][:80]
    names = people + orgs + PLACES
    kinds = ["person"] * len(people) + ["organization"] * len(orgs) + ["place"] * len(PLACES)
    aliases = ([[f"{p[0]}. {p.split()[1]}"] for p in people] + [["".join(w[0] for w in o.split())] for o in orgs]
               + [[] for _ in PLACES])
    order = np.random.default_rng(7).permutation(len(names))
    return [names[i] for i in order], [kinds[i] for i in order], [aliases[i] for i in order]


def _ranks(rng, n: int, size: int) -> np.ndarray:
    """Actor ranks in [0, n) with a long tail (Zipf-like, exponent 1.1)."""
    weights = 1.0 / np.arange(1, n + 1) ** 1.1
    return rng.choice(n, size=size, p=weights / weights.sum())


def _actor_lists(rng, n_events: int, n_actors: int) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, flat actor ranks): 0 to 3 distinct actors per event."""
    count = rng.choice(4, size=n_events, p=[0.14, 0.5, 0.26, 0.1])
    a = _ranks(rng, n_actors, (3, n_events))
    a1 = a[0]
    a2 = np.where(a[1] == a1, (a1 + 1) % n_actors, a[1])
    a3 = a[2]
    for step in (1, 2):        # of a3, a3+1 and a3+2 at most two are taken
        a3 = np.where((a3 == a1) | (a3 == a2), (a[2] + step) % n_actors, a3)
    picks = np.stack([a1, a2, a3], axis=1)
    keep = np.arange(3)[None, :] < count[:, None]
    offsets = np.zeros(n_events + 1, dtype=np.int32)
    offsets[1:] = np.cumsum(count)
    return offsets, picks[keep]


def _strings(values) -> pa.Array:
    return pa.array(np.asarray(values, dtype=object), type=pa.string())


def _join(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _format(seconds: np.ndarray, form: str) -> pa.Array:
    """``pc.strftime`` of each time, worked out once per distinct time (dates repeat a great deal)."""
    distinct, index = np.unique(seconds, return_inverse=True)
    return pc.strftime(pa.array(distinct, type=pa.timestamp("s")), format=form).take(pa.array(index))


def _dates(rng, published_s: np.ndarray, granularity: np.ndarray) -> tuple[np.ndarray, np.ndarray, pa.Array]:
    """(start, end) in seconds and the TIMEX3 value of each event's date: near its article's publication
    date, now and then years before it."""
    n = len(published_s)
    offset_days = np.where(rng.random(n) < 0.85, np.round(rng.normal(-3, 20, n)),
                           -np.round(rng.exponential(365 * 8, n)))
    start = (published_s // DAY_S + offset_days.astype(np.int64)).astype("datetime64[D]")
    months = start.astype("datetime64[M]")
    years = start.astype("datetime64[Y]")
    week_start = start - ((start.astype(np.int64) + 3) % 7).astype("timedelta64[D]")
    decade = ((years.astype(np.int64) + 1970) // 10 * 10 - 1970).astype("datetime64[Y]")
    season = (months.astype(np.int64) // 3 * 3).astype("datetime64[M]")
    one = np.timedelta64(1, "D")
    starts = {"day": start, "time": start, "week": week_start, "month": months.astype("datetime64[D]"),
              "year": years.astype("datetime64[D]"), "decade": decade.astype("datetime64[D]"),
              "season": season.astype("datetime64[D]")}
    ends = {"day": start + one, "time": start + one, "week": week_start + 7 * one,
            "month": (months + 1).astype("datetime64[D]"), "year": (years + 1).astype("datetime64[D]"),
            "decade": (decade + 10).astype("datetime64[D]"), "season": (season + 3).astype("datetime64[D]")}
    s = np.empty(n, dtype="datetime64[D]")
    e = np.empty(n, dtype="datetime64[D]")
    for name in starts:
        pick = granularity == name
        s[pick], e[pick] = starts[name][pick], ends[name][pick]
    seconds = s.astype("datetime64[s]").astype(np.int64)
    hour = rng.integers(6, 22, n) * 3600
    seconds = np.where(granularity == "time", seconds + hour, seconds)
    value = _format(seconds, "%Y-%m-%d")
    forms = {"time": _format(seconds, "%Y-%m-%dT%H:%M"), "month": _format(seconds, "%Y-%m"),
             "year": _format(seconds, "%Y"), "week": _format(seconds, "%G-W%V"),
             "decade": pc.utf8_slice_codeunits(_format(seconds, "%Y"), 0, 3), "season": _format(seconds, "%Y-%m")}
    for name, form in forms.items():
        value = pc.if_else(pa.array(granularity == name), form, value)
    return seconds, e.astype("datetime64[s]").astype(np.int64), value


def _date_text(seconds: np.ndarray, granularity: np.ndarray, anchor: np.ndarray) -> pa.Array:
    text = _format(seconds, "on %d %B %Y")
    forms = (("month", "in %B %Y"), ("year", "in %Y"), ("week", "the week of %d %B %Y"),
             ("season", "in the season of %B %Y"), ("decade", "in the %Ys"), ("time", "at %H:%M on %d %B %Y"))
    for name, form in forms:
        text = pc.if_else(pa.array(granularity == name), _format(seconds, form), text)
    return pc.if_else(pa.array(np.isin(anchor, ["publication", "context"])), pa.scalar(""), text)


def events_part(rng, first_event: int, n: int, first_article: int, articles: dict, actors: list[str]) -> pa.Table:
    """``n`` events of the articles from ``first_article`` on (``EVENTS_PER_ARTICLE`` each, the last may be
    short)."""
    doc_index = first_article + (np.arange(n) // EVENTS_PER_ARTICLE)
    docs = pa.array(articles["id"]).take(pa.array(doc_index))
    published = articles["published"][doc_index]
    granularity = GRANULARITIES[rng.choice(len(GRANULARITIES), size=n, p=GRANULARITY_SHARE)]
    anchor = ANCHORS[rng.choice(4, size=n, p=[0.45, 0.33, 0.16, 0.06])]
    granularity = np.where(np.isin(anchor, ["publication", "context"]), "day", granularity)
    start, end, value = _dates(rng, published, granularity)
    unanchored = rng.random(n) < 0.004
    anchor = np.where(unanchored, "unanchored", anchor)
    date_text = _date_text(start, granularity, anchor)
    offsets, ranks = _actor_lists(rng, n, len(actors))
    names = pa.array(actors).take(pa.array(ranks))
    actor_lists = pa.ListArray.from_arrays(pa.array(offsets), names)
    count = np.diff(offsets)
    first_actor = pc.if_else(pa.array(count > 0), names.take(pa.array(np.minimum(offsets[:-1], len(names) - 1))),
                             pa.scalar("Officials"))
    last_actor = pc.if_else(pa.array(count > 1), names.take(pa.array(np.maximum(offsets[1:] - 1, 0))),
                            pa.scalar("the council"))
    verb = pa.array(VERBS).take(pa.array(rng.integers(0, len(VERBS), n)))
    topic = pa.array(TOPICS).take(pa.array(rng.integers(0, len(TOPICS), n)))
    label = _join(first_actor, pa.scalar(" "), verb, pa.scalar(" "), last_actor, pa.scalar(" over "), topic)
    tail = pc.if_else(pc.equal(date_text, ""), pa.scalar(""), _join(pa.scalar(" "), date_text))
    sentence = _join(label, tail, pa.scalar("."))
    position = (np.arange(n) % EVENTS_PER_ARTICLE) * 180
    sentence_len = pc.utf8_length(sentence).to_numpy()
    date_start = position + pc.utf8_length(label).to_numpy() + 1
    date_len = pc.utf8_length(date_text).to_numpy()
    cue_needed = date_len == 0
    date_start = np.where(cue_needed, position + pc.utf8_length(first_actor).to_numpy() + 1, date_start)
    date_end = date_start + np.where(cue_needed, pc.utf8_length(verb).to_numpy(), date_len)
    null_dates = pa.array(unanchored)
    event_id = _join(docs, pa.scalar("@"), pa.array(date_start).cast(pa.string()), pa.scalar("-"),
                     pa.array(date_end).cast(pa.string()))
    tense = TENSES[rng.choice(3, size=n, p=[0.72, 0.14, 0.14])]
    columns = {
        "event_id": event_id, "doc": docs,
        "title": pa.array(articles["title"]).take(pa.array(doc_index)),
        "source": pa.array(articles["source"]).take(pa.array(doc_index)),
        "url": _join(pa.scalar("https://news.example.org/"), docs),
        "published": pa.array(published, type=pa.timestamp("s")),
        "published_from": pa.array(np.full(n, "metadata", dtype=object)),
        "date": pc.if_else(null_dates, pa.scalar("XXXX-XX-XX"), value),
        "type": pa.array(np.where(granularity == "time", "TIME", "DATE").astype(object)),
        "mod": pa.array(np.full(n, "", dtype=object)),
        "granularity": pa.array(granularity.astype(object)),
        "start": pc.if_else(null_dates, pa.scalar(None, pa.timestamp("s")), pa.array(start, type=pa.timestamp("s"))),
        "end": pc.if_else(null_dates, pa.scalar(None, pa.timestamp("s")), pa.array(end, type=pa.timestamp("s"))),
        "reference": pa.array(np.vectorize(lambda a: REFERENCE_OF.get(a, ""), otypes=[object])(anchor)),
        "date_text": date_text,
        "cue": pc.if_else(pa.array(cue_needed), verb, pa.scalar("")),
        "date_start": pa.array(date_start, type=pa.int64()), "date_end": pa.array(date_end, type=pa.int64()),
        "sentence": sentence,
        "sentence_start": pa.array(position, type=pa.int64()),
        "sentence_end": pa.array(position + sentence_len, type=pa.int64()),
        "label": label, "actors": actor_lists,
        "tense": pa.array(tense),
        "anchor": pa.array(anchor.astype(object)),
        "warning": pa.array(np.full(n, "", dtype=object)),
    }
    return pa.table(columns, schema=store.event_schema())


def article_columns(rng, n_articles: int) -> dict:
    """The articles' ids, titles, sources and publication dates (seconds), as numpy arrays."""
    days = (np.datetime64(f"{LAST_YEAR + 1}-01-01") - np.datetime64(f"{FIRST_YEAR}-01-01")).astype(int)
    # more news in later years
    published = (np.datetime64(f"{FIRST_YEAR}-01-01")
                 + (days * np.sqrt(rng.random(n_articles))).astype("timedelta64[D]")).astype("datetime64[s]")
    source_weights = 1.0 / np.arange(1, len(SOURCES) + 1)
    topic = np.array([t.capitalize() for t in TOPICS], dtype=object)[rng.integers(0, len(TOPICS), n_articles)]
    place = np.array(PLACES, dtype=object)[rng.integers(0, len(PLACES), n_articles)]
    ids = np.char.add("n", np.char.zfill(np.arange(n_articles).astype(str), 8)).astype(object)
    return {"id": ids, "title": (np.char.add(np.char.add(topic.astype(str), " in "), place.astype(str))).astype(object),
            "source": np.array(SOURCES, dtype=object)[rng.choice(len(SOURCES), n_articles,
                                                                  p=source_weights / source_weights.sum())],
            "published": published.astype(np.int64)}


def articles_table(articles: dict, events: np.ndarray) -> pa.Table:
    n = len(articles["id"])
    columns = {"id": articles["id"], "path": np.char.add(articles["id"].astype(str), ".md").astype(object),
               "line": None, "title": articles["title"], "source": articles["source"],
               "url": np.char.add("https://news.example.org/", articles["id"].astype(str)).astype(object),
               "published": pa.array(articles["published"], type=pa.timestamp("s")),
               "published_from": np.full(n, "metadata", dtype=object), "dateline": None,
               "status": np.full(n, "ok", dtype=object), "events": events,
               "unanchored": np.zeros(n, dtype=np.int64), "dateline_conflict": np.full(n, "", dtype=object),
               "digest": np.char.add("synthetic-", articles["id"].astype(str)).astype(object)}
    types = {"string": pa.string(), schema.TIMESTAMP: pa.timestamp("s"), "Int64": pa.int64()}
    arrays = {}
    for name, dtype in schema.ARTICLE_COLUMNS.items():
        value = columns[name]
        arrays[name] = pa.nulls(n, types[dtype]) if value is None else pa.array(value, type=types[dtype])
    return pa.table(arrays)


def write_store(folder: str | Path, n_events: int, seed: int = 1, part_events: int = PART_EVENTS) -> Path:
    """A store of ``n_events`` synthetic events in ``folder`` (made if need be; an older store there is
    replaced)."""
    layout = store.StoreLayout(Path(folder))
    layout.events.mkdir(parents=True, exist_ok=True)
    for old in layout.event_parts():
        old.unlink()
    rng = np.random.default_rng(seed)
    names, kinds, aliases = actor_table()
    n_articles = -(-n_events // EVENTS_PER_ARTICLE)
    articles = article_columns(rng, n_articles)
    events_per_actor = np.zeros(len(names), dtype=np.int64)
    articles_per_actor = np.zeros(len(names), dtype=np.int64)
    part_events -= part_events % EVENTS_PER_ARTICLE     # an article's events in one part
    for part, first in enumerate(range(0, n_events, part_events)):
        n = min(part_events, n_events - first)
        table = events_part(rng, first, n, first // EVENTS_PER_ARTICLE, articles, names)
        store.write_part(layout, part, table)         # as the pipeline writes its parts: the same layout
        ranks = pc.index_in(pc.list_flatten(table["actors"]), value_set=pa.array(names)).to_numpy()
        events_per_actor += np.bincount(ranks, minlength=len(names))
        rows = pc.list_parent_indices(table["actors"]).to_numpy()
        pairs = np.unique((first + rows) // EVENTS_PER_ARTICLE * len(names) + ranks)
        articles_per_actor += np.bincount(pairs % len(names), minlength=len(names))
    counts = np.bincount(np.arange(n_events) // EVENTS_PER_ARTICLE, minlength=n_articles)
    feather.write_feather(articles_table(articles, counts), layout.articles)
    feather.write_feather(pa.table({"name": names, "kind": kinds,
                             "aliases": pa.array(aliases, type=pa.list_(pa.string())),
                             "mentions": events_per_actor + events_per_actor // 3, "articles": articles_per_actor,
                             "events": events_per_actor}), layout.actors)
    layout.manifest.write_text(json.dumps({"format": store.FORMAT, "version": store.VERSION,
                                           "events": n_events, "articles": n_articles,
                                           "made_by": "benchmarks/store_data.py (synthetic)"}, indent=1))
    return layout.root


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("events", type=int)
    ap.add_argument("folder")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    write_store(args.folder, args.events, args.seed)
    print(f"{args.events:,} events written to {args.folder} in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
