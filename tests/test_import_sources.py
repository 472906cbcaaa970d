"""Import of pages as offices really keep them besides a mirror: a page saved as one file
(.mht/.mhtml, "Save as single file" in Internet Explorer, Edge, Chrome), and a page saved
from the Wayback Machine when the old portal is gone."""

import base64
import quopri
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from test_import import front
from test_import_layouts import LAYOUTS_DIR, run_import

sys.path.insert(0, str(LAYOUTS_DIR))
from common import cp1258  # noqa: E402

HOST = "huyenuy.ninhhai.example.vn"
TITLE = "Huyện ủy Ninh Hải: hội nghị sơ kết 03 năm thực hiện phong trào thi đua “Dân vận khéo”"
OTHER = "Huyện ủy Ninh Hải: thăm tặng quà nhân dịp lễ giáng sinh năm 2024"
PARAGRAPHS = (
    "Sáng ngày 21/11, huyện ủy Ninh Hải tổ chức hội nghị sơ kết 03 năm thực hiện phong trào thi đua "
    "“Dân vận khéo” giai đoạn 2022-2025.",
    "Thời gian qua, công tác vận động quần chúng có chuyển biến tích cực, từ nhận thức, ý thức trách "
    "nhiệm đến hành động của cả hệ thống chính trị từ huyện đến cơ sở.",
    "Nhân dịp này, huyện ủy tiến hành khen thưởng 03 tập thể và 05 cá nhân đạt thành tích xuất sắc "
    "trong 03 năm thực hiện phong trào Dân vận khéo giai đoạn 2022 - 2025.",
)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d4944415478da63f8cfc0f01f0005000201a7d5ce6c0000000049454e44ae426082")
PDF = b"%PDF-1.4\n% ke hoach 91\n"


