"""Mentions of an actor by pronoun or description inside one article, linked where it is safe.

- "he"/"she" (and him, his, her) in a sentence that names no person before it: the first person named in the
  nearest of the two sentences before whose given name does not contradict the pronoun's gender.
- "the store", "the company": the latest actor within three sentences whose name ends in that word, or, for a
  noun of actor_type_nouns.csv, the latest actor of that kind.
- A sentence opening with "It" (not "It is clear that ..."): the first non-person named in the sentence before.
- "the leader of the rival Islamic group Hamas": the one person the article gives that role in that
  organisation by apposition ("Khaled Meshal, the political leader of Hamas"; "the leader of Hamas, Khaled
  Meshal"). Role words: actor_roles.csv.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Callable, Sequence

from ..model import Span
from . import vocab

# he, him, his, she, her as words of their own, in ASCII letters of either case (a word written with another letter,
# such as "ſhe", is none of the pronouns of actor_pronouns.csv). The first letter comes first, not the word boundary:
# the regex engine then skips from one h or s to the next.
_PRONOUN = re.compile(r"[HhSs](?<!\w[HhSs])(?:(?<=[Hh])(?:[Ee][Rr]?|[Ii][MmSs])|(?<=[Ss])[Hh][Ee])\b")
# "the" as a word of its own: the letter first (not before the word boundary) lets the regex engine skip to the T's.
_DESCRIPTION = re.compile(
    r"[Tt](?<!\w[Tt])he\s+(?:(?:new|former|latest|original|current|whole)\s+)?([a-z]{3,})\b(?!\s+of\b)"
)
_IT = re.compile(r"^[\"“‘']?(It|Its)\b")
_EXPLETIVE = re.compile(
    r"^It\s+(?:is|was|has been|had been|will be|would be|remains|remained|seems|seemed|appears|"
    r"appeared)\s+(?:\w+\s+){0,3}?(?:that|whether|to|if|unclear|clear|likely|unlikely|possible|"
    r"impossible|expected|believed|thought|reported|said|not)\b"
)
LOOK_BACK = 2
DESCRIPTION_WINDOW = 3


def link(
    text: str,
    spans: Sequence[Span],
    named: Sequence,
    kind_of: Callable[[str], str],
    make: Callable[[int, int, str, str], object],
) -> list:
    """Extra mentions for one article. ``named``: its name mentions (with .start, .end, .actor), sorted;
    ``make(start, end, actor, form)`` builds a mention."""
    by_sentence: list[list] = [[] for _ in spans]
    starts = [s.start for s in spans]
    for m in named:
        k = bisect_right(starts, m.start) - 1
        if 0 <= k < len(spans) and m.start < spans[k].end:
            by_sentence[k].append(m)
    out = _roles(text, named, kind_of, make)
    latest: list = []  # (sentence index, mention) of the names of the last few sentences
    for k, sentence in enumerate(spans):
        here = by_sentence[k]
        linked = (
            _pronouns(text, k, sentence, here, by_sentence, kind_of, make)
            + _descriptions(text, k, sentence, here, latest, kind_of, make)
            + _it(text, k, sentence, here, by_sentence, kind_of, make)
        )
        out.extend(linked)
        latest = [(j, m) for j, m in latest if j > k - DESCRIPTION_WINDOW] + [(k, m) for m in here]
        # "He founded Acme ... he was fired ... In 1986 he bought Zeta": a chain of pronouns keeps its person
        pronouns = [m for m in linked if m.form == "pronoun"]
        if pronouns:  # (the names alone are in order)
            by_sentence[k] = sorted(here + pronouns, key=lambda m: m.start)
    return out


def _gender_of(actor: str) -> str:
    return vocab.given_name_gender(actor.split()[0]) if " " in actor else "unknown"


def _pronouns(text, k, sentence, here, by_sentence, kind_of, make):
    pronouns = vocab.pronouns()
    found = []
    for m in _PRONOUN.finditer(text, sentence.start, sentence.end):
        gender = pronouns.get(m.group(0).lower())
        if gender is None or _inside_quote(text, sentence.start, m.start()):
            continue
        if any(n.start < m.start() and kind_of(n.actor) == "person" for n in here):
            break
        for back in range(k - 1, max(-1, k - 1 - LOOK_BACK), -1):
            people = [
                n
                for n in by_sentence[back]
                if kind_of(n.actor) == "person" and _gender_of(n.actor) in (gender, "unknown", "andy")
            ]
            if people:
                found.append(make(m.start(), m.end(), people[0].actor, "pronoun"))
                break
        break  # the first pronoun decides for the sentence
    return found


def _descriptions(text, k, sentence, here, latest, kind_of, make):
    found = []
    nouns = vocab.type_nouns()
    named_by = None  # the nouns that may name an actor of these sentences: most "the ..." name none, and are skipped
    for m in _DESCRIPTION.finditer(text, sentence.start, sentence.end):
        noun = m.group(1)
        if noun not in nouns:
            if named_by is None:
                named_by = set().union(*(_heads(n.actor) for _, n in latest), *(_heads(n.actor) for n in here))
            if noun not in named_by:
                continue
        recent = [(j, n) for j, n in latest if j >= k - DESCRIPTION_WINDOW] + [
            (k, n) for n in here if n.end <= m.start()
        ]
        target = None
        for _, n in reversed(recent):
            if noun in _heads(n.actor):
                target = n
                break
        if target is None and noun in nouns:
            for _, n in reversed(recent):
                if kind_of(n.actor) == nouns[noun]:
                    target = n
                    break
        if target is not None:
            found.append(make(m.start(), m.end(), target.actor, "description"))
    return found


_NEW = re.compile(r"[Tt](?<!\w[Tt])he\s+(?:new|newest|latest|recent|current)\s+$")  # "the" first: see _DESCRIPTION


def specific(text: str, spans: Sequence[Span], named: Sequence, make: Callable) -> list:
    """ "the new Galaxy" right after "Galaxy S3" was named: that model. Returns replacements for name mentions."""
    out = []
    for i, m in enumerate(named):
        if not _NEW.search(text, max(0, m.start - 20), m.start):
            continue
        for prev in reversed(named[max(0, i - 30) : i]):
            if m.start - prev.start > 2000:
                break
            if prev.actor.startswith(m.actor + " "):
                out.append(make(m.start, m.end, prev.actor, "name"))
                break
    return out


@lru_cache(maxsize=4096)
def _heads(actor: str) -> frozenset[str]:
    """The nouns a description may name the actor by ("the store", "the phone"): the last word of its name, in lower
    case, and each word's camel-case heads (``_camel_head``)."""
    words = actor.split()
    heads = {words[-1].lower()}
    for word in words:
        for k in range(1, len(word) - 3):
            head = word[k:].lower()
            if len(head) == len(word) - k and _camel_head(word, head):  # lower() may lengthen a letter
                heads.add(head)
    return frozenset(heads)


