"""Names as English writes them, on sentences written for these tests: what must never be an actor, what must be
one actor, what must stay two, and what kind each is."""
import pytest

from timeline.actors import ActorIndex
from timeline.model import Article


def build(*texts: str) -> ActorIndex:
    return ActorIndex.build([Article(id=f"n{k}", path=f"n{k}.txt", text=t) for k, t in enumerate(texts)])


def names(index: ActorIndex) -> set[str]:
    return set(index.table()["name"])


NEVER_ACTORS = [
    ("The ferry left Dunmore at 06:40 UTC and docked at 09:15 EST.", {"UTC", "EST"}),
    ("The Harwick Glass Co. board met on Friday, and Velmora Inc. sold its stake.", {"Co", "Inc"}),
    ("The fund paid USD 40 million for the port, and CA$12 million for the cranes.", {"USD", "CA"}),
    ("Standard & Poor's cut the bank's rating, and Procter & Gamble shares slid.",
     {"Standard", "Poor", "Procter", "Gamble"}),
    ("Additionally, the Kessock board asked the Government to act.", {"Additionally", "Government"}),
    ("Markets in Lisbon fell hard on Black Monday, and the Index closed lower.", {"Black", "Index", "Markets"}),
    ("North American buyers ordered 40 MW of turbines from Harwick Glass.", {"North American", "MW"}),
    ("The Company said the Aircraft would fly in Space next year.", {"Company", "Aircraft", "Space"}),
]


@pytest.mark.parametrize("text,junk", NEVER_ACTORS)
def test_words_that_never_name_an_actor(text, junk):
    found = names(build(text))
    assert not found & junk, f"{sorted(found & junk)} became actors"


def test_names_joined_by_an_ampersand_are_one_firm():
    index = build("Standard & Poor's cut the bank's rating on Monday. Procter & Gamble shares slid. AT&T rose.")
    assert {"Procter & Gamble", "AT&T"} <= names(index)


MERGES = [
    (["Harwick Motor Corporation recalled 9,000 vans on Monday.", "Harwick Motor said sales of vans fell.",
      "Harwick's shares rose in Tokyo."], "Harwick Motor"),
    (["Kelby Group agreed to sell its bus unit.", "Kelby will keep its trains."], "Kelby"),
    (["The Dow Jones Industrial Average fell 2%.", "The Dow recovered by noon.", "The DJIA closed higher.",
      "The Dow Industrials gained again."], "Dow Jones Industrial Average"),
    (["The FTSE 100 rose.", "The FTSE-100 fell.", "The British FTSE 100 index gained.", "The FTSE closed flat."],
     "FTSE 100"),
    (["NASDAQ rose on Monday.", "The Nasdaq fell on Tuesday."], "Nasdaq Composite"),
    (["The Nikkei fell 3%.", "The Nikkei 225 recovered."], "Nikkei 225"),
    (["The U.S. economy grew.", "America imports steel.", "The US trade gap widened.", "The United States sold bonds."],
     "United States"),
    (["Britain raised taxes.", "The UK economy shrank.", "The United Kingdom borrowed."], "United Kingdom"),
    (["The Fed raised rates.", "The Federal Reserve met on Tuesday."], "Federal Reserve"),
    (["The Pellham Freight Authority (PFA) cut fares.", "The PFA also bought trains."], "Pellham Freight Authority"),
    (["The Kestrel K90 Nimbus flew on Monday.", "The K90 Nimbus carries 200 people.",
      "Kestrel K90 orders rose.", "The Nimbus is late."], "Kestrel K90 Nimbus"),
]


@pytest.mark.parametrize("texts,actor", MERGES, ids=[m[1] for m in MERGES])
def test_names_of_one_entity_are_one_actor(texts, actor):
    index = build(*texts)
    found = index.table().set_index("name")
    assert index.resolve(actor).matches == (actor,), f"{actor} not found: {sorted(found.index)}"
    assert found.loc[actor, "articles"] == len(texts), f"split: {sorted(found.index)}"


LOOK_ALIKES = [
    ("Karen Lee opened the clinic in March.", "Karin Lee closed the bakery in May."),
    ("Mark Novak won the rowing final.", "Marek Novak lost the chess final."),
    ("Tomas Ruiz painted the mural.", "Tomás Ruis sold the gallery."),
]


@pytest.mark.parametrize("first,second", LOOK_ALIKES)
def test_look_alike_full_names_stay_apart(first, second):
    index = build(first, second)
    people = set(index.table().query("kind == 'person'")["name"])
    assert len(people) == 2, f"merged: {people}"


def test_an_acronym_joins_an_expansion_only_in_an_article_that_writes_both():
    index = build("Nils Jorgen chaired the meeting on Monday.", "The firm moved to Kearny, N.J., in March.")
    assert index.resolve("N.J.").matches != ("Nils Jorgen",)


