"""Themes other than ours, with the cache and without: the same exit status, problems and
bytes. Each case is a theme that once built otherwise with the cache than without it."""

import shutil

import pytest

from conftest import article
from test_incremental import build_and_tell, tree
from test_trust import project


def edit(root, template, old, new):
    path = root / "theme" / template
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def alike(root, *extra):
    """A build with the cache into public/ and one without into a new folder: the same."""
    cached = build_and_tell(root, root / "public", *extra)
    clean = build_and_tell(root, root / "clean", "--no-cache", *extra)
    assert cached == clean
    if cached[0] == 0:
        assert tree(root / "public") == tree(root / "clean")
    shutil.rmtree(root / "clean", ignore_errors=True)
    return cached


def test_an_imported_template_keeps_nothing_from_one_page_to_the_next(tmp_path):
    """A namespace of an imported template: Jinja made its module once a build, so each
    page counted on from the pages made before it (and the cache's sample of pages), and
    a page taken from the cache did not count."""
    root = project(tmp_path)
    (root / "theme" / "_count.html").write_text(
        "{% set ns = namespace(n=0) %}"
        "{% macro count() %}{% set ns.n = ns.n + 1 %}{{ ns.n }}{% endmacro %}\n",
        encoding="utf-8")
    edit(root, "base.html", "</footer>",
         '{% import "_count.html" as c %}<p class="n">{{ c.count() }}</p></footer>')
    assert alike(root) == (0, [])
    path = root / "content" / "a2.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    assert alike(root) == (0, [])


@pytest.mark.parametrize("old, new", [
    # an article's fields are shared by every page that shows it
    ("<h1>{{ article.title }}</h1>",
     "<h1>{{ article.title }}</h1>{% if article.fields.update({'seen': 1}) %}{% endif %}"),
    ("<h1>{{ article.title }}</h1>",
     "<h1>{{ article.title }}</h1>{% if article.fields['setdefault']('seen', 1) %}{% endif %}"),
    ("<h1>{{ article.title }}</h1>",
     "<h1>{{ article.title }}</h1>{% if dict.update(article.fields, seen=1) %}{% endif %}"),
])
def test_a_template_changing_a_value_is_refused_alike(tmp_path, old, new):
    """What one page did to a value the pages made after it saw: a list page showed
    `seen` beside the articles whose pages were made in that build, and with the cache
    only those were."""
    root = project(tmp_path)
    path = edit(root, "article.html", old, new)
    edit(root, "_macros.html", "<h2><a href", "<h2>{{ article.fields.get('seen') }}<a href")
    code, problems = alike(root)
    assert code == 1 and len(problems) == 1 and problems[0].startswith(f"{path}:"), problems
    assert "changes no value" in problems[0] or "has no attribute 'update'" in problems[0]


