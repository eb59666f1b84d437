"""A :class:`~.scene.Scene` as an editable PowerPoint slide, and a drug's deck.

Every node is an autoshape (its shape by kind) holding its label as editable text;
every edge is a straight connector glued to its two shapes (``stCxn``/``endCxn``), so
it follows when a shape is moved. Activation ends in a filled arrowhead, ``requires``
(SBGN's necessary stimulation) is dashed with an open arrowhead; DrawingML has no tee
line end, so an inhibition's connector ends plainly and a short perpendicular bar,
named after the edge, is drawn at its tip. Compartments are rounded rectangles
behind, labelled inside; the legend, the citation and the overlay's words are text
boxes. The speaker notes hold each readout's chain in words with the review's
reference numbers.

Positions and sizes come from the scene, as the SVG's do: the slide is the scene
scaled to 13.33 × 7.5 in (16:9). Only the connectors' ends are PowerPoint's own: a
glued connector runs between connection sites of its shapes (LibreOffice draws it so
at once, PowerPoint once a shape moves), so each is stored from site to site, at the
sites on the sides the scene's line leaves and enters.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping

import networkx as nx
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..engine import Explanation
from ..model import KnowledgeBase
from .elements import COMPARTMENT_STROKE, LIT_HALO, SceneEdge, SceneNode, Swatch, TextBlock
from .notes import notes_text
from .scene import Scene, build_scene, citation_line

__all__ = ["FONT", "SLIDE_EMU", "add_scene_slide", "new_presentation", "presentation_bytes", "rgb", "slide_bytes"]

SLIDE_EMU = (12192000, 6858000)          # 13.333 × 7.5 in: PowerPoint's 16:9
GLOW = 4.0                                # a lit node's glow, in scene pixels
FONT = "Arial"                            # narrower than the DejaVu Sans the scene measures with
_AUTOSHAPES = {
    "round-rectangle": MSO_SHAPE.ROUNDED_RECTANGLE, "ellipse": MSO_SHAPE.OVAL, "diamond": MSO_SHAPE.DIAMOND,
    "hexagon": MSO_SHAPE.HEXAGON, "barrel": MSO_SHAPE.FLOWCHART_TERMINATOR, "octagon": MSO_SHAPE.OCTAGON,
    "tag": MSO_SHAPE.PENTAGON,
}
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
    """Scene units to EMU: the scene scaled to fit the slide, centred."""

    def __init__(self, scene: Scene):
        self.k = min(SLIDE_EMU[0] / scene.width, SLIDE_EMU[1] / scene.height)
        self.dx = (SLIDE_EMU[0] - scene.width * self.k) / 2
        self.dy = (SLIDE_EMU[1] - scene.height * self.k) / 2

    def x(self, value: float) -> Emu:
        return Emu(round(self.dx + value * self.k))

    def y(self, value: float) -> Emu:
        return Emu(round(self.dy + value * self.k))

    def length(self, value: float) -> Emu:
        return Emu(round(value * self.k))

    def pt(self, size: float) -> Pt:
        return Pt(round(size * self.k / 12700 * 2) / 2)    # to the half point


def rgb(colour: str) -> RGBColor:
    """``#RRGGBB`` as python-pptx's colour."""
    return RGBColor.from_string(colour.lstrip("#").upper())


def _line(shape, colour: str | None, width: float, canvas: _Canvas, dash: bool = False) -> None:
    if colour is None:
        shape.line.fill.background()
        return
    shape.line.color.rgb = rgb(colour)
    shape.line.width = canvas.length(width)
    if dash:
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH


def _line_end(shape, kind: str) -> None:
    """A DrawingML line end at the connector's end point: ``triangle`` (filled), ``arrow`` (open)."""
    ln = shape.line._get_or_add_ln()
    for old in ln.findall(qn("a:tailEnd")):
        ln.remove(old)
    end = etree.SubElement(ln, qn("a:tailEnd"))
    end.set("type", kind)
    end.set("w", "med")
    end.set("len", "med")


