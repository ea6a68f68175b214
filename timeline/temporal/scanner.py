"""Find the temporal expressions: one compiled regex per row of resources/temporal_patterns.csv.

What is found is what the master regex (all rules as one alternation, in table order) finds scanning left to
right; scan() gets the same result faster by trying only plausible rules at plausible tokens (the tests check
that the two agree)."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Container, Iterator

from ..resources import load_table

try:  # the parser of the re module, to read which letters a rule starts with
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _constants
    import sre_parse as _parser
from .after_number import after_number, first_characters, word_after_number
from .cache import cached, regex, regex_parts
from .vocab import holidays, placeholders, relatives, words

_PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")
# the code the index is derived by (this package's modules): a change to any of them derives it anew
_HERE = os.path.dirname(os.path.abspath(__file__))
_SOURCES = tuple(
    sorted(os.path.join(_HERE, name) for name in os.listdir(_HERE) if name.endswith(".py") and not name.startswith("."))
)
_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    name: str
    handler: str
    args: str
    reference: str
    pattern: str  # the row's pattern, placeholders expanded and word boundaries added
    genre: str = ""  # the genre whose texts the rule is for (temporal_genres.csv); "" = every text
    compiled: tuple | None = field(default=None, compare=False, repr=False)  # cache.regex_parts()
    # what can follow the number a match begins with, and begin the word after it (after_number.py): None, any
    after_number: frozenset[str] | None = field(default=None, compare=False, repr=False)
    word_after_number: frozenset[str] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def regex(self) -> re.Pattern:
        """Made when first tried: a short text tries few of the rules."""
        return regex(self.pattern, _FLAGS, self.compiled)


@dataclass(unsafe_hash=True)  # a value never changed (frozen would make each slower to make)
class Match:
    start: int
    end: int
    rule: Rule
    groups: dict


def expand(pattern: str) -> str:
    """Placeholders -> regex fragments; a literal space -> any run of white space."""
    parts = placeholders()
    # tokenised text puts a space before commas: "April 28 , 2003"
    body = pattern.replace(",? ", "(?:\0,)? ").replace(", ", "\0, ")
    body = _SPACE_OR_CLASS.sub(lambda m: r"\s+" if m.group() == " " else m.group().replace(" ", r"\s"), body)
    body = body.replace("\0", r"\s?")
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], body)


_SPACE_OR_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]| ")  # a character class ("[- ]": any white space in it), or a space


# Word boundaries, also where words were glued together by a lost line break: "PartnershipNovember 24",
# "5:27 PMAbbas" (a change from lower to upper case, or an upper-case word running into a capitalised one);
# a number after a word or a number and a dash starts anew ("1999-2000", "27 May-28 May 1905"), and so does a
# name after a number and a dash ("March 19-April 30"); "LeMay", "McMay" are names, no glued words.
_START = (
    r"(?:(?<![\w'’-])|(?-i:(?<=[a-z]{3})(?=[A-Z]))|(?<=[\dA-Za-z][-–])(?=\d)"
    r"|(?-i:(?<=\d[-–])(?=[A-Z])))"
)
_END = r"(?:(?!\w)|(?-i:(?<=[a-z.])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])))"


def _bounded(body: str) -> str:
    return rf"{_START}(?:{body}){_END}"


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules in table order."""
    return tuple(Rule(*row) for row in _index()["rules"])


@lru_cache(maxsize=1)
def _index() -> dict:
    """What the scanner derives from the tables: the rules' fields (and what can follow a number they begin
    with), how their matches begin, the trigger words and the rules at each of them. Deriving it costs more than
    a short text takes to tag, so it is kept on disk between processes."""
    return cached("scanner", _derive_index, sources=_SOURCES)


