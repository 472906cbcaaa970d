"""Write stage: two trees and an atomic switch, so a reader sees the old site or the new one.

The output folder (`public/`) is always a whole site. A build writes the next site into a
second folder beside it (`.public.spare/`), then swaps the two names at once (Linux's
renameat2 with RENAME_EXCHANGE): the spare now holds the site before, which the next build
brings up to date in place. Writing a file in place is several times cheaper on this kind of
disk than making a new one, so a rebuild costs what changed since the spare was last made,
not the whole site. A build that is killed, runs out of disk or fails leaves the output
folder as it was; the spare is then of unknown contents, and the next build writes it whole.

What the spare holds is known from the record of the build that made it (file -> what it
was made from, and its time), kept in the cache; the output folder is never read back.
Nothing is written outside the spare: paths are checked, links are not followed.
"""

from __future__ import annotations

import ctypes
import errno
import os
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


class WriteError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class WriteStats:
    written: int
    unchanged: int
    deleted: int


def spare_of(output: Path) -> Path:
    return output.with_name(f".{output.name}.spare")


def lock_of(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")


def tree_id(folder: Path) -> str | None:
    """Which folder this is, whatever its name after swaps: its device, inode and change
    time (a folder deleted and made again may get the same inode, never the same time;
    a swap changes the time, and the build records it after)."""
    try:
        stat = os.stat(folder, follow_symlinks=False)
    except OSError:
        return None
    if not os.path.isdir(folder) or os.path.islink(folder):
        return None
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_ctime_ns}"


def open_spare(output: Path) -> Path:
    """The spare folder, made if missing; anything else in its place is removed."""
    spare = spare_of(output)
    if spare.is_symlink() or (spare.exists() and not spare.is_dir()):
        spare.unlink()
    spare.mkdir(parents=True, exist_ok=True)
    return spare


def checked(rel: str) -> str:
    """A relative output path that stays inside the folder, or WriteError."""
    clean = posixpath.normpath(rel)
    if (rel.startswith("/") or clean.startswith("..") or clean in (".", "") or "\\" in rel
            or "\0" in rel):
        raise WriteError(f"refusing to write {rel!r}: it is outside the output folder")
    return clean


def put(folder: Path, rel: str, data: bytes, stamp: int | None = None) -> int:
    """Write `data` as the file `rel` of `folder`, in place; give it the time `stamp` (ns)
    if set. Return the file's time. Links on the way are never followed."""
    path = f"{folder}/{checked(rel)}"
    handle, size = _open_in_place(folder, path)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
        if size > len(data):
            os.ftruncate(handle, len(data))
        if stamp is not None:
            os.utime(handle, ns=(stamp, stamp))
        return os.fstat(handle).st_mtime_ns
    finally:
        os.close(handle)


_CREATE = os.O_WRONLY | os.O_CREAT | _NOFOLLOW


def _open_in_place(folder: Path, path: str) -> tuple[int, int]:
    """The file at `path` opened to be written over, made if missing, and its size. One
    call for a file there already or new in a folder there already: a build into an empty
    output makes some 18,000 files."""
    try:
        handle = os.open(path, _CREATE, 0o644)
    except FileNotFoundError:
        # the spare's folders are ours: made by a build, or cleared of links and strays
        # when its contents were unknown (delete_unwanted)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except (FileExistsError, NotADirectoryError):  # a file of the last site in the way
            _make_parents(folder, path)
        return _made(path)
    except OSError as exc:  # a folder or a link where a file goes: replaced by the file
        if exc.errno not in (errno.ELOOP, errno.EISDIR):
            raise
        remove_tree(Path(path))
        return _made(path)
    found = os.fstat(handle)
    if found.st_nlink > 1:  # shared with a copy made by hard links: leave it be
        os.close(handle)
        os.unlink(path)
        return _made(path)
    return handle, found.st_size


def _made(path: str) -> tuple[int, int]:
    """A new empty file at `path`, opened, and its size."""
    return os.open(path, _CREATE | os.O_EXCL, 0o644), 0


def _make_parents(folder: Path, path: str) -> None:
    """Make the folders of `path` below `folder`, replacing a link or file on the way."""
    current = str(folder)
    for part in os.path.relpath(os.path.dirname(path), folder).split(os.sep):
        current = f"{current}/{part}"
        if os.path.islink(current) or (os.path.exists(current) and not os.path.isdir(current)):
            os.unlink(current)
        os.makedirs(current, exist_ok=True)


def delete(folder: Path, rels) -> int:
    """Delete these files of `folder` and the folders they leave empty."""
    deleted = 0
    for rel in sorted(rels):
        path = folder / checked(rel)
        if path.is_symlink() or path.is_file():
            path.unlink()
            deleted += 1
        for parent in path.parents:
            if parent == folder or not parent.is_dir() or any(parent.iterdir()):
                break
            parent.rmdir()
    return deleted


def delete_unwanted(folder: Path, wanted: set[str]) -> int:
    """Delete every file and link of `folder` not wanted, and the folders left empty (for a
    spare whose contents are unknown). Return how many files were deleted."""
    return _prune(str(folder), "", wanted)[0]


def _prune(path: str, prefix: str, wanted: set[str]) -> tuple[int, bool]:
    """(files deleted below `path`, whether anything is left in it). One scandir a folder:
    os.walk with a stat a name took four times as long on a site of 18,000 folders."""
    deleted, left = 0, False
    with os.scandir(path) as found:
        entries = list(found)
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            gone, kept = _prune(entry.path, rel + "/", wanted)
            deleted += gone
            if kept:
                left = True
            else:
                os.rmdir(entry.path)
        elif rel in wanted:
            left = True
        else:  # a file or a link, to a folder or not: never followed
            os.unlink(entry.path)
            deleted += 1
    return deleted, left


def swap(output: Path, spare: Path) -> None:
    """Make the spare the output at once; the output becomes the spare."""
    if not os.path.lexists(output):
        os.rename(spare, output)
        return
    if not _exchange(spare, output):  # no atomic exchange here: two renames, a moment apart
        aside = output.with_name(f".{output.name}.aside")
        remove_tree(aside)
        os.rename(output, aside)
        os.rename(spare, output)
        os.rename(aside, spare)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        done = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),
                              _RENAME_EXCHANGE) == 0
    except (AttributeError, OSError):
        return False
    if not done and ctypes.get_errno() not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
    return done


def remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
