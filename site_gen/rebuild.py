"""Which pages a rebuild renders, patches or keeps, against what the last build recorded.

Every article page shows "Tin mới nhất", so one article added changes all of them; but
only that box changes. Such shared boxes are rendered once a build (render.render_boxes);
a page whose other inputs did not change, and whose last bytes held the old box exactly
once, gets the new box swapped in (write.patch_file): no template runs for it. A page that
sees a box's value but did not show it as those exact bytes is rendered whole.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .keys import page_keys, why
from .pages import output_path

BOXES, FILES, SEARCH, SHARED, READERS = ("(boxes)", "(files)", "(search index)", "(shared)",
                                         "(readers)")


@dataclass(frozen=True, slots=True)
class Work:
    render: tuple  # pages rendered whole
    patch: tuple  # (output path, page, ((old box, new box), ...)): boxes swapped in place
    kept: tuple[str, ...]  # output paths left as they are
    search: bool  # whether the search index is written
    search_key: str  # a digest of what the search index is made from
    search_before: object  # the last index's SearchState, if its files are all there
    keys: dict  # output path -> (key, parts, box names), from keys.page_keys
    shared: dict  # the parts every page sees, from keys.page_keys
    readers: dict  # an article's source -> the output paths whose key holds it
    old: dict  # the last build's record
    reasons: tuple[tuple[str, str, str], ...]  # (rendered or patched, address, why)


def plan_work(pages, shared: dict, keys: dict, readers: dict, boxes: dict[str, bytes],
              search_key: str, old: dict, output_dir: Path) -> Work:
    old_boxes, old_shared = old.get(BOXES, {}), old.get(SHARED, {})
    there = _is_file_below(output_dir)
    render, patch, kept, reasons = [], [], [], []
    for page in pages:
        rel = output_path(page.url)
        key, _, seen = keys[rel]
        before = old.get(rel)
        if before is None or before[0] != key or not there(rel):
            render.append(page)
            reasons.append(("rendered", page.url, why(before, keys[rel], old_shared, shared)))
            continue
        changed = [name for name in seen if old_boxes.get(name) != boxes[name]]
        if not changed:
            kept.append(rel)
        elif all(name in before[2] and name in old_boxes for name in changed):
            patch.append((rel, page, tuple((old_boxes[n], boxes[n]) for n in changed)))
            reasons.append(("patched", page.url, ", ".join(changed) + " changed"))
        else:
            render.append(page)
            reasons.append(("rendered", page.url, ", ".join(changed) + " changed"))
    old_search = old.get(SEARCH)  # (key, its files, its SearchState)
    intact = bool(old_search) and all(there(rel) for rel in old_search[1])
    search = not (intact and old_search[0] == search_key)
    kept += [] if search else list(old_search[1])
    return Work(tuple(render), tuple(patch), tuple(kept), search, search_key,
                old_search[2] if intact else None, keys, shared, readers, old, tuple(reasons))


def rekey(bodies: tuple[str, ...], old: dict, boxes: dict[str, bytes], pages, common: dict,
          templates: str, box_values: dict):
    """page_keys for a build in which the articles `bodies` changed and nothing else did:
    then every page sees what it saw, but for those articles, so only the pages whose key
    held one of them (the last build's readers) are keyed again; the others keep their
    keys. None if the site turns out to differ after all (pages, shared parts, boxes)."""
    if READERS not in old or old.get(BOXES) != boxes:
        return None
    by_path = {output_path(page.url): page for page in pages}
    if by_path.keys() != {rel for rel in old if not rel.startswith("(")}:
        return None
    readers = old[READERS]
    again = sorted({rel for source in bodies for rel in readers.get(source, ())})
    shared, keys, _ = page_keys([by_path[rel] for rel in again], common, templates, box_values)
    if shared != old[SHARED]:
        return None
    return shared, {rel: keys.get(rel) or old[rel] for rel in by_path}, readers


def _is_file_below(folder: Path):
    """A test that a file is there, for every page: plain strings, not Path objects, halve
    the time of 18,000 of them."""
    prefix = str(folder) + os.sep
    return lambda rel: os.path.isfile(prefix + rel)


def shown_boxes(data: bytes, boxes: dict[str, bytes], seen) -> tuple[str, ...]:
    """The boxes a page's bytes hold exactly once: those a later build may patch."""
    return tuple(name for name in seen if boxes[name] and data.count(boxes[name]) == 1)


def record(work: Work, boxes: dict[str, bytes], shown: dict[str, tuple], search: tuple,
           files: tuple) -> dict:
    """What the next build compares against: every page's key and the boxes it shows,
    the boxes' bytes, the search index and every file of the output."""
    kept = {rel: work.old[rel][2] for rel in work.kept if rel in work.old}
    kept.update((rel, work.old[rel][2]) for rel, _, _ in work.patch)
    kept.update(shown)
    out = {rel: (key, parts, kept.get(rel, ())) for rel, (key, parts, _) in work.keys.items()}
    out.update({BOXES: boxes, SEARCH: search, FILES: files, SHARED: work.shared,
                READERS: work.readers})
    return out
