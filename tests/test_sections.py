"""The two sections shipped as declared kinds: photo albums and the weekly work schedule."""

from datetime import date, datetime, timezone
from urllib.parse import unquote, urlsplit

import icalendar
from PIL import Image

from conftest import article
from site_gen.stages import albums
from site_gen.stages.images import thumbnail_file

SETTINGS = "base_url: https://example.gov.vn/\n"


def week(title: str, monday: str, *entries: dict) -> str:
    lines = ["---", f'title: "{title}"', f"date: {monday}", "entries:"]
    for entry in entries:
        first = True
        for key, value in entry.items():
            lines.append(f'  {"- " if first else "  "}{key}: "{value}"')
            first = False
    return "\n".join(lines + ["---", "", "Ghi chú của tuần.", ""])


def schedule_site(site):
    site.settings(SETTINGS)
    site.write("2024/a.md", article("Bài", "2024-11-01"))
    site.write("lich-cong-tac/tuan-48.md", week(
        "Tuần 48", "25/11/2024",
        {"day": "25/11/2024", "time": "7:30", "content": "Giao ban", "chair": "Bí thư",
         "place": "Phòng họp", "attendees": "Thường trực"},
        {"day": "27/11", "time": "14h00 - 16h30", "content": "Làm việc với xã",
         "chair": "Phó Bí thư"}))
    site.write("lich-cong-tac/tuan-49.md", week(
        "Tuần 49", "03/12/2024",  # any day of the week: the week starts on its Monday
        {"day": "02/12/2024", "time": "Cả ngày", "content": "Tiếp công dân"},
        {"day": "2024-12-08", "time": "8:00", "content": "Hội nghị Chủ nhật"}))
    site.write("lich-cong-tac/tuan-50.md", week(
        "Tuần 50", "09/12/2024", {"day": "13/12/2024", "time": "8:00", "content": "Tổng kết"}))


def test_week_pages_list_meetings_by_day_with_neighbours(site):
    schedule_site(site)
    assert site.build("--now", "2024-12-04 10:00") == 0
    page = site.html("lich-cong-tac/tuan-49/index.html")
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in page.select(".schedule-table tbody tr")]
    assert rows == [["Thứ Hai 02/12/2024", "Cả ngày", "Tiếp công dân", "", "", ""],
                    ["Chủ nhật 08/12/2024", "8:00", "Hội nghị Chủ nhật", "", "", ""]]
    assert page.select_one("a[rel=prev]")["href"] == "/lich-cong-tac/tuan-48/"
    assert page.select_one("a[rel=next]")["href"] == "/lich-cong-tac/tuan-50/"
    first = site.html("lich-cong-tac/tuan-48/index.html")
    assert first.select_one("a[rel=prev]") is None
    cells = [td.get_text(strip=True) for td in first.select(".schedule-table tbody tr")[0]("td")]
    assert cells == ["7:30", "Giao ban", "Bí thư", "Phòng họp", "Thường trực"]
    assert first.select_one(".schedule-table td time")["datetime"] == "2024-11-25T07:30:00+07:00"
    # the home page links the week of the build's "now", and so does the list of weeks
    home = site.html("index.html")
    assert home.select_one("#lich-cong-tac a")["href"] == "/lich-cong-tac/tuan-49/"
    weeks = site.html("lich-cong-tac/index.html")
    assert weeks.select_one(".this-week a")["href"] == "/lich-cong-tac/tuan-49/"
    assert [a["href"] for a in weeks.select(".cards a")] == [
        "/lich-cong-tac/tuan-50/", "/lich-cong-tac/tuan-49/", "/lich-cong-tac/tuan-48/"]


def test_the_current_week_follows_now(site):
    schedule_site(site)
    # with the cache, as a scheduled CI build runs: nothing changed but the time
    linked = lambda: site.html("index.html").select_one("#lich-cong-tac a")["href"]
    assert site.build("--now", "2024-01-01") == 0  # before the first week: the first
    assert linked() == "/lich-cong-tac/tuan-48/"
    assert site.build("--now", "2024-11-26 08:00") == 0
    assert linked() == "/lich-cong-tac/tuan-48/"
    assert site.build("--now", "2024-12-02 00:00") == 0  # Monday: the next week begins
    assert linked() == "/lich-cong-tac/tuan-49/"
    assert site.build("--now", "2025-03-01") == 0  # past the last week: the newest begun
    assert linked() == "/lich-cong-tac/tuan-50/"


def test_the_list_names_this_week_only_while_now_is_in_it(site):
    """"Lịch công tác tuần này" is no week's before the first or after the last; the
    cached builds, with nothing changed but the time, say so as a clean build does."""
    schedule_site(site)
    this_week = lambda: [a["href"] for a in site.html("lich-cong-tac/index.html").select(
        ".this-week a")]
    assert site.build("--now", "2024-12-15 23:00") == 0  # the last week's Sunday
    assert this_week() == ["/lich-cong-tac/tuan-50/"]
    assert site.build("--now", "2024-12-16 08:00") == 0  # the week after it: none
    assert this_week() == []
    assert site.build("--now", "2024-01-01") == 0
    assert this_week() == []
    assert site.build("--now", "2024-11-26 08:00") == 0
    assert this_week() == ["/lich-cong-tac/tuan-48/"]


def read_calendar(site, rel):
    return icalendar.Calendar.from_ical((site.output / rel).read_bytes())


