"""PNG and PDF files of a scene, drawn with Cairo (:mod:`.paint`).

* PNG: on an opaque white background (the canvas has whole-pixel sides, so no
  half-covered last column), with its resolution in a ``pHYs`` chunk, so a word
  processor places it at its true size.
* PDF: with Title, Author, Subject, Keywords and Creator in its information
  dictionary, set through Cairo's PDF metadata call; on an A4 or Letter landscape
  page, the figure centred and scaled to fit inside a margin, or on a page the
  figure's own size.

Cairo (``cairocffi``) is imported inside the functions: it takes a tenth of a second
to load and only these formats need it.
"""

from __future__ import annotations

import io
import struct
import sys
import threading
import zlib
from collections.abc import Mapping, Sequence

from .marks import Mark, scene_marks
from .scene import Scene

__all__ = ["PAGE_SIZES", "pdf_bytes", "png_bytes", "thumbnail_jpeg", "with_png_dpi"]

#: Landscape pages in millimetres; ``fit`` is the figure's own size.
PAGE_SIZES: Mapping[str, tuple[float, float] | None] = {
    "a4": (297.0, 210.0), "letter": (279.4, 215.9), "fit": None,
}
PAGE_MARGIN_MM = 10.0
_CSS_DPI = 96        # an SVG pixel is 1/96 inch
_PT_PER_MM = 72 / 25.4
_SCRATCH = threading.local()


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
    return signature + chunks[0] + _phys(dpi) + b"".join(chunks[1:])


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _phys(dpi: float) -> bytes:
    """A ``pHYs`` chunk: ``dpi`` in pixels per metre, as PNG stores it."""
    per_metre = round(dpi / 0.0254)
    return _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))


def _canvas_memory(size: int) -> bytearray:
    """Memory for Cairo to draw a PNG in, kept per thread and reused.

    A new image's 15-30 MB cost as much again in page faults as the drawing itself
    (the kernel hands out fresh zeroed pages for every large allocation): reusing one
    buffer halved an integrated PNG's time. Nothing needs clearing, since the first
    mark paints the whole canvas white.
    """
    memory = getattr(_SCRATCH, "memory", None)
    if memory is None or len(memory) < size:
        memory = _SCRATCH.memory = bytearray(size)
    return memory


def png_bytes(scene: Scene | Sequence[Scene], *, scale: float = 2.0) -> bytes:
    """The scene drawn at ``scale`` × its size on white, tagged with the matching DPI
    (scale 2 of 96-dpi CSS pixels: 192 dpi, so it prints at the SVG's size).

    Cairo draws; the PNG is encoded here, a row at a time, as opaque 8-bit RGB with
    zlib at level 3: Cairo's own writer (RGBA, libpng's slowest settings) took half of
    each PNG's time, which ``export --all`` pays 109 times, for files 10-20 % smaller.
    """
    import cairocffi

    from .paint import paint_marks

    scenes = [scene] if isinstance(scene, Scene) else list(scene)
    width = round(max(s.width for s in scenes) * scale)
    height = round(sum(s.height for s in scenes) * scale)
    stride = cairocffi.ImageSurface.format_stride_for_width(cairocffi.FORMAT_RGB24, width)
    memory = _canvas_memory(stride * height)
    image = cairocffi.ImageSurface.create_for_data(memory, cairocffi.FORMAT_RGB24, width, height, stride)
    context = cairocffi.Context(image)
    context.set_source_rgb(1, 1, 1)      # white where a narrower part leaves room (each scene paints its own)
    context.paint()
    context.scale(scale, scale)
    for s in scenes:                     # a view in parts: each under the last
        paint_marks(context, scene_marks(s))
        context.translate(0, s.height)
    image.finish()
    # Cairo's RGB24 is one native-endian 32-bit word a pixel: B, G, R, unused in memory
    # on little-endian machines, unused, R, G, B on big-endian ones.
    red, green, blue = (2, 1, 0) if sys.byteorder == "little" else (1, 2, 3)
    compressor, idat = zlib.compressobj(3), []
    row = bytearray(3 * width + 1)                    # a filter byte (0: none), then R, G, B, …
    for start in range(0, stride * height, stride):
        end = start + 4 * width
        row[1::3], row[2::3], row[3::3] = (memory[start + red:end:4], memory[start + green:end:4],
                                           memory[start + blue:end:4])
        idat.append(compressor.compress(row))
    idat.append(compressor.flush())
    return (b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _phys(_CSS_DPI * scale)
            + _chunk(b"IDAT", b"".join(idat))
            + _chunk(b"IEND", b""))


