"""One saved HTML page to a Capture, found by what an article is rather than by one
portal's markup: the page's metadata, a heading that carries the title, the Vietnamese
phrases around the date, the views and the lists, then the main-content extractor."""

from __future__ import annotations

import json
import re
import warnings
from urllib.parse import urljoin, urlsplit

from ...core.config import SiteConfig
from ...core.text import collapse_spaces
from ..portal import Capture, is_widget
from .body import (EYE, EYE_COUNT, LAZY_SOURCES, article_html, drop_bare_by_lines, is_bare_date,
                   is_byline, lead_after, lead_picture, mark_layout_tables, near_title, shows_media,
                   strip_chrome, text_length)
from .cues import DATED_LINE, MOMENT, Cues, after_cue, read_iso, read_moment, read_views
from .labels import breadcrumb, category_link, category_of, tags_of, take_author, take_tags
from .lists import list_of_articles, take_boxes, timed_items

_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
_TITLE_CLASS = re.compile(r"title|headline|tieu-?de|tieu_de|contentheading|ten-?bai|ten_bai|ten-?tin",
                          re.I)  # contentheading: Joomla 1.5; ten-bai: "tên bài"
_OUTSIDE = re.compile(r"banner|logo|menu|(^|[\s_-])nav|footer|sidebar|widget|breadcrumb|masthead"
                      r"|dnn_header|site-(title|header|branding)|^header$", re.I)
_SEPARATORS = re.compile(r"\s+(?:[-|–—>»:]|::)\s+")
# a `<time>` of the article's last edit, not of its publishing: `updated` alone (a theme
# that was never edited marks its one time `published updated`), `dateModified`
_EDITED = re.compile(r"^(?!.*published).*(updated|modified)", re.I)
HOME_PATHS = ("", "/index.html", "/index.htm", "/index.php", "/default.aspx", "/trang-chu")
# The <meta> properties and names that state when an article was published: Open Graph,
# Dublin Core, and those of news CMSs
PUBLISHED_KEYS = ("article:published_time", "og:published_time", "article:published", "pubdate",
                  "publishdate", "publish-date", "publish_date", "date", "dc.date.issued", "dc.date",
                  "dc.date.created", "dcterms.issued", "dcterms.created", "dcterms.date",
                  "parsely-pub-date", "sailthru.date")
ARTICLE_TYPES = {"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle"}


