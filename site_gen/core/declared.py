"""Fields and kinds as the settings declare them (`fields:` and `kinds:`), checked up front.

A field is a front matter key with a type; a kind is a sort of content (articles, pages,
văn bản, albums, the work schedule...): where its files are, how they are recognised,
their address, their template, their list pages and which site-wide lists show them.
Adding either is a matter of settings and templates, not of Python.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

FIELD_TYPES = ("text", "integer", "date", "list", "article", "document", "image", "records")
FLAGS = ("feeds", "latest", "search", "sitemap", "archives")
# What only Python can add to a kind: the news (categories, related...), the văn bản
# library, albums of photos, the work schedule. A kind without one is shown as declared.
FEATURES = ("", "news", "page", "document", "album", "schedule")
# Features whose items cannot go without a date (an undated one was a traceback): the news
# are ordered, listed as "Tin mới nhất" and scheduled by it; a week is its date (its days,
# its neighbours, the week of "now")
DATED = {"news": "news items", "schedule": "a schedule's weeks"}
_KIND_KEYS = ("folder", "match", "url", "template", "date", "list_url", "list_template",
              "per_page", "title", "fields", "feature", "options", *FLAGS)
# the list template of a kind that names none: its feature's built-in one (a second kind of
# văn bản is listed with its filters, as the first), else list.html
LIST_TEMPLATES = {"document": "documents.html", "album": "albums.html",
                  "schedule": "schedules.html"}
_FIELD_KEYS = ("type", "required", "kinds", "label", "label_en")
# The front matter keys read by site-gen itself (stages/content.py, stages/documents.py):
# names a declared field may not take.
DOCUMENT_KEYS = ("number", "doc_type", "issuer", "signer", "issued", "effective", "files")
BUILT_IN_KEYS = ("title", "date", "views", "category", "tags", "summary", "description",
                 "image", "image_alt", "author", "featured", "draft", "slug", "aliases",
                 "related", "kind", "menu", "lang", "documents", "name_en") + DOCUMENT_KEYS
_TEXT_KEYS = ("folder", "match", "url", "template", "date", "list_url", "list_template",
              "title", "feature")
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
# what an address pattern may not hold, a kind's as a *_url setting's (core/config.py)
UNSAFE_ADDRESS = re.compile(r"[\x00-\x20\x7f\\%?#:]")
_KIND_NAME = re.compile(r"[a-z][a-z0-9-]*")
_URL_FIELDS = {"year", "month", "day", "slug"}
# the `kind` of the built-in list pages, which templates tell apart by it
_LIST_KINDS = ("home", "category", "tag", "year", "month", "categories", "tags", "documents")
# the settings of the pages at one address made by no kind (stages/pages.py)
FIXED_PAGES = ("categories_url", "tags_url", "archives_url", "search_url", "english_url",
               "english_search_url")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: str  # one of FIELD_TYPES
    required: bool
    kinds: tuple[str, ...]  # the kinds whose files may have it
    label: str  # the words a template may show before its value
    label_en: str = ""  # the same on English pages; "": its English name (english_names)


@dataclass(frozen=True, slots=True)
class KindSpec:
    name: str
    folder: str  # top folder of its files in content/; "" for the kind of all other files
    match: str  # file names it takes in that folder (fnmatch), e.g. "*.md", "*/index.md"
    url: str  # address pattern with {year} {month} {day} {slug}
    template: str  # of each item's page
    date: str  # "required", "optional", or the key its date is read from
    list_url: str  # "" for no list of its own
    list_template: str
    per_page: int
    title: str  # the heading of its list pages; "": the built-in words or its name
    fields: tuple[str, ...]  # its declared fields, by name
    feature: str  # one of FEATURES
    options: Mapping[str, object]  # settings of its feature (album thumbnail width...)
    feeds: bool
    latest: bool
    search: bool
    sitemap: bool
    archives: bool

    def takes(self, source: str) -> bool:
        """Whether a content file (its path in content/) is of this kind by its place."""
        if not self.folder:
            return fnmatch.fnmatch(source.rsplit("/", 1)[-1], self.match)
        inside = source.removeprefix(self.folder + "/")
        return inside != source and fnmatch.fnmatch(inside, self.match)


def read_fields(raw, bad) -> tuple[FieldSpec, ...]:
    """The `fields:` settings: {name: {type, required, kinds, label, label_en}}."""
    specs = []
    for name, spec in _mapping(raw, "fields", bad).items():
        spec = spec if isinstance(spec, dict) else {"type": spec}
        where = f"field {name!r}"
        bad_here = _at(bad, f"fields.{name}")
        if not _NAME.fullmatch(str(name)):
            bad_here("fields", f"{where}: a name is small letters, digits and _ (used as "
                               "`article.fields.name` in templates)")
            continue
        if name in BUILT_IN_KEYS:  # read twice, by the built-in reader and as the field
            bad_here("fields", f"{where}: {name} is a built-in front matter key; give the field "
                               "another name")
            continue
        for key in sorted(set(spec) - set(_FIELD_KEYS)):
            bad_here("fields", f"{where}: unknown key {key!r} (known: {', '.join(_FIELD_KEYS)})")
        kind = str(spec.get("type") or "text")
        if kind not in FIELD_TYPES:
            bad_here("fields", f"{where}: type must be one of {', '.join(FIELD_TYPES)}, "
                               f"not {kind!r}")
        for key in ("label", "label_en"):
            if isinstance(spec.get(key), (dict, list)):  # shown as its Python spelling
                bad_here("fields", f"{where}: {key} must be text, not a list or mapping")
        kinds = spec.get("kinds", ["article"]) or []  # `kinds: []`: only kinds naming it
        kinds = kinds if isinstance(kinds, list) else [kinds]
        specs.append(FieldSpec(str(name), kind, _flag(spec, "required", where, bad_here),
                               tuple(str(k) for k in kinds), str(spec.get("label") or ""),
                               str(spec.get("label_en") or "")))
    return tuple(specs)  # as declared: the order the built-in templates show them in


def read_kinds(raw, urls: Mapping[str, str], fields, default_per_page: int,
               bad) -> tuple[KindSpec, ...]:
    """The `kinds:` settings: {name: {folder, match, url, template, ...}}."""
    kinds = []
    for name, spec in _mapping(raw, "kinds", bad).items():
        if not isinstance(spec, dict):
            bad("kinds", f"kind {name!r} must be a mapping of its settings", f"kinds.{name}")
            continue
        kind = _kind(str(name), spec, urls, default_per_page, _at(bad, f"kinds.{name}"))
        if kind is not None:
            kinds.append(kind)
    _check_together(kinds, fields, bad)
    _check_list_urls(kinds, urls, bad)
    return tuple(kinds)  # as declared: the order of search results, kind after kind


def _kind(name: str, spec: dict, urls, default_per_page: int, bad) -> KindSpec | None:
    where = f"kind {name!r}"
    if not _KIND_NAME.fullmatch(name):
        bad("kinds", f"{where}: a name is small letters, digits and -")
        return None
    if name in _LIST_KINDS:
        bad("kinds", f"{where}: the name is that of built-in list pages; choose another")
        return None
    for key in sorted(set(spec) - set(_KIND_KEYS)):
        bad("kinds", f"{where}: unknown key {key!r} (known: {', '.join(_KIND_KEYS)})")
    for key in _TEXT_KEYS:  # a list or mapping would be read as its Python spelling
        if isinstance(spec.get(key), (dict, list)):
            bad("kinds", f"{where}: {key} must be text, not a list or mapping")
    if not isinstance(spec.get("options") or {}, dict):
        bad("kinds", f"{where}: options must be a mapping of names to values")
    if dot_folders(str(spec.get("folder") or "")):
        bad("kinds", f"{where}: folder must be a folder inside content/, without '.' or '..'")
    url = _pattern(str(spec.get("url") or ""), urls, f"{where}: url", bad)
    list_url = _pattern(str(spec.get("list_url") or ""), urls, f"{where}: list_url", bad,
                        optional=True)
    feature = str(spec.get("feature") or "")
    if feature not in FEATURES:
        bad("kinds", f"{where}: feature must be one of {', '.join(FEATURES[1:])}, not {feature!r}")
    per_page = str(spec.get("per_page") or default_per_page)
    if not re.fullmatch(r"\d+", per_page) or int(per_page) < 1:
        bad("kinds", f"{where}: per_page must be a whole number of 1 or more, not {per_page!r}")
        per_page = "1"
    if not spec.get("template"):
        bad("kinds", f"{where}: needs a `template:` for its pages")
    options = spec.get("options") or {}
    width = str(options.get("thumbnail_width", 360)) if isinstance(options, dict) else ""
    if feature == "album" and not (width.isdigit() and 16 <= int(width) <= 4000):
        bad("kinds", f"{where}: options: thumbnail_width must be a width in pixels such as "
                     f"360, not {width!r}")
    fields = spec.get("fields") or []
    return KindSpec(
        name=name, folder=str(spec.get("folder") or "").strip("/"),
        match=str(spec.get("match") or "*.md"), url=url, template=str(spec.get("template") or ""),
        # news and a schedule's weeks are ordered and shown by their date (see below)
        date=str(spec.get("date") or ("required" if feature in DATED else "optional")),
        list_url=list_url,
        list_template=str(spec.get("list_template")
                          or LIST_TEMPLATES.get(feature, "list.html")),
        per_page=int(per_page),
        title=str(spec.get("title") or ""),
        fields=tuple(str(f) for f in (fields if isinstance(fields, list) else [fields])),
        feature=feature, options=MappingProxyType(dict(options) if isinstance(options, dict) else {}),
        **{flag: _flag(spec, flag, where, bad) for flag in FLAGS})


def _at(bad, key: str):
    """`bad` telling its problems at the line of one field or kind (`kinds.su-kien`), not
    at the first line of `fields:` or `kinds:`."""
    return lambda setting, message: bad(setting, message, key)


def _flag(spec: dict, key: str, where: str, bad) -> bool:
    text = str(spec.get(key) or "false").lower()
    if text not in ("true", "false", "yes", "no"):
        bad("kinds" if where.startswith("kind") else "fields",
            f"{where}: {key} must be true or false, not {text!r}")
    return text in ("true", "yes")


def stray_braces(pattern: str) -> bool:
    """Braces that are not one field's ({{slug}}, {slug, }): the address would show them,
    or could not be made at all."""
    return bool(re.search(r"[{}]", re.sub(r"{\w+}", "", pattern)))


def dot_folders(pattern: str) -> bool:
    return any(part in (".", "..") for part in pattern.split("/"))


def _pattern(text: str, urls, where: str, bad, optional: bool = False) -> str:
    """An address pattern, or the name of a `*_url` setting that holds it."""
    pattern = urls.get(text, text)
    if optional and not pattern:
        return ""
    if text in urls:  # a setting, whose own problems are told at its own line
        pass
    elif not (pattern.startswith("/") and pattern.endswith("/")):
        bad("kinds", f"{where} must start and end with '/', or name a *_url setting, "
                     f"not {text!r}")
    elif "//" in pattern or dot_folders(pattern):  # two spellings of one output file
        bad("kinds", f"{where} must not hold '//', '.' or '..' folders, not {text!r}")
    elif UNSAFE_ADDRESS.search(pattern):
        bad("kinds", f"{where} must be a path on this site, without spaces, '\\', '%', '?', "
                     f"'#' or ':', not {text!r}")
    elif set(re.findall(r"{(\w+)}", pattern)) - _URL_FIELDS or stray_braces(pattern):
        bad("kinds", f"{where}: an address may use only {{year}} {{month}} {{day}} {{slug}}, "
                     f"each with one brace either side, not {text!r}")
    elif not optional and "{slug}" not in pattern:
        bad("kinds", f"{where} must contain {{slug}}, or two files would share one address")
    return pattern


def _check_together(kinds, fields, bad) -> None:
    names = {k.name for k in kinds}
    if sum(not k.folder for k in kinds) != 1:
        bad("kinds", "exactly one kind must have no `folder:` (it takes all other files)")
    taken = {}
    for kind in kinds:  # the first would take every file, the other none, without a word
        other = taken.setdefault((kind.folder, kind.match), kind.name)
        if other != kind.name and kind.folder:
            bad("kinds", f"kind {kind.name!r}: its files are those of kind {other!r} (folder "
                         f"{kind.folder!r}, match {kind.match!r}); give it a folder of its own",
                f"kinds.{kind.name}")
    for spec in fields:
        for kind in spec.kinds:
            if kind not in names:
                bad("fields", f"field {spec.name!r}: no kind named {kind!r}",
                    f"fields.{spec.name}")
    declared = {f.name for f in fields}
    for kind in kinds:
        bad_here = _at(bad, f"kinds.{kind.name}")
        for name in kind.fields:
            if name not in declared:
                bad_here("kinds", f"kind {kind.name!r}: field {name!r} is not declared in "
                                  "`fields:`")
        dates = {f.name for f in fields_of(kind, fields) if f.type == "date"}
        if kind.date not in ("required", "optional", *dates) and kind.feature != "document":
            bad_here("kinds", f"kind {kind.name!r}: date must be required, optional or a declared "
                              f"date field of the kind, not {kind.date!r}")
        required = {f.name for f in fields_of(kind, fields) if f.type == "date" and f.required}
        if kind.feature in DATED and kind.date not in ("required", *required):
            bad_here("kinds", f"kind {kind.name!r}: {DATED[kind.feature]} need their date: date "
                              f"must be required or a required date field, not {kind.date!r}")


def _check_list_urls(kinds, urls, bad) -> None:
    """Two lists at one address would be one file written twice, the one that wins left
    to chance, and no file to blame: a kind's list is told here where the others are."""
    taken = {"/": "the home page",
             **{urls[k]: f"the {k} page" for k in FIXED_PAGES if k in urls}}
    for kind in kinds:
        if not kind.list_url:
            continue
        if kind.list_url in taken:
            bad("kinds", f"kind {kind.name!r}: list_url {kind.list_url} is the address of "
                         f"{taken[kind.list_url]}; choose another", f"kinds.{kind.name}")
        taken.setdefault(kind.list_url, f"the list of kind {kind.name!r}")


