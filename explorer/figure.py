"""Slide-ready figures of a hypothesis graph, drawn in pure Python as SVG.

No browser and no Dash: :func:`render_svg` turns a graph from
:func:`explorer.engine.build_graphs` (and optionally a drug's
:class:`~explorer.engine.Explanation`) into an SVG document with a title, the
compartments, the nodes and signed edges at their curated positions, a legend and
the citation line. :func:`figure_bytes` adds PNG and PDF through ``cairosvg``.

Text is measured with the advance widths of DejaVu Sans (the first font named, the
one ``cairosvg`` draws with); the other fonts in the list are narrower, so text
measured this way fits wherever the SVG is opened. Every string from the data is
escaped and drawn as a real ``<text>`` element, so the figure stays searchable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from . import CITATION, __version__
from .engine import Explanation, explain_drug, readouts_of, resolve_drug, resolve_hypothesis
from .model import DRUG_CLASSES, ENTITY_KINDS, KnowledgeBase, action_words
from .style import EFFECT_STYLE, EFFECT_WORDS, HIGHLIGHT, KIND_STYLE

__all__ = [
    "FIGURE_FORMATS", "Box", "Layout", "PlacedCompartment", "PlacedNode",
    "citation_line", "figure_bytes", "layout", "layout_problems", "render_svg", "segment_hits_box",
    "text_width", "wrap",
]

FIGURE_FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"

# -- text measurement ---------------------------------------------------------

# Advance widths of DejaVu Sans (regular, bold) in 1/1000 em, measured with cairo.
_CHARS = "".join(chr(c) for c in range(32, 127)) + "–—‘’“”…·•αβγδεκμσ→⊣▲▼◆○×±≥≤éèöüäíáñç"
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    500, 1000, 318, 318, 518, 518, 1000, 318, 590, 659, 638, 592, 612, 541, 589, 636, 634, 838,
    871, 769, 769, 769, 873, 838, 838, 838, 838, 615, 615, 612, 634, 613, 278, 613, 634, 550,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
    500, 1000, 380, 380, 657, 657, 1000, 380, 639, 687, 716, 681, 687, 557, 710, 736, 779, 838,
    914, 769, 769, 769, 873, 838, 838, 838, 838, 678, 678, 687, 712, 675, 343, 675, 712, 593,
)
_WIDTHS = {False: dict(zip(_CHARS, _REGULAR, strict=True)), True: dict(zip(_CHARS, _BOLD, strict=True))}
_UNKNOWN_WIDTH = 1000  # an unmeasured character: assume a wide one, so text never overflows


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The drawn width of ``text`` in pixels at font ``size``."""
    widths = _WIDTHS[bold]
    return sum(widths.get(c, _UNKNOWN_WIDTH) for c in text) * size / 1000


def wrap(text: str, size: float, max_width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap; every line but the last keeps its trailing space.

    Joining the lines gives back ``text`` (with runs of spaces collapsed), so a text
    element made of these lines still contains the whole string.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line}{word}"
        if line and text_width(candidate, size, bold) > max_width:
            lines.append(line)
            line = f"{word} "
        else:
            line = f"{candidate} "
    lines.append(line.rstrip())
    return lines


def _balanced_lines(label: str, size: float, max_width: float) -> list[str]:
    """A node label on one line, or split at the space that gives the narrowest block.

    Like :func:`wrap`, every line but the last keeps its trailing space, so the
    label's text stays whole for a search.
    """
    if text_width(label, size) <= max_width or " " not in label.strip():
        return [label]
    words = label.split()
    splits = [[" ".join(words[:i]) + " ", " ".join(words[i:])] for i in range(1, len(words))]
    best = min(splits, key=lambda lines: _block_width(lines, size))
    return best if _block_width(best, size) <= max_width * 1.25 else wrap(label, size, max_width)


def _block_width(lines: list[str], size: float) -> float:
    return max(text_width(line.rstrip(), size) for line in lines)


# -- geometry -----------------------------------------------------------------

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

