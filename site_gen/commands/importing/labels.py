"""The article's category and tags as the page shows them: its breadcrumb ("Trang chủ >
Tin tức > Kinh tế"), `article:section`, `article:tag`, links marked rel="tag" and a
"Từ khóa: …" line or box. Read before the page's chrome is taken away; the tags' box goes."""

from __future__ import annotations

import re

from ...core.text import collapse_spaces
from .cues import MOMENT, Cues

CRUMBS = re.compile(r"breadcrumb|crumbs?\b|sitemappath|(^|[\s_-])(path|duong-?dan|duongdan|vi-?tri)"
                    r"($|[\s_-])", re.I)
TAG_BOX = re.compile(r"(^|[\s_-])(tags?|tag-?list|tags?-?links|tu-?khoa|tukhoa|keywords?)($|[\s_-])", re.I)
SITE_WIDE = re.compile(r"sidebar|widget|cloud|menu|(^|[\s_-])nav|^footer\b", re.I)
_CRUMB_CUT = re.compile(r"\s*(?:[»>›/|\\→]|::)\s*")
MAX_LABEL = 60  # a longer piece of a breadcrumb is the article's title, not a category
MAX_BOX = 400  # a tags' box is short


def words_of(tag) -> str:
    return " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "") if tag.attrs else ""


def breadcrumb(soup, cues: Cues) -> list[str]:
    """The pieces of the page's breadcrumb, home and "Bạn đang ở:" left out."""
    body = soup.body or soup
    found = body.find(attrs={"itemtype": re.compile("BreadcrumbList", re.I)}) or next(
        (t for t in body.find_all(True) if CRUMBS.search(words_of(t) + " " + str(t.get("aria-label") or ""))
         and len(collapse_spaces(t.get_text(" "))) <= MAX_BOX), None) or trail(body, cues)
    if found is None:
        return []
    pieces = [p.strip(" :-–") for s in found.find_all(string=True) for p in _CRUMB_CUT.split(str(s))]
    return [p for p in (collapse_spaces(p) for p in pieces)
            if p and p.casefold().rstrip(":") not in cues.home]


def trail(body, cues: Cues):
    """A breadcrumb marked by nothing (a bare <nav>, a <div> of a table cell): the block of
    links around a link to the home page that reads as a way from it ("Trang chủ > Tin tức >
    Môi trường", "Bạn đang ở: Trang chủ » …"); a menu's items have no separators between them."""
    homes = "|".join(re.escape(w) for w in cues.home)
    starts = re.compile(rf"(?:(?:{homes})\s*:?\s*)+(?:[»>›/|\\→]|::)")
    for link in body.find_all("a"):
        if collapse_spaces(link.get_text(" ")).casefold() not in cues.home:
            continue
        for block in list(link.parents)[:3]:
            text = collapse_spaces(block.get_text(" "))
            if len(text) > MAX_BOX or block.name in ("body", "html"):
                break
            if len(block.find_all("a")) >= 2 and starts.match(text.casefold()):
                return block
    return None


def category_of(crumbs: list[str], title: str, section: str) -> str:
    """`article:section`, else the breadcrumb's last piece that is not the title."""
    cut = lambda p: p.rstrip(".…").strip()  # the title as a breadcrumb shortens it
    usable = [p for p in crumbs if len(p) <= MAX_LABEL and p != title
              and not (len(cut(p)) > 15 and title.startswith(cut(p)))]
    return section or (usable[-1] if usable else "")


def category_link(soup) -> str:
    """The category a link marked rel="category" names (WordPress's entry footer: "Chuyên
    mục <a rel="category tag">Tin tức</a>"), not one of a sidebar or a menu."""
    body = soup.body or soup
    name = next((collapse_spaces(a.get_text(" ")) for a in body.find_all("a", rel=True)
                 if "category" in a["rel"] and not site_wide(a)), "")
    return name if len(name) <= MAX_LABEL else ""


