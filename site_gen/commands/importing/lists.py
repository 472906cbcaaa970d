"""The lists a saved page shows: its "Tin liên quan" and "Tin mới nhất" boxes (taken out of
the page, their items kept), and the dated items that make a page a list of articles."""

from __future__ import annotations

from urllib.parse import urljoin

from ...core.config import SiteConfig
from ...core.text import collapse_spaces
from ..portal import ListItem, list_item
from .cues import MOMENT, Cues, read_moment
from .write import address_key

LIST_LINKS = 3  # a page with this many dated links outside its boxes may be a list of articles
FREE_TEXT = 400  # ... when it has less text than this outside them (and no date after a title)
ONE_ITEM_TEXT = 100  # a page's title and "1 kết quả": all a list of one dated link has beside it
HEADINGS = ("h1", "h2", "h3", "h4")
LISTS = ("ul", "ol")


def take_boxes(soup, cues: Cues, base: str, config: SiteConfig, profile: dict):
    """(kind, items) of each "Tin liên quan" / "Tin mới nhất" box; each box is taken out.
    A related box's link to the page's own address (`base`) is left out: an article is
    never its own related news, though a portal may list its whole category there."""
    own = address_key(base) if base else None
    for kind, items in boxes(soup, cues, base, config, profile):
        yield kind, [i for i in items if kind != "related" or address_key(i.url) != own]


def boxes(soup, cues: Cues, base: str, config: SiteConfig, profile: dict):
    """(kind, items) of each box as the page lists them."""
    if profile.get("related"):
        for box in soup.select(profile["related"]):
            links = box.find_all("a", href=True)
            yield "related", [i for i in (item_of(a, base, config, cues) for a in links) if i]
            box.decompose()
    for node in list((soup.body or soup).find_all(string=True)):
        # the words first: finding a name's holder reads the text around it, which for
        # every one of thousands of links in one block took minutes
        kind = cues.heading_kind(str(node))
        if kind is None:
            continue
        parent = heading_of(node)
        if parent is None or parent.decomposed or parent.name in ("title", "script", "a", "option"):
            continue
        parts, links = box_of(parent, cues)
        yield kind, items_of(links, base, config, cues)
        for part in [parent, *parts]:
            if not part.decomposed:
                part.decompose()


def heading_of(node):
    """The element a box's name stands in; a name that is a link ("<div class="title"><a>Tin
    liên quan</a></div>") stands in the link's holder, unless that is a menu's item."""
    parent = getattr(node, "parent", None)  # a string of a box taken out has none
    holder = parent.parent if parent is not None and parent.name == "a" else None
    if holder is not None and holder.name not in ("li", "nav", "option") and \
            collapse_spaces(holder.get_text(" ")) == collapse_spaces(parent.get_text(" ")):
        return holder
    return parent


def box_of(heading, cues: Cues):
    """The elements after a box's heading that hold its links, climbing from a <span> in a
    <div class="title"> to the level where the list is. An empty box stays empty: the level
    that holds its list is as high as it goes, and no other box is taken for its list."""
    node = heading
    for _ in range(4):
        parts, links = [], []
        for sibling in node.find_next_siblings():
            if starts_box(sibling, cues):
                break
            found = [sibling] if sibling.name == "a" else sibling.find_all("a", href=True)
            if found and not is_list(sibling, found):
                break
            if found:
                parts.append(sibling)
                links += found
            elif sibling.name in LISTS or sibling.find(LISTS) is not None:
                return parts, links  # the box's list, and nothing (more) in it
        if links:
            return parts, links
        if node.parent is None or node.parent.name in ("body", "html"):
            break
        node = node.parent
    return [], []


def starts_box(tag, cues: Cues) -> bool:
    """A heading, or a block holding one: another box's name (a sidebar's "Tin mới nhất"),
    or a heading of a section. A heading that holds a link is a list item's title."""
    if tag.name in HEADINGS or cues.heading_kind(tag.get_text(" ")):
        return True
    return (any(cues.heading_kind(s) for s in tag.find_all(string=True))
            or any(h.find("a") is None for h in tag.find_all(HEADINGS)))


def is_list(tag, links) -> bool:
    """Mostly link text (titles, perhaps dates): a box's list, not an article's text."""
    linked = sum(len(collapse_spaces(a.get_text(" "))) for a in links)
    return linked * 4 >= len(collapse_spaces(tag.get_text(" ")))


