"""Import tried on pages of other portals than our fixtures', as a new user's would be: the
forms their by-lines, titles, breadcrumbs, captions and links take."""

import pytest
from bs4 import BeautifulSoup

from test_import import front
from test_import_pages import TEXT, only_article, page, save
from test_import_layouts import run_import


def imported(site, tmp_path, body, name="tin.html", title="Chi tiết tin", **extra):
    code, report = run_import(site, save(tmp_path, name, page(body, title=title, **extra)))
    assert code == 0, report
    return (*only_article(site), report)


@pytest.mark.parametrize("first_words", ["Sáng ngày 4/3, ", "Chiều 4/3, ", "Tối ngày 4/3, "])
@pytest.mark.parametrize("clock", ["15:30", "09:00"])
def test_a_text_that_starts_with_the_half_of_the_day_keeps_the_by_line_time(site, tmp_path, first_words, clock):
    body = (f"<h1>Xã Phước Dinh ra quân làm sạch bãi biển</h1><p>Ngày đăng: 04/03/2024 {clock}</p>"
            f"<p>{first_words}{TEXT}</p>")
    fields, text, _ = imported(site, tmp_path, body)
    assert str(fields["date"]) == f"2024-03-04 {clock}"
    assert text.strip().startswith(first_words.strip())


@pytest.mark.parametrize("by_line", [
    "Ngày cập nhật: 10/03/2024 09:00 | Ngày đăng: 04/03/2024 15:30",
    "Cập nhật lúc 09:00, 10/03/2024 - Đăng lúc 15:30, 04/03/2024",
    "Ngày đăng: 04/03/2024 15:30 | Ngày cập nhật: 10/03/2024 09:00",
])
def test_the_date_of_publishing_is_taken_before_that_of_the_last_edit(site, tmp_path, by_line):
    body = (f"<h1>Xã Phước Dinh ra quân làm sạch bãi biển</h1><div class='info'>{by_line}</div>"
            f"<p>{TEXT}</p>")
    fields, text, _ = imported(site, tmp_path, body)
    assert str(fields["date"]) == "2024-03-04 15:30"
    assert "cập nhật" not in text.casefold()


def test_an_edit_date_alone_is_the_date(site, tmp_path):
    body = f"<h1>Xã Phước Dinh ra quân làm sạch bãi biển</h1><p>Cập nhật lúc 08:00, 22/11/2024</p><p>{TEXT}</p>"
    fields, _, _ = imported(site, tmp_path, body)
    assert str(fields["date"]) == "2024-11-22 08:00"


SITE_NAME_PAGES = {
    # the site's name in the banner's <h1>, the article's title in an <h2> with its by-line
    "banner h1": ("Chi tiết tin", "",
                  "<div id='top'><h1>UBND XÃ PHƯỚC DINH</h1><div>Cổng thông tin điện tử</div></div>"
                  "<div class='content'><h2>{title}</h2><div>Thứ Hai, 04/03/2024 - 15:30</div>"),
    # ... and a <title> of the site's name alone
    "title of the site's name": ("UBND xã Phước Dinh", "",
                                 "<div id='top'><h1>UBND xã Phước Dinh</h1></div>"
                                 "<div class='content'><h2>{title}</h2><div>Ngày 04/03/2024 15:30</div>"),
    # the site's name as og:site_name says it; the title in a <span> of a "tên bài" block
    "og:site_name": ("Chi tiết tin", '<meta property="og:site_name" content="UBND xã Phước Dinh">',
                     "<div id='top'><h1>UBND xã Phước Dinh</h1></div><div class='content'>"
                     "<div class='ten-bai'><span>{title}</span></div><div>Ngày 04/03/2024 15:30</div>"),
}


@pytest.mark.parametrize("kind", SITE_NAME_PAGES)
def test_a_heading_of_the_site_name_is_not_the_title(site, tmp_path, kind):
    title = "Xã Phước Dinh ra quân làm sạch bãi biển"
    page_title, head, top = SITE_NAME_PAGES[kind]
    body = top.format(title=title) + f"<p>{TEXT}</p></div>"
    fields, text, _ = imported(site, tmp_path, body, title=page_title,
                               head='<meta charset="utf-8">' + head)
    assert fields["title"] == title
    assert str(fields["date"]) == "2024-03-04 15:30"
    assert text.strip() == TEXT


@pytest.mark.parametrize("by_line", ["Đăng lúc 8 giờ ngày 04/03/2024", "Ngày đăng: 04/03/2024 - 8h",
                                     "Cập nhật lúc 8 giờ, 04/03/2024", "08 giờ, ngày 04/03/2024"])
