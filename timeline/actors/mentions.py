"""Name mentions in one article: runs of capitalised words, cleaned of titles, possessives and sentence openers.

Every candidate keeps character offsets into ``Article.text``. Which real actor a candidate names is decided
later, across the corpus (``canonical.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Sequence

from ..model import Span, pickled_by_fields
from . import vocab
from .tokens import (
    Token,
    Words,
    acronym,
    acronym_matches,
    bare,
    is_headline,
    is_roleless_suffix,
    opens_clause,
    runs,
    words_and_gaps,
)

MAX_NAME_WORDS = 10  # the longest part of a run looked up as a known name


_ROMAN = re.compile(r"[IVX]{1,5}")
# the words around a name that tell its kind or role (``Finder._role_before`` ...)
_ROLE_WORD_BEFORE = re.compile(r"(?<![A-Za-z-])([A-Za-z-]+)\s$")
_TYPE_NOUN_BEFORE = re.compile(r"(?<![a-z])([a-z]+)(?: of)?\s$")
_TYPE_NOUN_AFTER = re.compile(r"\s([a-z]+)\b")
_ROLE_AFTER = re.compile(r"\s((?:[A-Za-z-]+\s){0,2}?)([A-Za-z-]+)\b")
_WHO_AFTER = re.compile(r",\s+who\b")
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+)?((?:[\w'’-]+ ){0,3}[\w'’-]+)")
_OPENING_BRACKET = re.compile(r"['’]?s?\s*\(\s*")
_LETTERS_AFTER = re.compile(r"(?:['’]s)?\s+([A-Za-z]+)")  # the letters opening the word after a name
_NEXT_WORD = re.compile(r" ([a-z]+)\b")  # a lower-case last word of a name ("the Acme store")
_TITLE_BEFORE = re.compile(r"([A-Z][a-z]+) $")  # a regnal title ("King Hussein")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)(\.?) $")  # title words before a name, read back one by one
_WORD_REACH = 40  # characters looked back for the word before: longer than any title or role
# what a capitalised word is when it is not a name: a pronoun with a verb ("We've"), a currency with an amount
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m)$|n['’]t$", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"\s?[$€£¥]?\d")
_AMOUNT_BEFORE = re.compile(r"\d(?:\.\d+)?\s?(?:million|billion|trillion|bn|mn|m|k)?\s?$")
# the end of a dateline ("JERUSALEM — ", "GAZA CITY, Gaza (Reuters) - ")
_DATELINE_END = re.compile(r"\s*(?:\([^)\n]{1,30}\)\s*)?(?:,[^,—–\n]{1,25}\s*)?(?:—|–|--|-)\s")


@pickled_by_fields
@dataclass(slots=True)
class Candidate:
    start: int  # offsets of the name (titles and possessive 's excluded)
    end: int
    name: str  # the name, single-spaced
    sentence: Span
    titled: bool = False  # a title or role word right before it ("Mr.", "President", "Acme chief")
    honorific: bool = False  # "Mrs. Quennell": a person's short name
    hint: str = ""  # kind from the words around it: person | organisation | place
    acronym_of: str = ""  # "(USAF)" after "United States Air Force" -> that name
    byline: bool = False
    possessor: bool = False  # written with 's
    written: str = ""  # with its title, when it has one ("Mrs. Quennell", "PA chairman Ada Quennell")
    legal_form: bool = False  # written with a legal form after it ("Harwick Inc."): a company's own name
    common_noun: bool = False  # one word the corpus mostly writes in lower case ("the World"): a name only
    # where it stands for a longer name or a person
    tokens: list[str] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


class Finder:
    """Finds candidates in articles; ``known`` is the lower-cased vocabulary of the corpus, ``lower`` the words
    seen in lower case and ``inner`` the capitalised words seen inside sentences (evidence for openers)."""

    def __init__(self, known: set[str], lower: Counter, inner: Counter, seen: dict[str, int]):
        self.known, self.lower, self.inner, self.seen = known, lower, inner, seen
        self._probes: list[Probe] | None = None

    def _ask(self, question: Callable[..., bool], *args) -> bool:
        """``question(name counts, *args)``; each answer is noted while probing."""
        answer = question(self.seen, *args)
        if self._probes is not None:
            self._probes.append((question, args, answer))
        return answer

    def _seen_at_least(self, name: str, times: int) -> bool:
        """Whether the corpus has the name ``times`` times or more (``_ask`` of ``_at_least``, the question asked
        most, written out)."""
        answer = self.seen.get(name, 0) >= times
        if self._probes is not None:
            self._probes.append((_at_least, (name, times), answer))
        return answer

    def probed_sentence(
        self, text: str, sentence: Span, words: Words, headline: bool
    ) -> tuple[list[Candidate], list[Probe]]:
        """The sentence's candidates, and every question on the name counts their finding asked."""
        self._probes = []
        try:
            found = self.sentence(text, sentence, words, headline)
            return found, self._probes
        finally:
            self._probes = None

    def article(self, text: str, spans: Sequence[Span]) -> list[Candidate]:
        out: list[Candidate] = []
        for sentence in spans:
            out.extend(self.sentence(text, sentence))
        return out

    def sentence(
        self, text: str, sentence: Span, words: Words | None = None, headline: bool | None = None
    ) -> list[Candidate]:
        """The candidates in one sentence; its ``Words`` and ``headline`` where the caller has them."""
        out: list[Candidate] = []
        written = text[sentence.start : sentence.end]
        byline_sentence = any(cue in written for cue in _byline_sentence_cues())
        if words is None:
            words = Words.read(text, sentence.start, sentence.end)
        if headline is None:
            headline = is_headline(words.texts, self.lower)
        self.text, self.sentence_span = text, sentence
        for run in runs(text, sentence, self.known, self.lower, words):
            if len(run) == 1 and _no_name_alone(run[0].bare):
                continue
            for part in self._resplit(run, headline):
                for cand in self._split(text, sentence, part):
                    if byline_sentence or self._after_byline_cue(text, cand) or self._dateline(text, cand):
                        cand.byline = True
                    self._extend_head(text, sentence, cand)
                    out.append(cand)
        self._link_parenthesised_acronyms(text, out)
        return out

    def _extend_head(self, text: str, sentence: Span, cand: Candidate) -> None:
        """ "the Acme store", "the Walkman nano": a lower-cased last word of a name the corpus writes in full."""
        if cand.possessor:
            return
        m = _NEXT_WORD.match(text, cand.end, sentence.end)
        if not m:
            return
        longer = f"{cand.name} {m.group(1).capitalize()}"
        if self._seen_at_least(longer, 1) or self._seen_at_least(f"{cand.name} {m.group(1)}", 1):
            cand.end = m.end()
            cand.name = longer if self._seen_at_least(longer, 1) else f"{cand.name} {m.group(1)}"
            cand.tokens = cand.name.split()
            if text[cand.end : cand.end + 2] in ("'s", "’s"):
                cand.possessor = True

    def _resplit(self, run: list[Token], headline: bool) -> list[list[Token]]:
        """Cut a run into names seen elsewhere in the corpus when it is not one itself.

        In a headline every run is cut so ("Rivals Sign Accord Acme" -> Acme); elsewhere only
        a run seen once that is two or more names seen elsewhere ("told Reuters Acme and Zeta")."""
        if len(run) == 1:
            return [] if headline and self._common_word(run[0].bare) else [run]
        words = [t.bare for t in run]
        whole = " ".join(words)
        if headline and self._seen_at_least(whole, 1):
            return [run]
        if not headline:
            prefixes = tuple(" ".join(words[:j]) for j in range(min(len(run) - 1, MAX_NAME_WORDS), 0, -1))
            if self._ask(_kept_whole, prefixes, whole):
                return [run]
        if headline and (self._person_like(run) or self._role_before(self.text, self.sentence_span, run[0])):
            return [run]
        out, i = [], 0
        while i < len(run):
            for j in range(min(len(run), i + MAX_NAME_WORDS), i, -1):
                part = " ".join(words[i:j])
                if self._seen_at_least(part, 1) and (i, j) != (0, len(run)):
                    out.append(run[i:j])
                    i = j
                    break
            else:
                if not headline:
                    return [run]
                if run[i].bare.lower() in self.inner:
                    out.append(run[i : i + 1])
                i += 1
        return out

    @staticmethod
    def _person_like(run: list[Token]) -> bool:
        """A given name and one to three more names ("Khaled Meshaal")."""
        return (
            2 <= len(run) <= 4
            and vocab.given_name_gender(run[0].bare) != "unknown"
            and not any(vocab.is_title(t.bare) or t.bare.lower() in vocab.stopwords() for t in run)
        )

    def _split(self, text: str, sentence: Span, run: list[Token]) -> Iterable[Candidate]:
        """One run of capitalised words -> the names in it (titles and time words cut out)."""
        pieces: list[list[Token]] = [[]]
        flags: list[list[bool]] = [[self._role_before(text, sentence, run[0]), False]]  # titled, honorific
        ends_org: bool | None = run[-1].bare.lower().rstrip(".") in vocab.org_suffixes() and len(run) > 1
        if not ends_org:
            ends_org = None  # asked of the name counts only where a title word is in the run
        for k, t in enumerate(run):
            w = t.bare
            low = w.lower().rstrip(".")
            if low in vocab.time_words() or (pieces[-1] and w[:1].isupper() and _stopword(w)):
                if low in vocab.weekdays() and len(pieces[-1]) == 1:
                    pieces[-1] = []  # "Black Monday", "Super Tuesday": the name of a day, not an actor
                pieces.append([])  # "U.S. And Iraq": a capitalised function word is no part of a name
                flags.append([False, False])
                continue
            if pieces[-1] and (
                vocab.org_suffixes().get(pieces[-1][-1].bare.lower().rstrip("."))
                or self._person_after_organisation(pieces[-1], run[k : k + 4])
            ):
                # "Zeta LLC Ray Tolland": a legal form ends the company's name; "the Zeta Air Force for
                # Acquisition Ray Tolland": a person's full name after an organisation's is the person
                pieces.append([])
                flags.append([False, False])
            rest = run[k + 1 : k + 3]  # what follows, as far as the tests below read it
            title = vocab.is_title(w)
            if title and ends_org is None:
                # "General Mills' share" where the corpus writes "General Mills Inc.": a title word inside a
                # known name
                ends_org = len(run) > 1 and self._seen_at_least(" ".join(t.bare for t in run), 1)
            if title and not ends_org and not is_roleless_suffix(rest):
                address = low in vocab.forms_of_address()
                if pieces[-1]:
                    flags[-1] = [False, False]  # "PA Prime Minister": a qualifier between titles
                    pieces.append([])
                    flags.append([bool(rest), address])
                else:
                    flags[-1] = [flags[-1][0] or bool(rest), flags[-1][1] or address]
                continue
            pieces[-1].append(t)
        for piece, (titled, honorific) in zip(pieces, flags):
            piece = self._trim(text, sentence, piece)
            if piece:
                yield from self._candidates(text, sentence, piece, titled, honorific)

    @staticmethod
    def _person_after_organisation(before: list[Token], rest: list[Token]) -> bool:
        """A known given name and one or two surnames end the run, after words holding an organisation's word."""
        return (
            2 <= len(rest) <= 3
            and vocab.given_name_gender(rest[0].bare) != "unknown"
            and all(t.bare.isalpha() and t.bare[:1].isupper() and t.bare[1:].islower() for t in rest)
            and any(t.bare.lower() in vocab.org_suffixes() for t in before)
        )

    def _trim(self, text: str, sentence: Span, piece: list[Token]) -> list[Token]:
        """Drop sentence openers and stop-words from the start, and legal forms ("N.V.", "Inc.") from the end."""
        first = 0
        while first < len(piece):
            w = piece[first].bare
            if _stopword(w):
                first += 1
                continue
            at_start = opens_clause(text, sentence.start, piece[first].start)
            if at_start and len(piece) - first > 1 and self._common_word(w):
                first += 1
                continue
            if (
                at_start
                and len(piece) - first == 1
                and (self._common_word(w) or self._lone_opener(text, w, piece[first]))
            ):
                return []
            break
        last = len(piece)
        while last - first > 1 and vocab.org_suffixes().get(piece[last - 1].bare.lower().rstrip(".")):
            last -= 1
        while last > first and piece[last - 1].bare.lower() in _links():
            last -= 1
        piece = piece[first:last]
        if len(piece) == 1 and _stopword(piece[0].bare) is not None:
            return []
        if piece and self._not_a_name(text, sentence, piece):
            return []
        return piece

    def _not_a_name(self, text: str, sentence: Span, piece: list[Token]) -> bool:
        """Time zones, units, legal forms and generic nouns alone (vocab.not_names), money ("US$", "USD 5
        million") and a sentence adverb opening a clause ("Additionally, ...")."""
        name = piece[0].bare if len(piece) == 1 else " ".join([t.bare for t in piece])
        if name.lower().rstrip(".") in vocab.not_names():
            return True
        if len(piece) > 1:
            return False
        tok = piece[0]
        if ("'" in tok.text or "’" in tok.text) and _CONTRACTION.search(tok.text):  # "We've": pronoun, verb
            return True
        nxt = text[tok.end : tok.end + 1]
        if nxt and nxt in "$€£¥":
            return True
        if tok.bare in vocab.currency_codes() and (
            _AMOUNT_AFTER.match(text, tok.end) or _AMOUNT_BEFORE.search(text, max(0, tok.start - 16), tok.start)
        ):
            return True
        return tok.bare.endswith("ly") and nxt == "," and opens_clause(text, sentence.start, tok.start)

    def _lone_opener(self, text: str, word: str, token: Token) -> bool:
        """ "Structure-wise, ...": a capitalised compound opening a sentence, never a name elsewhere."""
        return (
            text[token.start + len(word) : token.start + len(word) + 1] == "-"
            and word.lower() not in self.inner
            and not self._seen_at_least(word, 2)
            and not vocab.is_place_name(word)
        )

    def _common_noun(self, word: str) -> bool:
        """A word the corpus writes in lower case at least as often as capitalised inside sentences ("the World",
        "People", "the Partnership"): a common noun capitalised in a title or a longer name, not a name alone.
        Places and the names of the tables are names whatever else the word means."""
        low = word.lower()
        return (
            self.lower.get(low, 0) >= 2
            and self.lower[low] >= self.inner.get(low, 0)
            and not acronym(word)
            and not vocab.is_place_name(word)
            and vocab.fold(word) not in vocab.known_actors()
        )

    def _common_word(self, word: str) -> bool:
        """A capitalised sentence opener that the corpus otherwise writes in lower case and never capitalised."""
        low = word.lower()
        return low in self.lower and low not in self.inner

    def _candidates(self, text, sentence, piece, titled, honorific) -> Iterable[Candidate]:
        # "... Space Company EADS": a trailing acronym of the words before it is an alias, not part of the name
        last = acronym(piece[-1].bare)
        if len(piece) > 2 and last and acronym_matches(last, [t.bare for t in piece[:-1]]):
            head = self._make(text, sentence, piece[:-1], titled, honorific)
            yield head
            acr = self._make(text, sentence, piece[-1:], False, False)
            acr.acronym_of = head.name
            yield acr
            return
        yield self._make(text, sentence, piece, titled, honorific)

    def _make(self, text, sentence, piece, titled, honorific) -> Candidate:
        start, end = piece[0].start, piece[-1].start + len(piece[-1].bare)
        words = [t.bare for t in piece]
        name = words[0]
        for k in range(1, len(piece)):
            name += (" & " if "&" in text[piece[k - 1].end : piece[k].start] else " ") + words[k]
        regnal = self._regnal_title_before(text, sentence, start)
        if regnal and (len(words) == 1 or (len(words) == 2 and _ROMAN.fullmatch(words[1]))):
            # "King Hussein", "Pope Benedict XVI": the title and a given name are the name; "Hussein" alone
            # would be read as a family name and joined to any full name ending in it
            start, name, words = regnal.start(1), f"{regnal.group(1)} {name}", [regnal.group(1)] + words
        common_noun = len(piece) == 1 and self._common_noun(piece[0].bare)
        if words[0].lower() in vocab.regnal_titles() and len(words) > 1:
            titled, honorific, common_noun = True, False, False
        hint = "person" if titled else ""
        suffix = words[-1].lower().rstrip(".")
        legal_form = text[end : end + 12].lstrip().split(" ")[0].rstrip(".,").lower() in vocab.legal_forms()
        if suffix in vocab.org_suffixes() or legal_form:
            hint = hint or "organisation"
        noun = not titled and (  # a title says more
            self._type_noun_before(text, sentence, start)
            or self._type_noun_after(text, sentence, end)
            or self._role_after(text, sentence, end)
        )
        if noun:
            hint = noun
        if not hint and self._person_after(text, sentence, end):
            hint = "person"
        hint = hint or self._kind_cue(text, sentence, start, end)
        return Candidate(
            start,
            end,
            name,
            sentence,
            titled=titled,
            honorific=honorific,
            hint=hint,
            possessor=piece[-1].possessive,
            tokens=words,
            legal_form=legal_form,
            common_noun=common_noun,
            written=self._with_title(text, sentence, start, end) if titled else "",
        )

    def _regnal_title_before(self, text: str, sentence: Span, start: int) -> re.Match | None:
        lo = max(sentence.start, start - 12)
        word = _word_before(text, lo, start)
        if word is None or word.islower():
            return None  # no word before, or one in lower case: no title
        m = _TITLE_BEFORE.search(text, lo, start)
        return m if m and m.group(1).lower() in vocab.regnal_titles() else None

    @staticmethod
    def _kind_cue(text: str, sentence: Span, start: int, end: int) -> str:
        """The kind the words around a name give (actor_kind_cues.csv): "shares of Zeta", "based in Lyon"."""
        before, after = vocab.kind_cues()
        last_words, first_letters = vocab.kind_cue_edges()
        lo, hi = max(sentence.start, start - 30), min(sentence.end, end + 30)
        word = _word_before(text, lo, start)
        if word and word.lower() == "the" and "the" not in last_words:  # "shares of the Zeta group"
            word = _word_before(text, lo, start - 1 - len(word))
        m = None
        if word == "":  # not a plain word: the whole pattern reads the words before
            m = before.search(text, lo, start)
        elif word and word.lower() in last_words:  # a plain word before the name (or its "the") ends a cue
            m = vocab.kind_cues_before_ending_with(word.lower()).search(text, lo, start)
        if m:
            return vocab.cue_kind(m)
        if end >= hi or not (text[end] in "'’-" or text[end].isspace()):
            return ""  # the pattern after a name starts with a possessive, white space or a hyphen
        nxt = _LETTERS_AFTER.match(text, end, hi)
        if nxt and nxt.group(1) not in first_letters:
            return ""  # the word after the name opens no cue
        m = after.match(text, end, hi)
        return vocab.cue_kind(m) if m else ""

    def _with_title(self, text: str, sentence: Span, start: int, end: int) -> str:
        """The name with the title words before it, and the name a lower-case role is of ("PA chairman")."""
        pos, role, owner = start, False, 0
        while True:
            m = _WORD_BEFORE.search(text, max(sentence.start, pos - _WORD_REACH), pos)
            if not m:
                break
            word = m.group(1)
            if vocab.is_title(word):
                pos, role = m.start(), role or word.islower()
                continue
            if role and word[0].isupper() and not m.group(2) and owner < 2:
                pos, owner = m.start(), owner + 1  # "Acme Trust chairman": whose role it is
                continue
            break
        written = " ".join(text[pos:end].split())
        return written if pos < start and written[0].isupper() else ""

    def _role_before(self, text: str, sentence: Span, first: Token) -> bool:
        """A lower-case role word right before the name: "PA chairman Ada Quennell", "Acme official Ray"."""
        lo = max(sentence.start, first.start - 40)
        word = _word_before(text, lo, first.start)
        if word is None:
            return False
        if word:  # the word the pattern reads
            return word.islower() and word in vocab.roles()
        m = _ROLE_WORD_BEFORE.search(text[lo : first.start])
        return m is not None and m.group(1).islower() and m.group(1) in vocab.roles()

    def _type_noun_before(self, text: str, sentence: Span, start: int) -> str:
        """ "the militant group Zeta" -> organisation; "the city of Lyon" -> place."""
        lo = max(sentence.start, start - 30)
        word = _word_before(text, lo, start)
        if word is None:
            return ""
        if word.islower() and word != "of":  # the word the pattern reads
            return vocab.type_nouns().get(word, "")
        m = _TYPE_NOUN_BEFORE.search(text[lo:start])
        return vocab.type_nouns().get(m.group(1), "") if m else ""

    @staticmethod
    def _type_noun_after(text: str, sentence: Span, end: int) -> str:
        """ "the Zeta movement", "Zeta party member" -> organisation."""
        if end >= sentence.end or not text[end].isspace():
            return ""  # the pattern starts with white space
        m = _TYPE_NOUN_AFTER.match(text[end : min(sentence.end, end + 20)])
        return vocab.type_nouns().get(m.group(1), "") if m else ""

    @staticmethod
    def _role_after(text: str, sentence: Span, end: int) -> str:
        """ "Acme CEO Ray Tolland", "a Zeta spokesman": the name before a role held in an organisation."""
        if end >= sentence.end or not text[end].isspace():
            return ""  # the pattern starts with white space
        m = _ROLE_AFTER.match(text[end : min(sentence.end, end + 40)])
        if (
            m
            and text[end : end + 2] not in ("'s", "’s")
            and m.group(2).lower() in vocab.organisation_roles()
            and all(w.islower() or vocab.is_title(w) for w in m.group(1).split())
        ):
            return "organisation"
        return ""

    @staticmethod
    def _person_after(text: str, sentence: Span, end: int) -> bool:
        """ "Quennell, who ...", "Ray Tolland, a Zeta spokesman": English uses "who" and role appositions for people."""
        if not text.startswith(",", end, sentence.end):
            return False  # both patterns start with the comma
        after = text[end : min(sentence.end, end + 60)]
        if _WHO_AFTER.match(after):
            return True
        m = _APPOSITION.match(after)
        if not m:
            return False
        # the apposition's words up to a function word ("a Zeta central committee member taking part",
        # not "the group whose spokesman"): a role among them, and no kind of organisation after it
        words = []
        for word in m.group(1).split():
            if word in vocab.function_words():
                break
            words.append(word)
        roles = [i for i, w in enumerate(words) if w.islower() and w in vocab.roles()]
        return bool(roles) and not any(w in vocab.type_nouns() for w in words[roles[-1] + 1 :])

    def _dateline(self, text: str, cand: Candidate) -> bool:
        """ "JERUSALEM — ...", "GAZA CITY, Gaza (Reuters) - ...": the place a story was filed from, not an actor."""
        return (
            cand.start == cand.sentence.start
            and text[cand.start : cand.end].isupper()
            and _DATELINE_END.match(text, cand.end) is not None
        )

    def _after_byline_cue(self, text: str, cand: Candidate) -> bool:
        lo = max(cand.sentence.start, cand.start - 30)
        word = _word_before(text, lo, cand.start)
        if word is None or (word and word not in vocab.byline_cue_last_words()):
            return False  # no cue ends with the word before the name
        return vocab.byline_cue_before().search(text[lo : cand.start]) is not None

    @staticmethod
    def _link_parenthesised_acronyms(text: str, cands: list[Candidate]) -> None:
        """ "United States Air Force (USAF)": the acronym in brackets right after a name is its alias."""
        for prev, cand in zip(cands, cands[1:]):
            between = text[prev.end : cand.start]
            if "(" in between and _OPENING_BRACKET.fullmatch(between) and text[cand.end : cand.end + 1] == ")":
                acr = acronym(cand.name)
                if acr and acronym_matches(acr, prev.tokens):
                    cand.acronym_of = prev.name
                elif acr and prev.acronym_of == "" and len(prev.tokens) > 1:
                    # "EADS N.V. (EADS)": the same acronym again
                    for other in cands:
                        if other.name == acr and other.acronym_of:
                            cand.acronym_of = other.acronym_of


