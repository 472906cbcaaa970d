"""Write stage: stage what changed beside the output, then bring the output up to date.

Nothing in the output folder is touched until every page has been rendered and staged, so
a build that fails leaves the last good site as it was. A new output folder is staged whole
and moved in at once; an existing one gets its changed files moved in one by one (staged
flat: creating a folder per page would cost more than the page), and its patched pages
rewritten in place, which on this kind of disk is ten times cheaper than a new file. A
file whose bytes did not change is not rewritten (its time stays, so rsync sends only what
changed), and nothing is ever written outside the output folder, whatever the content says.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path


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

    def staged_path(self, rel: str) -> Path:
        if self.fresh:
            return self.staging / rel
        return self.staging / hashlib.sha1(rel.encode()).hexdigest()


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


def stage(output: Output, rel: str, data: bytes) -> bool:
    """Stage `data` for `rel` unless the output already holds those bytes; True if staged."""
    rel = checked(rel)
    old = output.folder / rel
    try:
        if old.stat().st_size == len(data) and old.read_bytes() == data:
            return False
    except OSError:
        pass
    target = output.staged_path(rel)
    if output.fresh:
        target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as out:  # "x": two pages for one path is a bug, not an overwrite
        out.write(data)
    return True


def stage_copy(output: Output, rel: str, source: Path) -> bool:
    """Stage a copy of `source` unless the output has the same bytes (compared only when
    the sizes match and the times do not)."""
    rel = checked(rel)
    try:
        old, new = (output.folder / rel).stat(), source.stat()
        if old.st_size == new.st_size and (old.st_mtime_ns == new.st_mtime_ns or
                                           (output.folder / rel).read_bytes() == source.read_bytes()):
            return False
    except OSError:
        pass
    target = output.staged_path(rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return True


def patch_file(outdir: Path, rel: str, changes) -> bool:
    """Swap each (old, new) pair of bytes in the output file, in place; False, with the
    file untouched, unless every old part is there exactly once."""
    path = outdir / checked(rel)
    try:
        handle = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    with os.fdopen(handle, "r+b") as file:
        data = file.read()
        for old, new in changes:
            if data.count(old) != 1:
                return False
            data = data.replace(old, new)
        file.seek(0)
        file.write(data)
        file.truncate()
    return True


def rewrite(outdir: Path, rel: str, data: bytes) -> None:
    """Write a page of the output in place (after everything else was rendered)."""
    with open(outdir / checked(rel), "r+b") as file:
        file.write(data)
        file.truncate()


def commit(output: Output, staged: list[str], wanted: set[str],
           previous: set[str] | None = None) -> tuple[int, int]:
    """Move staged files into the output and delete files no page makes any more: those
    of `previous` (the files the last build wrote), or else any file not wanted.
    Return (files moved in, files deleted)."""
    if output.fresh:
        os.replace(output.staging, output.folder)
        return len(staged), 0
    root, safe = output.folder.resolve(), set()
    for rel in staged:
        target = output.folder / rel
        if target.parent not in safe:
            if not target.parent.resolve().is_relative_to(root):
                raise WriteError(f"refusing to write {rel!r}: a link leads outside the output folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            safe.add(target.parent)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(output.staged_path(rel), target)
    wanted = {checked(w) for w in wanted}
    if previous is None:
        deleted = delete_unwanted(output.folder, wanted)
    else:
        deleted = delete_files(output.folder, sorted(previous - wanted))
    remove_tree(output.staging)
    return len(staged), deleted


def delete_unwanted(outdir: Path, wanted: set[str]) -> int:
    deleted = 0
    for folder, dirs, files in os.walk(outdir, topdown=False):
        rel_folder = os.path.relpath(folder, outdir)
        for name in files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            if rel not in wanted:
                os.unlink(os.path.join(folder, name))
                deleted += 1
        if folder != str(outdir) and not os.listdir(folder):
            os.rmdir(folder)
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
