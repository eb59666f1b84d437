"""Exchange formats, each read back by an independent reader and compared with the source."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from explorer import build_graphs, explain_drug, load_knowledge_base, resolve_drug
from explorer.exchange import (
    COMPARTMENT_PREFIX,
    SBGN_NAMESPACE,
    drugs_csv,
    to_cytoscape_json,
    to_graphml,
    to_sbgn,
)
from explorer.figure import citation_line
from explorer.model import HYPOTHESIS_IDS, INTEGRATED

from .conftest import tiny_files, write_pathways

MARKUP = "<img src=x onerror=alert(1)>"
S = f"{{{SBGN_NAMESPACE}}}"
ARC_CLASS = {1: "positive influence", -1: "negative influence"}


@pytest.fixture
def tiny(tmp_path):
    kb = load_knowledge_base(write_pathways(tmp_path / "pathways"))
    return kb, build_graphs(kb)


def same_signed_graph(a: nx.DiGraph, b: nx.DiGraph) -> bool:
    return (set(a.nodes) == set(b.nodes) and set(a.edges) == set(b.edges)
            and all(int(b.edges[e]["sign"]) == a.edges[e]["sign"] for e in a.edges))


# -- GraphML ----------------------------------------------------------------------

@pytest.mark.parametrize("hypothesis", ["disinhibition", INTEGRATED])
def test_graphml_round_trip(tiny, hypothesis):
    _, graphs = tiny
    graph = graphs[hypothesis]
    back = nx.read_graphml(io.BytesIO(to_graphml(graph).encode("utf-8")))
    assert isinstance(back, nx.DiGraph)
    assert same_signed_graph(graph, back)
    for node, data in graph.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert (back.nodes[node]["x"], back.nodes[node]["y"]) == (data["x"], data["y"])
        assert back.nodes[node]["review_section"] == data["source"]
    for u, v, data in graph.edges(data=True):
        assert back.edges[u, v]["effect"] == data["effect"]
        assert back.edges[u, v]["refs"] == ";".join(map(str, data["refs"]))
        assert back.edges[u, v]["hypotheses"] == ";".join(data["hypotheses"])
    assert back.graph["citation"] == citation_line()
    assert graph.graph["id"] == hypothesis          # the source graph is left as it was


def test_graphml_carries_a_drugs_overlay(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, "blocker"), graph)
    back = nx.parse_graphml(to_graphml(graph, explanation))
    assert back.graph["drug"] == "blocker" and back.graph["effect_on_BDNF"] == "up"
    assert back.nodes["r"]["drug_action"] == "antagonist" and back.nodes["k"]["drug_action"] == ""
    assert {n for n, lit in back.nodes(data="on_drug_path") if lit} == set(explanation.highlight.nodes)
    assert {e for e, lit in nx.get_edge_attributes(back, "on_drug_path").items() if lit} \
        == set(explanation.highlight.edges)


# -- Cytoscape.js JSON -----------------------------------------------------------------

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


# -- SBGN-ML ----------------------------------------------------------------------

def sbgn_map(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{S}sbgn"
    [sbgn_map] = root.findall(f"{S}map")
    assert sbgn_map.get("language") == "activity flow"
    return sbgn_map


@pytest.mark.parametrize("hypothesis", ["disinhibition", INTEGRATED])
def test_sbgn_activity_flow_has_a_glyph_per_node_and_an_arc_per_edge(tiny, hypothesis):
    kb, graphs = tiny
    graph = graphs[hypothesis]
    root = sbgn_map(to_sbgn(graph, kb))
    glyphs = root.findall(f"{S}glyph")
    activities = [g for g in glyphs if g.get("class") in ("biological activity", "phenotype")]
    compartments = {g.get("id") for g in glyphs if g.get("class") == "compartment"}
    assert len(activities) == graph.number_of_nodes()
    assert compartments == {"compartment-cell", "compartment-membrane"}
    by_glyph = {}
    for glyph in activities:
        node = glyph.get("id").removeprefix("glyph-")
        by_glyph[glyph.get("id")] = node
        assert glyph.find(f"{S}label").get("text") == graph.nodes[node]["label"]
        assert glyph.get("compartmentRef") in compartments
        bbox = glyph.find(f"{S}bbox")
        assert float(bbox.get("w")) > 0 and float(bbox.get("h")) > 0 and float(bbox.get("x")) >= 0
    assert all(g.get("compartmentRef") is None for g in glyphs if g.get("class") == "compartment")
    assert all(element.get("id")[0].isalpha() for element in root.iter() if element.get("id"))
    # The schema wants XHTML inside notes, not bare text.
    [body] = root.find(f"{S}notes")
    assert body.tag == "{http://www.w3.org/1999/xhtml}body" and citation_line() in body.text
    arcs = root.findall(f"{S}arc")
    assert len(arcs) == graph.number_of_edges()
    for arc in arcs:
        u, v = by_glyph[arc.get("source")], by_glyph[arc.get("target")]
        assert arc.get("class") == ARC_CLASS[graph.edges[u, v]["sign"]]
        assert arc.find(f"{S}start") is not None and arc.find(f"{S}end") is not None


def test_sbgn_draws_the_drug_as_a_perturbation(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, "blocker"), graph)
    root = sbgn_map(to_sbgn(graph, kb, explanation))
    [drug] = [g for g in root.findall(f"{S}glyph") if g.get("class") == "perturbation"]
    assert drug.find(f"{S}label").get("text") == "Blocker"
    from_drug = [a for a in root.findall(f"{S}arc") if a.get("source") == drug.get("id")]
    assert {a.get("target") for a in from_drug} == {"glyph-r", "glyph-s"}
    assert {a.get("class") for a in from_drug} == {"negative influence"}   # an antagonist


# -- escaping ------------------------------------------------------------------------

def test_markup_in_a_label_stays_text_in_every_format(tmp_path):
    files = tiny_files()
    files["hypotheses/disinhibition.toml"]["node"][0]["label"] = MARKUP
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    graph = build_graphs(kb)["disinhibition"]
    graphml = to_graphml(graph)
    assert "<img" not in graphml
    assert nx.parse_graphml(graphml).nodes["r"]["label"] == MARKUP
    sbgn = to_sbgn(graph, kb)
    assert "<img" not in sbgn
    labels = [g.find(f"{S}label").get("text") for g in sbgn_map(sbgn).findall(f"{S}glyph")]
    assert MARKUP in labels
    assert nx.cytoscape_graph(json.loads(json.dumps(to_cytoscape_json(graph, kb)))).nodes["r"]["label"] \
        == MARKUP


# -- the drug table ------------------------------------------------------------------

def test_drugs_csv_has_a_row_per_drug(tiny):
    kb, _ = tiny
    rows = list(csv.DictReader(io.StringIO(drugs_csv(kb))))
    assert [r["id"] for r in rows] == list(kb.drugs)
    blocker = rows[0]
    assert blocker["name"] == "Blocker" and blocker["synonyms"] == "BLK-1"
    assert blocker["actions"] == "Receptor: antagonist"
    assert blocker["class_label"] == "Broad NMDA receptor modulators"


def test_drugs_csv_never_starts_a_cell_like_a_formula(tmp_path):
    files = tiny_files()
    files["drugs.toml"]["drug"][0]["name"] = '=HYPERLINK("http://example.org","x")'
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    rows = list(csv.DictReader(io.StringIO(drugs_csv(kb))))
    assert rows[0]["name"] == "'" + files["drugs.toml"]["drug"][0]["name"]


def test_bundled_drug_table(kb):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(drugs_csv(kb)))}
    assert len(rows) == len(kb.drugs) == 29
    for drug in kb.drugs.values():
        row = rows[drug.id]
        assert row["name"] == drug.name
        assert row["nct_ids"] == "; ".join(t.nct for t in drug.trials)


@pytest.mark.parametrize("hypothesis", [*HYPOTHESIS_IDS, INTEGRATED])
def test_bundled_graphs_round_trip(kb, graphs, hypothesis):
    graph = graphs[hypothesis]
    assert same_signed_graph(graph, nx.parse_graphml(to_graphml(graph)))
    back = nx.cytoscape_graph(json.loads(json.dumps(to_cytoscape_json(graph, kb))))
    back.remove_nodes_from([n for n, kind in back.nodes(data="kind") if kind == "compartment"])
    assert nx.is_isomorphic(graph, back, edge_match=lambda a, b: a["sign"] == b["sign"])
    root = sbgn_map(to_sbgn(graph, kb))
    assert len(root.findall(f"{S}arc")) == graph.number_of_edges()
    assert len([g for g in root.findall(f"{S}glyph") if g.get("class") != "compartment"]) \
        == graph.number_of_nodes()
