"""The graph of a view in words: its nodes with their arrows, and a description of the view.

The text alternative every place gives for the graph (WCAG 1.1.1): the app's graph
(``aria-describedby`` and the node list the arrow keys read), the figures' SVG
``<desc>`` and PowerPoint alt text, the one-file explorer. Built from the graph and
the view's :class:`~.records.ViewAccount`, so the chains, signs and bases are the same
words the panel shows; every sign and arrow is a word here ("falls", "inhibits"),
never a symbol alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from ..engine import Explanation
from ..model import KnowledgeBase, action_words
from ..style import KIND_STYLE
from .build import SIGNS, account_of
from .records import Chain, ReadoutAccount, Sign, ViewAccount
from .text import shared_basis

__all__ = ["ArrowWords", "NodeAccount", "description_lines", "graph_description", "graph_name", "node_accounts",
           "node_sentence", "reading_order", "shape_words"]

#: An arrow told from either end: (out of the source, into the target).
_ARROW_WORDS = {"activates": ("activates", "activated by"), "inhibits": ("inhibits", "inhibited by"),
                "requires": ("is required for", "requires")}


@dataclass(frozen=True)
class ArrowWords:
    """One arrow at a node, in words: ``inhibits GABA-A receptor`` or ``activated by NMDAR``."""

    words: str
    other: str


@dataclass(frozen=True)
class NodeAccount:
    """A node in words: what it is, where, how the drug changes it, its arrows in and out."""

    id: str
    label: str
    kind: str
    where: str
    sign: Sign | None = None        # on the drug's routes: rises, falls, or both
    action: str = ""                # the drug's action, where the node is its target
    readout: bool = False
    arrows_in: tuple[ArrowWords, ...] = ()
    arrows_out: tuple[ArrowWords, ...] = ()


def reading_order(graph: nx.DiGraph) -> list[str]:
    """The nodes as a page is read: top to bottom, then left to right (the curated layout's
    rows; the app opens positions up without changing their order)."""
    return sorted(graph, key=lambda n: (graph.nodes[n]["y"], graph.nodes[n]["x"], n))


def node_accounts(graph: nx.DiGraph, explanation: Explanation | None = None) -> tuple[NodeAccount, ...]:
    """Every node of ``graph`` in reading order, with the drug's sign and action where it has one."""
    lit = explanation.highlight.nodes if explanation is not None and explanation.targets else frozenset()
    targets = explanation.targets if explanation is not None else {}
    readouts = set(graph.graph.get("readouts", ()))
    nodes = []
    for node in reading_order(graph):
        data = graph.nodes[node]
        signs = explanation.signs.get(node, frozenset()) if node in lit and explanation is not None else frozenset()
        sign = SIGNS[0] if len(signs) > 1 else SIGNS[next(iter(signs))] if signs else None

        def arrows(edges, end: int, own: int) -> tuple[ArrowWords, ...]:
            return tuple(ArrowWords(_ARROW_WORDS.get(effect, (effect, effect))[end], graph.nodes[edge[own]]["label"])
                         for *edge, effect in edges)

        nodes.append(NodeAccount(
            id=node, label=data["label"], kind=KIND_STYLE.get(data["kind"], {}).get("label", data["kind"]).lower(),
            where=data["compartment_label"], sign=sign,
            action=action_words(targets[node]) if node in targets else "", readout=node in readouts,
            arrows_in=arrows(graph.in_edges(node, data="effect"), 1, 0),
            arrows_out=arrows(graph.out_edges(node, data="effect"), 0, 1)))
    return tuple(nodes)


def node_sentence(node: NodeAccount, drug: str = "") -> str:
    """``GABA, transmitter in GABAergic interneuron: falls under (R,S)-Ketamine. Activated by
    Interneuron activity; inhibits GABA-A receptor.``"""
    state = []
    if node.action:
        state.append(f"target of {drug or 'the drug'}: {node.action}")
    if node.sign is not None:
        state.append(f"{node.sign.word}" + (f" under {drug}" if drug else ""))
    head = (f"{node.label}, {node.kind} in {node.where}{', a readout' if node.readout else ''}"
            + (": " + "; ".join(state) if state else "") + ".")
    grouped: dict[str, list[str]] = {}
    for a in (*node.arrows_in, *node.arrows_out):
        grouped.setdefault(a.words, []).append(a.other)
    arrows = "; ".join(f"{words} {_and(others)}" for words, others in grouped.items())
    return head + (f" {arrows[0].upper()}{arrows[1:]}." if arrows else "")


