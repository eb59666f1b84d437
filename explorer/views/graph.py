"""The graph on screen: Cytoscape elements, the stylesheet, the drug overlay, the legend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import quote

import networkx as nx
from dash import html

from .. import engine
from ..model import INTEGRATED, KnowledgeBase, action_words
from ..style import DIM, EFFECT_STYLE, HIGHLIGHT, KIND_STYLE
from .base import COMPARTMENT_PREFIX, EDGE_JOIN, edge_ends
from .boxes import (
    CHAR_WIDTH,
    COMPARE_MARKS,
    PAGE_ROOM,
    PRESENT_SCALE,
    Room,
    label_shifts,
    node_box,
    overlay_lines,
    overlay_size,
    roomy_positions,
)
from .state import View
from .steps import chain_steps, lit_signs, sign_mark

__all__ = [
    "CHAR_WIDTH",
    "COMPARE_MARKS",
    "FOCUS_RULE",
    "FONT",
    "LIT_GAP",
    "NODE_FONT",
    "NODE_INK",
    "PRESENT_SCALE",
    "base_stylesheet",
    "graph_elements",
    "legend",
    "node_box",
    "overlay_stylesheet",
    "room_of",
]

NODE_FONT = 13
NODE_INK = "#1A1A1A"
#: Cytoscape accepts a plain family list, without quotes.
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
#: The outlines of the drugs compared with the first (②, ③): colour and line.
COMPARED_OUTLINES = ((HIGHLIGHT["compare"], "solid"), (HIGHLIGHT["compare_third"], "dashed"))


def room_of(view: View) -> Room:
    """The room a view's graph is drawn for (:class:`~.boxes.Room`); the integrated view in
    present mode is drawn part by part (``view.part``)."""
    present = view.mode == "present"
    return Room(len(view.compare), present, view.type_step, view.part if present and view.hypothesis == INTEGRATED
                else None)


def graph_elements(kb: KnowledgeBase, graph: nx.DiGraph, room: Room = PAGE_ROOM) -> list[dict]:
    """Cytoscape elements: compartments as compound nodes, then entity nodes and edges.

    Positions come from the curated layout (in present mode, the panel's layout for the
    room), opened up where a node with a drug's overlay (or as many drugs' as the
    ``room`` compares), at the room's sizes, would touch another
    (:func:`~.boxes.roomy_positions`); the app draws them with the ``preset`` layout and
    changes them only when the room changes (a comparison or present mode starting or
    ending, the type step): overlays change only the stylesheet. A compartment's label moves
    sideways from the middle of its wall where an arrow would run through it
    (:func:`~.boxes.label_shifts`).
    """
    positions = roomy_positions(kb, graph, room)
    shifts = label_shifts(kb, graph, positions, room.scale)
    readouts = set(graph.graph.get("readouts", ()))
    compartments: dict[str, None] = {}
    for _, data in graph.nodes(data=True):
        for compartment in reversed(kb.compartment_lineage(data["compartment"])):
            compartments[compartment] = None
    elements = []
    for compartment_id in compartments:
        compartment = kb.compartments[compartment_id]
        data = {"id": COMPARTMENT_PREFIX + compartment_id, "label": compartment.label,
                "label_dx": shifts.get(compartment_id, 0.0)}
        if compartment.parent in compartments:
            data["parent"] = COMPARTMENT_PREFIX + compartment.parent
        elements.append({"data": data, "classes": "compartment", "selectable": True})
    for node, data in graph.nodes(data=True):
        label, width, height = node_box(data["label"], data["kind"])
        classes = ["entity", f"kind-{data['kind']}"] + (["readout"] if node in readouts else [])
        elements.append({
            "data": {"id": node, "label": label, "kind": data["kind"], "entity": data["entity"],
                     "parent": COMPARTMENT_PREFIX + data["compartment"],
                     "width": round(width * room.scale, 1), "height": round(height * room.scale, 1)},
            "position": {"x": positions[node][0], "y": positions[node][1]},
            "classes": " ".join(classes),
        })
    for source, target, data in graph.edges(data=True):
        elements.append({
            "data": {"id": f"{source}{EDGE_JOIN}{target}", "source": source, "target": target,
                     "effect": data["effect"], "mechanism": data["mechanism"]},
            "classes": data["effect"],
        })
    return elements


def base_stylesheet(show_mechanisms: bool = False, room: Room = PAGE_ROOM) -> list[dict]:
    """Shapes by kind, arrows for activation, tee bars for inhibition (see ``style``).

    Labels are drawn at the ``room``'s scale (present mode's :data:`PRESENT_SCALE`, the
    type step); boxes take the size the elements carry for it.
    """
    scale = room.scale
    sheet = [
        {"selector": "node", "style": {
            "font-family": FONT, "font-size": round(NODE_FONT * scale, 1), "color": NODE_INK,
            "text-wrap": "wrap", "label": "data(label)", "border-width": 1.5, "border-color": "#4d4d4d",
        }},
        {"selector": ".entity", "style": {
            "text-valign": "center", "text-halign": "center", "width": "data(width)", "height": "data(height)",
        }},
        {"selector": ".compartment", "style": {
            "shape": "round-rectangle", "background-color": "#F4F6F8", "background-opacity": 1,
            "border-color": "#9AA5B1", "border-style": "dashed", "border-width": 1.5,
            "padding": "22px", "text-valign": "top", "text-halign": "center", "text-margin-y": -4,
            "text-margin-x": "data(label_dx)",
            "font-size": round(13 * scale, 1), "font-weight": "bold", "color": "#3E4C59",
        }},
        {"selector": ".compartment .compartment", "style": {"background-color": "#FFFFFF"}},
        {"selector": ".compartment .compartment .compartment", "style": {"background-color": "#EEF2F6"}},
    ]
    for kind, style in KIND_STYLE.items():
        sheet.append({"selector": f".kind-{kind}",
                      "style": {"shape": style["shape"], "background-color": style["fill"]}})
    sheet += [
        {"selector": ".readout", "style": {
            "border-width": 4, "border-style": "double", "border-color": HIGHLIGHT["readout"],
            "font-weight": "bold"}},
        {"selector": "edge", "style": {
            "font-family": FONT, "curve-style": "bezier", "width": 2.2 * scale, "arrow-scale": 1.3,
            "font-size": round(11 * scale, 1), "color": "#333333", "text-background-color": "#FFFFFF",
            "text-background-opacity": 0.9, "text-background-padding": "2px",
        }},
    ]
    for effect, style in EFFECT_STYLE.items():
        sheet.append({"selector": f"edge.{effect}", "style": {
            "line-color": style["colour"], "target-arrow-color": style["colour"],
            "target-arrow-shape": style["arrow"],
            **({"line-style": "dashed", "target-arrow-fill": "hollow"} if style.get("dashed") else {})}})
    if show_mechanisms:
        sheet.append({"selector": "edge", "style": {"label": "data(mechanism)"}})
    return sheet


def _ids(kind: str, ids: Iterable[str]) -> str:
    return ", ".join(f'{kind}[id = "{i}"]' for i in sorted(ids))


def _edge_ids(edges: Iterable[tuple[str, str]]) -> list[str]:
    return [f"{u}{EDGE_JOIN}{v}" for u, v in edges]


def overlay_stylesheet(kb: KnowledgeBase, graph: nx.DiGraph, view: View,
                       explanation: engine.Explanation | None = None,
                       compared: Sequence[engine.Explanation] = ()) -> list[dict]:
    """The drug overlay and the selection, as extra stylesheet rules.

    Targets are outlined and labelled with the action, every node and edge on a path
    to a readout is lit and its label marked ▲ (rises), ▼ (falls) or both; the rest
    is dimmed (faded and, for edges, dashed). With ``view.step`` set, only the nodes
    revealed so far are lit, the newest one marked. The drugs ``compared`` (up to two)
    get their targets and routes outlined in a colour each (② solid, ③ dashed), and
    the labels their numbered marks (①②③).
    """
    sheet: list[dict] = []
    room = room_of(view)
    scale = room.scale
    drugs = [e for e in (explanation, *compared) if e is not None and e.targets]
    if drugs:
        sheet.append({"selector": ".entity", "style": DIM_NODE})
        sheet.append({"selector": "edge", "style": {"line-style": "dashed", "width": DIM["edge_width"] * scale}})
    shown: list[tuple[frozenset, frozenset, dict]] = []  # per drug: lit nodes, lit edges, signs
    for explanation_ in (explanation, *compared):
        if explanation_ is None or not explanation_.targets:
            shown.append((frozenset(), frozenset(), {}))
            continue
        signs = lit_signs(graph, explanation_)
        nodes, edges = explanation_.highlight.nodes, explanation_.highlight.edges
        if view.step is not None and explanation_ is explanation:
            steps = chain_steps(graph, explanation_)
            revealed = steps[: len(explanation_.targets) + view.step]
            nodes = frozenset(s.node for s in revealed) & explanation_.highlight.nodes
            edges = frozenset(s.via for s in revealed if s.via is not None)
        shown.append((nodes, edges, signs))
    (lit_a, edges_a, _), others = shown[0], shown[1:]
    lit_all = lit_a.union(*(lit for lit, _, _ in others))
    if lit_a:
        sheet.append({"selector": _ids("node", lit_a), "style": {
            **UNDIM_NODE, "underlay-color": HIGHLIGHT["lit"], "underlay-opacity": HIGHLIGHT["lit_opacity"],
            "underlay-padding": LIT_PADDING, "underlay-shape": "round-rectangle"}})
    if edges_a:
        sheet.append({"selector": _ids("edge", _edge_ids(edges_a)), "style": {
            "line-style": "solid", "width": 4 * scale, "underlay-color": HIGHLIGHT["lit"],
            "underlay-opacity": HIGHLIGHT["lit_opacity"], "underlay-padding": 5}})
    needs = [(u, v) for u, v, sign in graph.edges(data="sign") if sign == 0 and v in lit_all]
    if needs:  # the requirements of a lit node stay in view: conditions, drawn dashed, never lit
        sheet.append({"selector": _ids("edge", _edge_ids(needs)), "style": {"width": 2.2 * scale}})
        sheet.append({"selector": _ids("node", {u for u, _ in needs} - lit_all), "style": UNDIM_NODE})
    # Each compared drug's outline, the later first: a node on the routes of two compared
    # drugs takes the first one's colour, with a double line.
    lit_by = [lit for lit, _, _ in others]
    for i in reversed(range(len(others))):
        lit, edges, _ = others[i]
        colour, line = COMPARED_OUTLINES[i]
        if lit:
            sheet.append({"selector": _ids("node", lit), "style": {
                **UNDIM_NODE, "outline-color": colour, "outline-width": 5, "outline-offset": 4,
                "outline-opacity": 1, "outline-style": line}})
        alone = edges - edges_a - frozenset().union(*(e for _, e, _ in others[:i]))
        if alone:
            sheet.append({"selector": _ids("edge", _edge_ids(alone)), "style": {
                "line-style": "solid", "width": 4 * scale, "underlay-color": colour,
                "underlay-opacity": HIGHLIGHT["lit_opacity"], "underlay-padding": 5}})
    if len(lit_by) > 1 and lit_by[0] & lit_by[1]:
        sheet.append({"selector": _ids("node", lit_by[0] & lit_by[1]), "style": {
            "outline-style": "double", "outline-width": 7}})
    # Every arrow into a node with a halo (or a compared drug's outline) ends outside it: the
    # halo is drawn over the lines, and must not hide an inhibition's tee (or an arrowhead).
    into_lit = [(u, v) for u, v in graph.edges if v in lit_all]
    if into_lit:
        sheet.append({"selector": _ids("edge", _edge_ids(into_lit)), "style": {"target-distance-from-node": LIT_GAP}})
    every = [(e.targets if e is not None else {}, lit, signs) for e, (lit, _, signs) in
             zip((explanation, *compared), shown, strict=True)]
    for node in sorted(set().union(*(set(targets) | lit for targets, lit, _ in every))):
        label, width, height = node_box(graph.nodes[node]["label"], graph.nodes[node]["kind"])
        marks = [sign_mark(signs.get(node, frozenset())) if node in lit else "" for _, lit, signs in every]
        actions = [action_words(targets[node]) if node in targets else "" for targets, _, _ in every]
        lines = overlay_lines(label, marks, actions)
        badge = any(actions)
        style: dict = {"label": "\n".join(lines)}
        grown_width, grown_height = overlay_size(width, height, lines, len(lines) - len(label.split("\n")), scale,
                                                 bold=badge, kind=graph.nodes[node]["kind"])
        if grown_width:
            style["width"] = grown_width
        if grown_height:
            style["height"] = grown_height
        if badge:
            style.update({**UNDIM_NODE,
                          "border-color": HIGHLIGHT["target"], "border-width": 5, "border-style": "solid",
                          "font-weight": "bold"})
        sheet.append({"selector": _ids("node", [node]), "style": style})
    if view.step is not None and explanation is not None and view.step > 0:
        steps = chain_steps(graph, explanation)
        newest = steps[len(explanation.targets) + view.step - 1]
        sheet.append({"selector": _ids("node", [newest.node]), "style": {
            "underlay-opacity": 1, "underlay-padding": NEWEST_PADDING, "font-weight": "bold"}})
        into_newest = [(u, v) for u, v in graph.edges if v == newest.node]
        sheet.append({"selector": _ids("edge", _edge_ids(into_newest)), "style": {
            "target-distance-from-node": NEWEST_GAP}})
        if newest.via:
            sheet.append({"selector": _ids("edge", _edge_ids([newest.via])), "style": {
                "width": 6 * scale, "underlay-opacity": 1, "underlay-padding": 7}})
    if view.node and view.node in graph:
        sheet.append({"selector": _ids("node", [view.node]), "style": SELECTED_NODE})
    if view.edge and edge_ends(graph, view.edge):
        sheet.append({"selector": _ids("edge", [view.edge]), "style": {
            **SELECTED_EDGE, "label": "data(mechanism)"}})
    return sheet


#: Faded (off every route) and back to normal: lighter fills and outlines, grey but legible
#: labels (``style.DIM``), never transparency, so that a faded label still reads at 4.5:1.
DIM_NODE = {"background-opacity": DIM["fill_opacity"], "border-opacity": DIM["border_opacity"], "color": DIM["ink"]}
UNDIM_NODE = {"background-opacity": 1, "border-opacity": 1, "color": NODE_INK}
#: A lit node's halo reaches this far beyond its border (the step-through's newest node's,
#: further); an arrow into it stops this far out, so its head or tee stays in sight.
LIT_PADDING, NEWEST_PADDING = 8, 12
LIT_GAP, NEWEST_GAP = LIT_PADDING + 3, NEWEST_PADDING + 3
#: The node the arrow keys are on (assets/app.js adds the class): the page's focus ring colour.
#: The app puts it after the overlay, so that it is drawn over any other outline.
FOCUS_RULE = {"selector": ".kbd-focus", "style": {
    "outline-color": "#0072B2", "outline-width": 4, "outline-offset": 6, "outline-opacity": 1,
    "outline-style": "solid"}}


#: The selected node or edge: a dark overlay and, for nodes, a thick double border.
SELECTED_NODE = {"overlay-color": "#000000", "overlay-opacity": 0.22, "overlay-padding": 8,
                 "border-width": 6, "border-style": "double", "border-color": "#000000"}
SELECTED_EDGE = {"overlay-color": "#000000", "overlay-opacity": 0.25, "overlay-padding": 7}


# -- legend ----------------------------------------------------------------------

_SHAPES = {
    "round-rectangle": '<rect x="2" y="5" width="28" height="16" rx="5"/>',
    "ellipse": '<ellipse cx="16" cy="13" rx="14" ry="8"/>',
    "diamond": '<polygon points="16,2 30,13 16,24 2,13"/>',
    "hexagon": '<polygon points="8,4 24,4 30,13 24,22 8,22 2,13"/>',
    "barrel": '<path d="M5 5 H27 Q31 13 27 21 H5 Q1 13 5 5 Z"/>',
    "octagon": '<polygon points="9,3 23,3 29,9 29,17 23,23 9,23 3,17 3,9"/>',
    "tag": '<polygon points="2,5 22,5 30,13 22,21 2,21"/>',
}


def _swatch(shape: str, fill: str, stroke: str = "#4d4d4d", stroke_width: float = 1.5, dashed: bool = False
            ) -> html.Img:
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="32" height="26" viewBox="0 0 32 26">'
           f'<g fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"{dash}>{_SHAPES[shape]}</g></svg>')
    return html.Img(src="data:image/svg+xml;utf8," + quote(svg), alt="", className="legend-swatch")


def _arrow_swatch(effect: str, dashed: bool = False) -> html.Img:
    colour = EFFECT_STYLE[effect]["colour"]
    head = {"activates": f'<polygon points="30,13 21,8 21,18" fill="{colour}"/>',
            "inhibits": f'<line x1="29" y1="5" x2="29" y2="21" stroke="{colour}" stroke-width="3"/>',
            "requires": (f'<line x1="18" y1="7" x2="18" y2="19" stroke="{colour}" stroke-width="2"/>'
                         f'<polygon points="30,13 21,8 21,18" fill="#FFFFFF" stroke="{colour}"/>')}[effect]
    dash = ' stroke-dasharray="4 3"' if dashed or effect == "requires" else ""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="32" height="26" viewBox="0 0 32 26">'
           f'<line x1="2" y1="13" x2="27" y2="13" stroke="{colour}" stroke-width="2.5"{dash}/>{head}</svg>')
    return html.Img(src="data:image/svg+xml;utf8," + quote(svg), alt="", className="legend-swatch")


def legend(kinds: Iterable[str] | None = None) -> html.Div:
    """Node kinds, the two arrow types, readouts and the drug overlay, in HTML."""
    kinds = [k for k in KIND_STYLE if kinds is None or k in set(kinds)]
    items = [html.Li([_swatch(KIND_STYLE[k]["shape"], KIND_STYLE[k]["fill"]), KIND_STYLE[k]["label"]])
             for k in kinds]
    items += [
        html.Li([_arrow_swatch("activates"), "activates"]),
        html.Li([_arrow_swatch("inhibits"), "inhibits"]),
        html.Li([_arrow_swatch("requires"), "requires (necessary condition)"]),
        html.Li([_swatch("round-rectangle", "#FFFFFF", HIGHLIGHT["readout"], 3.5), "readout"]),
        html.Li([_swatch("round-rectangle", "#FFFFFF", HIGHLIGHT["target"], 4), "drug target"]),
        html.Li([_swatch("round-rectangle", HIGHLIGHT["lit"], HIGHLIGHT["lit"]),
                 "on a path to a readout: ▲ rises, ▼ falls, ▲▼ both"], className="legend-lit"),
        html.Li([_swatch("round-rectangle", "#FFFFFF", HIGHLIGHT["compare"], 4),
                 f"{COMPARE_MARKS[1]} the drug compared"], className="legend-compare"),
        html.Li([_swatch("round-rectangle", "#FFFFFF", HIGHLIGHT["compare_third"], 4, dashed=True),
                 f"{COMPARE_MARKS[2]} the third drug"], className="legend-compare legend-compare-third"),
        html.Li([_arrow_swatch("activates", dashed=True), "off the path (faded)"]),
    ]
    return html.Div([html.H2("Legend", className="legend-title"), html.Ul(items, className="legend-list")],
                    className="legend")


