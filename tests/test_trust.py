"""Builds you can trust: a build killed while writing, a full disk, two builds at once, a
cache tampered with or carried to another folder, templates that misuse a box. Each case
ends with the output equal to a clean build's, or the old site untouched."""

import contextlib
import os
import pickle
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, article
from test_incremental import build, build_and_tell, tree, write_article
from site_gen.cache.store import PAGE_SIZE
from site_gen.core.packed import pack_text


def project(root, count=6, per_page=3):
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text(f"base_url: https://example.gov.vn/\nper_page: {per_page}\n"
                                    "templates: theme\n")
    shutil.copytree(REPO / "templates", root / "theme")
    for n in range(count):
        text = article(f'"Bài số {n}"', f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d} {n % 24:02d}:{n % 60:02d}",
                       f"Nội dung bài số {n}.", category=["Dân vận", "Tuyên giáo"][n % 2])
        (root / "content" / f"a{n}.md").write_text(text, encoding="utf-8")
    return root


def command(root, output, *extra):
    return [sys.executable, str(REPO / "build.py"), "build", "--content", str(root / "content"),
            "--output", str(output), "--config", str(root / "site.yaml"),
            "--cache", str(root / "cache"), *extra]


def retheme(root, mark):
    """Every page changes: a mark in the footer of the base template."""
    path = root / "theme" / "base.html"
    text = path.read_text(encoding="utf-8").split("<!--mark-->")[0]
    path.write_text(text + f"<!--mark-->{mark}\n", encoding="utf-8")


def test_a_build_killed_while_writing_leaves_the_old_site_or_the_new_one(tmp_path):
    root = project(tmp_path, count=330, per_page=1)  # some 1,400 files
    sites = {}
    for mark in ("a", "b"):
        retheme(root, mark)
        assert subprocess.run(command(root, root / f"clean-{mark}", "--no-cache")).returncode == 0
        sites[mark] = tree(root / f"clean-{mark}")
    assert sites["a"] != sites["b"]
    out = root / "public"
    assert subprocess.run(command(root, out)).returncode == 0  # b
    chance = random.Random(7)
    for attempt, mark in enumerate("abababab"):
        retheme(root, mark)
        build = subprocess.Popen(command(root, out), stdout=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.3, 3.0))
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert tree(out) in (sites["a"], sites["b"]), attempt  # never a mix
        assert subprocess.run(command(root, out), stdout=subprocess.DEVNULL).returncode == 0
        assert tree(out) == sites[mark], attempt  # and the next build is a clean one's equal


@contextlib.contextmanager
def small_disk(disk, size):
    """A tmpfs of `size` mounted at `disk` meanwhile; the test is skipped where it cannot be."""
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("a small tmpfs needs root and mount rights here")
    try:
        yield disk
    finally:  # lazily: a build's connection to its cache may close after the test
        subprocess.run(["umount", "--lazy", str(disk)], check=True)


