"""How big each node is drawn on screen, and where it goes so that no two touch.

A node's box fits its wrapped label (:func:`node_box`); a drug's overlay can make it
wider and taller (a sign mark on the last line, the action on a line of its own:
:func:`overlay_size`). What the boxes are drawn for is the graph's :class:`Room`: one
drug or up to three compared, the page or present mode (everything
:data:`PRESENT_SCALE` times larger), and the type step (A−/A+). The
curated positions were drawn for the plain boxes, so :func:`roomy_positions` lets
space into them wherever the largest box a node can take (any drug's overlay, with the
lit halo) would touch another. Present mode starts from the panel's layout for the
room (its ``[slide]`` columns and rows, drawn together) and lets in only the space the
boxes need, so that a 16:9 projector is filled and the type is as large as it can be.
"""

from __future__ import annotations

import math
import textwrap
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .. import engine
from ..figure.geometry import Box, segment_hits_box
from ..figure.text import text_width
from ..model import KnowledgeBase, action_words

__all__ = ["CHAR_WIDTH", "COMPARE_MARKS", "MAX_COMPARED", "PAGE_ROOM", "PRESENT_SCALE", "TYPE_STEPS", "Room",
           "compartment_walls", "label_band", "label_shifts", "node_box", "open_up", "overlay_lines", "overlay_size",
           "roomy_positions"]

CHARS_PER_LINE = 16
CHAR_WIDTH = 7.4  # px per character at the node font (13 px), a generous average for sans-serif
#: Present mode draws type (and the boxes around it) this much larger, for the back row.
PRESENT_SCALE = 1.4
#: Each type step (A−/A+, ``&type=N``) draws type this much larger (smaller), within these steps.
TYPE_FACTOR = 1.2
TYPE_STEPS = range(-2, 5)
#: The widest sign mark a lit node's label can carry (it rises and falls by different routes).
WIDEST_MARK = "▲▼"
#: The marks of the drugs compared (the first drug, then up to two more), on the labels they light.
COMPARE_MARKS = ("①", "②", "③")
MAX_COMPARED = len(COMPARE_MARKS) - 1
#: Most parts a view is shown in (the integrated view has three).
MAX_PARTS = 8
#: Present mode's start: the panel's layout for the room (columns and rows), this far apart
#: before space is let in (so that every node is as close to the next as its box allows).
GRID = (60.0, 40.0)
#: Room kept between two boxes: what each draws outside its box (a lit node's halo, 8 px;
#: the step-through's newest node's, 12 px) and a little white between them; when two
#: drugs are compared, the second drug's outline (9 px beyond a target's 5-px border); when
#: three are, the double outline of a node two compared drugs share (11 px beyond it).
CLEARANCE = 24.0
CLEARANCE_COMPARED = 30.0
CLEARANCE_THREE = 34.0
#: Room for each compartment wall: the compound node's padding (22 px) and border beside
#: it; above, also its label (13 px type, 1.4 times in present mode).
WALL_X = 24.0
WALL_Y = 44.0
#: White kept around a compartment's label, clear of any arrow (px at the page's scale), and
#: the step in which the label is moved sideways to find such a place.
LABEL_CLEARANCE = 6.0
LABEL_STEP = 4.0
#: White kept between two compartments side by side (their borders, and the nodes'
#: own borders, which Cytoscape adds to a compound node's size, take some of it).
COMPARTMENT_GAP = 14.0

Point = tuple[float, float]
#: Kinds drawn as shapes whose text has only the middle (ellipse, diamond, hexagon,
#: octagon): their boxes are this much wider and taller than the text.
MIDDLE_ONLY = {kind: (1.3, 1.35) for kind in ("enzyme", "factor", "transmitter", "metabolite")}


