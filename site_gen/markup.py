"""Markdown bodies to HTML, and plain-text summaries of them."""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

import markdown

from .model import FileLink

# No `smarty`: the text must stay as typed ("..." and straight quotes included).
_EXTENSIONS = ("extra", "sane_lists")
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_HREF = re.compile(r'href="([^"]*)"')


def make_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(_EXTENSIONS), output_format="html")


def to_html(converter: markdown.Markdown, text: str) -> str:
    converter.reset()
    return converter.convert(text)


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
