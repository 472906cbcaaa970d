"""Sanitised body HTML to the Markdown of an article file, text staying text."""

from __future__ import annotations

import re
from itertools import takewhile

from bs4 import NavigableString
from markdownify import MarkdownConverter

# Text that Markdown would read as syntax at the start of a line, of any line of the text (a
# text may hold line ends): a heading (Python-Markdown needs no space after `#`: a line of
# hashtags, "#NinhThuận #ChuyểnĐổiSố", is one), a list, a rule or a heading's underline.
_LINE_START = re.compile(r"^([ \t]*)(#|(?:[-+*]|\d{1,9}[.)])(?=\s|$)|-(?=[- \t]*$))", re.M)


class TextKeepingConverter(MarkdownConverter):
    """markdownify turns `&lt;script&gt;` back into `<script>`, which Markdown would pass on
    as live HTML; here `&`, `<` and `>` of the text stay entities, and text that would start
    a list or a heading is escaped."""

    def escape(self, text, parent_tags):
        text = super().escape(text, parent_tags)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = re.sub(r"([\[\]`])", r"\\\1", text)
        return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(2)[0] in "#-+*"
                               else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


# A picture in a table cell (a caption table: the picture, its caption below), in a link or
# in a heading stays a picture; markdownify would keep only its alt text.
PICTURE_HOLDERS = ["td", "th", "a", "h1", "h2", "h3", "h4", "h5", "h6"]


def _block(self, el, text, parent_tags):
    """A <div> is a block of its own (SharePoint and Word write each paragraph as one); in
    a table cell or a heading it stays inline."""
    if "_inline" in parent_tags:
        return " " + text.strip() + " "
    text = text.strip("\n")
    return f"\n\n{text}\n\n" if text.strip() else ""


TextKeepingConverter.convert_div = _block


def _player(self, el, text, parent_tags):
    """An <iframe> left by the sanitiser (a player of a host the site embeds) is written as
    the HTML it is, a block of its own: Markdown has no other way to say it."""
    el.clear()
    return f"\n\n{el}\n\n"


TextKeepingConverter.convert_iframe = _player


CAPTION_LENGTH = 200  # characters: a caption under a picture, not a paragraph of the text


def captions_as_lines(html: str) -> str:
    """A <figure>'s <figcaption>, and a caption table (rows of pictures, each row followed
    by their captions: CKEditor's `table.image-caption`, a portal editor's centred table)
    become each picture then its caption emphasised in a paragraph: markdownify made the
    caption a plain paragraph of the text, and the table one with an empty header row."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for caption in soup.find_all("figcaption"):
        caption.replace_with(emphasised(soup, caption))
    for table in reversed(soup.find_all("table")):
        cells = caption_table_cells(table)
        if cells:
            scroll = table.parent is not None and table.parent.get("class") == ["table-scroll"]
            blocks = [picture_block(soup, c) if c.find("img") else emphasised(soup, c) for c in cells]
            (table.parent if scroll else table).replace_with(*blocks)
    return str(soup)


def caption_table_cells(table) -> list:
    """The cells of a caption table in reading order, each picture then the captions under
    it; [] for any other table: rows of as many cells, a row of pictures only first, each
    of its cells a picture or nothing, the rows of short texts under it its captions."""
    rows = [r.find_all(["td", "th"], recursive=False) for r in table.find_all("tr")
            if r.find_parent("table") is table]
    if len(rows) < 2 or len({len(r) for r in rows}) != 1 or table.find("table") is not None:
        return []
    kinds = [kind(r) for r in rows]
    if kinds[0] != "pictures" or None in kinds:
        return []
    ordered = []
    for n, row in enumerate(rows):
        if kinds[n] == "pictures":
            below = [r for r, _ in takewhile(lambda pair: pair[1] == "captions",
                                             zip(rows[n + 1:], kinds[n + 1:]))]
            ordered += [c for column in zip(row, *below) for c in column
                        if c.find("img") or c.get_text().strip()]
    return ordered


def kind(row) -> str | None:
    """"pictures" (a row of pictures alone, or empty cells), "captions" (short texts, no
    picture), or None (a row of anything else: a table of data)."""
    texts = [" ".join(c.get_text(" ").split()) for c in row]
    pictures = [c.find("img") is not None for c in row]
    if any(pictures) and not any(texts):
        return "pictures"
    if not any(pictures) and all(len(t) <= CAPTION_LENGTH for t in texts):
        return "captions"
    return None


def picture_block(soup, cell):
    block = soup.new_tag("p")
    block.extend(list(cell.contents))
    return block


def emphasised(soup, caption):
    """<p><em>line</em><br><em>line</em></p>, the caption a line for each of its lines (a
    caption, then "Ảnh: TTVH"), its links kept ("Ảnh: <a>Báo Ninh Thuận</a>"): its own
    emphasis, if any, not doubled."""
    block = soup.new_tag("p")
    for line in caption_lines(caption):
        if not " ".join("".join(n.get_text() if n.name else str(n) for n in line).split()):
            continue
        if block.contents:
            block.append(soup.new_tag("br"))
        em = soup.new_tag("em")
        em.extend([node.extract() if node.name else re.sub(r"\s+", " ", str(node)) for node in line])
        block.append(em)
    return block


def caption_lines(caption) -> list[list]:
    """The caption's lines, each a list of its texts and links: a <br>, a <p> or a <div>
    ends a line; emphasis, bold and the like are taken away (the line is emphasised whole),
    a link's own too."""
    lines = [[]]
    for child in list(caption.contents):
        if child.name == "br":
            lines.append([])
        elif child.name == "a":
            child.string = child.get_text()
            lines[-1].append(child)
        elif child.name is not None:
            inner = caption_lines(child)
            if child.name in ("p", "div"):
                lines += [*inner, []]
            else:
                lines[-1] += inner[0]
                lines += inner[1:]
        elif type(child) is NavigableString:  # not a comment
            lines[-1].append(child)
    return lines


def to_markdown(html: str) -> str:
    html = captions_as_lines(html)
    markdown = TextKeepingConverter(heading_style="ATX", bullets="-", escape_underscores=True,
                                    keep_inline_images_in=PICTURE_HOLDERS,
                                    strip=["span", "font", "article", "main", "body",
                                           "section", "o:p"]).convert(html)
    markdown = markdown.replace("\u00a0", " ")
    # Two spaces at a line's end are a <br> of the page; a line of spaces only is nothing.
    markdown = "\n".join(line if line.strip() else "" for line in markdown.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", markdown).strip()
