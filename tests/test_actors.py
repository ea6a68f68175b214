"""Actors: mentions, one canonical name per real actor, kinds, lookup per sentence, the user's actors.yaml."""
import datetime as dt

import pytest

from timeline.actors import ActorIndex
from timeline.actors.canonical import is_demonym, name_key, same_name
from timeline.articles import load_articles
from timeline.model import Article, Span
from timeline.sentences import sentences

from .helpers import SEEDS, jsonl, run_cli


@pytest.fixture(scope="module")
def seeds():
    articles, _ = load_articles([SEEDS])
    return articles


@pytest.fixture(scope="module")
def index(seeds):
    return ActorIndex.build(seeds)


def article(doc_id, text, published=None):
    return Article(id=doc_id, path=f"{doc_id}.txt", text=text, published=published)


def sentence_with(art, words):
    return next(s for s in sentences(art.text) if words in s.slice(art.text))


@pytest.mark.parametrize("alias", ["Abbas", "Mr. Abbas", "President Mahmoud Abbas", "PA chairman Mahmoud Abbas",
                                   "mahmoud abbas", "Abbas's", "Abbas’s"])
def test_the_spellings_of_abbas_are_one_actor(index, alias):
    assert index.resolve(alias).matches == ("Mahmoud Abbas",)


@pytest.mark.parametrize("alias", ["Meshal", "Mr. Meshal", "Khaled Mashaal", "Mashaal", "Khaled Meshaal",
                                   "Hamas chief Khaled Mashaal"])
def test_transliterations_of_meshal_are_one_actor_named_by_the_most_frequent_full_form(index, alias):
    assert index.resolve(alias).matches == ("Khaled Meshal",)


def test_aliases_map_every_spelling_seen_to_its_canonical_name(index):
    aliases = index.aliases
    assert aliases["mashaal"] == aliases["khaled meshaal"] == aliases["meshal"] == "Khaled Meshal"
    assert aliases["pa"] == "Palestinian Authority"
    table = index.table().set_index("name")
    assert {"Khaled Mashaal", "Khaled Meshaal", "Meshal", "Mr. Meshal"} <= set(table.loc["Khaled Meshal", "aliases"])
    assert {"Abbas", "Mr. Abbas", "President Mahmoud Abbas", "PA chairman Mahmoud Abbas"} <= \
        set(table.loc["Mahmoud Abbas", "aliases"])
    assert aliases["mr. abbas"] == aliases["pa chairman mahmoud abbas"] == "Mahmoud Abbas"


@pytest.mark.parametrize("name,kind", [
    ("Mahmoud Abbas", "person"), ("Khaled Meshal", "person"), ("Salam Fayyad", "person"),
    ("Azzam al-Ahmad", "person"), ("Moussa Abu Marzouk", "person"), ("Izzat Risheq", "person"),
    ("Hamas", "organisation"), ("Fatah", "organisation"), ("United Nations", "organisation"),
    ("Palestinian Authority", "organisation"), ("Israel", "place"), ("Egypt", "place"), ("Cairo", "place"),
])
def test_seed_actors_and_their_kinds(index, name, kind):
    table = index.table().set_index("name")
    assert name in table.index, f"{name} not among {sorted(table.index)}"
    assert table.loc[name, "kind"] == kind


def test_no_time_words_openers_run_ons_demonyms_or_bylines_among_actors(index):
    names = set(index.table()["name"])
    junk = {"Thursday", "Wednesday", "November", "December", "May", "Despite", "Meanwhile", "Both", "Neither",
            "PartnershipNovember", "Partnership", "Establish", "Palestinian", "Israeli", "Egyptian", "Egyptians",
            "Isabel Kershner", "Fares Akram", "Gavriel Queenann", "By"}
    assert not names & junk
    assert not any(n.split()[0] in {"The", "Despite", "Meanwhile", "Mr.", "Mr", "President"} for n in names)


