"""Labels beside the marks of the timeline, and the rows that keep marks and labels apart.

Items of one lane are stacked into rows as vis-timeline and TimelineJS do: an item takes the first row where
nothing it needs is taken yet. What an item needs is measured in pixels at the chart's default window: from
its mark (or the start of its bar) to the end of its label, whose width is estimated from its characters.
A lane has as many rows as its items need, up to what the chart's height allows (lanes without labels give
up their rows first); a lane that needs more shortens its labels, then keeps them only where they fit and
squeezes its rows when even the marks do not fit.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

LABEL_CHARS = 40  # a label is cut to this many characters, with "…"
LABEL_LENGTHS = (LABEL_CHARS, 28, 20)  # ... and shorter in a lane that has no room for them all
LABEL_FONT_PX = 11
# Advance widths (in em) of DejaVu Sans, the widest of the fonts the chart names; other characters count
# as DEFAULT_EM. Arial, where DejaVu Sans is missing, is narrower: the estimate then errs on the safe side.
_EM = {
    **dict.fromkeys("ijl.,:;'|!", 0.30),
    **dict.fromkeys("ftI()[]-/ ", 0.37),
    "r": 0.42,
    '"': 0.41,
    **dict.fromkeys("sczJ", 0.54),
    **dict.fromkeys("FLkvxy", 0.59),
    **dict.fromkeys("abdeghnopqu0123456789$#", 0.63),
    **dict.fromkeys("EPSTZY", 0.63),
    **dict.fromkeys("ABKRVX", 0.69),
    **dict.fromkeys("CUDHNG&", 0.76),
    **dict.fromkeys("OQ", 0.79),
    **dict.fromkeys("mM%", 0.97),
    **dict.fromkeys("wW…", 1.0),
}
DEFAULT_EM = 0.64
SAFETY = 1.03
MARK_PX = 11  # a marker's diameter (and room around it)
TEXT_GAP_PX = 4  # between a marker and its label (Plotly's own offset)
BAR_TEXT_PX = 3  # between the start of a bar and its label, drawn over the bar
ITEM_GAP_PX = 8  # between two items in a row


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters (with "…")."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    head = cut if text[limit - 1] == " " else cut.rsplit(" ", 1)[0]  # no half word
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
    # as the items come in order of their left edge, a row free for one stays free for the next: the rows
    # in use wait in a heap by where they end, the free ones in a heap by their number
    busy: list[tuple[float, int]]  # (where a row's last item ends, the row)
    free: list[int]
    current, busy, free, count = None, [], [], 0
    for k in order:
        if lanes[k] != current:
            current, busy, free, count = lanes[k], [], [], 0
        start = lefts[k]
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            r = heapq.heappop(free)
        else:
            r, count = count, count + 1
        rows[k] = r
        heapq.heappush(busy, (rights[k] + ITEM_GAP_PX, r))
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


def row_caps(needed: np.ndarray, budget: float, favoured: np.ndarray | None = None) -> np.ndarray:
    """Rows each lane may have when all lanes together may have ``budget``: the busiest lanes are cut
    back first, to the same number of rows (at least one each). With ``favoured`` (lanes with labels), the
    other lanes give up their rows first, down to one each; the favoured lanes share what is left."""
    needed = np.maximum(np.asarray(needed, dtype=np.int64), 1)
    if needed.sum() <= budget:
        return needed
    if favoured is None or not np.any(favoured) or np.all(favoured):
        return _even_caps(needed, budget)
    favoured = np.asarray(favoured, dtype=bool)
    caps = needed.copy()
    rest = budget - needed[favoured].sum()
    if rest >= (~favoured).sum():
        caps[~favoured] = _even_caps(needed[~favoured], rest)
    else:
        caps[~favoured] = 1
        caps[favoured] = _even_caps(needed[favoured], budget - (~favoured).sum())
    return caps


def _even_caps(needed: np.ndarray, budget: float) -> np.ndarray:
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


def fit_labels(
    texts: list[str],
    lane: np.ndarray,
    n_lanes: int,
    x: np.ndarray,
    bar_end: np.ndarray,
    is_bar: np.ndarray,
    plot_px: float,
    budget: float,
) -> tuple[Arrangement, list[str]]:
    """:func:`arrange` with the labels ``texts`` ("" for none) cut to ``LABEL_CHARS``, or shorter (the next of
    ``LABEL_LENGTHS``) in the lanes that then cannot show them all; the arrangement that shows the most labels,
    and the labels as cut: a shortened label as long again as the room around it allows."""
    wanted = np.bincount(lane, weights=[bool(t) for t in texts], minlength=n_lanes) if len(texts) else np.zeros(n_lanes)
    step = np.zeros(n_lanes, dtype=np.int64)  # per lane, its place in LABEL_LENGTHS
    last = np.where(np.bincount(lane, minlength=n_lanes) > MAX_CROWD, 0, len(LABEL_LENGTHS) - 1)
    cut: list[list[str]] = []
    widths = np.zeros((len(LABEL_LENGTHS), len(texts)))
    items = np.arange(len(texts))
    best = None
    while True:
        while len(cut) <= step.max():
            cut.append([short_label(t, LABEL_LENGTHS[len(cut)]) if t else "" for t in texts])
            widths[len(cut) - 1] = label_width_px(cut[-1])
        trial = arrange(lane, n_lanes, x, bar_end, is_bar, widths[step[lane], items], plot_px, budget)
        if best is None or trial.labelled.sum() > best[0].labelled.sum():
            best = trial, step[lane]
        short = (np.bincount(lane[trial.labelled], minlength=n_lanes) < wanted) & (step < last)
        if not short.any():
            break
        step[short] += 1
    arrangement, steps = best
    shown = [cut[s][i] for i, s in enumerate(steps.tolist())]
    return arrangement, _lengthened(arrangement, shown, steps, cut, widths, lane, x, bar_end, is_bar, plot_px)


def _lengthened(
    arr: Arrangement,
    shown: list[str],
    steps: np.ndarray,
    cuts: list[list[str]],
    widths: np.ndarray,
    lane: np.ndarray,
    x: np.ndarray,
    bar_end: np.ndarray,
    is_bar: np.ndarray,
    plot_px: float,
) -> list[str]:
    """``shown``, with each label cut shorter than the first of ``cuts`` (its cut ``steps``; their ``widths``)
    replaced by the longest of its longer cuts that covers no other item's mark or label, and stays in the
    window."""
    grow = np.flatnonzero(arr.labelled & (steps > 0))
    if not len(grow):
        return shown
    shown = list(shown)
    r = MARK_PX / 2
    bar_start = arr.bar_text_px

    def label_box(i: int | np.integer, width: float) -> tuple[float, float]:
        if is_bar[i]:
            return bar_start[i], bar_start[i] + BAR_TEXT_PX + width
        if arr.flipped[i]:
            return x[i] - r - TEXT_GAP_PX - width, x[i] - r
        return x[i] + r, x[i] + r + TEXT_GAP_PX + width

    marks = Boxes.of(x, bar_end, is_bar, np.zeros(len(x)), plot_px)
    mark_left, mark_right = marks.mark_left, marks.mark_right
    label_left, label_right = np.full(len(x), np.inf), np.full(len(x), -np.inf)
    for i in np.flatnonzero(arr.labelled):
        label_left[i], label_right[i] = label_box(i, widths[steps[i], i])
    for i in grow[np.argsort(x[grow], kind="stable")]:
        near = np.flatnonzero((lane == lane[i]) & (np.abs(arr.row - arr.row[i]) < LABEL_ROWS))
        near = near[near != i]
        for s in range(steps[i]):
            text = cuts[s][i]
            if text == shown[i]:
                continue
            left, right = label_box(i, widths[s, i])
            if left < min(0.0, label_left[i]) or right > max(plot_px, label_right[i]):
                continue
            lo, hi = left - ITEM_GAP_PX, right + ITEM_GAP_PX
            if ((mark_left[near] < hi) & (mark_right[near] > lo)).any() or (
                (label_left[near] < hi) & (label_right[near] > lo)
            ).any():
                continue
            shown[i], label_left[i], label_right[i] = text, left, right
            break
    return shown


@dataclass
class Boxes:
    """Where the marks and labels of items go, in px from the window's left edge."""

    mark_left: np.ndarray
    mark_right: np.ndarray
    seen_bar: np.ndarray  # a bar that is (partly) inside the window
    bar_text: np.ndarray  # where a bar's label would start: where the bar enters the window
    right_end: np.ndarray  # where a label on the right of its mark (over its bar) would end
    flipped: np.ndarray  # the label goes left of its marker
    roomy_text: np.ndarray  # where a bar's label starts: moved left to end inside the window
    label_left: np.ndarray
    label_right: np.ndarray

    @classmethod
    def of(cls, x: np.ndarray, bar_end: np.ndarray, is_bar: np.ndarray, text_px: np.ndarray, plot_px: float) -> Boxes:
        r = MARK_PX / 2
        mark_left = np.where(is_bar, x, x - r)
        mark_right = np.where(is_bar, np.maximum(np.nan_to_num(bar_end, nan=0.0), x + 2 * r), x + r)
        # a label goes right of its marker (a bar's: over the bar, from where the bar enters the window) ...
        seen_bar = is_bar & (x < plot_px) & (np.nan_to_num(bar_end, nan=-np.inf) > 0)
        bar_text = np.where(seen_bar, np.maximum(x, 0.0), x)
        right_end = np.where(is_bar, bar_text + BAR_TEXT_PX, x + r + TEXT_GAP_PX) + text_px
        # ... or, where it would run past the window's right edge, left of its marker (a bar's: moved left)
        flipped = (
            (text_px > 0) & ~is_bar & (right_end > plot_px) & (x <= plot_px) & (x - r - TEXT_GAP_PX - text_px >= 0)
        )
        roomy_text = np.where(
            seen_bar & (right_end > plot_px), np.maximum(plot_px - BAR_TEXT_PX - text_px, 0.0), bar_text
        )
        label_left = np.where(is_bar, roomy_text, np.where(flipped, x - r - TEXT_GAP_PX - text_px, x + r))
        label_right = np.where(is_bar, roomy_text + BAR_TEXT_PX + text_px, np.where(flipped, x - r, right_end))
        return cls(mark_left, mark_right, seen_bar, bar_text, right_end, flipped, roomy_text, label_left, label_right)

    def occupied(self, labelled: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The room each item takes: its mark, and its label where ``labelled``."""
        return (
            np.where(labelled, np.minimum(self.mark_left, self.label_left), self.mark_left),
            np.where(labelled, np.maximum(self.mark_right, self.label_right), self.mark_right),
        )


@dataclass
class Arrangement:
    row: np.ndarray  # each item's row in its lane, from 0 (fractional in a squeezed lane)
    lane_rows: np.ndarray  # rows drawn per lane
    labelled: np.ndarray  # whose label is shown
    flipped: np.ndarray  # whose label is on the left of its marker (near the window's right edge)
    bar_text_px: np.ndarray  # where a bar's label starts


def arrange(
    lane: np.ndarray,
    n_lanes: int,
    x: np.ndarray,
    bar_end: np.ndarray,
    is_bar: np.ndarray,
    text_px: np.ndarray,
    plot_px: float,
    budget: float,
    *,
    labels: bool = True,
) -> Arrangement:
    """Rows and labels for items at ``x`` (px from the window's left edge; a bar's start), ``bar_end`` (px, bars),
    with labels ``text_px`` wide, in a window ``plot_px`` wide; at most ``budget`` rows in all.

    ``labels``: each lane makes room for every label if its rows stay within its share of ``budget``; else
    it makes room for its marks and shows the labels that fit. Without ``labels`` (very large charts) the
    marks are slotted into rows (:func:`bucket_rows`) instead of packed."""
    n = len(lane)
    r = MARK_PX / 2
    b = Boxes.of(x, bar_end, is_bar, text_px, plot_px)
    mark_left, mark_right = b.mark_left, b.mark_right
    if not labels:
        row = bucket_rows(lane, mark_left, 2 * MARK_PX)
        needed = np.zeros(n_lanes, dtype=np.int64)
        np.maximum.at(needed, lane, row + 1)
        caps = row_caps(needed, budget)
        position = row.astype(float)
        s = (needed > caps)[lane]
        position[s] = row[s] * (caps[lane[s]] - 1) / np.maximum(needed[lane[s]] - 1, 1)
        nothing = np.zeros(n, dtype=bool)
        return Arrangement(
            row=position,
            lane_rows=np.minimum(np.maximum(needed, 1), caps).astype(float),
            labelled=nothing,
            flipped=nothing,
            bar_text_px=x,
        )
    has_text = text_px > 0
    seen_bar, bar_text, right_end, flipped, roomy_text = b.seen_bar, b.bar_text, b.right_end, b.flipped, b.roomy_text
    label_left, label_right = b.label_left, b.label_right
    occupied_left, occupied_right = b.occupied(has_text)
    row = first_fit_rows(lane, occupied_left, occupied_right)
    needed = np.zeros(n_lanes, dtype=np.int64)
    np.maximum.at(needed, lane, row + 1)
    caps = row_caps(needed, budget, favoured=np.bincount(lane[has_text], minlength=n_lanes) > 0)
    labelled = has_text.copy()
    by_marks = needed > caps
    if by_marks.any():
        # too many rows with room for every label: in these lanes, an item that finds no room for its label
        # within the lane's rows goes where its mark alone fits, unlabelled
        redo = by_marks[lane]
        row[redo], labelled[redo] = capped_rows(
            lane[redo],
            mark_left[redo],
            mark_right[redo],
            occupied_left[redo],
            occupied_right[redo],
            has_text[redo],
            caps,
        )
        needed[by_marks] = 0
        np.maximum.at(needed, lane[redo], row[redo] + 1)
    position = row.astype(float)
    lane_rows = np.maximum(needed, 1).astype(float)
    # lanes that still need more rows than allowed: of two ways, the one that shows more labels
    for k in np.flatnonzero(needed > caps):
        items = np.flatnonzero(lane == k)
        cap = caps[k]
        if len(items) > MAX_CROWD:  # too many to check one by one: marks only
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
    return Arrangement(
        row=position, lane_rows=lane_rows, labelled=labelled, flipped=flipped & labelled, bar_text_px=roomy_text
    )


MAX_CROWD = 1500  # items of a crowded lane beyond which its labels are not looked for


def _squeeze(rows: np.ndarray, needed: int, cap: int) -> np.ndarray:
    """Rows as positions within ``cap`` rows: closer together when ``needed`` is more."""
    rows = rows.astype(float)
    return rows * (cap - 1) / max(needed - 1, 1) if needed > cap else rows


def capped_rows(
    lane: np.ndarray,
    mark_left: np.ndarray,
    mark_right: np.ndarray,
    occupied_left: np.ndarray,
    occupied_right: np.ndarray,
    has_text: np.ndarray,
    caps: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Rows (and whether labelled) for the items of lanes allowed ``caps`` rows: an item takes the first row with
    room for it and its label, a new row while the lane has fewer than its cap, else the first row with room
    for its mark (unlabelled), else a new row beyond the cap (unlabelled)."""
    rows = np.zeros(len(lane), dtype=np.int64)
    labelled = np.zeros(len(lane), dtype=bool)
    lanes = lane.tolist()
    o_left, o_right, m_left, m_right = (a.tolist() for a in (occupied_left, occupied_right, mark_left, mark_right))
    texts = has_text.tolist()
    sizes = np.bincount(lane)
    ends: dict[int, np.ndarray] = {}  # per lane, where each row's last item ends (inf: a row not yet used)
    used: dict[int, int] = {}
    for k in np.lexsort((mark_left, lane)).tolist():
        if lanes[k] not in ends:
            ends[lanes[k]], used[lanes[k]] = np.full(sizes[lanes[k]], np.inf), 0
        taken, n = ends[lanes[k]], used[lanes[k]]
        spot = -1
        if texts[k]:
            room = taken <= o_left[k]
            spot = int(room.argmax()) if room.any() else n if n < caps[lanes[k]] else -1
        if spot >= 0:
            labelled[k] = True
            right = o_right[k]
        else:
            room = taken <= m_left[k]
            spot = int(room.argmax()) if room.any() else n
            right = m_right[k]
        used[lanes[k]] = max(n, spot + 1)
        taken[spot] = right + ITEM_GAP_PX
        rows[k] = spot
    return rows, labelled


LABEL_ROWS = 0.82  # a label's height (13 px), in rows of 16 px; a mark is lower


def _clear(
    y: np.ndarray,
    mark_left: np.ndarray,
    mark_right: np.ndarray,
    label_left: np.ndarray,
    label_right: np.ndarray,
    wanted: np.ndarray,
) -> np.ndarray:
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
