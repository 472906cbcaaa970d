"""Readers' side, read from the built files: search index, home boxes, images, sharing."""

import json
import os
from urllib.parse import unquote, urlsplit

from conftest import article
from site_gen.stages.images import thumbnail_file
from site_gen.stages.search import decode, encode, fold, tokens


def test_folding_matches_what_readers_type():
    assert fold("Đảng bộ ĐOÀN Dân vận khéo") == "dang bo doan dan van kheo"
    assert tokens("“Nông thôn mới” 973-QĐ/BTGTW") == {"nong", "thon", "moi", "973", "qd", "btgtw"}


def test_postings_round_trip_and_runs_stay_short():
    for ids in ([], [0], [5], [0, 1, 2, 3, 9, 10, 40], list(range(3, 5000)), [7, 100, 101, 4000]):
        assert decode(encode(ids)) == ids
    assert len(encode(list(range(10000)))) < 10


def test_search_index_holds_titles_and_bodies_oldest_numbered_first(site):
    site.write("a.md", article('"Hội nghị “Dân vận khéo”"', "2024-11-22", category="Dân vận",
                               summary="Tóm tắt", body="Xây dựng nông thôn mới."))
    site.write("b.md", article("Đảng bộ xã", "2024-11-23", body="Học tập dân vận."))
    assert site.build() == 0
    folder = site.output / "tim-kiem"
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["docs"] == 2
    docs = json.loads((folder / "d/0.json").read_text(encoding="utf-8"))
    assert [d[0] for d in docs] == ["Hội nghị “Dân vận khéo”", "Đảng bộ xã"]
    assert docs[0][1:] == ["/2024/11/a/", "22/11/2024 12:00 SA", "Dân vận", "Tóm tắt"]
    dan = json.loads((folder / "t/dan.json").read_text())["dan"]
    assert decode(dan[0]) == [0] and decode(dan[1]) == [0, 1]  # in a title; anywhere
    assert "nong" in json.loads((folder / "t/non.json").read_text())
    # a new article takes the next number: buckets of words it lacks stay as they were
    before = {p.name: p.read_bytes() for p in (folder / "t").iterdir()}
    site.write("c.md", article("Mừng xuân", "2024-12-01", body="Mừng xuân."))
    assert site.build() == 0
    after = {p.name: p.read_bytes() for p in (folder / "t").iterdir()}
    assert {name for name in after if before.get(name) != after[name]} == {"mun.json", "xua.json"}


def test_search_page_and_a_search_box_on_every_page(site):
    site.write("a.md", article("Bài", "2024-11-22", category="Tin"))
    assert site.build() == 0
    for rel in ("index.html", "2024/11/a/index.html", "chuyen-muc/tin/index.html", "404.html"):
        form = site.html(rel).find("form", role="search")
        assert form["action"] == "/tim-kiem/" and form["method"] == "get"
        assert form.find("input", attrs={"name": "q"})
    page = site.html("tim-kiem/index.html")
    assert page.find("div", id="search-results")
    assert page.find("noscript").find("form")["action"] == "https://www.google.com/search"


def test_home_shows_featured_and_most_viewed_on_its_first_page(site):
    site.settings("base_url: https://example.gov.vn/\nfeatured_count: 2\nmost_viewed_count: 2\nper_page: 2\n")
    site.write("a.md", article("Một", "2024-01-01", featured="true", views="5"))
    site.write("b.md", article("Hai", "2024-01-02", views="90"))
    site.write("c.md", article("Ba", "2024-01-03", featured="true", views="40"))
    site.write("d.md", article("Bốn", "2024-01-04", featured="true"))
    site.write("e.md", article("Không", "2023-12-31"))  # the newest list's second page
    assert site.build() == 0
    home = site.html("index.html")
    assert [a.get_text() for a in home.select("#tin-noi-bat h2 a")] == ["Bốn", "Ba"]
    assert [a.get_text() for a in home.select("#tin-xem-nhieu a")] == ["Hai", "Ba"]
    assert site.html("page/2/index.html").select("#tin-noi-bat") == []



