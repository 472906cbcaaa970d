"""Saved pages on disk: which files are pages, how their bytes are text, where they were."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ...core.text import normalize

# What `wget --mirror` and browsers save pages as; a query (`tin.aspx?ItemID=5`) may follow.
PAGE_SUFFIXES = (".html", ".htm", ".txt", ".aspx", ".asp", ".php", ".jsp", ".shtml", ".xhtml")
MAX_PAGE_BYTES = 8 * 1024 * 1024  # a saved article is far smaller; a larger file is not one
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?", re.I)
_ALIASES = {"windows-1258": "cp1258", "x-cp1258": "cp1258", "utf8": "utf-8"}


def is_page(path: Path) -> bool:
    name = path.name.split("?", 1)[0].lower()
    return name.endswith(PAGE_SUFFIXES)


def find_pages(sources: list[Path]) -> list[tuple[Path, Path]]:
    """(page, the folder it was found in) for every page below the sources, sorted."""
    pages = {}
    for source in sources:
        found = source.rglob("*") if source.is_dir() else [source]
        root = source if source.is_dir() else source.parent
        for path in found:
            if path.is_file() and not path.is_symlink() and is_page(path):
                pages.setdefault(path, root)
    return sorted(pages.items())


def decode_page(data: bytes) -> str:
    """The page's text: as its BOM or <meta charset> says, else UTF-8 if it is valid UTF-8,
    else what charset-normalizer finds (old portals wrote windows-1258 and said nothing)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return normalize(data[3:].decode("utf-8", errors="replace"))
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            return normalize(data.decode(_ALIASES.get(name, name)))
        except (LookupError, UnicodeError):  # "undefined" is a codec that refuses all
            pass  # a wrong declaration is common; fall through to what the bytes say
    try:
        return normalize(data.decode("utf-8"))
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        text = str(best) if best is not None else data.decode("cp1258", errors="replace")
        return normalize(text)


def mirror_address(path: Path, root: Path) -> str:
    """The address a page had, guessed from where wget saved it: `host/path` below the
    folder given, `.html` that wget -E added taken off."""
    parts = path.relative_to(root).as_posix().split("/")
    name = parts[-1]
    if re.search(r"\.(aspx?|php|jsp)(\?.*)?\.html?$", name, re.I):
        parts[-1] = name.rsplit(".", 1)[0]
    rel = "/".join(quote(p, safe="?=&+@:,;") for p in parts)
    if _is_host(root.name):
        return f"https://{root.name}/{rel}"
    if len(parts) > 1 and _is_host(parts[0]):
        return f"https://{rel}"
    return "file:///" + str(PurePosixPath(root.resolve().as_posix()) / rel).lstrip("/")


def _is_host(name: str) -> bool:
    return bool(_HOST.fullmatch(name)) and not is_page(Path(name))
