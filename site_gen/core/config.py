"""Site settings: built-in defaults under the site's site.yaml, validated up front."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Mapping
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from yaml.nodes import MappingNode

from . import yamlread
from .declared import (FIXED_PAGES, UNSAFE_ADDRESS, FieldSpec, KindSpec, dot_folders,
                       read_fields, read_kinds, stray_braces)
from .diagnostics import Diagnostic, error, warning
from .files import files_below
from .text import normalize, phone_parts
from .yamlread import FieldError

DEFAULTS_FILE = Path(__file__).with_name("defaults.yaml")
BUILTIN_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

_INT_KEYS = ("per_page", "related_count", "latest_count", "title_max", "summary_max",
             "feed_size", "featured_count", "most_viewed_count")
_MAY_BE_NONE = ("featured_count", "most_viewed_count")  # 0: the home page shows none
# Characters no address of a page needs, and the ones that would take it elsewhere.
# A body's time limit is an alarm of the system, which refuses one beyond its clock's range
# (an OverflowError in every worker); an hour is more than any body needs.
MAX_SECONDS = 3600
_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
_URL_FIELDS = {
    "article_url": {"year", "month", "day", "slug"},
    "category_url": {"slug"},
    "tag_url": {"slug"},
    "year_url": {"year"},
    "month_url": {"year", "month"},
    "categories_url": set(),
    "tags_url": set(),
    "archives_url": set(),
    "search_url": set(),
    "page_url": {"slug"},
    "document_url": {"year", "month", "day", "slug"},
    "documents_url": set(),
    "document_type_url": {"slug"},
    "document_issuer_url": {"slug"},
    "document_year_url": {"year"},
    "english_url": set(),
    "english_search_url": set(),
}


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str
    description: str
    base_url: str  # absolute, ends with "/"
    root: str  # path part of base_url, ends with "/": where the site lives on its host
    language: str
    timezone: ZoneInfo
    templates: Path
    per_page: int
    related_count: int
    latest_count: int
    title_max: int
    summary_max: int
    feed_size: int
    featured_count: int
    most_viewed_count: int
    thumbnail_widths: tuple[int, ...]
    share: tuple[tuple[str, str], ...]  # (name, address pattern with {url} and {title})
    urls: Mapping[str, str]  # the *_url patterns
    words: Mapping[str, str]
    translations: Mapping[str, Mapping[str, str]]  # other languages' words, complete
    links: tuple[tuple[str, str], ...]  # "Liên kết website": (title, address)
    # The office's identity (issue 15): ORGANIZATION_FIELDS -> text, "" when not given.
    organization: Mapping[str, str]
    english_names: Mapping[str, str]  # Vietnamese name -> English
    embed_hosts: tuple[str, ...] = ()  # hosts whose https iframes a body may keep
    max_file_bytes: int = 5_000_000  # a larger Markdown file is an error
    render_seconds: float = 5.0  # a body that takes longer to make into HTML is an error
    # Declared content model (site_gen/core/declared.py): kinds as declared, fields by name.
    kinds: tuple[KindSpec, ...] = ()
    fields: tuple[FieldSpec, ...] = ()

    def kind(self, name: str) -> KindSpec:
        return next(k for k in self.kinds if k.name == name)

    def words_for(self, lang: str) -> Mapping[str, str]:
        return self.translations.get(lang, self.words) if lang else self.words

    @property
    def organization_schema(self) -> dict:
        """The office as schema.org JSON-LD, for the home page."""
        return organization_schema(self.organization, self.base_url)

    @property
    def meridiem(self) -> tuple[str, str]:
        return self.meridiem_for("")

    def meridiem_for(self, lang: str) -> tuple[str, str]:
        """The words for a.m. and p.m. in a language: an English week writes 2:00 PM."""
        words = self.words_for(lang)
        return words["am"], words["pm"]

    def meridiems_for(self, lang: str) -> tuple[tuple[str, str], ...]:
        """The words for a.m. and p.m. a file in a language may write: its own (an English
        item writes 2:30 PM), then the site's (one translated from a Vietnamese file keeps
        its SA/CH), then English's (a date copied from software that writes 2:30 PM)."""
        return tuple(dict.fromkeys((self.meridiem_for(lang), self.meridiem,
                                    self.meridiem_for("en"))))