def test_mentions_are_spans_into_the_text_without_titles_or_possessives(seeds, index):
    nyt = next(a for a in seeds if a.id.startswith("000"))
    mentions = index.mentions(nyt)
    assert mentions and all(nyt.text[m.start:m.end] == m.text for m in mentions)
    abbas = [m for m in mentions if m.actor == "Mahmoud Abbas" and m.form == "name"]
    assert {m.text for m in abbas} == {"Mahmoud Abbas", "Abbas"}    # "Mr. Abbas’s" -> "Abbas"
    assert all(m.kind == "person" for m in abbas)


def test_lookup_resolves_a_title_and_surname_within_the_article(seeds, index):
    nyt = next(a for a in seeds if a.id.startswith("000"))
    s = sentence_with(nyt, "who is based in Damascus")
    assert index.lookup(nyt, s) == ["Khaled Meshal", "Damascus", "Syria"]
    s = sentence_with(nyt, "would meet again to determine")
    assert index.lookup(nyt, s) == ["Azzam al-Ahmad", "Fatah", "Mahmoud Abbas", "Khaled Meshal"]


def test_two_people_sharing_a_surname_in_different_articles_stay_apart():
    a = article("a", "John Harlow, the mayor, opened the bridge on Monday. Mr. Harlow said it was overdue.")
    b = article("b", "Maria Harlow won the chess final in Oslo. Ms. Harlow thanked her coach.")
    c = article("c", "Critics said Harlow had been wrong.")
    index = ActorIndex.build([a, b, c])
    names = set(index.table()["name"])
    assert {"John Harlow", "Maria Harlow"} <= names
    assert index.lookup(a, sentences(a.text)[1]) == ["John Harlow"]
    assert index.lookup(b, sentences(b.text)[1]) == ["Maria Harlow"]
    assert index.lookup(c, sentences(c.text)[0]) not in (["John Harlow"], ["Maria Harlow"])


def test_a_lone_surname_joins_the_one_person_of_that_name_in_the_corpus():
    a = article("a", "Prime Minister Ada Quennell met the unions on Monday.")
    b = article("b", "Mrs. Quennell said the strike was over.")
    index = ActorIndex.build([a, b])
    assert index.lookup(b, sentences(b.text)[0]) == ["Ada Quennell"]


def test_acronyms_are_linked_to_their_expansions():
    a = article("a", "The Harwick Glass and Ceramics Company (HGC) raised its prices on Monday. A week later it "
                     "was fined by the Federal Trade Office (FTO) in Bern.")
    b = article("b", "The FTO said the HGC tariff was too high.")
    index = ActorIndex.build([a, b])
    assert index.aliases["hgc"] == "Harwick Glass and Ceramics Company"    # initials without "and", "Company"
    assert index.aliases["fto"] == "Federal Trade Office"
    assert index.lookup(b, sentences(b.text)[0]) == ["Federal Trade Office", "Harwick Glass and Ceramics Company"]
    kinds = index.table().set_index("name")["kind"]
    assert kinds["Federal Trade Office"] == "organisation" and kinds["Bern"] == "place"


def test_pronouns_and_descriptions_link_back_inside_the_article():
    a = article("a", "Maria Okafor founded Brightwater Company in Lagos. She said the company would hire 200 "
                     "people. The company opened a second plant.")
    index = ActorIndex.build([a])
    s = sentences(a.text)
    assert "Maria Okafor" in index.lookup(a, s[1])
    assert index.lookup(a, s[2]) == ["Brightwater Company"]
    forms = {m.form for m in index.mentions(a)}
    assert {"name", "pronoun", "description"} <= forms


def test_headline_words_run_together_are_not_names():
    a = article("a", "Rivals Sign Accord Rivals Sign AccordMarch 3, 2012 The Tobruk council and Gerald Vance "
                     "signed an accord. Vance said the accord would hold.")
    names = set(ActorIndex.build([a]).table()["name"])
    assert "Gerald Vance" in names
    assert not any("Sign" in n or "Accord" in n or "March" in n for n in names)


