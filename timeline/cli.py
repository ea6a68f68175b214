"""The ``timeline`` command line: argument parsing only; the work is done by the library."""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from . import output


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}")


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actor", action="append", default=[], metavar="NAME",
                   help="keep events with this actor: its name or an alias (any case), or a fuller or shorter "
                        "form of one actor's name; repeatable. A name that fits no actor (or several) is "
                        "reported with close spellings and matches nothing")
    p.add_argument("--since", type=_date, metavar="DATE", help="keep events reaching on or after DATE")
    p.add_argument("--until", type=_date, metavar="DATE", help="keep events starting on or before DATE")


def _filter(args, corpus):
    """The filter the options ask for, and whether an --actor named no actor. Such a name is reported on
    stderr (with the close spellings) and kept in the filter, where it matches nothing."""
    from .filters import EventFilter
    actors, unknown = [], False
    for found in corpus.resolve_actors(args.actor):
        if not found:
            print(f"timeline: {found.message()}", file=sys.stderr)
            unknown = True
        actors.extend(found.matches or [found.query])
    return EventFilter(actors=tuple(dict.fromkeys(actors)), since=args.since, until=args.until), unknown


def _add_actors(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actors", metavar="FILE",
                   help="actors.yaml merging, renaming and hiding actors (default: actors.yaml beside the corpus)")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="timeline", description="Dated events, and who took part, from news articles.")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("events", help="the event table")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _add_filters(p)
    _add_actors(p)
    p.add_argument("--format", choices=output.FORMATS)
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--strict", action="store_true",
                   help="exit non-zero when an input cannot be read or an --actor names no actor")

    p = sub.add_parser("tag", help="every temporal expression, one per line")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--strict", action="store_true")

    p = sub.add_parser("articles", help="one row per input: publication date, status, event count")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _add_actors(p)
    p.add_argument("--format", choices=("table",) + output.FORMATS, default="table")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--strict", action="store_true")

    p = sub.add_parser("evaluate", help="score the tagger on TimeML files")
    p.add_argument("folders", nargs="+", metavar="FOLDER")
    p.add_argument("--misses", metavar="FILE", default="timex-misses.json",
                   help="where to write the wrong values (default: %(default)s)")

    p = sub.add_parser("render", help="draw the timeline to a PNG, SVG or HTML file")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _add_filters(p)
    _add_actors(p)
    p.add_argument("--lanes", choices=("actor", "article"), default="actor")
    p.add_argument("--color", choices=("source", "article"), default="source")
    p.add_argument("-o", "--output", metavar="FILE", required=True)

    p = sub.add_parser("actors", help="the actors: kind, aliases, event and mention counts")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _add_actors(p)
    p.add_argument("--format", choices=("table",) + output.FORMATS, default="table")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--strict", action="store_true")
    return ap


def _report(corpus, strict: bool, conflicts: bool = True) -> int:
    """Tell the user, on stderr, what could not be read (and, with ``conflicts``, which datelines disagree with
    the metadata); with --strict an unreadable input makes the exit status 1."""
    for warning in corpus.warnings + (corpus.dateline_conflicts if conflicts else []):
        print(f"timeline: warning: {warning}", file=sys.stderr)
    for problem in corpus.problems:
        print(f"timeline: {problem}", file=sys.stderr)
    return 1 if strict and corpus.problems else 0


def cmd_events(args) -> int:
    from .corpus import read_corpus
    from .filters import apply_filter
    corpus = read_corpus(args.paths, show_progress=True, actors_file=args.actors)
    wanted, unknown_actor = _filter(args, corpus)
    events = apply_filter(corpus.events, wanted, corpus.aliases)
    output.write_table(events, output.format_for(args.output, args.format), args.output)
    return max(_report(corpus, args.strict), int(args.strict and unknown_actor))


def cmd_tag(args) -> int:
    from .articles import iter_inputs
    from .progress import progress
    from .model import Problem
    from .temporal import tag
    problems = []
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    rows_for_csv = []
    try:
        for item in progress(iter_inputs(args.paths)):
            if isinstance(item, Problem):
                problems.append(item)
                print(f"timeline: {item}", file=sys.stderr)
                continue
            for warning in item.warnings:
                print(f"timeline: warning: {warning}", file=sys.stderr)
            rows = [{"doc": item.id, "start": t.start, "end": t.end, "text": t.text, "type": t.type,
                     "value": t.value, "mod": t.mod} for t in tag(item.text, item.published, tense=False)]
            if args.format == "jsonl":
                output.write_jsonl(rows, out)
            else:
                rows_for_csv.extend(rows)
        if args.format == "csv":
            from .schema import timex_frame
            timex_frame(rows_for_csv).to_csv(out, index=False)
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
        text += (f"\n\nThe dateline disagrees with the metadata in {len(conflicts)} "
                 f"article{'s' if len(conflicts) != 1 else ''}:\n"
                 + "\n".join(f"  {doc}: {what}" for doc, what in zip(conflicts["id"], conflicts["dateline_conflict"])))
    output.write_text(text, args.output)
    return _report(corpus, args.strict, conflicts=False)


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate_folders, format_report
    results = evaluate_folders(args.folders, args.misses)
    print(format_report(results))
    print(f"wrong values written to {args.misses}", file=sys.stderr)
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
    title = (f"{int(events['start'].notna().sum())} events · {events['doc'].nunique()} articles · "
             f"{describe_filter(wanted)}")
    fig = timeline_figure(events, lanes=args.lanes, color=args.color, title=title,
                          colors=color_assignment(corpus.events, args.color), window=(args.since, args.until),
                          focus=wanted_actors(wanted.actors, corpus.events, corpus.aliases))
    write_figure(fig, args.output)
    print(f"wrote {args.output} ({len(events)} events)", file=sys.stderr)
    return _report(corpus, False)


def cmd_actors(args) -> int:
    from .corpus import read_corpus
    corpus = read_corpus(args.paths, show_progress=True, actors_file=args.actors)
    table = corpus.actors[["name", "kind", "events", "mentions", "articles", "aliases"]]
    if args.format == "table":
        shown = table.assign(aliases=table["aliases"].map("; ".join))
        output.write_text(shown.to_string(index=False, max_colwidth=60), args.output)
    else:
        output.write_table(table, args.format, args.output)
    return _report(corpus, args.strict)


COMMANDS = {"events": cmd_events, "tag": cmd_tag, "articles": cmd_articles, "evaluate": cmd_evaluate,
            "render": cmd_render, "actors": cmd_actors}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:  # `timeline events seeds | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except ValueError as e:   # an actors.yaml that cannot be used (timeline.actors.OverridesError)
        from .actors import OverridesError
        if not isinstance(e, OverridesError):
            raise
        print(f"timeline: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
