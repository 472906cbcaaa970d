"""Read YAML as nodes and decide every type ourselves.

PyYAML alone reads `9:12` as 552 and `052` as 42 and keeps the last of two duplicate
keys; composing nodes keeps the text as written and the line of every value.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # the C parser is several times faster; the pure one gives the same nodes
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}
# Characters no HTML page or XML feed may hold (a feed with one is not XML at all, and
# readers refuse it whole): C0 and C1 controls but tab and newline, and the noncharacters.
# Word and pasted web text carry them (a vertical tab is Word's line break), YAML writes
# them as "\x01", "\0", "\e"; they are taken out where text is read.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# What aliases (`*name`) may add to a YAML text, in characters and values, over what it
# holds written out: nine lists of nine aliases, nine deep ("billion laughs"), are 387
# million values from 300 bytes, and 20,000 aliases of one long caption were minutes of
# work and gigabytes for every reader of the values.
MAX_EXPANSION = 1_000_000
MAX_DIGITS = 15  # a whole number in front matter: a count of views, a place in the menu


class FieldError(ValueError):
    """A value of the wrong shape; `line` is 0-based within the YAML text."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def compose(text: str) -> Node | None:
    """Parse YAML text into a node tree; raises FieldError with the failing line."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and exc.context in _OPENED_AT:  # where it was opened, not
            mark = exc.context_mark                          # where the parser gave up
        raise FieldError(_yaml_message(exc, text), mark.line if mark else 0) from None
    except yaml.reader.ReaderError as exc:  # a control character, told by no line: its
        # first one is where reading stopped (libyaml's position counts bytes, not these)
        char = chr(exc.character) if isinstance(exc.character, int) else exc.character
        raise FieldError(f"invalid YAML: the control character U+{ord(char):04X} may not be "
                         "written in YAML: take it out",
                         text.count("\n", 0, max(text.find(char), 0))) from None
    except yaml.YAMLError as exc:
        raise FieldError(f"invalid YAML: {exc}", 0) from None
    if node is not None and "*" in text:  # no alias without a "*"
        check_aliases(node, len(text) + MAX_EXPANSION)
    return node


def check_aliases(root: Node, limit: int) -> None:
    """FieldError if the tree, every alias written out, would be larger than `limit`
    (characters of its scalars plus one per value), or if a value holds itself. Aliases
    make the tree a graph whose nodes are shared: each is sized once, so this takes the
    time of the text, not of what it stands for. A loop, not recursion: the parser lets
    values nest a thousand deep."""
    sizes: dict[int, int] = {}
    opened: set[int] = set()  # values whose insides are being sized: met again, a loop
    todo: list[tuple[Node, bool]] = [(root, False)]
    while todo:
        node, children_done = todo.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, ScalarNode):
            sizes[id(node)] = len(node.value) + 1
            continue
        children = ([n for pair in node.value for n in pair] if isinstance(node, MappingNode)
                    else node.value)
        if children_done:
            opened.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[id(node)] > limit:
                raise FieldError("aliases (*name) repeat their anchor's value (&name) too "
                                 "many times: write the values out", line_of(node))
            continue
        if id(node) in opened:
            raise FieldError("a value holds itself (an alias *name inside its own &name)",
                             line_of(node))
        opened.add(id(node))
        todo.append((node, True))
        todo.extend((child, False) for child in children if id(child) not in sizes)


# A list, a mapping or a quote left open is found lines later, or at the end of the text:
# the line to show is the one that opened it.
_OPENED_AT = {"while parsing a flow sequence", "while parsing a flow mapping",
              "while scanning a quoted scalar"}


def _yaml_message(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    """The parser's words, and what to do for the mistakes staff make: a tab (the Tab key
    in an editor), a colon in an unquoted value, a list or a quote left open."""
    problem = exc.problem or exc.context or "invalid YAML"
    message = f"invalid YAML: {problem}"
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark and 0 <= mark.line < len(lines) else ""
    if "mapping values are not allowed" in problem:
        message += " (a value containing ': ' must be put in quotes)"
    elif "tab" in problem or "\t" in line:
        message += (" (this line holds a tab: indent with spaces, never with the Tab key; "
                    "an editor may show the two alike)")
    elif "expected ',' or ']'" in problem:
        message += (" (a list opened with [ is closed by ]; put an item that holds a comma, "
                    "a bracket or ': ' in double quotes)")
    elif "expected ',' or '}'" in problem:
        message += (" (a mapping opened with { is closed by }; put a value that holds a "
                    "comma, a brace or ': ' in double quotes)")
    elif exc.context == "while scanning a quoted scalar":
        message += " (a value opened with a quote \" or ' is not closed by the same quote)"
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
    return "" if is_null(node) else writable(node.value).strip()


def writable(text: str) -> str:
    """`text` without the characters no page or feed may hold; a vertical tab or form feed
    (a line or page break) becomes a space."""
    if _UNWRITABLE.search(text) is None:  # nearly always: one pass in C
        return text
    return _UNWRITABLE.sub(lambda m: " " if m[0] in "\x0b\x0c" else "", text)


def read_address(node: Node, key: str) -> str:
    """An address a page will link or show (a lead image, a related link): http(s) or a
    path. `javascript:`, `data:` and every other scheme are refused, as the body's
    sanitiser refuses them, since templates put the address in `href`/`src` as it is.
    urlsplit reads the scheme as a browser does: tabs, newlines and leading controls
    dropped (`java\\tscript:`)."""
    text = read_text(node, key)
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:  # "https://[::1": no address at all
        scheme = "?"
    if scheme not in ("", "http", "https"):
        raise FieldError(f"{key}: {text!r} is not an http(s) address or a path of this site",
                         line_of(node))
    return text


# A count as staff copy it from a report or the old portal: 1.234 (Vietnamese), 1,234 or
# 1 234, in groups of three; 1.5 is no whole number
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([.,\u00a0 ])\d{3})(?:\1\d{3})*")


def read_int(node: Node, key: str, signed: bool = False) -> int:
    """A whole number of 0 or more (a count, a place), or any with `signed` (a declared
    integer field: a fall from last year is -3)."""
    text = read_text(node, key).replace("_", "")
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[.,\u00a0 ]", "", text)
    if not re.fullmatch(r"[+-]?\d+" if signed else r"\+?\d+", text):
        raise FieldError(f"{key} must be a whole number{'' if signed else ' of 0 or more'}, "
                         f"not {text!r}", line_of(node))
    digits = text.lstrip("+-0")
    # Python refuses to read more than 4,300 digits (a traceback), and the cache (SQLite)
    # and JSON readers of the search index hold no more than 2**63 - 1 exactly.
    if len(digits) > MAX_DIGITS:
        raise FieldError(f"{key} must be a whole number of at most {MAX_DIGITS} digits, "
                         f"not one of {len(digits)}", line_of(node))
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
