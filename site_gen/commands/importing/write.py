"""From captures to files: each article's date, file name, related entries, its images and
attached files copied beside it, its links to other imported articles, its Markdown."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import chain, takewhile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ...core.config import SiteConfig
from ...core.text import collapse_spaces, make_slug
from ...stages.content import alias_path
from ..portal import Capture, ListItem
from .markdown import to_markdown

SLUG_LENGTH = 80
ASSET_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".pdf", ".doc", ".docx",
                  ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".rtf", ".zip", ".rar")
MAX_ASSET_BYTES = 100 * 1024 * 1024
PICTURE_MAGIC = ((b"\xff\xd8\xff", ".jpg"), (b"\x89PNG", ".png"), (b"GIF8", ".gif"), (b"RIFF", ".webp"))
DOCUMENT_MAGIC = ((b"%PDF", ".pdf"), (b"{\\rtf", ".rtf"), (b"\xd0\xcf\x11\xe0", ".doc"))


@dataclass(frozen=True, slots=True)
class Planned:
    capture: Capture
    when: datetime  # the page's own date and time, or the time the portal's lists show
    rel: str  # path in the content folder
    alias_of: str = ""  # the article whose alias its old address already is: it has none


@dataclass
class Output:
    """What one article becomes: its file's text and the files to copy beside it."""
    text: str
    copies: list = field(default_factory=list)  # (mirror file, path in the content folder)
    missing: list = field(default_factory=list)  # addresses of files not in the mirror
    related: list = field(default_factory=list)  # front-matter entries
    unmatched: list = field(default_factory=list)  # list items with no article, no address


def plan(captures: list[Capture], config: SiteConfig,
         timed=()) -> tuple[list[Planned], list[str]]:
    """Give each article its full date and file name; drop repeats of one page. An article
    whose page shows its date alone takes its time from a list that shows it: those of the
    article pages, and `timed`, the items of list pages (the home page, a category's)."""
    listed = [item for c in captures for item in (*c.related, *c.latest) if item.timed]
    listed += timed
    captures, skipped = one_copy_per_address(captures)
    planned, addresses = [], set()
    kept = fullest(captures)
    for capture in sorted(captures, key=lambda c: c.origin):
        best, parts = kept[(capture.title, capture.posted)]
        if capture in parts and capture is not parts[0]:
            skipped.append(f"{capture.origin} (a further page of {parts[0].origin}, joined to it)")
            continue
        if capture is not parts[0]:
            skipped.append(f"{capture.origin} (same article as {parts[0].origin})")
            continue
        capture = best
        when = datetime.combine(capture.posted, capture.clock or datetime.min.time(), config.timezone)
        if capture.clock is None:
            when = next((i.when for i in listed if i.when.date() == capture.posted
                         and matches(i, capture)), when)
        slug = free_slug(make_slug(capture.title, SLUG_LENGTH), when, config, addresses)
        year = f"{when.year:04d}"  # %Y is not padded below the year 1000 everywhere
        planned.append(Planned(capture, when, f"{year}/{year}-{when:%m-%d}-{slug}.md"))
    return planned, skipped


def one_copy_per_address(captures: list[Capture]) -> tuple[list[Capture], list[str]]:
    """(the pages, one copy of each old address; why the others are left out). Two saved
    copies of one address (two snapshots of a host, the same article a year apart) of one
    date whose texts are alike are one article: the fullest copy (the last of the paths, if alike) is
    imported; both would have the old address as alias, and `check` refuse the pair."""
    copies = {}
    for c in sorted(captures, key=lambda c: c.origin):
        if c.address.startswith(("http://", "https://")):
            copies.setdefault(address_key(c.address), []).append(c)
    left_out = {}
    for group in copies.values():
        best = max(reversed(group), key=richness)
        for c in group:
            if c is not best and c.posted == best.posted and alike(c, best):
                left_out[id(c)] = f"{c.origin} (another saved copy of {c.address}: {best.origin} is imported)"
    return [c for c in captures if id(c) not in left_out], sorted(left_out.values())


