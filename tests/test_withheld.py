"""Files that only items not yet published name (a draft văn bản's PDF, the picture of an
article scheduled for later, a draft album's photos) are not published before them."""

from bs4 import BeautifulSoup
from PIL import Image

from conftest import article
from test_cache_themes import alike, edit
from test_trust import project

DOCUMENT = ("---\ntitle: Quyết định 12\nnumber: 12/QĐ-UBND\ndoc_type: Quyết định\n"
            "issuer: UBND xã\nsigner: A\nissued: 2025-01-02\nfiles: [qd-12.pdf]\n{more}---\n")


def picture(path, color="green"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (800, 600), color).save(path)


def published(site, rel) -> bool:
    return (site.output / rel).is_file()


def test_a_draft_documents_attachment_goes_out_with_it(site):
    site.write("van-ban/qd12.md", DOCUMENT.format(more="draft: true\n"))
    site.write("van-ban/qd-12.pdf", b"%PDF-1.4 not yet issued\n")
    site.write("van-ban/mau.docx", b"a form no item names")
    site.write("a.md", article("Bài", "2025-01-05"))
    assert site.build() == 0
    assert not published(site, "van-ban/qd-12.pdf")
    assert published(site, "van-ban/mau.docx")
    assert site.build("--drafts") == 0
    assert published(site, "van-ban/qd-12.pdf")
    site.write("van-ban/qd12.md", DOCUMENT.format(more=""))
    assert site.build() == 0
    assert published(site, "van-ban/qd-12.pdf")


def test_a_scheduled_articles_pictures_go_out_when_it_comes_due(site):
    picture(site.content / "anh" / "mai.jpg")
    picture(site.content / "anh" / "trong-bai.png", "red")
    site.write("2025/mai.md", article("Bài ngày mai", "2025-03-02 08:00",
                                      body="![Hội trường](../anh/trong-bai.png)",
                                      image='"/anh/mai.jpg"'))
    site.write("2025/hom-nay.md", article("Bài hôm nay", "2025-03-01 08:00"))
    assert site.build("--now", "2025-03-01T12:00+07:00") == 0
    assert not published(site, "anh/mai.jpg") and not published(site, "anh/trong-bai.png")
    assert site.build("--now", "2025-03-02T09:00+07:00") == 0
    assert published(site, "anh/mai.jpg") and published(site, "anh/trong-bai.png")
    assert site.html("2025/03/mai/index.html").find("img", src="/anh/trong-bai.png")


def test_a_picture_a_published_article_shows_too_is_published(site):
    picture(site.content / "anh" / "chung.jpg")
    site.write("2025/nhap.md", article("Bản nháp", "2025-03-01", image='"/anh/chung.jpg"',
                                       draft="true"))
    site.write("2025/da-dang.md", article("Đã đăng", "2025-03-01",
                                          body="![Ảnh](/anh/chung.jpg)"))
    assert site.build() == 0
    assert published(site, "anh/chung.jpg")


def test_a_draft_albums_photos_go_out_with_it(site):
    picture(site.content / "thu-vien-anh" / "le-hoi" / "ghe.jpg")
    site.write("thu-vien-anh/le-hoi/index.md", article("Lễ hội", "2025-02-01", draft="true"))
    assert site.build() == 0
    assert not published(site, "thu-vien-anh/le-hoi/ghe.jpg")
    site.write("thu-vien-anh/le-hoi/index.md", article("Lễ hội", "2025-02-01"))
    assert site.build() == 0
    assert published(site, "thu-vien-anh/le-hoi/ghe.jpg")


def test_withheld_files_from_the_cache_are_as_a_clean_builds(site):
    picture(site.content / "anh" / "mai.jpg")
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("2025/mai.md", article("Bài ngày mai", "2025-03-02 08:00",
                                      image='"/anh/mai.jpg"'))
    site.write("2025/hom-nay.md", article("Bài hôm nay", "2025-03-01 08:00"))
    for now in ("2025-03-01T12:00+07:00", "2025-03-02T09:00+07:00", "2025-03-01T12:00+07:00"):
        assert alike(site.root, "--now", now) == (0, [])
        assert published(site, "anh/mai.jpg") == now.startswith("2025-03-02")


def test_a_file_site_yaml_links_is_published_though_a_draft_names_it(site):
    """A form under site.yaml's `links:` is linked from every page: a draft văn bản
    attaching it too does not take it off the site."""
    site.settings("base_url: https://example.gov.vn/\nlinks:\n"
                  "  - title: Mẫu đơn\n    url: /van-ban/m%E1%BA%ABu-%C4%91%C6%A1n.docx\n")
    site.write("van-ban/qd12.md", DOCUMENT.format(more="draft: true\n").replace(
        "qd-12.pdf", "mẫu-đơn.docx"))
    site.write("van-ban/mẫu-đơn.docx", b"a form")
    site.write("a.md", article("Bài", "2025-01-05"))
    assert alike(site.root) == (0, [])
    assert published(site, "van-ban/mẫu-đơn.docx")
    footer = [a["href"] for a in site.html("index.html").select("#lien-ket-h + ul a")]
    assert footer == ["/van-ban/m%E1%BA%ABu-%C4%91%C6%A1n.docx"]


