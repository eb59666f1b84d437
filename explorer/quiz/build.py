"""Questions from the account of a view: :func:`quiz_of` (one view, one drug) and
:func:`question_bank` (every stated and analogy prediction, or a narrower choice).

Each lit node is asked about in the step-through's order (the drug's targets first,
then node by node; a readout's question carries the review's evidence), then each
readout that the route requires without changing it ("no change"). Whose claim an
answer is comes from the account: a question is graded only where the prediction it
tests is ``stated`` or ``analogy``; an extrapolation makes a practice question, never
graded as the review's claim.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from ..account import SIGNS, Sign, account_of, steps_of
from ..engine import Explanation, explain_drug, readouts_of
from ..model import BASIS_WORDS, KnowledgeBase
from .records import Choice, Question, Quiz

__all__ = ["GRADED_BASES", "NO_CHANGE", "NothingToAsk", "choices", "question_bank", "quiz_of", "suggestions"]

#: The bases a question is graded on: the review's account.
GRADED_BASES = ("stated", "analogy")
NO_CHANGE = Choice("none", "", "no change")
_CHOICE_IDS: Mapping[Sign, str] = {SIGNS[1]: "up", SIGNS[-1]: "down", SIGNS[0]: "both"}


class NothingToAsk(ValueError):
    """No question to ask for what was named; the message says where there are some."""


def choices(both: bool = False) -> tuple[Choice, ...]:
    """The answers every question offers, from the account's signs: ▲ rises, ▼ falls, no change
    (and ▲▼ rises and falls, in a quiz where routes of both signs meet at some node)."""
    signs = (1, -1, 0) if both else (1, -1)
    return (*(Choice(_CHOICE_IDS[SIGNS[s]], SIGNS[s].symbol, SIGNS[s].word) for s in signs), NO_CHANGE)


def quiz_of(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None) -> Quiz:
    """The questions of one view for its drug, in the step-through's order.

    >>> from explorer.loader import load_knowledge_base
    >>> from explorer.engine import build_graphs, explain_drug
    >>> kb = load_knowledge_base(); graphs = build_graphs(kb)
    >>> quiz = quiz_of(kb, graphs["glyx-13"], explain_drug(kb, kb.drugs["rapastinel"], graphs["glyx-13"]))
    >>> [(q.label, q.choice.label, q.basis) for q in quiz.questions][-1]
    ('BDNF', 'no change', 'stated')
    """
    told = account_of(kb, graph, explanation)
    base = {"hypothesis": told.hypothesis, "hypothesis_title": told.title}
    if explanation is None or told.drug is None:
        return Quiz(**base, drug="", drug_name="", targets="",
                    empty="Pick a drug: the quiz asks what it does to each node of its route.")
    drug = told.drug
    base |= {"drug": drug.id, "drug_name": drug.name,
             "targets": "; ".join(f"{t.label} ({t.where}): {t.actions}" for t in told.targets)}
    if told.answer != "effects":
        return Quiz(**base, empty=told.answer_text)
    steps = steps_of(graph, explanation)
    readouts = {r.name: r for r in told.readouts}
    options = choices(both=any(s.sign == SIGNS[0] for s in steps))
    found: list[dict] = []
    for step in steps:
        readout = readouts.get(step.readout)
        asks_readout = readout is not None and readout.status == "changes"
        basis = readout.basis if asks_readout and readout is not None else step.basis
        if not basis:
            continue
        found.append({"kind": "target" if step.target else "readout" if asks_readout else "step",
                      "node": step.node, "label": step.label, "correct": _CHOICE_IDS[step.sign], "basis": basis,
                      "answer": step.reveal, "route": step.route, "step": step,
                      "readout": readout if asks_readout else None})
    routes = {s.label: s.route for s in steps}
    nodes = readouts_of(graph)
    for readout in told.readouts:  # what the route requires without changing it closes the chain
        if readout.status == "required" and readout.basis and steps:
            route = next((routes[r] for r in readout.required_for if r in routes), steps[-1].route)
            needs = tuple(dict.fromkeys(r for other in told.readouts for r in other.requirements
                                        if r.condition == readout.name))
            found.append({"kind": "readout", "node": nodes[readout.name], "label": readout.name, "correct": "none",
                          "basis": readout.basis, "answer": f"{readout.name}: {readout.effect_words}",
                          "route": route, "readout": readout, "requirements": needs})
    questions = tuple(
        Question(id=f"{told.hypothesis}--{drug.id}--q{number:02d}", number=number, **base_q,
                 hypothesis=told.hypothesis, hypothesis_title=told.title, drug=drug.id, drug_name=drug.name,
                 choices=options, graded=base_q["basis"] in GRADED_BASES,
                 basis_words=BASIS_WORDS.get(base_q["basis"], ""))
        for number, base_q in enumerate(found, 1))
    if not questions:
        return Quiz(**base, empty=f"No node of {drug.name}'s route here leads to a readout with a prediction.")
    return Quiz(**base, questions=questions)


def _quizzes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], hypotheses, drugs) -> list[Quiz]:
    return [quiz_of(kb, graphs[h], explain_drug(kb, kb.drugs[d], graphs[h], panels=graphs))
            for h in hypotheses for d in drugs]


def suggestions(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], *, hypothesis: str | None = None,
                drug: str | None = None) -> list[tuple[str, str]]:
    """Where there are graded questions: ``(hypothesis, drug)`` pairs for this drug on other
    panels, else for other drugs on this panel."""
    if drug is not None:
        found = [(q.hypothesis, q.drug) for q in _quizzes(kb, graphs, kb.hypotheses, [drug]) if q.graded]
        if found:
            return found
    panels = [hypothesis] if hypothesis in kb.hypotheses else list(kb.hypotheses)
    return [(q.hypothesis, q.drug) for q in _quizzes(kb, graphs, panels, kb.drugs) if q.graded]


def question_bank(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], *, hypothesis: str | None = None,
                  drug: str | None = None) -> tuple[Quiz, ...]:
    """The quizzes of a question bank: every panel × drug with graded questions (each with
    its practice questions too), narrowed to ``hypothesis`` and ``drug`` (ids) if given.

    A named drug with no graded question there gives its practice quizzes; nothing at all
    raises :class:`NothingToAsk`, whose message names where there are questions.
    """
    hypotheses = [hypothesis] if hypothesis else list(kb.hypotheses)
    quizzes = [q for q in _quizzes(kb, graphs, hypotheses, [drug] if drug else kb.drugs) if q.questions]
    graded = tuple(q for q in quizzes if q.graded)
    if graded:
        return graded
    if drug is not None and quizzes:
        return tuple(quizzes)
    where = graphs[hypothesis].graph.get("title", hypothesis) if hypothesis else "any panel"
    what = (f"{kb.drugs[drug].name} has no prediction under {where} to ask about" if drug
            else f"no drug has a stated or analogy prediction under {where}")
    near = suggestions(kb, graphs, hypothesis=hypothesis, drug=drug)[:6]
    hint = ("; there are graded questions for " + ", ".join(f"{kb.drugs[d].name} under {h}" for h, d in near)
            if near else "")
    raise NothingToAsk(f"nothing to quiz on: {what}{hint}")