def test_the_home_newest_list_leaves_out_the_featured_news_and_its_first_page_is_full(site):
    """The newest articles made "Tin nổi bật": the first page left them out of its own list
    and showed a "Tin mới" heading with nothing under it (or a list cut short), the others
    starting after them; now the list of the other articles runs page after page, full."""
    site.settings("base_url: https://example.gov.vn/\nfeatured_count: 2\nper_page: 2\n")
    for n, title in enumerate(("Một", "Hai", "Ba", "Bốn", "Năm"), start=1):
        site.write(f"{n}.md", article(title, f"2024-01-0{n}", featured="true" if n > 3 else "false"))
    assert site.build() == 0
    home = site.html("index.html")
    assert [a.get_text() for a in home.select("#tin-noi-bat h2 a")] == ["Năm", "Bốn"]
    assert [a.get_text() for a in home.select("main > ul.cards h2 a")] == ["Ba", "Hai"]
    assert [a.get_text() for a in site.html("page/2/index.html").select("main > ul.cards h2 a")] == ["Một"]
    assert not (site.output / "page" / "3").exists()

def test_most_viewed_lists_only_articles_read_and_both_boxes_may_be_switched_off(site):
    """With no view counts, "Tin xem nhiều" listed the newest articles again, under a title
    that says otherwise; `featured_count: 0` and `most_viewed_count: 0` were refused."""
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Một", "2024-01-01", featured="true"))
    site.write("b.md", article("Hai", "2024-01-02"))
    assert site.build() == 0
    home = site.html("index.html")
    assert home.select("#tin-xem-nhieu") == [] and home.select("#tin-noi-bat h2 a")
    site.write("b.md", article("Hai", "2024-01-02", views="7"))
    assert site.build() == 0
    assert [a.get_text() for a in site.html("index.html").select("#tin-xem-nhieu a")] == ["Hai"]
    site.settings("base_url: https://example.gov.vn/\nfeatured_count: 0\nmost_viewed_count: 0\n")
    assert site.build() == 0
    home = site.html("index.html")
    assert home.select("#tin-xem-nhieu") == [] and home.select("#tin-noi-bat") == []


def write_jpeg(path, size=(800, 600)):
    from PIL import Image
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (120, 30, 30)).save(path)


def test_lead_image_thumbnails_and_their_cache(site):
    write_jpeg(site.content / "anh" / "hoi-nghi.jpg")
    site.write("a.md", article("Hội nghị", "2024-11-22", image="/anh/hoi-nghi.jpg",
                               image_alt="Quang cảnh hội nghị"))
    site.write("b.md", article("Không chú thích", "2024-11-21", image="/anh/hoi-nghi.jpg"))
    assert site.build() == 0
    img = site.html("2024/11/a/index.html").select_one("figure.lead img")
    # the largest paint of the page: fetched at once, never lazily (Lighthouse lcp-lazy-loaded)
    assert (img["alt"], img["width"], img["height"], img["fetchpriority"], img.get("loading")) == \
        ("Quang cảnh hội nghị", "800", "600", "high", None)
    assert site.html("2024/11/b/index.html").select_one("figure.lead img")["alt"] == "Không chú thích"
    thumb = site.html("index.html").select_one(".card .thumb img")
    assert (thumb["src"], thumb["width"], thumb["height"]) == ("/thumbs/320/anh/hoi-nghi.jpg", "320", "240")
    from PIL import Image
    with Image.open(site.output / "thumbs/640/anh/hoi-nghi.jpg") as made:
        assert made.size == (640, 480)
    cached = sorted(thumbnail_file(site.root / ".cache", "x").parent.iterdir())
    stamps = [os.stat(p).st_mtime_ns for p in cached]
    assert site.build() == 0
    assert [os.stat(p).st_mtime_ns for p in cached] == stamps  # not made again


def test_thumbnails_of_a_lead_image_named_with_spaces_and_a_hash_are_addresses(site):
    """The staff write the address (%20, %23); the thumbnail's must be one too, not the
    file's name, whose "#" a browser would read as the end of the address."""
    write_jpeg(site.content / "anh" / "hội nghị #2.jpg")
    site.write("a.md", article("Hội nghị", "2024-11-22",
                               image='"/anh/h%E1%BB%99i%20ngh%E1%BB%8B%20%232.jpg"'))
    assert site.build() == 0
    src = site.html("index.html").select_one(".card .thumb img")["src"]
    parts = urlsplit(src)
    assert not parts.fragment and " " not in src
    assert unquote(parts.path) == "/thumbs/320/anh/hội nghị #2.jpg"
    assert (site.output / unquote(parts.path).lstrip("/")).is_file()


