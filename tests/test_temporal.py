"""The date tagger: seed articles, every example of the rule tables, and the API's promises."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from timeline.model import Timex
from timeline.resources import load_table
from timeline.temporal import tag

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return html.unescape(path.read_text(encoding="utf-8"))


def _find(found: list[Timex], text: str, after: str = "", source: str = "") -> Timex:
    """The Timex with this text (the first one after the context string `after`, when given)."""
    start = source.index(after) if after else 0
    for t in found:
        if t.text == text and t.start >= start:
            return t
    raise AssertionError(f"{text!r} not tagged; got {[x.text for x in found]}")


def _value(text: str, published: str | None, expected_text: str) -> str:
    pub = dt.date.fromisoformat(published) if published else None
    return _find(tag(text, pub), expected_text).value


# --- seed articles -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed0():
    text = _seed("000")
    return text, tag(text, dt.date(2011, 11, 24))


@pytest.fixture(scope="module")
def seed1():
    text = _seed("001")
    return text, tag(text, dt.date(2014, 9, 24))


@pytest.fixture(scope="module")
def seed2():
    text = _seed("002")
    return text, tag(text, dt.date(2011, 11, 24))


@pytest.mark.parametrize("context,text,value,type_", [
    ("met Thursday", "Thursday", "2011-11-24", "DATE"),
    ("accord in May", "May", "2011-05", "DATE"),
    ("starting Dec. 20", "Dec. 20", "2011-12-20", "DATE"),
    ("territories next year", "next year", "2012", "DATE"),
    ("elections in 2006", "2006", "2006", "DATE"),
    ("within a year", "a year", "P1Y", "DURATION"),
])
def test_seed_000(seed0, context, text, value, type_):
    source, found = seed0
    t = _find(found, text, context, source)
    assert (t.value, t.type) == (value, type_)


def test_seed_000_placement(seed0):
    source, found = seed0
    t = _find(found, "Thursday", "met Thursday", source)
    assert t.anchor == "relative" and t.granularity == "day" and t.tense == "past"
    assert (t.begin, t.finish) == (dt.datetime(2011, 11, 24), dt.datetime(2011, 11, 25))
    assert _find(found, "a year", "within a year", source).begin is None


@pytest.mark.parametrize("context,text,value", [
    ("last month", "last month", "2014-08"),
    ("on July 8", "July 8", "2014-07-08"),
    ("agreed on Tuesday", "Tuesday", "2014-09-23"),
    ("meetings on Thursday", "Thursday", "2014-09-25"),
    ("next month's talks", "next month", "2014-10"),
    ("in Cairo on Wednesday", "Wednesday", "2014-09-24"),
    ("in July and August", "July", "2014-07"),
    ("July and August", "August", "2014-08"),
])
def test_seed_001(seed1, context, text, value):
    source, found = seed1
    assert _find(found, text, context, source).value == value


@pytest.mark.parametrize("context,text,value,type_", [
    ("December 15", "December 15", "2011-12-15", "DATE"),
    ("in 2007", "2007", "2007", "DATE"),
    ("November 24, 2011", "November 24, 2011", "2011-11-24", "DATE"),
    ("11/24/2011", "11/24/2011, 5:27 PM", "2011-11-24T17:27", "TIME"),
    ("50-minute", "50-minute", "PT50M", "DURATION"),
    ("two years overdue", "two years", "P2Y", "DURATION"),
])
def test_seed_002(seed2, context, text, value, type_):
    source, found = seed2
    t = _find(found, text, context, source)
    assert (t.value, t.type) == (value, type_)


# --- every example of the rule tables is a test --------------------------------------------------------

def _examples(table: str):
    rows = load_table(table)
    return [pytest.param(r, id=r.get("name") or r.get("word") or r["cue"][:30]) for r in rows]


@pytest.mark.parametrize("row", _examples("temporal_patterns"))
def test_pattern_examples(row):
    assert _value(row["example"], row["published"], row["expected_text"]) == row["expected_value"]


@pytest.mark.parametrize("row", _examples("temporal_relatives"))
def test_relative_examples(row):
    assert _value(row["example"], row["published"], row["expected_text"]) == row["expected_value"]


@pytest.mark.parametrize("row", _examples("temporal_holidays"))
def test_holiday_examples(row):
    assert _value(row["example"], row["published"], row["expected_text"]) == row["expected_value"]


@pytest.mark.parametrize("year,expected", [(1998, "1998-04-12"), (2000, "2000-04-23"), (2011, "2011-04-24"), (2014, "2014-04-20")])
def test_easter(year, expected):
    from timeline.temporal.days import easter
    assert easter(year).isoformat() == expected


@pytest.mark.parametrize("row", _examples("temporal_tense_cues"))
def test_tense_cue_examples(row):
    assert _value(row["example"], row["published"], row["expected_text"]) == row["expected_value"]


def _vocabulary(kind: str, scan: tuple[str, ...] = ("", "beside")):
    return [pytest.param(r["word"], r["value"], id=r["word"]) for r in load_table("temporal_vocabulary")
            if r["kind"] == kind and r.get("scan", "") in scan]


@pytest.mark.parametrize("word,value", _vocabulary("month"))
def test_month_words(word, value):
    assert _value(f"It opened {word} 5, 1990.", None, f"{word} 5, 1990") == f"1990-{int(value):02d}-05"


@pytest.mark.parametrize("word,value", _vocabulary("weekday", scan=("",)))
def test_weekday_words(word, value):
    # published on Sunday 2011-11-27: a past weekday falls in the week before
    assert _value(f"They met {word} in Cairo.", "2011-11-27", word) == f"2011-11-{20 + int(value):02d}"


@pytest.mark.parametrize("word,value", _vocabulary("weekday", scan=("beside",)))
def test_weekday_words_beside_a_relative_word(word, value):
    assert _value(f"They met last {word} in Cairo.", "2011-11-27", f"last {word}") == f"2011-11-{20 + int(value):02d}"


@pytest.mark.parametrize("word", [p.values[0] for p in _vocabulary("weekday", scan=("beside",))]
                         + [p.values[0] for p in _vocabulary("month", scan=("beside",))])
def test_words_that_are_dates_only_beside_a_day_or_relative_word(word):
    assert word not in [t.text for t in tag(f"Then {word} spoke.", dt.date(2011, 11, 27))]


@pytest.mark.parametrize("word,value", [p for p in _vocabulary("number") if p.values[1] not in ("X", "0.5")])
def test_number_words(word, value):
    n = int(float(value))
    unit = "year" if n == 1 else "years"
    assert _value(f"It was founded {word} {unit} ago.", "2000-06-01", f"{word} {unit} ago") == str(2000 - n)


@pytest.mark.parametrize("word,value", [p for p in _vocabulary("ordinal") if int(p.values[1]) <= 4])
def test_ordinal_words(word, value):
    assert _value(f"Sales rose in the {word} quarter of 1990.", None, f"the {word} quarter of 1990") == f"1990-Q{value}"


@pytest.mark.parametrize("word,value", _vocabulary("season"))
def test_season_words(word, value):
    assert _value(f"It snowed in the {word} of 1994.", None, f"the {word} of 1994") == f"1994-{value}"


@pytest.mark.parametrize("word,value", _vocabulary("part_of_day"))
def test_part_of_day_words(word, value):
    assert _value(f"They met Tuesday {word}.", "2011-11-24", f"Tuesday {word}") == f"2011-11-22T{value}"


@pytest.mark.parametrize("word,value", _vocabulary("decade"))
def test_decade_words(word, value):
    assert _value(f"Prices soared in the {word}.", "1999-01-01", f"the {word}") == f"19{value}"


# --- the rules the issue names ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,published,expected_text,value", [
    ("He was born Aug. 7, 1998, in Ohio.", "1999-02-10", "Aug. 7, 1998", "1998-08-07"),
    ("The deal was signed last October.", "1999-02-10", "last October", "1998-10"),
    ("The talks will resume March 12.", "1999-02-10", "March 12", "1999-03-12"),
    ("Prices fell in late-November.", "2000-01-10", "late-November", "1999-11"),
    ("The plant closed a decade ago.", "1999-02-10", "a decade ago", "198"),
    ("The war ended 50 years ago.", "1995-05-08", "50 years ago", "1945"),
    ("They will meet Thursday.", "2011-11-22", "Thursday", "2011-11-24"),
    ("They met Thursday.", "2011-11-22", "Thursday", "2011-11-17"),
    ("The vote was held at 9 a.m. Tuesday.", "1998-08-07", "9 a.m. Tuesday", "1998-08-04T09:00"),
    ("Fighting resumed Wednesday night.", "1998-08-07", "Wednesday night", "1998-08-05TNI"),
    ("Sales rose in the third quarter.", "1989-10-27", "the third quarter", "1989-Q3"),
    ("Profit in the year-ago quarter was lower.", "1989-10-27", "the year-ago quarter", "1988-Q3"),
    ("It rained this summer.", "2001-09-01", "this summer", "2001-SU"),
    ("The week began with 1998-W33 sales.", "1998-08-20", "1998", "1998"),
    ("Prices rose in fiscal 1990.", "1991-01-01", "fiscal 1990", "1990"),
    ("Now prices are higher.", "1991-01-01", "Now", "PRESENT_REF"),
    ("Prices rose recently.", "1991-01-01", "recently", "PAST_REF"),
    ("Prices will rise in the near future.", "1991-01-01", "the near future", "FUTURE_REF"),
    ("Stocks rose yesterday.", "1991-01-01", "yesterday", "1990-12-31"),
    ("He was born in the 20th century.", "1991-01-01", "the 20th century", "19"),
    ("It grew in the first half of 1990.", None, "the first half of 1990", "1990-H1"),
    ("The bakery closed two weeks ago.", "2016-05-10", "two weeks ago", "2016-04-26"),
    ("The ferry returns two fortnights later.", "2016-05-10", "two fortnights later", "2016-06-07"),
    ("The abbey was built three centuries ago.", "2016-05-10", "three centuries ago", "17"),
    ("Reform took centuries of struggle.", "2016-05-10", "centuries", "PXCE"),
    ("The abbey was founded a millennium ago.", "1999-06-01", "a millennium ago", "09"),
    ("The fair closed Sunday, Dec. 8.", "2020-01-15", "Sunday, Dec. 8", "2019-12-08"),
    ("Shares fell Friday. Tokyo stocks fell overnight.", "1989-10-30", "overnight", "1989-10-26TNI"),
    ("Shares fell on Oct. 12, 1989, and for the day the index lost 2%.", "1989-10-30", "the day", "1989-10-12"),
    ("Over the first nine months, bookings climbed from a year earlier.", "2015-10-20", "a year earlier", "2014"),
    ("Revenue rose in the second quarter of 2016 from a year earlier.", "2016-08-01", "a year earlier", "2015-Q2"),
    # the quarter, not the day that ends it, is what "a year ago" goes back from
    ("Bookings slipped in the fiscal-second quarter ended Dec. 31; a year ago they grew.", "2021-02-03", "a year ago",
     "2019-Q2"),
    ("In the quarter ended April 30, exports fell.", "2019-06-15", "the quarter", "2019-Q1"),
    ("Ticket sales climbed in the quarter, compared with a slump last year.", "2017-07-20", "last year", "2016-Q2"),
    ("Ticket sales slipped in the quarter, down from a record last year.", "2017-07-20", "last year", "2016"),
    ("It will sell the unit as of today.", "1989-11-02", "today", "1989-11-02"),
])
def test_rules(text, published, expected_text, value):
    assert _value(text, published, expected_text) == value


def test_part_of_something_is_not_a_relative_date():
    found = tag("On the last day of the month, the next week of talks began.", dt.date(1998, 8, 10))
    assert "the last day" not in [t.text for t in found]


def test_time_takes_the_day_named_after_it():
    found = tag("The blast came at 10:30 a.m. (0730 GMT) on Friday.", dt.date(1998, 8, 10))
    assert [(t.text, t.value) for t in found][:1] == [("10:30 a.m.", "1998-08-10T10:30")]
    found = tag("The blast came at 10:30 a.m. on Friday.", dt.date(1998, 8, 10))
    assert [(t.text, t.value) for t in found] == [("10:30 a.m.", "1998-08-07T10:30"), ("Friday", "1998-08-07")]


def test_last_weekday_and_next_weekday():
    found = tag("He left last Thursday and returns next Thursday.", dt.date(2011, 11, 24))
    assert [t.value for t in found] == ["2011-11-17", "2011-12-01"]


def test_narrative_reference():
    text = "The treaty was signed on May 3, 1990. Two days later, troops left. The next day they arrived."
    found = tag(text, dt.date(1998, 3, 4))
    assert [(t.text, t.value) for t in found] == [
        ("May 3, 1990", "1990-05-03"), ("Two days later", "1990-05-05"), ("The next day", "1990-05-06")]


def test_the_day_before_a_day_told_or_else_before_the_news():
    told = tag("The treaty was signed on May 3, 1990. The previous day, troops left.", dt.date(1998, 3, 4))
    assert told[-1].value == "1990-05-02"
    # after a month or a year there is no day to count from: the news's own day is meant
    coarse = tag("Sales grew in May. The previous day he had left.", dt.date(1999, 7, 17))
    assert [(t.text, t.value) for t in coarse] == [("May", "1999-05"), ("The previous day", "1999-07-16")]


def test_range_has_two_ends():
    found = tag("He served from 2001 to 2009.", dt.date(2011, 1, 1))
    assert [(t.value, t.range_role) for t in found] == [("2001", "from"), ("2009", "to")]


def test_dashed_range():
    found = tag("The 1999-2000 season ended.", dt.date(2001, 1, 1))
    assert [(t.value, t.range_role) for t in found] == [("1999", "from"), ("2000", "to")]


@pytest.mark.parametrize("published", [dt.date(1999, 3, 17), None])
@pytest.mark.parametrize("text, first, last", [
    ("From March to May 1998, talks stalled.", "1998-03", "1998-05"),
    ("They met between Dec. 20 and Jan. 5, 2012.", "2011-12-20", "2012-01-05"),
    ("The show ran from June 3 to June 9, 2005.", "2005-06-03", "2005-06-09"),
])
def test_the_first_end_of_a_range_takes_the_year_written_at_the_second(text, first, last, published):
    found = tag(text, published)
    assert [(t.value, t.range_role, t.anchor) for t in found] == [(first, "from", "absolute"), (last, "to", "absolute")]
    assert found[0].begin == dt.datetime.fromisoformat(first + ("-01" if len(first) == 7 else ""))


def test_two_months_are_two_dates():
    found = tag("Talks in July and August failed.", dt.date(2014, 9, 24))
    assert [(t.value, t.range_role) for t in found] == [("2014-07", ""), ("2014-08", "")]


def test_durations_and_sets_are_not_placed():
    found = tag("The 50-minute talks, held every week for a month, ended.", dt.date(2011, 11, 24))
    assert {t.type for t in found} == {"DURATION", "SET"}
    assert all(t.begin is None and t.finish is None and not t.placed for t in found)
    assert _find(found, "every week").value == "P1W"


def test_unanchored_without_publication_date():
    found = tag("They met Thursday and will meet again in May, 2012.", None)
    thursday = _find(found, "Thursday")
    assert thursday.anchor == "unanchored" and thursday.begin is None and thursday.value.startswith("XXXX")
    assert _find(found, "May, 2012").value == "2012-05"


def test_absolute_and_relative_anchors():
    found = tag("On Dec. 20, 2011, and on Dec. 21 they met.", dt.date(2011, 12, 1))
    assert [t.anchor for t in found] == ["absolute", "relative"]


def test_offsets_sorted_and_disjoint():
    text = "On Monday, Jan. 5, 1998, at 9 a.m., they met; next week and last year too. May 5 May 5."
    found = tag(text, dt.date(1998, 1, 6))
    assert found
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    for t in found:
        assert text[t.start:t.end] == t.text


def test_modal_may_is_not_a_month():
    assert tag("Prices may rise, and marchers march.", dt.date(2011, 1, 1)) == []


def test_given_sentences_are_used():
    from timeline.sentences import sentences
    text = "They met Thursday. They will meet again Thursday."
    found = tag(text, dt.date(2011, 11, 22), sentences(text))
    assert [t.value for t in found] == ["2011-11-17", "2011-11-24"]


@pytest.mark.parametrize("text,published,not_tagged", [
    ("Trading resumes as soon as the market opens.", "1989-11-02", "soon"),         # a conjunction
    ("The bridge was repaired soon after the flood.", "2012-06-01", "soon"),        # relative to an event
    ("She designs the kitchens of tomorrow.", "2012-06-01", "tomorrow"),           # generic
    ("The story ran in KCB Today, a farming magazine.", "2012-06-01", "Today"),    # a magazine's name
    ('Ortega, interviewed on the radio programme "This Week," said so.', "2012-06-01", "This Week"),
    ("The fair began in 2004; stalls sold whatever was baked that day.", "2012-06-01", "that day"),
])
def test_not_a_date(text, published, not_tagged):
    assert not_tagged not in [t.text for t in tag(text, dt.date.fromisoformat(published))]
