"""What every exchange format shares: the exported copy of a graph and value flattening."""

from __future__ import annotations

import re
from collections.abc import Mapping

import networkx as nx

from ..account import evidence_line
from ..engine import Explanation
from ..figure import citation_line
from ..model import BASIS_WORDS

__all__ = ["ARC_WORDS", "exported", "flatten", "jsonable", "readout_key"]

#: An edge's ``effect`` in words other tools know (SBGN AF arc classes).
ARC_WORDS = {"activates": "positive influence", "inhibits": "negative influence",
             "requires": "necessary stimulation"}
_RENAMED = {"source": "review_section", "name": "entity_name"}
_NOT_A_NAME_CHARACTER = re.compile(r"[^A-Za-z0-9_.-]+")


def readout_key(prefix: str, readout: str) -> str:
    """An attribute name for a readout, with no spaces (GraphML's ``attr.name`` is an XML NMTOKEN).

    >>> readout_key("effect_on", "Protein synthesis")
    'effect_on_Protein_synthesis'
    """
    return f"{prefix}_{_NOT_A_NAME_CHARACTER.sub('_', readout).strip('_')}"


def flatten(value):
    """A value GraphML can hold: lists and tuples joined with ``;``, mappings as ``k=v``."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(str(flatten(v)) for v in value)
    if isinstance(value, Mapping):
        return ";".join(f"{k}={flatten(v)}" for k, v in value.items())
    if value is None:
        return ""
    return value


def jsonable(value):
    """Tuples as lists and mapping keys as strings, for JSON."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def exported(graph: nx.DiGraph, explanation: Explanation | None) -> nx.DiGraph:
    """A copy ready for other tools; the source graph is left as it is.

    * ``source`` (where in the review a claim stands) becomes ``review_section``, since
      ``source`` means an edge's first node to Cytoscape and Gephi;
    * ``name`` becomes the node's id, unique (igraph and Cytoscape key nodes by ``name``);
      the entity's name moves to ``entity_name`` (two nodes can share an entity);
    * provenance goes into the graph's attributes (``citation``);
    * with a drug, its overlay: ``drug_action`` and ``is_target`` on nodes,
      ``on_drug_path`` on nodes and edges, ``drug_in_scope`` and, per readout,
      ``effect_on_<readout>`` and ``basis_on_<readout>`` (``stated``: the review's
      account; ``analogy``: the review likens the drug to one it names there, with
      ``likened_to_on_<readout>``; ``extrapolated``: the panel's logic applied to the
      drug, then ``caveat`` says so in words), ``evidence_on_<readout>`` (the
      review's sentences as one text, ``“quote” (source [refs])`` joined by `` | ``),
      ``required_for_on_<readout>`` and ``drug_covered``.
    """
    out = nx.DiGraph()
    out.graph.update(graph.graph, citation=citation_line())
    for node, data in graph.nodes(data=True):
        out.add_node(node, name=node, **{_RENAMED.get(k, k): v for k, v in data.items()})
    for u, v, data in graph.edges(data=True):
        out.add_edge(u, v, **{_RENAMED.get(k, k): value for k, value in data.items() if k != "name"})
    if explanation is not None:
        out.graph["drug"] = explanation.drug.id
        out.graph["drug_name"] = explanation.drug.name
        for node, data in out.nodes(data=True):
            actions = explanation.targets.get(node, ())
            data["drug_action"] = ", ".join(dict.fromkeys(a.action for a in actions))
            data["is_target"] = bool(actions)
            data["on_drug_path"] = node in explanation.highlight.nodes
        for u, v, data in out.edges(data=True):
            data["on_drug_path"] = (u, v) in explanation.highlight.edges
        out.graph["drug_in_scope"] = explanation.in_scope
        extrapolated = False
        for name, effect in explanation.readouts.items():
            out.graph[readout_key("effect_on", name)] = effect.effect
            if effect.basis:                            # "" when the effect is none
                out.graph[readout_key("basis_on", name)] = effect.basis
                extrapolated |= effect.basis == "extrapolated"
            if effect.evidence:                         # flat text: GraphML refuses lists
                out.graph[readout_key("evidence_on", name)] = " | ".join(evidence_line(e) for e in effect.evidence)
            if effect.likened_to:
                out.graph[readout_key("likened_to_on", name)] = ", ".join(effect.likened_to)
            if effect.required_for:
                out.graph[readout_key("required_for_on", name)] = ", ".join(effect.required_for)
        out.graph["drug_covered"] = explanation.covered
        if extrapolated:
            out.graph["caveat"] = BASIS_WORDS["extrapolated"]
    return out
