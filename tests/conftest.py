"""Helpers that build a tiny site written inline in the test, the way Hugo's tests do."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_gen.commands.cli import main

REPO = Path(__file__).resolve().parent.parent

# A shell starts a background job (`make test &`) with Ctrl-C ignored, and the serve
# processes the tests start and stop with it would inherit that: take Python's own back.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def article(title: str, date: str, body: str = "Nội dung bài viết.", **fields) -> str:
    """Markdown text of an article; extra fields are written as YAML lines as given."""
    lines = [f"title: {title}", f"date: {date}"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


@dataclass
class Site:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "public"

    def write(self, rel: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path

    def settings(self, text: str) -> None:
        (self.root / "site.yaml").write_text(textwrap.dedent(text), encoding="utf-8")

    def build(self, *extra: str) -> int:
        config = self.root / "site.yaml"
        if not config.exists():
            self.settings("base_url: https://example.gov.vn/\n")
        return main(["build", "--content", str(self.content), "--output", str(self.output),
                     "--config", str(config), *extra])

    def text(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")

    def html(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(rel), "html.parser")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    s = Site(tmp_path)
    s.content.mkdir()
    return s


def items(soup: BeautifulSoup, box_id: str) -> list[str]:
    """The text of each item of a sidebar list, as a reader sees it."""
    return [li.get_text() for li in soup.select(f"#{box_id} li")]


# The browser tests (test_browser*.py) share one build of the sample site, served on
# 127.0.0.1 as a static host would, and one Chromium: starting either costs seconds.
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason=f"browser tests need Debian's chromium and chromium-driver "
           f"(missing: {', '.join(n for n, p in (('chromium', CHROMIUM), ('chromedriver', DRIVER)) if not p)}); "
           "`make test` installs them when run as root")


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "public"
    subprocess.run([sys.executable, str(REPO / "build.py"), "--content", str(REPO / "content"),
                    "--output", str(out), "--config", str(REPO / "site.yaml"),
                    "--cache", str(out.parent / "cache")], check=True, capture_output=True)
    with served(out) as url:
        yield url


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder):
    """`folder` served over HTTP on a free port of this machine, as its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def browser(base_url, tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.implicitly_wait(0)
    yield driver
    driver.quit()
