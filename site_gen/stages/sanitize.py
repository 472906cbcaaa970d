"""Body HTML cut down to what staff legitimately write, whatever was pasted or imported.

Uses nh3 (Ammonia): an allow-list sanitiser, maintained, and fast enough to run on every body
of a cold build. Scripts, event attributes, forms, `style` (but `text-align`, which
Python-Markdown's tables write) and URLs other than http, https, mailto, tel and relative
ones are dropped (`data:` too, images included: a picture belongs in the content folder,
where it is copied, measured and given thumbnails); an `<iframe>` stays only when its
address is https on a host of `embed_hosts`, and goes whole, content and all, otherwise.
Headings with no text go too.
"""

from __future__ import annotations

import functools
import html
import re
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
                                  "select", "button", "object", "embed", "svg", "math",
                                  "iframe", "noembed", "noframes"})
# The parser under nh3 takes time growing with the square of how deep elements nest (50,000
# nested <div>: 17 s, in Rust, where no alarm can stop it); staff's HTML nests a few dozen.
MAX_DEPTH = 500
# The name is enough: reading on to the ">" made each tag never closed cost the rest of the text.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
# So does the number of attributes of one tag (80,000 attribute names in a body of 0.5 MB:
# 4 s; the 5 MB a file may hold: minutes, which no alarm stops either); staff's have a few.
MAX_ATTRIBUTES = 1000
# A start tag of more than that many, as the parser reads one: the name, then attributes (a
# name, maybe `=` and a value) apart by white space or "/". Each attribute is taken whole
# (atomic), so a tag of fewer fails at once, not by trying every other way to split it.
_ATTRIBUTE = r"""[\s/]++[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))?+"""
_CROWDED_TAG = re.compile(rf"<[a-zA-Z][^\s/>]*+(?>{_ATTRIBUTE}){{{MAX_ATTRIBUTES + 1}}}")
_FLAT = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr",
                   "option", "optgroup", "rb", "rp", "rt", "rtc"})
# nh3 writes every attribute in double quotes with `>` and `"` escaped, and an iframe's
# content as raw text that cannot hold "</iframe": so this finds each iframe exactly.
_IFRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.S)
# A style written in capitals, as editors of the IE years wrote it (style="TEXT-ALIGN:
# CENTER"): nh3 knows `text-align` in small letters only, and dropped the centring. CSS
# names and keywords are the same in either case, so such a style is read in small letters.
_SHOUTED_STYLE = re.compile(r"""(<[a-zA-Z][^<>]*?\s(?i:style)\s*=\s*)"""
                            r"""("[^"<>]*[A-Z][^"<>]*"|'[^'<>]*[A-Z][^'<>]*')""")
# What nh3 leaves of a `style` without `text-align`; text can hold no "<", so it is a tag.
_EMPTY_STYLE = re.compile(r'(<[a-z][a-z0-9]*\b[^>]*?) style=""')

# A heading with nothing to read (`##` alone, Word's empty <h2></h2>, a heading of spaces or
# of a line break): a reader sees a gap, a screen reader announces an empty heading.
_EMPTY_HEADING = re.compile(
    r"<h([1-6])\b[^>]*>(?:\s|<br>|</?(?:a|b|strong|em|i|u|s|span|small|mark)\b[^>]*>)*</h\1>")


