"""Command line: parse arguments, run a command, map its result to an exit code."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import time
from pathlib import Path

from .. import __version__
from .options import (EXIT_CONTENT, EXIT_OK, EXIT_USAGE, UsageError, add_site_options,
                      cache_folder, check_content, check_output, load_settings, report,
                      report_failure, resolve_now, summary)
from ..core.files import utf8
from ..core.parallel import default_jobs
from ..core.progress import for_terminal
from ..stages.pipeline import build_site, check_site
from ..core.text import format_stamp

COMMANDS = ("build", "check", "new", "serve", "import", "views")
MODULES = {"new": "newpost", "serve": "serve", "import": "importer", "views": "views"}


def make_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the `chosen` one only: the others' modules are
    not imported then (importing all of them took 0.4 s, more than a build with nothing
    to do)."""
    parser = argparse.ArgumentParser(
        prog="site-gen", description="Build the news-bulletin site from Markdown articles.")
    parser.add_argument("--version", action="version", version=f"site-gen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the site (the default command)",
                                description="Build every article of the content folder into a static site.")
    add_site_options(build, output=True, now=True)
    build.add_argument("--jobs", type=process_count, default=default_jobs(), metavar="N",
                       help=f"processes to render with (default: all {default_jobs()} cores)")
    build.add_argument("--drafts", action="store_true",
                       help="include drafts, marked as such: a preview for the office, "
                            "never the public site")
    build.add_argument("--verbose", action="store_true",
                       help="say why each page was rendered again")
    build.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the cache: parse every article, "
                            "render every page (files whose bytes are the same still keep "
                            "their time)")
    build.set_defaults(run=run_build)
    check = commands.add_parser("check", help="check content, templates and links; write "
                                              "nothing but the cache",
                                description="Validate everything a build would read and list "
                                            "scheduled articles. Exit 1 on any problem.")
    add_site_options(check, output=False, now=True)
    check.add_argument("--portal", action="store_true",
                       help="also list what Decree 42/2022/NĐ-CP expects of a state portal "
                            "that the site lacks")
    check.set_defaults(run=run_check)
    for name, module in MODULES.items():
        if chosen in (None, name):
            importlib.import_module(f".{module}", __package__).add_command(commands)
    return parser


def process_count(text: str) -> int:
    """--jobs: 0 or -1 were taken as 1 without a word."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return int(text)


def entry() -> None:
    """The `site-gen` command. Once everything is written and flushed it exits at once:
    taking a large site's objects apart one by one would cost a third of a second at
    10,000 articles, and the system frees the memory whole."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    # The machine's time zone reaches a page through a date's astimezone() or fromtimestamp()
    # in a template, and no key covers it: every run of site-gen is in UTC (a page shows
    # times in the site's zone, site.yaml's `timezone`, whatever the machine's)
    os.environ["TZ"] = "UTC"
    time.tzset()
    args = list(sys.argv[1:] if argv is None else argv)
    if not all(utf8(arg) for arg in args):  # a title or path of other bytes: nowhere to go
        print("site-gen: arguments must be UTF-8 text", file=sys.stderr)
        return EXIT_USAGE
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "build")
    options = make_parser(args[0] if args[0] in COMMANDS else None).parse_args(args)
    try:
        return options.run(options)
    except UsageError as exc:
        print(f"site-gen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `site-gen build | head -0`: what it printed went nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nor will the rest
        print("site-gen: its output was closed before all was written (broken pipe)",
              file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:  # a folder given that cannot be made or used: say so, no traceback
        where = "" if exc.filename is None else f": {exc.filename!r}"
        print(f"site-gen: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_USAGE


@contextlib.contextmanager
def cache_or_scratch(options):
    """The cache folder; with --no-cache a scratch folder for the thumbnails, the cache
    untouched."""
    if not options.no_cache:
        yield cache_folder(options)
        return
    import tempfile  # not for a build with nothing to do

    with tempfile.TemporaryDirectory(prefix="site-gen-") as scratch:
        yield Path(scratch)


def run_build(options) -> int:
    check_content(options.content)
    config = load_settings(options)
    if config is None:
        return EXIT_CONTENT
    check_output(options, config)
    with cache_or_scratch(options) as cache_dir:
        progress = for_terminal()
        try:
            outcome = build_site(options.content, options.output, config,
                                 resolve_now(options.now, config), drafts=options.drafts,
                                 cache_dir=cache_dir,
                                 jobs=options.jobs, use_cache=not options.no_cache,
                                 progress=progress)
        finally:
            progress.close()
    if not outcome.ok:
        return report_failure(outcome, f"nothing written, {options.output} is unchanged")
    report(outcome.diagnostics)
    if options.verbose:
        for action, url, reason in outcome.rebuilt:
            print(f"{action} {url}: {reason}")
    print(summary(outcome))
    return EXIT_OK


def run_check(options) -> int:
    check_content(options.content)
    config = load_settings(options)
    if config is None:
        return EXIT_CONTENT
    outcome = check_site(options.content, config, resolve_now(options.now, config),
                         cache_folder(options), default_jobs(), files=options.portal)
    for article in outcome.scheduled:
        print(f"scheduled: {article.path} ({format_stamp(article.published, config.meridiem)})")
    if not outcome.ok:
        return report_failure(outcome, "fix them before publishing")
    report(outcome.diagnostics)
    print(f"site-gen: {outcome.articles} articles checked, no errors")
    if options.portal:
        from .selfcheck import portal_findings

        findings = portal_findings(dict(outcome.files), outcome.index, config)
        for finding in findings:
            print(f"portal: {finding}")
        print(f"site-gen: {len(findings)} portal function(s) missing")
        return EXIT_CONTENT if findings else EXIT_OK
    return EXIT_OK

