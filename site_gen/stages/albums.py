"""Photo albums ("Thư viện ảnh"): an album is a folder with an index file and its photos.

Each photo's size is read once and each thumbnail made once: both are kept in the cache
folder, the sizes keyed by the photo's path, byte size and time, the thumbnails by its
content hash. A rebuild of an album of a hundred 4 MB photos then only lists the folder.
"""

from __future__ import annotations

import contextlib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote

from PIL import Image, ImageOps, UnidentifiedImageError

from ..core.diagnostics import error, warning
from ..core.files import file_digest, file_stamp, listed_file, read_regular
from .images import (NotKept, cached_thumbnail, kept, made_as, open_picture, put_whole,
                     thumbnail_file, unchanged)

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
PHOTO_COLUMNS = ("file", "caption")  # of each row of an album's `photos:`
SIZES_FILE = "album-sizes.json"
SIZES_LIMIT = 64 << 20  # bytes: a line for each photo of the site
# A side no photo has (Pillow refuses some 89 million pixels): a forged size in the cache
# would make a thumbnail of gigabytes
MAX_SIDE = 1 << 15
_TURNED = (5, 6, 7, 8)  # EXIF orientations that swap width and height
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True, slots=True)
class Photo:
    url: str  # the full-size photo
    width: int
    height: int
    thumb: str  # the thumbnail's address (the photo itself when none was made)
    thumb_width: int
    thumb_height: int
    caption: str


def prepare_albums(index, config, content_dir: Path, where, content_files):
    """Return ({album source: its photos, in order}, [(output path, thumbnail file, the
    photo's file)], diagnostics) for every album shown. `where(problem=None)`: the folder
    thumbnails are kept in (pipeline.made_in)."""
    kinds = [k for k in config.kinds if k.feature == "album"]
    files = sorted(rel for rel, _ in content_files if rel.lower().endswith(PHOTO_SUFFIXES))
    known = _load_sizes(where())
    sizes, photos, assets, diags = {}, {}, [], []
    for kind in kinds:
        width = int(str(kind.options.get("thumbnail_width", 360)))
        for album in index.items[kind.name]:
            folder = posixpath.dirname(album.source)
            names = [rel for rel in files if posixpath.dirname(rel) == folder]
            found = []
            for rel, caption in ordered(album, names, diags):
                try:
                    photo, thumb = kept(lambda folder: _photo(
                        rel, caption, content_dir, folder, width, known, sizes), where)
                except NotKept as exc:
                    diags.append(error(album.path, 1, f"photo {rel!r}: its thumbnail {exc}"))
                    continue
                if photo is None:
                    diags.append(warning(album.path, 1, f"photo {rel!r} is unreadable"))
                    continue
                found.append(photo)
                assets += thumb
            photos[album.source] = tuple(found)
    _save_sizes(where(), sizes, known)
    return MappingProxyType(photos), assets, diags


def ordered(album, names: list[str], diags) -> list[tuple[str, str]]:
    """(photo path, caption): those listed under `photos:` first, in that order, with their
    captions; then the others by file name (file_order), captioned by their names."""
    by_name = {posixpath.basename(rel): rel for rel in names}
    chosen, listed = [], {}
    for row in album.fields.get("photos", ()):
        row = _one_line_row(row)
        problem = _row_problem(row, by_name, listed)
        if problem:
            diags.append(error(album.path, row["line"], f"photos: {problem}"))
            continue
        listed[row["file"]] = row["line"]
        rel = by_name.pop(row["file"])
        chosen.append((rel, row.get("caption") or caption_of(rel)))
    rest = sorted(by_name.items(), key=lambda item: (file_order(item[0]), item[0]))
    return chosen + [(rel, caption_of(rel)) for _, rel in rest]


def file_order(name: str) -> tuple:
    """A name's place as a file window shows it (and so staff expect): numbers by their
    value, anh-2.jpg before anh-10.jpg; letters whatever their case."""
    return tuple(int(part) if part.isdigit() else part
                 for part in _DIGITS.split(name.casefold()))


def _one_line_row(row: dict) -> dict:
    """A row written `- toan-canh.jpg: Toàn cảnh` (a file's name and its caption, the
    shortest YAML list of captions) as `file:` and `caption:`; any other row as it is."""
    cells = [name for name in row if name != "line"]
    if len(cells) == 1 and cells[0] not in PHOTO_COLUMNS and "." in cells[0]:
        return {"file": cells[0], "caption": row[cells[0]], "line": row["line"]}
    return row


