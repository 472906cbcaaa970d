"""The demo archive in content/ builds, covers every kind of page, and links only to
pages that exist."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, items
from test_reference import SEED_LATEST, SEED_RELATED


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "public"
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--content", str(REPO / "content"),
         "--output", str(out), "--config", str(REPO / "site.yaml")],
        capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # no warnings in our own sample
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_no_broken_internal_links(public):
    broken = []
    for page in sorted(public.rglob("*.html")):
        for tag in soup(page).find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src") or ""
            if not url.startswith("/") or url.startswith("//"):
                continue
            target = public / url.split("#")[0].lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{page.relative_to(public)} -> {url}")
    assert broken == []


def test_archive_is_big_enough_to_show_every_kind_of_page(public):
    articles = [p for p in public.glob("20*/[01]*/*/index.html")]
    assert len(articles) >= 38
    categories = soup(public / "chuyen-muc/index.html").select("main .terms li")
    assert len(categories) >= 5
    years = soup(public / "luu-tru/index.html").select(".archive-year")
    assert len(years) >= 3
    assert (public / "page/2/index.html").is_file()
    for rel in ("the/index.html", "404.html", "robots.txt", "static/site.css"):
        assert (public / rel).is_file(), rel


def test_reference_page_matches_the_portal_in_the_whole_archive(public):
    page = soup(public / "2024/11/hoi-nghi-so-ket-03-nam-dan-van-kheo/index.html")
    assert items(page, "tin-lien-quan") == SEED_RELATED
    assert items(page, "tin-moi-nhat") == SEED_LATEST


def test_feeds_and_sitemap_are_well_formed_xml(public):
    for feed in [public / "feed.xml", *public.glob("chuyen-muc/*/feed.xml")]:
        root = ET.parse(feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    urls = ET.parse(public / "sitemap.xml").getroot()
    assert len(urls) > 40


def test_old_portal_address_redirects(public):
    old = public / ("tin-tuc/huyen-uy-ninh-hai-hoi-nghi-so-ket-03-nam-thuc-hien-phong-trao-"
                    "thi-dua-dan-van-kheo-giai-doan-2022-2025.html")
    refresh = soup(old).find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh.endswith("url=/2024/11/hoi-nghi-so-ket-03-nam-dan-van-kheo/")