NODE_FONT = 13
NODE_LINE = 16
MAX_LABEL_WIDTH = 120
BADGE_SPACE = 16          # room kept above every node for the drug overlay's words
COMPARTMENT_PAD = 12
COMPARTMENT_FONT = 12
COMPARTMENT_LABEL_SPACE = 20
MIN_EDGE_LENGTH = 30      # between the shapes: room for a line and an arrowhead
MIN_END_DISTANCE = 10     # between two arrowheads on one node


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

    @property
    def box(self) -> Box:
        return Box(self.x - self.width / 2, self.y - self.height / 2,
                   self.x + self.width / 2, self.y + self.height / 2)

    @property
    def extent(self) -> Box:
        """The box plus the room for the overlay's words above it."""
        return self.box.grow(0, BADGE_SPACE, 0, 0)

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


def _node_size(shape: str, lines: list[str]) -> tuple[float, float]:
    """Width and height of a shape that holds the label's lines."""
    tw = _block_width(lines, NODE_FONT)
    th = len(lines) * NODE_LINE
    if shape == "ellipse":
        width, height = tw * 1.25 + 16, th + 16
    elif shape == "diamond":
        height = th + 22
        width = tw / (1 - th / height) + 12
    elif shape == "hexagon":
        height = th + 12
        width = tw + 2 * _hexagon_inset(height) + 10
    elif shape == "tag":
        height = th + 12
        width = tw + 20 + _tag_point(height)
    elif shape == "barrel":
        height = th + 12
        width = tw + height
    elif shape == "octagon":
        width, height = tw + 22, th + 14
    else:
        width, height = tw + 18, th + 12
    return max(width, 48), height


@dataclass(frozen=True)
class PlacedCompartment:
    id: str
    label: str
    depth: int
    box: Box

    @property
    def label_box(self) -> Box:
        x, y = self.box.x0 + 10, self.box.y0 + 5
        return Box(x, y, x + text_width(self.label, COMPARTMENT_FONT, bold=True), y + 15)


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


def layout(kb: KnowledgeBase, graph: nx.DiGraph) -> Layout:
    """Place the nodes at their stored positions and draw each compartment around its contents.

    A compartment's box is the bounding box of its nodes and nested compartments,
    padded, with a band on top for its label.
    """
    nodes = {}
    for node, data in graph.nodes(data=True):
        shape = KIND_STYLE.get(data["kind"], KIND_STYLE["protein"])["shape"]
        lines = _balanced_lines(data["label"], NODE_FONT, MAX_LABEL_WIDTH)
        width, height = _node_size(shape, lines)
        nodes[node] = PlacedNode(node, float(data["x"]), float(data["y"]), width, height, shape,
                                 data["kind"], tuple(lines))
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
        box = _bounds(contents[compartment]).grow(
            COMPARTMENT_PAD, COMPARTMENT_PAD + COMPARTMENT_LABEL_SPACE, COMPARTMENT_PAD, COMPARTMENT_PAD)
        label_width = text_width(label, COMPARTMENT_FONT, bold=True) + 20
        if box.width < label_width:
            box = box.grow(0, 0, label_width - box.width, 0)
        boxes[compartment] = box
        if parents[compartment]:
            contents[parents[compartment]].append(box)
    placed = tuple(PlacedCompartment(c, _compartment_label(kb, c), depth[c], boxes[c])
                   for c in sorted(boxes, key=lambda c: depth[c]))
    members = {node: data["compartment"] for node, data in graph.nodes(data=True)}
    aims = _spread_arrowheads(graph, nodes)
    edges = {(u, v): _edge_segment(nodes[u], nodes[v], graph.has_edge(v, u), aims.get((u, v), (0.0, 0.0)))
             for u, v in graph.edges}
    return Layout(nodes, placed, members, edges)


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


# -- SVG pieces -----------------------------------------------------------------

