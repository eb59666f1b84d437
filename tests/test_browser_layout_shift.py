"""No layout shift (issue 19): a deep link's page, in headless Chromium at a laptop's and a
phone's size, does not move once it has painted. The graph's and the side panel's boxes, taken
on the first frame that has them, are where they are once the interactive graph is drawn, and
the layout shifts Chromium reports (PerformanceObserver, ``layout-shift``) add up to at most
0.1, the "good" bound of Core Web Vitals' CLS.

The page arrives with its view drawn by the server (``explorer.views.first``): it shows before
any script runs, it is the page's largest paint, and it makes way once the graph is drawn.
"""

from __future__ import annotations

import pytest

from .browserkit import WATCH_SHIFTS
from .test_browser import no_console_errors, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

#: Before the page's own scripts: every layout shift without a recent input, and the boxes of
#: the graph and the side panel on the first frame in which both exist (page coordinates).
WATCH = WATCH_SHIFTS + """
window.__lcp = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    window.__lcp.push({tag: entry.element ? entry.element.tagName : '', time: entry.startTime,
                       cls: entry.element ? String(entry.element.className) : ''});
  }
}).observe({type: 'largest-contentful-paint', buffered: true});
window.__boxes = () => {
  const box = e => { const r = e.getBoundingClientRect();
                     return [r.left + scrollX, r.top + scrollY, r.width, r.height].map(Math.round); };
  const graph = document.getElementById('graph'), side = document.querySelector('#pathway .side');
  return graph && side ? {graph: box(graph), side: box(side)} : null;
};
window.__first = null;
(function look() { window.__first = window.__boxes(); if (!window.__first) requestAnimationFrame(look); })();
"""
DEEP_LINK = "?hypothesis=disinhibition&drug=ketamine"


@pytest.mark.parametrize("size", [(1366, 768), (412, 823)], ids=["laptop", "phone"])
def test_the_deep_link_does_not_move_once_painted(dash_duo, kb, graphs, size):
    dash_duo.driver.set_window_size(*size)
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    open_page(dash_duo, kb, DEEP_LINK, graphs["disinhibition"])   # waits until the graph is drawn and still
    dash_duo.wait_for_contains_text("#drug-name", "Ketamine", timeout=10)
    first, last = dash_duo.driver.execute_script("return [window.__first, window.__boxes()];")
    assert first is not None
    # The graph's box and the side panel's place and width: as on the first frame that had them
    # (the side panel may grow downwards as its words arrive; nothing above or beside it moves).
    assert last["graph"] == first["graph"]
    assert last["side"][:3] == first["side"][:3]
    shifts = dash_duo.driver.execute_script("return window.__shifts;")
    assert sum(s["value"] for s in shifts) <= 0.1, shifts
    no_console_errors(dash_duo)


def test_the_first_view_shows_before_the_scripts_and_makes_way_for_the_graph(dash_duo, kb, graphs):
    driver = dash_duo.driver
    driver.set_window_size(1366, 768)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    open_page(dash_duo, kb, DEEP_LINK, graphs["disinhibition"])
    dash_duo.wait_for_no_elements("#first-view", timeout=10)
    lcp = driver.execute_script("return window.__lcp;")
    # The largest paint is the server's picture, not what the scripts drew later.
    assert lcp and lcp[-1]["tag"] == "IMG" and "first-graph" in lcp[-1]["cls"], lcp
    no_console_errors(dash_duo)

    # Without scripts it is the page: the graph in the graph's box, the drug's effects beside it.
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.get(dash_duo.server_url + "/" + DEEP_LINK)
    shown = dash_duo.find_element("#first-view .first-graph")
    assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth;", shown)
    assert shown.rect["height"] > 350 and shown.rect["width"] > 600        # the graph's box, not a thumbnail
    assert "(R,S)-Ketamine" in dash_duo.find_element("#first-view .side").text
    assert "BDNF" in shown.get_attribute("alt")
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