@dataclass(frozen=True)
class Room:
    """What the graph's positions are made for: how many drugs are ``compared`` beside the
    first (0 to :data:`MAX_COMPARED`), ``present`` mode, the ``type_step`` (A−/A+), and
    the ``part`` drawn of a view shown in parts (``None``: the whole graph). Only a change
    of room redraws the graph's elements; a drug switch changes its style."""

    compared: int = 0
    present: bool = False
    type_step: int = 0
    part: int | None = None

    @property
    def scale(self) -> float:
        """How much larger than the page's 13-px type the labels (and their boxes) are drawn."""
        return (PRESENT_SCALE if self.present else 1.0) * TYPE_FACTOR ** self.type_step

    def to_dict(self) -> dict[str, Any]:
        return {"compare": self.compared, "present": self.present, "type": self.type_step, "part": self.part}

    @classmethod
    def from_dict(cls, stored: Any) -> Room:
        """The room kept in the browser (checked: anything odd is the default room)."""
        stored = stored if isinstance(stored, dict) else {}

        def number(value: Any, allowed: range) -> int:
            ok = isinstance(value, int) and not isinstance(value, bool) and value in allowed
            return value if ok else 0

        part = stored.get("part")
        return cls(number(stored.get("compare"), range(MAX_COMPARED + 1)), stored.get("present") is True,
                   number(stored.get("type"), TYPE_STEPS), number(part, range(MAX_PARTS)) if part is not None else None)


#: The page's room: one drug at most, the page's sizes.
PAGE_ROOM = Room()


def node_box(label: str, kind: str) -> tuple[str, float, float]:
    """The label with line breaks, and a width and height that fit it."""
    lines = textwrap.wrap(label, CHARS_PER_LINE, break_long_words=False, break_on_hyphens=False) or [label]
    width = max(64.0, CHAR_WIDTH * max(len(line) for line in lines) + 22)
    height = 18.0 * len(lines) + 16
    if kind in MIDDLE_ONLY:
        width, height = width * MIDDLE_ONLY[kind][0], height * MIDDLE_ONLY[kind][1]
    elif kind == "process":
        width += 14
    return "\n".join(lines), round(width, 1), round(height, 1)


def overlay_lines(label: str, marks: Sequence[str], actions: Sequence[str]) -> list[str]:
    """A node's label under one drug, or two or three compared (``marks`` and ``actions``
    one per drug, ``""`` where it has none).

    One drug: its sign mark after the last line, then its action on a line of its own.
    Several: the marks on a line of their own, numbered (``①▲ ②▼``; ``①② ▲`` when every
    drug's is alike; drugs alike grouped, ``①③▲ ②▼``), so the box grows taller rather
    than wider and keeps clear of its neighbours; then the actions, a line for each
    action with the drugs that take it (``①②[antagonist]``).
    """
    lines = label.split("\n")
    if len(marks) == 1:
        if marks[0]:
            lines[-1] += f" {marks[0]}"
        return lines + [f"[{words}]" for words in actions if words]
    numbered = dict(zip(COMPARE_MARKS, marks, strict=False))
    if all(numbered.values()) and len(set(numbered.values())) == 1:
        lines.append(f"{''.join(numbered)} {marks[0]}")
    elif any(marks):
        lines.append(" ".join(f"{''.join(drugs)}{sign}" for sign, drugs in _grouped(numbered).items()))
    lines += [f"{''.join(drugs)}[{words}]"
              for words, drugs in _grouped(dict(zip(COMPARE_MARKS, actions, strict=False))).items()]
    return lines


def _grouped(numbered: Mapping[str, str]) -> dict[str, list[str]]:
    """Each value (but ``""``) with the drugs' numbers that have it, in the drugs' order."""
    groups: dict[str, list[str]] = {}
    for number, value in numbered.items():
        if value:
            groups.setdefault(value, []).append(number)
    return groups


def overlay_size(width: float, height: float, lines: Sequence[str], extra: int, scale: float = 1.0, *,
                 bold: bool = False, kind: str = "") -> tuple[float | None, float | None]:
    """The width and height ``lines`` need in a box of ``width`` × ``height`` (unscaled) made
    for ``extra`` lines fewer, times ``scale``; ``None`` where the node's own size will do.
    ``bold`` (a drug's target) runs wider; a ``kind`` of :data:`MIDDLE_ONLY` needs more room."""
    grow_x, grow_y = MIDDLE_ONLY.get(kind, (1.0, 1.0))
    fit = (CHAR_WIDTH * (1.12 if bold else 1) * max(len(line) for line in lines) + 24) * grow_x
    return (round(fit * scale, 1) if fit > width else None,
            round((height + 18 * extra * grow_y) * scale, 1) if extra else None)


