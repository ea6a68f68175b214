"""Rules of a genre (temporal_genres.csv) are on only in texts that show evidence of the genre."""
from __future__ import annotations

import datetime as dt

from timeline.temporal import tag
from timeline.temporal.genres import genres_of

PUBLISHED = dt.date(2019, 11, 5)


def _texts(text: str) -> list[str]:
    return [t.text for t in tag(text, PUBLISHED)]


def test_an_earnings_report_shows_its_genre():
    assert genres_of("Net income climbed to $12 million, or 40 cents a share, in the quarter.") == {"earnings"}


def test_one_word_of_evidence_is_not_enough():
    assert genres_of("The rebels held the old quarter of the town.") == frozenset()
    assert genres_of("A stray quarter rolled under the sofa; nobody spoke of it.") == frozenset()


def test_the_quarter_of_an_earnings_report_is_the_quarter_reported_on():
    text = "Revenue at the brewer rose in the third quarter. Net income for the quarter fell 5%."
    found = {t.text: t.value for t in tag(text, PUBLISHED)}
    assert found["the quarter"] == "2019-Q3"


def test_the_quarter_of_a_town_is_no_date():
    assert "the quarter" not in _texts("Lanterns were hung across the quarter before the parade.")


def test_last_year_compared_in_an_earnings_report_is_the_same_quarter():
    text = "Third-quarter sales reached $8 million, compared with $6 million last year."
    found = {t.text: t.value for t in tag(text, PUBLISHED)}
    assert found["last year"] == "2018-Q3"


def test_last_year_compared_elsewhere_is_last_year():
    text = "In the third quarter the orchard's harvest reached 8 tonnes, compared with 6 tonnes last year."
    found = {t.text: t.value for t in tag(text, PUBLISHED)}
    assert found["last year"] == "2018"
