"""The event pipeline: the same events in one process, on local worker processes and on a Dask cluster started
from the project's environment, written as a Parquet event store that pandas, DuckDB and Dask read."""
from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from timeline import pipeline, store
from timeline.corpus import read_corpus
from timeline.pipeline import batches_of, run_pipeline

from .helpers import run_cli

BIN = Path(sys.executable).parent

ARTICLES = {
    "harbour.md": ("2019-03-04", "Harbour board approves dredging plan",
                   "The Kessock Harbour Board approved the dredging plan on Monday. Chair Ailsa Dunmore said work "
                   "would start in June and end next spring. Tolland Marine, which lost the tender, said last "
                   "week that it would appeal."),
    "appeal.md": ("2019-03-20", "Tolland Marine appeals tender",
                  "Tolland Marine filed its appeal on Tuesday. Ailsa Dunmore told reporters the board had followed "
                  "every rule. A hearing is set for April 12."),
    "hearing.md": ("2019-04-13", "Appeal hearing adjourned",
                   "The hearing of Tolland Marine's appeal was adjourned yesterday until May 3. Dunmore was not in "
                   "court. The Kessock Harbour Board said in February that delays would cost it money."),
    "ruling.md": ("2019-05-04", "Tender upheld",
                  "Judge Morven Castell upheld the tender on Friday. Tolland Marine said it would not appeal "
                  "again. Dredging will begin on June 10, the Kessock Harbour Board said."),
    "nodates.md": ("2019-05-05", "Harbour fees", "Harbour fees: moorings, cranes and pilots, by the tonne."),
    "dredge.md": ("2019-06-11", "Dredging begins",
                  "Dredgers arrived at Kessock on Monday, a day late. Ailsa Dunmore said the work would last "
                  "until March 2020, and that the Kessock Harbour Board would report in the autumn."),
}


