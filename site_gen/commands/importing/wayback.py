"""Pages saved from the Wayback Machine (web.archive.org) when the old portal is gone: its
toolbar taken out, and its addresses read as the portal's own, so that the old address
becomes an alias, links find the other imported articles and pictures are found where the
portal's paths were saved."""

from __future__ import annotations

import re

# Only a page the Wayback Machine served is rewritten: an article may cite an archived
# address in its text, and that link must stay as written.
_MARKS = ("<!-- BEGIN WAYBACK TOOLBAR INSERT -->", "/_static/js/bundle-playback", 'id="wm-ipp-base"',
          "<!-- End Wayback Rewrite JS Include -->")
_TOOLBAR = re.compile(r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->",
                      re.S | re.I)
# The notes it appends ("FILE ARCHIVED ON 09:30:00 Dec 12, 2020 …"): comments, but dated ones
_NOTES = re.compile(r"<!--\s*(?:FILE ARCHIVED ON|playback timings).*?-->", re.S | re.I)
# `https://web.archive.org/web/20201212093000im_/http://host:80/path`, also `//web.archive.org/…`
# and `/web/…` relative to the archive: the part after the stamp (and its im_, cs_, js_…) is
# the original address.
_ARCHIVED = re.compile(r"(?:(?:https?:)?//web\.archive\.org|(?<![\w/.-]))/web/\d{1,14}(?:[a-z]{2}_)?/"
                       r"(https?://)([^/\s\"'<>?#]+?)(?::(?:80|443))?(?=[/\s\"'<>?#]|$)", re.I)


def is_wayback(text: str) -> bool:
    return any(mark in text for mark in _MARKS)


def unwrap_wayback(text: str) -> str:
    """The page as the portal served it, when the Wayback Machine served it; else as it is."""
    if not is_wayback(text):
        return text
    text = _NOTES.sub("", _TOOLBAR.sub("", text))
    return original_address(text)


def original_address(url: str) -> str:
    """The portal's address of an archived one (a part of a page saved as one file from
    the Wayback Machine is named so); any other address as it is."""
    # the port Wayback keeps (`host:80`) would make the address another site's
    return _ARCHIVED.sub(lambda m: m.group(1) + m.group(2), url)
