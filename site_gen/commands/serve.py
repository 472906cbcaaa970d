"""`serve`: build, serve on 127.0.0.1, rebuild on every change and reload the browser.

The reload script is added to pages as they are sent, never to built files. While the
content is broken the last good site is still served, with the errors laid over it.
"""

from __future__ import annotations

import html
import json
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..core.config import SiteConfig, load_config
from ..core.diagnostics import has_errors
from .options import (EXIT_CONTENT, EXIT_OK, add_site_options, cache_folder, check_content,
                      load_settings, resolve_now, summary)
from ..stages.pipeline import build_site

LIVE_SCRIPT = Path(__file__).with_name("live.js").read_bytes()
POLL_SECONDS = 25
EMPTY_PAGE = b"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>"


def add_command(commands) -> None:
    serve = commands.add_parser(
        "serve", help="preview the site on this computer, rebuilt on every change",
        description="Build, serve on http://127.0.0.1:PORT/, rebuild when content, templates "
                    "or settings change and reload the open page. Ctrl-C stops.")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--drafts", action="store_true", help="show drafts too, marked as such")
    serve.add_argument("--output", type=Path, default=None, metavar="DIR",
                       help="folder to build into (default: a temporary folder)")
    add_site_options(serve, output=False, now=True)
    serve.set_defaults(run=run_serve)


@dataclass
class LiveState:
    """What the browser asks about: which build it shows and what is broken now."""

    generation: int = 0
    errors: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, ok: bool, errors: list[str]) -> None:
        with self.changed:
            if ok:
                self.generation += 1
            self.errors = errors
            self.changed.notify_all()

    def wait(self, generation: int, error_count: int, timeout: float) -> dict:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != generation
                                  or len(self.errors) != error_count, timeout)
            return {"generation": self.generation, "errors": list(self.errors)}


def rebuild(options, config: SiteConfig, output: Path, state: LiveState) -> None:
    outcome = build_site(options.content, output, config, resolve_now(options.now, config),
                         drafts=options.drafts, cache_dir=cache_folder(options), use_cache=True)
    errors = [str(d) for d in outcome.diagnostics if d.severity == "error"]
    for line in (str(d) for d in outcome.diagnostics):
        print(line, flush=True)
    if outcome.ok:
        print(summary(outcome), flush=True)
    state.publish(outcome.ok, errors)


def watch(options, config: SiteConfig, output: Path, state: LiveState,
          stop: threading.Event) -> None:
    settings = options.config or Path("site.yaml")
    paths = [p for p in (options.content, config.templates, settings) if p.exists()]
    import watchfiles  # here, not above: only serve needs it, every build would load it

    for _changes in watchfiles.watch(*paths, stop_event=stop, debounce=300, step=50,
                                     raise_interrupt=False):
        current, problems = load_config(settings if settings.exists() else None)
        if current is None or has_errors(problems):
            state.publish(False, [str(d) for d in problems])  # keep serving the last good site
            continue
        rebuild(options, current, output, state)


def make_handler(output: Path, state: LiveState):
    from http import HTTPStatus  # here: `build` need not load the HTTP server
    from http.server import SimpleHTTPRequestHandler

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(output), **kwargs)

        def log_message(self, format, *args):  # keep the terminal for build messages
            pass

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == "/__live":
                query = parse_qs(url.query)
                answer = state.wait(int(query.get("since", ["0"])[0]),
                                    int(query.get("errors", ["0"])[0]), POLL_SECONDS)
                return self.send_bytes(json.dumps(answer).encode(), "application/json")
            if url.path == "/__live.js":
                return self.send_bytes(LIVE_SCRIPT, "text/javascript")
            if not (output / "index.html").is_file():  # no good build yet: just the errors
                return self.send_bytes(inject(EMPTY_PAGE, state), "text/html; charset=utf-8")
            target = Path(self.translate_path(url.path))
            if target.is_dir():
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return self.send_bytes(inject(target.read_bytes(), state), "text/html; charset=utf-8")
            if not target.exists() and (output / "404.html").is_file():
                page = inject((output / "404.html").read_bytes(), state)
                return self.send_bytes(page, "text/html; charset=utf-8", HTTPStatus.NOT_FOUND)
            return super().do_GET()

        def send_bytes(self, data: bytes, kind: str, status=HTTPStatus.OK):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

    return Handler


def inject(page: bytes, state: LiveState) -> bytes:
    """The page as served: the reload script, and the errors of a failed rebuild."""
    snapshot = {"generation": state.generation, "errors": list(state.errors)}
    overlay = ""
    if snapshot["errors"]:
        overlay = ('<pre id="site-gen-errors">' + html.escape("\n".join(snapshot["errors"]))
                   + "</pre>")
    script = (f"{overlay}<script>window.__siteGen = {json.dumps(snapshot)};</script>"
              '<script src="/__live.js"></script>').encode()
    at = page.rfind(b"</body>")
    return page[:at] + script + page[at:] if at >= 0 else page + script


def run_serve(options) -> int:
    from http.server import ThreadingHTTPServer

    check_content(options.content)
    config = load_settings(options)
    if config is None:
        return EXIT_CONTENT
    with tempfile.TemporaryDirectory(prefix="site-gen-serve-") as temp:
        output = options.output or Path(temp) / "site"
        state = LiveState()
        rebuild(options, config, output, state)
        server = ThreadingHTTPServer(("127.0.0.1", options.port), make_handler(output, state))
        server.daemon_threads = True
        stop = threading.Event()
        watcher = threading.Thread(target=watch, args=(options, config, output, state, stop),
                                   daemon=True)
        watcher.start()
        print(f"site-gen: serving http://127.0.0.1:{server.server_address[1]}/ "
              "(Ctrl-C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("site-gen: stopped", flush=True)
        finally:
            stop.set()
            server.server_close()
            watcher.join(timeout=2)
    return EXIT_OK
