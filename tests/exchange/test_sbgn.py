"""SBGN-ML: libsbgnpy's XSD check, its reader and the AF schematron rules of libsbgn."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from libsbgnpy import read_sbgn_from_file

from explorer import explain_drug, resolve_drug
from explorer.exchange import OVERLAY_NAMESPACE, glyph_class, readout_key, to_graphml, to_sbgn
from explorer.figure import citation_line
from explorer.model import INTEGRATED

from .helpers import (
    ALL_VIEWS,
    ARC_CLASS,
    S,
    every_view,
    sbgn_map,
    sbgn_problems,
    with_a_requires_edge,
)


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
        assert arc.get("class") == ARC_CLASS[graph.edges[u, v]["effect"]]
        assert arc.find(f"{S}start") is not None and arc.find(f"{S}end") is not None


def test_sbgn_draws_the_drug_as_a_perturbation(tiny, tmp_path):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, "blocker"), graph)
    text = to_sbgn(graph, kb, explanation)
    root = sbgn_map(text)
    [drug] = [g for g in root.findall(f"{S}glyph") if g.get("class") == "perturbation"]
    assert drug.find(f"{S}label").get("text") == "Blocker"
    from_drug = [a for a in root.findall(f"{S}arc") if a.get("source") == drug.get("id")]
    assert {a.get("target") for a in from_drug} == {"glyph-r", "glyph-s"}
    assert {a.get("class") for a in from_drug} == {"negative influence"}   # an antagonist
    assert sbgn_problems(text, tmp_path) == []


def test_requires_is_a_necessary_stimulation(tiny, tmp_path):
    kb, graphs = tiny
    graph = with_a_requires_edge(graphs["disinhibition"])
    text = to_sbgn(graph, kb)
    arcs = {(a.get("source"), a.get("target")): a.get("class") for a in sbgn_map(text).findall(f"{S}arc")}
    assert arcs[("glyph-b", "glyph-m")] == "necessary stimulation"
    assert arcs[("glyph-k", "glyph-b")] == "negative influence"
    assert sbgn_problems(text, tmp_path) == []
    [sbgn] = read_sbgn_from_file(tmp_path / "map.sbgn").map
    assert "necessary stimulation" in {arc.class_value.value for arc in sbgn.arc}


def test_processes_that_drive_other_nodes_are_activities(kb, graphs):
    graph = graphs["disinhibition"]
    assert glyph_class(graph, "interneuron-activity") == "biological activity"   # af10101: an arc source
    assert glyph_class(graph, "protein-synthesis") == "phenotype"                # an outcome
    assert glyph_class(graph, "bdnf") == "biological activity"


def test_the_af_rules_are_live(kb, graphs, tmp_path):
    """The schematron catches the issue's fault: an influence arc leaving a phenotype."""
    text = to_sbgn(graphs["disinhibition"], kb)
    broken = text.replace('class="biological activity" id="glyph-interneuron-activity"',
                          'class="phenotype" id="glyph-interneuron-activity"')
    assert broken != text
    assert any(p.startswith("af10101") for p in sbgn_problems(broken, tmp_path))
    no_map_id = re.sub(r'<map id="[^"]+"', "<map", text)
    assert any("id" in p for p in sbgn_problems(no_map_id, tmp_path))


@pytest.mark.parametrize("hypothesis", ALL_VIEWS)
def test_every_bundled_sbgn_export_passes_libsbgnpy_and_the_af_rules(kb, graphs, hypothesis, tmp_path):
    graph = graphs[hypothesis]
    for drug, explanation in every_view(kb, graph):
        text = to_sbgn(graph, kb, explanation)
        assert sbgn_problems(text, tmp_path) == [], drug
    [read] = read_sbgn_from_file(tmp_path / "map.sbgn").map      # the last one, read into objects
    assert read.id == f"map-{hypothesis}"
    assert len(read.arc) == graph.number_of_edges() + (1 if explanation.targets else 0) * len(explanation.targets)



@pytest.mark.parametrize("drug", ["ketamine", "rapastinel"])
def test_sbgn_with_a_drug_carries_its_predictions_and_their_basis(kb, graphs, tmp_path, drug):
    """As GraphML and .cyjs do: each readout's effect and basis (the map's extension, and the
    readout glyph's notes in words), the caveat, and each glyph's part in the overlay; still
    valid for libsbgnpy's schema and reader and clean under the AF rules."""
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, drug), graph)
    text = to_sbgn(graph, kb, explanation)
    assert sbgn_problems(text, tmp_path) == []
    root = sbgn_map(text)
    [overlay] = root.find(f"{S}extension")
    assert overlay.tag == f"{{{OVERLAY_NAMESPACE}}}overlay" and overlay.get("drug") == drug
    predictions = {p.get("readout"): (p.get("effect"), p.get("basis")) for p in overlay}
    assert predictions == {name: (e.effect, e.basis or None) for name, e in explanation.readouts.items()}
    # The same values GraphML carries.
    graphml = nx.parse_graphml(to_graphml(graph, explanation)).graph
    for name, (effect, basis) in predictions.items():
        assert graphml[readout_key("effect_on", name)] == effect
        assert graphml.get(readout_key("basis_on", name)) == basis
    assert overlay.get("caveat") == graphml.get("caveat")
    assert (overlay.get("caveat") is not None) == any(e.basis == "extrapolated" for e in explanation.readouts.values())
    glyphs = {g.get("id"): g for g in root.findall(f"{S}glyph")}
    for node in graph:
        [part] = glyphs[f"glyph-{node}"].find(f"{S}extension")
        assert part.get("is_target") == str(node in explanation.targets).lower()
        assert part.get("on_drug_path") == str(node in explanation.highlight.nodes).lower()
    bdnf = explanation.readouts["BDNF"]
    notes = "".join(glyphs["glyph-bdnf"].find(f"{S}notes").itertext())
    assert f"({bdnf.basis})" in notes and "Predicted effect" in notes
    [read] = read_sbgn_from_file(tmp_path / "map.sbgn").map                   # libsbgnpy's reader keeps it
    assert read.extension.any_element[0].attributes["drug"] == drug


def test_sbgn_without_a_drug_has_no_overlay(kb, graphs):
    root = sbgn_map(to_sbgn(graphs["disinhibition"], kb))
    assert root.find(f"{S}extension") is None
    assert all(g.find(f"{S}extension") is None for g in root.findall(f"{S}glyph"))
