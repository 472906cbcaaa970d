from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_gen.stages.markup import make_converter, plain_html
from site_gen.core.text import format_posted, format_stamp, make_slug, parse_date, shorten, slug_from_filename

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
MERIDIEM = ("SA", "CH")


@pytest.mark.parametrize("text, expected", [
    ("Đảng bộ", "dang-bo"),
    ("Huyện ủy Ninh Hải: hội nghị “Dân vận khéo”", "huyen-uy-ninh-hai-hoi-nghi-dan-van-kheo"),
    ("ĐOÀN THANH NIÊN", "doan-thanh-nien"),
])
def test_slugs_are_ascii(text, expected):
    assert make_slug(text) == expected


def test_file_name_slug_drops_a_date_prefix():
    assert slug_from_filename("2024-11-22-Hội nghị") == "hoi-nghi"


@pytest.mark.parametrize("text, expected", [
    ("2024-11-22", datetime(2024, 11, 22, 0, 0)),
    ("2024-11-22 08:00", datetime(2024, 11, 22, 8, 0)),
    ("2024-11-22 08:00:30", datetime(2024, 11, 22, 8, 0, 30)),
    ("2024-11-22T08:00", datetime(2024, 11, 22, 8, 0)),
    ("2024-11-22T08:00:00+07:00", datetime(2024, 11, 22, 8, 0)),
    ("2024-11-22T01:00:00Z", datetime(2024, 11, 22, 8, 0)),
    ("2024-11-22 03:00:00+02:00", datetime(2024, 11, 22, 8, 0)),
    ("22/11/2024", datetime(2024, 11, 22, 0, 0)),
    ("22/11/2024 08:00", datetime(2024, 11, 22, 8, 0)),
    ("2/3/2024 8:05", datetime(2024, 3, 2, 8, 5)),
    ("20/12/2024 9:12 SA", datetime(2024, 12, 20, 9, 12)),
    ("30/03/2022 3:56 CH", datetime(2022, 3, 30, 15, 56)),
    ("30/03/2022 12:10 SA", datetime(2022, 3, 30, 0, 10)),
    ("22 - 11 - 2024", datetime(2024, 11, 22, 0, 0)),  # as the portal shows it
    ("22/11/2024 - 08:00", datetime(2024, 11, 22, 8, 0)),
    ("22/11/2024, 8h05", datetime(2024, 11, 22, 8, 5)),
    ("22/11/2024 lúc 9:12 SA", datetime(2024, 11, 22, 9, 12)),
    ("Ngày 22 tháng 11 năm 2024", datetime(2024, 11, 22, 0, 0)),
    ("ngày 2 tháng 3 năm 2024 14:30", datetime(2024, 3, 2, 14, 30)),
    ("22 tháng 11, 2024", datetime(2024, 11, 22, 0, 0)),
    ("NGÀY 22 THÁNG 11 NĂM 2024", datetime(2024, 11, 22, 0, 0)),
])
def test_date_forms_read_in_the_site_time_zone(text, expected):
    moment = parse_date(text, HCM, MERIDIEM)
    assert moment.tzinfo is not None
    assert moment.astimezone(HCM).replace(tzinfo=None) == expected


def test_a_date_without_offset_is_not_utc():
    moment = parse_date("2024-11-22 00:30", HCM, MERIDIEM)
    assert moment.astimezone(timezone.utc) == datetime(2024, 11, 21, 17, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["2024-13-01", "31/02/2024", "hôm qua", "22/11/24", "2024-11-22 25:00",
                                  "20/12/2024 13:12 CH", "", "ngày 31 tháng 2 năm 2024",
                                  "22 tháng 11", "22/11/2024 lúc"])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_date(text, HCM, MERIDIEM)


@pytest.mark.parametrize("hour, minute, expected", [
    (9, 12, "20/12/2024 9:12 SA"),
    (0, 5, "20/12/2024 12:05 SA"),
    (12, 0, "20/12/2024 12:00 CH"),
    (15, 56, "20/12/2024 3:56 CH"),
    (23, 59, "20/12/2024 11:59 CH"),
])
def test_list_date_uses_sa_and_ch(hour, minute, expected):
    assert format_stamp(datetime(2024, 12, 20, hour, minute, tzinfo=HCM), MERIDIEM) == expected


def test_posted_date_format():
    assert format_posted(datetime(2024, 11, 2, 8, 0, tzinfo=HCM)) == "02 - 11 - 2024"


SEED_CUTS = [
    ("Huyện ủy Ninh Hải tổ chức Cuộc thi Báo ảnh “ Chào mừng Đại hội Đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc",
     "Huyện ủy Ninh Hải tổ chức Cuộc thi Báo ảnh “ Chào mừng Đại hội Đảng bộ các cấp tiến tới Đại hội..."),
    ("Ban Tuyên giáo hướng dẫn tổ chức học tập, quán triệt và triển khai thực hiện Chỉ thị 09-CT/TW, ngày 18/01/2022",
     "Ban Tuyên giáo hướng dẫn tổ chức học tập, quán triệt và triển khai thực hiện Chỉ thị 09-CT/TW,..."),
    ("Ban Tuyên giáo học tập, quán triệt, tuyên truyền chuyên đề năm 2022 “Học tập và làm theo tư tưởng, đạo đức",
     "Ban Tuyên giáo học tập, quán triệt, tuyên truyền chuyên đề năm 2022 “Học tập và làm theo tư..."),
]


@pytest.mark.parametrize("title, expected", SEED_CUTS)
def test_long_titles_cut_at_a_word_like_the_portal(title, expected):
    assert shorten(title, 95) == expected


def test_short_titles_stay_whole():
    title = "x" * 95
    assert shorten(title, 95) == title
    assert shorten("a " * 47 + "b", 95) == "a " * 47 + "b"


def test_one_endless_word_is_cut_hard():
    assert shorten("y" * 120, 95) == "y" * 95 + "..."


PLAIN_OR_NOT = st.text(alphabet=list("aăđĐêơ xyz019.,;:-+()\"'“”…?\n\u00a0\u2028\t*_#<&[]|"), max_size=60)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(PLAIN_OR_NOT)
def test_the_plain_paragraph_shortcut_writes_what_python_markdown_writes(text):
    fast = plain_html(text)
    if fast is not None:
        converter = make_converter()
        assert fast == converter.convert(text)


def test_plain_paragraphs_skip_markdown_and_anything_else_does_not():
    assert plain_html("Đoạn một,\ndòng hai.\n\n\nĐoạn “hai” – 2024: 5%.\n") == (
        "<p>Đoạn một,\ndòng hai.</p>\n<p>Đoạn “hai” – 2024: 5%.</p>")
    for text in ("**đậm**", "1. Mục", "- mục", "Dòng  \nngắt", "    mã", "[liên kết](a.md)",
                 "Tiêu đề\n===", "a | b", "\tthụt"):
        assert plain_html(text) is None, text


def test_a_date_too_long_to_read_is_quoted_by_its_beginning():
    with pytest.raises(ValueError) as caught:
        parse_date("9" * 5000, HCM, MERIDIEM)
    message = str(caught.value)
    assert len(message) < 200 and f"'{'9' * 60}…'" in message
