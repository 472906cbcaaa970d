"""Render stage: pages to bytes through Jinja templates. Pure given the templates."""

from __future__ import annotations

import hashlib
import os
import re
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import BuiltinMethodType, MappingProxyType, MethodType
from typing import Iterable

import jinja2
from jinja2.filters import make_attrgetter, sync_do_join
from jinja2.sandbox import SandboxedEnvironment, modifies_known_mutable
from markupsafe import Markup, soft_str

from ..cache.keys import Digests, Reads, page_key, shared_text
from ..core.config import BUILTIN_TEMPLATES, SiteConfig, portable, theme_folders
from ..core.diagnostics import Diagnostic, error
from ..core.files import files_below
from .fields import blank_fields
from .index import SiteIndex
from ..core.model import Article, Link, Page, term_link
from ..core.text import format_posted, format_stamp, phone_parts, shorten


def make_environment(config: SiteConfig) -> jinja2.Environment:
    """A Jinja environment whose filters know this site's settings (no globals), made once
    a build: workers forked from it inherit the templates it has compiled. No bytecode
    cache: Jinja's is marshal, code read back from disk."""
    env = ThemeEnvironment(
        loader=ListedLoader(theme_folders(config)),
        auto_reload=False,  # a build reads each template once; no stat for every page
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=shown,
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
        phone_parts=phone_parts,
        filesize=lambda size: f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} B",
        random=lambda seq: steady_choice(env, seq),
        # what they make of a value is what `{{ value }}` shows (`shown`)
        join=shown_join,
        string=lambda value: soft_str(shown(value)),
        safe=lambda value: Markup(shown(value)),
    )
    del env.globals["lipsum"]  # random text: two builds of the same site would differ
    # a new dict, but not the type: `dict.update(article.fields, ...)` changes a value
    env.globals["dict"] = lambda *items, **named: dict(*items, **named)
    return env


# how Python names an object by where it lies in memory: `<generator object ... at 0x7f...>`
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")


def shown(value):
    """What `{{ value }}` shows: a value, not where an object lies in memory (a filter's
    items without `|list` or `|join`, a method not called), which differs from build to
    build, so that a page kept by the cache would differ from a clean build's. Text is
    looked at too: such a value joined to it (`~`, |format, |pprint) is in it. None (a
    declared field left out) shows nothing, not "None"."""
    kind = value.__class__
    if kind is str:  # most values by far: looked at first, as below
        text = value
    elif value is None:
        return ""
    elif isinstance(value, (int, float, jinja2.Undefined)) or hasattr(value, "__html__"):
        return value
    else:
        text = value if isinstance(value, str) else str(value)
    if " at 0x" in text and ADDRESS.search(text):
        raise jinja2.TemplateRuntimeError(
            f"{shorten(ADDRESS.sub('>', text), 80)} is shown by where it lies in memory, "
            "another place in every build: show values (a filter's items with |list or |join, "
            "a method by calling it)")
    return text


@jinja2.pass_eval_context
def shown_join(eval_ctx, value, d: str = "", attribute=None):
    """Jinja's `|join` of the values as `{{ value }}` shows each: `tags|map(attribute="title")`
    gives methods of text, shown by where they lie in memory."""
    if attribute is not None:
        value = map(make_attrgetter(eval_ctx.environment, attribute), value)
    return sync_do_join(eval_ctx, [shown(item) for item in value], d)


def steady_choice(env: jinja2.Environment, seq):
    """`|random` as a build can keep it: a choice made by the items alone, the same in
    every build (and covered by the key of a page, which covers the items)."""
    items = list(seq)
    if not items:
        return env.undefined("No random item, sequence was empty.")
    return items[int(hashlib.sha1(repr(items).encode()).hexdigest(), 16) % len(items)]


# What a date or time given to a template could tell of the moment the page is made:
# another build's moment, not covered by the page's key
CLOCK = frozenset({"now", "today", "utcnow"})
PLAIN = frozenset({str, int, bool, type(None), tuple})


class ThemeTemplate(jinja2.Template):
    def _get_default_module(self, ctx=None):
        """An imported template's module, made for each import: one kept for the build (as
        Jinja does) carries what a page did to it, a namespace's count, into later pages."""
        module = super()._get_default_module(ctx)
        self._module = None
        return module


