"""`serve`: build, serve on 127.0.0.1, rebuild on every change and reload the browser.

Requests are untrusted (a page open in the browser can send any): only GET and HEAD of files
inside the output folder are answered, everything malformed gets a 4xx, and so does a request
naming another host than this server (421: DNS rebinding, see allowed_host).

The reload script is added to pages as they are sent, never to built files. While the
content is broken the last good site is still served, with the errors laid over it.
"""

from __future__ import annotations

import argparse
import functools
import html
import ipaddress
import json
import logging
import mimetypes
import os
import re
import signal
import socket
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..core.config import SiteConfig, load_config
from ..core.diagnostics import has_errors
from ..core.files import inside
from .options import (EXIT_CONTENT, EXIT_OK, UsageError, add_site_options, cache_folder, check_content,
                      check_output, clock_held, load_settings, resolve_now, summary)
from ..stages.pipeline import build_site
from .views import data_folder

LIVE_SCRIPT = Path(__file__).with_name("live.js").read_bytes()
POLL_SECONDS = 25
EMPTY_PAGE = b"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>"


def add_command(commands) -> None:
    serve = commands.add_parser(
        "serve", help="preview the site on this computer, rebuilt on every change",
        description="Build, serve on http://127.0.0.1:PORT/, rebuild when content, templates "
                    "or settings change and reload the open page. Ctrl-C stops.")
    serve.add_argument("--port", type=port_number, default=8000,
                       help="port to listen on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only); "
                            "another, such as 0.0.0.0, shows the site to the network")
    serve.add_argument("--drafts", action="store_true", help="show drafts too, marked as such")
    serve.add_argument("--output", type=Path, default=None, metavar="DIR",
                       help="folder to build into (default: a temporary folder)")
    add_site_options(serve, output=False, now=True)
    serve.set_defaults(run=run_serve)


def port_number(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 65535, not {text!r}")
    return int(text)


@dataclass
class LiveState:
    """What the browser asks about: which build it shows and what is broken now. `revision`
    counts the changes of `errors`: another mistake in place of one is news too."""

    generation: int = 0
    errors: list[str] = field(default_factory=list)
    revision: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, ok: bool, errors: list[str]) -> None:
        with self.changed:
            if ok:
                self.generation += 1
            if errors != self.errors:
                self.revision += 1
            self.errors = errors
            self.changed.notify_all()

    def wait(self, generation: int, revision: int, timeout: float) -> dict:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != generation
                                  or self.revision != revision, timeout)
            return self.snapshot()

    def snapshot(self) -> dict:
        return {"generation": self.generation, "revision": self.revision,
                "errors": list(self.errors)}


def rebuild(options, config: SiteConfig, output: Path, state: LiveState) -> datetime | None:
    """Build into `output` and tell the browser. Return when the site next changes by the
    clock alone (an article comes due), unless --now or SOURCE_DATE_EPOCH holds the clock
    still (the site never changes by it then: watching the clock would rebuild for ever)."""
    outcome = build_site(options.content, output, config, resolve_now(options.now, config),
                         drafts=options.drafts, cache_dir=cache_folder(options), use_cache=True)
    errors = [str(d) for d in outcome.diagnostics if d.severity == "error"]
    for line in (str(d) for d in outcome.diagnostics):
        print(line, flush=True)
    if outcome.ok:
        print(summary(outcome), flush=True)
    state.publish(outcome.ok, errors)
    if outcome.changes_at and not clock_held(options.now):
        return datetime.fromisoformat(outcome.changes_at)
    return None


def watch(options, config: SiteConfig, output: Path, state: LiveState, ready,
          due: datetime | None = None) -> None:
    """Rebuild on every change, and at `due` and each later moment the site changes by the
    clock (an article comes due, as a scheduled CI build would publish it), until Ctrl-C;
    `ready()` once the watching has begun (and again, harmlessly, at every wake-up). Runs
    in the main thread: only there can a body's time limit (markup.time_limit) stop a body
    that takes too long. What is watched is looked at again at every wake-up and watched
    anew when it is another (watched_paths), before the rebuild that follows."""
    settings = options.config or Path("site.yaml")
    import watchfiles  # here, not above: only serve needs it, every build would load it

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its "KeyboardInterrupt caught"
    templates, pending = config.templates, False
    while True:
        paths = watched_paths(options.content, templates, settings)
        for changes in watchfiles.watch(*(path for path, _ in paths), debounce=300, step=50,
                                        rust_timeout=500, yield_on_timeout=True,
                                        raise_interrupt=False):
            ready()
            pending = pending or bool(changes) or bool(due and datetime.now(timezone.utc) >= due)
            current, problems = (load_config(settings if settings.exists() else None)
                                 if pending else (None, []))
            templates = current.templates if current is not None else templates
            if watched_paths(options.content, templates, settings) != paths:
                break  # watch the new theme, site.yaml saved by rename, data/ made: then build
            if not pending:
                continue
            pending = False
            if current is None or has_errors(problems):
                state.publish(False, [str(d) for d in problems])  # keep serving the last good site
                continue
            due = rebuild(options, current, output, state)
        else:
            return  # Ctrl-C: watchfiles ends the watch


