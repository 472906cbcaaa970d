"""Reading articles: types decided by us, every problem named with its file and line."""

from conftest import article


def errors_of(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if ":" in line]


def test_yaml_traps_are_read_as_written(site):
    site.write("a.md", article('"9:12"', "2024-11-22", views="052", category="09:30"))
    assert site.build() == 0
    page = site.html("2024/11/a/index.html")
    assert page.h1.get_text() == "9:12"
    assert "Lượt xem: 52" in page.select_one(".views").get_text()
    assert page.select(".breadcrumbs a")[-1].get_text() == "09:30"


def test_a_view_count_written_with_thousands_separators_is_read(site, capsys):
    """`views: 1.234` as a Vietnamese report writes it (1,234 and 1 234 as others do):
    refused as no whole number, so the count copied from the old portal stopped the build."""
    for name, views in (("vi", '"1.234"'), ("en", "1,234"), ("space", "1 234"),
                        ("millions", "1.234.567")):
        site.write(f"{name}.md", article(name, "2024-11-22", views=views))
    site.write("half.md", article("half", "2024-11-22", views="1.5"))
    site.write("mixed.md", article("mixed", "2024-11-22", views="1.234,567"))
    assert site.build() == 1
    err = "\n".join(errors_of(capsys))
    assert "half.md:4: views must be a whole number of 0 or more, not '1.5'" in err
    assert "mixed.md:4: views must be a whole number" in err
    site.write("half.md", article("half", "2024-11-22"))
    site.write("mixed.md", article("mixed", "2024-11-22"))
    assert site.build() == 0
    for name, count in (("vi", 1234), ("en", 1234), ("space", 1234), ("millions", 1234567)):
        views = site.html(f"2024/11/{name}/index.html").select_one(".views").get_text()
        assert views == f"Lượt xem: {count}"


def test_bom_crlf_and_decomposed_text_are_accepted(site):
    decomposed = "Đa\u0300ng bo\u0323\u0302"  # "Đảng bộ"-like text in NFD
    text = article(f'"{decomposed}"', "2024-11-22", body="Thân bài.")
    site.write("b.md", ("\ufeff" + text).replace("\n", "\r\n"))
    assert site.build() == 0
    import unicodedata
    assert site.html("2024/11/b/index.html").h1.get_text() == unicodedata.normalize("NFC", decomposed)


def test_every_problem_of_every_file_in_one_run(site, capsys):
    site.write("2024/no-title.md", "---\ndate: 2024-11-22\n---\nx\n")
    site.write("2024/empty-title.md", '---\ntitle: ""\ndate: 2024-11-22\n---\nx\n')
    site.write("2024/bad-date.md", "---\ntitle: Bài\nviews: 3\ndate: 31/02/2024\n---\n")
    site.write("2024/no-date.md", "---\ntitle: Bài\n---\n")
    site.write("2024/bad-yaml.md", "---\ntitle: Huyện ủy: hội nghị\ndate: 2024-11-22\n---\n")
    site.write("2024/latin1.md", article("Bài", "2024-11-22", body="Đảng bộ").encode("utf-8")
               + "\nnè".encode("latin-1"))
    site.write("2024/views.md", article("Bài", "2024-11-22", views="-3", draft="maybe"))
    site.write("2024/dup.md", "---\ntitle: A\ndate: 2024-11-22\ntitle: B\n---\n")
    site.write("2024/no-front.md", "Chỉ có nội dung\n")
    assert site.build() == 1
    err = "\n".join(errors_of(capsys))
    c = site.content / "2024"
    assert f"{c}/no-title.md:1: missing title" in err
    assert f"{c}/empty-title.md:2: title is empty" in err
    assert f"{c}/bad-date.md:4: impossible date" in err
    assert f"{c}/no-date.md:1: missing date" in err
    assert f"{c}/bad-yaml.md:2: invalid YAML" in err and "quotes" in err
    assert f"{c}/latin1.md:8: not UTF-8" in err
    assert f"{c}/views.md:4: views must be a whole number" in err
    assert f"{c}/views.md:5: draft must be true or false" in err
    assert f"{c}/dup.md:4: duplicate key 'title' (first given on line 2)" in err
    assert f"{c}/no-front.md:1:" in err
    assert "Traceback" not in err
    assert not site.output.exists()


def test_unknown_key_warns_with_a_suggestion(site, capsys):
    path = site.write("a.md", article("Bài", "2024-11-22", catgory="Tin tức"))
    assert site.build() == 0
    assert f"{path}:4: warning: unknown front matter key 'catgory'; did you mean 'category'?" \
        in capsys.readouterr().err


