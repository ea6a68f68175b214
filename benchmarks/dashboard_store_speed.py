"""How fast the dashboard is on a Parquet event store of millions of events, in a real browser.

    .venv/bin/python benchmarks/dashboard_store_speed.py [--sizes 1000000,10000000] [--rounds N] [--stores DIR]

For each size a synthetic store is written (``benchmarks/store_data.py``; kept in ``--stores DIR`` and used
again when it is already there), then the dashboard is started on it (``TIMELINE_EVENTS=DIR``) and driven in one
headless Debian Chromium:

* page load -> first chart drawn: on the freshly started server (its first page load opens the store: the index
  is built then) and once more in a new browser context (the store already open). Target: 10 s.
* filter changes, each from the key press or click to the chart drawn anew: an actor typed in the Actors box and
  Enter; then a date range, "From" and "Until" typed in the sidebar (each a change: a month in which that actor has
  a few thousand events, so that the chart turns from the density band to the events themselves); then "Clear
  filters". Busy and quiet actors in turn. Target: 2 s.
* the streamlit process's peak memory (VmHWM) at the end. Target: well under 2 GB.

Prints the figures beside the targets, and which chart each change drew (the density band or the events);
exits 1 when a target is missed. The figures are wall-clock times: on a machine busier than its cores they are
inflated (the load is printed before and after).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.dashboard_speed import (CHART_STATE, RECORD_MESSAGES, chart_drawn_at, machine_load,  # noqa: E402
                                        wait_since)
from benchmarks.store_data import write_store  # noqa: E402
from timeline.store import StoreLayout  # noqa: E402

SIZES = (1_000_000, 10_000_000)
FIRST_CHART_TARGET_S = 10.0
REDRAW_TARGET_S = 2.0
MEMORY_TARGET_MB = 2048
ACTOR_RANKS = (0, 7, 60, 250)          # busy to quiet: the actors chosen in turn

# what the chart draws: "band" (the density band) or "events"
CHART_KIND = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData) return null;
  return gd._fullData.some(t => t.type === 'heatmap') ? 'band' : 'events';
}"""


@dataclass
class Figures:
    size: int
    made_s: float = 0.0
    first_cold: float = 0.0
    first_warm: float = 0.0
    changes: list[tuple[str, float, float, str]] = field(default_factory=list)
    #   (what, seconds to the chart drawn, seconds to its data in the browser, the chart drawn)
    peak_mb: float = 0.0


def store_of(size: int, stores: Path) -> tuple[Path, float]:
    """The synthetic store of ``size`` events under ``stores`` (written unless there), and the seconds writing took."""
    folder = stores / f"events-{size}"
    try:
        if json.loads(StoreLayout(folder).manifest.read_text())["events"] == size:
            return folder, 0.0
    except (OSError, ValueError, KeyError):
        pass
    t = time.perf_counter()
    write_store(folder, size)
    return folder, time.perf_counter() - t


def server_memory(url: str) -> dict[str, float]:
    """VmHWM and VmRSS (MB) of the streamlit process serving ``url``."""
    port = url.rsplit(":", 1)[1]
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().decode(errors="replace").split("\0")
            if "--server.port" not in args or args[args.index("--server.port") + 1] != port:
                continue
            status = (cmdline.parent / "status").read_text()
        except (OSError, IndexError):
            continue
        return {k: int(status.split(k + ":")[1].split()[0]) / 1024 for k in ("VmHWM", "VmRSS")}
    return {"VmHWM": float("nan"), "VmRSS": float("nan")}


def changes_to_make(store: Path) -> list[tuple[str, str, str]]:
    """(actor, first day, last day) per round: an actor of each rank in ``ACTOR_RANKS`` and a month in which it has
    between a few hundred and a few thousand events (the busiest such month)."""
    import duckdb
    import pandas as pd
    actors = pd.read_feather(StoreLayout(store).actors).sort_values("events", ascending=False, kind="stable")
    names = [actors["name"].iloc[min(rank, len(actors) - 1)] for rank in ACTOR_RANKS]
    out = []
    con = duckdb.connect()
    for name in names:
        month = con.execute(
            "SELECT date_trunc('month', start) AS m, count(*) AS n FROM read_parquet(?) WHERE list_contains(actors, ?)"
            " GROUP BY m HAVING n BETWEEN 300 AND 6000 ORDER BY n DESC LIMIT 1",
            [StoreLayout(store).events_glob(), name]).fetchone()
        first = month[0].date() if month else pd.Timestamp("2001-01-01").date()
        last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
        out.append((name, first.strftime("%Y%m%d"), last.strftime("%Y%m%d")))
    return out


def new_page(browser):
    from tests.conftest import VIEWPORT
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RECORD_MESSAGES)
    page = context.new_page()
    page.set_default_timeout(180_000)
    return context, page


def first_chart(browser, url: str) -> float:
    """Seconds from navigation to the first chart drawn, in a fresh browser context."""
    context, page = new_page(browser)
    try:
        page.goto(url)
        return chart_drawn_at(page, timeout=180_000) / 1000
    finally:
        context.close()


