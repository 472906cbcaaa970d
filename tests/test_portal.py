"""The portal beyond news: pages, the văn bản library, English, agency links, view counts
from access logs, and the Decree 42 self-check."""

import gzip
import json

import pytest

from conftest import article
from site_gen.commands.cli import main
from site_gen.stages.search import query_index


def document(title, number, doc_type="Chỉ thị", issuer="Ban Bí thư", issued="2022-01-18",
             files="[van-ban.pdf]", **more):
    lines = [f'title: "{title}"', f'number: "{number}"', f"doc_type: {doc_type}",
             f"issuer: {issuer}", "signer: Võ Văn Thưởng", f"issued: {issued}", f"files: {files}"]
    lines += [f"{k}: {v}" for k, v in more.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\nNội dung văn bản.\n"


@pytest.fixture
def portal(site):
    site.settings("""\
        base_url: https://example.gov.vn/
        links:
          - title: Cổng thông tin tỉnh
            url: https://tinh.gov.vn/
        organization:
          name: Huyện ủy Thử
          name_en: Thu District Party Committee
          governing_body: Tỉnh ủy Thử
          governing_body_en: Thu Provincial Party Committee
          address: Khu phố 1, thị trấn Thử
          address_en: Quarter 1, Thu Town
          phone: 0259 3000 100
          fax: 0259 3000 101
          email: vp@thu.gov.vn
          responsible: Ông Nguyễn Văn An
          responsible_en: Mr Nguyen Van An
          licence: Giấy phép số 1/GP-TTĐT
          licence_en: Licence No. 1/GP-TTĐT
          map: https://maps.example.vn/thu
        english_names:
          Tuyên giáo: Propaganda
          Giới thiệu: About
          Liên hệ: Contact
          Cổng thông tin tỉnh: Province portal
        """)
    site.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\nmenu: 2\n---\n\nVề Đảng bộ.\n")
    site.write("pages/lien-he.md", "---\ntitle: Liên hệ\nmenu: 1\n---\n\nĐiện thoại.\n")
    site.write("trang/about.md", "---\ntitle: About us\nkind: page\nlang: en\n---\n\n"
                              "Phone +84 259 3873 100, email vp@ninhhai.gov.vn\n")
    site.write("van-ban/2022/09.md", document("Về công tác dân quân tự vệ", "09-CT/TW"))
    site.write("van-ban/2022/van-ban.pdf", b"%PDF-1.4 " + b"x" * 3000)
    site.write("van-ban/2021/973.md", document("Quy chế báo cáo viên", "973-QĐ/BTGTW",
                                              doc_type="Quyết định", issuer="Ban Tuyên giáo Trung ương",
                                              issued="15/12/2021", files="[qd.pdf]"))
    site.write("van-ban/2021/qd.pdf", b"%PDF-1.4 tiny")
    site.write("bai.md", article("Học tập Chỉ thị 09", "2022-02-21", category="Tuyên giáo",
                                 documents="[09-CT/TW]"))
    return site


def test_pages_are_in_the_menu_and_sitemap_but_in_no_list(portal):
    assert portal.build() == 0
    page = portal.html("gioi-thieu/index.html")
    assert page.h1.get_text() == "Giới thiệu"
    menu = [a.get_text() for a in page.select("nav.menu a")]
    assert menu[-3:] == ["Liên hệ", "Giới thiệu", "Văn bản"]
    for rel in ("index.html", "luu-tru/index.html", "chuyen-muc/tuyen-giao/index.html"):
        main_and_sidebar = portal.html(rel).select("main, aside")
        assert all("Giới thiệu" not in part.get_text() for part in main_and_sidebar), rel
    assert "Giới thiệu" not in portal.text("feed.xml")
    assert "https://example.gov.vn/gioi-thieu/" in portal.text("sitemap.xml")


def test_document_page_has_metadata_files_and_citing_articles(portal):
    assert portal.build() == 0
    page = portal.html("van-ban/09/index.html")
    rows = {tr.th.get_text(): tr.td.get_text() for tr in page.select("table.doc-meta tr")}
    assert rows["Số ký hiệu"] == "09-CT/TW" and rows["Cơ quan ban hành"] == "Ban Bí thư"
    assert rows["Ngày ban hành"] == "18/01/2022" and rows["Người ký"] == "Võ Văn Thưởng"
    link = page.select_one(".attachments a")
    assert link["href"] == "/van-ban/2022/van-ban.pdf"
    assert page.select_one(".attachments .meta").get_text() == "(PDF, 2.9 KB)"
    assert (portal.output / "van-ban/2022/van-ban.pdf").is_file()
    assert [a.get_text() for a in page.select(".doc-cited a")] == ["Học tập Chỉ thị 09"]
    box = portal.html("2022/02/bai/index.html").select_one("#van-ban-lien-quan")
    assert box.a["href"] == "/van-ban/09/"


def test_library_lists_newest_first_by_type_issuer_and_year(portal):
    assert portal.build() == 0
    numbers = lambda rel: [a.get_text() for a in portal.html(rel).select(".doc-list td:first-child a")]
    assert numbers("van-ban/index.html") == ["09-CT/TW", "973-QĐ/BTGTW"]
    assert numbers("van-ban/loai/quyet-dinh/index.html") == ["973-QĐ/BTGTW"]
    assert numbers("van-ban/co-quan/ban-bi-thu/index.html") == ["09-CT/TW"]
    assert numbers("van-ban/nam/2021/index.html") == ["973-QĐ/BTGTW"]
    groups = portal.html("van-ban/loai/chi-thi/index.html").select(".doc-filter-group")
    assert [a["href"] for a in groups[0].select("a")] == ["/van-ban/loai/chi-thi/", "/van-ban/loai/quyet-dinh/"]
    assert [a["href"] for a in groups[0].select("a[aria-current]")] == ["/van-ban/loai/chi-thi/"]


@pytest.mark.parametrize("query", ["09-CT/TW", "09 CT TW", "973-QĐ/BTGTW", "973 qd btgtw"])
def test_documents_are_found_by_number_as_typed(portal, query):
    assert portal.build() == 0
    folder = portal.output / "tim-kiem"
    docs = json.loads((folder / "d/0.json").read_text(encoding="utf-8"))
    first = docs[query_index(folder, query)[0]]
    assert first[1] == ("/van-ban/09/" if query.startswith("09") else "/van-ban/973/")


def test_library_errors_name_file_and_line(portal, capsys):
    portal.write("van-ban/x.md", document("Thiếu tệp", "01-CT/TW", files="[khong-co.pdf]"))
    portal.write("van-ban/y.md", document("Trùng số", "09-ct/tw", issued="2022-13-01"))
    portal.write("van-ban/z.md", document("Trùng số", "09-CT/TW", files="[2022/van-ban.pdf]"))
    portal.write("bai2.md", article("Bài", "2022-02-22", documents="[99-CT/TW]"))
    assert portal.build() == 1
    err = capsys.readouterr().err
    c = portal.content
    assert f"{c}/van-ban/x.md:8: attached file 'khong-co.pdf' not found" in err
    assert f"{c}/van-ban/y.md:7: impossible date" in err
    assert f"{c}/van-ban/z.md:3: number '09-CT/TW' of 'Ban Bí thư' is also used by {c}/van-ban/2022/09.md" in err
    assert f"{c}/bai2.md:4: document '99-CT/TW' is not in the library" in err


def test_english_pages_have_english_words_and_a_home(portal):
    assert portal.build() == 0
    about = portal.html("about/index.html")
    assert about.html["lang"] == "en"
    assert about.select_one("nav.menu a").get_text() == "Home"
    assert about.select_one(".lang-link").get_text() == "Tiếng Việt"
    assert portal.html("index.html").select_one(".lang-link")["href"] == "/en/"
    english_home = portal.html("en/index.html")
    assert english_home.html["lang"] == "en"
    assert [a.get_text() for a in english_home.select("main .cards a")] == ["About us"]


def test_agency_links_on_every_page(portal):
    assert portal.build() == 0
    for rel in ("index.html", "2022/02/bai/index.html", "van-ban/index.html", "gioi-thieu/index.html"):
        links = portal.html(rel).select("#lien-ket a")
        assert [(a.get_text(), a["href"]) for a in links] == [("Cổng thông tin tỉnh", "https://tinh.gov.vn/")]


LOG = [
    '1.1.1.1 - - [22/Nov/2024:08:00:00 +0700] "GET /2022/02/bai/ HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
    '1.1.1.1 - - [22/Nov/2024:08:10:00 +0700] "GET /2022/02/bai/ HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
    '1.1.1.1 - - [22/Nov/2024:08:45:00 +0700] "GET /2022/02/bai/?utm=x HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
    '2.2.2.2 - - [22/Nov/2024:08:01:00 +0700] "GET /cu/bai.html HTTP/1.1" 200 512 "-" "Mozilla/5.0 (Android)"',
    '3.3.3.3 - - [22/Nov/2024:08:02:00 +0700] "GET /2022/02/bai/ HTTP/1.1" 200 512 "-" "Googlebot/2.1"',
    '4.4.4.4 - - [22/Nov/2024:08:03:00 +0700] "HEAD /2022/02/bai/ HTTP/1.1" 200 0 "-" "Mozilla/5.0"',
    '5.5.5.5 - - [22/Nov/2024:08:04:00 +0700] "GET /2022/02/bai/ HTTP/1.1" 404 0 "-" "Mozilla/5.0"',
    '6.6.6.6 - - [22/Nov/2024:08:05:00 +0700] "GET /static/site.css HTTP/1.1" 200 10 "-" "Mozilla/5.0"',
    'this is not a log line',
]
ROTATED = ['7.7.7.7 - - [21/Nov/2024:09:00:00 +0700] "GET /2022/02/bai/index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"']


def test_views_from_access_logs_with_rotation_and_gzip(portal, tmp_path, capsys):
    portal.write("bai.md", article("Học tập Chỉ thị 09", "2022-02-21", views="10",
                                   aliases="[/cu/bai.html]"))
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "access.log").write_text("\n".join(LOG) + "\n")
    with gzip.open(logs / "access.log.2.gz", "wt") as handle:
        handle.write("\n".join(ROTATED) + "\n")
    args = ["views", str(logs / "access.log"), str(logs / "access.log.2.gz"),
            "--content", str(portal.content), "--config", str(portal.root / "site.yaml")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "1 malformed" in out and "1 bot" in out and "1 not GET" in out and "1 not 200" in out
    csv = (portal.root / "data/views.csv").read_text()
    assert csv == "url,views\n/2022/02/bai/,4\n"  # 08:00, 08:45, the old address, the rotated log
    assert main(args) == 0  # the same logs again, after rotation: nothing counted twice
    assert (portal.root / "data/views.csv").read_text() == csv
    assert portal.build() == 0
    assert portal.html("2022/02/bai/index.html").select_one(".views").get_text() == "Lượt xem: 14"


def test_portal_self_check(portal, site, capsys):
    code = main(["check", "--portal", "--content", str(portal.content),
                 "--config", str(portal.root / "site.yaml")])
    assert code == 0, capsys.readouterr()
    portal.write("van-ban/2022/09.md", document("Về công tác dân quân tự vệ", "09-CT/TW", files="[]"))
    (portal.content / "trang/about.md").unlink()
    (portal.root / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    code = main(["check", "--portal", "--content", str(portal.content),
                 "--config", str(portal.root / "site.yaml")])
    out = capsys.readouterr().out
    assert code == 1
    assert "portal: English: add a page with `lang: en`" in out
    assert "portal: links to other agencies: add `links:`" in out
    assert f"portal: documents: {portal.content}/van-ban/2022/09.md lacks files" in out


def test_body_edits_of_documents_pages_and_articles_equal_a_clean_build(portal, capsys):
    """A paragraph added to a văn bản, a page or an article changes nothing but bodies: the
    rebuild renders again the pages whose templates read them and must still write what a
    clean build writes."""
    def tree(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    cache = str(portal.root / "cache")
    assert portal.build("--cache", cache) == 0
    for rel in ("van-ban/2022/09.md", "pages/lien-he.md", "bai.md"):
        path = portal.content / rel
        path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn thêm vào.\n", encoding="utf-8")
        capsys.readouterr()
        assert portal.build("--cache", cache, "--verbose") == 0
        rebuilt = [line for line in capsys.readouterr().out.splitlines()
                   if line.startswith("rendered ")]
        page = {"van-ban/2022/09.md": "/van-ban/09/", "pages/lien-he.md": "/lien-he/",
                "bai.md": "/2022/02/bai/"}[rel]
        assert f"rendered {page}: what its templates read changed" in rebuilt, rebuilt
        clean = portal.root / "clean"
        assert portal.build("--output", str(clean), "--no-cache") == 0  # the last --output wins
        assert tree(portal.output) == tree(clean), rel
        assert "Đoạn thêm vào." in "".join(
            text.decode("utf-8", "replace") for text in tree(clean).values())


def test_attachments_named_with_spaces_hashes_and_question_marks_are_linked_by_address(site):
    """An attachment was linked by its file name as it is: 'QĐ 12#2025.pdf' ended at its '#'
    in a browser and 'phu-luc?v=2.docx' at its '?' (each a 404), as album photos and
    thumbnails did before they were linked by their addresses."""
    from urllib.parse import unquote
    site.write("van-ban/QĐ số 12#2025 (bản ký).pdf", b"%PDF-1.4\n")
    site.write("van-ban/phu-luc?v=2.docx", b"x")
    site.write("van-ban/qd12.md", "---\ntitle: Quyết định 12\nnumber: 12/QĐ-UBND\n"
               "doc_type: Quyết định\nissuer: UBND xã\nsigner: A\nissued: 2025-01-02\n"
               'files: ["QĐ số 12#2025 (bản ký).pdf", "phu-luc?v=2.docx"]\n---\n')
    assert site.build() == 0
    hrefs = [a["href"] for a in site.html("van-ban/qd12/index.html").select("a[download]")]
    assert hrefs == ["/van-ban/Q%C4%90%20s%E1%BB%91%2012%232025%20%28b%E1%BA%A3n%20k%C3%BD%29.pdf",
                     "/van-ban/phu-luc%3Fv%3D2.docx"]
    for href in hrefs:  # each names the copy published
        assert (site.output / unquote(href).lstrip("/")).is_file()


def test_reads_counted_at_an_address_the_article_left_stay_its_own(site):
    """views counted reads at the article's address of the day; the file renamed (a typo in
    its name) and the old address kept as an alias, as the README asks, those counts were
    dropped without a word: 'Lượt xem' fell back to the front matter's."""
    site.write("2024/hoi-nghi-so-ket.md", article(
        "Hội nghị sơ kết", "2024-11-22", views="5",
        aliases="[/2024/11/hoi-ngi-so-ket/, /tin-tuc/hoi-nghi-123.html]"))
    data = site.root / "data"
    data.mkdir()
    (data / "views.csv").write_text("url,views\n/2024/11/hoi-ngi-so-ket/,40\n"
                                    "/2024/11/hoi-nghi-so-ket/,3\n/tin-tuc/hoi-nghi-123.html,2\n")
    assert site.build() == 0
    page = site.html("2024/11/hoi-nghi-so-ket/index.html")
    assert page.select_one(".views").get_text() == "Lượt xem: 50"


def test_views_reads_apache_vhost_combined_logs(portal, tmp_path, capsys):
    """Apache's vhost_combined (Debian's other_vhosts_access.log) starts each line with
    `host:port`: every line was 'malformed' and no read was counted."""
    portal.write("bai.md", article("Học tập Chỉ thị 09", "2022-02-21"))
    log = tmp_path / "other_vhosts_access.log"
    log.write_text(
        'example.gov.vn:443 1.1.1.1 - - [22/Nov/2024:08:00:00 +0700] "GET /2022/02/bai/ '
        'HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n'
        'example.gov.vn:80 2001:ee0:4f0::1 - - [22/Nov/2024:08:01:00 +0700] "GET '
        '/2022/02/bai/ HTTP/1.1" 200 512 "https://facebook.com/" "Mozilla/5.0 (Android)"\n'
        'example.gov.vn:443 3.3.3.3 - - [22/Nov/2024:08:02:00 +0700] "GET /2022/02/bai/ '
        'HTTP/1.1" 200 512 "-" "Googlebot/2.1"\n'
        'example.gov.vn 4.4.4.4 - - [22/Nov/2024:08:03:00 +0700] "GET /2022/02/bai/ '
        'HTTP/1.1" 200 512\n')  # vhost_common-like: the host without its port, no agent
    assert main(["views", str(log), "--content", str(portal.content),
                 "--config", str(portal.root / "site.yaml")]) == 0
    assert "1 bot, 3 counted;" in capsys.readouterr().out
    assert (portal.root / "data/views.csv").read_text() == "url,views\n/2022/02/bai/,3\n"


def test_a_document_without_an_effective_date_has_no_empty_row(site):
    """`effective` is optional, but the table always had its row: 'Ngày hiệu lực' over an
    empty cell, which looks unfinished."""
    site.write("van-ban/qd.md", document("Quy chế làm việc", "05/QĐ-UBND", doc_type="Quyết định",
                                         issuer="UBND xã", files="[]"))
    site.write("van-ban/kh.md", document("Kế hoạch năm", "06/KH-UBND", doc_type="Kế hoạch",
                                         issuer="UBND xã", files="[]", effective="2022-02-01"))
    assert site.build() == 0
    rows = lambda rel: [th.get_text() for th in site.html(rel).select(".doc-meta th")]
    assert "Ngày hiệu lực" not in rows("van-ban/qd/index.html")
    assert rows("van-ban/kh/index.html")[-1] == "Ngày hiệu lực"
    assert site.html("van-ban/kh/index.html").select(".doc-meta td")[-1].get_text() == "01/02/2022"
