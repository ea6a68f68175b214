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
from typing import Literal, NamedTuple, Sequence

from rapidfuzz.distance import Levenshtein

from ..resources import load_table
from . import vocab
from .mentions import Candidate
from .tokens import acronym, acronyms_of

KINDS = ("person", "organisation", "place", "other")


@dataclass
class Actor:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)  # every spelling seen (and user aliases)
    mentions: int = 0
    articles: list[str] = field(default_factory=list)


acronym_of = acronym  # the name this module has always exported


_KEY_WORD_BREAK = re.compile(r"\s+|-(?=\d)")  # "FTSE-100" is "FTSE 100"


@lru_cache(maxsize=1 << 18)  # asked for every mention of a corpus; most names recur
def name_key(name: str) -> tuple[str, ...]:
    """The form names are compared in: spelling variants evened out, "the" and a company's form left out
    ("General Motors Corporation" is "general motors"), an acronym in any case ("NASDAQ", "Nasdaq")."""
    acr = acronym(name)
    if acr:
        return (vocab.spelling_key(acr),)
    words = [w for w in _KEY_WORD_BREAK.split(name) if w and w.lower() != "the"]
    while len(words) > 1 and words[-1].lower().rstrip(".") in vocab.company_forms():
        words.pop()
    return tuple(vocab.spelling_key(w) for w in words)


_NO_VOWELS = str.maketrans("", "", "aeiouy")


def _skeleton(word: str) -> str:
    return word.translate(_NO_VOWELS)


