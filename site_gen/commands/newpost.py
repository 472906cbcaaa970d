"""`new`: start an article file with complete front matter, never over an existing one."""

from __future__ import annotations

import json
from datetime import datetime

from ..core.config import SiteConfig
from ..core.files import inside
from .options import (EXIT_CONTENT, EXIT_OK, UsageError, add_site_options, check_content,
                      load_settings, resolve_now)
from ..core.text import collapse_spaces, make_slug

SLUG_LENGTH = 80


def add_command(commands) -> None:
    new = commands.add_parser(
        "new", help="start a new article",
        description="Write content/YYYY/<slug>.md with complete front matter and print its path.")
    new.add_argument("title", help='the headline, in quotes: "Tiêu đề bài viết"')
    new.add_argument("--category", default="", help="its category")
    new.add_argument("--tags", default="", help="keywords separated by commas: a,b")
    add_site_options(new, output=False, now=True)
    new.set_defaults(run=run_new)


def article_text(title: str, when: datetime, category: str, tags: list[str],
                 config: SiteConfig) -> str:
    """Front matter with every key staff may fill in; YAML-quoted so any title is safe."""
    quote = lambda value: json.dumps(value, ensure_ascii=False)  # JSON strings are YAML
    lines = [
        "---",
        f"title: {quote(title)}",
        f"date: {when:%Y-%m-%d %H:%M}",
        "views: 0",
        f"category: {quote(category)}",
        f"tags: [{', '.join(quote(t) for t in tags)}]",
        'summary: ""',
        'author: ""',
        "related: []",
        "draft: false",
        "---",
        "",
        config.words["new_article_body"],
        "",
    ]
    return "\n".join(lines)


def run_new(options) -> int:
    check_content(options.content)
    config = load_settings(options)
    if config is None:
        return EXIT_CONTENT
    title = collapse_spaces(options.title)
    slug = make_slug(title, SLUG_LENGTH)
    if not slug:
        raise UsageError("the title needs at least one letter or digit")
    when = resolve_now(options.now, config).astimezone(config.timezone)
    path = options.content / f"{when.year}" / f"{slug}.md"
    tags = [collapse_spaces(t) for t in options.tags.split(",") if t.strip()]
    text = article_text(title, when, collapse_spaces(options.category), tags, config)
    if not inside(options.content, path.parent):  # a year folder that is a link elsewhere
        raise UsageError(f"{path.parent} leads outside the content folder; not writing there")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        raise UsageError(f"{path} already exists; choose another title or edit that file") from None
    print(path)
    return EXIT_OK