def _derive_index() -> dict:
    table_rows = load_table("temporal_patterns")
    patterns = [_bounded(expand(row["pattern"])) for row in table_rows]
    bodies = [list(_parser.parse(_body(pattern), _FLAGS)) for pattern in patterns]  # (read once, for each use)
    rows = tuple(
        (
            row["name"],
            row["handler"],
            row["args"],
            row["reference"] or "dct",
            pattern,
            row.get("genre") or "",
            regex_parts(pattern, _FLAGS),
            after_number(body),
            word_after_number(body),
        )
        for row, pattern, body in zip(table_rows, patterns, bodies)
    )
    beginnings = _beginnings([frozenset(_prefixes(body)) for body in bodies])
    longest = max((len(b) for seconds in beginnings[1].values() for _, bs in seconds for b in bs or ()), default=0)
    table = _triggers()
    words = _word_strengths(table)
    shared: dict = {}  # one object for each set of beginnings: a smaller file, read faster
    choices = {
        word: tuple(
            (i, shared.setdefault(begins, begins), shared.setdefault(starts, starts))
            for i, begins, starts in _with_starts(_token_rows(word, beginnings))
        )
        for word in words
        if word.islower()
    }
    return {
        "rules": rows,
        "beginnings": _not_words(beginnings),
        "beginning_chars": longest,
        "triggers": table,
        "words": words,
        "choices": choices,
    }


@lru_cache(maxsize=1)
def master() -> re.Pattern:
    """All rules as one alternation, one named group (r0, r1 ...) per rule: the reference for scan()."""
    # group names must be unique in the master regex, so the rules' own groups become anonymous
    alternatives = [
        f"(?P<r{i}>{re.sub(r'[(][?]P<[a-z0-9_]+>', '(?:', expand(row['pattern']))})"
        for i, row in enumerate(load_table("temporal_patterns"))
    ]
    return re.compile(_bounded("|".join(alternatives)), _FLAGS)


@lru_cache(maxsize=1)
def rules_by_first_char() -> MappingProxyType:
    """character -> the rules (in table order) whose match can begin with it. Trying these rules one by one
    costs a fraction of trying the master regex, which tries them all."""
    table = rules()
    firsts = [first_chars(rule.regex.pattern) for rule in table]
    return MappingProxyType({c: tuple(r for r, f in zip(table, firsts) if c in f) for c in _ANY})


_ANY = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'’")


def _token_rows(token: str, indexed: tuple[dict, dict, dict]) -> tuple[tuple[int, frozenset[str] | None], ...]:
    """The rules (their numbers, in table order) whose match can begin with this lower-case token, each with the
    beginnings its next word must fit ("the" -> "end", "beginning" ...), None where any next word may do, or
    none where the rule needs no next word ("mid-"); from beginnings()."""
    by_char, whole, partial = indexed
    fits: dict[int, list] = {i: [None] for i in by_char.get(token[0], ())}
    for i, seconds in whole.get(token, ()):
        fits.setdefault(i, []).append(seconds)
    if token[:1].isdigit():
        # a first word that is a number run into letters ("2moro", "2nite"): the tokens cut it after the number
        for word, found in whole.items():
            if len(word) > len(token) and word.startswith(token) and word[len(token)].isalpha():
                for i, _ in found:
                    fits.setdefault(i, []).append(None)
    for first, i in partial.get(token[0], ()):
        end = first[-1] if first[-1] in (CLOSED, SHUT) else ""
        if end:
            first = first[:-1]
        if token == first and end:  # what follows is no word: white space and a next word, or no next word
            fits.setdefault(i, []).append(None if end == CLOSED else frozenset())
        elif token.startswith(first) and not end:
            fits.setdefault(i, []).append(None)
        elif first.startswith(token) and len(first) > len(token) and not _goes_on(first, len(token)):
            # the token and then a character that is no white space ("mid-"): there is no next word then
            fits.setdefault(i, []).append(frozenset())
    return tuple((i, None if None in f else frozenset().union(*f)) for i, f in sorted(fits.items()))


