"""Figure downloads: cached per view and format (bounded), drawn a few at a time, never a pile-up."""

from __future__ import annotations

import threading
import time

from explorer.figure import figure_bytes
from explorer.serving.exports import ExportsBusy, FigureExports
from explorer.serving.limits import BoundedCache


def test_the_same_view_and_format_is_drawn_once(kb, graphs):
    exports = FigureExports(kb, graphs, processes=False)
    first = exports.figure("disinhibition", "ketamine", "svg")
    assert exports.figure("disinhibition", "ketamine", "svg") is first
    assert exports.drawn == 1
    assert first == figure_bytes(kb, graphs, "disinhibition", "ketamine", "svg")
    exports.figure("disinhibition", "ketamine", "pdf")
    exports.figure("disinhibition", None, "svg")
    assert exports.drawn == 3


def test_the_cache_is_bounded_and_least_recently_used_goes_first(kb, graphs):
    drugs = ["ketamine", "esketamine", "rapastinel", "lanicemine"]
    costs = {d: BoundedCache.cost(("disinhibition", d, "svg"), figure_bytes(kb, graphs, "disinhibition", d, "svg"))
             for d in drugs}
    exports = FigureExports(kb, graphs, processes=False, max_bytes=sum(costs[d] for d in drugs[:3]) + 10)
    for drug in drugs[:3]:
        exports.figure("disinhibition", drug, "svg")
    exports.figure("disinhibition", "ketamine", "svg")  # used again: now the most recent
    exports.figure("disinhibition", "lanicemine", "svg")  # something must go
    assert exports.cached_bytes <= exports.max_bytes
    drawn = exports.drawn
    exports.figure("disinhibition", "ketamine", "svg")
    assert exports.drawn == drawn  # kept
    exports.figure("disinhibition", "esketamine", "svg")
    assert exports.drawn == drawn + 1  # the least recently used went first


class SlowExports(FigureExports):
    """Drawing that takes a while, counting how many run at once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.running = self.most = 0
        self.count_lock = threading.Lock()

    def _draw(self, key):
        with self.count_lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self.count_lock:
            self.running -= 1
        return repr(key).encode()


def test_renders_are_limited_and_extra_requests_are_told_to_wait(kb, graphs):
    exports = SlowExports(kb, graphs, renders=2, waiting=3)
    results, busy = [], []

    def ask(drug):
        try:
            results.append(exports.figure("integrated", drug, "png"))
        except ExportsBusy as error:
            busy.append(str(error))

    threads = [threading.Thread(target=ask, args=(f"drug-{i}",)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert exports.most == 2
    assert len(results) + len(busy) == 12
    assert len(results) >= 5 and busy and "try again" in busy[0]


def test_simultaneous_requests_for_one_figure_share_one_drawing(kb, graphs):
    exports = SlowExports(kb, graphs, renders=1, waiting=1)
    results = []
    threads = [threading.Thread(target=lambda: results.append(exports.figure("integrated", None, "pdf")))
               for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 10 and len(set(results)) == 1
    assert exports.drawn == 1


def test_drawing_in_a_separate_process_gives_the_same_figure(kb, graphs):
    exports = FigureExports(kb, graphs, processes=True)
    try:
        assert exports.figure("glyx-13", "ketamine", "svg") == figure_bytes(kb, graphs, "glyx-13", "ketamine", "svg")
        assert not exports._workers  # an SVG is drawn in the thread
        assert exports.figure("glyx-13", "ketamine", "png").startswith(b"\x89PNG\r\n\x1a\n")
        assert exports.figure("glyx-13", None, "pdf").startswith(b"%PDF")
        assert len(exports._workers) == 1 and exports.drawn == 3
    finally:
        exports.close()



def test_a_drawing_process_that_dies_is_replaced(kb, graphs):
    exports = FigureExports(kb, graphs, figures_per_process=2)
    try:
        exports.figure("hnk-ampa", None, "pdf")
        (worker,) = exports._workers
        worker.process.kill()
        worker.process.wait()
        assert exports.figure("hnk-ampa", "ketamine", "pdf").startswith(b"%PDF")
        (second,) = exports._workers
        assert second is not worker
        exports.figure("hnk-ampa", "esketamine", "pdf")
        exports.figure("hnk-ampa", "arketamine", "pdf")  # the third for this process: a fresh one
        (third,) = exports._workers
        assert third is not second and second.process.poll() is not None
    finally:
        exports.close()
    assert third.process.poll() is not None
