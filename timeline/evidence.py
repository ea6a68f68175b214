"""The evidence behind one point of the timeline, as safe HTML.

The sentence is shown inside its paragraph, with the date expression (or, where none is written, the cue
that made the sentence news of its day) and the actors' names highlighted, under the article's title,
source, publication date and link, how the date was placed, and any warning about it. Everything that comes
from an article (text, title, source, URL, actor names) is HTML-escaped: nothing from an article is
ever rendered as markup. Only the tags written here (``<div>``, ``<mark>``, ``<a>`` ...) are HTML.
"""

from __future__ import annotations

import html
import re
from typing import Mapping, Sequence
from urllib.parse import urlparse

import pandas as pd

from .schema import REFERENCES, UNDATED_PLACEMENTS, placement
from .sentences import paragraphs

STYLE = {
    "card": "font-size:1rem;line-height:1.6",
    "meta": "color:#555;font-size:0.9rem;margin:0 0 0.4rem 0",
    "paragraph": "border-left:3px solid #4C78A8;padding:0.2rem 0 0.2rem 0.8rem;margin:0.4rem 0;color:#444",
    "sentence": "color:#111;font-weight:600",
    "date": "background:#ffe08a;color:#111;padding:0 2px;border-radius:2px",
    "actor": "background:#cfe3ff;color:#111;padding:0 2px;border-radius:2px",
    "cue": "background:#eee;color:#111;padding:0 2px;border-radius:2px;border-bottom:2px dotted #b8860b",
    "warning": "color:#8a4b00;background:#fff4e0;border-radius:4px;padding:0.2rem 0.5rem;margin:0 0 0.4rem 0",
}

_DATE, _ACTOR, _SENTENCE, _CUE = 1, 2, 4, 8


def _int(value) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return int(value)


def _str(value) -> str:
    if value is None or value is pd.NA:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def actor_names(actors: Sequence[str], aliases: Mapping[str, str] | None = None) -> list[str]:
    """The words that name ``actors`` in a text: the canonical names and every alias of them."""
    wanted = {a.lower() for a in actors}
    names = {a for a in actors if a}
    for alias, canonical in (aliases or {}).items():
        if canonical.lower() in wanted and alias:
            names.add(alias)
    return sorted(names, key=len, reverse=True)


def _actor_spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    if not names:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


def highlight(
    text: str,
    date: tuple[int, int] | None = None,
    sentence: tuple[int, int] | None = None,
    actors: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
    cue: tuple[int, int] | None = None,
) -> str:
    """``text`` escaped, with the ``date`` span (or the ``cue`` span of an event with no date written), the
    ``sentence`` span and the actors' names marked.

    Spans are character offsets into ``text``; those that fall outside it are ignored.
    """
    flags = [0] * (len(text) + 1)

    def mark(span, flag):
        if span is None:
            return
        a, b = max(0, span[0]), min(len(text), span[1])
        for i in range(a, b):
            flags[i] |= flag

    mark(sentence, _SENTENCE)
    for span in _actor_spans(text, actor_names(actors, aliases)):
        mark(span, _ACTOR)
    mark(date, _DATE)
    mark(cue, _CUE)
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and flags[j] == flags[i]:
            j += 1
        piece = html.escape(text[i:j], quote=True)
        f = flags[i]
        if f & _DATE:
            piece = f'<mark class="date" style="{STYLE["date"]}">{piece}</mark>'
        elif f & _CUE:
            piece = f'<mark class="cue" style="{STYLE["cue"]}">{piece}</mark>'
        elif f & _ACTOR:
            piece = f'<mark class="actor" style="{STYLE["actor"]}">{piece}</mark>'
        if f & _SENTENCE:
            piece = f'<span class="sentence" style="{STYLE["sentence"]}">{piece}</span>'
        out.append(piece)
        i = j
    return "".join(out).replace("\n", "<br>")


def safe_url(url: str) -> str | None:
    """``url`` if it is an http(s) link, else None (no javascript:, data: ... links)."""
    url = (url or "").strip()
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return url
    return None


