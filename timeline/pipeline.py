"""The event pipeline for corpora of any size: articles in batches, on the local cores or a Dask cluster, into
a Parquet event store (``timeline.store``).

    summary = run_pipeline(["articles/"], "store/", workers=4)          # local cores
    summary = run_pipeline(["articles/"], "store/", scheduler="tcp://10.0.0.5:8786")

Each stage is a task per batch of files, on whichever worker is free. No worker keeps a batch between stages,
so that memory follows the batch and not the corpus: what a batch's later stage needs of an earlier one (the
articles and sentences as first read, the first looks, the dates) waits in a file in the store's ``_cache``
folder, which the stage loads where it runs (a shared folder on a cluster). What crosses batches is small:

1. read: the batch's articles and their sentences (kept for the later stages); how the batch writes its words
   (``WordCounts``); their dates, tagged when a worker has nothing else to do;
2. first look: each article's name candidates found with the whole corpus's word counts, and the names it
   adds to the corpus's name counts;
3. candidates: each article's name candidates with the corpus's name counts (most sentences keep what the
   first look found);
4. the actor step, on the table of candidates of every article (``Cast.resolve``), where the run was started;
5. events: each article's mentions, dates and events; the batch's events become one part file of the store.

Batches and their order do not change the result: every stage reads an article on its own, and what is
counted over the corpus is added up. A local run and a run on a cluster give the same events.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pandas as pd

from . import local_workers, schema, store
from .actors import ner
from .actors.index import ActorIndex, Cast, named_mention_counts
from .actors.mentions import Candidate, WordCounts, final_candidates, first_look, make_finder, word_counts
from .articles import discover, iter_inputs, unique_id
from .collector import fewer_collections
from .corpus import read_article, unreadable_row
from .files import file_size
from .model import Article, Problem, Span
from .sentences import sentences
from .temporal import tag

BATCH_CHARS = 400_000  # text per batch: big enough to amortise a task, small enough to balance workers


@dataclass
class Remembered:
    """What a run found in an article that a later run uses again while the article is unchanged (same content
    hash): the names counted in it and its name candidates. (Its dates are kept beside, in the batch's
    ``dates_file``; word counts are counted anew: it is quick.)"""

    names: Counter
    candidates: list[Candidate]


@dataclass
class Batch:
    """Articles read on a worker, with their sentences, content hashes and what an earlier run remembers of
    them (all by position in ``articles``)."""

    number: int
    articles: list[Article]
    spans: list[list[Span]]
    problems: list[Problem]
    digests: list[str] = field(default_factory=list)
    remembered: list[Remembered | None] = field(default_factory=list)

    def texts(self) -> list[tuple[str, list[Span]]]:
        return [(a.text, s) for a, s in zip(self.articles, self.spans)]


@dataclass
class BatchResult:
    """What the events stage of one batch tells the run: small, whatever the batch's size."""

    number: int
    articles: list[schema.ArticleRow]
    problems: list[Problem]
    warnings: list[str]
    events: int
    named: Counter = field(default_factory=Counter)  # actor -> named mentions
    in_events: Counter = field(default_factory=Counter)  # actor -> events naming it
    cached: dict[str, str] = field(default_factory=dict)  # content hash -> cache file name


@dataclass
class PipelineSummary:
    """What a run wrote and what it found wrong."""

    store: Path
    articles: int
    events: int
    problems: list[Problem]
    warnings: list[str]
    actors: pd.DataFrame
    article_table: pd.DataFrame
    workers: int
    aliases: dict[str, str]
    reused: int = 0  # articles unchanged since the store was last written, not searched again
    cache_files: list[str] = field(default_factory=list)

    @property
    def dateline_conflicts(self) -> list[str]:
        rows = self.article_table[self.article_table["dateline_conflict"].fillna("") != ""]
        return [f"{path}: {what}" for path, what in zip(rows["path"], rows["dateline_conflict"])]

    def resolve_actors(self, names: Iterable[str]) -> list:
        """What each of a user's names means (``timeline.actors.resolver.Resolution``)."""
        from .actors.resolver import Resolver

        resolver = Resolver(self.aliases)
        return [resolver.resolve(name) for name in names]


