"""A corpus read end to end: articles in, the event table, the article table and the problems out."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from . import schema
from .articles import iter_inputs
from .events import ActorLookup, article_events, article_status
from .model import Article, Problem
from .progress import progress
from .sentences import sentences
from .temporal import tag


@dataclass
class Corpus:
    events: pd.DataFrame                       # schema.EVENT_COLUMNS
    articles: pd.DataFrame                     # schema.ARTICLE_COLUMNS: every input, readable or not
    problems: list[Problem] = field(default_factory=list)
    documents: dict[str, Article] = field(default_factory=dict)   # article id -> Article (text for evidence)
    aliases: dict[str, str] = field(default_factory=dict)         # lower-cased alias -> canonical actor name
    actors: pd.DataFrame | None = None         # name, kind, aliases, mentions, articles, events (timeline.actors)
    actor_index: object | None = None          # the timeline.actors.ActorIndex behind actors and aliases
    actor_overrides: object | None = None      # actors.yaml path or Overrides, kept for rebuilding

    def resolve_actors(self, names: Iterable[str]) -> list:
        """What each of a user's names means (``timeline.actors.resolver.Resolution``): the exact name or alias,
        else a fuller or shorter form of exactly one actor's name; else no match, with close spellings."""
        from .filters import actor_resolver
        resolver = self.actor_index if self.actor_index is not None else actor_resolver(self.events, self.aliases)
        return [resolver.resolve(name) for name in names]

    @property
    def warnings(self) -> list[str]:
        """What was read only in part (text decoded as cp1252, an invalid front-matter date ...)."""
        return [w for article in self.documents.values() for w in article.warnings]

    def text(self, doc: str) -> str:
        return self.documents[doc].text

    def with_published(self, doc: str, published: dt.date | None) -> "Corpus":
        """The corpus with one article's publication date changed and its relative dates re-anchored.
        Only that article is tagged again; the actors, found from the text alone, stay as they are."""
        docs = dict(self.documents)
        article = docs[doc] = dataclasses.replace(docs[doc], published=published,
                                                  published_from="metadata" if published else "none")
        if self.actor_index is None:
            return build_corpus(list(docs.values()) + list(self.problems), actor_overrides=self.actor_overrides)
        rows = _events_of(article, sentences(article.text), self.actor_index.lookup)
        events = _sorted(pd.concat([self.events[self.events["doc"] != doc], schema.events_frame(rows)],
                                   ignore_index=True))
        articles = [_article_row(article, rows) if row["id"] == doc and row["path"] == article.path else row
                    for row in self.articles.to_dict("records")]
        return dataclasses.replace(self, events=events, articles=schema.articles_frame(articles), documents=docs,
                                   actors=_with_event_counts(self.actors, events))


def build_corpus(inputs: Iterable[Article | Problem], actors: ActorLookup | None = None,
                 show_progress: bool = False, actor_overrides=None,
                 on_progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Without an ``actors`` lookup, the actors are found across all the articles (``timeline.actors``),
    with the user's ``actor_overrides`` (an actors.yaml path) applied. ``on_progress(done, total)`` is
    called after each input (the dashboard's progress bar); ``show_progress`` draws one on stderr."""
    inputs = list(inputs)
    index = None
    all_spans = {a.id: sentences(a.text) for a in inputs if isinstance(a, Article)}
    if actors is None:
        from .actors import ActorIndex
        index = ActorIndex.build([a for a in inputs if isinstance(a, Article)], all_spans, actor_overrides)
        actors = index.lookup
    rows, article_rows, problems, documents = [], [], [], {}
    for done, item in enumerate(progress(inputs, len(inputs)) if show_progress else inputs, start=1):
        if on_progress is not None:
            on_progress(done, len(inputs))
        if isinstance(item, Problem):
            problems.append(item)
            article_rows.append({"id": Path(item.path).stem if item.line is None else f"{Path(item.path).stem}-{item.line}",
                                 "path": item.path, "line": item.line, "status": f"unreadable: {item.message}",
                                 "published_from": "none", "events": 0, "unanchored": 0})
            continue
        documents[item.id] = item
        found = _events_of(item, all_spans[item.id], actors)
        rows.extend(found)
        article_rows.append(_article_row(item, found))
    events = _sorted(schema.events_frame(rows))
    corpus = Corpus(events=events, articles=schema.articles_frame(article_rows), problems=problems,
                    documents=documents, actor_overrides=actor_overrides)
    if index is not None:
        corpus.actor_index, corpus.aliases = index, index.aliases
        corpus.actors = _with_event_counts(index.table(), events)
    return corpus


def _events_of(article: Article, spans, actors: ActorLookup | None) -> list[dict]:
    return article_events(article, tag(article.text, article.published, spans), actors, spans, reported=True)


def _article_row(article: Article, rows: list[dict]) -> dict:
    return {"id": article.id, "path": article.path, "line": article.line, "title": article.title,
            "source": article.source, "url": article.url, "published": article.published,
            "published_from": article.published_from, "status": article_status(article, rows),
            "events": len(rows), "unanchored": sum(r["anchor"] == "unanchored" for r in rows)}


def _sorted(events: pd.DataFrame) -> pd.DataFrame:
    if not len(events):
        return events
    return events.sort_values(["start", "doc", "date_start"], na_position="last", kind="stable").reset_index(drop=True)


def _with_event_counts(actors: pd.DataFrame | None, events: pd.DataFrame) -> pd.DataFrame | None:
    if actors is None:
        return None
    counts = pd.Series([n for names in events["actors"] for n in names], dtype=object).value_counts()
    return actors.assign(events=actors["name"].map(counts).fillna(0).astype(int))


def read_corpus(paths: Iterable[str | Path], show_progress: bool = False,
                actors_file: str | Path | None = None,
                on_progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Load every article under ``paths``, tag its dates, find the actors and build the event and article
    tables. ``actors_file`` (default: an actors.yaml beside the corpus) merges, renames and hides actors."""
    from .actors import find_overrides
    paths = list(paths)
    overrides = actors_file if actors_file is not None else find_overrides(paths)
    return build_corpus(iter_inputs(paths), show_progress=show_progress, actor_overrides=overrides,
                        on_progress=on_progress)