def items_of(links, base: str, config: SiteConfig, cues: Cues) -> list[ListItem]:
    """The box's items, each address once: a card of a Bootstrap theme links its picture
    and its title to one article, and only the title names it."""
    items, seen = [], set()
    for item in (item_of(a, base, config, cues) for a in links):
        if item is not None and item.url not in seen:
            seen.add(item.url)
            items.append(item)
    return items


def item_of(link, base: str, config: SiteConfig, cues: Cues) -> ListItem | None:
    holder = link.find_parent(["li", "tr", "p"]) or link.parent
    full = link.get("title", "")
    alone = holder is not None and len(holder.find_all("a")) == 1
    # the text after the link ("Title (22/11/2024)"); an element there (a card's title
    # block beside its picture's link) is not this link's words
    after = link.next_sibling if isinstance(link.next_sibling, str) else ""  # text, not a tag
    # cells apart ("Title | 02/11/2024"), else "…năm 2024" and its date would run together
    text = holder.get_text(" ") if alone else link.get_text("") + " " + str(after)
    return list_item(text, config, urljoin(base or "", link.get("href", "")),
                     full if len(collapse_spaces(full)) > 10 else "", cues)


def list_of_articles(soup, title_tag, has_stamp: bool) -> int:
    """How many dated items make the page a list of articles; 0 for an article. An item is
    a link standing in a short block with a date. An article's own date, after its title,
    stands in no such block; a list's first date is its first item's."""
    body = soup.body or soup
    holders = {}
    for link in body.find_all("a", href=True):
        holder = dated_holder(link)
        if holder is not None:
            holders[id(holder)] = holder
    outer = {key: h for key, h in holders.items() if not any(id(p) in holders for p in h.parents)}
    if not outer or has_stamp:
        return 0
    first = first_date_after(title_tag) if title_tag is not None else None
    if first is not None and not any(id(p) in outer for p in first.parents):
        return 0
    if first is not None:  # a list of two ("Thông báo") is one as well as a list of ten;
        # one item (a search that found one article, a category holding one) is a list
        # when it is an item below the title, with next to nothing beside it
        return len(outer) if len(outer) >= 2 or one_item(body, outer, title_tag) else 0
    if len(outer) < LIST_LINKS:
        return 0
    return len(outer) if free_text(body, outer) < FREE_TEXT else 0


def one_item(body, outer: dict, title_tag) -> bool:
    """Whether the one dated link of a page is a list's item: a block below the page's
    title, not the short article around its title (its date and a link in its text), and
    about all the page holds."""
    [holder] = outer.values()
    return (not any(p is holder for p in title_tag.parents)
            and free_text(body, outer) < ONE_ITEM_TEXT)


def free_text(body, outer: dict) -> int:
    """Characters of the page's text outside the list's items and outside links."""
    inside = sum(len(collapse_spaces(h.get_text(" "))) for h in outer.values())
    links = sum(len(collapse_spaces(a.get_text(" "))) for a in body.find_all("a")
                if not any(id(p) in outer for p in a.parents))
    return len(collapse_spaces(body.get_text(" "))) - inside - links


def dated_holder(link):
    """The short block that shows a list's link with its date ("Title(20/12/2024 9:12
    SA)", a card with its date), if the link is a title there."""
    if len(collapse_spaces(link.get_text(" "))) < 15:
        return None
    for holder in [link.parent, *list(link.parents)[1:3]]:
        text = holder.get_text(" ") if holder is not None else ""
        if holder is not None and len(text) <= 600 and (holder.find("time") is not None
                                                         or MOMENT.search(text)):
            return holder
    return None


def timed_items(soup, base: str, config: SiteConfig) -> list[ListItem]:
    """The items of a list page (the home page, a category's) that show their time of day:
    an article whose own page shows its date alone takes its time from them."""
    found = []
    for link in (soup.body or soup).find_all("a", href=True):
        holder = dated_holder(link)
        moment = holder and read_moment(collapse_spaces(holder.get_text(" ")),
                                        config.timezone, config.meridiem)
        if moment and moment.clock:
            found.append(ListItem(collapse_spaces(link.get("title") or link.get_text(" ")),
                                  moment.at(config.timezone), urljoin(base or "", link["href"]),
                                  True))
    return found


def first_date_after(tag):
    """The first piece of text after `tag` (not in it) that holds a date, or None."""
    own = {id(s) for s in tag.find_all(string=True)}
    return next((s for s in tag.find_all_next(string=True)
                 if id(s) not in own and MOMENT.search(s)), None)
