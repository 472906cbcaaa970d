"""Orchestration of one build: load, index, plan, render, write. Reads like the diagram."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import load_config
from .content import load_articles
from .diagnostics import Diagnostic, error, has_errors
from .index import build_index
from .pages import plan_pages
from .render import render_site
from .write import WriteError, write_site


@dataclass(frozen=True, slots=True)
class BuildResult:
    diagnostics: tuple[Diagnostic, ...]
    articles: int = 0
    pages: int = 0
    seconds: float = 0.0
    ok: bool = field(default=False)


def build_site(content_dir: Path, output_dir: Path, config_path: Path | None) -> BuildResult:
    started = time.perf_counter()
    config, diags = load_config(config_path)
    if config is None:
        return BuildResult(tuple(sorted(diags)))
    articles, found = load_articles(content_dir, config)
    diags += found
    assets = list_assets(content_dir, config.templates / "static")
    index, found = build_index(articles, config)
    diags += found
    pages, found = plan_pages(index, config, reserved=[rel for rel, _ in assets])
    diags += found
    if not has_errors(diags):
        files, found = render_site(pages, index, config)
        diags += found
    if has_errors(diags):
        return BuildResult(tuple(sorted(diags)), len(articles))
    try:
        count = write_site(files, assets, output_dir)
    except (WriteError, OSError) as exc:
        return BuildResult(tuple(sorted(diags + [error(str(output_dir), 0, str(exc))])))
    seconds = time.perf_counter() - started
    return BuildResult(tuple(sorted(diags)), len(articles), count, seconds, ok=True)


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
