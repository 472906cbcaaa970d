"""Read YAML as nodes and decide every type ourselves.

PyYAML alone reads `9:12` as 552 and `052` as 42 and keeps the last of two duplicate
keys; composing nodes keeps the text as written and the line of every value.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # the C parser is several times faster; the pure one gives the same nodes
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


class FieldError(ValueError):
    """A value of the wrong shape; `line` is 0-based within the YAML text."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def compose(text: str) -> Node | None:
    """Parse YAML text into a node tree; raises FieldError with the failing line."""
    try:
        return yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise FieldError(_yaml_message(exc), mark.line if mark else 0) from None
    except yaml.YAMLError as exc:
        raise FieldError(f"invalid YAML: {exc}", 0) from None


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "invalid YAML"
    message = f"invalid YAML: {problem}"
    if "mapping values are not allowed" in problem:
        message += " (a value containing ': ' must be put in quotes)"
    return message


def mapping_items(node: Node | None, what: str, first_line: int = 1) -> dict[str, Node]:
    """Keys of a mapping node, refusing duplicates instead of keeping the last.

    `first_line` is the file line of the YAML's first line, for the message."""
    if node is None or is_null(node):
        return {}
    if not isinstance(node, MappingNode):
        raise FieldError(f"{what} must be a set of `key: value` lines", line_of(node))
    items: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        if not isinstance(key, str):
            raise FieldError("a key must be a plain word", line_of(key_node))
        if key in items:
            first = line_of(items[key]) + first_line
            raise FieldError(f"duplicate key {key!r} (first given on line {first})",
                             line_of(key_node))
        items[key] = value_node
    return items


def line_of(node: Node) -> int:
    return node.start_mark.line


def is_null(node: Node) -> bool:
    # a plain scalar: its style is None from the pure parser and "" from the C one
    return isinstance(node, ScalarNode) and not node.style and node.value in _NULLS


def read_text(node: Node, key: str) -> str:
    if not isinstance(node, ScalarNode):
        raise FieldError(f"{key} must be text, not a list or mapping", line_of(node))
    return "" if is_null(node) else node.value.strip()


def read_int(node: Node, key: str) -> int:
    text = read_text(node, key).replace("_", "")
    if not re.fullmatch(r"\+?\d+", text):
        raise FieldError(f"{key} must be a whole number of 0 or more, not {text!r}",
                         line_of(node))
    return int(text, 10)


def read_bool(node: Node, key: str) -> bool:
    text = read_text(node, key).lower()
    if text in _TRUE:
        return True
    if text in _FALSE or text == "":
        return False
    raise FieldError(f"{key} must be true or false, not {text!r}", line_of(node))


def read_text_list(node: Node, key: str) -> tuple[str, ...]:
    """A list of words; a single `a, b` line is accepted as two items."""
    if isinstance(node, ScalarNode):
        return tuple(p.strip() for p in read_text(node, key).split(",") if p.strip())
    if not isinstance(node, SequenceNode):
        raise FieldError(f"{key} must be a list", line_of(node))
    return tuple(t for t in (read_text(item, key) for item in node.value) if t)


def read_list(node: Node, key: str) -> list[Node]:
    if is_null(node):
        return []
    if not isinstance(node, SequenceNode):
        raise FieldError(f"{key} must be a list (one `- item` per line)", line_of(node))
    return list(node.value)


def to_python(node: Node):
    """Plain data for settings whose types need no care (all scalars stay text)."""
    if isinstance(node, MappingNode):
        return {k: to_python(v) for k, v in mapping_items(node, "value").items()}
    if isinstance(node, SequenceNode):
        return [to_python(item) for item in node.value]
    return None if is_null(node) else node.value