class ThemeEnvironment(jinja2.Environment):
    """Templates read their values by name, which is what keys a page (cache/keys.py): the
    private parts of an object, the whole context behind `self` among them, are out of
    reach (undefined, so an error at the template's line, with the cache or without), and
    so is an article's `path`, the file as this build's command named it (`source` is the
    file in the content folder): a clone elsewhere makes the same pages. Nor may a template
    change a value: pages share them (an article is in every list that shows it), and a
    page taken from the cache would not change it again."""

    template_class = ThemeTemplate

    def getattr(self, obj, attribute):  # Jinja's own, but for the first tests: it runs for
        if attribute.__class__ is str and attribute[:1] == "_":  # every `a.b` of a page
            return self.undefined(obj=obj, name=attribute)
        if attribute == "path" and obj.__class__ is Article:  # where messages find its file:
            return self.undefined(obj=obj, name=attribute)  # another clone, another path
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            try:
                return obj[attribute]
            except (TypeError, LookupError, AttributeError):
                return self.undefined(obj=obj, name=attribute)
        if value.__class__ in PLAIN:  # most values: a text, a number (one look, not two)
            return value
        if isinstance(value, (MethodType, BuiltinMethodType)):  # rare: a method
            # str.format reads its fields by these rules, not Python's (Jinja's sandbox's)
            formats = SandboxedEnvironment.wrap_str_format(self, value)
            if formats is not None:
                return formats
            if attribute in CLOCK and isinstance(obj, date):  # `article.published.now()`
                return self.undefined(
                    f"{attribute}() reads the clock, which no page may: a page shows the "
                    "values it is given (the build's own time is not one)",
                    obj=obj, name=attribute)
            if modifies_known_mutable(obj, attribute):
                return self.undefined(
                    f"{type(obj).__name__}.{attribute} is refused: a template changes no "
                    "value (count with namespace(), make lists with filters)",
                    obj=obj, name=attribute)
        return value

    def getitem(self, obj, argument):
        try:
            return obj[argument]
        except (AttributeError, TypeError, LookupError):
            if isinstance(argument, str):  # an attribute, by the same rules as `a.b`
                return self.getattr(obj, argument)
            return self.undefined(obj=obj, name=argument)


class ListedLoader(jinja2.FileSystemLoader):
    """Loads the templates a build lists, and keys by their bytes (cache/keys.py), and no
    other file: not a hidden one, not one through a link that leads out of the folder (as
    core/files.py lists them), not the theme's static files, which are copied as they are.
    So what a page can include is what its key covers, with the cache or without. Each is
    read once, when the build begins: read again as a page first needed it, a template
    saved meanwhile (serve rebuilds as a theme is edited) made pages that were kept under
    the key of the bytes before, and a later build with those bytes back published them."""

    def __init__(self, folders: tuple[Path, ...]):
        super().__init__([str(folder) for folder in folders])
        # each template from the first folder that has it (config.theme_folders); a name
        # the site's own folder holds but does not list (a link out of it) is not looked
        # for further: it is refused, as it was
        # each by its file's name on the disk: a Mac's (NFD) is not `rel` (NFC)
        found: dict[str, tuple[Path, str]] = {}
        for folder in reversed(folders):
            for rel, entry in files_below(folder):
                if not rel.startswith("static/"):
                    found[rel] = folder, entry.path
        self.paths = {rel: path for rel, (folder, path) in sorted(found.items())
                      if folder == folders[0] or not os.path.lexists(folders[0] / rel)}
        self.listed = set(self.paths)
        self.sources = {rel: Path(path).read_bytes() for rel, path in self.paths.items()}

    def get_source(self, environment, template):
        pieces = jinja2.loaders.split_template_path(template)
        rel = "/".join(pieces)
        if rel not in self.listed:
            there = os.path.lexists(os.path.join(self.searchpath[0], rel))
            raise jinja2.TemplateNotFound(template, REFUSED.format(name=template) if there
                                          else None)
        data, filename = self.sources[rel], os.path.normpath(self.paths[rel])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:  # saved in another encoding (Windows-1258, say)
            line = data[:exc.start].count(b"\n") + 1
            raise jinja2.TemplateSyntaxError(
                "not UTF-8 text: save the template as UTF-8", line, template, filename) from None
        # as Jinja's own loader gives it: read as text, every line end a "\n"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text, filename, lambda: True  # named as the disk names it (a Mac's: NFD)


REFUSED = ("template {name!r} is not read: files in static/ are copied as they are, hidden "
           "files and links out of the templates folder are left alone; put what a template "
           "includes beside the templates")