def test_a_text_field_that_is_no_address_is_read_as_text(site):
    """Declared text fields are looked at for addresses: one that only looks like one
    ("//[...") stopped the build with a traceback while a draft was in the content."""
    site.settings("base_url: https://example.gov.vn/\n"
                  "fields:\n  nguon: {type: text, kinds: [article]}\n")
    site.write("2025/nhap.md", article("Bản nháp", "2025-03-01", draft="true"))
    site.write("2025/da-dang.md", article("Đã đăng", "2025-03-01", nguon='"//[Báo Ninh Thuận]"'))
    assert alike(site.root) == (0, [])
    assert site.html("2025/03/da-dang/index.html").find("h1").get_text() == "Đã đăng"


def test_a_picture_shown_by_the_sites_full_address_is_published(site):
    """`image: https://example.gov.vn/xa/anh/a.jpg` is shown as written, and is this site's
    file: a draft naming it by its path does not take it off the site."""
    picture(site.content / "anh" / "hội nghị.jpg")
    site.settings("base_url: https://example.gov.vn/xa/\n"
                  "fields:\n  nguon: {type: text, kinds: [article]}\n")
    site.write("2025/nhap.md", article("Bản nháp", "2025-03-01", draft="true",
                                       image='"/anh/hội nghị.jpg"'))
    full = "https://Example.gov.vn/xa/anh/h%E1%BB%99i%20ngh%E1%BB%8B.jpg"
    site.write("2025/da-dang.md", article("Đã đăng", "2025-03-01", image=f'"{full}"',
                                          nguon='"http://[không phải địa chỉ"'))
    assert alike(site.root) == (0, [])
    assert published(site, "anh/hội nghị.jpg")
    assert site.html("2025/03/da-dang/index.html").find("img", src=full)


def test_a_picture_shown_by_an_address_without_scheme_is_published(site):
    """`//example.gov.vn/anh/a.jpg` is this site's file too, over http or https."""
    site.settings("base_url: https://example.gov.vn/\n")
    picture(site.content / "anh" / "a.jpg")
    site.write("2025/nhap.md", article("Bản nháp", "2025-03-01", draft="true",
                                       image='"/anh/a.jpg"'))
    site.write("2025/da-dang.md", article("Đã đăng", "2025-03-01",
                                          image='"//example.gov.vn/anh/a.jpg"'))
    assert alike(site.root) == (0, [])
    assert published(site, "anh/a.jpg")
    assert site.html("2025/03/da-dang/index.html").find("img", src="//example.gov.vn/anh/a.jpg")


def test_the_offices_map_on_this_site_is_published_though_a_draft_names_it(site):
    """organization.map may be the site's own PDF, linked from every page's foot."""
    site.settings("base_url: https://example.gov.vn/\norganization:\n"
                  "  map: https://example.gov.vn/gioi-thieu/ban-do.pdf\n")
    site.write("gioi-thieu/ban-do.pdf", b"%PDF-1.4 map\n")
    site.write("2025/nhap.md", article("Bản nháp", "2025-03-01", draft="true",
                                       body="[Bản đồ](/gioi-thieu/ban-do.pdf)"))
    site.write("2025/da-dang.md", article("Đã đăng", "2025-03-01"))
    assert alike(site.root) == (0, [])
    assert published(site, "gioi-thieu/ban-do.pdf")
    assert site.html("index.html").select_one(".org-map a")["href"].endswith("/ban-do.pdf")


def test_a_logo_a_template_shows_is_published_though_a_draft_shows_it_too(tmp_path):
    """A theme's header showing the office's logo from content/ (`'/anh/logo.png'|href`):
    a draft with the logo as its picture does not take it off every page."""
    root = project(tmp_path)
    edit(root, "base.html", '<div class="brand-box">',
         '<div class="brand-box"><img class="logo" src="{{ \'/anh/biểu trưng.png\'|href }}" alt="">')
    picture(root / "content" / "anh" / "biểu trưng.png")
    (root / "content" / "nhap.md").write_text(
        article("Bản nháp", "2025-03-01", draft="true", image='"/anh/biểu trưng.png"'),
        encoding="utf-8")
    assert alike(root) == (0, [])
    assert (root / "public" / "anh" / "biểu trưng.png").is_file()
    page = BeautifulSoup((root / "public" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.select_one("img.logo")["src"] == "/anh/biểu trưng.png"


def test_a_file_a_published_text_links_without_scheme_is_published(site):
    """[Tải về](//example.gov.vn/van-ban/qd-12.pdf) in a published article names the PDF a
    draft văn bản attaches: it is published for the article's link."""
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("van-ban/qd12.md", DOCUMENT.format(more="draft: true\n"))
    site.write("van-ban/qd-12.pdf", b"%PDF-1.4\n")
    site.write("a.md", article("Bài", "2025-01-05",
                               body="[Tải về](//example.gov.vn/van-ban/qd-12.pdf)"))
    assert alike(site.root) == (0, [])
    assert published(site, "van-ban/qd-12.pdf")
    assert site.html("2025/01/a/index.html").find("a", string="Tải về")["href"] == (
        "//example.gov.vn/van-ban/qd-12.pdf")
