"""Linear queries on a signed graph: the highlight and the (node, sign) search."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from ..model import Basis, Evidence, ReadoutCaveat

__all__ = ["EffectWord", "Highlight", "ReadoutEffect", "SignedIndex", "highlight", "node_signs", "predict_effects"]

EffectWord = Literal["up", "down", "mixed", "none"]


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
    ``evidence`` holds the review's sentences behind a ``stated`` or ``analogy``
    basis, and ``likened_to`` the drugs an analogy likens this one to.
    ``requires`` lists the ``requires`` edges into the nodes of the chains;
    ``required_for`` the nodes whose change (on the drug's chains) requires this
    readout: a condition, never a fall. ``caveats`` are the review's own doubts
    about this readout. In the integrated view ``breakdown`` gives the effect in
    each panel that decided it.
    """

    effect: EffectWord
    chain: tuple[str, ...] = ()
    chains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    basis: Basis = ""
    basis_note: str = ""
    requires: tuple[tuple[str, str], ...] = ()
    breakdown: Mapping[str, EffectWord] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    likened_to: tuple[str, ...] = ()
    caveats: tuple[ReadoutCaveat, ...] = ()
    required_for: tuple[str, ...] = ()


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
