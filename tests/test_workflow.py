"""Staff commands: new, check, scheduled publishing, links between article files."""

import shutil

import pytest
import yaml

from conftest import REPO, article
from site_gen.commands.cli import main


def run(site, *args):
    return main([*args, "--content", str(site.content), "--config", str(site.root / "site.yaml")])


@pytest.fixture
def ready(site):
    site.settings("base_url: https://example.gov.vn/\n")
    return site


def test_new_writes_complete_front_matter_and_never_overwrites(ready, capsys):
    title = 'Hội nghị: "Dân vận khéo" năm 2025'
    assert run(ready, "new", title, "--category", "Dân vận", "--tags", "a, Đảng bộ",
               "--now", "2025-03-04 09:07") == 0
    path = ready.content / "2025" / "hoi-nghi-dan-van-kheo-nam-2025.md"
    assert capsys.readouterr().out.strip() == str(path)
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == title and front["category"] == "Dân vận"
    assert front["tags"] == ["a", "Đảng bộ"] and front["related"] == [] and front["views"] == 0
    assert str(front["date"]) == "2025-03-04 09:07"
    before = path.read_bytes()
    assert run(ready, "new", title, "--now", "2025-03-05") == 2
    assert path.read_bytes() == before
    assert "already exists" in capsys.readouterr().err
    assert ready.build() == 0  # the new file is a valid article as written


def test_new_writes_a_title_typed_with_combining_accents_as_composed_text(ready, capsys):
    import unicodedata

    decomposed = [unicodedata.normalize("NFD", text) for text in ("Hội nghị", "Dân vận", "Đảng bộ")]
    assert run(ready, "new", decomposed[0], "--category", decomposed[1], "--tags",
               decomposed[2], "--now", "2025-03-04 09:07") == 0
    path = ready.content / "2025" / "hoi-nghi.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert (front["title"], front["category"], front["tags"]) == ("Hội nghị", "Dân vận", ["Đảng bộ"])


