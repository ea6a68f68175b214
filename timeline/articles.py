"""The article loader: files and folders in, one ``Article`` (or ``Problem``) per file or JSONL line out.

Formats: ``.txt``/``.md`` (optional YAML front matter), ``.html``/``.htm``, ``.jsonl``; an
``articles.csv`` in a folder gives the metadata of the files beside it. Which file names are read
how is data, in ``resources/input_formats.csv``. The loader never raises on a bad input: it
yields a Problem naming the file (and line) and goes on with the rest of the corpus.
"""

from __future__ import annotations

import csv
import html
import io
import os
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from . import files
from .dateline import parse_date_value, published_in_text
from .formats import Unreadable, declared_charset, decode, parse_record, read_html, scalar_text, split_front_matter
from .model import Article, Problem
from .resources import load_table

__all__ = ["discover", "iter_inputs", "load_articles", "published_in_text", "unique_id"]

METADATA_FILE = "articles.csv"
_TITLE_MAX = 150
_BINARY_PROBE = 8192


@dataclass
class _Meta:
    """Metadata fields from one source, and where each came from (for warnings)."""

    fields: Mapping[str, object]
    origin: str  # "front matter", "articles.csv" ...
    path: str
    lines: Mapping[str, int] = field(default_factory=dict)

    def where(self, name: str) -> str:
        line = self.lines.get(name)
        return f"{self.path}:{line}" if line else self.path


def load_articles(paths: Iterable[str | Path], *, metadata_overrides=None) -> tuple[list[Article], list[Problem]]:
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_inputs(paths, metadata_overrides=metadata_overrides):
        if isinstance(item, Article):
            articles.append(item)
        else:
            problems.append(item)
    return articles, problems


