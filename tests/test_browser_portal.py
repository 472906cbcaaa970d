"""The portal as readers and inspectors meet it, in Chromium at a phone's 360 px and a
desk's 1280 px: axe-core finds nothing (WCAG 2.1 A and AA), the phone menu folds, print
names the office, văn bản numbers stay whole, nothing shifts on the search page."""

import contextlib
import json

import pytest

from conftest import REPO, needs_browser
from test_browser import REFERENCE, largest_paint, visit, wait_for

pytestmark = needs_browser

AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"  # axe-core 4.14.1, MPL-2.0
AXE_PAGES = ("/", REFERENCE, "/tim-kiem/?q=dan+van+kheo", "/van-ban/", "/gioi-thieu/", "/en/")
WIDTHS = (360, 1280)


@contextlib.contextmanager
def width(browser, pixels, height=800):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": pixels, "height": height, "deviceScaleFactor": 1,
                             "mobile": pixels < 800})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@contextlib.contextmanager
def printed(browser):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def axe_violations(browser) -> list:
    """axe-core's WCAG 2.1 A and AA rules, label-content-name-mismatch included (axe
    counts it experimental and leaves it out unless asked)."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    return browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                           rules: {"label-content-name-mismatch": {enabled: true}}})
          .then(r => done(r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(" "))])),
                e => done([["axe failed", [String(e)]]]));""")


@pytest.mark.parametrize("pixels", WIDTHS)
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_wcag_21_aa_violation(browser, base_url, path, pixels):
    with width(browser, pixels):
        visit(browser, base_url + path)
        if "tim-kiem" in path:
            wait_for(browser, "return document.querySelectorAll('.search-list li').length > 0")
        assert axe_violations(browser) == []


def bottom(browser, selector) -> float:
    return browser.execute_script(
        f"return document.querySelector({json.dumps(selector)}).getBoundingClientRect().bottom")


def menu_state(browser):
    return browser.execute_script("""
        const b = document.querySelector('.menu-button'), items = document.getElementById('menu-items');
        return [b.tagName, b.getAttribute('aria-expanded'), b.getAttribute('aria-controls'),
                b.textContent.trim(), items.getClientRects().length > 0];""")


@pytest.mark.parametrize("path, name", [("/", "Danh mục"), (REFERENCE, "Danh mục"),
                                        ("/van-ban/", "Danh mục"), ("/en/", "Menu")])
def test_on_a_phone_the_menu_folds_behind_a_button(browser, base_url, path, name):
    from selenium.webdriver.common.keys import Keys
    with width(browser, 360):
        visit(browser, base_url + path)
        assert bottom(browser, "nav.menu") <= 200  # header and folded menu, before any news
        assert menu_state(browser) == ["BUTTON", "false", "menu-items", name, False]
        button = browser.find_element("css selector", ".menu-button")
        button.send_keys(Keys.ENTER)  # by keyboard
        assert menu_state(browser)[1::3] == ["true", True]
        first = browser.find_element("css selector", "#menu-items a")
        first.send_keys(Keys.ESCAPE)
        assert menu_state(browser)[1::3] == ["false", False]
        assert browser.switch_to.active_element == button
        button.click()
        assert menu_state(browser)[1::3] == ["true", True]


def test_on_a_desk_the_menu_is_one_open_bar(browser, base_url):
    with width(browser, 1280):
        visit(browser, base_url + "/")
        shown = browser.execute_script("""
            return [getComputedStyle(document.querySelector('.menu-button')).display,
                    [...document.querySelectorAll('#menu-items a')].every(a => a.getClientRects().length > 0)];""")
        assert shown == ["none", True]


