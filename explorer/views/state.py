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
from ..quiz import quiz_of
from .base import Graphs, edge_ends, hypothesis_title, is_node, join, shorten
from .steps import step_count

__all__ = ["MODES", "QUERY_KEYS", "TABS", "Notice", "View", "default_view", "export_filename", "format_query",
           "last_question", "last_step", "navigate", "notice_paragraphs", "opening_hypothesis", "parse_query",
           "view_from_store"]

#: The link's parameters, in the order ``format_query`` writes them.
QUERY_KEYS = ("hypothesis", "drug", "compare", "node", "edge", "tab", "mechanisms", "mode", "step", "q")
TABS = ("pathway", "table", "matrix")
#: The page's modes; a link may name both (``mode=present,quiz``: the quiz, large, for a class vote).
MODES = ("present", "quiz")
#: Longest URL query and value we read; anything longer is not a link we made.
MAX_QUERY = 2000
MAX_VALUE = 200

# -- the view and the URL --------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What is on screen: everything a link must carry to reproduce it.

    A hypothesis, maybe a drug (and a second one to ``compare``), maybe a selected
    node or edge (``"source->target"``), the tab, whether arrows name their
    mechanism, the present ``mode`` and the ``step`` of a step-through (``None``:
    the whole chain at once), and in quiz mode the ``quiz`` question reached (0 the
    first; the number of questions: the score; ``None``: not in quiz mode). The
    answers given stay in the browser, never in the link.
    """

    hypothesis: str
    drug: str | None = None
    node: str | None = None
    edge: str | None = None
    tab: str = "pathway"
    mechanisms: bool = False
    mode: str | None = None
    step: int | None = None
    compare: str | None = None
    quiz: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"hypothesis": self.hypothesis, "drug": self.drug, "node": self.node, "edge": self.edge,
                "tab": self.tab, "mechanisms": self.mechanisms, "mode": self.mode, "step": self.step,
                "compare": self.compare, "quiz": self.quiz}


@dataclass(frozen=True)
class Notice:
    """A message for the user about something we could not follow, with suggested links."""

    message: str
    suggestions: tuple[tuple[str, str], ...] = ()  # (label, query string)


def default_view(kb: KnowledgeBase) -> View:
    return View(hypothesis=next(iter(kb.hypotheses), INTEGRATED))


def format_query(view: View) -> str:
    """The URL query that reproduces ``view``, leaving out what is at its default.

    ``?hypothesis=disinhibition&drug=ketamine&compare=rapastinel&node=bdnf&tab=pathway…``
    """
    modes = [m for m, on in (("present", view.mode == "present"), ("quiz", view.quiz is not None)) if on]
    values = {"hypothesis": view.hypothesis, "drug": view.drug, "compare": view.compare, "node": view.node,
              "edge": view.edge, "tab": view.tab if view.tab != "pathway" else None,
              "mechanisms": "on" if view.mechanisms else None, "mode": ",".join(modes) or None,
              "step": str(view.step) if view.step is not None else None,
              "q": str(view.quiz) if view.quiz else None}
    # Ids never hold a comma: keeping it readable keeps "mode=present,quiz" readable.
    return "?" + urlencode([(k, values[k]) for k in QUERY_KEYS if values[k]], safe=",", quote_via=quote)


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
    drug = _drug_in_link(kb, graphs, values, "drug", "showing no drug", View(hypothesis), notices)
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
    graph = graphs[hypothesis]
    edge = None
    if "edge" in values:
        if edge_ends(graph, values["edge"]):
            if node is not None:
                notices.append(Notice(f"The link selects both the node {shorten(node)!r} and an arrow; "
                                      "showing the arrow."))
            edge, node = values["edge"], None
        else:
            notices.append(Notice(f"There is no arrow {shorten(values['edge'])!r} in "
                                  f"{hypothesis_title(kb, graphs, hypothesis)!r}; ignored it."))
    compare = _drug_in_link(kb, graphs, values, "compare", "comparing with no drug", View(hypothesis, drug),
                            notices)
    if drug is None:
        drug, compare = compare, None
    elif compare == drug:
        notices.append(Notice(f"The link compares {kb.drugs[drug].name} with itself; showing it alone."))
        compare = None
    tab = _choice(values, "tab", TABS, "pathway", "the pathway", notices)
    mechanisms = False
    if "mechanisms" in values:
        mechanisms = values["mechanisms"].casefold() in ("on", "1", "true", "yes")
        if not mechanisms and values["mechanisms"].casefold() not in ("off", "0", "false", "no"):
            notices.append(Notice(f"The link's mechanisms={shorten(values['mechanisms'])!r} is neither "
                                  "on nor off; showing arrows without mechanisms."))
    modes = [m.strip() for m in values.get("mode", "").split(",") if m.strip()]
    chosen = [_choice({"mode": m}, "mode", MODES, None, "the normal view", notices) for m in modes]
    mode = "present" if "present" in chosen else None
    view = View(hypothesis, drug, node, edge, tab, mechanisms, mode, None, compare)
    if "quiz" in chosen:
        view = replace(view, quiz=0, compare=None, tab="pathway")
        if "step" in values:
            notices.append(Notice("Quiz mode asks about the chain instead of stepping through it; "
                                  "ignored the link's step."))
            del values["step"]
        if "q" in values:
            raw, last = values["q"], last_question(kb, graphs, view)
            if not raw.isdigit():
                notices.append(Notice(f"The link's question {shorten(raw)!r} is not a number; "
                                      "starting from the first."))
            else:
                if int(raw) > last:
                    notices.append(Notice(f"Question {shorten(raw, 12)} is past the last one ({last}); "
                                          "showing the score."))
                view = replace(view, quiz=min(int(raw), last))
    elif "q" in values:
        notices.append(Notice("The link gives a question (q) but not mode=quiz; ignored it."))
    if "step" in values:
        raw = values["step"]
        if drug is None:
            notices.append(Notice("The link asks for a step but names no drug to step through; ignored it."))
        elif not (raw.isascii() and raw.isdigit()):  # '²' and '①' are digits to isdigit(), not to int()
            notices.append(Notice(f"The link's step {shorten(raw)!r} is not a number; showing every route."))
        else:
            last = last_step(kb, graphs, view)
            if int(raw) > last:
                notices.append(Notice(f"Step {shorten(raw, 12)} is past the last one ({last}); showing the last."))
            view = replace(view, step=min(int(raw), last))
    return view, notices


def last_step(kb: KnowledgeBase, graphs: Graphs, view: View) -> int:
    """The last step of the view's drug on its hypothesis (0 without a drug)."""
    if view.drug not in kb.drugs:
        return 0
    graph = graphs[view.hypothesis]
    return step_count(graph, engine.explain_drug(kb, kb.drugs[view.drug], graph, panels=graphs))


