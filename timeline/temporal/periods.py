"""Handlers of periods: relative units, quarters, halves, years, seasons, decades, centuries, "ago"."""

from __future__ import annotations

import datetime as dt
import re

from .calendar import Point, at, era_year, shift, unit_points
from .context import PERIODS, Context, Result, as_int, modifier, number, strictly, year_of
from .days import h_date
from .vocab import lookup, relative, unit_of, value_of

DAYS = ("day", "time", "hour", "part")  # points a "that day" may refer to


def h_rel_unit(g: dict, ctx: Context, args: str, reference: str) -> Result:
    unit = g["unit"].lower()
    gran = unit_points()[unit]
    if args == "latest":  # "the latest fiscal year": the last one complete
        offset, ref_kind = -1, "dct"
    elif args in ("-1", "1"):  # "the day before", "the year after"
        offset, ref_kind = int(args), reference
    elif g.get("rel"):
        offset, ref_kind = relative(g["rel"])
    else:  # "the year": this one; "the day": the day just told
        offset, ref_kind = 0, "narrative" if gran == "day" else reference
    fallback = {-1: "PAST_REF", 1: "FUTURE_REF"}.get(offset, "PRESENT_REF")
    if gran == "day" and ref_kind == "narrative" and ctx.narrative is not None and ctx.narrative.gran not in DAYS:
        if offset == 0 and g.get("rel"):  # "that day" after a year or month: no day to point to
            raise ValueError("no day told")
        ref_kind = "dct"  # "the day before" a month: the day told is the news's
    base = at(gran, ctx.ref(ref_kind, fallback, needs=gran).start)
    point = base.shift(offset)
    if gran == "weekend" and offset == 0 and ctx.direction < 0 and point.start > ctx.ref(ref_kind, fallback).start:
        point = point.shift(-1)
    return Result("DATE", "", point, modifier(g))


def h_quarter(g: dict, ctx: Context, args: str, reference: str) -> Result:
    year = year_of(g)
    q = as_int(lookup("ordinal", g["ord"])) if g.get("ord") else None
    if q is not None and not 1 <= q <= 4:
        raise ValueError("no such quarter")
    if args == "latest":
        base = _reported_quarter(ctx)
        if year is not None and ctx.after_duration:  # "the first nine months ... the 1988 period"
            return Result("DATE", "", at("year", dt.date(year, 1, 1)), modifier(g), "absolute")
        if year is not None:
            return Result("DATE", "", at("quarter", base.start.replace(year=year)), modifier(g), "absolute")
        return Result("DATE", "", base)
    if year is not None:
        if q is None:
            raise ValueError("no quarter named")
        return Result("DATE", "", at("quarter", dt.date(year, 3 * q - 2, 1)), modifier(g), "absolute")
    if q is None and g.get("month"):  # "the quarter ended Sept. 30"
        ended = h_date(g, ctx, "", "dct").placed()
        # the calendar quarter that holds most of the three months ended then ("ended July 31": May-July, Q2)
        return Result("DATE", "", at("quarter", ended.finish - dt.timedelta(days=46)))
    ref = ctx.ref("dct", f"XXXX-Q{q}" if q else "XXXX-QX")
    if g.get("rel"):
        offset, _ = relative(g["rel"])
        if q is None:
            return Result("DATE", "", at("quarter", ref.start).shift(offset), modifier(g))
        return Result("DATE", "", at("quarter", dt.date(ref.start.year + offset, 3 * q - 2, 1)), modifier(g))
    if q is None:
        raise ValueError("no quarter named")
    point = at("quarter", dt.date(ref.start.year, 3 * q - 2, 1))
    if point.start > ref.start and ctx.direction <= 0:
        point = point.shift(-1, "year")  # in January, "the fourth quarter" is last year's
    return Result("DATE", "", point, modifier(g))


def _reported_quarter(ctx: Context) -> Point:
    """The quarter a business story reports on: the first one named that had ended, else the last ended."""
    base = ctx.story_quarter
    if base is not None:
        return base
    return at("quarter", ctx.ref("dct", "PAST_REF").start).shift(-1)


_COMPARED = re.compile(r"\bcompared\s+(?:with|to)\b|\bversus\b|\bvs\.", re.IGNORECASE)


def h_year_ago(g: dict, ctx: Context, args: str, reference: str) -> Result:
    """ "the year-ago quarter", "a year earlier": the period the story is about, one year back."""
    if args == "compared":  # "compared with $3 million last year": a year earlier, else just last year
        if not _COMPARED.search(ctx.before):
            return h_rel_unit(dict(g, unit="year", rel="last"), ctx, "", "dct")
        args = "Y"
    if args == "Q" and not ctx.after_duration:
        base = _reported_quarter(ctx)
    else:
        last = ctx.narrative
        if last is not None and last.gran in PERIODS and not ctx.after_duration:
            base = last
        else:
            base = at("year", ctx.ref("dct", "PAST_REF").start)
    return Result("DATE", "", base.shift(-1, "year"), modifier(g), sets_narrative=False)


