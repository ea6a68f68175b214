"""Labels beside the marks, and the rows that keep them apart."""
from __future__ import annotations

import numpy as np

from timeline.figure_labels import (ITEM_GAP_PX, LABEL_CHARS, LABEL_LENGTHS, arrange, first_fit_rows, fit_labels, label_width_px,
                                    row_caps, short_label)


def test_short_labels_are_cut_at_a_word_with_an_ellipsis():
    assert short_label("The harbour master   closed the pier") == "The harbour master closed the pier"
    cut = short_label("The committee postponed its decision on the new stadium until the spring", 40)
    assert cut == "The committee postponed its decision on…" and len(cut) <= 40
    assert short_label("Supercalifragilisticexpialidocious" * 2, 12) == "Supercalifr…"
    narrow, wide, none = label_width_px(["illicit", "WARSHIP", ""])
    assert 0 == none < narrow < wide


def test_items_take_the_first_free_row_of_their_lane():
    lane = np.array([0, 0, 0, 1, 0])
    left = np.array([0.0, 50.0, 200.0, 0.0, 60.0])
    right = np.array([100.0, 150.0, 260.0, 100.0, 70.0])
    rows = first_fit_rows(lane, left, right)
    assert list(rows) == [0, 1, 0, 0, 2]          # the last one overlaps both rows in use
    assert 200.0 >= 100.0 + ITEM_GAP_PX


def test_the_busiest_lanes_give_up_rows_first():
    assert list(row_caps(np.array([2, 9, 30]), budget=100)) == [2, 9, 30]
    assert list(row_caps(np.array([2, 9, 30]), budget=20)) == [2, 9, 9]
    assert list(row_caps(np.array([0, 9, 30]), budget=3)) == [1, 1, 1]


def test_lanes_without_labels_give_up_their_rows_first():
    with_labels = np.array([False, False, True])
    assert list(row_caps(np.array([2, 9, 30]), budget=40, favoured=with_labels)) == [2, 8, 30]
    assert list(row_caps(np.array([2, 9, 30]), budget=20, favoured=with_labels)) == [1, 1, 18]
    assert list(row_caps(np.array([2, 9, 30]), budget=100, favoured=with_labels)) == [2, 9, 30]


def boxes(lane, x, text_px, result):
    """(lane, row, left, right) of each item with its label, if shown."""
    out = []
    for i in range(len(x)):
        right = x[i] + 5 + (4 + text_px[i] if result.labelled[i] and not result.flipped[i] else 0)
        left = x[i] - 5 - (4 + text_px[i] if result.flipped[i] else 0)
        out.append((lane[i], result.row[i], left, right))
    return out


def test_labels_get_rows_of_their_own_when_there_is_room():
    n = 12
    lane = np.zeros(n, dtype=int)
    x = np.array([40.0 * (i % 4) for i in range(n)])
    text_px = np.full(n, 200.0)
    result = arrange(lane, 1, x, np.full(n, np.nan), np.zeros(n, dtype=bool), text_px, 1000, budget=50)
    assert result.labelled.all()
    items = boxes(lane, x, text_px, result)
    clashes = [(a, b) for i, a in enumerate(items) for b in items[i + 1:]
               if a[1] == b[1] and a[2] < b[3] and b[2] < a[3]]
    assert not clashes


def test_without_room_a_lane_keeps_its_marks_apart_and_labels_only_what_fits():
    n = 40
    lane = np.zeros(n, dtype=int)
    x = np.array([15.0 * i for i in range(n)])
    result = arrange(lane, 1, x, np.full(n, np.nan), np.zeros(n, dtype=bool), np.full(n, 150.0), 700, budget=3)
    assert result.lane_rows[0] <= 3
    assert 0 < result.labelled.sum() < n
    items = boxes(lane, x, np.full(n, 150.0), result)
    clashes = [(a, b) for i, a in enumerate(items) for b in items[i + 1:]
               if abs(a[1] - b[1]) < 0.75 and a[2] < b[3] and b[2] < a[3]]
    assert not clashes


def test_near_the_right_edge_a_label_goes_left_of_its_marker():
    x = np.array([100.0, 950.0])
    result = arrange(np.zeros(2, dtype=int), 1, x, np.full(2, np.nan), np.zeros(2, dtype=bool),
                     np.array([200.0, 200.0]), 1000, budget=10)
    assert list(result.flipped) == [False, True]


NOTICES = ["The swimming pool will close early on Friday evenings", "A new footbridge links the two halves of the park",
           "The post office moved into the corner shop on the square", "Night buses will run every half hour in summer",
           "The old cinema reopened as a community theatre", "Council tax bills were posted a week late"]


def test_a_crowded_lane_shortens_its_labels_rather_than_dropping_them():
    n = 24
    lane = np.zeros(n, dtype=int)
    x = np.array([50.0 * (i % 12) for i in range(n)])             # two items on each of twelve nearby days
    texts = [f"{NOTICES[i % len(NOTICES)]} ({i})" for i in range(n)]
    no_bars = np.full(n, np.nan), np.zeros(n, dtype=bool)
    long_only = arrange(lane, 1, x, *no_bars, label_width_px([short_label(t) for t in texts]), 700, budget=7)
    assert long_only.labelled.sum() < n
    result, shown = fit_labels(texts, lane, 1, x, *no_bars, 700, budget=7)
    assert result.labelled.all()
    assert all(cut in {short_label(text, k) for k in LABEL_LENGTHS} for cut, text in zip(shown, texts))
    assert sum(len(cut) < len(short_label(text)) for cut, text in zip(shown, texts)) > n / 2


def test_a_shortened_label_with_room_around_it_is_long_again():
    n = 25
    lane = np.zeros(n, dtype=int)
    x = np.array([50.0 * (i % 12) for i in range(n - 1)] + [1000.0])     # the last one alone, far to the right
    texts = [f"{NOTICES[i % len(NOTICES)]} ({i})" for i in range(n)]
    result, shown = fit_labels(texts, lane, 1, x, np.full(n, np.nan), np.zeros(n, dtype=bool), 1300, budget=7)
    assert result.labelled.all()
    assert len(shown[0]) < len(shown[-1]) and shown[-1] == short_label(texts[-1], LABEL_CHARS)
