"""Import of single pages: hostile markup, encodings, the date, time and view forms of the
portals, a title only in <title>, a profile for an odd portal, pages that are not articles."""

import re
import sys
from contextlib import redirect_stdout
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from conftest import REPO
from site_gen.commands.cli import main
from site_gen.commands.importing.cues import load_cues, read_views
from site_gen.commands.importing.html_page import shown_date
from site_gen.commands.importing.source import decode_page
from test_import import front
from test_import_layouts import LAYOUTS_DIR, run_import

sys.path.insert(0, str(LAYOUTS_DIR))
from common import cp1258  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CUES = load_cues()
TEXT = ("Huyện ủy Ninh Hải tổ chức hội nghị sơ kết công tác dân vận năm 2024 với sự tham dự của "
        "đại diện các ban, ngành, đoàn thể và Ủy ban nhân dân các xã, thị trấn trên địa bàn huyện.")


def page(body, title="Tin thử nghiệm", head='<meta charset="utf-8">'):
    return f"<html><head>{head}<title>{title}</title></head><body>{body}</body></html>"


def save(tmp_path, name, text, encoding="utf-8"):
    folder = tmp_path / "saved"
    folder.mkdir(exist_ok=True)
    data = cp1258(text) if encoding == "windows-1258" else text.encode(encoding)
    (folder / name).write_bytes(data)
    return folder


def only_article(site):
    [path] = site.content.rglob("*.md")
    return front(path)


HOSTILE = page(f"""
<h1>Tin thử nghiệm nội dung độc hại</h1><p>Đăng ngày 22 - 11 - 2024</p>
<div class="content">
<p>Chữ &lt;script&gt;alert(1)&lt;/script&gt; là chữ, không chạy. {TEXT}</p>
<p onclick="alert(2)">Bấm <a href="javascript:alert(3)">vào đây</a>, ảnh <img src="data:image/png;base64,AAAA" alt="nhúng">
<script>alert(4)</script><iframe src="https://evil.example/"></iframe> và <a href="https://chinhphu.vn/">Chính phủ</a>.</p>
<p>1. Không phải danh sách; # không phải tiêu đề; a &amp;lt; b &amp; c.</p></div>
<h3>Tin liên quan</h3><ul><li><a href="javascript:alert(5)">Một tin liên quan có địa chỉ độc hại</a></li>
<li><a href="data:text/html,x">Một tin liên quan khác có địa chỉ độc hại</a></li></ul>""")


def test_hostile_markup_is_sanitised_and_escaped_text_stays_text(site, tmp_path):
    code, _ = run_import(site, save(tmp_path, "doc-hai.html", HOSTILE))
    assert code == 0
    _, body = only_article(site)
    assert "Chữ &lt;script&gt;alert(1)&lt;/script&gt; là chữ" in body
    for bad in ("<script", "javascript:", "data:", "alert(2)", "alert(3)", "alert(4)", "evil", "onclick"):
        assert bad not in body
    assert "[Chính phủ](https://chinhphu.vn/)" in body
    fields, _ = only_article(site)
    assert fields["related"] == []
    assert site.build() == 0
    [html] = [p for p in site.output.rglob("index.html") if "noi-dung-doc-hai" in str(p)]
    from bs4 import BeautifulSoup

    article = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(".article .body")
    assert article.find(["script", "iframe", "ol"]) is None
    assert not [a for a in article.find_all("a") if not a.get("href", "").startswith("https://")]
    text = article.get_text()
    assert "Chữ <script>alert(1)</script> là chữ" in text
    assert "1. Không phải danh sách; # không phải tiêu đề; a &lt; b & c." in text


HASHTAGS = page(f"""
<h1>Ngày hội chuyển đổi số xã Vĩnh Hải năm 2025</h1><p>Ngày đăng: 12/04/2025 10:20</p>
<div class="content"><p>{TEXT}</p>
<p>Dòng đầu của đoạn
# dòng thứ hai bắt đầu bằng dấu thăng
- dòng thứ ba bắt đầu bằng gạch
---</p>
<p>Bài viết có các thẻ:<br>#NinhThuận #ChuyểnĐổiSố</p>
<p>#VĩnhHải #NgàyHộiSố</p></div>""")


def test_hashtags_and_line_starts_in_the_text_stay_text(site, tmp_path):
    """Python-Markdown reads a line beginning with `#` as a heading, space or not: a
    paragraph of hashtags (#NinhThuận, pasted from the office's Facebook page), or a line of
    a paragraph after its first, became an <h1> of the imported article."""
    code, _ = run_import(site, save(tmp_path, "hashtag.html", HASHTAGS))
    assert code == 0
    assert site.build() == 0
    [html] = [p for p in site.output.rglob("index.html") if "ngay-hoi-chuyen-doi-so" in str(p)]
    from bs4 import BeautifulSoup

    body = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(".article .body")
    assert body.find(["h1", "h2", "h3", "ul", "hr"]) is None, body
    paragraphs = [" ".join(p.get_text().split()) for p in body.find_all("p")]
    assert paragraphs[1:] == [
        "Dòng đầu của đoạn # dòng thứ hai bắt đầu bằng dấu thăng - dòng thứ ba bắt đầu bằng "
        "gạch ---", "Bài viết có các thẻ: #NinhThuận #ChuyểnĐổiSố", "#VĩnhHải #NgàyHộiSố"]


