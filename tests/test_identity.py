"""The portal as the law and readers expect it (issue 15), on sites written inline: the
office's identity in every footer and as JSON-LD, its settings checked up front, English
pages in English, a home page that does not repeat itself, and `check --portal`."""

import json
import shutil

import pytest

from conftest import REPO, article
from site_gen.commands.cli import main

OFFICE = """\
base_url: https://example.gov.vn/
organization:
  name: Đảng ủy xã Mỹ Sơn
  name_en: My Son Commune Party Committee
  governing_body: Huyện ủy Ninh Sơn
  governing_body_en: Ninh Son District Party Committee
  address: Thôn Tân Mỹ, xã Mỹ Sơn
  address_en: Tan My Hamlet, My Son Commune
  phone: (0259) 3854.321
  fax: 0259 3854 322
  email: vanphong@myson.gov.vn
  responsible: Bà Lê Thị Hồng, Phó Bí thư
  responsible_en: Ms Le Thi Hong, Deputy Secretary
  licence: Quyết định số 12/QĐ-UBND ngày 02/03/2023
  licence_en: Decision No. 12/QĐ-UBND of 02/03/2023
  map: https://www.openstreetmap.org/?mlat=11.6&mlon=108.9
english_names:
  Thời sự: Current affairs
"""


@pytest.fixture
def office(site):
    site.settings(OFFICE)
    site.write("a.md", article("Hội nghị cán bộ", "2024-03-05 14:20", category="Thời sự",
                               featured="true"))
    site.write("b.md", article("Ra quân làm sạch bãi biển", "2024-03-04 07:05", category="Môi trường"))
    site.write("c.md", article("Tập huấn chuyển đổi số", "2024-03-03 09:00", category="Thời sự"))
    site.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\nmenu: 1\n---\n\nVề xã.\n")
    site.write("pages/en/about.md", "---\ntitle: About the commune\nlang: en\n---\n\n"
                                    "Phone +84 259 3854 321, email vanphong@myson.gov.vn\n")
    assert site.build() == 0
    return site


def footer(soup) -> dict:
    return {div["class"][0]: div.dd.get_text() for div in soup.select("footer .org > div")}


@pytest.mark.parametrize("rel", ["index.html", "2024/03/a/index.html", "gioi-thieu/index.html",
                                 "chuyen-muc/thoi-su/index.html", "404.html", "tim-kiem/index.html"])
def test_every_page_says_who_runs_the_portal(office, rel):
    soup = office.html(rel)
    assert soup.select_one("footer .org-name").get_text() == "Đảng ủy xã Mỹ Sơn"
    assert footer(soup) == {
        "org-governing_body": "Huyện ủy Ninh Sơn", "org-address": "Thôn Tân Mỹ, xã Mỹ Sơn",
        "org-responsible": "Bà Lê Thị Hồng, Phó Bí thư",
        "org-licence": "Quyết định số 12/QĐ-UBND ngày 02/03/2023",
        "org-phone": "(0259) 3854.321", "org-fax": "0259 3854 322",
        "org-email": "vanphong@myson.gov.vn"}
    labels = [dt.get_text() for dt in soup.select("footer .org dt")]
    assert labels[0] == "Cơ quan chủ quản:" and "Chịu trách nhiệm nội dung:" in labels
    assert soup.select_one("footer .org-phone a")["href"] == "tel:02593854321"
    assert soup.select_one("footer .org-email a")["href"] == "mailto:vanphong@myson.gov.vn"
    assert soup.select_one("footer .org-map a")["href"].startswith("https://www.openstreetmap.org/")
    printed = soup.select_one(".print-identity").get_text(" ", strip=True)
    assert printed == "Đảng ủy xã Mỹ Sơn Thôn Tân Mỹ, xã Mỹ Sơn"


