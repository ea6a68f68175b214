"""The disk cache of the tagger's derived tables: used when safe, passed over silently when not."""
from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import stat
import subprocess
import sys

import pytest

from timeline.temporal import cache

pytestmark = pytest.mark.skipif(not hasattr(os, "getuid"), reason="the cache needs file owners")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("TIMELINE_NO_CACHE", raising=False)
    return tmp_path / "timeline"


def _never():
    raise AssertionError("derived although the cache holds it")


def test_what_is_derived_once_is_read_back(home):
    assert cache.cached("words", lambda: {"spring": 3}) == {"spring": 3}
    assert cache.cached("words", _never) == {"spring": 3}
    files = list(home.glob("words-*.pickle"))
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert not os.stat(files[0]).st_mode & (stat.S_IRWXG | stat.S_IRWXO)


def test_a_change_to_the_code_derives_anew(home, tmp_path):
    source = tmp_path / "rules.py"
    source.write_text("A = 1\n")
    assert cache.cached("rules", lambda: "first", [str(source)]) == "first"
    assert cache.cached("rules", _never, [str(source)]) == "first"
    source.write_text("A = 2\n")
    assert cache.cached("rules", lambda: "second", [str(source)]) == "second"


def test_a_corrupt_file_is_derived_anew_and_replaced(home):
    cache.cached("words", lambda: [1, 2])
    (path,) = home.glob("words-*.pickle")
    path.write_bytes(b"\x80\x05not a pickle at all")
    assert cache.cached("words", lambda: [1, 2]) == [1, 2]
    assert cache.cached("words", _never) == [1, 2]


def test_a_file_naming_another_key_is_not_used(home):
    cache.cached("words", lambda: "right")
    (path,) = home.glob("words-*.pickle")
    path.write_bytes(pickle.dumps(("another key", "wrong")))
    assert cache.cached("words", lambda: "right") == "right"


def test_a_file_others_may_write_to_is_not_read(home):
    cache.cached("words", lambda: "mine")
    (path,) = home.glob("words-*.pickle")
    os.chmod(path, 0o666)
    assert cache.cached("words", lambda: "derived") == "derived"


def test_a_folder_others_may_write_to_is_neither_read_nor_written(home):
    cache.cached("words", lambda: "mine")
    os.chmod(home, 0o777)
    assert cache.cached("words", lambda: "derived") == "derived"
    for old in home.glob("*.pickle"):
        old.unlink()
    cache.cached("words", lambda: "derived")
    assert not list(home.glob("*.pickle"))


def test_a_linked_file_is_not_read(home, tmp_path):
    cache.cached("words", lambda: "mine")
    (path,) = home.glob("words-*.pickle")
    elsewhere = tmp_path / "elsewhere.pickle"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert cache.cached("words", lambda: "derived") == "derived"


def test_an_unwritable_cache_is_passed_over(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.cached("words", lambda: "derived") == "derived"
    assert cache.cached("words", lambda: "again") == "again"


def test_the_cache_can_be_turned_off(home, monkeypatch):
    monkeypatch.setenv("TIMELINE_NO_CACHE", "1")
    cache.cached("words", lambda: "derived")
    assert not home.exists()


def test_a_relative_cache_home_is_ignored(monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/place")
    assert cache.folder().is_absolute()


def test_no_home_folder_no_cache(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(cache.os.path, "expanduser", lambda path: path)
    assert cache.folder() is None
    assert cache.cached("words", lambda: "derived") == "derived"


def test_a_stored_regex_matches_as_the_pattern_does():
    pattern = r"(?P<month>May|June) (?P<day>\d{1,2})(?!\d)"
    rx = cache.regex(pattern, re.IGNORECASE, cache.regex_parts(pattern, re.IGNORECASE))
    assert rx.pattern == pattern and rx.flags & re.IGNORECASE
    assert rx.search("they met on june 12, 1998").groupdict() == {"month": "june", "day": "12"}


def test_a_malformed_stored_regex_is_compiled_anew():
    pattern = r"\d+ days"
    parts = cache.regex_parts(pattern)
    if parts is None:
        pytest.skip("not CPython")
    broken = parts[:2] + ([99999] + list(parts[2][1:]),) + parts[3:]
    assert cache.regex(pattern, 0, broken).match("12 days")
    assert cache.regex(pattern, 0, ("another pattern",) + parts[1:]).match("12 days")


def test_a_fresh_process_tags_the_same_from_the_cache(tmp_path):
    text = "Profit rose in the third quarter. The board met Tuesday and will meet again on March 3."
    script = ("import datetime as dt, json, sys; from timeline.temporal import tag; "
              f"print(json.dumps([(t.text, t.value) for t in tag({text!r}, dt.date(2015, 2, 26))]))")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    env.pop("TIMELINE_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    off = subprocess.run([sys.executable, "-c", script], env=dict(env, TIMELINE_NO_CACHE="1"),
                         capture_output=True, text=True, check=True).stdout
    assert list((tmp_path / "timeline").glob("scanner-*.pickle"))
    assert runs[0] == runs[1] == off
    assert '"March 3", "2015-03-03"' in off
