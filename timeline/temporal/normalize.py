"""Turn a scanned match into a TIMEX3 value: one handler per kind of pattern (column `handler` of the table)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from .calendar import Point, at, shift
from .vocab import lookup, relative

AGAINST_TENSE_DAYS = 300   # a date without a year may point against the tense only if it is this much nearer
AGAINST_NEWS_DAYS = 150    # with no tense cue, news reports the past: a future date must be this much nearer
PERIODS = ("quarter", "half", "month", "season")   # what "a year earlier" may take from the narrative


@dataclass
class Result:
    type: str
    value: str
    point: Point | None = None
    mod: str = ""
    anchor: str = "relative"
    sets_narrative: bool = True


class Unanchored(Exception):
    """A relative expression with nothing to anchor it on; carries the value to write instead."""

    def __init__(self, value: str):
        super().__init__(value)
        self.value = value


class Context:
    """What a handler may know beyond its match: the reference times and the tense of the clause."""

    def __init__(self, published: dt.date | None, narrative: Point | None, by_gran: dict,
                 tense: Callable[[], str], same_sentence_day: Point | None = None):
        self.published = published
        self.narrative = narrative
        self.by_gran = by_gran
        self._tense = tense
        self._tense_value: str | None = None
        self.same_sentence_day = same_sentence_day

    @property
    def tense(self) -> str:
        if self._tense_value is None:
            self._tense_value = self._tense()
        return self._tense_value

    @property
    def direction(self) -> int:
        return {"past": -1, "future": 1}.get(self.tense, 0)

    def ref(self, reference: str, fallback: str) -> Point:
        """The reference day: the narrative's last date (when the rule says so) or the publication date."""
        if reference == "narrative" and self.narrative is not None:
            return self.narrative
        if reference == "sentence" and self.same_sentence_day is not None:
            return self.same_sentence_day
        if self.published is not None:
            return at("day", self.published)
        if self.narrative is not None:
            return self.narrative
        raise Unanchored(fallback)


def _mod(g: dict) -> str:
    m = g.get("mod") or g.get("approx")
    if not m:
        return ""
    words = re.sub(r"^(?:the\s+)?(?:very\s+)?", "", m.lower())
    if g.get("approx"):
        return "APPROX"
    return lookup("modifier", words) or ""


def _int(s: str | None) -> int | None:
    return int(s) if s and s.isdigit() else None


def _year(g: dict) -> int | None:
    if g.get("year"):
        return int(g["year"])
    if g.get("syear"):
        return spoken_year(g["syear"])
    return None


def spoken_year(s: str) -> int | None:
    parts = [p for p in re.split(r"[\s-]+", s.lower()) if p not in ("and", "hundred")]
    if not parts:
        return None
    if parts[0] == "two" and len(parts) > 1 and parts[1] == "thousand":
        return 2000 + sum(int(lookup("number", p) or 0) for p in parts[2:])
    if parts[0] != "nineteen":
        return None
    rest = sum(int(lookup("number", p) or 0) for p in parts[1:])
    return 1900 + rest


def nearest(candidates: list[Point], ref: dt.datetime, direction: int) -> Point:
    """The candidate nearest to ref; one on the wrong side of the tense pays AGAINST_TENSE_DAYS."""
    def cost(p: Point) -> float:
        if p.start <= ref < p.finish:
            return 0.0
        days = (p.start - ref).days if p.start > ref else (ref - p.finish).days + 1
        if direction == 0:
            return days + (AGAINST_NEWS_DAYS if p.start > ref else 0)
        against = (p.start > ref and direction < 0) or (p.finish <= ref and direction > 0)
        return days + (AGAINST_TENSE_DAYS if against else 0)
    return min(candidates, key=cost)


def _strictly(candidates: list[Point], ref: dt.datetime, offset: int) -> Point:
    """"last X": the latest wholly before ref's period; "next X": the first after; "this X": the nearest."""
    if offset < 0:
        return max((p for p in candidates if p.finish <= ref), key=lambda p: p.start)
    return min((p for p in candidates if p.start > ref), key=lambda p: p.start)


# --- handlers -------------------------------------------------------------------------------------------

