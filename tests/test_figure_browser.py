"""The timeline figure as Chromium draws it: labels that can be read, beside their marks, none over another.

The figure is saved as a standalone page and opened in Debian's Chromium (no dashboard needed); the boxes
of the drawn label texts and markers are measured in the page.
"""
from __future__ import annotations

import pandas as pd
import pytest

from timeline import schema
from timeline.figure import timeline_figure

pytestmark = pytest.mark.browser

BOXES = """() => {
  const sub = document.querySelector('.cartesianlayer .subplot.xy');
  const area = sub.querySelector('.bg') || sub;
  const a = area.getBoundingClientRect();
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const texts = [...sub.querySelectorAll('.scatterlayer .textpoint text')]
      .filter(t => t.textContent.trim()).map(t => ({...box(t), text: t.textContent}));
  const marks = [...sub.querySelectorAll('.scatterlayer .point')].map(box);
  return {area: {l: a.left, r: a.right, t: a.top, b: a.bottom}, texts, marks};
}"""

ERRANDS = ["The bakery on Mill Street reopened after the flood", "Two new buses joined the night service",
           "The town hall clock was repaired by volunteers", "A jazz festival filled the old market square",
           "The library extended its opening hours", "Students painted a mural under the railway arch",
           "The river path was closed for resurfacing", "A charity run raised money for the hospice"]


def drawn_boxes(browser, fig, tmp_path) -> dict:
    path = tmp_path / "chart.html"
    fig.write_html(path, include_plotlyjs=True, full_html=True)
    context = browser.new_context(viewport={"width": int(fig.layout.width) + 40, "height": 900})
    page = context.new_page()
    try:
        page.goto(path.as_uri())
        page.wait_for_selector(".cartesianlayer .subplot.xy .scatterlayer .textpoint text", state="attached")
        page.wait_for_timeout(300)
        return page.evaluate(BOXES)
    finally:
        context.close()


def overlap(a: dict, b: dict, slack: float = 1.0) -> bool:
    return a["l"] + slack < b["r"] and b["l"] + slack < a["r"] and a["t"] + slack < b["b"] and b["t"] + slack < a["b"]


def check_readable(boxes: dict) -> None:
    area, texts, marks = boxes["area"], boxes["texts"], boxes["marks"]
    crossed = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:] if overlap(a, b)]
    assert not crossed
    covered = [a["text"] for a in texts for m in marks if overlap(a, m)]
    assert not covered
    # a label next to a mark inside the window is not cut by the window's edges
    inside = [t for t in texts if t["l"] >= area["l"] - 1]
    assert all(t["r"] <= area["r"] + 1 for t in inside), [t["text"] for t in inside if t["r"] > area["r"] + 1]


def test_a_thirty_event_lane_shows_thirty_readable_labels(browser, tmp_path):
    rows = []
    for i in range(30):
        start = pd.Timestamp("2018-09-03") + pd.Timedelta(days=(i * 5) % 17)
        rows.append(dict(event_id=f"m@{i}", doc="m", title="Town news", source="Gazette", published="2018-09-30",
                         date=str(start.date()), granularity="day", start=start, end=start + pd.Timedelta(days=1),
                         date_text="on Monday", label=f"{ERRANDS[i % len(ERRANDS)]} ({i})", actors=["Town Council"],
                         tense="past", anchor="relative"))
    boxes = drawn_boxes(browser, timeline_figure(schema.events_frame(rows)), tmp_path)
    assert len(boxes["texts"]) == 30
    check_readable(boxes)


def test_a_crowded_chart_at_dashboard_width_keeps_its_labels_apart(browser, tmp_path):
    rows = []
    for i in range(120):
        start = pd.Timestamp("2019-01-07") + pd.Timedelta(days=(i * 3) % 40)
        rows.append(dict(event_id=f"c@{i}", doc=f"c{i % 6}", title=f"Bulletin {i % 6}", source=f"Paper {i % 3}",
                         published="2019-03-01", date=str(start.date()), granularity="day", start=start,
                         end=start + pd.Timedelta(days=1), date_text="on Friday", label=ERRANDS[i % len(ERRANDS)],
                         actors=[f"Club {i % 7}"] + ([f"Club {(i + 3) % 7}"] if i % 4 == 0 else []),
                         tense="past", anchor="publication" if i % 5 == 0 else "relative"))
    boxes = drawn_boxes(browser, timeline_figure(schema.events_frame(rows), width=820), tmp_path)
    assert len(boxes["texts"]) > 40
    check_readable(boxes)
