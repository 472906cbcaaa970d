"""The records that flow between stages. All frozen: a stage makes new ones, never edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from .packed import unpack_text


class Record:
    """Base of the records: pickled as (class, field values) when the worker processes send
    them back (never to disk: the cache keeps JSON, site_gen/cache/codec.py); the default
    for slotted dataclasses runs Python code for each field and costs twice as much."""

    __slots__ = ()

    def __reduce__(self):
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class RelatedRef(Record):
    """One `related:` entry as written: another article (`target`) or an outside link."""

    line: int
    target: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class FileLink(Record):
    """A link in a body to another Markdown file, rewritten to that article's address."""

    href: str  # as it stands in the body's HTML
    candidates: tuple[str, ...]  # content-relative paths it may mean, first match wins
    fragment: str
    line: int


@dataclass(frozen=True, slots=True)
class SiteLink(Record):
    """A link or picture of a body naming a page or file of this site."""

    href: str  # as written
    path: str  # from the site's top, without the folder it lives in: "anh/a.jpg", "gioi-thieu/"
    line: int


@dataclass(frozen=True, slots=True)
class Alias(Record):
    url: str
    line: int


@dataclass(frozen=True, slots=True)
class Attachment(Record):
    """A file of a văn bản, stored beside it in the content folder."""

    name: str
    url: str
    size: int  # bytes
    format: str  # PDF, DOCX, ...


@dataclass(frozen=True, slots=True)
class DocumentInfo(Record):
    """The metadata of a văn bản (legal or guidance document)."""

    number: str  # số ký hiệu, e.g. 09-CT/TW
    doc_type: str  # Chỉ thị, Nghị quyết, ...
    issuer: str  # cơ quan ban hành
    signer: str
    issued: datetime
    effective: datetime | None
    files: tuple[Attachment, ...]


@dataclass(frozen=True, slots=True)
class Article(Record):
    source: str  # path relative to the content folder, with "/" separators
    path: str = field(repr=False)  # the path as messages show it; not for templates
    title: str
    published: datetime | None  # aware, in the site's time zone; a page may have none
    views: int
    category: str | None
    tags: tuple[str, ...]
    summary: str
    image: str | None
    image_alt: str  # "" means: use the title
    author: str | None
    featured: bool
    draft: bool
    slug: str
    url: str
    aliases: tuple[Alias, ...]
    related: tuple[RelatedRef, ...]
    body: bytes  # the body's HTML, packed (core/packed.py): `body_html` unpacks it
    links: tuple[FileLink, ...]
    lines: Mapping[str, int]  # the line of each front matter key (a dict: records cross processes)
    kind: str = "article"  # the name of its kind (settings `kinds:`, defaults.yaml)
    menu: int | None = None  # position of a page in the navigation bar
    lang: str = ""  # "" is the site's language
    name_en: str = ""  # a page's name in the English menu (else english_names: in settings)
    cites: tuple[RelatedRef, ...] = ()  # `documents:` cited, by number
    document: DocumentInfo | None = None
    digest: str = ""  # of the file's bytes, and of whatever later stages changed in it
    terms: tuple[str, str, str] | None = None  # its search words (site_gen/search.py)
    # declared fields (settings `fields:`), by name, typed (site_gen/stages/fields.py)
    fields: Mapping[str, object] = field(default_factory=dict)
    # its links to other articles' files, (href, address), put in when the body is read:
    # rewriting and packing every linked body again on every build cost 0.3 s at 10,000
    hrefs: tuple[tuple[str, str], ...] = ()
    site_links: tuple[SiteLink, ...] = ()  # links and pictures naming this site's files

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    @property
    def body_html(self) -> str:
        body = unpack_text(self.body)
        for href, url in self.hrefs:
            body = body.replace(f'href="{href}"', f'href="{url}"')
        return body


@dataclass(frozen=True, slots=True)
class Unread(Record):
    """A file that could not be read (its problem is told): the names others may call it
    by, and what it names itself, so that both are checked in the same run."""

    source: str
    path: str  # as messages show it
    names: frozenset[str]  # its path with and without .md, and its slug
    related: tuple[RelatedRef, ...] = ()
    links: tuple[FileLink, ...] = ()
    draft: bool = False
    number: str = ""  # a văn bản's number, if it could be read: citations name it by that
    cites: tuple[RelatedRef, ...] = ()  # `documents:`
    fields: Mapping[str, RelatedRef] = field(default_factory=dict)  # declared link fields


# A file named by another that could not be read: its own problem is the one to fix.
UNREAD = "could not be read (its own problem is told)"


def unread_names(unread) -> dict[str, str]:
    """Each name of a file that could not be read (path, with or without .md, slug): its path."""
    return {name: record.source for record in unread for name in record.names}


@dataclass(frozen=True, slots=True)
class Entry(Record):
    """An item of a sidebar list: an article of the site or an outside link."""

    title: str
    url: str
    published: datetime | None = None
    external: bool = False
    lang: str = ""  # an article's `lang`: its title is marked so on pages of another


@dataclass(frozen=True, slots=True)
class Link(Record):
    """A menu item, or a category or tag as an article names it: a name and an address,
    without the term's articles, so a page showing it does not change when the term
    gains an article (see site_gen/cache/keys.py)."""

    name: str
    url: str
    lang: str = ""
    name_en: str = ""  # its name on English pages, if its own (a page's `name_en:`)


def term_link(term: "Term | None") -> Link | None:
    return None if term is None else Link(term.name, term.url)


@dataclass(frozen=True, slots=True)
class Term(Record):
    """A category, a tag or an archive period, with its articles newest first."""

    name: str
    slug: str
    url: str
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class Page(Record):
    """One file of the output: which template makes it and with what values."""

    url: str
    template: str
    source: str  # the file that asked for this address, for collision messages
    line: int
    context: Mapping[str, object]
    path: str = ""  # where it goes in the output folder (pages.output_path of its url)

    @property
    def fields(self) -> Mapping[str, object]:
        """The declared fields of the item the page shows: `page.fields.nguon`."""
        item = self.context.get("article")
        # a page of no item is given every declared field left out (render.Renderer.shown)
        return item.fields if item is not None else self.context.get("fields", {})
