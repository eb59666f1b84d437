"""The graph on screen (``explorer.views.graph``): elements, stylesheet, overlay, legend."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import pytest

from explorer import engine, views
from explorer.figure.geometry import segment_hits_box
from explorer.style import KIND_STYLE
from explorer.views import View
from explorer.views.boxes import Room, compartment_walls, label_band, label_shifts, roomy_positions

from .viewkit import overlay, text

# -- the graph ----------------------------------------------------------------------

def test_elements_keep_the_curators_rows_columns_and_order(kb, graphs):
    """Positions may open up (see the next test), but what is left of, above, or level
    with what stays so."""
    for graph in graphs.values():
        elements = views.graph_elements(kb, graph)
        placed = {e["data"]["id"]: e["position"] for e in elements if "position" in e}
        assert set(placed) == set(graph.nodes)
        for (a, da), (b, db) in itertools.combinations(graph.nodes(data=True), 2):
            for axis in ("x", "y"):
                before = (da[axis] > db[axis]) - (da[axis] < db[axis])
                after = (placed[a][axis] > placed[b][axis]) - (placed[a][axis] < placed[b][axis])
                assert before == after, (graph.graph["id"], a, b, axis)
        ids = [e["data"]["id"] for e in elements]
        assert len(ids) == len(set(ids))


def _node_boxes(kb, graph, view, explanation, compared=(), drawn=None) -> dict[str, tuple[float, float, float, float]]:
    """Each node's box (centre, half width, half height) as the overlay draws it, grown
    by the lit halo (8 px) or, comparing, the compared drugs' outline (9 px beyond half a
    5-px border; 11 px for the double line of a node two compared drugs share). ``drawn``:
    the part of the graph drawn, as the app draws it (the overlay is the whole graph's)."""
    elements = {e["data"]["id"]: e for e in views.graph_elements(kb, drawn if drawn is not None else graph,
                                                                 views.room_of(view)) if "position" in e}
    sizes: dict[str, dict] = {}
    for rule in views.overlay_stylesheet(kb, graph, view, explanation, compared):
        for selector in rule["selector"].split(", "):
            found = re.fullmatch(r'node\[id = "(.+)"\]', selector)
            if found and ("width" in rule["style"] or "height" in rule["style"]):
                sizes.setdefault(found[1], {}).update(rule["style"])
    lit = (explanation.highlight.nodes if explanation else frozenset()).union(
        *(e.highlight.nodes for e in compared))
    boxes = {}
    for node, element in elements.items():
        data, style = element["data"], sizes.get(node, {})
        width, height = style.get("width", data["width"]), style.get("height", data["height"])
        halo = ((14 if len(compared) > 1 else 12) if compared else 8) if node in lit else 0
        boxes[node] = (element["position"]["x"], element["position"]["y"], width / 2 + halo, height / 2 + halo)
    return boxes


def _drawn(kb, graph, view):
    """The graphs a view draws: the integrated view in present mode part by part."""
    parts = engine.graph_parts(kb, graph)
    if view.mode == "present" and len(parts) > 1:
        return [(replace(view, part=i), part) for i, part in enumerate(parts)]
    return [(view, graph)]


def _touching(boxes):
    return [(a, b) for (a, (xa, ya, wa, ha)), (b, (xb, yb, wb, hb)) in itertools.combinations(boxes.items(), 2)
            if abs(xa - xb) - wa - wb < 4 and abs(ya - yb) - ha - hb < 4]


@pytest.mark.parametrize("mode", [None, "present"])
def test_no_two_nodes_touch_with_any_drug_in_either_mode(kb, graphs, mode):
    """Every panel and the integrated view (in present mode, each of its parts), with every
    drug's overlay (marks, action lines, halos), at normal and present sizes: at least 4 px
    between any two boxes."""
    touching = []
    for hypothesis, whole in graphs.items():
        for drug in [None, *kb.drugs]:
            explanation = engine.explain_drug(kb, kb.drugs[drug], whole) if drug else None
            for view, graph in _drawn(kb, whole, View(hypothesis, drug, mode=mode)):
                boxes = _node_boxes(kb, whole, view, explanation, drawn=graph)
                touching += [(hypothesis, view.part, drug, a, b) for a, b in _touching(boxes)]
    assert not touching, touching[:10]


def test_no_two_nodes_touch_when_two_drugs_are_compared(kb, graphs):
    """Present mode, every pair of drugs that act in a graph, in every graph."""
    touching = []
    for hypothesis, whole in graphs.items():
        explained = {d: engine.explain_drug(kb, kb.drugs[d], whole) for d in kb.drugs}
        acting = [d for d, e in explained.items() if e.targets]
        for a, b in itertools.permutations(acting, 2):
            for view, graph in _drawn(kb, whole, View(hypothesis, a, mode="present", compare=(b,))):
                boxes = _node_boxes(kb, whole, view, explained[a], [explained[b]], graph)
                touching += [(hypothesis, view.part, a, b, p, q) for p, q in _touching(boxes)]
    assert not touching, touching[:10]


def test_no_two_nodes_touch_when_three_drugs_are_compared(kb, graphs):
    """Present mode and the page, every three drugs that act in a graph (in order: the
    marks differ), in every graph."""
    touching = []
    for hypothesis, whole in graphs.items():
        explained = {d: engine.explain_drug(kb, kb.drugs[d], whole) for d in kb.drugs}
        acting = [d for d, e in explained.items() if e.targets]
        for mode in (None, "present"):
            for a, b, c in itertools.combinations(acting, 3):
                for view, graph in _drawn(kb, whole, View(hypothesis, a, mode=mode, compare=(b, c))):
                    boxes = _node_boxes(kb, whole, view, explained[a], [explained[b], explained[c]], graph)
                    touching += [(hypothesis, mode, view.part, a, b, c, p, q) for p, q in _touching(boxes)]
    assert not touching, touching[:10]


def test_compared_labels_grow_downwards_and_share_what_the_drugs_share():
    lines = views.boxes.overlay_lines
    assert lines("GABA", ["▼"], ["antagonist"]) == ["GABA ▼", "[antagonist]"]
    assert lines("Synaptic\nNMDAR", ["▼", "▼"], ["antagonist", "antagonist"]) == [
        "Synaptic", "NMDAR", "①② ▼", "①②[antagonist]"]
    assert lines("NMDAR", ["▼", "▲"], ["antagonist", "partial agonist"]) == [
        "NMDAR", "①▼ ②▲", "①[antagonist]", "②[partial agonist]"]
    assert lines("BDNF", ["", "▲"], ["", ""]) == ["BDNF", "②▲"]


def test_open_up_inserts_a_column_or_a_row_where_boxes_would_touch():
    positions = {"a": (0.0, 0.0), "b": (50.0, 0.0), "c": (50.0, 100.0), "d": (0.0, 60.0)}
    boxes = {node: (40.0, 20.0) for node in positions}
    assert views.boxes.open_up(positions, boxes, clearance=10) == positions    # 10 px apart already
    wide = {node: (90.0, 20.0) for node in positions}
    placed = views.boxes.open_up(positions, wide, clearance=10)
    # a and b side by side, 50 px short: b's column (b, and c below it) moves right by 50;
    # d, left of the insertion and clear of a below it, stays.
    assert placed == {"a": (0.0, 0.0), "b": (100.0, 0.0), "c": (100.0, 100.0), "d": (0.0, 60.0)}
    tall = {node: (20.0, 80.0) for node in positions}
    placed = views.boxes.open_up({"a": (0.0, 0.0), "d": (0.0, 60.0)}, tall, clearance=10)
    assert placed == {"a": (0.0, 0.0), "d": (0.0, 90.0)}  # one above the other: a row inserted
    # Two compartments in an L: A's lower node reaches below the top of B, which sits under
    # A's upper node, with nothing of A beyond. A row is inserted above B.
    l_shape = {"a": (0.0, 0.0), "b": (200.0, 100.0), "c": (0.0, 150.0)}
    walls = {"a": ("A",), "b": ("A",), "c": ("B",)}
    placed = views.boxes.open_up(l_shape, {n: (40.0, 20.0) for n in l_shape}, 10, walls)
    a_bottom = 100 + 10 + views.boxes.WALL_X
    b_top = placed["c"][1] - 10 - views.boxes.WALL_Y
    assert placed["a"] == (0.0, 0.0) and placed["b"] == (200.0, 100.0) and placed["c"][0] == 0
    assert b_top - a_bottom == pytest.approx(views.boxes.COMPARTMENT_GAP, abs=1)
    with pytest.raises(ValueError, match="same spot"):
        views.boxes.open_up({"a": (0.0, 0.0), "b": (0.0, 0.0)}, boxes, clearance=10)


def test_compartments_are_compound_nodes_nested_by_parent(tiny):
    kb, graphs = tiny
    elements = {e["data"]["id"]: e for e in views.graph_elements(kb, graphs["disinhibition"])}
    assert elements["r"]["data"]["parent"] == "compartment:membrane"
    assert elements["compartment:membrane"]["data"]["parent"] == "compartment:cell"
    assert "parent" not in elements["compartment:cell"]["data"]
    assert "position" not in elements["compartment:cell"]  # Cytoscape sizes it around its children


def test_edges_carry_their_effect_as_a_class(tiny):
    kb, graphs = tiny
    edges = {e["data"]["id"]: e for e in views.graph_elements(kb, graphs["disinhibition"]) if "source" in e["data"]}
    assert edges["r->k"]["classes"] == "activates" and edges["k->b"]["classes"] == "inhibits"


def test_stylesheet_draws_kinds_and_arrow_heads():
    sheet = {rule["selector"]: rule["style"] for rule in views.base_stylesheet()}
    assert sheet["edge.activates"]["target-arrow-shape"] == "triangle"
    assert sheet["edge.inhibits"]["target-arrow-shape"] == "tee"
    for kind, style in KIND_STYLE.items():
        assert sheet[f".kind-{kind}"]["shape"] == style["shape"]


@pytest.mark.parametrize("label", ["BDNF", "GABAergic interneuron activity", "Protein synthesis (mTORC1)"])
def test_node_boxes_fit_their_labels(label):
    wrapped, width, height = views.node_box(label, "receptor")
    lines = wrapped.split("\n")
    assert width >= views.CHAR_WIDTH * max(map(len, lines)) and height >= 18 * len(lines)


def test_overlay_outlines_targets_with_their_action_and_lights_the_path(tiny):
    sheet = overlay(tiny, View("disinhibition", "blocker"))
    target = next(r for r in sheet if r["selector"] == 'node[id = "r"]')
    assert target["style"]["label"].endswith("[antagonist]")
    lit = next(r for r in sheet if "underlay-color" in r["style"] and r["selector"].startswith("node"))
    assert set(re.findall(r'id = "([^"]+)"', lit["selector"])) == {"r", "k", "b", "m", "s"}
    faded = next(r["style"] for r in sheet if r["selector"] == ".entity")
    assert faded["background-opacity"] < 1 and faded["color"] != views.graph.NODE_INK   # lighter, never transparent
    assert "opacity" not in faded and not any("opacity" in r["style"] for r in sheet)


def test_overlay_is_empty_without_a_drug_or_selection(tiny):
    assert overlay(tiny, View("disinhibition")) == []


def test_a_drug_with_nothing_drawn_dims_nothing(tiny):
    assert overlay(tiny, View("disinhibition", "elsewhere")) == []


def test_selection_is_marked(tiny):
    assert any(r["selector"] == 'node[id = "k"]' for r in overlay(tiny, View("disinhibition", node="k")))
    assert any(r["selector"] == 'edge[id = "k->b"]' for r in overlay(tiny, View("disinhibition", edge="k->b")))



def test_legend_shows_the_kinds_drawn_and_both_arrows():
    shown = text(views.legend(["receptor", "factor"]))
    assert "Receptor" in shown and "Factor" in shown and "Enzyme" not in shown
    assert "activates" in shown and "inhibits" in shown




def test_no_arrow_runs_through_a_compartments_label_in_any_room(kb, graphs):
    """A label centred above its compartment moves sideways where an arrow would cross it
    (an arrow into a compartment of one node from above always would), and only there."""
    moved = set()
    for hypothesis, graph in graphs.items():
        for room in (Room(c, p, t) for c in range(3) for p in (False, True) for t in (-1, 0, 2)):
            if room.present and hypothesis == "integrated":
                continue   # shown in parts there (tests/test_browser_room.py draws them)
            positions = roomy_positions(kb, graph, room)
            shifts = label_shifts(kb, graph, positions, room.scale)
            for compartment, wall in compartment_walls(kb, graph, positions, room.scale).items():
                band = label_band(kb.compartments[compartment].label, wall, room.scale, shifts[compartment])
                for a, b in graph.edges():
                    assert not segment_hits_box((*positions[a], *positions[b]), band), (hypothesis, room, a, b)
                if shifts[compartment]:
                    moved.add((hypothesis, compartment))
    assert ("disinhibition", "pyramidal-soma") in moved          # firing → SNARE, in present mode
    assert len(moved) <= 6                                        # the rest stay in the middle
    elements = views.graph_elements(kb, graphs["disinhibition"], Room(2, True))
    [soma] = [e for e in elements if e["data"]["id"] == views.COMPARTMENT_PREFIX + "pyramidal-soma"]
    assert soma["data"]["label_dx"] < 0                           # drawn by Cytoscape's text-margin-x
