"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `streamlit run`.

One server on the seeds for the session (fixtures in conftest.py), one on a small event table with
actors for the actor filter. These tests fail (never skip) when Chromium is missing.

UPDATE_SCREENSHOT=1 also refreshes docs/screenshot.png (the dashboard on the seeds at 1280x800).
"""
from __future__ import annotations

import os
import struct

import pandas as pd
import pytest

from tests.conftest import ROOT, VIEWPORT, streamlit_server, wait_for_chart
from timeline import schema

pytestmark = pytest.mark.browser

DRAWN_IDS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd.data) return null;
  const ids = new Set();
  for (const t of gd.data) for (const id of (t.customdata || [])) ids.add(id);
  return Array.from(ids).sort();
}"""


@pytest.fixture(scope="module")
def seed_events():
    from timeline.corpus import read_corpus
    return read_corpus([ROOT / "seeds"]).events


@pytest.fixture(scope="module")
def table_url(tmp_path_factory):
    """A dashboard on a saved event table whose events name actors."""
    def row(n, day, actors, sentence):
        start = pd.Timestamp(day)
        return dict(event_id=f"t@{n}", doc=f"d{n % 2}", title=f"Article {n % 2}", source="Reuters",
                    published="2011-11-24", date=day, granularity="day", start=start,
                    end=start + pd.Timedelta(days=1), date_text="on " + day, sentence=sentence,
                    sentence_start=0, sentence_end=len(sentence), date_start=0, date_end=5,
                    label=sentence, actors=actors, tense="past", anchor="absolute")
    rows = [row(i, f"2011-{1 + i % 12:02d}-{1 + i % 27:02d}", actors, f"Sentence number {i}.")
            for i, actors in enumerate([["Mahmoud Abbas"]] * 4 + [["Khaled Meshal"]] * 3 + [[], ["Mahmoud Zahar"]])]
    path = tmp_path_factory.mktemp("browser") / "events.pkl"
    schema.events_frame(rows).to_pickle(path)
    with streamlit_server(env={"TIMELINE_EVENTS": str(path)}) as url:
        yield url


def open_dashboard(page, url: str):
    page.goto(url)
    wait_for_chart(page)
    page.wait_for_function(f"({DRAWN_IDS})() !== null")
    return page


def drawn(page) -> list[str]:
    return page.evaluate(DRAWN_IDS)


def main_plot_points(page):
    """The markers in the chart's plot area (not the range slider's miniature)."""
    return page.locator(".js-plotly-plot .cartesianlayer .subplot.xy .scatterlayer .point")


def wait_until_drawn_changes(page, before: list[str]) -> list[str]:
    """Until the chart shows other events than ``before`` (a chart, not an empty page in between)."""
    page.wait_for_function(f"(before) => {{ const now = ({DRAWN_IDS})();"
                           " return now !== null && JSON.stringify(now) !== JSON.stringify(before); }",
                           arg=before, timeout=20_000)
    return drawn(page)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    return struct.unpack(">II", data[16:24])


def test_seed_events_are_drawn(page, dashboard_url, seed_events, tmp_path):
    open_dashboard(page, dashboard_url)
    placed = sorted(seed_events.loc[seed_events["start"].notna(), "event_id"])
    assert placed and drawn(page) == placed
    assert main_plot_points(page).count() > 0
    assert page.get_by_text(f"{len(seed_events)} events from").first.is_visible()
    page.wait_for_timeout(500)   # let the fonts settle before the picture
    shot = ROOT / "docs" / "screenshot.png" if os.environ.get("UPDATE_SCREENSHOT") else tmp_path / "shot.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot))
    assert png_size(shot.read_bytes()) == (VIEWPORT["width"], VIEWPORT["height"])


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar multiselect labelled ``label``, as a person would: type and Enter."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def type_actor(page, typed: str) -> None:
    """Type into the sidebar's actor box and press Enter, as a person would."""
    box = page.get_by_role("textbox", name="Actors")
    box.click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")


CHOSEN_ACTORS = """() => Array.from(document.querySelectorAll(
  '.st-key-f_actors [role="combobox"]')).length === 0 ? null : Array.from(document.querySelectorAll(
  '.st-key-f_actors .react-aria-ComboBox [data-tag]')).map(e => e.innerText.trim())"""


def chosen_actors(page, expected: list[str]) -> list[str]:
    """The chips of the chosen actors under the actor box, once they are ``expected`` (the sidebar is
    drawn after the chart); what they are after 10 s otherwise."""
    try:
        page.wait_for_function(f"(want) => JSON.stringify(({CHOSEN_ACTORS})()) === JSON.stringify(want)",
                               arg=expected, timeout=10_000)
    except Exception:
        pass
    return page.evaluate(CHOSEN_ACTORS)