def test_the_phone_menu_opens_without_javascript(browser, base_url):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        with width(browser, 360):
            browser.get(base_url + "/")
            summary = browser.find_element("css selector", "details.menu-fold > summary")
            links = lambda: browser.execute_script(
                "return document.getElementById('menu-items').getClientRects().length > 0")
            assert bottom(browser, "nav.menu") <= 200 and not links()
            summary.send_keys("\n")
            assert links()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_without_javascript_the_search_page_says_what_to_do_at_once(browser, base_url):
    """The room kept for results (so that they arrive without moving the page) stood
    empty on a phone without JavaScript, a whole screen high: the explanation and the web
    search form came below it, out of sight, and the reader saw a form and nothing else."""
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        with width(browser, 360):
            browser.get(base_url + "/tim-kiem/?q=dan+van+kheo")
            assert bottom(browser, "#web-q") <= 800  # on the first screen
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_print_names_the_office_and_keeps_author_photo_and_address(browser, base_url):
    visit(browser, base_url + REFERENCE)
    with printed(browser):
        seen = browser.execute_script("""
            const seen = s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length > 0);
            const text = s => document.querySelector(s).innerText.trim();
            const lead = document.querySelector('.lead img').getBoundingClientRect();
            const order = [...document.querySelectorAll('.print-identity, main h1, .author, .print-address')]
                .map(e => e.getBoundingClientRect().top);
            return {identity: text('.print-identity'), author: seen('.author'), lead: [lead.height > 50, lead.height <= 310],
                    menu: seen('nav.menu'), sidebar: seen('aside'), footer: seen('footer'),
                    address: text('.print-address'), ordered: order.every((t, i) => !i || t > order[i - 1])};""")
    assert [line for line in seen.pop("identity").splitlines() if line] == [
        "HUYỆN ỦY NINH HẢI", "Khu phố Khánh Sơn, thị trấn Khánh Hải, huyện Ninh Hải, tỉnh Ninh Thuận"]
    assert seen.pop("address") == ("Địa chỉ trang: https://huyenuyninhhai.example.gov.vn" + REFERENCE)
    assert seen == {"author": True, "lead": [True, True], "menu": False, "sidebar": False,
                    "footer": False, "ordered": True}


@pytest.mark.parametrize("pixels", WIDTHS)
def test_document_numbers_and_dates_are_never_broken(browser, base_url, pixels):
    with width(browser, pixels):
        visit(browser, base_url + "/van-ban/")
        broken = browser.execute_script("""
            return [...document.querySelectorAll('.doc-number a, .doc-date time')]
                .filter(e => e.getClientRects().length !== 1).map(e => e.textContent);""")
        counts = browser.execute_script("""
            return [document.querySelectorAll('select').length, document.querySelectorAll('.doc-filter').length,
                    document.documentElement.scrollWidth <= innerWidth];""")
    assert broken == []
    assert counts == [0, 1, True]  # one filter, no sideways scrolling


def test_the_sidebar_date_stands_apart_from_the_title_as_drawn_only(browser, base_url):
    visit(browser, base_url + REFERENCE)
    gaps = browser.execute_script("""
        return [...document.querySelectorAll('#tin-moi-nhat li')].map(li => {
            const a = [...li.querySelector('a').getClientRects()].pop(), d = li.querySelector('.date').getClientRects()[0];
            return [li.textContent.includes(')') && !li.textContent.includes(' ('), Math.round(d.top) === Math.round(a.top) ? d.left - a.right : 99];
        });""")
    assert gaps and all(plain and gap >= 4 for plain, gap in gaps), gaps


def test_search_results_arrive_without_moving_the_page(browser, base_url):
    with width(browser, 360):
        browser.get(base_url + "/tim-kiem/?q=dan+van")
        wait_for(browser, "return document.querySelectorAll('.search-list li').length > 0")
        shift = browser.execute_async_script("""
            const done = arguments[arguments.length - 1];
            new PerformanceObserver(list => done(list.getEntries().reduce((s, e) => s + e.value, 0)))
                .observe({type: 'layout-shift', buffered: true});
            setTimeout(() => done(0), 500);""")
    assert shift < 0.01


def test_the_lead_image_is_fetched_first(browser, base_url):
    visit(browser, base_url + REFERENCE)
    lead = browser.execute_script(
        "const i = document.querySelector('.lead img'); return [i.loading, i.fetchPriority, i.complete];")
    assert lead == ["auto", "high", True]


def test_the_largest_paint_is_the_lead_image_fetched_at_once(browser, base_url):
    """What Lighthouse's lcp-lazy-loaded checks, asked of Chromium itself. (At 360 px the
    lead picture and the first paragraph are of a size: either may be the largest.)"""
    with width(browser, 1280):
        visit(browser, base_url + REFERENCE)
        largest = largest_paint(browser, "[e.closest('figure') && e.closest('figure')"
                                         ".className, e.loading, e.fetchPriority]")
    assert largest == ["lead", "auto", "high"]