# -- the stages: module functions, so that a worker process can run them ------------------------------


@dataclass(frozen=True)
class BatchPlan:
    """What every stage of one batch is given: its files, the new ids of its duplicate ids, the store."""

    number: int
    files: tuple[str, ...]
    store: str
    run: str  # names this run's files in the store's cache
    renames: tuple[tuple[int, str, str], ...] = ()  # (position, new id, warning)

    def spill(self, what: str) -> Path:
        return store.StoreLayout(Path(self.store)).cache / f"{what}-{self.run}-{self.number:05d}.pkl"

    @property
    def cache_name(self) -> str:
        return f"{self.run}-{self.number:05d}.pkl"

    @property
    def dates_file(self) -> Path:
        return _dates_file(store.StoreLayout(Path(self.store)).cache / self.cache_name)


def read_batch(plan: BatchPlan) -> Batch:
    """The batch's articles read from their files, with their sentences and content hashes."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_inputs(list(plan.files)):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            articles.append(item)
    return Batch(plan.number, articles, [sentences(a.text) for a in articles], problems, [digest(a) for a in articles])


def batch_as_read(plan: BatchPlan, remembered: dict[str, str] | None = None) -> Batch:
    """The batch as the first stage read it (kept in the cache: loading it is ten times quicker than reading and
    splitting the files again), with the run's new ids and what an earlier run remembers of its articles
    (``remembered``: content hash -> the cache file holding it)."""
    kept = _load(plan.spill("batch"))
    batch = read_batch(plan) if kept is None else Batch(plan.number, *kept)
    for i, new, warning in plan.renames:
        article = batch.articles[i]
        batch.articles[i] = dataclasses.replace(article, id=new, warnings=[*article.warnings, warning])
    batch.remembered = _recall(batch.digests, remembered or {})
    return batch


def _keep_as_read(plan: BatchPlan, batch: Batch) -> None:
    _save(plan.spill("batch"), (batch.articles, batch.spans, batch.problems, batch.digests))


def _recall(digests: list[str], index: dict[str, str]) -> list:
    """What the cache files of ``index`` (content hash -> file) hold for each content hash; None where nothing."""
    loaded: dict[str, dict] = {}
    out: list = []
    for d in digests:
        where = index.get(d)
        if where is not None and where not in loaded:
            loaded[where] = _load(Path(where)) or {}  # a cache file gone or damaged: read afresh
        out.append(loaded[where].get(d) if where is not None else None)
    return out


def _save(path: Path, value) -> None:
    path.parent.mkdir(exist_ok=True)
    with open(path, "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)


def _load(path: Path):
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None


@fewer_collections()
def batch_ids_and_words(plan: BatchPlan) -> tuple[list[tuple[str, str]], WordCounts]:
    """The batch's article ids (and where each was read) and its word counts."""
    batch = read_batch(plan)
    _keep_as_read(plan, batch)
    ids = [(a.id, f"{a.path}:{a.line}" if a.line else a.path) for a in batch.articles]
    return ids, word_counts(batch.texts())


@fewer_collections()
def batch_dates(plan: BatchPlan, remembered: dict[str, str]) -> str:
    """Each article's dates, kept for the events stage and the next run (the file they are kept in): they need
    nothing from the rest of the corpus, so workers tag them while the actor step runs where the run was
    started. An article an earlier run tagged (same content hash) keeps its dates."""
    batch = batch_as_read(plan)
    files = {d: str(_dates_file(Path(remembered[d]))) for d in batch.digests if d in remembered}
    dates = {}
    for article, spans, d, known in zip(batch.articles, batch.spans, batch.digests, _recall(batch.digests, files)):
        dates[d] = known if known is not None else tag(article.text, article.published, spans)
    _save(plan.dates_file, dates)
    return str(plan.dates_file)