def _camel_head(word: str, noun: str) -> bool:
    """ "SmartPhone" ends in the word "phone" (a capital starts it inside the name); "S-Video" or "Music" do not."""
    k = len(word) - len(noun)
    return len(noun) >= 4 and k > 0 and word[k:].lower() == noun and word[k].isupper() and word[k - 1].islower()


def _it(text, k, sentence, here, by_sentence, kind_of, make):
    sentence_text = text[sentence.start : sentence.end]
    m = _IT.match(sentence_text)
    if not m or k == 0 or _EXPLETIVE.match(sentence_text.lstrip("\"“‘'")):
        return []
    before = [n for n in by_sentence[k - 1] if kind_of(n.actor) != "person"]
    if not before:
        return []
    return [make(sentence.start + m.start(1), sentence.start + m.end(1), before[0].actor, "pronoun")]


def _inside_quote(text: str, start: int, pos: int) -> bool:
    chunk = text[start:pos]
    return chunk.count('"') % 2 == 1 or chunk.count("“") > chunk.count("”")


# "the [political] leader of [the rival Islamic group] " right before an organisation's name
# ("the" as a word, its T first: see _DESCRIPTION)
_ROLE_BEFORE = re.compile(r"[Tt](?<!\w[Tt])he\s+(?:[a-z-]+\s+){0,2}?([a-z-]+)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$")
_APPOSITION_BEFORE = re.compile(r",\s*$")
_APPOSITION_AFTER = re.compile(r"^\s*,\s*")
ROLE_REACH = 80


def _roles(text: str, named: Sequence, kind_of: Callable[[str], str], make: Callable) -> list:
    """Role descriptions ("the leader of ... Hamas") linked to the one person the article names in that role."""
    roles = vocab.organisation_roles()
    people_at_end = {m.end: m for m in named if kind_of(m.actor) == "person"}
    people_at_start = {m.start: m for m in named if kind_of(m.actor) == "person"}
    holders: dict[tuple[str, str], set[str]] = {}
    references: list[tuple[int, int, tuple[str, str]]] = []
    for org in named:
        if kind_of(org.actor) != "organisation":
            continue
        m = _ROLE_BEFORE.search(text, max(0, org.start - ROLE_REACH), org.start)
        if not m or m.group(1).lower() not in roles:
            continue
        key = (m.group(1).lower(), org.actor)
        before = _APPOSITION_BEFORE.search(text, max(0, m.start() - 3), m.start())
        holder = people_at_end.get(before.start()) if before else None
        after = _APPOSITION_AFTER.match(text[org.end : org.end + 4])
        holder = holder or (people_at_start.get(org.end + after.end()) if after else None)
        if holder is not None:
            holders.setdefault(key, set()).add(holder.actor)
        else:
            references.append((m.start(), org.end, key))
    return [
        make(start, end, next(iter(holders[key])), "description")
        for start, end, key in references
        if len(holders.get(key, ())) == 1
    ]
