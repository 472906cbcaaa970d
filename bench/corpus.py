"""Deterministic corpus of Vietnamese bulletin articles for benchmarks.

`python bench/corpus.py N OUT [rich|plain]` writes OUT/content/ with N articles (~700 words
each) spread over 17 years, in 12 categories, with tags, related lists and a few lead images,
plus OUT/site.yaml. The same N and kind always give the same bytes.

Two kinds of archive, alike but for their bodies (the same titles, dates, tags and words):
- "rich", as staff write today: about 70% of the bodies carry Markdown, drawn per article
  from ### headings, bold and italic, links out and to other articles, bullet, numbered and
  nested lists, tables with a header row and aligned columns, and pictures from /anh/;
- "plain", an archive of plain paragraphs only (what older imports look like).
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

CATEGORIES = ["Tin hoạt động", "Xây dựng Đảng", "Dân vận", "Tuyên giáo", "Kinh tế - Xã hội",
              "Quốc phòng - An ninh", "Mặt trận - Đoàn thể", "Văn hóa - Thể thao",
              "Giáo dục", "Y tế", "Nông thôn mới", "Chuyển đổi số"]
SUBJECTS = ["Huyện ủy", "Ban Tuyên giáo", "Ban Dân vận", "Ủy ban nhân dân huyện",
            "Mặt trận Tổ quốc huyện", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Huyện đoàn",
            "Đảng bộ xã Hộ Hải", "Đảng bộ xã Vĩnh Hải", "Công an huyện", "Ban Chỉ huy Quân sự"]
ACTIONS = ["tổ chức hội nghị", "triển khai kế hoạch", "sơ kết", "tổng kết", "phát động",
           "kiểm tra", "hướng dẫn học tập", "trao quà", "biểu dương", "khai mạc", "ra quân"]
TOPICS = ["phong trào thi đua “Dân vận khéo”", "công tác xây dựng Đảng", "chương trình nông thôn mới",
          "chuyển đổi số", "công tác giảm nghèo", "phòng, chống thiên tai", "an ninh trật tự",
          "Chỉ thị 05-CT/TW", "Nghị quyết Đại hội XIII", "công tác dân vận", "cải cách hành chính",
          "phát triển du lịch cộng đồng", "xây dựng đô thị văn minh", "bảo vệ môi trường biển"]
WORDS = ("cán bộ đảng viên nhân dân địa phương huyện xã thôn chi bộ hội nghị phong trào kết quả "
         "nhiệm vụ giải pháp tuyên truyền vận động thực hiện hiệu quả tích cực nâng cao chất lượng "
         "đời sống kinh tế xã hội văn hóa giáo dục y tế quốc phòng an ninh đoàn kết thống nhất "
         "trách nhiệm lãnh đạo chỉ đạo kiểm tra giám sát đánh giá tổng kết triển khai kế hoạch "
         "mô hình điển hình tiên tiến sáng tạo bền vững nông thôn mới chuyển đổi số hội viên").split()
TAGS = [f"{s} {t}" for s in ("Hội nghị", "Phong trào", "Kế hoạch", "Chương trình")
        for t in ("Dân vận", "Đảng bộ", "Thanh niên", "Phụ nữ", "Nông dân", "Cựu chiến binh",
                  "Giáo dục", "Môi trường", "Du lịch", "Biển đảo", "Tôn giáo", "An sinh",
                  "Bầu cử", "Thi đua", "Khen thưởng", "Chuyển đổi số", "Văn hóa", "Thể thao",
                  "Y tế", "Giảm nghèo", "Nông thôn mới", "Cải cách", "Quốc phòng", "An ninh",
                  "Pháp luật")]
HEADINGS = ["Kết quả đạt được", "Những hạn chế, tồn tại", "Nhiệm vụ thời gian tới",
            "Một số giải pháp trọng tâm", "Ý kiến chỉ đạo", "Bài học kinh nghiệm",
            "Tình hình chung", "Công tác tuyên truyền", "Khen thưởng"]
UNITS = ["Xã Hộ Hải", "Xã Vĩnh Hải", "Xã Tân Hải", "Xã Phương Hải", "Xã Tri Hải", "Xã Nhơn Hải",
         "Xã Thanh Hải", "Xã Xuân Hải", "Xã Phước Chiến", "Thị trấn Khánh Hải"]
DOCUMENTS = ["Nghị quyết số 12-NQ/HU", "Kế hoạch số 45-KH/HU", "Chỉ thị số 05-CT/TW",
             "Quyết định số 1120/QĐ-UBND", "Hướng dẫn số 08-HD/BTG"]
PICTURES = ["Quang cảnh hội nghị", "Đại biểu phát biểu", "Trao giấy khen cho các tập thể",
            "Lực lượng ra quân", "Chụp ảnh lưu niệm"]
START = datetime(2008, 1, 2, 7, 0)
SPAN_MINUTES = 17 * 365 * 24 * 60
SETTINGS = "title: Huyện ủy Ninh Hải\nbase_url: https://bench.example.gov.vn/\n"
KINDS = ("rich", "plain")


def sentence(rng: random.Random, low: int = 12, high: int = 22) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def article(rng: random.Random, n: int, when: datetime, earlier: list[str],
            kind: str = "rich") -> tuple[str, str]:
    title = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(TOPICS)} ({n})"
    slug = f"bai-{n:06d}"
    rel = f"{when:%Y}/{when:%Y-%m-%d}-{slug}.md"
    related = rng.sample(earlier[-200:], k=min(len(earlier), rng.randint(0, 3)))
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(4, 7))) for _ in range(8)]
    if kind == "rich":
        # Its own stream, so that both kinds draw the same words for everything else.
        paragraphs = marked_up(random.Random(f"markup-{n}"), n, paragraphs, earlier)
    front = [
        "---",
        f'title: "{title}"',
        f"date: {when:%Y-%m-%d %H:%M}",
        f"views: {rng.randint(0, 3000)}",
        f"category: {rng.choice(CATEGORIES)}",
        "tags: [" + ", ".join(rng.sample(TAGS, k=rng.randint(1, 4))) + "]",
        "related: [" + ", ".join(r.removesuffix(".md") for r in related) + "]",
    ]
    if n % 50 == 0:
        front.append(f"image: /anh/{n % 7}.jpg")
    return rel, "\n".join(front + ["---", ""]) + "\n\n".join(paragraphs) + "\n"


def marked_up(rng: random.Random, n: int, paragraphs: list[str], earlier: list[str]) -> list[str]:
    """The body as staff format it: three in ten stay plain paragraphs; the others get
    headings (most of them) and one to three other kinds of markup."""
    if rng.random() < 0.3:
        return paragraphs
    blocks = list(paragraphs)
    extras = [k for k in MARKUP if k != "internal link" or earlier]
    for name in sorted(rng.sample(extras, k=rng.randint(1, 3)), key=list(MARKUP).index):
        MARKUP[name](rng, n, blocks, earlier)
    if rng.random() < 0.7:
        for at in sorted(rng.sample(range(2, len(blocks)), k=rng.randint(1, 3)), reverse=True):
            blocks.insert(at, f"### {rng.choice(HEADINGS)}")
    return blocks


def bold_lead(rng, n, blocks, earlier) -> None:
    blocks[0] = f"**{sentence(rng, 10, 16)}** {blocks[0]}"


def italic_document(rng, n, blocks, earlier) -> None:
    at = rng.randrange(1, len(blocks))
    blocks[at] += f" Thực hiện *{rng.choice(DOCUMENTS)}*, {sentence(rng, 8, 14).lower()}"


def outside_link(rng, n, blocks, earlier) -> None:
    at = rng.randrange(1, len(blocks))
    blocks[at] += (f" Xem toàn văn [{rng.choice(DOCUMENTS)}]"
                   f"(https://vanban.example.gov.vn/van-ban/{n}/) trên cổng thông tin.")


def internal_link(rng, n, blocks, earlier) -> None:
    target = rng.choice(earlier[-500:])
    at = rng.randrange(1, len(blocks))
    blocks[at] += f" Xem thêm [bài viết trước]({'/' + target})."


def bullet_list(rng, n, blocks, earlier) -> None:
    items = "\n".join(f"- {sentence(rng, 6, 14)}" for _ in range(rng.randint(3, 6)))
    blocks.insert(rng.randrange(2, len(blocks)), items)


def numbered_list(rng, n, blocks, earlier) -> None:
    items = "\n".join(f"{i}. {sentence(rng, 6, 14)}" for i in range(1, rng.randint(4, 7)))
    blocks.insert(rng.randrange(2, len(blocks)), items)


def nested_list(rng, n, blocks, earlier) -> None:
    lines = []
    for i, heading in enumerate(rng.sample(HEADINGS, k=rng.randint(2, 4)), start=1):
        lines.append(f"{i}. **{heading}:**")
        lines += [f"    - {sentence(rng, 6, 12)}" for _ in range(rng.randint(2, 3))]
    blocks.insert(rng.randrange(2, len(blocks)), "\n".join(lines))


def table(rng, n, blocks, earlier) -> None:
    rows = ["| STT | Đơn vị | Số hộ tham gia | Tỷ lệ (%) | Xếp loại |",
            "|:---:|:-------|---------------:|----------:|:--------:|"]
    for i, unit in enumerate(rng.sample(UNITS, k=rng.randint(3, 8)), start=1):
        rows.append(f"| {i} | {unit} | {rng.randint(40, 900)} | {rng.randint(600, 1000) / 10} "
                    f"| {rng.choice(['Tốt', 'Khá', 'Đạt'])} |")
    caption = f"**Bảng {rng.randint(1, 3)}.** Kết quả thực hiện tại các đơn vị:"
    blocks.insert(rng.randrange(2, len(blocks)), caption + "\n\n" + "\n".join(rows))


def picture(rng, n, blocks, earlier) -> None:
    alt = rng.choice(PICTURES)
    figure = f"![{alt}](/anh/{rng.randrange(7)}.jpg)\n\n*{alt}.*"  # and its caption
    blocks.insert(rng.randrange(1, len(blocks)), figure)


MARKUP = {"bold lead": bold_lead, "italic document": italic_document,
          "outside link": outside_link, "internal link": internal_link,
          "bullet list": bullet_list, "numbered list": numbered_list,
          "nested list": nested_list, "table": table, "picture": picture}


def write_corpus(count: int, out: Path, kind: str = "rich", seed: int = 42) -> None:
    rng = random.Random(seed)
    content = out / "content"
    moments = sorted(START + timedelta(minutes=rng.randrange(SPAN_MINUTES)) for _ in range(count))
    earlier: list[str] = []
    for n, when in enumerate(moments, start=1):
        rel, text = article(rng, n, when, earlier, kind)
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        earlier.append(rel)
    images = content / "anh"
    images.mkdir(parents=True, exist_ok=True)
    from PIL import Image  # a dependency of site-gen itself
    for i in range(7):
        Image.new("RGB", (1200, 800), (40 * i, 60, 90)).save(images / f"{i}.jpg", quality=60)
    (out / "site.yaml").write_text(SETTINGS, encoding="utf-8")


def new_article(out: Path, n: int, when: datetime, kind: str = "rich") -> Path:
    """One more article, newer than all others (the "one article added" cases)."""
    rng = random.Random(n)
    rel, text = article(rng, n, when, [], kind)
    path = out / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    write_corpus(int(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:4])
