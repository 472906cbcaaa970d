"""The stages of a build in order, once the pipeline (pipeline.py) knows there is work:
load, index and plan (`plan_site`), then render into the spare folder and swap it in
(`make_output`). With the cache, unchanged articles are taken as they were, pages whose key
is kept are assembled from their kept part, and only files whose recipe changed are written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat as stat_kinds
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import jinja2

from ..cache import codec
from ..cache.keys import Digests, templates_digest
from ..cache.rebuild import NO_CACHE, Held, Policy, held_files
from ..cache.store import Store, fingerprint
from ..commands.views import read_views
from ..core.config import SiteConfig, portable, theme_folders
from ..core.diagnostics import Diagnostic, error, has_errors
from ..core.files import file_digest, file_stamp, files_below
from ..core.model import Article, Unread
from ..core.parallel import map_chunks
from ..core.progress import Clock, Quiet
from .albums import prepare_albums
from .content import Loaded, load_articles
from .images import prepare_images
from .index import build_index
from .kinds import Media, moments
from .pages import plan_pages
from .render import (BOXES, TEMPLATE_ERRORS, UNKEYED, Renderer, make_environment,
                     once_each, template_problem)
from .sanitize import DOCUMENT_LIMIT, DOCUMENT_SUFFIXES, active_content
from .search import read_postings, search_files
from .withheld import withheld_files
from .write import (Below, WriteStats, delete, delete_unwanted, open_spare, put, swap, touch,
                    tree_id, written_at)


@dataclass(frozen=True, slots=True)
class Planned:
    """The site after load, index and plan: everything but the bytes."""

    diagnostics: list
    articles: int
    parsed: int  # articles read from their files, not from the cache
    index: object
    pages: tuple
    assets: list
    phases: dict
    stored: tuple = ()  # (articles to keep in the cache, sources still there)
    dated: tuple = ()  # every item read, drafts included: when the site changes by the clock
    was: dict | None = None  # source -> the article as the cache held it, before this build


def plan_site(content_dir: Path, config: SiteConfig, now: datetime | None, drafts: bool,
              where, jobs: int, store: Store | None = None,
              progress=Quiet(), content_files: list | None = None) -> Planned:
    """`where(problem=None)`: the folder thumbnails are kept in (pipeline.made_in);
    `content_files`: the content folder's listing, if the build made it already."""
    content_files = files_below(content_dir) if content_files is None else content_files
    clock = Clock()
    diags: list[Diagnostic] = []
    articles_key = fingerprint("articles", portable(config, content_dir))
    previous = cached_articles(store, articles_key, content_dir, content_files)
    articles, found, entries, parsed = load_articles(content_dir, config, jobs, previous,
                                                     progress, content_files)
    diags += found
    stored = articles_to_store(entries, previous, articles_key) if store else ()
    extra_views, found = read_views(content_dir)
    diags += found
    clock.lap("load")
    unread = tuple(entries[s].article for s in sorted(entries)
                   if isinstance(entries[s].article, Unread))
    index, found = build_index(articles, config, now, drafts, extra_views, unread)
    diags += found
    assets = list_assets(content_files, [folder / "static" for folder in theme_folders(config)],
                         withheld_files(articles, index, config, content_files))
    diags += scripted_files(content_files)
    # the lead images of every kind's items, not the news's alone: a declared kind's page and
    # list show them too, with their sizes and thumbnails, and a missing one is told
    items = [item for kind in config.kinds for item in index.items[kind.name]]
    pictures, thumbs, found = prepare_images(items, content_dir, where,
                                             config.thumbnail_widths)
    diags += found
    photos, more, found = prepare_albums(index, config, content_dir, where, content_files)
    diags += found
    # a thumbnail is named in messages by its picture: its file, in the cache folder (or
    # in a scratch folder of --no-cache, another at each build), is no file of the site's
    made = {file: picture for _, file, picture in thumbs + more}
    assets += [(rel, file) for rel, file, _ in thumbs + more]
    assets, found = distinct_assets(assets, made)
    diags += found
    copied = {rel: str(made.get(path, path)) for rel, path in assets}
    pages, found = plan_pages(index, config, copied, pictures, Media(photos=photos))
    diags += found
    clock.lap("index")
    return Planned(diags, len(articles), parsed, index, pages, assets, clock.phases, stored,
                   articles, {source: entry.article for source, entry in (previous or {}).items()})


