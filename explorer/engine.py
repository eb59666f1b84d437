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
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Literal, Mapping

import networkx as nx

from .model import INTEGRATED, Action, Drug, Hypothesis, KnowledgeBase

__all__ = [
    "Explanation", "Highlight", "ReadoutEffect", "UnknownName",
    "build_graphs", "explain", "explain_drug", "format_chain", "highlight",
    "hypothesis_graph", "integrated_graph", "predict_effects", "readouts_of",
    "resolve_drug", "resolve_hypothesis", "signed_reach", "targets_of",
]

EffectWord = Literal["up", "down", "mixed", "none"]
State = tuple[str, int]


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


def _reach(neighbours: Mapping, starts: Iterable[str]) -> set[str]:
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for nxt in neighbours[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


@dataclass(frozen=True)
class Highlight:
    """The nodes and edges on some path from the targets to the readouts."""

    nodes: frozenset[str] = frozenset()
    edges: frozenset[tuple[str, str]] = frozenset()


def highlight(graph: nx.DiGraph, sources: Iterable[str], sinks: Iterable[str]) -> Highlight:
    """Every node and edge lying on a path from ``sources`` to ``sinks``: O(V + E).

    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("b", "d")])
    >>> sorted(highlight(g, ["a"], ["c"]).nodes)
    ['a', 'b', 'c']
    """
    forward = _reach(graph.succ, (s for s in sources if s in graph))
    backward = _reach(graph.pred, (s for s in sinks if s in graph))
    nodes = forward & backward
    edges = frozenset((u, v) for u in nodes for v in graph.succ[u] if v in nodes)
    return Highlight(frozenset(nodes), edges)


def signed_reach(graph: nx.DiGraph, seeds: Mapping[str, Iterable[int]]) -> dict[State, State | None]:
    """Breadth-first search over (node, sign) states from signed seeds.

    Returns each reached state with the state it was first reached from (``None``
    for a seed), so that following the parents gives a shortest signed chain.
    """
    parents: dict[State, State | None] = {}
    queue: deque[State] = deque()
    for node, signs in seeds.items():
        for sign in signs:
            if node in graph and (node, sign) not in parents:
                parents[(node, sign)] = None
                queue.append((node, sign))
    succ = graph.succ
    while queue:
        node, sign = state = queue.popleft()
        for nxt, data in succ[node].items():
            nxt_state = (nxt, sign * data["sign"])
            if nxt_state not in parents:
                parents[nxt_state] = state
                queue.append(nxt_state)
    return parents


def _chain(parents: Mapping[State, State | None], state: State) -> tuple[str, ...]:
    chain = []
    current: State | None = state
    while current is not None:
        chain.append(current[0])
        current = parents[current]
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
                    readouts: Mapping[str, str]) -> dict[str, ReadoutEffect]:
    """The effect on each readout (name → node id) of perturbing ``seeds`` with signs."""
    parents = signed_reach(graph, seeds)
    effects: dict[str, ReadoutEffect] = {}
    for name, node in readouts.items():
        chains = {word: _chain(parents, (node, sign))
                  for word, sign in (("up", 1), ("down", -1)) if (node, sign) in parents}
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


def explain_drug(kb: KnowledgeBase, drug: Drug, graph: nx.DiGraph) -> Explanation:
    """Targets, highlight and signed effect on every readout, for one drug and graph."""
    targets = targets_of(kb, drug, graph)
    seeds = {node: {s for a in actions for s in a.signs} for node, actions in targets.items()}
    readouts = readouts_of(graph)
    return Explanation(
        drug=drug, hypothesis=graph.graph["id"], targets=targets,
        readouts=predict_effects(graph, seeds, readouts),
        highlight=highlight(graph, targets, readouts.values()),
    )


def explain(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug: Drug,
            hypothesis_ids: Iterable[str] | None = None) -> list[Explanation]:
    """``explain_drug`` over the six panels (or the hypotheses named)."""
    ids = list(hypothesis_ids) if hypothesis_ids is not None else list(kb.hypotheses)
    return [explain_drug(kb, drug, graphs[h]) for h in ids]


_ARROW = {1: "→", -1: "⊣"}


def format_chain(graph: nx.DiGraph, chain: tuple[str, ...], drug: Drug | None = None,
                 actions: Iterable[Action] = ()) -> str:
    """A chain in words: ``ketamine ⊣ NMDAR (GABAergic interneuron) → … → BDNF``."""
    def name(node: str) -> str:
        data = graph.nodes[node]
        return f"{data['label']} ({data['compartment_label']})"

    parts = []
    if drug is not None and chain:
        actions = list(actions)
        signs = {s for a in actions for s in a.signs}
        arrow = _ARROW[signs.pop()] if len(signs) == 1 else "⇢"
        words = ", ".join(dict.fromkeys(a.action.replace("-", " ") for a in actions))
        parts.append(f"{drug.name} ({words}) {arrow}")
    for i, node in enumerate(chain):
        parts.append(name(node))
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
