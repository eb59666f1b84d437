"""The placed figure: everything a renderer draws, computed once.

:func:`build_scene` lays a graph out at a :class:`Preset`'s sizes, puts it on a
canvas with its title, subtitle, legend and citation, and decides how the drug
overlay draws each node and edge (outlined, lit, dimmed) and where its words go.
The renderers (:mod:`.svg`, :mod:`.pptx`) only translate the :class:`Scene` into
their format: none of them measures text or places anything.

Dimmed items are drawn in lighter solid colours, never with opacity: LibreOffice and
PowerPoint round or drop opacity, and a faded node must stay visible there.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field

import networkx as nx

from .. import CITATION, __version__
from ..account import graph_description, shape_words
from ..engine import Explanation, readouts_of
from ..model import DRUG_CLASSES, INTEGRATED, KnowledgeBase
from ..style import HIGHLIGHT, KIND_STYLE
from .elements import (
    COMPARTMENT_FILLS,
    COMPARTMENT_INK,
    DIM_INK,
    DIM_STROKE,
    INK,
    LIT_HALO,
    MUTED,
    NODE_STROKE,
    Badge,
    SceneCompartment,
    SceneEdge,
    SceneNode,
    Swatch,
    TextBlock,
    effect_colour,
    lighten,
)
from .geometry import Box, Layout, layout, layout_problems
from .legend import legend
from .overlay import Overlay, badges, extrapolation_caveat
from .presets import PRESETS, SLIDE_HEIGHT, SLIDE_WIDTH, Preset
from .text import text_width, wrap

_ARROWS = {"activates": "→", "inhibits": "⊣", "requires": "is required for"}

__all__ = ["Scene", "build_scene", "citation_line", "label_px_at_slide", "subtitle"]


_SPREADS = tuple(round(1.0 + 0.05 * i, 2) for i in range(41))   # 1.0 … 3.0


def _room_height(preset: Preset, title: str, kb: KnowledgeBase, graph: nx.DiGraph,
                 explanation: Explanation | None) -> float:
    """The height a slide leaves for the graph between its header and its citation."""
    if not preset.aspect:
        return 0.0
    width = preset.min_width - 2 * preset.margin
    lines = (len(wrap(title, preset.title_font, width, bold=True)) * preset.title_font * 1.25
             + len(wrap(subtitle(kb, graph, explanation), preset.subtitle_font, width)) * preset.subtitle_font * 1.35
             + 2 * preset.subtitle_font * 1.45)      # room for a caveat, whether or not there is one
    citation = len(_citation_lines(width, preset.citation_font)) * preset.citation_font * 1.4
    return preset.min_width / preset.aspect - 2 * preset.margin - lines - citation - 60


_FITTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _fitted_layout(kb: KnowledgeBase, graph: nx.DiGraph, preset: Preset, room_height: float = 0.0) -> Layout:
    """:func:`_fit_layout`, remembered per graph: a slide's spread search costs tens of
    milliseconds and does not depend on the drug (a deck or a batch draws one graph
    many times). Graphs are not changed after they are built."""
    remembered = _FITTED.setdefault(graph, {})
    key = (id(kb), preset, round(room_height))
    if key not in remembered:
        remembered[key] = _fit_layout(kb, graph, preset, room_height)
    return remembered[key]


def _fit_layout(kb: KnowledgeBase, graph: nx.DiGraph, preset: Preset, room_height: float = 0.0) -> Layout:
    """The layout at the preset's sizes; for slides, spread out just enough to draw cleanly.

    The smallest uniform spread without layout problems; then the vertical spread
    lowered while it stays clean (a slide is wide and short); then, if the graph is
    still wider than the room beside the legend, the horizontal one. A graph that
    never draws cleanly takes the spread with the fewest problems. A small graph is
    then spread (up to 1.5 ×) towards the room it has, so it does not sit in a corner
    of the slide: its type stays the same size.
    """
    if not preset.fit_spread:
        return layout(kb, graph, preset.layout)

    def attempt(spread_x: float, spread_y: float) -> tuple[int, Layout]:
        placed = layout(kb, graph, preset.layout.scaled(spread_x, spread_y))
        return len(layout_problems(kb, graph, placed)), placed

    tries = [(*attempt(s, s), s) for s in _SPREADS]
    problems, placed, spread = min(tries, key=lambda t: (t[0], t[2]))
    spread_x = spread_y = spread
    for lower in reversed([s for s in _SPREADS if s < spread]):
        found, squashed = attempt(spread_x, lower)
        if found > problems:
            break
        placed, spread_y = squashed, lower
    room = preset.min_width - 2 * preset.margin - preset.gap - preset.legend_width
    for lower in reversed([s for s in _SPREADS if s < spread]):
        if placed.bounds.width <= room:
            break
        found, narrower = attempt(lower, spread_y)
        if found > problems:
            break
        placed, spread_x = narrower, lower
    bounds = placed.bounds
    grow = min(1.5, room / bounds.width, room_height / bounds.height if room_height else 1.0)
    while grow > 1.05:
        found, larger = attempt(spread_x * grow, spread_y * grow)
        if found <= problems and larger.bounds.width <= room and (
                not room_height or larger.bounds.height <= room_height):
            return larger
        grow -= 0.05
    return placed


# -- the scene's parts ------------------------------------------------------------

@dataclass(frozen=True)
class Scene:
    """A figure, placed: every coordinate is on the canvas (``width`` × ``height``, y down)."""

    preset: Preset
    width: float
    height: float
    title: TextBlock
    subtitle: TextBlock
    citation: TextBlock
    caveat: TextBlock | None
    compartments: tuple[SceneCompartment, ...]     # outermost first
    nodes: tuple[SceneNode, ...]
    edges: tuple[SceneEdge, ...]
    badges: tuple[Badge, ...]
    legend: tuple[TextBlock, ...]
    swatches: tuple[Swatch, ...]
    graph_box: Box
    legend_box: Box
    layout: Layout = field(repr=False)
    description: str = ""
    #: Each node (by id) and edge (by (source, target)) in words: alt text for their shapes.
    alt: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def node_font(self) -> float:
        return self.preset.layout.node_font

    def node(self, node_id: str) -> SceneNode:
        return next(n for n in self.nodes if n.id == node_id)


def label_px_at_slide(scene: Scene, width: float = SLIDE_WIDTH, height: float = SLIDE_HEIGHT,
                      size: float | None = None) -> float:
    """How tall ``size`` (default: the node labels' font) is when the scene fills a slide."""
    scale = min(width / scene.width, height / scene.height)
    return (scene.node_font if size is None else size) * scale


# -- words ------------------------------------------------------------------------

_MODEL_LINE = f"Model: moa-explorer {__version__}."


def citation_line() -> str:
    """The line every figure carries: the review and the model's version."""
    return f"Source: {CITATION} {_MODEL_LINE}"


def _citation_lines(max_width: float, size: float) -> list[str]:
    """The citation wrapped, the model's name and version never split across lines."""
    lines = wrap(f"Source: {CITATION}", size, max_width)
    if text_width(f"{lines[-1]} {_MODEL_LINE}", size) <= max_width:
        return [*lines[:-1], f"{lines[-1]} {_MODEL_LINE}"]
    return [*lines[:-1], f"{lines[-1]} ", _MODEL_LINE]


def _entity_name(kb: KnowledgeBase, entity: str) -> str:
    return kb.entities[entity].name if entity in kb.entities else entity


def subtitle(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None) -> str:
    """The drug and what it does, or where the panel comes from."""
    if explanation is not None:
        drug = explanation.drug
        actions = "; ".join(
            f"{a.action.replace('-', ' ')} of {_entity_name(kb, a.entity)}"
            + (f" ({a.component})" if a.component else "")
            for a in drug.actions) or "no action stated"
        return f"{drug.name} ({DRUG_CLASSES.get(drug.drug_class, drug.drug_class)}): {actions}"
    hypothesis = kb.hypotheses.get(graph.graph.get("id", ""))
    if hypothesis is None:
        return "After Henter, Park & Zarate 2021, Fig. 1: the six hypotheses merged"
    refs = ", ".join(map(str, hypothesis.citation.refs))
    return (f"After Henter, Park & Zarate 2021, {hypothesis.citation.source}"
            + (f" (refs {refs})" if refs else ""))


# -- building the scene ---------------------------------------------------------------

def _nodes(graph: nx.DiGraph, placed: Layout, overlay: Overlay, preset: Preset) -> list[SceneNode]:
    font, line = preset.layout.node_font, preset.layout.node_line
    out = []
    for node, data in graph.nodes(data=True):
        p = placed.nodes[node]
        fill = KIND_STYLE.get(p.kind, KIND_STYLE["protein"])["fill"]
        stroke, width, state, ink = NODE_STROKE, 1.2, "", INK
        if node in overlay.readout_nodes:
            stroke, width, state = HIGHLIGHT["readout"], 2.6, "readout"
        if overlay.is_target(node):
            stroke, width, state = HIGHLIGHT["target"], 3.4, "target"
        lit = overlay.node_lit(node)
        if lit and not state:
            state = "lit"
        dim = overlay.node_dim(node)
        if dim:
            fill, stroke, ink, state = lighten(fill, 0.55), DIM_STROKE, DIM_INK, "dim"
        baseline = p.y - (len(p.lines) - 1) * line / 2 + font * 0.36
        centre = p.x - p.height * 0.2 if p.shape == "tag" else p.x   # the tag's body, not its point
        label = TextBlock(centre, baseline, p.lines, font, line_height=line, anchor="middle", fill=ink)
        tooltip = f"{data['label']}: {data['name']} ({data['kind']}), {data['compartment_label']}"
        out.append(SceneNode(node, p, fill, stroke, width * preset.stroke, label, state, dashed=dim,
                             halo=LIT_HALO if lit else None, tooltip=tooltip))
    return out


def _edges(graph: nx.DiGraph, placed: Layout, overlay: Overlay, preset: Preset) -> list[SceneEdge]:
    out = []
    for u, v, data in graph.edges(data=True):
        effect = data["effect"]
        colour, width, state, dashed, halo = effect_colour(effect), 1.8, "", effect == "requires", None
        if overlay.edge_lit((u, v)):
            width, state, halo = 2.8, "lit", LIT_HALO
        elif (u, v) in overlay.requirements:
            width, state = 2.8, "required"      # a condition of the route: full strength, not lit
        elif overlay.edge_dim((u, v)):
            colour, state, dashed = lighten(colour, 0.5), "dim", True
        words = (f"{graph.nodes[u]['label']} {_ARROWS.get(effect, '→')} {graph.nodes[v]['label']} "
                 f"({data.get('mechanism', effect)})")
        out.append(SceneEdge(u, v, effect, placed.edges[u, v], colour, width * preset.stroke, state, dashed,
                             halo, words, tuple(data.get("refs", ()))))
    return out


def _compartments(placed: Layout) -> list[SceneCompartment]:
    out = []
    for c in placed.compartments:
        label = c.label_box
        fill = COMPARTMENT_FILLS[c.depth % 2]
        text = TextBlock(label.x0, label.y1 - 3 * c.font / 12, (c.label,), c.font, bold=True,
                         fill=COMPARTMENT_INK)
        out.append(SceneCompartment(c.id, c.box, fill, text, label.grow(3, 0, 3, 0), c.depth))
    return out


def build_scene(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None = None, *,
                preset: str | Preset = "handout", title: str | None = None) -> Scene:
    """Lay out one graph (with a drug's overlay) as a figure, ready for any renderer.

    Parameters
    ----------
    kb : the knowledge base (compartment labels and nesting, entity names, drug classes).
    graph : one graph of :func:`explorer.engine.build_graphs`.
    explanation : a drug on this graph: its targets outlined with their action, the
        paths to the readouts lit, the rest dimmed, the effects in the legend.
    preset : ``"slide"`` or ``"handout"`` (see :class:`Preset`).
    title : defaults to the graph's title.
    """
    preset = PRESETS[preset] if isinstance(preset, str) else preset
    overlay = Overlay(explanation, readouts_of(graph))
    title = title if title is not None else graph.graph.get("title", graph.graph.get("id", ""))
    m = preset.margin
    raw = _fitted_layout(kb, graph, preset, _room_height(preset, title, kb, graph, explanation))
    bounds = raw.bounds
    # The legend's height does not depend on where it goes: measure it first.
    _, _, legend_height = legend(graph, overlay, preset, 0, 0)
    content_width = bounds.width + preset.gap + preset.legend_width + 2 * m
    width = max(content_width, preset.min_width)

    def header(width: float) -> tuple[TextBlock, TextBlock, TextBlock | None, float]:
        t_lines = wrap(title, preset.title_font, width - 2 * m, bold=True)
        y = m + preset.title_font
        title_block = TextBlock(m, y, tuple(t_lines), preset.title_font, preset.title_font * 1.25, bold=True,
                                id="title")
        y += (len(t_lines) - 1) * preset.title_font * 1.25
        s_lines = wrap(subtitle(kb, graph, explanation), preset.subtitle_font, width - 2 * m)
        y += preset.subtitle_font + 10
        sub = TextBlock(m, y, tuple(s_lines), preset.subtitle_font, preset.subtitle_font * 1.35, fill=MUTED,
                        id="subtitle")
        y += (len(s_lines) - 1) * preset.subtitle_font * 1.35
        caveat = None
        if overlay.extrapolated:
            c_lines = wrap(extrapolation_caveat(explanation.drug.name, integrated=graph.graph.get("id") == INTEGRATED),
                           preset.subtitle_font, width - 2 * m)
            y += preset.subtitle_font * 1.45
            caveat = TextBlock(m, y, tuple(c_lines), preset.subtitle_font, preset.subtitle_font * 1.35,
                               italic=True, fill="#7A4B00", id="caveat")
            y += (len(c_lines) - 1) * preset.subtitle_font * 1.35
        return title_block, sub, caveat, y + 24 * preset.subtitle_font / 13

    title_block, sub, caveat, top = header(width)
    citation_lines = _citation_lines(width - 2 * m, preset.citation_font)
    body_height = max(bounds.height, legend_height)
    footer = 30 + (len(citation_lines) - 1) * preset.citation_font * 1.4 + m
    height = top + body_height + footer
    # Whole-pixel sides, so a PNG's last row and column are fully painted (opaque).
    if preset.aspect:
        # A slide: the canvas grows to 16:9 (the content centred in the extra room), in
        # steps of 16 × 9 px so both sides stay whole.
        width = 16 * math.ceil(max(width, height * preset.aspect) / 16 - 1e-9)
        height = width * 9 / 16
        title_block, sub, caveat, top = header(width)
        citation_lines = _citation_lines(width - 2 * m, preset.citation_font)
        footer = 30 + (len(citation_lines) - 1) * preset.citation_font * 1.4 + m
    else:
        width, height = math.ceil(width), math.ceil(height)
    legend_x = width - m - preset.legend_width
    graph_x = m + max(0.0, (legend_x - preset.gap - m - bounds.width) / 2)
    room = height - top - footer if preset.aspect else body_height
    graph_y = top + max(0.0, (room - bounds.height) / 2)
    placed = raw.moved(graph_x - bounds.x0, graph_y - bounds.y0)
    legend_words, swatches, _ = legend(graph, overlay, preset, legend_x, top)
    citation_y = height - footer + 30
    citation = TextBlock(m, citation_y, tuple(citation_lines), preset.citation_font,
                         preset.citation_font * 1.4, fill=MUTED, id="citation")
    return Scene(
        preset=preset, width=width, height=height, title=title_block, subtitle=sub, citation=citation,
        caveat=caveat, compartments=tuple(_compartments(placed)),
        nodes=tuple(_nodes(graph, placed, overlay, preset)), edges=tuple(_edges(graph, placed, overlay, preset)),
        badges=tuple(badges(graph, placed, overlay, preset)), legend=tuple(legend_words),
        swatches=tuple(swatches), graph_box=placed.bounds,
        legend_box=Box(legend_x, top, legend_x + preset.legend_width, top + legend_height),
        layout=placed, description=f"{graph_description(kb, graph, explanation)} {citation_line()}",
        alt=shape_words(graph, explanation))


