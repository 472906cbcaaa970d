"""One saved HTML page to a Capture, found by what an article is rather than by one
portal's markup: the page's metadata, a heading that carries the title, the Vietnamese
phrases around the date, the views and the lists, then the main-content extractor."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from ...core.config import SiteConfig
from ...core.text import collapse_spaces
from ..portal import Capture, ListItem, is_widget, list_item
from .body import article_html, strip_chrome, text_length
from .cues import MOMENT, Cues, after_cue, read_iso, read_moment, read_views

_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
_TITLE_CLASS = re.compile(r"title|headline|tieu-?de|tieu_de", re.I)
_OUTSIDE = re.compile(r"banner|logo|menu|(^|[\s_-])nav|footer|sidebar|widget|breadcrumb|masthead"
                      r"|dnn_header|site-(title|header|branding)|^header$", re.I)
_SEPARATORS = re.compile(r"\s+(?:[-|–—>»:]|::)\s+")
MIN_TEXT = 80  # characters: less than a short paragraph is no article
LIST_LINKS = 3  # a page with this many dated links outside its boxes may be a list of articles,
FREE_TEXT = 400  # when it has less text than this outside them


def read_html_capture(origin: str, root: str, text: str, guessed: str, config: SiteConfig,
                      cues: Cues, profile: dict):
    """(Capture, "") or (None, why the page is not imported)."""
    from bs4 import BeautifulSoup  # here, not above: every build would pay for loading it

    soup = BeautifulSoup(text, "lxml")
    meta = read_metadata(soup, config)
    old_url = meta.get("url")
    address = old_url or guessed
    boxes = {"related": [], "latest": []}
    for kind, items in take_boxes(soup, cues, address, config, profile):
        boxes[kind] += items
    strip_chrome(soup)
    title, title_tag = find_title(soup, meta, cues, profile)
    if not title:
        return None, "not an article: no title found"
    if is_error_page(title, meta.get("page_title", ""), cues):
        return None, f"not an article: an error page ({title})"
    listed = list_of_articles(soup)
    if listed:
        return None, f"not an article: a list of {listed} dated articles ({title})"
    moment = find_date(soup, title_tag, meta, cues, config, profile)
    if moment is None:
        return None, f"not an article: no date found ({title})"
    views = pick(profile, soup, "views", lambda t: read_views(t, cues.views))
    views = views if views is not None else meta.get("views")
    if views is None:
        views = read_views(page_text(soup, title_tag), cues.views)
    if title_tag is not None:
        title_tag.decompose()
    body = article_html(soup, cues, is_widget, profile.get("body"))
    length, linked = text_length(body)
    if length < MIN_TEXT or linked * 2 > length:
        return None, f"not an article: too little text of its own ({title})"
    return Capture(origin, root, title, moment.day, moment.clock, views, body,
                   tuple(boxes["related"]), tuple(boxes["latest"]), old_url, address), ""


def read_metadata(soup, config: SiteConfig) -> dict:
    """What the page says of itself: og:, article:, microdata, JSON-LD NewsArticle."""
    found = {}

    def meta(*keys):
        for key in keys:
            tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
            if tag and tag.get("content", "").strip():
                return collapse_spaces(tag["content"])
        return ""

    link = soup.find("link", rel="canonical")
    found["url"] = (link.get("href", "").strip() if link else "") or meta("og:url") or saved_from(soup)
    found["title"] = meta("og:title", "twitter:title")
    found["published"] = meta("article:published_time", "og:published_time", "pubdate",
                              "date", "DC.date.issued")
    found["page_title"] = collapse_spaces(soup.title.get_text()) if soup.title else ""
    for data in json_ld(soup):
        if str(data.get("@type", "")) in ("NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle"):
            found["title"] = found["title"] or collapse_spaces(str(data.get("headline", "")))
            found["published"] = found["published"] or str(data.get("datePublished", ""))
    stamp = soup.find(attrs={"itemprop": "datePublished"})
    if stamp is not None and not found["published"]:
        found["published"] = stamp.get("datetime") or stamp.get("content") or ""
    visits = soup.find(attrs={"itemprop": "interactionCount"})
    match = re.search(r"(\d+)", visits.get("content", "")) if visits is not None else None
    found["views"] = int(match.group(1)) if match else None
    found["moment"] = read_iso(found["published"], config.timezone) if found["published"] else None
    return found


def saved_from(soup) -> str:
    from bs4 import Comment

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        match = _SAVED_FROM.search(comment)
        if match:
            return match.group(1)
    return ""


def json_ld(soup):
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        yield from (item for item in items if isinstance(item, dict))


def pick(profile: dict, soup, key: str, read):
    """A value read from the element a profile pins for `key`, or None."""
    selector = profile.get(key)
    found = soup.select_one(selector) if selector else None
    return read(collapse_spaces(found.get_text(" "))) if found is not None else None


def outside_article(tag) -> bool:
    for node in [tag, *tag.parents]:
        if node.name in ("nav", "footer", "aside", "a", "li", "title", "script"):
            return True
        words = " ".join(node.get("class") or []) + " " + str(node.get("id") or "") if node.attrs else ""
        if _OUTSIDE.search(words):
            return True
    return False


def find_title(soup, meta: dict, cues: Cues, profile: dict):
    """(the title, the element showing it or None)."""
    if profile.get("title"):
        tag = soup.select_one(profile["title"])
        return (collapse_spaces(tag.get_text(" ")), tag) if tag is not None else ("", None)
    body = soup.body or soup
    usable = lambda tag: (not outside_article(tag) and cues.heading_kind(tag.get_text(" ")) is None
                          and 4 <= len(collapse_spaces(tag.get_text(" "))) <= 400)
    tag = next((t for t in body.find_all(attrs={"itemprop": "headline"}) if t.name != "meta" and usable(t)), None)
    for wanted in [*title_pieces(meta["title"]), *title_pieces(meta["page_title"])]:
        if tag is None and wanted:
            tag = next((t for t in body.find_all(True) if collapse_spaces(t.get_text(" ")) == wanted
                        and usable(t)), None)
    if tag is None:
        classed = lambda t: _TITLE_CLASS.search(" ".join(t.get("class") or []) + " " + str(t.get("id") or ""))
        tag = next((t for t in body.find_all(["h1", "h2", "h3", "div", "span", "td", "p"])
                    if classed(t) and usable(t)), None)
    for name in ("h1", "h2", "h3"):
        tag = tag or next((t for t in body.find_all(name) if usable(t)), None)
    if tag is not None:
        return collapse_spaces(tag.get_text(" ")), tag
    pieces = title_pieces(meta["page_title"])
    return (meta["title"] or (pieces[-1] if pieces else "")), None


def title_pieces(page_title: str) -> list[str]:
    """"Title - Site name" -> ["Title - Site name", "Title"], longest first."""
    cuts = [m.start() for m in _SEPARATORS.finditer(page_title)]
    return [page_title] + [page_title[:at] for at in reversed(cuts) if at >= 10]


def is_error_page(title: str, page_title: str, cues: Cues) -> bool:
    for text in (title, page_title):
        folded = text.casefold()
        if len(folded) <= 80 and any(re.search(rf"(^|\W){re.escape(w)}($|\W)", folded)
                                     for w in cues.not_found):
            return True
    return False


def list_of_articles(soup) -> int:
    """How many dated links make the page a list: links standing in a short block with a
    date, when the page has little text outside those blocks (an article's own text is
    not in them, a list's summaries are). 0 for a page that is not a list."""
    holders = []
    for link in (soup.body or soup).find_all("a", href=True):
        if len(collapse_spaces(link.get_text(" "))) < 15:
            continue
        for holder in [link.parent, *list(link.parents)[1:3]]:
            text = holder.get_text(" ") if holder is not None else ""
            if holder is not None and len(text) <= 600 and (holder.find("time") is not None
                                                             or MOMENT.search(text)):
                holders.append(holder)
                break
    holders = [h for h in holders if not any(p in holders for p in h.parents)]
    if len({id(h) for h in holders}) < LIST_LINKS:
        return 0
    inside = sum(len(collapse_spaces(h.get_text(" "))) for h in {id(h): h for h in holders}.values())
    links = sum(len(collapse_spaces(a.get_text(" "))) for a in (soup.body or soup).find_all("a")
                if not any(p in holders for p in a.parents))
    free = len(collapse_spaces((soup.body or soup).get_text(" "))) - inside - links
    return len({id(h) for h in holders}) if free < FREE_TEXT else 0


def page_text(soup, title_tag) -> str:
    """The page's text from the title on (a header's "Thứ Sáu, <today>" is not the date)."""
    if title_tag is None:
        return soup.get_text(" ")
    own = {id(s) for s in title_tag.find_all(string=True)}
    return " ".join(s for s in title_tag.find_all_next(string=True) if id(s) not in own)


def find_date(soup, title_tag, meta, cues: Cues, config: SiteConfig, profile: dict):
    tz, meridiem = config.timezone, config.meridiem
    pinned = pick(profile, soup, "date", lambda t: read_moment(t, tz, meridiem))
    if pinned is not None:
        return pinned
    shown = shown_date(page_text(soup, title_tag), cues, tz, meridiem)
    stamp = meta["moment"]
    if stamp is None:
        tag = (soup.body or soup).find("time", datetime=True)
        stamp = read_iso(tag["datetime"], tz) if tag is not None else None
    if stamp is None or (stamp.clock is None and shown is not None and shown.day == stamp.day):
        return shown  # the page's text may add the time to a machine date
    return stamp


def shown_date(after_title: str, cues: Cues, tz, meridiem):
    """The date after "Đăng ngày" or its like, else the first date shortly after the title
    ("Thứ Sáu, 22/11/2024 - 08:00", a bare "22/11/2024 8:00:00 SA")."""
    return (after_cue(after_title, cues.posted, tz, meridiem)
            or read_moment(after_title[:400], tz, meridiem))


def take_boxes(soup, cues: Cues, base: str, config: SiteConfig, profile: dict):
    """(kind, items) of each "Tin liên quan" / "Tin mới nhất" box; each box is taken out."""
    if profile.get("related"):
        for box in soup.select(profile["related"]):
            yield "related", [i for i in (item_of(a, base, config) for a in box.find_all("a", href=True)) if i]
            box.decompose()
    for node in list((soup.body or soup).find_all(string=True)):
        parent = getattr(node, "parent", None)  # a string of a box taken out has none
        if parent is None or parent.decomposed or parent.name in ("title", "script", "a", "option"):
            continue
        kind = cues.heading_kind(str(node))
        if kind is None:
            continue
        parts, links = box_of(parent, cues)
        yield kind, [i for i in (item_of(a, base, config) for a in links) if i]
        for part in [parent, *parts]:
            if not part.decomposed:
                part.decompose()


def box_of(heading, cues: Cues):
    """The elements after a box's heading that hold its links, climbing from a <span> in a
    <div class="title"> to the level where the list is."""
    node = heading
    for _ in range(4):
        parts, links = [], []
        for sibling in node.find_next_siblings():
            if sibling.name in ("h1", "h2", "h3", "h4") or cues.heading_kind(sibling.get_text(" ")):
                break
            found = [sibling] if sibling.name == "a" else sibling.find_all("a", href=True)
            if found and not is_list(sibling, found):
                break
            if found:
                parts.append(sibling)
                links += found
        if links:
            return parts, links
        if node.parent is None or node.parent.name in ("body", "html"):
            break
        node = node.parent
    return [], []


def is_list(tag, links) -> bool:
    """Mostly link text (titles, perhaps dates): a box's list, not an article's text."""
    linked = sum(len(collapse_spaces(a.get_text(" "))) for a in links)
    return linked * 4 >= len(collapse_spaces(tag.get_text(" ")))


def item_of(link, base: str, config: SiteConfig) -> ListItem | None:
    holder = link.find_parent(["li", "tr", "p"]) or link.parent
    full = link.get("title", "")
    alone = holder is not None and len(holder.find_all("a")) == 1
    text = holder.get_text("") if alone else link.get_text("") + str(link.next_sibling or "")
    return list_item(text, config, urljoin(base or "", link.get("href", "")),
                     full if len(collapse_spaces(full)) > 10 else "")
