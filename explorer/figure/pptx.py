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
scaled to 13.33 × 7.5 in (16:9).
"""

from __future__ import annotations

import io
import itertools
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

from .. import CITATION, __version__
from ..engine import Explanation, explain_drug, format_chain, readouts_of
from ..model import DRUG_CLASSES, HYPOTHESIS_IDS, INTEGRATED, KnowledgeBase
from ..style import EFFECT_WORDS
from .elements import LIT_HALO, SceneEdge, SceneNode, Swatch, TextBlock
from .overlay import basis_of, extrapolation_caveat
from .scene import Scene, build_scene, citation_line

__all__ = ["SLIDE_EMU", "add_scene_slide", "deck_bytes", "notes_text", "slide_bytes"]

SLIDE_EMU = (12192000, 6858000)          # 13.333 × 7.5 in: PowerPoint's 16:9
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


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _line(shape, colour: str | None, width: float, canvas: _Canvas, dash: bool = False) -> None:
    if colour is None:
        shape.line.fill.background()
        return
    shape.line.color.rgb = _rgb(colour)
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
        run.font.color.rgb = _rgb(run_colour)


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


def _site(node: SceneNode, point: tuple[float, float]) -> int:
    """The connection site of the node's shape nearest to where the scene's line meets it."""
    p = node.placed
    sites = _sites(p.shape, p.width, p.height)
    x0, y0 = p.x - p.width / 2, p.y - p.height / 2
    return min(range(len(sites)),
               key=lambda i: math.hypot(x0 + sites[i][0] * p.width - point[0], y0 + sites[i][1] * p.height - point[1]))


def _glue(connector, tag: str, shape, site: int) -> None:
    """Glue one end of a connector to a shape's connection site (``a:stCxn`` or ``a:endCxn``).

    Written directly, not with ``begin_connect``: that also moves the end onto the
    site, and knows only the four sites of a rectangle. The ends stay where the scene
    put them (on the border, aimed like the SVG's); PowerPoint re-routes a glued
    connector to its sites when a shape is moved.
    """
    properties = connector._element.nvCxnSpPr.cNvCxnSpPr
    for old in properties.findall(qn(tag)):
        properties.remove(old)
    glued = etree.Element(qn(tag), id=str(shape.shape_id), idx=str(site))
    if tag == "a:stCxn":
        properties.insert(0, glued)
    else:
        properties.append(glued)


def _connector(slide, edge: SceneEdge, shapes: Mapping[str, object], nodes: Mapping[str, SceneNode],
               canvas: _Canvas, *, colour: str, width: float, dash: bool, end: str | None, name: str):
    x1, y1, x2, y2 = edge.segment
    connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, canvas.x(x1), canvas.y(y1),
                                           canvas.x(x2), canvas.y(y2))
    _glue(connector, "a:stCxn", shapes[edge.source], _site(nodes[edge.source], (x1, y1)))
    _glue(connector, "a:endCxn", shapes[edge.target], _site(nodes[edge.target], (x2, y2)))
    connector.name = name
    _no_shadow(connector)
    _line(connector, colour, width, canvas, dash)
    if end:
        _line_end(connector, end)
    return connector


def _tee(slide, x2: float, y2: float, ux: float, uy: float, colour: str, width: float, canvas: _Canvas,
         name: str):
    half = 7 + width
    bx, by = x2 - ux * 2, y2 - uy * 2
    bar = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, canvas.x(bx - uy * half), canvas.y(by + ux * half),
                                     canvas.x(bx + uy * half), canvas.y(by - ux * half))
    bar.name = name
    _line(bar, colour, width + 1.2, canvas)
    return bar


def _edge_shapes(slide, scene: Scene, shapes: Mapping[str, object], canvas: _Canvas) -> None:
    nodes = {n.id: n for n in scene.nodes}
    for e in scene.edges:           # halos first, under every line
        if e.halo:
            _connector(slide, e, shapes, nodes, canvas, colour=e.halo, width=e.width + 6.2, dash=False, end=None,
                       name=f"lit: {e.tooltip}")
    for e in scene.edges:
        end = {"activates": "triangle", "requires": "arrow"}.get(e.effect)
        _connector(slide, e, shapes, nodes, canvas, colour=e.colour, width=e.width, dash=e.dashed, end=end,
                   name=e.tooltip)
        if e.effect == "inhibits":
            x1, y1, x2, y2 = e.segment
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            _tee(slide, x2, y2, (x2 - x1) / length, (y2 - y1) / length, e.colour, e.width, canvas,
                 f"⊣ {e.tooltip}")


def _swatch(slide, s: Swatch, canvas: _Canvas) -> None:
    k = s.size / 12
    if s.kind == "node":
        shape = _autoshape(slide, s.shape, s.x, s.y, 30 * k, 16 * k, canvas)
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(s.fill)
        _line(shape, s.stroke, s.stroke_width, canvas)
    elif s.kind == "symbol":
        block = TextBlock(s.x, s.y + 5 * k, (s.symbol,), s.size + 3 * k, anchor="middle", fill=s.stroke)
        _textbox(slide, block, canvas, f"legend {s.symbol}", width=24 * k)
    elif s.kind == "badge":
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, canvas.x(s.x - 15 * k), canvas.y(s.y - 7 * k),
                                       canvas.length(30 * k), canvas.length(14 * k))
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb("#FFFFFF")
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
            _tee(slide, x2, s.y, 1.0, 0.0, s.stroke, s.stroke_width, canvas, "legend ⊣")


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
        shape.fill.fore_color.rgb = _rgb(c.fill)
        _line(shape, "#9AA5B1", 1.2 * scene.preset.stroke, canvas)
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
        shape.fill.fore_color.rgb = _rgb(n.fill)
        _line(shape, n.stroke, n.stroke_width, canvas, dash=n.dashed)
        if n.halo:
            _glow(shape, n.halo, canvas.length(4 * scene.preset.stroke))
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
        shape.fill.fore_color.rgb = _rgb("#FFFFFF")
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


# -- the words of the notes ---------------------------------------------------------------

def _refs(numbers: Iterable[int]) -> str:
    numbers = list(dict.fromkeys(numbers))
    return f" [refs {', '.join(map(str, numbers))}]" if numbers else ""


def notes_text(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None) -> str:
    """The speaker notes: the panel's source, and each readout's chain in words with references.

    Each step of a chain names its edge's mechanism and the review's reference numbers.
    """
    lines = [graph.graph.get("title", ""), ""]
    hypothesis = kb.hypotheses.get(graph.graph.get("id", ""))
    if hypothesis is not None:
        lines += [hypothesis.summary, f"Source: {hypothesis.citation.source}{_refs(hypothesis.citation.refs)}", ""]
    if explanation is not None:
        drug = explanation.drug
        lines.append(f"{drug.name}: " + "; ".join(
            f"{a.action.replace('-', ' ')} of {kb.entities[a.entity].name if a.entity in kb.entities else a.entity}"
            f"{_refs(a.citation.refs)}" for a in drug.actions))
        if not explanation.targets:
            lines.append("Acts on nothing drawn in this hypothesis: no modelled path reaches its readouts.")
        for name, effect in explanation.readouts.items():
            word = EFFECT_WORDS[effect.effect]
            basis = basis_of(effect)
            lines.append("")
            lines.append(f"{name}: {word['symbol']} {word['text']}" + (f" ({basis})" if basis else ""))
            if basis == "extrapolated":
                lines.append(extrapolation_caveat(drug.name, integrated=graph.graph.get("id") == INTEGRATED))
            chains = effect.chains or ({effect.effect: effect.chain} if effect.chain else {})
            for chain in chains.values():
                first = chain[0] if chain else None
                actions = explanation.targets.get(first, ()) if first else ()
                lines.append("  " + format_chain(graph, chain, drug, actions))
                for u, v in itertools.pairwise(chain):
                    data = graph.edges[u, v]
                    lines.append(f"    {graph.nodes[u]['label']} {data['effect']} {graph.nodes[v]['label']} "
                                 f"({data['mechanism']}; {data['source']}){_refs(data['refs'])}")
            for source, target in getattr(effect, "requires", ()):
                data = graph.edges[source, target]
                lines.append(f"    requires: {graph.nodes[source]['label']} for {graph.nodes[target]['label']}"
                             f"{_refs(data['refs'])}")
    lines += ["", citation_line()]
    return "\n".join(lines)


# -- files ----------------------------------------------------------------------------------

def _presentation():
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_EMU[0]), Emu(SLIDE_EMU[1])
    prs.core_properties.author = "moa-explorer"
    prs.core_properties.comments = citation_line()
    return prs


def _saved(prs) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def slide_bytes(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None = None, *,
                preset: str = "slide") -> bytes:
    """One 16:9 slide of a hypothesis (with a drug's overlay) as a ``.pptx`` file's bytes."""
    scene = build_scene(kb, graph, explanation, preset=preset)
    prs = _presentation()
    prs.core_properties.title = scene.title.text + (f": {explanation.drug.name}" if explanation else "")
    prs.core_properties.subject = scene.subtitle.text
    add_scene_slide(prs, scene, notes_text(kb, graph, explanation))
    return _saved(prs)


def _plain_slide(prs, blocks: list[tuple[str, float, bool, str]], notes: str = ""):
    """A slide of text paragraphs: (words, size in px of a 1920-px slide, bold, colour)."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    k = SLIDE_EMU[0] / 1920
    box = slide.shapes.add_textbox(Emu(round(80 * k)), Emu(round(80 * k)), Emu(round(1760 * k)),
                                   Emu(round(920 * k)))
    frame = box.text_frame
    frame.word_wrap = True
    for i, (words, size, bold, colour) in enumerate(blocks):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(size * k / 12700 * 0.6)
        run = paragraph.add_run()
        run.text = words
        run.font.size = Pt(round(size * k / 12700))
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = _rgb(colour)
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return slide


def deck_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], drug_id: str, *,
               hypotheses: Iterable[str] = HYPOTHESIS_IDS) -> bytes:
    """A drug's deck: a title slide, one slide per hypothesis, and a summary table of its effects.

    Each hypothesis slide is the drug's view of that panel (stated and extrapolated
    predictions marked as in the figures), with the chains in its notes.
    """
    from ..engine import resolve_drug

    drug = resolve_drug(kb, drug_id)
    prs = _presentation()
    prs.core_properties.title = f"{drug.name}: the six hypotheses of Henter, Park & Zarate 2021, Fig. 1"
    prs.core_properties.subject = f"{drug.name} ({DRUG_CLASSES.get(drug.drug_class, drug.drug_class)})"
    actions = "; ".join(f"{a.action.replace('-', ' ')} of "
                        f"{kb.entities[a.entity].name if a.entity in kb.entities else a.entity}"
                        for a in drug.actions) or "no action stated"
    status = "; ".join(filter(None, [drug.status.completed, drug.status.current, drug.status.note]))
    _plain_slide(prs, [
        (drug.name, 64, True, "#111111"),
        (DRUG_CLASSES.get(drug.drug_class, drug.drug_class), 36, False, "#3E4C59"),
        (f"Acts as: {actions}", 32, False, "#111111"),
        *([(f"Status as the review reports it (2021): {status}", 28, False, "#3E4C59")] if status else []),
        ("How each hypothesis of Fig. 1 would read its action: a stated prediction is the review's account; "
         "an extrapolated one applies a panel's logic to this drug and is not a claim of the review.",
         28, False, "#3E4C59"),
        (f"Source: {CITATION} Model: moa-explorer {__version__}.", 22, False, "#3E4C59"),
    ])
    explanations = []
    for hypothesis in hypotheses:
        graph = graphs[hypothesis]
        explanation = explain_drug(kb, drug, graph)
        explanations.append((graph, explanation))
        add_scene_slide(prs, build_scene(kb, graph, explanation, preset="slide"),
                        notes_text(kb, graph, explanation))
    _summary_slide(prs, drug.name, explanations)
    return _saved(prs)