def alike(a: Capture, b: Capture) -> bool:
    """Two pages sharing half the pairs of words of the shorter text: copies of one article,
    edited between them or not."""
    first, second = word_pairs(a.body), word_pairs(b.body)
    return bool(first and second) and len(first & second) * 2 >= min(len(first), len(second))


def word_pairs(html: str) -> set[tuple[str, str]]:
    words = collapse_spaces(" ".join(text_lines(html))).casefold().split()
    return set(zip(words, words[1:]))


def one_alias_per_address(planned: list[Planned], earlier: dict[str, str]) -> list[Planned]:
    """The articles, an old address kept as the alias of the first that had it only: of an
    article imported before (`earlier`), else of the first in the order of their paths. Two
    different texts saved under one address (a CMS that gives every page one canonical
    address, a later snapshot imported on its own) are both articles; one alias names one."""
    first, kept = dict(earlier), []
    for p in planned:
        alias = old_alias(p.capture)
        holder = first.setdefault(path_key(alias), p.rel) if alias else p.rel
        kept.append(p if holder == p.rel else replace(p, alias_of=holder))
    return kept


def fullest(captures: list[Capture]) -> dict:
    """For each article (title, date): (the article, its pages). The article is the page
    that shows the most of it (the article page rather than its print view, which has no
    lists, category or address), its text followed by that of the further pages of an
    article split over several ("Trang 1 2"): a page of the same title and date whose text
    the others do not hold. Its pages are the first of them and those joined."""
    groups = {}
    for c in sorted(captures, key=lambda c: c.origin):
        groups.setdefault((c.title, c.posted), []).append(c)
    kept = {}
    for key, group in groups.items():
        best = max(group, key=richness)  # the first of the richest
        parts, seen = [best], text_lines(best.body)
        for c in group:
            lines = text_lines(c.body)
            if c is not best and len(lines - seen) * 2 > len(lines):
                parts.append(c)
                seen |= lines
        parts.sort(key=lambda c: c.origin)  # page 2 is saved as page.html?page=2 or page-2
        body = "\n".join(c.body for c in parts)
        kept[key] = (replace(best, body=body) if len(parts) > 1 else best, parts)
    return kept


def text_lines(html: str) -> set[str]:
    """The lines of text of a body (20 characters or more: not a date or a caption's word)."""
    from bs4 import BeautifulSoup

    texts = (collapse_spaces(t) for t in BeautifulSoup(html, "html.parser").find_all(string=True))
    return {t for t in texts if len(t) >= 20}


def richness(c: Capture) -> tuple:
    return (not is_print_view(c.address),
            len(c.related) + len(c.latest) + len(c.tags) + bool(c.category) + bool(c.old_url),
            c.clock is not None, c.views is not None, len(c.body))


# A print view's address ("print.aspx?id=5", "tin.aspx?id=5&print=1", "/in-bai-viet/5"):
# wget saves one beside every article, as its "In bài viết" link leads there
_PRINT_VIEW = re.compile(r"(^|[/?&=._-])(print\w*|in-?bai(-?viet)?)([/?&=._-]|$)", re.I)


def is_print_view(address: str) -> bool:
    parts = urlsplit(address)
    return _PRINT_VIEW.search(f"{parts.path}?{parts.query}") is not None


def free_slug(slug: str, when: datetime, config: SiteConfig, taken: set) -> str:
    """`slug`, or `slug-2`, `slug-3`...: two articles of one title ("Lịch công tác tuần")
    in one month would otherwise get one address, and the build would refuse both."""
    pattern = config.urls.get("article_url", "/{year}/{month}/{slug}/")
    fields = {"year": when.year, "month": f"{when.month:02d}", "day": f"{when.day:02d}"}
    found, n = slug, 1
    while pattern.format(slug=found, **fields) in taken:
        n += 1
        found = f"{slug}-{n}"
    taken.add(pattern.format(slug=found, **fields))
    return found


def matches(item: ListItem, capture: Capture) -> bool:
    """A list item names an article by its full title, or by a word-cut prefix + "..."."""
    for cut in ("...", "…"):
        if item.title.endswith(cut):
            return capture.title.startswith(item.title[: -len(cut)].rstrip())
    return item.title == capture.title


