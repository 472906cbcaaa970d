"""Load stage: read every article file and validate its front matter."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

from . import markup
from ..core import yamlread
from ..core.config import SiteConfig
from ..core.diagnostics import Diagnostic, error, warning
from .documents import read_document
from .fields import blank_fields, file_path, read_declared
from .schedule import read_meetings
from ..core.declared import BUILT_IN_KEYS, KindSpec, fields_of, is_content, kind_order
from ..core.files import file_stamp, files_below
from ..core.parallel import map_chunks
from ..core.progress import Quiet
from .search import search_terms
from ..core.model import Alias, Article, RelatedRef, Unread
from ..core.packed import pack_text
from ..core.text import MAX_NAME, collapse_spaces, make_slug, normalize, parse_date, plain_excerpt, slug_from_filename
from ..core.yamlread import FieldError

_FENCE = re.compile(r"---[ \t]*")
_END_FENCE = re.compile(r"(---|\.\.\.)[ \t]*")
_UNSAFE_URL = re.compile(r"[\x00-\x1f\x7f\\]")
_DATED_ADDRESS = re.compile(r"{(year|month|day)}")  # parts of an address made of a date
# Bytes of the characters yamlread.writable takes out, but for C1 controls and noncharacters
# (two and three bytes, led by \xc2 and \xef in UTF-8).
_CONTROL_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r") + b"\x7f"
# Unknown keys named one by one in a file: each costs a millisecond of looking for the
# key meant, and a front matter of 200,000 made-up keys took a minute.
MAX_UNKNOWN = 20
# Each tag is a page of its own: a file of 300,000 tags (2 MB) made as many pages and took
# minutes. No article of a bulletin has a tenth of this.
MAX_TAGS = 100
FRONT_OFFSET = 2  # a 0-based line of the YAML is this file line (after the `---`)


def find_sources(content_dir: Path, config: SiteConfig,
                 files=None) -> list[tuple[str, os.DirEntry]]:
    """(source, entry) of every .md file below the folder that a kind takes, sorted,
    hidden ones left out; from `files` if the folder was listed already."""
    files = files_below(content_dir) if files is None else files
    return [(rel, entry) for rel, entry in files
            if rel.endswith(".md") and is_content(rel, config.kinds)]


class Loaded(NamedTuple):
    """A content file as a build read it (or took it from the cache)."""

    stamp: tuple  # its size and times as read (core/files.file_stamp)
    digest: str  # sha1 of its bytes
    article: Article | Unread
    diagnostics: tuple  # of reading it; one with any is never taken from the cache


def load_articles(content_dir: Path, config: SiteConfig, jobs: int = 1, previous=None,
                  progress=Quiet(), files=None):
    """Read all articles on `jobs` cores; return (articles sorted by path, diagnostics,
    {source: Loaded}, how many files were parsed). `previous` holds the entries of an earlier
    build: a file whose size and time did not change is not read again, nor parsed again if
    its bytes did not change (a fresh git checkout gives every file a new time)."""
    def read_all(todo):
        converter = markup.make_converter(config.embed_hosts, config.render_seconds,
                                          markup.backlink_titles(config.words, config.translations))
        found = []
        for file, source, stamp in todo:
            # read once: the record kept in the cache is of the very bytes it is kept by
            # (hashed, then read again, one saved in between was kept under the other's
            # hash, and taken for those bytes once they were back)
            try:
                data = file.read_bytes()
            except OSError:  # read_article tells why
                data = None
            digest = "" if data is None else hashlib.sha1(data).hexdigest()
            found.append((source, stamp, digest,
                          *read_article(file, content_dir, config, converter, data)))
        return found

    files = files_below(content_dir) if files is None else files
    refused = (refused_links(content_dir, files) + untaken(config, files)
               + misnamed(files))
    entries, todo, previous = {}, [], previous or {}
    reread = kinds_naming_files(config)
    for source, entry in find_sources(content_dir, config, files):
        try:
            stat = entry.stat()
        except OSError:  # gone since it was listed (an editor saving it): not there
            continue
        stamp = file_stamp(stat)
        if stat.st_size > config.max_file_bytes:
            refused.append(error(entry.path, 1, f"the file is {megabytes(stat.st_size)}, "
                                 f"more than the {megabytes(config.max_file_bytes)} allowed "
                                 "(max_file_mb in site.yaml)"))
            continue
        old = previous.get(source)
        if old is None or old.article.kind in reread:
            todo.append((Path(entry.path), source, stamp))  # the files it names may change
        elif old.stamp == stamp:
            entries[source] = old
        elif old.stamp[0] == stamp[0] and old.digest == file_hash(Path(entry.path)):
            entries[source] = old._replace(stamp=stamp)
        else:
            todo.append((Path(entry.path), source, stamp))
    progress.phase("reading articles", len(todo))
    for part in map_chunks(read_all, todo, jobs, advance=progress.advance):
        for source, stamp, digest, article, diags in part:
            loaded, old = Loaded(stamp, digest, article, tuple(diags)), previous.get(source)
            # the same as the cache holds, but maybe its stamp: no shard saved again for it
            entries[source] = old if old and old._replace(stamp=stamp) == loaded else loaded
    ordered = [entries[s] for s in sorted(entries)]
    articles = tuple(entry.article for entry in ordered if isinstance(entry.article, Article))
    return (articles, refused + [d for entry in ordered for d in entry.diagnostics], entries,
            len(todo))


def refused_links(content_dir: Path, files) -> list[Diagnostic]:
    """An error for each link not followed and folder not read (files.files_below)."""
    return [error(str(content_dir / rel), 1, why) for rel, why in getattr(files, "refused", ())]


def untaken(config: SiteConfig, files) -> list[Diagnostic]:
    """A warning for each .md file that no kind takes: in a kind's folder but not of its
    `match:` (`**/*.md` takes no file of the folder itself), passed over without a word."""
    found = []
    for rel, entry in files:  # named by entry.path, as the disk names it (a Mac's: NFD)
        if not rel.endswith(".md") or is_content(rel, config.kinds):
            continue
        kind = max((k for k in config.kinds if k.folder and rel.startswith(k.folder + "/")),
                   key=lambda k: len(k.folder), default=None)
        where = f" in {kind.folder}/" if kind and kind.folder else ""
        kind = kind or next(k for k in config.kinds if not k.folder)
        found.append(warning(entry.path, 1, f"not read: kind {kind.name!r} takes "
                                            f"only {kind.match!r}{where}"))
    return found


# Names an article gets by mistake: Windows' Notepad adds .txt to a name it hides the
# end of, Windows and old cameras write capitals, other editors another ending for Markdown.
_MISNAMED = re.compile(r"(?i)(.+)\.(?:md\.txt|markdown|mdown|mkd|md)")


def misnamed(files) -> list[Diagnostic]:
    """An error for each file named as an article by mistake (`bai.md.txt`, `bai.MD`): not
    read as one, it would be published as it is, front matter and drafts too."""
    names = {rel for rel, _ in files}
    found = []
    for rel, entry in files:
        folder, _, name = rel.rpartition("/")
        match = not rel.endswith(".md") and _MISNAMED.fullmatch(name)
        if match:
            wanted = f"{match[1]}.md"
            taken = f"{folder}/{wanted}" if folder else wanted
            to = (f"give it another name ending in .md ({wanted} is taken)" if taken in names
                  else f"rename it {wanted}")
            found.append(error(entry.path, 1, "only files whose name ends in .md "
                               f"are read as articles: {to} (or, if it is not one, move it "
                               "out of the content folder)"))
    return found


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def kinds_naming_files(config: SiteConfig) -> set[str]:
    """The kinds whose files are checked against other files when read (a văn bản's
    attachments, declared image fields): read again at every build."""
    return {k.name for k in config.kinds if k.feature == "document" or any(
        f.type == "image" for f in fields_of(k, config.fields))}


def file_hash(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def read_article(file: Path, content_dir: Path, config: SiteConfig, converter,
                 data: bytes | None = None):
    """The record of a file (of its bytes `data`, if read already) and its problems."""
    source = normalize(file.relative_to(content_dir).as_posix())  # as files_below lists it
    shown = str(file)
    try:
        data = file.read_bytes() if data is None else data
        front, body, body_line = split_front_matter(decode(data))
    except FieldError as exc:
        return unreadable(file, source), [error(shown, exc.line + 1, str(exc))]
    except OSError as exc:
        return unreadable(file, source), [error(shown, 1, f"cannot read file: {exc.strerror}")]
    try:
        items = yamlread.mapping_items(yamlread.compose(front), "front matter", FRONT_OFFSET)
    except FieldError as exc:
        return unreadable(file, source), [error(shown, exc.line + FRONT_OFFSET, str(exc))]
    reader = _FieldReader(shown, items, config)
    kind = _kind(reader, source, config)
    fields = reader.read_fields(config, date_required=kind.date == "required")
    fields["image"] = reader.lead_image(fields["image"], source)
    own = fields_of(kind, config.fields)
    reader.warn_other_kinds(kind, own, config)
    declared = read_declared(reader, own, config, source, content_dir)
    document = (read_document(reader, config, source, content_dir)
                if kind.feature == "document" else None)
    # a kind may take its date from a declared date field (`date: <field>` in `kinds:`)
    published = document.issued if document else declared.get(kind.date, fields["date"])
    if published is None and not document:
        reader.undated_address(kind, config)
    if kind.feature == "schedule":  # the rows of a week become its meetings
        declared["entries"] = read_meetings(declared.get("entries", ()), published,
                                            shown, reader.diagnostics,
                                            config.meridiems_for(fields["lang"]))
    try:  # even with a problem in its front matter: its links are checked in this run
        body_html, frames = markup.to_html(converter, body, fields["lang"])
    except markup.BodyError as exc:
        reader.diagnostics.append(error(shown, body_line, str(exc)))
        body_html = None
    else:
        for line, address in zip(markup.frame_lines(body, frames), frames):
            reader.diagnostics.append(warning(shown, body_line + line, markup.frame_problem(
                address, config.embed_hosts)))
    if body.strip() == config.words["new_article_body"]:  # built as it is, readers read it
        reader.diagnostics.append(warning(
            shown, body_line + body[:len(body) - len(body.lstrip())].count("\n"),
            "the text is still the one `site-gen new` wrote: write the article in its place"))
    # a kind whose files are a folder's index (an album) takes its address from the folder
    slug = _slug(fields, file.parent.name if "/" in kind.match else file.stem, reader)
    links = () if body_html is None else markup.file_links(body_html, body, body_line, source)
    site_links = ()
    if body_html is not None:
        body_html, site_links = markup.site_addresses(body_html, body, body_line, source,
                                                      config.base_url)
    if reader.errors():
        return Unread(source, shown, names_of(source, slug), fields["related"], links,
                      bool(fields["draft"]), document_number(items, kind), fields["documents"],
                      {k: v for k, v in declared.items() if isinstance(v, RelatedRef)}
                      ), reader.diagnostics
    stamp = published or datetime(1970, 1, 1)
    url = kind.url.format(
        year=stamp.year, month=f"{stamp.month:02d}", day=f"{stamp.day:02d}", slug=slug)
    summary = fields["summary"] or plain_excerpt(markup.first_paragraph_text(body_html),
                                                 config.summary_max)
    article = Article(
        source=source, path=shown, title=fields["title"], published=published,
        views=fields["views"], category=fields["category"] or None, tags=fields["tags"],
        summary=summary, image=fields["image"] or None, image_alt=fields["image_alt"],
        author=fields["author"] or None, featured=fields["featured"],
        draft=fields["draft"], slug=slug, url=url, aliases=fields["aliases"],
        related=fields["related"], body=pack_text(body_html),
        links=links,
        lines={k: yamlread.line_of(v) + FRONT_OFFSET for k, v in items.items()},
        kind=kind.name, menu=fields["menu"], lang=fields["lang"], cites=fields["documents"],
        name_en=fields["name_en"],
        document=document,
        digest=hashlib.sha1(repr((source, document)).encode() + data).hexdigest(),
        terms=search_terms(fields["title"], document, summary, body_html),
        fields={**blank_fields(config.fields), **declared}, site_links=site_links,
    )
    return article, reader.diagnostics


def unreadable(file: Path, source: str) -> Unread:
    """A file whose front matter cannot be read at all: known by its path and file name."""
    return Unread(source, str(file), names_of(source, slug_from_filename(normalize(file.stem))))


def document_number(items: dict, kind: KindSpec) -> str:
    """A văn bản's number as written, if it can be read: what citations name it by."""
    node = items.get("number")
    if kind.feature != "document" or node is None:
        return ""
    try:
        return collapse_spaces(yamlread.read_text(node, "number"))
    except FieldError:
        return ""


