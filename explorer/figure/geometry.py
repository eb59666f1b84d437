"""Where a graph's nodes, compartments and edges go: the figure's geometry.

:func:`layout` places each node at its curated position (times a ``spread``), sizes
its shape to hold its label at the style's font, draws every compartment around its
contents and runs each edge from border to border. :func:`layout_problems` lists
what a reader would have to fix by hand. Nothing here draws: the renderers
(:mod:`.svg`, :mod:`.pptx`) read the placed geometry through :mod:`.scene`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import networkx as nx

from ..model import KnowledgeBase
from ..style import KIND_STYLE
from .text import balanced_lines, block_width, text_width

__all__ = [
    "Box", "Layout", "LayoutStyle", "PlacedCompartment", "PlacedNode", "layout", "layout_problems",
    "segment_hits_box",
]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle; y grows downwards."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.y0, other.y0),
                   max(self.x1, other.x1), max(self.y1, other.y1))

    def grow(self, left: float, top: float, right: float, bottom: float) -> Box:
        return Box(self.x0 - left, self.y0 - top, self.x1 + right, self.y1 + bottom)

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def contains(self, other: Box) -> bool:
        return (self.x0 <= other.x0 and self.y0 <= other.y0
                and other.x1 <= self.x1 and other.y1 <= self.y1)


def _bounds(boxes: Iterable[Box]) -> Box:
    boxes = list(boxes)
    result = boxes[0]
    for box in boxes[1:]:
        result = result.union(box)
    return result


Point = tuple[float, float]
Segment = tuple[float, float, float, float]

MIN_EDGE_LENGTH = 30      # between the shapes: room for a line and an arrowhead
MIN_END_DISTANCE = 10     # between two arrowheads on one node


@dataclass(frozen=True)
class LayoutStyle:
    """The sizes a layout depends on; the handout's by default.

    ``spread`` multiplies the curated positions: a larger font needs the nodes
    further apart. Paddings grow with the font, so a shape keeps its proportions.
    """

    node_font: float = 13
    max_label_width: float = 120
    badge_space: float = 16        # room kept above every node for the drug overlay's words
    compartment_pad: float = 12
    compartment_font: float = 12
    spread: float = 1.0
    spread_y: float | None = None  # a different vertical spread, when the graph must fit a slide's height
    padding: float = 1.0           # the room around a label inside its shape (1: the handout's)

    @property
    def node_line(self) -> float:
        return self.node_font * 16 / 13

    @property
    def compartment_label_space(self) -> float:
        return self.compartment_font * 20 / 12

    def scaled(self, spread: float, spread_y: float | None = None) -> LayoutStyle:
        return replace(self, spread=spread, spread_y=spread_y)


HANDOUT_LAYOUT = LayoutStyle()


@dataclass(frozen=True)
class PlacedNode:
    """A node's shape at its curated centre (``x``, ``y``)."""

    id: str
    x: float
    y: float
    width: float
    height: float
    shape: str
    kind: str
    lines: tuple[str, ...]
    headroom: float = 16.0        # room above the shape for the overlay's words
    tag_room: Box | None = None   # or the room kept for them on one side, relative to the centre
    tag_side: str = ""            # that side: top, right, bottom, left or corner (the top right)

    @property
    def box(self) -> Box:
        return Box(self.x - self.width / 2, self.y - self.height / 2,
                   self.x + self.width / 2, self.y + self.height / 2)

    @property
    def tag_box(self) -> Box | None:
        """The room kept for the overlay's words beside the node, on the canvas."""
        r = self.tag_room
        return None if r is None else Box(self.x + r.x0, self.y + r.y0, self.x + r.x1, self.y + r.y1)

    @property
    def extent(self) -> Box:
        """The box plus the room for the overlay's words (above it, or on its side)."""
        tag = self.tag_box
        return self.box.grow(0, self.headroom, 0, 0) if tag is None else self.box.union(tag)

    def outline(self) -> list[Point]:
        """The shape as a convex polygon around the centre (curves sampled)."""
        w, h = self.width / 2, self.height / 2
        if self.shape == "ellipse":
            return [(w * math.cos(a), h * math.sin(a)) for a in _angles(32)]
        if self.shape == "diamond":
            return [(-w, 0), (0, -h), (w, 0), (0, h)]
        if self.shape == "hexagon":
            i = _hexagon_inset(self.height)
            return [(-w, 0), (-w + i, -h), (w - i, -h), (w, 0), (w - i, h), (-w + i, h)]
        if self.shape == "octagon":
            c = min(self.width, self.height) * 0.29
            return [(-w + c, -h), (w - c, -h), (w, -h + c), (w, h - c), (w - c, h), (-w + c, h),
                    (-w, h - c), (-w, -h + c)]
        if self.shape == "tag":
            p = _tag_point(self.height)
            return [(-w, -h), (w - p, -h), (w, 0), (w - p, h), (-w, h)]
        if self.shape == "barrel":  # drawn as a pill: semicircular ends
            r = h
            right = [(w - r + r * math.cos(a), r * math.sin(a)) for a in _angles(16, -90, 90)]
            left = [(-w + r + r * math.cos(a), r * math.sin(a)) for a in _angles(16, 90, 270)]
            return right + left
        return [(-w, -h), (w, -h), (w, h), (-w, h)]

    def border_point(self, start: Point, toward: Point) -> Point:
        """Where the ray from ``start`` (inside the node) to ``toward`` leaves the shape."""
        dx, dy = toward[0] - start[0], toward[1] - start[1]
        polygon = [(self.x + px, self.y + py) for px, py in self.outline()]
        best = None
        for (ax, ay), (bx, by) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
            ex, ey = bx - ax, by - ay
            denominator = dx * ey - dy * ex
            if abs(denominator) < 1e-12:
                continue
            t = ((ax - start[0]) * ey - (ay - start[1]) * ex) / denominator
            s = ((ax - start[0]) * dy - (ay - start[1]) * dx) / denominator
            if t > 0 and -1e-9 <= s <= 1 + 1e-9 and (best is None or t < best):
                best = t
        if best is None or best > 1:  # the other end lies inside this node
            return start
        return start[0] + best * dx, start[1] + best * dy