def test_english_pages_say_it_in_english(office):
    for rel in ("en/index.html", "about/index.html"):
        soup = office.html(rel)
        assert soup.html["lang"] == "en"
        assert soup.select_one(".brand").get_text() == "My Son Commune Party Committee"
        assert footer(soup)["org-address"] == "Tan My Hamlet, My Son Commune"
        assert soup.select_one("footer .org-responsible dt").get_text() == "Responsible for the content:"
        menu = [(a.get_text(), a["href"]) for a in soup.select("#menu-items a")]
        # "Môi trường" and "Giới thiệu" have no English name: English pages leave them out
        assert menu == [("Home", "/en/"), ("Current affairs", "/chuyen-muc/thoi-su/")]
    latest = office.html("about/index.html").select("#tin-moi-nhat li")
    assert latest[0].a["lang"] == "vi" and latest[0].get_text() == "Hội nghị cán bộ(05/03/2024 2:20 PM)"
    assert "Vietnamese" in office.html("about/index.html").select_one("#tin-moi-nhat h2").get_text()
    home = office.html("en/index.html")
    assert [a.get_text() for a in home.select("#news-in-vietnamese a[lang=vi]")][:1] == ["Hội nghị cán bộ"]
    assert home.select_one("#news-in-vietnamese h2").get_text() == "News in Vietnamese"
    # the Vietnamese pages keep the portal's own clock words
    assert office.html("2024/03/b/index.html").select("#tin-moi-nhat li")[0].get_text() == \
        "Hội nghị cán bộ(05/03/2024 2:20 CH)"


def test_the_home_page_describes_the_office_to_search_engines(office):
    scripts = office.html("index.html").select('script[type="application/ld+json"]')
    data = json.loads(scripts[0].string)
    assert data["@type"] == "GovernmentOrganization" and data["name"] == "Đảng ủy xã Mỹ Sơn"
    assert (data["telephone"], data["email"], data["url"]) == \
        ("(0259) 3854.321", "vanphong@myson.gov.vn", "https://example.gov.vn/")
    assert data["address"]["streetAddress"] == "Thôn Tân Mỹ, xã Mỹ Sơn"
    assert data["parentOrganization"]["name"] == "Huyện ủy Ninh Sơn"
    assert not office.html("2024/03/a/index.html").select('script[type="application/ld+json"]')


def test_the_newest_list_leaves_out_the_featured_news(office):
    soup = office.html("index.html")
    featured = [a.get_text() for a in soup.select("#tin-noi-bat h2 a")]
    newest = [a.get_text() for a in soup.select("main > ul.cards h2 a")]
    assert featured == ["Hội nghị cán bộ"]
    assert newest == ["Ra quân làm sạch bãi biển", "Tập huấn chuyển đổi số"]
    category = [a.get_text() for a in office.html("chuyen-muc/thoi-su/index.html").select("main ul.cards h2 a")]
    assert category == ["Hội nghị cán bộ", "Tập huấn chuyển đổi số"]  # only the home page dedupes


def test_controls_are_named_by_what_they_show(office):
    soup = office.html("2024/03/a/index.html")
    for button in soup.select(".font-size button"):
        visible = "".join(t for t in button.find_all(string=True, recursive=False)) or \
            button.select_one(".font-size-value").get_text()
        assert not button.has_attr("aria-label") and button.get_text().startswith(visible)
    assert soup.select_one(".share")["role"] == "group"
    fold = soup.select_one("nav.menu details.menu-fold > summary")
    assert fold.get_text() == "Danh mục"


def test_the_lead_picture_first_the_body_pictures_lazily(site):
    site.write("a.md", article("Ảnh", "2024-03-05", body="Chữ.\n\n![Cảnh](/anh/x.png)\n"))
    assert site.build() == 0
    img = site.html("2024/03/a/index.html").select_one(".body img")
    assert img["loading"] == "lazy"


