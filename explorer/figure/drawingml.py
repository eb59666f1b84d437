"""DrawingML shapes written as XML text: autoshapes, connectors, text boxes and tables.

Why text: python-pptx's object API walks the element tree for every property it sets
(``xpath``, ``qn``, ``first_child_found_in``, a shape id found by scanning the slide),
which made a drug's eight-slide deck cost 212 ms, about 170 ms of it in those calls for
the 100 to 150 shapes of each slide. Writing each shape from a small template and
parsing a whole slide's shapes with one ``lxml`` call takes about 7 ms for the deck,
which now costs 44 ms (``benchmarks/bench.py export``, beside an empty deck's 14 ms).
The package, its slides, layouts, notes and properties are still python-pptx's.

The templates write exactly what python-pptx wrote for the same calls (its
``add_shape``, ``add_connector``, ``add_textbox``, ``add_table`` and the text, fill and
line setters), element for element, so a file reads back the same. Every string from
the data goes through :func:`text` or :func:`attr`; shape ids are the caller's, given
by a :class:`ShapeIds`, so a connector can name the shapes it is glued to before they
are parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml import element_class_lookup
from pptx.shapes.autoshape import AutoShapeType

__all__ = [
    "Line", "Run", "ShapeIds", "append_shapes", "attr", "autoshape", "connector", "group", "paragraph", "run", "srgb",
    "table", "text", "textbox",
]

_NAMESPACES = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
# python-pptx's element classes, so a parsed shape is the same object it would have made;
# blank text is kept (a run of spaces is text), which is why this is not python-pptx's parser.
_PARSER = etree.XMLParser(resolve_entities=False)
_PARSER.set_element_class_lookup(element_class_lookup)
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")
_HEX = re.compile(r"[0-9A-F]{6}")
# The default theme's line and shadow that python-pptx gives a new connector; the slides
# kept it on an inhibition's bar and the legend's lines, and still do (the files are unchanged).
def text(words: str) -> str:
    """Words as element content: XML-escaped, control characters written as python-pptx
    writes them (``_x0007_``); tab and line feed kept."""
    return escape(_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", words))


def attr(value: str) -> str:
    """A string as a quoted attribute value."""
    return quoteattr(value)


@cache
def _colour(colour: str) -> str:
    """``#rrggbb`` as an ``a:srgbClr``; a bad colour is an error naming it."""
    value = colour.lstrip("#").upper()
    if not _HEX.fullmatch(value):
        raise ValueError(f"not an RGB colour: {colour!r}")
    return f'<a:srgbClr val="{value}"/>'


def srgb(colour: str) -> str:
    """``#rrggbb`` as a solid fill (of a shape, a line or a run)."""
    return f"<a:solidFill>{_colour(colour)}</a:solidFill>"


class ShapeIds:
    """A slide's shape ids, handed out in order from 2 (1 is the slide's shape tree)."""

    def __init__(self) -> None:
        self.last = 1

    def next(self) -> int:
        self.last += 1
        return self.last


@dataclass(frozen=True)
class Line:
    """A shape's outline or a connector's line: ``colour`` None for none; width in EMU;
    ``tail`` a DrawingML line end (``triangle`` filled, ``arrow`` open)."""

    colour: str | None
    width: int = 0
    dash: bool = False
    tail: str | None = None

    def xml(self) -> str:
        if self.colour is None:
            return "<a:ln><a:noFill/></a:ln>"
        dash = '<a:prstDash val="dash"/>' if self.dash else ""
        tail = f'<a:tailEnd type="{self.tail}" w="med" len="med"/>' if self.tail else ""
        return f'<a:ln w="{int(self.width)}">{srgb(self.colour)}{dash}{tail}</a:ln>'


@dataclass(frozen=True)
class Run:
    """One run of text: size in centipoints; None leaves bold, italic or colour unset."""

    words: str
    size: int
    bold: bool | None = None
    italic: bool | None = None
    colour: str | None = None


def run(r: Run) -> str:
    flags = "".join(f' {name}="{int(value)}"' for name, value in (("b", r.bold), ("i", r.italic))
                    if value is not None)
    fill = srgb(r.colour) if r.colour else ""
    return (f'<a:r><a:rPr sz="{r.size}"{flags}>{fill}<a:latin typeface="Arial"/></a:rPr>'
            f"<a:t>{text(r.words)}</a:t></a:r>")