def load_config(path: Path | None) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """Merge site.yaml (if any) over the defaults; return the config or the problems."""
    defaults = _read_nodes(DEFAULTS_FILE)
    raw = {k: yamlread.to_python(v) for k, v in defaults.items()}
    base_dir = Path.cwd() if path is None else path.parent
    if path is None:
        return _build(raw, {}, base_dir, "(defaults)")
    try:
        nodes = _read_nodes(path)
    except OSError as exc:
        return None, [error(str(path), 1, f"cannot read settings: {exc.strerror}")]
    except UnicodeDecodeError:
        return None, [error(str(path), 1, "not UTF-8 text; save the settings as UTF-8")]
    except FieldError as exc:
        return None, [error(str(path), exc.line + 1, exc.args[0])]
    lines = {key: yamlread.line_of(node) + 1 for key, node in nodes.items()}
    lines.update(_nested_lines(nodes))
    diags = _unknown_keys(path, nodes, raw)
    for key, node in nodes.items():
        try:
            value = yamlread.to_python(node)
        except FieldError as exc:  # a nested duplicate key, an alias bomb: at its line
            diags.append(error(str(path), exc.line + 1, f"{key}: {exc.args[0]}"))
            continue
        if key in ("words", "translations") and not value:
            continue  # left empty: the built-in ones
        if key in ("words", "translations") and not _mapping(value, key == "translations"):
            diags.append(error(str(path), lines[key], f"{key}: must be a set of `key: value` "
                               "lines" + (", one set for each language" if key != "words" else "")))
        elif key == "translations":
            raw[key] = {lang: {**raw[key].get(lang, {}), **(more or {})} for lang, more in
                        {**raw[key], **value}.items()}
        elif key == "words":
            diags += _unknown_keys(path, yamlread.mapping_items(node, "words"), raw["words"])
            raw["words"] = {**raw["words"], **{k: v or "" for k, v in value.items()}}
        elif key in _NAMED and isinstance(value, dict):
            raw[key] = _merge_named(raw.get(key) or {}, value)
        elif key in raw:
            raw[key] = value
    config, problems = _build(raw, lines, base_dir, str(path))
    return config, diags + problems


# Declared kinds and fields: a site's settings of a kind or field go over the built-in ones
# key by key, and it may declare new ones.
_NAMED = ("kinds", "fields")


def _merge_named(defaults: dict, more: dict) -> dict:
    merged = dict(defaults)
    for name, spec in more.items():
        old = merged.get(name)
        merged[name] = ({**old, **spec} if isinstance(old, dict) and isinstance(spec, dict)
                        else spec)
    return merged


def _mapping(value, nested: bool) -> bool:
    """A YAML mapping (of mappings, if `nested`; an empty one stands for none)."""
    return isinstance(value, dict) and (not nested or all(
        isinstance(more or {}, dict) for more in value.values()))


def _read_nodes(path: Path):
    # NFC, as content is read: a name typed with combining accents (Unikey's "Unicode tổ
    # hợp", a Mac) must be the category or page it names (english_names:, words:...)
    text = normalize(path.read_text(encoding="utf-8-sig"))
    return yamlread.mapping_items(yamlread.compose(text), "settings")


def _unknown_keys(path: Path, nodes, known) -> list[Diagnostic]:
    found = []
    for key, node in nodes.items():
        if key not in known:
            hint = difflib.get_close_matches(key, list(known), n=1)
            tip = f"; did you mean {hint[0]!r}?" if hint else ""
            found.append(warning(str(path), yamlread.line_of(node) + 1,
                                 f"unknown setting {key!r}{tip}"))
    return found