def cached_articles(store: Store | None, key: str, content_dir: Path,
                    content_files: list) -> dict | None:
    """The articles the cache holds, as load_articles takes them; rows that cannot be read
    are left out (parsed again). `content_files`: the content folder's listing."""
    if store is None:
        return None
    found, folder, listed = {}, str(content_dir), dict(content_files)
    for source, (size, stamp, sha1, data, body) in store.articles().items():
        digest, _, kept_key = str(sha1).partition(" ")
        if kept_key != key:
            continue
        with contextlib.suppress(codec.CodecError, ValueError, TypeError):
            # shown in messages as this build names the folder (a clone: elsewhere), and
            # the file by its name on the disk, as read_article does: `source` is NFC, and
            # a Mac writes "bài" with combining accents (NFD), another name to Linux
            entry = listed.get(source)
            path = str(Path(entry.path)) if entry else os.path.join(folder, *source.split("/"))
            article = codec.loads(data, body=body, path=path)
            if isinstance(article, Article) and article.source == source:
                found[source] = Loaded((size, stamp), digest, article, ())
    return found


def articles_to_store(entries: dict, previous: dict, key: str) -> tuple:
    """(rows to write, sources to keep): articles read without a problem, which a later
    build may take as they are; one with a problem is read again (never cached)."""
    rows = {source: (*stamp, f"{digest} {key}", codec.dumps(replace(article, body=b"")),
                     article.body)
            for source, (stamp, digest, article, diags) in entries.items()
            if isinstance(article, Article) and not diags
            and entries[source] is not previous.get(source)}
    keep = {source for source, entry in entries.items()
            if isinstance(entry.article, Article) and not entry.diagnostics}
    return rows, keep


@dataclass(frozen=True, slots=True)
class Made:
    stats: WriteStats
    problems: list
    record: dict  # for the cache: the trees' files, the parts this build used
    rendered: int
    assembled: int
    reasons: tuple