def _no_shadow(shape) -> None:
    """No theme style: the default theme gives autoshapes a shadow and its own line and
    fill; every colour here is set explicitly instead."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _glow(shape, colour: str, radius: Emu) -> None:
    """A soft ring round the shape: the lit route's halo, moving with the shape."""
    sp_pr = shape._element.spPr
    for old in sp_pr.findall(qn("a:effectLst")):
        sp_pr.remove(old)
    effects = etree.SubElement(sp_pr, qn("a:effectLst"))
    glow = etree.SubElement(effects, qn("a:glow"), rad=str(int(radius)))
    etree.SubElement(glow, qn("a:srgbClr"), val=colour.lstrip("#").upper())


def _text_frame(shape, block_lines: Iterable[str], size: float, canvas: _Canvas, *, bold: bool = False,
                colour: str = "#111111", align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE,
                italic: bool = False, margins: tuple[float, float, float, float] = (0, 0, 0, 0),
                runs: Iterable[tuple[str, str]] | None = None) -> None:
    """Editable text in a shape: one paragraph, lines joined by line breaks."""
    frame = shape.text_frame
    frame.word_wrap = False
    frame.auto_size = None
    frame.vertical_anchor = anchor
    left, top, right, bottom = margins
    frame.margin_left, frame.margin_top = canvas.length(left), canvas.length(top)
    frame.margin_right, frame.margin_bottom = canvas.length(right), canvas.length(bottom)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    if runs is None:
        pieces = []
        for i, line in enumerate(block_lines):
            pieces.append(("\n" if i else "", colour))
            pieces.append((line.rstrip(), colour))
    else:
        pieces = list(runs)
    for words, run_colour in pieces:
        if words == "\n":
            paragraph.add_line_break()
            continue
        if not words:
            continue
        run = paragraph.add_run()
        run.text = words
        run.font.size = canvas.pt(size)
        run.font.name = FONT
        run.font.bold = bold
        run.font.italic = italic
        run.font.color.rgb = rgb(run_colour)


def _textbox(slide, block: TextBlock, canvas: _Canvas, name: str, width: float | None = None):
    box = block.box
    width = width if width is not None else box.width * 1.02 + 4
    left = box.x0 if block.anchor == "start" else block.x - width / 2
    top = block.y - block.size * 1.0
    height = block.size * 1.2 + (len(block.lines) - 1) * block.line_height
    shape = slide.shapes.add_textbox(canvas.x(left), canvas.y(top), canvas.length(width), canvas.length(height))
    shape.name = name
    _text_frame(shape, block.lines, block.size, canvas, bold=block.bold, colour=block.fill, italic=block.italic,
                align=PP_ALIGN.CENTER if block.anchor == "middle" else PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP)
    frame = shape.text_frame
    if len(block.lines) > 1 and block.line_height:
        frame.paragraphs[0].line_spacing = canvas.pt(block.line_height)
    return shape


def _autoshape(slide, shape_name: str, cx: float, cy: float, width: float, height: float, canvas: _Canvas):
    shape = slide.shapes.add_shape(_AUTOSHAPES.get(shape_name, MSO_SHAPE.ROUNDED_RECTANGLE),
                                   canvas.x(cx - width / 2), canvas.y(cy - height / 2),
                                   canvas.length(width), canvas.length(height))
    ss = min(width, height)
    if shape_name == "round-rectangle":
        shape.adjustments[0] = min(0.5, 6.0 * height / 32 / ss)
    elif shape_name == "hexagon":
        shape.adjustments[0] = min(0.5, height * 0.32 / ss)
    elif shape_name == "tag":
        shape.adjustments[0] = height * 0.4 / ss
    _no_shadow(shape)
    return shape


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


def _glue(connector, tag: str, shape, site: int) -> None:
    """Glue one end of a connector to a shape's connection site (``a:stCxn`` or ``a:endCxn``).

    Written directly: python-pptx's ``begin_connect`` knows only a rectangle's four sites.
    """
    properties = connector._element.nvCxnSpPr.cNvCxnSpPr
    for old in properties.findall(qn(tag)):
        properties.remove(old)
    glued = etree.Element(qn(tag), id=str(shape.shape_id), idx=str(site))
    if tag == "a:stCxn":
        properties.insert(0, glued)
    else:
        properties.append(glued)


