"""The ``timeline`` command line: argument parsing only; the work is done by the library."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from . import files, output

CSV_HELP = (
    "CSV is for spreadsheets: a text cell starting with = + - @ (or a tab) gets a leading apostrophe, so "
    "that it is not run as a formula, and control characters are removed; JSON lines and Parquet keep "
    "the text as it is"
)


def say(message: str) -> None:
    """A message on stderr, without control characters or escape sequences (file names and titles are the
    input's, and may hold them)."""
    print(f"timeline: {output.printable(message)}", file=sys.stderr)


def _megabytes(text: str) -> float:
    try:
        return files.megabytes(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {text!r}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--actor",
        action="append",
        default=[],
        metavar="NAME",
        help="keep events with this actor: its name or an alias (any case), or a fuller or shorter "
        "form of one actor's name; repeatable. A name that fits no actor (or several) is "
        "reported with close spellings and matches nothing",
    )
    p.add_argument("--since", type=_date, metavar="DATE", help="keep events reaching on or after DATE")
    p.add_argument("--until", type=_date, metavar="DATE", help="keep events starting on or before DATE")


def _filter(args, corpus):
    """The filter the options ask for, and whether an --actor named no actor. Such a name is reported on
    stderr (with the close spellings) and kept in the filter, where it matches nothing."""
    from .filters import EventFilter

    actors: list[str] = []
    unknown = False
    for found in corpus.resolve_actors(args.actor):
        if not found:
            say(found.message())
            unknown = True
        actors.extend(found.matches or [found.query])
    return EventFilter(actors=tuple(dict.fromkeys(actors)), since=args.since, until=args.until), unknown


def _add_actors(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--actors",
        metavar="FILE",
        help="actors.yaml merging, renaming and hiding actors (default: actors.yaml beside the corpus)",
    )


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files and folders (searched recursively)")
    p.add_argument(
        "--max-file-size",
        type=_megabytes,
        metavar="MB",
        help=f"skip (and name) input files larger than MB megabytes (default: ${files.ENV_MAX_MB}, "
        f"else {files.DEFAULT_MAX_MB:g}); pipes, devices and symbolic link loops are always skipped",
    )


def _add_output(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=required,
        help="write here instead of standard output; never an input file nor a file inside an input "
        "folder (refused, exit status 2)",
    )


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="timeline", description="Dated events, and who took part, from news articles.")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("events", help="the event table", epilog=CSV_HELP)
    _add_inputs(p)
    _add_filters(p)
    _add_actors(p)
    p.add_argument(
        "--format",
        choices=output.FORMATS,
        help="default: from the -o file's extension, else csv; parquet writes an event store: a folder "
        "of Parquet files that pandas, DuckDB and Dask read as they are",
    )
    _add_output(p)
    p.add_argument(
        "--strict", action="store_true", help="exit non-zero when an input cannot be read or an --actor names no actor"
    )
    p.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="worker processes on this machine (default: one per core for a corpus over "
        "2 MB, else none: all in this process)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on an existing Dask cluster (tcp://host:8786); its workers must read the article paths "
        "and write the -o folder at the same paths (a shared file system)",
    )
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="with --format parquet onto an existing store: read every article afresh, even unchanged ones",
    )

    p = sub.add_parser("tag", help="every temporal expression, one per line", epilog=CSV_HELP)
    _add_inputs(p)
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    _add_output(p)
    p.add_argument("--strict", action="store_true")

    p = sub.add_parser("articles", help="one row per input: publication date, status, event count", epilog=CSV_HELP)
    _add_inputs(p)
    _add_actors(p)
    p.add_argument("--format", choices=("table",) + output.FORMATS, default="table")
    _add_output(p)
    p.add_argument("--strict", action="store_true")

    p = sub.add_parser("evaluate", help="score the tagger on TimeML files")
    p.add_argument("folders", nargs="+", metavar="FOLDER")
    p.add_argument(
        "--misses",
        metavar="FILE",
        default="timex-misses.json",
        help="where to write the wrong values (default: %(default)s)",
    )

    p = sub.add_parser("render", help="draw the timeline to a PNG, SVG or HTML file")
    _add_inputs(p)
    _add_filters(p)
    _add_actors(p)
    p.add_argument("--lanes", choices=("actor", "article"), default="actor")
    p.add_argument("--color", choices=("source", "article"), default="source")
    _add_output(p, required=True)

    p = sub.add_parser("actors", help="the actors: kind, aliases, event and mention counts", epilog=CSV_HELP)
    _add_inputs(p)
    _add_actors(p)
    p.add_argument("--format", choices=("table",) + output.FORMATS, default="table")
    _add_output(p)
    p.add_argument("--strict", action="store_true")
    return ap


