"""Read one page saved from the old portal: an HTML page or a plain-text capture."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin

from ..core.config import SiteConfig
from ..core.text import collapse_spaces, normalize, parse_date

_ITEM = re.compile(r"(?P<title>.*?)\s*\((?P<when>\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}\s*\w*)\)\s*")
_PERCENT = re.compile(r"\d{1,3}\s*%")
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
_MARKDOWN_START = re.compile(r"^(#|>|[-*+]\s|\d+[.)]\s)")
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "iframe",
              "button", "select", "input", "aside")


@dataclass(frozen=True, slots=True)
class ListItem:
    """An item of "Tin liên quan" / "Tin mới nhất": Title(20/12/2024 9:12 SA)."""

    title: str
    when: datetime | None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Capture:
    origin: str
    title: str
    posted: date
    views: int | None
    body: str  # Markdown
    related: tuple[ListItem, ...]
    latest: tuple[ListItem, ...]
    old_url: str | None


def read_capture(path: Path, config: SiteConfig) -> tuple[Capture | None, str]:
    """(the page, "") or (None, why it was skipped)."""
    try:
        text = normalize(path.read_bytes().decode("utf-8-sig", errors="replace"))
    except OSError as exc:
        return None, f"cannot read: {exc.strerror}"
    if path.suffix.lower() == ".txt":
        return read_text_capture(str(path), text, config)
    return read_html_capture(str(path), text, config)


def _posted(text: str, config: SiteConfig) -> date | None:
    word = re.escape(config.words["posted_on"])
    match = re.search(word + r"\s*:?\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})", text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _views(text: str, config: SiteConfig) -> int | None:
    match = re.search(re.escape(config.words["views"]) + r"\s*:?\s*([\d.,]+)", text)
    return int(re.sub(r"\D", "", match.group(1))) if match else None


def _item(text: str, config: SiteConfig, url: str | None = None) -> ListItem | None:
    match = _ITEM.fullmatch(collapse_spaces(text))
    if not match:
        return None
    try:
        when = parse_date(match["when"], config.timezone, config.meridiem)
    except ValueError:
        when = None
    return ListItem(collapse_spaces(match["title"]), when, url)


def _is_noise(line: str, config: SiteConfig) -> bool:
    """Counters and widgets of the old page that are not part of the article."""
    online = config.words["online_counter"].casefold()
    return bool(_PERCENT.fullmatch(line)) or online in line.casefold() or len(line) <= 1


def read_text_capture(origin: str, text: str, config: SiteConfig):
    lines = [collapse_spaces(line) for line in text.split("\n")]
    words = config.words
    title = next((line for line in lines if line), "")
    posted = _posted(text, config)
    if not title or posted is None:
        return None, f"no title or no '{words['posted_on']}' date found"
    sections = {"body": [], words["related"]: [], words["latest"]: []}
    current = "body"
    for line in lines[lines.index(title) + 1:]:
        if line in sections:
            current = line
        elif line and not _is_noise(line, config) and not _is_header(line, config):
            sections[current].append(line)
    body = "\n\n".join(_escape_markdown(line) for line in sections["body"])
    related = [i for i in (_item(line, config) for line in sections[words["related"]]) if i]
    latest = [i for i in (_item(line, config) for line in sections[words["latest"]]) if i]
    return Capture(origin, title, posted, _views(text, config), body, tuple(related),
                   tuple(latest), None), ""


def _is_header(line: str, config: SiteConfig) -> bool:
    return line.startswith((config.words["posted_on"], config.words["views"]))


def _escape_markdown(line: str) -> str:
    """Plain text that would read as Markdown syntax stays plain text."""
    return "\\" + line if _MARKDOWN_START.match(line) else line


def read_html_capture(origin: str, text: str, config: SiteConfig):
    from bs4 import BeautifulSoup  # here, not above: every build would pay for loading it

    soup = BeautifulSoup(text, "html.parser")
    old_url = _old_url(soup)
    title_tag = soup.find("h1")
    title = collapse_spaces(title_tag.get_text(" ")) if title_tag else ""
    if not title:
        meta = soup.find("meta", property="og:title")
        title = collapse_spaces(meta.get("content", "")) if meta else ""
    page_text = soup.get_text("\n")
    posted = _posted(page_text, config)
    if not title or posted is None:
        return None, f"no title or no '{config.words['posted_on']}' date found"
    related = _html_list(soup, config.words["related"], old_url, config)
    latest = _html_list(soup, config.words["latest"], old_url, config)
    body = _html_body(soup, title_tag, config)
    return Capture(origin, title, posted, _views(page_text, config), body, related, latest,
                   old_url), ""


def _old_url(soup) -> str | None:
    for tag, attrs, key in (("link", {"rel": "canonical"}, "href"),
                            ("meta", {"property": "og:url"}, "content")):
        found = soup.find(tag, attrs=attrs)
        if found and found.get(key):
            return found[key].strip()
    from bs4 import Comment

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        match = _SAVED_FROM.search(comment)
        if match:
            return match.group(1)
    return None


def _heading(soup, word: str):
    """The element whose whole text is a section's name ("Tin liên quan")."""
    for node in soup.find_all(string=True):
        if collapse_spaces(node).casefold() == word.casefold() and node.parent.name != "title":
            return node.parent
    return None


def _html_list(soup, word: str, base: str | None, config: SiteConfig) -> tuple[ListItem, ...]:
    heading = _heading(soup, word)
    if heading is None:
        return ()
    box = heading
    while box.parent is not None and not box.find_all("a"):
        box = box.parent  # climb from the heading to the box that holds its links
    items = []
    for link in box.find_all("a"):
        holder = link.find_parent("li") or link.parent
        item = _item(holder.get_text(""), config, urljoin(base or "", link.get("href", "")))
        if item is not None:
            full = collapse_spaces(link.get("title", ""))
            items.append(ListItem(full or item.title, item.when, item.url))
    return tuple(items)


def _html_body(soup, title_tag, config: SiteConfig) -> str:
    for word in (config.words["related"], config.words["latest"]):
        heading = _heading(soup, word)
        box = heading
        while box is not None and box.parent is not None and not box.find_all("a"):
            box = box.parent
        if box is not None:
            box.decompose()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    if title_tag is not None and title_tag.parent is not None:
        title_tag.decompose()
    for node in soup.find_all(["p", "div", "span"]):
        text = collapse_spaces(node.get_text(" "))
        if node.parent is not None and (_is_header(text, config) or _is_noise(text, config)) \
                and not node.find(["img", "p"]):
            node.decompose()
    container = max(soup.find_all(["article", "div", "main", "body"]) or [soup],
                    key=lambda tag: sum(len(p.get_text()) for p in tag.find_all("p", recursive=False)))
    from markdownify import markdownify

    markdown = markdownify(str(container), heading_style="ATX", bullets="-",
                           strip=["span", "font", "div", "article", "main", "body"])
    return re.sub(r"\n{3,}", "\n\n", markdown.replace("\u00a0", " ")).strip()
