"""Saving a timeline figure as a picture (PNG, SVG) or a standalone interactive page (HTML).

PNG and SVG go through kaleido, which drives a headless Chromium: Debian's ``chromium`` is used
(``BROWSER_PATH``), nothing is downloaded.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Iterable

import plotly.graph_objects as go

from .figure import without_overview
from .filters import EventFilter

FORMATS = ("png", "svg", "html")
WIDTH, HEIGHT = 1280, 800   # a picture's size (before ``scale``) when the figure does not give its own


def camera_config(filename: str, scale: int = 2, width: int | None = None, height: int | None = None) -> dict:
    """Plotly ``config`` for a chart whose camera button saves ``filename``.png at ``scale``: at the size the
    chart has on screen (``width``/``height`` None), or at the size given."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": Path(filename).stem, "scale": scale,
                                 "width": width, "height": height},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


def chromium_path() -> str | None:
    """The Chromium kaleido should drive: ``BROWSER_PATH`` if set, else Debian's ``chromium``."""
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def _use_system_chromium() -> None:
    path = chromium_path()
    if not path:
        raise RuntimeError("PNG/SVG export needs Chromium: install Debian's package "
                           "(apt-get install chromium) or set BROWSER_PATH")
    os.environ["BROWSER_PATH"] = path


def figure_bytes(fig: go.Figure, fmt: str, scale: float = 2, width: int | None = None,
                 height: int | None = None) -> bytes:
    """The figure as PNG or SVG bytes (kaleido) or as a standalone HTML page.

    A picture shows the view at the figure's own size (``width``/``height`` override it), without the
    overview strip, which only serves to move the window in an interactive chart."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "html":
        return fig.to_html(full_html=True, include_plotlyjs=True,
                           config=camera_config("timeline", scale=int(scale))).encode("utf-8")
    if fmt not in ("png", "svg"):
        raise ValueError(f"cannot export {fmt!r}: use one of {', '.join(FORMATS)}")
    _use_system_chromium()
    still = without_overview(fig)
    return still.to_image(format=fmt, scale=scale, width=width or still.layout.width or WIDTH,
                          height=height or still.layout.height or HEIGHT)


def write_figure(fig: go.Figure, path: str | Path, scale: float = 2, width: int | None = None,
                 height: int | None = None) -> Path:
    """Write ``fig`` to ``path``; the suffix (.png, .svg or .html) chooses the format.

    PNG/SVG are ``width`` x ``height`` CSS pixels (default: the figure's size) times ``scale``.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{path}: the file name must end in .png, .svg or .html")
    data = figure_bytes(fig, fmt, scale=scale, width=width, height=height)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------------ naming a view --

def slug(text: str, limit: int = 40) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:limit].rstrip("-")


def _names(values: Iterable[str], limit: int = 3) -> str:
    values = [v for v in values if v]
    shown = ", ".join(values[:limit])
    return shown + (f" +{len(values) - limit}" if len(values) > limit else "")


def describe_filter(f: EventFilter, doc_titles: dict[str, str] | None = None) -> str:
    """A short readable description of what a filter shows ("actors: Mahmoud Abbas · from 2011-01-01")."""
    parts = []
    if f.actors:
        parts.append(f"actors: {_names(f.actors)}")
    if f.since and f.until:
        parts.append(f"{f.since.isoformat()} to {f.until.isoformat()}")
    elif f.since:
        parts.append(f"from {f.since.isoformat()}")
    elif f.until:
        parts.append(f"until {f.until.isoformat()}")
    if f.docs:
        titles = [(doc_titles or {}).get(d) or d for d in f.docs]
        parts.append(f"articles: {_names(titles, 2)}")
    if f.sources:
        parts.append(f"sources: {_names(f.sources, 2)}")
    if f.granularities:
        parts.append("precise dates only" if set(f.granularities) <= {"day", "time"}
                     else f"precision: {_names(f.granularities, 4)}")
    if f.tenses:
        tenses = set(f.tenses)
        parts.append("planned" if tenses == {"future"} else "reported" if "future" not in tenses
                     else _names(f.tenses))
    if f.anchors:
        parts.append(f"anchors: {_names(f.anchors)}")
    if f.text.strip():
        parts.append(f"“{f.text.strip()}”")
    return " · ".join(parts) if parts else "all events"


def export_filename(f: EventFilter, ext: str = "png", corpus: str = "", lanes: str = "actor",
                    today: dt.date | None = None, max_len: int = 120) -> str:
    """A file name that says what is shown, e.g.
    ``timeline_seeds_actor-mahmoud-abbas_2011-01-01-to-2012-12-31_by-actor_2026-11-22.png``."""
    parts = ["timeline"]
    if corpus:
        parts.append(slug(corpus, 24))
    if f.actors:
        parts.append("actor-" + "-".join(slug(a, 24) for a in f.actors[:3]) + ("-etc" if len(f.actors) > 3 else ""))
    if f.since or f.until:
        parts.append(f"{f.since.isoformat() if f.since else 'start'}-to-{f.until.isoformat() if f.until else 'end'}")
    if f.docs:
        parts.append(f"{len(f.docs)}-articles" if len(f.docs) > 1 else "article-" + slug(f.docs[0], 24))
    if f.sources:
        parts.append("source-" + "-".join(slug(s, 16) for s in f.sources[:2]))
    if f.granularities and set(f.granularities) <= {"day", "time"}:
        parts.append("day-level")
    if f.tenses:
        parts.append("planned" if set(f.tenses) == {"future"} else "reported"
                     if "future" not in f.tenses else "-".join(f.tenses))
    if f.text.strip():
        parts.append("q-" + slug(f.text, 20))
    if lanes != "actor":
        parts.append(f"by-{slug(lanes)}")
    parts.append((today or dt.date.today()).isoformat())
    name = "_".join(p for p in parts if p)
    if len(name) > max_len:
        name = name[:max_len].rstrip("-_")
    return f"{name}.{ext.lstrip('.')}"
