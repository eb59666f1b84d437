"""Quiz mode on the page: predict, then see.

Pure functions of the view and the answers given (which stay in the browser, never in
the link): the graph's overlay with every sign hidden until its question is answered,
the quiz box (the question, its answer buttons, what the last answer revealed, the
score) and the drug's panel without its effects. Every word comes from
:mod:`explorer.quiz`'s records, built from the view's account.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import networkx as nx
from dash import dcc, html

from .. import engine, quiz
from ..model import KnowledgeBase, action_words
from ..style import HIGHLIGHT
from .base import EDGE_JOIN, Graphs, hypothesis_title
from .boxes import node_box, overlay_lines, overlay_size
from .controls import drug_label
from .graph import room_of
from .state import View, format_query

__all__ = ["ANSWER_BUTTONS", "QUIZ_ACCENT", "answer", "quiz_box", "quiz_drug_panel", "quiz_for", "quiz_panel",
           "quiz_stylesheet", "score"]

#: The answer buttons, one per choice any quiz can offer, by their element ids.
ANSWER_BUTTONS = {f"quiz-{c.id}": c for c in quiz.choices(both=True)}
#: The question's node: outlined in blue (Okabe–Ito), dashed, with a "?" for its sign.
QUIZ_ACCENT = "#0072B2"


def quiz_for(kb: KnowledgeBase, graphs: Graphs, view: View) -> quiz.Quiz:
    """The quiz of the view's drug on its hypothesis (empty, saying why, when there is none)."""
    graph = graphs[view.hypothesis]
    explanation = engine.explain_drug(kb, kb.drugs[view.drug], graph, panels=graphs) if view.drug else None
    return quiz.quiz_of(kb, graph, explanation)


def _ids(kind: str, ids) -> str:
    return ", ".join(f'{kind}[id = "{i}"]' for i in sorted(ids))


def quiz_stylesheet(kb: KnowledgeBase, graph: nx.DiGraph, view: View, explanation: engine.Explanation | None,
                    asked: quiz.Quiz) -> list[dict]:
    """The overlay in quiz mode: the drug's targets with their actions; each node lit and
    marked ▲/▼ only once its question is answered, the arrow that reaches it with it; the
    node asked about outlined, marked ``?``, its arrow drawn. No other sign anywhere."""
    if explanation is None or not explanation.targets:
        return []
    reached = view.quiz or 0
    answered = asked.questions[:reached]
    current = asked.questions[reached] if reached < len(asked.questions) else None
    room = room_of(view)
    scale = room.scale
    sheet: list[dict] = [{"selector": ".entity", "style": {"opacity": HIGHLIGHT["dim_opacity"]}},
                         {"selector": "edge", "style": {"opacity": HIGHLIGHT["dim_opacity"], "line-style": "dashed"}}]
    marks = {q.node: q.step.sign.symbol for q in answered if q.step is not None}
    lit_edges = [q.via for q in answered if q.via is not None]
    if marks:
        sheet.append({"selector": _ids("node", marks), "style": {
            "opacity": 1, "underlay-color": HIGHLIGHT["lit"], "underlay-opacity": HIGHLIGHT["lit_opacity"],
            "underlay-padding": 8, "underlay-shape": "round-rectangle"}})
    if lit_edges:
        sheet.append({"selector": _ids("edge", [f"{u}{EDGE_JOIN}{v}" for u, v in lit_edges]), "style": {
            "opacity": 1, "line-style": "solid", "width": 4 * scale, "underlay-color": HIGHLIGHT["lit"],
            "underlay-opacity": HIGHLIGHT["lit_opacity"], "underlay-padding": 5}})
    if current is not None:  # the arrow that reaches the node asked about (a required readout: its "requires")
        needs = [(current.node, v) for v in graph.succ[current.node] if graph.edges[current.node, v]["sign"] == 0]
        arrows = [current.via] if current.via is not None else needs
        if arrows:
            sheet.append({"selector": _ids("edge", [f"{u}{EDGE_JOIN}{v}" for u, v in arrows]), "style": {
                "opacity": 1, "width": 4 * scale, **({"line-style": "solid"} if current.via else {})}})
    asking = {current.node} if current is not None else set()
    for node in sorted(set(explanation.targets) | set(marks) | asking):
        data = graph.nodes[node]
        label, width, height = node_box(data["label"], data["kind"])
        mark = "?" if node in asking and node not in marks else marks.get(node, "")
        action = action_words(explanation.targets[node]) if node in explanation.targets else ""
        lines = overlay_lines(label, [mark], [action])
        style: dict = {"label": "\n".join(lines), "opacity": 1}
        grown_width, grown_height = overlay_size(width, height, lines, len(lines) - len(label.split("\n")), scale,
                                                 bold=bool(action), kind=data["kind"])
        if grown_width:
            style["width"] = grown_width
        if grown_height:
            style["height"] = grown_height
        if action:
            style.update({"border-color": HIGHLIGHT["target"], "border-width": 5, "border-style": "solid",
                          "font-weight": "bold"})
        if node in asking:
            style.update({"border-color": QUIZ_ACCENT, "border-width": 6, "border-style": "dashed",
                          "font-weight": "bold", "underlay-color": "#D6EAF8", "underlay-opacity": 1,
                          "underlay-padding": 10})
        sheet.append({"selector": _ids("node", [node]), "style": style})
    return sheet


