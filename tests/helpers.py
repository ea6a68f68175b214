"""Running the `timeline` command as a user would, and reading what it prints."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_cli(*args, check=True, cwd=None):
    """Run `timeline ARGS...`; returns the CompletedProcess (raises with its stderr if it fails and check)."""
    res = subprocess.run([sys.executable, "-m", "timeline", *map(str, args)], capture_output=True, text=True,
                         cwd=cwd or ROOT, timeout=300)
    if check and res.returncode != 0:
        raise AssertionError(f"timeline {' '.join(map(str, args))} exited {res.returncode}:\n{res.stderr}")
    return res


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]