def same_word(a: str, b: str) -> bool:
    """Two spellings of one word: equal keys, or the same consonants (transliteration varies the vowels)."""
    if a == b:
        return True
    if vocab.given_name_gender(a) != "unknown" and vocab.given_name_gender(b) != "unknown":
        return False  # "Karen" and "Karin", "Mark" and "Marek": two given names, two people
    return (
        len(a) >= 4
        and len(b) >= 4
        and a[0] == b[0]
        and abs(len(a) - len(b)) <= 2
        and _skeleton(a) == _skeleton(b)
        and len(_skeleton(a)) >= 3
        and Levenshtein.normalized_similarity(a, b) >= 0.7
    )


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Full names that are one name: word by word the same, at least one word spelled identically."""
    return (
        len(a) == len(b)
        and len(a) >= 2
        and any(x == y for x, y in zip(a, b))
        and all(same_word(x, y) for x, y in zip(a, b))
    )


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
    """ "Israeli", "Egyptians", "Kenyan", "Israeli-Syrian": words for the people of a place."""
    parts = word.split("-")
    if len(parts) > 1:
        return all(is_demonym(p) for p in parts)
    low = vocab.fold(word)
    if vocab.is_place_name(word):
        return False
    known = _place_words()
    for suffix in _demonym_suffixes():
        stem = low[: -len(suffix)]
        if not low.endswith(suffix) or len(stem) < 3:
            continue
        if len(stem) >= 4 and stem in known:  # "Israeli", "Parisian"
            return True
        # "Egyptian", "Kenyans", "British": a country name with up to three more letters
        if any(c.startswith(stem) and len(c) - len(stem) <= 3 for c in _country_words()):
            return True
    return False


@lru_cache(maxsize=None)
def _country_words() -> tuple[str, ...]:
    return tuple(c for c in vocab.countries() if c.isalpha())


class Node(NamedTuple):
    """What candidates are merged through: a full name or acronym by its spelling key, or the short form
    ("Mrs. Quennell", a lone word hinted as a person) of a name its article never gives in full."""

    form: Literal["name", "short"]
    key: tuple[str, ...]


@dataclass
class Resolved:
    """Each candidate's cluster id (or None when it names no actor) and the clusters' actors."""

    cluster_of: dict[tuple[str, int], Node]  # (article id, candidate index) -> cluster root
    actors: dict[Node, Actor]


def _node_order(node: Node) -> str:
    return str((node.form, node.key))


class NameGraph:
    """The candidates of a corpus as nodes in a union-find, with what the passes read about each node."""

    def __init__(self, candidates: dict[str, list[Candidate]]):
        self.candidates = candidates
        self.parent: dict[Node, Node] = {}
        self.node_of = _nodes(candidates)
        for node in set(self.node_of.values()):
            self.find(node)
        self.evidence: dict[Node, Counter] = defaultdict(Counter)  # kind hints of each node's mentions
        self.surfaces: dict[Node, list[str]] = defaultdict(list)  # node -> its mentions as written
        for (doc, i), node in self.node_of.items():
            c = candidates[doc][i]
            if not c.byline and c.hint:
                self.evidence[node][c.hint] += 2 if c.hint == "person" else 1
            self.surfaces[node].append(c.name)
        self.names = sorted({n for n in self.parent if n.form == "name"}, key=_node_order)
        self.multi = [n for n in self.names if len(n.key) >= 2]  # names of two words or more
        self.kinds: dict[Node, Counter] = {}

    def find(self, node: Node) -> Node:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def weigh_kinds(self) -> None:
        """The evidence of kind of each cluster as it stands: what the passes about people and places read."""
        self.kinds = defaultdict(Counter)
        for n in list(self.parent):
            self.kinds[self.find(n)].update(self.evidence.get(n, Counter()))

    def articles(self) -> dict[Node, set[str]]:
        """Node -> the articles that mention it."""
        out: dict[Node, set[str]] = defaultdict(set)
        for (doc, _), node in self.node_of.items():
            out[node].add(doc)
        return out

    def first_surface(self, node: Node) -> str:
        return self.surfaces[node][0] if self.surfaces.get(node) else ""


def _nodes(candidates: dict[str, list[Candidate]]) -> dict[tuple[str, int], Node]:
    """(article id, candidate index) -> node. Full names and acronyms are a node per spelling key; a single word
    is the full name its article gives nearby, else a short node when it is hinted to be a person."""
    node_of: dict[tuple[str, int], Node] = {}
    company_heads = {
        c.tokens[0]
        for cands in candidates.values()
        for c in cands
        if len(c.tokens) >= 2 and c.tokens[-1].lower().rstrip(".") in vocab.org_suffixes()
    }
    name_nodes: dict[str, Node] = {}  # one node per spelling: most names recur
    for doc, cands in candidates.items():
        for i, c in enumerate(cands):
            if len(c.tokens) == 1 and (len(c.name) < 2 or is_demonym(c.name)):
                continue
            node = name_nodes.get(c.name)
            if node is None:
                node = name_nodes[c.name] = Node("name", name_key(c.name))
            node_of[(doc, i)] = node
        in_article = _ArticleNames(cands, doc, node_of, company_heads)
        for i, c in enumerate(cands):
            if (doc, i) not in node_of or len(c.tokens) != 1 or acronym(c.name):
                continue
            full = in_article.full_name(i)
            if full is not None:
                node_of[(doc, i)] = node_of[(doc, full)]
            elif c.hint == "person" or c.honorific:
                node_of[(doc, i)] = Node("short", name_key(c.name))
    return node_of


def merge_spellings(g: NameGraph) -> None:
    """Spellings of one name: "Tobias Kresnakov" and "Tobias Krisnakov" (transliteration varies the vowels)."""
    # names that can be one are spelled with the same consonants, word by word: only those are compared
    alike: dict[tuple, list[Node]] = defaultdict(list)
    for n in g.multi:
        alike[_consonants(n.key)].append(n)
    for n in g.multi:
        for m in alike[_consonants(n.key)]:
            if m is not n and same_name(n.key, m.key):
                g.union(n, m)


def _consonants(key: tuple[str, ...]) -> tuple[str, ...]:
    """What ``same_name`` keeps equal between two names: the first letter and the consonants of each word."""
    return (key[0][:1],) + tuple(_skeleton(w) for w in key)


def merge_plurals(g: NameGraph) -> None:
    """The plural of a product name is the product: "Walkmans" of "Walkman", "Galaxy S3s" of "Galaxy S3"
    (never of a person's name)."""
    for n in g.names:
        last = n.key[-1]
        written = g.first_surface(n).split()[-1] if g.surfaces.get(n) else ""
        singular = Node("name", n.key[:-1] + (last[:-1],))
        if (
            (len(last) > 3 or last[:-1].isdigit())
            and written.endswith("s")
            and not last.endswith("ss")
            and singular in g.parent
            and not g.evidence[n]["person"]
            and not g.evidence[singular]["person"]
        ):
            g.union(singular, n)


def merge_bracketed_acronyms(g: NameGraph) -> None:
    """An acronym in brackets after a name is that name: "United States Air Force (USAF)"."""
    for doc, cands in g.candidates.items():
        for i, c in enumerate(cands):
            if c.acronym_of and (doc, i) in g.node_of:
                g.union(Node("name", name_key(c.acronym_of)), g.node_of[(doc, i)])


def merge_acronyms(g: NameGraph) -> None:
    """An acronym alone is its expansion in an article that writes both ("HGC" and "Harwick Glass and Ceramics
    Company"), or by far the most mentioned of such expansions; an acronym already linked to another name, or
    never written beside an expansion, is left as it is ("N.J." is not Nils Jorgen of another article)."""
    linked = Counter(g.find(m) for m in g.names)
    articles = g.articles()
    by_acronym: dict[str, set[Node]] = defaultdict(set)
    for m in g.multi:
        for surface in set(g.surfaces.get(m, ())):
            for a in acronyms_of(surface.split()):
                by_acronym[a].add(m)
    for n in g.names:
        acr = acronym(g.first_surface(n)) if len(n.key) == 1 else ""
        if acr and linked[g.find(n)] == 1 and not table_name(g.first_surface(n)):  # "N.C." is a state
            expansions: Counter[Node] = Counter()
            for m in by_acronym.get(acr.upper(), ()):
                if articles[m] & articles[n]:
                    expansions[g.find(m)] += len(g.surfaces[m])
            ranked = expansions.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]):
                g.union(ranked[0][0], n)


