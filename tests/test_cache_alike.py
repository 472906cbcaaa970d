"""Cases that once built otherwise with the cache than without it: a build with the cache
equals a clean one, exit status, problems and bytes."""

import pytest

from conftest import article
from test_cache_themes import alike, edit
from test_incremental import tree
from test_trust import project


def test_a_time_in_the_hour_the_clocks_go_back_is_the_same_from_the_cache(tmp_path):
    """01:30 UTC on 27/10/2024 is the second 02:30 in Berlin (+01:00): the cache kept the
    wall time and the zone but not which of the two, and read it back as the first (+02:00),
    an hour earlier, in the feed and the lists of every later build."""
    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text(
        "base_url: https://example.gov.vn/\ntimezone: Europe/Berlin\n", encoding="utf-8")
    (tmp_path / "content" / "a.md").write_text(article("A", "2024-10-27T01:30Z"),
                                               encoding="utf-8")
    other = tmp_path / "content" / "b.md"
    other.write_text(article("B", "2024-10-20"), encoding="utf-8")
    now = ("--now", "2025-01-01")
    assert alike(tmp_path, *now)[0] == 0
    other.write_text(article("B2", "2024-10-20"), encoding="utf-8")  # a.md from the cache
    assert alike(tmp_path, *now)[0] == 0
    assert "2024-10-27T02:30:00+01:00" in (tmp_path / "public" / "feed.xml").read_text("utf-8")


def test_a_template_reads_no_file_through_the_theme_folder_setting(tmp_path, monkeypatch):
    """`site.templates` was a Path: `read_text()` read any file, from the folder the build
    ran in, that no key covers; a page kept showed it as it was."""
    root = project(tmp_path)
    monkeypatch.chdir(root)
    (root / "notes.txt").write_text("one", encoding="utf-8")
    edit(root, "base.html", "</footer>",
         "{{ site.templates.joinpath('../notes.txt').read_text() }}</footer>")
    first = alike(root)
    (root / "notes.txt").write_text("two", encoding="utf-8")
    assert alike(root) == first
    assert first[0] == 1 and "read_text" in first[1][0]


@pytest.mark.parametrize("call", ["article.published.now().microsecond",
                                  "article.published.today().microsecond",
                                  "article.published.date().today().day"])
def test_a_template_reads_no_clock(tmp_path, call):
    """The clock through a date a page is given: a page kept in the cache showed the time
    of the build that made it, a clean build its own."""
    root = project(tmp_path)
    edit(root, "article.html", "<h1>{{ article.title }}</h1>",
         "<h1>{{ article.title }}</h1>{{ %s }}" % call)
    code, problems = alike(root)
    assert code == 1 and "reads the clock" in problems[0]


def test_a_mapping_in_another_order_is_another_page(tmp_path):
    """Keys digested a mapping's items sorted, but a template loops over them in the order
    site.yaml gives: two lines swapped, every page kept showed the old order."""
    root = project(tmp_path)
    settings = root / "site.yaml"
    names = "english_names:\n  Dân vận: Mass mobilisation\n  Liên hệ: Contact\n"
    settings.write_text(settings.read_text(encoding="utf-8") + names, encoding="utf-8")
    edit(root, "article.html", "<h1>{{ article.title }}</h1>",
         "<h1>{{ article.title }}</h1>{% for k, v in site.english_names.items() %}{{ k }};"
         "{% endfor %}")
    assert alike(root)[0] == 0
    swapped = "english_names:\n  Liên hệ: Contact\n  Dân vận: Mass mobilisation\n"
    settings.write_text(settings.read_text(encoding="utf-8").replace(names, swapped),
                        encoding="utf-8")
    assert alike(root)[0] == 0


def test_the_machines_time_zone_reaches_no_page(tmp_path):
    """A date's astimezone() and fromtimestamp() read the machine's zone (TZ), which no key
    covers: a page kept from a build in Tokyo showed Tokyo's time to a build in UTC."""
    import os
    import subprocess
    from test_trust import command

    root = project(tmp_path)
    edit(root, "article.html", "<h1>{{ article.title }}</h1>",
         "<h1>{{ article.title }}</h1>{{ article.published.astimezone() }}"
         "{{ article.published.fromtimestamp(0) }}")
    for zone, output in (("Asia/Tokyo", "public"), ("UTC", "public"), ("UTC", "clean")):
        subprocess.run(command(root, root / output) + ["--no-cache"] * (output == "clean"),
                       env={**os.environ, "TZ": zone}, check=True, capture_output=True)
    assert tree(root / "public") == tree(root / "clean")


