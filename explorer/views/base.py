"""What every page area shares: the graphs' type, titles, links, element ids."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
from dash import html

from ..model import KnowledgeBase

__all__ = ["COMPARTMENT_PREFIX", "EDGE_JOIN", "Graphs", "compartment_of", "edge_ends",
           "hypothesis_title", "is_node", "join", "link", "shorten"]

COMPARTMENT_PREFIX = "compartment:"  # ':' never occurs in a slug, so no id clashes
EDGE_JOIN = "->"

Graphs = Mapping[str, nx.DiGraph]


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hypothesis_title(kb: KnowledgeBase, graphs: Graphs, hypothesis: str) -> str:
    if hypothesis in kb.hypotheses:
        return kb.hypotheses[hypothesis].title
    return graphs[hypothesis].graph["title"]


def is_node(kb: KnowledgeBase, graph: nx.DiGraph, element_id: str) -> bool:
    """A node of the graph or one of the compartments it draws."""
    return element_id in graph or compartment_of(kb, graph, element_id) is not None


def edge_ends(graph: nx.DiGraph, edge_id: str) -> tuple[str, str] | None:
    source, _, target = edge_id.partition(EDGE_JOIN)
    return (source, target) if graph.has_edge(source, target) else None


def compartment_of(kb: KnowledgeBase, graph: nx.DiGraph, element_id: str) -> str | None:
    """The compartment id behind a compound node's id, if the graph draws it."""
    if not element_id.startswith(COMPARTMENT_PREFIX):
        return None
    compartment = element_id.removeprefix(COMPARTMENT_PREFIX)
    drawn = {c for _, data in graph.nodes(data=True) for c in kb.compartment_lineage(data["compartment"])}
    return compartment if compartment in drawn else None


def join(items: list, separator: str = ", ") -> list:
    """Components with a separator between them, like ``str.join``."""
    out: list = []
    for i, item in enumerate(items):
        out += ([separator] if i else []) + [item]
    return out


def link(text: str, url: str) -> html.A:
    return html.A(text, href=url, target="_blank", rel="noopener noreferrer")

