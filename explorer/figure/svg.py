"""A :class:`~.scene.Scene` as an SVG document: its :mod:`.marks` written as elements.

Every string from the data is escaped and drawn as a real ``<text>`` element, so the
figure stays searchable. Nothing is placed or shaped here: positions, sizes and the
arrowheads' points come from the marks. No element uses opacity (see :mod:`.scene`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from ..engine import Explanation
from ..model import KnowledgeBase
from .marks import EDGE_KEY_JOIN, Ellipse, Group, Mark, Polygon, Rect, Style, Text, scene_marks
from .presets import Preset
from .scene import Scene, build_scene
from .text import FONT_FAMILY

__all__ = ["EDGE_KEY_JOIN", "graph_svg", "render_svg", "scene_svg"]

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


def _style(style: Style) -> dict[str, object]:
    return dict(fill=style.fill, stroke=style.stroke, stroke_width=style.width,
                stroke_dasharray=f"{_n(style.dash[0])} {_n(style.dash[1])}" if style.dash else None,
                stroke_linecap=style.cap, stroke_linejoin=style.join)


def _points(points: tuple[tuple[float, float], ...]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _runs(runs) -> str:
    """A line's words: coloured runs as ``<tspan>``s, plain words as they are."""
    if any(colour for _, colour in runs):
        return "".join(_el("tspan", escape(words), fill=colour) for words, colour in runs)
    return escape("".join(words for words, _ in runs))


def _text(text: Text) -> str:
    """A ``<text>``. A line of coloured runs becomes coloured ``<tspan>``s; several lines
    (or a centred one) become ``<tspan>``s with their own x, so the element's text is still
    the whole string."""
    if len(text.lines) == 1 and (any(colour for _, colour in text.lines[0].runs) or text.lines[0].x == text.x):
        content = _runs(text.lines[0].runs)
    else:
        content = "".join(_el("tspan", _runs(line.runs), x=line.x, dy=(text.line_height if i else None))
                          for i, line in enumerate(text.lines))
    return _el("text", content, x=text.x, y=text.y, font_size=text.size,
               font_weight="bold" if text.bold else None, font_style="italic" if text.italic else None,
               text_anchor=text.anchor,
               fill=text.fill, id=text.id)


def _mark(mark: Mark) -> str:
    """One mark as SVG."""
    if isinstance(mark, Group):
        title = _el("title", escape(mark.title)) if mark.title is not None else ""
        data = {f"data_{key}": value for key, value in mark.data}
        return _el("g", title + "".join(_mark(child) for child in mark.children), class_=mark.css, id=mark.id,
                   **data)
    if isinstance(mark, Text):
        return _text(mark)
    if isinstance(mark, Rect):
        return _el("rect", x=mark.x, y=mark.y, width=mark.width, height=mark.height, rx=mark.rx,
                   **_style(mark.style))
    if isinstance(mark, Ellipse):
        return _el("ellipse", cx=mark.cx, cy=mark.cy, rx=mark.rx, ry=mark.ry, **_style(mark.style))
    if isinstance(mark, Polygon):
        return _el("polygon", points=_points(mark.points), **_style(mark.style))
    return _el("line", x1=mark.x1, y1=mark.y1, x2=mark.x2, y2=mark.y2, **_style(mark.style))


def scene_svg(scene: Scene | Sequence[Scene]) -> str:
    """The SVG document of a placed scene; of several (a view drawn in parts), each one
    under the last, as nested ``<svg>`` elements."""
    scenes = [scene] if isinstance(scene, Scene) else list(scene)
    first = scenes[0]

    def body(s: Scene) -> str:
        return "".join(_mark(mark) for mark in scene_marks(s))

    if len(scenes) == 1:
        inner, width, height = body(first), first.width, first.height
    else:
        width, height, inner, y = max(s.width for s in scenes), sum(s.height for s in scenes), "", 0.0
        for s in scenes:
            inner += _el("svg", body(s), x=0.0, y=y, width=s.width, height=s.height,
                         viewBox=f"0 0 {_n(s.width)} {_n(s.height)}")
            y += s.height
    head = _el("title", escape(" / ".join(s.title.text for s in scenes))) + _el("desc", escape(first.description))
    svg = _el("svg", head + inner, xmlns="http://www.w3.org/2000/svg", width=width, height=height,
              viewBox=f"0 0 {_n(width)} {_n(height)}", font_family=FONT_FAMILY)
    # One element a line for a readable diff, but never a break inside a text's tspans.
    svg = re.sub(r"><(?!/?tspan|/text)", ">\n<", svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def graph_svg(scene: Scene, *, margin: float = 12.0) -> str:
    """The scene's graph alone (no title, legend or citation) as an SVG document, its viewBox
    the graph's box with ``margin`` around it and no size of its own, so that it scales to
    whatever box it is shown in: what a page shows until its interactive graph is drawn
    (:mod:`explorer.views.first`)."""
    [graph] = [m for m in scene_marks(scene) if isinstance(m, Group) and m.id == "graph"]
    box = scene.graph_box
    view_box = " ".join(_n(v) for v in (box.x0 - margin, box.y0 - margin, box.width + 2 * margin,
                                        box.height + 2 * margin))
    return _el("svg", _mark(graph), xmlns="http://www.w3.org/2000/svg", viewBox=view_box,
               font_family=FONT_FAMILY)


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