@contextlib.contextmanager
def read_only(folder):
    """`folder` on a read-only disk meanwhile (a bind mount); skipped where it cannot be."""
    folder.mkdir(parents=True, exist_ok=True)
    bound = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bound.returncode != 0:
        pytest.skip("a read-only bind mount needs root and mount rights here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


def test_a_full_disk_leaves_the_site_as_it_was_and_says_so(tmp_path, capsys):
    with small_disk(tmp_path / "disk", "3m") as disk:
        root = project(tmp_path / "site")
        out = disk / "public"
        assert build(root, out) == 0
        before = tree(out)
        (root / "content" / "lon.bin").write_bytes(os.urandom(3_500_000))  # more than the disk holds
        write_article(root / "content", 1, title="Tiêu đề mới")
        code, problems = build_and_tell(root, out)
        assert code == 1
        assert any("No space left" in line and "is as it was" in line for line in problems)
        assert tree(out) == before
        (root / "content" / "lon.bin").unlink()
        assert build(root, out) == 0
        assert build(root, tmp_path / "clean", "--no-cache") == 0
        assert tree(out) == tree(tmp_path / "clean")


def test_a_worker_killed_fails_the_build_and_leaves_the_old_site(tmp_path):
    """kill -9 of one worker of a --jobs 2 build (the OOM killer's way): multiprocessing's
    Pool replaced it and waited for its chunk for ever, the locks held."""
    root = project(tmp_path, count=330, per_page=1)
    out = root / "public"
    assert subprocess.run(command(root, out), stdout=subprocess.DEVNULL).returncode == 0
    before = tree(out)
    retheme(root, "new")
    run = subprocess.Popen(command(root, out, "--jobs", "2"), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    children = Path(f"/proc/{run.pid}/task/{run.pid}/children")
    killed = False
    while run.poll() is None and not killed:
        with contextlib.suppress(OSError, ValueError, IndexError):
            worker = int(children.read_text().split()[0])
            time.sleep(0.1)
            os.kill(worker, signal.SIGKILL)
            killed = True
    try:
        said = run.communicate(timeout=60)[0]
    finally:
        run.kill()
    if not killed or run.returncode == 0:
        pytest.skip("the build was done before a worker could be killed")
    assert run.returncode == 1 and "a worker process stopped" in said, said
    assert tree(out) == before
    assert subprocess.run(command(root, out), stdout=subprocess.DEVNULL).returncode == 0
    assert subprocess.run(command(root, root / "clean", "--no-cache"),
                          stdout=subprocess.DEVNULL).returncode == 0
    assert tree(out) == tree(root / "clean")


def test_the_workers_of_a_build_killed_end_with_it(tmp_path):
    """kill -9 of a --jobs 2 build while its workers render: a worker left alive held the
    locks it inherited, and the next build waited for it for ever."""
    root = project(tmp_path, count=330, per_page=1)
    out = root / "public"
    assert subprocess.run(command(root, out), stdout=subprocess.DEVNULL).returncode == 0
    retheme(root, "new")
    run = subprocess.Popen(command(root, out, "--jobs", "2"), stdout=subprocess.DEVNULL)
    children = Path(f"/proc/{run.pid}/task/{run.pid}/children")
    while run.poll() is None:
        with contextlib.suppress(OSError):
            if children.read_text().split():
                time.sleep(0.1)
                break
    run.kill()
    run.wait()
    done = subprocess.run(command(root, out), stdout=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 0 and "waiting for another build" not in done.stdout
    assert subprocess.run(command(root, root / "clean", "--no-cache"),
                          stdout=subprocess.DEVNULL).returncode == 0
    assert tree(out) == tree(root / "clean")


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_two_builds_into_one_output_wait_for_each_other(tmp_path, cache):
    root = project(tmp_path, count=60)
    runs = [subprocess.Popen(command(root, root / "public", *cache), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


MARKER = "code-ran"


class Payload:
    """Unpickling this makes a file: proof that code from the cache ran."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_nothing_read_from_the_cache_runs_code(tmp_path):
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    marker = tmp_path / MARKER
    evil = pickle.dumps(Payload(marker))
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    db.execute("UPDATE parts SET data = ?", (evil,))
    db.execute("UPDATE articles SET data = ?", (evil,))
    db.execute("UPDATE outputs SET summary = ?, data = ?", (evil, evil))
    db.commit()
    db.close()
    for old in ("pages.pickle", "articles/00.pickle", "templates/x.cache", "last-build.json"):
        (root / "cache" / old).parent.mkdir(parents=True, exist_ok=True)
        (root / "cache" / old).write_bytes(evil)
    write_article(root / "content", 1, title="Sửa một bài")
    assert build(root, root / "public") == 0
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")
    (root / "cache" / "cache.sqlite").write_bytes(evil)  # not even a database
    code, problems = build_and_tell(root, root / "public")
    assert code == 0 and any("cache" in line and "ignored" in line for line in problems)
    assert not marker.exists()


@pytest.mark.parametrize("planted", ["cache.sqlite", "lock", "cache.sqlite-journal"])
def test_a_folder_planted_where_the_cache_keeps_a_file_gives_a_correct_build(tmp_path, planted):
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    (root / "cache" / planted).unlink(missing_ok=True)
    (root / "cache" / planted / "x").mkdir(parents=True)
    write_article(root / "content", 1, title="Sửa một bài")
    code, problems = build_and_tell(root, root / "public")
    assert code == 0 and len(problems) <= 1, problems
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_a_cache_folder_that_is_a_file_is_a_usage_error(tmp_path):
    root = project(tmp_path)
    (root / "cache").write_text("not a folder")
    done = subprocess.run(command(root, root / "public"), capture_output=True, text=True)
    assert done.returncode == 2 and "is a file" in done.stderr and "Traceback" not in done.stderr


def test_damaged_parts_bodies_and_packing_dictionary_give_a_correct_build(tmp_path):
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    db.execute("UPDATE parts SET data = substr(data, 1, length(data) / 2)")  # cut short
    db.execute("UPDATE articles SET body = substr(body, 1, length(body) - 3)")  # its checksum
    db.commit()
    write_article(root / "content", 1, title="Sửa một bài")
    assert build_and_tell(root, root / "public") == (0, [])
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")
    # zstd's dictionary magic, then nothing a dictionary holds
    db.execute("UPDATE meta SET value = ? WHERE name = 'zdict'", (b"\x37\xa4\x30\xec" + b"x" * 99,))
    db.commit()
    db.close()
    write_article(root / "content", 2, title="Sửa bài nữa")
    code, problems = build_and_tell(root, root / "public")
    assert code == 0 and len(problems) == 1 and "rendered parts are dropped" in problems[0]
    shutil.rmtree(root / "clean")
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_forged_article_records_in_the_cache_are_parsed_again(tmp_path):
    """Only a whole record, as a build wrote it, is taken; anything else is read afresh."""
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    forged = ['{"$r":"Article","f":[]}', '{"$r":"Article","f":["a0.md"],"x":1}',
              '{"$r":"Nothing","f":[]}', '[1,2]', '{"$r":"Article","f":{"title":"x"}}',
              '{"$r":"Alias","f":["/x/",1]}']
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    sources = [source for (source,) in db.execute("SELECT source FROM articles ORDER BY source")]
    for source, text in zip(sources, forged):
        db.execute("UPDATE articles SET data = ? WHERE source = ?", (pack_text(text), source))
    db.commit()
    db.close()
    write_article(root / "content", 1, title="Sửa một bài")
    assert build_and_tell(root, root / "public") == (0, [])
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def summary(root, output, *extra):
    """The last line of a build run as staff and CI run it: in the project, paths relative."""
    relative = [sys.executable, str(REPO / "build.py"), "build", "--content", "content",
                "--output", os.path.relpath(output, root), "--config", "site.yaml",
                "--cache", "cache", *extra]
    done = subprocess.run(relative, capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_a_clone_elsewhere_reuses_the_cache(tmp_path):
    first = project(tmp_path / "a" / "deep")
    summary(first, first / "public")
    clone = tmp_path / "b"
    shutil.copytree(first, clone, ignore=shutil.ignore_patterns("public", ".public*"))
    for path in (clone / "content").rglob("*"):  # a fresh checkout: new times, same bytes
        os.utime(path, ns=(1, 1))
    line = summary(clone, clone / "public")
    assert "6 articles read (6 from the cache), 0 pages rendered" in line, line
    assert build(clone, clone / "clean", "--no-cache") == 0
    assert tree(clone / "public") == tree(clone / "clean")


@pytest.mark.parametrize("theme", ["theme", "none"])
def test_a_clone_at_another_depth_built_by_full_paths_renders_nothing(tmp_path, theme):
    """As a test or a script runs it: every path given in full. What a page is made from
    (an article, the settings, a văn bản's attached file) is keyed as the project names it."""
    first = project(tmp_path / "a" / "deep")
    if theme == "none":  # the built-in theme, which lives beside the generator
        shutil.rmtree(first / "theme")
        (first / "site.yaml").write_text("base_url: https://example.gov.vn/\nper_page: 3\n")
    (first / "content" / "van-ban").mkdir()
    (first / "content" / "van-ban" / "vb.pdf").write_bytes(b"%PDF-1.4 tiny")
    (first / "content" / "van-ban" / "vb.md").write_text(
        '---\ntitle: "Văn bản"\nnumber: "01-CT/TW"\ndoc_type: Chỉ thị\nissuer: Ban Bí thư\n'
        "issued: 2024-03-02\nfiles: [vb.pdf]\n---\n\nNội dung.\n", encoding="utf-8")
    assert build(first, first / "public") == 0
    clone = tmp_path / "b"
    shutil.copytree(first, clone, ignore=shutil.ignore_patterns("public", ".public*"))
    for path in (clone / "content").rglob("*"):  # a fresh checkout: new times, same bytes
        os.utime(path, ns=(1, 1))
    done = subprocess.run(command(clone, clone / "public"), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert " 0 pages rendered" in done.stdout, done.stdout
    assert build(clone, clone / "clean", "--no-cache") == 0
    assert tree(clone / "public") == tree(clone / "clean")


@pytest.mark.parametrize("name, old, new", [
    ("content/a1.md", "Bài số 1", "Bài sớ 1"),  # the same size: ố and ớ are three bytes each
    ("theme/base.html", "<footer", "<FOOTER"),
    ("theme/static/site.css", "body", "BODY"),
])
def test_an_edit_that_keeps_size_and_time_is_seen(tmp_path, name, old, new):
    """As `touch -r`, `cp -p` or an archive unpacked leave a file: its time set back."""
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    path = root / name
    text, before = path.read_text(encoding="utf-8"), path.stat()
    assert old in text and len(old.encode()) == len(new.encode())
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert build(root, root / "public") == 0
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_a_project_moved_elsewhere_names_its_own_files_in_warnings(tmp_path):
    root = project(tmp_path / "a")
    text = (root / "content" / "a1.md").read_text(encoding="utf-8")
    (root / "content" / "a1.md").write_text(text.replace("title:", "nguon: Báo\ntitle:", 1),
                                            encoding="utf-8")
    assert build_and_tell(root, root / "public")[1][0].startswith(f"{root}/content/a1.md:")
    copy = (tmp_path / "a").rename(tmp_path / "b")
    code, problems = build_and_tell(copy, copy / "public")
    assert (code, problems) == build_and_tell(copy, copy / "clean", "--no-cache")
    assert problems and problems[0].startswith(f"{copy}/content/a1.md:"), problems


def test_a_fresh_output_with_the_cache_restored_is_assembled_not_rendered(tmp_path):
    root = project(tmp_path, count=12)
    summary(root, root / "public")
    for gone in ("public", ".public.spare", ".public.lock"):  # CI: a fresh checkout
        shutil.rmtree(root / gone, ignore_errors=True)
        (root / gone).unlink(missing_ok=True)
    write_article(root / "content", 20, day=27)  # one article added
    line = summary(root, root / "public")
    rendered, assembled = (int(line.split(f" {word}")[0].rsplit(" ", 1)[-1])
                           for word in ("pages rendered", "assembled"))
    assert assembled >= 12 and rendered < assembled, line  # the old articles: assembled
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_output_folders_sharing_a_cache_do_not_evict_each_other(tmp_path):
    root = project(tmp_path, count=12)
    assert build(root, root / "public") == 0
    assert build(root, root / "preview", "--now", "2030-01-01") == 0
    path = root / "content" / "a3.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    line = summary(root, root / "public")
    assert " 0 assembled" not in line and "6 pages rendered" not in line.split(",")[1], line


def test_the_record_of_a_folder_gone_is_forgotten(tmp_path):
    """Each `serve` builds into a folder of its own, removed when it stops: six sessions
    left six records, and the parts they named, in the cache for good."""
    root = project(tmp_path)
    for name in ("a", "b", "public"):
        assert build(root, root / name) == 0
    shutil.rmtree(root / "a")
    write_article(root / "content", 1, title="Sửa một bài")
    assert build(root, root / "public") == 0
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    assert sorted(name for (name,) in db.execute("SELECT name FROM outputs")) == ["b", "public"]
    db.close()


def test_a_box_used_as_anything_but_itself_is_refused_alike(tmp_path):
    root = project(tmp_path)
    path = root / "theme" / "base.html"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "</footer>", "{{ latest_box|length }}</footer>"), encoding="utf-8")
    cached = build_and_tell(root, root / "public")
    assert cached == build_and_tell(root, root / "clean", "--no-cache")
    code, problems = cached
    assert code == 1 and problems[0].startswith(f"{path}:")
    assert "latest_box can only be shown as it is" in problems[0]


def test_drafts_shown_then_hidden_equal_clean_builds(tmp_path):
    from site_gen.core.config import load_config
    from site_gen.stages.pipeline import build_site
    root = project(tmp_path)
    write_article(root / "content", 9, day=9, draft=True)
    config = load_config(root / "site.yaml")[0]
    for drafts in (True, False, True):
        kept = build_site(root / "content", root / "public", config, None, drafts,
                          root / "cache", 1, True)
        clean = build_site(root / "content", root / f"clean-{drafts}", config, None, drafts,
                           root / "scratch", 1, False)
        assert kept.ok and clean.ok
        assert tree(root / "public") == tree(root / f"clean-{drafts}")
        shutil.rmtree(root / f"clean-{drafts}")


def test_build_drafts_shown_then_hidden_equal_clean_builds(tmp_path):
    root = project(tmp_path)
    write_article(root / "content", 9, day=9, title="Bài nháp", draft=True)
    for extra in (("--drafts",), (), ("--drafts",)):
        assert build(root, root / "public", *extra) == 0
        assert build(root, root / "clean", "--no-cache", *extra) == 0
        assert tree(root / "public") == tree(root / "clean")
        shown = "Bài nháp" in (root / "public" / "index.html").read_text(encoding="utf-8")
        assert shown == bool(extra)
        shutil.rmtree(root / "clean")


def test_a_cache_of_an_older_version_is_started_again(tmp_path):
    root = project(tmp_path)
    db = sqlite3.connect(root / "cache.sqlite")  # as an older site-gen left it
    db.executescript("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB);"
                     "INSERT INTO meta VALUES ('generation', 'older');"
                     "CREATE TABLE articles (source TEXT PRIMARY KEY, data BLOB);")
    db.commit()
    db.close()
    (root / "cache").mkdir()
    shutil.move(root / "cache.sqlite", root / "cache" / "cache.sqlite")
    assert build(root, root / "public") == 0
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_a_spare_of_unknown_contents_keeps_only_what_is_wanted(tmp_path):
    """What a killed build may leave in the spare: strays, links (to folders too, never
    followed), empty folders; only wanted files stay, and nothing outside is touched."""
    from site_gen.stages.write import delete_unwanted

    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "index.html").write_text("not ours")
    spare = tmp_path / "spare"
    for rel in ("a/index.html", "a/b/index.html", "stray.html", "c/d/old.html"):
        (spare / rel).parent.mkdir(parents=True, exist_ok=True)
        (spare / rel).write_text(rel)
    (spare / "empty" / "deeper").mkdir(parents=True)
    (spare / "a" / "link").symlink_to(outside / "keep")
    (spare / "wanted-link.html").symlink_to(outside / "keep" / "index.html")

    deleted = delete_unwanted(spare, {"a/index.html", "a/b/index.html", "wanted-link.html"})

    assert deleted == 3  # stray.html, c/d/old.html and the link a/link
    assert sorted(str(p.relative_to(spare)) for p in spare.rglob("*")) == [
        "a", "a/b", "a/b/index.html", "a/index.html", "wanted-link.html"]
    assert (outside / "keep" / "index.html").read_text() == "not ours"


def test_a_page_deleted_edited_or_linked_by_hand_in_the_output_is_not_kept(tmp_path):
    """The spare a build writes into is the site of the build before last: a page deleted
    or written over there by hand, or its folder made a link to a copy (times kept), and
    not changed since, was kept as the record said it was, and so published again by the
    swap (the page gone, the hand's bytes, a link out of the site)."""
    root = project(tmp_path)
    edited = root / "content" / "a0.md"

    def edit_body_and_build(n):
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nĐoạn {n}.\n",
                          encoding="utf-8")
        assert build(root, root / "public") == 0

    assert build(root, root / "public") == 0
    edit_body_and_build(1)  # both folders are now known to the cache
    gone, changed, linked = (next((root / "public").rglob(f"a{n}/index.html")).parent
                             for n in (3, 4, 5))
    (gone / "index.html").unlink()
    (changed / "index.html").write_text("sửa tay", encoding="utf-8")
    shutil.copytree(linked, tmp_path / "copy")  # with the files' times
    shutil.rmtree(linked)
    linked.symlink_to(tmp_path / "copy")
    edit_body_and_build(2)  # the folder edited by hand is now the spare...
    edit_body_and_build(3)  # ...written into, and swapped in again
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")
    assert not linked.is_symlink()


def test_a_file_added_by_hand_in_the_output_is_not_published_again(tmp_path):
    """A file put in a folder of the output (a check file, a page copied from the old
    portal) was in no build's record, so no build deleted it: the output, swapped to be the
    spare, was written into and swapped in again with it, every other build, for good,
    where a clean build has no such file."""
    root = project(tmp_path)
    edited = root / "content" / "a0.md"
    assert build(root, root / "public") == 0
    folder = next((root / "public").rglob("a3/index.html")).parent
    (folder / "stray.html").write_text("đặt tay", encoding="utf-8")
    for n in range(3):
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nĐoạn {n}.\n",
                          encoding="utf-8")
        assert build(root, root / "public") == 0
        assert not (folder / "stray.html").exists(), n
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_a_template_failing_on_many_pages_names_the_same_page_however_many_processes(tmp_path):
    """Told once, at its line, naming one page: the first one a worker met, so another
    page with --jobs 2 than with --jobs 1, and another in a check (every core)."""
    root = project(tmp_path, count=330, per_page=1)  # over 300 pages: shared by workers
    template = root / "theme" / "article.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{{ article.title }}", "{{ article.title }}{% if '7' in article.title %}{{ 1/0 }}"
        "{% endif %}", 1), encoding="utf-8")
    told = [build_and_tell(root, root / "public", "--no-cache", "--jobs", jobs)
            for jobs in ("1", "2")]
    assert told[0] == told[1] and told[0][0] == 1 and len(told[0][1]) == 1


