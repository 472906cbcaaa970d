"""Markdown bodies to HTML, and plain-text summaries of them."""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

from ..core.model import FileLink

# No `smarty`: the text must stay as typed ("..." and straight quotes included).
_EXTENSIONS = ("extra", "sane_lists")
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_HREF = re.compile(r'href="([^"]*)"')


class Converter:
    """Python-Markdown, imported and set up when a body first needs it: a rebuild that
    reads one plain body does not pay for it."""

    def __init__(self):
        self._markdown = None

    def convert(self, text: str) -> str:
        if self._markdown is None:
            import markdown
            self._markdown = markdown.Markdown(extensions=list(_EXTENSIONS),
                                               output_format="html")
        self._markdown.reset()
        return self._markdown.convert(text)


def make_converter() -> Converter:
    return Converter()


def to_html(converter: Converter, text: str) -> str:
    plain = plain_html(text)
    return plain if plain is not None else converter.convert(text)


# Any character that can start Markdown syntax in a line (emphasis, code, links, images,
# HTML, entities, escapes, tables, attributes, footnotes, abbreviations, fences, headings),
# what Python-Markdown rewrites before parsing (STX/ETX), and any white space but the space
# and the newline (tabs are expanded, others stripped where a block starts).
_MARKUP_CHAR = re.compile(r"[*_`\[\]<>&\\!{}|~^=#\x02\x03]|[^\S \n]")
# A line that may open or close a block: indented, a list, a quote, a definition, a rule
# or underline, or one whose trailing spaces make a line break.
_BLOCK_LINE = re.compile(r"^(?:[ +:>-]|\d+[.)])|[ ]$", re.M)
_BLANK_LINES = re.compile(r"\n(?:[ ]*\n)+")


def plain_html(text: str) -> str | None:
    """A body of plain paragraphs as Python-Markdown writes it, or None when anything in it
    could be Markdown. Most bulletin bodies are plain paragraphs, and Python-Markdown takes
    0.7 ms over each (10,000 articles: 3.5 s of a 2-core cold build); this takes 0.02 ms.
    tests/test_text.py checks that both agree on random texts."""
    if _MARKUP_CHAR.search(text) or _BLOCK_LINE.search(text):
        return None
    blocks = [b for b in _BLANK_LINES.split(text.strip("\n")) if b.strip()]
    return "\n".join(f"<p>{block}</p>" for block in blocks)


def first_paragraph_text(body_html: str) -> str:
    match = _FIRST_PARAGRAPH.search(body_html)
    return html.unescape(_TAG.sub("", match.group(1))) if match else ""


def file_links(body_html: str, body: str, body_line: int, source: str) -> tuple[FileLink, ...]:
    """Links of the body that name a `.md` file, relative to this file or the content root."""
    links = {}
    for href in _HREF.findall(body_html):
        parts = urlsplit(html.unescape(href))
        if parts.scheme or parts.netloc or not parts.path.endswith(".md") or href in links:
            continue
        path = unquote(parts.path)
        here = posixpath.dirname(source)
        tries = [path.lstrip("/")] if path.startswith("/") else [posixpath.join(here, path), path]
        candidates = tuple(dict.fromkeys(
            p for p in (posixpath.normpath(t) for t in tries) if not p.startswith("..")))
        links[href] = FileLink(href, candidates, parts.fragment,
                               body_line + _line_index(body, parts.path))
    return tuple(links.values())


def _line_index(body: str, needle: str) -> int:
    at = body.find(needle)
    return body.count("\n", 0, at) if at >= 0 else 0