def make_output(plan: Planned, config: SiteConfig, content_dir: Path, output_dir: Path,
                jobs: int, store: Store | None, record: dict, name: str, progress,
                clock: Clock) -> Made:
    """Render and write the site into the spare folder, then swap it in; with the cache,
    only what the spare does not hold already."""
    spare = open_spare(output_dir)
    spare_id, live_id = tree_id(spare), tree_id(output_dir)
    known_trees = record.get("trees", {}) if store else {}
    known_folders = record.get("folders", {}) if store else {}
    renderer, policy = page_maker(plan, config, content_dir, store)
    if store:
        policy = Policy(held_files(known_trees.get(spare_id)),
                        held_files(known_trees.get(live_id, {})), policy.reader)
        # the spare is about to change: until this build is done it is of unknown contents
        store.changing(name, spare_id)
    # a file put in the spare by hand (or in the output, which became the spare) is in no
    # record: its folder's time tells it, and the spare is then pruned of what no build
    # wants, as one of unknown contents is
    strays = policy.known is None or not folders_as_left(spare, known_folders.get(spare_id))
    # and no longer the folder any record names (its change time is in its id): a build
    # that marks it in no cache (--no-cache, another --cache, this one unwritable) and
    # fails or is stopped after writing into it left pages no record knew, which a build
    # with this cache then published, since it deletes only the files it knows
    os.utime(spare)
    pages = {page.path for page in plan.pages}
    clock.lap("plan")
    progress.phase("rendering pages", len(plan.pages))

    def chunk(numbers):
        return make_pages([plan.pages[n] for n in numbers], renderer, policy, spare,
                          config.templates)

    # this process makes the other files (the search index, static files, attachments)
    # while the workers render
    earlier = read_postings(store.kept("postings")) if store else None
    parts = map_chunks(chunk, range(len(plan.pages)), jobs, advance=progress.advance,
                       alongside=lambda: other_files(plan, config, earlier),
                       each=stored_in(store))
    others, postings = parts.pop()
    if store and postings != earlier:
        store.put_kept("postings", {"docs": postings.docs, "lists": postings.lists})
    wanted = pages | {rel for rel, _, _ in others}
    clock.lap("render")  # the pages written into the spare included
    # a page a worker does not name is in the spare as it was (Pages.changed)
    files = {path: policy.held(path) for path in pages} if policy.known is not None else {}
    written, used = 0, set()
    with contextlib.closing(Below(spare)) as below:
        for rel, recipe, source in others:
            files[rel], changed = write_other(below, rel, recipe, source, policy)
            written += changed
    problems, reasons, rendered, assembled = [], [], 0, 0
    for part in parts:
        files.update(part.changed)
        used |= part.parts
        problems += part.problems
        reasons += part.reasons
        written, rendered, assembled = (written + part.written, rendered + part.rendered,
                                        assembled + part.assembled)
    if has_errors(problems):
        return Made(WriteStats(0, 0, 0), once_each(problems), {}, rendered, assembled, ())
    if strays:  # after a killed or --no-cache build, into a new folder, or one added to
        deleted = delete_unwanted(spare, wanted)
        made_folders = folder_times(spare, files) if store else {}
    else:
        gone = set(policy.known) - wanted
        with contextlib.closing(Below(spare)) as below:
            deleted = delete(below, gone)
        # only the folders a file was made or deleted in have another time now
        changed = [rel for rel in files if rel not in policy.known] + sorted(gone)
        made_folders = folder_times(spare, files, known_folders[spare_id], changed)
    swap(output_dir, spare)
    trees = {tree_id(output_dir): files}
    folders = {tree_id(output_dir): made_folders}
    if live_id in known_trees:
        trees[tree_id(spare)] = policy.live
        if live_id in known_folders:
            folders[tree_id(spare)] = known_folders[live_id]
    return Made(WriteStats(written, len(files) - written, deleted), problems,
                {"trees": trees, "folders": folders, "live": tree_id(output_dir),
                 "parts": sorted(used), "files": len(files)},
                rendered, assembled, tuple(sorted(reasons, key=lambda r: r[1])))


def folder_times(top: Path, files, before: dict | None = None,
                 changed=()) -> dict[str, int]:
    """{folder: its modification time (ns)} of every folder below `top` that holds the
    files `files` (paths in it), as a build leaves them: one that gains an entry later (a
    file put there by hand) gets another time. `before`: the times the folders had, found
    as left, before files were made or deleted at the paths `changed`: the others' still
    hold (a look at each of 18,000 folders costs a tenth of a second)."""
    folders, touched = _folders_of(files), _folders_of(changed)
    before = {} if before is None else before
    return {rel: before[rel] if rel in before and rel not in touched else
            os.stat(os.path.join(top, rel), follow_symlinks=False).st_mtime_ns
            for rel in sorted(folders)}


def _folders_of(paths) -> set[str]:
    """Every folder above the paths (files of a tree), the top left out."""
    folders = set()
    for rel in paths:
        while "/" in rel:
            rel = rel.rpartition("/")[0]
            if rel in folders:
                break
            folders.add(rel)
    return folders


def folders_as_left(top: Path, times: dict | None) -> bool:
    """Whether every folder of `times` (folder_times) is there, a folder, with its time."""
    if times is None:
        return False
    for rel, time in times.items():
        try:
            found = os.stat(os.path.join(top, rel), follow_symlinks=False)
        except OSError:
            return False
        if found.st_mtime_ns != time or not stat_kinds.S_ISDIR(found.st_mode):
            return False
    return True


