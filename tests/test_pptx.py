"""PowerPoint read back by python-pptx: native shapes, editable text, glued connectors, notes, the deck."""

from __future__ import annotations

import io
import zipfile

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


def every_shape(container):
    """A slide's (or group's) shapes, those inside groups too, in drawing order."""
    for shape in container.shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from every_shape(shape)


def slide_of(kb, graphs, hypothesis, drug):
    prs = Presentation(io.BytesIO(figure_bytes(kb, graphs, hypothesis, drug, "pptx")))
    assert len(prs.slides) == 1
    assert (prs.slide_width, prs.slide_height) == SLIDE_EMU
    return prs.slides[0]


def node_shapes(slide) -> dict[str, object]:
    """Node shapes by their label text (line breaks read as spaces)."""
    return {s.text_frame.text.replace("\v", " ").replace("\n", " "): s for s in every_shape(slide)
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
        graph, (next(s for s in every_shape(slide) if s.name.startswith("node: ") and
                     s.name.split(": ", 1)[1].startswith(f"{graph.nodes[n]['label']}: ")) for n in graph),
        strict=True)}
    connectors = {c.name: c for c in every_shape(slide) if c.shape_type == MSO_SHAPE_TYPE.LINE or
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
    names = [s.name for s in every_shape(slide)]
    compartments = [s for s in every_shape(slide) if s.name.startswith("compartment: ")]
    assert {s.text_frame.text for s in compartments} >= {"GABAergic interneuron", "Postsynaptic neuron"}
    # Behind: every compartment comes before every node in the drawing order.
    assert max(names.index(s.name) for s in compartments) < min(
        i for i, n in enumerate(names) if n.startswith("node: "))
    texts = [s.text_frame.text for s in every_shape(slide) if s.has_text_frame]
    assert any(CITATION in t.replace("\v", " ") for t in texts)
    assert "Legend" in texts and "activates" in texts and "inhibits" in texts
    assert "Predicted effect (stated)" in [t.replace("\v", " ") for t in texts]
    assert any(t.startswith("antagonist") for t in texts)          # the drug's action by its target
    # Dimmed shapes are lighter colours, not transparency (LibreOffice drops alpha).
    assert not slide.shapes._spTree.xpath(".//a:alpha")


def test_an_extrapolation_is_marked_on_the_slide_and_in_the_notes(kb, graphs):
    slide = slide_of(kb, graphs, "disinhibition", "rapastinel")
    caveat = next(s for s in every_shape(slide) if s.name == "caveat")
    assert "not a claim of the review" in caveat.text_frame.text.replace("\v", " ")
    badge = next(s for s in every_shape(slide) if s.name.startswith("overlay: ") and "decreased" in s.name)
    assert badge.line.dash_style is not None                         # the dashed tag
    notes = slide.notes_slide.notes_text_frame.text
    assert "▼ BDNF: decreased (extrapolated)" in notes
    assert "basis: extrapolated: the logic of the panel, not a claim of the review" in notes
    assert "why: Rapastinel is outside this hypothesis's scope" in notes
    assert notes.count("not a claim of the review") == 1               # said once, not three times


def test_notes_hold_the_chain_in_words_with_reference_numbers(kb, graphs):
    slide = slide_of(kb, graphs, "disinhibition", "ketamine")
    notes = slide.notes_slide.notes_text_frame.text
    graph = graphs["disinhibition"]
    effect = explain_drug(kb, resolve_drug(kb, "ketamine"), graph).readouts["BDNF"]
    assert "▲ BDNF: increased (stated)" in notes
    assert "evidence: “Racemic (R,S)-ketamine and esketamine" in notes
    for u, v in zip(effect.chain, effect.chain[1:], strict=False):
        refs = ", ".join(map(str, graph.edges[u, v]["refs"]))
        step = f"{graph.nodes[u]['label']} {graph.edges[u, v]['effect']} {graph.nodes[v]['label']}"
        assert notes.count(step + " (") == 1  # each step told once, though three routes share it
        assert f"[refs {refs}]" in notes
    assert CITATION in notes


def test_requires_edges_are_listed_in_the_notes(kb, graphs):
    notes = slide_of(kb, graphs, "glyx-13", "rapastinel").notes_slide.notes_text_frame.text
    assert "requires: AMPAR is required for mTORC1" in notes
    assert "BDNF: required (for mTORC1)" in notes and "BDNF: decreased" not in notes


def test_a_drugs_deck(kb, graphs):
    prs = Presentation(io.BytesIO(deck_bytes(kb, graphs, "rapastinel")))
    summary = " ".join(s.text_frame.text for s in prs.slides[-1].shapes if s.has_text_frame)
    table = next(s for s in prs.slides[-1].shapes if s.has_table).table
    glyx = next(row for row in table.rows if row.cells[0].text.startswith("GLYX-13"))
    assert "required" in glyx.cells[1].text  # BDNF: the legend's requirement, not "no path"
    assert "Analogy:" in summary
    slides = list(prs.slides)
    assert len(slides) == 1 + len(HYPOTHESIS_IDS) + 1
    title = " ".join(s.text_frame.text for s in every_shape(slides[0]) if s.has_text_frame)
    assert kb.drugs["rapastinel"].name in title and "Glycine site" in title
    for slide, hypothesis in zip(slides[1:-1], HYPOTHESIS_IDS, strict=True):
        texts = [s.text_frame.text for s in every_shape(slide) if s.has_text_frame]
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


def run_points(shape) -> list[float]:
    """The point sizes of every run of a shape's text."""
    return [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()]


def text_points(slide) -> dict[str, list[float]]:
    """The point sizes of a slide's node labels, tags, legend and citation, read back."""
    shapes = list(every_shape(slide))
    return {kind: [size for s in shapes if s.name.startswith(prefix) and s.has_text_frame for size in run_points(s)]
            for kind, prefix in (("label", "node: "), ("tag", "overlay: "), ("legend", "legend "),
                                 ("citation", "citation"))}


def test_the_deck_reads_from_the_back_row(kb, graphs):
    """Read back with python-pptx: on every hypothesis slide node labels are 18 pt and more,
    tags and the legend 14 pt, the citation 12 pt; the title slide and the summary too."""
    for drug in ("ketamine", "rapastinel", "cle100"):
        slides = list(Presentation(io.BytesIO(deck_bytes(kb, graphs, drug))).slides)
        for slide in slides[1:-1]:
            sizes = text_points(slide)
            assert sizes["label"] and min(sizes["label"]) >= 18, (drug, min(sizes["label"]))
            assert not sizes["tag"] or min(sizes["tag"]) >= 14
            assert min(sizes["legend"]) >= 14 and min(sizes["citation"]) >= 12
        title = [size for s in every_shape(slides[0]) if s.has_text_frame for size in run_points(s)]
        assert min(title) >= 12 and max(title) >= 36
        table = next(s for s in slides[-1].shapes if s.has_table).table
        assert min(r.font.size.pt for row in table.rows for cell in row.cells for p in cell.text_frame.paragraphs
                   for r in p.runs) >= 14


@pytest.mark.parametrize("drug", ["ketamine", "rapastinel", "cle100", None])
def test_the_integrated_view_reads_at_14_pt_on_its_slides(kb, graphs, drug):
    """Every text of the integrated view's slides, read back: node labels, tags and the
    legend 14 pt and more, the citation 12 pt; with a drug, some tags on every slide."""
    prs = Presentation(io.BytesIO(figure_bytes(kb, graphs, "integrated", drug, "pptx")))
    assert len(prs.slides) == len(kb.integrated_parts)
    for i, slide in enumerate(prs.slides, 1):
        sizes = text_points(slide)
        assert sizes["label"] and min(sizes["label"]) >= 14, (drug, i, min(sizes["label"]))
        assert bool(sizes["tag"]) == (drug is not None), (drug, i)
        assert not sizes["tag"] or min(sizes["tag"]) >= 14, (drug, i, min(sizes["tag"]))
        assert sizes["legend"] and min(sizes["legend"]) >= 14, (drug, i, min(sizes["legend"]))
        assert sizes["citation"] and min(sizes["citation"]) >= 12, (drug, i, min(sizes["citation"]))


def test_a_nodes_marks_are_grouped_with_it_and_the_lines_stay_glued(kb, graphs):
    slide = slide_of(kb, graphs, "disinhibition", "ketamine")
    groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert groups
    ids = {s.shape_id for s in every_shape(slide)}
    for group in groups:
        names = [s.name for s in group.shapes]
        assert sum(n.startswith("node: ") for n in names) == 1                     # one node …
        assert any(n.startswith(("overlay: ", "⊣ ")) for n in names)               # … and its marks
    nmdar = next(g for g in groups if any(s.name.startswith("node: NMDAR") for s in g.shapes))
    assert any(s.name.startswith("overlay: antagonist") for s in nmdar.shapes)
    for connector in every_shape(slide):
        if connector.shape_type == MSO_SHAPE_TYPE.LINE or connector._element.tag == qn("p:cxnSp"):
            assert {int(i) for i in glue(connector) if i} <= ids                  # glued ids exist


def thumbnail_of(data: bytes):
    from PIL import Image

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return Image.open(io.BytesIO(package.read("docProps/thumbnail.jpeg"))).convert("RGB")


def test_the_thumbnail_is_the_first_slide(kb, graphs):
    """Not python-pptx's blank 4:3 picture: the first slide, 16:9, drawn by the figures' Cairo pipeline."""
    from explorer.figure.deck import title_blocks

    deck = deck_bytes(kb, graphs, "ketamine")
    picture = thumbnail_of(deck)
    assert picture.size == (256, 144)
    # The drug's name in large type at the top left: dark pixels there, white at the right.
    top_left = picture.crop((10, 10, 90, 25))
    assert min(sum(band) for band in zip(*(top_left.getchannel(c).getextrema() for c in "RGB"), strict=True)) < 200
    assert title_blocks(kb, graphs, kb.drugs["ketamine"], HYPOTHESIS_IDS)[0].text == kb.drugs["ketamine"].name
    slide = thumbnail_of(figure_bytes(kb, graphs, "disinhibition", "ketamine", "pptx"))
    assert slide.size == (256, 144) and slide.getextrema() != ((255, 255),) * 3
    # The template's own thumbnail is gone.
    blank = Presentation()
    out = io.BytesIO()
    blank.save(out)
    assert thumbnail_of(out.getvalue()).size != (256, 144)


def test_the_title_slide_fills_its_page(kb, graphs):
    prs = Presentation(io.BytesIO(deck_bytes(kb, graphs, "ketamine")))
    boxes = [s for s in every_shape(prs.slides[0]) if s.has_text_frame]
    bottom = max(s.top + s.height for s in boxes)
    top = min(s.top for s in boxes)
    assert top < 0.15 * SLIDE_EMU[1] and bottom > 0.85 * SLIDE_EMU[1]
    words = " ".join(s.text_frame.text for s in boxes)
    assert all(graphs[h].graph["title"] in words for h in HYPOTHESIS_IDS)      # the deck's outline
    assert CITATION in words.replace("\v", " ")


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
