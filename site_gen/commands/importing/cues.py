"""The words and forms by which a saved page shows its article: section names, date and
time forms, view counters. The words are in cues.yaml, so staff can read and extend them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path

import yaml

from ...core.text import collapse_spaces, parse_date

CUES_FILE = Path(__file__).with_name("cues.yaml")
KINDS = ("related", "latest", "posted", "edited", "views", "tags", "author", "home", "not_found", "widgets")

# "22/11/2024", "22 - 11 - 2024", "22/11/24" (a year of two digits stands for 20xx).
_DATE = (r"(?<!\d)(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*"
         r"(?P<y>\d{4}|\d{2}(?![-/.]?\d))")
_ISO_DATE = r"(?<!\d)(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?!\d)"  # 2024/11/22
# "22 tháng 11 năm 2024", "22 tháng 11, 2024"
_WORDS_DATE = r"(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s*(?:năm|,)?\s*(?P<wy>\d{4})"
# WordPress's "F j, Y" and "j F, Y" in Vietnamese: "Tháng 11 22, 2024", "Tháng Mười Một 22,
# 2024", "22 Tháng Mười Một, 2024"
MONTHS = {name: n for n, name in enumerate(
    ("một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"), 1)}
_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DATE = (rf"tháng\s+(?P<nm>\d{{1,2}}|{_MONTH_NAME})\s+(?P<nd>\d{{1,2}}),\s*(?P<ny>\d{{4}})"
               rf"|(?P<od>\d{{1,2}})\s+tháng\s+(?P<om>{_MONTH_NAME})(?:,|(?<!năm)\s)\s*(?P<oy>\d{{4}})")
# WordPress or ASP.NET left in English: "March 4, 2024", "Mar 4th, 2024", "4 March 2024"
EN_MONTHS = {name: n for n, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), 1)}
EN_MONTHS |= {name[:3]: n for name, n in EN_MONTHS.items()} | {"sept": 9}
_EN_NAME = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
_EN_DATE = (rf"(?<![^\W\d_])(?P<em>{_EN_NAME})\.?\s+(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<ey>\d{{4}})"
            rf"|(?P<fd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<fm>{_EN_NAME})\.?,?\s+(?P<fy>\d{{4}})")
# "22 Tháng Mười Một 2024" ("j F Y") as "22 Tháng Mười Một, 2024"; but "9 tháng năm 2024"
# is 9 months of 2024, not 9 May
# "08:00", "8h30", "8 giờ 05 phút", and an hour alone: "8 giờ", "8h" (not the "2 h" of "2 hộ")
_TIME = (r"(?P<{0}H>\d{{1,2}})\s*(?::(?=\s*\d{{2}})|(?:giờ|[hg])(?=\s*\d{{2}}|(?![^\W\d_])))"
         r"\s*(?P<{0}M>\d{{2}})?(?::\d{{2}})?(?:\s*phút)?"
         r"(?:\s*(?P<{0}ap>SA|CH|AM|PM|sáng|chiều|tối)\b)?")
# the half of the day, as the site's settings write it: "9:05 sáng", "3:05 chiều" (WordPress)
_HALVES = {"am": 0, "sáng": 0, "pm": 1, "chiều": 1, "tối": 1}
_WORDS_OF_HALVES = ("sáng", "chiều", "tối")
# A date with its time before ("08:00, 22/11/2024", "08:00 ngày 22/11/2024") or after it
# ("22/11/2024 08:00", "22/11/2024 - 08:00", "22/11/2024 lúc 8:00:00 SA").
MOMENT = re.compile(
    rf"(?:{_TIME.format('a')}\s*(?:[,|–-]\s*)?(?:ngày\s*)?)?(?:{_DATE}|{_ISO_DATE}|{_WORDS_DATE}|{_MONTH_DATE}|{_EN_DATE})"
    rf"(?:\s*(?:[,|–-]\s*)?(?:(?:lúc|at|giờ(?:\s*đăng)?\s*:)\s*)?{_TIME.format('b')})?", re.I)  # "| Giờ đăng: 09:12"
NUMBER = r"(\d{1,3}(?:[.,]\d{3})+|\d+)"
# The day of the week a portal prints before an article's date ("Thứ Hai, 05/02/2024 - 09:15",
# "Chủ nhật, ngày 04/02/2024", "Thu 2, …" where the page lost its diacritics).
_WEEKDAY = (r"(?:thứ|thu)\s*(?:hai|ba|tư|tu|năm|nam|sáu|sau|bảy|bẩy|bay|[2-7])|chủ\s*nhật|chu\s*nhat")
# A line that starts with a date: a by-line, whose date may come after its weekday.
DATED_LINE = re.compile(rf"(?:(?:{_WEEKDAY})\b\s*[,-]?\s*(?:ngày\s*)?)?(?:{MOMENT.pattern})", re.I)


@dataclass(frozen=True, slots=True)
class Cues:
    related: tuple[str, ...]
    latest: tuple[str, ...]
    posted: tuple[str, ...]
    edited: tuple[str, ...]
    views: tuple[str, ...]
    tags: tuple[str, ...]
    author: tuple[str, ...]
    home: tuple[str, ...]
    not_found: tuple[str, ...]
    widgets: tuple[str, ...]

    def heading_kind(self, text: str) -> str | None:
        """"related" or "latest" when `text` is the name of such a box ("Tin liên quan:")."""
        words = collapse_spaces(text).rstrip(":").strip().casefold()
        for kind in ("related", "latest"):
            if words in getattr(self, kind):
                return kind
        return None


def load_cues(extra: dict | None = None) -> Cues:
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    for kind, words in (extra or {}).items():
        data[kind] = list(words) + data[kind]
    return Cues(**{k: tuple(str(w).casefold() for w in data[k]) for k in KINDS})


@dataclass(frozen=True, slots=True)
class Moment:
    day: date
    clock: time | None  # None when the page shows the date alone

    def at(self, tz: tzinfo) -> datetime:
        return datetime.combine(self.day, self.clock or time(0), tz)


def read_moment(text: str, tz: tzinfo, meridiem: tuple[str, str]) -> Moment | None:
    """The first date in `text`, with its time of day if one stands beside it."""
    for match in MOMENT.finditer(text):
        moment = None
        if match.group("iy") and text[match.end("id"):match.end("id") + 1] in ("T", "t"):
            moment = read_iso(text[match.start("iy"):], tz)  # a machine date shown as it is
        moment = moment or _moment(match, tz, meridiem)
        if moment is not None:
            return moment
    return None


def _moment(match, tz, meridiem) -> Moment | None:
    g = match.groupdict()
    y, m, d = next((g[k + "y"], g[k + "m"], g[k + "d"]) for k in ("", "i", "w", "n", "o", "e", "f")
                   if g[k + "y"])
    name = collapse_spaces(m).casefold()
    m = m if m.isdigit() else str(MONTHS.get(name) or EN_MONTHS[name])
    if g["y"] and int(m) > 12 >= int(d):  # "11/22/2024 8:00:00 AM": ASP.NET's en-US, month first
        m, d = d, m
    y = y if len(y) == 4 else f"20{y}"
    side = "b" if g["bH"] else "a" if g["aH"] else None
    text = f"{int(d)}/{int(m)}/{y}"
    if side:
        marker = g[side + "ap"] or ""
        half = _HALVES.get(marker.casefold())
        if half is not None and (marker.casefold() in _WORDS_OF_HALVES and marker[0].isupper()
                                 or not 1 <= int(g[side + "H"]) <= 12):
            # "09:00 Chiều ngày 4/3, …": the text's first words after its by-line, not the
            # half of the day (which WordPress writes "9:05 sáng")
            marker, half = "", None
        marker = meridiem[half] if half is not None else marker
        text += f" {g[side + 'H']}:{g[side + 'M'] or '00'} {marker}"
    try:
        moment = parse_date(text, tz, meridiem)
    except ValueError:
        return None
    return Moment(moment.date(), moment.timetz().replace(tzinfo=None) if side else None)


def read_iso(text: str, tz: tzinfo) -> Moment | None:
    """A machine date (`datetime=`, `article:published_time`), converted to the site's zone."""
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)"
                     r"\s*(Z|[+-]\d{2}:?\d{2})?)?", text or "")
    if not match:
        return None
    try:
        moment = parse_date(" ".join(p for p in match.groups() if p), tz, ("SA", "CH"))
    except ValueError:
        return None
    return Moment(moment.date(), moment.time() if match.group(2) else None)


