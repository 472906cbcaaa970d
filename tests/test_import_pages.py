"""Import of single pages: hostile markup, encodings, the date, time and view forms of the
portals, a title only in <title>, a profile for an odd portal, pages that are not articles."""

import sys
from zoneinfo import ZoneInfo

import pytest

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


@pytest.mark.parametrize("encoding, head", [
    ("windows-1258", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'),
    ("windows-1258", ""),
    ("windows-1258", '<meta charset="utf-8">'),  # declared wrongly: the bytes decide
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
])
def test_date_and_time_forms(shown, expected):
    moment = shown_date(f"{shown} | Lượt xem: 5. Ngày 20/11/2024, ...", CUES, TZ, ("SA", "CH"))
    text = f"{moment.at(TZ):%Y-%m-%d %H:%M}" + ("" if moment.clock else " no time")
    assert text == expected


@pytest.mark.parametrize("shown, views", [
    ("Lượt xem: 52", 52), ("Số lượt xem: 1.052", 1052), ("52 lượt xem", 52), ("Lượt đọc: 52", 52),
    ("LƯỢT XEM 7", 7), ("Tổng lượt truy cập: 123.456", None), ("", None),
])
def test_view_forms(shown, views):
    assert read_views(f"Đăng ngày 22 - 11 - 2024 {shown} Nội dung", CUES.views) == views


def test_machine_dates_are_read_in_the_site_time_zone(site, tmp_path):
    body = (f'<h1>Tin có giờ máy đọc được</h1><time datetime="2024-11-22T01:30:00Z">22/11/2024</time>'
            f"<p>{TEXT}</p>")
    assert run_import(site, save(tmp_path, "a.html", page(body)))[0] == 0
    fields, _ = only_article(site)
    assert str(fields["date"]) == "2024-11-22 08:30"


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


@pytest.mark.parametrize("text", ["tittle: h1\n", "title: 'div[class='\n", "words: {lien_quan: [x]}\n"])
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


@pytest.mark.parametrize("shown", ["Title of the item(20/12/2024 9:12 SA)", "Title of the item - 20/12/2024",
                                   "20/12/2024: Title of the item", "[20/12/2024] Title of the item",
                                   "» Title of the item (20/12/2024)"])
def test_list_items_with_the_date_before_or_after(shown):
    from site_gen.commands.portal import list_item
    from site_gen.core.config import load_config

    config, _ = load_config(None)
    item = list_item(shown, config)
    assert item.title == "Title of the item" and f"{item.when:%d/%m/%Y}" == "20/12/2024"
    assert item.timed == ("9:12" in shown)


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