def table_name(name: str) -> tuple[str, str] | None:
    """(name, kind) of a place or well-known actor that ``name`` is another name of ("U.K.": United Kingdom, a
    place; "DJIA": Dow Jones Industrial Average, other), from actor_places.csv and actor_aliases.csv."""
    key = vocab.fold(" ".join(name.split()))
    place = (
        vocab.dotted_place_abbreviations().get(name)
        or vocab.place_aliases().get(key)
        or vocab.place_aliases().get(key.replace(".", ""))
    )
    if place:
        return place, "place"
    return vocab.known_actors().get(key)


def merge_table_names(g: NameGraph) -> None:
    """Other names of one place or well-known actor are that actor: "U.K." and "Britain" are the United Kingdom,
    "the Dow" and "DJIA" the Dow Jones Industrial Average (actor_places.csv, actor_aliases.csv)."""
    groups: dict[str, list[Node]] = defaultdict(list)
    for n in g.names:
        for surface in dict.fromkeys(g.surfaces.get(n, ())):
            found = table_name(surface)
            if found:
                groups[found[0]].append(n)
                break
    for name, nodes in groups.items():
        full = Node("name", name_key(name))
        if full in g.parent:
            nodes.append(full)
        for n in nodes[1:]:
            g.union(nodes[0], n)


def merge_qualified(g: NameGraph) -> None:
    """A name after a demonym is the name: "British FTSE 100" is the FTSE 100, "the Dutch Kessler Bank" the
    Kessler Bank (when the corpus writes it without)."""
    for n in g.multi:
        words = g.first_surface(n).split()
        # "Korean Air" is a name of its own: only a longer name or an acronym stands alone after the demonym
        if is_demonym(words[0]) and (len(n.key) >= 3 or acronym(words[1])):
            bare = Node("name", n.key[1:])
            if bare in g.parent:
                g.union(bare, n)


