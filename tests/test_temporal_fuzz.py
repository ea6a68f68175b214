"""The tagger never raises, keeps its offsets straight and stays fast on pathological input."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from timeline.temporal import tag

WORDS = ["May", "Thursday", "last", "next", "year", "ago", "the", "third", "quarter", "1999", "Dec.", "20,",
         "a", "decade", "early", "mid-", "2:30", "p.m.", "from", "to", "fiscal", "'80s", "week", "every", "now",
         "nineteen", "ninety-six", "12/31/1999", "-", ",", ".", "\n", "yesterday", "night", "99999999999", "BC"]


def _check(text: str, published) -> None:
    found = tag(text, published)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        if t.begin is not None:
            assert t.finish is not None and t.begin < t.finish


dates = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(st.text(max_size=300), dates)
def test_random_text(text, published):
    _check(text, published)


@fuzz
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join), dates)
def test_date_like_word_salad(text, published):
    _check(text, published)


@pytest.mark.parametrize("published", [None, dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2011, 11, 24)])
@pytest.mark.parametrize("text", [
    "99999999999 BC", "in the year 9999 and 10000 years ago and 99999 years later", "the 99th century",
    "last week of year 1 a.d.", "Dec. 31, 9999, next year", "0/0/0000 13/45/2011 2011-02-30 Feb. 30",
    "nineteen ninety-nine hundred", "5000 decades ago, 1000000 centuries later",
])
def test_edge_values(text, published):
    _check(text, published)


PATHOLOGICAL = {"May " * 50_000: 50_000, "1" * 1_000_000: None, "the " * 100_000: 0,
                ("Thursday, " * 20_000) + "and": 20_000, "a" * 500_000 + " May 5": 1, ("last " * 30_000) + "year": 1,
                "12:" * 50_000: None, "nineteen " * 30_000: None}


def test_pathological_inputs_end_and_keep_their_dates():
    """Long runs of what the patterns accept end (a hang guard, in a child process; the patterns' linearity
    is checked structurally in test_hostile_text), with the dates in them found."""
    import json
    import subprocess
    import sys
    script = ("import datetime as dt, json, sys\nfrom timeline.temporal import tag\n"
              "texts = json.load(sys.stdin)\n"
              "print(json.dumps([len(tag(t, dt.date(2011, 11, 24))) for t in texts]))")
    texts = list(PATHOLOGICAL)
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(texts), capture_output=True, text=True,
                          timeout=600, check=True)
    found = json.loads(done.stdout)
    for text, count in zip(texts, found):
        if PATHOLOGICAL[text] is not None:
            assert count == PATHOLOGICAL[text], (text[:20], count)


def _salad_words() -> list[str]:
    from timeline.resources import load_table
    vocab = [r["word"] for r in load_table("temporal_vocabulary")] + [r["word"] for r in load_table("temporal_relatives")]
    return vocab + ["of", "to", "in", "and", "said", "$", "5", "30", "1989", "12/31", "4:30", "p.m.", "'80s", "'s",
                    "-", ",", "ago", "later", "quarter", "year-ago", "year-end", "end", "century", "1990s", "20th"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_salad_words()), max_size=12), st.sampled_from([" ", "-", " the ", ", "]))
def test_scanner_shortcut_finds_what_the_full_regex_finds(words, sep):
    """Trying the master regex only at trigger tokens loses no expression."""
    from timeline.temporal.scanner import _candidates, master
    text = sep.join(words)
    full = [(m.start(), m.end()) for m in master().finditer(text)]
    fast = [(m.start(), m.end()) for _, m in _candidates(text)]
    assert fast == full


def test_scanner_shortcut_on_every_table_example():
    from timeline.resources import load_table
    from timeline.temporal.scanner import _candidates, master
    for row in load_table("temporal_patterns"):
        text = row["example"]
        assert [(m.start(), m.end()) for _, m in _candidates(text)] == \
               [(m.start(), m.end()) for m in master().finditer(text)], row["name"]


_PIECES = ["a", "an", "and", "A", "AN", "k", "K", "s", "ſ", "'", "’", " ", "-", ".", "e", "é", "ss", "ß"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join), min_size=1, max_size=8),
       st.lists(st.sampled_from(_PIECES + ["x", "\n", "\t"]), max_size=8).map("".join),
       st.sampled_from([0, re.IGNORECASE]), st.sampled_from(["", "x", r"\b", r"(?!\w)", r"\s"]))
def test_a_word_list_written_as_a_tree_matches_as_the_words_one_by_one(words, text, flags, after):
    """The vocabulary's words become one regex that shares their beginnings; it matches what the words tried
    one after the other, longest first, match, whatever follows them in a pattern."""
    from timeline.temporal.vocab import _alternation
    one_by_one = "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
                          for w in sorted(set(words), key=len, reverse=True))
    tree, flat = re.compile(f"(?:{_alternation(words)}){after}", flags), re.compile(f"(?:{one_by_one}){after}", flags)
    for i in range(len(text) + 1):
        a, b = tree.match(text, i), flat.match(text, i)
        assert (a and a.span()) == (b and b.span()), (text, i)


_AFTER_NUMBERS = ["5", "12", "2011", "1990", "30", "0", "'", "s", "th", "st", ":", "/", "-", "–", ".", ",", " ", "\n",
                  "pm", "a.m.", "P.M.", "May", "June", "BC", "AD", "GMT", "years", "ago", "and", "half", "'s", "%",
                  "later", "quarter", "century", "week", "x", "é", "٣", "to", "or", "fiscal", "third", "days",
                  "hours", "noon", "tomorrow", "EST", " and a half ", "or so", "\t"]


def _rule_found_after_a_number(text: str) -> None:
    """Every rule that matches where a number begins lets the character after the number through, and the word
    after it where white space comes between."""
    from timeline.temporal.scanner import rules
    for number in re.finditer(r"\d+", text):
        after = text[number.end():number.end() + 1]
        word = re.match(r"\s+([A-Za-z]|\d)", text[number.end():])
        for rule in rules():
            if rule.regex.match(text, number.start()) is not None and after.isascii():
                assert rule.after_number is None or after in rule.after_number, (rule.name, text, after)
                assert word is None or rule.word_after_number is None or \
                    word.group(1).lower() in rule.word_after_number, (rule.name, text, word.group(1))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_AFTER_NUMBERS), max_size=10).map("".join))
def test_the_character_after_a_number_lets_every_rule_that_matches_there_through(text):
    _rule_found_after_a_number(text)


def test_the_character_after_a_number_on_every_table_example():
    from timeline.resources import load_table
    for row in load_table("temporal_patterns"):
        _rule_found_after_a_number(row["example"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aAzZ09'’ -.\n٣é_Kſ") + ["ABCdef", "USAToday", "'99", "x1y", "May2011"]),
                max_size=12).map("".join))
def test_the_scanner_splits_tokens_as_the_plain_alternation_does(text):
    """The scanner's token regex puts its first character first (for speed); it splits as the plain one does."""
    from timeline.temporal.scanner import _TOKEN
    plain = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|['’]\d+")
    assert [m.span() for m in _TOKEN.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_rules_at_a_token_are_those_whose_beginnings_fit_the_next_word(data):
    """The rules chosen at a token, shared between next words that fit the same beginnings, are those whose
    beginnings the next word starts with or begins (any rule without beginnings, every rule where there is no
    next word)."""
    from timeline.temporal.scanner import _choices, _index, _rules_at
    token = data.draw(st.sampled_from(sorted({w.lower() for w in _index()["words"]}) + ["5", "12", "2011"]))
    choices = _choices(token)
    known = sorted(choices.told) or [""]
    following = data.draw(st.one_of(st.sampled_from(known).map(lambda s: s[:3]),
                                    st.text("abcdefghijklmnopqrstuvwxyz0123456789", max_size=3)))
    heads = {following[:k] for k in range(len(following) + 1)}
    expected = tuple(rule for rule, begins, starts in choices.rules
                     if not following or begins is None or following in starts or not heads.isdisjoint(begins))
    assert _rules_at(token, following) == expected
