"""The signed graphs of the panels and of the integrated view, and a drug's targets on them."""

from __future__ import annotations

import weakref

import networkx as nx

from ..model import INTEGRATED, Action, Drug, Hypothesis, KnowledgeBase

__all__ = ["build_graphs", "graph_parts", "hypothesis_graph", "integrated_graph", "readouts_of", "targets_of"]


def _node_attributes(kb: KnowledgeBase, node) -> dict:
    entity = kb.entities[node.entity]
    compartment = kb.compartments[node.compartment]
    return {
        "entity": node.entity, "name": entity.name, "label": node.label or entity.name,
        "kind": entity.kind, "site": node.site, "compartment": node.compartment,
        "compartment_label": compartment.label, "x": node.x, "y": node.y,
        "source": node.citation.source, "refs": node.citation.refs, "note": node.citation.note,
    }


def hypothesis_graph(kb: KnowledgeBase, hypothesis: Hypothesis) -> nx.DiGraph:
    """The signed graph of one Fig. 1 panel.

    Nodes carry ``entity``, ``name`` (the entity's), ``label``, ``kind``, ``site``,
    ``compartment``, ``x``, ``y`` and their citation; edges carry ``effect``,
    ``sign`` (+1 activates, -1 inhibits, 0 requires), ``mechanism``, their citation
    and ``hypotheses``.
    """
    graph = nx.DiGraph(id=hypothesis.id, title=hypothesis.title, readouts=hypothesis.readouts)
    for node in hypothesis.nodes:
        graph.add_node(node.id, **_node_attributes(kb, node))
    for edge in hypothesis.edges:
        graph.add_edge(edge.source, edge.target, effect=edge.effect, sign=edge.sign,
                       mechanism=edge.mechanism, source=edge.citation.source,
                       refs=edge.citation.refs, note=edge.citation.note,
                       hypotheses=(hypothesis.id,))
    return graph


def integrated_graph(kb: KnowledgeBase) -> nx.DiGraph:
    """All six panels merged by node id, laid out by ``integrated.toml``.

    An edge drawn in several panels is one edge listing them all in ``hypotheses``.
    """
    readouts = tuple(dict.fromkeys(r for h in kb.hypotheses.values() for r in h.readouts))
    graph = nx.DiGraph(id=INTEGRATED, title="All hypotheses, integrated", readouts=readouts)
    for hypothesis in kb.hypotheses.values():
        for node in hypothesis.nodes:
            if node.id not in graph:
                x, y = kb.integrated_positions.get(node.id, (node.x, node.y))
                graph.add_node(node.id, **{**_node_attributes(kb, node), "x": x, "y": y})
        for edge in hypothesis.edges:
            if graph.has_edge(edge.source, edge.target):
                data = graph.edges[edge.source, edge.target]
                data["hypotheses"] += (hypothesis.id,)
                data["refs"] = tuple(dict.fromkeys(data["refs"] + edge.citation.refs))
            else:
                graph.add_edge(edge.source, edge.target, effect=edge.effect, sign=edge.sign,
                               mechanism=edge.mechanism, source=edge.citation.source,
                               refs=edge.citation.refs, note=edge.citation.note,
                               hypotheses=(hypothesis.id,))
    return graph


def build_graphs(kb: KnowledgeBase) -> dict[str, nx.DiGraph]:
    """Every panel's graph in the review's order, then the integrated one."""
    graphs = {h.id: hypothesis_graph(kb, h) for h in kb.hypotheses.values()}
    graphs[INTEGRATED] = integrated_graph(kb)
    return graphs


def readouts_of(graph: nx.DiGraph) -> dict[str, str]:
    """Readout names (the entity's name, e.g. ``"BDNF"``) to node ids."""
    return {graph.nodes[node]["name"]: node for node in graph.graph["readouts"]}


def targets_of(kb: KnowledgeBase, drug: Drug, graph: nx.DiGraph) -> dict[str, tuple[Action, ...]]:
    """The nodes a drug acts on, with the actions that reach each.

    A node is a target when its entity is one the drug acts on, or a subtype of one
    (a drug acting on ``nmdar`` also acts on a ``glun2b-nmdar`` node). A node with a
    ``site`` (GLYX-13's glycine site) is a target only of actions at that site, so a
    channel blocker does not act on it.
    """
    by_entity: dict[str, list[Action]] = {}
    for action in drug.actions:
        by_entity.setdefault(action.entity, []).append(action)
    targets: dict[str, tuple[Action, ...]] = {}
    for node, data in graph.nodes(data=True):
        site = data.get("site", "")
        actions = [a for e in kb.entity_lineage(data["entity"]) for a in by_entity.get(e, ())
                   if not site or a.site == site]
        if actions:
            targets[node] = tuple(actions)
    return targets


_PARTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def graph_parts(kb: KnowledgeBase, graph: nx.DiGraph) -> list[nx.DiGraph]:
    """The graph as the parts a slide (and the app's present mode) shows it in: the
    integrated view's ``[[part]]`` layouts (each part's nodes and the edges between them,
    titled), or the graph whole. Remembered per graph, so each part keeps its layouts
    between calls."""
    if graph.graph.get("id") != INTEGRATED or not kb.integrated_parts:
        return [graph]
    if graph not in _PARTS:
        parts = []
        count = len(kb.integrated_parts)
        for i, part in enumerate(kb.integrated_parts):
            sub = graph.subgraph([n for n in graph if n in part.nodes]).copy()
            # ``whole``: the view the part belongs to, which its description tells (the
            # drug's targets and routes run across the parts).
            sub.graph.update(part=i, whole=graph, readouts=[r for r in graph.graph.get("readouts", ()) if r in sub],
                             title=f"{graph.graph.get('title', '')} ({i + 1} of {count}): {part.title}")
            parts.append(sub)
        _PARTS[graph] = parts
    return _PARTS[graph]
