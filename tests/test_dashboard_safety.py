"""The dashboard is safe to share: what it shows of the data and the link is text, it opens only the folders
allowed, uploads stay private to their session, visitors see no error details.

The page itself is checked in a browser in test_browser_safety.py; here, the same through Streamlit's AppTest
and the library functions the dashboard calls.
"""
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline.markup import WORD_JOINER, markdown_text
from timeline.roots import FolderRoots
from timeline.uploads import UploadFolder, remove_stale_folders, safe_name, upload_digest, write_new

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
OUTSIDE = "http://x.invalid"
TITLE = (f"Ferry [timetable]({OUTSIDE}/link) ![pier]({OUTSIDE}/pier.png) :red[delays] $\\frac{{1}}{{2}}$ "
         f'<img src="{OUTSIDE}/tag.png"> **loud** www.x.invalid')
ARTICLE = ("---\ntitle: Quay repairs\nsource: Test Wire\npublished: 2016-04-12\n---\n"
           "Orla Fenwick inspected the north quay on Monday. The harbour trust will repair it in June 2016.\n")


def shown(markdown: str) -> str:
    """What Streamlit shows of a Markdown text made of escaped characters."""
    import re
    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def dashboard(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params or {})
    return ok(at.run())


def said_first(at: AppTest):
    return [e for e in at.main.children.values() if e.type not in ("empty", "title")][0]


def end_session() -> None:
    """What Streamlit does when a browser session ends: its session-scoped resources are released."""
    from streamlit.runtime import caching
    caching.clear_session_resource_cache("test session id")       # AppTest's one session


@pytest.fixture
def allowed(tmp_path, monkeypatch):
    """A folder the dashboard is started on (its corpus), beside one it was not told about."""
    corpus, other = tmp_path / "allowed", tmp_path / "private"
    for folder in (corpus, other):
        folder.mkdir()
        (folder / "quay.md").write_text(ARTICLE)
    (other / "notes.md").write_text("---\ntitle: Private notes\npublished: 2016-04-12\n---\n"
                                    "Nobody else reads this on 12 April 2016.\n")
    monkeypatch.delenv("TIMELINE_EVENTS", raising=False)
    monkeypatch.delenv("TIMELINE_ROOTS", raising=False)
    monkeypatch.setenv("TIMELINE_CORPUS", str(corpus))
    return corpus, other


# ------------------------------------------------------------------------------------------------ markup --

@pytest.mark.parametrize("text", [TITLE, "a\\b `code` ~~gone~~ | x | # heading", "mail me: ops@x.invalid",
                                  ":material/home: :smile: <!-- c --> &amp; 1. item", "a\n\n# b\r\n- c"])
def test_markdown_text_shows_every_character_as_written(text):
    md = markdown_text(text)
    assert shown(md) == text.replace("\r", " ").replace("\n", " ")        # on one line: no heading, no list
    assert "\n" not in md
    unescaped = [c for i, c in enumerate(md) if c in "[]()!<>$:*_`~#|&" and (i == 0 or md[i - 1] != "\\")]
    assert unescaped == []


def test_addresses_are_broken_up_so_that_they_do_not_become_links():
    md = markdown_text("see http://x.invalid/a, www.x.invalid and ops@x.invalid")
    assert f"http{WORD_JOINER}" in md and f"www{WORD_JOINER}" in md and f"@{WORD_JOINER}" in md


def test_a_title_with_markup_is_escaped_in_the_warning_that_names_it(allowed):
    corpus, _ = allowed
    (corpus / "ferry.md").write_text(f"---\ntitle: '{TITLE}'\nsource: Test Wire\n---\n"
                                     "The ferry company said on Monday that the timetable changes.\n")
    at = dashboard()
    warning = [w.value for w in at.warning if "no publication date" in w.value]
    assert len(warning) == 1 and markdown_text(TITLE) in warning[0]
    assert TITLE in shown(warning[0])


def test_markup_in_the_links_search_and_actor_is_escaped(allowed):
    query = f"![q]({OUTSIDE}/q.png) :blue[quay] $x^2$"
    at = dashboard({"q": query, "actor": f"[Fenwick]({OUTSIDE})"})
    captions = [c.value for c in at.caption if "showing" in c.value]
    assert len(captions) == 1 and markdown_text(query) in captions[0]
    notices = [w.value for w in at.warning]
    assert notices and all("[Fenwick](" not in n for n in notices)
    assert any(f"[Fenwick]({OUTSIDE})" in shown(n) for n in notices)