def test_an_hour_without_its_minutes_is_the_time(site, tmp_path, by_line):
    body = f"<h1>Xã Phước Dinh ra quân làm sạch bãi biển</h1><p>{by_line}</p><p>{TEXT}</p>"
    fields, text, _ = imported(site, tmp_path, body)
    assert str(fields["date"]) == "2024-03-04 08:00"
    assert text.strip() == TEXT


@pytest.mark.parametrize("trail", [
    '<nav><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc">Tin tức - Sự kiện</a> &gt; '
    '<a href="/tin-tuc/moi-truong">Môi trường</a></nav>',
    '<table><tr><td>Bạn đang ở: <a href="/">Trang chủ</a> » <a href="/tin-tuc">Tin tức</a> » '
    '<a href="/tin-tuc/moi-truong">Môi trường</a> » Xã Phước Dinh ra quân làm sạch bãi biển</td></tr></table>',
])
def test_a_breadcrumb_marked_by_nothing_gives_the_category(site, tmp_path, trail):
    body = (f"{trail}<div><h1>Xã Phước Dinh ra quân làm sạch bãi biển</h1><p>Ngày đăng: 04/03/2024 15:30</p>"
            f"<p>{TEXT}</p></div>")
    fields, text, _ = imported(site, tmp_path, body)
    assert fields["category"] == "Môi trường"
    assert text.strip() == TEXT


def article_page(title, by_line, text):
    return page(f"<div class='content'><h1>{title}</h1><p>{by_line}</p>{text}</div>", title=title)


