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

from .explain import Explanation, explain, explain_drug, format_chain, scope_matches
from .graphs import build_graphs, hypothesis_graph, integrated_graph, readouts_of, targets_of
from .names import UnknownName, resolve_drug, resolve_hypothesis
from .search import EffectWord, Highlight, ReadoutEffect, SignedIndex, highlight, node_signs, predict_effects

__all__ = [
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
