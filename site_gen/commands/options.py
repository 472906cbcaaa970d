"""What the commands share: site options, settings, the build's "now", reporting."""

from __future__ import annotations

import os
import shlex
import sys
from datetime import datetime, timezone
from pathlib import Path

from ..core.config import SiteConfig, load_config
from ..core.diagnostics import has_errors
from ..core.text import parse_date

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command was given wrong arguments: exit 2."""


def add_site_options(parser, output: bool, now: bool) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="folder of Markdown articles (default: content)")
    if output:
        parser.add_argument("--output", type=Path, default=Path("public"), metavar="DIR",
                            help="folder the site is written to, replaced whole only when the "
                                 "build succeeds (default: public)")
    parser.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="site settings (default: site.yaml, if present)")
    parser.add_argument("--cache", type=Path, default=None, metavar="DIR",
                        help="folder for work kept between builds: parsed articles, "
                             "thumbnails (default: .cache beside the settings file)")
    if now:
        parser.add_argument("--now", metavar="DATE", default=None,
                            help="publish as if it were this moment, e.g. 2025-01-31 or "
                                 "'2025-01-31 08:00' (default: SOURCE_DATE_EPOCH, else the clock); "
                                 "articles dated later wait")


def load_settings(options) -> SiteConfig | None:
    """The validated settings, or None after reporting why not."""
    path = options.config
    if path is None:
        path = Path("site.yaml") if Path("site.yaml").is_file() else None
    elif not path.is_file():
        raise UsageError(f"settings file {str(path)!r} does not exist")
    config, diags = load_config(path)
    report(diags)
    return None if config is None or has_errors(diags) else config


def resolve_now(text: str | None, config: SiteConfig) -> datetime:
    """The build's "now": --now, else SOURCE_DATE_EPOCH, else the clock."""
    if text:
        try:
            return parse_date(text, config.timezone, config.meridiem)
        except ValueError as exc:
            raise UsageError(f"--now: {exc}") from None
    epoch = source_date_epoch()
    if epoch:
        try:
            if not epoch.isdigit():
                raise ValueError
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):  # not a number, or past the year 9999
            raise UsageError(f"SOURCE_DATE_EPOCH must be a number of seconds since 1970 "
                             f"before the year 10000, not {epoch[:40]!r}") from None
    return datetime.now(timezone.utc)


def source_date_epoch() -> str:
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip()


def clock_held(text: str | None) -> bool:
    """Whether the build's "now" stays where --now or SOURCE_DATE_EPOCH puts it."""
    return bool(text) or bool(source_date_epoch())


def check_content(content: Path) -> None:
    if not content.is_dir():
        raise UsageError(f"content folder {str(content)!r} does not exist: run site-gen in "
                         f"the folder that holds it, name it with --content DIR, or, for a "
                         f"new site, make it first (mkdir {shlex.quote(str(content))})")


def check_output(options, config: SiteConfig) -> None:
    """Refuse an output folder that holds the sources (a build deletes what it does not
    make) or the cache, or lies among the files a build publishes (it would copy itself),
    and anything but a folder in its place: a file, or a link, would be put aside."""
    shown = str(options.output)
    if options.output.is_symlink():
        raise UsageError(f"output folder {shown!r} is a symbolic link: give the folder itself "
                         "(a build replaces it whole)")
    if options.output.exists() and not options.output.is_dir():
        raise UsageError(f"output folder {shown!r} is a file, not a folder")
    out = options.output.resolve()
    for name, path in (("content folder", options.content), ("working folder", Path.cwd()),
                       ("settings file", options.config)):
        if path is not None and (path.resolve() == out or path.resolve().is_relative_to(out)):
            raise UsageError(f"output folder {shown!r} would replace the {name}")
    for name, path in (("content folder", options.content), ("templates folder", config.templates)):
        if out.is_relative_to(path.resolve()):
            raise UsageError(f"output folder {shown!r} is inside the {name}, whose files are "
                             "published: a build would copy the site into itself")
    cache = cache_folder(options).resolve()
    if any(cache.is_relative_to(folder) for folder in (out, out.with_name(f".{out.name}.spare"))):
        raise UsageError(f"the cache folder is inside the output folder {shown!r}, which a "
                         "build replaces whole")
    for name, path in (("content folder", options.content), ("templates folder", config.templates)):
        if cache.is_relative_to(path.resolve()):  # it holds every article, drafts too
            raise UsageError(f"the cache folder {str(cache_folder(options))!r} is inside the "
                             f"{name}, whose files are published: give another with --cache")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise UsageError(f"output folder {str(options.output)!r} holds files but no site "
                         "(no index.html); a build removes what it does not make, so choose "
                         "a new or empty folder")


def report(diagnostics) -> None:
    for diag in diagnostics:
        print(diag, file=sys.stderr)


def report_failure(outcome, what: str) -> int:
    report(outcome.diagnostics)
    errors = sum(1 for d in outcome.diagnostics if d.severity == "error")
    print(f"site-gen: {errors} error(s); {what}", file=sys.stderr)
    return EXIT_CONTENT


def cache_folder(options) -> Path:
    folder = options.cache
    if folder is None:
        folder = (options.config or Path("site.yaml")).parent / ".cache"
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"the cache folder {str(folder)!r} is a file: remove it, or give "
                         "another with --cache")
    return folder


def summary(outcome) -> str:
    """One line for people and CI logs: what was read (and how much of it the cache had),
    made, written, and the time of each phase."""
    stats = outcome.written
    phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in outcome.phases.items())
    return (f"site-gen: {outcome.articles} articles read "
            f"({outcome.articles - outcome.parsed} from the cache), "
            f"{outcome.rendered} pages rendered, {outcome.assembled} assembled; "
            f"{stats.written} pages written, {stats.unchanged} unchanged, {stats.deleted} "
            f"deleted in {outcome.seconds:.2f} s ({phases})")
