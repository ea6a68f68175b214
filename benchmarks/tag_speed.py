"""Speed of the date tagger against dateparser's search_dates, on TimeBank's text repeated to >= 2 MB.

    .venv/bin/python benchmarks/tag_speed.py [TIMEBANK_DIR]

Times the whole `timeline tag FILE --format jsonl` process, `tag()` in-process, and search_dates on a
200 kB sample of the same text (rates in kchar/s; the target is >= 10x dateparser on one core). Each figure is
given as wall-clock and as CPU time: on a shared machine the CPU-time ratio is the fair one.
"""
from __future__ import annotations

import datetime as dt
import glob
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from timeline.evaluate import read_tml  # noqa: E402
from timeline.temporal import tag  # noqa: E402

DEFAULT = os.path.join(ROOT, "..", "shared", "eval", "data", "timebank")
TARGET_CHARS = 2_000_000
SAMPLE_CHARS = 200_000
PUBLISHED = dt.date(1989, 10, 27)


def corpus_text(folder: str) -> str | None:
    paths = sorted(glob.glob(os.path.join(folder, "*.tml")))
    if not paths:
        return None
    base = "\n\n".join(read_tml(p).text.strip() for p in paths)
    return "\n\n".join([base] * (TARGET_CHARS // len(base) + 1))


def rate(chars: int, seconds: float) -> float:
    return chars / max(seconds, 1e-9) / 1000


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cli(text: str) -> tuple[float, float, int] | None:
    exe = os.path.join(os.path.dirname(sys.executable), "timeline")
    if not os.path.exists(exe):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "timebank.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"---\npublished: {PUBLISHED}\n---\n{text}")
        t, cpu = time.perf_counter(), _children_cpu()
        res = subprocess.run([exe, "tag", path, "--format", "jsonl"], capture_output=True, text=True)
        seconds, cpu = time.perf_counter() - t, _children_cpu() - cpu
    if res.returncode != 0:
        print(f"timeline tag failed ({res.returncode}): {res.stderr[-500:]}")
        return None
    return seconds, cpu, sum(1 for line in res.stdout.splitlines() if line.strip())


def time_dateparser(sample: str) -> tuple[float, float]:
    from dateparser.search import search_dates
    settings = {"RELATIVE_BASE": dt.datetime.combine(PUBLISHED, dt.time()), "RETURN_TIME_AS_PERIOD": True}
    search_dates("warm up on Dec. 20", languages=["en"], settings=settings)
    t, cpu = time.perf_counter(), time.process_time()
    search_dates(sample, languages=["en"], settings=settings)
    return time.perf_counter() - t, time.process_time() - cpu


def main() -> int:
    folder = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    text = corpus_text(folder)
    if text is None:
        print(f"skipped: no TimeML files in {folder}")
        return 0
    print(f"text: {len(text):,} chars (TimeBank repeated)")
    tag("warm up on Dec. 20", PUBLISHED)
    t, cpu = time.perf_counter(), time.process_time()
    found = tag(text, PUBLISHED)
    own, own_cpu = time.perf_counter() - t, time.process_time() - cpu
    n = len(text)
    print(f"tag() in-process: {own:.2f}s wall, {own_cpu:.2f}s CPU: {rate(n, own):.0f} / {rate(n, own_cpu):.0f} kchar/s"
          f" (wall / CPU), {len(found)} expressions")
    cli = time_cli(text)
    if cli is not None:
        print(f"timeline tag (whole process): {cli[0]:.2f}s wall, {cli[1]:.2f}s CPU: "
              f"{rate(n, cli[0]):.0f} / {rate(n, cli[1]):.0f} kchar/s, {cli[2]} lines")
    sample = text[:SAMPLE_CHARS]
    dp, dp_cpu = time_dateparser(sample)
    dp_rate, dp_cpu_rate = rate(len(sample), dp), rate(len(sample), dp_cpu)
    print(f"dateparser search_dates: {dp:.2f}s wall, {dp_cpu:.2f}s CPU on {len(sample):,} chars: "
          f"{dp_rate:.0f} / {dp_cpu_rate:.0f} kchar/s")
    print(f"ratio tag()/dateparser: {rate(n, own) / dp_rate:.1f}x wall, {rate(n, own_cpu) / dp_cpu_rate:.1f}x CPU")
    if cli is not None:
        print(f"ratio timeline tag/dateparser: {rate(n, cli[0]) / dp_rate:.1f}x wall, "
              f"{rate(n, cli[1]) / dp_cpu_rate:.1f}x CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
