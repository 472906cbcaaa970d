"""`make bench`: build a generated archive and time what users wait for.

For each size (1,000 and 10,000 articles; BENCH_SIZES=200,500 chooses others, BENCH_N=100000
adds one) and each corpus (bench/corpus.py: "rich", bodies formatted as staff write them, and
"plain", an archive of plain paragraphs), it times, as whole processes and in this order, so
that each case starts from the state the one before left:
  cold build (--no-cache, no output), first build with the cache (which fills it), no-op
  rebuild, one article added while the spare folder is the --no-cache build's (unknown to
  the cache: written whole), one article added (output kept), one body edited (just after
  that add), another body edited, one article added into an empty output with the cache
  restored (as CI runs it: public/, its spare and its lock deleted, the cache kept), one
  title changed (no spare left by the case before).
The plain corpus runs the cold build, the first with the cache, the no-op rebuild and the
two article-added cases with the output kept. "theme" is the rich corpus built with a theme
other than ours, one that reads what the shipped one leaves to its boxes (the newest
article's title in every page's footer, the number of related articles on each article),
so that every page is rendered again, not assembled, when an article is added: it runs
the first build with the cache and the cases after it up to the body edits. Each row gives peak memory, pages
written and unchanged, pages rendered and assembled, and the seconds of each phase as the
build reports them; after each scenario, the cache folder's size on disk, and (rich corpus)
what the disk alone takes to create the site's files afresh and to rewrite them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
from corpus import new_article, write_corpus  # noqa: E402
from site_gen.stages.write import lock_of, spare_of  # noqa: E402

BUILD = HERE.parent / "build.py"
TRASH = Path(os.environ.get("BENCH_DIR", HERE / "out")) / "trash"
VERSION = "v4"  # v4: outside links to another host (v3 linked the site itself: 1,400 warnings)
SUMMARY = re.compile(r"(\d+) pages rendered, (\d+) assembled; "
                     r"(\d+) pages written, (\d+) unchanged, (\d+) deleted in [\d.]+ s \((.*)\)")
# The build's own process, timed from its start to its end and with its peak memory, by a
# small wrapper: the wrapper's start (a second Python) is not what users wait for.
PEAK = ("import resource, subprocess, sys, time; started = time.perf_counter(); "
        "code = subprocess.call(sys.argv[1:]); wall = time.perf_counter() - started; "
        "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(code)")


def sizes() -> list[int]:
    """BENCH_SIZES (comma-separated) or 1,000 and 10,000; BENCH_N adds one more."""
    chosen = os.environ.get("BENCH_SIZES", "1000,10000")
    extra = [os.environ["BENCH_N"]] if os.environ.get("BENCH_N") else []
    return [int(s) for s in chosen.split(",") + extra if s.strip()]


def corpus(n: int, work: Path, kind: str = "rich") -> Path:
    folder = work / f"corpus-{kind}-{n}-{VERSION}"
    if not (folder / "site.yaml").is_file():
        shutil.rmtree(folder, ignore_errors=True)  # half written by a run that was stopped
        write_corpus(n, folder, kind)
    return folder


def build(site: Path, *extra: str) -> dict:
    """One build as a user runs it; wall time, peak memory (KiB) and its summary line.
    Earlier writes (the corpus copied, a site deleted) are flushed and the disk left to
    settle first, so that their write-back is not charged to this build."""
    settle()
    command = [sys.executable, "-c", PEAK, sys.executable, str(BUILD), "build",
               "--content", str(site / "content"), "--output", str(site / "public"),
               "--config", str(site / "site.yaml"), "--cache", str(site / "cache"), *extra]
    result = subprocess.run(command, capture_output=True, text=True)
    found = SUMMARY.search(result.stdout)
    if result.returncode != 0 or found is None:
        sys.exit(f"build failed:\n{result.stdout[-1000:]}{result.stderr[-2000:]}")
    phases = dict((k, float(v)) for k, v in (p.split() for p in found.group(6).split(", ") if p))
    rendered, assembled, written, unchanged = (int(g) for g in found.group(1, 2, 3, 4))
    wall, rss = result.stderr.strip().splitlines()[-1].split()
    return {"wall": float(wall), "rss": int(rss),
            "written": written, "unchanged": unchanged, "rendered": rendered,
            "assembled": assembled, "phases": phases}


def settle(limit: float = 60.0) -> None:
    """Flush earlier writes, then wait until the disks are idle for half a second. On a
    disk mounted with `discard` (as here) deleting a site goes on trimming its blocks for
    seconds after `sync`: a build started meanwhile took half as long again."""
    os.sync()
    end, before = time.monotonic() + limit, disk_activity()
    while time.monotonic() < end:
        time.sleep(0.5)
        now = disk_activity()
        if now == before:
            return
        before = now


def disk_activity() -> str:
    """The kernel's I/O counters of every disk (Linux); "" elsewhere."""
    try:
        return Path("/proc/diskstats").read_text()
    except OSError:
        return ""


