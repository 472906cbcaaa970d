"""Listing the files of a folder: every build lists the content three ways (what changed,
which articles, which files to copy), so it is done with os.scandir, not pathlib, which is
ten times slower on an archive of ten thousand files."""

from __future__ import annotations

import os
from pathlib import Path


def files_below(folder: Path) -> list[tuple[str, os.DirEntry]]:
    """(path relative to `folder` with "/" separators, its directory entry) of every file
    below it, sorted by that path; hidden files and folders (".git", ".DS_Store") left out,
    links to folders not followed."""
    found: list[tuple[str, os.DirEntry]] = []
    todo = [(str(folder), "")] if folder.is_dir() else []
    while todo:  # a loop, not a recursive closure: that would be a cycle kept until GC
        path, prefix = todo.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    todo.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    found.append((prefix + entry.name, entry))
    found.sort(key=lambda item: item[0])
    return found
