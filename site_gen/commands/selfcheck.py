"""`check --portal`: what Decree 42/2022/NĐ-CT expects of a state portal that this site
lacks, each finding saying what to add and where."""

from __future__ import annotations

import re

from ..core.config import ORGANIZATION_FIELDS, SiteConfig
from ..stages.index import SiteIndex
from ..stages.pages import output_path

# Tried only where a run of name characters starts: from every place in it, a long run
# without "@" took seconds (40,000 letters: 15 s).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(\+84|0)[\d .()-]{8,}\d")


def portal_findings(files: dict[str, bytes], index: SiteIndex, config: SiteConfig) -> list[str]:
    findings = identity_findings(config) + identity_shown_findings(files, index, config)
    search = output_path(config.urls["search_url"])
    if search not in files:
        findings.append(f"search: no search page at {config.urls['search_url']}; keep "
                        "templates/search.html in the theme")
    article = next(iter(index.articles), None)
    if article and b"print-button" not in files.get(output_path(article.url), b""):
        findings.append("print: article pages have no print button; keep the `print-button` "
                        "of templates/article.html")
    findings += english_findings(index)
    findings += english_name_findings(index, config)
    findings += english_word_findings(files, index, config)
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


def identity_findings(config: SiteConfig) -> list[str]:
    """Who runs the portal, as every page's footer must say (Decree 42/2022/NĐ-CP)."""
    org = config.organization
    found = [f"identity: organization.{key} is empty: give the office's {what} under "
             "`organization:` in site.yaml" for key, what in _IDENTITY if not org[key]]
    found += [f"English: organization.{key}_en is empty: give the English of "
              f"organization.{key} for English pages" for key in _TRANSLATED
              if org[key] and not org[f"{key}_en"]]
    return found


def identity_shown_findings(files: dict[str, bytes], index: SiteIndex,
                            config: SiteConfig) -> list[str]:
    """The identity as pages show it, on the home page and a Vietnamese article: a theme's
    footer may leave out what site.yaml gives."""
    org = config.organization
    article = next((a for a in index.articles if a.lang != "en"), None)
    found = []
    for url in ("/", *([article.url] if article else [])):
        page = files.get(output_path(url), b"").decode("utf-8")
        text = " ".join(page_soup(page).get_text("").split())
        missing = [what for key, what in _SHOWN
                   if org[key] and " ".join(org[key].split()) not in text]
        if missing:
            found.append(f"identity: {url} does not show the office's {', '.join(missing)}: "
                         "show them on every page (`{% include \"_identity.html\" %}` in the "
                         "footer of templates/base.html)")
    return found


_IDENTITY = (("governing_body", "governing body (Cơ quan chủ quản)"), ("address", "address"),
             ("phone", "phone number"), ("fax", "fax number"), ("email", "email address"),
             ("responsible", "person responsible for the content (Chịu trách nhiệm nội dung)"),
             ("licence", "licence or decision number"), ("map", "map link"))
_SHOWN = (("name", "name"), *((k, what) for k, what in _IDENTITY if k != "map"))
_TRANSLATED = tuple(k[:-3] for k in ORGANIZATION_FIELDS if k.endswith("_en") and k != "description_en")


def english_name_findings(index: SiteIndex, config: SiteConfig) -> list[str]:
    """Menu items that English pages leave out for want of an English name."""
    names = [("category", t.name) for t in index.categories]
    names += [("page", p.title) for p in index.library.menu if p.lang != "en" and not p.name_en]
    found = [f"English: {kind} {name!r} has no English name, so English pages leave it out "
             f"of their menu: add `{name}: ...` under `english_names:` in site.yaml"
             for kind, name in names if not config.english_names.get(name)]
    return found + [f"English: link {title!r} has no English name: English pages show it in "
                    f"Vietnamese; add `{title}: ...` under `english_names:` in site.yaml"
                    for title, _ in config.links if not config.english_names.get(title)]


# Letters of Vietnamese that English does not use: a word holding one is Vietnamese.
_VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                         r"ùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)
_LABELS = ("aria-label", "placeholder", "title", "alt")


def english_word_findings(files: dict[str, bytes], index: SiteIndex,
                          config: SiteConfig) -> list[str]:
    """Vietnamese words on English pages that are not marked as Vietnamese (`lang`):
    the English home and search page and every item of any kind (page, album, a declared
    kind...) with `lang: en`, not the pages alone."""
    english = (item for items in index.items.values() for item in items if item.lang == "en")
    urls = [config.urls["english_url"], config.urls["english_search_url"],
            *(item.url for item in english)]
    found = []
    for url in sorted(set(urls)):
        data = files.get(output_path(url))
        words = vietnamese_words(data.decode("utf-8")) if data else []
        if words:
            found.append(f"English: {url} shows Vietnamese words not marked `lang=\"vi\"`: "
                         f"{', '.join(repr(w) for w in words[:8])}; give them English words "
                         "(`translations: en:`, `english_names:`, organization.*_en)")
    return found


def vietnamese_words(html: str) -> list[str]:
    """Text and labels of an English page written in Vietnamese, in order, each once.
    Numbers such as 01/GP-TTĐT are names, not words: left alone."""
    soup = page_soup(html)
    texts = []
    for tag in soup.find_all(True):
        if _language(tag) == "en":
            texts += [str(s) for s in tag.find_all(string=True, recursive=False)]
            texts += [tag[name] for name in _LABELS if isinstance(tag.get(name), str)]
    words = []
    for text in (" ".join(t.split()) for t in texts):
        if any(_VIETNAMESE.search(w) and not re.search(r"[\d/]", w) for w in text.split()) \
                and text not in words:
            words.append(text if len(text) <= 60 else text[:59] + "…")
    return words


def page_soup(html: str):
    """A page as a reader sees its text: without scripts (JSON-LD too) and styles."""
    from bs4 import BeautifulSoup  # here: only `check --portal` needs it

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    return soup


def _language(tag) -> str:
    for node in (tag, *tag.parents):
        if getattr(node, "get", None) and node.get("lang") is not None:
            return node["lang"].split("-")[0].lower()
    return ""
