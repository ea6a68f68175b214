"""Reading the bytes of one input: text decoding, YAML front matter, HTML pages, JSONL records.

Each reader returns plain values or raises ``Unreadable`` with the message (and line) the user sees;
building ``Article`` objects and choosing between metadata sources is left to ``timeline.articles``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer

_BINARY_SAMPLE = 8192
_BINARY_SHARE = 0.05  # more control characters than this in the sample: not text
_FRONT_MATTER_MAX = 100_000  # a closing "---" further away than this is not front matter
_FIELDS = ("title", "published", "source", "url")
_ALIASES = {"date": "published"}


class Unreadable(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line


def decode(data: bytes, where: str, declared: str | None = None, first_line: int = 1) -> tuple[str, list[str]]:
    """Text of ``data``: UTF-8 (BOM stripped), else the declared charset, else cp1252 with a
    warning; line endings normalised to ``\\n``. Raises Unreadable for binary data.
    ``first_line`` is the line number of the first byte, for the warning."""
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable("binary file, not text") from None
    elif b"\x00" in data:
        raise Unreadable("binary file, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            declared_text = _decode_declared(data, declared)
            if declared_text is not None:
                text = declared_text
            else:
                text = data.decode("cp1252", errors="replace")
                line = first_line + data.count(b"\n", 0, err.start)
                warnings.append(f"{where}:{line}: not UTF-8; decoded as cp1252")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise Unreadable("binary file, not text")
    return text, warnings


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        if codecs.lookup(declared).name == "utf-8":
            return None
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


# control characters (Unicode category Cc) but for tab, line feed, vertical tab and form feed
_CONTROL = re.compile("[\x00-\x08\x0d-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:_BINARY_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    return controls > _BINARY_SHARE * max(len(sample), 1)


# --- front matter ---------------------------------------------------------------------------

_SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where PyYAML has it


def yaml_loader(base: type = _SAFE_LOADER) -> type:
    """A safe YAML loader on ``base`` (libyaml's parser where PyYAML has it) that refuses aliases (``*name``,
    ``<<: *name``): a few lines of them can stand for billions of values. An impossible date such as
    2011-13-45 stays a string instead of failing. libyaml builds its nodes in C, where no alias can be
    refused: there its events go through PyYAML's composer."""
    parents = (base,) if issubclass(base, Composer) else (Composer, base)

    class Loader(*parents):  # type: ignore[misc]  # bases chosen at run time
        def __init__(self, stream):
            base.__init__(self, stream)  # type: ignore[misc]
            Composer.__init__(self)

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                alias = self.get_event()
                raise yaml.composer.ComposerError(
                    None, None, f"aliases (*{alias.anchor}) are not allowed", alias.start_mark
                )
            return super().compose_node(parent, index)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    return Loader


