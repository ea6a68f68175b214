"""Peak memory of `timeline tag` on a 50 MB corpus (target: under 500 MB; articles are streamed).

    .venv/bin/python benchmarks/tag_memory.py [MEGABYTES]

Writes the seed articles again and again, shifted a year each copy so that the dates differ, as
.txt files (half of the corpus) and as one JSON-lines file (the other half), then runs the whole
`timeline tag` process on it and reports its peak resident memory and its rate.
"""
from __future__ import annotations

import html
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB = 500


def build_corpus(folder: Path, megabytes: int) -> int:
    seeds = [html.unescape(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    target = megabytes * 1_000_000
    written, copy = 0, 0
    (folder / "txt").mkdir()
    with open(folder / "feed.jsonl", "w", encoding="utf-8") as feed:
        while written < target:
            for i, text in enumerate(seeds):
                year = 1990 + copy % 30
                published = f"{year}-11-24"
                if copy % 2:
                    feed.write(json.dumps({"id": f"a{copy}-{i}", "text": text, "published": published}) + "\n")
                else:
                    sub = folder / "txt" / f"{copy // 500:04d}"
                    sub.mkdir(exist_ok=True)
                    (sub / f"a{copy}-{i}.md").write_text(f"---\npublished: {published}\n---\n{text}", encoding="utf-8")
                written += len(text)
            copy += 1
    return written


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    exe = Path(sys.executable).with_name("timeline")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        chars = build_corpus(folder, megabytes)
        start = time.perf_counter()
        with open(os.devnull, "w") as sink:
            res = subprocess.run([str(exe), "tag", str(folder), "--format", "jsonl"], stdout=sink,
                                 stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
    if res.returncode != 0:
        sys.exit(f"timeline tag failed: {res.stderr[-2000:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    verdict = "meets" if peak_mb < TARGET_MB else "MISSES"
    print(f"timeline tag on {chars / 1e6:.1f} MB ({megabytes} MB asked): {seconds:.1f}s, "
          f"{chars / seconds / 1000:.0f} kchar/s, peak memory {peak_mb:.0f} MB "
          f"({verdict} the {TARGET_MB} MB target, {peak_mb / TARGET_MB:.2f}x of it)")


if __name__ == "__main__":
    main()
