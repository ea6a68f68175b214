"""Name mentions in one article: runs of capitalised words, cleaned of titles, possessives and sentence openers.

Every candidate keeps character offsets into ``Article.text``. Which real actor a candidate names is decided
later, across the corpus (``canonical.py``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..model import Span
from . import vocab

# A word: letters, digits, inner hyphens and apostrophes; or a dotted acronym ("U.S.", "N.V.").
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_][\w&]*(?:[-'’][\w&]+)*(?:['’]s\b|(?<=s)['’](?!\w))?")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
ADDRESS = {"mr", "mrs", "ms", "miss", "mx", "dr"}
_NUMBERISH = re.compile(r"\d{1,2}[A-Za-z]{0,2}|[A-Z]?\d[A-Z]{1,2}")


@dataclass
class Candidate:
    start: int                  # offsets of the name (titles and possessive 's excluded)
    end: int
    name: str                   # the name, single-spaced
    sentence: Span
    titled: bool = False        # a title or role word right before it ("Mr.", "President", "Hamas chief")
    honorific: bool = False     # "Mr. Abbas": a person's short name
    hint: str = ""              # kind from the words around it: person | organisation | place
    acronym_of: str = ""        # "(USAF)" after "United States Air Force" -> that name
    byline: bool = False
    possessor: bool = False     # written with 's
    tokens: list[str] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def bare(self) -> str:
        """Without a possessive ending or a sentence-final period."""
        t = self.text
        if t[-2:] in ("'s", "’s"):
            return t[:-2]
        if t[-1:] in ("'", "’") and t[-2:-1].lower() == "s":
            return t[:-1]
        return t

    @property
    def possessive(self) -> bool:
        return self.bare != self.text


def is_namelike(word: str) -> bool:
    """Capitalised, an acronym, or lower-case-then-capital ("iPod", "eBay")."""
    if not word or not word[0].isalpha():
        return False
    if word[0].isupper():
        return True
    return len(word) > 1 and word[0].islower() and word[1].isupper()


def tokens(text: str, start: int, end: int) -> list[Token]:
    urls = [m.span() for m in _URL.finditer(text, start, end)]
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)
            if not any(a <= m.start() < b for a, b in urls)]


def _gap_ok(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    if a.possessive:
        return False
    if gap in (" ", "\u00a0"):
        return True
    # "Mr. Abbas", "Timothy D. Cook": the period of a title or an initial
    return gap in (". ", ".\u00a0") and (vocab.is_title(a.text) or (len(a.text) == 1 and a.text.isupper()))


def _split_runons(tok: Token, known: set[str]) -> list[Token]:
    """"PartnershipNovember" -> "Partnership", "November", when every part is a word seen on its own."""
    parts = _CAMEL.split(tok.text)
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return [tok]
    if not all(p.lower() in known or p.lower() in vocab.time_words() for p in parts):
        return [tok]
    out, pos = [], tok.start
    for p in parts:
        if p.lower() not in vocab.time_words():
            out.append(Token(pos, pos + len(p), p))
        pos += len(p)
    return out


def is_headline(toks: Sequence[Token]) -> bool:
    """Title case: most longer words capitalised (a headline, or a headline run into the text)."""
    long = [t.bare for t in toks if len(t.bare) >= 4 and t.bare[0].isalpha()]
    return len(long) >= 4 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _runs(text: str, sentence: Span, known: set[str], common=lambda w: False) -> list[list[Token]]:
    """Maximal runs of name-like tokens inside one sentence (joining particles, "of" after a name head, numbers).

    In a headline, a capitalised word the corpus otherwise writes in lower case ends the run ("Hamas Establish")."""
    toks: list[Token] = []
    for t in tokens(text, sentence.start, sentence.end):
        toks.extend(_split_runons(t, known))
    runs: list[list[Token]] = []
    cur: list[Token] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        word = t.bare
        if is_namelike(word) and not _hyphen_lower(word):
            if cur and not _gap_ok(text, cur[-1], t):
                runs.append(cur)
                cur = []
            cur.append(t)
            i += 1
            continue
        if _hyphen_lower(word) and is_namelike(word):   # "Hamas-run": the name, then the run ends
            cut = word.index("-")
            if cur and not _gap_ok(text, cur[-1], t):
                runs.append(cur)
                cur = []
            cur.append(Token(t.start, t.start + cut, word[:cut]))
            runs.append(cur)
            cur = []
            i += 1
            continue
        if cur and _joins(text, toks, i, cur, word):
            cur.append(t)
            i += 1
            continue
        if word.split("-")[0].lower() in vocab.particles() and "-" in word and is_namelike(word.split("-", 1)[1]):
            if cur and not _gap_ok(text, cur[-1], t):    # "al-Ahmad" opens or continues a name
                runs.append(cur)
                cur = []
            cur.append(t)
            i += 1
            continue
        if cur:
            runs.append(cur)
            cur = []
        i += 1
    if cur:
        runs.append(cur)
    return runs


def _hyphen_lower(word: str) -> bool:
    """"Hamas-run", "Egyptian-mediated": a name glued to a lower-case word."""
    if "-" not in word:
        return False
    head, _, tail = word.partition("-")
    return bool(tail) and tail[0].islower() and head.lower() not in vocab.particles()


def _joins(text: str, toks: list[Token], i: int, cur: list[Token], word: str) -> bool:
    """Whether a lower-case word or a number stays inside the current name."""
    prev = cur[-1]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if not _gap_ok(text, prev, toks[i]):
        return False
    if _NUMBERISH.fullmatch(word):   # "iPhone 4", "iPhone 3G" -- not "November 24"
        return prev.bare.lower() not in vocab.time_words() and (nxt is None or not is_namelike(nxt.bare)
                                                               or not _gap_ok(text, toks[i], nxt))
    if nxt is None or not is_namelike(nxt.bare) or not _gap_ok(text, toks[i], nxt):
        if word.lower() == "the" and nxt is not None and cur and toks[i - 1].bare.lower() == "of":
            return False
        return False
    low = word.lower()
    if low in vocab.particles():
        return True
    if low == "of":
        head = prev.bare.lower()
        return head in vocab.name_heads() or head in vocab.org_suffixes()
    if low in ("and", "&"):
        # only inside an organisation name: "European Aeronautic Defence and Space Company"
        j = i + 1
        while j < len(toks) and is_namelike(toks[j].bare) and _gap_ok(text, toks[j - 1], toks[j]):
            if toks[j].bare.lower().rstrip(".") in vocab.org_suffixes():
                return not any(vocab.is_title(t.bare) for t in cur)
            if toks[j].possessive:
                break
            j += 1
    return False


def _acronym(word: str) -> str:
    letters = word.replace(".", "")
    return letters if len(letters) >= 2 and letters.isupper() and letters.isalpha() else ""


def initials(words: Sequence[str]) -> str:
    skip = {"and", "of", "the", "for", "&", "de", "du", "la"}
    return "".join(w[0].upper() for w in words if w.lower() not in skip and w[:1].isalpha())


def acronym_matches(acr: str, words: Sequence[str]) -> bool:
    """"USAF" for "United States Air Force"; "EADS" for "European Aeronautic Defence and Space Company"."""
    acr = acr.replace(".", "")
    if len(acr) < 2 or len(words) < 2:
        return False
    full = initials(words)
    content = [w for w in words if w.lower().rstrip(".") not in vocab.org_suffixes()]
    return acr in (full, initials(content)) or (len(acr) >= 3 and full.startswith(acr) and len(full) - len(acr) <= 1)


class Finder:
    """Finds candidates in articles; ``known`` is the lower-cased vocabulary of the corpus, ``lower`` the words
    seen in lower case and ``inner`` the capitalised words seen inside sentences (evidence for openers)."""

    def __init__(self, known: set[str], lower: set[str], inner: set[str], seen: dict[str, int]):
        self.known, self.lower, self.inner, self.seen = known, lower, inner, seen

    def article(self, text: str, spans: Sequence[Span]) -> list[Candidate]:
        out: list[Candidate] = []
        for sentence in spans:
            out.extend(self.sentence(text, sentence))
        return out

    def sentence(self, text: str, sentence: Span) -> list[Candidate]:
        out: list[Candidate] = []
        byline_sentence = any(where == "sentence" and cue in text[sentence.start:sentence.end]
                              for cue, where in vocab.byline_cues())
        headline = is_headline(tokens(text, sentence.start, sentence.end))
        self.text, self.sentence_span = text, sentence
        for run in _runs(text, sentence, self.known):
            for run in self._resplit(run, headline):
                for cand in self._split(text, sentence, run):
                    if byline_sentence or self._after_byline_cue(text, cand):
                        cand.byline = True
                    out.append(cand)
        self._link_parenthesised_acronyms(text, out)
        return out

    def _resplit(self, run: list[Token], headline: bool) -> list[list[Token]]:
        """Cut a run into names seen elsewhere in the corpus when it is not one itself.

        In a headline every run is cut so ("Hamas Establish Partnership Fatah" -> Hamas, Fatah); elsewhere only
        a run seen once that is two or more names seen elsewhere ("told Reuters Fatah and Hamas")."""
        whole = " ".join(t.bare for t in run)
        if headline and len(run) == 1 and self._common_word(whole):
            return []
        if len(run) < 2 or self.seen.get(whole, 0) >= (1 if headline else 2):
            return [run]
        if headline and (self._person_like(run) or self._role_before(self.text, self.sentence_span, run[0])):
            return [run]
        out, i = [], 0
        while i < len(run):
            for j in range(len(run), i, -1):
                part = " ".join(t.bare for t in run[i:j])
                if self.seen.get(part, 0) and (i, j) != (0, len(run)):
                    out.append(run[i:j])
                    i = j
                    break
            else:
                if not headline:
                    return [run]
                if run[i].bare.lower() in self.inner:
                    out.append(run[i:i + 1])
                i += 1
        return out

    @staticmethod
    def _person_like(run: list[Token]) -> bool:
        """A given name and one to three more names ("Khaled Meshaal")."""
        return 2 <= len(run) <= 4 and vocab.given_name_gender(run[0].bare) != "unknown" and \
            not any(vocab.is_title(t.bare) or t.bare.lower() in vocab.stopwords() for t in run)

    def _split(self, text: str, sentence: Span, run: list[Token]) -> Iterable[Candidate]:
        """One run of capitalised words -> the names in it (titles and time words cut out)."""
        pieces: list[list[Token]] = [[]]
        flags: list[list[bool]] = [[self._role_before(text, sentence, run[0]), False]]   # titled, honorific
        ends_org = run[-1].bare.lower().rstrip(".") in vocab.org_suffixes() and len(run) > 1
        for k, t in enumerate(run):
            w = t.bare
            low = w.lower().rstrip(".")
            if low in vocab.time_words():
                pieces.append([])
                flags.append([False, False])
                continue
            rest = run[k + 1:]
            if vocab.is_title(w) and not ends_org and not _is_roleless_suffix(rest):
                address = low in ADDRESS
                if pieces[-1]:
                    flags[-1] = [False, False]   # "PA Prime Minister": a qualifier between titles
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

    def _trim(self, text: str, sentence: Span, piece: list[Token]) -> list[Token]:
        """Drop sentence openers and stop-words from the start, and legal forms ("N.V.", "Inc.") from the end."""
        while piece:
            w = piece[0].bare
            low = w.lower()
            at_start = text[sentence.start:piece[0].start].strip(" \"'“‘(") == ""
            if vocab.stopwords().get(low) or (at_start and len(piece) > 1 and self._common_word(w)):
                piece = piece[1:]
                continue
            if at_start and len(piece) == 1 and self._common_word(w):
                return []
            break
        while piece and vocab.org_suffixes().get(piece[-1].bare.lower().rstrip(".")) and len(piece) > 1:
            piece = piece[:-1]
        while piece and piece[-1].bare.lower() in {"of", "and", "&", "the"} | vocab.particles():
            piece = piece[:-1]
        if len(piece) == 1 and piece[0].bare.lower() in vocab.stopwords():
            return []
        return piece

    def _common_word(self, word: str) -> bool:
        """A capitalised sentence opener that the corpus otherwise writes in lower case and never capitalised."""
        low = word.lower()
        return low in self.lower and low not in self.inner

    def _candidates(self, text, sentence, piece, titled, honorific) -> Iterable[Candidate]:
        # "... Space Company EADS": a trailing acronym of the words before it is an alias, not part of the name
        last = _acronym(piece[-1].bare)
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
        name = " ".join(words)
        hint = "person" if titled else ""
        suffix = words[-1].lower().rstrip(".")
        if suffix in vocab.org_suffixes() or text[end:end + 12].lstrip().split(" ")[0].rstrip(".,").lower() in \
                {k for k, strip in vocab.org_suffixes().items() if strip}:
            hint = hint or "organisation"
        noun = self._type_noun_before(text, sentence, start)
        if noun and not titled:
            hint = noun
        return Candidate(start, end, name, sentence, titled=titled, honorific=honorific, hint=hint,
                         possessor=piece[-1].possessive, tokens=words)

    def _role_before(self, text: str, sentence: Span, first: Token) -> bool:
        """A lower-case role word right before the name: "PA chairman Mahmoud Abbas", "Hamas official Izzat"."""
        before = text[max(sentence.start, first.start - 40):first.start]
        m = re.search(r"([A-Za-z-]+)\s$", before)
        return bool(m) and m.group(1).islower() and m.group(1) in vocab.roles()

    def _type_noun_before(self, text: str, sentence: Span, start: int) -> str:
        """"the Islamic group Hamas" -> organisation; "the city of Cairo" -> place."""
        before = text[max(sentence.start, start - 30):start]
        m = re.search(r"([a-z]+)(?: of)?\s$", before)
        return vocab.type_nouns().get(m.group(1), "") if m else ""

    def _after_byline_cue(self, text: str, cand: Candidate) -> bool:
        before = text[max(cand.sentence.start, cand.start - 30):cand.start]
        return any(where == "before" and re.search(rf"(?:^|\W){re.escape(cue)}\s+$", before)
                   for cue, where in vocab.byline_cues())

    @staticmethod
    def _link_parenthesised_acronyms(text: str, cands: list[Candidate]) -> None:
        """"United States Air Force (USAF)": the acronym in brackets right after a name is its alias."""
        for prev, cand in zip(cands, cands[1:]):
            between = text[prev.end:cand.start]
            if re.fullmatch(r"['’]?s?\s*\(\s*", between) and text[cand.end:cand.end + 1] == ")":
                acr = _acronym(cand.name)
                if acr and acronym_matches(acr, prev.tokens):
                    cand.acronym_of = prev.name
                elif acr and prev.acronym_of == "" and len(prev.tokens) > 1:
                    # "EADS N.V. (EADS)": the same acronym again
                    for other in cands:
                        if other.name == acr and other.acronym_of:
                            cand.acronym_of = other.acronym_of


def _is_roleless_suffix(rest: list[Token]) -> bool:
    """"General Motors": a title word followed only by an organisation word is part of the name."""
    return len(rest) == 1 and rest[0].bare.lower().rstrip(".") in vocab.org_suffixes()


def make_finder(texts: Iterable[tuple[str, Sequence[Span]]]) -> Finder:
    """A finder for a corpus: which words it writes in lower case, which capitalised words it writes after a
    lower-case word ("met in Cairo": a name; "Despite", "Establish" are seen only at the start of sentences or
    among other capitalised words), and how often each name occurs outside headlines."""
    texts = list(texts)
    known, lower, inner = set(), set(), set()
    for text, spans in texts:
        for s in spans:
            prev = None
            for t in tokens(text, s.start, s.end):
                w = t.bare
                low = w.lower()
                known.add(low)
                if w.islower():
                    lower.add(low)
                elif prev is not None and w[:1].isupper() and prev.text.islower() and text[prev.end:t.start] == " ":
                    inner.add(low)
                prev = t
    seen: dict[str, int] = {}
    finder = Finder(known, lower, inner, seen)
    for text, spans in texts:
        for s in spans:
            if not is_headline(tokens(text, s.start, s.end)):
                for cand in finder.sentence(text, s):
                    seen[cand.name] = seen.get(cand.name, 0) + 1
    return finder