def _angles(n: int, start: float = 0, stop: float = 360) -> list[float]:
    """``n`` angles in radians: round the full circle, or from ``start`` to ``stop`` inclusive."""
    step = (stop - start) / (n if stop - start == 360 else n - 1)
    return [math.radians(start + i * step) for i in range(n)]


def _hexagon_inset(height: float) -> float:
    return height * 0.32


def _tag_point(height: float) -> float:
    return height * 0.4


def _node_size(shape: str, lines: list[str], font: float = 13, padding: float = 1.0) -> tuple[float, float]:
    """Width and height of a shape that holds the label's lines (paddings grow with the font)."""
    k = font / 13
    tw = block_width(lines, font) / k     # sized at 13 px, then scaled: one set of proportions
    th = len(lines) * 16
    width, height = _node_size_13(shape, tw, th, padding)
    return width * k, height * k


def _node_size_13(shape: str, tw: float, th: float, p: float = 1.0) -> tuple[float, float]:
    """The shape's size around a text block ``tw`` × ``th`` at the handout's 13-px font,
    its paddings times ``p``."""
    if shape == "ellipse":
        width, height = tw * 1.25 + 16 * p, th + 16 * p
    elif shape == "diamond":
        height = th + 22 * p
        width = tw / (1 - th / height) + 12 * p
    elif shape == "hexagon":
        height = th + 12 * p
        width = tw + 2 * _hexagon_inset(height) + 10 * p
    elif shape == "tag":
        height = th + 12 * p
        width = tw + 20 * p + _tag_point(height)
    elif shape == "barrel":
        height = th + 12 * p
        width = tw + height
    elif shape == "octagon":
        width, height = tw + 22 * p, th + 14 * p
    else:
        width, height = tw + 18 * p, th + 12 * p
    return max(width, 48), height


