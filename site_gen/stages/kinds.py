"""What each kind's pages show beyond their item: the values a kind's feature adds.

Every kind's item pages and list pages are planned alike (site_gen/stages/pages.py); a
kind with no feature shows its item (`article`, with `article.fields`), `lang` and
`documents` (as page.html does), and its list shows `items`. The features add what only
code can work out: the news's related articles and terms, the văn bản library's citations
and filters, an album's photos, a week's meetings and neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Mapping

from ..core.config import SiteConfig
from ..core.declared import KindSpec
from ..core.model import Article, Entry, Link, term_link
from . import schedule


@dataclass(frozen=True, slots=True)
class Media:
    """What the build read beside the content: the pictures of lead images by address,
    the photos of each album by its source (site_gen/stages/albums.py)."""

    pictures: Mapping = field(default_factory=dict)
    photos: Mapping = field(default_factory=dict)


def item_values(kind: KindSpec, item: Article, index, media: Media, links: dict) -> dict:
    """The values of an item's page besides `article`. `links`: term links by id of term."""
    lib = index.library
    if kind.feature == "news":
        return dict(lang=item.lang, related=index.related[item.source],
                    latest=index.latest_for(item),
                    category=links.get(id(index.category_of.get(item.source))),
                    tags=tuple(links[id(t)] for t in index.tags_of.get(item.source, ())),
                    documents=lib.documents_of.get(item.source, ()),
                    images=pictures_of((item,), media.pictures))
    if kind.feature == "page":
        return dict(lang=item.lang, documents=lib.documents_of.get(item.source, ()))
    if kind.feature == "document":
        return dict(lang=item.lang, cited_by=lib.cited_by.get(item.source, ()),
                    list_url=kind.list_url, list_title=kind.title)
    shown = dict(lang=item.lang, documents=lib.documents_of.get(item.source, ()))
    if kind.feature == "album":
        return dict(shown, photos=media.photos.get(item.source, ()))
    if kind.feature == "schedule":
        older, newer = schedule.neighbours(index.items[kind.name], item)
        return dict(shown, days=schedule.by_day(item.fields.get("entries", ())),
                    previous=older, next=newer, calendar_url=item.url + schedule.CALENDAR,
                    list_url=kind.list_url)
    # what article.html reads besides, so that it may serve a kind as page.html does: no
    # category, tags or related articles (the news's), the newest but this item
    return dict(shown, category=None, tags=(), related=(), latest=index.latest_for(item),
                images=pictures_of((item,), media.pictures))


def list_values(kind: KindSpec, index, media: Media, items) -> dict:
    """The values of a kind's list pages besides `items` and `pagination`; `items`: the
    items shown on that page."""
    lib = index.library
    if kind.feature == "document":
        return doc_list_values(kind, lib.filters[kind.name])
    if kind.feature == "album":
        return dict(covers=MappingProxyType({a.source: media.photos[a.source][0]
                                             for a in items if media.photos.get(a.source)}))
    if kind.feature == "schedule":
        return dict(current=_entry(schedule.this_week(index.items[kind.name], index.now)),
                    calendar_url=kind.list_url + schedule.CALENDAR)
    return {}


def doc_list_values(kind: KindSpec, filters) -> dict:
    """What a document kind's lists show besides their items: its own filters, and its
    list's address and title (the 'Tất cả' link and the heading)."""
    return dict(doc_types=filters.doc_types, issuers=filters.issuers,
                doc_years=filters.doc_years, list_url=kind.list_url, list_title=kind.title)


def list_name(kind: KindSpec) -> str:
    """The `kind` value of a kind's list pages (documents.html knows the library's)."""
    return "documents" if kind.feature == "document" else kind.name


def calendars(kind: KindSpec, index, config: SiteConfig) -> list[tuple[str, dict]]:
    """(address, values) of the .ics files of a schedule kind: each week's, and all."""
    if kind.feature != "schedule" or not index.items[kind.name]:
        return []
    weeks = index.items[kind.name]
    make = lambda chosen, name: schedule.calendar(chosen, name, config.base_url,
                                                  config.words_for, config.timezone.key)
    found = [(week.url + schedule.CALENDAR, dict(calendar=make((week,), week.title)))
             for week in weeks]
    if kind.list_url:
        found.append((kind.list_url + schedule.CALENDAR,
                      dict(calendar=make(weeks, heading(kind, config.words["schedule"])))))
    return found


def heading(kind: KindSpec, words: str) -> str:
    """A kind's `title:`, else the words that name its sort."""
    return kind.title or words


def home_values(index, config: SiteConfig, media: Media) -> dict:
    """The home page's boxes of other kinds: the newest album with its cover and the
    list it is in (none for a kind without one), this week's schedule. None when the
    site has none."""
    album = cover = albums = week = None
    for kind in config.kinds:
        items = index.items.get(kind.name, ())
        if kind.feature == "album" and items and album is None:
            album = items[0]
            cover = (media.photos.get(album.source) or (None,))[0]
            albums = (Link(heading(kind, config.words["albums"]), kind.list_url)
                      if kind.list_url else None)
        if kind.feature == "schedule" and items and week is None:
            week = _entry(schedule.current_week(items, index.now))
    return dict(home_album=None if album is None else _entry(album),
                home_album_cover=cover, home_albums=albums, this_week=week)


def pictures_of(articles, pictures: Mapping) -> MappingProxyType:
    """The pictures of these articles' images: a page sees only what it shows, so adding
    an image elsewhere does not change it."""
    return MappingProxyType({a.image: pictures[a.image] for a in articles
                             if a.image in pictures})


def term_links(index) -> dict:
    return {id(t): term_link(t) for t in (*index.categories, *index.tags)}


def _entry(item: Article | None) -> Entry | None:
    return None if item is None else Entry(item.title, item.url, item.published, lang=item.lang)


def next_due(scheduled, items, config: SiteConfig, now: datetime | None) -> datetime | None:
    """The next moment the site changes with no file changed: the first scheduled article
    comes due, or a schedule's next week begins (and becomes the home page's)."""
    if now is None:
        return scheduled[0].published if scheduled else None
    return min((m for m in moments(scheduled, items, config) if m > now), default=None)


def moments(dated, items, config: SiteConfig) -> list[datetime]:
    """Every moment at which the site may change with no file changed, as "now" passes it:
    the dates of `dated` (articles come due), and the start and end of each schedule week
    (it becomes the home page's, then stops being "this week")."""
    found = [a.published for a in dated if a.published is not None]
    found += [moment(w.published) for k in config.kinds if k.feature == "schedule"
              for w in items[k.name] for moment in (schedule.week_start, schedule.week_end)]
    return found


def items_by_kind(everything, published, library, config: SiteConfig,
                  drafts: bool) -> dict[str, tuple[Article, ...]]:
    """The items of each kind that get a page: published news, the library's pages and
    văn bản, and the other kinds' items (drafts only in previews) newest first, the
    undated last, ties by path."""
    taken = {"news": published, "page": library.pages, "document": library.documents}
    items = {}
    for kind in config.kinds:
        if kind.feature in taken:
            items[kind.name] = tuple(a for a in taken[kind.feature] if a.kind == kind.name)
            continue
        mine = (a for a in everything if a.kind == kind.name and (drafts or not a.draft))
        items[kind.name] = tuple(sorted(mine, key=newest_undated_last))
    return items


def newest_undated_last(item: Article) -> tuple:
    """The order of a kind's items: newest first, the undated last, ties by path."""
    published = item.published
    return published is None, -published.timestamp() if published else 0, item.source
