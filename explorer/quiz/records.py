"""A quiz as plain data: small frozen records, no markup.

Every place that asks the questions (the app's quiz mode, the one-file explorer, the
QTI, Moodle XML and GIFT banks) renders these records, and every word of a question,
its answers and its feedback comes from the view's account (:mod:`explorer.account`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..account import Chain, ReadoutAccount, Requirement, StepAccount

__all__ = ["Choice", "Question", "Quiz"]

#: What a question asks about: a drug's target, a further node of the chain, or a readout.
Kind = Literal["target", "step", "readout"]


@dataclass(frozen=True)
class Choice:
    """One answer: ``up`` "▲ rises", ``down`` "▼ falls", ``none`` "no change" (and, where routes
    of both signs meet, ``both`` "▲▼ rises and falls")."""

    id: str
    symbol: str
    word: str

    @property
    def label(self) -> str:
        """What the answer's button says: ``▲ rises``, ``no change``."""
        return f"{self.symbol} {self.word}".strip()


@dataclass(frozen=True)
class Question:
    """One prediction to make: what happens to a node, with the answer and what reveals it.

    ``graded`` questions test the review's account (their ``basis`` is ``stated`` or
    ``analogy``); the others are practice: what the panel's logic would predict. ``step``
    is the account of the node's step (its sign, the arrow that reaches it with the
    review's citation and sentence, the route from the drug); ``readout`` the account of
    the readout a readout question asks about (its evidence, requirements, caveats). A
    readout that does not change but that the route requires has no step: its ``route``
    is that of the node it is required for.
    """

    id: str
    number: int
    hypothesis: str
    hypothesis_title: str
    drug: str
    drug_name: str
    kind: Kind
    node: str
    label: str
    choices: tuple[Choice, ...]
    correct: str
    graded: bool
    basis: str
    basis_words: str
    answer: str
    route: Chain
    step: StepAccount | None = None
    readout: ReadoutAccount | None = None
    requirements: tuple[Requirement, ...] = ()

    @property
    def choice(self) -> Choice:
        """The correct answer."""
        return next(c for c in self.choices if c.id == self.correct)

    @property
    def via(self) -> tuple[str, str] | None:
        """The edge that reaches the node (``None`` for a target or a required readout)."""
        return (self.step.source_node, self.node) if self.step and self.step.source_node else None


@dataclass(frozen=True)
class Quiz:
    """The questions one view asks about one drug, in the order the chain is told.

    ``graded`` counts the questions graded on the review's account; a quiz with none is
    practice only. An empty quiz has ``empty`` saying why there is nothing to ask.
    """

    hypothesis: str
    hypothesis_title: str
    drug: str
    drug_name: str
    targets: str
    questions: tuple[Question, ...] = ()
    empty: str = ""

    @property
    def graded(self) -> int:
        return sum(1 for q in self.questions if q.graded)

    @property
    def practice(self) -> int:
        return len(self.questions) - self.graded
