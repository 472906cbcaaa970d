"""The offline search index: written at build time, fetched piece by piece by the reader.

Why our own and not Pagefind: readers type Vietnamese without diacritics, so `dan van
kheo` must find "Dân vận khéo" and `dang bo` "Đảng bộ"; that needs folding of đ to d as
well as of tone marks, on both sides, which Pagefind does not do.

Layout under the search page's address (/tim-kiem/): `t/<key>.json` holds, for every token
whose first three letters are <key> (so one file answers a prefix query), the documents
with it in their title, anywhere, and (văn bản only) in their number; `d/<n>.json` holds the
shown fields of 25 documents. Numbers are given in the reverse of the order results are
shown in (the kinds in search as declared: articles newest first, then pages, văn bản,
albums), so that a new article takes the next number and leaves the rest of the index as
it was: only the buckets of its words and the last shard change, and rsync sends those
alone. A first search reads one bucket per query word and the document shards of the
first results, never the whole index.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import operator
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, islice, repeat

from ..core.config import SiteConfig
from .index import SiteIndex
from ..core.text import format_stamp

DOCS_PER_SHARD = 25
KEY_LENGTH = 3
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9]+")
_UNICODE_WORD = re.compile(r"\w+")


_MARKS = re.compile("[\u0300-\u036f]+")  # combining diacritical marks, after NFD


def fold(text: str) -> str:
    """Lower case without tone marks or diacritics, đ as d: what readers type.
    The browser folds queries the same way (static/search.js)."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.lower().replace("đ", "d")))


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(word)))


def tokens(text: str) -> set[str]:
    """Folded words of a text; each distinct word is folded once (archives repeat words)."""
    found: set[str] = set()
    for word in set(_UNICODE_WORD.findall(text.lower())):
        found.update(_fold_word(word))
    return found


def bucket_key(token: str) -> str:
    return token[:KEY_LENGTH]


def encode(ids: list[int], last: int = -1) -> str:
    """Ascending numbers as base-36 gaps, a run of consecutive numbers as `gap:more`:
    a word found in most articles costs a few bytes, not a few per article. Where runs
    break is found by C loops (map, compress); Python steps once a run, not once a number
    (the index of 10,000 articles holds some 1.5 million). `last`: the number before the
    first, when what is encoded goes on a list that ends there."""
    if not ids:
        return ""
    breaks = list(compress(range(1, len(ids)),
                           map((1).__ne__, map(operator.sub, islice(ids, 1, None), ids))))
    out = []
    for start, end in zip([0, *breaks], [*breaks, len(ids)]):
        first, final = ids[start], ids[end - 1]
        gap = _base36(first - last - 1)
        out.append(gap if first == final else f"{gap}:{_base36(final - first)}")
        last = final
    return ",".join(out)


def decode(text: str) -> list[int]:
    """The inverse of `encode` (static/search.js does the same in the browser)."""
    return [n for start, end in _runs(text) for n in range(start, end + 1)]


def _runs(text: str) -> list[list[int]]:
    runs, last = [], -1
    for item in filter(None, text.split(",")):
        gap, _, more = item.partition(":")
        start = last + int(gap, 36) + 1
        last = start + (int(more, 36) if more else 0)
        runs.append([start, last])
    return runs


@lru_cache(maxsize=1 << 16)
def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        n, r = divmod(n, 36)
        text = digits[r] + text
        if not n:
            return text


def shown_title(title: str, document) -> str:
    """A văn bản is found by its number as typed (09-CT/TW, 09 ct tw): it is in its title."""
    return f"{document.doc_type} {document.number}: {title}" if document else title


def search_terms(title: str, document, summary: str, body_html: str) -> tuple[str, str, str]:
    """(title words, all words, number words), each a sorted space-separated string: done
    once per article while loading, on every core, and kept in the cache."""
    body = html.unescape(_TAG.sub(" ", body_html))
    in_title = tokens(shown_title(title, document))
    number = tokens(document.number) if document else set()
    everywhere = tokens(f"{summary} {body}") | in_title
    return tuple(" ".join(sorted(words)) for words in (in_title, everywhere, number))


