"""Score the date tagger on TimeML (.tml) folders, TempEval-3 style: DATE/TIME expressions only.

Scoring follows the shared scorer (eval/score_timex.py): a system mention matches the first unused gold
DATE/TIME it overlaps (relaxed span); a mention overlapping only a gold DURATION/SET is ignored; any other
mention is a false positive. Values are compared after ``norm_value``.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .temporal import tag


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Document:
    name: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]


def read_tml(path: str) -> Document:
    """The TEXT element's text, the creation date (DCT/TIMEX3@value) and the gold TIMEX3s with offsets."""
    with open(path, encoding="utf-8") as f:
        raw = re.sub(r"<\?xml[^<>]*\?>", "", f.read())
    root = ET.fromstring(raw)
    dct_el = root.find("DCT/TIMEX3")
    dct = (dct_el.get("value") or "")[:10] if dct_el is not None else ""
    pieces: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(elem: ET.Element) -> None:
        nonlocal length
        if elem.text:
            pieces.append(elem.text)
            length += len(elem.text)
        for child in elem:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                gold.append(
                    GoldTimex(
                        start, length, "".join(pieces)[start:length], child.get("type", ""), child.get("value", "")
                    )
                )
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)

    text_el = root.find("TEXT")
    if text_el is not None:
        walk(text_el)
    return Document(os.path.basename(path), dct, "".join(pieces), tuple(gold))


def norm_value(v: str | None) -> str:
    """Equal values in different spellings compare equal: "1949-XX" = "1949", "199X" = "199", "2000-W7" = "2000-W07"."""
    v = (v or "").strip()
    while v.endswith("-XX"):
        v = v[:-3]
    if re.fullmatch(r"\d{2,3}X+", v):
        v = v.rstrip("X")
    m = re.fullmatch(r"(\d{4})-W(\d)", v)
    if m:
        v = f"{m.group(1)}-W0{m.group(2)}"
    return v


def value_matches(system: str, gold: str) -> bool:
    sv, gv = norm_value(system), norm_value(gold)
    return sv == gv or (len(gv) >= 10 and sv[: len(gv)] == gv and sv[len(gv) : len(gv) + 1] in ("", "T"))


def _published(dct: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(dct[:10])
    except ValueError:
        return None


def score_document(doc: Document, mentions: list[dict], counts: dict, misses: list[dict]) -> None:
    gold = [t for t in doc.timexes if t.type in ("DATE", "TIME")]
    other = [t for t in doc.timexes if t.type not in ("DATE", "TIME")]
    used: set[int] = set()

    def overlap(m: dict, g: GoldTimex) -> bool:
        return m["start"] < g.end and g.start < m["end"]

    for m in mentions:
        if m.get("type", "DATE") not in ("DATE", "TIME"):
            continue
        hit = next((i for i, g in enumerate(gold) if i not in used and overlap(m, g)), None)
        if hit is None:
            if not any(overlap(m, o) for o in other):
                counts["system"] += 1
                misses.append(
                    {"kind": "spurious", "doc": doc.name, "text": m["text"], "gold": "", "system": m["value"]}
                )
            continue
        counts["system"] += 1
        used.add(hit)
        g = gold[hit]
        counts["relaxed"] += 1
        if (m.get("text") or "").strip() == g.text.strip() or (m["start"], m["end"]) == (g.start, g.end):
            counts["strict"] += 1
        if value_matches(m.get("value", ""), g.value):
            counts["value"] += 1
        else:
            misses.append(
                {
                    "kind": "value",
                    "doc": doc.name,
                    "text": g.text,
                    "gold": norm_value(g.value),
                    "system": norm_value(m.get("value")),
                    "system_text": m["text"],
                }
            )
    for i, g in enumerate(gold):
        if i not in used:
            misses.append({"kind": "missed", "doc": doc.name, "text": g.text, "gold": g.value, "system": ""})
    counts["gold"] += len(gold)


def _prf(tp: int, system: int, gold: int) -> tuple[float, float, float]:
    p = tp / system if system else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_folder(folder: str, misses: list[dict]) -> dict:
    docs = [read_tml(p) for p in sorted(glob.glob(os.path.join(folder, "*.tml")))]
    counts = {"gold": 0, "system": 0, "strict": 0, "relaxed": 0, "value": 0}
    seconds = 0.0
    for doc in docs:
        t = time.perf_counter()
        found = tag(doc.text, _published(doc.dct))
        seconds += time.perf_counter() - t
        mentions = [{"start": x.start, "end": x.end, "text": x.text, "type": x.type, "value": x.value} for x in found]
        score_document(doc, mentions, counts, misses)
    rp, rr, rf = _prf(counts["relaxed"], counts["system"], counts["gold"])
    vp, vr, vf = _prf(counts["value"], counts["system"], counts["gold"])
    return {
        "folder": folder,
        "docs": len(docs),
        "chars": sum(len(d.text) for d in docs),
        "seconds": seconds,
        "gold": counts["gold"],
        "system": counts["system"],
        "relaxed_p": rp,
        "relaxed_r": rr,
        "relaxed_f1": rf,
        "value_p": vp,
        "value_r": vr,
        "value_f1": vf,
        "strict_f1": _prf(counts["strict"], counts["system"], counts["gold"])[2],
    }


def evaluate_folders(folders: list[str], misses_path: str | None = None) -> list[dict]:
    """One result per folder; the wrong values (and missed/spurious mentions) go to misses_path as JSON."""
    misses: list[dict] = []
    results = [evaluate_folder(f, misses) for f in folders]
    if misses_path:
        with open(misses_path, "w", encoding="utf-8") as f:
            json.dump(misses, f, indent=1, ensure_ascii=False)
    return results


def format_report(results: list[dict]) -> str:
    lines = []
    for r in results:
        rate = r["chars"] / max(r["seconds"], 1e-9) / 1000
        lines.append(
            f"{r['folder']}: {r['docs']} docs, {r['chars']} chars in {r['seconds']:.1f}s ({rate:.0f} kchar/s)\n"
            f"  gold={r['gold']} system={r['system']} relaxed P={r['relaxed_p']:.3f} R={r['relaxed_r']:.3f} "
            f"F1={r['relaxed_f1']:.3f}  value P={r['value_p']:.3f} R={r['value_r']:.3f} F1={r['value_f1']:.3f}  "
            f"strict F1={r['strict_f1']:.3f}"
        )
    return "\n".join(lines)