def test_a_box_that_did_not_change_is_taken_from_the_cache(tmp_path, monkeypatch):
    """An article added changes "Tin mới nhất" on every page but no other article's "Tin
    liên quan": the pages are assembled, their related boxes taken from the cache, not made
    again; and the site equals a clean build."""
    from site_gen.stages.render import Renderer

    root = project(tmp_path, count=12)
    assert build(root, root / "public") == 0
    assert build(root, root / "public") == 0  # nothing to do; both trees known after the next
    made, real = [], Renderer.box
    monkeypatch.setattr(Renderer, "box", lambda self, name, words, page: (
        made.append(name), real(self, name, words, page))[1])
    text = article('"Bài mới"', "2025-01-02 08:00", "Nội dung mới.", category="Khác")
    (root / "content" / "new.md").write_text(text, encoding="utf-8")
    assert build(root, root / "public") == 0
    assert made.count("latest") >= 1 and made.count("related") <= 1, made
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_pages_of_two_templates_that_read_nothing_are_not_one(tmp_path):
    """robots.txt reads no value; a 404 page written as plain HTML reads none either."""
    root = project(tmp_path)
    (root / "theme" / "404.html").write_text("<!DOCTYPE html><title>Không tìm thấy</title>\n",
                                             encoding="utf-8")
    assert build(root, root / "public") == 0
    assert build(root, root / "clean", "--no-cache") == 0
    assert (root / "public" / "robots.txt").read_text().startswith("User-agent: *")
    assert tree(root / "public") == tree(root / "clean")


