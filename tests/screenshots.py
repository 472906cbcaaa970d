"""Full-page screenshots of the built site for review: the home page, an article and the
văn bản list at a phone's 360 px and a desk's 1280 px (`make screenshots`).

Usage: python tests/screenshots.py PUBLIC_DIR OUT_DIR
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from conftest import QuietHandler  # run from tests/: its folder is on the path

PAGES = (("home", "/"), ("article", "/2024/11/hoi-nghi-so-ket-03-nam-dan-van-kheo/"),
         ("van-ban", "/van-ban/"))
WIDTHS = (360, 1280)
TALLEST = 8000  # pixels: a page longer than this is cut there


def open_browser(profile: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 "--no-first-run", "--disable-background-networking", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))


def shoot(browser, url: str, width: int, target: Path) -> None:
    metrics = {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 800}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    browser.get(url)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {**metrics, "height": min(height, TALLEST)})
    browser.save_screenshot(str(target))


def main(public: Path, out: Path) -> int:
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("screenshots need chromium and chromium-driver (make browser)", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(public))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as profile:
        browser = open_browser(profile)
        try:
            for name, path in PAGES:
                for width in WIDTHS:
                    target = out / f"{name}-{width}.png"
                    shoot(browser, base + path, width, target)
                    print(target)
        finally:
            browser.quit()
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
