"""Fields and kinds declared in site.yaml alone (no Python), and the sample site's output
unchanged by them but for its new sections."""

import filecmp
import shutil
import subprocess
import sys
import textwrap

import yaml
from bs4 import BeautifulSoup

from conftest import REPO, article
from site_gen.commands.cli import main

SETTINGS = """\
base_url: https://example.gov.vn/
templates: theme
fields:
  nguon: {type: text, label: Nguồn, kinds: [article, su-kien]}
  so_trang: {type: integer, kinds: [su-kien]}
  ngay_bao: {type: date, kinds: [su-kien]}
  diem: {type: list, kinds: [su-kien]}
  bai_goc: {type: article, kinds: [su-kien]}
  van_ban: {type: document, kinds: [su-kien]}
  anh: {type: image, kinds: [su-kien]}
  dia_diem: {type: text, required: true, kinds: []}
kinds:
  su-kien:
    folder: su-kien
    url: /su-kien/{slug}/
    template: event.html
    date: required
    list_url: /su-kien/
    list_template: events.html
    per_page: 2
    fields: [dia_diem]
    sitemap: true
    search: true
"""

EVENT = """\
{% extends "base.html" %}
{% block main %}
<h1>{{ article.title }}</h1>
<p id="dia-diem">{{ article.fields.dia_diem }}</p>
<p id="diem">{{ article.fields.diem|join("|") }}</p>
{% if page.fields.nguon %}
<p id="nguon">{{ page.fields.nguon }}</p>
<p id="trang">{{ page.fields.so_trang + 1 }}</p>
<p id="ngay">{{ article.fields.ngay_bao|day }}</p>
<a id="goc" href="{{ article.fields.bai_goc.url }}">{{ article.fields.bai_goc.title }}</a>
<a id="vb" href="{{ article.fields.van_ban.url }}">{{ article.fields.van_ban.title }}</a>
<img id="anh" src="{{ article.fields.anh }}" alt="">
{% endif %}
{% endblock %}
"""

EVENTS = """\
{% extends "base.html" %}
{% block main %}
<ul id="events">{% for item in items %}<li><a href="{{ item.url }}">{{ item.title }}</a></li>{% endfor %}</ul>
{% if pagination.next_url %}<a id="next" href="{{ pagination.next_url }}">next</a>{% endif %}
{% endblock %}
"""

DOCUMENT = """\
---
title: Về công tác dân vận
number: "09-CT/TW"
doc_type: Chỉ thị
issuer: Ban Bí thư
issued: 18/01/2022
---
"""


def declared_site(site):
    shutil.copytree(REPO / "templates", site.root / "theme")
    (site.root / "theme" / "event.html").write_text(EVENT, encoding="utf-8")
    (site.root / "theme" / "events.html").write_text(EVENTS, encoding="utf-8")
    site.settings(SETTINGS)
    site.write("2024/goc.md", article("Bài gốc", "2024-11-01"))
    site.write("van-ban/09-ct-tw.md", DOCUMENT)
    site.write("anh/a.png", b"not read: a declared image is only an address")
    site.write("su-kien/hoi-thao.md", article(
        "Hội thảo", "2024-11-20", nguon="Báo Ninh Thuận", so_trang=41,
        ngay_bao="21/11/2024", diem="[Phan Rang, Ninh Hải]", bai_goc="2024/goc",
        van_ban="09 ct/tw", anh="/anh/a.png", dia_diem="Hội trường huyện"))
    for day in ("02", "03"):
        site.write(f"su-kien/khac-{day}.md", article(f"Sự kiện {day}", f"2024-10-{day}",
                                                     dia_diem="Xã"))


def test_a_field_and_a_kind_declared_in_settings_reach_their_template(site):
    declared_site(site)
    site.write("2024/bai.md", article("Bài có nguồn", "2024-11-02", nguon="Báo Ninh Thuận"))
    assert site.build() == 0
    page = site.html("su-kien/hoi-thao/index.html")
    assert page.h1.text == "Hội thảo"
    assert page.find(id="nguon").text == "Báo Ninh Thuận"
    assert page.find(id="trang").text == "42"  # an integer, not text
    assert page.find(id="ngay").text == "21/11/2024"  # a date
    assert page.find(id="diem").text == "Phan Rang|Ninh Hải"
    assert page.find(id="dia-diem").text == "Hội trường huyện"
    assert (page.find(id="goc")["href"], page.find(id="goc").text) == ("/2024/11/goc/", "Bài gốc")
    assert page.find(id="vb")["href"] == "/van-ban/09-ct-tw/"
    assert page.find(id="anh")["src"] == "/anh/a.png"
    # the kind's list, paginated by its own per_page, newest first
    first = site.html("su-kien/index.html")
    assert [a.text for a in first.select("#events a")] == ["Hội thảo", "Sự kiện 03"]
    assert first.find(id="next")["href"] == "/su-kien/page/2/"
    assert [a.text for a in site.html("su-kien/page/2/index.html").select("#events a")] == [
        "Sự kiện 02"]
    sitemap = site.text("sitemap.xml")
    assert "https://example.gov.vn/su-kien/hoi-thao/" in sitemap
    # not a news item: not in the feed nor in "Tin mới nhất"
    assert "hoi-thao" not in site.text("feed.xml")
    # the built-in article template shows a labelled field as "label: value"
    shown = site.html("2024/11/bai/index.html").select_one(".field-nguon")
    assert shown.get_text(" ", strip=True) == "Nguồn: Báo Ninh Thuận"


def test_declared_fields_are_checked_with_file_and_line(site, capsys):
    declared_site(site)
    site.write("su-kien/sai.md", article(
        "Sai", "2024-11-20", so_trang="bốn", ngay_bao="31/02/2024", bai_goc="khong-co",
        anh="/anh/khong-co.jpg", nguoi_chup="A"))
    assert site.build() == 1
    err = capsys.readouterr().err
    path = site.content / "su-kien" / "sai.md"
    assert f"{path}:4: so_trang must be a whole number" in err
    assert f"{path}:5: impossible date" in err
    assert f"{path}:7: anh: image '/anh/khong-co.jpg' not found" in err
    assert f"{path}:1: missing dia_diem" in err
    assert "unknown front matter key 'nguoi_chup'" in err


def test_a_link_field_naming_nothing_is_an_error_at_its_line(site, capsys):
    declared_site(site)
    site.write("su-kien/lien-ket.md", article("Liên kết", "2024-11-20", dia_diem="X",
                                              bai_goc="2024/khong-co"))
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"{site.content / 'su-kien' / 'lien-ket.md'}:5: bai_goc: '2024/khong-co' names no article" in err


