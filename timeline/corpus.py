"""A corpus read end to end: articles in, the event table, the article table and the problems out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

import pandas as pd

from . import schema
from .articles import iter_inputs
from .collector import fewer_collections
from .dateline import DatelineConflict, dateline_conflict, published_in_text
from .events import ActorLookup, article_events, article_status
from .model import Article, Problem
from .progress import progress
from .sentences import sentences
from .temporal import tag

if TYPE_CHECKING:
    from .actors import ActorIndex, Overrides


@dataclass
class Corpus:
    events: pd.DataFrame  # schema.EVENT_COLUMNS
    articles: pd.DataFrame  # schema.ARTICLE_COLUMNS: every input, readable or not
    problems: list[Problem] = field(default_factory=list)
    documents: dict[str, Article] = field(default_factory=dict)  # article id -> Article (text for evidence)
    aliases: dict[str, str] = field(default_factory=dict)  # lower-cased alias -> canonical actor name
    actors: pd.DataFrame | None = None  # name, kind, aliases, mentions, articles, events (timeline.actors)
    actor_index: ActorIndex | None = None  # the timeline.actors.ActorIndex behind actors and aliases
    actor_overrides: str | Path | Overrides | None = None  # actors.yaml path or Overrides, kept for rebuilding
    actor_edits: ActorEdits = field(default_factory=lambda: ActorEdits())  # made since (with_actor_edits)

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

    @property
    def dateline_conflicts(self) -> list[str]:
        """The articles whose dateline gives another publication date than their metadata: "path: what"."""
        rows = self.articles[self.articles["dateline_conflict"].fillna("") != ""]
        return [f"{path}: {what}" for path, what in zip(rows["path"], rows["dateline_conflict"])]

    def text(self, doc: str) -> str:
        return self.documents[doc].text

    def with_published(self, doc: str, published: dt.date | None) -> Corpus:
        """The corpus with one article's publication date changed and its relative dates re-anchored.
        Only that article is tagged again; the actors, found from the text alone, stay as they are."""
        docs = dict(self.documents)
        docs[doc] = dataclasses.replace(
            docs[doc], published=published, published_from="metadata" if published else "none"
        )
        if self.actor_index is None:
            return build_corpus(list(docs.values()) + list(self.problems), actor_overrides=self.actor_overrides)
        return dataclasses.replace(self, documents=docs)._read_again([doc], self.actor_index.lookup)

    def with_actor_edits(self, edits) -> Corpus:
        """The corpus with the user's actor edits (a ``timeline.actors.Overrides``: merge, rename, hide, kind)
        applied on top of what it shows. Nothing is found again: merged and renamed actors are renamed in
        the events, and only the articles naming a newly hidden actor are read again (a sentence without a
        date is an event only while it names an actor). ``actors_file()`` gives the edits as actors.yaml."""
        assert self.actor_index is not None, "a corpus read with another actor lookup has no actors to edit"
        index, rename = self.actor_index.edited(edits)

        def renamed(names):
            return [n for n in dict.fromkeys(rename.get(n, n) for n in names) if n not in index.hidden]

        newly_hidden = index.hidden - {rename.get(h, h) for h in self.actor_index.hidden}
        again = [
            doc
            for doc in self.documents
            if any(rename.get(m.actor, m.actor) in newly_hidden for m in self.actor_index.mentions(doc))
        ]
        corpus = dataclasses.replace(
            self,
            events=self.events.assign(actors=self.events["actors"].map(renamed)),
            actor_index=index,
            aliases=index.aliases,
            actor_edits=self.actor_edits.after(edits, index, rename),
        )
        if again:
            corpus = corpus._read_again(again, index.lookup)
        return dataclasses.replace(corpus, actors=_with_event_counts(index.table(), corpus.events))

    def actors_file(self):
        """The actors.yaml that gives, read with the articles, the actors shown now: the file the corpus was
        read with (if any) and the edits made since (``with_actor_edits``). ``.dump()`` or ``.save(path)`` it."""
        from .actors import overrides

        base = self.actor_overrides
        if not isinstance(base, overrides.Overrides):
            base = overrides.load(base)
        return self.actor_edits.written_over(base, self.actor_index)

    def _read_again(self, docs: Iterable[str], lookup: ActorLookup) -> Corpus:
        """The corpus with the events of ``docs`` found again (same documents, this actor lookup)."""
        docs = set(docs)
        read = {doc: read_article(self.documents[doc], sentences(self.documents[doc].text), lookup) for doc in docs}
        events = schema.sorted_events(
            pd.concat(
                [self.events[~self.events["doc"].isin(docs)]]
                + [schema.events_frame(rows) for rows, _ in read.values()],
                ignore_index=True,
            )
        )
        articles = [
            read[row["id"]][1] if row["id"] in docs and row["path"] == self.documents[row["id"]].path else row
            for row in self.articles.to_dict("records")
        ]
        return dataclasses.replace(
            self,
            events=events,
            articles=schema.articles_frame(articles),
            actors=_with_event_counts(self.actors, events),
        )


@dataclass(frozen=True)
class ActorEdits:
    """What the user changed in the actors since the corpus was read, kept so it can be written out."""

    rewritten: frozenset[str] = frozenset()  # canonical names of the actors merged or renamed
    kinds: tuple[tuple[str, str], ...] = ()  # (canonical name, kind) in the order set
    hidden: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.rewritten or self.kinds or self.hidden)

    def after(self, edits, index, rename: dict[str, str]) -> ActorEdits:
        """These edits followed by ``edits`` (the index and renaming that applying them gave)."""

        def now(name: str) -> str:
            name = rename.get(name, name)
            found = index.actor(name)
            return found.name if found is not None else name

        rewritten = (
            {now(n) for n in self.rewritten}
            | {now(g[0]) for g in edits.merge}
            | {now(new) for new in edits.rename.values()}
        )
        kinds = [(now(n), k) for n, k in self.kinds] + [
            (now(edits.spelling.get(n, n)), k) for n, k in edits.kind.items()
        ]
        hidden = list(self.hidden) + [now(edits.spelling.get(n, n)) for n in sorted(edits.hide)]
        return ActorEdits(frozenset(rewritten), tuple(kinds), tuple(dict.fromkeys(hidden)))

    def written_over(self, base, index):
        """``base`` (an Overrides) with these edits written in: each merged or renamed actor in full."""
        table = {a: index.actor(a) for a in sorted(self.rewritten)}
        spellings = Counter(s.lower() for a in index.actors() for s in [a.name, *a.aliases])
        actors = [
            (a.name, [s for s in a.aliases if spellings[s.lower()] == 1], a.kind)
            for a in table.values()
            if a is not None
        ]
        return base.with_actors(actors, hide=self.hidden, kind=dict(self.kinds))


def build_corpus(
    inputs: Iterable[Article | Problem],
    actors: ActorLookup | None = None,
    show_progress: bool = False,
    actor_overrides=None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Corpus:
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
            article_rows.append(unreadable_row(item))
            continue
        documents[item.id] = item
        found, article_row = read_article(item, all_spans[item.id], actors)
        rows.extend(found)
        article_rows.append(article_row)
    events = schema.sorted_events(schema.events_frame(rows))
    corpus = Corpus(
        events=events,
        articles=schema.articles_frame(article_rows),
        problems=problems,
        documents=documents,
        actor_overrides=actor_overrides,
    )
    if index is not None:
        corpus.actor_index, corpus.aliases = index, index.aliases
        corpus.actors = _with_event_counts(index.table(), events)
    return corpus


def unreadable_row(problem: Problem) -> schema.ArticleRow:
    """The article table's row of an input that could not be read."""
    stem = Path(problem.path).stem
    return schema.ArticleRow(
        id=stem if problem.line is None else f"{stem}-{problem.line}",
        path=problem.path,
        line=problem.line,
        status=f"unreadable: {problem.message}",
    )


