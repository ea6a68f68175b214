"""timeline: dated events, and who took part, from a folder of news articles.

The library does the work; the ``timeline`` command and ``dashboard.py`` only call it.

    >>> from timeline import read_corpus, apply_filter, EventFilter
    >>> corpus = read_corpus(["seeds"])
    >>> corpus.events            # the event table (timeline.schema.EVENT_COLUMNS)
    >>> corpus.articles          # one row per input, with its status
    >>> apply_filter(corpus.events, EventFilter(actors=("Meshal",)), corpus.aliases)

Pieces, for finer use:

- ``timeline.articles.iter_inputs(paths)``: stream Article or Problem objects from files and folders.
- ``timeline.temporal.tag(text, published)``: every temporal expression as a TIMEX3 ``Timex``.
- ``timeline.events.article_events(article, timexes)``: rows of the event table for one article.
- ``timeline.figure.timeline_figure(events)``: the Plotly figure (DataFrame in, figure out).
- ``timeline.schema``: the column names and dtypes of every table.

``python -m timeline.build_native`` compiles the name finder to C (``make install`` does): same results, quicker.
"""

from __future__ import annotations

from . import native as _native

__version__ = "0.1.0"

_native.use_built()  # the compiled name finder, where it is built and up to date (timeline.native)

__all__ = [
    "read_corpus",
    "build_corpus",
    "Corpus",
    "EventFilter",
    "apply_filter",
    "tag",
    "iter_inputs",
    "events_frame",
    "EVENT_COLUMNS",
]


def __getattr__(name: str):
    # Imported lazily so that `import timeline` stays cheap for the command line.
    if name in ("read_corpus", "build_corpus", "Corpus"):
        from . import corpus

        return getattr(corpus, name)
    if name in ("EventFilter", "apply_filter"):
        from . import filters

        return getattr(filters, name)
    if name == "tag":
        from .temporal import tag

        return tag
    if name == "iter_inputs":
        from .articles import iter_inputs

        return iter_inputs
    if name in ("events_frame", "EVENT_COLUMNS"):
        from . import schema

        return getattr(schema, name)
    raise AttributeError(name)
