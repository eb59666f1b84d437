"""The SVG figure: parseable, searchable, escaped, laid out cleanly; PNG and PDF from it."""

from __future__ import annotations

import math
import struct
import xml.etree.ElementTree as ET

import pytest

from explorer import CITATION, build_graphs, explain_drug, load_knowledge_base, resolve_drug
from explorer.engine import UnknownName
from explorer.figure import (
    Box,
    PlacedNode,
    citation_line,
    figure_bytes,
    layout,
    layout_problems,
    render_svg,
    text_width,
    wrap,
)
from explorer.model import HYPOTHESIS_IDS, INTEGRATED

from .conftest import tiny_files, write_pathways

SVG = "{http://www.w3.org/2000/svg}"
MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture
def tiny(tmp_path):
    kb = load_knowledge_base(write_pathways(tmp_path / "pathways"))
    return kb, build_graphs(kb)


def parse(svg: str | bytes) -> ET.Element:
    return ET.fromstring(svg.encode() if isinstance(svg, str) else svg)


def texts(root: ET.Element) -> list[str]:
    """The text of every ``<text>`` element, tspans joined, as a reader's search sees it."""
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def by_id(root: ET.Element, element_id: str) -> ET.Element:
    found = [e for e in root.iter() if e.get("id") == element_id]
    assert len(found) == 1, element_id
    return found[0]


# -- text -----------------------------------------------------------------------

def test_text_width_grows_with_size_and_weight():
    assert text_width("BDNF", 26) == pytest.approx(2 * text_width("BDNF", 13))
    assert text_width("BDNF", 13, bold=True) > text_width("BDNF", 13)
    assert text_width("unmeasured ✓", 13) > text_width("unmeasured ", 13)


@pytest.mark.parametrize("text", [CITATION, "one", "two words", "a  run   of spaces"])
def test_wrapped_lines_join_back_into_the_text(text):
    lines = wrap(text, 11, 200)
    assert "".join(lines) == " ".join(text.split())
    assert all(text_width(line.rstrip(), 11) <= 200 for line in lines if " " in line.strip())


# -- geometry -------------------------------------------------------------------

@pytest.mark.parametrize("shape", ["round-rectangle", "ellipse", "diamond", "hexagon", "barrel",
                                   "octagon", "tag"])
@pytest.mark.parametrize("angle", range(0, 360, 25))
def test_an_edge_stops_on_the_shapes_border(shape, angle):
    node = PlacedNode("n", 100, 50, 90, 34, shape, "receptor", ("label",))
    far = (100 + 500 * math.cos(math.radians(angle)), 50 + 500 * math.sin(math.radians(angle)))
    x, y = node.border_point((node.x, node.y), far)
    polygon = [(node.x + px, node.y + py) for px, py in node.outline()]

    def distance_to_segment(a, b):
        (ax, ay), (bx, by) = a, b
        t = max(0, min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
        return math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay))

    assert min(distance_to_segment(a, b) for a, b in zip(polygon, polygon[1:] + polygon[:1], strict=True)) \
        < 1e-6
    assert node.box.grow(0.01, 0.01, 0.01, 0.01).contains(Box(x, y, x, y))


def test_drawn_edges_start_and_end_at_borders_not_centres(tiny):
    kb, graphs = tiny
    placed = layout(kb, graphs["disinhibition"])
    for (u, v), (x1, y1, x2, y2) in placed.edges.items():
        a, b = placed.nodes[u], placed.nodes[v]
        assert math.hypot(x1 - a.x, y1 - a.y) > min(a.width, a.height) / 2 - 1
        assert math.hypot(x2 - b.x, y2 - b.y) > min(b.width, b.height) / 2 - 1
        for (px, py), node in (((x1, y1), a), ((x2, y2), b)):
            near = node.border_point((node.x, node.y), (px + (px - node.x), py + (py - node.y)))
            assert math.hypot(px - near[0], py - near[1]) < 2


