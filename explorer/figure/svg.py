"""A :class:`~.scene.Scene` as an SVG document.

Every string from the data is escaped and drawn as a real ``<text>`` element, so the
figure stays searchable. Nothing is placed here: positions and sizes come from the scene.
No element uses opacity (see :mod:`.scene`).
"""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from ..engine import Explanation
from ..model import KnowledgeBase
from .elements import COMPARTMENT_STROKE, LIT_HALO, Swatch, TextBlock
from .geometry import PlacedNode
from .presets import Preset
from .scene import Scene, build_scene
from .text import FONT_FAMILY, text_width

__all__ = ["EDGE_KEY_JOIN", "render_svg", "scene_svg"]

#: Node and edge groups carry ``data-node="id"`` and ``data-edge="source->target"``, so a
#: script (the one-file explorer, :mod:`explorer.bundle`) can find them; ids never hold "->".
EDGE_KEY_JOIN = "->"


def _n(value: float) -> str:
    """A coordinate, short: one decimal, none when whole."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _el(tag: str, content: str | None = None, **attributes) -> str:
    """One SVG element. Attribute names lose a trailing ``_`` and turn ``_`` into ``-``;
    numbers are shortened; None is left out. ``content`` is markup: escape text first.
    """
    pairs = []
    for key, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = _n(value)
        pairs.append(f"{key.rstrip('_').replace('_', '-')}={quoteattr(str(value))}")
    head = f"<{tag} {' '.join(pairs)}" if pairs else f"<{tag}"
    return f"{head}/>" if content is None else f"{head}>{content}</{tag}>"


def _text(block: TextBlock) -> str:
    """A ``<text>``; several lines become ``<tspan>``s, so its text is still the whole string."""
    if len(block.lines) == 1 and block.anchor != "middle":
        content = escape(block.lines[0])
    else:
        # A line's trailing space (kept so the text stays whole) would pull a centred line
        # left by half a space: push it back.
        shift = text_width(" ", block.size, block.bold) / 2 if block.anchor == "middle" else 0.0
        content = "".join(_el("tspan", escape(line), x=block.x + shift * line.endswith(" "),
                              dy=(block.line_height if i else None))
                          for i, line in enumerate(block.lines))
    return _el("text", content, x=block.x, y=block.y, font_size=block.size,
               font_weight="bold" if block.bold else None, font_style="italic" if block.italic else None,
               text_anchor=block.anchor, fill=block.fill, id=block.id)


def _shape(shape: str, x: float, y: float, width: float, height: float, **style) -> str:
    """A node shape centred on (x, y)."""
    w, h = width / 2, height / 2
    if shape in ("round-rectangle", "barrel"):
        radius = 6.0 * height / 32 if shape == "round-rectangle" else h
        return _el("rect", x=x - w, y=y - h, width=width, height=height, rx=min(radius, h), **style)
    if shape == "ellipse":
        return _el("ellipse", cx=x, cy=y, rx=w, ry=h, **style)
    outline = PlacedNode("", x, y, width, height, shape, "", ()).outline()
    return _el("polygon", points=" ".join(f"{_n(x + px)},{_n(y + py)}" for px, py in outline), **style)


def _edge_end(x1: float, y1: float, x2: float, y2: float, effect: str, colour: str, width: float,
              dash: str | None = None) -> str:
    """A line from (x1, y1) to the tip (x2, y2), ending in an arrowhead, a tee bar, or
    (``requires``, SBGN's necessary stimulation) a bar before an open arrowhead."""
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    px, py = -uy, ux
    if effect == "none":       # a legend's plain line
        return _el("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=colour, stroke_width=width, stroke_dasharray=dash)
    if effect == "inhibits":
        bx, by = x2 - ux * 2, y2 - uy * 2
        half = 7 + width
        return (_el("line", x1=x1, y1=y1, x2=bx, y2=by, stroke=colour, stroke_width=width, stroke_dasharray=dash)
                + _el("line", x1=bx + px * half, y1=by + py * half, x2=bx - px * half, y2=by - py * half,
                      stroke=colour, stroke_width=width + 1.2))
    head, half = 9 + width * 1.5, 4.5 + width
    bx, by = x2 - ux * head, y2 - uy * head
    points = [(x2, y2), (bx + px * half, by + py * half), (bx - px * half, by - py * half)]
    polygon = " ".join(f"{_n(a)},{_n(b)}" for a, b in points)
    if effect == "requires":
        gx, gy = bx - ux * 4, by - uy * 4
        return (_el("line", x1=x1, y1=y1, x2=gx, y2=gy, stroke=colour, stroke_width=width, stroke_dasharray=dash)
                + _el("line", x1=gx + px * half, y1=gy + py * half, x2=gx - px * half, y2=gy - py * half,
                      stroke=colour, stroke_width=width)
                + _el("line", x1=gx, y1=gy, x2=bx, y2=by, stroke=colour, stroke_width=width)
                + _el("polygon", points=polygon, fill="#FFFFFF", stroke=colour, stroke_width=width * 0.8,
                      stroke_linejoin="miter"))
    return (_el("line", x1=x1, y1=y1, x2=bx + ux, y2=by + uy, stroke=colour, stroke_width=width,
                stroke_dasharray=dash)
            + _el("polygon", points=polygon, fill=colour))


def _dash(width: float) -> str:
    return f"{_n(width * 2.8)} {_n(width * 2.2)}"


def _compartments(scene: Scene) -> tuple[str, str]:
    """Two layers: the boxes (under everything) and their labels (over the edges).

    A label sits on a patch of its box's colour, so an edge crossing it is cut
    briefly instead of striking the words through.
    """
    boxes, labels = [], []
    k = scene.preset.stroke
    for c in scene.compartments:
        boxes.append(_el("rect", x=c.box.x0, y=c.box.y0, width=c.box.width, height=c.box.height, rx=12.0,
                         fill=c.fill, stroke=COMPARTMENT_STROKE, stroke_width=1.2 * k))
        patch = c.label_patch
        labels.append(_el("rect", x=patch.x0, y=patch.y0, width=patch.width, height=patch.height, rx=3.0,
                          fill=c.fill))
        labels.append(_text(c.label))
    return _el("g", "".join(boxes), id="compartments"), _el("g", "".join(labels), id="compartment-labels")


def _edges(scene: Scene) -> str:
    parts = []
    for e in scene.edges:
        x1, y1, x2, y2 = e.segment
        body = _el("title", escape(e.tooltip))
        if e.halo:
            body += _el("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=e.halo, stroke_width=e.width + 6.2,
                        stroke_linecap="round")
        body += _edge_end(x1, y1, x2, y2, e.effect, e.colour, e.width, _dash(e.width) if e.dashed else None)
        css = " ".join(filter(None, ["edge", e.state, e.effect if e.effect == "requires" else ""]))
        parts.append(_el("g", body, class_=css, data_edge=f"{e.source}{EDGE_KEY_JOIN}{e.target}"))
    return _el("g", "".join(parts), id="edges")


def _nodes(scene: Scene) -> tuple[str, str]:
    """The lit halos (under the edges) and the nodes."""
    halos, parts = [], []
    k = scene.preset.stroke
    for n in scene.nodes:
        p = n.placed
        if n.halo:  # beneath the edges, so it never hides an arrowhead
            halos.append(_shape(p.shape, p.x, p.y, p.width + 7 * k, p.height + 7 * k, fill="none",
                                stroke=n.halo, stroke_width=5 * k))
        body = [_el("title", escape(n.tooltip)),
                _shape(p.shape, p.x, p.y, p.width, p.height, fill=n.fill, stroke=n.stroke,
                       stroke_width=n.stroke_width, stroke_dasharray=_dash(n.stroke_width) if n.dashed else None),
                _text(n.label)]
        css = "node dim" if n.state == "dim" else "node"
        parts.append(_el("g", "".join(body), class_=css, id=f"node-{n.id}", data_node=n.id))
    return _el("g", "".join(halos), id="halos"), _el("g", "".join(parts), id="nodes")


def _badges(scene: Scene) -> str:
    out = []
    for b in scene.badges:
        spans = "".join(_el("tspan", escape((" · " if i else "") + words), fill=colour)
                        for i, (words, colour) in enumerate(b.parts))
        border = dict(stroke="#7A4B00", stroke_width=1.4, stroke_dasharray="4 3") if b.extrapolated else {}
        out.append(_el("g", _el("rect", x=b.box.x0, y=b.box.y0, width=b.box.width, height=b.box.height,
                                rx=3.0, fill="#FFFFFF", **border)
                       + _el("text", spans, x=b.box.x0 + b.box.width / 2, y=b.box.y1 - 4 * b.size / 11,
                             font_size=b.size, font_weight="bold", text_anchor="middle"),
                       class_="badge extrapolated" if b.extrapolated else "badge"))
    return _el("g", "".join(out), id="badges")


def swatch_svg(s: Swatch) -> str:
    """A legend's sample."""
    k = s.size / 12
    if s.kind == "node":
        return _shape(s.shape, s.x, s.y, 30 * k, 16 * k, fill=s.fill, stroke=s.stroke, stroke_width=s.stroke_width)
    if s.kind == "symbol":
        return _el("text", escape(s.symbol), x=s.x, y=s.y + 5 * k, font_size=s.size + 3 * k,
                   text_anchor="middle", fill=s.stroke)
    if s.kind == "badge":
        return _el("rect", x=s.x - 15 * k, y=s.y - 7 * k, width=30 * k, height=14 * k, rx=3.0, fill="#FFFFFF",
                   stroke="#7A4B00", stroke_width=1.4, stroke_dasharray="4 3")
    x1, x2 = s.x - 16 * k, s.x + 16 * k
    dash = _dash(s.stroke_width) if s.dashed else None
    if s.kind == "lit-edge":
        return (_el("line", x1=x1, y1=s.y, x2=x2, y2=s.y, stroke=LIT_HALO, stroke_width=s.stroke_width + 6.2,
                    stroke_linecap="round")
                + _el("line", x1=x1, y1=s.y, x2=x2, y2=s.y, stroke=s.stroke, stroke_width=s.stroke_width))
    return _edge_end(x1, s.y, x2, s.y, s.effect, s.stroke, s.stroke_width, dash)


def scene_svg(scene: Scene) -> str:
    """The SVG document of a placed scene."""
    boxes, labels = _compartments(scene)
    halos, nodes = _nodes(scene)
    legend = "".join(swatch_svg(s) for s in scene.swatches) + "".join(_text(t) for t in scene.legend)
    body = "".join([
        _el("title", escape(scene.title.text)),
        _el("desc", escape(scene.description)),
        _el("rect", x=0.0, y=0.0, width=scene.width, height=scene.height, fill="#FFFFFF"),
        _text(scene.title), _text(scene.subtitle),
        _text(scene.caveat) if scene.caveat else "",
        _el("g", boxes + halos + _edges(scene) + labels + nodes + _badges(scene), id="graph"),
        _el("g", _el("g", legend, id="legend-items"), id="legend"),
        _text(scene.citation),
    ])
    svg = _el("svg", body, xmlns="http://www.w3.org/2000/svg", width=scene.width, height=scene.height,
              viewBox=f"0 0 {_n(scene.width)} {_n(scene.height)}", font_family=FONT_FAMILY)
    # One element a line for a readable diff, but never a break inside a text's tspans.
    svg = re.sub(r"><(?!/?tspan|/text)", ">\n<", svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def render_svg(kb: KnowledgeBase, graph: nx.DiGraph, explanation: Explanation | None = None, *,
               title: str | None = None, preset: str | Preset = "handout") -> str:
    """A figure of one hypothesis graph as an SVG document.

    Parameters
    ----------
    kb : the knowledge base.
    graph : one graph of :func:`explorer.engine.build_graphs`.
    explanation : a drug on this graph (:func:`explorer.engine.explain_drug`).
    title : defaults to the graph's title.
    preset : ``"handout"`` (compact, sized to its content) or ``"slide"`` (16:9, large type).

    Returns
    -------
    The SVG document as text: title, graph, legend on the right, citation at the bottom.
    """
    return scene_svg(build_scene(kb, graph, explanation, preset=preset, title=title))
