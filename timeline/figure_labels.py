"""Labels beside the marks of the timeline, and the rows that keep marks and labels apart.

Items of one lane are stacked into rows as vis-timeline and TimelineJS do: an item takes the first row where
nothing it needs is taken yet. What an item needs is measured in pixels at the chart's default window: from
its mark (or the start of its bar) to the end of its label, whose width is estimated from its characters.
A lane has as many rows as its items need, up to what the chart's height allows; a lane that needs more
keeps its labels only where they fit and squeezes its rows when even the marks do not fit.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LABEL_CHARS = 40        # a label is cut to this many characters, with "…"
LABEL_FONT_PX = 11
# Advance widths (in em) of DejaVu Sans, the widest of the fonts the chart names; other characters count
# as DEFAULT_EM. Arial, where DejaVu Sans is missing, is narrower: the estimate then errs on the safe side.
_EM = {**dict.fromkeys("ijl.,:;'|!", 0.30), **dict.fromkeys("ftI()[]-/ ", 0.37), "r": 0.42, '"': 0.41,
       **dict.fromkeys("sczJ", 0.54), **dict.fromkeys("FLkvxy", 0.59), **dict.fromkeys("abdeghnopqu0123456789$#", 0.63),
       **dict.fromkeys("EPSTZY", 0.63), **dict.fromkeys("ABKRVX", 0.69), **dict.fromkeys("CUDHNG&", 0.76),
       **dict.fromkeys("OQ", 0.79), **dict.fromkeys("mM%", 0.97), **dict.fromkeys("wW…", 1.0)}
DEFAULT_EM = 0.64
SAFETY = 1.03
MARK_PX = 11            # a marker's diameter (and room around it)
TEXT_GAP_PX = 4         # between a marker and its label (Plotly's own offset)
BAR_TEXT_PX = 3         # between the start of a bar and its label, drawn over the bar
ITEM_GAP_PX = 8         # between two items in a row


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (with "…")."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    head = cut if text[limit - 1] == " " else cut.rsplit(" ", 1)[0]     # no half word
    return (head if len(head) >= limit // 2 else cut).rstrip(" ,;:") + "…"


def text_width_px(text: str) -> float:
    """Estimated width of an (unescaped) label as drawn at ``LABEL_FONT_PX``."""
    return SAFETY * LABEL_FONT_PX * sum(_EM.get(c, DEFAULT_EM) for c in text)


def label_width_px(texts: list[str]) -> np.ndarray:
    """Estimated width of each (unescaped) label; 0 for an empty one."""
    return np.fromiter((text_width_px(t) for t in texts), dtype=float, count=len(texts))


# ------------------------------------------------------------------------------------- packing --

def first_fit_rows(lane: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The row of each item: items of a lane in order of their left edge, each in the first row of its lane
    whose last item ends (plus ``ITEM_GAP_PX``) before it starts."""
    rows = np.zeros(len(lane), dtype=np.int64)
    order = np.lexsort((left, lane)).tolist()
    lanes, lefts, rights = lane.tolist(), left.tolist(), right.tolist()
    ends: dict[int, list[float]] = {}
    for k in order:
        taken = ends.setdefault(lanes[k], [])
        start = lefts[k]
        for r, end in enumerate(taken):
            if end <= start:
                taken[r] = rights[k] + ITEM_GAP_PX
                rows[k] = r
                break
        else:
            rows[k] = len(taken)
            taken.append(rights[k] + ITEM_GAP_PX)
    return rows


def bucket_rows(lane: np.ndarray, left: np.ndarray, width: float) -> np.ndarray:
    """A fast stand-in for :func:`first_fit_rows` on very large charts: items whose left edges fall in the same
    ``width``-wide slot of a lane go to separate rows (items of neighbouring slots may touch)."""
    slot = np.floor(left / width)
    order = np.lexsort((left, slot, lane))
    key_lane, key_slot = lane[order], slot[order]
    new_group = np.ones(len(order), dtype=bool)
    new_group[1:] = (key_lane[1:] != key_lane[:-1]) | (key_slot[1:] != key_slot[:-1])
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(len(order)), 0))
    rows = np.empty(len(order), dtype=np.int64)
    rows[order] = np.arange(len(order)) - group_start
    return rows


def row_caps(needed: np.ndarray, budget: float) -> np.ndarray:
    """Rows each lane may have when all lanes together may have ``budget``: the busiest lanes are cut
    back first, to the same number of rows (at least one each)."""
    needed = np.maximum(np.asarray(needed, dtype=np.int64), 1)
    if needed.sum() <= budget:
        return needed
    cap = 1
    for c in range(1, int(needed.max()) + 1):
        if np.minimum(needed, c).sum() > budget:
            break
        cap = c
    return np.minimum(needed, cap)


