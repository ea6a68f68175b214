"""Find the temporal expressions: one compiled regex per row of resources/temporal_patterns.csv.

What is found is what the master regex (all rules as one alternation, in table order) finds scanning left to
right; scan() gets the same result faster by trying only plausible rules at plausible tokens (the tests check
that the two agree)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Iterator

from ..resources import load_table

try:                                     # the parser of the re module, to read which letters a rule starts with
    from re import _constants, _parser
except ImportError:                      # Python 3.10
    import sre_constants as _constants
    import sre_parse as _parser
from .vocab import holidays, placeholders, relatives, words

_PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")
_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    name: str
    handler: str
    args: str
    reference: str
    regex: re.Pattern


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    rule: Rule
    groups: dict


def expand(pattern: str) -> str:
    """Placeholders -> regex fragments; a literal space -> any run of white space."""
    parts = placeholders()
    # tokenised text puts a space before commas: "April 28 , 2003"
    body = pattern.replace(",? ", "(?:\0,)? ").replace(", ", "\0, ").replace(" ", r"\s+").replace("\0", r"\s?")
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], body)


# Word boundaries, also where words were glued together by a lost line break: "PartnershipNovember 24",
# "5:27 PMAbbas" (a change from lower to upper case, or an upper-case word running into a capitalised one);
# a number after a number and a dash starts anew ("1999-2000").
_START = r"(?:(?<![\w'’-])|(?-i:(?<=[a-z])(?=[A-Z]))|(?<=\d[-–])(?=\d))"
_END = r"(?:(?!\w)|(?-i:(?<=[a-z.])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])))"


def _bounded(body: str) -> str:
    return rf"{_START}(?:{body}){_END}"


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules in table order."""
    return tuple(Rule(row["name"], row["handler"], row["args"], row["reference"] or "dct",
                      re.compile(_bounded(expand(row["pattern"])), _FLAGS))
                 for row in load_table("temporal_patterns"))


@lru_cache(maxsize=1)
def master() -> re.Pattern:
    """All rules as one alternation, one named group (r0, r1 ...) per rule: the reference for scan()."""
    # group names must be unique in the master regex, so the rules' own groups become anonymous
    alternatives = [f"(?P<r{i}>{re.sub(r'[(][?]P<[a-z0-9_]+>', '(?:', expand(row['pattern']))})"
                    for i, row in enumerate(load_table("temporal_patterns"))]
    return re.compile(_bounded("|".join(alternatives)), _FLAGS)


@lru_cache(maxsize=1)
def rules_by_first_char() -> MappingProxyType:
    """character -> the rules (in table order) whose match can begin with it. Trying these rules one by one
    costs a fraction of trying the master regex, which tries them all."""
    table = rules()
    firsts = [first_chars(rule.regex.pattern) for rule in table]
    return MappingProxyType({c: tuple(r for r, f in zip(table, firsts) if c in f) for c in _ANY})


_ANY = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'’")


def first_chars(pattern: str) -> frozenset[str]:
    """Lower-case characters a match of the pattern can begin with (a superset: _ANY where unsure)."""
    chars, _ = _first(_parser.parse(pattern, _FLAGS))
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
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):       # zero-width
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
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|['’]\d+")
_GLUE = frozenset({"of", "in", "to", "and", "a"})
_COMMON = frozenset({"new", "good"})     # holiday words too common to try on their own ("New York")
STRONG_KINDS = ("month", "weekday", "season", "part_of_day", "dayref", "unit", "decade", "word", "modifier")


@lru_cache(maxsize=1)
def triggers() -> MappingProxyType:
    """token (lower case) -> 2 (may begin an expression) or 1 (only when a trigger or number follows)."""
    out: dict[str, int] = {}
    for kind, table in words().items():
        strength = 2 if kind in STRONG_KINDS else 1
        for entry in table:
            tokens = [t.lower() for t in _TOKEN.findall(entry)] or [entry]
            for k, token in enumerate(tokens):
                if k == 0 or token not in _GLUE:         # "of" in "end of" must not trigger on its own
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
    return MappingProxyType(out)


def _strength(token: str, table) -> int:
    """2: a match may start here; 1: only if a trigger or a number follows; 0: no match starts here."""
    c = token[0]
    if c.isdigit():
        return 2 if len(token) == 4 and c in "12" else 1     # a year stands alone, other numbers need a unit
    if c in "'’":
        return 2
    lower = token.lower()
    if lower in table:
        return table[lower]
    return table.get(lower[:-1], 0) if lower.endswith("s") else 0     # plurals: "Tuesdays", "years"


def _candidates(text: str) -> Iterator[tuple[Rule, re.Match]]:
    table = triggers()
    by_char = rules_by_first_char()
    known: dict[str, int] = {}
    pos = 0
    waiting = None          # (start, token) of a weak token: tried if the next token is a trigger

    def attempt(start: int, token: str):
        for rule in by_char.get(token[0].lower(), ()):
            m = rule.regex.match(text, start)
            if m is not None:
                return rule, m
        return None

    for tok in _TOKEN.finditer(text):
        token = tok.group()
        strength = known.get(token)
        if strength is None:
            strength = known[token] = _strength(token, table)
        if waiting is not None:
            start, previous = waiting
            waiting = None
            # a weak word needs a trigger or number after it; a number needs a word trigger ("5 p.m." "18 months")
            # ("the" after a weak word starts no date: "at the", "that the" are not tried)
            if start >= pos and strength and token != "the" and not (previous[0].isdigit() and token[0].isdigit()):
                found = attempt(start, previous)
                if found is not None:
                    pos = found[1].end()
                    yield found
        start = tok.start()
        if strength == 0 or start < pos:
            continue
        if strength == 1:
            end = start + len(token)
            if not (token[0].isdigit() and text[end:end + 1] in (":", "/", "-")):   # "5:27", "11/24"
                waiting = (start, token)
                continue
        found = attempt(start, token)
        if found is not None:
            pos = found[1].end()
            yield found


def scan(text: str) -> Iterator[Match]:
    """Non-overlapping candidates, left to right; at one position the first rule of the table wins."""
    for rule, m in _candidates(text):
        yield Match(m.start(), m.end(), rule, {k: v for k, v in m.groupdict().items() if v is not None})
