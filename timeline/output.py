"""Writing tables as CSV, JSON lines or Parquet, with the schema's column names; text for the terminal.

What is written for people is made harmless: a CSV cell a spreadsheet would run as a formula gets a leading
apostrophe, and text for the terminal (and CSV text) loses control characters and escape sequences, which
could move the cursor, rewrite the screen or the window title. JSON lines and Parquet keep text as it is.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Mapping, overload

if TYPE_CHECKING:  # pandas is imported only where a table is written: `timeline tag` streams without it
    import pandas as pd

FORMATS = ("csv", "jsonl", "parquet")

# ESC sequences (CSI "ESC [ ... final", OSC/DCS/PM/APC strings up to their terminator, two-character ones), the
# C1 CSI, then every other C0/C1 control character but tab and line feed
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x1b][\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_NOT_JSON_ESCAPED = re.compile("[\x7f-\x9f]")  # json.dumps escapes C0 itself
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """``text`` without control characters and terminal escape sequences (tab and line feed stay)."""
    return _ESCAPE.sub("", text)


def spreadsheet_cell(value):
    """A CSV cell a spreadsheet shows as text: printable, and with a leading apostrophe where it would start a
    formula (``= + - @``, tab, carriage return: OWASP's rule). Other values are returned as they are."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def spreadsheet_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` ready for a CSV file: lists joined with "; ", text cells made ``spreadsheet_cell``."""
    import pandas as pd

    flat = df.copy()
    for column in flat.columns:
        if flat[column].dtype == object or isinstance(flat[column].dtype, pd.StringDtype):
            flat[column] = flat[column].map(
                lambda v: spreadsheet_cell("; ".join(v) if isinstance(v, list) else v), na_action="ignore"
            )
    return flat


def format_for(path: str | None, requested: str | None, default: str = "csv") -> str:
    if requested:
        return requested
    if path:
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in ("json", "jsonl", "ndjson"):
            return "jsonl"
        if suffix in FORMATS:
            return suffix
    return default


def json_value(value):
    if value is None or isinstance(value, (str, int, bool)):
        return value
    import pandas as pd

    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def write_jsonl(records: Iterable[Mapping], out: IO[str]) -> None:
    """One JSON object per line; DEL and the C1 controls escaped too (``\\u009b``), as JSON escapes C0: the
    text reads back the same and a terminal shows no escape sequence."""
    for record in records:
        line = json.dumps({k: json_value(v) for k, v in record.items()}, ensure_ascii=False)
        out.write(_NOT_JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n")


@overload
def write_csv(df: pd.DataFrame, out: None = None) -> str: ...
@overload
def write_csv(df: pd.DataFrame, out: IO[str]) -> None: ...
def write_csv(df: pd.DataFrame, out: IO[str] | None = None) -> str | None:
    """``df`` as CSV for people (``spreadsheet_frame``), to ``out``, or returned when ``out`` is None."""
    return spreadsheet_frame(df).to_csv(out, index=False)


def write_text(text: str, path: str | None) -> None:
    """A table already laid out for reading, to ``path`` or standard output, without control characters."""
    text = printable(text)
    if path:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)


def write_table(df: pd.DataFrame, fmt: str, path: str | None) -> None:
    """Write ``df`` to ``path`` (or standard output) in ``fmt``."""
    if fmt == "parquet":
        if not path:
            raise SystemExit("timeline: --format parquet needs -o FILE")
        df.to_parquet(path, index=False)
        return
    out = open(path, "w", encoding="utf-8", newline="") if path else sys.stdout  # noqa: SIM115 (closed below)
    try:
        if fmt == "jsonl":
            write_jsonl(df.to_dict("records"), out)
        else:
            write_csv(df, out)
    finally:
        if path:
            out.close()
