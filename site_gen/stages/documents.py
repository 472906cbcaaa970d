"""Reading a văn bản's front matter: its metadata and its attached files."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import quote

from ..core import yamlread
from ..core.config import SiteConfig
from ..core.files import listed_file
from ..core.model import Attachment, DocumentInfo
from ..core.text import collapse_spaces



def read_document(reader, config: SiteConfig, source: str, content_dir: Path) -> DocumentInfo | None:
    """The document's fields, every problem reported through `reader`."""
    text = lambda node, key: collapse_spaces(yamlread.read_text(node, key))
    number = reader.required("number", text)
    doc_type = reader.required("doc_type", text)
    issuer = reader.required("issuer", text)
    signer = reader.get("signer", text, "")
    issued = reader.required("issued", lambda n, k: reader.read_date(n, k, config))
    effective = reader.get("effective", lambda n, k: reader.read_date(n, k, config), None)
    files = reader.get("files", lambda n, k: _attachments(n, k, source, content_dir, reader),
                       ())
    if None in (number, doc_type, issuer, issued) or reader.errors():
        return None
    return DocumentInfo(number, doc_type, issuer, signer, issued, effective, tuple(files))


def _attachments(node, key: str, source: str, content_dir: Path, reader) -> list[Attachment]:
    """The files found; each one missing is told through `reader` (all in one build, not
    the first alone), and the văn bản is then not read."""
    found = []
    one = isinstance(node, yamlread.ScalarNode) and not yamlread.is_null(node)  # `files: a.pdf`
    for item in [node] if one else yamlread.read_list(node, key):
        name = yamlread.read_text(item, key)
        rel = posixpath.normpath(name.lstrip("/") if name.startswith("/")
                                 else posixpath.join(posixpath.dirname(source), name))
        path = listed_file(content_dir, rel)
        if path is None:
            reader.problem(yamlread.line_of(item),
                           f"attached file {name!r} not found beside the document")
            continue
        # an address, not a path: "QĐ 12#2025.pdf" would end at its "#" in a browser
        found.append(Attachment(posixpath.basename(rel), "/" + quote(rel), path.stat().st_size,
                                path.suffix.lstrip(".").upper() or "?"))
    return found