def test_an_output_folder_made_again_or_swapped_by_a_clean_build_is_built(tmp_path):
    """Nothing to do means the very folder the last build left: not an empty one made in
    its place, nor the site a build without the cache swapped in at another "now"."""
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    shutil.rmtree(root / "public")
    (root / "public").mkdir()
    assert build(root, root / "public") == 0
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")
    assert build(root, root / "public", "--no-cache", "--now", "2024-02-01") == 0
    assert build(root, root / "public") == 0
    assert tree(root / "public") == tree(root / "clean")


@pytest.mark.parametrize("name", ["static/inline.css", ".note.html"])
def test_a_template_can_load_only_what_its_key_covers(tmp_path, name):
    """A static file (copied, not keyed as a template) or a hidden one (not listed) cannot
    be included: refused alike with and without the cache, saying why."""
    root = project(tmp_path)
    (root / "theme" / name).write_text("<p>một</p>\n", encoding="utf-8")
    base = root / "theme" / "base.html"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("</footer>", f'{{% include "{name}" %}}</footer>'),
                    encoding="utf-8")
    cached = build_and_tell(root, root / "public")
    assert cached == build_and_tell(root, root / "clean", "--no-cache")
    assert cached[0] == 1 and len(cached[1]) == 1, cached
    assert cached[1][0].startswith(f"{base}:") and "is not read" in cached[1][0], cached


