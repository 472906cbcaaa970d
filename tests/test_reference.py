"""The reference page: the reference article and the seven its lists name must build into
sidebars that read exactly as the old portal's page does, line for line."""

import shutil

from conftest import REPO, items

REFERENCE = "2024/2024-11-22-hoi-nghi-so-ket-03-nam-dan-van-kheo.md"
NEIGHBOURS = [
    "2024/2024-12-20-tham-tang-qua-giang-sinh.md",
    "2024/2024-11-04-cuoc-thi-bao-anh-chao-mung-dai-hoi-dang.md",
    "2024/2024-09-30-hoi-nghi-ban-chap-hanh-dang-bo-huyen.md",
    "2022/2022-03-30-hoc-tap-chuyen-de-nam-2022.md",
    "2022/2022-03-30-quy-che-hoat-dong-bao-cao-vien.md",
    "2022/2022-02-21-huong-dan-hoc-tap-nghi-quyet-trung-uong-4.md",
    "2022/2022-02-21-huong-dan-hoc-tap-chi-thi-09-ct-tw.md",
]

# Copied from ../shared/seeds/000_49ba551f0b290f01.txt, the page of the portal we replace.
SEED_RELATED = """\
Huyện ủy Ninh Hải: thăm tặng quà nhân dịp lễ giáng sinh năm 2024(20/12/2024 9:12 SA)
Huyện ủy Ninh Hải tổ chức Cuộc thi Báo ảnh “ Chào mừng Đại hội Đảng bộ các cấp tiến tới Đại hội...(04/11/2024 10:35 SA)
Ban Tuyên giáo học tập, quán triệt, tuyên truyền chuyên đề năm 2022 “Học tập và làm theo tư...(30/03/2022 3:56 CH)
Ban Tuyên giáo hướng dẫn tổ chức học tập, quán triệt, tuyên truyền và triển khai thực hiện các...(21/02/2022 3:38 CH)
Ban Tuyên giáo hướng dẫn tổ chức học tập, quán triệt và triển khai thực hiện Chỉ thị 09-CT/TW,...(21/02/2022 3:29 CH)
""".splitlines()
SEED_LATEST = """\
Huyện ủy Ninh Hải: thăm tặng quà nhân dịp lễ giáng sinh năm 2024(20/12/2024 9:12 SA)
Huyện ủy Ninh Hải tổ chức Cuộc thi Báo ảnh “ Chào mừng Đại hội Đảng bộ các cấp tiến tới Đại hội...(04/11/2024 10:35 SA)
Huyện ủy Ninh Hải tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện(30/09/2024 8:40 SA)
Ban Tuyên giáo học tập, quán triệt, tuyên truyền chuyên đề năm 2022 “Học tập và làm theo tư...(30/03/2022 3:56 CH)
Ban Tuyên giáo hướng dẫn triển khai thực hiện Quyết định 973-QĐ/BTGTW về ban hành Quy chế hoạt...(30/03/2022 3:42 CH)
""".splitlines()
SEED_TITLE = ("Huyện ủy Ninh Hải: hội nghị sơ kết 03 năm thực hiện phong trào thi đua "
              "“Dân vận khéo” giai đoạn 2022-2025")


def build_reference(site):
    for rel in [REFERENCE, *NEIGHBOURS]:
        (site.content / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "content" / rel, site.content / rel)
    assert site.build() == 0
    return site.html("2024/11/hoi-nghi-so-ket-03-nam-dan-van-kheo/index.html")


def test_sidebars_read_as_the_portal_page(site):
    page = build_reference(site)
    assert items(page, "tin-lien-quan") == SEED_RELATED
    assert items(page, "tin-moi-nhat") == SEED_LATEST


def test_head_of_the_article_reads_as_the_portal_page(site):
    page = build_reference(site)
    assert page.h1.get_text() == SEED_TITLE
    assert page.select_one(".posted").get_text() == "Đăng ngày 22 - 11 - 2024"
    assert page.select_one(".views").get_text() == "Lượt xem: 52"
    paragraphs = [p.get_text() for p in page.select(".article .body p")]
    assert paragraphs[0].startswith("Sáng ngày 21/11, huyện ủy Ninh Hải tổ chức hội nghị sơ kết")
    assert paragraphs[-1].endswith("giai đoạn 2022 - 2025.")


def test_shortened_titles_keep_the_full_title_for_the_reader(site):
    page = build_reference(site)
    link = page.select("#tin-lien-quan li a")[1]
    assert link.get_text().endswith("...")
    assert link["title"].startswith(link.get_text()[:-3])
    assert len(link["title"]) > 95