def _connector(slide, edge: SceneEdge, route: Route, shapes: Mapping[str, object], canvas: _Canvas, *,
               colour: str, width: float, dash: bool, end: str | None, name: str):
    start_site, (x1, y1), end_site, (x2, y2) = route
    connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, canvas.x(x1), canvas.y(y1),
                                           canvas.x(x2), canvas.y(y2))
    _glue(connector, "a:stCxn", shapes[edge.source], start_site)
    _glue(connector, "a:endCxn", shapes[edge.target], end_site)
    connector.name = name
    _no_shadow(connector)
    _line(connector, colour, width, canvas, dash)
    if end:
        _line_end(connector, end)
    return connector


def _tee(slide, x2: float, y2: float, ux: float, uy: float, colour: str, width: float, canvas: _Canvas,
         name: str, back: float | None = None):
    half = 7 + width
    if back is None:
        back = 2 + GLOW + width / 2      # clear of a lit node's glow, which is drawn over the lines
    bx, by = x2 - ux * back, y2 - uy * back
    bar = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, canvas.x(bx - uy * half), canvas.y(by + ux * half),
                                     canvas.x(bx + uy * half), canvas.y(by - ux * half))
    bar.name = name
    _line(bar, colour, width + 1.2, canvas)
    return bar


def _edge_shapes(slide, scene: Scene, shapes: Mapping[str, object], canvas: _Canvas) -> None:
    """The edges as glued connectors: halos first, under every line; a tee bar at each
    inhibition's tip (DrawingML has no tee line end: the bar is a separate line, named
    after its edge, and stays put if a shape is moved)."""
    routes = _routes(scene)
    for e in scene.edges:
        if e.halo:
            _connector(slide, e, routes[e.source, e.target], shapes, canvas, colour=e.halo, width=e.width + 6.2,
                       dash=False, end=None, name=f"lit: {e.tooltip}")
    for e in scene.edges:
        route = routes[e.source, e.target]
        end = {"activates": "triangle", "requires": "arrow"}.get(e.effect)
        _connector(slide, e, route, shapes, canvas, colour=e.colour, width=e.width, dash=e.dashed, end=end,
                   name=e.tooltip)
        if e.effect == "inhibits":
            (x1, y1), (x2, y2) = route[1], route[3]
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            _tee(slide, x2, y2, (x2 - x1) / length, (y2 - y1) / length, e.colour, e.width, canvas,
                 f"⊣ {e.tooltip}")


def _swatch(slide, s: Swatch, canvas: _Canvas) -> None:
    k = s.size / 12
    if s.kind == "node":
        shape = _autoshape(slide, s.shape, s.x, s.y, 30 * k, 16 * k, canvas)
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(s.fill)
        _line(shape, s.stroke, s.stroke_width, canvas)
    elif s.kind == "symbol":
        block = TextBlock(s.x, s.y + 5 * k, (s.symbol,), s.size + 3 * k, anchor="middle", fill=s.stroke)
        _textbox(slide, block, canvas, f"legend {s.symbol}", width=24 * k)
    elif s.kind == "badge":
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, canvas.x(s.x - 15 * k), canvas.y(s.y - 7 * k),
                                       canvas.length(30 * k), canvas.length(14 * k))
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb("#FFFFFF")
        _line(shape, "#7A4B00", 1.4, canvas, dash=True)
        _no_shadow(shape)
    else:
        x1, x2 = s.x - 16 * k, s.x + 16 * k
        if s.kind == "lit-edge":
            halo = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, canvas.x(x1), canvas.y(s.y), canvas.x(x2),
                                              canvas.y(s.y))
            _line(halo, LIT_HALO, s.stroke_width + 6.2, canvas)
        line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, canvas.x(x1), canvas.y(s.y), canvas.x(x2),
                                          canvas.y(s.y))
        _line(line, s.stroke, s.stroke_width, canvas, dash=s.dashed)
        end = {"activates": "triangle", "requires": "arrow"}.get(s.effect) if s.kind == "edge" else None
        if end:
            _line_end(line, end)
        if s.kind == "edge" and s.effect == "inhibits":
            _tee(slide, x2, s.y, 1.0, 0.0, s.stroke, s.stroke_width, canvas, "legend ⊣", back=2)


