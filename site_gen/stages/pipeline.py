"""Orchestration of one build: load, index, plan, render, write. Reads like the diagram.

content/*.md --load--> Articles --index--> SiteIndex --plan--> Pages
             --render--> bytes --write--> the spare folder --swap--> public/

With the cache (site_gen/cache/), a build whose inputs and "now" are as the last one left
them does nothing; otherwise unchanged articles are not parsed again, pages whose key is
kept are assembled rather than rendered, and only files whose recipe changed are written.
Either way the output equals a build without the cache, diagnostics included.

The stages themselves are run by site.py, imported only once there is work to do: a build
with nothing to do answers before Markdown, Jinja and the rest are loaded.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import os
import sqlite3
import time
from dataclasses import astuple, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache.store import Store, fingerprint, locked
from ..core.config import SiteConfig, portable, theme_folders
from ..core.diagnostics import Diagnostic, error, has_errors, warning
from ..core.files import file_stamp, files_below
from ..core.parallel import WorkerDied
from ..core.progress import Clock, Quiet
from .write import WriteError, WriteStats, lock_of, tree_id

if TYPE_CHECKING:  # the records are made once there is work: a build with nothing to do
    from ..core.model import Article  # does not pay for them (20 ms)


# The disk, not the command: a build goes on without the cache, as a clean one would (a
# cache another user made, or in a folder this one may not write, is as one read-only)
FULL_OR_READ_ONLY = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a build made, found and took, phase by phase."""

    diagnostics: tuple[Diagnostic, ...]
    articles: int = 0
    scheduled: tuple[Article, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()  # only from check_site, if asked
    written: WriteStats | None = None
    phases: dict = field(default_factory=dict)  # seconds by phase
    index: object = None  # the SiteIndex, for commands that inspect the site
    rebuilt: tuple = ()  # (rendered or assembled, address, why), for --verbose
    parsed: int = 0  # articles read from their files, not from the cache
    rendered: int = 0  # pages made with their templates
    assembled: int = 0  # pages made from a kept part and new boxes
    changes_at: str | None = None  # when the site next changes by the clock alone (ISO)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def seconds(self) -> float:
        return sum(self.phases.values())


def check_site(content_dir: Path, config: SiteConfig, now: datetime,
               cache_dir: Path, jobs: int = 1, files: bool = False) -> Outcome:
    """What a build would find, writing nothing but the cache (the thumbnails, the articles
    it parsed, the parts it made, as a build keeps them). `files`: every page made whole
    and given (`check --portal` reads them)."""
    try:
        return _check(content_dir, config, now, cache_dir, jobs, files)
    except WorkerDied as exc:
        return Outcome((error(str(content_dir), 0, str(exc)),))


def _check(content_dir, config, now, cache_dir, jobs, files) -> Outcome:
    from .render import render_site
    from .search import search_files
    from . import site

    diags: list[Diagnostic] = []
    with collector_paused(), opened_store(cache_dir, diags) as store, \
            made_in(cache_dir, diags) as where:
        if store:
            store.check()
        plan = site.plan_site(content_dir, config, now, False, where, jobs, store)
        made = []
        diags += plan.diagnostics  # the same list: the cache's warnings come to it later
        if not has_errors(diags):
            if store:
                store.put_articles(*plan.stored)
                plan = replace(plan, stored=())
            resume_collector()
            if files:
                made, found = render_site(plan.pages, plan.index, config, content_dir)
                made += search_files(plan.index, config)[0]
            else:
                found = site.check_pages(plan, config, content_dir, jobs, store)
            diags += found
    return Outcome(tuple(sorted(diags)), plan.articles, plan.index.scheduled, tuple(made),
                   phases=plan.phases, index=plan.index)


def build_site(content_dir: Path, output_dir: Path, config: SiteConfig,
               now: datetime | None, drafts: bool, cache_dir: Path,
               jobs: int = 1, use_cache: bool = False,
               progress=Quiet()) -> Outcome:
    """Make the site and, only if nothing is wrong, switch `output_dir` to it at once.
    One build at a time per output folder and per cache: a second one waits."""
    now = now or datetime.now(timezone.utc)
    diags: list[Diagnostic] = []
    with collector_paused(), locked(lock_of(output_dir)), \
            opened_store(cache_dir if use_cache else None, diags) as store, \
            made_in(cache_dir, diags) as where:
        try:
            return _build(content_dir, output_dir, config, now, drafts, where, jobs,
                          store, diags, progress)
        except WorkerDied as exc:  # the spare is marked as changing: written whole next time
            return Outcome(tuple(sorted(diags + [error(str(output_dir), 0, f"{exc}; the site "
                                                       f"in {output_dir} is as it was")])))


@contextlib.contextmanager
def made_in(cache_dir: Path, diags: list):
    """Where a build makes the files it keeps as files (thumbnails, photo sizes), as
    `where(problem=None)`: the cache folder; or, once it cannot be written there (a
    read-only disk, another user's folder, a disk that fills up meanwhile: `problem`), a
    scratch folder of this build's, with a warning: they are made again, never missing,
    and the build goes on as one without the cache would."""
    scratch = []
    with contextlib.ExitStack() as stack:
        def where(problem: str | None = None) -> Path:
            if problem and not scratch:
                import tempfile  # not for a build with nothing to do

                diags.append(warning(str(cache_dir), 0, f"{problem}: thumbnails are made "
                                                        "afresh in a scratch folder"))
                scratch.append(Path(stack.enter_context(
                    tempfile.TemporaryDirectory(prefix="site-gen-"))))
            return scratch[0] if scratch else cache_dir

        with contextlib.suppress(OSError):
            cache_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(cache_dir, os.W_OK | os.X_OK):
            where("cannot be written")
        yield where


@contextlib.contextmanager
def opened_store(cache_dir: Path | None, diags: list):
    """The cache, for this run alone (a second one waits); None without one, or (with a
    warning in `diags`) if the disk will not have it."""
    if cache_dir is None:
        yield None
        return
    warn = lambda message: diags.append(warning(str(cache_dir), 0, message))
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(locked(cache_dir / "lock"))
            store = Store(cache_dir, fingerprint("store"), warn)
        except (OSError, sqlite3.Error) as exc:
            if isinstance(exc, OSError) and exc.errno not in FULL_OR_READ_ONLY:
                raise  # a cache folder given wrong (through a file...): a usage error
            warn(f"the cache cannot be used ({exc}); built without it")
            store = None
        else:
            stack.callback(store.close)
        yield store


def _build(content_dir, output_dir, config, now, drafts, where, jobs, store, diags,
           progress) -> Outcome:
    clock = Clock()
    project = content_dir.resolve().parent
    name = os.path.relpath(output_dir.resolve(), project)
    summary = store.summary(name) if store else {}
    content_files = files_below(content_dir)
    # with the folders as messages name them: a build with nothing to do repeats the last
    # one's warnings, which a copy of the project given by full paths names otherwise, and
    # data/views.csv's name the project's own place (a project moved: `mv a b`)
    state = input_state(project, [content_dir, *theme_folders(config), project / "data"],
                        content_files, (portable(config, content_dir), drafts, name,
                                        str(content_dir), str(config.templates), str(project)))
    clock.lap("check")
    if store and up_to_date(summary, state, now, output_dir):
        kept = tuple(Diagnostic(*d) for d in summary["diagnostics"])
        return Outcome(tuple(sorted(diags + list(kept))), summary["articles"],
                       written=WriteStats(0, summary["files"], 0), phases=clock.phases,
                       changes_at=(summary.get("window") or (None, None))[1])
    # a damaged cache is started again, its records with it
    record = store.record(name) if store and store.check() else {}
    from . import site
    from .images import forget_other_versions

    plan = site.plan_site(content_dir, config, now, drafts, where, jobs, store, progress,
                          content_files)
    diags += plan.diagnostics
    phases = {**clock.phases, **plan.phases}
    if has_errors(diags):
        return Outcome(tuple(sorted(diags)), plan.articles, phases=phases)
    if store:
        store.put_articles(*plan.stored)
        # the rows (all articles, encoded, on a first build) are not kept while rendering:
        # at 100,000 articles they made the build's largest process 2.3 GB
        plan = replace(plan, stored=())
    clock.last = time.perf_counter()
    resume_collector()
    try:
        made = site.make_output(plan, config, content_dir, output_dir, jobs, store, record,
                                name, progress, clock)
    except (WriteError, OSError) as exc:
        problem = error(str(output_dir), 0, f"cannot write the site ({exc}); the site in "
                                            f"{output_dir} is as it was")
        return Outcome(tuple(sorted(diags + [problem])), plan.articles, phases=phases)
    diags += made.problems
    clock.lap("write")  # the record for the next build included
    if has_errors(diags):
        return Outcome(tuple(sorted(diags)), plan.articles, phases={**phases, **clock.phases})
    window = site.window(plan, config, now)
    if store:  # written last: a build stopped before this point is not taken as done
        store.put_record(name, {**made.record, "state": state, "window": window,
                                "diagnostics": [astuple(d) for d in plan.diagnostics],
                                "articles": plan.articles})
        store.collect(name, made.record["parts"], lambda other: (project / other).is_dir())
        forget_other_versions(where())
    return Outcome(tuple(sorted(diags)), plan.articles, plan.index.scheduled,
                   written=made.stats, phases={**phases, **clock.phases}, index=plan.index,
                   rebuilt=made.reasons, parsed=plan.parsed, rendered=made.rendered,
                   assembled=made.assembled, changes_at=window[1])


def input_state(project: Path, roots: list[Path], content_files: list, extra) -> str:
    """A digest of the names, sizes and times of every file below `roots` (relative to the
    project), the settings and whatever else a build's output depends on (`extra`)."""
    digest = hashlib.sha256(fingerprint(extra).encode())
    for root in roots:
        listing = content_files if root == roots[0] else files_below(root)
        shown = os.path.relpath(root.resolve(), project)
        for rel, entry in listing:
            try:
                stat = entry.stat()
            except OSError:  # gone since it was listed: the build will say so
                stat = os.stat_result((0,) * 10)
            digest.update("{}/{}\0{}\0{}\n".format(shown, rel, *file_stamp(stat)).encode())
        for rel, why in getattr(listing, "refused", ()):  # reported by every build till gone
            digest.update(f"{shown}/{rel}\0{why}\n".encode())
    return digest.hexdigest()


def up_to_date(summary: dict, state: str, now: datetime, output_dir: Path) -> bool:
    """Nothing to do: same inputs as the last build, the very folder it left in place (not
    one deleted and made again, nor one a build without the cache swapped in), and "now"
    within the span in which the site stays the same."""
    live = tree_id(output_dir)
    if (not summary or summary.get("state") != state or live is None
            or summary.get("live") != live):
        return False
    before, after = summary.get("window") or (None, None)
    return ((before is None or datetime.fromisoformat(before) <= now)
            and (after is None or now < datetime.fromisoformat(after)))


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