def h_half(g: dict, ctx: Context, args: str, reference: str) -> Result:
    h = as_int(lookup("ordinal", g["ord"])) if g.get("ord") else 2
    if h not in (1, 2):
        raise ValueError("no such half")
    year = year_of(g)
    anchor = "absolute" if year is not None else "relative"
    if year is None:
        ref = ctx.ref("dct", f"XXXX-H{h}")
        year = ref.start.year + (relative(g["rel"])[0] if g.get("rel") else 0)
    return Result("DATE", "", at("half", dt.date(year, 6 * h - 5, 1)), modifier(g), anchor)


def h_year(g: dict, ctx: Context, args: str, reference: str) -> Result:
    year = year_of(g)
    if year is None or year < 1:
        raise ValueError("no year")
    return Result("DATE", "", at("year", dt.date(year, 1, 1)), modifier(g), "absolute")


def h_year_range_end(g: dict, ctx: Context, args: str, reference: str) -> Result:
    """ "1914-18": the second end of a range of years, written with its last two digits."""
    first = int(g["century"]) * 100 + int(g["decade"])
    year = int(g["century"]) * 100 + int(g["yy"])
    if year <= first:  # "1999-00"
        year += 100
    return Result("DATE", "", at("year", dt.date(year, 1, 1)), "", "absolute")


def h_year_end(g: dict, ctx: Context, args: str, reference: str) -> Result:
    text = g.get("_text", "").lower()
    offset = 1 if "next" in text else -1 if "last" in text else 0
    ref = ctx.ref("dct" if offset else reference, "XXXX")
    return Result("DATE", "", at("year", ref.start).shift(offset), "END")


def h_season(g: dict, ctx: Context, args: str, reference: str) -> Result:
    code = value_of("season", g["season"])
    year = year_of(g)
    if year is not None:
        return Result("DATE", "", at("season", dt.date(year, 1, 1), code), modifier(g), "absolute")
    ref = ctx.ref(relative(g["rel"])[1] if g.get("rel") else reference, f"XXXX-{code}")  # "that same spring"
    base = ref.start.year + (ref.start.month == 12 and code == "WI")  # December: next year's winter
    cands = [at("season", dt.date(y, 1, 1), code) for y in (base - 1, base, base + 1)]
    if g.get("rel"):
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        offset, _ = relative(rel)
        if rel.endswith("this past"):
            return Result("DATE", "", strictly(cands, ref.finish, -1), modifier(g))
        return Result("DATE", "", at("season", dt.date(base + offset, 1, 1), code), modifier(g))
    return Result("DATE", "", ctx.nearest(cands, ref), modifier(g))


def h_decade(g: dict, ctx: Context, args: str, reference: str) -> Result:
    if g.get("bcdec"):  # "the 470s BC": 479 to 470 BC
        start = era_year(int(g["bcdec"]) * 10 + 9, bc=True)
        anchor = "absolute"
    elif g.get("dec"):
        start = int(g["dec"]) * 10
        anchor = "absolute"
    else:
        digit = int(g["dec2"]) if g.get("dec2") else int(value_of("decade", g["decw"]))
        century = 20 if digit <= 1 and ctx.published and ctx.published.year >= 2000 else 19
        start = century * 100 + digit * 10
        anchor = "absolute"
    return Result("DATE", "", at("decade", dt.date(start, 1, 1)), modifier(g), anchor)


def h_century(g: dict, ctx: Context, args: str, reference: str) -> Result:
    n = as_int(lookup("ordinal", g["ord"])) or as_int(re.sub(r"\D", "", g["ord"]))
    if not n or n > 21 + 28 * bool(g.get("era")):
        raise ValueError("no such century")
    if g.get("era") and lookup("era", g["era"]) == "BC":  # "the 4th century BC": as TIMEX2 writes it, 399-300 BC
        return Result("DATE", "", at("century", dt.date(era_year(n * 100 - 1, bc=True), 1, 1)), modifier(g), "absolute")
    return Result("DATE", "", at("century", dt.date(max(1, (n - 1) * 100), 1, 1)), modifier(g), "absolute")


def h_ago(g: dict, ctx: Context, args: str, reference: str) -> Result:
    text = g.get("_text", "").lower()
    sign = 1 if re.search(r"\b(?:later|after|from now|hence)$", text) else -1
    n = number(g["num"])
    if n is not None and g.get("half"):  # "a year and a half ago"
        n += 0.5
    unit = unit_of(g["unit"])
    if n is None:  # "several years ago"
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, modifier(g))
    # "two weeks ago" is a day about fourteen days back, not a calendar week
    gran = "day" if unit in ("week", "weekend") else unit_points().get(unit, "day")
    if unit in ("hour", "minute", "second"):
        n, unit = 0, "day"
    if n != int(n):
        if unit != "year":
            raise ValueError("fraction")
        n, unit = n * 12, "month"
        gran = "month"
    ref = ctx.ref(reference, "PAST_REF" if sign < 0 else "FUTURE_REF")
    point = at(gran, shift(ref.start, sign * int(n), unit))
    return Result("DATE", "", point, modifier(g))