def test_str_format_reads_by_the_rules_of_templates(tmp_path):
    """`"{0.x}".format(v)` read attributes as Python does: the whole context behind
    `self`, which no key covers, and an article's `path`, which differs in a clone."""
    root = project(tmp_path)
    path = edit(root, "base.html", "</footer>", "<p>{{ '{0._TemplateReference__context"
                ".parent[newest][0].title}'.format(self) }}</p></footer>")
    code, problems = alike(root)
    assert code == 1 and len(problems) == 1 and problems[0].startswith(f"{path}:"), problems
    edit(root, "base.html", "'{0._TemplateReference__context.parent[newest][0].title}'"
         ".format(self)", "'{0.path}'.format(article) if article is defined else ''")
    code, problems = alike(root)
    assert code == 1 and "has no attribute 'path'" in problems[0], problems
    # what templates may read, it reads
    edit(root, "base.html", "'{0.path}'.format(article) if article is defined else ''",
         "'{0.title} {1[0].title}'.format(newest[0], newest)|safe")
    assert alike(root) == (0, [])
    (root / "content" / "new.md").write_text(article('"Bài mới nhất"', "2025-01-02 08:00"),
                                            encoding="utf-8")
    assert alike(root) == (0, [])
    assert "Bài mới nhất Bài mới nhất" in (root / "public" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("where", ["article.html", "_deep.html"])
def test_a_template_too_deep_to_read_is_reported_alike(tmp_path, where):
    """Parsing it runs out of Python's stack: the cache's reading of it crashed the build
    with a traceback, where a clean build reported it."""
    root = project(tmp_path)
    deep = "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}"
    if where == "_deep.html":
        (root / "theme" / where).write_text(deep + "\n", encoding="utf-8")
        deep = "{% include '_deep.html' %}"
    path = edit(root, "article.html", "{% block main %}", "{% block main %}" + deep)
    code, problems = alike(root)
    assert code == 1 and len(problems) == 1 and problems[0].startswith(f"{path}:"), problems
    assert "RecursionError" in problems[0], problems


@pytest.mark.parametrize("reads", [
    "{{ term.articles|length }}",
    "{{ term.articles[-1].title }}",
    "{% set t = term %}{{ t.articles[0].summary }}",
    '{{ term["articles"]|map(attribute="title")|join(",") }}',
    "{{ term.articles|last }}",
    "{{ term }}",
    "{{ term.articles.index(term.articles|last) }}",
])
def test_a_list_page_reading_its_terms_articles_is_made_again_when_they_change(tmp_path, reads):
    """Only what a template reads of `term` keys a list page: `term.url` alone lets the
    other pages of a term be kept when one of its articles changes; each of these reads
    more, and must see the change."""
    root = project(tmp_path, per_page=1)
    edit(root, "list.html", "{% block main %}", "{% block main %}{% if kind != 'home' %}"
         "<p class='read'>" + reads + "</p>{% endif %}")
    assert alike(root) == (0, [])
    path = root / "content" / "a0.md"  # the oldest of its category: on its last page
    path.write_text(path.read_text(encoding="utf-8").replace("Bài số 0", "Bài đã sửa")
                    + "\nThêm.\n", encoding="utf-8")
    assert alike(root) == (0, [])
    (root / "content" / "a9.md").write_text(
        article('"Bài mới"', "2023-01-01 08:00", "Nội dung.", category="Dân vận"),
        encoding="utf-8")
    assert alike(root) == (0, [])


@pytest.mark.parametrize("reads", ["{{ term.__dataclass_fields__ is defined }}",
                                   "{{ page['__dataclass_fields__'] is defined }}"])
def test_a_private_attribute_a_template_cannot_read_is_not_keyed(tmp_path, reads):
    """`term.__dataclass_fields__` is undefined to a template (private), but the key of
    what it reaches was taken by Python's rules: a traceback (no digest for a Field value)
    in every cached build, where a clean build showed False."""
    root = project(tmp_path)
    edit(root, "list.html", "{% block main %}", "{% block main %}<p class='read'>" + reads
         + "</p>")
    assert alike(root) == (0, [])
    assert "<p class='read'>False</p>" in (root / "public" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("shows", ["{{ items|map(attribute='title') }}", "{{ items|reverse }}",
                                   "{{ items.index }}", "{{ cycler(1, 2) }}",
                                   "{{ ['a', 'b']|map(attribute='title')|join(',') }}",
                                   "{{ ['a', 'b']|join(',', attribute='upper') }}",
                                   "{{ items|map(attribute='url')|string }}",
                                   "{{ 'Tin: ' ~ items|map(attribute='title') }}",
                                   "{{ '%s'|format(items|reverse) }}",
                                   "{{ items|map(attribute='url')|pprint }}",
                                   "{{ ('<b>' ~ items|reverse ~ '</b>')|safe }}"])
def test_a_template_showing_where_an_object_lies_in_memory_is_refused_alike(tmp_path, shows):
    """`|map` without `|list`, a method not called: the page showed `<generator object
    sync_do_map at 0x7f...>`, another address in every build, so a page kept by the cache
    differed from a clean build's (and any two builds differed)."""
    root = project(tmp_path)
    path = edit(root, "list.html", "{% block main %}", "{% block main %}<p class='read'>" + shows
                + "</p>")
    code, problems = alike(root)
    assert code == 1 and len(problems) == 1 and problems[0].startswith(f"{path}:15:"), problems
    assert "in memory" in problems[0] and "0x" not in problems[0], problems


def test_a_template_named_on_a_mac_is_read_and_told_by_its_own_name(tmp_path):
    """A Mac names "hộp.html" with combining accents (NFD), another name to Linux: the
    templates were read by the name in NFC, a file that is not there, and every build
    failed with "cannot write the site (No such file ...)", the template used or not."""
    import unicodedata
    from pathlib import Path

    root = project(tmp_path)
    name = unicodedata.normalize("NFD", "hộp.html")
    (root / "theme" / name).write_text('<p class="hop">{{ site.title }}</p>\n{{ 1/0 }}\n',
                                       encoding="utf-8")
    assert alike(root) == (0, [])
    edit(root, "base.html", "</footer>", '{% include "hộp.html" %}</footer>')
    code, problems = alike(root)
    assert code == 1 and len(problems) == 1 and "ZeroDivisionError" in problems[0]
    assert Path(problems[0].split(":")[0]).is_file()  # the file as the disk names it
