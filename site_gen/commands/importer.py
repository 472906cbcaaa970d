"""`import`: turn pages saved from the old portal into articles.

Reads HTML pages (mirrored with wget or saved by a browser) of any common portal layout, and
plain-text captures like the reference page, pages saved as one file (.mht) and pages saved
from the Wayback Machine; see importing/ for how a page is read.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from .importing.cues import KINDS, load_cues
from .importing.html_page import read_html_capture
from .importing.mhtml import MAX_MHTML_BYTES, MhtmlError, is_mhtml, unpack_mhtml
from .importing.source import (MAX_PAGE_BYTES, MAX_TAGS, PackedPageError, decode_page, find_pages,
                               in_saved_files, linked_page, mirror_address, ungzip)
from .importing.wayback import unwrap_wayback
from .importing.write import (document_suffix, earlier_articles, make_output, one_alias_per_address,
                              picture_suffix, plan)
from .options import EXIT_CONTENT, EXIT_OK, UsageError, load_settings
from .portal import read_text_capture
from ..stages.sanitize import MAX_ATTRIBUTES, crowded

PROFILE_KEYS = ("title", "date", "views", "body", "related", "category", "tags", "author",
                "words")


def add_command(commands) -> None:
    cmd = commands.add_parser(
        "import", help="convert pages saved from the old portal into articles",
        description="Read the saved pages of the old portal (a wget mirror, pages saved by a "
                    "browser, text captures) and write one Markdown article for each into the "
                    "content folder, with its images and attached files.")
    cmd.add_argument("sources", nargs="+", type=Path, metavar="SRC",
                     help="saved pages, or folders holding them")
    cmd.add_argument("--into", type=Path, default=Path("content"), metavar="DIR",
                     help="content folder to write into (default: content)")
    cmd.add_argument("--category", default="",
                     help="category given to every imported article (default: the one each page "
                          "shows, from its breadcrumb or article:section)")
    cmd.add_argument("--force", action="store_true", help="overwrite articles imported before")
    cmd.add_argument("--dry-run", action="store_true",
                     help="print what would be written (title, date, views, related) and write nothing")
    cmd.add_argument("--profile", type=Path, default=None, metavar="FILE",
                     help="YAML file pinning CSS selectors (title, date, views, body, related, "
                          "category, tags, author) "
                          "or adding words, for a portal the defaults misread")
    cmd.add_argument("--config", type=Path, default=None, metavar="FILE",
                     help="site settings (default: site.yaml, if present)")
    cmd.set_defaults(run=run_import)


def load_profile(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UsageError(f"profile {path}: cannot read: {exc}") from None
    if not isinstance(data, dict) or set(data) - set(PROFILE_KEYS):
        raise UsageError(f"profile {path}: a mapping with keys {', '.join(PROFILE_KEYS)} expected")
    import soupsieve

    for key in PROFILE_KEYS[:-1]:
        try:
            if key in data:
                soupsieve.compile(str(data[key]))
        except soupsieve.SelectorSyntaxError as exc:
            raise UsageError(f"profile {path}: {key}: not a CSS selector: {exc}") from None
    words = data.get("words") or {}
    if not isinstance(words, dict) or set(words) - set(KINDS) \
            or not all(isinstance(names, list) for names in words.values()):
        raise UsageError(f"profile {path}: words: lists under {', '.join(KINDS)} expected")
    return data


def read_page(page: Path, root: Path, config, cues, profile, scratch: Path):
    """(Capture, "", ()) or (None, why not, the timed items of a list page)."""
    if in_saved_files(page):
        return None, "not an article: a part of a page saved by a browser", ()
    if why := linked_page(page):
        return None, why, ()
    single = is_mhtml(page)
    try:
        if page.stat().st_size > (MAX_MHTML_BYTES if single else MAX_PAGE_BYTES):
            return None, "not an article: larger than any saved article", ()
        data, address = ungzip(page.read_bytes()), mirror_address(page, root)
        if single:  # its pictures are looked for where its parts were unpacked
            data, unpacked, root = unpack_mhtml(data, scratch)
            address = unpacked or address
        text = unwrap_wayback(decode_page(data))
    except OSError as exc:
        return None, f"cannot read: {exc.strerror}", ()
    except MhtmlError as exc:
        return None, f"cannot read: {exc}", ()
    except PackedPageError as exc:
        return None, str(exc), ()
    saved_file = document_suffix(page) or picture_suffix(page)
    if saved_file:  # a download handler's answer (`DownloadFile.aspx?id=123`), not a page
        return None, f"not an article: an attached file ({saved_file[1:].upper()})", ()
    if page.suffix.lower() == ".txt":
        return read_text_capture(str(page), str(root), text, config, cues)
    if text.count("<") > MAX_TAGS:
        return None, f"not an article: more than {MAX_TAGS:,} tags, more than any saved article", ()
    if crowded(text):  # the parsers take time growing with the square of their number
        return None, (f"not an article: a tag of more than {MAX_ATTRIBUTES:,} attributes, "
                      "more than any saved article"), ()
    try:
        return read_html_capture(str(page), str(root), text, address, config, cues, profile)
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        # A saved page is untrusted input of any shape: one the parsers choke on is
        # reported with the others, and the rest of the mirror is still imported.
        return None, f"cannot read: {type(exc).__name__}: {exc}", ()


def run_import(options) -> int:
    # Pages saved as one file are unpacked here for the run: their pictures are copied
    # from there once the articles are written.
    with tempfile.TemporaryDirectory(prefix="site-gen-import-") as scratch:
        return import_pages(options, Path(scratch))


def import_pages(options, scratch: Path) -> int:
    config = load_settings(options)
    if config is None:
        return EXIT_CONTENT
    for source in options.sources:
        if not source.exists():
            raise UsageError(f"{source} does not exist")
    profile = load_profile(options.profile)
    cues = load_cues(profile.get("words"))
    captures, skipped, timed = [], [], []
    for page, root in find_pages(options.sources):
        capture, reason, listed = read_page(page, root, config, cues, {
            k: v for k, v in profile.items() if k != "words"}, scratch)
        timed += listed
        if capture is None:
            skipped.append(f"{page} ({reason})")
        else:
            captures.append(capture)
    planned, repeats = plan(captures, config, timed)
    skipped += repeats
    totals = dict.fromkeys(("written", "matched", "unmatched", "copied", "missing"), 0)
    earlier = earlier_articles(options.into)
    planned = one_alias_per_address(planned, earlier)
    for p in planned:
        out = make_output(p, planned, options.category, earlier)
        matched = sum(isinstance(e, str) for e in out.related)
        totals["matched"] += matched
        totals["unmatched"] += len(out.related) - matched + len(out.unmatched)
        for item in out.unmatched:
            print(f"unmatched: {p.capture.origin}: {item.title} (no address known, left out)")
        if p.alias_of:
            print(f"alias: {p.capture.origin}: {p.capture.address} is the old address of {p.alias_of} "
                  "too, kept as its alias only")
        for url in out.missing:
            print(f"missing: {p.capture.origin}: {url} (not in the saved pages; the link is kept)")
        totals["missing"] += len(out.missing)
        path = options.into / p.rel
        if (path.exists() or path.is_symlink()) and not options.force:
            skipped.append(f"{p.capture.origin} ({path} exists; --force replaces it)")
            continue
        if options.dry_run:
            show_planned(p, out, options.into)
            totals["written"] += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # a link there is replaced, never written through
        path.write_text(out.text, encoding="utf-8")
        totals["copied"] += copy_files(out.copies, options.into, options.force)
        totals["written"] += 1
        print(f"written: {path}")
    for line in skipped:
        print(f"skipped: {line}")
    verb = "would be written" if options.dry_run else "written"
    print(f"site-gen: {totals['written']} articles {verb}, "
          f"{totals['matched']} related entries matched, {totals['unmatched']} unmatched, "
          f"{totals['copied']} files copied, {totals['missing']} missing, "
          f"{len(skipped)} pages skipped "
          f"({sum('not an article' in line for line in skipped)} not articles)")
    return EXIT_OK


def show_planned(p, out, into: Path) -> None:
    c = p.capture
    found = sum(isinstance(e, str) for e in out.related)
    print(f"would write: {into / p.rel}\n  from: {c.origin}\n  title: {c.title}\n"
          f"  date: {p.when:%d/%m/%Y %H:%M}{'' if c.clock else ' (time from the lists or none)'}\n"
          f"  views: {c.views if c.views is not None else '(none)'}\n"
          f"  related: {len(c.related)} listed, {found} found among the imported pages\n"
          f"  files: {len(out.copies)} to copy, {len(out.missing)} missing")


def copy_files(copies, into: Path, force: bool) -> int:
    """Copy images and attachments beside their article; an equal file stays untouched."""
    copied = 0
    for source, rel in copies:
        target = into / rel
        if target.is_symlink():  # replaced (--force), never written through
            if not force:
                continue
            target.unlink()
        if target.exists() and (not force or target.read_bytes() == source.read_bytes()):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        copied += 1
    return copied
