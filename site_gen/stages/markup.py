"""Markdown bodies to HTML, and plain-text summaries of them."""

from __future__ import annotations

import html
import posixpath
import re
import signal
import threading
import time
from contextlib import contextmanager
from typing import Mapping
from urllib.parse import quote, unquote, urlsplit

from ..core.model import FileLink, SiteLink
from ..core.text import normalize, shorten
from .sanitize import TooDeep, clean_html

# No `smarty`: the text must stay as typed ("..." and straight quotes included).
_EXTENSIONS = ("extra", "sane_lists")
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
_HREF = re.compile(r'href="([^"]*)"')


class BodyError(Exception):
    """A body that cannot be made into HTML within the limits: the message says why."""


class Converter:
    """Python-Markdown, imported and set up when a body first needs it: a rebuild that
    reads one plain body does not pay for it. Its HTML is sanitised for `embed_hosts`;
    `backlinks`, by language, names a footnote's way back ({} its number)."""

    def __init__(self, embed_hosts: tuple[str, ...] = (), seconds: float | None = None,
                 backlinks: Mapping[str, str] | None = None):
        self.embed_hosts, self.seconds = tuple(embed_hosts), seconds
        self.backlinks = backlinks or {}
        self._markdown = None

    def convert(self, text: str, lang: str = "") -> str:
        return self.told(text, lang)[0]

    def told(self, text: str, lang: str = "") -> tuple[str, list[str]]:
        """The body's HTML made safe, and the address of each iframe taken out of it."""
        if self._markdown is None:
            import markdown
            from .fastinline import install
            self._markdown = markdown.Markdown(extensions=list(_EXTENSIONS),
                                               output_format="html")
            install(self._markdown)
        self._markdown.reset()
        if self.backlinks and "[^" in text:  # set for every body, empty too: a setting
            # is not reset with the rest, and one left as the body before had it (another
            # language's) made this body's HTML depend on which bodies a process read first
            title = self.backlinks.get(lang) or self.backlinks.get("") or ""
            self._footnotes().setConfig("BACKLINK_TITLE", _one_number(title))
        try:
            with time_limit(self.seconds):
                made = self._markdown.convert(text)
                safe = clean_html(made, self.embed_hosts)
                return safe, dropped_frames(made, safe)
        except _TooSlow:
            self._markdown = None  # stopped anywhere inside: start the next body afresh
            raise BodyError(f"the body took more than {self.seconds:g} s to make into HTML "
                            "(max_render_seconds in site.yaml); a long run of [, <, > "
                            "or | is the usual cause") from None
        except RecursionError:
            self._markdown = None
            raise BodyError("the body nests lists, quotes or definitions too deeply to make "
                            "into HTML") from None
        except TooDeep as exc:
            raise BodyError(f"the body cannot be made safe: {exc}") from None

    def _footnotes(self):
        from markdown.extensions.footnotes import FootnoteExtension
        return next(e for e in self._markdown.registeredExtensions
                    if isinstance(e, FootnoteExtension))


def _one_number(title: str) -> str:
    """A title with `{}` for the number, every other brace as it is (str.format's form)."""
    return "{}".join(part.replace("{", "{{").replace("}", "}}")
                     for part in title.split("{}", 1))


def make_converter(embed_hosts: tuple[str, ...] = (), seconds: float | None = None,
                   backlinks: Mapping[str, str] | None = None) -> Converter:
    return Converter(embed_hosts, seconds, backlinks)


def backlink_titles(words: Mapping[str, str], translations: Mapping) -> dict[str, str]:
    """The name of a footnote's way back, by language ("": the site's)."""
    return {"": words["footnote_back"],
            **{lang: more["footnote_back"] for lang, more in translations.items()}}


def to_html(converter: Converter, text: str, lang: str = "") -> tuple[str, list[str]]:
    """The body as sanitised HTML and the address of each iframe taken out of it
    (dropped_frames), or BodyError. Plain paragraphs need no sanitiser: they hold no
    markup."""
    plain = plain_html(text)
    return (plain, []) if plain is not None else converter.told(text, lang)


_FRAME = re.compile(r"<iframe\b[^>]*>", re.I)
_FRAME_SOURCE = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def dropped_frames(made: str, safe: str) -> list[str]:
    """The address ("" for none) of each iframe of the HTML Python-Markdown `made` (an
    iframe in a code block is text there) that the `safe` HTML does not keep: a video
    pasted as the site does not embed it would vanish without a word."""
    if not _FRAME.search(made):
        return []
    kept = {html.unescape(address) for address in _sources(safe)}
    return [address for address in _sources(made) if address not in kept]


def _sources(text: str) -> list[str]:
    found = []
    for tag in _FRAME.findall(text):
        source = _FRAME_SOURCE.search(tag)
        found.append(html.unescape(next(filter(None, source.groups()), "")) if source else "")
    return found


