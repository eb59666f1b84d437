"""Speaker notes: the view's account in plain text, each step of its routes told once
with the review's reference numbers."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ..account import ViewAccount, account_of, drug_lines, view_text
from ..engine import Explanation
from ..model import KnowledgeBase
from .scene import citation_line

__all__ = ["notes_text", "step_lines"]


def _refs(numbers: Iterable[int]) -> str:
    numbers = list(dict.fromkeys(numbers))
    return f" [refs {', '.join(map(str, numbers))}]" if numbers else ""


def step_lines(account: ViewAccount) -> list[str]:
    """Every step of every route once (routes to several readouts share their first steps)."""
    seen, lines = set(), []
    for readout in account.readouts:
        for chain in readout.chains:
            for before, arrow, after in zip(chain.nodes, chain.arrows[1:], chain.nodes[1:], strict=False):
                if (before.label, after.label) in seen:
                    continue
                seen.add((before.label, after.label))
                lines.append(f"  {before.label} {arrow.word} {after.label} ({arrow.mechanism}; {arrow.source})"
                             f"{_refs(arrow.refs)}")
    return lines


def notes_text(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None) -> str:
    """The speaker notes: the panel's source, the drug, the view's account, the steps once."""
    lines = [graph.graph.get("title", ""), ""]
    hypothesis = kb.hypotheses.get(graph.graph.get("id", ""))
    if hypothesis is not None:
        lines += [hypothesis.summary, f"Source: {hypothesis.citation.source}{_refs(hypothesis.citation.refs)}", ""]
    account = account_of(kb, graph, explanation)
    if account.drug is not None:
        lines += drug_lines(account.drug)
        lines += ["", *view_text(account).splitlines()[1:]]  # the title is said above
        steps = step_lines(account)
        if steps:
            lines += ["", "Each step, with the review's references:", *steps]
    lines += ["", citation_line()]
    return "\n".join(lines)