def _largest_boxes(kb: KnowledgeBase, graph: nx.DiGraph, room: Room) -> dict[str, Point]:
    """Each node's largest box in ``room`` (at its scale, on its lines): as it is, or as an
    overlay can draw it.

    One drug: exactly, for each drug's action and the widest mark. Two or three compared:
    a bound, the widest marks of each, each action taken by all of them (the widest line)
    and, on a node several drugs act on, the longest actions apart (the most lines).
    """
    scale, drugs = room.scale, room.compared + 1
    lit: set[str] = set()
    actions: dict[str, set[str]] = {node: set() for node in graph}
    whole = graph.graph.get("whole", graph)       # a part of a view: lit as the whole view lights it
    for drug in kb.drugs.values():
        explanation = engine.explain_drug(kb, drug, whole)
        lit |= explanation.highlight.nodes
        for node, acts in explanation.targets.items():
            if node in actions:
                actions[node].add(action_words(acts))
    boxes = {}
    for node, data in graph.nodes(data=True):
        label, width, height = node_box(data["label"], data["kind"])
        mark = WIDEST_MARK if node in lit else ""
        views = [([mark], [""])] + [([mark], [words]) for words in actions[node]]
        if drugs > 1:   # marks unlike (each numbered), each action for all, the longest apart
            unlike = [WIDEST_MARK, "▲", "▼"][:drugs] if node in lit else [""] * drugs
            longest = sorted(actions[node], key=len)[-drugs:]
            views += [(unlike, acts) for acts in [[""] * drugs, *([w] * drugs for w in actions[node])]]
            if len(longest) > 1:
                views.append((unlike, longest + [""] * (drugs - len(longest))))
        largest = (width * scale, height * scale)
        for marks, acts in views:
            lines = overlay_lines(label, marks, acts)
            grown = overlay_size(width, height, lines, len(lines) - len(label.split("\n")), scale,
                                 bold=any(acts), kind=data["kind"])
            largest = (max(largest[0], grown[0] or 0), max(largest[1], grown[1] or 0))
        boxes[node] = largest
    return boxes


def open_up(positions: Mapping[str, Point], boxes: Mapping[str, Point], clearance: float,
            walls: Mapping[str, tuple[str, ...]] | None = None, scale: float = 1.0) -> dict[str, Point]:
    """``positions`` with space let in wherever two boxes (width, height, centred) would
    come closer than ``clearance``, and, given ``walls`` (each node's compartment and
    the ones around it, innermost first), wherever two compartments side by side would
    meet (:func:`_compartment_clash`), their labels drawn at ``scale``.

    As a column or a row is inserted into a grid: for two nodes side by side, every node
    from the right one's x rightwards moves right by what is missing; for two nodes one
    above the other, every node from the lower one's y downwards moves down. Rows,
    columns and the order of the curated layout stay as they were, and no move brings
    two nodes closer, so each move settles one pair for good. (The pairs are compared
    all against all: a panel has at most a few dozen nodes.)
    """
    placed = dict(positions)
    nodes = list(placed)
    wall_y = wall_height(scale)
    while True:
        move = _node_clash(placed, nodes, boxes, clearance, walls, wall_y)
        if move is None and walls:
            move = _compartment_clash(placed, boxes, walls, wall_y)
        if move is None:
            return placed
        axis, edge, by = move
        placed = {n: ((x + by, y) if x >= edge else (x, y)) if axis == "x" else ((x, y + by) if y >= edge else (x, y))
                  for n, (x, y) in placed.items()}


Move = tuple[str, float, float]      # axis, from which coordinate on, by how much


def wall_height(scale: float) -> float:
    """Room above a compartment's wall: its padding and its label, drawn ``scale`` times 13 px."""
    return max(WALL_Y, WALL_X + 13 * 1.25 * scale)


