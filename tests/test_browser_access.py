"""Every student (WCAG 2.1 AA), in headless Chromium: axe-core finds nothing in any view, the
whole lecture works from the keyboard alone, the graph has its text in present mode too, and a
window zoomed to 200 % (640 CSS px) never scrolls sideways.

axe-core is the pinned version of ``tests/js`` (``nodekit.axe_source``), injected into the page.
"""

from __future__ import annotations

import os
import time
import xml.etree.ElementTree as ET

import pytest
from dash.testing import errors as dash_errors
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from explorer import account, engine
from explorer.app import create_app

from .browserkit import RECORD_WARNINGS
from .nodekit import axe_source
from .test_browser import cy, graph_drawn, no_console_errors, settled, wait_for_download
from .test_browser_lecture import flags, query

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

#: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices: no rule left out.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.map(n => n.target.join(' '))}))))
   .catch(e => done([{id: 'axe failed', impact: String(e), help: '', nodes: []}]));
"""


def start(dash_duo, kb, query_: str = ""):
    dash_duo.start_server(create_app(kb), port=int(os.environ.get("MOA_TEST_PORT", "8050")))
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_WARNINGS})
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/{query_}")


def axe_violations(driver) -> list[dict]:
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(axe_source())
    driver.set_script_timeout(60)
    return driver.execute_async_script(RUN_AXE, AXE_TAGS)


def assert_axe_clean(driver, where: str):
    violations = axe_violations(driver)
    report = "\n".join(f"{where}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes'][:8]}" for v in violations)
    assert violations == [], report


def screen(driver, width: int, height: int, scale: float = 1, mobile: bool = False):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})


def shown(driver, query_: str, ready: str):
    """Open ``query_`` and wait until ``ready`` (a JS expression) holds and the page is still."""
    driver.get(f"{driver.current_url.split('/?')[0].rstrip('/')}/{query_}")
    until(lambda: driver.execute_script(f"return Boolean({ready});"), 20)
    time.sleep(0.6)


GRAPH_READY = ("document.querySelector('#graph canvas') && document.getElementById('graph-description') "
               "&& document.getElementById('announce').textContent")
VIEWS = {
    "default": ("?", GRAPH_READY),
    "drug": ("?hypothesis=disinhibition&drug=ketamine", GRAPH_READY + " && document.getElementById('drug-name')"),
    "present": ("?hypothesis=disinhibition&drug=ketamine&mode=present&node=bdnf",
                GRAPH_READY + " && document.getElementById('details-title')"),
    "step": ("?hypothesis=disinhibition&drug=ketamine&step=2", "document.getElementById('step-count')"),
    "compare": ("?hypothesis=integrated&drug=ketamine&compare=rapastinel", "document.getElementById('compare-table')"),
    "matrix": ("?tab=matrix", "document.querySelector('#matrix .main-svg')"),
    "table": ("?tab=table", "document.querySelectorAll('#drug-table tbody tr').length > 10"),
}


def test_axe_finds_nothing_in_any_view(dash_duo, kb):
    start(dash_duo, kb)
    driver = dash_duo.driver
    for name, (link, ready) in VIEWS.items():
        shown(driver, link, ready)
        assert_axe_clean(driver, name)
    driver.find_element("css selector", "#drug").send_keys("k")               # an open dropdown, searching
    until(lambda: driver.execute_script("return !!document.querySelector('.dash-dropdown-search')"), 10)
    time.sleep(0.4)
    assert_axe_clean(driver, "open dropdown")
    for name, (width, height, scale) in {"phone": (390, 844, 2), "200 % zoom": (640, 360, 2)}.items():
        screen(driver, width, height, scale, mobile=width < 500)
        for link, ready in (VIEWS["drug"], VIEWS["present"], VIEWS["table"]):
            shown(driver, link, ready)
            assert_axe_clean(driver, f"{name} {link}")
    no_console_errors(dash_duo)


def description(driver) -> str:
    """The text the graph is described by (what ``aria-describedby`` points at)."""
    return driver.execute_script("""
        const region = document.getElementById('graph-region');
        return region.getAttribute('aria-describedby').split(' ')
            .map(id => (document.getElementById(id) || {}).textContent || '').join(' ');""")


def test_the_graph_is_named_and_described_by_the_account_in_present_mode_too(dash_duo, kb, graphs):
    graph = graphs["disinhibition"]
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graph, panels=graphs)
    told = account.account_of(kb, graph, explanation)
    bdnf = next(r for r in told.readouts if r.name == "BDNF")
    start(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine")
    driver = dash_duo.driver
    for link in ("?hypothesis=disinhibition&drug=ketamine", "?hypothesis=disinhibition&drug=ketamine&mode=present",
                 "?hypothesis=disinhibition&drug=ketamine&mode=present&step=3"):
        shown(driver, link, GRAPH_READY)
        region = driver.find_element("css selector", "#graph-region")
        assert region.get_attribute("role") == "application" and region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label") == "Pathway graph"
        text = description(driver)
        assert bdnf.chains[0].spoken in text                            # ketamine's chain to BDNF, in words
        assert "inhibits NMDAR in GABAergic interneuron, which falls" in text
        assert "GABA, which falls" in text and "which activates BDNF, which rises" in text
        assert "stated: the review's account" in text and "arrow keys" in text
    assert "present" in flags(dash_duo)
    said = driver.execute_script("return document.getElementById('announce').textContent")
    assert said.startswith("Step 3 of") and "▲" not in said and "▼" not in said   # the step, in words
    assert driver.execute_script("return document.getElementById('announce').getAttribute('role')") == "status"
    no_console_errors(dash_duo)


# -- the keyboard alone ---------------------------------------------------------------------------

def press(driver, *keys, pause: float = 0.35):
    """Keys sent to whatever has the focus, as a keyboard would."""
    ActionChains(driver).send_keys(*keys).perform()
    time.sleep(pause)


def focused(driver, selector: str) -> bool:
    return driver.execute_script("return document.activeElement.matches(arguments[0])", selector)


def tab_to(driver, selector: str, limit: int = 80, back: bool = False):
    """Press Tab (or Shift+Tab) until the focus is on ``selector``."""
    for _ in range(limit):
        if focused(driver, selector):
            return
        press(driver, *((Keys.SHIFT, Keys.TAB) if back else (Keys.TAB,)), pause=0.08)
    raise AssertionError(f"Tab never reached {selector}; the focus is on "
                         + driver.execute_script("return document.activeElement.outerHTML.slice(0, 200)"))


def choose(dash_duo, selector: str, typed: str, key: str, value: str, attempts: int = 3):
    """With the focus on a closed dropdown, type to search and press Enter, as a keyboard user
    does, until the link says ``key=value``. On a loaded machine the first letters can reach
    the dropdown before its search has mounted and be lost: then, as a user would, close the
    menu (Esc) and type again; a dropdown that never takes the keys still fails."""
    driver = dash_duo.driver
    for _ in range(attempts):
        press(driver, typed, pause=0.6)                                       # a letter opens its search
        press(driver, Keys.ENTER, pause=1)
        try:
            until(lambda: query(dash_duo).get(key) == value, 8)
            return
        except dash_errors.TestingTimeoutError:
            press(driver, Keys.ESCAPE, pause=0.5)
            tab_to(driver, selector)
    raise AssertionError(f"typing {typed!r} and Enter in {selector} never chose {key}={value}")


def graph_cursor(driver) -> list:
    return driver.execute_script("""
        const root = document.getElementById('graph');
        const h = [root, ...root.querySelectorAll('*')].find(e => e._cyreg && e._cyreg.cy);
        return h ? h._cyreg.cy.nodes('.kbd-focus').map(n => n.id()) : [];""")


def test_a_whole_lecture_from_the_keyboard_alone(dash_duo, kb, graphs):
    """Choose a hypothesis and a drug, present, step forward and back, open a node's details,
    open a matrix cell, open a Table 1 row, download a figure: keys only, never a click."""
    start(dash_duo, kb, "?hypothesis=glyx-13")
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": dash_duo.download_path})
    graph_drawn(dash_duo, graphs["glyx-13"])

    tab_to(driver, "#skip-link")                                              # the first stop: a skip link
    tab_to(driver, "#hypothesis")                                             # named by its visible label
    assert driver.execute_script("return document.activeElement.getAttribute('aria-labelledby')") \
        == "hypothesis-label hypothesis-value"
    choose(dash_duo, "#hypothesis", "Disinh", "hypothesis", "disinhibition")  # a letter opens its search
    graph_drawn(dash_duo, graphs["disinhibition"])
    tab_to(driver, "#drug")
    choose(dash_duo, "#drug", "ketamine", "drug", "ketamine")
    dash_duo.wait_for_contains_text("#drug-name", "Ketamine", timeout=10)
    assert focused(driver, "#drug")

    press(driver, "p")                                                        # shortcuts right after a dropdown
    until(lambda: "present" in flags(dash_duo), 10)
    press(driver, Keys.ARROW_RIGHT)
    until(lambda: query(dash_duo).get("step") == "0", 10)
    press(driver, Keys.ARROW_RIGHT)
    until(lambda: query(dash_duo).get("step") == "1", 10)
    until(lambda: driver.execute_script("return document.getElementById('announce').textContent")
          .startswith("Step 1 of"), 10)
    press(driver, Keys.ARROW_LEFT)
    until(lambda: query(dash_duo).get("step") == "0", 10)
    assert query(dash_duo)["mode"] == "present"

    tab_to(driver, "#graph-region")                                           # the graph, node by node
    order = [n.id for n in account.node_accounts(graphs["disinhibition"])]
    for _ in range(order.index("bdnf") + 1):
        press(driver, Keys.ARROW_RIGHT, pause=0.15)
    assert graph_cursor(driver) == ["bdnf"]
    assert "BDNF, factor in Postsynaptic neuron" in driver.execute_script(
        "return document.getElementById('graph-focus').textContent")
    assert query(dash_duo).get("step") == "0"                                 # the arrows moved the focus only
    press(driver, Keys.ENTER, pause=1)
    until(lambda: query(dash_duo).get("node") == "bdnf", 10)
    dash_duo.wait_for_text_to_equal("#details-title", "BDNF", timeout=10)
    assert driver.find_element("css selector", "#details").is_displayed()     # in present mode, over the graph
    until(lambda: driver.execute_script(                                      # the overlay takes the focus
        "return document.getElementById('details').contains(document.activeElement)"), 5)
    press(driver, Keys.ESCAPE)                                                # Esc closes it, back to the graph …
    until(lambda: "node" not in query(dash_duo), 10)
    until(lambda: focused(driver, "#graph-region"), 5)
    press(driver, Keys.ESCAPE)                                                # … leaves the nodes …
    assert graph_cursor(driver) == [] and "present" in flags(dash_duo)
    press(driver, Keys.ESCAPE)                                                # … then present mode
    until(lambda: "mode" not in query(dash_duo), 10)

    tab_to(driver, "#tabs .tab--selected")                                    # the matrix: a tab, its cells
    press(driver, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    assert focused(driver, "#tab-matrix")
    press(driver, Keys.ENTER)
    until(lambda: query(dash_duo).get("tab") == "matrix", 10)
    dash_duo.wait_for_element("#matrix .main-svg", timeout=20)
    time.sleep(0.5)
    press(driver, Keys.TAB)
    assert focused(driver, "#matrix")
    press(driver, Keys.ARROW_DOWN, Keys.ARROW_RIGHT)
    second = list(kb.drugs.values())[1]
    dash_duo.wait_for_contains_text("#matrix-cell", second.name, timeout=10)
    frame = driver.find_element("css selector", ".matrix-focus")
    assert frame.is_displayed() and frame.size["width"] > 10                  # a visible focus on the cell
    cell_words = driver.find_element("css selector", "#matrix-cell").text
    press(driver, Keys.ENTER, pause=1)
    until(lambda: query(dash_duo).get("drug") == second.id, 10)
    until(lambda: focused(driver, "#graph-region"), 10)                       # not lost on the body
    tab_to(driver, "#tabs .tab--selected", back=True)
    press(driver, Keys.END, Keys.ENTER)
    dash_duo.wait_for_element("#matrix .main-svg", timeout=20)
    until(lambda: focused(driver, "#matrix"), 10)                             # back on the cell it opened
    assert driver.find_element("css selector", "#matrix-cell").text == cell_words

    tab_to(driver, "#tabs .tab--selected", back=True)                         # Table 1: a row opens with Enter
    press(driver, Keys.ARROW_LEFT, Keys.ENTER)
    dash_duo.wait_for_element("#drug-table tbody tr", timeout=20)
    tab_to(driver, "#drug-table .open-drug")                                   # the first drug's name
    press(driver, Keys.ARROW_DOWN, Keys.ARROW_DOWN)                             # ↓ ↓: the third drug's
    row = driver.execute_script("return document.activeElement.closest('tr').getAttribute('data-drug')")
    assert row == list(kb.drugs)[2]
    press(driver, Keys.ENTER, pause=1)
    until(lambda: query(dash_duo).get("drug") == row and "tab" not in query(dash_duo), 10)
    dash_duo.wait_for_contains_text("#drug-name", kb.drugs[row].name, timeout=10)

    tab_to(driver, "#figure-svg", back=True)                                  # a figure, downloaded
    press(driver, Keys.ENTER)
    svg = wait_for_download(dash_duo.download_path, ".svg")
    root = ET.parse(svg).getroot()
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert kb.drugs[row].name in desc and "which" in desc
    no_console_errors(dash_duo)


# -- 200 % zoom: 1280 × 720 at 200 % is 640 × 360 CSS px -------------------------------------------

OVERFLOW = """
const width = document.documentElement.clientWidth;
const controls = [...document.querySelectorAll('button, a[href], [tabindex="0"], .dash-dropdown')]
    .filter(e => e.offsetParent !== null && !e.closest('.visually-hidden'));