def h_date(g: dict, ctx: Context, args: str, reference: str) -> Result:
    mod = _mod(g)
    month = _int(lookup("month", g["month"])) if g.get("month") else None
    day = _int(g.get("day"))
    weekday = _int(lookup("weekday", g["weekday"])) if g.get("weekday") else None
    year = _year(g)
    if year is not None:
        if month and day:
            return Result("DATE", "", at("day", dt.date(year, month, day)), mod, "absolute")
        if month:
            return Result("DATE", "", at("month", dt.date(year, month, 1)), mod, "absolute")
        return Result("DATE", "", at("year", dt.date(year, 1, 1)), mod, "absolute")
    offset, ref_kind = relative(g["rel"]) if g.get("rel") else (None, reference)
    if month and day:
        ref = ctx.ref(ref_kind, f"XXXX-{month:02d}-{day:02d}")
        cands = [at("day", dt.date(y, month, day)) for y in _years(ref) if _valid(y, month, day)]
        return Result("DATE", "", nearest(cands, ref.start, ctx.direction), mod)
    if month:
        ref = ctx.ref(ref_kind, f"XXXX-{month:02d}")
        cands = [at("month", dt.date(y, month, 1)) for y in _years(ref)]
        if offset:
            return Result("DATE", "", _strictly(cands, at("month", ref.start).start, offset), mod)
        if offset == 0 and g.get("rel"):
            return Result("DATE", "", at("month", dt.date(ref.start.year, month, 1)), mod)
        return Result("DATE", "", nearest(cands, ref.start, ctx.direction), mod)
    if weekday:
        ref = ctx.ref(ref_kind, f"XXXX-WXX-{weekday}")
        return Result("DATE", "", _weekday(ref, weekday, offset, ctx), mod)
    raise ValueError("nothing to place")


def _years(ref: Point) -> range:
    return range(ref.start.year - 1, ref.start.year + 2)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _weekday(ref: Point, weekday: int, offset: int | None, ctx: Context) -> Point:
    day = at("day", ref.start)
    back = (day.start.isoweekday() - weekday) % 7        # days back to the one on or before
    if offset is not None and offset < 0:
        return day.shift(-(back or 7))
    if offset is not None and offset > 0:
        return day.shift((7 - back) if back else 7)
    if back == 0:
        return day
    direction = ctx.direction
    if direction == 0 and not ctx.tense:
        direction = -1                                     # news reports what happened
    if direction == 0:
        direction = -1 if back <= 7 - back else 1
    return day.shift(-back) if direction < 0 else day.shift(7 - back)


def h_numeric(g: dict, ctx: Context, args: str, reference: str) -> Result:
    if g.get("iy"):
        y, m, d = int(g["iy"]), int(g["im"]), int(g["id"])
    else:
        y, m, d = int(g["ny"]), int(g["nm"]), int(g["nd"])
        if y < 100:
            y += 1900 if y > 30 else 2000
    return Result("DATE", "", at("day", dt.date(y, m, d)), "", "absolute")


def h_month_relyear(g: dict, ctx: Context, args: str, reference: str) -> Result:
    month = int(lookup("month", g["month"]))
    ref = ctx.ref("dct", f"XXXX-{month:02d}")
    offset, _ = relative(g["rel"])
    return Result("DATE", "", at("month", dt.date(ref.start.year + offset, month, 1)), _mod(g))


def _day_of(g: dict, ctx: Context, reference: str) -> tuple[Point, str]:
    """The day a time or part of day falls on, and whether it was absolute."""
    if g.get("month") or g.get("weekday") or g.get("nm") or g.get("iy"):
        sub = h_numeric(g, ctx, "", reference) if (g.get("nm") or g.get("iy")) else h_date(g, ctx, "", reference)
        return at("day", sub.point.start), sub.anchor
    if g.get("dayref"):
        ref = ctx.ref("dct", "XXXX-XX-XX")
        return ref.shift(int(lookup("dayref", g["dayref"])), "day"), "relative"
    return at("day", ctx.ref(reference, "XXXX-XX-XX").start), "relative"


def h_time(g: dict, ctx: Context, args: str, reference: str) -> Result:
    day, anchor = _day_of(g, ctx, reference)
    named = (g.get("named") or "").lower()
    if named == "midnight":
        return Result("TIME", f"{day.value}T24:00", Point("time", day.start + dt.timedelta(days=1)), _mod(g), anchor)
    if named == "noon":
        hour, minute = 12, 0
    elif g.get("hour24"):
        hour, minute = int(g["hour24"]), int(g["minute24"])
    else:
        hour, minute = int(g["hour"]) % 12, int(g.get("minute") or 0)
        if g["ampm"].lower().startswith("p"):
            hour += 12
    return Result("TIME", "", Point("time", day.start.replace(hour=hour, minute=minute)), _mod(g), anchor)


def h_part_of_day(g: dict, ctx: Context, args: str, reference: str) -> Result:
    code = lookup("part_of_day", g["part"])
    day, anchor = _day_of(g, ctx, reference)
    text = g.get("_text", "").lower()
    if text.startswith("last") and not g.get("dayref") and not g.get("weekday"):
        day = day.shift(-1)
    return Result("TIME", "", at("part", day.start, code), _mod(g), anchor)