def _mapping(raw, key: str, bad) -> dict:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        bad(key, "must be a mapping of names to their settings")
        return {}
    return raw


# The rows a feature reads (stages/albums.py, stages/schedule.py): every kind of that
# feature has them, without naming them or being named by them.
FEATURE_FIELDS = {"album": "photos", "schedule": "entries"}


def fields_of(kind: KindSpec, fields) -> tuple[FieldSpec, ...]:
    """The declared fields a kind's files have: named by the kind, or naming it, and the
    rows its feature reads."""
    own = FEATURE_FIELDS.get(kind.feature)
    return tuple(f for f in fields
                 if kind.name in f.kinds or f.name in kind.fields or f.name == own)


def kind_order(kinds) -> list[KindSpec]:
    """Kinds as files are matched to them: the deepest folder first (`tin/anh` before
    `tin`, whatever order they are declared in), the kind without a folder last."""
    return sorted(kinds, key=lambda k: (not k.folder, -k.folder.count("/")))


def is_content(source: str, kinds) -> bool:
    """Whether a Markdown file is read as content: a kind of the deepest folder it is in
    takes it (an album's other .md files are not items of their own)."""
    inside = [k for k in kinds if k.folder and source.startswith(k.folder + "/")]
    if inside:
        deepest = max(len(k.folder) for k in inside)  # all are beginnings of one path
        return any(k.takes(source) for k in inside if len(k.folder) == deepest)
    return any(k.takes(source) for k in kinds if not k.folder)
