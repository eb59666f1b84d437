"""The overlay's tags as boxes: their words wrapped to a width, their size, and the room
a node keeps for them on one side.

A tag is a node's words under a drug (:func:`.overlay.badge_parts`): a target's action,
a lit node's sign, a readout's predicted effect. On a slide each node keeps room for the
largest tag any drug gives it, on the side no edge comes from (:func:`tag_rooms`), so a
tag never lands on a label, another tag or an arrowhead, whatever the drug.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from .geometry import Box
from .text import text_width

__all__ = ["ORDERS", "SIDES", "TagRoom", "sides_for", "tag_in_room", "tag_rows", "tag_size"]

Run = tuple[str, str]                   # (words, colour)
Row = tuple[Run, ...]

#: The sides a tag can take, in order of preference, as unit vectors (y down): a side's
#: middle, or beside a corner (the tag above or below the node, off its centre line).
_D = math.sqrt(0.5)
SIDES: Mapping[str, tuple[float, float]] = {
    "top": (0.0, -1.0), "right": (1.0, 0.0), "left": (-1.0, 0.0), "bottom": (0.0, 1.0),
    "top-right": (_D, -_D), "bottom-right": (_D, _D), "top-left": (-_D, -_D), "bottom-left": (-_D, _D),
}
#: How far from every edge (in degrees) a side must be to be taken in that order.
_CLEAR = {"top": 80.0, "right": 80.0, "left": 80.0, "bottom": 80.0}
_OFF_CENTRE = 14.0        # a corner's tag keeps this far off the node's centre line, clear of a straight edge
GAP = 4.0          # between a node and its tag, at an 11-px tag (grows with the tag's type)


def tag_rows(parts: Iterable[Run], size: float, max_width: float | None = None) -> tuple[Row, ...]:
    """A tag's parts (joined by `` · ``) as rows of coloured runs, wrapped at spaces so no
    row is wider than ``max_width`` (``None``: one row). A word is never split."""
    runs = [((" · " if i else "") + words, colour) for i, (words, colour) in enumerate(parts)]
    if max_width is None:
        return (tuple(runs),)
    rows: list[list[Run]] = [[]]
    width = 0.0
    for words, colour in runs:
        for k, word in enumerate(words.split(" ")):
            piece = word if k == 0 else " " + word
            if not piece:
                continue
            added = text_width(piece, size, bold=True)
            if rows[-1] and width + added > max_width and piece.startswith(" ") and piece.strip() not in ("·", ""):
                rows.append([])
                width, piece = 0.0, piece.lstrip()
                added = text_width(piece, size, bold=True)
            if rows[-1] and rows[-1][-1][1] == colour:
                rows[-1][-1] = (rows[-1][-1][0] + piece, colour)
            else:
                rows[-1].append((piece, colour))
            width += added
    return tuple(tuple((w.rstrip(" ·") if j == len(row) - 1 else w, c) for j, (w, c) in enumerate(row))
                 for row in rows if row)


def tag_size(rows: tuple[Row, ...], size: float) -> tuple[float, float]:
    """The width and height of a tag's box around ``rows`` at type ``size``."""
    k = size / 11
    width = max(text_width("".join(w for w, _ in row), size, bold=True) for row in rows)
    return width + 8 * k, size + 4 * k + (len(rows) - 1) * size * 1.2


@dataclass(frozen=True)
class TagRoom:
    """Room kept on one ``side`` of a node for its tags: ``width`` × ``height``."""

    side: str
    width: float
    height: float

    def box(self, node_width: float, node_height: float, size: float, shoulder: tuple[float, float] | None = None
            ) -> Box:
        """The room as a box relative to the node's centre; ``shoulder``: where a corner tag
        sits astride the shape (its top right corner; by default its box's)."""
        gap = GAP * size / 11
        w, h = self.width, self.height
        if self.side == "top":
            return Box(-w / 2, -node_height / 2 - gap - h, w / 2, -node_height / 2 - gap)
        if self.side == "bottom":
            return Box(-w / 2, node_height / 2 + gap, w / 2, node_height / 2 + gap + h)
        if self.side == "corner":          # astride the top right corner, clear of the label
            right, top = shoulder or (node_width / 2, -node_height / 2)
            return Box(right - 0.3 * w, top - 0.75 * h, right + 0.7 * w, top + 0.25 * h)
        if self.side == "right":
            return Box(node_width / 2 + gap, -h / 2, node_width / 2 + gap + w, h / 2)
        if self.side == "left":
            return Box(-node_width / 2 - gap - w, -h / 2, -node_width / 2 - gap, h / 2)
        # Beside a corner: above or below the node, starting just off its centre line.
        y0 = -node_height / 2 - gap - h if self.side.startswith("top") else node_height / 2 + gap
        x0 = _OFF_CENTRE if self.side.endswith("right") else -_OFF_CENTRE - w
        return Box(x0, y0, x0 + w, y0 + h)


