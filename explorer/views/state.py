"""URL state and navigation: the :class:`View`, reading and writing links, user events.

Everything that arrives from the browser (the URL, clicks, store contents) is
untrusted: :func:`parse_query` and :func:`navigate` check every value against the
knowledge base and fall back to defaults with a :class:`Notice` instead of raising.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import networkx as nx
from dash import dcc, html

from .. import engine
from ..model import INTEGRATED, KnowledgeBase
from .base import Graphs, edge_ends, hypothesis_title, is_node, join, shorten

__all__ = ["Notice", "View", "default_view", "export_filename", "format_query", "navigate",
           "notice_paragraphs", "parse_query", "view_from_store"]

QUERY_KEYS = ("hypothesis", "drug", "node")
#: Longest URL query and value we read; anything longer is not a link we made.
MAX_QUERY = 2000
MAX_VALUE = 200
#: The readouts compared across drugs and hypotheses in the matrix.

# -- the view and the URL --------------------------------------------------------

@dataclass(frozen=True)
class View:
    """What is on screen: a hypothesis, maybe a drug, maybe a selected node or edge."""

    hypothesis: str
    drug: str | None = None
    node: str | None = None
    edge: str | None = None  # "source->target"

    def to_dict(self) -> dict[str, str | None]:
        return {"hypothesis": self.hypothesis, "drug": self.drug, "node": self.node, "edge": self.edge}


@dataclass(frozen=True)
class Notice:
    """A message for the user about something we could not follow, with suggested links."""

    message: str
    suggestions: tuple[tuple[str, str], ...] = ()  # (label, query string)


def default_view(kb: KnowledgeBase) -> View:
    return View(hypothesis=next(iter(kb.hypotheses), INTEGRATED))


def format_query(view: View) -> str:
    """The URL query that reproduces ``view``: ``?hypothesis=…&drug=…&node=…``."""
    pairs = [(key, value) for key, value in
             (("hypothesis", view.hypothesis), ("drug", view.drug), ("node", view.node)) if value]
    return "?" + urlencode(pairs, quote_via=quote)


def parse_query(kb: KnowledgeBase, graphs: Graphs, search: str | None) -> tuple[View, list[Notice]]:
    """Read ``?hypothesis=…&drug=…&node=…``; anything unusable becomes a notice and a default.

    Hypotheses and drugs match by id, name, synonym or code, ignoring case
    (``?drug=GLYX-13`` is rapastinel). Never raises.
    """
    view, notices = default_view(kb), []
    search = (search or "").lstrip("?")
    if not search:
        return view, notices
    if len(search) > MAX_QUERY:
        return view, [Notice(f"The link's query is too long ({len(search):,} characters) to be one of "
                             "ours; showing the default view.")]
    try:
        query = parse_qs(search, keep_blank_values=True, max_num_fields=20)
    except ValueError:
        return view, [Notice("The link has too many parameters; showing the default view.")]
    for key in query:
        if key not in QUERY_KEYS:
            notices.append(Notice(f"Ignored the unknown link parameter {shorten(key)!r} "
                                  f"(known: {', '.join(QUERY_KEYS)})."))
    values: dict[str, str] = {}
    for key in QUERY_KEYS:
        given = query.get(key, [])
        if len(given) > 1:
            notices.append(Notice(f"The link gives {key} {len(given)} times; ignored it."))
        elif given and not given[0].strip():
            notices.append(Notice(f"The link gives an empty {key}; ignored it."))
        elif given and len(given[0]) > MAX_VALUE:
            notices.append(Notice(f"The link's {key} is too long to be a name; ignored it."))
        elif given:
            values[key] = given[0].strip()

    hypothesis = view.hypothesis
    if "hypothesis" in values:
        try:
            hypothesis = engine.resolve_hypothesis(kb, values["hypothesis"])
        except engine.UnknownName as error:
            notices.append(_unknown_notice(kb, graphs, error, "hypothesis",
                                           f"showing {hypothesis_title(kb, graphs, hypothesis)!r}"))
    drug = None
    if "drug" in values:
        try:
            drug = engine.resolve_drug(kb, values["drug"]).id
        except engine.UnknownName as error:
            notices.append(_unknown_notice(kb, graphs, error, "drug", "showing no drug",
                                           View(hypothesis)))
    node = None
    if "node" in values:
        graph = graphs[hypothesis]
        if is_node(kb, graph, values["node"]):
            node = values["node"]
        else:
            close = _close_nodes(graph, values["node"])
            notices.append(Notice(
                f"There is no node {shorten(values['node'])!r} in "
                f"{hypothesis_title(kb, graphs, hypothesis)!r}.",
                tuple((graph.nodes[n]["label"], format_query(View(hypothesis, drug, n))) for n in close)))
    return View(hypothesis, drug, node), notices


def view_from_store(kb: KnowledgeBase, graphs: Graphs, stored: Any) -> View:
    """The view kept in the browser's ``dcc.Store``, checked like any other input."""
    stored = stored if isinstance(stored, dict) else {}
    view = default_view(kb)
    for event in ("hypothesis", "drug"):
        view, _ = navigate(kb, graphs, view, event, stored.get(event))
    if stored.get("node"):
        view, _ = navigate(kb, graphs, view, "node", stored["node"])
    if stored.get("edge"):
        view, _ = navigate(kb, graphs, view, "edge", {"id": stored["edge"]})
    return view


