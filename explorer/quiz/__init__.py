"""Predict, then see: questions on a drug's route, graded on the review's account.

:func:`quiz_of` asks, for one view and one drug, what happens to each node of the
route in the step-through's order, then to the readouts; :func:`question_bank`
gathers every stated and analogy prediction of every drug (or a narrower choice)
for a learning-management system. Questions, answers and feedback are frozen
records (:mod:`.records`) built from the view's account; :mod:`.text` tells them as
lines of text with a role, which the app, the one-file explorer and the bank writers
(:mod:`explorer.banks`) render. No Dash, no files.
"""

from .build import GRADED_BASES, NO_CHANGE, NothingToAsk, choices, question_bank, quiz_of, suggestions
from .records import Choice, Question, Quiz
from .text import FeedbackLine, feedback, grading_line, lead_in, prompt, route_text, verdict

__all__ = [
    "GRADED_BASES", "NO_CHANGE", "Choice", "FeedbackLine", "NothingToAsk", "Question", "Quiz", "choices",
    "feedback", "grading_line", "lead_in", "prompt", "question_bank", "quiz_of", "route_text", "suggestions",
    "verdict",
]
