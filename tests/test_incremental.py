"""Incremental builds equal clean builds: random edit sequences, compared byte for byte
after every step; and a file whose bytes did not change keeps its time."""

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import REPO, article
from site_gen.commands.cli import main

CATEGORIES = ["Dân vận", "Tuyên giáo", "Xây dựng Đảng"]
TAGS = ["Hội nghị", "Đảng bộ", "Thanh niên"]


def tree(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def times(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file()}


def write_article(content, n, day=1, title=None, category=0, tags=(), related=(), views=0,
                  draft=False, body="Nội dung bài viết."):
    extra = {"category": CATEGORIES[category], "views": views,
             "tags": "[" + ", ".join(TAGS[t] for t in tags) + "]",
             "related": "[" + ", ".join(f"a{r}" for r in related) + "]"}
    if draft:
        extra["draft"] = "true"
    text = article(f'"{title or f"Bài số {n}"}"', f"2024-03-{day:02d} 08:{n:02d}", body, **extra)
    (content / f"a{n}.md").write_text(text, encoding="utf-8")


EDITS = st.one_of(
    st.tuples(st.just("add"), st.integers(10, 14), st.integers(1, 28)),
    st.tuples(st.just("delete"), st.integers(0, 5)),
    st.tuples(st.just("rename"), st.integers(0, 5)),
    st.tuples(st.just("date"), st.integers(0, 5), st.integers(1, 28)),
    st.tuples(st.just("title"), st.integers(0, 5), st.text("ăâđêôơưáàạ xyz", min_size=1, max_size=12)),
    st.tuples(st.just("category"), st.integers(0, 5), st.integers(0, 2)),
    st.tuples(st.just("tags"), st.integers(0, 5), st.lists(st.integers(0, 2), max_size=2)),
    st.tuples(st.just("related"), st.integers(0, 5), st.lists(st.integers(0, 5), max_size=2)),
    st.tuples(st.just("views"), st.integers(0, 5), st.integers(0, 999)),
    st.tuples(st.just("draft"), st.integers(0, 5), st.booleans()),
    # any template: a page's, the base, a box's, an include, a macro file, a static file
    st.tuples(st.just("template"), st.sampled_from(
        ["404.html", "base.html", "_latest.html", "_related.html", "_entries.html",
         "_macros.html", "list.html", "static/site.css"]), st.text("abc", min_size=1, max_size=5)),
    st.tuples(st.just("settings"), st.integers(2, 4)),
    st.tuples(st.just("static"), st.text("xyz", min_size=1, max_size=5)),
    st.tuples(st.just("body"), st.integers(0, 5), st.text("ăđơ xyz", min_size=1, max_size=12)),
    st.tuples(st.just("lead"), st.integers(0, 5), st.text("ăđơ xyz", min_size=1, max_size=12)),
    st.tuples(st.just("touch"), st.integers(0, 5)),
    st.tuples(st.just("break"), st.integers(0, 5)),
    st.tuples(st.just("fix")),
    st.tuples(st.just("now"), st.integers(1, 30), st.integers(0, 23)),
    st.tuples(st.just("counted"), st.integers(0, 5), st.integers(0, 99)),
    st.tuples(st.just("attachment"), st.booleans()),
    st.tuples(st.just("image"), st.integers(1, 3)),
    st.tuples(st.just("page"), st.text("ăđơ xyz", min_size=1, max_size=12)),
    # the open content model: a declared kind's item with a declared field, its settings,
    # an album's photo and caption, a week of the work schedule
    st.tuples(st.just("event"), st.integers(0, 2), st.text("ăđơ xyz", min_size=1, max_size=12)),
    st.tuples(st.just("declare"), st.integers(0, 2)),
    st.tuples(st.just("photo"), st.integers(1, 3), st.text("ăđơ xyz", min_size=1, max_size=12)),
    st.tuples(st.just("week"), st.integers(0, 2), st.integers(1, 28)),
)

# How the declared kind and field are set (the "declare" edit): its list's title, whether
# its items are in "Tin mới nhất" and the sitemap, the field's label.
DECLARED = ({"title": "Sự kiện", "latest": "false", "sitemap": "true", "label": "Nguồn"},
            {"title": "", "latest": "true", "sitemap": "true", "label": "Nguồn tin"},
            {"title": "Hoạt động", "latest": "true", "sitemap": "false", "label": ""})


def settings_text(per_page: int = 3, declared: int = 0) -> str:
    d = DECLARED[declared]
    return (f"base_url: https://example.gov.vn/\nper_page: {per_page}\ntemplates: theme\n"
            f"fields:\n  nguon: {{type: text, label: '{d['label']}', kinds: [article, su-kien]}}\n"
            "kinds:\n  su-kien:\n    folder: su-kien\n    url: /su-kien/{slug}/\n"
            "    template: article.html\n    date: optional\n    list_url: /su-kien/\n"
            f"    title: '{d['title']}'\n    latest: {d['latest']}\n"
            f"    sitemap: {d['sitemap']}\n    search: true\n")

# Templates that read more than ours: values shown directly, not through the boxes.
THEMES = {
    "ours": {},
    "reads-more": {
        "base.html": ("</footer>",
                      "<p class=\"n\">{{ newest[0].title if newest }}</p></footer>"),
        "article.html": ("<h1>{{ article.title }}</h1>",
                         "<h1>{{ article.title }}</h1><p class=\"r\">{{ related|length }} "
                         "{{ latest|map(attribute='title')|join('|') }}</p>"),
        "list.html": ("<h1>{{ heading }}</h1>",
                      "<h1>{{ heading }}</h1>{% if items %}<p>{{ items[0].title }}</p>{% endif %}"),
    },
}


def make_theme(root, name):
    shutil.copytree(REPO / "templates", root / "theme")
    for template, (old, new) in THEMES[name].items():
        path = root / "theme" / template
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


def apply(edit, root, state):
    content, kind = root / "content", edit[0]
    existing = sorted(content.glob("a*.md"))
    if kind == "add":
        write_article(content, edit[1], day=edit[2])
    elif kind == "template":
        path = root / "theme" / edit[1]
        mark = f"/* {edit[2]} */" if edit[1].endswith(".css") else f"<!-- {edit[2]} -->"
        path.write_text(path.read_text(encoding="utf-8") + mark + "\n", encoding="utf-8")
    elif kind in ("settings", "declare"):
        state[kind] = edit[1]
        (root / "site.yaml").write_text(settings_text(state.get("settings", 3),
                                                      state.get("declare", 0)), encoding="utf-8")
    elif kind == "event":  # undated now and then: a kind whose date is optional
        date = f"2024-03-{edit[1] * 9 + 1:02d}" if edit[2][0] != " " else ""
        (content / "su-kien").mkdir(exist_ok=True)
        (content / "su-kien" / f"e{edit[1]}.md").write_text(
            f'---\ntitle: "Sự kiện {edit[1]}"\n' + (f"date: {date}\n" if date else "")
            + f'nguon: "{edit[2]}"\n---\n\nNội dung.\n', encoding="utf-8")
    elif kind == "photo":  # the album's one photo: another size, another caption
        from PIL import Image
        album = content / "thu-vien-anh" / "anh-hoi-nghi"
        album.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (30 * edit[1], 20)).save(album / "p.png")
        (album / "index.md").write_text(
            f'---\ntitle: "Ảnh hội nghị"\ndate: 2024-03-05\nphotos:\n  - file: p.png\n'
            f'    caption: "{edit[2]}"\n---\n\nẢnh.\n', encoding="utf-8")
    elif kind == "week":  # the work schedule: which week is "now"'s moves with it
        (content / "lich-cong-tac").mkdir(exist_ok=True)
        (content / "lich-cong-tac" / f"w{edit[1]}.md").write_text(
            f'---\ntitle: "Lịch tuần {edit[1]}"\ndate: 2024-03-{edit[2]:02d}\nentries:\n'
            f'  - day: 2024-03-{edit[2]:02d}\n    time: "8:00"\n    content: Giao ban\n'
            "    chair: Bí thư\n    place: Hội trường\n---\n", encoding="utf-8")
    elif kind == "static":
        (content / "tep.txt").write_text(edit[1])
    elif kind == "fix":  # the broken files put back as they were
        for path in (root / "broken").glob("*.md"):
            shutil.copy2(path, content / path.name)
            path.unlink()
    elif kind == "now":
        state["now"] = f"2024-03-{edit[1]:02d} {edit[2]:02d}:00"
    elif kind == "counted":  # data/views.csv, as `views` writes it
        (root / "data").mkdir(exist_ok=True)
        (root / "data" / "views.csv").write_text(f"url,views\n/2024/03/a{edit[1]}/,{edit[2]}\n")
    elif kind == "attachment":  # the văn bản's file taken away or put back
        pdf = content / "van-ban" / "vb.pdf"
        if edit[1]:
            pdf.write_bytes(b"%PDF-1.4 " + b"x" * 100)
        else:
            pdf.unlink(missing_ok=True)
    elif kind == "image":  # the lead image of a0, another size
        from PIL import Image
        Image.new("RGB", (40 * edit[1], 30)).save(content / "anh.png")
    elif kind == "page":
        (content / "gioi-thieu.md").write_text(
            f"---\ntitle: Giới thiệu\nkind: page\nmenu: 1\n---\n\n{edit[1]}\n", encoding="utf-8")
    elif existing:
        path = existing[edit[1] % len(existing)]
        n = int(path.stem[1:])
        if kind == "delete":
            path.unlink()
        elif kind == "break":  # kept aside, to be put back by "fix"
            (root / "broken").mkdir(exist_ok=True)
            if not (root / "broken" / path.name).exists():
                shutil.copy2(path, root / "broken" / path.name)
            path.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
        elif kind == "body":  # a paragraph more: the body alone changes, not the summary
            path.write_text(path.read_text(encoding="utf-8") + f"\n{edit[2]}\n", encoding="utf-8")
        elif kind == "lead":  # the first paragraph, hence the summary, changes too
            write_article(content, n, body=edit[2])
        elif kind == "touch":  # the same bytes, a new time
            stamp = path.stat().st_mtime_ns + 10**9
            os.utime(path, ns=(stamp, stamp))
        elif kind == "rename":
            path.rename(content / f"a{n + 20}.md")
        else:  # rewrite the article with one field changed
            fields = {"date": {"day": edit[2] if kind == "date" else 1}}.get(kind, {})
            value = edit[2]
            field = {"title": "title", "category": "category", "tags": "tags",
                     "related": "related", "views": "views", "draft": "draft"}.get(kind)
            if field:
                fields[field] = tuple(value) if isinstance(value, list) else value
            write_article(content, n, **fields)


