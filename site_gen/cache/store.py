"""The build cache: one SQLite file of data, never code.

It holds parsed articles (by their path in the content folder and the hash of their bytes),
rendered page parts (by the digest of what they are made from: site_gen/cache/keys.py) and,
for each output folder, the record of its last build. Everything is keyed by paths relative
to the project and by digests, so a clone elsewhere or CI on a fresh checkout reuses it, and
several output folders share it. A file that is not such a cache (cut short, corrupted,
foreign, older) is put aside with one warning and the build goes on without it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import sys
import zlib
from datetime import datetime
from pathlib import Path

import zstandard

from ..core.packed import checked_size, unpack

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locking
    fcntl = None

FORMAT = 10  # 7: files' change times; 8: an output's summary apart; 9: records by zstd;
# 10: each tree's folders with their times
FILE = "cache.sqlite"
_CODE = Path(__file__).resolve().parent.parent
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS articles (source TEXT PRIMARY KEY, size INTEGER, stamp TEXT,
                                     sha1 TEXT, data BLOB NOT NULL, body BLOB NOT NULL,
                                     body_crc INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS parts (key TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS outputs (name TEXT PRIMARY KEY, summary BLOB NOT NULL,
                                    data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS changing (name TEXT PRIMARY KEY, tree TEXT NOT NULL);
"""

# An article's row (record and packed body) is 2-3 KB: in SQLite's default 4 KiB pages most
# rows took a page each (84 MiB on disk at 10,000 articles, 61 MiB of it data); in 16 KiB
# pages they share them (67 MiB for the same rows). CI downloads the file on every push.
PAGE_SIZE = 16384

# What a build with nothing to do reads of the last one's record (site_gen/stages/pipeline.py)
SUMMARY = ("state", "window", "live", "diagnostics", "articles", "files")


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's own code, read once a run however many fingerprints are taken, and
    the code it runs: Python's version and every installed package's (Markdown, Jinja,
    nh3, Pillow... all make the pages; CI installs the newest each run, with the cache of
    the last)."""
    digest = hashlib.sha256(f"site-gen cache {FORMAT} {sys.version}".encode())
    for path in sorted(_CODE.rglob("*.py")) + sorted(_CODE.rglob("*.yaml")):
        digest.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update("\0".join(installed()).encode())
    return digest.hexdigest()


def installed() -> list[str]:
    """The installed packages as their folders name them (Markdown-3.6.dist-info): a
    listing of each folder of the import path, not a read of each package's metadata."""
    found = set()  # each once: a folder may be on the path twice (the project's is)
    for folder in filter(None, sys.path):  # ("": the working folder, not an install)
        with contextlib.suppress(OSError):
            found.update(name for name in os.listdir(folder)
                         if name.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def fingerprint(*parts: object) -> str:
    """A digest of the generator's own code and the given values."""
    digest = hashlib.sha256(code_digest().encode())
    for part in parts:
        digest.update(repr(part).encode())
    return digest.hexdigest()


def _writes(method):
    """A write the cache may refuse (a read-only file, a full disk): the build goes on and
    its output is the same, only nothing more is kept for the next one; said once."""
    @functools.wraps(method)
    def guarded(self, *args):
        if self.unwritable:
            return None
        try:
            return method(self, *args)
        except sqlite3.Error as exc:
            self.unwritable = True
            self.warn(f"cache {self.path} cannot be written ({exc}): this build keeps "
                      "nothing in it")
            return None
    return guarded


# What SQLite says of a disk that will not take a write (full, read-only, not there),
# not of a damaged file: the file is then left as it is, and the build goes without it
DISK_ERRORS = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR",
               "SQLITE_PERM")


