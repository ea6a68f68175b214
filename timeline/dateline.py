"""Publication dates: in bylines and datelines of the text, and in metadata values.

Only full dates (day, month and year) count, and a date in the story itself ("signed on May 4,
2011", "in 2006") is never taken for the publication date. The metadata's date (front matter,
articles.csv, a JSONL record, an HTML page's meta tags) wins over the text's; where the two are more than
a day apart, ``dateline_conflict`` says so. The words and labels are data: month and
weekday names in ``resources/temporal_vocabulary.csv``, the rest in ``resources/dateline_words.csv`` and
``resources/dateline_labels.csv``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import load_table

HEAD_CHARS = 600  # a dateline or byline sits in the first few lines
CONFLICT_DAYS = 1  # a dateline a day off the metadata is no conflict: time zones, late editions
_LABEL_REACH = 40  # how far after a label its date may start
_MAX_VALUE_CHARS = 100  # a metadata value longer than this is not a date


@lru_cache(maxsize=None)
def _words(kind: str) -> dict[str, str]:
    """month | weekday (temporal_vocabulary.csv, lower case without a period) | prose (dateline_words.csv):
    word -> value."""
    if kind in ("month", "weekday"):
        return {
            row["word"].lower().rstrip("."): row["value"]
            for row in load_table("temporal_vocabulary")
            if row["kind"] == kind
        }
    return {row["word"].lower(): row["value"] for row in load_table("dateline_words") if row["kind"] == kind}


def _alternation(words) -> str:
    """The words as alternatives, longest first, so that "sept" wins over "sep" and "Published on" over "Published";
    grouped by first letter ("s(?:ept|ep)"), so that the regex engine tries one group per letter, not every word
    (words of two groups never both match at one place)."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0].lower(), []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _starts(words, also: str = "") -> str:
    """A lookahead for the first characters of ``words`` (and the class ``also``). Put before an alternation of
    the words, it turns most places of a text away with one test instead of one per word: the regex engine tries
    each word of a case-insensitive alternation in turn."""
    return f"(?=[{re.escape(''.join(sorted({w[0] for w in words})))}{also}])"