@dataclass(frozen=True)
class PlacedCompartment:
    id: str
    label: str
    depth: int
    box: Box
    font: float = 12.0
    #: How far right of its place (the top wall's left end) the label is moved, clear of lines.
    label_dx: float = 0.0

    @property
    def label_box(self) -> Box:
        k = self.font / 12
        x, y = self.box.x0 + 10 * k + self.label_dx, self.box.y0 + 5 * k
        return Box(x, y, x + text_width(self.label, self.font, bold=True), y + 15 * k)


@dataclass(frozen=True)
class Layout:
    """Where everything of a graph goes, in the graph's own coordinates."""

    nodes: Mapping[str, PlacedNode]
    compartments: tuple[PlacedCompartment, ...]   # outermost first, so drawn beneath
    members: Mapping[str, str]                     # node id → its innermost compartment
    edges: Mapping[tuple[str, str], Segment]       # from border to border

    @property
    def bounds(self) -> Box:
        boxes = [n.extent for n in self.nodes.values()] + [c.box for c in self.compartments]
        return _bounds(boxes) if boxes else Box(0, 0, 1, 1)

    def moved(self, dx: float, dy: float) -> Layout:
        """The same layout shifted by (dx, dy): how a scene puts the graph on its canvas."""
        return Layout(
            {k: replace(n, x=n.x + dx, y=n.y + dy) for k, n in self.nodes.items()},
            tuple(replace(c, box=c.box.grow(-dx, -dy, dx, dy)) for c in self.compartments),
            self.members,
            {k: (x1 + dx, y1 + dy, x2 + dx, y2 + dy) for k, (x1, y1, x2, y2) in self.edges.items()})


def layout(kb: KnowledgeBase, graph: nx.DiGraph, style: LayoutStyle = HANDOUT_LAYOUT,
           positions: Mapping[str, Point] | None = None,
           headroom: Mapping[str, tuple[str, Box]] | None = None) -> Layout:
    """Place the nodes at their stored positions and draw each compartment around its contents.

    A compartment's box is the bounding box of its nodes and nested compartments,
    padded, with a band on top for its label. Coordinates are the graph's own, times
    ``style.spread``, unless ``positions`` gives each node's centre. ``headroom``, if
    given, is the room each node keeps for the overlay's words: its side and a box
    relative to its centre (instead of ``style.badge_space`` above every node).
    """
    nodes = {}
    for node, data in graph.nodes(data=True):
        shape = KIND_STYLE.get(data["kind"], KIND_STYLE["protein"])["shape"]
        lines = balanced_lines(data["label"], style.node_font, style.max_label_width)
        width, height = _node_size(shape, lines, style.node_font, style.padding)
        x, y = positions[node] if positions is not None else (
            float(data["x"]) * style.spread, float(data["y"]) * (style.spread_y or style.spread))
        side, room = headroom.get(node, ("", None)) if headroom is not None else ("", None)
        nodes[node] = PlacedNode(node, x, y, width, height, shape, data["kind"], tuple(lines),
                                 style.badge_space if headroom is None else 0.0, room, side)
    # Every compartment a node sits in, directly or by nesting, with what it holds.
    contents: dict[str, list[Box]] = {}
    parents: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        lineage = kb.compartment_lineage(data["compartment"])
        for i, compartment in enumerate(lineage):
            contents.setdefault(compartment, [])
            parents[compartment] = lineage[i + 1] if i + 1 < len(lineage) else ""
        if lineage:
            contents[lineage[0]].append(nodes[node].extent)
    depth = {c: len(kb.compartment_lineage(c)) - 1 for c in contents}
    boxes: dict[str, Box] = {}
    for compartment in sorted(contents, key=lambda c: -depth[c]):  # innermost first
        label = _compartment_label(kb, compartment)
        pad = style.compartment_pad
        box = _bounds(contents[compartment]).grow(pad, pad + style.compartment_label_space, pad, pad)
        label_width = text_width(label, style.compartment_font, bold=True) + 20 * style.compartment_font / 12
        if box.width < label_width:
            box = box.grow(0, 0, label_width - box.width, 0)
        boxes[compartment] = box
        if parents[compartment]:
            contents[parents[compartment]].append(box)
    placed = tuple(PlacedCompartment(c, _compartment_label(kb, c), depth[c], boxes[c], style.compartment_font)
                   for c in sorted(boxes, key=lambda c: depth[c]))
    members = {node: data["compartment"] for node, data in graph.nodes(data=True)}
    aims = _spread_arrowheads(graph, nodes)
    edges = {(u, v): _edge_segment(nodes[u], nodes[v], graph.has_edge(v, u), aims.get((u, v), (0.0, 0.0)))
             for u, v in graph.edges}
    placed = tuple(_label_clear_of(c, edges.values()) for c in placed)
    return Layout(nodes, placed, members, edges)


