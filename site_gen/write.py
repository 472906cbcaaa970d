"""Write stage: build the site in a staging folder, then swap it in whole.

A failed or interrupted build leaves the previous site as it was, and nothing is
written outside the output folder whatever the content says.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterable


class WriteError(Exception):
    pass


def write_site(files: Iterable[tuple[str, bytes]], copies: Iterable[tuple[str, Path]],
               outdir: Path) -> int:
    """Write rendered files and copy assets into `outdir`; return how many files."""
    staging = outdir.with_name(f".{outdir.name}.staging")
    remove_tree(staging)
    staging.mkdir(parents=True)
    root = staging.resolve()
    written: set[Path] = set()
    try:
        for rel, data in files:
            prepare(root, rel, written).write_bytes(data)
        for rel, source in copies:
            shutil.copyfile(source, prepare(root, rel, written))
    except BaseException:
        remove_tree(staging)
        raise
    swap_in(staging, outdir)
    return len(written)


def prepare(root: Path, rel: str, written: set[Path]) -> Path:
    """The checked destination of `rel`: inside `root`, and not written before."""
    target = (root / rel).resolve()
    if target == root or not target.is_relative_to(root):
        raise WriteError(f"refusing to write {rel!r}: it is outside the output folder")
    if target in written:
        raise WriteError(f"refusing to write {rel!r} twice")
    written.add(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def swap_in(staging: Path, outdir: Path) -> None:
    old = outdir.with_name(f".{outdir.name}.old")
    remove_tree(old)
    if outdir.exists():
        os.replace(outdir, old)
    os.replace(staging, outdir)
    remove_tree(old)


def remove_tree(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