def test_a_link_field_naming_a_file_that_cannot_be_read_says_so(site, capsys):
    """One problem, told where it is: the field names an article whose date is impossible,
    which is not "names no article"."""
    declared_site(site)
    site.write("2024/hong.md", article("Bài hỏng", "2024-02-30"))
    site.write("su-kien/lien-ket.md", article("Liên kết", "2024-11-20", dia_diem="X",
                                              bai_goc="2024/hong"))
    assert site.build() == 1
    err = capsys.readouterr().err
    assert (f"{site.content / 'su-kien' / 'lien-ket.md'}:5: bai_goc: '2024/hong' names "
            "2024/hong.md, which could not be read (its own problem is told)") in err
    assert "names no article" not in err


def test_an_undeclared_key_is_told_the_nearest_declared_field(site, capsys):
    declared_site(site)
    site.write("2024/x.md", article("X", "2024-11-02", ngon="Báo"))
    assert site.build() == 0
    assert "unknown front matter key 'ngon'; did you mean 'nguon'?" in capsys.readouterr().err


def test_bad_declarations_are_reported_in_the_settings(site, capsys):
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          nguon: {type: chu}
        kinds:
          su-kien:
            folder: su-kien
            url: /su-kien/{nam}/
            template: event.html
            fields: [x]
        """)
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "site.yaml:3: fields: field 'nguon': type must be one of text" in err
    assert "site.yaml:5: kinds: kind 'su-kien': url: an address may use only" in err
    assert "site.yaml:5: kinds: kind 'su-kien': field 'x' is not declared" in err


def test_a_kind_address_with_a_stray_brace_is_told_not_a_traceback(site, capsys):
    """`/tb/{slug}}/` ended the build in a traceback from format(); `/tb/{{slug}}/` gave
    every item the one address /tb/{slug}/."""
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          tb:
            folder: tb
            url: /tb/{slug}}/
            template: article.html
          tb2:
            folder: tb2
            url: /tb2/{{slug}}/
            template: article.html
        """)
    site.write("tb/a.md", article("Thông báo", "2024-11-20"))
    assert site.build() == 1
    err = capsys.readouterr().err
    assert ("site.yaml:3: kinds: kind 'tb': url: an address may use only {year} {month} {day} "
            "{slug}, each with one brace either side, not '/tb/{slug}}/'") in err
    assert "site.yaml:7: kinds: kind 'tb2': url: an address may use only" in err
    assert "Traceback" not in err


def test_new_writes_the_declared_fields_of_articles(site, capsys):
    declared_site(site)
    settings = (site.root / "site.yaml").read_text(encoding="utf-8")
    (site.root / "site.yaml").write_text(settings.replace("kinds: []", "kinds: [article]"),
                                         encoding="utf-8")
    assert main(["new", "Tin mới", "--content", str(site.content), "--config",
                 str(site.root / "site.yaml"), "--now", "2025-01-02 08:00"]) == 0
    path = site.content / "2025" / "tin-moi.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["nguon"] == "" and "dia_diem" in front
    assert "so_trang" not in front  # declared for su-kien only
    assert site.build() == 1  # dia_diem is required: the scaffold asks for it
    assert f"{path}:" in capsys.readouterr().err


def test_editing_a_declared_field_rebuilds_like_a_clean_build(site, tmp_path):
    declared_site(site)
    cache = ["--cache", str(site.root / ".cache")]
    assert site.build(*cache) == 0
    site.write("2024/goc.md", article("Bài gốc đã sửa", "2024-11-01"))  # the linked title
    site.write("su-kien/khac-02.md", article("Sự kiện 02", "2024-10-02", dia_diem="Phường"))
    assert site.build(*cache) == 0
    site.write("su-kien/moi.md", article("Sự kiện mới", "2024-12-01", dia_diem="Xã"))
    (site.content / "su-kien" / "khac-03.md").unlink()
    assert site.build(*cache) == 0
    assert site.html("su-kien/hoi-thao/index.html").find(id="goc").text == "Bài gốc đã sửa"
    settings = (site.root / "site.yaml").read_text(encoding="utf-8")
    (site.root / "site.yaml").write_text(settings.replace("label: Nguồn", "label: Theo"),
                                         encoding="utf-8")
    site.write("2024/bai.md", article("Bài", "2024-11-02", nguon="Báo"))
    assert site.build(*cache) == 0
    clean = tmp_path / "clean"
    assert main(["build", "--content", str(site.content), "--output", str(clean), "--config",
                 str(site.root / "site.yaml"), "--no-cache"]) == 0
    assert_same_tree(site.output, clean)
    assert "Theo:" in site.text("2024/11/bai/index.html")


def assert_same_tree(left, right):
    compared = filecmp.dircmp(left, right)
    stack = [compared]
    while stack:
        here = stack.pop()
        assert not (here.left_only or here.right_only), (here.left, here.left_only,
                                                         here.right_only)
        _, mismatch, errors = filecmp.cmpfiles(here.left, here.right, here.common_files,
                                               shallow=False)
        assert not mismatch and not errors, (here.left, mismatch, errors)
        stack += here.subdirs.values()


NEW_SECTIONS = ("thu-vien-anh", "lich-cong-tac", "thumbs/album")
# what new sections may change besides their own folders: the home page's sidebar, the
# sitemap, the search index, and the stylesheet and script of their pages
SHARED = ("index.html", "page/", "sitemap.xml", "tim-kiem/", "static/sections.css",
          "static/album.js")


def test_the_new_sections_change_nothing_else_of_the_sample_site(tmp_path):
    """The sample site without albums and schedule builds as it did before kinds were
    declared (checked against a build of that code when they were introduced); with them,
    only their own pages and the shared lists that name them change."""
    without = tmp_path / "content"
    shutil.copytree(REPO / "content", without)
    for folder in NEW_SECTIONS[:2]:
        shutil.rmtree(without / folder)
    outputs = {}
    for name, content in (("without", without), ("with", REPO / "content")):
        outputs[name] = tmp_path / name
        subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--content",
                        str(content), "--output", str(outputs[name]), "--config",
                        str(REPO / "site.yaml"), "--now", "2026-12-02 08:00", "--no-cache"],
                       check=True, capture_output=True, cwd=REPO)
    changed = sorted(str(p.relative_to(outputs["with"])) for p in outputs["with"].rglob("*")
                     if p.is_file() and _differs(p, outputs["without"] / p.relative_to(
                         outputs["with"])))
    unexpected = [p for p in changed if not p.startswith(NEW_SECTIONS + SHARED)]
    assert unexpected == []
    assert any(p.startswith("thu-vien-anh/") for p in changed)
    assert any(p.startswith("lich-cong-tac/") for p in changed)


