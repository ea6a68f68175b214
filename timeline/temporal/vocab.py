"""The date vocabulary (resources/temporal_*.csv) turned into lookup dicts and regular-expression pieces."""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

from ..resources import load_table


def _alternation(words) -> str:
    """The words as one regex (a space matches any white space, an apostrophe either apostrophe), matching as
    the words tried one after the other, longest first, would. It is written as a tree of the words' shared
    beginnings ("jan(?:uary)?"): the engine tries one branch at a character instead of every word."""
    return _tree([tuple(_unit(c) for c in w) for w in sorted(set(words))])


def _unit(c: str) -> str:
    return r"\s+" if c == " " else "['’]" if c == "'" else re.escape(c)


def _tree(units: list[tuple[str, ...]]) -> str:
    """The alternation of the words (as units), each shared beginning written once: a single word or a group.
    A word that begins a longer one is tried after it; where two branches could begin with the same character,
    the words stay one after the other, longest first."""
    branches: dict[str, list[tuple[str, ...]]] = {}
    for u in units:
        if u:
            branches.setdefault(u[0], []).append(u[1:])
    if not branches:
        return ""
    if not _apart(branches):
        alternatives = ["".join(u) for u in sorted(units, key=len, reverse=True)]
    else:
        alternatives = [first + _tree(rest) for first, rest in branches.items()]
        if () in units:
            return f"(?:{'|'.join(alternatives)})?"
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


def _apart(firsts) -> bool:
    """Whether no character can begin two of these units (in either case, as the regex may ignore case)."""
    seen: set[str] = set()
    for u in firsts:
        chars = {" "} if u == r"\s+" else set("'’") if u == "['’]" else {u[-1]}
        chars = {" " if c.isspace() else v for c in chars for v in (c, c.swapcase(), c.casefold())}
        if chars & seen:
            return False
        seen |= chars
    return True


_SPACES = re.compile(r"\s+")


def _scanned() -> list[dict[str, str]]:
    """The rows of temporal_vocabulary.csv the tagger looks for (not those with scan=no)."""
    return [row for row in load_table("temporal_vocabulary") if row.get("scan") != "no"]


@lru_cache(maxsize=1)
def words() -> MappingProxyType:
    """kind -> {word (lower case) -> value}."""
    out: dict[str, dict[str, str]] = {}
    for row in _scanned():
        out.setdefault(row["kind"], {})[row["word"].lower()] = row["value"]
    return MappingProxyType(out)


def lookup(kind: str, word: str) -> str | None:
    table = words()[kind]
    w = _SPACES.sub(" ", word.lower())
    return table.get(w) if w in table else table.get(w.rstrip("."))


def unit_of(word: str) -> str:
    """The unit a unit word names, singular ("centuries" -> "century", "Years" -> "year")."""
    w = word.lower()
    plural = words()["plural"].get(w)
    if plural is not None:
        return plural
    return w[:-1] if w.endswith("s") and w[:-1] in words()["unit"] else w


def is_plural_unit(word: str) -> bool:
    """ "years", "centuries": an amount of the unit, not one of it."""
    return unit_of(word) != word.lower()


def value_of(kind: str, word: str) -> str:
    """lookup() of a word the scanner matched through the table itself (ValueError if the table lacks it)."""
    value = lookup(kind, word)
    if value is None:
        raise ValueError(f"no {kind} {word!r}")
    return value


@lru_cache(maxsize=1)
def relatives() -> MappingProxyType:
    return MappingProxyType({r["word"]: (int(r["offset"]), r["reference"]) for r in load_table("temporal_relatives")})


def relative(word: str) -> tuple[int, str]:
    """(offset, reference) of a relative word ("last" -> (-1, "dct"), "the next" -> (1, "narrative"))."""
    w = _SPACES.sub(" ", word.lower().strip())
    table = relatives()
    if w in table:
        return table[w]
    return table.get(w.removeprefix("the "), (0, "dct"))


@lru_cache(maxsize=1)
def holidays() -> MappingProxyType:
    """holiday name (lower case, straight apostrophe) -> its row of temporal_holidays.csv."""
    return MappingProxyType({_plain(r["name"]): r for r in load_table("temporal_holidays")})


def _plain(name: str) -> str:
    return _SPACES.sub(" ", name.lower().replace("’", "'"))


def holiday(name: str) -> dict | None:
    return holidays().get(_plain(name))


def _names(kind: str, alone: bool = False) -> str:
    """The names of a kind as written or in capitals; alone: only those that are a date by themselves."""
    names = []
    for row in _scanned():
        if row["kind"] == kind and not (alone and row.get("scan") == "beside"):
            names += [row["word"], row["word"].upper()]
    return f"(?-i:{_alternation(names)})"


def _kind(kind: str) -> str:
    return _alternation(words()[kind])