@pytest.mark.parametrize("phone, shown", [
    ("0259.3873123 - 0912.345.678", [("0259.3873123", "tel:02593873123"), " - ",
                                     ("0912.345.678", "tel:0912345678")]),
    ("(0259) 3873 123; 0259 3873 124", [("(0259) 3873 123", "tel:02593873123"), "; ",
                                        ("0259 3873 124", "tel:02593873124")]),
    ("+84 259 3873 123 / 0912 345 678", [("+84 259 3873 123", "tel:+842593873123"), " / ",
                                         ("0912 345 678", "tel:0912345678")]),
    ("0259 - 3873 123", [("0259 - 3873 123", "tel:02593873123")]),  # one number, area code apart
])
def test_an_office_with_two_phone_numbers_gets_a_link_for_each(site, phone, shown):
    """Portals give two numbers as often as one ("0259.3873123 - 0912.345.678"): the
    footer made one link of both, tel:02593873123..., which no phone can dial, and a `;` or
    `/` between them stopped the build ('must be a number')."""
    site.settings(f"base_url: https://example.gov.vn/\norganization:\n  phone: \"{phone}\"\n"
                  f"  fax: \"{phone}\"\n")
    site.write("a.md", article("Bài", "2024-03-05"))
    assert site.build() == 0
    dd = site.html("index.html").select_one("footer .org-phone dd")
    assert dd.get_text() == phone
    assert [(n.get_text(), n["href"]) if n.name else str(n) for n in dd.children] == shown


@pytest.mark.parametrize("setting, message", [
    ("organization:\n  email: vanphong at myson\n", "site.yaml:3: organization.email: must be an address"),
    ("organization:\n  phone: gọi văn phòng\n", "site.yaml:3: organization.phone: must be a number"),
    ("organization:\n  map: www.bando.vn\n", "site.yaml:3: organization.map: must be a full address"),
    ("organization:\n  adress: Thôn 1\n", "site.yaml:3: organization.adress: unknown field; did you mean 'address'?"),
    ("organization:\n  address: [Thôn 1]\n", "site.yaml:3: organization.address: must be text"),
    ("organization: Đảng ủy xã\n", "site.yaml:2: organization: must be a set of"),
])
def test_bad_identity_settings_name_their_line(site, capsys, setting, message):
    site.settings("base_url: https://example.gov.vn/\n" + setting)
    site.write("a.md", article("Bài", "2024-03-05"))
    assert site.build() == 1
    assert message in capsys.readouterr().err


def check(site, capsys) -> list[str]:
    main(["check", "--portal", "--content", str(site.content), "--config",
          str(site.root / "site.yaml")])
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith("portal:")]


def test_the_portal_check_names_what_the_office_left_out(office, capsys):
    found = check(office, capsys)
    assert "portal: English: category 'Môi trường' has no English name" in " ".join(found)
    assert "portal: English: page 'Giới thiệu' has no English name" in " ".join(found)
    assert not [f for f in found if "identity" in f or "Vietnamese words" in f]
    office.settings("base_url: https://example.gov.vn/\ntranslations:\n  en:\n    home: Trang chủ\n"
                    "organization:\n  address: Thôn Tân Mỹ\n"
                    "links:\n  - title: Báo Ninh Thuận\n    url: https://baoninhthuan.com.vn/\n")
    found = check(office, capsys)
    missing = [f.split(":")[2].strip().split()[0] for f in found if f.startswith("portal: identity")]
    assert missing == ["organization.governing_body", "organization.phone", "organization.fax",
                       "organization.email", "organization.responsible", "organization.licence",
                       "organization.map"]
    assert "portal: English: organization.address_en is empty" in " ".join(found)
    assert "portal: English: link 'Báo Ninh Thuận' has no English name" in " ".join(found)
    english = [f for f in found if "Vietnamese words" in f]
    assert english[0].startswith("portal: English: /about/ shows Vietnamese words")
    assert "'Trang chủ'" in english[0] and "Trang thông tin điện tử" in english[0]  # the default title


def test_a_first_article_gets_no_heading_over_an_empty_list(site):
    """"Tin mới nhất" leaves out the page's own article: on a site's first one it had a
    heading over nothing, which looks unfinished and is announced as an empty box."""
    site.settings(OFFICE)
    site.write("a.md", article("Bài đầu tiên", "2024-03-05 14:20"))
    assert site.build() == 0
    page = site.html("2024/03/a/index.html")
    assert page.select_one("#tin-moi-nhat") is None and page.select_one("#tin-lien-quan") is None
    for heading in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        assert heading.get_text().strip(), heading
    for box in page.select("aside section"):
        assert box.select("li"), box
    assert [li.get_text() for li in site.html("index.html").select("#tin-moi-nhat li")] == \
        ["Bài đầu tiên(05/03/2024 2:20 CH)"]