def last_question(kb: KnowledgeBase, graphs: Graphs, view: View) -> int:
    """The number of questions of the view's quiz: ``quiz`` at this number shows the score."""
    if view.drug not in kb.drugs:
        return 0
    graph = graphs[view.hypothesis]
    return len(quiz_of(kb, graph, engine.explain_drug(kb, kb.drugs[view.drug], graph, panels=graphs)).questions)


def view_from_store(kb: KnowledgeBase, graphs: Graphs, stored: Any) -> View:
    """The view kept in the browser's ``dcc.Store``, checked like any other input."""
    stored = stored if isinstance(stored, dict) else {}
    view = default_view(kb)
    for event in ("hypothesis", "drug", "compare", "tab", "mechanisms", "mode"):
        view, _ = navigate(kb, graphs, view, event, stored.get(event))
    if stored.get("node"):
        view, _ = navigate(kb, graphs, view, "node", stored["node"])
    if stored.get("edge"):
        view, _ = navigate(kb, graphs, view, "edge", {"id": stored["edge"]})
    if stored.get("step") is not None:
        view, _ = navigate(kb, graphs, view, "step", stored["step"])
    if stored.get("quiz") is not None:
        view, _ = navigate(kb, graphs, replace(view, quiz=0, step=None, compare=None), "question", stored["quiz"])
    return view


