"""Orchestration of one build: load, index, plan, render, write. Reads like the diagram."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .config import SiteConfig
from .content import load_articles
from .diagnostics import Diagnostic, error, has_errors
from .images import prepare_images
from .index import build_index
from .model import Article
from .pages import plan_pages
from .render import render_site
from .search import search_files
from .views import read_views
from .write import WriteError, write_site


@dataclass(frozen=True, slots=True)
class Outcome:
    """Everything a build would write, and what was found on the way."""

    diagnostics: tuple[Diagnostic, ...]
    articles: int = 0
    scheduled: tuple[Article, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()
    assets: tuple[tuple[str, Path], ...] = ()
    written: int = 0
    seconds: float = 0.0
    index: object = None  # the SiteIndex, for commands that inspect the site

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def make_site(content_dir: Path, config: SiteConfig, now: datetime | None,
              drafts: bool = False, cache_dir: Path | None = None) -> Outcome:
    """Load, index, plan and render in memory; write nothing (but the thumbnail cache)."""
    started = time.perf_counter()
    articles, diags = load_articles(content_dir, config)
    extra_views, found = read_views(content_dir)
    diags += found
    assets = list_assets(content_dir, config.templates / "static")
    index, found = build_index(articles, config, now, drafts, extra_views)
    diags += found
    pictures, thumbs, found = prepare_images(index.articles, content_dir, cache_dir,
                                             config.thumbnail_widths)
    assets += thumbs
    diags += found
    pages, found = plan_pages(index, config, reserved=[rel for rel, _ in assets])
    diags += found
    files = []
    if not has_errors(diags):
        files, found = render_site(pages, index, config, pictures)
        files += search_files(index, config)
        diags += found
    return Outcome(tuple(sorted(diags)), len(articles), index.scheduled, tuple(files),
                   tuple(assets), seconds=time.perf_counter() - started, index=index)


def build_site(content_dir: Path, output_dir: Path, config: SiteConfig,
               now: datetime | None, drafts: bool = False,
               cache_dir: Path | None = None) -> Outcome:
    """Make the site and, only if nothing is wrong, swap it into `output_dir`."""
    started = time.perf_counter()
    outcome = make_site(content_dir, config, now, drafts, cache_dir)
    if not outcome.ok:
        return outcome
    try:
        written = write_site(outcome.files, outcome.assets, output_dir)
    except (WriteError, OSError) as exc:
        problem = error(str(output_dir), 0, f"cannot write the site: {exc}")
        return Outcome(outcome.diagnostics + (problem,), outcome.articles)
    return Outcome(outcome.diagnostics, outcome.articles, outcome.scheduled,
                   written=written, seconds=time.perf_counter() - started)


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
