"""The slide preset and the scene: legible at slide size, basis and requires shown, one geometry for all."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from explorer import explain_drug, resolve_drug
from explorer.figure import PRESETS, build_scene, label_px_at_slide, render_svg, scene_svg
from explorer.model import INTEGRATED

SVG = "{http://www.w3.org/2000/svg}"


def scene_of(kb, graphs, hypothesis, drug, preset="slide"):
    graph = graphs[hypothesis]
    explanation = explain_drug(kb, resolve_drug(kb, drug), graph) if drug else None
    return build_scene(kb, graph, explanation, preset=preset)


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode())
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def test_the_handout_is_compact_and_the_slide_larger_type(kb, graphs):
    handout = scene_of(kb, graphs, "disinhibition", "ketamine", "handout")
    slide = scene_of(kb, graphs, "disinhibition", "ketamine", "slide")
    assert label_px_at_slide(slide) > 1.2 * label_px_at_slide(handout)
    assert handout.preset is PRESETS["handout"] and handout.width < slide.width


def test_an_extrapolation_is_marked_and_captioned(kb, graphs):
    scene = scene_of(kb, graphs, "disinhibition", "rapastinel")
    drug = kb.drugs["rapastinel"].name
    assert scene.caveat is not None
    assert scene.caveat.text == (f"Extrapolated: the logic of this panel applied to {drug}, "
                                 "not a claim of the review.")
    readout_badges = [b for b in scene.badges if "decreased" in b.text]
    assert readout_badges and all(b.extrapolated for b in readout_badges)
    svg = scene_svg(scene)
    root = ET.fromstring(svg.encode())
    dashed = root.findall(f".//{SVG}g[@class='badge extrapolated']")
    assert len(dashed) == len(readout_badges)
    assert all(g.find(f"{SVG}rect").get("stroke-dasharray") for g in dashed)
    words = texts(svg)
    assert "Predicted effect (extrapolated)" in words
    assert "Extrapolated: the logic of the panel, not a claim of the review" in words


def test_a_stated_prediction_carries_no_caveat(kb, graphs):
    scene = scene_of(kb, graphs, "disinhibition", "ketamine")
    assert scene.caveat is None
    assert not any(b.extrapolated for b in scene.badges)
    assert "Predicted effect (stated)" in texts(scene_svg(scene))


def test_the_integrated_view_marks_each_basis_where_they_differ(kb, graphs):
    scene = scene_of(kb, graphs, INTEGRATED, "apimostinel", "handout")
    words = texts(scene_svg(scene))
    assert "Predicted effect (analogy)" in words  # one basis for every readout: said once
    assert "mTORC1: increased" in words and "BDNF: required" in words
    assert "decreased" not in " ".join(words)  # a requirement never reads as a fall
    assert scene.caveat is None or "extrapolated" not in scene.caveat.text.casefold()


def test_requires_edges_are_drawn_apart_with_a_legend_entry(kb, graphs):
    graph = graphs["glyx-13"]
    requires = [(u, v) for u, v, e in graph.edges(data="effect") if e == "requires"]
    assert requires
    svg = render_svg(kb, graph, preset="slide")
    root = ET.fromstring(svg.encode())
    drawn = [g for g in root.iter(f"{SVG}g") if "requires" in (g.get("class") or "").split()]
    assert len(drawn) == len(requires)
    for g in drawn:
        line = g.find(f"{SVG}line")
        assert line.get("stroke-dasharray")                                  # dashed
        assert g.find(f"{SVG}polygon").get("fill") == "#FFFFFF"              # an open arrowhead
    assert "requires (necessary condition)" in texts(svg)
    assert not [e for e in root.iter() if any("opacity" in name for name in e.attrib)]


def test_renderers_do_not_lay_out_again(kb, graphs):
    """The SVG draws each node where the scene placed it."""
    scene = scene_of(kb, graphs, "hnk-ampa", "ketamine")
    root = ET.fromstring(scene_svg(scene).encode())
    for node in scene.nodes:
        group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"node-{node.id}")
        label = group.find(f"{SVG}text")
        assert float(label.get("x")) == pytest.approx(node.label.x, abs=0.06)
        assert float(label.get("y")) == pytest.approx(node.label.y, abs=0.06)


def test_the_requirements_of_a_route_are_not_dimmed(kb, graphs):
    """GLYX-13's route to mTORC1 requires AMPAR and BDNF: drawn at full strength, not lit, not faded."""
    scene = scene_of(kb, graphs, "glyx-13", "rapastinel")
    required = {(e.source, e.target) for e in scene.edges if e.state == "required"}
    assert required == {("ampar-postsynaptic", "mtorc1"), ("bdnf", "mtorc1")}
    assert scene.node("ampar-postsynaptic").state != "dim"
    root = ET.fromstring(scene_svg(scene).encode())
    classes = [g.get("class") for g in root.iter(f"{SVG}g") if "requires" in (g.get("class") or "")]
    assert sorted(classes) == ["edge required requires"] * 2