class Store:
    """The cache of one build. Workers read parts through their own connection (reader);
    only the build's own process writes, once its pages are made."""

    def __init__(self, folder: Path, generation: str, warn):
        self.path, self.generation, self.tell, self.told = folder / FILE, generation, warn, set()
        self.unwritable = False  # a write was refused: nothing more is stored this build
        folder.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.Error as exc:
            if getattr(exc, "sqlite_errorname", "").startswith(DISK_ERRORS):
                raise  # the disk's, not the file's: kept for when the disk takes it again
            self._start_again(exc)
        self.zdict = None  # read by check()

    def warn(self, message: str) -> None:
        """Said once: the summary and the record of an output may say the same."""
        if message not in self.told:
            self.told.add(message)
            self.tell(message)

    def check(self) -> bool:
        """Check the whole file before a build takes anything from it (a build with nothing
        to do reads one record, whose own checksum guards it: checking 85 MB took longer
        than the rest of that build). False: it was damaged, and is started again."""
        try:
            damaged = self.db.execute("PRAGMA quick_check").fetchall() != [("ok",)]
        except sqlite3.Error:
            damaged = True
        if damaged:
            self.db.close()
            self._start_again("damaged")
            return False
        self.zdict = self._meta("zdict")
        try:
            self.reader().packers()
        except (zstandard.ZstdError, TypeError) as exc:  # not a dictionary we trained
            self.warn(f"cache {self.path}: its rendered parts are dropped ({exc})")
            self.zdict = None
            self._drop_parts()
        return True

    @_writes
    def _drop_parts(self) -> None:
        with self._transaction():
            self.db.execute("DELETE FROM parts")
            self.db.execute("DELETE FROM meta WHERE name='zdict'")

    def _start_again(self, why) -> None:
        self.warn(f"cache {self.path} ignored and started again: it cannot be read ({why})")
        self._discard()
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        db.text_factory = text_of
        try:
            if self._generation(db) != self.generation:  # another version's: start afresh
                db.executescript("DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS parts;"
                                 "DROP TABLE IF EXISTS outputs; DROP TABLE IF EXISTS meta;"
                                 "DROP TABLE IF EXISTS changing;"
                                 f"PRAGMA page_size={PAGE_SIZE}; VACUUM;" + _SCHEMA)
                db.execute("INSERT INTO meta VALUES ('generation', ?)", (self.generation,))
            # Commits are not flushed to the disk (a build makes some twenty, and each flush
            # took 10 ms here): a killed build loses none, the system has them. A machine
            # that loses power may lose them, as it may the output's files, which are not
            # flushed either: what is cut short fails its checks (SQLite's, zlib's, zstd's
            # checksums) and is made again.
            db.execute("PRAGMA synchronous=OFF")
        except sqlite3.Error:
            db.close()
            raise
        return db

    @staticmethod
    def _generation(db: sqlite3.Connection) -> str | None:
        try:
            row = db.execute("SELECT value FROM meta WHERE name='generation'").fetchone()
        except sqlite3.OperationalError:  # no such table: a new file
            return None
        return row[0] if row else None

    def _discard(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            clear_way(Path(f"{self.path}{suffix}"))
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _meta(self, name: str) -> bytes | None:
        row = self.db.execute("SELECT value FROM meta WHERE name=?", (name,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self.db.close()

    # parsed articles -------------------------------------------------------------------
    def articles(self) -> dict[str, tuple]:
        """source -> (size, stamp, sha1, record, body): the body apart, packed alone, since
        decoding it inside the record's JSON took most of a rebuild's load phase. A row
        whose body is not as it was stored is left out (the record has zstd's checksum):
        checked by its CRC, not by unpacking every body (0.4 s at 10,000 articles)."""
        rows = self.db.execute("SELECT source, size, stamp, sha1, data, body, body_crc "
                               "FROM articles")
        return {row[0]: row[1:6] for row in rows
                if isinstance(row[5], bytes) and zlib.crc32(row[5]) == row[6]}

    @_writes
    def put_articles(self, rows: dict[str, tuple], keep: set[str]) -> None:
        """Store `rows` (source -> as articles() gives); forget sources not in `keep`."""
        with self._transaction():
            gone = {s for (s,) in self.db.execute("SELECT source FROM articles")} - keep
            self.db.executemany("DELETE FROM articles WHERE source=?", ((s,) for s in gone))
            self.db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                                ((s, *row, zlib.crc32(row[4])) for s, row in rows.items()))

    # rendered parts ----------------------------------------------------------------------
    def reader(self) -> "PartReader":
        return PartReader(self.path, self.zdict)

    @_writes
    def put_parts(self, parts: dict[str, bytes]) -> None:
        """Store parts packed by PartReader.pack (in the workers, on every core)."""
        if not parts:
            return
        with self._transaction():
            self.db.executemany("INSERT OR REPLACE INTO parts VALUES (?, ?)", parts.items())

    @_writes
    def use_zdict(self, samples: list[bytes]) -> bytes:
        """The dictionary parts are packed with, trained on pages of the first build: the
        markup every page shares then costs almost nothing."""
        if self.zdict is None:
            self.zdict = train_zdict(samples)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('zdict', ?)", (self.zdict,))
        return self.zdict

    # what is kept whole under a name: the search index's postings -------------------------
    def kept(self, name: str) -> object:
        """What put_kept stored under `name`, or None (with a warning if it cannot be read)."""
        data = self._meta(f"kept {name}")
        try:
            return None if data is None else read_record(data)
        except ValueError as exc:
            self.warn(f"cache {self.path}: its {name} cannot be read ({exc}); made afresh")
            return None

    @_writes
    def put_kept(self, name: str, value) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                        (f"kept {name}", pack_record(value)))

    # the record of an output folder's last build -----------------------------------------
    def summary(self, output: str) -> dict:
        """What a build with nothing to do needs of the last build into `output` (SUMMARY):
        read alone, as the whole record (every file's recipe) took a third of such a build
        at 10,000 articles. Empty if a build began to change the output and did not finish."""
        found, changing = self._read(output, "summary")
        return {} if changing else found

    def record(self, output: str) -> dict:
        """The record of the last build into `output` that finished. A folder that a build
        began to change and did not finish (`changing`) is of unknown contents, and that
        build's inputs are not those of the output."""
        found, changing = self._read(output, "data")
        if changing:
            found = {name: {k: v for k, v in found.get(name, {}).items() if k != changing}
                     for name in ("trees", "folders")}
        return found

    def _read(self, output: str, column: str) -> tuple[dict, str | None]:
        try:
            row = self.db.execute(f"SELECT {column} FROM outputs WHERE name=?",
                                  (output,)).fetchone()
            changing = self.db.execute("SELECT tree FROM changing WHERE name=?",
                                       (output,)).fetchone()
        except sqlite3.Error:  # read before check()
            return {}, None
        found = unpack_record(row[0]) if row else {}
        if found is None:
            self.warn(f"cache {self.path}: the record of {output!r} cannot be read; its "
                      "files are written whole")
            return {}, None
        return found, changing and changing[0]

    @_writes
    def changing(self, output: str, tree: str) -> None:
        """A build into `output` is about to change the folder `tree`: until its record
        is put, the folder is of unknown contents (a few bytes written, not the record)."""
        self.db.execute("INSERT OR REPLACE INTO changing VALUES (?, ?)", (output, tree))

    @_writes
    def put_record(self, output: str, record: dict) -> None:
        summary = {k: record[k] for k in SUMMARY if k in record}
        data = [pack_record(part) for part in (summary, record)]
        with self._transaction():
            self.db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)", (output, *data))
            self.db.execute("DELETE FROM changing WHERE name=?", (output,))

    @_writes
    def collect(self, output: str, used, exists) -> None:
        """Forget the parts that no output folder's last build used: `used` by this one's
        (not read back from its record, just written), and those the others' records name;
        and the records of folders that no longer `exists(name)` (each `serve` builds into
        a folder of its own, gone when it stops: their records made the cache grow)."""
        used, gone = set(used), []
        for name, data in self.db.execute("SELECT name, data FROM outputs WHERE name != ?",
                                          (output,)).fetchall():
            if exists(name):
                used.update((unpack_record(data) or {}).get("parts", ()))
            else:
                gone.append((name,))
        # the few unused found here: a table of the 25,000 used to compare with in SQL
        # took a tenth of a rebuild's bookkeeping at 10,000 articles
        unused = [(key,) for (key,) in self.db.execute("SELECT key FROM parts")
                  if key not in used]
        with self._transaction():
            self.db.executemany("DELETE FROM outputs WHERE name = ?", gone)
            self.db.executemany("DELETE FROM changing WHERE name = ?", gone)
            self.db.executemany("DELETE FROM parts WHERE key = ?", unused)
        free, pages = (self.db.execute(f"PRAGMA {name}").fetchone()[0]
                       for name in ("freelist_count", "page_count"))
        if free * 4 > pages:  # the file is downloaded by CI on every push: keep it small
            self.db.execute("VACUUM")

    @contextlib.contextmanager
    def _transaction(self):
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            if self.db.in_transaction:  # SQLite ends it itself on some errors (a full disk)
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")