def read_article(
    article: Article, spans, actors: ActorLookup | None, timexes: list | None = None
) -> tuple[list[schema.Event], schema.ArticleRow]:
    """The article's events and its row of the article table (``timexes``: its dates, where tagged already).
    Where the dateline in the text disagrees with the metadata's publication date (which is used), the events
    the dateline's date would place elsewhere carry a warning, and so does the article's row."""
    rows = _events_of(article, spans, actors, timexes)
    dateline = published_in_text(article.text)
    conflict = dateline_conflict(dateline, article.published, article.published_from)
    if conflict is not None:
        _warn_moved(rows, _events_of(dataclasses.replace(article, published=dateline), spans, actors), conflict)
    return rows, _article_row(article, rows, dateline, conflict)


def _events_of(article: Article, spans, actors: ActorLookup | None, timexes: list | None = None) -> list[schema.Event]:
    if timexes is None:
        timexes = tag(article.text, article.published, spans)
    return article_events(article, timexes, actors, spans, reported=True)


def _warn_moved(rows: list[schema.Event], instead: list[schema.Event], conflict: DatelineConflict) -> None:
    """Warn on each event of ``rows`` that sits elsewhere, or is none, among ``instead`` (the same article's
    events with the dateline's date)."""
    then = {r.event_id: r for r in instead}
    for row in rows:
        other = then.get(row.event_id)
        if other is None or (other.start, other.end) != (row.start, row.end):
            row.warning = conflict.for_event(other.date if other is not None else None)


def _article_row(
    article: Article, rows: list[schema.Event], dateline: dt.date | None, conflict: DatelineConflict | None
) -> schema.ArticleRow:
    return schema.ArticleRow(
        id=article.id,
        path=article.path,
        line=article.line,
        title=article.title,
        source=article.source,
        url=article.url,
        published=article.published,
        published_from=article.published_from,
        dateline=dateline,
        status=article_status(article, rows),
        events=len(rows),
        unanchored=sum(r.anchor == "unanchored" for r in rows),
        dateline_conflict=conflict.for_article(sum(bool(r.warning) for r in rows)) if conflict else "",
    )


def _with_event_counts(actors: pd.DataFrame | None, events: pd.DataFrame) -> pd.DataFrame | None:
    if actors is None:
        return None
    counts = pd.Series([n for names in events["actors"] for n in names], dtype=object).value_counts()
    return actors.assign(events=actors["name"].map(counts).fillna(0).astype(int))


@fewer_collections()
def read_corpus(
    paths: Iterable[str | Path],
    show_progress: bool = False,
    actors_file: str | Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Load every article under ``paths``, tag its dates, find the actors and build the event and article
    tables. ``actors_file`` (default: an actors.yaml beside the corpus) merges, renames and hides actors."""
    from .actors import find_overrides

    paths = list(paths)
    overrides = actors_file if actors_file is not None else find_overrides(paths)
    return build_corpus(
        iter_inputs(paths), show_progress=show_progress, actor_overrides=overrides, on_progress=on_progress
    )
