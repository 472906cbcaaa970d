"""Helpers that build a tiny site written inline in the test, the way Hugo's tests do."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from site_gen.commands.cli import main

REPO = Path(__file__).resolve().parent.parent


def article(title: str, date: str, body: str = "Nội dung bài viết.", **fields) -> str:
    """Markdown text of an article; extra fields are written as YAML lines as given."""
    lines = [f"title: {title}", f"date: {date}"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


@dataclass
class Site:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "public"

    def write(self, rel: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path

    def settings(self, text: str) -> None:
        (self.root / "site.yaml").write_text(textwrap.dedent(text), encoding="utf-8")

    def build(self, *extra: str) -> int:
        config = self.root / "site.yaml"
        if not config.exists():
            self.settings("base_url: https://example.gov.vn/\n")
        return main(["build", "--content", str(self.content), "--output", str(self.output),
                     "--config", str(config), *extra])

    def text(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")

    def html(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(rel), "html.parser")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    s = Site(tmp_path)
    s.content.mkdir()
    return s


def items(soup: BeautifulSoup, box_id: str) -> list[str]:
    """The text of each item of a sidebar list, as a reader sees it."""
    return [li.get_text() for li in soup.select(f"#{box_id} li")]
