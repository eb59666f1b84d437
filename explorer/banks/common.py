"""What every bank shares: a question's stem, answers and feedback as HTML, titles, categories."""

from __future__ import annotations

from functools import partial
from html import escape

from .. import CITATION
from ..markup import el
from ..markup import text as _text
from ..quiz import Question, Quiz, feedback, grading_line, lead_in, route_text

__all__ = ["BANK_NAME", "category", "feedback_html", "item_title", "questions_of", "stem_html", "text"]

#: An element holding plain text, quotes left as they are.
text = partial(_text, quote=False)

#: The top category (Moodle, GIFT) and the test's title (QTI).
BANK_NAME = "MoA Explorer: predict the route"


def questions_of(quizzes: tuple[Quiz, ...]) -> list[Question]:
    return [q for quiz in quizzes for q in quiz.questions]


def item_title(question: Question) -> str:
    """``(R,S)-Ketamine, Disinhibition of pyramidal neurons, 3: GABA`` (``Practice:`` first where it is)."""
    practice = "" if question.graded else "Practice: "
    return f"{practice}{question.drug_name}, {question.hypothesis_title}, {question.number}: {question.label}"


def category(question: Question) -> str:
    """Where a question files: ``MoA Explorer…/<panel>/<drug>``, practice in its own sub-category."""
    parts = [BANK_NAME, question.hypothesis_title, question.drug_name]
    if not question.graded:
        parts.append("Practice (not the review's claim)")
    return "/".join(p.replace("/", "-") for p in parts)


def stem_html(question: Question) -> str:
    """Whose claim the answer is, the view and drug, and the route so far (the prompt apart)."""
    return (el("p", el("strong", escape(grading_line(question), quote=False)), class_="moa-grading")
            + text("p", lead_in(question)) + text("p", route_text(question), class_="moa-route"))


def feedback_html(question: Question, given: str | None = None) -> str:
    """The feedback for an answer (``None``: the answer revealed, with no verdict), citing the review."""
    parts = []
    for role, words in feedback(question, given):
        inner = escape(words, quote=False)
        inner = el("strong", inner) if role in ("right", "wrong", "answer") else inner
        parts.append(el("p", inner, class_=f"moa-{role}"))
    parts.append(text("p", f"Reference numbers are the review's: {CITATION}", class_="moa-cite"))
    return "".join(parts)