def iter_inputs(paths: Iterable[str | Path], *, metadata_overrides=None) -> Iterator[Article | Problem]:
    """Articles and problems, one by one, in sorted path order (folders searched recursively).

    ``metadata_overrides`` (a mapping from article id, file name or path to fields title, source,
    url, published -- or the path of a CSV like ``articles.csv``) wins over every other metadata.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    overrides, problem = _overrides(metadata_overrides)
    if problem:
        yield problem
    tables: dict[Path, dict[str, _Meta]] = {}
    ids: dict[str, str] = {}
    for item in _discover(paths):
        if isinstance(item, Problem):
            yield item
            continue
        path, fmt = item
        if fmt is None:
            yield Problem(str(path), f"unsupported format ({path.suffix or 'no extension'})")
            continue
        if path.parent not in tables:
            tables[path.parent], problem = _read_metadata_csv(path.parent / METADATA_FILE)
            if problem:
                yield problem
        csv_meta = tables[path.parent].get(path.name) or tables[path.parent].get(path.stem)
        for result in _read(path, fmt, csv_meta, overrides):
            if isinstance(result, Article):
                _make_id_unique(result, ids)
            yield result


# --- finding the inputs ---------------------------------------------------------------------


@lru_cache(maxsize=None)
def _format_of(name: str) -> str | None:
    name = name.lower()
    for row in load_table("input_formats"):
        if fnmatchcase(name, row["pattern"].lower()):
            return row["format"]
    return None


def discover(paths: Iterable[str | Path]) -> list[Path | Problem]:
    """The files ``iter_inputs`` would read (or report as of no format it reads), in its order, and the paths
    it could not search; nothing is read. (An articles.csv is not listed: it is read with the files beside it.)"""
    found = _discover(paths)
    return [item if isinstance(item, Problem) else item[0] for item in found]


def holds_at_least(paths: Iterable[str | Path], size: int) -> bool:
    """Whether the files ``discover`` would list under ``paths`` hold about ``size`` bytes or more (a file reached
    twice counts twice); the folders are searched only until they do."""
    total = 0
    for item in _walk(paths):
        if isinstance(item, Path) and _format_of(item.name) != "skip":
            total += files.file_size(item)
            if total >= size:
                return True
    return False


def _discover(paths: Iterable[str | Path]) -> Iterator[Problem | tuple[Path, str | None]]:
    found: dict[str, Problem | tuple[Path, str | None]] = {}
    seen: set = set()
    for item in _walk(paths):
        if isinstance(item, Problem):
            found[item.path] = item
            continue
        fmt = _format_of(item.name)
        real = _identity(item)
        if fmt != "skip" and real not in seen:
            seen.add(real)
            found[str(item)] = (item, fmt)
    for key in sorted(found):
        yield found[key]


def _walk(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """The files under ``paths`` (hidden folders left out), as the folders are searched, and the paths that
    cannot be searched."""
    for given in map(Path, [paths] if isinstance(paths, (str, Path)) else paths):
        if given.is_dir():
            errors: list[OSError] = []
            for folder, dirs, names in os.walk(given, onerror=errors.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from (Path(folder, name) for name in names)
                yield from (_unsearchable(err) for err in errors)
                errors.clear()
            yield from (_unsearchable(err) for err in errors)
        elif os.path.lexists(given):  # a broken link or a link loop too: its reading names the problem
            yield given
        else:
            yield Problem(str(given), "no such file or folder")


def _unsearchable(err: OSError) -> Problem:
    return Problem(str(err.filename), f"cannot read folder: {err.strerror or err}")


def _identity(path: Path):
    """The file a path names, however reached (links, "..", a folder given twice): one stat call."""
    try:
        st = os.stat(path)
        return st.st_dev, st.st_ino
    except OSError:  # a broken link or a link loop: its reading reports the problem
        return os.path.abspath(path)


def _read_metadata_csv(path: Path) -> tuple[dict[str, _Meta], Problem | None]:
    """Rows of an ``articles.csv`` by file name; ({}, None) when there is none."""
    where = str(path)
    try:
        text, _ = decode(files.read_bytes(path), where)
    except FileNotFoundError:
        return {}, None
    except files.Refused as err:
        return {}, Problem(where, err.message)
    except OSError as err:
        return {}, Problem(where, f"cannot read file: {err.strerror or err}")
    except Unreadable as err:
        return {}, Problem(where, err.message, err.line)
    reader = csv.DictReader(io.StringIO(text))
    table = {}
    try:
        reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames or []]
        if "file" not in reader.fieldnames:
            return {}, Problem(where, "no 'file' column; the metadata table is not used", 1)
        for row in reader:
            name = (row.get("file") or "").strip()
            if name:
                lines = dict.fromkeys(row, reader.line_num)
                table[Path(name).name] = _Meta({k: v for k, v in row.items() if k}, METADATA_FILE, where, lines)
    except csv.Error as err:
        return table, Problem(where, f"invalid CSV: {err}", reader.line_num)
    return table, None


def _overrides(given) -> tuple[Mapping[str, _Meta], Problem | None]:
    if given is None:
        return {}, None
    if isinstance(given, (str, Path)):
        if not os.path.lexists(given):
            return {}, Problem(str(given), "no such metadata file")
        return _read_metadata_csv(Path(given))
    return {str(key): _Meta(value, "metadata overrides", "metadata overrides") for key, value in given.items()}, None


# --- reading one input ----------------------------------------------------------------------


def _read(path: Path, fmt: str, csv_meta: _Meta | None, overrides: Mapping[str, _Meta]) -> Iterator[Article | Problem]:
    where = str(path)
    try:
        if fmt == "jsonl":
            yield from _jsonl_articles(path, overrides)
            return
        data = files.read_bytes(path)
        if not data.strip():
            raise Unreadable("empty file")
        override = overrides.get(where) or overrides.get(path.name) or overrides.get(path.stem)
        metas = [override] if override else []
        if fmt == "html":
            yield _html_article(path, data, metas, csv_meta)
        else:
            yield _text_article(path, data, metas, csv_meta)
    except files.Refused as err:
        yield Problem(where, err.message)
    except OSError as err:
        yield Problem(where, f"cannot read file: {err.strerror or err}")
    except Unreadable as err:
        yield Problem(where, err.message, err.line)


def _text_article(path: Path, data: bytes, metas: list[_Meta], csv_meta: _Meta | None) -> Article:
    where = str(path)
    text, warnings = decode(data, where)
    front, body = split_front_matter(text, where)
    body = html.unescape(body)
    if not body.strip():
        raise Unreadable("no text after the front matter" if front.fields else "empty file")
    article = Article(id=path.stem, path=where, text=body, warnings=warnings + front.warnings)
    _apply_metadata(
        article,
        [*metas, _Meta(front.fields, "front matter", where, front.lines), csv_meta],
        _title_from_text(body) or path.stem,
    )
    return article


def _html_article(path: Path, data: bytes, metas: list[_Meta], csv_meta: _Meta | None) -> Article:
    where = str(path)
    markup, warnings = decode(data, where, declared=declared_charset(data))
    page = read_html(markup)
    article = Article(id=path.stem, path=where, text=page.text, warnings=warnings)
    # htmldate's date comes from the page's own markup (meta tags, <time>): metadata, like front matter
    fields = {"title": page.title, "source": page.source, "url": page.url, "published": page.published}
    _apply_metadata(article, [*metas, _Meta(fields, "HTML page", where), csv_meta], path.stem)
    return article


def _jsonl_articles(path: Path, overrides: Mapping[str, _Meta]) -> Iterator[Article | Problem]:
    where = str(path)
    records = 0
    with files.open_regular(path) as stream:
        if b"\x00" in stream.read(_BINARY_PROBE):
            yield Problem(where, "binary file, not text")
            return
        stream.seek(0)
        for number, raw in enumerate(files.bounded_lines(stream), 1):
            if not raw.strip():
                continue
            records += 1
            try:
                record, warnings = parse_record(raw, where, number)
            except Unreadable as err:
                yield Problem(where, err.message, err.line)
                continue
            doc_id = scalar_text(record.get("id")) or f"{path.stem}-{number}"
            article = Article(id=doc_id, path=where, text=record["text"], line=number, warnings=warnings)
            metas = [overrides.get(doc_id), _Meta(record, "JSONL record", where, dict.fromkeys(record, number))]
            _apply_metadata(article, metas, _title_from_text(article.text) or doc_id)
            yield article
    if not records:
        yield Problem(where, "empty file")


# --- metadata -------------------------------------------------------------------------------


def _apply_metadata(article: Article, metas: list[_Meta | None], fallback_title: str) -> None:
    """Fill title, source, url and published from the first source that has each (sources are in
    order of precedence), else the title from the text and the publication date from a dateline."""
    given = [m for m in metas if m is not None]
    for name in ("title", "source", "url"):
        setattr(article, name, next((v for m in given if (v := scalar_text(m.fields.get(name)))), ""))
    article.title = article.title or fallback_title
    for meta in given:
        value = meta.fields.get("published")
        if value is None or value == "":
            continue
        date = parse_date_value(value)
        if date:
            article.published, article.published_from = date, "metadata"
            return
        article.warnings.append(
            f"{meta.where('published')}: invalid published date {scalar_text(value)!r} in {meta.origin}; ignored"
        )
    date = published_in_text(article.text)
    article.published, article.published_from = (date, "text") if date else (None, "none")


def _title_from_text(text: str) -> str:
    """The first line when it reads like a headline: short and not a sentence."""
    first = next((line.strip() for line in text.split("\n", 20)[:20] if line.strip()), "")
    first = first.lstrip("#").strip()  # a Markdown heading
    return first if 0 < len(first) < _TITLE_MAX and not first.endswith(".") else ""


def _make_id_unique(article: Article, seen: dict[str, str]) -> None:
    here = f"{article.path}:{article.line}" if article.line else article.path
    article.id, warning = unique_id(article.id, here, seen)
    if warning:
        article.warnings.append(warning)


def unique_id(doc: str, here: str, seen: dict[str, str]) -> tuple[str, str]:
    """The id an article read at ``here`` gets, after the ids in ``seen`` (id -> where; updated), and the
    warning when it had to be renamed (else "")."""
    warning = ""
    if doc in seen:
        n = 2
        while f"{doc}-{n}" in seen:
            n += 1
        new = f"{doc}-{n}"
        warning = f"{here}: duplicate id {doc!r} (also {seen[doc]}); renamed {new!r}"
        doc = new
    seen[doc] = here
    return doc, warning
