"""The pieces of a scene: text blocks, nodes, edges, compartments, the overlay's tags, legend swatches.

Plain frozen records with every coordinate on the canvas; the colours they use.
Dimmed items get lighter solid colours (:func:`lighten`), never opacity.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..style import EFFECT_STYLE, HIGHLIGHT
from .geometry import Box, PlacedNode
from .text import text_width

__all__ = [
    "Badge", "SceneCompartment", "SceneEdge", "SceneNode", "Swatch", "TextBlock", "effect_colour", "lighten",
]

INK, MUTED = "#111111", "#3E4C59"
NODE_STROKE = "#4D4D4D"
COMPARTMENT_FILLS = ("#F3F5F7", "#FFFFFF")
COMPARTMENT_STROKE = "#9AA5B1"
COMPARTMENT_INK = "#52606D"
DIM_STROKE, DIM_INK = "#AEB6BF", "#6B7682"
REQUIRES_COLOUR = "#3E4C59"


def lighten(colour: str, amount: float) -> str:
    """``colour`` mixed with white: 0 keeps it, 1 is white. A solid colour, no opacity."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c + (255 - c) * amount) for c in (r, g, b)))


LIT_HALO = lighten(HIGHLIGHT["lit"], 0.45)


def effect_colour(effect: str) -> str:
    return EFFECT_STYLE[effect]["colour"] if effect in EFFECT_STYLE else REQUIRES_COLOUR


@dataclass(frozen=True)
class TextBlock:
    """Lines of text; ``(x, y)`` is the first line's baseline at the anchor."""

    x: float
    y: float
    lines: tuple[str, ...]
    size: float
    line_height: float = 0.0
    bold: bool = False
    anchor: str = "start"          # start | middle
    fill: str = INK
    italic: bool = False
    id: str | None = None

    @property
    def text(self) -> str:
        return "".join(self.lines)

    @property
    def box(self) -> Box:
        """The block's extent: ascent above the first baseline, descent below the last."""
        width = max((text_width(line.rstrip(), self.size, self.bold) for line in self.lines), default=0.0)
        x0 = self.x - width / 2 if self.anchor == "middle" else self.x
        last = self.y + (len(self.lines) - 1) * self.line_height
        return Box(x0, self.y - self.size * 0.93, x0 + width, last + self.size * 0.24)


@dataclass(frozen=True)
class SceneNode:
    id: str
    placed: PlacedNode
    fill: str
    stroke: str
    stroke_width: float
    label: TextBlock
    state: str = ""                 # "" | target | readout | lit | dim
    dashed: bool = False
    halo: str | None = None         # a lit node's ring colour, drawn under the edges
    tooltip: str = ""


@dataclass(frozen=True)
class SceneEdge:
    source: str
    target: str
    effect: str                     # activates | inhibits | requires
    segment: tuple[float, float, float, float]
    colour: str
    width: float
    state: str = ""                 # "" | lit | required | dim
    dashed: bool = False
    halo: str | None = None
    tooltip: str = ""
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class SceneCompartment:
    id: str
    box: Box
    fill: str
    label: TextBlock
    label_patch: Box                # a patch of the box's fill under the label
    depth: int = 0


@dataclass(frozen=True)
class Badge:
    """The overlay's words by a node: a target's action, or a readout's predicted effect."""

    node: str
    box: Box
    parts: tuple[tuple[str, str], ...]      # (words, colour)
    size: float
    extrapolated: bool = False              # drawn with a dashed border
    rows: tuple[tuple[tuple[str, str], ...], ...] = ()   # the parts as lines of runs, if wrapped

    @property
    def text(self) -> str:
        return " · ".join(words for words, _ in self.parts)

    @property
    def lines(self) -> tuple[tuple[tuple[str, str], ...], ...]:
        """The tag's lines, each of (words, colour) runs, the parts joined by `` · ``."""
        return self.rows or (tuple(((" · " if i else "") + words, colour)
                                   for i, (words, colour) in enumerate(self.parts)),)

    @property
    def line_height(self) -> float:
        return self.size * 1.2


@dataclass(frozen=True)
class Swatch:
    """A legend's sample, centred on (x, y): a node shape, an edge, a lit edge, a symbol, a tag."""

    kind: str                       # node | edge | lit-edge | symbol | badge | tag (a sample tag: symbol in a box)
    x: float
    y: float
    size: float                     # the legend's font size: swatches scale with it
    shape: str = "round-rectangle"
    fill: str = "#FFFFFF"
    stroke: str = NODE_STROKE
    stroke_width: float = 1.0
    effect: str = "activates"
    dashed: bool = False
    symbol: str = ""
