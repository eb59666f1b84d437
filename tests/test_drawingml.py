"""Slides whose shapes are written as DrawingML text, read back by python-pptx and compared
with the scene they draw: every view with several drugs, every deck."""

from __future__ import annotations

import io
import math

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_FILL, MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from explorer import explain_drug, resolve_drug
from explorer.figure import build_scenes
from explorer.figure.deck import deck_bytes
from explorer.figure.drawingml import Line, append_shapes, connector, srgb, text
from explorer.figure.pptx import SLIDE_EMU, slide_bytes
from explorer.model import HYPOTHESIS_IDS, INTEGRATED

from .test_pptx import every_shape

SHAPE_OF = {
    "round-rectangle": MSO_SHAPE.ROUNDED_RECTANGLE, "ellipse": MSO_SHAPE.OVAL, "diamond": MSO_SHAPE.DIAMOND,
    "hexagon": MSO_SHAPE.HEXAGON, "barrel": MSO_SHAPE.FLOWCHART_TERMINATOR, "octagon": MSO_SHAPE.OCTAGON,
    "tag": MSO_SHAPE.PENTAGON,
}
SITES = {"ellipse": 8, "hexagon": 6, "octagon": 8}             # connection sites per preset; 4 for the rest
END = {"activates": "triangle", "requires": "arrow", "inhibits": None}


class Canvas:
    """The scene scaled to fit the 16:9 slide, centred: what the slide must show."""

    def __init__(self, scene):
        self.k = min(SLIDE_EMU[0] / scene.width, SLIDE_EMU[1] / scene.height)
        self.dx = (SLIDE_EMU[0] - scene.width * self.k) / 2
        self.dy = (SLIDE_EMU[1] - scene.height * self.k) / 2

    def box(self, x0, y0, width, height):
        return (round(self.dx + x0 * self.k), round(self.dy + y0 * self.k), round(width * self.k),
                round(height * self.k))

    def pt(self, size):
        return Pt(round(size * self.k / 12700 * 2) / 2)


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def glow_of(shape) -> str | None:
    found = shape._element.spPr.find(f"{qn('a:effectLst')}/{qn('a:glow')}/{qn('a:srgbClr')}")
    return found.get("val") if found is not None else None


def glue_of(shape) -> tuple[tuple[str, str], tuple[str, str]] | None:
    properties = shape._element.nvCxnSpPr.cNvCxnSpPr
    start, end = properties.find(qn("a:stCxn")), properties.find(qn("a:endCxn"))
    if start is None and end is None:
        return None
    return (start.get("id"), start.get("idx")), (end.get("id"), end.get("idx"))


def tail_of(shape) -> str | None:
    end = shape._element.spPr.find(qn("a:ln")).find(qn("a:tailEnd"))
    return end.get("type") if end is not None else None


def inside(x: int, y: int, shape, slack: int = 2) -> bool:
    return (shape.left - slack <= x <= shape.left + shape.width + slack
            and shape.top - slack <= y <= shape.top + shape.height + slack)


def check_line(shape, colour: str | None, width: int, dashed: bool = False) -> None:
    if colour is None:
        assert shape.line.fill.type == MSO_FILL.BACKGROUND, shape.name
        return
    assert shape.line.color.rgb == rgb(colour), shape.name
    assert shape.line.width == width, shape.name
    assert (shape.line.dash_style == MSO_LINE_DASH_STYLE.DASH) == dashed, shape.name


def check_text(shape, block, canvas, *, runs=None, bold=False) -> None:
    """One paragraph of Arial runs: the block's lines joined by line breaks, or the given runs."""
    paragraphs = shape.text_frame.paragraphs
    assert len(paragraphs) == 1, shape.name
    expected = runs or [(line.rstrip(), block.fill) for line in block.lines]
    if runs is None:
        assert shape.text_frame.text == "\v".join(line.rstrip() for line in block.lines), shape.name
    assert [(r.text, r.font.color.rgb) for r in paragraphs[0].runs] == [(w, rgb(c)) for w, c in expected if w]
    for r in paragraphs[0].runs:
        assert (r.font.name, r.font.size, r.font.bold, r.font.italic) == ("Arial", canvas.pt(block.size), bold,
                                                                           block.italic), shape.name
    assert shape.text_frame.word_wrap is False, shape.name


VIEWS = [*HYPOTHESIS_IDS, INTEGRATED]
DRUGS = [None, "ketamine", "rapastinel", "decoglurant", "hydroxynorketamine"]