def _word_before(text: str, lo: int, pos: int) -> str | None:
    """The word right before ``pos``, for the patterns that read the words before a name in ``text[lo:pos]``
    (``_ROLE_WORD_BEFORE`` ...): None where they find nothing (each ends with white space, then a word
    before it); the word where it is plain ASCII letters with a space (or ``lo``) before it and one white-space
    character after it: what they read there, so that a look-up in a word list can stand for them; else ""."""
    if pos - 1 <= lo or not text[pos - 1].isspace():
        return None
    space = text.rfind(" ", lo, pos - 1)
    word = text[space + 1 if space >= 0 else lo : pos - 1]
    return word if word.isascii() and word.isalpha() else ""


@lru_cache(maxsize=None)
def _byline_sentence_cues() -> tuple[str, ...]:
    """Byline cues that make their whole sentence a byline ("contributed reporting")."""
    return tuple(cue for cue, where in vocab.byline_cues() if where == "sentence")


@lru_cache(maxsize=None)
def _links() -> frozenset[str]:
    """Words that end no name ("University of", "Marks and"): ``_trim`` cuts them from the end."""
    return frozenset({"of", "and", "&", "the"} | vocab.particles())


def _no_name_alone(word: str) -> bool:
    """A word that names nothing on its own: a stop-word ("The", "However", "Japanese") or a time word ("April");
    ``_split`` and ``_trim`` would leave nothing of a run of it alone (and what they may ask of the name counts on
    the way cannot change that)."""
    return _stopword(word) is not None or word.lower().rstrip(".") in vocab.time_words()


