"""The news corpus builder: TimeML files in, article files the project reads out.

The conversion is checked on small TimeML files written here; the real corpus (made from the development
data beside the project, skipped without it) on what a user of the dashboard would see: every article read,
dated by its creation time, with events and actors.
"""
from __future__ import annotations

import datetime as dt
import filecmp
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.news_corpus import (DATA, MissingData, build_news_corpus, missing_reason,
                               news_corpus_or_skip)
from timeline.articles import load_articles

WIKINEWS_TML = """<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>4242</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2010-05-04">2010-05-04</TIMEX3></DCT>
<EXTRAINFO>Harbour ferry &amp; tram fares rise</EXTRAINFO>
<TEXT><s id="0">Harbour ferry &amp; tram fares rise</s><s id="1">May 4 , 2010</s><s id="2">The city 's transport board <EVENT eid="e1">raised</EVENT> fares on <TIMEX3 tid="t1" type="DATE" value="2010-05-03">Monday</TIMEX3> .</s><s id="3">Riders said `` it is too much '' .</s></TEXT>
</TimeML>
"""

# a set whose files have no title sentence (its title is only in EXTRAINFO), with a day-first creation time
WIKINEWS_UNTITLED_TML = """<?xml version='1.0' encoding='utf-8'?>
<TimeML><DOCID>77</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="03-02-2009">03-02-2009</TIMEX3></DCT>
<EXTRAINFO>Bakery wins a prize</EXTRAINFO>
<TEXT><s id="1">February 03 , 2009</s><s id="2">A small bakery won the regional bread prize .</s></TEXT>
</TimeML>
"""

TIMEBANK_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>XYZ19990301.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1999-03-01" functionInDocument="CREATION_TIME">19990301</TIMEX3></DCT>
<EXTRAINFO>XYZ19990301.0001 NEWS STORY</EXTRAINFO>
<TEXT>
The museum in Lyon &amp; its garden <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT>
<TIMEX3 tid="t1" type="DATE" value="1999-02-28">yesterday</TIMEX3>.

