"""What a screen reader gets of the graph (``views.access``): the description and the node list
rendered from the account, and what the page announces at each change."""

from __future__ import annotations

import pytest

from explorer import account, views
from explorer.views import View

from .test_account_describe import SYMBOLS, told


def test_the_app_renders_the_description_and_the_node_list(kb, graphs):
    graph, explanation, view = told(kb, graphs, "disinhibition", "ketamine")
    section = views.graph_text(kb, graph, View("disinhibition", "ketamine"), explanation, view)
    description = next(c for c in section.children if getattr(c, "id", None) == "graph-description")
    assert [p.children for p in description.children] == account.description_lines(
        view, account.node_accounts(graph, explanation))
    items = next(c for c in section.children if getattr(c, "id", None) == "graph-nodes").children
    assert [getattr(li, "data-node") for li in items] == account.reading_order(graph)


@pytest.mark.parametrize(("step", "expected"), [
    (0, "Step 0 of {last}: (R,S)-Ketamine acts on NMDAR (GABAergic interneuron): antagonist."),
    (2, "Step 2 of {last}: GABA falls: Interneuron activity activates GABA by"),
])
def test_each_step_is_announced_in_words(kb, graphs, step, expected):
    view = View("disinhibition", "ketamine", step=step)
    _, explanation, told_ = told(kb, graphs, "disinhibition", "ketamine")
    last = views.last_step(kb, graphs, view)
    said = views.announcement(kb, graphs, view, explanation, told_)
    assert said.startswith(expected.format(last=last))
    assert not any(symbol in said for symbol in SYMBOLS)


def test_a_view_is_announced_with_its_effects_and_selection(kb, graphs):
    _, explanation, told_ = told(kb, graphs, "disinhibition", "ketamine")
    said = views.announcement(kb, graphs, View("disinhibition", "ketamine", node="gaba", mode="present"),
                              explanation, told_)
    assert said.startswith(f"{kb.hypotheses['disinhibition'].title}, with (R,S)-Ketamine.")
    assert "BDNF rises" in said and "Selected: GABA" in said and said.endswith("Present mode.")