def test_templates_below_a_folder_named_static_are_keyed(tmp_path):
    root = project(tmp_path / "static" / "site")
    assert build(root, root / "public") == 0
    retheme(root, "sửa")
    assert build(root, root / "public") == 0
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


@pytest.mark.parametrize("template, old, new", [
    ("base.html", "</footer>", "{% if %}</footer>"),  # cannot be parsed
    ("base.html", "</footer>", "{% include '_gone.html' %}</footer>"),  # includes what is not there
    ("_related.html", "{% endif %}", "{{ entries.nothing.deeper }}{% endif %}"),  # a box fails
])
def test_a_broken_template_is_reported_alike_with_and_without_the_cache(tmp_path, template, old,
                                                                         new):
    """A build without the cache does not key its pages: a template's problem is found
    when the page is made, and must read as it does when the page is keyed first."""
    root = project(tmp_path)
    path = root / "theme" / template
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    cached = build_and_tell(root, root / "public")
    assert cached == build_and_tell(root, root / "clean", "--no-cache")
    assert cached[0] == 1 and cached[1], cached
    # one problem, in the file that has it (keys once named the page's; a missing include
    # was once said to be in the page's template, at line 1)
    assert len(cached[1]) == 1 and cached[1][0].startswith(f"{path}:"), cached
    assert not cached[1][0].startswith(f"{path}:1:"), cached


@pytest.mark.parametrize("template", ["_identity.html", "404.html", "base.html"])
def test_a_template_saved_in_another_encoding_is_reported_alike(tmp_path, template):
    """Saved as Windows-1258, say: one problem, in the file, at the line; no traceback."""
    root = project(tmp_path)
    path = root / "theme" / template
    path.write_bytes(path.read_bytes() + b"<p>Trang ch\xe1</p>\n")
    cached = build_and_tell(root, root / "public")
    assert cached == build_and_tell(root, root / "clean", "--no-cache")
    line = path.read_bytes().count(b"\n")
    assert cached[0] == 1 and cached[1] == [f"{path}:{line}: not UTF-8 text: save the "
                                            "template as UTF-8"], cached


@pytest.mark.parametrize("template, old, new, says", [
    ("base.html", "</footer>", "{{ 1 / 0 }}</footer>", "ZeroDivisionError"),
    ("article.html", "{% block main %}", "{% block main %}{{ none|day }}", "AttributeError"),
    ("article.html", "{% block main %}", '{% block main %}{% include "article.html" %}',
     "RecursionError"),
    # the whole context, behind `self`: what a page's key does not cover
    ("article.html", "{% block main %}", "{% block main %}{{ self._TemplateReference__context"
     ".newest|length }}", "has no attribute '_TemplateReference__context'"),
    ("article.html", "{% block main %}", "{% block main %}{{ self['__class__'] }}",
     "has no attribute '__class__'"),
    ("article.html", "{% block main %}", "{% block main %}{{ lipsum() }}",
     "'lipsum' is undefined"),
    # the file as the command named it: a clone elsewhere would show another path
    ("article.html", "{% block main %}", "{% block main %}{{ article.path }}",
     "has no attribute 'path'"),
    ("article.html", "{% block main %}", "{% block main %}{{ article['path'] }}",
     "has no attribute 'path'"),
    ("list.html", "{% block main %}", "{% block main %}{{ items|map(attribute='path')|join }}",
     "has no attribute 'path'"),
])
def test_a_template_asking_the_impossible_is_reported_alike(tmp_path, template, old, new, says):
    """Python's errors from what a template does are the template's problem, at its line."""
    root = project(tmp_path)
    path = root / "theme" / template
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    cached = build_and_tell(root, root / "public")
    assert cached == build_and_tell(root, root / "clean", "--no-cache")
    assert cached[0] == 1 and len(cached[1]) == 1, cached
    assert cached[1][0].startswith(f"{path}:") and says in cached[1][0], cached


def test_a_broken_template_no_page_gets_to_builds_alike(tmp_path):
    root = project(tmp_path)
    (root / "theme" / "_banner.html").write_text("<div>{{ words.home }\n", encoding="utf-8")
    base = root / "theme" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", (
        '{% if page.url == "/chua-dung/" %}{% include "_banner.html" %}{% endif %}</footer>')),
        encoding="utf-8")
    assert build_and_tell(root, root / "public") == (0, [])
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


@pytest.mark.parametrize("include", ["{% include '_gone.html' ignore missing %}",
                                     "{% include ['_gone.html', '_entries.html'] %}"])
