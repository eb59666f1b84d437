"""PowerPoint read back by python-pptx: native shapes, editable text, glued connectors, notes, the deck."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from explorer import CITATION, explain_drug, resolve_drug
from explorer.figure import build_scene, figure_bytes
from explorer.figure.deck import deck_bytes
from explorer.figure.pptx import SLIDE_EMU
from explorer.model import HYPOTHESIS_IDS
from explorer.style import KIND_STYLE

SHAPE_OF_KIND = {
    "round-rectangle": MSO_SHAPE.ROUNDED_RECTANGLE, "ellipse": MSO_SHAPE.OVAL, "diamond": MSO_SHAPE.DIAMOND,
    "hexagon": MSO_SHAPE.HEXAGON, "barrel": MSO_SHAPE.FLOWCHART_TERMINATOR, "octagon": MSO_SHAPE.OCTAGON,
    "tag": MSO_SHAPE.PENTAGON,
}


def slide_of(kb, graphs, hypothesis, drug):
    prs = Presentation(io.BytesIO(figure_bytes(kb, graphs, hypothesis, drug, "pptx")))
    assert len(prs.slides) == 1
    assert (prs.slide_width, prs.slide_height) == SLIDE_EMU
    return prs.slides[0]


def node_shapes(slide) -> dict[str, object]:
    """Node shapes by their label text (line breaks read as spaces)."""
    return {s.text_frame.text.replace("\v", " ").replace("\n", " "): s for s in slide.shapes
            if s.name.startswith("node: ")}


def glue(connector) -> tuple[str | None, str | None]:
    """The shape ids a connector's two ends are glued to (``a:stCxn``, ``a:endCxn``)."""
    properties = connector._element.nvCxnSpPr.cNvCxnSpPr
    start, end = properties.find(qn("a:stCxn")), properties.find(qn("a:endCxn"))
    return (start.get("id") if start is not None else None, end.get("id") if end is not None else None)


def tail(connector) -> str | None:
    end = connector._element.spPr.find(qn("a:ln")).find(qn("a:tailEnd"))
    return end.get("type") if end is not None else None


@pytest.mark.parametrize("hypothesis", HYPOTHESIS_IDS)
def test_every_node_is_a_shape_by_kind_with_editable_text(kb, graphs, hypothesis):
    graph = graphs[hypothesis]
    slide = slide_of(kb, graphs, hypothesis, "ketamine")
    shapes = node_shapes(slide)
    assert len(shapes) == graph.number_of_nodes()
    for _, data in graph.nodes(data=True):
        shape = shapes[data["label"]]
        assert shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
        assert shape.auto_shape_type == SHAPE_OF_KIND[KIND_STYLE[data["kind"]]["shape"]]
        assert shape.has_text_frame


@pytest.mark.parametrize("hypothesis", HYPOTHESIS_IDS)
def test_every_edge_is_a_connector_glued_to_its_two_shapes(kb, graphs, hypothesis):
    graph = graphs[hypothesis]
    slide = slide_of(kb, graphs, hypothesis, None)
    ids = {node: str(s.shape_id) for node, s in zip(
        graph, (next(s for s in slide.shapes if s.name.startswith("node: ") and
                     s.name.split(": ", 1)[1].startswith(f"{graph.nodes[n]['label']}: ")) for n in graph),
        strict=True)}
    connectors = {c.name: c for c in slide.shapes if c.shape_type == MSO_SHAPE_TYPE.LINE or
                  c._element.tag == qn("p:cxnSp")}
    for u, v, data in graph.edges(data=True):
        name = next(n for n in connectors if n.startswith(f"{graph.nodes[u]['label']} ")
                    and f" {graph.nodes[v]['label']} (" in n)
        connector = connectors[name]
        assert glue(connector) == (ids[u], ids[v]), name
        if data["effect"] == "activates":
            assert tail(connector) == "triangle"
        elif data["effect"] == "requires":
            assert tail(connector) == "arrow"
            assert connector._element.spPr.find(qn("a:ln")).find(qn("a:prstDash")).get("val") == "dash"
        else:   # inhibits: a plain end and a bar across its tip
            assert tail(connector) is None
            assert f"⊣ {name}" in connectors


def test_the_slide_draws_the_scene_it_was_given(kb, graphs):
    """No second layout: each node shape sits where the scene put it, scaled to the slide."""
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, "ketamine"), graph)
    scene = build_scene(kb, graph, explanation, preset="slide")
    k = SLIDE_EMU[0] / scene.width
    shapes = node_shapes(slide_of(kb, graphs, "disinhibition", "ketamine"))
    for node in scene.nodes:
        shape = shapes[graph.nodes[node.id]["label"]]
        assert shape.left == pytest.approx(node.placed.box.x0 * k, abs=2)
        assert shape.top == pytest.approx(node.placed.box.y0 * k, abs=2)
        assert shape.width == pytest.approx(node.placed.width * k, abs=2)


