"""The weekly work schedule ("Lịch công tác"): one file per week whose `entries:` are its
meetings. Read and checked at load time (every problem as file:line), laid out by day for
the week's page, and exported as iCalendar (RFC 5545) per week and for the whole schedule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from markupsafe import Markup

from ..core.diagnostics import error, warning
from ..core.model import Entry, Record
from ..core.text import parse_date, without_weekday

CALENDAR = "lich.ics"  # beside each week's page, and beside the list of weeks
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"
                  r"|(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?!\d)")
# an hour, and the word after it that says which half of the day: the site's own (SA/CH,
# `words: am/pm`) or as it is said ("3 giờ chiều", "7 giờ tối", "8 giờ sáng")
_TIME = re.compile(r"(\d{1,2})\s*(?:giờ|:|h|g)\s*(\d{2})?(?:\s*([^\W\d_]+))?", re.IGNORECASE)
_SAID = {"sáng": "am", "chiều": "pm", "tối": "pm"}
_EVENING = 18  # a meeting starting from this hour may end after midnight
_LEAD = re.compile(r"\s*([^\W\d_]+)\b\s*:?\s*\d")
_COLUMNS = ("day", "time", "content", "chair", "place", "attendees", "line")


@dataclass(frozen=True, slots=True)
class Meeting(Record):
    """One entry of a week: what, when, who chairs, where, who attends."""

    day: datetime  # the day's midnight, in the site's time zone
    time: str  # as written: "7:30", "14h00 - 16h30", "Cả ngày"
    start: datetime | None  # when `time` names an hour
    end: datetime | None
    content: str
    chair: str
    place: str
    attendees: str
    line: int


def week_start(moment: datetime) -> datetime:
    """Monday 00:00 of the week of a moment."""
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def read_meetings(rows, date: datetime | None, shown: str, diags: list,
                  meridiems: tuple[tuple[str, str], ...]) -> tuple[Meeting, ...]:
    """The week's meetings from its `entries:` rows, by day and time; problems to `diags`.
    `meridiems`: the words for a.m. and p.m. the file may write (SiteConfig.meridiems_for)."""
    if date is None:
        return ()
    monday = week_start(date)
    meetings = []
    for row in rows:
        line = row["line"]
        for name in sorted(set(row) - set(_COLUMNS)):
            diags.append(error(shown, line, f"entries: unknown column {name!r} "
                                            f"(known: {', '.join(_COLUMNS[:-1])})"))
        if not row.get("content"):
            diags.append(error(shown, line, "entries: each entry needs `content:`"))
        day = _day(row.get("day", ""), monday, meridiems[0])
        if not isinstance(day, datetime):
            diags.append(error(shown, line, _day_problem(row.get("day", ""), day, monday)))
            continue
        start, end = _times(row.get("time", ""), day, meridiems)
        if start and not end and len(_TIME.findall(row.get("time", ""))) > 1:
            diags.append(warning(shown, line, f"entries: time {row['time']!r} does not end "
                                              "after it starts: the calendar gives the "
                                              "meeting its start alone"))
        meetings.append(Meeting(day, row.get("time", ""), start, end, row.get("content", ""),
                                row.get("chair", ""), row.get("place", ""),
                                row.get("attendees", ""), line))
    return tuple(sorted(meetings, key=lambda m: (m.day, m.start or m.day, m.line)))


def _day(text: str, monday: datetime, meridiem: tuple[str, str]) -> datetime | bool:
    """A day in the week, written in any of the date forms of `date:` ("Thứ Ba, 01/12/2025",
    "01-12-2025", "Ngày 01 tháng 12 năm 2025") or without its year (01/12: the week's).
    Else True for a date outside the week, False for no date at all."""
    candidates = _days(text, monday, meridiem)
    for year, month, day in candidates:
        try:
            moment = monday.replace(year=year, month=month, day=day)
        except ValueError:
            continue
        if monday <= moment < monday + timedelta(days=7):
            return moment
    return bool(candidates)


def _day_problem(text: str, dated: bool, monday: datetime) -> str:
    sunday = monday + timedelta(days=6)
    week = f"from {monday:%d/%m/%Y} to {sunday:%d/%m/%Y}"
    if dated:
        return (f"entries: day {text!r} is not a day of the week {week} "
                f"(write it as {monday:%d/%m/%Y})")
    return (f"entries: day {text!r} is not a date: write a day of the week {week} as "
            f"{monday:%d/%m/%Y}, {monday:%d/%m} or {monday:%Y-%m-%d}")


def _days(text: str, monday: datetime, meridiem: tuple[str, str]) -> list[tuple[int, int, int]]:
    """The (year, month, day) a text may name: one, two for a day without its year (the
    week may end in the next year), none if it names no date."""
    try:
        moment = parse_date(text, monday.tzinfo, meridiem)
        return [(moment.year, moment.month, moment.day)]
    except ValueError:
        found = _DAY.search(without_weekday(text))
    if not found:
        return []
    iso_y, iso_m, iso_d, d, m, y = found.groups()
    if iso_y:
        return [(int(iso_y), int(iso_m), int(iso_d))]
    years = [int(y)] if y else [monday.year, monday.year + 1]
    return [(year, int(m), int(d)) for year in years]


def _times(text: str, day: datetime,
           meridiems: tuple[tuple[str, str], ...]) -> tuple[datetime | None, datetime | None]:
    """The start and end a meeting's time names: "14h00 - 16h30", "2:00 - 4:30 CH" (the
    half of the day said after the end holds for the start too, unless it would end
    before it starts), "3 giờ chiều", "Chiều: 2h00 - 4h30", "23:00 - 0:30" (the next
    day's)."""
    halves = {word.casefold(): half for pair in meridiems
              for word, half in zip(pair, ("am", "pm"))} | _SAID
    lead = _LEAD.match(text)  # "Chiều 2h00 - 4h30": said before, for both
    said = halves.get(lead[1].casefold(), "") if lead else ""
    found = [(int(h), int(m or 0), halves.get(word.casefold(), "") or said)
             for h, m, word in _TIME.findall(text)[:2]]
    if len(found) == 2 and found[1][2] and not found[0][2]:
        said = (*found[0][:2], found[1][2])
        found[0] = said if _hour(said) <= _hour(found[1]) else found[0]
    moments = []
    for hour, minute, half in found:
        if hour < 24 and minute < 60:
            moments.append(day.replace(hour=_hour((hour, minute, half)), minute=minute))
    start = moments[0] if moments else None
    end = moments[1] if len(moments) > 1 else None
    if end is not None and end <= start:
        # an evening past midnight ("23:00 - 0:30", a night's duty "22h - 6h") ends the
        # next morning; any other end before the start is a slip, told by the caller
        past_midnight = start.hour >= _EVENING and end.hour < 12
        end = end + timedelta(days=1) if past_midnight else None
    return start, end


def _hour(time: tuple[int, int, str]) -> int:
    """The hour of the day of (hour, minute, "am"/"pm"/""): 2 CH is 14, 12 SA is 0."""
    hour, _, half = time
    if not half or not 1 <= hour <= 12:
        return hour  # "14:00 CH" means 14:00 all the same
    return hour % 12 + (12 if half == "pm" else 0)


def by_day(meetings) -> tuple[tuple[datetime, tuple[Meeting, ...]], ...]:
    """The week's meetings grouped by day, in order."""
    days: dict[datetime, list[Meeting]] = {}
    for meeting in meetings:
        days.setdefault(meeting.day, []).append(meeting)
    return tuple((day, tuple(found)) for day, found in days.items())


def current_week(weeks, now: datetime | None):
    """The week a reader wants on the home page: the one `now` falls in; else the
    newest that has begun; else (all ahead) the first. `weeks`: newest first."""
    if not weeks:
        return None
    if now is None:
        return weeks[0]
    begun = [w for w in weeks if week_start(w.published) <= now]
    return begun[0] if begun else weeks[-1]


def this_week(weeks, now: datetime | None):
    """The week `now` falls in, or None: what "Lịch công tác tuần này" may name (before
    the first week, after the last or in a gap, no week is this week's)."""
    if now is None:
        return None
    return next((w for w in weeks if week_start(w.published) <= now < week_end(w.published)),
                None)


def shared_weeks(weeks) -> list:
    """A warning for each file of a week another file has already (by path): most often
    last week's file copied and its date left; both are published, and only the first is
    "this week"."""
    first, diags = {}, []
    for week in sorted((w for w in weeks if w.published), key=lambda w: w.source):
        start = week_start(week.published)
        other = first.setdefault(start, week)
        if other is not week:
            diags.append(warning(week.path, week.line("date"), (
                f"date: the week from {start:%d/%m/%Y} is also the week of {other.path}; "
                "both are published")))
    return diags


def week_end(moment: datetime) -> datetime:
    """Monday 00:00 of the week after a moment's."""
    return week_start(moment) + timedelta(days=7)


def neighbours(weeks, week) -> tuple[Entry | None, Entry | None]:
    """(the week before, the week after) of one week; `weeks` newest first."""
    at = next(n for n, w in enumerate(weeks) if w.source == week.source)
    older = weeks[at + 1] if at + 1 < len(weeks) else None
    newer = weeks[at - 1] if at > 0 else None
    return tuple(None if w is None else Entry(w.title, w.url, w.published)
                 for w in (older, newer))


def calendar(weeks, name: str, base: str, words_for, timezone_name: str) -> Markup:
    """An iCalendar file of these weeks' meetings (UTC times; whole days as dates), each
    described in its week's words (`words_for(lang)`: an English week's "Time:"). Its
    bytes depend on the content alone: DTSTAMP is the week's date, not the build's.
    icalendar is imported here, by the few builds that make a calendar: it took a tenth
    of a second of every build's start."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//site-gen//lich-cong-tac//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone_name)
    host = base.split("//", 1)[-1].split("/", 1)[0]
    for week in sorted(weeks, key=lambda w: (w.published, w.source)):
        for number, meeting in enumerate(week.fields.get("entries", ()), start=1):
            cal.add_component(_event(icalendar.Event(), week, meeting, number, host, base,
                                     words_for(week.lang)))
    if not cal.subcomponents:  # RFC 5545 wants one component at least (a week not filled in)
        cal.add_component(icalendar.Timezone.from_tzid(timezone_name))
    return Markup(cal.to_ical().decode("utf-8"))


def _event(event, week, meeting: Meeting, number: int, host: str, base: str, words):
    # by the week's address, unique on the site: two schedules' weeks may share a slug
    event.add("uid", f"{week.url.strip('/').replace('/', '-')}-{number}@{host}")
    event.add("dtstamp", week.published.astimezone(timezone.utc))
    event.add("summary", meeting.content)
    if meeting.start is not None:
        event.add("dtstart", meeting.start.astimezone(timezone.utc))
        if meeting.end is not None:
            event.add("dtend", meeting.end.astimezone(timezone.utc))
    else:
        event.add("dtstart", meeting.day.date())
        event.add("dtend", meeting.day.date() + timedelta(days=1))
    if meeting.place:
        event.add("location", meeting.place)
    lines = [f"{words[key]}: {value}" for key, value in (
        ("schedule_time", meeting.time), ("schedule_chair", meeting.chair),
        ("schedule_attendees", meeting.attendees)) if value]
    if lines:
        event.add("description", "\n".join(lines))
    event.add("url", base.rstrip("/") + week.url)
    return event