def test_links_that_differ_in_letter_case_from_the_saved_address_are_matched(site, tmp_path):
    """An IIS server answers any letter case: pages link one article as /tin-tuc/… and as
    /TIN-TUC/…, and wget saved it as the server named it."""
    host = tmp_path / "saved" / "phuocdinh.example.vn" / "Tin-Tuc"
    host.mkdir(parents=True)
    first = "Hội nghị triển khai nhiệm vụ năm 2024 của xã Phước Dinh"
    (host / "Hoi-Nghi-7.aspx").write_text(article_page(first, "Ngày đăng: 02/01/2024 08:00", f"<p>{TEXT}</p>"),
                                          encoding="utf-8")
    (host / "Ra-Quan-8.aspx").write_text(article_page(
        "Xã Phước Dinh ra quân làm sạch bãi biển", "Ngày đăng: 04/03/2024 15:30",
        f'<p>{TEXT} Xem <a href="/tin-tuc/hoi-nghi-7.aspx">hội nghị đầu năm</a>.</p>'
        f'<div class="box"><h3>Tin liên quan</h3><ul><li><a href="/TIN-TUC/HOI-NGHI-7.ASPX">{first}</a>'
        f'</li><li><a href="/tin-tuc/hoi-nghi-7.aspx">{first}</a></li></ul></div>'), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0, report
    [earlier] = site.content.glob("2024/2024-01-02-*.md")
    [later] = site.content.glob("2024/2024-03-04-*.md")
    fields, text = front(later)
    target = earlier.relative_to(site.content).with_suffix("").as_posix()
    assert fields["related"] == [target]  # one article, listed twice
    assert f"[hội nghị đầu năm](/{target}" in text
    assert site.build() == 0


def test_a_related_title_cut_without_dots_is_matched_by_its_address(site, tmp_path):
    host = tmp_path / "saved" / "phuocdinh.example.vn" / "tin-tuc"
    host.mkdir(parents=True)
    first = "Hội nghị triển khai nhiệm vụ năm 2024 của xã Phước Dinh"
    (host / "hoi-nghi-7.html").write_text(article_page(first, "Ngày đăng: 02/01/2024 08:00", f"<p>{TEXT}</p>"),
                                          encoding="utf-8")
    (host / "ra-quan-8.html").write_text(article_page(
        "Xã Phước Dinh ra quân làm sạch bãi biển", "Ngày đăng: 04/03/2024 15:30",
        f'<p>{TEXT}</p><div class="box"><h3>Tin liên quan</h3><ul><li><a href="/tin-tuc/hoi-nghi-7.html">'
        f'Hội nghị triển khai nhiệm vụ năm 20</a></li></ul></div>'), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0, report
    [earlier] = site.content.glob("2024/2024-01-02-*.md")
    [later] = site.content.glob("2024/2024-03-04-*.md")
    assert front(later)[0]["related"] == [earlier.relative_to(site.content).with_suffix("").as_posix()]
    assert "1 related entries matched, 0 unmatched" in report


def test_another_sites_file_is_linked_not_reported_missing(site, tmp_path):
    host = tmp_path / "saved" / "phuocdinh.example.vn" / "tin-tuc"
    host.mkdir(parents=True)
    (host / "ke-hoach.html").write_text(article_page(
        "Xã Phước Dinh triển khai kế hoạch bảo vệ môi trường", "Ngày đăng: 04/03/2024 15:30",
        f'<p>{TEXT} Xem <a href="https://www.ninhthuan.example.vn/van-ban/kh-12.pdf">Kế hoạch 12/KH-UBND</a> '
        f'của tỉnh và <a href="/van-ban/kh-5.pdf">Kế hoạch 5/KH-UBND</a> của xã.</p>'), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0, report
    fields, text = only_article(site)
    assert "[Kế hoạch 12/KH-UBND](https://www.ninhthuan.example.vn/van-ban/kh-12.pdf)" in text
    missing = [line for line in report.splitlines() if line.startswith("missing:")]
    assert len(missing) == 1 and missing[0].endswith(
        "https://phuocdinh.example.vn/van-ban/kh-5.pdf (not in the saved pages; the link is kept)")
    assert "1 missing" in report


@pytest.mark.parametrize("picture", [
    '<figure><img src="/anh/a.png" alt="Quang cảnh"><figcaption>Quang cảnh buổi ra quân (Ảnh: '
    '<a href="https://baoninhthuan.example.vn/">Báo Ninh Thuận</a>)</figcaption></figure>',
    # a caption table after the text: readability left it out, the picture with it
    '<table class="image"><tr><td><img src="/anh/a.png" alt="Quang cảnh"></td></tr><tr><td>Quang cảnh buổi '
    'ra quân (Ảnh: <a href="https://baoninhthuan.example.vn/"><b>Báo Ninh Thuận</b></a>)</td></tr></table>',
])
def test_a_link_in_a_caption_stays_a_link(site, tmp_path, picture):
    host = tmp_path / "saved" / "phuocdinh.example.vn"
    (host / "anh").mkdir(parents=True)
    (host / "anh" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    (host / "ra-quan.html").write_text(article_page(
        "Xã Phước Dinh ra quân làm sạch bãi biển", "Ngày đăng: 04/03/2024 15:30", f"<p>{TEXT}</p>{picture}"),
        encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0, report
    _, text = only_article(site)
    assert text.strip().endswith("*Quang cảnh buổi ra quân (Ảnh: [Báo Ninh Thuận](https://baoninhthuan.example.vn/))*")
    assert site.build() == 0
    [built] = site.output.glob("2024/03/*/index.html")
    [caption] = [em for em in BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").find_all("em")
                 if em.get_text().startswith("Quang cảnh buổi ra quân")]
    assert caption.a["href"] == "https://baoninhthuan.example.vn/" and caption.a.get_text() == "Báo Ninh Thuận"


@pytest.mark.parametrize("by_line, expected", [
    ('<span class="posted-on">Posted on March 4, 2024 at 3:30 pm</span>', "2024-03-04 15:30"),  # WordPress in English
    ('<span class="posted-on">Posted on <time>4 March 2024</time></span>', "2024-03-04 00:00"),
    ('<span class="date">11/22/2024 8:00:00 AM</span>', "2024-11-22 08:00"),  # ASP.NET's en-US, month first
    ('<span class="date">Ngày đăng: 11/22/2024 2:30:00 PM</span>', "2024-11-22 14:30"),
])
def test_dates_written_month_first_or_in_english(site, tmp_path, by_line, expected):
    body = (f'<article><h1 class="entry-title">Xã Phước Dinh ra quân làm sạch bãi biển</h1>'
            f'<div class="entry-meta">{by_line}</div><div class="entry-content"><p>{TEXT}</p></div></article>')
    fields, text, _ = imported(site, tmp_path, body)
    assert str(fields["date"]) == expected
    assert text.strip() == TEXT


@pytest.mark.parametrize("info", ["Lần cập nhật cuối: 25/11/2024 10:00 | Ngày tạo: 21/11/2024 08:00",
                                  "Cập nhật lần cuối: 25/11/2024 10:00 | Ngày tạo: 21/11/2024 08:00"])
def test_joomlas_last_update_shown_first_is_not_the_date(site, tmp_path, info):
    body = (f'<div class="item-page"><div class="page-header"><h2 itemprop="headline">Ra quân làm sạch bãi biển '
            f'năm 2024</h2></div><dl class="article-info"><dd>{info}</dd></dl>'
            f'<div itemprop="articleBody"><p>{TEXT}</p></div></div>')
    fields, text, _ = imported(site, tmp_path, body)
    assert str(fields["date"]) == "2024-11-21 08:00"
    assert text.strip() == TEXT