def page_maker(plan: Planned, config: SiteConfig, content_dir: Path,
               store: Store | None) -> tuple[Renderer, Policy]:
    """The renderer of this build's pages, and what it may take from earlier builds: their
    parts (the cache's packing dictionary trained first, on a first build), no file."""
    env = make_environment(config)
    base = fingerprint("page", Digests().of(portable(config, content_dir)),
                       templates_digest(env.loader.sources))
    renderer = Renderer(plan.index, portable(config, content_dir), env, base)
    if not store:
        return renderer, NO_CACHE
    if store.zdict is None and plan.pages:
        store.use_zdict(sample_pages(renderer, plan.pages))
    return renderer, Policy(None, {}, store.reader())


def stored_in(store: Store | None):
    """Put a worker's new parts in the cache as they come (a part is named by what it is
    made from, so keeping one of a build that then fails is harmless): held till the last
    worker was done, they were the largest share of a first build's memory."""
    def stored(part):
        if store:
            store.put_parts(part.new_parts)
        return replace(part, new_parts={})
    return stored


def check_pages(plan: Planned, config: SiteConfig, content_dir: Path, jobs: int,
                store: Store | None) -> list:
    """The problems making the pages finds, as a build makes them, nothing written: a page
    whose part and boxes the cache holds is assembled, not rendered (a build made them from
    these very templates and values, and keeps none that had a problem)."""
    renderer, policy = page_maker(plan, config, content_dir, store)

    def chunk(numbers) -> Pages:
        problems, new_parts = [], {}
        todo = list(keyed([plan.pages[n] for n in numbers], renderer, policy,
                          config.templates, problems))
        for _ in made_pages(todo, renderer, policy, config.templates, problems, new_parts):
            pass
        return Pages({}, set(), problems, new_parts, [], 0, 0, 0)

    return once_each(problem for part in map_chunks(
        chunk, range(len(plan.pages)), jobs, each=stored_in(store)) for problem in part.problems)


@dataclass(frozen=True, slots=True)
class Pages:
    """What a worker did with its share of the pages: sent back to the build's process,
    so it names only what that process does not know already (a record of each of 16,000
    pages, most of them unchanged, took the build 0.4 s to send and read back)."""

    changed: dict[str, Held]  # the pages not in the spare as its record says
    parts: set[str]  # the kept parts all its pages were made from
    problems: list
    new_parts: dict  # key -> packed bytes, for the cache
    reasons: list  # (rendered or assembled, address, why)
    written: int
    rendered: int
    assembled: int


def make_pages(pages, renderer: Renderer, policy: Policy, spare: Path, templates) -> Pages:
    """Write into the spare each page it does not hold already, made as `made_pages` says."""
    with contextlib.closing(Below(spare)) as below:
        return _make_pages(pages, renderer, policy, below, templates)


def _make_pages(pages, renderer: Renderer, policy: Policy, below: Below, templates) -> Pages:
    files, parts, todo, problems, reasons, new_parts = {}, set(), [], [], [], {}
    for page, values, keys in keyed(pages, renderer, policy, templates, problems):
        parts.update((keys.part, *keys.boxes))
        held = policy.held(page.path)
        kept = keep(below, page.path, held, policy) if held and held.recipe == keys.whole \
            else None
        if kept is None:
            todo.append((page, values, keys))
        elif kept != held:
            files[page.path] = kept
    written = rendered = 0
    for page, keys, data, was_kept in made_pages(todo, renderer, policy, templates, problems,
                                                 new_parts):
        rendered += not was_kept
        reasons.append(("assembled", page.url, "its boxes changed") if was_kept else
                       ("rendered", page.url, "what its templates read changed"))
        files[page.path], changed = place(below, page.path, keys.whole, data, policy)
        written += changed
    return Pages(files, parts, problems, new_parts, reasons, written, rendered,
                 len(todo) - rendered)


def keyed(pages, renderer: Renderer, policy: Policy, templates, problems: list):
    """(page, values, keys) of each page; one whose templates cannot be parsed is told in
    `problems` instead."""
    for page in pages:
        try:
            values = renderer.values(page)
            keys = renderer.keys(page, values) if policy.keyed else UNKEYED
        except jinja2.TemplateError as exc:
            problems.append(template_problem(exc, page, templates))
            continue
        yield page, values, keys


