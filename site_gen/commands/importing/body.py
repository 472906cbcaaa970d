"""The article's own text out of a whole saved page: the page's tools, counters, menus and
boxes taken away, then the main-content extractor, then the sanitiser; then Markdown."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from bs4 import NavigableString

from ...core.text import collapse_spaces
from ...stages.sanitize import clean_html, embeddable
from .cues import DATED_LINE, NUMBER, Cues, read_views
from .markdown import caption_table_cells

# Parts of a page that are never the article (by tag, or by a word of their class or id).
# Drupal's print module names its view's parts print-*: its content, title and by-line are the
# article's, its logo, site name, breadcrumb, footer and source address are not.
# A header may hold the article's title and date (WordPress's entry-header, Joomla's
# page-header): headers go only after those have been read.
CHROME_TAGS = ("script", "style", "noscript", "template", "iframe", "nav", "footer", "aside",
               "button", "select", "input", "textarea", "svg", "object", "embed")
CHROME = re.compile(
    r"share|sharing|social|\bsd-|print(?!-(content|title|submitted|created)\b)|e?mail|comment|counter"
    r"|online|breadcrumb|menu|(^|[\s_-])nav"
    r"|banner|footer|sidebar|widget|related|pager|pagination|rating|font-?tools|icons|(^|\s)tags"
    r"|logo|cookie|consent|gdpr|crumb|sitemappath|(^|[\s_-])path($|[\s_-])"
    # what only a screen reader meets: "Chuyển đến nội dung chính" skip links and the like
    r"|skip-?link|element-invisible|screen-reader|sr-only|visually-?hidden"
    # AddThis and Facebook's buttons, star ratings, adverts
    r"|addthis|(^|\s)fb[-_]|plusone|(^|[\s_-])(rate|vote|votes|stars?|ads?|adverts?|advertisement)($|[\s_-])"
    # the same in Vietnamese: way (breadcrumb), page foot and head, side columns, adverts
    r"|duong-?dan|chan-?trang|dau-?trang|cot-?(phai|trai)|quang-?cao", re.I)
HEADER = re.compile(r"masthead|(^|[\s_-])header", re.I)
LEAD = re.compile(r"sapo|(^|[\s_-])(lead|summary|tom-?tat|tomtat|mo-?ta|intro|chapeau|excerpt|"
                  r"description|trich-?yeu)($|[\s_-])", re.I)
# the block of an article's lead picture, set apart from its text (Drupal's
# field--name-field-image, "anh-dai-dien"): not an icon, a logo or an advert
LEAD_PICTURE = re.compile(r"image|picture|figure|photo|thumb|avatar|(^|[\s_-])(anh|hinh)"
                          r"($|[\s_-])", re.I)
SMALL_PICTURE = 100  # pixels: an icon (share, print, font size), not a picture of the news
# An eye drawn by an icon font or inline: a count of views with no word beside it ("👁 52")
EYE = "👁"
EYE_CLASS = re.compile(r"(fa|bi|ti|icon|mdi|glyphicon|la)-eye(-open|-fill)?|eye|icon-view", re.I)
EYE_COUNT = re.compile(rf"{EYE}\ufe0f?\s*{NUMBER}")
# a player of a video site embedded in the text: a link to it is kept in the text's place
VIDEO = re.compile(r"(https?:)?//(www\.|m\.)?(youtube(-nocookie)?\.com/embed/|youtu\.be/|player\.vimeo\.com/"
                   r"|(www\.)?dailymotion\.com/embed/|(www\.)?facebook\.com/plugins/video)", re.I)
# an icon: by its class, its folder ("/icons/pdf.gif") or its name ("icon_pdf.png", "ico-file.gif")
ICON_CLASS = re.compile(r"(^|[\s_-])icons?($|[\s_-])", re.I)
ICON_PATH = re.compile(r"/icons?/|/(icons?|ico)[_-][^/]*$|[_-]icons?\.[a-z]+$")
ICON_SIZE = 32  # pixels, both ways: a picture declared smaller is an icon or a tracker
KEEP_TAGS = ("html", "body", "main")
FILE_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".rtf",
                 ".zip", ".rar", ".jpg", ".png")  # a list of attached files is the article's
PICTURE_LINK = re.compile(r"\.(jpe?g|png|gif|webp|bmp)(\?|#|$)", re.I)  # a link to the picture, larger
SHORT = 120  # a widget or a by-line is never longer than this
LONG = 600  # a block with this much text of its own is content, whatever its class says


def marked(pattern):
    def test(tag) -> bool:
        if tag.name in KEEP_TAGS or not tag.attrs:
            return False
        words = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
        return bool(pattern.search(words)) and not substantial(tag)
    return test


def substantial(tag) -> bool:
    text = len(tag.get_text(" "))
    linked = sum(len(a.get_text(" ")) for a in tag.find_all("a"))
    return text > LONG and linked * 3 < text


def is_byline(text: str, cues: Cues) -> bool:
    """"Đăng ngày 22 - 11 - 2024 | Lượt xem: 52", "22/11/2024 2:30:00 CH Lượt đọc: 52",
    "Thứ Hai, 05/02/2024 - 09:15"."""
    folded = collapse_spaces(text).casefold()
    if not folded or len(folded) > SHORT:
        return False
    dated = DATED_LINE.match(folded) is not None and len(folded) < 60 or is_bare_date(folded)
    counted = any(re.search(re.escape(w) + r"\s*:?\s*\d", folded) or
                  re.search(r"\d\s+" + re.escape(w), folded) for w in cues.views)
    return folded.startswith(cues.posted) or dated or (counted and len(folded) < 80)


def is_bare_date(folded: str) -> bool:
    """A line that is a date and nothing else, "ngày" before it: "(Ngày 22/11/2024 09:12)"."""
    line = re.sub(r"^ngày\s*", "", folded.strip(" ()[].,|-"))
    found = DATED_LINE.match(line)
    return found is not None and not line[found.end():].strip(" ()[].,|-")


def strip_chrome(soup, cues: Cues, embed_hosts: tuple[str, ...] = ()) -> None:
    """Take away, in place, the menus, sidebars, tools and forms around the article; a
    counter of the article's views ("245 lượt xem" in Drupal's `statistics-counter`) stays
    to be read, and goes with the by-lines. A player of a host the site embeds
    (`embed_hosts`) stays as it is: the built page shows it as the old portal did."""
    hosts = frozenset(host.lower() for host in embed_hosts)
    players = {id(tag) for tag in soup.find_all("iframe")
               if embeddable(tag.get("src") or "", hosts)}
    for tag in soup.find_all(["iframe", "embed", "object"]):
        if id(tag) not in players:
            keep_embedded_file(soup, tag)
    for tag in soup.find_all(["svg", "i", "span", "img"]):  # an eye drawn inline (svg) or
        if any(EYE_CLASS.fullmatch(c) for c in tag.get("class") or []):  # by an icon font
            tag.replace_with(EYE)  # stays as the character: the count beside it is views
    for img in soup.find_all("img"):
        load_lazy(img)
        if is_icon(img):
            img.decompose()
    for tag in soup.find_all(CHROME_TAGS):
        if id(tag) not in players:
            tag.decompose()
    for form in soup.find_all("form"):  # ASP.NET wraps a whole page in one form: keep that
        if form.find("textarea") is not None or len(collapse_spaces(form.get_text(" "))) < 200:
            form.decompose()
    for tag in soup.find_all(marked(CHROME)):
        if not tag.decomposed and not is_view_count(tag, cues):
            tag.decompose()


LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-lazy", "data-echo", "data-url")


def load_lazy(img) -> None:
    """A picture loaded late by a script (VNPT eGov, WordPress themes, lazysizes): its `src`
    names a spinner or nothing, `data-src` (or the like) the picture; it becomes the `src`."""
    real = next((img[a].strip() for a in LAZY_SOURCES
                 if (img.get(a) or "").strip() and not img[a].strip().startswith("data:")), "")
    if real:
        img["src"] = real


def is_icon(img) -> bool:
    """A file type's, a tool's or a bullet's icon (Drupal's `img.file-icon`, "/icons/pdf.gif",
    "icon_pdf.png", a picture declared 16 pixels wide), not a picture of the news."""
    words = " ".join(img.get("class") or [])
    path = unquote(urlsplit((img.get("src") or "").strip()).path).lower()
    sizes = [str(img.get(k) or "").strip().removesuffix("px") for k in ("width", "height")]
    return bool(ICON_CLASS.search(words) or ICON_PATH.search(path)) or (
        all(s.isdigit() for s in sizes) and max(map(int, sizes)) < ICON_SIZE)


def keep_embedded_file(soup, tag) -> None:
    """An attached file shown in the page (`<embed src="…/QD-123.pdf">`, an <iframe> of it
    or of a PDF viewer given it by `?file=`), or a video played in it (YouTube, Vimeo),
    becomes a link to it: embeds go with the chrome, and the file or the video would be
    lost with them when the text has no link to it."""
    address = (tag.get("src") or tag.get("data") or "").strip()
    query = parse_qs(urlsplit(address).query)
    address = next((query[k][0] for k in ("file", "url") if k in query and is_file(query[k][0])),
                   address)
    video = VIDEO.match(address) is not None
    address = f"https:{address}" if video and address.startswith("//") else address
    if not (is_file(address) or video) or soup.find("a", href=lambda h: (h or "").strip() == address):
        return  # neither a file nor a video, or one the page links already
    link = soup.new_tag("a", attrs={"href": address})
    name = (collapse_spaces(tag.get("title") or "") or address) if video else \
        unquote(urlsplit(address).path.rsplit("/", 1)[-1])
    link.string = name or address
    holder = soup.new_tag("p")
    holder.append(link)
    tag.replace_with(holder)


def is_view_count(tag, cues: Cues) -> bool:
    text = collapse_spaces(tag.get_text(" "))
    return len(text) <= 40 and (read_views(text, cues.views) is not None
                                or EYE_COUNT.fullmatch(text) is not None)


def strip_page(soup, cues: Cues, is_widget) -> None:
    """Take away, in place, the headers, counters and by-lines left once the title, date and
    views have been read."""
    unwrap_layout_tables(soup)
    for tag in soup.find_all("header") + soup.find_all(marked(HEADER)):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(["p", "div", "span", "td", "tr", "li", "ul", "dd", "dl", "dt",
                              "font", "b", "strong", "i", "em", "small", "time"]):
        if tag.decomposed or tag.find("img") is not None or in_data_cell(tag):
            continue
        text = collapse_spaces(tag.get_text(" "))
        if 1 < len(text) <= SHORT * 2 and (is_widget(text, cues) or is_byline(text, cues)) \
                and not holds_text(tag, cues, is_widget):
            tag.decompose()


def holds_text(tag, cues: Cues, is_widget) -> bool:
    """A paragraph in the block that is neither a by-line nor a tool, nor only links to
    pages: the block holding a short article's by-line and its text ("Đăng ngày 12/04/2024"
    and one sentence, or a link to the attached PDF) reads as a by-line, and its text would
    go with it."""
    for block in tag.find_all(["p", "div"]):
        if block.find(["p", "div"]) is not None:
            continue  # its own paragraphs are looked at
        text = collapse_spaces(block.get_text(" "))
        linked = sum(len(collapse_spaces(a.get_text(" "))) for a in block.find_all("a")
                     if not is_file(a.get("href") or ""))
        if text and linked * 2 <= len(text) and not is_widget(text, cues) \
                and not is_byline(text, cues):
            return True
    return False


LAYOUT_MARK = "data-site-gen-layout"


def mark_layout_tables(title_tag) -> None:
    """Mark, in place, the tables the article's title stands in, and the cell of each that
    holds it: they lay the page out, whatever their columns (a DotNetNuke or VNPT skin's
    row of a left pane with "Đang online", the content pane and a right pane with "Tổng
    lượt truy cập", between a banner's row and a footer's); no table of the text holds the
    title."""
    if title_tag is None:
        return
    for table in title_tag.find_parents("table"):
        table[LAYOUT_MARK] = ""
        cell = next((c for c in [title_tag, *title_tag.parents]
                     if c.name in ("td", "th") and c.find_parent("table") is table), None)
        if cell is not None:  # else the title stands in a table's caption
            cell[LAYOUT_MARK] = ""


def unwrap_layout_tables(soup) -> None:
    """Turn, in place, each table that lays the page out in one column (a row for the
    title, one for the date, one for the text) into blocks: the extractor would take the
    table whole, and as a Markdown table the text's paragraphs ran into one cell and its
    pictures were lost. So too a table marked as holding the title (`mark_layout_tables`),
    of any number of columns; when the title's cell is a column beside others and holds the
    text, the table is the page's frame and that cell alone is kept, with a picture shown
    beside it: the other cells are its banner, menus, counters and footer. A column of
    short cells, or a caption table (pictures above their captions), stays a table; a
    table left empty (a box of other news, once its items were taken) goes."""
    for table in reversed(soup.find_all("table")):  # the innermost first
        if not collapse_spaces(table.get_text(" ")) and table.find("img") is None:
            table.decompose()
            continue
        rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
        cells = [c for r in rows for c in r.find_all(["td", "th"], recursive=False)]
        laid_out = table.has_attr(LAYOUT_MARK)
        if not cells or not laid_out and (len(cells) > len(rows) or not any(map(holds_text_blocks, cells))
                                          or caption_table_cells(table)):
            continue
        own = next((c for c in cells if c.has_attr(LAYOUT_MARK)), None) if laid_out else None
        row = own.parent.find_all(["td", "th"], recursive=False) if own is not None else []
        if len(row) > 1 and holds_text_blocks(own):
            kept = [c for c in row if c is own or is_picture_cell(c)]  # a picture beside the text
            for cell in kept:
                cell.name, cell.attrs = "div", {k: v for k, v in cell.attrs.items() if k in ("class", "id")}
            table.insert_before(*[c.extract() for c in kept])
            table.decompose()
            continue
        for part in table.find_all(["thead", "tbody", "tfoot", "tr"]):
            if part.find_parent("table") is table:
                part.unwrap()
        for tag in [table, *cells]:
            tag.name = "div"
            tag.attrs = {k: v for k, v in tag.attrs.items() if k in ("class", "id")}


def is_picture_cell(cell) -> bool:
    """A cell beside the text that shows a picture of it (with its caption): no link but to
    a picture, little text. A pane of the page has its menus, counters, linked banners."""
    links = cell.find_all("a")
    return (cell.find("img") is not None and len(collapse_spaces(cell.get_text(" "))) <= SHORT
            and all(a.find("img") is not None and PICTURE_LINK.search(a.get("href") or "") for a in links))


def holds_text_blocks(cell) -> bool:
    """A cell holding the page's text rather than a figure: paragraphs or a long text."""
    blocks = cell.find_all(["p", "div", "ul", "ol", "table", "h2", "h3", "h4", "blockquote"])
    return len(blocks) >= 2 or len(collapse_spaces(cell.get_text(" "))) > LONG


def in_data_cell(tag) -> bool:
    """In a short cell of a table of figures (a row of cells, rows of them): "103%" or
    "22/11/2024" there is the text's, not a font tool or a by-line. A cell of a page laid
    out in a table holds the whole article, a by-line's row one cell."""
    cell = tag if tag.name in ("td", "th") else tag.find_parent(["td", "th"])
    row = cell.find_parent("tr") if cell is not None else None
    table = row.find_parent("table") if row is not None else None
    return (table is not None and len(collapse_spaces(cell.get_text(" "))) <= SHORT
            and len(row.find_all(["td", "th"], recursive=False)) >= 2
            and len(table.find_all("tr")) >= 2)


def main_content(soup, selector: str | None) -> str:
    """The HTML of the article's text: a profile's selector, else readability's choice."""
    if selector:
        found = soup.select_one(selector)
        return str(found) if found is not None else ""
    from readability import Document  # here: only `import` needs it

    whole = str(soup.body or soup)
    try:
        chosen = Document(str(soup)).summary(html_partial=True)
    except Exception:  # readability raises its own bare errors on odd pages; keep the page
        return whole
    # On a page of a few lines, or with its text in <div>s and <br>s, readability may keep
    # nothing; what is left of the page once its chrome is gone is the article then.
    if missed(chosen, whole):
        drop_teasers(soup)  # the column of other news beside the article is not what it missed
        whole = str(soup.body or soup)
        if missed(chosen, whole):
            return whole
    from bs4 import BeautifulSoup

    picked = BeautifulSoup(chosen, "html.parser")
    texts = [collapse_spaces(t) for t in picked.find_all(string=True) if len(collapse_spaces(t)) >= 20]
    anchor = soup.find(string=lambda t: bool(texts) and texts[0] in collapse_spaces(t))
    if anchor is None:
        return chosen
    # how the text ends, whatever its last pieces are ("Xem <a>tin khác</a>." is three)
    chosen = as_on_the_page(anchor, without_spaces(picked.get_text())[-20:], chosen)
    return chosen + missed_files(soup, anchor, BeautifulSoup(chosen, "html.parser"))


def missed(chosen: str, whole: str) -> bool:
    """Whether readability's choice left out most of the page's text, or, where the page
    has no text of its own (a photo, a PDF alone), its picture or file."""
    if own_text(chosen) * 2 < own_text(whole):
        return True
    return not own_text(chosen) and not shows_media(chosen) and shows_media(whole)


def as_on_the_page(anchor, ending: str, chosen: str) -> str:
    """The block of the page readability chose, as the page has it: readability drops a
    picture standing alone in a <div> (its caption kept), and such like. `ending` is the
    chosen text's last characters but spaces, which the block must hold."""
    wanted, pictures = own_text(chosen), chosen.count("<img")
    for node in anchor.parents:
        if node.name in ("html", "body", "form", "[document]"):
            break
        found = own_text(str(node))
        # the pictures too: a text of one paragraph is in a <p> that holds none of them
        if found >= wanted * 0.95 and ending in without_spaces(node.get_text()) \
                and len(node.find_all("img")) >= pictures:
            return with_pictures_after(node) if found <= wanted + SHORT else chosen
    return chosen


def with_pictures_after(node) -> str:
    """`node`'s HTML and that of the pictures standing right after it, each with its
    caption: readability leaves out a caption table after the text whose credit is a link
    ("Ảnh: <a>Báo Ninh Thuận</a>"), and the picture with it."""
    found = [node]
    for sibling in node.next_siblings:
        if isinstance(sibling, str):
            if sibling.strip():
                break
            continue
        if sibling.find("img") is None or len(collapse_spaces(sibling.get_text(" "))) > SHORT * 2:
            break
        found.append(sibling)
    return "".join(map(str, found))


def without_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def missed_files(soup, anchor, picked) -> str:
    """The boxes of attached files ("File đính kèm") that stand beside the chosen text in
    its block of the page, as the page shows them; readability leaves them out."""
    block = {id(p) for p in anchor.parents if p.name not in ("html", "body", "form", "[document]")}
    have = {a.get("href") for a in picked.find_all("a", href=True)}
    boxes = []
    for link in soup.find_all("a", href=True):
        if link["href"] in have or not is_file(link["href"]) or not any(id(p) in block for p in link.parents):
            continue
        box = link
        while id(box.parent) not in block and len(collapse_spaces(box.parent.get_text(" "))) <= LONG:
            box = box.parent
        if not any(box is b or any(p is b for p in box.parents) for b in boxes):
            boxes.append(box)
    return "".join(str(b) for b in boxes)


def is_file(href: str) -> bool:
    return href.split("?")[0].split("#")[0].lower().endswith(FILE_SUFFIXES[:-2])


def drop_teasers(soup) -> None:
    """Take away runs of 3 or more alike blocks (same tag, same class) that each start with
    a link to another page: a column of other news, each a title and a few lines."""
    for parent in (soup.body or soup).find_all(True):
        groups = {}
        for child in parent.find_all(True, recursive=False):
            groups.setdefault((child.name, tuple(child.get("class") or ())), []).append(child)
        for group in groups.values():
            if len(group) >= 3 and all(is_teaser(t) for t in group):
                for tag in group:
                    tag.decompose()


def is_teaser(tag) -> bool:
    link = next((a for a in tag.find_all("a", href=True)
                 if len(collapse_spaces(a.get_text(" "))) >= 15), None)
    if link is None or link["href"].split("?")[0].lower().endswith(FILE_SUFFIXES):
        return False
    before = []
    for node in link.find_all_previous(string=True):
        if node.find_parent(lambda t: t is tag) is None:
            break
        before.append(node)
    return len(collapse_spaces(" ".join(before))) < 30


def own_text(html: str) -> int:
    text, linked = text_length(html)
    return text - linked


def article_html(soup, cues: Cues, is_widget, selector: str | None = None, lead: str = "",
                 picture: tuple[str, str] = ("", ""), embed_hosts: tuple[str, ...] = ()) -> str:
    """The page's article, sanitised (what the site's sanitiser keeps, nothing more: the
    players of `embed_hosts` too), its lead paragraph (`lead`) and lead picture (`picture`:
    its <img> and address) first when the extractor left them out."""
    strip_page(soup, cues, is_widget)
    chosen = main_content(soup, selector)
    tag, src = picture
    if tag and not selector and src not in chosen:
        chosen = f"<p>{tag}</p>" + chosen
    if lead and not selector and collapse_spaces(text_of(lead)) not in collapse_spaces(text_of(chosen)):
        chosen = lead + chosen
    return clean_html(chosen, embed_hosts)


def near_title(title_tag):
    """The page's nodes just after its title, as far as two by-lines' worth of text: where
    a lead, a lead picture or a count of views stands beside the text's block."""
    passed = 0
    for node in list(title_tag.next_elements) if title_tag is not None else ():
        if isinstance(node, str):
            passed += len(collapse_spaces(node))
        yield node
        if passed > SHORT * 2:
            return


def drop_bare_by_lines(title_tag, cues: Cues) -> None:
    """Take away a by-line written as a line of a longer block, or straight into the page,
    with the <br> that ends it (strip_page takes a by-line that is a block of its own, and
    a block of by-lines whole)."""
    for node in list(near_title(title_tag)):
        if (type(node) is NavigableString and node.parent is not None and is_byline(node, cues)
                and collapse_spaces(node.parent.get_text(" ")) != collapse_spaces(node)):
            following, holder = node.next_sibling, node.parent
            node.extract()
            if getattr(following, "name", None) == "br":
                following.decompose()
            if is_leftover(holder):
                holder.decompose()


def is_leftover(holder) -> bool:
    """A block left with nothing but separators and the eye of its count once its by-lines
    went ("Thứ Hai, 25/11/2024 - 09:12 | <eye> Lượt xem: 52")."""
    rest = collapse_spaces(holder.get_text(" ")).replace(EYE, "")
    return (not holder.decomposed and holder.name not in ("html", "body", "[document]")
            and holder.find("img") is None and not rest.strip(" |-–—·•:,/\ufe0f"))


def lead_after(title_tag) -> str:
    """The HTML of the lead ("sapo") standing just below the title, beside the text's block
    rather than in it, or ""."""
    for node in near_title(title_tag):
        if not isinstance(node, str) and LEAD.search(
                " ".join(node.get("class") or []) + " " + str(node.get("id") or "")) \
                and len(collapse_spaces(node.get_text(" "))) >= 40 and node.find("a") is None:
            return str(node)
    return ""


def lead_picture(title_tag) -> tuple[str, str]:
    """(<img>, its address) of the picture standing between the title and the text in a
    block of its own, which the extractor may leave out with its block; ("", "") if none.
    Taken as text: the page's tags are taken apart before the body is chosen."""
    for node in near_title(title_tag):
        if not isinstance(node, str) and node.name == "img" and node.get("src") \
                and is_lead_picture(node):
            return str(node), node["src"]
    return "", ""


def is_lead_picture(img) -> bool:
    """In a picture's block (by its class), not in a link elsewhere, and not icon-sized."""
    width = str(img.get("width") or "")
    if width.isdigit() and int(width) < SMALL_PICTURE or img.find_parent("a") is not None:
        return False
    for block in list(img.parents)[:3]:
        names = " ".join(block.get("class") or []) + " " + str(block.get("id") or "")
        if CHROME.search(names):
            return False
        if LEAD_PICTURE.search(names):
            return True
    return False


def text_of(html: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").get_text(" ")


def shows_media(html: str) -> bool:
    """A picture or an attached file in an HTML fragment: an article of a photo or a PDF
    alone (a notice with its decision attached) is one, with next to no text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return soup.find("img") is not None or any(is_file(a.get("href") or "") for a in soup.find_all("a"))


def text_length(html: str) -> tuple[int, int]:
    """(characters of text, characters of it inside links) of an HTML fragment."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    text = len(collapse_spaces(soup.get_text(" ")))
    linked = sum(len(collapse_spaces(a.get_text(" "))) for a in soup.find_all("a"))
    return text, linked