def test_arrowheads_arriving_from_one_side_are_fanned_out(tmp_path):
    files = tiny_files()
    panel = files["hypotheses/disinhibition.toml"]
    panel["node"][4].update(x=20, y=0)     # s right beside r, both above k
    panel["edge"][3]["target_node"] = "k"  # s → k as well as r → k
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    graph = build_graphs(kb)["disinhibition"]
    placed = layout(kb, graph)
    (_, _, x1, y1), (_, _, x2, y2) = placed.edges["r", "k"], placed.edges["s", "k"]
    assert math.hypot(x2 - x1, y2 - y1) >= 10
    assert not [p for p in layout_problems(kb, graph) if "same spot" in p]


def test_compartments_nest_around_their_nodes_with_room_for_their_labels(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    placed = layout(kb, graph)
    boxes = {c.id: c for c in placed.compartments}
    assert [c.id for c in placed.compartments] == ["cell", "membrane"]  # outermost drawn first
    assert boxes["cell"].box.contains(boxes["membrane"].box)
    for node, compartment in graph.nodes(data="compartment"):
        for enclosing in kb.compartment_lineage(compartment):
            assert boxes[enclosing].box.contains(placed.nodes[node].box)
    assert layout_problems(kb, graph) == []


def test_layout_problems_name_the_overlapping_nodes(tmp_path):
    files = tiny_files()
    files["hypotheses/disinhibition.toml"]["node"][4].update(x=10, y=5)  # s onto r
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    problems = layout_problems(kb, build_graphs(kb)["disinhibition"])
    assert "nodes 'r' and 's' overlap" in problems


# -- the SVG --------------------------------------------------------------------

def test_svg_is_xml_with_title_labels_legend_and_citation(tiny):
    kb, graphs = tiny
    root = parse(render_svg(kb, graphs["disinhibition"]))
    assert root.tag == f"{SVG}svg"
    words = texts(root)
    assert "Title disinhibition" in words
    for label in ("Receptor", "Kinase", "BDNF", "mTORC1", "Receptor subtype", "Cell", "Membrane"):
        assert label in words
    assert {"Legend", "activates", "inhibits", "Receptor", "Enzyme / kinase", "Factor"} <= set(words)
    assert "Readout (BDNF, mTORC1)" in words
    citation = "".join(by_id(root, "citation").itertext())
    assert citation == citation_line()
    assert CITATION in citation and "Model: moa-explorer 0.1.0" in citation
    assert len(root.findall(f".//{SVG}g[@class='node']")) == 5
    assert len(root.findall(f".//{SVG}g[@class='edge']")) == 4


def test_a_drug_outlines_its_targets_lights_its_paths_and_dims_the_rest(tmp_path):
    files = tiny_files()
    # An extra node off every path, to be dimmed.
    files["hypotheses/disinhibition.toml"]["node"].append(
        {"id": "o", "entity": "orphan", "compartment": "cell", "x": 200, "y": 150,
         "source": "Fig. 1 legend", "refs": [1]})
    files["hypotheses/disinhibition.toml"]["edge"].append(
        {"source_node": "o", "target_node": "k", "effect": "activates", "mechanism": "x",
         "source": "Fig. 1 legend", "refs": [1]})
    files["integrated.toml"]["position"].append({"node": "o", "x": 0, "y": 500})
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    graph = build_graphs(kb)["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, "blocker"), graph)
    root = parse(render_svg(kb, graph, explanation))
    words = texts(root)
    assert any("Blocker" in w for w in words)
    assert any(w.startswith("antagonist") for w in words)        # the action, by the target
    assert "BDNF: increased" in words and "mTORC1: increased" in words
    lit = root.findall(f".//{SVG}g[@class='edge lit']")
    dim = root.findall(f".//{SVG}g[@class='edge dim']")
    assert len(lit) == len(explanation.highlight.edges) == 4
    assert len(dim) == 1
    assert by_id(root, "node-o").get("class") == "node dim"
    assert by_id(root, "node-r").get("class") == "node"
    # Dimmed in lighter solid colours: LibreOffice and PowerPoint lose or round opacity.
    assert not [e for e in root.iter() if any("opacity" in name for name in e.attrib)]


def test_a_drug_acting_on_nothing_drawn_says_so(tiny):
    kb, graphs = tiny
    graph = graphs["disinhibition"]
    explanation = explain_drug(kb, resolve_drug(kb, "elsewhere"), graph)
    root = parse(render_svg(kb, graph, explanation))
    text = " ".join(texts(root))
    assert "Elsewhere acts on nothing drawn in this hypothesis" in text
    assert "BDNF: no modelled path" in text
    assert not root.findall(f".//{SVG}g[@class='edge dim']")    # nothing to dim against


def test_markup_in_the_data_stays_text(tmp_path):
    files = tiny_files()
    files["hypotheses/disinhibition.toml"]["node"][0]["label"] = MARKUP
    files["compartments.toml"]["compartment"][0]["label"] = "Cell & <b>soma</b>"
    files["drugs.toml"]["drug"][0]["name"] = "Blocker <script>alert(1)</script>"
    kb = load_knowledge_base(write_pathways(tmp_path / "p", files))
    graph = build_graphs(kb)["disinhibition"]
    svg = render_svg(kb, graph, explain_drug(kb, resolve_drug(kb, "blocker"), graph))
    root = parse(svg)
    tags = {element.tag for element in root.iter()}
    assert not {"img", "script", "b", f"{SVG}img", f"{SVG}script", f"{SVG}b"} & tags
    text = " ".join(texts(root))
    assert MARKUP in text and "Cell & <b>soma</b>" in text and "<script>alert(1)</script>" in text
    assert "<img" not in svg and "<script" not in svg


# -- bytes ------------------------------------------------------------------------

def test_figure_bytes_in_three_formats(tiny):
    kb, graphs = tiny
    svg = figure_bytes(kb, graphs, "disinhibition", "blocker", "svg")
    width = float(parse(svg).get("width"))
    png = figure_bytes(kb, graphs, "disinhibition", "blocker", "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    png_width, _ = struct.unpack(">II", png[16:24])
    assert png_width == pytest.approx(2 * width, abs=2)           # scale 2, for handouts
    assert figure_bytes(kb, graphs, INTEGRATED, None, "pdf").startswith(b"%PDF")


def test_figure_bytes_refuses_unknown_names_and_formats(tiny):
    kb, graphs = tiny
    with pytest.raises(UnknownName, match="did you mean"):
        figure_bytes(kb, graphs, "disinhibition", "blockr", "svg")
    with pytest.raises(UnknownName):
        figure_bytes(kb, graphs, "no-such-panel", None, "svg")
    with pytest.raises(ValueError, match="svg, png, pdf"):
        figure_bytes(kb, graphs, "disinhibition", None, "gif")


# -- the bundled data -------------------------------------------------------------

@pytest.mark.parametrize("hypothesis", [*HYPOTHESIS_IDS, INTEGRATED])
def test_curated_layouts_draw_without_overlaps(kb, graphs, hypothesis):
    assert layout_problems(kb, graphs[hypothesis]) == []


def test_ketamine_under_disinhibition(kb, graphs):
    svg = figure_bytes(kb, graphs, "disinhibition", "ketamine", "svg").decode()
    root = parse(svg)
    text = " ".join(texts(root))
    assert kb.drugs["ketamine"].name in text
    assert "BDNF" in text and "mTORC1" in text
    assert CITATION in "".join(by_id(root, "citation").itertext())
    assert root.findall(f".//{SVG}g[@class='edge lit']")


def test_every_hypothesis_and_drug_renders(kb, graphs):
    for hypothesis, graph in graphs.items():
        for drug in (None, *kb.drugs.values()):
            explanation = explain_drug(kb, drug, graph) if drug else None
            root = parse(render_svg(kb, graph, explanation))
            nodes = [g for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith("node")]
            assert len(nodes) == graph.number_of_nodes(), hypothesis


def test_lit_nodes_are_marked_rising_or_falling(kb, graphs):
    from explorer.figure import build_scene
    explanation = explain_drug(kb, kb.drugs["ketamine"], graphs["disinhibition"])
    scene = build_scene(kb, graphs["disinhibition"], explanation)
    words = {b.node: " ".join(w for w, _ in b.parts) for b in scene.badges}
    assert words["gaba"] == "▼" and words["pyramidal-firing"] == "▲"
    assert words["nmdar-interneuron"] == "antagonist ▼"
