"""`new`: start an article (or an item of another kind) with complete front matter, never
over an existing file."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ..core.config import SiteConfig
from ..core.declared import KindSpec, fields_of
from ..core.files import inside
from .options import (EXIT_CONTENT, EXIT_OK, UsageError, add_site_options, check_content,
                      load_settings, resolve_now)
from ..core.text import collapse_spaces, make_slug, normalize

SLUG_LENGTH = 80


def add_command(commands) -> None:
    new = commands.add_parser(
        "new", help="start a new article",
        description="Write content/YYYY/<slug>.md with complete front matter and print its path.")
    new.add_argument("title", help='the headline, in quotes: "Tiêu đề bài viết"')
    new.add_argument("--category", default="", help="its category")
    new.add_argument("--tags", default="", help="keywords separated by commas: a,b")
    new.add_argument("--kind", default="", metavar="NAME",
                     help="another kind of content (settings `kinds:`), e.g. album or "
                          "lich-cong-tac: the file goes in its folder (default: an article)")
    add_site_options(new, output=False, now=True)
    new.set_defaults(run=run_new)


def article_text(title: str, when: datetime, category: str, tags: list[str],
                 config: SiteConfig) -> str:
    """Front matter with every key staff may fill in; YAML-quoted so any title is safe."""
    quote = lambda value: json.dumps(value, ensure_ascii=False)  # JSON strings are YAML
    lines = [
        "---",
        f"title: {quote(title)}",
        f"date: {when.year:04d}-{when:%m-%d %H:%M}",
        "views: 0",
        f"category: {quote(category)}",
        f"tags: [{', '.join(quote(t) for t in tags)}]",
        'summary: ""',
        'author: ""',
        "related: []",
        "draft: false",
        *declared_lines(default_kind(config), config, when),
        "---",
        "",
        config.words["new_article_body"],
        "",
    ]
    return "\n".join(lines)


def item_text(title: str, when: datetime, kind: KindSpec, config: SiteConfig) -> str:
    """Front matter of an item of a kind with a folder of its own: its title, its date,
    its declared fields (and a văn bản's metadata)."""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if kind.feature == "document":
        lines += [f'{key}: ""' for key in ("number", "doc_type", "issuer", "signer")]
        lines += [f"issued: {when.year:04d}-{when:%m-%d}", "files: []"]
    elif kind.date in ("required", "optional"):
        lines.append(f"date: {when.year:04d}-{when:%m-%d %H:%M}")
    lines += declared_lines(kind, config, when)
    return "\n".join(lines + ["draft: false", "---", "", config.words["new_article_body"], ""])


_EMPTY = {"text": '""', "list": "[]", "records": "[]"}


def declared_lines(kind: KindSpec, config: SiteConfig, when: datetime) -> list[str]:
    """A line for each field declared for a kind (settings `fields:`), empty for staff to
    fill in (a required one is reported until it is); the kind's date field is now."""
    return [f"{spec.name}: {when.year:04d}-{when:%m-%d %H:%M}" if spec.name == kind.date else
            f"{spec.name}: {_EMPTY.get(spec.type, '')}".rstrip()
            for spec in fields_of(kind, config.fields)]


def default_kind(config: SiteConfig) -> KindSpec:
    return next(k for k in config.kinds if not k.folder)


def chosen_kind(name: str, config: SiteConfig) -> KindSpec:
    if not name:
        return default_kind(config)
    names = [k.name for k in config.kinds]
    if name not in names:
        raise UsageError(f"--kind: no kind {name!r} (kinds: {', '.join(names)})")
    return config.kind(name)


def item_path(kind: KindSpec, slug: str) -> str:
    """A file of `kind` named by `slug`, as its `match:` takes them: `slug.md`, an album's
    `slug/index.md`, `tuan-slug.md` for `tuan-*.md`; a file the kind would not take is
    never written (the build would pass it by without a word)."""
    for name in (f"{slug}/index.md" if "/" in kind.match else f"{slug}.md",
                 kind.match.replace("*", slug, 1)):
        if kind.takes(f"{kind.folder}/{name}"):
            return f"{kind.folder}/{name}"
    raise UsageError(f"kind {kind.name!r} takes files matching {kind.match!r} in "
                     f"{kind.folder}/: name this one by hand")


def article_file(content: Path, slug: str, when: datetime, config: SiteConfig) -> Path:
    """content/YYYY/<slug>.md; when an article of another address has that name (a title
    that comes back: "Hội nghị Ban Chấp hành" every quarter), the same name with the date in
    front, which the address leaves out. One of the same address keeps its name: taken."""
    plain = content / f"{when.year:04d}" / f"{slug}.md"
    address = default_kind(config).url.format(
        year=when.year, month=f"{when.month:02d}", day=f"{when.day:02d}", slug=slug)
    if not plain.is_file() or address_of(plain, content, config) in (None, address):
        return plain
    return plain.with_name(f"{when.year:04d}-{when:%m-%d}-{slug}.md")


def address_of(path: Path, content: Path, config: SiteConfig) -> str | None:
    """The address the build gives the article in `path` (None if it cannot be read)."""
    from ..stages import content as loader, markup  # here: only this case needs them

    record, _ = loader.read_article(path, content, config, markup.make_converter())
    return getattr(record, "url", None)


def check_tags(tags: list[str]) -> None:
    """UsageError for more tags than a build reads: a file it would refuse is not written."""
    from ..stages.content import MAX_TAGS  # here: only this case needs the loader

    if len(tags) > MAX_TAGS:
        raise UsageError(f"--tags: {len(tags):,} tags, more than the {MAX_TAGS} an article may "
                         "have (each is a page of its own)")


def run_new(options) -> int:
    check_content(options.content)
    config = load_settings(options)
    if config is None:
        return EXIT_CONTENT
    title = collapse_spaces(normalize(options.title))  # as typed on a Mac: decomposed
    slug = make_slug(title, SLUG_LENGTH)
    if not slug:
        raise UsageError("the title needs at least one letter or digit")
    when = resolve_now(options.now, config).astimezone(config.timezone)
    kind = chosen_kind(options.kind, config)
    if kind.folder:
        path = options.content / item_path(kind, slug)
        text = item_text(title, when, kind, config)
    else:
        path = article_file(options.content, slug, when, config)
        tags = list(dict.fromkeys(collapse_spaces(t) for t in normalize(options.tags).split(",")
                                  if t.strip()))  # as a build reads them: each once
        check_tags(tags)
        text = article_text(title, when, collapse_spaces(normalize(options.category)), tags,
                            config)
    if not inside(options.content, path.parent):  # a folder that is a link elsewhere
        raise UsageError(f"{path.parent} leads outside the content folder; not writing there")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        raise UsageError(f"{path} already exists; choose another title or edit that file") from None
    print(path)
    return EXIT_OK
