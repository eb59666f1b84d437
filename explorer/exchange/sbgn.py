"""SBGN-ML 0.3 Activity Flow (Newt, VANTED, libsbgn), clean under the AF rules of libsbgn."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from ..engine import Explanation
from ..figure import citation_line, layout
from ..model import KnowledgeBase
from .common import ARC_WORDS

__all__ = ["AF_VERSION", "SBGN_NAMESPACE", "glyph_class", "to_sbgn"]

SBGN_NAMESPACE = "http://sbgn.org/libsbgn/0.3"
#: The map's language and its version, as SBGN-ML 0.3 names them.
AF_VERSION = "http://identifiers.org/combine.specifications/sbgn.af.level-1.version-1.0"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
_SIGN_WORDS = {1: "positive influence", -1: "negative influence", 0: "necessary stimulation"}


def _sbgn(tag: str, parent: ET.Element | None = None, **attributes) -> ET.Element:
    """An element in the SBGN namespace (declared once on the root, as the default)."""
    attributes = {k: str(v) for k, v in attributes.items()}
    return ET.Element(tag, attributes) if parent is None else ET.SubElement(parent, tag, attributes)


def _bbox(parent: ET.Element, x: float, y: float, width: float, height: float) -> None:
    _sbgn("bbox", parent, x=round(x, 1), y=round(y, 1), w=round(width, 1), h=round(height, 1))


def glyph_class(graph: nx.DiGraph, node: str) -> str:
    """``phenotype`` for a process that nothing starts from (an outcome, e.g. protein
    synthesis); ``biological activity`` otherwise.

    AF lets influence arcs start only at activities, perturbations and logic gates
    (rule af10101), so a process that drives another node, such as interneuron
    activity, is an activity, not a phenotype.
    """
    if graph.nodes[node].get("kind") == "process" and graph.out_degree(node) == 0:
        return "phenotype"
    return "biological activity"


def _arc_class(data: dict) -> str:
    return ARC_WORDS.get(data.get("effect"), _SIGN_WORDS[data["sign"]])


def to_sbgn(graph: nx.DiGraph, kb: KnowledgeBase, explanation: Explanation | None = None) -> str:
    """SBGN-ML 0.3 Activity Flow of a graph, laid out as in the figures.

    Nodes are ``biological activity`` glyphs (``phenotype`` for outcomes, see
    :func:`glyph_class`), each in its ``compartment`` glyph; edges are ``positive
    influence``, ``negative influence`` or, for ``requires``, ``necessary stimulation``
    arcs. With a drug, it is a ``perturbation`` glyph with an influence arc to each
    target (``unknown influence`` for an unsigned modulator).

    Returns
    -------
    The SBGN-ML document (namespace ``http://sbgn.org/libsbgn/0.3``, ``version`` AF L1V1.0);
    libsbgnpy reads it and finds it valid against its schema and the AF rules.
    """
    placed = layout(kb, graph)
    bounds = placed.bounds
    top = 60.0 if explanation is not None and explanation.targets else 0.0  # room for the drug
    dx, dy = 20 - bounds.x0, 20 + top - bounds.y0   # SBGN editors prefer positive coordinates

    # ElementTree's default_namespace refuses plain attribute names; declaring it by hand
    # gives the same document.
    root = _sbgn("sbgn", xmlns=SBGN_NAMESPACE)
    map_id = f"map-{graph.graph.get('id', 'graph')}"
    sbgn_map = _sbgn("map", root, id=map_id, version=AF_VERSION, language="activity flow")
    # Notes hold XHTML, not bare text (the schema's rule).
    notes = _sbgn("body", _sbgn("notes", sbgn_map), xmlns=XHTML_NAMESPACE)
    notes.text = f"{graph.graph.get('title', '')}. {citation_line()}"
    for order, compartment in enumerate(placed.compartments):
        # Nesting shows in the boxes and the drawing order: compartmentRef is for activities only.
        glyph = _sbgn("glyph", sbgn_map, **{"class": "compartment", "id": f"compartment-{compartment.id}",
                                            "compartmentOrder": order})
        _sbgn("label", glyph, text=compartment.label)
        box = compartment.box
        _bbox(glyph, box.x0 + dx, box.y0 + dy, box.width, box.height)
    for node, data in graph.nodes(data=True):
        glyph = _sbgn("glyph", sbgn_map, **{"class": glyph_class(graph, node), "id": f"glyph-{node}",
                                            "compartmentRef": f"compartment-{data['compartment']}"})
        _sbgn("label", glyph, text=data["label"])
        box = placed.nodes[node].box
        _bbox(glyph, box.x0 + dx, box.y0 + dy, box.width, box.height)
    arcs = []
    for u, v, data in graph.edges(data=True):
        arcs.append((_arc_class(data), f"glyph-{u}", f"glyph-{v}", placed.edges[u, v]))
    if explanation is not None and explanation.targets:
        targets = [placed.nodes[t] for t in explanation.targets]
        x = sum(t.x for t in targets) / len(targets)
        y = bounds.y0 - top / 2 - 10
        glyph = _sbgn("glyph", sbgn_map, **{"class": "perturbation", "id": "glyph-drug"})
        _sbgn("label", glyph, text=explanation.drug.name)
        _bbox(glyph, x - 60 + dx, y - 15 + dy, 120, 30)
        for target in targets:
            signs = {s for a in explanation.targets[target.id] for s in a.signs}
            arc_class = _SIGN_WORDS[signs.pop()] if len(signs) == 1 else "unknown influence"
            end = target.border_point((target.x, target.y), (x, y))
            arcs.append((arc_class, "glyph-drug", f"glyph-{target.id}", (x, y + 15, *end)))
    for i, (arc_class, source, target, (x1, y1, x2, y2)) in enumerate(arcs, 1):
        arc = _sbgn("arc", sbgn_map, **{"class": arc_class, "id": f"arc-{i}", "source": source,
                                        "target": target})
        _sbgn("start", arc, x=round(x1 + dx, 1), y=round(y1 + dy, 1))
        _sbgn("end", arc, x=round(x2 + dx, 1), y=round(y2 + dy, 1))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
