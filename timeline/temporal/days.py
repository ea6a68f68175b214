"""Handlers of days and times: month and day, weekdays, numeric dates, times, parts of day, holidays."""

from __future__ import annotations

import datetime as dt

from .calendar import Point, add_months, at
from .context import Context, Result, as_int, modifier, strictly, valid_date, year_of, years_around
from .vocab import holiday, lookup, relative, value_of


def h_date(g: dict, ctx: Context, args: str, reference: str) -> Result:
    if args == "period_end":  # "the quarter ended Sept. 30": the story is about the quarter, not the day
        res = h_date(g, ctx, "", reference)
        res.sets_narrative = False
        return res
    mod = modifier(g)
    month = as_int(lookup("month", g["month"])) if g.get("month") else None
    day = as_int(g.get("day"))
    weekday = as_int(lookup("weekday", g["weekday"])) if g.get("weekday") else None
    year = year_of(g)
    if year is not None:
        if month and day:
            return Result("DATE", "", at("day", dt.date(year, month, day)), mod, "absolute")
        if month:
            return Result("DATE", "", at("month", dt.date(year, month, 1)), mod, "absolute")
        return Result("DATE", "", at("year", dt.date(year, 1, 1)), mod, "absolute")
    offset, ref_kind = relative(g["rel"]) if g.get("rel") else (None, reference)
    if month and day:
        ref = ctx.ref(ref_kind, f"XXXX-{month:02d}-{day:02d}")
        cands = [at("day", dt.date(y, month, day)) for y in years_around(ref) if valid_date(y, month, day)]
        if weekday:  # "Friday, Oct. 13": the year in which Oct. 13 is a Friday
            cands = [c for c in cands if c.start.isoweekday() == weekday] or cands
        return Result("DATE", "", ctx.nearest(cands, ref), mod)
    if month:
        ref = ctx.ref(ref_kind, f"XXXX-{month:02d}")
        cands = [at("month", dt.date(y, month, 1)) for y in years_around(ref)]
        if offset:
            this_month = at("month", ref.start)
            edge = this_month.start if offset < 0 else this_month.finish
            return Result("DATE", "", strictly(cands, edge, offset, skip_months=1), mod)
        if offset == 0 and g.get("rel"):
            return Result("DATE", "", at("month", dt.date(ref.start.year, month, 1)), mod)
        return Result("DATE", "", ctx.nearest(cands, ref, -1 if args == "past" else None), mod)
    if weekday:
        ref = ctx.ref(ref_kind, f"XXXX-WXX-{weekday}")
        return Result("DATE", "", _weekday(ref, weekday, offset, ctx), mod)
    raise ValueError("nothing to place")


def _weekday(ref: Point, weekday: int, offset: int | None, ctx: Context) -> Point:
    day = at("day", ref.start)
    back = (day.start.isoweekday() - weekday) % 7  # days back to the one on or before
    if offset is not None and offset < 0:
        return day.shift(-(back or 7))
    if offset is not None and offset > 0:
        return day.shift((7 - back) if back else 7)
    if back == 0:
        return day
    if ctx.used != "publication":  # a story told day by day: the nearest, else the next
        return day.shift(-back) if back < 7 - back else day.shift(7 - back)
    direction = ctx.direction
    if direction == 0 and ctx.tense == "present" and offset is None:  # "the vote is Friday": the nearest one
        direction = -1 if back <= 7 - back else 1
    # no cue: news reports what happened, but "this Saturday" announces the one ahead
    direction = direction or (1 if offset == 0 else -1)
    return day.shift(-back) if direction < 0 else day.shift(7 - back)


def h_numeric(g: dict, ctx: Context, args: str, reference: str) -> Result:
    if g.get("iy"):
        y, m, d = int(g["iy"]), int(g["im"]), int(g["id"])
    elif g.get("dd") or g.get("dd2"):  # day first: "27.03.15", "24/12/2015"
        n = "" if g.get("dd") else "2"
        y, m, d = int(g["dy" + n]), int(g["dm" + n]), int(g["dd" + n])
        if y < 100:
            y += 1900 if y > 30 else 2000
    else:
        y, m, d = int(g["ny"]), int(g["nm"]), int(g["nd"])
        if y < 100:
            y += 1900 if y > 30 else 2000
    return Result("DATE", "", at("day", dt.date(y, m, d)), "", "absolute")


def h_week_of_month(g: dict, ctx: Context, args: str, reference: str) -> Result:
    """ "the first week of March": the ISO week holding the nth seven days of the month."""
    n = as_int(lookup("ordinal", g["ord"])) if g.get("ord") else -1
    if not n or n > 5:
        raise ValueError("no such week")
    month = h_date(g, ctx, "", reference).placed()
    # a week belongs to the month that holds its Thursday (as ISO weeks belong to years)
    first = month.start + dt.timedelta(days=(4 - month.start.isoweekday()) % 7)
    last = month.finish - dt.timedelta(days=1)
    last -= dt.timedelta(days=(last.isoweekday() - 4) % 7)
    start = first + dt.timedelta(days=7 * (n - 1)) if n > 0 else last
    if start >= month.finish:
        raise ValueError("no such week")
    return Result("DATE", "", at("week", start), modifier(g), "absolute" if year_of(g) else "relative")


