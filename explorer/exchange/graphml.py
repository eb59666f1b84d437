"""GraphML (yEd, Gephi, networkx, igraph), valid against the GraphML 1.0 schema."""

from __future__ import annotations

import networkx as nx

from ..engine import Explanation
from .common import exported, flatten

__all__ = ["to_graphml"]


def to_graphml(graph: nx.DiGraph, explanation: Explanation | None = None) -> str:
    """GraphML of a graph, list attributes flattened (``refs`` → ``"5;29"``).

    Attribute names hold no spaces (the schema's NMTOKEN); numbers keep their type
    (``sign`` is declared ``long``, ``x`` and ``y`` ``double``); every node's ``name`` is
    its unique id and ``label`` the text shown.

    Parameters
    ----------
    graph : one graph of :func:`explorer.engine.build_graphs`.
    explanation : optionally a drug on it; its overlay becomes node and edge attributes.

    Returns
    -------
    The GraphML document; ``networkx.read_graphml`` reads it back.

    Examples
    --------
    >>> g = nx.DiGraph(id="demo", title="Demo", readouts=("b",))
    >>> g.add_edge("a", "b", effect="activates", sign=1, refs=(5, 29))
    >>> back = nx.parse_graphml(to_graphml(g))
    >>> back.edges["a", "b"]["refs"], back.edges["a", "b"]["sign"]
    ('5;29', 1)
    """
    flat = exported(graph, explanation)
    flat.graph = {k: flatten(v) for k, v in flat.graph.items()}
    for _, data in flat.nodes(data=True):
        data.update({k: flatten(v) for k, v in data.items()})
    for _, _, data in flat.edges(data=True):
        data.update({k: flatten(v) for k, v in data.items()})
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(nx.generate_graphml(flat)) + "\n"
