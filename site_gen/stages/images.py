"""Lead images: their sizes for width/height, and thumbnails for list pages.

Thumbnails are made with Pillow into the cache folder, named by the image's content hash,
so an image that did not change is never processed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote, unquote, urlsplit

from PIL import Image, UnidentifiedImageError
from PIL import __version__ as PILLOW

from ..cache.store import clear_way
from ..core.diagnostics import error, warning
from ..core.files import file_digest, listed_file, read_regular

# bytes: more than any thumbnail a build makes (a few hundred pixels wide)
THUMB_LIMIT = 64 << 20
# The formats a browser shows. Pillow tells a picture by its bytes, whatever its name, among
# some forty formats; EPS is one, and it hands that to Ghostscript, an interpreter with a
# long record of escapes, wherever one is installed: a "photo.jpg" that is PostScript ran.
WEB_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "BMP")  # JPEG takes phones' MPO too


@dataclass(frozen=True, slots=True)
class Thumb:
    width: int
    height: int
    url: str


@dataclass(frozen=True, slots=True)
class Picture:
    url: str
    width: int | None = None
    height: int | None = None
    thumbs: tuple[Thumb, ...] = ()

    @property
    def smallest(self) -> Thumb | None:
        return self.thumbs[0] if self.thumbs else None


def prepare_images(articles, content_dir: Path, where, widths):
    """Return ({image address: Picture}, [(output path, thumbnail file, the image's file)],
    diagnostics).
    `where(problem=None)`: the folder thumbnails are kept in, another once one could not
    be written there (pipeline.made_in)."""
    pictures, assets, diags = {}, [], []
    for article in articles:
        url = article.image
        if not url or url in pictures:
            continue
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            pictures[url] = Picture(url)  # an outside image: shown as it is
            continue
        rel = posixpath.normpath(unquote(parts.path).lstrip("/"))  # /anh//a.jpg is anh/a.jpg
        source = listed_file(content_dir, rel)
        try:
            if source is None:
                raise FileNotFoundError
            picture, thumbs = kept(lambda folder: measure(url, rel, source, folder, widths),
                                   where)
        except NotKept as exc:
            diags.append(error(article.path, article.line("image"),
                               f"image {url!r}: its thumbnail {exc}"))
            picture, thumbs = Picture(url), []
        except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as exc:
            reason = "not found in the content folder" if source is None else f"unreadable ({exc})"
            diags.append(warning(article.path, article.line("image"), f"image {url!r} {reason}"))
            picture, thumbs = Picture(url), []
        pictures[url] = picture
        assets += thumbs
    return MappingProxyType(pictures), assets, diags


def measure(url: str, rel: str, source: Path, cache_dir: Path, widths):
    digest = file_digest(source, "sha256").hexdigest()[:20]
    with open_picture(source) as image:
        width, height = image.size
        thumbs, assets = [], []
        for w in (w for w in widths if w < width):
            h = max(1, round(height * w / width))
            thumb = f"thumbs/{w}/{rel}"
            thumbs.append(Thumb(w, h, "/" + quote(thumb)))  # an address: a "#" would end it
            assets.append((thumb, make_thumbnail(image, digest, w, h, source, cache_dir),
                           source))
    return Picture(url, width, height, tuple(thumbs)), assets


def open_picture(path: Path) -> Image.Image:
    """The picture at `path`, opened only as one of WEB_FORMATS (UnidentifiedImageError
    otherwise): no other format's reader, nor any program it would run, sees its bytes."""
    try:
        return Image.open(path, formats=WEB_FORMATS)
    except UnidentifiedImageError:
        raise UnidentifiedImageError("not a JPEG, PNG, GIF, WebP or BMP picture") from None


def make_thumbnail(image: Image.Image, digest: str, w: int, h: int, source: Path,
                   cache_dir: Path) -> Path:
    suffix = source.suffix

    def make() -> bytes:
        small = image.convert("RGB") if suffix.lower() in (".jpg", ".jpeg") else image.copy()
        made = made_as(small, image.format, (w, h))
        unchanged(source, digest)
        return made

    return cached_thumbnail(thumbnail_file(cache_dir, f"{digest}-{w}{suffix.lower()}"), make)


def unchanged(source: Path, digest: str) -> None:
    """OSError unless the picture still has the bytes of `digest`, by which a thumbnail
    made of it is named: one saved while it was read (serve rebuilds as files are copied
    in) left a thumbnail of the new picture under the old bytes' name, which every later
    build with the old picture back published. Checked once one is made (they are made
    once), not when one is taken."""
    if file_digest(source, "sha256").hexdigest()[:20] != digest:
        raise OSError(f"{source} changed while it was read")


def thumbnail_file(cache_dir: Path, name: str) -> Path:
    """Where a thumbnail is kept: with the Pillow version that made it, since another (an
    upgrade) may make other bytes of the same image, and a clean build would show those."""
    return cache_dir / "thumbs" / f"pillow-{PILLOW}" / name


def forget_other_versions(cache_dir: Path) -> None:
    """Drop the thumbnails another Pillow version made: no build takes them again, and CI,
    which installs the newest, would otherwise add a copy of every one to the cache it
    downloads at each upgrade."""
    with contextlib.suppress(OSError):  # a cache it cannot write: kept as it is
        for entry in list(os.scandir(cache_dir / "thumbs")):
            if entry.name.startswith("pillow-") and entry.name != f"pillow-{PILLOW}":
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)  # nothing below followed
                else:
                    os.unlink(entry.path)


class NotKept(Exception):
    """A thumbnail made that its folder would not take (a full disk): a problem of the
    build's, not of the image, said as such."""


def kept(make, where):
    """`make(folder)` in the folder thumbnails are kept in, or, if it would not take them,
    in the one `where` gives then (a scratch folder); NotKept if neither would."""
    try:
        return make(where())
    except NotKept as exc:
        return make(where(str(exc)))


def cached_thumbnail(target: Path, make) -> Path:
    """`target`, a thumbnail in the cache folder, made by `make()` (its bytes) unless it
    holds the very bytes a build made there: their checksum is kept beside it, so a file
    damaged, cut short or put there (a link may lead anywhere) is made again, never
    published. NotKept if it cannot be written."""
    check = target.with_name(target.name + ".sha256")
    try:
        if (read_regular(check, 64)
                == hashlib.sha256(read_regular(target, THUMB_LIMIT)).hexdigest().encode()):
            return target
    except (OSError, ValueError):
        pass
    data = make()  # a problem until here is the image's
    try:
        # thumbs/ and thumbs/pillow-N/ are the build's own: a file (or a link to none) put
        # there made every later build warn and make its thumbnails afresh, for good
        for folder in (target.parent.parent, target.parent):
            if os.path.lexists(folder) and not folder.is_dir():
                folder.unlink()
        for path, content in ((target, data), (check, hashlib.sha256(data).hexdigest().encode())):
            put_whole(path, content)
    except OSError as exc:
        raise NotKept(f"cannot be written in {target.parent} ({exc.strerror or exc})") from None
    return target


def put_whole(path: Path, data: bytes) -> None:
    """Write `path` of the cache folder whole or not at all (a stopped build leaves no
    half file), over whatever was put there or at its partial name (a folder, a link, a
    pipe)."""
    partial = path.with_name(path.name + ".part")
    path.parent.mkdir(parents=True, exist_ok=True)
    for where in (path, partial):
        clear_way(where)
    partial.write_bytes(data)
    partial.replace(path)


def made_as(image: Image.Image, kind: str, size: tuple[int, int]) -> bytes:
    """`image` at `size`, as a file of the format `kind`."""
    out = io.BytesIO()
    image.resize(size, Image.LANCZOS).save(out, format=kind, quality=82, optimize=True)
    return out.getvalue()