def test_query_words_find_the_closest_spellings():
    a = article("a", "On Saturday crowds filled the Harbour Fish Market. The Harbour Market closes at noon.")
    b = article("b", "The Thistle Hall hosted a ceilidh. The Glenmore Pipers played until dawn.")
    index = ActorIndex.build([a, b])
    assert index.resolve("harbour market").matches == ("Harbour Market",)       # its own name, before fuller ones
    assert index.resolve("harbour fish").matches == ("Harbour Fish Market",)    # the fuller form of one actor
    assert index.resolve("Glenmore Thistle Hall").matches == ("Thistle Hall",)
    assert not index.resolve("nobody at all")
    assert index.resolve("glenmore").matches == ("Glenmore Pipers",)
    harbour = index.resolve("harbour")                                         # fits two: neither is applied
    assert harbour.matches == () and set(harbour.suggestions) == {"Harbour Fish Market", "Harbour Market"}


def test_actors_yaml_merges_renames_hides_and_sets_kinds(tmp_path, seeds):
    yaml_file = tmp_path / "actors.yaml"
    yaml_file.write_text(
        "merge:\n  - [Palestinian Authority, Fatah]\n"
        "rename:\n  Khaled Meshal: Khaled Mashal\n"
        "hide: [Reuters]\n"
        "kind:\n  West Bank: place\n"
        "actors:\n  - {name: Mahmoud Abbas, aliases: [Abu Mazen]}\n", encoding="utf-8")
    index = ActorIndex.build(seeds, overrides=yaml_file)
    table = index.table().set_index("name")
    assert "Fatah" not in table.index and "Fatah" in table.loc["Palestinian Authority", "aliases"]
    assert index.resolve("Meshal").matches == ("Khaled Mashal",)
    assert index.resolve("Khaled Meshal").matches == ("Khaled Mashal",)
    assert "Reuters" not in table.index
    assert table.loc["West Bank", "kind"] == "place"
    assert index.resolve("abu mazen").matches == ("Mahmoud Abbas",)
    reuters = next(a for a in seeds if a.id.startswith("001"))
    assert all("Reuters" not in index.lookup(reuters, s) for s in sentences(reuters.text))


def test_a_broken_actors_yaml_is_reported(tmp_path, seeds):
    from timeline.actors import OverridesError
    bad = tmp_path / "actors.yaml"
    bad.write_text("kind:\n  Cairo: planet\n", encoding="utf-8")
    with pytest.raises(OverridesError, match="planet"):
        ActorIndex.build(seeds, overrides=bad)
    bad.write_text("rename: [Cairo]\n", encoding="utf-8")
    with pytest.raises(OverridesError, match="rename should be a mapping"):
        ActorIndex.build(seeds, overrides=bad)


def test_spelling_rules():
    assert same_name(name_key("Khaled Mashaal"), name_key("Khaled Meshal"))
    assert same_name(name_key("Khaled Meshaal"), name_key("Khaled Meshal"))
    assert not same_name(name_key("John Smith"), name_key("Jane Smith"))
    assert is_demonym("Palestinians") and is_demonym("Israeli-Palestinian") and not is_demonym("Israel")


def test_undated_news_sentences_are_placed_on_the_publication_date():
    from timeline.corpus import build_corpus
    a = article("a", "Nadia Roth resigned from the board on Monday. Roth said she was tired. "
                     "Roth will visit Oslo next year. Roth has a dog.", published=dt.date(2020, 3, 4))
    events = build_corpus([a]).events
    by_sentence = {r.sentence: r for r in events.itertuples()}
    said = by_sentence["Roth said she was tired."]
    assert (said.date, said.anchor) == ("2020-03-02", "context")   # the Monday of the news, narrated
    has = by_sentence["Roth has a dog."]
    assert (has.date, has.anchor) == ("2020-03-04", "publication")
    assert a.text[has.date_start:has.date_end] == has.cue == "has" and has.date_text == ""
    assert not any(s.startswith("Roth will") and r.anchor in ("publication", "context")
                   for s, r in by_sentence.items())


def test_corpus_fills_aliases_and_the_actor_table(seed_corpus):
    assert seed_corpus.aliases["mashaal"] == "Khaled Meshal"
    table = seed_corpus.actors.set_index("name")
    assert table.loc["Khaled Meshal", "events"] > 0 and table.loc["Cairo", "kind"] == "place"


