"""Cytoscape: the ``.cyjs`` read back by networkx, its styles checked against the
vocabularies Cytoscape desktop and Cytoscape.js accept, and the compartments' flattening."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from explorer import explain_drug, readouts_of, resolve_drug
from explorer.exchange import (
    COMPARTMENT_PREFIX,
    cytoscape_style,
    cytoscape_styles_xml,
    to_cytoscape_json,
)
from explorer.figure import citation_line
from explorer.model import INTEGRATED
from explorer.style import EFFECT_WORDS, KIND_STYLE

from .helpers import (
    ALL_VIEWS,
    same_signed_graph,
)


@pytest.mark.parametrize("hypothesis", ["disinhibition", INTEGRATED])
def test_cytoscape_json_round_trip_keeps_layout_and_compartments(tiny, hypothesis):
    kb, graphs = tiny
    graph = graphs[hypothesis]
    data = json.loads(json.dumps(to_cytoscape_json(graph, kb)))   # through real JSON
    back = nx.cytoscape_graph(data)
    compartments = [n for n, kind in back.nodes(data="kind") if kind == "compartment"]
    assert sorted(compartments) == [COMPARTMENT_PREFIX + "cell", COMPARTMENT_PREFIX + "membrane"]
    back.remove_nodes_from(compartments)
    assert nx.is_isomorphic(graph, back, node_match=lambda a, b: a["label"] == b["label"],
                            edge_match=lambda a, b: a["sign"] == b["sign"])
    assert same_signed_graph(graph, back)
    elements = {e["data"]["id"]: e for e in data["elements"]["nodes"]}
    for node, attributes in graph.nodes(data=True):
        assert elements[node]["position"] == {"x": attributes["x"], "y": attributes["y"]}
        assert elements[node]["data"]["parent"] == COMPARTMENT_PREFIX + attributes["compartment"]
        assert elements[node]["data"]["name"] == node
    assert elements[COMPARTMENT_PREFIX + "membrane"]["data"]["parent"] == COMPARTMENT_PREFIX + "cell"
    for edge in data["elements"]["edges"]:
        assert edge["data"]["source"] in graph and edge["data"]["target"] in graph
        assert edge["data"]["interaction"] == edge["data"]["effect"]
    assert data["data"]["citation"] == citation_line()


def test_cytoscape_json_without_kb_is_isomorphic_as_is(tiny):
    _, graphs = tiny
    graph = graphs["disinhibition"]
    back = nx.cytoscape_graph(to_cytoscape_json(graph))
    assert nx.is_isomorphic(graph, back, edge_match=lambda a, b: a["sign"] == b["sign"])


@pytest.mark.parametrize("hypothesis", ALL_VIEWS)
def test_compartments_survive_an_import_that_ignores_parent(kb, graphs, hypothesis):
    """Cytoscape desktop drops ``parent``: what is left must still show every compartment.

    Each member names its compartments, and each compartment node is a box, drawn
    beneath (lower ``z``), whose bounds hold its members' centres and its inner boxes.
    """
    data = to_cytoscape_json(graphs[hypothesis], kb)
    nodes = {e["data"]["id"]: e for e in data["elements"]["nodes"]}
    boxes = {}
    for element in nodes.values():
        d = element["data"]
        if d.get("kind") == "compartment":
            x, y = element["position"]["x"], element["position"]["y"]
            boxes[d["id"]] = (x - d["width"] / 2, y - d["height"] / 2, x + d["width"] / 2, y + d["height"] / 2, d)
    assert boxes
    for node_id, element in nodes.items():
        d = element["data"]
        if d.get("kind") == "compartment":
            continue
        compartment = COMPARTMENT_PREFIX + d["compartment"]
        x0, y0, x1, y1, box = boxes[compartment]
        assert x0 < element["position"]["x"] < x1 and y0 < element["position"]["y"] < y1, node_id
        assert box["z"] < d["z"]
        assert d["compartment_path"].endswith(d["compartment_label"])
        parent = box.get("parent")
        while parent:                                        # and every outer box holds the inner one
            px0, py0, px1, py1, outer = boxes[parent]
            assert px0 <= x0 and py0 <= y0 and x1 <= px1 and y1 <= py1
            assert outer["z"] < box["z"] and outer["label"] in d["compartment_path"]
            x0, y0, x1, y1, box = px0, py0, px1, py1, outer
            parent = outer.get("parent")


# What Cytoscape desktop's vizmap reader accepts (its visual lexicon and value parsers).
DESKTOP_PROPERTIES = {
    "network": {"NETWORK_BACKGROUND_PAINT"},
    "node": {"NODE_LABEL", "NODE_LABEL_FONT_SIZE", "NODE_LABEL_WIDTH", "NODE_WIDTH", "NODE_HEIGHT",
             "NODE_Z_LOCATION", "NODE_SHAPE", "NODE_FILL_COLOR", "NODE_BORDER_STROKE", "NODE_LABEL_POSITION",
             "NODE_BORDER_PAINT", "NODE_BORDER_WIDTH", "NODE_TRANSPARENCY", "NODE_LABEL_TRANSPARENCY",
             "NODE_LABEL_COLOR", "NODE_TOOLTIP"},
    "edge": {"EDGE_WIDTH", "EDGE_STROKE_UNSELECTED_PAINT", "EDGE_TARGET_ARROW_UNSELECTED_PAINT",
             "EDGE_TARGET_ARROW_SHAPE", "EDGE_LINE_TYPE", "EDGE_TRANSPARENCY"},
}
NODE_SHAPES = {"RECTANGLE", "ROUND_RECTANGLE", "TRIANGLE", "PARALLELOGRAM", "DIAMOND", "ELLIPSE", "HEXAGON",
               "OCTAGON", "VEE"}
ARROW_SHAPES = {"NONE", "DIAMOND", "OPEN_DIAMOND", "DELTA", "OPEN_DELTA", "CROSS_DELTA", "CROSS_OPEN_DELTA",
                "ARROW", "T", "CIRCLE", "OPEN_CIRCLE", "HALF_CIRCLE", "OPEN_HALF_CIRCLE", "SQUARE", "OPEN_SQUARE"}
LINE_TYPES = {"SOLID", "LONG_DASH", "EQUAL_DASH", "DASH_DOT", "DOT"}
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
POSITION = re.compile(r"^(N|NE|E|SE|S|SW|W|NW|C),(N|NE|E|SE|S|SW|W|NW|C),[lcr],-?\d+\.\d\d,-?\d+\.\d\d$")


def desktop_value_ok(name: str, value: str) -> bool:
    if name.endswith(("PAINT", "COLOR")):
        return bool(COLOUR.match(value))
    if name == "NODE_SHAPE":
        return value in NODE_SHAPES
    if name.endswith("ARROW_SHAPE"):
        return value in ARROW_SHAPES
    if name in ("EDGE_LINE_TYPE", "NODE_BORDER_STROKE"):
        return value in LINE_TYPES
    if name.endswith("POSITION"):
        return bool(POSITION.match(value))
    if name.endswith("TRANSPARENCY"):
        return 0 <= int(value) <= 255
    if name in ("NODE_LABEL", "NODE_TOOLTIP"):
        return True
    return float(value) > 0 or name == "NODE_Z_LOCATION"


def column_type(values: list) -> str:
    """The Cytoscape column type a ``.cyjs`` import gives these values."""
    kinds = {type(v) for v in values}
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int, float} and bool not in kinds:
        return "float"
    return "string"


def test_desktop_style_uses_cytoscapes_vocabulary_and_the_cyjs_columns(kb, graphs):
    root = ET.fromstring(cytoscape_styles_xml())
    assert root.tag == "vizmap" and root.get("documentVersion") == "3.1"
    [style] = root.findall("visualStyle")
    graph = graphs[INTEGRATED]
    with_drug = to_cytoscape_json(graph, kb, explain_drug(kb, resolve_drug(kb, "ketamine"), graph))
    columns: dict[str, dict[str, list]] = {"node": {}, "edge": {}}
    for group, key in (("node", "nodes"), ("edge", "edges")):
        for element in with_drug["elements"][key]:
            for column, value in element["data"].items():
                columns[group].setdefault(column, []).append(value)
    mapped = set()
    for group in ("network", "node", "edge"):
        [section] = style.findall(group)
        for prop in section.findall("visualProperty"):
            name = prop.get("name")
            assert name in DESKTOP_PROPERTIES[group], name
            assert desktop_value_ok(name, prop.get("default")), (name, prop.get("default"))
            for mapping in prop:
                column = mapping.get("attributeName")
                assert column in columns[group], (name, column)
                assert mapping.get("attributeType") == column_type(columns[group][column]), (name, column)
                mapped.add(column)
                for entry in mapping.findall("discreteMappingEntry"):
                    assert desktop_value_ok(name, entry.get("value")), (name, entry.get("value"))
                    known = VOCABULARY.get(column, {"true", "false"})
                    assert entry.get("attributeValue") in known, (name, entry.attrib)
    assert {"label", "kind", "effect", "width", "height", "z", "is_target", "dimmed", "predicted_effect",
            "prediction_label"} <= mapped
    arrows = {e.get("attributeValue"): e.get("value")
              for p in style.iter("visualProperty") if p.get("name") == "EDGE_TARGET_ARROW_SHAPE"
              for e in p.iter("discreteMappingEntry")}
    assert arrows == {"activates": "DELTA", "inhibits": "T", "requires": "CROSS_OPEN_DELTA"}


# Cytoscape.js style properties and values this stylesheet may use (from its documentation).
CYJS_PROPERTIES = {
    "label", "text-wrap", "text-max-width", "text-valign", "text-halign", "font-size", "font-weight", "color",
    "border-width", "border-color", "border-style", "background-color", "width", "height", "shape", "padding",
    "curve-style", "arrow-scale", "line-color", "line-style", "target-arrow-color", "target-arrow-shape",
    "opacity",
}
CYJS_NODE_SHAPES = {"ellipse", "triangle", "round-triangle", "rectangle", "round-rectangle", "bottom-round-rectangle",
                    "cut-rectangle", "barrel", "rhomboid", "diamond", "round-diamond", "pentagon", "round-pentagon",
                    "hexagon", "round-hexagon", "concave-hexagon", "heptagon", "round-heptagon", "octagon",
                    "round-octagon", "star", "tag", "round-tag", "vee"}
CYJS_ARROWS = {"triangle", "triangle-tee", "circle-triangle", "triangle-cross", "triangle-backcurve", "vee", "tee",
               "square", "circle", "diamond", "chevron", "none"}
VOCABULARY = {"kind": {*KIND_STYLE, "compartment"}, "effect": {"activates", "inhibits", "requires"},
              "predicted_effect": set(EFFECT_WORDS)}
SELECTOR = re.compile(r'^(node|edge)(\[(\?|!)?([a-z_]+)( = "([a-z-]+)")?\])?$')


def test_cytoscape_js_style_selects_the_cyjs_data(kb, graphs):
    sheet = json.loads(json.dumps(cytoscape_style()))
    graph = graphs[INTEGRATED]
    data = to_cytoscape_json(graph, kb, explain_drug(kb, resolve_drug(kb, "ketamine"), graph))
    values: dict[str, set] = {}
    for group in ("nodes", "edges"):
        for element in data["elements"][group]:
            for key, value in element["data"].items():
                values.setdefault(key, set()).add(value if isinstance(value, (str, bool, int, float)) else None)
    for rule in sheet:
        assert set(rule) == {"selector", "style"}
        for selector in rule["selector"].split(", "):
            match = SELECTOR.match(selector)
            assert match, selector
            field, wanted = match.group(4), match.group(6)
            if field:
                assert field in values, selector
            if wanted:
                assert wanted in VOCABULARY[field], selector
        for prop, value in rule["style"].items():
            assert prop in CYJS_PROPERTIES, prop
            if isinstance(value, str) and value.startswith("data("):
                assert value[5:-1] in values, value
            if prop == "shape":
                assert value in CYJS_NODE_SHAPES
            if prop == "target-arrow-shape":
                assert value in CYJS_ARROWS
    arrows = {r["selector"]: r["style"]["target-arrow-shape"] for r in sheet if "target-arrow-shape" in r["style"]}
    assert arrows == {'edge[effect = "activates"]': "triangle", 'edge[effect = "inhibits"]': "tee",
                      'edge[effect = "requires"]': "triangle-tee"}



@pytest.mark.parametrize("drug", ["ketamine", "rapastinel"])
def test_readouts_carry_their_predicted_effect_and_the_styles_show_it(kb, graphs, drug):
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, drug), graph)
    nodes = {e["data"]["id"]: e["data"] for e in to_cytoscape_json(graph, kb, explanation)["elements"]["nodes"]}
    readouts = {node: name for name, node in readouts_of(graph).items()}
    for node, data in nodes.items():
        if node not in readouts:
            assert "predicted_effect" not in data and "prediction_label" not in data
            continue
        effect = explanation.readouts[readouts[node]]
        assert data["predicted_effect"] == effect.effect and data.get("predicted_basis") == (effect.basis or None)
        assert data["prediction_caveat"] == (effect.basis not in ("", "stated"))
        assert data["prediction_label"].startswith(data["label"] + "\n" + EFFECT_WORDS[effect.effect]["symbol"])
    rules = {r["selector"]: r["style"] for r in cytoscape_style()}
    for effect, word in EFFECT_WORDS.items():
        assert rules[f'node[predicted_effect = "{effect}"]']["border-color"] == word["colour"]
    assert rules["node[?prediction_caveat]"] == {"border-style": "dashed"}
    desktop = ET.fromstring(cytoscape_styles_xml())
    colours = {e.get("attributeValue"): e.get("value") for p in desktop.iter("visualProperty")
               if p.get("name") == "NODE_LABEL_COLOR" for e in p.iter("discreteMappingEntry")}
    assert colours == {effect: word["colour"] for effect, word in EFFECT_WORDS.items()}
    # Without a drug, no readout carries a prediction.
    plain = to_cytoscape_json(graph, kb)["elements"]["nodes"]
    assert not any("predicted_effect" in e["data"] for e in plain)
