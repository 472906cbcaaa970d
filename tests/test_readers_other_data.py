"""Pages made from other data than the sample: a body pasted from Word and old portals
(pictures without alt, links with nothing to read, an old embed code without a title,
bookmarks, ids of the theme's own, wide tables, long code lines). Readers and inspectors
meet it as they meet the sample: axe-core finds nothing (WCAG 2.1 A and AA), every id is
once on the page, and nothing is wider than a 360 px phone or runs over the sidebar."""

import collections
import re

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Site, article, needs_browser, served

PASTED = """\
Đoạn mở đầu.

<img src="/anh/nho.png">

Một liên kết không chữ: [](https://example.org/trong) và một liên kết chỉ có ảnh:
[![](/anh/nho.png)](https://example.org/anh).

<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123" frameborder="0" allowfullscreen></iframe>

<p><a name="_Toc1"></a><span style="font-size:14pt">Mục lục từ Word</span> <a href="#_Toc1">về đầu</a></p>

<h2 id="noi-dung">Tiêu đề có id của trang</h2>
<h3 id="header-q">Trùng id ô tìm kiếm</h3>

| Chỉ tiêu | Năm 2020 | Năm 2021 | Năm 2022 | Năm 2023 | Năm 2024 | Năm 2025 | Kế hoạch 2026 | Ghi chú |
|---|---:|---:|---:|---:|---:|---:|---:|---|
| Tổng sản phẩm trên địa bàn theo giá so sánh | 1.234.567 | 1.345.678 | 1.456.789 | 1.567.890 | 1.678.901 | 1.789.012 | 1.890.123 | Tăng bình quân 8,5%/năm |

<table><tr><td>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</td><td>2</td><td>3</td></tr></table>

```
def ham_rat_dai(tham_so_mot, tham_so_hai, tham_so_ba, tham_so_bon, tham_so_nam, tham_so_sau):
```
"""
PATH = "2025/01/dan-tu-word/index.html"


def write_site(site: Site) -> Site:
    from PIL import Image
    site.settings("base_url: https://example.gov.vn/\nembed_hosts: [www.youtube.com]\n")
    (site.content / "anh").mkdir(parents=True)
    Image.new("RGB", (300, 200), (20, 90, 160)).save(site.content / "anh" / "nho.png")
    site.write("2025/dan-tu-word.md", article("Văn bản dán từ Word", "15/01/2025", PASTED,
                                              category="Tin hoạt động"))
    assert site.build("--no-cache") == 0
    return site


def test_pictures_links_and_embeds_that_say_nothing_get_a_name(site):
    body = write_site(site).html(PATH).select_one(".article .body")
    assert [img.get("alt") for img in body.find_all("img")] == ["", ""]  # decorative, not a file name
    assert [(a["href"], a.get("title"), a.get_text(strip=True)) for a in body.select("a[href^=http]")] == [
        ("https://example.org/anh", "https://example.org/anh", "")]  # the empty one is gone
    assert body.iframe["title"] == "www.youtube.com"
    assert body.find(attrs={"name": True}) is None and body.find(id="_Toc1").name == "a"


