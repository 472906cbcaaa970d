"""A cache folder anyone may have written into: records of another shape, a record that
inflates to gigabytes, forged sizes, pipes and links where a build keeps its files, a cache
it cannot write. Each build ends as a clean one does, with at most a warning about the
cache: never a traceback, never a build that waits for ever."""

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tracemalloc

import pytest
import zstandard

from conftest import REPO
from test_incremental import build, build_and_tell, tree, write_article
from test_trust import command, project, read_only, small_disk
from site_gen.commands.cli import main
from site_gen.cache.store import RECORD_LIMIT, Store, pack_record, read_record
from site_gen.core.packed import pack_text, unpack_text


def forge_record(root, change):
    """The record of public/ (its summary and its whole), as `change` makes them."""
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    rows = db.execute("SELECT summary, data FROM outputs WHERE name = 'public'").fetchone()
    summary, data = change(*(read_record(row) for row in rows))
    db.execute("UPDATE outputs SET summary = ?, data = ? WHERE name = 'public'",
               tuple(v if isinstance(v, bytes) else pack_record(v)
                     for v in (summary, data)))
    db.commit()
    db.close()


def as_clean(root, problems):
    """The cache's own warning at most, and the bytes of a build without the cache."""
    assert all("warning" in line and "cache" in line for line in problems), problems
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def every_file(trees, value):
    return {tree: {rel: value for rel in files} for tree, files in trees.items()}


def each_file(trees, change):
    return {tree: {rel: change(*entry) for rel, entry in files.items()}
            for tree, files in trees.items()}


DEEP = zstandard.ZstdCompressor().compress(b"[" * 100_000 + b"]" * 100_000)
RECORDS = {  # name: (summary, whole) as forged from the real ones
    "window of numbers": lambda s, d: ({**s, "window": [1, 2]}, d),
    "window without a zone": lambda s, d: ({**s, "window": ["2024-01-01T00:00:00", None]}, d),
    "problem of one number": lambda s, d: ({**s, "diagnostics": [5]}, d),
    "no count of files": lambda s, d: ({k: v for k, v in s.items() if k != "files"}, d),
    "files as numbers": lambda s, d: (s, {**d, "trees": every_file(d["trees"], 5)}),
    "trees as lists": lambda s, d: (s, {**d, "trees": {k: [] for k in d["trees"]}}),
    "times as text": lambda s, d: (s, {**d, "trees": each_file(d["trees"], lambda r, t, h: [
        r, str(t), h])}),
    "folder times as text": lambda s, d: (s, {**d, "folders": {
        k: {f: str(t) for f, t in v.items()} for k, v in d["folders"].items()}}),
    "folders as a list": lambda s, d: (s, {**d, "folders": []}),
    "nested too deep": lambda s, d: (DEEP, DEEP),
}


@pytest.mark.parametrize("edited", [False, True], ids=["nothing to do", "an article edited"])
@pytest.mark.parametrize("forged", RECORDS)
def test_a_record_of_another_shape_is_no_record(tmp_path, forged, edited):
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    forge_record(root, RECORDS[forged])
    if edited:
        write_article(root / "content", 1, title="Sửa một bài")
    code, problems = build_and_tell(root, root / "public")
    assert code == 0 and len(problems) <= 1
    as_clean(root, problems)


def test_a_record_that_would_inflate_to_gigabytes_is_not_inflated(tmp_path):
    """A few hundred kilobytes can claim gigabytes: read whole, the build's memory grew with
    it (860 MB for a row of 400 KB). Nor is a frame that does not say its size unpacked."""
    store = Store(tmp_path, "generation", print)
    store.put_record("public", {"state": "x", "window": [None, None], "live": None,
                                "diagnostics": [], "articles": 0, "files": 0})
    chunk, count = b" " * (1 << 20), 4 * (RECORD_LIMIT >> 20)
    claimed = zstandard.ZstdCompressor(level=9).compressobj(size=len(chunk) * count)
    unsized = zstandard.ZstdCompressor(level=9, write_content_size=False).compressobj()
    bombs = [b"".join([squeeze.compress(chunk) for _ in range(count)] + [squeeze.flush()])
             for squeeze in (claimed, unsized)]
    for bomb in bombs:
        store.db.execute("UPDATE outputs SET summary = ?, data = ?", (bomb, bomb))
        tracemalloc.start()
        try:
            assert store.summary("public") == {} and store.record("public") == {}
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < RECORD_LIMIT * 2.5  # read whole, the 512 MB it claims took 1.1 GB
    store.close()


