"""End to end in headless Chromium: the room, not the screen (issue 17). Present mode on a
1920×1080 projector and a 1366×768 laptop: type sized to the window with one, two and three
drugs, compare chosen from the menu re-fits, a lecturer drives it (clicker keys, Back at the
start, a node's details over the graph, full screen), and the matrix on a phone.

Run with the other browser tests (``-m browser``); ``MOA_TEST_PORT`` picks the port.
"""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from explorer import engine
from explorer.model import INTEGRATED

from .test_browser import click_node, cy, no_console_errors, open_page, settled
from .test_browser_lecture import SIX, flags, go, press, query, screen, wait_for_room

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

SCREENS = [(1920, 1080), (1366, 768)]
#: The drugs a lecture compares: ① ② ③.
THREE = ("ketamine", "rapastinel", "hydroxynorketamine")


def smallest_label(dash_duo) -> float:
    """The smallest node label on screen, in CSS px: its font size times the zoom."""
    return cy(dash_duo, "Math.min(...cy.nodes('.entity').map(n => parseFloat(n.style('font-size')) * cy.zoom()))")


def inside_canvas(dash_duo) -> bool:
    box = cy(dash_duo, "cy.elements().renderedBoundingBox()")
    width, height = cy(dash_duo, "[cy.width(), cy.height()]")
    return box["x1"] >= -1 and box["y1"] >= -1 and box["x2"] <= width + 1 and box["y2"] <= height + 1


def labels_crossed(dash_duo) -> list[str]:
    """Each compartment label an arrow runs through, as Cytoscape drew them (its label's box,
    less a pixel each side, against the arrow's straight line between its endpoints)."""
    return cy(dash_duo, """(() => {
      const hits = (p, q, b) => {
        let lo = 0, hi = 1; const dx = q.x - p.x, dy = q.y - p.y;
        for (const [a, c] of [[-dx, p.x - b.x1], [dx, b.x2 - p.x], [-dy, p.y - b.y1], [dy, b.y2 - p.y]]) {
          if (a === 0) { if (c < 0) return false; continue; }
          const t = c / a;
          if (a < 0) lo = Math.max(lo, t); else hi = Math.min(hi, t);
          if (lo > hi) return false;
        }
        return true;
      };
      const out = [];
      cy.nodes(':parent').forEach(c => {
        const b = c.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true,
                                 includeOverlays: false});
        const inner = {x1: b.x1 + 1, y1: b.y1 + 1, x2: b.x2 - 1, y2: b.y2 - 1};
        cy.edges().forEach(e => {
          if (hits(e.sourceEndpoint(), e.targetEndpoint(), inner)) out.push(c.id() + ' / ' + e.id());
        });
      });
      return out; })()""")


