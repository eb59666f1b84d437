"""The drug's chain told one node at a time, on screen: the signs' marks.

The order and the signs (:func:`~explorer.engine.steps.chain_steps`, :func:`lit_signs`)
live in the engine, where the quiz and the account read them too (no Dash there);
they are re-exported here for the page areas that draw them.
"""

from __future__ import annotations

from ..engine.steps import Step, chain_steps, lit_signs, step_count
from ..style import EFFECT_WORDS

__all__ = ["Step", "chain_steps", "lit_signs", "sign_mark", "step_count"]


def sign_mark(signs: frozenset[int] | set[int]) -> str:
    """``▲``, ``▼`` or ``▲▼`` (both) for a set of signs."""
    return "".join(EFFECT_WORDS[word]["symbol"] for sign, word in ((1, "up"), (-1, "down")) if sign in signs)
