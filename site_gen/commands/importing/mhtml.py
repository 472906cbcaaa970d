"""Pages saved as one file (.mht, .mhtml: "Save as single file" in Internet Explorer, Edge
and Chrome on the office PCs): a MIME multipart/related message of the page and its
pictures and files, each part named by its address (Content-Location).

The parts are unpacked into a folder laid out by their addresses (host/path), as wget lays
out a mirror, so that the page's pictures and files are then found as in a mirror."""

from __future__ import annotations

import email
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .wayback import original_address

MHTML_SUFFIXES = (".mht", ".mhtml")
MAX_MHTML_BYTES = 64 * 1024 * 1024  # a page with its pictures; larger is no saved article
MAX_PARTS = 2000  # a portal page has a few hundred at most (pictures, styles, scripts)
MAX_DEPTH = 3  # browsers write one level; a multipart in a multipart is rare already


class MhtmlError(ValueError):
    """Why a single-file page cannot be read: said on one line, the rest imported."""


def is_mhtml(path: Path) -> bool:
    return path.suffix.lower() in MHTML_SUFFIXES


def unpack_mhtml(data: bytes, scratch: Path) -> tuple[bytes, str, Path]:
    """(the page's bytes, its address or "", the folder its other parts went into)."""
    # Every part begins on a `--boundary` line: counting such lines before parsing bounds
    # the work a file of thousands of parts would make (a line of text may count too).
    if data.count(b"\n--") > MAX_PARTS:
        raise MhtmlError("too many parts")
    try:
        message = email.message_from_bytes(data)
        parts = list(leaves(message, 0))
    except RecursionError:
        raise MhtmlError("parts nested too deep") from None
    page = next((p for p in parts if p.get_content_type() == "text/html"), None)
    if page is None:
        raise MhtmlError("no web page in it")
    folder = Path(tempfile.mkdtemp(dir=scratch))
    for part in parts:
        if part is not page:
            save_part(part, folder)
    address = original_address(str(page.get("Content-Location") or
                                   message.get("Snapshot-Content-Location") or ""))
    return page.get_payload(decode=True) or b"", address if is_web(address) else "", folder


def leaves(part, depth: int):
    """The parts that hold something (a page, a picture), not more parts."""
    if not part.is_multipart():
        yield part
        return
    if depth >= MAX_DEPTH:
        raise MhtmlError("parts nested too deep")
    for inner in part.get_payload():
        yield from leaves(inner, depth + 1)


def save_part(part, folder: Path) -> None:
    """Write a part where a mirror would hold its address; a part that is broken (bad
    base64) or has no usable address is left out, and the page's link to it is then
    reported missing like any file not saved."""
    target = place(str(part.get("Content-Location") or ""), folder)
    if target is None:
        return
    data = part.get_payload(decode=True)
    if part.defects or not isinstance(data, bytes):
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError:  # a name too long, a file where a folder is wanted: left out
        pass


def place(location: str, folder: Path) -> Path | None:
    """folder/host/path?query, as find_in_mirror looks for it; None for an address that
    is no web address or would lead out of the folder (`..`, an empty name)."""
    address = original_address(location.strip())
    if not is_web(address):
        return None
    parts = urlsplit(address)
    names = [parts.netloc, *unquote(parts.path).split("/")[1:]]
    if parts.query:
        names[-1] += f"?{parts.query}"
    if any(name in ("", ".", "..") or "\0" in name or "\\" in name for name in names):
        return None
    return folder.joinpath(*names)


def is_web(address: str) -> bool:
    parts = urlsplit(address)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
