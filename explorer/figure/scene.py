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
from ..engine import Explanation, explain_drug, graph_parts, readouts_of
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
from .geometry import Box, Layout, layout
from .legend import legend
from .overlay import Overlay, badges, extrapolation_caveat
from .presets import PRESETS, SLIDE_HEIGHT, SLIDE_WIDTH, Preset
from .room import RoomFit, clear_room_layout, largest_tags, slide_layout, spread
from .tags import ORDERS
from .text import text_width, wrap

_ARROWS = {"activates": "→", "inhibits": "⊣", "requires": "is required for"}

__all__ = ["Scene", "build_scene", "build_scenes", "citation_line", "label_px_at_slide", "subtitle", "view_parts"]


_FITTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _fitted_layout(kb: KnowledgeBase, graph: nx.DiGraph, preset: Preset) -> RoomFit:
    """The graph's layout at the preset's sizes: the curated positions (a handout), or laid
    out for the room (a slide, :func:`.room.room_layout`), remembered per graph: the room
    layout asks every drug for its tags and does not depend on the drug shown (a deck or
    a batch draws one graph many times). Graphs are not changed after they are built."""
    remembered = _FITTED.setdefault(graph, {})
    key = (id(kb), preset)
    if key not in remembered:
        remembered[key] = _room_fit(kb, graph, preset) if preset.room else RoomFit(layout(kb, graph, preset.layout))
    return remembered[key]


def _overlays(kb: KnowledgeBase, graph: nx.DiGraph) -> list[Overlay]:
    """The graph without a drug and with each drug."""
    readouts = readouts_of(graph)
    return [Overlay(None, readouts)] + [Overlay(explain_drug(kb, drug, graph), readouts) for drug in kb.drugs.values()]


#: The legend blocks a slide layout tries: (columns, each column's width).
_LEGEND_BLOCKS = ((1, 470), (1, 560), (1, 650), (1, 750), (1, 900), (1, 1000), (1, 1100), (1, 1200), (1, 1300),
                  (2, 560), (2, 680))


def _room_fit(kb: KnowledgeBase, graph: nx.DiGraph, preset: Preset) -> RoomFit:
    """The room layout that lets the slide be drawn largest: the tags beside their nodes
    or above and below them, and where the view's slide layout places the legend, a
    block kept for it there (its largest over every drug) in one of a few shapes."""
    style, clearance = preset.layout, preset.room_clearance
    slide = slide_layout(kb, graph)
    overlays = _overlays(kb, graph)
    # The room a slide leaves the graph: its width, and its height under the tallest header.
    width = preset.min_width - 2 * preset.margin
    height = preset.min_width / preset.aspect - _footer(preset, preset.min_width)[1] - max(
        _header(kb, graph, o.explanation, o, preset, graph.graph.get("title", ""), preset.min_width)[3]
        for o in overlays)
    blocks: list[tuple[float, float, float, int] | None] = [None]
    if slide is not None and slide.legend is not None:
        blocks = []
        for columns, share in _LEGEND_BLOCKS:
            block = columns * share + (columns - 1) * preset.gap
            blocks.append((block, max(legend(graph, o, preset, 0, 0, block, columns)[2] for o in overlays), columns))
    else:   # the legend goes beside or below: leave the graph that much less room
        below = max(legend(graph, o, preset, 0, 0, width, _LEGEND_COLUMNS)[2] for o in overlays)
        beside = max(legend(graph, o, preset, 0, 0)[2] for o in overlays)
    fits = []
    for order in ORDERS:
        rooms = largest_tags(kb, graph, preset.badge_font, preset.tag_width, order)
        for block in blocks:
            legend_at = (slide.legend, *block) if block else None
            fit = clear_room_layout(kb, graph, style, rooms, preset.badge_font, clearance, legend_at)
            b = fit.bounds
            if block:
                scale = min(1.0, width / b.width, height / b.height)
            else:
                scale = max(min(1.0, (width - preset.gap - preset.legend_width) / b.width, height / b.height,
                                height / beside),
                            min(1.0, width / b.width, (height - preset.gap - below) / b.height))
            fits.append((scale, -b.width * b.height, fit))
    return max(fits, key=lambda f: f[:2])[2]


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


def _header(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None, overlay: Overlay,
            preset: Preset, title: str, width: float) -> tuple[TextBlock, TextBlock, TextBlock | None, float]:
    """The title, the subtitle and the caveat across ``width``, and where the body may start."""
    m = preset.margin
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
    # A slide's graph keeps its own room above (its tags'): a line's space is enough there.
    return title_block, sub, caveat, y + (preset.subtitle_font * 0.7 if preset.room else 24 * preset.subtitle_font / 13)


def _footer(preset: Preset, width: float) -> tuple[list[str], float]:
    """The citation's lines across ``width`` and the height the footer takes."""
    lines = _citation_lines(width - 2 * preset.margin, preset.citation_font)
    return lines, 30 + (len(lines) - 1) * preset.citation_font * 1.4 + preset.margin


