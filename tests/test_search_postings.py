"""The search index a build with the cache makes by patching the last build's postings
(stages/search.py) is the one a clean build lists afresh."""

import random
import sqlite3

from conftest import article
from test_cache_themes import alike
from test_incremental import build_and_tell, tree
from test_trust import project

from site_gen.cache.store import pack_record
from site_gen.stages import search
from site_gen.stages.search import full_lists, patched, postings

WORDS = [f"w{n}" for n in range(40)] + ["và", "của"]


class Doc:
    """What the postings read of a document: its search terms."""

    def __init__(self, rng):
        def words(count):
            return " ".join(sorted({search.fold(rng.choice(WORDS)) for _ in range(count)}))

        title = words(3)
        self.terms = (title, " ".join(sorted(set((title + " " + words(12)).split()))),
                      words(1) if rng.random() < 0.2 else "")


def test_patched_postings_equal_those_listed_afresh():
    """Bodies edited, titles changed, documents added after the others, in many draws:
    patched every time, and equal to listing afresh every time."""
    rng = random.Random(7)
    docs = {f"d{n}.md": Doc(rng) for n in range(30)}
    order = list(docs)
    earlier = postings([(s, docs[s].terms) for s in order], None, {})
    for step in range(200):
        was = dict(docs)
        for _ in range(rng.choice([1, 1, 2, 5])):
            if rng.random() < 0.3:
                source = f"d{len(order)}.md"
                order.append(source)
            else:
                source = rng.choice(order)
            docs[source] = Doc(rng)
        now = [(s, docs[s].terms) for s in order]
        ids = tuple((s, search.terms_digest(t)) for s, t in now)
        assert patched(now, ids, earlier, {s: was[s] for s in was}) is not None, step
        earlier = postings(now, earlier, was)
        assert earlier.lists == full_lists(now), step


def test_postings_are_listed_afresh_when_documents_move_or_go():
    rng = random.Random(3)
    docs = [(f"d{n}.md", Doc(rng).terms) for n in range(10)]
    earlier = postings(docs, None, {})
    for changed in (docs[1:], docs[:4] + docs[5:], docs[::-1]):
        ids = tuple((s, search.terms_digest(t)) for s, t in changed)
        assert patched(changed, ids, earlier, {}) is None
        assert postings(changed, earlier, {}).lists == full_lists(changed)


def test_a_document_changed_whose_earlier_terms_are_unknown_is_listed_afresh():
    """The cache's article rows are of another build than its postings (a `check` run, a
    build that failed): the terms that were indexed are not at hand."""
    rng = random.Random(5)
    docs = [(f"d{n}.md", Doc(rng).terms) for n in range(10)]
    earlier = postings(docs, None, {})
    docs[4] = ("d4.md", Doc(rng).terms)
    ids = tuple((s, search.terms_digest(t)) for s, t in docs)
    other = Doc(rng)
    assert patched(docs, ids, earlier, {"d4.md": other}) is None
    assert postings(docs, earlier, {"d4.md": other}).lists == full_lists(docs)


def edited(root, name, text):
    path = root / "content" / name
    path.write_text(path.read_text(encoding="utf-8").replace("Nội dung", text),
                    encoding="utf-8")


def test_a_rebuild_patches_the_search_index_and_equals_a_clean_one(tmp_path, monkeypatch):
    root = project(tmp_path)
    assert alike(root) == (0, [])
    listed = []
    real = search.full_lists
    monkeypatch.setattr(search, "full_lists", lambda docs: listed.append(1) or real(docs))
    edited(root, "a2.md", "Nội dung mới toanh")  # new words
    (root / "content" / "a9.md").write_text(
        article('"Bài mới nhất"', "2025-01-01 08:00", "Chữ xyzzy."), encoding="utf-8")
    assert alike(root) == (0, [])
    assert len(listed) == 1  # the clean build's
    edited(root, "a3.md", "Đã sửa")
    assert alike(root) == (0, [])
    assert len(listed) == 2


def test_postings_forged_or_cut_short_give_the_index_of_a_clean_build(tmp_path):
    root = project(tmp_path)
    assert alike(root) == (0, [])
    db = sqlite3.connect(root / "cache" / "cache.sqlite")
    forged = {"docs": [["a0.md", "x"]], "lists": {"bai": [1, 2]}}
    for value in (pack_record(forged), pack_record([1]), pack_record({"docs": 5}), b"\x28\xb5"):
        with db:
            db.execute("UPDATE meta SET value=? WHERE name='kept postings'", (value,))
        edited(root, "a1.md", f"Nội dung {len(value)}")
        code, problems = build_and_tell(root, root / "public")
        assert build_and_tell(root, root / "clean", "--no-cache") == (0, [])
        assert tree(root / "public") == tree(root / "clean")
        assert code == 0 and problems == ([] if len(value) > 2 else [
            f"{root / 'cache'}:0: warning: cache {root / 'cache' / 'cache.sqlite'}: its postings "
            "cannot be read (not a record (not enough data for frame parameters; need 5 "
            "bytes)); made afresh"])
    db.close()