def choose(dash_duo, menu: str, typed: str):
    """A drug chosen from a menu as a user does: click, type, Enter."""
    dash_duo.find_element(f"#{menu}").click()
    search = dash_duo.wait_for_element(f"#{menu} .dash-dropdown-search, .dash-dropdown-search")
    search.send_keys(typed)
    until(lambda: dash_duo.find_elements(".dash-dropdown-option, .VirtualizedSelectOption"), 5)
    search.send_keys(Keys.ENTER)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_compare_chosen_from_the_menu_in_present_mode_keeps_the_graph_in_the_canvas(dash_duo, kb, graphs,
                                                                                     width, height):
    graph = graphs["disinhibition"]
    open_page(dash_duo, kb, "?hypothesis=disinhibition", graph)
    screen(dash_duo, width, height)
    go(dash_duo, "?hypothesis=disinhibition&drug=ketamine&mode=present", graph)
    for typed, drug, count in (("GLYX", "rapastinel", 1), ("HNK", "hydroxynorketamine", 2)):
        choose(dash_duo, "compare", typed)
        until(lambda drug=drug: drug in query(dash_duo).get("compare", ""), 10)
        wait_for_room(dash_duo, kb, graph, compare=count, present=True)
        settled(dash_duo)
        assert inside_canvas(dash_duo), (typed, cy(dash_duo, "cy.elements().renderedBoundingBox()"))
        assert "present" in flags(dash_duo)
    assert query(dash_duo)["compare"] == "rapastinel,hydroxynorketamine"
    assert "③" in dash_duo.find_element("#canvas-title").text
    # Keys work after the menu was used: the focus is still in it, and PageDown steps.
    press(dash_duo, Keys.PAGE_DOWN)
    until(lambda: query(dash_duo).get("step") == "0", 10)
    # Cleared: the graph is drawn for one drug again, and fitted.
    dash_duo.driver.execute_script("document.querySelector('#compare .dash-dropdown-clear, "
                                   "#compare [aria-label^=\"Clear\"], #compare .Select-clear').click()")
    until(lambda: "compare" not in query(dash_duo), 10)
    wait_for_room(dash_duo, kb, graph, present=True)
    settled(dash_duo)
    assert inside_canvas(dash_duo)
    no_console_errors(dash_duo)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_present_mode_type_is_sized_to_the_room_with_one_two_and_three_drugs(dash_duo, kb, graphs, width, height):
    """Every node label at least 1.8 % of the window's height on every panel (1.5 % on the
    integrated view, shown in parts), with one drug and with two or three compared, also
    stepping through; the whole graph in the canvas; no arrow through a compartment's label."""
    open_page(dash_duo, kb, "?hypothesis=disinhibition", graphs["disinhibition"])
    screen(dash_duo, width, height)
    small, crossed = {}, {}
    for hypothesis in [*SIX, INTEGRATED]:
        whole = graphs[hypothesis]
        parts = engine.graph_parts(kb, whole)
        floor = (0.015 if hypothesis == INTEGRATED else 0.018) * height
        for count in (1, 2, 3):
            compare = ",".join(THREE[1:count])
            for part, drawn in enumerate(parts):
                for step in ("", "&step=0") if count == 1 else ("",):
                    link = (f"?hypothesis={hypothesis}&drug={THREE[0]}" + (f"&compare={compare}" if compare else "")
                            + "&mode=present" + (f"&part={part + 1}" if len(parts) > 1 else "") + step)
                    go(dash_duo, link, drawn)
                    wait_for_room(dash_duo, kb, whole, compare=count - 1, present=True, part=part)
                    settled(dash_duo)
                    size = smallest_label(dash_duo)
                    if size < floor or not inside_canvas(dash_duo):
                        small[link] = round(size, 1)
                    if labels_crossed(dash_duo):
                        crossed[link] = labels_crossed(dash_duo)
    assert not small, (f"floor {0.018 * height:.1f} px", small)
    assert not crossed, crossed
    no_console_errors(dash_duo)


def test_the_type_control_enlarges_the_labels_and_is_kept_in_the_link(dash_duo, kb, graphs):
    graph = graphs["glyx-13"]
    open_page(dash_duo, kb, "?hypothesis=glyx-13&drug=rapastinel&mode=present", graph)
    before = cy(dash_duo, "parseFloat(cy.nodes('.entity').first().style('font-size'))")
    dash_duo.find_element("#type-larger").click()
    until(lambda: query(dash_duo).get("type") == "1", 10)
    wait_for_room(dash_duo, kb, graph, present=True, type_step=1)
    until(lambda: cy(dash_duo, "parseFloat(cy.nodes('.entity').first().style('font-size'))") > before * 1.15, 10)
    press(dash_duo, "-")
    until(lambda: "type" not in query(dash_duo), 10)
    no_console_errors(dash_duo)


