"""PNG and PDF from a figure's SVG, through Cairo (``cairosvg``).

* PNG: on an opaque white background (the canvas has whole-pixel sides, so no
  half-covered last column), with its resolution in a ``pHYs`` chunk, so a word
  processor places it at its true size.
* PDF: with Title, Author, Subject, Keywords and Creator in its information
  dictionary, set through Cairo's own PDF metadata call before the file is finished
  (``cairosvg`` has no option for them); on an A4 or Letter landscape page, the
  figure centred and scaled to fit, or on a page the figure's own size.

``cairosvg`` is imported inside the functions: it takes a quarter of a second to
load and only these formats need it.
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zlib
from collections.abc import Mapping
from xml.sax.saxutils import quoteattr

__all__ = ["PAGE_SIZES", "pdf_bytes", "png_bytes", "with_png_dpi"]

#: Landscape pages in millimetres; ``fit`` is the figure's own size.
PAGE_SIZES: Mapping[str, tuple[float, float] | None] = {
    "a4": (297.0, 210.0), "letter": (279.4, 215.9), "fit": None,
}
PAGE_MARGIN_MM = 10.0
_CSS_DPI = 96        # an SVG pixel is 1/96 inch


def with_png_dpi(png: bytes, dpi: float) -> bytes:
    """The PNG with a ``pHYs`` chunk saying ``dpi`` (in pixels per metre, as PNG stores it)
    right after the header chunk, replacing any there was."""
    signature, chunks, offset = png[:8], [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset:offset + 4])
        kind = png[offset + 4:offset + 8]
        end = offset + 12 + length
        if kind != b"pHYs":
            chunks.append(png[offset:end])
        offset = end
    per_metre = round(dpi / 0.0254)
    data = struct.pack(">IIB", per_metre, per_metre, 1)
    phys = struct.pack(">I", len(data)) + b"pHYs" + data + struct.pack(">I", zlib.crc32(b"pHYs" + data))
    return signature + chunks[0] + phys + b"".join(chunks[1:])


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes(svg: bytes, *, scale: float = 2.0) -> bytes:
    """The SVG drawn at ``scale`` × its size on white, tagged with the matching DPI
    (scale 2 of 96-dpi CSS pixels: 192 dpi, so it prints at the SVG's size).

    Cairo draws; the PNG is encoded here, as opaque 8-bit RGB with zlib at level 3:
    Cairo's own writer (RGBA, libpng's slowest settings) took half of each PNG's time,
    which ``export --all`` pays 109 times, for files 10-20 % smaller.
    """
    from cairosvg.parser import Tree
    from cairosvg.surface import PNGSurface

    surface = PNGSurface(Tree(bytestring=svg), None, _CSS_DPI, scale=scale, background_color="white")
    image = surface.cairo
    image.flush()
    width, height, stride = image.get_width(), image.get_height(), image.get_stride()
    data = bytes(image.get_data())
    # Cairo's ARGB32 is one native-endian 32-bit word a pixel: B, G, R, A in memory on
    # little-endian machines, A, R, G, B on big-endian ones. The background is opaque.
    red, green, blue = (2, 1, 0) if sys.byteorder == "little" else (1, 2, 3)
    pixels = b"".join(data[row * stride: row * stride + 4 * width] for row in range(height))
    rgb = bytearray(3 * width * height)
    rgb[0::3], rgb[1::3], rgb[2::3] = pixels[red::4], pixels[green::4], pixels[blue::4]
    line = 3 * width
    raw = b"".join(b"\x00" + rgb[row * line:(row + 1) * line] for row in range(height))  # filter: none
    per_metre = round(_CSS_DPI * scale / 0.0254)
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            + _chunk(b"IDAT", zlib.compress(raw, 3))
            + _chunk(b"IEND", b""))


def _on_page(svg: bytes, width: float, height: float, page: tuple[float, float]) -> bytes:
    """The figure nested in an SVG the size of the page, centred, scaled to fit inside a margin."""
    page_w, page_h = page
    inner = svg.decode("utf-8").split("?>", 1)[-1].strip()
    # The inner document keeps its viewBox; its box is the page less the margin.
    inner = inner.replace("<svg ", f'<svg x="{PAGE_MARGIN_MM}" y="{PAGE_MARGIN_MM}" '
                          f'preserveAspectRatio="xMidYMid meet" ', 1)
    inner = _set_size(inner, page_w - 2 * PAGE_MARGIN_MM, page_h - 2 * PAGE_MARGIN_MM)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            f'width="{page_w}mm" height="{page_h}mm" viewBox="0 0 {page_w} {page_h}">'
            f'<rect width="{page_w}" height="{page_h}" fill="#FFFFFF"/>{inner}</svg>').encode()


def _set_size(svg: str, width: float, height: float) -> str:
    """The root element's width and height replaced (the first ones: the root's)."""
    head, rest = svg.split(">", 1)
    head = re.sub(r'\swidth="[^"]*"', f" width={quoteattr(str(width))}", head, count=1)
    head = re.sub(r'\sheight="[^"]*"', f" height={quoteattr(str(height))}", head, count=1)
    return head + ">" + rest


def pdf_bytes(svg: bytes, *, title: str, subject: str, author: str, keywords: str = "",
              creator: str = "", page: str = "a4") -> bytes:
    """The SVG as a one-page PDF with its metadata.

    Parameters
    ----------
    page : ``a4`` or ``letter`` (landscape, the figure scaled to fit), or ``fit``.
    """
    if page not in PAGE_SIZES:
        raise ValueError(f"unknown page size {page!r}; expected one of {', '.join(PAGE_SIZES)}")
    import cairocffi
    from cairosvg.parser import Tree
    from cairosvg.surface import PDFSurface

    size = PAGE_SIZES[page]
    if size is not None:
        import xml.etree.ElementTree as ET

        root = ET.fromstring(svg)
        svg = _on_page(svg, float(root.get("width")), float(root.get("height")), size)
    output = io.BytesIO()
    surface = PDFSurface(Tree(bytestring=svg), output, _CSS_DPI)
    for key, value in ((cairocffi.PDF_METADATA_TITLE, title), (cairocffi.PDF_METADATA_AUTHOR, author),
                       (cairocffi.PDF_METADATA_SUBJECT, subject), (cairocffi.PDF_METADATA_KEYWORDS, keywords),
                       (cairocffi.PDF_METADATA_CREATOR, creator)):
        if value:
            surface.cairo.set_metadata(key, value)
    surface.finish()
    return output.getvalue()
