"""End to end in headless Chromium (``dash_duo``): what a teacher or a student does.

Run with ``pytest --headless`` (``-m browser`` for these alone). The browser is
Debian's ``chromium`` with ``chromium-driver`` (see ``pytest_setup_options`` in
``conftest.py``); without them these tests error: they never skip.
"""

from __future__ import annotations

import os
import time

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.keys import Keys

from explorer import engine
from explorer.app import create_app
from explorer.style import EFFECT_WORDS, HIGHLIGHT

from .browserkit import KNOWN_WARNINGS, RECORD_WARNINGS, cy_script
from .test_pptx import every_shape

pytestmark = [
    pytest.mark.browser,
    # selenium 4.2 calls a urllib3 2.x method that warns; nothing of ours.
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

CY = cy_script("graph")


def cy(dash_duo, expression: str, *args):
    return dash_duo.driver.execute_script(CY + f"return {expression};", *args)




def open_page(dash_duo, kb, query: str = "", graph=None):
    """Open the app at ``query``; with ``graph``, wait until that graph is drawn."""
    # MOA_TEST_PORT lets several checkouts run their browser tests side by side.
    dash_duo.start_server(create_app(kb), port=int(os.environ.get("MOA_TEST_PORT", "8050")))
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_WARNINGS})
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/{query}")
    graph_drawn(dash_duo, graph)


def graph_drawn(dash_duo, graph=None, timeout: float = 10):
    """Wait for Cytoscape to draw some graph, or exactly the nodes of ``graph``."""
    dash_duo.wait_for_element("#graph", timeout=timeout)
    expected = sorted(graph) if graph is not None else None

    def drawn():
        ids = cy(dash_duo, "cy === null ? [] : cy.nodes('.entity').map(n => n.id())")
        return sorted(ids) == expected if expected is not None else bool(ids)

    until(drawn, timeout)
    settled(dash_duo, timeout)


def settled(dash_duo, timeout: float = 10):
    """Wait until the viewport stops moving (the page re-fits the graph when its box resizes)."""
    last = [None]

    def still():
        time.sleep(0.25)
        now = cy(dash_duo, "[cy.width(), cy.height(), cy.zoom(), cy.pan()]")
        same, last[0] = now == last[0], now
        return same

    until(still, timeout)


def click_node(dash_duo, node: str):
    """A real mouse click on a node, where Cytoscape drew it."""
    x, y = cy(dash_duo, """(() => {
        const box = cy.container().getBoundingClientRect();
        const p = cy.getElementById(arguments[0]).renderedPosition();
        return [box.left + p.x, box.top + p.y]; })()""", node)
    actions = ActionBuilder(dash_duo.driver)
    actions.pointer_action.move_to_location(x, y).click()
    actions.perform()


def colour(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r},{g},{b})"


def no_console_errors(dash_duo):
    assert dash_duo.get_logs() == []
    warnings = dash_duo.driver.execute_script("return window.__warnings || []")
    assert [w for w in warnings if not any(k in w for k in KNOWN_WARNINGS)] == []


def test_deep_link_reproduces_ketamine_under_disinhibition(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine", graphs["disinhibition"])
    dash_duo.wait_for_contains_text("#drug-name", "Ketamine", timeout=10)
    panel = dash_duo.find_element("#drug-panel").text
    assert f"BDNF: {EFFECT_WORDS['up']['text']}" in panel
    assert "⊣" in panel  # the chain in words
    assert "Disinhibition" in dash_duo.find_element("#hypothesis").text

    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graphs["disinhibition"])
    interneuron_nmdar = next(n for n in explanation.targets if graphs["disinhibition"].nodes[n]["entity"] == "nmdar")
    assert cy(dash_duo, "cy.getElementById(arguments[0]).style('border-color')",
              interneuron_nmdar).replace(" ", "") == colour(HIGHLIGHT["target"])
    bdnf = engine.readouts_of(graphs["disinhibition"])["BDNF"]
    assert float(cy(dash_duo, "cy.getElementById(arguments[0]).style('background-opacity')", bdnf)) == 1
    off_path = set(graphs["disinhibition"]) - explanation.highlight.nodes - set(explanation.targets)
    for node in off_path:   # faded: a lighter fill and a grey label, never transparent
        assert float(cy(dash_duo, "cy.getElementById(arguments[0]).style('background-opacity')", node)) < 1
        assert float(cy(dash_duo, "cy.getElementById(arguments[0]).style('opacity')", node)) == 1
    no_console_errors(dash_duo)