def test_every_id_is_once_on_the_page(site):
    soup = write_site(site).html(PATH)
    ids = collections.Counter(tag["id"] for tag in soup.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    assert soup.find(id="noi-dung").name == "main" and soup.find(id="header-q").name == "input"
    assert soup.select_one(".body h2").get_text() == "Tiêu đề có id của trang"  # the heading stays


def test_the_theme_ids_a_body_may_not_take_are_all_the_themes():
    from site_gen.stages.sanitize import THEME_IDS
    written = set()
    for path in (REPO / "templates").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            written |= set(re.findall(r'\bid="([^"{]+)"', text))
            written |= {i for name in re.findall(r'entry_list\("([^"]+)"', text) for i in (name, name + "-h")}
            written |= set(re.findall(r'getElementById\("([^"]+)"\)', text))
    assert written <= THEME_IDS, written - THEME_IDS


def test_a_wide_table_scrolls_in_a_box_the_keyboard_reaches(site):
    body = write_site(site).html(PATH).select_one(".article .body")
    tables = body.find_all("table")
    assert len(tables) == 2
    assert all(t.parent.name == "div" and t.parent["class"] == ["table-scroll"] and t["tabindex"] == "0"
               for t in tables)


@pytest.fixture(scope="module")
def other_url(tmp_path_factory):
    site = write_site(Site(tmp_path_factory.mktemp("other")))
    with served(site.output) as url:
        yield url + "/" + PATH.removesuffix("index.html")

@needs_browser
@pytest.mark.parametrize("pixels", (360, 1280))
def test_pasted_body_in_a_browser_no_axe_violation_nothing_too_wide(browser, other_url, pixels):
    from test_browser import visit
    from test_browser_portal import axe_violations, width
    with width(browser, pixels):
        visit(browser, other_url)
        sizes = browser.execute_script("""
            const main = document.querySelector('main').getBoundingClientRect().right;
            return [document.documentElement.scrollWidth <= innerWidth,
                    [...document.querySelectorAll('.body > *')].every(e => e.getBoundingClientRect().right <= main)];""")
        assert sizes == [True, True]
        assert axe_violations(browser) == []


def test_the_sample_bodies_are_unchanged_but_for_their_tables():
    """What the fixes add is only where a body needs it: a sample body without tables,
    nameless pictures or links comes out as before (byte for byte)."""
    from site_gen.stages.sanitize import clean_html
    html = '<p>Chữ <a href="/x">liên kết</a> <img alt="ảnh" src="/a.png"></p>\n<h2 id="muc-1">Mục</h2>'
    assert clean_html(html) == html
    assert BeautifulSoup(clean_html("<table><tr><td>1</td></tr></table>"), "html.parser").div["class"] == ["table-scroll"]


LONG_TITLE = ("Thông báo 123/TB-UBND-VPHĐND&UBND-TCKT về "
              "https://dichvucong.ninhthuan.gov.vn/portal/p/home/dvc-gioi-thieu.html")
LONG_WORDS_PAGES = ("/", "/2025/03/dai/", "/the/", "/the/thuannamchuyendoisotoandienquyetliet2025/",
                    "/chuyen-muc/", "/2025/03/", "/tim-kiem/", "/van-ban/", "/van-ban/dai/")


@pytest.fixture(scope="module")
def long_words_url(tmp_path_factory):
    """Titles, tags and categories holding words longer than a phone is wide: a document
    number run together, a web address, a hashtag-like tag; a văn bản's long number."""
    site = Site(tmp_path_factory.mktemp("long-words"))
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("dai.md", article(f'"{LONG_TITLE}"', "05/03/2025 10:00",
                                 category="Phòng Nông nghiệp và Phát triển nông thôn huyện",
                                 tags="[ThuanNamChuyenDoiSoToanDienQuyetLiet2025]"))
    site.write("b.md", article("Tin khác", "04/03/2025 10:00"))
    site.write("van-ban/dai.md", "---\ntitle: Kế hoạch liên ngành\n"
               "number: 1234/KH-UBND-VPHĐND&UBND-TCKT-QLĐT-NNPTNT\ndoc_type: Kế hoạch\n"
               "issuer: UBND huyện\nissued: 2025-03-02\n---\n\nNội dung.\n")
    assert site.build("--no-cache") == 0
    with served(site.output) as url:
        yield url


@needs_browser
@pytest.mark.parametrize("path", LONG_WORDS_PAGES)
def test_long_words_in_titles_and_tags_wrap_on_a_360_px_phone(browser, long_words_url, path):
    """A title holding a web address or a document number run together, or a long tag,
    made the home page, the article, the lists and the tags page wider than a 360 px
    phone (up to 666 px): the reader scrolled sideways."""
    from test_browser import visit
    from test_browser_portal import width
    with width(browser, 360):
        visit(browser, long_words_url + path)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 360


LONG_NAME = ("Cổng thông tin điện tử Đảng bộ và Ủy ban nhân dân xã Phước Dinh, "
             "huyện Thuận Nam, tỉnh Ninh Thuận")


@pytest.fixture(scope="module")
def long_name_url(tmp_path_factory):
    """An office whose name and description take four lines and more on a phone, as many
    a commune's portal's do, in Vietnamese and in English."""
    site = Site(tmp_path_factory.mktemp("long-name"))
    site.settings(f"""\
        title: {LONG_NAME}
        description: {LONG_NAME} - trang tin tức, văn bản, lịch công tác của xã và các thôn
        base_url: https://example.gov.vn/
        organization:
          name_en: Party Committee and People's Committee of Phuoc Dinh Commune, Thuan Nam District, Ninh Thuan Province
          description_en: News, documents and the work schedule of the Party Committee and People's Committee of Phuoc Dinh Commune
        """)
    site.write("a.md", article("Tin một", "05/03/2025 10:00", category="Tin địa phương"))
    assert site.build("--no-cache") == 0
    with served(site.output) as url:
        yield url


@needs_browser
@pytest.mark.parametrize("path", ("/", "/2025/03/a/", "/en/"))
def test_a_long_office_name_keeps_the_phone_header_within_200_px(browser, long_name_url, path):
    """Issue 15: at 360 px the header and the folded menu take at most 200 px. A name of
    four lines pushed the menu to 220 px and more, whatever its length; the name and the
    description are cut at three lines and one on a phone (whole in the footer)."""
    from test_browser import visit
    from test_browser_portal import bottom, width
    with width(browser, 360):
        visit(browser, long_name_url + path)
        assert bottom(browser, "nav.menu") <= 200


@pytest.fixture(scope="module")
def image_field_url(tmp_path_factory):
    """An article with a labelled image field (a scanned invitation 1,600 px wide)."""
    from PIL import Image
    site = Site(tmp_path_factory.mktemp("image-field"))
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          giay_moi: {type: image, label: Giấy mời}
        """)
    (site.content / "anh").mkdir(parents=True)
    Image.new("RGB", (1600, 1000), (20, 90, 160)).save(site.content / "anh" / "giay-moi.jpg")
    site.write("a.md", article("Hội nghị tổng kết", "05/03/2025 10:00",
                               giay_moi="/anh/giay-moi.jpg"))
    assert site.build("--no-cache") == 0
    with served(site.output) as url:
        yield url + "/2025/03/a/"


@needs_browser
@pytest.mark.parametrize("pixels", (360, 1280))
def test_a_labelled_image_field_fits_the_page(browser, image_field_url, pixels):
    """The built-in templates show a labelled image field as its picture, at its own
    size: a photo 1,600 px wide made a 360 px phone scroll sideways to 1,600 px and ran
    over the sidebar on a desk, as no picture of a body does."""
    from test_browser import visit
    from test_browser_portal import width
    with width(browser, pixels):
        visit(browser, image_field_url)
        sizes = browser.execute_script("""
            const main = document.querySelector('main').getBoundingClientRect().right;
            return [document.documentElement.scrollWidth <= innerWidth,
                    document.querySelector('.field img').getBoundingClientRect().right <= main];""")
        assert sizes == [True, True]


@needs_browser
@pytest.mark.parametrize("pixels", (360, 1280))
def test_a_tall_photo_s_cover_on_the_home_page_is_no_taller_than_a_picture(browser, tmp_path,
                                                                          pixels):
    """The newest album's cover in the home page's sidebar was its first photo's thumbnail
    at its own shape: a photo taken upright (400 x 3000, a banner, a scanned certificate)
    made a cover 2,700 pixels tall on a phone. It is cut to a picture's shape, as the
    album pages' thumbnails are."""
    from PIL import Image
    from test_browser import visit
    from test_browser_portal import width

    site = Site(tmp_path)
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài", "2024-11-01"))
    folder = site.content / "thu-vien-anh" / "cao"
    folder.mkdir(parents=True)
    Image.new("RGB", (400, 3000), (30, 90, 160)).save(folder / "a.jpg")
    site.write("thu-vien-anh/cao/index.md", "---\ntitle: Băng rôn\ndate: 02/11/2024\n---\n")
    assert site.build("--no-cache") == 0
    with served(site.output) as url, width(browser, pixels):
        visit(browser, url + "/")
        box = browser.execute_script(
            "const i = document.querySelector('.album-cover img'); i.loading = 'eager';"
            "const r = i.getBoundingClientRect(); return [r.width, r.height];")
    assert box[0] > 0 and box[1] <= box[0], box
