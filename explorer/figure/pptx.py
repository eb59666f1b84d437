"""A :class:`~.scene.Scene` as an editable PowerPoint slide, and a drug's deck.

Every node is an autoshape (its shape by kind) holding its label as editable text;
every edge is a straight connector glued to its two shapes (``stCxn``/``endCxn``), so
it follows when a shape is moved. Activation ends in a filled arrowhead, ``requires``
(SBGN's necessary stimulation) is dashed with an open arrowhead; DrawingML has no tee
line end, so an inhibition's connector ends plainly and a short perpendicular bar,
named after the edge, is drawn at its tip. A node with a tag (its sign, its action, its
predicted effect) or such a bar is a group (``p:grpSp``) of them, so they move with it
in PowerPoint and Impress; the connectors stay glued to the node's shape inside.
Compartments are rounded rectangles behind, labelled inside; the legend and the
citation are text boxes. The speaker notes hold each readout's chain in words with the
review's reference numbers. The file's thumbnail is its first slide, drawn with Cairo.

Positions and sizes come from the scene, as the SVG's do: the slide is the scene
scaled to 13.33 × 7.5 in (16:9). Only the connectors' ends are PowerPoint's own: a
glued connector runs between connection sites of its shapes (LibreOffice draws it so
at once, PowerPoint once a shape moves), so each is stored from site to site, at the
sites on the sides the scene's line leaves and enters.

The shapes are written as XML text by :mod:`.drawingml` and parsed once per slide
(python-pptx's per-property API cost ten times as much; see that module); python-pptx
keeps the package, the slides, the notes and the properties.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping

import networkx as nx
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from ..engine import Explanation
from ..model import KnowledgeBase
from .drawingml import Line, Run, ShapeIds, append_shapes, autoshape, connector, group, paragraph, textbox
from .elements import COMPARTMENT_STROKE, LIT_HALO, Badge, SceneEdge, SceneNode, Swatch, TextBlock
from .geometry import Box
from .marks import scene_marks
from .notes import notes_text
from .scene import Scene, build_scenes, citation_line

__all__ = ["FONT", "SLIDE_EMU", "add_scene_slide", "new_presentation", "presentation_bytes", "rgb",
           "scene_shapes", "slide_bytes"]

SLIDE_EMU = (12192000, 6858000)          # 13.333 × 7.5 in: PowerPoint's 16:9
GLOW = 4.0                                # a lit node's glow, in scene pixels
FONT = "Arial"                            # narrower than the DejaVu Sans the scene measures with
_AUTOSHAPES = {
    "round-rectangle": MSO_SHAPE.ROUNDED_RECTANGLE, "ellipse": MSO_SHAPE.OVAL, "diamond": MSO_SHAPE.DIAMOND,
    "hexagon": MSO_SHAPE.HEXAGON, "barrel": MSO_SHAPE.FLOWCHART_TERMINATOR, "octagon": MSO_SHAPE.OCTAGON,
    "tag": MSO_SHAPE.PENTAGON,
}
_ENDS = {"activates": "triangle", "requires": "arrow"}     # DrawingML line ends: filled, open


_IL = (1 - math.sqrt(0.5)) / 2             # where an ellipse's diagonal sites sit


def _sites(shape: str, width: float, height: float) -> list[tuple[float, float]]:
    """The connection sites of a node's preset (fractions of its box), in DrawingML's
    order: what ``idx`` in ``stCxn``/``endCxn`` means. Checked in LibreOffice Impress."""
    if shape == "ellipse":
        return [(0.5, 0), (_IL, _IL), (0, 0.5), (_IL, 1 - _IL), (0.5, 1), (1 - _IL, 1 - _IL), (1, 0.5),
                (1 - _IL, _IL)]
    if shape == "hexagon":
        i = height * 0.32 / width
        return [(1, 0.5), (1 - i, 1), (i, 1), (0, 0.5), (i, 0), (1 - i, 0)]
    if shape == "octagon":
        cx, cy = min(width, height) * 0.29 / width, min(width, height) * 0.29 / height
        return [(1, cy), (1, 1 - cy), (1 - cx, 1), (cx, 1), (0, 1 - cy), (0, cy), (cx, 0), (1 - cx, 0)]
    if shape == "tag":
        body = (1 - height * 0.4 / width) / 2
        return [(body, 0), (0, 0.5), (body, 1), (1, 0.5)]
    return [(0.5, 0), (0, 0.5), (0.5, 1), (1, 0.5)]     # rectangles, the pill, the diamond


class _Canvas:
    """Scene units to EMU: the scene (or a ``width`` × ``height`` canvas) scaled to fit the slide, centred."""

    def __init__(self, scene: Scene | None = None, width: float = 0.0, height: float = 0.0):
        width, height = (scene.width, scene.height) if scene is not None else (width, height)
        self.k = min(SLIDE_EMU[0] / width, SLIDE_EMU[1] / height)
        self.dx = (SLIDE_EMU[0] - width * self.k) / 2
        self.dy = (SLIDE_EMU[1] - height * self.k) / 2

    def x(self, value: float) -> int:
        return round(self.dx + value * self.k)

    def y(self, value: float) -> int:
        return round(self.dy + value * self.k)

    def length(self, value: float) -> int:
        return round(value * self.k)

    def box(self, x: float, y: float, width: float, height: float) -> tuple[int, int, int, int]:
        return self.x(x), self.y(y), self.length(width), self.length(height)

    def centipoints(self, size: float) -> int:
        """A font size or line spacing, to the half point, in DrawingML's hundredths of a point."""
        return Pt(round(size * self.k / 12700 * 2) / 2).centipoints