@lru_cache(maxsize=1)
def beginnings() -> tuple[dict, dict, dict]:
    """How each rule's matches begin, indexed for _token_rows: (first character -> rules whose match
    begins with a class or a number; whole first word, less trailing punctuation -> (rule, beginnings of
    the next word or None); first character -> (beginning of a first word, rule) where the word goes on
    with a class). The index holds only what numbers and apostrophes begin (the words come with their rules
    in the index): the rest is derived when asked for."""
    return _beginnings([_literal_prefixes(rule.pattern) for rule in rules()])


def _not_words(indexed: tuple[dict, dict, dict]) -> tuple[dict, dict, dict]:
    """The entries of beginnings() whose key does not begin with a letter."""
    first, words, classes = ({key: found for key, found in d.items() if not key[:1].isalpha()} for d in indexed)
    return first, words, classes


def _beginnings(prefixes: list[frozenset[str]]) -> tuple[dict, dict, dict]:
    """beginnings() from the literal prefixes of each rule, in table order."""
    by_char: dict[str, list[int]] = {}
    whole: dict[str, dict[int, set | None]] = {}
    partial: set[tuple[str, int]] = set()
    for i, rule_prefixes in enumerate(prefixes):
        for p in rule_prefixes:
            if p[0] == "\0":
                by_char.setdefault(p[1], []).append(i)
                continue
            first, space, second = p.partition(" ")
            if not space:
                partial.add((first, i))
                continue
            word = first.rstrip(".-'’")  # "aug." is the token "aug" and a period
            seconds = whole.setdefault(word, {})
            if not second:
                seconds[i] = None
            elif (found := seconds.setdefault(i, set())) is not None:
                found.add(second)
    whole_index = {
        w: tuple((i, frozenset(v) if v is not None else None) for i, v in d.items()) for w, d in whole.items()
    }
    partial_index: dict[str, list[tuple[str, int]]] = {}
    for first, i in sorted(partial):
        partial_index.setdefault(first[0], []).append((first, i))
    return by_char, whole_index, {c: tuple(v) for c, v in partial_index.items()}


def _goes_on(word: str, at: int) -> bool:
    """Whether a word goes on at `at` with a character of the same kind as the one before (a letter after a
    letter, a digit after a digit): a token, which is a whole run of them, cannot end there."""
    a, b = word[at - 1 : at], word[at : at + 1]
    return bool(b) and (a.isalpha() and b.isalpha() or a.isdigit() and b.isdigit())


def rules_at(token: str, following: str) -> tuple[Rule, ...]:
    """The rules to try at a lower-case token followed by a lower-case word ("" when none)."""
    # no beginning of a next word is longer than that: the rest of the word tells nothing (and the beginnings
    # know the digits 0-9 only: a word of other digits tells nothing either)
    return _rules_at(token, following[: _index()["beginning_chars"]] if following.isascii() else "")


@lru_cache(maxsize=65536)
def _rules_at(token: str, following: str) -> tuple[Rule, ...]:
    choices = _choices(token)
    if not following:
        return choices.every
    # which rules fit depends only on which beginnings of the next word some rule knows (the word itself one?)
    told = tuple(head for head in (following[:k] for k in range(1, len(following) + 1)) if head in choices.told)
    if not told:
        return choices.free  # the next word fits no rule's beginnings: the rules that need none
    key = (told, told[-1] == following)
    found = choices.fitting.get(key)
    if found is None:
        heads = set(told)
        found = choices.fitting[key] = tuple(
            rule
            for rule, begins, starts in choices.rules
            if begins is None or following in starts or not heads.isdisjoint(begins)
        )
    return found


class _Choices:
    """The rules at a token (_token_rows), each with the beginnings its next word must fit and every beginning
    of those (a next word fits a beginning that it starts with, or that starts with it); every rule, the rules
    that fit any next word, and every text a beginning or a beginning of one is."""

    def __init__(self, found: tuple[tuple[int, frozenset | None, frozenset], ...]):
        table = rules()
        self.rules = tuple((table[i], begins, starts) for i, begins, starts in found)
        self.every = tuple(rule for rule, _, _ in self.rules)
        self.free = tuple(rule for rule, begins, _ in self.rules if begins is None)
        self.told = frozenset().union(*(begins | starts for _, begins, starts in self.rules if begins is not None))
        self.fitting: dict[tuple, tuple[Rule, ...]] = {}  # _rules_at, by what it depends on


