"""Hostile input to every command: requests to `serve`, garbage logs to `views`, and each
command fed what an attacker or an accident would give it. Always a clear message and exit
status; never a traceback."""

import gzip
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, article
from site_gen.commands.cli import main
from test_serve import free_port, get, serving_on

SECRET = "mật-khẩu-bí-mật-0xDEADBEEF"
GOOD = '1.1.1.1 - - [22/Nov/2024:08:00:00 +0700] "GET /2024/11/a/ HTTP/1.1" 200 5 "-" "Mozilla/5.0"\n'


def run(*args, timeout=120, env=None) -> subprocess.CompletedProcess:
    """The command as staff run it, in its own process: a traceback would show here."""
    result = subprocess.run([sys.executable, str(REPO / "build.py"), *map(str, args)],
                            capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, **(env or {})})
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def site_args(site):
    return ["--content", site.content, "--config", site.root / "site.yaml"]


# --- serve ------------------------------------------------------------------------------

def raw_status(port: int, request: bytes) -> int:
    """The status a raw request gets (0 for an HTTP/0.9 answer, which has none)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    first = answer.split(b"\r\n", 1)[0].split()
    return int(first[1]) if first[:1] == [b"HTTP/1.0"] else 0


@pytest.fixture
def serving(site, tmp_path):
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    (tmp_path / "secret.txt").write_text(SECRET)
    port, output = free_port(), tmp_path / "out"
    with serving_on(port, "--output", output, *site_args(site)) as process:
        yield port, output, process


REQUESTS = {
    b"GET /%00 HTTP/1.1": 400,
    b"GET /a%00b/index.html HTTP/1.1": 400,
    b"GET /../../../etc/passwd HTTP/1.1": 400,
    b"GET /%2e%2e/%2E%2E/etc/passwd HTTP/1.1": 400,
    b"GET /..%2f..%2fetc/passwd HTTP/1.1": 400,
    b"GET /..%5c..%5cetc%5cpasswd HTTP/1.1": 400,
    b"GET /2024/./11/a/ HTTP/1.1": 400,
    b"GET http://evil.example/../etc/passwd HTTP/1.1": 400,
    b"GET * HTTP/1.1": 400,
    b"GET /%252e%252e/etc/passwd HTTP/1.1": 404,
    b"GET /%c0%ae%c0%ae/etc/passwd HTTP/1.1": 404,
    b"GET /%ZZ HTTP/1.1": 404,
    b"GET /" + b"a" * 4000 + b" HTTP/1.1": 404,
    b"GET /__live?since=x HTTP/1.1": 400,
    b"GET /__live?since=0&errors=-x HTTP/1.1": 400,
    b"GET /__live?since=" + b"9" * 5000 + b" HTTP/1.1": 400,
    b"GET /leak.txt HTTP/1.1": 404,
    b"POST / HTTP/1.1": 405,
    b"DELETE /index.html HTTP/1.1": 405,
    b"BREW / HTTP/1.1": 405,
    b"GET /" + b"a" * 70000 + b" HTTP/1.1": 414,
    b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70000: 431,
    b"GET / HTTP/1.1" + b"\r\nX: a" * 200: 431,
    b"GET /2024/11/a/ HTTP/1.1": 200,
}


def test_serve_answers_every_request_with_a_status_and_no_traceback(serving):
    port, output, process = serving
    (output / "leak.txt").symlink_to(output.parent / "secret.txt")  # put there by someone
    for request, status in REQUESTS.items():
        host = b"Host: 127.0.0.1:%d" % port
        assert raw_status(port, request + b"\r\n" + host + b"\r\nContent-Length: 0\r\n\r\n") == status, request[:60]
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET //2024%0d%0aSet-Cookie:x=1 HTTP/1.1\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.0 404")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET //2024 HTTP/1.1\r\n\r\n")
        assert b"\r\nLocation: /2024/\r\n" in sock.recv(65536)  # not //2024/, another host
    assert raw_status(port, b"\x00\xff garbage\r\n\r\n") in (0, 400)
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "Traceback" not in out and SECRET not in out
    assert f"serving http://127.0.0.1:{port}/" in out


def test_serve_refuses_requests_for_another_host_name(serving):
    """DNS rebinding: a page of evil.example, its name then resolved to 127.0.0.1, makes
    the browser ask this server for pages (drafts too) and reads them; the Host header
    still says evil.example. Only this server's own names and addresses are answered."""
    port, output, process = serving
    answered = [f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}", f"[::1]:{port}"]
    refused = ["evil.example", f"evil.example:{port}", f"127.0.0.1.nip.io:{port}",
               f"localhost.evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}",
               f"127.0.0.1:{port}@evil.example", f"evil.example#@127.0.0.1:{port}", "\xff\xfe"]
    for host in answered:
        assert raw_status(port, f"GET /2024/11/a/ HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("latin-1")) == 200, host
    for host in refused:
        for path in ("/2024/11/a/", "/__live?since=0&errors=0", "/__live.js", "/nothing/"):
            request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("latin-1")
            assert raw_status(port, request) == 421, (host, path)
    two = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n"
    assert raw_status(port, two.encode()) == 421
    absolute = f"GET http://evil.example/2024/11/a/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    assert raw_status(port, absolute.encode()) == 421
    assert get(f"http://localhost:{port}/2024/11/a/")[0] == 200  # as a browser asks
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=30)
    assert "Traceback" not in out