def rgb(colour: str) -> RGBColor:
    """``#RRGGBB`` as python-pptx's colour."""
    return RGBColor.from_string(colour.lstrip("#").upper())


def _label(lines: Iterable[str], size: float, canvas: _Canvas, *, bold: bool = False, colour: str = "#111111",
           align: str = "ctr", italic: bool = False, line_spacing: int | None = None,
           runs: Iterable[tuple[str, str]] | None = None) -> str:
    """Editable text: one paragraph, lines joined by line breaks (or the given coloured runs)."""
    if runs is None:
        pieces = []
        for i, line in enumerate(lines):
            pieces.append(("\n" if i else "", colour))
            pieces.append((line.rstrip(), colour))
    else:
        pieces = list(runs)
    centipoints = canvas.centipoints(size)
    items = [None if words == "\n" else Run(words, centipoints, bold, italic, run_colour)
             for words, run_colour in pieces if words]
    return paragraph(items, align=align, line_spacing=line_spacing)


def _textbox(shape_id: int, block: TextBlock, canvas: _Canvas, name: str, width: float | None = None,
             title: bool = False) -> str:
    box = block.box
    width = width if width is not None else box.width * 1.02 + 4
    left = box.x0 if block.anchor == "start" else block.x - width / 2
    top = block.y - block.size * 1.0
    height = block.size * 1.2 + (len(block.lines) - 1) * block.line_height
    spacing = canvas.centipoints(block.line_height) if len(block.lines) > 1 and block.line_height else None
    text = _label(block.lines, block.size, canvas, bold=block.bold, colour=block.fill, italic=block.italic,
                  align="ctr" if block.anchor == "middle" else "l", line_spacing=spacing)
    return textbox(shape_id, canvas.box(left, top, width, height), [text], name=name, autofit=False, anchor="t",
                   margins=(0, 0, 0, 0), title=title)


def _adjustment(shape_name: str, width: float, height: float) -> float | None:
    """The preset's first adjustment, matching the scene's corners and points."""
    ss = min(width, height)
    if shape_name == "round-rectangle":
        return min(0.5, 6.0 * height / 32 / ss)
    if shape_name == "hexagon":
        return min(0.5, height * 0.32 / ss)
    if shape_name == "tag":
        return height * 0.4 / ss
    return None


def _site_points(node: SceneNode) -> list[tuple[float, float]]:
    p = node.placed
    x0, y0 = p.x - p.width / 2, p.y - p.height / 2
    return [(x0 + fx * p.width, y0 + fy * p.height) for fx, fy in _sites(p.shape, p.width, p.height)]


Route = tuple[int, tuple[float, float], int, tuple[float, float]]


