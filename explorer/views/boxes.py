"""How big each node is drawn on screen, and where it goes so that no two touch.

A node's box fits its wrapped label (:func:`node_box`); a drug's overlay can make it
wider and taller (a sign mark on the last line, the action on a line of its own:
:func:`overlay_size`), and present mode draws everything :data:`PRESENT_SCALE` times
larger. The curated positions were drawn for the plain boxes, so
:func:`roomy_positions` lets space into them wherever the largest box a node can
take (any drug's overlay, in present mode, with the lit halo) would touch another.
"""

from __future__ import annotations

import math
import textwrap
import weakref
from collections.abc import Mapping, Sequence

import networkx as nx

from .. import engine
from ..model import KnowledgeBase, action_words

__all__ = ["CHAR_WIDTH", "PRESENT_SCALE", "node_box", "open_up", "overlay_lines", "overlay_size", "roomy_positions"]

CHARS_PER_LINE = 16
CHAR_WIDTH = 7.4  # px per character at the node font (13 px), a generous average for sans-serif
#: Present mode draws type (and the boxes around it) this much larger, for the back row.
PRESENT_SCALE = 1.4
#: The widest sign mark a lit node's label can carry (it rises and falls by different routes).
WIDEST_MARK = "▲▼"
#: Room kept between two boxes: a lit node's halo (8 px), the step-through's newest
#: node's (12 px) and a little white between them.
CLEARANCE = 24.0

Point = tuple[float, float]


def node_box(label: str, kind: str) -> tuple[str, float, float]:
    """The label with line breaks, and a width and height that fit it."""
    lines = textwrap.wrap(label, CHARS_PER_LINE, break_long_words=False, break_on_hyphens=False) or [label]
    width = max(64.0, CHAR_WIDTH * max(len(line) for line in lines) + 22)
    height = 18.0 * len(lines) + 16
    if kind in ("factor", "transmitter", "metabolite"):  # diamonds, hexagons: text needs the middle
        width, height = width * 1.3, height * 1.35
    elif kind == "process":
        width += 14
    return "\n".join(lines), round(width, 1), round(height, 1)


def overlay_lines(label: str, marks: str, badges: Sequence[str]) -> list[str]:
    """A node's label under a drug: its sign marks after the last line, then one line per action."""
    lines = label.split("\n")
    if marks:
        lines[-1] += f" {marks}"
    return lines + list(badges)


def overlay_size(width: float, height: float, lines: Sequence[str], badges: int,
                 scale: float = 1.0) -> tuple[float | None, float | None]:
    """The width and height the overlay's ``lines`` need in a box of ``width`` × ``height``
    (unscaled), times ``scale``; ``None`` where the node's own size will do."""
    fit = CHAR_WIDTH * (1.12 if badges else 1) * max(len(line) for line in lines) + 24  # bold badges run wider
    return (round(fit * scale, 1) if fit > width else None,
            round((height + 18 * badges) * scale, 1) if badges else None)


def _largest_boxes(kb: KnowledgeBase, graph: nx.DiGraph) -> dict[str, Point]:
    """Each node's largest box in present mode: as it is, or as any one drug's overlay draws it."""
    lit: set[str] = set()
    actions: dict[str, set[str]] = {node: set() for node in graph}
    for drug in kb.drugs.values():
        explanation = engine.explain_drug(kb, drug, graph)
        lit |= explanation.highlight.nodes
        for node, acts in explanation.targets.items():
            actions[node].add(action_words(acts))
    boxes = {}
    for node, data in graph.nodes(data=True):
        label, width, height = node_box(data["label"], data["kind"])
        mark = WIDEST_MARK if node in lit else ""
        largest = [width * PRESENT_SCALE, height * PRESENT_SCALE]
        for badges in [[]] + [[f"[{words}]"] for words in actions[node]]:
            grown = overlay_size(width, height, overlay_lines(label, mark, badges), len(badges), PRESENT_SCALE)
            largest = [max(old, new or old) for old, new in zip(largest, grown, strict=True)]
        boxes[node] = (largest[0], largest[1])
    return boxes


def open_up(positions: Mapping[str, Point], boxes: Mapping[str, Point], clearance: float) -> dict[str, Point]:
    """``positions`` with space let in wherever two boxes (width, height, centred) would
    come closer than ``clearance``.

    As a column or a row is inserted into a grid: for two nodes side by side, every node
    from the right one's x rightwards moves right by what is missing; for two nodes one
    above the other, every node from the lower one's y downwards moves down. Rows,
    columns and the order of the curated layout stay as they were, and no move brings
    two nodes closer, so each move settles one pair for good. (The pairs are compared
    all against all: a panel has at most a few dozen nodes.)
    """
    placed = dict(positions)
    nodes = list(placed)
    while True:
        clash = None
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                (xa, ya), (xb, yb) = placed[a], placed[b]
                need_x = (boxes[a][0] + boxes[b][0]) / 2 + clearance - abs(xa - xb)
                need_y = (boxes[a][1] + boxes[b][1]) / 2 + clearance - abs(ya - yb)
                if need_x > 0.5 and need_y > 0.5:        # half a pixel is not a clash
                    clash = (a, b, math.ceil(need_x), math.ceil(need_y))
                    break
            if clash:
                break
        if clash is None:
            return placed
        a, b, need_x, need_y = clash
        (xa, ya), (xb, yb) = placed[a], placed[b]
        if abs(xa - xb) < 1 and abs(ya - yb) < 1:
            raise ValueError(f"{a!r} and {b!r} are placed on the same spot")
        sideways = abs(ya - yb) < 1 or (abs(xa - xb) >= 1 and need_x <= need_y)
        if sideways:
            edge = max(xa, xb)
            placed = {n: (x + need_x, y) if x >= edge else (x, y) for n, (x, y) in placed.items()}
        else:
            edge = max(ya, yb)
            placed = {n: (x, y + need_y) if y >= edge else (x, y) for n, (x, y) in placed.items()}


_ROOMY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def roomy_positions(kb: KnowledgeBase, graph: nx.DiGraph) -> dict[str, Point]:
    """The graph's curated positions, opened up so that no two nodes touch in any view:
    with any drug, in present mode, lit. Remembered per graph (graphs are not changed
    after they are built)."""
    if graph not in _ROOMY:
        positions = {node: (float(data["x"]), float(data["y"])) for node, data in graph.nodes(data=True)}
        _ROOMY[graph] = open_up(positions, _largest_boxes(kb, graph), CLEARANCE)
    return _ROOMY[graph]
