"""What a reader's first search downloads, on a built site.

`python bench/search_size.py PUBLIC "dan van kheo" "nong thon moi" ...` prints, for each
query, the bytes the search page fetches before showing the first 10 results: the page,
search.js, meta.json, one bucket per word and the document shards of those results.
It follows the same steps as templates/static/search.js.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from site_gen.stages.search import fold, query_index  # noqa: E402


def first_search_bytes(public: Path, query: str, shown: int = 10) -> tuple[int, int]:
    folder = public / "tim-kiem"
    files = [folder / "index.html", public / "static" / "search.js", folder / "meta.json"]
    meta = json.loads((folder / "meta.json").read_text())
    words = dict.fromkeys(t for t in re.split(r"[^a-z0-9]+", fold(query)) if t)
    files += [folder / "t" / f"{word[:meta['key']]}.json" for word in words]
    ranked = query_index(folder, query)
    shards = {i // meta["shard"] for i in ranked[:shown]}
    files += [folder / "d" / f"{s}.json" for s in sorted(shards)]
    return sum(f.stat().st_size for f in files if f.exists()), len(ranked)


if __name__ == "__main__":
    public = Path(sys.argv[1])
    print(f"{'query':<24} {'results':>8} {'first search downloads':>24}")
    for query in sys.argv[2:]:
        size, count = first_search_bytes(public, query)
        print(f"{query:<24} {count:>8} {size / 1024:>21.1f} KB")