@lru_cache(maxsize=4096)
def _choices(token: str) -> _Choices:
    """Derived with the index for the words that can begin an expression; a number's, shared by the numbers
    that begin the same rules (most years do)."""
    found = _index()["choices"].get(token)
    if found is not None:
        return _Choices(found)
    return _choices_of(_token_rows(token, beginnings() if token[:1].isalpha() else _index()["beginnings"]))


@lru_cache(maxsize=1024)
def _choices_of(rows: tuple[tuple[int, frozenset[str] | None], ...]) -> _Choices:
    return _Choices(_with_starts(rows))


def _with_starts(rows) -> tuple[tuple[int, frozenset | None, frozenset], ...]:
    """(rule number, beginnings, every beginning of those) of the rules at a token."""
    return tuple(
        (i, begins, frozenset(b[:k] for b in begins or () for k in range(1, len(b) + 1))) for i, begins in rows
    )


@lru_cache(maxsize=1)
def literal_prefixes() -> MappingProxyType:
    """rule name -> how its match can begin: lower-case literal texts ("the", "last") and, where a class or a
    number comes first, single characters marked with a leading NUL ("\0" + "1")."""
    return MappingProxyType({rule.name: _literal_prefixes(rule.pattern) for rule in rules()})


def _literal_prefixes(pattern: str) -> frozenset[str]:
    """literal_prefixes() of one rule's (bounded) pattern."""
    return frozenset(_prefixes(list(_parser.parse(_body(pattern), _FLAGS))))


def _body(pattern: str) -> str:
    """A rule's pattern without the word boundaries around it (they read no character)."""
    return pattern[len(_START) : len(pattern) - len(_END)]


_PREFIX_CHARS = 12


def _enough(text: str) -> bool:
    """Three letters of the next word tell rules apart well enough ("the new", "the next")."""
    space = text.find(" ")
    return space >= 0 and len(text) - space > 3


def _prefixes(items: list, text: str = "") -> set[str]:
    """The beginnings of a parsed sequence: literal texts, cut where the first non-literal comes, or (where a
    non-literal comes first) its possible first characters, each as NUL + character."""
    c = _constants
    for i, (op, av) in enumerate(items):
        if len(text) >= _PREFIX_CHARS or _enough(text):
            return {text}
        if op is c.LITERAL:
            text += chr(av).lower()
            continue
        rest = items[i + 1 :]
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: look at what follows
        if _is_white_space(op, av) and text and " " not in text:
            text += " "  # one word further: "the end", "a year"
            continue
        if op is c.SUBPATTERN:
            return _prefixes(list(av[3]) + rest, text)
        if op is c.BRANCH:
            return _branch_prefixes(av[1], rest, text)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            return _prefixes(list(av[2]) + rest, text) | _prefixes(rest, text)
        if text.endswith(" "):  # the next word begins here: with what the rest can begin with
            chars, empty = first_characters(items[i:])
            if chars is None or empty or any(ch.isspace() or not ch.isascii() for ch in chars):
                return {text}
            # (a next word is letters or digits: one that begins with another character is no next word)
            return {text + ch.lower() for ch in chars if ch.lower() in _ANY}
        if text:
            # what goes on from a literal text: a word (a class of letters ...) or, marked, no word: white space
            # or a mark (CLOSED, "a" then "[-\s]") or a mark only (SHUT, "mid" then "-")
            chars, empty = first_characters(items[i:])
            if chars is None or empty or any(ch.isalnum() for ch in chars):
                return {text}
            return {text + (CLOSED if any(ch.isspace() for ch in chars) else SHUT)}
        return {"\0" + ch for ch in first_chars_of(items[i:])}
    return {text} if text else {"\0" + ch for ch in _ANY}