# The boxes: sidebars made apart from the page, each by its own template from `words` and
# `entries` alone (the page's value of that name, else the site's). A page's template gets
# `<name>_box`, which it can only show as it is: the page is made with a marker there and
# the box's bytes put in after (assemble). So a page kept in the cache serves again when
# only its boxes changed ("Tin mới nhất" after an article is added), and no template can
# make the kept page depend on a box's contents: the rule is enforced, not assumed.
BOXES = {"latest": "_latest.html", "related": "_related.html"}


def marker(name: str) -> str:
    """Where a box goes: a comment, which bodies (sanitised) and escaped text never hold."""
    return f"<!--site-gen:{name}-box-->"


# What making a page can raise besides Jinja's own errors: Python's, from what a template
# asks of its values (a filter given nothing, 1/0, a template that includes itself). Each
# is the template's problem, reported at its line; never a traceback.
TEMPLATE_ERRORS = (jinja2.TemplateError, ArithmeticError, AttributeError, LookupError,
                   TypeError, ValueError, RecursionError)


class Box:
    """A box as a page's template sees it: something to show, and nothing else."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __html__(self) -> str:
        return marker(self.name)

    def __repr__(self) -> str:
        return f"Box({self.name!r})"

    def __key__(self) -> str:
        return repr(self)

    def _refuse(self, *_):
        raise jinja2.TemplateRuntimeError(
            f"{self.name}_box can only be shown as it is, {{{{ {self.name}_box }}}}: its "
            f"contents come from {BOXES[self.name]} (use `{self.name}` to read the values)")

    __str__ = __bool__ = __len__ = __iter__ = __getitem__ = __contains__ = _refuse


@dataclass(frozen=True, slots=True)
class Keys:
    part: str  # the page without its boxes: what its templates can read (cache/keys.py)
    boxes: tuple[str, ...]  # each box of BOXES, in order: its words and entries
    whole: str  # the page's bytes: the recipe of its file


UNKEYED = Keys("", ("",) * len(BOXES), "")  # a build that keeps nothing (--no-cache)


class Renderer:
    """Pages to bytes for one build, in two parts: the page without its boxes (keyed by
    what its templates can read: site_gen/cache/keys.py) and the boxes. `config`: the
    settings as templates see them (config.portable)."""

    def __init__(self, index: SiteIndex, config: SiteConfig, env: jinja2.Environment,
                 base: str = ""):
        self.config, self.env, self.base = config, env, base
        self.common = common_context(index, config)
        self.default = {"latest": index.latest, "related": ()}
        self.reads, self.digests, self.made, self.box_keys = Reads(env), Digests(), {}, {}
        self.boxes = {f"{name}_box": Box(name) for name in BOXES}  # one each: keyed once
        # values every page gets, the same objects for all pages of a language
        self.shared = frozenset({*self.common, "words", *self.boxes})
        self.plans = {}
        # `page` of a page that shows no item (home, lists): every declared field none
        self.no_item = MappingProxyType({"fields": MappingProxyType(blank_fields(config.fields))})

    def values(self, page: Page) -> dict:
        """What the page's template is given."""
        lang = page.context.get("lang", "")
        return {**self.common, "words": self.config.words_for(lang),
                "page": self.shown(page), **self.boxes, **page.context}

    def shown(self, page: Page) -> Page:
        """`page` as templates see it: its address and its item's fields, not every value
        given to the template (those come by name, each keyed only if read)."""
        item = page.context.get("article")
        # where it was asked for (source, line) is for messages only
        return Page(page.url, page.template, "", 0,
                    self.no_item if item is None else MappingProxyType({"article": item}),
                    page.path)

    def keys(self, page: Page, values: dict) -> Keys:
        """The keys of the page without its boxes, of each box and of the whole page."""
        words = values["words"]
        # the names a page gives are its template's and its own values' (page.context):
        # what it reads of them is found once for all such pages, and so is the text of
        # the shared values it reads, the same objects for all pages of a language
        memo = (page.template, tuple(page.context), id(words))
        found = self.plans.get(memo)
        if found is None:
            found = self.plans[memo] = self._plan(page, values)
            self.digests.alive.append(words)  # its id stays its own while the memo lives
        steps, shared = found
        key = page_key(self.base, page.template, shared, steps, values, self.digests)
        boxes = tuple(self.box_key(name, values["words"], self.entries(page, name))
                      for name in BOXES)
        return Keys(key, boxes, hashlib.sha1("\0".join((key, *boxes)).encode()).hexdigest())

    def _plan(self, page: Page, values: dict) -> tuple[list, str]:
        """(the steps taken into each of the page's own values it reads, the text of the
        shared values it reads: those that are not its own)."""
        reads = self.reads.of(page.template)
        names = values.keys() if reads is None else reads.keys() & values.keys()
        own = sorted(n for n in names if n in page.context or n not in self.shared)
        steps = [(n, None if reads is None else reads[n]) for n in own]
        return steps, shared_text(names - set(own), values, self.digests)

    def box_key(self, name: str, words, entries) -> str:
        """A box's key: its words and entries (by identity first: "Tin mới nhất" is the
        same value on every page of a language)."""
        memo = (name, id(words), id(entries))
        found = self.box_keys.get(memo)
        if found is None:
            found = hashlib.sha1(f"{self.base}\0{name}\0{self.digests.of(words)}\0"
                                 f"{self.digests.of(entries)}".encode()).hexdigest()
            self.box_keys[memo] = found
            self.digests.alive.append((words, entries))  # their ids stay theirs meanwhile
        return found

    def entries(self, page: Page, name: str):
        return page.context.get(name, self.default[name])

    def without_boxes(self, page: Page, values: dict) -> bytes:
        return self.env.get_template(page.template).render(values).encode("utf-8")

    def assemble(self, page: Page, values: dict, data: bytes, made=None) -> bytes:
        """The page's bytes: its boxes in their places. `made(name)`: a box's bytes, if
        the caller keeps them; else they are made here."""
        for name in BOXES:
            where = marker(name).encode()
            if where in data:
                shown = made(name) if made else self.box(name, values["words"], page)
                data = data.replace(where, shown)
        return data

    def box(self, name: str, words, page: Page) -> bytes:
        entries = self.entries(page, name)
        found = self.made.get((name, id(words), id(entries)))
        if found is None:
            found = self.env.get_template(BOXES[name]).render(
                words=words, entries=entries).encode("utf-8")
            self.made[(name, id(words), id(entries))] = found
            self.digests.alive.append(entries)  # the id stays its own while the memo lives
        return found

    def render(self, page: Page) -> bytes:
        values = self.values(page)
        return self.assemble(page, values, self.without_boxes(page, values))


