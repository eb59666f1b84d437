"""The step-through in words: :func:`steps_of` tells each lit node of a view in the
order a lecturer reveals them (:func:`explorer.engine.steps.chain_steps`), with its
sign, the arrow that reaches it and its citation, and whose claim its change is.

The quiz asks one question per step and reveals these words as its answers.
Linear in the size of the graph: one pass over the steps, and one backward search
over the lit edges per readout.
"""

from __future__ import annotations

import networkx as nx

from ..engine import Explanation, readouts_of
from ..engine.steps import chain_steps
from ..model import BASIS_WORDS, action_chain_words, action_words
from .build import SIGNS
from .records import Arrow, Chain, ChainNode, Sign, StepAccount

__all__ = ["BASIS_RANK", "sign_of", "steps_of"]

#: Whose claim is strongest: the review's own, its likening, the panel's logic.
BASIS_RANK = {"stated": 0, "analogy": 1, "extrapolated": 2}
_ARROW_WORDS = {1: ("→", "activates"), -1: ("⊣", "inhibits"), 0: ("⇢", "acts on")}


def sign_of(signs: frozenset[int]) -> Sign:
    """The sign of a set of signs: rises, falls, or both where routes of both signs meet."""
    return SIGNS[next(iter(signs))] if len(signs) == 1 else SIGNS[0]


def _leads_to(graph: nx.DiGraph, explanation: Explanation) -> dict[str, list[str]]:
    """Each lit node → the changing readouts it lies upstream of, along lit edges."""
    back: dict[str, list[str]] = {}
    for u, v in explanation.highlight.edges:
        back.setdefault(v, []).append(u)
    leads: dict[str, list[str]] = {}
    for name, node in readouts_of(graph).items():
        effect = explanation.readouts.get(name)
        if effect is None or effect.effect == "none" or node not in explanation.highlight.nodes:
            continue
        seen, queue = {node}, [node]
        for current in queue:  # grows as we go
            leads.setdefault(current, []).append(name)
            for previous in back.get(current, ()):
                if previous not in seen:
                    seen.add(previous)
                    queue.append(previous)
    return leads


def _basis(explanation: Explanation, readouts: list[str]) -> str:
    bases = [explanation.readouts[r].basis for r in readouts if explanation.readouts[r].basis]
    return min(bases, key=BASIS_RANK.__getitem__, default="")


def steps_of(graph: nx.DiGraph, explanation: Explanation | None) -> tuple[StepAccount, ...]:
    """The lit nodes in step-through order, each told in words (targets off every route left out).

    >>> from explorer.loader import load_knowledge_base
    >>> from explorer.engine import build_graphs, explain_drug
    >>> kb = load_knowledge_base(); graphs = build_graphs(kb)
    >>> e = explain_drug(kb, kb.drugs["ketamine"], graphs["disinhibition"], panels=graphs)
    >>> [s.reveal for s in steps_of(graphs["disinhibition"], e)][:3]
    ['NMDAR ▼ falls', 'Interneuron activity ▼ falls', 'GABA ▼ falls']
    """
    if explanation is None:
        return ()
    readout_names = {node: name for name, node in readouts_of(graph).items()}
    leads = _leads_to(graph, explanation)
    told: dict[str, StepAccount] = {}
    for step in chain_steps(graph, explanation):
        if step.node not in explanation.highlight.nodes:
            continue  # a target off every route: nothing follows from it here
        data = graph.nodes[step.node]
        sign = sign_of(step.signs)
        if step.via is None:
            actions = explanation.targets[step.node]
            start = frozenset(s for a in actions for s in a.signs)
            refs = tuple(dict.fromkeys(r for a in actions for r in a.citation.refs))
            arrow = Arrow(*_ARROW_WORDS[next(iter(start)) if len(start) == 1 else 0], action_words(actions),
                          actions[0].citation.source, refs)
            route = Chain(explanation.drug.name, action_chain_words(actions),
                          (ChainNode(data["label"], data["compartment_label"], sign),), (arrow,), "")
            source, source_node, note = explanation.drug.name, "", data["note"]
        else:
            source_node = step.via[0]
            edge = graph.edges[step.via]
            arrow = Arrow(*_ARROW_WORDS[edge["sign"]], edge["mechanism"], edge["source"], tuple(edge["refs"]))
            before = told[source_node].route
            same_place = graph.nodes[source_node]["compartment"] == data["compartment"]
            node = ChainNode(data["label"], "" if same_place else data["compartment_label"], sign)
            route = Chain(before.drug, before.actions, (*before.nodes, node), (*before.arrows, arrow), "")
            source, note = graph.nodes[source_node]["label"], edge["note"]
        basis = _basis(explanation, leads.get(step.node, []))
        told[step.node] = StepAccount(
            node=step.node, label=data["label"], where=data["compartment_label"], sign=sign, arrow=arrow,
            source=source, source_node=source_node, route=route, note=note, target=step.via is None,
            readout=readout_names.get(step.node, ""), leads_to=tuple(leads.get(step.node, ())), basis=basis,
            basis_words=BASIS_WORDS.get(basis, ""))
    return tuple(told.values())