def test_new_uses_the_site_time_zone(ready, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735664400")  # 2024-12-31 17:00 UTC
    assert run(ready, "new", "Chúc mừng năm mới") == 0
    text = (ready.content / "2025" / "chuc-mung-nam-moi.md").read_text(encoding="utf-8")
    assert "date: 2025-01-01 00:00" in text


def test_future_articles_wait_until_now_reaches_them(ready):
    ready.write("a.md", article("Đã đăng", "2025-01-30", category="Tin"))
    ready.write("b.md", article("Hẹn giờ", "2025-01-31 08:00", category="Tin"))
    assert ready.build("--now", "2025-01-31 07:59") == 0
    assert not (ready.output / "2025/01/b").exists()
    everything = " ".join(p.read_text(encoding="utf-8") for p in ready.output.rglob("*.*")
                          if p.suffix in (".html", ".xml"))
    assert "Hẹn giờ" not in everything and "/2025/01/b/" not in everything
    assert ready.build("--now", "2025-01-31 08:00") == 0
    assert (ready.output / "2025/01/b/index.html").is_file()


def test_source_date_epoch_is_the_build_clock(ready, monkeypatch):
    ready.write("b.md", article("Hẹn giờ", "2025-01-31 08:00"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1738285140")  # 2025-01-31 07:59 in Hà Nội
    assert ready.build() == 0
    assert not (ready.output / "2025/01/b").exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1738285200")  # 08:00
    assert ready.build() == 0
    assert (ready.output / "2025/01/b/index.html").is_file()


def test_bad_now_is_a_usage_error(ready):
    ready.write("a.md", article("Bài", "2025-01-30"))
    assert ready.build("--now", "ngày mai") == 2


def test_check_lists_scheduled_articles_and_writes_nothing(ready, capsys):
    ready.write("a.md", article("Đã đăng", "2025-01-30"))
    path = ready.write("b.md", article("Hẹn giờ", "2025-02-01 15:30"))
    assert run(ready, "check", "--now", "2025-01-31") == 0
    out = capsys.readouterr().out
    assert f"scheduled: {path} (01/02/2025 3:30 CH)" in out
    assert not ready.output.exists()


def test_check_reports_every_problem_and_exits_1(ready, capsys):
    ready.write("a.md", article("Bài", "2025-01-30", related="[khong-co]"))
    ready.write("b.md", "---\ntitle: x\n---\n")
    ready.write("c.md", article("Ba", "2025-01-30", body="[xem](khong-co.md)"))
    assert run(ready, "check") == 1
    err = capsys.readouterr().err
    assert "a.md:4: related entry 'khong-co' names no article" in err
    assert "b.md:1: missing date" in err
    assert "c.md:6: link to 'khong-co.md': no such article" in err
    assert not ready.output.exists()


def test_check_after_a_build_takes_the_pages_from_the_cache(ready, monkeypatch):
    """A check of 10,000 articles parsed and rendered everything afresh in one process (83
    s; the build with the cache, 12 s): now it makes only what the cache does not hold."""
    from site_gen.stages import content, render

    for n in range(4):
        ready.write(f"a{n}.md", article(f"Bài {n}", f"2025-01-{n + 10}", category="Tin"))
    assert ready.build() == 0

    def refused(*args, **kwargs):
        raise RuntimeError("made again")

    monkeypatch.setattr(content, "read_article", refused)
    monkeypatch.setattr(render.Renderer, "without_boxes", refused)
    monkeypatch.setattr(render.Renderer, "box", refused)
    assert run(ready, "check") == 0


def test_check_says_what_the_build_says_whatever_the_cache_holds(ready, capsys):
    """A template broken after a build: the check takes none of the pages the cache holds
    of the old template, and says what the build says (so for an article broken)."""
    for n in range(3):
        ready.write(f"a{n}.md", article(f"Bài {n}", f"2025-01-{n + 10}", category="Tin"))
    ready.settings("base_url: https://example.gov.vn/\ntemplates: theme\n")
    shutil.copytree(REPO / "templates", ready.root / "theme")
    assert ready.build() == 0

    def said(command):
        capsys.readouterr()
        code = run(ready, "check") if command == "check" else ready.build()
        return code, sorted(line for line in capsys.readouterr().err.splitlines()
                            if not line.startswith("site-gen:"))

    template = ready.root / "theme" / "article.html"
    good = template.read_text(encoding="utf-8")
    template.write_text(good.replace("{{ article.title }}", "{{ article.title.nope.x }}", 1),
                        encoding="utf-8")
    ready.write("a1.md", "---\ntitle: Hỏng\ndate: 2025-13-40\n---\n")
    for broken in ("a1.md:3", "article.html:"):
        found = [said(command) for command in ("check", "build", "check")]
        assert found[0] == found[1] == found[2]
        assert found[0][0] == 1 and any(broken in line for line in found[0][1])
        ready.write("a1.md", article("Bài 1", "2025-01-11", category="Tin"))
    template.write_text(good, encoding="utf-8")
    assert said("check") == (0, []) and said("build") == (0, [])


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_cache_this_user_may_not_write_is_done_without(ready, monkeypatch, capsys, command):
    """A check used no cache before: one another user made (root, in CI) must not stop it,
    nor a build; each goes on without it, with a warning."""
    import errno

    from site_gen.stages import pipeline

    def refused(folder, *args):
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))

    ready.write("a.md", article("Bài", "2025-01-30"))
    monkeypatch.setattr(pipeline, "Store", refused)
    assert (run(ready, "check") if command == "check" else ready.build()) == 0
    assert "the cache cannot be used" in capsys.readouterr().err


def test_links_to_article_files_become_their_addresses(ready):
    ready.write("2022/chi-thi-09.md", article("Chỉ thị", "2022-02-21 15:29"))
    ready.write("2024/bai.md", article("Bài", "2024-11-22", body=(
        "Xem [chỉ thị](../2022/chi-thi-09.md), [gốc](/2022/chi-thi-09.md) và "
        "[mục](2022/chi-thi-09.md#muc-2).")))
    assert ready.build() == 0
    hrefs = [a["href"] for a in ready.html("2024/11/bai/index.html").select(".body a")]
    assert hrefs == ["/2022/02/chi-thi-09/", "/2022/02/chi-thi-09/", "/2022/02/chi-thi-09/#muc-2"]


def test_a_link_to_a_missing_file_stops_the_build(ready, capsys):
    path = ready.write("2024/bai.md", article("Bài", "2024-11-22", body="Đoạn một.\n\n[x](../2022/khong-co.md)"))
    assert ready.build() == 1
    assert f"{path}:8: link to '../2022/khong-co.md': no such article" in capsys.readouterr().err


def test_a_link_to_an_article_scheduled_for_later_is_a_warning_until_it_comes_out(ready, capsys):
    """A published article linking to one scheduled for later sent readers to the page
    not found until that moment, without a word from check or the build (a link to a
    draft, or to an address nothing has, is a warning)."""
    path = ready.write("a.md", article("Đã đăng", "2025-01-30", body="Xem [bài sau](b.md)."))
    ready.write("b.md", article("Hẹn giờ", "2025-01-31 08:00"))
    told = f"{path}:6: warning: link to 'b.md': that article is scheduled for 31/01/2025 08:00"
    assert run(ready, "check", "--now", "2025-01-31 07:59") == 0
    assert told in capsys.readouterr().err
    assert ready.build("--now", "2025-01-31 07:59") == 0
    assert told in capsys.readouterr().err
    assert ready.build("--now", "2025-01-31 08:00") == 0
    assert "warning" not in capsys.readouterr().err
    assert [a["href"] for a in ready.html("2025/01/a/index.html").select(".body a")] == ["/2025/01/b/"]


def test_a_scheduled_article_may_link_to_one_that_comes_out_before_it(ready, capsys):
    ready.write("b.md", article("Hẹn giờ", "2025-01-31 08:00"))
    ready.write("c.md", article("Hẹn sau", "2025-02-01 08:00", body="Xem [bài trước](b.md)."))
    assert ready.build("--now", "2025-01-30") == 0
    assert "warning" not in capsys.readouterr().err


def test_the_pages_workflow_also_runs_on_a_schedule_for_articles_that_come_due():
    """The README promises that a scheduled CI run publishes an article dated later on
    time; the workflow it ships ran on a push alone, so such an article waited for the
    next push, however late."""
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers
    crons = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, *rest = crons[0].split()
    assert hour == "*" and rest == ["*", "*", "*"], "every hour"


def test_new_with_a_title_that_comes_back_in_another_month_dates_the_file_name(ready, capsys):
    """The same headline every quarter ("Hội nghị Ban Chấp hành Đảng bộ huyện"): `new`
    refused it all year ("already exists; choose another title"), though its address,
    of another month, is free. The file name takes the date in front, which the address
    leaves out; in the same month the address is taken, and `new` still refuses."""
    title = "Hội nghị Ban Chấp hành Đảng bộ huyện"
    assert run(ready, "new", title, "--now", "2024-03-15 08:00") == 0
    assert run(ready, "new", title, "--now", "2024-09-30 08:40") == 0
    later = ready.content / "2024" / "2024-09-30-hoi-nghi-ban-chap-hanh-dang-bo-huyen.md"
    assert capsys.readouterr().out.split() == [
        str(ready.content / "2024" / "hoi-nghi-ban-chap-hanh-dang-bo-huyen.md"), str(later)]
    assert run(ready, "new", title, "--now", "2024-03-20 08:00") == 2
    assert "already exists" in capsys.readouterr().err
    assert ready.build() == 0
    for month in ("03", "09"):
        assert ready.html(f"2024/{month}/hoi-nghi-ban-chap-hanh-dang-bo-huyen/index.html").h1.get_text() == title