def watched_paths(content: Path, templates: Path, settings: Path) -> list[tuple[Path, int]]:
    """What serve watches, each with its inode: the content, the theme, the settings file
    and data/, those that are there. A file saved by rename is a new inode, which a watch of
    the old one no longer sees."""
    found = []
    for path in (content, templates, settings, data_folder(content)):
        try:
            found.append((path, path.stat().st_ino))
        except OSError:
            pass
    return found


def make_handler(output: Path, state: LiveState, host: str = "127.0.0.1"):
    """Answers GET and HEAD with the files of `output` and nothing else: any other request
    gets a 4xx and a short reason, never a traceback. `host` is the address listened on:
    a request naming another one in its Host header is refused (allowed_host)."""
    from http import HTTPStatus  # here: `build` need not load the HTTP server
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        timeout = 60  # seconds a client may stay silent: idle connections do not pile up

        def log_message(self, format, *args):  # keep the terminal for build messages
            pass

        def do_GET(self):
            self.answer(body=True)

        def do_HEAD(self):
            self.answer(body=False)

        def __getattr__(self, name: str):
            """Any other method, a made-up one too: 405, where http.server says 501."""
            if name.startswith("do_"):
                return self.refuse_method
            raise AttributeError(name)

        def refuse_method(self):
            self.send_error(HTTPStatus.METHOD_NOT_ALLOWED, "only GET and HEAD are answered")

        def answer(self, body: bool):
            self.body = body
            try:
                self.route()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser went away: nothing to answer
            except OSError:  # a name too long for the disk, say: no such page
                self.send_error(HTTPStatus.NOT_FOUND)

        def route(self):
            path, query = request_path(self.path)
            if path is None:
                return self.send_error(HTTPStatus.BAD_REQUEST, query)
            if not self.for_this_server():
                return self.send_error(HTTPStatus.MISDIRECTED_REQUEST,
                                       "the Host header does not name this server")
            if path == "/__live":
                # since: the build the page shows; errors: the revision of its errors
                since, errors = query_number(query, "since"), query_number(query, "errors")
                if since is None or errors is None:
                    return self.send_error(HTTPStatus.BAD_REQUEST, "since and errors must be numbers")
                answer = state.wait(since, errors, POLL_SECONDS)
                return self.send_bytes(json.dumps(answer).encode(), "application/json")
            if path == "/__live.js":
                return self.send_bytes(LIVE_SCRIPT, "text/javascript")
            if not (output / "index.html").is_file():  # no good build yet: just the errors
                return self.send_bytes(inject(EMPTY_PAGE, state), "text/html; charset=utf-8")
            segments = [segment for segment in path.split("/") if segment]
            target = output.joinpath(*segments)
            if target.is_dir() and not path.endswith("/"):  # "//host" would leave the site
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                # the query as asked (what a search link searches for), kept whole
                where = quote("/" + "/".join(segments) + "/")
                self.send_header("Location", where + (
                    "?" + quote(query, safe="=&;%+/?:@,$!~*'()") if query else ""))
                self.send_header("Content-Length", "0")
                return self.end_headers()
            if target.is_dir():
                target = target / "index.html"
            if not (target.is_file() and inside(output, target)):
                page = output / "404.html"
                data = inject(page.read_bytes(), state) if page.is_file() else EMPTY_PAGE
                return self.send_bytes(data, "text/html; charset=utf-8", HTTPStatus.NOT_FOUND)
            if target.suffix == ".html":
                return self.send_bytes(inject(target.read_bytes(), state), "text/html; charset=utf-8")
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            return self.send_bytes(target.read_bytes(), kind)

        def for_this_server(self) -> bool:
            """One Host header naming this server, and the same of an absolute address
            (`GET http://host/ HTTP/1.1`), which stands for it. No Host at all is an
            HTTP/1.0 client, not a browser: answered."""
            named = self.headers.get_all("Host") or []
            authority = urlsplit(self.path).netloc if "://" in self.path[:10] else ""
            port = self.server.server_address[1]
            return len(named) < 2 and all(allowed_host(name, host, port)
                                          for name in (*named, authority) if name)

        def send_bytes(self, data: bytes, kind: str, status=HTTPStatus.OK):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.body:
                self.wfile.write(data)

    return Handler


