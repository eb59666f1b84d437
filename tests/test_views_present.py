"""Lecture use (``explorer.views.steps``, ``.present``, ``.compare``): signs, steps, present mode, compare."""

from __future__ import annotations

import re

import pytest

from explorer import engine, views
from explorer.style import EFFECT_WORDS, HIGHLIGHT
from explorer.views import View

from .viewkit import overlay, text

UP, DOWN = EFFECT_WORDS["up"]["symbol"], EFFECT_WORDS["down"]["symbol"]


def explain(kb, graphs, drug, hypothesis):
    return engine.explain_drug(kb, kb.drugs[drug], graphs[hypothesis], panels=graphs)


def labelled(graph, signs):
    return {graph.nodes[n]["label"]: views.sign_mark(s) for n, s in signs.items()}


# -- signs ------------------------------------------------------------------------------

def test_the_double_negative_of_disinhibition_reads_in_the_signs(kb, graphs):
    graph = graphs["disinhibition"]
    signs = labelled(graph, views.lit_signs(graph, explain(kb, graphs, "ketamine", "disinhibition")))
    assert signs["Interneuron activity"] == DOWN and signs["GABA"] == DOWN
    assert signs["Glutamatergic firing"] == UP and signs["BDNF"] == UP and signs["mTORC1"] == UP


def test_signs_are_only_given_to_lit_nodes(tiny):
    kb, graphs = tiny
    explanation = engine.explain_drug(kb, kb.drugs["blocker"], graphs["disinhibition"])
    assert set(views.lit_signs(graphs["disinhibition"], explanation)) == set(explanation.highlight.nodes)
    assert views.lit_signs(graphs["disinhibition"], None) == {}


def test_a_node_reached_with_both_signs_shows_both(tiny):
    kb, graphs = tiny  # blocker: r ⊣… → k ⊣ b → m (m up) and s ⊣ m (m up): flip s's edge for both
    graph = graphs["disinhibition"].copy()
    graph.edges["s", "m"]["sign"] = 1
    explanation = engine.explain_drug(kb, kb.drugs["blocker"], graph)
    assert views.lit_signs(graph, explanation)["m"] == frozenset({1, -1})
    assert views.sign_mark(frozenset({1, -1})) == UP + DOWN


def test_lit_labels_carry_their_marks(kb, graphs):
    sheet = overlay((kb, graphs), View("disinhibition", "ketamine"))
    labels = {re.search(r'id = "([^"]+)"', r["selector"]).group(1): r["style"]["label"]
              for r in sheet if "label" in r["style"] and r["selector"].count("id =") == 1}
    assert labels["gaba"].endswith(DOWN) and labels["pyramidal-firing"].endswith(UP)
    assert labels["bdnf"].endswith(UP)


# -- steps ------------------------------------------------------------------------------

def test_steps_start_at_the_targets_and_reveal_one_node_each(kb, graphs):
    graph = graphs["disinhibition"]
    explanation = explain(kb, graphs, "ketamine", "disinhibition")
    steps = views.chain_steps(graph, explanation)
    assert [s.via for s in steps[: len(explanation.targets)]] == [None] * len(explanation.targets)
    order = [s.node for s in steps]
    assert order.index("gaba") < order.index("pyramidal-firing") < order.index("bdnf") < order.index("mtorc1")
    for step in steps[len(explanation.targets):]:  # each arrives along a lit edge from a revealed node
        assert step.via in explanation.highlight.edges and step.via[0] in order[: order.index(step.node)]
    assert set(order) >= explanation.highlight.nodes


def test_every_stated_prediction_can_be_stepped_through_to_every_route(kb, graphs):
    checked = 0
    for drug in kb.drugs:
        for hypothesis, graph in graphs.items():
            explanation = explain(kb, graphs, drug, hypothesis)
            if not any(r.basis in ("stated", "analogy") and r.effect != "none" for r in explanation.readouts.values()):
                continue
            last = views.last_step(kb, graphs, View(hypothesis, drug))
            sheet = overlay((kb, graphs), View(hypothesis, drug, step=last))
            lit = next(r for r in sheet if r["style"].get("underlay-color") == HIGHLIGHT["lit"]
                       and r["selector"].startswith("node"))
            assert set(re.findall(r'id = "([^"]+)"', lit["selector"])) == set(explanation.highlight.nodes)
            caption = text(views.step_caption(kb, graph, View(hypothesis, drug, step=last), explanation))
            assert f"Step {last} of {last}" in caption
            checked += 1
    assert checked >= 30  # 17 panel views and 17 integrated ones are stated or analogies


def test_step_zero_shows_the_targets_and_step_n_the_arrow_that_reached_its_node(kb, graphs):
    graph = graphs["disinhibition"]
    explanation = explain(kb, graphs, "ketamine", "disinhibition")
    first = text(views.step_caption(kb, graph, View("disinhibition", "ketamine", step=0), explanation))
    assert "Step 0 of" in first and "NMDAR" in first and "antagonist" in first
    steps = views.chain_steps(graph, explanation)
    n = [s.node for s in steps].index("gaba") - len(explanation.targets) + 1
    caption = text(views.step_caption(kb, graph, View("disinhibition", "ketamine", step=n), explanation))
    edge = graph.edges["interneuron-activity", "gaba"]
    assert f"GABA {DOWN}" in caption and "GABA falls" in caption
    assert edge["note"][:40] in caption and ", ".join(map(str, edge["refs"])) in caption