# ----------------------------------------------------------------------------------------- folder roots --

def test_the_folder_started_on_and_the_folders_allowed_open(allowed, monkeypatch):
    corpus, other = allowed
    at = dashboard({"corpus": str(corpus)})
    assert at.get("plotly_chart") and not at.error
    monkeypatch.setenv("TIMELINE_ROOTS", os.pathsep.join(["/nonexistent-root", str(other)]))
    at = dashboard()
    at.radio(key="d_source").set_value("A folder").run()
    at.text_input(key="d_folder").input(str(other)).run()
    assert ok(at).get("plotly_chart") and not at.error


def refusal(at: AppTest, typed: str) -> str:
    said = said_first(at)
    assert said.type == "error" and not at.get("plotly_chart")
    return shown(said.value).replace(f"does not open {typed}: ", "does not open <path>: ")


def test_folders_outside_are_refused_alike_from_the_sidebar_and_from_links(allowed, tmp_path):
    corpus, other = allowed
    (corpus / "escape").symlink_to(other)
    asked = [str(other), str(tmp_path / "no-such-folder"), "/etc", "/", "~", f"{corpus}/../private",
             str(corpus / "escape"), str(corpus / "escape" / "notes.md"), "bad\0path"]
    answers = set()
    for typed in asked:
        if "\0" not in typed:                 # a URL cannot carry a null byte through AppTest
            answers.add(refusal(dashboard({"corpus": typed}), typed))
        at = dashboard()
        at.radio(key="d_source").set_value("A folder").run()
        at.text_input(key="d_folder").input(typed).run()
        answers.add(refusal(ok(at), typed))
    assert len(answers) == 1, answers          # one message, whether the path is there or not
    answer = answers.pop()
    assert answer.startswith("This dashboard does not open <path>: it opens only what is under ")
    assert str(corpus) in answer


def test_a_missing_path_inside_an_allowed_folder_is_said_as_missing(allowed):
    corpus, _ = allowed
    said = said_first(dashboard({"corpus": str(corpus / "gone")}))
    assert said.type == "error" and shown(said.value) == f"No such folder or file: {corpus / 'gone'}"


def test_roots_resolve_links_and_dots():
    roots = FolderRoots(["/srv/news"])
    assert roots.open("/srv/news/../secrets").problem.startswith("This dashboard does not open")
    assert roots.allows(Path("/srv/news/2016"))
    assert not roots.allows(Path("/srv/newsroom"))               # a prefix of the name is not the folder
    assert FolderRoots.from_environment("seeds", {"TIMELINE_ROOTS": f"/a{os.pathsep}{os.pathsep}/b"}).roots[1:] \
        == (Path("/a"), Path("/b"))


# ---------------------------------------------------------------------------------------------- uploads --

def test_an_upload_set_is_named_by_a_hash_with_separators():
    assert upload_digest([("ab", b"c")]) != upload_digest([("a", b"bc")])
    assert upload_digest([("a", b"b"), ("c", b"d")]) != upload_digest([("a", b"bc"), ("", b"d")])
    assert upload_digest([("a.md", b"x")]) == upload_digest([("a.md", b"x")])
    assert len(upload_digest([("a.md", b"x")])) == 16


def test_uploaded_names_lose_folders_and_odd_characters():
    assert safe_name("../../etc/cron.d/job.md") == "job.md"
    assert safe_name("..\\..\\win.md") == "win.md"
    assert safe_name(".bashrc") == "bashrc"
    assert safe_name("a b$(rm -rf).md") == "a b__rm -rf_.md"
    assert safe_name("..") == "upload"
    assert safe_name("talks.md", ["talks.md"]) == "talks-2.md"
    assert len(safe_name("x" * 500 + ".md")) <= 100 and safe_name("x" * 500 + ".md").endswith(".md")


def test_a_file_is_never_written_through_a_link(tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("kept")
    (tmp_path / "plant.txt").symlink_to(target)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "created-by-link.txt")
    for name in ("plant.txt", "dangling.txt"):
        with pytest.raises(OSError):
            write_new(tmp_path / name, b"overwritten")
    assert target.read_text() == "kept" and not (tmp_path / "created-by-link.txt").exists()