def _scene(kb: KnowledgeBase, graph: nx.DiGraph, overlay: Overlay, preset: Preset, *, width: float,
           height: float, header, footer: float, citation_lines: list[str], placed: Layout,
           legend_at: tuple[float, float, float, int]) -> Scene:
    """The scene from its parts, the graph already where it goes on the canvas."""
    whole = graph.graph.get("whole", graph)  # a part of a view is described as the view it belongs to
    title_block, sub, caveat, _ = header
    legend_x, legend_y, legend_width, columns = legend_at
    legend_words, swatches, legend_height = legend(graph, overlay, preset, legend_x, legend_y, legend_width,
                                                   columns)
    citation = TextBlock(preset.margin, height - footer + 30, tuple(citation_lines), preset.citation_font,
                         preset.citation_font * 1.4, fill=MUTED, id="citation")
    return Scene(
        preset=preset, width=width, height=height, title=title_block, subtitle=sub, citation=citation,
        caveat=caveat, compartments=tuple(_compartments(placed)),
        nodes=tuple(_nodes(graph, placed, overlay, preset)), edges=tuple(_edges(graph, placed, overlay, preset)),
        badges=tuple(badges(graph, placed, overlay, preset)), legend=tuple(legend_words),
        swatches=tuple(swatches), graph_box=placed.bounds,
        legend_box=Box(legend_x, legend_y, legend_x + legend_width, legend_y + legend_height),
        layout=placed, description=f"{graph_description(kb, whole, overlay.explanation)} {citation_line()}",
        alt=shape_words(whole, overlay.explanation))


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
    fit = _fitted_layout(kb, graph, preset)
    if preset.aspect:
        return _slide_scene(kb, graph, explanation, overlay, preset, title, fit)
    raw = fit.layout
    m = preset.margin
    bounds = raw.bounds
    _, _, legend_height = legend(graph, overlay, preset, 0, 0)
    width = max(bounds.width + preset.gap + preset.legend_width + 2 * m, preset.min_width)
    header = _header(kb, graph, explanation, overlay, preset, title, width)
    citation_lines, footer = _footer(preset, width)
    body_height = max(bounds.height, legend_height)
    # Whole-pixel sides, so a PNG's last row and column are fully painted (opaque).
    width, height = math.ceil(width), math.ceil(header[3] + body_height + footer)
    legend_x = width - m - preset.legend_width
    graph_x = m + max(0.0, (legend_x - preset.gap - m - bounds.width) / 2)
    placed = raw.moved(graph_x - bounds.x0, header[3] + (body_height - bounds.height) / 2 - bounds.y0)
    return _scene(kb, graph, overlay, preset, width=width, height=height, header=header, footer=footer,
                  citation_lines=citation_lines, placed=placed,
                  legend_at=(legend_x, header[3], preset.legend_width, 1))


_LEGEND_COLUMNS = 1      # a legend set below the graph: one band, its items running on


def _slide_scene(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None, overlay: Overlay,
                 preset: Preset, title: str, fit: RoomFit) -> Scene:
    """A 16:9 slide: the header across the top, the citation across the foot, and between
    them the graph with its legend where the view's slide layout keeps room for it, or
    else beside the graph or below it, whichever lets it be drawn largest (at full size
    if it fits: the canvas grows only when it does not); then the graph spread out (up
    to 1.5 times) into the room it has."""
    m, gap = preset.margin, preset.gap
    bounds = fit.bounds
    width = float(preset.min_width)
    while True:
        height = width / preset.aspect
        header = _header(kb, graph, explanation, overlay, preset, title, width)
        citation_lines, footer = _footer(preset, width)
        top, bottom = header[3], height - footer
        if fit.legend is not None:
            options = [(min(1.0, (width - 2 * m) / bounds.width, (bottom - top) / bounds.height),
                        Box(m, top, width - m, bottom), None)]
        else:
            beside = legend(graph, overlay, preset, 0, 0)[2]
            below = legend(graph, overlay, preset, 0, 0, width - 2 * m, _LEGEND_COLUMNS)[2]
            options = [  # (scale the graph may be drawn at, the graph's room, where the legend goes)
                (min(1.0, (width - 2 * m - gap - preset.legend_width) / bounds.width,
                     (bottom - top) / bounds.height, (bottom - top) / beside),
                 Box(m, top, width - m - gap - preset.legend_width, bottom),
                 (width - m - preset.legend_width, top, preset.legend_width, 1)),
                (min(1.0, (width - 2 * m) / bounds.width, (bottom - top - gap - below) / bounds.height),
                 Box(m, top, width - m, bottom - gap - below),
                 (m, bottom - below, width - 2 * m, _LEGEND_COLUMNS)),
            ]
        scale, room, legend_at = max(options, key=lambda option: option[0])
        if scale >= 1.0 - 1e-9:
            break
        # It does not fit: a larger canvas (shown smaller), in steps of 16 × 9 px so both sides stay whole.
        width = 16 * math.ceil(width / scale / 16 + 1e-9)
    placed = spread(kb, graph, preset.layout, fit, room.width, room.height)
    b = placed.bounds
    placed = placed.moved(room.x0 + (room.width - b.width) / 2 - b.x0, room.y0 + (room.height - b.height) / 2 - b.y0)
    if placed.legend is not None:
        legend_at = (placed.legend.x0, placed.legend.y0, placed.legend.width, placed.legend_columns)
    return _scene(kb, graph, overlay, preset, width=width, height=height, header=header, footer=footer,
                  citation_lines=citation_lines, placed=placed.layout, legend_at=legend_at)


#: The graph as the parts a slide shows it in (the app's present mode shows them too).
view_parts = graph_parts


def build_scenes(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None = None, *,
                 preset: str | Preset = "handout") -> list[Scene]:
    """The figure of a view as the preset draws it: one scene, or on slides one per part
    of a view laid out in parts (:func:`view_parts`), each with the drug's whole overlay."""
    preset = PRESETS[preset] if isinstance(preset, str) else preset
    graphs = view_parts(kb, graph) if preset.room else [graph]
    if len(graphs) > 1:
        preset = preset.parts or preset
    return [build_scene(kb, part, explanation, preset=preset) for part in graphs]