def render_site(pages: Iterable[Page], index: SiteIndex, config: SiteConfig, content_dir: Path):
    """Return ([(output path, bytes)], diagnostics) for all pages."""
    renderer = Renderer(index, portable(config, content_dir), make_environment(config))
    files, diags = [], []
    for page in pages:
        try:
            files.append((page.path, renderer.render(page)))
        except TEMPLATE_ERRORS as exc:
            diags.append(template_problem(exc, page, config.templates))
    return files, once_each(diags)


def once_each(problems) -> list[Diagnostic]:
    """Each template problem once, not once a page: the first by its words (the page it
    names), so that which page is named does not depend on how the pages were shared
    among processes."""
    found = {}
    for problem in sorted(problems):
        found.setdefault((problem.path, problem.line), problem)
    return list(found.values())


def common_context(index: SiteIndex, config: SiteConfig) -> dict:
    """What every page's template sees besides its own values."""
    return {
        "site": config,
        "words": config.words,
        "nav": tuple(term_link(term) for term in index.categories),
        "newest": index.latest,
        "menu_pages": tuple(Link(p.title, p.url, p.lang, p.name_en) for p in index.library.menu),
        "has_documents": bool(index.library.documents),
        "links": config.links,
        "lang": "",
    }


def template_problem(exc: jinja2.TemplateError, page: Page, templates: Path) -> Diagnostic:
    """Name the template file and line, not a Python traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return error(exc.filename or str(templates / page.template), exc.lineno or 1, exc.message)
    where, line = str(templates / page.template), 1
    folders = (str(templates), str(BUILTIN_TEMPLATES))  # a template the theme lacks: ours
    frames = [(frame.filename, frame.lineno or 1) for frame in traceback.extract_tb(
        exc.__traceback__) if frame.filename.startswith(folders)]
    if frames:  # the deepest template's line; of a loop, the line that goes round most
        where, line = max(frames, key=frames.count) if isinstance(exc, RecursionError) \
            else frames[-1]
    if isinstance(exc, jinja2.TemplateNotFound):  # where it is included, extended, imported
        found = exc.message != exc.name and exc.message  # there, but not read (ListedLoader)
        return error(where, line, found or f"template {exc.name!r} not found")
    shown = exc if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    return error(where, line, f"{shown} (while making {page.url})")
