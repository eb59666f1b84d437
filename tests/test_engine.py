"""The engine on tiny hand-made graphs: signs, cycles, subtypes, mixed, unreachable."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import (
    build_graphs,
    explain_drug,
    highlight,
    load_knowledge_base,
    predict_effects,
    resolve_drug,
    resolve_hypothesis,
    targets_of,
)
from explorer.engine import UnknownName, format_chain


def signed(*edges: tuple[str, str, int]) -> nx.DiGraph:
    graph = nx.DiGraph()
    for u, v, sign in edges:
        graph.add_edge(u, v, sign=sign)
    return graph


def effect(graph, seeds, readout="out"):
    return predict_effects(graph, seeds, {"R": readout})["R"]


@pytest.mark.parametrize("seed_sign, edge_signs, expected", [
    (1, [1, 1], "up"),
    (-1, [1, 1], "down"),
    (-1, [-1, 1], "up"),          # a double negative: antagonist of an inhibitor
    (-1, [-1, -1], "down"),
    (1, [-1, -1, -1], "down"),
])
def test_sign_is_the_product_along_the_chain(seed_sign, edge_signs, expected):
    names = ["t", *[f"n{i}" for i in range(len(edge_signs) - 1)], "out"]
    graph = signed(*[(names[i], names[i + 1], s) for i, s in enumerate(edge_signs)])
    result = effect(graph, {"t": [seed_sign]})
    assert result.effect == expected
    assert result.chain == tuple(names)


def test_two_routes_of_opposite_sign_are_mixed_with_a_chain_each():
    graph = signed(("t", "a", 1), ("a", "out", 1), ("t", "b", 1), ("b", "c", 1), ("c", "out", -1))
    result = effect(graph, {"t": [1]})
    assert result.effect == "mixed"
    assert result.chains == {"up": ("t", "a", "out"), "down": ("t", "b", "c", "out")}
    assert result.chain == ("t", "a", "out")  # the shorter one


def test_unreachable_readout_is_none():
    graph = signed(("t", "a", 1), ("b", "out", 1))
    assert effect(graph, {"t": [1]}).effect == "none"
    assert effect(graph, {"t": [1]}).chain == ()


def test_a_target_that_is_the_readout_is_its_own_chain():
    graph = signed(("a", "out", 1))
    assert effect(graph, {"out": [1]}).chain == ("out",)


def test_cycles_terminate_and_can_flip_the_sign():
    # out feeds back on itself through an inhibitor: a negative loop reaches both signs.
    graph = signed(("t", "out", 1), ("out", "x", 1), ("x", "out", -1))
    assert effect(graph, {"t": [1]}).effect == "mixed"
    # A positive loop does not.
    graph = signed(("t", "out", 1), ("out", "x", 1), ("x", "out", 1))
    assert effect(graph, {"t": [1]}).effect == "up"


def test_unsigned_modulator_reaches_both_signs():
    graph = signed(("t", "out", 1))
    assert effect(graph, {"t": [1, -1]}).effect == "mixed"


def test_highlight_is_the_nodes_and_edges_between_targets_and_readouts():
    graph = signed(("t", "a", 1), ("a", "out", 1), ("a", "side", 1), ("up", "t", 1), ("z", "out", 1))
    lit = highlight(graph, ["t"], ["out"])
    assert lit.nodes == {"t", "a", "out"}
    assert lit.edges == {("t", "a"), ("a", "out")}
    assert highlight(graph, ["side"], ["out"]).nodes == frozenset()


@st.composite
def chains(draw):
    """A random signed chain t → … → out, with random side branches and a back edge."""
    length = draw(st.integers(1, 8))
    signs = draw(st.lists(st.sampled_from([1, -1]), min_size=length, max_size=length))
    names = ["t", *[f"n{i}" for i in range(length - 1)], "out"]
    graph = signed(*[(names[i], names[i + 1], s) for i, s in enumerate(signs)])
    for i in range(draw(st.integers(0, 3))):
        graph.add_edge(draw(st.sampled_from(names[:-1])), f"side{i}", sign=draw(st.sampled_from([1, -1])))
    return graph, names, signs


@settings(max_examples=200, deadline=None)
@given(chains(), st.sampled_from([1, -1]), st.data())
def test_flipping_one_edge_on_the_only_path_flips_the_effect(example, seed, data):
    graph, names, signs = example
    before = effect(graph, {"t": [seed]}).effect
    product = seed
    for s in signs:
        product *= s
    assert before == ("up" if product == 1 else "down")
    i = data.draw(st.integers(0, len(signs) - 1))
    graph.edges[names[i], names[i + 1]]["sign"] *= -1
    after = effect(graph, {"t": [seed]}).effect
    assert {before, after} == {"up", "down"}


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 30), st.integers(0, 2**32 - 1))
def test_highlight_matches_the_definition_on_random_graphs(n, seed):
    graph = nx.gnp_random_graph(n, 0.15, seed=seed, directed=True)
    lit = highlight(graph, [0], [n - 1])
    expected = (nx.descendants(graph, 0) | {0}) & (nx.ancestors(graph, n - 1) | {n - 1})
    assert lit.nodes == expected
    assert all(u in expected and v in expected for u, v in lit.edges)


# -- on the tiny knowledge base (subtypes, no-path, names) ---------------------

@pytest.fixture
def tiny(tiny_dir):
    kb = load_knowledge_base(tiny_dir)
    return kb, build_graphs(kb)


def test_a_drug_on_a_parent_entity_targets_its_subtypes(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    assert set(targets_of(kb, kb.drugs["blocker"], graph)) == {"r", "s"}
    assert set(targets_of(kb, kb.drugs["subtype-blocker"], graph)) == {"s"}


def test_explain_combines_routes_from_every_target(tiny):
    kb, graphs = tiny
    # blocker ⊣ r → k ⊣ b → m gives BDNF up, and blocker ⊣ s ⊣ m gives mTORC1 up too.
    result = explain_drug(kb, kb.drugs["blocker"], graphs["disinhibition"])
    assert result.readouts["BDNF"].effect == "up"
    assert result.readouts["BDNF"].chain == ("r", "k", "b")
    assert result.readouts["mTORC1"].effect == "up"
    assert result.highlight.nodes == {"r", "k", "b", "m", "s"}
    subtype = explain_drug(kb, kb.drugs["subtype-blocker"], graphs["disinhibition"])
    assert subtype.readouts["BDNF"].effect == "none"
    assert subtype.readouts["mTORC1"].chain == ("s", "m")


def test_a_drug_whose_target_is_in_no_hypothesis_is_an_answer(tiny):
    kb, graphs = tiny
    result = explain_drug(kb, kb.drugs["elsewhere"], graphs["disinhibition"])
    assert result.targets == {}
    assert {r.effect for r in result.readouts.values()} == {"none"}
    assert not result.reaches_any


def test_chain_in_words_shows_the_drug_and_the_signs(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    text = format_chain(graph, ("r", "k", "b", "m"), kb.drugs["blocker"], kb.drugs["blocker"].actions)
    # A compartment is named where the chain enters it, not at every node.
    assert text == "Blocker (antagonist) ⊣ Receptor (Membrane) → Kinase (Cell) ⊣ BDNF → mTORC1"


def test_integrated_graph_merges_panels_by_node_id(tiny):
    _, graphs = tiny
    integrated = graphs["integrated"]
    assert set(integrated.nodes) == {"r", "k", "b", "m", "s"}
    assert len(integrated.edges["r", "k"]["hypotheses"]) == 6
    assert integrated.nodes["k"]["x"] == 100.0  # from integrated.toml, not the panel


@pytest.mark.parametrize("query", ["blocker", "BLOCKER", "  Blocker ", "blk-1"])
def test_drug_names_match_ids_names_and_synonyms_ignoring_case(tiny, query):
    kb, _ = tiny
    assert resolve_drug(kb, query).id == "blocker"


def test_unknown_names_suggest_the_closest(tiny):
    kb, _ = tiny
    with pytest.raises(UnknownName) as caught:
        resolve_drug(kb, "blokker")
    assert "Blocker" in caught.value.suggestions
    with pytest.raises(UnknownName) as caught:
        resolve_hypothesis(kb, "disinhibiton")
    assert caught.value.suggestions[0] == "disinhibition"
    assert resolve_hypothesis(kb, "INTEGRATED") == "integrated"


# -- requires edges, scope and basis -------------------------------------------

def test_a_requires_edge_is_a_condition_not_a_step():
    graph = nx.DiGraph()
    for node in "abc":
        graph.add_node(node, label=node, compartment="c", compartment_label="C")
    graph.add_edge("a", "b", sign=1)
    graph.add_edge("c", "b", sign=0, effect="requires")
    graph.add_edge("a", "c", sign=1)
    effects = predict_effects(graph, {"c": {1}}, {"B": "b"})
    assert effects["B"].effect == "none"  # c is required for b; c rising does not raise b
    lit = highlight(graph, ["a"], ["b"])
    assert ("c", "b") not in lit.edges and ("a", "b") in lit.edges


def test_scope_decides_the_basis(tiny):
    """A class pattern never raises a basis; a named entry states; an analogy likens; the
    integrated view takes the stated panels, then the analogy ones, never an extrapolation."""
    kb, _ = tiny
    from dataclasses import replace

    from explorer.model import Citation, Evidence, ScopeEntry
    saved = dict(kb.hypotheses)  # the tiny knowledge base is shared: put its panels back after
    try:
        _check_the_bases(kb, replace, Citation, Evidence, ScopeEntry)
    finally:
        kb.hypotheses.update(saved)


def _check_the_bases(kb, replace, Citation, Evidence, ScopeEntry):
    pattern = ScopeEntry(Citation("§1", (1,)), "q", entity="rec", actions=("antagonist",))
    kb.hypotheses["disinhibition"] = replace(kb.hypotheses["disinhibition"], scope=(pattern,))
    graphs = build_graphs(kb)
    by_class = explain_drug(kb, kb.drugs["blocker"], graphs["disinhibition"])
    assert by_class.scope == (pattern,) and not by_class.in_scope
    assert by_class.readouts["BDNF"].basis == "extrapolated" and not by_class.readouts["BDNF"].evidence
    integrated = explain_drug(kb, kb.drugs["blocker"], graphs["integrated"], panels=graphs)
    assert not integrated.covered and {r.effect for r in integrated.readouts.values()} == {"none"}
    assert not integrated.highlight.nodes and not integrated.signs

    said = Evidence("Blocker blocks rec", "Fig. 1 legend", (1,))
    named = ScopeEntry(Citation("Fig. 1 legend", (1,)), said.quote, drugs=("blocker",), basis="stated",
                       evidence=(said,))
    likened = ScopeEntry(Citation("§2", (1,)), "Subtype blocker is like Blocker", drugs=("subtype-blocker",),
                         basis="analogy", likened_to=("blocker",))
    kb.hypotheses["disinhibition"] = replace(kb.hypotheses["disinhibition"], scope=(named, likened, pattern))
    kb.hypotheses["spontaneous-transmission"] = replace(kb.hypotheses["spontaneous-transmission"],
                                                        scope=(likened,))
    graphs = build_graphs(kb)
    stated = explain_drug(kb, kb.drugs["blocker"], graphs["disinhibition"])
    assert stated.in_scope and stated.readouts["BDNF"].basis == "stated"
    assert stated.readouts["BDNF"].evidence == (said,)
    analogy = explain_drug(kb, kb.drugs["subtype-blocker"], graphs["disinhibition"])
    assert analogy.readouts["mTORC1"].basis == "analogy"
    assert analogy.readouts["mTORC1"].likened_to == ("blocker",)
    elsewhere = explain_drug(kb, kb.drugs["blocker"], graphs["spontaneous-transmission"])
    assert not elsewhere.in_scope and elsewhere.readouts["BDNF"].basis == "extrapolated"
    # Integrated: the stated panel decides; the extrapolating ones are not pooled in.
    integrated = explain_drug(kb, kb.drugs["blocker"], graphs["integrated"], panels=graphs)
    assert integrated.covered and integrated.readouts["BDNF"].basis == "stated"
    assert list(integrated.readouts["BDNF"].breakdown) == ["disinhibition"]
    # The subtype blocker is stated nowhere: the two analogy panels decide together.
    integrated = explain_drug(kb, kb.drugs["subtype-blocker"], graphs["integrated"], panels=graphs)
    assert integrated.readouts["mTORC1"].basis == "analogy"
    assert list(integrated.readouts["mTORC1"].breakdown) == ["disinhibition", "spontaneous-transmission"]