def _n(value: float) -> str:
    """A coordinate, short: one decimal, none when whole."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _el(tag: str, content: str | None = None, **attributes) -> str:
    """One SVG element. Attribute names lose a trailing ``_`` and turn ``_`` into ``-``;
    numbers are shortened; None is left out. ``content`` is markup: escape text first.
    """
    pairs = []
    for key, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = _n(value)
        pairs.append(f"{key.rstrip('_').replace('_', '-')}={quoteattr(str(value))}")
    head = f"<{tag} {' '.join(pairs)}" if pairs else f"<{tag}"
    return f"{head}/>" if content is None else f"{head}>{content}</{tag}>"


def _text(x: float, y: float, lines: str | list[str], size: float, *, line_height: float = 0,
          bold: bool = False, anchor: str = "start", fill: str = "#222222", **extra) -> str:
    """A ``<text>``; several lines become ``<tspan>``s, so its text is still the whole string."""
    if isinstance(lines, str):
        content = escape(lines)
    else:
        # A line's trailing space (kept so the text stays whole) would pull a centred line
        # left by half a space: push it back.
        shift = text_width(" ", size, bold) / 2 if anchor == "middle" else 0.0
        content = "".join(_el("tspan", escape(line), x=x + shift * line.endswith(" "),
                              dy=(line_height if i else None))
                          for i, line in enumerate(lines))
    return _el("text", content, x=x, y=y, font_size=size, font_weight="bold" if bold else None,
               text_anchor=anchor, fill=fill, **extra)


def _shape(shape: str, x: float, y: float, width: float, height: float, **style) -> str:
    """A node shape centred on (x, y)."""
    w, h = width / 2, height / 2
    if shape in ("round-rectangle", "barrel"):
        radius = 6.0 if shape == "round-rectangle" else h
        return _el("rect", x=x - w, y=y - h, width=width, height=height, rx=radius, **style)
    if shape == "ellipse":
        return _el("ellipse", cx=x, cy=y, rx=w, ry=h, **style)
    outline = PlacedNode("", x, y, width, height, shape, "", ()).outline()
    return _el("polygon", points=" ".join(f"{_n(x + px)},{_n(y + py)}" for px, py in outline), **style)


def _edge_end(x1: float, y1: float, x2: float, y2: float, effect: str, colour: str, width: float,
              **style) -> str:
    """A line from (x1, y1) to the tip (x2, y2), ending in an arrowhead or a tee bar."""
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    px, py = -uy, ux
    if effect == "requires":  # SBGN necessary stimulation: a bar, then an open arrowhead
        head, half = 9 + width * 1.5, 4.5 + width
        bx, by = x2 - ux * head, y2 - uy * head
        cx, cy = bx - ux * 4, by - uy * 4
        points = [(x2, y2), (bx + px * half, by + py * half), (bx - px * half, by - py * half)]
        return (_el("line", x1=x1, y1=y1, x2=cx, y2=cy, stroke=colour, stroke_width=width,
                    **{"stroke_dasharray": "6 3", **style})
                + _el("line", x1=cx + px * half, y1=cy + py * half, x2=cx - px * half, y2=cy - py * half,
                      stroke=colour, stroke_width=width + 0.6)
                + _el("polygon", points=" ".join(f"{_n(a)},{_n(b)}" for a, b in points), fill="#FFFFFF",
                      stroke=colour, stroke_width=width))
    if effect == "inhibits":
        bx, by = x2 - ux * 2, y2 - uy * 2
        half = 7 + width
        return (_el("line", x1=x1, y1=y1, x2=bx, y2=by, stroke=colour, stroke_width=width, **style)
                + _el("line", x1=bx + px * half, y1=by + py * half, x2=bx - px * half, y2=by - py * half,
                      stroke=colour, stroke_width=width + 1.2))
    head, half = 9 + width * 1.5, 4.5 + width
    bx, by = x2 - ux * head, y2 - uy * head
    points = [(x2, y2), (bx + px * half, by + py * half), (bx - px * half, by - py * half)]
    return (_el("line", x1=x1, y1=y1, x2=bx + ux, y2=by + uy, stroke=colour, stroke_width=width, **style)
            + _el("polygon", points=" ".join(f"{_n(a)},{_n(b)}" for a, b in points), fill=colour))


# -- the figure -----------------------------------------------------------------

MARGIN = 28
TITLE_FONT = 21
SUBTITLE_FONT = 13
LEGEND_FONT = 12
LEGEND_LINE = 21
LEGEND_WIDTH = 270
CITATION_FONT = 11
INK, MUTED = "#111111", "#3E4C59"
NODE_STROKE = "#4D4D4D"
COMPARTMENT_FILLS = ("#F3F5F7", "#FFFFFF")
COMPARTMENT_STROKE = "#9AA5B1"
DIM_DASH = "5 4"
EDGE_WIDTH = 1.8
LIT_EDGE_WIDTH = 2.8
_ARROWS = {"activates": "→", "inhibits": "⊣", "requires": "is required for"}
_BADGE_WORDS = {"up": "increased", "down": "decreased", "mixed": "mixed", "none": "no path"}


def citation_line() -> str:
    """The line every figure carries: the review and the model's version."""
    return f"Source: {CITATION} {_MODEL_LINE}"


