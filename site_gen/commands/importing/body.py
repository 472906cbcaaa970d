"""The article's own text out of a whole saved page: the page's tools, counters, menus and
boxes taken away, then the main-content extractor, then the sanitiser; then Markdown."""

from __future__ import annotations

import re

from ...core.text import collapse_spaces
from ...stages.sanitize import clean_html
from .cues import MOMENT, Cues

# Parts of a page that are never the article (by tag, or by a word of their class or id).
# A header may hold the article's title and date (WordPress's entry-header, Joomla's
# page-header): headers go only after those have been read.
CHROME_TAGS = ("script", "style", "noscript", "template", "iframe", "nav", "footer", "aside",
               "button", "select", "input", "textarea", "svg", "object", "embed")
CHROME = re.compile(
    r"share|sharing|social|\bsd-|print|e?mail|comment|counter|online|breadcrumb|menu|(^|[\s_-])nav"
    r"|banner|footer|sidebar|widget|related|pager|pagination|rating|font-?tools|icons|(^|\s)tags"
    r"|logo", re.I)
HEADER = re.compile(r"masthead|(^|[\s_-])header", re.I)
KEEP_TAGS = ("html", "body", "main")
SHORT = 120  # a widget or a by-line is never longer than this
LONG = 600  # a block with this much text of its own is content, whatever its class says


def marked(pattern):
    def test(tag) -> bool:
        if tag.name in KEEP_TAGS or not tag.attrs:
            return False
        words = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
        return bool(pattern.search(words)) and not substantial(tag)
    return test


def substantial(tag) -> bool:
    text = len(tag.get_text(" "))
    linked = sum(len(a.get_text(" ")) for a in tag.find_all("a"))
    return text > LONG and linked * 3 < text


def is_byline(text: str, cues: Cues) -> bool:
    """"Đăng ngày 22 - 11 - 2024 | Lượt xem: 52", "22/11/2024 2:30:00 CH Lượt đọc: 52"."""
    folded = collapse_spaces(text).casefold()
    if not folded or len(folded) > SHORT:
        return False
    dated = MOMENT.match(folded) is not None and len(folded) < 60
    counted = any(re.search(re.escape(w) + r"\s*:?\s*\d", folded) or
                  re.search(r"\d\s+" + re.escape(w), folded) for w in cues.views)
    return folded.startswith(cues.posted) or dated or (counted and len(folded) < 80)


def strip_chrome(soup) -> None:
    """Take away, in place, the menus, sidebars, tools and forms around the article."""
    for tag in soup.find_all(CHROME_TAGS):
        tag.decompose()
    for form in soup.find_all("form"):  # ASP.NET wraps a whole page in one form: keep that
        if form.find("textarea") is not None or len(collapse_spaces(form.get_text(" "))) < 200:
            form.decompose()
    for tag in soup.find_all(marked(CHROME)):
        if not tag.decomposed:
            tag.decompose()


def strip_page(soup, cues: Cues, is_widget) -> None:
    """Take away, in place, the headers, counters and by-lines left once the title, date and
    views have been read."""
    for tag in soup.find_all("header") + soup.find_all(marked(HEADER)):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(["p", "div", "span", "td", "tr", "li", "ul", "dd", "dl", "dt",
                              "font", "b", "strong", "i", "em", "small", "time"]):
        if tag.decomposed or tag.find("img") is not None:
            continue
        text = collapse_spaces(tag.get_text(" "))
        if 1 < len(text) <= SHORT * 2 and (is_widget(text, cues) or is_byline(text, cues)):
            tag.decompose()


def main_content(soup, selector: str | None) -> str:
    """The HTML of the article's text: a profile's selector, else readability's choice."""
    if selector:
        found = soup.select_one(selector)
        return str(found) if found is not None else ""
    from readability import Document  # here: only `import` needs it

    whole = str(soup.body or soup)
    try:
        chosen = Document(str(soup)).summary(html_partial=True)
    except Exception:  # readability raises its own bare errors on odd pages; keep the page
        return whole
    # On a page of a few lines, or with its text in <div>s and <br>s, readability may keep
    # nothing; what is left of the page once its chrome is gone is the article then.
    return chosen if own_text(chosen) * 2 >= own_text(whole) else whole


def own_text(html: str) -> int:
    text, linked = text_length(html)
    return text - linked


def article_html(soup, cues: Cues, is_widget, selector: str | None = None) -> str:
    """The page's article, sanitised (what the site's sanitiser keeps, nothing more)."""
    strip_page(soup, cues, is_widget)
    return clean_html(main_content(soup, selector))


def text_length(html: str) -> tuple[int, int]:
    """(characters of text, characters of it inside links) of an HTML fragment."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    text = len(collapse_spaces(soup.get_text(" ")))
    linked = sum(len(collapse_spaces(a.get_text(" "))) for a in soup.find_all("a"))
    return text, linked
