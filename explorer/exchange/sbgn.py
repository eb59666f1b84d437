"""SBGN-ML 0.3 Activity Flow (Newt, VANTED, libsbgn), clean under the AF rules of libsbgn."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from ..engine import Explanation, readouts_of
from ..figure import citation_line, layout
from ..model import KnowledgeBase
from ..style import EFFECT_WORDS
from .common import ARC_WORDS, exported

__all__ = ["AF_VERSION", "OVERLAY_NAMESPACE", "SBGN_NAMESPACE", "glyph_class", "to_sbgn"]

SBGN_NAMESPACE = "http://sbgn.org/libsbgn/0.3"
#: The map's language and its version, as SBGN-ML 0.3 names them.
AF_VERSION = "http://identifiers.org/combine.specifications/sbgn.af.level-1.version-1.0"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
#: Our elements in SBGN-ML's ``<extension>`` (the schema lets any element in, unchecked).
OVERLAY_NAMESPACE = "https://moa-explorer.invalid/sbgn/overlay/1"
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


def _moa(tag: str, parent: ET.Element, **attributes) -> ET.Element:
    """One of our elements in an ``<extension>`` (the prefix declared on the outermost)."""
    return ET.SubElement(parent, f"moa:{tag}", {k: str(v) for k, v in attributes.items()})


def _predictions(sbgn_map: ET.Element, notes: ET.Element, overlay: nx.DiGraph, explanation: Explanation,
                 readouts: dict[str, str]) -> None:
    """The drug's predictions on the map: in its notes, in words (what Newt and VANTED show),
    and in its extension, as data: the same values GraphML and ``.cyjs`` carry (the drug,
    whether the panel's scope includes it, each readout's effect and basis, the caveat)."""
    words = "; ".join(f"{name}: {EFFECT_WORDS[effect.effect]['symbol']} {EFFECT_WORDS[effect.effect]['text']}"
                      + (f" ({effect.basis})" if effect.basis else "")
                      for name, effect in explanation.readouts.items())
    caveat = overlay.graph.get("caveat", "")
    notes.text += f" Predicted effect of {explanation.drug.name}: {words}." + (
        f" {caveat[:1].upper()}{caveat[1:]}." if caveat else "")
    extension = _sbgn("extension", sbgn_map)
    # The extension comes after the notes and before the glyphs, as SBGNBase orders them.
    sbgn_map.remove(extension)
    sbgn_map.insert(1, extension)
    drug = _moa("overlay", extension, **{"xmlns:moa": OVERLAY_NAMESPACE, "drug": explanation.drug.id,
                                         "drug_name": explanation.drug.name,
                                         "drug_in_scope": str(overlay.graph["drug_in_scope"]).lower()},
                **({"caveat": caveat} if caveat else {}))
    for name, effect in explanation.readouts.items():
        _moa("prediction", drug, readout=name, glyph=f"glyph-{readouts[name]}", effect=effect.effect,
             **({"basis": effect.basis} if effect.basis else {}))


def _glyph_overlay(glyph: ET.Element, node: str, data: dict, prediction) -> None:
    """A glyph's part in the drug's overlay, in its extension (and a readout's prediction in
    its notes too): ``drug_action``, ``is_target``, ``on_drug_path`` as GraphML has them."""
    if prediction is not None:
        body = _sbgn("body", _sbgn("notes", glyph), xmlns=XHTML_NAMESPACE)
        word = EFFECT_WORDS[prediction.effect]
        body.text = f"Predicted effect: {word['symbol']} {word['text']}" + (
            f" ({prediction.basis})" if prediction.basis else "")
    extension = _sbgn("extension", glyph)
    element = _moa("node", extension, **{"xmlns:moa": OVERLAY_NAMESPACE, "is_target": str(data["is_target"]).lower(),
                                          "on_drug_path": str(data["on_drug_path"]).lower()},
                   **({"drug_action": data["drug_action"]} if data["drug_action"] else {}))
    if prediction is not None:
        _moa("prediction", element, effect=prediction.effect,
             **({"basis": prediction.basis} if prediction.basis else {}))


def to_sbgn(graph: nx.DiGraph, kb: KnowledgeBase, explanation: Explanation | None = None) -> str:
    """SBGN-ML 0.3 Activity Flow of a graph, laid out as in the figures.

    Nodes are ``biological activity`` glyphs (``phenotype`` for outcomes, see
    :func:`glyph_class`), each in its ``compartment`` glyph; edges are ``positive
    influence``, ``negative influence`` or, for ``requires``, ``necessary stimulation``
    arcs. With a drug, it is a ``perturbation`` glyph with an influence arc to each
    target (``unknown influence`` for an unsigned modulator), and its predictions are on
    the map: each readout's effect and basis in the map's and the readout glyph's notes
    (XHTML, in words) and, as data, in SBGN-ML's ``<extension>`` elements (a
    ``moa:overlay`` of ``moa:prediction`` on the map; ``moa:node`` on each glyph with
    ``drug_action``, ``is_target``, ``on_drug_path``), in :data:`OVERLAY_NAMESPACE`.

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
    overlay = exported(graph, explanation) if explanation is not None else None
    readouts = readouts_of(graph)
    # Notes hold XHTML, not bare text (the schema's rule).
    notes = _sbgn("body", _sbgn("notes", sbgn_map), xmlns=XHTML_NAMESPACE)
    notes.text = f"{graph.graph.get('title', '')}. {citation_line()}"
    if overlay is not None:
        _predictions(sbgn_map, notes, overlay, explanation, readouts)
    for order, compartment in enumerate(placed.compartments):
        # Nesting shows in the boxes and the drawing order: compartmentRef is for activities only.
        glyph = _sbgn("glyph", sbgn_map, **{"class": "compartment", "id": f"compartment-{compartment.id}",
                                            "compartmentOrder": order})
        _sbgn("label", glyph, text=compartment.label)
        box = compartment.box
        _bbox(glyph, box.x0 + dx, box.y0 + dy, box.width, box.height)
    readout_names = {node: name for name, node in readouts.items()}
    for node, data in graph.nodes(data=True):
        glyph = _sbgn("glyph", sbgn_map, **{"class": glyph_class(graph, node), "id": f"glyph-{node}",
                                            "compartmentRef": f"compartment-{data['compartment']}"})
        if overlay is not None:
            _glyph_overlay(glyph, node, overlay.nodes[node], explanation.readouts.get(readout_names.get(node, "")))
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