_MODEL_LINE = f"Model: moa-explorer {__version__}."


def _citation_lines(max_width: float) -> list[str]:
    """The citation wrapped, the model's name and version never split across lines."""
    lines = wrap(f"Source: {CITATION}", CITATION_FONT, max_width)
    if text_width(f"{lines[-1]} {_MODEL_LINE}", CITATION_FONT) <= max_width:
        return [*lines[:-1], f"{lines[-1]} {_MODEL_LINE}"]
    return [*lines[:-1], f"{lines[-1]} ", _MODEL_LINE]


@dataclass(frozen=True)
class _Overlay:
    """How the drug overlay draws each node and edge."""

    explanation: Explanation | None
    readout_names: Mapping[str, str]      # readout name → node id

    @property
    def readout_nodes(self) -> frozenset[str]:
        return frozenset(self.readout_names.values())

    @property
    def active(self) -> bool:
        """A drug is shown and acts on something drawn: there is something to light."""
        return self.explanation is not None and bool(self.explanation.targets)

    def is_target(self, node: str) -> bool:
        return self.active and node in self.explanation.targets

    def node_lit(self, node: str) -> bool:
        return self.active and node in self.explanation.highlight.nodes

    def node_dim(self, node: str) -> bool:
        return (self.active and not self.node_lit(node) and not self.is_target(node)
                and node not in self.readout_nodes)

    def edge_lit(self, edge: tuple[str, str]) -> bool:
        return self.active and edge in self.explanation.highlight.edges

    def edge_dim(self, edge: tuple[str, str]) -> bool:
        return self.active and not self.edge_lit(edge)


def _draw_compartments(placed: Layout) -> tuple[str, str]:
    """Two layers: the boxes (under everything) and their labels (over the edges).

    A label sits on a patch of its box's colour, so an edge crossing it is cut
    briefly instead of striking the words through.
    """
    boxes, labels = [], []
    for compartment in placed.compartments:
        box, label = compartment.box, compartment.label_box
        fill = COMPARTMENT_FILLS[compartment.depth % 2]
        boxes.append(_el("rect", x=box.x0, y=box.y0, width=box.width, height=box.height, rx=12.0,
                         fill=fill, stroke=COMPARTMENT_STROKE, stroke_width=1.2))
        labels.append(_el("rect", x=label.x0 - 3, y=label.y0, width=label.width + 6, height=label.height,
                          rx=3.0, fill=fill))
        labels.append(_text(label.x0, label.y1 - 3, compartment.label, COMPARTMENT_FONT, bold=True,
                            fill="#52606D"))
    return _el("g", "".join(boxes), id="compartments"), _el("g", "".join(labels), id="compartment-labels")


