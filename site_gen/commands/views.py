"""`views`: count article reads from the web server's access logs into data/views.csv.

A static site cannot count its readers, but nginx and Apache already log every request
(the "combined" format, or Apache's "vhost_combined"). Counted: successful (200) GETs of an article's address or one
of its old addresses, by clients that are not bots, once per client and article in 30
minutes. Lines read before are remembered (data/views-state.json), so rotated logs
(access.log, access.log.1, access.log.2.gz) can be given again without counting twice.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..cache.store import replace_file
from ..stages.content import load_articles
from ..core.diagnostics import Diagnostic, error, warning
from ..core.files import link_problem, listed_file
from .options import (EXIT_CONTENT, EXIT_OK, UsageError, add_site_options, check_content,
                      load_settings, report)
from ..core.text import parse_date

# No two parts can match the same characters: a scanner's line of 400,000 characters took
# minutes when the address and the rest of the request could. Apache's vhost_combined
# (Debian's other_vhosts_access.log) puts `host:port ` first, and some logs `host `: a
# fourth part before the time.
COMBINED = re.compile(r'(?:[^\s"\[]+ )?(?P<client>\S+) \S+ \S+ \[(?P<time>[^\]]+)\] '
                      r'"(?P<method>[A-Z]+) '
                      r'(?P<target>[^\s"]+)(?: [^"]*)?" (?P<status>\d{3}) \S+'
                      r'(?: "[^"]*" "(?P<agent>[^"]*)")?')
BOTS = re.compile(r"bot|crawl|spider|slurp|curl|wget|python-requests|httpclient|monitor|"
                  r"preview|headless|facebookexternalhit|zalo.*link", re.I)
REPEAT = timedelta(minutes=30)
MAX_LINE = 1 << 20  # bytes: a request's line is a few hundred; a longer one is no request's


def add_command(commands) -> None:
    cmd = commands.add_parser(
        "views", help="add article reads from web server logs to data/views.csv",
        description="Read nginx/Apache access logs (combined format, .gz too) and add the "
                    "reads of each article to data/views.csv beside the content folder.")
    cmd.add_argument("logs", nargs="+", type=Path, metavar="LOGFILE")
    cmd.add_argument("--since", metavar="DATE", help="ignore requests before this date")
    add_site_options(cmd, output=False, now=False)
    cmd.set_defaults(run=run_views)


def data_folder(content_dir: Path) -> Path:
    return content_dir.resolve().parent / "data"


def read_views(content_dir: Path) -> tuple[dict[str, int], list]:
    """The counts of data/views.csv by address, and warnings for lines that are not."""
    path, refused = views_file(content_dir)
    if refused:
        return {}, [warning(str(path), 1, f"{refused}; counts not read")]
    return read_counts(path)


def views_file(content_dir: Path) -> tuple[Path, str | None]:
    """data/views.csv, and why it is neither read nor written, if so: only a file inside the
    project's data folder is, as every file a build reads (through a link it could publish,
    or overwrite, a file elsewhere)."""
    folder = data_folder(content_dir)
    path = folder / "views.csv"
    if folder.is_symlink():
        return path, "symbolic link refused: the data folder is one"
    if path.is_symlink() and listed_file(folder, path.name) is None:
        return path, f"symbolic link refused: {link_problem(str(path), os.path.realpath(folder))}"
    return path, None


def read_counts(path: Path) -> tuple[dict[str, int], list]:
    """Read leniently: the file may have been edited by hand, or damaged."""
    counts, diags = {}, []
    if not path.is_file():
        return counts, diags
    # a spreadsheet saving it starts it with a byte-order mark
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    text = text.replace("\0", "\ufffd")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = next(csv.reader([line]), [])
        except csv.Error:  # a field longer than csv allows, say
            row = []
        if number == 1 and row[:1] and row[0].strip().lower() in ("url", "address"):  # a heading
            continue
        if len(row) != 2 or not re.fullmatch(r"\s*\d{1,15}\s*", row[1]):
            diags.append(warning(str(path), number, "expected `address,views`; line ignored"))
            continue
        counts[row[0].strip()] = counts.get(row[0].strip(), 0) + int(row[1])
    return counts, diags


@dataclass
class Tally:
    counts: dict[str, int]
    last: datetime | None  # the newest request read in an earlier run
    recent: dict[str, datetime]  # client+article -> last counted read, for the 30 minutes
    report: dict[str, int] = field(default_factory=dict)

    def skip(self, why: str) -> None:
        self.report[why] = self.report.get(why, 0) + 1


def parse_line(line: str):
    match = COMBINED.match(line)
    if not match:
        return None
    try:
        moment = datetime.strptime(match["time"], "%d/%b/%Y:%H:%M:%S %z")
    except ValueError:
        return None
    return moment, match


def article_address(target: str, root: str, addresses: dict[str, str]) -> str | None:
    try:
        path = unquote(urlsplit(target).path)
    except ValueError:  # "http://[abc/x" from a scanner: no address at all
        return None
    if root != "/" and path.startswith(root[:-1]):
        path = path[len(root) - 1:]
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return addresses.get(path) or addresses.get(path + "/")


def sifted(moment: datetime, match, tally: Tally, addresses, root: str, since):
    """(moment, client and article, article's address) of a line that reads an article,
    else None with the reason told to `tally`. Older lines were read by an earlier run; a
    line of that very second that was counted then is a repeat of its client now, so it
    is not counted twice either (count_lines)."""
    if tally.last and moment < tally.last:
        return tally.skip("read before")
    if since and moment < since:
        return tally.skip("before --since")
    if match["method"] != "GET":
        return tally.skip("not GET")
    if match["status"] != "200":
        return tally.skip("not 200")
    if BOTS.search(match["agent"] or ""):
        return tally.skip("bot")
    url = article_address(match["target"], root, addresses)
    if url is None:
        return tally.skip("not an article")
    return moment, f"{match['client']} {match['agent']} {url}", url


def log_lines(path: Path, diags: list):
    """The lines of a log, one at a time: a log (or a .gz unpacking to gigabytes) is never
    held whole. Lines are split on "\\n" alone, as the server writes them: what clients send
    may hold any other line break (binary garbage does), and that must not make one line
    many. Bytes that are not UTF-8 are replaced; a line longer than MAX_LINE is given cut
    short. A log that cannot be read whole (a .gz caught mid-rotation) gives the whole lines
    before the damage, and a warning in `diags`."""
    try:
        with path.open("rb") as raw:
            gzipped = raw.read(2) == b"\x1f\x8b"
        handle = gzip.open(path, "rb") if gzipped else path.open("rb")
    except OSError as exc:
        diags.append(warning(str(path), 0, f"cannot read this log ({exc.strerror}); skipped"))
        return
    count = 0
    with handle:
        try:
            while line := handle.readline(MAX_LINE):
                if len(line) == MAX_LINE and not line.endswith(b"\n"):
                    while (rest := handle.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                        pass  # the rest of a line too long to be a request's
                count += 1
                yield line.rstrip(b"\n").rstrip(b"\r").decode("utf-8", "replace")
        except (EOFError, OSError, zlib.error) as exc:
            what = f"the {count} whole lines before the damage are counted" if count else (
                "nothing could be read from it")
            kind = "truncated or corrupt .gz file" if gzipped else "cannot read this log"
            diags.append(warning(str(path), 0, f"{kind} ({exc}); {what}"))


def run_views(options) -> int:
    check_content(options.content)
    config = load_settings(options)
    if config is None:
        return EXIT_CONTENT
    missing = [str(p) for p in options.logs if not p.is_file()]
    if missing:
        raise UsageError(f"log file not found: {', '.join(missing)}")
    since = None
    if options.since:
        try:
            since = parse_date(options.since, config.timezone, config.meridiem)
        except ValueError as exc:
            raise UsageError(f"--since: {exc}") from None
    folder = data_folder(options.content)
    path, refused = views_file(options.content)
    if refused:
        report([error(str(path), 1, f"{refused}; nothing counted or written")])
        return EXIT_CONTENT
    tally, problem = load_tally(folder)
    if problem:
        report([problem])
        return EXIT_CONTENT
    diags = []
    lines = (line for path in options.logs for line in log_lines(path, diags))
    read = count_lines(lines, tally, article_addresses(options.content, config), config.root,
                       since, datetime.now(timezone.utc))
    report(diags)
    try:
        save_tally(folder, tally)
    except OSError as exc:
        report([error(str(folder), 0, f"cannot write the counts: {exc.strerror}")])
        return EXIT_CONTENT
    parts = ", ".join(f"{n} {why}" for why, n in sorted(tally.report.items()))
    told = f": {parts}" if parts else ", nothing counted"  # a corrupt .gz, an empty log
    print(f"site-gen: {read} log lines{told}; {folder / 'views.csv'} updated")
    return EXIT_OK


def article_addresses(content: Path, config) -> dict[str, str]:
    """Every address of an article, old ones too, to the article's address."""
    addresses = {}
    news = {k.name for k in config.kinds if k.feature == "news"}
    for article in (a for a in load_articles(content, config)[0] if a.kind in news):
        addresses[article.url] = article.url
        addresses.update({alias.url: article.url for alias in article.aliases})
    return addresses


def count_lines(lines, tally: Tally, addresses, root: str, since, now: datetime) -> int:
    """Count the readable lines oldest first, whatever the order of the files; return how
    many lines there were. Each line is sifted as it comes, and only a read that may count
    is kept (those are few: a scanner's or a bot's thousands are not), then they are taken
    in order of time for the repeats within 30 minutes. A line dated after `now` (a day's
    grace for clocks) is not counted: taken as the last line read, it would have every
    real line after it skipped as read before."""
    total, newest, kept = 0, None, []
    for line in lines:
        total += 1
        found = parse_line(line)
        if found is None:
            tally.skip("malformed")
        elif found[0] > now + timedelta(days=1):
            tally.skip("dated in the future")
        else:
            newest = max(newest or found[0], found[0])
            read = sifted(*found, tally, addresses, root, since)
            if read:
                kept.append(read)
    for moment, client, url in sorted(kept, key=lambda read: read[0]):
        if client in tally.recent and moment - tally.recent[client] < REPEAT:
            tally.skip("repeat within 30 minutes")
            continue
        tally.recent[client] = moment
        tally.counts[url] = tally.counts.get(url, 0) + 1
        tally.skip("counted")
    if newest:
        tally.last = max(filter(None, (newest, tally.last)))
    return total


def load_tally(folder: Path) -> tuple[Tally | None, Diagnostic | None]:
    """The counts so far and what was read before, or why they cannot be trusted."""
    counts, _ = read_counts(folder / "views.csv")
    state_file = folder / "views-state.json"
    try:
        state = json.loads(state_file.read_bytes()) if state_file.is_file() else {}
        last = datetime.fromisoformat(state["last"]) if state.get("last") else None
        recent = {str(k): datetime.fromisoformat(v) for k, v in state.get("recent", {}).items()}
        if any(moment.tzinfo is None for moment in (last, *recent.values()) if moment):
            raise ValueError("a time without its zone")
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        return None, error(str(state_file), 1, f"unreadable ({exc}); it tells which lines "
                           "were counted before: put back a good copy, or delete it to "
                           "count from scratch (old lines given again would count twice)")
    return Tally(counts, last, recent), None


def save_tally(folder: Path, tally: Tally) -> None:
    """views.csv and the state, each replaced whole (written beside, then renamed), so a
    crash never leaves half a file."""
    newest = tally.last
    rows = "".join(f"{url},{n}\n" for url, n in sorted(tally.counts.items()))
    replace_file(folder / "views.csv", ("url,views\n" + rows).encode("utf-8"))
    state = {"last": newest.isoformat() if newest else None,
             "recent": {k: v.isoformat() for k, v in sorted(tally.recent.items())
                        if newest and newest - v < REPEAT}}
    replace_file(folder / "views-state.json", json.dumps(state, indent=1, sort_keys=True).encode())
