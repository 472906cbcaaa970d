"""The command line as staff and CI use it: exit codes, help, the summary line."""

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, article

BUILD = [sys.executable, str(REPO / "build.py")]


def run(*args, cwd=REPO):
    return subprocess.run([*BUILD, *args], capture_output=True, text=True, cwd=cwd)


def test_help_explains_each_option():
    result = run("build", "--help")
    assert result.returncode == 0
    for option in ("--content", "--output", "--config"):
        assert option in result.stdout


def test_usage_errors_exit_2(tmp_path):
    assert run("build", "--no-such-option").returncode == 2
    assert run("publish").returncode == 2
    missing = run("--content", str(tmp_path / "none"), "--output", str(tmp_path / "out"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr
    for jobs in ("0", "-1", "two"):  # 0 and -1 were taken as 1 without a word
        wrong = run("build", "--jobs", jobs)
        assert wrong.returncode == 2 and "--jobs: must be a whole number of 1 or more" in wrong.stderr


def test_build_is_the_default_command_and_ends_with_a_summary(site):
    site.write("a.md", article("Bài", "2024-11-22"))
    site.write("b.md", article("Bài hai", "2024-11-23"))
    (site.root / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    result = run("--content", "content", "--output", "public", cwd=site.root)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"site-gen: 2 articles read \(0 from the cache\), \d+ pages rendered, "
                        r"0 assembled; \d+ pages written, 0 unchanged, 0 deleted "
                        r"in \d+\.\d\d s \(check [\d.]+, load [\d.]+, index [\d.]+, "
                        r"plan [\d.]+, render [\d.]+, write [\d.]+\)", last)


def test_content_errors_exit_1(site):
    site.write("a.md", "---\ntitle: x\n---\n")
    result = run("build", "--content", str(site.content), "--output", str(site.output))
    assert result.returncode == 1
    assert f"{site.content / 'a.md'}:1: missing date" in result.stderr


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "site-gen"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout


def test_verbose_says_why_pages_were_rendered_again(site):
    site.write("a.md", article("Bài", "2024-11-22", category="Tin"))
    site.write("b.md", article("Bài hai", "2024-11-23", category="Tin"))
    (site.root / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    args = ("--content", "content", "--output", "public", "--verbose")
    assert run(*args, cwd=site.root).returncode == 0
    site.write("a.md", article("Bài đã sửa", "2024-11-22", category="Tin"))
    out = run(*args, cwd=site.root).stdout
    reasons = dict(line.split(": ", 1) for line in out.splitlines()
                   if line.startswith(("rendered ", "assembled ")))
    assert reasons["rendered /2024/11/a/"] == "what its templates read changed"
    # every page lists the newest articles: where that is all that changed, the page is
    # assembled from the part kept in the cache and the new box
    assert reasons["assembled /404.html"] == "its boxes changed"
    assert "rendered /2024/11/b/" not in reasons and "assembled /2024/11/b/" in reasons


def test_a_terminal_gets_a_progress_bar_and_a_log_does_not(site):
    import io

    from site_gen.core.progress import Bar, Quiet, for_terminal

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert type(for_terminal(io.StringIO())) is Quiet  # CI: the summary line only
    screen = Terminal()
    bar = for_terminal(screen)
    assert isinstance(bar, Bar)
    bar.phase("reading articles", 40)  # a build shorter than two seconds shows no bar
    bar.advance(40)
    bar.close()
    assert screen.getvalue() == ""
    bar = Bar(screen, delay=0)  # the real one waits two seconds before showing
    bar.phase("rendering pages", 40)
    bar.advance(40)
    bar.close()
    assert "rendering pages:   0%|          | 0/40" in screen.getvalue()
    site.write("a.md", article("Bài", "2024-11-22"))
    (site.root / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    result = run("--content", "content", "--output", "public", cwd=site.root)
    assert result.returncode == 0 and "\r" not in result.stdout + result.stderr


def test_a_cache_among_the_published_files_is_refused(site):
    """A cache inside the content folder was copied into the site: every article in it,
    drafts included, readable by anyone at /cache/cache.sqlite."""
    site.write("a.md", article("Bài", "2024-11-22"))
    (site.root / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    result = run("build", "--content", "content", "--output", "public", "--cache",
                 "content/cache", cwd=site.root)
    assert result.returncode == 2
    assert "inside the content folder" in result.stderr
    assert not (site.root / "public").exists() and not (site.root / "content/cache").exists()


def test_output_closed_early_is_said_in_words(site):
    """`site-gen build | head -0`: it said 'site-gen: Broken pipe: None', exit 2 (a usage
    error), and could end in a traceback when its output was flushed at the end."""
    import os
    site.write("a.md", article("Bài", "2024-11-22"))
    site.settings("base_url: https://example.gov.vn/\n")
    command = [sys.executable, str(REPO / "build.py"), "build", "--content", str(site.content),
               "--output", str(site.output), "--config", str(site.root / "site.yaml"), "--no-cache"]
    read, write = os.pipe()
    os.close(read)  # nobody reads what it prints
    done = subprocess.run(command, stdout=write, stderr=subprocess.PIPE, text=True)
    os.close(write)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "None" not in done.stderr
    assert "broken pipe" in done.stderr