def _report(corpus, strict: bool, conflicts: bool = True) -> int:
    """Tell the user, on stderr, what could not be read (and, with ``conflicts``, which datelines disagree with
    the metadata); with --strict an unreadable input makes the exit status 1."""
    for warning in corpus.warnings + (corpus.dateline_conflicts if conflicts else []):
        say(f"warning: {warning}")
    for problem in corpus.problems:
        say(str(problem))
    return 1 if strict and corpus.problems else 0


def cmd_events(args) -> int:
    import tempfile

    from .local_workers import start_early

    fmt = output.format_for(args.output, args.format)
    if fmt == "parquet" and not args.output:
        raise SystemExit("timeline: --format parquet needs -o FOLDER")
    start_early(args.paths, args.workers, args.scheduler)  # before the imports below, which it then runs beside

    from . import store
    from .filters import apply_filter
    from .pipeline import SchedulerUnreachable, run_pipeline
    from .progress import progress_callback

    with tempfile.TemporaryDirectory(prefix="timeline-events-") as scratch:
        where = args.output if fmt == "parquet" else os.path.join(scratch, "store")
        try:
            summary = run_pipeline(
                args.paths,
                where,
                workers=args.workers,
                scheduler=args.scheduler,
                actors_file=args.actors,
                on_progress=progress_callback("batches"),
                rebuild=args.rebuild,
            )
        except (store.StoreError, SchedulerUnreachable) as err:
            say(str(err))
            return 2
        if summary.reused:
            say(
                f"{summary.reused} of {summary.articles} articles unchanged since {where} was written: "
                "their names were not searched again (--rebuild reads them afresh)"
            )
        wanted, unknown_actor = _filter(args, summary)
        if fmt == "parquet":
            if not wanted.is_empty:
                store.filter_parts(
                    store.StoreLayout(Path(where)), lambda part: apply_filter(part, wanted, summary.aliases)
                )
        else:
            events = apply_filter(store.read_events(where), wanted, summary.aliases)
            output.write_table(events, fmt, args.output)
    return max(_report(summary, args.strict), int(args.strict and unknown_actor))


def cmd_tag(args) -> int:
    from .articles import iter_inputs
    from .model import Problem
    from .progress import progress
    from .temporal import tag

    problems = []
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    rows_for_csv = []
    try:
        for item in progress(iter_inputs(args.paths)):
            if isinstance(item, Problem):
                problems.append(item)
                say(str(item))
                continue
            for warning in item.warnings:
                say(f"warning: {warning}")
            rows = [
                {
                    "doc": item.id,
                    "start": t.start,
                    "end": t.end,
                    "text": t.text,
                    "type": t.type,
                    "value": t.value,
                    "mod": t.mod,
                }
                for t in tag(item.text, item.published, tense=False)
            ]
            if args.format == "jsonl":
                output.write_jsonl(rows, out)
            else:
                rows_for_csv.extend(rows)
        if args.format == "csv":
            from .schema import timex_frame

            output.write_csv(timex_frame(rows_for_csv), out)
    finally:
        if args.output:
            out.close()
    return 1 if args.strict and problems else 0


