"""A graph laid out for the room: as compact as its type allows, every drug's tags kept clear.

The curated positions were drawn for a page's 13-px type. A slide's type is almost
three times larger, and spreading the curated positions evenly until nothing touches
(the handout's way) wastes the room a 16:9 slide does not have: one wide column or
tall row spreads them all. Here the graph is rebuilt from its curated order instead:
the positions are first drawn together, then space is let in only where two things
would touch, as a column or a row is inserted into a grid (every node from that x
rightwards, or from that y downwards, moves by what is missing). Rows, columns and the
curated order stay as they were; each node keeps room on one side for the largest tag
any drug gives it (:mod:`.tags`); compartments keep their walls and labels apart.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from ..engine import explain_drug, readouts_of
from ..model import KnowledgeBase, SlideLayout
from .geometry import MIN_EDGE_LENGTH, Box, Layout, LayoutStyle, PlacedNode, layout, segment_hits_box
from .overlay import Overlay
from .overlay import _badge_parts as badge_parts
from .tags import ORDERS, TagRoom, sides_for, tag_rows, tag_size
from .text import text_width

__all__ = [
    "CELL", "RoomFit", "clear_room_layout", "largest_tags", "room_layout", "room_positions", "slide_layout", "spread",
]

Point = tuple[float, float]



#: A slide position's column and row, in the page's units: room for any node and its compartments.
CELL = (220.0, 130.0)


def slide_layout(kb: KnowledgeBase, graph: nx.DiGraph) -> SlideLayout | None:
    """The view's layout made for the room (a hypothesis's ``[slide]``, a part's of the
    integrated view), if it has one that places every node of ``graph``."""
    part = graph.graph.get("part")
    if part is not None:
        found = kb.integrated_parts[part]
    else:
        hypothesis = kb.hypotheses.get(graph.graph.get("id", ""))
        found = hypothesis.slide if hypothesis is not None else None
    return found if found is not None and all(node in found.nodes for node in graph) else None


def room_positions(kb: KnowledgeBase, graph: nx.DiGraph) -> dict[str, Point]:
    """Where the graph's nodes go, in the page's units: the view's slide layout (each
    node's column and row, a layout made for the room) or else the curated page
    positions. Only their order and alignment matter to :func:`room_layout`."""
    slide = slide_layout(kb, graph)
    if slide is not None:
        return {node: (slide.nodes[node][0] * CELL[0], slide.nodes[node][1] * CELL[1]) for node in graph}
    return {node: (float(d["x"]), float(d["y"])) for node, d in graph.nodes(data=True)}


def largest_tags(kb: KnowledgeBase, graph: nx.DiGraph, size: float, max_width: float,
                 order: tuple[str, ...] = ORDERS[0]) -> dict[str, list[TagRoom]]:
    """The room each node keeps for its tags: the largest box any drug's tag takes there
    (wrapped to ``max_width``), on each side it could take, best first (:func:`.tags.sides_for`,
    the clear sides in ``order``)."""
    readouts = readouts_of(graph)
    largest: dict[str, tuple[float, float]] = {}
    words: dict[str, bool] = {}          # whether any of the node's tags has words, not only a sign
    for drug in kb.drugs.values():
        overlay = Overlay(explain_drug(kb, drug, graph), readouts)
        for node in graph:
            parts, _ = badge_parts(node, overlay)
            if parts:
                width, height = tag_size(tag_rows(parts, size, max_width), size)
                old = largest.get(node, (0.0, 0.0))
                largest[node] = (max(old[0], width), max(old[1], height))
                words[node] = words.get(node, False) or any(
                    not set(text) <= _SIGNS for text, _ in parts)
    positions = room_positions(kb, graph)
    return {node: [TagRoom(side, width, height) for side in sides_for(graph, node, positions, not words[node], order)]
            for node, (width, height) in largest.items()}


_SIGNS = set("▲▼◆○ ")


def _gap(a: Box, b: Box) -> tuple[float, float]:
    """How far apart two boxes are across (x) and down (y); negative where they overlap."""
    return max(b.x0 - a.x1, a.x0 - b.x1), max(b.y0 - a.y1, a.y0 - b.y1)


class _Constraints:
    """Difference constraints ``value[to] >= value[frm] + distance`` on one axis, solved
    by longest paths: each value as small as they allow, then moved to the middle of
    its slack (the average of the earliest and the latest solution, itself a solution)."""

    def __init__(self) -> None:
        self.arcs: dict[tuple[str, str], float] = {}
        self.names: set[str] = set()

    def need(self, frm: str, to: str, distance: float) -> None:
        self.names |= {frm, to}
        self.arcs[frm, to] = max(self.arcs.get((frm, to), -math.inf), distance)

    def solve(self) -> dict[str, float]:
        earliest = self._longest(self.arcs)
        span = max(earliest.values(), default=0.0)
        backwards = self._longest({(to, frm): d for (frm, to), d in self.arcs.items()})
        return {n: (earliest[n] + span - backwards[n]) / 2 for n in self.names}

    def _longest(self, arcs: Mapping[tuple[str, str], float]) -> dict[str, float]:
        value = dict.fromkeys(self.names, 0.0)
        for _ in range(len(self.names) + 1):
            changed = False
            for (frm, to), distance in arcs.items():
                if value[frm] + distance > value[to] + 1e-9:
                    value[to] = value[frm] + distance
                    changed = True
            if not changed:
                return value
        raise ValueError("the room layout's constraints contradict each other")


def _separations(kb: KnowledgeBase, graph: nx.DiGraph, page: Layout, blocks: Mapping[str, Box]):
    """Every pair of things that must not overlap, with the axis and order in which the
    page's layout keeps them apart: (axis, first, second), each a node id, a block's
    name or ``("compartment", id)``."""
    members: dict[str, set[str]] = {}
    for node, compartment in page.members.items():
        for c in kb.compartment_lineage(compartment):
            members.setdefault(c, set()).add(node)
    things = ([(n, p.box) for n, p in page.nodes.items()] + list(blocks.items())
              + [(("compartment", c.id), c.box) for c in page.compartments])
    for i, (a, box_a) in enumerate(things):
        for b, box_b in things[i + 1:]:
            if isinstance(a, tuple) and isinstance(b, tuple):
                if members[a[1]] <= members[b[1]] or members[b[1]] <= members[a[1]]:
                    continue                      # nested
            elif (isinstance(a, tuple) and b in members[a[1]]) or (isinstance(b, tuple) and a in members[b[1]]):
                continue                          # a member
            gx, gy = _gap(box_a, box_b)
            axis = 0 if gx >= gy else 1
            first_a = (box_a.x0 + box_a.x1 < box_b.x0 + box_b.x1) if axis == 0 else \
                (box_a.y0 + box_a.y1 < box_b.y0 + box_b.y1)
            yield (axis, a, b) if first_a else (axis, b, a)


@dataclass(frozen=True)
class RoomFit:
    """A room layout and the block kept in it for the legend (its largest size), if any."""

    layout: Layout
    legend: Box | None = None
    legend_columns: int = 1

    @property
    def bounds(self) -> Box:
        b = self.layout.bounds
        return b if self.legend is None else b.union(self.legend)

    def moved(self, dx: float, dy: float) -> RoomFit:
        legend = None if self.legend is None else self.legend.grow(-dx, -dy, dx, dy)
        return RoomFit(self.layout.moved(dx, dy), legend, self.legend_columns)


def clear_room_layout(kb: KnowledgeBase, graph: nx.DiGraph, style: LayoutStyle,
                      rooms: Mapping[str, list[TagRoom]], tag_font: float, clearance: float,
                      legend: tuple[Point, float, float, int] | None = None) -> RoomFit:
    """:func:`room_layout` with each node's tags on its best side; where an edge then runs
    through a tag's room (an edge passing by, or one the layout bent), that node's tags
    move to its next side, and so on while that helps."""
    choice = dict.fromkeys(rooms, 0)
    best = None
    for _ in range(_MOST_TRIES):
        fit = room_layout(kb, graph, style, {n: rooms[n][i] for n, i in choice.items()}, tag_font, clearance, legend)
        crossed = _crossed_rooms(fit.layout)
        if best is None or len(crossed) < best[0]:
            best = (len(crossed), fit)
        movable = [n for n in crossed if choice[n] + 1 < len(rooms[n])]
        if not crossed or not movable:
            break
        for n in movable:
            choice[n] += 1
    return best[1]


_MOST_TRIES = 8


def _crossed_rooms(placed: Layout) -> list[str]:
    """The nodes whose tags' room an edge runs through (or ends in)."""
    crossed = []
    for node in placed.nodes.values():
        room = node.tag_box
        if room is None:
            continue
        inner = room.grow(-1, -1, -1, -1)
        if any(segment_hits_box(segment, inner) for segment in placed.edges.values()):
            crossed.append(node.id)
    return crossed