def h_part_word(g: dict, ctx: Context, args: str, reference: str) -> Result:
    ref = ctx.ref("dct", "XXXX-XX-XXTNI")
    return Result("TIME", "", at("part", ref.shift(int(args or 0), "day").start, "NI"))


def h_dayref(g: dict, ctx: Context, args: str, reference: str) -> Result:
    offset = int(lookup("dayref", g["dayref"]))
    ref = ctx.ref("dct", {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}.get(offset, "XXXX-XX-XX"))
    return Result("DATE", "", at("day", ref.start).shift(offset), _mod(g))


UNIT_GRAN = {"day": "day", "night": "day", "week": "week", "weekend": "weekend", "month": "month",
             "quarter": "quarter", "year": "year", "decade": "decade", "century": "century"}


def h_rel_unit(g: dict, ctx: Context, args: str, reference: str) -> Result:
    unit = g["unit"].lower()
    gran = UNIT_GRAN[unit]
    if g.get("rel"):
        offset, ref_kind = relative(g["rel"])
    else:
        offset, ref_kind = 0, reference
    fallback = {-1: "PAST_REF", 1: "FUTURE_REF"}.get(offset, "PRESENT_REF")
    base = at(gran, ctx.ref(ref_kind, fallback).start)
    point = base.shift(offset)
    if gran == "weekend" and offset == 0 and ctx.direction < 0 and point.start > ctx.ref(ref_kind, fallback).start:
        point = point.shift(-1)
    return Result("DATE", "", point, _mod(g))


def h_quarter(g: dict, ctx: Context, args: str, reference: str) -> Result:
    year = _year(g)
    q = _int(lookup("ordinal", g["ord"])) if g.get("ord") else None
    if q is not None and not 1 <= q <= 4:
        raise ValueError("no such quarter")
    if year is not None:
        return Result("DATE", "", at("quarter", dt.date(year, 3 * q - 2, 1)), _mod(g), "absolute")
    if args == "latest":
        if ctx.by_gran.get("quarter") is not None:
            return Result("DATE", "", ctx.by_gran["quarter"])
        ref = ctx.ref("dct", "PAST_REF")
        return Result("DATE", "", at("quarter", ref.start).shift(-1))
    ref = ctx.ref("dct", f"XXXX-Q{q}" if q else "XXXX-QX")
    if g.get("rel"):
        offset, _ = relative(g["rel"])
        if q is None:
            return Result("DATE", "", at("quarter", ref.start).shift(offset), _mod(g))
        return Result("DATE", "", at("quarter", dt.date(ref.start.year + offset, 3 * q - 2, 1)), _mod(g))
    point = at("quarter", dt.date(ref.start.year, 3 * q - 2, 1))
    if point.start > ref.start and ctx.direction <= 0:
        point = point.shift(-1, "year")                   # in January, "the fourth quarter" is last year's
    return Result("DATE", "", point, _mod(g))


def h_year_ago(g: dict, ctx: Context, args: str, reference: str) -> Result:
    """"the year-ago quarter", "a year earlier": the period the story is about, one year back."""
    if args == "Q":
        base = ctx.by_gran.get("quarter")
        if base is None:
            base = at("quarter", ctx.ref("dct", "PAST_REF").start).shift(-1)
    else:
        last = ctx.narrative
        base = last if last is not None and last.gran in PERIODS else None
        if base is None:
            base = at("year", ctx.ref("dct", "PAST_REF").start)
    return Result("DATE", "", base.shift(-1, "year"), _mod(g), sets_narrative=False)


def h_half(g: dict, ctx: Context, args: str, reference: str) -> Result:
    h = _int(lookup("ordinal", g["ord"])) if g.get("ord") else 2
    if h not in (1, 2):
        raise ValueError("no such half")
    year = _year(g)
    anchor = "absolute" if year is not None else "relative"
    if year is None:
        ref = ctx.ref("dct", f"XXXX-H{h}")
        year = ref.start.year + (relative(g["rel"])[0] if g.get("rel") else 0)
    return Result("DATE", "", at("half", dt.date(year, 6 * h - 5, 1)), _mod(g), anchor)


def h_year(g: dict, ctx: Context, args: str, reference: str) -> Result:
    year = _year(g)
    if year is None or year < 1:
        raise ValueError("no year")
    return Result("DATE", "", at("year", dt.date(year, 1, 1)), _mod(g), "absolute")