def test_another_pillow_makes_its_own_thumbnails(tmp_path, monkeypatch):
    """Thumbnails were kept by the image's hash and width alone: after a Pillow upgrade,
    which may resize otherwise, builds went on publishing the old ones where a clean build
    (a fresh clone in CI) made new ones."""
    from PIL import Image
    from site_gen.stages import images
    from test_incremental import build_and_tell

    root = project(tmp_path)
    Image.effect_noise((900, 600), 80).convert("RGB").save(root / "content" / "anh.jpg")
    (root / "content" / "anh.md").write_text(article("Bài có ảnh", "2024-06-01",
                                                     image="/anh.jpg"), encoding="utf-8")
    assert build_and_tell(root, root / "public")[0] == 0
    monkeypatch.setattr(images, "PILLOW", "99.0", raising=False)  # another Pillow, which
    monkeypatch.setattr(images.Image, "LANCZOS", images.Image.NEAREST)  # resizes otherwise
    other = root / "content" / "a1.md"  # and something to build
    other.write_text(other.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    assert build_and_tell(root, root / "public")[0] == 0
    fresh = ("--no-cache", "--cache", str(tmp_path / "fresh"))
    assert build_and_tell(root, root / "clean", *fresh)[0] == 0
    assert tree(root / "public") == tree(root / "clean")


def test_a_footnotes_way_back_left_empty_is_not_taken_from_the_body_before(tmp_path):
    """`footnote_back: ""` in words: a body's footnotes kept the way back's title of the
    body made before it by the same process (an English article's), or, read alone from a
    rebuild, Python-Markdown's own English one."""
    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text(
        'base_url: https://example.gov.vn/\nwords:\n  footnote_back: ""\n', encoding="utf-8")
    (tmp_path / "content" / "a.md").write_text(
        article("A", "2024-03-01", "Text[^1].\n\n[^1]: Note.", lang="en"), encoding="utf-8")
    other = tmp_path / "content" / "b.md"
    other.write_text(article("B", "2024-03-02", "Chữ[^1].\n\n[^1]: Ghi chú."), encoding="utf-8")
    assert alike(tmp_path)[0] == 0
    other.write_text(other.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    assert alike(tmp_path)[0] == 0  # b.md read alone, a.md from the cache


def test_an_article_turned_english_is_listed_so_from_the_cache_too(tmp_path):
    """An article's `lang` reaches its title in every sidebar and the English home's lists:
    a page kept in the cache must show it as a clean build does, both ways."""
    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text("base_url: https://example.gov.vn/\n", encoding="utf-8")
    news = tmp_path / "content" / "a.md"
    (tmp_path / "content" / "b.md").write_text(article("Tin B", "2024-10-20"), encoding="utf-8")
    for lang in ("", "lang: en\n", ""):
        news.write_text(article("Investors visit", "2024-10-21").replace(
            "---\n\n", lang + "---\n\n"), encoding="utf-8")
        assert alike(tmp_path)[0] == 0


def test_a_file_named_on_a_mac_is_named_as_on_the_disk_from_the_cache_too(tmp_path):
    """A Mac writes "bài-viết.md" with combining accents (NFD), which is another name to
    Linux. An article taken from the cache was named in messages by its path in NFC, a file
    that is not there: "No such file" to the editor it was pasted into, and other bytes
    than the clean build's message."""
    import unicodedata
    from pathlib import Path

    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text("base_url: https://example.gov.vn/\n", encoding="utf-8")
    name = unicodedata.normalize("NFD", "bài-viết.md")
    text = article("Bài", "2024-05-05", image="/anh/x.png")
    (tmp_path / "content" / name).write_text(text, encoding="utf-8")
    other = tmp_path / "content" / "b.md"
    other.write_text(article("B", "2024-05-01"), encoding="utf-8")
    assert alike(tmp_path)[0] == 0
    # bài-viết.md taken from the cache
    other.write_text(article("B2", "2024-05-01"), encoding="utf-8")
    code, problems = alike(tmp_path)
    assert code == 0 and len(problems) == 1 and "image '/anh/x.png' not found" in problems[0]
    assert Path(problems[0].split(":")[0]).is_file()


def test_a_file_where_a_thumbnail_goes_is_told_alike(tmp_path):
    """A content file at a thumbnail's address (an old site's thumbs/ folder imported) is
    an error naming both; the thumbnail was named by its file in the cache folder, or, in
    a build with --no-cache, in a scratch folder of another name at each build, gone once
    it was read: no two builds told it alike, and neither named the picture to move."""
    from PIL import Image

    root = project(tmp_path)
    Image.new("RGB", (900, 600)).save(root / "content" / "anh.png")
    clash = root / "content" / "thumbs" / "320" / "anh.png"
    clash.parent.mkdir(parents=True)
    clash.write_bytes(b"an old thumbnail")
    path = root / "content" / "a1.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n\n", "image: /anh.png\n---\n\n"), encoding="utf-8")
    code, problems = alike(root)
    picture = root / "content" / "anh.png"
    assert code == 1 and problems == [
        f"{picture}:1: its thumbnail's address /thumbs/320/anh.png is also written by {clash}",
        f"{clash}:1: address /thumbs/320/anh.png is also written by the thumbnail of {picture}"]


def test_a_file_named_on_a_mac_is_told_by_its_own_name(tmp_path):
    """A file no kind takes, or named as an article by mistake, was told by its name in
    NFC: a Mac's (NFD) is another name to Linux, and the line pasted into an editor
    opened a file that is not there."""
    import unicodedata
    from pathlib import Path

    (tmp_path / "content" / "thu-vien-anh" / "le").mkdir(parents=True)
    (tmp_path / "site.yaml").write_text("base_url: https://example.gov.vn/\n", encoding="utf-8")
    (tmp_path / "content" / "a.md").write_text(article("A", "2024-05-01"), encoding="utf-8")
    note = unicodedata.normalize("NFD", "ghi-chú.md")
    (tmp_path / "content" / "thu-vien-anh" / "le" / note).write_text("x\n", encoding="utf-8")
    (tmp_path / "content" / unicodedata.normalize("NFD", "bài.md.txt")).write_text(
        article("B", "2024-05-01"), encoding="utf-8")
    code, problems = alike(tmp_path)
    assert code == 1 and len(problems) == 2
    assert all(Path(problem.split(":")[0]).is_file() for problem in problems), problems
