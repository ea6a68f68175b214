"""Careless or hostile inputs beside a good article: special files, link loops, huge files, YAML bombs,
formulas in CSV cells, an output written onto an input, escape sequences. Each run is bounded (a subprocess
with a timeout and a memory limit), so that a regression fails the test instead of hanging it; and each time
the good article's events must still come out."""
from __future__ import annotations

import io
import json
import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.helpers import ROOT, jsonl

GOOD = "---\npublished: 2019-05-10\n---\nThe Orlen Rowing Club elected a new captain on Monday.\n"
MEMORY = 4 * 1024 ** 3


def corpus_with_good_article(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    return folder


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def bounded_run(*args, timeout=120, env=None, cwd=ROOT):
    """`timeline ARGS` in a subprocess that can neither hang the tests nor eat the memory."""
    return subprocess.run([sys.executable, "-m", "timeline", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env={**os.environ, **(env or {})}, preexec_fn=limit_memory)


def run_here(capsys, *args):
    """`timeline ARGS` in this process, for what cannot hang: (exit status, stdout, stderr)."""
    from timeline.cli import main
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def good_events_come_out(res) -> list[dict]:
    assert res.returncode == 0, res.stderr
    rows = jsonl(res.stdout)
    assert [(r["doc"], r["date"]) for r in rows] == [("good", "2019-05-06")]
    return rows


# --- files that are not files ---------------------------------------------------------------------------

def test_a_symbolic_link_loop_is_named_and_the_good_article_still_read(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    res = bounded_run("events", folder, "--format", "jsonl")
    good_events_come_out(res)
    assert f"{folder / 'a.txt'}: symbolic link loop" in res.stderr
    assert f"{folder / 'b.txt'}: symbolic link loop" in res.stderr
    assert "Traceback" not in res.stderr


def test_a_link_loop_given_by_name_is_named_too(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    (folder / "a.txt").symlink_to("a.txt")
    res = bounded_run("events", folder / "good.md", folder / "a.txt", "--format", "jsonl")
    good_events_come_out(res)
    assert "a.txt: symbolic link loop" in res.stderr


def test_a_pipe_a_device_and_a_socket_are_skipped_without_being_read(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    os.mkfifo(folder / "pipe.txt")                  # nobody writes: opening it to read would wait forever
    (folder / "zeros.txt").symlink_to("/dev/zero")  # never ends
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.md"))
    try:
        res = bounded_run("events", folder, "--format", "jsonl", timeout=60)
        table = bounded_run("articles", folder, "--format", "jsonl", timeout=60)
    finally:
        server.close()
    good_events_come_out(res)
    assert "pipe.txt: not a regular file but a named pipe (FIFO); skipped" in res.stderr
    assert "zeros.txt: not a regular file but a character device; skipped" in res.stderr
    assert "sock.md: not a regular file but a socket; skipped" in res.stderr
    status = {Path(r["path"]).name: r["status"] for r in jsonl(table.stdout)}
    assert status["good.md"] == "ok"
    assert all(status[name].startswith("unreadable: not a regular file") for name in ("pipe.txt", "zeros.txt", "sock.md"))


def test_a_pipe_given_by_name_and_a_pipe_as_articles_csv_are_skipped(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    os.mkfifo(folder / "articles.csv")
    os.mkfifo(tmp_path / "feed.jsonl")
    res = bounded_run("events", folder, tmp_path / "feed.jsonl", "--format", "jsonl", timeout=60)
    good_events_come_out(res)
    assert "articles.csv: not a regular file but a named pipe" in res.stderr
    assert "feed.jsonl: not a regular file but a named pipe" in res.stderr


def test_an_actors_file_that_is_a_pipe_is_named_not_waited_for(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    os.mkfifo(folder / "actors.yaml")
    res = bounded_run("events", folder, "--format", "jsonl", timeout=60)
    assert res.returncode == 2
    assert f"{folder / 'actors.yaml'}: cannot be read: not a regular file but a named pipe (FIFO)\n" in res.stderr
    (tmp_path / "names.yaml").write_text("hide: [Kestrel]\n")
    good_events_come_out(bounded_run("events", folder, "--format", "jsonl", "--actors", tmp_path / "names.yaml"))


def test_the_dashboards_content_digest_reads_no_pipe_nor_endless_device(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zeros.txt").symlink_to("/dev/zero")
    code = ("import sys; from timeline.view import content_digest; "
            "print(content_digest(sys.argv[1:]))")
    res = subprocess.run([sys.executable, "-c", code, str(folder), str(folder / "pipe.txt"), str(folder / "zeros.txt")],
                         capture_output=True, text=True, cwd=ROOT, timeout=60, preexec_fn=limit_memory)
    assert res.returncode == 0, res.stderr
    digest = res.stdout.strip()
    assert len(digest) == 40
    (folder / "good.md").write_text(GOOD.replace("Monday", "Friday"), encoding="utf-8")
    again = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, cwd=ROOT,
                           timeout=60)
    assert again.stdout.strip() not in ("", digest)   # the good article still counts


# --- size ----------------------------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_named_and_skipped(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    (folder / "long.txt").write_text("The Orlen Rowing Club met on Friday.\n" * 3_000)     # 111 kB
    res = bounded_run("events", folder, "--format", "jsonl", "--max-file-size", "0.1")
    good_events_come_out(res)
    assert f"{folder / 'long.txt'}: larger than the 0.1 MB limit (0.111 MB); skipped" in res.stderr
    by_env = bounded_run("events", folder, "--format", "jsonl", env={"TIMELINE_MAX_FILE_MB": "0.05"})
    good_events_come_out(by_env)
    assert "long.txt: larger than the 50,000 bytes limit" in by_env.stderr
    raised = bounded_run("articles", folder, "--format", "jsonl", "--max-file-size", "0.2",
                         env={"TIMELINE_MAX_FILE_MB": "0.05"})
    assert raised.returncode == 0 and {r["id"]: r["events"] for r in jsonl(raised.stdout)}["long"] == 3000


def test_a_sparse_file_of_ten_gigabytes_is_skipped_at_once(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    with open(folder / "disk.md", "wb") as f:
        f.truncate(10 * 1000 ** 3)          # takes no room on the disk, reads as ten billion zeros
    res = bounded_run("events", folder, "--format", "jsonl", timeout=60)
    good_events_come_out(res)
    assert "disk.md: larger than the 20 MB limit (1e+04 MB); skipped" in res.stderr


def test_a_jsonl_feed_over_the_limit_is_skipped_whole(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    record = json.dumps({"id": "r", "text": "The Orlen Rowing Club met on Friday. " * 50, "published": "2019-05-10"})
    (folder / "feed.jsonl").write_text((record + "\n") * 60)       # 113 kB
    res = bounded_run("events", folder, "--format", "jsonl", "--max-file-size", "0.1")
    good_events_come_out(res)
    assert "feed.jsonl: larger than the 0.1 MB limit" in res.stderr


def test_reads_stop_one_byte_past_the_limit(tmp_path):
    from timeline import files
    exact, over = tmp_path / "exact.txt", tmp_path / "over.txt"
    exact.write_bytes(b"x" * 1000)
    over.write_bytes(b"x" * 1001)
    assert files.read_bytes(exact, limit=1000) == b"x" * 1000
    with pytest.raises(files.Refused, match="larger than the 1,000 bytes limit"):
        files.read_bytes(over, limit=1000)
    with open(over, "rb") as stream:           # a file that grew after its size was checked
        lines = files.bounded_lines(stream, limit=1000)
        with pytest.raises(files.Refused):
            list(lines)
        assert stream.tell() == 1001


def test_a_bad_size_limit_in_the_environment_is_said_before_anything_runs(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    res = bounded_run("events", folder, env={"TIMELINE_MAX_FILE_MB": "lots"})
    assert res.returncode == 2 and res.stdout == ""
    assert "TIMELINE_MAX_FILE_MB: not a number of megabytes: 'lots'" in res.stderr
    assert bounded_run("events", folder, "--max-file-size", "-1").returncode == 2


# --- YAML ----------------------------------------------------------------------------------------------

def billion_laughs() -> str:
    lines = ['l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\nmerge:\n  - *l9\n"


def test_a_yaml_bomb_in_actors_yaml_is_refused_naming_the_file_and_line(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    (folder / "actors.yaml").write_text(billion_laughs())
    res = bounded_run("events", folder, "--format", "jsonl", timeout=60)
    assert res.returncode == 2 and "MemoryError" not in res.stderr
    assert f"{folder / 'actors.yaml'}:2: not valid YAML: aliases (*l0) are not allowed" in res.stderr
    (folder / "actors.yaml").write_text("merge:\n  - [Orlen Rowing Club, the Orlen club]\n")
    good_events_come_out(bounded_run("events", folder, "--format", "jsonl"))


@pytest.mark.parametrize("loader", ["SafeLoader", "CSafeLoader"])
def test_aliases_are_refused_by_the_python_and_the_libyaml_parser(loader):
    from timeline.formats import load_yaml, yaml_loader
    if not hasattr(yaml, loader):
        pytest.skip(f"PyYAML without {loader}")
    strict = yaml_loader(getattr(yaml, loader))
    assert load_yaml("name: &n Orlen\nkind: 2019-13-40\n", strict) == {"name": "Orlen", "kind": "2019-13-40"}
    for text, line in [(billion_laughs(), 1), ("base: &b {kind: place}\nOrlen:\n  <<: *b\n", 2)]:
        with pytest.raises(yaml.YAMLError, match=r"aliases \(\*\w+\) are not allowed") as err:
            load_yaml(text, strict)
        assert err.value.problem_mark.line == line


def test_actors_yaml_written_by_the_dashboard_has_no_aliases_and_reads_back(tmp_path):
    from timeline.actors import overrides
    shared = ["Orlen Rowing Club", "the Orlen club"]
    edits = overrides.Overrides(merge=[shared, shared], rename={"Orlen": "Orlen Rowing Club"})
    path = tmp_path / "actors.yaml"
    edits.save(path)
    assert "*" not in path.read_text() and overrides.load(path).merge == [shared, shared]


def test_aliases_in_front_matter_are_ignored_with_a_warning_and_the_article_read(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    (folder / "bomb.md").write_text("---\n" + billion_laughs().replace("merge:", "title:")
                                    + "published: 2019-05-10\n---\nThe Kestrel Choir sang on Monday.\n")
    res = bounded_run("events", folder, "--format", "jsonl", timeout=60)
    assert res.returncode == 0
    assert {r["doc"] for r in jsonl(res.stdout)} == {"good", "bomb"}
    assert f"{folder / 'bomb.md'}:3: invalid YAML front matter (aliases (*l0) are not allowed); ignored" in res.stderr


# --- CSV for spreadsheets ------------------------------------------------------------------------------

TRAP = ('---\ntitle: "=HYPERLINK(\\"http://evil.example\\",\\"open\\")"\nsource: "+SUM(A1:A9)"\n'
        "published: 2019-05-10\n---\n"
        "@Tarvik Mills said on Tuesday that it would close the Brenna plant.\n\n"
        "-Harlan Voss resigned on Wednesday.\n")


def formula_corpus(tmp_path: Path) -> Path:
    folder = corpus_with_good_article(tmp_path)
    (folder / "trap.md").write_text(TRAP, encoding="utf-8")
    (folder / "actors.yaml").write_text('rename:\n  Tarvik Mills: "=cmd|calc!A1"\n')
    return folder


def read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def starts_a_formula(cell: str) -> bool:
    return cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_cells_that_would_run_as_formulas_get_an_apostrophe(tmp_path, capsys):
    folder = formula_corpus(tmp_path)
    events = read_csv(run_here(capsys, "events", folder)[1])
    assert not any(starts_a_formula(cell) for cell in events.to_numpy().ravel())
    tuesday = events[events["date_text"] == "Tuesday"].iloc[0]
    assert tuesday["title"] == "'=HYPERLINK(\"http://evil.example\",\"open\")"
    assert tuesday["source"] == "'+SUM(A1:A9)"
    assert tuesday["sentence"] == tuesday["label"] == "'@Tarvik Mills said on Tuesday that it would close the Brenna plant."
    assert tuesday["actors"].startswith("'=cmd|calc!A1")
    assert events[events["date_text"] == "Wednesday"].iloc[0]["sentence"].startswith("'-Harlan Voss")
    good = events[events["doc"] == "good"].iloc[0]
    assert good["sentence"] == "The Orlen Rowing Club elected a new captain on Monday."
    actors = read_csv(run_here(capsys, "actors", folder, "--format", "csv")[1])
    assert "'=cmd|calc!A1" in set(actors["name"]) and "Orlen Rowing Club" in set(actors["name"])
    articles = read_csv(run_here(capsys, "articles", folder, "--format", "csv")[1])
    assert set(articles["title"]) == {"'=HYPERLINK(\"http://evil.example\",\"open\")", "good"}


def test_json_lines_and_parquet_keep_the_text_as_it_is(tmp_path, capsys):
    folder = formula_corpus(tmp_path)
    rows = jsonl(run_here(capsys, "events", folder, "--format", "jsonl")[1])
    assert {r["title"] for r in rows} == {"=HYPERLINK(\"http://evil.example\",\"open\")", "good"}
    run_here(capsys, "events", folder, "-o", tmp_path / "events.parquet")
    table = pd.read_parquet(tmp_path / "events.parquet")
    assert "+SUM(A1:A9)" in set(table["source"])


def test_the_dashboards_csv_download_is_safe_too(tmp_path):
    from timeline import read_corpus
    from timeline.view import table_csv
    events = read_corpus([formula_corpus(tmp_path)]).events
    table = read_csv(table_csv(events).decode("utf-8"))
    assert len(table) == len(events) == 3
    assert not any(starts_a_formula(cell) for cell in table.to_numpy().ravel())
    assert "'=cmd|calc!A1; Brenna" in set(table["actors"])


# --- -o onto an input ----------------------------------------------------------------------------------

def test_an_output_onto_an_input_file_is_refused_and_the_file_kept(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    good = folder / "good.md"
    res = bounded_run("tag", good, "-o", good)
    assert res.returncode == 2 and good.read_text() == GOOD
    assert f"-o {good} is the input {good}" in res.stderr
    (tmp_path / "link.md").symlink_to(good)
    assert bounded_run("events", good, "-o", tmp_path / "link.md").returncode == 2
    os.link(good, tmp_path / "hard.md")
    assert bounded_run("events", good, "-o", tmp_path / "hard.md").returncode == 2
    assert good.read_text() == GOOD


def test_an_output_inside_an_input_folder_is_refused_before_anything_is_written(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    res = bounded_run("tag", folder, "-o", folder / "tags.jsonl", timeout=60)
    assert res.returncode == 2 and "lies inside the input folder" in res.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["good.md"]
    nested = bounded_run("events", "corpus", "-o", "corpus/../corpus/sub/events.csv", cwd=tmp_path)
    assert nested.returncode == 2 and not (folder / "sub").exists()


def test_metadata_and_actors_files_are_inputs_too(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    (tmp_path / "names.yaml").write_text("hide: [Kestrel]\n")
    assert bounded_run("events", folder / "good.md", "-o", folder / "articles.csv").returncode == 2
    assert bounded_run("events", folder, "--actors", tmp_path / "names.yaml", "-o", tmp_path / "names.yaml"
                       ).returncode == 2
    assert (tmp_path / "names.yaml").read_text() == "hide: [Kestrel]\n"
    assert not (folder / "articles.csv").exists()


def test_an_output_beside_the_inputs_is_written(tmp_path):
    folder = corpus_with_good_article(tmp_path)
    res = bounded_run("events", folder, "-o", tmp_path / "events.jsonl")
    assert res.returncode == 0, res.stderr
    assert [r["doc"] for r in jsonl((tmp_path / "events.jsonl").read_text())] == ["good"]


# --- escape sequences ----------------------------------------------------------------------------------

ESCAPES = ("\x1b", "\x07", "\x9b", "\x9d", "\x08")


def test_escape_sequences_in_titles_and_file_names_do_not_reach_the_terminal(tmp_path, capsys):
    folder = corpus_with_good_article(tmp_path)
    title = "Kestrel \x1b]0;owned\x07Choir \x1b[2J\x1b[31mtour\x9b1m"
    (folder / "choir.md").write_text(f'---\ntitle: "{title.encode("unicode_escape").decode()}"\n'
                                     "published: 2019-05-10\n---\nThe Kestrel Choir sang on Monday.\n",
                                     encoding="utf-8")
    (folder / "notes\x1b[2J\x1b]0;x\x07.pdf").write_text("not an article")
    code, out, err = run_here(capsys, "articles", folder)
    assert code == 0 and "Kestrel Choir tour" in out and "good" in out
    assert not any(c in out + err for c in ESCAPES)
    assert "notes.pdf: unsupported format" in err
    code, out, err = run_here(capsys, "events", folder)
    assert "Kestrel Choir tour" in out and not any(c in out + err for c in ESCAPES)
    out = run_here(capsys, "events", folder, "--format", "jsonl")[1]
    assert not any(c in out for c in ESCAPES)
    assert {r["title"] for r in jsonl(out)} == {title, "good"}       # escaped, not lost


def test_printable_keeps_text_tabs_and_new_lines():
    from timeline.output import printable
    assert printable("Orlen\tRowing\nClub") == "Orlen\tRowing\nClub"
    assert printable("Kraków – Łódź “quoted” 東京") == "Kraków – Łódź “quoted” 東京"
    assert printable("a\x1b[1;31mb\x1b[0mc\x1b]8;;http://x\x1b\\d\x1bce\x00f\x7fg\x85h") == "abcdefgh"