def test_a_template_naming_what_need_not_be_there_builds_alike(tmp_path, include):
    """The cache once read a missing include as an error, though the page is made without
    it: the cached build failed where a clean one did not."""
    root = project(tmp_path)
    path = root / "theme" / "base.html"
    path.write_text(path.read_text(encoding="utf-8").replace("</footer>", include + "</footer>"),
                    encoding="utf-8")
    assert build_and_tell(root, root / "public") == (0, [])
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_a_file_written_in_place_holds_exactly_the_new_bytes(tmp_path):
    from site_gen.stages.write import Below, put

    folder = tmp_path / "spare"
    folder.mkdir()
    below = Below(folder)
    put(below, "a/b/index.html", b"x" * 100)
    put(below, "a/b/index.html", b"short")  # over a longer file: cut to the new length
    assert (folder / "a/b/index.html").read_bytes() == b"short"
    put(below, "a/b/index.html", b"longer than before")
    assert (folder / "a/b/index.html").read_bytes() == b"longer than before"
    os.link(folder / "a/b/index.html", tmp_path / "copy.html")  # a copy by hard link
    put(below, "a/b/index.html", b"new")
    assert (tmp_path / "copy.html").read_bytes() == b"longer than before"
    os.symlink(tmp_path / "copy.html", folder / "a/link.html")  # a link where a file goes
    put(below, "a/link.html", b"file")
    assert not (folder / "a/link.html").is_symlink()
    assert (tmp_path / "copy.html").read_bytes() == b"longer than before"


def test_the_cache_file_packs_rows_into_large_pages(tmp_path):
    """Rows of 2-3 KB each took a 4 KiB page of their own: the file is made with larger
    pages, also when it replaces a cache of an older version."""
    root = project(tmp_path)
    (root / "cache").mkdir()
    db = sqlite3.connect(root / "cache" / "cache.sqlite")  # an older site-gen's, 4 KiB pages
    db.executescript("PRAGMA page_size=4096; CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB);"
                     "INSERT INTO meta VALUES ('generation', 'older');")
    db.close()
    assert build(root, root / "public") == 0
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    assert db.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE > 4096
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    db.close()


def equal_after_edits(root, edits):
    """Each edit, then a build with the cache and a clean one: the same status, messages
    and files. Builds into a folder whose spare the cache knows come from the third on."""
    for n in range(3):  # each build writes into the folder the one before the last left
        with (root / "theme" / "static" / "site.css").open("a") as css:
            css.write(f"/* {n} */")
        assert build(root, root / "public") == 0
    for n, edit in enumerate(edits):
        edit()
        cached = build_and_tell(root, root / "public")
        clean = build_and_tell(root, root / f"clean{n}", "--no-cache")
        assert cached == clean
        if cached[0] == 0:
            assert tree(root / "public") == tree(root / f"clean{n}")


def test_a_lead_image_written_with_a_double_slash_keeps_its_thumbnails(tmp_path):
    from PIL import Image
    root = project(tmp_path)
    (root / "content" / "anh").mkdir()
    Image.new("RGB", (900, 600)).save(root / "content" / "anh" / "x.jpg")
    path = root / "content" / "a1.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n\n", "image: /anh/x.jpg\n---\n\n", 1), encoding="utf-8")
    equal_after_edits(root, [lambda: path.write_text(
        path.read_text(encoding="utf-8").replace("/anh/x.jpg", "/anh//x.jpg"), encoding="utf-8")])
    assert (root / "public" / "thumbs" / "320" / "anh" / "x.jpg").is_file()


def test_thumbnails_the_full_cache_disk_will_not_take_are_made_in_a_scratch_folder(tmp_path):
    """It was a warning that the image was "unreadable (No space left on device)", and the
    site was published without the thumbnail; the build now goes on as one without the
    cache would, the thumbnails made in a scratch folder, and says so once."""
    from PIL import Image
    root = project(tmp_path / "site")
    (root / "content" / "anh").mkdir()
    for name in ("x", "y"):
        Image.effect_noise((900, 600), 64).convert("RGB").save(root / "content" / "anh" / f"{name}.jpg")
    for n, name in ((1, "x"), (2, "y")):
        path = root / "content" / f"a{n}.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "---\n\n", f"image: /anh/{name}.jpg\n---\n\n", 1), encoding="utf-8")
    with small_disk(tmp_path / "disk", "1m") as disk:
        with contextlib.suppress(OSError), open(disk / "full", "wb") as filler:
            while True:
                filler.write(b"x" * 4096)
                filler.flush()
        code, problems = build_and_tell(root, root / "public", "--cache", str(disk))
        assert code == 0, problems
        told = [line for line in problems if "scratch folder" in line]
        assert len(told) == 1 and "No space left" in told[0], problems
        # the cache itself: one warning, not first "cannot be read" and thrown away
        assert [line for line in problems if "cache" in line and "scratch" not in line] == [
            f"{disk}:0: warning: the cache cannot be used (database or disk is full); built "
            "without it"], problems
        assert build(root, root / "clean", "--no-cache") == 0
        assert tree(root / "public") == tree(root / "clean")
        assert (root / "public" / "thumbs" / "320" / "anh" / "y.jpg").is_file()


def test_a_file_of_the_content_where_the_theme_has_one_is_an_error_naming_both(tmp_path):
    root = project(tmp_path)
    css = root / "content" / "static" / "site.css"
    css.parent.mkdir()
    equal_after_edits(root, [lambda: css.write_text("body{}"), lambda: css.write_text("a{}"),
                             css.unlink])
    css.write_text("a{}")
    code, problems = build_and_tell(root, root / "public")
    assert code == 1
    assert any(line.startswith(f"{css}:1: address /static/site.css is also written by ")
               and str(root / "theme" / "static" / "site.css") in line for line in problems)


@pytest.mark.parametrize("setting", [
    "article_url: /{year}/{month}//{slug}/",
    "kinds:\n  su-kien:\n    folder: su-kien\n    url: /su-kien/./{slug}/\n    template: page.html"])
