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
    assert _tagged("lecture got moved, it will be on thurs") == [("thurs", "2016-05-12")]
    assert _tagged("prices may march higher") == []


def test_this_weekday_without_a_tense_is_the_one_ahead():
    assert _tagged("Open house this Thursday.") == [("this Thursday", "2016-05-12")]
    assert _tagged("We lost this Sunday.") == [("this Sunday", "2016-05-08")]


def test_years_of_an_era():
    assert _tagged("The library burned in 48 BC and was rebuilt by AD 120; a wall went up in 1300 AD.") == [
        ("48 BC", "BC0048"), ("AD 120", "0120"), ("1300 AD", "1300")]
    assert _tagged("Coins from 211 B.C. and 30 BCE, and a jar of c. 150 BC.") == [
        ("211 B.C.", "BC0211"), ("30 BCE", "BC0030"), ("c. 150 BC", "BC0150")]


def test_months_seasons_decades_and_centuries_bc():
    assert _tagged("The fleet sailed in June 331 BC and wintered in the autumn of 330 BC.") == [
        ("June 331 BC", "BC0331-06"), ("the autumn of 330 BC", "BC0330-FA")]
    # as TIMEX2 writes them: the 350s BC run from 359 to 350 BC, the third century BC from 299 to 200 BC
    assert _tagged("Trade grew through the 350s BC and the third century BC.") == [
        ("the 350s BC", "BC035"), ("the third century BC", "BC02")]
    assert _tagged("The palace was built in the 2nd century AD.") == [("the 2nd century AD", "01")]


def test_a_date_bc_has_a_value_but_no_place_on_the_timeline():
    (t,) = tag("Carthage fell in 146 BC.", dt.date(2016, 5, 10))
    assert (t.value, t.granularity, t.begin, t.finish) == ("BC0146", "year", None, None)


def test_the_first_end_of_a_range_bc_takes_the_era_of_the_second():
    assert _tagged("The war (431-404 BC) ended badly.") == [("431", "BC0431"), ("404 BC", "BC0404")]
    assert _tagged("It was besieged from 415 to 413 BC, and again in 409 and 408 BC.") == [
        ("415", "BC0415"), ("413 BC", "BC0413"), ("409", "BC0409"), ("408 BC", "BC0408")]


def test_a_year_bc_follows_on_in_the_narrative():
    assert _tagged("Athens surrendered in 404 BC. The following year, democracy returned.") == [
        ("404 BC", "BC0404"), ("The following year", "BC0403")]


def test_a_range_of_days_before_its_month_tags_both_ends():
    assert _tagged("The festival runs 11-13 Aug 2017, with a preview on 4 and 5 August 2017.") == [
        ("11", "2017-08-11"), ("13 Aug 2017", "2017-08-13"), ("4", "2017-08-04"), ("5 August 2017", "2017-08-05")]
    assert _tagged("Workshops: 27 - 29 March 2015.") == [("27", "2015-03-27"), ("29 March 2015", "2015-03-29")]


def test_a_range_of_days_after_its_month_tags_both_ends():
    found = tag("The jury sat on March 14-16, 2011 and again from Nov. 2 to 4, 2011.", dt.date(2011, 12, 1))
    # the year written after the second end holds for both
    assert [(t.text, t.value, t.range_role) for t in found] == [
        ("March 14", "2011-03-14", "from"), ("16, 2011", "2011-03-16", "to"),
        ("Nov. 2", "2011-11-02", "from"), ("4, 2011", "2011-11-04", "to")]
    assert _tagged("Talks on Jan. 8 to 10, in Geneva, failed.", "2011-12-01") == [("Jan. 8", "2011-01-08"), ("10", "2011-01-10")]


def test_a_bare_number_after_a_date_and_a_joining_word_may_count_something_else():
    assert _tagged("On March 4 and 5 ships sank.", "2011-12-01") == [("March 4", "2011-03-04")]
    assert _tagged("On March 4 prices rose 2-3%.", "2011-12-01") == [("March 4", "2011-03-04")]


def test_a_range_of_years_written_with_two_digits_at_its_end():
    found = tag("After the 1939-45 war and in the 1998-99 season, then in 2009-10.", dt.date(2016, 5, 10))
    assert [(t.text, t.value, t.range_role) for t in found] == [
        ("1939", "1939", "from"), ("45", "1945", "to"), ("1998", "1998", "from"), ("99", "1999", "to"),
        ("2009", "2009", "from"), ("10", "2010", "to")]
    assert _tagged("The 1999-00 budget.") == [("1999", "1999"), ("00", "2000")]
    assert _tagged("Call 2015-4471 today.") == [("2015", "2015"), ("today", "2016-05-10")]


def test_informal_spellings():
    # published on Tuesday 2016-05-10
    assert _tagged("dentist tmr, then gym tmrw evening") == [("tmr", "2016-05-11"), ("tmrw evening", "2016-05-11TEV")]
    assert _tagged("so tired tdy. partied last nite") == [("tdy", "2016-05-10"), ("last nite", "2016-05-09TNI")]
    assert _tagged("movie tonite? or 2nite at 9") == [("tonite", "2016-05-10TNI"), ("2nite", "2016-05-10TNI")]
    assert _tagged("XMAS party, then Xmas lunch") == [("XMAS", "2015-12-25"), ("Xmas", "2015-12-25")]