def made_pages(todo: list, renderer: Renderer, policy: Policy, templates, problems: list,
               new_parts: dict):
    """(page, keys, bytes, whether its part was kept) of each page of `todo` ([(page,
    values, keys)]) made without a problem (the others told in `problems`): assembled from
    its kept part and boxes (each kept under its own key, so a box shared by many pages,
    or one that did not change, is made once), or rendered. New parts, packed, are put in
    `new_parts`."""
    kept = policy.parts({key for _, _, keys in todo for key in (keys.part, *keys.boxes)})

    def made(key: str, make) -> bytes:
        """A part or box by its key, made if no build kept it ("": unkeyed, made each time)."""
        found = kept.get(key) if key else None
        if found is None:
            found = make()
            packed = policy.pack(found) if key else None
            if packed is not None:
                kept[key], new_parts[key] = found, packed
        return found

    for page, values, keys in todo:
        was_kept = keys.part in kept
        try:
            bare = made(keys.part, lambda: renderer.without_boxes(page, values))
            boxes = dict(zip(BOXES, keys.boxes))
            data = renderer.assemble(page, values, bare, lambda name: made(
                boxes[name], lambda: renderer.box(name, values["words"], page)))
        except TEMPLATE_ERRORS as exc:
            problems.append(template_problem(exc, page, templates))
            continue
        yield page, keys, data, was_kept


def place(below: Below, rel: str, recipe: str, data: bytes | Path,
          policy: Policy) -> tuple[Held, bool]:
    """Put `data` (bytes, or those of a file) at `rel` of the spare unless it holds those
    bytes already; the file gets the output's time if the output has the same bytes.
    Return (the file as left, whether it was written)."""
    digest = (hashlib.sha1(data) if isinstance(data, bytes) else file_digest(data)).hexdigest()
    held = policy.held(rel)
    kept = keep(below, rel, held._replace(recipe=recipe), policy) \
        if held and held.digest == digest else None
    if kept:
        return kept, False
    if isinstance(data, bytes):
        return Held(recipe, put(below, rel, data, policy.time_for(rel, digest)), digest), True
    # a file is recorded by the bytes copied, read again: one saved since it was hashed
    # was recorded with the old bytes' hash over the new, and once the old were back (an
    # undo), a build into this folder took the file for what it held
    copied = hashlib.sha1()
    when = put(below, rel, data, None, copied)
    wanted = policy.time_for(rel, copied.hexdigest())
    if wanted is not None and touch(below, rel, wanted):
        when = wanted
    return Held(recipe, when, copied.hexdigest()), True


def keep(below: Below, rel: str, held: Held, policy: Policy) -> Held | None:
    """A file the spare holds already, given the output's time if it has the same bytes
    there, and a later one if it has others (Policy.time_for); None if it is not there as
    the record left it (deleted or written over by hand since, as its time tells: one
    look, not a read) or that time cannot be given."""
    if written_at(below, rel) != held.time:
        return None
    wanted = policy.time_for(rel, held.digest, held.time)
    if wanted is not None and wanted != held.time:
        return held._replace(time=wanted) if touch(below, rel, wanted) else None
    return held


def other_files(plan: Planned, config: SiteConfig, earlier) -> tuple[list, object]:
    """(path, recipe, bytes or source file) of the files that are not pages: the search
    index, and what is copied as it is; and the search index's postings (`earlier`: those
    the last build left, patched if they can be)."""
    files, postings = search_files(plan.index, config, earlier, plan.was)
    found = [(rel, hashlib.sha1(data).hexdigest(), data) for rel, data in files]
    for rel, source in plan.assets:
        stat = os.stat(source)
        found.append((rel, "copy {} {}".format(*file_stamp(stat)), source))
    return found, postings


def write_other(below: Below, rel: str, recipe: str, source,
                policy: Policy) -> tuple[Held, bool]:
    held = policy.held(rel)
    kept = keep(below, rel, held, policy) if held and held.recipe == recipe else None
    if kept:
        return kept, False
    # a file copied as it is (a link here is one the listing found to stay inside its
    # folder: core/files.py), never read whole
    return place(below, rel, recipe, source, policy)


