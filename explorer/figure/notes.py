"""Speaker notes: a view's chains in words, with the review's reference numbers."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import networkx as nx

from ..engine import Explanation, format_chain
from ..model import INTEGRATED, KnowledgeBase
from ..style import EFFECT_WORDS
from .overlay import basis_of, extrapolation_caveat
from .scene import citation_line

__all__ = ["notes_text"]


def _refs(numbers: Iterable[int]) -> str:
    numbers = list(dict.fromkeys(numbers))
    return f" [refs {', '.join(map(str, numbers))}]" if numbers else ""


def notes_text(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None) -> str:
    """The speaker notes: the panel's source, and each readout's chain in words with references.

    Each step of a chain names its edge's mechanism and the review's reference numbers.
    """
    lines = [graph.graph.get("title", ""), ""]
    hypothesis = kb.hypotheses.get(graph.graph.get("id", ""))
    if hypothesis is not None:
        lines += [hypothesis.summary, f"Source: {hypothesis.citation.source}{_refs(hypothesis.citation.refs)}", ""]
    if explanation is not None:
        drug = explanation.drug
        lines.append(f"{drug.name}: " + "; ".join(
            f"{a.action.replace('-', ' ')} of {kb.entities[a.entity].name if a.entity in kb.entities else a.entity}"
            f"{_refs(a.citation.refs)}" for a in drug.actions))
        if not explanation.targets:
            lines.append("Acts on nothing drawn in this hypothesis: no modelled path reaches its readouts.")
        for name, effect in explanation.readouts.items():
            word = EFFECT_WORDS[effect.effect]
            basis = basis_of(effect)
            lines.append("")
            lines.append(f"{name}: {word['symbol']} {word['text']}" + (f" ({basis})" if basis else ""))
            if basis == "extrapolated":
                lines.append(extrapolation_caveat(drug.name, integrated=graph.graph.get("id") == INTEGRATED))
            if basis and effect.basis_note:
                lines.append(f"  Why {basis}: {effect.basis_note}")
            chains = effect.chains or ({effect.effect: effect.chain} if effect.chain else {})
            for chain in chains.values():
                first = chain[0] if chain else None
                actions = explanation.targets.get(first, ()) if first else ()
                lines.append("  " + format_chain(graph, chain, drug, actions))
                for u, v in itertools.pairwise(chain):
                    data = graph.edges[u, v]
                    lines.append(f"    {graph.nodes[u]['label']} {data['effect']} {graph.nodes[v]['label']} "
                                 f"({data['mechanism']}; {data['source']}){_refs(data['refs'])}")
            for source, target in getattr(effect, "requires", ()):
                data = graph.edges[source, target]
                lines.append(f"    requires: {graph.nodes[source]['label']} for {graph.nodes[target]['label']}"
                             f"{_refs(data['refs'])}")
    lines += ["", citation_line()]
    return "\n".join(lines)