def _dates_file(cache_file: Path) -> Path:
    """Where the dates of the articles of a cache file (``BatchPlan.cache_name``) are kept."""
    return cache_file.with_name(f"dates-{cache_file.name}")


@fewer_collections()
def batch_first_looks(plan: BatchPlan, remembered: dict[str, str], counts: WordCounts) -> tuple[Counter, int]:
    """Each article's first look for names, kept for the next stage; the names they add to the corpus's, and
    how many articles an earlier run had read (they need no first look)."""
    batch = batch_as_read(plan, remembered)
    looks = [
        None if r is not None else first_look(counts, a.text, s)
        for a, s, r in zip(batch.articles, batch.spans, batch.remembered)
    ]
    _save(plan.spill("looks"), looks)
    names: Counter = Counter()
    for r, look in zip(batch.remembered, looks):
        if r is not None:
            names.update(r.names)
        elif look is not None:
            names.update(look.names)
    return names, sum(r is not None for r in batch.remembered)


@fewer_collections()
def batch_candidates(
    plan: BatchPlan, remembered: dict[str, str], counts: WordCounts, seen: Counter
) -> dict[str, list[Candidate]]:
    """Each article's name candidates with the corpus's name counts, written to the store's cache for the events
    stage and the next run."""
    batch = batch_as_read(plan, remembered)
    looks = _load(plan.spill("looks"))
    if looks is None:
        raise RuntimeError(f"{plan.spill('looks')}: the first looks of batch {plan.number} are gone")
    plan.spill("looks").unlink(missing_ok=True)
    finder = make_finder(counts, seen)
    out: dict[str, list[Candidate]] = {}
    remember: dict[str, Remembered] = {}
    for a, s, d, r, look in zip(batch.articles, batch.spans, batch.digests, batch.remembered, looks):
        if r is not None:
            out[a.id], names = r.candidates, r.names
        else:
            out[a.id], names = final_candidates(finder, a.text, s, look), look.names
        remember[d] = Remembered(names, out[a.id])
    store.write_cache(store.StoreLayout(Path(plan.store)), plan.cache_name, remember)
    for cands in out.values():
        one_copy_of_each_word(cands)  # sent once per batch: pickle writes an object it has seen as a reference
    return out


def one_copy_of_each_word(candidates: list[Candidate]) -> None:
    """The candidates' names and words as one string object each (``sys.intern``): a name recurs throughout a
    corpus, and the actor step holds the candidates of every article."""
    for c in candidates:
        c.name = sys.intern(c.name)
        c.tokens = [sys.intern(t) for t in c.tokens]


@fewer_collections()
def batch_model_kinds(plan: BatchPlan) -> dict[str, Counter]:
    batch = batch_as_read(plan)
    return ner.kinds(a.text for a in batch.articles) if ner.available() else {}


@dataclass(frozen=True)
class Naming:
    """The actor each name candidate of a batch's articles names: (article id, candidate index) -> canonical
    name. One value to Dask, which looks through every entry of a plain dict given to a task for futures."""

    named: dict[tuple[str, int], str]


