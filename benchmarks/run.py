"""Every benchmark, one after the other, each printing its figures beside its peer or target.

    .venv/bin/python benchmarks/run.py        (or: make bench)
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    ["tag_speed.py"],
    ["tag_memory.py"],
    ["events_speed.py", "--megabytes", "10", "100"],  # the 100 MB run alone takes about half an hour on 2 cores
    ["dashboard_speed.py"],
    ["dashboard_store_speed.py"],
]


def main() -> int:
    failed = []
    for name, *args in BENCHMARKS:
        print(f"\n== {' '.join([name, *args])}", flush=True)
        if subprocess.run([sys.executable, str(HERE / name), *args]).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nmissed a target or failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