def add_scene_slide(prs, scene: Scene, notes: str = ""):
    """Draw a scene on a new blank slide of ``prs``; return the slide."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])          # the default template's blank layout
    canvas = _Canvas(scene)
    for c in scene.compartments:
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, canvas.x(c.box.x0), canvas.y(c.box.y0),
                                       canvas.length(c.box.width), canvas.length(c.box.height))
        shape.adjustments[0] = min(0.5, 12.0 / min(c.box.width, c.box.height))
        shape.name = f"compartment: {c.label.text}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(c.fill)
        _line(shape, COMPARTMENT_STROKE, 1.2 * scene.preset.stroke, canvas)
        _no_shadow(shape)
        label = c.label.box
        _text_frame(shape, c.label.lines, c.label.size, canvas, bold=True, colour=c.label.fill, align=PP_ALIGN.LEFT,
                    anchor=MSO_ANCHOR.TOP, margins=(label.x0 - c.box.x0, label.y0 - c.box.y0 - 2, 0, 0))
    shapes = {}
    for n in scene.nodes:
        p = n.placed
        shape = _autoshape(slide, p.shape, p.x, p.y, p.width, p.height, canvas)
        shape.name = f"node: {n.tooltip}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(n.fill)
        _line(shape, n.stroke, n.stroke_width, canvas, dash=n.dashed)
        if n.halo:
            _glow(shape, n.halo, canvas.length(GLOW))
        right = p.height * 0.4 if p.shape == "tag" else 0.0
        _text_frame(shape, n.label.lines, n.label.size, canvas, colour=n.label.fill, margins=(0, 0, right, 0))
        shapes[n.id] = shape
    _edge_shapes(slide, scene, shapes, canvas)
    # The edges went in after the nodes (they glue to them): lift the nodes back above them.
    tree = slide.shapes._spTree
    for shape in shapes.values():
        tree.remove(shape._element)
        tree.append(shape._element)
    for b in scene.badges:
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, canvas.x(b.box.x0), canvas.y(b.box.y0),
                                       canvas.length(b.box.width), canvas.length(b.box.height))
        shape.name = f"overlay: {b.text}"
        shape.adjustments[0] = 0.15
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb("#FFFFFF")
        _line(shape, "#7A4B00" if b.extrapolated else None, 1.4, canvas, dash=True)
        _no_shadow(shape)
        _text_frame(shape, [b.text], b.size, canvas, bold=True, runs=[
            ((" · " if i else "") + words, colour) for i, (words, colour) in enumerate(b.parts)])
    for block, name in ((scene.title, "title"), (scene.subtitle, "subtitle"), (scene.caveat, "caveat"),
                        (scene.citation, "citation")):
        if block is not None:
            _textbox(slide, block, canvas, name)
    for s in scene.swatches:
        _swatch(slide, s, canvas)
    for i, block in enumerate(scene.legend):
        _textbox(slide, block, canvas, f"legend {i}")
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


def presentation_bytes(prs) -> bytes:
    """The ``.pptx`` file's bytes."""
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def slide_bytes(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None = None, *,
                preset: str = "slide") -> bytes:
    """One 16:9 slide of a hypothesis (with a drug's overlay) as a ``.pptx`` file's bytes."""
    scene = build_scene(kb, graph, explanation, preset=preset)
    prs = new_presentation()
    prs.core_properties.title = scene.title.text + (f": {explanation.drug.name}" if explanation else "")
    prs.core_properties.subject = scene.subtitle.text
    add_scene_slide(prs, scene, notes_text(kb, graph, explanation))
    return presentation_bytes(prs)