def _next_left(lane: np.ndarray, row: np.ndarray, left: np.ndarray) -> np.ndarray:
    """The left edge of the next item in the same row of the same lane (inf for the last one)."""
    order = np.lexsort((left, row, lane))
    following = np.full(len(order), np.inf)
    same = (lane[order][1:] == lane[order][:-1]) & (row[order][1:] == row[order][:-1])
    following[:-1] = np.where(same, left[order][1:], np.inf)
    out = np.empty(len(order))
    out[order] = following
    return out


@dataclass
class Arrangement:
    row: np.ndarray            # each item's row in its lane, from 0 (fractional in a squeezed lane)
    lane_rows: np.ndarray      # rows drawn per lane
    labelled: np.ndarray       # whose label is shown
    flipped: np.ndarray        # whose label is on the left of its marker (near the window's right edge)
    bar_text_px: np.ndarray    # where a bar's label starts


def arrange(lane: np.ndarray, n_lanes: int, x: np.ndarray, bar_end: np.ndarray, is_bar: np.ndarray,
            text_px: np.ndarray, plot_px: float, budget: float, *, labels: bool = True) -> Arrangement:
    """Rows and labels for items at ``x`` (px from the window's left edge; a bar's start), ``bar_end`` (px, bars),
    with labels ``text_px`` wide, in a window ``plot_px`` wide; at most ``budget`` rows in all.

    ``labels``: each lane makes room for every label if its rows stay within its share of ``budget``; else
    it makes room for its marks and shows the labels that fit. Without ``labels`` (very large charts) the
    marks are slotted into rows (:func:`bucket_rows`) instead of packed."""
    n = len(lane)
    r = MARK_PX / 2
    mark_left = np.where(is_bar, x, x - r)
    mark_right = np.where(is_bar, np.maximum(np.nan_to_num(bar_end, nan=0.0), x + 2 * r), x + r)
    if not labels:
        row = bucket_rows(lane, mark_left, 2 * MARK_PX)
        needed = np.zeros(n_lanes, dtype=np.int64)
        np.maximum.at(needed, lane, row + 1)
        caps = row_caps(needed, budget)
        position = row.astype(float)
        s = (needed > caps)[lane]
        position[s] = row[s] * (caps[lane[s]] - 1) / np.maximum(needed[lane[s]] - 1, 1)
        nothing = np.zeros(n, dtype=bool)
        return Arrangement(row=position, lane_rows=np.minimum(np.maximum(needed, 1), caps).astype(float),
                           labelled=nothing, flipped=nothing, bar_text_px=x)
    has_text = text_px > 0
    # a label goes right of its marker (a bar's: over the bar, from where the bar enters the window) ...
    seen_bar = is_bar & (x < plot_px) & (np.nan_to_num(bar_end, nan=-np.inf) > 0)
    bar_text = np.where(seen_bar, np.maximum(x, 0.0), x)
    right_end = np.where(is_bar, bar_text + BAR_TEXT_PX, x + r + TEXT_GAP_PX) + text_px
    # ... or, where it would run past the window's right edge, left of its marker (a bar's: moved left)
    flipped = (has_text & ~is_bar & (right_end > plot_px) & (x <= plot_px)
               & (x - r - TEXT_GAP_PX - text_px >= 0))
    roomy_text = np.where(seen_bar & (right_end > plot_px), np.maximum(plot_px - BAR_TEXT_PX - text_px, 0.0),
                          bar_text)
    label_left = np.where(is_bar, roomy_text, np.where(flipped, x - r - TEXT_GAP_PX - text_px, x + r))
    label_right = np.where(is_bar, roomy_text + BAR_TEXT_PX + text_px, np.where(flipped, x - r, right_end))
    occupied_left = np.where(has_text, np.minimum(mark_left, label_left), mark_left)
    occupied_right = np.where(has_text, np.maximum(mark_right, label_right), mark_right)
    row = first_fit_rows(lane, occupied_left, occupied_right)
    needed = np.zeros(n_lanes, dtype=np.int64)
    np.maximum.at(needed, lane, row + 1)
    caps = row_caps(needed, budget)
    labelled = has_text.copy()
    by_marks = needed > caps
    if by_marks.any():
        # too many rows with room for every label: in these lanes, an item that finds no room for its label
        # within the lane's rows goes where its mark alone fits, unlabelled
        redo = by_marks[lane]
        row[redo], labelled[redo] = capped_rows(lane[redo], mark_left[redo], mark_right[redo], occupied_left[redo],
                                                occupied_right[redo], has_text[redo], caps)
        needed[by_marks] = 0
        np.maximum.at(needed, lane[redo], row[redo] + 1)
    position = row.astype(float)
    lane_rows = np.maximum(needed, 1).astype(float)
    # lanes that still need more rows than allowed: of two ways, the one that shows more labels
    for k in np.flatnonzero(needed > caps):
        items = np.flatnonzero(lane == k)
        cap = caps[k]
        if len(items) > MAX_CROWD:        # too many to check one by one: marks only
            position[items], labelled[items] = _squeeze(row[items], needed[k], cap), False
            lane_rows[k] = cap
            continue
        boxes = mark_left[items], mark_right[items]
        # the rows found above, closer together: labels stay where they cover nothing
        squeezed = _squeeze(row[items], needed[k], cap)
        kept = _clear(squeezed, *boxes, label_left[items], label_right[items], has_text[items])
        # or room for the marks alone (as close as needed), with the labels that fit on their right
        marks_only = first_fit_rows(np.zeros(len(items), dtype=np.int64), *boxes)
        tight = _squeeze(marks_only, marks_only.max() + 1, cap)
        right_side = has_text[items] & (~is_bar[items] | seen_bar[items]) & (right_end[items] <= plot_px)
        fitting = _clear(tight, *boxes, np.where(is_bar, bar_text, x + r)[items], right_end[items], right_side)
        if fitting.sum() >= kept.sum():
            position[items], labelled[items] = tight, fitting
            flipped[items], roomy_text[items] = False, bar_text[items]
            lane_rows[k] = min(marks_only.max() + 1, cap)
        else:
            position[items], labelled[items] = squeezed, kept
            lane_rows[k] = cap
    return Arrangement(row=position, lane_rows=lane_rows, labelled=labelled, flipped=flipped & labelled,
                       bar_text_px=roomy_text)


