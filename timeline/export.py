"""Saving a timeline figure as a picture (PNG, SVG) or a standalone interactive page (HTML).

PNG and SVG go through kaleido, which drives a headless Chromium: Debian's ``chromium`` is used
(``BROWSER_PATH``), nothing is downloaded.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import plotly.graph_objects as go

from .figure import without_overview
from .filter_spec import slug
from .filters import FILTERS, EventFilter, is_set

FORMATS = ("png", "svg", "html")
WIDTH, HEIGHT = 1280, 800  # a picture's size (before ``scale``) when the figure does not give its own


def camera_config(filename: str, scale: int = 2, width: int | None = None, height: int | None = None) -> dict:
    """Plotly ``config`` for a chart whose camera button saves ``filename``.png at ``scale``: at the size the
    chart has on screen (``width``/``height`` None), or at the size given."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": Path(filename).stem,
            "scale": scale,
            "width": width,
            "height": height,
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


def chromium_path() -> str | None:
    """The Chromium kaleido should drive: ``BROWSER_PATH`` if set, else Debian's ``chromium``."""
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def _use_system_chromium() -> None:
    path = chromium_path()
    if not path:
        raise RuntimeError(
            "PNG/SVG export needs Chromium: install Debian's package (apt-get install chromium) or set BROWSER_PATH"
        )
    os.environ["BROWSER_PATH"] = path


def figure_bytes(
    fig: go.Figure, fmt: str, scale: float = 2, width: int | None = None, height: int | None = None
) -> bytes:
    """The figure as PNG or SVG bytes (kaleido) or as a standalone HTML page.

    A picture shows the view at the figure's own size (``width``/``height`` override it), without the
    overview strip, which only serves to move the window in an interactive chart."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "html":
        return fig.to_html(
            full_html=True, include_plotlyjs=True, config=camera_config("timeline", scale=int(scale))
        ).encode("utf-8")
    if fmt not in ("png", "svg"):
        raise ValueError(f"cannot export {fmt!r}: use one of {', '.join(FORMATS)}")
    _use_system_chromium()
    still = without_overview(fig)
    return still.to_image(
        format=fmt,
        scale=scale,
        width=width or still.layout.width or WIDTH,
        height=height or still.layout.height or HEIGHT,
    )


def write_figure(
    fig: go.Figure, path: str | Path, scale: float = 2, width: int | None = None, height: int | None = None
) -> Path:
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


def describe_filter(f: EventFilter, doc_titles: dict[str, str] | None = None) -> str:
    """A short readable description of what a filter shows ("actors: Mahmoud Abbas · from 2011-01-01"):
    each filter set says its part (``timeline.filters.FILTERS``)."""
    parts = [spec.describe(getattr(f, spec.name), f, doc_titles or {}) for spec in FILTERS if is_set(spec, f)]
    parts = [p for p in parts if p]
    return " · ".join(parts) if parts else "all events"


def export_filename(
    f: EventFilter,
    ext: str = "png",
    corpus: str = "",
    lanes: str = "actor",
    today: dt.date | None = None,
    max_len: int = 120,
) -> str:
    """A file name that says what is shown, e.g.
    ``timeline_seeds_actor-mahmoud-abbas_2011-01-01-to-2012-12-31_by-actor_2026-11-22.png``."""
    parts = ["timeline"]
    if corpus:
        parts.append(slug(corpus, 24))
    parts += [spec.file_part(getattr(f, spec.name), f) for spec in FILTERS if is_set(spec, f)]
    if lanes != "actor":
        parts.append(f"by-{slug(lanes)}")
    parts.append((today or dt.date.today()).isoformat())
    name = "_".join(p for p in parts if p)
    if len(name) > max_len:
        name = name[:max_len].rstrip("-_")
    return f"{name}.{ext.lstrip('.')}"
