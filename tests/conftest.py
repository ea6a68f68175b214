"""Browser fixtures: one Streamlit server and one headless Debian Chromium per test session.

Only the browser tests (and ``benchmarks/dashboard_speed.py``, which imports the helpers) use these.
Chromium is Debian's (``shutil.which("chromium")``); Playwright never downloads a browser here. If it
is missing the browser tests fail, they do not skip: run ``make chromium``.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions",
                 "--disable-default-apps", "--mute-audio", "--hide-scrollbars"]
VIEWPORT = {"width": 1280, "height": 800}


def chromium_executable() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Debian's chromium is not installed: run `make chromium` "
                           "(apt-get install chromium); the browser tests need it")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(script: str | Path = "dashboard.py", env: dict | None = None, timeout: float = 60):
    """``streamlit run script`` on a free port; yields the base URL, stops the server afterwards."""
    port = free_port()
    streamlit = Path(sys.executable).with_name("streamlit")
    cmd = [str(streamlit) if streamlit.exists() else "streamlit", "run", str(script),
           "--server.port", str(port), "--server.headless", "true", "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"streamlit-{port}.log", "w+")
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "TIMELINE_CORPUS": "seeds", **(env or {})},
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start ({cmd}):\n{log.read()[-3000:]}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_for_chart(page, timeout: float = 30_000) -> None:
    """Until the Plotly chart has drawn its data: markers or bars in SVG, or a WebGL chart (large views) with its
    points."""
    page.wait_for_function("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        if (!gd) return false;
        if (gd.querySelector('.cartesianlayer .scatterlayer .point, .cartesianlayer .barlayer .point')) return true;
        return !!(gd._fullData && gd.querySelector('.gl-canvas-context')
                  && gd._fullData.some(t => t.type === 'scattergl' && t._length > 0));
    }""", timeout=timeout)


@pytest.fixture(scope="session")
def dashboard_url(tmp_path_factory):
    """The dashboard on the seeds; it may also open the folders the tests make (under pytest's temporary folder)."""
    with streamlit_server(env={"TIMELINE_ROOTS": str(tmp_path_factory.getbasetemp())}) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, dashboard_url):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def seed_corpus():
    """The bundled seeds read through the library, once per test session."""
    from timeline.corpus import read_corpus
    return read_corpus([ROOT / "seeds"])


@pytest.fixture(scope="session")
def news_corpus(tmp_path_factory):
    """A folder of 150 real news articles (Wikinews and TimeBank) made from the development data beside the
    project, once per test session; the tests using it skip when that data is absent."""
    from tests.news_corpus import news_corpus_or_skip
    return news_corpus_or_skip(tmp_path_factory.mktemp("news"))
