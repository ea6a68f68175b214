"""Writing tables as CSV, JSON lines or Parquet, with the schema's column names."""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Mapping

if TYPE_CHECKING:  # pandas is imported only where a table is written: `timeline tag` streams without it
    import pandas as pd

FORMATS = ("csv", "jsonl", "parquet")


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
    for record in records:
        out.write(json.dumps({k: json_value(v) for k, v in record.items()}, ensure_ascii=False) + "\n")


def write_text(text: str, path: str | None) -> None:
    """A table already laid out for reading, to ``path`` or standard output."""
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
    out = open(path, "w", encoding="utf-8", newline="") if path else sys.stdout
    try:
        if fmt == "jsonl":
            write_jsonl(df.to_dict("records"), out)
        else:
            flat = df.copy()
            for column in flat.columns:
                if flat[column].dtype == object:
                    flat[column] = flat[column].map(lambda v: "; ".join(v) if isinstance(v, list) else v)
            flat.to_csv(out, index=False)
    finally:
        if path:
            out.close()
