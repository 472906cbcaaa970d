"""The index stage as pure data: no files, articles made in memory."""

from datetime import datetime, timedelta
from types import MappingProxyType

from site_gen.core.config import load_config
from site_gen.stages.index import build_index
from site_gen.core.model import Article, RelatedRef

CONFIG, _ = load_config(None)
START = datetime(2024, 1, 1, 8, 0, tzinfo=CONFIG.timezone)


def make(n: int, category=None, tags=(), related=(), draft=False, days=None, source=None,
         views=0, featured=False):
    source = source or f"a{n:02d}.md"
    return Article(
        source=source, path=source, title=f"Bài {n}", published=START + timedelta(days=n if days is None else days),
        views=views, category=category, tags=tuple(tags), summary="", image=None, image_alt="",
        author=None, featured=featured,
        draft=draft, slug=source[:-3], url=f"/{source[:-3]}/", aliases=(),
        related=tuple(RelatedRef(2, target=t) if isinstance(t, str) else t for t in related),
        body=b"", links=(), lines=MappingProxyType({}))


def titles(entries):
    return [e.title for e in entries]


def test_related_keeps_written_order_then_fills_with_newest_sharing_category_or_tag():
    articles = [make(1, "A"), make(2, "B", tags=["x"]), make(3, "A"), make(4, "C"),
                make(5, "C", tags=["x"]), make(6, "A"), make(7, "B"),
                make(9, "A", related=["a04", "a01.md", "a04"])]
    index, diags = build_index(articles, CONFIG)
    assert diags == []
    # written: 4, 1 (4 only once); then newest of category A or tag (none): 6, 3
    assert titles(index.related["a09.md"]) == ["Bài 4", "Bài 1", "Bài 6", "Bài 3"]
    assert titles(index.related["a05.md"]) == ["Bài 4", "Bài 2"]  # category C, tag x


def test_related_never_lists_the_article_itself_and_stops_at_the_count():
    articles = [make(n, "A") for n in range(1, 10)] + [make(20, "A", related=["a20"])]
    index, _ = build_index(articles, CONFIG)
    assert titles(index.related["a20.md"]) == ["Bài 9", "Bài 8", "Bài 7", "Bài 6", "Bài 5"]


def test_outside_links_and_unknown_entries():
    link = RelatedRef(3, title="Cổng thông tin tỉnh", url="https://ninhthuan.gov.vn/")
    articles = [make(1, related=[link, "khong-co"])]
    index, diags = build_index(articles, CONFIG)
    assert [(e.title, e.external) for e in index.related["a01.md"]] == [("Cổng thông tin tỉnh", True)]
    assert [d.message for d in diags] == [
        "related entry 'khong-co' names no article (use its path in the content folder, or its slug)"]


def test_latest_leaves_out_the_page_itself():
    articles = [make(n) for n in range(1, 9)]
    index, _ = build_index(articles, CONFIG)
    newest = next(a for a in index.articles if a.source == "a08.md")
    assert titles(index.latest_for(newest)) == ["Bài 7", "Bài 6", "Bài 5", "Bài 4", "Bài 3"]
    older = next(a for a in index.articles if a.source == "a02.md")
    assert titles(index.latest_for(older)) == ["Bài 8", "Bài 7", "Bài 6", "Bài 5", "Bài 4"]


def test_drafts_are_nowhere_and_a_reference_to_one_warns():
    articles = [make(1, "A"), make(2, "A", draft=True), make(3, "A", related=["a02"])]
    index, diags = build_index(articles, CONFIG)
    assert [a.source for a in index.articles] == ["a03.md", "a01.md"]
    assert titles(index.related["a03.md"]) == ["Bài 1"]
    assert [t.articles for t in index.categories][0] == tuple(index.articles)
    assert [d.severity for d in diags] == ["warning"]


def test_equal_dates_are_ordered_by_path_whatever_the_input_order():
    articles = [make(1, days=1, source="b.md"), make(2, days=1, source="a.md"),
                make(3, days=1, source="c.md")]
    for order in (articles, articles[::-1]):
        index, _ = build_index(order, CONFIG)
        assert [a.source for a in index.articles] == ["a.md", "b.md", "c.md"]


def test_spellings_of_one_category_share_a_page():
    articles = [make(1, "Tin tức"), make(2, "Tin Tức"), make(3, "Tin tức")]
    index, _ = build_index(articles, CONFIG)
    assert [(t.name, t.slug, len(t.articles)) for t in index.categories] == [("Tin tức", "tin-tuc", 3)]


def test_archive_periods_newest_first():
    articles = [make(1, days=0), make(2, days=40), make(3, days=400)]
    index, _ = build_index(articles, CONFIG)
    assert [t.url for t in index.years] == ["/2025/", "/2024/"]
    assert [t.url for t in index.months] == ["/2025/02/", "/2024/02/", "/2024/01/"]


def test_pagination_shows_a_window_not_every_page():
    from site_gen.stages.pages import Pagination
    urls = tuple(f"/page/{n}/" for n in range(1, 101))
    numbers = lambda p: [item and item[0] for item in p.window()]
    assert numbers(Pagination(50, urls)) == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert numbers(Pagination(1, urls)) == [1, 2, 3, None, 100]
    assert numbers(Pagination(2, urls[:4])) == [1, 2, 3, 4]


def test_featured_and_most_viewed():
    articles = [make(1, views=10, featured=True), make(2, views=50), make(3, views=10),
                make(4, views=7, featured=True), make(5, views=50)]
    index, _ = build_index(articles, CONFIG)
    assert titles(index.featured) == ["Bài 4", "Bài 1"]
    assert titles(index.most_viewed) == ["Bài 5", "Bài 2", "Bài 3", "Bài 1", "Bài 4"]