def test_cli_events_for_meshal_hold_the_cairo_meeting_from_both_articles():
    rows = jsonl(run_cli("events", SEEDS, "--actor", "Meshal", "--format", "jsonl").stdout)
    on_the_day = {r["doc"][:3] for r in rows if r["date"].startswith("2011-11-24")}
    assert {"000", "002"} <= on_the_day
    # 000 names him only as "the leader of the rival Islamic group Hamas" in the sentence of the meeting
    assert any(r["doc"].startswith("000") and r["date_text"] == "Thursday" and "met Thursday" in r["sentence"]
               for r in rows)
    assert all("Khaled Meshal" in r["actors"] for r in rows)


def test_cli_actors_lists_kinds_aliases_and_event_counts(tmp_path):
    out = run_cli("actors", SEEDS).stdout
    line = next(l for l in out.splitlines() if l.strip().startswith("Khaled Meshal"))
    assert "person" in line and "Mashaal" in line
    (tmp_path / "a.yaml").write_text("hide: [Hamas]\n", encoding="utf-8")
    rows = jsonl(run_cli("actors", SEEDS, "--actors", tmp_path / "a.yaml", "--format", "jsonl").stdout)
    assert "Hamas" not in {r["name"] for r in rows} and {"name", "kind", "aliases", "events"} <= set(rows[0])