def _timestamp(loader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader = yaml_loader()


def load_yaml(text: str, loader: type = _Loader) -> object:
    """``text`` read as YAML without aliases; raises yaml.YAMLError (with the line, ``problem_mark``) else."""
    return yaml.load(text, Loader=loader)


_OPEN = re.compile(r"---[^\S\n]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)[^\S\n]*:", re.MULTILINE)  # a top-level "key:"


@dataclass
class FrontMatter:
    fields: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # field -> line number in the file
    warnings: list[str] = field(default_factory=list)


def split_front_matter(text: str, where: str) -> tuple[FrontMatter, str]:
    """The YAML front matter of ``text`` (between ``---`` lines at the very top) and the text after
    it. A block that does not look like YAML keys is left in the text (it is a horizontal rule)."""
    front = FrontMatter()
    opening = _OPEN.match(text)
    if not opening:
        return front, text
    closing = _CLOSE.search(text, opening.end(), opening.end() + _FRONT_MATTER_MAX)
    block = text[opening.end() : closing.start()] if closing else ""
    first = next((line for line in block.split("\n") if line.strip() and not line.startswith("#")), "")
    if not closing or not _KEY_LINE.match(first):
        return front, text
    body = text[closing.end() :]
    body = body[1:] if body.startswith("\n") else body
    line, counted = 2, 0  # the block starts on line 2 of the file
    for m in _KEY_LINE.finditer(block):
        line, counted = line + block.count("\n", counted, m.start()), m.start()
        key = m.group(1).lower()
        front.lines[_ALIASES.get(key, key)] = line
    data: object = _plain_fields(block)
    try:
        data = data if data is not None else load_yaml(block)
    except Exception as err:  # PyYAML raises several kinds of error on odd input, all meaning "not YAML"
        mark = getattr(err, "problem_mark", None)
        at_line = f":{mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or type(err).__name__
        front.warnings.append(f"{where}{at_line}: invalid YAML front matter ({problem}); ignored")
        return front, body
    if not isinstance(data, dict):
        front.warnings.append(f"{where}:2: front matter is not a set of 'key: value' fields; ignored")
        return front, body
    for key, value in data.items():
        name = _ALIASES.get(str(key).lower(), str(key).lower())
        if name in _FIELDS and name not in front.fields:
            front.fields[name] = value
    return front, body


# "key: value" where YAML reads the value as the text itself (or a date): no quotes inside, no YAML syntax,
# not a number, boolean or null. Front matter made only of such lines is read without the YAML parser.
_PLAIN_LINE = re.compile(r"([A-Za-z_][\w-]*)[^\S\n]*:[^\S\n]+(?:\"([^\"\\\n]*)\"|([^\s'\"\[\]{}&*!|>%@`#,?:-][^\n]*))")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_YAML_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"])
_NOT_PLAIN = re.compile(r": | #|^[\d.+-]|\d$")


def _plain_fields(block: str) -> dict[str, object] | None:
    fields: dict[str, object] = {}
    for line in block.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        m = _PLAIN_LINE.fullmatch(line.rstrip())  # (trailing blanks are no part of a YAML value)
        if m is None:
            return None
        key, quoted, plain = m.groups()
        if quoted is not None:
            value: object = quoted
        elif _ISO_DAY.fullmatch(plain):
            try:
                value = dt.date.fromisoformat(plain)
            except ValueError:
                value = plain
        elif plain.lower() in _YAML_WORDS or _NOT_PLAIN.search(plain):
            return None
        else:
            value = plain
        fields[key] = value  # a repeated key: the last one, as YAML reads it
    return fields


def scalar_text(value: object) -> str:
    """A metadata value as a one-line string ("" for missing values, lists and mappings)."""
    if value is None or isinstance(value, (dict, list, tuple, set, bytes)):
        return ""
    return " ".join(str(value).split())


# --- HTML -----------------------------------------------------------------------------------

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data, 0, 4096)
    return m.group(1).decode("ascii") if m else None


@dataclass
class Page:
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str | None = None  # ISO date from htmldate (the original publication, not updates)


def read_html(markup: str) -> Page:
    """Main text and metadata of a web page (trafilatura), publication date (htmldate)."""
    import htmldate
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
        text = doc.text if doc is not None and doc.text else trafilatura.html2txt(markup)  # type: ignore[union-attr]
        published = htmldate.find_date(markup, original_date=True, extensive_search=False)
    except Exception as err:  # both libraries parse arbitrary markup; a failure is about this page
        raise Unreadable(f"cannot read the HTML page ({type(err).__name__}: {err})") from None
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Unreadable("no article text found in the HTML page")
    return Page(
        text=text,
        title=scalar_text(getattr(doc, "title", "")),
        source=scalar_text(getattr(doc, "sitename", "")),
        url=scalar_text(getattr(doc, "url", "")),
        published=published,
    )


# --- JSONL ----------------------------------------------------------------------------------


def parse_record(raw: bytes, where: str, line: int) -> tuple[dict, list[str]]:
    """One JSONL line as a dict with a non-empty "text"; raises Unreadable otherwise."""
    try:
        text, warnings = decode(raw, where, first_line=line)
    except Unreadable as err:
        raise Unreadable(err.message, line) from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        raise Unreadable(f"invalid JSON: {err.msg} (column {err.colno})", line) from None
    except (ValueError, RecursionError) as err:  # e.g. a number too long to convert, deep nesting
        raise Unreadable(f"invalid JSON: {err}", line) from None
    if not isinstance(record, dict):
        raise Unreadable(f"a JSON object is expected, not {type(record).__name__}", line)
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise Unreadable("record has no text", line)
    record["text"] = html.unescape(body.replace("\r\n", "\n").replace("\r", "\n"))
    return record, warnings