def test_an_address_pattern_with_two_spellings_of_one_file_is_refused(tmp_path, setting):
    """/a//b/ and /a/./b/ are the file a/b/index.html: a cached build took the one it wrote
    under the other spelling as no longer wanted, and deleted it."""
    root = project(tmp_path)
    with (root / "site.yaml").open("a") as settings:
        settings.write(setting + "\n")
    code, problems = build_and_tell(root, root / "public")
    assert code == 1 and any(line.startswith(f"{root / 'site.yaml'}:") and "'//'" in line
                             for line in problems), "\n".join(problems)


def test_a_kind_with_dated_and_undated_items_is_put_in_the_sitemap(tmp_path):
    root = project(tmp_path)
    with (root / "site.yaml").open("a") as settings:
        settings.write("kinds:\n  su-kien:\n    folder: su-kien\n    url: /su-kien/{slug}/\n"
                       "    template: page.html\n    list_url: /su-kien/\n    list_template: su-kien.html\n"
                       "    sitemap: true\n")
    (root / "theme" / "su-kien.html").write_text("{% for a in items %}{{ a.title }}{% endfor %}")
    (root / "content" / "su-kien").mkdir()
    (root / "content" / "su-kien" / "a.md").write_text("---\ntitle: Có ngày\ndate: 2024-12-01\n---\nx\n")
    (root / "content" / "su-kien" / "b.md").write_text("---\ntitle: Không ngày\n---\ny\n")
    assert build(root, root / "public") == 0
    assert "/su-kien/" in (root / "public" / "sitemap.xml").read_text(encoding="utf-8")


def test_a_theme_picking_at_random_makes_the_same_site_every_time(tmp_path):
    """`|random` picks by what it is given, not by the moment: two clean builds are one
    site, and a cached build is that site too."""
    root = project(tmp_path, count=12)
    path = root / "theme" / "list.html"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{% block main %}", "{% block main %}<p id='pick'>{{ (items|random).title }} "
        "{{ range(1000)|random }}</p>", 1), encoding="utf-8")
    sites = []
    for n in range(3):
        assert build(root, root / f"clean{n}", "--no-cache") == 0
        sites.append(tree(root / f"clean{n}"))
    assert sites[0] == sites[1] == sites[2]
    assert build(root, root / "public") == 0
    assert tree(root / "public") == sites[0]


def test_a_link_planted_in_the_output_takes_no_write_outside_it(tmp_path):
    """The cache knows the spare by its top folder alone: a link planted deeper
    (2024/12 -> a folder elsewhere) was followed, the build wrote its pages there and
    deleted a file of that folder which a page of the site was named like."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    outside = tmp_path / "outside"
    (outside / "mot").mkdir(parents=True)
    (outside / "mot" / "index.html").write_text("not the site's")
    for slug, day in (("mot", 1), ("hai", 2)):
        (root / "content" / f"{slug}.md").write_text(
            article(f"Bài {slug}", f"2024-12-0{day}", slug=slug), encoding="utf-8")
    assert build(root, root / "public") == 0
    write_article(root / "content", 9, title="Bài mới")
    assert build(root, root / "public") == 0  # both folders known to the cache now
    for tree_root in (root / "public", root / ".public.spare"):
        shutil.rmtree(tree_root / "2024" / "12")
        (tree_root / "2024" / "12").symlink_to(outside)
    (root / "content" / "hai.md").write_text(article("Bài hai, sửa", "2024-12-02", slug="hai"),
                                            encoding="utf-8")
    (root / "content" / "mot.md").unlink()
    for _ in range(2):  # into each of the two folders
        assert build(root, root / "public") == 0
    assert sorted(p.relative_to(outside).as_posix() for p in outside.rglob("*")) == [
        "mot", "mot/index.html"]
    assert (outside / "mot" / "index.html").read_text() == "not the site's"
    page = root / "public" / "2024" / "12" / "hai" / "index.html"
    assert not page.parent.parent.is_symlink() and "sửa" in page.read_text(encoding="utf-8")


def test_an_attachment_is_copied_and_hashed_a_piece_at_a_time(tmp_path):
    """A file the site copies as it is was read whole into memory: a 3 GB attachment was a
    MemoryError. Now its bytes pass a megabyte at a time."""
    import tracemalloc

    root = project(tmp_path)
    big = root / "content" / "bao-cao.pdf"
    with big.open("wb") as file:  # sparse: 64 MB on the page, almost nothing on the disk
        file.truncate(64 << 20)
    tracemalloc.start()
    try:
        assert build(root, root / "public") == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (root / "public" / "bao-cao.pdf").stat().st_size == 64 << 20
    assert peak < 32 << 20


def test_a_project_moved_and_built_by_relative_paths_names_its_own_views_file(tmp_path):
    """data/views.csv is named in warnings by its full path: a build with nothing else to
    do after `mv a b` repeated the old folder's name."""
    root = project(tmp_path / "a")
    (root / "data").mkdir()
    (root / "data" / "views.csv").write_text("url,views\nnot a count\n", encoding="utf-8")

    def told(folder, output, *extra):
        done = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--content",
                               "content", "--output", output, "--config", "site.yaml",
                               "--jobs", "1", *extra], cwd=folder, capture_output=True,
                              text=True)
        return done.returncode, [line for line in (done.stdout + done.stderr).splitlines()
                                 if not line.startswith("site-gen:")]

    assert told(root, "public")[1] == [f"{root}/data/views.csv:2: warning: expected "
                                       "`address,views`; line ignored"]
    moved = root.rename(tmp_path / "b")
    assert told(moved, "public") == told(moved, "clean", "--no-cache")


