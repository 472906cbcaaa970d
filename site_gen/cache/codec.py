"""Records to JSON and back, for the build cache: data, never code.

Only the project's own records (subclasses of model.Record) are made from what is read, by
name; anything else in the file is refused. Tuples come back as tuples, mappings as dicts,
times with their zone.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import json
import re
import sys
import types
import typing
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter
from zoneinfo import ZoneInfo

from ..core.model import Record
from ..core.packed import pack_text, unpack_text


class CodecError(ValueError):
    pass


def dumps(value) -> bytes:
    """`value` as JSON, packed as bodies are (zstd: unpacked in half zlib's time)."""
    return pack_text(json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")))


# How dumps begins a record: {"$r":"Name","f":[fields...]}
_RECORD = re.compile(r'\{"\$r":"(\w+)","f":')


def loads(data: bytes, **changes):
    """The record `dumps` wrote, with `changes` to some of its fields, or CodecError for
    anything else. Made once with them: made and then replaced (dataclasses.replace), an
    article took a fifth more time to read back."""
    try:
        text = unpack_text(data)
        head = _RECORD.match(text)
        if head is None or not text.endswith("}"):
            raise CodecError("not a record")
        cls = _records()[head[1]]
        values = _decoder().decode(text[head.end():-1])
        if type(values) is not list:
            raise CodecError("not a record's fields")
        values = [_tuples(v) if type(v) is list else v for v in values]
        for name, value in changes.items():
            values[_positions(cls)[name]] = value
        return _made(cls, values)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
        raise CodecError(str(exc)) from None


def _made(cls, values: list):
    """The record, if each value is of its field's type: one read back with a number for a
    title, words for its views or a text for its tags made a traceback, a false template
    error, a tag page for each letter. The types are compared in C (map, sets): checked
    field by field in Python, 10,000 articles took 0.8 s more to read back."""
    count, picked, kinds, deep = _checks(cls)
    if (len(values) != count or not all(map(frozenset.__contains__, kinds,
                                            map(type, picked(values))))
            or not all(check(values[n]) for n, check in deep)):
        raise CodecError(f"a {cls.__name__} of other types")
    return cls(*values)


@lru_cache(maxsize=None)
def _checks(cls) -> tuple:
    """(fields, the values whose type is known, those types, [(field, deeper check)]) by the
    annotations; a field whose annotation cannot be read takes any value."""
    try:
        hints = typing.get_type_hints(cls)
    except (NameError, TypeError):
        hints = {}
    shapes = [_shape(hints.get(f.name, object)) for f in dataclasses.fields(cls)]
    known = [n for n, (kinds, _) in enumerate(shapes) if kinds is not None]
    picked = (lambda values: [values[n] for n in known]) if len(known) < 2 else itemgetter(*known)
    return (len(shapes), picked, tuple(shapes[n][0] for n in known),
            tuple((n, deep) for n, (_, deep) in enumerate(shapes) if deep is not None))


def _shape(hint) -> tuple:
    """(the exact types a value may have, or None for any; a check of what it holds, or
    None). Exactly: True is an int to isinstance, and the codec makes no subclasses."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        shapes = [_shape(arg) for arg in args]
        if any(kinds is None for kinds, _ in shapes):
            return None, None
        deeper = {kind: deep for kinds, deep in shapes if deep for kind in kinds}
        return (frozenset().union(*(kinds for kinds, _ in shapes)),
                (lambda value: deeper.get(type(value), _anything)(value)) if deeper else None)
    if origin is tuple and args[-1:] == (Ellipsis,):
        return frozenset({tuple}), _all_of(*_shape(args[0]))
    if origin is tuple:
        items = [_shape(arg) for arg in args]
        if len(set(items)) == 1:  # (str, str, str): one look at every item's type
            same = _all_of(*items[0])
            return frozenset({tuple}), lambda value: len(value) == len(items) and same(value)
        return frozenset({tuple}), lambda value: len(value) == len(items) and all(
            _holds(shape, item) for shape, item in zip(items, value))
    if origin in (collections.abc.Mapping, dict):
        keys, values = (_all_of(*_shape(arg)) for arg in args or (object, object))
        return frozenset({dict}), lambda value: keys(value) and values(value.values())
    if hint is None:
        return frozenset({type(None)}), None
    if isinstance(hint, type) and hint is not object:
        return frozenset({hint}), None
    return None, None


def _all_of(kinds, deep):
    """A check that every item of a collection has this shape."""
    if kinds is None:
        return _anything
    return lambda items: set(map(type, items)) <= kinds and (
        deep is None or all(map(deep, items)))


def _holds(shape, value) -> bool:
    kinds, deep = shape
    return kinds is None or (type(value) in kinds and (deep is None or deep(value)))


def _anything(value) -> bool:
    return True


@lru_cache(maxsize=None)
def _positions(cls) -> dict[str, int]:
    return {f.name: n for n, f in enumerate(dataclasses.fields(cls))}


def _encode(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    if isinstance(value, Record):
        return {"$r": type(value).__name__,
                "f": [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]}
    if isinstance(value, datetime):
        zone = getattr(value.tzinfo, "key", None)
        found = {"$t": value.replace(tzinfo=None).isoformat() if zone else value.isoformat(),
                 "z": zone}
        if value.fold:  # the second 02:30 of a night the clocks go back: another offset
            found["f"] = 1
        return found
    if isinstance(value, date):
        return {"$day": value.isoformat()}
    if isinstance(value, bytes):
        try:
            return {"$u": value.decode("utf-8")}
        except UnicodeDecodeError:
            return {"$b": value.decode("latin-1")}
    if hasattr(value, "items"):
        return {"$d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    raise CodecError(f"cannot store a {type(value).__name__}")


def _decode_object(obj: dict):
    name = obj.get("$r")
    if name is not None:  # the most common object by far: tested first
        cls = _records().get(name)
        if cls is None:
            raise CodecError(f"unknown record {name!r}")
        return _made(cls, [_tuples(v) if type(v) is list else v for v in obj["f"]])
    if "$t" in obj:
        moment = datetime.fromisoformat(obj["$t"])
        if not obj["z"]:
            return moment
        return moment.replace(tzinfo=_zone(obj["z"]), fold=obj.get("f", 0))
    if "$day" in obj:
        return date.fromisoformat(obj["$day"])
    if "$u" in obj:
        return obj["$u"].encode("utf-8")
    if "$b" in obj:
        return obj["$b"].encode("latin-1")
    if "$d" in obj:
        # an article's lines: text keys, number values (one call each was a tenth of
        # the time taken to read 10,000 articles back)
        return {k if type(k) is not list else _tuples(k): v if type(v) is not list
                else _tuples(v) for k, v in obj["$d"]}
    raise CodecError("unknown object")


def _tuples(value):
    """JSON arrays as the tuples the records hold (called for arrays only: a call for each
    item was a fifth of the time taken to read 10,000 articles back)."""
    if type(value) is not list:
        return value
    return tuple([_tuples(item) if type(item) is list else item for item in value])


@lru_cache(maxsize=1)
def _decoder() -> json.JSONDecoder:
    """One decoder for every record read, not one made for each (as json.loads does)."""
    return json.JSONDecoder(object_hook=_decode_object)


@lru_cache(maxsize=None)
def _zone(key: str) -> ZoneInfo:
    return ZoneInfo(key)


@lru_cache(maxsize=1)
def _records() -> dict[str, type]:
    """The records by name: those their module holds (a slotted dataclass is a second
    class, the first one lingering among the subclasses)."""
    found, todo = {}, list(Record.__subclasses__())
    while todo:
        cls = todo.pop()
        if getattr(sys.modules.get(cls.__module__), cls.__name__, None) is cls:
            found[cls.__name__] = cls
        todo += cls.__subclasses__()
    return found