def resolve(item: ListItem, planned: list[Planned]) -> Planned | None:
    """The imported article a list item names (by title, then date), or None."""
    found = [p for p in planned if matches(item, p.capture)]
    if len(found) > 1 and item.when:
        found = [p for p in found if p.capture.posted == item.when.date()]
    return found[0] if len(found) == 1 else None


def address_key(url: str) -> str:
    """One form for the addresses of a page: as linked, as canonical, as wget saved it."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = unquote(parts.path).rstrip("/").removesuffix("/index.html")
    # `.html` that `wget --adjust-extension` put after the name of a page served without
    # one (Joomla's `/index.php/tin-tuc/12-hoi-nghi`, Drupal's `/node/12`): the page's own
    # links name it without
    path = re.sub(r"(\.(?:aspx?|php|jsp))?\.html?$", r"\1", path, flags=re.I)
    # letter case aside: an IIS server (most ASP.NET portals) answers `/tin-tuc/a.aspx?itemid=5`
    # as `/Tin-Tuc/A.aspx?ItemID=5`, and pages link one article both ways
    path, query = path.casefold(), parts.query.casefold()
    return f"{host}{path}?{query}" if query else f"{host}{path}"


def path_key(url: str) -> str:
    """An address's path, in address_key's form: how an alias names an old page."""
    key = address_key(url)
    return key[key.find("/"):] if "/" in key else ""


def earlier_articles(into: Path) -> dict[str, str]:
    """The articles already in the content folder (imported in an earlier run), by the
    path of each old address they keep as an alias: a list item or a link naming one of
    them points at it, not at the old portal."""
    import yaml

    found = {}
    for path in sorted(into.rglob("*.md")) if into.is_dir() else ():
        try:
            head = path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---")
            aliases = (yaml.safe_load(head) or {}).get("aliases") or []
        except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
            continue  # not ours to judge here: `check` reports a broken file
        for alias in (a for a in aliases if isinstance(aliases, list) and isinstance(a, str)):
            found.setdefault(path_key(alias), path.relative_to(into).as_posix())
    return found


def make_output(p: Planned, planned: list[Planned], category: str, earlier: dict | None = None) -> Output:
    out = Output("")
    earlier = earlier or {}
    seen = set()  # an article two boxes list ("Tin liên quan:" in the text, "Các tin khác") is one entry
    pages = {address_key(q.capture.address): q for q in planned if q.capture.address}
    for item in p.capture.related:
        key = address_key(item.url) if item.url else item.title
        if key in seen:
            continue
        seen.add(key)
        # by its title, else by its address: a title the box cut without "..." names none
        target = resolve(item, planned) or (pages.get(key) if item.url else None)
        before = earlier.get(path_key(item.url)) if item.url and target is None else None
        if target is not None and target is not p:
            out.related.append(target.rel.removesuffix(".md"))
        elif before is not None and before != p.rel:
            out.related.append(before.removesuffix(".md"))
        elif (item.url or "").startswith(("http://", "https://")):  # not file:, not javascript:
            out.related.append(item)
        else:
            out.unmatched.append(item)
    body = relink(p, {key: q.rel for key, q in pages.items()}, earlier, out)
    out.text = front_matter(p, out.related, category) + to_markdown(body) + "\n"
    return out


def relink(p: Planned, by_address: dict, earlier: dict, out: Output) -> str:
    """The body with links to imported articles and to files of the mirror rewritten."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(p.capture.body, "html.parser")
    folder = p.rel.removesuffix(".md")
    for tag, attr in [(t, "src") for t in soup.find_all("img")] + [(t, "href") for t in soup.find_all("a")]:
        url = (tag.get(attr) or "").strip()
        if not url or url.startswith(("#", "mailto:", "tel:")):
            continue
        absolute = urljoin(p.capture.address, url)
        target = by_address.get(address_key(absolute), earlier.get(path_key(absolute))) \
            if tag.name == "a" else None
        if target is not None:
            tag[attr] = "/" + target
        elif tag.name == "img" or file_name(absolute) or handled_file(url, absolute, p):
            tag[attr] = copy_target(url, absolute, p, folder, out)
        elif absolute.startswith(("http://", "https://")):
            tag[attr] = absolute
    return str(soup)


