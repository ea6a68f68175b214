"""What the event and article tables say about their rows: a date not written, and a dateline that disputes
the metadata's publication date. Articles written for these tests."""
import datetime as dt

import pandas as pd
import pytest

from tests.helpers import jsonl, run_cli
from timeline import schema
from timeline.dateline import dateline_conflict
from timeline.evidence import evidence_html
from timeline.view import article_table, table

LIGHTHOUSE = """---
title: Volunteers relight the Skerra Island lighthouse
published: 2021-04-02
source: Harbour Gazette
---
Volunteers relight the Skerra Island lighthouse

Monday, April 12, 2021

Volunteers of the Skerra Lighthouse Trust finished restoring the old tower on Saturday. Project leader Tomas Reyne
said the lamp would shine every night from May. The Skerra Lighthouse Trust now has forty members.
"""

FERRY = """---
title: New ferry for Bellan Sound
published: 2021-04-12
source: Harbour Gazette
---
New ferry for Bellan Sound

April 12, 2021

The Bellan Ferry Company launched its new boat on Friday. Captain Ines Moray said the crossing now takes twenty
minutes.
"""

MARKET = """---
title: Storm keeps the Corvick boats in port
published: 2021-04-13
source: Harbour Gazette
---
Storm keeps the Corvick boats in port

April 12, 2021

The Corvick fish market opened two hours after its usual time on Sunday. Manager Rosa Llyr said the boats had
stayed in port.
"""


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("harbour")
    for name, text in (("lighthouse", LIGHTHOUSE), ("ferry", FERRY), ("market", MARKET)):
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(corpus_dir):
    from timeline.corpus import read_corpus
    return read_corpus([corpus_dir])


# ------------------------------------------------------------------------------ dateline --

def test_articles_command_names_the_conflict_and_the_date_it_uses(corpus_dir):
    res = run_cli("articles", corpus_dir)
    table, _, notes = res.stdout.partition("The dateline disagrees")
    row = next(line for line in table.splitlines() if line.strip().startswith("lighthouse"))
    assert "2021-04-02" in row and "2021-04-12" in row          # the metadata's date and the dateline's
    conflicts = [line.strip() for line in notes.splitlines()[1:] if line.strip()]
    assert len(conflicts) == 1
    assert conflicts[0].startswith("lighthouse: dateline says 2021-04-12, metadata 2021-04-02")
    assert "placed from the metadata date" in conflicts[0]
    assert "3 events would move" in conflicts[0]             # Saturday, and the two sentences with no date


def test_articles_csv_has_the_dateline_and_the_conflict_columns(corpus_dir):
    rows = {r["id"]: r for r in jsonl(run_cli("articles", corpus_dir, "--format", "jsonl").stdout)}
    assert rows["lighthouse"]["dateline"].startswith("2021-04-12")
    assert rows["lighthouse"]["dateline_conflict"].startswith("dateline says 2021-04-12, metadata 2021-04-02")
    assert rows["ferry"]["dateline_conflict"] == ""            # they agree
    assert rows["market"]["dateline_conflict"] == ""           # a day apart is no conflict
    assert rows["market"]["dateline"].startswith("2021-04-12")


def test_events_that_the_dateline_would_move_carry_the_warning(corpus_dir):
    res = run_cli("events", corpus_dir, "--format", "jsonl")
    rows = jsonl(res.stdout)
    saturday = next(r for r in rows if r["date_text"] == "Saturday")
    assert saturday["date"] == "2021-03-27"                    # from the metadata's Friday, April 2
    assert saturday["warning"].startswith("dateline says 2021-04-12, metadata 2021-04-02")
    assert "placed from the metadata date" in saturday["warning"] and "2021-04-10" in saturday["warning"]
    undated = next(r for r in rows if r["doc"] == "lighthouse" and r["cue"] == "has")
    assert undated["date"] == "2021-04-02" and "2021-04-12" in undated["warning"]
    may = next(r for r in rows if r["doc"] == "lighthouse" and r["date_text"] == "May")
    assert may["warning"] == ""                                 # May 2021 from either date
    assert all(r["warning"] == "" for r in rows if r["doc"] in ("ferry", "market"))
    assert "lighthouse.md: dateline says 2021-04-12, metadata 2021-04-02" in res.stderr


def test_a_day_apart_or_no_dateline_is_no_conflict():
    day = dt.date(2021, 4, 12)
    assert dateline_conflict(day, dt.date(2021, 4, 13), "metadata") is None
    assert dateline_conflict(day, dt.date(2021, 4, 11), "metadata") is None
    assert dateline_conflict(None, dt.date(2021, 4, 1), "metadata") is None
    assert str(dateline_conflict(day, dt.date(2021, 4, 14), "metadata")) == \
        "dateline says 2021-04-12, metadata 2021-04-14"