def cmd_articles(args) -> int:
    from .corpus import read_corpus

    corpus = read_corpus(args.paths, show_progress=True, actors_file=args.actors)
    table = corpus.articles
    if args.format != "table":
        output.write_table(table, args.format, args.output)
        return _report(corpus, args.strict)
    shown = table[["id", "title", "source", "published", "published_from", "dateline", "status", "events"]].copy()
    for column in ("published", "dateline"):
        shown[column] = shown[column].dt.strftime("%Y-%m-%d").fillna("-")
    text = shown.fillna("").to_string(index=False, max_colwidth=48)
    conflicts = table[table["dateline_conflict"].fillna("") != ""]
    if len(conflicts):
        text += (
            f"\n\nThe dateline disagrees with the metadata in {len(conflicts)} "
            f"article{'s' if len(conflicts) != 1 else ''}:\n"
            + "\n".join(f"  {doc}: {what}" for doc, what in zip(conflicts["id"], conflicts["dateline_conflict"]))
        )
    output.write_text(text, args.output)
    return _report(corpus, args.strict, conflicts=False)


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate_folders, format_report

    results = evaluate_folders(args.folders, args.misses)
    print(output.printable(format_report(results)))
    print(output.printable(f"wrong values written to {args.misses}"), file=sys.stderr)
    return 0


def cmd_render(args) -> int:
    from .colors import color_assignment
    from .corpus import read_corpus
    from .export import describe_filter, write_figure
    from .figure import timeline_figure
    from .filters import apply_filter, wanted_actors

    corpus = read_corpus(args.paths, show_progress=True, actors_file=args.actors)
    wanted, _ = _filter(args, corpus)
    events = apply_filter(corpus.events, wanted, corpus.aliases)
    title = (
        f"{int(events['start'].notna().sum())} events · {events['doc'].nunique()} articles · {describe_filter(wanted)}"
    )
    fig = timeline_figure(
        events,
        lanes=args.lanes,
        color=args.color,
        title=title,
        colors=color_assignment(corpus.events, args.color),
        window=(args.since, args.until),
        focus=wanted_actors(wanted.actors, corpus.events, corpus.aliases),
    )
    write_figure(fig, args.output)
    print(output.printable(f"wrote {args.output} ({len(events)} events)"), file=sys.stderr)
    return _report(corpus, False)


def cmd_actors(args) -> int:
    from .corpus import read_corpus

    corpus = read_corpus(args.paths, show_progress=True, actors_file=args.actors)
    assert corpus.actors is not None  # read_corpus finds the actors itself
    table = corpus.actors[["name", "kind", "events", "mentions", "articles", "aliases"]]
    if args.format == "table":
        shown = table.assign(aliases=table["aliases"].map("; ".join))
        output.write_text(shown.to_string(index=False, max_colwidth=60), args.output)
    else:
        output.write_table(table, args.format, args.output)
    return _report(corpus, args.strict)


COMMANDS = {
    "events": cmd_events,
    "tag": cmd_tag,
    "articles": cmd_articles,
    "evaluate": cmd_evaluate,
    "render": cmd_render,
    "actors": cmd_actors,
}


def _inputs(args) -> list[str]:
    """Every file or folder the command reads: the paths, the articles.csv beside a file given alone, the
    actors.yaml."""
    paths = list(getattr(args, "paths", []))
    found = [os.path.join(os.path.dirname(p), "articles.csv") for p in paths if not os.path.isdir(p)]
    if hasattr(args, "actors"):
        from .actors import find_overrides

        actors = args.actors or find_overrides(paths)
        found += [str(actors)] if actors else []
    return paths + found


def _refusal(args) -> str | None:
    """Why the command cannot run as asked (said before anything is written), or None."""
    if hasattr(args, "max_file_size") and args.max_file_size is None:
        try:
            files.max_file_bytes()
        except ValueError as err:
            return str(err)
    if getattr(args, "output", None):
        clash = files.overwrites_input(args.output, _inputs(args))
        if clash:
            return f"-o {clash}: choose a file outside the inputs"
    return None


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    refusal = _refusal(args)
    if refusal:
        say(refusal)
        return 2
    try:
        with files.size_limit(getattr(args, "max_file_size", None)):
            return COMMANDS[args.command](args)
    except BrokenPipeError:  # `timeline events seeds | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except ValueError as e:  # an actors.yaml that cannot be used (timeline.actors.OverridesError)
        from .actors import OverridesError

        if not isinstance(e, OverridesError):
            raise
        say(str(e))
        return 2


if __name__ == "__main__":
    sys.exit(main())