def test_clock_times_of_informal_writing():
    assert _tagged("bus leaves at 430pm, back by 1130pm") == [("430pm", "2016-05-10T16:30"), ("1130pm", "2016-05-10T23:30")]
    assert _tagged("Doors open 7.30pm.") == [("7.30pm", "2016-05-10T19:30")]
    assert _tagged("Rates of 7.30 and 5.15 were quoted.") == []


def test_a_weekday_with_its_clock_time():
    assert _tagged("Auditions this Sat, 2pm at the hall.") == [("this Sat, 2pm", "2016-05-14T14:00")]
    assert _tagged("Rehearsal Thurs,6pm!") == [("Thurs,6pm", "2016-05-05T18:00")]


def test_part_of_a_named_day():
    assert _tagged("The raid began on the night of August 24, 1814.") == [("the night of August 24, 1814", "1814-08-24TNI")]
    assert _tagged("They crossed late in the evening of 3 March 1861.") == [
        ("late in the evening of 3 March 1861", "1861-03-03TEV")]
    assert _tagged("It struck in the early morning hours of Sunday, May 18, 1980.") == [
        ("the early morning hours of Sunday, May 18, 1980", "1980-05-18TMO")]


def test_part_of_day_after_a_preposition():
    assert _tagged("On Friday we drove at night and slept in the afternoon.") == [
        ("Friday", "2016-05-06"), ("night", "2016-05-06TNI"), ("the afternoon", "2016-05-06TAF")]
    assert _tagged("We ate at the night market and bought morning rolls.") == []


def test_universal_time_keeps_its_zone():
    assert _tagged("The probe landed at 14:05 UTC on Sunday.") == [("14:05 UTC", "2016-05-08T14:05Z"), ("Sunday", "2016-05-08")]
    assert _tagged("Trading halted at 0915 GMT.") == [("0915 GMT", "2016-05-10T09:15Z")]
    # other zones are left out of the value, as TimeBank writes them
    assert _tagged("Bids are due by 5 p.m. EDT Friday.") == [("5 p.m. EDT Friday", "2016-05-13T17:00")]


def test_amounts_with_a_half():
    assert _tagged("The drought lasted nearly three and a half years.") == [("nearly three and a half years", "P3.5Y")]
    assert _tagged("The flight took one and a half hours; the repairs a week and a half.") == [
        ("one and a half hours", "PT1.5H"), ("a week and a half", "P1.5W")]
    assert _tagged("The mill closed two and a half years ago.") == [("two and a half years ago", "2013-11")]


def test_a_hashtag_is_a_label_not_a_date():
    assert _tagged("Happy #Friday everyone! #WineWednesday #SummerSale") == []
    assert _tagged("Back on Friday #tired") == [("Friday", "2016-05-06")]


def test_a_bare_weekend_is_the_nearest_one():
    # published on Tuesday 2016-05-10: the weekend of this week, or the one just gone in the past tense
    assert _tagged("Any plans for the long weekend?") == [("weekend", "2016-W19-WE")]
    assert _tagged("We spent a lovely weekend at the coast.") == [("weekend", "2016-W18-WE")]


def test_numeric_dates_written_day_first():
    assert _tagged("Doors open 03.06.16 at the hall.") == [("03.06.16", "2016-06-03")]
    assert _tagged("Deadline: 21/06/2016.") == [("21/06/2016", "2016-06-21")]
    assert _tagged("Deadline: 06/07/2016.") == [("06/07/2016", "2016-06-07")]     # ambiguous: month first
    assert _tagged("Update to version 2.10.15 today.") == [("today", "2016-05-10")]


def test_soon_in_a_clause_about_the_past_is_no_time_of_its_own():
    assert _tagged("The bridge was soon rebuilt.") == []
    assert _tagged("The mayor said the bridge may soon reopen.") == [("soon", "FUTURE_REF")]
    assert _tagged("The bridge will reopen soon.") == [("soon", "FUTURE_REF")]


def test_a_month_of_the_year_just_told():
    assert _tagged("The canal opened in 1869. In November of that year, ships passed; on December 2 of the same "
                   "year, a storm hit.") == [("1869", "1869"), ("November of that year", "1869-11"),
                                             ("December 2 of the same year", "1869-12-02")]
    assert _tagged("The mill burned in 1871 and on 3 May the following year it reopened.") == [
        ("1871", "1871"), ("3 May the following year", "1872-05-03")]


def test_the_latter_half_of_a_year():
    assert _tagged("Exports fell in the latter half of 2012.") == [("the latter half of 2012", "2012-H2")]


def test_a_date_after_a_word_and_a_dash():
    assert _tagged("The siege (4 July-9 July 1863) ended.") == [("4 July", "1863-07-04"), ("9 July 1863", "1863-07-09")]


def test_part_of_a_holiday():
    assert _tagged("The children woke early on Christmas morning.", "2015-12-28") == [
        ("Christmas morning", "2015-12-25TMO")]


def test_a_month_after_a_day_and_a_dash_and_no_month_inside_a_name():
    assert _tagged("The offensive (Jan. 9-March 2, 1943) stalled.") == [("Jan. 9", "1943-01-09"), ("March 2, 1943", "1943-03-02")]
    assert _tagged("General LeMay spoke.") == []


def test_a_number_run_into_letters_starts_the_longer_expression():
    import datetime as dt
    from timeline.temporal import tag
    found = tag("Can we move the pitch to 2moro morning instead?", dt.date(2015, 3, 9))
    assert [(t.text, t.value) for t in found] == [("2moro morning", "2015-03-10TMO")]
