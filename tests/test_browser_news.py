"""The dashboard on 150 real news articles (Wikinews and TimeBank, made from the development data beside the
project), in Debian's Chromium at 1280x800: what a reader checks on a corpus of that size.

The default view holds the bulk of the events; a one-actor view shows its labels and none covers another;
colours stay put when a filter changes; Enter in the actor box picks one actor; a bookmark brings back the
corpus and the view. Skipped when the development data is not beside the project.
"""
from __future__ import annotations

from urllib.parse import quote_plus

import pandas as pd
import pytest

from tests.conftest import VIEWPORT, wait_for_chart
from tests.test_browser import (DRAWN_IDS, chosen_actors, drawn, open_folder_in_sidebar, type_actor,
                                wait_until_drawn_changes)
from tests.test_figure_browser import BOXES, overlap

pytestmark = pytest.mark.browser

COLOURS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const out = {};
  for (const t of gd.data) if (t.customdata && t.customdata.length && t.marker && t.marker.color)
    out[t.name] = t.marker.color;
  return out;
}"""

WINDOW = "() => document.querySelector('.js-plotly-plot').layout.xaxis.range"


@pytest.fixture(scope="module")
def news_events(news_corpus):
    from timeline.corpus import read_corpus
    return read_corpus([news_corpus]).events


@pytest.fixture(scope="module")
def one_actor(news_events):
    """The busiest actor with 15 to 120 events, and how many it has."""
    counts = news_events["actors"].explode().dropna().value_counts()
    fitting = counts[(counts >= 15) & (counts <= 120)]
    assert len(fitting), counts.head(10)
    return fitting.index[0], int(fitting.iloc[0])


@pytest.fixture
def news_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def open_view(page, url: str) -> None:
    page.goto(url)
    wait_for_chart(page, timeout=120_000)
    page.wait_for_function(f"({DRAWN_IDS})() !== null")


def test_the_default_view_holds_the_bulk_of_the_events(news_page, dashboard_url, news_corpus, news_events):
    open_view(news_page, f"{dashboard_url}/?corpus={quote_plus(str(news_corpus))}")
    lo, hi = (pd.Timestamp(x) for x in news_page.evaluate(WINDOW))
    placed = news_events[news_events["start"].notna()]
    inside = ((placed["start"] <= hi) & (placed["end"] >= lo)).mean()
    assert inside >= 0.85, (lo, hi, inside)
    assert hi - lo < placed["end"].max() - placed["start"].min()      # stray dates do not set the axis


def test_a_one_actor_view_labels_its_events_and_no_label_covers_another(news_page, dashboard_url, news_corpus,
                                                                        one_actor):
    name, count = one_actor
    open_view(news_page, f"{dashboard_url}/?corpus={quote_plus(str(news_corpus))}&actor={quote_plus(name)}")
    boxes = news_page.evaluate(BOXES)
    texts, marks = boxes["texts"], boxes["marks"]
    assert len(marks) >= count * 0.9               # (an event with other actors is drawn in their lanes too)
    assert len(texts) >= 0.9 * count, (name, len(texts), count)
    assert not [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:] if overlap(a, b)]
    assert not [a["text"] for a in texts for m in marks if overlap(a, m)]


@pytest.mark.parametrize("colour", ["source", "article"])
def test_colours_stay_put_when_an_actor_is_chosen(news_page, dashboard_url, news_corpus, one_actor, colour):
    base = f"{dashboard_url}/?corpus={quote_plus(str(news_corpus))}&color={colour}"
    open_view(news_page, base)
    everyone = news_page.evaluate(COLOURS)
    open_view(news_page, f"{base}&actor={quote_plus(one_actor[0])}")
    chosen = news_page.evaluate(COLOURS)
    shared = set(everyone) & set(chosen)
    assert shared, (everyone, chosen)
    assert {g: chosen[g] for g in shared} == {g: everyone[g] for g in shared}


def test_enter_in_the_actor_box_picks_the_one_actor_named(news_page, dashboard_url, news_corpus, one_actor,
                                                          news_events):
    name, count = one_actor
    open_view(news_page, f"{dashboard_url}/?corpus={quote_plus(str(news_corpus))}")
    before = drawn(news_page)
    type_actor(news_page, name.lower())
    after = wait_until_drawn_changes(news_page, before)
    label = f"{name} ({count})"
    chips = chosen_actors(news_page, [label])
    assert len(chips) == 1 and chips[0].startswith(label), chips
    wanted = set(news_events.loc[news_events["actors"].map(lambda a: name in a) & news_events["start"].notna(),
                                 "event_id"])
    assert set(after) == wanted


def test_a_bookmark_brings_back_the_corpus_and_the_view(browser, news_page, dashboard_url, news_corpus, one_actor):
    """Opened as a user does (the seeds first, then "A folder"), then the link in a new browser."""
    open_view(news_page, dashboard_url)
    corpus_view = open_folder_in_sidebar(news_page, news_corpus)
    type_actor(news_page, one_actor[0])
    chosen = wait_until_drawn_changes(news_page, corpus_view)
    link = news_page.url
    assert "corpus=" in link and "actor=" in link
    context = browser.new_context(viewport=VIEWPORT)
    try:
        again = context.new_page()
        again.set_default_timeout(60_000)
        open_view(again, link)
        again.wait_for_function(f"(ids) => JSON.stringify(({DRAWN_IDS})()) === JSON.stringify(ids)", arg=chosen)
        label = f"{one_actor[0]} ({one_actor[1]})"
        assert chosen_actors(again, [label])[0].startswith(label)
    finally:
        context.close()