def sample_pages(renderer: Renderer, pages, count: int = 100) -> list[bytes]:
    """Pages made without their boxes, spread over the site, that the cache's packing
    dictionary is trained on."""
    found = []
    for page in pages[::max(1, len(pages) // count)]:
        with contextlib.suppress(*TEMPLATE_ERRORS):
            found.append(renderer.without_boxes(page, renderer.values(page)))
    return found


def distinct_assets(assets: list, made: dict | None = None) -> tuple[list, list[Diagnostic]]:
    """Each output path once; two different files for one path (the theme's static/site.css
    and the content's, a content file where a thumbnail goes) are an error naming both,
    not one of them published by chance. `made`: each thumbnail file -> its picture's file,
    by which it is named."""
    made = made or {}
    claims: dict[str, list[Path]] = {}
    for rel, path in assets:
        if path not in claims.setdefault(rel, []):
            claims[rel].append(path)
    named = lambda path: f"the thumbnail of {made[path]}" if path in made else str(path)
    diags = [error(str(made.get(path, path)), 1, ("its thumbnail's " if path in made else "")
                   + f"address /{rel} is also written by "
                   + ", ".join(named(o) for o in paths if o != path))
             for rel, paths in sorted(claims.items()) if len(paths) > 1 for path in paths]
    return [(rel, paths[0]) for rel, paths in claims.items()], diags


def list_assets(content_files: list, static_dirs: list[Path],
                withheld: frozenset = frozenset()) -> list[tuple[str, Path]]:
    """Files copied as they are: the theme's static/ folder under /static/ (each file from
    the first of `static_dirs` that has it: the site's own, then the built-in one), and
    every non-Markdown file of the content folder (images, attachments) at its own path,
    but those `withheld`."""
    static = {}
    for folder in reversed(static_dirs):
        static.update({rel: Path(entry.path) for rel, entry in files_below(folder)})
    assets = [("static/" + rel, static[rel]) for rel in sorted(static)]
    assets += [(rel, Path(entry.path)) for rel, entry in content_files
               if not rel.endswith(".md") and rel not in withheld]
    return assets


def scripted_files(content_files: list) -> list[Diagnostic]:
    """An error for each file of the content folder that is copied as it is and opened as
    a page (an SVG picture, an HTML file) and could run a script on the site's own address:
    one is never published, as a body's script is not."""
    found = []
    for rel, entry in content_files:
        if not rel.lower().endswith(DOCUMENT_SUFFIXES):
            continue
        line, problem = 1, None
        try:
            with open(entry.path, "rb") as file:
                data = file.read(DOCUMENT_LIMIT + 1)
        except OSError as exc:
            problem = f"cannot be read to check it for scripts: {exc.strerror}"
        else:
            if len(data) > DOCUMENT_LIMIT or rel.lower().endswith(".svgz"):
                problem = ("cannot be checked for scripts (compressed, or larger than "
                           f"{DOCUMENT_LIMIT >> 20} MB): save a picture as PNG, JPEG or .svg")
            elif (active := active_content(data)) is not None:
                line, problem = active[0], (
                    f"holds {active[1]!r}, which could run a script on the site's own address "
                    "when the file is opened: take it out (a picture: save it as PNG or JPEG)")
        if problem:
            found.append(error(entry.path, line, f"{rel} {problem}"))
    return found


def window(plan: Planned, config: SiteConfig, now: datetime) -> list:
    """The span of "now" within which the site stays the same: between the moments around
    it at which it may change by the clock alone (kinds.moments: an article comes due, a
    schedule's week begins), so that a build set earlier hides what a later one showed."""
    found = moments(plan.dated, plan.index.items, config)
    before = max((m for m in found if m <= now), default=None)
    after = min((m for m in found if m > now), default=None)
    return [before and before.isoformat(), after and after.isoformat()]
