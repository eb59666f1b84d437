"""End to end in headless Chromium: a lecture (present mode, steps, signs, compare), the matrix,
Table 1, links that hold the whole view, a phone, and the colours as drawn.

Run with the other browser tests (``-m browser``); ``MOA_TEST_PORT`` picks the port.
"""

from __future__ import annotations

import os
import time
from urllib.parse import parse_qs, urlparse

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from explorer import CITATION, engine, views
from explorer.app import create_app
from explorer.style import EFFECT_STYLE, EFFECT_WORDS, HIGHLIGHT

from .browserkit import RECORD_WARNINGS
from .test_browser import colour, cy, graph_drawn, no_console_errors, open_page, settled
from .test_style import MACHADO, contrast, delta_e, simulate, to_linear

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

UP, DOWN = EFFECT_WORDS["up"]["symbol"], EFFECT_WORDS["down"]["symbol"]
SIX = ["disinhibition", "spontaneous-transmission", "extrasynaptic-glun2b", "hnk-ampa", "mglur2-3", "glyx-13"]


def screen(dash_duo, width: int, height: int, mobile: bool = False):
    """The page's viewport, exactly (a window's size includes whatever the browser draws around it)."""
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def start(dash_duo, kb, query: str = ""):
    """Open the app at ``query`` without waiting for the graph (Table 1 and the matrix do not draw it)."""
    dash_duo.start_server(create_app(kb), port=int(os.environ.get("MOA_TEST_PORT", "8050")))
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_WARNINGS})
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/{query}")


def go(dash_duo, query: str, graph=None):
    dash_duo.driver.get(f"{dash_duo.server_url}/{query}")
    graph_drawn(dash_duo, graph)


def query(dash_duo) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(dash_duo.driver.current_url).query).items()}


def label(dash_duo, node: str) -> str:
    return cy(dash_duo, "cy.getElementById(arguments[0]).style('label')", node)


def flags(dash_duo) -> str:
    """The view's flags (present, stepping, …), read in one go: the element is redrawn with each view."""
    return dash_duo.driver.execute_script(
        "const f = document.getElementById('view-flags'); return f ? f.className : ''")


def caption(dash_duo) -> str:
    """The step caption's text, read in one go (it is redrawn with each view)."""
    return dash_duo.driver.execute_script(
        "const c = document.getElementById('step-caption'); return c && c.offsetParent ? c.innerText : ''")


def press(dash_duo, key: str):
    ActionChains(dash_duo.driver).send_keys(key).perform()


# -- present mode ------------------------------------------------------------------------

