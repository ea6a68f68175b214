"""A corpus read end to end: articles in, the event table, the article table and the problems out."""
from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from . import schema
from .articles import iter_inputs
from .events import ActorLookup, article_events, article_status
from .model import Article, Problem
from .sentences import sentences
from .temporal import tag


@dataclass
class Corpus:
    events: pd.DataFrame                       # schema.EVENT_COLUMNS
    articles: pd.DataFrame                     # schema.ARTICLE_COLUMNS: every input, readable or not
    problems: list[Problem] = field(default_factory=list)
    documents: dict[str, Article] = field(default_factory=dict)   # article id -> Article (text for evidence)
    aliases: dict[str, str] = field(default_factory=dict)         # lower-cased alias -> canonical actor name

    @property
    def warnings(self) -> list[str]:
        """What was read only in part (text decoded as cp1252, an invalid front-matter date ...)."""
        return [w for article in self.documents.values() for w in article.warnings]

    def text(self, doc: str) -> str:
        return self.documents[doc].text

    def with_published(self, doc: str, published: dt.date | None) -> "Corpus":
        """The corpus with one article's publication date changed and its relative dates re-anchored."""
        docs = dict(self.documents)
        article = docs[doc]
        docs[doc] = dataclasses.replace(article, published=published,
                                        published_from="metadata" if published else "none")
        return build_corpus(list(docs.values()) + list(self.problems))


def progress(items: Iterable, total: int | None = None, desc: str = "articles") -> Iterator:
    """A progress bar on stderr that shows only when the work takes more than a couple of seconds."""
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        yield from items
        return
    yield from tqdm(items, total=total, desc=desc, unit=" art", delay=2, file=sys.stderr, leave=False)


def build_corpus(inputs: Iterable[Article | Problem], actors: ActorLookup | None = None,
                 show_progress: bool = False) -> Corpus:
    inputs = list(inputs)
    rows, article_rows, problems, documents = [], [], [], {}
    for item in (progress(inputs, len(inputs)) if show_progress else inputs):
        if isinstance(item, Problem):
            problems.append(item)
            article_rows.append({"id": Path(item.path).stem if item.line is None else f"{Path(item.path).stem}-{item.line}",
                                 "path": item.path, "line": item.line, "status": f"unreadable: {item.message}",
                                 "published_from": "none", "events": 0, "unanchored": 0})
            continue
        documents[item.id] = item
        spans = sentences(item.text)
        found = tag(item.text, item.published, spans)
        article_rows_ = article_events(item, found, actors, spans)
        rows.extend(article_rows_)
        article_rows.append({
            "id": item.id, "path": item.path, "line": item.line, "title": item.title, "source": item.source,
            "url": item.url, "published": item.published, "published_from": item.published_from,
            "status": article_status(item, article_rows_), "events": len(article_rows_),
            "unanchored": sum(r["anchor"] == "unanchored" for r in article_rows_),
        })
    events = schema.events_frame(rows)
    if len(events):
        events = events.sort_values(["start", "doc", "date_start"], na_position="last", kind="stable")
        events = events.reset_index(drop=True)
    return Corpus(events=events, articles=schema.articles_frame(article_rows), problems=problems,
                  documents=documents)


def read_corpus(paths: Iterable[str | Path], show_progress: bool = False) -> Corpus:
    """Load every article under ``paths``, tag its dates and build the event and article tables."""
    return build_corpus(iter_inputs(paths), show_progress=show_progress)