#: White kept between a compartment's label and any line, and the step in which it is moved.
LABEL_CLEARANCE = 3.0
LABEL_STEP = 4.0


def _label_clear_of(compartment: PlacedCompartment, segments) -> PlacedCompartment:
    """The compartment with its label moved right along its top wall, :data:`LABEL_STEP` at a
    time, to the first place no line runs through (a line entering the compartment from above
    near its left end would cross it); as it was if it is clear there, or if no place is."""
    k = compartment.font / 12
    room = compartment.box.width - compartment.label_box.width - 20 * k
    for step in range(int(room / LABEL_STEP) + 1):
        moved = replace(compartment, label_dx=step * LABEL_STEP)
        band = moved.label_box.grow(*(LABEL_CLEARANCE,) * 4)
        if not any(segment_hits_box(segment, band) for segment in segments):
            return moved
    return compartment


ARROWHEAD_SPACING = 14.0


def _spread_arrowheads(graph: nx.DiGraph, nodes: Mapping[str, PlacedNode]) -> dict[tuple[str, str], Point]:
    """Where each edge aims inside its target, when aiming at the centre would stack arrowheads.

    Edges arriving at a node from nearly the same direction would meet its border at
    one spot; each such bunch is fanned out across the node's face, a fixed spacing
    apart, perpendicular to the direction they come from.
    """
    aims: dict[tuple[str, str], Point] = {}
    for v in graph:
        b = nodes[v]
        arrivals = sorted((math.atan2(nodes[u].y - b.y, nodes[u].x - b.x), u) for u in graph.pred[v])
        ends = {u: b.border_point((b.x, b.y), (nodes[u].x, nodes[u].y)) for u in graph.pred[v]}
        bunches: list[list[tuple[float, str]]] = []
        for angle, u in arrivals:
            if bunches and _near(ends[bunches[-1][-1][1]], ends[u], ARROWHEAD_SPACING):
                bunches[-1].append((angle, u))
            else:
                bunches.append([(angle, u)])
        if len(bunches) > 1 and _near(ends[bunches[-1][-1][1]], ends[bunches[0][0][1]], ARROWHEAD_SPACING):
            # The bunch across ±180°: one bunch, its angles made continuous.
            bunches[0] = [(angle - 2 * math.pi, u) for angle, u in bunches.pop()] + bunches[0]
        for bunch in bunches:
            if len(bunch) < 2:
                continue
            mean = sum(angle for angle, _ in bunch) / len(bunch)
            px, py = -math.sin(mean), math.cos(mean)      # across the direction of arrival
            limit = 0.4 * (abs(px) * b.width + abs(py) * b.height)
            for i, (_, u) in enumerate(bunch):
                shift = max(-limit, min(limit, (i - (len(bunch) - 1) / 2) * ARROWHEAD_SPACING))
                aims[u, v] = (px * shift, py * shift)
    return aims


def _near(p: Point, q: Point, distance: float) -> bool:
    return math.hypot(p[0] - q[0], p[1] - q[1]) < distance