@pytest.mark.parametrize("encoding, head", [
    ("windows-1258", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'),
    ("windows-1258", ""),
    ("windows-1258", '<meta charset="utf-8">'),  # declared wrongly: the bytes decide
    ("windows-1258", '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'),
    ("windows-1258", '<meta charset="windows-1252">'),
    ("utf-8", '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'),
    ("utf-8", '<meta charset="windows-1258">'),
    ("utf-8", ""),
])
def test_pages_read_in_their_encoding(encoding, head):
    text = page(f"<h1>Hội nghị Ban Chấp hành Đảng bộ huyện</h1><p>{TEXT}</p>", head=head)
    data = cp1258(text) if encoding == "windows-1258" else text.encode("utf-8")
    assert decode_page(data) == text


@pytest.mark.parametrize("shown, expected", [
    ("Đăng ngày 22 - 11 - 2024", "2024-11-22 00:00 no time"),
    ("Ngày đăng: 22/11/2024 08:00", "2024-11-22 08:00"),
    ("Cập nhật lúc 08:00, 22/11/2024", "2024-11-22 08:00"),
    ("Thứ Sáu, 22/11/2024 - 08:00", "2024-11-22 08:00"),
    ("Đăng lúc 22/11/2024 8:00:00 SA", "2024-11-22 08:00"),
    ("Ngày đăng: 22/11/2024 2:30:00 CH", "2024-11-22 14:30"),
    ("Cập nhật: 12:05 CH, 01/12/2024", "2024-12-01 12:05"),
    ("Đăng ngày: 2024-11-22 08:00", "2024-11-22 08:00"),
    ("Ngày 22 tháng 11 năm 2024", "2024-11-22 00:00 no time"),
    ("Thứ Sáu, ngày 22 tháng 11 năm 2024, 08:00", "2024-11-22 08:00"),
    ("22/11/24 08:00", "2024-11-22 08:00"),
    ("08 giờ 05 phút, ngày 22/11/2024", "2024-11-22 08:05"),
    ("2024/11/22 08:00", "2024-11-22 08:00"),
    ("Ngày đăng: 2024-11-22T08:00:00+07:00", "2024-11-22 08:00"),  # a machine date shown
    ("Ngày đăng: 2024-11-22T01:00:00Z", "2024-11-22 08:00"),  # in the site's time zone
    ("Đăng ngày 22/11/2024 lúc 3:05 chiều", "2024-11-22 15:05"),  # WordPress's "g:i a" in Vietnamese
    ("Đăng ngày 22/11/2024 lúc 9:05 sáng", "2024-11-22 09:05"),
    ("Cập nhật lúc 8:30 tối, 22/11/2024", "2024-11-22 20:30"),
    ("Thứ Sáu, 22/11/2024 - 12:10 chiều", "2024-11-22 12:10"),
    ("Đăng ngày Tháng 11 22, 2024", "2024-11-22 00:00 no time"),  # WordPress's "F j, Y" in Vietnamese
    ("Đăng ngày Tháng Mười Một 22, 2024", "2024-11-22 00:00 no time"),
    ("22 Tháng Mười Hai, 2024 lúc 3:05 chiều", "2024-12-22 15:05"),
    ("Tháng Một 5, 2025 9:00 sáng", "2025-01-05 09:00"),
    ("Ngày đăng: 22/11/2024 | Giờ đăng: 09:12", "2024-11-22 09:12"),  # the time on its own
    ("Ngày: 22/11/2024 - Giờ: 14:05", "2024-11-22 14:05"),
])
def test_date_and_time_forms(shown, expected):
    moment = shown_date(f"{shown} | Lượt xem: 5. Ngày 20/11/2024, ...", CUES, TZ, ("SA", "CH"))
    text = f"{moment.at(TZ):%Y-%m-%d %H:%M}" + ("" if moment.clock else " no time")
    assert text == expected


@pytest.mark.parametrize("shown, views", [
    ("Lượt xem: 52", 52), ("Số lượt xem: 1.052", 1052), ("52 lượt xem", 52), ("Lượt đọc: 52", 52),
    ("LƯỢT XEM 7", 7), ("Tổng lượt truy cập: 123.456", None), ("", None),
    ("Số lần xem: 77", 77), ("Đã xem: 1,234", 1234), ("(52 lần đọc)", 52), ("Views: 52", 52),
    # read as none and as 1 (a helper's acceptance check)
    ("Lượt xem (52)", 52), ("Đã xem: 1 234", 1234), ("Lượt xem: 1\u00a0234", 1234),
    ("Xem: 76", 76), ("Xem thêm: 3 văn bản", None),
])
def test_view_forms(shown, views):
    assert read_views(f"Đăng ngày 22 - 11 - 2024 {shown} Nội dung", CUES.views) == views


def test_machine_dates_are_read_in_the_site_time_zone(site, tmp_path):
    body = (f'<h1>Tin có giờ máy đọc được</h1><time datetime="2024-11-22T01:30:00Z">22/11/2024</time>'
            f"<p>{TEXT}</p>")
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    fields, _ = only_article(site)
    assert str(fields["date"]) == "2024-11-22 08:30"


@pytest.mark.parametrize("shown, expected", [
    ("Thứ Hai, 25/11/2024 - 08:00", "2024-11-25 08:00"),
    ("CHỦ NHẬT, 24/11/2024 08:00", "2024-11-24 08:00"),
    ("Thu hai - 25/11/2024", "2024-11-25 00:00"),  # a page that lost its diacritics
    ("Thứ 2, ngày 25 tháng 11 năm 2024, 08:00", "2024-11-25 08:00"),
])
def test_a_date_line_that_starts_with_its_weekday_is_not_left_in_the_text(site, tmp_path, shown, expected):
    body = (f'<div id="PlaceHolderMain"><h1 class="ms-title">Huyện ủy sơ kết công tác dân vận</h1>'
            f'<div class="date-view">{shown}</div><div class="ExternalClassA1"><p>{TEXT}</p><p>{TEXT}</p></div></div>')
    assert run_import(site, save(tmp_path, "a.aspx", page(body)))[0] == 0
    fields, text = only_article(site)
    assert str(fields["date"]).startswith(expected) and text.strip() == f"{TEXT}\n\n{TEXT}"


def test_title_only_in_the_page_title_without_the_site_name(site, tmp_path):
    body = (f'<table><tr><td><font color="gray">Ngày đăng: 22/11/2024 08:00</font></td></tr>'
            f"<tr><td><p>{TEXT}</p><p>{TEXT}</p></td></tr></table>")
    title = "Hội nghị sơ kết công tác dân vận năm 2024 - Huyện ủy Ninh Hải"
    assert run_import(site, save(tmp_path, "a.html", page(body, title=title)))[0] == 0
    fields, body = only_article(site)
    assert fields["title"] == "Hội nghị sơ kết công tác dân vận năm 2024"
    assert str(fields["date"]) == "2024-11-22 08:00"
    assert body.strip().startswith("Huyện ủy Ninh Hải tổ chức") and "Ngày đăng" not in body


ODD = page(f"""<h1>Cổng thông tin xã Vĩnh Hải</h1>
<div class="bv-td">Xã Vĩnh Hải ra quân làm sạch bãi biển</div><div class="bv-ng">(22.11.2024)</div>
<div class="bv-nd"><p>{TEXT}</p></div>
<div class="bv-k"><b>Tin đã đưa</b><ul><li><a href="/a.html">Một tin khác của xã Vĩnh Hải</a></li></ul></div>""",
           head='<meta charset="utf-8"><link rel="canonical" href="https://vinhhai.example.vn/tin/1.html">')


def test_a_profile_pins_the_selectors_of_an_odd_portal(site, tmp_path):
    profile = tmp_path / "vinh-hai.yaml"
    profile.write_text("title: div.bv-td\ndate: div.bv-ng\nbody: div.bv-nd\n"
                       "words:\n  related: [tin đã đưa]\n", encoding="utf-8")
    code, _ = run_import(site, save(tmp_path, "a.html", ODD), "--profile", str(profile))
    assert code == 0
    fields, body = only_article(site)
    assert fields["title"] == "Xã Vĩnh Hải ra quân làm sạch bãi biển"
    assert str(fields["date"]) == "2024-11-22 00:00"
    assert fields["related"] == [{"title": "Một tin khác của xã Vĩnh Hải", "url": "https://vinhhai.example.vn/a.html"}]
    assert body.strip() == TEXT


def test_a_profile_pins_category_tags_and_author(site, tmp_path):
    """A portal whose category is a plain label, not a breadcrumb, and whose tags and
    author carry no word the defaults know."""
    extra = ('<div class="bv-cm">Chuyên mục: <span>Dân vận</span></div>'
             '<div class="bv-tk"><a href="/k/1">Bãi biển</a> <a href="/k/2">Môi trường</a></div>'
             '<div class="bv-tg">Ngọc Ánh</div>')
    profile = tmp_path / "vinh-hai.yaml"
    profile.write_text("title: div.bv-td\ndate: div.bv-ng\nbody: div.bv-nd\n"
                       "category: div.bv-cm span\ntags: div.bv-tk a\nauthor: div.bv-tg\n",
                       encoding="utf-8")
    code, _ = run_import(site, save(tmp_path, "a.html", ODD.replace("</body>", extra + "</body>")),
                         "--profile", str(profile))
    assert code == 0
    fields, body = only_article(site)
    assert (fields["category"], fields["tags"], fields["author"]) == (
        "Dân vận", ["Bãi biển", "Môi trường"], "Ngọc Ánh")
    assert body.strip() == TEXT


@pytest.mark.parametrize("text", ["tittle: h1\n", "title: 'div[class='\n", "words: {lien_quan: [x]}\n",
                                  # one name, not a list: each of its letters was a box's name
                                  "words: {related: tin đã đưa}\n"])
def test_a_wrong_profile_is_a_usage_error(site, tmp_path, text):
    profile = tmp_path / "p.yaml"
    profile.write_text(text, encoding="utf-8")
    assert run_import(site, save(tmp_path, "a.html", ODD), "--profile", str(profile))[0] == 2


def test_search_results_and_print_lists_are_not_articles(site, tmp_path):
    results = "".join(f'<div class="r"><a href="/t/{n}.html">Kết quả số {n} về công tác dân vận khéo</a>'
                      f"<span>Ngày đăng: 2{n}/11/2024</span><p>{TEXT[:90]}</p></div>" for n in range(4))
    folder = save(tmp_path, "tim-kiem.html", page(f"<h1>Kết quả tìm kiếm</h1>{results}"))
    code, report = run_import(site, folder)
    assert code == 0 and not list(site.content.rglob("*.md"))
    assert "(not an article: a list of 4 dated articles (Kết quả tìm kiếm))" in report


def test_an_article_beside_a_dated_sidebar_is_still_an_article(site, tmp_path):
    notices = "".join(f'<li><a href="/tb/{n}.html">Thông báo số {n} về lịch tiếp công dân</a> ({n + 10}/11/2024)</li>'
                      for n in range(5))
    body = (f'<div class="col-left"><h3>Thông báo</h3><ul>{notices}</ul></div>'
            f'<div class="col-main"><h2 class="title">Huyện ủy Ninh Hải sơ kết công tác dân vận</h2>'
            f"<p>Ngày đăng: 22/11/2024 08:00</p><p>{TEXT}</p></div>")  # a short article
    code, report = run_import(site, save(tmp_path, "a.html", page(body)))
    assert code == 0 and "1 articles written" in report
    fields, text = only_article(site)
    assert fields["title"] == "Huyện ủy Ninh Hải sơ kết công tác dân vận"
    assert str(fields["date"]) == "2024-11-22 08:00"
    assert text.strip() == TEXT


@pytest.mark.parametrize("holder", ["{}", "<div>{}</div>", "<p>{}</p>"])
def test_a_by_line_written_straight_into_the_page_is_not_kept_in_the_text(site, tmp_path, holder):
    """An old hand-made page: no block around the text, lines parted by <br>."""
    lines = f"Đăng ngày 22 - 11 - 2024 | Lượt xem: 52<br>{TEXT}<br><br>Câu cuối của bài.<br>"
    body = "<h1>Huyện ủy Ninh Hải sơ kết công tác dân vận</h1>\n" + holder.format(lines)
    code, report = run_import(site, save(tmp_path, "a.html", page(body)))
    assert code == 0 and "1 articles written" in report, report
    fields, text = only_article(site)
    assert (str(fields["date"]), fields["views"]) == ("2024-11-22 00:00", 52)
    assert "Đăng ngày" not in text and "Lượt xem" not in text, text
    assert TEXT in text and "Câu cuối của bài." in text


@pytest.mark.parametrize("shown", ["Title of the item(20/12/2024 9:12 SA)", "Title of the item - 20/12/2024",
                                   "20/12/2024: Title of the item", "[20/12/2024] Title of the item",
                                   "» Title of the item (20/12/2024)", "Title of the item (Ngày 20 tháng 12 năm 2024)",
                                   "Title of the item - Ngày đăng: 20/12/2024",
                                   "Title of the item (20/12/2024) (Lượt xem: 52)"])
def test_list_items_with_the_date_before_or_after(shown):
    from site_gen.commands.portal import list_item
    from site_gen.core.config import load_config

    config, _ = load_config(None)
    item = list_item(shown, config, cues=CUES)
    assert item.title == "Title of the item" and f"{item.when:%d/%m/%Y}" == "20/12/2024"
    assert item.timed == ("9:12" in shown)


def test_a_list_item_with_day_and_month_only_keeps_its_title_clean():
    from site_gen.commands.portal import list_item
    from site_gen.core.config import load_config

    config, _ = load_config(None)
    item = list_item("Title of the item (20/12)", config, cues=CUES)
    assert item.title == "Title of the item" and item.when is None


def test_a_second_session_in_the_text_is_not_a_weekday(site, tmp_path):
    body = (f"<h1>Hội nghị lần thứ hai của Ban Chấp hành</h1><p>22/11/2024 08:00</p>"
            f"<p>Hội nghị lần thứ hai, ngày 20/11/2024, đã bàn về công tác dân vận. {TEXT}</p>")
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    fields, _ = only_article(site)
    assert str(fields["date"]) == "2024-11-22 08:00"


def test_the_title_is_the_heading_above_the_date(site, tmp_path):
    body = (f"<h1>Cổng thông tin điện tử xã Vĩnh Hải</h1><div class='main'><h2 class='tin'>Xã Vĩnh Hải "
            f"ra quân làm sạch bãi biển</h2><p>Đăng ngày 22 - 11 - 2024 | Lượt xem: 9</p><p>{TEXT}</p></div>")
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert fields["title"] == "Xã Vĩnh Hải ra quân làm sạch bãi biển" and fields["views"] == 9
    assert text.strip() == TEXT


def test_a_home_page_with_one_full_story_is_not_an_article(site, tmp_path):
    body = (f"<h2 class='title'>Huyện ủy Ninh Hải sơ kết công tác dân vận</h2><p>Đăng ngày 22 - 11 - 2024</p>"
            f"<p>{TEXT}</p><p>{TEXT}</p>")
    folder = tmp_path / "saved" / "huyenuy.example.vn"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(page(body), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and not list(site.content.rglob("*.md"))
    assert "(not an article: the home page (" in report


def test_a_canonical_link_to_the_home_page_is_not_the_article_s_address(site, tmp_path):
    body = f"<h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>"
    head = '<meta charset="utf-8"><link rel="canonical" href="https://vinhhai.example.vn/">'
    folder = tmp_path / "saved" / "vinhhai.example.vn" / "tin-tuc"
    folder.mkdir(parents=True)
    (folder / "ra-quan.html").write_text(page(body, head=head), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    fields, _ = only_article(site)
    assert fields["aliases"] == ["/tin-tuc/ra-quan.html"]


@pytest.mark.parametrize("one, other", [
    ("https://www.huyen.vn/Tin-tuc/a-811.aspx.html", "https://huyen.vn/Tin-tuc/a-811.aspx"),  # wget -E
    ("https://huyen.vn/2024/11/22/a/index.html", "https://huyen.vn/2024/11/22/a/"),
    ("http://HUYEN.vn/tin%20tuc/a.html", "https://huyen.vn/tin tuc/a.html"),
])
def test_addresses_of_one_page_are_recognised_as_one(one, other):
    from site_gen.commands.importing.write import address_key

    assert address_key(one) == address_key(other)
    assert address_key(one) != address_key("https://huyen.vn/Tin-tuc/b-812.aspx")


def test_a_page_the_parsers_choke_on_is_reported_and_the_rest_imported(site, tmp_path, monkeypatch):
    from site_gen.commands import importer

    real = importer.read_html_capture

    def choke(origin, *args):
        if origin.endswith("b.html"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(origin, *args)

    monkeypatch.setattr(importer, "read_html_capture", choke)
    folder = save(tmp_path, "a.html", page(f"<h1>Tin thứ nhất của xã</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>"))
    save(tmp_path, "b.html", page("<div>" * 50 + "</div>" * 50))
    code, report = run_import(site, folder)
    assert code == 0 and "1 articles written" in report
    assert "b.html (cannot read: RecursionError: maximum recursion depth exceeded)" in report


def test_line_breaks_of_the_page_stay_line_breaks_and_dashes_stay_text():
    import markdown

    from site_gen.commands.importing.markdown import to_markdown

    html = markdown.markdown(to_markdown("<p>Nơi nhận:<br>- Như trên;<br>- Lưu VT.</p><p>&nbsp;</p>"
                                         "<p>Đoạn hai</p>"), extensions=["extra", "sane_lists"])
    assert html == "<p>Nơi nhận:<br />\n- Như trên;<br />\n- Lưu VT.</p>\n<p>Đoạn hai</p>"


def test_a_page_inside_one_asp_net_form_keeps_its_text(site, tmp_path):
    body = (f'<form id="aspnetForm" method="post"><div class="search"><input name="q"></div>'
            f'<div class="tieude">Xã Vĩnh Hải ra quân làm sạch bãi biển</div><div>Ngày đăng: 22/11/2024</div>'
            f"<div class='noidung'>{TEXT}<br>{TEXT}</div></form>")
    assert run_import(site, save(tmp_path, "a.aspx", page(body)))[0] == 0
    fields, text = only_article(site)
    assert fields["title"] == "Xã Vĩnh Hải ra quân làm sạch bãi biển"
    assert text.count(TEXT) == 2


def test_short_dates_are_not_read_out_of_numbers_and_ranges():
    from site_gen.commands.importing.cues import read_moment

    for text in ("đạt 19/19 tiêu chí", "phiên bản 1.2.3.4", "giai đoạn 2022-2025", "2024-11/22"):
        assert read_moment(text, TZ, ("SA", "CH")) is None, text
    assert f"{read_moment('2024-11-22', TZ, ('SA', 'CH')).day}" == "2024-11-22"


def test_two_articles_of_one_title_in_one_month_get_two_addresses(site, tmp_path):
    for n, day in ((1, 4), (2, 11)):
        body = f"<h1>Lịch công tác tuần của Thường trực Huyện ủy</h1><p>Ngày đăng: {day:02d}/11/2024</p><p>{TEXT}</p>"
        folder = save(tmp_path, f"lich-{n}.html", page(body))
    code, report = run_import(site, folder)
    assert code == 0 and "2 articles written" in report
    assert site.build() == 0
    pages = sorted(p.parent.name for p in (site.output / "2024" / "11").glob("lich-cong-tac*/index.html"))
    assert pages == ["lich-cong-tac-tuan-cua-thuong-truc-huyen-uy", "lich-cong-tac-tuan-cua-thuong-truc-huyen-uy-2"]


def test_a_feed_saved_as_a_page_is_skipped_without_warnings(site, tmp_path, recwarn):
    folder = save(tmp_path, "rss.html", '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                                        "<title>Tin tức</title><item><title>Tin một</title></item></channel></rss>")
    code, report = run_import(site, folder)
    assert code == 0 and "rss.html (not an article:" in report
    assert [str(w.message) for w in recwarn] == []


LEAD = "Năm 2024, xã Phương Hải hoàn thành 19/19 tiêu chí xã nông thôn mới."
TEASERS = "".join(f'<div class="item-news"><a href="/tin/{n}.html">Xã Phương Hải ra quân làm sạch môi trường đợt {n}</a>'
                  f"<p>Sáng ngày {n + 3}/11, Đoàn Thanh niên xã phối hợp với các hội, đoàn thể ra quân làm sạch "
                  f"bãi biển, thu gom rác thải nhựa trên địa bàn thôn {n}.</p></div>" for n in range(1, 6))
BESIDE = page(f"""<div id="cookie-consent"><p>Trang web sử dụng cookie để nâng cao trải nghiệm của bạn. Bằng việc
tiếp tục truy cập, bạn đồng ý với chính sách bảo mật của chúng tôi.</p><a>Đồng ý</a></div>
<div id="main"><div class="path"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc">Tin tức</a></div>
<h1>Xã Phương Hải tổng kết xây dựng nông thôn mới</h1><p class="date">Ngày đăng: 22/11/2024</p>
<div class="sapo">{LEAD}</div><div class="content-detail"><p>{TEXT}</p><p>{TEXT[:150]}</p></div>
<div class="tac-gia">Tác giả: Văn Hùng</div></div><div id="right">{TEASERS}</div>
<div id="chan-trang"><p>Cơ quan chủ quản: UBND xã Phương Hải. Địa chỉ: thôn Phương Cựu 1, xã Phương Hải.</p></div>""")


def test_lead_and_author_kept_and_nothing_of_the_column_beside_or_the_banners(site, tmp_path):
    assert run_import(site, save(tmp_path, "a.html", BESIDE))[0] == 0
    fields, body = only_article(site)
    assert body.strip() == f"{LEAD}\n\n{TEXT}\n\n{TEXT[:150]}"
    assert fields["author"] == "Văn Hùng" and fields["category"] == "Tin tức"


WORDPRESS_LABELS = page(f"""<article class="post"><header class="entry-header">
<span class="cat-links"><a href="/category/nong-nghiep/" rel="category tag">Nông nghiệp</a></span>
<h1 class="entry-title">Hội Nông dân xã tập huấn kỹ thuật nuôi tôm</h1>
<time class="entry-date published" datetime="2024-11-22T09:12:00+07:00">22/11/2024</time></header>
<div class="entry-content"><p>{TEXT}</p></div>
<footer class="entry-footer"><span class="tags-links">Thẻ <a href="/tag/nuoi-tom/" rel="tag">nuôi tôm</a>,
<a href="/tag/hoi-nong-dan/" rel="tag">Hội Nông dân</a></span></footer></article>
<aside><section class="widget widget_tag_cloud"><div class="tagcloud"><a href="/tag/x" rel="tag">dân vận</a></div></section></aside>""",
    head='<meta charset="utf-8"><meta property="article:section" content="Nông nghiệp">')


def test_category_and_tags_from_article_section_and_rel_tag_links(site, tmp_path):
    assert run_import(site, save(tmp_path, "a.html", WORDPRESS_LABELS))[0] == 0
    fields, body = only_article(site)
    assert fields["category"] == "Nông nghiệp" and fields["tags"] == ["nuôi tôm", "Hội Nông dân"]
    assert body.strip() == TEXT


def test_category_from_a_breadcrumb_of_text_and_the_command_line_overrides_it(site, tmp_path):
    body = (f'<div class="breadcrumb">Bạn đang ở: Trang chủ > Tin tức > Văn hóa - Xã hội > Xã Vĩnh Hải ra quân...</div>'
            f"<h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>")
    folder = save(tmp_path, "a.html", page(body))
    assert run_import(site, folder)[0] == 0
    assert only_article(site)[0]["category"] == "Văn hóa - Xã hội"
    assert run_import(site, folder, "--force", "--category", "Tin tức")[0] == 0
    assert only_article(site)[0]["category"] == "Tin tức"


def test_a_line_beginning_like_a_by_line_in_the_text_stays_text(site, tmp_path):
    line = "Tác giả đoạt giải nhất là ông Nguyễn Văn An, thôn Phương Cựu."
    body = f"<h1>Xã Vĩnh Hải trao giải cuộc thi ảnh</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p><p>{line}</p>"
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert line in text and "author" not in fields


def test_pictures_in_caption_tables_and_links_stay_pictures():
    from site_gen.commands.importing.markdown import to_markdown

    markdown = to_markdown('<table><tr><td><a href="/lon.jpg"><img src="/nho.jpg" alt="Hội nghị"></a></td></tr>'
                           "<tr><td><em>Quang cảnh hội nghị</em></td></tr></table>")
    assert markdown == "[![Hội nghị](/nho.jpg)](/lon.jpg)\n\n*Quang cảnh hội nghị*"
    credited = to_markdown('<figure><img src="/a.jpg" alt="Hội nghị"><figcaption><p>Quang cảnh hội nghị</p>'
                           "<p>Ảnh: <b>TTVH</b></p></figcaption></figure>")
    assert credited == "![Hội nghị](/a.jpg)\n\n*Quang cảnh hội nghị*  \n*Ảnh: TTVH*"  # a line each


def test_a_table_of_pictures_side_by_side_gives_each_its_caption():
    from site_gen.commands.importing.markdown import to_markdown

    markdown = to_markdown('<table><tr><td><img src="/a.jpg" alt="Một"></td><td><img src="/b.jpg" alt="Hai"></td></tr>'
                           "<tr><td>Đại biểu phát biểu</td><td>Trao giấy khen</td></tr>"
                           '<tr><td><img src="/c.jpg" alt="Ba"></td><td></td></tr><tr><td>Chụp ảnh lưu niệm</td><td></td></tr>'
                           "</table>")
    assert markdown == ("![Một](/a.jpg)\n\n*Đại biểu phát biểu*\n\n![Hai](/b.jpg)\n\n*Trao giấy khen*\n\n"
                        "![Ba](/c.jpg)\n\n*Chụp ảnh lưu niệm*")
    data = '<table><tr><td><img src="/a.jpg" alt="Một"></td><td>Họ và tên</td></tr><tr><td>1</td><td>An</td></tr></table>'
    assert to_markdown(data).startswith("|")  # a table of data stays a table


@pytest.mark.parametrize("figure", [
    '<figure class="image"><img src="/anh/hoi-nghi.jpg" alt="Hội nghị"><figcaption>Quang cảnh hội nghị</figcaption></figure>',
    '<table class="image-caption"><tr><td><img src="/anh/hoi-nghi.jpg" alt="Hội nghị"></td></tr>'
    '<tr><td>Quang cảnh hội nghị</td></tr></table>',
    '<table align="center"><tbody><tr><td><img src="/anh/hoi-nghi.jpg" alt="Hội nghị"></td></tr>'
    '<tr><td><p><em>Quang cảnh hội nghị</em></p></td></tr></tbody></table>',
    '<table class="image-caption"><tr><td><img src="/anh/hoi-nghi.jpg" alt="Hội nghị"></td></tr>'
    '<tr><td><p>Quang cảnh hội nghị</p><p>Ảnh: TTVH</p></td></tr></table>',
])
def test_a_pictures_caption_stays_its_caption_under_it(site, tmp_path, figure):
    """A <figure>'s <figcaption>, or the cell under a picture in a one-column caption
    table, is the picture's caption: an emphasised line under the picture, not a plain
    paragraph of the text nor a table with an empty header row."""
    body = f"<h1>Xã Vĩnh Hải tổng kết công tác năm 2024</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>{figure}<p>{TEXT[:140]}</p>"
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    _, text = only_article(site)
    assert "|" not in text
    assert re.search(r"!\[Hội nghị\]\([^)\s]*/anh/hoi-nghi\.jpg\)\n\n\*Quang cảnh hội nghị\*( {2}\n\*Ảnh: TTVH\*)?\n\n"
                     + re.escape(TEXT[:140].strip()), text)
    assert text.count("Quang cảnh hội nghị") == 1


OTHERS = [("Xã Vĩnh Hải ra quân làm sạch bãi biển", "15/11/2024"),
          ("Hỗ trợ hộ nghèo sửa chữa nhà ở năm 2024", "02/11/2024")]


@pytest.mark.parametrize("box", [
    '<table class="tbl-other"><tr><td colspan="2">TIN LIÊN QUAN</td></tr>'
    + "".join(f'<tr><td><a href="/tin/{n}.html">{t}</a></td><td>{d}</td></tr>' for n, (t, d) in enumerate(OTHERS))
    + "</table>",
    '<div class="box"><div class="box-title"><a href="/tin-tuc.html">Tin liên quan</a></div><ul>'
    + "".join(f'<li><a href="/tin/{n}.html">{t}</a></li>' for n, (t, _) in enumerate(OTHERS)) + "</ul></div>",
])
def test_related_boxes_in_a_table_or_under_a_linked_name(site, tmp_path, box):
    body = f"<h1>Xã Vĩnh Hải tổng kết công tác năm 2024</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>{box}"
    folder = tmp_path / "saved" / "vinhhai.example.vn"
    folder.mkdir(parents=True)
    (folder / "tong-ket.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    fields, text = only_article(site)
    assert fields["related"] == [{"title": t, "url": f"https://vinhhai.example.vn/tin/{n}.html"}
                                 for n, (t, _) in enumerate(OTHERS)]
    assert text.strip() == TEXT


@pytest.mark.parametrize("name", ["Bài liên quan", "Các tin tức khác", "Tin tức liên quan:",
                                  "BÀI VIẾT CÙNG CHUYÊN MỤC", "Tin bài cùng chuyên mục",
                                  "Tin cùng chủ đề", "Tin cùng danh mục", "Những tin khác",
                                  "Tin khác cùng chuyên mục", "Có thể bạn quan tâm"])
def test_related_boxes_by_the_names_portals_give_them(site, tmp_path, name):
    box = (f'<div class="box"><h3>{name}</h3><ul>' + "".join(
        f'<li><a href="/tin/{n}.html">{t}</a> ({d})</li>' for n, (t, d) in enumerate(OTHERS))
        + "</ul></div>")
    test_related_boxes_in_a_table_or_under_a_linked_name(site, tmp_path, box)


def import_vinh_hai(site, tmp_path, body):
    """The fields of the one article of `body`, saved as vinhhai.example.vn/tin/tong-ket.html."""
    folder = tmp_path / "saved" / "vinhhai.example.vn" / "tin"
    folder.mkdir(parents=True)
    (folder / "tong-ket.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    return only_article(site)[0]


@pytest.mark.parametrize("related, name", [
    ('<div class="related"><h3>Tin liên quan</h3><ul></ul></div>', "<h3>Tin mới nhất</h3>"),
    ('<div class="related"><h3>Tin liên quan</h3></div>', "<h3>Văn bản chỉ đạo</h3>"),
    ('<div class="related"><div class="title"><span>Tin liên quan</span></div><ul></ul></div>',
     '<div class="box-title">Văn bản mới</div>'),
])
def test_an_empty_related_box_takes_no_other_box_for_its_list(site, tmp_path, related, name):
    """The box next to an empty "Tin liên quan", in the column beside, is not its list."""
    others = "".join(f'<li><a href="/tin/{n}.html">{t}</a> ({d})</li>' for n, (t, d) in enumerate(OTHERS))
    body = (f'<div class="main"><h1>Xã Vĩnh Hải tổng kết công tác năm 2024</h1><p>Ngày đăng: 22/11/2024</p>'
            f'<div class="content"><p>{TEXT}</p></div>{related}</div>'
            f'<div class="sidebar"><div class="box">{name}<ul>{others}</ul></div></div>')
    assert import_vinh_hai(site, tmp_path, body)["related"] == []


def test_a_related_box_never_lists_the_article_itself(site, tmp_path):
    title, (other, _) = "Xã Vĩnh Hải tổng kết công tác năm 2024", OTHERS[0]
    items = f'<li><a href="/tin/tong-ket.html">{title}</a></li><li><a href="/tin/0.html">{other}</a></li>'
    body = f"<h1>{title}</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p><h3>Tin liên quan</h3><ul>{items}</ul>"
    fields = import_vinh_hai(site, tmp_path, body)
    assert fields["related"] == [{"title": other, "url": "https://vinhhai.example.vn/tin/0.html"}]


def test_a_list_of_two_dated_articles_is_not_an_article(site, tmp_path):
    items = "".join(f'<div class="row-news"><h2><a href="/tb/{n}.html">Thông báo số {n} về việc tiếp công dân định kỳ '
                    f"tháng 12</a></h2><span>Ngày đăng: 2{n}/11/2024</span><p>{TEXT} {TEXT}</p></div>" for n in range(2))
    code, report = run_import(site, save(tmp_path, "thong-bao.html", page(f"<h1>Thông báo</h1>{items}")))
    assert code == 0 and not list(site.content.rglob("*.md"))
    assert "thong-bao.html (not an article: a list of 2 dated articles (" in report


def test_a_json_ld_article_with_a_list_of_types_gives_date_and_category(site, tmp_path):
    data = ('{"@context": "https://schema.org", "@type": ["NewsArticle"], "headline": "Xã Vĩnh Hải ra quân",'
            ' "datePublished": "2024-11-22T09:12:00+07:00", "articleSection": "Môi trường"}')
    body = f"<h1>Xã Vĩnh Hải ra quân</h1><p>{TEXT}</p>"
    head = f'<meta charset="utf-8"><script type="application/ld+json">{data}</script>'
    assert run_import(site, save(tmp_path, "a.html", page(body, head=head)))[0] == 0
    fields, _ = only_article(site)
    assert str(fields["date"]) == "2024-11-22 09:12" and fields["category"] == "Môi trường"


def test_a_print_view_saved_beside_the_article_does_not_replace_it(site, tmp_path):
    title = "Xã Vĩnh Hải ra quân làm sạch bãi biển"
    folder = tmp_path / "saved" / "vinhhai.example.vn"
    (folder / "tin-tuc").mkdir(parents=True)
    article = (f'<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/moi-truong">Môi trường</a></div>'
               f"<h1>{title}</h1><p>Ngày đăng: 22/11/2024 09:12</p><p>{TEXT}</p>"
               '<h3>Tin liên quan</h3><ul><li><a href="/tin-tuc/b-1.html">Xã Vĩnh Hải trồng cây xanh</a></li></ul>')
    (folder / "tin-tuc" / "ra-quan-5.html").write_text(page(article), encoding="utf-8")
    printed = f"<h3>{title}</h3><i>Ngày đăng: 22/11/2024 09:12</i><p>{TEXT}</p>"
    (folder / "print.aspx?id=5.html").write_text(page(printed, title="In bài viết"), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "print.aspx?id=5.html (same article as " in report
    fields, _ = only_article(site)
    assert fields["category"] == "Môi trường" and fields["aliases"] == ["/tin-tuc/ra-quan-5.html"]
    assert fields["related"] == [{"title": "Xã Vĩnh Hải trồng cây xanh", "url": "https://vinhhai.example.vn/tin-tuc/b-1.html"}]


def test_attached_files_in_a_box_beside_the_text_are_kept_and_copied(site, tmp_path):
    folder = tmp_path / "saved" / "vinhhai.example.vn"
    (folder / "Uploads").mkdir(parents=True)
    (folder / "Uploads" / "qd-123.pdf").write_bytes(b"%PDF-1.4")
    teasers = "".join(f'<li><a href="/tin/{n}.html">Xã Vĩnh Hải ra quân làm sạch môi trường đợt {n}</a></li>'
                      for n in range(5))
    body = (f'<div class="main"><h1>Xã Vĩnh Hải ban hành kế hoạch bảo vệ môi trường</h1><p>Ngày đăng: 22/11/2024</p>'
            f'<div class="content"><p>{TEXT}</p><p>{TEXT}</p><p>{TEXT}</p></div>'
            '<div class="file-dinh-kem"><b>File đính kèm:</b> <a href="/Uploads/qd-123.pdf">Quyết định số 123.pdf</a>'
            f'</div></div><div class="other"><b>Tin mới nhất</b><ul>{teasers}</ul></div>')
    (folder / "ke-hoach.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    [path] = site.content.rglob("*.md")
    _, text = front(path)
    assert text.count(TEXT) == 3
    assert f"[Quyết định số 123.pdf](/{path.relative_to(site.content).with_suffix('')}/qd-123.pdf)" in text
    assert (path.with_suffix("") / "qd-123.pdf").read_bytes() == b"%PDF-1.4"


def test_paragraphs_in_divs_and_a_picture_alone_in_a_div_are_kept(site, tmp_path):
    """A SharePoint body: each paragraph a <div>, the picture in a <div> of its own, which
    readability drops while keeping its caption."""
    views = '<div class="news-view">Lượt người xem:&nbsp;<span>305</span></div>'
    body = (f'<div class="news-detail"><h2 class="news-title">Sở Tư pháp tập huấn nghiệp vụ hộ tịch</h2>'
            f'<div class="news-date">22/11/2024 9:12 SA</div><div class="ExternalClassA1">'
            f'<div style="text-align:justify"><span>{TEXT}</span></div><div><span>{TEXT[:140]}</span></div>'
            '<div style="text-align:center"><img src="https://stp.example.vn/anh/ho-tich.jpg" alt="" width="500"/></div>'
            f'<div style="text-align:center"><em>Quang cảnh buổi tập huấn</em></div></div>{views}</div>')
    assert run_import(site, save(tmp_path, "a.aspx", page(body)))[0] == 0
    fields, text = only_article(site)
    assert fields["views"] == 305
    assert text.strip() == (f"{TEXT}\n\n{TEXT[:140]}\n\n![](https://stp.example.vn/anh/ho-tich.jpg)\n\n"
                            "*Quang cảnh buổi tập huấn*")


def test_a_keywords_box_of_the_whole_site_gives_no_tags(site, tmp_path):
    popular = "".join(f'<a href="/tu-khoa/{n}.html">từ khóa số {n}</a> ' for n in range(6))
    body = (f'<div class="col-main"><div class="detail"><h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1>'
            f"<p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>"
            '<div class="kw"><b>Từ khóa:</b> <a href="/tu-khoa/moi-truong.html">môi trường</a></div></div></div>'
            f'<div class="box-right"><div class="box-head">Từ khóa</div><div class="box-body">{popular}</div></div>')
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert fields["tags"] == ["môi trường"] and text.strip() == TEXT


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d4944415478da63f8cfc0f01f0005000201a7d5ce6c0000000049454e44ae426082")


def test_liferay_document_library_files_are_copied_and_asset_links_are_related(site, tmp_path):
    """Liferay names a file `/documents/10181/0/anh.jpg/<uuid>?t=…`, and wget keeps the
    query in the saved file's name; its related box is called "Nội dung liên quan"."""
    host = tmp_path / "saved" / "ninhhai.example.vn"
    (host / "documents/10181/0/anh.jpg").mkdir(parents=True)
    (host / "documents/10181/0/anh.jpg/6f1c-uuid?t=1732240000000").write_bytes(PNG)
    (host / "documents/10181/0/KH-45.pdf").mkdir(parents=True)
    (host / "documents/10181/0/KH-45.pdf/9a8b-uuid").write_bytes(b"%PDF-1.4")
    (host / "web/guest/tin-tuc").mkdir(parents=True)
    body = ('<div class="portlet-boundary portlet-asset-publisher"><h3 class="header-title"><span>Huyện ủy sơ kết '
            'phong trào Dân vận khéo</span></h3><div class="asset-full-content"><span class="ngay-dang">Ngày đăng: '
            f'22/11/2024 | 08:00</span><div class="journal-content-article"><p>{TEXT}</p><p>{TEXT}</p>'
            '<p><img alt="Hội nghị" src="/documents/10181/0/anh.jpg/6f1c-uuid?t=1732240000000"></p>'
            '<p>Xem: <a href="/documents/10181/0/KH-45.pdf/9a8b-uuid">Kế hoạch 45</a></p></div>'
            '<div class="taglib-asset-links"><h2 class="asset-links-title">Nội dung liên quan:</h2><ul>'
            '<li><a href="/web/guest/tin-tuc/-/asset_publisher/X/content/hoi-nghi">Hội nghị Ban Chấp hành Đảng bộ huyện'
            '</a></li></ul></div></div></div>')
    (host / "web/guest/tin-tuc/so-ket.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    [path] = site.content.rglob("*.md")
    fields, text = front(path)
    folder = path.relative_to(site.content).with_suffix("").as_posix()
    assert f"![Hội nghị](/{folder}/anh.jpg)" in text and f"[Kế hoạch 45](/{folder}/kh-45.pdf)" in text
    assert (path.with_suffix("") / "anh.jpg").read_bytes() == PNG
    assert (path.with_suffix("") / "kh-45.pdf").read_bytes() == b"%PDF-1.4"
    assert fields["related"] == [{"title": "Hội nghị Ban Chấp hành Đảng bộ huyện", "url":
                                  "https://ninhhai.example.vn/web/guest/tin-tuc/-/asset_publisher/X/content/hoi-nghi"}]
    assert "liên quan" not in text


def test_asp_net_page_title_is_the_labelled_one_above_the_date_not_a_box_name(site, tmp_path):
    body = ('<form id="aspnetForm"><input type="hidden" name="__VIEWSTATE" value="/wEPDw"><table><tr>'
            '<td class="leftcol"><table><tr><td class="boxtitle">DANH MỤC</td></tr><tr><td><a href="/a.aspx">'
            'Tin tức - Sự kiện</a></td></tr></table></td><td><table>'
            '<tr><td><span id="ctl00_ContentPlaceHolder1_lblTitle" class="tieudetin">Ninh Hải đẩy mạnh cải cách '
            'hành chính</span></td></tr><tr><td><span id="ctl00_ContentPlaceHolder1_lblNgay">Cập nhật ngày: '
            '22/11/2024 8:12:30 SA</span></td></tr>'
            f'<tr><td><span id="ctl00_ContentPlaceHolder1_lblNoiDung"><p>{TEXT}</p></span></td></tr></table>'
            '</td></tr></table></form>')
    assert run_import(site, save(tmp_path, "ChiTietTin.aspx?id=812.html", page(body, title="UBND HUYỆN")))[0] == 0
    fields, text = only_article(site)
    assert fields["title"] == "Ninh Hải đẩy mạnh cải cách hành chính"
    assert str(fields["date"]) == "2024-11-22 08:12" and text.strip() == TEXT


def test_drupal_views_in_a_statistics_counter_are_read_and_not_left_in_the_text(site, tmp_path):
    body = ('<article class="node node--type-article"><h1><span class="field--name-title">Lễ ra quân Ngày Chủ '
            'nhật xanh</span></h1><time datetime="2024-11-22T09:05:00+07:00">22/11/2024</time>'
            f'<div class="field field--name-body"><p>{TEXT}</p></div><div class="node__links"><ul class="links">'
            '<li class="statistics-counter">245 lượt xem</li></ul></div></article>')
    assert run_import(site, save(tmp_path, "le-ra-quan.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert fields["views"] == 245 and text.strip() == TEXT


def test_cards_of_a_related_box_give_each_article_once_by_its_title(site, tmp_path):
    """A Bootstrap card links its picture and its title to one article."""
    cards = "".join(f'<div class="card"><a href="/tin/{n}.html"><img src="/t/{n}.jpg"></a><div class="card-body">'
                    f'<h5><a href="/tin/{n}.html">Tin cùng chuyên mục số {n} về pháp luật</a></h5></div></div>'
                    for n in range(2))
    ld = ('{"@context":"https://schema.org","@type":"NewsArticle","headline":"Hội thi tuyên truyền pháp luật",'
          '"datePublished":"2024-11-22T15:45:00+07:00","author":{"@type":"Person","name":"Ngọc Ánh"},'
          '"publisher":{"@type":"Organization","name":"Trang tin huyện"}}')
    head = (f'<meta charset="utf-8"><link rel="canonical" href="https://ninhhai.example.vn/hoi-thi.html">'
            f'<script type="application/ld+json">{ld}</script>')
    body = (f'<div class="col-lg-8"><h1>Hội thi tuyên truyền pháp luật</h1><div class="content"><p>{TEXT}</p></div>'
            f'<div class="mt-4"><h4>Tin liên quan</h4><div class="row">{cards}</div></div></div>')
    assert run_import(site, save(tmp_path, "hoi-thi.html", page(body, head=head)))[0] == 0
    fields, text = only_article(site)
    assert [e["title"] for e in fields["related"]] == [f"Tin cùng chuyên mục số {n} về pháp luật" for n in range(2)]
    assert str(fields["date"]) == "2024-11-22 15:45" and fields["author"] == "Ngọc Ánh"
    assert text.strip() == TEXT


def test_pages_in_the_files_folder_of_a_browser_saved_page_are_not_articles(site, tmp_path):
    folder = tmp_path / "saved"
    (folder / "Tin tuc_files").mkdir(parents=True)
    (folder / "Tin tuc_files" / "anh1.jpg").write_bytes(PNG)
    (folder / "Tin tuc_files" / "saved_resource.html").write_text(page(
        f"<div>Trang Facebook huyện. {TEXT} Ngày 22/11/2024</div>", title="Facebook"), encoding="utf-8")
    saved = ("<!-- saved from url=(0044)https://ninhhai.example.vn/tin-tuc/ra-quan.html -->" +
             page(f'<h1>Ninh Hải ra quân chống khai thác IUU</h1><p>Ngày đăng: 21/11/2024 16:20</p><div class="content">'
                  f'<p>{TEXT}</p><p><img src="./Tin tuc_files/anh1.jpg" alt="Ra quân"></p></div>'
                  '<iframe src="./Tin tuc_files/saved_resource.html"></iframe>'))
    (folder / "Tin tuc.html").write_text(saved, encoding="utf-8")
    code, report = run_import(site, folder)
    assert code == 0 and "saved_resource.html (not an article: a part of a page saved by a browser)" in report
    [path] = site.content.rglob("*.md")
    fields, text = front(path)
    assert fields["aliases"] == ["/tin-tuc/ra-quan.html"]
    assert (path.with_suffix("") / "anh1.jpg").read_bytes() == PNG


def test_an_article_split_over_two_pages_keeps_both(site, tmp_path):
    folder = tmp_path / "saved" / "ninhphuoc.example.vn" / "tin-tuc"
    folder.mkdir(parents=True)
    for n, name in ((1, "bao-cao-55.html"), (2, "bao-cao-55.html?page=2.html")):
        text = f"<p>Phần {n}: {TEXT}</p>"
        pager = ('<div class="paging">Trang <a href="/tin-tuc/bao-cao-55.html">1</a> '
                 '<a href="/tin-tuc/bao-cao-55.html?page=2">2</a></div>')
        (folder / name).write_text(page(f'<h1>Báo cáo xây dựng nông thôn mới năm 2024</h1><p>Ngày đăng: 20/12/2024 '
                                        f'10:15</p><div class="content">{text}</div>{pager}'), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "bao-cao-55.html?page=2.html (a further page of " in report
    _, text = only_article(site)
    assert text.strip() == f"Phần 1: {TEXT}\n\nPhần 2: {TEXT}"


def test_figures_in_a_table_made_by_word_are_kept(site, tmp_path):
    rows = "".join(f'<tr><td><p class="MsoNormal">{n}</p></td><td><p class="MsoNormal">Chỉ tiêu số {n}</p></td>'
                   f'<td><p class="MsoNormal"><span>{100 + n}%</span></p></td><td>2{n}/11/2024</td></tr>'
                   for n in range(1, 4))
    body = (f'<h1>Kết quả thực hiện các chỉ tiêu năm 2024</h1><p>Ngày đăng: 25/12/2024 14:00</p><p>{TEXT}</p>'
            f'<table class="MsoTableGrid" border="1">{rows}</table>')
    assert run_import(site, save(tmp_path, "ket-qua.html", page(body)))[0] == 0
    _, text = only_article(site)
    for n in range(1, 4):
        assert f"| {n} | Chỉ tiêu số {n} | {100 + n}% | 2{n}/11/2024 |" in text


def test_a_pdf_shown_only_in_an_embed_or_a_viewer_is_linked_and_copied(site, tmp_path):
    host = tmp_path / "saved" / "ninhphuoc.example.vn"
    (host / "Upload" / "VanBan").mkdir(parents=True)
    (host / "Upload" / "VanBan" / "QD-124.pdf").write_bytes(b"%PDF-1.4")
    (host / "Upload" / "VanBan" / "QD-125.pdf").write_bytes(b"%PDF-1.5")
    body = (f'<h1>Quyết định số 124/QĐ-UBND về chuyển đổi số</h1><p>Ngày đăng: 27/12/2024 16:30</p>'
            f'<div class="content"><p>{TEXT}</p>'
            '<iframe src="/Upload/VanBan/QD-124.pdf" width="100%" height="800"></iframe>'
            '<iframe src="/pdfjs/web/viewer.html?file=/Upload/VanBan/QD-125.pdf"></iframe>'
            '<embed src="/Upload/VanBan/QD-124.pdf" type="application/pdf"></div>')
    (host / "qd-124.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    [path] = site.content.rglob("*.md")
    _, text = front(path)
    folder = path.relative_to(site.content).with_suffix("").as_posix()
    assert text.strip() == f"{TEXT}\n\n[QD-124.pdf](/{folder}/qd-124.pdf)\n\n[QD-125.pdf](/{folder}/qd-125.pdf)"
    assert (path.with_suffix("") / "qd-125.pdf").read_bytes() == b"%PDF-1.5"


def test_a_lead_picture_in_a_block_of_its_own_is_kept_and_icons_are_not(site, tmp_path):
    """Drupal shows the article's picture in its own field between the title and the text,
    where the extractor leaves it out with its block; a share icon there is no picture."""
    folder = save(tmp_path, "ra-quan.html", page(
        '<article class="node"><h1>Lễ ra quân Ngày Chủ nhật xanh năm 2024</h1>'
        '<time datetime="2024-11-22T09:05:00+07:00">22/11/2024</time>'
        '<div class="share-box"><a href="https://facebook.com/x"><img src="/icons/fb.png" width="16"></a></div>'
        '<div class="field field--name-field-image"><img src="/files/le-ra-quan.png" width="900" '
        'height="600" alt="Đoàn viên dọn vệ sinh"></div>'
        f'<div class="field field--name-body"><p>{TEXT}</p><p>{TEXT}</p></div></article>'))
    (folder / "files").mkdir()
    (folder / "files" / "le-ra-quan.png").write_bytes(PNG)
    (folder / "icons").mkdir()
    (folder / "icons" / "fb.png").write_bytes(PNG)
    assert run_import(site, folder)[0] == 0
    fields, text = only_article(site)
    pictures = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", text)
    assert [(alt, src.rsplit("/", 1)[-1]) for alt, src in pictures] == [
        ("Đoàn viên dọn vệ sinh", "le-ra-quan.png")]
    assert text.index("le-ra-quan.png") < text.index(TEXT[:40])
    assert (site.content / pictures[0][1].lstrip("/")).is_file()


def test_a_category_only_in_a_json_ld_breadcrumb_is_read(site, tmp_path):
    ld = ('{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":['
          '{"@type":"ListItem","position":3,"item":{"@id":"https://x.vn/tin","name":"Hội thi pháp luật"}},'
          '{"@type":"ListItem","position":1,"name":"Trang chủ","item":"https://x.vn/"},'
          '{"@type":"ListItem","position":2,"name":"Phổ biến pháp luật","item":"https://x.vn/pbgdpl"}]}')
    head = f'<meta charset="utf-8"><script type="application/ld+json">{ld}</script>'
    body = (f'<h1>Hội thi pháp luật</h1><p>Ngày đăng: 22/11/2024 08:00</p>'
            f'<div class="content"><p>{TEXT}</p></div>')
    assert run_import(site, save(tmp_path, "hoi-thi.html", page(body, head=head)))[0] == 0
    fields, _ = only_article(site)
    assert fields["category"] == "Phổ biến pháp luật"


@pytest.mark.parametrize("counter", ['<i class="fa fa-eye"></i> 1.024', "👁 1.024",
                                     '<svg class="bi bi-eye-fill"></svg>1024'])
def test_views_shown_by_an_eye_alone_are_read_and_not_left_in_the_text(site, tmp_path, counter):
    body = (f'<div class="col-lg-8"><h1>Hội thi tuyên truyền pháp luật</h1><div class="meta">'
            f'<span class="date">22/11/2024 08:00</span> <span>{counter}</span></div>'
            f'<div class="content"><p>{TEXT}</p></div></div>')
    assert run_import(site, save(tmp_path, "hoi-thi.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert fields["views"] == 1024 and "1.024" not in text and "1024" not in text


def test_a_page_laid_out_in_a_one_column_table_gives_paragraphs_not_a_table(site, tmp_path):
    """SharePoint and old ASP.NET portals put the title, the date and the text each in a row
    of one table; the text's row is the article, not a table of the article's."""
    folder = tmp_path / "saved" / "ninhson.example.vn"
    folder.mkdir(parents=True)
    (folder / "anh").mkdir()
    (folder / "anh" / "dai-hoi.png").write_bytes(PNG)
    body = ('<table width="100%"><tr><td><span class="NewsTitle"><b>Đại hội Đoàn xã Lâm Sơn '
            'nhiệm kỳ 2025 - 2030</b></span></td></tr>'
            '<tr><td class="NewsDate">Cập nhật lúc 16:20, 07/03/2025 &nbsp; Số lượt xem: 245</td></tr>'
            '<tr><td><div class="ExternalClass9A3B"><div><b>Ngày 06/03/2025, Đoàn xã Lâm Sơn tổ '
            'chức Đại hội đại biểu lần thứ XII.</b></div><div><img src="/anh/dai-hoi.png" alt="Đại hội"></div>'
            '<div>Đại hội đã bầu Ban Chấp hành khóa mới gồm 15 đồng chí.</div></div></td></tr></table>'
            '<table class="othernews"><tr><th>Các tin khác</th></tr><tr><td><a href="/tin/1.aspx">'
            'Xã Lâm Sơn ra quân làm thủy lợi đầu xuân</a></td></tr></table>'
            '<div class="ms-WPBody">Thống kê truy cập: Đang truy cập: 25; Hôm nay: 1200</div>')
    (folder / "dai-hoi.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    fields, text = only_article(site)
    assert (fields["date"], fields["views"]) == ("2025-03-07 16:20", 245)
    paragraphs = [p for p in text.strip().split("\n\n")]
    assert len(paragraphs) == 3 and "|" not in text and "truy cập" not in text
    assert paragraphs[0] == "**Ngày 06/03/2025, Đoàn xã Lâm Sơn tổ chức Đại hội đại biểu lần thứ XII.**"
    assert re.fullmatch(r"!\[Đại hội\]\(/\S+/dai-hoi\.png\)", paragraphs[1])
    assert paragraphs[2] == "Đại hội đã bầu Ban Chấp hành khóa mới gồm 15 đồng chí."


def test_a_mirror_made_by_wget_on_windows_reads_its_at_signs_as_queries(site, tmp_path):
    """wget on Windows saves `tin.aspx?ItemID=7` as `tin.aspx@ItemID=7.html`: links to it
    find the imported article, no alias names the file, and a picture `anh.jpg?v=2` saved
    as `anh.jpg@v=2` is copied."""
    folder = tmp_path / "saved" / "lamson.example.vn" / "Pages"
    folder.mkdir(parents=True)
    (folder / "anh.jpg@v=2").write_bytes(PNG)
    first = (f'<h1>Xã Lâm Sơn khánh thành nhà văn hóa thôn Tân Lập</h1><p>Ngày đăng: 03/02/2025 09:15</p>'
             f'<div class="content"><p>{TEXT}</p><p><img src="/Pages/anh.jpg?v=2" alt="Nhà văn hóa"></p></div>')
    second = (f'<h1>Xã Lâm Sơn tổng kết công tác xây dựng nông thôn mới</h1><p>Ngày đăng: 05/02/2025 14:00</p>'
              f'<div class="content"><p>{TEXT} Xem <a href="/Pages/tin.aspx?ItemID=7">tin khánh thành</a>.</p></div>')
    (folder / "tin.aspx@ItemID=7.html").write_text(page(first), encoding="utf-8")
    (folder / "tin.aspx@ItemID=8.html").write_text(page(second), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    [one, two] = sorted(site.content.rglob("*.md"))
    (fields_one, text_one), (fields_two, text_two) = front(one), front(two)
    assert fields_one["aliases"] == [] and fields_two["aliases"] == []
    assert f"[tin khánh thành](/{one.relative_to(site.content).as_posix()})" in text_two
    [picture] = re.findall(r"!\[Nhà văn hóa\]\((/[^)]+)\)", text_one)
    assert (site.content / picture.lstrip("/")).read_bytes() == PNG


def test_a_closing_line_made_of_short_pieces_is_kept(site, tmp_path):
    """The text's last line may be all short pieces ("Xem thêm: <a>…</a>.", three): the
    block the page shows is taken whole, not the paragraph that holds most of its text."""
    body = (f'<h1>Xã Lâm Sơn tổng kết công tác xây dựng nông thôn mới năm 2024</h1>'
            f'<p>Ngày đăng: 05/02/2025 14:00</p><div class="noidung"><p>{TEXT} {TEXT} {TEXT}</p>'
            f'<p>Xem thêm: <a href="https://lamson.example.vn/ke-hoach.html">kế hoạch</a>.</p></div>')
    assert run_import(site, save(tmp_path, "tong-ket.html", page(body)))[0] == 0
    _, text = only_article(site)
    assert text.strip().split("\n\n") == [
        f"{TEXT} {TEXT} {TEXT}", "Xem thêm: [kế hoạch](https://lamson.example.vn/ke-hoach.html)."]


def test_thousands_of_links_in_one_block_are_read_in_linear_time():
    """A page of 3,000 links in one paragraph (a scanner's trap, an index of files): every
    string of it was asked for the text of its holder, the whole paragraph (minutes)."""
    import time

    from bs4 import BeautifulSoup

    from site_gen.commands.importing.lists import take_boxes
    from site_gen.core.config import load_config

    config, _ = load_config(None)
    links = "".join(f'<a href="/tep/{n}.pdf">tệp {n}</a> ' for n in range(3000))
    soup = BeautifulSoup(f"<html><body><h1>Tin</h1><p>{links}</p><h3>Tin liên quan</h3><ul>"
                         '<li><a href="/tin/1.html">Xã Lâm Sơn ra quân làm thủy lợi</a></li>'
                         "</ul></body></html>", "lxml")
    started = time.monotonic()
    found = list(take_boxes(soup, CUES, "https://x.example.vn/tin/2.html", config, {}))
    assert time.monotonic() - started < 5
    assert [(kind, [i.title for i in items]) for kind, items in found] == [
        ("related", ["Xã Lâm Sơn ra quân làm thủy lợi"])]


def test_an_article_showing_its_date_alone_takes_its_time_from_a_list_page(site, tmp_path):
    """Only the lists inside article pages gave times: an article listed with its time on
    the home page or its category's page, and nowhere else, came in at 00:00."""
    items = "".join(
        f'<div class="item"><h3><a href="/tin/{n}.html">{title}</a></h3>'
        f'<span class="date">{when}</span><p>Tóm tắt của tin.</p></div>'
        for n, (title, when) in enumerate([
            ("Hội nghị sơ kết công tác dân vận năm 2024", "20/3/2025 2:45 CH"),
            ("Ra quân làm sạch bãi biển Ninh Chữ", "19/03/2025 07:05"),
            ("Tập huấn chuyển đổi số cho cán bộ xã", "18/03/2025 - 09:30")]))
    folder = save(tmp_path, "chuyen-muc.html", page(f"<h1>Tin tức</h1>{items}", "Tin tức"))
    for name, title, day in (("a.html", "Hội nghị sơ kết công tác dân vận năm 2024", "20 - 3 - 2025"),
                             ("b.html", "Tập huấn chuyển đổi số cho cán bộ xã", "18 - 03 - 2025")):
        save(tmp_path, name, page(f"<h1>{title}</h1><p>Đăng ngày {day}</p><p>{TEXT}</p>", title))
    code, report = run_import(site, folder)
    assert code == 0 and "2 articles written" in report, report
    dates = sorted(str(front(path)[0]["date"]) for path in site.content.rglob("*.md"))
    assert dates == ["2025-03-18 09:30", "2025-03-20 14:45"]


def test_a_category_named_only_by_a_rel_category_link_is_read(site, tmp_path):
    """WordPress names an entry's category in its footer, "Chuyên mục <a rel="category
    tag">…</a>", with no breadcrumb nor article:section: it came in without a category.
    A sidebar's list of categories is not the article's."""
    title = "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 25"
    saved = save(tmp_path, "hoi-nghi.html", page(
        f'<aside><a href="/category/thong-bao/" rel="category">Thông báo</a></aside>'
        f'<article><h1 class="entry-title">{title}</h1><p>Đăng ngày 14 - 3 - 2025</p>'
        f'<div class="entry-content"><p>{TEXT}</p></div><footer class="entry-footer">'
        f'<span class="cat-links">Chuyên mục <a href="/category/tin-tuc/" rel="category tag">'
        f'Tin tức</a></span></footer></article>', title))
    code, report = run_import(site, saved)
    assert code == 0, report
    fields, _ = only_article(site)
    assert (fields["category"], fields["tags"]) == ("Tin tức", [])


def test_a_page_of_too_many_tags_is_skipped_at_once(site, tmp_path):
    """A page of 200,000 nested <div>s (1 MB) took about 20 s to read before it was skipped,
    and a page may be 8 MB: it is told not to be an article before it is parsed."""
    nested = "<div>" * 60_000 + "</div>" * 60_000
    saved = save(tmp_path, "long.html", page(f"<h1>Tin dài</h1><p>Ngày đăng: 22/11/2024</p>"
                                             f"<p>{TEXT}</p>{nested}"))
    code, report = run_import(site, saved)
    assert code == 0
    assert "long.html (not an article: more than 50,000 tags, more than any saved article)" \
        in report


def test_a_lazy_loaded_picture_is_the_one_in_data_src_not_the_placeholder(site, tmp_path):
    """VNPT eGov and many WordPress themes load pictures late: `src` names a spinner,
    `data-src` (`data-original`, `data-lazy-src`) the picture."""
    folder = tmp_path / "saved"
    (folder / "uploads").mkdir(parents=True)
    (folder / "uploads" / "anh.jpg").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    (folder / "uploads" / "loading.gif").write_bytes(b"GIF89a")
    body = ('<h2>Hội nghị tập huấn nghiệp vụ văn thư lưu trữ</h2><p>Cập nhật lúc 9 giờ 12 phút ngày 22 tháng 11 năm 2024</p>'
            f'<div class="content-news"><p>{TEXT}</p><p><img class="lazy" src="uploads/loading.gif" '
            f'data-src="uploads/anh.jpg" alt="Tập huấn"></p><p>{TEXT}</p></div>')
    (folder / "a.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, folder)[0] == 0
    _, text = only_article(site)
    assert re.search(r"!\[Tập huấn\]\(/[^)]*/anh\.jpg\)", text) and "loading" not in text
    assert [p.name for p in site.content.rglob("*.*") if p.suffix != ".md"] == ["anh.jpg"]


def test_counters_in_the_side_columns_of_a_page_laid_out_in_a_table_are_dropped(site, tmp_path):
    """A DotNetNuke skin lays the page out in one table: a row of the left pane (menu,
    "Đang online"), the content pane and the right pane ("Tổng lượt truy cập"). Its short
    side cells are the page's, not cells of a table of figures."""
    body = ('<table class="MainTable"><tr><td colspan="3" class="banner"><img src="/Portals/0/banner.jpg" alt="Cổng thông tin điện tử huyện Ninh Hải"></td></tr><tr>'
            '<td class="LeftPane"><div>Đang online: 59</div></td><td class="ContentPane"><table><tr><td>'
            '<span class="Head">Xã Vĩnh Hải tổng kết công tác dân vận năm 2024</span></td></tr>'
            '<tr><td><span>Thứ Hai, 22/11/2024 - 09:12</span> | <span>Lượt xem: 1.234</span></td></tr>'
            f'<tr><td><div class="Normal"><p>{TEXT}</p><p>{TEXT}</p></div></td></tr></table></td>'
            '<td class="RightPane"><div>Tổng lượt truy cập: 123456</div></td></tr></table>')
    title = "Xã Vĩnh Hải tổng kết công tác dân vận năm 2024 - Cổng thông tin điện tử huyện Ninh Hải"
    assert run_import(site, save(tmp_path, "a.aspx", page(body, title)))[0] == 0
    fields, text = only_article(site)
    assert fields["title"] == "Xã Vĩnh Hải tổng kết công tác dân vận năm 2024" and fields["views"] == 1234
    assert text.strip() == f"{TEXT}\n\n{TEXT}"


def test_joomla_1_5_last_modified_line_is_not_left_in_the_text(site, tmp_path):
    """Joomla 1.5 prints, under every article, "Lần cập nhật cuối ( Thứ bảy, 23 Tháng 11 2024
    10:00 )" (`td.modifydate`): the page's, not the article's; the date is the created one."""
    body = ('<table class="contentpaneopen"><tr><td class="contentheading" width="100%">'
            'Thị trấn Khánh Hải ra mắt mô hình Khu dân cư an toàn</td><td class="buttonheading">'
            '<a href="/index.php?view=article&amp;print=1"><img src="/images/M_images/printButton.png" alt="In"></a>'
            '</td></tr></table><table class="contentpaneopen"><tr><td valign="top" class="createdate">'
            'Thứ sáu, 22 Tháng 11 2024 09:12</td></tr><tr><td valign="top"><span class="small">52 lượt xem</span></td></tr>'
            f'<tr><td valign="top"><p>{TEXT}</p><p>{TEXT}</p></td></tr>'
            '<tr><td class="modifydate">Lần cập nhật cuối ( Thứ bảy, 23 Tháng 11 2024 10:00 )</td></tr></table>')
    assert run_import(site, save(tmp_path, "a.html", page(body, "Thị trấn Khánh Hải ra mắt mô hình Khu dân cư an toàn")))[0] == 0
    fields, text = only_article(site)
    assert (str(fields["date"]), fields["views"]) == ("2024-11-22 09:12", 52)
    assert text.strip() == f"{TEXT}\n\n{TEXT}"


def test_joomla_1_5_title_in_contentheading_when_the_page_title_is_the_site_s(site, tmp_path):
    body = ('<div class="componentheading">Tin tức - Sự kiện</div><table class="contentpaneopen"><tr>'
            '<td class="contentheading" width="100%">Thị trấn Khánh Hải ra mắt mô hình Khu dân cư an toàn</td>'
            '</tr></table><table class="contentpaneopen"><tr><td valign="top" class="createdate">'
            f'Thứ sáu, 22 Tháng 11 2024 09:12</td></tr><tr><td valign="top"><p>{TEXT}</p><p>{TEXT}</p></td></tr></table>')
    assert run_import(site, save(tmp_path, "a.html", page(body, "UBND thị trấn Khánh Hải")))[0] == 0
    fields, text = only_article(site)
    assert fields["title"] == "Thị trấn Khánh Hải ra mắt mô hình Khu dân cư an toàn"
    assert text.strip() == f"{TEXT}\n\n{TEXT}"


def test_relative_addresses_are_read_from_the_page_s_base_href(site, tmp_path):
    """A CMS that names `<base href="https://host/">` links its pictures and files from the
    site's root ("Uploads/anh.jpg") on a page saved three folders down."""
    host = tmp_path / "saved" / "xa.example.gov.vn"
    (host / "Uploads").mkdir(parents=True)
    (host / "Uploads" / "anh.jpg").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    (host / "Uploads" / "ke-hoach.pdf").write_bytes(b"%PDF-1.4")
    (host / "tin-tuc" / "2024").mkdir(parents=True)
    body = ('<h1>Xã Thanh Hải tổ chức hội nghị đối thoại với Nhân dân</h1><p>Đăng ngày 22 - 11 - 2024</p>'
            f'<div class="detail"><p>{TEXT}</p><p><img src="Uploads/anh.jpg" alt="Đối thoại"></p>'
            f'<p>{TEXT} Xem <a href="Uploads/ke-hoach.pdf">kế hoạch</a>.</p></div>')
    (host / "tin-tuc" / "2024" / "doi-thoai.html").write_text(
        page(body, head='<meta charset="utf-8"><base href="https://xa.example.gov.vn/">'), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "missing" not in report.replace("0 missing", "")
    _, text = only_article(site)
    assert re.search(r"!\[Đối thoại\]\(/[^)]*/anh\.jpg\)", text) and re.search(r"\[kế hoạch\]\(/[^)]*/ke-hoach\.pdf\)", text)
    assert sorted(p.name for p in site.content.rglob("*.*") if p.suffix != ".md") == ["anh.jpg", "ke-hoach.pdf"]


@pytest.mark.parametrize("line", ["Tác giả: Minh Châu - 22/11/2024", "Tác giả: Minh Châu | Lượt xem: 52",
                                  "Tác giả: Minh Châu, Ngày đăng: 22/11/2024 09:12"])
def test_the_author_is_the_name_without_the_date_or_views_on_its_line(site, tmp_path, line):
    body = (f'<div class="detail"><h2 class="title">Công an xã Nhơn Hải tuyên truyền phòng chống ma túy</h2>'
            f'<p>Đăng ngày 22 - 11 - 2024</p><p>{TEXT}</p><p>{TEXT}</p><p class="author">{line}</p></div>')
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert fields["author"] == "Minh Châu" and "Minh Châu" not in text


@pytest.mark.parametrize("title, shown", [
    ('<td class="title">Xã Vĩnh Hải tổng kết công tác dân vận<br><span>22/11/2024 09:12</span></td>',
     ("Xã Vĩnh Hải tổng kết công tác dân vận", "2024-11-22 09:12")),
    ('<td class="title">Xã Vĩnh Hải tổng kết công tác dân vận <small>(Thứ Sáu, 22/11/2024 - 09:12)</small></td>',
     ("Xã Vĩnh Hải tổng kết công tác dân vận", "2024-11-22 09:12")),
    ('<td class="title">Thông báo lịch tiếp công dân <b>ngày 25/11/2024</b></td><td>22/11/2024 09:12</td>',
     ("Thông báo lịch tiếp công dân ngày 25/11/2024", "2024-11-22 09:12")),
])
def test_a_date_inside_the_title_s_element_is_the_date_not_the_title(site, tmp_path, title, shown):
    """Old ASP portals print the date in the title's cell, after a line break."""
    body = f'<table><tr>{title}</tr><tr><td colspan="2"><p>{TEXT}</p><p>{TEXT}</p></td></tr></table>'
    assert run_import(site, save(tmp_path, "a.html", page(body, shown[0] + " - Cổng TTĐT")))[0] == 0
    fields, text = only_article(site)
    assert (fields["title"], str(fields["date"])) == shown and text.strip() == f"{TEXT}\n\n{TEXT}"


@pytest.mark.parametrize("picture", ['<img src="anh.jpg" alt="Quang cảnh">',
                                     '<a href="anh.jpg"><img src="anh.jpg" alt="Quang cảnh"></a>'])
def test_a_picture_in_a_cell_beside_the_title_and_text_is_kept(site, tmp_path, picture):
    """The title's cell stands beside others in its row: the page's panes go, a picture of
    the article shown beside its text stays."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "anh.jpg").write_bytes(b"\\xff\\xd8\\xff\\xe0JFIF")
    body = ('<table><tr><td><h2>Xã Vĩnh Hải tổng kết công tác dân vận năm 2024</h2><p>Đăng ngày 22 - 11 - 2024</p>'
            f'<p>{TEXT}</p><p>{TEXT}</p></td><td width="250">{picture}<br><i>Quang cảnh hội nghị</i></td>'
            '<td width="200"><div>Đang online: 59</div><a href="/lien-he.html">Liên hệ với chúng tôi</a></td></tr></table>')
    (folder / "a.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, folder)[0] == 0
    _, text = only_article(site)
    assert text.startswith(f"\n{TEXT}\n\n{TEXT}\n\n") and "Quang cảnh hội nghị" in text and "online" not in text
    assert [p.name for p in site.content.rglob("*.*") if p.suffix != ".md"] == ["anh.jpg"]


def test_an_eye_icon_before_the_word_views_in_the_date_line_is_not_left_in_the_text(site, tmp_path):
    body = ('<div class="journal-content-article"><h3 class="header-title"><span>Hội nghị triển khai'
            ' chuyển đổi số</span></h3><div class="news-date"><i class="icon-calendar"></i> Thứ Hai,'
            ' 25/11/2024 - 09:12 | <i class="icon-eye-open"></i> Lượt xem: 1.234</div>'
            f'<p>{TEXT}</p><p>Đoạn thứ hai của bài viết.</p></div>')
    assert run_import(site, save(tmp_path, "hoi-nghi.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert fields["views"] == 1234 and str(fields["date"]).startswith("2024-11-25 09:12")
    assert "👁" not in text and text.lstrip().startswith("Huyện ủy Ninh Hải")


@pytest.mark.parametrize("frame, address", [
    ('<iframe title="Phóng sự ra quân" src="https://www.youtube.com/embed/abcDEF12345?feature=oembed"'
     ' allowfullscreen></iframe>', "https://www.youtube.com/embed/abcDEF12345?feature=oembed"),
    ('<iframe src="//player.vimeo.com/video/123456"></iframe>', "https://player.vimeo.com/video/123456"),
])
def test_a_video_embedded_in_the_text_stays_as_a_link_to_it(site, tmp_path, frame, address):
    body = (f'<h1>Xã Phước Hải ra quân vệ sinh môi trường</h1><p>Đăng ngày 22/11/2024</p>'
            f'<div class="entry-content"><p>{TEXT}</p><figure class="wp-block-embed">{frame}'
            '<figcaption>Phóng sự: ra quân làm sạch bãi biển</figcaption></figure>'
            '<p>Đoạn cuối của bài viết.</p></div>')
    assert run_import(site, save(tmp_path, "ra-quan.html", page(body)))[0] == 0
    _, text = only_article(site)
    assert f"]({address})" in text or f"<{address}>" in text
    assert "[123456]" not in text
    assert text.index(address) < text.index("Phóng sự: ra quân") < text.index("Đoạn cuối")


def test_a_video_of_a_host_the_site_embeds_is_imported_as_its_player(site, tmp_path):
    """With `embed_hosts: [www.youtube.com]` the site shows YouTube's players, yet import
    turned the old portal's into links to them: the video was no longer seen in the text."""
    site.settings("base_url: https://example.gov.vn/\nembed_hosts: [www.youtube.com]\n")
    body = ('<h1>Xã Phước Hải ra quân vệ sinh môi trường</h1><p>Đăng ngày 22/11/2024</p>'
            f'<div class="entry-content"><p>{TEXT}</p><p><iframe width="560" height="315" '
            'src="https://www.youtube.com/embed/abcDEF12345" title="Phóng sự ra quân" '
            'frameborder="0" onload="alert(1)" allowfullscreen></iframe></p>'
            '<p><iframe src="https://player.vimeo.com/video/123456"></iframe></p>'
            '<p>Đoạn cuối của bài viết.</p></div>')
    with redirect_stdout(StringIO()):
        code = main(["import", str(save(tmp_path, "ra-quan.html", page(body))), "--into",
                     str(site.content), "--config", str(site.root / "site.yaml")])
    assert code == 0
    _, text = only_article(site)
    assert "](https://www.youtube.com/embed/abcDEF12345)" not in text
    assert "https://player.vimeo.com/video/123456" in text  # not embedded here: a link
    assert site.build() == 0
    [shown] = site.output.glob("2024/11/*/index.html")
    frames = BeautifulSoup(shown.read_text(encoding="utf-8"), "html.parser").select(".body iframe")
    assert [f.attrs for f in frames] == [{
        "width": "560", "height": "315", "src": "https://www.youtube.com/embed/abcDEF12345",
        "title": "Phóng sự ra quân", "allowfullscreen": ""}]
    assert text.index(TEXT) < text.index("<iframe") < text.index("Đoạn cuối")


@pytest.mark.parametrize("submitted", [
    "Gửi lúc Thứ Năm, 05/12/2024 - 14:30 bởi bientap",
    "Gửi bởi bientap vào lúc Thứ Năm, 05/12/2024 - 14:30",
    "Gửi vào Thứ Năm, 05/12/2024 - 14:30",
])
def test_drupal_submitted_line_gives_the_date_and_is_not_left_in_the_text(site, tmp_path, submitted):
    body = ('<h1 class="title" id="page-title">Kỳ họp thứ mười HĐND huyện khóa XX</h1><div class="node">'
            f'<div class="submitted"><span property="dc:date">{submitted}</span></div>'
            f'<div class="field field-name-body"><div class="field-items"><div class="field-item even"><p>{TEXT}</p>'
            '</div></div></div></div>')
    assert run_import(site, save(tmp_path, "ky-hop.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert str(fields["date"]).startswith("2024-12-05 14:30") and text.strip() == TEXT


@pytest.mark.parametrize("icon", [
    '<img class="file-icon" alt="PDF icon" title="application/pdf" src="/modules/file/icons/application-pdf.png" />',
    '<img src="/Images/icons/pdf.gif" border="0" />',
    '<img src="/images/icon_pdf.png" alt="" />',
    '<img src="/Portals/0/img/ico-file.gif" width="16" height="16" />',
])
def test_file_type_icons_beside_attachments_are_not_kept_as_pictures(site, tmp_path, icon):
    folder = save(tmp_path, "ky-hop.html", page(
        '<h1>Kỳ họp thứ mười HĐND huyện khóa XX</h1><p>Đăng ngày 05/12/2024</p>'
        f'<div class="content"><p>{TEXT}</p><div class="attachments"><p>Tệp đính kèm:</p>'
        f'<p>{icon} <a href="bao-cao.pdf">Báo cáo kinh tế - xã hội</a></p></div></div>'))
    (folder / "bao-cao.pdf").write_bytes(b"%PDF-1.4\n")
    code, report = run_import(site, folder)
    assert code == 0 and "missing" not in report.replace("0 missing", "")
    _, text = only_article(site)
    assert "![" not in text and "[Báo cáo kinh tế - xã hội](" in text


@pytest.mark.parametrize("saved_as", [
    "index.php?option=com_content&view=article&id=5&Itemid=101.html",  # Joomla without SEF
    "index.php?option=com_content&view=article&id=5",  # wget without --adjust-extension
    "Default.aspx?tabid=36&ItemID=1234.html",  # DotNetNuke, custom ASP.NET
    "index.php@option=com_content&view=article&id=5.html",  # wget on Windows
])
def test_an_article_addressed_by_a_query_on_the_home_script_is_not_the_home_page(site, tmp_path, saved_as):
    body = f"<h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1><p>Ngày đăng: 22/11/2024 08:30</p><p>{TEXT}</p>"
    folder = tmp_path / "saved" / "vinhhai.example.vn"
    folder.mkdir(parents=True)
    (folder / saved_as).write_text(page(body), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "home page" not in report
    fields, text = only_article(site)
    assert fields["title"] == "Xã Vĩnh Hải ra quân làm sạch bãi biển" and text.strip() == TEXT


def test_a_canonical_link_to_an_article_on_the_home_script_is_its_address(site, tmp_path):
    body = f"<h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>"
    head = ('<meta charset="utf-8"><link rel="canonical" '
            'href="https://vinhhai.example.vn/index.php?option=com_content&amp;view=article&amp;id=5">')
    assert run_import(site, save(tmp_path, "bai.html", page(body, head=head)))[0] == 0
    assert only_article(site)[0]["title"] == "Xã Vĩnh Hải ra quân làm sạch bãi biển"


@pytest.mark.parametrize("skip", [
    '<div id="skip-link"><a href="#main-content" class="element-invisible element-focusable">Chuyển đến nội dung chính</a></div>',
    '<a class="skip-link screen-reader-text" href="#primary">Chuyển đến nội dung</a>',
    '<a class="visually-hidden focusable skip-link" href="#main-content">Bỏ qua để đến nội dung chính</a>',
    '<a class="sr-only sr-only-focusable" href="#content">Đi đến nội dung</a>',
])
def test_a_skip_link_for_screen_readers_is_not_part_of_the_text(site, tmp_path, skip):
    body = (f'{skip}<div id="main"><a id="main-content"></a><h1>Kỳ họp thứ mười HĐND huyện khóa XX</h1>'
            f'<p>Ngày đăng: 05/12/2024</p><p>{TEXT}</p></div>')
    assert run_import(site, save(tmp_path, "ky-hop.html", page(body)))[0] == 0
    assert only_article(site)[1].strip() == TEXT



def test_a_saved_name_in_bytes_that_are_not_utf8_is_read_not_a_traceback(site, tmp_path):
    """wget keeps an address written in windows-1258 ("Hội nghị" as bytes) as the file's name."""
    import os

    body = f"<h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1><p>Ngày đăng: 22/11/2024 08:30</p><p>{TEXT}</p>"
    folder = tmp_path / "saved" / "vinhhai.example.vn" / "tin"
    folder.mkdir(parents=True)
    with open(os.path.join(os.fsencode(folder), "h\xf4i-ngh\xf2.html".encode("latin-1")), "wb") as out:
        out.write(page(body).encode("utf-8"))
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "1 articles written" in report
    fields, text = only_article(site)
    assert fields["title"] == "Xã Vĩnh Hải ra quân làm sạch bãi biển" and text.strip() == TEXT
    assert fields["aliases"] == []  # no file of the site can answer to those bytes


def test_a_picture_whose_address_is_in_windows_1258_is_found_under_its_raw_name(site, tmp_path):
    """An old IIS portal writes "Ảnh hội.jpg" as /Upload/%C1nh%20h%F4i.jpg; wget saves the bytes."""
    import os

    body = (f"<h1>Hội nghị sơ kết công tác 9 tháng năm 2024</h1><p>Ngày đăng: 01/10/2024 08:00</p><p>{TEXT}</p>"
            '<p><img src="/Upload/%C1nh%20h%F4i.jpg" alt="Quang cảnh hội nghị"></p>')
    host = tmp_path / "saved" / "xa.example.vn"
    (host / "tin").mkdir(parents=True)
    (host / "Upload").mkdir()
    (host / "tin" / "hoi-nghi.html").write_text(page(body), encoding="utf-8")
    with open(os.path.join(os.fsencode(host / "Upload"), b"\xc1nh h\xf4i.jpg"), "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "1 files copied, 0 missing" in report
    [copy] = [p for p in site.content.rglob("*") if p.suffix == ".jpg"]
    assert copy.name == "anh-hoi.jpg" and copy.read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert f"![Quang cảnh hội nghị](/{copy.relative_to(site.content).as_posix()})" in only_article(site)[1]


@pytest.mark.parametrize("shown", [
    "<p><b>{t}</b></p>",
    '<font size="4" color="#003399"><b>{t}</b></font><br>',
    "<h4>{t}</h4>",
    "</div><h1>Cổng thông tin điện tử huyện Cam Lộ</h1><div><h2>{t}</h2>",  # the site's name shown too
])
def test_a_page_title_with_the_site_name_first_gives_the_article_s_title(site, tmp_path, shown):
    title = "Khai mạc hội chợ nông sản"  # shorter than the site's name
    body = (f'<div class="noi-dung">{shown.format(t=title)}<div>Ngày đăng: 22/11/2024 09:12</div>'
            f"<p>{TEXT}</p><p>Đoạn thứ hai của bài viết.</p></div>")
    head = '<meta charset="utf-8">'
    assert run_import(site, save(tmp_path, "a.html", page(
        body, title=f"Cổng thông tin điện tử huyện Cam Lộ - {title}", head=head)))[0] == 0
    fields, text = only_article(site)
    assert fields["title"] == title and str(fields["date"]) == "2024-11-22 09:12"
    assert title not in text and TEXT in text


@pytest.mark.parametrize("line", ["Ngày 22/11/2024 09:12", "Ngày 22-11-2024", "(Ngày 22/11/2024)",
                                  "Ngày 22 tháng 11 năm 2024"])
def test_a_date_line_beginning_with_ngay_in_the_text_block_is_not_kept(site, tmp_path, line):
    body = (f'<div class="noi-dung"><h1>Khai mạc hội chợ nông sản</h1><div>{line}</div>'
            f"<p>{TEXT}</p><p>Ngày 22/11/2024, xã tổ chức lễ ra quân.</p></div>")
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert str(fields["date"]).startswith("2024-11-22")
    assert text.strip() == f"{TEXT}\n\nNgày 22/11/2024, xã tổ chức lễ ra quân."


@pytest.mark.parametrize("shown", ["<p><strong>{t}</strong></p>", '<div align="center"><b>{t}</b></div>',
                                   "<h4>{t}</h4>"])
def test_a_bold_title_above_a_bare_date_on_a_page_titled_generically(site, tmp_path, shown):
    title = "KHAI MẠC HỘI CHỢ NÔNG SẢN XÃ AN BÌNH NĂM 2024"
    body = (f'<div class="header"><b>UBND XÃ AN BÌNH</b> <span>Thứ Tư, 04/12/2024</span></div>'
            f'<div class="noi-dung">{shown.format(t=title)}<p>22/11/2024 09:12</p><p>{TEXT}</p><p>{TEXT}</p></div>')
    assert run_import(site, save(tmp_path, "a.html", page(body, title="Chi tiết tin tức")))[0] == 0
    fields, text = only_article(site)
    assert fields["title"] == title and str(fields["date"]) == "2024-11-22 09:12"
    assert text.strip() == f"{TEXT}\n\n{TEXT}"


@pytest.mark.parametrize("given", ["vinhhai.example.vn/tin-tuc", "vinhhai.example.vn/tin-tuc/ra-quan.html"])
def test_a_section_folder_or_a_page_of_a_mirror_keeps_its_old_address_and_pictures(site, tmp_path, given):
    """README step 2: `site-gen import huyenuy.ninhhai.gov.vn/tin-tuc/ --dry-run` on a few pages."""
    host = tmp_path / "saved" / "vinhhai.example.vn"
    (host / "tin-tuc").mkdir(parents=True)
    (host / "Upload").mkdir()
    (host / "Upload" / "ra-quan.jpg").write_bytes(b"\x89PNG\r\n\x1a\n")
    body = (f"<h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1><p>Ngày đăng: 22/11/2024 08:30</p><p>{TEXT}</p>"
            '<p><img src="/Upload/ra-quan.jpg" alt="Ra quân"></p>')
    (host / "tin-tuc" / "ra-quan.html").write_text(page(body), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved" / given)
    assert code == 0 and "1 files copied, 0 missing" in report
    fields, text = only_article(site)
    assert fields["aliases"] == ["/tin-tuc/ra-quan.html"] and "file:" not in text


def test_related_items_and_links_to_articles_imported_in_an_earlier_run_point_at_them(site, tmp_path):
    host = tmp_path / "saved" / "vinhhai.example.vn" / "tin"
    host.mkdir(parents=True)
    first = f"<h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1><p>Ngày đăng: 15/11/2024 08:30</p><p>{TEXT}</p>"
    second = (f"<h1>Khai mạc hội chợ nông sản</h1><p>Ngày đăng: 22/11/2024 09:00</p><p>{TEXT}</p>"
              '<p>Xem thêm <a href="/tin/ra-quan.html">lễ ra quân</a>.</p>'
              '<div class="lien-quan"><h3>Tin liên quan</h3><ul><li><a href="/tin/ra-quan.html">'
              "Xã Vĩnh Hải ra quân làm sạch bãi biển</a></li></ul></div>")
    (host / "ra-quan.html").write_text(page(first), encoding="utf-8")
    (host / "hoi-cho.html").write_text(page(second), encoding="utf-8")
    assert run_import(site, host / "ra-quan.html")[0] == 0
    code, report = run_import(site, host / "hoi-cho.html")
    assert code == 0 and "1 related entries matched, 0 unmatched" in report
    [earlier] = [p for p in site.content.rglob("*.md") if "ra-quan" in p.name]
    [later] = [p for p in site.content.rglob("*.md") if "hoi-cho" in p.name]
    fields, text = front(later)
    rel = earlier.relative_to(site.content).as_posix()
    assert fields["related"] == [rel.removesuffix(".md")] and f"[lễ ra quân](/{rel})" in text


def test_joomla_by_line_and_last_modified_line_are_not_kept_in_the_text(site, tmp_path):
    body = ('<table class="contentpaneopen"><tr><td class="contentheading">Khai mạc hội chợ nông sản</td></tr></table>'
            '<table class="contentpaneopen"><tr><td valign="top"><span class="small">Viết bởi Administrator</span></td></tr>'
            '<tr><td valign="top" class="createdate">Thứ sáu, 22 Tháng 11 2024 09:12</td></tr>'
            f'<tr><td valign="top"><p>{TEXT}</p><p>{TEXT}</p></td></tr>'
            '<tr><td colspan="2" class="modifydate">Lần cập nhật cuối ( Thứ hai, 25 Tháng 11 2024 08:00 )</td></tr>'
            '</table>')
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    fields, text = only_article(site)
    assert fields["title"] == "Khai mạc hội chợ nông sản" and str(fields["date"]) == "2024-11-22 09:12"
    assert text.strip() == f"{TEXT}\n\n{TEXT}"


def test_months_of_a_year_in_the_text_are_not_a_date():
    from site_gen.commands.importing.cues import read_moment

    assert read_moment("Trong 9 tháng năm 2024, toàn huyện thu ngân sách đạt 80%.", TZ, ("SA", "CH")) is None


def test_attached_files_served_by_a_download_handler_are_copied(site, tmp_path):
    """ASP.NET portals serve attachments as /DownloadFile.aspx?id=123; wget saves the PDF
    under that name."""
    import io
    import zipfile

    host = tmp_path / "saved" / "xa.example.vn"
    (host / "tin").mkdir(parents=True)
    (host / "DownloadFile.aspx?id=123").write_bytes(b"%PDF-1.4\n%%EOF\n")
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    (host / "tin" / "GetFile.ashx?FileID=77").write_bytes(docx.getvalue())
    body = (f"<h1>Thông báo tuyển dụng viên chức năm 2024</h1><p>Ngày đăng: 01/10/2024 08:00</p><p>{TEXT}</p>"
            '<p>Tệp đính kèm: <a href="/DownloadFile.aspx?id=123">Thông báo số 45/TB-UBND</a></p>'
            '<p><a href="GetFile.ashx?FileID=77">Mẫu phiếu đăng ký</a></p>'
            '<p><a href="/tin/khac.aspx?id=9">Một tin khác của cổng</a></p>')
    (host / "tin" / "a.html").write_text(page(body), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "2 files copied, 0 missing" in report and "an attached file (PDF)" in report
    copies = sorted(p.suffix for p in site.content.rglob("*") if p.is_file() and p.suffix != ".md")
    assert copies == [".docx", ".pdf"]
    _, text = only_article(site)
    assert "DownloadFile.aspx" not in text and "GetFile.ashx" not in text
    assert "(https://xa.example.vn/tin/khac.aspx?id=9)" in text


def test_an_article_listed_in_two_related_boxes_is_one_related_entry(site, tmp_path):
    inside = ('<p><strong>Tin liên quan:</strong></p>'
              + "".join(f'<p>- <a href="/tin/{n}.html">{t}</a></p>' for n, (t, _) in enumerate(OTHERS)))
    other = ('<div class="box"><h3>Các tin khác</h3><ul>'
             + "".join(f'<li><a href="/tin/{n}.html">{t}</a> ({d})</li>' for n, (t, d) in enumerate(OTHERS))
             + '<li><a href="/tin/9.html">Hội nghị tổng kết công tác năm 2024 của xã</a></li></ul></div>')
    body = (f'<h1>Khai mạc hội chợ nông sản</h1><p>Ngày đăng: 22/11/2024 09:00</p>'
            f'<div class="noi-dung"><p>{TEXT}</p>{inside}</div>{other}')
    folder = tmp_path / "saved" / "vinhhai.example.vn"
    folder.mkdir(parents=True)
    (folder / "hoi-cho.html").write_text(page(body), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "0 related entries matched, 3 unmatched" in report
    fields, text = only_article(site)
    assert [e["url"] for e in fields["related"]] == [
        f"https://vinhhai.example.vn/tin/{n}.html" for n in (0, 1, 9)]


def test_a_title_only_in_the_page_title_after_the_site_name_it_states(site, tmp_path):
    body = f'<div class="ngay">Ngày đăng: 22/11/2024 08:00</div><div class="noi-dung"><p>{TEXT}</p><p>{TEXT}</p></div>'
    head = '<meta charset="utf-8"><meta property="og:site_name" content="UBND huyện Cam Lộ">'
    assert run_import(site, save(tmp_path, "a.html", page(
        body, title="UBND huyện Cam Lộ - Khai mạc hội chợ nông sản", head=head)))[0] == 0
    assert only_article(site)[0]["title"] == "Khai mạc hội chợ nông sản"


@pytest.mark.parametrize("tools", [
    '<div class="addthis_toolbox addthis_default_style"><a class="addthis_button_tweet">Tweet</a>'
    '<a class="addthis_counter addthis_pill_style">Bookmark</a></div>',
    '<div class="fb-like" data-href="https://x" data-layout="button_count">Thích</div>',
    '<p class="tools"><a href="#" onclick="window.print()">[In trang]</a> <a href="#top">[Về đầu trang]</a>'
    ' <a href="javascript:history.back()">[Trở về]</a></p>',
    '<div class="rate">Đánh giá: <a>1</a><a>2</a><a>3</a><a>4</a><a>5</a></div>',
    '<div class="google-ad">Quảng cáo</div>',
])
def test_share_like_rate_tools_and_adverts_below_the_text_are_not_kept(site, tmp_path, tools):
    body = (f'<h1>Khai mạc hội chợ nông sản</h1><p>Ngày đăng: 22/11/2024 09:00</p>'
            f'<div class="noi-dung"><p>{TEXT}</p><p>{TEXT}</p>{tools}</div>')
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    assert only_article(site)[1].strip() == f"{TEXT}\n\n{TEXT}"


@pytest.mark.parametrize("head", [
    '<meta name="DC.date" content="2024-11-22T09:12:00+07:00">',
    '<meta name="dc.date.issued" content="2024-11-22T09:12:00+07:00">',
    '<meta name="dcterms.created" content="2024-11-22T09:12:00+07:00">',
    '<meta itemprop="dateCreated" content="2024-11-22T09:12:00+07:00">',
    '<meta property="article:published" content="2024-11-22T09:12:00+07:00">',
    '<meta name="parsely-pub-date" content="2024-11-22T02:12:00Z">',
    '<meta name="publish-date" content="22/11/2024 09:12">',
])
def test_a_date_stated_only_in_the_page_s_metadata(site, tmp_path, head):
    body = f'<h1>Khai mạc hội chợ nông sản</h1><div class="noi-dung"><p>{TEXT}</p><p>{TEXT}</p></div>'
    assert run_import(site, save(tmp_path, "a.html", page(body, head='<meta charset="utf-8">' + head)))[0] == 0
    assert str(only_article(site)[0]["date"]) == "2024-11-22 09:12"


def test_a_dry_run_says_which_articles_a_real_run_would_leave_as_they_are(site, tmp_path):
    body = f"<h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1><p>Ngày đăng: 22/11/2024 08:30</p><p>{TEXT}</p>"
    folder = save(tmp_path, "ra-quan.html", page(body))
    assert run_import(site, folder)[0] == 0
    code, report = run_import(site, folder, "--dry-run")
    assert code == 0 and "would write:" not in report and "0 articles would be written" in report
    assert "exists; --force replaces it)" in report
    code, report = run_import(site, folder, "--dry-run", "--force")
    assert code == 0 and "would write:" in report and "1 articles would be written" in report


def test_a_file_linked_in_another_letter_case_than_saved_is_found(site, tmp_path):
    """An IIS server (ASP.NET portals) answers /upload/anh_to.jpg with Upload/ANH_TO.JPG, and
    pages link files in any case: the saved picture was reported missing and lost."""
    folder = tmp_path / "saved"
    (folder / "Upload").mkdir(parents=True)
    (folder / "Upload" / "ANH_TO.JPG").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    body = ('<h2>Hội nghị tập huấn nghiệp vụ văn thư lưu trữ</h2><p>Ngày đăng: 22/11/2024 09:12</p>'
            f'<div class="content-news"><p>{TEXT}</p><p><img src="upload/anh_to.jpg" alt="Tập huấn">'
            f'</p><p>{TEXT}</p></div>')
    (folder / "a.html").write_text(page(body), encoding="utf-8")
    code, report = run_import(site, folder)
    assert code == 0 and "missing" not in report.replace("0 missing", "")
    _, text = only_article(site)
    assert re.search(r"!\[Tập huấn\]\(/[^)]*/anh-to\.jpg\)", text), text
    assert [p.name for p in site.content.rglob("*.*") if p.suffix != ".md"] == ["anh-to.jpg"]


def test_a_page_saved_gzip_compressed_is_read_and_one_unpacking_too_large_is_refused(site, tmp_path):
    """wget saves a page as the server sent it when the server gzips it unasked: the bytes
    start 1f 8b. It is unpacked (so far as MAX_PAGE_BYTES, no further) and read."""
    import gzip

    from site_gen.commands.importing.source import MAX_PAGE_BYTES

    body = f"<h1>Xã Vĩnh Hải tổng kết công tác năm 2024</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>"
    folder = save(tmp_path, "a.html", "")
    (folder / "a.html").write_bytes(gzip.compress(page(body).encode("utf-8")))
    (folder / "bom.html").write_bytes(gzip.compress(b" " * (MAX_PAGE_BYTES + 1)))
    (folder / "cut.html").write_bytes(gzip.compress(page(body).encode("utf-8"))[:-30])
    code, report = run_import(site, folder)
    fields, text = only_article(site)
    assert code == 0 and fields["title"] == "Xã Vĩnh Hải tổng kết công tác năm 2024" and text.strip() == TEXT
    assert f"skipped: {folder / 'bom.html'} (not an article: larger than any saved article once unpacked)" in report
    assert f"skipped: {folder / 'cut.html'} (cannot read: a gzip-compressed page cut short)" in report


def test_a_missing_picture_shown_and_linked_is_reported_once(site, tmp_path):
    body = (f"<h1>Xã Vĩnh Hải tổng kết công tác năm 2024</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>"
            '<p><a href="/Upload/anh/hoi-nghi.jpg"><img src="../Upload/anh/hoi-nghi.jpg" alt="Hội nghị" width="500"></a></p>'
            '<p>Xem <a href="https://vinhhai.example.vn/Upload/anh/hoi-nghi.jpg">ảnh lớn</a>.</p>')
    folder = tmp_path / "saved" / "vinhhai.example.vn" / "tin"
    folder.mkdir(parents=True)
    (folder / "tong-ket.html").write_text(page(body), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    missing = [line for line in report.splitlines() if line.startswith("missing:")]
    assert code == 0 and missing == [f"missing: {folder / 'tong-ket.html'}: https://vinhhai.example.vn/Upload/anh/"
                                     "hoi-nghi.jpg (not in the saved pages; the link is kept)"]
    assert ", 1 missing," in report


def test_a_page_saved_as_a_symbolic_link_is_reported_not_read(site, tmp_path):
    """A link may point out of the saved pages; it is not read, and the report says so and
    why, as for every other file left out."""
    body = f"<h1>Xã Vĩnh Hải tổng kết công tác năm 2024</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>"
    folder = save(tmp_path, "a.html", page(body))
    (tmp_path / "outside.html").write_text(page(body.replace("2024</h1>", "2024 (bản sao)</h1>")), encoding="utf-8")
    (folder / "b.html").symlink_to(tmp_path / "outside.html")
    (folder / "c.html").symlink_to(tmp_path / "nowhere.html")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "d.html").write_text(page(body.replace("2024</h1>", "2024 (bản khác)</h1>")),
                                                 encoding="utf-8")
    (folder / "tin").symlink_to(tmp_path / "outside")
    code, report = run_import(site, folder)
    fields, _ = only_article(site)
    assert code == 0 and fields["title"] == "Xã Vĩnh Hải tổng kết công tác năm 2024"
    for name, target in (("b.html", "outside.html"), ("c.html", "nowhere.html"), ("tin", "outside")):
        assert (f"skipped: {folder / name} (not read: a symbolic link (to {tmp_path / target}); what it "
                "points to is imported when it lies in the folders given)") in report
    assert "3 pages skipped" in report


def test_two_saved_copies_of_one_old_address_are_one_article_with_its_alias(site, tmp_path):
    """Two snapshots of one host (`2023/…` and `2024/…`): the copies of one address are one
    article, the other copy is reported; two different texts a careless CMS names by one
    canonical address are two articles, the alias given to one and the other reported."""
    title = "Xã Vĩnh Hải tổng kết công tác năm 2024"
    for year, extra in (("2023", ""), ("2024", " Bài đã được cập nhật số liệu.")):
        folder = tmp_path / "saved" / year / "vinhhai.example.vn" / "tin"
        folder.mkdir(parents=True)
        body = f"<h1>{title}{' (cập nhật)' if extra else ''}</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}{extra}</p>"
        (folder / "tong-ket.html").write_text(page(body), encoding="utf-8")
        other = (f"<h1>Hội nghị sơ kết số {year}</h1><p>Ngày đăng: 0{year[-1]}/11/2024</p>"
                 f"<p>Nội dung riêng của bài số {year} về việc tổ chức tập huấn nghiệp vụ cho cán bộ cơ sở "
                 f"các xã, thị trấn, theo kế hoạch số {year}/KH-UBND của Ủy ban nhân dân huyện.</p>")
        head = '<meta charset="utf-8"><link rel="canonical" href="https://vinhhai.example.vn/tin-tuc.html">'
        (folder / f"bai-{year}.html").write_text(page(other, head=head), encoding="utf-8")
    saved = tmp_path / "saved"
    out = StringIO()
    with redirect_stdout(out):  # both snapshots' folders given, as `import 2023/ 2024/` does
        code = main(["import", str(saved / "2023"), str(saved / "2024"), "--into", str(site.content),
                     "--config", str(REPO / "site.yaml")])
    report = out.getvalue()
    assert code == 0 and (f"skipped: {saved / '2023/vinhhai.example.vn/tin/tong-ket.html'} (another saved copy of "
                          f"https://vinhhai.example.vn/tin/tong-ket.html: {saved / '2024/vinhhai.example.vn/tin/tong-ket.html'}"
                          " is imported)") in report
    articles = {front(p)[0]["title"]: front(p)[0]["aliases"] for p in site.content.rglob("*.md")}
    assert articles == {f"{title} (cập nhật)": ["/tin/tong-ket.html"], "Hội nghị sơ kết số 2023": ["/tin-tuc.html"],
                        "Hội nghị sơ kết số 2024": []}
    first = next(p for p in site.content.rglob("*.md") if front(p)[0]["title"].endswith("2023"))
    assert (f"alias: {saved / '2024/vinhhai.example.vn/tin/bai-2024.html'}: https://vinhhai.example.vn/tin-tuc.html "
            f"is the old address of {first.relative_to(site.content).as_posix()} too, kept as its alias only") in report


PRINT_TITLE = "Kỳ họp thứ mười Hội đồng nhân dân huyện khóa XX"
PRINT_FRAME = ('<div class="print-logo"><img src="/sites/default/files/logo.png"></div>'
               '<div class="print-site_name">Đăng trên Huyện Thạch Hà (http://thachha.example.vn)</div><p/>'
               '<div class="print-breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc">Tin tức</a></div>'
               '<hr class="print-hr" />{}<div class="print-footer">Bản quyền thuộc UBND huyện Thạch Hà</div>'
               '<hr class="print-hr" /><div class="print-source_url"><strong>Đường dẫn nguồn:</strong> '
               '<a href="http://thachha.example.vn/tin-tuc/ky-hop-thu-muoi.html">http://thachha.example.vn/tin-tuc/'
               'ky-hop-thu-muoi.html</a></div><div class="print-links"><p><strong>Liên kết</strong><br/>'
               '[1] http://thachha.example.vn/tin-tuc</p></div>')


@pytest.mark.parametrize("view", [
    f'<h2 class="print-title">{PRINT_TITLE}</h2><div class="print-submitted">Gửi lúc Thứ Năm, 05/12/2024 - 14:30 '
    f'bởi bientap</div><div class="print-content"><p>{TEXT}</p></div>',
    f'<h1 class="print-title">{PRINT_TITLE}</h1><div class="print-content"><div class="node node-article">'
    '<div class="submitted">Thứ Năm, 05/12/2024 - 14:30</div>'
    f'<div class="field field-name-body"><p>{TEXT}</p></div></div></div>',
])
def test_a_drupal_print_view_saved_alone_is_the_article(site, tmp_path, view):
    """Drupal's print module (`/print/512`): its print-content, print-title and
    print-submitted are the article's, and print-source_url names its address; the logo,
    site name, breadcrumb, footer and footnoted links are not."""
    folder = tmp_path / "saved" / "thachha.example.vn" / "print"
    folder.mkdir(parents=True)
    (folder / "512.html").write_text(page(PRINT_FRAME.format(view), title=f"{PRINT_TITLE} | Huyện Thạch Hà"),
                                     encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "1 articles written" in report, report
    fields, text = only_article(site)
    assert fields["title"] == PRINT_TITLE and str(fields["date"]) == "2024-12-05 14:30"
    assert fields["aliases"] == ["/tin-tuc/ky-hop-thu-muoi.html"] and text.strip() == TEXT


def test_a_mirror_in_a_folder_of_snapshots_keeps_its_old_addresses(site, tmp_path):
    """`wget -P 2023/ --mirror`: the host's folder a level or two below the folder given
    still names the old address, kept as the alias; it was a file:/// address, no alias."""
    folder = tmp_path / "saved" / "ban-luu" / "2023" / "vinhhai.example.vn" / "tin"
    folder.mkdir(parents=True)
    body = f"<h1>Xã Vĩnh Hải tổng kết công tác năm 2024</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>"
    (folder / "tong-ket.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    fields, _ = only_article(site)
    assert fields["aliases"] == ["/tin/tong-ket.html"]


def test_a_later_snapshot_imported_on_its_own_leaves_the_alias_to_the_article_before(site, tmp_path):
    """`import 2023/` then `import 2024/`, the article's title edited between the two: the
    second is another article, its old address already the first one's alias; it gets no
    alias (two would make `check` refuse both), and the import says so."""
    saved = tmp_path / "saved"
    for year, title in (("2023", "Xã Vĩnh Hải tổng kết công tác năm 2024"), ("2024", "Xã Vĩnh Hải tổng kết năm 2024")):
        folder = saved / year / "vinhhai.example.vn" / "tin"
        folder.mkdir(parents=True)
        body = f"<h1>{title}</h1><p>Ngày đăng: 22/11/2024</p><p>{TEXT}</p>"
        (folder / "tong-ket.html").write_text(page(body), encoding="utf-8")
    assert run_import(site, saved / "2023")[0] == 0
    [first] = site.content.rglob("*.md")
    code, report = run_import(site, saved / "2024")
    assert code == 0 and (f"alias: {saved / '2024/vinhhai.example.vn/tin/tong-ket.html'}: https://vinhhai.example.vn/"
                          f"tin/tong-ket.html is the old address of {first.relative_to(site.content).as_posix()} too, "
                          "kept as its alias only") in report
    aliases = sorted(front(p)[0]["aliases"] for p in site.content.rglob("*.md"))
    assert aliases == [[], ["/tin/tong-ket.html"]] and front(first)[0]["aliases"] == ["/tin/tong-ket.html"]
    assert run_import(site, saved / "2023", "--force")[0] == 0  # the first, imported again, keeps it
    assert front(first)[0]["aliases"] == ["/tin/tong-ket.html"]


def short_article(title, text):
    """A news page of the usual shape: the by-line and the text in one block beside the menu."""
    return page(f'<div class="menu"><a href="/">Trang chủ</a> <a href="/tin-tuc.html">Tin tức</a></div>'
                f'<div class="news-detail"><h1>{title}</h1><div class="info">Đăng ngày 12/04/2024 | '
                f'Lượt xem: 7</div><div class="news-content">{text}</div></div>'
                '<div class="footer">Đang online: 3</div>', title=f"{title} - UBND xã Vĩnh Hải")


def test_an_article_of_one_sentence_a_file_alone_or_a_picture_alone_is_imported(site, tmp_path):
    """A notice of one sentence, a decision given only as its PDF, a photo alone: the block
    holding the by-line and the text was taken for a by-line and went whole, and a page with
    less than 80 characters of text was "not an article"; only a page of links is none."""
    host = tmp_path / "saved" / "vinhhai.example.vn"
    (host / "files").mkdir(parents=True)
    (host / "files" / "qd-15.pdf").write_bytes(b"%PDF-1.4")
    (host / "files" / "le-chao-co.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    pages = {"lich-tiep-dan": ("Thông báo lịch tiếp công dân tháng 4", "<p>Chủ tịch UBND xã tiếp công dân ngày 15/4.</p>"),
             "quyet-dinh-15": ("Quyết định phê duyệt kế hoạch sử dụng đất", '<p><a href="/files/qd-15.pdf">Tải về</a></p>'),
             "le-chao-co": ("Lễ chào cờ đầu tháng", '<p><img src="/files/le-chao-co.jpg" alt="Lễ chào cờ"></p>'),
             "tim-kiem": ("Kết quả tìm kiếm", '<p><a href="/tin/1.html">Xã Vĩnh Hải ra quân</a></p>'
                          '<p><a href="/tin/2.html">Xã Vĩnh Hải trồng cây</a></p>')}
    for name, (title, text) in pages.items():
        (host / f"{name}.html").write_text(short_article(title, text), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0, report
    assert "tim-kiem.html (not an article" in report
    found = {front(p)[0]["title"]: (p, front(p)[1].strip()) for p in site.content.rglob("*.md")}
    assert sorted(found) == sorted(title for title, _ in list(pages.values())[:3])
    assert found["Thông báo lịch tiếp công dân tháng 4"][1] == "Chủ tịch UBND xã tiếp công dân ngày 15/4."
    path, text = found["Quyết định phê duyệt kế hoạch sử dụng đất"]
    assert text == f"[Tải về](/{path.relative_to(site.content).with_suffix('')}/qd-15.pdf)"
    assert (path.with_suffix("") / "qd-15.pdf").read_bytes() == b"%PDF-1.4"
    path, text = found["Lễ chào cờ đầu tháng"]
    assert text == f"![Lễ chào cờ](/{path.relative_to(site.content).with_suffix('')}/le-chao-co.jpg)"
    assert site.build() == 0


def test_a_search_or_a_category_that_lists_one_article_is_not_imported(site, tmp_path):
    """A search that found one article, a category that holds one: the item's date was
    taken for the page's and its teaser imported as an article, a copy of the real one."""
    host = tmp_path / "saved" / "vinhhai.example.vn"
    (host / "tin").mkdir(parents=True)
    title = "Xã Vĩnh Hải tổ chức Đại hội đại biểu Mặt trận Tổ quốc lần thứ XII"
    item = (f'<div class="news-item"><h3><a href="/tin/dai-hoi.html">{title}</a></h3>'
            f'<span class="date">10/12/2024</span><p>{TEXT[:140]}...</p></div>')
    (host / "tin" / "dai-hoi.html").write_text(short_article(title, f"<p>{TEXT}</p>"), encoding="utf-8")
    (host / "tim-kiem.html").write_text(page(f"<h1>Kết quả tìm kiếm cho: đại hội</h1><p>Tìm thấy 1 kết quả</p>{item}"),
                                        encoding="utf-8")
    (host / "thong-bao.html").write_text(page(f'<h1>Thông báo</h1><div class="list">{item}</div>'), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0
    for name in ("tim-kiem.html", "thong-bao.html"):
        assert f"{name} (not an article: a list of 1 dated articles" in report, report
    fields, body = only_article(site)
    assert fields["title"] == title and body.strip() == TEXT


def test_the_site_s_name_in_bold_in_the_banner_is_not_the_title(site, tmp_path):
    """A page that shows its title only in <title>, its date bare ("22/11/2024 12:30:00 CH"),
    and the site's name in bold in the banner above the menu: every article was titled
    "CỔNG THÔNG TIN ĐIỆN TỬ XÃ PHƯỚC DINH"."""
    body = ('<div class="top"><img src="/logo.png" alt=""><b>CỔNG THÔNG TIN ĐIỆN TỬ XÃ PHƯỚC DINH</b></div>'
            '<table><tr><td class="left"><a href="/">Trang chủ</a><br><a href="/tin">Tin tức</a></td>'
            f'<td class="main"><div class="ngay">22/11/2024 12:30:00 CH</div><div class="noidung"><p>{TEXT}</p>'
            f'<p>{TEXT}</p></div><div class="luotxem">Lượt xem: 10</div></td></tr></table>')
    title = "Đoàn thanh niên xã Phước Dinh ra quân chiến dịch Mùa hè xanh"
    assert run_import(site, save(tmp_path, "a.html", page(body, title=f"{title} - Cổng TTĐT xã Phước Dinh")))[0] == 0
    fields, text = only_article(site)
    assert fields["title"] == title and str(fields["date"]) == "2024-11-22 12:30" and fields["views"] == 10
    assert text.strip() == f"{TEXT}\n\n{TEXT}"


@pytest.mark.parametrize("title", ["Kỷ niệm 94 năm Ngày thành lập Đảng 3/2 - Mừng Xuân Giáp Thìn",
                                   "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 15 – nhiệm kỳ 2020-2025",
                                   "Tết Trung thu năm 2024 | Vui hội trăng rằm cùng thiếu nhi xã"])
def test_a_title_only_in_the_page_title_keeps_its_own_dash(site, tmp_path, title):
    """"<title> - <site name>": only the site's name is cut off; the title was cut at its
    own first dash ("Kỷ niệm 94 năm Ngày thành lập Đảng 3/2")."""
    body = f'<div class="ngay">Ngày đăng: 22/11/2024 08:00</div><div class="noi-dung"><p>{TEXT}</p><p>{TEXT}</p></div>'
    assert run_import(site, save(tmp_path, "a.html", page(body, title=f"{title} - UBND xã Phước Dinh")))[0] == 0
    assert only_article(site)[0]["title"] == title


@pytest.mark.parametrize("printed", ["tin/print.aspx?id=1.html", "tin/1.html?print=1", "in-bai-viet/1.html"])
def test_an_article_s_print_view_saved_beside_it_leaves_the_article_its_address(site, tmp_path, printed):
    """wget follows every "In bài viết" link: the print view, the same article with a print
    link more, was the copy imported, and the article's old address was lost as its alias."""
    host = tmp_path / "saved" / "vinhhai.example.vn"
    title = "Đảng ủy xã Vĩnh Hải trao Huy hiệu 40 năm tuổi Đảng cho đảng viên"
    article = page(f'<div class="nav"><a href="/">Trang chủ</a></div><h1>{title}</h1><div class="date">Ngày đăng: '
                   f'22/11/2024 08:15</div><div class="content"><p>{TEXT}</p><p>{TEXT}</p></div>'
                   f'<a href="/{printed.removesuffix(".html")}">In bài viết</a>')
    view = page(f'<h2>{title}</h2><i>22/11/2024 08:15</i><p>{TEXT}</p><p>{TEXT}</p>'
                '<a href="javascript:window.print()">In</a>', title="In bài viết")
    for name, text in (("tin/1.html", article), (printed, view)):
        (host / name).parent.mkdir(parents=True, exist_ok=True)
        (host / name).write_text(text, encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and f"{printed} (same article as {host / 'tin/1.html'})" in report
    fields, text = only_article(site)
    assert fields["aliases"] == ["/tin/1.html"] and text.strip() == f"{TEXT}\n\n{TEXT}"


def test_a_link_to_an_article_saved_with_html_added_by_wget_points_at_its_new_address(site, tmp_path):
    """`wget --adjust-extension` saves Joomla's `/index.php/tin-tuc/13-ra-quan` as
    `13-ra-quan.html`; a link between the two articles, written without `.html`, kept the
    old portal's address (a dead link once it is gone)."""
    folder = tmp_path / "saved" / "vinhhai.example.vn" / "index.php" / "tin-tuc"
    folder.mkdir(parents=True)
    titles = {"12-hoi-nghi": "Hội nghị tổng kết công tác dân vận năm 2024",
              "13-ra-quan": "Xã Vĩnh Hải ra quân làm sạch bãi biển"}
    for name, title in titles.items():
        other = next(n for n in titles if n != name)
        body = (f'<h1>{title}</h1><p>Ngày đăng: 22/11/2024 08:00</p><div class="noi-dung"><p>{TEXT}</p>'
                f'<p>Xem thêm <a href="/index.php/tin-tuc/{other}">bài {other}</a>.</p></div>')
        (folder / f"{name}.html").write_text(page(body, title=title), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    new = {front(p)[0]["title"]: p.relative_to(site.content).as_posix() for p in site.content.rglob("*.md")}
    for name, title in titles.items():
        other = next(n for n in titles if n != name)
        path = site.content / new[title]
        assert f"Xem thêm [bài {other}](/{new[titles[other]]})." in front(path)[1]
    assert site.build() == 0


def test_a_list_s_time_is_read_after_a_full_title_that_holds_a_date(site, tmp_path):
    """A related box of full titles: "…Chỉ thị 09-CT/TW, ngày 18/01/2022 của Ban Bí thư
    (21/02/2022 15:29)" was dated by the title's own date, so the article, whose page shows
    its day alone, got no time (0:00) and the lists built from it were wrong."""
    folder = tmp_path / "saved" / "vinhhai.example.vn" / "tin"
    folder.mkdir(parents=True)
    titles = {"ct09": "Ban Tuyên giáo hướng dẫn thực hiện Chỉ thị 09-CT/TW, ngày 18/01/2022 của Ban Bí thư",
              "hn": "Hội nghị tổng kết công tác dân vận năm 2024"}
    related = (f'<h3>Tin liên quan</h3><ul><li><a href="/tin/ct09.html">{titles["ct09"]}</a> (21/02/2022 15:29)'
               '</li></ul>')
    for name, day in (("ct09", "21/02/2022"), ("hn", "22/11/2024 08:00")):
        body = (f'<h1>{titles[name]}</h1><p>Ngày đăng: {day}</p><div class="noi-dung"><p>{TEXT}</p></div>'
                + (related if name == "hn" else ""))
        (folder / f"{name}.html").write_text(page(body, title=titles[name]), encoding="utf-8")
    assert run_import(site, tmp_path / "saved")[0] == 0
    dates = {front(p)[0]["title"]: str(front(p)[0]["date"]) for p in site.content.rglob("*.md")}
    assert dates == {titles["ct09"]: "2022-02-21 15:29", titles["hn"]: "2024-11-22 08:00"}


def test_a_wordpress_theme_s_time_of_the_last_edit_before_the_published_one_is_not_the_date(site, tmp_path):
    """GeneratePress writes `<time class="updated">` (hidden) before `<time class="entry-date
    published">`: the article was dated by its last edit."""
    body = ('<article><header><h1 class="entry-title">Xã Vĩnh Hải tổ chức Ngày hội Đại đoàn kết</h1>'
            '<div class="entry-meta"><span class="posted-on"><time class="updated" datetime="2024-11-25T10:00:00+07:00">'
            '25/11/2024</time><time class="entry-date published" datetime="2024-11-22T07:30:00Z">22/11/2024</time>'
            f'</span></div></header><div class="entry-content"><p>{TEXT}</p></div></article>')
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    assert str(only_article(site)[0]["date"]) == "2024-11-22 14:30"


@pytest.mark.parametrize("head", [
    '<meta property="og:title" content="{t} - UBND xã Vĩnh Hải"><meta property="og:site_name" content="UBND xã Vĩnh Hải">',
    '<meta property="og:title" content="{t} | Cổng TTĐT xã Vĩnh Hải">',  # the <title> over again
])
def test_an_og_title_with_the_site_s_name_after_it_gives_the_title_alone(site, tmp_path, head):
    title = "Xã Vĩnh Hải tổ chức Ngày hội Đại đoàn kết toàn dân tộc"
    body = f'<div class="ngay">Ngày đăng: 22/11/2024 08:00</div><div class="noi-dung"><p>{TEXT}</p><p>{TEXT}</p></div>'
    saved = save(tmp_path, "a.html", page(body, title=f"{title} | Cổng TTĐT xã Vĩnh Hải",
                                          head='<meta charset="utf-8">' + head.format(t=title)))
    assert run_import(site, saved)[0] == 0
    assert only_article(site)[0]["title"] == title


def test_a_link_no_parser_reads_leaves_its_words_and_the_article(site, tmp_path):
    """A template's placeholder pasted into the text ("http://[link]") or a broken og:url:
    the whole page was skipped, "cannot read: ValueError: Invalid IPv6 URL"."""
    body = (f'<h1>Xã Vĩnh Hải ra quân làm sạch bãi biển</h1><p>Ngày đăng: 22/11/2024 08:00</p>'
            f'<div class="noi-dung"><p>{TEXT}</p><p>Xem kế hoạch <a href="http://[link]">tại đây</a>.</p></div>')
    head = '<meta charset="utf-8"><meta property="og:url" content="https://[vinhhai.example.vn/tin/1.html">'
    code, report = run_import(site, save(tmp_path, "a.html", page(body, head=head)))
    assert code == 0 and "cannot read" not in report
    fields, text = only_article(site)
    assert fields["title"] == "Xã Vĩnh Hải ra quân làm sạch bãi biển"
    assert text.strip() == f"{TEXT}\n\nXem kế hoạch tại đây."


@pytest.mark.parametrize("above", ['<div class="info">Thứ Sáu, 22/11/2024 08:00 | Lượt xem: 52</div>',
                                   '<div class="top"><a href="/tin">Tin tức</a> <span>22/11/2024 08:00</span>'
                                   ' <span>52 lượt xem</span></div>'])
def test_a_date_line_above_the_title_dates_the_article(site, tmp_path, above):
    """News CMSs that put the date (and views) above the title: the page was skipped, "no
    date found". A header's date of the day, above the menu, still dates nothing."""
    header = '<div id="top"><span>Thứ Tư, 04/12/2024</span></div><div id="menu"><a href="/">Trang chủ</a></div>'
    title = "Xã Vĩnh Hải tổ chức Ngày hội Đại đoàn kết toàn dân tộc"
    article = page(f'{header}<div class="detail">{above}<h1>{title}</h1><div class="noi-dung"><p>{TEXT}</p></div></div>')
    contact = page(f'{header}<div class="main"><h1>Liên hệ</h1><p>{TEXT}</p></div>')
    folder = save(tmp_path, "a.html", article)
    save(tmp_path, "lien-he.html", contact)
    code, report = run_import(site, folder)
    assert code == 0 and "lien-he.html (not an article: no date found (Liên hệ))" in report
    fields, text = only_article(site)
    assert str(fields["date"]) == "2024-11-22 08:00" and fields["views"] == 52 and text.strip() == TEXT


def test_a_bold_title_with_its_category_s_link_above_a_bare_date_is_the_title(site, tmp_path):
    """A by-line's one link (the category) between a bold title and its bare date is no
    menu: the title is the bold line, not the page's generic <title>."""
    title = "KHAI MẠC HỘI CHỢ NÔNG SẢN XÃ AN BÌNH NĂM 2024"
    body = (f'<div class="noi-dung"><p><b>{title}</b></p><p><a href="/tin-tuc">Tin tức - Sự kiện</a></p>'
            f'<p>22/11/2024 09:12</p><p>{TEXT}</p><p>{TEXT}</p></div>')
    assert run_import(site, save(tmp_path, "a.html", page(body, title="Chi tiết tin tức")))[0] == 0
    fields, _ = only_article(site)
    assert fields["title"] == title and str(fields["date"]) == "2024-11-22 09:12"


@pytest.mark.parametrize("shown", ["Ngày đăng: 22 Tháng Mười Một 2024 08:00", "Thứ Sáu, 22 tháng mười một 2024 - 08:00"])
def test_a_date_with_the_month_s_name_and_no_comma_is_read(site, tmp_path, shown):
    """WordPress's or Joomla's "j F Y": "22 Tháng Mười Một 2024" was no date (only "22 Tháng
    Mười Một, 2024" was), and the page was skipped."""
    body = f'<h1>Khai mạc hội chợ nông sản xã Vĩnh Hải</h1><div class="meta">{shown}</div><div class="c"><p>{TEXT}</p></div>'
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    assert str(only_article(site)[0]["date"]) == "2024-11-22 08:00"


def test_nine_months_of_a_year_is_no_date():
    from site_gen.commands.importing.cues import read_moment

    assert read_moment("Kết quả 9 tháng năm 2024 của xã", TZ, ("SA", "CH")) is None