def _build(raw: dict, lines: dict, base_dir: Path, where: str):
    problems: list[Diagnostic] = []

    def bad(key: str, message: str, at: str = "") -> None:
        """`at`: the nested key whose line to tell (`kinds.su-kien`), else the setting's."""
        problems.append(error(where, lines.get(at) or lines.get(key, 1), f"{key}: {message}"))

    ints = {}
    for key in _INT_KEYS:
        text = "" if raw.get(key) is None else str(raw.get(key))
        least = 0 if key in _MAY_BE_NONE else 1
        if not re.fullmatch(r"\d+", text) or int(text) < least:
            bad(key, f"must be a whole number of {least} or more, not {text!r}")
        else:
            ints[key] = int(text)
    urls = {key: _check_pattern(key, str(raw.get(key) or ""), bad) for key in _URL_FIELDS}
    _check_fixed_pages(urls, lines, bad)
    base_url = str(raw.get("base_url") or "")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        bad("base_url", f"must be a full address such as https://example.gov.vn/, not {base_url!r}")
    zone = _zone(str(raw.get("timezone") or ""), bad)
    templates = base_dir / str(raw.get("templates") or "templates")
    if "templates" in lines and not templates.is_dir():
        bad("templates", f"folder {str(templates)!r} does not exist")
    elif not templates.is_dir():
        templates = BUILTIN_TEMPLATES  # a site without a theme of its own uses ours
    else:
        problems += _refused_links(templates)
    words = {k: str(v) for k, v in (raw.get("words") or {}).items()}
    widths = _widths(raw.get("thumbnail_widths"), bad)
    share = _share_links(raw.get("share"), bad)
    links = _links(raw.get("links"), bad)
    hosts = _hosts(raw.get("embed_hosts"), bad)
    max_mb = _positive("max_file_mb", raw.get("max_file_mb"), bad)
    seconds = _positive("max_render_seconds", raw.get("max_render_seconds"), bad, MAX_SECONDS)
    translations = {str(lang): MappingProxyType({**words, **{k: str(v) for k, v in (more or {}).items()}})
                    for lang, more in (raw.get("translations") or {}).items()}
    organization = _organization(raw, bad)
    english_names = _text_mapping("english_names", raw.get("english_names"), bad)
    fields = read_fields(raw.get("fields"), bad)
    kinds = read_kinds(raw.get("kinds"), urls, fields, ints.get("per_page", 1), bad)
    if problems:
        return None, problems
    root = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
    return SiteConfig(
        title=str(raw.get("title") or ""),
        description=str(raw.get("description") or ""),
        base_url=f"{parts.scheme}://{parts.netloc}{root}",
        root=root,
        language=str(raw.get("language") or "vi"),
        timezone=zone,
        templates=templates,
        urls=MappingProxyType(urls),
        thumbnail_widths=widths,
        share=share,
        links=links,
        embed_hosts=hosts,
        max_file_bytes=int(max_mb * 1_000_000),
        render_seconds=seconds,
        translations=MappingProxyType(translations),
        words=MappingProxyType(words),
        organization=MappingProxyType(organization),
        english_names=MappingProxyType(english_names),
        kinds=kinds,
        fields=fields,
        **ints,
    ), []


def _check_fixed_pages(urls: dict, lines: dict, bad) -> None:
    """The pages of one address each (the list of categories, the search page...) at
    addresses of their own: two at one address would be one file written twice, the one
    that wins left to chance. The setting written in site.yaml is the one told (kinds'
    lists are checked with the kinds: declared.py)."""
    taken = {"/": "the home page"}
    for key in sorted(FIXED_PAGES, key=lambda k: (k in lines, k)):
        if urls[key] in taken:
            bad(key, f"{urls[key]} is the address of {taken[urls[key]]} too; choose another")
        taken.setdefault(urls[key], f"{key}")


def _check_pattern(key: str, pattern: str, bad) -> str:
    fields = set(re.findall(r"{(\w+)}", pattern))
    if not (pattern.startswith("/") and pattern.endswith("/")):
        bad(key, f"must start and end with '/', not {pattern!r}")
    elif UNSAFE_ADDRESS.search(pattern) or "//" in pattern:
        bad(key, f"must be a path on this site, such as /tin-tuc/{{slug}}/, without a scheme, "
                 f"'//', '\\', '%', '?', '#', spaces or control characters, not {pattern!r}")
    elif dot_folders(pattern):
        bad(key, f"must not contain '.' or '..' folders, which would leave the site: {pattern!r}")
    elif stray_braces(pattern):
        bad(key, f"a field is written with one brace either side, as {{slug}}, not {pattern!r}")
    elif fields - _URL_FIELDS[key]:
        allowed = ", ".join(sorted(_URL_FIELDS[key])) or "none"
        bad(key, f"unknown field {sorted(fields - _URL_FIELDS[key])[0]!r} (allowed: {allowed})")
    elif key == "article_url" and "{slug}" not in pattern:
        bad(key, "must contain {slug}, or two articles would share one address")
    return pattern


