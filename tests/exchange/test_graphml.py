"""GraphML: the GraphML 1.0 XSD (vendored in ``tests/schemas/graphml``), networkx and igraph."""

from __future__ import annotations

import io

import igraph
import networkx as nx
import pytest
from lxml import etree

from explorer import explain_drug, resolve_drug
from explorer.exchange import to_graphml
from explorer.figure import citation_line
from explorer.model import INTEGRATED

from .helpers import (
    ALL_VIEWS,
    every_view,
    same_signed_graph,
)


@pytest.mark.parametrize("hypothesis", ["disinhibition", INTEGRATED])
def test_graphml_round_trip(tiny, hypothesis):
    _, graphs = tiny
    graph = graphs[hypothesis]
    back = nx.read_graphml(io.BytesIO(to_graphml(graph).encode("utf-8")))
    assert isinstance(back, nx.DiGraph)
    assert same_signed_graph(graph, back)
    for node, data in graph.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node]["name"] == node                       # unique, unlike entity names
        assert back.nodes[node]["entity_name"] == data["name"]
        assert (back.nodes[node]["x"], back.nodes[node]["y"]) == (data["x"], data["y"])
        assert back.nodes[node]["review_section"] == data["source"]
    for u, v, data in graph.edges(data=True):
        assert back.edges[u, v]["effect"] == data["effect"]
        assert type(back.edges[u, v]["sign"]) is int
        assert back.edges[u, v]["refs"] == ";".join(map(str, data["refs"]))
        assert back.edges[u, v]["hypotheses"] == ";".join(data["hypotheses"])
    assert back.graph["citation"] == citation_line()
    assert graph.graph["id"] == hypothesis          # the source graph is left as it was
    assert "name" in graph.nodes["r"] and "entity_name" not in graph.nodes["r"]


def test_graphml_carries_a_drugs_overlay(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, "blocker"), graph)
    back = nx.parse_graphml(to_graphml(graph, explanation))
    assert back.graph["drug"] == "blocker" and back.graph["effect_on_BDNF"] == "up"
    assert back.nodes["r"]["drug_action"] == "antagonist" and back.nodes["k"]["drug_action"] == ""
    assert back.nodes["r"]["is_target"] is True and back.nodes["k"]["is_target"] is False
    assert {n for n, lit in back.nodes(data="on_drug_path") if lit} == set(explanation.highlight.nodes)
    assert {e for e, lit in nx.get_edge_attributes(back, "on_drug_path").items() if lit} \
        == set(explanation.highlight.edges)


def test_graphml_schema_catches_what_the_issue_found(graphml_schema):
    """The vendored schema is live: a space in an attribute name fails, as it did before."""
    broken = nx.DiGraph()
    broken.graph["effect_on_Protein synthesis"] = "up"
    broken.add_edge("a", "b")
    assert not graphml_schema.validate(etree.fromstring("\n".join(nx.generate_graphml(broken)).encode()))


@pytest.mark.parametrize("hypothesis", ALL_VIEWS)
def test_every_bundled_graphml_export_is_valid_graphml_1_0(kb, graphs, graphml_schema, hypothesis):
    graph = graphs[hypothesis]
    for drug, explanation in every_view(kb, graph):
        document = etree.fromstring(to_graphml(graph, explanation).encode("utf-8"))
        assert graphml_schema.validate(document), (drug, str(graphml_schema.error_log))
        names = [key.get("attr.name") for key in document.iter("{http://graphml.graphdrawing.org/xmlns}key")]
        assert all(" " not in name for name in names)
        if explanation is not None:     # every prediction says whose claim it is
            back = nx.parse_graphml(etree.tostring(document))
            for name, effect in explanation.readouts.items():
                key = "basis_on_" + name.replace(" ", "_")
                assert back.graph.get(key, "") == effect.basis, (drug, name)
            extrapolated = any(e.basis == "extrapolated" for e in explanation.readouts.values())
            assert ("caveat" in back.graph) == extrapolated
            assert back.graph["drug_in_scope"] is explanation.in_scope


def test_igraph_reads_graphml_with_unique_names_and_typed_values(kb, graphs, tmp_path):
    graph = graphs[INTEGRATED]
    explanation = explain_drug(kb, resolve_drug(kb, "ketamine"), graph)
    path = tmp_path / "integrated.graphml"
    path.write_text(to_graphml(graph, explanation), encoding="utf-8")
    read = igraph.Graph.Read_GraphML(str(path))
    assert read.is_directed()
    assert (read.vcount(), read.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert sorted(read.vs["name"]) == sorted(graph.nodes)          # unique: igraph looks nodes up by it
    assert len(set(read.vs["entity_name"])) < read.vcount()       # two NMDAR nodes, one entity name
    assert all(isinstance(v, bool) for v in read.vs["on_drug_path"])
    # igraph keeps every number as a double; the file declares sign an integer type.
    assert {float(s) for s in read.es["sign"]} <= {1.0, -1.0, 0.0}
    assert all(float(s).is_integer() for s in read.es["sign"])
    assert 'attr.name="sign" attr.type="long"' in path.read_text("utf-8")
    edges = {(read.vs[e.source]["name"], read.vs[e.target]["name"]): e["sign"] for e in read.es}
    assert edges == {e: float(s) for e, s in nx.get_edge_attributes(graph, "sign").items()}