# A record names each file of two trees: some 7 MB of JSON at 10,000 articles, 66 MB at
# 100,000. More is a forged row (a few hundred kilobytes can claim gigabytes), never unpacked.
RECORD_LIMIT = 128 << 20


def pack_record(value) -> bytes:
    """A record as JSON in a zstd frame that says its size: at 10,000 articles, zlib took
    a tenth of a rebuild's bookkeeping to pack it."""
    return zstandard.ZstdCompressor(level=1, write_checksum=True).compress(
        json.dumps(value).encode())


def read_record(data) -> object:
    """What pack_record packed; ValueError for a frame that claims more than RECORD_LIMIT
    or does not say (zstd's checksum and its size check the rest)."""
    try:
        if not 0 <= checked_size(data) <= RECORD_LIMIT:
            raise ValueError("not a record's size")
        return json.loads(zstandard.ZstdDecompressor().decompress(data))
    except (zstandard.ZstdError, TypeError) as exc:
        raise ValueError(f"not a record ({exc})") from None


def unpack_record(data) -> dict | None:
    """The record put_record stored, or None for anything else: cut short, forged, of
    another shape (every field a build reads is checked here, not where it is used)."""
    try:
        found = read_record(data)
        return found if isinstance(found, dict) and set(SUMMARY) <= found.keys() and all(
            check(found[name]) for name, check in FIELDS.items() if name in found) else None
    except (ValueError, TypeError, RecursionError):
        return None


