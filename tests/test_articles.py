"""The article loader, checked the way a user would: load files, look at the articles and problems."""
from __future__ import annotations

import datetime as dt
import json
import os
import types
from pathlib import Path

import pytest

from timeline.articles import holds_at_least, iter_inputs, load_articles, published_in_text
from timeline.model import Article, Problem

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NOV24 = dt.date(2011, 11, 24)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def load_one(path: Path) -> Article:
    articles, problems = load_articles([path])
    assert problems == [] and len(articles) == 1, (articles, problems)
    return articles[0]


def only_problem(path: Path) -> Problem:
    items = list(iter_inputs([path]))
    assert len(items) == 1 and isinstance(items[0], Problem), items
    return items[0]


# --- the seed corpus --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds():
    articles, problems = load_articles([SEEDS])
    assert problems == []
    return {a.id: a for a in articles}


def test_seeds_load_three_articles_in_file_order(seeds):
    assert list(seeds) == ["000_46777b7bd9aeec7b", "001_8df9275ebf8a9017", "002_a501227d1568e9ca"]


def test_seed_000_entities_are_decoded(seeds):
    text = seeds["000_46777b7bd9aeec7b"].text
    assert "JERUSALEM — President" in text
    assert "Mr. Abbas’s authority" in text
    assert "&mdash;" not in text and "&rsquo;" not in text


def test_seed_dates_and_where_they_come_from(seeds):
    assert (seeds["000_46777b7bd9aeec7b"].published, seeds["000_46777b7bd9aeec7b"].published_from) == (NOV24, "metadata")
    assert (seeds["001_8df9275ebf8a9017"].published, seeds["001_8df9275ebf8a9017"].published_from) == (
        dt.date(2014, 9, 24), "metadata")
    # 002's csv cell is empty: the date comes from "November 24, 2011" / "First Publish: 11/24/2011"
    assert (seeds["002_a501227d1568e9ca"].published, seeds["002_a501227d1568e9ca"].published_from) == (NOV24, "text")


def test_seed_titles_sources_and_urls_come_from_the_csv(seeds):
    assert seeds["000_46777b7bd9aeec7b"].title == "Abbas and Hamas Leader Meet, Agree to Hold Elections Next Year"
    assert seeds["001_8df9275ebf8a9017"].source == "Reuters"
    assert seeds["002_a501227d1568e9ca"].title == "Fatah and Hamas Hail New Era of 'Partnership'"
    assert seeds["002_a501227d1568e9ca"].url == "http://www.israelnationalnews.com/News/News.aspx/150070"


def test_a_seed_file_given_alone_still_gets_its_folder_metadata():
    article = load_one(SEEDS / "000_46777b7bd9aeec7b.txt")
    assert article.source == "The New York Times" and article.published == NOV24


# --- text and Markdown --------------------------------------------------------------------------

def test_front_matter_gives_metadata_and_is_not_part_of_the_text(tmp_path):
    path = write(tmp_path, "talks.md", "---\ntitle: Talks in Cairo\npublished: 2011-11-24\nsource: Wire\n"
                                       "url: https://example.com/a\n---\nCAIRO — Leaders met on Thursday.\n")
    article = load_one(path)
    assert article.text == "CAIRO — Leaders met on Thursday.\n"
    assert (article.title, article.source, article.url) == ("Talks in Cairo", "Wire", "https://example.com/a")
    assert (article.published, article.published_from, article.id) == (NOV24, "metadata", "talks")


@pytest.mark.parametrize("value", ["2011-11-24", "'2011-11-24'", "November 24, 2011", "2011-11-24 17:27:00",
                                   "2011-11-24T17:27:00Z"])
def test_front_matter_date_may_be_a_date_a_datetime_or_a_string(tmp_path, value):
    article = load_one(write(tmp_path, "a.md", f"---\npublished: {value}\n---\nText.\n"))
    assert (article.published, article.published_from) == (NOV24, "metadata")