def _stopword(word: str) -> bool | None:
    """Whether a capitalised word is no name (actor_stopwords.csv): True where it is also cut from the start of a
    name, False where only a name of its own, None where it is no stop-word. In capitals it is an acronym
    ("US" is the country, not "us")."""
    found = vocab.stopwords().get(word.lower())
    return None if found is None or acronym(word) else found


@dataclass
class WordCounts:
    """How a corpus writes its words: every word (lower-cased), how often each is written in lower case, and how
    often capitalised right after a lower-case word ("met in Lyon"). Counts of parts of a corpus add up."""

    known: set[str] = field(default_factory=set)
    lower: Counter = field(default_factory=Counter)
    inner: Counter = field(default_factory=Counter)

    def add(self, other: WordCounts) -> WordCounts:
        self.known |= other.known
        self.lower.update(other.lower)
        self.inner.update(other.inner)
        return self


def word_counts(texts: Iterable[tuple[str, Sequence[Span]]]) -> WordCounts:
    counts = WordCounts()
    known, lower, inner = counts.known, counts.lower, counts.inner
    for text, spans in texts:
        for s in spans:
            _count_words(words_and_gaps(text, s.start, s.end), known, lower, inner)
    return counts


def _count_words(parts: list[str], known: set[str], lower: Counter, inner: Counter) -> None:
    """``word_counts`` of one sentence from its ``words_and_gaps``."""
    previous = ""  # the word before, as written ("" before the first)
    pairs = iter(parts)
    for gap, written in zip(pairs, pairs):  # the gap before each word, and the word
        w = bare(written)
        low = w.lower()
        known.add(low)
        if w.islower():
            lower[low] += 1
        elif gap == " " and w[:1].isupper() and previous.islower():
            inner[low] += 1
        previous = written


