"""From name candidates in many articles to actors: one canonical name per real actor, with a kind.

Within an article a surname or given name alone ("Mrs. Quennell", "Ada") is the person named in full nearby.
Across articles full names are merged when they are the same name up to transliteration variants, and an
acronym is merged with its expansion. A surname alone in an article that never gives the full name is merged
only when exactly one person in the corpus has that surname.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from rapidfuzz.distance import Levenshtein

from ..resources import load_table
from . import vocab
from .mentions import Candidate
from .tokens import acronyms_of

KINDS = ("person", "organisation", "place", "other")


@dataclass
class Actor:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)   # every spelling seen (and user aliases)
    mentions: int = 0
    articles: list[str] = field(default_factory=list)


class _Union:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def acronym_of(name: str) -> str:
    letters = name.replace(".", "")
    return letters if len(letters) >= 2 and letters.isalpha() and letters.isupper() else ""


def name_key(name: str) -> tuple[str, ...]:
    words = [w for w in name.split() if w.lower() != "the"]
    acr = acronym_of(name)
    if acr:
        return (acr.lower(),)
    return tuple(vocab.spelling_key(w) for w in words)


def _skeleton(word: str) -> str:
    return re.sub(r"[aeiouy]", "", word)


def same_word(a: str, b: str) -> bool:
    """Two spellings of one word: equal keys, or the same consonants (transliteration varies the vowels)."""
    if a == b:
        return True
    return len(a) >= 4 and len(b) >= 4 and a[0] == b[0] and abs(len(a) - len(b)) <= 2 and \
        _skeleton(a) == _skeleton(b) and len(_skeleton(a)) >= 3 and Levenshtein.normalized_similarity(a, b) >= 0.7


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Full names that are one name: word by word the same, at least one word spelled identically."""
    return len(a) == len(b) and len(a) >= 2 and any(x == y for x, y in zip(a, b)) and \
        all(same_word(x, y) for x, y in zip(a, b))


@lru_cache(maxsize=None)
def _demonym_suffixes() -> tuple[str, ...]:
    return tuple(sorted((row["suffix"] for row in load_table("actor_demonym_suffixes")), key=len, reverse=True))


@lru_cache(maxsize=None)
def _place_words() -> frozenset[str]:
    out = set()
    for name in vocab.countries() | vocab.cities():
        out.update(re.findall(r"[^\W\d_]+", name))
    return frozenset(out)


@lru_cache(maxsize=65536)
def is_demonym(word: str) -> bool:
    """"Israeli", "Egyptians", "Kenyan", "Israeli-Syrian": words for the people of a place."""
    parts = word.split("-")
    if len(parts) > 1:
        return all(is_demonym(p) for p in parts)
    low = vocab.fold(word)
    if vocab.is_place_name(word):
        return False
    known = _place_words()
    for suffix in _demonym_suffixes():
        stem = low[:-len(suffix)]
        if not low.endswith(suffix) or len(stem) < 3:
            continue
        if len(stem) >= 4 and stem in known:   # "Israeli", "Parisian"
            return True
        # "Egyptian", "Kenyans", "British": a country name with up to three more letters
        if any(c.startswith(stem) and len(c) - len(stem) <= 3 for c in _country_words()):
            return True
    return False


@lru_cache(maxsize=None)
def _country_words() -> tuple[str, ...]:
    return tuple(c for c in vocab.countries() if c.isalpha())


@dataclass
class Resolved:
    """Each candidate's cluster id (or None when it names no actor) and the clusters' actors."""
    cluster_of: dict[tuple[str, int], object]      # (article id, candidate index) -> cluster root
    actors: dict[object, Actor]


