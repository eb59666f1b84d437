"""Retake the README's screenshots of the app, in headless Chromium, as a user sees it.

    python tools/screenshots.py [--only NAME ...] [--port 8160]

Starts the app (``moa-explorer serve``, as a user would) on ``--port``, opens each view
below at its window size (a phone by CDP device emulation, since headless Chromium keeps
windows at least 500 px wide), waits until the graph and its panel are drawn, and writes
``docs/NAME.png``. Needs the test extras (selenium) and Debian's chromium and
chromium-driver. Look at every PNG before committing it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.support.wait import WebDriverWait

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: The graph is drawn (Cytoscape's canvas) and its text alternative written.
READY = ("return !!document.querySelector('#graph canvas') && !!document.getElementById('graph-description') "
         "&& !document.querySelector('[data-dash-is-loading=\"true\"]');")


@dataclass(frozen=True)
class Shot:
    name: str
    query: str
    width: int = 1366
    height: int = 768
    phone: bool = False


SHOTS = (
    Shot("screenshot", "?hypothesis=disinhibition&drug=ketamine"),
    Shot("step", "?hypothesis=disinhibition&drug=ketamine&step=5"),
    Shot("present", "?hypothesis=disinhibition&drug=ketamine&mode=present"),
    Shot("compare", "?hypothesis=disinhibition&drug=ketamine&compare=rapastinel"),
    Shot("phone", "?hypothesis=disinhibition&drug=ketamine", 390, 844, phone=True),
    Shot("quiz", "?hypothesis=disinhibition&drug=ketamine&mode=quiz&q=4"),
    Shot("quiz-present", "?hypothesis=disinhibition&drug=ketamine&mode=present,quiz&q=4"),
    Shot("present-1366", "?hypothesis=disinhibition&drug=ketamine&mode=present&step=4", 1366, 768),
    Shot("compare-three", "?hypothesis=extrasynaptic-glun2b&drug=ketamine&compare=rapastinel,esketamine"
                          "&mode=present", 1366, 768),
)


def driver() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--hide-scrollbars"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def take(browser: webdriver.Chrome, base: str, shot: Shot) -> Path:
    if shot.phone:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": shot.width, "height": shot.height, "deviceScaleFactor": 1, "mobile": True})
    else:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.set_window_size(shot.width, shot.height)
        inner = browser.execute_script("return [window.innerWidth, window.innerHeight];")
        browser.set_window_size(2 * shot.width - inner[0], 2 * shot.height - inner[1])  # the viewport, exactly
    browser.get(base + "/" + shot.query)
    WebDriverWait(browser, 30).until(lambda b: b.execute_script(READY))
    time.sleep(1.0)  # the graph's fit and the fonts settle
    path = DOCS / f"{shot.name}.png"
    path.write_bytes(browser.get_screenshot_as_png())
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="the shots to take (default: all)")
    parser.add_argument("--port", type=int, default=8160)
    args = parser.parse_args(argv)
    shots = [s for s in SHOTS if not args.only or s.name in args.only]
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen([sys.executable, "-m", "explorer", "serve", "--port", str(args.port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        browser = driver()
        try:
            for shot in shots:
                print(take(browser, base, shot))
        finally:
            browser.quit()
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
