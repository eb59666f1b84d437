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

Each prediction has a **basis**: ``stated`` when the review names the drug for the
hypothesis (a scope entry with basis ``stated``, with the review's sentences as
``evidence``) or the readout is the drug's own cited target; ``analogy`` when the
review likens the drug to one it names there (an enantiomer, "similar to that of
(R,S)-ketamine"); ``extrapolated`` otherwise, class membership included. The
integrated view is not one sign algebra over all six panels: per readout the stated
panels decide, then the analogy panels; extrapolations never appear there, and a drug
no panel states or likens is "not covered by the review's hypotheses".
"""

from __future__ import annotations

from .explain import NOT_COVERED, Explanation, explain, explain_drug, format_chain, scope_matches
from .graphs import build_graphs, graph_parts, hypothesis_graph, integrated_graph, readouts_of, targets_of
from .names import UnknownName, resolve_drug, resolve_hypothesis
from .search import EffectWord, Highlight, ReadoutEffect, SignedIndex, highlight, node_signs, predict_effects

__all__ = [
    "NOT_COVERED",
    "EffectWord",
    "Explanation",
    "Highlight",
    "ReadoutEffect",
    "SignedIndex",
    "UnknownName",
    "build_graphs",
    "explain",
    "explain_drug",
    "format_chain",
    "graph_parts",
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
