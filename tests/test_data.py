"""The curated data itself: complete, cited, correctly spelled, and saying what the review says."""

from __future__ import annotations

import itertools

import pytest

from explorer import INTEGRATED, explain, explain_drug, readouts_of, resolve_drug
from explorer.model import ACTION_SIGNS, DRUG_CLASSES, HYPOTHESIS_IDS


def test_the_six_panels_of_fig_1(kb):
    assert tuple(kb.hypotheses) == HYPOTHESIS_IDS


def test_every_panel_reads_out_bdnf_and_mtorc1(graphs):
    for hypothesis_id, graph in graphs.items():
        assert {"BDNF", "mTORC1"} <= set(readouts_of(graph)), hypothesis_id


def test_every_compound_of_the_review(kb):
    assert len(kb.drugs) == 29
    assert sum(d.table1 for d in kb.drugs.values()) == 26
    assert {d.drug_class for d in kb.drugs.values()} == set(DRUG_CLASSES)
    for drug_id in ("nv-5138", "brexanolone", "zuranolone"):
        assert not kb.drugs[drug_id].table1


@pytest.mark.parametrize("garbled", ["rislenemdiaz", "basinglurant", "eliprodiol", "decoglutant",
                                     "tis-161", "hink", "risperidone", "nct0202067793"])
def test_names_garbled_by_the_pdf_conversion_are_spelled_right(kb, garbled):
    for drug in kb.drugs.values():
        names = [n.casefold() for n in (*drug.aliases, *(t.nct for t in drug.trials))]
        assert garbled not in names, drug.id


@pytest.mark.parametrize("name, drug_id", [
    ("rislenemdaz", "rislenemdaz"), ("CERC-301", "rislenemdaz"), ("MK-0657", "rislenemdaz"),
    ("basimglurant", "basimglurant"), ("eliprodil", "eliprodil"), ("decoglurant", "decoglurant"),
    ("RG1578", "decoglurant"), ("TS-161", "ts-161"), ("GLYX-13", "rapastinel"),
    ("NRX-1074", "apimostinel"), ("AZD6765", "lanicemine"), ("REL-1017", "dextromethadone"),
    ("AVP-786", "deudextromethorphan"), ("CP-101,606", "traxoprodil"), ("4-Cl-KYN", "av-101"),
])
def test_the_reviews_names_and_codes_find_the_drug(kb, name, drug_id):
    assert resolve_drug(kb, name).id == drug_id


def test_every_claim_cites_the_review(kb):
    """Edges, nodes and drug actions name a section and resolve their references."""
    claims = [(f"{h.id} edge {e.source}→{e.target}", e.citation) for h in kb.hypotheses.values()
              for e in h.edges]
    claims += [(f"{h.id} node {n.id}", n.citation) for h in kb.hypotheses.values() for n in h.nodes]
    claims += [(f"{d.id} action {a.entity}", a.citation) for d in kb.drugs.values() for a in d.actions]
    assert len(claims) > 100
    for name, citation in claims:
        assert citation.source.strip(), name
        assert citation.refs or citation.note.strip(), name
        assert all(n in kb.references for n in citation.refs), name


def test_combinations_name_their_components(kb):
    for drug_id in ("nuedexta", "axs-05", "nrx-101", "deudextromethorphan"):
        drug = kb.drugs[drug_id]
        assert len(drug.components) == 2, drug_id
        assert all(a.component in drug.components for a in drug.actions), drug_id


def test_action_words_are_known(kb):
    for drug in kb.drugs.values():
        for action in drug.actions:
            assert action.action in ACTION_SIGNS


# What the legend of Fig. 1 names in each panel, and where.
LEGEND = {
    "disinhibition": [("nmdar", "interneuron"), ("gaba-a-receptor", None), ("ampar", None),
                      ("glutamate", None), ("gad", "interneuron")],
    "spontaneous-transmission": [("nmdar", None), ("eef2", None), ("bdnf", None), ("ampar", None)],
    "extrasynaptic-glun2b": [("glun2b-nmdar", "extrasynaptic"), ("eaat2", "astrocyte"),
                             ("glutamate", None), ("mtorc1", None), ("eef2k", None), ("eef2", None),
                             ("bdnf", None), ("protein-synthesis", None)],
    "hnk-ampa": [("hnk", None), ("ampar", None), ("synaptic-potentiation", None)],
    "mglur2-3": [("mglur2-3", None), ("glutamate", None), ("ampar", None), ("monoamines", None)],
    "glyx-13": [("nmdar", None), ("mtorc1", None), ("ampar", None), ("bdnf", None), ("trkb", None),
                ("protein-synthesis", None)],
}