def frame_problem(address: str, hosts) -> str:
    """Why an iframe is taken out, and what keeps it."""
    try:
        host = (urlsplit(address.strip()).hostname or "").lower()
    except ValueError:  # an address that is not one, such as "https://[::1"
        host = ""
    if not host:
        return "an <iframe> without an https:// address is taken out"
    if host not in {h.lower() for h in hosts}:
        return (f"the <iframe> from {host} is taken out: only hosts listed in embed_hosts "
                f"(site.yaml) are embedded; add {host} there to keep it")
    return (f"the <iframe> {shorten(address, 80)} is taken out: only https:// addresses "
            "are embedded; write it with https://")


def frame_lines(body: str, addresses: list[str]) -> list[int]:
    """The line (from the body's first) where each iframe of `addresses` is written."""
    lines = _Lines(body)
    return [lines.index(address or "<iframe") for address in addresses]


class _TooSlow(BaseException):
    """Raised by the alarm; a BaseException, so no `except Exception` in Python-Markdown
    can swallow it."""


@contextmanager
def time_limit(seconds: float | None):
    """Stop what runs inside after `seconds` with _TooSlow, by SIGALRM. Only the main
    thread of a process can take signals; elsewhere (and on Windows) the limit is not kept
    and the size limit alone bounds a body. Builds read bodies in the main thread of each
    worker process, and `serve` rebuilds in its main thread, for this."""
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def alarm(signum, frame):
        raise _TooSlow()

    previous = signal.signal(signal.SIGALRM, alarm)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's alarm (a test runner's timeout): put it back
            signal.setitimer(signal.ITIMER_REAL,
                             max(outer - (time.monotonic() - started), 0.001))


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
    links, lines = {}, _Lines(body)
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
                               body_line + lines.index(parts.path))
    return tuple(links.values())


_ADDRESS = re.compile(r'\b(href|src)="([^"]*)"')


def site_addresses(body_html: str, body: str, body_line: int, source: str,
                   base_url: str) -> tuple[str, tuple[SiteLink, ...]]:
    """The body's addresses of this site as a browser must have them: one from the site's
    top ("/anh/a.jpg") inside the folder the site lives in (base_url's path: a GitHub Pages
    project site), one relative to the file ("anh.jpg", "../anh/a.jpg") from the file's own
    folder in content/, where that file is published: an article's address is not its
    file's folder (content/2024/a.md is /2024/11/a/). Links to `.md` files are file_links'.
    And each address as a path from the site's top, with its line: the build tells those
    that no page or file has (pages.broken_links), those written with the site's own
    full address (base_url) too."""
    here, lines, found = posixpath.dirname(source), _Lines(body), {}
    site = urlsplit(base_url)
    root, host = site.path, site.netloc.lower()

    def fix(match) -> str:
        attr, value = match.groups()
        raw = html.unescape(value)
        try:
            parts = urlsplit(raw)
        except ValueError:
            return match[0]
        # the site's own full address, or one without its scheme (//example.gov.vn/...)
        if (parts.scheme.lower() in ("http", "https", "") and parts.netloc.lower() == host
                and (parts.path + "/").startswith(root) and not parts.path.endswith(".md")):
            path = posixpath.normpath(unquote(parts.path[len(root):]) or ".")
            seen(raw, "" if path == "." else path, parts)  # written as it is: it works
            return match[0]
        if (parts.scheme or parts.netloc or not parts.path or raw.startswith("//")
                or parts.path.endswith(".md")):
            return match[0]
        cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
        if raw.startswith("/"):
            path = posixpath.normpath(unquote(parts.path)).lstrip("/")
            address = value if root == "/" else f"{root[:-1]}{value}"
        else:
            path = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
            if path == ".." or path.startswith("../"):  # outside the content folder: as
                seen(raw, path, parts)  # written, and told: no page or file has it
                return match[0]
            path = "" if path == "." else path
            address = root + html.escape(quote(path + (
                "/" if path and parts.path.endswith("/") else "")), quote=True) + value[cut:]
        seen(raw, path, parts)
        return f'{attr}="{address}"'

    def seen(raw: str, path: str, parts) -> None:
        if raw not in found:  # its name as files are listed: NFC (core/files.py)
            found[raw] = SiteLink(raw, normalize(path) + ("/" if parts.path.endswith("/") else ""),
                                  body_line + lines.index(parts.path))

    return _ADDRESS.sub(fix, body_html), tuple(found.values())


class _Lines:
    """The line where each link's target is written, searched onward from the last one
    found (links come in the order they are written), from the start only after a miss, and
    no more after MISSES misses: a search of the whole body for each link took 7 s for a
    body of 20,000 links, outside the body's time limit."""

    MISSES = 50

    def __init__(self, body: str):
        self.body, self.at, self.line, self.misses = body, 0, 0, 0

    def index(self, needle: str) -> int:
        if self.misses >= self.MISSES:
            return 0
        at = self.body.find(needle, self.at)
        if at < 0:
            self.misses += 1
            at = self.body.find(needle)
            return self.body.count("\n", 0, at) if at >= 0 else 0
        self.line += self.body.count("\n", self.at, at)
        self.at = at
        return self.line