def paragraph(runs: Iterable[Run | None], *, align: str | None = None, line_spacing: int | None = None,
              space_after: int | None = None) -> str:
    """An ``a:p``: ``None`` in ``runs`` is a line break; spacing in centipoints."""
    inner = ""
    if line_spacing is not None:
        inner += f'<a:lnSpc><a:spcPts val="{line_spacing}"/></a:lnSpc>'
    if space_after is not None:
        inner += f'<a:spcAft><a:spcPts val="{space_after}"/></a:spcAft>'
    algn = f' algn="{align}"' if align else ""
    props = f"<a:pPr{algn}>{inner}</a:pPr>" if inner else (f"<a:pPr{algn}/>" if algn else "")
    body = "".join("<a:br/>" if r is None else run(r) for r in runs)
    return f"<a:p>{props}{body}</a:p>"


@cache
def _preset(shape: MSO_SHAPE) -> tuple[str, str, tuple[tuple[str, int], ...]]:
    """A preset's ``prst`` name, python-pptx's default shape name, its default adjustments."""
    kind = AutoShapeType(shape)
    return kind.prst, kind.basename, tuple(AutoShapeType.default_adjustment_values(shape))


def _xfrm(x: int, y: int, cx: int, cy: int, flip: str = "") -> str:
    return f'<a:xfrm{flip}><a:off x="{int(x)}" y="{int(y)}"/><a:ext cx="{int(cx)}" cy="{int(cy)}"/></a:xfrm>'


def _c_nv_pr(shape_id: int, name: str, descr: str | None) -> str:
    """A shape's id and name, and its alt text (``descr``, what a screen reader says of it)."""
    if not descr:
        return f'<p:cNvPr id="{shape_id}" name={attr(name)}/>'
    return f'<p:cNvPr id="{shape_id}" name={attr(name)} descr={attr(_CONTROL.sub(" ", descr))}/>'


def _insets(margins: Sequence[int]) -> str:
    return "".join(f' {name}="{int(value)}"' for name, value in zip(("lIns", "tIns", "rIns", "bIns"), margins,
                                                                     strict=True))


def autoshape(shape_id: int, shape: MSO_SHAPE, box: Sequence[int], *, name: str | None = None,
              adjustment: float | None = None, fill: str | None = None, line: Line | None = None,
              glow: tuple[int, str] | None = None, paragraphs: Sequence[str] = (), anchor: str = "ctr",
              margins: Sequence[int] | None = None, descr: str | None = None) -> str:
    """A ``p:sp`` of a preset shape at ``box`` (x, y, cx, cy in EMU), without the theme's
    style (no shadow; every colour is explicit).

    ``adjustment`` sets the first of the preset's adjustments (python-pptx then writes
    them all); ``glow`` is (radius in EMU, colour); ``descr`` its alt text. With
    ``paragraphs`` the text is set
    as python-pptx's text-frame setters leave it (no wrapping, no autofit, ``anchor``,
    ``margins``); without, the empty centred paragraph of a new shape.
    """
    prst, basename, defaults = _preset(shape)
    if name is None:
        name = f"{basename} {shape_id - 1}"
    guides = ""
    if adjustment is not None:
        values = [(defaults[0][0], int(adjustment * 100000.0)), *defaults[1:]]
        guides = "".join(f'<a:gd name="{n}" fmla="val {v}"/>' for n, v in values)
    geometry = f'<a:prstGeom prst="{prst}"><a:avLst>{guides}</a:avLst></a:prstGeom>' if guides else \
        f'<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom>'
    effects = f'<a:effectLst><a:glow rad="{int(glow[0])}">{_colour(glow[1])}</a:glow></a:effectLst>' if glow else ""
    if paragraphs:
        body = (f'<a:bodyPr rtlCol="0" anchor="{anchor}" wrap="none"{_insets(margins or (0, 0, 0, 0))}/>'
                f'<a:lstStyle/>{"".join(paragraphs)}')
    else:
        body = '<a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p>'
    return (f'<p:sp><p:nvSpPr>{_c_nv_pr(shape_id, name, descr)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
            f"<p:spPr>{_xfrm(*box)}{geometry}{srgb(fill) if fill else ''}{line.xml() if line else ''}{effects}"
            f"</p:spPr><p:txBody>{body}</p:txBody></p:sp>")


def group(shape_id: int, box: Sequence[int], children: Sequence[str], *, name: str) -> str:
    """A ``p:grpSp`` holding ``children`` (shapes' XML) where they are: its child extent is its
    own box (``box``, x, y, cx, cy in EMU), so they keep their slide coordinates. Moved in
    PowerPoint or Impress, they move together; connectors stay glued to a shape inside."""
    x, y, cx, cy = (int(v) for v in box)
    return (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{shape_id}" name={attr(name)}/><p:cNvGrpSpPr/><p:nvPr/>'
            f'</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>'
            f'<a:chOff x="{x}" y="{y}"/><a:chExt cx="{cx}" cy="{cy}"/></a:xfrm></p:grpSpPr>{"".join(children)}'
            "</p:grpSp>")


