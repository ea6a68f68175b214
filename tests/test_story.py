"""The reference a date takes: the publication date for the news of the day, the date the story is at for a
passage that tells an earlier story, the date of its own sentence where one is written there."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timeline.model import Timex
from timeline.resources import load_table
from timeline.temporal import tag
from tests.test_temporal import _find


def _tag(text: str, published: str | None) -> list[Timex]:
    return tag(text, dt.date.fromisoformat(published) if published else None)


@pytest.mark.parametrize("row", [pytest.param(r, id=r["rule"]) for r in load_table("temporal_anchoring")])
def test_anchoring_examples(row):
    assert _find(_tag(row["example"], row["published"]), row["expected_text"]).value == row["expected_value"]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["cue"]) for r in load_table("temporal_story_cues")])
def test_story_cue_examples(row):
    assert _find(_tag(row["example"], row["published"]), row["expected_text"]).value == row["expected_value"]


def _placed(text: str, published: str | None) -> list[tuple[str, str, str]]:
    return [(t.text, t.value, t.reference) for t in _tag(text, published) if t.type in ("DATE", "TIME")]


def test_a_history_without_publication_date_follows_its_own_dates():
    text = ("The canal company was founded in 1792. In April, digging began near the river. "
            "The following year the first barges passed, and two years later the company paid a dividend.")
    assert _placed(text, None) == [
        ("1792", "1792", "absolute"), ("April", "1792-04", "narrative"),
        ("The following year", "1793", "narrative"), ("two years later", "1795", "sentence")]


def test_a_background_passage_in_news_takes_its_year_from_the_story():
    text = ("The mayor was first elected in 2004. In March, she opened the new harbour. "
            "On Tuesday she said she would run again.")
    assert _placed(text, "2011-11-24") == [
        ("2004", "2004", "absolute"), ("March", "2004-03", "narrative"), ("Tuesday", "2011-11-22", "publication")]


def test_the_news_of_the_day_brings_the_text_back_to_the_publication_date():
    text = ("The bridge opened in 1998. Yesterday the council voted to close it. "
            "In March, engineers found cracks in its piers.")
    assert _placed(text, "2011-11-24")[-1] == ("March", "2011-03", "publication")


def test_a_clause_about_the_future_reports_the_news():
    text = "The choir was founded in 1950. It will celebrate with a concert in June."
    assert _placed(text, "2011-11-24")[-1] == ("June", "2012-06", "publication")


def test_a_story_told_in_the_past_holds_across_sentences_without_news():
    text = ("The expedition left the coast in 1911. The ponies died in the snow. The men hauled the sledges "
            "themselves. Food ran short. Two of them fell ill. They turned back in March.")
    assert _placed(text, "2012-05-01")[-1] == ("March", "1911-03", "narrative")


def test_a_present_tense_sentence_between_ends_a_distant_story():
    text = ("The firm was founded in 1921. Its founder's grandson is chairman. The shares are widely held. "
            "Analysts say the outlook is good. Its plants run at capacity. In September, it bought a rival.")
    assert _placed(text, "1989-10-30")[-1] == ("September", "1989-09", "publication")


def test_a_date_to_come_tells_no_story():
    text = "The notes are due March 1, 2011. In September, the company sold a plant."
    assert _placed(text, "1989-10-30")[-1] == ("September", "1989-09", "publication")


def test_a_time_of_day_takes_the_day_the_story_is_at():
    text = "On 4 May 1970, students gathered on the lawn. At noon, the guards fired."
    assert _placed(text, "2012-05-01")[-1] == ("noon", "1970-05-04T12:00", "narrative")


def test_the_same_sentence_gives_the_reference():
    text = "The treaty was signed on May 3, 1990, and the troops left the next day."
    assert _placed(text, "1998-03-04")[-1] == ("the next day", "1990-05-04", "sentence")


def test_a_month_follows_the_story_into_the_next_year():
    text = "The siege began on December 2, 1870. In January, the city surrendered."
    assert _placed(text, "2012-05-01")[-1] == ("January", "1871-01", "narrative")


def test_quoted_speech_between_does_not_end_a_distant_story():
    text = ('The strike began on 4 March 1926. The miners marched to the pits. The owners locked the gates. '
            'Their leader told the crowd: "We will not go back. This is our fight." '
            'The police arrived in force. The men went home in May.')
    assert _placed(text, "2012-05-01")[-1] == ("May", "1926-05", "narrative")


def test_a_relative_date_in_quoted_speech_does_not_bring_the_text_back_to_the_news():
    text = ('The siege ended on 2 June 1871. "We held out longer than two weeks ago," a defender wrote. '
            'On 9 June, the garrison left the town.')
    assert _placed(text, "2012-05-01")[-1] == ("9 June", "1871-06-09", "narrative")


# --- the event table and the evidence card say which reference placed each date ---------------------------

def test_the_event_table_says_which_reference_placed_each_date():
    from timeline.events import article_events
    from timeline.model import Article
    from timeline.schema import REFERENCES, events_frame

    text = ("The lighthouse was built in 1871. On May 3, its lamp was lit, and the keeper arrived the next day. "
            "Yesterday the council voted to sell it.")
    article = Article(id="light", path="light.txt", text=text, published=dt.date(2013, 6, 5))
    frame = events_frame(article_events(article, tag(text, article.published)))
    assert frame["reference"].dtype == "string"
    assert list(zip(frame["date_text"], frame["date"], frame["reference"])) == [
        ("1871", "1871", "absolute"), ("May 3", "1871-05-03", "narrative"), ("the next day", "1871-05-04", "sentence"),
        ("Yesterday", "2013-06-04", "publication")]
    assert set(frame["reference"]) <= set(REFERENCES)


def test_an_unplaced_date_has_no_reference():
    from timeline.events import article_events
    from timeline.model import Article
    from timeline.schema import events_frame

    article = Article(id="u", path="u.txt", text="They met last month.")
    frame = events_frame(article_events(article, tag(article.text, None)))
    assert frame["anchor"].tolist() == ["unanchored"] and frame["reference"].isna().all()


def test_the_evidence_card_says_the_date_follows_the_story():
    from timeline.evidence import evidence_html

    sentence = "In May, its lamp was lit."
    event = dict(title="Lighthouse", source="Coast News", published=pd.Timestamp("2013-06-05"), date="1871-05",
                 granularity="month", date_text="May", date_start=3, date_end=6, sentence=sentence,
                 sentence_start=0, sentence_end=len(sentence), actors=[], anchor="relative", reference="narrative")
    card = evidence_html(event, None)
    assert "1871-05" in card and "placed from the story told" in card
    assert "placed from the publication date" in evidence_html(dict(event, reference="publication"), None)


def test_an_aside_in_parentheses_neither_ends_the_story_nor_brings_back_the_news():
    present = ("The strike began on 4 March 1926. The miners marched to the pits (the route is now a footpath). "
               "The owners locked the gates. The police arrived in force. The men went home in May.")
    assert _placed(present, "2012-05-01")[-1] == ("May", "1926-05", "narrative")
    deictic = "The army reached the river on 9 June 1863 (today the site of a museum). On 14 June it crossed."
    assert _placed(deictic, "2012-05-01")[-1] == ("14 June", "1863-06-14", "narrative")


def test_the_year_of_a_day_just_told_does_not_take_the_story_back_to_january():
    text = ("The war reached the Pacific in 1941. The fleet attacked on December 7 (December 8 in Asia), 1941. "
            "In January, the allies met.")
    assert _placed(text, "2012-05-01")[-1] == ("January", "1942-01", "narrative")


def test_that_same_season_is_the_story_s():
    text = "The capital fell in 1975; the neighbouring kingdoms were overrun that same spring."
    assert _placed(text, "2012-05-01")[-1] == ("that same spring", "1975-SP", "sentence")


def test_a_winter_is_named_after_the_year_its_january_falls_in():
    (winter,) = _tag("It snowed all through the winter of 1994.", None)
    assert (winter.value, winter.begin, winter.finish) == ("1994-WI", dt.datetime(1993, 12, 1), dt.datetime(1994, 3, 1))
    assert _placed("The ponds froze hard this winter.", "2013-03-23")[-1][:2] == ("this winter", "2013-WI")
    assert _placed("The ponds froze hard in the winter.", "2013-03-23")[-1][:2] == ("the winter", "2013-WI")


def test_a_meeting_in_the_simple_present_is_the_next_one():
    assert _placed("The two ministers meet Monday in Geneva.", "2013-05-03")[-1][:2] == ("Monday", "2013-05-06")
    assert _placed("The two ministers met Monday in Geneva.", "2013-05-03")[-1][:2] == ("Monday", "2013-04-29")