def _differs(path, other) -> bool:
    return not other.is_file() or other.read_bytes() != path.read_bytes()


def test_a_kind_of_folder_index_files_ignores_other_markdown_in_its_folders(site):
    site.settings(textwrap.dedent("""\
        base_url: https://example.gov.vn/
        """))
    site.write("thu-vien-anh/a/index.md", article("Album A", "2024-11-02"))
    site.write("thu-vien-anh/a/ghi-chu.md", "not front matter at all")
    assert site.build() == 0
    assert site.html("thu-vien-anh/a/index.html").h1.text == "Album A"


def test_a_declared_kind_joins_the_feeds_latest_and_archives_it_asks_for(site):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          thong-bao:
            folder: thong-bao
            url: /thong-bao/{year}/{slug}/
            template: page.html
            date: required
            feeds: true
            latest: true
            archives: true
        """)
    site.write("2024/bai.md", article("Bài viết", "2024-11-01"))
    site.write("thong-bao/nghi-le.md", article("Thông báo nghỉ lễ", "2024-12-30"))
    assert site.build() == 0
    notice = site.html("thong-bao/2024/nghi-le/index.html")
    assert notice.h1.text == "Thông báo nghỉ lễ"
    latest = [a["href"] for a in site.html("2024/11/bai/index.html").select("#tin-moi-nhat a")]
    assert latest == ["/thong-bao/2024/nghi-le/"]
    assert "/thong-bao/2024/nghi-le/" in site.text("feed.xml")
    year = [a["href"] for a in site.html("2024/index.html").select(".cards h2 a")]
    assert year == ["/thong-bao/2024/nghi-le/", "/2024/11/bai/"]
    # not news: not on the home page's list, and no page of "Tin liên quan"
    home = [a["href"] for a in site.html("index.html").select("main .cards h2 a")]
    assert home == ["/2024/11/bai/"]


def test_a_kind_may_take_its_date_from_a_declared_field(site):
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          ngay_hop: {type: date, required: true, kinds: [cuoc-hop]}
        kinds:
          cuoc-hop:
            folder: cuoc-hop
            url: /cuoc-hop/{year}/{month}/{slug}/
            template: page.html
            date: ngay_hop
            sitemap: true
        """)
    site.write("cuoc-hop/giao-ban.md", "---\ntitle: Giao ban\nngay_hop: 05/03/2025\n---\n")
    assert site.build() == 0
    assert site.html("cuoc-hop/2025/03/giao-ban/index.html").h1.text == "Giao ban"
    assert "<lastmod>2025-03-05" in site.text("sitemap.xml")


def test_new_starts_an_item_of_any_kind_in_its_folder(site, capsys):
    declared_site(site)
    new = lambda *args: main(["new", *args, "--content", str(site.content), "--config",
                              str(site.root / "site.yaml"), "--now", "2025-01-02 08:00"])
    assert new("Hội thảo mới", "--kind", "su-kien") == 0
    path = site.content / "su-kien" / "hoi-thao-moi.md"
    assert capsys.readouterr().out.strip() == str(path)
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == "Hội thảo mới" and str(front["date"]) == "2025-01-02 08:00"
    assert "dia_diem" in front and "so_trang" in front and "category" not in front
    assert new("Ảnh hội nghị", "--kind", "album") == 0
    assert (site.content / "thu-vien-anh" / "anh-hoi-nghi" / "index.md").is_file()
    assert new("X", "--kind", "khong-co") == 2
    assert "no kind 'khong-co'" in capsys.readouterr().err
    path.write_text(path.read_text(encoding="utf-8").replace('dia_diem: ""', "dia_diem: Xã"),
                    encoding="utf-8")
    assert site.build() == 0  # what new wrote is valid once its required field is filled


def test_an_album_kind_needs_a_usable_thumbnail_width(site, capsys):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          album:
            options: {thumbnail_width: rong}
        """)
    assert site.build() == 1
    assert "kind 'album': options: thumbnail_width must be a width in pixels" in (
        capsys.readouterr().err)


def test_a_kind_listed_by_the_built_in_list_template_is_headed_by_its_title(site):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          su-kien:
            folder: su-kien
            url: /su-kien/{slug}/
            template: page.html
            list_url: /su-kien/
            title: Sự kiện
            sitemap: true
          tin-ngan:
            folder: tin-ngan
            url: /tin-ngan/{slug}/
            template: page.html
            list_url: /tin-ngan/
        """)
    site.write("2024/bai.md", article("Bài viết", "2024-11-01"))
    site.write("su-kien/hoi-cho.md", article("Hội chợ xuân", "2024-11-20"))
    site.write("su-kien/khong-ngay.md", "---\ntitle: Chưa định ngày\n---\n\nNội dung.\n")
    site.write("tin-ngan/a.md", article("Tin ngắn", "2024-11-21"))
    assert site.build() == 0
    events = site.html("su-kien/index.html")
    assert events.h1.text == "Sự kiện"
    assert events.title.text.startswith("Sự kiện - ")
    cards = events.select("main .card")
    assert [c.h2.text for c in cards] == ["Hội chợ xuân", "Chưa định ngày"]
    assert cards[0].select_one(".meta time")["datetime"].startswith("2024-11-20")
    assert cards[1].select_one(".meta") is None  # undated: no empty date line
    assert site.html("tin-ngan/index.html").h1.text == "tin-ngan"  # no title: its name


def test_a_kind_may_not_take_the_name_of_built_in_list_pages(site, capsys):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          category:
            folder: nhom
            url: /nhom/{slug}/
            template: page.html
        """)
    assert site.build() == 1
    assert "site.yaml:3: kinds: kind 'category': the name is that of built-in list" in (
        capsys.readouterr().err)


def test_a_declared_kind_may_use_the_built_in_article_template(site):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          su-kien:
            folder: su-kien
            url: /su-kien/{slug}/
            template: article.html
            list_url: /su-kien/
        """)
    site.write("2024/bai.md", article("Bài viết", "2024-11-01"))
    site.write("su-kien/hoi-cho.md", article("Hội chợ xuân", "2024-11-20"))
    site.write("su-kien/khong-ngay.md", "---\ntitle: Chưa định ngày\n---\n\nNội dung.\n")
    assert site.build() == 0
    dated = site.html("su-kien/hoi-cho/index.html")
    assert dated.h1.text == "Hội chợ xuân"
    assert dated.select_one(".posted").text.endswith("20 - 11 - 2024")
    assert [a["href"] for a in dated.select("#tin-moi-nhat a")] == ["/2024/11/bai/"]
    undated = site.html("su-kien/khong-ngay/index.html")
    assert undated.h1.text == "Chưa định ngày"
    assert undated.select_one(".posted") is None  # no date line, not "None"
    assert undated.find("meta", property="article:published_time") is None