def redraw_after(page, act) -> tuple[float, float, str]:
    """Do ``act``; the seconds from its key press or click to the chart drawn with other data and to the chart's
    data in the browser (the largest message from the server meanwhile), and what the chart draws."""
    before = page.evaluate(f"({CHART_STATE})()")
    act()
    changed = f"(now => now !== null && JSON.stringify(now) !== JSON.stringify(arg))(({CHART_STATE})())"
    drawn = chart_drawn_at(page, changed, arg=before, timeout=120_000)
    wait = wait_since(page, page.evaluate("() => window.__pressed"), drawn)
    return wait.total / 1000, wait.data_in / 1000, page.evaluate(CHART_KIND)


def filter_changes(browser, url: str, rounds: list[tuple[str, str, str]]) -> list[tuple[str, float, float, str]]:
    context, page = new_page(browser)
    out = []
    try:
        page.goto(url)
        chart_drawn_at(page, timeout=180_000)
        page.evaluate("""() => {
            const mark = () => { window.__pressed = performance.now(); };
            window.addEventListener('pointerdown', mark, true);
            window.addEventListener('keydown', e => { if (e.key === 'Enter') mark(); }, true);
        }""")
        side = page.locator('[data-testid="stSidebar"]')
        for actor, first, last in rounds:
            side.get_by_role("textbox", name="Actors").click()
            page.keyboard.type(actor)
            out.append((f"choose {actor}", *redraw_after(page, lambda: page.keyboard.press("Enter"))))
            for label, day in (("From", first), ("Until", last)):
                side.get_by_role("spinbutton", name=f"year, {label}").click()
                page.keyboard.type(day)
                # a date is taken when the field loses the focus
                out.append((f"{label.lower()} {day[:4]}-{day[4:6]}-{day[6:]}",
                            *redraw_after(page, lambda: side.get_by_text("Filters", exact=True).click())))
            out.append(("clear filters", *redraw_after(page, lambda: side.get_by_role("button", name="Clear filters")
                                                       .click())))
    finally:
        context.close()
    return out


def measure(size: int, stores: Path, rounds: int) -> Figures:
    from tests.conftest import chromium, streamlit_server
    store, made = store_of(size, stores)
    figures = Figures(size, made)
    plan = changes_to_make(store)[:rounds]
    with streamlit_server(env={"TIMELINE_EVENTS": str(store)}, timeout=120) as url, chromium() as browser:
        figures.first_cold = first_chart(browser, url)
        figures.first_warm = first_chart(browser, url)
        figures.changes = filter_changes(browser, url, plan)
        figures.peak_mb = server_memory(url)["VmHWM"]
    return figures


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(all_figures: list[Figures]) -> bool:
    ok = True
    print()
    print(f"{'events':>11} | first chart, new server (s) | again, new tab (s) | target (s) | redraw median | worst |"
          f" target (s) | peak memory (MB) | target (MB)")
    for f in all_figures:
        times = [s for _, s, _, _ in f.changes]
        median, worst = (statistics.median(times), max(times)) if times else (float("nan"), float("nan"))
        first_ok = f.first_cold <= FIRST_CHART_TARGET_S and f.first_warm <= FIRST_CHART_TARGET_S
        redraw_ok = median <= REDRAW_TARGET_S
        memory_ok = f.peak_mb < MEMORY_TARGET_MB
        ok &= first_ok and redraw_ok and memory_ok
        print(f"{f.size:>11,} | {f.first_cold:>27.2f} | {f.first_warm:>18.2f} | {FIRST_CHART_TARGET_S:>10.0f} |"
              f" {median:>13.2f} | {worst:>5.2f} | {REDRAW_TARGET_S:>10.0f} | {f.peak_mb:>16,.0f} |"
              f" {MEMORY_TARGET_MB:>11,}  {verdict(first_ok)} {verdict(redraw_ok)} {verdict(memory_ok)}")
    for f in all_figures:
        print(f"\n{f.size:,} events" + (f" (store written in {f.made_s:.0f} s)" if f.made_s else "")
              + ": each filter change, key press or click -> chart drawn anew")
        for what, seconds, data_in, kind in f.changes:
            drawn = "density band" if kind == "band" else "the events one by one"
            print(f"  {what:<34} {seconds:>6.2f} s (its data in after {data_in:.2f} s)  {drawn:<21}"
                  f" {verdict(seconds <= REDRAW_TARGET_S)}")
    return ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="store sizes, comma-separated")
    ap.add_argument("--rounds", type=int, default=2, help=f"actors chosen in turn (at most {len(ACTOR_RANKS)})")
    ap.add_argument("--stores", type=Path, default=None,
                    help="folder to keep the stores in (and take them from); default a temporary folder")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(machine_load())
    with tempfile.TemporaryDirectory() as tmp:
        stores = args.stores or Path(tmp)
        stores.mkdir(parents=True, exist_ok=True)
        figures = [measure(size, stores, args.rounds) for size in sizes]
    ok = report(figures)
    print(f"\n{machine_load()}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