# -- the quiz box ------------------------------------------------------------------------

def _answers(stored: Any, asked: quiz.Quiz) -> dict[int, str]:
    """The answers given to this quiz, from the browser's store (anything odd is ignored)."""
    if not isinstance(stored, dict) or stored.get("quiz") != f"{asked.hypothesis}/{asked.drug}":
        return {}
    given = stored.get("answers")
    if not isinstance(given, dict):
        return {}
    ids = {c.id for c in quiz.choices(both=True)}
    return {int(k): v for k, v in given.items() if isinstance(k, str) and k.isdigit() and v in ids}


def answer(kb: KnowledgeBase, graphs: Graphs, view: View, stored: Any, choice: str | None) -> tuple[View, dict]:
    """The view and the answers after a button: a choice answers the question reached and
    moves on; ``None`` (Restart) forgets the answers and goes back to the first question."""
    asked = quiz_for(kb, graphs, view)
    given = _answers(stored, asked)
    reached = view.quiz or 0
    if choice is None:
        given, view = {}, replace(view, quiz=0)
    elif reached < len(asked.questions) and choice in {c.id for c in asked.questions[reached].choices}:
        given[reached] = choice
        view = replace(view, quiz=reached + 1)
    return view, {"quiz": f"{asked.hypothesis}/{asked.drug}", "answers": {str(k): v for k, v in given.items()}}


def score(asked: quiz.Quiz, given: Mapping[int, str]) -> tuple[int, int, int, int]:
    """Right answers and questions answered: graded, then practice."""
    right = [(q.graded, given.get(i) == q.correct) for i, q in enumerate(asked.questions) if i in given]
    return (sum(ok for g, ok in right if g), sum(1 for g, _ in right if g),
            sum(ok for g, ok in right if not g), sum(1 for g, _ in right if not g))


def _tag(question: quiz.Question) -> html.Span:
    words = f"graded · {question.basis}" if question.graded else "practice · not the review's claim"
    return html.Span(words, className=f"quiz-tag basis-{question.basis}")


def _reveal(question: quiz.Question, given: str | None) -> list:
    """What an answer revealed, line by line (the verdict is the status line's)."""
    return [html.P(words, className=f"quiz-{role}") for role, words in quiz.feedback(question, given)[1:]]


