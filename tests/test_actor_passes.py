"""Each pass of the actor resolver (timeline/actors/canonical.py) on its own: the English convention it implements."""
from timeline.actors import canonical
from timeline.actors.canonical import NameGraph, Node, name_key
from timeline.actors.mentions import Candidate
from timeline.model import Span


def cand(name: str, hint: str = "", honorific: bool = False, acronym_of: str = "") -> Candidate:
    return Candidate(0, len(name), name, Span(0, len(name)), honorific=honorific, hint=hint, acronym_of=acronym_of,
                     tokens=name.split())


def graph(*articles: list[Candidate]) -> NameGraph:
    return NameGraph({f"doc{k}": cands for k, cands in enumerate(articles)})


def together(g: NameGraph, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two candidates, each given as (article number, candidate number), are in one cluster."""
    return g.find(g.node_of[(f"doc{a[0]}", a[1])]) == g.find(g.node_of[(f"doc{b[0]}", b[1])])


def test_spellings_of_one_name_are_merged_but_not_other_names():
    g = graph([cand("Tobias Kresnakov", "person")], [cand("Tobias Krisnakov", "person")],
              [cand("Tobias Vandermeer", "person")])
    assert not together(g, (0, 0), (1, 0))
    canonical.merge_spellings(g)
    assert together(g, (0, 0), (1, 0))
    assert not together(g, (0, 0), (2, 0))


def test_the_plural_of_a_product_name_is_the_product_but_not_of_a_person():
    g = graph([cand("Zorbix Lumaphone")], [cand("Zorbix Lumaphones")],
              [cand("Dora Pellings", "person")], [cand("Dora Pelling", "person")])
    assert not together(g, (0, 0), (1, 0))
    canonical.merge_plurals(g)
    assert together(g, (0, 0), (1, 0))
    assert not together(g, (2, 0), (3, 0))


def test_an_acronym_in_brackets_is_the_name_before_it():
    g = graph([cand("Orvane Transit Board"), cand("OTB", acronym_of="Orvane Transit Board")])
    assert not together(g, (0, 0), (0, 1))
    canonical.merge_bracketed_acronyms(g)
    assert together(g, (0, 0), (0, 1))


def test_an_acronym_alone_is_its_expansion_elsewhere_or_the_far_more_mentioned_one():
    g = graph([cand("Velmora Harbour Trust")], [cand("VHT")])
    assert not together(g, (0, 0), (1, 0))
    canonical.merge_acronyms(g)
    assert together(g, (0, 0), (1, 0))
    # two expansions mentioned about as often: the acronym stays apart
    g = graph([cand("Velmora Harbour Trust")], [cand("Vantor Heating Technologies")], [cand("VHT")])
    canonical.merge_acronyms(g)
    assert not together(g, (2, 0), (0, 0)) and not together(g, (2, 0), (1, 0))
    # one of them named three times as often: the acronym is that one
    g = graph([cand("Velmora Harbour Trust")] * 3, [cand("Vantor Heating Technologies")], [cand("VHT")])
    canonical.merge_acronyms(g)
    assert together(g, (2, 0), (0, 0))


def test_an_abbreviation_of_a_place_is_the_place():
    g = graph([cand("United Kingdom", "place")], [cand("U.K.")])
    assert not together(g, (0, 0), (1, 0))
    canonical.merge_place_abbreviations(g)
    assert together(g, (0, 0), (1, 0))


def test_mr_x_and_x_are_one_person_unless_x_names_an_organisation():
    g = graph([cand("Pellingham", honorific=True)], [cand("Pellingham")])
    assert not together(g, (0, 0), (1, 0))
    assert g.node_of[("doc0", 0)] == Node("short", name_key("Pellingham"))
    g.weigh_kinds()
    canonical.merge_addressed(g)
    assert together(g, (0, 0), (1, 0))
    g = graph([cand("Pellingham", honorific=True)], [cand("Pellingham", "organisation")])
    g.weigh_kinds()
    canonical.merge_addressed(g)
    assert not together(g, (0, 0), (1, 0))


def test_a_lone_surname_is_the_one_person_with_that_surname():
    g = graph([cand("Ottilie Brascombe", "person")], [cand("Brascombe", honorific=True)])
    assert not together(g, (0, 0), (1, 0))
    g.weigh_kinds()
    canonical.merge_lone_surnames(g)
    assert together(g, (0, 0), (1, 0))
    # two people share the surname: which one is not known
    g = graph([cand("Ottilie Brascombe", "person")], [cand("Rupert Brascombe", "person")],
              [cand("Brascombe", honorific=True)])
    g.weigh_kinds()
    canonical.merge_lone_surnames(g)
    assert not together(g, (2, 0), (0, 0)) and not together(g, (2, 0), (1, 0))


def test_a_model_number_alone_is_the_one_full_name_ending_in_it():
    g = graph([cand("Kestrel K90")], [cand("K90")])
    assert not together(g, (0, 0), (1, 0))
    canonical.merge_model_numbers(g)
    assert together(g, (0, 0), (1, 0))
    g = graph([cand("Kestrel K90")], [cand("Falcon K90")], [cand("K90")])
    canonical.merge_model_numbers(g)
    assert not together(g, (2, 0), (0, 0)) and not together(g, (2, 0), (1, 0))


def test_resolve_runs_the_passes_in_order_into_one_actor_per_cluster():
    resolved = canonical.resolve({"doc0": [cand("Velmora Harbour Trust", "organisation")],
                                  "doc1": [cand("VHT"), cand("Ottilie Brascombe", "person")],
                                  "doc2": [cand("Brascombe", honorific=True)]})
    names = {a.name for a in resolved.actors.values()}
    assert names == {"Velmora Harbour Trust", "Ottilie Brascombe"}
    assert resolved.cluster_of[("doc1", 0)] == resolved.cluster_of[("doc0", 0)]
    assert resolved.cluster_of[("doc2", 0)] == resolved.cluster_of[("doc1", 1)]
