"""Python-Markdown's inline stage, with one shortcut: a text that holds none of the strings
that every match of an inline pattern contains (no `[`: no link; no `*` or `_`: no
emphasis...) is left as it is, without trying the patterns one by one.

Python-Markdown tries each of its inline patterns on each piece of text, in Python, and
most pieces of a bulletin hold no markup at all: for bodies as staff write them, that took
half of the time of making HTML. The output is the same by construction: the strings
below were read off the very expressions they stand for, and if any pattern registered is
not one of them (another version of Markdown, an extension's own), or is compiled with
other flags, there is no shortcut at all. Any other text goes through Markdown's own loop.
"""

from __future__ import annotations

import re

from markdown.treeprocessors import InlineProcessor

# An inline pattern's regular expression -> strings one of which is in any text it matches.
NEEDS = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # code
    r"\\(.)": ("\\",),  # an escaped character
    r"\[\^([^\]]*)\]": ("[^",),  # a footnote's mark
    r"(?<!\!)\[": ("[",),  # links and references
    r"\!\[": ("![",),  # images
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # <https://...>
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # <name@host>
    (r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'"""
     r"""|[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]"""
     r"""|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"""): ("<",),  # HTML in the text
    r"  \n": ("  \n",),  # a line break
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # an entity
    r"\*|_": ("*", "_"),  # emphasis
}


class QuickInline(InlineProcessor):
    """Registered in place of Markdown's own "inline" processor; `markers`: the strings
    one of which a text needs for any pattern to match, None when that is not known."""

    def __init__(self, md, markers: tuple[str, ...] | None):
        super().__init__(md)
        self.markers = markers

    def _InlineProcessor__handleInline(self, data, patternIndex: int = 0):
        if self.markers is not None and not any(m in data for m in self.markers):
            return data  # what upstream's loop returns when no pattern matches
        return super()._InlineProcessor__handleInline(data, patternIndex)


def markers_of(patterns) -> tuple[str, ...] | None:
    """Every string of NEEDS the `patterns` need, or None if one of them is not known
    (an expression not in NEEDS, or compiled with flags other than Markdown's own)."""
    found = set()
    for pattern in patterns:
        text = getattr(pattern, "pattern", None)
        if text not in NEEDS or (pattern.getCompiledRegExp().flags
                                 != re.compile(text, re.DOTALL | re.UNICODE).flags):
            return None
        found.update(NEEDS[text])
    return tuple(sorted(found))


def install(md) -> None:
    """Put QuickInline where Markdown's inline processor is, with its priority: after the
    extensions have registered their patterns."""
    priority = next(item.priority for item in md.treeprocessors._priority
                    if item.name == "inline")
    md.treeprocessors.register(QuickInline(md, markers_of(md.inlinePatterns)), "inline",
                               priority)