def test_present_mode_at_1920_gives_every_panel_labels_of_20_px_or_more(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition", graphs["disinhibition"])
    screen(dash_duo, 1920, 1080)
    sizes = {}
    for hypothesis in SIX:
        go(dash_duo, f"?hypothesis={hypothesis}&drug=ketamine&mode=present", graphs[hypothesis])
        dash_duo.wait_for_contains_text("#canvas-title", kb.hypotheses[hypothesis].title, timeout=10)
        wait_for_room(dash_duo, kb, graphs[hypothesis], present=True)
        assert "Ketamine" in dash_duo.driver.execute_script(                  # title and drug on the canvas
            "return document.getElementById('canvas-title').innerText")
        assert not dash_duo.find_element(".side").is_displayed()                   # the graph takes the window
        footer = dash_duo.find_element(".present-footer")
        assert footer.is_displayed() and footer.text == CITATION
        # On screen, a label is its font size times the zoom: measured on the Cytoscape instance.
        sizes[hypothesis] = cy(dash_duo, """Math.min(...cy.nodes('.entity').map(
            n => parseFloat(n.style('font-size')) * cy.zoom()))""")
        box = cy(dash_duo, "cy.elements().renderedBoundingBox()")
        assert box["x1"] >= 0 and box["y1"] >= 0 and box["x2"] <= cy(dash_duo, "cy.width()") + 1
        assert not touching_nodes(dash_duo), hypothesis
        assert not overlapping_compartments(dash_duo), hypothesis
    assert min(sizes.values()) >= 20, sizes
    # The integrated view, in present mode, part by part (as on slides).
    for part, drawn in enumerate(engine.graph_parts(kb, graphs["integrated"])):
        go(dash_duo, f"?hypothesis=integrated&drug=ketamine&mode=present&part={part + 1}", drawn)
        dash_duo.wait_for_contains_text("#canvas-title", "integrated", timeout=10)
        wait_for_room(dash_duo, kb, graphs["integrated"], present=True, part=part)
        assert not touching_nodes(dash_duo), part
        assert not overlapping_compartments(dash_duo), part
        go(dash_duo, f"?hypothesis=integrated&drug=ketamine&compare=rapastinel&mode=present&part={part + 1}", drawn)
        dash_duo.wait_for_contains_text("#canvas-title", "Rapastinel", timeout=10)
        # Starting a comparison redraws the graph with room for two drugs' labels, just after the overlay.
        wait_for_room(dash_duo, kb, graphs["integrated"], compare=1, present=True, part=part)
        assert not touching_nodes(dash_duo), part
        assert not overlapping_compartments(dash_duo), part
    no_console_errors(dash_duo)


def wait_for_room(dash_duo, kb, graph, compare: int = 0, present: bool = False, type_step: int = 0,
                  part: int = 0) -> None:
    """Until the graph is redrawn at the positions made for the view's room (present mode,
    a comparison, the type, the part of the integrated view present mode shows): the redraw
    follows the overlay by a moment."""
    parts = engine.graph_parts(kb, graph)
    drawn = parts[part] if present and len(parts) > 1 else graph
    room = views.Room(int(compare), present, type_step, part if present and len(parts) > 1 else None)
    expected = {node: {"x": x, "y": y} for node, (x, y) in views.boxes.roomy_positions(kb, drawn, room).items()}
    until(lambda: cy(dash_duo, "Object.fromEntries(cy.nodes('.entity').map(n => [n.id(), n.position()]))")
          == expected, 10)


def overlapping_compartments(dash_duo) -> list:
    """Pairs of compartments, neither inside the other, whose boxes (with their labels,
    drawn above them) overlap."""
    return cy(dash_duo, """(() => {
        const boxes = cy.nodes('.compartment').map(c => [c, c.renderedBoundingBox({includeOverlays: false})]);
        const pairs = [];
        boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
            const nested = a.ancestors().contains(b) || b.ancestors().contains(a);
            if (!nested && p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) pairs.push([a.id(), b.id()]);
        }));
        return pairs;
    })()""")


def touching_nodes(dash_duo) -> list:
    """Pairs of nodes whose boxes, as Cytoscape draws them (with the action lines and
    marks of the overlay, borders, the lit halo and the compared drug's outline; not the
    tap overlay, invisible until a node is pressed), overlap or touch."""
    return cy(dash_duo, """(() => {
        const nodes = cy.nodes('.entity').map(n => [n.id(),
            n.renderedBoundingBox({includeLabels: false, includeOverlays: false})]);
        const pairs = [];
        nodes.forEach(([a, p], i) => nodes.slice(i + 1).forEach(([b, q]) => {
            if (p.x1 < q.x2 + 2 && q.x1 < p.x2 + 2 && p.y1 < q.y2 + 2 && q.y1 < p.y2 + 2) pairs.push([a, b]);
        }));
        return pairs;
    })()""")


def test_the_present_button_and_key_toggle_present_mode_and_fit_refits(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine", graphs["disinhibition"])
    dash_duo.find_element("#present-toggle").click()
    until(lambda: "present" in flags(dash_duo), 10)
    assert query(dash_duo)["mode"] == "present"
    press(dash_duo, "p")
    until(lambda: "present" not in flags(dash_duo), 10)
    assert "mode" not in query(dash_duo)
    settled(dash_duo)
    cy(dash_duo, "cy.viewport({zoom: 2.5, pan: {x: -900, y: -300}}) && null")   # lost in a corner
    dash_duo.find_element("#fit").click()
    settled(dash_duo)
    box = cy(dash_duo, "cy.elements().renderedBoundingBox()")
    assert box["x1"] >= 0 and box["y1"] >= 0
    assert box["x2"] <= cy(dash_duo, "cy.width()") + 1 and box["y2"] <= cy(dash_duo, "cy.height()") + 1
    no_console_errors(dash_duo)


# -- steps and signs ------------------------------------------------------------------------

def test_arrow_keys_step_through_the_chain_forward_and_back(dash_duo, kb, graphs):
    graph = graphs["disinhibition"]
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine", graph)
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graph)
    steps = views.chain_steps(graph, explanation)
    last = views.last_step(kb, graphs, views.View("disinhibition", "ketamine"))
    dash_duo.find_element("#graph").click()
    press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_contains_text("#step-caption", f"Step 0 of {last}", timeout=10)
    assert "antagonist" in caption(dash_duo)
    for n in (1, 2):
        press(dash_duo, Keys.ARROW_RIGHT)
        dash_duo.wait_for_contains_text("#step-caption", f"Step {n} of {last}", timeout=10)
    newest = steps[len(explanation.targets) + 1]
    assert graph.nodes[newest.node]["label"] in caption(dash_duo)
    assert graph.edges[newest.via]["note"][:30] in caption(dash_duo)
    assert query(dash_duo)["step"] == "2"
    hidden = steps[len(explanation.targets) + 2].node                   # not yet revealed: faded
    assert float(cy(dash_duo, "cy.getElementById(arguments[0]).style('background-opacity')", hidden)) < 1
    press(dash_duo, Keys.ARROW_LEFT)
    dash_duo.wait_for_contains_text("#step-caption", f"Step 1 of {last}", timeout=10)
    dash_duo.find_element("#step-all").click()                          # every route at once
    until(lambda: "step" not in query(dash_duo), 10)
    until(lambda: caption(dash_duo) == "", 10)                          # the caption is gone
    no_console_errors(dash_duo)


def test_the_disinhibition_chain_shows_its_signs_under_ketamine(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine", graphs["disinhibition"])
    until(lambda: label(dash_duo, "gaba").endswith(DOWN), 10)
    assert label(dash_duo, "interneuron-activity").endswith(DOWN)
    assert label(dash_duo, "pyramidal-firing").endswith(UP)
    assert label(dash_duo, "bdnf").endswith(UP)
    assert not label(dash_duo, "gad").endswith((UP, DOWN))             # off the route: no mark
    no_console_errors(dash_duo)


def test_the_highlight_as_drawn_reads_apart_from_inhibition_under_colour_blindness(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition&drug=ketamine", graphs["disinhibition"])
    until(lambda: cy(dash_duo, "cy.getElementById('gaba').style('underlay-color')").replace(" ", "")
          == colour(HIGHLIGHT["lit"]), 10)
    inhibits = next(f"{u}->{v}" for u, v, e in graphs["disinhibition"].edges(data="effect") if e == "inhibits")
    drawn = {"lit": cy(dash_duo, "cy.getElementById('gaba').style('underlay-color')"),
             "inhibits": cy(dash_duo, "cy.getElementById(arguments[0]).style('line-color')", inhibits)}
    as_hex = {k: "#{:02X}{:02X}{:02X}".format(*map(int, v[4:-1].split(","))) for k, v in drawn.items()}
    assert as_hex["inhibits"] == EFFECT_STYLE["inhibits"]["colour"]
    assert contrast(to_linear(as_hex["lit"]), to_linear(as_hex["inhibits"])) >= 3     # greyscale
    for deficiency in MACHADO:
        lit, arrow = simulate(as_hex["lit"], deficiency), simulate(as_hex["inhibits"], deficiency)
        assert delta_e(lit, arrow) >= 40 and contrast(lit, arrow) >= 3
    no_console_errors(dash_duo)


# -- compare ---------------------------------------------------------------------------------

def test_comparing_two_drugs_draws_both_and_tabulates_their_effects(dash_duo, kb, graphs):
    graph = graphs["hnk-ampa"]
    open_page(dash_duo, kb, "?hypothesis=hnk-ampa&drug=ketamine", graph)
    dash_duo.find_element("#compare").click()
    search = dash_duo.wait_for_element("#compare .dash-dropdown-search, .dash-dropdown-search")
    search.send_keys("HNK")
    search.send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#compare-title", "Hydroxynorketamine", timeout=10)
    assert query(dash_duo)["compare"] == "hydroxynorketamine"
    rows = dash_duo.find_elements("#compare-table tbody tr")
    assert [r.get_attribute("data-hypothesis") for r in rows] == list(graphs)
    cells = dash_duo.find_elements("#compare-table td[data-basis]")
    assert {c.get_attribute("data-basis") for c in cells} >= {"stated"}
    explanation = engine.explain_drug(kb, kb.drugs["hydroxynorketamine"], graph)
    node = next(iter(explanation.highlight.nodes))
    assert cy(dash_duo, "cy.getElementById(arguments[0]).style('outline-color')", node).replace(" ", "") \
        == colour(HIGHLIGHT["compare"])
    dash_duo.find_element("#present-toggle").click()                  # and on the canvas, presenting
    dash_duo.wait_for_contains_text("#canvas-title", "Hydroxynorketamine", timeout=10)
    no_console_errors(dash_duo)


# -- the matrix -------------------------------------------------------------------------------

CELL = """
const plot = document.querySelector('#matrix .js-plotly-plot');
const trace = plot._fullData[arguments[0]];
const xa = plot._fullLayout[trace.xaxis === 'x' ? 'xaxis' : 'xaxis' + trace.xaxis.slice(1)];
const ya = plot._fullLayout[trace.yaxis === 'y' ? 'yaxis' : 'yaxis' + trace.yaxis.slice(1)];
const box = plot.getBoundingClientRect();
return [box.left + xa._offset + xa.l2p(xa.d2c(arguments[1])), box.top + ya._offset + ya.l2p(ya.d2c(arguments[2]))];
"""


def click_cell(dash_duo, trace: int, hypothesis: str, drug: str):
    """A real click in the middle of a heatmap cell, found from plotly's own axes, once the
    cell is in the window and stays put (the figure may still be laid out after its tab
    opens, and a scroll takes a moment)."""
    where = None

    def settled_in_view() -> bool:
        nonlocal where
        x, y = dash_duo.driver.execute_script(CELL, trace, hypothesis, drug)
        width, height = dash_duo.driver.execute_script("return [window.innerWidth, window.innerHeight]")
        if not (0 < x < width and 0 < y < height):
            dash_duo.driver.execute_script("window.scrollBy(0, arguments[0] - window.innerHeight / 2)", y)
            where = None
            return False
        steady, where = where == (x, y), (x, y)
        return steady

    until(settled_in_view, 10, poll=0.15)
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    actions = ActionBuilder(dash_duo.driver)
    actions.pointer_action.move_to_location(int(where[0]), int(where[1])).click()
    actions.perform()


@pytest.mark.parametrize("cells", [[(0, "hnk-ampa", "hydroxynorketamine"), (1, "glyx-13", "rapastinel"),
                                    (0, "disinhibition", "ketamine")]])
def test_clicking_matrix_cells_opens_that_drug_on_that_hypothesis(dash_duo, kb, graphs, cells):
    start(dash_duo, kb, "?hypothesis=integrated&drug=esketamine&tab=matrix")
    for trace, hypothesis, drug in cells:
        if query(dash_duo).get("tab") != "matrix":
            dash_duo.find_element("#tabs .tab:nth-child(3)").click()
        dash_duo.wait_for_element("#matrix .main-svg", timeout=15)
        time.sleep(0.3)
        click_cell(dash_duo, trace, hypothesis, drug)
        until(lambda h=hypothesis, d=drug: query(dash_duo).get("drug") == d and query(dash_duo)["hypothesis"] == h,
              10)
        dash_duo.wait_for_contains_text("#drug-name", kb.drugs[drug].name, timeout=10)
        assert "tab" not in query(dash_duo)                            # the pathway tab, showing the cell
    no_console_errors(dash_duo)


def test_matrix_cells_open_from_the_keyboard(dash_duo, kb):
    start(dash_duo, kb, "?tab=matrix")
    dash_duo.wait_for_element("#matrix .main-svg", timeout=15)
    matrix = dash_duo.find_element("#matrix")
    matrix.send_keys(Keys.ARROW_DOWN)                                   # second drug, first hypothesis
    matrix.send_keys(Keys.ARROW_RIGHT)                                  # second hypothesis
    dash_duo.wait_for_contains_text("#matrix-cell", list(kb.drugs.values())[1].name, timeout=10)
    matrix.send_keys(Keys.ENTER)
    until(lambda: query(dash_duo).get("drug") == list(kb.drugs)[1], 10)
    assert query(dash_duo)["hypothesis"] == list(kb.hypotheses)[1]
    no_console_errors(dash_duo)


# -- Table 1 ----------------------------------------------------------------------------------

def names_shown(dash_duo) -> list[str]:
    """The compound names the table shows now, in the order shown."""
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#drug-table tbody tr:not([hidden]) .open-drug')]"
        ".map(c => c.textContent)")


def test_table_rows_open_their_drug_where_the_review_places_it_and_clicks_repeat(dash_duo, kb, graphs):
    start(dash_duo, kb, "?tab=table")
    for drug, hypothesis, column in [("rapastinel", "glyx-13", "name"), ("hydroxynorketamine", "hnk-ampa", "class"),
                                     ("esketamine", "disinhibition", "stage"), ("rapastinel", "glyx-13", "name")]:
        if query(dash_duo).get("tab") != "table":
            dash_duo.find_element("#tabs .tab:nth-child(2)").click()
        dash_duo.wait_for_element("#drug-table .open-drug", timeout=10)
        dash_duo.find_element(f'#drug-table tr[data-drug="{drug}"] td.col-{column}').click()   # the name, or the row
        until(lambda d=drug: query(dash_duo).get("drug") == d, 10)
        assert query(dash_duo)["hypothesis"] == hypothesis            # in that panel's scope
        assert engine.explain_drug(kb, kb.drugs[drug], graphs[hypothesis]).in_scope
        dash_duo.wait_for_contains_text("#drug-name", kb.drugs[drug].name, timeout=10)
    no_console_errors(dash_duo)


def test_table_filters_ignore_case_and_links_keep_the_drug(dash_duo, kb):
    start(dash_duo, kb, "?tab=table&drug=ketamine&hypothesis=disinhibition")
    dash_duo.wait_for_element("#drug-table .open-drug", timeout=10)
    def filter_box(column: int):
        return dash_duo.find_element(f"#drug-table .filter-row td:nth-child({column}) input")

    marked = ("return getComputedStyle(document.querySelector('#drug-table tr[data-drug=\"ketamine\"]'))"
              ".backgroundColor.replaceAll(' ', '') === 'rgb(244,251,212)'")
    until(lambda: dash_duo.driver.execute_script(marked), 10)         # the chosen drug's row is marked (once drawn)
    filter_box(1).send_keys("ketamine")                                # lower case finds "(R,S)-Ketamine"
    expected = {d.name for d in kb.drugs.values() if "ketamine" in d.name.lower()}
    until(lambda: set(names_shown(dash_duo)) == expected, 10)
    assert "(R,S)-Ketamine" in names_shown(dash_duo)
    assert dash_duo.find_element("#table-count").text == f"{len(expected)} of {len(kb.drugs)} drugs shown"
    filter_box(1).send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
    until(lambda: len(names_shown(dash_duo)) == len(kb.drugs), 10)
    filter_box(3).send_keys("mglur")                                   # "mGluR modulators"
    mglur = {d.name for d in kb.drugs.values() if d.drug_class == "mglur"}
    until(lambda: set(names_shown(dash_duo)) == mglur, 10)
    filter_box(3).send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
    until(lambda: len(names_shown(dash_duo)) == len(kb.drugs), 10)

    filter_box(3).send_keys("nmda")                                    # two boxes at once
    filter_box(9).send_keys("nct0")
    both = {row["name"] for row in views.table_rows(kb) if "nmda" in row["class"].lower() and row["trial_ids"]}
    until(lambda: set(names_shown(dash_duo)) == both, 10)
    for box in (3, 9):
        filter_box(box).send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
    until(lambda: len(names_shown(dash_duo)) == len(kb.drugs), 10)

    link = dash_duo.find_element("#drug-table td.col-trial_ids a")
    assert link.get_attribute("target") == "_blank" and link.text.startswith("NCT")
    before = dash_duo.driver.current_window_handle
    link.click()
    time.sleep(1)
    for handle in dash_duo.driver.window_handles:                      # the trial opens in a new tab
        if handle != before:
            dash_duo.driver.switch_to.window(handle)
            dash_duo.driver.close()
    dash_duo.driver.switch_to.window(before)
    assert query(dash_duo)["drug"] == "ketamine" and query(dash_duo)["tab"] == "table"

    def stages():
        return dash_duo.driver.execute_script(
            "return [...document.querySelectorAll('#drug-table tbody tr')]"
            ".map(r => r.querySelector('.col-stage').textContent);")
    stage = dash_duo.find_element("#drug-table th.col-stage .sort-button")
    stage.click()                                                      # sort by stage, ascending
    ranks = [views.table.STAGES.index(s) for s in stages()]
    assert ranks == sorted(ranks) and len(set(ranks)) > 2              # by development, not by the words
    assert dash_duo.find_element("#drug-table th.col-stage").get_attribute("aria-sort") == "ascending"
    stage.click()                                                      # again: descending
    ranks = [views.table.STAGES.index(s) for s in stages()]
    assert ranks == sorted(ranks, reverse=True)
    assert dash_duo.find_element("#drug-table th.col-stage").get_attribute("aria-sort") == "descending"
    dash_duo.find_element("#drug-table th.col-name .sort-button").click()   # any column, by its words
    assert names_shown(dash_duo) == sorted((d.name for d in kb.drugs.values()), key=str.lower)
    assert dash_duo.find_element("#drug-table th.col-stage").get_attribute("aria-sort") == "none"


# -- links hold the whole view ------------------------------------------------------------------

def test_every_view_parameter_survives_the_address_bar(dash_duo, kb, graphs):
    link = ("?hypothesis=disinhibition&drug=ketamine&compare=rapastinel&edge=gaba-%3Egaba-a-receptor-pyramidal"
            "&mechanisms=on&mode=present&step=3")
    open_page(dash_duo, kb, link, graphs["disinhibition"])
    until(lambda: "stepping" in flags(dash_duo), 10)
    page = flags(dash_duo)
    assert "present" in page and "comparing" in page
    dash_duo.wait_for_contains_text("#step-caption", "Step 3 of", timeout=10)
    assert "Rapastinel" in dash_duo.find_element("#compare").text
    assert dash_duo.find_element("#show-mechanisms").get_attribute("aria-checked") == "true"
    assert float(cy(dash_duo, "cy.getElementById('gaba->gaba-a-receptor-pyramidal').style('overlay-opacity')")) > 0
    press(dash_duo, Keys.ARROW_RIGHT)                                  # a change keeps everything else
    until(lambda: query(dash_duo).get("step") == "4", 10)
    assert query(dash_duo) == {"hypothesis": "disinhibition", "drug": "ketamine", "compare": "rapastinel",
                               "edge": "gaba->gaba-a-receptor-pyramidal", "mechanisms": "on",
                               "mode": "present", "step": "4"}
    press(dash_duo, Keys.ESCAPE)                                       # close the arrow's details …
    until(lambda: "edge" not in query(dash_duo), 10)
    assert query(dash_duo)["mode"] == "present"
    until(lambda: "selected" not in flags(dash_duo), 10)               # the overlay gone, as a user sees it
    press(dash_duo, Keys.ESCAPE)                                       # … then leave present mode
    until(lambda: "mode" not in query(dash_duo), 10)
    dash_duo.find_element("#tabs .tab:nth-child(2)").click()
    until(lambda: query(dash_duo).get("tab") == "table", 10)
    dash_duo.driver.refresh()                                          # the tab comes back from the link
    dash_duo.wait_for_element("#drug-table td", timeout=10)
    assert "tab--selected" in dash_duo.find_element("#tabs .tab:nth-child(2)").get_attribute("class")
    dash_duo.driver.execute_script("document.getElementById('copy-link').click()")
    until(lambda: dash_duo.driver.execute_script("return window.__copiedLink") == dash_duo.driver.current_url, 5)
    no_console_errors(dash_duo)


# -- a phone -------------------------------------------------------------------------------------

def test_a_phone_has_no_horizontal_scroll_and_a_readable_chain(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition", graphs["disinhibition"])
    screen(dash_duo, 390, 844, mobile=True)
    for link in ("?hypothesis=integrated&drug=ketamine&compare=rapastinel", "?hypothesis=disinhibition&drug=ketamine",
                 "?tab=table", "?tab=matrix"):
        dash_duo.driver.get(f"{dash_duo.server_url}/{link}")
        time.sleep(1.5)
        width = dash_duo.driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, (link, width)
    dash_duo.driver.get(f"{dash_duo.server_url}/?hypothesis=disinhibition&drug=ketamine")
    graph_drawn(dash_duo, graphs["disinhibition"])
    settled(dash_duo)
    # Labels stay legible (12 CSS px or more): the graph pans inside its box, starting at the route.
    assert cy(dash_duo, "Math.min(...cy.nodes('.entity').map(n => parseFloat(n.style('font-size')))) * cy.zoom()") \
        >= 12 - 0.01
    start = cy(dash_duo, "cy.getElementById('nmdar-interneuron').renderedBoundingBox()")
    assert 0 <= start["x1"] < cy(dash_duo, "cy.width()") and 0 <= start["y1"] < cy(dash_duo, "cy.height()")
    dash_duo.driver.execute_script("document.getElementById('fit').click()")       # Fit: the whole graph
    settled(dash_duo)
    box = cy(dash_duo, "cy.elements().renderedBoundingBox()")
    assert box["x1"] >= 0 and box["x2"] <= cy(dash_duo, "cy.width()") + 1
    chain = dash_duo.find_element(".effect-row .chain")                 # the chain as text, signed
    dash_duo.driver.execute_script("arguments[0].scrollIntoView()", chain)
    assert f"GABA {DOWN}" in chain.text and f"BDNF {UP}" in chain.text
    box = dash_duo.driver.execute_script("return arguments[0].getBoundingClientRect().right", chain)
    assert box <= 390
    size = dash_duo.driver.execute_script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", chain)
    assert size >= 12
    no_console_errors(dash_duo)


def test_the_integrated_view_fits_a_laptop(dash_duo, kb, graphs):
    open_page(dash_duo, kb, "?hypothesis=disinhibition", graphs["disinhibition"])
    screen(dash_duo, 1024, 768)
    go(dash_duo, "?hypothesis=integrated&drug=ketamine", graphs["integrated"])
    assert dash_duo.driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    box = cy(dash_duo, "cy.elements().renderedBoundingBox()")
    assert box["x1"] >= 0 and box["y1"] >= 0
    assert box["x2"] <= cy(dash_duo, "cy.width()") + 1 and box["y2"] <= cy(dash_duo, "cy.height()") + 1
    no_console_errors(dash_duo)


@pytest.mark.parametrize(("chosen", "typed", "expected"), [
    ("ketamine", "rapastinel", "rapastinel"), ("arketamine", "ketamine", "ketamine"),
    ("esketamine", "ESKET", "esketamine"), ("arketamine", "GLYX", "rapastinel"),
])
def test_typing_a_new_drug_name_replaces_the_chosen_one(dash_duo, kb, graphs, chosen, typed, expected):
    open_page(dash_duo, kb, f"?hypothesis=glyx-13&drug={chosen}", graphs["glyx-13"])
    dash_duo.wait_for_contains_text("#drug-name", kb.drugs[chosen].name, timeout=10)
    dash_duo.find_element("#drug").click()
    search = dash_duo.wait_for_element(".dash-dropdown-search")
    search.send_keys(typed)
    time.sleep(0.3)
    search.send_keys(Keys.ENTER)
    time.sleep(1.5)
    assert query(dash_duo).get("drug") == expected, dash_duo.driver.current_url
    dash_duo.wait_for_contains_text("#drug-name", kb.drugs[expected].name, timeout=10)
    no_console_errors(dash_duo)