def take_tags(soup, cues: Cues) -> list[tuple[set, list[str]]]:
    """Each box of tags on the page (links marked rel="tag", "Từ khóa: …"), as (the ids of
    the elements it stands in, its tags); the boxes are taken out of the page."""
    body = soup.body or soup
    found = [({id(p) for p in a.parents}, [a.get_text(" ")]) for a in body.find_all("a", rel=True)
             if "tag" in a["rel"] and "category" not in a["rel"] and not site_wide(a)]
    for box in tag_boxes(body, cues):
        found.append(({id(p) for p in box.parents}, [a.get_text(" ") for a in box.find_all("a")]))
        box.decompose()
    return found


def tags_of(found: list, title_tag, meta_tags: list[str]) -> list[str]:
    """The article's tags, in order, each once: its metadata's, and those of the boxes that
    stand in one block with its title (not a "Từ khóa" box of the whole site)."""
    block = {id(p) for p in title_tag.parents if p.name not in ("html", "body", "form", "[document]")} \
        if title_tag is not None else None
    texts = list(meta_tags) + [t for where, box in found if block is None or where & block for t in box]
    tags = []
    for text in (collapse_spaces(t).lstrip("#").strip(" ,;") for t in texts):
        if 1 < len(text) <= MAX_LABEL and text.casefold() not in [t.casefold() for t in tags]:
            tags.append(text)
    return tags


def tag_boxes(body, cues: Cues) -> list:
    """Boxes of tag links: by class ("tags", "tu-khoa"), or by the words they start with."""
    boxes = [t for t in body.find_all(True) if TAG_BOX.search(words_of(t)) and is_tag_box(t)]
    for node in body.find_all(string=True):
        text = collapse_spaces(node).casefold().rstrip(": ")
        holder = node.parent
        if text in cues.tags and holder is not None and holder.name not in ("a", "title"):
            while holder.find("a") is None and holder.parent is not None and holder.parent.name != "body":
                holder = holder.parent
            if is_tag_box(holder):
                boxes.append(holder)
    ids = {id(b) for b in boxes}
    return [b for b in boxes if not any(id(p) in ids for p in b.parents)]


def is_tag_box(tag) -> bool:
    links = tag.find_all("a")
    text = collapse_spaces(tag.get_text(" "))
    linked = sum(len(collapse_spaces(a.get_text(" "))) for a in links)
    return bool(links) and len(text) <= MAX_BOX and linked * 2 >= len(text) - 20 and not site_wide(tag)


def take_author(soup, cues: Cues) -> str:
    """The writer named in a short line of its own ("Tác giả: Minh Châu"); the line goes."""
    for node in (soup.body or soup).find_all(string=True):
        text, holder = collapse_spaces(node), node.parent
        named = next((m for m in (re.match(rf"{re.escape(w)}\s*:\s*(.+)", text, re.I)
                                  for w in cues.author) if m), None)
        if named is None or holder is None or holder.name in ("a", "title", "script"):
            continue
        name = without_by_line(named.group(1), cues)
        if collapse_spaces(holder.get_text(" ")) == text and name and len(name) <= MAX_LABEL \
                and len(named.group(1)) <= 2 * MAX_LABEL:
            holder.decompose()
            return name
    return ""


def without_by_line(name: str, cues: Cues) -> str:
    """The writer's name without the date or views the line goes on with ("Minh Châu -
    22/11/2024", "Minh Châu | Lượt xem: 52")."""
    folded = name.casefold()
    found = MOMENT.search(name)
    cuts = [found.start()] if found else []
    cuts += [folded.find(w) for w in (*cues.posted, *cues.views) if w in folded]
    return name[:min(cuts, default=len(name))].strip(" .,;|-–—(")


def site_wide(tag) -> bool:
    """In a sidebar, a menu or the page's footer (an <article>'s own footer is the article's)."""
    footer = False
    for node in [tag, *tag.parents]:
        if node.name == "article":
            return False
        if node.name in ("aside", "nav") or (node.name not in ("html", "body", "[document]")
                                             and SITE_WIDE.search(words_of(node))):
            return True
        footer = footer or node.name == "footer"
    return footer