@pytest.mark.parametrize("drug", DRUGS)
@pytest.mark.parametrize("view", VIEWS)
def test_the_slide_holds_the_scene_shape_for_shape(kb, graphs, view, drug):
    graph = graphs[view]
    explanation = explain_drug(kb, resolve_drug(kb, drug), graph) if drug else None
    prs = Presentation(io.BytesIO(slide_bytes(kb, graph, explanation)))
    scenes = build_scenes(kb, graph, explanation, preset="slide")     # the integrated view: in parts
    assert len(prs.slides) == len(scenes)
    for scene, slide in zip(scenes, prs.slides, strict=True):
        check_slide(prs, slide, scene)


def group_of(shape):
    """The group a shape is in, or None (python-pptx gives no parent: read the element's)."""
    parent = shape._element.getparent()
    return parent if parent.tag == qn("p:grpSp") else None


def check_slide(prs, slide, scene) -> None:
    canvas = Canvas(scene)
    shapes = list(every_shape(slide))
    by_name = {s.name: s for s in shapes}
    order = {s.name: i for i, s in enumerate(shapes)}
    ids = [s.shape_id for s in shapes]
    assert len(set(ids)) == len(ids) and min(ids) >= 2

    # Compartments: behind everything, labelled inside.
    for c in scene.compartments:
        shape = by_name[f"compartment: {c.label.text}"]
        assert shape.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
        assert (shape.left, shape.top, shape.width, shape.height) == canvas.box(c.box.x0, c.box.y0, c.box.width,
                                                                                c.box.height)
        assert shape.fill.fore_color.rgb == rgb(c.fill)
        check_text(shape, c.label, canvas, bold=True)
        assert shape.text_frame.vertical_anchor == MSO_ANCHOR.TOP
        assert shape.text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT
    first_drawn = min(order[n] for n in order if not n.startswith("compartment: "))
    assert all(order[n] < first_drawn for n in order if n.startswith("compartment: "))

    # Nodes: a shape by kind where the scene put it, its colours, glow and label.
    node_shape = {}
    for n in scene.nodes:
        shape = by_name[f"node: {n.tooltip}"]
        node_shape[n.id] = shape
        p = n.placed
        assert shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
        assert shape.auto_shape_type == SHAPE_OF[p.shape]
        assert (shape.left, shape.top, shape.width, shape.height) == canvas.box(
            p.x - p.width / 2, p.y - p.height / 2, p.width, p.height)
        assert shape.fill.fore_color.rgb == rgb(n.fill)
        check_line(shape, n.stroke, round(n.stroke_width * canvas.k), n.dashed)
        assert glow_of(shape) == (n.halo.lstrip("#").upper() if n.halo else None)
        check_text(shape, n.label, canvas)
        frame = shape.text_frame
        assert frame.vertical_anchor == MSO_ANCHOR.MIDDLE and frame.paragraphs[0].alignment == PP_ALIGN.CENTER
        assert frame.margin_right == (round(p.height * 0.4 * canvas.k) if p.shape == "tag" else 0)
        if p.shape in ("round-rectangle", "hexagon", "tag"):
            assert 0 < shape.adjustments[0] <= 1
        assert not shape._element.xpath("./p:style")                   # no theme shadow

    # Edges: glued connectors between the nodes' shapes, halos under the lines, nodes above.
    lowest_node = min(order[s.name] for s in node_shape.values())
    for e in scene.edges:
        shape = by_name[e.tooltip]
        source, target = node_shape[e.source], node_shape[e.target]
        (start, start_site), (stop, stop_site) = glue_of(shape)
        assert (start, stop) == (str(source.shape_id), str(target.shape_id)), e.tooltip
        for site, node in ((start_site, e.source), (stop_site, e.target)):
            assert 0 <= int(site) < SITES.get(scene.node(node).placed.shape, 4), e.tooltip
        assert inside(shape.begin_x, shape.begin_y, source) and inside(shape.end_x, shape.end_y, target), e.tooltip
        check_line(shape, e.colour, round(e.width * canvas.k), e.dashed)
        assert tail_of(shape) == END[e.effect], e.tooltip
        assert order[e.tooltip] < lowest_node
        if e.halo:
            halo = by_name[f"lit: {e.tooltip}"]
            assert glue_of(halo) == glue_of(shape)
            check_line(halo, e.halo, round((e.width + 6.2) * canvas.k))
            assert order[halo.name] < min(order[x.tooltip] for x in scene.edges)
        if e.effect == "inhibits":           # the bar across the tip, near the connector's end
            bar = by_name[f"⊣ {e.tooltip}"]
            middle = ((bar.begin_x + bar.end_x) / 2, (bar.begin_y + bar.end_y) / 2)
            assert math.dist(middle, (shape.end_x, shape.end_y)) < 20 * canvas.k, e.tooltip
            assert group_of(bar) is not None and group_of(bar) is group_of(target), e.tooltip   # moves with it
    connectors = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.LINE or s._element.tag == qn("p:cxnSp")]
    glued = [s for s in connectors if glue_of(s)]
    assert len(glued) == len(scene.edges) + sum(1 for e in scene.edges if e.halo)

    # The overlay, the titles and the legend: the scene's words, in its colours.
    for b in scene.badges:
        shape = next(s for s in shapes
                     if s.name == f"overlay: {b.text}" and group_of(s) is group_of(node_shape[b.node]))
        assert shape.text_frame.text.replace("\v", " ") == b.text
        assert [r.font.color.rgb for r in shape.text_frame.paragraphs[0].runs] == [
            rgb(c) for line in b.lines for _, c in line]
        check_line(shape, "#7A4B00" if b.extrapolated else None, round(1.4 * canvas.k), dashed=True)
        assert order[shape.name] > lowest_node
        # The tag is grouped with its node: moved in PowerPoint or Impress, they move together.
        group = group_of(node_shape[b.node])
        assert group is not None and group.nvGrpSpPr.cNvPr.get("name").startswith("node and marks: ")
    for block, name in ((scene.title, "title"), (scene.subtitle, "subtitle"), (scene.caveat, "caveat"),
                        (scene.citation, "citation")):
        assert (name in by_name) == (block is not None)
        if block is not None:
            check_text(by_name[name], block, canvas, bold=block.bold)
    for i, block in enumerate(scene.legend):
        check_text(by_name[f"legend {i}"], block, canvas, bold=block.bold)
    assert scene.title.text.startswith(prs.core_properties.title.split(":")[0])


