"""How fast the dashboard is on real news: figure building, filter changes, and the page in a real browser.

    .venv/bin/python benchmarks/dashboard_speed.py [--quick] [--no-browser] [--page-only] [--rounds N]

The news corpus is made first, in a temporary folder, from the TimeML development data beside the project
(``tests/news_corpus.py``: the Wikinews and TimeBank articles as .md files with title, publication date and
source); without that data the benchmark says so and fails.

* page load -> chart drawn, in one headless Debian Chromium: the dashboard opened as a user opens it
  (``TIMELINE_CORPUS`` = the news folder) beside a bare Streamlit page that reads the same folder and draws
  the same figure. Cold (both servers just started: the first load reads the articles) and warm (later
  loads, each in a fresh browser context). Target: the dashboard within 1.3x of the bare page, both ways.
* a filter change in the browser at 10,000 events (the news events repeated, shifted in time): an actor
  chosen in the Actors filter as a person does (type the name, Enter), then cleared again;
  the time from the click or key press to the chart drawn anew. Target: <= 1 s.
* ``timeline_figure`` and one Streamlit rerun after a filter change (AppTest) at 10,000 and 100,000 events
  (targets: 0.5 s and 2 s).

The chart counts as drawn when the page's ``.js-plotly-plot`` holds data and Plotly has drawn its traces,
whatever their kind. Prints the figures side by side with ratios; exits 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from tests.news_corpus import NEWS_CORPUS_SIZE, build_news_corpus, missing_reason  # noqa: E402
from timeline import schema  # noqa: E402
from timeline.corpus import read_corpus  # noqa: E402
from timeline.figure import timeline_figure  # noqa: E402

TARGETS = {10_000: 0.5, 100_000: 2.0}
PAGE_RATIO = 1.3
FILTER_EVENTS = 10_000
FILTER_TARGET_MS = 1000

# The same chart as the dashboard's first view (every event, default lanes and colours), alone on a page,
# read from the same folder the same way, and kept for the server's later loads as the dashboard keeps it.
BARE_PAGE = '''
import os
import streamlit as st
from timeline.corpus import read_corpus
from timeline.export import camera_config
from timeline.figure import timeline_figure

@st.cache_resource(show_spinner=False)
def figure(folder):
    return timeline_figure(read_corpus([folder]).events)

st.plotly_chart(figure(os.environ["TIMELINE_CORPUS"]), key="chart", on_select="rerun", selection_mode="points",
                theme=None, config=camera_config("timeline"))
'''

# The chart's data, whatever its traces: (traces, points, title), or null while nothing is drawn yet.
CHART_STATE = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd.data || !gd.data.length || !gd._fullLayout || !gd._fullData) return null;
  const gl = (gd._fullData || []).some(t => String(t.type).endsWith('gl'));
  if (!gl && !gd.querySelector('.main-svg .trace')) return null;
  let points = 0;                       // Plotly's own count of each trace's points (arrays may come encoded)
  for (const t of gd._fullData || []) points += t._length || 0;
  if (!points) return null;
  const title = gd.layout && gd.layout.title;
  return [gd.data.length, points, String((title && title.text) || title || '')];
}"""


