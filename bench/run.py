"""`make bench`: build a generated archive and time what users wait for.

For each size (1,000 and 10,000 articles; BENCH_N=100000 adds 100,000) it times, as whole
processes: a cold build (no output, no cache), the first build with the cache (which fills
it), a rebuild with nothing changed, one body edited, one article added, one title changed;
with peak memory, pages written and the seconds of each phase as the build reports them.
Prints a table.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import new_article, write_corpus  # noqa: E402

BUILD = HERE.parent / "build.py"
SUMMARY = re.compile(r"(\d+) pages written, (\d+) unchanged, (\d+) deleted in [\d.]+ s \((.*)\)")
PEAK = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(code)")


def corpus(n: int, work: Path) -> Path:
    folder = work / f"corpus-{n}-v2"  # v2: a third of the bodies carry Markdown
    if not (folder / "site.yaml").is_file():
        write_corpus(n, folder)
    return folder


def build(site: Path, *extra: str) -> dict:
    """One build as a user runs it; wall time, peak memory (KiB) and its summary line.
    Earlier writes (the corpus copied, a site deleted) are flushed first, so that their
    write-back is not charged to this build."""
    os.sync()
    command = [sys.executable, "-c", PEAK, sys.executable, str(BUILD), "build",
               "--content", str(site / "content"), "--output", str(site / "public"),
               "--config", str(site / "site.yaml"), "--cache", str(site / "cache"), *extra]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-2000:]}")
    found = SUMMARY.search(result.stdout)
    phases = dict((k, float(v)) for k, v in (p.split() for p in found.group(4).split(", ")))
    return {"wall": wall, "rss": int(result.stderr.strip().splitlines()[-1]),
            "written": int(found.group(1)), "unchanged": int(found.group(2)), "phases": phases}


def edit_body(site: Path) -> None:
    path = sorted((site / "content").rglob("*.md"))[len(list((site / "content").rglob("*.md"))) // 2]
    path.write_text(path.read_text(encoding="utf-8") + "\nMột câu mới được thêm vào bài.\n",
                    encoding="utf-8")


def change_title(site: Path) -> None:
    path = sorted((site / "content").rglob("*.md"))[3]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'^title: "', 'title: "Đã sửa: ', text, count=1, flags=re.M),
                    encoding="utf-8")


def scenario(n: int, work: Path) -> list[tuple[str, dict]]:
    site = work / f"site-{n}"
    subprocess.run(["rm", "-rf", str(site)], check=True)
    subprocess.run(["cp", "-r", str(corpus(n, work)), str(site)], check=True)
    rows = [("cold build (no cache)", build(site, "--no-cache"))]
    rows.append(("first build with the cache", build(site)))  # fills it: all parsed again
    rows.append(("no-op rebuild", build(site)))
    edit_body(site)
    rows.append(("one body edited", build(site)))
    new_article(site, n + 1, datetime(2025, 6, 1, 8, 0))
    rows.append(("one article added", build(site)))
    change_title(site)
    rows.append(("one title changed", build(site)))
    return rows


def main() -> None:
    work = Path(os.environ.get("BENCH_DIR", HERE / "out"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = [1000, 10000] + ([int(os.environ["BENCH_N"])] if os.environ.get("BENCH_N") else [])
    print(f"site-gen benchmark, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'articles':>9} {'case':<28} {'seconds':>8} {'peak MiB':>9} {'written':>8} "
          f"{'unchanged':>9}  phases (s)")
    for n in sizes:
        for case, r in scenario(n, work):
            phases = " ".join(f"{k} {v:.2f}" for k, v in r["phases"].items())
            print(f"{n:>9,} {case:<28} {r['wall']:>8.2f} {r['rss'] / 1024:>9.0f} "
                  f"{r['written']:>8} {r['unchanged']:>9}  {phases}", flush=True)


if __name__ == "__main__":
    main()
