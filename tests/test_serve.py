"""`serve` as a person uses it: start it, read a page, edit, break and fix a file."""

import contextlib
import http.client
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
def serving_on(port: int, *args, env=None):
    """`site-gen serve` on `port` with `args` (and the environment `env`), once it
    answers; stopped after."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--port", str(port), *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
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
    """The server's answer to the reload script: waits until something changes (`errors`:
    the revision of the errors the page shows)."""
    return json.loads(get(f"{base}/__live?since={since}&errors={errors}")[1])


def live_until(base: str, wanted, seconds: float = 30) -> dict:
    """Follow the reload signal until `wanted(state)`; a half-saved file may come first."""
    state, deadline = live(base, -1), time.monotonic() + seconds
    while not wanted(state) and time.monotonic() < deadline:
        state = live(base, state["generation"], state["revision"])
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


def test_a_folder_asked_without_its_slash_keeps_the_query(server):
    # a search link written /tim-kiem?q=... lost what was searched for on the way
    site, base, process = server
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    connection.request("GET", "/2024/11/a?q=h%E1%BB%8Dp&p=2")
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == "/2024/11/a/?q=h%E1%BB%8Dp&p=2"
    connection.close()


def test_build_output_never_carries_the_reload_script(site):
    site.write("a.md", article("Bài", "2024-11-22"))
    assert site.build() == 0
    for path in site.output.rglob("*.html"):
        assert "__live" not in path.read_text(encoding="utf-8")


HOSTILE_DATE = "</script><script>alert(document.domain)</script><!-- &amp;"


def served_scripts(page: str, parser: str) -> list[tuple]:
    """Each script element of a page as a browser's parser splits it: (src, text)."""
    return [(s.get("src"), s.string or "") for s in BeautifulSoup(page, parser).find_all("script")]


def overlay_data(script_text: str) -> dict:
    prefix, suffix = "window.__siteGen = ", ";"
    assert script_text.startswith(prefix) and script_text.endswith(suffix), script_text
    return json.loads(script_text[len(prefix):-len(suffix)])


def test_an_error_quoting_a_script_end_stays_data_in_the_overlay(site, tmp_path):
    """Error messages quote front matter: a `</script>` in one must not end the inline
    script that carries the errors (what followed would run in the staff's browser). The
    page keeps exactly its own scripts and serve's two; the data decodes to the message."""
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    port, output = free_port(), tmp_path / "out"
    with serving_on(port, "--output", output, "--content", site.content,
                    "--config", site.root / "site.yaml"):
        base = f"http://127.0.0.1:{port}"
        site.write("b.md", article("B", json.dumps(HOSTILE_DATE)))
        live_until(base, lambda s: any(HOSTILE_DATE in e for e in s["errors"]))
        page = get(base + "/")[1]
        state = live(base, -1)  # what is served now, at once
    assert any(HOSTILE_DATE in e for e in state["errors"]), state
    built = (output / "index.html").read_text(encoding="utf-8")
    for parser in ("html.parser", "lxml"):
        scripts = served_scripts(page, parser)
        assert scripts[:-2] == served_scripts(built, parser), parser
        (none, inline), live_js = scripts[-2:]
        assert none is None and live_js == ("/__live.js", ""), (parser, scripts[-2:])
        assert overlay_data(inline) == state, parser
        shown = BeautifulSoup(page, parser).find(id="site-gen-errors").get_text()
        assert shown == "\n".join(state["errors"]), parser


def test_the_overlay_data_escapes_what_could_end_or_bend_a_script():
    from site_gen.commands.serve import EMPTY_PAGE, LiveState, inject

    message = "a.md:3: '</SCRIPT ><script>x()</script><!-- --> & \u2028\u2029 \\< \"'"
    page = inject(EMPTY_PAGE, LiveState(generation=7, errors=[message])).decode("utf-8")
    inline = page.split("<script>", 1)[1].split("</script>", 1)[0]
    for character in "<>&\u2028\u2029":
        assert character not in inline
    for parser in ("html.parser", "lxml"):
        scripts = served_scripts(page, parser)
        assert [src for src, _ in scripts] == [None, "/__live.js"], parser
        assert overlay_data(scripts[0][1]) == {"generation": 7, "revision": 0, "errors": [message]}


def test_a_flood_of_idle_connections_gets_no_more_than_its_share_of_threads(site):
    from site_gen.commands.serve import MAX_CONNECTIONS

    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài đầu", "2024-11-22"))
    port = free_port()
    with serving_on(port, "--content", site.content, "--config", site.root / "site.yaml") \
            as process, contextlib.ExitStack() as idle:
        for _ in range(MAX_CONNECTIONS + 40):
            idle.enter_context(socket.create_connection(("127.0.0.1", port)))
        time.sleep(1)
        status = open(f"/proc/{process.pid}/status").read()
        threads = int(status.split("Threads:")[1].split()[0])
        assert threads <= MAX_CONNECTIONS + 10
        idle.close()
        assert get(f"http://127.0.0.1:{port}/")[0] == 200


def test_stopped_by_sigterm_it_removes_its_temporary_site(site, tmp_path):
    """`kill` (or a service manager) stopped serve at once, leaving its temporary build,
    a whole site, in the temporary folder at every stop; Ctrl-C removed it."""
    import os
    temp = tmp_path / "temp"
    temp.mkdir()
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài đầu", "2024-11-22"))
    with serving_on(free_port(), "--content", site.content, "--config", site.root / "site.yaml",
                    env={**os.environ, "TMPDIR": str(temp)}) as process:
        assert any(temp.iterdir())  # its site is there while it serves
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=20)
    assert process.returncode == 0, out
    assert "site-gen: stopped" in out and "Traceback" not in out
    assert list(temp.iterdir()) == []


