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

import contextlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import weakref
from concurrent.futures import Future
from pathlib import Path

from .limits import CACHE_BYTES, BoundedCache

__all__ = ["ExportUnavailable", "ExportsBusy", "FigureExports", "draw_figure"]

Key = tuple[str, "str | None", str]
#: Formats cheap enough to draw in the server's own thread (an SVG takes a few ms);
#: PNG (rasterising) and PDF go to the drawing process.
IN_THREAD_FORMATS = frozenset({"svg"})


class ExportUnavailable(Exception):
    """A figure cannot be given now; the message says why, for the page."""


class ExportsBusy(ExportUnavailable):
    """Too many figures are being drawn; the user should try again shortly."""


#: A deck's key: it goes through every hypothesis (its format is ``deck``, a PPTX file).
DECK = "every hypothesis"


def draw_figure(kb, graphs, hypothesis: str, drug: str | None, fmt: str) -> bytes:
    """The one place the server calls the figure module (``fmt`` ``deck``: the drug's deck)."""
    try:
        from ..figure import figure_bytes
        from ..figure.deck import deck_bytes
    except ImportError as error:  # e.g. Cairo missing on this machine
        raise ExportUnavailable("Figure export is not available in this installation.") from error
    if fmt == "deck":
        return deck_bytes(kb, graphs, drug)
    return figure_bytes(kb, graphs, hypothesis, drug, fmt)


class DrawingProcess:
    """A child Python (``python -m explorer.serving.drawing``) that draws figures on request.

    Started with ``subprocess`` rather than ``multiprocessing``, so it never re-imports
    the server's main script (a script without a ``__main__`` guard would otherwise
    start a server in the child). Frames on its pipes are length-prefixed pickles.
    """

    def __init__(self, kb, graphs):
        # Drawing is background work: the child runs at a lower priority, so page loads
        # and clicks keep the CPU when a class exports at once.
        # (It lowers its own priority on POSIX: see drawing.py.)
        lower = {"creationflags": subprocess.BELOW_NORMAL_PRIORITY_CLASS} if os.name == "nt" else {}
        # The child imports this very package, wherever it was found (installed or a checkout).
        package_parent = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (package_parent, os.environ.get("PYTHONPATH", "")) if p)}
        self.process = subprocess.Popen([sys.executable, "-m", "explorer.serving.drawing"], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, **lower)
        self.drawn = 0
        _send(self.process.stdin, (kb, graphs))

    def draw(self, key: Key) -> bytes:
        try:
            _send(self.process.stdin, key)
            status, payload = _receive(self.process.stdout)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.close()
            raise ExportUnavailable("The figure could not be drawn; please try again.") from None
        self.drawn += 1
        if status == "ok":
            return payload
        raise ExportUnavailable(payload)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


def _send(pipe, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(struct.pack("!Q", len(data)) + data)
    pipe.flush()


def _receive(pipe):
    head = pipe.read(8)
    if len(head) < 8:
        raise EOFError("the drawing process ended")
    size = struct.unpack("!Q", head)[0]
    data = pipe.read(size)
    if len(data) < size:
        raise EOFError("the drawing process ended")
    return pickle.loads(data)  # our own child's answer, never a client's bytes


class FigureExports:
    """Figure bytes for views of ``kb``: cached (LRU, at most ``max_bytes``), drawn ``renders`` at a time.

    ``processes=False`` draws in the calling thread (still at most ``renders`` at once),
    for machines where starting processes is not wanted.
    """

    def __init__(self, kb, graphs, *, renders: int = 1, waiting: int = 2, max_bytes: int | None = None,
                 processes: bool = True, figures_per_process: int = 40, timeout: float = 120.0):
        self.kb, self.graphs = kb, graphs
        max_bytes = CACHE_BYTES["figures"] if max_bytes is None else max_bytes
        self.renders, self.waiting, self.max_bytes = renders, waiting, max_bytes
        self.processes, self.figures_per_process, self.timeout = processes, figures_per_process, timeout
        # One huge figure must not push out everything else: at most half the budget each.
        self.cache = BoundedCache(max_bytes, max_entry=max_bytes // 2)
        self._pending: dict[Key, Future] = {}
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(renders)
        self._idle: queue.SimpleQueue | None = None  # drawing processes not in use (None: not started)
        self._workers: set[DrawingProcess] = set()
        self.drawn = 0  # figures drawn (not served from the cache), for tests and benchmarks

    # -- the cache -------------------------------------------------------------------
    @property
    def cached_bytes(self) -> int:
        return self.cache.size

    # -- drawing ---------------------------------------------------------------------
    def figure(self, hypothesis: str, drug: str | None, fmt: str) -> bytes:
        """The figure's bytes; raises :class:`ExportsBusy` when too many are queued."""
        key = (hypothesis, drug, fmt)
        with self._lock:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
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
            self.cache.put(key, data)
            del self._pending[key]
        pending.set_result(data)
        return data

    def deck(self, drug: str) -> bytes:
        """The drug's deck (PPTX: a title slide, each hypothesis, a summary), guarded and
        remembered as a figure is."""
        return self.figure(DECK, drug, "deck")

    def _draw(self, key: Key) -> bytes:
        if not self.processes or key[2] in IN_THREAD_FORMATS:
            return draw_figure(self.kb, self.graphs, *key)
        with self._lock:
            if self._idle is None:
                self._idle = queue.SimpleQueue()
                for _ in range(self.renders):
                    self._idle.put(None)  # a slot; its process starts on first use
                weakref.finalize(self, _close_all, self._workers)
        worker = self._idle.get()
        try:
            if worker is None or worker.process.poll() is not None or worker.drawn >= self.figures_per_process:
                if worker is not None:
                    worker.close()  # replaced now and then: whatever it holds is given back
                    self._workers.discard(worker)
                worker = DrawingProcess(self.kb, self.graphs)
                self._workers.add(worker)
            return worker.draw(key)
        except ExportUnavailable:
            if worker is not None and worker.process.poll() is not None:
                self._workers.discard(worker)
                worker = None
            raise
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        """Stop the drawing processes (they also stop when the server exits)."""
        _close_all(self._workers)


def _close_all(workers: set) -> None:
    for worker in list(workers):
        worker.close()
    workers.clear()