def _draw_edges(graph: nx.DiGraph, placed: Layout, overlay: _Overlay) -> str:
    parts = []
    for u, v, data in graph.edges(data=True):
        x1, y1, x2, y2 = placed.edges[u, v]
        effect, colour = data["effect"], EFFECT_STYLE[data["effect"]]["colour"]
        words = f"{graph.nodes[u]['label']} {_ARROWS[effect]} {graph.nodes[v]['label']} ({data['mechanism']})"
        title = _el("title", escape(words))
        if overlay.edge_lit((u, v)):
            halo = _el("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=HIGHLIGHT["lit"], stroke_width=9,
                       stroke_opacity=0.55, stroke_linecap="round")
            body = halo + _edge_end(x1, y1, x2, y2, effect, colour, LIT_EDGE_WIDTH)
            parts.append(_el("g", title + body, class_="edge lit"))
        elif overlay.edge_dim((u, v)):
            body = _edge_end(x1, y1, x2, y2, effect, colour, EDGE_WIDTH, stroke_dasharray=DIM_DASH)
            parts.append(_el("g", title + body, class_="edge dim", opacity=HIGHLIGHT["dim_opacity"]))
        else:
            parts.append(_el("g", title + _edge_end(x1, y1, x2, y2, effect, colour, EDGE_WIDTH),
                             class_="edge"))
    return _el("g", "".join(parts), id="edges")


def _draw_nodes(graph: nx.DiGraph, placed: Layout, overlay: _Overlay) -> tuple[str, str, str]:
    """Three layers: the lit halos (under the edges), the nodes, the overlay's words."""
    halos, parts, badges = [], [], []
    for node, data in graph.nodes(data=True):
        p = placed.nodes[node]
        stroke, stroke_width = NODE_STROKE, 1.2
        if node in overlay.readout_nodes:
            stroke, stroke_width = HIGHLIGHT["readout"], 2.6
        if overlay.is_target(node):
            stroke, stroke_width = HIGHLIGHT["target"], 3.4
        body = [_el("title", escape(f"{data['label']}: {data['name']} ({data['kind']}), "
                                    f"{data['compartment_label']}"))]
        if overlay.node_lit(node):  # beneath the edges, so it never hides an arrowhead
            halos.append(_shape(p.shape, p.x, p.y, p.width + 7, p.height + 7, fill="none",
                                stroke=HIGHLIGHT["lit"], stroke_width=5, stroke_opacity=0.8))
        dim = overlay.node_dim(node)
        body.append(_shape(p.shape, p.x, p.y, p.width, p.height,
                           fill=KIND_STYLE.get(p.kind, KIND_STYLE["protein"])["fill"], stroke=stroke,
                           stroke_width=stroke_width, stroke_dasharray=DIM_DASH if dim else None))
        baseline = p.y - (len(p.lines) - 1) * NODE_LINE / 2 + NODE_FONT * 0.36
        centre = p.x - _tag_point(p.height) / 2 if p.shape == "tag" else p.x  # the tag's body, not its point
        body.append(_text(centre, baseline, list(p.lines), NODE_FONT, line_height=NODE_LINE,
                          anchor="middle", fill=INK))
        parts.append(_el("g", "".join(body), class_="node", id=f"node-{node}",
                         opacity=HIGHLIGHT["dim_opacity"] + 0.1 if dim else None))
    taken: list[Box] = []
    for node in graph:
        badge = _badge(node, overlay)
        if badge:
            badges.append(_badge_svg(placed, placed.nodes[node], badge, taken))
    return (_el("g", "".join(halos), id="halos"), _el("g", "".join(parts), id="nodes"),
            _el("g", "".join(badges), id="badges"))


def _badge(node: str, overlay: _Overlay) -> list[tuple[str, str]]:
    """The overlay's words above a node: the drug's action on a target, the effect on a readout."""
    if not overlay.active:
        return []
    parts = []
    if overlay.is_target(node):
        parts.append((action_words(overlay.explanation.targets[node]), HIGHLIGHT["target"]))
    for name, effect in overlay.explanation.readouts.items():
        if overlay.readout_names.get(name) == node:
            word = EFFECT_WORDS[effect.effect]
            parts.append((f"{word['symbol']} {_BADGE_WORDS[effect.effect]}", word["colour"]))
    return parts


BADGE_FONT = 11


