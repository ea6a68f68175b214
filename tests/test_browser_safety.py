"""The dashboard shared on a network, in a real browser (Debian's Chromium through Playwright): text from the
articles and the link shows as text and fetches nothing, uploads live in a private folder that goes with
the browser session, folders outside the allowed ones stay closed, and an error shows no traceback.
"""
from __future__ import annotations

import glob
import os
import stat
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from tests.conftest import VIEWPORT, streamlit_server, wait_for_chart
from timeline.markup import WORD_JOINER

pytestmark = pytest.mark.browser

OUTSIDE = "http://x.invalid"
TITLE = (f"Ferry [timetable]({OUTSIDE}/link) ![pier]({OUTSIDE}/pier.png) :red[delays] $\\frac{{1}}{{2}}$ "
         f'<img src="{OUTSIDE}/tag.png"> **loud**')
LINK = f'<a href="{OUTSIDE}/">Go</a>'                    # two sources short enough for the legend
BIG = '<b style="font-size:90px">Big</b>'
QUERY = f"![q]({OUTSIDE}/q.png) :blue[harbour] $x^2$ :smile: :material/home: www.example.invalid a@b.invalid"


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def shown(text: str) -> str:
    """Text as read on the page (the invisible word joiners that keep addresses from becoming links left out)."""
    return text.replace(WORD_JOINER, "")


@pytest.fixture(scope="module")
def crafted_url(tmp_path_factory):
    """A dashboard on two articles: one whose title carries Markdown and HTML and that has no publication date
    (so that a warning names it), one whose source carries HTML (so that the legend shows it)."""
    folder = tmp_path_factory.mktemp("crafted")
    (folder / "unplaced.md").write_text(
        f"---\ntitle: {quoted(TITLE)}\nsource: {quoted(BIG)}\n---\n"
        "The ferry company said on Monday that the winter timetable starts on 3 November 2025.\n")
    (folder / "legend.md").write_text(
        f"---\ntitle: Harbour crane arrives\nsource: {quoted(LINK)}\npublished: 2025-10-02\n---\n"
        "The new harbour crane arrived on 1 October 2025. Dockmaster Ilsa Marrow said it will lift its first "
        "load on 9 October 2025.\n")
    with streamlit_server(env={"TIMELINE_CORPUS": str(folder)}) as url:
        yield url


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(30_000)
    yield context
    context.close()


def requests_of(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def left_the_page(seen: list[str], base: str) -> list[str]:
    return [u for u in seen if not (u.startswith(base + "/") or u == base or u.startswith(("data:", "blob:")))]


def test_markup_in_a_title_and_in_the_link_shows_as_text_and_fetches_nothing(context, crafted_url):
    page = context.new_page()
    seen = requests_of(page)
    page.goto(f"{crafted_url}/?q={quote_plus(QUERY)}")
    main = page.locator('[data-testid="stMain"]')
    warning = main.locator('[data-testid="stAlert"]').filter(has_text="no publication date")
    warning.wait_for()
    assert TITLE in shown(warning.inner_text())                     # the title as written
    caption = main.locator('[data-testid="stCaptionContainer"]').filter(has_text="showing").first
    assert QUERY in shown(caption.inner_text())                     # the search of the link as written
    for element in (warning, caption):
        assert element.locator("img, a, .katex, span[style*='color']").count() == 0
    page.wait_for_timeout(1500)                                     # time for anything to be fetched
    assert left_the_page(seen, crafted_url) == []


def test_html_in_a_source_name_is_plain_text_in_the_chart_and_its_exports(context, crafted_url, tmp_path):
    page = context.new_page()
    seen = requests_of(page)
    page.goto(crafted_url)
    wait_for_chart(page)
    legend = page.locator(".js-plotly-plot .legend").first.text_content()
    assert LINK in legend and BIG in legend
    chart = page.locator(".js-plotly-plot").first
    assert chart.locator("svg a").count() == 0
    assert chart.locator("[style*='90px']").count() == 0

    exports = {}
    for fmt, label in (("html", "HTML"), ("svg", "SVG")):
        with page.expect_download(timeout=90_000) as info:
            page.get_by_role("button", name=label, exact=True).click()
        path = tmp_path / f"chart.{fmt}"
        info.value.save_as(path)
        exports[fmt] = path
    assert left_the_page(seen, crafted_url) == []

    svg = ET.parse(exports["svg"]).getroot()
    elements = list(svg.iter())
    assert not [e for e in elements if e.tag.endswith("}a") or "90px" in (e.get("style") or "")]
    assert LINK in "".join(svg.itertext()) and BIG in "".join(svg.itertext())

    exported = context.new_page()                    # the standalone page draws its legend as text too
    outside = requests_of(exported)
    exported.goto(exports["html"].as_uri())
    exported.wait_for_selector(".js-plotly-plot .legend")
    legend = exported.locator(".js-plotly-plot .legend").first.text_content()
    assert LINK in legend and BIG in legend
    assert exported.locator(".js-plotly-plot svg a").count() == 0
    assert [u for u in outside if not u.startswith(("file:", "data:", "blob:"))] == []


def test_a_link_to_a_folder_outside_the_allowed_ones_is_refused(context, crafted_url):
    page = context.new_page()
    page.goto(f"{crafted_url}/?corpus=/etc")
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').first
    alert.wait_for()
    assert "This dashboard does not open /etc" in alert.inner_text()
    assert page.locator(".js-plotly-plot").count() == 0


def test_uploads_are_kept_in_a_private_folder_that_goes_with_the_session(context, dashboard_url, tmp_path):
    name = f"quay-{uuid.uuid4().hex[:8]}.md"
    (tmp_path / name).write_text("---\ntitle: Quay works\nsource: Test Wire\npublished: 2016-04-12\n---\n"
                                 "Orla Fenwick inspected the north quay on Monday.\n")
    page = context.new_page()
    page.goto(dashboard_url)
    wait_for_chart(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("Upload files").click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(tmp_path / name)])
    page.wait_for_function("() => new URL(location.href).searchParams.get('upload')")
    kept = glob.glob(os.path.join(os.environ.get("TMPDIR", "/tmp"), "timeline-uploads-*", "*", name))
    assert len(kept) == 1
    session_folder = Path(kept[0]).parent.parent
    assert stat.S_IMODE(session_folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(Path(kept[0]).stat().st_mode) == 0o600
    page.close()                                     # the browser session ends ...
    deadline = time.monotonic() + 20
    while session_folder.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not session_folder.exists()               # ... and its folder with it


def test_an_error_shows_no_traceback_nor_server_paths(context, tmp_path):
    script = tmp_path / "failing_app.py"
    script.write_text("import streamlit as st\nst.title('Harbour')\n"
                      f"open({str(tmp_path / 'missing-secret-notes.md')!r})\n")
    with streamlit_server(script) as url:
        page = context.new_page()
        page.goto(url)
        alert = page.locator('[data-testid="stException"], [data-testid="stAlert"]').first
        alert.wait_for()
        shown = page.locator('[data-testid="stMain"]').inner_text()
    assert "Harbour" in shown
    assert "missing-secret-notes" not in shown and str(tmp_path) not in shown
    assert "Traceback" not in shown and "FileNotFoundError" not in shown