def theme_folders(config: SiteConfig) -> tuple[Path, ...]:
    """Where templates and static files are looked for, the first that has one wins: the
    site's own folder, then the built-in theme, so that a site may hold only what it
    changes or adds (a kind's template) and take the rest as it is, as Hugo and Zola do."""
    if config.templates.resolve() == BUILTIN_TEMPLATES:
        return (config.templates,)
    return (config.templates, BUILTIN_TEMPLATES)


def _refused_links(templates: Path) -> list[Diagnostic]:
    """An error for each link of the theme not followed (files.files_below): the
    templates may use only their own folder, and static/ is published as it is."""
    refused = {}
    for folder in (templates / "static", templates):
        for rel, why in files_below(folder).refused:
            refused.setdefault(str(folder / rel), why)
    return [error(path, 1, why) for path, why in sorted(refused.items())]


def _zone(name: str, bad) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        bad("timezone", f"unknown time zone {name!r} (for Việt Nam: Asia/Ho_Chi_Minh)")
        return None



def _widths(value, bad) -> tuple[int, ...]:
    items = value if isinstance(value, list) else []
    if not items or not all(re.fullmatch(r"\d+", str(v)) and int(v) > 0 for v in items):
        bad("thumbnail_widths", f"must be a list of widths in pixels such as [320, 640], not {value!r}")
        return ()
    return tuple(sorted({int(v) for v in items}))


def _share_links(value, bad) -> tuple[tuple[str, str], ...]:
    items = value if isinstance(value, list) else []
    links = []
    for item in items:
        if not (isinstance(item, dict) and item.get("name") and "{url}" in str(item.get("url"))):
            bad("share", "each entry needs `name:` and a `url:` containing {url}")
            return ()
        if urlsplit(str(item["url"])).scheme.lower() not in ("http", "https"):
            bad("share", f"a share link must be an http(s) address, not {item['url']!r}")
            return ()
        links.append((str(item["name"]), str(item["url"])))
    return tuple(links)


def _hosts(value, bad) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [] if value is None else None
    if items is None or not all(isinstance(v, str) and _HOST.fullmatch(v.lower()) for v in items):
        bad("embed_hosts", "must be a list of host names such as [www.youtube.com] (no "
                           f"https://, no path), not {value!r}")
        return ()
    return tuple(sorted({v.lower() for v in items}))


def _positive(key: str, value, bad, most: float = float("inf")) -> float:
    text = str(value or "")
    if not re.fullmatch(r"\d+(\.\d+)?", text) or not 0 < float(text) <= most:
        limit = f" and at most {most:g}" if most < float("inf") else ""
        bad(key, f"must be a number above 0{limit} such as 5 or 0.5, not {text!r}")
        return 1.0
    return float(text)


def _links(value, bad) -> tuple[tuple[str, str], ...]:
    items = value if isinstance(value, list) else []
    if value and not isinstance(value, list):
        bad("links", "must be a list of `- title: ...` / `url: ...` entries")
    links = []
    for item in items:
        if not (isinstance(item, dict) and item.get("title") and item.get("url")):
            bad("links", "each link needs `title:` and `url:`")
            return ()
        if urlsplit(str(item["url"])).scheme.lower() not in ("http", "https", ""):
            bad("links", f"a link must be an http(s) address or a path, not {item['url']!r}")
            return ()
        links.append((str(item["title"]), str(item["url"])))
    return tuple(links)