def _badge_svg(placed: Layout, p: PlacedNode, parts: list[tuple[str, str]], taken: list[Box]) -> str:
    """The words on a white tag beside the node, where they hide the least.

    Tried in turn: above (always inside the drawing: every node keeps room there),
    below, right, left and the four corners. A spot costs most where it would cover
    a node, a label, an earlier tag or an arrowhead, less where it crosses a line or a
    compartment's border; a spot outside the drawing is never taken.
    """
    width = text_width(" · ".join(words for words, _ in parts), BADGE_FONT, bold=True) + 8
    height = BADGE_FONT + 4.0
    box = p.box
    spots = [
        (p.x - width / 2, box.y0 - height - 1), (p.x - width / 2, box.y1 + 2),
        (box.x1 + 3, p.y - height / 2), (box.x0 - width - 3, p.y - height / 2),
        (box.x1 - 6, box.y0 - height - 1), (box.x0 - width + 6, box.y0 - height - 1),
        (box.x1 - 6, box.y1 + 1), (box.x0 - width + 6, box.y1 + 1),
    ]
    bounds = placed.bounds
    covered = ([n.box for n in placed.nodes.values()] + [c.label_box for c in placed.compartments]
               + taken)

    def cost(spot: Point) -> float:
        tag = Box(spot[0], spot[1], spot[0] + width, spot[1] + height)
        if not bounds.contains(tag) and spot != spots[0]:
            return math.inf
        total = 5.0 * sum(tag.overlaps(other) for other in covered)
        for x1, y1, x2, y2 in placed.edges.values():
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            head = min(1.0, 16 / length)
            tip = (x2 - (x2 - x1) * head, y2 - (y2 - y1) * head, x2, y2)
            total += 4.0 if segment_hits_box(tip, tag) else float(segment_hits_box((x1, y1, x2, y2), tag))
        total += sum(c.box.overlaps(tag) and not c.box.contains(tag) for c in placed.compartments)
        return total

    x, y = min(spots, key=cost)  # min keeps the earliest of equally good spots
    taken.append(Box(x, y, x + width, y + height))
    spans = "".join(_el("tspan", escape((" · " if i else "") + words), fill=colour)
                    for i, (words, colour) in enumerate(parts))
    return (_el("rect", x=x, y=y, width=width, height=height, rx=3.0, fill="#FFFFFF", fill_opacity=0.9)
            + _el("text", spans, x=x + width / 2, y=y + height - 4, font_size=BADGE_FONT,
                  font_weight="bold", text_anchor="middle"))