def room_layout(kb: KnowledgeBase, graph: nx.DiGraph, style: LayoutStyle, rooms: Mapping[str, TagRoom],
                tag_font: float, clearance: float, legend: tuple[Point, float, float, int] | None = None
                ) -> RoomFit:
    """The graph at ``style``'s sizes, compact, each node keeping its tags' ``rooms``.

    Whatever the page's layout keeps apart (two nodes, a node and a compartment it is
    not in, two compartments side by side) stays apart along the same axis and in the
    same order, ``clearance`` apart (an edge's two nodes far enough for its arrowhead);
    a compartment holds its members with a padding and its label; nodes that share a
    curated column (row) share it here. Each coordinate is then as small as these
    allow, moved to the middle of its slack.

    ``legend`` is (slide position, width, height, columns) of a block kept for the
    legend, placed like a node and kept apart from everything as a node is.
    """
    where = room_positions(kb, graph)
    page = layout(kb, graph, positions=where)
    origin = {n: (0.0, 0.0) for n in graph}
    shapes = layout(kb, graph, style, origin).nodes
    headroom = {node: (room.side, room.box(shapes[node].width, shapes[node].height, tag_font, _shoulder(shapes[node])))
                for node, room in rooms.items()}
    placed = layout(kb, graph, style, origin, headroom)
    extent = {n: p.extent for n, p in placed.nodes.items()}        # around the centre (0, 0)
    box = {n: p.box for n, p in placed.nodes.items()}
    pad, band = style.compartment_pad, style.compartment_label_space
    shortest = MIN_EDGE_LENGTH + 18          # a visible line and a lit arrowhead
    column = {n: f"x{x}" for n, (x, _) in where.items()}
    row = {n: f"y{y}" for n, (_, y) in where.items()}
    axes = (_Constraints(), _Constraints())

    def low(thing, axis: int) -> tuple[str, float]:
        """The variable and offset of a thing's near side (left or top)."""
        if isinstance(thing, tuple):
            return f"{'LT'[axis]}:{thing[1]}", 0.0
        return (column, row)[axis][thing], (extent[thing].x0, extent[thing].y0)[axis]

    def high(thing, axis: int) -> tuple[str, float]:
        if isinstance(thing, tuple):
            return f"{'RB'[axis]}:{thing[1]}", 0.0
        return (column, row)[axis][thing], (extent[thing].x1, extent[thing].y1)[axis]

    blocks: dict[str, Box] = {}
    if legend is not None:
        (lx, ly), lw, lh, _ = legend
        lx, ly = lx * CELL[0], ly * CELL[1]
        blocks["legend"] = Box(lx - 30, ly - 15, lx + 30, ly + 15)       # a node's size, on the page
        extent["legend"] = Box(-lw / 2, -lh / 2, lw / 2, lh / 2)
        column["legend"], row["legend"] = "legend-x", "legend-y"
    for axis, first, second in _separations(kb, graph, page, blocks):
        (v1, o1), (v2, o2) = high(first, axis), low(second, axis)
        axes[axis].need(v1, v2, o1 - o2 + clearance)
        if not isinstance(first, tuple) and not isinstance(second, tuple) and (
                graph.has_edge(first, second) or graph.has_edge(second, first)):
            b1, b2 = box[first], box[second]
            effects = {graph.edges[e]["effect"] for e in ((first, second), (second, first)) if graph.has_edge(*e)}
            # A requires edge ends in a bar and an open head: it needs a longer line to read.
            length = shortest * (1.6 if "requires" in effects else 1.0)
            axes[axis].need(v1, v2, (b1.x1, b1.y1)[axis] - (b2.x0, b2.y0)[axis] + length)
    for node, compartment in placed.members.items():
        if not compartment:
            continue
        for axis in (0, 1):
            lo, hi = f"{'LT'[axis]}:{compartment}", f"{'RB'[axis]}:{compartment}"
            var = (column, row)[axis][node]
            axes[axis].need(lo, var, pad + (band if axis else 0.0) - (extent[node].x0, extent[node].y0)[axis])
            axes[axis].need(var, hi, (extent[node].x1, extent[node].y1)[axis] + pad)
    for c in page.compartments:
        parent = kb.compartments[c.id].parent if c.id in kb.compartments else None
        # The label widens the box from its left wall, which its leftmost members set.
        label = placed_label_width(c.label, style)
        held = [n for n, m in page.members.items() if c.id in kb.compartment_lineage(m)]
        left = min((page.nodes[n].box.x0 for n in held), default=0.0)
        for n in held:
            if page.nodes[n].box.x0 <= left + 1:
                axes[0].need(column[n], f"R:{c.id}", extent[n].x0 - pad + label)
        if parent:
            for axis in (0, 1):
                axes[axis].need(f"{'LT'[axis]}:{parent}", f"{'LT'[axis]}:{c.id}", pad + (band if axis else 0.0))
                axes[axis].need(f"{'RB'[axis]}:{c.id}", f"{'RB'[axis]}:{parent}", pad)
    # Nothing starts left of (above) the drawing's edge: a thing's near side is at 0 or after.
    for thing in [*graph, *blocks, *(("compartment", c.id) for c in page.compartments)]:
        for axis in (0, 1):
            var, offset = low(thing, axis)
            axes[axis].need("origin", var, -offset)
    xs, ys = axes[0].solve(), axes[1].solve()
    positions = {n: (xs[column[n]], ys[row[n]]) for n in graph}
    block = None
    if legend is not None:
        x, y = xs[column["legend"]], ys[row["legend"]]
        block = Box(x + extent["legend"].x0, y + extent["legend"].y0, x + extent["legend"].x1, y + extent["legend"].y1)
    return RoomFit(layout(kb, graph, style, positions, headroom), block, legend[3] if legend else 1)


