"""Saved pages on disk: which files are pages, how their bytes are text, where they were."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ...core.text import normalize

# What `wget --mirror` and browsers save pages as; a query (`tin.aspx?ItemID=5`) may follow.
# .mht/.mhtml: a page saved as one file, with its pictures (see mhtml.py).
PAGE_SUFFIXES = (".html", ".htm", ".txt", ".aspx", ".asp", ".php", ".jsp", ".shtml", ".xhtml",
                 ".mht", ".mhtml")
MAX_PAGE_BYTES = 8 * 1024 * 1024  # a saved article is far smaller; a larger file is not one
# Tags of a page: a long article's has a few thousand. Reading a page looks through it some
# forty times, at about a second per 200,000 elements (a page of nested <div>s: minutes).
MAX_TAGS = 50_000
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?", re.I)
# a host a folder above the one given may be named after: "….gov.vn", "….com" (a folder
# named like "nguyen.van.a" is a person's, not a portal's)
_TOP_LEVEL = re.compile(r"\.(vn|com|net|org|info|edu|gov|biz)(:\d+)?$", re.I)
MIRROR_DEPTH = 8  # folders between a page given and its host folder, at most
_ALIASES = {"windows-1258": "cp1258", "x-cp1258": "cp1258", "utf8": "utf-8"}
# Western charsets an editor or a CMS template declared by default: no Vietnamese page is in
# one, so the bytes decide (UTF-8, or the windows-1258 they mostly are).
_WESTERN = ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii",
            "ascii", "iso-8859-15")


def is_page(path: Path) -> bool:
    name = path.name.split("?", 1)[0].lower()
    return name.endswith(PAGE_SUFFIXES)


def in_saved_files(path: Path) -> bool:
    """In the `<name>_files` folder a browser's "Save page, complete" writes beside
    `<name>.html`: the pictures, scripts and the frames of the page (a Facebook box as
    `saved_resource.html`), never an article of its own."""
    for folder in path.parents:
        if folder.name.endswith("_files") and any(
                (folder.parent / (folder.name[:-6] + suffix)).is_file() for suffix in (".html", ".htm")):
            return True
    return False


def find_pages(sources: list[Path]) -> list[tuple[Path, Path]]:
    """(page, the folder it was found in) for every page below the sources, sorted."""
    pages = {}
    for source in sources:
        folder = source if source.is_dir() else source.parent
        root = mirror_root(folder)
        source = source.absolute() if root.is_absolute() and not folder.is_absolute() else source
        found = source.rglob("*") if source.is_dir() else [source]
        for path in found:
            # a link (to a page or a folder) is not followed: it is reported
            if path.is_file() and is_page(path) or path.is_symlink() and (is_page(path) or path.is_dir()):
                pages.setdefault(path, root)
    return sorted(pages.items())


GZIP_MAGIC = b"\x1f\x8b"


class PackedPageError(ValueError):
    """A saved page compressed with gzip that does not unpack, or unpacks too large."""


def ungzip(data: bytes) -> bytes:
    """The page's bytes: a page wget saved as the server sent it, gzip-compressed (its bytes
    start 1f 8b), unpacked so far as MAX_PAGE_BYTES and no further; other bytes as they are."""
    if not data.startswith(GZIP_MAGIC):
        return data
    import zlib

    unpacker = zlib.decompressobj(wbits=31)
    try:
        unpacked = unpacker.decompress(data, MAX_PAGE_BYTES + 1)
    except zlib.error as exc:
        raise PackedPageError(f"cannot read: a gzip-compressed page that does not unpack ({exc})") from None
    if len(unpacked) > MAX_PAGE_BYTES:
        raise PackedPageError("not an article: larger than any saved article once unpacked")
    if not unpacker.eof:  # a download cut short: a part of the article, read as the whole
        raise PackedPageError("cannot read: a gzip-compressed page cut short")
    return unpacked


def linked_page(path: Path) -> str:
    """Why a page or a folder saved as a symbolic link is not read, or "": what it points
    to may lie outside the saved pages (a link to /etc/passwd, or to another site's folder)."""
    if not path.is_symlink():
        return ""
    import os

    return (f"not read: a symbolic link (to {os.readlink(path)}); what it points to is imported "
            "when it lies in the folders given")


def decode_page(data: bytes) -> str:
    """The page's text: UTF-8 when the bytes are UTF-8 (whatever the page declares: no
    windows-1258 text of Vietnamese is valid UTF-8), else as its <meta charset> says, else
    windows-1258 (what old portals wrote, declaring nothing or iso-8859-1), else what
    charset-normalizer finds."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return normalize(data[len(bom):].decode(codec, errors="replace"))
    declared = _META_CHARSET.search(data[:4096])
    name = declared.group(1).decode("ascii", "replace").lower() if declared else "utf-8"
    for codec in dict.fromkeys(("utf-8", _ALIASES.get(name, name), "cp1258")):
        if codec in _WESTERN:
            continue  # a wrong declaration is common; what the bytes say decides
        try:
            return normalize(data.decode(codec))
        except (LookupError, UnicodeError):  # "undefined" is a codec that refuses all
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    text = str(best) if best is not None else data.decode("cp1258", errors="replace")
    return normalize(text)


def mirror_address(path: Path, root: Path) -> str:
    """The address a page had, guessed from where wget saved it: `host/path` below the
    folder given, `.html` that wget -E added taken off."""
    parts = path.relative_to(root).as_posix().split("/")
    # wget on Windows (its default --restrict-file-names=windows) saves the `?` of an
    # address as `@`: `tin.aspx@ItemID=5.html` is `tin.aspx?ItemID=5`
    name = parts[-1] = re.sub(r"(\.(?:aspx?|php|jsp))@", r"\1?", parts[-1], count=1, flags=re.I)
    if re.search(r"\.(aspx?|php|jsp)(\?.*)?\.html?$", name, re.I):
        parts[-1] = name.rsplit(".", 1)[0]
    # a name in bytes that are not UTF-8 (an address in windows-1258) keeps its bytes, %-quoted
    rel = "/".join(quote(p, safe="?=&+@:,;", errors="surrogateescape") for p in parts)
    if _is_host(root.name):
        return f"https://{root.name}/{rel}"
    if len(parts) > 1 and _is_host(parts[0]):
        return f"https://{rel}"
    # a host's folder deeper down: mirrors kept by date (`2023/huyen.gov.vn/…`)
    host = next((n for n, p in enumerate(parts[:-1][:MIRROR_DEPTH])
                 if _is_host(p) and _TOP_LEVEL.search(p)), None)
    if host is not None:
        return "https://" + "/".join(rel.split("/")[host:])
    return "file:///" + str(PurePosixPath(root.resolve().as_posix()) / rel).lstrip("/")


def mirror_root(folder: Path) -> Path:
    """The host folder (`huyenuy.ninhhai.gov.vn/`) a folder of a wget mirror lies in, when
    a section (`…/tin-tuc/`) or one page was given: the old addresses and the pictures
    (`/Upload/…`) are read from there. Else the folder itself."""
    if _is_host(folder.name):
        return folder
    for parents in (folder.parents, folder.absolute().parents):  # `import .` inside it too
        for parent in list(parents)[:MIRROR_DEPTH]:
            if _is_host(parent.name) and _TOP_LEVEL.search(parent.name):
                return parent
    return folder


def _is_host(name: str) -> bool:
    return bool(_HOST.fullmatch(name)) and not is_page(Path(name))