def notice_paragraphs(notices: Iterable[Notice]) -> list:
    """Each notice as a paragraph, its suggestions as links that open them."""
    paragraphs = []
    for notice in notices:
        links = [dcc.Link(label, href=query) for label, query in notice.suggestions]
        more = [" Did you mean ", *join(links, " or "), "?"] if links else []
        paragraphs.append(html.P([notice.message, *more], className="notice"))
    return paragraphs


def _choice(values: dict, key: str, known, default: str | None, showing: str, notices: list) -> str | None:
    """The link's ``key`` if it is one of ``known`` (any case); else ``default``, with a
    notice naming what was asked and what is known."""
    if key not in values:
        return default
    if values[key].casefold() in known:
        return values[key].casefold()
    notices.append(Notice(f"Unknown {key} {shorten(values[key])!r} in the link (known: "
                          f"{', '.join(known)}); showing {showing}."))
    return default


def _drug_in_link(kb: KnowledgeBase, graphs, values: dict, key: str, fallback: str, base: View,
                  notices: list) -> str | None:
    """The drug id a link's ``key`` (``drug``, ``compare``) names; None, with a notice, if unknown."""
    if key not in values:
        return None
    try:
        return engine.resolve_drug(kb, values[key]).id
    except engine.UnknownName as error:
        notices.append(_unknown_notice(kb, graphs, error, key, fallback, base))
        return None


