"""Every format round-trips the bundled graphs; markup in labels stays text everywhere."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from explorer import build_graphs, load_knowledge_base
from explorer.exchange import (
    to_cytoscape_json,
    to_graphml,
    to_sbgn,
)

from ..conftest import tiny_files, write_pathways
from .helpers import (
    ALL_VIEWS,
    MARKUP,
    S,
    same_signed_graph,
    sbgn_map,
)


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


@pytest.mark.parametrize("hypothesis", ALL_VIEWS)
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