def test_a_kind_left_out_of_the_sitemap_is_left_out_whatever_its_templates(site):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          noi-bo:
            folder: noi-bo
            url: /noi-bo/{slug}/
            template: page.html
            list_url: /noi-bo/
            sitemap: false
        """)
    site.write("2024/bai.md", article("Bài viết", "2024-11-01"))
    site.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\n\nNội dung.\n")
    site.write("noi-bo/hop.md", article("Họp nội bộ", "2024-11-02"))
    assert site.build() == 0
    assert site.html("noi-bo/hop/index.html").h1.text == "Họp nội bộ"
    listed = [loc.text for loc in BeautifulSoup(site.text("sitemap.xml"), "xml").find_all("loc")]
    assert "https://example.gov.vn/gioi-thieu/" in listed  # page.html of kind page: listed
    assert "https://example.gov.vn/" in listed  # list.html of the news: listed
    assert not [url for url in listed if "/noi-bo/" in url]


def test_a_file_is_of_the_kind_of_its_deepest_folder(site):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          tin:
            folder: tin
            url: /tin/{slug}/
            template: page.html
          tin-anh:
            folder: tin/anh
            url: /tin-anh/{slug}/
            template: page.html
          tin-anh-cu:
            folder: tin-anh
            match: "*/index.md"
            url: /tin-anh-cu/{slug}/
            template: page.html
        """)
    site.write("tin/a.md", article("Tin", "2024-11-01"))
    site.write("tin/anh/b.md", article("Tin ảnh", "2024-11-02"))
    site.write("tin-anh/c/index.md", article("Tin ảnh cũ", "2024-11-03"))
    site.write("tin-anh/c/ghi-chu.md", "not an item")
    assert site.build() == 0
    assert site.html("tin/a/index.html").h1.text == "Tin"
    assert site.html("tin-anh/b/index.html").h1.text == "Tin ảnh"
    assert not (site.output / "tin" / "b").exists()
    assert site.html("tin-anh-cu/c/index.html").h1.text == "Tin ảnh cũ"


def test_a_kind_list_may_not_take_the_address_of_another_page(site, capsys):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          su-kien:
            folder: su-kien
            url: /su-kien/{slug}/
            template: page.html
            list_url: /lich-cong-tac/
          tin-ngan:
            folder: tin-ngan
            url: /tin-ngan/{slug}/
            template: page.html
            list_url: tags_url
          trang-chu:
            folder: trang-chu
            url: /trang-chu/{slug}/
            template: page.html
            list_url: /
        """)
    site.write("su-kien/a.md", article("Sự kiện", "2024-11-01"))
    site.write("lich-cong-tac/tuan-1.md", article("Tuần 1", "2024-11-04"))
    assert site.build() == 1
    err = capsys.readouterr().err
    assert ("kind 'su-kien': list_url /lich-cong-tac/ is the address of the list of kind "
            "'lich-cong-tac'") in err
    assert "kind 'tin-ngan': list_url /the/ is the address of the tags_url page" in err
    assert "kind 'trang-chu': list_url / is the address of the home page" in err


def test_kind_settings_of_the_wrong_shape_are_told_in_the_settings(site, capsys):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          su-kien:
            folder: ../ngoai
            url: /su kien?/{slug}/
            template: {ten: page.html}
            options: [a]
        """)
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "site.yaml:3: kinds: kind 'su-kien': folder must be a folder inside content/" in err
    assert "kind 'su-kien': url must be a path on this site, without spaces" in err
    assert "kind 'su-kien': template must be text, not a list or mapping" in err
    assert "kind 'su-kien': options must be a mapping" in err


def test_a_field_named_like_a_built_in_key_is_told_in_the_settings(site, capsys):
    """`views:` or `issuer:` in a file would be read twice, by the built-in reader and as
    the field, each with its own type."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          views: text
          issuer: {type: integer}
          nguon: text
        """)
    site.write("2024/bai.md", article("Bài", "2024-11-01"))
    assert site.build() == 1
    err = capsys.readouterr().err
    assert ("site.yaml:3: fields: field 'views': views is a built-in front matter key; "
            "give the field another name") in err
    assert "field 'issuer': issuer is a built-in front matter key" in err
    assert "'nguon'" not in err


def test_a_yaml_null_is_a_field_left_out(site):
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          nguon: {type: text, label: Nguồn}
          so_trang: {type: integer, label: Số trang}
          ngay_bao: {type: date, label: Ngày báo}
        """)
    site.write("2024/bai.md", article("Bài", "2024-11-01", nguon="~", so_trang="null",
                                      ngay_bao="~", author="~", tags="null"))
    assert site.build() == 0
    page = site.html("2024/11/bai/index.html")
    assert page.select(".field") == []  # not "Nguồn: ~"
    assert page.select_one(".author") is None and page.select_one(".tags") is None


def test_a_declared_kind_s_lead_images_are_measured_thumbnailed_and_checked(site, capsys):
    import io

    from PIL import Image

    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          su-kien:
            folder: su-kien
            url: /su-kien/{slug}/
            template: article.html
            date: required
            list_url: /su-kien/
        """)
    picture = io.BytesIO()
    Image.new("RGB", (800, 600), "red").save(picture, "JPEG")
    site.write("anh/hoi-cho.jpg", picture.getvalue())
    site.write("su-kien/hoi-cho.md", article("Hội chợ xuân", "2024-11-22", image="/anh/hoi-cho.jpg"))
    site.write("su-kien/thieu-anh.md", article("Thiếu ảnh", "2024-11-21", image="/anh/khong-co.jpg"))
    assert site.build() == 0
    assert "thieu-anh.md:4: warning: image '/anh/khong-co.jpg' not found" in capsys.readouterr().err
    lead = site.html("su-kien/hoi-cho/index.html").select_one("figure.lead img")
    assert (lead["width"], lead["height"]) == ("800", "600")
    thumb = site.html("su-kien/index.html").select_one("main .card .thumb img")
    assert thumb["src"].startswith("/thumbs/") and thumb["width"] == "320"
    assert (site.output / thumb["src"].lstrip("/")).is_file()