def merge_company_short_names(g: NameGraph) -> None:
    """An organisation named by its first word alone: "Harwick" is Harwick Motor Company, "Kessock" is Kessock
    Dunmore, when that is the one name of the corpus that starts with the word and it names an organisation --
    not when the word is a place ("Portugal Airlines"), has person evidence, starts several names ("Harwick
    Foundation" too), or is written as a company of its own ("Harwick Inc.")."""
    own_company = {node for (doc, i), node in g.node_of.items() if g.candidates[doc][i].legal_form}
    articles = g.articles()
    cluster_articles: dict[Node, set[str]] = defaultdict(set)  # root -> the articles of its longer names
    for m in g.multi:
        cluster_articles[g.find(m)] |= articles[m]
    starting: dict[str, set[Node]] = defaultdict(set)
    for m in g.multi:
        if not is_product(g.first_surface(m)):  # "Harwick H40" is a product of Harwick, not another Harwick
            starting[m.key[0]].add(g.find(m))
    for n in g.names:
        if len(n.key) != 1 or len(starting.get(n.key[0], ())) != 1:
            continue
        if vocab.is_place_name(g.first_surface(n)) or g.kinds[g.find(n)]["person"] or n in own_company:
            continue
        full = next(iter(starting[n.key[0]]))
        words = g.first_surface(full).split()
        organisation = (
            g.kinds[full]["organisation"] > g.kinds[full]["place"]
            or g.kinds[g.find(n)]["organisation"] > 0
            or words[-1].lower().rstrip(".") in vocab.org_suffixes()
        )
        # "Harwick Motor" is Harwick's full name; "Harwick Glass Division" is one part of a Harwick that most
        # articles naming Harwick do not mention
        short_in = articles[n]
        full_name = all(w.lower().rstrip(".") in vocab.org_suffixes() for w in words[1:]) or 2 * len(
            short_in & cluster_articles.get(full, set())
        ) >= len(short_in)
        if organisation and full_name and _person_score(g, full) <= 0:
            root, joined = g.find(full), g.find(n)
            g.union(full, n)
            if joined != root:
                cluster_articles[root] |= cluster_articles.pop(joined, set())


def merge_addressed(g: NameGraph) -> None:
    """ "Mr. Pellingham" and "Pellingham" are one person, unless "Pellingham" names an organisation or a place."""
    for n in [n for n in g.parent if n.form == "short"]:
        plain = Node("name", n.key)
        if plain in g.parent and not g.kinds[g.find(plain)]["organisation"] and not g.kinds[g.find(plain)]["place"]:
            g.union(plain, n)


def merge_lone_surnames(g: NameGraph) -> None:
    """A surname alone, in an article that never gives the full name, is the one person in the corpus with that
    surname ("Brascombe": Ottilie Brascombe), and no one when several people have it."""
    persons_by_letter: dict[str, list[Node]] = defaultdict(list)
    for m in g.multi:
        if _person_score(g, m) > 0:
            persons_by_letter[m.key[-1][:1]].append(m)
    for n in [n for n in g.parent if n.form == "short" or (n.form == "name" and len(n.key) == 1)]:
        if n.form == "name" and not _short_person_evidence(g.evidence.get(n, Counter())):
            continue
        matches = {g.find(m) for m in persons_by_letter[n.key[0][:1]] if same_word(m.key[-1], n.key[0])}
        if len(matches) == 1:
            g.union(matches.pop(), n)


def is_product(name: str) -> bool:
    """A name with a model number after its first word ("Kestrel K90", "Kestrel K90 Nimbus"), or a model number
    alone ("K90", "747"): a product."""
    key = name_key(name)
    if len(key) == 1:  # two digits at least: "3M" is a company
        return bool(_MODEL_NUMBER.fullmatch(key[0])) and sum(ch.isdigit() for ch in key[0]) >= 2
    return any(_MODEL_NUMBER.fullmatch(word) for word in key[1:])


