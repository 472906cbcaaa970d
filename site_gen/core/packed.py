"""Article bodies packed (zstd) in memory, between processes and in the cache: at 100,000
articles they were half a gigabyte of a build's largest process as plain UTF-8, and a
template unpacks one in a few microseconds."""

from __future__ import annotations

import threading

import zstandard

MAX_UNPACKED = 64 << 20  # bytes: more is not what a build packed (a forged frame's claim)
_MADE = threading.local()  # zstd's contexts, one a thread: made once, not once a body


def _contexts() -> tuple:
    made = getattr(_MADE, "contexts", None)
    if made is None:
        made = _MADE.contexts = (zstandard.ZstdCompressor(level=3, write_checksum=True),
                                 zstandard.ZstdDecompressor())
    return made


def pack_text(text: str) -> bytes:
    return _contexts()[0].compress(text.encode("utf-8"))


def unpack_text(data: bytes) -> str:
    """The text `pack_text` packed; ValueError for bytes it did not make."""
    return unpack(data).decode("utf-8") if data else ""  # UnicodeDecodeError is one


def unpack(data: bytes, decompressor=None) -> bytes:
    """A zstd frame's bytes (with `decompressor`'s dictionary, if given); ValueError for
    bytes a build did not pack: a damaged or forged cache (zstd checks its checksum, and a
    frame may not claim more than MAX_UNPACKED)."""
    try:
        if not 0 <= checked_size(data) <= MAX_UNPACKED:
            raise ValueError("not a packed frame")
        return (decompressor or _contexts()[1]).decompress(data)
    except (zstandard.ZstdError, TypeError) as exc:
        raise ValueError(f"not a packed frame ({exc})") from None


def checked_size(data: bytes) -> int:
    """The size a frame we packed says it holds (-1 if it does not say); ValueError for a
    frame without zstd's checksum: every frame a build packs has one, and a flipped bit of
    its header that cleared the flag had a damaged frame (with a damaged dictionary) unpacked
    to wrong bytes without a word."""
    frame = zstandard.get_frame_parameters(data)
    if not frame.has_checksum:
        raise ValueError("not a packed frame (no checksum)")
    return frame.content_size
