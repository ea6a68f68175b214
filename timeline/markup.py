"""Text from articles and users shown as text in Streamlit, never read as Markdown.

Streamlit reads the text of its messages, captions, labels and some options as Markdown, with HTML, LaTeX,
colour and icon directives, and turns web and mail addresses into links. A title, a source, a path or a
search typed into a link goes through :func:`markdown_text` before it is shown, so that a link, an image, a
colour or a formula in it shows as the characters written. (The chart escapes its own text for Plotly's
HTML: ``timeline.figure``.)
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation character; escaping all of them leaves nothing for
# an extension to read either ($ for LaTeX, :red[...] for colours, <b> for HTML)
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_ONE_LINE = {ord(c): " " for c in "\r\n\v\f\x85\u2028\u2029"}  # a new line could start a heading, a list, a table
# addresses are found in the text after the escapes are read: an invisible word joiner breaks them up
_ADDRESS = re.compile(r"(https?(?=:)|www(?=\.)|@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def markdown_text(text: object) -> str:
    """``text`` as Markdown that shows it as written, on one line."""
    text = _ADDRESS.sub(r"\1" + WORD_JOINER, str(text).translate(_ONE_LINE))
    return _PUNCTUATION.sub(r"\\\1", text)