def test_a_step_reveals_only_what_came_before(kb, graphs):
    sheet = overlay((kb, graphs), View("disinhibition", "ketamine", step=2))
    lit = next(r for r in sheet if r["style"].get("underlay-color") == HIGHLIGHT["lit"]
               and r["selector"].startswith("node"))
    assert set(re.findall(r'id = "([^"]+)"', lit["selector"])) == {"nmdar-interneuron", "interneuron-activity",
                                                                     "gaba"}


# -- present mode, compare -----------------------------------------------------------------

@pytest.mark.parametrize(("view", "classes"), [
    (View("disinhibition"), ""),
    (View("disinhibition", "ketamine", mode="present", step=0, compare=("rapastinel",)),
     "present has-drug stepping comparing"),
])
def test_the_page_knows_its_mode(view, classes):
    assert views.page_class(view) == classes


def test_present_mode_draws_larger_type_and_boxes():
    normal = {r["selector"]: r["style"] for r in views.base_stylesheet()}
    present = {r["selector"]: r["style"] for r in views.base_stylesheet(room=views.Room(present=True))}
    larger = {r["selector"]: r["style"] for r in views.base_stylesheet(room=views.Room(present=True, type_step=2))}
    assert present["node"]["font-size"] >= normal["node"]["font-size"] * views.PRESENT_SCALE - 0.1
    assert larger["node"]["font-size"] > present["node"]["font-size"] * 1.4
    assert present[".entity"]["width"] == "data(width)"   # the elements carry the room's sizes


def test_the_canvas_names_the_hypothesis_and_both_drugs(kb, graphs):
    title = text(views.canvas_title(kb, graphs, View("disinhibition", "ketamine", compare=("rapastinel",))))
    assert "Disinhibition" in title and "Ketamine" in title and "Rapastinel" in title


@pytest.mark.parametrize(("a", "b", "hypothesis"), [
    ("ketamine", "rapastinel", "glyx-13"), ("ketamine", "hydroxynorketamine", "hnk-ampa"),
    ("esketamine", "arketamine", "disinhibition"),
])
def test_compare_tells_targets_routes_and_effects_under_every_hypothesis(kb, graphs, a, b, hypothesis):
    panel = views.compare_panel(kb, graphs, View(hypothesis, a, compare=(b,)))
    shown = text(panel)
    assert kb.drugs[a].name in shown and kb.drugs[b].name in shown
    assert "acts on" in shown and "Both routes run through" in shown
    table = next(c for c in panel if getattr(c, "className", "") == "compare-scroll").children
    rows = table.children[1].children
    assert [r.to_plotly_json()["props"]["data-hypothesis"] for r in rows] == list(graphs)
    for row in rows:  # the hypothesis, then each drug's two readouts
        assert len(row.children) == 5


def test_compare_shows_whose_claim_each_effect_is(kb, graphs):
    shown = text(views.compare_panel(kb, graphs, View("disinhibition", "ketamine", compare=("rapastinel",))))
    assert "stated" in shown and "extrap." in shown and "not a claim of the review" in shown


def test_ketamine_and_rapastinel_meet_with_opposite_signs_in_disinhibition(kb, graphs):
    shown = text(views.compare_panel(kb, graphs, View("disinhibition", "ketamine", compare=("rapastinel",))))
    opposite = shown.split("Both, with opposite signs:")[1]
    assert "GABA (①▼ ②▲)" in opposite


def test_the_compared_drug_is_outlined_in_its_own_colour(kb, graphs):
    sheet = overlay((kb, graphs), View("hnk-ampa", "ketamine"))
    explanation_b = explain(kb, graphs, "hydroxynorketamine", "hnk-ampa")
    graph = graphs["hnk-ampa"]
    compare = views.overlay_stylesheet(kb, graph, View("hnk-ampa", "ketamine", compare=("hydroxynorketamine",)),
                                       explain(kb, graphs, "ketamine", "hnk-ampa"), [explanation_b])
    outlined = next(r for r in compare if r["style"].get("outline-color") == HIGHLIGHT["compare"])
    assert set(re.findall(r'id = "([^"]+)"', outlined["selector"])) == set(explanation_b.highlight.nodes)
    assert not any("outline-color" in r["style"] for r in sheet)


def test_the_chains_in_the_drug_panel_carry_each_nodes_change(kb, graphs):
    shown = text(views.drug_panel(kb, graphs, View("disinhibition", "ketamine")))
    assert f"GABA {DOWN} → GABA-A receptor (Pyramidal neuron (soma)) {DOWN} ⊣ Glutamatergic firing {UP}" in shown
    assert f"BDNF {UP}" in shown


def test_a_mixed_readout_shows_each_chain_with_its_own_signs(kb, graphs):
    shown = text(views.drug_panel(kb, graphs, View("disinhibition", "cle100")))
    shown = shown.replace("…", "")  # a chain that continues an earlier one starts with "…"
    assert f"⊣ NMDAR (GABAergic interneuron) {DOWN}" in shown and f"→ NMDAR (GABAergic interneuron) {UP}" in shown
