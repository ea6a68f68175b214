"""The words of a sentence as name finding reads them, and the words around a name that tell its kind."""

import pytest

from timeline.actors.mentions import find_candidates, word_counts
from timeline.actors.tokens import Words, is_headline, words_and_gaps
from timeline.model import Span
from timeline.sentences import sentences

SENTENCES = [
    "Harwick's chief met the U.S. envoy in Port-Varra on Tuesday.",
    "The boss' car, a rock'n'roll AT&T ad and the Ministries' plans were shown.",
    "See https://example.org/Some-Page?x=Ada for the HarwickMarch notes.",
    "O'Neil said: \u201cWe've seen Kim Jong-un\u2019s letter\u00a0before.\u201d",
    "PowerPC chips, 3.5 million units and Boeing 787 jets.",
]
# the words of each sentence from its fifth character to its last but one: possessives, inner hyphens and
# apostrophes, "&" and dotted acronyms stay inside a word; a web address gives none
WORDS = [
    ["ick's", "chief", "met", "the", "U.S.", "envoy", "in", "Port-Varra", "on", "Tuesda"],
    ["boss'", "car", "a", "rock'n'roll", "AT&T", "ad", "and", "the", "Ministries'", "plans", "were", "show"],
    ["for", "the", "HarwickMarch", "note"],
    ["il", "said", "We've", "seen", "Kim", "Jong-un\u2019s", "letter", "before"],
    ["rPC", "chips", "3", "5", "million", "units", "and", "Boeing", "787", "jet"],
]

POSSESSIVES = {"ick's": "ick", "boss'": "boss", "Ministries'": "Ministries", "Jong-un\u2019s": "Jong-un"}  # word -> bare


@pytest.mark.parametrize("text, expected", list(zip(SENTENCES, WORDS)))
def test_the_words_of_a_stretch_of_text_keep_the_texts_offsets(text, expected):
    start, end = 4, len(text) - 2  # a stretch inside a longer text: offsets stay the text's
    words = Words.read(text, start, end)
    assert words.texts == expected
    assert [text[at : at + len(w)] for w, at in zip(words.texts, words.starts)] == expected
    for i, (word, at) in enumerate(zip(words.texts, words.starts)):
        token = words[i]
        assert (token.start, token.end, token.text) == (at, at + len(word), word)
        assert token.bare == POSSESSIVES.get(word, word)
    assert Words.read(text, 0, len(text)).with_gaps(text, 0, len(text)) == words_and_gaps(text, 0, len(text))


def test_words_leave_out_a_web_address():
    text = SENTENCES[2]
    assert "example" not in Words.read(text, 0, len(text)).texts


def test_a_headline_is_told_from_the_words_as_written():
    counts = word_counts([("the plan was signed by the rival firms and the state.", [Span(0, 53)])])

    def headline(text):
        return is_headline(Words.read(text, 0, len(text)).texts, counts.lower)

    assert headline("Rival Firms Sign Plan After State Talks")
    assert not headline("Rival firms signed the plan after talks with the state")


def test_word_counts_read_possessives_and_capitals_after_lower_case_words():
    text = "The envoy met Quennell's aides in Marlow. Aides' pay rose."
    counts = word_counts([(text, sentences(text))])
    assert {"quennell", "aides", "marlow", "the"} <= counts.known
    assert "quennell's" not in counts.known
    assert counts.lower["aides"] == 1 and counts.lower["envoy"] == 1
    # capitalised right after a lower-case word: a name; at the start of a sentence: no evidence
    assert counts.inner["quennell"] == 1 and counts.inner["marlow"] == 1
    assert counts.inner["the"] == 0 and counts.inner["aides"] == 0


def _hints(text):
    return {c.name: c.hint for c in find_candidates([(text, sentences(text))])[0]}


@pytest.mark.parametrize(
    "text, name, hint",
    [
        ("Shares of Harwick rose on Monday.", "Harwick", "organisation"),  # a cue before
        ("Analysts expect Harwick shares to rise.", "Harwick", "organisation"),  # a cue after
        ("Analysts expect Harwick's profit to rise.", "Harwick", "organisation"),  # after a possessive
        ("It came from the Tessaly region, he said.", "Tessaly", "place"),  # a type noun after
        ("Police said the militant group Zetaron fired.", "Zetaron", "organisation"),  # a type noun before
        ("Police said Ada Quennell, who chairs it, left.", "Ada Quennell", "person"),  # "who" after
        ("They spoke to Ray Tolland, a Zetaron spokesman.", "Ray Tolland", "person"),  # a role in apposition
        ("Prices fell at the Kesting plant in March.", "Kesting", "organisation"),
    ],
)
def test_the_words_around_a_name_tell_its_kind(text, name, hint):
    assert _hints(text)[name] == hint


def test_words_around_a_name_that_are_no_cue_tell_nothing():
    hints = _hints("Yesterday Harwick hired Ray Tolland and then Marlow Vesk.")
    assert hints["Harwick"] == "" and hints["Marlow Vesk"] == ""


def test_a_role_word_before_a_name_makes_it_a_titled_person():
    text = "Acme chairman Ray Tolland resigned, the firm said."
    found = find_candidates([(text, sentences(text))])[0]
    tolland = next(c for c in found if c.name == "Ray Tolland")
    assert tolland.titled and tolland.hint == "person"


def test_a_name_after_a_byline_cue_is_the_writer():
    text = "Reporting by Lina Brasko; Editing by Tom Ferris"
    found = find_candidates([(text, sentences(text))])[0]
    assert {c.name for c in found if c.byline} == {"Lina Brasko", "Tom Ferris"}


def test_word_counts_leave_out_a_web_address():
    text = "Read more at https://example.org/Harwick-Report and ask Quennell."
    counts = word_counts([(text, sentences(text))])
    assert "example" not in counts.known and "harwick" not in counts.known
    assert counts.inner["quennell"] == 1 and counts.lower["read"] == 0 and counts.lower["more"] == 1