def _and(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def graph_name(account: ViewAccount) -> str:
    """The graph's short name: ``Pathway graph: Disinhibition …, with (R,S)-Ketamine``."""
    drug = f", with {account.drug.name}" if account.drug is not None else ""
    return f"Pathway graph: {account.title}{drug}"


def _chain_words(readout: ReadoutAccount, chain: Chain, told: Sequence[Chain]) -> str:
    lead = {"up": "Rising route", "down": "Falling route"}.get(chain.effect, "Route") \
        if readout.effect == "mixed" else "Route"
    shared = max((chain.shared_with(other) for other in told), default=0)
    return f"{lead}: {chain.spoken_after(shared)}"


def description_lines(account: ViewAccount, nodes: Sequence[NodeAccount] = (), *, arrows: bool = False) -> list[str]:
    """The view told in sentences, every sign and arrow in words: the graph, the drug and its
    targets, each readout's change with its basis and its routes, conditions and caveats.

    ``nodes`` (from :func:`node_accounts`) adds the graph's size and readouts; with
    ``arrows`` every arrow is told too ("NMDAR activates Interneuron activity"), for a
    figure that must stand alone (an SVG's ``<desc>``, a slide's alt text).
    """
    lines = [f"{account.title}."]
    if nodes:
        count = sum(len(n.arrows_out) for n in nodes)
        readouts = [n.label for n in nodes if n.readout]
        lines.append(f"{len(nodes)} nodes and {count} arrows; readouts: {', '.join(readouts) or 'none'}.")
    drug = account.drug
    if drug is None:
        lines.append("No drug chosen: pick one to light its routes to the readouts.")
    else:
        actions = "; ".join(drug.actions) or "no action stated in the review"
        lines.append(f"Drug: {drug.label} ({drug.class_label}): {actions}.")
        if account.targets:
            lines.append("Its targets here: " + "; ".join(f"{t.label} in {t.where}, {t.actions}"
                                                         for t in account.targets) + ".")
        if account.answer_text:
            lines.append(account.answer_text)
        shared = shared_basis(account)
        if shared is not None:
            lines.append(f"Every prediction here: {shared.basis_words}.")
        told: tuple[Chain, ...] = ()
        said: set = set()
        for readout in account.readouts:
            spoken = readout.spoken
            if shared is not None and readout.basis_words:
                spoken = spoken.replace(f" ({readout.basis_words})", "")
            lines.append(spoken)
            lines += [_chain_words(readout, chain, told) for chain in readout.chains]
            lines += [f"Condition: {r.text}." for r in readout.requirements if r not in said]
            told += readout.chains
            said |= set(readout.requirements)
            lines += [f"Caveat: {c.text}" for c in readout.caveats]
        if account.marks_note:  # (the extrapolation line not again: the bases above say it)
            lines.append(account.marks_note)
    if arrows and nodes:
        told = [f"{n.label} {a.words} {a.other}" for n in nodes for a in n.arrows_out]
        lines.append("Arrows: " + "; ".join(told) + ".")
    return lines


def graph_description(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None = None, *,
                      arrows: bool = True) -> str:
    """A figure's whole text alternative in one paragraph (an SVG's ``<desc>``, a slide's alt
    text): the view's description and, with ``arrows``, every arrow of the graph."""
    nodes = node_accounts(graph, explanation)
    return " ".join(description_lines(account_of(kb, graph, explanation), nodes, arrows=arrows))


def shape_words(graph: nx.DiGraph, explanation: Explanation | None = None) -> dict[object, str]:
    """Each drawn node (by id) and arrow (by ``(source, target)``) in words: a figure's alt
    text for its shapes (a slide's nodes and connectors)."""
    drug = explanation.drug.name if explanation is not None else ""
    words: dict[object, str] = {n.id: node_sentence(n, drug) for n in node_accounts(graph, explanation)}
    for u, v, effect in graph.edges(data="effect"):
        words[u, v] = (f"Arrow: {graph.nodes[u]['label']} {_ARROW_WORDS.get(effect, (effect,))[0]} "
                       f"{graph.nodes[v]['label']}.")
    return words