def _summary_slide(prs, drug_name: str, explanations: list[tuple[nx.DiGraph, Explanation]]) -> None:
    """The drug's effects table: a row per hypothesis, a column per readout, basis in each cell."""
    readouts = list(dict.fromkeys(name for graph, _ in explanations for name in readouts_of(graph)))
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    k = SLIDE_EMU[0] / 1920
    title = slide.shapes.add_textbox(Emu(round(60 * k)), Emu(round(40 * k)), Emu(round(1800 * k)),
                                     Emu(round(80 * k)))
    title.name = "title"
    run = title.text_frame.paragraphs[0].add_run()
    run.text = f"{drug_name}: predicted effects across the hypotheses"
    run.font.size, run.font.bold, run.font.name = Pt(22), True, FONT
    rows, cols = len(explanations) + 1, len(readouts) + 1
    frame = slide.shapes.add_table(rows, cols, Emu(round(60 * k)), Emu(round(150 * k)), Emu(round(1800 * k)),
                                   Emu(round(min(780, 90 * rows) * k)))
    frame.name = "effects"
    table = frame.table
    table.columns[0].width = Emu(round(600 * k))
    for j in range(1, cols):
        table.columns[j].width = Emu(round(1200 / (cols - 1) * k))

    def cell(i: int, j: int, words: str, colour: str = "#111111", bold: bool = False) -> None:
        paragraph = table.cell(i, j).text_frame.paragraphs[0]
        paragraph.text = ""
        run = paragraph.add_run()
        run.text = words
        run.font.size, run.font.bold, run.font.name = Pt(14), bold, FONT
        run.font.color.rgb = _rgb(colour)

    cell(0, 0, "Hypothesis", bold=True, colour="#FFFFFF")
    for j, name in enumerate(readouts, 1):
        cell(0, j, name, bold=True, colour="#FFFFFF")
    for i, (graph, explanation) in enumerate(explanations, 1):
        cell(i, 0, graph.graph.get("title", graph.graph.get("id", "")))
        for j, name in enumerate(readouts, 1):
            effect = explanation.readouts.get(name)
            if effect is None:
                cell(i, j, "not in this panel", colour="#6B7682")
                continue
            word = EFFECT_WORDS[effect.effect]
            basis = basis_of(effect)
            cell(i, j, f"{word['symbol']} {word['text']}" + (f" ({basis})" if basis else ""), colour=word["colour"])
    note = slide.shapes.add_textbox(Emu(round(60 * k)), Emu(round(960 * k)), Emu(round(1800 * k)),
                                    Emu(round(80 * k)))
    note.name = "citation"
    note.text_frame.word_wrap = True
    run = note.text_frame.paragraphs[0].add_run()
    run.text = ("Stated: the review's account. Extrapolated: a panel's logic applied to the drug, not a claim of "
                f"the review. {citation_line()}")
    run.font.size, run.font.name = Pt(11), FONT
    run.font.color.rgb = _rgb("#3E4C59")
