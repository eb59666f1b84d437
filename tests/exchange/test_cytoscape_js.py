"""Cytoscape.js itself reads the ``.cyjs`` and its stylesheet, in headless Chromium.

The Cytoscape.js that dash-cytoscape bundles draws the exported elements with
:func:`~explorer.exchange.cytoscape_style`: every element is drawn, every rule is
accepted (Cytoscape.js warns on the console about a property or value it rejects),
and the styles land where they should.
"""

from __future__ import annotations

import json
import os

import dash_cytoscape
import pytest
from dash import Dash, html
from dash.testing.wait import until

from explorer import explain_drug, resolve_drug
from explorer.exchange import COMPARTMENT_PREFIX, cytoscape_style, to_cytoscape_json
from explorer.model import INTEGRATED
from explorer.style import EFFECT_STYLE, EFFECT_WORDS, HIGHLIGHT

from ..browserkit import KNOWN_WARNINGS, RECORD_WARNINGS, cy_script

pytestmark = [
    pytest.mark.browser,
    # selenium 4.2 calls a urllib3 2.x method that warns; nothing of ours.
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

CY = cy_script("cyjs")


def test_cytoscape_js_draws_the_cyjs_with_its_style(dash_duo, kb, graphs):
    graph = graphs[INTEGRATED]
    explanation = explain_drug(kb, resolve_drug(kb, "ketamine"), graph)
    document = json.loads(json.dumps(to_cytoscape_json(graph, kb, explanation)))   # as read from the file
    elements = document["elements"]["nodes"] + document["elements"]["edges"]
    style = json.loads(json.dumps(cytoscape_style()))
    app = Dash(__name__)
    app.layout = html.Div([dash_cytoscape.Cytoscape(
        id="cyjs", elements=elements, stylesheet=style, layout={"name": "preset"},
        style={"width": "1200px", "height": "700px"})])
    dash_duo.start_server(app, port=int(os.environ.get("MOA_TEST_PORT", "8050")))
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_WARNINGS})
    dash_duo.wait_for_page(url=dash_duo.server_url)

    def cy(expression: str):
        return dash_duo.driver.execute_script(CY + f"return {expression};")

    until(lambda: cy("cy !== null && cy.nodes().length"), timeout=10)
    compartments = [e for e in document["elements"]["nodes"] if e["data"].get("kind") == "compartment"]
    assert cy("cy.nodes().length") == graph.number_of_nodes() + len(compartments)
    assert cy("cy.edges().length") == graph.number_of_edges()
    assert cy("cy.nodes(':parent').length") == len(compartments)      # compartments are compound nodes
    assert cy("cy.getElementById('nmdar-interneuron').parent().id()") == COMPARTMENT_PREFIX + "interneuron"
    # the curated positions are kept (the preset layout)
    node = document["elements"]["nodes"][-1]
    assert cy(f"cy.getElementById('{node['data']['id']}').position()") == pytest.approx(node["position"])
    # each rule lands: shapes by kind, arrows by effect, the drug's targets and its faded rest
    assert cy("cy.getElementById('nmdar-interneuron').style('shape')") == "round-rectangle"
    assert cy("cy.getElementById('nmdar-interneuron').style('border-width')") == "4px"
    for effect, effect_style in EFFECT_STYLE.items():
        shapes = cy(f"cy.edges('[effect = \"{effect}\"]').map(e => e.style('target-arrow-shape'))")
        assert shapes and set(shapes) == {effect_style["arrow"]}, effect
    assert set(cy("cy.edges('[effect = \"requires\"]').map(e => e.style('line-style'))")) == {"dashed"}
    faded = cy("cy.elements('[?dimmed]').map(e => e.style('opacity'))")
    assert faded and {float(o) for o in faded} == {HIGHLIGHT["dim_opacity"]}
    assert cy("cy.elements('[!dimmed]').filter(e => e.style('opacity') != 1).length") == 0
    # a readout rises: outlined in the effect's colour, the effect in words under its label
    up = EFFECT_WORDS[explanation.readouts["BDNF"].effect]
    red, green, blue = (int(up["colour"][i:i + 2], 16) for i in (1, 3, 5))
    assert cy("cy.getElementById('bdnf').style('border-color')") == f"rgb({red},{green},{blue})"
    assert up["symbol"] in cy("cy.getElementById('bdnf').style('label')")
    assert dash_duo.get_logs() == []
    warnings = dash_duo.driver.execute_script("return window.__warnings || []")
    assert [w for w in warnings if not any(k in w for k in KNOWN_WARNINGS)] == []