def test_the_article_table_shows_the_dateline_and_the_warning(corpus):
    shown = article_table(corpus.articles).set_index("id")
    assert shown.loc["lighthouse", "dateline"] == dt.date(2021, 4, 12)
    assert shown.loc["lighthouse", "published"] == dt.date(2021, 4, 2)
    assert "dateline says 2021-04-12" in shown.loc["lighthouse", "warning"]
    assert shown.loc["ferry", "warning"] == "" and shown.loc["market", "warning"] == ""


def test_entering_the_datelines_date_ends_the_conflict(corpus):
    fixed = corpus.with_published("lighthouse", dt.date(2021, 4, 12))
    assert fixed.articles.set_index("id").loc["lighthouse", "dateline_conflict"] == ""
    assert (fixed.events["warning"] == "").all()
    assert "2021-04-10" in set(fixed.events["date"])           # Saturday, from the dateline's Monday


# ------------------------------------------------------------------------ no date written --

def test_an_undated_sentence_writes_no_date_and_names_its_cue(corpus):
    ev = corpus.events
    said = ev[(ev["doc"] == "ferry") & (ev["cue"] == "said")].iloc[0]
    assert said["date_text"] == "" and said["anchor"] == "context" and said["date"] == "2021-04-09"
    assert corpus.text("ferry")[said["date_start"]:said["date_end"]] == "said"
    dated = ev[ev["date_text"] == "Friday"].iloc[0]
    assert dated["cue"] == ""


def test_the_event_table_says_no_date_is_written_and_why_it_is_placed(corpus):
    shown = table(corpus.events).set_index("event_id")
    ev = corpus.events.set_index("event_id")
    for event_id, row in shown.iterrows():
        if ev.loc[event_id, "date_text"]:
            assert row["date_text"] == ev.loc[event_id, "date_text"]
    ferry_said = shown[shown["cue"] == "said"].loc[lambda d: d["title"] == "New ferry for Bellan Sound"].iloc[0]
    assert ferry_said["date_text"] == "(no date written: story context)"
    trust_has = shown[shown["cue"] == "has"].iloc[0]
    assert trust_has["date_text"] == "(no date written: publication day)"
    assert "dateline says" in trust_has["warning"]


def test_the_evidence_card_shows_cue_placement_and_warning(corpus):
    ev = corpus.events
    row = ev[(ev["doc"] == "lighthouse") & (ev["cue"] == "has")].iloc[0].to_dict()
    card = evidence_html(row, corpus.text("lighthouse"))
    assert "publication day" in card and "no date written" in card
    assert '<mark class="cue"' in card and ">has</mark>" in card
    assert '<mark class="date"' not in card                     # no date is shown as if written
    assert "dateline says 2021-04-12, metadata 2021-04-02" in card
    story = ev[(ev["doc"] == "ferry") & (ev["cue"] == "said")].iloc[0].to_dict()
    card = evidence_html(story, corpus.text("ferry"))
    assert "story context" in card and "earlier sentence" in card and "dateline says" not in card


# --------------------------------------------------------------------------------- schema --

def test_rows_are_typed_records_so_a_misspelt_column_is_an_error():
    with pytest.raises(TypeError):
        schema.Event(event_id="x@1-2", doc="x", acters=["Somebody"])
    with pytest.raises(ValueError, match="date_txt"):
        schema.events_frame([{"event_id": "x@1-2", "date_txt": "Monday"}])
    frame = schema.events_frame([{"event_id": "x@1-2", "date_text": "", "cue": "said"}])
    assert list(frame.columns) == list(schema.EVENT_COLUMNS) and frame.loc[0, "cue"] == "said"
    assert schema.EVENT_COLUMNS["cue"] == "string" and schema.EVENT_COLUMNS["warning"] == "string"
    assert schema.ARTICLE_COLUMNS["dateline"] == schema.TIMESTAMP
    assert isinstance(schema.articles_frame([]).dtypes["dateline_conflict"], pd.StringDtype)


def test_a_name_ending_in_ed_is_no_cue_of_the_past(tmp_path):
    from timeline.corpus import read_corpus
    (tmp_path / "hangar.md").write_text(
        "---\npublished: 2021-06-03\n---\nThe Halstead Aviation hangar in Orrin is the largest in the county. "
        "Orrin Air flies two older Brinsted Kestrels and one Vokes V10.\n", encoding="utf-8")
    ev = read_corpus([tmp_path]).events
    assert "Brinsted" not in set(ev["cue"])
    assert list(ev.loc[ev["sentence"].str.startswith("The Halstead"), "cue"]) == ["is"]