@pytest.mark.parametrize("elsewhere", ["--no-cache", "another cache"])
def test_a_spare_written_by_a_failed_build_without_this_cache_is_not_trusted(tmp_path, elsewhere):
    """A build that keeps no record in this cache (--no-cache, or another --cache) and fails
    after writing pages into the spare (a template error on one page, or Ctrl-C) left them
    there; the spare's folder kept its id, and the next build with this cache trusted its
    record of it, deleting only the files it knew: the failed build's new pages and search
    files were published with the next site."""
    root = project(tmp_path)
    path = root / "theme" / "article.html"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "<h1>{{ article.title }}</h1>",
        "<h1>{{ article.title }}{% if article.title == 'Hỏng' %}{{ 1 / 0 }}{% endif %}</h1>", 1),
        encoding="utf-8")
    assert build(root, root / "public") == 0
    write_article(root / "content", 1, title="Sửa một bài")
    assert build(root, root / "public") == 0  # the spare is known to the cache too
    write_article(root / "content", 20, day=5, title="Bài mới")
    write_article(root / "content", 21, day=6, title="Hỏng")
    other = ("--no-cache",) if elsewhere == "--no-cache" else ("--cache", str(tmp_path / "other"))
    assert build(root, root / "public", *other) == 1  # a20's page written, a21's failed
    (root / "content" / "a20.md").unlink()
    (root / "content" / "a21.md").unlink()
    write_article(root / "content", 2, title="Sửa bài khác")
    assert build(root, root / "public") == 0
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_a_template_saved_while_a_build_runs_is_not_kept_under_its_old_bytes(tmp_path, monkeypatch):
    """The templates were read for the key when the build began and again, each when a page
    first needed it, to make the pages: one saved meanwhile (serve rebuilds as a theme is
    edited) made pages kept under the key of the bytes before, and a later build with
    those bytes back (an undo, a checkout) published the edited pages."""
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    path = root / "theme" / "sitemap.xml"
    before = path.read_bytes()
    retheme(root, "a")  # every page made again
    import site_gen.stages.site as site
    digest = site.templates_digest

    def saved_meanwhile(*args):
        found = digest(*args)
        path.write_bytes(before + b"<!-- saved while the build ran -->\n")
        return found

    monkeypatch.setattr(site, "templates_digest", saved_meanwhile)
    assert build(root, root / "public") == 0
    monkeypatch.setattr(site, "templates_digest", digest)
    path.write_bytes(before)  # put back
    assert build(root, root / "public") == 0
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


@pytest.mark.parametrize("kind", ["lead image", "album photo"])
def test_a_picture_saved_while_a_build_reads_it_leaves_no_thumbnail_under_its_old_bytes(
        tmp_path, monkeypatch, kind):
    """A thumbnail is kept under a digest of the picture's bytes, taken before the picture
    is read again to be made small: a picture saved in between (serve rebuilds as files
    are copied in) left in the cache a thumbnail of the new picture under the old bytes'
    name, which every later build with the old picture back published."""
    from PIL import Image
    root = project(tmp_path)
    if kind == "lead image":
        picture = root / "content" / "anh" / "x.png"
        path = root / "content" / "a1.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n\n", "image: /anh/x.png\n---\n\n", 1),
                        encoding="utf-8")
    else:
        picture = root / "content" / "thu-vien-anh" / "hop" / "x.png"
        picture.parent.mkdir(parents=True)
        (picture.parent / "index.md").write_text(
            '---\ntitle: "Ảnh"\ndate: 2024-03-05\n---\n\nẢnh.\n', encoding="utf-8")
    picture.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 600), (200, 0, 0)).save(picture)
    old = picture.read_bytes()
    import site_gen.stages.albums as albums
    import site_gen.stages.images as images
    module = images if kind == "lead image" else albums
    digest = module.file_digest

    def saved_meanwhile(path, *args):
        found = digest(path, *args)
        if path == picture:
            Image.new("RGB", (900, 600), (0, 0, 200)).save(picture)
        return found

    monkeypatch.setattr(module, "file_digest", saved_meanwhile)
    build_and_tell(root, root / "public")  # whatever it says of a picture changing meanwhile
    monkeypatch.setattr(module, "file_digest", digest)
    picture.write_bytes(old)  # put back
    equal_after_edits(root, [lambda: write_article(root / "content", 2, title="Sửa một bài")])


def test_a_file_saved_while_a_build_copies_it_is_recorded_by_the_bytes_copied(tmp_path,
                                                                              monkeypatch):
    """A file copied as it is (an attachment, an image, a static file) was hashed, then read
    again to be copied: one saved in between was recorded with the old bytes' hash over
    the new bytes, and once the old bytes were back (an undo), a build into that folder
    took the file for what it held and published the new bytes."""
    root = project(tmp_path)
    pdf = root / "content" / "tep.pdf"
    pdf.write_bytes(b"%PDF-1.4 first")
    assert build(root, root / "public") == 0
    pdf.write_bytes(b"%PDF-1.4 second version")
    import site_gen.stages.site as site
    digest = site.file_digest

    def saved_meanwhile(path, *args):
        found = digest(path, *args)
        if path == pdf:
            pdf.write_bytes(b"%PDF-1.4 third, saved while the build ran")
        return found

    monkeypatch.setattr(site, "file_digest", saved_meanwhile)
    assert build(root, root / "public") == 0
    monkeypatch.setattr(site, "file_digest", digest)
    pdf.write_bytes(b"%PDF-1.4 second version")  # undone: the bytes the build hashed
    equal_after_edits(root, [lambda: write_article(root / "content", 1, title=title)
                             for title in ("Sửa một bài", "Sửa lần nữa")])


def test_an_article_saved_while_a_build_reads_it_is_kept_by_the_bytes_read(tmp_path,
                                                                           monkeypatch):
    """An article was hashed, then read again to be parsed: one saved in between was kept
    in the cache with the first read's hash and the second read's record, and once the
    first bytes were back (an undo), a build took that record for them."""
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    path = root / "content" / "a1.md"
    write_article(root / "content", 1, title="Tiêu đề A")
    read, saved = type(path).read_bytes, []

    def saved_meanwhile(file):
        found = read(file)
        if file == path and not saved:  # saved again just after the build first read it
            saved.append(write_article(root / "content", 1, title="Tiêu đề B"))  # same size
        return found

    monkeypatch.setattr(type(path), "read_bytes", saved_meanwhile)
    assert build(root, root / "public") == 0
    monkeypatch.setattr(type(path), "read_bytes", read)
    write_article(root / "content", 1, title="Tiêu đề A")  # undone
    equal_after_edits(root, [lambda: write_article(root / "content", 2, title="Sửa bài khác")])