@lru_cache(maxsize=1)
def _date_pattern() -> re.Pattern[str]:
    month, weekday = _alternation(_words("month")), _alternation(_words("weekday"))
    wd = rf"(?:(?:{weekday})\.?,?\s+)?"
    return re.compile(
        _starts([*_words("month"), *_words("weekday")], also=r"\d")  # a date opens with one of those or a digit
        + rf"(?:{wd}(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})(?!\d)"
        rf"|{wd}(?<!\d)(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<m2>{month})\.?,?\s+(?P<y2>\d{{4}})(?!\d)"
        r"|(?<![\d/.-])(?P<y3>\d{4})(?P<s3>[-/.])(?P<m3>\d{1,2})(?P=s3)(?P<d3>\d{1,2})(?![\d/.-]?\d)"
        r"|(?<![\d/.-])(?P<a4>\d{1,2})(?P<s4>[/.])(?P<b4>\d{1,2})(?P=s4)(?P<y4>\d{4})(?!\d))",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _label_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    rows = {row["label"].lower(): (row["role"], row["where"]) for row in load_table("dateline_labels")}
    return re.compile(rf"{_starts(rows)}(?<![A-Za-z])(?:{_alternation(rows)})(?![A-Za-z])", re.IGNORECASE), rows


def _to_date(m: re.Match[str]) -> dt.date | None:
    """The date a match of ``_date_pattern`` names, or None when it is not a real calendar date."""
    g = m.groupdict()
    months = _words("month")
    try:
        if g["m1"] or g["m2"]:
            name = g["m1"] or g["m2"]
            if not name[0].isupper():  # "may" in lower case is a verb
                return None
            day, month, year = int(g["d1"] or g["d2"]), int(months[name.lower()]), int(g["y1"] or g["y2"])
        elif g["y3"]:
            year, month, day = int(g["y3"]), int(g["m3"]), int(g["d3"])
        else:
            a, b, year = int(g["a4"]), int(g["b4"]), int(g["y4"])
            # 11/24/2011 is American (month first); 24.11.2011 is European; an impossible order flips
            month, day = (a, b) if g["s4"] == "/" else (b, a)
            if month > 12:
                month, day = day, month
        if not 1000 <= year <= 2999:
            return None
        return dt.date(year, month, day)
    except (ValueError, KeyError):
        return None


_LABEL_GAP = re.compile(r"[\s:,\-–—]*(?:on\s+)?")


def _labelled(text: str, head_end: int) -> tuple[dt.date | None, list[tuple[int, int]]]:
    """The first date after a "published" label, and the spans of dates after "updated" labels."""
    labels, roles = _label_pattern()
    found, updated = None, []
    for m in labels.finditer(text):
        role, where = roles[m.group(0).lower()]
        if m.start() >= head_end:
            if found:
                break
            if role == "updated" or where == "head":  # "updated" spans matter only in the head
                continue
        skip = _LABEL_GAP.match(text, m.end(), m.end() + _LABEL_REACH)
        assert skip is not None  # the gap may be empty
        date_m = _date_pattern().match(text, skip.end(), m.end() + _LABEL_REACH + 40)
        date = _to_date(date_m) if date_m else None
        if date_m is None or date is None:
            continue
        if role == "updated":
            updated.append(date_m.span())
        elif found is None:
            found = date
    return found, updated


_FOUR_DIGITS = re.compile(r"\d{4}")
_LAST_TOKEN = re.compile(r"(\S*?)([A-Za-z]*)[^\S\n]*$")
_CITY = re.compile(r"\b[A-Z][A-Z .'-]{1,30},[^\S\n]*$")
_AFTER = re.compile(r"[^\S\n]*(?:$|\n|[|—–-]|,?[^\S\n]*\d{1,2}[:.]\d\d)")
_SEPARATORS = "|—–-•·:/(["


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A date stands apart from the prose: alone at the start of a line, after a separator, after
    a "WASHINGTON," dateline, glued to the words of a scraped header, or followed by a line end,
    a dash or a time -- and it does not follow a word such as "on" or a lower-case verb."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start]
    last = _LAST_TOKEN.search(before)
    assert last is not None  # the pattern matches an empty end of line
    lead, word = last.groups()
    if word and (word.islower() or word.lower() in _words("prose")):
        return False
    if not lead and not word:  # nothing before it on its line
        return True
    if word and before[-1:].isalpha():  # "PartnershipNovember 24, 2011": a run-together header
        return True
    if not word and lead[-1:] in _SEPARATORS or _CITY.search(before):
        return True
    return _AFTER.match(text, end, end + 12) is not None


def published_in_text(text: str) -> dt.date | None:
    """The publication date given in a byline or dateline of ``text``, or None.

    Looks at labels ("First Publish:", "Published:", "Posted on" ...) anywhere, then at a dateline
    in the head of the text. A date after an "Updated:" label is never the publication date.
    """
    if not text:
        return None
    head_end = min(len(text), HEAD_CHARS)
    found, updated = _labelled(text, head_end)
    if found:
        return found
    if _FOUR_DIGITS.search(text, 0, head_end) is None:  # every date ``_date_pattern`` reads has a year
        return None
    for m in _date_pattern().finditer(text, 0, head_end):
        if any(s <= m.start() < e for s, e in updated):
            continue
        date = _to_date(m)
        if date and _is_dateline(text, m.start(), m.end()):
            return date
    return None


@dataclass(frozen=True)
class DatelineConflict:
    """The text's dateline (or byline) gives another publication date than the metadata, which is used."""

    dateline: dt.date
    metadata: dt.date

    def __str__(self) -> str:
        return f"dateline says {self.dateline.isoformat()}, metadata {self.metadata.isoformat()}"

    def for_article(self, moved: int) -> str:
        """The warning for the article table; ``moved``: events that the dateline's date would place elsewhere."""
        events = f"{moved} event{'s' if moved != 1 else ''}" if moved else "no event"
        return f"{self}: dates are placed from the metadata date; {events} would move with the dateline's"

    def for_event(self, instead: str | None) -> str:
        """The warning for one event the dateline's date would place elsewhere (``instead``: its TIMEX3 value
        then, None when it would not be an event then)."""
        then = f"the dateline's date would give {instead}" if instead else "it is no event with the dateline's date"
        return f"{self}: placed from the metadata date; {then}"


def dateline_conflict(
    dateline: dt.date | None, published: dt.date | None, published_from: str
) -> DatelineConflict | None:
    """The conflict between the publication date a text's dateline gives (``published_in_text``) and the one
    its metadata gives, when they are more than ``CONFLICT_DAYS`` apart; None when they agree or one is missing."""
    if dateline is None or published is None or published_from != "metadata":
        return None
    if isinstance(published, dt.datetime):
        published = published.date()
    if abs((dateline - published).days) <= CONFLICT_DAYS:
        return None
    return DatelineConflict(dateline, published)


def parse_date_value(value: object) -> dt.date | None:
    """A full date from a metadata value: a date, a datetime, or a string such as "2011-11-24",
    "2011-11-24T17:27:00Z", "November 24, 2011" or "24 novembre 2011". None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > _MAX_VALUE_CHARS:
        return None
    m = _date_pattern().search(value)
    if m:
        return _to_date(m)
    return _dateparser(value)


def _dateparser(value: str) -> dt.date | None:
    import dateparser  # slow to import; only needed for dates outside the English patterns

    settings = {
        "PARSERS": ["absolute-time"],  # never "today" or "2 days ago": no guessed dates
        "REQUIRE_PARTS": ["day", "month", "year"],
        "STRICT_PARSING": True,
    }
    try:
        parsed = dateparser.parse(value, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd strings; none of them is ours
        return None
    return parsed.date() if parsed else None