def test_choosing_an_actor_keeps_only_their_points(browser, table_url):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        open_dashboard(page, table_url)
        before = drawn(page)
        assert len(before) == 9
        type_actor(page, "Mahmoud Abbas")
        after = wait_until_drawn_changes(page, before)
        assert after == ["t@0", "t@1", "t@2", "t@3"]
        assert "actor=Mahmoud+Abbas" in page.url or "actor=Mahmoud%20Abbas" in page.url
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .cartesianlayer "
                               ".subplot.xy .scatterlayer .point').length === 4")
    finally:
        context.close()


def test_part_of_a_name_and_enter_choose_exactly_the_one_actor_meant(browser, table_url):
    """Enter never takes every actor the words resemble: "abbas" is Mahmoud Abbas alone, and "Mahmoud",
    which two actors share, offers both and takes neither until one is clicked."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        open_dashboard(page, table_url)
        before = drawn(page)
        type_actor(page, "abbas")
        assert wait_until_drawn_changes(page, before) == ["t@0", "t@1", "t@2", "t@3"]
        assert chosen_actors(page, ["Mahmoud Abbas (4)"]) == ["Mahmoud Abbas (4)"]
        type_actor(page, "Mahmoud")
        offer = page.get_by_text("No single actor is named “Mahmoud”. Pick one:")
        offer.wait_for(timeout=20_000)
        assert chosen_actors(page, ["Mahmoud Abbas (4)"]) == ["Mahmoud Abbas (4)"]
        assert drawn(page) == ["t@0", "t@1", "t@2", "t@3"]
        page.locator(".st-key-actor_suggestion").get_by_text("Mahmoud Zahar (1)").click()
        assert wait_until_drawn_changes(page, ["t@0", "t@1", "t@2", "t@3"]) == ["t@0", "t@1", "t@2", "t@3", "t@8"]
        both = ["Mahmoud Abbas (4)", "Mahmoud Zahar (1)"]
        assert chosen_actors(page, both) == both
    finally:
        context.close()


def test_an_unknown_actor_in_the_url_is_a_notice_with_its_suggestion(browser, table_url):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        open_dashboard(page, table_url + "?actor=Khaled+Meshall")
        notice = page.get_by_text("No actor named 'Khaled Meshall'; did you mean: Khaled Meshal?")
        notice.wait_for(timeout=20_000)
        assert len(drawn(page)) == 9                     # the suggestion is not applied
        before = drawn(page)
        page.get_by_role("button", name="Show Khaled Meshal").click()
        assert wait_until_drawn_changes(page, before) == ["t@4", "t@5", "t@6"]
    finally:
        context.close()


def test_choosing_an_article_changes_the_points(page, dashboard_url, seed_events):
    open_dashboard(page, dashboard_url)
    before = drawn(page)
    doc, title = seed_events[["doc", "title"]].iloc[-1]
    choose(page, "Articles", title[:30])
    after = wait_until_drawn_changes(page, before)
    expected = sorted(seed_events.loc[(seed_events["doc"] == doc) & seed_events["start"].notna(), "event_id"])
    assert after == expected and len(after) < len(before)


def test_clicking_a_point_shows_its_sentence(page, dashboard_url, seed_events):
    open_dashboard(page, dashboard_url)
    page.get_by_text("Click a point or bar").wait_for()
    point = main_plot_points(page).first
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    evidence = page.locator(".evidence")
    evidence.wait_for(timeout=20_000)
    page.wait_for_function("() => new URL(location.href).searchParams.get('event')")
    event_id = page.evaluate("() => new URL(location.href).searchParams.get('event')")
    row = seed_events.set_index("event_id").loc[event_id]
    text = " ".join(evidence.inner_text().split())
    assert " ".join(row["sentence"].split()) in text
    if row["date_text"]:
        assert evidence.locator("mark.date").first.inner_text() == row["date_text"]
    else:                                                    # no date written: the cue that placed it is marked
        assert evidence.locator("mark.cue").first.inner_text() == row["cue"]
        assert evidence.locator("mark.date").count() == 0
    assert (row["title"] or "") in text
    page.get_by_role("button", name="Close").click()
    page.get_by_text("Click a point or bar").wait_for()
    assert page.locator(".evidence").count() == 0


def test_png_export_downloads_a_real_picture(page, dashboard_url, tmp_path):
    open_dashboard(page, dashboard_url)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="PNG 2×").click()
    download = info.value
    assert download.suggested_filename.startswith("timeline_seeds") and download.suggested_filename.endswith(".png")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    width, height = png_size(path.read_bytes())
    assert width >= 1000 and height >= 600
    assert path.stat().st_size > 20_000    # a drawn chart, not a blank canvas


def test_chart_camera_button_saves_png_named_by_view(page, dashboard_url, tmp_path):
    open_dashboard(page, dashboard_url)
    page.locator(".js-plotly-plot").hover()
    with page.expect_download(timeout=30_000) as info:
        page.locator('.modebar-btn[data-title="Download plot as a PNG"], '
                     '.modebar-btn[data-title="Download plot as a png"]').first.click()
    download = info.value
    assert download.suggested_filename.startswith("timeline_seeds")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    width, _ = png_size(path.read_bytes())
    assert width >= 1000            # 2x the chart's on-screen width


def test_uploading_articles_draws_their_events(page, dashboard_url, tmp_path):
    """Several files at once, of two formats, through the sidebar's uploader."""
    talks = tmp_path / "talks.txt"
    talks.write_text("---\ntitle: Unity talks resume\nsource: Test Wire\npublished: 2014-09-24\n---\n"
                     "Fatah and Hamas met in Cairo on Tuesday. They will meet again on October 20, 2014.\n")
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "vote", "title": "Vote set", "source": "Test Wire", "published": "2011-11-24", '
                    '"text": "Elections will be held on May 4, 2012, officials said on Thursday."}\n')
    open_dashboard(page, dashboard_url)
    before = drawn(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("Upload files").click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(talks), str(more)])
    after = wait_until_drawn_changes(page, before)
    docs = {event_id.split("@")[0] for event_id in after}
    assert docs == {"talks", "vote"}, after
    assert page.get_by_text("articles in upload").first.is_visible()
    page.wait_for_function("() => new URL(location.href).searchParams.get('upload')")
    page.reload()                # a new browser session: the files were kept for the one that uploaded them
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').first
    alert.wait_for(timeout=30_000)
    assert "kept only for the browser session that uploaded them" in alert.inner_text()