def articles(site: Path) -> list[Path]:
    return sorted((site / "content").rglob("*.md"))


def edit_body(site: Path, n: int, kind: str, at: float = 0.5) -> None:
    paths = articles(site)
    path = paths[int(len(paths) * at)]
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu mới được thêm vào bài.\n",
                    encoding="utf-8")


def edit_another_body(site: Path, n: int, kind: str) -> None:
    edit_body(site, n, kind, at=0.3)


def add_article(site: Path, n: int, kind: str) -> None:
    """One more article, newer than all: numbered after those the scenario added before."""
    number = len(articles(site)) + 1
    new_article(site, number, datetime(2025, 6, 1, 8, 0) + timedelta(hours=number - n), kind)


def empty_output(site: Path, n: int, kind: str) -> None:
    """What a CI job starts from: a fresh checkout with one more article, the cache restored,
    no output folder, no spare beside it, no lock. The old folders are moved aside, not
    deleted: see discard."""
    output = site / "public"
    for path in (output, spare_of(output), lock_of(output)):
        discard(path)
    add_article(site, n, kind)


def discard(path: Path) -> None:
    """Move `path` into the trash, emptied when the bench is done. Files made within a minute
    or so of deleting thousands of others were made four times slower here (the kernel's
    ext4 `recently_deleted`, over half of a build's samples in `perf`), which a CI runner's
    fresh checkout does not pay: deleting a site before a build would charge it to the build."""
    if os.path.lexists(path):
        TRASH.mkdir(parents=True, exist_ok=True)
        os.rename(path, TRASH / f"{len(os.listdir(TRASH))}-{path.name}")


def change_title(site: Path, n: int, kind: str) -> None:
    path = articles(site)[3]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'^title: "', 'title: "Đã sửa: ', text, count=1, flags=re.M),
                    encoding="utf-8")


# (case, what changes before it, build options, the variants it runs on). A build
# writes into the spare folder, the tree the build before the last one left, so it writes
# what changed in two builds: the first build after a --no-cache one finds a spare the
# cache knows nothing of and writes it whole, as does a build into an empty output (no
# spare at all), and the first edit after an article was added writes every page whose
# "Tin mới nhất" the spare lacks. The rows say so; "another body edited" is one edit alone.
ALL, RICH, THEMED = {"rich", "plain", "theme"}, {"rich"}, {"rich", "theme"}
CASES = [
    ("cold build (no cache)", None, ("--no-cache",), ALL - {"theme"}),
    ("first build with the cache", None, (), ALL),  # fills it: all parsed again
    ("no-op rebuild", None, (), ALL),
    ("added, spare unknown", add_article, (), ALL),
    ("one article added", add_article, (), ALL),
    ("body edited after an add", edit_body, (), THEMED),
    ("another body edited", edit_another_body, (), THEMED),
    ("one added into empty output", empty_output, (), RICH),
    ("title changed, no spare", change_title, (), RICH),
]
# (the row's name, the corpus it builds)
VARIANTS = (("rich", "rich"), ("plain", "plain"), ("theme", "rich"))


