"""The first view: the page for a link as the server draws it, before any script has run.

Dash sends one HTML page for every address and builds the view in the browser: its
scripts, then the layout, then the callbacks that read the address. On a phone that is
seconds of an empty page. The server knows the view from the link, so the page it sends
already shows it:

- the graph, drawn by the figure pipeline (the scene every figure format renders) as an
  SVG image whose ``alt`` is the graph's text alternative (the account's description, as
  the app's ``graph_text`` says it);
- beside it the drug's effects with their basis (the one account of the view, worded as
  the one-file explorer words it), or the view's caption when no drug is chosen.

It lies over the app in the app's own boxes (``assets/app.css``: ``.first-view``) and
``assets/app.js`` removes it once the interactive graph is drawn: nothing under it moved,
so nothing shifts (issue 19). Without scripts it stays: a readable page.

It shows no more than the view will: in a quiz no sign (signs come with answers), in a
step-through no route (it is revealed a step at a time). Table 1, the matrix and present
mode get none: what they show first is not this graph.
"""

from __future__ import annotations

from urllib.parse import quote

from .. import account, engine
from ..bundle import fragments
from ..figure import build_scene, graph_svg
from ..markup import el, text
from ..model import KnowledgeBase
from .base import Graphs
from .state import View

__all__ = ["FIRST_VIEW_ID", "first_view"]

#: The element's id (``assets/app.js`` removes it once the app has drawn the graph).
FIRST_VIEW_ID = "first-view"
#: What a data URL's SVG must have escaped (``quote`` keeps the rest readable, and compressible).
_SAFE = " =:;,/'()!*-._~"


def svg_data_url(svg: str) -> str:
    """An SVG document as a ``data:`` URL, percent-encoded (not base64: the page is sent
    compressed, and percent-encoded markup compresses as well as the markup itself).

    >>> svg_data_url('<svg viewBox="0 0 1 1"/>')
    'data:image/svg+xml,%3Csvg viewBox=%220 0 1 1%22/%3E'
    """
    return "data:image/svg+xml," + quote(svg, safe=_SAFE)


def first_view(kb: KnowledgeBase, graphs: Graphs, view: View, *, title: str, tagline: str) -> str:
    """The view of a link as HTML (``""`` where the app shows something else first).

    ``title`` and ``tagline`` are the page header's, as the app's layout has them.
    """
    if view.tab != "pathway" or view.mode == "present":
        return ""
    graph = graphs[view.hypothesis]
    explanation = engine.explain_drug(kb, kb.drugs[view.drug], graph, panels=graphs) if view.drug else None
    shows_route = explanation is not None and view.step is None and view.quiz is None
    said = explanation if view.quiz is None else None   # quiz mode: no sign said before its question
    told = account.account_of(kb, graph, said)
    nodes = account.node_accounts(graph, said)
    alt = " ".join(account.description_lines(told, nodes))
    image = graph_svg(build_scene(kb, graph, explanation if shows_route else None, preset="handout"))
    side = (fragments.effects(kb, graphs, graph, explanation) if shows_route
            else fragments.caption(kb, graph))
    top = (el("div", text("div", title, class_="first-title") + text("p", tagline), class_="header")
           + text("p", f"{account.graph_name(told).removeprefix('Pathway graph: ')}: "
                       "drawing the interactive graph…", class_="first-status"))
    picture = el("img", src=svg_data_url(image), alt=alt, class_="first-graph").removesuffix("</img>")
    graph_column = el("div", el("div", picture, class_="stage"), class_="graph-column")
    return el("div", el("div", top, class_="first-top")
              + el("div", graph_column + el("div", el("section", side, class_="panel"), class_="side"),
                   class_="pathway"),
              id=FIRST_VIEW_ID, class_="page first-view")