def _edge_segment(a: PlacedNode, b: PlacedNode, has_reverse: bool, aim: Point = (0.0, 0.0)) -> Segment:
    """An edge's line, from ``a``'s border to ``b``'s, a hair off both.

    The line runs from ``a``'s centre towards ``b``'s centre moved by ``aim``. Two edges
    between the same pair run side by side instead of on top of each other.
    """
    offset = 5.0 if has_reverse else 0.0
    bx, by = b.x + aim[0], b.y + aim[1]
    length = math.hypot(bx - a.x, by - a.y) or 1.0
    ox, oy = -(by - a.y) / length * offset, (bx - a.x) / length * offset
    start = a.border_point((a.x + ox, a.y + oy), (bx + ox, by + oy))
    end = b.border_point((bx + ox, by + oy), (a.x + ox, a.y + oy))
    gap = 1.5 / (math.hypot(end[0] - start[0], end[1] - start[1]) or 1.0)
    dx, dy = (end[0] - start[0]) * gap, (end[1] - start[1]) * gap
    return start[0] + dx, start[1] + dy, end[0] - dx, end[1] - dy


def segment_hits_box(segment: Segment, box: Box) -> bool:
    """Whether a line segment passes through a box (Liang–Barsky clipping)."""
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box.x0), (dx, box.x1 - x1), (-dy, y1 - box.y0), (dy, box.y1 - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _compartment_label(kb: KnowledgeBase, compartment: str) -> str:
    found = kb.compartments.get(compartment)
    return found.label if found else compartment


def layout_problems(kb: KnowledgeBase, graph: nx.DiGraph, placed: Layout | None = None) -> list[str]:
    """What a reader would have to fix by hand: overlapping nodes, labels or compartments.

    Returns one sentence per problem, naming the nodes and compartments; empty when
    the curated positions draw cleanly.
    """
    placed = placed or layout(kb, graph)
    problems = []
    nodes = list(placed.nodes.values())
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            if a.box.overlaps(b.box):
                problems.append(f"nodes {a.id!r} and {b.id!r} overlap")
    for compartment in placed.compartments:
        for node in nodes:
            inside = compartment.id in kb.compartment_lineage(placed.members[node.id])
            if not inside and compartment.box.overlaps(node.box):
                problems.append(f"node {node.id!r} lies over compartment {compartment.id!r}, "
                                "which it does not belong to")
            if compartment.label_box.overlaps(node.box):
                problems.append(f"node {node.id!r} covers the label of compartment {compartment.id!r}")
    for (u, v), segment in placed.edges.items():
        length = math.hypot(segment[2] - segment[0], segment[3] - segment[1])
        if length < MIN_EDGE_LENGTH:
            problems.append(f"edge {u!r} → {v!r} is {length:.0f} px long between the shapes: "
                            f"too short to show its arrow (move the nodes {MIN_EDGE_LENGTH} px apart)")
        for node in nodes:
            if node.id not in (u, v) and segment_hits_box(segment, node.box):
                problems.append(f"edge {u!r} → {v!r} runs through node {node.id!r}")
    ends = sorted(((v, x2, y2, u) for (u, v), (_, _, x2, y2) in placed.edges.items()))
    for i, (v, x, y, u) in enumerate(ends):
        for w, x2, y2, u2 in ends[i + 1:]:
            if w == v and math.hypot(x2 - x, y2 - y) < MIN_END_DISTANCE:
                problems.append(f"edges from {u!r} and {u2!r} reach {v!r} at the same spot: "
                                "one arrowhead hides the other")
    for i, a in enumerate(placed.compartments):
        for b in placed.compartments[i + 1:]:
            nested = a.id in kb.compartment_lineage(b.id) or b.id in kb.compartment_lineage(a.id)
            if not nested and a.box.overlaps(b.box):
                problems.append(f"compartments {a.id!r} and {b.id!r} overlap")
    return problems


