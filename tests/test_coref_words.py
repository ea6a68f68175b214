"""Pronouns and descriptions are words of their own, in any case; a description names an actor by its name's last
word or a camel-case head of one of its words."""
from __future__ import annotations

from dataclasses import dataclass

from timeline.actors import coref
from timeline.sentences import sentences


@dataclass
class Named:
    start: int
    end: int
    actor: str
    form: str = "name"


def _linked(text: str, names: dict[str, str]) -> list[tuple[str, str]]:
    named = sorted((Named(text.index(n), text.index(n) + len(n), actor) for n, actor in names.items()),
                   key=lambda m: m.start)
    kinds = {"Odile Vance": "person", "Tidewell SmartPhone": "organisation", "Quay Ferry Company": "organisation"}
    found = coref.link(text, sentences(text), named, lambda a: kinds.get(a, "other"),
                       lambda s, e, actor, form: Named(s, e, actor, form))
    return [(text[m.start:m.end], m.actor) for m in found]


def test_pronouns_in_capitals_link_and_words_that_hold_one_do_not():
    text = "Odile Vance rebuilt the pier. Then SHE sold the ferry shed. The shepherds cheered."
    assert _linked(text, {"Odile Vance": "Odile Vance"}) == [("SHE", "Odile Vance")]
    text = "Odile Vance rebuilt the pier. The hero of the harbour, hers truly, left."
    assert _linked(text, {"Odile Vance": "Odile Vance"}) == []


def test_a_description_names_the_actor_by_a_last_word_or_a_camel_case_head():
    text = "Tidewell SmartPhone hired 40 people. The phone sold well. The Quay Ferry Company cut fares. The company grew."
    names = {"Tidewell SmartPhone": "Tidewell SmartPhone", "Quay Ferry Company": "Quay Ferry Company"}
    assert _linked(text, names) == [("The phone", "Tidewell SmartPhone"), ("The company", "Quay Ferry Company")]