def test_calendars_parse_back_with_every_meeting(site):
    schedule_site(site)
    assert site.build("--now", "2024-12-04 10:00") == 0
    one = read_calendar(site, "lich-cong-tac/tuan-48/lich.ics")
    events = one.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Giao ban", "Làm việc với xã"]
    first, second = events
    assert first.decoded("DTSTART") == datetime(2024, 11, 25, 0, 30, tzinfo=timezone.utc)
    assert str(first["LOCATION"]) == "Phòng họp"
    assert "Chủ trì: Bí thư" in str(first["DESCRIPTION"])
    assert second.decoded("DTSTART") == datetime(2024, 11, 27, 7, 0, tzinfo=timezone.utc)
    assert second.decoded("DTEND") == datetime(2024, 11, 27, 9, 30, tzinfo=timezone.utc)
    assert str(first["URL"]) == "https://example.gov.vn/lich-cong-tac/tuan-48/"
    all_weeks = read_calendar(site, "lich-cong-tac/lich.ics")
    events = all_weeks.walk("VEVENT")
    assert len(events) == 5 and len({str(e["UID"]) for e in events}) == 5
    whole_day = next(e for e in events if str(e["SUMMARY"]) == "Tiếp công dân")
    assert whole_day.decoded("DTSTART") == date(2024, 12, 2)
    assert whole_day.decoded("DTEND") == date(2024, 12, 3)
    for event in events:  # what Google Calendar and Outlook require of each event
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(event)
    assert str(all_weeks["VERSION"]) == "2.0" and all_weeks["PRODID"]
    raw = (site.output / "lich-cong-tac/lich.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    before = raw
    assert site.build("--now", "2024-12-20") == 0  # another "now": the same bytes
    assert (site.output / "lich-cong-tac/lich.ics").read_bytes() == before


def test_schedule_problems_name_the_file_and_line(site, capsys):
    site.settings(SETTINGS)
    site.write("lich-cong-tac/sai.md", week(
        "Sai", "25/11/2024",
        {"day": "05/12/2024", "content": "Ngoài tuần"},
        {"day": "26/11/2024", "noi_dung": "thiếu nội dung"}))
    assert site.build() == 1
    err = capsys.readouterr().err
    path = site.content / "lich-cong-tac" / "sai.md"
    assert (f"{path}:5: entries: day '05/12/2024' is not a day of the week from 25/11/2024 to "
            "01/12/2024 (write it as 25/11/2024)") in err  # not a date of another week
    assert f"{path}:7: entries: unknown column 'noi_dung'" in err
    assert f"{path}:7: entries: each entry needs `content:`" in err


def test_a_meeting_that_ends_before_it_starts_is_told(site, capsys):
    """"9:00 - 8:00" was taken without a word, and the calendar quietly lost its end."""
    site.settings(SETTINGS)
    site.write("lich-cong-tac/tuan.md", week(
        "Tuần", "25/11/2024", {"day": "26/11/2024", "time": "9:00 - 8:00", "content": "Họp"}))
    assert site.build() == 0
    path = site.content / "lich-cong-tac" / "tuan.md"
    assert (f"{path}:5: warning: entries: time '9:00 - 8:00' does not end after it starts: "
            "the calendar gives the meeting its start alone") in capsys.readouterr().err
    event = read_calendar(site, "lich-cong-tac/tuan/lich.ics").walk("VEVENT")[0]
    assert "DTSTART" in event and "DTEND" not in event


def test_two_files_of_one_week_are_told(site, capsys):
    """Last week's file copied and its date left: both weeks were published without a
    word, and "this week" named one of them."""
    schedule_site(site)
    site.write("lich-cong-tac/tuan-51.md", week(
        "Tuần 51", "10/12/2024", {"day": "12/12/2024", "time": "8:00", "content": "Họp"}))
    assert site.build("--now", "2024-12-11") == 0
    first, copy = (site.content / "lich-cong-tac" / f"tuan-{n}.md" for n in (50, 51))
    assert (f"{copy}:3: warning: date: the week from 09/12/2024 is also the week of {first}; "
            "both are published") in capsys.readouterr().err.splitlines()


def photo(path, size, color=(200, 30, 30)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)


def album_site(site):
    site.settings(SETTINGS)
    site.write("2024/a.md", article("Bài", "2024-11-01"))
    folder = site.content / "thu-vien-anh" / "hoi-nghi"
    photo(folder / "b-toan-canh.jpg", (1200, 800))
    photo(folder / "a-dai_bieu.jpg", (800, 1200))
    photo(folder / "c-nho.png", (200, 100))
    site.write("thu-vien-anh/hoi-nghi/index.md", "\n".join([
        "---", "title: Hội nghị tổng kết", "date: 20/11/2024",
        "summary: Hình ảnh hội nghị.", "photos:",
        "  - file: b-toan-canh.jpg", "    caption: Toàn cảnh hội nghị", "---", "",
        "Một số hình ảnh.", ""]))
    site.write("thu-vien-anh/cu/index.md", article("Album cũ", "2023-01-05"))
    photo(site.content / "thu-vien-anh" / "cu" / "x.jpg", (640, 480))


def test_an_album_is_a_grid_of_sized_thumbnails_linking_to_the_photos(site):
    album_site(site)
    assert site.build("--cache", str(site.root / ".cache")) == 0
    page = site.html("thu-vien-anh/hoi-nghi/index.html")
    assert page.h1.text == "Hội nghị tổng kết"
    cells = page.select(".photo-grid figure")
    shown = [(f.a["href"], f.img["src"], f.img["width"], f.img["height"], f.figcaption.text)
             for f in cells]
    assert shown == [
        ("/thu-vien-anh/hoi-nghi/b-toan-canh.jpg",
         "/thumbs/album/360/thu-vien-anh/hoi-nghi/b-toan-canh.jpg", "360", "240",
         "Toàn cảnh hội nghị"),
        ("/thu-vien-anh/hoi-nghi/a-dai_bieu.jpg",
         "/thumbs/album/360/thu-vien-anh/hoi-nghi/a-dai_bieu.jpg", "360", "540", "A dai bieu"),
        ("/thu-vien-anh/hoi-nghi/c-nho.png", "/thu-vien-anh/hoi-nghi/c-nho.png", "200", "100",
         "C nho")]
    for _, src, width, height, _ in shown:
        with Image.open(site.output / src.lstrip("/")) as made:
            assert made.size == (int(width), int(height))
    assert (site.output / "thu-vien-anh/hoi-nghi/b-toan-canh.jpg").is_file()  # full size
    listing = site.html("thu-vien-anh/index.html")
    assert [a.get_text(strip=True) for a in listing.select(".album-list a")] == [
        "Hội nghị tổng kết", "Album cũ"]
    home = site.html("index.html")
    assert home.select_one("#album-moi .album-cover a")["href"] == "/thu-vien-anh/hoi-nghi/"
    assert "/thu-vien-anh/hoi-nghi/" in site.text("sitemap.xml")


def test_a_listed_photo_that_is_not_there_is_an_error(site, capsys):
    album_site(site)
    text = (site.content / "thu-vien-anh/hoi-nghi/index.md").read_text(encoding="utf-8")
    site.write("thu-vien-anh/hoi-nghi/index.md", text.replace("b-toan-canh.jpg", "khong.jpg"))
    assert site.build() == 1
    assert f"{site.content / 'thu-vien-anh/hoi-nghi/index.md'}:6: photos: no photo 'khong.jpg'" in (
        capsys.readouterr().err)


def test_photos_are_measured_and_thumbnailed_once(site, monkeypatch):
    album_site(site)
    cache = ["--cache", str(site.root / ".cache")]
    assert site.build(*cache) == 0
    thumb = thumbnail_file(site.root / ".cache", "x").parent
    made = {p: p.stat().st_mtime_ns for p in thumb.iterdir()}

    def refuse(*args):
        raise AssertionError("a photo that did not change was read again")

    monkeypatch.setattr(albums, "_measure", refuse)
    monkeypatch.setattr(albums, "_thumbnail", lambda path, digest, w, h, cache_dir: next(
        p for p in made if p.name.startswith(digest) and p.suffix != ".sha256"))
    site.write("2024/b.md", article("Bài khác", "2024-11-02"))  # a rebuild with work to do
    assert site.build(*cache) == 0
    assert {p: p.stat().st_mtime_ns for p in thumb.iterdir()} == made


def test_album_edits_rebuild_like_a_clean_build(site, tmp_path):
    from site_gen.commands.cli import main
    from test_kinds import assert_same_tree
    album_site(site)
    cache = ["--cache", str(site.root / ".cache")]
    assert site.build(*cache) == 0
    photo(site.content / "thu-vien-anh/hoi-nghi/d-moi.jpg", (900, 600), (0, 90, 0))
    text = (site.content / "thu-vien-anh/hoi-nghi/index.md").read_text(encoding="utf-8")
    site.write("thu-vien-anh/hoi-nghi/index.md", text.replace("Toàn cảnh", "Quang cảnh"))
    assert site.build(*cache) == 0
    captions = [f.text for f in site.html("thu-vien-anh/hoi-nghi/index.html").select("figcaption")]
    assert captions == ["Quang cảnh hội nghị", "A dai bieu", "C nho", "D moi"]
    (site.content / "thu-vien-anh/hoi-nghi/c-nho.png").unlink()
    photo(site.content / "thu-vien-anh/hoi-nghi/a-dai_bieu.jpg", (1000, 500))  # replaced
    assert site.build(*cache) == 0
    clean = tmp_path / "clean"
    assert main(["build", "--content", str(site.content), "--output", str(clean), "--config",
                 str(site.root / "site.yaml"), "--cache", str(tmp_path / "other-cache")]) == 0
    assert_same_tree(site.output, clean)
    img = site.html("thu-vien-anh/hoi-nghi/index.html").select(".photo-grid img")[1]
    assert (img["width"], img["height"]) == ("360", "180")


def test_a_schedule_kind_needs_the_date_of_its_weeks(site, capsys):
    site.settings(SETTINGS + "kinds:\n  lich-cong-tac:\n    date: optional\n")
    site.write("lich-cong-tac/tuan.md", "---\ntitle: Tuần không ngày\n---\n")
    assert site.build() == 1  # not a traceback
    assert ("kinds: kind 'lich-cong-tac': a schedule's weeks need their date: date must be "
            "required or a required date field, not 'optional'") in capsys.readouterr().err


def test_a_news_kind_needs_the_date_of_its_items(site, capsys):
    """A declared news kind took `date: optional` (and that by default): an undated item
    was a traceback."""
    kind = ("kinds:\n  tin:\n    folder: tin\n    url: /tin/{slug}/\n"
            "    template: article.html\n    feature: news\n")
    site.write("tin/a.md", "---\ntitle: Không ngày\n---\nNội dung.\n")
    site.settings(SETTINGS + kind + "    date: optional\n")
    assert site.build() == 1
    assert ("kinds: kind 'tin': news items need their date: date must be required or a "
            "required date field, not 'optional'") in capsys.readouterr().err
    site.settings(SETTINGS + kind)
    assert site.build() == 1
    assert f"{site.content / 'tin' / 'a.md'}:1: missing date" in capsys.readouterr().err


def test_photo_rows_with_a_problem_are_told_at_their_line(site, capsys):
    album_site(site)
    site.write("thu-vien-anh/hoi-nghi/index.md", "\n".join([
        "---", "title: Hội nghị", "date: 20/11/2024", "photos:",
        "  - file: b-toan-canh.jpg", "    caption: Toàn cảnh",
        "  - file: b-toan-canh.jpg", "    caption: Lần hai",
        "  - caption: Không có tên tệp",
        "  - file: c-nho.png", "    chu_thich: Cột viết sai", "---", ""]))
    assert site.build() == 1
    err = capsys.readouterr().err
    path = site.content / "thu-vien-anh/hoi-nghi/index.md"
    assert f"{path}:7: photos: photo 'b-toan-canh.jpg' is listed twice (first on line 5)" in err
    assert f"{path}:9: photos: each entry needs `file:`" in err
    assert f"{path}:10: photos: unknown column 'chu_thich' (known: file, caption)" in err


def test_albums_and_weeks_of_another_kind_link_their_own_lists(site):
    site.settings(SETTINGS + """\
fields:
  photos: {type: records, kinds: [album, anh-hd]}
  entries: {type: records, kinds: [lich-cong-tac, lich-ubnd]}
kinds:
  anh-hd:
    folder: anh-hoat-dong
    match: "*/index.md"
    url: /anh-hoat-dong/{slug}/
    template: album.html
    date: optional
    list_url: /anh-hoat-dong/
    list_template: albums.html
    title: Ảnh hoạt động
    feature: album
  lich-ubnd:
    folder: lich-ubnd
    url: /lich-ubnd/{slug}/
    template: schedule.html
    date: required
    feature: schedule
""")
    site.write("2024/a.md", article("Bài", "2024-11-01"))
    site.write("anh-hoat-dong/chua-ngay/index.md", "---\ntitle: Chưa định ngày\n---\n")
    photo(site.content / "anh-hoat-dong" / "chua-ngay" / "x.jpg", (640, 480))
    site.write("lich-ubnd/tuan-1.md", week("Tuần 1", "04/11/2024",
                                          {"day": "05/11/2024", "content": "Họp"}))
    assert site.build("--now", "2024-11-06 08:00") == 0
    album = site.html("anh-hoat-dong/chua-ngay/index.html")
    assert [a["href"] for a in album.select(".breadcrumbs a")] == ["/", "/anh-hoat-dong/"]
    assert album.select_one(".breadcrumbs a[href='/anh-hoat-dong/']").text == "Ảnh hoạt động"
    assert album.select_one("main .meta").get_text(strip=True) == "1 ảnh"  # no date, no "None"
    listing = site.html("anh-hoat-dong/index.html")
    assert listing.h1.text == "Ảnh hoạt động"
    assert listing.select(".album-list .meta") == []
    home = site.html("index.html")
    assert home.select_one("#album-moi .album-more a")["href"] == "/anh-hoat-dong/"
    assert not (site.output / "thu-vien-anh").exists()
    # a schedule without a list: its weeks link no list that is not there
    week_page = site.html("lich-ubnd/tuan-1/index.html")
    assert [a["href"] for a in week_page.select(".breadcrumbs a")] == ["/"]


def test_photos_named_with_spaces_accents_and_hashes_are_linked_by_their_address(site):
    """A file name is not an address: "Khai mạc #1.jpg" linked as it is would end at its
    "#" in a browser, and a space is no valid address character."""
    site.settings(SETTINGS)
    site.write("thu-vien-anh/le-hoi/index.md", article("Lễ hội", "2024-11-20"))
    for name, size in (("Khai mạc #1.jpg", (800, 600)), ("nhỏ 50%.png", (100, 80))):
        photo(site.content / "thu-vien-anh" / "le-hoi" / name, size)
    assert site.build("--cache", str(site.root / ".cache")) == 0
    links = [(f.a["href"], f.img["src"], f.figcaption.text)
             for f in site.html("thu-vien-anh/le-hoi/index.html").select(".photo-grid figure")]
    assert [caption for *_, caption in links] == ["Khai mạc #1", "Nhỏ 50%"]
    for address in (a for href, src, _ in links for a in (href, src)):
        parts = urlsplit(address)
        assert not parts.fragment and not parts.query and " " not in address
        assert (site.output / unquote(parts.path).lstrip("/")).is_file()


def test_a_schedule_kind_dated_by_a_field_keeps_its_meetings(site, capsys):
    """A schedule kind whose weeks take their date from a required date field, as the
    README allows: every meeting was dropped without a word (the week read the built-in
    `date:`, left out), its page said "no meetings" and its calendar was empty."""
    site.settings(SETTINGS + """\
fields:
  entries: {type: records, kinds: [lich-cong-tac, lich-ubnd]}
  tu_ngay: {type: date, required: true, kinds: [lich-ubnd]}
kinds:
  lich-ubnd:
    folder: lich-ubnd
    url: /lich-ubnd/{slug}/
    template: schedule.html
    date: tu_ngay
    feature: schedule
""")
    site.write("lich-ubnd/tuan-2.md", "\n".join([
        "---", 'title: "Tuần 2"', "tu_ngay: 05/01/2026", "entries:",
        "  - day: 06/01", '    time: "7:30"', "    content: Giao ban", "---", ""]))
    assert site.build("--now", "2026-01-06 08:00") == 0
    page = site.html("lich-ubnd/tuan-2/index.html")
    assert [td.get_text(strip=True) for td in page.select(".schedule-table tbody td")][:2] == [
        "7:30", "Giao ban"]
    event = read_calendar(site, "lich-ubnd/tuan-2/lich.ics").walk("VEVENT")[0]
    assert event.decoded("DTSTART") == datetime(2026, 1, 6, 0, 30, tzinfo=timezone.utc)


def test_days_of_a_week_take_the_date_forms_of_date(site, capsys):
    """A week's `date:` and its entries' `day:` read the same forms: `02-01-2026` and
    "Ngày 03 tháng 01 năm 2026" (as `date:` takes them) were refused with "is not a day of
    the week from 29/12/2025 to 04/01/2026", though they were; a day's name before the
    date, as schedules write it, was refused too."""
    site.settings(SETTINGS)
    site.write("lich-cong-tac/tuan-1.md", week(
        "Tuần 1", "Thứ Hai, 29/12/2025",
        {"day": "Thứ Hai, 29/12", "content": "Giao ban"},
        {"day": "Thứ 5 (01/01)", "content": "Nghỉ Tết"},
        {"day": "02-01-2026", "content": "Họp"},
        {"day": "Ngày 03 tháng 01 năm 2026", "content": "Trực"},
        {"day": "Chủ nhật, 04.01.2026", "content": "Văn nghệ"}))
    assert site.build("--now", "2026-01-01 08:00") == 0
    page = site.html("lich-cong-tac/tuan-1/index.html")
    days = [th.time["datetime"] for th in page.select(".schedule-table tbody th")]
    assert days == ["2025-12-29", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]
    site.write("lich-cong-tac/tuan-1.md", week(
        "Tuần 1", "29/12/2025", {"day": "hôm sau", "content": "Họp"}))
    assert site.build() == 1
    path = site.content / "lich-cong-tac" / "tuan-1.md"
    assert (f"{path}:5: entries: day 'hôm sau' is not a date: write a day of the week from "
            "29/12/2025 to 04/01/2026 as 29/12/2025, 29/12 or 2025-12-29"
            ) in capsys.readouterr().err


def test_afternoon_times_are_afternoon_on_the_page_and_in_the_calendar(site):
    """"2:00 CH" (the site's own word for p.m., as its dates show) and "3 giờ chiều" were
    read as 2 and 3 in the morning: Google Calendar put the meetings in the night."""
    site.settings(SETTINGS)
    site.write("lich-cong-tac/tuan.md", week(
        "Tuần", "05/01/2026",
        {"day": "05/01/2026", "time": "2:00 CH", "content": "Một"},
        {"day": "06/01/2026", "time": "3 giờ chiều", "content": "Hai"},
        {"day": "07/01/2026", "time": "1:30 - 4:00 CH", "content": "Ba"},
        {"day": "08/01/2026", "time": "9:00 - 11:30 SA", "content": "Bốn"},
        {"day": "09/01/2026", "time": "11:00 SA - 1:00 CH", "content": "Năm"},
        {"day": "10/01/2026", "time": "7 giờ tối", "content": "Sáu"},
        {"day": "11/01/2026", "time": "Chiều: 2h00 - 4h30", "content": "Bảy"},
        {"day": "11/01/2026", "time": "Sáng 7h30", "content": "Tám"}))
    assert site.build("--now", "2026-01-06 08:00") == 0
    events = {str(e["SUMMARY"]): e for e in read_calendar(
        site, "lich-cong-tac/tuan/lich.ics").walk("VEVENT")}
    hours = {name: (e.decoded("DTSTART").astimezone(timezone.utc).hour,
                    e.decoded("DTEND").astimezone(timezone.utc).hour if "DTEND" in e else None)
             for name, e in events.items()}  # Vietnam is UTC+7
    assert hours == {"Một": (7, None), "Hai": (8, None), "Ba": (6, 9), "Bốn": (2, 4),
                     "Năm": (4, 6), "Sáu": (12, None), "Bảy": (7, 9), "Tám": (0, None)}
    times = [t["datetime"] for t in site.html("lich-cong-tac/tuan/index.html").select(
        ".schedule-table td time")]
    assert times[0] == "2026-01-05T14:00:00+07:00"


def test_a_kind_of_feature_schedule_or_album_reads_its_rows_without_more(site, capsys):
    """A second schedule (or album) kind declared with `feature: schedule`, as the README
    says what only code adds to a kind comes with its feature: its weeks were published
    empty, each file warned that `entries` was a field of lich-cong-tac only, and the
    photos' captions of an album kind were dropped the same way."""
    site.settings(SETTINGS + """\
kinds:
  lich-ubnd:
    folder: lich-ubnd
    url: /lich-ubnd/{slug}/
    template: schedule.html
    feature: schedule
  anh-hd:
    folder: anh-hoat-dong
    match: "*/index.md"
    url: /anh-hoat-dong/{slug}/
    template: album.html
    feature: album
""")
    site.write("lich-ubnd/tuan-1.md", week("Tuần 1", "04/11/2024",
                                          {"day": "05/11/2024", "content": "Họp"}))
    site.write("anh-hoat-dong/le/index.md", "---\ntitle: Lễ\ndate: 01/11/2024\nphotos:\n"
               "  - file: x.jpg\n    caption: Toàn cảnh\n---\n")
    photo(site.content / "anh-hoat-dong" / "le" / "x.jpg", (640, 480))
    assert site.build("--now", "2024-11-06 08:00") == 0
    assert "warning" not in capsys.readouterr().err
    cells = site.html("lich-ubnd/tuan-1/index.html").select(".schedule-table tbody td")
    assert "Họp" in [td.get_text(strip=True) for td in cells]
    album = site.html("anh-hoat-dong/le/index.html")
    assert album.select_one(".photo-grid figcaption").get_text() == "Toàn cảnh"


def test_a_listed_file_of_another_format_is_told_as_such(site, capsys):
    """A scan (.tif) or a phone's photo (.HEIC) listed under `photos:` and saved in the
    album's folder was told "no photo 'scan.tif' in the album's folder": staff looked at
    the file, there, and could not see what was wrong."""
    album_site(site)
    (site.content / "thu-vien-anh" / "hoi-nghi" / "scan.tif").write_bytes(b"II*\0")
    site.write("thu-vien-anh/hoi-nghi/index.md", "\n".join([
        "---", "title: Hội nghị", "date: 20/11/2024", "photos:",
        "  - file: scan.tif", "    caption: Bản quét", "---", ""]))
    assert site.build() == 1
    path = site.content / "thu-vien-anh/hoi-nghi/index.md"
    assert (f"{path}:5: photos: 'scan.tif' is not a photo a browser shows: save it as .jpg, "
            ".jpeg, .png, .webp or .gif") in capsys.readouterr().err


def test_an_english_week_reads_its_times_in_english(site):
    """A week with `lang: en` (shown with English words) read "2:00 PM" as 2 a.m."""
    site.settings(SETTINGS)
    text = week("Week 2", "05/01/2026", {"day": "06/01/2026", "time": "2:00 PM",
                                         "content": "Meeting"})
    site.write("lich-cong-tac/week-2.md", text.replace("---\n", "---\nlang: en\n", 1))
    assert site.build("--now", "2026-01-06 08:00") == 0
    event = read_calendar(site, "lich-cong-tac/week-2/lich.ics").walk("VEVENT")[0]
    assert event.decoded("DTSTART") == datetime(2026, 1, 6, 7, 0, tzinfo=timezone.utc)


def test_an_english_week_kept_from_a_vietnamese_one_reads_its_sa_and_ch(site):
    """An English week translated from a Vietnamese one, its times kept as written ("2:00
    CH"), put the meeting at 2 a.m. in the calendar without a word: an English week knew
    AM/PM and "chiều", not the site's own SA/CH."""
    site.settings(SETTINGS)
    text = week("Week 2", "05/01/2026", {"day": "06/01/2026", "time": "2:00 CH",
                                         "content": "Meeting"},
                {"day": "07/01/2026", "time": "9:30 SA - 11:00 AM", "content": "Visit"})
    site.write("lich-cong-tac/week-2.md", text.replace("---\n", "---\nlang: en\n", 1))
    assert site.build("--now", "2026-01-06 08:00") == 0
    events = read_calendar(site, "lich-cong-tac/week-2/lich.ics").walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [
        datetime(2026, 1, 6, 7, 0, tzinfo=timezone.utc),
        datetime(2026, 1, 7, 2, 30, tzinfo=timezone.utc)]
    assert events[1].decoded("DTEND") == datetime(2026, 1, 7, 4, 0, tzinfo=timezone.utc)


def test_an_album_s_description_is_read_and_shown(site, capsys):
    """An album's index file of a title, a date and a description (`description:`, as the
    issue and other generators name it) was warned "unknown front matter key 'description'"
    and the description was shown nowhere. It is the album's summary now: on its page
    (which has no other text), in the list of albums and in the page's description."""
    site.settings(SETTINGS)
    photo(site.content / "thu-vien-anh" / "le-hoi" / "mua.jpg", (640, 480))
    site.write("thu-vien-anh/le-hoi/index.md", "---\ntitle: Lễ hội Katê\ndate: 22/10/2025\n"
               "description: Những hình ảnh tại Lễ hội Katê của đồng bào Chăm.\n---\n")
    assert site.build() == 0
    assert "description" not in capsys.readouterr().err
    text = "Những hình ảnh tại Lễ hội Katê của đồng bào Chăm."
    page = site.html("thu-vien-anh/le-hoi/index.html")
    assert page.select_one("main .album .summary").get_text(strip=True) == text
    assert page.select_one('meta[property="og:description"]')["content"] == text
    listing = site.html("thu-vien-anh/index.html")
    assert listing.select_one(".album-list .summary").get_text(strip=True) == text


def test_an_album_s_text_is_shown_once(site):
    """With a text of its own, an album's page shows that text, not its summary too."""
    site.settings(SETTINGS)
    site.write("thu-vien-anh/le-hoi/index.md", "---\ntitle: Lễ hội\ndate: 22/10/2025\n"
               "description: Ảnh lễ hội.\n---\nSáng 22/10, lễ hội khai mạc.\n")
    assert site.build() == 0
    page = site.html("thu-vien-anh/le-hoi/index.html")
    assert page.select("main .album .summary") == []
    assert page.select_one("main .album .body").get_text(strip=True) == (
        "Sáng 22/10, lễ hội khai mạc.")


def test_a_summary_and_a_description_both_written_are_told(site, capsys):
    site.settings(SETTINGS)
    path = site.write("2024/a.md", article("Bài", "2024-11-01", summary="Tóm tắt.",
                                           description="Mô tả."))
    assert site.build() == 0
    assert (f"{path}:5: warning: description is not read: summary says what it would "
            "say (keep one of them)") in capsys.readouterr().err
    assert site.html("2024/11/a/index.html").select_one(
        'meta[property="og:description"]')["content"] == "Tóm tắt."


def test_unlisted_photos_follow_in_the_order_a_file_window_shows_them(site):
    """Photos named by number (anh-1.jpg ... anh-12.jpg, as staff or a camera name them)
    came 1, 10, 11, 12, 2, ...; a capital letter (IMG_5.JPG) came before every small one.
    Numbers are in their order now, letters whatever their case."""
    site.settings(SETTINGS)
    folder = site.content / "thu-vien-anh" / "hoi-thao"
    names = ["anh-10.jpg", "anh-2.jpg", "Anh-3.JPG", "anh-1.jpg", "anh-12.jpg", "b.png"]
    for name in names:
        photo(folder / name, (40, 30))
    site.write("thu-vien-anh/hoi-thao/index.md", "---\ntitle: Hội thao\ndate: 01/11/2024\n---\n")
    assert site.build() == 0
    page = site.html("thu-vien-anh/hoi-thao/index.html")
    shown = [unquote(a["href"]).rsplit("/", 1)[1] for a in page.select(".photo-grid a")]
    assert shown == ["anh-1.jpg", "anh-2.jpg", "Anh-3.JPG", "anh-10.jpg", "anh-12.jpg", "b.png"]


def test_a_week_without_meetings_has_a_calendar_importers_take(site):
    """A week published before its meetings are known wrote a calendar of no component at
    all, which RFC 5545 forbids (`1*component`) and importers may refuse: it now holds the
    site's time zone, and still no event."""
    site.settings(SETTINGS + "timezone: Asia/Bangkok\n")
    site.write("lich-cong-tac/tuan-50.md",
               '---\ntitle: "Tuần 50"\ndate: 09/12/2024\n---\n\nLịch sẽ cập nhật sau.\n')
    assert site.build("--now", "2024-12-10") == 0
    for rel in ("lich-cong-tac/tuan-50/lich.ics", "lich-cong-tac/lich.ics"):
        cal = read_calendar(site, rel)
        assert cal.walk("VEVENT") == []
        assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Asia/Bangkok"]


def test_a_photo_may_be_captioned_by_its_name_and_caption_on_one_line(site):
    """"Captions from a small YAML list": `- toan-canh.jpg: Toàn cảnh` was 'unknown column
    'toan-canh.jpg'' and stopped the build; it is the photo and its caption, as
    `file:` and `caption:` are."""
    album_site(site)
    site.write("thu-vien-anh/hoi-nghi/index.md", "\n".join([
        "---", "title: Hội nghị", "date: 20/11/2024", "photos:",
        "  - c-nho.png: Ảnh nhỏ", "  - file: b-toan-canh.jpg", "    caption: Toàn cảnh",
        "---", ""]))
    assert site.build() == 0
    cells = site.html("thu-vien-anh/hoi-nghi/index.html").select(".photo-grid figure")
    assert [(unquote(f.a["href"]).rsplit("/", 1)[-1], f.figcaption.text) for f in cells] == [
        ("c-nho.png", "Ảnh nhỏ"), ("b-toan-canh.jpg", "Toàn cảnh"),
        ("a-dai_bieu.jpg", "A dai bieu")]


def english_items(site):
    """An English album, week and văn bản, on the settings of these tests."""
    site.settings(SETTINGS)
    photo(site.content / "thu-vien-anh" / "visit" / "a.jpg", (640, 480))
    site.write("thu-vien-anh/visit/index.md",
               "---\ntitle: Delegation visit\ndate: 20/11/2024\nlang: en\n---\n")
    site.write("lich-cong-tac/week-48.md", "---\ntitle: Week 48\ndate: 25/11/2024\nlang: en\n"
               "entries:\n  - day: 26/11/2024\n    time: \"2:00 PM\"\n    content: Meeting\n---\n")
    site.write("van-ban/plan.md", "---\ntitle: Investment plan\nnumber: 12/KH-UBND\n"
               "doc_type: Plan\nissuer: People's Committee\nissued: 2024-11-02\nlang: en\n---\n")


def test_english_albums_weeks_and_documents_lead_home_to_the_english_home(site):
    """Issue 15: an English page's chrome is English. On an English album or week the
    breadcrumb's 'Home' led to the Vietnamese home page (articles and pages lead to the
    English one); an English văn bản, listed on /en/, was a Vietnamese page (lang="vi",
    'Trang chủ', 'Số ký hiệu'); an album of one photo said '1 photos'."""
    english_items(site)
    assert site.build("--now", "2024-11-27") == 0
    for rel in ("thu-vien-anh/visit/index.html", "lich-cong-tac/week-48/index.html",
                "van-ban/plan/index.html"):
        home = site.html(rel).select_one(".breadcrumbs a")
        assert (home["href"], home.text) == ("/en/", "Information in English"), rel
    document = site.html("van-ban/plan/index.html")
    assert document.html["lang"] == "en" and "Number" in document.find("main").get_text()
    meta = site.html("thu-vien-anh/visit/index.html").select_one(".album .meta")
    assert meta.get_text(" ", strip=True).endswith("1 photo")


def test_items_of_another_language_are_marked_so_in_every_list(site):
    """An English album, week or văn bản was listed on /thu-vien-anh/, /lich-cong-tac/,
    /van-ban/ and in the home page's boxes as Vietnamese text (no `lang`), as news was
    before; a Vietnamese văn bản in an English article's "Related documents", and a
    Vietnamese article citing an English văn bản, as English, which `check --portal`
    then told staff to translate. Each is marked with its own language, as news is."""
    english_items(site)
    site.write("van-ban/kh.md", "---\ntitle: Kế hoạch đầu tư công\nnumber: 13/KH-UBND\n"
               "doc_type: Kế hoạch\nissuer: UBND xã\nissued: 2024-11-03\n---\n")
    site.write("2024/vi.md", article("Hội nghị xúc tiến đầu tư", "2024-11-05 08:00",
                                     documents="[12/KH-UBND, 13/KH-UBND]"))
    site.write("2024/en.md", article("Investment conference", "2024-11-06 08:00", lang="en",
                                     documents="[13/KH-UBND]"))
    assert site.build("--now", "2024-11-27") == 0
    home = site.html("index.html")
    assert home.select_one("#album-moi .album-cover a")["lang"] == "en"
    assert home.select_one("#lich-cong-tac li a")["lang"] == "en"
    assert site.html("thu-vien-anh/index.html").select_one(".album-list li")["lang"] == "en"
    weeks = site.html("lich-cong-tac/index.html")
    assert weeks.select_one(".cards li")["lang"] == "en"
    assert weeks.select_one(".this-week [lang]").get_text() == "Week 48"
    rows = {tr.select_one(".doc-number").get_text(): tr.get("lang")
            for tr in site.html("van-ban/index.html").select(".doc-list tbody tr")}
    assert rows == {"12/KH-UBND": "en", "13/KH-UBND": None}
    boxes = {rel: [li.get("lang") for li in site.html(rel).select("#van-ban-lien-quan li")]
             for rel in ("2024/11/vi/index.html", "2024/11/en/index.html")}
    assert boxes == {"2024/11/vi/index.html": ["en", None], "2024/11/en/index.html": ["vi"]}
    cited = lambda rel: [li.get("lang") for li in site.html(rel).select(".doc-cited li")]
    assert cited("van-ban/plan/index.html") == ["vi"]
    assert cited("van-ban/kh/index.html") == ["en", None]


def test_an_english_week_s_calendar_labels_its_meetings_in_english(site):
    """The calendar of an English week described each meeting with Vietnamese labels,
    "Thời gian: 2:00 PM\\nChủ trì: Chairman", in the reader's Google Calendar or Outlook,
    where its page says "Time" and "Chaired by"."""
    site.settings(SETTINGS)
    site.write("lich-cong-tac/week-48.md", "---\ntitle: Week 48\ndate: 25/11/2024\nlang: en\n"
               "entries:\n  - day: 26/11/2024\n    time: \"2:00 PM\"\n    content: Meeting\n"
               "    chair: Chairman\n---\n")
    site.write("lich-cong-tac/tuan-49.md", week("Tuần 49", "02/12/2024", {
        "day": "03/12/2024", "time": "8:00", "content": "Giao ban", "chair": "Chủ tịch"}))
    assert site.build("--now", "2024-11-27") == 0
    described = lambda rel: [str(e["DESCRIPTION"])
                             for e in read_calendar(site, rel).walk("VEVENT")]
    assert described("lich-cong-tac/week-48/lich.ics") == ["Time: 2:00 PM\nChaired by: Chairman"]
    assert described("lich-cong-tac/lich.ics") == ["Time: 2:00 PM\nChaired by: Chairman",
                                                   "Thời gian: 8:00\nChủ trì: Chủ tịch"]


def test_an_evening_meeting_past_midnight_ends_the_next_day(site, capsys):
    """"23:00 - 0:30" (the New Year's Eve programme) and a night's duty "22h - 6h" were
    told "does not end after it starts", and the calendar gave them no end: they end
    the next morning. "9:00 - 8:00" is still told."""
    site.settings(SETTINGS)
    site.write("lich-cong-tac/tuan-1.md", week(
        "Tuần 1", "29/12/2025",
        {"day": "31/12/2025", "time": "23:00 - 0:30", "content": "Đón giao thừa"},
        {"day": "01/01/2026", "time": "22h - 6h", "content": "Trực cơ quan"},
        {"day": "02/01/2026", "time": "9:00 - 8:00", "content": "Họp"}))
    assert site.build("--now", "2025-12-30") == 0
    err = capsys.readouterr().err
    assert "'23:00 - 0:30'" not in err and "'22h - 6h'" not in err and "'9:00 - 8:00'" in err
    events = read_calendar(site, "lich-cong-tac/tuan-1/lich.ics").walk("VEVENT")
    utc = lambda *moment: datetime(*moment, tzinfo=timezone.utc)
    assert [(e.decoded("DTSTART"), e.decoded("DTEND") if "DTEND" in e else None)
            for e in events] == [(utc(2025, 12, 31, 16, 0), utc(2025, 12, 31, 17, 30)),
                                 (utc(2026, 1, 1, 15, 0), utc(2026, 1, 1, 23, 0)),
                                 (utc(2026, 1, 2, 2, 0), None)]


def test_the_list_of_an_english_item_s_kind_is_named_in_english(site):
    """An English album of a kind titled "Ảnh hoạt động" led back to "Ảnh hoạt động" in
    its breadcrumb and its tab's title, though `english_names:` gives "Activity photos",
    and `check --portal` told staff to give an English name they had given; a kind
    without one was not marked Vietnamese. So for a second document kind ("Công văn")."""
    site.settings(SETTINGS + """\
english_names:
  Ảnh hoạt động: Activity photos
fields:
  photos: {type: records, kinds: [album, anh-hd]}
kinds:
  anh-hd:
    folder: anh-hoat-dong
    match: "*/index.md"
    url: /anh-hoat-dong/{slug}/
    template: album.html
    date: required
    list_url: /anh-hoat-dong/
    title: Ảnh hoạt động
    feature: album
  cong-van:
    folder: cong-van
    url: /cong-van/{slug}/
    template: document.html
    date: issued
    list_url: /cong-van/
    title: Công văn
    feature: document
""")
    photo(site.content / "anh-hoat-dong" / "visit" / "a.jpg", (640, 480))
    site.write("anh-hoat-dong/visit/index.md",
               "---\ntitle: Delegation visit\ndate: 20/11/2024\nlang: en\n---\n")
    site.write("cong-van/cv.md", "---\ntitle: Letter on investment\nnumber: 15/CV-UBND\n"
               "doc_type: Letter\nissuer: People's Committee\nissued: 2024-11-02\nlang: en\n---\n")
    assert site.build() == 0
    album = site.html("anh-hoat-dong/visit/index.html")
    back = album.select_one(".breadcrumbs a[href='/anh-hoat-dong/']")
    assert (back.text, back.get("lang")) == ("Activity photos", None)
    assert album.title.text == "Delegation visit - Activity photos - Trang thông tin điện tử"
    back = site.html("cong-van/cv/index.html").select_one(".breadcrumbs a[href='/cong-van/']")
    assert (back.text, back.get("lang")) == ("Công văn", "vi")


def test_two_schedules_weeks_of_one_name_give_their_meetings_distinct_ids(site):
    """A meeting is known to a calendar by its UID, which RFC 5545 wants unique everywhere:
    the Party committee's tuan-48 and the People's committee's tuan-48 gave theirs the same
    ones, and a calendar subscribed to both showed one meeting where there were two."""
    site.settings(SETTINGS + """\
kinds:
  lich-ubnd:
    folder: lich-ubnd
    url: /lich-ubnd/{slug}/
    template: schedule.html
    feature: schedule
""")
    for folder in ("lich-cong-tac", "lich-ubnd"):
        site.write(f"{folder}/tuan-48.md", week("Tuần 48", "25/11/2024",
                                                {"day": "25/11/2024", "content": "Giao ban"}))
    assert site.build("--now", "2024-11-26 08:00") == 0
    ids = [str(event["UID"]) for folder in ("lich-cong-tac", "lich-ubnd")
           for event in read_calendar(site, f"{folder}/tuan-48/lich.ics").walk("VEVENT")]
    assert len(ids) == 2 and len(set(ids)) == 2
