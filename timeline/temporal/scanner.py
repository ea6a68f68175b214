"""Find candidate temporal expressions: one master regex built from resources/temporal_patterns.csv."""
from __future__ import annotations

import re
from re import _constants, _parser
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..resources import load_table
from types import MappingProxyType

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
def rules() -> tuple[tuple[Rule, ...], re.Pattern]:
    """The rules in table order, and the master regex: one named alternative (r0, r1 ...) per rule."""
    out = []
    for row in load_table("temporal_patterns"):
        out.append(Rule(row["name"], row["handler"], row["args"], row["reference"] or "dct",
                        re.compile(_bounded(expand(row["pattern"])), _FLAGS)))
    return tuple(out), _master(range(len(out)))


def _master(indexes) -> re.Pattern:
    table = load_table("temporal_patterns")
    # group names must be unique in the master regex: a rule's own groups are read again by its own regex
    alternatives = [f"(?P<r{i}>{re.sub(r'[(][?]P<[a-z0-9_]+>', '(?:', expand(table[i]['pattern']))})" for i in indexes]
    return re.compile(_bounded("|".join(alternatives) or "(?!)"), _FLAGS)


@lru_cache(maxsize=64)
def master_for(char: str) -> re.Pattern:
    """The master regex with only the rules that can begin with this (lower-case) character: a third of
    the rules or fewer, so an attempt costs a fraction of the full master's."""
    table, _ = rules()
    return _master([i for i, rule in enumerate(table) if char in first_chars(rule.regex.pattern)])


_ANY = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'’")


def first_chars(pattern: str) -> frozenset[str]:
    """Lower-case characters a match of the pattern can begin with (a superset; _ANY when unsure)."""
    chars, _ = _first(_parser.parse(pattern, _FLAGS))
    return frozenset(chars)


def _first(items) -> tuple[set, bool]:
    """(first characters, can be empty) of a parsed sequence."""
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
        return {chr(av).lower()} & _ANY | ({chr(av).lower()} if chr(av).lower() in _ANY else set()), False
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
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True
    return set(_ANY), False


def _first_in(items) -> set:
    c = _constants
    out: set = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av).lower())
        elif op is c.RANGE:
            out |= {chr(x).lower() for x in range(av[0], min(av[1], 0x2019) + 1)}
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            out |= set("0123456789")
        elif op is c.CATEGORY and av is c.CATEGORY_SPACE:
            pass
        else:
            return set(_ANY)
    return out & _ANY


# The master regex costs ~20 µs per attempt, so it is tried only where a match may start: at a date word
# ("May", "Thursday", "year", "now", a number) or at a lead word ("the", "last", "fiscal") that a date word
# or number follows. Camel-case glued words are split ("PartnershipNovember").
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|['’]\d+")
_GLUE = frozenset({"of", "in", "to", "and", "a"})
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
        out[tokens[0]] = 2
        for token in tokens[1:]:
            if token not in _GLUE and len(token) > 1:
                out.setdefault(token, 1)
    return MappingProxyType(out)


def _strength(token: str, table) -> int:
    if token[0] in "'’":
        return 2
    lower = token.lower()
    if lower in table:
        return table[lower]
    return table.get(lower[:-1], 0) if lower.endswith("s") else 0     # plurals: "Tuesdays", "years"


def _candidates(text: str) -> Iterator[re.Match]:
    table = triggers()
    tokens = [(t.start(), t.group()) for t in _TOKEN.finditer(text)]
    last = len(tokens) - 1
    pos = 0
    for i, (start, token) in enumerate(tokens):
        if start < pos:
            continue
        if token[0].isdigit():
            # a year stands alone; other numbers need a date word after them or a ":" "/" "-" ("5:27", "11/24")
            if not (len(token) == 4 and token[0] in "12"):
                after = text[start + len(token):start + len(token) + 1]
                if after not in (":", "/", "-") and (i == last or _strength(tokens[i + 1][1], table) == 0):
                    continue
        else:
            strength = _strength(token, table)
            if strength == 0:
                continue
            if strength == 1 and (i == last or not (tokens[i + 1][1][0].isdigit() or _strength(tokens[i + 1][1], table))):
                continue
        m = master_for(token[0].lower()).match(text, start)
        if m is not None:
            pos = m.end()
            yield m


def scan(text: str) -> Iterator[Match]:
    """Non-overlapping candidates, left to right; at one position the first rule of the table wins."""
    table, _ = rules()
    for m in _candidates(text):
        rule = table[int(m.lastgroup[1:])]
        own = rule.regex.match(text, m.start())
        if own is None or own.end() != m.end():
            continue
        yield Match(m.start(), m.end(), rule, {k: v for k, v in own.groupdict().items() if v is not None})
