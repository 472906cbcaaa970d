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
import stat as kinds
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


class Below:
    """Files below a folder, reached without following a link on the way: each folder is
    opened from its parent with O_NOFOLLOW. The cache knows the spare by its top folder
    alone, so a link planted deeper (`2024/12 -> /etc`) changes nothing it sees; followed,
    it would have the build write, touch and delete files anywhere. A link, or a file, where
    a folder goes is replaced by a folder; one where a file goes, by the file. One a process:
    it holds the folders it opened (a few hundred at most)."""

    def __init__(self, root: Path):
        self.root, self.fds = str(root), {}

    def close(self) -> None:
        for fd in self.fds.values():
            os.close(fd)
        self.fds.clear()

    def folder(self, rel: str, make: bool) -> int | None:
        """The open folder `rel` ("" the root); None if it is not a folder and not `make`."""
        fd = self.fds.get(rel)
        if fd is not None:
            return fd
        if rel:
            parent, _, name = rel.rpartition("/")
            above = self.folder(parent, make)
            fd = None if above is None else _open_folder(above, name, make)
        else:
            fd = os.open(self.root, _FOLDER)
        if fd is not None:
            if len(self.fds) >= 256:  # most folders hold one page: keep the upper ones
                self.close()
            self.fds[rel] = fd
        return fd

    def where(self, rel: str, make: bool = False) -> tuple[int | None, str]:
        """(the open folder of the file `rel`, its name there)."""
        folder, _, name = checked(rel).rpartition("/")
        return self.folder(folder, make), name


_FOLDER = os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW


def _open_folder(above: int, name: str, make: bool) -> int | None:
    try:
        return os.open(name, _FOLDER, dir_fd=above)
    except FileNotFoundError:
        pass
    except OSError as exc:  # a link (ELOOP) or a file of the last site (ENOTDIR) in the way
        if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
            raise
        if make:
            _remove_at(above, name)
    if not make:
        return None
    try:
        os.mkdir(name, 0o755, dir_fd=above)
    except FileExistsError:  # made meanwhile by another worker
        pass
    return os.open(name, _FOLDER, dir_fd=above)


def _remove_at(folder: int, name: str) -> None:
    """Remove what is at `name` in `folder`: a file, a link (not followed) or a folder."""
    try:
        if kinds.S_ISDIR(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode):
            shutil.rmtree(name, dir_fd=folder)
        else:
            os.unlink(name, dir_fd=folder)
    except FileNotFoundError:  # removed meanwhile by another worker
        pass


def put(below: Below, rel: str, data: bytes | Path, stamp: int | None = None,
        hashed=None) -> int:
    """Write `data`, bytes or the bytes of a file (copied a piece at a time: an attachment
    may be larger than the memory), as the file `rel`, in place; give it the time `stamp`
    (ns) if set; `hashed` (a hashlib object), if given, is fed the bytes written. Return
    the file's time."""
    handle, size = _open_in_place(*below.where(rel, make=True))
    try:
        length = 0
        for piece in [data] if isinstance(data, bytes) else pieces(data):
            if hashed is not None:
                hashed.update(piece)
            view = memoryview(piece)
            length += len(view)
            while view:
                view = view[os.write(handle, view):]
        if size > length:
            os.ftruncate(handle, length)
        if stamp is not None:
            os.utime(handle, ns=(stamp, stamp))
        return os.fstat(handle).st_mtime_ns
    finally:
        os.close(handle)


def pieces(source: Path, size: int = 1 << 20):
    """The bytes of a file, a megabyte at a time."""
    with open(source, "rb") as file:
        while piece := file.read(size):
            yield piece


def written_at(below: Below, rel: str) -> int | None:
    """The modification time (ns) of the file `rel`; None if it is not there as a file."""
    folder, name = below.where(rel)
    try:
        found = None if folder is None else os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return found.st_mtime_ns if found is not None and kinds.S_ISREG(found.st_mode) else None


def touch(below: Below, rel: str, stamp: int) -> bool:
    """Give the file `rel` the time `stamp`; False if it is not there as a file."""
    folder, name = below.where(rel)
    try:
        if folder is None or not kinds.S_ISREG(
                os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode):
            return False
        os.utime(name, ns=(stamp, stamp), dir_fd=folder, follow_symlinks=False)
        return True
    except FileNotFoundError:
        return False


# O_NONBLOCK: a pipe where a file goes is an error at once (ENXIO), not a wait for a reader
_CREATE = os.O_WRONLY | os.O_CREAT | _NOFOLLOW | os.O_NONBLOCK


def _open_in_place(folder: int, name: str) -> tuple[int, int]:
    """The file `name` of `folder` opened to be written over, made if missing, and its size:
    one call for a file there already or new in a folder there already (a build into an
    empty output makes some 18,000 files)."""
    try:
        handle = os.open(name, _CREATE, 0o644, dir_fd=folder)
    except OSError as exc:  # a folder, a link or a pipe where a file goes: replaced
        if exc.errno not in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
            raise
        _remove_at(folder, name)
        return _made(folder, name)
    found = os.fstat(handle)
    # shared with a copy made by hard links, or a device: left be
    if found.st_nlink > 1 or not kinds.S_ISREG(found.st_mode):
        os.close(handle)
        os.unlink(name, dir_fd=folder)
        return _made(folder, name)
    return handle, found.st_size


def _made(folder: int, name: str) -> tuple[int, int]:
    """A new empty file at `name` of `folder`, opened, and its size."""
    return os.open(name, _CREATE | os.O_EXCL, 0o644, dir_fd=folder), 0


def delete(below: Below, rels) -> int:
    """Delete these files and the folders they leave empty (never through a link)."""
    deleted = 0
    for rel in sorted(rels):
        where, name = below.where(rel)
        if where is None:
            continue
        try:
            os.unlink(name, dir_fd=where)
            deleted += 1
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            continue  # (unlink of a folder is EISDIR, or EPERM on some systems)
        folder = posixpath.dirname(checked(rel))
        while folder:
            parent, _, name = folder.rpartition("/")
            os.close(below.fds.pop(folder))  # opened on the way to the file
            above = below.folder(parent, False)
            if above is None:
                break
            try:
                os.rmdir(name, dir_fd=above)
            except OSError:  # not empty
                break
            folder = parent
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