ENGLISH_ITEMS = """\
kinds:
  su-kien:
    folder: su-kien
    url: /su-kien/{slug}/
    template: article.html
"""


def english_items(office):
    """An English album, week of the schedule and item of a declared kind (article.html)."""
    office.settings(OFFICE + ENGLISH_ITEMS)
    office.write("thu-vien-anh/hoi-cho/index.md", "---\ntitle: Spring fair photos\n"
                                                  "date: 2024-03-02\nlang: en\n---\n")
    office.write("lich-cong-tac/2024-tuan-10.md", "---\ntitle: Week 10 schedule\n"
                                                  "date: 2024-03-04\nlang: en\n---\n")
    office.write("su-kien/fair.md", "---\ntitle: Spring fair\nlang: en\n---\n\nAt the market.\n")


def test_english_items_of_every_kind_are_titled_with_the_english_name(office):
    english_items(office)
    assert office.build() == 0
    for rel, title in (("thu-vien-anh/hoi-cho/index.html", "Spring fair photos - Photo albums"),
                       ("lich-cong-tac/2024-tuan-10/index.html", "Week 10 schedule"),
                       ("su-kien/fair/index.html", "Spring fair")):
        soup = office.html(rel)
        assert soup.html["lang"] == "en"
        assert soup.title.get_text() == f"{title} - My Son Commune Party Committee"


def test_the_portal_check_reads_english_items_of_every_kind(office, capsys):
    """Not only English pages: an English album or item of a declared kind is an English
    page too, and a theme's template may leave Vietnamese words on it."""
    english_items(office)
    shutil.copytree(REPO / "templates", office.root / "templates")
    (office.root / "templates" / "event.html").write_text(
        '{% extends "base.html" %}{% block main %}<p>Sự kiện: {{ article.title }}</p>'
        '{% endblock %}', encoding="utf-8")
    office.settings(OFFICE + ENGLISH_ITEMS.replace("article.html", "event.html"))
    found = [f for f in check(office, capsys) if "Vietnamese words" in f]
    assert any(f.startswith("portal: English: /su-kien/fair/ shows Vietnamese words")
               and "'Sự kiện: Spring fair'" in f for f in found)


def test_an_english_news_article_is_an_english_page(office, capsys):
    """A news article with `lang: en` was made as a Vietnamese page (`lang="vi"`, "Tin liên
    quan", SA/CH): the news never gave its template the article's language."""
    office.write("en-fair.md", article("Spring fair opens", "2024-03-06 09:12",
                                       "The fair opens on Sunday.", category="Thời sự",
                                       tags="[Hội chợ]", lang="en"))
    office.write("d.md", article("Hội chợ mùa xuân", "2024-03-01", category="Môi trường"))
    office.write("e.md", article("Chợ phiên", "2024-03-02", category="Môi trường",
                                 tags="[Hội chợ]"))
    assert office.build() == 0
    soup = office.html("2024/03/en-fair/index.html")
    assert soup.html["lang"] == "en"
    assert soup.select_one("#tin-lien-quan h2").get_text() == "Related news"
    related = soup.select_one("#tin-lien-quan li")
    assert related.a["lang"] == "vi" and related.get_text() == "Hội nghị cán bộ(05/03/2024 2:20 PM)"
    crumbs = [(a.get_text(), a["href"], a.get("lang")) for a in soup.select(".breadcrumbs a")]
    assert crumbs == [("Information in English", "/en/", None),
                      ("Current affairs", "/chuyen-muc/thoi-su/", None)]
    assert [(a.get_text(), a["lang"]) for a in soup.select("p.tags a")] == [("Hội chợ", "vi")]
    assert not [f for f in check(office, capsys) if "Vietnamese words" in f]


