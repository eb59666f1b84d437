"""Cytoscape: the graph as ``.cyjs`` and its styles for Cytoscape desktop and Cytoscape.js.

Cytoscape.js draws compartments as compound nodes (``parent``). Cytoscape desktop
ignores ``parent`` when it imports a ``.cyjs``, so the file also carries a flattening
that survives the import:

* every node names its compartment (``compartment``, ``compartment_label``) and the
  nesting from the outside in (``compartment_path``, e.g. ``"Pyramidal neuron > Postsynaptic
  density"``), so a table filter or a group-by finds the members;
* each compartment is also an ordinary node (``kind = "compartment"``) placed at the
  centre of its box with the box's ``width`` and ``height`` and a low ``z``; the desktop
  style (:func:`cytoscape_styles_xml`) draws it as a dashed box behind its members, as in
  the figures.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from ..engine import Explanation, readouts_of
from ..figure import layout
from ..model import KnowledgeBase
from ..style import EFFECT_STYLE, EFFECT_WORDS, HIGHLIGHT, KIND_STYLE
from .common import exported, jsonable

__all__ = [
    "COMPARTMENT_PREFIX", "DESKTOP_ARROWS", "DESKTOP_SHAPES", "STYLE_NAME", "cytoscape_style",
    "cytoscape_styles_xml", "to_cytoscape_json",
]

#: Compartment nodes get this prefix, so they never clash with node ids.
COMPARTMENT_PREFIX = "compartment:"
STYLE_NAME = "MoA Explorer"
#: Cytoscape.js shape names → Cytoscape desktop's (which has no barrel or tag).
DESKTOP_SHAPES = {"round-rectangle": "ROUND_RECTANGLE", "ellipse": "ELLIPSE", "diamond": "DIAMOND",
                  "hexagon": "HEXAGON", "barrel": "ROUND_RECTANGLE", "octagon": "OCTAGON",
                  "tag": "PARALLELOGRAM", "rectangle": "RECTANGLE"}
#: Edge effect → Cytoscape desktop arrow (CROSS_OPEN_DELTA is SBGN's necessary stimulation).
DESKTOP_ARROWS = {"activates": "DELTA", "inhibits": "T", "requires": "CROSS_OPEN_DELTA"}
_COMPARTMENT_FILL = "#F4F6F8"
_COMPARTMENT_BORDER = "#9AA5B1"
_DIM_OPACITY = HIGHLIGHT["dim_opacity"]


def _effect_colours() -> dict[str, str]:
    return {effect: style["colour"] for effect, style in EFFECT_STYLE.items()}


def to_cytoscape_json(graph: nx.DiGraph, kb: KnowledgeBase | None = None,
                      explanation: Explanation | None = None) -> dict:
    """Cytoscape.js JSON (``.cyjs``) with the curated layout.

    Every node has a ``position`` and a unique ``name`` (its id). With ``kb``, each
    compartment is a compound node (``kind: "compartment"``, id ``compartment:<id>``)
    that every member names as ``parent``, plus the flattening for Cytoscape desktop
    described in the module's docstring, and every node gets its drawn ``width``,
    ``height`` and ``z``. ``networkx.cytoscape_graph`` reads it back (compartments
    become extra nodes). With a drug, elements off its path carry ``dimmed: true``.

    Returns
    -------
    A JSON-ready dict: ``{"data": {...}, "directed": true, "elements": {...}}``.
    """
    out = exported(graph, explanation)
    if explanation is not None:
        for _, data in out.nodes(data=True):
            data["dimmed"] = not data["on_drug_path"]
        for _, _, data in out.edges(data=True):
            data["dimmed"] = not data["on_drug_path"]
    if explanation is not None:
        _predictions(out, graph, explanation)
    placed = layout(kb, graph) if kb is not None else None
    data = nx.cytoscape_data(out)
    # An object, as Cytoscape desktop expects (networkx gives pairs; it reads both back).
    data["data"] = {k: jsonable(v) for k, v in data["data"]}
    data["data"]["name"] = graph.graph.get("title", graph.graph.get("id", ""))
    for element in data["elements"]["nodes"]:
        node = element["data"]["value"]
        element["data"] = jsonable(element["data"])
        element["position"] = {"x": graph.nodes[node]["x"], "y": graph.nodes[node]["y"]}
        if kb is not None and placed is not None:
            compartment = graph.nodes[node]["compartment"]
            box = placed.nodes[node]
            element["data"].update(
                parent=COMPARTMENT_PREFIX + compartment,
                compartment_path=" > ".join(_label(kb, c) for c in reversed(kb.compartment_lineage(compartment))),
                width=round(box.width, 1), height=round(box.height, 1), z=100.0)
    for element in data["elements"]["edges"]:
        element["data"] = jsonable(element["data"])
        edge = element["data"]
        edge["interaction"] = edge["effect"]
        edge["name"] = f"{edge['source']} ({edge['effect']}) {edge['target']}"  # as Cytoscape names edges
    if kb is not None and placed is not None:
        boxes = {c.id: c for c in placed.compartments}
        compartments = dict.fromkeys(
            c for _, compartment in graph.nodes(data="compartment") for c in kb.compartment_lineage(compartment))
        for compartment in compartments:
            found = kb.compartments.get(compartment)
            label = _label(kb, compartment)
            element_data = {"id": COMPARTMENT_PREFIX + compartment, "value": COMPARTMENT_PREFIX + compartment,
                            "name": COMPARTMENT_PREFIX + compartment, "label": label, "kind": "compartment",
                            "compartment": compartment, "compartment_label": label,
                            "compartment_path": " > ".join(
                                _label(kb, c) for c in reversed(kb.compartment_lineage(compartment)))}
            if found and found.parent:
                element_data["parent"] = COMPARTMENT_PREFIX + found.parent
            element = {"data": element_data}
            placed_box = boxes.get(compartment)
            if placed_box is not None:
                box = placed_box.box
                element_data.update(width=round(box.width, 1), height=round(box.height, 1),
                                    z=float(placed_box.depth))
                element["position"] = {"x": round((box.x0 + box.x1) / 2, 1), "y": round((box.y0 + box.y1) / 2, 1)}
            data["elements"]["nodes"].insert(0, element)
    return data


def _predictions(out: nx.DiGraph, graph: nx.DiGraph, explanation: Explanation) -> None:
    """Each readout node's prediction as node data the styles select on: ``predicted_effect``
    (up, down, mixed, none), ``predicted_basis``, ``prediction_caveat`` (the basis is not
    the review's own account) and ``prediction_label`` (its label with the effect in words)."""
    for name, node in readouts_of(graph).items():
        effect = explanation.readouts.get(name)
        if effect is None:
            continue
        word = EFFECT_WORDS[effect.effect]
        data = out.nodes[node]
        data["predicted_effect"] = effect.effect
        if effect.basis:
            data["predicted_basis"] = effect.basis
        data["prediction_caveat"] = bool(effect.basis) and effect.basis != "stated"
        data["prediction_label"] = (f"{graph.nodes[node]['label']}\n{word['symbol']} {word['text']}"
                                    + (f" ({effect.basis})" if effect.basis else ""))


def _label(kb: KnowledgeBase, compartment: str) -> str:
    found = kb.compartments.get(compartment)
    return found.label if found else compartment


def cytoscape_style() -> list[dict]:
    """The Cytoscape.js stylesheet for a ``.cyjs`` of :func:`to_cytoscape_json`.

    A list of ``{"selector", "style"}`` rules, as ``cytoscape({style: …})`` takes it:
    shapes and fills by kind, compartments as dashed boxes, arrows for activation, tee
    bars for inhibition, a dashed barred arrow for ``requires``; with a drug, targets outlined,
    elements off its path faded, and each readout outlined in its predicted effect's colour
    with the effect in words under its label (dashed when it is not the review's account).
    """
    sheet: list[dict] = [
        {"selector": "node", "style": {
            "label": "data(label)", "text-wrap": "wrap", "text-max-width": "140px", "text-valign": "center",
            "text-halign": "center", "font-size": 13, "color": "#1a1a1a", "border-width": 1.5,
            "border-color": "#4d4d4d", "background-color": "#FFFFFF"}},
        {"selector": "node[width]", "style": {"width": "data(width)", "height": "data(height)"}},
    ]
    for kind, style in KIND_STYLE.items():
        sheet.append({"selector": f'node[kind = "{kind}"]',
                      "style": {"shape": style["shape"], "background-color": style["fill"]}})
    sheet += [
        {"selector": 'node[kind = "compartment"]', "style": {
            "shape": "round-rectangle", "background-color": _COMPARTMENT_FILL, "border-style": "dashed",
            "border-color": _COMPARTMENT_BORDER, "padding": "22px", "text-valign": "top",
            "font-weight": "bold", "color": "#3E4C59"}},
        {"selector": "edge", "style": {"curve-style": "bezier", "width": 2.2, "arrow-scale": 1.3}},
    ]
    for effect, effect_style in EFFECT_STYLE.items():
        colour = effect_style["colour"]
        style = {"line-color": colour, "target-arrow-color": colour, "target-arrow-shape": effect_style["arrow"]}
        if effect_style.get("dashed"):
            style["line-style"] = "dashed"
        sheet.append({"selector": f'edge[effect = "{effect}"]', "style": style})
    # With a drug, a readout rises or falls: its outline in the effect's colour, the effect in
    # words under its label, dashed where the prediction is not the review's own account.
    for effect, word in EFFECT_WORDS.items():
        sheet.append({"selector": f'node[predicted_effect = "{effect}"]',
                      "style": {"border-width": 4, "border-color": word["colour"]}})
    sheet += [
        {"selector": "node[prediction_label]", "style": {"label": "data(prediction_label)"}},
        {"selector": "node[?prediction_caveat]", "style": {"border-style": "dashed"}},
        {"selector": "node[?is_target]", "style": {"border-width": 4, "border-color": HIGHLIGHT["target"]}},
        {"selector": "node[?dimmed], edge[?dimmed]", "style": {"opacity": _DIM_OPACITY}},
    ]
    return sheet


def _property(parent: ET.Element, name: str, default: str) -> ET.Element:
    return ET.SubElement(parent, "visualProperty", name=name, default=default)


def _discrete(prop: ET.Element, attribute: str, attribute_type: str, entries: dict[str, str]) -> None:
    mapping = ET.SubElement(prop, "discreteMapping", attributeName=attribute, attributeType=attribute_type)
    for key, value in entries.items():
        ET.SubElement(mapping, "discreteMappingEntry", attributeValue=key, value=value)


def _passthrough(prop: ET.Element, attribute: str, attribute_type: str) -> None:
    ET.SubElement(prop, "passthroughMapping", attributeName=attribute, attributeType=attribute_type)


def cytoscape_styles_xml() -> str:
    """The same style for Cytoscape desktop (File > Import > Styles from File), as a
    ``styles.xml`` (vizmap, document version 3.1) holding one style, ``MoA Explorer``.

    It maps the ``.cyjs`` columns: ``label``, ``kind`` (shape, fill), ``width``, ``height``
    and ``z`` (so compartment nodes are boxes behind their members), ``effect`` (arrow and
    colour of edges) and, with a drug, ``is_target``, ``dimmed`` and a readout's
    ``predicted_effect`` (its label's colour) and ``prediction_label`` (its tooltip).
    """
    vizmap = ET.Element("vizmap", id="VizMap-moa-explorer", documentVersion="3.1")
    style = ET.SubElement(vizmap, "visualStyle", name=STYLE_NAME)
    network = ET.SubElement(style, "network")
    _property(network, "NETWORK_BACKGROUND_PAINT", "#FFFFFF")

    node = ET.SubElement(style, "node")
    ET.SubElement(node, "dependency", name="nodeSizeLocked", value="false")
    _passthrough(_property(node, "NODE_LABEL", ""), "label", "string")
    _property(node, "NODE_LABEL_FONT_SIZE", "13")
    _property(node, "NODE_LABEL_WIDTH", "140.0")
    _passthrough(_property(node, "NODE_WIDTH", "80.0"), "width", "float")
    _passthrough(_property(node, "NODE_HEIGHT", "32.0"), "height", "float")
    _passthrough(_property(node, "NODE_Z_LOCATION", "100.0"), "z", "float")
    kinds = {**{k: DESKTOP_SHAPES[v["shape"]] for k, v in KIND_STYLE.items()}, "compartment": "ROUND_RECTANGLE"}
    _discrete(_property(node, "NODE_SHAPE", "ROUND_RECTANGLE"), "kind", "string", kinds)
    fills = {**{k: v["fill"] for k, v in KIND_STYLE.items()}, "compartment": _COMPARTMENT_FILL}
    _discrete(_property(node, "NODE_FILL_COLOR", "#FFFFFF"), "kind", "string", fills)
    _discrete(_property(node, "NODE_BORDER_STROKE", "SOLID"), "kind", "string", {"compartment": "EQUAL_DASH"})
    _discrete(_property(node, "NODE_LABEL_POSITION", "C,C,c,0.00,0.00"), "kind", "string",
              {"compartment": "N,N,c,0.00,4.00"})
    border = _property(node, "NODE_BORDER_PAINT", "#4D4D4D")
    _discrete(border, "is_target", "boolean", {"true": HIGHLIGHT["target"]})
    _discrete(_property(node, "NODE_BORDER_WIDTH", "1.5"), "is_target", "boolean", {"true": "4.0"})
    # A readout's predicted effect: its label in the effect's colour, the words as its tooltip.
    _discrete(_property(node, "NODE_LABEL_COLOR", "#1A1A1A"), "predicted_effect", "string",
              {effect: word["colour"] for effect, word in EFFECT_WORDS.items()})
    _passthrough(_property(node, "NODE_TOOLTIP", ""), "prediction_label", "string")
    faded = str(round(255 * _DIM_OPACITY))
    _discrete(_property(node, "NODE_TRANSPARENCY", "255"), "dimmed", "boolean", {"true": faded})
    _discrete(_property(node, "NODE_LABEL_TRANSPARENCY", "255"), "dimmed", "boolean", {"true": faded})

    edge = ET.SubElement(style, "edge")
    ET.SubElement(edge, "dependency", name="arrowColorMatchesEdge", value="true")
    _property(edge, "EDGE_WIDTH", "2.2")
    colours = _effect_colours()
    _discrete(_property(edge, "EDGE_STROKE_UNSELECTED_PAINT", "#4D4D4D"), "effect", "string", colours)
    _discrete(_property(edge, "EDGE_TARGET_ARROW_UNSELECTED_PAINT", "#4D4D4D"), "effect", "string", colours)
    _discrete(_property(edge, "EDGE_TARGET_ARROW_SHAPE", "DELTA"), "effect", "string", DESKTOP_ARROWS)
    _discrete(_property(edge, "EDGE_LINE_TYPE", "SOLID"), "effect", "string",
              {effect: "EQUAL_DASH" for effect, style in EFFECT_STYLE.items() if style.get("dashed")})
    _discrete(_property(edge, "EDGE_TRANSPARENCY", "255"), "dimmed", "boolean", {"true": faded})
    ET.indent(vizmap)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            + ET.tostring(vizmap, encoding="unicode") + "\n")
