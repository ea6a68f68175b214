"""From an article and its temporal expressions to rows of the event table (``timeline.schema``)."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, Callable, Iterable, Sequence

from . import sentences as sentence_spans
from .actors.clauses import NO_BREAKS, Breaks, clause_actors, clause_breaks
from .labels import clause_label
from .model import Article, Span, Timex
from .reported import publication_events
from .schema import Event

# Given an article and a sentence span, the canonical names of the actors taking part.
ActorLookup = Callable[[Article, Span], Sequence[str]]


def merge_ranges(timexes: Iterable[Timex]) -> list[tuple[Timex, Timex]]:
    """Pairs (first, last) per event: a range's two ends ("from 2001 to 2009") make one event."""
    out: list[tuple[Timex, Timex]] = []
    pending: Timex | None = None
    for t in timexes:
        if t.range_role == "from":
            if pending is not None:
                out.append((pending, pending))
            pending = t
        elif t.range_role == "to" and pending is not None:
            out.append((pending, t))
            pending = None
        else:
            if pending is not None:
                out.append((pending, pending))
                pending = None
            out.append((t, t))
    if pending is not None:
        out.append((pending, pending))
    return out


def on_timeline(t: Timex) -> bool:
    """Dates and times that place something (or would, given a publication date); never durations or sets."""
    return t.type in ("DATE", "TIME") and (t.begin is not None or t.anchor == "unanchored")


def article_events(
    article: Article,
    timexes: Sequence[Timex],
    actors: ActorLookup | None = None,
    spans: Sequence[Span] | None = None,
    reported: bool = False,
) -> list[Event]:
    """One row per dated expression in the article (the two ends of a range make one row); with ``reported``,
    also one per undated news sentence with actors (``timeline.reported``: anchor publication or context)."""
    text = article.text
    article_columns: dict[str, Any] = {  # what every row of the article repeats
        "doc": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "published_from": article.published_from,
    }
    spans = list(spans) if spans is not None else sentence_spans.sentences(text)
    rows = []
    events = merge_ranges(t for t in timexes if on_timeline(t))
    starts = sorted(first.start for first, _ in events)
    breaks: dict[int, Breaks] = {}  # sentence start -> its clause breaks, for sentences of several dates
    # one string per sentence, shared by its events: what the rows hold grows with the text, not with the
    # number of dates in it
    sentence_texts: dict[Span, str] = {}
    for first, last in events:
        sentence = sentence_spans.sentence_at(spans, first.start) or Span(first.start, last.end)
        sentence = Span(sentence.start, max(sentence.end, last.end))
        here = starts[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
        before = here[0] if here[0] < first.start else None
        after = here[-1] if here[-1] >= last.end else None
        if (before, after) != (None, None) and sentence.start not in breaks:
            breaks[sentence.start] = clause_breaks(text, sentence)
        sentence_text = sentence_texts.get(sentence)
        if sentence_text is None:
            sentence_text = sentence_texts[sentence] = text[sentence.start : sentence.end]
        ranged = last is not first
        rows.append(
            Event(
                **article_columns,
                event_id=f"{article.id}@{first.start}-{last.end}",
                date=f"{first.value}/{last.value}" if ranged else first.value,
                type=first.type,
                mod=first.mod,
                granularity=first.granularity,
                start=first.begin,
                end=last.finish if last.finish is not None else first.finish,
                date_text=text[first.start : last.end],
                date_start=first.start,
                date_end=last.end,
                sentence=sentence_text,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                label=clause_label(sentence_text, first.start - sentence.start, last.end - sentence.start),
                actors=clause_actors(
                    actors,
                    article,
                    sentence,
                    first.start,
                    last.end,
                    before,
                    after,
                    breaks.get(sentence.start, NO_BREAKS),
                )
                if actors
                else [],
                tense=first.tense,
                anchor="unanchored" if first.begin is None else first.anchor,
                reference=first.reference or None,
            )
        )
    if reported:
        placed = sorted((t for t in timexes if on_timeline(t)), key=lambda t: t.start)
        for row in publication_events(article, spans, placed, actors, article_columns):
            # an undated sentence is placed on the publication day, or on the day of the news told before it
            row.reference = _REPORTED_REFERENCE.get(row.anchor)
            rows.append(row)
    return rows


_REPORTED_REFERENCE = {"publication": "publication", "context": "narrative"}


def article_status(article: Article, rows: Sequence[Event]) -> str:
    if not rows:
        return "no dates"
    if any(r.anchor == "unanchored" for r in rows):
        return "unanchored dates"
    return "ok"
