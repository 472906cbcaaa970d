"""Plan every output file: its address, its template and the values it shows.

Also the one place that sees all addresses at once, so two files claiming one
address are all reported here, before anything is rendered.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from ..core.config import SiteConfig
from ..core.diagnostics import Diagnostic, error, warning
from .index import SiteIndex
from .kinds import (Media, calendars, doc_list_values, home_values, item_values, list_name,
                    list_values, newest_undated_last, pictures_of, term_links)
from ..core.model import Article, Page, Term

GENERATED = "(generated)"
# the news's lists and the English home; each kind says if its own pages are listed
_LISTED_IN_SITEMAP = ("list.html", "terms.html", "archives.html", "english.html")


@dataclass(frozen=True, slots=True)
class Pagination:
    number: int
    urls: tuple[str, ...]  # the address of every page of the list, first one first

    @property
    def count(self) -> int:
        return len(self.urls)

    @property
    def prev_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None

    def window(self, around: int = 2) -> list[tuple[int, str] | None]:
        """Page numbers to show: first, last and a few around this one; None is a gap.

        A list of a thousand pages must not carry a thousand links on every page."""
        shown = {1, self.count} | set(range(self.number - around, self.number + around + 1))
        numbers = sorted(n for n in shown if 1 <= n <= self.count)
        out: list[tuple[int, str] | None] = []
        for previous, n in zip([0] + numbers, numbers):
            if n - previous > 1:
                out.append(None)
            out.append((n, self.urls[n - 1]))
        return out


def output_path(url: str) -> str:
    """Where an address lives in the output folder: `/a/` is `a/index.html`."""
    path = url.lstrip("/")
    if url.endswith("/"):
        return path + "index.html"
    return path if "." in path.rsplit("/", 1)[-1] else path + "/index.html"


def page(url, template, source=GENERATED, line=0, **context) -> Page:
    return Page(url, template, source, line, MappingProxyType(context), output_path(url))


def plan_pages(index: SiteIndex, config: SiteConfig, reserved: Mapping[str, str] | None = None,
               pictures: Mapping | None = None, media: Media | None = None):
    """Return (pages sorted by address, diagnostics for addresses claimed twice).
    `reserved`: the files copied as they are, output path -> the file it is copied from.
    `pictures` (image path -> Picture): each page is given those of the articles it shows;
    `media`: the photos of albums (site_gen/stages/albums.py)."""
    media = Media(pictures or MappingProxyType({}), (media or Media()).photos)
    pictures = media.pictures
    pages = kind_pages(index, config, media)
    # the newest list leaves out what "Tin nổi bật" above it shows, on every page of it: the
    # first page is full, and an article is on one page only
    newest = tuple(a for a in index.articles if a not in index.featured)
    pages += list_pages("/", "home", config.title, newest, config.per_page,
                        pictures=pictures, featured=index.featured, most_viewed=index.most_viewed,
                        **home_values(index, config, media))
    for kind, terms in (("category", index.categories), ("tag", index.tags),
                        ("year", index.years), ("month", index.months)):
        for term in terms:
            pages += list_pages(term.url, kind, term.name, term.articles, config.per_page, term,
                                pictures=pictures)
    for term in index.categories:
        pages.append(feed_page(term.url + "feed.xml", term.name, term.url, term.articles, config))
    pages += [
        page(config.urls["categories_url"], "terms.html", kind="categories", terms=index.categories),
        page(config.urls["tags_url"], "terms.html", kind="tags", terms=index.tags),
        page(config.urls["archives_url"], "archives.html", archive=archive_tree(index)),
        feed_page("/feed.xml", config.title, "/", index.feed, config),
        page(config.urls["search_url"], "search.html"),
        page("/robots.txt", "robots.txt"),
        page("/404.html", "404.html"),
    ]
    pages += library_pages(index, config)
    pages.append(page("/sitemap.xml", "sitemap.xml", entries=sitemap_entries(pages, config)))
    pages.sort(key=lambda p: (p.path, p.source))
    reserved, search = reserved or {}, search_index(config)
    items = [item for kind in config.kinds for item in index.items[kind.name]]
    return tuple(pages), (find_collisions(pages, reserved, search)
                          + broken_links(items, pages, reserved, search))


def kind_pages(index: SiteIndex, config: SiteConfig, media: Media) -> list[Page]:
    """Every kind alike: a page for each item (and its old addresses), the kind's list
    pages, and what its feature adds (a schedule's calendars)."""
    pages, links = [], term_links(index)
    for kind in config.kinds:
        items = index.items[kind.name]
        for item in items:
            pages.append(page(item.url, kind.template, item.path, item.line("slug"),
                              article=item, **item_values(kind, item, index, media, links)))
            pages += redirects(item)
        if kind.list_url and items:  # a site without albums has no empty album list
            pages += kind_list_pages(kind, items, index, media)
        pages += [page(url, "calendar.ics", **values)
                  for url, values in calendars(kind, index, config)]
    return pages


def kind_list_pages(kind, items, index: SiteIndex, media: Media) -> list[Page]:
    made = list_pages(kind.list_url, list_name(kind), kind.title, items, kind.per_page,
                      template=kind.list_template, pictures=media.pictures)
    return [Page(p.url, p.template, p.source, p.line, MappingProxyType(
        {**p.context, **list_values(kind, index, media, p.context["items"])}), p.path)
        for p in made]


def redirects(article: Article) -> list[Page]:
    return [page(alias.url, "redirect.html", article.path, alias.line, target=article)
            for alias in article.aliases]


def library_pages(index: SiteIndex, config: SiteConfig) -> list[Page]:
    """The English home and search page, and the văn bản library's lists by type, issuer
    and year."""
    lib = index.library
    pages = [page(config.urls["english_url"], "english.html", lang="en",
                  pages=english_items(index)),
             page(config.urls["english_search_url"], "search.html", lang="en")]
    for own in config.kinds:
        found = lib.filters.get(own.name)
        if found is None:
            continue
        values = doc_list_values(own, found)
        for kind, terms in (("doc_type", found.doc_types), ("issuer", found.issuers),
                            ("doc_year", found.doc_years)):
            for term in terms:
                pages += list_pages(term.url, kind, term.name, term.articles, own.per_page,
                                    term, template=own.list_template, **values)
    return pages


def english_items(index: SiteIndex) -> tuple[Article, ...]:
    """What the English home lists: the pages with `lang: en` in menu order, then every
    other item written in English (news, an album, a declared kind's), newest first."""
    pages = index.library.english
    listed = {p.source for p in pages}
    others = {a.source: a for items in index.items.values() for a in items
              if a.lang == "en" and a.source not in listed}
    return pages + tuple(sorted(others.values(), key=newest_undated_last))


def list_pages(base: str, kind: str, title: str, articles, per_page: int,
               term: Term | None = None, template: str = "list.html", pictures=None,
               **extra) -> list[Page]:
    """A paginated list: `base`, then `base`page/2/, `base`page/3/, ..."""
    chunks = [articles[i:i + per_page] for i in range(0, len(articles), per_page)] or [()]
    urls = tuple(base if n == 1 else f"{base}page/{n}/" for n in range(1, len(chunks) + 1))
    source, line = _claimant(articles, kind)
    shown = extra.get("featured", ())
    return [page(url, template, source, line, kind=kind, title=title, term=term,
                 items=tuple(chunk), pagination=Pagination(n, urls),
                 images=pictures_of((*chunk, *shown), pictures or {}), **extra)
            for n, (url, chunk) in enumerate(zip(urls, chunks), start=1)]


def _claimant(articles, kind: str) -> tuple[str, int]:
    """For a category or tag page, the first article that names it answers for it."""
    if kind in ("category", "tag") and articles:
        first = min(articles, key=lambda a: a.source)
        return first.path, first.line("category" if kind == "category" else "tags")
    return GENERATED, 0


def archive_tree(index: SiteIndex) -> tuple[tuple[Term, tuple[Term, ...]], ...]:
    """Each year with its months, both newest first."""
    months = defaultdict(list)
    for month in index.months:
        months[month.articles[0].published.year].append(month)
    return tuple((year, tuple(months[int(year.slug)])) for year in index.years)


def feed_page(url: str, title: str, page_url: str, articles, config: SiteConfig) -> Page:
    return page(url, "feed.xml", title=title, page_url=page_url,
                entries=tuple(articles[: config.feed_size]))


def sitemap_entries(pages: list[Page], config: SiteConfig) -> tuple[tuple[str, object], ...]:
    """(address, last change) of every page worth indexing, by address. A kind's pages
    are listed as their kind says, not by their template, which kinds may share."""
    kinds = {k.name: k for k in config.kinds}
    lists = {list_name(k): k for k in config.kinds if k.list_url}
    listed = set(_LISTED_IN_SITEMAP)
    for kind in (k for k in config.kinds if k.sitemap):
        listed |= {kind.template, kind.list_template if kind.list_url else kind.template}
    entries = {}
    for p in pages:
        if "article" in p.context:  # an item's page
            shown = kinds[p.context["article"].kind].sitemap
        elif p.context.get("kind") in lists:  # a kind's list
            shown = lists[p.context["kind"]].sitemap
        else:
            shown = p.template in listed
        if shown:
            entries[p.url] = _last_change(p)
    return tuple(sorted(entries.items()))


def _last_change(p: Page):
    if "article" in p.context:
        return p.context["article"].published  # None for a page without a date
    items: tuple[Article, ...] = p.context.get("items", ())
    return max((a.published for a in items if a.published), default=None)


def search_index(config: SiteConfig) -> tuple[str, ...]:
    """Where the search index's files go (stages/search.py), written after the pages."""
    folder = config.urls["search_url"].lstrip("/")
    return f"{folder}t/", f"{folder}d/", f"{folder}meta.json"


def find_collisions(pages: list[Page], reserved: Mapping[str, str],
                    search: tuple[str, ...]) -> list[Diagnostic]:
    claims: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        claims[p.path].append(p)
    for path, source in reserved.items():
        claims[path].append(page("/" + path, "", source, 0))
    for path, claimants in claims.items():
        if path.startswith(search):
            claimants.append(page("/" + path, "search index"))
    diags = []
    for path, claimants in sorted(claims.items()):
        if len(claimants) < 2:
            continue
        for p in claimants:
            others = ", ".join(_where(o) for o in claimants if o is not p)
            if p.source != GENERATED:  # an item's address is made from its slug
                tip = "; a `slug:` line gives it another" if "article" in p.context else ""
                diags.append(error(p.source, p.line or 1,
                                   f"address {p.url} is also written by {others}{tip}"))
        if all(p.source == GENERATED for p in claimants):  # no file to blame: still told
            diags.append(error(GENERATED, 0, f"address {claimants[0].url} is written by "
                                             + " and ".join(map(_where, claimants))
                                             + ": two *_url settings give it"))
    return diags + find_nesting(claims) + find_case_twins(claims)


def find_case_twins(claims: Mapping[str, list[Page]]) -> list[Diagnostic]:
    """Addresses alike but for capital letters (/cu/Tin.html and /cu/tin.html, Anh.jpg and
    anh.jpg): a Windows or Mac disk, or an IIS server, keeps one file for both, and the
    other is lost. A warning: on the usual Linux host both are served."""
    twins: dict[str, list[str]] = defaultdict(list)
    for path in claims:
        twins[path.casefold()].append(path)
    diags = []
    for paths in twins.values():
        for path in sorted(paths) if len(paths) > 1 else ():
            others = ", ".join(f"/{o}" for o in sorted(paths) if o != path)
            for p in claims[path]:
                if p.source != GENERATED:
                    diags.append(warning(p.source, p.line or 1, f"address /{path} differs from "
                                         f"{others} only in capital letters: a Windows or Mac "
                                         "disk keeps one file for both"))
    return diags


def broken_links(items, pages: list[Page], reserved: Mapping[str, str],
                 search: tuple[str, ...]) -> list[Diagnostic]:
    """A warning for each link or picture of a body naming an address of this site that no
    page or file has: a reader would get the 404 page. Not an error: an archive imported
    from an old portal may link to what was not brought over, and the rest must go out."""
    there = {p.path for p in pages} | set(reserved)
    diags = []
    for item in items:
        for link in item.site_links:
            path = link.path
            if path.startswith(search) or output_path("/" + path) in there or path in there:
                continue
            diags.append(warning(item.path, link.line, f"link to {link.href!r}: no page or "
                                                       "file of the site has this address"))
    return diags


def find_nesting(claims: Mapping[str, list[Page]]) -> list[Diagnostic]:
    """A file where another address needs a folder (/cu/a.html and /cu/a.html/b.html): one
    of the two would be lost. Told at the deeper one's claimants, naming the other's."""
    folders, level = set(), set(claims)  # every folder an address needs, a level at a time
    while level:
        level = {path.rpartition("/")[0] for path in level} - folders - {""}
        folders |= level
    if folders.isdisjoint(claims):  # as good as always: the clash is then found slowly
        return []
    diags = []
    for path, claimants in sorted(claims.items()):
        parts = path.split("/")
        for depth in range(1, len(parts)):
            above = "/".join(parts[:depth])
            for p in claimants if above in claims else ():
                others = ", ".join(_where(o) for o in claims[above])
                where = (p.source, p.line or 1) if p.source != GENERATED else (GENERATED, 0)
                diags.append(error(*where, f"address {p.url} needs a folder where "
                                           f"/{above} is a file, written by {others}"))
    return diags


def _where(p: Page) -> str:
    if p.source == GENERATED:
        return f"the site's {p.template}"
    return f"{p.source}:{p.line}" if p.line else p.source  # a file copied as it is