def read_html_capture(origin: str, root: str, text: str, guessed: str, config: SiteConfig,
                      cues: Cues, profile: dict):
    """(Capture, "", ()) or (None, why the page is not imported, the items of its lists
    that show their time: a list page's are what dates articles to the minute)."""
    from bs4 import BeautifulSoup  # here, not above: every build would pay for loading it

    with warnings.catch_warnings():  # an XML file saved as .html is still only a page
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(text, "lxml")
    drop_broken_addresses(soup)
    meta = read_metadata(soup, config)
    old_url = meta["url"] if not is_home(meta["url"]) else None  # a careless CMS names "/"
    address = old_url or guessed
    resolve_base(soup, address)
    boxes = {"related": [], "latest": []}
    for kind, items in take_boxes(soup, cues, address, config, profile):
        boxes[kind] += items
    crumbs = breadcrumb(soup, cues) or [c for c in meta.get("crumbs", ())
                                         if c.casefold().rstrip(":") not in cues.home]
    tag_found = take_tags(soup, cues)
    linked_category = category_link(soup)  # read before the chrome, which may hold it
    pinned = pinned_labels(soup, profile)  # read before the chrome, where they often stand
    strip_chrome(soup, cues, config.embed_hosts)
    title, title_tag = find_title(soup, meta, cues, profile)
    if not title:
        return None, "not an article: no title found", ()
    if is_error_page(title, meta.get("page_title", ""), cues):
        return None, f"not an article: an error page ({title})", ()
    timed = lambda: (*(i for items in boxes.values() for i in items if i.timed),
                     *timed_items(soup, address, config))
    if is_home(address):
        return None, f"not an article: the home page ({title})", timed()
    listed = list_of_articles(soup, title_tag, meta["moment"] is not None)
    if listed:
        return None, f"not an article: a list of {listed} dated articles ({title})", timed()
    moment = find_date(soup, title_tag, meta, cues, config, profile)
    if moment is None:
        return None, f"not an article: no date found ({title})", ()
    views = pick(profile, soup, "views", lambda t: read_views(t, cues.views))
    views = views if views is not None else meta.get("views")
    if views is None:
        views = views_by_icon(title_tag)
    if views is None:
        views = read_views(page_text(soup, title_tag), cues.views)
    if views is None:
        views = read_views(text_above(title_tag), cues.views)
    lead = lead_after(title_tag)
    author = pinned.get("author") or take_author(soup, cues) or meta.get("author", "")
    picture = lead_picture(title_tag)
    tags = pinned.get("tags") or tags_of(tag_found, title_tag, meta["tags"])
    drop_bare_by_lines(title_tag, cues)
    mark_layout_tables(title_tag)
    if title_tag is not None:
        title_tag.decompose()
    body = article_html(soup, cues, is_widget, profile.get("body"), lead, picture,
                        config.embed_hosts)
    length, linked = text_length(body)
    # a dated page with a title whose text is mostly links (a search's results), or has no
    # text, picture nor file at all, is no article; one sentence or a PDF alone is one
    if not shows_media(body) and (length == 0 or linked * 2 > length):
        return None, f"not an article: too little text of its own ({title})", ()
    return Capture(origin, root, title, moment.day, moment.clock, views, body,
                   tuple(boxes["related"]), tuple(boxes["latest"]), old_url, address,
                   pinned.get("category") or category_of(crumbs, title, meta["section"])
                   or linked_category,
                   tuple(tags), author), "", ()


def drop_broken_addresses(soup) -> None:
    """Take away, in place, addresses no URL parser reads ("http://[link]", a template's
    placeholder pasted into the text): the page was skipped whole for one such link. The
    link's words stay, as text."""
    for tag in soup.find_all(True):
        names = ("content",) if tag.name == "meta" and str(tag.get("property", "")).endswith(":url") \
            else ("href", "src", "data", *LAZY_SOURCES)
        for name in names:
            value = tag.get(name)
            if isinstance(value, str):
                try:
                    urlsplit(value.strip()).port  # the port is read only when asked for
                except ValueError:
                    del tag[name]


def resolve_base(soup, address: str) -> None:
    """Make whole, in place, the relative addresses of a page that names its `<base href>`
    (many PHP and ASP.NET CMSs name the site's root, and `wget --mirror` keeps it): a browser
    reads `Uploads/anh.jpg` there from the base, not from the folder the page is in."""
    base = soup.find("base", href=True)
    if base is None or not base["href"].strip():
        return
    root = urljoin(address, base["href"].strip())
    for tag in soup.find_all(["a", "img", "iframe", "embed", "object", "source", "area"]):
        for attr in ("src", "href", "data", *LAZY_SOURCES):
            value = tag.get(attr)
            if isinstance(value, str) and value.strip() and not value.strip().startswith("#"):
                tag[attr] = urljoin(root, value.strip())


def views_by_icon(title_tag) -> int | None:
    """The count beside an eye near the title ("👁 52", or an eye icon: strip_chrome made it
    the character), taken out of the page so that it is not left at the top of the text."""
    for node in near_title(title_tag):
        if isinstance(node, str) and EYE in node:
            match = EYE_COUNT.fullmatch(collapse_spaces(node.parent.get_text(" ")))
            if match:
                node.parent.decompose()
                return int(re.sub(r"\D", "", match.group(1)))
    return None


def is_home(url: str) -> bool:
    """The site's home page: "/", "/index.php", "/Default.aspx"; with a query
    ("index.php?option=com_content&id=5", "Default.aspx?ItemID=12") it is an article's."""
    parts = urlsplit(url)
    return bool(url) and not parts.query and parts.path.lower().rstrip("/") in HOME_PATHS