def open_folder_in_sidebar(page, folder) -> list[str]:
    """Open ``folder`` as a person does ("A folder", its path, Enter); the events drawn then."""
    before = drawn(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("A folder").click()
    page.get_by_role("textbox", name="Folder or file path").fill(str(folder))
    page.keyboard.press("Enter")
    return wait_until_drawn_changes(page, before)


def test_a_view_of_a_folder_survives_a_reload(page, dashboard_url, tmp_path):
    (tmp_path / "quay.md").write_text(
        "---\ntitle: Quay repairs\nsource: Test Wire\npublished: 2016-04-12\n---\n"
        "Orla Fenwick inspected the north quay on Monday. The harbour trust will repair it in June 2016.\n")
    open_dashboard(page, dashboard_url)
    folder_view = open_folder_in_sidebar(page, tmp_path)
    assert {event_id.split("@")[0] for event_id in folder_view} == {"quay"}
    type_actor(page, "Fenwick")
    chosen = wait_until_drawn_changes(page, folder_view)
    assert 0 < len(chosen) < len(folder_view)
    link = page.url
    assert "corpus=" in link and "actor=Orla+Fenwick" in link
    page.reload()
    wait_for_chart(page)
    page.wait_for_function(f"(ids) => JSON.stringify(({DRAWN_IDS})()) === JSON.stringify(ids)", arg=chosen)
    assert chosen_actors(page, [f"Orla Fenwick ({len(chosen)})"]) == [f"Orla Fenwick ({len(chosen)})"]
    assert page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="A folder").is_checked()


def test_a_link_to_a_missing_folder_says_so_first(page, dashboard_url, tmp_path):
    page.goto(f"{dashboard_url}/?corpus={tmp_path}/gone&actor=Orla+Fenwick")
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').first
    alert.wait_for(timeout=30_000)
    assert alert.inner_text().strip().endswith(f"No such folder or file: {tmp_path}/gone")   # after its icon
    box = alert.bounding_box()
    assert box["y"] < 200                             # at the top, under the title


def test_event_table_opens_and_its_csv_holds_the_events_shown(page, dashboard_url, seed_events, tmp_path):
    open_dashboard(page, dashboard_url)
    page.get_by_text(f"Table of the {len(seed_events)} events shown").click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    table = pd.read_csv(path)
    assert path.name.endswith("_events.csv")
    assert sorted(table["event_id"]) == sorted(seed_events["event_id"])