@pytest.mark.parametrize("hypothesis_id", list(LEGEND))
def test_every_element_the_legend_names_is_in_its_panel(kb, hypothesis_id, graphs):
    graph = graphs[hypothesis_id]
    for entity, compartment in LEGEND[hypothesis_id]:
        places = [kb.compartment_lineage(c) for n, c in graph.nodes(data="compartment")
                  if graph.nodes[n]["entity"] == entity]
        assert places, f"{entity} missing from {hypothesis_id}"
        if compartment:
            assert any(compartment in lineage for lineage in places), (entity, places)


def test_ketamine_chains_run_from_a_target_to_a_readout(kb, graphs):
    ketamine = kb.drugs["ketamine"]
    explanations = explain(kb, graphs, ketamine)
    # The review gives ketamine no mGluR2/3 action (HNK's convergence with mGluR2 is a note),
    # so that panel is the one where it has no target.
    assert [e.hypothesis for e in explanations if not e.reaches_any] == ["mglur2-3"]
    for explanation in explanations:
        graph = graphs[explanation.hypothesis]
        readout_nodes = readouts_of(graph)
        for name, effect in explanation.readouts.items():
            for chain in effect.chains.values():
                assert chain[0] in explanation.targets
                assert chain[-1] == readout_nodes[name]
                assert all(graph.has_edge(u, v) for u, v in itertools.pairwise(chain))


@pytest.mark.parametrize("drug_id, hypothesis_id, readout, expected", [
    ("ketamine", "disinhibition", "BDNF", "up"),        # NMDAR block on interneurons → disinhibition
    ("esketamine", "disinhibition", "BDNF", "up"),
    ("ketamine", "spontaneous-transmission", "BDNF", "up"),  # eEF2 dephosphorylated → BDNF translated
    ("ketamine", "extrasynaptic-glun2b", "mTORC1", "up"),    # GluN2B block de-suppresses mTORC1
    ("traxoprodil", "extrasynaptic-glun2b", "mTORC1", "up"),  # NR2B-selective: subtype target
    ("traxoprodil", "disinhibition", "BDNF", "none"),    # the interneuron NMDAR is not a GluN2B node
    ("hydroxynorketamine", "hnk-ampa", "BDNF", "up"),
    ("ketamine", "hnk-ampa", "mTORC1", "up"),             # through its metabolite (2R,6R)-HNK
    ("decoglurant", "mglur2-3", "BDNF", "up"),           # mGluR2/3 NAM → more synaptic glutamate
    ("ts-161", "mglur2-3", "mTORC1", "up"),
    ("rapastinel", "glyx-13", "mTORC1", "up"),
    ("nv-5138", "glyx-13", "mTORC1", "up"),
    ("basimglurant", "disinhibition", "BDNF", "none"),   # mGluR5 is in no panel
])
def test_predictions_follow_the_review(kb, graphs, drug_id, hypothesis_id, readout, expected):
    result = explain_drug(kb, kb.drugs[drug_id], graphs[hypothesis_id])
    assert result.readouts[readout].effect == expected


def test_mglur5_nams_reach_nothing_anywhere(kb, graphs):
    for drug_id in ("basimglurant", "azd2066"):
        for hypothesis_id in [*kb.hypotheses, INTEGRATED]:
            assert not explain_drug(kb, kb.drugs[drug_id], graphs[hypothesis_id]).targets


def test_integrated_view_has_every_panel_node_with_a_position(kb, graphs):
    integrated = graphs[INTEGRATED]
    for hypothesis in kb.hypotheses.values():
        for node in hypothesis.nodes:
            assert node.id in integrated
    assert set(kb.integrated_positions) == set(integrated.nodes)