def scenario(site: Path, n: int, kind: str):
    """(case, its build) in turn, on a fresh copy of the corpus."""
    for case, change, options, variants in CASES:
        if kind not in variants:
            continue
        if change is not None:
            change(site, n, kind)
        yield case, build(site, *options)


def other_theme(site: Path) -> None:
    """Our templates, but that base.html shows the newest article's title in the footer of
    every page and article.html how many related articles there are: values the shipped
    theme shows only in its boxes."""
    theme = site / "theme"
    shutil.copytree(HERE.parent / "templates", theme)
    base, article = theme / "base.html", theme / "article.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "</footer>", '<p class="newest">{{ newest[0].title }}</p>\n</footer>', 1), encoding="utf-8")
    article.write_text(article.read_text(encoding="utf-8").replace(
        "</article>", '<p class="related-count">{{ related|length }}</p>\n</article>', 1),
        encoding="utf-8")
    with open(site / "site.yaml", "a", encoding="utf-8") as settings:
        settings.write("templates: theme\n")


def disk_mib(folder: Path) -> float:
    """Blocks taken on disk, as `du` counts them."""
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_blocks * 512 for p in files) / 2**20


def disk_floor(output: Path, scratch: Path) -> tuple[float, float]:
    """Seconds to create the output's files (and their folders) afresh in `scratch`, then
    to write them again over themselves as stages/write.py does (no O_TRUNC: freeing and
    taking blocks again took ten times as long on this disk), in one process, with nothing
    made: what the disk alone costs a build into an empty output, and one into a kept one."""
    files = [(p.relative_to(output), p.read_bytes()) for p in sorted(output.rglob("*"))
             if p.is_file() and not p.is_symlink()]
    discard(scratch)
    timings = []
    for flags in (os.O_CREAT | os.O_EXCL, 0):
        settle()
        started = time.perf_counter()
        for rel, data in files:
            path = scratch / rel
            if flags & os.O_CREAT:
                path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_WRONLY | flags, 0o644)
            os.write(handle, data)
            os.ftruncate(handle, len(data))
            os.close(handle)
        timings.append(time.perf_counter() - started)
    discard(scratch)
    return timings[0], timings[1]


def row(n: int, kind: str, case: str, r: dict) -> str:
    phases = " ".join(f"{k} {v:.2f}" for k, v in r["phases"].items())
    return (f"{n:>9,} {kind:<5} {case:<27} {r['wall']:>7.2f} {r['rss'] / 1024:>8.0f} "
            f"{r['written']:>7} {r['unchanged']:>9} {r['rendered']:>8} {r['assembled']:>9}  "
            f"{phases}")


def main() -> None:
    work = Path(os.environ.get("BENCH_DIR", HERE / "out"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"site-gen benchmark, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'articles':>9} {'body':<5} {'case':<27} {'seconds':>7} {'peak MiB':>8} "
          f"{'written':>7} {'unchanged':>9} {'rendered':>8} {'assembled':>9}  phases (s)")
    for n in sizes():
        for kind, made_from in VARIANTS:
            site = work / f"site-{kind}-{n}"
            discard(site)
            shutil.copytree(corpus(n, work, made_from), site)
            if kind == "theme":
                other_theme(site)
            for case, r in scenario(site, n, kind):
                print(row(n, kind, case, r), flush=True)
            print(f"{n:>9,} {kind:<5} cache on disk after the scenario: "
                  f"{disk_mib(site / 'cache'):.1f} MiB", flush=True)
            if kind == "rich":
                made, rewritten = disk_floor(site / "public", work / "floor")
                print(f"{n:>9,} {kind:<5} the disk alone, one process: the site's files "
                      f"created afresh {made:.2f} s, written over in place {rewritten:.2f} s",
                      flush=True)
    shutil.rmtree(TRASH, ignore_errors=True)


if __name__ == "__main__":
    main()