def test_the_search_box_of_an_english_page_searches_in_english(office, capsys):
    """The header's search box of every English page led to the Vietnamese search page:
    "Tìm kiếm", "Từ khóa cần tìm", "Tìm thấy 3 bài viết" for a reader who reads English."""
    office.write("en-fair.md", article("Spring fair opens", "2024-03-06 09:12", "On Sunday.",
                                       lang="en"))
    assert office.build() == 0
    english = office.html("2024/03/en-fair/index.html").select_one("form.search-box")
    assert english["action"] == "/en/search/"
    assert office.html("index.html").select_one("form.search-box")["action"] == "/tim-kiem/"
    soup = office.html("en/search/index.html")
    assert soup.html["lang"] == "en" and soup.h1.get_text() == "Search"
    assert soup.select_one("form.search-page")["action"] == "/en/search/"
    results = soup.select_one("#search-results")
    assert results["data-index"] == "/tim-kiem/" and results["data-count"] == "{n} articles found"
    assert [a["href"] for a in soup.select(".breadcrumbs a")] == ["/en/"]
    assert not [f for f in check(office, capsys) if "Vietnamese words" in f]


def test_a_page_carries_its_english_name_in_its_front_matter(office, capsys):
    """`name_en:` on a page, as issue 15 allows beside the settings' mapping, was 'unknown
    front matter key' and the page was left out of the English menu."""
    office.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\nmenu: 1\nname_en: About us\n"
                                        "---\n\nVề xã.\n")
    assert office.build() == 0
    menu = office.html("en/index.html").select("ul.menu-items a")
    assert ("About us", "/gioi-thieu/") in [(a.get_text(), a["href"])
                                      for a in menu]
    vietnamese = [a.get_text() for a in office.html("index.html").select("ul.menu-items a")]
    assert "Giới thiệu" in vietnamese and "About us" not in vietnamese
    assert not [f for f in check(office, capsys) if "'Giới thiệu' has no English name" in f]


def test_settings_typed_with_combining_accents_name_what_they_name(site, capsys):
    """site.yaml was read as typed while content is read as NFC: with Unikey's "Unicode tổ
    hợp" (or on a Mac) `english_names: {Tin tức: News}` named no category, the English menu
    was empty and `check --portal` asked for the very line that was there."""
    import unicodedata
    from site_gen.commands.cli import main
    site.settings(unicodedata.normalize("NFD", """\
        title: UBND xã Hộ Hải
        base_url: https://hohai.example.gov.vn/
        english_names:
          Tin tức: News
          Giới thiệu: About
        """))
    site.write("2025/a.md", article("Bài", "2025-01-02", category="Tin tức"))
    site.write("pages/gt.md", "---\ntitle: Giới thiệu\nmenu: 1\n---\nx\n")
    site.write("pages/en.md", "---\ntitle: About us\nslug: about\nlang: en\n---\nx\n")
    assert site.build() == 0
    menu = [a.get_text() for a in site.html("about/index.html").select("nav.menu a")]
    assert menu == ["Home", "News", "About"]
    assert site.html("index.html").title.get_text() == "UBND xã Hộ Hải"  # NFC
    main(["check", "--portal", "--content", str(site.content),
          "--config", str(site.root / "site.yaml")])
    assert "no English name" not in capsys.readouterr().out


def test_english_news_is_listed_as_english_not_as_vietnamese(office):
    """An article written with `lang: en` was left out of /en/'s list of English items
    and shown there under "News in Vietnamese", its title marked lang="vi" (as in every
    English page's "Latest news"); on Vietnamese pages its title was not marked English."""
    office.write("en-news.md", article("Investors visit the commune", "2024-03-06 08:00",
                                       category="Thời sự", lang="en"))
    assert office.build() == 0
    home = office.html("en/index.html")
    assert [a.get_text() for a in home.select("main .cards h2 a")] == [
        "About the commune", "Investors visit the commune"]
    assert "Investors visit the commune" not in home.select_one("#news-in-vietnamese").get_text()
    about = office.html("about/index.html").select("#tin-moi-nhat li a")
    assert (about[0].get_text(), about[0].get("lang")) == ("Investors visit the commune", "en")
    assert about[1]["lang"] == "vi"
    vietnamese = office.html("2024/03/b/index.html").select("#tin-moi-nhat li a")
    assert (vietnamese[0].get_text(), vietnamese[0].get("lang")) == ("Investors visit the commune", "en")
    assert not vietnamese[1].has_attr("lang")


