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
from .boxes import COMPARE_MARKS, MAX_COMPARED, TYPE_STEPS
from .steps import chain_steps, step_count

__all__ = ["MODES", "QUERY_KEYS", "TABS", "Notice", "View", "default_view", "export_filename", "format_query",
           "last_question", "last_step", "navigate", "notice_paragraphs", "opening_hypothesis", "parse_query",
           "part_count", "view_from_store"]

#: The link's parameters, in the order ``format_query`` writes them.
QUERY_KEYS = ("hypothesis", "drug", "compare", "node", "edge", "tab", "mechanisms", "mode", "part", "step", "q",
              "type")
TABS = ("pathway", "table", "matrix")
#: The page's modes; a link may name both (``mode=present,quiz``: the quiz, large, for a class vote).
MODES = ("present", "quiz")
#: Longest URL query and value we read; anything longer is not a link we made.
MAX_QUERY = 2000
MAX_VALUE = 200
#: Most names a link's compare is read for (more than the comparison holds, fewer than a flood).
MAX_NAMES = 8

# -- the view and the URL --------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What is on screen: everything a link must carry to reproduce it.

    A hypothesis, maybe a drug (and up to two more to ``compare`` it with, their ids in
    order: ② and ③), maybe a selected node or edge (``"source->target"``), the tab,
    whether arrows name their mechanism, the present ``mode`` and the ``step`` of a
    step-through (``None``: the whole chain at once), and in quiz mode the ``quiz``
    question reached (0 the first; the number of questions: the score; ``None``: not in
    quiz mode). The answers given stay in the browser, never in the link.
    ``type_step`` makes the graph's type larger (A+) or smaller (A−) by steps; ``part``
    is the part of the integrated view present mode shows (0 the first: it is shown in
    parts there, as on slides; 0 everywhere else).
    """

    hypothesis: str
    drug: str | None = None
    node: str | None = None
    edge: str | None = None
    tab: str = "pathway"
    mechanisms: bool = False
    mode: str | None = None
    step: int | None = None
    compare: tuple[str, ...] = ()
    quiz: int | None = None
    type_step: int = 0
    part: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The view as the browser keeps it: small flat values (the compared drugs joined by commas)."""
        return {"hypothesis": self.hypothesis, "drug": self.drug, "node": self.node, "edge": self.edge,
                "tab": self.tab, "mechanisms": self.mechanisms, "mode": self.mode, "step": self.step,
                "compare": ",".join(self.compare) or None, "quiz": self.quiz, "type": self.type_step,
                "part": self.part}

    @property
    def drugs(self) -> tuple[str, ...]:
        """The drug and the drugs compared with it, in the order of their marks (①②③)."""
        return ((self.drug,) if self.drug else ()) + self.compare


@dataclass(frozen=True)
class Notice:
    """A message for the user about something we could not follow, with suggested links."""

    message: str
    suggestions: tuple[tuple[str, str], ...] = ()  # (label, query string)


def default_view(kb: KnowledgeBase) -> View:
    return View(hypothesis=next(iter(kb.hypotheses), INTEGRATED))


def format_query(view: View) -> str:
    """The URL query that reproduces ``view``, leaving out what is at its default.

    ``?hypothesis=disinhibition&drug=ketamine&compare=rapastinel,hydroxynorketamine&node=bdnf…``
    """
    modes = [m for m, on in (("present", view.mode == "present"), ("quiz", view.quiz is not None)) if on]
    values = {"hypothesis": view.hypothesis, "drug": view.drug, "compare": ",".join(view.compare) or None,
              "node": view.node, "edge": view.edge, "tab": view.tab if view.tab != "pathway" else None,
              "mechanisms": "on" if view.mechanisms else None, "mode": ",".join(modes) or None,
              "part": str(view.part + 1) if view.part else None,
              "step": str(view.step) if view.step is not None else None,
              "q": str(view.quiz) if view.quiz else None, "type": str(view.type_step) if view.type_step else None}
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
    compare = _compared_in_link(kb, graphs, values, View(hypothesis, drug), notices)
    if drug is None and compare:
        drug, compare = compare[0], compare[1:]
    if drug in compare:
        notices.append(Notice(f"The link compares {kb.drugs[drug].name} with itself; showing it once."))
        compare = tuple(c for c in compare if c != drug)
    if len(compare) > MAX_COMPARED:
        dropped = ", ".join(kb.drugs[c].name for c in compare[MAX_COMPARED:])
        notices.append(Notice(f"Up to {MAX_COMPARED + 1} drugs are compared at once "
                              f"({''.join(COMPARE_MARKS)}); left out of the comparison: {dropped}."))
        compare = compare[:MAX_COMPARED]
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
    view = View(hypothesis, drug, node, edge, tab, mechanisms, mode, None, compare,
                type_step=_type_in_link(values, notices))
    if "part" in values:
        raw, parts = values["part"], part_count(kb, view)
        if parts < 2:
            notices.append(Notice("The link names a part, but only the integrated view in present mode is shown "
                                  "in parts; ignored it."))
        elif not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= parts):
            notices.append(Notice(f"The link's part {shorten(raw)!r} is not one of 1 to {parts}; "
                                  "showing the first."))
        else:
            view = replace(view, part=int(raw) - 1)
    if "quiz" in chosen:
        view = replace(view, quiz=0, compare=(), tab="pathway")
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
            if "part" not in values:
                view = _part_of_step(kb, graphs, view)
    return view, notices


