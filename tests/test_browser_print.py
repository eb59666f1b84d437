"""A handout from the app (issue 17): Ctrl+P gives one clean portrait page, on A4 and on US Letter.

Headless Chromium prints the deep link to PDF through the DevTools protocol (``Page.printToPDF``,
which fires ``beforeprint`` and ``afterprint`` as Ctrl+P does); pypdf counts the pages, reads
their text (the review's citation, each readout with its basis) and finds the graph's picture.
Then, under print media emulated at each paper's printable width and height, the page's boxes:
the controls are hidden, the effects with their basis shown, and everything, the graph first,
within one page's height.
"""

from __future__ import annotations

import base64
import io

import pytest
from dash.testing.wait import until
from pypdf import PdfReader

from .test_browser import no_console_errors, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

MM = 96 / 25.4          # CSS px per millimetre
MARGIN = 12             # mm, assets/app.css: @page { margin: 12mm }
#: name: (width, height) in mm
PAPERS = {"A4": (210, 297), "Letter": (215.9, 279.4)}
DEEP_LINK = "?hypothesis=disinhibition&drug=ketamine"
VIEWS = {"one drug": DEEP_LINK, "two drugs compared": DEEP_LINK + "&compare=rapastinel",
         "present mode": DEEP_LINK + "&mode=present"}
#: What stays on the screen: every control, the tabs, the keyboard help, the notices.
HIDDEN = [".controls", ".control-export", ".tab-container", ".canvas-tools", ".graph-keys", "#notice",
          "#show-mechanisms", ".node-panel", "#details", ".skip-link", ".present-footer"]
#: What the handout holds.
SHOWN = [".header h1", "#graph", ".legend-column", "#drug-name", ".effects", ".caption h2", ".footer"]

BOXES = """
const box = e => { const r = e.getBoundingClientRect(); return [r.top + scrollY, r.bottom + scrollY, r.height]; };
const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
const one = s => document.querySelector(s);
return {
  hidden: arguments[0].filter(s => [...document.querySelectorAll(s)].some(shown)),
  missing: arguments[1].filter(s => !one(s) || !shown(one(s))),
  graph: box(one('#graph')),
  bottom: Math.max(...[...document.body.querySelectorAll('*')].filter(shown).map(e => box(e)[1])),
  scroll: document.documentElement.scrollHeight,
  rows: [...document.querySelectorAll('#drug-panel .effect-row')].filter(shown).map(
    e => [e.dataset.readout, e.dataset.basis, (e.querySelector('.basis-tag') || {}).innerText || '']),
  footer: one('.footer').innerText,
};
"""


def print_to_pdf(driver, paper: str) -> bytes:
    width, height = PAPERS[paper]
    margin = MARGIN / 25.4   # the stylesheet's, as the print dialog's default margins give them
    printed = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": width / 25.4, "paperHeight": height / 25.4, "printBackground": True,
        **{f"margin{side}": margin for side in ("Top", "Bottom", "Left", "Right")}})
    return base64.b64decode(printed["data"])


@pytest.mark.parametrize("query", VIEWS.values(), ids=VIEWS.keys())
def test_ctrl_p_gives_one_page_with_the_graph_the_effects_and_the_citation(dash_duo, kb, graphs, query):
    open_page(dash_duo, kb, query, graphs["disinhibition"])   # waits until the graph is drawn and still
    driver = dash_duo.driver
    until(lambda: "Ketamine" in driver.execute_script(   # its text, though present mode hides the panel
        "return (document.getElementById('drug-name') || {}).textContent || '';"), 10)
    readouts = driver.execute_script("return [...document.querySelectorAll('#drug-panel .effect-row')]"
                                     ".map(e => [e.dataset.readout, e.dataset.basis]);")
    assert readouts and all(basis for _, basis in readouts)   # each readout says whose claim it is

    for paper, (width, height) in PAPERS.items():
        pdf = PdfReader(io.BytesIO(print_to_pdf(driver, paper)))
        assert len(pdf.pages) == 1, f"{paper}: {len(pdf.pages)} pages"
        page = pdf.pages[0]
        size = [float(v) * 25.4 / 72 for v in page.mediabox[2:]]   # PDF points, in mm
        assert abs(size[0] - width) < 0.5 and abs(size[1] - height) < 0.5, (paper, size)
        text = " ".join(page.extract_text().split())
        assert "Henter ID, Park LT, Zarate CA Jr." in text and "CNS Drugs" in text
        for readout, basis in readouts:
            assert f"{readout}:" in text and basis in text, (paper, readout, basis)
        for control in ("Copy link", "Download view", "Table 1: drugs", "Every route"):
            assert control not in text, (paper, control)
        # The graph is the picture assets/app.js makes as printing starts (the whole graph, about
        # 300 dpi), not the screen's canvases; and it is gone once printed.
        widths = [image.image.width for image in page.images]
        assert widths and max(widths) >= 2000, widths
        assert driver.execute_script("return document.getElementById('graph-print');") is None

        # The page's boxes as the paper lays them out: its printable area as the viewport.
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        area = round((width - 2 * MARGIN) * MM), round((height - 2 * MARGIN) * MM)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": area[0], "height": area[1], "deviceScaleFactor": 1, "mobile": False})
        seen = driver.execute_script(BOXES, HIDDEN, SHOWN)
        assert seen["hidden"] == [], (paper, seen["hidden"])
        assert seen["missing"] == [], (paper, seen["missing"])
        top, bottom, graph_height = seen["graph"]
        assert 0 <= top and bottom <= area[1] and graph_height >= 4 * 10 * MM - 1, (paper, seen["graph"])
        assert seen["bottom"] <= area[1] + 1 and seen["scroll"] <= area[1], (paper, seen["bottom"], seen["scroll"])
        assert [r[:2] for r in seen["rows"]] == readouts
        assert all(tag for *_, tag in seen["rows"]), seen["rows"]   # stated / analogy / extrapolated, printed
        assert "Henter" in seen["footer"] and "CNS Drugs" in seen["footer"]
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    no_console_errors(dash_duo)