def names_of(source: str, slug: str) -> frozenset[str]:
    """What other files may call a file that could not be read (index.reference_table)."""
    return frozenset(n for n in (source, source.removesuffix(".md"), slug) if n)


def decode(data: bytes) -> str:
    """UTF-8 (a BOM allowed) to NFC text with "\\n" line ends, without the characters no
    page or feed may hold (yamlread.writable)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start)
        raise FieldError("not UTF-8 text; save the file as UTF-8", line) from None
    if len(data.translate(None, _CONTROL_BYTES)) != len(data) or b"\xc2" in data or b"\xef" in data:
        text = yamlread.writable(text)  # else none there: a bytes pass costs a fifth of a text one
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


def read_tags(node, key: str) -> tuple[str, ...]:
    tags = tuple(dict.fromkeys(collapse_spaces(t) for t in yamlread.read_text_list(node, key)))
    if len(tags) > MAX_TAGS:
        raise FieldError(f"{key}: {len(tags):,} tags, more than the {MAX_TAGS} an article may "
                         "have (each is a page of its own)", yamlread.line_of(node))
    return tags


class _FieldReader:
    """Reads each known key with its own type, collecting every problem of the file."""

    offset = FRONT_OFFSET

    def __init__(self, shown: str, items: dict, config: SiteConfig):
        self.shown = shown
        self.items = items
        self.diagnostics: list[Diagnostic] = []
        self.known = BUILT_IN_KEYS + tuple(f.name for f in config.fields)

    def errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def problem(self, line0: int, message: str) -> None:
        self.diagnostics.append(error(self.shown, line0 + FRONT_OFFSET, message))

    def get(self, key: str, read, default):
        node = self.items.get(key)
        if node is None or yamlread.is_null(node):
            return default
        try:
            return read(node, key)
        except FieldError as exc:
            self.problem(exc.line, str(exc))
            return default

    def read_fields(self, config: SiteConfig, date_required: bool = True) -> dict:
        unknown = [(key, node) for key, node in self.items.items() if key not in self.known]
        for key, node in unknown[:MAX_UNKNOWN]:
            close = difflib.get_close_matches(key, self.known, n=1)
            tip = f"; did you mean {close[0]!r}?" if close else ""
            self.diagnostics.append(warning(
                self.shown, yamlread.line_of(node) + FRONT_OFFSET,
                f"unknown front matter key {key!r}{tip}"))
        if len(unknown) > MAX_UNKNOWN:
            key, node = unknown[MAX_UNKNOWN]
            self.diagnostics.append(warning(
                self.shown, yamlread.line_of(node) + FRONT_OFFSET,
                f"and {len(unknown) - MAX_UNKNOWN} more unknown front matter keys"))
        text = yamlread.read_text
        return {
            "title": self.required("title", lambda n, k: collapse_spaces(text(n, k))),
            "date": (self.required if date_required else self.optional)(
                "date", lambda n, k: self.read_date(n, k, config)),
            "views": self.get("views", yamlread.read_int, 0),
            "category": collapse_spaces(self.get("category", text, "")),
            "tags": self.get("tags", read_tags, ()),
            "summary": self.summary(),
            "image": self.get("image", yamlread.read_address, ""),
            "image_alt": collapse_spaces(self.get("image_alt", text, "")),
            "featured": self.get("featured", yamlread.read_bool, False),
            "author": collapse_spaces(self.get("author", text, "")),
            "draft": self.get("draft", yamlread.read_bool, False),
            "slug": self.get("slug", text, ""),
            "aliases": tuple(self.get("aliases", self._aliases, ())),
            "related": tuple(self.get("related", self._related, ())),
            "menu": self.get("menu", yamlread.read_int, None),
            "lang": self.language(config),
            "name_en": self.get("name_en", text, ""),
            "documents": tuple(RelatedRef(yamlread.line_of(self.items["documents"]) + FRONT_OFFSET,
                                          target=number)
                               for number in self.get("documents", yamlread.read_text_list, ())),
        }

    def summary(self) -> str:
        """`summary:`, or `description:`, as the issue names an album's and other generators
        (Hugo, Zola) any page's; both written, the second is told it is not read."""
        text = lambda key: collapse_spaces(self.get(key, yamlread.read_text, ""))
        summary, description = text("summary"), text("description")
        if summary and description:
            self.diagnostics.append(warning(
                self.shown, yamlread.line_of(self.items["description"]) + FRONT_OFFSET,
                "description is not read: summary says what it would say (keep one of them)"))
        return summary or description

    def lead_image(self, url: str, source: str) -> str:
        """`image:` as an address from the site's top: one written from the article file's
        folder ("hoi-nghi.jpg"), as a body's pictures are, would be read from the page's
        address; one leading out of content/ is told and not shown."""
        rel = file_path(url, source) if url and not url.startswith("/") else None
        if rel is None:
            return url
        if rel == ".." or rel.startswith("../"):
            self.diagnostics.append(warning(
                self.shown, yamlread.line_of(self.items["image"]) + FRONT_OFFSET,
                f"image {url!r} leads out of the content folder: not shown"))
            return ""
        return "/" + quote(rel)

    def warn_other_kinds(self, kind: KindSpec, own, config: SiteConfig) -> None:
        """A declared field written in a file of a kind it is not declared for (`own`: those
        it is declared for) is read by nobody: without a word, staff would wait for it."""
        for spec in config.fields:
            node = self.items.get(spec.name)
            if node is None or spec in own:
                continue
            owners = [k.name for k in config.kinds if spec in fields_of(k, config.fields)]
            self.diagnostics.append(warning(
                self.shown, yamlread.line_of(node) + FRONT_OFFSET,
                f"{spec.name} is a field of {', '.join(owners) or 'no kind'}, not of "
                f"{kind.name}: it is not read (add {kind.name} to its `kinds:` in site.yaml)"))

    def undated_address(self, kind: KindSpec, config: SiteConfig) -> None:
        """An item left without a date it may leave out, of a kind whose address is made
        of it: it was published at /1970/01/..., a year nobody wrote."""
        key = "date" if kind.date in ("required", "optional") else kind.date
        required = kind.date == "required" or any(
            f.name == key and f.required for f in config.fields)
        node = self.items.get(key)
        if (_DATED_ADDRESS.search(kind.url) and not required
                and (node is None or yamlread.is_null(node))):
            self.problem(-1 if node is None else yamlread.line_of(node),
                         f"missing {key}: add a `{key}:` line (the address {kind.url} "
                         "is made from it)")

    def optional(self, key: str, read):
        return self.get(key, read, None)

    def required(self, key: str, read):
        node = self.items.get(key)
        if node is None:
            self.problem(-1, f"missing {key}: add a `{key}:` line")
            return None
        if yamlread.is_null(node):
            self.problem(yamlread.line_of(node), f"{key} is empty")
            return None
        value = self.get(key, read, None)
        if value in ("", ()):  # `[]`, as `new` writes a required list, is empty too
            self.problem(yamlread.line_of(node), f"{key} is empty")
        return value

    def read_date(self, node, key: str, config: SiteConfig):
        text = yamlread.read_text(node, key)
        if not text:
            raise FieldError(f"{key} is empty", yamlread.line_of(node))
        first = None
        for meridiem in config.meridiems_for(self.lang(config)):
            try:
                return parse_date(text, config.timezone, meridiem)
            except ValueError as exc:
                first = first or exc
        raise FieldError(str(first), yamlread.line_of(node)) from None

    def lang(self, config: SiteConfig) -> str:
        """The file's `lang:` as pages use it (its problems are told where it is read): a
        regional tag of a language the site has words for, `en-US`, is that language."""
        node = self.items.get("lang")
        try:
            written = yamlread.read_text(node, "lang").lower() if node is not None else ""
        except FieldError:
            return ""
        known = (config.language, *config.translations)
        primary = written.split("-")[0]
        return primary if written not in known and primary in known else written

    def language(self, config: SiteConfig) -> str:
        """`lang:`, read as `lang` reads it; one the site has no words for is told: its
        pages would be declared in it and show the site's own words."""
        self.get("lang", yamlread.read_text, "")  # its problems told at its line
        lang = self.lang(config)
        known = (config.language, *config.translations)
        if lang and lang not in known:
            self.diagnostics.append(warning(
                self.shown, yamlread.line_of(self.items["lang"]) + FRONT_OFFSET,
                f"lang {lang!r}: the site has no words for it (`translations:` in site.yaml "
                f"has {', '.join(config.translations)}): its pages show the site's own"))
        return lang

    def _aliases(self, node, key: str) -> list[Alias]:
        aliases = []
        for item in yamlread.read_list(node, key):
            try:  # each entry told at its line: one bad entry hides no other
                url = alias_path(yamlread.read_text(item, key))
            except (ValueError, FieldError) as exc:
                self.problem(yamlread.line_of(item), str(exc))
                continue
            aliases.append(Alias(url, yamlread.line_of(item) + FRONT_OFFSET))
        return aliases

    def _related(self, node, key: str) -> list[RelatedRef]:
        refs = []
        for item in yamlread.read_list(node, key):
            try:  # each entry told at its line: one bad entry hides no other
                ref = self._related_entry(item, key)
            except FieldError as exc:
                self.problem(exc.line, str(exc))
                continue
            if ref is not None:
                refs.append(ref)
        return refs

    def _related_entry(self, item, key: str) -> RelatedRef | None:
        line = yamlread.line_of(item) + FRONT_OFFSET
        if isinstance(item, yamlread.ScalarNode):
            target = yamlread.read_text(item, key)
            return RelatedRef(line, target=target) if target else None
        fields = yamlread.mapping_items(item, "a related link", FRONT_OFFSET)
        title = collapse_spaces(self.get_in(fields, "title"))
        url = self.get_in(fields, "url")
        if not title or not url:
            raise FieldError("a related link needs both `title:` and `url:`",
                             yamlread.line_of(item))
        yamlread.read_address(fields["url"], "related link")
        return RelatedRef(line, title=title, url=url)

    @staticmethod
    def get_in(fields: dict, key: str) -> str:
        return yamlread.read_text(fields[key], key) if key in fields else ""