def _routes(scene: Scene) -> dict[tuple[str, str], Route]:
    """Each edge's connection sites: the ones nearest where the scene's line meets the
    shapes, a site already taken at that node skipped when another is nearly as near
    (so two arrowheads do not land on one spot).

    The connector is stored from site to site: a glued connector is drawn between its
    sites by LibreOffice at once and by PowerPoint once a shape moves, so storing
    anything else would draw the same slide two ways.
    """
    nodes = {n.id: n for n in scene.nodes}
    taken: dict[str, set[int]] = {n.id: set() for n in scene.nodes}

    def pick(node: SceneNode, point: tuple[float, float]) -> tuple[int, tuple[float, float]]:
        points = _site_points(node)
        cx, cy = node.placed.x, node.placed.y
        aim = math.atan2(point[1] - cy, point[0] - cx)

        def turn(i: int) -> float:       # how far a site lies from the scene's direction, in radians
            a = math.atan2(points[i][1] - cy, points[i][0] - cx) - aim
            return abs(math.atan2(math.sin(a), math.cos(a)))

        ranked = sorted(range(len(points)), key=lambda i: math.hypot(points[i][0] - point[0], points[i][1] - point[1]))
        for i in ranked:
            if turn(i) <= math.radians(50) and i not in taken[node.id]:
                taken[node.id].add(i)
                return i, points[i]
        return ranked[0], points[ranked[0]]

    routes = {}
    for e in scene.edges:
        x1, y1, x2, y2 = e.segment
        end = pick(nodes[e.target], (x2, y2))
        start = pick(nodes[e.source], (x1, y1))
        routes[e.source, e.target] = (*start, *end)
    return routes


def _glue(route: Route, source: int, target: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Both ends' glue, (shape id, connection site): python-pptx's ``begin_connect`` knows
    only a rectangle's four sites, so the sites are the preset's own (:func:`_sites`)."""
    return (source, route[0]), (target, route[2])


def _tee(shape_id: int, x2: float, y2: float, ux: float, uy: float, colour: str, width: float, canvas: _Canvas,
         name: str, back: float | None = None) -> str:
    half = 7 + width
    if back is None:
        back = 2 + GLOW + width / 2      # clear of a lit node's glow, which is drawn over the lines
    bx, by = x2 - ux * back, y2 - uy * back
    return connector(shape_id, (canvas.x(bx - uy * half), canvas.y(by + ux * half)),
                     (canvas.x(bx + uy * half), canvas.y(by - ux * half)),
                     Line(colour, canvas.length(width + 1.2)), name=name, descr="The tee bar of an inhibition")


def _edge_shapes(scene: Scene, node_ids: Mapping[str, int], ids: ShapeIds, canvas: _Canvas
                 ) -> tuple[list[str], dict[str, list[tuple[str, Box]]]]:
    """The edges as glued connectors, halos first, under every line; and the tee bar at
    each inhibition's tip, by the node it inhibits (DrawingML has no tee line end: the bar
    is a separate line, named after its edge, grouped with that node so it follows it),
    with the bar's extent on the scene."""
    routes = _routes(scene)
    shapes = []
    tees: dict[str, list[tuple[str, Box]]] = {}

    def line(e: SceneEdge, route: Route, style: Line, name: str, descr: str | None) -> str:
        return connector(ids.next(), (canvas.x(route[1][0]), canvas.y(route[1][1])),
                         (canvas.x(route[3][0]), canvas.y(route[3][1])), style, name=name,
                         glue=_glue(route, node_ids[e.source], node_ids[e.target]), descr=descr)

    for e in scene.edges:
        if e.halo:
            shapes.append(line(e, routes[e.source, e.target], Line(e.halo, canvas.length(e.width + 6.2)),
                               f"lit: {e.tooltip}", "The highlight under an arrow on the drug's route"))
    for e in scene.edges:
        route = routes[e.source, e.target]
        style = Line(e.colour, canvas.length(e.width), e.dashed, _ENDS.get(e.effect))
        shapes.append(line(e, route, style, e.tooltip, scene.alt.get((e.source, e.target), e.tooltip)))
        if e.effect == "inhibits":
            (x1, y1), (x2, y2) = route[1], route[3]
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            reach = 7 + e.width + GLOW + 2 + e.width
            tees.setdefault(e.target, []).append(
                (_tee(ids.next(), x2, y2, (x2 - x1) / length, (y2 - y1) / length, e.colour, e.width, canvas,
                      f"⊣ {e.tooltip}"), Box(x2 - reach, y2 - reach, x2 + reach, y2 + reach)))
    return shapes, tees


