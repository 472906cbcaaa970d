"""Body HTML cut down to what staff legitimately write, whatever was pasted or imported.

Uses nh3 (Ammonia): an allow-list sanitiser, maintained, and fast enough to run on every body
of a cold build. Scripts, event attributes, forms, `style` (but `text-align`, which
Python-Markdown's tables write) and URLs other than http, https, mailto, tel and relative
ones are dropped; an `<iframe>` stays only when its host is in `embed_hosts`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
    "ul",
})
_COMMON = {"class", "id", "title", "lang", "dir", "style"}
ATTRIBUTES = {
    "*": _COMMON,
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "iframe": {"src", "width", "height", "allowfullscreen", "title"},
}
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed with everything inside: their text is never meant to be read.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "textarea",
                                  "select", "button", "object", "embed", "svg", "math"})


def clean_html(html: str, embed_hosts: tuple[str, ...] = ()) -> str:
    """`html` with only the allowed tags, attributes and URLs; iframes from `embed_hosts`."""
    hosts = frozenset(host.lower() for host in embed_hosts)
    tags = TAGS | {"iframe"} if hosts else TAGS

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src":
            parts = urlsplit(value)
            return value if parts.scheme == "https" and (parts.hostname or "") in hosts else None
        return value

    return nh3.clean(html, tags=set(tags), clean_content_tags=set(DROPPED_WITH_CONTENT - tags),
                     attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                     attribute_filter=keep, url_schemes=set(SCHEMES),
                     filter_style_properties={"text-align"}, link_rel=None,
                     strip_comments=True)
