import datetime as dt

import pytest

from timeline.events import article_events, article_status, merge_ranges
from timeline.model import Article, Timex


def timex(text, article, value, begin, finish, **kw):
    start = article.text.index(text)
    defaults = dict(type="DATE", anchor="absolute", tense="past", granularity="year")
    defaults.update(kw)
    return Timex(start, start + len(text), text, value=value, begin=begin, finish=finish, **defaults)


ARTICLE = Article(id="a", path="a.txt", title="T", source="S", published=dt.date(2010, 5, 1),
                  published_from="metadata",
                  text="He served from 2001 to 2009. He left in 2010. The talks lasted a month.")


def test_a_range_is_one_event_spanning_both_ends():
    found = [
        timex("2001", ARTICLE, "2001", dt.datetime(2001, 1, 1), dt.datetime(2002, 1, 1), range_role="from"),
        timex("2009", ARTICLE, "2009", dt.datetime(2009, 1, 1), dt.datetime(2010, 1, 1), range_role="to"),
        timex("2010", ARTICLE, "2010", dt.datetime(2010, 1, 1), dt.datetime(2011, 1, 1)),
        timex("a month", ARTICLE, "P1M", None, None, type="DURATION", granularity=""),
    ]
    assert [(a.text, b.text) for a, b in merge_ranges(found)] == [("2001", "2009"), ("2010", "2010"),
                                                                  ("a month", "a month")]
    rows = article_events(ARTICLE, found)
    assert [r.date for r in rows] == ["2001/2009", "2010"]
    first = rows[0]
    assert first.date_text == "2001 to 2009"
    assert (first.start, first.end) == (dt.datetime(2001, 1, 1), dt.datetime(2010, 1, 1))
    assert first.sentence == "He served from 2001 to 2009."
    assert article_status(ARTICLE, rows) == "ok"


def test_unanchored_dates_are_listed_not_dropped():
    article = Article(id="b", path="b.txt", text="They met last month.")
    found = [timex("last month", article, "XXXX-XX", None, None, anchor="unanchored", granularity="month")]
    rows = article_events(article, found)
    assert len(rows) == 1 and rows[0].anchor == "unanchored" and rows[0].start is None
    assert article_status(article, rows) == "unanchored dates"
    assert article_status(article, []) == "no dates"


def test_actors_come_from_the_lookup_for_the_sentence():
    found = [timex("2010", ARTICLE, "2010", dt.datetime(2010, 1, 1), dt.datetime(2011, 1, 1))]
    seen = []

    def lookup(article, span):
        seen.append(article.text[span.start:span.end])
        return ["Somebody"]

    rows = article_events(ARTICLE, found, lookup)
    assert rows[0].actors == ["Somebody"] and seen == ["He left in 2010."]


def test_a_date_belongs_to_the_actors_of_its_own_clause():
    from timeline.corpus import build_corpus
    text = ("Marta Sund joined the Vireo Falcons as a teenager in 1990, while in 1992 the league title went to "
            "the Kelby Rams. In 1995 she signed for Dunmore United, which was bought by Castell Holdings in 2001. "
            "Piet Varga designed the new stadium in 1985, but left the Kelby Architects Society in 1994.")
    article = Article(id="c", path="c.txt", text=text, published=dt.date(2011, 10, 6), published_from="metadata")
    events = build_corpus([article]).events.set_index("date_text")["actors"]
    assert {"Marta Sund", "Vireo Falcons"} <= set(events["1990"]) and "Kelby Rams" not in events["1990"]
    assert list(events["1992"]) == ["Kelby Rams"]
    assert "Marta Sund" in events["1995"] and "Castell Holdings" not in events["1995"]   # "she"
    assert set(events["2001"]) == {"Dunmore United", "Castell Holdings"}   # the relative clause's antecedent
    assert "Kelby Architects Society" not in events["1985"]
    assert {"Piet Varga", "Kelby Architects Society"} <= set(events["1994"])   # "but left": no subject of its own


@pytest.mark.parametrize("published", [None, dt.date(2014, 10, 1)])
def test_changing_one_publication_date_gives_what_a_fresh_build_gives(seed_corpus, published):
    import dataclasses

    import pandas as pd

    from timeline.corpus import build_corpus
    doc = "001_8df9275ebf8a9017"
    changed = seed_corpus.with_published(doc, published)
    docs = dict(seed_corpus.documents)
    docs[doc] = dataclasses.replace(docs[doc], published=published,
                                    published_from="metadata" if published else "none")
    fresh = build_corpus(list(docs.values()))
    pd.testing.assert_frame_equal(changed.events, fresh.events)
    pd.testing.assert_frame_equal(changed.articles, fresh.articles)
    pd.testing.assert_frame_equal(changed.actors, fresh.actors)
    assert not changed.events[changed.events["doc"] == doc].equals(
        seed_corpus.events[seed_corpus.events["doc"] == doc])