Its director said visitors were ``delighted.''
</TEXT>
</TimeML>
"""


def write_sets(data: Path) -> Path:
    for folder, name, text in (("timeline-corpus1/tml", "4242_Harbour_fares.tml", WIKINEWS_TML),
                               ("timeline-trial/tml", "77_Bakery.tml", WIKINEWS_UNTITLED_TML),
                               ("timebank", "XYZ19990301.0001.tml", TIMEBANK_TML)):
        (data / folder).mkdir(parents=True, exist_ok=True)
        (data / folder / name).write_text(text, encoding="utf-8")
    return data


def test_a_wikinews_file_becomes_title_dateline_and_story(tmp_path):
    out = build_news_corpus(tmp_path / "out", data=write_sets(tmp_path / "data"))
    text = (out / "timeline-corpus1" / "4242.md").read_text(encoding="utf-8")
    assert text == ('---\ntitle: "Harbour ferry & tram fares rise"\npublished: 2010-05-04\nsource: Wikinews\n---\n'
                    "Harbour ferry & tram fares rise\n\nMay 4, 2010\n\n"
                    "The city's transport board raised fares on Monday. Riders said \"it is too much\".\n")


def test_without_a_title_sentence_the_title_comes_from_the_header(tmp_path):
    out = build_news_corpus(tmp_path / "out", data=write_sets(tmp_path / "data"))
    [article], problems = load_articles([out / "timeline-trial"])
    assert not problems
    assert article.title == "Bakery wins a prize"
    assert article.published == dt.date(2009, 2, 3)
    assert article.text.startswith("Bakery wins a prize\n\nFebruary 03, 2009\n\nA small bakery won")


def test_a_timebank_file_keeps_its_paragraphs_and_names_its_news_service(tmp_path):
    out = build_news_corpus(tmp_path / "out", data=write_sets(tmp_path / "data"))
    [article], problems = load_articles([out / "timebank"])
    assert not problems
    assert article.text == ("The museum in Lyon & its garden reopened yesterday.\n\n"
                            'Its director said visitors were "delighted."\n')
    assert article.published == dt.date(1999, 3, 1)
    assert article.source == "TimeBank"            # XYZ is no news service the builder knows


def test_limit_takes_the_sets_in_order(tmp_path):
    out = build_news_corpus(tmp_path / "out", limit=2, data=write_sets(tmp_path / "data"))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "timeline-corpus1", "timeline-corpus1/4242.md", "timeline-trial", "timeline-trial/77.md"]


def test_missing_data_is_said_and_the_fixture_skips(tmp_path):
    absent = tmp_path / "no-such-data"
    with pytest.raises(MissingData, match="no-such-data"):
        build_news_corpus(tmp_path / "out", data=absent)
    assert "no-such-data" in missing_reason(data=absent)
    with pytest.raises(pytest.skip.Exception, match="development data.*no-such-data"):
        news_corpus_or_skip(tmp_path / "out", data=absent)
    assert not any((tmp_path / "out").rglob("*.md"))


# --- the real corpus ------------------------------------------------------------------------------

def creation_dates() -> dict[str, dt.date]:
    """Each TimeML document's creation time, read with an XML parser (not the builder's code)."""
    dates = {}
    for path in DATA.glob("**/*.tml"):
        root = ET.fromstring(re.sub(r"<\?xml[^>]*\?>", "", path.read_text(encoding="utf-8")))
        dates[root.findtext("DOCID").strip()] = dt.date.fromisoformat(root.find("DCT/TIMEX3").get("value")[:10])
    return dates


@pytest.fixture(scope="module")
def news_articles(news_corpus):
    articles, problems = load_articles([news_corpus])
    assert not problems, problems
    return articles


def test_the_news_corpus_has_150_articles_dated_by_their_creation_time(news_corpus, news_articles):
    assert len(list(news_corpus.rglob("*.md"))) == len(news_articles) == 150
    dates = creation_dates()
    for article in news_articles:
        assert article.published_from == "metadata", article.path
        assert article.published == dates[article.id], article.path
    sets = {Path(a.path).parent.name for a in news_articles}
    assert sets == {"timeline-corpus1", "timeline-trial", "timebank"}
    assert len({a.source for a in news_articles}) >= 4


def test_news_texts_are_plain_written_english(news_articles):
    for article in news_articles:
        assert not re.search(r"</?[A-Za-z]+[ >]|&(amp|lt|gt|quot|#\d+);", article.text), article.path
        assert not re.search(r"\w \.$| ,|``|''| 's\b", article.text, re.M), article.path
        assert not article.warnings, article.warnings
    wikinews = [a for a in news_articles if a.source == "Wikinews"]
    assert len(wikinews) == 60 and all(a.title and a.title != a.id for a in wikinews)
    assert all(len(a.text.split("\n\n")) == 3 for a in wikinews)


def test_the_project_reads_the_news_corpus_with_events_and_actors(news_corpus):
    from timeline.corpus import read_corpus
    corpus = read_corpus([news_corpus])
    assert not corpus.problems and not corpus.warnings
    assert len(corpus.documents) == 150
    events = corpus.events
    assert len(events) >= 1000
    assert events["doc"].nunique() >= 140                   # nearly every article has dated events
    assert events["start"].notna().mean() > 0.9
    named = events["actors"].map(len) > 0
    assert named.mean() > 0.5
    assert corpus.actors is not None and len(corpus.actors) >= 200


def test_the_news_corpus_is_the_same_every_time(news_corpus, tmp_path):
    again = news_corpus_or_skip(tmp_path / "again")
    names = sorted(p.relative_to(again).as_posix() for p in again.rglob("*.md"))
    assert names == sorted(p.relative_to(news_corpus).as_posix() for p in news_corpus.rglob("*.md"))
    match, mismatch, errors = filecmp.cmpfiles(news_corpus, again, names, shallow=False)
    assert not mismatch and not errors


@pytest.mark.browser
def test_the_dashboard_opened_on_the_news_corpus_draws_its_events(news_corpus, browser):
    """The way a user opens a folder (TIMELINE_CORPUS): the chart is drawn with the events, no error shown."""
    from tests.conftest import VIEWPORT, streamlit_server
    from timeline.corpus import read_corpus
    placed = int(read_corpus([news_corpus]).events["start"].notna().sum())
    with streamlit_server(env={"TIMELINE_CORPUS": str(news_corpus)}) as url:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        try:
            page.goto(url)
            points = page.wait_for_function("""() => {
                const gd = document.querySelector('.js-plotly-plot');
                if (!gd || !gd._fullData || !gd.querySelector('.main-svg')) return null;
                const n = gd._fullData.reduce((sum, t) => sum + (t._length || 0), 0);
                return n > 0 ? n : null; }""", timeout=120_000).json_value()
            assert points >= placed
            assert page.locator('[data-testid="stException"]').count() == 0
            assert not page.get_by_text("Could not read").count()
        finally:
            context.close()
