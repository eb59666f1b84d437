"""The graph on screen (``explorer.views.graph``): elements, stylesheet, overlay, legend."""

from __future__ import annotations

import re

import pytest

from explorer import views
from explorer.style import KIND_STYLE
from explorer.views import View

from .viewkit import overlay, text

# -- the graph ----------------------------------------------------------------------

def test_elements_place_every_node_where_the_curator_put_it(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    elements = views.graph_elements(kb, graph)
    nodes = {e["data"]["id"]: e for e in elements if "source" not in e["data"]}
    for node, data in graph.nodes(data=True):
        assert nodes[node]["position"] == {"x": data["x"], "y": data["y"]}
    ids = [e["data"]["id"] for e in elements]
    assert len(ids) == len(set(ids))


def test_compartments_are_compound_nodes_nested_by_parent(tiny):
    kb, graphs = tiny
    elements = {e["data"]["id"]: e for e in views.graph_elements(kb, graphs["disinhibition"])}
    assert elements["r"]["data"]["parent"] == "compartment:membrane"
    assert elements["compartment:membrane"]["data"]["parent"] == "compartment:cell"
    assert "parent" not in elements["compartment:cell"]["data"]
    assert "position" not in elements["compartment:cell"]  # Cytoscape sizes it around its children


def test_edges_carry_their_effect_as_a_class(tiny):
    kb, graphs = tiny
    edges = {e["data"]["id"]: e for e in views.graph_elements(kb, graphs["disinhibition"]) if "source" in e["data"]}
    assert edges["r->k"]["classes"] == "activates" and edges["k->b"]["classes"] == "inhibits"


def test_stylesheet_draws_kinds_and_arrow_heads():
    sheet = {rule["selector"]: rule["style"] for rule in views.base_stylesheet()}
    assert sheet["edge.activates"]["target-arrow-shape"] == "triangle"
    assert sheet["edge.inhibits"]["target-arrow-shape"] == "tee"
    for kind, style in KIND_STYLE.items():
        assert sheet[f".kind-{kind}"]["shape"] == style["shape"]


@pytest.mark.parametrize("label", ["BDNF", "GABAergic interneuron activity", "Protein synthesis (mTORC1)"])
def test_node_boxes_fit_their_labels(label):
    wrapped, width, height = views.node_box(label, "receptor")
    lines = wrapped.split("\n")
    assert width >= views.CHAR_WIDTH * max(map(len, lines)) and height >= 18 * len(lines)


def test_overlay_outlines_targets_with_their_action_and_lights_the_path(tiny):
    sheet = overlay(tiny, View("disinhibition", "blocker"))
    target = next(r for r in sheet if r["selector"] == 'node[id = "r"]')
    assert target["style"]["label"].endswith("[antagonist]")
    lit = next(r for r in sheet if "underlay-color" in r["style"] and r["selector"].startswith("node"))
    assert set(re.findall(r'id = "([^"]+)"', lit["selector"])) == {"r", "k", "b", "m", "s"}
    assert any(r["selector"] == ".entity" and r["style"]["opacity"] < 1 for r in sheet)


def test_overlay_is_empty_without_a_drug_or_selection(tiny):
    assert overlay(tiny, View("disinhibition")) == []


def test_a_drug_with_nothing_drawn_dims_nothing(tiny):
    assert overlay(tiny, View("disinhibition", "elsewhere")) == []


def test_selection_is_marked(tiny):
    assert any(r["selector"] == 'node[id = "k"]' for r in overlay(tiny, View("disinhibition", node="k")))
    assert any(r["selector"] == 'edge[id = "k->b"]' for r in overlay(tiny, View("disinhibition", edge="k->b")))



def test_legend_shows_the_kinds_drawn_and_both_arrows():
    shown = text(views.legend(["receptor", "factor"]))
    assert "Receptor" in shown and "Factor" in shown and "Enzyme" not in shown
    assert "activates" in shown and "inhibits" in shown