def test_new_names_a_file_as_its_kind_matches_them(site, capsys):
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          tuan:
            folder: lich
            match: "tuan-*.md"
            url: /lich/{slug}/
            template: page.html
          le:
            folder: le
            match: "[0-9]*.md"
            url: /le/{slug}/
            template: page.html
        """)
    new = lambda *args: main(["new", *args, "--content", str(site.content), "--config",
                              str(site.root / "site.yaml"), "--now", "2025-01-02 08:00"])
    assert new("Lịch họp", "--kind", "tuan") == 0
    assert capsys.readouterr().out.strip() == str(site.content / "lich" / "tuan-lich-hop.md")
    assert site.build() == 0 and site.html("lich/tuan-lich-hop/index.html").h1.text == "Lịch họp"
    assert new("Ngày lễ", "--kind", "le") == 2  # no name of the title's that it takes
    assert "kind 'le' takes files matching '[0-9]*.md' in le/: name this one by hand" in (
        capsys.readouterr().err)
    assert not (site.content / "le").exists()


def test_a_field_of_another_kind_is_told_where_it_is_written(site, capsys):
    """so_trang is declared for su-kien only: written in an article, nothing reads it."""
    declared_site(site)
    path = site.write("2024/bai.md", article("Bài", "2024-11-02", so_trang=3, nguon="Báo"))
    assert site.build() == 0
    err = capsys.readouterr().err
    assert (f"{path}:4: warning: so_trang is a field of su-kien, not of article: it is not "
            "read (add article to its `kinds:` in site.yaml)") in err
    assert f"{path}:5:" not in err  # nguon is the article's too


def test_a_bad_declaration_is_told_at_its_own_line(site, capsys):
    """Each field and kind at the line of its name, not all at the first one's."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          nguon: {type: text}
          so_trang: {type: so}
          ghi_chu: {type: text, kinds: [khong-co]}
        kinds:
          su-kien:
            folder: su-kien
            url: /su-kien/{slug}/
            template: article.html
          thong-bao:
            folder: thong-bao
            url: /thong-bao/
            template: article.html
            fields: [x]
        """)
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "site.yaml:4: fields: field 'so_trang': type must be one of" in err
    assert "site.yaml:5: fields: field 'ghi_chu': no kind named 'khong-co'" in err
    assert "site.yaml:11: kinds: kind 'thong-bao': url must contain {slug}" in err
    assert "site.yaml:11: kinds: kind 'thong-bao': field 'x' is not declared" in err


def test_a_required_list_left_as_new_wrote_it_stops_the_build(site, capsys):
    """`new` writes a list as `[]`: required, it is empty until filled in, as a text is."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          don_vi: {type: list, required: true}
          bang: {type: records, required: true}
        """)
    assert main(["new", "Tin mới", "--content", str(site.content), "--config",
                 str(site.root / "site.yaml"), "--now", "2025-01-02 08:00"]) == 0
    path = site.content / "2025" / "tin-moi.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"{path}:{lines.index('don_vi: []') + 1}: don_vi is empty" in err
    assert f"{path}:{lines.index('bang: []') + 1}: bang is empty" in err
    site.write("2025/tin-moi.md", article("Tin mới", "2025-01-02", don_vi="[Xã]",
                                          bang="[{ten: a}]"))
    assert site.build() == 0


def test_a_file_with_a_problem_has_its_fields_and_citations_checked_in_the_same_run(site, capsys):
    """A file whose date is impossible had its link field and `documents:` checked only
    once the date was fixed: a second run to learn of them."""
    declared_site(site)
    site.write("su-kien/hong.md", article("Hỏng", "2024-02-30", dia_diem="X",
                                          bai_goc="2024/khong-co", documents="[99-CT/TW]"))
    assert site.build() == 1
    err = capsys.readouterr().err
    path = site.content / "su-kien" / "hong.md"
    assert f"{path}:3: impossible date" in err
    assert f"{path}:5: bai_goc: '2024/khong-co' names no article" in err
    assert (f"{path}:6: document '99-CT/TW' is not in the library (no văn bản has that "
            "number)") in err


def test_a_document_field_names_a_number_typed_without_its_diacritics(site):
    """'Its number typed any way' (README): 12/QĐ-UBND as staff type it, without the Đ,
    as search finds it; it named no văn bản, so the build stopped."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          can_cu: {type: document, label: Căn cứ}
        """)
    site.write("van-ban/qd-12.md", DOCUMENT.replace("09-CT/TW", "12/QĐ-UBND"))
    for number in ("12 qd ubnd", "12/QD-UBND", "12-qđ/ubnd"):
        site.write("2025/tb.md", article("Thông báo thu phí", "2025-03-01", can_cu=f'"{number}"'))
        assert site.build() == 0, number
        shown = site.html("2025/03/tb/index.html").select_one(".field-can_cu a")
        assert shown["href"] == "/van-ban/qd-12/"


def test_an_image_field_is_an_address_whatever_the_file_is_named(site):
    """An image field written as an address (/anh/b%C3%ACa%20%232.png, as the README asks
    for a name with spaces or '#') reached templates as the file's path, '/anh/bìa #2.png':
    cut at its '#' by a browser."""
    from urllib.parse import unquote
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          anh_bia: {type: image, label: Ảnh bìa}
        """)
    site.write("anh/bìa #2.png", b"not read: a declared image is only an address")
    site.write("2025/a.md", article("A", "2025-03-01", anh_bia='"/anh/b%C3%ACa%20%232.png"'))
    site.write("2025/b.md", article("B", "2025-03-02", anh_bia='"../anh/bìa%20%232.png"'))
    assert site.build() == 0
    for page in ("2025/03/a/index.html", "2025/03/b/index.html"):
        src = site.html(page).select_one(".field-anh_bia img")["src"]
        assert src == "/anh/b%C3%ACa%20%232.png"
        assert (site.output / unquote(src).lstrip("/")).is_file()


def test_a_labelled_records_field_is_shown_a_row_a_line(site):
    """The README says a field with a label is shown by the built-in templates; records
    were left out."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          thanh_phan: {type: records, label: Thành phần}
          ghi_chu: {type: records}
        """)
    site.write("2024/bai.md", "---\ntitle: Bài\ndate: 2024-11-01\nthanh_phan:\n"
               "  - {ten: Nguyễn Văn A, chuc_vu: Bí thư}\n  - {ten: Trần Thị B}\n"
               "ghi_chu:\n  - {x: không hiện}\n---\nNội dung.\n")
    assert site.build() == 0
    page = site.html("2024/11/bai/index.html")
    field = page.select_one(".field-thanh_phan")
    assert field.select_one(".field-label").get_text() == "Thành phần:"
    assert [li.get_text() for li in field.select("li")] == ["Nguyễn Văn A, Bí thư", "Trần Thị B"]
    assert page.select_one(".field-ghi_chu") is None