def test_serve_publishes_an_article_when_it_comes_due_and_follows_view_counts(site):
    """serve rebuilt on changes alone: an article scheduled for later stayed off the
    preview until a file was saved, and data/views.csv was not watched."""
    from datetime import datetime, timedelta, timezone

    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài đầu", "2024-11-22", views="5"))
    soon = (datetime.now(timezone.utc) + timedelta(seconds=4)).strftime("%Y-%m-%d %H:%M:%S+00:00")
    site.write("sau.md", article("Bài hẹn giờ", soon))
    (site.root / "data").mkdir()
    (site.root / "data" / "views.csv").write_text("url,views\n/2024/11/a/,1\n")
    port = free_port()
    with serving_on(port, "--content", site.content, "--config", site.root / "site.yaml"):
        base = f"http://127.0.0.1:{port}"
        assert get(f"{base}/2024/11/a/")[0] == 200
        assert "Bài hẹn giờ" not in get(f"{base}/")[1]
        shown = live_until(base, lambda state: "Bài hẹn giờ" in get(f"{base}/")[1])
        assert "Bài hẹn giờ" in get(f"{base}/")[1], shown
        (site.root / "data" / "views.csv").write_text("url,views\n/2024/11/a/,4321\n")
        live_until(base, lambda state: "4326" in get(f"{base}/2024/11/a/")[1])
        assert "Lượt xem: 4326" in get(f"{base}/2024/11/a/")[1]  # 5 in its front matter


def save_by_rename(path, text: str) -> None:
    """Save as many editors do (vim, gedit, Kate, JetBrains' safe write): a new file put
    in the old one's place."""
    import os
    spare = path.with_name(path.name + ".tmp")
    spare.write_text(text, encoding="utf-8")
    os.replace(spare, path)


def test_serve_follows_a_theme_named_while_it_runs_and_settings_saved_by_rename(site):
    """serve watched the folders of the settings it started with, and site.yaml's first
    file: a theme named (or copied in as templates/) while it ran was built once and its
    later edits never seen, and after site.yaml was saved by rename, as most editors do,
    no later save of it was."""
    import shutil

    settings = site.root / "site.yaml"
    site.settings("title: Xã Phước Dinh\nbase_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài đầu", "2024-11-22"))
    port = free_port()
    with serving_on(port, "--content", site.content, "--config", settings):
        base = f"http://127.0.0.1:{port}"
        page = lambda: BeautifulSoup(get(f"{base}/2024/11/a/")[1], "html.parser")
        shutil.copytree(REPO / "templates", site.root / "theme")
        save_by_rename(settings, "title: Xã Phước Dinh\nbase_url: https://example.gov.vn/\n"
                                 "templates: theme\n")
        time.sleep(1.5)  # the theme named is built: nothing to see yet
        theme_article = site.root / "theme" / "article.html"
        theme_article.write_text(theme_article.read_text(encoding="utf-8").replace(
            "<h1>", '<h1 class="giao-dien-moi">'), encoding="utf-8")
        live_until(base, lambda state: page().find("h1", class_="giao-dien-moi"))
        assert page().find("h1", class_="giao-dien-moi"), "an edit of the theme named is seen"
        save_by_rename(settings, "title: Xã Phước Dinh – đã đổi\nbase_url: https://example.gov.vn/\n"
                                 "templates: theme\n")
        live_until(base, lambda state: "đã đổi" in page().title.get_text())
        assert page().title.get_text() == "Bài đầu - Xã Phước Dinh – đã đổi"


def test_a_port_already_taken_is_told_before_building(site, tmp_path):
    """serve built the whole site first (seconds to minutes for an archive) and only then
    found its port taken (another serve left open in a terminal)."""
    site.write("a.md", article("Bài đầu", "2024-11-22"))
    site.settings("base_url: https://example.gov.vn/\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = subprocess.run(
            [sys.executable, str(REPO / "build.py"), "serve", "--port", str(taken.getsockname()[1]),
             "--content", str(site.content), "--config", str(site.root / "site.yaml"),
             "--output", str(tmp_path / "xem-truoc")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "cannot listen on 127.0.0.1 port" in result.stderr
    assert "articles read" not in result.stdout and not (tmp_path / "xem-truoc").exists()


def test_a_clock_held_by_source_date_epoch_rebuilds_only_on_changes(site):
    """With SOURCE_DATE_EPOCH set (as a CI environment or a shell profile may leave it)
    and an article due between it and the real clock, serve took the article for due,
    rebuilt, found it still waiting, and rebuilt again: twice a second for ever, each
    time reloading the open page."""
    import os

    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài đầu", "2024-11-22"))
    site.write("sau.md", article("Bài hẹn giờ", "2024-12-01 08:00"))
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1732406400"}  # 2024-11-24, 07:00 in Hà Nội
    with serving_on(port, "--content", site.content, "--config", site.root / "site.yaml",
                    env=env):
        base = f"http://127.0.0.1:{port}"
        first = live(base, -1)["generation"]
        time.sleep(3)
        assert live(base, -1)["generation"] == first
        assert "Bài hẹn giờ" not in get(f"{base}/")[1]
