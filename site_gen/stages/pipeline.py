"""Orchestration of one build: load, index, plan, render, write. Reads like the diagram."""

from __future__ import annotations

import contextlib
import gc
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ..cache import store as cache
from ..core.config import SiteConfig
from .content import bodies_changed, load_articles
from ..core.diagnostics import Diagnostic, error, has_errors, warning
from ..core.files import files_below
from .images import prepare_images
from .albums import prepare_albums
from .kinds import Media
from ..cache.keys import Memo, page_keys, templates_digest, value_digest
from .index import build_index
from ..core.model import Article
from .pages import plan_pages
from ..core.parallel import map_chunks
from ..core.progress import Quiet
from ..cache.rebuild import (FILES, Basis, Decided, Work, decide, is_file_below, make_basis, merge,
                      record, rekey, shown_boxes)
from .render import (OWN_BOXES, box_values, common_context, make_environment, own_boxes,
                     render_boxes, render_pages, render_site)
from .search import search_files
from ..commands.views import read_views
from .write import (Output, Stager, WriteError, WriteStats, commit, delete_stale, open_output,
                    patch_file, remove_tree, rewrite, write_staged)



@dataclass(frozen=True, slots=True)
class Outcome:
    """What a build made, found and took, phase by phase."""

    diagnostics: tuple[Diagnostic, ...]
    articles: int = 0
    scheduled: tuple[Article, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()  # only from make_site (a check)
    written: WriteStats | None = None
    phases: dict = field(default_factory=dict)  # seconds by phase
    index: object = None  # the SiteIndex, for commands that inspect the site
    rebuilt: tuple = ()  # (rendered or patched, address, why), for --verbose
    parsed: int = 0  # articles read from their files, not from the cache
    rendered: int = 0  # pages made with their templates
    patched: int = 0  # pages whose shared boxes were swapped in place

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def seconds(self) -> float:
        return sum(self.phases.values())


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
    bodies: tuple[str, ...] | None = None  # changed in their bodies alone (content.bodies_changed)


def plan_site(content_dir: Path, config: SiteConfig, now: datetime | None, drafts: bool,
              cache_dir: Path | None, jobs: int, use_cache: bool = False,
              progress=Quiet(), content_files: list | None = None) -> Planned:
    """`content_files`: the content folder's listing, if the build made it already."""
    content_files = files_below(content_dir) if content_files is None else content_files
    clock = Clock()
    diags: list[Diagnostic] = []
    key = cache.fingerprint(config, str(content_dir.resolve()))
    warn = lambda message: diags.append(warning(str(cache_dir), 0, message))
    previous = cache.load_shards(cache_dir, cache.ARTICLES, key, warn) if use_cache else None
    articles, found, entries, parsed = load_articles(content_dir, config, jobs, previous,
                                                     progress, content_files)
    diags += found
    if use_cache:
        cache.save_shards(cache_dir, cache.ARTICLES, key, entries, previous)
    extra_views, found = read_views(content_dir)
    diags += found
    assets = list_assets(content_files, config.templates / "static")
    clock.lap("load")
    index, found = build_index(articles, config, now, drafts, extra_views)
    diags += found
    pictures, thumbs, found = prepare_images(index.articles, content_dir, cache_dir,
                                             config.thumbnail_widths)
    assets += thumbs
    diags += found
    photos, thumbs, found = prepare_albums(index, config, content_dir, cache_dir, content_files)
    assets += thumbs
    diags += found
    pages, found = plan_pages(index, config, [rel for rel, _ in assets], pictures,
                              Media(photos=photos))
    diags += found
    clock.lap("index")
    return Planned(diags, len(articles), parsed, index, pages, assets, clock.phases,
                   bodies_changed(previous, entries))


def make_site(content_dir: Path, config: SiteConfig, now: datetime | None,
              drafts: bool = False, cache_dir: Path | None = None, jobs: int = 1) -> Outcome:
    """Load, index, plan and render in memory; write nothing (but the thumbnail cache)."""
    with collector_paused():
        plan = plan_site(content_dir, config, now, drafts, cache_dir, jobs)
        files, diags = [], plan.diagnostics
        if not has_errors(diags):
            resume_collector()
            files, found = render_site(plan.pages, plan.index, config)
            files += search_files(plan.index, config)[0]
            diags += found
    return Outcome(tuple(sorted(diags)), plan.articles, plan.index.scheduled, tuple(files),
                   phases=plan.phases, index=plan.index)


def build_site(content_dir: Path, output_dir: Path, config: SiteConfig,
               now: datetime | None, drafts: bool = False,
               cache_dir: Path | None = None, jobs: int = 1, use_cache: bool = False,
               progress=Quiet()) -> Outcome:
    """Make the site and, only if nothing is wrong, bring `output_dir` up to date.

    With the cache, a build whose inputs are all as the last build left them does
    nothing, and unchanged articles are not parsed again."""
    with collector_paused():
        if not use_cache or cache_dir is None:
            return _build(content_dir, output_dir, config, now, drafts, cache_dir, jobs, False,
                          progress)
        with cache.locked(cache_dir / "lock"):
            return _build(content_dir, output_dir, config, now, drafts, cache_dir, jobs, True,
                          progress)


def _build(content_dir, output_dir, config, now, drafts, cache_dir, jobs, use_cache,
           progress) -> Outcome:
    clock = Clock()
    state, rest, last, content_files = None, None, {}, None
    if use_cache:  # what the inputs look like now, against what the last build read
        inputs = [content_dir, config.templates, content_dir.resolve().parent / "data"]
        content_files = files_below(content_dir)
        markdown, others = cache.input_state(inputs, content_dir, content_files)
        rest = cache.fingerprint(config, drafts, others, str(output_dir.resolve()))
        state = cache.fingerprint(rest, markdown)
        last = cache.read_last_build(cache_dir)
    clock.lap("check")
    if up_to_date(last, state, output_dir, now):
        return Outcome((), last.get("articles", 0), written=WriteStats(0, last["files"], 0),
                       phases=clock.phases)
    plan = plan_site(content_dir, config, now, drafts, cache_dir, jobs, use_cache, progress,
                     content_files)
    diags, phases = plan.diagnostics, {**clock.phases, **plan.phases}
    if has_errors(diags):
        return Outcome(tuple(sorted(diags)), plan.articles, phases=phases)
    clock.last = time.perf_counter()
    env = make_environment(config, cache_dir / "templates" if use_cache else None)
    boxes = render_boxes(plan.index, config, env)
    # only Markdown files changed, and no moment the last build waited for has come
    same_rest = bool(last) and last.get("rest") == rest and not came_due(last, now)
    basis = plan_rebuild(plan, config, output_dir, cache_dir if use_cache else None, boxes,
                         diags, same_rest)
    clock.lap("plan")
    resume_collector()
    output = open_output(output_dir)
    try:
        staged, wanted, shown, found, (searched, search_rels), work = render_and_stage(
            plan, config, env, output, jobs, basis, progress)
        diags += found
        clock.lap("render")
        if has_errors(diags):
            remove_tree(output.staging)
            return Outcome(tuple(sorted(diags)), plan.articles, phases={**phases, **clock.phases})
        previous = set(basis.old[FILES]) if FILES in basis.old else None
        patched, reshown = 0, {}
        if output.fresh:  # nothing to patch: the new folder is moved in whole
            moved, deleted = commit(output, staged, wanted, previous)
        else:
            progress.phase("writing pages", len(staged) + len(work.patch))
            patched, reshown = write_pages(plan, config, env, output, jobs, staged, work,
                                           boxes, progress.advance)
            moved, deleted = len(staged), delete_stale(output, wanted, previous)
    except (WriteError, OSError) as exc:
        remove_tree(output.staging)
        problem = error(str(output_dir), 0, f"cannot write the site: {exc}")
        return Outcome(tuple(sorted(diags + [problem])), plan.articles, phases=phases)
    stats = WriteStats(moved + patched, len(wanted) - moved - patched, deleted)
    if use_cache:
        search = (basis.search_key, tuple(sorted(search_rels)), searched or basis.search_before)
        cache.save(cache_dir, cache.PAGES, manifest_key(output_dir),
                   record(work, basis, {**shown, **reshown}, search, tuple(sorted(wanted))))
        due = plan.index.next_due.isoformat() if plan.index.next_due else None
        # written last: a build stopped before this point is not taken as done
        cache.write_last_build(cache_dir, {"state": state, "rest": rest, "files": len(wanted),
                                           "articles": plan.articles, "next_due": due})
    clock.lap("write")  # the record for the next build included
    return Outcome(tuple(sorted(diags)), plan.articles, plan.index.scheduled, written=stats,
                   phases={**phases, **clock.phases}, index=plan.index, rebuilt=work.reasons,
                   parsed=plan.parsed, rendered=work.rendered, patched=patched)


def plan_rebuild(plan: Planned, config: SiteConfig, output_dir: Path, cache_dir: Path | None,
                 boxes: dict, diags: list, same_rest: bool = False) -> Basis:
    """Without the cache, every page is rendered; with it, each is keyed and weighed
    against the last build's record (rebuild.decide), by the workers. When only Markdown
    files changed (`same_rest`), and they only in their bodies, just the pages that read
    those articles are keyed again, here (rebuild.rekey)."""
    if cache_dir is None:
        return Basis({}, boxes, {}, None, None, True, "", None, ())
    warn = lambda message: diags.append(warning(str(cache_dir), 0, message))
    old = cache.load(cache_dir, cache.PAGES, manifest_key(output_dir), warn) or {}
    inputs = (common_context(plan.index, config), templates_digest(config.templates),
              box_values(plan.index), tuple(OWN_BOXES))
    keyed = None
    if same_rest and plan.bodies is not None:
        keyed = rekey(plan.bodies, old, boxes, plan.pages, *inputs)
    if keyed is None:
        return make_basis(old, boxes, page_keys((), *inputs)[0], None, inputs,
                          search_key(plan, config), output_dir)
    shared, keys, _, again = keyed
    return make_basis(old, boxes, shared, keys, inputs, search_key(plan, config), output_dir,
                      again)


def manifest_key(output_dir: Path) -> str:
    return cache.fingerprint(str(output_dir.resolve()))


def search_key(plan: Planned, config: SiteConfig) -> str:
    return value_digest((plan.index.searched, config), Memo(), [])


def up_to_date(last: dict, state: str, output_dir: Path, now: datetime | None) -> bool:
    """Nothing to do: same inputs as the last build, its output still there, and no
    scheduled article has come due since."""
    return (bool(last) and last.get("state") == state and output_dir.is_dir()
            and not came_due(last, now))


def came_due(last: dict, now: datetime | None) -> bool:
    """Whether a moment the last build waited for (a scheduled article, a schedule's next
    week: SiteIndex.next_due) has come: pages may change with no file changed."""
    due = last.get("next_due")
    return bool(due and now and now >= datetime.fromisoformat(due))


def render_and_stage(plan: Planned, config: SiteConfig, env, output: Output, jobs: int,
                     basis: Basis, progress):
    """Decide each page's fate and render the pages to render, on every core, staging the
    ones whose bytes changed; the search index meanwhile. Return (staged, wanted, {path:
    (shared boxes it shows, its own boxes' spans)}, problems, (the index's SearchState or
    None, the index's files), Work)."""
    there = is_file_below(output.folder)
    if output.fresh:  # nothing of the last build is there to keep
        basis = replace(basis, weigh=None)
    if basis.keys is None and basis.inputs is not None:  # keying all pages: in the workers
        todo, upfront = range(len(plan.pages)), None
    else:  # nothing to key, or only a few pages were: decided here, the rest rendered there
        upfront = with_own_boxes(decide(list(enumerate(plan.pages)), basis, there), plan,
                                 config, env)
        todo = [n for n, _ in upfront.render]

    def render_chunk(numbers):
        numbered = [(n, plan.pages[n]) for n in numbers]
        decided = with_own_boxes(decide(numbered, basis, there), plan, config, env) if (
            upfront is None) else Decided(numbered, [], [], {}, {}, [])
        keys = decided.keys if basis.keys is None else basis.keys
        stager, shown, problems = Stager(output), {}, []
        wanted = decided.kept + [patch[0] for patch in decided.patch]
        pages = [page for _, page in decided.render]
        for rel, data, problem, own in render_pages(pages, plan.index, config, env):
            if problem is not None:
                problems.append(problem)
                continue
            wanted.append(rel)
            if basis.inputs is not None:
                shown[rel] = shown_boxes(data, basis.boxes, keys[rel][2], keys[rel][3], own)
            stager.add(rel, data)
        # sent back without the pages: the parent has them
        return (stager.close(), wanted, shown, problems,
                replace(decided, render=[(n, None) for n, _ in decided.render]))

    made = {}

    def search():
        if not basis.search:
            made["rels"] = list(basis.search_files)
            return [], made["rels"], {}, [], None
        files, made["rels"], made["state"] = search_files(plan.index, config,
                                                          basis.search_before)
        stager = Stager(output)
        for rel, data in files:
            stager.add(rel, data)
        return stager.close(), made["rels"], {}, [], None

    # Keying, chunks of some thousands of pages: fewer share more of the work, but each
    # worker holds its chunk's keys twice while it sends them (100,000 articles: 170,000
    # pages). Rendering only: more chunks even out the work.
    per_job = 8 if upfront is not None else max(1, len(todo) // (jobs * 8000))
    progress.phase("rendering pages", len(todo))  # and keying them, in the workers
    results = map_chunks(render_chunk, todo, jobs, alongside=search, advance=progress.advance,
                         per_job=per_job)
    if upfront is not None:  # its pages to render were counted by the chunks
        results.append(([], upfront.kept + [patch[0] for patch in upfront.patch], {}, [],
                        replace(upfront, render=[])))
    stager = Stager(output)
    for rel, source in plan.assets:
        stager.add_copy(rel, source)
    results.append((stager.close(), [rel for rel, _ in plan.assets], {}, [], None))
    staged = sorted((item for part in results for item in part[0]), key=lambda item: item[0])
    wanted = {rel for part in results for rel in part[1]}
    shown = {rel: names for part in results for rel, names in part[2].items()}
    problems = {(d.path, d.line): d for part in results for d in part[3]}  # once each
    work = merge([part[4] for part in results if part[4] is not None], basis, plan.pages)
    return (staged, wanted, shown, list(problems.values()), (made.get("state"), made["rels"]),
            work)


def with_own_boxes(decided: Decided, plan: Planned, config: SiteConfig, env) -> Decided:
    """The own boxes of each page to patch, made here with the rendering (where template
    problems are reported), so that writing is only writing: (path, number, shared boxes,
    {own box: its new bytes}). A page whose box fails is rendered whole instead."""
    patch, render = [], list(decided.render)
    for rel, number, shared, own in decided.patch:
        fragments = own_boxes(plan.pages[number], own, config, env) if own else {}
        if fragments is None:
            render.append((number, plan.pages[number]))
        else:
            patch.append((rel, number, shared, fragments))
    return replace(decided, render=render, patch=patch)


def write_pages(plan: Planned, config: SiteConfig, env, output: Output, jobs: int, staged,
                work: Work, boxes: dict, advance) -> tuple[int, dict]:
    """On every core, write the staged pages in place and swap the new boxes into the pages
    kept from the last build; a page where they are not found as expected is rendered
    whole. Return (pages patched, {path: (shared boxes it shows, its own boxes' spans)})."""
    def write_chunk(items):
        write_staged(output, [item for kind, item in items if kind == "write"])
        redo, shown = [], {}
        for rel, page, changes, fragments, spans, names in (item for kind, item in items
                                                            if kind == "patch"):
            moved = patch_file(output.folder, rel, changes, spans, fragments,
                               dict(work.keys[rel][3]) if fragments else None)
            if moved is None:
                redo.append(page)
            else:
                shown[rel] = (names, moved)
        for rel, data, _, own in render_pages(redo, plan.index, config, env):
            if data is not None:  # it rendered last time with these very values
                rewrite(output.folder, rel, data)
                shown[rel] = shown_boxes(data, boxes, work.keys[rel][2], work.keys[rel][3],
                                         own)
        return shown

    items = [("write", item) for item in staged] + [("patch", item) for item in work.patch]
    results = map_chunks(write_chunk, items, jobs, advance=advance)
    return len(work.patch), {rel: names for part in results for rel, names in part.items()}


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector, left running, walks every object of a large site again and
    again while the articles, the index and the pages are made (100,000 articles: 6 of the
    index phase's 10 s), and they hold no cycles. So it is paused while they are made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def resume_collector() -> None:
    """Templates do make cycles: collect again while rendering, but never walk the site's
    objects made so far (frozen), nor make the workers copy their pages by touching them."""
    gc.freeze()
    gc.enable()


class Clock:
    def __init__(self):
        self.phases: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + now - self.last
        self.last = now


def list_assets(content_files: list, static_dir: Path) -> list[tuple[str, Path]]:
    """Files copied as they are: the theme's static/ folder under /static/, and every
    non-Markdown file of the content folder (images, attachments) at its own path."""
    assets = [("static/" + rel, Path(entry.path)) for rel, entry in files_below(static_dir)]
    assets += [(rel, Path(entry.path)) for rel, entry in content_files
               if not rel.endswith(".md")]
    return assets