def shown_fields(article, config: SiteConfig) -> list[str]:
    """Title, address, date, category and summary as a result shows them, then the
    item's `lang` if it has one (search.js marks it on a page of another language)."""
    doc = article.document
    own = [article.lang] if article.lang else []
    if doc is not None:
        return [shown_title(article.title, doc), article.url,
                f"{doc.issued.day:02d}/{doc.issued.month:02d}/{doc.issued.year}", doc.issuer,
                article.summary, *own]
    when = format_stamp(article.published, config.meridiem) if article.published else ""
    return [article.title, article.url, when, article.category or "", article.summary, *own]


def terms_of(article) -> tuple[str, str, str]:
    return article.terms or search_terms(article.title, article.document, article.summary,
                                         article.body_html)


@dataclass(frozen=True, slots=True)
class Postings:
    """An index's token lists (full_lists), and the digest of each document's terms by its
    number: what the next build patches, taking out and putting in only the documents that
    changed, rather than listing every word of every document again (with 10,000 articles
    that was most of the work of a build in which one article changed)."""

    docs: tuple  # (source, digest of its terms), by number
    lists: dict  # token -> encoded lists


def read_postings(value) -> Postings | None:
    """Postings as the cache gives them back (JSON), or None if they are not of that shape;
    their lists are checked as they are patched (stages/search.py: patched)."""
    with contextlib.suppress(TypeError, ValueError, KeyError):
        docs = tuple((source, digest) for source, digest in value["docs"])
        if isinstance(value["lists"], dict) and all(
                type(source) is str and type(digest) is str for source, digest in docs):
            return Postings(docs, value["lists"])
    return None


def search_files(index: SiteIndex, config: SiteConfig, earlier: Postings | None = None,
                 was: dict | None = None):
    """(files to write as (output path, bytes), the postings they were made of). `earlier`:
    the postings a build left; `was`: source -> the document as the cache held it before
    this build read any again (what `earlier` may have been made of). A rebuild writes
    only the files whose bytes changed (stages/write.py)."""
    order = tuple(reversed(index.searched))  # the kinds in search, as declared
    docs = tuple((a.source, terms_of(a)) for a in order)
    found = postings(docs, earlier, was or {})
    return index_files(found.lists, order, config), found


def postings(docs, earlier: Postings | None, was: dict) -> Postings:
    """The postings of `docs` ((source, terms) by number): `earlier`'s patched where that
    gives what listing them afresh gives, else listed afresh."""
    ids = tuple((source, terms_digest(terms)) for source, terms in docs)
    lists = None
    if earlier is not None:
        # a cache row of another shape (forged: its checksum holds) is not patched
        with contextlib.suppress(ValueError, TypeError, AttributeError, IndexError):
            lists = patched(docs, ids, earlier, was)
    return Postings(ids, full_lists(docs) if lists is None else lists)


def terms_digest(terms: tuple[str, str, str]) -> str:
    return hashlib.blake2b("\n".join(terms).encode(), digest_size=12).hexdigest()


# Past this many documents changed or added, listing afresh is as fast as patching
PATCH_LIMIT = 1000


def patched(docs, ids: tuple, earlier: Postings, was: dict) -> dict | None:
    """`earlier`'s lists with the documents that changed taken out and put in again; None
    unless every document before is where it was (new ones only after them: a new article
    takes the next number) and the earlier terms of each one that changed are at hand."""
    before = earlier.docs
    if len(ids) < len(before) or any(a[0] != b[0] for a, b in zip(ids, before)):
        return None
    changed = [n for n, (a, b) in enumerate(zip(ids, before)) if a[1] != b[1]]
    if len(changed) + len(ids) - len(before) > PATCH_LIMIT:
        return None
    old = {n: terms_of(was[ids[n][0]]) for n in changed if ids[n][0] in was}
    if any(n not in old or terms_digest(old[n]) != before[n][1] for n in changed):
        return None
    # token -> for each list (title, anywhere, number): (numbers to add, numbers to take out)
    moves = defaultdict(lambda: tuple((set(), set()) for _ in range(3)))
    for n in changed + list(range(len(before), len(ids))):
        for field, (now, then) in enumerate(zip(docs[n][1], old.get(n, ("", "", "")))):
            now, then = set(now.split()), set(then.split())
            for token in now - then:
                moves[token][field][0].add(n)
            for token in then - now:
                moves[token][field][1].add(n)
    lists = dict(earlier.lists)
    for token, fields in moves.items():
        kept = lists.get(token, ["", ""])
        entry = [moved(kept[f] if f < len(kept) else "", *fields[f]) for f in range(3)]
        if entry[1]:
            lists[token] = entry if entry[2] else entry[:2]
        else:  # in no document any more
            lists.pop(token, None)
    return lists