CLOSED, SHUT = "\1", "\2"  # the end of a literal beginning that no word goes on from (see _prefixes)


def _branch_prefixes(alternatives, rest: list, text: str) -> set[str]:
    """_prefixes of each alternative followed by rest. An alternative of letters only (a name: "JANUARY",
    "January") is read here, and each text it leads to is followed into rest once."""
    out: set[str] = set()
    followed: set[str] = set()
    for alt in alternatives:
        if not all(op is _constants.LITERAL for op, _ in alt):
            out |= _prefixes(list(alt) + rest, text)
            continue
        t = text
        for _, av in alt:
            if len(t) >= _PREFIX_CHARS or _enough(t):
                break
            t += chr(av).lower()
        else:
            if t not in followed:
                followed.add(t)
                out |= _prefixes(rest, t)
            continue
        out.add(t)
    return out


def _is_white_space(op, av) -> bool:
    c = _constants
    return (
        op is c.MAX_REPEAT
        and av[0] == 1
        and len(av[2]) == 1
        and av[2][0][0] is c.IN
        and list(av[2][0][1]) == [(c.CATEGORY, c.CATEGORY_SPACE)]
    )


def first_chars(pattern: str) -> frozenset[str]:
    """Lower-case characters a match of the pattern can begin with (a superset: _ANY where unsure)."""
    return first_chars_of(_parser.parse(pattern, _FLAGS))


def first_chars_of(items) -> frozenset[str]:
    chars, _ = _first(items)
    return frozenset(chars & _ANY)


def _first(items) -> tuple[set, bool]:
    """(first characters, may match empty) of a parsed sequence."""
    out: set = set()
    for op, av in items:
        chars, nullable = _first_item(op, av)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av) -> tuple[set, bool]:
    c = _constants
    if op is c.LITERAL:
        return {chr(av).lower()}, False
    if op is c.IN:
        return _first_in(av), False
    if op is c.BRANCH:
        results = [_first(alt) for alt in av[1]]
        return set().union(*(r[0] for r in results)), any(r[1] for r in results)
    if op is c.SUBPATTERN:
        return _first(av[3])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        chars, nullable = _first(av[2])
        return chars, nullable or av[0] == 0
    if op is c.ATOMIC_GROUP:
        return _first(av)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width
        return set(), True
    return set(_ANY), False


def _first_in(items) -> set:
    c = _constants
    out: set = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av).lower())
        elif op is c.RANGE:
            out |= {chr(x).lower() for x in range(av[0], min(av[1], 0x2FFF) + 1)}
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            out |= set("0123456789")
        elif not (op is c.CATEGORY and av is c.CATEGORY_SPACE):
            return set(_ANY)
    return out


# Rules are tried only where a match may start: at a date word ("May", "Thursday", "year", "now", a year)
# or at a lead word ("the", "last", "fiscal", a number) that a date word or number follows, and only the
# rules that can begin with its first letter. Camel-case glued words are split ("PartnershipNovember").
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+|\d+)")
# A token: a capital and small letters, capitals (not the one before small letters), digits, or an apostrophe and
# digits. (Its first character comes first in the pattern: the engine skips to the next one at once.)
_TOKEN = re.compile(r"[a-zA-Z\d'’](?:(?<=[a-z])[a-z]*|(?<=[A-Z])(?:[a-z]+|[A-Z]*(?![a-z]))|(?<=\d)\d*|(?<=['’])\d+)")
_GLUE = frozenset({"of", "in", "to", "and", "a"})
_COMMON = frozenset({"new", "good"})  # holiday words too common to try on their own ("New York")
STRONG_KINDS = ("month", "weekday", "season", "part_of_day", "dayref", "unit", "plural", "decade", "word", "modifier")


@lru_cache(maxsize=1)
def triggers() -> MappingProxyType:
    """token (lower case) -> 2 (may begin an expression) or 1 (only when a trigger or number follows)."""
    return MappingProxyType(_index()["triggers"])


