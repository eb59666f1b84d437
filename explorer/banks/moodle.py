"""Moodle XML: a category per drug and view, one ``multichoice`` question per question.

Each has its stem as HTML, one answer per choice (``fraction`` 100 for the right one,
0 for the others) with that answer's feedback, and the revealed answer with its
citation as general feedback. Its ``idnumber`` is the question's id, as in the QTI
package and the GIFT file. A practice question files under its own sub-category with
a default mark of 0: never graded as the review's claim.
"""

from __future__ import annotations

from html import escape

from ..markup import el
from ..quiz import Question, Quiz, prompt
from .common import category, feedback_html, item_title, questions_of, stem_html, text

__all__ = ["moodle_question", "moodle_xml"]


def _html(tag: str, markup: str, **attributes) -> str:
    """An element holding HTML (escaped inside ``<text>``)."""
    return el(tag, text("text", markup), format="html", **attributes)


def moodle_question(question: Question) -> str:
    """One ``<question type="multichoice">``."""
    answers = "".join(
        el("answer", text("text", c.label) + _html("feedback", feedback_html(question, c.id)),
           fraction="100" if c.id == question.correct else "0", format="html")
        for c in question.choices)
    return el("question", "".join([
        el("name", text("text", item_title(question))),
        _html("questiontext", stem_html(question) + el("p", el("strong", escape(prompt(question), quote=False)))),
        _html("generalfeedback", feedback_html(question)),
        text("defaultgrade", "1" if question.graded else "0"),
        text("penalty", "0"), text("hidden", "0"), text("idnumber", question.id),
        text("single", "true"), text("shuffleanswers", "false"), text("answernumbering", "none"),
        _html("correctfeedback", ""), _html("partiallycorrectfeedback", ""), _html("incorrectfeedback", ""),
        answers]), type="multichoice")


def moodle_xml(quizzes: tuple[Quiz, ...]) -> str:
    """The bank as one Moodle XML ``<quiz>``: a category, then its questions, per drug and view."""
    parts, current = [], None
    for question in questions_of(quizzes):
        where = category(question)
        if where != current:
            parts.append(el("question", el("category", text("text", f"$course$/top/{where}")), type="category"))
            current = where
        parts.append(moodle_question(question))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + el("quiz", "\n" + "\n".join(parts) + "\n") + "\n"
