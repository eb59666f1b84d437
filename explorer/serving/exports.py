"""Figure downloads that cannot starve the site: remembered, and drawn a few at a time.

A figure is a pure function of (hypothesis, drug, format), so its bytes are kept in
a bounded least-recently-used cache: twenty students exporting the same view cost
one drawing. Drawings run in a small pool of separate processes (``renders`` of
them, default 1), so a PNG being rasterised holds neither the server's GIL nor its
memory, and each drawing process is replaced after a few dozen figures. Only
``renders + waiting`` requests may wait for a drawing (SVG, a few milliseconds
of work, is drawn in the server's own thread); one more is told at once that
the server is busy, rather than holding one of the server's threads.
"""

from __future__ import annotations

import multiprocessing
import threading
import weakref
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

__all__ = ["ExportUnavailable", "ExportsBusy", "FigureExports", "draw_figure"]

Key = tuple[str, "str | None", str]
#: Formats cheap enough to draw in the server's own thread (an SVG takes a few ms);
#: PNG (rasterising) and PDF go to the drawing process.
IN_THREAD_FORMATS = frozenset({"svg"})


class ExportUnavailable(Exception):
    """A figure cannot be given now; the message says why, for the page."""


class ExportsBusy(ExportUnavailable):
    """Too many figures are being drawn; the user should try again shortly."""


def draw_figure(kb, graphs, hypothesis: str, drug: str | None, fmt: str) -> bytes:
    """The one place the server calls the figure module."""
    try:
        from ..figure import figure_bytes
    except ImportError as error:  # e.g. Cairo missing on this machine
        raise ExportUnavailable("Figure export is not available in this installation.") from error
    return figure_bytes(kb, graphs, hypothesis, drug, fmt)


# In a drawing process: the knowledge base and graphs, sent once when it starts.
_CHILD_DATA: tuple = ()


def _start_child(kb, graphs) -> None:
    global _CHILD_DATA
    _CHILD_DATA = (kb, graphs)


def _draw_in_child(hypothesis: str, drug: str | None, fmt: str) -> bytes:
    kb, graphs = _CHILD_DATA
    return draw_figure(kb, graphs, hypothesis, drug, fmt)


class FigureExports:
    """Figure bytes for views of ``kb``: cached (LRU, at most ``max_bytes``), drawn ``renders`` at a time.

    ``processes=False`` draws in the calling thread (still at most ``renders`` at once),
    for machines where starting processes is not wanted.
    """

    def __init__(self, kb, graphs, *, renders: int = 1, waiting: int = 4, max_bytes: int = 64 * 1024 * 1024,
                 processes: bool = True, figures_per_process: int = 40, timeout: float = 120.0):
        self.kb, self.graphs = kb, graphs
        self.renders, self.waiting, self.max_bytes = renders, waiting, max_bytes
        self.processes, self.figures_per_process, self.timeout = processes, figures_per_process, timeout
        self._cache: OrderedDict[Key, bytes] = OrderedDict()
        self._cached_bytes = 0
        self._pending: dict[Key, Future] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(renders)
        self._pool: ProcessPoolExecutor | None = None
        self.drawn = 0  # figures drawn (not served from the cache), for tests and benchmarks

    # -- the cache -------------------------------------------------------------------
    @property
    def cached_bytes(self) -> int:
        return self._cached_bytes

    def _remember(self, key: Key, data: bytes) -> None:
        if len(data) > self.max_bytes // 2:
            return  # one huge figure must not push out everything else
        self._cache[key] = data
        self._cached_bytes += len(data)
        while self._cached_bytes > self.max_bytes:
            _, dropped = self._cache.popitem(last=False)
            self._cached_bytes -= len(dropped)

    # -- drawing ---------------------------------------------------------------------
    def figure(self, hypothesis: str, drug: str | None, fmt: str) -> bytes:
        """The figure's bytes; raises :class:`ExportsBusy` when too many are queued."""
        key = (hypothesis, drug, fmt)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            pending = self._pending.get(key)
            owner = pending is None
            if owner:
                if len(self._pending) >= self.renders + self.waiting:
                    raise ExportsBusy("Many figures are being drawn right now; try again in a few seconds.")
                pending = self._pending[key] = Future()
        if not owner:  # the same figure is being drawn for someone else: wait for it
            try:
                return pending.result(timeout=self.timeout)
            except TimeoutError:
                raise ExportUnavailable("The figure could not be drawn; please try again.") from None
        try:
            with self._slots:
                data = self._draw(key)
        except BaseException as error:
            with self._lock:
                del self._pending[key]
            pending.set_exception(error)
            raise
        with self._lock:
            self.drawn += 1
            self._remember(key, data)
            del self._pending[key]
        pending.set_result(data)
        return data

    def _draw(self, key: Key) -> bytes:
        if not self.processes or key[2] in IN_THREAD_FORMATS:
            return draw_figure(self.kb, self.graphs, *key)
        try:
            return self._executor().submit(_draw_in_child, *key).result(timeout=self.timeout)
        except (BrokenProcessPool, TimeoutError):
            # A drawing process died (out of memory?) or hung: start afresh next time.
            with self._lock:
                pool, self._pool = self._pool, None
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            raise ExportUnavailable("The figure could not be drawn; please try again.") from None

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # "spawn": the same on Linux, macOS and Windows, and safe in a threaded server.
                self._pool = ProcessPoolExecutor(
                    max_workers=self.renders, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_child, initargs=(self.kb, self.graphs),
                    max_tasks_per_child=self.figures_per_process)
                weakref.finalize(self, self._pool.shutdown, wait=False, cancel_futures=True)
            return self._pool

    def close(self) -> None:
        """Stop the drawing processes (they also stop when the server exits)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

