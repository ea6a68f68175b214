"""Turn a scanned match into a TIMEX3 value: the handler named in the `handler` column of the pattern table."""

from __future__ import annotations

from typing import Callable

from .amounts import h_duration, h_fixed, h_fixed_unless_past, h_set
from .context import Context, Result, Unanchored
from .days import (
    h_date,
    h_dayref,
    h_holiday,
    h_month_relyear,
    h_numeric,
    h_part_of_day,
    h_part_word,
    h_time,
    h_week_of_month,
)
from .periods import (
    h_ago,
    h_century,
    h_decade,
    h_half,
    h_quarter,
    h_rel_unit,
    h_season,
    h_year,
    h_year_ago,
    h_year_end,
    h_year_range_end,
)

__all__ = ["HANDLERS", "Context", "Result", "Unanchored"]

HANDLERS: dict[str, Callable[..., Result]] = {
    "date": h_date,
    "numeric": h_numeric,
    "month_relyear": h_month_relyear,
    "time": h_time,
    "part_of_day": h_part_of_day,
    "part_word": h_part_word,
    "dayref": h_dayref,
    "rel_unit": h_rel_unit,
    "quarter": h_quarter,
    "year_ago": h_year_ago,
    "half": h_half,
    "year": h_year,
    "year_end": h_year_end,
    "year_range_end": h_year_range_end,
    "season": h_season,
    "decade": h_decade,
    "century": h_century,
    "ago": h_ago,
    "fixed": h_fixed,
    "fixed_unless_past": h_fixed_unless_past,
    "duration": h_duration,
    "set": h_set,
    "holiday": h_holiday,
    "week_of_month": h_week_of_month,
}
