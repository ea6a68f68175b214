import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_cli(*args, check=True, cwd=None):
    """Run the `timeline` command as a user would; returns the CompletedProcess."""
    res = subprocess.run([sys.executable, "-m", "timeline", *map(str, args)], capture_output=True, text=True,
                         cwd=cwd or ROOT, timeout=300)
    if check and res.returncode != 0:
        raise AssertionError(f"timeline {' '.join(map(str, args))} exited {res.returncode}:\n{res.stderr}")
    return res


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_corpus():
    from timeline.corpus import read_corpus
    return read_corpus([SEEDS])
