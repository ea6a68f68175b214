"""The progress bar: on a terminal only, and only for work that takes more than a moment."""

import io
import sys

from timeline import progress as progress_mod
from timeline.progress import progress, progress_callback


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_a_terminal(monkeypatch) -> Terminal:
    """stderr a terminal (set in the test itself: pytest's capture sets sys.stderr again after fixtures)."""
    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    return stream


def test_a_long_run_on_a_terminal_shows_a_bar_and_yields_every_item(monkeypatch):
    terminal = on_a_terminal(monkeypatch)
    monkeypatch.setattr(progress_mod, "DELAY", -1.0)  # as if every item took long
    assert list(progress(range(5), total=5, desc="articles")) == list(range(5))
    assert "articles:" in terminal.getvalue() and "/5 [" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r")  # cleared from the line once the work is done


def test_a_quick_run_shows_no_bar(monkeypatch):
    terminal = on_a_terminal(monkeypatch)
    assert list(progress(range(5), total=5)) == list(range(5))
    assert terminal.getvalue() == ""


def test_no_bar_in_a_pipe_or_a_log(monkeypatch):
    stream = io.StringIO()  # not a terminal
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(progress_mod, "DELAY", -1.0)
    assert list(progress(range(3), total=3)) == [0, 1, 2]
    progress_callback("batches")(1, 3)
    assert stream.getvalue() == ""


def test_a_bar_without_a_total_counts_what_was_done(monkeypatch):
    terminal = on_a_terminal(monkeypatch)
    monkeypatch.setattr(progress_mod, "DELAY", -1.0)
    assert sum(1 for _ in progress(iter(range(4)))) == 4
    assert "articles: 1 art" in terminal.getvalue()  # a count, where there is no total for a share


def test_the_callback_draws_the_same_bar_and_closes_it_when_done(monkeypatch):
    terminal = on_a_terminal(monkeypatch)
    monkeypatch.setattr(progress_mod, "DELAY", -1.0)
    report = progress_callback("batches")
    report(1, 4)
    assert "batches:  25%" in terminal.getvalue() and "1/4" in terminal.getvalue()
    assert not terminal.getvalue().endswith("\r")
    report(4, 4)
    assert terminal.getvalue().endswith("\r")  # closed: cleared from the line


def test_the_callback_shows_nothing_for_work_done_within_the_delay(monkeypatch):
    terminal = on_a_terminal(monkeypatch)
    report = progress_callback("batches")
    report(1, 2)
    report(2, 2)
    assert terminal.getvalue() == ""
