"""`make bench-peers`: Pelican 4.12 (+ related posts) and site-gen on the same corpus.

Usage: run.py PELICAN_PYTHON. Converts the rich corpus of bench/run.py (at the sizes it
runs: BENCH_SIZES, BENCH_N) to Pelican's Markdown metadata and link syntax, times Pelican cold
(empty output, no cache) and with its content cache, times site-gen cold (--no-cache) and its
no-op rebuild, and prints them side by side with the ratio.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from run import TRASH, build, corpus, discard, settle, sizes  # noqa: E402  (bench/run.py)

FRONT = re.compile(r"^---\n(.*?)\n---\n", re.S)
# A link to another article's file from the content root, which Pelican writes `{filename}/`.
FILE_LINK = re.compile(r"\]\(/([^)\s]+\.md)\)")


def to_pelican(corpus: Path, target: Path) -> None:
    """Same articles, Pelican's `Key: value` metadata instead of YAML front matter, and its
    `{filename}` for links to other articles, so that Pelican resolves them as we do."""
    if target.is_dir():
        return
    for path in sorted((corpus / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        head = FRONT.match(text).group(1)
        body = FILE_LINK.sub(r"]({filename}/\1)", FRONT.sub("", text, count=1))
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        lines = [f"Title: {meta['title'].strip(chr(34))}", f"Date: {meta['date']}",
                 f"Category: {meta['category']}", f"Tags: {meta['tags'].strip('[]')}",
                 f"Slug: {path.stem.split('-', 3)[-1]}", f"Views: {meta['views']}"]
        out = target / path.relative_to(corpus / "content")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
    shutil.copytree(corpus / "content" / "anh", target / "anh")


def pelican(python: str, content: Path, output: Path, cache: Path, cached: bool) -> float:
    env = {**os.environ, "PEER_CONTENT": str(content), "PEER_CACHE_PATH": str(cache),
           "PEER_CACHE": "1" if cached else "0"}
    settle()  # as bench/run.py's build(): earlier writes are not charged to this run
    started = time.perf_counter()
    result = subprocess.run([python, "-m", "pelican", str(content), "-o", str(output),
                             "-s", str(HERE / "pelicanconf.py"), "-q"],
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"pelican failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def main(python: str) -> None:
    work = Path(os.environ.get("BENCH_DIR", HERE.parent / "out"))
    print(f"{'articles':>9} {'Pelican cold':>13} {'site-gen cold':>14} {'ratio':>6} "
          f"{'Pelican cached':>15} {'site-gen no-op':>15} {'ratio':>6}")
    for n in sizes():
        source = corpus(n, work)
        peer = work / f"pelican-{source.name.removeprefix('corpus-')}"
        to_pelican(source, peer / "content")
        for folder in ("output", "cache"):  # aside, not deleted: bench/run.py's discard
            discard(peer / folder)
        cold = pelican(python, peer / "content", peer / "output", peer / "cache", cached=False)
        warm = pelican(python, peer / "content", peer / "output", peer / "cache", cached=True)
        site = work / f"peer-site-{n}"
        discard(site)
        shutil.copytree(source, site)
        ours_cold = build(site, "--no-cache")["wall"]
        build(site)  # writes the cache
        ours_noop = build(site)["wall"]
        print(f"{n:>9,} {cold:>12.2f}s {ours_cold:>13.2f}s {cold / ours_cold:>5.1f}x "
              f"{warm:>14.2f}s {ours_noop:>14.2f}s {warm / ours_noop:>5.1f}x", flush=True)
    shutil.rmtree(TRASH, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1])
