"""Remembered callback answers: the same request to a pure callback is answered from memory.

The explorer's callbacks are pure functions of their request (the view lives in the
browser), and a class sends the same few requests over and over: thirty students
opening ketamine under the disinhibition panel send thirty identical bodies. The
answer's bytes are kept by a digest of the request body, in a
:class:`~explorer.serving.limits.BoundedCache`, so a repeated click skips Dash
altogether. Only callbacks the app declares pure are remembered, only successful
answers, and only small ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from .limits import ANSWER_MAX_BYTES, CACHE_BYTES, BoundedCache

__all__ = ["RememberedAnswers"]


class RememberedAnswers(BoundedCache):
    """Answer bytes by request digest, at most ``max_bytes`` in all, ``max_answer`` each."""

    def __init__(self, pure: Callable[[str], bool], *, max_bytes: int | None = None,
                 max_answer: int = ANSWER_MAX_BYTES):
        max_bytes = CACHE_BYTES["answers"] if max_bytes is None else max_bytes
        super().__init__(max_bytes, max_entry=max_bytes)  # each answer's own cap: max_answer
        self.pure, self.max_answer = pure, max_answer

    @staticmethod
    def key(raw: bytes) -> bytes:
        return hashlib.blake2b(raw, digest_size=20).digest()

    def put(self, key: bytes, answer: bytes, size: int | None = None) -> bool:
        if len(answer) > self.max_answer:
            return False
        return super().put(key, answer, size)
