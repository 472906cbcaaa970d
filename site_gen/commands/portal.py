"""What `import` reads from one saved page of the old portal, and the plain-text captures
(the page's text copied into a `.txt` file, as the reference capture is)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from ..core.config import SiteConfig
from ..core.text import collapse_spaces
from .importing.cues import MOMENT, Cues, after_cue, read_moment, read_views

_PERCENT = re.compile(r"\d{1,3}\s*%")
_SHORT_DAY = re.compile(r"\s*[(\[]\s*\d{1,2}/\d{1,2}\s*[)\]]$")  # "Title (22/11)": day and month
_DAY_WORD = re.compile(r"[\s(\[|–-]*(?:ngày)?[\s:(\[|–-]*$", re.I)  # "Title (Ngày 22 tháng 11..."


@dataclass(frozen=True, slots=True)
class ListItem:
    """An item of a list the page shows ("Tin liên quan"): Title(20/12/2024 9:12 SA)."""

    title: str
    when: datetime | None
    url: str | None = None
    timed: bool = False  # the list shows the time of day, not the date alone


@dataclass(frozen=True, slots=True)
class Capture:
    origin: str  # the saved file
    root: str  # the folder it was found in: the mirror its images and files are looked for in
    title: str
    posted: date
    clock: time | None  # the time of day, when the page itself shows one
    views: int | None
    body: str  # sanitised HTML
    related: tuple[ListItem, ...]
    latest: tuple[ListItem, ...]
    old_url: str | None  # the page's own address, when the page says it
    address: str  # old_url, or the address guessed from where the page was saved
    category: str = ""  # as the page shows it (its breadcrumb, article:section)
    tags: tuple[str, ...] = ()
    author: str = ""  # the writer the page names beside the text ("Tác giả: …")


def list_item(text: str, config: SiteConfig, url: str | None = None,
              full_title: str = "", cues: Cues | None = None) -> ListItem | None:
    """A list item from its text ("Title(20/12/2024 9:12 SA)"), the date being optional."""
    text = collapse_spaces(text)
    title = _without_words(text, cues)  # "Title (20/12/2024) (Lượt xem: 52)", then its date
    # the list's date before or after the title, not one the title holds ("Chỉ thị 09-CT/TW,
    # ngày 18/01/2022 của Ban Bí thư (21/02/2022 15:29)")
    stamp = _stamp(title)
    moment = read_moment(title[stamp.start():] if stamp else text, config.timezone, config.meridiem)
    title = _without_words(_DAY_WORD.sub("", _without_stamp(title)) if moment else title, cues)
    title = collapse_spaces(full_title) or title.lstrip("»›•·*-–+ ")
    if len(title) < 4:
        return None
    when = moment.at(config.timezone) if moment else None
    return ListItem(title, when, url, bool(moment and moment.clock))


def _stamp(text: str):
    """The match of the date a list writes after or before a title ("Title(20/12/2024 9:12
    SA)", "Title - 20/12/2024", "20/12/2024: Title"), or None."""
    found = list(MOMENT.finditer(text))
    if found and text[found[-1].end():].strip(" )]") == "":
        return found[-1]
    if found and text[:found[0].start()].strip(" ([") == "":
        return found[0]
    return None


def _without_stamp(text: str) -> str:
    """The title of a list's line without its date."""
    stamp = _stamp(text)
    if stamp is None:
        return text
    if text[stamp.end():].strip(" )]") == "":
        return text[:stamp.start()].rstrip(" ([|-–").strip()
    return text[stamp.end():].lstrip(" )]|-–:").strip()


def _without_words(title: str, cues: Cues | None) -> str:
    """The title without what a list writes after it besides the date: "- Ngày đăng:",
    "(Lượt xem: 52)", "(22/11)"."""
    title = _SHORT_DAY.sub("", title)
    if cues is None:
        return title
    posted, views = ("|".join(re.escape(w.rstrip(":")) for w in words) for words in (cues.posted, cues.views))
    for tail in (rf"(?:{posted})\s*:?", rf"[(\[]?\s*(?:{views})\s*:?\s*[\d.,]+\s*[)\]]?"):
        title = re.sub(rf"[\s|–-]*{tail}\s*$", "", title, flags=re.I) or title
    return title


def is_widget(line: str, cues: Cues) -> bool:
    """Counters and tools of the old page ("59 người đang online", "100%"), not the article."""
    folded = collapse_spaces(line).casefold().strip(" []()«»|•-")  # "[In trang] [Về đầu trang]"
    if _PERCENT.fullmatch(folded) or len(folded) <= 1:
        return True
    return len(folded) <= 120 and any(folded.startswith(w) or folded.endswith(w) and
                                      len(folded) < 40 for w in cues.widgets)


def read_text_capture(origin: str, root: str, text: str, config: SiteConfig, cues: Cues):
    """(Capture, "", ()) or (None, why not, ()) for a page's text copied into a file."""
    lines = [collapse_spaces(line) for line in text.split("\n")]
    title = next((line for line in lines if line), "")
    moment = after_cue(text, cues.posted, config.timezone, config.meridiem)
    if not title or moment is None:
        return None, "not an article: no title or no date found", ()
    sections = {"body": [], "related": [], "latest": []}
    current = "body"
    for line in lines[lines.index(title) + 1:]:
        kind = cues.heading_kind(line)
        if kind:
            current = kind
        elif line and not is_widget(line, cues) and not _is_header(line, cues):
            sections[current].append(line)
    body = "\n".join(f"<p>{html.escape(line, quote=False)}</p>" for line in sections["body"])
    related, latest = ([i for i in (list_item(line, config, cues=cues) for line in sections[k]) if i]
                       for k in ("related", "latest"))
    return Capture(origin, root, title, moment.day, moment.clock, read_views(text, cues.views),
                   body, tuple(related), tuple(latest), None, ""), "", ()


def _is_header(line: str, cues: Cues) -> bool:
    folded = line.casefold()
    return len(folded) <= 80 and folded.startswith(cues.posted + cues.views)
