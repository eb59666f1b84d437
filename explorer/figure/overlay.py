"""The drug overlay: which nodes and edges it lights or dims, and the words it puts by nodes.

A readout's prediction carries its basis: ``stated`` (the review names the drug
here), ``analogy`` (it likens the drug to one it names) or ``extrapolated`` (the
panel's logic applied to the drug). Extrapolated words get a dashed tag and the
caveat line. In the integrated view a readout no deciding panel changes reads "not
stated" (or "required", a condition), and a drug no panel names "not covered".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from ..account import extrapolation_caveat
from ..engine import NOT_COVERED, Explanation
from ..model import action_words
from ..style import EFFECT_WORDS, HIGHLIGHT
from .elements import Badge
from .geometry import Box, Layout, PlacedNode, segment_hits_box
from .presets import Preset
from .tags import tag_in_room, tag_rows, tag_size
from .text import text_width

__all__ = ["Overlay", "badges", "basis_of", "extrapolation_caveat", "readout_word"]

_BADGE_WORDS = {"up": "increased", "down": "decreased", "mixed": "mixed", "none": "no path"}
#: How a lit node is marked: it rises, falls, or routes of both signs meet there.
SIGN_WORDS = {frozenset({1}): "up", frozenset({-1}): "down", frozenset({1, -1}): "mixed"}
SIGN_SYMBOLS = {frozenset({1}): "▲", frozenset({-1}): "▼", frozenset({1, -1}): "▲▼"}


def readout_word(explanation: Explanation, effect) -> str:
    """A readout's tag: increased, decreased, mixed; required (a condition of the drug's
    route, never a fall); in the integrated view not stated / not covered; else no path."""
    if effect.effect != "none":
        return _BADGE_WORDS[effect.effect]
    if effect.required_for:
        return "required"
    if explanation.hypothesis == "integrated":
        return "not stated" if explanation.covered else NOT_COVERED.removesuffix(" by the review's hypotheses")
    return _BADGE_WORDS["none"]


def basis_of(effect) -> str:
    """``stated``, ``extrapolated`` or ``""`` (no effect) for a readout effect."""
    return effect.basis if effect.effect != "none" else ""


@dataclass(frozen=True)
class Overlay:
    """How the drug overlay draws each node and edge."""

    explanation: Explanation | None
    readout_names: Mapping[str, str]      # readout name → node id

    @property
    def readout_nodes(self) -> frozenset[str]:
        return frozenset(self.readout_names.values())

    @property
    def active(self) -> bool:
        """A drug is shown and acts on something drawn: there is something to light."""
        return self.explanation is not None and bool(self.explanation.targets)

    def is_target(self, node: str) -> bool:
        return self.active and node in self.explanation.targets

    def node_lit(self, node: str) -> bool:
        return self.active and node in self.explanation.highlight.nodes

    @property
    def requirements(self) -> frozenset[tuple[str, str]]:
        """The ``requires`` edges into the predictions' chains: conditions of the route,
        not steps of it, so drawn at full strength but not lit."""
        if not self.active:
            return frozenset()
        return frozenset(pair for effect in self.explanation.readouts.values()
                         for pair in effect.requires)

    def node_dim(self, node: str) -> bool:
        return (self.active and not self.node_lit(node) and not self.is_target(node)
                and node not in self.readout_nodes and not any(node == u for u, _ in self.requirements))

    def edge_lit(self, edge: tuple[str, str]) -> bool:
        return self.active and edge in self.explanation.highlight.edges

    def edge_dim(self, edge: tuple[str, str]) -> bool:
        return self.active and not self.edge_lit(edge) and edge not in self.requirements

    @property
    def extrapolated(self) -> bool:
        return self.explanation is not None and any(
            basis_of(e) == "extrapolated" for e in self.explanation.readouts.values())


def _badge_parts(node: str, overlay: Overlay) -> tuple[list[tuple[str, str]], bool]:
    """The overlay's words above a node, and whether they state an extrapolation."""
    if not overlay.active:
        return [], False
    parts, extrapolated = [], False
    signs = overlay.explanation.signs.get(node)
    mark = SIGN_SYMBOLS[signs] if signs and node not in overlay.readout_nodes else ""  # a readout's tag says it
    if overlay.is_target(node):
        action = action_words(overlay.explanation.targets[node])
        parts.append((f"{action} {mark}".strip(), HIGHLIGHT["target"]))
    elif mark:
        parts.append((mark, EFFECT_WORDS[SIGN_WORDS[signs]]["colour"]))
    for name, effect in overlay.explanation.readouts.items():
        if overlay.readout_names.get(name) == node:
            word = EFFECT_WORDS[effect.effect]
            basis = basis_of(effect)
            extrapolated |= basis == "extrapolated"
            suffix = f" ({basis})" if basis in ("extrapolated", "analogy") else ""
            parts.append((f"{word['symbol']} {readout_word(overlay.explanation, effect)}{suffix}".strip(),
                          word["colour"]))
    return parts, extrapolated