def test_a_family_name_shared_with_a_company_goes_to_the_company_unless_the_person_is_named():
    index = build("Harwick Motor Company sold 9,000 vans in May.",
                  "Edwin Harwick, the founder's grandson, joined the board. Harwick cut prices in June.")
    table = index.table().set_index("name")
    assert "Harwick Motor Company" in table.index or "Harwick Motor" in table.index
    assert "Edwin Harwick" in table.index and table.loc["Edwin Harwick", "kind"] == "person"
    company = index.resolve("Harwick Motor Company").matches
    assert index.actor("Harwick") is not None and (index.actor("Harwick").name,) == company


KINDS = [
    ("Portugal raised its tariffs, and officials of Portugal met on Monday.", "Portugal", "place"),
    ("Shares of Velmora fell after Velmora's profit dropped.", "Velmora", "organisation"),
    ("The Hang Seng fell 2% on Monday.", "Hang Seng Index", "other"),
    ("The Treasury sold bonds on Monday.", "Treasury", "organisation"),
    ("The Kestrel K90 flew on Monday.", "Kestrel K90", "other"),
    ("Toyota recalled 9,000 cars, and Toyota shares fell.", "Toyota", "organisation"),
]


@pytest.mark.parametrize("text,name,kind", KINDS)
def test_kinds(text, name, kind):
    table = build(text).table().set_index("name")
    assert name in table.index, sorted(table.index)
    assert table.loc[name, "kind"] == kind


def test_a_great_city_is_a_place_whatever_its_markets_do():
    table = build("London shares fell on Monday, and London stock traders sold banks.").table().set_index("name")
    assert table.loc["London", "kind"] == "place"


def test_a_well_known_actor_is_found_by_any_of_its_usual_names_whichever_the_text_wrote():
    index = build("The Dow Jones Industrial Average fell 2% on Monday.", "Britain raised taxes.")
    for query in ("Dow", "DJIA", "dow industrials"):
        assert index.resolve(query).matches == ("Dow Jones Industrial Average",)
    assert index.resolve("UK").matches == ("United Kingdom",)


def test_state_abbreviations_are_their_states_but_capitals_are_acronyms():
    index = build("The plant in Dayton, Ohio, and the one in Fresno, Calif., will close. Kearny, N.J., keeps its.",
                  "The PA board met in California.")
    table = index.table().set_index("name")
    assert table.loc["California", "kind"] == "place" and table.loc["California", "articles"] == 2
    assert table.loc["New Jersey", "kind"] == "place"
    assert "Pennsylvania" not in table.index


def test_a_common_noun_alone_is_no_actor_but_a_company_named_by_it_is():
    index = build("The world watched the world cup, and the world was tired, the World said.",
                  "On Monday Harbour Tanker Lines Ltd. cut its fleet in the harbour. Harbour said the harbour was full, "
                  "and the harbour master agreed.")
    found = names(index)
    assert "World" not in found
    assert "Harbour Tanker Lines" in found and index.resolve("Harbour").matches == ("Harbour Tanker Lines",)


def test_a_lone_given_name_that_no_sentence_gives_in_full_is_no_actor_unless_titled():
    found = names(build("Margot said the plan was late, and Margot left.", "Dr. Gregor blessed the ship."))
    assert "Margot" not in found and "Gregor" in found


def test_a_sovereign_is_named_with_the_title_and_is_not_a_namesake_s_family_name():
    index = build("Ruling party leader Omar Talib met the press on Monday. King Talib of Verania opened the "
                  "session on Tuesday, and King Talib said Omar Talib would speak. Pope Clement XV prayed.")
    found = names(index)
    assert {"Omar Talib", "King Talib", "Pope Clement XV"} <= found
    assert index.table().set_index("name").loc["King Talib", "kind"] == "person"


def test_an_acronym_with_nothing_else_said_of_it_is_a_body_and_a_model_plural_is_its_product():
    index = build("The PLRA opened an inquiry. The PLRA will report in May.",
                  "Orvik ordered six Kestrel K90 jets. The K90s will fly in June.")
    table = index.table().set_index("name")
    assert table.loc["PLRA", "kind"] == "organisation"
    assert index.resolve("K90s").matches == ("Kestrel K90",)


def test_a_full_name_after_an_organisations_name_is_a_person_of_its_own():
    found = names(build("The contract was signed on Monday by the Navy for Procurement Ilse Varga, who said "
                        "the ships would be built within three years.",
                        "A statement from the Dornach Shipping Company Paul Brecht said that the yard was ready."))
    assert {"Ilse Varga", "Paul Brecht"} <= found
    assert not any("Varga" in n and n != "Ilse Varga" for n in found)


def test_an_airline_named_air_something_is_an_organisation():
    table = build("Air Lusitania cut its prices on Monday.").table().set_index("name")
    assert table.loc["Air Lusitania", "kind"] == "organisation"
