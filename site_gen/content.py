"""Load stage: read every article file and validate its front matter."""

from __future__ import annotations

import difflib
import re
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from . import markup, yamlread
from .config import SiteConfig
from .diagnostics import Diagnostic, error, warning
from .model import Alias, Article, RelatedRef
from .text import collapse_spaces, make_slug, normalize, parse_date, plain_excerpt, slug_from_filename
from .yamlread import FieldError

KNOWN_KEYS = ("title", "date", "views", "category", "tags", "summary", "image", "image_alt",
              "author", "featured", "draft", "slug", "aliases", "related")
_FENCE = re.compile(r"---[ \t]*")
_END_FENCE = re.compile(r"(---|\.\.\.)[ \t]*")
_UNSAFE_URL = re.compile(r"[\x00-\x1f\x7f\\]")
FRONT_OFFSET = 2  # a 0-based line of the YAML is this file line (after the `---`)


def find_sources(content_dir: Path) -> list[Path]:
    """Every .md file below the folder, sorted, hidden files and folders left out."""
    found = []
    for path in content_dir.rglob("*.md"):
        parts = path.relative_to(content_dir).parts
        if path.is_file() and not any(p.startswith(".") for p in parts):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(content_dir).as_posix())


def load_articles(content_dir: Path, config: SiteConfig):
    """Read all articles; return (articles sorted by path, diagnostics)."""
    converter = markup.make_converter()
    articles, diags = [], []
    for file in find_sources(content_dir):
        article, found = read_article(file, content_dir, config, converter)
        diags += found
        if article is not None:
            articles.append(article)
    return tuple(articles), diags


def read_article(file: Path, content_dir: Path, config: SiteConfig, converter):
    source = file.relative_to(content_dir).as_posix()
    shown = str(file)
    try:
        front, body, body_line = split_front_matter(decode(file.read_bytes()))
    except FieldError as exc:
        return None, [error(shown, exc.line + 1, str(exc))]
    except OSError as exc:
        return None, [error(shown, 1, f"cannot read file: {exc.strerror}")]
    try:
        items = yamlread.mapping_items(yamlread.compose(front), "front matter", FRONT_OFFSET)
    except FieldError as exc:
        return None, [error(shown, exc.line + FRONT_OFFSET, str(exc))]
    reader = _FieldReader(shown, items)
    fields = reader.read_fields(config)
    if reader.errors():
        return None, reader.diagnostics
    body_html = markup.to_html(converter, body)
    slug = _slug(fields, file.stem, reader)
    if reader.errors():
        return None, reader.diagnostics
    published = fields["date"]
    url = config.urls["article_url"].format(
        year=published.year, month=f"{published.month:02d}", day=f"{published.day:02d}", slug=slug)
    summary = fields["summary"] or plain_excerpt(markup.first_paragraph_text(body_html),
                                                 config.summary_max)
    article = Article(
        source=source, path=shown, title=fields["title"], published=published,
        views=fields["views"], category=fields["category"] or None, tags=fields["tags"],
        summary=summary, image=fields["image"] or None, image_alt=fields["image_alt"],
        author=fields["author"] or None, featured=fields["featured"],
        draft=fields["draft"], slug=slug, url=url, aliases=fields["aliases"],
        related=fields["related"], body_html=body_html,
        links=markup.file_links(body_html, body, body_line, source),
        lines=MappingProxyType({k: yamlread.line_of(v) + FRONT_OFFSET for k, v in items.items()}),
    )
    return article, reader.diagnostics


def decode(data: bytes) -> str:
    """UTF-8 (a BOM allowed) to NFC text with "\\n" line ends."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start)
        raise FieldError("not UTF-8 text; save the file as UTF-8", line) from None
    return normalize(text.replace("\r\n", "\n").replace("\r", "\n"))


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(YAML text, Markdown body, file line where the body starts); the YAML starts on
    the file's second line."""
    lines = text.split("\n")
    if not lines or not _FENCE.fullmatch(lines[0]):
        raise FieldError("the file must start with a `---` line opening the front matter", 0)
    for number, line in enumerate(lines[1:], start=1):
        if _END_FENCE.fullmatch(line):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1:]), number + 2
    raise FieldError("the front matter is not closed by a `---` line", 0)