def notice_paragraphs(notices: Iterable[Notice]) -> list:
    """Each notice as a paragraph, its suggestions as links that open them."""
    paragraphs = []
    for notice in notices:
        links = [dcc.Link(label, href=query) for label, query in notice.suggestions]
        more = [" Did you mean ", *join(links, " or "), "?"] if links else []
        paragraphs.append(html.P([notice.message, *more], className="notice"))
    return paragraphs


def _unknown_notice(kb: KnowledgeBase, graphs, error: engine.UnknownName, key: str, fallback: str,
                    base: View | None = None) -> Notice:
    suggestions = []
    for name in error.suggestions:
        if key == "drug":
            drug = engine.resolve_drug(kb, name)
            suggestions.append((drug.name, format_query(replace(base, drug=drug.id))))
        else:
            hypothesis = engine.resolve_hypothesis(kb, name)
            label = hypothesis_title(kb, graphs, hypothesis)
            if (label, format_query(View(hypothesis))) not in suggestions:
                suggestions.append((label, format_query(View(hypothesis))))
    return Notice(f"Unknown {key} {shorten(error.query)!r} in the link; {fallback}.", tuple(suggestions))


def _close_nodes(graph: nx.DiGraph, query: str, n: int = 3) -> list[str]:
    names = {node: node for node in graph}
    names.update({data["label"].casefold(): node for node, data in graph.nodes(data=True)})
    close = difflib.get_close_matches(query.casefold(), list(names), n=n, cutoff=0.5)
    return list(dict.fromkeys(names[c] for c in close))


def navigate(kb: KnowledgeBase, graphs: Graphs, view: View, event: str,
             value: Any) -> tuple[View, list[Notice]]:
    """The view after one user event. Every value is checked; a bad one changes nothing.

    ``event`` is one of ``url`` (a query string), ``hypothesis`` and ``drug`` (ids
    from the selectors), ``node`` (an id or Cytoscape ``tapNodeData``), ``edge``
    (``tapEdgeData``), ``table`` (a DataTable ``active_cell``) and ``matrix``
    (heatmap ``clickData``).
    """
    if event == "url":
        return parse_query(kb, graphs, value if isinstance(value, str) else None)
    if event == "hypothesis":
        if not isinstance(value, str) or value not in graphs:
            return view, []
        node = view.node if view.node and is_node(kb, graphs[value], view.node) else None
        edge = view.edge if view.edge and edge_ends(graphs[value], view.edge) else None
        return View(value, view.drug, node, edge), []
    if event == "drug":
        return replace(view, drug=value if isinstance(value, str) and value in kb.drugs else None), []
    if event == "node":
        node = value.get("id") if isinstance(value, dict) else value
        if node is None:
            return replace(view, node=None), []
        if isinstance(node, str) and is_node(kb, graphs[view.hypothesis], node):
            return replace(view, node=node, edge=None), []
        return view, []
    if event == "edge":
        edge = value.get("id") if isinstance(value, dict) else None
        if isinstance(edge, str) and edge_ends(graphs[view.hypothesis], edge):
            return replace(view, edge=edge, node=None), []
        return view, []
    if event == "table":
        drug = value.get("row_id") if isinstance(value, dict) else None
        return (replace(view, drug=drug) if isinstance(drug, str) and drug in kb.drugs else view), []
    if event == "matrix":
        try:
            drug, hypothesis = value["points"][0]["customdata"]
        except (KeyError, IndexError, TypeError, ValueError):
            return view, []
        if all(isinstance(v, str) for v in (drug, hypothesis)) and drug in kb.drugs and hypothesis in graphs:
            return View(hypothesis, drug), []
    return view, []


def export_filename(kb: KnowledgeBase, graphs: Graphs, view: View, extension: str) -> str:
    """A download's file name, made only from known ids: ``moa-disinhibition-ketamine.png``."""
    parts = ["moa"]
    if view.hypothesis in graphs:
        parts.append(view.hypothesis)
    if view.drug in kb.drugs:
        parts.append(view.drug)
    return "-".join(parts) + (f".{extension}" if extension else "")


