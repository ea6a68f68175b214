"""Editing the actors in the dashboard (AppTest): merge, rename, hide and kind change the view at once;
"Save" writes actors.yaml (keeping the old one as actors.yaml.bak), which the command line reads back."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import ROOT, jsonl, run_cli

APP = str(ROOT / "dashboard.py")
ARTICLE = ("---\ntitle: Depot lease\npublished: 2019-03-05\n---\n"
           "Halvorsen Freight signed a lease with Brannock Aerial on Monday. Verity Ashgrove, the mayor of "
           "Kelmouth, said on Tuesday that the depot would open in May. HFL Logistics said on Friday that "
           "it had agreed.\n")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / "depot.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.delenv("TIMELINE_EVENTS", raising=False)
    monkeypatch.setenv("TIMELINE_CORPUS", str(tmp_path))
    return tmp_path


def opened() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actors_open"] = True
    at.session_state["events_open"] = True
    return ok(at.run())


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def actor_rows(at: AppTest):
    return [d.value for d in at.dataframe if "kind" in d.value.columns][0].set_index("name")


def event_actors(at: AppTest) -> set[str]:
    table = [d.value for d in at.dataframe if "event_id" in d.value.columns][0]
    return {n for names in table["actors"] for n in names}


def filter_options(at: AppTest) -> list[str]:
    return [o.split(" (")[0] for o in at.multiselect(key="f_actors").options]


def test_merging_two_actors_makes_one_everywhere(folder):
    at = opened()
    assert {"Halvorsen Freight", "HFL Logistics"} <= set(actor_rows(at).index)
    at.multiselect(key="ae_merge").select("Halvorsen Freight").select("HFL Logistics").run()
    at.button(key="ae_merge_go").click().run()
    rows = actor_rows(ok(at))
    assert "HFL Logistics" not in rows.index and "HFL Logistics" in rows.loc["Halvorsen Freight", "aliases"]
    assert rows.loc["Halvorsen Freight", "events"] == 2
    assert "HFL Logistics" not in filter_options(at) and "Halvorsen Freight" in filter_options(at)
    assert "HFL Logistics" not in event_actors(at)
    at.multiselect(key="f_actors").select("Halvorsen Freight").run()
    assert len([d.value for d in at.dataframe if "event_id" in d.value.columns][0]) == 2


def test_renaming_and_hiding_and_setting_the_kind(folder):
    at = opened()
    at.multiselect(key="f_actors").select("Brannock Aerial").run()
    at.selectbox(key="ae_rename").select("Brannock Aerial").run()
    at.text_input(key="ae_rename_to").input("Brannock Airways").run()
    at.button(key="ae_rename_go").click().run()
    rows = actor_rows(ok(at))
    assert "Brannock Airways" in rows.index and "Brannock Aerial" not in rows.index
    assert at.multiselect(key="f_actors").value == ["Brannock Airways"]      # the filter follows the rename
    assert event_actors(at) >= {"Brannock Airways"}
    at.multiselect(key="f_actors").unselect("Brannock Airways").run()
    at.multiselect(key="ae_hide").select("Kelmouth").run()
    at.button(key="ae_hide_go").click().run()
    assert "Kelmouth" not in actor_rows(ok(at)).index
    assert "Kelmouth" not in filter_options(at) and "Kelmouth" not in event_actors(at)
    at.selectbox(key="ae_kind_actor").select("Brannock Airways").run()
    at.selectbox(key="ae_kind").select("organisation").run()
    at.button(key="ae_kind_go").click().run()
    assert actor_rows(ok(at)).loc["Brannock Airways", "kind"] == "organisation"
    assert not (folder / "actors.yaml").exists()            # nothing written before "Save"


def test_save_writes_actors_yaml_keeps_a_backup_and_the_cli_reads_the_same_actors(folder):
    (folder / "actors.yaml").write_text("rename:\n  Verity Ashgrove: Mayor Verity Ashgrove\n", encoding="utf-8")
    at = opened()
    at.multiselect(key="ae_merge").select("Halvorsen Freight").select("HFL Logistics").run()
    at.text_input(key="ae_merge_name").input("Halvorsen Group").run()
    at.button(key="ae_merge_go").click().run()
    at.selectbox(key="ae_rename").select("Mayor Verity Ashgrove").run()
    at.text_input(key="ae_rename_to").input("Verity Ashgrove-Lund").run()
    at.button(key="ae_rename_go").click().run()
    at.multiselect(key="ae_hide").select("Kelmouth").run()
    at.button(key="ae_hide_go").click().run()
    shown = actor_rows(ok(at))
    at.button(key="ae_save").click().run()
    ok(at)
    assert (folder / "actors.yaml.bak").read_text(encoding="utf-8") == \
        "rename:\n  Verity Ashgrove: Mayor Verity Ashgrove\n"
    assert any("Saved the actors" in s.value for s in at.success)
    assert not at.get("button") or not [b for b in at.button if b.key == "ae_save"]   # nothing left unsaved
    saved = actor_rows(at)
    assert sorted(saved.index) == sorted(shown.index)
    cli = {r["name"]: r for r in jsonl(run_cli("actors", folder, "--format", "jsonl").stdout)}
    assert sorted(cli) == sorted(shown.index)
    assert sorted(cli["Halvorsen Group"]["aliases"]) == sorted(shown.loc["Halvorsen Group", "aliases"])
    assert cli["Verity Ashgrove-Lund"]["kind"] == shown.loc["Verity Ashgrove-Lund", "kind"]