MAX_CROWD = 1500        # items of a crowded lane beyond which its labels are not looked for


def _squeeze(rows: np.ndarray, needed: int, cap: int) -> np.ndarray:
    """Rows as positions within ``cap`` rows: closer together when ``needed`` is more."""
    rows = rows.astype(float)
    return rows * (cap - 1) / max(needed - 1, 1) if needed > cap else rows


def capped_rows(lane: np.ndarray, mark_left: np.ndarray, mark_right: np.ndarray, occupied_left: np.ndarray,
                occupied_right: np.ndarray, has_text: np.ndarray, caps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows (and whether labelled) for the items of lanes allowed ``caps`` rows: an item takes the first row with
    room for it and its label, a new row while the lane has fewer than its cap, else the first row with room
    for its mark (unlabelled), else a new row beyond the cap (unlabelled)."""
    rows = np.zeros(len(lane), dtype=np.int64)
    labelled = np.zeros(len(lane), dtype=bool)
    lanes = lane.tolist()
    o_left, o_right, m_left, m_right = (a.tolist() for a in (occupied_left, occupied_right, mark_left, mark_right))
    texts = has_text.tolist()
    ends: dict[int, list[float]] = {}
    for k in np.lexsort((mark_left, lane)).tolist():
        taken = ends.setdefault(lanes[k], [])
        cap = caps[lanes[k]]
        spot = next((r for r, end in enumerate(taken) if end <= o_left[k]), None) if texts[k] else None
        if spot is None and texts[k] and len(taken) < cap:
            spot = len(taken)
            taken.append(0.0)
        if spot is not None:
            labelled[k] = True
            right = o_right[k]
        else:
            spot = next((r for r, end in enumerate(taken) if end <= m_left[k]), None)
            if spot is None:
                spot = len(taken)
                taken.append(0.0)
            right = m_right[k]
        taken[spot] = right + ITEM_GAP_PX
        rows[k] = spot
    return rows, labelled


LABEL_ROWS = 0.75       # a label's height, in rows (a mark's too)


def _clear(y: np.ndarray, mark_left: np.ndarray, mark_right: np.ndarray, label_left: np.ndarray,
           label_right: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Which of the ``wanted`` labels of one lane cover no other item's mark and no label kept before them."""
    keep = np.zeros(len(y), dtype=bool)
    near = np.abs(y[:, None] - y[None, :]) < LABEL_ROWS
    covers_mark = near & (label_left[:, None] < mark_right[None, :]) & (label_right[:, None] > mark_left[None, :])
    np.fill_diagonal(covers_mark, False)
    free = wanted & ~covers_mark.any(axis=1)
    for i in np.flatnonzero(free)[np.argsort(y[free], kind="stable")]:
        if not (keep & near[i] & (label_left < label_right[i]) & (label_right > label_left[i])).any():
            keep[i] = True
    return keep