def build(root, output, *extra):
    return main(["build", "--content", str(root / "content"), "--output", str(output),
                 "--config", str(root / "site.yaml"), "--cache", str(root / "cache"),
                 "--jobs", "1", *extra])


def build_and_tell(root, output, *extra):
    """(exit status, the problems printed: file:line lines)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = build(root, output, *extra)
    return code, [line for line in err.getvalue().splitlines()
                  if not line.startswith("site-gen:")]


def start_site(root, theme):
    (root / "content" / "van-ban").mkdir(parents=True)
    make_theme(root, theme)
    (root / "site.yaml").write_text(settings_text(), encoding="utf-8")
    for n in range(6):
        write_article(root / "content", n, day=n + 1, category=n % 3, tags=(n % 3,))
    (root / "content" / "van-ban" / "vb.pdf").write_bytes(b"%PDF-1.4 tiny")
    (root / "content" / "van-ban" / "vb.md").write_text(
        '---\ntitle: "Văn bản"\nnumber: "01-CT/TW"\ndoc_type: Chỉ thị\nissuer: Ban Bí thư\n'
        "signer: A\nissued: 2024-03-02\nfiles: [vb.pdf]\n---\n\nNội dung.\n", encoding="utf-8")
    path = root / "content" / "a0.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n\n", "image: /anh.png\n---\n\n", 1),
                    encoding="utf-8")


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(THEMES)), st.lists(EDITS, min_size=1, max_size=5))
@example(theme="ours", edits=[("rename", 0)])  # once kept the old address on list pages
@example(theme="ours", edits=[("static", "x"), ("static", "x")])  # once rewrote an unchanged copy
@example(theme="ours", edits=[("body", 0, "x"), ("add", 10, 9), ("body", 0, "y"), ("touch", 1)])
@example(theme="ours", edits=[("body", 5, "x"), ("lead", 5, "y"), ("body", 2, "z")])
@example(theme="ours", edits=[("attachment", False), ("attachment", True), ("template", "404.html", "a")])
@example(theme="reads-more", edits=[("add", 10, 9), ("template", "_latest.html", "b"),
                                    ("template", "_macros.html", "c")])
@example(theme="ours", edits=[("break", 1), ("body", 2, "x"), ("fix",)])
@example(theme="ours", edits=[("now", 30, 12), ("add", 11, 20), ("now", 10, 8)])
@example(theme="reads-more", edits=[("add", 10, 9), ("title", 2, "x")])
@example(theme="reads-more", edits=[("related", 1, [2]), ("counted", 2, 5), ("image", 2)])
@example(theme="reads-more", edits=[("event", 0, "a"), ("declare", 1), ("event", 1, " b"),
                                    ("declare", 2), ("settings", 2)])
@example(theme="ours", edits=[("photo", 1, "a"), ("week", 0, 18), ("now", 25, 9),
                              ("photo", 2, "b"), ("week", 1, 25)])
def test_incremental_output_equals_a_clean_build(tmp_path_factory, theme, edits):
    root = tmp_path_factory.mktemp("site")
    start_site(root, theme)
    state = {"now": "2024-03-20 12:00"}
    assert build(root, root / "inc", "--now", state["now"]) == 0
    for edit in edits:
        before_bytes, before_times = tree(root / "inc"), times(root / "inc")
        apply(edit, root, state)
        inc = build_and_tell(root, root / "inc", "--now", state["now"])
        clean = root / f"clean-{len(os.listdir(root))}"
        assert inc == build_and_tell(root, clean, "--no-cache", "--now", state["now"]), edit
        if inc[0] != 0:
            assert tree(root / "inc") == before_bytes  # a failed build leaves the site
            continue
        after = tree(root / "inc")
        assert after == tree(clean), edit
        kept = [rel for rel, digest in after.items() if before_bytes.get(rel) == digest]
        assert all(times(root / "inc")[rel] == before_times[rel] for rel in kept), edit
        changed = [rel for rel, digest in after.items() if before_bytes.get(rel, digest) != digest]
        assert all(times(root / "inc")[rel] > before_times[rel] for rel in changed), edit


def test_a_fresh_checkout_with_new_file_times_reuses_the_parsed_articles(tmp_path, monkeypatch):
    root = tmp_path
    (root / "content").mkdir()
    (root / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    for n in range(3):
        write_article(root / "content", n, day=n + 1)
    assert build(root, root / "out") == 0
    for path in (root / "content").iterdir():  # as after `git clone`: same bytes, new times
        os.utime(path, ns=(1, 1))
    import site_gen.stages.content as content
    parsed = []
    original = content.read_article
    monkeypatch.setattr(content, "read_article",
                        lambda file, *a: parsed.append(file.name) or original(file, *a))
    assert build(root, root / "out") == 0
    assert parsed == []


def test_an_unchanged_document_read_again_is_not_stored_again(tmp_path, monkeypatch):
    """A văn bản is read at every build (its attachments may change), and one that reads
    the same as the cache holds is not written to the cache again."""
    small_site(tmp_path)
    folder = tmp_path / "content" / "van-ban"
    folder.mkdir()
    (folder / "vb.pdf").write_bytes(b"%PDF-1.4 tiny")
    (folder / "vb.md").write_text(
        '---\ntitle: "Văn bản"\nnumber: "01-CT/TW"\ndoc_type: Chỉ thị\nissuer: Ban Bí thư\n'
        "issued: 2024-03-02\nfiles: [vb.pdf]\n---\n\nNội dung.\n", encoding="utf-8")
    assert build(tmp_path, tmp_path / "out") == 0
    write_article(tmp_path / "content", 0, day=1, title="Bài đã sửa")
    from site_gen.cache.store import Store
    stored = []
    original = Store.put_articles
    monkeypatch.setattr(Store, "put_articles",
                        lambda self, rows, keep: stored.extend(rows) or original(self, rows, keep))
    assert build(tmp_path, tmp_path / "out") == 0
    assert sorted(stored) == ["a0.md"]


def small_site(root, count=3):
    (root / "content").mkdir()
    (root / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    for n in range(count):
        write_article(root / "content", n, day=n + 1)
    assert build(root, root / "out") == 0


def test_a_page_whose_box_is_not_found_is_rendered_whole(tmp_path):
    small_site(tmp_path)
    page = tmp_path / "out/404.html"  # shows Tin mới nhất, and nothing else that changes
    page.write_text("<p>edited by hand</p>")
    write_article(tmp_path / "content", 9, day=20)  # a newer article: the box changes
    assert build(tmp_path, tmp_path / "out") == 0
    assert build(tmp_path, tmp_path / "clean", "--no-cache") == 0
    assert page.read_bytes() == (tmp_path / "clean/404.html").read_bytes()


def test_a_file_shared_by_hard_link_is_replaced_not_written_through(tmp_path):
    small_site(tmp_path)
    page = tmp_path / "out/2024/03/a0/index.html"
    snapshot = tmp_path / "snapshot.html"
    os.link(page, snapshot)  # as `cp -al` or rsync --link-dest make backups
    before = snapshot.read_bytes()
    write_article(tmp_path / "content", 0, day=1, title="Tiêu đề mới")
    assert build(tmp_path, tmp_path / "out") == 0
    assert "Tiêu đề mới" in page.read_text(encoding="utf-8")
    assert snapshot.read_bytes() == before


def test_a_corrupted_cache_is_ignored_with_a_warning(tmp_path, capsys):
    small_site(tmp_path)
    path = tmp_path / "cache" / "cache.sqlite"
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])  # cut short
    write_article(tmp_path / "content", 1, day=2, title="Tiêu đề khác")
    capsys.readouterr()
    assert build(tmp_path, tmp_path / "out") == 0
    printed = capsys.readouterr()
    assert "warning: cache" in printed.out + printed.err and "ignored" in printed.out + printed.err
    assert build(tmp_path, tmp_path / "clean", "--no-cache") == 0
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_a_cache_made_for_another_site_is_not_used(tmp_path):
    small_site(tmp_path)
    other = tmp_path / "other"
    (other / "content").mkdir(parents=True)
    (other / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    write_article(other / "content", 0, day=1, title="Bài của trang khác")
    shutil.copytree(tmp_path / "cache", other / "cache")
    assert build(other, other / "out") == 0
    assert build(other, other / "clean", "--no-cache") == 0
    assert tree(other / "out") == tree(other / "clean")


def test_a_second_build_on_the_same_cache_waits_for_the_first(tmp_path):
    small_site(tmp_path)
    from site_gen.cache.store import locked
    with locked(tmp_path / "cache" / "lock"):  # a first build still running
        second = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "build", "--content", "content",
             "--output", "out", "--cache", "cache", "--config", "site.yaml"],
            cwd=tmp_path, stdout=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert second.poll() is None  # waiting, not writing beside the first
    out, _ = second.communicate(timeout=60)
    assert second.returncode == 0 and "waiting for another build" in out


def test_the_summary_says_what_came_from_the_cache(tmp_path, capsys):
    small_site(tmp_path)
    write_article(tmp_path / "content", 1, day=2, title="Sửa một bài")
    capsys.readouterr()
    assert build(tmp_path, tmp_path / "out") == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("site-gen: 3 articles read (2 from the cache), ")


def test_a_patched_page_shared_by_hard_link_is_replaced_too(tmp_path):
    small_site(tmp_path)
    page = tmp_path / "out/404.html"  # only its Tin mới nhất box changes below
    os.link(page, tmp_path / "snapshot.html")
    before = page.read_bytes()
    write_article(tmp_path / "content", 9, day=20)
    assert build(tmp_path, tmp_path / "out") == 0
    assert page.read_bytes() != before
    assert (tmp_path / "snapshot.html").read_bytes() == before


def test_a_body_edit_while_a_scheduled_article_comes_due_equals_a_clean_build(tmp_path):
    small_site(tmp_path)  # three articles, 1 to 3 March 2024
    write_article(tmp_path / "content", 7, day=20)  # scheduled: after the first --now
    assert build(tmp_path, tmp_path / "out", "--now", "2024-03-10") == 0
    path = tmp_path / "content/a1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn thêm.\n", encoding="utf-8")
    assert build(tmp_path, tmp_path / "out", "--now", "2024-03-25") == 0  # a7 is due now
    assert build(tmp_path, tmp_path / "clean", "--now", "2024-03-25", "--no-cache") == 0
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")
    assert (tmp_path / "out/2024/03/a7/index.html").is_file()


def test_a_body_edit_into_a_deleted_output_folder_makes_the_whole_site(tmp_path):
    small_site(tmp_path)
    shutil.rmtree(tmp_path / "out")
    path = tmp_path / "content/a1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn thêm.\n", encoding="utf-8")
    assert build(tmp_path, tmp_path / "out") == 0
    assert build(tmp_path, tmp_path / "clean", "--no-cache") == 0
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_a_body_edited_makes_again_only_the_list_pages_that_show_it(tmp_path, capsys):
    """A list page reads its term's address (`term.url`), not the term's articles: an edit
    of one article's body rendered every page of its category, tags and year again (330
    at 10,000 articles), because the term was keyed whole."""
    (tmp_path / "content").mkdir()
    for n in range(6):
        write_article(tmp_path / "content", n, day=n + 1, category=0)
    (tmp_path / "site.yaml").write_text("base_url: https://example.gov.vn/\nper_page: 1\n")
    assert build(tmp_path, tmp_path / "out") == 0
    path = tmp_path / "content" / "a2.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu mới.\n", encoding="utf-8")
    capsys.readouterr()
    assert build(tmp_path, tmp_path / "out", "--verbose") == 0
    rendered = {line.split()[1].rstrip(":") for line in capsys.readouterr().out.splitlines()
                if line.startswith("rendered ")}
    shown_on = {url for url in rendered if "/page/" in url}  # a2 is the 4th newest of 6
    assert shown_on and all(url.endswith("/page/4/") for url in shown_on), rendered
    assert build(tmp_path, tmp_path / "clean", "--no-cache") == 0
    assert tree(tmp_path / "out") == tree(tmp_path / "clean")


def test_a_page_changed_back_is_newer_than_the_one_it_replaces(tmp_path):
    """An undo: the spare still held the page as it was two builds before, and kept it with
    its time then, older than the page it replaced. `aws s3 sync` (the same size) and
    `rsync -u` passed it over, and a server asked If-Modified-Since said it had not changed:
    readers went on seeing the title the undo took away."""
    small_site(tmp_path)
    page = tmp_path / "out/2024/03/a1/index.html"
    for title in ("Bài số 9", "Bài số 1"):  # the same size: only the time tells the change
        before = page.stat().st_mtime_ns
        write_article(tmp_path / "content", 1, day=2, title=title)
        assert build(tmp_path, tmp_path / "out") == 0
        assert title in page.read_text(encoding="utf-8")
        assert page.stat().st_mtime_ns > before