def test_actors_yaml_beside_the_corpus_is_used_and_not_read_as_an_article(tmp_path):
    from timeline.corpus import read_corpus
    (tmp_path / "a.txt").write_text("Mayor Lena Brandt opened the Kelso Bridge on March 3, 2012.\n", encoding="utf-8")
    (tmp_path / "actors.yaml").write_text("rename:\n  Lena Brandt: Mayor Brandt\n", encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert list(corpus.articles["id"]) == ["a"] and not corpus.problems
    assert corpus.events["actors"].iloc[0] == ["Mayor Brandt", "Kelso Bridge"]
    assert corpus.aliases["lena brandt"] == "Mayor Brandt"


def test_an_installed_entity_model_adds_evidence_of_kind(monkeypatch):
    from collections import Counter
    from timeline.actors import ner
    a = article("a", "Crews from Velmora inspected the Zorbenix yesterday.")
    assert ActorIndex.build([a]).table().set_index("name").loc["Zorbenix", "kind"] == "other"
    monkeypatch.setattr(ner, "available", lambda: True)
    monkeypatch.setattr(ner, "kinds", lambda texts: {"Zorbenix": Counter(place=1)})
    assert ActorIndex.build([a]).table().set_index("name").loc["Zorbenix", "kind"] == "place"


def test_a_company_named_by_its_first_word_is_one_actor():
    a = article("a", "Ford Motor Company cut 3,000 jobs on Monday. Ford said sales fell. Bill Ford did not comment.")
    index = ActorIndex.build([a])
    s = sentences(a.text)
    assert index.lookup(a, s[1]) == ["Ford Motor Company"]
    assert index.lookup(a, s[2]) == ["Bill Ford"]
    assert index.resolve("Ford Motor").matches == ("Ford Motor Company",)
    b = article("b", "Zeta Corp. said it would hire. Zeta Inc. denied it.")
    assert ActorIndex.build([b]).resolve("Zeta Inc.").matches == ("Zeta",)


def test_sentences_about_another_time_are_not_placed_on_the_publication_date():
    from timeline.corpus import build_corpus
    a = article("a", "Nadia Roth quit the board on Monday. Roth had previously led the Ilford Trust. "
                     "Roth left for Oslo.", published=dt.date(2020, 3, 4))
    events = build_corpus([a]).events
    assert "Roth had previously led the Ilford Trust." not in set(events["sentence"])
    assert "Roth left for Oslo." in set(events["sentence"])


@pytest.mark.parametrize("sentence,tense", [
    ("The ministry said the bridge will open in June.", "past"),
    ("The union has rejected the offer.", "past"),
    ("The tower has a copper roof.", "present"),
    ("The museum will reopen in Lyon.", None),
    ("The two clubs are expected to merge.", None),
    ('"We will rebuild," the mayor told reporters.', "past"),
])
def test_the_tense_a_sentence_reports_in(sentence, tense):
    from timeline.reported import reporting_verb
    found = reporting_verb(sentence, Span(0, len(sentence)))
    assert (found[2] if found else None) == tense


def test_cli_reports_an_unusable_actors_file(tmp_path):
    res = run_cli("actors", SEEDS, "--actors", tmp_path / "missing.yaml", check=False)
    assert res.returncode == 2 and "missing.yaml" in res.stderr and "Traceback" not in res.stderr
    (tmp_path / "bad.yaml").write_text("hide: [unclosed\n", encoding="utf-8")
    res = run_cli("events", SEEDS, "--actors", tmp_path / "bad.yaml", check=False)
    assert res.returncode == 2 and "not valid YAML" in res.stderr


def test_hyphenated_given_names_and_model_numbers():
    a = article("a", "Lee Jun-seo toured the Dornach-run shipyard. Mr. Lee inspected the Vanterra K220 on Monday.")
    b = article("b", "The K220 sank near Lyon.")
    index = ActorIndex.build([a, b])
    names = set(index.table()["name"])
    assert {"Lee Jun-seo", "Dornach", "Vanterra K220"} <= names and "Lee Jun" not in names
    assert index.lookup(a, sentences(a.text)[1]) == ["Lee Jun-seo", "Vanterra K220"]
    assert index.lookup(b, sentences(b.text)[0]) == ["Vanterra K220", "Lyon"]


def kinds_of(*articles):
    """Each actor's kind, by canonical name."""
    return ActorIndex.build(list(articles)).table().set_index("name")["kind"]


def test_roles_tell_people_from_the_organisations_they_serve():
    a = article("a", "Kessock chairman Dravin Pesk sold his shares on Friday, and Ulmo Brecht, a Marrowby "
                     "director, bought them.")
    kinds = kinds_of(a)
    assert kinds["Kessock"] == kinds["Marrowby"] == "organisation"
    assert kinds["Dravin Pesk"] == kinds["Ulmo Brecht"] == "person"


def _actors_of(text, published="2020-03-05"):
    import datetime as dt

    from timeline.actors import ActorIndex
    from timeline.model import Article
    from timeline.sentences import sentences
    article = Article(id="x", path="x.txt", text=text, published=dt.date.fromisoformat(published))
    index = ActorIndex.build([article])
    return [index.lookup(article, span) for span in sentences(text)]


def test_a_role_description_is_linked_to_the_one_person_named_in_that_role():
    text = ("The chairwoman of the Almvik Rowing Club opened the regatta on Saturday. Pia Lundgren, the "
            "chairwoman of the Almvik Rowing Club since 2015, had planned the course in May.")
    first, second = _actors_of(text)
    assert first == ["Pia Lundgren", "Almvik Rowing Club"]


def test_a_dateline_place_is_not_an_actor():
    sentences = _actors_of("PERTH — Fiona Marsh won the 400 metres at the state championships on Sunday.")
    assert sentences[0] == ["Fiona Marsh"]


def test_an_apposition_is_read_to_its_head_noun():
    a = article("a", "Tavrek Orsk, a Dornach board member since 2009, voted against the merger on Monday. "
                     "Kestrin, the firm whose director resigned, abstained.")
    kinds = kinds_of(a)
    assert kinds["Tavrek Orsk"] == "person"
    assert kinds["Kestrin"] != "person"


def test_short_capitals_are_acronyms_not_towns_and_regions_are_places():
    # "Nice" and "Bath" are towns; "NICE" and "BATH" in capitals are names of organisations
    a = article("a", "The broadcaster NICE warned on Monday that storms would reach the Caribbean and the "
                     "Persian Gulf. BATH, the ferry workers' group, agreed.")
    kinds = kinds_of(a)
    assert kinds["NICE"] == "organisation"
    assert kinds["BATH"] != "place"
    assert kinds["Caribbean"] == kinds["Persian Gulf"] == "place"


def test_for_stays_inside_an_organisation_name():
    a = article("a", "Lea Morrow of the Selby Council for Coastal Research testified at the inquiry. The "
                     "dredging was opposed by the trustees of the Fund for Rural Schools, a report said.")
    kinds = kinds_of(a)
    assert kinds["Selby Council for Coastal Research"] == "organisation"
    assert kinds["Fund for Rural Schools"] == "organisation"
    assert "Coastal Research" not in kinds.index and "Rural Schools" not in kinds.index