_MODEL_NUMBER = re.compile(r"(?!(?:1[89]|20)\d\d$)[a-z]{0,2}\d{1,4}[a-z]{0,3}")


def merge_products(g: NameGraph) -> None:
    """Shorter forms of a product name are the product: "Kestrel K90 Nimbus", "K90 Nimbus", "Kestrel K90" are one
    aircraft; "Nimbus" alone is it when it follows the model number of that one product, and "K90s" its plural."""
    by_number: dict[str, list[Node]] = defaultdict(list)
    for n in g.names:
        for word in n.key:
            if _MODEL_NUMBER.fullmatch(word) and len(n.key) > 1:
                by_number[word].append(n)
    model_names: dict[str, set[Node]] = defaultdict(set)
    for number, nodes in by_number.items():
        longest = max(nodes, key=lambda n: (len(n.key), _node_order(n)))
        for n in nodes:
            if set(n.key) <= set(longest.key):
                g.union(longest, n)
        at = longest.key.index(number)
        for word in longest.key[at + 1 :]:
            model_names[word].add(g.find(longest))
        model_names[number + "s"].add(g.find(longest))
    for n in g.names:
        if len(n.key) == 1 and len(model_names.get(n.key[0], ())) == 1 and not g.kinds[g.find(n)]["person"]:
            g.union(next(iter(model_names[n.key[0]])), n)


def merge_model_numbers(g: NameGraph) -> None:
    """A model number alone ("K90") is the one full name ending in it ("Kestrel K90")."""
    by_last: dict[str, set[Node]] = defaultdict(set)
    for m in g.multi:
        by_last[m.key[-1]].add(g.find(m))
    for n in g.names:
        if len(n.key) == 1 and any(ch.isdigit() for ch in n.key[0]) and len(by_last.get(n.key[0], ())) == 1:
            g.union(next(iter(by_last[n.key[0]])), n)


# Names first; the passes about places and people then weigh the kinds the merged names have.
NAME_PASSES = (
    merge_spellings,
    merge_plurals,
    merge_bracketed_acronyms,
    merge_acronyms,
    merge_table_names,
    merge_qualified,
)
KIND_PASSES = (merge_company_short_names, merge_addressed, merge_lone_surnames, merge_model_numbers, merge_products)


def resolve(candidates: dict[str, list[Candidate]], model_kinds: dict[str, Counter] | None = None) -> Resolved:
    """``candidates``: article id -> its candidates (articles in corpus order); ``model_kinds``: votes of an
    optional entity model for the kind of a name (``ner.kinds``)."""
    g = NameGraph(candidates)
    for merge in NAME_PASSES:
        merge(g)
    g.weigh_kinds()
    for merge in KIND_PASSES:
        merge(g)
    return _actors(g, model_kinds or {})


def _actors(g: NameGraph, model_kinds: dict[str, Counter]) -> Resolved:
    """One actor per cluster that has a mention outside bylines."""
    root_of = {node: g.find(node) for node in set(g.node_of.values())}
    clusters: dict[Node, list[tuple[str, int]]] = defaultdict(list)
    cluster_of = {}
    for key, node in g.node_of.items():
        root = cluster_of[key] = root_of[node]
        clusters[root].append(key)
    g.weigh_kinds()
    order = {doc: k for k, doc in enumerate(g.candidates)}
    found = {root: _actor(keys, g.candidates, g.kinds[root], model_kinds, order) for root, keys in clusters.items()}
    actors = {root: a for root, a in found.items() if a is not None}
    cluster_of = {k: r for k, r in cluster_of.items() if r in actors}
    return Resolved(cluster_of, actors)


