"""Render stage: pages to bytes through Jinja templates. Pure given the templates."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Iterable

import jinja2
from markupsafe import Markup

from ..cache.store import code_digest
from ..core.config import SiteConfig
from ..core.diagnostics import Diagnostic, error
from .index import SiteIndex
from ..core.model import Link, Page, term_link
from ..core.text import format_posted, format_stamp, shorten


def make_environment(config: SiteConfig, compiled: Path | None = None) -> jinja2.Environment:
    """A Jinja environment whose filters know this site's settings (no globals), made once
    a build: workers forked from it inherit the templates it has compiled. With
    `compiled` (a folder of the cache), templates compiled by an earlier build are reused:
    compiling them took longer than rendering the pages an edit changes."""
    cache = None
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
        cache = jinja2.FileSystemBytecodeCache(str(compiled), f"{code_digest()[:16]}-%s.cache")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(config.templates)),
        bytecode_cache=cache,
        auto_reload=False,  # a build reads each template once; no stat for every page
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    origin = config.base_url[: -len(config.root)]

    def href(url: str) -> str:
        """Internal addresses gain the folder the site lives in; others stay."""
        return config.root[:-1] + url if url.startswith("/") else url

    env.filters.update(
        href=href,
        absolute=lambda url: origin + href(url) if url.startswith("/") else url,
        posted=format_posted,
        # stamp(words): SA/CH or the AM/PM of a page in another language
        stamp=lambda moment, words=None: format_stamp(
            moment, config.meridiem if words is None else (words["am"], words["pm"])),
        shorten=lambda title: shorten(title, config.title_max),
        iso=lambda moment: moment.isoformat(),
        day=lambda moment: f"{moment.day:02d}/{moment.month:02d}/{moment.year}",
        filesize=lambda size: f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B",
    )
    return env


# A page's own boxes: the value a page shows in it -> the template that makes it. Made apart
# and given to the page's template as `<name>_box`, so that a rebuild can swap one into a
# page when nothing else of the page changed (site_gen/rebuild.py).
OWN_BOXES = {"related": "_related.html"}


def render_site(pages: Iterable[Page], index: SiteIndex, config: SiteConfig):
    """Return ([(output path, bytes)], diagnostics) for all pages."""
    files, diags = [], []
    for rel, data, problem, _ in render_pages(pages, index, config, make_environment(config)):
        if problem is None:
            files.append((rel, data))
        else:
            diags.append(problem)
    return files, diags


def render_pages(pages: Iterable[Page], index: SiteIndex, config: SiteConfig,
                 env: jinja2.Environment):
    """Yield (output path, bytes, None, {box name: its bytes}) per page, or (path, None,
    Diagnostic, {}) for a page a template failed on; each template problem is reported
    once, not once a page. The boxes are the page's own (OWN_BOXES), made apart."""
    common = common_context(index, config)
    reported, boxes = set(), {}  # boxes: language -> its Tin mới nhất, rendered once
    for page in pages:
        try:
            template = env.get_template(page.template)
            lang = page.context.get("lang", "")
            words = config.words_for(lang)
            if lang not in boxes:
                boxes[lang] = Markup(latest_box(env, words, index.latest))
            own = {name: own_box(env, words, name, page.context[name])
                   for name in OWN_BOXES if name in page.context}
            data = template.render(common, page=page, words=words, latest_box=boxes[lang],
                                   **{f"{name}_box": Markup(html) for name, html in own.items()},
                                   **page.context).encode("utf-8")
        except jinja2.TemplateError as exc:
            found = template_problem(exc, page, config.templates)
            if (found.path, found.line) not in reported:
                reported.add((found.path, found.line))
                yield page.path, None, found, {}
            continue
        yield page.path, data, None, {name: html.encode("utf-8") for name, html in own.items()}


def own_box(env: jinja2.Environment, words, name: str, value) -> str:
    """A box of a page's own (OWN_BOXES), as its template makes it."""
    return env.get_template(OWN_BOXES[name]).render(words=words, entries=value)


def own_boxes(page: Page, names, config: SiteConfig, env: jinja2.Environment) -> dict | None:
    """The bytes of these own boxes of a page, as render_pages gives them; None if a
    template fails (the page is then rendered whole, which reports it)."""
    words = config.words_for(page.context.get("lang", ""))
    try:
        return {name: own_box(env, words, name, page.context[name]).encode("utf-8")
                for name in names}
    except jinja2.TemplateError:
        return None


def common_context(index: SiteIndex, config: SiteConfig) -> dict:
    """What every page's template sees besides its own values."""
    return {
        "site": config,
        "words": config.words,
        "nav": tuple(term_link(term) for term in index.categories),
        "newest": index.latest,
        "menu_pages": tuple(Link(p.title, p.url, p.lang) for p in index.library.menu),
        "has_documents": bool(index.library.documents),
        "links": config.links,
        "lang": "",
    }


def box_values(index: SiteIndex) -> dict:
    """The values shown as shared boxes (site_gen/rebuild.py), by box name."""
    return {"latest": index.latest}


def render_boxes(index: SiteIndex, config: SiteConfig,
                 env: jinja2.Environment) -> dict[str, bytes]:
    """Each shared box as the pages of the site's language show it."""
    return {"latest": latest_box(env, config.words, index.latest).encode("utf-8")}


def latest_box(env: jinja2.Environment, words, entries) -> str:
    """"Tin mới nhất" as _latest.html makes it. Nearly every page shows the very same
    box: templates are given it made once (`latest_box`) rather than make it again."""
    return env.get_template("_latest.html").render(words=words, entries=entries)


def template_problem(exc: jinja2.TemplateError, page: Page, templates: Path) -> Diagnostic:
    """Name the template file and line, not a Python traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return error(exc.filename or str(templates / page.template), exc.lineno or 1, exc.message)
    if isinstance(exc, jinja2.TemplateNotFound):
        return error(str(templates / page.template), 1, f"template {exc.name!r} not found")
    where, line = str(templates / page.template), 1
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(str(templates)):
            where, line = frame.filename, frame.lineno or 1
    return error(where, line, f"{exc} (while making {page.url})")