def resolve(candidates: dict[str, list[Candidate]], model_kinds: dict[str, Counter] | None = None) -> Resolved:
    """``candidates``: article id -> its candidates (articles in corpus order); ``model_kinds``: votes of an
    optional entity model for the kind of a name (``ner.kinds``)."""
    uf = _Union()
    node_of: dict[tuple[str, int], object] = {}
    evidence: dict[object, Counter] = defaultdict(Counter)

    # 1. full names and acronyms: one node per spelling key; short forms resolved inside their article
    for doc, cands in candidates.items():
        for i, c in enumerate(cands):
            if len(c.tokens) == 1 and (len(c.name) < 2 or is_demonym(c.name)):
                continue
            node_of[(doc, i)] = ("name", name_key(c.name))
        in_article = _ArticleNames(cands, doc, node_of)
        for i, c in enumerate(cands):
            if (doc, i) not in node_of or len(c.tokens) != 1 or acronym_of(c.name):
                continue
            full = in_article.full_name(i)
            if full is not None:
                node_of[(doc, i)] = node_of[(doc, full)]
            elif c.hint == "person" or c.honorific:
                node_of[(doc, i)] = ("short", name_key(c.name))
    for node in set(node_of.values()):
        uf.find(node)

    # 2. evidence of each node's kind
    for (doc, i), node in node_of.items():
        c = candidates[doc][i]
        if c.byline:
            continue
        if c.hint:
            evidence[node][c.hint] += 2 if c.hint == "person" else 1

    # 3. merge spellings of one name, acronyms with expansions, lone surnames with the one person of that name
    names = sorted({n for n in uf.parent if n[0] == "name"}, key=str)
    surfaces = _surfaces(candidates, node_of)
    multi = [n for n in names if len(n[1]) >= 2]
    by_first: dict[str, list] = defaultdict(list)
    for n in multi:
        by_first[n[1][0][:1]].append(n)
    for n in multi:
        for m in by_first[n[1][0][:1]]:
            if m is not n and same_name(n[1], m[1]):
                uf.union(n, m)
    for n in names:   # "Walkmans" is the plural of "Walkman", "Galaxy S3s" of "Galaxy S3"
        last = n[1][-1]
        written = surfaces[n][0].split()[-1] if surfaces.get(n) else ""
        singular = ("name", n[1][:-1] + (last[:-1],))
        if (len(last) > 3 or last[:-1].isdigit()) and written.endswith("s") and not last.endswith("ss") \
                and singular in uf.parent and not evidence[n]["person"] and not evidence[singular]["person"]:
            uf.union(singular, n)
    for doc, cands in candidates.items():
        for i, c in enumerate(cands):
            if c.acronym_of and (doc, i) in node_of:
                uf.union(("name", name_key(c.acronym_of)), node_of[(doc, i)])
    linked = Counter(uf.find(m) for m in names)
    by_acronym: dict[str, set] = defaultdict(set)
    for m in multi:
        for surface in set(surfaces.get(m, ())):
            for a in acronyms_of(surface.split()):
                by_acronym[a].add(m)
    for n in names:
        acr = acronym_of(surfaces[n][0]) if len(n[1]) == 1 and surfaces.get(n) else ""
        if acr and linked[uf.find(n)] == 1:
            expansions = Counter()
            for m in by_acronym.get(acr.upper(), ()):
                expansions[uf.find(m)] += len(surfaces[m])
            ranked = expansions.most_common(2)
            # the expansion, or by far the most mentioned one ("UN": United Nations, not a one-off United Network)
            if ranked and (len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]):
                uf.union(ranked[0][0], n)
    root_ev = _root_evidence(uf, evidence)
    persons_by_letter: dict[str, list] = defaultdict(list)
    abbreviations = vocab.place_abbreviations()
    for n in names:
        place = abbreviations.get(surfaces[n][0].replace(".", "").lower()) if surfaces.get(n) else None
        if place and ("name", name_key(place)) in uf.parent:
            uf.union(("name", name_key(place)), n)
    for m in multi:
        if _person_score(root_ev, uf, m, surfaces) > 0:
            persons_by_letter[m[1][-1][:1]].append(m)
    for n in [n for n in uf.parent if n[0] == "short"]:   # "Mr. McAlpine" and "McAlpine"
        plain = ("name", n[1])
        if plain in uf.parent and not root_ev[uf.find(plain)]["organisation"] and not root_ev[uf.find(plain)]["place"]:
            uf.union(plain, n)
    for n in [n for n in uf.parent if n[0] == "short" or (n[0] == "name" and len(n[1]) == 1)]:
        if n[0] == "name" and not _short_person_evidence(evidence.get(n, Counter())):
            continue
        matches = {uf.find(m) for m in persons_by_letter[n[1][0][:1]] if same_word(m[1][-1], n[1][0])}
        if len(matches) == 1:
            uf.union(matches.pop(), n)
    by_last: dict[str, set] = defaultdict(set)
    for m in multi:
        by_last[m[1][-1]].add(uf.find(m))
    for n in names:   # a model number alone ("A380") is the one full name ending in it ("Airbus A380")
        if len(n[1]) == 1 and any(ch.isdigit() for ch in n[1][0]) and len(by_last.get(n[1][0], ())) == 1:
            uf.union(next(iter(by_last[n[1][0]])), n)

    # 4. one actor per cluster
    clusters: dict[object, list[tuple[str, int]]] = defaultdict(list)
    for key, node in node_of.items():
        clusters[uf.find(node)].append(key)
    cluster_of = {key: uf.find(node) for key, node in node_of.items()}
    root_ev = _root_evidence(uf, evidence)
    actors = {root: _actor(keys, candidates, root_ev[root], model_kinds or {}) for root, keys in clusters.items()}
    actors = {root: a for root, a in actors.items() if a is not None}
    cluster_of = {k: r for k, r in cluster_of.items() if r in actors}
    return Resolved(cluster_of, actors)