def _row_problem(row: dict, by_name: dict, listed: dict) -> str:
    """What is wrong with a row of `photos:`, or "": a caption written under a misspelt
    column, or for a photo listed twice, would be lost without a word."""
    unknown = sorted(set(row) - set(PHOTO_COLUMNS) - {"line"})
    if unknown:
        return f"unknown column {unknown[0]!r} (known: {', '.join(PHOTO_COLUMNS)})"
    name = row.get("file", "")
    if not name:
        return "each entry needs `file:`, the name of a photo in the album's folder"
    if name in listed:
        return f"photo {name!r} is listed twice (first on line {listed[name]})"
    if not name.lower().endswith(PHOTO_SUFFIXES):  # a scan (.tif), a phone's .heic
        return (f"{name!r} is not a photo a browser shows: save it as "
                f"{', '.join(PHOTO_SUFFIXES[:-1])} or {PHOTO_SUFFIXES[-1]}")
    if name not in by_name:
        return f"no photo {name!r} in the album's folder"
    return ""


def caption_of(rel: str) -> str:
    """hop-mat_dau-nam.jpg -> "Hop mat dau nam": better than nothing, and staff can write
    a caption under `photos:`."""
    words = posixpath.splitext(posixpath.basename(rel))[0].replace("_", " ").replace("-", " ")
    text = " ".join(words.split())
    return text[:1].upper() + text[1:]


def _photo(rel, caption, content_dir: Path, cache_dir, width: int, known: dict, sizes: dict):
    path = listed_file(content_dir, rel) or content_dir / rel  # the name on the disk
    try:
        stat = path.stat()
        stamp = list(file_stamp(stat))
        entry = known.get(rel)
        if entry is None or entry[0] != stamp:
            entry = [stamp, *_measure(path)]
        sizes[rel] = entry
        _, digest, w, h = entry
        # an address, not a path: "Khai mạc #1.jpg" would end at its "#" in a browser
        url = "/" + quote(rel)
        if w <= width:
            return Photo(url, w, h, url, w, h, caption), []
        tw, th = width, max(1, round(h * width / w))
        target = _thumbnail(path, digest, tw, th, cache_dir)
        thumb = f"thumbs/album/{width}/{rel}"
        return Photo(url, w, h, "/" + quote(thumb), tw, th, caption), [(thumb, target, path)]
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None, []


def _measure(path: Path) -> list:
    """[content hash, width, height as shown]: read once per change of the file."""
    digest = file_digest(path, "sha256").hexdigest()[:20]
    with open_picture(path) as image:
        w, h = image.size
        if image.getexif().get(0x0112) in _TURNED:
            w, h = h, w
    return [digest, w, h]


def _thumbnail(path: Path, digest: str, w: int, h: int, cache_dir: Path) -> Path:
    suffix = path.suffix.lower()

    def make() -> bytes:
        with open_picture(path) as image:
            kind = image.format
            image.draft("RGB", (max(w, h),) * 2)  # a JPEG decodes at a fraction of its size
            small = ImageOps.exif_transpose(image)
            small = small.convert("RGB") if suffix in (".jpg", ".jpeg") else small
            made = made_as(small, kind, (w, h))
        unchanged(path, digest)
        return made

    return cached_thumbnail(thumbnail_file(cache_dir, f"{digest}-album{w}{suffix}"), make)


def _load_sizes(cache_dir: Path) -> dict:
    """The sizes the last build read; anything malformed is read again (untrusted)."""
    try:
        data = json.loads(read_regular(cache_dir / SIZES_FILE, SIZES_LIMIT))
    except (OSError, ValueError, TypeError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {rel: entry for rel, entry in data.items() if _well_formed(entry)}


def _well_formed(entry) -> bool:
    return (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], list)
            and len(entry[0]) == 2 and isinstance(entry[0][0], int)
            and isinstance(entry[0][1], str)
            and isinstance(entry[1], str) and len(entry[1]) == 20
            and all(c in "0123456789abcdef" for c in entry[1])
            and all(type(n) is int and 0 < n <= MAX_SIDE for n in entry[2:]))


def _save_sizes(cache_dir: Path, sizes: dict, known: dict) -> None:
    """Kept if the cache folder takes them (not on a full disk): else measured again."""
    if sizes != known:
        with contextlib.suppress(OSError):
            put_whole(cache_dir / SIZES_FILE, json.dumps(sizes, sort_keys=True).encode())
