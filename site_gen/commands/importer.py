"""`import`: turn pages saved from the old portal into articles.

Reads HTML pages (saved by a browser or mirrored with wget) and plain-text captures like
the reference page. The portal's own words ("Đăng ngày", "Lượt xem", "Tin liên quan",
...) are read from the site's settings, so the same code serves another portal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..core.config import SiteConfig
from ..stages.content import alias_path
from .options import EXIT_CONTENT, EXIT_OK, UsageError, load_settings
from .portal import Capture, ListItem, read_capture
from ..core.text import make_slug

SLUG_LENGTH = 80
PAGE_SUFFIXES = (".html", ".htm", ".txt")


def add_command(commands) -> None:
    cmd = commands.add_parser(
        "import", help="convert pages saved from the old portal into articles",
        description="Read HTML pages and text captures of the old portal and write one "
                    "Markdown article for each into the content folder.")
    cmd.add_argument("sources", nargs="+", type=Path, metavar="SRC",
                     help="saved pages, or folders holding them")
    cmd.add_argument("--into", type=Path, default=Path("content"), metavar="DIR",
                     help="content folder to write into (default: content)")
    cmd.add_argument("--category", default="", help="category given to every imported article")
    cmd.add_argument("--force", action="store_true", help="overwrite articles imported before")
    cmd.add_argument("--config", type=Path, default=None, metavar="FILE",
                     help="site settings (default: site.yaml, if present)")
    cmd.set_defaults(run=run_import)


@dataclass(frozen=True, slots=True)
class Planned:
    capture: Capture
    when: datetime  # date of "Đăng ngày", with the time the portal's lists show, if any
    rel: str  # path in the content folder


def find_pages(sources: list[Path]) -> list[Path]:
    pages = []
    for source in sources:
        if not source.exists():
            raise UsageError(f"{source} does not exist")
        found = source.rglob("*") if source.is_dir() else [source]
        pages += [p for p in found if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES]
    return sorted(set(pages))


def plan(captures: list[Capture], config: SiteConfig) -> tuple[list[Planned], list[str]]:
    """Give each article its full date and file name; drop repeats of one page."""
    listed = [item for c in captures for item in (*c.related, *c.latest)]
    planned, skipped, seen = [], [], {}
    for capture in sorted(captures, key=lambda c: c.origin):
        key = (capture.title, capture.posted)
        if key in seen:
            skipped.append(f"{capture.origin} (same article as {seen[key]})")
            continue
        seen[key] = capture.origin
        when = next((i.when for i in listed if i.when and i.when.date() == capture.posted
                     and matches(i, capture)), None)
        when = when or datetime.combine(capture.posted, datetime.min.time(), config.timezone)
        slug = make_slug(capture.title, SLUG_LENGTH)
        planned.append(Planned(capture, when, f"{when:%Y}/{when:%Y-%m-%d}-{slug}.md"))
    return planned, skipped


def matches(item: ListItem, capture: Capture) -> bool:
    """A list item names an article by its full title, or by a word-cut prefix + "..."."""
    if item.title.endswith("..."):
        return capture.title.startswith(item.title[:-3].rstrip())
    return item.title == capture.title


def resolve(item: ListItem, planned: list[Planned]):
    """The imported article a list item names (by title, then date), or None."""
    found = [p for p in planned if matches(item, p.capture)]
    if len(found) > 1 and item.when:
        found = [p for p in found if p.capture.posted == item.when.date()]
    return found[0] if len(found) == 1 else None


def front_matter(p: Planned, related: list, category: str) -> str:
    quote = lambda value: json.dumps(value, ensure_ascii=False)  # JSON strings are YAML
    c = p.capture
    lines = ["---", f"title: {quote(c.title)}", f"date: {p.when:%Y-%m-%d %H:%M}",
             f"views: {c.views or 0}", f"category: {quote(category)}", "tags: []"]
    lines.append("related:" if related else "related: []")
    for entry in related:
        if isinstance(entry, str):
            lines.append(f"  - {quote(entry)}")
        else:
            lines += [f"  - title: {quote(entry.title)}", f"    url: {quote(entry.url)}"]
    alias = usable_alias(c.old_url)
    lines.append(f"aliases: [{quote(alias)}]" if alias else "aliases: []")
    return "\n".join(lines + ["---", "", c.body.strip(), ""])


def usable_alias(old_url: str | None) -> str | None:
    if not old_url:
        return None
    try:
        return alias_path(old_url)
    except ValueError:
        return None  # an address with ?id= cannot be served by a static host


def run_import(options) -> int:
    config = load_settings(options)
    if config is None:
        return EXIT_CONTENT
    captures, skipped = [], []
    for page in find_pages(options.sources):
        capture, reason = read_capture(page, config)
        if capture is None:
            skipped.append(f"{page} ({reason})")
        else:
            captures.append(capture)
    planned, repeats = plan(captures, config)
    skipped += repeats
    written = matched = unmatched = 0
    for p in planned:
        related = []
        for item in p.capture.related:
            target = resolve(item, planned)
            if target is not None and target is not p:
                related.append(target.rel.removesuffix(".md"))
                matched += 1
            elif item.url:
                related.append(item)
                unmatched += 1
            else:
                unmatched += 1
                print(f"unmatched: {p.capture.origin}: {item.title} (no address known, left out)")
        path = options.into / p.rel
        if path.exists() and not options.force:
            skipped.append(f"{p.capture.origin} ({path} exists; --force replaces it)")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter(p, related, options.category), encoding="utf-8")
        written += 1
        print(f"written: {path}")
    for line in skipped:
        print(f"skipped: {line}")
    print(f"site-gen: {written} articles written, {matched} related entries matched, "
          f"{unmatched} unmatched, {len(skipped)} pages skipped")
    return EXIT_OK
