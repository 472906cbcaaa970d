"""What a new user meets first: the messages of the mistakes staff make while writing
front matter and settings say what is wrong in words, at the line to look at, and what to
do (a new user's walk through the README)."""

import pytest

from site_gen.commands.cli import main


def err_of(capsys) -> str:
    return capsys.readouterr().err


def front(*lines: str) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n\nNội dung.\n"


@pytest.mark.parametrize("date, reason", [
    ("31/02/2025", "month 02/2025 has 28 days, not 31"),
    ("29/02/2023 08:00", "month 02/2023 has 28 days, not 29"),
    ("11/22/2024", "there is no month 22: months are 1 to 12 (are the day and the month swapped?)"),
    ("22/13/2024", "there is no month 13: months are 1 to 12"),
    ("00/11/2024", "there is no day 0"),
    ("22/11/2024 25:00", "there is no hour 25"),
    ("22/11/2024 08:61", "there is no minute 61"),
])
def test_an_impossible_date_says_what_is_impossible(site, capsys, date, reason):
    site.write("a.md", front("title: Họp dân", f"date: {date}"))
    assert site.build() == 1
    err = err_of(capsys)
    assert f"{site.content / 'a.md'}:3: impossible date {date!r}: {reason}" in err
    assert "out of range" not in err  # Python's words, which name no day and no month
    assert "Traceback" not in err


def test_a_year_of_two_digits_is_named(site, capsys):
    site.write("a.md", front("title: Họp dân", "date: 06/10/25 08:00"))
    assert site.build() == 1
    err = err_of(capsys)
    assert f"{site.content / 'a.md'}:3: unreadable date '06/10/25 08:00'; the year is written whole" in err


def test_a_tab_in_front_matter_says_to_indent_with_spaces(site, capsys):
    site.write("a.md", front("title: Họp dân", "date: 22/11/2024", "\ttags: [Hội nghị]"))
    site.write("b.md", front("title: Bài hai", "date: 22/11/2024", "related:",
                             "  - a", "\t- a"))
    assert site.build() == 1
    err = err_of(capsys)
    for name, line in (("a.md", 4), ("b.md", 6)):
        shown = [e for e in err.splitlines() if e.startswith(f"{site.content / name}:")]
        assert len(shown) == 1, err
        assert shown[0].startswith(f"{site.content / name}:{line}: invalid YAML")
        assert "indent with spaces, never with the Tab key" in shown[0]


def test_an_unclosed_list_or_quote_is_shown_at_the_line_that_opens_it(site, capsys):
    site.write("a.md", front("title: Họp dân", "date: 22/11/2024", "tags: [Hội nghị, Dân vận",
                             "author: Văn phòng", "views: 3"))
    site.write("b.md", front('title: "Họp dân', "date: 22/11/2024", "views: 3"))
    assert site.build() == 1
    err = err_of(capsys)
    assert (f"{site.content / 'a.md'}:4: invalid YAML: did not find expected ',' or ']' "
            "(a list opened with [ is closed by ]") in err
    assert f"{site.content / 'b.md'}:2: invalid YAML" in err
    assert "is not closed by the same quote" in err


def test_a_tab_in_the_settings_says_to_indent_with_spaces(site, capsys):
    site.settings("base_url: https://example.gov.vn/\norganization:\n  name: UBND xã\n"
                  "\tphone: 0259 3870 001\n")
    site.write("a.md", front("title: Họp dân", "date: 22/11/2024"))
    assert site.build() == 1
    err = err_of(capsys)
    assert "site.yaml:4: invalid YAML" in err and "never with the Tab key" in err


def test_new_in_a_site_without_content_folder_says_what_to_do(tmp_path, capsys):
    missing = tmp_path / "content"
    assert main(["new", "Bài viết đầu tiên", "--content", str(missing)]) == 2
    err = err_of(capsys)
    assert f"content folder {str(missing)!r} does not exist" in err
    assert f"mkdir {missing}" in err and "--content DIR" in err
    assert not missing.exists()


def test_the_text_new_writes_left_in_place_is_a_warning(site, capsys):
    """`new` starts the body with a line saying where to write: built as it is, readers
    would read that line."""
    site.settings("base_url: https://example.gov.vn/\n")
    assert main(["new", "Họp dân", "--content", str(site.content), "--config",
                 str(site.root / "site.yaml"), "--now", "2025-01-02 08:00"]) == 0
    capsys.readouterr()
    assert site.build() == 0
    path = site.content / "2025" / "hop-dan.md"
    line = path.read_text(encoding="utf-8").splitlines().index(
        "Viết nội dung bài viết ở đây. Để trống một dòng giữa hai đoạn văn.") + 1
    assert (f"{path}:{line}: warning: the text is still the one `site-gen new` wrote: "
            "write the article in its place") in err_of(capsys)
    path.write_text(path.read_text(encoding="utf-8").replace("Viết nội dung", "Sáng nay viết"),
                    encoding="utf-8")
    assert site.build() == 0 and "warning" not in err_of(capsys)