def copy_target(url: str, absolute: str, p: Planned, folder: str, out: Output) -> str:
    found = find_in_mirror(url, absolute, Path(p.capture.origin), Path(p.capture.root))
    if found is None:
        # a picture shown and linked is missing once; another site's file (the province's
        # copy of a decision) was never the portal's to save, and stays where it is
        if absolute not in out.missing and not elsewhere(absolute, p.capture.address):
            out.missing.append(absolute)
        return absolute if absolute.startswith(("http://", "https://")) else url
    named = file_name(absolute) or found.name
    stem, suffix = Path(named).stem, Path(named).suffix.lower()
    if suffix not in ASSET_SUFFIXES:
        stem, suffix = named, picture_suffix(found) or document_suffix(found)
    name, n = f"{make_slug(stem) or 'tep'}{suffix}", 1
    taken = {rel for src, rel in out.copies if src != found}
    while f"{folder}/{name}" in taken:
        n += 1
        name = f"{make_slug(stem) or 'tep'}-{n}{suffix}"
    if (found, f"{folder}/{name}") not in out.copies:
        out.copies.append((found, f"{folder}/{name}"))
    return f"/{folder}/{name}"


def elsewhere(url: str, address: str) -> bool:
    """Whether `url` names a file of another site than the page's (its known address)."""
    if not url.startswith(("http://", "https://")) or not address.startswith(("http://", "https://")):
        return False
    host = lambda u: (urlsplit(u).hostname or "").removeprefix("www.")
    return host(url) != host(address)


def handled_file(url: str, absolute: str, p: Planned) -> bool:
    """A link to a download handler (`/DownloadFile.aspx?id=123`) whose saved copy in the
    mirror is an attached file, not a page."""
    parts = urlsplit(absolute)
    if not parts.query and not parts.path.lower().endswith((".ashx", ".axd")):
        return False
    found = find_in_mirror(url, absolute, Path(p.capture.origin), Path(p.capture.root))
    return found is not None and document_suffix(found) != ""


def file_name(url: str) -> str:
    """The name of the file an address serves, or "": its last part with a file's suffix
    ("anh.jpg"), or the part before an id when the portal adds one (Liferay's document
    library: `/documents/10181/0/anh.jpg/6f1c…-uuid?t=1732240000000`)."""
    parts = [url_text(p) for p in urlsplit(url).path.split("/") if p]
    for part in reversed(parts[-2:]):
        if part.lower().endswith(ASSET_SUFFIXES):
            return part
    return ""


def picture_suffix(path: Path) -> str:
    """The suffix of a picture saved without one (`/image/journal/article?img_id=5`), by its
    first bytes; "" when they are no picture's."""
    head = first_bytes(path)
    return next((suffix for magic, suffix in PICTURE_MAGIC if head.startswith(magic)
                 and (suffix != ".webp" or head[8:12] == b"WEBP")), "")


def document_suffix(path: Path) -> str:
    """The suffix of an attached file saved under a download handler's name
    (`DownloadFile.aspx?id=123`), by its first bytes; "" when they are no document's."""
    head = first_bytes(path)
    if head.startswith(b"PK\x03\x04"):  # Word, Excel, PowerPoint since 2007 are zip files
        import zipfile

        try:
            with zipfile.ZipFile(path) as z:
                top = {n.split("/", 1)[0] for n in z.namelist()}
        except (OSError, zipfile.BadZipFile):
            return ""
        return next((s for folder, s in (("word", ".docx"), ("xl", ".xlsx"), ("ppt", ".pptx"))
                     if folder in top), ".zip")
    return next((suffix for magic, suffix in DOCUMENT_MAGIC if head.startswith(magic)), "")


def first_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(12)
    except OSError:
        return b""


def saved_names(path: str) -> list[str]:
    """The names wget may have saved an address's path under: its %-escapes read as UTF-8,
    and, when they are not UTF-8 (an old portal's windows-1258 address), as the raw bytes."""
    text = unquote(path)
    raw = unquote(path, errors="surrogateescape")
    return [text] if raw == text else [raw, text]