def _place_badge(placed: Layout, p: PlacedNode, parts, size: float, taken: list[Box], bounds: Box) -> Box:
    """Where the words go beside the node, hiding the least.

    Tried in turn: above (always inside the drawing: every node keeps room there),
    below, right, left and the four corners, then the same a step further out. A spot
    costs most where it would lie on text (a node and its label, an earlier tag, a
    compartment's label), then where it covers an arrowhead, less where it crosses a
    line or a compartment's border; a spot outside the drawing is never taken.
    """
    width = text_width(" · ".join(words for words, _ in parts), size, bold=True) + 8 * size / 11
    height = size + 4.0 * size / 11
    box = p.box

    def ring(step: float) -> list[tuple[float, float]]:
        return [
            (p.x - width / 2, box.y0 - height - 1 - step), (p.x - width / 2, box.y1 + 2 + step),
            (box.x1 + 3 + step, p.y - height / 2), (box.x0 - width - 3 - step, p.y - height / 2),
            (box.x1 - 6 + step, box.y0 - height - 1 - step), (box.x0 - width + 6 - step, box.y0 - height - 1 - step),
            (box.x1 - 6 + step, box.y1 + 1 + step), (box.x0 - width + 6 - step, box.y1 + 1 + step),
        ]

    spots = ring(0.0)
    texts = ([n.box for n in placed.nodes.values()] + [c.label_box for c in placed.compartments] + taken)

    def cost(spot) -> float:
        tag = Box(spot[0], spot[1], spot[0] + width, spot[1] + height)
        if not bounds.contains(tag) and spot != spots[0]:
            return math.inf
        total = 50.0 * sum(tag.overlaps(other) for other in texts)
        for x1, y1, x2, y2 in placed.edges.values():
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            head = min(1.0, 24 / length)
            tip = (x2 - (x2 - x1) * head, y2 - (y2 - y1) * head, x2, y2)
            total += 10.0 if segment_hits_box(tip, tag) else float(segment_hits_box((x1, y1, x2, y2), tag))
        total += sum(c.box.overlaps(tag) and not c.box.contains(tag) for c in placed.compartments)
        return total

    x, y = min(spots, key=cost)  # min keeps the earliest of equally good spots
    if cost((x, y)) >= 50.0:     # on text wherever it goes by the node: a step further out
        x, y = min([(x, y), *ring(height + 2)], key=cost)
    found = Box(x, y, x + width, y + height)
    taken.append(found)
    return found


def badges(graph: nx.DiGraph, placed: Layout, overlay: Overlay, preset: Preset) -> list[Badge]:
    """Each node's tag: in the room its node keeps for it (a slide), or where it hides least."""
    taken: list[Box] = []
    out = []
    bounds = placed.bounds
    for node in graph:
        parts, extrapolated = _badge_parts(node, overlay)
        if parts:
            p = placed.nodes[node]
            rows = tag_rows(parts, preset.badge_font, preset.tag_width)
            if p.tag_box is not None:
                box = tag_in_room(p.box, p.tag_side, p.tag_box, *tag_size(rows, preset.badge_font))
            else:
                box = _place_badge(placed, p, parts, preset.badge_font, taken, bounds)
            out.append(Badge(node, box, tuple(parts), preset.badge_font, extrapolated,
                             rows if len(rows) > 1 else ()))
    return out
