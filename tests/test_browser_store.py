"""The dashboard on a Parquet event store, in a real browser: a store of 50,000 synthetic events made for the
test (``benchmarks/store_data.py``), opened with ``TIMELINE_EVENTS`` and from the sidebar.

The whole store is too much to draw event by event: the chart is a density band. One quiet actor is few enough:
their events are drawn one by one. A box dragged across the band narrows the dates; the table pages.
"""
from __future__ import annotations

import pandas as pd
import pytest

from benchmarks.store_data import write_store
from tests.conftest import VIEWPORT, streamlit_server, wait_for_chart

pytestmark = pytest.mark.browser

STORE_EVENTS = 50_000
CHART_KIND = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData || !gd._fullData.length) return null;
  return gd._fullData.some(t => t.type === 'heatmap') ? 'band' : 'events';
}"""
DRAWN_EVENTS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd.data || gd.data.some(t => t.type === 'heatmap')) return null;
  const ids = new Set();
  for (const t of gd.data) for (const id of (t.customdata || [])) if (typeof id === 'string') ids.add(id);
  return Array.from(ids).sort();
}"""
TITLE = "() => { const gd = document.querySelector('.js-plotly-plot'); return gd && gd.layout.title.text; }"
LANES = "() => document.querySelector('.js-plotly-plot').layout.yaxis.ticktext"
FIRST_ROW_HOLDS = """(text) => {
  const row = document.querySelector('[data-testid="stDataFrame"] table tr[aria-rowindex="2"]');
  return !!row && row.textContent.includes(text);
}"""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    return write_store(tmp_path_factory.mktemp("stores") / "archive", STORE_EVENTS)


@pytest.fixture(scope="module")
def events(store_dir):
    """The store's events read with pandas, in the order they are stored."""
    table = pd.read_parquet(store_dir, columns=["event_id", "start", "actors", "label"])
    table["actors"] = table["actors"].map(list)
    return table


@pytest.fixture(scope="module")
def store_url(store_dir):
    with streamlit_server(env={"TIMELINE_EVENTS": str(store_dir)}) as url:
        yield url


@pytest.fixture
def store_page(browser, store_url):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(store_url)
    wait_for_chart(page, timeout=60_000)
    yield page
    context.close()


def test_the_whole_store_is_a_density_band_and_one_quiet_actor_their_events(store_page, events):
    page = store_page
    assert page.evaluate(CHART_KIND) == "band"
    counts = events["actors"].explode().value_counts()
    assert page.evaluate(LANES)[0].startswith(counts.index[0])        # the busiest actor's lane on top
    assert page.get_by_text("too many to draw one by one").is_visible()
    quiet = counts[(counts > 20) & (counts < 300)].index[0]
    box = page.get_by_role("textbox", name="Actors")
    box.click()
    page.keyboard.type(quiet)
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({DRAWN_EVENTS})() !== null", timeout=60_000)
    theirs = events[events["actors"].map(lambda a: quiet in a) & events["start"].notna()]
    assert page.evaluate(DRAWN_EVENTS) == sorted(theirs["event_id"])


def test_dragging_across_the_band_narrows_the_dates(store_page):
    page = store_page
    before = page.evaluate(TITLE)
    plot = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    y = plot["y"] + plot["height"] / 2
    page.mouse.move(plot["x"] + plot["width"] * 0.70, y)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] * 0.78, y + 5, steps=6)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('since=') && location.search.includes('until=')")
    page.wait_for_function(f"(before) => {{ const t = ({TITLE})(); return t && t !== before; }}", arg=before)
    since, until = (page.url.split(f"{key}=")[1][:10] for key in ("since", "until"))
    assert "1960" < since < until < "2030"
    assert f"{since} to {until}" in page.evaluate(TITLE)


def test_the_event_table_pages(store_page, events):
    page = store_page
    page.get_by_text(f"Table of the {STORE_EVENTS:,} events shown").click()
    page.get_by_text(f"Events 1–100 of {STORE_EVENTS:,} (page 1 of 500)").wait_for()
    ordered = events.assign(_at=range(len(events))).sort_values(["start", "_at"], na_position="last", kind="stable")
    page.wait_for_function(FIRST_ROW_HOLDS, arg=ordered["label"].iloc[0])      # the grid's first row
    page.get_by_role("button", name="Next").click()
    page.get_by_text(f"Events 101–200 of {STORE_EVENTS:,} (page 2 of 500)").wait_for()
    page.wait_for_function(FIRST_ROW_HOLDS, arg=ordered["label"].iloc[100])


def test_a_store_opens_as_a_folder_in_the_sidebar(page, dashboard_url, store_dir):
    page.goto(dashboard_url)
    wait_for_chart(page)
    assert page.evaluate(CHART_KIND) == "events"                      # the seeds
    page.locator('[data-testid="stSidebar"]').get_by_text("A folder").click()
    page.get_by_role("textbox", name="Folder or file path").fill(str(store_dir))
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({CHART_KIND})() === 'band'", timeout=60_000)
    assert "corpus=" in page.url
    assert page.get_by_text(f"{STORE_EVENTS:,} events from").is_visible()
