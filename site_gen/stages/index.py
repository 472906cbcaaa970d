"""Index stage: order the articles and work out everything pages share.

Pure: takes the loaded articles and the config, returns values. "Tin liên quan" and
"Tin mới nhất" are computed here, once, with indexes rather than by comparing pairs.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from operator import attrgetter
from types import MappingProxyType
from typing import Iterable, Mapping

from ..core.config import SiteConfig
from ..core.diagnostics import Diagnostic, error, warning
from . import schedule
from .fields import resolve_links
from .kinds import items_by_kind, next_due
from .library import Library, build_library, loose_number
from ..core.model import UNREAD, Article, Entry, RelatedRef, Term, Unread, unread_names
from ..core.text import MAX_NAME, make_slug, normalize


@dataclass(frozen=True, slots=True)
class SiteIndex:
    articles: tuple[Article, ...]  # published only, newest first, ties by path
    scheduled: tuple[Article, ...]  # dated after the build's "now", soonest first
    featured: tuple[Article, ...]  # "Tin nổi bật": featured articles, newest first
    most_viewed: tuple[Entry, ...]  # "Tin xem nhiều": most views, newest first among equals
    related: Mapping[str, tuple[Entry, ...]]  # by article source
    newest: tuple[Entry, ...]  # latest_count + 1 newest; each page leaves itself out
    latest: tuple[Entry, ...]  # "Tin mới nhất" of every page but the newest articles' own
    categories: tuple[Term, ...]  # by slug
    tags: tuple[Term, ...]  # by slug
    years: tuple[Term, ...]  # newest first
    months: tuple[Term, ...]  # newest first
    category_of: Mapping[str, Term]  # by article source
    tags_of: Mapping[str, tuple[Term, ...]]  # by article source
    library: Library  # standalone pages and the văn bản library
    # Every kind's items with a page, by kind name (settings `kinds:`): the news as
    # `articles`, pages and văn bản as in `library`, other kinds newest first.
    items: Mapping[str, tuple[Article, ...]]
    feed: tuple[Article, ...] = ()  # of the kinds in feeds, newest first
    searched: tuple[Article, ...] = ()  # of the kinds in search, kind after kind
    now: datetime | None = None  # the build's "now": which week of a schedule is this one
    # the next moment the site changes with no file changed: an article comes due, a
    # schedule's next week begins (a build with nothing else to do then rebuilds)
    next_due: datetime | None = None
    # read but not published: drafts (but with --drafts), news dated after "now"
    withheld: tuple[Article, ...] = ()

    def latest_for(self, article: Article) -> tuple[Entry, ...]:
        """The newest articles but this one; most pages share one tuple, so its box is made
        once (stages/render.py, Renderer.box)."""
        if all(e.url != article.url for e in self.latest):
            return self.latest
        return tuple(e for e in self.newest if e.url != article.url)[: len(self.latest)]


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Newest first, then by path: two stable sorts by attribute, not a key tuple made with
    a timestamp for each article (a fifth of the index phase)."""
    ordered = sorted(articles, key=attrgetter("source"))
    ordered.sort(key=attrgetter("published"), reverse=True)  # stable: ties keep the path order
    return ordered


def entry_of(article: Article) -> Entry:
    return Entry(article.title, article.url, article.published, lang=article.lang)


