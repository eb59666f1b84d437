"""What a screen reader reads of the graph: its description, its nodes one by one, and
what the page announces when the view changes.

The graph is drawn on canvases, which a screen reader cannot read: the page gives it
a name and ``aria-describedby`` pointing at :func:`graph_text`'s description, a list of
its nodes that the arrow keys read one at a time (``assets/app.js``), and
:func:`announcement`, a sentence put in a live region at each change of view (a step
of the step-through, a drug, a selection). Every word comes from
:mod:`explorer.account`, so the graph's text says what the panel says.
"""

from __future__ import annotations

import networkx as nx
from dash import html

from .. import account, engine
from ..model import KnowledgeBase
from .base import Graphs, edge_ends
from .present import step_text
from .state import View
from .steps import chain_steps, step_count

__all__ = ["GRAPH_KEYS", "announcement", "graph_text"]

#: How the graph works from the keyboard (its second description, shown when it has focus).
GRAPH_KEYS = ("Graph keys: arrow keys move from node to node in reading order (top to bottom, left to right), "
              "Home and End go to the first and last; Enter shows the node's details; Escape leaves the nodes.")


def graph_text(kb: KnowledgeBase, graph: nx.DiGraph, view: View, explanation: engine.Explanation | None,
               told: account.ViewAccount) -> html.Section:
    """The graph as text: its description (what ``aria-describedby`` points at) and its nodes,
    each an item the arrow keys read (``data-node``), in reading order."""
    nodes = account.node_accounts(graph, explanation)
    drug = explanation.drug.name if explanation is not None else ""
    return html.Section([
        html.H2("The graph as text"),
        html.Div([html.P(line) for line in account.description_lines(told, nodes)], id="graph-description"),
        html.H3("Nodes, in reading order"),
        html.Ul([html.Li(account.node_sentence(n, drug), **{"data-node": n.id}) for n in nodes], id="graph-nodes"),
    ], id="graph-text", className="visually-hidden", **{"aria-label": account.graph_name(told)})


def announcement(kb: KnowledgeBase, graphs: Graphs, view: View, explanation: engine.Explanation | None,
                 told: account.ViewAccount) -> str:
    """One sentence for the live region: the step just taken, or the view now shown."""
    graph = graphs[view.hypothesis]
    if view.step is not None and explanation is not None:
        return _step_words(graph, view, explanation)
    parts = [account.graph_name(told).removeprefix("Pathway graph: ") + "."]
    if told.readouts:
        parts.append(" ".join(r.spoken for r in told.readouts if r.status == "changes"))
    elif told.answer_text:
        parts.append(told.answer_text)
    if view.node in graph:
        parts.append(f"Selected: {graph.nodes[view.node]['label']}; its details are shown.")
    elif view.edge and (ends := edge_ends(graph, view.edge)):
        source, target = (graph.nodes[n]["label"] for n in ends)
        parts.append(f"Selected: the arrow from {source} to {target}; its details are shown.")
    if view.mode == "present":
        parts.append("Present mode.")
    return " ".join(p for p in parts if p)


def _step_words(graph: nx.DiGraph, view: View, explanation: engine.Explanation) -> str:
    """``Step 2 of 9: GABA falls: Interneuron activity activates GABA by release.``"""
    steps = chain_steps(graph, explanation)
    last = step_count(graph, explanation)
    head = f"Step {view.step} of {last}"
    if not steps:
        return f"{head}: {explanation.drug.name} acts on nothing drawn here."
    if view.step == 0:
        return f"{head}: " + " ".join(step_text(graph, explanation, s)["spoken"] for s in steps if s.via is None)
    step = steps[len(explanation.targets) + view.step - 1]
    sentence = f"{head}: {step_text(graph, explanation, step)['spoken']}"
    return sentence + (" Last step: every route is shown." if view.step == last else "")
