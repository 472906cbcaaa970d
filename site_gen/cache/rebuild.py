"""Which pages a rebuild renders, patches or keeps, against what the last build recorded.

Every article page shows "Tin mới nhất", so one article added changes all of them; but
only that box changes. Such shared boxes are rendered once a build (render.render_boxes);
a page whose other inputs did not change, and whose last bytes held the old box exactly
once, gets the new box swapped in (write.patch_file): no template runs for it. A page that
sees a box's value but did not show it as those exact bytes is rendered whole. A page's
own boxes ("Tin liên quan", render.OWN_BOXES) are made apart too; the record keeps where
their bytes lie in the page, and one that alone changed is swapped in at that place.

Keying every page is most of that work, so the workers do it, each for its share of the
pages, just before rendering them (`decide`). A build in which articles changed in their
bodies alone keys only the pages that read them, from the last record (`rekey`).
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from .keys import page_keys, why

BOXES, FILES, SEARCH, SHARED, READERS = ("(boxes)", "(files)", "(search index)", "(shared)",
                                         "(readers)")


@dataclass(frozen=True, slots=True)
class Basis:
    """What deciding each page's fate needs, worked out once a build before the pages are
    shared out among the workers (each keys its own share: that is most of the work)."""

    old: dict  # the last build's record; {} without the cache
    boxes: dict[str, bytes]  # this build's shared boxes
    shared: dict  # the parts every page sees, from keys.page_keys
    keys: dict | None  # output path -> as keys.page_keys gives it, if worked out (rekey)
    inputs: tuple | None  # what keys.page_keys takes besides the pages; None: no cache
    search: bool  # whether the search index is written
    search_key: str  # a digest of what the search index is made from
    search_before: object  # the last index's SearchState, if its files are all there
    search_files: tuple[str, ...]  # the files of the last index, kept if not written
    weigh: frozenset | None = None  # if not None, the only pages that may have changed


def make_basis(old: dict, boxes: dict[str, bytes], shared: dict, keys: dict | None,
               inputs: tuple, search_key: str, output_dir: Path,
               weigh: frozenset | None = None) -> Basis:
    """The Basis of a build with the cache: the search index is written again unless its
    key is the last one and its files are all there."""
    there = is_file_below(output_dir)
    old_search = old.get(SEARCH)  # (key, its files, its SearchState)
    intact = bool(old_search) and all(there(rel) for rel in old_search[1])
    search = not (intact and old_search[0] == search_key)
    return Basis(old, boxes, shared, keys, inputs, search, search_key,
                 old_search[2] if intact else None, () if search else tuple(old_search[1]),
                 weigh)


@dataclass(frozen=True, slots=True)
class Decided:
    """The fate of some pages, numbered as in the site's list of pages."""

    render: list  # (number, page) rendered whole
    patch: list  # (output path, number, shared boxes, own boxes): to swap in place
    kept: list  # output paths left as they are
    keys: dict  # output path -> as keys.page_keys gives it, of these pages
    readers: dict  # an article's source -> the output paths (of these pages) whose key holds it
    reasons: list  # (rendered or patched, address, why)


def decide(numbered, basis: Basis, there) -> Decided:
    """Render, patch or keep each (number, page), against the last build's record."""
    if basis.inputs is None:
        return Decided(list(numbered), [], [], {}, {}, [])
    keys, readers = basis.keys, {}
    if keys is None:
        _, keys, readers = page_keys([page for _, page in numbered], *basis.inputs)
    old, boxes = basis.old, basis.boxes
    old_boxes, old_shared = old.get(BOXES, {}), old.get(SHARED, {})
    done = Decided([], [], [], {} if basis.keys is not None else keys, readers, [])
    for number, page in numbered:
        rel = page.path
        if basis.weigh is not None and rel not in basis.weigh:
            done.kept.append(rel)  # trusted to be there, as a build with nothing to do trusts it
            continue
        key, _, seen, own = keys[rel]
        before = old.get(rel)
        if before is None or before[0] != key or not there(rel):
            done.render.append((number, page))
            done.reasons.append(("rendered", page.url,
                                 why(before, keys[rel], old_shared, basis.shared)))
            continue
        changed = tuple(name for name in seen if old_boxes.get(name) != boxes[name])
        spans = {span[0]: span for span in before[3]}
        own_changed = tuple(name for name, digest in own
                            if spans.get(name, (name, None))[1] != digest)
        if not changed and not own_changed:
            done.kept.append(rel)
        elif (all(name in before[2] and name in old_boxes for name in changed)
              and all(name in spans and spans[name][2] >= 0 for name in own_changed)):
            done.patch.append((rel, number, changed, own_changed))
            done.reasons.append(("patched", page.url,
                                 ", ".join(changed + own_changed) + " changed"))
        else:
            done.render.append((number, page))
            done.reasons.append(("rendered", page.url,
                                 ", ".join(changed + own_changed) + " changed"))
    return done


