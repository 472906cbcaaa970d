"""Listing the files of a folder: every build lists the content three ways (what changed,
which articles, which files to copy), so it is done with os.scandir, not pathlib, which is
ten times slower on an archive of ten thousand files.

Symbolic links: a link to a file is followed when that file is inside the folder listed
(after every link on the way is resolved) and not hidden; any other link (to a file outside,
to a folder, broken, or a loop) is left out and named in the listing's `refused`, for the caller to
report. Folders are never entered through links, so a loop ends at once, and no byte of a
file outside the folder is ever listed.
"""

from __future__ import annotations

import hashlib
import os
import stat as kinds
import unicodedata
from pathlib import Path


class Listing(list):
    """[(path relative to the folder with "/" separators, its directory entry)], and
    `refused`: [(relative path, why)] of the links not followed, the names that are not
    text and the folders not read."""

    refused: list[tuple[str, str]]


def files_below(folder: Path) -> Listing:
    """Every file below `folder`, sorted by path; hidden files and folders (".git",
    ".DS_Store") left out, links followed only to files inside it."""
    found, refused = Listing(), []
    root = os.path.realpath(folder)
    todo = [(str(folder), "")] if folder.is_dir() else []
    while todo:  # a loop, not a recursive closure: that would be a cycle kept until GC
        path, prefix = todo.pop()
        try:
            entries = list(os.scandir(path))
        except OSError as exc:  # no permission, or gone since it was listed
            refused.append((prefix or ".", f"folder not read: {exc.strerror}"))
            continue
        named: dict[str, str] = {}
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            if not entry.name.isascii() and not utf8(entry.name):
                shown = os.fsencode(entry.name).decode("utf-8", "replace")
                refused.append((prefix + shown, "name is not UTF-8 text; rename it"))
                continue
            # Listed by the name as text (NFC), which is how every page, address and front
            # matter line names it: a Mac writes "ảnh" with combining accents (NFD).
            name = entry.name if entry.name.isascii() else nfc(entry.name)
            if named.setdefault(name, entry.name) != entry.name:
                refused.append((prefix + entry.name, f"the same name as {named[name]!r}, "
                                "written with other accent codes; rename one of them"))
                continue
            if entry.is_symlink():
                why = link_problem(entry.path, root)
                if why:
                    refused.append((prefix + name, f"symbolic link refused: {why}"))
                    continue
            if entry.is_dir(follow_symlinks=False):
                todo.append((entry.path, f"{prefix}{name}/"))
            elif entry.is_file():
                found.append((prefix + name, entry))
            else:  # reading a pipe waits for a writer: told, not passed over in silence
                refused.append((prefix + name, "not a file nor a folder (a pipe, a "
                                               "socket or a device): not read"))
    found.sort(key=lambda item: item[0])
    found.refused = sorted(refused)
    return found


def file_stamp(stat: os.stat_result) -> tuple[int, str]:
    """(size, a mark of when and which file): tells a file changed without reading it. The
    change time is in it, which no tool sets back (`touch -r`, `cp -p`, `rsync -a` or an
    archive unpacked set the modification time, and an edit may keep the size), and the
    inode: a file put in another's place."""
    return stat.st_size, f"{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, or OSError: for a link (the last part of
    the path), a pipe or a device (reading one waits, or never ends) and a file larger than
    `limit`. For what a build keeps in its own folders, which anyone may have put there."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        found = os.fstat(handle)
        if not kinds.S_ISREG(found.st_mode) or found.st_size > limit:
            raise OSError(f"{path} is not a file of at most {limit} bytes")
        with os.fdopen(os.dup(handle), "rb") as file:
            return file.read(limit + 1)[:limit]
    finally:
        os.close(handle)


def file_digest(path: Path, algorithm: str = "sha1"):
    """The hash of a file's bytes, read a piece at a time (a file may be larger than the
    memory: a 3 GB attachment was a MemoryError)."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, algorithm)


def utf8(name: str) -> bool:
    """Whether a name read from the disk is text: a name of other bytes comes with stand-ins
    that no page, address or message can hold."""
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def inside(folder, path) -> bool:
    """Whether `path`, every link on the way resolved, is below `folder` (resolved too)."""
    return os.path.realpath(path).startswith(os.path.join(os.path.realpath(folder), ""))


def listed_file(folder: Path, rel: str) -> Path | None:
    """The file at `rel` below `folder` if files_below lists it, else None: no hidden name
    on the way, no folder entered through a link, a link followed only to a file inside.
    What a build reads by name (a lead image, an attachment) is then what it lists, and so
    what its check for changes covers."""
    parts = rel.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    if not rel.isascii():  # listed by its name as text: find the name on the disk
        parts = _disk_names(folder, parts)
        if parts is None:
            return None
    path = folder.joinpath(*parts)
    if any(folder.joinpath(*parts[:n]).is_symlink() for n in range(1, len(parts))):
        return None
    if path.is_symlink():
        return None if link_problem(str(path), os.path.realpath(folder)) else path
    return path if path.is_file() else None


def nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _disk_names(folder: Path, parts: list[str]) -> list[str] | None:
    """`parts` as the disk names them: a name written with combining accents (NFD, as a Mac
    writes it) is the same name to files_below, which lists names as NFC text."""
    found, here = [], folder
    for part in parts:
        if not os.path.lexists(here / part):
            try:
                part = next((n for n in os.listdir(here) if nfc(n) == nfc(part)), part)
            except OSError:
                return None
        found.append(part)
        here = here / part
    return found


def link_problem(path: str, root: str) -> str | None:
    """Why the link at `path` is not followed, or None for a file inside `root` (resolved)."""
    target = os.path.realpath(path)
    if target == root:  # the folder itself (`up -> ..`): inside, and a folder
        return "it leads to a folder; only links to files are followed"
    if not inside(root, target):
        return "it leads outside the folder"
    if any(part.startswith(".") for part in os.path.relpath(target, root).split(os.sep)):
        return "it leads to a hidden file, which is never published"
    if os.path.isdir(target):
        return "it leads to a folder; only links to files are followed"
    if not os.path.isfile(target):
        return "it leads nowhere (a missing file or a loop of links)"
    return None