def test_compartments_legend_citation_and_overlay(kb, graphs):
    slide = slide_of(kb, graphs, "disinhibition", "ketamine")
    names = [s.name for s in slide.shapes]
    compartments = [s for s in slide.shapes if s.name.startswith("compartment: ")]
    assert {s.text_frame.text for s in compartments} >= {"GABAergic interneuron", "Postsynaptic neuron"}
    # Behind: every compartment comes before every node in the drawing order.
    assert max(names.index(s.name) for s in compartments) < min(
        i for i, n in enumerate(names) if n.startswith("node: "))
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert any(CITATION in t.replace("\v", " ") for t in texts)
    assert "Legend" in texts and "activates" in texts and "inhibits" in texts
    assert "Predicted effect (stated)" in [t.replace("\v", " ") for t in texts]
    assert any(t.startswith("antagonist") for t in texts)          # the drug's action by its target
    # Dimmed shapes are lighter colours, not transparency (LibreOffice drops alpha).
    assert not slide.shapes._spTree.xpath(".//a:alpha")


def test_an_extrapolation_is_marked_on_the_slide_and_in_the_notes(kb, graphs):
    slide = slide_of(kb, graphs, "disinhibition", "rapastinel")
    caveat = next(s for s in slide.shapes if s.name == "caveat")
    assert "not a claim of the review" in caveat.text_frame.text.replace("\v", " ")
    badge = next(s for s in slide.shapes if s.name.startswith("overlay: ") and "decreased" in s.name)
    assert badge.line.dash_style is not None                         # the dashed tag
    notes = slide.notes_slide.notes_text_frame.text
    assert "BDNF: ▼ decreased (extrapolated)" in notes
    assert "Extrapolated: the logic of this panel applied to Rapastinel" in notes


def test_notes_hold_the_chain_in_words_with_reference_numbers(kb, graphs):
    slide = slide_of(kb, graphs, "disinhibition", "ketamine")
    notes = slide.notes_slide.notes_text_frame.text
    graph = graphs["disinhibition"]
    effect = explain_drug(kb, resolve_drug(kb, "ketamine"), graph).readouts["BDNF"]
    assert "BDNF: ▲ increased (stated)" in notes
    for u, v in zip(effect.chain, effect.chain[1:], strict=False):
        refs = ", ".join(map(str, graph.edges[u, v]["refs"]))
        assert f"{graph.nodes[u]['label']} {graph.edges[u, v]['effect']} {graph.nodes[v]['label']}" in notes
        assert f"[refs {refs}]" in notes
    assert CITATION in notes


def test_requires_edges_are_listed_in_the_notes(kb, graphs):
    notes = slide_of(kb, graphs, "glyx-13", "rapastinel").notes_slide.notes_text_frame.text
    assert "requires: AMPAR for mTORC1" in notes


def test_a_drugs_deck(kb, graphs):
    prs = Presentation(io.BytesIO(deck_bytes(kb, graphs, "rapastinel")))
    slides = list(prs.slides)
    assert len(slides) == 1 + len(HYPOTHESIS_IDS) + 1
    title = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert kb.drugs["rapastinel"].name in title and "Glycine site" in title
    for slide, hypothesis in zip(slides[1:-1], HYPOTHESIS_IDS, strict=True):
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert graphs[hypothesis].graph["title"] in texts
        assert slide.notes_slide.notes_text_frame.text.strip()
    table = next(s for s in slides[-1].shapes if s.has_table).table
    rows = [[table.cell(i, j).text for j in range(len(table.columns))] for i in range(len(table.rows))]
    assert rows[0][:3] == ["Hypothesis", "BDNF", "mTORC1"]
    glyx = next(r for r in rows if r[0] == graphs["glyx-13"].graph["title"])
    assert glyx[2] == "▲ increased\nstated"
    disinhibition = next(r for r in rows if r[0] == graphs["disinhibition"].graph["title"])
    assert disinhibition[1] == "▼ decreased\nextrapolated"
    assert glyx[rows[0].index("Monoamines")] == "—"          # a readout the panel does not have
    assert prs.core_properties.title.startswith(kb.drugs["rapastinel"].name)


# -- the command line ---------------------------------------------------------------------

def test_cli_writes_a_slide_and_a_deck(tmp_path, capsys):
    from explorer.cli import main

    assert main(["export", "--hypothesis", "glyx-13", "--drug", "GLYX-13", "-o", str(tmp_path / "s.pptx")]) == 0
    assert len(Presentation(str(tmp_path / "s.pptx")).slides) == 1
    assert main(["export", "--drug", "ketamine", "-o", str(tmp_path / "deck.pptx")]) == 0
    assert len(Presentation(str(tmp_path / "deck.pptx")).slides) == 2 + len(HYPOTHESIS_IDS)
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize("args", [
    ["--drug", "ketamine", "-o", "deck.svg"],     # a deck is PowerPoint only
    ["-o", "nothing.pptx"],                         # nothing asked for
])
def test_cli_refuses_a_deck_it_cannot_write(tmp_path, capsys, args):
    from explorer.cli import main

    args = [a if not a.endswith((".svg", ".pptx")) else str(tmp_path / a) for a in args]
    assert main(["export", *args]) == 2
    assert "moa-explorer:" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
