"""The rebuild policy: what a build may take from earlier ones. `NO_CACHE` takes nothing.

A build makes every file of the site again in the spare folder (site_gen/stages/write.py)
and needs only to write those whose recipe (the key of everything they are made from,
site_gen/cache/keys.py) differs from what the spare holds. A page whose key without its
boxes is in the cache is assembled from the kept part, not rendered. Nothing else is
trusted: not the output folder, not a stage's summary of what changed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import NamedTuple

from .store import PartReader


class Held(NamedTuple):
    """A file of an output folder as a build left it: a row of the cache's record of it."""

    recipe: str  # the key of what it is made from (site_gen/cache/keys.py)
    time: int  # its modification time (ns), looked at to know it is still as left
    digest: str  # sha1 of its bytes


def held_files(tree: dict | None) -> dict[str, Held] | None:
    """A tree of the record ({path: [recipe, time, digest]}, store.FIELDS checks its
    shape) as Held rows."""
    return None if tree is None else {rel: Held(*row) for rel, row in tree.items()}


@dataclass(frozen=True)
class Policy:
    known: dict[str, Held] | None  # the spare's files by path; None: unknown
    live: dict[str, Held] = field(default_factory=dict)  # the output folder's files alike
    reader: PartReader | None = None  # rendered parts of earlier builds

    @property
    def keyed(self) -> bool:
        """Whether pages need keys: only to be found again by a later build."""
        return self.reader is not None

    def held(self, rel: str) -> Held | None:
        """What the spare holds at `rel`, if known."""
        return self.known.get(rel) if self.known is not None else None

    def time_for(self, rel: str, digest: str, kept: int | None = None) -> int | None:
        """The time a file of these bytes must have: the output's, if it has these very
        bytes (so rsync and the like see it unchanged); if it has others, a time after
        theirs when the file's as kept (`kept`) is not, else none in particular. A page
        changed back (an undo) was kept in the spare with its time of two builds before,
        older than the page it replaced: `aws s3 sync` and `rsync -u` passed it over as
        older, and a server asked "If-Modified-Since" answered that nothing had changed."""
        found = self.live.get(rel)
        if found is None:
            return None
        if found.digest == digest:
            return found.time
        return max(time.time_ns(), found.time + 1) if kept is not None and kept <= found.time \
            else None

    def parts(self, keys) -> dict[str, bytes]:
        return self.reader.get(keys) if self.reader is not None else {}

    def pack(self, data: bytes) -> bytes | None:
        """`data` as it is kept for later builds; None when nothing is kept."""
        return self.reader.pack(data) if self.reader is not None else None


NO_CACHE = Policy(None)