def moved(text: str, add: set[int], drop: set[int]) -> str:
    """An encoded list with the numbers `add` put in and `drop` taken out. Numbers only
    added after its end (a new article) change its last item alone."""
    if not add and not drop:
        return text
    if text and not drop:
        last = text.count(",") + sum(map(int, text.replace(":", ",").split(","), repeat(36)))
        if min(add) > last:
            head, _, final = text.rpartition(",")
            gap, _, more = final.partition(":")
            start = last - (int(more, 36) if more else 0)
            tail = encode([*range(start, last + 1), *sorted(add)], start - int(gap, 36) - 1)
            return f"{head},{tail}" if head else tail
    return encode(sorted(set(decode(text)) - drop | add))


def full_lists(docs) -> dict[str, list[str]]:
    """token -> encoded lists of the documents (`docs`: (source, terms) by number) with it
    in their title, anywhere, and (only for văn bản numbers) in their number."""
    title_hits: dict[str, list[int]] = defaultdict(list)
    number_hits: dict[str, list[int]] = defaultdict(list)  # a văn bản's số ký hiệu
    text_hits: dict[str, list[int]] = defaultdict(list)
    for number, (_, (in_title, everywhere, in_number)) in enumerate(docs):
        for token in in_title.split():
            title_hits[token].append(number)
        for token in in_number.split():
            number_hits[token].append(number)
        # "anywhere" includes the title: the lists of common words then run unbroken
        for token in everywhere.split():
            text_hits[token].append(number)
    lists = {}
    for token, found in text_hits.items():
        lists[token] = [encode(title_hits.get(token, [])), encode(found)]
        if token in number_hits:
            lists[token].append(encode(number_hits[token]))
    return lists


def index_files(lists: dict, order, config: SiteConfig):
    """(files, all paths) of an index. `order`: the documents, by number."""
    folder = config.urls["search_url"].lstrip("/")
    buckets: dict[str, dict] = defaultdict(dict)
    for token in sorted(lists):
        buckets[bucket_key(token)][token] = lists[token]
    count = -(-len(order) // DOCS_PER_SHARD)
    files = [(f"{folder}t/{key}.json", _json(value)) for key, value in sorted(buckets.items())]
    for n in range(count):
        shown = order[n * DOCS_PER_SHARD:(n + 1) * DOCS_PER_SHARD]
        files.append((f"{folder}d/{n}.json",
                      _json([shown_fields(article, config) for article in shown])))
    meta = {"docs": len(order), "shard": DOCS_PER_SHARD, "key": KEY_LENGTH}
    files.append((f"{folder}meta.json", _json(meta)))
    return files


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def query_index(folder, query: str) -> list[int]:
    """Document numbers a query finds, best first: the steps of static/search.js, in
    Python, for tests and the benchmark (`folder` is the built search folder)."""
    meta = json.loads((folder / "meta.json").read_text())
    words = list(dict.fromkeys(t for t in _WORD.findall(fold(query))))
    found = []
    for word in words:
        path = folder / "t" / f"{word[:meta['key']]}.json"
        bucket = json.loads(path.read_text()) if path.exists() else {}
        title, anywhere, number = set(), set(), set()
        for token, lists in bucket.items():
            if token.startswith(word) if len(word) >= KEY_LENGTH else token == word:
                title.update(decode(lists[0]))
                anywhere.update(decode(lists[1]))
                number.update(decode(lists[2]) if len(lists) > 2 else ())
        found.append((title, anywhere, number))
    hits = set.intersection(*(a for _, a, _ in found)) if found else set()
    return sorted(hits, key=lambda i: (not all(i in n for _, _, n in found),
                                       -sum(i in t for t, _, _ in found), -i))