def _strings(value) -> bool:
    return isinstance(value, list) and all(type(item) is str for item in value)


def _moment(text) -> bool:
    """A time "now" is compared with: written with its offset."""
    return text is None or datetime.fromisoformat(text).tzinfo is not None


def _tree(files) -> bool:
    """{path: [recipe, time, hash of the bytes]}, checked in C (map, sets): file by file in
    Python, the 36,000 of a record took as long as unpacking it."""
    if not isinstance(files, dict):
        return False
    entries = list(files.values())
    if set(map(type, entries)) - {list} or set(map(len, entries)) - {3}:
        return False
    recipes, times, hashes = zip(*entries) if entries else ((), (), ())
    return not (set(map(type, recipes + hashes)) - {str} or set(map(type, times)) - {int})


def _times(folders) -> bool:
    """{folder: its modification time (ns)}, checked in C as _tree is."""
    return isinstance(folders, dict) and not (set(map(type, folders)) - {str}
                                              or set(map(type, folders.values())) - {int})


FIELDS = {
    "state": lambda v: type(v) is str,
    "live": lambda v: v is None or type(v) is str,
    "window": lambda v: isinstance(v, list) and len(v) == 2 and all(map(_moment, v)),
    "diagnostics": lambda v: isinstance(v, list) and all(
        isinstance(d, list) and len(d) == 4 and type(d[1]) is int and _strings(d[::2] + d[3:])
        and d[3] in ("error", "warning") for d in v),
    "articles": lambda v: type(v) is int,
    "files": lambda v: type(v) is int,
    "parts": _strings,
    "trees": lambda v: isinstance(v, dict) and all(map(_tree, v.values())),
    "folders": lambda v: isinstance(v, dict) and all(map(_times, v.values())),
}


