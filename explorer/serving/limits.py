"""Every bound the classroom server keeps, in one place (the README's "Serving a classroom" lists them).

Memory: each cache is a :class:`BoundedCache` with a budget in bytes, charged for what
each entry really holds (its key and value, measured by :func:`footprint`, and the
cache's own bookkeeping), so no run of valid requests can grow the server past

    the process itself (about 70 MB: Python, Dash, the knowledge base and its graphs)
    + the sum of the budgets below (:data:`CACHE_BYTES`, 128 MB)
    + the drawing process (about 105 MB: the knowledge base again and one PNG canvas)

well under :data:`MEMORY_BOUND` (400 MB), which ``benchmarks/classroom.py memory``
checks through 6,000 distinct views and a few hundred figure downloads. What is built
once and never grows (the layout and dependencies JSON, the matrix figure, the
graphs' positions) is part of the process's own 70 MB.

Connections: one address may hold at most :data:`CONNECTIONS_PER_ADDRESS` of the
server's :data:`CONNECTION_LIMIT` sockets, and a request must arrive whole (headers and
body) within :data:`REQUEST_DEADLINE` seconds of its first byte, however steadily its
bytes trickle in (see :mod:`explorer.serving.server`).
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

__all__ = ["ANSWER_MAX_BYTES", "CACHE_BYTES", "CONNECTIONS_PER_ADDRESS", "CONNECTION_LIMIT", "ENTRY_BYTES",
           "INBUF_OVERFLOW", "MEMORY_BOUND", "OUTBUF_OVERFLOW", "REQUEST_DEADLINE", "BoundedCache", "caches",
           "footprint"]

MB = 1024 * 1024

#: Each cache's budget, in bytes.
CACHE_BYTES = {
    # Callback answers (JSON bytes) by request digest: a class clicking the same views is
    # answered without running Dash. An answer is 1-50 KB; at most 256 KB is kept.
    "answers": 32 * MB,
    # Compressed scripts, stylesheets and JSON, compressed once (the bundles are ~3 MB).
    "compressed": 16 * MB,
    # Figure downloads (SVG, PNG, PDF, PPTX) by view and format: a PNG is up to 0.6 MB.
    "figures": 64 * MB,
    # Views checked from what a browser stored (a few hundred bytes each).
    "views": 4 * MB,
    # Where a click or a link leads from a view (a view and its notices).
    "moves": 4 * MB,
    # The first view of a link drawn by the server (explorer/views/first.py): 10-60 KB of HTML.
    "first": 8 * MB,
}
#: The largest single answer remembered, in bytes.
ANSWER_MAX_BYTES = 256 * 1024
#: The server and its drawing process together stay under this, whatever valid requests arrive.
MEMORY_BOUND = 400 * MB

#: Sockets the server keeps open at once (waitress's ``connection_limit``; Windows' select() stops at 512).
CONNECTION_LIMIT = 1000
#: Sockets one client address (an IPv4 address, an IPv6 /64) may hold: a room's browsers open
#: a few each; a script opening hundreds cannot fill the server.
CONNECTIONS_PER_ADDRESS = 100
#: Seconds from a request's first byte until its headers and body must all have arrived.
REQUEST_DEADLINE = 15.0
#: Bytes of one request, or one answer, held in memory before waitress spills it to a
#: temporary file: a thousand sockets hold at most 1000 x (64 + 64) KB of buffers (callback
#: answers, up to 50 KB, stay in memory; the bundles, sent once per visitor, do not).
INBUF_OVERFLOW = 64 * 1024
OUTBUF_OVERFLOW = 64 * 1024

#: What one entry costs an OrderedDict beyond its key and value (its hash-table slot and
#: list node; measured with tracemalloc in tests/test_serving_limits.py), and the tally.
ENTRY_BYTES = 160


def footprint(value, _seen: set | None = None) -> int:
    """Bytes ``value`` holds: ``sys.getsizeof`` of it and of everything it contains.

    Walks strings, bytes, numbers, tuples, lists, dicts, sets and dataclass or plain
    objects' attributes. An object reached twice is counted once; objects shared with
    other values (interned strings, small integers) are counted anyway, so the figure
    errs high.
    """
    seen = set() if _seen is None else _seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, (str, bytes, bytearray, int, float, bool, type(None))):
        return size
    if isinstance(value, dict):
        return size + sum(footprint(k, seen) + footprint(v, seen) for k, v in value.items())
    if isinstance(value, (tuple, list, set, frozenset)):
        return size + sum(footprint(item, seen) for item in value)
    if dataclasses.is_dataclass(value) or hasattr(value, "__dict__"):
        attributes = getattr(value, "__dict__", None)
        if attributes is not None:
            return size + footprint(attributes, seen)
    slots = getattr(type(value), "__slots__", ())
    return size + sum(footprint(getattr(value, name), seen) for name in slots if hasattr(value, name))


class BoundedCache:
    """A least-recently-used map that never holds more than ``max_bytes``.

    Each entry is charged ``footprint(key) + footprint(value) + ENTRY_BYTES`` (or the
    ``size`` given to :meth:`put`); an entry dearer than ``max_entry`` is not kept, so
    one huge value cannot push out everything else. Thread-safe.
    """

    def __init__(self, max_bytes: int, *, max_entry: int | None = None):
        self.max_bytes = max_bytes
        self.max_entry = max_bytes // 4 if max_entry is None else min(max_entry, max_bytes)
        self._items: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @property
    def size(self) -> int:
        """Bytes charged to the entries now held (never more than ``max_bytes``)."""
        return self._size

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key) -> bool:
        return key in self._items

    def get(self, key, default=None):
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return default
            self._items.move_to_end(key)
            self.hits += 1
            return found[0]

    @staticmethod
    def cost(key, value, size: int | None = None) -> int:
        """What keeping ``value`` under ``key`` is charged (``size``: the value's bytes, if known)."""
        return footprint(key) + (footprint(value) if size is None else size) + ENTRY_BYTES

    def put(self, key, value, size: int | None = None) -> bool:
        """Keep ``value`` under ``key``, dropping the least recently used; whether it was kept."""
        cost = self.cost(key, value, size)
        if cost > self.max_entry:
            return False
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= old[1]
            self._items[key] = (value, cost)
            self._size += cost
            while self._size > self.max_bytes:
                self._size -= self._items.popitem(last=False)[1][1]
        return True

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def remember(self, function: Callable) -> Callable:
        """``function`` with its answers kept here by its (hashable) arguments."""
        missing = object()

        def remembered(*args):
            answer = self.get(args, missing)
            if answer is missing:
                answer = function(*args)
                self.put(args, answer)
            return answer

        remembered.__wrapped__ = function
        remembered.cache = self
        return remembered


def caches(app) -> dict:
    """An app's caches by name (``app.caches``, made on first use), each a :class:`BoundedCache`."""
    if not isinstance(getattr(app, "caches", None), dict):
        app.caches = {}
    return app.caches
