"""The time axis of the timeline chart: the window it opens on, the overview's counts per period, tick formats.

Times are float milliseconds since 1970, as a Plotly date axis reads numbers.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

DAY_MS = 86_400_000.0
WINDOW_SHARE = 0.9  # the default window holds at least this share of the events ...
NEAR = 0.25  # ... and those beyond, up to a gap wider than this share of its width
MARGIN = 0.05  # room either side, as a share of the width ...
MIN_MARGIN_MS = 3 * DAY_MS  # ... and at least this much
MIN_WINDOW_MS = 10 * DAY_MS  # narrower windows would show hours between day ticks

# No hours on the axis unless zoomed in below a day: day-level events sit on their day's tick.
TICK_FORMAT_STOPS = [
    dict(dtickrange=[None, DAY_MS], value="%H:%M<br>%d %b %Y"),
    dict(dtickrange=[DAY_MS, "M1"], value="%d %b %Y"),
    dict(dtickrange=["M1", "M12"], value="%b %Y"),
    dict(dtickrange=["M12", None], value="%Y"),
]


def default_window(starts: np.ndarray) -> tuple[float, float]:
    """Where the events are: the narrowest span holding ``WINDOW_SHARE`` of the ``starts``, widened to the
    events that trail off from it (a spread-out tail is shown, a few stray dates far away are not), plus margins."""
    s = np.sort(np.asarray(starts, dtype=float))
    n = len(s)
    k = max(1, math.ceil(WINDOW_SHARE * n))
    widths = s[k - 1 :] - s[: n - k + 1]
    i = int(np.argmin(widths))
    first, last = i, i + k - 1
    # then the events beyond its edges, as long as no gap wider than NEAR of its width parts them from it
    reach = max(NEAR * (s[last] - s[first]), MIN_MARGIN_MS)
    wide = np.flatnonzero(np.diff(s) > reach)  # gap j lies between s[j] and s[j + 1]
    before, after = wide[wide < first], wide[wide >= last]
    lo = s[before[-1] + 1] if len(before) else s[0]
    hi = s[after[0]] if len(after) else s[-1]
    pad = max(MARGIN * (hi - lo), MIN_MARGIN_MS)
    lo, hi = lo - pad, hi + pad
    if hi - lo < MIN_WINDOW_MS:
        middle = (lo + hi) / 2
        lo, hi = middle - MIN_WINDOW_MS / 2, middle + MIN_WINDOW_MS / 2
    return float(lo), float(hi)


def day_ms(day: dt.date) -> float:
    return float((np.datetime64(day, "D") - np.datetime64(0, "D")) / np.timedelta64(1, "ms"))


def chosen_window(window, starts: np.ndarray) -> tuple[float, float]:
    """``window`` = (since, until) (dates, either None) as a range: from the start of ``since`` to the end of
    ``until``; a side left None (or no window) is the default window's."""
    since, until = window if window is not None else (None, None)
    if since is not None and until is not None:
        return day_ms(since), day_ms(until) + DAY_MS
    lo, hi = default_window(starts)
    if since is not None:
        lo = day_ms(since)
        hi = max(hi, lo + MIN_WINDOW_MS)
    if until is not None:
        hi = day_ms(until) + DAY_MS
        lo = min(lo, hi - MIN_WINDOW_MS)
    return lo, hi


# ----------------------------------------------------------------------------------- overview --

PERIODS = (("day", 120 * DAY_MS), ("week", 3 * 366 * DAY_MS), ("month", 30 * 366 * DAY_MS), ("year", math.inf))


def period_for(span_ms: float) -> str:
    """Days, weeks, months or years: a few hundred periods at most across ``span_ms``."""
    return next(name for name, up_to in PERIODS if span_ms <= up_to)


def _period_starts(ms: np.ndarray, period: str) -> np.ndarray:
    """The first day of each time's period, as datetime64[D]."""
    days = (np.asarray(ms, dtype="float64") // DAY_MS).astype("int64")
    if period == "day":
        return days.astype("datetime64[D]")
    if period == "week":  # weeks start on Monday; 1970-01-01 was a Thursday
        return (days - (days + 3) % 7).astype("datetime64[D]")
    unit = "M" if period == "month" else "Y"
    return days.astype("datetime64[D]").astype(f"datetime64[{unit}]").astype("datetime64[D]")


def period_counts(starts: np.ndarray, period: str) -> tuple[np.ndarray, np.ndarray]:
    """(x, count) for a step line over every period from the first start's to the last one's, empty periods
    included: x holds each period's first moment (ms) and, last, the end of the last period."""
    first = _period_starts(starts, period)
    grid_lo, grid_hi = first.min(), first.max()
    if period in ("day", "week"):
        step = 1 if period == "day" else 7
        grid = np.arange(grid_lo, grid_hi + np.timedelta64(step, "D"), np.timedelta64(step, "D"))
        end = grid[-1] + np.timedelta64(step, "D")
    else:
        unit = "M" if period == "month" else "Y"
        coarse = np.arange(grid_lo.astype(f"datetime64[{unit}]"), grid_hi.astype(f"datetime64[{unit}]") + 1)
        grid = coarse.astype("datetime64[D]")
        end = (coarse[-1] + 1).astype("datetime64[D]")
    index = np.searchsorted(grid, first)
    counts = np.bincount(index, minlength=len(grid)).astype(float)
    edges = np.append(grid, end)
    x = ((edges - np.datetime64(0, "D")) / np.timedelta64(1, "ms")).astype(float)
    return x, np.append(counts, counts[-1])
