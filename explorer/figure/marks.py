"""A :class:`~.scene.Scene` as marks: the rectangles, ellipses, polygons, lines and text
every vector renderer draws.

The shapes of the nodes, the arrowheads, tee bars and ``requires`` ends of the edges,
the legend's swatches and the overlay's tags are worked out here, once; :mod:`.svg`
writes the marks as elements and :mod:`.paint` draws them with Cairo (PNG, PDF), so
the two cannot drift apart. (PowerPoint, :mod:`.pptx`, draws from the scene itself:
its shapes and glued connectors are native objects, not marks.)

Marks are plain frozen records in canvas pixels, y down; a :class:`Group` carries what
only SVG keeps (an id, a class, ``data-`` attributes and a tooltip) and is otherwise
just its children in order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .elements import COMPARTMENT_STROKE, INK, LIT_HALO, Swatch, TextBlock
from .geometry import PlacedNode
from .scene import Scene
from .text import text_width

__all__ = [
    "EDGE_KEY_JOIN", "Ellipse", "Group", "Mark", "Polygon", "Rect", "Segment", "Style", "Text", "TextLine",
    "edge_end", "scene_marks", "swatch_marks",
]

#: Node and edge groups carry ``data-node="id"`` and ``data-edge="source->target"``, so a
#: script (the one-file explorer, :mod:`explorer.bundle`) can find them; ids never hold "->".
EDGE_KEY_JOIN = "->"


@dataclass(frozen=True)
class Style:
    """How a mark is painted. ``fill`` ``None`` (or ``"none"``) leaves it unfilled."""

    fill: str | None = None
    stroke: str | None = None
    width: float | None = None                   # the stroke's width
    dash: tuple[float, float] | None = None      # dash and gap lengths
    cap: str | None = None                       # "round"; butt by default
    join: str | None = None                      # "miter" (the default, written out for SVG readers)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    style: Style
    rx: float | None = None                      # corner radius


@dataclass(frozen=True)
class Ellipse:
    cx: float
    cy: float
    rx: float
    ry: float
    style: Style


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    style: Style


@dataclass(frozen=True)
class Segment:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    style: Style


@dataclass(frozen=True)
class TextLine:
    """One line of a :class:`Text`, anchored at ``x``: runs of words, each in its colour
    (``None``: the text's own)."""

    x: float
    runs: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class Text:
    """Lines of text; ``(x, y)`` is the first baseline, each line ``line_height`` below the last."""

    x: float
    y: float
    size: float
    lines: tuple[TextLine, ...]
    line_height: float = 0.0
    bold: bool = False
    italic: bool = False
    anchor: str = "start"                        # start | middle
    fill: str | None = INK
    id: str | None = None

    @property
    def text(self) -> str:
        return "".join(words for line in self.lines for words, _ in line.runs)


@dataclass(frozen=True)
class Group:
    """Marks drawn in order; ``id``, ``css`` (its class), ``data`` and ``title`` (a tooltip)
    are kept by SVG only."""

    children: tuple[Mark, ...]
    id: str | None = None
    css: str | None = None
    data: tuple[tuple[str, str], ...] = ()
    title: str | None = None


Mark = Rect | Ellipse | Polygon | Segment | Text | Group


def text_mark(block: TextBlock) -> Text:
    """A scene's text block as a mark.

    A centred line keeps its trailing space (so the text stays whole) but is pushed
    right by half a space, so the space does not pull the visible words left.
    """
    shift = text_width(" ", block.size, block.bold) / 2 if block.anchor == "middle" else 0.0
    lines = tuple(TextLine(block.x + shift * line.endswith(" "), ((line, None),)) for line in block.lines)
    return Text(block.x, block.y, block.size, lines, block.line_height, block.bold, block.italic, block.anchor,
                block.fill, block.id)


def shape_mark(shape: str, x: float, y: float, width: float, height: float, style: Style) -> Mark:
    """A node's shape centred on (x, y)."""
    w, h = width / 2, height / 2
    if shape in ("round-rectangle", "barrel"):
        radius = 6.0 * height / 32 if shape == "round-rectangle" else h
        return Rect(x - w, y - h, width, height, style, rx=min(radius, h))
    if shape == "ellipse":
        return Ellipse(x, y, w, h, style)
    outline = PlacedNode("", x, y, width, height, shape, "", ()).outline()
    return Polygon(tuple((x + px, y + py) for px, py in outline), style)


def edge_end(x1: float, y1: float, x2: float, y2: float, effect: str, colour: str, width: float,
             dash: tuple[float, float] | None = None) -> tuple[Mark, ...]:
    """A line from (x1, y1) to the tip (x2, y2), ending in an arrowhead, a tee bar, or
    (``requires``, SBGN's necessary stimulation) a bar before an open arrowhead; ``none``
    is a plain line (the legend's)."""
    line = Style(stroke=colour, width=width, dash=dash)
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    px, py = -uy, ux
    if effect == "none":
        return (Segment(x1, y1, x2, y2, line),)
    if effect == "inhibits":
        bx, by = x2 - ux * 2, y2 - uy * 2
        half = 7 + width
        return (Segment(x1, y1, bx, by, line),
                Segment(bx + px * half, by + py * half, bx - px * half, by - py * half,
                        Style(stroke=colour, width=width + 1.2)))
    head, half = 9 + width * 1.5, 4.5 + width
    bx, by = x2 - ux * head, y2 - uy * head
    points = ((x2, y2), (bx + px * half, by + py * half), (bx - px * half, by - py * half))
    if effect == "requires":
        gx, gy = bx - ux * 4, by - uy * 4
        solid = Style(stroke=colour, width=width)
        return (Segment(x1, y1, gx, gy, line),
                Segment(gx + px * half, gy + py * half, gx - px * half, gy - py * half, solid),
                Segment(gx, gy, bx, by, solid),
                Polygon(points, Style(fill="#FFFFFF", stroke=colour, width=width * 0.8, join="miter")))
    return (Segment(x1, y1, bx + ux, by + uy, line), Polygon(points, Style(fill=colour)))


def dash_of(width: float) -> tuple[float, float]:
    """A dashed line's pattern, in proportion to its width."""
    return (width * 2.8, width * 2.2)


def _compartments(scene: Scene) -> tuple[Group, Group]:
    """Two layers: the boxes (under everything) and their labels (over the edges).

    A label sits on a patch of its box's colour, so an edge crossing it is cut
    briefly instead of striking the words through.
    """
    boxes: list[Mark] = []
    labels: list[Mark] = []
    k = scene.preset.stroke
    for c in scene.compartments:
        boxes.append(Rect(c.box.x0, c.box.y0, c.box.width, c.box.height,
                          Style(fill=c.fill, stroke=COMPARTMENT_STROKE, width=1.2 * k), rx=12.0))
        patch = c.label_patch
        labels += [Rect(patch.x0, patch.y0, patch.width, patch.height, Style(fill=c.fill), rx=3.0),
                   text_mark(c.label)]
    return Group(tuple(boxes), id="compartments"), Group(tuple(labels), id="compartment-labels")


def _edges(scene: Scene) -> Group:
    groups = []
    for e in scene.edges:
        x1, y1, x2, y2 = e.segment
        body: tuple[Mark, ...] = ()
        if e.halo:
            body = (Segment(x1, y1, x2, y2, Style(stroke=e.halo, width=e.width + 6.2, cap="round")),)
        body += edge_end(x1, y1, x2, y2, e.effect, e.colour, e.width, dash_of(e.width) if e.dashed else None)
        css = " ".join(filter(None, ["edge", e.state, e.effect if e.effect == "requires" else ""]))
        groups.append(Group(body, css=css, data=(("edge", f"{e.source}{EDGE_KEY_JOIN}{e.target}"),),
                            title=e.tooltip))
    return Group(tuple(groups), id="edges")


def _nodes(scene: Scene) -> tuple[Group, Group]:
    """The lit halos (under the edges, so one never hides an arrowhead) and the nodes."""
    halos, groups = [], []
    k = scene.preset.stroke
    for n in scene.nodes:
        p = n.placed
        if n.halo:
            halos.append(shape_mark(p.shape, p.x, p.y, p.width + 7 * k, p.height + 7 * k,
                                    Style(fill="none", stroke=n.halo, width=5 * k)))
        outline = Style(fill=n.fill, stroke=n.stroke, width=n.stroke_width,
                        dash=dash_of(n.stroke_width) if n.dashed else None)
        groups.append(Group((shape_mark(p.shape, p.x, p.y, p.width, p.height, outline), text_mark(n.label)),
                            id=f"node-{n.id}", css="node dim" if n.state == "dim" else "node",
                            data=(("node", n.id),), title=n.tooltip))
    return Group(tuple(halos), id="halos"), Group(tuple(groups), id="nodes")


def _badges(scene: Scene) -> Group:
    groups = []
    for b in scene.badges:
        border = Style(fill="#FFFFFF", stroke="#7A4B00", width=1.4, dash=(4.0, 3.0)) if b.extrapolated \
            else Style(fill="#FFFFFF")
        x = b.box.x0 + b.box.width / 2
        lines = tuple(TextLine(x, runs) for runs in b.lines)
        groups.append(Group((Rect(b.box.x0, b.box.y0, b.box.width, b.box.height, border, rx=3.0),
                             Text(x, b.box.y0 + b.size, b.size, lines, b.line_height, bold=True,
                                  anchor="middle", fill=None)),
                            css="badge extrapolated" if b.extrapolated else "badge"))
    return Group(tuple(groups), id="badges")


def swatch_marks(s: Swatch) -> tuple[Mark, ...]:
    """A legend's sample."""
    k = s.size / 12
    if s.kind == "node":
        return (shape_mark(s.shape, s.x, s.y, 30 * k, 16 * k,
                           Style(fill=s.fill, stroke=s.stroke, width=s.stroke_width)),)
    if s.kind == "symbol":
        return (Text(s.x, s.y + 5 * k, s.size + 3 * k, (TextLine(s.x, ((s.symbol, None),)),), anchor="middle",
                     fill=s.stroke),)
    if s.kind == "badge":
        return (Rect(s.x - 15 * k, s.y - 7 * k, 30 * k, 14 * k,
                     Style(fill="#FFFFFF", stroke="#7A4B00", width=1.4, dash=(4.0, 3.0)), rx=3.0),)
    if s.kind == "tag":
        return (Rect(s.x - 15 * k, s.y - 8 * k, 30 * k, 16 * k, Style(fill="#FFFFFF", stroke="#AEB6BF", width=1.2),
                     rx=3.0),
                Text(s.x, s.y + 4 * k, s.size, (TextLine(s.x, ((s.symbol, None),)),), bold=True, anchor="middle",
                     fill=s.stroke))
    x1, x2 = s.x - 16 * k, s.x + 16 * k
    if s.kind == "lit-edge":
        return (Segment(x1, s.y, x2, s.y, Style(stroke=LIT_HALO, width=s.stroke_width + 6.2, cap="round")),
                Segment(x1, s.y, x2, s.y, Style(stroke=s.stroke, width=s.stroke_width)))
    return edge_end(x1, s.y, x2, s.y, s.effect, s.stroke, s.stroke_width,
                    dash_of(s.stroke_width) if s.dashed else None)


def scene_marks(scene: Scene) -> tuple[Mark, ...]:
    """Everything drawn, bottom first: the white page, the header, the graph (compartments,
    halos, edges, compartment labels, nodes, tags), the legend and the citation."""
    boxes, labels = _compartments(scene)
    halos, nodes = _nodes(scene)
    legend = tuple(m for s in scene.swatches for m in swatch_marks(s)) + tuple(text_mark(t) for t in scene.legend)
    return (
        Rect(0.0, 0.0, scene.width, scene.height, Style(fill="#FFFFFF")),
        text_mark(scene.title), text_mark(scene.subtitle),
        *((text_mark(scene.caveat),) if scene.caveat else ()),
        Group((boxes, halos, _edges(scene), labels, nodes, _badges(scene)), id="graph"),
        Group((Group(legend, id="legend-items"),), id="legend"),
        text_mark(scene.citation),
    )
