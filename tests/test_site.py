"""Whole-site builds of tiny trees: every kind of page, read back as HTML and XML."""

import xml.etree.ElementTree as ET

from conftest import article, items
from site_gen.commands.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"


def fill(site, count=25, category="Tin tức", tags="[Đảng bộ]"):
    for n in range(1, count + 1):
        day = f"2024-{(n - 1) // 28 + 1:02d}-{(n - 1) % 28 + 1:02d} 08:00"
        site.write(f"{n:02d}.md", article(f"Bài số {n}", day, category=category, tags=tags,
                                          summary=f"Tóm tắt {n}"))


def test_home_is_paginated_newest_first_with_summaries(site):
    fill(site)
    assert site.build() == 0
    first = site.html("index.html")
    assert [h.get_text() for h in first.select(".cards h2")][:2] == ["Bài số 25", "Bài số 24"]
    assert len(first.select(".cards li")) == 10
    assert first.select_one(".cards .summary").get_text() == "Tóm tắt 25"
    assert first.find("a", rel="next")["href"] == "/page/2/"
    last = site.html("page/3/index.html")
    assert len(last.select(".cards li")) == 5
    assert last.find("a", rel="prev")["href"] == "/page/2/"
    assert last.find("a", rel="next") is None


def test_category_tag_and_archive_pages(site):
    fill(site, 12, category="Xây dựng Đảng", tags="[Đảng bộ, Hội nghị]")
    assert site.build() == 0
    category = site.html("chuyen-muc/xay-dung-dang/index.html")
    assert category.h1.get_text() == "Xây dựng Đảng"
    assert (site.output / "chuyen-muc/xay-dung-dang/page/2/index.html").is_file()
    assert category.find("link", rel="alternate", href="/chuyen-muc/xay-dung-dang/feed.xml")
    assert (site.output / "the/hoi-nghi/index.html").is_file()
    assert len(site.html("2024/01/index.html").select(".cards li")) == 10
    assert (site.output / "2024/index.html").is_file()
    terms = site.html("the/index.html").select("main .terms a")
    assert [a.get_text() for a in terms] == ["Đảng bộ", "Hội nghị"]
    assert site.html("luu-tru/index.html").find("a", href="/2024/01/")


def test_every_page_has_the_basics(site):
    fill(site, 3)
    assert site.build() == 0
    for rel in ("index.html", "2024/01/01/index.html", "chuyen-muc/tin-tuc/index.html", "404.html"):
        page = site.html(rel)
        assert page.html["lang"] == "vi"
        assert page.find("meta", charset="utf-8")
        assert page.find("meta", attrs={"name": "viewport"})
        assert page.title.get_text().strip()
        assert page.find("link", rel="alternate", type="application/atom+xml")
        assert [a.get_text() for a in page.select("nav.menu a")] == ["Trang chủ", "Tin tức"]


def test_article_page_head_has_canonical_and_open_graph(site):
    site.settings("base_url: https://huyen.example.gov.vn/\n")
    site.write("a.md", article("Hội nghị", "2024-11-22 08:00", image="/anh/hoi-nghi.jpg"))
    assert site.build() == 0
    page = site.html("2024/11/a/index.html")
    url = "https://huyen.example.gov.vn/2024/11/a/"
    assert page.find("link", rel="canonical")["href"] == url
    assert page.find("meta", property="og:url")["content"] == url
    assert page.find("meta", property="og:title")["content"] == "Hội nghị"
    assert page.find("meta", property="og:image")["content"] == "https://huyen.example.gov.vn/anh/hoi-nghi.jpg"


def test_site_in_a_sub_folder_links_inside_it(site):
    site.settings("base_url: https://example.github.io/ban-tin/\n")
    site.write("a.md", article("Bài", "2024-11-22", category="Tin"))
    assert site.build() == 0
    page = site.html("2024/11/a/index.html")
    assert page.find("a", class_="brand")["href"] == "/ban-tin/"
    assert page.find("link", rel="canonical")["href"] == "https://example.github.io/ban-tin/2024/11/a/"


def test_a_body_addresses_the_site_where_it_lives_and_files_where_they_are(site):
    """The README has staff write `![...](/anh/hinh.jpg)`: in a site in a sub-folder (a
    GitHub Pages project site, 'links work in such a sub-folder') such a picture, a link to
    a page and the files import copies were left at the host's top, each a 404. And a
    picture beside the file (`![...](anh.jpg)`, as every Markdown editor previews it) was
    looked for below the article's address (/ban-tin/2024/11/a/anh.jpg), not where the file
    is published (/ban-tin/2024/anh.jpg)."""
    site.settings("base_url: https://example.github.io/ban-tin/\n")
    site.write("anh/hinh.jpg", b"x")
    site.write("2024/anh.jpg", b"x")
    site.write("2024/a.md", article(
        "Bài", "2024-11-22", body="![Hình](/anh/hinh.jpg) ![Bên cạnh](anh.jpg) "
        "[Trang](/gioi-thieu/) [Bài b](b.md#doan) [Ngoài](https://chinhphu.vn/) [Mục](#muc) "
        "[Tệp](../anh/hinh.jpg?v=2)"))
    site.write("2024/b.md", article("Bài b", "2024-11-21"))
    assert site.build() == 0
    body = site.html("2024/11/a/index.html").select_one(".article .body")
    assert [img["src"] for img in body.find_all("img")] == ["/ban-tin/anh/hinh.jpg",
                                                             "/ban-tin/2024/anh.jpg"]
    assert [a["href"] for a in body.find_all("a")] == [
        "/ban-tin/gioi-thieu/", "/ban-tin/2024/11/b/#doan", "https://chinhphu.vn/", "#muc",
        "/ban-tin/anh/hinh.jpg?v=2"]
    for src in ("anh/hinh.jpg", "2024/anh.jpg"):
        assert (site.output / src).is_file()
    feed = site.text("feed.xml")
    assert 'src=&#34;/ban-tin/2024/anh.jpg&#34;' in feed


