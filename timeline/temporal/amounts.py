"""Handlers of what is not placed on the timeline: fixed references (PRESENT_REF), durations, sets."""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_table
from .context import Context, Result, modifier, number
from .vocab import is_plural_unit, lookup, unit_of, value_of


def h_fixed(g: dict, ctx: Context, args: str, reference: str) -> Result:
    if reference == "narrative" and ctx.tense == "past":
        # "the town was soon taken": told in the past, the word is relative to the story, not to the news
        raise ValueError("relative to the story's events")
    return Result("DATE", args, None, "", "relative", sets_narrative=False)


def h_fixed_unless_past(g: dict, ctx: Context, args: str, reference: str) -> Result:
    """ "soon" seen from the news; in a clause that tells of the past ("the war was soon over") it is soon after
    the events told, no time of its own."""
    if ctx.tense == "past" and not _MODAL_BEFORE.search(ctx.before):  # "they said they may soon ...": ahead
        raise ValueError("relative to the events told")
    return h_fixed(g, ctx, args, reference)


_MODAL_BEFORE = re.compile(r"\b(?:may|might|will|would|could|can|shall|should|must)\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _duration_units() -> dict[str, tuple[str, str, int]]:
    """Unit code -> (prefix, letter, factor): how TIMEX3 writes an amount of it (temporal_duration_units.csv)."""
    return {
        row["code"]: (row["prefix"], row["letter"], int(row["factor"])) for row in load_table("temporal_duration_units")
    }


def _unit_code(unit: str) -> str:
    return lookup("unit", unit_of(unit)) or "Y"


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 value of an amount (None: unspecified, "PXY") of a unit ("minute" -> PT50M)."""
    prefix, letter, factor = _duration_units()[_unit_code(unit)]
    if amount is None:
        return f"{prefix}X{letter}"
    n = amount * factor
    return f"{prefix}{int(n) if n == int(n) else n}{letter}"


def h_duration(g: dict, ctx: Context, args: str, reference: str) -> Result:
    text = g.get("_text", "").lower()
    amount = number(g["num"]) if g.get("num") else None
    if amount is not None and g.get("half"):  # "a year and a half"
        amount += 0.5
    if g.get("num") and amount is None:  # "the past several quarters"
        if re.match(r"(?:the )?(?:past|last|recent|previous)\b", text):
            return Result("DATE", "PAST_REF", None, "", sets_narrative=False)
        if re.match(r"(?:the )?(?:next|coming)\b", text):
            return Result("DATE", "FUTURE_REF", None, "", sets_narrative=False)
    if not g.get("num") and not is_plural_unit(g["unit"]):
        amount = 1.0  # "the past month"
    return Result("DURATION", duration_value(amount, g["unit"]), None, modifier(g), sets_narrative=False)


SET_ADVERBS = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P1Q",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
}


def h_set(g: dict, ctx: Context, args: str, reference: str) -> Result:
    if g.get("adverb"):
        value = SET_ADVERBS[g["adverb"].lower()]
    elif g.get("weekday"):
        value = f"XXXX-WXX-{lookup('weekday', g['weekday'])}"
        if g.get("part"):
            value += "T" + value_of("part_of_day", re.sub(r"s$", "", g["part"].lower()))
    elif g.get("month"):
        value = f"XXXX-{int(value_of('month', g['month'])):02d}"
    elif g.get("season"):
        value = f"XXXX-{lookup('season', g['season'])}"
    elif g.get("part"):
        value = "P1D"
    else:
        value = duration_value(1, g["unit"])
    return Result("SET", value, None, "", "relative", sets_narrative=False)
