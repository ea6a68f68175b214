"""Words and runs of capitalised words: the raw material of name mentions (``mentions.py``).

A run is a stretch of name-like words inside one sentence ("Ada Quennell", "United States Air Force",
"Boeing 787"), joined across name particles ("bin", "al-"), the links of actor_name_links.csv ("University
of ...", "Institute for ...") and model numbers, and cut at possessives and punctuation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import AbstractSet as Set, Container, Sequence

from ..model import Span
from . import vocab

# A word: a dotted acronym ("U.S.", "N.V."); or letters, digits, inner hyphens and apostrophes. Written to start
# with the one character every word starts with, which lets the regex engine skip quickly to the next word, and
# with possessive quantifiers (nothing after them can fail, so giving back is never needed): the words of every
# sentence are read with it.
_TOKEN = re.compile(r"[^\W_](?:(?<=[A-Za-z])\.(?:[A-Za-z]\.)+|[\w&]*+(?:[-'’][\w&]++)*+(?:['’]s\b|(?<=s)['’](?!\w))?+)")
_TOKEN_AND_GAPS = re.compile(f"({_TOKEN.pattern})")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# where _CAMEL splits, written to start with the capital there: the regex engine skips quickly to the next capital
_HAS_CAMEL = re.compile(r"[A-Z](?:(?<=[a-z][A-Z])|(?<=[A-Z][A-Z])(?=[a-z]))")
# a model number after a name ("Boeing 787", "Galaxy S3", "Airbus A380") -- not a year ("WWDC 2005")
_NUMBERISH = re.compile(r"\d{1,3}[A-Za-z]{0,2}|(?!1[89]\d\d|20\d\d)\d{4}|[A-Z]?\d[A-Z]{1,2}")


class Token:
    """A word at ``start:end`` of the text; ``bare`` is the word without a possessive ending."""

    __slots__ = ("start", "end", "text", "bare")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text
        self.bare = bare(text)

    @property
    def possessive(self) -> bool:
        return self.bare != self.text

    def __eq__(self, other) -> bool:
        return isinstance(other, Token) and (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


def bare(word: str) -> str:
    """The word without a possessive ending ("Acme's", "Ministries'")."""
    if "'" not in word and "’" not in word:  # (most words: it is read for every word of a corpus)
        return word
    last = word[-1:]
    if last == "s" and word[-2:-1] in ("'", "’"):
        return word[:-2]
    if last in ("'", "’") and word[-2:-1].lower() == "s":
        return word[:-1]
    return word


def is_namelike(word: str) -> bool:
    """Capitalised, an acronym, or lower-case-then-capital ("eBay", "iRobot")."""
    if not word or not word[0].isalpha():
        return False
    if word[0].isupper():
        return True
    return len(word) > 1 and word[0].islower() and word[1].isupper()


def words_and_gaps(text: str, start: int, end: int) -> list[str]:
    """The words of ``text[start:end]`` as ``Words`` reads them, between the text around them: [before the
    first word, word, gap, word, ..., after the last word]. Quicker than ``Words`` where no offsets are needed.
    Like ``Words`` it leaves out the words inside a web address (the gap around them holds it)."""
    piece = text[start:end]
    if "http" in piece or "www." in piece:
        return Words.read(text, start, end).with_gaps(text, start, end)
    return _TOKEN_AND_GAPS.split(piece)


class Words:
    """The words of ``text[start:end]`` (``_TOKEN``; none inside a web address), held as their strings
    (``texts``) and start offsets: a ``Token`` is made only for a word that is read closely (``words[i]``).
    Most words of a sentence are lower-case words that no name starts with, and need no more than their
    string."""

    __slots__ = ("texts", "starts")

    def __init__(self, texts: list[str], starts: list[int]):
        self.texts, self.starts = texts, starts

    @classmethod
    def read(cls, text: str, start: int, end: int) -> Words:
        piece = text[start:end]
        parts = _TOKEN_AND_GAPS.split(piece)
        words = cls(parts[1::2], list(accumulate(map(len, parts), initial=start))[1:-1:2])
        if "http" in piece or "www." in piece:
            return words._outside_web_addresses(text, start, end)
        return words

    def _outside_web_addresses(self, text: str, start: int, end: int) -> Words:
        """The words not inside a web address."""
        urls = [m.span() for m in _URL.finditer(text, start, end)]
        url_starts = [a for a, _ in urls]
        kept = [i for i, pos in enumerate(self.starts) if not _inside(urls, url_starts, pos)]
        return Words([self.texts[i] for i in kept], [self.starts[i] for i in kept])

    def with_gaps(self, text: str, start: int, end: int) -> list[str]:
        """The words between the text around them, as ``words_and_gaps`` gives them."""
        parts: list[str] = []
        pos = start
        for word, at in zip(self.texts, self.starts):
            parts += (text[pos:at], word)
            pos = at + len(word)
        parts.append(text[pos:end])
        return parts

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> Token:
        start = self.starts[i]
        word = self.texts[i]
        return Token(start, start + len(word), word)


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies in one of the spans (sorted, not overlapping; ``starts`` their starts)."""
    i = bisect_right(starts, pos)
    return i > 0 and pos < spans[i - 1][1]