def _swatch(s: Swatch, ids: ShapeIds, canvas: _Canvas) -> list[str]:
    k = s.size / 12
    if s.kind == "node":
        width, height = 30 * k, 16 * k
        return [autoshape(ids.next(), _AUTOSHAPES.get(s.shape, MSO_SHAPE.ROUNDED_RECTANGLE),
                          canvas.box(s.x - width / 2, s.y - height / 2, width, height),
                          adjustment=_adjustment(s.shape, width, height), fill=s.fill,
                          line=Line(s.stroke, canvas.length(s.stroke_width)), descr="Legend sample")]
    if s.kind == "symbol":
        block = TextBlock(s.x, s.y + 5 * k, (s.symbol,), s.size + 3 * k, anchor="middle", fill=s.stroke)
        return [_textbox(ids.next(), block, canvas, f"legend {s.symbol}", width=24 * k)]
    if s.kind == "badge":
        return [autoshape(ids.next(), MSO_SHAPE.RECTANGLE, canvas.box(s.x - 15 * k, s.y - 7 * k, 30 * k, 14 * k),
                          fill="#FFFFFF", line=Line("#7A4B00", canvas.length(1.4), dash=True),
                          descr="Legend sample")]
    if s.kind == "tag":
        box = canvas.box(s.x - 15 * k, s.y - 8 * k, 30 * k, 16 * k)
        return [autoshape(ids.next(), MSO_SHAPE.ROUNDED_RECTANGLE, box,
                          name=f"legend tag {s.symbol}", adjustment=0.15, fill="#FFFFFF",
                          line=Line("#AEB6BF", canvas.length(1.2)),
                          paragraphs=[_label([s.symbol], s.size, canvas, bold=True, colour=s.stroke)],
                          descr="Legend sample")]
    x1, x2 = s.x - 16 * k, s.x + 16 * k
    begin, end = (canvas.x(x1), canvas.y(s.y)), (canvas.x(x2), canvas.y(s.y))
    shapes = []
    if s.kind == "lit-edge":
        shapes.append(connector(ids.next(), begin, end, Line(LIT_HALO, canvas.length(s.stroke_width + 6.2)),
                                descr="Legend sample"))
    tail = _ENDS.get(s.effect) if s.kind == "edge" else None
    shapes.append(connector(ids.next(), begin, end, Line(s.stroke, canvas.length(s.stroke_width), s.dashed, tail),
                            descr="Legend sample"))
    if s.kind == "edge" and s.effect == "inhibits":
        shapes.append(_tee(ids.next(), x2, s.y, 1.0, 0.0, s.stroke, s.stroke_width, canvas, "legend ⊣", back=2))
    return shapes


def scene_shapes(scene: Scene) -> list[str]:
    """A scene's shapes as DrawingML text, in drawing order: compartments behind, then the
    edges (halos under the lines), the nodes above them (each grouped with its tag and the
    tee bars of the inhibitions it receives), titles and legend.

    Ids are handed out before the drawing order needs them: the nodes need theirs
    before the connectors glue to them.
    """
    canvas = _Canvas(scene)
    ids = ShapeIds()
    stroke = Line(COMPARTMENT_STROKE, canvas.length(1.2 * scene.preset.stroke))
    compartments = []
    for c in scene.compartments:
        label = c.label.box
        margins = (canvas.length(label.x0 - c.box.x0), canvas.length(label.y0 - c.box.y0 - 2), 0, 0)
        compartments.append(autoshape(
            ids.next(), MSO_SHAPE.ROUNDED_RECTANGLE, canvas.box(c.box.x0, c.box.y0, c.box.width, c.box.height),
            name=f"compartment: {c.label.text}", descr=f"Compartment: {c.label.text}",
            adjustment=min(0.5, 12.0 / min(c.box.width, c.box.height)),
            fill=c.fill, line=stroke, anchor="t", margins=margins,
            paragraphs=[_label(c.label.lines, c.label.size, canvas, bold=True, colour=c.label.fill, align="l")]))
    tags = {b.node: b for b in scene.badges}
    inhibited = {e.target for e in scene.edges if e.effect == "inhibits"}
    # A node with a tag or an inhibition's bar is drawn as a group with them, so they move
    # together in PowerPoint and Impress; the connectors stay glued to the node's shape.
    group_ids = {n.id: ids.next() for n in scene.nodes if n.id in tags or n.id in inhibited}
    node_ids = {n.id: ids.next() for n in scene.nodes}
    edges, tees = _edge_shapes(scene, node_ids, ids, canvas)
    nodes = []
    for n in scene.nodes:
        p = n.placed
        shape = autoshape(
            node_ids[n.id], _AUTOSHAPES.get(p.shape, MSO_SHAPE.ROUNDED_RECTANGLE),
            canvas.box(p.x - p.width / 2, p.y - p.height / 2, p.width, p.height), name=f"node: {n.tooltip}",
            descr=scene.alt.get(n.id, n.tooltip),
            adjustment=_adjustment(p.shape, p.width, p.height), fill=n.fill,
            line=Line(n.stroke, canvas.length(n.stroke_width), n.dashed),
            glow=(canvas.length(GLOW), n.halo) if n.halo else None,
            margins=(0, 0, canvas.length(p.height * 0.4 if p.shape == "tag" else 0.0), 0),
            paragraphs=[_label(n.label.lines, n.label.size, canvas, colour=n.label.fill)])
        if n.id not in group_ids:
            nodes.append(shape)
            continue
        around, children = p.box, [shape]
        for bar, extent in tees.get(n.id, ()):
            around, children = around.union(extent), [*children, bar]
        if n.id in tags:
            around, children = around.union(tags[n.id].box), [*children, _tag(ids.next(), tags[n.id], canvas)]
        nodes.append(group(group_ids[n.id], canvas.box(around.x0, around.y0, around.width, around.height), children,
                           name=f"node and marks: {n.label.text}"))
    rest = []
    for block, name in ((scene.title, "title"), (scene.subtitle, "subtitle"), (scene.caveat, "caveat"),
                        (scene.citation, "citation")):
        if block is not None:
            rest.append(_textbox(ids.next(), block, canvas, name, title=name == "title"))
    for s in scene.swatches:
        rest.extend(_swatch(s, ids, canvas))
    rest.extend(_textbox(ids.next(), block, canvas, f"legend {i}") for i, block in enumerate(scene.legend))
    return [*compartments, *edges, *nodes, *rest]