def passage(event: Mapping, text: str | None) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """The paragraph holding the event's sentence, with the evidence span (the date as written, or the cue
    where none is) and the sentence span relative to it.

    Falls back to the sentence alone when the article text is not at hand (or the offsets do not fit).
    """
    s0, s1 = _int(event.get("sentence_start")), _int(event.get("sentence_end"))
    d0, d1 = _int(event.get("date_start")), _int(event.get("date_end"))
    sentence = _str(event.get("sentence"))
    written = _str(event.get("date_text")) or _str(event.get("cue"))
    if text and s0 is not None and s1 is not None and 0 <= s0 < s1 <= len(text):
        para = next((p for p in paragraphs(text) if p.start <= s0 < p.end), None)
        a, b = (para.start, max(para.end, s1)) if para else (s0, s1)
        date = (d0 - a, d1 - a) if d0 is not None and d1 is not None else None
        return text[a:b], date, (s0 - a, s1 - a)
    date = None
    if s0 is not None and d0 is not None and d1 is not None:
        date = (d0 - s0, d1 - s0)
        if not (0 <= date[0] < date[1] <= len(sentence)) or (written and sentence[date[0] : date[1]] != written):
            date = None
    if date is None and written:
        k = sentence.find(written)
        date = (k, k + len(written)) if k >= 0 else None
    return sentence, date, (0, len(sentence))


def evidence_html(event: Mapping, text: str | None = None, aliases: Mapping[str, str] | None = None) -> str:
    """The evidence card for one event row: title, source, date, link, and the sentence in its paragraph."""
    body, date, sentence = passage(event, text)
    actors = list(event.get("actors") or [])
    title = html.escape(_str(event.get("title")) or _str(event.get("doc")) or "(untitled)")
    source = html.escape(_str(event.get("source")) or "(no source)")
    published = event.get("published")
    published = "" if published is None or pd.isna(published) else pd.Timestamp(published).date().isoformat()
    url = safe_url(_str(event.get("url")))
    link = (
        (
            f' · <a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer nofollow">'
            f"open the article</a>"
        )
        if url
        else ""
    )
    meta = f"{source}" + (f" · published {published}" if published else " · no publication date") + link
    written = _str(event.get("date_text"))
    value = html.escape(_str(event.get("date")))
    gran = html.escape(_str(event.get("granularity")))
    anchor = _str(event.get("anchor"))
    cue = _str(event.get("cue"))
    undated = not written and anchor in UNDATED_PLACEMENTS
    if undated:
        dated = f"{value or '?'} · {html.escape(placement(anchor))}" + (
            f' · cue: <mark class="cue" style="{STYLE["cue"]}">{html.escape(cue)}</mark>' if cue else ""
        )
    else:
        reference = REFERENCES.get(_str(event.get("reference")), "")
        how = (
            placement(anchor)
            if anchor == "unanchored"
            else reference or (placement(anchor) if anchor == "relative" else "")
        )
        dated = (
            f'<mark class="date" style="{STYLE["date"]}">{html.escape(written or "(no date written)")}</mark>'
            f" → {value or '?'}" + (f" ({gran})" if gran else "") + (f" · {html.escape(how)}" if how else "")
        )
    warning = _str(event.get("warning"))
    who = ", ".join(f'<mark class="actor" style="{STYLE["actor"]}">{html.escape(a)}</mark>' for a in actors)
    return (
        f'<div class="evidence" style="{STYLE["card"]}">'
        f'<div style="font-weight:700;font-size:1.1rem">{title}</div>'
        f'<div style="{STYLE["meta"]}">{meta}</div>'
        f'<div style="{STYLE["meta"]}">Date: {dated}'
        + (f" · Actors: {who}" if who else "")
        + "</div>"
        + (f'<div class="warning" style="{STYLE["warning"]}">⚠ {html.escape(warning)}</div>' if warning else "")
        + f'<blockquote class="passage" style="{STYLE["paragraph"]}">'
        f"{highlight(body, None if undated else date, sentence, actors, aliases, date if undated else None)}"
        "</blockquote>"
        "</div>"
    )