def read_metadata(soup, config: SiteConfig) -> dict:
    """What the page says of itself: og:, article:, microdata, JSON-LD NewsArticle."""
    found = {}

    named = {}  # each <meta>'s content by its property or name, as written in any case
    for tag in soup.find_all("meta", content=True):
        for key in (tag.get("property"), tag.get("name")):
            if isinstance(key, str) and tag["content"].strip():
                named.setdefault(key.strip().casefold(), collapse_spaces(tag["content"]))

    def meta(*keys):
        return next((named[key.casefold()] for key in keys if key.casefold() in named), "")

    link = soup.find("link", rel="canonical")
    printed = soup.select_one(".print-source_url a[href]")  # Drupal's print view: the article's
    found["url"] = (link.get("href", "").strip() if link else "") or meta("og:url") or \
        (printed["href"].strip() if printed else "") or saved_from(soup)
    found["title"] = meta("og:title", "twitter:title")
    found["site_name"] = meta("og:site_name", "application-name")
    found["published"] = meta(*PUBLISHED_KEYS)
    found["section"] = meta("article:section")
    found["tags"] = [collapse_spaces(t.get("content", "")) for t in soup.find_all(
        "meta", attrs={"property": "article:tag"})]
    found["page_title"] = collapse_spaces(soup.title.get_text()) if soup.title else ""
    for data in json_ld(soup):
        read_json_ld(data, found)
    for prop in ("datePublished", "dateCreated"):
        stamps = soup.find_all(attrs={"itemprop": prop})
        if len(stamps) == 1 and not found["published"]:  # a blog list has one per item
            found["published"] = stamps[0].get("datetime") or stamps[0].get("content") or ""
    visits = soup.find(attrs={"itemprop": "interactionCount"})
    match = re.search(r"(\d+)", visits.get("content", "")) if visits is not None else None
    found["views"] = int(match.group(1)) if match else None
    published = found["published"]  # a machine date, or a day-first one ("22/11/2024 09:12")
    found["moment"] = None if not published else read_iso(published, config.timezone) \
        if re.match(r"\s*\d{4}-", published) else read_moment(published, config.timezone, config.meridiem)
    return found


def read_json_ld(data: dict, found: dict) -> None:
    """Fill in what a JSON-LD NewsArticle (its @type one name or a list) adds to `found`,
    and the pieces of a BreadcrumbList (a page may show its way in no other form)."""
    kinds = data.get("@type", "")
    kinds = {str(k) for k in (kinds if isinstance(kinds, list) else [kinds])}
    if "BreadcrumbList" in kinds:
        found["crumbs"] = found.get("crumbs") or json_ld_crumbs(data.get("itemListElement"))
    if not kinds & ARTICLE_TYPES:
        return
    section = data.get("articleSection")
    found["title"] = found["title"] or collapse_spaces(str(data.get("headline", "")))
    found["published"] = found["published"] or str(data.get("datePublished", ""))
    found["section"] = found["section"] or (collapse_spaces(section) if isinstance(section, str) else "")
    found["author"] = found.get("author") or json_ld_author(data.get("author"))


def json_ld_crumbs(items) -> list[str]:
    """The names of a BreadcrumbList's items, by their position."""
    items = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    named = []
    for item in items:
        inner = item.get("item")
        name = item.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
        position = item.get("position")
        if isinstance(name, str) and name.strip():
            named.append((position if isinstance(position, int) else len(named) + 1,
                          collapse_spaces(name)))
    return [name for _, name in sorted(named, key=lambda pair: pair[0])]


def json_ld_author(author) -> str:
    """The writer a NewsArticle names: a Person, a name, the first of a list; an
    Organization is the site itself, not a writer."""
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, str):
        return collapse_spaces(author)
    if isinstance(author, dict) and author.get("@type", "Person") == "Person" and isinstance(author.get("name"), str):
        return collapse_spaces(author["name"])
    return ""


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