Probe = tuple[Callable[..., bool], tuple, bool]  # (question on the name counts, its arguments, answer)


def _at_least(seen: Mapping[str, int], name: str, times: int) -> bool:
    return seen.get(name, 0) >= times


def _kept_whole(seen: Mapping[str, int], prefixes: tuple[str, ...], whole: str) -> bool:
    """A run outside a headline stays whole unless a name seen elsewhere starts it and the run itself is not a
    name the corpus has twice."""
    return not any(seen.get(p, 0) >= 1 for p in prefixes) or seen.get(whole, 0) >= 2


@dataclass
class FirstLook:
    """An article's candidates found with the corpus's word counts but before its name counts were known,
    sentence by sentence with the questions on the name counts that decided them, and the names it adds to
    the corpus's counts (found outside headlines)."""

    sentences: list[tuple[list[Candidate], list[Probe]]]
    names: Counter


def first_look(counts: WordCounts, text: str, spans: Sequence[Span]) -> FirstLook:
    finder = Finder(counts.known, counts.lower, counts.inner, {})
    sentences: list[tuple[list[Candidate], list[Probe]]] = []
    names: list[str] = []
    for s in spans:
        words = Words.read(text, s.start, s.end)
        headline = is_headline(words.texts, counts.lower)
        found, probes = finder.probed_sentence(text, s, words, headline)
        sentences.append((found, probes))
        if not headline:
            names.extend(c.name for c in found)
    return FirstLook(sentences, Counter(names))


