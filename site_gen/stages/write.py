"""Write stage: stage what changed beside the output, then bring the output up to date.

Nothing in the output folder is touched until every page has been rendered and staged, so
a build that fails leaves the last good site as it was. A new output folder is staged whole
and moved in at once. An existing one has its changed files rewritten in place, which on
this kind of disk is ten times cheaper than a new file moved over the old one; a build
stopped while writing leaves some files new and some old, and the next one, comparing with
the last build that finished, puts them right. A file whose bytes did not change is not
rewritten (its time stays, so rsync sends only what changed), and nothing is ever written
outside the output folder, whatever the content says.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class WriteError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class WriteStats:
    written: int
    unchanged: int
    deleted: int


@dataclass(frozen=True, slots=True)
class Output:
    folder: Path
    staging: Path
    fresh: bool  # no output yet: the staging folder becomes it


def open_output(outdir: Path) -> Output:
    staging = outdir.with_name(f".{outdir.name}.staging")
    remove_tree(staging)
    staging.mkdir(parents=True)
    return Output(outdir, staging, not outdir.exists())


def checked(rel: str) -> str:
    """A relative output path that stays inside the folder, or WriteError."""
    clean = posixpath.normpath(rel)
    if rel.startswith("/") or clean.startswith("..") or clean in (".", "") or "\\" in rel:
        raise WriteError(f"refusing to write {rel!r}: it is outside the output folder")
    return clean


class Stager:
    """Stages the changed files of one worker. For a new output each goes to its place in
    the staging folder; otherwise its bytes are appended to one pack file, to be written to
    the output once everything is rendered: no file or folder made per page."""

    def __init__(self, output: Output):
        self.output, self.staged, self._pack = output, [], None

    def add(self, rel: str, data: bytes) -> None:
        """Stage `data` for `rel` unless the output already holds those bytes."""
        rel = checked(rel)
        if not self.output.fresh and same_bytes(self.output.folder / rel, data):
            return
        if self.output.fresh:
            target = self.output.staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as out:  # "x": two pages for one path is a bug
                out.write(data)
            self.staged.append((rel, None, 0, len(data)))
            return
        if self._pack is None:
            handle, name = tempfile.mkstemp(prefix="pack-", dir=self.output.staging)
            self._pack = (os.fdopen(handle, "wb"), name)
        pack, name = self._pack
        self.staged.append((rel, name, pack.tell(), len(data)))
        pack.write(data)

    def add_copy(self, rel: str, source: Path) -> None:
        """Stage a copy of `source` unless the output has the same bytes (compared only
        when the sizes match and the times do not)."""
        rel = checked(rel)
        there = self.output.folder / rel
        try:
            old, new = there.stat(), source.stat()
            if old.st_size == new.st_size and (old.st_mtime_ns == new.st_mtime_ns or
                                               same_bytes(there, source.read_bytes())):
                return
        except OSError:
            pass
        name = rel if self.output.fresh else hashlib.sha1(rel.encode()).hexdigest()
        target = self.output.staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        self.staged.append((rel, str(target), 0, None))

    def close(self) -> list[tuple]:
        """The staged files: (path, pack or copy, offset, length or None for a copy)."""
        if self._pack is not None:
            self._pack[0].close()
        return self.staged


def same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def patch_file(outdir: Path, rel: str, changes, spans=(), fragments=None, digests=None):
    """Swap each (old, new) pair of bytes in the output file, and each own box of the
    page in `fragments` (name -> new bytes) at its span (rebuild.shown_boxes), in place.
    Return the page's spans as they now are, with `digests` (name -> digest) for their
    values; or None, with the file untouched, unless every old part is there exactly once
    and every span still holds the bytes it had. Plain system calls, and only the bytes
    from the first change on are written: fifteen thousand pages are patched when one
    article is added."""
    fragments, digests = fragments or {}, digests or {}
    try:
        handle = os.open(f"{outdir}/{checked(rel)}", os.O_RDWR | _NOFOLLOW)
    except OSError:
        return None
    try:
        stat = os.fstat(handle)
        if stat.st_nlink > 1:  # shared with a copy made by hard links: rewrite() it
            return None
        data = os.read(handle, stat.st_size + 1)
        edits = []  # (start, end, new bytes)
        for old, new in changes:
            at = data.find(old)
            if at < 0 or data.find(old, at + 1) >= 0:
                return None
            edits.append((at, at + len(old), new))
        for name, _, start, length, crc in spans:
            if name in fragments:
                if start < 0 or zlib.crc32(data[start:start + length]) != crc:
                    return None
                edits.append((start, start + length, fragments[name]))
        edits.sort(key=lambda edit: edit[0])
        if any(later[0] < earlier[1] for earlier, later in zip(edits, edits[1:])):
            return None
        if edits:
            parts, done = [], edits[0][0]
            for begin, end, new in edits:
                parts += [data[done:begin], new]
                done = end
            tail = b"".join(parts) + data[done:]
            os.pwrite(handle, tail, edits[0][0])
            if edits[0][0] + len(tail) < len(data):
                os.ftruncate(handle, edits[0][0] + len(tail))
    finally:
        os.close(handle)
    return tuple(_moved(span, edits, fragments, digests) for span in spans)


def _moved(span, edits, fragments: dict, digests: dict) -> tuple:
    """A span after the edits: shifted by those before it, remade if it was one."""
    name, digest, start, length, crc = span
    digest = digests.get(name, digest)
    if start < 0:
        return name, digest, start, length, crc
    if name in fragments:
        length, crc = len(fragments[name]), zlib.crc32(fragments[name])
    shift = sum(len(new) - (end - begin) for begin, end, new in edits if begin < start)
    return name, digest, start + shift, length, crc


def rewrite(outdir: Path, rel: str, data: bytes) -> None:
    """Write a file of the output in place (once everything else was rendered): on this
    kind of disk ten times cheaper than a new file moved over it."""
    path = outdir / checked(rel)
    try:
        handle = os.open(path, os.O_WRONLY | _NOFOLLOW)
    except FileNotFoundError:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError:  # a folder or a link where a file goes: replaced by the file
        remove_tree(path)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    if os.fstat(handle).st_nlink > 1:  # shared with a copy made by hard links: leave it be
        os.close(handle)
        os.unlink(path)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
        file.truncate()


def commit(output: Output, staged: list[tuple], wanted: set[str],
           previous: set[str] | None = None) -> tuple[int, int]:
    """Write the staged files into the output and delete files no page makes any more
    (delete_stale). Return (files written, files deleted)."""
    if output.fresh:
        os.replace(output.staging, output.folder)
        return len(staged), 0
    write_staged(output, staged)
    return len(staged), delete_stale(output, wanted, previous)


def write_staged(output: Output, staged) -> None:
    """Write staged files (from Stager.close) to their places in the output, in place."""
    safe, packs = {output.folder}, {}
    try:
        for rel, source, offset, length in staged:
            target = output.folder / rel
            if not inside(target.parent, safe):
                raise WriteError(f"refusing to write {rel!r}: a link leads outside the output "
                                 "folder")
            if length is None:
                remove_tree(target)
                os.replace(source, target)
                continue
            if source not in packs:  # read a page at a time: packs can be as big as the site
                packs[source] = os.open(source, os.O_RDONLY)
            rewrite(output.folder, rel, os.pread(packs[source], length, offset))
    finally:
        for handle in packs.values():
            os.close(handle)


def delete_stale(output: Output, wanted: set[str], previous: set[str] | None) -> int:
    """Delete the files no page makes any more, those of `previous` (the files the last
    build wrote) or else any file not wanted, and the staging folder. Return how many."""
    if previous is None:  # compared with the paths found on disk: normalised alike
        deleted = delete_unwanted(output.folder, {checked(w) for w in wanted})
    else:
        deleted = delete_files(output.folder, sorted(previous - wanted))
    remove_tree(output.staging)
    return deleted


def inside(folder: Path, safe: set[Path]) -> bool:
    """Make `folder` if need be; False if a link on the way could lead outside the
    output (the folders of `safe`, which grows, are known not to)."""
    if folder in safe:
        return True
    if not inside(folder.parent, safe) or folder.is_symlink():
        return False
    folder.mkdir(exist_ok=True)
    safe.add(folder)
    return True


def delete_unwanted(outdir: Path, wanted: set[str]) -> int:
    """Delete every file not wanted, and the folders left empty (counted, not listed
    again: 100,000 article folders)."""
    deleted, emptied = 0, set()
    for folder, dirs, files in os.walk(outdir, topdown=False):
        rel_folder = os.path.relpath(folder, outdir)
        kept = 0
        for name in files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            if rel in wanted:
                kept += 1
            else:
                os.unlink(os.path.join(folder, name))
                deleted += 1
        kept += sum(os.path.join(folder, d) not in emptied for d in dirs)
        if folder != str(outdir) and not kept:
            os.rmdir(folder)
            emptied.add(folder)
    return deleted


def delete_files(outdir: Path, rels: list[str]) -> int:
    """Delete these files of the output, and the folders they leave empty."""
    deleted = 0
    for rel in rels:
        path = outdir / checked(rel)
        if path.is_file() or path.is_symlink():
            path.unlink()
            deleted += 1
        for folder in path.parents:
            if folder == outdir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    return deleted


def remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