# What a reader of a pasted body cannot be given a name for, put right (WCAG 1.1.1, 2.4.4,
# 4.1.2; axe image-alt, link-name, frame-title): a picture without `alt` is said to be
# decorative (alt=""), as a screen reader would otherwise read its file name; a link with
# nothing to see or read goes; a link that is only such pictures is named by its address.
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)")
# A picture left without an address (a data: or javascript: one dropped, an imported src="")
# shows nothing and is not valid HTML: it goes.
_IMG_WITHOUT_SRC = re.compile(r'<img\b(?![^>]* src="[^"])[^>]*>')
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")
_LINK = re.compile(r"<a\b([^>]*)>((?:\s|<br>|<img\b[^>]*>|</?(?:b|strong|em|i|u|s|span|small|mark)\b[^>]*>)*)</a>")
# Word's bookmarks (<a name="_Toc1">) as HTML writes them now: `name` on <a> is obsolete,
# an id does the same (and one the link has already wins).
_A_NAME = re.compile(r'<a\b[^>]* name="[^"]*"')
_ID = re.compile(r'(<[a-z][a-z0-9]*\b[^>]*?) id="([^"]*)"')
# The ids of the built-in theme's elements (templates/): a body's own of the same name
# would make each id twice on the page (invalid HTML; a label, an aria-labelledby or the
# skip link could find the body's). tests/test_readers_other_data.py keeps this in step.
THEME_IDS = frozenset({
    "noi-dung", "header-q", "menu-items", "search-results", "search-page-q", "web-q",
    "site-gen-errors", "lien-ket", "lien-ket-h", "tin-noi-bat", "tin-noi-bat-h",
    "tin-moi-nhat", "tin-moi-nhat-h", "tin-lien-quan", "tin-lien-quan-h", "tin-xem-nhieu",
    "tin-xem-nhieu-h", "news-in-vietnamese", "news-in-vietnamese-h", "van-ban-lien-quan",
    "van-ban-lien-quan-h", "lich-cong-tac", "lich-cong-tac-h", "album-moi", "album-moi-h",
})


# Files of the content folder copied as they are that a browser opens as a page of the site's
# own address: a script in one runs with the site's rights (an SVG "picture" that steals a
# staff member's session). So they are looked at first, as bodies are; none is rewritten.
DOCUMENT_SUFFIXES = (".svg", ".svgz", ".html", ".htm", ".xhtml", ".xht", ".xml")
DOCUMENT_LIMIT = 64 << 20  # bytes: more than any picture or page staff publish
# What can run a script in such a file, looked for once its character references are read
# (`jav&#x61;script:`): a script element, HTML inside SVG, another document embedded, an
# entity declared (which can spell anything), an event attribute (set by SVG animation
# too) and a javascript: address, which a browser reads across white space and controls.
_GAP = r"[\s\x00-\x1f]*"
_ACTIVE = re.compile(
    r"<\s*(?:script|foreignobject|iframe|frame|embed|object|handler|!entity)\b"
    r"|<[^<]*?[\s/]on[a-z]+\s*=|attributename\s*=\s*[\"']?\s*on|" + _GAP.join("javascript")
    + _GAP + ":", re.I)
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def active_content(data: bytes) -> tuple[int, str] | None:
    """(line, what) of the first thing in a document copied as it is (DOCUMENT_SUFFIXES)
    that could run a script; None if nothing could. Text in UTF-16 or UTF-32, which an XML
    reader takes without a byte-order mark, cannot be looked at this way: it is refused."""
    if b"\0" in data or data.startswith(_UTF16_MARKS):
        return 1, "text that is not UTF-8 (cannot be checked)"
    # the markup is ASCII in every encoding a page may name; a reference keeps its line
    text = html.unescape(data.decode("latin-1"))
    found = _ACTIVE.search(text)
    if found is None:
        return None
    what = found[0] if len(found[0]) <= 40 else found[0][:20] + "..." + found[0][-15:]
    return text.count("\n", 0, found.start()) + 1, what


class TooDeep(ValueError):
    """HTML nested too deeply (or a tag too crowded) to sanitise in reasonable time."""


