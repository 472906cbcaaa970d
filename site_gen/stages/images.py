"""Lead images: their sizes for width/height, and thumbnails for list pages.

Thumbnails are made with Pillow into the cache folder, named by the image's content hash,
so an image that did not change is never processed again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

from ..core.diagnostics import warning
from ..core.files import inside


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


def prepare_images(articles, content_dir: Path, cache_dir: Path | None, widths):
    """Return ({image address: Picture}, [(output path, thumbnail file)], diagnostics).
    With no cache folder (a check), sizes are read but no thumbnail is made."""
    pictures, assets, diags = {}, [], []
    for article in articles:
        url = article.image
        if not url or url in pictures:
            continue
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            pictures[url] = Picture(url)  # an outside image: shown as it is
            continue
        source = content_dir / unquote(parts.path).lstrip("/")
        try:
            if not inside(content_dir, source):
                raise ValueError("it leads outside the content folder")
            picture, thumbs = measure(url, source, cache_dir, widths)
        except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as exc:
            reason = "not found in the content folder" if not source.is_file() else f"unreadable ({exc})"
            diags.append(warning(article.path, article.line("image"), f"image {url!r} {reason}"))
            picture, thumbs = Picture(url), []
        pictures[url] = picture
        assets += thumbs
    return MappingProxyType(pictures), assets, diags


def measure(url: str, source: Path, cache_dir: Path | None, widths):
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:20]
    with Image.open(source) as image:
        width, height = image.size
        thumbs, assets = [], []
        for w in (w for w in widths if w < width):
            h = max(1, round(height * w / width))
            rel = f"thumbs/{w}{unquote(urlsplit(url).path)}"
            thumbs.append(Thumb(w, h, "/" + rel))
            if cache_dir is not None:
                assets.append((rel, make_thumbnail(image, digest, w, h, source.suffix, cache_dir)))
    return Picture(url, width, height, tuple(thumbs)), assets


def make_thumbnail(image: Image.Image, digest: str, w: int, h: int, suffix: str,
                   cache_dir: Path) -> Path:
    target = cache_dir / "thumbs" / f"{digest}-{w}{suffix.lower()}"
    if target.is_symlink() or not target.is_file():  # a link in the cache may lead anywhere
        target.parent.mkdir(parents=True, exist_ok=True)
        small = image.convert("RGB") if suffix.lower() in (".jpg", ".jpeg") else image.copy()
        small = small.resize((w, h), Image.LANCZOS)
        partial = target.with_suffix(target.suffix + ".part")
        small.save(partial, format=image.format, quality=82, optimize=True)
        partial.replace(target)  # never leave half a thumbnail in the cache
    return target
