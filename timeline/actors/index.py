"""ActorIndex: the actors of a corpus, their mentions in each article, and the lookup the event builder uses."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd

from ..model import Article, Span
from ..sentences import sentences
from . import coref, ner, overrides as overrides_mod
from .canonical import Actor, resolve
from .mentions import Candidate, find_candidates
from .resolver import Resolution, Resolver


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into Article.text
    end: int
    text: str
    actor: str  # canonical name
    kind: str  # the actor's kind: person | organisation | place | other
    form: str = "name"  # name | pronoun | description


class ActorIndex:
    def __init__(
        self,
        actors: dict[str, Actor],
        mentions: dict[str, list[Mention]],
        hidden: set[str],
        user_aliases: dict[str, str],
    ):
        self._actors = actors  # canonical name -> Actor
        self._mentions = mentions  # article id -> mentions sorted by start
        self._starts = {doc: [m.start for m in ms] for doc, ms in mentions.items()}
        self.hidden = hidden
        self._user_aliases = dict(user_aliases)
        self._aliases = self._alias_map(user_aliases)
        self._resolver: Resolver | None = None

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        spans: Mapping[str, Sequence[Span]] | None = None,
        overrides: str | Path | overrides_mod.Overrides | None = None,
    ) -> ActorIndex:
        spans = dict(spans or {})
        for a in articles:
            if a.id not in spans:
                spans[a.id] = sentences(a.text)
        found = find_candidates([(a.text, spans[a.id]) for a in articles])
        candidates = {a.id: cands for a, cands in zip(articles, found)}
        model_kinds = ner.kinds(a.text for a in articles) if ner.available() else None
        cast = Cast.resolve(candidates, model_kinds, overrides)
        mentions = {a.id: cast.mentions(a, spans[a.id], candidates[a.id]) for a in articles}
        return cast.index(mentions)

    def edited(self, edits: overrides_mod.Overrides) -> tuple[ActorIndex, dict[str, str]]:
        """The index with the user's ``edits`` applied on top (merge, rename, hide, kind), and each old
        canonical name's new one. The mentions are kept, only renamed: nothing is read again."""
        actors, rename, user_aliases = _apply(self._actors, edits)
        kind_of = {a.name: a.kind for a in actors.values()}
        mentions = {
            doc: [
                dataclasses.replace(
                    m, actor=rename.get(m.actor, m.actor), kind=kind_of.get(rename.get(m.actor, m.actor), m.kind)
                )
                for m in ms
            ]
            for doc, ms in self._mentions.items()
        }
        hidden = {rename.get(h, h) for h in self.hidden}
        hidden |= {
            a.name
            for a in actors.values()
            if a.name.lower() in edits.hide or any(x.lower() in edits.hide for x in a.aliases)
        }
        aliases = {k: rename.get(v, v) for k, v in self._user_aliases.items()} | user_aliases
        return ActorIndex(actors, mentions, hidden, aliases), rename

    # -- queries ---------------------------------------------------------------------------------------
    def mentions(self, article: Article | str) -> list[Mention]:
        doc = article if isinstance(article, str) else article.id
        return [m for m in self._mentions.get(doc, []) if m.actor not in self.hidden]

    def lookup(self, article: Article, sentence: Span) -> list[str]:
        """Canonical names of the actors mentioned in the sentence, in order of first mention."""
        ms = self._mentions.get(article.id, [])
        starts = self._starts.get(article.id, [])
        out: dict[str, None] = {}
        for m in ms[bisect_left(starts, sentence.start) :]:
            if m.start >= sentence.end:
                break
            if m.actor not in self.hidden:
                out.setdefault(m.actor)
        return list(out)

    __call__ = lookup

    @property
    def aliases(self) -> dict[str, str]:
        return dict(self._aliases)

    def actors(self) -> list[Actor]:
        """Every actor, the hidden ones too."""
        return list(self._actors.values())

    def actor(self, name: str) -> Actor | None:
        canonical = self._aliases.get(name.strip().lower())
        return self._actors.get(canonical) if canonical else None

    def resolve(self, query: str) -> Resolution:
        """What actor a user's words mean (``resolver.Resolver``): an exact name or alias, else a fuller or
        shorter form of exactly one actor's name; otherwise no match and the close spellings as suggestions."""
        if self._resolver is None:
            self._resolver = Resolver(self._aliases)
        return self._resolver.resolve(query)

    def table(self) -> pd.DataFrame:
        rows = [
            {
                "name": a.name,
                "kind": a.kind,
                "aliases": list(a.aliases),
                "mentions": a.mentions,
                "articles": len(a.articles),
            }
            for a in self._actors.values()
            if a.name not in self.hidden
        ]
        frame = pd.DataFrame(rows, columns=["name", "kind", "aliases", "mentions", "articles"])
        return frame.sort_values(["mentions", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)

    def _alias_map(self, user_aliases: dict[str, str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for a in self._actors.values():
            out.setdefault(a.name.lower(), a.name)
        for a in self._actors.values():
            for alias in a.aliases:
                out.setdefault(" ".join(alias.lower().split()), a.name)
        out.update(user_aliases)
        return out


@dataclass
class Cast:
    """The actor step's result for a corpus: its actors, the actor each name candidate stands for, the hidden
    actors and the user's aliases. It is decided once, from the candidates of every article; then each
    article's mentions (``mentions``) can be made apart from the others, on any machine."""

    actors: dict[str, Actor]  # canonical name -> Actor
    named: dict[tuple[str, int], str]  # (article id, candidate index) -> canonical name
    hidden: set[str]
    user_aliases: dict[str, str]

    @classmethod
    def resolve(
        cls,
        candidates: Mapping[str, Sequence[Candidate]],
        model_kinds: Mapping[str, Counter] | None,
        overrides: str | Path | overrides_mod.Overrides | None,
    ) -> Cast:
        """``candidates``: article id -> its name candidates, articles in corpus order."""
        resolved = resolve(
            {doc: list(found) for doc, found in candidates.items()}, dict(model_kinds) if model_kinds else None
        )
        user = overrides if isinstance(overrides, overrides_mod.Overrides) else overrides_mod.load(overrides)
        actors, rename, user_aliases = _apply(resolved.actors, user)
        named = {
            key: rename[resolved.actors[root].name]
            for key, root in resolved.cluster_of.items()
            if not candidates[key[0]][key[1]].byline
        }
        hidden = {
            a.name
            for a in actors.values()
            if a.name.lower() in user.hide or any(x.lower() in user.hide for x in a.aliases)
        }
        return cls(actors, named, hidden, user_aliases)

    def for_reading(self) -> Cast:
        """What reading an article needs of the cast besides the naming of its candidates (``named_in``): each
        actor's name and kind, the hidden actors and the user's aliases -- not the spellings and articles,
        which grow with the corpus."""
        actors = {key: Actor(a.name, a.kind) for key, a in self.actors.items()}
        return Cast(actors, {}, self.hidden, self.user_aliases)

    def named_in(self, ids: Iterable[str]) -> dict[tuple[str, int], str]:
        """The naming of these articles' candidates only: what reading them needs besides the actors."""
        by_article = self._named_by_article
        return {key: name for doc in ids for key, name in by_article.get(doc, {}).items()}

    @cached_property
    def _named_by_article(self) -> dict[str, dict[tuple[str, int], str]]:
        out: dict[str, dict[tuple[str, int], str]] = {}
        for key, name in self.named.items():
            out.setdefault(key[0], {})[key] = name
        return out

    @cached_property
    def kind_of(self) -> dict[str, str]:
        return {a.name: a.kind for a in self.actors.values()}

    def mentions(self, article: Article, spans: Sequence[Span], candidates: Sequence[Candidate]) -> list[Mention]:
        """The article's mentions: its named candidates, then the pronouns and descriptions that refer to them."""
        kind_of = self.kind_of
        text = article.text
        named = [
            Mention(c.start, c.end, text[c.start : c.end], name, kind_of[name])
            for i, c in enumerate(candidates)
            if (name := self.named.get((article.id, i))) is not None
        ]
        named.sort(key=lambda m: m.start)

        def make(start, end, actor, form):
            return Mention(start, end, text[start:end], actor, kind_of[actor], form)

        better = {(m.start, m.end): m for m in coref.specific(text, spans, named, make)}
        named = [better.get((m.start, m.end), m) for m in named]
        extra = coref.link(text, spans, named, lambda n: kind_of.get(n, "other"), make)
        return sorted(named + extra, key=lambda m: (m.start, m.end))

    def index(self, mentions: dict[str, list[Mention]], named_counts: Counter | None = None) -> ActorIndex:
        """The index over these mentions. Each actor's mention count is its named mentions among them, or
        ``named_counts`` (counted where the mentions were made)."""
        if named_counts is None:
            named_counts = Counter(m.actor for ms in mentions.values() for m in ms if m.form == "name")
        for a in self.actors.values():
            a.mentions = named_counts[a.name]
        return ActorIndex(self.actors, mentions, self.hidden, self.user_aliases)


def named_mention_counts(mentions: Iterable[Mention]) -> Counter:
    return Counter(m.actor for m in mentions if m.form == "name")


def _apply(found: dict, user: overrides_mod.Overrides):
    """The actors after the user's merges, renames and kinds: (canonical name -> Actor, old name -> new name,
    user alias -> canonical name)."""
    by_name: dict[str, Actor] = {}
    for a in found.values():
        if a.name in by_name:  # two clusters chose one spelling: one actor
            _absorb(by_name[a.name], a)
        else:
            by_name[a.name] = Actor(a.name, a.kind, list(a.aliases), a.mentions, list(a.articles))
    rename = {a.name: a.name for a in found.values()}

    def owner(name: str) -> str | None:
        low = name.lower()
        for a in by_name.values():
            if a.name.lower() == low or any(x.lower() == low for x in a.aliases):
                return a.name
        return None

    user_aliases: dict[str, str] = {}
    for group in user.merge:
        head = group[0]
        owners = list(dict.fromkeys(o for o in map(owner, group) if o))
        target = by_name[owners[0]] if owners else Actor(head, "other")
        for other in owners[1:]:
            _absorb(target, by_name.pop(other))
            _redirect(rename, other, target.name)
        if target.name in by_name:
            del by_name[target.name]
        _redirect(rename, target.name, head)
        target.aliases = list(dict.fromkeys(target.aliases + [target.name] + group))
        target.name = head
        by_name[head] = target
        for n in group:
            user_aliases[n.lower()] = head
    for old, new in user.rename.items():
        o = owner(old)
        if o and o != new:
            a = by_name.pop(o)
            _redirect(rename, o, new)
            a.aliases = list(dict.fromkeys(a.aliases + [o]))
            a.name = new
            if new in by_name:
                _absorb(by_name[new], a)
            else:
                by_name[new] = a
            user_aliases[old.lower()] = new
    for name, kind in user.kind.items():
        o = owner(name)
        if o:
            by_name[o].kind = kind
    for a in by_name.values():
        a.aliases = [x for x in dict.fromkeys(a.aliases) if x != a.name]
    return by_name, rename, user_aliases


def _absorb(into: Actor, other: Actor) -> None:
    into.aliases = list(dict.fromkeys(into.aliases + [other.name] + other.aliases))
    into.mentions += other.mentions
    into.articles = list(dict.fromkeys(into.articles + other.articles))


def _redirect(rename: dict[str, str], old: str, new: str) -> None:
    for k, v in rename.items():
        if v == old:
            rename[k] = new
    rename.setdefault(old, new)