def _triggers() -> dict[str, int]:
    out: dict[str, int] = {}
    for kind, table in words().items():
        if kind == "link":  # see links()
            continue
        strength = 2 if kind in STRONG_KINDS else 1
        for entry in table:
            tokens = [t.lower() for t in _TOKEN.findall(entry)] or [entry]
            for k, token in enumerate(tokens):
                if k == 0 or token not in _GLUE:  # "of" in "end of" must not trigger on its own
                    out[token] = max(out.get(token, 0), strength if k == 0 else 1)
    for entry in relatives():
        for token in _TOKEN.findall(entry):
            out.setdefault(token.lower(), 1)
    for entry in holidays():
        tokens = [t.lower() for t in _TOKEN.findall(entry)]
        out[tokens[0]] = max(out.get(tokens[0], 0), 1 if tokens[0] in _COMMON else 2)
        for token in tokens[1:]:
            if token not in _GLUE and len(token) > 1:
                out.setdefault(token, 1)
    return out


@lru_cache(maxsize=1)
def links() -> frozenset[str]:
    """Words joining two numbers ("and", "to"): a weak word before one is tried ("8 and 9 March", "two and a
    half years"), the word itself starts nothing."""
    return frozenset(words().get("link", {}))


@lru_cache(maxsize=1)
def _link_tokens() -> frozenset[str]:
    """links() in each way a token can write them ("and", "And", "AND")."""
    return frozenset(form for word in links() for form in (word, word.capitalize(), word.upper()))


def _strength(token: str, table) -> int:
    """2: a match may start here; 1: only if a trigger or a number follows; 0: no match starts here."""
    c = token[0]
    if c.isdigit():
        return 2 if len(token) == 4 and c in "12" else 1  # a year stands alone, other numbers need a unit
    if c in "'’":
        return 2
    lower = token.lower()
    if lower in table:
        return table[lower]
    return table.get(lower[:-1], 0) if lower.endswith("s") else 0  # plurals: "Tuesdays", "years"


def _in_figures(text: str, start: int, end: int) -> bool:
    """A number that a colon, slash or dash joins to another ("5:27", "11/24", "19 - 20 Oct", "1915-17"), the
    hour of a clock time written with a full stop ("7.30pm"), or the day of a date written with them ("27.03.15")."""
    return (
        text[end : end + 1] in _JOINS
        or text[end : end + 1].isspace()
        and text[end + 1 : end + 2] in _DASHES
        or text[start - 1 : start] in _DASHES
        and text[start - 2 : start - 1].isdigit()
        or text[end : end + 1] == "."
        and _DOT_CLOCK.match(text, end) is not None
    )


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # "Friday\n\nSeptember 18, 2008": a heading, then a date
_JOINS = frozenset(":/-–")
_DASHES = frozenset("-–")
_DOT_CLOCK = re.compile(r"\.\d\d(?:\s?[AaPp]\.?[Mm]|\.\d)")


_known: dict[str, int] = {}  # token -> _strength(token), shared by the texts of a run
_KNOWN_MAX = 100_000
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _word_strengths(table: dict[str, int]) -> dict[str, int]:
    """_strength of every word token that has one, in each way a token can write it ("may", "May", "MAY"):
    any other token of letters has none."""
    out: dict[str, int] = {}
    for key in table:
        for word in (key, key + "s"):
            strength = _strength(word, table)
            if strength and word.isascii() and word.isalpha() and word.islower():
                out.update(dict.fromkeys((word, word.capitalize(), word.upper()), strength))
    return out