@dataclass(frozen=True, slots=True)
class Work:
    """What a build did to its pages, all workers' shares together."""

    rendered: int  # pages rendered whole
    patch: tuple  # (path, page, ((old, new), ...), {own box: bytes}, old spans, boxes shown)
    kept: tuple[str, ...]  # output paths left as they are (pages and search index)
    keys: dict  # output path -> (key, parts, box names, own boxes), from keys.page_keys
    readers: dict  # an article's source -> the output paths whose key holds it
    reasons: tuple[tuple[str, str, str], ...]  # (rendered or patched, address, why)


def merge(parts: list[Decided], basis: Basis, pages) -> Work:
    """The workers' shares as one Work; each patch is given its page and its boxes' bytes."""
    keys, readers, patch, kept, reasons, rendered = {}, {}, [], [], [], 0
    old_boxes = basis.old.get(BOXES, {})
    for part in parts:
        keys.update(part.keys)
        for source, rels in part.readers.items():
            readers.setdefault(source, []).extend(rels)
        patch += [(rel, pages[n], tuple((old_boxes[b], basis.boxes[b]) for b in names), own,
                   basis.old[rel][3], basis.old[rel][2]) for rel, n, names, own in part.patch]
        kept += part.kept
        reasons += part.reasons
        rendered += len(part.render)
    if basis.keys is not None:  # rekeyed: the last build's readers still hold
        keys, readers = basis.keys, basis.old[READERS]
    return Work(rendered, tuple(patch), tuple(kept) + basis.search_files, keys, readers,
                tuple(sorted(reasons, key=lambda reason: reason[1])))


def rekey(bodies: tuple[str, ...], old: dict, boxes: dict[str, bytes], pages, *inputs):
    """page_keys for a build in which the articles `bodies` changed and nothing else did
    (`inputs`: what page_keys takes besides the pages). Every page then sees what it saw
    but for those articles, so only the pages whose key held one of them (the last build's
    readers) are keyed again; the others keep their keys. Return (shared parts, keys,
    readers, the pages keyed again), or None if the site turns out to differ after all
    (pages, shared parts, boxes)."""
    if READERS not in old or old.get(BOXES) != boxes:
        return None
    by_path = {page.path: page for page in pages}
    if by_path.keys() != {rel for rel in old if not rel.startswith("(")}:
        return None
    readers = old[READERS]
    again = sorted({rel for source in bodies for rel in readers.get(source, ())})
    shared, keys, _ = page_keys([by_path[rel] for rel in again], *inputs)
    if shared != old[SHARED]:
        return None
    carried = {rel: as_keyed(old[rel]) for rel in by_path if rel not in keys}
    return shared, {**carried, **keys}, readers, frozenset(again)


def as_keyed(entry: tuple) -> tuple:
    """A page as the record keeps it, as keys.page_keys gives it: own boxes without spans."""
    key, parts, shown, spans = entry
    return key, parts, shown, tuple(span[:2] for span in spans)


def is_file_below(folder: Path):
    """A test that a file is there, for every page: plain strings, not Path objects, halve
    the time of 18,000 of them."""
    prefix = str(folder) + os.sep
    return lambda rel: os.path.isfile(prefix + rel)


def shown_boxes(data: bytes, boxes: dict[str, bytes], seen, own=(), fragments=None) -> tuple:
    """(the shared boxes a page's bytes hold exactly once, the spans of its own boxes):
    those a later build may patch. `own`: ((name, digest), ...) from keys.page_keys,
    `fragments`: their bytes. A span is (name, digest, start, length, CRC-32 of the
    bytes), with start -1 where the bytes are not found exactly once."""
    names = tuple(name for name in seen if boxes[name] and data.count(boxes[name]) == 1)
    spans, fragments = [], fragments or {}
    for name, digest in own:
        fragment = fragments.get(name, b"")
        at = data.find(fragment) if fragment else -1
        if at >= 0 and data.find(fragment, at + 1) < 0:
            spans.append((name, digest, at, len(fragment), zlib.crc32(fragment)))
        else:
            spans.append((name, digest, -1, 0, 0))
    return names, tuple(spans)


def record(work: Work, basis: Basis, shown: dict[str, tuple], search: tuple,
           files: tuple) -> dict:
    """What the next build compares against: every page as (key, parts, the shared boxes
    it shows, its own boxes' spans), the shared boxes' bytes, the search index, every file
    of the output and which pages read which article."""
    old = basis.old
    kept = {rel: old[rel][2:4] for rel in work.kept if rel in old}
    kept.update(shown)  # pages rendered or patched: (shared boxes shown, own boxes' spans)
    out = {rel: (key, parts, *kept.get(rel, ((), ()))) for rel, (key, parts, *_)
           in work.keys.items()}
    out.update({BOXES: basis.boxes, SEARCH: search, FILES: files, SHARED: basis.shared,
                READERS: work.readers})
    return out