def test_agency_links_to_this_site_live_in_its_sub_folder(site):
    """A `links:` entry naming a page of this site (/lien-he/) was linked at the host's top
    in a site in a sub-folder, where every other address of the site gains the folder."""
    site.settings("base_url: https://example.github.io/ban-tin/\n"
                  "links:\n  - title: Liên hệ\n    url: /lien-he/\n"
                  "  - title: Chính phủ\n    url: https://chinhphu.vn/\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 0
    links = site.html("2024/11/a/index.html").select("#lien-ket a")
    assert [a["href"] for a in links] == ["/ban-tin/lien-he/", "https://chinhphu.vn/"]


def test_titles_and_values_are_escaped_in_pages_and_feeds(site):
    title = '"<script>alert(1)</script> & Đảng bộ"'
    site.write("a.md", article(title, "2024-11-22", category='"A&B <i>"', author='"<b>x</b>"'))
    assert site.build() == 0
    page = site.html("2024/11/a/index.html")
    assert page.h1.get_text() == "<script>alert(1)</script> & Đảng bộ"
    assert page.find("script", string="alert(1)") is None
    assert page.select_one(".author").get_text() == "<b>x</b>"
    entry = ET.parse(site.output / "feed.xml").getroot().find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "<script>alert(1)</script> & Đảng bộ"
    assert entry.find(f"{ATOM}category").get("term") == "A&B <i>"


def test_an_english_entry_of_the_feed_says_it_is_english(site):
    # a feed reader (and a screen reader in it) takes each entry in the feed's language,
    # the site's, unless the entry says otherwise: an English article read as Vietnamese
    site.write("a.md", article("Hội nghị", "2024-11-22"))
    site.write("b.md", article("Investment conference", "2024-11-23", lang="en"))
    assert site.build() == 0
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    feed = ET.parse(site.output / "feed.xml").getroot()
    assert feed.get(lang) == "vi"
    assert [(e.find(f"{ATOM}title").text, e.get(lang)) for e in feed.findall(f"{ATOM}entry")] \
        == [("Investment conference", "en"), ("Hội nghị", None)]


def test_feed_and_sitemap(site):
    fill(site, 3)
    site.write("nhap.md", article("Bản nháp", "2025-01-01", draft="true", category="Tin tức"))
    assert site.build() == 0
    feed = ET.parse(site.output / "feed.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Bài số 3", "Bài số 2", "Bài số 1"]
    assert feed.find(f"{ATOM}updated").text == "2024-01-03T08:00:00+07:00"
    category_feed = ET.parse(site.output / "chuyen-muc/tin-tuc/feed.xml").getroot()
    assert len(category_feed.findall(f"{ATOM}entry")) == 3
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [u.find(f"{ns}loc").text for u in ET.parse(site.output / "sitemap.xml").getroot()]
    assert "https://example.gov.vn/2024/01/01/" in locs
    assert not any("nhap" in loc for loc in locs)
    assert "Sitemap: https://example.gov.vn/sitemap.xml" in site.text("robots.txt")


def test_a_draft_is_in_no_page_list_or_feed(site):
    site.write("a.md", article("Đã đăng", "2024-11-20", category="Tin"))
    site.write("b.md", article("Bản nháp bí mật", "2024-11-22", category="Tin", draft="true"))
    assert site.build() == 0
    assert not (site.output / "2024/11/b").exists()
    for path in site.output.rglob("*"):
        if path.is_file():
            assert "Bản nháp bí mật" not in path.read_text(encoding="utf-8", errors="ignore"), path


def test_aliases_redirect_to_the_article(site):
    site.write("a.md", article("Bài", "2024-11-22", aliases="[/tin-tuc/123.html, /cu/bai-viet/]"))
    assert site.build() == 0
    for rel in ("tin-tuc/123.html", "cu/bai-viet/index.html"):
        page = site.html(rel)
        assert page.find("link", rel="canonical")["href"] == "https://example.gov.vn/2024/11/a/"
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/2024/11/a/"


def test_static_files_and_content_assets_are_copied(site):
    site.write("anh/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 0
    assert (site.output / "static/site.css").is_file()
    assert (site.output / "anh/logo.svg").is_file()


def test_related_and_latest_on_a_small_site(site):
    site.write("a.md", article("Một", "2024-01-01", category="A"))
    site.write("b.md", article("Hai", "2024-01-02", category="B"))
    site.write("c.md", article("Ba", "2024-01-03 13:05", category="A", related="[b, {title: Cổng tỉnh, url: 'https://tinh.gov.vn/'}]"))
    assert site.build() == 0
    page = site.html("2024/01/c/index.html")
    assert items(page, "tin-lien-quan") == ["Hai(02/01/2024 12:00 SA)", "Cổng tỉnh", "Một(01/01/2024 12:00 SA)"]
    assert items(page, "tin-moi-nhat") == ["Hai(02/01/2024 12:00 SA)", "Một(01/01/2024 12:00 SA)"]
    outside = page.select("#tin-lien-quan a")[1]
    assert outside["href"] == "https://tinh.gov.vn/" and outside["rel"] == ["external"]
    assert items(site.html("2024/01/a/index.html"), "tin-moi-nhat")[0] == "Ba(03/01/2024 1:05 CH)"


def test_a_body_link_to_an_address_no_page_or_file_has_is_told_at_its_line(site, capsys):
    """Links and pictures of a body naming this site are looked for among what it
    publishes; one that names nothing would be a 404 for the reader (a warning: an archive
    imported from an old portal may link to what was not brought over)."""
    import unicodedata
    from urllib.parse import quote

    from PIL import Image

    site.settings("base_url: https://example.gov.vn/ban-tin/\n")
    (site.content / "2024").mkdir()
    Image.new("RGB", (10, 10)).save(site.content / "2024" / "anh.jpg")
    Image.new("RGB", (10, 10)).save(site.content / "2024" / "ảnh hội nghị.jpg")
    decomposed = quote(unicodedata.normalize("NFD", "/2024/ảnh hội nghị.jpg"))  # a Mac's
    site.write("2024/hai.md", article("Bài hai", "2024-11-23 09:12", f"![ảnh]({decomposed})",
                                      aliases="[/cu/hai.html]"))
    site.write("2024/mot.md", article("Bài một", "2024-11-22 09:12", "\n".join([
        "[Trang chủ](/) [thiếu](/khong-co/) [ảnh](anh.jpg)",
        "",
        "![thiếu](/anh/thieu.jpg) [mục](/chuyen-muc/) [hai](/2024/11/hai/#muc)",
        "[cũ](/cu/hai.html) [tìm](/tim-kiem/?q=x) [năm](./) [ngoài](https://example.com/x)",
        "[đủ](https://example.gov.vn/ban-tin/chuyen-muc/) [đủ, thiếu](https://example.gov.vn/ban-tin/het/)",
    ])))
    for command in (site.build, lambda: main(["check", "--content", str(site.content),
                                              "--config", str(site.root / "site.yaml")])):
        assert command() == 0
        told = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
        path = site.content / "2024" / "mot.md"
        assert told == [
            f"{path}:6: warning: link to '/khong-co/': no page or file of the site has this address",
            f"{path}:8: warning: link to '/anh/thieu.jpg': no page or file of the site has this "
            "address",
            f"{path}:10: warning: link to 'https://example.gov.vn/ban-tin/het/': no page or file "
            "of the site has this address"]


def test_addresses_alike_but_for_capital_letters_are_told(site, capsys):
    """A Windows or Mac disk (serve on a staff PC, a copy to an IIS server) keeps one file
    for /cu/Tin.html and /cu/tin.html: one of the two was lost without a word."""
    from PIL import Image

    for name in ("Anh.jpg", "anh.jpg"):
        Image.new("RGB", (10, 10)).save(site.content / name)
    site.write("a.md", article("Bài", "2024-11-22", aliases="[/cu/Tin.html, /cu/tin.html]"))
    site.write("b.md", article("Bài hai", "2024-11-23", aliases="[/cu/khac.html]"))
    assert site.build() == 0
    told = sorted(line for line in capsys.readouterr().err.splitlines() if "capital" in line)
    assert [line.split(": warning: address ")[0] for line in told] == [
        str(site.content / "Anh.jpg:1"), str(site.content / "a.md:4"),
        str(site.content / "a.md:4"), str(site.content / "anh.jpg:1")]
    assert "address /cu/Tin.html differs from /cu/tin.html only in capital letters" in told[1]


def test_a_body_link_leading_out_of_the_content_folder_is_told(site, capsys):
    """`[tờ trình](../../to-trinh.pdf)` from content/2024/a.md names a file above content/,
    which is never published: the link was left as written, broken, without a word."""
    site.write("2024/a.md", article("Bài", "2024-11-22 09:12",
                                    "[tờ trình](../../to-trinh.pdf)\n\n![ảnh](../../anh.jpg)"))
    assert site.build() == 0
    told = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    path = site.content / "2024" / "a.md"
    assert told == [f"{path}:6: warning: link to '../../to-trinh.pdf': no page or file of the "
                    "site has this address",
                    f"{path}:8: warning: link to '../../anh.jpg': no page or file of the site "
                    "has this address"]