class _FieldReader:
    """Reads each known key with its own type, collecting every problem of the file."""

    def __init__(self, shown: str, items: dict):
        self.shown = shown
        self.items = items
        self.diagnostics: list[Diagnostic] = []

    def errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def problem(self, line0: int, message: str) -> None:
        self.diagnostics.append(error(self.shown, line0 + FRONT_OFFSET, message))

    def get(self, key: str, read, default):
        node = self.items.get(key)
        if node is None or (yamlread.is_null(node) and key not in ("title", "date")):
            return default
        try:
            return read(node, key)
        except FieldError as exc:
            self.problem(exc.line, str(exc))
            return default

    def read_fields(self, config: SiteConfig) -> dict:
        for key, node in self.items.items():
            if key not in KNOWN_KEYS:
                close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
                tip = f"; did you mean {close[0]!r}?" if close else ""
                self.diagnostics.append(warning(
                    self.shown, yamlread.line_of(node) + FRONT_OFFSET,
                    f"unknown front matter key {key!r}{tip}"))
        text = yamlread.read_text
        return {
            "title": self.required("title", lambda n, k: collapse_spaces(text(n, k))),
            "date": self.required("date", lambda n, k: self._date(n, k, config)),
            "views": self.get("views", yamlread.read_int, 0),
            "category": collapse_spaces(self.get("category", text, "")),
            "tags": tuple(dict.fromkeys(collapse_spaces(t) for t in
                                        self.get("tags", yamlread.read_text_list, ()))),
            "summary": collapse_spaces(self.get("summary", text, "")),
            "image": self.get("image", text, ""),
            "image_alt": collapse_spaces(self.get("image_alt", text, "")),
            "featured": self.get("featured", yamlread.read_bool, False),
            "author": collapse_spaces(self.get("author", text, "")),
            "draft": self.get("draft", yamlread.read_bool, False),
            "slug": self.get("slug", text, ""),
            "aliases": tuple(self.get("aliases", self._aliases, ())),
            "related": tuple(self.get("related", self._related, ())),
        }

    def required(self, key: str, read):
        if key not in self.items:
            self.problem(-1, f"missing {key}: every article needs a `{key}:` line")
            return None
        value = self.get(key, read, None)
        if value == "":
            self.problem(yamlread.line_of(self.items[key]), f"{key} is empty")
        return value

    @staticmethod
    def _date(node, key: str, config: SiteConfig):
        text = yamlread.read_text(node, key)
        if not text:
            raise FieldError("date is empty", yamlread.line_of(node))
        try:
            return parse_date(text, config.timezone, config.meridiem)
        except ValueError as exc:
            raise FieldError(str(exc), yamlread.line_of(node)) from None

    def _aliases(self, node, key: str) -> list[Alias]:
        aliases = []
        for item in yamlread.read_list(node, key):
            try:
                url = alias_path(yamlread.read_text(item, key))
            except ValueError as exc:
                raise FieldError(str(exc), yamlread.line_of(item)) from None
            aliases.append(Alias(url, yamlread.line_of(item) + FRONT_OFFSET))
        return aliases

    def _related(self, node, key: str) -> list[RelatedRef]:
        refs = []
        for item in yamlread.read_list(node, key):
            line = yamlread.line_of(item) + FRONT_OFFSET
            if isinstance(item, yamlread.ScalarNode):
                target = yamlread.read_text(item, key)
                if target:
                    refs.append(RelatedRef(line, target=target))
                continue
            fields = yamlread.mapping_items(item, "a related link", FRONT_OFFSET)
            title = collapse_spaces(self.get_in(fields, "title"))
            url = self.get_in(fields, "url")
            if not title or not url:
                raise FieldError("a related link needs both `title:` and `url:`",
                                 yamlread.line_of(item))
            refs.append(RelatedRef(line, title=title, url=url))
        return refs

    @staticmethod
    def get_in(fields: dict, key: str) -> str:
        return yamlread.read_text(fields[key], key) if key in fields else ""


def _slug(fields: dict, stem: str, reader: _FieldReader) -> str:
    """`slug:` if given, else the file name, else the title; always ASCII via slugify."""
    if fields["slug"]:
        slug = make_slug(fields["slug"])
        if not slug:
            reader.problem(yamlread.line_of(reader.items["slug"]),
                           f"slug {fields['slug']!r} has no letters or digits to use")
        return slug
    slug = slug_from_filename(normalize(stem)) or make_slug(fields["title"] or "")
    if not slug:
        reader.problem(-1, "cannot make an address from the file name or title; add `slug:`")
    return slug


def alias_path(text: str) -> str:
    """The path of an old address, checked so that it stays inside the site."""
    parts = urlsplit(text.strip())
    if parts.query or parts.fragment:
        raise ValueError(f"alias {text!r}: a static site cannot serve an address with ? or #")
    path = unquote(parts.path)
    if not path or _UNSAFE_URL.search(path):
        raise ValueError(f"alias {text!r} is not a usable address")
    segments = PurePosixPath("/" + path.lstrip("/")).parts[1:]
    if any(seg in (".", "..") for seg in path.split("/")):
        raise ValueError(f"alias {text!r} would leave the site's folder")
    if not segments:
        raise ValueError(f"alias {text!r} would replace the home page")
    return "/" + "/".join(segments) + ("/" if path.endswith("/") else "")
