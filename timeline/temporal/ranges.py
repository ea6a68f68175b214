"""The second end of a range of days that writes only its number: "April 6-7", "May 4 and 5", "Jan. 8 to 12".

The first end is a date of its own; the second takes its month and year, or the year written after it ("March
14-16, 2011"), which then holds for both. (A range written the other way round, "6-7 April", is a pattern row:
there the first end looks ahead to the month.)"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Timex
from .calendar import at

_ENDS_WITH_DAY = re.compile(r"(?<![\d,])\d\d?(?:st|nd|rd|th)?$")
# a dash, or a word that joins two ends; then a day that no figure goes on from
_SECOND_DAY = re.compile(
    r"(?:\s?[-–]\s?|\s(?P<word>and|to|until|through|till)\s)"
    r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|[:.,/]\d|\s?(?:%|percent\b))"
)
_WORD_AFTER = re.compile(r"\s?-?[A-Za-z]")  # "May 4 and 5 people": after a joining word, a count of something
_YEAR_AFTER = re.compile(r"\s?,?\s")


def second_days(text: str, found: list[Timex]) -> list[Timex]:
    """`found` with the bare second ends of ranges of days added after their first ends."""
    out: list[Timex] = []
    taken = -1  # the index of a year that a second end took in
    for i, t in enumerate(found):
        if i == taken:
            continue
        out.append(t)
        if t.type != "DATE" or t.granularity != "day" or t.begin is None or not _ENDS_WITH_DAY.search(t.text):
            continue
        m = _SECOND_DAY.match(text, t.end)
        after = found[i + 1] if i + 1 < len(found) else None
        if (
            m is None
            or (after is not None and after.start < m.end())
            or m.group("word")
            and _WORD_AFTER.match(text, m.end())
            or int(m.group("day")) <= t.begin.day
        ):
            continue
        year = None
        if (
            after is not None
            and after.granularity == "year"
            and after.value.isdigit()
            and _YEAR_AFTER.fullmatch(text, m.end(), after.start)
        ):  # "March 14-16, 2011"
            year = int(after.value)
        try:
            first = at("day", t.begin.replace(year=year or t.begin.year))
            second = at("day", first.start.replace(day=int(m.group("day"))))
        except ValueError:  # "Feb. 28-30", "Feb. 29" in a year without it
            continue
        if year is not None:
            out[-1] = t = replace(t, value=first.value, begin=first.start, finish=first.finish, anchor="absolute")
            taken = i + 1
        start, end = m.start("day"), found[taken].end if taken == i + 1 else m.end()
        out.append(
            replace(
                t,
                start=start,
                end=end,
                text=text[start:end],
                value=second.value,
                mod="",
                begin=second.start,
                finish=second.finish,
                range_role="",
            )
        )
    return out