def test_serve_on_all_addresses_answers_them_but_no_other_name(site):
    site.write("a.md", article("Bài", "2024-11-22"))
    site.settings("base_url: https://example.gov.vn/\n")
    port = free_port()
    with serving_on(port, "--host", "0.0.0.0", *site_args(site)) as process:
        for host, status in ((f"192.0.2.7:{port}", 200), (f"127.0.0.1:{port}", 200),
                             (f"evil.example:{port}", 421), (f"192.0.2.7:{port + 1}", 421)):
            request = f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
            assert raw_status(port, request) == status, host
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)


def test_serve_warns_when_it_listens_beyond_this_computer(site):
    site.write("a.md", article("Bài", "2024-11-22"))
    site.settings("base_url: https://example.gov.vn/\n")
    port = free_port()
    with serving_on(port, "--host", "0.0.0.0", *site_args(site)) as process:
        assert get(f"http://127.0.0.1:{port}/2024/11/a/")[0] == 200
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    assert "warning: serving on 0.0.0.0" in out and "seen by anyone on the network" in out
    assert "Traceback" not in out


# --- views ------------------------------------------------------------------------------

@pytest.fixture
def logs(site, tmp_path):
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    folder = tmp_path / "logs"
    folder.mkdir()
    return folder


def views(site, *logs):
    return run("views", *logs, *site_args(site))


def test_views_splits_lines_on_newlines_only(site, logs):
    garbage = b"\x00\x0b\x0c\x1c\x1d\x1e\x85\xe2\x80\xa8\r\xff\xfe\x1f\x8b\n" * 4
    (logs / "access.log").write_bytes(GOOD.encode() + garbage + GOOD.replace("08:00", "09:00").encode())
    result = views(site, logs / "access.log")
    assert result.returncode == 0
    assert "6 log lines: 2 counted, 4 malformed" in result.stdout
    assert (site.root / "data/views.csv").read_text() == "url,views\n/2024/11/a/,2\n"


def test_views_meets_odd_lines_and_state_with_a_message(site, logs):
    bad_url = GOOD.replace("/2024/11/a/", "http://[abc/x")
    future = GOOD.replace("22/Nov/2024", "01/Jan/2099")
    (logs / "access.log").write_text(GOOD + bad_url + future)
    result = views(site, logs / "access.log")
    assert result.returncode == 0, result.stderr
    assert "1 counted" in result.stdout and "1 dated in the future" in result.stdout
    later = GOOD.replace("08:00", "10:00")
    (logs / "later.log").write_text(later)
    assert "1 counted" in views(site, logs / "later.log").stdout  # the future line set nothing
    (site.root / "data/views-state.json").write_text('{"last": "2024-10-10T00:00:00"}')
    result = views(site, logs / "later.log")
    assert result.returncode == 1 and "a time without its zone" in result.stderr


