"""What the exchange tests share: constants, the views to check, and libsbgnpy's verdict."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from libsbgnpy import validate, validate_schematron

from explorer import explain_drug
from explorer.exchange import AF_VERSION, SBGN_NAMESPACE
from explorer.model import HYPOTHESIS_IDS, INTEGRATED

MARKUP = "<img src=x onerror=alert(1)>"
S = f"{{{SBGN_NAMESPACE}}}"
ARC_CLASS = {"activates": "positive influence", "inhibits": "negative influence",
             "requires": "necessary stimulation"}
GRAPHML_XSD = Path(__file__).parents[1] / "schemas" / "graphml" / "graphml.xsd"
ALL_VIEWS = [*HYPOTHESIS_IDS, INTEGRATED]


def every_view(kb, graph):
    """The graph without a drug, then with each drug."""
    yield None, None
    for drug in kb.drugs.values():
        yield drug.id, explain_drug(kb, drug, graph)


def same_signed_graph(a: nx.DiGraph, b: nx.DiGraph) -> bool:
    return (set(a.nodes) == set(b.nodes) and set(a.edges) == set(b.edges)
            and all(int(b.edges[e]["sign"]) == a.edges[e]["sign"] for e in a.edges))


def with_a_requires_edge(graph: nx.DiGraph) -> nx.DiGraph:
    """The tiny panel with ``b → m`` turned into ``b requires m`` (sign 0), as issue 8 adds."""
    changed = graph.copy()
    changed.edges["b", "m"].update(effect="requires", sign=0)
    return changed


def sbgn_map(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{S}sbgn"
    [sbgn_map] = root.findall(f"{S}map")
    assert sbgn_map.get("language") == "activity flow" and sbgn_map.get("version") == AF_VERSION
    assert sbgn_map.get("id")
    return sbgn_map


def sbgn_problems(text: str, tmp_path: Path) -> list[str]:
    """What libsbgnpy finds wrong: its XSD and specification checks, then the AF rules."""
    path = tmp_path / "map.sbgn"
    path.write_text(text, encoding="utf-8")
    problems = validate(path)
    problems += [f"{i.rule_id} {i.element_id}: {i.message}" for i in validate_schematron(path)]
    return problems

