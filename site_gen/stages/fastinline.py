"""Python-Markdown's inline stage, with one shortcut: a pattern is not tried on a text that
lacks a string every match of it contains (no `[` in the text: no link can be there).

Python-Markdown tries each of its 15 inline patterns on each piece of text, in Python, and
most pieces of a bulletin hold no markup at all: for bodies as staff write them, that took
half of the time of making HTML. The output is the same by construction: the strings
below were read off the very expressions they stand for, and a pattern whose expression
is not one of them (another version of Markdown, an extension's own) is always tried.
"""

from __future__ import annotations

from markdown import util
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
    """Registered in place of Markdown's own "inline" processor. Its loop is upstream's
    (`__handleInline`) with the test added; each pattern is still applied by upstream."""

    def run(self, tree, ancestors=None):
        self._patterns = list(self.inlinePatterns)  # in order, as upstream reads them
        self._needs = [NEEDS.get(getattr(p, "pattern", None)) for p in self._patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data, patternIndex: int = 0):
        if isinstance(data, util.AtomicString):
            return data
        patterns, needs = self._patterns, self._needs
        apply = self._InlineProcessor__applyPattern
        start = 0
        while patternIndex < len(patterns):
            wanted = needs[patternIndex]
            if wanted is not None and not any(w in data for w in wanted):
                matched, start = False, 0  # what upstream returns when nothing matched
            else:
                data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def install(md) -> None:
    """Put QuickInline where Markdown's inline processor is, with its priority."""
    priority = next(item.priority for item in md.treeprocessors._priority
                    if item.name == "inline")
    md.treeprocessors.register(QuickInline(md), "inline", priority)
