"""GIFT, Moodle's plain-text question format: a ``$CATEGORY`` per drug and view, one
multiple-choice question each, its answers with their feedback and the revealed answer
as general feedback (``####``), in HTML (``[html]``).

A comment before each question gives its id and tags (``// [id:…] [tag:graded]``),
which Moodle 4 reads as the question's ID number and tags. GIFT has no marks: a
practice question says so in its title, its tag and its category.
"""

from __future__ import annotations

import re
from html import escape

from ..markup import el
from ..quiz import Question, Quiz, prompt
from .common import category, feedback_html, item_title, questions_of, stem_html

__all__ = ["gift_escape", "gift_question", "gift_text"]

_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(words: str) -> str:
    """GIFT's special characters (``~ = # { } :`` and the backslash) escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(words.split()))


def gift_question(question: Question) -> str:
    """One question: its comment line, title, HTML stem and answers."""
    tags = f"[tag:{'graded' if question.graded else 'practice'}] [tag:{question.basis}]"
    stem = stem_html(question) + el("p", el("strong", escape(prompt(question), quote=False)))
    answers = [f"{'=' if c.id == question.correct else '~'}{gift_escape(c.label)}"
               f"#{gift_escape(feedback_html(question, c.id))}" for c in question.choices]
    return "\n".join([f"// [id:{question.id}] {tags}",
                      f"::{gift_escape(item_title(question))}::[html]{gift_escape(stem)} {{",
                      *answers, f"####{gift_escape(feedback_html(question))}", "}"])


def gift_text(quizzes: tuple[Quiz, ...]) -> str:
    """The bank as a GIFT file: a ``$CATEGORY`` line, then its questions, per drug and view."""
    parts, current = ["// Glutamatergic MoA Explorer: questions graded on the review's account "
                      "(Henter, Park & Zarate, CNS Drugs 2021)."], None
    for question in questions_of(quizzes):
        where = category(question)
        if where != current:
            parts.append(f"$CATEGORY: $course$/top/{where}")
            current = where
        parts.append(gift_question(question))
    return "\n\n".join(parts) + "\n"
