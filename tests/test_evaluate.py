"""Scoring on TimeML files, on a tiny document written here (the project's tests do not need the dev data)."""
from __future__ import annotations

import json

from timeline.evaluate import evaluate_folders, format_report, norm_value, read_tml, score_document

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>tiny</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>
The talks began <TIMEX3 tid="t1" type="DATE" value="1998-08-06">Thursday</TIMEX3> and will resume <TIMEX3 tid="t2" type="DATE" value="1998-W34">next week</TIMEX3>.
They lasted <TIMEX3 tid="t3" type="DURATION" value="P3D">three days</TIMEX3>, as in <TIMEX3 tid="t4" type="DATE" value="1997">1997</TIMEX3>; the firm was founded in <TIMEX3 tid="t5" type="DATE" value="1990">1990</TIMEX3> and <TIMEX3 tid="t6" type="DATE" value="PRESENT_REF">now</TIMEX3> thrives.
</TEXT>
</TimeML>
"""


def _write(tmp_path):
    folder = tmp_path / "tml"
    folder.mkdir()
    (folder / "tiny.tml").write_text(TML, encoding="utf-8")
    return folder


def test_read_tml(tmp_path):
    doc = read_tml(str(_write(tmp_path) / "tiny.tml"))
    assert doc.dct == "1998-08-07"
    assert [(t.text, t.type, t.value) for t in doc.timexes][:3] == [
        ("Thursday", "DATE", "1998-08-06"), ("next week", "DATE", "1998-W34"), ("three days", "DURATION", "P3D")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_norm_value():
    assert norm_value("1949-XX") == "1949"
    assert norm_value("199X") == "199"
    assert norm_value("2000-W7") == "2000-W07"


def test_scoring_rules(tmp_path):
    doc = read_tml(str(_write(tmp_path) / "tiny.tml"))
    at = {t.text: t for t in doc.timexes}
    mentions = [
        {"start": at["Thursday"].start, "end": at["Thursday"].end, "text": "Thursday", "type": "DATE",
         "value": "1998-08-06T10:00"},                                     # a time inside the gold day counts
        {"start": at["next week"].start, "end": at["next week"].end, "text": "next week", "type": "DATE",
         "value": "1998-W35"},                                             # wrong value
        {"start": at["three days"].start, "end": at["three days"].end, "text": "three days", "type": "DATE",
         "value": "1998"},                                                 # overlaps a gold DURATION: ignored
        {"start": 0, "end": 3, "text": "The", "type": "DATE", "value": "1998"},   # spurious
        {"start": at["1997"].start, "end": at["1997"].end, "text": "1997", "type": "DURATION", "value": "P1Y"},
    ]
    counts = {"gold": 0, "system": 0, "strict": 0, "relaxed": 0, "value": 0}
    misses: list[dict] = []
    score_document(doc, mentions, counts, misses)
    assert counts == {"gold": 5, "system": 3, "strict": 2, "relaxed": 2, "value": 1}
    assert {m["kind"] for m in misses} == {"value", "spurious", "missed"}
    wrong = [m for m in misses if m["kind"] == "value"][0]
    assert (wrong["doc"], wrong["text"], wrong["gold"], wrong["system"]) == ("tiny.tml", "next week", "1998-W34", "1998-W35")


def test_evaluate_folders_and_report(tmp_path):
    folder = _write(tmp_path)
    misses = tmp_path / "misses.json"
    [res] = evaluate_folders([str(folder)], str(misses))
    assert res["docs"] == 1 and res["gold"] == 5
    for key in ("chars", "seconds", "system", "relaxed_p", "relaxed_r", "relaxed_f1", "value_p", "value_r",
                "value_f1", "strict_f1"):
        assert key in res
    assert res["value_f1"] > 0.5
    assert isinstance(json.loads(misses.read_text()), list)
    assert "value P=" in format_report([res]) and "tml" in format_report([res])
