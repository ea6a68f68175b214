"""Date words that are no dates: inside a name or a title, and "soon" told of the story's past."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal import tag

PUBLISHED = dt.date(2016, 3, 9)


def _found(text: str) -> dict[str, str]:
    return {t.text: t.value for t in tag(text, PUBLISHED)}


@pytest.mark.parametrize("text,word", [
    ("Listeners of WKRN Tonight heard the mayor resign.", "Tonight"),
    ("He writes on tractors for Farmers Weekly Today and little else.", "Today"),
    ("The mayor spoke on Radio Clyde's This Morning about the strike.", "This Morning"),
    ('She reviewed films for the magazine "Next Year\'s Models" until it folded.', "Next Year"),
    ('The band played "Last Night" twice.', "Last Night"),
])
def test_a_capitalised_date_word_in_mid_sentence_is_part_of_a_name(text, word):
    assert not any(t.startswith(word) for t in _found(text))


@pytest.mark.parametrize("text,word,value", [
    ("Tomorrow the ferries stop.", "Tomorrow", "2016-03-10"),                        # a sentence's first word
    ("The ferries stop. Tomorrow they sail again.", "Tomorrow", "2016-03-10"),
    ('The coach said "Today we train hard" before the match.', "Today", "2016-03-09"),   # quoted speech
    ("Orchard Growers Expect Record Harvest Next Year", "Next Year", "2017"),        # a heading in Title Case
    ("Cider Makers Gain: Shops Sell Out This Week", "This Week", "2016-W10"),
    ("In Lisbon today the ferries stopped.", "today", "2016-03-09"),
])
def test_a_date_word_capitalised_where_any_word_is_stays_a_date(text, word, value):
    assert _found(text)[word] == value


@pytest.mark.parametrize("text", [
    "The dam burst in April and the valley flooded soon afterwards.",
    "The bridge was repaired soon after the flood.",
    "Soon thereafter the ferry sank.",
    "The ferry was soon repaired and sailed again.",                # told in the past: soon after that
    "The rebels took the port, and the garrison soon surrendered.",
])
def test_soon_after_an_event_or_in_a_story_told_in_the_past_is_no_date(text):
    assert "soon" not in {t.lower() for t in _found(text)}


@pytest.mark.parametrize("text", [
    "The museum will reopen soon.",
    "The council said the inquiry may soon name a culprit.",
    "Hopefully the road is clear soon.",
])
def test_soon_from_now_is_the_future(text):
    assert _found(text)["soon"] == "FUTURE_REF"
