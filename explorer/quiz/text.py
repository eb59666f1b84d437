"""A question told in words: lead-in, the route so far, the prompt, and the feedback as
lines of text with a role (``answer``, ``arrow``, ``note``, ``source``, ``evidence`` …),
which each place renders in its own markup. Every word comes from the account's records.
"""

from __future__ import annotations

from ..account import Chain, cite, evidence_line
from .records import Question

__all__ = ["FeedbackLine", "feedback", "grading_line", "lead_in", "prompt", "route_text", "verdict"]

#: One line of feedback: its role (how a renderer marks it) and its text.
FeedbackLine = tuple[str, str]


def lead_in(question: Question) -> str:
    """``(R,S)-Ketamine under “Disinhibition of pyramidal neurons” (Fig. 1 of the review).``"""
    return f"{question.drug_name} under “{question.hypothesis_title}” (Fig. 1 of the review)."


def route_text(question: Question) -> str:
    """The route as far as it is known, the node asked about marked ``?``:
    ``(R,S)-Ketamine (antagonist) ⊣ NMDAR (GABAergic interneuron) ▼ → Interneuron activity ?``."""
    route = question.route
    if question.step is None:  # a readout the route requires: the whole route is known
        return f"{route.text}; {question.label} ?"
    known = Chain(route.drug, route.actions, route.nodes[:-1], route.arrows[:-1], route.effect).text
    last, arrow = route.nodes[-1], route.arrows[-1]
    return f"{known} {arrow.symbol} {last.label}{f' ({last.where})' if last.where else ''} ?"


def prompt(question: Question) -> str:
    """``What happens to GABA?``; a readout: ``Readout: what happens to BDNF?``."""
    return f"{'Readout: what' if question.kind == 'readout' else 'What'} happens to {question.label}?"


def grading_line(question: Question) -> str:
    """Whose claim the answer is: graded on the review's account, or practice."""
    if question.graded:
        return f"Graded ({question.basis_words})."
    return f"Practice, not graded: what would this panel's logic predict? ({question.basis_words}.)"


def verdict(question: Question, given: str | None) -> str:
    """``Right: GABA ▼ falls.`` or ``Not quite: you said “▲ rises”; GABA ▼ falls.`` (``""`` unanswered)."""
    if given is None:
        return ""
    if given == question.correct:
        return f"Right: {question.answer}."
    said = next((c.label for c in question.choices if c.id == given), given)
    return f"Not quite: you said “{said}”; {question.answer}."


def feedback(question: Question, given: str | None = None) -> tuple[FeedbackLine, ...]:
    """What an answer reveals: right or wrong, the node's sign, the arrow that reaches it with
    the review's sentence and citation; for a readout, whose claim it is and the review's
    sentences that say so; and how the question is graded."""
    said = verdict(question, given)
    lines: list[FeedbackLine] = [("right" if given == question.correct else "wrong", said) if said
                                 else ("answer", f"{question.answer}.")]
    step = question.step
    if step is not None:
        lines.append(("arrow", f"Step {question.number}: {step.arrow_text}."))
        if step.note:
            lines.append(("note", step.note))
        unnumbered = "" if step.arrow.refs else " (the review gives no reference number there)"
        lines.append(("source", f"Source: {cite(step.arrow.source, step.arrow.refs)}{unnumbered}"))
    readout = question.readout
    if readout is not None:
        for requirement in question.requirements:
            lines.append(("requires", f"{requirement.text} ({cite(requirement.source, requirement.refs)})."))
        if readout.basis_words:
            lines.append(("basis", f"{readout.name}: {readout.basis_words}. Why: {readout.basis_note}."))
        lines += [("evidence", evidence_line(e)) for e in readout.evidence]
        lines += [("caveat", f"Caveat: {c.text}") for c in readout.caveats]
    lines.append(("grading", grading_line(question)))
    return tuple(lines)