def clean_html(html: str, embed_hosts: tuple[str, ...] = ()) -> str:
    """`html` with only the allowed tags, attributes and URLs; iframes from `embed_hosts`.
    TooDeep if its elements nest more than MAX_DEPTH deep, or a tag has more than
    MAX_ATTRIBUTES attributes."""
    if html.count("<") > MAX_DEPTH and too_deep(html):
        raise TooDeep(f"its HTML nests elements more than {MAX_DEPTH} deep")
    if len(html) > 2 * MAX_ATTRIBUTES and crowded(html):
        raise TooDeep(f"its HTML has a tag of more than {MAX_ATTRIBUTES} attributes")
    if _SHOUTED_STYLE.search(html):
        html = _SHOUTED_STYLE.sub(lambda m: m[1] + m[2].lower(), html)
    cleaned = cleaner(tuple(embed_hosts)).clean(html)
    if ' style=""' in cleaned:
        cleaned = _EMPTY_STYLE.sub(r"\1", cleaned)
    if "&nbsp;" in cleaned:  # as Python-Markdown wrote it: the same bytes for clean bodies
        cleaned = cleaned.replace("&nbsp;", "\u00a0")
    if "<h" in cleaned:
        cleaned = _EMPTY_HEADING.sub("", cleaned)
    emptied = False
    if "<img" in cleaned:
        without = _IMG_WITHOUT_SRC.sub("", cleaned)
        emptied = without != cleaned
        cleaned = _IMG_WITHOUT_ALT.sub('<img alt=""', without)
    if "<a" in cleaned:
        cleaned = _A_NAME.sub(_name_to_id, _LINK.sub(_named_link, cleaned))
    if emptied:  # a paragraph that held only such pictures (and links to them) goes too
        cleaned = _EMPTY_PARAGRAPH.sub("", cleaned)
    if ' id="' in cleaned:
        cleaned = _ID.sub(lambda m: m[1] if m[2] in THEME_IDS else m[0], cleaned)
    if "<table" in cleaned:  # a wide table scrolls in its box, reached by the keyboard too
        cleaned = cleaned.replace("<table", '<div class="table-scroll"><table tabindex="0"'
                                  ).replace("</table>", "</table></div>")
    return _IFRAME.sub(_embed, cleaned) if embed_hosts and "<iframe" in cleaned else cleaned


@functools.lru_cache(maxsize=8)
def cleaner(embed_hosts: tuple[str, ...]) -> nh3.Cleaner:
    """The sanitiser for these hosts, made once: building one costs a third of a clean."""
    hosts = frozenset(host.lower() for host in embed_hosts)
    tags = TAGS | {"iframe"} if hosts else TAGS

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src":
            return value if embeddable(value, hosts) else None
        return value

    return nh3.Cleaner(
        tags=set(tags), clean_content_tags=set(DROPPED_WITH_CONTENT - tags),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items() if tag in tags or tag == "*"},
        # a Python call for every attribute of a body: only when iframes can be kept
        attribute_filter=keep if hosts else None, url_schemes=set(SCHEMES),
        filter_style_properties={"text-align"}, link_rel=None, strip_comments=True)


def too_deep(html: str) -> bool:
    """Whether elements open inside one another more than MAX_DEPTH deep, counting those
    that close themselves (p, li, td, br...) as none: a cheap count, not a parse. An end tag
    closes one element of its name, if one is open: the parser ignores `</q>` with no <q>
    open, and such tags taken for ends let 4,000 <b> (100 KB, 160 MB once parsed) through."""
    depth, open_names = 0, {}
    for match in _TAG.finditer(html):
        name = match[2].lower()
        if name in _FLAT:
            continue
        if match[1]:
            if open_names.get(name):
                open_names[name] -= 1
                depth -= 1
        else:
            open_names[name] = open_names.get(name, 0) + 1
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


def crowded(html: str) -> bool:
    """Whether a tag has more than MAX_ATTRIBUTES attributes."""
    return _CROWDED_TAG.search(html) is not None


def embeddable(url: str, hosts: frozenset[str]) -> bool:
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower() == "https" and (parts.hostname or "") in hosts
    except ValueError:  # an address that is not one, such as "https://[::1"
        return False


def _named_link(match: re.Match) -> str:
    attrs, inside = match[1], match[2]
    if ' href="' not in attrs or re.search(r' (?:title|id|name)="[^"]', attrs) \
            or re.search(r'<img\b[^>]* alt="[^"]', inside):
        return match[0]
    if "<img" not in inside:
        return inside  # nothing to see: what white space it held stays
    href = re.search(r' href="([^"]*)"', attrs)[1]
    return f'<a{attrs} title="{href}">{inside}</a>'


def _name_to_id(match: re.Match) -> str:
    tag = match[0]
    return re.sub(r' name="([^"]*)"', "" if ' id="' in tag else r' id="\1"', tag)


def _embed(match: re.Match) -> str:
    """An iframe kept empty (its fallback text is never shown), or gone without its address.
    One without a title (old embed codes) is named by its host (WCAG 4.1.2, frame-title)."""
    attrs = match[1]
    src = re.search(r' src="([^"]*)"', attrs)
    if not src:
        return ""
    if not re.search(r' title="[^"]', attrs):
        attrs = re.sub(r' title=""', "", attrs) + f' title="{urlsplit(src[1]).hostname}"'
    return f"<iframe{attrs}></iframe>"