def build_index(articles: Iterable[Article], config: SiteConfig,
                now: datetime | None = None, drafts: bool = False,
                extra_views: Mapping[str, int] | None = None, unread: tuple[Unread, ...] = ()):
    """Return (SiteIndex, diagnostics) for all loaded articles, drafts included.

    An article is published when it is not a draft (unless `drafts`, for previews) and
    its date is not after `now` (None: no article is held back). `extra_views` adds the
    counts read from the web server's logs, by address. `unread`: the files that could not
    be read (each with its own problem), which others may name and which name others."""
    diags: list[Diagnostic] = []
    feature = {k.name: k.feature for k in config.kinds}
    is_due = (lambda a: True) if now is None else (lambda a: a.published <= now)
    everything = link_files(add_views(tuple(articles), extra_views or {}), config.root, diags,
                            unread, lambda a: feature.get(a.kind) == "news" and not is_due(a))
    shown = {a.source for a in everything if (drafts or not a.draft) and (
        feature.get(a.kind) != "news" or is_due(a))}
    everything = resolve_links(everything, config.fields, feature, shown,
                               reference_table(everything), unread, diags, redigest)
    news = [a for a in everything if feature.get(a.kind) == "news"]
    published = tuple(newest_first(a for a in news if is_due(a) and (drafts or not a.draft)))
    scheduled = tuple(sorted((a for a in news if not is_due(a) and not a.draft),
                             key=lambda a: (a.published, a.source)))
    library = build_library(everything, published, config, drafts, group_terms, newest_first,
                            diags, unread)
    items = items_by_kind(everything, published, library, config, drafts)
    for kind in (k for k in config.kinds if k.feature == "schedule"):
        diags += schedule.shared_weeks(items[kind.name])
    stream = lambda flag: tuple(newest_first(
        a for k in config.kinds if getattr(k, flag) for a in items[k.name] if a.published))
    categories = group_terms(published, lambda a: (a.category,) if a.category else (),
                             config.urls["category_url"], "category", diags)
    tags = group_terms(published, lambda a: a.tags, config.urls["tag_url"], "tags", diags)
    category_of = {a.source: t for t in categories for a in t.articles}
    tags_of: dict[str, list[Term]] = defaultdict(list)
    for term in tags:
        for article in term.articles:
            tags_of[article.source].append(term)
    pools = {a.source: [t for t in [category_of.get(a.source)] if t] + tags_of.get(a.source, [])
             for a in published}
    live = [a for kind_items in items.values() for a in kind_items]
    latest = stream("latest")
    entries = {a.source: entry_of(a) for a in (*published, *latest)}  # one each: pages share them
    related = resolve_related(everything, published, live, pools, entries,
                              config.related_count, diags, unread)
    years, months = group_archives(stream("archives"), config)
    index = SiteIndex(
        articles=published,
        scheduled=scheduled,
        featured=tuple(a for a in published if a.featured)[: config.featured_count],
        most_viewed=tuple(entries[a.source] for a in heapq.nsmallest(
            config.most_viewed_count, (a for a in published if a.views > 0),
            key=lambda a: -a.views)),
        related=MappingProxyType(related),
        newest=tuple(entries[a.source] for a in latest[: config.latest_count + 1]),
        latest=tuple(entries[a.source] for a in latest[: config.latest_count]),
        categories=categories,
        tags=tags,
        years=years,
        months=months,
        category_of=MappingProxyType(category_of),
        tags_of=MappingProxyType({k: tuple(v) for k, v in tags_of.items()}),
        library=library,
        items=MappingProxyType(items),
        feed=stream("feeds"),
        searched=tuple(a for k in config.kinds if k.search for a in items[k.name]),
        now=now,
        next_due=next_due(scheduled, items, config, now),
        withheld=tuple(a for a in everything if a.source not in shown),
    )
    return index, diags


def add_views(articles: tuple[Article, ...], extra: Mapping[str, int]) -> tuple[Article, ...]:
    """Each article's counted reads: at its address, and at its old ones (`aliases`): the
    counts of an address changed since they were made are the article's still."""
    def counted(a: Article) -> int:
        return extra.get(a.url, 0) + sum(extra.get(alias.url, 0) for alias in a.aliases
                                         if alias.url != a.url)
    return tuple(replace(a, views=a.views + n, digest=redigest(a, n))
                 if (n := counted(a)) else a for a in articles)


def redigest(article: Article, *changes) -> str:
    """The digest of a record a stage changed: what was read, and what changed it."""
    return hashlib.sha1(repr((article.digest, changes)).encode()).hexdigest()