def test_a_file_that_cannot_be_read_is_named_so_where_others_point_at_it(site, capsys):
    """One mistake, one problem to fix: the articles pointing at a file that could not be
    read say so, not that there is no such article (which sent staff looking for it)."""
    site.write("a.md", front("title: Họp dân", "date: 22/13/2024"))
    site.write("b.md", "---\ntitle: Bài khác\ndate: 2024-11-23\nrelated: [a.md]\n---\n\n"
                       "Xem [bài họp dân](a.md).\n")
    assert site.build() == 1
    err = err_of(capsys)
    b = site.content / "b.md"
    assert f"{b}:4: related entry 'a.md' names a.md, which could not be read (its own " \
           "problem is told)" in err
    assert f"{b}:7: link to 'a.md': a.md could not be read (its own problem is told)" in err
    assert "names no article" not in err and "no such article" not in err


def test_a_file_with_a_problem_has_its_own_references_checked_in_the_same_run(site, capsys):
    """All of a file's problems in one run: an impossible date used to hide its broken
    related entry and link (told only once the date was fixed), and an article naming it
    by its slug was told there is no such article."""
    site.write("2024/hop-dan.md", front("title: Họp dân", "date: 2024-02-30 08:00",
                                        "related: [khong-co-bai-nay]")
               + "\nXem [bài cũ](khong-co.md).\n")
    site.write("2024/b.md", front("title: Bài khác", "date: 2024-03-01",
                                  "related: [hop-dan]"))
    assert site.build() == 1
    err = err_of(capsys).splitlines()
    a, b = site.content / "2024" / "hop-dan.md", site.content / "2024" / "b.md"
    assert any(line.startswith(f"{a}:3: impossible date") for line in err)
    assert (f"{a}:4: related entry 'khong-co-bai-nay' names no article (use its path in the "
            "content folder, or its slug)") in err
    assert any(line.startswith(f"{a}:") and "link to 'khong-co.md': no such article" in line
               for line in err)
    assert (f"{b}:4: related entry 'hop-dan' names 2024/hop-dan.md, which could not be read "
            "(its own problem is told)") in err


def test_a_vanban_that_cannot_be_read_is_named_by_the_articles_citing_it(site, capsys):
    """Its attachment gone, a văn bản cannot be read: an article citing its number is told
    that, not that no văn bản has the number."""
    site.write("van-ban/2024/12-tb.md", front(
        "title: Thông báo lịch tiếp dân", "number: 12/TB-UBND", "doc_type: Thông báo",
        "issuer: Ủy ban nhân dân xã", "issued: 2024-05-02", "files: [12-tb.pdf]"))
    site.write("2024/tiep-dan.md", front("title: Lịch tiếp dân tháng 5", "date: 2024-05-03",
                                         "documents: [12/tb-ubnd]"))
    assert site.build() == 1
    err = err_of(capsys).splitlines()
    doc, article = site.content / "van-ban/2024/12-tb.md", site.content / "2024/tiep-dan.md"
    assert f"{doc}:7: attached file '12-tb.pdf' not found beside the document" in err
    assert (f"{article}:4: document '12/tb-ubnd' is van-ban/2024/12-tb.md, which could not be "
            "read (its own problem is told)") in err


@pytest.mark.parametrize("name", ["bai.md.txt", "bai.MD", "bai.Md", "bai.markdown"])
def test_an_article_saved_under_another_ending_is_named_not_published_raw(site, capsys, name):
    """Notepad saves 'bai.md' as 'bai.md.txt' (Windows hides the ending), Windows may
    write 'BAI.MD': such a file was no article and was published as it was, front matter
    and all (a draft too), while check said '0 articles checked, no errors'."""
    path = site.write(f"2024/{name}", front("title: Họp dân", "date: 22/11/2024", "draft: true"))
    for _ in range(2):  # with the cache too
        assert site.build() == 1
        assert (f"{path}:1: only files whose name ends in .md are read as articles: rename it "
                f"{name.split('.')[0]}.md") in err_of(capsys)
    assert main(["check", "--content", str(site.content), "--config", str(site.root / "site.yaml")]) == 1
    assert not site.output.exists()


def test_a_misnamed_article_beside_one_of_the_name_it_should_have_is_not_told_to_take_it(site, capsys):
    """bai.md.txt beside bai.md was told 'rename it bai.md', which would overwrite the other."""
    site.write("2024/bai.md", front("title: Bài", "date: 22/11/2024"))
    path = site.write("2024/bai.md.txt", front("title: Họp dân", "date: 22/11/2024"))
    assert site.build() == 1
    assert (f"{path}:1: only files whose name ends in .md are read as articles: give it another "
            "name ending in .md (bai.md is taken)") in err_of(capsys)


def test_every_missing_attachment_of_a_vanban_is_told_in_one_build(site, capsys):
    """Two files of a văn bản not saved beside it: the build told the first only, and the
    second after the first was fixed, a build later; both are told at their lines now."""
    site.write("van-ban/2024/12-tb.md", front(
        "title: Thông báo lịch tiếp dân", "number: 12/TB-UBND", "doc_type: Thông báo",
        "issuer: Ủy ban nhân dân xã", "issued: 2024-05-02", "files:",
        "  - 12-tb.pdf", "  - phu-luc.pdf", "  - co-day.docx"))
    site.write("van-ban/2024/co-day.docx", b"PK")
    assert site.build() == 1
    err = err_of(capsys).splitlines()
    doc = site.content / "van-ban/2024/12-tb.md"
    assert f"{doc}:8: attached file '12-tb.pdf' not found beside the document" in err
    assert f"{doc}:9: attached file 'phu-luc.pdf' not found beside the document" in err
    assert not any("co-day.docx" in line for line in err)