def request_path(target: str) -> tuple[str | None, str]:
    """(the decoded path of a request, its query), or (None, why it is refused): a NUL,
    a backslash or a "." or ".." segment, however encoded, is a bad request."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return None, "not an address"
    path = unquote(parts.path)
    if not path.startswith("/") or "\0" in path or "\\" in path:
        return None, "not a path on this site"
    if any(segment in (".", "..") for segment in path.split("/")):
        return None, "'.' and '..' are not allowed in a path"
    return path, parts.query


_HOST_HEADER = re.compile(r"(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?")
LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")


def allowed_host(header: str, bound: str, port: int) -> bool:
    """Whether a Host header names this server: localhost, a loopback address or the
    address it listens on (any address, if it listens on all of them: 0.0.0.0), with its
    port. A page of another site can make the browser send requests here under its own
    name, once that name resolves to this computer (DNS rebinding), and read the answers,
    drafts included; the Host header is then that name, which this refuses. An address
    typed as digits cannot be rebound, so listening on all of them allows them all."""
    match = _HOST_HEADER.fullmatch(header.strip())
    if not match or int(match[2] or 80) != port:  # no port given: the browser's default
        return False
    name, bound = match[1].strip("[]").lower().rstrip("."), bound.strip("[]").lower()
    if name in LOCAL_NAMES or name == bound:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:  # a name: only the ones above
        return False
    return address.is_loopback or bound in ("0.0.0.0", "::", "")


def query_number(query: str, name: str) -> int | None:
    values = parse_qs(query).get(name, ["0"])
    return int(values[0]) if re.fullmatch(r"-?\d{1,18}", values[0]) else None


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value) -> str:
    """`value` as JSON that can stand inside an inline <script>: no `<`, `>` or `&` (so no
    `</script>` or `<!--` can end or bend the script, whatever an error message quotes) and
    no U+2028/U+2029 (line ends to older JavaScript), each written as its \\u escape, which
    decodes to the same text."""
    return json.dumps(value).translate(_SCRIPT_SAFE)


def inject(page: bytes, state: LiveState) -> bytes:
    """The page as served: the reload script, and the errors of a failed rebuild."""
    snapshot = state.snapshot()
    overlay = ""
    if snapshot["errors"]:
        overlay = ('<pre id="site-gen-errors">' + html.escape("\n".join(snapshot["errors"]))
                   + "</pre>")
    script = (f"{overlay}<script>window.__siteGen = {script_json(snapshot)};</script>"
              '<script src="/__live.js"></script>').encode()
    at = page.rfind(b"</body>")
    return page[:at] + script + page[at:] if at >= 0 else page + script


def run_serve(options) -> int:
    check_content(options.content)
    config = load_settings(options)
    if config is None:
        return EXIT_CONTENT
    if options.output is not None:  # build's checks: it would replace or copy what it names
        check_output(options, config)
    if not loopback(options.host):
        print(f"site-gen: warning: serving on {options.host}: the site, drafts included, can "
              "be seen by anyone on the network who can reach this computer", file=sys.stderr)
    # `kill`, a service manager or a closed terminal's session stop it as Ctrl-C does: its
    # temporary site is removed, not left in the temporary folder at every stop
    signal.signal(signal.SIGTERM, functools.partial(_interrupt, os.getpid()))
    with tempfile.TemporaryDirectory(prefix="site-gen-serve-") as temp:
        output = options.output or Path(temp) / "site"
        state = LiveState()
        # the port first: one that is taken is told at once, not after a whole build
        server = listen(options.host, options.port, make_handler(output, state, options.host))
        serving = threading.Thread(target=server.serve_forever, daemon=True)

        def ready():  # served only once every later change is seen
            if serving.ident is None:
                serving.start()
                host = f"[{options.host}]" if ":" in options.host else options.host
                print(f"site-gen: serving http://{host}:{server.server_address[1]}/ "
                      "(Ctrl-C to stop)", flush=True)

        try:
            watch(options, config, output, state, ready, rebuild(options, config, output, state))
        except KeyboardInterrupt:
            pass
        finally:
            if serving.ident is not None:
                server.shutdown()
            server.server_close()
        print("site-gen: stopped", flush=True)
    return EXIT_OK


def _interrupt(pid: int, signum, frame):
    """SIGTERM as Ctrl-C in serve's own process; a build's forked worker, which inherits
    the handler and is stopped by SIGTERM when its pool ends, dies as it would have."""
    if os.getpid() != pid:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise KeyboardInterrupt


def loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name: it may stand for any address
        return False


# Open connections served at once: a browser's tabs take a few each (a page, its files,
# the reload signal held open); a flood of idle connections gets no more threads.
MAX_CONNECTIONS = 64


def listen(host: str, port: int, handler):
    from http.server import ThreadingHTTPServer

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        daemon_threads = True
        slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

        def process_request(self, request, client_address):
            """A thread for each connection, up to MAX_CONNECTIONS at once: those past it
            are closed at once, not each given a thread (and its memory) for a minute."""
            if not self.slots.acquire(blocking=False):
                self.shutdown_request(request)
                return
            try:
                super().process_request(request, client_address)
            except BaseException:  # no thread to give the slot back
                self.slots.release()
                raise

        def process_request_thread(self, request, client_address):
            try:
                super().process_request_thread(request, client_address)
            finally:
                self.slots.release()

        def handle_error(self, request, client_address):
            """One line, not a traceback, for whatever a handler did not answer."""
            print(f"site-gen: a request from {client_address[0]} failed: "
                  f"{sys.exc_info()[1]!r}", file=sys.stderr, flush=True)

    try:
        return Server((host, port), handler)
    except OSError as exc:  # the port is taken, or the host is not one of this computer's
        raise UsageError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None