def _node_clash(placed: Mapping[str, Point], nodes: list[str], boxes: Mapping[str, Point], clearance: float,
                walls: Mapping[str, tuple[str, ...]] | None, wall_y: float = WALL_Y) -> Move | None:
    """The first two nodes too close, as the move that parts them; each compartment wall
    between them asks for :data:`WALL_X` more across, ``wall_y`` more above or below."""
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            (xa, ya), (xb, yb) = placed[a], placed[b]
            crossed = len(set(walls[a]) ^ set(walls[b])) if walls else 0
            need_x = (boxes[a][0] + boxes[b][0]) / 2 + clearance + crossed * WALL_X - abs(xa - xb)
            need_y = (boxes[a][1] + boxes[b][1]) / 2 + clearance + crossed * wall_y - abs(ya - yb)
            if need_x <= 0.5 or need_y <= 0.5:        # half a pixel is not a clash
                continue
            if abs(xa - xb) < 1 and abs(ya - yb) < 1:
                raise ValueError(f"{a!r} and {b!r} are placed on the same spot")
            if abs(ya - yb) < 1 or (abs(xa - xb) >= 1 and need_x <= need_y):
                return "x", max(xa, xb), math.ceil(need_x)
            return "y", max(ya, yb), math.ceil(need_y)
    return None


def _compartment_boxes(placed: Mapping[str, Point], boxes: Mapping[str, Point],
                       walls: Mapping[str, tuple[str, ...]], wall_y: float = WALL_Y
                       ) -> dict[str, tuple[float, float, float, float]]:
    """Each compartment's box (x0, y0, x1, y1) as Cytoscape draws a compound node: its
    nodes' boxes and a padding for every wall out to it, its label above each wall."""
    found: dict[str, tuple[float, float, float, float]] = {}
    for node, lineage in walls.items():
        x, y = placed[node]
        w, h = boxes[node][0] / 2, boxes[node][1] / 2
        for depth, compartment in enumerate(lineage, 1):
            box = (x - w - depth * WALL_X, y - h - depth * wall_y, x + w + depth * WALL_X, y + h + depth * WALL_X)
            old = found.get(compartment, box)
            found[compartment] = (min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3]))
    return found


def _compartment_clash(placed: Mapping[str, Point], boxes: Mapping[str, Point],
                       walls: Mapping[str, tuple[str, ...]], wall_y: float = WALL_Y) -> Move | None:
    """The first two compartments, neither inside the other, whose boxes come within
    :data:`COMPARTMENT_GAP`, as the
    move that parts them: a row (or column) inserted where one's nodes all lie before
    the other's; none if their nodes interleave both ways."""
    members: dict[str, set[str]] = {}
    for node, lineage in walls.items():
        for compartment in lineage:
            members.setdefault(compartment, set()).add(node)
    found = _compartment_boxes(placed, boxes, walls, wall_y)
    names = sorted(found)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if members[a] <= members[b] or members[b] <= members[a]:
                continue
            p, q = found[a], found[b]
            gap = COMPARTMENT_GAP
            if not (p[0] < q[2] + gap and q[0] < p[2] + gap and p[1] < q[3] + gap and q[1] < p[3] + gap):
                continue
            moves = []
            for axis, k in (("x", 0), ("y", 1)):
                first, second = (a, b) if p[k] <= q[k] else (b, a)
                edge = min(placed[n][k] for n in members[second])
                if all(placed[n][k] < edge for n in members[first]):
                    moves.append((axis, edge, math.ceil(found[first][k + 2] + gap - found[second][k])))
            if moves:
                return min(moves, key=lambda move: move[2])
    return None


_ROOMY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def start_positions(kb: KnowledgeBase, graph: nx.DiGraph, room: Room) -> dict[str, Point]:
    """Where :func:`roomy_positions` starts: the curated positions; in present mode, the
    panel's layout for the room (its ``[slide]``, or the part's of a view shown in parts:
    each node's column and row) drawn together, :data:`GRID` apart, where it has one."""
    hypothesis = kb.hypotheses.get(graph.graph.get("id", ""))
    slide = hypothesis.slide if hypothesis is not None else None
    if graph.graph.get("part") is not None:
        slide = kb.integrated_parts[graph.graph["part"]]
    if room.present and slide is not None and all(node in slide.nodes for node in graph):
        return {node: (slide.nodes[node][0] * GRID[0], slide.nodes[node][1] * GRID[1]) for node in graph}
    return {node: (float(data["x"]), float(data["y"])) for node, data in graph.nodes(data=True)}


