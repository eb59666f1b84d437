"""What the one-file explorer embeds, computed in Python: every view, every drug on it.

:func:`bundle_data` returns plain JSON-ready dicts: per view its figure (the SVG of
the same :func:`~explorer.figure.build_scene` the figures use) and the details of
its nodes and edges; per view and drug the overlay (lit nodes and edges, targets with
their action, the sign each lit node is reached with) and the side panel's words.
Every string that reaches the page as markup is escaped in :mod:`.fragments`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from .. import account, engine
from ..figure import build_scene, citation_line, extrapolation_caveat, scene_svg
from ..figure.svg import EDGE_KEY_JOIN
from ..model import DRUG_CLASSES, Drug, KnowledgeBase, action_words
from . import fragments
from .quiz import quiz_data

__all__ = ["PRESET", "SIGN_MARKS", "bundle_data", "drug_groups", "overlay_of", "signed_marks"]

#: The figures' compact preset: sized to its content, it reads in a browser window
#: beside a side panel (the slide preset's 16:9 canvas would leave it small).
PRESET = "handout"

#: How a lit node reads: reached only rising, only falling, or where routes of both signs meet.
SIGN_MARKS: Mapping[frozenset, str] = {
    frozenset({1}): "up", frozenset({-1}): "down", frozenset({1, -1}): "both",
}


def signed_marks(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph],
                 explanation: engine.Explanation) -> dict[str, str]:
    """Node → ``up``, ``down`` or ``both``: the signs with which the drug reaches each lit
    node (:attr:`engine.Explanation.signs`; in the integrated view, those of the panels
    that decided its readouts)."""
    return {node: SIGN_MARKS[frozenset(found)] for node, found in sorted(explanation.signs.items())}


def overlay_of(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph],
               explanation: engine.Explanation, reached_elsewhere: Iterable[str] = ()) -> dict:
    """One drug on one view: what to light, mark and outline, and the side panel's words.

    A drug that acts on nothing drawn lights and dims nothing (as the figures do).
    """
    graph = graphs[explanation.hypothesis]
    active = bool(explanation.targets)
    extrapolated = any(r.basis == "extrapolated" for r in explanation.readouts.values())
    return {
        "lit": sorted(explanation.highlight.nodes) if active else [],
        "edges": sorted(f"{u}{EDGE_KEY_JOIN}{v}" for u, v in explanation.highlight.edges) if active else [],
        "targets": {node: action_words(actions) for node, actions in explanation.targets.items()},
        "marks": signed_marks(kb, graphs, explanation) if active else {},
        "extrapolated": extrapolated,
        "caveat": extrapolation_caveat(explanation.drug.name) if extrapolated else "",
        "panel": fragments.effects(kb, graphs, graph, explanation, reached_elsewhere),
        # The figure's text alternative for this drug (the stage's description), from the account.
        "description": account.graph_description(kb, graph, explanation, arrows=False),
    }


def drug_groups(kb: KnowledgeBase) -> list[tuple[str, list[Drug]]]:
    """The drugs under their class label, in the classes' order (empty classes left out)."""
    groups = [(label, [d for d in kb.drugs.values() if d.drug_class == key]) for key, label in DRUG_CLASSES.items()]
    return [(label, drugs) for label, drugs in groups if drugs]


def _view(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], view_id: str) -> dict:
    graph = graphs[view_id]
    svg = scene_svg(build_scene(kb, graph, None, preset=PRESET))
    return {
        "id": view_id,
        "title": graph.graph["title"],
        "readouts": sorted(set(engine.readouts_of(graph).values())),
        "svg": svg.split("?>", 1)[1].strip() if svg.startswith("<?xml") else svg,
        "caption": fragments.caption(kb, graph),
        "description": account.graph_description(kb, graph),
        "labels": {(k if isinstance(k, str) else f"{k[0]}{EDGE_KEY_JOIN}{k[1]}"): words
                   for k, words in account.shape_words(graph).items()},
        # The order the arrow keys take: the nodes as a page is read, then the arrows.
        "order": [*account.reading_order(graph), *(f"{u}{EDGE_KEY_JOIN}{v}" for u, v in graph.edges)],
        "nodes": {node: fragments.node_details(kb, graphs, graph, node) for node in graph},
        "edges": {f"{u}{EDGE_KEY_JOIN}{v}": fragments.edge_details(kb, graphs, graph, u, v)
                  for u, v in graph.edges},
    }


def bundle_data(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], *,
                hypothesis: str | None = None, drug: str | None = None) -> dict:
    """Everything the page shows, for every view and drug.

    Parameters
    ----------
    kb, graphs : the knowledge base and :func:`explorer.engine.build_graphs`'s graphs.
    hypothesis, drug : the view the page opens at (ids; default: the first panel, no drug).

    Returns
    -------
    ``{"views": [...], "drugs": {id: {...}}, "overlays": {view: {drug: {...}}},
    "references": {number: {"text", "pmid"}}, "citation", "initial": {"hypothesis", "drug"},
    "hint", "quiz": {...}}`` (``hint``: the side panel without a drug; the quizzes: :func:`.quiz.quiz_data`).
    """
    views = list(graphs)
    explanations = {(d, v): engine.explain_drug(kb, kb.drugs[d], graphs[v], panels=graphs)
                    for d in kb.drugs for v in views}
    reached = {d: [v for v in views if explanations[d, v].reaches_any] for d in kb.drugs}
    overlays = {v: {d: overlay_of(kb, graphs, explanations[d, v], reached[d]) for d in kb.drugs} for v in views}
    return {
        "views": [_view(kb, graphs, v) for v in views],
        "drugs": {d.id: {"name": d.name, "panel": fragments.drug_details(kb, d)} for d in kb.drugs.values()},
        "overlays": overlays,
        "references": {str(n): {"text": r.citation + (f" [{r.note}]" if r.note else ""),
                                "pmid": r.pmid if r.pmid.isdigit() else ""}
                       for n, r in kb.references.items()},
        "citation": citation_line(),
        "signs": {mark: account.SIGNS[1 if mark == "up" else -1 if mark == "down" else 0].word.capitalize()
                  for mark in SIGN_MARKS.values()},
        "initial": {"hypothesis": hypothesis or views[0], "drug": drug or ""},
        "hint": fragments.HINT,
        "quiz": quiz_data(kb, graphs, explanations),
    }
