"""Fingerprints of what each page shows, so that a rebuild renders only the pages whose
inputs changed. A page's key covers its template (all templates, to be safe), the values
every page sees (menu, settings) and its own values; an article counts by its digest.
`parts` names each value, to say why a page was rebuilt."""

from __future__ import annotations

import array
import dataclasses
import hashlib
import zlib
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from ..core.model import Article, Entry, Link, Term
from ..stages.pages import Pagination


def templates_digest(folder: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "static" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Memo:
    """The digests made so far in one build, by the id of the value: `texts` for each,
    `within` the sources of the articles inside it (when there are any), and `alive` the
    values themselves, so that no id is reused while the memo lives."""

    __slots__ = ("texts", "within", "alive")

    def __init__(self):
        self.texts, self.within, self.alive = {}, {}, []


def value_digest(value, memo: Memo, sources: list) -> str:
    """A short digest of a value as templates can see it; shared values are done once.
    The source of every article met on the way is added to `sources`: a page's key then
    names the articles it depends on (see `page_keys`)."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return repr(value)
    found = memo.texts.get(id(value))
    if found is not None:
        sources += memo.within.get(id(value), ())
        return found
    start = len(sources)
    kind = type(value)  # exact types first: this runs for every value of every page
    if kind is tuple or kind is list:
        text = "(" + ",".join(_items_digests(value, memo, sources)) + ")"
    elif kind is Article:
        text = "A" + value.digest
        sources.append(value.source)
    elif kind is Entry:  # the most common value of all: sidebars on every page
        text = repr((value.title, value.url, value.published, value.external))
    elif kind is Pagination:  # its addresses are one tuple for all pages of a list
        text = f"P{value.number}:{value_digest(value.urls, memo, sources)}"
    elif kind is Link:
        text = repr((value.name, value.url, value.lang))
    elif kind is datetime:
        text = value.isoformat()
    elif kind is Term:  # its pages list their articles themselves; here, the count
        text = repr((value.name, value.slug, value.url, len(value.articles)))
    elif kind is dict or kind is MappingProxyType:
        text = repr(sorted((str(k), value_digest(v, memo, sources)) for k, v in value.items()))
    elif dataclasses.is_dataclass(value):
        text = type(value).__name__ + value_digest(
            {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}, memo, sources)
    else:
        text = repr(value)
    if len(text) > 64:
        text = hashlib.sha1(text.encode()).hexdigest()
    memo.texts[id(value)] = text
    memo.alive.append(value)
    if len(sources) > start:
        memo.within[id(value)] = tuple(sources[start:])
    return text


def _items_digests(items, memo: Memo, sources: list) -> list[str]:
    """The digests of a tuple's items. Pages hold many tuples (Tin liên quan, list pages)
    of items digested before, on other pages: those are looked up without a Python call
    for each item, which halves the time of all page keys."""
    ids = list(map(id, items))
    try:
        texts = list(map(memo.texts.__getitem__, ids))
    except KeyError:
        return [value_digest(v, memo, sources) for v in items]
    for inside in filter(None, map(memo.within.get, ids)):
        sources += inside
    return texts


def page_keys(pages, common: dict, templates: str, boxes: dict,
              own: tuple[str, ...] = ()) -> tuple[dict, dict, dict]:
    """(shared parts, {output path: (key, (value names, checksums), box names, own boxes)},
    readers) for all pages: the parts every page sees are named once, each page's own with it.
    `readers` maps an article's source to the output paths whose key holds its digest.

    A value that is one of the shared `boxes` (name -> value, e.g. "latest" -> the Tin mới
    nhất tuple most pages show) stays out of the key; the page names the box instead, so
    that a rebuild can patch the box's bytes where the page shows them (site_gen/rebuild.py).
    The values named in `own` (a page's own boxes, e.g. its "Tin liên quan") stay out of the
    key too: their digests come apart, as ((name, digest), ...), to be patched alike."""
    memo = Memo()
    box_of = {id(value): name for name, value in boxes.items() if value}
    shared, shared_boxes, sources = {"templates": templates}, set(), []
    for name, value in common.items():
        if id(value) in box_of:
            shared_boxes.add(box_of[id(value)])
        else:
            shared[name] = value_digest(value, memo, sources)
    shared_key = repr(sorted(shared.items()))
    keys, interned, readers = {}, {}, {}
    for page in pages:
        sources.clear()
        parts = {"page": value_digest((page.url, page.template), memo, sources)}
        seen, own_boxes = set(shared_boxes), []
        for name, value in page.context.items():
            if id(value) in box_of:
                seen.add(box_of[id(value)])
            elif name in own:
                own_boxes.append((name, value_digest(value, memo, sources)))
            else:
                parts[name] = value_digest(value, memo, sources)
        key = hashlib.sha1((shared_key + repr(sorted(parts.items()))).encode()).hexdigest()
        names, boxes_seen = tuple(parts), tuple(sorted(seen))
        rel = page.path
        keys[rel] = (key, (interned.setdefault(names, names), _checksums(parts.values())),
                     interned.setdefault(boxes_seen, boxes_seen), tuple(own_boxes))
        for source in set(sources):
            readers.setdefault(source, []).append(rel)
    return shared, keys, readers


def _checksums(digests) -> bytes:
    """A page's parts as the record keeps them: four bytes each, enough to say which part
    changed (`why`) in a tenth of the memory (the key itself is a full SHA-1)."""
    return array.array("I", [zlib.crc32(text.encode()) for text in digests]).tobytes()


def why(old: tuple | None, new: tuple, old_shared: dict, new_shared: dict) -> str:
    """Which values of a page changed. `new`: its key, (names, checksums), box names and own
    boxes' (name, digest); `old`: as the record keeps it, own boxes as their spans."""
    if old is None:
        return "new page"
    (names, sums), (old_names, old_sums) = new[1], old[1]
    before = dict(zip(old_names, array.array("I", old_sums)))
    changed = [name for name, value in zip(names, array.array("I", sums))
               if before.get(name) != value]
    own_before = {span[0]: span[1] for span in old[3]}
    changed += [name for name, digest in new[3] if own_before.get(name) != digest]
    changed += [name for name, digest in new_shared.items() if old_shared.get(name) != digest]
    return ", ".join(changed or ["what it shows"]) + " changed"
