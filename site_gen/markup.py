"""Markdown bodies to HTML, and plain-text summaries of them."""

from __future__ import annotations

import html
import re

import markdown

# No `smarty`: the text must stay as typed ("..." and straight quotes included).
_EXTENSIONS = ("extra", "sane_lists")
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def make_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(_EXTENSIONS), output_format="html")


def to_html(converter: markdown.Markdown, text: str) -> str:
    converter.reset()
    return converter.convert(text)


def first_paragraph_text(body_html: str) -> str:
    match = _FIRST_PARAGRAPH.search(body_html)
    return html.unescape(_TAG.sub("", match.group(1))) if match else ""
