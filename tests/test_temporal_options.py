"""Options of tag() that spare work a caller does not need."""
from __future__ import annotations

import datetime as dt

from timeline.temporal import tag


def test_without_tense_the_same_dates_are_found_and_their_tense_is_left_empty():
    text = "The mill closed on Friday. It will reopen in May, the owners said."
    published = dt.date(2019, 3, 13)
    full, lean = tag(text, published), tag(text, published, tense=False)
    assert [(t.text, t.value) for t in lean] == [(t.text, t.value) for t in full]
    assert [t.tense for t in full] == ["past", "future"]
    assert all(t.tense == "" for t in lean)