def test_a_records_column_named_line_is_told_not_lost(site, capsys):
    """Each row of a records field carries `line`, the file line it starts on, for
    messages: a column staff named `line` (a bus line, a phone line) was written over by
    it and vanished from the page without a word."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          xe: {type: records, label: Xe đưa đón}
        """)
    path = site.write("2024/bai.md", "---\ntitle: Bài\ndate: 2024-11-01\nxe:\n"
                      "  - {line: Tuyến 1, gio: '7:00'}\n---\nNội dung.\n")
    assert site.build() == 1
    assert f"{path}:5: xe: a column may not be named `line`" in capsys.readouterr().err


def test_two_kinds_of_one_folder_are_told(site, capsys):
    """A kind declared on the folder of another (the albums' folder for "ảnh hoạt động")
    took no file at all, and its list stayed empty, without a word."""
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          anh-hd:
            folder: thu-vien-anh
            match: "*/index.md"
            url: /anh-hoat-dong/{slug}/
            template: album.html
            feature: album
        """)
    assert site.build() == 1
    assert ("site.yaml:3: kinds: kind 'anh-hd': its files are those of kind 'album' (folder "
            "'thu-vien-anh', match '*/index.md'); give it a folder of its own"
            ) in capsys.readouterr().err


def test_a_labelled_field_is_shown_on_every_built_in_item_page(site):
    """A labelled field declared for văn bản, albums or the work schedule was read and
    checked, and shown nowhere: only the article and page templates showed labels."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          nguon: {type: text, label: Nguồn, kinds: [van-ban, album, lich-cong-tac]}
        """)
    site.write("van-ban/qd.md", "---\ntitle: Quyết định\nnumber: 01/QĐ\ndoc_type: Quyết định\n"
               "issuer: UBND\nissued: 01/11/2024\nnguon: Văn phòng\n---\n")
    site.write("thu-vien-anh/le/index.md", "---\ntitle: Lễ\ndate: 01/11/2024\n"
               "nguon: Báo Ninh Thuận\n---\n")
    site.write("lich-cong-tac/tuan.md", "---\ntitle: Tuần\ndate: 04/11/2024\nnguon: Văn phòng"
               " huyện\nentries:\n  - {day: 05/11/2024, content: Họp}\n---\n")
    assert site.build("--now", "2024-11-05 08:00") == 0
    for page, value in (("van-ban/qd/index.html", "Văn phòng"),
                        ("thu-vien-anh/le/index.html", "Báo Ninh Thuận"),
                        ("lich-cong-tac/tuan/index.html", "Văn phòng huyện")):
        field = site.html(page).select_one("main .field-nguon")
        assert field is not None, page
        assert field.get_text(" ", strip=True) == f"Nguồn: {value}"


def test_a_label_that_is_not_text_is_told(site, capsys):
    """`label: [Nguồn]` was shown on every article as "['Nguồn']:"."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          nguon: {type: text, label: [Nguồn]}
        """)
    assert site.build() == 1
    assert "site.yaml:3: fields: field 'nguon': label must be text, not a list or mapping" in (
        capsys.readouterr().err)


def test_an_undated_item_of_a_kind_addressed_by_its_date_is_told(site, capsys):
    """A kind of optional date whose address holds {year}/{month}: a file without a date
    was published at /thong-bao/1970/01/khong-ngay/, a year nobody wrote."""
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          thong-bao:
            folder: thong-bao
            url: /thong-bao/{year}/{month}/{slug}/
            template: page.html
            date: optional
          ghi-chu:
            folder: ghi-chu
            url: /ghi-chu/{slug}/
            template: page.html
            date: optional
        """)
    site.write("thong-bao/co-ngay.md", "---\ntitle: Có ngày\ndate: 01/11/2024\n---\nA.\n")
    path = site.write("thong-bao/khong-ngay.md", "---\ntitle: Không ngày\n---\nB.\n")
    site.write("ghi-chu/khong-ngay.md", "---\ntitle: Ghi chú\n---\nC.\n")  # needs none
    news = site.write("2024/a.md", "---\ntitle: Tin\n---\nD.\n")  # told once, as before
    assert site.build() == 1
    err = capsys.readouterr().err
    assert (f"{path}:1: missing date: add a `date:` line (the address "
            "/thong-bao/{year}/{month}/{slug}/ is made from it)") in err
    assert f"{news}:1: missing date: add a `date:` line\n" in err
    assert err.count("missing date") == 2


def test_a_markdown_file_no_kind_takes_is_told(site, capsys):
    """`match: "**/*.md"` (as globs are written elsewhere) takes no file of the kind's
    folder itself, and a note left in an album's folder is no album: both were passed
    over without a word, and the kind's list stayed empty."""
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          tin:
            folder: tin
            match: "**/*.md"
            url: /tin/{slug}/
            template: page.html
        """)
    path = site.write("tin/a.md", "---\ntitle: A\n---\nA.\n")
    site.write("tin/2024/b.md", "---\ntitle: B\n---\nB.\n")
    note = site.write("thu-vien-anh/le/ghi-chu.md", "ghi chú\n")
    assert site.build() == 0
    err = capsys.readouterr().err
    assert f"{path}:1: warning: not read: kind 'tin' takes only '**/*.md' in tin/" in err
    assert (f"{note}:1: warning: not read: kind 'album' takes only '*/index.md' in "
            "thu-vien-anh/") in err
    assert "tin/2024/b.md" not in err  # taken


def test_an_image_field_written_empty_is_left_out_or_told_empty(site, capsys):
    """`anh: ""` (an image field, quoted empty) was told "image '' not found in the content
    folder", left out as it was or required."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          anh: {type: image, label: Ảnh}
          bia: {type: image, required: true}
        """)
    path = site.write("2024/a.md", '---\ntitle: A\ndate: 01/11/2024\nanh: ""\nbia: ""\n---\nA.\n')
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"{path}:5: bia is empty" in err and "not found" not in err
    site.write("2024/a.md", '---\ntitle: A\ndate: 01/11/2024\nanh: ""\nbia: /x.jpg\n---\nA.\n')
    (site.content / "x.jpg").write_bytes(b"x")
    assert site.build() == 0
    assert site.html("2024/11/a/index.html").select_one(".field-anh") is None


def test_a_labelled_date_field_keeps_the_time_it_was_written_with(site):
    """`gio_hop: 22/11/2024 14:30` (a date field with a label) was shown "Giờ họp:
    22/11/2024": the time staff wrote was lost on the page. A date without a time is
    still shown as a day alone."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          gio_hop: {type: date, label: Giờ họp}
          han_chot: {type: date, label: Hạn chót}
        """)
    site.write("2024/bai.md", article("Bài", "2024-11-01", gio_hop="22/11/2024 14:30",
                                      han_chot="Ngày 30 tháng 11 năm 2024"))
    assert site.build() == 0
    page = site.html("2024/11/bai/index.html")
    assert page.select_one(".field-gio_hop").get_text(" ", strip=True) == (
        "Giờ họp: 22/11/2024 2:30 CH")
    assert page.select_one(".field-han_chot").get_text(" ", strip=True) == (
        "Hạn chót: 30/11/2024")


def test_a_field_left_out_shows_nothing_where_a_theme_writes_it(site):
    """The README's own advice, `{{ article.fields.nguon }}` where a theme likes, showed
    "None" on every item that leaves the field out, as Jinja writes Python's None."""
    declared_site(site)
    template = site.root / "theme" / "event.html"
    template.write_text(EVENT.replace('<p id="dia-diem">', '<p id="nguon-moi">'
                                      '{{ page.fields.nguon }}</p>\n<p id="dia-diem">'),
                        encoding="utf-8")
    assert site.build() == 0
    assert site.html("su-kien/hoi-thao/index.html").find(id="nguon-moi").text == "Báo Ninh Thuận"
    assert site.html("su-kien/khac-02/index.html").find(id="nguon-moi").text == ""


