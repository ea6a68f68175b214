"""How one setting of a view is declared: its URL key, its dashboard control, its kind and default.

A :class:`Param` converts between the three forms a setting takes: the value the library uses (an
``EventFilter`` field or a ``View`` field), the value of its dashboard control, and its URL values.
A :class:`FilterSpec` is a param that also narrows the event table and is named in titles and file names.
The filters themselves are declared in ``timeline.filters.FILTERS``.

Kinds:

* ``multi``: several values (a tuple), any of which passes; one URL value each (``actor=A&actor=B``).
* ``date``: a day or None (``since=2011-01-01``).
* ``toggle``: on or off (``coarse=0``); ``choices`` maps True/False to the value.
* ``choice``: one of named settings (``tense=planned``); ``choices`` maps each name to the value.
* ``text``: free text (``q=election``).

A value equal to the default is left out of the URL, so that a plain view has a plain URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import pandas as pd

KINDS = ("multi", "date", "toggle", "choice", "text")
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


@dataclass(frozen=True)
class Param:
    name: str  # the field of EventFilter or View
    kind: str  # one of KINDS
    url: str | None = None  # query-string key (None: not in the URL)
    state: str | None = None  # session-state key of its dashboard control (None: no control)
    default: Any = None
    choices: Mapping[Any, Any] = field(default_factory=dict)  # toggle, choice: control value -> value
    label: str = ""  # the control's label
    help: str = ""
    placeholder: str = ""
    choice_labels: Mapping[str, str] = field(default_factory=dict)  # choice: how each name is shown

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: unknown kind {self.kind!r}")

    # -------------------------------------------------------------------------- the control --

    def to_control(self, value: Any) -> Any:
        """The control's value showing ``value``."""
        if self.kind in ("toggle", "choice"):
            for key, meant in self.choices.items():
                if same(meant, value):
                    return key
            return next(k for k, meant in self.choices.items() if same(meant, self.default))
        if self.kind == "multi":
            return list(value or ())
        if self.kind == "text":
            return value or ""
        return value

    def from_control(self, control: Any) -> Any:
        """The value a control's value means."""
        if self.kind in ("toggle", "choice"):
            return self.choices.get(control, self.default)
        if self.kind == "multi":
            return tuple(dict.fromkeys(control or ()))
        if self.kind == "text":
            return control or ""
        return control if isinstance(control, dt.date) else self.default

    @property
    def control_default(self) -> Any:
        return self.to_control(self.default)

    # ------------------------------------------------------------------------------ the URL --

    def to_url(self, value: Any) -> list[str]:
        """The URL values of ``value`` ([] for the default: left out)."""
        if self.url is None or same(value, self.default):
            return []
        if self.kind == "multi":
            return [str(v) for v in value]
        if self.kind == "date":
            return [value.isoformat()] if value else []
        if self.kind == "toggle":
            return ["1" if self.to_control(value) else "0"]
        if self.kind == "choice":
            return [str(self.to_control(value))]
        return [str(value).strip()] if str(value).strip() else []

    def from_url(self, values: Sequence[str]) -> tuple[Any, str]:
        """The value the URL values mean, and what is wrong with them ("" when nothing is): a malformed
        value gives the default."""
        values = [v for v in (str(v) for v in values) if v.strip()]
        if not values:
            return self.default, ""
        if self.kind == "multi":
            return tuple(dict.fromkeys(v.strip() for v in values)), ""
        last = values[-1].strip()
        if self.kind == "text":
            return last, ""
        if self.kind == "date":
            try:
                return dt.date.fromisoformat(last[:10]), ""
            except ValueError:
                return self.default, "is not a date (YYYY-MM-DD)"
        if self.kind == "toggle":
            if last.lower() in TRUE_WORDS + FALSE_WORDS:
                return self.choices[last.lower() in TRUE_WORDS], ""
            return self.default, "is neither 1 nor 0"
        if last in self.choices:
            return self.choices[last], ""
        return self.default, f"is not one of {', '.join(map(str, self.choices))}"


@dataclass(frozen=True)
class FilterSpec(Param):
    """A filter: a param that narrows the event table, and says so in titles and file names."""

    type: Any = tuple  # the EventFilter field's type
    keep: Callable[[pd.DataFrame, Any, Mapping | None], pd.Series] = field(kw_only=True)
    #   the rows that pass a value other than the default (events, value, aliases)
    sql: Callable[[Any, Sequence[str], Mapping | None], tuple[str, list]] | None = None
    #   the same rows as a DuckDB condition on the event table's columns and its bound parameters
    #   (value, the actor names of the table, aliases); what a user typed is only ever a parameter
    reads: tuple[str, ...] = ()  # the columns of the event table ``keep`` and ``sql`` read
    describe: Callable[[Any, Any, Mapping], str] = field(kw_only=True)
    #   (value, the whole filter, article titles) -> a short phrase for titles, "" for nothing
    file_part: Callable[[Any, Any], str] = field(kw_only=True)
    #   (value, the whole filter) -> a part of an export's file name, "" for nothing
    what: str = ""  # how an empty result names it ("the actor filter"); shared = cleared together
    options: str = ""  # multi: the timeline.view.Choices attribute listing what it offers
    noun: str = ""  # multi: what one value is ("article"), for notices


def same(a: Any, b: Any) -> bool:
    """Equal as settings: tuples and lists compare as sets ("time", "day" is "day", "time")."""
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return set(a) == set(b)
    return a == b


# ------------------------------------------------------------------------- naming helpers --


def slug(text: str, limit: int = 40) -> str:
    """``"Mahmoud Abbas"`` -> ``"mahmoud-abbas"``: ASCII letters and digits only, for file names."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:limit].rstrip("-")


def listed(values: Sequence[str], limit: int = 3) -> str:
    """``"A, B, C +2"``: the first ``limit`` values and how many more."""
    values = [v for v in values if v]
    shown = ", ".join(values[:limit])
    return shown + (f" +{len(values) - limit}" if len(values) > limit else "")
