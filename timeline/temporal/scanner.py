"""Find candidate temporal expressions: one master regex built from resources/temporal_patterns.csv."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..resources import load_table
from .vocab import placeholders

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
    body = pattern.replace(" ", r"\s+")
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], body)


# Word boundaries, also where words were glued together by a lost line break: "PartnershipNovember 24",
# "5:27 PMAbbas" (a change from lower to upper case, or an upper-case word running into a capitalised one).
_START = r"(?:(?<![\w'’-])|(?-i:(?<=[a-z])(?=[A-Z])))"
_END = r"(?:(?!\w)|(?-i:(?<=[a-z.])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])))"


def _bounded(body: str) -> str:
    return rf"{_START}(?:{body}){_END}"


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[Rule, ...], re.Pattern]:
    out, alternatives = [], []
    for i, row in enumerate(load_table("temporal_patterns")):
        body = expand(row["pattern"])
        out.append(Rule(row["name"], row["handler"], row["args"], row["reference"] or "dct",
                        re.compile(_bounded(body), _FLAGS)))
        # group names must be unique in the master regex: the rule's own groups are read again by its regex
        anonymous = re.sub(r"\(\?P<\w+>", "(?:", body)
        alternatives.append(f"(?P<r{i}>{anonymous})")
    master = re.compile(_bounded("|".join(alternatives)), _FLAGS)
    return tuple(out), master


def scan(text: str) -> Iterator[Match]:
    """Non-overlapping candidates, left to right; at one position the first rule of the table wins."""
    table, master = rules()
    for m in master.finditer(text):
        rule = table[int(m.lastgroup[1:])]
        own = rule.regex.match(text, m.start())
        if own is None or own.end() != m.end():
            continue
        yield Match(m.start(), m.end(), rule, {k: v for k, v in own.groupdict().items() if v is not None})
