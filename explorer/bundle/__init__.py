"""The whole explorer as one self-contained HTML file, for a course page or an LMS.

Computed in Python, embedded as data: every view's figure (the SVG of the same placed
scene the figures use, :func:`explorer.figure.build_scene`), every drug on every view
(the highlight, the signs each lit node is reached with, the effect on each readout
with its basis and chain), node and edge details with their references. A small
hand-written script only swaps views in and toggles classes. No network: the file
works opened from disk.

* :mod:`.data`: what is embedded (:func:`bundle_data`);
* :mod:`.fragments`: the side panel's words as escaped HTML;
* :mod:`.page`: the document, its stylesheet and script.

No Dash here, and nothing writes files (see :mod:`explorer.export`).
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from ..engine import resolve_drug, resolve_hypothesis
from ..model import KnowledgeBase
from .data import bundle_data, drug_groups, signed_marks
from .page import embed_json, page

__all__ = ["bundle_data", "bundle_html", "embed_json", "signed_marks"]


def bundle_html(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], *,
                hypothesis: str | None = None, drug: str | None = None) -> str:
    """The one-file explorer as an HTML document.

    Parameters
    ----------
    kb, graphs : the knowledge base and :func:`explorer.engine.build_graphs`'s graphs.
    hypothesis, drug : the view it opens at, by any name the CLI accepts (default: the
        first panel, no drug). A ``#hypothesis=…&drug=…`` fragment in the address wins.

    Raises :class:`explorer.engine.UnknownName` for a hypothesis or drug that does not exist.
    """
    hypothesis_id = resolve_hypothesis(kb, hypothesis) if hypothesis else None
    drug_id = resolve_drug(kb, drug).id if drug else None
    data = bundle_data(kb, graphs, hypothesis=hypothesis_id, drug=drug_id)
    titles = {v["id"]: v["title"] for v in data["views"]}
    return page(data, drug_groups(kb), titles)
