"""`serve` as a person uses it: start it, read a page, edit, break and fix a file."""

import contextlib
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, article


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 30) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.fixture
def server(site):
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài đầu", "2024-11-22", category="Tin"))
    site.write("nhap.md", article("Bài nháp", "2024-11-23", draft="true"))
    port = free_port()
    with serving_on(port, "--drafts", "--content", site.content,
                    "--config", site.root / "site.yaml") as process:
        yield site, f"http://127.0.0.1:{port}", process


@contextlib.contextmanager
def serving_on(port: int, *args):
    """`site-gen serve` on `port` with `args`, once it answers; stopped after."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--port", str(port), *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for _ in range(200):
        try:
            get(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def live(base: str, since: int, errors: int = 0) -> dict:
    """The server's answer to the reload script: waits until something changes."""
    return json.loads(get(f"{base}/__live?since={since}&errors={errors}")[1])


def live_until(base: str, wanted, seconds: float = 30) -> dict:
    """Follow the reload signal until `wanted(state)`; a half-saved file may come first."""
    state, deadline = live(base, -1), time.monotonic() + seconds
    while not wanted(state) and time.monotonic() < deadline:
        state = live(base, state["generation"], len(state["errors"]))
    return state


def test_serve_rebuilds_reloads_and_shows_errors(server):
    site, base, process = server
    status, page = get(base + "/2024/11/a/")
    assert status == 200
    soup = BeautifulSoup(page, "html.parser")
    assert soup.h1.get_text() == "Bài đầu"
    assert soup.find("script", src="/__live.js")

    first = live(base, -1)["generation"]  # answers at once: the build being served
    site.write("a.md", article("Bài đã sửa", "2024-11-22", category="Tin"))
    assert live_until(base, lambda s: s["generation"] > first)["errors"] == []
    assert BeautifulSoup(get(base + "/2024/11/a/")[1], "html.parser").h1.get_text() == "Bài đã sửa"

    site.write("a.md", "---\ntitle: Bài hỏng\ndate: 31/02/2024\n---\n")
    state = live_until(base, lambda s: s["errors"])
    assert any("a.md:3: impossible date" in e for e in state["errors"])
    rebuilt = state["generation"]
    soup = BeautifulSoup(get(base + "/2024/11/a/")[1], "html.parser")
    assert soup.h1.get_text() == "Bài đã sửa"  # the last good site is still served
    assert "a.md:3: impossible date" in soup.find(id="site-gen-errors").get_text()

    site.write("a.md", article("Bài đã sửa lại", "2024-11-22", category="Tin"))
    state = live_until(base, lambda s: s["generation"] > rebuilt)
    assert state["errors"] == []
    assert BeautifulSoup(get(base + "/2024/11/a/")[1], "html.parser").find(id="site-gen-errors") is None

    (site.root / "site.yaml").write_text("base_url: https://example.gov.vn/\nper_page: 0\n")
    state = live_until(base, lambda s: s["errors"])
    assert any("site.yaml:2: per_page" in e for e in state["errors"])

    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "Traceback" not in out


def test_drafts_show_with_a_banner_and_missing_pages_get_404(server):
    site, base, process = server
    soup = BeautifulSoup(get(base + "/2024/11/nhap/")[1], "html.parser")
    assert soup.select_one(".draft-banner").get_text() == "Bản nháp"
    status, _ = get(base + "/khong-co/")
    assert status == 404


def test_build_output_never_carries_the_reload_script(site):
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 0
    for path in site.output.rglob("*.html"):
        assert "__live" not in path.read_text(encoding="utf-8")
