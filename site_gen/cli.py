"""Command line: parse arguments, run a command, map its result to an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .pipeline import build_site

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
COMMANDS = ("build",)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-gen",
        description="Build the news-bulletin site from Markdown articles.")
    parser.add_argument("--version", action="version", version=f"site-gen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser(
        "build", help="build the site (the default command)",
        description="Build every article of the content folder into a static site.")
    add_site_options(build)
    build.set_defaults(run=run_build)
    return parser


def add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                        help="folder of Markdown articles (default: content)")
    parser.add_argument("--output", type=Path, default=Path("public"), metavar="DIR",
                        help="folder the site is written to, replaced whole only when the "
                             "build succeeds (default: public)")
    parser.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="site settings (default: site.yaml, if present)")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "build")
    options = make_parser().parse_args(args)
    return options.run(options)


def resolve_config(options) -> Path | None:
    if options.config is not None:
        return options.config
    default = Path("site.yaml")
    return default if default.is_file() else None


def usage_error(message: str) -> int:
    print(f"site-gen: {message}", file=sys.stderr)
    return EXIT_USAGE


def check_locations(options) -> str | None:
    """Refuse an output folder whose swap would carry away the sources."""
    if not options.content.is_dir():
        return f"content folder {str(options.content)!r} does not exist"
    if options.config is not None and not options.config.is_file():
        return f"settings file {str(options.config)!r} does not exist"
    out = options.output.resolve()
    for name, path in (("content folder", options.content), ("working folder", Path.cwd()),
                       ("settings file", options.config)):
        if path is not None and (path.resolve() == out or path.resolve().is_relative_to(out)):
            return f"output folder {str(options.output)!r} would replace the {name}"
    return None


def report(diagnostics) -> None:
    for diag in diagnostics:
        print(diag, file=sys.stderr)


def run_build(options) -> int:
    problem = check_locations(options)
    if problem:
        return usage_error(problem)
    result = build_site(options.content, options.output, resolve_config(options))
    report(result.diagnostics)
    if not result.ok:
        errors = sum(1 for d in result.diagnostics if d.severity == "error")
        print(f"site-gen: {errors} error(s); nothing written, {options.output} is unchanged",
              file=sys.stderr)
        return EXIT_CONTENT
    print(f"site-gen: {result.articles} articles read, {result.pages} pages written "
          f"in {result.seconds:.2f} s")
    return EXIT_OK