def pdf_bytes(scene: Scene | Sequence[Scene], *, title: str, subject: str, author: str, keywords: str = "",
              creator: str = "", page: str = "a4") -> bytes:
    """The scene as a one-page PDF with its metadata (several scenes: a page each).

    Parameters
    ----------
    page : ``a4`` or ``letter`` (landscape, the figure scaled to fit inside a 10 mm
        margin, centred), or ``fit`` (a page the figure's size, 96 px to the inch).
    """
    if page not in PAGE_SIZES:
        raise ValueError(f"unknown page size {page!r}; expected one of {', '.join(PAGE_SIZES)}")
    import cairocffi

    from .paint import paint_marks

    scenes = [scene] if isinstance(scene, Scene) else list(scene)
    points_per_px = 72 / _CSS_DPI
    size = PAGE_SIZES[page]

    def placing(s: Scene) -> tuple[float, float, float, float, float]:
        """The page's width and height, the scale and the figure's top left corner on it."""
        if size is None:
            return s.width * points_per_px, s.height * points_per_px, points_per_px, 0.0, 0.0
        page_w, page_h = (mm * _PT_PER_MM for mm in size)
        margin = PAGE_MARGIN_MM * _PT_PER_MM
        scale = min((page_w - 2 * margin) / s.width, (page_h - 2 * margin) / s.height)
        return page_w, page_h, scale, (page_w - s.width * scale) / 2, (page_h - s.height * scale) / 2

    output = io.BytesIO()
    page_w, page_h, scale, left, top = placing(scenes[0])
    surface = cairocffi.PDFSurface(output, page_w, page_h)
    for key, value in ((cairocffi.PDF_METADATA_TITLE, title), (cairocffi.PDF_METADATA_AUTHOR, author),
                       (cairocffi.PDF_METADATA_SUBJECT, subject), (cairocffi.PDF_METADATA_KEYWORDS, keywords),
                       (cairocffi.PDF_METADATA_CREATOR, creator)):
        if value:
            surface.set_metadata(key, value)
    context = cairocffi.Context(surface)
    for i, s in enumerate(scenes):
        if i:                                          # the next page, sized for its scene
            context.show_page()
            page_w, page_h, scale, left, top = placing(s)
            surface.set_size(page_w, page_h)
        context.save()
        context.rectangle(0, 0, page_w, page_h)          # the page white, margin included
        context.set_source_rgb(1, 1, 1)
        context.fill()
        context.translate(left, top)
        context.scale(scale, scale)
        paint_marks(context, scene_marks(s))
        context.restore()
    surface.finish()
    return output.getvalue()


def thumbnail_jpeg(marks: Sequence[Mark], width: float, height: float, *, pixels: int = 256) -> bytes:
    """``marks`` on a ``width`` × ``height`` canvas, drawn ``pixels`` wide on white, as a JPEG:
    a deck's thumbnail (``docProps/thumbnail.jpeg``), its first slide as Cairo draws it."""
    import cairocffi
    from PIL import Image

    from .paint import paint_marks

    scale = pixels / width
    size = (round(width * scale), round(height * scale))
    image = cairocffi.ImageSurface(cairocffi.FORMAT_RGB24, *size)
    context = cairocffi.Context(image)
    context.set_source_rgb(1, 1, 1)
    context.paint()
    context.scale(scale, scale)
    paint_marks(context, tuple(marks))
    image.flush()
    # Cairo's RGB24: a native-endian 32-bit word a pixel (B, G, R, unused on little-endian machines).
    layout = "BGRX" if sys.byteorder == "little" else "XRGB"
    picture = Image.frombuffer("RGB", size, bytes(image.get_data()), "raw", layout, image.get_stride(), 1)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88)
    return out.getvalue()