def _legend(graph: nx.DiGraph, overlay: _Overlay) -> tuple[str, float]:
    """The legend with its top left at (0, 0), and its height.

    Each item is a swatch, drawn by a function of the row's middle ``y``, and its words.
    """
    out: list[str] = []
    y = 0.0
    swatch_x, text_x = 18.0, 44.0

    def heading(words: str) -> None:
        nonlocal y
        lines = wrap(words, LEGEND_FONT + 1, LEGEND_WIDTH, bold=True)
        y += 28 if out else 14
        out.append(_text(0, y, lines, LEGEND_FONT + 1, line_height=17, bold=True, fill=INK))
        y += (len(lines) - 1) * 17 + 4

    def item(swatch: Callable[[float], str], words: str) -> None:
        nonlocal y
        lines = wrap(words, LEGEND_FONT, LEGEND_WIDTH - text_x)
        y += LEGEND_LINE
        out.append(swatch(y - 4))
        out.append(_text(text_x, y, lines, LEGEND_FONT, line_height=15))
        y += (len(lines) - 1) * 15

    def box(stroke: str, stroke_width: float, fill: str = "#FFFFFF", shape: str = "round-rectangle"):
        return lambda cy: _shape(shape, swatch_x, cy, 30, 16, fill=fill, stroke=stroke,
                                 stroke_width=stroke_width)

    def line(stroke: str, stroke_width: float, **style):
        return lambda cy: _el("line", x1=swatch_x - 16, y1=cy, x2=swatch_x + 16, y2=cy, stroke=stroke,
                              stroke_width=stroke_width, **style)

    def edge(effect: str):
        colour = EFFECT_STYLE[effect]["colour"]
        return lambda cy: _edge_end(swatch_x - 16, cy, swatch_x + 16, cy, effect, colour, EDGE_WIDTH)

    heading("Legend")
    kinds = {kind for _, kind in graph.nodes(data="kind")}
    for kind in ENTITY_KINDS:
        if kind in kinds:
            style = KIND_STYLE[kind]
            item(box(NODE_STROKE, 1, style["fill"], style["shape"]), style["label"])
    item(edge("activates"), "activates")
    item(edge("inhibits"), "inhibits")
    if any(e == "requires" for _, _, e in graph.edges(data="effect")):
        item(edge("requires"), "requires (necessary condition)")
    names = ", ".join(overlay.readout_names)
    item(box(HIGHLIGHT["readout"], 2.6), f"Readout ({names})" if names else "Readout")

    explanation = overlay.explanation
    if explanation is None:
        return _el("g", "".join(out), id="legend-items"), y + 8
    drug = explanation.drug
    if overlay.active:
        heading(drug.name)
        item(box(HIGHLIGHT["target"], 3.4), "Target of the drug, with its action")
        halo, lit = line(HIGHLIGHT["lit"], 9, stroke_opacity=0.55, stroke_linecap="round"), \
            line("#555555", LIT_EDGE_WIDTH)
        item(lambda cy: halo(cy) + lit(cy), "On a path from a target to a readout")
        item(line("#555555", EDGE_WIDTH, stroke_dasharray=DIM_DASH, opacity=HIGHLIGHT["dim_opacity"] + 0.15),
             "Not on such a path (dimmed)")
    heading("Predicted effect" if overlay.active else f"Predicted effect of {drug.name}")
    for name, effect in explanation.readouts.items():
        word = EFFECT_WORDS[effect.effect]
        item(lambda cy, word=word: _text(swatch_x, cy + 5, word["symbol"], LEGEND_FONT + 3,
                                         anchor="middle", fill=word["colour"]),
             f"{name}: {word['text']}")
    if not overlay.active:
        readouts = " or ".join(overlay.readout_names) or "the readouts"
        lines = wrap(f"{drug.name} acts on nothing drawn in this hypothesis, so no modelled path "
                     f"reaches {readouts}.", LEGEND_FONT, LEGEND_WIDTH)
        y += LEGEND_LINE + 6
        out.append(_text(0, y, lines, LEGEND_FONT, line_height=15, fill="#52606D"))
        y += (len(lines) - 1) * 15
    return _el("g", "".join(out), id="legend-items"), y + 8


def _entity_name(kb: KnowledgeBase, entity: str) -> str:
    return kb.entities[entity].name if entity in kb.entities else entity


def _subtitle(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None) -> str:
    """The drug and what it does, or where the panel comes from."""
    if explanation is not None:
        drug = explanation.drug
        actions = "; ".join(
            f"{a.action.replace('-', ' ')} of {_entity_name(kb, a.entity)}"
            + (f" ({a.component})" if a.component else "")
            for a in drug.actions) or "no action stated"
        return f"{drug.name} ({DRUG_CLASSES.get(drug.drug_class, drug.drug_class)}): {actions}"
    hypothesis = kb.hypotheses.get(graph.graph.get("id", ""))
    if hypothesis is None:
        return "After Henter, Park & Zarate 2021, Fig. 1: the six hypotheses merged"
    refs = ", ".join(map(str, hypothesis.citation.refs))
    return (f"After Henter, Park & Zarate 2021, {hypothesis.citation.source}"
            + (f" (refs {refs})" if refs else ""))


