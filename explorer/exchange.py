"""The graphs and the drug table in formats other tools open: pure text generators.

* GraphML (yEd, Gephi, networkx): :func:`to_graphml`;
* Cytoscape.js JSON (Cytoscape desktop, Cytoscape.js): :func:`to_cytoscape_json`,
  with the curated positions and the compartments as compound parents;
* SBGN-ML Activity Flow (SBGN editors such as Newt or VANTED): :func:`to_sbgn`;
* the drug table as CSV: :func:`drugs_csv`.

Nothing here writes files (see :mod:`explorer.export`). Every export carries the
citation of the review and the model's version.

One attribute is renamed on the way out: a node's or edge's ``source`` (where in the
review a claim stands, e.g. ``"Fig. 1 legend"``) becomes ``review_section``, because
``source`` means an edge's first node to Cytoscape and Gephi.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Mapping

import networkx as nx

from .engine import Explanation
from .figure import citation_line, layout
from .model import DRUG_CLASSES, KnowledgeBase

__all__ = [
    "COMPARTMENT_PREFIX", "SBGN_NAMESPACE", "drugs_csv", "flatten", "to_cytoscape_json", "to_graphml",
    "to_sbgn",
]

SBGN_NAMESPACE = "http://sbgn.org/libsbgn/0.2"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
#: Compartment nodes in Cytoscape.js JSON get this prefix, so they never clash with node ids.
COMPARTMENT_PREFIX = "compartment:"
_RENAMED = {"source": "review_section"}


def flatten(value):
    """A value GraphML can hold: lists and tuples joined with ``;``, mappings as ``k=v``."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(str(flatten(v)) for v in value)
    if isinstance(value, Mapping):
        return ";".join(f"{k}={flatten(v)}" for k, v in value.items())
    if value is None:
        return ""
    return value


def _exported(graph: nx.DiGraph, explanation: Explanation | None) -> nx.DiGraph:
    """A copy with ``source`` renamed, provenance in the graph's attributes and,
    with a drug, its overlay: ``drug_action`` on targets and ``on_drug_path`` flags.
    """
    out = nx.DiGraph()
    out.graph.update(graph.graph, citation=citation_line())
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{_RENAMED.get(k, k): v for k, v in data.items()})
    for u, v, data in graph.edges(data=True):
        out.add_edge(u, v, **{_RENAMED.get(k, k): v for k, v in data.items()})
    if explanation is not None:
        out.graph["drug"] = explanation.drug.id
        out.graph["drug_name"] = explanation.drug.name
        for node, data in out.nodes(data=True):
            actions = explanation.targets.get(node, ())
            data["drug_action"] = ", ".join(dict.fromkeys(a.action for a in actions))
            data["on_drug_path"] = node in explanation.highlight.nodes
        for u, v, data in out.edges(data=True):
            data["on_drug_path"] = (u, v) in explanation.highlight.edges
        for name, effect in explanation.readouts.items():
            out.graph[f"effect_on_{name}"] = effect.effect
    return out


def to_graphml(graph: nx.DiGraph, explanation: Explanation | None = None) -> str:
    """GraphML of a graph, list attributes flattened (``refs`` → ``"5;29"``).

    Parameters
    ----------
    graph : one graph of :func:`explorer.engine.build_graphs`.
    explanation : optionally a drug on it; its overlay becomes node and edge attributes.

    Returns
    -------
    The GraphML document; ``networkx.read_graphml`` reads it back.

    Examples
    --------
    >>> g = nx.DiGraph(id="demo", title="Demo", readouts=("b",))
    >>> g.add_edge("a", "b", effect="activates", sign=1, refs=(5, 29))
    >>> back = nx.parse_graphml(to_graphml(g))
    >>> back.edges["a", "b"]["refs"], back.edges["a", "b"]["sign"]
    ('5;29', 1)
    """
    flat = _exported(graph, explanation)
    flat.graph = {k: flatten(v) for k, v in flat.graph.items()}
    for _, data in flat.nodes(data=True):
        data.update({k: flatten(v) for k, v in data.items()})
    for _, _, data in flat.edges(data=True):
        data.update({k: flatten(v) for k, v in data.items()})
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(nx.generate_graphml(flat)) + "\n"


