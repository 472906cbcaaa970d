"""Declared fields (`fields:` in site.yaml): read with their types when a file is loaded,
and their links to other articles or văn bản resolved once everything is loaded.

What templates receive, by type: text -> str, integer -> int, date -> an aware datetime,
list -> a tuple of str, article and document -> an Entry (title, url, published, lang),
image -> the image's address (str), records -> a tuple of dicts of str. A field left out
is None, or () for list and records.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from urllib.parse import quote, unquote, urlsplit

from ..core import yamlread
from ..core.declared import FieldSpec
from ..core.diagnostics import error, warning
from ..core.files import listed_file
from ..core.model import UNREAD, Entry, RelatedRef, unread_names
from ..core.text import collapse_spaces, normalize
from ..core.yamlread import FieldError
from .library import loose_number

LINKS = ("article", "document")


def read_declared(reader, specs: tuple[FieldSpec, ...], config, source: str,
                  content_dir) -> dict:
    """{name: value} of a file's declared fields, every problem reported through `reader`."""
    values = {}
    for spec in specs:
        read = _reader(spec, reader, config, source, content_dir)
        empty = _empty(spec)
        if not spec.required and _blank(reader.items.get(spec.name)):
            values[spec.name] = empty  # `nguon:` with nothing after it, as `new` writes
        elif spec.required:
            found = reader.required(spec.name, read)
            values[spec.name] = empty if found is None else found
        else:
            values[spec.name] = reader.get(spec.name, read, empty)
    return values


def _empty(spec: FieldSpec):
    """The value of a field left out: none, or () for the types that are lists."""
    return () if spec.type in ("list", "records") else None


def blank_fields(specs: tuple[FieldSpec, ...]) -> dict:
    """{name: value left out} of every declared field: what an item has of the fields not
    of its kind, and a page without an item of them all, so that a template shared by
    kinds (base.html showing `page.fields.nguon`) reads none there, not an error."""
    return {spec.name: _empty(spec) for spec in specs}


def _blank(node) -> bool:
    """`nguon:` as `new` writes it, or `nguon: ""`: a field left out."""
    return isinstance(node, yamlread.ScalarNode) and not node.value.strip()


def _reader(spec: FieldSpec, reader, config, source: str, content_dir):
    text = lambda node, key: collapse_spaces(yamlread.read_text(node, key))
    line = lambda node: yamlread.line_of(node) + reader.offset
    return {
        "text": text,
        "integer": lambda node, key: yamlread.read_int(node, key, signed=True),
        "date": lambda node, key: reader.read_date(node, key, config),
        "list": lambda node, key: tuple(collapse_spaces(t)
                                        for t in yamlread.read_text_list(node, key)),
        "article": lambda node, key: RelatedRef(line(node), target=text(node, key)),
        "document": lambda node, key: RelatedRef(line(node), target=text(node, key)),
        "image": lambda node, key: _image(node, key, source, content_dir),
        "records": lambda node, key: _records(node, key, reader),
    }[spec.type]


def file_path(url: str, source: str) -> str | None:
    """The path in content/ an address of the site names, written in the file `source`:
    from the top ("/anh/a.jpg") or from the file's folder ("a.jpg", "../anh/a.jpg"; it
    may lead out: "../x.jpg"); None for an address of another site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    return posixpath.normpath(unquote(parts.path).lstrip("/") if url.startswith("/")
                              else posixpath.join(posixpath.dirname(source), unquote(parts.path)))


def _image(node, key: str, source: str, content_dir) -> str:
    """An image's address; one in the content folder must be there."""
    url = yamlread.read_address(node, key)
    rel = file_path(url, source)
    if rel is None or not url.strip():  # `anh: ""`: left out, or empty if required
        return url.strip()
    if listed_file(content_dir, rel) is None:
        raise FieldError(f"{key}: image {url!r} not found in the content folder",
                         yamlread.line_of(node))
    return "/" + quote(rel)  # an address: "bìa #2.png" would end at its "#" in a browser


def _records(node, key: str, reader) -> tuple[dict, ...]:
    """A list of small mappings of text (a table: the rows of a schedule, the captions of
    photos); each row also carries `line`, the file line it starts on, for messages."""
    rows = []
    for item in yamlread.read_list(node, key):
        if isinstance(item, yamlread.ScalarNode):
            raise FieldError(f"{key}: each entry is a set of `name: value` lines",
                             yamlread.line_of(item))
        cells = yamlread.mapping_items(item, f"an entry of {key}", reader.offset)
        if "line" in cells:  # it would be written over by the row's line, and lost
            raise FieldError(f"{key}: a column may not be named `line` (the build keeps the "
                             "line each entry starts on by that name): name it otherwise",
                             yamlread.line_of(item))
        row = {name: collapse_spaces(yamlread.read_text(value, name))
               for name, value in cells.items() if not yamlread.is_null(value)}
        rows.append({**row, "line": yamlread.line_of(item) + reader.offset})
    return tuple(rows)


def resolve_links(articles, specs: tuple[FieldSpec, ...], features: dict, shown: set,
                  lookup, unread, diags, redigest) -> tuple:
    """New records whose article and document fields hold an Entry of what they name.
    `features`: kind name -> feature; `shown`: the sources that have a page now;
    `unread`: the files that could not be read, whose own fields are checked too."""
    links = [s for s in specs if s.type in LINKS]
    if not links:
        return tuple(articles)
    names = unread_names(unread)
    for record in unread:
        for spec in links:
            if isinstance(record.fields.get(spec.name), RelatedRef):
                _target(record, spec, record.fields[spec.name], features, shown, lookup, names,
                        diags)
    resolved = []
    for article in articles:
        changes = {}
        for spec in links:
            ref = article.fields.get(spec.name)
            if isinstance(ref, RelatedRef):
                changes[spec.name] = _target(article, spec, ref, features, shown, lookup,
                                             names, diags)
        if changes:
            fields = {**article.fields, **changes}
            article = replace(article, fields=fields, digest=redigest(article, fields))
        resolved.append(article)
    return tuple(resolved)


def _target(article, spec: FieldSpec, ref: RelatedRef, features, shown, lookup, unread,
            diags):
    wanted = "news" if spec.type == "article" else "document"
    key = normalize(ref.target).strip().removeprefix("./").strip("/")
    matches = [m for m in lookup.get(key, []) + _by_number(lookup, key, wanted)
               if features.get(m.kind) == wanted]
    matches = list({m.source: m for m in matches}.values())
    what = "article" if wanted == "news" else "văn bản"
    if len(matches) != 1:
        problem = "is ambiguous; use the path" if matches else (
            f"names {unread[key]}, which {UNREAD}" if key in unread else "names no " + what)
        report = warning if article.draft else error
        diags.append(report(article.path, ref.line, f"{spec.name}: {ref.target!r} {problem}"))
        return None
    target = matches[0]
    if target.source not in shown:
        diags.append(warning(article.path, ref.line,
                             f"{spec.name}: {ref.target!r} is not published yet and is left out"))
        return None
    return Entry(target.title, target.url, target.published, lang=target.lang)


def _by_number(lookup, key: str, wanted: str) -> list:
    """A văn bản may also be named by its number, typed any way (09-CT/TW, 09 ct tw)."""
    if wanted != "document":
        return []
    return lookup.get(("number", loose_number(key)), [])