def quiz_panel(kb: KnowledgeBase, graphs: Graphs, view: View, stored: Any) -> tuple[list, list, list]:
    """The quiz box's three parts: the status line (announced), what the last answer
    revealed, and the question reached with its state (or the score, or why there is none)."""
    asked = quiz_for(kb, graphs, view)
    if not asked.questions:
        links = [dcc.Link(f"{kb.drugs[d].name} under {hypothesis_title(kb, graphs, h)}",
                          href=format_query(View(h, d, quiz=0, mode=view.mode)))
                 for h, d in quiz.suggestions(kb, graphs, hypothesis=view.hypothesis, drug=view.drug)[:6]]
        body = [html.P(asked.empty or "Nothing to quiz on here.", className="quiz-empty-why")]
        if links:
            body += [html.P("Graded questions are there for:"), html.Ul([html.Li(a) for a in links])]
        return [], [], [html.Div(body, className="quiz-state quiz-empty")]
    given = _answers(stored, asked)
    reached = min(view.quiz or 0, len(asked.questions))
    status, reveal = [], []
    if reached:
        last = asked.questions[reached - 1]
        said = quiz.verdict(last, given.get(reached - 1)) or f"Answer: {last.answer}."
        status.append(html.Strong(said, className="quiz-said-right" if given.get(reached - 1) == last.correct
                                  else "quiz-said-wrong" if reached - 1 in given else "quiz-said"))
        reveal = [html.H3(f"What question {last.number} revealed: {last.label}", className="quiz-reveal-title"),
                  *_reveal(last, given.get(reached - 1))]
    flags = "quiz-state" + (" quiz-has-both" if any(c.id == "both" for c in asked.questions[0].choices) else "")
    graded_n = asked.graded
    intro = html.P([html.Strong(drug_label(kb.drugs[asked.drug])), f" under “{asked.hypothesis_title}”. ",
                    f"{len(asked.questions)} questions, {graded_n} graded on the review's account"
                    + (f", {asked.practice} practice" if asked.practice else "") + "."], className="quiz-intro")
    if reached == len(asked.questions):
        right, answered, right_p, _ = score(asked, given)
        lines = [f"Graded on the review's account: {right} of {graded_n} right"
                 + (f" ({graded_n - answered} not answered here)" if answered < graded_n else "") + "."]
        if asked.practice:
            lines.append(f"Practice (the panel's logic, not the review's claim): {right_p} of {asked.practice} right.")
        status.append(html.Span(f" The end. {' '.join(lines)}"))
        question = [intro, html.H2("Score", id="quiz-prompt", tabIndex="-1"),
                    *(html.P(line, className="quiz-score") for line in lines),
                    html.P("Restart to try again, or pick another drug or hypothesis.", className="hint")]
        return status, reveal, [html.Div(question, className=f"{flags} quiz-done")]
    current = asked.questions[reached]
    # Said to a screen reader with the verdict; on screen the question below says it.
    status.append(html.Span(f" Question {current.number} of {len(asked.questions)}: {quiz.prompt(current)}",
                            className="visually-hidden"))
    grading = [] if current.graded else [html.P(quiz.grading_line(current), className="quiz-grading quiz-practice")]
    question = [intro,
                html.P([f"Question {current.number} of {len(asked.questions)} ", _tag(current)],
                       className="quiz-progress", title=quiz.grading_line(current)),
                *grading,
                html.P(quiz.route_text(current), className="quiz-route"),
                html.H2(quiz.prompt(current), id="quiz-prompt", tabIndex="-1")]
    return status, reveal, [html.Div(question, className=flags)]


def quiz_box() -> html.Section:
    """The quiz's place on the page: its parts filled by :func:`quiz_panel`, the answer
    buttons (real buttons, with words) and Restart always there."""
    buttons = [html.Button(c.label, id=button_id, n_clicks=0, type="button", className=f"quiz-answer quiz-{c.id}")
               for button_id, c in ANSWER_BUTTONS.items()]
    return html.Section([
        html.H2("Quiz: predict, then see", className="quiz-title", id="quiz-title"),
        html.P(id="quiz-status", className="quiz-status", role="status", **{"aria-live": "polite"}),
        html.Div(id="quiz-question", className="quiz-question"),
        html.Div(buttons, className="quiz-answers", role="group", **{"aria-labelledby": "quiz-prompt"}),
        html.Button("Restart", id="quiz-restart", n_clicks=0, type="button", className="quiz-restart"),
        html.Div(id="quiz-reveal", className="quiz-reveal"),
    ], id="quiz", className="panel quiz", **{"aria-labelledby": "quiz-title"})


def quiz_drug_panel(kb: KnowledgeBase, graphs: Graphs, view: View) -> list:
    """The drug's panel in quiz mode: who it is and what it acts on, no effect (the answers)."""
    if view.drug not in kb.drugs:
        return [html.P("Pick a drug: the quiz asks what it does to each node of its route.", className="hint")]
    drug = kb.drugs[view.drug]
    asked = quiz_for(kb, graphs, view)
    parts: list = [html.H2(drug_label(drug), id="drug-name")]
    if asked.targets:
        parts.append(html.P([html.Strong("Targets here: "), asked.targets]))
    parts.append(html.P("Its effects are hidden in quiz mode: each answer reveals one node's sign.",
                        className="hint"))
    return parts