def test_words_from_the_data_are_escaped(kb, graphs):
    graph = graphs["disinhibition"].copy()
    node = next(iter(graph))
    graph.nodes[node]["label"] = 'A<B> & "C" \'D\''
    slide = Presentation(io.BytesIO(slide_bytes(kb, graph))).slides[0]
    shape = next(s for s in every_shape(slide) if s.name.startswith('node: A<B> & "C" \'D\''))
    assert shape.text_frame.text.replace("\v", " ") == 'A<B> & "C" \'D\''
    assert text("bell\x07tab\tline\n<&>") == "bell_x0007_tab\tline\n&lt;&amp;&gt;"   # as python-pptx writes it


def test_a_bad_colour_is_refused_by_name():
    with pytest.raises(ValueError, match="not an RGB colour: 'teal'"):
        srgb("teal")


def test_a_connector_keeps_its_direction_through_the_flips():
    """python-pptx reads a connector's ends from its box and flips: written right to left and upwards."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    append_shapes(slide, [connector(7, (900, 800), (100, 50), Line("#112233", 12700, tail="triangle"), name="x",
                                    glue=((2, 3), (4, 1)))])
    shape = slide.shapes[0]                          # parsed into python-pptx's own element classes
    assert (shape.begin_x, shape.begin_y, shape.end_x, shape.end_y) == (900, 800, 100, 50)
    assert shape.shape_id == 7 and shape.line.color.rgb == RGBColor(0x11, 0x22, 0x33) and tail_of(shape) == "triangle"
    assert glue_of(shape) == (("2", "3"), ("4", "1"))


def test_every_deck_reads_back_whole(kb, graphs):
    """Every drug's deck: a title, each hypothesis with notes, the table; ids unique on every slide,
    every glue naming a shape of its slide."""
    for drug in kb.drugs:
        prs = Presentation(io.BytesIO(deck_bytes(kb, graphs, drug)))
        slides = list(prs.slides)
        assert len(slides) == len(HYPOTHESIS_IDS) + 2, drug
        for slide in slides:
            tree = slide.shapes._spTree
            ids = [int(i) for i in tree.xpath(".//p:cNvPr/@id")]
            assert len(ids) == len(set(ids)), drug
            glued = {int(i) for i in tree.xpath(".//a:stCxn/@id | .//a:endCxn/@id")}
            assert glued <= set(ids), drug
            # No theme style anywhere (it gives lines a shadow in PowerPoint, tee bars and legend included).
            assert not tree.xpath(".//p:style"), drug
        for slide in slides[1:-1]:
            assert slide.notes_slide.notes_text_frame.text.strip(), drug
        frame = next(s for s in slides[-1].shapes if s.has_table)
        assert frame.width == sum(c.width for c in frame.table.columns)
        assert frame.height == sum(r.height for r in frame.table.rows)
        title = slides[0].shapes[0].text_frame.paragraphs[0].runs[0]
        assert (title.text, title.font.bold, title.font.name) == (kb.drugs[drug].name, True, "Arial")
        # No stray namespace declarations: every shape shares the slide's.
        for slide in slides:
            assert slide.part.blob.count(b"xmlns") == len(slide._element.nsmap), drug