ARTICLES = {"title": (2, 5), "views": (4, "nhiều"), "tags": (6, "abc")}


@pytest.mark.parametrize("field", ARTICLES)
def test_an_article_record_with_a_field_of_another_type_is_read_again(tmp_path, field):
    """A record with zstd's checksum right but a number for a title, words for the views or
    a text for the tags: taken as it was, it made a traceback, a false template error or
    a tag page for each letter."""
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    for source, data in db.execute("SELECT source, data FROM articles").fetchall():
        head, fields = unpack_text(data).split(',"f":', 1)
        fields = json.loads(fields[:-1])
        position, value = ARTICLES[field]
        fields[position] = value
        text = head + ',"f":' + json.dumps(fields, ensure_ascii=False) + "}"
        db.execute("UPDATE articles SET data = ? WHERE source = ?", (pack_text(text), source))
    db.commit()
    db.close()
    write_article(root / "content", 1, title="Sửa một bài")
    assert build_and_tell(root, root / "public") == (0, [])
    as_clean(root, [])


def sample_site(root):
    """The sample archive: it has albums and lead images, so thumbnails in the cache."""
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    (root / "site.yaml").write_text((REPO / "site.yaml").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    return root


def touch_an_album(root):
    album = next((root / "content").rglob("*.md"))
    album.write_text(album.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")


def test_pipes_and_links_where_the_cache_keeps_files_are_replaced(tmp_path):
    """A pipe where a build reads a file of its own waits for a writer for ever; a link
    to /dev/zero never ends. Both are taken away, as a folder or a link already were."""
    root = sample_site(tmp_path / "site")
    cache = root / "cache"
    assert subprocess.run(command(root, root / "public"), capture_output=True).returncode == 0
    thumb = next(cache.glob("thumbs/*/*.jpg"))
    for path in (cache / "album-sizes.json", thumb, cache / "lock",
                 root / ".public.lock"):
        path.unlink(missing_ok=True)
        os.mkfifo(path)
    sums = thumb.with_name(thumb.name + ".sha256")
    sums.unlink()
    sums.symlink_to("/dev/zero")
    touch_an_album(root)
    done = subprocess.run(command(root, root / "public"), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_a_forged_photo_size_is_measured_again(tmp_path):
    """A size no photo has, kept for a photo whose file did not change: the thumbnail was
    made at that size (a picture of 360 by 9 million pixels, gigabytes)."""
    root = sample_site(tmp_path / "site")
    assert build(root, root / "public") == 0
    sizes = root / "cache" / "album-sizes.json"
    known = json.loads(sizes.read_text(encoding="utf-8"))
    for entry in known.values():
        entry[1], entry[3] = "0" * 20, 10 ** 7
    sizes.write_text(json.dumps(known), encoding="utf-8")
    touch_an_album(root)
    assert build_and_tell(root, root / "public")[0] == 0
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def test_a_cache_on_a_full_disk_is_used_as_far_as_it_goes(tmp_path):
    """Every write of the cache refused: a traceback ("database or disk is full") where a
    build without the cache made the site. Now it warns and makes the same site."""
    with small_disk(tmp_path / "disk", "2m") as disk:
        root = project(tmp_path / "site")
        (root / "cache").symlink_to(disk)
        assert build(root, root / "public") == 0
        (disk / "filler").write_bytes(b"")
        with (disk / "filler").open("wb") as filler:  # every block of the disk taken
            with pytest.raises(OSError):
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
        for n in (1, 2):  # the first build after that changes the spare, the second reads it
            write_article(root / "content", n, title=f"Sửa bài {n}")
            code, problems = build_and_tell(root, root / "public")
            assert code == 0 and problems and "cannot be" in problems[0], problems
            shutil.rmtree(root / "clean", ignore_errors=True)
            as_clean(root, problems)


def test_a_full_cache_without_a_packing_dictionary_is_used_as_far_as_it_goes(tmp_path):
    """A cache that could not be written before its dictionary was trained (the disk full
    from its start, or left so by a check of content with a problem): packing the new
    parts failed, and each page was told as a template error ("'NoneType' object is not
    subscriptable") by the check and the build alike. And the check dropped the cache's
    warning that the build gave."""
    with small_disk(tmp_path / "disk", "2m") as disk:
        root = project(tmp_path / "site")
        (root / "cache").symlink_to(disk)
        assert build(root, root / "public") == 0
        db = sqlite3.connect(disk / "cache.sqlite")
        db.execute("DELETE FROM meta WHERE name = 'zdict'")
        db.commit()
        db.close()
        with (disk / "filler").open("wb") as filler:  # every block of the disk taken
            with pytest.raises(OSError):
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
        write_article(root / "content", 1, title="Sửa bài 1")  # its record cannot be kept
        told = [told_by("check", root), build_and_tell(root, root / "public")]
        assert told[0] == told[1] and told[0][0] == 0, told
        assert len(told[0][1]) == 1 and "cannot be written" in told[0][1][0]
        as_clean(root, told[0][1])


def test_a_cache_folder_on_a_read_only_disk_gives_a_correct_build_and_check(tmp_path):
    """The album sizes and thumbnails could not be written there: the build and the check
    stopped ("Read-only file system"), exit 2. Now they are made in a scratch folder."""
    root = sample_site(tmp_path / "site")
    with read_only(root / "cache"):
        for told in (told_by("check", root), build_and_tell(root, root / "public")):
            assert told[0] == 0 and all("warning" in line for line in told[1]), told
            assert any("cannot be written" in line for line in told[1])
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")


def told_by(command, root):
    """(exit status, the problems printed) of a command other than build."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main([command, "--content", str(root / "content"), "--config",
                     str(root / "site.yaml"), "--cache", str(root / "cache")])
    return code, [line for line in err.getvalue().splitlines()
                  if not line.startswith("site-gen:")]


def test_another_version_of_a_package_is_another_cache(tmp_path):
    """Markdown 3.6 and 3.11 make other HTML of `*a **b** c*`: after an upgrade (CI installs
    the newest with the cache of the last run) the pages kept were 3.6's."""
    import sys

    def digest(version):
        packages = tmp_path / version
        (packages / f"Markdown-{version}.dist-info").mkdir(parents=True)
        return subprocess.run(
            [sys.executable, "-c", "from site_gen.cache.store import code_digest as d; print(d())"],
            capture_output=True, text=True, check=True, cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(packages)}).stdout

    assert digest("3.6") != digest("3.11.3")


def test_thumbnails_of_another_pillow_version_are_dropped(tmp_path):
    """Kept by the Pillow version that made them and never taken by another: each upgrade
    (CI installs the newest) added a copy of every thumbnail to the cache it downloads.
    A link among them is removed, not followed."""
    from site_gen.stages.images import PILLOW

    root = sample_site(tmp_path / "site")
    assert build(root, root / "public") == 0
    thumbs = root / "cache" / "thumbs"
    shutil.copytree(thumbs / f"pillow-{PILLOW}", thumbs / "pillow-9.0.0")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.jpg").write_bytes(b"not ours")
    (thumbs / "pillow-8.0.0").symlink_to(outside)
    touch_an_album(root)
    assert build(root, root / "public") == 0
    assert sorted(p.name for p in thumbs.iterdir()) == [f"pillow-{PILLOW}"]
    assert any((thumbs / f"pillow-{PILLOW}").iterdir())
    assert (outside / "keep.jpg").read_bytes() == b"not ours"


def test_parts_that_claim_too_much_are_not_all_unpacked(tmp_path):
    """Each part may claim up to 64 MB; a build unpacked every part its pages need at once,
    so a cache whose parts all claimed 60 MB needed gigabytes. Those past a budget are
    made again instead."""
    import zstandard

    from site_gen.cache.store import PARTS_BUDGET

    root = project(tmp_path)
    assert build(root, root / "public") == 0
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    shared = zstandard.ZstdCompressionDict(
        db.execute("SELECT value FROM meta WHERE name = 'zdict'").fetchone()[0])
    packer = zstandard.ZstdCompressor(level=3, dict_data=shared, write_checksum=True)
    db.execute("UPDATE parts SET data = ?", (packer.compress(b" " * (24 << 20)),))
    db.commit()
    count = db.execute("SELECT count(*) FROM parts").fetchone()[0]
    db.close()
    assert count * (24 << 20) > 2 * PARTS_BUDGET
    write_article(root / "content", 1, title="Bài mới hơn")
    tracemalloc.start()
    try:
        assert build_and_tell(root, root / "public")[0] == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PARTS_BUDGET * 1.5


def test_a_write_sqlite_rolled_back_itself_is_told_by_its_own_error(tmp_path):
    """On a full disk SQLite ends the transaction itself: the warning then said "cannot
    rollback - no transaction is active", not what went wrong."""
    told = []
    store = Store(tmp_path, "generation", told.append)
    real = store.db

    class Full:  # the connection, but the write fails as on a full disk
        in_transaction = property(lambda self: real.in_transaction)

        def execute(self, sql, *args):
            return real.execute(sql, *args)

        def executemany(self, sql, rows):
            real.execute("ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")

    store.db = Full()
    store.put_parts({"key": b"part"})
    assert len(told) == 1 and "database or disk is full" in told[0]


@pytest.mark.parametrize("table, column", [("articles", "source"), ("articles", "stamp"),
                                           ("articles", "sha1"), ("parts", "key"),
                                           ("outputs", "name")])
def test_a_text_cell_that_is_not_utf8_gives_a_correct_build(tmp_path, table, column):
    """A flipped bit in a text cell passes SQLite's quick_check; read, such a cell was
    sqlite3.OperationalError ("Could not decode to UTF-8"): a traceback at every build."""
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    db.execute(f"UPDATE {table} SET {column} = CAST(x'ff' || CAST({column} AS BLOB) AS TEXT) "
               f"WHERE rowid = (SELECT min(rowid) FROM {table})")
    db.commit()
    db.close()
    write_article(root / "content", 1, title="Sửa một bài")
    assert build_and_tell(root, root / "public")[0] == 0
    as_clean(root, [])


def test_a_part_whose_checksum_flag_was_cleared_is_rendered_again(tmp_path):
    """Two flipped bits: one in the packing dictionary, one in a part's frame header that
    clears zstd's checksum flag. The part was then unpacked with the damaged dictionary,
    nothing checked, and its wrong bytes published."""
    root = project(tmp_path)
    assert build(root, root / "public") == 0
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    (zdict,) = db.execute("SELECT value FROM meta WHERE name='zdict'").fetchone()
    assert b"<div" in zdict
    db.execute("UPDATE meta SET value=? WHERE name='zdict'", (zdict.replace(b"<div", b"<dXv"),))
    for key, data in db.execute("SELECT key, data FROM parts").fetchall():
        data = bytearray(data)
        data[4] &= ~4  # the frame header's checksum flag
        db.execute("UPDATE parts SET data=? WHERE key=?", (bytes(data), key))
    db.commit()
    db.close()
    shutil.rmtree(root / "public")  # assembled from the parts, not taken from the spare
    assert build_and_tell(root, root / "public")[0] == 0
    as_clean(root, [])


@pytest.mark.parametrize("where", ["thumbs", "thumbs/pillow-{}"])
def test_a_file_where_the_cache_keeps_its_thumbnails_folder_is_taken_away(tmp_path, where):
    """A file at cache/thumbs (or its Pillow version's folder): every later build warned
    "cannot be written ... (Not a directory)" and made every thumbnail again, for good."""
    from site_gen.stages.images import PILLOW

    root = sample_site(tmp_path / "site")
    assert build(root, root / "public") == 0
    folder = root / "cache" / where.format(PILLOW)
    shutil.rmtree(root / "cache" / "thumbs")
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_bytes(b"not a folder")
    shutil.rmtree(root / "public")
    for _ in range(2):
        code, problems = build_and_tell(root, root / "public")
        assert code == 0
    assert problems == [] and folder.is_dir()
    assert build(root, root / "clean", "--no-cache") == 0
    assert tree(root / "public") == tree(root / "clean")
