"""The tense and other-time cues of the reported-events tables match the same words, grouped for speed or not."""
from __future__ import annotations

import re

from timeline import reported
from timeline.resources import load_table

SENTENCES = [
    "The harbour board SAID on its website that the Ferry Guild had previously held the pier.",
    "Odile Vance says the guild will not raise its dues; it Hopes To settle soon.",
    "The quay workers went home afterwards, as they used to in the past.",
    "Tobias Renn Wrote that the board won't meet, and the planned vote was expected to fail.",
    "It's the union that owns the crane: it has been repaired and it was painted later.",
]


def _plain(rows) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(f"(?P<c{i}>{cue})" for i, cue in enumerate(rows)) + r")\b", re.IGNORECASE)


def test_grouped_tense_cues_find_what_the_table_lists():
    cues = [row["cue"] for row in load_table("reported_tense")]
    grouped, _ = reported._cues()
    for sentence in SENTENCES:
        found = [(m.span(), m.lastgroup) for m in grouped.finditer(sentence)]
        assert found == [(m.span(), m.lastgroup) for m in _plain(cues).finditer(sentence)]
        assert found


def test_grouped_other_time_cues_find_what_the_table_lists():
    plain = re.compile(rf"\b(?:{'|'.join(row['cue'] for row in load_table('reported_other_time'))})\b", re.IGNORECASE)
    for sentence in SENTENCES:
        assert [m.span() for m in reported._other_time().finditer(sentence)] == [m.span() for m in plain.finditer(sentence)]


def test_only_lists_of_words_are_grouped():
    assert re.fullmatch(reported._by_first_letter("said|Sold|told"), "sold", re.IGNORECASE)
    for cue in (r"(?-i:[a-z]+ed)", "a?b|c", r"(?:is|are) to"):
        assert reported._by_first_letter(cue) == cue