#: Orders of preference among the clear sides: above then beside, above then below, beside
#: first (each a figure tries; the one that draws largest wins).
ORDERS = (("top", "right", "left", "bottom"), ("top", "bottom", "right", "left"), ("right", "left", "top", "bottom"),
          ("left", "right", "bottom", "top"))


def sides_for(graph: nx.DiGraph, node: str, positions: Mapping[str, tuple[float, float]],
              mark_only: bool = False, order: tuple[str, ...] = ORDERS[0]) -> list[str]:
    """The sides of ``node`` for its tag, best first: those no edge of it comes near, at
    ``positions`` (a tag there covers no line or arrowhead of its own), in ``order`` and
    then beside a corner, then the others, the least near an edge first.

    A tag that is only a sign (``mark_only``: ▲, ▼, ▲▼) sits first astride the top
    right corner (``corner``), unless an edge comes from near that direction.
    """
    x, y = positions[node]
    directions = []
    for other in {*graph.pred[node], *graph.succ[node]}:
        dx, dy = positions[other][0] - x, positions[other][1] - y
        length = math.hypot(dx, dy)
        if length:
            directions.append((dx / length, dy / length))

    def clearance(side: str) -> float:
        sx, sy = SIDES[side]
        # The smallest angle between the side and an edge, in degrees.
        angles = [math.degrees(math.acos(max(-1.0, min(1.0, sx * dx + sy * dy)))) for dx, dy in directions]
        return min(angles, default=180.0)

    corner = []
    if mark_only:
        diagonal = math.sqrt(0.5)
        if all(math.degrees(math.acos(max(-1.0, min(1.0, diagonal * (dx - dy))))) >= 35.0
               for dx, dy in directions):
            corner = ["corner"]
    scores = {side: clearance(side) for side in SIDES}
    # Clear sides first (above, right, left, below: no edge within 80°; then beside a
    # corner: none within 40°, a straight edge passing beside its tag); then the rest.
    ranked = [*order, *(side for side in SIDES if side not in order)]
    clear = [side for side in ranked if scores[side] >= _CLEAR.get(side, 40.0)]
    rest = sorted((side for side in SIDES if side not in clear),
                  key=lambda side: -scores[side] / _CLEAR.get(side, 40.0))
    return corner + clear + rest


def tag_in_room(node: Box, side: str, room: Box, width: float, height: float) -> Box:
    """A tag of ``width`` × ``height`` in its ``room`` on ``side`` of ``node``: against the
    node, centred along the side (astride a corner: the room's top right; beside a
    corner: the room's end nearest the node's centre line)."""
    cx, cy = (node.x0 + node.x1) / 2, (node.y0 + node.y1) / 2
    if side == "top":
        return Box(cx - width / 2, room.y1 - height, cx + width / 2, room.y1)
    if side == "bottom":
        return Box(cx - width / 2, room.y0, cx + width / 2, room.y0 + height)
    if side == "corner":
        return Box(room.x1 - width, room.y0, room.x1, room.y0 + height)
    if side == "right":
        return Box(room.x0, cy - height / 2, room.x0 + width, cy + height / 2)
    if side == "left":
        return Box(room.x1 - width, cy - height / 2, room.x1, cy + height / 2)
    x0 = room.x0 if side.endswith("right") else room.x1 - width
    y0 = room.y1 - height if side.startswith("top") else room.y0
    return Box(x0, y0, x0 + width, y0 + height)
