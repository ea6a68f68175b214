"""The command line on small corpora written by the tests: formats, filters, bad input, undated articles."""
import json

import pandas as pd

from tests.helpers import SEEDS, jsonl, run_cli
from timeline.schema import EVENT_COLUMNS


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_events_jsonl_has_the_schema_columns():
    rows = jsonl(run_cli("events", SEEDS, "--format", "jsonl").stdout)
    assert rows and all(list(r) == list(EVENT_COLUMNS) for r in rows)


def test_events_csv_to_stdout_and_parquet_to_an_event_store(tmp_path):
    from io import StringIO
    from timeline import store
    csv = pd.read_csv(StringIO(run_cli("events", SEEDS).stdout))
    assert list(csv.columns) == list(EVENT_COLUMNS) and len(csv) > 10
    out = tmp_path / "events.parquet"
    run_cli("events", SEEDS, "-o", out)
    assert store.is_store(out)
    df = pd.read_parquet(out)           # the folder is the event table, read as it is
    assert list(df.columns) == list(EVENT_COLUMNS)
    assert sorted(df["event_id"]) == sorted(csv["event_id"])
    assert list(store.read_events(out)["event_id"]) == list(csv["event_id"])
    assert len(store.read_articles(out)) == 3 and set(store.read_actors(out)["name"]) >= {"Hamas", "Fatah"}


def test_an_event_store_is_not_written_over_a_folder_of_other_files(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    res = run_cli("events", SEEDS, "--format", "parquet", "-o", out, check=False)
    assert res.returncode == 2 and "not an event store" in res.stderr
    assert (out / "notes.txt").read_text() == "keep me"


def test_since_and_until_filter_by_interval():
    rows = jsonl(run_cli("events", SEEDS, "--since", "2014-01-01", "--format", "jsonl").stdout)
    assert rows and all(r["end"] > "2014-01-01" for r in rows)
    rows = jsonl(run_cli("events", SEEDS, "--until", "2010-12-31", "--format", "jsonl").stdout)
    assert rows and all(r["start"] <= "2010-12-31T23:59:59" for r in rows)
    assert {r["date"] for r in rows} >= {"2006", "2007"}


def test_bad_inputs_are_reported_and_the_rest_goes_on(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "good.md", "---\npublished: 2014-09-24\n---\nThe sides met on Tuesday in Cairo.\n")
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    write(corpus / "feed.jsonl",
          json.dumps({"id": "a1", "text": "Talks resumed on Monday.", "published": "2014-09-24"}) + "\n"
          + "{not json\n"
          + json.dumps({"id": "a3", "text": "Elections were held in 2006.", "published": "2014-09-24"}) + "\n")
    res = run_cli("events", corpus, "--format", "jsonl")
    docs = {r["doc"] for r in jsonl(res.stdout)}
    assert docs == {"good", "a1", "a3"}
    assert "blob.txt" in res.stderr
    assert "feed.jsonl:2" in res.stderr
    strict = run_cli("events", corpus, "--strict", "--format", "jsonl", check=False)
    assert strict.returncode != 0
    table = jsonl(run_cli("articles", corpus, "--format", "jsonl").stdout)
    status = {r["path"].rsplit("/", 1)[-1] + (f":{r['line']}" if r["line"] else ""): r["status"] for r in table}
    assert status["blob.txt"].startswith("unreadable")
    assert status["feed.jsonl:2"].startswith("unreadable")
    assert len(table) == 5


def test_undated_article_keeps_absolute_dates_and_lists_relative_ones_as_unanchored(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "undated.txt", "Officials met last month and agreed to hold elections on March 3, 2012.\n")
    write(corpus / "nodates.txt", "Officials met and agreed to hold elections.\n")
    rows = jsonl(run_cli("events", corpus, "--format", "jsonl").stdout)
    by_text = {r["date_text"]: r for r in rows}
    assert by_text["March 3, 2012"]["date"] == "2012-03-03"
    assert by_text["March 3, 2012"]["anchor"] == "absolute"
    assert by_text["last month"]["anchor"] == "unanchored" and by_text["last month"]["start"] is None
    table = {r["id"]: r for r in jsonl(run_cli("articles", corpus, "--format", "jsonl").stdout)}
    assert table["undated"]["published_from"] == "none" and table["undated"]["published"] is None
    assert table["undated"]["status"] == "unanchored dates"
    assert table["nodates"]["status"] == "no dates"


def test_articles_table_is_readable_text():
    out = run_cli("articles", SEEDS).stdout
    assert "002_a501227d1568e9ca" in out and "2011-11-24" in out and "text" in out


def test_text_that_is_not_utf8_is_read_with_a_warning_naming_the_file(tmp_path):
    (tmp_path / "cafe.txt").write_bytes("The café reopened on March 3, 2012.\n".encode("cp1252"))
    res = run_cli("events", tmp_path, "--format", "jsonl")
    assert "cafe.txt" in res.stderr and "cp1252" in res.stderr
    rows = jsonl(res.stdout)
    assert rows[0]["sentence"].startswith("The café") and rows[0]["date"] == "2012-03-03"