def _type_in_link(values: dict, notices: list) -> int:
    """The link's type step (A−/A+: ``type=-1``, ``type=2``), or 0 with a notice."""
    if "type" not in values:
        return 0
    raw = values["type"]
    number = raw[1:] if raw[:1] in "+-" else raw
    if number.isascii() and number.isdigit() and int(raw) in TYPE_STEPS:
        return int(raw)
    notices.append(Notice(f"The link's type {shorten(raw)!r} is not a step from {TYPE_STEPS[0]} to "
                          f"{TYPE_STEPS[-1]}; showing the usual size."))
    return 0


def _compared_in_link(kb: KnowledgeBase, graphs: Graphs, values: dict, base: View,
                      notices: list) -> tuple[str, ...]:
    """The drug ids a link's ``compare`` names, separated by commas (a name may hold one
    itself: ``(R,S)-Ketamine``); each unknown one left out with a notice, each repeat once."""
    if "compare" not in values:
        return ()
    pieces, found, i = values["compare"].split(",")[:MAX_NAMES], [], 0
    span = 1 + max(alias.count(",") for drug in kb.drugs.values() for alias in drug.aliases)
    while i < len(pieces):
        for j in range(min(len(pieces), i + span), i, -1):   # the longest run of pieces that names a drug
            name = ",".join(pieces[i:j]).strip()
            try:
                found.append(engine.resolve_drug(kb, name).id)
            except engine.UnknownName:
                continue
            i = j
            break
        else:
            if pieces[i].strip():
                try:
                    engine.resolve_drug(kb, pieces[i].strip())
                except engine.UnknownName as error:
                    notices.append(_unknown_notice(kb, graphs, error, "compare", "comparing without it", base))
            else:
                notices.append(Notice("The link's compare has an empty name; ignored it."))
            i += 1
    return tuple(dict.fromkeys(found))


