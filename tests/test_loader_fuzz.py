"""Nothing crashes on any input, and pathological inputs finish in seconds."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.articles import iter_inputs, published_in_text
from timeline.dateline import parse_date_value
from timeline.model import Article, Problem

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTENSIONS = [".txt", ".md", ".html", ".jsonl"]
FRAGMENTS = st.sampled_from([
    "---\n", "title: T\n", "published: 2011-13-45\n", "published: ", "November 24, 2011", "First Publish: ",
    "11/24/2011", "&mdash;", "&#0;", "<p>", "</p>", "<meta property='article:published_time' content='2011-11-24'>",
    '{"text": "a"}', '{"id": 1, ', "\n", "\r\n", "May ", "Published:", "\ufeff", "\x00", "é", "caf\xe9",
])


def check_items(items: list, path: Path) -> None:
    assert items, "every input yields something"
    for item in items:
        assert isinstance(item, (Article, Problem))
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip()
            assert "\r" not in item.text and not item.text.startswith("\ufeff")
            assert item.published is None or isinstance(item.published, dt.date)
            assert item.published_from in ("metadata", "text", "none")
            assert (item.published is None) == (item.published_from == "none")
        else:
            assert str(item).startswith(str(path))


def load_bytes(data: bytes, extension: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "input" + extension)
        path.write_bytes(data)
        items = list(iter_inputs([path]))
        check_items(items, path)
        if extension != ".jsonl":
            assert len(items) == 1
        return items


@FUZZ
@given(data=st.binary(max_size=2000), extension=st.sampled_from(EXTENSIONS))
def test_random_bytes_never_crash(data, extension):
    load_bytes(data, extension)


@FUZZ
@given(parts=st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=30),
       extension=st.sampled_from(EXTENSIONS), encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_random_text_never_crashes(parts, extension, encoding):
    load_bytes("".join(parts).encode(encoding, errors="replace"), extension)


@FUZZ
@given(text=st.text(max_size=3000))
def test_published_in_text_never_crashes(text):
    date = published_in_text(text)
    assert date is None or isinstance(date, dt.date)


@FUZZ
@given(value=st.one_of(st.text(max_size=60), st.integers(), st.none(), st.dates(), st.lists(st.integers())))
def test_parse_date_value_never_crashes(value):
    date = parse_date_value(value)
    assert date is None or isinstance(date, dt.date)


# --- pathological inputs ------------------------------------------------------------------------

PATHOLOGICAL = {
    "digits": "1" * 1_000_000,
    "may": "May " * 50_000,
    "dates": "May 4, 2011 " * 50_000,
    "labels": "Published: " * 50_000,
    "slashes": "11/24/" * 150_000,
    "entities": "&amp" * 200_000,
    "tags": "<div><p>" * 50_000,
}


@pytest.mark.parametrize("extension", [".txt", ".md", ".jsonl", ".html"])
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_is_read(tmp_path, name, extension):
    text = PATHOLOGICAL[name]
    if extension == ".html":
        text = f"<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>"
    path = tmp_path / f"{name}{extension}"
    path.write_text(text)
    items = list(iter_inputs([path]))
    check_items(items, path)


@pytest.mark.parametrize("front", [
    "---\n" + "a: [" * 5_000 + "\n---\nText.\n",          # deep nesting
    "---\n" + "k: &a [x]\n" + "".join(f"k{i}: &a{i} [*a, *a]\n" for i in range(30)) + "---\nText.\n",
    "---\n" + "title: x\n" * 10_000 + "---\nText.\n",
    "---\n" + "x" * 1_000_000 + "\n---\nText.\n",
])
def test_pathological_front_matter(tmp_path, front):
    path = tmp_path / "a.md"
    path.write_text(front)
    items = list(iter_inputs([path]))
    check_items(items, path)


@pytest.mark.parametrize("name", ["may", "dates"])
def test_pathological_input_gives_its_events_without_blowing_up(tmp_path, name):
    """50,000 dates in one run-on "sentence": every cost that grows with the sentence stays bounded."""
    from timeline.corpus import read_corpus
    from timeline.sentences import MAX_SENTENCE
    path = tmp_path / f"{name}.md"
    path.write_text("---\npublished: 2011-11-24\n---\n" + PATHOLOGICAL[name])
    events = read_corpus([path]).events
    assert len(events) == 50_000
    # a run-on is cut at spaces; a date the cut runs through widens its piece by the date's own length
    assert events["sentence"].str.len().max() <= MAX_SENTENCE + 40
