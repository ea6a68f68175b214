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


def test_abbreviations_without_a_full_stop():
    assert _tagged("The fair opens 14 Sep 2017 and closes Sep 20, 2017.") == [
        ("14 Sep 2017", "2017-09-14"), ("Sep 20, 2017", "2017-09-20")]
    assert _tagged("Tickets on sale from 3 Jun; the show is Jan 9.") == [("3 Jun", "2016-06-03"), ("Jan 9", "2016-01-09")]
    assert _tagged("Refunds close in Feb 2017.") == [("Feb 2017", "2017-02")]


def test_abbreviated_names_that_are_also_words_need_a_day_or_relative_word():
    assert _tagged("Jan Novak sat down; Wed couples smiled.") == []
    assert _tagged("Mar the surface, they said, and the Mon state agreed.") == []
    assert _tagged("Our picnic is this Sat!") == [("this Sat", "2016-05-14")]


def test_lower_case_names_in_informal_writing():
    # published on Tuesday 2016-05-10
    assert _tagged("the party will be on friday") == [("friday", "2016-05-13")]
    assert _tagged("gym was closed on sunday") == [("sunday", "2016-05-08")]
    assert _tagged("exams will end in november") == [("november", "2016-11")]
    assert _tagged("see u next fri") == [("next fri", "2016-05-13")]
    assert _tagged("prices may march higher") == []


def test_this_weekday_without_a_tense_is_the_one_ahead():
    assert _tagged("Open house this Thursday.") == [("this Thursday", "2016-05-12")]
    assert _tagged("We lost this Sunday.") == [("this Sunday", "2016-05-08")]