# The office's identity, shown in every footer, in print and as JSON-LD on the home page:
# what Decree 42/2022/NĐ-CP expects a state portal to say about who runs it. `_en` fields
# are the English words of the field before them, for pages with `lang: en`.
ORGANIZATION_FIELDS = ("name", "name_en", "description_en", "governing_body",
                       "governing_body_en", "address", "address_en", "phone", "fax", "email",
                       "responsible", "responsible_en", "licence", "licence_en", "map")
_NESTED = ("organization", "english_names", "fields", "kinds")
_EMAIL_FORM = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_FORM = re.compile(r"\+?[\d .()-]*\d[\d .()-]*")


def _nested_lines(nodes) -> dict[str, int]:
    """`organization.phone`, `kinds.su-kien` -> the line of that key, so that a message
    names the very line (a kind's settings start on the line after its name)."""
    lines = {}
    for key in _NESTED:
        node = nodes.get(key)
        if node is not None and isinstance(node, MappingNode):
            for sub, value in node.value:
                lines[f"{key}.{sub.value}"] = yamlread.line_of(sub) + 1
    return lines


def _text_mapping(key: str, value, bad) -> dict[str, str]:
    if value is None or value == {}:
        return {}
    if not isinstance(value, dict):
        bad(key, "must be a set of `name: text` lines")
        return {}
    found = {}
    for name, text in value.items():
        if isinstance(text, (dict, list)):
            bad(f"{key}.{name}", "must be text, not a list or mapping")
        else:
            found[str(name)] = str(text or "").strip()
    return found


def _organization(raw: dict, bad) -> dict[str, str]:
    given = _text_mapping("organization", raw.get("organization"), bad)
    for name in given.keys() - set(ORGANIZATION_FIELDS):
        hint = difflib.get_close_matches(name, ORGANIZATION_FIELDS, n=1)
        tip = f"; did you mean {hint[0]!r}?" if hint else f" (known: {', '.join(ORGANIZATION_FIELDS)})"
        bad(f"organization.{name}", f"unknown field{tip}")
    org = {name: given.get(name, "") for name in ORGANIZATION_FIELDS}
    org["name"] = org["name"] or str(raw.get("title") or "")
    if org["email"] and not _EMAIL_FORM.fullmatch(org["email"]):
        bad("organization.email", f"must be an address such as vanphong@example.gov.vn, not {org['email']!r}")
    for name in ("phone", "fax"):
        numbers = [number for number, _ in phone_parts(org[name])[::2]]  # the parts between
        if org[name] and not all(_PHONE_FORM.fullmatch(number) for number in numbers):
            bad(f"organization.{name}", f"must be a number such as 0259 3873 123, not {org[name]!r}")
    if org["map"] and urlsplit(org["map"]).scheme not in ("http", "https"):
        bad("organization.map", f"must be a full address (https://...), not {org['map']!r}")
    return org


def organization_schema(org: Mapping[str, str], url: str) -> dict:
    """A GovernmentOrganization with the fields the office gave; empty ones left out."""
    data = {"@context": "https://schema.org", "@type": "GovernmentOrganization",
            "name": org["name"], "url": url}
    for field, key in (("alternateName", "name_en"), ("telephone", "phone"),
                       ("faxNumber", "fax"), ("email", "email"), ("hasMap", "map")):
        if org[key]:
            data[field] = org[key]
    if org["address"]:
        data["address"] = {"@type": "PostalAddress", "streetAddress": org["address"],
                           "addressCountry": "VN"}
    if org["governing_body"]:
        data["parentOrganization"] = {"@type": "GovernmentOrganization",
                                      "name": org["governing_body"]}
    return data


def portable(config: SiteConfig, content_dir: Path) -> SiteConfig:
    """The settings as keys and templates see them: the theme's folder relative to the
    project, so that a clone elsewhere, or CI on a fresh checkout, reuses the cache. A pure
    path: a Path's methods read the disk and the working folder (`read_text`, `absolute`),
    which no key covers."""
    folder = config.templates.resolve()
    if folder == BUILTIN_TEMPLATES:  # beside the generator, wherever it is installed
        return replace(config, templates=PurePosixPath("site-gen", "templates"))
    project = content_dir.resolve().parent
    return replace(config, templates=PurePosixPath(Path(os.path.relpath(folder, project))))
