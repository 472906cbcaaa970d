"""The portal beyond news: standalone pages and the văn bản (documents) library.

Pure, like index.py: takes the loaded records, returns values and diagnostics.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from ..core.config import SiteConfig
from ..core.diagnostics import error
from ..core.model import UNREAD, Article, Term
from ..core.text import collapse_spaces


@dataclass(frozen=True, slots=True)
class Filters:
    """A document kind's lists by type, issuer and year of issue, of its own documents."""

    doc_types: tuple[Term, ...]
    issuers: tuple[Term, ...]
    doc_years: tuple[Term, ...]  # newest first


@dataclass(frozen=True, slots=True)
class Library:
    pages: tuple[Article, ...]  # standalone pages, by menu position then title
    menu: tuple[Article, ...]  # pages with a `menu:` position, in that order
    english: tuple[Article, ...]  # pages with `lang: en`
    documents: tuple[Article, ...]  # newest issued first
    filters: Mapping[str, Filters]  # by document kind, of those with a list
    documents_of: Mapping[str, tuple[Article, ...]]  # by citing article's source
    cited_by: Mapping[str, tuple[Article, ...]]  # by document source, newest first


def number_key(number: str) -> str:
    """09-CT/TW, 09-ct/tw and "09-CT/TW " are one number."""
    return collapse_spaces(number).casefold()


def loose_number(number: str) -> str:
    """09-CT/TW as typed any way: 09 ct tw, 09/CT-TW; 973-QĐ/BTGTW also as 973 qd btgtw
    (đ as d, marks dropped, as search folds them: staff type numbers without them)."""
    folded = unicodedata.normalize("NFD", number.casefold().replace("đ", "d"))
    return re.sub(r"\W+", "", folded.replace("_", ""))


def build_library(everything, published, config: SiteConfig, drafts: bool, group_terms,
                  newest_first, diags, unread=()) -> Library:
    shown = [a for a in everything if drafts or not a.draft]
    feature = {k.name: k.feature for k in config.kinds}
    pages = sorted((a for a in shown if feature.get(a.kind) == "page"),
                   key=lambda p: (p.menu is None, p.menu or 0, p.title, p.source))
    documents = tuple(newest_first(a for a in shown if feature.get(a.kind) == "document"))
    by_number = unique_numbers(documents, diags)
    unread_numbers = {number_key(u.number): u.source for u in unread if u.number}
    documents_of, cited_by = citations([*published, *pages], by_number, unread_numbers, diags)
    # the citations of a file that could not be read are told with its own problem, as an
    # article's are unless it is a draft
    citations([u for u in unread if not u.draft], by_number, unread_numbers, diags)
    kinds = [k for k in config.kinds if k.feature == "document"]
    filters = {kind.name: _filters([d for d in documents if d.kind == kind.name],
                                   _filter_urls(kind, kind is kinds[0], config),
                                   group_terms, diags)
               for kind in kinds if kind.list_url}
    return Library(
        pages=tuple(pages),
        menu=tuple(p for p in pages if p.menu is not None),
        english=tuple(p for p in pages if p.lang == "en"),
        documents=documents,
        filters=MappingProxyType(filters),
        documents_of=MappingProxyType(documents_of),
        cited_by=MappingProxyType({k: tuple(newest_first(v)) for k, v in cited_by.items()}),
    )


def _filter_urls(kind, first: bool, config: SiteConfig) -> tuple[str, str, str]:
    """The address patterns of a document kind's lists by type, issuer and year: the
    settings' (document_type_url...) for the first, the library (văn bản); below its own
    list for any other, whose documents are not the library's."""
    if first:
        return (config.urls["document_type_url"], config.urls["document_issuer_url"],
                config.urls["document_year_url"].replace("{year}", "{slug}"))
    return tuple(kind.list_url + part + "/{slug}/" for part in ("loai", "co-quan", "nam"))


def _filters(documents, urls: tuple[str, str, str], group_terms, diags) -> Filters:
    types, issuers, years = urls
    return Filters(
        doc_types=group_terms(documents, lambda d: (d.document.doc_type,), types, "doc_type",
                              diags),
        issuers=group_terms(documents, lambda d: (d.document.issuer,), issuers, "issuer",
                            diags),
        doc_years=tuple(sorted(group_terms(documents, lambda d: (str(d.published.year),),
                                           years, "issued", diags),
                               key=lambda t: t.slug, reverse=True)))


def unique_numbers(documents, diags) -> dict[str, list[Article]]:
    """Documents by number; one number twice from the same issuer is an error."""
    by_number: dict[str, list[Article]] = defaultdict(list)
    seen: dict[tuple[str, str], Article] = {}
    for doc in sorted(documents, key=lambda d: d.source):
        key = (number_key(doc.document.number), number_key(doc.document.issuer))
        if key in seen:
            diags.append(error(doc.path, doc.line("number"),
                               f"number {doc.document.number!r} of {doc.document.issuer!r} is "
                               f"also used by {seen[key].path}"))
            continue
        seen[key] = doc
        by_number[key[0]].append(doc)
    return by_number


def citations(citing, by_number, unread_numbers, diags):
    """Each article's cited văn bản and each văn bản's citing articles; a number no văn bản
    has is an error, which names the file of a văn bản that could not be read."""
    documents_of: dict[str, tuple[Article, ...]] = {}
    cited_by: dict[str, list[Article]] = defaultdict(list)
    for article in citing:
        found = []
        for ref in article.cites:
            docs = by_number.get(number_key(ref.target), [])
            if not docs:
                broken = unread_numbers.get(number_key(ref.target))
                diags.append(error(article.path, ref.line, f"document {ref.target!r} " + (
                    f"is {broken}, which {UNREAD}" if broken else
                    "is not in the library (no văn bản has that number)")))
            for doc in docs:
                if doc not in found:
                    found.append(doc)
                    cited_by[doc.source].append(article)
        if found:
            documents_of[article.source] = tuple(found)
    return documents_of, cited_by