class _ArticleNames:
    """The multi-word names of one article, indexed for resolving the single words that refer to them."""

    def __init__(self, cands: Sequence[Candidate], doc: str, node_of):
        self.cands = cands
        self.first_seen: dict[str, int] = {}
        self.starting: dict[str, dict[str, int]] = defaultdict(dict)   # first word -> name -> first index
        self.people: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)   # initial -> (index, key)
        for j, o in enumerate(cands):
            self.first_seen.setdefault(o.name, j)
            if len(o.tokens) < 2 or (doc, j) not in node_of:
                continue
            self.starting[o.tokens[0]].setdefault(o.name, j)
            if o.hint in ("organisation", "place") or o.tokens[-1].lower().rstrip(".") in vocab.org_suffixes() \
                    or vocab.fold(o.name) in vocab.countries():
                continue
            key = name_key(o.name)
            entry = (j, key, o.hint == "person" or looks_like_person(o.tokens))
            self.people[key[-1][:1]].append(entry)
            if key[0][:1] != key[-1][:1]:
                self.people[key[0][:1]].append(entry)

    def full_name(self, i: int) -> int | None:
        """The nearest (preceding first) multi-word name whose surname -- or, for a known given name, first
        name -- is the single word at ``i``; or the company it is the first word of ("Ford")."""
        c = self.cands[i]
        if vocab.fold(c.name) in vocab.countries():
            return None
        if not (c.honorific or c.hint == "person"):
            # "Ford" in an article on "Ford Motor Company" -- unless other names start with it ("Ford Foundation")
            starting = self.starting.get(c.name, {})
            if len(starting) == 1:
                name, j = next(iter(starting.items()))
                if _company_of(self.cands[j].tokens, c.name) and j < self.first_seen.get(c.name, i):
                    return j   # named in full before it is named short
        key = name_key(c.name)[0]
        given = vocab.given_name_gender(c.name) != "unknown" and not vocab.is_place_name(c.name)   # "Virginia"
        personal = c.honorific or c.hint == "person" or not _is_name_like_word(c.name)
        best, best_d = None, None
        for j, okey, person_like in self.people.get(key[:1], ()):
            if j == i or not (personal or person_like):
                continue
            if not (same_word(okey[-1], key) or (given and okey[0] == key)):
                continue
            d = (0 if j < i else 1, abs(i - j))
            if best_d is None or d < best_d:
                best, best_d = j, d
        return best


