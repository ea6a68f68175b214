"""Throughput and peak memory of `timeline events` on megabytes of separate article files, beside `timeline tag`
on the same files, in one run.

    .venv/bin/python benchmarks/events_speed.py [--megabytes 10 [100 ...]] [--repeat 3] [DATA_DIR]

The articles: every document of the development sets (TimeBank, tweets, WikiWars, the TimeLine sets; DATA_DIR,
default shared/eval/data beside the project) as an .md file with its publication date. To reach the size the
documents are written again, each copy with its sentences in another order and published some years later
(so names, words and dates recur as in a long-running story, and no two files are the same text). Nothing is
written into the project.

Per size, each command in a fresh process, as a user runs it:
  tag                `timeline tag DIR --format jsonl`
  events             `timeline events DIR --format parquet -o STORE` (default: local cores above 2 MB)
  events, 1 worker   the same with --workers 1
  events, cluster    the same with --scheduler on a Dask scheduler and one worker per core, started here from
                     the project's environment (`dask scheduler`, `dask worker`); its events must equal the
                     local run's
  quarter            events on the first quarter of the files
tag and the default events run are run alternately, --repeat times each (default 3), and their medians compared;
the others once. Figures: wall-clock seconds, characters per second, and peak memory: the largest sum, over the process and its
children (the worker processes), of resident memory, sampled every 50 ms (for the cluster run, the workers'
and the scheduler's memory is added). Targets: events at most 3x the time of tag; peak at most 1 GB and at most
1.5x the quarter's. Exit status 1 when one is missed.
The commands run the package as installed (`make install` compiles its name finder, `timeline.native`);
which it is, compiled or pure Python, is printed first.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline import native  # noqa: E402
from timeline.evaluate import read_tml  # noqa: E402

SETS = ("timebank", "tweets", "wikiwars-dev", "timeline-trial/tml", "timeline-corpus1/tml")
BIN = Path(sys.executable).parent
TIME_RATIO, PEAK_MB, PEAK_RATIO = 3.0, 1024, 1.5
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def documents(data: Path) -> list[tuple[str, str]]:
    """(publication date, text) of every development document that has both."""
    out = []
    for name in SETS:
        for path in sorted((data / name).glob("*.tml")):
            doc = read_tml(str(path))
            if doc.dct and doc.text.strip():
                out.append((doc.dct, doc.text.strip()))
    return out


def build_corpus(folder: Path, megabytes: float, docs: list[tuple[str, str]]) -> tuple[int, int]:
    """Files of about ``megabytes`` of text in ``folder`` (a subfolder per copy); (files, characters)."""
    written = files = copy = 0
    while written < megabytes * 1_000_000:
        sub = folder / f"copy{copy:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        for i, (dct, text) in enumerate(docs):
            if copy:
                parts = _SENTENCE_END.split(text)
                k = copy % len(parts)
                text = " ".join(parts[k:] + parts[:k] if copy % 2 else parts[::-1])
                dct = f"{int(dct[:4]) + copy}{dct[4:]}"
                dct = dct if dct[5:10] != "02-29" else f"{dct[:8]}28"
            (sub / f"c{copy:03d}a{i:04d}.md").write_text(f"---\npublished: {dct}\n---\n{text}\n", encoding="utf-8")
            written += len(text)
            files += 1
            if written >= megabytes * 1_000_000:
                break
        copy += 1
    return files, written


class PeakMemory:
    """The largest sum of resident memory over some processes and all their children, sampled in a thread."""

    def __init__(self, *pids: int):
        self.pids, self.peak, self._stop = list(pids), 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in self.pids:
                try:
                    proc = psutil.Process(pid)
                    for p in [proc, *proc.children(recursive=True)]:
                        total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def measured(args: list[str], also: tuple[int, ...] = ()) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of a command (and the processes ``also``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with PeakMemory(proc.pid, *also) as memory:
        _, err = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"{' '.join(args)} failed ({proc.returncode}): {err[-2000:]}")
    return seconds, memory.peak / 2**20


def baseline_mb(pids: tuple[int, ...]) -> float:
    with PeakMemory(*pids) as memory:
        time.sleep(0.3)
    return memory.peak / 2**20


def start_cluster(tmp: Path, workers: int) -> tuple[str, list[subprocess.Popen]]:
    state = tmp / "scheduler.json"
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(state)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    while not state.exists():
        time.sleep(0.1)
    address = json.loads(state.read_text())["address"]
    procs += [subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard",
                                "--host", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
              for _ in range(workers)]
    from distributed import Client
    with Client(address, timeout="60s") as client:
        client.wait_for_workers(workers, timeout=120)
    return address, procs


def same_events(a: Path, b: Path) -> bool:
    from timeline import store
    return store.read_events(a).equals(store.read_events(b))


def bench(megabytes: float, docs, tmp: Path, cores: int, repeat: int) -> list[str]:
    full, quarter = tmp / f"full{megabytes:g}", tmp / f"quarter{megabytes:g}"
    files, chars = build_corpus(full, megabytes, docs)
    q_files, q_chars = build_corpus(quarter, megabytes / 4, docs)
    exe = str(BIN / "timeline")

    def events(folder: Path, out: str, *extra: str, also=()) -> tuple[float, float]:
        return measured([exe, "events", str(folder), "--format", "parquet", "-o", str(tmp / out), *extra], also)

    # tag and the default events run alternately, ``repeat`` times each: the medians (a machine's speed drifts)
    tags, defaults = [], []
    for _ in range(repeat):
        tags.append(measured([exe, "tag", str(full), "--format", "jsonl"]))
        shutil.rmtree(tmp / "local", ignore_errors=True)  # a store written before would be read again, not made
        defaults.append(events(full, "local"))
    tag = (statistics.median(s for s, _ in tags), max(m for _, m in tags))
    runs = {"events (default: local cores)": (statistics.median(s for s, _ in defaults), max(m for _, m in defaults)),
            "events --workers 1": events(full, "one", "--workers", "1")}
    if repeat > 1:
        print(f"\n{megabytes:g} MB, each run: tag {', '.join(f'{s:.1f}' for s, _ in tags)} s; events "
              f"{', '.join(f'{s:.1f}' for s, _ in defaults)} s")
    address, procs = start_cluster(tmp, cores)
    try:
        pids = tuple(p.pid for p in procs)
        idle = baseline_mb(pids)
        seconds, peak = events(full, "cluster", "--scheduler", address, also=pids)
        runs[f"events on a Dask cluster ({cores} workers)"] = (seconds, peak)
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait()
    quarter_run = events(quarter, "quarter")
    print(f"\n{megabytes:g} MB: {chars / 1e6:.1f} M characters in {files} files; quarter {q_chars / 1e6:.1f} M in "
          f"{q_files} files; {cores} cores")
    print(f"  {'command':44} {'wall s':>7} {'kchar/s':>8} {'peak MB':>8}  {'x tag time':>10} {'x quarter peak':>15}")
    print(f"  {'timeline tag':44} {tag[0]:7.1f} {chars / tag[0] / 1e3:8.0f} {tag[1]:8.0f}")
    print(f"  {'events on the quarter corpus':44} {quarter_run[0]:7.1f} {q_chars / quarter_run[0] / 1e3:8.0f} "
          f"{quarter_run[1]:8.0f}")
    missed = []
    for name, (seconds, peak) in runs.items():
        print(f"  {name:44} {seconds:7.1f} {chars / seconds / 1e3:8.0f} {peak:8.0f}  {seconds / tag[0]:10.2f} "
              f"{peak / quarter_run[1]:15.2f}")
        if name.startswith("events (default") and seconds > TIME_RATIO * tag[0]:
            missed.append(f"{megabytes:g} MB {name}: {seconds / tag[0]:.2f}x tag time (target {TIME_RATIO:g}x)")
        if name.startswith("events (default") and (peak > PEAK_MB or peak > PEAK_RATIO * quarter_run[1]):
            missed.append(f"{megabytes:g} MB {name}: peak {peak:.0f} MB (targets {PEAK_MB} MB, "
                          f"{PEAK_RATIO:g}x the quarter's)")
    print(f"  (the cluster's scheduler and workers held {idle:.0f} MB before the run; its peak includes them)")
    equal = same_events(tmp / "local", tmp / "cluster") and same_events(tmp / "local", tmp / "one")
    print(f"  same events locally, with one worker and on the cluster: {'yes' if equal else 'NO'}")
    if not equal:
        missed.append(f"{megabytes:g} MB: the cluster's or one worker's events differ from the local run's")
    return missed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default=os.environ.get("TIMELINE_EVAL_DATA")
                    or str(ROOT.parent / "shared" / "eval" / "data"))
    ap.add_argument("--megabytes", type=float, nargs="+", default=[10.0])
    ap.add_argument("--repeat", type=int, default=3, help="runs of tag and of the default events run (medians)")
    args = ap.parse_args()
    docs = documents(Path(args.data))
    if not docs:
        print(f"skipped: no TimeML documents under {args.data}")
        return 0
    cores = os.cpu_count() or 1
    print(f"name finder: {native.status()}")
    missed = []
    with tempfile.TemporaryDirectory(prefix="events-speed-") as tmp:
        for megabytes in args.megabytes:
            missed += bench(megabytes, docs, Path(tmp), cores, args.repeat)
    for miss in missed:
        print(f"MISSED {miss}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