def _era(value: str = "") -> str:
    """The era names (of one era: "BC"), as written, not running on into a word."""
    names = [row["word"] for row in _scanned() if row["kind"] == "era" and value in ("", row["value"])]
    return rf"(?-i:{_alternation(names)})(?![A-Za-z])"


@lru_cache(maxsize=1)
def placeholders() -> MappingProxyType:
    """{NAME} -> regex fragment with named groups, for the patterns of temporal_patterns.csv."""
    units = list(words()["unit"])
    irregular = words()["plural"]  # plural -> unit
    unit_forms = units + [u + "s" for u in units if u not in irregular.values()] + list(irregular)
    numbers = words()["number"]
    tens = "|".join(w for w, v in numbers.items() if v.isdigit() and 20 <= int(v) <= 90)
    ones = "|".join(w for w, v in numbers.items() if v.isdigit() and 1 <= int(v) <= 9 and w not in ("a", "an"))
    spoken_tens = _kind("spoken_tens")
    holiday_names = (n for r in load_table("temporal_holidays") for n in (r["name"], r["name"].upper()))
    p = {
        "MONTH": rf"(?P<month>{_names('month')})",
        "WEEKDAY": rf"(?P<weekday>{_names('weekday')})",
        "MONTHALONE": rf"(?P<month>{_names('month', alone=True)})",
        "WEEKDAYALONE": rf"(?P<weekday>{_names('weekday', alone=True)})",
        "DAY": r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        # a year of an era ("481 BC", "AD 79", "1066 AD") or a four-digit year
        "YEAR": rf"(?:(?<![$£€#\d.,])(?P<eyear>\d{{1,4}})\s?(?P<era>{_era()})"
        r"|(?-i:AD|A\.D\.)\s?(?P<adyear>\d{1,4})(?!\d)"
        r"|(?<![$£€#\d.,])(?P<year>(?:1\d|20)\d\d)(?!\d|,\d|\.\d|%| percent| ?(?-i:GMT|UTC)| hours| hrs))",
        "ERA": rf"(?P<era>{_era()})",
        "SYEAR": rf"(?P<syear>nineteen[- ](?:hundred[- ](?:and[- ])?)?(?:{spoken_tens})(?:[- ](?:{ones}))?"
        rf"|two[- ]thousand(?:[- ](?:and[- ])?(?:{ones}))?)",
        "NUMDATE": r"(?:(?P<nm>1[0-2]|0?[1-9])/(?P<nd>3[01]|[12]\d|0?[1-9])/(?P<ny>(?:19|20)\d\d|\d\d)(?![\d/])"
        r"|(?P<iy>(?:19|20)\d\d)-(?P<im>1[0-2]|0[1-9])-(?P<id>3[01]|[12]\d|0[1-9])(?!\d))",
        "NUM": rf"(?P<num>(?:\d{{1,3}}|(?:{tens})(?:-(?:{ones}))?|{ones}|one|a|an)\s+and\s+a\s+half"
        rf"|\d{{1,6}}(?:\.\d{{1,3}})?|(?:{tens})(?:-(?:{ones}))?|{_kind('number')})",
        "UNIT": rf"(?P<unit>{_alternation(unit_forms)})",
        "ORD": rf"(?P<ord>{_kind('ordinal')}|\d{{1,2}}(?:st|nd|rd|th))",
        "SEASON": rf"(?P<season>{_kind('season')})",
        "PART": rf"(?P<part>{_kind('part_of_day')})",
        "HOLIDAY": rf"(?P<holiday>(?-i:{_alternation(holiday_names)}))",
        "DAYREF": rf"(?P<dayref>{_kind('dayref')})",
        "DECADE": rf"(?:(?P<bcdec>\d{{1,3}})0'?s\s?{_era('BC')}|(?P<dec>(?:1\d|20)\d)0'?s|'(?P<dec2>\d)0'?s"
        rf"|(?P<decw>{_kind('decade')}))",
        "TIME": r"(?:(?P<hour>1[0-2]|0?[1-9])(?:[:.]?(?P<minute>[0-5]\d))?"
        r"\s?(?P<ampm>[ap]\.m\.|[ap]\.?m(?-i:(?![a-z])(?![A-Z][A-Z])))"
        r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?!\d)|(?P<named>noon|midnight))",
        "TZ": rf"(?P<tz>(?-i:{_alternation(r['word'] for r in _scanned() if r['kind'] == 'zone')})(?![A-Za-z]))",
        "REL": rf"(?P<rel>(?:the\s+)?(?:{_alternation(relatives())}))",
        "MOD": r"(?:(?P<mod>(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|turn|rest|remainder)\s+of|"
        r"(?:early|late|earlier|later)(?:\s+in)?|mid|around)(?:\s+|-\s*))",
        "APPROX": r"(?P<approx>nearly|almost|about|some|more\s+than|over|roughly|around|approximately|just|only|"
        r"at\s+least|less\s+than|fewer\s+than)",
    }
    return MappingProxyType(p)
