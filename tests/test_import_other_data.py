"""Import tried on pages of other portals than our fixtures', as a new user's would be: the
forms their by-lines, titles, breadcrumbs, captions and links take."""

import pytest

from test_import_pages import TEXT, only_article, page, save
from test_import_layouts import run_import


def imported(site, tmp_path, body, name="tin.html", title="Chi tiết tin", **extra):
    code, report = run_import(site, save(tmp_path, name, page(body, title=title, **extra)))
    assert code == 0, report
    return (*only_article(site), report)


@pytest.mark.parametrize("first_words", ["Sáng ngày 4/3, ", "Chiều 4/3, ", "Tối ngày 4/3, "])
@pytest.mark.parametrize("clock", ["15:30", "09:00"])
def test_a_text_that_starts_with_the_half_of_the_day_keeps_the_by_line_time(site, tmp_path, first_words, clock):
    body = (f"<h1>Xã Phước Dinh ra quân làm sạch bãi biển</h1><p>Ngày đăng: 04/03/2024 {clock}</p>"
            f"<p>{first_words}{TEXT}</p>")
    fields, text, _ = imported(site, tmp_path, body)
    assert str(fields["date"]) == f"2024-03-04 {clock}"
    assert text.strip().startswith(first_words.strip())
