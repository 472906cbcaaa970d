"""Text helpers: slugs, the date forms staff write, and the portal's date formats."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import datetime, timedelta, timezone, tzinfo


_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)
# a time after a day: "08:00", "8h05", "9:12 SA", also set off by "-", "," or "lúc"
_CLOCK = (r"(?:\s*[,-]?\s*(?:lúc\s+)?\s*(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?::(?P<S>\d{2}))?"
          r"(?:\s*(?P<ampm>\w+))?)?")
_DAY_FIRST = re.compile(
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})" + _CLOCK, re.I)
# as a letter or a speech writes it: "Ngày 22 tháng 11 năm 2024", "22 tháng 11, 2024 08:00"
_IN_WORDS = re.compile(
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,|\s+năm)\s*(?P<y>\d{4})"
    + _CLOCK, re.I)
# "22/11/24": a day and a month, then a year of two digits (anything may follow)
_SHORT_YEAR = re.compile(r"(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2}(?!\d)", re.I)
# a day's name before its date, as a schedule or the old portal writes it: "Thứ Hai,
# 05/01/2026", "Thứ 3 (06/01)", "Chủ nhật - 11/01", "T7 10/01", "CN 11/01"
_WEEKDAY = re.compile(r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|t[2-7])\b"
                      r"\s*[,:(-]?\s*(?=\d|ngày)", re.I)
_SPACE = re.compile(r"\s+")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
# between two phone numbers: "0259.3873123 - 0912.345.678", "...; ...", "... / ..."
_PHONE_SEPARATOR = re.compile(r"(\s*[;,/]\s*|\s+[-–]\s+)")
_PHONE_DIGITS = 7  # fewer make no number: "0259 - 3873 123" is one, its area code set apart
# The longest part of an address the site may have: a file system names a folder or a file
# in at most 255 bytes (ext4, XFS, APFS; NTFS 255 characters).
MAX_NAME = 255


def normalize(text: str) -> str:
    """NFC, so that the same Vietnamese word always has the same code points."""
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def make_slug(text: str, max_length: int = 0) -> str:
    """ASCII slug; python-slugify turns đ into d, which accent stripping does not."""
    from slugify import slugify  # not for a build with nothing to do (20 ms)

    return slugify(text, max_length=max_length, word_boundary=bool(max_length))


def slug_from_filename(stem: str) -> str:
    return make_slug(_DATE_PREFIX.sub("", stem))


def without_weekday(text: str) -> str:
    """A date without the name of its day before it ("Thứ 3 (06/01)" is "06/01")."""
    match = _WEEKDAY.match(text)
    if not match:
        return text
    rest = text[match.end():]
    return rest[:-1].rstrip() if text[match.end() - 1] == "(" and rest.endswith(")") else rest


def parse_date(text: str, tz: tzinfo, meridiem: tuple[str, str]) -> datetime:
    """Read the date forms the README lists; a date without an offset is in `tz`.

    Raises ValueError with a message meant for the person who wrote the date.
    """
    text = without_weekday(collapse_spaces(text))
    match = _ISO.fullmatch(text) or _DAY_FIRST.fullmatch(text) or _IN_WORDS.fullmatch(text)
    if not match:
        short_year = "the year is written whole (2024, not 24): " if _SHORT_YEAR.match(text) else ""
        raise ValueError(
            f"unreadable date {_shown(text)}; {short_year}"
            "write 2024-11-22, 2024-11-22 08:00 or 22/11/2024 08:00"
        )
    parts = match.groupdict()
    hour = _hour(parts, meridiem, text)
    numbers = (int(parts["y"]), int(parts["m"]), int(parts["d"]),
               hour, int(parts["M"] or 0), int(parts["S"] or 0))
    try:
        moment = datetime(*numbers)
    except ValueError:
        raise ValueError(f"impossible date {_shown(text)}: {_why_impossible(*numbers)}") from None
    offset = parts.get("tz")
    if not offset:
        return moment.replace(tzinfo=tz)
    try:
        return moment.replace(tzinfo=_fixed_offset(offset)).astimezone(tz)
    except OverflowError:  # 0001-01-01 00:00+14:00 is a moment of the year 0 in UTC
        raise ValueError(f"impossible date {_shown(text)}: in the site's time zone it falls "
                         "outside the years 1 to 9999") from None


def _why_impossible(year: int, month: int, day: int, hour: int, minute: int,
                    second: int) -> str:
    """What is wrong with numbers `datetime` refused, in words for the person who wrote
    them (Python's own "day is out of range for month" names no day and no month)."""
    if year < 1:
        return f"there is no year {year}"
    if not 1 <= month <= 12:
        swapped = " (are the day and the month swapped?)" if 1 <= day <= 12 else ""
        return f"there is no month {month}: months are 1 to 12{swapped}"
    if day < 1:
        return "there is no day 0"
    if day > 28:
        days = calendar.monthrange(year, month)[1]
        if day > days:
            return f"month {month:02d}/{year} has {days} days, not {day}"
    if hour > 23:
        return f"there is no hour {hour}: hours are 0 to 23"
    if minute > 59:
        return f"there is no minute {minute}: minutes are 0 to 59"
    if second > 59:
        return f"there is no second {second}: seconds are 0 to 59"
    return "no such day or time"


def _shown(text: str, most: int = 60) -> str:
    """A value as a message quotes it: whole, unless it is too long to read (a pasted
    paragraph, thousands of digits), then its beginning."""
    return repr(text if len(text) <= most else text[:most] + "…")


def _hour(parts: dict, meridiem: tuple[str, str], text: str) -> int:
    hour = int(parts["H"] or 0)
    marker = (parts.get("ampm") or "").casefold()
    if not marker:
        return hour
    am, pm = (word.casefold() for word in meridiem)
    if marker not in (am, pm) or not 1 <= hour <= 12:
        raise ValueError(f"unreadable time in {_shown(text)}")
    return hour % 12 + (12 if marker == pm else 0)


def _fixed_offset(text: str) -> timezone:
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def phone_parts(text: str) -> tuple[tuple[str, str], ...]:
    """A phone setting as shown, each number with what a phone dials for it ("+84...",
    digits only) and the text between numbers with "": one link a number."""
    pieces = _PHONE_SEPARATOR.split(text)
    parts: list[tuple[str, str]] = []
    number = ""
    for at in range(0, len(pieces), 2):
        number += pieces[at]
        if at + 1 < len(pieces) and sum(c.isdigit() for c in number) < _PHONE_DIGITS:
            number += pieces[at + 1]  # a part of the number, not a number of its own
            continue
        parts.append((number, re.sub(r"[^\d+]", "", number)))
        parts += [(pieces[at + 1], "")] if at + 1 < len(pieces) else []
        number = ""
    return tuple(parts)


def format_posted(moment: datetime) -> str:
    """The portal's article date: `22 - 11 - 2024`."""
    return f"{moment.day:02d} - {moment.month:02d} - {moment.year}"


def format_stamp(moment: datetime, meridiem: tuple[str, str]) -> str:
    """The portal's list date: `20/12/2024 9:12 SA` (12-hour clock, no leading zero)."""
    hour = moment.hour % 12 or 12
    marker = meridiem[0] if moment.hour < 12 else meridiem[1]
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year} {hour}:{moment.minute:02d} {marker}"


def shorten(title: str, limit: int) -> str:
    """Cut a long title at the last whole word that fits in `limit`, then "..."."""
    if len(title) <= limit:
        return title
    head = title[: limit + 1]
    cut = max(head.rfind(" "), head.rfind("\u00a0"))
    prefix = head[:cut].rstrip() if cut > 0 else title[:limit]
    return prefix + "..."


def plain_excerpt(text: str, limit: int) -> str:
    """A summary-length excerpt cut at a word."""
    return shorten(collapse_spaces(text), limit)