def test_views_neither_reads_nor_writes_through_a_link_out_of_data(site, logs, tmp_path):
    (logs / "access.log").write_text(GOOD)
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("url,views\n/2024/11/a/,777\n")
    (site.root / "data").mkdir()
    (site.root / "data/views.csv").symlink_to(elsewhere)
    result = views(site, logs / "access.log")
    assert result.returncode == 1 and "symbolic link refused" in result.stderr
    assert elsewhere.read_text() == "url,views\n/2024/11/a/,777\n"
    assert (site.root / "data/views.csv").is_symlink()
    (site.root / "data/views.csv").unlink()
    (site.root / "data").rmdir()
    (site.root / "data").symlink_to(tmp_path)  # the whole folder elsewhere
    (tmp_path / "views.csv").write_text("url,views\n/2024/11/a/,4321\n")
    result = run("build", "--output", tmp_path / "public", *site_args(site))
    assert result.returncode == 0 and "the data folder is one; counts not read" in result.stderr
    assert "4321" not in (tmp_path / "public/2024/11/a/index.html").read_text()


def test_a_scanners_endless_line_is_read_in_linear_time(site, logs):
    scan = '6.6.6.6 - - [22/Nov/2024:08:00:00 +0700] "GET ' + "/a" * 200000
    (logs / "access.log").write_text(GOOD + scan + "\n" + scan + ' HTTP/1.1" 200 5 "-" "x"\n')
    started = time.monotonic()
    result = views(site, logs / "access.log")
    assert time.monotonic() - started < 30  # minutes, when parts of the pattern overlapped
    assert "3 log lines: 1 counted, 1 malformed, 1 not an article" in result.stdout


