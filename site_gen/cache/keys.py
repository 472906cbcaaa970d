"""What a page is made from, as a digest: its template's code and the values that code can
read. A rebuild takes a page's bytes from the cache only when that digest is the same, so
it must cover everything the template could show; what a template cannot read it may leave
out, and that is what makes a rebuild cheap.

Which values a template can read is found from its source (Jinja's `meta`): the names it
uses, with those of every template it extends, includes or imports. A template that names
another by a variable could read anything: then every value counts. Values are digested
whole (an article by its digest, which covers its file), never by a summary of them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime, tzinfo
from pathlib import PurePath
from types import MappingProxyType

import jinja2
from jinja2 import meta

from ..core.model import Article, Entry, Link, Page


def templates_digest(sources) -> str:
    """The bytes of the templates a build can load, by path in their folder: the loader's
    own (render.ListedLoader, which refuses any other and makes the pages from these very
    bytes)."""
    digest = hashlib.sha1()
    for rel in sorted(sources):
        data = sources[rel]
        digest.update(f"{rel}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


class Reads:
    """The top-level names each template can read, found once a build. None: any name
    (a template chosen by a variable could read anything)."""

    def __init__(self, env: jinja2.Environment):
        self.env, self.found = env, {}

    def of(self, name: str) -> frozenset[str] | None:
        if name not in self.found:
            self.found[name] = None  # a template that includes itself reads no more
            try:
                self.found[name] = self._closure(name)
            except jinja2.TemplateNotFound as exc:
                if exc.name != name:
                    raise
                # not there, so it reads nothing: whether that is a problem is for the
                # page to say when it is made (`{% include ... ignore missing %}` is not)
                self.found[name] = frozenset()
            except RecursionError:  # too deep to parse: may read anything, and making the
                pass  # page says so, as without the cache (not always in the same words)
        return self.found[name]

    def _closure(self, name: str) -> frozenset[str] | None:
        source, filename, _ = self.env.loader.get_source(self.env, name)
        tree = self.env.parse(source, name, filename)  # a problem names its own file
        names = set(meta.find_undeclared_variables(tree))
        for other in meta.find_referenced_templates(tree):
            try:
                more = None if other is None else self.of(other)
            except jinja2.TemplateSyntaxError:  # an error only if a page gets there: may
                more = None  # read anything meanwhile, and making the page says which
            if more is None:
                return None
            names |= more
        return frozenset(names)


_PLAIN = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}


class Digests:
    """Digests of values, each shared value done once a build (by identity: the values
    live as long as this object, which holds them, so an identity is never reused)."""

    __slots__ = ("texts", "alive")

    def __init__(self):
        self.texts, self.alive = {}, []

    def of(self, value) -> str:
        found = self.texts.get(id(value))  # first: most values are shared by many pages
        if found is not None:
            return found
        kind = type(value)
        if kind in _PLAIN:
            return repr(value)
        if kind is Page:  # as templates get it (render.Renderer.shown): made for each page
            item = value.context.get("article")
            return repr((value.url, value.template, value.path, value.source, value.line,
                         tuple(value.context) != ("article",) and self.of(value.context),
                         item and self.of(item)))
        found = self._digest(value)
        if len(found) > 40:
            found = hashlib.sha1(found.encode()).hexdigest()
        self.texts[id(value)] = found
        self.alive.append(value)
        return found

    def _digest(self, value) -> str:
        kind = type(value)
        if kind is Entry:  # the most common value of all: sidebars on every page
            return repr((value.title, value.url, value.published and value.published.isoformat(),
                         value.external))
        if kind is Link:
            return repr((value.name, value.url, value.lang))
        if kind is tuple or kind is list or kind is frozenset or kind is set:
            items = map(self.of, value if kind in (tuple, list) else sorted(value, key=repr))
            return "(" + ",".join(items) + ")"
        if kind is Article:  # its digest covers its file and what later stages changed;
            return "A" + value.digest + value.source  # its path is not for templates
        if kind is dict or kind is MappingProxyType:  # in order: a template sees the order
            return "{" + ",".join(f"{self.of(k)}:{self.of(v)}" for k, v in value.items()) + "}"
        if isinstance(value, tzinfo):
            return str(value)
        if isinstance(value, (datetime, date)):
            return value.isoformat() + str(getattr(value, "tzinfo", ""))
        if dataclasses.is_dataclass(value):
            names = _FIELDS.get(kind) or _FIELDS.setdefault(
                kind, tuple(f.name for f in dataclasses.fields(value)))
            return kind.__name__ + "(" + ",".join(self.of(getattr(value, n)) for n in names) + ")"
        if hasattr(kind, "__key__"):  # render.Box: only where it goes is in the page
            return value.__key__()
        if isinstance(value, (PurePath, bytes)) or kind.__module__ == "markupsafe":
            return repr(value)
        if hasattr(value, "__dict__") or hasattr(value, "__slots__"):
            raise TypeError(f"no digest for a {kind.__name__} value")  # a new record type
        return repr(value)


def page_key(base: str, template: str, shared: str, own, values: dict,
             digests: Digests) -> str:
    """The key of a page: `base` (code, settings and templates), the template it is made
    with (two that read nothing, robots.txt's and a static 404 page, are not one), the
    values its templates read that every page shares (`shared`, from `shared_text`) and
    each of its own values they read (`own`: names), by name."""
    text = base + template + shared + "\1" + "".join(
        f"\0{name}={digests.of(values[name])}" for name in own)
    return hashlib.sha1(text.encode()).hexdigest()


def shared_text(names, values: dict, digests: Digests) -> str:
    """The part of pages' keys that many pages share: values they all get, by name."""
    return "".join(f"\0{name}={digests.of(values[name])}" for name in sorted(names))
