"""What a page is made from, as a digest: its template's code and the values that code can
read. A rebuild takes a page's bytes from the cache only when that digest is the same, so
it must cover everything the template could show; what a template cannot read it may leave
out, and that is what makes a rebuild cheap.

Which values a template can read is found from its source (Jinja's `meta`): the names it
uses, with those of every template it extends, includes or imports. A template that names
another by a variable could read anything: then every value counts. Where every use of a
name is one step into it (`term.url`, `item["title"]`), only what those steps reach counts
(a list page that shows its term's address is not made again when another of the term's
articles changes); any other use (`term`, `term|length`, `{% set t = term %}`) counts the
value whole. Values are digested whole (an article by its digest, which covers its file),
never by a summary of them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime, tzinfo
from pathlib import PurePath
from types import MappingProxyType

import jinja2
from jinja2 import meta, nodes

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
    """What each template can read, found once a build: {top-level name: the steps taken
    into it (see `steps`), or None for the value whole}. None: any name (a template chosen
    by a variable could read anything)."""

    def __init__(self, env: jinja2.Environment):
        self.env, self.found = env, {}

    def of(self, name: str) -> dict[str, tuple | None] | None:
        if name not in self.found:
            self.found[name] = None  # a template that includes itself reads no more
            try:
                self.found[name] = self._closure(name)
            except jinja2.TemplateNotFound as exc:
                if exc.name != name:
                    raise
                # not there, so it reads nothing: whether that is a problem is for the
                # page to say when it is made (`{% include ... ignore missing %}` is not)
                self.found[name] = {}
            except RecursionError:  # too deep to parse: may read anything, and making the
                pass  # page says so, as without the cache (not always in the same words)
        return self.found[name]

    def _closure(self, name: str) -> dict[str, tuple | None] | None:
        source, filename, _ = self.env.loader.get_source(self.env, name)
        tree = self.env.parse(source, name, filename)  # a problem names its own file
        found = steps(tree, meta.find_undeclared_variables(tree))
        for other in meta.find_referenced_templates(tree):
            try:
                more = None if other is None else self.of(other)
            except jinja2.TemplateSyntaxError:  # an error only if a page gets there: may
                more = None  # read anything meanwhile, and making the page says which
            if more is None:
                return None
            found = joined(found, more)
        return found


def steps(tree: nodes.Node, names) -> dict[str, tuple | None]:
    """Of each of `names` that `tree` reads from its context, the steps taken into it, in
    one order: (".", attribute) for `name.attribute`, ("[]", key) for `name["key"]` or
    `name[0]`; None if any use of it is another (the value whole)."""
    found = {name: set() for name in names}
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in node.iter_child_nodes():
            if type(child) is nodes.Name and child.name in found and child.ctx == "load":
                step = _step(node, child)
                if step is None:
                    found[child.name] = None
                elif found[child.name] is not None:
                    found[child.name].add(step)
            stack.append(child)
    return {name: _ordered(taken) for name, taken in found.items()}


def _step(parent: nodes.Node, name: nodes.Name) -> tuple | None:
    if type(parent) is nodes.Getattr and parent.node is name:
        return (".", parent.attr)
    if (type(parent) is nodes.Getitem and parent.node is name
            and type(parent.arg) is nodes.Const and type(parent.arg.value) in (str, int)):
        return ("[]", parent.arg.value)
    return None


def joined(one: dict, other: dict) -> dict:
    """What two templates read together."""
    found = dict(one)
    for name, taken in other.items():
        before = found.get(name, ())
        found[name] = None if taken is None or before is None else _ordered({*before, *taken})
    return found


def _ordered(taken) -> tuple | None:
    return None if taken is None else tuple(sorted(taken, key=repr))


_PLAIN = frozenset({str, int, float, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}
# digested whole, whatever is read of them: that is quicker (an article's digest is made
# with it) and they are no larger than what is read
_WHOLE = _PLAIN | {Article, Entry, Link}


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

    def through(self, value, taken: tuple | None) -> str:
        """The digest of what `taken` (the steps of Reads) reaches in `value`, each step
        taken as Jinja takes it; the value whole if a step reaches a method (what it gives
        depends on more than the step) or anything unforeseen, or `taken` is None."""
        if taken is None or type(value) in _WHOLE:
            return self.of(value)
        memo = (id(value), taken)
        found = self.texts.get(memo)
        if found is None:
            try:
                found = type(value).__name__ + "(" + ",".join(
                    [self.of(_reached(value, step)) for step in taken]) + ")"
            except Exception:  # noqa: BLE001 (a step that raises: Jinja's error, or ours)
                found = self.of(value)
            self.texts[memo] = found
            self.alive.append(value)
        return found

    def _digest(self, value) -> str:
        kind = type(value)
        if kind is Entry:  # the most common value of all: sidebars on every page
            return repr((value.title, value.url, value.published and value.published.isoformat(),
                         value.external, value.lang))
        if kind is Link:
            return repr((value.name, value.url, value.lang, value.name_en))
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


class _Missing:
    """What a step reaches where there is nothing: Jinja's undefined."""

    def __key__(self) -> str:
        return "<missing>"  # no other value's digest: a text's has quotes


_MISSING = _Missing()


def _reached(value, step: tuple):
    """What `value.key` (step ".") or `value[key]` ("[]") gives a template: Jinja's getattr
    tries the attribute, then the item, and getitem the other way round."""
    how, key = step
    if how == ".":
        found = _attribute(value, key)
        if found is _MISSING:
            found = _item(value, key)
    else:
        found = _item(value, key)
        if found is _MISSING and type(key) is str:
            found = _attribute(value, key)
    if callable(found):
        raise TypeError("a method: the value counts whole")
    return found


def _attribute(value, key):
    """An attribute as templates reach it (render.ThemeEnvironment.getattr): not a private
    one, which is undefined to them (`term.__dataclass_fields__`)."""
    if key[:1] == "_":
        return _MISSING
    return getattr(value, key, _MISSING)


def _item(value, key):
    try:
        return value[key]
    except (TypeError, LookupError):
        return _MISSING


def page_key(base: str, template: str, shared: str, own, values: dict,
             digests: Digests) -> str:
    """The key of a page: `base` (code, settings and templates), the template it is made
    with (two that read nothing, robots.txt's and a static 404 page, are not one), the
    values its templates read that every page shares (`shared`, from `shared_text`) and
    each of its own values they read (`own`: (name, steps taken into it)), by name."""
    text = base + template + shared + "\1" + "".join(
        f"\0{name}={digests.through(values[name], steps)}" for name, steps in own)
    return hashlib.sha1(text.encode()).hexdigest()


def shared_text(names, values: dict, digests: Digests) -> str:
    """The part of pages' keys that many pages share: values they all get, by name."""
    return "".join(f"\0{name}={digests.of(values[name])}" for name in sorted(names))
