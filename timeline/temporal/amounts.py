"""Handlers of what is not placed on the timeline: fixed references (PRESENT_REF), durations, sets."""
from __future__ import annotations

import re

from .context import Context, Result, modifier, number
from .vocab import lookup


def h_fixed(g: dict, ctx: Context, args: str, reference: str) -> Result:
    return Result("DATE", args, None, "", "relative", sets_narrative=False)


DURATION_UNITS = {"S": "TS", "TM": "TM", "TH": "TH", "D": "D", "W": "W", "WE": "WE", "2W": "W", "M": "M",
                  "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE", "ML": "ML"}


def _unit_code(unit: str) -> str:
    u = unit.lower()
    code = lookup("unit", u) or lookup("unit", re.sub(r"s$", "", u))
    if code is None:
        code = {"centuries": "CE", "millennia": "ML"}.get(u, "Y")
    return code


def h_duration(g: dict, ctx: Context, args: str, reference: str) -> Result:
    text = g.get("_text", "").lower()
    if g.get("num") and number(g["num"]) is None and re.match(r"(?:the )?(?:past|last|recent|previous)\b", text):
        return Result("DATE", "PAST_REF", None, "", sets_narrative=False)     # "the past several quarters"
    if g.get("num") and number(g["num"]) is None and re.match(r"(?:the )?(?:next|coming)\b", text):
        return Result("DATE", "FUTURE_REF", None, "", sets_narrative=False)
    code = _unit_code(g["unit"])
    n = number(g["num"]) if g.get("num") else (1.0 if not g["unit"].lower().endswith("s") else None)
    if g.get("num") and n is None:
        amount = "X"
    elif n is None:
        amount = "X"
    else:
        amount = str(int(n * 2) if code == "2W" else int(n)) if n == int(n) else str(n)
    unit = DURATION_UNITS[code]
    value = f"PT{amount}{unit[1:]}" if unit.startswith("T") else f"P{amount}{unit}"
    return Result("DURATION", value.replace("PTS", "PT").replace("TTS", "TS"), None, modifier(g), sets_narrative=False)


SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q",
               "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}


def h_set(g: dict, ctx: Context, args: str, reference: str) -> Result:
    if g.get("adverb"):
        value = SET_ADVERBS[g["adverb"].lower()]
    elif g.get("weekday"):
        value = f"XXXX-WXX-{lookup('weekday', g['weekday'])}"
        if g.get("part"):
            value += "T" + lookup("part_of_day", re.sub(r"s$", "", g["part"].lower()))
    elif g.get("month"):
        value = f"XXXX-{int(lookup('month', g['month'])):02d}"
    elif g.get("season"):
        value = f"XXXX-{lookup('season', g['season'])}"
    elif g.get("part"):
        value = "P1D"
    else:
        code = _unit_code(g["unit"])
        unit = DURATION_UNITS[code]
        value = f"PT1{unit[1:]}" if unit.startswith("T") else f"P1{unit}"
    return Result("SET", value, None, "", "relative", sets_narrative=False)