class _ArticleNames:
    """The multi-word names of one article, indexed for resolving the single words that refer to them."""

    def __init__(self, cands: Sequence[Candidate], doc: str, node_of, company_heads: set[str]):
        self.cands = cands
        self.company_heads = company_heads  # first words of company names in the corpus ("Harwick Motor Company")
        self.first_seen: dict[str, int] = {}
        self.starting: dict[str, dict[str, int]] = defaultdict(dict)  # first word -> name -> first index
        # the people's names by the consonants of their surname, and by their first name
        self.by_surname: dict[str, list[tuple[int, tuple[str, ...], bool]]] = defaultdict(list)
        self.by_given: dict[str, list[tuple[int, tuple[str, ...], bool]]] = defaultdict(list)
        for j, o in enumerate(cands):
            self.first_seen.setdefault(o.name, j)
            if len(o.tokens) < 2 or (doc, j) not in node_of:
                continue
            self.starting[o.tokens[0]].setdefault(o.name, j)
            if (
                o.hint in ("organisation", "place")
                or o.tokens[-1].lower().rstrip(".") in vocab.org_suffixes()
                or vocab.fold(o.name) in vocab.countries()
            ):
                continue
            key = name_key(o.name)
            entry = (j, key, o.hint == "person" or looks_like_person(o.tokens))
            self.by_surname[_skeleton(key[-1])].append(entry)
            self.by_given[key[0]].append(entry)

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
                    return j  # named in full before it is named short
        key = name_key(c.name)[0]
        given = vocab.given_name_gender(c.name) != "unknown" and not vocab.is_place_name(c.name)  # "Virginia"
        personal = c.honorific or c.hint == "person" or not _is_name_like_word(c.name)
        # a family name that is also a company's goes to the company unless the sentence names the person
        company = c.name in self.company_heads and not (c.honorific or c.hint == "person")
        best, best_d = None, None
        # only names whose surname has the word's consonants (``same_word``) or whose first name is the word
        near = self.by_surname.get(_skeleton(key), []) + (self.by_given.get(key, []) if given else [])
        for j, okey, person_like in near:
            if j == i or not (personal or person_like) or (company and self.cands[j].sentence != c.sentence):
                continue
            if not (same_word(okey[-1], key) or (given and okey[0] == key)):
                continue
            d = (0 if j < i else 1, abs(i - j))
            if best_d is None or d < best_d:
                best, best_d = j, d
        return best


def _company_of(words: Sequence[str], head: str) -> bool:
    """ "Ford Motor Company" is the company of "Ford": the word, then only organisation words."""
    return (
        len(words) >= 2 and words[0] == head and all(w.lower().rstrip(".") in vocab.org_suffixes() for w in words[1:])
    )


# each part after the first begins with what the lower-case letters before it cannot take (an apostrophe, a
# hyphen or a capital): a run of letters is read one way only, whatever follows it
_SURNAME = re.compile(r"(?:[a-z]{1,3}-)?[A-Z][a-z]*(?:(?:['’-][A-Z]?|[A-Z])[a-z]+)*\.?")


def looks_like_person(words: Sequence[str]) -> bool:
    """A known given name, then one to three words written like names ("Ada Lovelace", not "Mac OS X")."""
    return (
        2 <= len(words) <= 4
        and vocab.given_name_gender(words[0]) != "unknown"
        and all(_SURNAME.fullmatch(w) for w in words[1:])
    )


def _is_name_like_word(word: str) -> bool:
    """Capitalised then lower case, like a surname ("Lovelace"), not a model number or acronym ("A380", "EADS")."""
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


def _short_person_evidence(ev: Counter) -> bool:
    return ev["person"] > 0 and ev["organisation"] == 0 and ev["place"] == 0


def _person_score(g: NameGraph, node: Node) -> int:
    score = g.kinds[g.find(node)]["person"]
    if looks_like_person(g.surfaces.get(node, [""])[0].split()):
        score += 1
    return score


