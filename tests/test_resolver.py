"""One way from a user's words to an actor: exact names and aliases, one actor's fuller or shorter name,
and otherwise nothing but suggestions."""
import pandas as pd

from tests.helpers import jsonl, run_cli
from timeline.actors import ActorIndex
from timeline.actors.resolver import Resolution, Resolver
from timeline.filters import EventFilter, apply_filter
from timeline.model import Article

ALIASES = {
    "verity ashgrove": "Verity Ashgrove", "ashgrove": "Verity Ashgrove", "mayor ashgrove": "Verity Ashgrove",
    "halvorsen freight": "Halvorsen Freight", "hfl": "Halvorsen Freight",
    "port of kelmouth": "Port of Kelmouth", "kelmouth harbour board": "Kelmouth Harbour Board",
    "brannock aerial": "Brannock Aerial",
}
resolver = Resolver(ALIASES)


def test_exact_name_and_alias_in_any_case():
    assert resolver.resolve("Verity Ashgrove").matches == ("Verity Ashgrove",)
    assert resolver.resolve("  VERITY   ashgrove ").matches == ("Verity Ashgrove",)
    assert resolver.resolve("HFL").matches == ("Halvorsen Freight",)


def test_titles_the_legal_forms_and_possessives_are_set_aside():
    assert resolver.resolve("Dr. Ashgrove's").matches == ("Verity Ashgrove",)
    assert resolver.resolve("the Halvorsen Freight Inc.").matches == ("Halvorsen Freight",)
    assert resolver.resolve("Brannock Aerial’s").matches == ("Brannock Aerial",)


def test_a_fuller_or_shorter_form_of_exactly_one_actor_is_that_actor():
    assert resolver.resolve("Harbour Board").matches == ("Kelmouth Harbour Board",)        # shorter query
    assert resolver.resolve("Halvorsen Freight depot").matches == ("Halvorsen Freight",)   # fuller query
    assert resolver.resolve("brannock").matches == ("Brannock Aerial",)


def test_a_title_alone_names_no_one():
    assert resolver.resolve("Mayor").matches == ()
    assert resolver.resolve("mayor ashgrove").matches == ("Verity Ashgrove",)


def test_a_form_that_fits_several_actors_is_only_suggested():
    found = resolver.resolve("Kelmouth")
    assert found.matches == ()
    assert set(found.suggestions) == {"Port of Kelmouth", "Kelmouth Harbour Board"}
    assert "did you mean:" in found.message()


def test_a_misspelling_is_suggested_never_applied():
    found = resolver.resolve("Halvorsn Freight")
    assert found == Resolution("Halvorsn Freight", (), ("Halvorsen Freight",))
    assert found.message() == "no actor named 'Halvorsn Freight'; did you mean: Halvorsen Freight?"
    nothing = resolver.resolve("Quorridge Mills")
    assert not nothing and nothing.suggestions == () and nothing.message() == "no actor named 'Quorridge Mills'"


def test_the_event_filter_uses_the_same_rule_and_never_applies_a_suggestion():
    events = pd.DataFrame({"event_id": ["e1", "e2"],
                           "actors": [["Halvorsen Freight"], ["Verity Ashgrove", "Brannock Aerial"]]})
    def kept(*names):
        return list(apply_filter(events, EventFilter(actors=names))["event_id"])
    assert kept("halvorsen freight") == ["e1"]
    assert kept("Ashgrove") == ["e2"]                   # one actor's shorter name
    assert kept("Halvorsn Freight") == []               # a close spelling is not a match
    assert kept("Halvorsn Freight", "brannock aerial") == ["e2"]


def test_the_actor_index_resolves_with_its_own_aliases():
    a = Article(id="a", path="a.txt", text="Mayor Verity Ashgrove met Halvorsen Freight on Monday. "
                                           "Ms. Ashgrove said the lease was signed.")
    index = ActorIndex.build([a])
    assert index.resolve("Ms. Ashgrove's").matches == ("Verity Ashgrove",)
    assert index.resolve("Verity Ashgrov").suggestions == ("Verity Ashgrove",)


def test_cli_names_an_unknown_actor_and_its_suggestion_on_stderr_and_goes_on(tmp_path):
    (tmp_path / "depot.md").write_text(
        "---\ntitle: Depot deal\npublished: 2019-03-05\n---\nHalvorsen Freight signed a lease with Brannock "
        "Aerial on Monday. Verity Ashgrove said on Tuesday that the depot would open in May.\n", encoding="utf-8")
    res = run_cli("events", tmp_path, "--actor", "Halvorsn Freight", "--format", "jsonl")
    assert res.stderr.strip().splitlines() == \
        ["timeline: no actor named 'Halvorsn Freight'; did you mean: Halvorsen Freight?"]
    assert jsonl(res.stdout) == []
    res = run_cli("events", tmp_path, "--actor", "Halvorsn Freight", "--actor", "Ashgrove", "--format", "jsonl")
    rows = jsonl(res.stdout)
    assert rows and all("Verity Ashgrove" in r["actors"] for r in rows)
    assert run_cli("events", tmp_path, "--actor", "Halvorsn Freight", "--strict", check=False).returncode == 1