def _unknown_notice(kb: KnowledgeBase, graphs, error: engine.UnknownName, key: str, fallback: str,
                    base: View | None = None) -> Notice:
    suggestions = []
    for name in error.suggestions:
        if key in ("drug", "compare"):
            drug = engine.resolve_drug(kb, name)
            suggestions.append((drug.name, format_query(replace(base, **{key: drug.id}))))
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

    ``event`` is one of ``url`` (a query string); ``hypothesis``, ``drug`` and
    ``compare`` (ids from the selectors); ``node`` (an id or Cytoscape
    ``tapNodeData``); ``edge`` (``tapEdgeData``); ``table`` (a Table 1 row
    opened: ``{"rowId": drug, "colId": column}``); ``matrix`` (heatmap ``clickData``); ``tab``; ``mechanisms``
    (the checklist's value or a bool); ``mode`` (``"present"`` or ``None``),
    ``present`` (toggles it); ``step`` (a number, ``None`` for every route, or
    ``"next"``, ``"back"``, ``"first"``, ``"last"``); ``quiz`` (toggles quiz mode);
    ``question`` (a number: the question reached, or ``"next"``; quiz mode only).
    """
    if event == "url":
        return parse_query(kb, graphs, value if isinstance(value, str) else None)
    if event == "hypothesis":
        if not isinstance(value, str) or value not in graphs:
            return view, []
        node = view.node if view.node and is_node(kb, graphs[value], view.node) else None
        edge = view.edge if view.edge and edge_ends(graphs[value], view.edge) else None
        return _restart(replace(view, hypothesis=value, node=node, edge=edge)), []
    if event == "drug":
        drug = value if isinstance(value, str) and value in kb.drugs else None
        compare = view.compare if view.compare != drug and drug is not None else None
        return _restart(replace(view, drug=drug, compare=compare)), []
    if event == "compare":
        if view.quiz is not None:  # a second drug's marks would give the answers away
            return view, []
        compare = value if isinstance(value, str) and value in kb.drugs and value != view.drug else None
        return replace(view, compare=compare if view.drug else None), []
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
        return _table_click(kb, graphs, view, value), []
    if event == "matrix":
        try:
            point = value["points"][0]
            drug, hypothesis = point["y"], point["x"]
        except (KeyError, IndexError, TypeError):
            return view, []
        if isinstance(drug, str) and isinstance(hypothesis, str) and drug in kb.drugs and hypothesis in graphs:
            return replace(View(hypothesis, drug), mechanisms=view.mechanisms, mode=view.mode), []
        return view, []
    if event == "tab":
        return (replace(view, tab=value) if value in TABS else view), []
    if event == "mechanisms":
        return replace(view, mechanisms=bool(value) if isinstance(value, (list, bool)) else False), []
    if event == "mode":
        return replace(view, mode="present" if value == "present" else None), []
    if event == "quiz":
        quiz = None if view.quiz is not None else 0
        return replace(view, quiz=quiz, step=None, compare=None if quiz == 0 else view.compare, tab="pathway"), []
    if event == "question":
        return _question(kb, graphs, view, value), []
    if event == "present":
        return replace(view, mode=None if view.mode else "present", tab="pathway"), []
    if event == "step":
        return _step(kb, graphs, view, value), []
    return view, []


def _restart(view: View) -> View:
    """A new hypothesis or drug: a step-through starts again from the targets, a quiz from
    its first question."""
    view = replace(view, step=0) if view.step is not None else view
    return replace(view, quiz=0) if view.quiz is not None else view


def _question(kb: KnowledgeBase, graphs: Graphs, view: View, value: Any) -> View:
    if view.quiz is None:
        return view
    if value == "next":
        value = view.quiz + 1
    if not isinstance(value, int) or isinstance(value, bool):
        return view
    return replace(view, quiz=min(max(value, 0), last_question(kb, graphs, view)))


def _step(kb: KnowledgeBase, graphs: Graphs, view: View, value: Any) -> View:
    if view.quiz is not None:  # the quiz reveals the chain one answer at a time
        return view
    if view.drug is None:
        return replace(view, step=None)
    if value is None:
        return replace(view, step=None)
    last = last_step(kb, graphs, view)
    current = view.step if view.step is not None else last
    if value == "next":
        step = min(current + 1, last) if view.step is not None else 0
    elif value == "back":
        step = max(current - 1, 0)
    elif value == "first":
        step = 0
    elif value == "last":
        step = last
    elif isinstance(value, int) and not isinstance(value, bool):
        step = min(max(value, 0), last)
    else:
        return view
    return replace(view, step=step)


def opening_hypothesis(kb: KnowledgeBase, graphs: Graphs, drug: str, current: str) -> str:
    """Where a drug chosen from the table opens: the first panel where one of its
    predictions is stated or an analogy (the review's account).

    Else the first panel where it has a target (its predictions there are
    extrapolations, or it reaches no readout); else the current hypothesis (the drug
    acts on nothing the panels draw).
    """
    explanations = {h: engine.explain_drug(kb, kb.drugs[drug], graphs[h], panels=graphs)
                    for h in kb.hypotheses if h in graphs}
    for predicate in (lambda e: any(r.effect != "none" and r.basis in ("stated", "analogy")
                                    for r in e.readouts.values()),
                      lambda e: bool(e.targets)):
        for hypothesis, explanation in explanations.items():
            if predicate(explanation):
                return hypothesis
    return current


def _table_click(kb: KnowledgeBase, graphs: Graphs, view: View, value: Any) -> View:
    """A click in Table 1 opens its drug on the pathway; a click on a trial's link does not."""
    if not isinstance(value, dict) or value.get("colId") in LINK_COLUMNS:
        return view
    drug = value.get("rowId")
    if not isinstance(drug, str) or drug not in kb.drugs:
        return view
    hypothesis = opening_hypothesis(kb, graphs, drug, view.hypothesis)
    return replace(View(hypothesis, drug), mechanisms=view.mechanisms, mode=view.mode)


#: Table columns whose cells hold links: a click there follows the link only.
LINK_COLUMNS = ("trial_ids",)


def export_filename(kb: KnowledgeBase, graphs: Graphs, view: View, extension: str, kind: str = "") -> str:
    """A download's file name, made only from known ids: ``moa-disinhibition-ketamine-view.png``.

    ``kind`` (``view`` for the graph as shown, ``figure`` for the server's figure)
    keeps the two downloads of one view apart.
    """
    parts = ["moa"]
    if view.hypothesis in graphs:
        parts.append(view.hypothesis)
    if view.drug in kb.drugs:
        parts.append(view.drug)
    if view.compare in kb.drugs:
        parts += ["vs", view.compare]
    if kind in ("view", "figure"):
        parts.append(kind)
    return "-".join(parts) + (f".{extension}" if extension else "")