@pytest.mark.parametrize("value", ["2011-13-45", "soon"])
def test_invalid_front_matter_date_is_a_warning_naming_file_and_line(tmp_path, value):
    path = write(tmp_path, "a.md", f"---\ntitle: Talks\npublished: {value}\n---\nNov. 24, 2011\nLeaders met.\n")
    article = load_one(path)
    assert article.title == "Talks" and article.text.startswith("Nov. 24, 2011")
    assert any(w.startswith(f"{path}:3:") and value in w for w in article.warnings), article.warnings
    assert (article.published, article.published_from) == (NOV24, "text")  # falls back to the dateline


def test_invalid_front_matter_date_without_a_dateline_leaves_no_date(tmp_path):
    article = load_one(write(tmp_path, "a.md", "---\npublished: soon\n---\nLeaders met in 2006.\n"))
    assert (article.published, article.published_from) == (None, "none")


def test_invalid_yaml_front_matter_is_a_warning_and_kept_out_of_the_text(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: [unclosed\n---\nThe text.\n")
    article = load_one(path)
    assert article.text == "The text.\n"
    assert any(str(path) in w and "front matter" in w for w in article.warnings)


def test_a_markdown_rule_at_the_top_is_not_front_matter(tmp_path):
    article = load_one(write(tmp_path, "a.md", "---\nJust a paragraph.\n---\nMore.\n"))
    assert article.text == "---\nJust a paragraph.\n---\nMore.\n"


def test_front_matter_beats_articles_csv(tmp_path):
    write(tmp_path, "articles.csv", "file,title,source,url,published\na.md,CSV title,CSV source,,2000-01-01\n")
    article = load_one(write(tmp_path, "a.md", "---\ntitle: Own title\npublished: 2011-11-24\n---\nText.\n"))
    assert (article.title, article.source, article.published) == ("Own title", "CSV source", NOV24)


def test_invalid_csv_date_is_a_warning_naming_the_csv_line(tmp_path):
    csv_path = write(tmp_path, "articles.csv", "file,title,source,url,published\nx.txt,T,S,,someday\na.txt,T,S,,never\n")
    write(tmp_path, "a.txt", "Leaders met.\n")
    article = load_one(tmp_path)
    assert any(w.startswith(f"{csv_path}:3:") and "never" in w for w in article.warnings), article.warnings
    assert article.published is None


def test_title_is_a_short_first_line_else_the_file_stem(tmp_path):
    headline = load_one(write(tmp_path / "a", "talks.txt", "\nLeaders Meet in Cairo\n\nThey met on Thursday.\n"))
    sentence = load_one(write(tmp_path / "b", "talks.txt", "Leaders met in Cairo on Thursday.\nMore.\n"))
    long_line = load_one(write(tmp_path / "c", "talks.txt", "word " * 60 + "\n"))
    heading = load_one(write(tmp_path / "d", "talks.md", "# Leaders Meet\n\nText.\n"))
    assert [headline.title, sentence.title, long_line.title, heading.title] == [
        "Leaders Meet in Cairo", "talks", "talks", "Leaders Meet"]


def test_line_endings_and_bom_are_normalised(tmp_path):
    article = load_one(write(tmp_path, "a.txt", b"\xef\xbb\xbfFirst line\r\nsecond &amp; third\rfourth\r\n"))
    assert article.text == "First line\nsecond & third\nfourth\n"


def test_cp1252_text_is_decoded_with_a_warning(tmp_path):
    path = write(tmp_path, "a.txt", b"Le caf\xe9 \x93ouvert\x94.\n")
    article = load_one(path)
    assert article.text == "Le café “ouvert”.\n"
    assert any(str(path) in w and "cp1252" in w for w in article.warnings)


# --- HTML ---------------------------------------------------------------------------------------

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Abbas and Hamas Leader Meet | Example News</title>
<meta property="og:title" content="Abbas and Hamas Leader Meet, Agree to Hold Elections">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2011-11-24T17:27:00Z">
<meta property="article:modified_time" content="2011-11-26T09:00:00Z">
<link rel="canonical" href="https://example.com/2011/11/24/abbas-hamas.html">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news section</a></li></ul></nav>
<article><h1>Abbas and Hamas Leader Meet, Agree to Hold Elections</h1>
<p>JERUSALEM &mdash; President Mahmoud Abbas of the Palestinian Authority and the leader of the rival
Islamic group Hamas met Thursday and the sides agreed to go ahead with elections next year.</p>
<p>The meeting, in Cairo, was the first between Mr. Abbas and his rival, Khaled Meshal, since the two
men signed a reconciliation accord in May. Mr. Abbas&rsquo;s authority is confined to the West Bank.</p>
<p>It remained unclear whether the two sides were committed to a further narrowing of their
differences, officials said on Friday in a statement to reporters in the Egyptian capital.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
"""


def test_html_page_gives_main_text_and_publication_metadata(tmp_path):
    article = load_one(write(tmp_path, "abbas.html", NEWS_PAGE))
    assert "JERUSALEM — President Mahmoud Abbas" in article.text and "Abbas’s authority" in article.text
    assert "World news section" not in article.text and "Copyright" not in article.text
    assert "<p>" not in article.text and "&mdash;" not in article.text
    assert (article.published, article.published_from) == (NOV24, "metadata")  # not the modified date
    assert article.title == "Abbas and Hamas Leader Meet, Agree to Hold Elections"
    assert (article.source, article.url) == ("Example News", "https://example.com/2011/11/24/abbas-hamas.html")
    assert article.id == "abbas"


def test_html_page_without_date_metadata_falls_back_to_the_byline(tmp_path):
    page = ("<html><head><title>Talks</title></head><body><article><p>Posted on November 24, 2011 by the desk</p>"
            "<p>" + "Leaders of the two factions met in Cairo and talked about elections. " * 5 + "</p>"
            "</article></body></html>")
    article = load_one(write(tmp_path, "talks.htm", page))
    assert (article.published, article.published_from) == (NOV24, "text")


def test_html_in_a_declared_charset_is_decoded_without_a_warning(tmp_path):
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("&rsquo;", "é")
    article = load_one(write(tmp_path, "a.html", page.replace("—", "-").encode("iso-8859-1")))
    assert "Abbasé" in article.text.replace("’", "") and article.warnings == []


# --- JSONL --------------------------------------------------------------------------------------

def test_jsonl_broken_line_is_one_problem_and_the_other_lines_load(tmp_path):
    lines = [json.dumps({"id": "a1", "title": "First", "text": "Leaders met.", "published": "2011-11-24",
                         "source": "Wire", "url": "https://example.com/1"}),
             '{"id": "a2", "text": "broken',
             json.dumps({"title": "Third", "text": "CAIRO, Nov. 24, 2011 — Talks went on."})]
    path = write(tmp_path, "data.jsonl", "\n".join(lines) + "\n")
    articles, problems = load_articles([path])
    assert [a.id for a in articles] == ["a1", "data-3"]
    assert [a.line for a in articles] == [1, 3]
    assert len(problems) == 1 and problems[0].line == 2 and str(problems[0]).startswith(f"{path}:2: invalid JSON")
    first, third = articles
    assert (first.title, first.source, first.url, first.published, first.published_from) == (
        "First", "Wire", "https://example.com/1", NOV24, "metadata")
    assert (third.title, third.published, third.published_from) == ("Third", NOV24, "text")


@pytest.mark.parametrize("line", ['{"id": "x", "title": "No text"}', '{"text": ""}', '["a list"]', "12"])
def test_jsonl_record_without_text_is_a_problem(tmp_path, line):
    path = write(tmp_path, "d.jsonl", line + "\n" + json.dumps({"text": "Fine."}) + "\n")
    articles, problems = load_articles([path])
    assert len(articles) == 1 and [p.line for p in problems] == [1]


# --- unreadable inputs --------------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 20])
def test_binary_file_is_a_problem(tmp_path, content):
    problem = only_problem(write(tmp_path, "image.txt", content))
    assert "binary file" in problem.message


@pytest.mark.parametrize("content", [b"", b"  \n\n", b"---\ntitle: Only front matter\n---\n"])
def test_empty_file_is_a_problem(tmp_path, content):
    problem = only_problem(write(tmp_path, "a.md", content))
    assert "empty file" in problem.message or "no text" in problem.message


def test_unreadable_file_is_a_problem_and_the_rest_goes_on(tmp_path, monkeypatch):
    locked = write(tmp_path, "a.txt", "Secret.\n")
    write(tmp_path, "b.txt", "Open.\n")
    os_open = os.open

    def refuse(path, *args, **kwargs):  # chmod 0 does not stop root, who may run the tests
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return os_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    articles, problems = load_articles([tmp_path])
    assert [a.id for a in articles] == ["b"]
    assert [str(p) for p in problems] == [f"{locked}: cannot read file: Permission denied"]


def test_broken_articles_csv_is_one_problem_and_the_files_still_load(tmp_path):
    write(tmp_path, "articles.csv", "name,title\na.txt,T\n")
    write(tmp_path, "a.txt", "Text.\n")
    articles, problems = load_articles([tmp_path])
    assert [a.title for a in articles] == ["a"]
    assert len(problems) == 1 and "'file' column" in problems[0].message


def test_unknown_formats_are_problems_but_clearly_other_files_are_skipped(tmp_path):
    for name in ["report.pdf", "memo.docx", "actors.yaml", ".DS_Store", "notes.txt~"]:
        write(tmp_path, name, "x,y\n")
    write(tmp_path, "articles.csv", "file,title\n")
    write(tmp_path, "a.txt", "Text.\n")
    articles, problems = load_articles([tmp_path])
    assert [a.id for a in articles] == ["a"]
    assert sorted(Path(p.path).name for p in problems) == ["memo.docx", "report.pdf"]
    assert all("unsupported format" in p.message for p in problems)


def test_missing_path_is_a_problem(tmp_path):
    assert "no such file" in only_problem(tmp_path / "nowhere").message


# --- folders, order, ids, streaming -------------------------------------------------------------

def test_folders_are_searched_recursively_in_sorted_order(tmp_path):
    for name in ["b/2.txt", "a/deep/er/1.md", "c.txt", "a/0.txt", ".hidden/x.txt"]:
        write(tmp_path, name, f"Text of {name}.\n")
    articles, problems = load_articles([tmp_path])
    assert problems == []
    assert [Path(a.path).relative_to(tmp_path).as_posix() for a in articles] == [
        "a/0.txt", "a/deep/er/1.md", "b/2.txt", "c.txt"]


def test_each_folder_uses_its_own_articles_csv(tmp_path):
    write(tmp_path, "x/articles.csv", "file,title,source,url,published\nsame.txt,Title X,,,2011-11-24\n")
    write(tmp_path, "y/articles.csv", "file,title,source,url,published\nsame.txt,Title Y,,,2012-01-02\n")
    write(tmp_path, "x/same.txt", "Text.\n")
    write(tmp_path, "y/same.txt", "Text.\n")
    articles, _ = load_articles([tmp_path])
    assert [(a.title, a.published) for a in articles] == [("Title X", NOV24), ("Title Y", dt.date(2012, 1, 2))]


def test_duplicate_ids_get_a_suffix_and_a_warning(tmp_path):
    write(tmp_path, "x/same.txt", "One.\n")
    write(tmp_path, "y/same.txt", "Two.\n")
    write(tmp_path, "z.jsonl", json.dumps({"id": "same", "text": "Three."}) + "\n")
    articles, _ = load_articles([tmp_path])
    assert [a.id for a in articles] == ["same", "same-2", "same-3"]
    assert articles[0].warnings == [] and "duplicate id 'same'" in articles[1].warnings[0]


def test_a_file_given_twice_is_read_once(tmp_path):
    path = write(tmp_path, "a.txt", "Text.\n")
    articles, _ = load_articles([tmp_path, path])
    assert len(articles) == 1


def test_iter_inputs_streams_and_goes_on_after_a_problem(tmp_path):
    write(tmp_path, "a.txt", "First.\n")
    write(tmp_path, "b.txt", b"\x00\x01binary")
    write(tmp_path, "c.txt", "Third.\n")
    items = iter_inputs([tmp_path])
    assert isinstance(items, types.GeneratorType)
    assert [type(item).__name__ for item in items] == ["Article", "Problem", "Article"]


def test_metadata_overrides_win(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: Own\npublished: 2000-01-01\n---\nText.\n")
    [article] = list(iter_inputs([path], metadata_overrides={"a": {"title": "Given", "published": "2011-11-24"}}))
    assert (article.title, article.published) == ("Given", NOV24)


def test_metadata_overrides_may_be_a_csv_file(tmp_path):
    table = write(tmp_path / "meta", "dates.csv", "file,title,source,url,published\na.txt,Given,,,2011-11-24\n")
    path = write(tmp_path, "a.txt", "Text.\n")
    [article] = list(iter_inputs([path], metadata_overrides=table))
    assert (article.title, article.published, article.published_from) == ("Given", NOV24, "metadata")
    assert "no such metadata file" in str(next(iter_inputs([path], metadata_overrides=tmp_path / "missing.csv")))


def test_streaming_keeps_memory_small(tmp_path):
    import tracemalloc
    paragraph = "Leaders met in Cairo on Thursday to talk about elections next year. " * 15 + "\n\n"
    for i in range(40):
        write(tmp_path, f"{i:03}.txt", paragraph * 250)  # ~260 KB each, ~10 MB in all
    tracemalloc.start()
    count = sum(1 for item in iter_inputs([tmp_path]) if isinstance(item, Article))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 40 and peak < 5_000_000  # a few articles' worth, not the corpus


# --- published_in_text --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "WASHINGTON, March 3, 2011 — The president said",
    "Nov. 24, 2011\nThe talks went on.",
    "By Jane Doe | 24 November 2011\nLeaders met.",
    "Posted on Thursday, November 24, 2011 by admin",
    "First Publish: 11/24/2011, 5:27 PM\nText",
    "Thursday 24 November 2011 17.27 GMT\nText",
    "Header PartnershipNovember 24, 2011 Fatah and Hamas Hail",
    "Updated: Nov 30, 2011\nPublished: November 24, 2011\nText",
    "Talks on Thursday. " * 80 + "Published: 2011-11-24",
])
def test_published_in_text_finds_a_dateline_or_byline(text):
    assert published_in_text(text) == NOV24 or published_in_text(text) == dt.date(2011, 3, 3)


@pytest.mark.parametrize("text", [
    "The accord was signed in 2006 and failed.",
    "They have been talking since May 2011.",
    "The factions meet again on December 15 in Cairo.",
    "The accord signed on May 4, 2011 in Cairo was hailed.",
    "On May 4, 2011, the accord was signed.",
    "They agreed Tuesday, November 22, 2011, to talk.",
    "Updated: Nov 25, 2011\nThe talks went on.",
    "Talks on Thursday. " * 80 + "\nNovember 24, 2011\n",   # a dateline-like line, but deep in the body
    "February 30, 2011\nNo such day.",
    "November 2011\nMonth only.",
    "",
])
def test_published_in_text_ignores_dates_in_the_story(text):
    assert published_in_text(text) is None


def test_a_corpus_size_counts_only_the_files_that_would_be_read(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "one.md").write_text("x" * 600)
    (tmp_path / "news" / "two.txt").write_text("y" * 500)
    (tmp_path / "news" / "feed.yaml").write_text("k: v\n" * 1000)  # a settings file: never read
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "three.md").write_text("z" * 5000)  # a hidden folder is not searched
    assert holds_at_least([tmp_path], 1100)
    assert not holds_at_least([tmp_path], 1101)
    assert holds_at_least(tmp_path / "news" / "one.md", 600)  # one file, given alone
    assert not holds_at_least([tmp_path / "missing"], 1)