def _jsonable(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def to_cytoscape_json(graph: nx.DiGraph, kb: KnowledgeBase | None = None,
                      explanation: Explanation | None = None) -> dict:
    """Cytoscape.js JSON (``.cyjs``) with the curated layout.

    Every node has a ``position``; with ``kb``, each compartment is a compound node
    (``kind: "compartment"``, id ``compartment:<id>``) and every node names its
    innermost compartment as ``parent``, so the figure's grouping survives.
    ``networkx.cytoscape_graph`` reads it back (compartments become extra nodes).

    Returns
    -------
    A JSON-ready dict: ``{"data": {...}, "directed": true, "elements": {...}}``.
    """
    exported = _exported(graph, explanation)
    data = nx.cytoscape_data(exported)
    # An object, as Cytoscape desktop expects (networkx gives pairs; it reads both back).
    data["data"] = {k: _jsonable(v) for k, v in data["data"]}
    for element in data["elements"]["nodes"]:
        node = element["data"]["value"]
        element["data"] = _jsonable(element["data"])
        element["position"] = {"x": graph.nodes[node]["x"], "y": graph.nodes[node]["y"]}
        if kb is not None:
            element["data"]["parent"] = COMPARTMENT_PREFIX + graph.nodes[node]["compartment"]
    for element in data["elements"]["edges"]:
        element["data"] = _jsonable(element["data"])
        element["data"]["interaction"] = element["data"]["effect"]
    if kb is not None:
        compartments = dict.fromkeys(
            c for _, compartment in graph.nodes(data="compartment")
            for c in kb.compartment_lineage(compartment))
        for compartment in compartments:
            found = kb.compartments.get(compartment)
            label = found.label if found else compartment
            element_data = {"id": COMPARTMENT_PREFIX + compartment, "value": COMPARTMENT_PREFIX + compartment,
                            "name": label, "label": label, "kind": "compartment"}
            if found and found.parent:
                element_data["parent"] = COMPARTMENT_PREFIX + found.parent
            data["elements"]["nodes"].insert(0, {"data": element_data})
    return data


def _sbgn(tag: str, parent: ET.Element | None = None, **attributes) -> ET.Element:
    """An element in the SBGN namespace (declared once on the root, as the default)."""
    attributes = {k: str(v) for k, v in attributes.items()}
    return ET.Element(tag, attributes) if parent is None else ET.SubElement(parent, tag, attributes)


def _bbox(parent: ET.Element, x: float, y: float, width: float, height: float) -> None:
    _sbgn("bbox", parent, x=round(x, 1), y=round(y, 1), w=round(width, 1), h=round(height, 1))


_ARC_CLASS = {1: "positive influence", -1: "negative influence", 0: "necessary stimulation"}


def to_sbgn(graph: nx.DiGraph, kb: KnowledgeBase, explanation: Explanation | None = None) -> str:
    """SBGN-ML Activity Flow of a graph, laid out as in the figures.

    Nodes are ``biological activity`` glyphs (``phenotype`` for processes and
    outcomes), each in its ``compartment`` glyph; edges are ``positive influence`` or
    ``negative influence`` arcs. With a drug, it is a ``perturbation`` glyph with an
    influence arc to each target (``unknown influence`` for an unsigned modulator).

    Returns
    -------
    The SBGN-ML document (namespace ``http://sbgn.org/libsbgn/0.2``).
    """
    placed = layout(kb, graph)
    bounds = placed.bounds
    top = 60.0 if explanation is not None and explanation.targets else 0.0  # room for the drug
    dx, dy = 20 - bounds.x0, 20 + top - bounds.y0   # SBGN editors prefer positive coordinates

    # ElementTree's default_namespace refuses plain attribute names; declaring it by hand
    # gives the same document.
    root = _sbgn("sbgn", xmlns=SBGN_NAMESPACE)
    sbgn_map = _sbgn("map", root, language="activity flow")
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
        glyph_class = "phenotype" if data["kind"] == "process" else "biological activity"
        glyph = _sbgn("glyph", sbgn_map, **{"class": glyph_class, "id": f"glyph-{node}",
                                            "compartmentRef": f"compartment-{data['compartment']}"})
        _sbgn("label", glyph, text=data["label"])
        box = placed.nodes[node].box
        _bbox(glyph, box.x0 + dx, box.y0 + dy, box.width, box.height)
    arcs = []
    for u, v, data in graph.edges(data=True):
        x1, y1, x2, y2 = placed.edges[u, v]
        arcs.append((_ARC_CLASS[data["sign"]], f"glyph-{u}", f"glyph-{v}", (x1, y1, x2, y2)))
    if explanation is not None and explanation.targets:
        targets = [placed.nodes[t] for t in explanation.targets]
        x = sum(t.x for t in targets) / len(targets)
        y = bounds.y0 - top / 2 - 10
        glyph = _sbgn("glyph", sbgn_map, **{"class": "perturbation", "id": "glyph-drug"})
        _sbgn("label", glyph, text=explanation.drug.name)
        _bbox(glyph, x - 60 + dx, y - 15 + dy, 120, 30)
        for target in targets:
            signs = {s for a in explanation.targets[target.id] for s in a.signs}
            arc_class = _ARC_CLASS[signs.pop()] if len(signs) == 1 else "unknown influence"
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


DRUG_COLUMNS: tuple[str, ...] = (
    "id", "name", "synonyms", "codes", "class", "class_label", "table1", "components", "actions",
    "status_completed_2021", "status_current_2021", "status_note", "designations", "nct_ids", "refs",
    "source", "notes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A spreadsheet never runs a cell as a formula: one starting like a formula gets a ``'``."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def drugs_csv(kb: KnowledgeBase) -> str:
    """The drug table (Table 1, NV-5138, the GABA-A modulators) as CSV, one drug a row.

    Lists are joined with ``"; "``. Status, designations and trials are as the review
    reports them (2021). An action reads ``"NMDAR: antagonist (glycine site)"``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(DRUG_COLUMNS)
    for drug in kb.drugs.values():
        actions = []
        for action in drug.actions:
            entity = kb.entities[action.entity].name if action.entity in kb.entities else action.entity
            details = "; ".join(filter(None, [
                action.site, action.component and f"component {action.component}",
                action.via and f"via {action.via}"]))
            words = f"{entity}: {action.action.replace('-', ' ')}"
            actions.append(f"{words} ({details})" if details else words)
        designations = [
            " ".join(filter(None, [d.agency, d.designation]))
            + (f" ({', '.join(filter(None, [d.indication, d.date]))})" if d.indication or d.date else "")
            for d in drug.designations]
        row = [
            drug.id, drug.name, "; ".join(drug.synonyms), "; ".join(drug.codes), drug.drug_class,
            DRUG_CLASSES.get(drug.drug_class, ""), "yes" if drug.table1 else "no",
            "; ".join(drug.components), " | ".join(actions), drug.status.completed, drug.status.current,
            drug.status.note, " | ".join(designations), "; ".join(t.nct for t in drug.trials),
            "; ".join(map(str, drug.citation.refs)), drug.citation.source, drug.notes,
        ]
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()