def test_each_session_gets_a_fresh_private_folder_removed_at_its_end(tmp_path):
    one, two = UploadFolder(tmp_path), UploadFolder(tmp_path)
    files = [("quay.md", ARTICLE.encode())]
    a, b = one.save(files), two.save(files)
    assert a == b and one.folder(a) != two.folder(b)              # the same files, two folders
    for folder in (one.folder(a), two.folder(b)):
        assert stat.S_IMODE(folder.parent.stat().st_mode) == stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE((folder / "quay.md").stat().st_mode) == 0o600
        assert a not in str(folder)                              # not named by the content
    assert one.save(files) == a and len(list(one.path.iterdir())) == 1     # kept once
    one.remove()
    assert not one.path.exists() and one.folder(a) is None and two.folder(b).is_dir()
    path = two.path
    del two                                                      # dropped without remove(): gone too
    assert not path.exists()


def test_folders_left_by_a_process_that_is_gone_are_removed_at_start(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    left = tmp_path / f"timeline-uploads-{dead}-abc"
    left.mkdir()
    (left / "quay.md").write_text(ARTICLE)
    alive = tmp_path / f"timeline-uploads-{os.getppid()}-def"
    alive.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.md").write_text(ARTICLE)
    (tmp_path / f"timeline-uploads-{dead}-link").symlink_to(elsewhere)
    assert remove_stale_folders(tmp_path) == [left]
    assert alive.is_dir() and (elsewhere / "keep.md").exists()


def upload(at: AppTest, files: dict[str, bytes]) -> AppTest:
    at.radio(key="d_source").set_value("Upload files").run()
    at.file_uploader(key="d_upload").set_value([(name, data, "text/markdown") for name, data in files.items()])
    return ok(at.run())


def test_an_upload_does_not_follow_a_link_planted_where_uploads_used_to_go(allowed, tmp_path):
    import tempfile
    target = tmp_path / "target.txt"
    target.write_text("kept")
    content = ARTICLE.encode()
    old = Path(tempfile.gettempdir()) / "timeline-uploads" / hashlib.sha1(b"plant.md" + content).hexdigest()[:16]
    old.mkdir(parents=True, exist_ok=True)
    planted = old / "plant.md"
    planted.unlink(missing_ok=True)
    planted.symlink_to(target)
    try:
        at = upload(dashboard(), {"plant.md": content})
        assert at.get("plotly_chart")
        assert target.read_text() == "kept"
    finally:
        planted.unlink()
        old.rmdir()
    end_session()


def test_an_upload_lands_in_the_session_folder_under_a_clean_name_and_leaves_with_the_session(allowed, tmp_path):
    import glob
    import tempfile
    name = f"quay-{os.getpid()}-{id(tmp_path)}.md"
    at = upload(dashboard(), {f"../../{name}": ARTICLE.encode()})
    assert at.get("plotly_chart")
    kept = glob.glob(os.path.join(tempfile.gettempdir(), "timeline-uploads-*", "*", name))
    assert len(kept) == 1
    session_folder = Path(kept[0]).parent.parent
    assert not (Path(tempfile.gettempdir()).parent / name).exists()
    end_session()
    assert not session_folder.exists()
    said = said_first(dashboard({"upload": at.session_state["upload_digest"]}))
    assert said.type == "error" and "kept only for the browser session that uploaded them" in shown(said.value)


# ----------------------------------------------------------------------------------------------- errors --

def test_visitors_see_no_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def test_save_writes_no_actors_file_outside_the_allowed_folders(allowed, monkeypatch):
    corpus, other = allowed
    (corpus / "actors.yaml").symlink_to(other / "actors.yaml")      # a link out of the allowed folder
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actors_open"] = True
    ok(at.run())
    at.selectbox(key="ae_rename").select("Orla Fenwick").run()
    at.text_input(key="ae_rename_to").input("Orla Fenwick-Hale").run()
    at.button(key="ae_rename_go").click().run()
    ok(at)
    assert not [b for b in at.button if b.key == "ae_save"]        # offered as a download instead
    assert not (other / "actors.yaml").exists()


def test_a_refused_actors_file_is_said_first_and_the_articles_still_open(allowed):
    corpus, _ = allowed
    (corpus / "actors.yaml").write_text("laugh: &l0 [ha, ha]\nmerge:\n  - *l0\n")
    at = dashboard()
    said = said_first(at)
    assert said.type == "warning" and markdown_text("actors.yaml:3: not valid YAML: aliases") in said.value
    assert at.get("plotly_chart")                      # the articles' events are drawn all the same