def final_candidates(finder: Finder, text: str, spans: Sequence[Span], first: FirstLook) -> list[Candidate]:
    """The article's candidates with the corpus's name counts (``finder``): a sentence whose first look asked
    only questions the counts answer the same way keeps what it found then; the others are read again."""
    out: list[Candidate] = []
    for s, (found, probes) in zip(spans, first.sentences):
        if all(question(finder.seen, *args) == answer for question, args, answer in probes):
            out.extend(found)
        else:
            out.extend(finder.sentence(text, s))
    return out


def name_counts(looks: Iterable[FirstLook]) -> Counter:
    """How often each name is found outside headlines: the first looks' names added up (in any order)."""
    seen: Counter = Counter()
    for look in looks:
        seen.update(look.names)
    return seen


def make_finder(counts: WordCounts, seen: Counter) -> Finder:
    """A finder for a corpus: which words it writes in lower case, which capitalised words it writes after a
    lower-case word ("met in Lyon": a name; "Despite", "Establish" are seen only at the start of sentences or
    among other capitalised words) (``counts``), and how often each name occurs outside headlines (``seen``)."""
    return Finder(counts.known, counts.lower, counts.inner, dict(seen))


def find_candidates(texts: Sequence[tuple[str, Sequence[Span]]]) -> list[list[Candidate]]:
    """Every text's name candidates, found with the counts of all of them."""
    counts = word_counts(texts)
    looks = [first_look(counts, text, spans) for text, spans in texts]
    finder = make_finder(counts, name_counts(looks))
    return [final_candidates(finder, text, spans, look) for (text, spans), look in zip(texts, looks)]
