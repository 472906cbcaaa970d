"""Files of the content folder held back: those that only items not yet published name
(a draft văn bản's PDF, the picture of an article scheduled for tomorrow) go out with the
first published item that names them, not before it."""

from __future__ import annotations

import contextlib
import posixpath
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from ..core.config import SiteConfig, theme_folders
from ..core.files import files_below
from ..core.model import Article
from ..core.text import normalize
from .albums import PHOTO_SUFFIXES
from .fields import file_path


def withheld_files(articles, index, config: SiteConfig, content_files: list) -> frozenset:
    """The files of the content folder that only items not published name: a draft văn
    bản's PDF, the picture of an article scheduled for tomorrow, a draft album's photos.
    They go out with the first published item that names them, not before it. A file
    that no item names is published as it is, and so is one site.yaml or a template names
    (a logo, a form under `links:`: on every page)."""
    hidden = {a.source for a in index.withheld}
    if not hidden:
        return frozenset()
    albums = {k.name for k in config.kinds if k.feature == "album"}
    photos = defaultdict(list)  # album folder -> its photos
    for rel, _ in content_files if albums else ():
        if rel.lower().endswith(PHOTO_SUFFIXES):
            photos[posixpath.dirname(rel)].append(rel)
    # by whether an item withheld names them; what site.yaml names is on every page
    named = {True: set(), False: files_of_site(config) | files_of_theme(config)}
    for article in articles:
        found = named[article.source in hidden]
        found.update(files_named(article, config))
        if article.kind in albums:
            found.update(photos[posixpath.dirname(article.source)])
    return frozenset(named[True] - named[False])


def files_of_site(config: SiteConfig) -> set[str]:
    """The content files site.yaml names: a form linked under `links:` from the site's top
    ("/van-ban/mau.docx"), the office's map (organization.map: a full address, maybe of
    this site's own PDF) are on every page, whoever else names them."""
    urls = [url for _, url in config.links] + [config.organization.get("map", "")]
    found = {site_file(url, "", config) for url in urls}
    found.discard(None)
    return found


# an address written in a template as a quoted literal: '/anh/logo.png', "https://..."
_THEME_ADDRESS = re.compile(r"""["'](/[^"'\n{}<>]*|https?://[^"'\n{}<>]+)["']""")


def files_of_theme(config: SiteConfig) -> set[str]:
    """The content files the templates name ("/anh/logo.png"|href in the header): shown on
    pages whatever the items are, they are never an unpublished item's alone."""
    found = set()
    for rel, entry in (f for folder in theme_folders(config) for f in files_below(folder)):
        if not rel.startswith("static/"):
            with contextlib.suppress(OSError):
                text = Path(entry.path).read_bytes().decode("utf-8", "replace")
                found.update(site_file(url, "", config) for url in _THEME_ADDRESS.findall(text))
    found.discard(None)
    return found


def files_named(article: Article, config: SiteConfig) -> set[str]:
    """The content files an item names: its picture, its attachments, the pictures and
    links of its body, and its declared fields' addresses (paths in content/)."""
    urls = [article.image or "", *(v for v in article.fields.values() if type(v) is str)]
    urls += [f.url for f in article.document.files] if article.document else []
    found = {site_file(url, article.source, config) for url in urls}
    found.update(link.path for link in article.site_links)
    found.discard(None)
    return found


def site_file(url: str, source: str, config: SiteConfig) -> str | None:
    """The path in content/ of an address from the site's top, or of one written with the
    site's own full address (https://example.gov.vn/anh/a.jpg: it is shown as written and
    names this site's file, as a body's links do, markup.site_addresses); else None."""
    try:  # a text field may hold anything: "//[" is no address
        parts, site = urlsplit(url), urlsplit(config.base_url)
        if (parts.scheme.lower() in ("http", "https", "")  # "": //example.gov.vn/anh/a.jpg
                and parts.netloc.lower() == site.netloc.lower()
                and (parts.path + "/").startswith(config.root)):
            url = "/" + parts.path[len(config.root):]
        rel = file_path(url, source) if url.startswith("/") else None
    except ValueError:
        return None
    return None if rel is None else normalize(rel)