def _clearance(room: Room) -> float:
    """The room kept between two boxes for as many drugs as ``room`` compares."""
    return (CLEARANCE, CLEARANCE_COMPARED, CLEARANCE_THREE)[min(room.compared, 2)]


def roomy_positions(kb: KnowledgeBase, graph: nx.DiGraph, room: Room = PAGE_ROOM) -> dict[str, Point]:
    """The graph's positions (:func:`start_positions`), opened up so that no two nodes
    touch in any view of one drug (or of as many as the ``room`` compares), lit, at the
    room's sizes. Each takes only the room it needs, so everyday views stay compact.
    Remembered per graph and room (graphs are not changed after they are built)."""
    remembered = _ROOMY.setdefault(graph, {})
    if room not in remembered:
        walls = {node: tuple(kb.compartment_lineage(data["compartment"])) for node, data in graph.nodes(data=True)}
        remembered[room] = open_up(start_positions(kb, graph, room), _largest_boxes(kb, graph, room),
                                   _clearance(room), walls, room.scale)
    return remembered[room]


def label_band(label: str, wall: tuple[float, float, float, float], scale: float, shift: float = 0.0) -> Box:
    """Where Cytoscape draws a compartment's label (bold, 13 px times ``scale``, centred above
    the top wall of its box ``wall``, as :func:`_compartment_boxes` finds it), moved ``shift``
    sideways, with :data:`LABEL_CLEARANCE` around it."""
    x0, y0, x1, _ = wall
    half = text_width(label, 13 * scale, bold=True) / 2 + LABEL_CLEARANCE * scale
    middle = (x0 + x1) / 2 + shift
    return Box(middle - half, y0 - LABEL_CLEARANCE * scale, middle + half, y0 + 13 * 1.25 * scale
               + LABEL_CLEARANCE * scale)


def label_shifts(kb: KnowledgeBase, graph: nx.DiGraph, positions: Mapping[str, Point],
                 scale: float = 1.0) -> dict[str, float]:
    """How far each compartment's label moves sideways from the middle of its top wall so that
    no arrow runs through it: an arrow entering a compartment from above (into a compartment
    of one node, always) would cross a centred label. The smallest move, in steps of
    :data:`LABEL_STEP` either way, that clears every arrow (drawn straight, centre to centre);
    0 where the middle is clear, or where no place along the wall is."""
    found = compartment_walls(kb, graph, positions, scale)
    arrows = [(*positions[a], *positions[b]) for a, b in graph.edges()]
    shifts = {}
    for compartment, wall in found.items():
        label = kb.compartments[compartment].label
        # As far as the wall's corner and a quarter of the label beyond (a label wider than its
        # compartment, an arrow leaving through the middle of its top wall).
        reach = (wall[2] - wall[0]) / 2 + text_width(label, 13 * scale, bold=True) / 4
        steps = (k * LABEL_STEP * sign + 0.0 for k in range(int(reach / LABEL_STEP) + 1) for sign in (-1, 1))
        shifts[compartment] = next((shift for shift in steps if not any(
            segment_hits_box(arrow, label_band(label, wall, scale, shift)) for arrow in arrows)), 0.0)
    return shifts


def compartment_walls(kb: KnowledgeBase, graph: nx.DiGraph, positions: Mapping[str, Point],
                      scale: float = 1.0) -> dict[str, tuple[float, float, float, float]]:
    """Each compartment's box around its nodes' plain boxes at ``positions`` (see :func:`label_band`)."""
    walls = {node: tuple(kb.compartment_lineage(data["compartment"])) for node, data in graph.nodes(data=True)}
    sizes = {node: tuple(v * scale for v in node_box(data["label"], data["kind"])[1:])
             for node, data in graph.nodes(data=True)}
    return _compartment_boxes(positions, sizes, walls, wall_height(scale))