def test_a_kind_needs_its_own_template_only_the_rest_is_the_built_in_theme(site):
    """A site of site.yaml and one template, templates/event.html (as the README's worked
    example writes it): every page was an error, "template 'base.html' not found", and so
    for feed.xml, list.html, ... since a templates/ folder was a whole theme or nothing.
    A template the site's folder lacks is the built-in one now, its static/ files too; one
    it has is its own (base.html here)."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          dia_diem: {type: text, required: true, label: Địa điểm, kinds: [su-kien]}
        kinds:
          su-kien:
            folder: su-kien
            url: /su-kien/{slug}/
            template: event.html
            date: required
            list_url: /su-kien/
            title: Sự kiện
        """)
    theme = site.root / "templates"
    theme.mkdir()
    (theme / "event.html").write_text(textwrap.dedent("""\
        {% extends "base.html" %}
        {% block title %}{{ article.title }} - {{ site.title }}{% endblock %}
        {% block main %}
        <h1>{{ article.title }}</h1>
        <p id="noi">{{ article.published|day }} · {{ article.fields.dia_diem }}</p>
        {% endblock %}
        """), encoding="utf-8")
    site.write("su-kien/hoi-cho.md", article("Hội chợ xuân", "20/01/2026",
                                            dia_diem="Quảng trường huyện"))
    site.write("2026/bai.md", article("Bài viết", "2026-01-21"))
    assert site.build() == 0
    page = site.html("su-kien/hoi-cho/index.html")
    assert page.select_one("main #noi").get_text() == "20/01/2026 · Quảng trường huyện"
    assert page.title.get_text().startswith("Hội chợ xuân - ")
    assert page.select_one("header.site-header") is not None  # the built-in base.html
    assert (site.output / "static" / "site.css").is_file()
    assert [a.get_text() for a in site.html("su-kien/index.html").select("main h2 a")] == [
        "Hội chợ xuân"]
    (theme / "base.html").write_text(
        '<!doctype html><title>{% block title %}{% endblock %}</title>'
        '<main id="own">{% block main %}{% endblock %}</main>\n', encoding="utf-8")
    assert site.build() == 0
    page = site.html("su-kien/hoi-cho/index.html")
    assert page.select_one("#own #noi") is not None and page.select_one("header") is None
    assert site.html("2026/01/bai/index.html").select_one("#own h1").get_text() == "Bài viết"


def test_a_declared_field_is_none_where_its_kind_or_page_has_it_not(site):
    """A theme showing a field in base.html (the source of every page's item) or in a
    template shared by two kinds: where the field is not of the item's kind, or the page
    shows no item (the home page, a list), it is none, as a field left out is; it was a
    'dict object has no attribute' error that stopped the build."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          nguon: {type: text}
          diem: {type: list, kinds: [page]}
        """)
    theme = site.root / "templates"
    theme.mkdir()
    (theme / "base.html").write_text(
        '<!doctype html><html lang="vi"><head><title>{% block title %}{% endblock %}</title>'
        '</head><body>{% block main %}{% endblock %}'
        '<p id="nguon">{{ page.fields.nguon or "-" }}</p>'
        '<p id="diem">{{ page.fields.diem|join("|") or "-" }}</p></body></html>',
        encoding="utf-8")
    (theme / "page.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>{{ article.title }}</h1>'
        '<p id="item-nguon">{{ article.fields.nguon or "-" }}</p>{% endblock %}',
        encoding="utf-8")
    site.write("2024/bai.md", article("Bài có nguồn", "2024-11-02", nguon="Báo Ninh Thuận"))
    site.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\ndiem: [a, b]\n---\nVăn bản.\n")
    assert site.build() == 0
    shown = lambda rel, id: site.html(rel).find(id=id).text
    assert shown("2024/11/bai/index.html", "nguon") == "Báo Ninh Thuận"
    assert shown("2024/11/bai/index.html", "diem") == "-"
    assert shown("gioi-thieu/index.html", "item-nguon") == "-"
    assert shown("gioi-thieu/index.html", "diem") == "a|b"
    assert shown("index.html", "nguon") == "-"
    assert shown("index.html", "diem") == "-"


def test_a_field_label_is_in_english_on_english_pages(site):
    """Issue 15: every word of an English page's chrome is English. A labelled field showed
    its Vietnamese label ("Nguồn: Ninh Thuan newspaper") on English articles, with no
    setting to give it another; it takes `label_en:`, or its English name (`english_names:`)."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          nguon: {type: text, label: Nguồn, label_en: Source}
          so_nguoi: {type: integer, label: Số người, kinds: [article, page]}
        english_names:
          Số người: Attendance
        """)
    site.write("2024/en.md", article("Investors welcomed", "2024-11-02", lang="en",
                                     nguon="Ninh Thuan newspaper", so_nguoi=12))
    site.write("2024/vi.md", article("Đón nhà đầu tư", "2024-11-03",
                                     nguon="Báo Ninh Thuận", so_nguoi=12))
    site.write("pages/about.md", "---\ntitle: About us\nlang: en\nso_nguoi: 5000\n---\nText.\n")
    assert site.build() == 0
    labels = lambda rel: [p.get_text(" ", strip=True) for p in site.html(rel).select(".field")]
    assert labels("2024/11/en/index.html") == ["Source: Ninh Thuan newspaper", "Attendance: 12"]
    assert labels("about/index.html") == ["Attendance: 5000"]
    assert labels("2024/11/vi/index.html") == ["Nguồn: Báo Ninh Thuận", "Số người: 12"]