def group_terms(articles, names_of, pattern: str, key: str, diags) -> tuple[Term, ...]:
    """Group articles by the slug of a name; the most used spelling names the group."""
    members: dict[str, list[Article]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    slugs: dict[str, str] = {}  # slugify is slow; an archive repeats few names many times
    for article in articles:
        for name in names_of(article):
            slug = slugs.get(name)
            if slug is None:
                slug = slugs[name] = make_slug(name)
            if not slug:
                diags.append(error(article.path, article.line(key),
                                   f"{key} {name!r} has no letters or digits to use"))
                continue
            if len(slug) > MAX_NAME:
                diags.append(error(article.path, article.line(key),
                                   f"{key} {name[:40]!r}... gives an address part of "
                                   f"{len(slug)} characters; at most {MAX_NAME} can be "
                                   "written to a disk"))
                continue
            members[slug].append(article)
            spellings[slug][name] += 1
    terms = []
    for slug in sorted(members):
        name = min(spellings[slug].items(), key=lambda item: (-item[1], item[0]))[0]
        terms.append(Term(name, slug, pattern.format(slug=slug), tuple(members[slug])))
    return tuple(terms)


def group_archives(articles, config: SiteConfig):
    years: dict[int, list[Article]] = defaultdict(list)
    months: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for article in articles:
        moment = article.published
        years[moment.year].append(article)
        months[moment.year, moment.month].append(article)
    year_terms = tuple(
        Term(str(y), str(y), config.urls["year_url"].format(year=y), tuple(years[y]))
        for y in sorted(years, reverse=True))
    month_terms = tuple(
        Term(f"{m:02d}/{y}", f"{y}-{m:02d}",
             config.urls["month_url"].format(year=y, month=f"{m:02d}"), tuple(months[y, m]))
        for y, m in sorted(months, reverse=True))
    return year_terms, month_terms


def resolve_related(everything, published, live, pools, entries, count: int, diags,
                    unread: tuple[Unread, ...] = ()) -> dict:
    """Each article's "Tin liên quan": its own entries in order, then the newest
    articles sharing its category or a tag, up to `count`; never itself, never twice.
    `live` is everything with a page of its own: an entry may name a page or a văn bản."""
    lookup = reference_table(everything)
    position = {a.source: i for i, a in enumerate(published)}
    shown = {a.source for a in live}
    names = unread_names(unread)

    def resolve(article, ref, found):
        return resolve_ref(article, ref, lookup, shown, found, entries, names)

    related = {}
    for article in published:
        chosen, seen = [], {article.url}
        for ref in article.related:
            entry = resolve(article, ref, diags)
            if entry is not None and entry.url not in seen:
                seen.add(entry.url)
                chosen.append(entry)
        streams = [t.articles for t in pools[article.source]]
        for other in heapq.merge(*streams, key=lambda a: position[a.source]):
            if len(chosen) >= count:
                break
            if other.url not in seen:
                seen.add(other.url)
                chosen.append(entries[other.source])
        related[article.source] = tuple(chosen)
    # An unpublished article's broken references warn now, to be ready when published; a
    # file that could not be read has them told with its own problem, not in another run.
    for article in (*(a for a in everything if a.source not in shown), *unread):
        found: list[Diagnostic] = []
        for ref in article.related:
            resolve(article, ref, found)
        warn = article.draft or not isinstance(article, Unread)
        diags += [warning(d.path, d.line, d.message) for d in found] if warn else found
    return related


def reference_table(articles) -> dict[str, list[Article]]:
    """Every name an article can be referred to by: path (with or without .md),
    slug, and address."""
    table: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        keys = {article.source, article.source.removesuffix(".md"), article.slug,
                article.url.strip("/")}
        for key in keys:
            table[key].append(article)
        if article.document is not None:  # a văn bản by its number (declared fields)
            table["number", loose_number(article.document.number)].append(article)
    return table


def resolve_ref(article: Article | Unread, ref: RelatedRef, lookup, published, diags,
                entries: Mapping[str, Entry], unread: Mapping[str, str]) -> Entry | None:
    if ref.target is None:
        return Entry(ref.title, ref.url, None, external=True)
    key = normalize(ref.target).strip().removeprefix("./").strip("/")
    matches = lookup.get(key, [])
    if not matches:
        broken = unread.get(key)
        diags.append(error(article.path, ref.line, f"related entry {ref.target!r} names "
                           + (f"{broken}, which {UNREAD}" if broken else
                              "no article (use its path in the content folder, or its slug)")))
        return None
    if len(matches) > 1:
        paths = ", ".join(sorted(m.source for m in matches))
        diags.append(error(article.path, ref.line,
                           f"related entry {ref.target!r} is ambiguous ({paths}); use the path"))
        return None
    target = matches[0]
    if target.source not in published:
        diags.append(warning(article.path, ref.line,
                             f"related entry {ref.target!r} is not published yet and is left out"))
        return None
    return entries.get(target.source) or entry_of(target)


def link_files(articles: tuple[Article, ...], root: str, diags,
               unread: tuple[Unread, ...] = (), waiting=lambda a: False) -> tuple[Article, ...]:
    """New records whose body links to `.md` files point at those articles' addresses.
    The links of files that could not be read are checked too, in the same run.
    `waiting(article)`: whether it is scheduled for later (a link to it is told)."""
    by_source = {a.source: a for a in articles}
    names = unread_names(unread)
    for record in unread:
        for link in record.links:
            link_target(record, link, by_source, names, diags, waiting)
    linked = []
    for article in articles:
        hrefs = []
        for link in article.links:
            target = link_target(article, link, by_source, names, diags, waiting)
            if target is None:
                continue
            url = root[:-1] + target.url + (f"#{link.fragment}" if link.fragment else "")
            hrefs.append((link.href, url))
        linked.append(replace(article, hrefs=tuple(hrefs), digest=redigest(article, hrefs))
                      if hrefs else article)
    return tuple(linked)


def comes_after(article: Article | Unread, target: Article) -> bool:
    """Whether `article` comes out no earlier than `target` (then its link never fails)."""
    published = getattr(article, "published", None)  # an unread file has none
    return published is not None and published >= target.published


def link_target(article: Article | Unread, link, by_source: Mapping[str, Article], unread,
                diags, waiting=lambda a: False) -> Article | None:
    """The article a body's link to a `.md` file names; None (told) if there is none."""
    target = next((by_source[c] for c in link.candidates if c in by_source), None)
    if target is None:
        broken = next((unread[c] for c in link.candidates if c in unread), None)
        report = warning if article.draft else error
        diags.append(report(article.path, link.line, f"link to {link.href!r}: " + (
            f"{broken} {UNREAD}" if broken else "no such article in the content folder")))
    elif target.draft:
        diags.append(warning(article.path, link.line,
                             f"link to {link.href!r}: that article is a draft"))
    elif waiting(target) and not article.draft and not comes_after(article, target):
        diags.append(warning(article.path, link.line, f"link to {link.href!r}: that article is "
                             f"scheduled for {target.published:%d/%m/%Y %H:%M}; until then the "
                             "link leads to the page not found"))
    return target