def pinned_labels(soup, profile: dict) -> dict:
    """The category, tags and author read from the elements a profile pins, by key: the
    first element's text, or for tags every element's."""
    found = {}
    for key in ("category", "tags", "author"):
        texts = [collapse_spaces(tag.get_text(" ")) for tag in soup.select(profile[key])] \
            if profile.get(key) else []
        texts = list(dict.fromkeys(t for t in texts if t))
        if texts:
            found[key] = texts if key == "tags" else texts[0]
    return found


def outside_article(tag) -> bool:
    for node in [tag, *tag.parents]:
        if node.name in ("nav", "footer", "aside", "a", "li", "title", "script"):
            return True
        words = (" ".join(node.get("class") or []) + " " + str(node.get("id") or "")).strip() if node.attrs else ""
        if _OUTSIDE.search(words):
            return True
    return False


def find_title(soup, meta: dict, cues: Cues, profile: dict):
    """(the title, the element showing it or None)."""
    if profile.get("title"):
        tag = soup.select_one(profile["title"])
        return (collapse_spaces(tag.get_text(" ")), tag) if tag is not None else ("", None)
    body = soup.body or soup
    site = meta["site_name"].casefold()
    usable = lambda tag: (not outside_article(tag) and cues.heading_kind(tag.get_text(" ")) is None
                          and 4 <= len(collapse_spaces(tag.get_text(" "))) <= 400
                          and collapse_spaces(tag.get_text(" ")).casefold() != site)
    tag = next((t for t in body.find_all(attrs={"itemprop": "headline"}) if t.name != "meta" and usable(t)), None)
    tag = tag or shown_piece(body, [meta["title"]], usable) or shown_piece(body, [
        *title_pieces(meta["title"]), *title_pieces(meta["page_title"]), *title_tails(meta["page_title"])], usable)
    if tag is None:
        classed = lambda t: _TITLE_CLASS.search(" ".join(t.get("class") or []) + " " + str(t.get("id") or ""))
        titled = [t for t in body.find_all(["h1", "h2", "h3", "div", "span", "td", "p"]) if classed(t) and usable(t)]
        # a box's name ("td.boxtitle": DANH MỤC) may come first; the title has the date below
        near = [(gap, n) for n, gap in enumerate(map(date_gap, titled)) if gap is not None]
        tag = titled[min(near)[1]] if near else titled[0] if titled else None
    tag = tag or heading_before_date(body, cues, usable)
    for name in ("h1", "h2", "h3"):
        tag = tag or next((t for t in body.find_all(name) if usable(t)), None)
    tag = tag or bold_before_date(body, usable)
    tag = dated_heading(tag, body, cues, usable)
    if tag is not None:
        move_date_after(tag, cues)
        return collapse_spaces(tag.get_text(" ")), tag
    pieces = title_pieces(meta["page_title"])  # "Site name - Title": the piece that is not the site's
    if site and any(p.casefold() == site for p in pieces):
        pieces = [p for p in pieces + title_tails(meta["page_title"])[:1] if p.casefold() != site]
        named = pieces[-1] if pieces else ""
    else:  # "Title - Site name": the site's name is the last piece, the title may hold " - "
        named = pieces[1] if len(pieces) > 1 else pieces[0] if pieces else ""
    # og:title as many CMSs write it: the <title> over again, or with the site's name after
    og = without_site(meta["title"], site)
    return (og if og and og != meta["page_title"] else named), None


def without_site(title: str, site: str) -> str:
    """"Title - Site name" -> "Title", when the site's name is known."""
    for match in _SEPARATORS.finditer(title):
        if site and title[match.end():].casefold() == site:
            return title[:match.start()]
    return title


