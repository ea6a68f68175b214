"""A folder of real news articles, written at test time from the TimeML development data beside the project.

``build_news_corpus(dest)`` turns the TimeML files under ``../shared/eval/data`` (Wikinews from the SemEval
TimeLine sets, newswire and broadcast news from TimeBank) into ``.md`` articles with front matter -- title,
``published`` (the document creation time's date), source -- the way a user's folder of articles looks.
Nothing of the data is kept in the project: the articles are made where the caller says, when asked.

Used by the ``news_corpus`` test fixture and by ``benchmarks/dashboard_speed.py``.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "data"

WIKINEWS_SETS = ("timeline-corpus1", "timeline-trial")
SETS = (*WIKINEWS_SETS, "timebank")
NEWS_CORPUS_SIZE = 150          # all 60 Wikinews articles and the first 90 TimeBank ones

# TimeBank file names start with the news service's code (the few others are "TimeBank")
TIMEBANK_SOURCES = {"abc": "ABC News", "ap": "Associated Press",
                    "apw": "Associated Press", "cnn": "CNN", "nyt": "The New York Times",
                    "pri": "Public Radio International", "sjmn": "San Jose Mercury News",
                    "voa": "Voice of America", "wsj": "The Wall Street Journal"}

_TAG = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"<s\b[^>]*\bid=\"(\d+)\"[^>]*>(.*?)</s>", re.S)
_DCT = re.compile(r"<DCT>.*?\bvalue=\"([^\"]+)\".*?</DCT>", re.S)
_DAY_FIRST = re.compile(r"(\d\d)-(\d\d)-(\d{4})")


class MissingData(RuntimeError):
    """The development data (or one of its sets) is not where the builder looks."""


def build_news_corpus(dest: Path, sets=SETS, limit: int | None = None, data: Path = DATA) -> Path:
    """Write the articles of ``sets`` (in that order, each in its own subfolder of ``dest``, files in name
    order) as ``.md`` files; at most ``limit`` in all. Returns ``dest``. Raises ``MissingData`` when a set
    is not under ``data``. The same arguments always give the same files."""
    dest = Path(dest)
    folders = {name: _tml_folder(Path(data), name) for name in sets}
    written = 0
    for name, folder in folders.items():
        for path in sorted(folder.glob("*.tml")):
            if limit is not None and written >= limit:
                return dest
            out = dest / name
            out.mkdir(parents=True, exist_ok=True)
            raw = path.read_text(encoding="utf-8")
            article = _wikinews_article(raw, path) if name in WIKINEWS_SETS else _timebank_article(raw, path)
            (out / f"{_doc_id(raw, path)}.md").write_text(article, encoding="utf-8")
            written += 1
    return dest


def missing_reason(sets=SETS, data: Path = DATA) -> str | None:
    """Why the corpus cannot be built here (for a skip), or None when every set is there."""
    try:
        for name in sets:
            _tml_folder(Path(data), name)
    except MissingData as err:
        return str(err)
    return None


def _tml_folder(data: Path, name: str) -> Path:
    folder = data / name / "tml" if name in WIKINEWS_SETS else data / name
    if not folder.is_dir() or not any(folder.glob("*.tml")):
        raise MissingData(f"no TimeML development data in {folder}")
    return folder


# --- one TimeML file -> one article -------------------------------------------------------------

def _creation_date(raw: str, path: Path) -> str:
    found = _DCT.search(raw)
    if not found:
        raise ValueError(f"{path}: no document creation time")
    value = found.group(1)[:10]
    day_first = _DAY_FIRST.fullmatch(value)
    if day_first:                      # written DD-MM-YYYY
        value = f"{day_first.group(3)}-{day_first.group(2)}-{day_first.group(1)}"
    return value


def _plain(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


def _untokenized(text: str) -> str:
    """Wikinews TimeML text is tokenized ("Apple 's shop , which"): back to written English."""
    text = " ".join(text.split())
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r" ([,.;:!?%)\]'])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d)\b", r"\1", text)
    return re.sub(r'" (.*?) "', r'"\1"', text)


def _article(title: str, published: str, source: str, paragraphs: list[str]) -> str:
    front = [f"title: {json.dumps(title, ensure_ascii=False)}"] if title else []
    front += [f"published: {published}", f"source: {source}"]
    body = "\n\n".join(p for p in paragraphs if p)
    return "---\n" + "\n".join(front) + "\n---\n" + body + "\n"


def _doc_id(raw: str, path: Path) -> str:
    found = re.search(r"<DOCID>\s*([^<\s/]+)\s*</DOCID>", raw)
    return found.group(1) if found else path.stem


def _wikinews_article(raw: str, path: Path) -> str:
    """Title, dateline and story as paragraphs of their own. The TimeML gives one sentence per <s>: the
    first is the title (in sets without it, the title is the EXTRAINFO) and the next the dateline."""
    sentences = sorted((int(n), _untokenized(_plain(s))) for n, s in _SENTENCE.findall(raw))
    extra = re.search(r"<EXTRAINFO>(.*?)</EXTRAINFO>", raw, re.S)
    title = _untokenized(_plain(extra.group(1))) if extra else ""
    texts = [s for _, s in sentences]
    if sentences and sentences[0][0] == 0:
        title, dateline, story = texts[0], texts[1:2], texts[2:]
    else:
        dateline, story = texts[:1], texts[1:]
    return _article(title, _creation_date(raw, path), "Wikinews", [title, *dateline, " ".join(story)])


def _timebank_article(raw: str, path: Path) -> str:
    """The <TEXT> with its paragraphs (blank-line separated in the TimeML); TimeBank has no titles."""
    text = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if not text:
        raise ValueError(f"{path}: no <TEXT>")
    plain = _plain(text.group(1)).replace("``", '"').replace("''", '"')
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", plain)]
    service = re.match(r"[A-Za-z]+", path.stem)
    source = TIMEBANK_SOURCES.get(service.group(0).lower(), "TimeBank") if service else "TimeBank"
    return _article("", _creation_date(raw, path), source, paragraphs)


def news_corpus_or_skip(dest: Path, limit: int | None = NEWS_CORPUS_SIZE, data: Path = DATA) -> Path:
    """``build_news_corpus`` for tests: skips the test (saying which folder is missing) without the data."""
    import pytest
    reason = missing_reason(data=data)
    if reason:
        pytest.skip(f"the news corpus is made from the development data: {reason}")
    return build_news_corpus(dest, limit=limit, data=data)
