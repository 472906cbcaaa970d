"""Deterministic corpus of Vietnamese bulletin articles for benchmarks.

`python bench/corpus.py N OUT` writes OUT/content/ with N articles (~700 words each)
spread over 17 years, in 12 categories, with tags, related lists and a few images, plus
OUT/site.yaml. The same N always gives the same bytes.
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
START = datetime(2008, 1, 2, 7, 0)
SPAN_MINUTES = 17 * 365 * 24 * 60
SETTINGS = "title: Huyện ủy Ninh Hải\nbase_url: https://bench.example.gov.vn/\n"


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 22))
    return " ".join(words).capitalize() + "."


def article(rng: random.Random, n: int, when: datetime, earlier: list[str]) -> tuple[str, str]:
    title = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(TOPICS)} ({n})"
    slug = f"bai-{n:06d}"
    rel = f"{when:%Y}/{when:%Y-%m-%d}-{slug}.md"
    related = rng.sample(earlier[-200:], k=min(len(earlier), rng.randint(0, 3)))
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(4, 7))) for _ in range(8)]
    # Markup as staff write it, so that the share of bodies Python-Markdown must parse
    # (about a third) is realistic: a bold lead, a link, a list, a picture.
    if n % 4 == 0:
        paragraphs[0] = f"**{sentence(rng)}** {paragraphs[0]}"
    if n % 10 == 3:
        paragraphs[3] += f" Xem thêm [văn bản hướng dẫn](https://bench.example.gov.vn/van-ban/{n}/)."
    if n % 25 == 7:
        paragraphs.insert(4, "\n".join(f"- {sentence(rng)}" for _ in range(3)))
    if n % 50 == 0:
        paragraphs.insert(2, f"![Quang cảnh hội nghị](/anh/{n % 7}.jpg)")
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


def write_corpus(count: int, out: Path, seed: int = 42) -> None:
    rng = random.Random(seed)
    content = out / "content"
    moments = sorted(START + timedelta(minutes=rng.randrange(SPAN_MINUTES)) for _ in range(count))
    earlier: list[str] = []
    for n, when in enumerate(moments, start=1):
        rel, text = article(rng, n, when, earlier)
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


def new_article(out: Path, n: int, when: datetime) -> Path:
    """One more article, newer than all others (the "one article added" case)."""
    rng = random.Random(n)
    rel, text = article(rng, n, when, [])
    path = out / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    write_corpus(int(sys.argv[1]), Path(sys.argv[2]))