def _shoulder(node: PlacedNode) -> tuple[float, float]:
    """The top right corner of a node's shape, from its centre: where a sign sits astride it."""
    w, h = node.width / 2, node.height / 2
    if node.shape == "diamond":
        return 0.9 * w, -0.9 * h
    return w - (0.8 * h if node.shape == "tag" else 0.0), -h


def placed_label_width(label: str, style: LayoutStyle) -> float:
    """The width a compartment needs for its label."""
    return text_width(label, style.compartment_font, bold=True) + 20 * style.compartment_font / 12


_MOST_SPREAD = 1.5


def spread(kb: KnowledgeBase, graph: nx.DiGraph, style: LayoutStyle, fit: RoomFit, width: float,
           height: float) -> RoomFit:
    """``fit`` spread out towards ``width`` × ``height`` (each way up to 1.5 times, the
    type and the shapes the same size), so a small graph does not sit in a corner of
    its room; as it is if it already fills it."""
    placed = fit.layout
    rooms = {n: (p.tag_side, p.tag_room) for n, p in placed.nodes.items() if p.tag_room is not None}

    def at(fx: float, fy: float) -> RoomFit:
        legend = fit.legend
        if legend is not None:
            cx, cy = (legend.x0 + legend.x1) / 2, (legend.y0 + legend.y1) / 2
            legend = legend.grow(cx - cx * fx, cy - cy * fy, cx * fx - cx, cy * fy - cy)
        return RoomFit(layout(kb, graph, style, {n: (p.x * fx, p.y * fy) for n, p in placed.nodes.items()}, rooms),
                       legend, fit.legend_columns)

    fx = fy = 1.0
    for axis in (0, 1):
        factor = _MOST_SPREAD
        while factor > 1.0:
            b = (at(factor, fy) if axis == 0 else at(fx, factor)).bounds
            if (b.width if axis == 0 else b.height) <= (width if axis == 0 else height):
                break
            factor = round(factor - 0.05, 2)
        fx, fy = (max(factor, 1.0), fy) if axis == 0 else (fx, max(factor, 1.0))
    return at(fx, fy) if (fx, fy) != (1.0, 1.0) else fit
