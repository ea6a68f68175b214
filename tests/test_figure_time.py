"""The chart's time axis: the window it opens on and the overview's counts per period."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from timeline.figure_time import DAY_MS, chosen_window, default_window, period_counts, period_for


def ms(*days: str) -> np.ndarray:
    return np.array([np.datetime64(d, "ms").astype("int64") for d in days], dtype=float)


def day(value: float) -> pd.Timestamp:
    return pd.Timestamp(np.datetime64(int(value), "ms"))


def test_the_window_holds_the_events_and_not_a_far_stray():
    dates = [str(d.date()) for d in pd.date_range("2009-05-01", "2009-08-31", freq="D")]
    lo, hi = default_window(ms(*dates, "1520-01-01"))
    assert pd.Timestamp("2009-04-20") <= day(lo) < pd.Timestamp("2009-05-01")
    assert pd.Timestamp("2009-08-31") < day(hi) <= pd.Timestamp("2009-09-12")


def test_a_spread_out_tail_stays_in_the_window():
    # most events in one month, a tenth trailing off over the next weeks: all are shown
    dates = [f"2012-03-{d:02d}" for d in range(1, 31)] * 3 + [f"2012-04-{d:02d}" for d in range(1, 11)]
    lo, hi = default_window(ms(*dates))
    assert day(lo) < pd.Timestamp("2012-03-01") and day(hi) > pd.Timestamp("2012-04-10")


def test_events_on_one_day_open_a_window_of_days_not_hours():
    lo, hi = default_window(ms("2014-07-04", "2014-07-04"))
    assert hi - lo >= 7 * DAY_MS
    assert lo < ms("2014-07-04")[0] < hi


def test_from_and_until_set_the_window_to_whole_days():
    starts = ms("2010-01-05", "2010-06-01")
    lo, hi = chosen_window((dt.date(2010, 2, 1), dt.date(2010, 2, 14)), starts)
    assert (day(lo), day(hi)) == (pd.Timestamp("2010-02-01"), pd.Timestamp("2010-02-15"))
    lo, _ = chosen_window((dt.date(2010, 3, 1), None), starts)
    assert day(lo) == pd.Timestamp("2010-03-01")
    _, hi = chosen_window((None, dt.date(2010, 3, 1)), starts)
    assert day(hi) == pd.Timestamp("2010-03-02")


def test_periods_follow_the_span():
    assert period_for(30 * DAY_MS) == "day"
    assert period_for(400 * DAY_MS) == "week"
    assert period_for(10 * 365 * DAY_MS) == "month"
    assert period_for(500 * 365 * DAY_MS) == "year"


def test_counts_per_week_start_on_mondays_and_keep_empty_weeks():
    x, counts = period_counts(ms("2021-03-03", "2021-03-07", "2021-03-08", "2021-03-24"), "week")
    assert [str(day(v).date()) for v in x] == ["2021-03-01", "2021-03-08", "2021-03-15", "2021-03-22",
                                               "2021-03-29"]
    assert list(counts[:-1]) == [2, 1, 0, 1]


def test_counts_per_month_and_year():
    x, counts = period_counts(ms("2020-01-31", "2020-02-01", "2020-02-29"), "month")
    assert [str(day(v).date()) for v in x] == ["2020-01-01", "2020-02-01", "2020-03-01"]
    assert list(counts[:-1]) == [1, 2]
    x, counts = period_counts(ms("1520-06-01", "1522-01-01"), "year")
    assert list(counts[:-1]) == [1, 0, 1] and np.datetime64(int(x[0]), "ms") == np.datetime64("1520-01-01")
