"""In headless Chromium: the first visit does not fetch plotly.js; opening the matrix does; the
served Content-Security-Policy lets the app run and blocks injected script."""

from __future__ import annotations

import os

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from explorer.app import create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

FETCHED = "return performance.getEntriesByType('resource').map(e => e.name);"


def test_plotly_is_fetched_only_when_the_matrix_is_opened(dash_duo, kb):
    dash_duo.start_server(create_app(kb), port=int(os.environ.get("MOA_TEST_PORT", "8050")))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/?hypothesis=disinhibition&drug=ketamine")
    until(lambda: dash_duo.driver.execute_script("return !!document.querySelector('#graph canvas');"), 15)
    first = dash_duo.driver.execute_script(FETCHED)
    assert any("dash_cytoscape" in url for url in first)
    assert not any("plotly" in url.rsplit("/", 1)[-1] for url in first), first
    tab = dash_duo.driver.find_element(By.XPATH, "//div[contains(concat(' ', normalize-space(@class), ' '),"
                                                 " ' tab ') and contains(., 'matrix')]")
    tab.click()
    until(lambda: dash_duo.driver.execute_script("return !!document.querySelector('#matrix .heatmaplayer image, "
                                                 "#matrix .heatmaplayer path');"), 20)
    later = dash_duo.driver.execute_script(FETCHED)
    assert any("plotly" in url.rsplit("/", 1)[-1] for url in later), later


#: Listens for the policy's violations (added by WebDriver, which no page policy governs).
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
"""
#: What an attacker who got markup into the page would try.
INJECT = """
document.body.insertAdjacentHTML('beforeend', '<img id="x-img" src="/no-such.png" onerror="window.__ran_handler = 1">');
const script = document.createElement('script');
script.textContent = 'window.__ran_script = 1';
document.body.appendChild(script);
const link = document.createElement('a');
link.href = 'javascript:window.__ran_url = 1';
link.textContent = 'x';
document.body.appendChild(link);
link.click();
"""
RAN = "return [window.__ran_handler, window.__ran_script, window.__ran_url, window.__ran_eval, window.__ran_function];"
EVAL = """
setTimeout(() => {
  try { window.__ran_eval = eval('1 + 1'); } catch (e) { window.__eval_error = String(e); }
  try { window.__ran_function = (new Function('return 2'))(); } catch (e) { window.__function_error = String(e); }
}, 10);
"""


def hovered(driver, cell) -> bool:
    """Moves the pointer over the heat map (a fresh move each call, a few pixels from the last:
    plotly draws its hover label on a mouse move, and a move made before plotly has bound its
    handlers, on a loaded machine, is lost) and says whether the hover label is drawn."""
    hovered.moves = getattr(hovered, "moves", 0) + 1
    offset = 4 * (hovered.moves % 5) - 8
    ActionChains(driver).move_to_element(cell).move_by_offset(offset, offset).perform()
    return driver.execute_script("return !!document.querySelector('#matrix .hovertext');")


def test_the_served_policy_blocks_injected_script_and_the_app_still_works(dash_duo, kb):
    """The page as served (with its Content-Security-Policy): the graph, Table 1 (AG Grid) and
    the matrix (plotly.js) work without a single violation; an inline handler, an inline
    script, a javascript: URL, eval and new Function are all refused."""
    dash_duo.start_server(create_app(kb), port=int(os.environ.get("MOA_TEST_PORT", "8050")))
    driver = dash_duo.driver
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/?hypothesis=integrated&drug=ketamine&compare=rapastinel")
    policy = driver.execute_script("return fetch('/').then(r => r.headers.get('content-security-policy'));")
    scripts = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts and "'sha256-" in scripts
    driver.execute_script(LISTEN)
    until(lambda: driver.execute_script("return !!document.querySelector('#graph canvas');"), 15)
    until(lambda: "increased" in driver.execute_script(
        "return (document.getElementById('drug-panel') || {}).textContent || '';"), 15)
    for tab, drawn in (("Table 1", "return document.querySelectorAll('#drug-table tbody tr').length > 10;"),
                       ("matrix", "return !!document.querySelector('#matrix .heatmaplayer image, "
                                  "#matrix .heatmaplayer path');")):
        driver.find_element(By.XPATH, "//div[contains(concat(' ', normalize-space(@class), ' '), ' tab ') "
                                      f"and contains(., '{tab}')]").click()
        until(lambda drawn=drawn: driver.execute_script(drawn), 20)
    cell = driver.find_element(By.CSS_SELECTOR, "#matrix .nsewdrag")
    until(lambda: hovered(driver, cell), 15)  # plotly's hover, drawn under the policy
    assert driver.execute_script("return window.__violations;") == []
    assert not [e for e in dash_duo.get_logs() if "Content Security Policy" in e["message"]]

    driver.execute_script(INJECT)
    driver.execute_script(EVAL)
    until(lambda: len(driver.execute_script("return window.__violations;")) >= 5, 10)
    assert driver.execute_script(RAN) == [None] * 5
    violations = " ".join(driver.execute_script("return window.__violations;"))
    assert "script-src-attr" in violations and "script-src-elem" in violations and "eval" in violations
    assert "EvalError" in driver.execute_script("return window.__eval_error + ' ' + window.__function_error;")
    refused = [e for e in dash_duo.get_logs() if "Content Security Policy" in e["message"]]
    assert len(refused) >= 3  # the browser says so in the console, too (eval throws instead)


def test_the_served_one_file_explorer_runs_under_its_own_policy(dash_duo, kb):
    """The footer's link opens the one-file explorer the app serves: its inline script runs (its
    hash is in the page's policy), the drug selector works, and nothing is refused or logged."""
    dash_duo.start_server(create_app(kb), port=int(os.environ.get("MOA_TEST_PORT", "8050")))
    driver = dash_duo.driver
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/")
    link = dash_duo.find_element("#one-file-link")
    assert link.is_displayed() and link.get_attribute("href") == f"{dash_duo.server_url}/explorer.html"
    watch = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTEN})
    try:
        link.click()
        until(lambda: driver.execute_script("return !!document.querySelector('#moa-stage svg[data-ready]');"), 15)
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", watch)
    assert driver.current_url.startswith(f"{dash_duo.server_url}/explorer.html")
    driver.execute_script("const s = document.getElementById('moa-drug'); s.value = 'ketamine';"
                          "s.dispatchEvent(new Event('change'));")
    until(lambda: driver.execute_script("return document.querySelectorAll('#moa-marks g').length > 0;"), 5)
    assert "Ketamine" in driver.find_element(By.ID, "moa-drug-info").text
    assert driver.execute_script("return window.__violations;") == []
    assert dash_duo.get_logs() == []
    driver.execute_script(INJECT)                      # and the policy still refuses what was not there
    until(lambda: len(driver.execute_script("return window.__violations;")) >= 2, 10)
    assert driver.execute_script(RAN)[:3] == [None] * 3
    assert [e for e in dash_duo.get_logs() if "Content Security Policy" in e["message"]]   # said in the console
