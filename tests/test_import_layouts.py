"""Import of the eight reference articles as nine kinds of portal publish them (the fixtures
written by tests/fixtures/layouts/generate.py): every layout must give the same articles,
and the imported reference article must build into the old page's two lists line for line."""

import filecmp
import sys
from contextlib import redirect_stdout
from io import StringIO

import pytest

from conftest import REPO, Site, items
from site_gen.commands.cli import main
from site_gen.stages.content import alias_path
from test_import import front
from test_reference import SEED_LATEST, SEED_RELATED

LAYOUTS_DIR = REPO / "tests" / "fixtures" / "layouts"
sys.path.insert(0, str(LAYOUTS_DIR))
import common  # noqa: E402
import generate  # noqa: E402

common.load_items()
LAYOUTS = {layout.name: layout for layout in generate.LAYOUTS}
ITEMS = common.BY_KEY
SEED_PAGE = ("2024/11/huyen-uy-ninh-hai-hoi-nghi-so-ket-03-nam-thuc-hien-phong-trao-thi-dua-dan-van/"
             "index.html")
NOISE_WORDS = ("Trang chủ", "Giới thiệu", "Đang online", "Tổng lượt truy cập", "Chia sẻ", "Facebook",
               "In bài viết", "In trang", "Gửi email", "Về đầu trang", "Lượt xem", "lượt xem",
               "Lượt đọc", "Số lần xem", "Tin liên quan", "Các tin đã đưa", "Từ khóa", "Tác giả", "cookie",
               "Cơ quan chủ quản", "Hoạt động cơ sở", "Các tin khác", "Bài viết liên quan", "Tin cùng chuyên mục",
               "Tin mới", "Bài viết mới", "Email của bạn", "Phản hồi", "Cập nhật lúc", "Đăng ngày",
               "100%", "A+", "VNPT", "WordPress", "Trả lời", "Thứ Sáu", "Bản quyền", "Xã Ninh Hải")


def run_import(site, source, *extra):
    out = StringIO()
    with redirect_stdout(out):
        code = main(["import", str(source), "--into", str(site.content),
                     "--config", str(REPO / "site.yaml"), *extra])
    return code, out.getvalue()


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def imported(request, tmp_path_factory):
    """(layout, site, the import's report): each layout imported once for all its tests."""
    layout = LAYOUTS[request.param]
    site = Site(tmp_path_factory.mktemp(layout.name))
    site.content.mkdir()
    code, report = run_import(site, LAYOUTS_DIR / layout.name)
    assert code == 0
    return layout, site, report


def article_file(site, key):
    item = ITEMS[key]
    found = [p for p in site.content.glob(f"{item.when:%Y}/{item.when:%Y-%m-%d}-*.md")
             if front(p)[0]["title"] == item.title]
    assert len(found) == 1, (key, found)
    return found[0]


def test_fixtures_are_what_the_generator_writes(tmp_path):
    for layout in LAYOUTS.values():
        layout.write(tmp_path)
        compared = filecmp.dircmp(tmp_path / layout.name, LAYOUTS_DIR / layout.name)
        assert_same_tree(compared)


def assert_same_tree(compared):
    assert not compared.left_only and not compared.right_only and not compared.diff_files, \
        (compared.left, compared.left_only, compared.right_only, compared.diff_files)
    for sub in compared.subdirs.values():
        assert_same_tree(sub)


def test_every_article_imported_and_every_other_page_skipped(imported):
    layout, site, report = imported
    assert len(list(site.content.rglob("*.md"))) == 8
    noise = sorted(str(p) for p in (LAYOUTS_DIR / layout.name).rglob("*")
                   if p.is_file() and p.suffix not in (".png", ".pdf")
                   and not any(layout.path(i) in p.as_posix() for i in ITEMS.values()))
    skipped = sorted(line.split("skipped: ", 1)[1].split(" (not an article", 1)[0]
                     for line in report.splitlines() if "(not an article" in line)
    assert skipped == noise and len(noise) >= 3
    assert "8 articles written" in report and f"{len(noise)} not articles" in report


def test_titles_dates_to_the_minute_and_views(imported):
    layout, site, _ = imported
    for key, item in ITEMS.items():
        fields, _ = front(article_file(site, key))
        assert fields["title"] == item.title
        assert str(fields["date"]) == f"{item.when:%Y-%m-%d %H:%M}", (layout.name, key)
        assert fields["views"] == item.views


def test_category_tags_and_author_as_the_page_shows_them(imported):
    layout, site, _ = imported
    for key, item in ITEMS.items():
        fields, _ = front(article_file(site, key))
        assert fields["category"] == layout.category(item), (layout.name, key)
        assert fields["tags"] == layout.tags(item), (layout.name, key)
        assert fields.get("author", "") == layout.author