def test_the_portal_check_finds_a_theme_that_leaves_the_identity_out(office, capsys):
    """Every setting filled in, but the theme's footer dropped `_identity.html` (a
    themer's own footer): `check --portal` found nothing to report, though no page said
    who runs the portal, which is what Decree 42 asks of the pages themselves."""
    assert not [f for f in check(office, capsys) if "identity" in f]
    shutil.copytree(REPO / "templates", office.root / "templates")
    base = office.root / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        '{% include "_identity.html" %}', "<p>© {{ site.title }}</p>"), encoding="utf-8")
    found = [f for f in check(office, capsys) if "identity" in f]
    what = ("does not show the office's governing body (Cơ quan chủ quản), phone number, fax "
            "number, email address, person responsible for the content (Chịu trách nhiệm nội "
            "dung), licence or decision number: show them on every page (`{% include "
            "\"_identity.html\" %}` in the footer of templates/base.html)")
    # the name and the address are still printed at the top (.print-identity)
    assert found == [f"portal: identity: / {what}", f"portal: identity: /2024/03/a/ {what}"]


def test_english_menu_pages_are_in_the_english_menu_only(office):
    """An English page with `menu:` was put in every Vietnamese page's menu too: a commune
    with four English pages had "About Phuoc Dinh Commune", "Investment opportunities"...
    in the Vietnamese menu bar, between "Giới thiệu" and "Văn bản"."""
    office.write("pages/en/about.md", "---\ntitle: About the commune\nlang: en\nmenu: 5\n---\n\n"
                                      "Phone +84 259 3854 321, email vanphong@myson.gov.vn\n")
    assert office.build() == 0
    vietnamese = [a.get_text() for a in office.html("index.html").select("#menu-items a")]
    assert "About the commune" not in vietnamese and "Giới thiệu" in vietnamese
    english = [a.get_text() for a in office.html("en/index.html").select("#menu-items a")]
    assert english == ["Home", "Current affairs", "About the commune"]


def test_english_news_in_vietnamese_lists_is_marked_english(office):
    """The home page and the category listed an English article's title and summary as
    Vietnamese text (no `lang`): a screen reader read them with Vietnamese sounds."""
    office.write("en-news.md", article("Investors visit the commune", "2024-03-06 08:00",
                                       category="Thời sự", lang="en"))
    assert office.build() == 0
    for rel in ("index.html", "chuyen-muc/thoi-su/index.html"):
        cards = {c.h2.get_text(): c.h2.a.get("lang") for c in office.html(rel).select("main .card")}
        assert cards["Investors visit the commune"] == "en"
        assert cards["Hội nghị cán bộ"] is None


def test_an_article_is_described_to_search_engines_by_its_summary(site):
    """`<meta name="description">` was written only when site.yaml has a description, so
    on a site without one no article told search engines its summary."""
    site.write("a.md", article("Hội nghị", "2025-01-02", summary='"Tóm tắt hội nghị."'))
    assert site.build() == 0
    described = site.html("2025/01/a/index.html").find("meta", attrs={"name": "description"})
    assert described["content"] == "Tóm tắt hội nghị."
    assert site.html("index.html").find("meta", attrs={"name": "description"}) is None


def test_an_english_item_s_dates_are_read_with_the_english_am_and_pm(site):
    """An English article dated as English writes it, `date: 15/03/2024 2:30 PM`, stopped
    the build with "unreadable time": the dates of a file were read with the site's SA/CH
    only, whatever its `lang:`. An English item now reads AM/PM (and SA/CH, as a file
    translated from a Vietnamese one keeps them), in its date and its declared dates."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          hop: {type: date, label: Họp, label_en: Meeting}
        """)
    site.write("en.md", article("Investors visit the commune", "15/03/2024 2:30 PM", lang="en",
                                hop="16/03/2024 12:15 AM"))
    site.write("kept.md", article("Tree planting", "14/03/2024 9:00 CH", lang="en"))
    site.write("vi.md", article("Tiếp đoàn", "13/03/2024 12:05 CH"))
    assert site.build() == 0
    stamps = [li.get_text() for li in site.html("2024/03/vi/index.html").select(
        "#tin-moi-nhat .date")]
    assert stamps == ["(15/03/2024 2:30 CH)", "(14/03/2024 9:00 CH)"]
    assert site.html("2024/03/en/index.html").select_one(".field-hop").get_text(
        " ", strip=True) == "Meeting: 16/03/2024 12:15 AM"


