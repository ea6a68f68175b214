"""The date tagger on forms beyond edited news: blank lines, abbreviations without a full stop, BC years,
ranges whose first end is a bare number, informal writing, time zones, parts of named days, fractions."""
from __future__ import annotations

import datetime as dt

from timeline.temporal import tag


def _tagged(text: str, published: str | None = "2016-05-10") -> list[tuple[str, str]]:
    pub = dt.date.fromisoformat(published) if published else None
    return [(t.text, t.value) for t in tag(text, pub)]


def test_no_expression_across_a_blank_line():
    assert _tagged("Tuesday\n\nMarch 3, 2015: the ferry sank.") == [("Tuesday", "2016-05-10"),
                                                                     ("March 3, 2015", "2015-03-03")]
    assert _tagged("Tuesday \r\n \r\nMarch 3, 2015") == [("Tuesday", "2016-05-10"), ("March 3, 2015", "2015-03-03")]


def test_a_line_break_alone_does_not_end_an_expression():
    assert _tagged("The ferry sank on Tuesday,\nMarch 3, 2015.") == [("Tuesday,\nMarch 3, 2015", "2015-03-03")]
