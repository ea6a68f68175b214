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


def test_an_acronym_alone_is_its_expansion_where_an_article_writes_both():
    g = graph([cand("Velmora Harbour Trust"), cand("VHT")], [cand("VHT")])
    assert not together(g, (0, 0), (0, 1))
    canonical.merge_acronyms(g)
    assert together(g, (0, 0), (0, 1)) and together(g, (0, 0), (1, 0))
    # an expansion only in another article is no evidence: "N.J." is not Nils Jorgen
    g = graph([cand("Nils Jorgen", "person")], [cand("N.J.")])
    canonical.merge_acronyms(g)
    assert not together(g, (0, 0), (1, 0))
    # two expansions in the article, mentioned about as often: the acronym stays apart
    g = graph([cand("Velmora Harbour Trust"), cand("Vantor Heating Technologies"), cand("VHT")])
    canonical.merge_acronyms(g)
    assert not together(g, (0, 2), (0, 0)) and not together(g, (0, 2), (0, 1))
    # one of them named three times as often: the acronym is that one
    g = graph([cand("Velmora Harbour Trust")] * 3 + [cand("Vantor Heating Technologies"), cand("VHT")])
    canonical.merge_acronyms(g)
    assert together(g, (0, 4), (0, 0))


def test_other_names_of_a_place_or_a_well_known_actor_are_that_actor():
    g = graph([cand("United Kingdom", "place")], [cand("U.K.")], [cand("Britain")],
              [cand("DJIA")], [cand("Dow Jones Industrial Average")], [cand("Dow")], [cand("Nasdaq")])
    assert not together(g, (0, 0), (1, 0))
    canonical.merge_table_names(g)
    assert together(g, (0, 0), (1, 0)) and together(g, (0, 0), (2, 0))
    assert together(g, (3, 0), (4, 0)) and together(g, (3, 0), (5, 0))
    assert not together(g, (3, 0), (6, 0))


def test_a_name_after_a_demonym_is_the_name_when_the_corpus_writes_it_alone():
    g = graph([cand("Swedish Korvald Index")], [cand("Korvald Index")], [cand("Swedish Seaways")])
    canonical.merge_qualified(g)
    assert together(g, (0, 0), (1, 0))
    assert g.node_of[("doc2", 0)] == Node("name", name_key("Swedish Seaways"))
    assert not together(g, (2, 0), (1, 0))


def test_a_company_form_and_case_are_no_part_of_the_compared_name():
    assert name_key("Harwick Glass Corporation") == name_key("Harwick Glass") == name_key("Harwick Glass Group")
    assert name_key("KORVEX") == name_key("Korvex")
    assert name_key("Velta-40") == name_key("Velta 40")
    assert len(name_key("Group")) == 1, "a company form alone is still a word"


def test_a_company_is_named_by_its_first_word_alone_unless_that_is_a_country_or_a_person():
    g = graph([cand("Harwick Motor Company", "organisation")], [cand("Harwick")],
              [cand("Portugal Airlines", "organisation")], [cand("Portugal")])
    g.weigh_kinds()
    canonical.merge_company_short_names(g)
    assert together(g, (0, 0), (1, 0))
    assert not together(g, (2, 0), (3, 0))
    g = graph([cand("Harwick Motor Company", "organisation")], [cand("Harwick", "person")])
    g.weigh_kinds()
    canonical.merge_company_short_names(g)
    assert not together(g, (0, 0), (1, 0))
    own = cand("Harwick", "organisation")
    own.legal_form = True     # "Harwick Inc.": a company of its own
    g = graph([cand("Harwick Motor Company", "organisation")], [own], [cand("Harwick")])
    g.weigh_kinds()
    canonical.merge_company_short_names(g)
    assert not together(g, (0, 0), (1, 0)) and not together(g, (0, 0), (2, 0))


def test_shorter_forms_of_a_product_name_are_the_product():
    g = graph([cand("Kestrel K90 Nimbus")], [cand("K90 Nimbus")], [cand("Kestrel K90")], [cand("Nimbus")],
              [cand("Kestrel")], [cand("Kestrel K70")])
    g.weigh_kinds()
    canonical.merge_products(g)
    assert together(g, (0, 0), (1, 0)) and together(g, (0, 0), (2, 0)) and together(g, (0, 0), (3, 0))
    assert not together(g, (0, 0), (4, 0)), "the maker is not its product"
    assert not together(g, (0, 0), (5, 0)), "another model is another product"


def test_two_given_names_are_two_people_however_alike():
    assert not canonical.same_name(name_key("Karen Lee"), name_key("Karin Lee"))
    assert not canonical.same_name(name_key("Mark Novak"), name_key("Marek Novak"))
    assert canonical.same_name(name_key("Tobias Kresnakov"), name_key("Tobias Krisnakov"))


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
    resolved = canonical.resolve({"doc0": [cand("Velmora Harbour Trust", "organisation"), cand("VHT")],
                                  "doc1": [cand("VHT"), cand("Ottilie Brascombe", "person")],
                                  "doc2": [cand("Brascombe", honorific=True)]})
    names = {a.name for a in resolved.actors.values()}
    assert names == {"Velmora Harbour Trust", "Ottilie Brascombe"}
    assert resolved.cluster_of[("doc1", 0)] == resolved.cluster_of[("doc0", 0)]
    assert resolved.cluster_of[("doc2", 0)] == resolved.cluster_of[("doc1", 1)]


def test_a_company_short_name_is_not_merged_into_one_of_its_divisions_or_products():
    g = graph([cand("Kessock", "organisation"), cand("Kessock Marine Systems", "organisation")],
              [cand("Kessock", "organisation")], [cand("Kessock", "organisation")], [cand("Kessock K20")])
    g.weigh_kinds()
    canonical.merge_company_short_names(g)
    assert not together(g, (0, 0), (0, 1)), "most articles naming Kessock do not name the division"
    g = graph([cand("Dornach", "organisation"), cand("Dornach Brecht", "organisation")],
              [cand("Dornach Brecht", "organisation"), cand("Dornach", "organisation")], [cand("Dornach D40")])
    g.weigh_kinds()
    canonical.merge_company_short_names(g)
    assert together(g, (0, 0), (0, 1)), "a product of the company is no other company of that name"
