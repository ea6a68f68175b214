"""What actor a user's words mean: the one rule behind ``--actor``, the dashboard's actor filter and ``?actor=``.

    resolve("Mrs. Quennell's", aliases)   # Resolution(matches=("Ada Quennell",), ...)
    resolve("Boing", aliases)             # Resolution(matches=(), suggestions=("Boeing",))

In order: the exact name or alias (any case, also without a title or "the" before it, a legal form such as
"Inc." or a possessive 's after it); else a fuller or shorter form of exactly one actor's name (every word of
the query in order in one of its names, or every word of one of its multi-word names in the query). Anything
else matches nothing: close spellings come back as suggestions and are never applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from . import vocab

SUGGESTIONS = 3  # at most this many close spellings
SUGGEST_SCORE = 80  # rapidfuzz WRatio (0-100) a spelling needs to be suggested
AMBIGUOUS_SHOWN = 5  # at most this many of the actors an ambiguous query fits


@dataclass(frozen=True)
class Resolution:
    query: str
    matches: tuple[str, ...] = ()  # canonical names the query means (at most one unless given several)
    suggestions: tuple[str, ...] = ()  # canonical names spelled like it, when nothing matches

    def __bool__(self) -> bool:
        return bool(self.matches)

    def message(self) -> str:
        """``no actor named 'Boing'; did you mean: Boeing?`` (empty when the query matched)."""
        if self.matches:
            return ""
        text = f"no actor named {self.query!r}"
        return text + (f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else "")


class Resolver:
    """Resolves queries against one alias map (lower-cased alias or canonical name -> canonical name)."""

    def __init__(self, aliases: Mapping[str, str]):
        self._exact = {_normal(k): v for k, v in aliases.items()}
        bare: dict[str, set[str]] = {}
        for alias, name in self._exact.items():
            bare.setdefault(bare_form(alias), set()).add(name)
        self._bare = {k: next(iter(v)) for k, v in bare.items() if len(v) == 1}  # only where one actor fits
        self._words = [(_words(alias), name) for alias, name in self._exact.items()]

    @classmethod
    def for_names(cls, names: Iterable[str], aliases: Mapping[str, str] | None = None) -> Resolver:
        """A resolver over ``names`` (canonical names, e.g. those of an event table) and their ``aliases``."""
        merged = {_normal(n): n for n in names if isinstance(n, str) and n.strip()}
        merged.update(aliases or {})
        return cls(merged)

    def resolve(self, query: str, suggest: bool = True) -> Resolution:
        key = _normal(query)
        if not key:
            return Resolution(query)
        exact = self._exact.get(key) or self._exact.get(bare_form(key)) or self._bare.get(bare_form(key))
        if exact:
            return Resolution(query, (exact,))
        fitting = self._forms(_words(bare_form(key)))
        if len(fitting) == 1:
            return Resolution(query, tuple(fitting))
        return Resolution(query, (), self._suggest(key, fitting) if suggest else ())

    def _forms(self, words: list[str]) -> list[str]:
        """The actors with a fuller spelling of ``words`` or a multi-word spelling that ``words`` hold."""
        if not words or all(vocab.is_title(w) for w in words):
            return []  # "mayor", "general": a title alone names no one in particular
        out: dict[str, None] = {}
        for alias_words, name in self._words:
            if _in_order(words, alias_words) or (len(alias_words) >= 2 and _in_order(alias_words, words)):
                out.setdefault(name)
        return list(out)

    def _suggest(self, key: str, fitting: list[str]) -> tuple[str, ...]:
        """The several actors a form fitted, else the actors with a name spelled like the query."""
        from rapidfuzz import fuzz, process

        found = process.extract(
            key, list(self._exact), scorer=fuzz.WRatio, score_cutoff=SUGGEST_SCORE, limit=None, processor=None
        )
        ranked = [self._exact[alias] for alias, _, _ in sorted(found, key=lambda f: (-f[1], f[0]))]
        if fitting:  # ambiguous: those that fit, closest spelling first
            ranked = [n for n in ranked if n in fitting] + fitting
        return tuple(dict.fromkeys(ranked))[: SUGGESTIONS if not fitting else AMBIGUOUS_SHOWN]


def resolve(query: str, aliases: Mapping[str, str]) -> Resolution:
    return Resolver(aliases).resolve(query)


def bare_form(query: str) -> str:
    """Without titles or "the" before it, a legal form or a possessive after it: "Mrs. Quennell's" -> "quennell"."""
    words = query.lower().replace(",", " ").split()
    while len(words) > 1 and (vocab.is_title(words[0]) or words[0] == "the"):
        words = words[1:]
    while len(words) > 1 and vocab.org_suffixes().get(words[-1].rstrip(".")):  # "Apple Inc."
        words = words[:-1]
    return re.sub(r"(?:['’]s|(?<=s)['’])$", "", " ".join(words))


def _normal(text: str) -> str:
    return " ".join(str(text).lower().split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _in_order(needle: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(w in it for w in needle)