def test_an_integer_field_may_be_below_zero(site):
    """A declared integer is any whole number: `chenh_lech: -3` (a fall from last year) was
    'must be a whole number of 0 or more'; grouped thousands are read as before."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          chenh_lech: {type: integer, label: Chênh lệch}
        """)
    for slug, value in (("a", "-3"), ("b", "-1.500"), ("c", "1.500"), ("d", "+7")):
        site.write(f"2024/{slug}.md", article(f"Bài {slug}", "2024-11-02", chenh_lech=value))
    assert site.build() == 0
    shown = lambda slug: site.html(f"2024/11/{slug}/index.html").select_one(
        ".field-chenh_lech").get_text(" ", strip=True)
    assert [shown(s) for s in "abcd"] == [
        "Chênh lệch: -3", "Chênh lệch: -1500", "Chênh lệch: 1500", "Chênh lệch: 7"]


def test_a_second_document_kind_has_its_own_filters_and_lists(site):
    """A second kind of feature document (công văn beside văn bản): its list showed the
    filters of every văn bản of the site, led 'Tất cả' and its breadcrumb to /van-ban/,
    was headed 'Văn bản', and its type pages (/van-ban/loai/cong-van/) mixed the two
    kinds. Each document kind has its filters, below its own list, of its own items,
    paged by its own per_page."""
    site.settings("""\
        base_url: https://example.gov.vn/
        kinds:
          van-ban:
            per_page: 1
          cong-van:
            folder: cong-van
            url: /cong-van/{slug}/
            template: document.html
            date: issued
            list_url: /cong-van/
            list_template: documents.html
            title: Công văn đến
            feature: document
        """)
    for n in (1, 2):
        site.write(f"van-ban/qd-{n}.md", f"---\ntitle: Quyết định {n}\nnumber: {n}/QĐ-UBND\n"
                   f"doc_type: Quyết định\nissuer: UBND huyện\nissued: 0{n}/11/2024\n---\n")
    site.write("cong-van/cv-1.md", "---\ntitle: Về việc chuẩn bị Tết\nnumber: 120/CV-UBND\n"
               "doc_type: Công văn\nissuer: UBND tỉnh\nissued: 25/11/2024\n---\n")
    assert site.build() == 0
    own = site.html("cong-van/index.html")
    assert own.h1.text == "Công văn đến"
    filters = [(a.get_text(" ", strip=True), a["href"]) for a in own.select(".doc-filter a")]
    assert filters == [("Tất cả", "/cong-van/"), ("Công văn (1)", "/cong-van/loai/cong-van/"),
                       ("UBND tỉnh (1)", "/cong-van/co-quan/ubnd-tinh/"),
                       ("2024 (1)", "/cong-van/nam/2024/")]
    assert own.select_one(".breadcrumbs").get_text(" ", strip=True) == "Trang chủ › Công văn đến"
    typed = site.html("cong-van/loai/cong-van/index.html")
    assert [a.text for a in typed.select(".doc-number a")] == ["120/CV-UBND"]
    assert typed.select_one(".breadcrumbs a:nth-of-type(2)")["href"] == "/cong-van/"
    item = site.html("cong-van/cv-1/index.html").select_one(".breadcrumbs")
    assert [a["href"] for a in item.find_all("a")] == ["/", "/cong-van/"]
    # the built-in library keeps its addresses, its own documents, and its page size
    library = site.html("van-ban/index.html")
    assert [a["href"] for a in library.select(".doc-filter a")] == [
        "/van-ban/", "/van-ban/loai/quyet-dinh/", "/van-ban/co-quan/ubnd-huyen/",
        "/van-ban/nam/2024/"]
    assert (site.output / "van-ban/loai/quyet-dinh/page/2/index.html").is_file()
    assert not (site.output / "van-ban/loai/cong-van").exists()


def test_a_labelled_date_field_of_an_english_page_tells_the_time_in_english(site):
    """Issue 15 names "SA/CH" among the Vietnamese words left on English pages. A labelled
    date field of an English article said "Meeting: 16/03/2024 2:30 CH" where its
    sidebar says "PM"."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          gio_hop: {type: date, label: Giờ họp, label_en: Meeting}
        """)
    site.write("2024/en.md", article("Delegation received", "2024-03-15 09:00", lang="en",
                                     gio_hop="16/03/2024 14:30"))
    site.write("2024/vi.md", article("Tiếp đoàn", "2024-03-14 09:00", gio_hop="16/03/2024 0:05"))
    assert site.build() == 0
    shown = lambda rel: site.html(rel).select_one(".field-gio_hop").get_text(" ", strip=True)
    assert shown("2024/03/en/index.html") == "Meeting: 16/03/2024 2:30 PM"
    assert shown("2024/03/vi/index.html") == "Giờ họp: 16/03/2024 12:05 SA"


def test_a_link_field_to_an_item_of_another_language_is_marked_so(site, capsys):
    """A labelled article or văn bản field of an English item naming a Vietnamese article
    ("Original: Hội nghị xúc tiến đầu tư") showed that title as English text, and
    `check --portal` told staff to translate it; one of a Vietnamese article naming an
    English văn bản, as Vietnamese. The link is marked with the language of what it names,
    as "Tin liên quan" is."""
    site.settings("""\
        base_url: https://example.gov.vn/
        fields:
          goc: {type: article, label: Bài gốc, label_en: Original, kinds: [article, page]}
          can_cu: {type: document, label: Căn cứ, label_en: Under}
        """)
    site.write("van-ban/plan.md", "---\ntitle: Investment plan\nnumber: 12/KH-UBND\n"
               "doc_type: Plan\nissuer: People's Committee\nissued: 2024-11-02\nlang: en\n---\n")
    site.write("2024/vi.md", article("Hội nghị xúc tiến đầu tư", "2024-11-05", can_cu="12/KH-UBND"))
    site.write("2024/en.md", article("Investment conference", "2024-11-06", lang="en", goc="2024/vi",
                                     can_cu="12/KH-UBND"))
    assert site.build() == 0
    marks = lambda rel: [a.get("lang") for a in site.html(rel).select(".field a")]
    assert marks("2024/11/vi/index.html") == ["en"]
    assert marks("2024/11/en/index.html") == ["vi", None]
    capsys.readouterr()
    main(["check", "--portal", "--content", str(site.content),
          "--config", str(site.root / "site.yaml")])
    assert "Hội nghị xúc tiến đầu tư" not in capsys.readouterr().out