def render_svg(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None = None, *,
               title: str | None = None) -> str:
    """A figure of one hypothesis graph as an SVG document.

    Parameters
    ----------
    kb : the knowledge base (compartment labels and nesting, entity names, drug classes).
    graph : one graph of :func:`explorer.engine.build_graphs`.
    explanation : a drug on this graph (:func:`explorer.engine.explain_drug`): its targets
        are outlined with their action, the paths to the readouts lit, the rest dimmed,
        and the legend lists the predicted effect per readout.
    title : defaults to the graph's title.

    Returns
    -------
    The SVG document as text: title, graph, legend on the right, citation at the bottom.
    """
    placed = layout(kb, graph)
    overlay = _Overlay(explanation, readouts_of(graph))
    title = title if title is not None else graph.graph.get("title", graph.graph.get("id", ""))
    bounds = placed.bounds
    legend, legend_height = _legend(graph, overlay)
    boxes, labels = _draw_compartments(placed)
    halos, nodes, badges = _draw_nodes(graph, placed, overlay)
    gap = 48
    width = max(bounds.width + gap + LEGEND_WIDTH + 2 * MARGIN, 760.0)

    title_lines = wrap(title, TITLE_FONT, width - 2 * MARGIN, bold=True)
    y = MARGIN + TITLE_FONT
    header = [_text(MARGIN, y, title_lines, TITLE_FONT, line_height=TITLE_FONT * 1.25, bold=True,
                    fill=INK, id="title")]
    y += (len(title_lines) - 1) * TITLE_FONT * 1.25
    sub_lines = wrap(_subtitle(kb, graph, explanation), SUBTITLE_FONT, width - 2 * MARGIN)
    y += SUBTITLE_FONT + 10
    header.append(_text(MARGIN, y, sub_lines, SUBTITLE_FONT, line_height=SUBTITLE_FONT * 1.35,
                        fill=MUTED, id="subtitle"))
    y += (len(sub_lines) - 1) * SUBTITLE_FONT * 1.35
    top = y + 24

    citation = citation_line()
    citation_lines = _citation_lines(width - 2 * MARGIN)
    citation_y = top + max(bounds.height, legend_height) + 30
    height = citation_y + (len(citation_lines) - 1) * CITATION_FONT * 1.4 + MARGIN

    body = "".join([
        _el("title", escape(title)),
        _el("desc", escape(citation)),
        _el("rect", x=0.0, y=0.0, width=width, height=height, fill="#FFFFFF"),
        *header,
        _el("g", boxes + halos + _draw_edges(graph, placed, overlay) + labels + nodes + badges,
            id="graph", transform=f"translate({_n(MARGIN - bounds.x0)},{_n(top - bounds.y0)})"),
        _el("g", legend, id="legend", transform=f"translate({_n(MARGIN + bounds.width + gap)},{_n(top)})"),
        _text(MARGIN, citation_y, citation_lines, CITATION_FONT, line_height=CITATION_FONT * 1.4,
              fill=MUTED, id="citation"),
    ])
    svg = _el("svg", body, xmlns="http://www.w3.org/2000/svg", width=width, height=height,
              viewBox=f"0 0 {_n(width)} {_n(height)}", font_family=FONT_FAMILY)
    # One element a line for a readable diff, but never a break inside a text's tspans.
    svg = re.sub(r"><(?!/?tspan|/text)", ">\n<", svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def figure_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], hypothesis_id: str,
                 drug_id: str | None, fmt: Literal["svg", "png", "pdf"]) -> bytes:
    """The figure of one hypothesis (or ``integrated``), with a drug's overlay if given.

    Parameters
    ----------
    hypothesis_id, drug_id : ids, or any name :func:`~explorer.engine.resolve_hypothesis`
        and :func:`~explorer.engine.resolve_drug` accept; an unknown one raises
        :class:`~explorer.engine.UnknownName`.
    fmt : ``"svg"`` (UTF-8 text), ``"png"`` (at twice the SVG's size, on white) or ``"pdf"``.

    Returns
    -------
    The file's bytes; nothing is written.
    """
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"unknown figure format {fmt!r}; expected one of {', '.join(FIGURE_FORMATS)}")
    graph = graphs[resolve_hypothesis(kb, hypothesis_id)]
    explanation = explain_drug(kb, resolve_drug(kb, drug_id), graph) if drug_id else None
    svg = render_svg(kb, graph, explanation).encode("utf-8")
    if fmt == "svg":
        return svg
    import cairosvg  # here, not at the top: it takes a quarter of a second and only PNG/PDF need it

    if fmt == "png":
        return cairosvg.svg2png(bytestring=svg, scale=2, background_color="white")
    return cairosvg.svg2pdf(bytestring=svg)
