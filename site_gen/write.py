"""Write stage: stage what changed beside the output, then move it in.

Nothing in the output folder is touched until every page has been rendered and staged, so
a build that fails leaves the last good site as it was. A file whose bytes did not change
is not rewritten (its time stays, so rsync sends only what changed), and nothing is ever
written outside the output folder, whatever the content says.
"""

from __future__ import annotations

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


def staging_folder(outdir: Path) -> Path:
    return outdir.with_name(f".{outdir.name}.staging")


def open_staging(outdir: Path) -> Path:
    staging = staging_folder(outdir)
    remove_tree(staging)
    staging.mkdir(parents=True)
    return staging


def checked(rel: str) -> str:
    """A relative output path that stays inside the folder, or WriteError."""
    clean = posixpath.normpath(rel)
    if rel.startswith("/") or clean.startswith("..") or clean in (".", "") or "\\" in rel:
        raise WriteError(f"refusing to write {rel!r}: it is outside the output folder")
    return clean


def stage(staging: Path, outdir: Path, rel: str, data: bytes) -> bool:
    """Stage `data` for `rel` unless the output already holds those bytes; True if staged."""
    rel = checked(rel)
    old = outdir / rel
    try:
        if old.stat().st_size == len(data) and old.read_bytes() == data:
            return False
    except OSError:
        pass
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as out:  # "x": two pages for one path is a bug, not an overwrite
        out.write(data)
    return True


def stage_copy(staging: Path, outdir: Path, rel: str, source: Path) -> bool:
    """Stage a copy of `source` unless the output has the same bytes (compared only when
    the sizes match and the times do not)."""
    rel = checked(rel)
    try:
        old, new = (outdir / rel).stat(), source.stat()
        if old.st_size == new.st_size and (old.st_mtime_ns == new.st_mtime_ns or
                                           (outdir / rel).read_bytes() == source.read_bytes()):
            return False
    except OSError:
        pass
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return True


def commit(staging: Path, outdir: Path, staged: list[str], wanted: set[str]) -> WriteStats:
    """Move staged files into the output and delete files no page makes any more."""
    if not outdir.exists():
        os.replace(staging, outdir)
        return WriteStats(len(staged), 0, 0)
    root = outdir.resolve()
    for rel in staged:
        target = outdir / rel
        if not target.parent.resolve().is_relative_to(root):
            raise WriteError(f"refusing to write {rel!r}: a link leads outside the output folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(staging / rel, target)
    deleted = delete_unwanted(outdir, {checked(w) for w in wanted})
    remove_tree(staging)
    return WriteStats(len(staged), len(wanted) - len(staged), deleted)


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


def remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
