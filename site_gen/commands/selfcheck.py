"""`check --portal`: what Decree 42/2022/NĐ-CT expects of a state portal that this site
lacks, each finding saying what to add and where."""

from __future__ import annotations

import re

from ..core.config import SiteConfig
from ..stages.index import SiteIndex
from ..stages.pages import output_path

# Tried only where a run of name characters starts: from every place in it, a long run
# without "@" took seconds (40,000 letters: 15 s).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(\+84|0)[\d .()-]{8,}\d")


def portal_findings(files: dict[str, bytes], index: SiteIndex, config: SiteConfig) -> list[str]:
    findings = []
    search = output_path(config.urls["search_url"])
    if search not in files:
        findings.append(f"search: no search page at {config.urls['search_url']}; keep "
                        "templates/search.html in the theme")
    article = next(iter(index.articles), None)
    if article and b"print-button" not in files.get(output_path(article.url), b""):
        findings.append("print: article pages have no print button; keep the `print-button` "
                        "of templates/article.html")
    findings += english_findings(index)
    if not config.links:
        findings.append("links to other agencies: add `links:` (title, url) to site.yaml, "
                        "e.g. the province's portal")
    findings += document_findings(index)
    return findings


def english_findings(index: SiteIndex) -> list[str]:
    pages = index.library.english
    if not pages:
        return ["English: add a page with `lang: en` (e.g. content/pages/en/introduction.md) "
                "about the organisation, its functions and its officials' contacts"]
    text = " ".join(p.body_html for p in pages)
    if not (_EMAIL.search(text) and _PHONE.search(text)):
        where = ", ".join(p.path for p in pages)
        return [f"English: {where} should give officials' contacts (an email and a phone number)"]
    return []


def document_findings(index: SiteIndex) -> list[str]:
    docs = index.library.documents
    if not docs:
        return ["documents: add văn bản under content/van-ban/ (number, doc_type, issuer, "
                "signer, issued, files)"]
    found = []
    for doc in docs:
        info = doc.document
        missing = [] if info.signer else ["signer"]  # the others are required when loading
        if not info.files:
            missing.append("files (the document itself, e.g. a PDF beside it)")
        if missing:
            found.append(f"documents: {doc.path} lacks {', '.join(missing)}")
    return found
