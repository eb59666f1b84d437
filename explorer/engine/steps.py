"""The drug's chain told one node at a time: signs of the lit nodes and the order of revealing.

Pure functions of a graph and an :class:`Explanation`; the step-through, present
mode, the account's steps and the quiz (one question per node, in this order) draw
from them. Linear in the size of the graph: the signs come
from the engine's (node, sign) search, the order from one breadth-first search over
the lit nodes.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .explain import Explanation

__all__ = ["Step", "chain_steps", "lit_signs", "step_count"]


def lit_signs(graph: nx.DiGraph, explanation: Explanation | None) -> dict[str, frozenset[int]]:
    """Each lit node's signs: rises (+1), falls (-1) or both, where routes of both signs meet.

    The engine's (``Explanation.signs``, the same the figures mark; pooled from the
    deciding panels in the integrated view), kept to the lit nodes.
    """
    if explanation is None or not explanation.highlight.nodes:
        return {}
    return {node: signs for node, signs in explanation.signs.items() if node in explanation.highlight.nodes}


@dataclass(frozen=True)
class Step:
    """One node revealed: how it changes and the edge (with its citation) that reaches it."""

    node: str
    signs: frozenset[int]
    via: tuple[str, str] | None = None  # None for the targets, shown together at step 0


def chain_steps(graph: nx.DiGraph, explanation: Explanation | None) -> list[Step]:
    """The lit nodes in the order a lecturer tells them: targets first, then breadth-first.

    Every lit node is reached from a target along lit nodes only (it lies on a path
    from a target to a readout), so the search reveals all of them; each step names
    the edge from an already revealed node. Targets off every route come first too:
    step 0 shows all the drug's targets.
    """
    if explanation is None or not explanation.targets:
        return []
    signs = lit_signs(graph, explanation)
    lit = explanation.highlight.nodes
    targets = list(explanation.targets)
    target_signs = {n: frozenset(s for a in acts for s in a.signs) for n, acts in explanation.targets.items()}
    steps = [Step(n, signs.get(n, target_signs[n])) for n in targets]
    seen = set(targets)
    succ: dict[str, list[str]] = {}
    for u, v in sorted(explanation.highlight.edges):  # the lit, signed edges only (never a requirement)
        succ.setdefault(u, []).append(v)
    queue = [n for n in targets if n in lit]
    for node in queue:  # grows as we go: breadth-first without popping
        for nxt in sorted(succ.get(node, ()), key=lambda n: list(graph.succ[node]).index(n)):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
                steps.append(Step(nxt, signs.get(nxt, frozenset()), (node, nxt)))
    return steps


def step_count(graph: nx.DiGraph, explanation: Explanation | None) -> int:
    """The last step's number: 0 shows the targets, each further step one more node."""
    steps = chain_steps(graph, explanation)
    return sum(1 for s in steps if s.via is not None)