def textbox(shape_id: int, box: Sequence[int], paragraphs: Sequence[str], *, name: str | None = None,
            wrap: str = "none", autofit: bool = True, anchor: str | None = None,
            margins: Sequence[int] | None = None, title: bool = False) -> str:
    """A ``p:sp`` text box (python-pptx's ``add_textbox``): ``wrap`` ``none`` or ``square``;
    ``autofit`` keeps its shape-to-fit-text; ``anchor`` and ``margins`` as set, or unset.
    ``title``: the slide's title placeholder (what screen readers and PowerPoint's outline
    and accessibility checker take for the slide's title), placed and styled as given."""
    if name is None:
        name = f"TextBox {shape_id - 1}"
    props = f' wrap="{wrap}"' + (f' anchor="{anchor}"' if anchor else "") + (_insets(margins) if margins else "")
    body_pr = f"<a:bodyPr{props}><a:spAutoFit/></a:bodyPr>" if autofit else f"<a:bodyPr{props}/>"
    kind = ('<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr>' if title
            else '<p:cNvSpPr txBox="1"/><p:nvPr/>')
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(name)}/>{kind}'
            f'</p:nvSpPr><p:spPr>{_xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'<p:txBody>{body_pr}<a:lstStyle/>{"".join(paragraphs) or "<a:p/>"}</p:txBody></p:sp>')


def connector(shape_id: int, begin: tuple[int, int], end: tuple[int, int], line: Line, *, name: str | None = None,
              glue: tuple[tuple[int, int], tuple[int, int]] | None = None, descr: str | None = None) -> str:
    """A straight ``p:cxnSp`` from ``begin`` to ``end`` (EMU), as python-pptx's ``add_connector``
    stores it (a box and flips).

    ``glue`` is ((shape id, site), (shape id, site)) for ``a:stCxn`` and ``a:endCxn``: the
    connector follows those shapes when they move; ``descr`` its alt text. No theme
    style: the default
    theme gives a line a shadow in PowerPoint; every colour and width is set here.
    """
    if name is None:
        name = f"Connector {shape_id - 1}"
    (x1, y1), (x2, y2) = begin, end
    flip = (' flipH="1"' if x1 > x2 else "") + (' flipV="1"' if y1 > y2 else "")
    box = (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
    if glue:
        (start, start_site), (stop, stop_site) = glue
        glued = (f'<p:cNvCxnSpPr><a:stCxn id="{start}" idx="{start_site}"/>'
                 f'<a:endCxn id="{stop}" idx="{stop_site}"/></p:cNvCxnSpPr>')
    else:
        glued = "<p:cNvCxnSpPr/>"
    return (f'<p:cxnSp><p:nvCxnSpPr>{_c_nv_pr(shape_id, name, descr)}{glued}<p:nvPr/></p:nvCxnSpPr>'
            f'<p:spPr>{_xfrm(*box, flip)}<a:prstGeom prst="line"><a:avLst/></a:prstGeom>{line.xml()}</p:spPr>'
            "</p:cxnSp>")


def table(shape_id: int, name: str, origin: tuple[int, int], widths: Sequence[int], heights: Sequence[int],
          cells: Sequence[Sequence[Sequence[str]]], margins: tuple[int, int]) -> str:
    """A ``p:graphicFrame`` table (python-pptx's ``add_table``, default style, header row
    and banded rows): ``cells[i][j]`` is that cell's paragraphs; ``margins`` (left and
    right, top and bottom) in EMU for every cell."""
    side, edge = margins
    grid = "".join(f'<a:gridCol w="{int(w)}"/>' for w in widths)
    cell_pr = f'<a:tcPr marL="{side}" marR="{side}" marT="{edge}" marB="{edge}"/>'
    rows = "".join(f'<a:tr h="{int(h)}">' + "".join(
        f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{"".join(paragraphs)}</a:txBody>{cell_pr}</a:tc>'
        for paragraphs in row) + "</a:tr>" for h, row in zip(heights, cells, strict=True))
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name={attr(name)}/>'
            f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
            f'</p:nvGraphicFramePr><p:xfrm><a:off x="{origin[0]}" y="{origin[1]}"/>'
            f'<a:ext cx="{sum(widths)}" cy="{sum(heights)}"/></p:xfrm><a:graphic>'
            f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f'<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}'
            f"</a:tableStyleId></a:tblPr><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl></a:graphicData>"
            f"</a:graphic></p:graphicFrame>")


def append_shapes(slide, shapes: Iterable[str]) -> None:
    """Parse a slide's shapes in one go and append them to its shape tree, in order (the
    drawing order: later is on top)."""
    wrapper = etree.fromstring(f"<p:spTree {_NAMESPACES}>{''.join(shapes)}</p:spTree>", _PARSER)
    slide.shapes._spTree.extend(wrapper)