def _kind(reader: _FieldReader, source: str, config: SiteConfig) -> KindSpec:
    """`kind:` if given, else the first kind (settings `kinds:`) that takes the file by
    its place: pages/ holds pages, van-ban/ documents, and so on."""
    written = reader.get("kind", yamlread.read_text, "").lower()
    names = [k.name for k in config.kinds]
    if written and written not in names:
        reader.problem(yamlread.line_of(reader.items["kind"]),
                       f"kind must be one of {', '.join(names)}, not {written!r}")
    if written in names:
        return config.kind(written)
    return next(k for k in kind_order(config.kinds) if k.takes(source))


def _slug(fields: dict, stem: str, reader: _FieldReader) -> str:
    """`slug:` if given, else the file name, else the title; always ASCII via slugify."""
    if fields["slug"]:
        slug = make_slug(fields["slug"])
        line = yamlread.line_of(reader.items["slug"])
        if not slug:
            reader.problem(line, f"slug {fields['slug']!r} has no letters or digits to use")
        elif len(slug) > MAX_NAME:
            reader.problem(line, f"slug gives an address part of {len(slug)} characters; "
                                 f"at most {MAX_NAME} can be written to a disk")
        return slug
    slug = slug_from_filename(normalize(stem)) or make_slug(fields["title"] or "")
    if not slug:
        reader.problem(-1, "cannot make an address from the file name or title; add `slug:`")
    elif len(slug) > MAX_NAME:
        reader.problem(-1, f"the file name gives an address part of {len(slug)} characters; "
                           f"at most {MAX_NAME} can be written to a disk: add a shorter `slug:`")
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
    if any(len(seg.encode("utf-8")) > MAX_NAME for seg in segments):
        raise ValueError(f"alias {text!r} has a part longer than {MAX_NAME} bytes, more than "
                         "can be written to a disk")
    return "/" + "/".join(segments) + ("/" if path.endswith("/") else "")