def test_a_vietnamese_item_dated_with_am_or_pm_is_read(site):
    """A date copied from software that writes English, `13/03/2024 2:05 PM`, in a
    Vietnamese article stopped the build with "unreadable time"."""
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Tiếp đoàn", "13/03/2024 2:05 PM"))
    site.write("b.md", article("Giao ban", "12/03/2024 7:30 AM"))
    assert site.build() == 0
    stamps = [li.get_text() for li in site.html("2024/03/a/index.html").select(
        "#tin-moi-nhat .date")]
    assert stamps == ["(12/03/2024 7:30 SA)"]
    assert site.html("2024/03/b/index.html").select_one("#tin-moi-nhat .date").get_text() \
        == "(13/03/2024 2:05 CH)"


def test_the_english_search_page_is_titled_with_the_english_name(office, capsys):
    """/en/search/ was titled "Search - Đảng ủy xã Mỹ Sơn" (the tab, bookmarks and search
    engines read it) though the office has an English name, and `check --portal`, which
    reads the English home and items, never looked at that page."""
    assert office.html("en/search/index.html").title.get_text() == (
        "Search - My Son Commune Party Committee")
    assert office.html("tim-kiem/index.html").title.get_text() == "Tìm kiếm - Trang thông tin điện tử"
    settings = office.root / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + "translations:\n  en:\n    search_label: Từ khóa\n", encoding="utf-8")
    found = [f for f in check(office, capsys) if "Vietnamese words" in f]
    assert any(f.startswith("portal: English: /en/search/ shows") and "'Từ khóa'" in f
               for f in found), found


def test_english_pages_without_a_summary_are_described_in_english(site):
    """The English search page and an English week (no summary of their own) told search
    engines the site's Vietnamese description, `<meta name="description" content="Trang
    tin điện tử của xã...">`, where /en/ gives `description_en`."""
    site.settings("""\
        base_url: https://example.gov.vn/
        description: Trang tin điện tử của xã Mỹ Sơn
        organization:
          name: Đảng ủy xã Mỹ Sơn
          name_en: My Son Commune Party Committee
          description_en: News of My Son Commune
        """)
    site.write("lich-cong-tac/week-48.md", "---\ntitle: Week 48\ndate: 25/11/2024\nlang: en\n"
               "entries:\n  - day: 26/11/2024\n    time: \"2:00 PM\"\n    content: Meeting\n---\n")
    site.write("a.md", article("Hội nghị", "2024-11-20"))
    assert site.build("--now", "2024-11-27") == 0
    described = lambda rel: site.html(rel).find("meta", attrs={"name": "description"})["content"]
    assert described("en/search/index.html") == "News of My Son Commune"
    assert described("lich-cong-tac/week-48/index.html") == "News of My Son Commune"
    assert described("tim-kiem/index.html") == "Trang tin điện tử của xã Mỹ Sơn"


def test_a_regional_english_tag_is_english_and_a_language_without_words_is_told(site, capsys):
    """`lang: en-US` (as editors and other generators write it) made a page declared
    English, `<html lang="en-us">`, all of whose chrome was Vietnamese ("Đăng ngày",
    "Trang chủ"), left off /en/ and out of `check --portal`, without a word; `lang: fr`,
    which the site has no words for, likewise. A regional tag of a language the site has
    words for is that language; any other is told at its line."""
    site.write("en.md", article("Delegation visit", "2024-03-06 14:00", lang="en-US"))
    site.write("fr.md", article("Visite de la délégation", "2024-03-07 14:00", lang="fr"))
    assert site.build() == 0
    page = site.html("2024/03/en/index.html")
    assert page.html["lang"] == "en"
    assert "Posted on" in page.find("main").get_text() and "Đăng ngày" not in page.get_text()
    assert "Delegation visit" in site.html("en/index.html").find("main").get_text()
    err = capsys.readouterr().err
    assert (f"{site.content / 'fr.md'}:4: warning: lang 'fr': the site has no words for it "
            "(`translations:` in site.yaml has en): its pages show the site's own") in err
    assert "en.md" not in err