def write_corpus(folder: Path, articles=ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (published, title, body) in articles.items():
        (folder / name).write_text(f"---\ntitle: {title}\npublished: {published}\n---\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("pipeline") / "articles")


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stores") / "local"
    run_pipeline([corpus], out, workers=1, batch_chars=300, part_events=5)
    return out


def comparable(events: pd.DataFrame) -> pd.DataFrame:
    return events.assign(actors=events["actors"].map(tuple)).reset_index(drop=True)


def test_the_store_holds_what_reading_the_corpus_in_memory_gives(corpus, local_store):
    in_memory = read_corpus([corpus])
    stored = store.read_events(local_store)
    assert comparable(stored).equals(comparable(in_memory.events))
    articles = store.read_articles(local_store)
    assert set(articles["id"]) == set(in_memory.articles["id"])
    assert articles.set_index("id").loc["nodates", "status"] == "no dates"
    assert articles["digest"].str.len().eq(32).all()
    actors = store.read_actors(local_store)
    assert {"Ailsa Dunmore", "Tolland Marine", "Kessock Harbour Board"} <= set(actors["name"])
    dunmore = actors.set_index("name").loc["Ailsa Dunmore"]
    assert dunmore["kind"] == "person" and dunmore["events"] >= 3 and dunmore["articles"] >= 3


def test_the_store_is_read_as_one_table_by_pandas_duckdb_and_dask(local_store):
    import dask.dataframe as dd
    import duckdb
    n = len(store.read_events(local_store))
    assert len(pd.read_parquet(local_store)) == n
    assert duckdb.sql(f"select count(*) from read_parquet('{local_store}/*.parquet')").fetchall() == [(n,)]
    assert len(dd.read_parquet(local_store)) == n
    manifest = json.loads((local_store / "_store.json").read_text())
    assert manifest["format"] == "timeline-events" and manifest["events"] == n
    assert len(list(local_store.glob("part-*.parquet"))) > 1      # parts of up to 5 events


def test_the_batches_parts_are_merged_into_few_files_in_order(corpus, local_store, tmp_path):
    merged = tmp_path / "merged"
    run_pipeline([corpus], merged, workers=1, batch_chars=300)
    parts = list(merged.glob("part-*.parquet"))
    assert len(parts) == 1 and not list((merged / "_cache").glob("*.parquet"))
    events = store.read_events(merged)
    assert comparable(events).equals(comparable(store.read_events(local_store)))
    assert pd.read_parquet(parts[0])["start"].dropna().is_monotonic_increasing


def test_a_part_left_half_written_by_a_run_cut_short_is_removed_by_the_next(corpus, tmp_path):
    out = tmp_path / "store"
    run_pipeline([corpus], out, workers=1)
    left = [out / "_cache" / "merged-00000.parquet", out / "_cache" / "filtered-part-00000.parquet"]
    for path in left:
        path.write_bytes(b"PAR1 cut short")
    again = run_pipeline([corpus], out, workers=1)
    assert not any(path.exists() for path in left)
    assert len(store.read_events(out)) == again.events > 0


def test_batches_do_not_change_the_events(corpus, local_store, tmp_path):
    one_batch = tmp_path / "one"
    run_pipeline([corpus], one_batch, workers=1, batch_chars=10**9)
    assert len(list(one_batch.glob("part-*.parquet"))) == 1
    assert comparable(store.read_events(one_batch)).equals(comparable(store.read_events(local_store)))


def test_a_folder_without_articles_gives_an_empty_store(tmp_path):
    (tmp_path / "empty").mkdir()
    summary = run_pipeline([tmp_path / "empty"], tmp_path / "store", workers=1)
    assert summary.events == 0 and len(store.read_events(tmp_path / "store")) == 0


def test_a_run_leaves_the_garbage_collector_as_it_found_it(corpus, tmp_path):
    before = gc.get_threshold()
    gc.set_threshold(1234, 5, 6)
    try:
        run_pipeline([corpus], tmp_path / "store", workers=1)
        assert gc.get_threshold() == (1234, 5, 6)
    finally:
        gc.set_threshold(*before)


def test_batches_keep_the_files_in_order():
    files = [f"/nowhere/{i}.md" for i in range(7)]
    assert [f for b in batches_of(files, 100, at_least=3) for f in b] == files


def test_local_worker_processes_give_the_same_events(corpus, local_store, tmp_path):
    out = tmp_path / "two"
    summary = run_pipeline([corpus], out, workers=2, batch_chars=300)
    assert summary.workers == 2
    assert comparable(store.read_events(out)).equals(comparable(store.read_events(local_store)))


def test_the_cli_on_two_local_workers_gives_the_same_events(corpus, local_store, tmp_path):
    # the command starts the workers' fork server before its own imports: the workers must still be the pipeline's
    out = tmp_path / "cli-two"
    res = run_cli("events", corpus, "--workers", "2", "--format", "parquet", "-o", out)
    assert res.returncode == 0
    assert comparable(store.read_events(out)).equals(comparable(store.read_events(local_store)))


@pytest.fixture
def dask_cluster(tmp_path):
    """A Dask scheduler and two workers on loopback, started as a user would, from the project's environment."""
    if not (BIN / "dask").exists():
        pytest.skip("no `dask` command in the environment")
    state = tmp_path / "scheduler.json"
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(state)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not state.exists():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        address = json.loads(state.read_text())["address"]
        procs += [subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-dashboard",
                                    "--host", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                  for _ in range(2)]
        from distributed import Client
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            p.wait(timeout=30)


def test_a_dask_cluster_on_loopback_gives_exactly_the_local_events(corpus, local_store, dask_cluster, tmp_path):
    out = tmp_path / "cluster"
    res = run_cli("events", corpus, "--scheduler", dask_cluster, "--format", "parquet", "-o", out)
    assert res.returncode == 0
    assert comparable(store.read_events(out)).equals(comparable(store.read_events(local_store)))
    assert store.read_actors(out).equals(store.read_actors(local_store))


def test_the_cli_writes_csv_from_the_pipeline_with_its_filters(corpus):
    from io import StringIO
    table = pd.read_csv(StringIO(run_cli("events", corpus, "--workers", "1", "--actor", "Ailsa Dunmore").stdout))
    assert len(table) >= 3 and table["actors"].str.contains("Ailsa Dunmore").all()


def test_a_filtered_store_keeps_only_the_matching_events(corpus, tmp_path):
    out = tmp_path / "since"
    run_cli("events", corpus, "--since", "2019-05-01", "--format", "parquet", "-o", out)
    events = store.read_events(out)
    assert len(events) and (events["end"] > pd.Timestamp("2019-05-01")).all()
    assert json.loads((out / store.MANIFEST).read_text())["events"] == len(events)


def test_unreadable_inputs_are_named_and_the_rest_is_read(corpus, tmp_path):
    folder = tmp_path / "mixed"
    shutil.copytree(corpus, folder)
    (folder / "broken.md").write_bytes(b"---\ntitle: [unclosed\n---\n\xff\xfe\x00 text")
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04")
    res = run_cli("events", folder, "--format", "parquet", "-o", tmp_path / "out", check=False)
    assert "table.xlsx" in res.stderr
    articles = store.read_articles(tmp_path / "out")
    assert articles.set_index("path").loc[str(folder / "table.xlsx"), "status"].startswith("unreadable")
    assert (articles["status"] == "ok").sum() == 5


def test_bad_worker_counts_are_refused(corpus):
    res = run_cli("events", corpus, "--workers", "0", check=False)
    assert res.returncode == 2 and "--workers" in res.stderr


def test_a_second_run_searches_only_new_and_changed_articles(corpus, local_store, tmp_path, monkeypatch):
    grown = tmp_path / "grown"
    shutil.copytree(corpus, grown)
    out = tmp_path / "store"
    first = run_pipeline([grown], out, workers=1)
    assert first.reused == 0
    write_corpus(grown, {"council.md": ("2019-07-01", "Council backs harbour",
                                        "The Kessock council backed the harbour plan on Thursday, Ailsa Dunmore "
                                        "said. A vote on the budget follows in September.")})
    (grown / "ruling.md").write_text((grown / "ruling.md").read_text().replace("June 10", "June 17"))
    tagged = []
    tag = pipeline.tag
    monkeypatch.setattr(pipeline, "tag", lambda text, *rest: tagged.append(text) or tag(text, *rest))
    second = run_pipeline([grown], out, workers=1)
    assert second.reused == 5 and second.articles == 7          # 6 before, 1 changed, 1 new
    assert sorted(text.split()[1] for text in tagged) == ["Kessock", "Morven"]  # only those two are dated anew
    events = store.read_events(out)
    assert "council" in set(events["doc"])
    assert "2019-06-17" in set(events.loc[events["doc"] == "ruling", "date"])
    assert len(list((out / "_cache").glob("*.pkl"))) == len(second.cache_files)
    fresh = run_pipeline([grown], tmp_path / "fresh", workers=1)
    assert comparable(events).equals(comparable(store.read_events(tmp_path / "fresh")))
    assert run_pipeline([grown], out, workers=1, rebuild=True).reused == 0


def test_a_scheduler_that_cannot_be_reached_is_named(corpus, tmp_path):
    res = run_cli("events", corpus, "--scheduler", "tcp://127.0.0.1:9", "--format", "parquet", "-o",
                  tmp_path / "out", check=False)
    assert res.returncode == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in res.stderr
    assert "Traceback" not in res.stderr