def h_year_end(g: dict, ctx: Context, args: str, reference: str) -> Result:
    ref = ctx.ref("dct", "XXXX")
    text = g.get("_text", "").lower()
    offset = 1 if "next" in text else -1 if "last" in text else 0
    return Result("DATE", "", at("year", ref.start).shift(offset), "END")


def h_season(g: dict, ctx: Context, args: str, reference: str) -> Result:
    code = lookup("season", g["season"])
    year = _year(g)
    if year is not None:
        return Result("DATE", "", at("season", dt.date(year, 1, 1), code), _mod(g), "absolute")
    ref = ctx.ref("dct", f"XXXX-{code}")
    base = ref.start.year - (1 if ref.start.month <= 2 else 0)    # January is still last year's winter
    cands = [at("season", dt.date(y, 1, 1), code) for y in (base - 1, base, base + 1)]
    if g.get("rel"):
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        offset, _ = relative(rel)
        if rel.endswith("this past"):
            return Result("DATE", "", _strictly(cands, ref.finish, -1), _mod(g))
        return Result("DATE", "", at("season", dt.date(base + offset, 1, 1), code), _mod(g))
    return Result("DATE", "", nearest(cands, ref.start, ctx.direction), _mod(g))


def h_decade(g: dict, ctx: Context, args: str, reference: str) -> Result:
    if g.get("dec"):
        start = int(g["dec"]) * 10
        anchor = "absolute"
    else:
        digit = int(g["dec2"]) if g.get("dec2") else int(lookup("decade", g["decw"]))
        century = 20 if digit <= 1 and ctx.published and ctx.published.year >= 2000 else 19
        start = century * 100 + digit * 10
        anchor = "absolute"
    return Result("DATE", "", at("decade", dt.date(start, 1, 1)), _mod(g), anchor)


def h_century(g: dict, ctx: Context, args: str, reference: str) -> Result:
    n = _int(lookup("ordinal", g["ord"])) or _int(re.sub(r"\D", "", g["ord"]))
    if not n or n > 21:
        raise ValueError("no such century")
    return Result("DATE", "", at("century", dt.date(max(1, (n - 1) * 100), 1, 1)), _mod(g), "absolute")


def _number(s: str) -> float | None:
    s = s.lower()
    if s[0].isdigit():
        return float(s)
    v = lookup("number", s)
    if v is None and "-" in s:
        tens, ones = s.split("-", 1)
        a, b = lookup("number", tens), lookup("number", ones)
        return float(a) + float(b) if a and b and a != "X" and b != "X" else None
    return None if v in (None, "X") else float(v)


def h_ago(g: dict, ctx: Context, args: str, reference: str) -> Result:
    text = g.get("_text", "").lower()
    sign = 1 if re.search(r"\b(?:later|after|from now|hence)$", text) else -1
    n = _number(g["num"])
    unit = re.sub(r"s$", "", g["unit"].lower()).replace("centurie", "century")
    if n is None:                                      # "several years ago"
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, _mod(g))
    gran = UNIT_GRAN.get(unit, "day")
    if unit in ("hour", "minute", "second"):
        n, unit = 0, "day"
    if n != int(n):
        if unit != "year":
            raise ValueError("fraction")
        n, unit = n * 12, "month"
        gran = "month"
    ref = ctx.ref(reference, "PAST_REF" if sign < 0 else "FUTURE_REF")
    units = {"weekend": "week", "night": "day"}.get(unit, unit)
    point = at(gran, shift(ref.start, sign * int(n), units))
    return Result("DATE", "", point, _mod(g))


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
    code = _unit_code(g["unit"])
    n = _number(g["num"]) if g.get("num") else (1.0 if not g["unit"].lower().endswith("s") else None)
    if g.get("num") and n is None:
        amount = "X"
    elif n is None:
        amount = "X"
    else:
        amount = str(int(n * 2) if code == "2W" else int(n)) if n == int(n) else str(n)
    unit = DURATION_UNITS[code]
    value = f"PT{amount}{unit[1:]}" if unit.startswith("T") else f"P{amount}{unit}"
    return Result("DURATION", value.replace("PTS", "PT").replace("TTS", "TS"), None, _mod(g), sets_narrative=False)


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


HANDLERS: dict[str, Callable[..., Result]] = {
    "date": h_date, "numeric": h_numeric, "month_relyear": h_month_relyear, "time": h_time,
    "part_of_day": h_part_of_day, "part_word": h_part_word, "dayref": h_dayref, "rel_unit": h_rel_unit,
    "quarter": h_quarter, "year_ago": h_year_ago, "half": h_half, "year": h_year, "year_end": h_year_end,
    "season": h_season, "decade": h_decade, "century": h_century, "ago": h_ago, "fixed": h_fixed,
    "duration": h_duration, "set": h_set,
}
