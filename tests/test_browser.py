"""The sample site in a real browser (Debian's Chromium driven by Selenium), served on
127.0.0.1 as a static host would: search, font size, print, a phone's width, console."""

import subprocess
import sys
import time

from conftest import REPO, needs_browser
from test_reference import SEED_TITLE

pytestmark = needs_browser

REFERENCE = "/2024/11/hoi-nghi-so-ket-03-nam-dan-van-kheo/"
OTHER = "/2024/12/tham-tang-qua-giang-sinh/"


def visit(browser, url):
    browser.get(url)
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def wait_for(browser, script, seconds=10):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(browser, seconds).until(lambda d: d.execute_script(script))


def largest_paint(browser, shown: str):
    """`shown` (a JavaScript expression of `e`) of the element Chromium last names as the
    page's largest paint, once painting has settled: what Lighthouse's lcp-lazy-loaded
    looks at."""
    return browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        let e = null;
        new PerformanceObserver(list => { e = list.getEntries().pop().element; })
            .observe({type: 'largest-contentful-paint', buffered: true});
        setTimeout(() => done(e && (%s)), 1000);""" % shown)


def test_search_without_diacritics_finds_the_reference_first(browser, base_url):
    visit(browser, base_url + "/tim-kiem/?q=dan+van+kheo")
    first = wait_for(browser, "var a = document.querySelector('.search-list li h2 a');"
                              "return a && [a.textContent, a.getAttribute('href')];")
    assert first == [SEED_TITLE, REFERENCE]
    marks = browser.execute_script("return [...document.querySelectorAll('.search-list li:first-child h2 mark')].map(m => m.textContent)")
    assert marks[:3] == ["Dân", "vận", "khéo"]
    visit(browser, base_url + "/tim-kiem/?q=" + "Đảng bộ")
    wait_for(browser, "return document.querySelectorAll('.search-list li').length > 0")


def test_english_search_results_tell_time_in_english_and_mark_vietnamese_titles(browser, base_url):
    """Issue 15 names "SA/CH" among the Vietnamese words left on English pages: /en/search/
    showed every result's time as the index holds it, "22/11/2024 2:30 CH", and its
    Vietnamese title and summary as English text (no `lang`); the Vietnamese search page
    listed the English introduction as Vietnamese."""
    visit(browser, base_url + "/en/search/?q=dan+van+kheo")
    first = wait_for(browser, "var li = document.querySelector('.search-list li');"
                              "return li && [li.lang, li.querySelector('.meta').textContent];")
    assert first == ["vi", "22/11/2024 2:30 PM · Dân vận"]
    visit(browser, base_url + "/tim-kiem/?q=ninh+hai+district+party+committee")
    found = wait_for(browser, "var li = document.querySelector('.search-list li');"
                              "return li && [li.querySelector('h2').textContent, li.lang];")
    assert found == ["Ninh Hai District Party Committee", "en"]
    visit(browser, base_url + "/tim-kiem/?q=dan+van+kheo")
    first = wait_for(browser, "var li = document.querySelector('.search-list li');"
                              "return li && [li.lang, li.querySelector('.meta').textContent];")
    assert first == ["", "22/11/2024 2:30 CH · Dân vận"]


def test_the_header_box_searches(browser, base_url):
    visit(browser, base_url + "/")
    box = browser.find_element("id", "header-q")
    box.send_keys("nong thon moi\n")
    wait_for(browser, "return location.pathname === '/tim-kiem/' && "
                      "document.querySelectorAll('.search-list li').length > 0")


def body_size(browser):
    return browser.execute_script(
        "return parseFloat(getComputedStyle(document.querySelector('.article .body p')).fontSize)")


def test_larger_text_is_kept_on_the_next_article(browser, base_url):
    visit(browser, base_url + REFERENCE)
    browser.execute_script("localStorage.clear()")
    visit(browser, base_url + REFERENCE)
    before = body_size(browser)
    larger = browser.find_element("css selector", ".font-size button[data-step='1']")
    larger.send_keys("\n")  # by keyboard
    after = body_size(browser)
    assert after > before
    assert browser.find_element("css selector", ".font-size-value").text == "110%"
    visit(browser, base_url + OTHER)
    assert body_size(browser) == after
    browser.find_element("css selector", ".font-size button[data-step='0']").click()
    assert body_size(browser) == before


def test_larger_text_is_kept_on_the_pages_and_documents_read_next(browser, base_url):
    """The size chosen on an article was kept on the next article only: "Giới thiệu",
    "Liên hệ" or a văn bản opened next came back at 100%, though their text is read the
    same way (they have no control of their own; the article's sets it)."""
    visit(browser, base_url + REFERENCE)
    browser.execute_script("localStorage.clear()")
    visit(browser, base_url + "/gioi-thieu/")
    before = body_size(browser)
    visit(browser, base_url + REFERENCE)
    browser.find_element("css selector", ".font-size button[data-step='1']").click()
    for path in ("/gioi-thieu/", "/introduction/"):
        visit(browser, base_url + path)
        assert body_size(browser) > before, path
    visit(browser, base_url + REFERENCE)
    browser.find_element("css selector", ".font-size button[data-step='0']").click()


def test_print_shows_the_article_only(browser, base_url):
    visit(browser, base_url + REFERENCE)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.execute_script("""
            const seen = s => { const e = document.querySelector(s); return !!e && e.getClientRects().length > 0; };
            return ['aside.sidebar', 'nav.menu', '.site-header', '.search-box', 'h1', '.posted', '.views', '.article .body', '.print-address']
                .map(s => [s, seen(s)]);""")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert dict(shown) == {"aside.sidebar": False, "nav.menu": False, ".site-header": False,
                           ".search-box": False, "h1": True, ".posted": True, ".views": True,
                           ".article .body": True, ".print-address": True}


def test_no_sideways_scrolling_on_a_360_px_phone(browser, base_url):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True})
    try:
        for path in ("/", REFERENCE, "/tim-kiem/?q=dan+van", "/chuyen-muc/dan-van/", "/luu-tru/"):
            visit(browser, base_url + path)
            width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1] == 360, (path, width)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_document_is_found_by_its_number_typed_loosely(browser, base_url):
    visit(browser, base_url + "/tim-kiem/?q=973+qd+btgtw")
    first = wait_for(browser, "var a = document.querySelector('.search-list li h2 a');"
                              "return a && a.getAttribute('href');")
    assert first == "/van-ban/973-qd-btgtw/"