def part_count(kb: KnowledgeBase, view: View) -> int:
    """How many parts present mode shows the view's graph in: the integrated view's (as on
    slides: ``[[part]]`` in ``integrated.toml``), 1 for every other view."""
    if view.mode == "present" and view.hypothesis == INTEGRATED:
        return max(1, len(kb.integrated_parts))
    return 1


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
    for event in ("hypothesis", "drug", "compare", "tab", "mechanisms", "mode", "type"):
        view, _ = navigate(kb, graphs, view, event, stored.get(event))
    if stored.get("node"):   # before the step: a node chosen in a step-through would move it
        view, _ = navigate(kb, graphs, view, "node", stored["node"])
    if stored.get("edge"):
        view, _ = navigate(kb, graphs, view, "edge", {"id": stored["edge"]})
    if stored.get("step") is not None:
        view = _step(kb, graphs, view, stored["step"])
    view, _ = navigate(kb, graphs, view, "part", stored.get("part"))
    if stored.get("quiz") is not None:
        view, _ = navigate(kb, graphs, replace(view, quiz=0, step=None, compare=()), "question", stored["quiz"])
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
    ``question`` (a number: the question reached, or ``"next"``; quiz mode only);
    ``type`` (a step, or ``"larger"``, ``"smaller"``); ``part`` (a number from 0, or
    ``"next"``, ``"back"``: the integrated view's part in present mode).
    """
    if event == "url":
        return parse_query(kb, graphs, value if isinstance(value, str) else None)
    if event == "hypothesis":
        if not isinstance(value, str) or value not in graphs:
            return view, []
        node = view.node if view.node and is_node(kb, graphs[value], view.node) else None
        edge = view.edge if view.edge and edge_ends(graphs[value], view.edge) else None
        return _restart(replace(view, hypothesis=value, node=node, edge=edge, part=0)), []
    if event == "drug":
        drug = value if isinstance(value, str) and value in kb.drugs else None
        compare = tuple(c for c in view.compare if c != drug) if drug is not None else ()
        return _restart(replace(view, drug=drug, compare=compare)), []
    if event == "compare":
        if view.quiz is not None:  # a second drug's marks would give the answers away
            return view, []
        chosen = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else []
        compare = [c for c in chosen if isinstance(c, str) and c in kb.drugs and c != view.drug]
        return replace(view, compare=tuple(dict.fromkeys(compare))[:MAX_COMPARED] if view.drug else ()), []
    if event == "node":
        node = value.get("id") if isinstance(value, dict) else value
        if node is None:
            return replace(view, node=None), []
        if isinstance(node, str) and is_node(kb, graphs[view.hypothesis], node):
            return _step_of_node(kb, graphs, replace(view, node=node, edge=None)), []
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
            return replace(View(hypothesis, drug), mechanisms=view.mechanisms, mode=view.mode,
                           type_step=view.type_step), []
        return view, []
    if event == "tab":
        return (replace(view, tab=value) if value in TABS else view), []
    if event == "mechanisms":
        return replace(view, mechanisms=bool(value) if isinstance(value, (list, bool)) else False), []
    if event == "mode":
        return replace(view, mode="present" if value == "present" else None, part=0), []
    if event == "quiz":
        quiz = None if view.quiz is not None else 0
        return replace(view, quiz=quiz, step=None, compare=() if quiz == 0 else view.compare, tab="pathway"), []
    if event == "question":
        return _question(kb, graphs, view, value), []
    if event == "present":
        return replace(view, mode=None if view.mode else "present", tab="pathway", part=0), []
    if event == "step":
        return _part_of_step(kb, graphs, _step(kb, graphs, view, value)), []
    if event == "type":
        step = {"larger": view.type_step + 1, "smaller": view.type_step - 1}.get(value, value)
        ok = isinstance(step, int) and not isinstance(step, bool) and step in TYPE_STEPS
        return (replace(view, type_step=step) if ok else view), []
    if event == "part":
        part = {"next": view.part + 1, "back": view.part - 1}.get(value, value)
        ok = isinstance(part, int) and not isinstance(part, bool) and 0 <= part < part_count(kb, view)
        return (replace(view, part=part) if ok else view), []
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
    if value == "back" and view.step is None:   # before the first step: the start stays the start
        return view
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


def _newest(kb: KnowledgeBase, graphs: Graphs, view: View) -> tuple[list, int]:
    """The view's chain steps, and the index of the newest node revealed (-1 before stepping)."""
    graph = graphs[view.hypothesis]
    explanation = engine.explain_drug(kb, kb.drugs[view.drug], graph, panels=graphs)
    steps = chain_steps(graph, explanation)
    if view.step is None or not steps:
        return steps, -1
    return steps, min(len(explanation.targets) + view.step, len(steps)) - 1


def _step_of_node(kb: KnowledgeBase, graphs: Graphs, view: View) -> View:
    """A node chosen in a step-through: the step that reveals it (a target: step 0), if it
    is on the chain; the step stays where it was otherwise."""
    if view.step is None or view.drug not in kb.drugs or view.quiz is not None:
        return view
    steps, _ = _newest(kb, graphs, view)
    targets = sum(1 for s in steps if s.via is None)
    at = next((i for i, s in enumerate(steps) if s.node == view.node), None)
    return view if at is None else replace(view, step=max(at - targets + 1, 0))


def _part_of_step(kb: KnowledgeBase, graphs: Graphs, view: View) -> View:
    """In a view shown in parts, the part that holds the step's newest node, if the part
    shown does not."""
    if part_count(kb, view) < 2 or view.drug not in kb.drugs:
        return view
    steps, newest = _newest(kb, graphs, view)
    if newest < 0:
        return view
    node, parts = steps[newest].node, kb.integrated_parts
    if node in parts[view.part].nodes:
        return view
    return replace(view, part=next((i for i, p in enumerate(parts) if node in p.nodes), view.part))


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
    return replace(View(hypothesis, drug), mechanisms=view.mechanisms, mode=view.mode, type_step=view.type_step)


#: Table columns whose cells hold links: a click there follows the link only.
LINK_COLUMNS = ("trial_ids",)


def export_filename(kb: KnowledgeBase, graphs: Graphs, view: View, extension: str, kind: str = "") -> str:
    """A download's file name, made only from known ids: ``moa-disinhibition-ketamine-view.png``.

    ``kind`` (``view`` for the graph as shown, ``figure`` for the server's figure)
    keeps the two downloads of one view apart; a ``deck`` is the drug's, across the
    hypotheses: ``moa-ketamine-deck.pptx``.
    """
    if kind == "deck":
        return "-".join(["moa", *([view.drug] if view.drug in kb.drugs else []), "deck"]) + f".{extension}"
    parts = ["moa"]
    if view.hypothesis in graphs:
        parts.append(view.hypothesis)
    if view.drug in kb.drugs:
        parts.append(view.drug)
    for compared in view.compare:
        if compared in kb.drugs:
            parts += ["vs", compared]
    if kind in ("view", "figure"):
        parts.append(kind)
    return "-".join(parts) + (f".{extension}" if extension else "")