def test_a_missing_image_warns_and_the_page_still_builds(site, capsys):
    path = site.write("a.md", article("Bài", "2024-11-22", image="/anh/khong-co.jpg"))
    assert site.build() == 0
    assert f"{path}:4: warning: image '/anh/khong-co.jpg' not found in the content folder" \
        in capsys.readouterr().err


def test_a_lead_image_beside_the_article_is_found_as_a_body_picture_is(site, capsys):
    """`image: hoi-nghi.jpg` (from the article file's folder, as `![..](hoi-nghi.jpg)` is
    read) was written into the page as it was: a broken picture at /2024/11/a/hoi-nghi.jpg,
    no size, no thumbnail, no warning; one leading out of content/ was not told either."""
    write_jpeg(site.content / "2024" / "hoi-nghi.jpg")
    site.write("2024/a.md", article("Hội nghị", "2024-11-22", image="hoi-nghi.jpg"))
    path = site.write("2024/b.md", article("Bài", "2024-11-21", image="../../ngoai.jpg"))
    (site.root / "ngoai.jpg").write_bytes(b"outside")
    assert site.build() == 0
    img = site.html("2024/11/a/index.html").select_one("figure.lead img")
    assert (img["src"], img["width"], img["height"]) == ("/2024/hoi-nghi.jpg", "800", "600")
    assert (site.output / "2024" / "hoi-nghi.jpg").is_file()
    assert site.html("index.html").select_one(".card .thumb img")["src"] == (
        "/thumbs/320/2024/hoi-nghi.jpg")
    assert (f"{path}:4: warning: image '../../ngoai.jpg' leads out of the content folder: "
            "not shown") in capsys.readouterr().err
    assert site.html("2024/11/b/index.html").select_one("figure.lead") is None
    assert not list(site.output.rglob("ngoai.jpg"))


def test_share_links_and_no_script_from_another_host(site):
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 0
    page = site.html("2024/11/a/index.html")
    links = {a.get_text(): a["href"] for a in page.select(".share a")}
    assert links["Facebook"] == ("https://www.facebook.com/sharer/sharer.php?u="
                                 "https%3A//example.gov.vn/2024/11/a/")
    assert "Zalo" in links and page.select_one(".copy-link") and page.select_one(".print-button")
    assert page.select_one(".print-address .page-url").get_text() == "https://example.gov.vn/2024/11/a/"
    for path in site.output.rglob("*.html"):
        for script in site.html(path.relative_to(site.output).as_posix()).find_all("script", src=True):
            assert script["src"].startswith("/"), (path, script["src"])


def test_an_article_page_weighs_under_40_kb(site):
    body = "\n\n".join(["Đoạn văn bản tiếng Việt có dấu, dài vừa phải như một bài tin. " * 8] * 6)
    for n in range(12):
        site.write(f"{n}.md", article(f"Bài số {n} về hội nghị của Huyện ủy", f"2024-11-{n + 1:02d}",
                                      category="Tin", tags="[a, b]", body=body))
    assert site.build() == 0
    page = site.output / "2024/11/5/index.html"
    weight = sum(os.path.getsize(p) for p in (page, site.output / "static/site.css",
                                                site.output / "static/site.js"))
    assert weight <= 40 * 1024, weight


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_of_the_theme_reach_4_5_to_1():
    import re
    from conftest import REPO
    css = (REPO / "templates/static/site.css").read_text()
    var = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    pairs = [(var["ink"], var["bg"]), (var["ink"], "#ffffff"), (var["muted"], "#ffffff"),
             ("#0b4f8a", "#ffffff"), ("#ffffff", var["red"]), ("#ffffff", var["red-dark"]),
             ("#1f1f1f", "#f0b400"), ("#eeeeee", "#3a3a3a"), ("#5c4100", "#fff3cd")]
    for text, background in pairs:
        assert contrast(text, background) >= 4.5, (text, background)


