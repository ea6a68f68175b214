"""How fast the dashboard is: figure building, a filter change, and the page in a real browser.

    .venv/bin/python benchmarks/dashboard_speed.py [--quick] [--no-browser] [--page-only] [--rounds N]

* builds a 10,000- and a 100,000-event table by repeating the seed events, shifted in time;
* times ``timeline_figure`` on each (target: < 0.5 s for 10,000, < 2 s for 100,000);
* times one Streamlit rerun after a filter change (AppTest on the saved table; same targets);
* opens, in one headless Debian Chromium, the dashboard on the seeds and a bare Streamlit page holding
  one Plotly chart of the same events, and times page load -> chart drawn for each
  (target: the dashboard within 1.3x of the bare page).

Prints the figures side by side with ratios; exits 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from timeline import schema  # noqa: E402
from timeline.corpus import read_corpus  # noqa: E402
from timeline.figure import timeline_figure  # noqa: E402

TARGETS = {10_000: 0.5, 100_000: 2.0}
PAGE_RATIO = 1.3

# The same chart, drawn with the same options as in the dashboard, alone on a page.
BARE_PAGE = '''
import os, pandas as pd, streamlit as st
from timeline.export import camera_config
from timeline.figure import timeline_figure
st.plotly_chart(timeline_figure(pd.read_pickle(os.environ["BENCH_EVENTS"])), key="chart", on_select="rerun",
                selection_mode="points", theme=None, config=camera_config("timeline"))
'''


def scaled(events: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` events: the seed events repeated, each copy shifted by a further 9 days (and its own ids)."""
    copies, parts = -(-n // len(events)), []
    for k in range(copies):
        part = events.copy()
        shift = pd.Timedelta(days=9 * k)
        for col in ("start", "end", "published"):
            part[col] = part[col] + shift
        part["event_id"] = part["event_id"] + f"#{k}"
        part["doc"] = part["doc"] + f"#{k % 200}"
        parts.append(part)
    return schema.events_frame(pd.concat(parts, ignore_index=True).head(n))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def rerun_time(table: Path, repeat: int) -> float:
    """One filter change: the rerun after moving the "From" date by a day (AppTest, warm caches;
    each change is a new filter, so the chart is rebuilt every time)."""
    import datetime as dt

    from streamlit.testing.v1 import AppTest
    os.environ["TIMELINE_EVENTS"] = str(table)
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300).run()
        assert not at.exception, [e.value for e in at.exception]
        first = pd.read_pickle(table)["start"].min().date()
        times = []
        for i in range(repeat):
            t = time.perf_counter()
            at.date_input(key="f_since").set_value(first + dt.timedelta(days=i + 1)).run()
            times.append(time.perf_counter() - t)
            assert not at.exception, [e.value for e in at.exception]
        return min(times)
    finally:
        del os.environ["TIMELINE_EVENTS"]


def page_times(seed_events: pd.DataFrame, rounds: int) -> tuple[list[float], list[float]]:
    """Milliseconds from navigation start to a drawn chart: (dashboard, bare page), per round."""
    sys.path.insert(0, str(ROOT))
    from tests.conftest import VIEWPORT, chromium, streamlit_server

    drawn = ("() => document.querySelector('.js-plotly-plot .cartesianlayer .scatterlayer .point, "
             ".js-plotly-plot .cartesianlayer .barlayer .point') !== null")
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_PAGE)
        events_path = Path(tmp) / "seeds.pkl"
        seed_events.to_pickle(events_path)
        env = {"BENCH_EVENTS": str(events_path), "PYTHONPATH": str(ROOT)}
        with streamlit_server() as dash_url, streamlit_server(bare, env=env) as bare_url, chromium() as browser:
            def load(url: str) -> float:
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                try:
                    page.goto(url)
                    page.wait_for_function(drawn, timeout=60_000, polling=10)
                    return page.evaluate("() => performance.now()")
                finally:
                    context.close()
            load(dash_url), load(bare_url)            # warm: scripts compiled, caches filled
            dash, plain = [], []
            for _ in range(rounds):
                dash.append(load(dash_url))
                plain.append(load(bare_url))
    return dash, plain


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--no-browser", action="store_true", help="skip the page-load comparison")
    ap.add_argument("--page-only", action="store_true", help="only the page-load comparison")
    ap.add_argument("--rounds", type=int, default=None, help="page-load rounds (default 8, 4 with --quick)")
    args = ap.parse_args(argv)
    repeat = 3 if args.quick else 5

    seeds = read_corpus([ROOT / "seeds"]).events
    print(f"seed events: {len(seeds)} ({int(seeds['start'].notna().sum())} placed)")
    failed = False
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, target in ({} if args.page_only else TARGETS).items():
            table = scaled(seeds, n)
            path = Path(tmp) / f"events_{n}.pkl"
            table.to_pickle(path)
            fig_s = best(lambda: timeline_figure(table), repeat)
            rerun_s = rerun_time(path, repeat)
            rows.append((n, fig_s, rerun_s, target))
            failed |= fig_s >= target or rerun_s >= target
    if rows:
        print()
        print(f"{'events':>8} | {'figure (s)':>10} | {'rerun (s)':>9} | {'target (s)':>10} | figure/target | rerun/target")
        for n, fig_s, rerun_s, target in rows:
            print(f"{n:>8,} | {fig_s:>10.3f} | {rerun_s:>9.3f} | {target:>10.1f} | {fig_s / target:>13.2f} |"
                  f" {rerun_s / target:>12.2f}  {'ok' if max(fig_s, rerun_s) < target else 'MISSED'}")

    if not args.no_browser:
        dash, plain = page_times(seeds, args.rounds or (4 if args.quick else 8))
        d, p = statistics.median(dash), statistics.median(plain)
        print()
        print(f"{'page load -> chart drawn (ms)':<32} | {'dashboard':>9} | {'bare page':>9} | ratio (target < {PAGE_RATIO})")
        for i, (a, b) in enumerate(zip(dash, plain), 1):
            print(f"{'round ' + str(i):<32} | {a:>9.0f} | {b:>9.0f} | {a / b:.2f}")
        print(f"{'median':<32} | {d:>9.0f} | {p:>9.0f} | {d / p:.2f}  {'ok' if d / p < PAGE_RATIO else 'MISSED'}")
        failed |= d / p >= PAGE_RATIO
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