def test_a_lecturer_drives_present_mode(dash_duo, kb, graphs):
    """Back at the start stays; the clicker's PageDown and PageUp step; "Every route" only
    while stepping; a node clicked shows its details over the graph, in present mode, and
    Esc closes them; a node clicked while stepping jumps to its step; full screen."""
    graph = graphs["disinhibition"]
    open_page(dash_duo, kb, "?hypothesis=disinhibition", graph)
    screen(dash_duo, 1366, 768)
    go(dash_duo, "?hypothesis=disinhibition&drug=ketamine&mode=present", graph)
    assert not dash_duo.find_element("#step-all").is_displayed()          # nothing to show all of yet
    dash_duo.find_element("#step-back").click()                           # Back at the start: stays there
    press(dash_duo, Keys.ARROW_LEFT)
    dash_duo.find_element("#graph-region").click()
    settled(dash_duo)
    assert "step" not in query(dash_duo) and "stepping" not in flags(dash_duo)
    press(dash_duo, Keys.PAGE_DOWN)
    until(lambda: query(dash_duo).get("step") == "0", 10)
    press(dash_duo, Keys.PAGE_DOWN)
    until(lambda: query(dash_duo).get("step") == "1", 10)
    press(dash_duo, Keys.PAGE_UP)
    until(lambda: query(dash_duo).get("step") == "0", 10)
    until(lambda: dash_duo.find_element("#step-all").is_displayed(), 10)

    # A node on the chain, clicked while stepping: its step, and its details over the graph.
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graph, panels=graphs)
    steps = engine_steps(graph, explanation)
    settled(dash_duo)
    click_node(dash_duo, "bdnf")
    until(lambda: query(dash_duo).get("node") == "bdnf", 10)
    targets = sum(1 for s in steps if s.via is None)
    assert query(dash_duo)["step"] == str([s.node for s in steps].index("bdnf") - targets + 1)
    assert query(dash_duo)["mode"] == "present"
    details = dash_duo.find_element("#details")
    until(lambda: "BDNF" in details.text and details.is_displayed(), 10)
    assert dash_duo.driver.execute_script("return getComputedStyle(document.querySelector('.side')).position") \
        == "fixed"                                                        # over the graph: the graph keeps its size
    assert details.get_attribute("role") == "dialog"
    press(dash_duo, Keys.ESCAPE)                                           # Esc closes the details, not present mode
    until(lambda: "node" not in query(dash_duo), 10)
    assert query(dash_duo)["mode"] == "present"

    button = dash_duo.find_element("#fullscreen")                         # full screen: the button and S
    assert button.is_displayed()
    button.click()
    until(lambda: dash_duo.driver.execute_script("return document.fullscreenElement !== null"), 5)
    until(lambda: button.get_attribute("aria-pressed") == "true", 5)
    press(dash_duo, "s")
    until(lambda: dash_duo.driver.execute_script("return document.fullscreenElement === null"), 5)
    no_console_errors(dash_duo)


def engine_steps(graph, explanation):
    from explorer.views import chain_steps

    return chain_steps(graph, explanation)


def test_the_matrix_is_usable_on_a_phone(dash_duo, kb, graphs):
    """At 390 px: no sideways scroll of the page, the cells large enough to tap (24 px,
    WCAG 2.5.8), and a tap opens the drug on that hypothesis."""
    open_page(dash_duo, kb, "?hypothesis=disinhibition", graphs["disinhibition"])
    screen(dash_duo, 390, 844, mobile=True)
    dash_duo.driver.get(f"{dash_duo.server_url}/?tab=matrix")
    dash_duo.wait_for_element("#matrix .js-plotly-plot", timeout=10)
    until(lambda: dash_duo.driver.execute_script(
        "const p = document.querySelector('#matrix .js-plotly-plot'); return p && p._fullLayout && p._fullData"), 10)
    assert dash_duo.driver.execute_script("return document.documentElement.scrollWidth") <= 390
    cell = dash_duo.driver.execute_script("""
        const plot = document.querySelector('#matrix .js-plotly-plot');
        const trace = plot._fullData[0], xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis;
        return [xa._length / trace.x.length, ya._length / trace.y.length];""")
    assert cell[0] >= 24 and cell[1] >= 24, cell
    box = dash_duo.driver.execute_script(
        "return document.querySelector('#matrix .js-plotly-plot').getBoundingClientRect().toJSON()")
    assert box["left"] >= 0 and box["right"] <= 390 + 1, box
    no_console_errors(dash_duo)
