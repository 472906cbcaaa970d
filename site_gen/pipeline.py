"""Orchestration of one build: load, index, plan, render, write. Reads like the diagram."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import cache
from .config import SiteConfig
from .content import load_articles
from .diagnostics import Diagnostic, error, has_errors, warning
from .images import prepare_images
from .keys import page_keys, templates_digest, value_digest, why
from .index import build_index
from .model import Article
from .pages import output_path, plan_pages
from .parallel import map_chunks
from .render import common_context, render_pages, render_site
from .search import search_files
from .views import read_views
from .write import WriteError, WriteStats, commit, open_staging, remove_tree, stage, stage_copy


SEARCH = "(search index)"


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
    rebuilt: tuple = ()  # (address, why), for --verbose

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
    index: object
    pages: tuple
    assets: list
    phases: dict


def plan_site(content_dir: Path, config: SiteConfig, now: datetime | None, drafts: bool,
              cache_dir: Path | None, jobs: int, use_cache: bool = False) -> Planned:
    clock = Clock()
    diags: list[Diagnostic] = []
    key = cache.fingerprint(config, str(content_dir.resolve()))
    warn = lambda message: diags.append(warning(str(cache_dir), 0, message))
    previous = cache.load(cache_dir, cache.ARTICLES, key, warn) if use_cache else None
    articles, found, entries = load_articles(content_dir, config, jobs, previous)
    diags += found
    if use_cache and entries != previous:
        cache.save(cache_dir, cache.ARTICLES, key, entries)
    extra_views, found = read_views(content_dir)
    diags += found
    assets = list_assets(content_dir, config.templates / "static")
    clock.lap("load")
    index, found = build_index(articles, config, now, drafts, extra_views)
    diags += found
    pictures, thumbs, found = prepare_images(index.articles, content_dir, cache_dir,
                                             config.thumbnail_widths)
    assets += thumbs
    diags += found
    pages, found = plan_pages(index, config, [rel for rel, _ in assets], pictures)
    diags += found
    clock.lap("index")
    return Planned(diags, len(articles), index, pages, assets, clock.phases)


def make_site(content_dir: Path, config: SiteConfig, now: datetime | None,
              drafts: bool = False, cache_dir: Path | None = None, jobs: int = 1) -> Outcome:
    """Load, index, plan and render in memory; write nothing (but the thumbnail cache)."""
    plan = plan_site(content_dir, config, now, drafts, cache_dir, jobs)
    files, diags = [], plan.diagnostics
    if not has_errors(diags):
        files, found = render_site(plan.pages, plan.index, config)
        files += search_files(plan.index, config)
        diags += found
    return Outcome(tuple(sorted(diags)), plan.articles, plan.index.scheduled, tuple(files),
                   phases=plan.phases, index=plan.index)


def build_site(content_dir: Path, output_dir: Path, config: SiteConfig,
               now: datetime | None, drafts: bool = False,
               cache_dir: Path | None = None, jobs: int = 1, use_cache: bool = False) -> Outcome:
    """Make the site and, only if nothing is wrong, bring `output_dir` up to date.

    With the cache, a build whose inputs are all as the last build left them does
    nothing, and unchanged articles are not parsed again."""
    if not use_cache or cache_dir is None:
        return _build(content_dir, output_dir, config, now, drafts, cache_dir, jobs, False)
    with cache.locked(cache_dir / "lock"):
        return _build(content_dir, output_dir, config, now, drafts, cache_dir, jobs, True)


def _build(content_dir, output_dir, config, now, drafts, cache_dir, jobs, use_cache) -> Outcome:
    clock = Clock()
    state, last = None, {}
    if use_cache:  # what the inputs look like now, against what the last build read
        inputs = [content_dir, config.templates, content_dir.resolve().parent / "data"]
        state = cache.fingerprint(config, drafts, cache.input_state(inputs),
                                  str(output_dir.resolve()))
        last = cache.read_last_build(cache_dir)
    clock.lap("check")
    if up_to_date(last, state, output_dir, now):
        return Outcome((), last.get("articles", 0), written=WriteStats(0, last["files"], 0),
                       phases=clock.phases)
    plan = plan_site(content_dir, config, now, drafts, cache_dir, jobs, use_cache)
    diags, phases = plan.diagnostics, {**clock.phases, **plan.phases}
    if has_errors(diags):
        return Outcome(tuple(sorted(diags)), plan.articles, phases=phases)
    clock.last = time.perf_counter()
    work = plan_work(plan, config, output_dir, cache_dir if use_cache else None, diags)
    clock.lap("plan")
    staging = open_staging(output_dir)
    try:
        staged, wanted, found = render_and_stage(plan, config, staging, output_dir, jobs, work)
        diags += found
        clock.lap("render")
        if has_errors(diags):
            remove_tree(staging)
            return Outcome(tuple(sorted(diags)), plan.articles, phases={**phases, **clock.phases})
        stats = commit(staging, output_dir, staged, wanted)
    except (WriteError, OSError) as exc:
        remove_tree(staging)
        problem = error(str(output_dir), 0, f"cannot write the site: {exc}")
        return Outcome(tuple(sorted(diags + [problem])), plan.articles, phases=phases)
    clock.lap("write")
    if use_cache:
        due = plan.index.scheduled[0].published.isoformat() if plan.index.scheduled else None
        cache.write_last_build(cache_dir, {"state": state, "files": len(wanted),
                                           "articles": plan.articles, "next_due": due})
        folder = config.urls["search_url"].lstrip("/")
        search_rels = tuple(sorted(rel for rel in wanted  # the index: files there no page makes
                                   if rel.startswith(folder) and rel not in work.manifest))
        manifest = {**work.manifest, SEARCH: (work.manifest[SEARCH][0], search_rels)}
        cache.save(cache_dir, cache.PAGES, work.manifest_key, manifest)
    return Outcome(tuple(sorted(diags)), plan.articles, plan.index.scheduled, written=stats,
                   phases={**phases, **clock.phases}, index=plan.index, rebuilt=work.reasons)


@dataclass(frozen=True, slots=True)
class Work:
    """Which pages to render: those whose inputs changed since the last build."""

    pages: tuple  # to render
    kept: tuple[str, ...]  # output paths left as they are
    search: bool  # whether the search index must be written
    manifest: dict  # the keys to remember for the next build
    manifest_key: str
    reasons: tuple[tuple[str, str], ...]  # (address, why it is rendered), for --verbose


def plan_work(plan: Planned, config: SiteConfig, output_dir: Path, cache_dir: Path | None,
              diags: list) -> Work:
    if cache_dir is None:
        return Work(plan.pages, (), True, {}, "", ())
    keys = page_keys(plan.pages, common_context(plan.index, config),
                     templates_digest(config.templates))
    lib = plan.index.library
    search_key = value_digest((plan.index.articles, lib.pages, lib.documents, config), {})
    manifest_key = cache.fingerprint(str(output_dir.resolve()))
    warn = lambda message: diags.append(warning(str(cache_dir), 0, message))
    old = cache.load(cache_dir, cache.PAGES, manifest_key, warn) or {}
    todo, kept, reasons = [], [], []
    for page in plan.pages:
        rel = output_path(page.url)
        if old.get(rel, (None,))[0] == keys[rel][0] and (output_dir / rel).is_file():
            kept.append(rel)
        else:
            todo.append(page)
            reasons.append((page.url, why(old.get(rel), keys[rel])))
    old_search = old.get(SEARCH)
    search = not (old_search and old_search[0] == search_key
                  and all((output_dir / rel).is_file() for rel in old_search[1]))
    kept += [] if search else list(old_search[1])
    manifest = {**keys, SEARCH: (search_key, old_search[1] if not search else ())}
    return Work(tuple(todo), tuple(kept), search, manifest, manifest_key, tuple(reasons))


def up_to_date(last: dict, state: str, output_dir: Path, now: datetime | None) -> bool:
    """Nothing to do: same inputs as the last build, its output still there, and no
    scheduled article has come due since."""
    due = last.get("next_due")
    return (bool(last) and last.get("state") == state and output_dir.is_dir()
            and not (due and now and now >= datetime.fromisoformat(due)))


def render_and_stage(plan: Planned, config: SiteConfig, staging: Path, outdir: Path, jobs: int,
                     work: Work):
    """Render the pages to do on every core, staging the ones whose bytes changed."""
    def render_chunk(pages):
        staged, wanted, problems = [], [], []
        for rel, data, problem in render_pages(pages, plan.index, config):
            if problem is not None:
                problems.append(problem)
                continue
            wanted.append(rel)
            if stage(staging, outdir, rel, data):
                staged.append(rel)
        return staged, wanted, problems

    def search():
        if not work.search:
            return [], [], []
        return work_files(search_files(plan.index, config), staging, outdir)

    results = map_chunks(render_chunk, work.pages, jobs, alongside=search)
    results.append(([], list(work.kept), []))
    results.append(work_copies(plan.assets, staging, outdir))
    staged = sorted(rel for part in results for rel in part[0])
    wanted = {rel for part in results for rel in part[1]}
    problems = {(d.path, d.line): d for part in results for d in part[2]}  # once each
    return staged, wanted, list(problems.values())


def work_files(files, staging: Path, outdir: Path):
    staged = [rel for rel, data in files if stage(staging, outdir, rel, data)]
    return staged, [rel for rel, _ in files], []


def work_copies(assets, staging: Path, outdir: Path):
    staged = [rel for rel, source in assets if stage_copy(staging, outdir, rel, source)]
    return staged, [rel for rel, _ in assets], []


class Clock:
    def __init__(self):
        self.phases: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + now - self.last
        self.last = now


def list_assets(content_dir: Path, static_dir: Path) -> list[tuple[str, Path]]:
    """Files copied as they are: the theme's static/ folder under /static/, and every
    non-Markdown file of the content folder (images, attachments) at its own path."""
    assets = [("static/" + rel, path) for rel, path in _files_below(static_dir)]
    assets += [(rel, path) for rel, path in _files_below(content_dir)
               if not rel.endswith(".md")]
    return assets


def _files_below(folder: Path) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in rel.split("/")):
            found.append((rel, path))
    return sorted(found)