PART_LEVEL = 3  # zstd: at level 3 with a trained dictionary, smaller than zlib's level 6


def train_zdict(samples: list[bytes]) -> bytes:
    """A zstd dictionary of `samples`; for a site too small to train on, their last bytes
    (zstd takes any bytes as a dictionary of raw content)."""
    try:
        return zstandard.train_dictionary(1 << 16, samples, level=PART_LEVEL).as_bytes()
    except zstandard.ZstdError:
        return b"".join(samples)[-(1 << 15):] or b"<!DOCTYPE html>"


# Bytes of parts unpacked at once (a worker's share of the pages: some 180 MB of the
# 100,000-article bench); parts past it are rendered again. Each part may claim up to 64 MB,
# and a forged cache could make every part claim it.
PARTS_BUDGET = 256 << 20


class PartReader:
    """Reads rendered parts; opened where it is used (a worker process has its own)."""

    def __init__(self, path: Path, zdict: bytes | None):
        self.path, self.zdict, self.db, self.made = path, zdict, None, None

    def packers(self) -> tuple:
        """(compressor, decompressor) with the cache's dictionary, made once a process."""
        if self.made is None and self.zdict is not None:
            shared = zstandard.ZstdCompressionDict(self.zdict)
            self.made = (zstandard.ZstdCompressor(level=PART_LEVEL, dict_data=shared,
                                                  write_checksum=True),
                         zstandard.ZstdDecompressor(dict_data=shared))
        return self.made

    def get(self, keys) -> dict[str, bytes]:
        """The parts found under `keys`; one that cannot be read counts as not found."""
        keys = list(keys)
        if not keys or self.zdict is None:
            return {}
        if self.db is None:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self.db.text_factory = text_of
        found, decompressor, budget = {}, self.packers()[1], PARTS_BUDGET
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for key, data in self.db.execute(
                        f"SELECT key, data FROM parts WHERE key IN ({marks})", chunk):
                    with contextlib.suppress(ValueError, zstandard.ZstdError, TypeError):
                        size = checked_size(data)
                        if 0 <= size <= budget:  # else rendered again
                            found[key] = unpack(data, decompressor)
                            budget -= size
        except sqlite3.Error:
            pass
        return found

    def pack(self, data: bytes) -> bytes | None:
        """`data` packed to be kept; None without a dictionary (a cache that could not be
        written when it was to be trained): then nothing is kept."""
        made = self.packers()
        return made[0].compress(data) if made else None


def text_of(data: bytes) -> str:
    """A text cell as a string. A damaged cell that is not UTF-8 (a flipped bit passes
    SQLite's quick_check) was a traceback; it reads as text that matches no file."""
    return data.decode("utf-8", "replace")


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
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def clear_way(path: Path) -> None:
    """Take away what stands where a build keeps a file of its own: a folder, a link (which
    may lead anywhere), a pipe (opening one waits for a reader) or a device, put there by
    someone else."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
        path.unlink()


@contextlib.contextmanager
def locked(lock_file: Path):
    """Hold an exclusive lock: a second build on the same output or cache waits (and
    says so)."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    clear_way(lock_file)
    with lock_file.open("a") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"site-gen: waiting for another build ({lock_file})", flush=True)
                fcntl.flock(handle, fcntl.LOCK_EX)
        yield
