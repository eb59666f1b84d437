"""A scene's :mod:`.marks` drawn on a Cairo context: what PNG and PDF are made of.

Drawn straight from the marks, not through the SVG: a text is one ``show_text`` call
(an SVG renderer such as ``cairosvg`` places text a letter at a time, which was most
of a figure's drawing time). The result matches the SVG drawn by an SVG renderer
(``tests/test_figure_raster.py`` compares them pixel by pixel): the same font (the
first of :data:`~.text.FONT_FAMILY`, the one text is measured with), SVG's defaults
for what the marks leave unsaid (butt caps, miter joins with limit 4).

Only :mod:`.raster` imports this module, and only when a PNG or PDF is asked for:
Cairo's bindings take a tenth of a second to load.
"""

from __future__ import annotations

import math
from functools import lru_cache

import cairocffi

from .marks import Ellipse, Group, Mark, Polygon, Rect, Segment, Style, Text
from .text import FONT_FAMILY

__all__ = ["FONT", "paint_marks"]

#: The face Cairo draws with: the first font of the SVG's list.
FONT = FONT_FAMILY.split(",")[0].strip()
_SVG_MITER_LIMIT = 4.0


@lru_cache(maxsize=64)
def _rgb(colour: str) -> tuple[float, float, float]:
    """``#RRGGBB`` as Cairo's fractions."""
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))   # type: ignore[return-value]


def _paint(context, style: Style) -> None:
    """Fill and stroke the current path as ``style`` says, then clear it."""
    if style.fill and style.fill != "none":
        context.set_source_rgb(*_rgb(style.fill))
        if style.stroke:
            context.fill_preserve()
        else:
            context.fill()
    if style.stroke:
        context.set_source_rgb(*_rgb(style.stroke))
        context.set_line_width(style.width if style.width is not None else 1.0)
        context.set_dash(list(style.dash) if style.dash else [])
        context.set_line_cap(cairocffi.LINE_CAP_ROUND if style.cap == "round" else cairocffi.LINE_CAP_BUTT)
        context.stroke()
    context.new_path()


def _rounded(context, x: float, y: float, width: float, height: float, radius: float) -> None:
    """A rectangle with circular corners (SVG's ``rx``, limited to half a side), begun where
    SVG begins it (the top edge's left end, going clockwise) so that dashes fall alike."""
    r = min(radius, width / 2, height / 2)
    context.move_to(x + r, y)
    context.arc(x + width - r, y + r, r, -math.pi / 2, 0)
    context.arc(x + width - r, y + height - r, r, 0, math.pi / 2)
    context.arc(x + r, y + height - r, r, math.pi / 2, math.pi)
    context.arc(x + r, y + r, r, math.pi, 3 * math.pi / 2)
    context.close_path()


def _text(context, text: Text) -> None:
    context.select_font_face(FONT, cairocffi.FONT_SLANT_ITALIC if text.italic else cairocffi.FONT_SLANT_NORMAL,
                             cairocffi.FONT_WEIGHT_BOLD if text.bold else cairocffi.FONT_WEIGHT_NORMAL)
    context.set_font_size(text.size)
    for i, line in enumerate(text.lines):
        advances = [context.text_extents(words)[4] for words, _ in line.runs]
        x = line.x - sum(advances) / 2 if text.anchor == "middle" else line.x
        y = text.y + i * text.line_height
        for (words, colour), advance in zip(line.runs, advances, strict=True):
            colour = colour or text.fill
            if colour and colour != "none":
                context.set_source_rgb(*_rgb(colour))
                context.move_to(x, y)
                context.show_text(words)
            x += advance
    context.new_path()


def _mark(context, mark: Mark) -> None:
    if isinstance(mark, Group):
        for child in mark.children:
            _mark(context, child)
    elif isinstance(mark, Text):
        _text(context, mark)
    elif isinstance(mark, Segment):
        context.move_to(mark.x1, mark.y1)
        context.line_to(mark.x2, mark.y2)
        _paint(context, mark.style)
    elif isinstance(mark, Rect):
        if mark.rx:
            _rounded(context, mark.x, mark.y, mark.width, mark.height, mark.rx)
        else:
            context.rectangle(mark.x, mark.y, mark.width, mark.height)
        _paint(context, mark.style)
    elif isinstance(mark, Ellipse):
        context.save()
        context.translate(mark.cx, mark.cy)
        context.scale(mark.rx, mark.ry)
        context.arc(0, 0, 1, 0, 2 * math.pi)
        context.restore()            # the path keeps its shape; the stroke is not scaled
        _paint(context, mark.style)
    elif isinstance(mark, Polygon):
        first, *rest = mark.points
        context.move_to(*first)
        for point in rest:
            context.line_to(*point)
        context.close_path()
        _paint(context, mark.style)
    else:
        raise TypeError(f"not a mark: {mark!r}")


def paint_marks(context, marks: tuple[Mark, ...]) -> None:
    """Draw ``marks`` in order on a Cairo ``context`` already scaled to canvas pixels."""
    context.set_miter_limit(_SVG_MITER_LIMIT)
    context.set_line_join(cairocffi.LINE_JOIN_MITER)
    for mark in marks:
        _mark(context, mark)
