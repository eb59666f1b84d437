"""The graph engine: signed signalling graphs and what a drug does to their readouts.

Pure functions over ``networkx.DiGraph``: nothing here reads files or knows Dash.
Every query is linear in the size of the graph. No query enumerates simple paths
(their number grows exponentially); instead:

* the highlight is ``descendants(targets) ∩ ancestors(readouts)`` and the edges
  between them, two breadth-first searches;
* the signed effect is a breadth-first search over (node, sign) states, the
  signed-node construction of INDRA's model checker: an activating edge joins
  ``(u, s)`` to ``(v, s)``, an inhibiting edge joins ``(u, s)`` to ``(v, -s)``. A
  readout reached only as ``+1`` goes ``up``, only as ``-1`` ``down``, as both
  ``mixed``, and never ``none``. Cycles need no special case: each state is
  visited once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from .model import INTEGRATED, Action, Drug, Hypothesis, KnowledgeBase, action_words

__all__ = [
    "Explanation",
    "Highlight",
    "ReadoutEffect",
    "SignedIndex",
    "UnknownName",
    "build_graphs",
    "explain",
    "explain_drug",
    "format_chain",
    "highlight",
    "hypothesis_graph",
    "integrated_graph",
    "node_signs",
    "predict_effects",
    "readouts_of",
    "resolve_drug",
    "resolve_hypothesis",
    "targets_of",
]

EffectWord = Literal["up", "down", "mixed", "none"]


# -- graphs -----------------------------------------------------------------

def _node_attributes(kb: KnowledgeBase, node) -> dict:
    entity = kb.entities[node.entity]
    compartment = kb.compartments[node.compartment]
    return {
        "entity": node.entity, "name": entity.name, "label": node.label or entity.name,
        "kind": entity.kind, "compartment": node.compartment,
        "compartment_label": compartment.label, "x": node.x, "y": node.y,
        "source": node.citation.source, "refs": node.citation.refs, "note": node.citation.note,
    }


def hypothesis_graph(kb: KnowledgeBase, hypothesis: Hypothesis) -> nx.DiGraph:
    """The signed graph of one Fig. 1 panel.

    Nodes carry ``entity``, ``name`` (the entity's), ``label``, ``kind``,
    ``compartment``, ``x``, ``y`` and their citation; edges carry ``effect``,
    ``sign`` (+1/-1), ``mechanism``, their citation and ``hypotheses``.
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


# -- a drug on a graph --------------------------------------------------------

def targets_of(kb: KnowledgeBase, drug: Drug, graph: nx.DiGraph) -> dict[str, tuple[Action, ...]]:
    """The nodes a drug acts on, with the actions that reach each.

    A node is a target when its entity is one the drug acts on, or a subtype of one
    (a drug acting on ``nmdar`` also acts on a ``glun2b-nmdar`` node).
    """
    by_entity: dict[str, list[Action]] = {}
    for action in drug.actions:
        by_entity.setdefault(action.entity, []).append(action)
    targets: dict[str, tuple[Action, ...]] = {}
    for node, entity in graph.nodes(data="entity"):
        actions = [a for e in kb.entity_lineage(entity) for a in by_entity.get(e, ())]
        if actions:
            targets[node] = tuple(actions)
    return targets


class SignedIndex:
    """A graph compiled once for fast queries: integer node ids, adjacency split by sign.

    Building it is linear; every query over it is linear too and runs on plain lists,
    several times faster than walking ``networkx``'s dicts (see ``benchmarks/``).
    """

    def __init__(self, graph: nx.DiGraph):
        self.nodes: list = list(graph)
        self.position = {node: i for i, node in enumerate(self.nodes)}
        n = len(self.nodes)
        self.succ: list[list[int]] = [[] for _ in range(n)]
        self.pred: list[list[int]] = [[] for _ in range(n)]
        self.activates: list[list[int]] = [[] for _ in range(n)]
        self.inhibits: list[list[int]] = [[] for _ in range(n)]
        position = self.position
        for u, v, sign in graph.edges(data="sign"):
            iu, iv = position[u], position[v]
            self.succ[iu].append(iv)
            self.pred[iv].append(iu)
            (self.activates if sign == 1 else self.inhibits)[iu].append(iv)

    def indices(self, nodes: Iterable) -> list[int]:
        return [self.position[n] for n in nodes if n in self.position]


def _reach(neighbours: list[list[int]], starts: list[int]) -> bytearray:
    seen = bytearray(len(neighbours))
    queue = list(dict.fromkeys(starts))
    for i in queue:
        seen[i] = 1
    for u in queue:  # the list grows as we go: a breadth-first queue without popping
        for v in neighbours[u]:
            if not seen[v]:
                seen[v] = 1
                queue.append(v)
    return seen


@dataclass(frozen=True)
class Highlight:
    """The nodes on some path from the targets to the readouts, and the edges between them.

    An edge lies on such a path exactly when both its ends do, so ``edges`` is derived.
    """

    nodes: frozenset = frozenset()
    graph: nx.DiGraph | None = field(default=None, repr=False, compare=False)

    @property
    def edges(self) -> frozenset[tuple[str, str]]:
        if self.graph is None:
            return frozenset()
        return frozenset((u, v) for u in self.nodes for v in self.graph.succ[u] if v in self.nodes)


def highlight(graph: nx.DiGraph, sources: Iterable[str], sinks: Iterable[str],
              *, index: SignedIndex | None = None) -> Highlight:
    """Every node and edge lying on a path from ``sources`` to ``sinks``: O(V + E).

    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("b", "d")])
    >>> sorted(highlight(g, ["a"], ["c"]).nodes)
    ['a', 'b', 'c']
    """
    index = index or SignedIndex(graph)
    forward = _reach(index.succ, index.indices(sources))
    backward = _reach(index.pred, index.indices(sinks))
    nodes = index.nodes
    return Highlight(frozenset(nodes[i] for i in range(len(nodes)) if forward[i] and backward[i]), graph)


def _signed_parents(index: SignedIndex, seeds: Mapping[str, Iterable[int]]) -> list[int]:
    """Breadth-first search over (node, sign) states; state ``2i`` is node i at +1, ``2i+1`` at −1.

    Returns each state's parent state: -1 for a seed, -2 for a state never reached.
    """
    parents = [-2] * (2 * len(index.nodes))
    queue = []
    for node, signs in seeds.items():
        if node in index.position:
            for sign in signs:
                state = 2 * index.position[node] + (sign == -1)
                if parents[state] == -2:
                    parents[state] = -1
                    queue.append(state)
    activates, inhibits = index.activates, index.inhibits
    for state in queue:
        u, negative = state >> 1, state & 1
        for v in activates[u]:
            nxt = 2 * v + negative
            if parents[nxt] == -2:
                parents[nxt] = state
                queue.append(nxt)
        for v in inhibits[u]:
            nxt = 2 * v + 1 - negative
            if parents[nxt] == -2:
                parents[nxt] = state
                queue.append(nxt)
    return parents


def node_signs(graph: nx.DiGraph, seeds: Mapping[str, Iterable[int]],
               *, index: SignedIndex | None = None) -> dict[str, frozenset[int]]:
    """The signs (+1, -1 or both) with which each node is reached from ``seeds``: O(V + E).

    The same (node, sign) search as :func:`predict_effects`, read at every node instead
    of at the readouts: a node reached only as +1 rises, only as -1 falls, as both
    is where routes of both signs meet. Nodes never reached are left out.

    >>> g = nx.DiGraph()
    >>> g.add_edge("a", "b", sign=-1); g.add_edge("b", "c", sign=-1)
    >>> node_signs(g, {"a": {1}})
    {'a': frozenset({1}), 'b': frozenset({-1}), 'c': frozenset({1})}
    """
    index = index or SignedIndex(graph)
    parents = _signed_parents(index, seeds)
    signs = {}
    for i, node in enumerate(index.nodes):
        reached = frozenset(s for s, state in ((1, 2 * i), (-1, 2 * i + 1)) if parents[state] != -2)
        if reached:
            signs[node] = reached
    return signs


def _chain(index: SignedIndex, parents: list[int], state: int) -> tuple[str, ...]:
    chain = []
    while state >= 0:
        chain.append(index.nodes[state >> 1])
        state = parents[state]
    return tuple(reversed(chain))


@dataclass(frozen=True)
class ReadoutEffect:
    """The predicted effect on one readout, with a shortest chain explaining it.

    ``chain`` runs from a target to the readout (empty for ``none``); for ``mixed``
    it is the shorter of the two, and ``chains`` holds one chain per sign reached.
    """

    effect: EffectWord
    chain: tuple[str, ...] = ()
    chains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def predict_effects(graph: nx.DiGraph, seeds: Mapping[str, Iterable[int]],
                    readouts: Mapping[str, str], *, index: SignedIndex | None = None,
                    ) -> dict[str, ReadoutEffect]:
    """The effect on each readout (name → node id) of perturbing ``seeds`` with signs.

    ``seeds`` maps a node to the signs it is pushed with (+1, -1 or both).
    """
    index = index or SignedIndex(graph)
    parents = _signed_parents(index, seeds)
    effects: dict[str, ReadoutEffect] = {}
    for name, node in readouts.items():
        chains = {}
        if node in index.position:
            for word, state in (("up", 2 * index.position[node]), ("down", 2 * index.position[node] + 1)):
                if parents[state] != -2:
                    chains[word] = _chain(index, parents, state)
        if not chains:
            effects[name] = ReadoutEffect("none")
        elif len(chains) == 2:
            effects[name] = ReadoutEffect("mixed", min(chains.values(), key=len), chains)
        else:
            [(word, chain)] = chains.items()
            effects[name] = ReadoutEffect(word, chain, chains)
    return effects


@dataclass(frozen=True)
class Explanation:
    """What one drug does under one hypothesis."""

    drug: Drug
    hypothesis: str
    targets: Mapping[str, tuple[Action, ...]]
    readouts: Mapping[str, ReadoutEffect]
    highlight: Highlight

    @property
    def reaches_any(self) -> bool:
        return any(r.effect != "none" for r in self.readouts.values())


def explain_drug(kb: KnowledgeBase, drug: Drug, graph: nx.DiGraph,
                 *, index: SignedIndex | None = None) -> Explanation:
    """Targets, highlight and signed effect on every readout, for one drug and graph."""
    index = index or SignedIndex(graph)
    targets = targets_of(kb, drug, graph)
    seeds = {node: {s for a in actions for s in a.signs} for node, actions in targets.items()}
    readouts = readouts_of(graph)
    return Explanation(
        drug=drug, hypothesis=graph.graph["id"], targets=targets,
        readouts=predict_effects(graph, seeds, readouts, index=index),
        highlight=highlight(graph, targets, readouts.values(), index=index),
    )


def explain(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug: Drug,
            hypothesis_ids: Iterable[str] | None = None) -> list[Explanation]:
    """``explain_drug`` over the six panels (or the hypotheses named)."""
    ids = list(hypothesis_ids) if hypothesis_ids is not None else list(kb.hypotheses)
    return [explain_drug(kb, drug, graphs[h]) for h in ids]


_ARROW = {1: "→", -1: "⊣"}


def format_chain(graph: nx.DiGraph, chain: Iterable[str], drug: Drug | None = None,
                 actions: Iterable[Action] = ()) -> str:
    """A chain in words, naming a compartment only where the chain enters it.

    ``(R,S)-Ketamine (antagonist) ⊣ NMDAR (GABAergic interneuron) → Interneuron activity → …``
    """
    chain = list(chain)
    parts = []
    if drug is not None and chain:
        actions = list(actions)
        signs = {s for a in actions for s in a.signs}
        arrow = _ARROW[signs.pop()] if len(signs) == 1 else "⇢"
        parts.append(f"{drug.name} ({action_words(actions)}) {arrow}")
    compartment = None
    for i, node in enumerate(chain):
        data = graph.nodes[node]
        parts.append(data["label"] if data["compartment"] == compartment
                     else f"{data['label']} ({data['compartment_label']})")
        compartment = data["compartment"]
        if i + 1 < len(chain):
            parts.append(_ARROW[graph.edges[node, chain[i + 1]]["sign"]])
    return " ".join(parts)


# -- names --------------------------------------------------------------------

class UnknownName(LookupError):
    """A drug or hypothesis name that matches nothing; carries the closest names."""

    def __init__(self, kind: str, query: str, suggestions: list[str]):
        self.kind, self.query, self.suggestions = kind, query, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {query!r}{hint}")


def _normalise(name: str) -> str:
    return " ".join(name.casefold().split())


def _suggest(query: str, names: Mapping[str, str], n: int = 3) -> list[str]:
    """Closest display names; ``names`` maps normalised alias → display name."""
    close = difflib.get_close_matches(_normalise(query), list(names), n=n * 3, cutoff=0.5)
    contains = [a for a in names if _normalise(query) and _normalise(query) in a]
    return list(dict.fromkeys(names[a] for a in close + contains))[:n]


def resolve_drug(kb: KnowledgeBase, query: str) -> Drug:
    """The drug whose id, name, synonym or code is ``query``, ignoring case.

    Raises :class:`UnknownName` with the closest names when nothing matches.
    """
    aliases = {_normalise(alias): drug for drug in kb.drugs.values() for alias in drug.aliases}
    found = aliases.get(_normalise(query))
    if found is None:
        raise UnknownName("drug", query, _suggest(query, {a: d.name for a, d in aliases.items()}))
    return found


def resolve_hypothesis(kb: KnowledgeBase, query: str) -> str:
    """The hypothesis id (or ``integrated``) matching an id or title, ignoring case."""
    names = {_normalise(h.id): h.id for h in kb.hypotheses.values()}
    names.update({_normalise(h.title): h.id for h in kb.hypotheses.values()})
    names[INTEGRATED] = INTEGRATED
    found = names.get(_normalise(query))
    if found is None:
        raise UnknownName("hypothesis", query, _suggest(query, names))
    return found