def article(title=TITLE, picture="/uploads/2024/11/hoi-nghi.png", related="/tin-tuc/tham-tang-qua.html",
            attached="/uploads/2024/11/ke-hoach-91.pdf", head="", extra=""):
    """An article page of the portal: title, "Đăng ngày", "Lượt xem", paragraphs, a
    picture, an attached file and the "Tin liên quan" list."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} - Huyện ủy Ninh Hải</title>'
            f'{head}</head><body><div class="header"><a href="/">Trang chủ</a> | <a href="/tin-tuc/">Tin tức</a></div>'
            f'<div class="news-detail"><h1 class="title">{title}</h1>'
            '<div class="info">Đăng ngày 22 - 11 - 2024<br>Lượt xem: 52</div>'
            f'<div class="content">{text[:-4]} {extra}</p>'
            f'<p style="text-align:center"><img src="{picture}" alt="Quang cảnh hội nghị" width="600"></p>'
            f'<p>Xem <a href="{attached}">Kế hoạch số 91-KH/HU</a>.</p></div>'
            f'<div class="related"><h3>Tin liên quan</h3><ul><li><a href="{related}">{OTHER}</a>'
            '(20/12/2024 9:12 SA)</li></ul></div></div>'
            '<div class="footer">59 người đang online</div></body></html>')


# Single files: what the browsers on the office PCs write ----------------------------------

def mhtml(parts, header="From: <Saved by Blink>\r\nSnapshot-Content-Location: "
                        f"https://{HOST}/tin-tuc/so-ket.html\r\n", boundary="----MultipartBoundary--x7Yq----"):
    """A multipart/related message of (headers, encoded body) parts."""
    lines = [header + "Subject: =?utf-8?Q?Huy=E1=BB=87n?=\r\nMIME-Version: 1.0\r\n"
             f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n']
    for headers, body in parts:
        lines.append(f"--{boundary}\r\n{headers}\r\n\r\n{body}\r\n")
    return ("".join(lines) + f"--{boundary}--\r\n").encode("ascii")


def html_part(html: str, charset="", location=f"https://{HOST}/tin-tuc/so-ket.html", encoding="utf-8"):
    data = cp1258(html) if encoding == "windows-1258" else html.encode(encoding)
    declared = f';\r\n\tcharset="{charset}"' if charset else ""
    return (f"Content-Type: text/html{declared}\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: {location}", quopri.encodestring(data).decode("ascii"))


def file_part(data: bytes, location: str, kind="image/png"):
    encoded = base64.encodebytes(data).decode("ascii")
    return f"Content-Type: {kind}\r\nContent-Transfer-Encoding: base64\r\nContent-Location: {location}", encoded


def saved(tmp_path, name, data: bytes):
    folder = tmp_path / "saved"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return folder


def the_article(site):
    [path] = site.content.rglob("*.md")
    return (path, *front(path))


def test_a_page_saved_as_one_file_by_chrome_is_read_with_its_picture_and_file(site, tmp_path):
    data = mhtml([html_part(article()),
                  file_part(PNG, f"https://{HOST}/uploads/2024/11/hoi-nghi.png"),
                  file_part(PDF, f"https://{HOST}/uploads/2024/11/ke-hoach-91.pdf", "application/pdf")])
    code, report = run_import(site, saved(tmp_path, "Huyện ủy Ninh Hải sơ kết.mhtml", data))
    assert code == 0 and "1 articles written" in report and "0 missing" in report, report
    path, fields, text = the_article(site)
    assert fields["title"] == TITLE and str(fields["date"]).startswith("2024-11-22") and fields["views"] == 52
    assert fields["aliases"] == ["/tin-tuc/so-ket.html"]
    assert fields["related"] == [{"title": OTHER, "url": f"https://{HOST}/tin-tuc/tham-tang-qua.html"}]
    assert all(p in text for p in PARAGRAPHS) and "Tin liên quan" not in text and "online" not in text
    folder = path.relative_to(site.content).with_suffix("").as_posix()
    assert f"![Quang cảnh hội nghị](/{folder}/hoi-nghi.png)" in text
    assert f"[Kế hoạch số 91-KH/HU](/{folder}/ke-hoach-91.pdf)" in text
    assert (path.with_suffix("") / "hoi-nghi.png").read_bytes() == PNG
    assert (path.with_suffix("") / "ke-hoach-91.pdf").read_bytes() == PDF


def test_a_page_saved_as_one_file_by_internet_explorer_in_windows_1258(site, tmp_path):
    header = "From: <Saved by Windows Internet Explorer 11>\r\nX-MimeOLE: Produced By Microsoft MimeOLE\r\n"
    data = mhtml([html_part(article().replace('<meta charset="utf-8">', ""), charset="windows-1258",
                            encoding="windows-1258"),
                  file_part(PNG, f"https://{HOST}/uploads/2024/11/hoi-nghi.png")],
                 header=header, boundary="----=_NextPart_000_0000_01DB3C8A.5F8E2B40")
    code, report = run_import(site, saved(tmp_path, "so-ket.mht", data))
    assert code == 0 and "1 articles written" in report, report
    path, fields, text = the_article(site)
    assert fields["title"] == TITLE and fields["views"] == 52 and PARAGRAPHS[1] in text
    assert (path.with_suffix("") / "hoi-nghi.png").read_bytes() == PNG


def test_a_single_file_page_with_a_bad_picture_keeps_its_text(site, tmp_path):
    broken = ("Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
              f"Content-Location: https://{HOST}/uploads/2024/11/hoi-nghi.png", "iVBORw0K!!!*** not base64 ***=a")
    code, report = run_import(site, saved(tmp_path, "so-ket.mht", mhtml([html_part(article()), broken])))
    assert code == 0 and "1 articles written" in report and "Traceback" not in report
    assert "missing: " in report and "hoi-nghi.png" in report
    path, fields, _ = the_article(site)
    assert fields["title"] == TITLE and not (path.with_suffix("") / "hoi-nghi.png").exists()


def nested(depth):
    inner = html_part(article())
    for n in range(depth):
        boundary = f"b{n}"
        body = f"--{boundary}\r\n{inner[0]}\r\n\r\n{inner[1]}\r\n--{boundary}--"
        inner = (f'Content-Type: multipart/related; boundary="{boundary}"', body)
    return mhtml([inner])


@pytest.mark.parametrize("name, data, why", [
    ("nhieu-phan.mht", mhtml([html_part(article())] + [file_part(b"x", f"https://{HOST}/a/{n}.png")
                                                       for n in range(3000)]), "too many parts"),
    ("long-nhau.mht", nested(300), "parts nested too deep"),
    ("khong-phai.mht", "Chỉ là một tệp văn bản, không phải trang đã lưu.".encode("utf-8"), "no web page in it"),
    ("chi-co-anh.mht", mhtml([file_part(PNG, f"https://{HOST}/a.png")]), "no web page in it"),
])
def test_hostile_single_files_are_one_line_each_and_the_rest_is_imported(site, tmp_path, name, data, why):
    folder = saved(tmp_path, name, data)
    saved(tmp_path, "tot.mhtml", mhtml([html_part(article())]))
    code, report = run_import(site, folder)
    assert code == 0 and "1 articles written" in report and "Traceback" not in report
    assert [line for line in report.splitlines() if name in line] == [
        f"skipped: {folder / name} (cannot read: {why})"]


def test_a_single_file_larger_than_any_saved_page_is_not_read(site, tmp_path):
    folder = saved(tmp_path, "lon.mht", b"")
    with open(folder / "lon.mht", "r+b") as f:
        f.truncate(512 * 1024 * 1024)  # sparse: costs no disk
    code, report = run_import(site, folder)
    assert code == 0 and f"skipped: {folder / 'lon.mht'} (not an article: larger than any saved article)" in report


def test_parts_are_never_written_outside_where_they_are_unpacked(site, tmp_path):
    name = f"thoat-{uuid.uuid4().hex}.png"
    escape = f"https://{HOST}/{'../' * 12}{tempfile.gettempdir().strip('/')}/{name}"
    data = mhtml([html_part(article(picture=escape)), file_part(PNG, escape),
                  file_part(PNG, f"file:///{tempfile.gettempdir().strip('/')}/{name}")])
    code, report = run_import(site, saved(tmp_path, "so-ket.mht", data))
    assert code == 0 and "1 articles written" in report
    assert not (Path(tempfile.gettempdir()) / name).exists()


# The Wayback Machine: the toolbar, and every address under web.archive.org ----------------

TOOLBAR = f"""<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<script>__wm.rw(0);</script>
<div id="wm-ipp-base" lang="en" style="display:none;direction:ltr;"><div id="wm-ipp" style="position:fixed;left:0;top:0;right:0;">
<div id="wm-ipp-inside"><div id="wm-logo"><a href="/web/" title="Wayback Machine home page">
<img src="/_static/images/toolbar/wayback-toolbar-logo-200.png" alt="Wayback Machine"></a></div>
<form target="_top" method="get" action="/web/submit"><input type="text" name="url" value="https://{HOST}/tin-tuc/so-ket.html"></form>
<div id="wm-nav-captures"><a class="t" href="/web/20201212093000*/https://{HOST}/tin-tuc/so-ket.html">148 captures</a>
<div class="r">22 Nov 2024 - 12 Dec 2024</div></div>
<table><tr><td class="b">NOV</td><td class="c">DEC</td><td class="f">JAN</td></tr><tr><td>22</td></tr>
<tr><td>2023</td><td>2024</td><td>2025</td></tr></table>
<div id="wm-capinfo"><div class="wm-title">About this capture</div>COLLECTED BY Organization: Internet Archive
<p>TIMESTAMPS</p></div></div></div></div>
<!-- END WAYBACK TOOLBAR INSERT -->"""
HEAD_INSERT = ('<script src="//archive.org/includes/athena.js" type="text/javascript"></script>'
               '<script type="text/javascript" src="/_static/js/bundle-playback.js?v=1WaXNDFE"></script>'
               '<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=S1zqJCYt">'
               "<!-- End Wayback Rewrite JS Include -->")
STAMP = "https://web.archive.org/web/20241212093000"


def from_wayback(html: str) -> str:
    """The page as the Wayback Machine serves it: its insert in the head, the toolbar at the
    top of the body, its notes at the end."""
    html = html.replace("<head>", f"<head>{HEAD_INSERT}", 1).replace("<body>", f"<body>{TOOLBAR}", 1)
    return html + ("<!--\n     FILE ARCHIVED ON 09:30:00 Dec 12, 2024 AND RETRIEVED FROM THE\n"
                   "     INTERNET ARCHIVE ON 02:11:45 Mar 03, 2025.\n-->\n<!--\nplayback timings (ms):\n"
                   "  captures_list: 0.6\n-->")


def test_a_page_saved_from_the_wayback_machine_reads_as_the_original(site, tmp_path):
    host = tmp_path / "saved" / HOST
    (host / "tin-tuc").mkdir(parents=True)
    (host / "uploads/2024/11").mkdir(parents=True)
    (host / "uploads/2024/11/hoi-nghi.png").write_bytes(PNG)
    (host / "uploads/2024/11/ke-hoach-91.pdf").write_bytes(PDF)
    first = article(picture=f"/web/20241212093000im_/http://{HOST}:80/uploads/2024/11/hoi-nghi.png",
                    attached=f"{STAMP}/https://{HOST}/uploads/2024/11/ke-hoach-91.pdf",
                    related=f"/web/20241212093000/https://{HOST}/tin-tuc/tham-tang-qua.html",
                    head=f'<link rel="canonical" href="{STAMP}/https://{HOST}/tin-tuc/so-ket.html">',
                    extra=f'(<a href="{STAMP}/http://chinhphu.vn/">Cổng Chính phủ</a>, '
                          f'<a href="//web.archive.org/web/20241212093000/http://{HOST}:80/tin-tuc/tham-tang-qua.html">'
                          "tin trước</a>)")
    second = article(title=OTHER, related=f"{STAMP}/https://{HOST}/tin-tuc/so-ket.html").replace(
        "22 - 11 - 2024", "20 - 12 - 2024").replace(f">{OTHER}</a>", f">{TITLE}</a>")
    (host / "tin-tuc/so-ket.html").write_text(from_wayback(first), encoding="utf-8")
    (host / "tin-tuc/tham-tang-qua.html").write_text(from_wayback(second), encoding="utf-8")
    code, report = run_import(site, tmp_path / "saved")
    assert code == 0 and "2 articles written" in report and "0 missing" in report, report
    [path] = [p for p in site.content.rglob("*.md") if "so-ket" in p.name]
    [other] = [p for p in site.content.rglob("*.md") if p != path]
    fields, text = front(path)
    assert fields["title"] == TITLE and fields["views"] == 52 and str(fields["date"]).startswith("2024-11-22")
    assert fields["aliases"] == ["/tin-tuc/so-ket.html"]
    assert fields["related"] == [other.relative_to(site.content).with_suffix("").as_posix()]
    assert f"[tin trước](/{other.relative_to(site.content).as_posix()})" in text
    assert "[Cổng Chính phủ](http://chinhphu.vn/)" in text
    folder = path.relative_to(site.content).with_suffix("").as_posix()
    assert f"![Quang cảnh hội nghị](/{folder}/hoi-nghi.png)" in text
    assert (path.with_suffix("") / "ke-hoach-91.pdf").read_bytes() == PDF
    whole = path.read_text(encoding="utf-8") + other.read_text(encoding="utf-8")
    for toolbar in ("archive.org", "captures", "Wayback", "About this capture", "COLLECTED BY", "/web/"):
        assert toolbar not in whole
    assert front(other)[0]["aliases"] == ["/tin-tuc/tham-tang-qua.html"]


def test_a_wayback_page_saved_by_a_browser_takes_its_address_from_the_saved_from_note(site, tmp_path):
    note = f"<!-- saved from url=(0087){STAMP}/https://{HOST}/tin-tuc/so-ket.html -->\n"
    page = note + from_wayback(article(picture="./so-ket_files/hoi-nghi.png"))
    folder = saved(tmp_path, "so-ket.html", page.encode("utf-8"))
    (folder / "so-ket_files").mkdir()
    (folder / "so-ket_files/hoi-nghi.png").write_bytes(PNG)
    assert run_import(site, folder)[0] == 0
    path, fields, text = the_article(site)
    assert fields["aliases"] == ["/tin-tuc/so-ket.html"]
    assert fields["related"] == [{"title": OTHER, "url": f"https://{HOST}/tin-tuc/tham-tang-qua.html"}]
    assert (path.with_suffix("") / "hoi-nghi.png").read_bytes() == PNG


def test_the_wayback_toolbar_is_no_part_of_an_old_hand_made_page(site, tmp_path):
    """A page of bare lines in <body>: the toolbar's "About this capture" stood above the
    title as a title of its own."""
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (f'<html><head><meta charset="windows-1258"><title>Huyện ủy Ninh Hải</title></head><body>'
            f"<b>{TITLE}</b><br>Đăng ngày 22 - 11 - 2024 | Lượt xem: 52<br>{text}</body></html>")
    assert run_import(site, saved(tmp_path, "so-ket.htm", cp1258(from_wayback(page))))[0] == 0
    _, fields, text = the_article(site)
    assert fields["title"] == TITLE and fields["views"] == 52 and text.strip().startswith(PARAGRAPHS[0])
    assert "capture" not in text and "COLLECTED" not in text


def test_a_wayback_page_saved_as_one_file_reads_as_the_original(site, tmp_path):
    """Chrome names each part of a Wayback page by its archived address."""
    page = from_wayback(article(picture=f"{STAMP}im_/https://{HOST}/uploads/2024/11/hoi-nghi.png"))
    data = mhtml([html_part(page, location=f"{STAMP}/https://{HOST}/tin-tuc/so-ket.html"),
                  file_part(PNG, f"{STAMP}im_/https://{HOST}/uploads/2024/11/hoi-nghi.png")],
                 header=f"Snapshot-Content-Location: {STAMP}/https://{HOST}/tin-tuc/so-ket.html\r\n")
    code, report = run_import(site, saved(tmp_path, "so-ket.mhtml", data))
    assert code == 0 and "1 articles written" in report, report
    path, fields, text = the_article(site)
    assert fields["aliases"] == ["/tin-tuc/so-ket.html"] and "archive.org" not in text
    assert (path.with_suffix("") / "hoi-nghi.png").read_bytes() == PNG


def test_an_archive_address_in_a_page_not_from_the_wayback_machine_is_kept(site, tmp_path):
    cited = f"{STAMP}/https://{HOST}/tin-tuc/cu.html"
    page = article(extra=f'(xem <a href="{cited}">bản lưu</a>)')
    assert run_import(site, saved(tmp_path, "so-ket.html", page.encode("utf-8")))[0] == 0
    _, _, text = the_article(site)
    assert f"[bản lưu]({cited})" in text