def _company_of(words: Sequence[str], head: str) -> bool:
    """"Ford Motor Company" is the company of "Ford": the word, then only organisation words."""
    return len(words) >= 2 and words[0] == head and \
        all(w.lower().rstrip(".") in vocab.org_suffixes() for w in words[1:])


_SURNAME = re.compile(r"(?:[a-z]{1,3}-)?[A-Z][a-z]*(?:['’-]?[A-Z]?[a-z]+)*\.?")


def looks_like_person(words: Sequence[str]) -> bool:
    """A known given name, then one to three words written like names ("Ada Lovelace", not "Mac OS X")."""
    return 2 <= len(words) <= 4 and vocab.given_name_gender(words[0]) != "unknown" and \
        all(_SURNAME.fullmatch(w) for w in words[1:])


def _is_name_like_word(word: str) -> bool:
    """Capitalised then lower case, like a surname ("Lovelace"), not a model number or acronym ("A380", "EADS")."""
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


def _surfaces(candidates, node_of) -> dict[object, list[str]]:
    out: dict[object, list[str]] = defaultdict(list)
    for (doc, i), node in node_of.items():
        out[node].append(candidates[doc][i].name)
    return out


def _short_person_evidence(ev: Counter) -> bool:
    return ev["person"] > 0 and ev["organisation"] == 0 and ev["place"] == 0


def _root_evidence(uf, evidence) -> dict[object, Counter]:
    out: dict[object, Counter] = defaultdict(Counter)
    for n in list(uf.parent):
        out[uf.find(n)].update(evidence.get(n, Counter()))
    return out


def _person_score(root_ev, uf, node, surfaces) -> int:
    score = root_ev[uf.find(node)]["person"]
    if looks_like_person(surfaces.get(node, [""])[0].split()):
        score += 1
    return score


def _actor(keys, candidates, ev: Counter, model_kinds: dict[str, Counter]) -> Actor | None:
    mentions = [(doc, i, candidates[doc][i]) for doc, i in keys]
    story = [m for m in mentions if not m[2].byline]
    if not story:
        return None
    order = {doc: k for k, doc in enumerate(candidates)}
    story.sort(key=lambda m: (order[m[0]], m[1]))
    counts = Counter(c.name for _, _, c in story)
    names = list(dict.fromkeys(c.name for _, _, c in story))
    full = [n for n in names if len(n.split()) >= 2 and not acronym_of(n)] or \
        [n for n in names if not acronym_of(n)] or names
    name = max(full, key=lambda n: (counts[n], -names.index(n)))
    ev = ev.copy()
    for n in names:
        for k, votes in model_kinds.get(n, Counter()).items():
            ev[k] += 2 * min(votes, 3)
    kind = _kind(names, ev)
    aliases = list(dict.fromkeys([c.name for _, _, c in mentions] + [c.written for _, _, c in mentions if c.written]))
    return Actor(name=name, kind=kind, aliases=aliases, mentions=len(story),
                 articles=list(dict.fromkeys(doc for doc, _, _ in story)))


def _kind(names: list[str], ev: Counter) -> str:
    score = Counter(ev)
    for n in names:
        words = n.split()
        if vocab.is_place_name(n):
            score["place"] += 3 if vocab.fold(n) in vocab.countries() else 2
        elif looks_like_person(words):   # "San Francisco" is a city, not a given name and a surname
            score["person"] += 2
        heads = [w for w, nxt in zip(words, words[1:] + [""]) if not nxt or nxt in vocab.name_links()]
        if any(w.lower().rstrip(".") in vocab.org_suffixes() for w in heads):
            score["organisation"] += 2
        for w in heads[:-1]:
            if vocab.name_heads().get(w.lower()) in KINDS:
                score[vocab.name_heads()[w.lower()]] += 2
    if not score or max(score.values()) <= 0:
        return "other"
    return max(("person", "organisation", "place"), key=lambda k: score[k])