def scaled(events: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` events: ``events`` repeated, each copy shifted by a further 9 days (and its own ids)."""
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


# --- in the browser ------------------------------------------------------------------------------

# Every message the page receives from the Streamlit server: (arrival time, bytes). The largest one before
# the chart is drawn carries the chart; its arrival splits a wait into the server's part and the browser's.
RECORD_MESSAGES = """(() => {
  const Native = window.WebSocket;
  window.__messages = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        const d = e.data;
        window.__messages.push([performance.now(), d.byteLength || d.size || d.length || 0]);
      });
    }
  };
})();"""


@dataclass
class Wait:
    """One wait for the chart, in milliseconds from its start (navigation, a click, a key press)."""
    total: float            # until the chart was drawn
    data_in: float          # until the message carrying the chart arrived
    kbytes: float           # that message's size
    busy: float = 0.0       # page loads: the page's main thread busy until then (CPU time, less inflated
                            # than the wall-clock time when the machine is busy)
    points: int = 0         # points in the chart drawn


def new_page(browser):
    from tests.conftest import VIEWPORT
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RECORD_MESSAGES)
    page = context.new_page()
    page.set_default_timeout(120_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    return context, page, cdp


def busy_ms(cdp) -> float:
    """Milliseconds the page's main thread has worked so far (Chromium's TaskDuration)."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return 1000 * next(m["value"] for m in metrics if m["name"] == "TaskDuration")


def wait_since(page, start: float, drawn: float, busy: float = 0.0) -> Wait:
    at, size = page.evaluate("""([start, drawn]) => {
        const seen = window.__messages.filter(([t]) => t >= start && t <= drawn);
        return seen.reduce((big, m) => m[1] > big[1] ? m : big, [drawn, 0]); }""", [start, drawn])
    return Wait(drawn - start, at - start, size / 1024, busy, page.evaluate(f"({CHART_STATE})()")[1])


def chart_drawn_at(page, test: str = f"({CHART_STATE})() !== null", arg=None, timeout: float = 120_000) -> float:
    """Wait until ``test`` (a JS expression of ``arg``) holds; the page's time then. An error shown in the
    page instead (a Streamlit exception) ends the wait at once, with its text."""
    found = page.wait_for_function(
        f"""(arg) => {{
            const error = document.querySelector('[data-testid="stException"]');
            if (error) return 'error: ' + error.innerText.slice(0, 800);
            return ({test}) ? performance.now() : null; }}""", arg=arg, timeout=timeout, polling="raf").json_value()
    if isinstance(found, str):
        raise RuntimeError(f"{page.url}: {found}")
    return found


def load_time(browser, url: str) -> Wait:
    """From navigation start to the chart drawn, in a fresh browser context (nothing cached)."""
    context, page, cdp = new_page(browser)
    try:
        page.goto(url)
        drawn = chart_drawn_at(page)
        return wait_since(page, 0.0, drawn, busy_ms(cdp))
    finally:
        context.close()


def page_loads(news: Path, cold_rounds: int, warm_rounds: int) -> dict[str, tuple[list[Wait], list[Wait]]]:
    """Cold and warm page loads of the dashboard and of the bare page on the news folder, in one Chromium:
    {"cold": (dashboard, bare), "warm": (dashboard, bare)}. Each cold round starts both servers anew (the
    first load reads the articles); the warm loads follow on the last round's servers. The order of the two
    pages alternates from load to load."""
    from tests.conftest import chromium, streamlit_server
    out = {"cold": ([], []), "warm": ([], [])}
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_PAGE)
        env = {"TIMELINE_CORPUS": str(news), "PYTHONPATH": str(ROOT)}
        with chromium() as browser:
            for r in range(cold_rounds):
                with streamlit_server(env=env) as dash_url, streamlit_server(bare, env=env) as bare_url:
                    urls = [(0, dash_url), (1, bare_url)]
                    for i, url in urls if r % 2 == 0 else urls[::-1]:
                        out["cold"][i].append(load_time(browser, url))
                    if r == cold_rounds - 1:
                        for k in range(warm_rounds):
                            for i, url in urls if k % 2 == 0 else urls[::-1]:
                                out["warm"][i].append(load_time(browser, url))
    return out


def filter_changes(table: Path, actors: list[str], rounds: int) -> tuple[list[Wait], list[Wait], list[str]]:
    """In the browser, on the dashboard showing ``table``: for each round pick one more actor of ``actors`` in
    the Actors filter as a person does (type the name, Enter), then clear the filters again.
    The waits from the click or key press to the chart drawn anew, for choosing and for removing; and the
    actors chosen (read from the page's URL)."""
    from urllib.parse import parse_qs, urlparse

    from tests.conftest import chromium, streamlit_server
    chosen, removed, names = [], [], []
    with streamlit_server(env={"TIMELINE_EVENTS": str(table)}) as url, chromium() as browser:
        context, page, _ = new_page(browser)
        try:
            page.goto(url)
            chart_drawn_at(page)
            page.evaluate("""() => {
                const mark = () => { window.__pressed = performance.now(); };
                window.addEventListener('pointerdown', mark, true);
                window.addEventListener('keydown', e => { if (e.key === 'Enter') mark(); }, true);
            }""")
            box = page.get_by_role("textbox", name="Actors")
            clear = page.get_by_role("button", name="Clear filters")
            for name in actors[:rounds]:
                box.click()
                page.keyboard.type(name)
                chosen.append(redraw(page, lambda: page.keyboard.press("Enter")))
                page.wait_for_function("() => location.search.includes('actor=')")
                names.extend(parse_qs(urlparse(page.url).query).get("actor", []))
                removed.append(redraw(page, lambda: clear.click()))
                page.wait_for_function("() => !location.search.includes('actor=')")
        finally:
            context.close()
    return chosen, removed, names


def redraw(page, act) -> Wait:
    """Do ``act`` and wait until the chart holds other data than before and is drawn."""
    before = page.evaluate(f"({CHART_STATE})()")
    act()
    changed = f"(now => now !== null && JSON.stringify(now) !== JSON.stringify(arg))(({CHART_STATE})())"
    drawn = chart_drawn_at(page, changed, arg=before, timeout=60_000)
    return wait_since(page, page.evaluate("() => window.__pressed"), drawn)


def busiest_actors(events: pd.DataFrame, n: int) -> list[str]:
    """The ``n`` actors named in the most events, leaving out any named in every event."""
    counts = events["actors"].explode().dropna().value_counts()
    return [a for a, c in counts.items() if c < len(events)][:n]


# --- report --------------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def median(waits: list[Wait], field: str = "total") -> float:
    return statistics.median(getattr(w, field) for w in waits)


def print_page_loads(loads: dict[str, tuple[list[Wait], list[Wait]]]) -> bool:
    """The page loads side by side; whether the dashboard kept within the target ratio, cold and warm."""
    dash, bare = loads["cold"]
    print()
    print(f"page load -> chart drawn (ms), dashboard and bare page on the news folder "
          f"({dash[0].points:,} and {bare[0].points:,} points drawn)")
    print(f"{'':<13} | {'dashboard':>9} | {'bare page':>9} | ratio (target <= {PAGE_RATIO}) |"
          " chart data in: dashboard | bare | page busy: dashboard | bare | ratio")
    ok = True
    for kind in ("cold", "warm"):
        dash, bare = loads[kind]
        if not dash:
            continue
        rows = [(f"{kind} {i}", [a], [b]) for i, (a, b) in enumerate(zip(dash, bare), 1)]
        for name, d, b in [*rows, (f"{kind} median", dash, bare)]:
            ratio = median(d) / median(b)
            line = (f"{name:<13} | {median(d):>9.0f} | {median(b):>9.0f} | {ratio:>22.2f} |"
                    f" {median(d, 'data_in'):>24.0f} | {median(b, 'data_in'):>4.0f} |"
                    f" {median(d, 'busy'):>19.0f} | {median(b, 'busy'):>4.0f} |"
                    f" {median(d, 'busy') / median(b, 'busy'):>5.2f}")
            if name.endswith("median"):
                line += f"  {verdict(ratio <= PAGE_RATIO)}"
                ok &= ratio <= PAGE_RATIO
            print(line)
    return ok


def print_filter_changes(chosen: list[Wait], removed: list[Wait], names: list[str]) -> bool:
    """The filter changes, split into the wait for the chart's data and its drawing; whether within target."""
    print()
    print(f"filter change in the browser, {FILTER_EVENTS:,} events: click or key press -> chart drawn anew")
    print(f"actors chosen in turn: {', '.join(names)}")
    print(f"{'(ms)':<15} | {'median':>6} | {'worst':>6} | target | median/target | chart data in | drawn after |"
          " chart data (kB)")
    ok = True
    for what, waits in (("choose an actor", chosen), ("remove it again", removed)):
        m = median(waits)
        after = statistics.median(w.total - w.data_in for w in waits)
        print(f"{what:<15} | {m:>6.0f} | {max(w.total for w in waits):>6.0f} | {FILTER_TARGET_MS:>6} |"
              f" {m / FILTER_TARGET_MS:>13.2f} | {median(waits, 'data_in'):>13.0f} | {after:>11.0f} |"
              f" {median(waits, 'kbytes'):>15,.0f}  {verdict(m <= FILTER_TARGET_MS)}")
        ok &= m <= FILTER_TARGET_MS
    return ok


def machine_load() -> str:
    """The load average beside the cores: wall-clock figures taken on a busy machine are inflated."""
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    busy = f" -- busier than its {cores} cores: the times below are inflated" if load > cores else ""
    return f"machine load {load:.1f} on {cores} cores{busy}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--no-browser", action="store_true", help="skip everything in the browser")
    ap.add_argument("--page-only", action="store_true", help="only the browser figures")
    ap.add_argument("--rounds", type=int, default=None,
                    help="warm page loads and filter changes (default 8 and 6, 3 with --quick)")
    ap.add_argument("--cold-rounds", type=int, default=None, help="cold page loads (default 3, 2 with --quick)")
    ap.add_argument("--articles", type=int, default=NEWS_CORPUS_SIZE, help="news articles to make")
    args = ap.parse_args(argv)
    repeat = 3 if args.quick else 5
    warm_rounds = args.rounds or (3 if args.quick else 8)
    filter_rounds = args.rounds or (3 if args.quick else 6)
    cold_rounds = args.cold_rounds or (2 if args.quick else 3)

    reason = missing_reason()
    if reason:
        print(f"cannot make the news corpus: {reason}")
        return 1
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        news = build_news_corpus(Path(tmp) / "news", limit=args.articles)
        events = read_corpus([news]).events
        with_actors = int((events["actors"].map(len) > 0).sum())
        print(f"news corpus: {len(list(news.rglob('*.md')))} articles, {len(events):,} events "
              f"({int(events['start'].notna().sum()):,} placed, {with_actors:,} naming an actor)")
        print(machine_load())

        rows, tables = [], {}
        for n, target in TARGETS.items():
            if args.page_only and n != FILTER_EVENTS:
                continue
            table = scaled(events, n)
            tables[n] = Path(tmp) / f"events_{n}.pkl"
            table.to_pickle(tables[n])
            if args.page_only:
                continue
            fig_s = best(lambda: timeline_figure(table), repeat)
            rerun_s = rerun_time(tables[n], repeat)
            rows.append((n, fig_s, rerun_s, target))
            failed |= fig_s > target or rerun_s > target
        if rows:
            print()
            print(f"{'events':>8} | {'figure (s)':>10} | {'rerun (s)':>9} | {'target (s)':>10} | figure/target |"
                  " rerun/target")
            for n, fig_s, rerun_s, target in rows:
                print(f"{n:>8,} | {fig_s:>10.3f} | {rerun_s:>9.3f} | {target:>10.1f} | {fig_s / target:>13.2f} |"
                      f" {rerun_s / target:>12.2f}  {verdict(max(fig_s, rerun_s) <= target)}")

        if not args.no_browser:
            failed |= not print_page_loads(page_loads(news, cold_rounds, warm_rounds))
            actors = busiest_actors(pd.read_pickle(tables[FILTER_EVENTS]), filter_rounds)
            failed |= not print_filter_changes(*filter_changes(tables[FILTER_EVENTS], actors, filter_rounds))
        print(f"\n{machine_load()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