def move_date_after(title_tag, cues: Cues) -> None:
    """Move, in place, a date shown inside the title's element (`<td class="title">Tiêu đề<br>
    <span>22/11/2024 09:12</span></td>`, `<h1>Tiêu đề <small>(22/11/2024)</small></h1>`) to just
    after it: it is the article's date, not words of its title. An element of words and a
    date ("<b>ngày 22/11/2024</b>") stays: the title says it."""
    for inner in title_tag.find_all(True):
        text = collapse_spaces(inner.get_text(" "))
        bare = text.strip("()[] ").casefold()
        rest = collapse_spaces(title_tag.get_text(" ")).replace(text, "", 1)
        dated = DATED_LINE.fullmatch(bare) is not None or (
            bare.startswith(cues.posted) and MOMENT.search(bare) is not None)
        if dated and len(collapse_spaces(rest)) >= 4:
            inner.string = text.strip("()[] ")  # a by-line, to go with the others once read
            title_tag.insert_after(inner.extract())
            return


def date_gap(tag, within: int = 120) -> int | None:
    """How many characters of text stand between `tag` and the date after it, if it comes
    within `within` of them."""
    own, seen = {id(s) for s in tag.find_all(string=True)}, ""
    for node in tag.find_all_next(string=True):
        if id(node) not in own and node.parent is not None and node.parent.name not in ("script", "style"):
            seen += " " + collapse_spaces(node)
            found = MOMENT.search(seen)
            if found:
                return found.start()
            if len(seen) > within:
                return None
    return None


def heading_before_date(body, cues: Cues, usable):
    """The heading nearest above the first "Đăng ngày …": an article's title stands there."""
    for node in body.find_all(string=True):
        folded = collapse_spaces(node).casefold()
        if folded.startswith(cues.posted) or any(f" {w}" in folded for w in cues.posted):
            return next((t for t in node.find_all_previous(["h1", "h2", "h3", "h4", "b", "strong"])
                         if usable(t)), None)
    return None


def shown_piece(body, pieces: list[str], usable):
    """The element showing one of `pieces` of the page's title: the one the date follows
    closest (the site's name may be shown too), else the first piece's."""
    found = []
    for piece in dict.fromkeys(p for p in pieces if p):
        tag = next((t for t in body.find_all(True) if collapse_spaces(t.get_text(" ")) == piece
                    and usable(t)), None)
        found += [tag] if tag is not None else []
    near = [(gap, n) for n, gap in enumerate(map(date_gap, found)) if gap is not None]
    return found[min(near)[1]] if near else found[0] if found else None


def bold_before_date(body, usable):
    """The bold line or <h4> just above the first line that is a date and nothing else
    ("22/11/2024 09:12"), outside the page's header: an old page's title, its <title>
    saying only "Chi tiết tin"."""
    for node in body.find_all(string=True):
        if is_bare_date(collapse_spaces(node).casefold()) and not outside_article(node.parent):
            found = next((t for t in node.find_all_previous(["h4", "h5", "b", "strong"])), None)
            return found if found is not None and usable(found) and date_gap(found) is not None \
                and not menu_between(found, node) else None
    return None


def dated_heading(tag, body, cues: Cues, usable):
    """`tag`, or the heading just after it that a by-line follows ("Thứ Hai, 04/03/2024 -
    15:30") when `tag` has none: an <h1> of the site's name ("UBND XÃ PHƯỚC DINH"), which
    a <title> of the site's name alone may name too, stands in the banner above the
    article's <h2>. A heading after some text of the page (a lead, a paragraph) is the
    text's own, one holding a link a list's item."""
    if tag is None or by_line_after(tag, cues):
        return tag
    own, seen = {id(s) for s in tag.find_all(string=True)}, 0
    for node in tag.find_all_next(True):
        if node.name in ("h1", "h2", "h3") and usable(node) and node.find("a") is None \
                and by_line_after(node, cues):
            return node
        if node.name in ("p", "div", "td", "li", "span") and node.find(True) is None \
                and not any(id(s) in own for s in node.find_all(string=True)) and node.find_parent("a") is None:
            seen += len(collapse_spaces(node.get_text(" ")))
            if seen > TEXT_BEFORE_TITLE:
                return tag
    return tag


TEXT_BEFORE_TITLE = 200  # characters: a banner's name and motto, not a paragraph of the text


