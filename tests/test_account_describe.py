"""The graph in words (``explorer.account.describe``): every node, every arrow, every sign said
with a word, the chains and bases of the account."""

from __future__ import annotations

import pytest

from explorer import account, engine

SYMBOLS = ("▲", "▼", "◆", "⊣", "→")


def told(kb, graphs, hypothesis, drug=None):
    graph = graphs[hypothesis]
    explanation = engine.explain_drug(kb, kb.drugs[drug], graph, panels=graphs) if drug else None
    return graph, explanation, account.account_of(kb, graph, explanation)


def test_ketamines_chain_to_bdnf_is_told_with_its_signs_in_words(kb, graphs):
    graph, explanation, view = told(kb, graphs, "disinhibition", "ketamine")
    lines = account.description_lines(view, account.node_accounts(graph, explanation))
    text = " ".join(lines)
    bdnf = next(r for r in view.readouts if r.name == "BDNF")
    assert f"Route: {bdnf.chains[0].spoken}" in lines
    assert "inhibits NMDAR in GABAergic interneuron, which falls" in text
    assert "GABA, which falls" in text and "which activates BDNF, which rises" in text
    assert "BDNF rises." in lines and "stated: the review's account" in text
    assert not any(symbol in text for symbol in SYMBOLS)        # words, never a symbol alone


def test_a_chain_that_continues_an_earlier_one_is_told_from_where_it_left_off(kb, graphs):
    _, _, view = told(kb, graphs, "disinhibition", "ketamine")
    bdnf, mtorc1 = (next(r for r in view.readouts if r.name == name) for name in ("BDNF", "mTORC1"))
    shared = mtorc1.chains[0].shared_with(bdnf.chains[0])
    assert shared == len(bdnf.chains[0].nodes)
    assert mtorc1.chains[0].spoken_after(shared) == (
        "from BDNF, which rises: which activates TrkB in Postsynaptic neuron, which rises; "
        "which activates mTORC1 in Postsynaptic neuron, which rises."
        if mtorc1.chains[0].nodes[shared].where else
        "from BDNF, which rises: which activates TrkB, which rises; which activates mTORC1, which rises.")
    assert mtorc1.chains[0].spoken_after(0) == mtorc1.chains[0].spoken


def test_every_node_is_told_once_in_reading_order_with_its_arrows(kb, graphs):
    graph, explanation, _ = told(kb, graphs, "disinhibition", "ketamine")
    nodes = account.node_accounts(graph, explanation)
    assert [n.id for n in nodes] == account.reading_order(graph) and len(nodes) == len(graph)
    rows = [(graph.nodes[n.id]["y"], graph.nodes[n.id]["x"]) for n in nodes]
    assert rows == sorted(rows)                                  # top to bottom, then left to right
    assert sum(len(n.arrows_out) for n in nodes) == sum(len(n.arrows_in) for n in nodes) == graph.number_of_edges()
    gaba = next(n for n in nodes if n.id == "gaba")
    assert gaba.sign.word == "falls" and not gaba.action
    sentence = account.node_sentence(gaba, "(R,S)-Ketamine")
    assert sentence.startswith("GABA, transmitter in GABAergic interneuron: falls under (R,S)-Ketamine.")
    assert "Activated by GAD and Interneuron activity; activates GABA-A receptor." in sentence
    target = next(n for n in nodes if n.action)
    assert "target of (R,S)-Ketamine: antagonist" in account.node_sentence(target, "(R,S)-Ketamine")
    firing = next(n for n in nodes if n.id == "pyramidal-firing")
    assert "Inhibited by GABA-A receptor" in account.node_sentence(firing)


def test_without_a_drug_the_graph_is_told_by_its_arrows(kb, graphs):
    graph, explanation, view = told(kb, graphs, "glyx-13")
    nodes = account.node_accounts(graph, explanation)
    lines = account.description_lines(view, nodes, arrows=True)
    assert lines[0] == f"{graph.graph['title']}."
    assert f"{len(graph)} nodes and {graph.number_of_edges()} arrows" in lines[1]
    assert "No drug chosen" in lines[2]
    arrows = lines[-1]
    assert arrows.startswith("Arrows: ") and arrows.count(";") == graph.number_of_edges() - 1
    assert "AMPAR is required for mTORC1" in arrows                  # a requirement, never a step
    assert all(n.sign is None for n in nodes)


@pytest.mark.parametrize(("hypothesis", "drug", "words"), [
    ("glyx-13", "cle100", "acts on nothing drawn"),
    ("integrated", "rapastinel", "required (for mTORC1)"),
    ("disinhibition", "lanicemine", "analogy"),
    ("disinhibition", "dextromethorphan", "extrapolated"),
])
def test_answers_bases_and_conditions_reach_the_description(kb, graphs, hypothesis, drug, words):
    graph, explanation, view = told(kb, graphs, hypothesis, drug)
    assert words in " ".join(account.description_lines(view, account.node_accounts(graph, explanation)))


def test_the_graph_is_named_by_its_view(kb, graphs):
    assert account.graph_name(told(kb, graphs, "disinhibition", "ketamine")[2]) == (
        f"Pathway graph: {kb.hypotheses['disinhibition'].title}, with (R,S)-Ketamine")