def h_month_relyear(g: dict, ctx: Context, args: str, reference: str) -> Result:
    """ "June last year", "August of that year", "January 24 of the same year"."""
    month, day = int(value_of("month", g["month"])), as_int(g.get("day"))
    offset, ref_kind = relative(g["rel"])
    ref = ctx.ref(ref_kind, f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""))
    year = ref.start.year + offset
    if day:
        return Result("DATE", "", at("day", dt.date(year, month, day)), modifier(g))
    return Result("DATE", "", at("month", dt.date(year, month, 1)), modifier(g))


def _day_of(g: dict, ctx: Context, reference: str) -> tuple[Point, str]:
    """The day a time or part of day falls on, and whether it was absolute."""
    if g.get("month") or g.get("weekday") or g.get("nm") or g.get("iy"):
        sub = h_numeric(g, ctx, "", reference) if (g.get("nm") or g.get("iy")) else h_date(g, ctx, "", reference)
        return at("day", sub.placed().start), sub.anchor
    if g.get("dayref"):
        ref = ctx.ref("dct", "XXXX-XX-XX")
        return ref.shift(int(value_of("dayref", g["dayref"])), "day"), "relative"
    if g.get("holiday"):  # "Christmas morning"
        sub = h_holiday(g, ctx, "", reference)
        return sub.placed(), sub.anchor
    return at("day", ctx.ref(reference, "XXXX-XX-XX").start), "relative"


def h_time(g: dict, ctx: Context, args: str, reference: str) -> Result:
    day, anchor = _day_of(g, ctx, reference)
    named = (g.get("named") or "").lower()
    if named == "midnight":
        return Result(
            "TIME", f"{day.value}T24:00", Point("time", day.start + dt.timedelta(days=1)), modifier(g), anchor
        )
    if named == "noon":
        hour, minute = 12, 0
    elif g.get("hour24"):
        hour, minute = int(g["hour24"]), int(g["minute24"])
    else:
        hour, minute = int(g["hour"]) % 12, int(g.get("minute") or 0)
        if g["ampm"].lower().startswith("p"):
            hour += 12
    point = Point("time", day.start.replace(hour=hour, minute=minute))
    zone = lookup("zone", g["tz"]) if g.get("tz") else ""  # "16:15 UTC": 16:15Z
    return Result("TIME", point.value + zone if zone else "", point, modifier(g), anchor)


def h_part_of_day(g: dict, ctx: Context, args: str, reference: str) -> Result:
    code = value_of("part_of_day", g["part"])
    if g.get("rel"):  # "last night", "this morning", "the next morning", "that evening"
        offset, ref_kind = relative(g["rel"])
        day, anchor = at("day", ctx.ref(ref_kind, "XXXX-XX-XXT" + code).start).shift(offset), "relative"
    else:
        day, anchor = _day_of(g, ctx, reference)
    return Result("TIME", "", at("part", day.start, code), modifier(g), anchor)


def h_part_word(g: dict, ctx: Context, args: str, reference: str) -> Result:
    ref = at("day", ctx.ref(reference, "XXXX-XX-XXTNI").start)  # "overnight": the night before the day told
    return Result("TIME", "", at("part", ref.shift(int(args or 0), "day").start, "NI"))


def h_dayref(g: dict, ctx: Context, args: str, reference: str) -> Result:
    offset = int(value_of("dayref", g["dayref"]))
    ref = ctx.ref("dct", {0: "PRESENT_REF", -1: "PAST_REF", 1: "FUTURE_REF"}.get(offset, "XXXX-XX-XX"))
    return Result("DATE", "", at("day", ref.start).shift(offset), modifier(g))


def holiday_date(row: dict, year: int) -> dt.date:
    nth = row["nth"]
    if nth.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(nth[6:] or 0))
    month = int(row["month"])
    if row["day"]:
        return dt.date(year, month, int(row["day"]))
    weekday, n = int(row["weekday"]), int(nth)
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = add_months(dt.datetime(year, month, 1), 1).date() - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 the letters of the published algorithm
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def h_holiday(g: dict, ctx: Context, args: str, reference: str) -> Result:
    row = holiday(g["holiday"])
    if row is None:
        raise ValueError(f"no holiday {g['holiday']!r}")
    year = year_of(g)
    if year is not None:
        return Result("DATE", "", at("day", holiday_date(row, year)), modifier(g), "absolute")
    fallback = f"XXXX-{int(row['month']):02d}-{int(row['day']):02d}" if row["day"] else "XXXX-XX-XX"
    ref = ctx.ref(reference, fallback)
    cands = [at("day", holiday_date(row, y)) for y in years_around(ref)]
    return Result("DATE", "", ctx.nearest(cands, ref), modifier(g))