return [document.documentElement.scrollWidth - width,
        controls.filter(e => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > width + 1; })
                .map(e => e.id || e.className || e.tagName)];
"""


def test_a_window_zoomed_to_200_percent_reflows(dash_duo, kb, graphs):
    start(dash_duo, kb, "?hypothesis=disinhibition")
    driver = dash_duo.driver
    screen(driver, 640, 360, 2)
    for link, ready in (VIEWS["drug"], VIEWS["step"], VIEWS["compare"], VIEWS["table"], VIEWS["matrix"],
                        ("?hypothesis=integrated&drug=ketamine&mode=present&step=2", GRAPH_READY)):
        shown(driver, link, ready)
        sideways, outside = driver.execute_script(OVERFLOW)
        assert sideways <= 0 and outside == [], (link, sideways, outside)      # nothing scrolls sideways
    shown(driver, "?hypothesis=disinhibition&drug=ketamine", GRAPH_READY)
    settled(dash_duo)
    smallest = cy(dash_duo, "Math.min(...cy.nodes('.entity').map(n => parseFloat(n.style('font-size')))) * cy.zoom()")
    assert smallest >= 12 - 0.01                                               # labels stay legible …
    assert cy(dash_duo, "cy.userPanningEnabled()")                           # … the graph pans in its box
    shown(driver, "?hypothesis=disinhibition&drug=ketamine&mode=present&step=1", GRAPH_READY)
    for name in ("1280 × 720 at 200 %", "1366 × 768"):
        if name == "1366 × 768":
            screen(driver, 1366, 768)
            time.sleep(1)
        overlap = driver.execute_script("""
            const a = document.querySelector('.canvas-tools').getBoundingClientRect();
            const b = document.querySelector('.canvas-title').getBoundingClientRect();
            return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);""")
        assert not overlap, name                                               # the buttons leave the title
    no_console_errors(dash_duo)