def test_serve_reloads_the_open_tab_and_overlays_errors(browser, tmp_path):
    from conftest import article
    from test_serve import free_port
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "site.yaml").write_text("base_url: https://example.gov.vn/\n")
    (content / "a.md").write_text(article("Bài đầu", "2024-11-22"), encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--port", str(port), "--content",
         str(content), "--config", str(tmp_path / "site.yaml")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/2024/11/a/"
        wait = lambda script: wait_for(browser, script, seconds=20)
        for _ in range(50):
            try:
                browser.get(url)
                if browser.find_elements("css selector", "h1"):
                    break
            except Exception:
                pass
            time.sleep(0.2)
        assert browser.find_element("css selector", "h1").text == "Bài đầu"
        (content / "a.md").write_text(article("Bài đã sửa", "2024-11-22"), encoding="utf-8")
        wait("return document.querySelector('h1').textContent === 'Bài đã sửa'")  # reloaded by itself
        (content / "a.md").write_text("---\ntitle: Hỏng\ndate: 31/02/2024\n---\n", encoding="utf-8")
        text = wait("var box = document.getElementById('site-gen-errors'); return box && box.textContent;")
        assert "a.md:3: impossible date" in text
        assert browser.find_element("css selector", "h1").text == "Bài đã sửa"
        overlay = "return getComputedStyle(document.getElementById('site-gen-errors')).position"
        assert browser.execute_script(overlay) == "fixed"
        # A page opened (or reloaded) while the content is broken: the errors came with it
        # and were left at its foot as plain text, below the footer, where none saw them.
        browser.get(f"http://127.0.0.1:{port}/")
        assert browser.execute_script(overlay) == "fixed"
        # Another mistake in place of the first, as many errors as before: the box kept
        # the first one's words (the page asked only whether their number changed).
        (content / "a.md").write_text("---\ntitle: Hỏng\ndate: 30/02/2024\n---\n", encoding="utf-8")
        text = wait("var box = document.getElementById('site-gen-errors');"
                    "return box && box.textContent.indexOf('not 30') >= 0 && box.textContent;")
        assert "a.md:3: impossible date '30/02/2024'" in text
    finally:
        browser.get("about:blank")  # the tab polls the server: leave it before stopping it
        browser.get_log("browser")  # and leave its messages out of the next test's
        server.terminate()
        server.wait(timeout=10)