def _gap_ok(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    if a.possessive:
        return False
    if gap in (" ", "\u00a0", " & "):  # "Standard & Poor's", "Marks & Spencer": "&" joins the names of one firm
        return True
    # "Mrs. Quennell", "John F. Kennedy": the period of a title or an initial
    return gap in (". ", ".\u00a0") and (vocab.is_title(a.text) or (len(a.text) == 1 and a.text.isupper()))


def _split_runons(words: Words, known: Set[str]) -> Words:
    """ "PartnershipNovember" -> "Partnership", "November", when every part is a word seen on its own."""
    texts, starts = [], []
    for word, start in zip(words.texts, words.starts):
        parts = [word] if word.islower() else _CAMEL.split(word)  # a capital is where a word is split
        # only a headline glued to a dateline or time ("AccordMarch", "PMQuennell"), not "PowerPC", "QuickTime"
        if (
            len(parts) < 2
            or not all(p[:1].isupper() for p in parts)
            or not any(p.lower() in vocab.time_words() for p in parts)
            or not all(p.lower() in known or p.lower() in vocab.time_words() for p in parts)
        ):
            texts.append(word)
            starts.append(start)
            continue
        pos = start
        for p in parts:
            if p.lower() not in vocab.time_words():
                texts.append(p)
                starts.append(pos)
            pos += len(p)
    return Words(texts, starts)


def is_headline(words: Sequence[str], lower: Container[str] = frozenset()) -> bool:
    """Title case: most longer words capitalised, some of them words the corpus writes in lower case too
    (a headline, or a headline run into the text). ``words`` as written (``Words.texts``)."""
    # a possessive ending only shortens a word: one shorter than four letters as written is no longer one
    long = [b for w in words if len(w) >= 4 and w[0].isalpha() and len(b := bare(w)) >= 4]
    caps = [w for w in long if w[0].isupper()]
    return (
        len(long) >= 4
        and len(caps) >= 0.7 * len(long)
        and (len(long) >= 8 or any(w.lower() in lower and not _name_word(w) for w in caps))
    )


def _name_word(word: str) -> bool:
    """Words that are capitalised inside names: "Company", "Republic", "President"."""
    low = word.lower().rstrip(".")
    return low in vocab.org_suffixes() or low in vocab.name_heads() or vocab.is_title(low)


def runs(
    text: str,
    sentence: Span,
    known: Set[str],
    lower: Container[str] = frozenset(),
    sentence_words: Words | None = None,
) -> list[list[Token]]:
    """Maximal runs of name-like tokens inside one sentence (joining particles, "of" after a name head, numbers);
    ``known`` is the corpus's vocabulary and ``lower`` the words it writes in lower case; ``sentence_words``
    the sentence's ``Words`` where the caller has them."""
    toks = Words.read(text, sentence.start, sentence.end) if sentence_words is None else sentence_words
    if _HAS_CAMEL.search(text, sentence.start, sentence.end) is not None:  # a word in it may be two run together
        toks = _split_runons(toks, known)
    # a lower-case word (most words) starts no name: outside a name none of the tests below can take it
    openers = [i for i, w in enumerate(toks.texts) if not _plain_lower(w)]
    runs: list[list[Token]] = []
    cur: list[Token] = []
    i = 0
    for opener in openers:
        if opener < i:
            continue  # read already, inside a name
        i = opener
        while i < len(toks):
            if cur and _ends_name(toks.texts[i]):
                runs.append(cur)  # the word after a name (read before making a Token of it: most runs end so)
                cur = []
                break
            t = toks[i]
            word = t.bare
            if is_namelike(word) and (not _hyphen_lower(word) or _hyphenated_given_name(word, cur)):
                if cur and not _gap_ok(text, cur[-1], t):
                    runs.append(cur)
                    cur = []
                cur.append(t)
            elif _hyphen_lower(word) and is_namelike(word):  # "Zeta-run": the name, then the run ends
                cut = word.index("-")
                if cur and not _gap_ok(text, cur[-1], t):
                    runs.append(cur)
                    cur = []
                cur.append(Token(t.start, t.start + cut, word[:cut]))
                runs.append(cur)
                cur = []
            elif cur and _joins(text, toks, i, cur, t, lower):
                cur.append(t)
            elif "-" in word and word.split("-")[0].lower() in vocab.particles() and is_namelike(word.split("-", 1)[1]):
                if cur and not _gap_ok(text, cur[-1], t):  # "al-Rashid" opens or continues a name
                    runs.append(cur)
                    cur = []
                cur.append(t)
            elif cur:
                runs.append(cur)
                cur = []
            i += 1
            if not cur:
                break  # on to the next word a name can start at
    if cur:
        runs.append(cur)
    return runs


def _plain_lower(word: str) -> bool:
    """A lower-case word that starts no name (not "eBay", not "al-Rashid"): most words."""
    return word[0].islower() and not word[1:2].isupper() and "-" not in word


def _links_names(low: str) -> bool:
    """A lower-case word that may stand inside a name, between two of its words: a particle ("bin"), a link of
    actor_name_links.csv ("of", "for") or "and" (``_joins``)."""
    return low in vocab.particles() or low in vocab.name_links() or low == "and"


def _ends_name(word: str) -> bool:
    """A lower-case word after a name ends it, unless it may link names: none of the tests of ``runs`` can take
    it."""
    return _plain_lower(word) and not _links_names(bare(word).lower())


def _hyphenated_given_name(word: str, cur: list[Token]) -> bool:
    """ "Ban Ki-moon", "Kim Jong-un": short syllables joined by a hyphen after a name, not "Zeta-run"."""
    head, _, tail = word.partition("-")
    return (
        bool(cur)
        and len(head) <= 4
        and head[1:].islower()
        and len(tail) <= 4
        and tail.isalpha()
        and _gap_ok_plain(cur[-1])
    )


def _gap_ok_plain(prev: Token) -> bool:
    return not prev.possessive and prev.bare[:1].isupper() and prev.bare.lower() not in vocab.stopwords()


def _hyphen_lower(word: str) -> bool:
    """ "Zeta-run", "Egyptian-mediated": a name glued to a lower-case word."""
    if "-" not in word:
        return False
    head, _, tail = word.partition("-")
    return bool(tail) and tail[0].islower() and head.lower() not in vocab.particles()


def _joins(text: str, toks: Words, i: int, cur: list[Token], t: Token, lower: Container[str]) -> bool:
    """Whether a lower-case word or a number (``t``, ``toks[i]``) stays inside the current name."""
    prev, word = cur[-1], t.bare
    if not _gap_ok(text, prev, t):
        return False
    if _NUMBERISH.fullmatch(word):  # "Galaxy S3", "Boeing 787 Dreamliner" -- not "November 24"
        return (
            prev.bare.lower() not in vocab.time_words()
            and not prev.possessive
            and prev.bare not in vocab.currency_codes()
        )  # "USD 5 million" is money
    low = word.lower()
    if not _links_names(low):
        return False  # none of the words below (most words after a name)
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or not is_namelike(nxt.bare) or not _gap_ok(text, t, nxt):
        return False
    if low in vocab.particles():
        return True
    link = vocab.name_links().get(low)
    if link == "head":  # "University of California", "Bureau of Investigation"
        head = prev.bare.lower()
        return head in vocab.name_heads() or head in vocab.org_suffixes()
    if link == "organisation":  # "Institute for Strategic Studies"
        return prev.bare.lower().rstrip(".") in vocab.org_suffixes()
    if low == "and":
        # only inside an organisation name, after a common noun or a longer part of the name ("Securities and
        # Exchange Commission", "European Aeronautic Defence and Space Company"), not after a name of its
        # own ("Toyota and General Motors", "United States and European Union")
        if prev.bare.lower() not in lower and (len(cur) < 2 or vocab.is_place_name(" ".join(t.bare for t in cur))):
            return False
        j = i + 1
        while j < len(toks) and is_namelike(toks[j].bare) and _gap_ok(text, toks[j - 1], toks[j]):
            if toks[j].bare.lower().rstrip(".") in vocab.org_suffixes():
                return not any(vocab.is_title(t.bare) for t in cur)
            if toks[j].possessive:
                break
            j += 1
    return False


def acronym(word: str) -> str:
    letters = word.replace(".", "")
    return letters if len(letters) >= 2 and letters.isupper() and letters.isalpha() else ""


def initials(words: Sequence[str]) -> str:
    skip = {"and", "of", "the", "for", "&", "de", "du", "la"}
    return "".join(w[0].upper() for w in words if w.lower() not in skip and w[:1].isalpha())


def acronyms_of(words: Sequence[str]) -> set[str]:
    """The acronyms a name may have: its initials, without a final organisation word ("EADS" for "European
    Aeronautic Defence and Space Company"), or one letter short ("USAF" for "United States Air Force")."""
    if len(words) < 2:
        return set()
    full = initials(words)
    content = initials([w for w in words if w.lower().rstrip(".") not in vocab.org_suffixes()])
    out = {full, content} | ({full[:-1]} if len(full) >= 4 else set())
    return {a for a in out if len(a) >= 2}


def acronym_matches(acr: str, words: Sequence[str]) -> bool:
    return acr.replace(".", "") in acronyms_of(words)


def opens_clause(text: str, start: int, pos: int) -> bool:
    """Whether only opening quotes or brackets stand between the start of the sentence (or of a quotation
    inside it) and ``pos``."""
    if pos - 2 >= start and text[pos - 1] == " " and text[pos - 2].isalnum():
        return False  # a word and a space before it (most names)
    # read back from pos only as far as the answer needs: a name late in a long sentence costs no more
    i = pos
    while i > start and text[i - 1] in " \"'“‘(":
        i -= 1
    before = text[max(start, i - 3) : i]
    if i == start or before.endswith((',"', ', "', ",“", ", “", ":")):
        return True
    j = pos
    while j > start and text[j - 1].isspace():
        j -= 1
    return j > start and text[j - 1] in '“"'


def is_roleless_suffix(rest: list[Token]) -> bool:
    """ "General Motors": a title word followed only by an organisation word is part of the name."""
    return len(rest) == 1 and rest[0].bare.lower().rstrip(".") in vocab.org_suffixes()