def _tag(shape_id: int, b: Badge, canvas: _Canvas) -> str:
    """A node's tag: a white rounded box (dashed for an extrapolation) holding its coloured words."""
    runs: list[tuple[str, str]] = []
    for i, line in enumerate(b.lines):
        runs += [("\n", "")] if i else []
        runs += [(words, colour) for words, colour in line]
    spacing = canvas.centipoints(b.line_height) if len(b.lines) > 1 else None
    return autoshape(shape_id, MSO_SHAPE.ROUNDED_RECTANGLE, canvas.box(b.box.x0, b.box.y0, b.box.width, b.box.height),
                     name=f"overlay: {b.text}", adjustment=0.15, fill="#FFFFFF",
                     line=Line("#7A4B00" if b.extrapolated else None, canvas.length(1.4), dash=True),
                     paragraphs=[_label([b.text], b.size, canvas, bold=True, runs=runs, line_spacing=spacing)])


def add_scene_slide(prs, scene: Scene, notes: str = ""):
    """Draw a scene on a new blank slide of ``prs``; return the slide."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])          # the default template's blank layout
    append_shapes(slide, scene_shapes(scene))
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return slide


# -- files ----------------------------------------------------------------------------------

def new_presentation():
    """An empty 16:9 presentation with the model's author and citation in its properties."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_EMU[0]), Emu(SLIDE_EMU[1])
    prs.core_properties.author = "moa-explorer"
    prs.core_properties.comments = citation_line()
    return prs


_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def presentation_bytes(prs, thumbnail: bytes | None = None) -> bytes:
    """The ``.pptx`` file's bytes, with ``thumbnail`` (a JPEG of its first slide) as the
    package's thumbnail instead of the default template's blank 4:3 one."""
    if thumbnail is not None:
        for rel in prs.part.package._rels.values():
            if rel.reltype == _THUMBNAIL and not rel.is_external:
                rel.target_part._blob = thumbnail
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def slide_bytes(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None = None, *,
                preset: str = "slide") -> bytes:
    """A 16:9 slide of a hypothesis (with a drug's overlay) as a ``.pptx`` file's bytes: one
    slide, or one per part of a view a slide shows in parts (the integrated view)."""
    scenes = build_scenes(kb, graph, explanation, preset=preset)
    prs = new_presentation()
    prs.core_properties.title = graph.graph.get("title", "") + (f": {explanation.drug.name}" if explanation else "")
    prs.core_properties.subject = scenes[0].subtitle.text
    for scene in scenes:
        add_scene_slide(prs, scene, notes_text(kb, graph, explanation))
    return presentation_bytes(prs, scene_thumbnail(scenes[0]))


def scene_thumbnail(scene: Scene) -> bytes:
    """A slide's thumbnail: the scene drawn small with the same Cairo pipeline as the PNG."""
    from .raster import thumbnail_jpeg

    return thumbnail_jpeg(scene_marks(scene), scene.width, scene.height)


