"""Exports a screen reader can read: an SVG's <title> and <desc> (the view's description from the
account), every slide's title placeholder and the alt text of its figure's shapes."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from explorer import account, engine
from explorer.figure import figure_bytes
from explorer.figure.deck import deck_bytes

SVG = "{http://www.w3.org/2000/svg}"


def descr(shape) -> str:
    """A shape's alt text, as python-pptx reads the file (``p:cNvPr/@descr``)."""
    return shape._element.xpath("./*[1]/p:cNvPr/@descr")[0] if shape._element.xpath("./*[1]/p:cNvPr/@descr") \
        else ""


@pytest.mark.parametrize(("hypothesis", "drug"), [("disinhibition", "ketamine"), ("glyx-13", None),
                                                  ("integrated", "rapastinel")])
def test_an_svg_figure_has_a_title_and_the_views_description(kb, graphs, hypothesis, drug):
    root = ET.fromstring(figure_bytes(kb, graphs, hypothesis, drug, "svg"))
    assert root[0].tag == f"{SVG}title" and root[1].tag == f"{SVG}desc"     # first, where readers look
    graph = graphs[hypothesis]
    explanation = engine.explain_drug(kb, kb.drugs[drug], graph, panels=graphs) if drug else None
    expected = account.graph_description(kb, graph, explanation)
    assert root[1].text.startswith(expected)
    assert root[0].text == graph.graph["title"]
    if drug == "ketamine":
        bdnf = next(r for r in account.account_of(kb, graph, explanation).readouts if r.name == "BDNF")
        assert bdnf.chains[0].spoken in root[1].text


def flat(shapes):
    """Every shape, those inside groups too (the groups themselves left out: their members speak)."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from flat(shape.shapes)
        else:
            yield shape


def test_a_slide_has_a_title_placeholder_and_alt_text_on_its_figure(kb, graphs):
    prs = Presentation(io.BytesIO(figure_bytes(kb, graphs, "disinhibition", "ketamine", "pptx")))
    slide = prs.slides[0]
    shapes = list(flat(slide.shapes))  # a node's tag and tee bars are grouped with it
    title = slide.shapes.title
    assert title is not None and title.placeholder_format.type == PP_PLACEHOLDER.TITLE
    assert title.text_frame.text == graphs["disinhibition"].graph["title"]
    nodes = [s for s in shapes if s.name.startswith("node: ")]
    assert nodes and all(descr(s) for s in nodes)
    gaba = next(s for s in nodes if s.text_frame.text.startswith("GABA") and "receptor" not in s.text_frame.text)
    assert descr(gaba).startswith("GABA, transmitter in GABAergic interneuron: falls under (R,S)-Ketamine.")
    lines = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.LINE or s.name.startswith(("lit: ", "⊣"))]
    assert lines and all(descr(s) for s in lines)
    arrows = {descr(s) for s in shapes if s.name.startswith("GABA-A receptor")}
    assert "Arrow: GABA-A receptor inhibits Glutamatergic firing." in arrows
    unnamed = [s.name for s in shapes if not descr(s) and not s.has_text_frame]
    assert unnamed == []                                  # every shape without text says what it is


def test_every_slide_of_a_deck_has_a_title(kb, graphs):
    prs = Presentation(io.BytesIO(deck_bytes(kb, graphs, "ketamine")))
    titles = [slide.shapes.title.text_frame.text if slide.shapes.title is not None else None for slide in prs.slides]
    assert None not in titles and len(set(titles)) >= 3
    assert titles[0] == "(R,S)-Ketamine" and titles[-1].startswith("(R,S)-Ketamine: predicted effects")
