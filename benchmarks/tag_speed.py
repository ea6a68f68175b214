"""Speed of the `timeline tag` command against dateparser's search_dates, both cold: a fresh process each,
on a folder of separate articles.

    .venv/bin/python benchmarks/tag_speed.py [DATA_DIR] [--runs N] [--corpus-runs N]

DATA_DIR (default: $TIMELINE_EVAL_DATA, else shared/eval/data beside the project's folder) holds TimeML
folders: timebank, tweets, wikiwars-dev, timeline-*/tml. Every document becomes one .md file with
`published:` front matter in a temporary folder, deleted afterwards; nothing is written into the project.

Figures, each as wall-clock and CPU time (user + system of the child process; on a shared machine the CPU
figures are the fair ones):
  start-up  `timeline tag` on one small article: the first run with an empty table cache (it compiles the
            rule tables and writes the cache) and the median of N runs that read the cache;
  corpus    `timeline tag FOLDER --format jsonl`, one process for every article, against one Python process
            that imports dateparser and calls search_dates on each article (its publication date as
            RELATIVE_BASE), each run --corpus-runs times (the median is given); the ratio of the two is the
            speed-up (the target is >= 10x).
"""
from __future__ import annotations

import argparse
import compileall
import glob
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from timeline.evaluate import read_tml  # noqa: E402

SETS = ("timebank", "tweets", "wikiwars-dev", "timeline-*/tml")
TARGET = 10.0               # dateparser's CPU time over ours, on the corpus
SMALL = "The council met on Tuesday and will vote again next week.\n"

# The dateparser side: run in a fresh interpreter, like the `timeline` command, and timed as a whole.
DATEPARSER = r"""
import datetime as dt, glob, os, sys
from dateparser.search import search_dates
found = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.md"))):
    with open(path, encoding="utf-8") as f:
        _, head, text = f.read().split("---\n", 2)
    published = dt.datetime.fromisoformat(head.split("published:", 1)[1].strip())
    hits = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": published})
    found += len(hits or [])
print(found)
"""


def default_data() -> str:
    return os.environ.get("TIMELINE_EVAL_DATA") or os.path.join(os.path.dirname(ROOT), "shared", "eval", "data")


def write_articles(data: str, folder: str) -> tuple[int, int]:
    """One .md file per TimeML document of the development sets; (articles, characters)."""
    n = chars = 0
    for name in SETS:
        for path in sorted(glob.glob(os.path.join(data, name, "*.tml"))):
            doc = read_tml(path)
            if not doc.dct or not doc.text.strip():
                continue
            n += 1
            chars += len(doc.text)
            stem = os.path.basename(path)[:-4].replace(" ", "_")
            with open(os.path.join(folder, f"{n:04d}_{stem}.md"), "w", encoding="utf-8") as f:
                f.write(f"---\npublished: {doc.dct}\n---\n{doc.text}")
    return n, chars


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of a fresh process."""
    wall, cpu = time.perf_counter(), _children_cpu()
    res = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall, cpu = time.perf_counter() - wall, _children_cpu() - cpu
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed ({res.returncode}): {res.stderr[-800:]}")
    return wall, cpu, res.stdout


def median_run(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float, str]:
    """run() `runs` times: the median wall-clock and CPU times, and the output of the last run."""
    results = [run(cmd, env) for _ in range(max(1, runs))]
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results), results[-1][2])


def figure(label: str, wall: float, cpu: float, extra: str = "") -> None:
    print(f"  {label:<44} {wall:7.3f} s wall {cpu:7.3f} s CPU{extra}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default=default_data())
    ap.add_argument("--runs", type=int, default=5, help="start-up runs with the cache filled (median)")
    ap.add_argument("--corpus-runs", type=int, default=3, help="runs of each side on the corpus (median)")
    args = ap.parse_args()
    exe = os.path.join(os.path.dirname(sys.executable), "timeline")
    if not os.path.exists(exe):
        print(f"skipped: no `timeline` command beside {sys.executable} (run `make install`)")
        return 0
    with tempfile.TemporaryDirectory(prefix="tag-speed-") as tmp:
        folder = os.path.join(tmp, "articles")
        os.mkdir(folder)
        articles, chars = write_articles(args.data, folder)
        if not articles:
            print(f"skipped: no TimeML documents under {args.data} ({', '.join(SETS)}); "
                  "give the folder of the development data as the first argument")
            return 0
        # an empty cache of our own: the first run compiles the tables, the later ones read them
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"))
        # Python's own byte code, as an installed package has it (pip compiles it on install; an editable
        # install under PYTHONDONTWRITEBYTECODE would compile every module in every run, and dateparser not)
        compileall.compile_dir(os.path.join(ROOT, "timeline"), quiet=1)
        small = os.path.join(tmp, "small.md")
        with open(small, "w", encoding="utf-8") as f:
            f.write(f"---\npublished: 2011-11-24\n---\n{SMALL}")

        print(f"start-up: `timeline tag` on one article of {len(SMALL)} characters")
        wall, cpu, _ = run([exe, "tag", small], env)
        figure("first run (empty cache)", wall, cpu)
        runs = [run([exe, "tag", small], env)[:2] for _ in range(max(1, args.runs))]
        start_wall = statistics.median(r[0] for r in runs)
        start_cpu = statistics.median(r[1] for r in runs)
        figure(f"cache filled (median of {len(runs)})", start_wall, start_cpu)

        print(f"corpus: {articles} articles, {chars:,} characters, each a separate file, one fresh process each side "
              f"(median of {max(1, args.corpus_runs)})")
        wall, cpu, out = median_run([exe, "tag", folder, "--format", "jsonl"], env, args.corpus_runs)
        ours = sum(1 for line in out.splitlines() if line.strip())
        figure("timeline tag FOLDER", wall, cpu, f"  {chars / cpu / 1000:6.0f} kchar/s CPU, {ours} expressions")
        try:
            dp_wall, dp_cpu, dp_out = median_run([sys.executable, "-c", DATEPARSER, folder], env, args.corpus_runs)
        except RuntimeError as e:
            print(f"  dateparser: skipped ({e})")
            return 0
        figure("dateparser search_dates", dp_wall, dp_cpu,
               f"  {chars / dp_cpu / 1000:6.0f} kchar/s CPU, {dp_out.strip()} dates")
        ratio = dp_cpu / cpu
        print(f"ratio (dateparser time / timeline time): {dp_wall / wall:.1f}x wall, {ratio:.1f}x CPU "
              f"(target >= {TARGET:.0f}x CPU{'' if ratio >= TARGET else ': missed'})")
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