def _candidates(text: str, genres: Container[str] | None = None) -> Iterator[tuple[Rule, re.Match]]:
    """Matches left to right; the rules of a genre are tried only where `genres` names it (None: all rules)."""
    table, joining = triggers(), _link_tokens()
    known = _known
    if len(known) > _KNOWN_MAX:
        known.clear()
    if not known:
        known.update(_index()["words"])
    pos = 0
    waiting = None  # (start, token) of a weak token: tried if the next token is a trigger

    breaks: list[int] = []  # where the paragraphs end: no expression runs across a blank line
    for b in _BLANK_LINE.finditer(text):
        breaks.append(b.start())
    breaks.append(len(text))

    cut = _index()["beginning_chars"]

    def attempt(start: int, token: str):
        after = _NEXT_WORD.match(text, start + len(token))
        following = after.group(1).lower() if after else ""
        end = breaks[bisect_right(breaks, start)]
        ascii_following = following.isascii()
        rules = _rules_at(token.lower(), following[:cut] if ascii_following else "")
        if token[0].isdigit():  # a number: only the rules that let what comes after it through
            c = text[start + len(token) : start + len(token) + 1] if start + len(token) < end else ""
            if c.isascii():
                rules = _after_number(rules, c, following[:1] if ascii_following else "")
        for rule in rules:
            m = rule.regex.match(text, start, end)
            # (whether the text is of the rule's genre is asked only where the rule matches: it reads the text)
            if m is not None and not (rule.genre and genres is not None and rule.genre not in genres):
                return rule, m
        return None

    for tok in _TOKEN.finditer(text):
        token = tok.group()
        strength = known.get(token)
        if strength is None:
            strength = known[token] = 0 if token[0] in _LETTERS else _strength(token, table)
        if waiting is not None:
            start, previous = waiting
            waiting = None
            # a weak word needs a trigger or number after it; a number needs a word trigger ("5 p.m." "18 months")
            # ("the" after a weak word starts no date: "at the", "that the" are not tried)
            joined = not strength and token in joining  # "8 and 9 March", "two and a half years"
            if (
                start >= pos
                and (strength or joined)
                and token != "the"
                and not (previous[0].isdigit() and token[0].isdigit())
            ):
                found = attempt(start, previous)
                if found is not None:
                    pos = found[1].end()
                    yield found
        if not strength:
            continue
        start = tok.start()
        if start < pos:
            continue
        if strength == 1:
            end = start + len(token)
            if not (token[0].isdigit() and _in_figures(text, start, end)):
                waiting = (start, token)
                continue
        found = attempt(start, token)
        if found is not None:
            pos = found[1].end()
            yield found


_AFTER_NUMBER: dict[tuple[int, str, str], tuple[tuple[Rule, ...], tuple[Rule, ...]]] = {}


def _after_number(rules: tuple[Rule, ...], c: str, word: str) -> tuple[Rule, ...]:
    """The rules that let the character c follow the number their match begins with, and the next word begin
    with `word` ("" where there is none). (The tuples come from _rules_at, a few for all numbers: each is kept
    with its filtered rules, which makes its id a safe key.)"""
    found = _AFTER_NUMBER.get((id(rules), c, word))
    if found is None or found[0] is not rules:
        if len(_AFTER_NUMBER) > _KNOWN_MAX:
            _AFTER_NUMBER.clear()
        found = _AFTER_NUMBER[id(rules), c, word] = (
            rules,
            tuple(
                rule
                for rule in rules
                if (rule.after_number is None or c in rule.after_number)
                and (not word or rule.word_after_number is None or word in rule.word_after_number)
            ),
        )
    return found[1]


def scan(text: str, genres: Container[str] | None = None) -> Iterator[Match]:
    """Non-overlapping candidates, left to right; at one position the first rule of the table wins. Rules of a
    genre (temporal_genres.csv) are tried only when `genres` names it; None tries every rule. No expression runs
    across a blank line; a hashtag is a label, not a date ("#FridayFeeling", "#WineWednesday")."""
    for rule, m in _candidates(text, genres):
        if not _in_hashtag(text, m.start()):
            yield Match(m.start(), m.end(), rule, {k: v for k, v in m.groupdict().items() if v is not None})


_HASHTAG_REACH = 40


def _in_hashtag(text: str, start: int) -> bool:
    i, lo = start, max(0, start - _HASHTAG_REACH)
    while i > lo and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return i > 0 and text[i - 1] == "#"