def test_a_truncated_or_corrupt_gz_is_a_warning_naming_it(site, logs):
    whole = gzip.compress("".join(GOOD.replace("08:00", f"08:{m:02d}").replace("1.1.1.1", f"1.1.1.{m}")
                                  for m in range(60)).encode() * 50)
    (logs / "cut.log.gz").write_bytes(whole[: len(whole) * 2 // 3])
    (logs / "junk.log.gz").write_bytes(b"\x1f\x8b" + b"not gzip at all" * 20)
    result = views(site, logs / "cut.log.gz", logs / "junk.log.gz")
    assert result.returncode == 0
    assert f"{logs / 'cut.log.gz'}:0: warning: truncated or corrupt .gz file" in result.stderr
    read = int(re.search(r"the (\d+) whole lines before the damage are counted", result.stderr)[1])
    assert 0 < read < 3000
    assert f"{logs / 'junk.log.gz'}:0: warning: truncated or corrupt .gz file" in result.stderr
    assert "nothing could be read from it" in result.stderr
    assert f"site-gen: {read} log lines:" in result.stdout


def test_a_log_with_nothing_to_read_is_told_in_words(site, logs):
    """A corrupt .gz (or an empty log) was summed up 'site-gen: 0 log lines: ; ... updated',
    a sentence cut short."""
    (logs / "junk.log.gz").write_bytes(b"\x1f\x8b" + b"not gzip at all" * 20)
    (logs / "empty.log").write_bytes(b"")
    result = views(site, logs / "junk.log.gz", logs / "empty.log")
    assert result.returncode == 0
    assert result.stdout == (f"site-gen: 0 log lines, nothing counted; "
                             f"{site.root / 'data' / 'views.csv'} updated\n")


def test_damaged_counts_are_reported_not_trusted(site, logs):
    (logs / "access.log").write_text(GOOD)
    data = site.root / "data"
    data.mkdir()
    (data / "views.csv").write_bytes(b"url,views\n\x00\xff,1\n/a/,99999999999999999999999\n/b/,\xc2\xb2\n/c/,3\n")
    (data / "views-state.json").write_text("{not json")
    result = views(site, logs / "access.log")
    assert result.returncode == 1
    assert f"{data / 'views-state.json'}:1: unreadable" in result.stderr
    (data / "views-state.json").unlink()
    build = run("build", "--output", site.root / "public", *site_args(site))
    assert build.returncode == 0
    for line in (3, 4):  # line 2 is an address, if a strange one
        assert f"{data / 'views.csv'}:{line}: warning: expected `address,views`" in build.stderr


def test_views_csv_is_replaced_whole_or_not_at_all(site, logs, monkeypatch, capsys):
    (logs / "access.log").write_text(GOOD)
    data = site.root / "data"
    data.mkdir()
    (data / "views.csv").write_text("url,views\n/2024/11/a/,7\n")

    def refuse(self, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pathlib.Path.replace", refuse)
    assert main(["views", str(logs / "access.log"), *map(str, site_args(site))]) == 1
    assert "cannot write the counts: No space left on device" in capsys.readouterr().err
    assert (data / "views.csv").read_text() == "url,views\n/2024/11/a/,7\n"
    assert sorted(p.name for p in data.iterdir()) == ["views.csv"]


# --- every command ----------------------------------------------------------------------

def test_every_command_meets_hostile_input_with_a_message_and_a_status(site, tmp_path):
    site.settings("base_url: https://example.gov.vn/\narticle_url: /../{slug}/\n")
    site.write("a.md", article("Bài", "2024-11-22", body="[" * 20000))
    (site.content / "leak.txt").symlink_to("/etc/passwd")
    binary = tmp_path / "binary.html"
    binary.write_bytes(bytes(range(256)) * 40)
    cases = [
        (["build", "--output", tmp_path / "public", *site_args(site)], 1, "site.yaml:2: article_url"),
        (["check", *site_args(site)], 1, "site.yaml:2: article_url"),
        (["new", "<script>alert(1)</script>", *site_args(site)], 1, "site.yaml:2: article_url"),
        (["serve", *site_args(site)], 1, "site.yaml:2: article_url"),
        (["views", binary, *site_args(site)], 1, "site.yaml:2: article_url"),
        (["import", binary, tmp_path / "missing.html", "--into", site.content], 2, "does not exist"),
        (["serve", "--content", tmp_path / "missing"], 2, "does not exist"),
        (["serve", "--port", "99999", *site_args(site)], 2, "must be a number from 0 to 65535"),
        (["build", "--jobs", "x"], 2, "--jobs: must be a whole number of 1 or more"),
        (["new", os.fsdecode(b"\xff\xfe"), *site_args(site)], 2, "arguments must be UTF-8 text"),
    ]
    for args, status, message in cases:
        result = run(*args)
        assert result.returncode == status, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
    site.settings("base_url: https://example.gov.vn/\nmax_render_seconds: 0.5\n")
    result = run("build", "--output", tmp_path / "public", *site_args(site))
    assert result.returncode == 1
    assert "a.md:5: the body took more than 0.5 s" in result.stderr
    assert "leak.txt:1: symbolic link refused: it leads outside the folder" in result.stderr
    (site.content / "leak.txt").unlink()
    site.write("a.md", article("Bài", "2024-11-22"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", port, *site_args(site))
    assert result.returncode == 2 and f"cannot listen on 127.0.0.1 port {port}" in result.stderr
    result = run("import", binary, "--into", site.content, "--config", site.root / "site.yaml")
    assert result.returncode == 0 and "1 pages skipped" in result.stdout
    result = run("views", binary, *site_args(site))
    assert result.returncode == 0 and "malformed" in result.stdout


@pytest.mark.parametrize("moment", ["0001-01-01 00:00+14:00", "9999-12-31 23:00-12:00"])
def test_a_moment_outside_the_calendar_in_the_sites_zone_is_a_message(site, tmp_path, moment):
    """A date that is real where it was written but before the year 1 or after 9999 in
    Việt Nam's time (a portal's article:published_time, a front matter, --since)."""
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài", moment))
    result = run("check", *site_args(site))
    assert result.returncode == 1
    assert f"a.md:3: impossible date '{moment}': in the site's time zone it falls outside" in result.stderr
    site.write("a.md", article("Bài", "2024-11-22"))
    result = run("views", "--since", moment, site.root / "site.yaml", *site_args(site))
    assert result.returncode == 2 and "--since: impossible date" in result.stderr
    saved = tmp_path / "saved" / "x.example.vn"
    saved.mkdir(parents=True)
    iso = moment.replace(" ", "T")
    (saved / "tin.html").write_text(
        f'<html><head><meta property="article:published_time" content="{iso}"></head><body>'
        f'<h1>Bài có ngày ngoài lịch</h1><p>{"Nội dung của bài viết. " * 10}</p></body></html>',
        encoding="utf-8")
    result = run("import", saved, "--into", site.content, "--config", site.root / "site.yaml")
    assert result.returncode == 0 and "(not an article: no date found" in result.stdout


def test_a_build_refuses_an_output_or_cache_where_it_would_do_harm(site, tmp_path):
    """Nothing of the user's is put aside or copied into itself; no traceback."""
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    (tmp_path / "notes.txt").write_text("ghi chép")
    (tmp_path / "real").mkdir()
    (tmp_path / "pub").symlink_to(tmp_path / "real")
    (tmp_path / "afile").write_text("")
    cases = [
        (["--output", tmp_path / "notes.txt"], "is a file, not a folder"),
        (["--output", tmp_path / "pub"], "is a symbolic link"),
        (["--output", site.content / "public"], "inside the content folder"),
        (["--output", tmp_path / "out", "--cache", tmp_path / "out" / "cache"], "cache folder is inside"),
        (["--output", tmp_path / "out", "--cache", tmp_path / "afile" / "sub"], "Not a directory"),
    ]
    for extra, message in cases:
        result = run("build", *site_args(site), *extra)
        assert result.returncode == 2 and message in result.stderr, (extra, result.stderr)
        assert "Traceback" not in result.stderr
    result = run("build", *site_args(site), "--output", tmp_path / "out",
                 env={"SOURCE_DATE_EPOCH": "99999999999999"})
    assert result.returncode == 2 and "SOURCE_DATE_EPOCH" in result.stderr, result.stderr
    assert (tmp_path / "notes.txt").read_text() == "ghi chép" and (tmp_path / "pub").is_symlink()
    assert not (site.content / "public").exists()


def refused_serve(*args, seconds: float = 30) -> subprocess.CompletedProcess:
    """`serve` with `args`, expected to refuse them at once; one that serves instead is
    stopped with Ctrl-C after `seconds` (and its exit status, 0, tells)."""
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", *map(str, args)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert "Traceback" not in out + err, err
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_serve_refuses_an_output_or_cache_where_a_build_would_do_harm(site, tmp_path):
    """`serve --output` is checked as `build --output` is: the content folder given as the
    output was swapped with the built site, the articles put aside in `.content.spare/`."""
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    site.write("tin/b.md", article("Bài hai", "2024-11-23"))
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ghi-chep.txt").write_text("ghi chép")

    def files(folder):
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    before = {folder: files(folder) for folder in (site.content, notes)}
    cases = [
        (["--output", site.content], "would replace the content folder"),
        (["--output", notes], "holds files but no site"),
        (["--output", tmp_path / "out", "--cache", tmp_path / "out" / "cache"], "cache folder is inside"),
    ]
    for extra, message in cases:
        result = refused_serve("--port", free_port(), *site_args(site), *extra)
        assert result.returncode == 2 and message in result.stderr, (extra, result.stderr)
        build = run("build", *site_args(site), *extra)
        assert build.returncode == 2 and build.stderr == result.stderr, (extra, build.stderr)
    assert {folder: files(folder) for folder in (site.content, notes)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "notes", "site.yaml"]


def test_new_and_import_write_what_a_build_reads_and_never_through_a_link(site, tmp_path):
    site.settings("base_url: https://example.gov.vn/\n")
    assert run("new", "--now", "0999-12-20 09:12", "Bài rất cũ", *site_args(site)).returncode == 0
    pages = tmp_path / "pages"
    pages.mkdir()
    body = "<p>" + "Nội dung bài viết về hội nghị tổng kết. " * 20 + "</p>"
    (pages / "p.html").write_text('<meta charset="undefined"><h1>Hội nghị tổng kết công tác năm'
                                  f'</h1><p>Ngày đăng: 20/12/0999 09:12</p>{body}')
    (pages / "q.html").write_text("<h1>Hội nghị sơ kết công tác quý</h1>"
                                  f"<p>Ngày đăng: 21/12/2024 09:12</p>{body}")
    planned = run("import", pages, "--into", site.content, "--dry-run").stdout
    target = next(line.split(": ", 1)[1] for line in planned.splitlines()
                  if line.startswith("would write:") and "2024" in line)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).symlink_to(tmp_path / "escaped.md")  # dangling: would be made outside
    result = run("import", pages, "--into", site.content)
    assert result.returncode == 0 and "exists; --force replaces it" in result.stdout, result
    result = run("import", pages, "--into", site.content, "--force")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "escaped.md").exists() and not Path(target).is_symlink()
    result = run("build", "--output", tmp_path / "public", *site_args(site))
    assert result.returncode == 0, result.stderr


def test_new_refuses_more_tags_than_a_build_reads(site, capsys):
    """`new --tags` wrote a file of 200 (or 300,000) tags, exit 0, that every build then
    refused at its tags: line."""
    site.settings("base_url: https://example.gov.vn/\n")
    args = ["--content", str(site.content), "--config", str(site.root / "site.yaml"),
            "--now", "2024-11-22 08:00"]
    many = ",".join(f"từ khóa {n}" for n in range(101))
    assert main(["new", "Bài nhiều từ khóa", "--tags", many, *args]) == 2
    err = capsys.readouterr().err
    assert "--tags: 101 tags, more than the 100 an article may have" in err
    assert not list(site.content.rglob("*.md"))
    enough = ",".join(f"từ khóa {n}" for n in range(100)) + ",từ khóa 0"  # the same one twice
    assert main(["new", "Bài đủ từ khóa", "--tags", enough, *args]) == 0
    path = next(site.content.rglob("*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Viết nội dung bài viết ở đây.", "Nội dung."), encoding="utf-8")
    assert main(["check", *args]) == 0


def test_the_portal_check_reads_an_endless_word_in_linear_time(site, capsys):
    site.settings("base_url: https://example.gov.vn/\n")
    site.write("a.md", article("Bài", "2024-11-22"))
    site.write("pages/about.md", "---\ntitle: About\nlang: en\n---\n\n" + "a" * 200000
               + " office@ninhhai.gov.vn, 0259 3873 123\n")
    started = time.monotonic()
    main(["check", "--portal", *map(str, site_args(site))])
    assert time.monotonic() - started < 30  # 15 s for 40,000 letters, when tried at each
    out = capsys.readouterr().out
    assert "portal function(s) missing" in out and "contacts" not in out  # found in the end


@pytest.mark.parametrize("head", [b"\xef\xbb\xbfurl,views\r\n", b"address,views\n", b"URL,Views\n"])
def test_a_counts_file_with_its_heading_as_a_spreadsheet_saves_it_is_read_quietly(site, capsys,
                                                                                   head):
    """data/views.csv opened in Excel and saved (a byte-order mark, CRLF), or headed
    `address,views` as the warning itself asks: every build warned 'expected
    `address,views`; line ignored' about the heading line."""
    site.write("a.md", article("Bài", "2024-11-22"))
    data = site.root / "data"
    data.mkdir()
    (data / "views.csv").write_bytes(head + b"/2024/11/a/,5\r\n")
    assert site.build("--now", "2025-01-01") == 0
    assert "warning" not in capsys.readouterr().err
    shown = site.html("2024/11/a/index.html").select_one(".meta .views").get_text()
    assert shown.endswith(": 5")


def test_a_log_unpacking_to_far_more_than_it_weighs_is_read_a_line_at_a_time(site, logs):
    """A .gz of a megabyte can unpack to a gigabyte (a scanner's night, or one made so):
    `views` held every log whole, and every line of it, and ran out of memory. Logs are
    read a line at a time now, a line over a megabyte given cut short, and only reads of
    articles are kept till counted."""
    scanner = '6.6.6.6 - - [22/Nov/2024:08:00:00 +0700] "GET /wp-login.php HTTP/1.1" 404 5 "-" "x"\n'
    with gzip.open(logs / "big.log.gz", "wb", compresslevel=1) as out:
        out.write(GOOD.encode())
        for _ in range(20):
            out.write(scanner.encode() * 10_000)
        out.write(b"A" * (300 << 20) + b"\n")
        out.write(GOOD.replace("08:00", "09:00").encode())
    peak = ("import resource, subprocess, sys; subprocess.call(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", peak, sys.executable, str(REPO / "build.py"),
                             "views", logs / "big.log.gz", *site_args(site)],
                            capture_output=True, text=True, timeout=300)
    assert "site-gen: 200003 log lines: 2 counted, 1 malformed, 200000 not 200" in result.stdout
    assert int(result.stderr.split()[-1]) < 150 * 1024, result.stderr  # KiB: 1 GB before