@fewer_collections()
def batch_events(plan: BatchPlan, actors: Cast, naming: Naming, dates_file: str) -> BatchResult:
    """Mentions, dates and events of the batch's articles (``actors``: the corpus's actors; ``naming``: the
    actor each candidate of these articles names; ``dates_file``: where ``batch_dates`` kept their dates); the
    events are written to the store."""
    batch = batch_as_read(plan)
    plan.spill("batch").unlink(missing_ok=True)
    cached = _load(store.StoreLayout(Path(plan.store)).cache / plan.cache_name) or {}
    dates = _load(Path(dates_file)) or {}  # gone or damaged: tagged here
    cast = dataclasses.replace(actors, named=naming.named)
    mentions = {
        a.id: cast.mentions(a, s, cached[d].candidates) for a, s, d in zip(batch.articles, batch.spans, batch.digests)
    }
    index = ActorIndex(cast.actors, mentions, cast.hidden, cast.user_aliases)
    rows, article_rows, warnings = [], [], []
    for article, spans, d in zip(batch.articles, batch.spans, batch.digests):
        found, article_row = read_article(article, spans, index.lookup, dates.get(d))
        article_row.digest = d
        rows.extend(found)
        article_rows.append(article_row)
        warnings.extend(article.warnings)
    article_rows.extend(unreadable_row(p) for p in batch.problems)
    store.write_part(store.StoreLayout(Path(plan.store)), batch.number, store.rows_table(rows))
    mentioned = named_mention_counts(m for ms in mentions.values() for m in ms)
    in_events = Counter(actor for row in rows for actor in row.actors)
    return BatchResult(
        batch.number,
        article_rows,
        batch.problems,
        warnings,
        len(rows),
        mentioned,
        in_events,
        {d: plan.cache_name for d in batch.digests},
    )


def digest(article: Article) -> str:
    """The content hash of an article as read: its text and the metadata that places its dates."""
    h = hashlib.sha256()
    for part in (
        article.text,
        article.title,
        article.source,
        article.url,
        str(article.published),
        article.published_from,
    ):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


# -- running the stages ---------------------------------------------------------------------------------


class _Done:
    """A finished result, shaped like a Dask future for the code that runs the stages."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class InProcess:
    """Runs every stage at once, in this process: the executor for small corpora and a single worker."""

    workers = 1

    def submit(self, fn: Callable, *args, priority: int = 0):
        return _Done(fn(*(a.value if isinstance(a, _Done) else a for a in args)))

    def gather(self, futures):
        return [f.value for f in futures]

    def scatter(self, value):
        return _Done(value)

    def as_completed(self, futures):
        return iter(futures)

    def close(self) -> None:
        pass


class SchedulerUnreachable(RuntimeError):
    """The scheduler address given cannot be reached (or is no address)."""


class DaskExecutor:
    """The stages as tasks of a Dask cluster: local worker processes, or an existing scheduler."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None):
        self.cluster = None if scheduler else local_workers.local_cluster(workers)
        from distributed import Client

        if scheduler:
            try:
                self.client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError, ValueError) as err:
                raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        else:
            self.client = Client(self.cluster)
            self.client.run(local_workers.behind_the_run)
        self.workers = max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))

    def submit(self, fn: Callable, *args, priority: int = 0):
        return self.client.submit(fn, *args, pure=False, priority=priority)

    def gather(self, futures):
        return self.client.gather(list(futures))

    def scatter(self, value):
        # in a list, so that a dict is sent as one value and not as one future per key
        return self.client.scatter([value], broadcast=True, hash=False)[0]

    def as_completed(self, futures):
        from distributed import as_completed

        return as_completed(futures)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def executor_for(files: Sequence[str], workers: int | None, scheduler: str | None):
    """Dask where asked for (``scheduler``, or ``workers`` above 1), or by default for a corpus big enough to
    repay starting worker processes (``local_workers.worker_count``); else this process."""
    if scheduler:
        return DaskExecutor(scheduler=scheduler)
    workers = local_workers.worker_count(files, workers)
    return DaskExecutor(workers=workers) if workers > 1 else InProcess()


