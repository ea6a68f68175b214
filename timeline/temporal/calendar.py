"""Calendar points of a given granularity: TIMEX3 values, intervals and arithmetic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_table

# datetime has no year before 1: the year n BC is kept as the datetime year BC_EPOCH - n (480 BC is 9519), at the
# top of its range, where the order of the years and their arithmetic still hold (480 BC + 1 year = 479 BC) and
# decades and centuries stay aligned (the 470s BC are 9520-9529); the AD years end where the BC years begin.
BC_EPOCH = 9999
FIRST_BC = 5000  # the datetime year of 4999 BC

SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PART_HOURS = {"MO": (6, 12), "AF": (12, 18), "EV": (18, 24), "NI": (20, 30), "DT": (9, 17)}
GRANULARITY = {  # granularity of a point -> granularity word of the Timex
    "time": "time",
    "hour": "time",
    "part": "time",
    "day": "day",
    "week": "week",
    "weekend": "week",
    "month": "month",
    "quarter": "quarter",
    "season": "season",
    "half": "half",
    "year": "year",
    "decade": "decade",
    "century": "century",
}


@dataclass(unsafe_hash=True)  # a value never changed (frozen would make each slower to make)
class Point:
    gran: str  # time|hour|part|day|week|weekend|month|quarter|season|half|year|decade|century
    start: dt.datetime  # first instant of the period
    code: str = ""  # season (SU) or part of day (MO)

    @property
    def bc(self) -> bool:
        return self.start.year >= FIRST_BC

    @property
    def value(self) -> str:
        s, g = self.start, self.gran
        era, year = ("BC", BC_EPOCH - s.year) if self.bc else ("", s.year)  # TIMEX2's "BC0480"
        if g == "century":
            return f"{era}{year // 100:02d}"
        if g == "decade":
            return f"{era}{year // 10:03d}"
        if g == "year":
            return f"{era}{year:04d}"
        if g == "half":
            return f"{era}{year:04d}-H{1 if s.month <= 6 else 2}"
        if g == "quarter":
            return f"{era}{year:04d}-Q{(s.month - 1) // 3 + 1}"
        if g == "season":  # a winter is named after the year its January falls in
            return f"{era}{year + (self.code == 'WI') * (-1 if self.bc else 1):04d}-{self.code}"
        if g == "month":
            return f"{era}{year:04d}-{s.month:02d}"
        if g in ("week", "weekend"):
            y, w, _ = s.isocalendar()
            return f"{y:04d}-W{w:02d}" + ("-WE" if g == "weekend" else "")
        day = f"{era}{year:04d}-{s.month:02d}-{s.day:02d}"
        if g == "day":
            return day
        if g == "part":
            return f"{day}T{self.code}"
        return f"{day}T{s.hour:02d}:{s.minute:02d}"

    @property
    def finish(self) -> dt.datetime:
        s, g = self.start, self.gran
        if g in ("century", "decade", "year", "half", "quarter", "season", "month"):
            months = {"century": 1200, "decade": 120, "year": 12, "half": 6, "quarter": 3, "season": 3, "month": 1}[g]
            return add_months(s, months)
        if g == "week":
            return s + dt.timedelta(days=7)
        if g in ("weekend",):
            return s + dt.timedelta(days=2)
        if g == "day":
            return s + dt.timedelta(days=1)
        if g == "part":
            lo, hi = PART_HOURS.get(self.code, (0, 24))
            return s + dt.timedelta(hours=hi - lo)
        if g == "hour":
            return s + dt.timedelta(hours=1)
        return s + dt.timedelta(minutes=1)

    @property
    def granularity(self) -> str:
        return GRANULARITY[self.gran]

    def shift(self, n: int, unit: str | None = None) -> Point:
        """n units later (unit defaults to the point's own granularity); the result keeps this granularity."""
        return at(self.gran, shift(self.start, n, unit or self.gran), self.code)


def era_year(n: int, bc: bool) -> int:
    """The datetime year that holds the year n of an era ("481 BC": 481, True)."""
    if bc:
        if not 1 <= n <= BC_EPOCH - FIRST_BC:
            raise ValueError("no such year BC")
        return BC_EPOCH - n
    return n


def add_months(d: dt.datetime, n: int) -> dt.datetime:
    y, m = divmod(d.month - 1 + n, 12)
    year = d.year + y
    day = min(d.day, _month_len(year, m + 1))
    return d.replace(year=year, month=m + 1, day=day)


def _month_len(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def shift(d: dt.datetime, n: int, unit: str) -> dt.datetime:
    """``d`` moved by n units (temporal_steps.csv; KeyError for a unit it lacks)."""
    months, days, minutes = _steps()[unit]
    if months:
        return add_months(d, n * months)
    return d + dt.timedelta(days=n * days, minutes=n * minutes)


@lru_cache(maxsize=1)
def _steps() -> dict[str, tuple[int, int, int]]:
    return {r["unit"]: (int(r["months"]), int(r["days"]), int(r["minutes"])) for r in load_table("temporal_steps")}


@lru_cache(maxsize=1)
def unit_points() -> dict[str, str]:
    """Unit -> the granularity of the date "the <unit>" or "<n> <units> ago" names (temporal_steps.csv)."""
    return {r["unit"]: r["point"] for r in load_table("temporal_steps") if r["point"]}


def at(gran: str, d: dt.datetime | dt.date, code: str = "") -> Point:
    """The point of granularity `gran` that holds instant `d` (snapped to the start of the period)."""
    if not isinstance(d, dt.datetime):
        d = dt.datetime(d.year, d.month, d.day)
    y = d.year
    if gran == "century":
        s = dt.datetime(max(1, y // 100 * 100), 1, 1)
    elif gran == "decade":
        s = dt.datetime(max(1, y // 10 * 10), 1, 1)
    elif gran == "year":
        s = dt.datetime(y, 1, 1)
    elif gran == "half":
        s = dt.datetime(y, 1 if d.month <= 6 else 7, 1)
    elif gran == "quarter":
        s = dt.datetime(y, (d.month - 1) // 3 * 3 + 1, 1)
    elif gran == "season":  # the winter of 1994 runs from December 1993 to February 1994
        s = dt.datetime(y - (code == "WI" and d.month < 12), SEASON_MONTH[code], 1)
    elif gran == "month":
        s = dt.datetime(y, d.month, 1)
    elif gran == "week":
        s = dt.datetime(y, d.month, d.day) - dt.timedelta(days=d.weekday())
    elif gran == "weekend":
        s = dt.datetime(y, d.month, d.day) + dt.timedelta(days=5 - d.weekday())
    elif gran in ("day",):
        s = dt.datetime(y, d.month, d.day)
    elif gran == "part":
        s = dt.datetime(y, d.month, d.day) + dt.timedelta(hours=PART_HOURS.get(code, (0, 24))[0])
    elif gran == "hour":
        s = d.replace(minute=0, second=0, microsecond=0)
    else:
        s = d.replace(second=0, microsecond=0)
    return Point(gran, s, code)