def test_choosing_a_drug_from_the_keyboard_lights_its_paths_without_moving_anything(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=glyx-13", graphs["glyx-13"])
    cy(dash_duo, "cy.viewport({zoom: 1.7, pan: {x: -40, y: 25}}) && null")  # a user zooms in on a detail
    before = cy(dash_duo, "[cy.nodes('.entity').map(n => [n.id(), n.position()]), cy.zoom(), cy.pan()]")

    dash_duo.find_element("#drug").click()
    search = dash_duo.wait_for_element(".dash-dropdown-search")
    search.send_keys("GLYX-13")
    search.send_keys(Keys.ENTER)

    dash_duo.wait_for_contains_text("#drug-name", "Rapastinel", timeout=10)
    settled(dash_duo)
    assert "mTORC1:" in dash_duo.find_element("#drug-panel").text
    assert "drug=rapastinel" in dash_duo.driver.current_url
    after = cy(dash_duo, "[cy.nodes('.entity').map(n => [n.id(), n.position()]), cy.zoom(), cy.pan()]")
    assert after == before  # the overlay changed the stylesheet only: no new layout, the user's zoom kept
    no_console_errors(dash_duo)


def test_clicking_a_node_shows_its_details(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition", graphs["disinhibition"])
    bdnf = engine.readouts_of(graphs["disinhibition"])["BDNF"]
    click_node(dash_duo, bdnf)
    dash_duo.wait_for_text_to_equal("#details-title", graphs["disinhibition"].nodes[bdnf]["label"], timeout=10)
    details = dash_duo.find_element("#details").text
    assert "References" in details
    assert f"node={bdnf}" in dash_duo.driver.current_url
    no_console_errors(dash_duo)


def test_a_bad_link_shows_a_notice_and_the_default_view(dash_duo, kb):
    open_page(dash_duo, kb, "?hypothesis=disinhibitoin&drug=ketamin&node=nowhere")
    dash_duo.wait_for_contains_text("#notice", "Unknown hypothesis 'disinhibitoin'", timeout=10)
    notice = dash_duo.find_element("#notice").text
    assert "Unknown drug 'ketamin'" in notice and "Did you mean" in notice
    assert "Disinhibition" in dash_duo.find_element("#hypothesis").text
    no_console_errors(dash_duo)

    suggestion = next(a for a in dash_duo.find_elements("#notice a") if "Ketamine" in a.text)
    suggestion.click()  # a suggestion is a link to the corrected view
    dash_duo.wait_for_contains_text("#drug-name", "Ketamine", timeout=10)
    assert dash_duo.find_element("#notice").text == ""
    no_console_errors(dash_duo)


def test_the_table_opens_from_the_keyboard_and_a_row_selects_its_drug(dash_duo, kb):
    open_page(dash_duo, kb)
    dash_duo.find_element("#tabs .tab:nth-child(2)").send_keys(Keys.ENTER)  # tabs work from the keyboard
    dash_duo.wait_for_element("#drug-table .open-drug", timeout=10)
    rows = dash_duo.find_elements("#drug-table .open-drug")
    target = next(r for r in rows if r.text == "Esketamine")
    target.click()
    dash_duo.wait_for_contains_text("#drug-name", "Esketamine", timeout=10)
    graph_drawn(dash_duo)
    assert "drug=esketamine" in dash_duo.driver.current_url
    no_console_errors(dash_duo)


def test_everything_is_served_by_the_app_itself(dash_duo, kb):
    open_page(dash_duo, kb, "?hypothesis=integrated&drug=ketamine")
    dash_duo.find_element("#tabs .tab:nth-child(3)").click()
    dash_duo.wait_for_element("#matrix .main-svg", timeout=15)
    resources = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    outside = [r for r in resources if not r.startswith(dash_duo.server_url) and not r.startswith("data:")]
    assert outside == []
    no_console_errors(dash_duo)


MARKUP = '<img src=x onerror="window.__injected=1">'


def test_markup_in_the_data_is_shown_as_text(dash_duo, tmp_path):
    """A curator pastes markup into a label, a name and a description: it stays text."""
    from explorer import build_graphs, load_knowledge_base

    from .conftest import tiny_files, write_pathways

    files = tiny_files()
    files["entities.toml"]["entity"][3].update(name=f"BDNF {MARKUP}", description=f"About {MARKUP}")
    files["drugs.toml"]["drug"][0].update(name=f"Blocker {MARKUP}", notes=f"Notes {MARKUP}")
    files["hypotheses/disinhibition.toml"]["node"][1]["label"] = f"Kinase {MARKUP}"
    files["references.toml"]["reference"][0]["citation"] = f"First *reference* {MARKUP}"
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    graph = build_graphs(kb)["disinhibition"]

    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=blocker&node=b", graph)
    dash_duo.wait_for_contains_text("#drug-name", MARKUP, timeout=10)   # the name, as typed
    dash_duo.wait_for_contains_text("#details", f"About {MARKUP}", timeout=10)
    assert f"First *reference* {MARKUP}" in dash_duo.find_element("#details .refs").text
    assert [a.get_attribute("href") for a in dash_duo.find_elements("#details .refs a")] == [
        "https://pubmed.ncbi.nlm.nih.gov/111/"]
    assert MARKUP in dash_duo.find_element("#drug-panel").text
    assert cy(dash_duo, "cy.getElementById('k').data('label')").startswith("Kinase <img")

    dash_duo.find_element("#tabs .tab:nth-child(2)").click()             # the table shows text
    dash_duo.wait_for_element("#drug-table .open-drug", timeout=10)
    assert any(MARKUP in cell.text for cell in dash_duo.find_elements("#drug-table td"))

    assert dash_duo.driver.execute_script("return document.querySelectorAll('img[src=x]').length") == 0
    assert dash_duo.driver.execute_script("return window.__injected === undefined")
    no_console_errors(dash_duo)


def wait_for_download(folder, suffix: str, timeout: float = 20):
    """The downloaded file ending in ``suffix`` once Chromium has finished writing it."""
    from pathlib import Path

    def finished():
        files = [p for p in Path(folder).glob(f"*{suffix}") if p.stat().st_size > 0]
        partial = list(Path(folder).glob("*.crdownload"))
        return files[0] if files and not partial else None

    until(finished, timeout)
    return finished()


def test_the_view_and_the_figure_download_from_the_browser(dash_duo, kb, graphs):
    import xml.etree.ElementTree as ET

    from explorer import CITATION

    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine", graphs["disinhibition"])
    dash_duo.wait_for_contains_text("#drug-name", "Ketamine", timeout=10)
    dash_duo.driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": dash_duo.download_path})

    dash_duo.find_element("#export-png").click()   # the graph as shown, drawn by Cytoscape
    png = wait_for_download(dash_duo.download_path, ".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.name == "moa-disinhibition-ketamine-view.png"  # the figure is "…-figure.svg"
    drawn = cy(dash_duo, "[cy.elements().boundingBox().w * 2, cy.elements().boundingBox().h * 2]")
    from PIL import Image  # a white margin around the graph as drawn
    with Image.open(png) as image:
        width, height = image.size
        corners = [image.convert("RGB").getpixel((x, y)) for x in (5, width - 5) for y in (5, height - 5)]
    assert width > drawn[0] + 60 and height > drawn[1] + 60
    assert corners == [(255, 255, 255)] * 4

    dash_duo.find_element("#figure-svg").click()   # the figure for slides, drawn on the server
    svg = wait_for_download(dash_duo.download_path, ".svg")
    assert svg.name == "moa-disinhibition-ketamine-figure.svg"
    words = " ".join(" ".join(t.itertext()) for t in ET.parse(svg).iter() if t.tag.endswith("}text"))
    assert "BDNF" in words and "(R,S)-Ketamine" in words and CITATION.split(".")[0] in words

    dash_duo.find_element("#figure-pptx").click()  # the editable slide, drawn on the server
    pptx = wait_for_download(dash_duo.download_path, ".pptx")
    from pptx import Presentation

    slide = Presentation(str(pptx)).slides[0]
    assert any(s.name.startswith("node: BDNF") for s in every_shape(slide))   # in a group with its tag
    assert "(R,S)-Ketamine" in slide.notes_slide.notes_text_frame.text
    no_console_errors(dash_duo)