def after_cue(text: str, words: tuple[str, ...], tz, meridiem, edited: tuple[str, ...] = ()) -> Moment | None:
    """The date that follows one of `words` ("Đăng ngày 22 - 11 - 2024"), within a few words;
    the first shown, unless it follows one of `edited` and a date of publishing follows it
    ("Ngày cập nhật: 10/03/2024 | Ngày đăng: 04/03/2024"). A date of the last edit below
    the text gives way to one shown with no word where a by-line stands (Joomla 1.5's
    created date under the title)."""
    found = cued_dates(text, words, tz, meridiem, edited)
    if not found:
        return None
    at, was_edited, moment = found[0]
    if not was_edited:
        return moment
    published = next((m for where, e, m in found if not e and where - at <= BY_LINE), None)
    above = read_moment(text[:BY_LINE], tz, meridiem) if at > BY_LINE else None
    return published or above or moment


def cued_dates(text: str, words: tuple[str, ...], tz, meridiem, edited: tuple[str, ...]) -> list:
    """(where, whether its word is one of `edited`, the date) of each date after one of
    `words`, in the order of the text."""
    folded = text.casefold()
    found = []
    for word in words:
        for at in (m.start() for m in re.finditer(re.escape(word), folded)):
            moment = read_moment(text[at + len(word): at + len(word) + 60], tz, meridiem)
            if moment is not None:
                found.append((at, word in edited, moment))
    return sorted(found, key=lambda item: item[0])


BY_LINE = 200  # characters: the dates of one by-line, or of the lines of date under a title


# A count as portals print it: "1.052", "1,052", "1 052" (a space, or a no-break one, between
# thousands, as French and Vietnamese typography do)
_COUNT = r"(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+|\d+)"


def read_views(text: str, words: tuple[str, ...]) -> int | None:
    """"Lượt xem: 52", "Số lượt xem: 1.052", "Đã xem: 1 052", "Lượt xem (52)", "52 lượt xem"."""
    folded = text.casefold()
    for word in words:
        w = re.escape(word)
        match = (re.search(rf"{w}\s*[:(]?\s*{_COUNT}\b", folded)
                 or re.search(rf"\b{_COUNT}\s+{w}", folded))
        if match:
            return int(re.sub(r"\D", "", match.group(1)))
    return None