def test_breadcrumbs_lead_to_the_article(site):
    site.write("a.md", article("Bài viết", "2024-11-22", category="Dân vận"))
    assert site.build() == 0
    crumbs = site.html("2024/11/a/index.html").select_one(".breadcrumbs")
    assert [a["href"] for a in crumbs.find_all("a")] == ["/", "/chuyen-muc/dan-van/"]
    assert crumbs.get_text(" ", strip=True) == "Trang chủ › Dân vận › Bài viết"


def test_a_footnotes_way_back_is_named_in_the_pages_language(site):
    """Python-Markdown names it "Jump back to footnote 1 in the text" on every page."""
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("2024/a.md", article("Bài", "2024-11-22", body="Theo Nghị quyết[^1].\n\n"
                                     "[^1]: Nghị quyết số 09-NQ/TW."))
    site.write("en/b.md", article("News", "2024-11-22", body="As resolved[^1].\n\n"
                                  "[^1]: Resolution 09.", lang="en"))
    assert site.build() == 0
    back = site.html("2024/11/a/index.html").select_one("a.footnote-backref")
    assert back["title"] == "Quay lại chỗ chú thích 1 trong bài"
    back = site.html("2024/11/b/index.html").select_one("a.footnote-backref")
    assert back["title"] == "Back to footnote 1 in the text"


# The search page's own script, run by Node against the index a build wrote, with just enough
# of a DOM for it: the query as a reader's browser gives it, the results as it shows them.
SEARCH_IN_NODE = r"""
const fs = require("fs"), path = require("path");
const [site, query] = process.argv.slice(2);
function el(tag) { return {tag, children: [], attrs: {}, textContent: "", href: "",
  appendChild(c) { this.children.push(c); return c; }, append(...c) { this.children.push(...c); },
  replaceChildren(...c) { this.children = c; }, getAttribute(n) { return this.attrs[n]; },
  addEventListener() {}}; }
const box = el("div");
box.attrs = {"data-index": "/tim-kiem/", "data-root": "/", "data-count": "{n}",
             "data-none": "0", "data-searching": "", "data-more": ""};
global.document = {getElementById: id => id === "search-results" ? box : null,
  createElement: el, createTextNode: t => ({textContent: t, children: []}),
  createDocumentFragment: () => el("frag")};
global.location = {search: "?q=" + encodeURIComponent(query)};
global.fetch = p => { const f = path.join(site, p);
  return Promise.resolve(fs.existsSync(f)
    ? {ok: true, json: () => Promise.resolve(JSON.parse(fs.readFileSync(f, "utf8")))}
    : {ok: false}); };
eval(fs.readFileSync(path.join(site, "static/search.js"), "utf8"));
setTimeout(() => { const list = box.children.find(c => c.tag === "ol");
  console.log(JSON.stringify(list ? list.children.map(li => li.children[0].children[0].href) : []));
}, 300);
"""


def test_a_query_typed_with_combining_accents_finds_what_its_letters_say(site, tmp_path):
    """Unikey's "Unicode tổ hợp" (and text pasted from a Mac) gives 'tiếp' as t-i-e-^-'-p:
    the page's script folded each character alone, so the marks split every word and
    nothing was found."""
    import shutil
    import subprocess
    import unicodedata
    import pytest
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs Node.js to run the search page's script")
    site.write("2025/a.md", article("UBND XÃ TIẾP XÚC CỬ TRI TRƯỚC KỲ HỌP", "2025-03-20"))
    site.write("2025/b.md", article("Chi bộ nâng cao chất lượng sinh hoạt", "2025-03-21"))
    assert site.build() == 0
    script = tmp_path / "search.js"
    script.write_text(SEARCH_IN_NODE, encoding="utf-8")

    def search(query):
        run = subprocess.run([node, str(script), str(site.output), query],
                             capture_output=True, text=True, timeout=60, check=True)
        return json.loads(run.stdout)

    for query in ("tiếp xúc cử tri", "TIẾP XÚC", "tiep xuc"):
        assert search(query) == ["/2025/03/a/"], query
        assert search(unicodedata.normalize("NFD", query)) == ["/2025/03/a/"], query
    assert search(unicodedata.normalize("NFD", "nâng cao")) == ["/2025/03/b/"]
