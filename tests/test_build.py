"""Bad input, the output folder's safety, and reproducible output."""

import hashlib
import shutil

import pytest

from conftest import REPO, article
from site_gen.commands.cli import main


def tree_digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_files_claiming_one_address_are_both_named(site, capsys):
    a = site.write("2024/tin.md", article("Một", "2024-11-01"))
    b = site.write("khac/tin.md", article("Hai", "2024-11-20"))
    c = site.write("c.md", article("Ba", "2024-10-01", aliases="[/2024/11/tin/]"))
    assert site.build() == 1
    err = capsys.readouterr().err
    tip = "; a `slug:` line gives it another"
    lines = err.splitlines()
    assert f"{a}:1: address /2024/11/tin/ is also written by {c}:4, {b}:1{tip}" in lines
    assert f"{b}:1: address /2024/11/tin/ is also written by {a}:1, {c}:4{tip}" in lines
    # an old address (alias) is not made from a slug: no tip
    assert f"{c}:4: address /2024/11/tin/ is also written by {a}:1, {b}:1" in lines


def test_a_file_where_another_address_needs_a_folder_is_an_error(site, capsys):
    """/cu/a.html, an old address, and /cu/a.html/b.html, another: the first was lost
    without a word (a folder was made in its place); so for a photo and an address below
    its name."""
    a = site.write("a.md", article("Một", "2024-11-01", aliases="[/cu/a.html]"))
    photo = site.content / "anh" / "p.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"not really a photo")
    b = site.write("b.md", article("Hai", "2024-11-02",
                                   aliases="[/cu/a.html/b.html, /anh/p.jpg/x.html]"))
    assert site.build() == 1
    lines = capsys.readouterr().err.splitlines()
    assert (f"{b}:4: address /cu/a.html/b.html needs a folder where /cu/a.html is a file, "
            f"written by {a}:4") in lines
    assert (f"{b}:4: address /anh/p.jpg/x.html needs a folder where /anh/p.jpg is a file, "
            f"written by {photo}") in lines


def test_files_at_the_search_index_addresses_are_both_named(site, capsys):
    """The search index is written after the pages: its addresses are kept all the same."""
    site.write("a.md", article("Một", "2024-11-01", aliases="[/tim-kiem/d/0.json]"))
    planted = site.content / "tim-kiem" / "meta.json"
    planted.parent.mkdir()
    planted.write_text('{"docs": 0}')
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"{planted}:1: address /tim-kiem/meta.json is also written by the site's search " \
           "index" in err
    assert f"{site.content / 'a.md'}:4: address /tim-kiem/d/0.json is also written by the " \
           "site's search index" in err


def test_unknown_and_ambiguous_related_entries(site, capsys):
    site.write("2024/a/tin.md", article("Một", "2024-11-01"))
    site.write("2024/b/tin.md", article("Hai", "2024-10-01"))
    path = site.write("c.md", article("Ba", "2024-12-01", related="\n  - tin\n  - 2024/a/tin\n  - khong-co"))
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"{path}:5: related entry 'tin' is ambiguous (2024/a/tin.md, 2024/b/tin.md)" in err
    assert f"{path}:7: related entry 'khong-co' names no article" in err
    assert ":6:" not in err


@pytest.mark.parametrize("alias", ["/../../ngoai.html", "../x/", "/a/%2e%2e/%2e%2e/b.html", "/?id=3", "/"])
def test_aliases_cannot_leave_the_output_folder(site, capsys, alias):
    path = site.write("a.md", article("Bài", "2024-11-22", aliases=f'["{alias}"]'))
    assert site.build() == 1
    assert f"{path}:4: alias" in capsys.readouterr().err
    assert not (site.root / "ngoai.html").exists()


def test_a_hostile_slug_becomes_a_harmless_one(site):
    site.write("a.md", article("Bài", "2024-11-22", slug='"../../../../tmp/x"'))
    assert site.build() == 0
    assert (site.output / "2024/11/tmp-x/index.html").is_file()


def test_a_failed_build_leaves_the_last_good_site_untouched(site):
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 0
    before = tree_digest(site.output)
    site.write("b.md", "---\ntitle: [unclosed\n---\n")
    site.write("a.md", article("Bài đã sửa", "2024-11-22"))
    assert site.build() == 1
    assert tree_digest(site.output) == before
    assert {p.name for p in site.root.iterdir() if p.name.startswith(".public")} <= {
        ".public.lock", ".public.spare"}


def test_a_good_build_replaces_the_old_site_whole(site):
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 0
    (site.output / "stale.html").write_text("old")
    assert site.build("--no-cache") == 0
    assert not (site.output / "stale.html").exists()


def test_output_is_byte_identical_whatever_the_file_order(tmp_path):
    names = [f"{n:02d}-bai.md" for n in range(12)]
    digests = []
    for run, order in enumerate((names, names[::-1])):
        content = tmp_path / f"run{run}" / "content"
        content.mkdir(parents=True)
        for name in order:  # same files, created in another order
            (content / name).write_text(article(f"Bài {name}", "2024-11-22 08:00",
                                                category="Tin", tags="[a, b]"), encoding="utf-8")
        out = tmp_path / f"run{run}" / "public"
        assert main(["--content", str(content), "--output", str(out),
                     "--config", str(REPO / "site.yaml")]) == 0
        digests.append(tree_digest(out))
    assert digests[0] == digests[1]


def test_output_folder_that_would_carry_away_the_content_is_refused(site, capsys):
    site.write("a.md", article("Bài", "2024-11-22"))
    site.settings("base_url: https://example.gov.vn/\n")
    code = main(["--content", str(site.content), "--output", str(site.root),
                 "--config", str(site.root / "site.yaml")])
    assert code == 2
    assert "would replace the content folder" in capsys.readouterr().err
    assert (site.content / "a.md").is_file()


def test_template_errors_name_the_template_and_line(site, capsys):
    theme = site.root / "theme"
    shutil.copytree(REPO / "templates", theme)
    (theme / "404.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{{ oops( }}\n{% endblock %}\n")
    site.settings(f"base_url: https://example.gov.vn/\ntemplates: {theme}\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 1
    err = capsys.readouterr().err
    assert f"{theme}/404.html:3:" in err
    assert "Traceback" not in err


def test_bad_settings_name_the_key_and_line(site, capsys):
    site.settings("base_url: https://example.gov.vn/\nper_page: mười\ntimezone: Asia/Hanoi_City\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 1
    err = capsys.readouterr().err
    assert "site.yaml:2: per_page: must be a whole number" in err
    assert "site.yaml:3: timezone: unknown time zone" in err


def test_a_folder_that_is_not_a_site_is_not_emptied(site, capsys):
    site.write("a.md", article("Bài", "2024-11-22"))
    site.output.mkdir()
    (site.output / "bao-cao.docx").write_bytes(b"not ours")
    assert site.build() == 2
    assert "holds files but no site" in capsys.readouterr().err
    assert (site.output / "bao-cao.docx").read_bytes() == b"not ours"