def url_text(part: str) -> str:
    """A part of an address as text: %-escapes read as UTF-8, else as windows-1258."""
    try:
        return unquote(part, errors="strict")
    except UnicodeDecodeError:
        return unquote(part, encoding="cp1258", errors="replace")


def find_in_mirror(url: str, absolute: str, page: Path, root: Path) -> Path | None:
    """The saved copy of a linked file: beside the page for a relative link, else below the
    mirror folder by the address's path (with or without its host folder). Never a file
    outside the mirror folder, wherever a link or a symbolic link points."""
    root = root.resolve()
    parts = urlsplit(absolute)
    paths = [p.lstrip("/") for p in saved_names(parts.path)]
    tries = []
    if not urlsplit(url).scheme and not url.startswith("/"):
        tries += [page.parent / p for p in saved_names(urlsplit(url).path)]
    # wget keeps an address's query in the file's name (`6f1c…-uuid?t=1732240000000`),
    # after `@` on Windows
    names = [n for path in paths for n in ([path, f"{path}?{parts.query}", f"{path}@{parts.query}"]
                                           if parts.query else [path])]
    folders = list(takewhile(lambda f: f.resolve().is_relative_to(root), [page.parent, *page.parents]))
    # a page saved as one file (.mht) lies outside the folder its parts were unpacked into
    for folder in folders or [root]:
        tries += [place for name in names for place in (folder / name, folder / parts.netloc / name)]
    # an IIS server (most ASP.NET portals) answers /upload/anh.jpg with Upload/ANH.JPG: pages
    # link a file in any letter case, and the mirror has it as the server named it
    for candidate in chain(tries, filter(None, map(any_case, tries))):  # those only if need be
        try:
            real = candidate.resolve()
            if real.is_relative_to(root) and real.is_file() and real.stat().st_size <= MAX_ASSET_BYTES:
                return real
        except (OSError, ValueError):
            continue
    return None


def any_case(path: Path, depth: int = 0) -> Path | None:
    """`path` with each name as the disk has it, letter case aside; None if there is none."""
    parent = path.parent
    if depth > 64 or parent == path:
        return None
    if not parent.is_dir():
        parent = any_case(parent, depth + 1)
        if parent is None:
            return None
    try:
        names = os.listdir(parent)
    except OSError:
        return None
    wanted = path.name.casefold()
    return next((parent / name for name in sorted(names) if name.casefold() == wanted), None)


def front_matter(p: Planned, related: list, category: str) -> str:
    quote = lambda value: json.dumps(value, ensure_ascii=False)  # JSON strings are YAML
    c = p.capture
    lines = ["---", f"title: {quote(c.title)}", f"date: {p.when.year:04d}-{p.when:%m-%d %H:%M}",
             f"views: {c.views or 0}", f"category: {quote(category or c.category)}",
             f"tags: [{', '.join(quote(t) for t in c.tags)}]"]
    lines += [f"author: {quote(c.author)}"] if c.author else []
    lines.append("related:" if related else "related: []")
    for entry in related:
        if isinstance(entry, str):
            lines.append(f"  - {quote(entry)}")
        else:
            lines += [f"  - title: {quote(entry.title)}", f"    url: {quote(entry.url)}"]
    alias = None if p.alias_of else old_alias(c)
    lines.append(f"aliases: [{quote(alias)}]" if alias else "aliases: []")
    return "\n".join(lines + ["---", "", ""])


def old_alias(c: Capture) -> str | None:
    """The alias that keeps the page's old address working, or None (a file:, a query)."""
    return usable_alias(c.address if c.address.startswith(("http://", "https://")) else None)


def usable_alias(old_url: str | None) -> str | None:
    if not old_url:
        return None
    try:
        unquote(urlsplit(old_url).path, errors="strict")  # its bytes must be text to be a file's name
        return alias_path(old_url)
    except ValueError:  # UnicodeDecodeError too: a name in windows-1258 bytes cannot be written
        return None  # an address with ?ItemID= cannot be served by a static host
