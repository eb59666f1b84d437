"""Remembered callback answers: the same request to a pure callback is answered from memory.

The explorer's callbacks are pure functions of their request (the view lives in the
browser), and a class sends the same few requests over and over: thirty students
opening ketamine under the disinhibition panel send thirty identical bodies. The
answer's bytes are kept by a digest of the request body, in a bounded LRU, so a
repeated click skips Dash altogether. Only callbacks the app declares pure are
remembered, only successful answers, and only small ones.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

__all__ = ["RememberedAnswers"]


class RememberedAnswers:
    """Answer bytes by request digest, at most ``max_bytes`` in all, ``max_answer`` each."""

    def __init__(self, pure: Callable[[str], bool], *, max_bytes: int = 32 * 1024 * 1024,
                 max_answer: int = 256 * 1024):
        self.pure, self.max_bytes, self.max_answer = pure, max_bytes, max_answer
        self._items: OrderedDict[bytes, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0

    @staticmethod
    def key(raw: bytes) -> bytes:
        return hashlib.blake2b(raw, digest_size=20).digest()

    def get(self, key: bytes) -> bytes | None:
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return answer

    def put(self, key: bytes, answer: bytes) -> None:
        if len(answer) > self.max_answer:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = answer
            self._size += len(answer)
            while self._size > self.max_bytes:
                self._size -= len(self._items.popitem(last=False)[1])

    @property
    def size(self) -> int:
        return self._size
