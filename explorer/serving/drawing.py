"""The drawing process: ``python -m explorer.serving.drawing``, started by :class:`~.exports.FigureExports`.

Reads the knowledge base and graphs once, then (hypothesis, drug, format) requests,
and answers each with ("ok", bytes) or ("error", message), as length-prefixed
pickles on its standard input and output. It only ever talks to its parent.
"""

from __future__ import annotations

import os
import sys

from .exports import ExportUnavailable, _receive, _send, draw_figure


def main() -> None:
    if hasattr(os, "nice"):  # background work: page loads come first (Windows: set by the parent)
        os.nice(10)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answer pipe
    try:
        kb, graphs = _receive(stdin)
        while True:
            hypothesis, drug, fmt = _receive(stdin)
            try:
                answer = ("ok", draw_figure(kb, graphs, hypothesis, drug, fmt))
            except ExportUnavailable as error:
                answer = ("error", str(error))
            except Exception as error:  # a bug in drawing: the page says so, the server lives on
                print(f"figure {hypothesis}/{drug}.{fmt} failed: {error!r}", file=sys.stderr)
                answer = ("error", "The figure could not be drawn.")
            _send(stdout, answer)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        pass  # the server stopped


if __name__ == "__main__":
    main()