def test_slug_from_file_name_title_or_front_matter(site):
    site.write("2024/2024-11-22-Đảng bộ xã.md", article("Một", "2024-11-22"))
    site.write("2024/x.md", article("Hai", "2024-12-01 08:00", slug='"Tin Đặc biệt"'))
    assert site.build() == 0
    assert (site.output / "2024/11/dang-bo-xa/index.html").is_file()
    assert (site.output / "2024/12/tin-dac-biet/index.html").is_file()


def test_article_address_pattern_comes_from_settings(site):
    site.settings("base_url: https://example.gov.vn/\narticle_url: /tin-tuc/{year}/{slug}/\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 0
    assert (site.output / "tin-tuc/2024/a/index.html").is_file()


def test_date_near_midnight_stays_on_the_local_day(site):
    site.write("a.md", article("Bài", "2024-11-21T17:30:00Z"))
    assert site.build() == 0
    page = site.html("2024/11/a/index.html")
    assert page.select_one(".posted").get_text() == "Đăng ngày 22 - 11 - 2024"


def test_every_bad_entry_of_related_and_aliases_is_told(site, capsys):
    """One bad entry of `related` or `aliases` hid every later one (and the related entries
    that name nothing): the whole list was dropped at the first."""
    site.write("a.md", "---\ntitle: A\ndate: 2024-11-22\n"
                       "aliases:\n  - ../../etc/x\n  - /ok/\n  - /a/../../b\n"
                       "related:\n  - title: X\n    url: javascript:alert(1)\n  - khong-co\n"
                       "  - title: Y\n  - title: Z\n    url: data:text/html,x\n---\nx\n")
    assert site.build() == 1
    err = "\n".join(errors_of(capsys))
    a = site.content / "a.md"
    assert f"{a}:5: alias '../../etc/x' would leave" in err
    assert f"{a}:7: alias '/a/../../b' would leave" in err
    assert f"{a}:10: related link: 'javascript:alert(1)' is not" in err
    assert f"{a}:11: related entry 'khong-co' names no article" in err
    assert f"{a}:12: a related link needs both" in err
    assert f"{a}:14: related link: 'data:text/html,x' is not" in err


def test_files_named_with_combining_accents_are_found_by_their_names(site, capsys):
    """A Mac (and a zip or a git checkout made on one) writes 'ảnh' with combining accents
    (NFD); front matter and bodies are read as NFC. A related entry, a body link, a lead
    image, an attachment and an album's photo named by such a file's name named nothing
    ('not found'), and their copies were published under names no NFC address reaches."""
    import unicodedata
    from PIL import Image
    nfd = lambda text: unicodedata.normalize("NFD", text)
    site.write(nfd("2025/Hội nghị tổng kết.md"), article("Hội nghị", "2025-01-05"))
    Image.new("RGB", (800, 600), "green").save(site.content / "anh.jpg")
    (site.content / "anh.jpg").rename(site.content / nfd("ảnh hội nghị.jpg"))
    site.write(nfd("van-ban/Quyết định 12.pdf"), b"%PDF-1.4\n")
    site.write("van-ban/qd12.md", "---\ntitle: Quyết định 12\nnumber: 12/QĐ-UBND\n"
               "doc_type: Quyết định\nissuer: UBND xã\nsigner: A\nissued: 2025-01-02\n"
               "files: [Quyết định 12.pdf]\n---\n")
    site.write(nfd("thu-vien-anh/lễ hội/index.md"), article(
        "Lễ hội", "2025-02-01", photos="\n  - file: ghe-đua.jpg\n    caption: Đua ghe"))
    Image.new("RGB", (1000, 700), "red").save(site.content / "ghe.jpg")
    (site.content / "ghe.jpg").rename(site.content / nfd("thu-vien-anh/lễ hội/ghe-đua.jpg"))
    site.write("2025/b.md", article(
        "Bài B", "2025-03-01", body="Xem [bài](<Hội nghị tổng kết.md>).",
        image='"/ảnh hội nghị.jpg"', related="\n  - 2025/Hội nghị tổng kết"))
    assert site.build() == 0, capsys.readouterr().err
    page = site.html("2025/03/b/index.html")
    assert page.select_one("#tin-lien-quan a")["href"] == "/2025/01/hoi-nghi-tong-ket/"
    assert page.select_one(".body a")["href"] == "/2025/01/hoi-nghi-tong-ket/"
    assert page.select_one("figure.lead img")["width"] == "800"
    assert (site.output / "ảnh hội nghị.jpg").is_file()  # NFC: what the page's address names
    assert (site.output / "van-ban" / "Quyết định 12.pdf").is_file()
    assert (site.output / "thu-vien-anh" / "lễ hội" / "ghe-đua.jpg").is_file()
    assert site.html("thu-vien-anh/le-hoi/index.html").find("img", alt="Đua ghe") is not None


def test_two_names_alike_but_for_their_accent_codes_are_an_error(site, capsys):
    import unicodedata
    site.write("anh/ảnh.jpg", b"x")
    site.write(unicodedata.normalize("NFD", "anh/ảnh.jpg"), b"y")
    site.write("a.md", article("A", "2025-01-01"))
    assert site.build() == 1
    assert "written with other accent codes; rename one of them" in capsys.readouterr().err


def test_an_address_part_too_long_for_a_disk_is_told_at_its_line(site, capsys):
    """A slug, an alias, a category or a tag making an address part longer than a file
    system allows (255 bytes) stopped the build with 'public:0: cannot write the site (File
    name too long ...)', naming no file, one at a time."""
    long = "đ" * 300
    site.write("a.md", article("A", "2025-01-01", slug=long))
    site.write("b.md", article("B", "2025-01-02", aliases=f"[/{'x' * 256}.html]"))
    site.write("c" * 252 + ".md", article("C", "2025-01-03"))  # 252: written
    site.write("d.md", article("D", "2025-01-04", slug="d" * 255,
                               aliases=f"[/{'y' * 250}.html]"))
    assert site.build() == 1
    err = "\n".join(errors_of(capsys))
    assert f"{site.content / 'a.md'}:4: slug gives an address part of 300 characters" in err
    assert f"{site.content / 'b.md'}:4: alias '/xxx" in err and "longer than 255 bytes" in err
    assert "cannot write the site" not in err
    (site.content / "a.md").unlink()
    (site.content / "b.md").unlink()
    site.write("e.md", article("E", "2025-01-05", category="Chuyên mục " * 30,
                               tags=f"[{'từ khóa ' * 40}]"))
    assert site.build() == 1
    err = "\n".join(errors_of(capsys))
    assert f"{site.content / 'e.md'}:4: category 'Chuyên mục" in err
    assert f"{site.content / 'e.md'}:5: tags 'từ khóa" in err
    assert "cannot write the site" not in err
    (site.content / "e.md").unlink()
    assert site.build() == 0
    assert (site.output / "2025/01" / ("d" * 255) / "index.html").is_file()


def test_a_lead_image_offers_its_smaller_copies_to_phones(site):
    """The lead picture was always the original (a 2400 px photo on a phone on a slow
    link) though smaller copies of it are made for the lists."""
    from PIL import Image
    Image.new("RGB", (1600, 900), "green").save(site.content / "lon.jpg")
    Image.new("RGB", (300, 200), "blue").save(site.content / "nho.jpg")
    site.write("a.md", article("Ảnh lớn", "2025-01-05", image="/lon.jpg"))
    site.write("b.md", article("Ảnh nhỏ", "2025-01-06", image="/nho.jpg"))
    assert site.build() == 0
    img = site.html("2025/01/a/index.html").select_one("figure.lead img")
    offered = [part.split() for part in img["srcset"].split(", ")]
    assert [int(w[:-1]) for _, w in offered] == [320, 640, 1600] and img["src"] == "/lon.jpg"
    assert all((site.output / url.lstrip("/")).is_file() for url, _ in offered)
    assert not site.html("2025/01/b/index.html").select_one("figure.lead img").has_attr("srcset")


def test_a_document_with_one_file_may_name_it_without_a_list(site):
    """`files: qd-12.pdf`, one file written as any other value, stopped the build with
    'files must be a list'. A comma is part of its name: it is one file."""
    site.write("van-ban/qd12.md", "---\ntitle: Quyết định 12\nnumber: 12/QĐ-UBND\n"
               "doc_type: Quyết định\nissuer: UBND xã\nissued: 2025-01-02\n"
               "files: qd-12, bản chính.pdf\n---\n")
    site.write("van-ban/qd-12, bản chính.pdf", b"%PDF-1.4\n")
    assert site.build() == 0
    links = [a["href"] for a in site.html("van-ban/qd12/index.html").select("a[href$='.pdf']")]
    assert links == ["/van-ban/qd-12%2C%20b%E1%BA%A3n%20ch%C3%ADnh.pdf"]
