"""The build cache: parsed articles kept between builds, and what the last build read.

Everything is keyed by a fingerprint of the generator's code, the settings and the
content folder, so a cache made by another version or for another site is never used.
A cache that cannot be read (cut short, corrupted, foreign) is ignored with a warning.
Files are replaced whole, so a build that is stopped cannot leave half a cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
import zlib
from pathlib import Path

from ..core.files import files_below

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locking
    fcntl = None

FORMAT = 1
ARTICLES = "articles"  # a folder of SHARDS pickles: a build saves only those that changed
SHARDS = 32
PAGES = "pages.pickle"
LAST_BUILD = "last-build.json"
_CODE = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's own code, read once a run however many fingerprints are taken."""
    digest = hashlib.sha256(f"site-gen cache {FORMAT}".encode())
    for path in sorted(_CODE.rglob("*.py")) + sorted(_CODE.rglob("*.yaml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(*parts: object) -> str:
    """A digest of the generator's own code and the given values."""
    digest = hashlib.sha256(code_digest().encode())
    for part in parts:
        digest.update(repr(part).encode())
    return digest.hexdigest()


def load(cache_dir: Path, name: str, key: str, warn) -> object | None:
    """The value saved under `key`, or None (with a warning if a file was there)."""
    path = cache_dir / name
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            saved_key, value = pickle.load(handle)
    except Exception as exc:  # any unreadable cache is ignored, never trusted
        warn(f"cache {path} ignored: it cannot be read ({type(exc).__name__})")
        return None
    return value if saved_key == key else None


def save(cache_dir: Path, name: str, key: str, value: object) -> None:
    """Pickled straight into the file: a large site's record is not held twice in memory."""
    with replacing(cache_dir / name) as handle:
        pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)


def load_shards(cache_dir: Path, name: str, key: str, warn) -> dict | None:
    """The dict saved with save_shards, without the shards that cannot be read."""
    found, any_read = {}, False
    for number in range(SHARDS):
        part = load(cache_dir / name, f"{number:02d}.pickle", key, warn)
        if part is not None:
            found.update(part)
            any_read = True
    return found if any_read else None


def save_shards(cache_dir: Path, name: str, key: str, value: dict, previous: dict | None) -> None:
    """Save a dict keyed by strings in SHARDS files, rewriting only those whose entries are
    not the very objects `previous` (as loaded) had."""
    olds = _split(previous or {})
    for number, shard in enumerate(_split(value)):
        old = olds[number]
        if shard.keys() != old.keys() or any(shard[k] is not old[k] for k in shard):
            save(cache_dir / name, f"{number:02d}.pickle", key, shard)


def _split(value: dict) -> list[dict]:
    shards: list[dict] = [{} for _ in range(SHARDS)]
    for item, entry in value.items():
        shards[zlib.crc32(item.encode()) % SHARDS][item] = entry
    return shards


def replace_file(path: Path, data: bytes) -> None:
    with replacing(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def replacing(path: Path):
    """A file to write `path` into whole or not at all: a stopped run cannot leave half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        with partial.open("wb") as handle:
            yield handle
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def input_state(paths: list[Path], content: Path, content_files: list) -> tuple[str, str]:
    """Digests of the names, sizes and times of every file below `paths`: (the Markdown
    files of `content`, all the others). A build that finds only the first changed may
    be one where articles changed in their bodies alone (see site_gen/rebuild.py).
    `content_files` is that folder's listing (files.files_below), made once a build."""
    markdown, rest = hashlib.sha256(), hashlib.sha256()
    for root in paths:
        if root.is_file():
            stat = root.stat()
            rest.update(f"{root}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        listing = content_files if root == content else files_below(root)
        for rel, entry in listing:
            stat = entry.stat()
            digest = markdown if root == content and rel.endswith(".md") else rest
            digest.update(f"{root}/{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        for rel, why in getattr(listing, "refused", ()):  # reported by every build till gone
            rest.update(f"{root}/{rel}\0{why}\n".encode())
    return markdown.hexdigest(), rest.hexdigest()


def read_last_build(cache_dir: Path) -> dict:
    try:
        return json.loads((cache_dir / LAST_BUILD).read_text())
    except (OSError, ValueError):
        return {}


def write_last_build(cache_dir: Path, record: dict) -> None:
    replace_file(cache_dir / LAST_BUILD, json.dumps(record, sort_keys=True).encode())


@contextlib.contextmanager
def locked(lock_file: Path):
    """Hold an exclusive lock: a second build on the same output or cache waits."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"site-gen: waiting for another build ({lock_file})", flush=True)
                fcntl.flock(handle, fcntl.LOCK_EX)
        yield
