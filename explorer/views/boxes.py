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

__all__ = ["CHAR_WIDTH", "COMPARE_MARKS", "PRESENT_SCALE", "node_box", "open_up", "overlay_lines", "overlay_size",
           "roomy_positions"]

CHARS_PER_LINE = 16
CHAR_WIDTH = 7.4  # px per character at the node font (13 px), a generous average for sans-serif
#: Present mode draws type (and the boxes around it) this much larger, for the back row.
PRESENT_SCALE = 1.4
#: The widest sign mark a lit node's label can carry (it rises and falls by different routes).
WIDEST_MARK = "▲▼"
#: The marks of the two drugs compared, on the labels of the nodes both light.
COMPARE_MARKS = ("①", "②")
#: Room kept between two boxes: what each draws outside its box (a lit node's halo, 8 px;
#: the step-through's newest node's, 12 px) and a little white between them; when two
#: drugs are compared, the second drug's outline (9 px beyond a target's 5-px border).
CLEARANCE = 24.0
CLEARANCE_COMPARED = 30.0

Point = tuple[float, float]
#: Kinds drawn as shapes whose text has only the middle (ellipse, diamond, hexagon,
#: octagon): their boxes are this much wider and taller than the text.
MIDDLE_ONLY = {kind: (1.3, 1.35) for kind in ("enzyme", "factor", "transmitter", "metabolite")}


def node_box(label: str, kind: str) -> tuple[str, float, float]:
    """The label with line breaks, and a width and height that fit it."""
    lines = textwrap.wrap(label, CHARS_PER_LINE, break_long_words=False, break_on_hyphens=False) or [label]
    width = max(64.0, CHAR_WIDTH * max(len(line) for line in lines) + 22)
    height = 18.0 * len(lines) + 16
    if kind in MIDDLE_ONLY:
        width, height = width * MIDDLE_ONLY[kind][0], height * MIDDLE_ONLY[kind][1]
    elif kind == "process":
        width += 14
    return "\n".join(lines), round(width, 1), round(height, 1)


def overlay_lines(label: str, marks: Sequence[str], actions: Sequence[str]) -> list[str]:
    """A node's label under one drug, or two compared (``marks`` and ``actions`` one per drug,
    ``""`` where it has none).

    One drug: its sign mark after the last line, then its action on a line of its own.
    Two: the marks on a line of their own, numbered (``①▲ ②▼``; ``①② ▲`` when alike), so
    the box grows taller rather than wider and keeps clear of its neighbours; then the
    actions, one line for both when alike (``①②[antagonist]``).
    """
    lines = label.split("\n")
    if len(marks) == 1:
        if marks[0]:
            lines[-1] += f" {marks[0]}"
        return lines + [f"[{words}]" for words in actions if words]
    if marks[0] and marks[0] == marks[1]:
        lines.append(f"{''.join(COMPARE_MARKS)} {marks[0]}")
    elif any(marks):
        lines.append(" ".join(f"{m}{s}" for m, s in zip(COMPARE_MARKS, marks, strict=True) if s))
    if actions[0] and actions[0] == actions[1]:
        lines.append(f"{''.join(COMPARE_MARKS)}[{actions[0]}]")
    else:
        lines += [f"{m}[{words}]" for m, words in zip(COMPARE_MARKS, actions, strict=True) if words]
    return lines


def overlay_size(width: float, height: float, lines: Sequence[str], extra: int, scale: float = 1.0, *,
                 bold: bool = False, kind: str = "") -> tuple[float | None, float | None]:
    """The width and height ``lines`` need in a box of ``width`` × ``height`` (unscaled) made
    for ``extra`` lines fewer, times ``scale``; ``None`` where the node's own size will do.
    ``bold`` (a drug's target) runs wider; a ``kind`` of :data:`MIDDLE_ONLY` needs more room."""
    grow_x, grow_y = MIDDLE_ONLY.get(kind, (1.0, 1.0))
    fit = (CHAR_WIDTH * (1.12 if bold else 1) * max(len(line) for line in lines) + 24) * grow_x
    return (round(fit * scale, 1) if fit > width else None,
            round((height + 18 * extra * grow_y) * scale, 1) if extra else None)


def _largest_boxes(kb: KnowledgeBase, graph: nx.DiGraph, compare: bool) -> dict[str, Point]:
    """Each node's largest box in present mode: as it is, or as an overlay can draw it.

    One drug: exactly, for each drug's action and the widest mark. Two compared
    (``compare``): a bound, the widest marks of both and, on a node two drugs act on,
    the two longest actions.
    """
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
        views = [([mark], [""])] + [([mark], [words]) for words in actions[node]]
        if compare:     # marks unlike (each numbered), each action for both drugs, the two longest apart
            unlike = [WIDEST_MARK, "▲"] if node in lit else ["", ""]
            longest = sorted(actions[node], key=len)[-2:]
            views += [(unlike, pair) for pair in [["", ""], *([w, w] for w in actions[node])]]
            if len(longest) == 2:
                views.append((unlike, longest))
        largest = (width * PRESENT_SCALE, height * PRESENT_SCALE)
        for marks, acts in views:
            lines = overlay_lines(label, marks, acts)
            grown = overlay_size(width, height, lines, len(lines) - len(label.split("\n")), PRESENT_SCALE,
                                 bold=any(acts), kind=data["kind"])
            largest = (max(largest[0], grown[0] or 0), max(largest[1], grown[1] or 0))
        boxes[node] = largest
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


def roomy_positions(kb: KnowledgeBase, graph: nx.DiGraph, compare: bool = False) -> dict[str, Point]:
    """The graph's curated positions, opened up so that no two nodes touch in any view
    of one drug (or, with ``compare``, of two): in present mode, lit. The room two
    compared drugs need is taken only when comparing, so everyday views stay compact.
    Remembered per graph (graphs are not changed after they are built)."""
    remembered = _ROOMY.setdefault(graph, {})
    if compare not in remembered:
        positions = {node: (float(data["x"]), float(data["y"])) for node, data in graph.nodes(data=True)}
        remembered[compare] = open_up(positions, _largest_boxes(kb, graph, compare),
                                      CLEARANCE_COMPARED if compare else CLEARANCE)
    return remembered[compare]