def _actor(keys, candidates, ev: Counter, model_kinds: dict[str, Counter], order: dict[str, int]) -> Actor | None:
    """The actor of one cluster (``order``: each article's place in the corpus), or None when it names none."""
    mentions = [(doc, i, candidates[doc][i]) for doc, i in keys]
    story = [m for m in mentions if not m[2].byline]
    if not story or all(c.common_noun for _, _, c in story):
        return None  # none, or only a common noun that stands for no longer name ("the World", "People")
    if all(_lone_given_name(c) for _, _, c in story) and not (ev["organisation"] or ev["place"]):
        return None  # "John", "Jim": a given name that no sentence nearby gives in full names no one we can tell
    story.sort(key=lambda m: (order[m[0]], m[1]))
    counts = Counter(c.name for _, _, c in story)
    names = list(dict.fromkeys(c.name for _, _, c in story))
    # named as most often written, a company form left out where the corpus writes the name without it too
    short = {n: _without_company_form(n, counts) for n in names}
    by_short: Counter[str] = Counter()
    for n in names:
        by_short[short[n]] += counts[n]
    shorts = list(dict.fromkeys(short[n] for n in names))
    full = (
        [n for n in shorts if len(n.split()) >= 2 and not acronym(n)] or [n for n in shorts if not acronym(n)] or shorts
    )
    name = max(full, key=lambda n: (by_short[n], -shorts.index(n)))
    ev = ev.copy()
    for n in names:
        for k, votes in model_kinds.get(n, Counter()).items():
            ev[k] += 2 * min(votes, 3)
    known = next(filter(None, map(table_name, names)), None)
    if known:
        name, kind = known
    elif any(vocab.fold(n) in vocab.countries() for n in names) or vocab.fold(name) in vocab.major_cities():
        kind = "place"  # a country or a great city is a place, whatever its officials or markets do
    elif any(map(is_product, names)) and ev["person"] <= ev["organisation"] + ev["place"]:
        kind = "other"  # "Kestrel K90": a product, whatever "K90 sales" suggest
    else:
        kind = _kind(names, ev)
    # "PA chairman Ada Quennell" is a person's name as written; "Harwick rival Kessock" says nothing of Kessock
    written = [c.written for _, _, c in mentions if c.written] if kind == "person" else []
    table = list(vocab.table_aliases().get(name, ())) if known else []
    aliases = list(dict.fromkeys([c.name for _, _, c in mentions] + written + table))
    return Actor(
        name=name,
        kind=kind,
        aliases=aliases,
        mentions=len(story),
        articles=list(dict.fromkeys(doc for doc, _, _ in story)),
    )


def _lone_given_name(c: Candidate) -> bool:
    return (
        len(c.tokens) == 1
        and not (c.honorific or c.titled)
        and vocab.given_name_gender(c.name) != "unknown"
        and not vocab.is_place_name(c.name)
        and not acronym(c.name)
    )


def _without_company_form(name: str, written: Counter) -> str:
    """ "Kelby Group" -> "Kelby" when the corpus also writes "Kelby"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in vocab.company_forms():
        words.pop()
        if written.get(" ".join(words)):
            return " ".join(words)
    return name


def _kind(names: list[str], ev: Counter) -> str:
    score = Counter(ev)
    for n in names:
        words = n.split()
        if vocab.is_place_name(n):
            score["place"] += 3 if vocab.fold(n) in vocab.countries() else 2
        elif looks_like_person(words):  # "San Francisco" is a city, not a given name and a surname
            score["person"] += 2
        heads = [w for w, nxt in zip(words, words[1:] + [""]) if not nxt or nxt in vocab.name_links()]
        if any(w.lower().rstrip(".") in vocab.org_suffixes() for w in heads):
            score["organisation"] += 2
        for w in heads if len(words) > 1 else ():  # "Kessock Bay", "Essex County"; "Bay" alone says nothing
            if vocab.name_heads().get(w.lower()) in KINDS:
                score[vocab.name_heads()[w.lower()]] += 2
        if len(words) > 1 and vocab.name_openers().get(words[0].lower()) in KINDS:  # "Air Lusitania"
            score[vocab.name_openers()[words[0].lower()]] += 2
    if not score or max(score.values()) <= 0:
        # an acronym of three letters or more with nothing else said of it names a body ("NASA", "UAW")
        return "organisation" if all(len(acronym(n)) >= 3 for n in names) else "other"
    return max(("person", "organisation", "place"), key=lambda k: score[k])