def by_line_after(tag, cues: Cues) -> bool:
    """Whether the text just after `tag` is a by-line (a date, "Đăng ngày …", a count)."""
    own = {id(s) for s in tag.find_all(string=True)}
    following = next((s for s in tag.find_all_next(string=True) if id(s) not in own and s.strip()
                      and s.parent is not None and s.parent.name not in ("script", "style")), None)
    return following is not None and is_byline(following, cues)


def menu_between(tag, node) -> bool:
    """Whether a menu (two links or more) stands between `tag` and `node`, the date below
    it: as between the site's name in bold in the banner and the date, never between a
    title and its date (a by-line's one link to the category may)."""
    links = 0
    for link in tag.find_all_next("a"):
        if not any(n is node for n in link.find_all_next(string=True)):
            break
        links += 1
        if links == 2:
            return True
    return False


def title_tails(page_title: str) -> list[str]:
    """"Site name - Title" -> ["Title"]: what follows each separator, longest first."""
    return [page_title[m.end():] for m in _SEPARATORS.finditer(page_title) if len(page_title) - m.end() >= 10]


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


def page_text(soup, title_tag) -> str:
    """The page's text from the title on (a header's "Thứ Sáu, <today>" is not the date)."""
    if title_tag is None:
        return soup.get_text(" ")
    own = {id(s) for s in title_tag.find_all(string=True)}
    return " ".join(s for s in title_tag.find_all_next(string=True) if id(s) not in own)


ABOVE = 200  # characters: a line of date, views and category above an article's title


def text_above(title_tag) -> str:
    """The text just above the title in the block that holds it, as far as a link: the line
    of date and views many news CMSs put there ("Thứ Sáu, 22/11/2024 08:00 | Lượt xem:
    52"). Not a header's "Thứ Sáu, <today>": that stands outside the article's block."""
    if title_tag is None:
        return ""
    holder = title_tag
    while holder.parent is not None and holder.parent.name not in ("body", "html", "[document]") \
            and len(holder.parent.find_all(True, recursive=False)) == 1:
        holder = holder.parent  # a title alone in its wrapper (`<div class="title"><h1>`)
    block, found = holder.parent, []
    for node in title_tag.find_all_previous(string=True):
        if block is None or not any(p is block for p in node.parents):
            break
        if node.parent.name in ("script", "style") or not node.strip():
            continue
        if node.find_parent("a") is not None or sum(map(len, found)) > ABOVE:
            break
        found.append(collapse_spaces(node))
    return " ".join(reversed(found))


def find_date(soup, title_tag, meta, cues: Cues, config: SiteConfig, profile: dict):
    tz, meridiem = config.timezone, config.meridiem
    pinned = pick(profile, soup, "date", lambda t: read_moment(t, tz, meridiem))
    if pinned is not None:
        return pinned
    shown = shown_date(page_text(soup, title_tag), cues, tz, meridiem) \
        or shown_date(text_above(title_tag), cues, tz, meridiem)
    stamp = meta["moment"]
    if stamp is None:
        tag = published_time(soup.body or soup)
        stamp = read_iso(tag["datetime"], tz) if tag is not None else None
    if stamp is None or (stamp.clock is None and shown is not None and shown.day == stamp.day):
        return shown  # the page's text may add the time to a machine date
    return stamp


def published_time(body):
    """The `<time datetime>` of the article's publishing: WordPress themes mark it
    `published` and the last edit's `updated` (GeneratePress writes that one first)."""
    times = body.find_all("time", datetime=True)
    edited = lambda t: bool(_EDITED.search(" ".join(t.get("class") or []) + " " + str(t.get("itemprop") or "")))
    return next((t for t in times if not edited(t)), times[0] if times else None)


def shown_date(after_title: str, cues: Cues, tz, meridiem):
    """The date after "Đăng ngày" or its like, else the first date shortly after the title
    ("Thứ Sáu, 22/11/2024 - 08:00", a bare "22/11/2024 8:00:00 SA")."""
    return (after_cue(after_title, cues.posted, tz, meridiem, cues.edited)
            or read_moment(after_title[:400], tz, meridiem))