def batches_of(files: Sequence[str], batch_chars: int = BATCH_CHARS, at_least: int = 1) -> list[list[str]]:
    """Files in order, cut into batches of about ``batch_chars`` bytes (at least ``at_least`` batches when there
    are enough files, so that every worker has work)."""
    total = sum(file_size(f) for f in files)
    target = max(1, min(batch_chars, total // max(1, at_least)))
    out: list[list[str]] = [[]]
    filled = 0
    for f in files:
        if out[-1] and filled >= target:
            out.append([])
            filled = 0
        out[-1].append(f)
        filled += file_size(f)
    return [b for b in out if b]


def run_pipeline(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    actors_file: str | Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    batch_chars: int = BATCH_CHARS,
    rebuild: bool = False,
    part_events: int = store.PART_EVENTS,
) -> PipelineSummary:
    """Read every article under ``paths`` into the event store at ``out``. ``workers``: local worker processes
    (default: the cores, for a corpus over ``local_workers.PARALLEL_FROM`` bytes); ``scheduler``: the address
    of a Dask scheduler to run on instead. ``on_progress(done, total)`` follows the events stage.

    Where ``out`` holds a store already, an article whose content hash is unchanged is not searched for names
    again: its word counts, names and candidates are taken from the store's cache, and only the actor step and
    the events are made anew over the whole corpus. (Its candidates are those found with the corpus as it was
    then.) ``rebuild`` reads every article afresh. The batches' part files are merged at the end into parts of
    up to ``part_events`` events."""
    from .actors import find_overrides

    paths = [str(p) for p in paths]
    overrides = actors_file if actors_file is not None else find_overrides(paths)
    found = discover(paths)
    problems = [p for p in found if isinstance(p, Problem)]
    files = [str(p) for p in found if not isinstance(p, Problem)]
    layout = store.StoreLayout(Path(out))
    store.prepare(layout)
    remembered = {} if rebuild else store.read_cache_index(layout)
    run = executor_for(files, workers, scheduler)
    try:
        stages = _run(run, files, problems, layout, overrides, on_progress, batch_chars, remembered)
    finally:
        run.close()
    # Once the workers have stopped, as a merged part is held in memory: the parts are merged (in Arrow, which
    # lets go of the interpreter's lock) while the actor and article tables are made. The manifest is written
    # last: a store is complete once it is.
    with ThreadPoolExecutor(max_workers=1) as merger:
        merged = merger.submit(store.merge_parts, layout, part_events)
        summary, cached = _summarise(layout, stages)
        merged.result()
    store.write_cache_index(layout, cached)
    store.write_tables(
        layout, summary.article_table, summary.actors, {"articles": summary.articles, "events": summary.events}
    )
    store.forget_cache(layout, keep=set(summary.cache_files))
    return summary


@dataclass
class _Found:
    """What the stages of a run found, before it is added up (``_summarise``)."""

    results: list[BatchResult]
    problems: list[Problem]
    cast: Cast
    workers: int
    reused: int


@fewer_collections()
def _run(run, files, problems, layout, overrides, on_progress, batch_chars, remembered) -> _Found:
    groups = batches_of(files, batch_chars, at_least=4 * run.workers if run.workers > 1 else 1)
    run_id = os.urandom(4).hex()
    plans = [BatchPlan(n, tuple(group), str(layout.root), run_id) for n, group in enumerate(groups)]
    reading = {run.submit(batch_ids_and_words, p): p.number for p in plans}
    read_ids: dict[int, list[tuple[str, str]]] = {}
    counts = WordCounts()
    for future in run.as_completed(list(reading)):  # added up as they come (in any order), not held together
        ids_here, part = future.result()
        read_ids[reading.pop(future)] = ids_here
        counts.add(part)
    plans = _with_unique_ids(plans, [read_ids[p.number] for p in plans])
    index_everywhere = run.scatter(remembered)
    dates = [run.submit(batch_dates, p, index_everywhere, priority=-1) for p in plans]  # fills idle time
    counts_everywhere = run.scatter(counts)
    seen: Counter = Counter()
    reused = 0
    looks = [run.submit(batch_first_looks, p, index_everywhere, counts_everywhere) for p in plans]
    for future in run.as_completed(looks):  # names are added up in any order
        part, known = future.result()
        seen.update(part)
        reused += known
    seen_everywhere = run.scatter(seen)
    pending = {
        run.submit(batch_candidates, p, index_everywhere, counts_everywhere, seen_everywhere): p.number for p in plans
    }
    found: dict[int, dict[str, list[Candidate]]] = {}
    for future in run.as_completed(list(pending)):  # each batch's candidates fetched while the others are found
        found[number := pending.pop(future)] = future.result()  # and let go of, so that its worker drops them
        for cands in found[number].values():
            one_copy_of_each_word(cands)
    del pending, counts_everywhere, seen_everywhere, index_everywhere  # let the workers drop them
    candidates: dict[str, list[Candidate]] = {}  # in corpus order
    ids: dict[int, list[str]] = {}
    for plan in plans:
        candidates.update(found[plan.number])
        ids[plan.number] = list(found.pop(plan.number))
    model_kinds: dict[str, Counter] = {}
    if ner.available():
        for part in run.gather([run.submit(batch_model_kinds, p) for p in plans]):
            for name, votes in part.items():
                model_kinds.setdefault(name, Counter()).update(votes)
    cast = Cast.resolve(candidates, model_kinds or None, overrides)
    del candidates, counts, seen
    # the actors go to every worker once; each batch gets only the naming of its own articles, and waits only
    # for its own dates (the others are tagged meanwhile)
    cast_everywhere = run.scatter(cast.for_reading())
    done = [
        run.submit(batch_events, p, cast_everywhere, Naming(cast.named_in(ids[p.number])), dated)
        for p, dated in zip(plans, dates)
    ]
    cast = dataclasses.replace(cast, named={})  # each batch's naming went with its task: the rest is not needed
    results: list[BatchResult] = []
    for i, future in enumerate(run.as_completed(done), start=1):
        results.append(future.result())
        if on_progress is not None:
            on_progress(i, len(done))
    results.sort(key=lambda r: r.number)
    return _Found(results, problems + [p for r in results for p in r.problems], cast, run.workers, reused)


def _with_unique_ids(plans: list[BatchPlan], ids: list[list[tuple[str, str]]]) -> list[BatchPlan]:
    """Article ids unique over the corpus, as ``iter_inputs`` makes them in one pass: a later duplicate is
    renamed, and says so."""
    seen: dict[str, str] = {}
    out = []
    for plan, batch_ids in zip(plans, ids):
        renames = []
        for i, (doc, here) in enumerate(batch_ids):
            new, warning = unique_id(doc, here, seen)
            if warning:
                renames.append((i, new, warning))
        out.append(dataclasses.replace(plan, renames=tuple(renames)))
    return out


@fewer_collections()
def _summarise(layout: store.StoreLayout, found: _Found) -> tuple[PipelineSummary, dict[str, str]]:
    """The run's summary, and which cache file holds each article (content hash -> file name)."""
    results, cast = found.results, found.cast
    named: Counter = Counter()
    in_events: Counter = Counter()
    for r in results:
        named.update(r.named)
        in_events.update(r.in_events)
    index = cast.index({}, named)
    actors = index.table()
    actors = actors.assign(events=actors["name"].map(in_events).fillna(0).astype(int))
    articles = schema.articles_frame([row for r in results for row in r.articles])
    warnings = [w for r in results for w in r.warnings]
    events = sum(r.events for r in results)
    cached = {d: name for r in results for d, name in r.cached.items()}
    summary = PipelineSummary(
        store=layout.root,
        articles=len(articles),
        events=events,
        problems=found.problems,
        warnings=warnings,
        actors=actors,
        article_table=articles,
        workers=found.workers,
        aliases=index.aliases,
        reused=found.reused,
        cache_files=sorted({n for name in cached.values() for n in (name, _dates_file(Path(name)).name)}),
    )
    return summary, cached
