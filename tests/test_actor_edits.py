"""Actor edits on a corpus already read (merge, rename, hide, kind) and the actors.yaml they are saved as."""
import dataclasses

import pytest

from timeline.actors.overrides import Overrides, load
from timeline.corpus import read_corpus

ARTICLE = ("---\ntitle: Depot lease\npublished: 2019-03-05\n---\n"
           "Halvorsen Freight signed a lease with Brannock Aerial on Monday. Verity Ashgrove, the mayor of "
           "Kelmouth, said on Tuesday that the depot would open in May. HFL Logistics said on Friday that "
           "it had agreed. Kelmouth welcomed the news.\n")


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "depot.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def actors(corpus):
    return {r["name"]: (r["kind"], sorted(r["aliases"]), r["events"]) for r in corpus.actors.to_dict("records")}


def test_dump_loads_back_to_the_same_overrides(tmp_path):
    given = Overrides(merge=[["Halvorsen Group", "HFL Logistics"]], rename={"Brannock Aerial": "Brannock Air"},
                      hide={"kelmouth"}, kind={"brannock air": "organisation"},
                      spelling={"kelmouth": "Kelmouth", "brannock air": "Brannock Air"})
    text = given.dump()
    assert "hide: [Kelmouth]" in text and "Brannock Air: organisation" in text
    path = tmp_path / "actors.yaml"
    assert given.save(path) is None                      # nothing to keep yet
    assert load(path) == dataclasses.replace(given, path=str(path))
    path.write_text("hide: [Reuters]\n", encoding="utf-8")
    backup = Overrides(hide={"ashgrove"}).save(path)
    assert backup.name == "actors.yaml.bak" and backup.read_text(encoding="utf-8") == "hide: [Reuters]\n"
    assert load(path).hide == {"ashgrove"}


def test_edits_change_the_events_and_the_table_without_reading_again(folder):
    corpus = read_corpus([folder])
    assert any(s.startswith("Kelmouth welcomed") for s in corpus.events["sentence"])
    edited = corpus.with_actor_edits(Overrides(merge=[["Halvorsen Freight", "HFL Logistics"]]))
    edited = edited.with_actor_edits(Overrides(hide={"kelmouth"}))
    table = actors(edited)
    assert "HFL Logistics" not in table and table["Halvorsen Freight"][1] == ["HFL Logistics"]
    assert "Kelmouth" not in table
    names = {n for ns in edited.events["actors"] for n in ns}
    assert "Kelmouth" not in names and "HFL Logistics" not in names
    assert not any(s.startswith("Kelmouth welcomed") for s in edited.events["sentence"])   # no actor left
    assert edited.resolve_actors(["HFL Logistics"])[0].matches == ("Halvorsen Freight",)
    assert actors(corpus)["HFL Logistics"]                # the corpus it came from is unchanged


def test_the_saved_file_gives_the_same_actors_when_the_folder_is_read_again(folder):
    (folder / "actors.yaml").write_text("rename:\n  Brannock Aerial: Brannock Air\n", encoding="utf-8")
    corpus = read_corpus([folder])
    edited = corpus.with_actor_edits(Overrides(rename={"Brannock Air": "Brannock Airways"}))
    edited = edited.with_actor_edits(Overrides(merge=[["Halvorsen Group", "Halvorsen Freight", "HFL Logistics"]]))
    edited = edited.with_actor_edits(Overrides(kind={"brannock airways": "organisation"}, hide={"kelmouth"}))
    edited.actors_file().save(folder / "actors.yaml")
    again = read_corpus([folder])
    assert actors(again) == actors(edited)
    assert list(again.events["actors"]) == list(edited.events["actors"])