def test_bodies_hold_the_article_and_nothing_of_the_page(imported):
    layout, site, _ = imported
    for key, item in ITEMS.items():
        _, body = front(article_file(site, key))
        at = 0
        for paragraph in item.paragraphs:
            found = body.find(paragraph[:80], at)
            assert found >= at, (layout.name, key, paragraph[:40])
            at = found
        for word in NOISE_WORDS:
            assert word not in body, (layout.name, key, word)
        assert body.strip().startswith(item.paragraphs[0][:60])  # no title, no by-line above


def test_related_entries_resolve_in_order(imported):
    layout, site, _ = imported
    for key, wanted in common.RELATED.items():
        fields, _ = front(article_file(site, key))
        inside = [entry for entry in fields["related"] if isinstance(entry, str)]
        assert inside == [article_file(site, k).relative_to(site.content).as_posix()[:-3]
                          for k in wanted]
    chi_thi, _ = front(article_file(site, "chi-thi-09"))
    outside = [e for e in chi_thi["related"] if isinstance(e, dict)]
    assert outside == ([{"title": common.OUTSIDE, "url": f"https://{layout.host}/Tin-tuc/tong-ket-2021-700.aspx"}]
                       if layout.name == "dnn" else [])


def test_old_addresses_become_aliases(imported):
    layout, site, _ = imported
    for key, item in ITEMS.items():
        fields, _ = front(article_file(site, key))
        url = layout.url(item)
        expected = [] if "?" in url else [alias_path(url)]
        assert fields["aliases"] == expected


def test_images_and_files_copied_beside_the_article_and_missing_ones_reported(imported):
    layout, site, report = imported
    for key, name, alt in (("chi-thi-09", "chi-thi-09.png", "Quang cảnh hội nghị"),
                           ("quyet-dinh-973", "qd-973-btgtw.pdf", "Quyết định 973-QĐ/BTGTW (PDF)")):
        path = article_file(site, key)
        copy = path.with_suffix("") / name
        original = LAYOUTS_DIR / layout.name / layout.host / layout.asset_folder(name) / name
        assert copy.read_bytes() == original.read_bytes()
        rel = copy.relative_to(site.content).as_posix()
        assert f"[{alt}](/{rel})" in front(path)[1]
    missing = [line for line in report.splitlines() if line.startswith("missing:")]
    assert len(missing) == 1 and "giang-sinh-2024.jpg" in missing[0]
    _, body = front(article_file(site, "tham-tang-qua"))
    assert f"(https://{layout.host}/" in body and "giang-sinh-2024.jpg)" in body


def test_links_between_imported_articles_point_at_their_files(imported):
    _, site, _ = imported
    _, body = front(article_file(site, "chuyen-de-2022"))
    target = article_file(site, "nghi-quyet-tw4").relative_to(site.content).as_posix()
    assert f"[hướng dẫn học tập Nghị quyết Trung ương 4](/{target})" in body


def test_reimport_changes_nothing(imported):
    layout, site, _ = imported
    before = {p: p.read_bytes() for p in site.content.rglob("*") if p.is_file()}
    code, report = run_import(site, LAYOUTS_DIR / layout.name)
    assert code == 0 and "0 articles written" in report and "0 files copied" in report
    code, report = run_import(site, LAYOUTS_DIR / layout.name, "--force")
    assert code == 0 and "8 articles written" in report and "0 files copied" in report
    assert {p: p.read_bytes() for p in site.content.rglob("*") if p.is_file()} == before


def test_imported_archive_builds_into_the_reference_page(imported):
    _, site, _ = imported
    assert site.build() == 0
    page = site.html(SEED_PAGE)
    assert items(page, "tin-lien-quan") == SEED_RELATED
    assert items(page, "tin-moi-nhat") == SEED_LATEST
    image = site.output / article_file(site, "chi-thi-09").relative_to(site.content).with_suffix("") \
        / "chi-thi-09.png"
    assert image.is_file()


def test_dry_run_shows_what_it_would_write_and_writes_nothing(tmp_path):
    site = Site(tmp_path)
    site.content.mkdir()
    code, report = run_import(site, LAYOUTS_DIR / "wordpress", "--dry-run")
    assert code == 0 and not any(site.content.iterdir())
    seed = ITEMS["huyen-uy-dan-van-kheo"]
    assert f"  title: {seed.title}\n  date: 22/11/2024 14:30\n  views: 52\n" in report
    assert "  related: 5 listed, 5 found among the imported pages\n" in report
    assert "8 articles would be written" in report
