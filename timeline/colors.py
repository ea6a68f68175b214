"""The colours of the timeline: one assignment per corpus.

A colour group is a source or an article. :func:`color_assignment` gives every group of a whole corpus its
colour once (the busiest groups the palette's colours, the rest a shared grey), so that a source or an
article keeps its colour in every filtered view, in every export and in ``timeline render``.
"""

from __future__ import annotations

from typing import Literal, Mapping

import pandas as pd

ColorMode = Literal["source", "article"]

NO_SOURCE = "(no source)"
# Tableau 10 (colour-blind aware), its grey swapped for a slate that stays apart from OTHER_COLOR.
PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#EECA3B", "#9D755D", "#FF9DA6", "#5F6B77")
OTHER_COLOR = "#A0A0A0"  # every group beyond the palette
MAX_COLORS = len(PALETTE)


def check_mode(mode: str) -> None:
    if mode not in ("source", "article"):
        raise ValueError(f"color must be 'source' or 'article', not {mode!r}")


def color_keys(events: pd.DataFrame, mode: ColorMode) -> pd.Series:
    """The colour group of each row: its source (``NO_SOURCE`` when empty) or its article's id."""
    check_mode(mode)
    if mode == "article":
        return events["doc"].astype("string").fillna("").astype(object)
    source = events["source"].astype("string").fillna("").str.strip()
    return source.where(source != "", NO_SOURCE).astype(object)


def color_assignment(events: pd.DataFrame, mode: ColorMode) -> dict[str, str]:
    """Group -> colour over ``events`` (give it the whole corpus, not a filtered view).

    Groups in order of their number of events, then of their name; the first ``MAX_COLORS`` take the
    palette's colours, every other group ``OTHER_COLOR``."""
    return assignment_of(color_keys(events, mode))


def assignment_of(keys: pd.Series) -> dict[str, str]:
    """:func:`color_assignment` of the groups ``keys`` (one per event)."""
    if keys.empty:
        return {}
    return assignment_of_counts(keys.value_counts().to_dict())


def assignment_of_counts(counts: Mapping[str, int]) -> dict[str, str]:
    """:func:`color_assignment` from the number of events of each group (a corpus too large to hold)."""
    order = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return {str(g): PALETTE[i] if i < MAX_COLORS else OTHER_COLOR for i, (g, _) in enumerate(order)}


def group_names(events: pd.DataFrame, mode: ColorMode, keys: pd.Series | None = None) -> dict[str, str]:
    """Group -> what the legend calls it: the source, or the article's title (its id when untitled).
    ``keys``: the events' :func:`color_keys`, when known."""
    keys = color_keys(events, mode) if keys is None else keys
    if mode == "source":
        return {k: k for k in keys.unique()}
    titles = events["title"].astype("string").fillna("").str.strip()
    pairs = pd.DataFrame({"key": keys.to_numpy(), "title": titles.to_numpy()}).drop_duplicates("key")
    return {k: (" ".join(str(t).split()) or k) for k, t in zip(pairs["key"], pairs["title"])}


def other_name(count: int, mode: ColorMode) -> str:
    """The legend's name of the grey shared by the groups beyond the palette."""
    what = "sources" if mode == "source" else "articles"
    return f"{count} other {what}" if count != 1 else f"1 other {what[:-1]}"
