"""`views`: count article reads from the web server's access logs into data/views.csv.

A static site cannot count its readers, but nginx and Apache already log every request
(the "combined" format). Counted: successful (200) GETs of an article's address or one
of its old addresses, by clients that are not bots, once per client and article in 30
minutes. Lines read before are remembered (data/views-state.json), so rotated logs
(access.log, access.log.1, access.log.2.gz) can be given again without counting twice.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..cache.store import replace_file
from ..stages.content import load_articles
from ..core.diagnostics import warning
from .options import (EXIT_CONTENT, EXIT_OK, UsageError, add_site_options, check_content,
                      load_settings)
from ..core.text import parse_date

COMBINED = re.compile(r'(?P<client>\S+) \S+ \S+ \[(?P<time>[^\]]+)\] "(?P<method>[A-Z]+) '
                      r'(?P<target>\S+)[^"]*" (?P<status>\d{3}) \S+(?: "[^"]*" "(?P<agent>[^"]*)")?')
BOTS = re.compile(r"bot|crawl|spider|slurp|curl|wget|python-requests|httpclient|monitor|"
                  r"preview|headless|facebookexternalhit|zalo.*link", re.I)
REPEAT = timedelta(minutes=30)


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
    return read_counts(data_folder(content_dir) / "views.csv")


def read_counts(path: Path) -> tuple[dict[str, int], list]:
    counts, diags = {}, []
    if not path.is_file():
        return counts, diags
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            if number == 1 and row[:1] == ["url"]:
                continue
            if len(row) != 2 or not row[1].strip().isdigit():
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
    path = unquote(urlsplit(target).path)
    if root != "/" and path.startswith(root[:-1]):
        path = path[len(root) - 1:]
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return addresses.get(path) or addresses.get(path + "/")


def count_line(moment: datetime, match, tally: Tally, addresses, root: str, since) -> None:
    # Older lines were read by an earlier run; a line of that very second that was counted
    # then is a repeat of its client now, so it is not counted twice either.
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
    client = f"{match['client']} {match['agent']} {url}"
    if client in tally.recent and moment - tally.recent[client] < REPEAT:
        return tally.skip("repeat within 30 minutes")
    tally.recent[client] = moment
    tally.counts[url] = tally.counts.get(url, 0) + 1
    tally.skip("counted")


def read_log(path: Path) -> list[str]:
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        return handle.read().splitlines()


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
    articles = load_articles(options.content, config)[0]
    addresses = {}
    news = {k.name for k in config.kinds if k.feature == "news"}
    for article in (a for a in articles if a.kind in news):
        addresses[article.url] = article.url
        addresses.update({alias.url: article.url for alias in article.aliases})
    folder = data_folder(options.content)
    tally = load_tally(folder)
    lines = [(parse_line(line), line) for path in options.logs for line in read_log(path)]
    readable = sorted((parsed for parsed, _ in lines if parsed), key=lambda p: p[0])
    for moment, match in readable:  # oldest first, whatever the order of the files
        count_line(moment, match, tally, addresses, config.root, since)
    if len(readable) < len(lines):
        tally.report["malformed"] = len(lines) - len(readable)
    newest = readable[-1][0] if readable else None
    save_tally(folder, tally, max(filter(None, (newest, tally.last)), default=None))
    parts = ", ".join(f"{n} {why}" for why, n in sorted(tally.report.items()))
    print(f"site-gen: {len(lines)} log lines: {parts}; {folder / 'views.csv'} updated")
    return EXIT_OK


def load_tally(folder: Path) -> Tally:
    counts, _ = read_counts(folder / "views.csv")
    state_file = folder / "views-state.json"
    state = json.loads(state_file.read_text()) if state_file.is_file() else {}
    last = datetime.fromisoformat(state["last"]) if state.get("last") else None
    recent = {k: datetime.fromisoformat(v) for k, v in state.get("recent", {}).items()}
    return Tally(counts, last, recent)


def save_tally(folder: Path, tally: Tally, newest: datetime | None) -> None:
    """views.csv and the state, both replaced whole so a crash cannot half-write them."""
    rows = "".join(f"{url},{n}\n" for url, n in sorted(tally.counts.items()))
    replace_file(folder / "views.csv", ("url,views\n" + rows).encode("utf-8"))
    state = {"last": newest.isoformat() if newest else None,
             "recent": {k: v.isoformat() for k, v in sorted(tally.recent.items())
                        if newest and newest - v < REPEAT}}
    replace_file(folder / "views-state.json", json.dumps(state, indent=1, sort_keys=True).encode())
