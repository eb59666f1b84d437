"""PNG and PDF read back by their own readers (Pillow, pypdf), and compared with the SVG
as an independent SVG renderer (cairosvg) draws it."""

from __future__ import annotations

import dataclasses
import io
import re
import struct
import xml.etree.ElementTree as ET

import cairosvg
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from explorer import CITATION, explain_drug
from explorer.figure import build_scene, figure_bytes, scene_svg
from explorer.figure.marks import Group, Text, scene_marks
from explorer.figure.raster import png_bytes, with_png_dpi

MM = 72 / 25.4   # PDF points per millimetre


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    out, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset:offset + 4])
        out.append((png[offset + 4:offset + 8], png[offset + 8:offset + 8 + length]))
        offset += 12 + length
    return out


@pytest.mark.parametrize("preset", ["handout", "slide"])
def test_png_is_opaque_and_says_its_resolution(kb, graphs, preset):
    png = figure_bytes(kb, graphs, "disinhibition", "ketamine", "png", preset=preset)
    image = Image.open(io.BytesIO(png))
    image.load()                                   # Pillow checks every chunk's CRC
    assert image.info["dpi"] == pytest.approx((192, 192), abs=0.01)
    kinds = [kind for kind, _ in chunks(png)]
    assert kinds[:2] == [b"IHDR", b"pHYs"] and kinds.count(b"pHYs") == 1
    alpha = image.convert("RGBA").getchannel("A")
    assert alpha.getextrema() == (255, 255)        # no half-painted last column or row
    width = float(ET.fromstring(figure_bytes(kb, graphs, "disinhibition", "ketamine", "svg",
                                             preset=preset)).get("width"))
    assert image.width == round(2 * width)


def test_png_dpi_replaces_an_existing_phys_chunk(kb, graphs):
    png = figure_bytes(kb, graphs, "hnk-ampa", None, "png")
    again = with_png_dpi(png, 300)
    assert [kind for kind, _ in chunks(again)].count(b"pHYs") == 1
    assert Image.open(io.BytesIO(again)).info["dpi"] == pytest.approx((300, 300), abs=0.01)


@pytest.mark.parametrize(("page", "size_mm"), [("a4", (297, 210)), ("letter", (279.4, 215.9))])
def test_pdf_has_metadata_and_a_landscape_page(kb, graphs, page, size_mm):
    pdf = PdfReader(io.BytesIO(figure_bytes(kb, graphs, "disinhibition", "ketamine", "pdf", page=page)))
    meta = pdf.metadata
    assert meta.title == f"{graphs['disinhibition'].graph['title']}: {kb.drugs['ketamine'].name}"
    assert "Henter, Park & Zarate" in meta.author
    assert meta.subject.startswith(kb.drugs["ketamine"].name)
    assert CITATION in pdf.metadata["/Keywords"]
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert float(box.width) == pytest.approx(size_mm[0] * MM, abs=0.5)
    assert float(box.height) == pytest.approx(size_mm[1] * MM, abs=0.5)
    text = pdf.pages[0].extract_text()
    assert "BDNF" in text and "Legend" in text     # the figure is on the page, as text


def test_pdf_fit_page_is_the_figures_own_size(kb, graphs):
    svg = ET.fromstring(figure_bytes(kb, graphs, "glyx-13", None, "svg"))
    pdf = PdfReader(io.BytesIO(figure_bytes(kb, graphs, "glyx-13", None, "pdf", page="fit")))
    box = pdf.pages[0].mediabox
    assert float(box.width) == pytest.approx(float(svg.get("width")) * 0.75, abs=0.5)   # 96 px = 72 pt
    assert pdf.metadata.title == graphs["glyx-13"].graph["title"]


def test_unknown_page_and_preset_are_refused(kb, graphs):
    with pytest.raises(ValueError, match="a4, letter, fit"):
        figure_bytes(kb, graphs, "glyx-13", None, "pdf", page="a3")
    with pytest.raises(ValueError, match="handout, slide"):
        figure_bytes(kb, graphs, "glyx-13", None, "svg", preset="poster")


def test_cli_page_option(tmp_path):
    from explorer.cli import main

    out = tmp_path / "f.pdf"
    assert main(["export", "--hypothesis", "hnk-ampa", "--page", "letter", "-o", str(out)]) == 0
    box = PdfReader(str(out)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((279.4 * MM, 215.9 * MM), abs=0.5)
    assert main(["export", "--hypothesis", "hnk-ampa", "--preset", "slide", "-o", str(tmp_path / "f.png")]) == 0
    with Image.open(tmp_path / "f.png") as image:
        assert image.size == (3840, 2160)    # the slide at twice 1920 × 1080


def _shapes_only(marks):
    """The marks without their text, groups kept."""
    out = []
    for mark in marks:
        if isinstance(mark, Group):
            out.append(dataclasses.replace(mark, children=_shapes_only(mark.children)))
        elif not isinstance(mark, Text):
            out.append(mark)
    return tuple(out)


@pytest.mark.parametrize("drug", [None, "ketamine", "rapastinel"])
@pytest.mark.parametrize("hypothesis", ["disinhibition", "spontaneous-transmission", "extrasynaptic-glun2b",
                                        "hnk-ampa", "mglur2-3", "glyx-13", "integrated"])
def test_png_draws_the_shapes_the_svg_draws(kb, graphs, hypothesis, drug, monkeypatch):
    """The PNG is drawn from the marks by our Cairo painter, not from the SVG: text aside,
    it must match the SVG as cairosvg draws it. Anti-aliasing at curves leaves a few
    pixels apart; one arrowhead missing or misplaced would be some 200, a dash out of
    phase thousands. (Text is left out: cairosvg drops a line's trailing space before
    centring it, which the scene compensates for; the PDF test reads the text.)"""
    explanation = explain_drug(kb, kb.drugs[drug], graphs[hypothesis]) if drug else None
    scene = build_scene(kb, graphs[hypothesis], explanation)
    svg = re.sub(r"<text\b.*?</text>", "", scene_svg(scene), flags=re.S)
    theirs = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=svg.encode(), scale=2,
                                                    background_color="white"))).convert("L")
    monkeypatch.setattr("explorer.figure.raster.scene_marks", lambda s: _shapes_only(scene_marks(s)))
    ours = Image.open(io.BytesIO(png_bytes(scene))).convert("L")
    assert ours.size == theirs.size
    strongly_different = sum(ImageChops.difference(ours, theirs).histogram()[129:])
    assert strongly_different < 25, f"{strongly_different} pixels differ by more than half"


def test_pdf_holds_every_label_as_text(kb, graphs):
    """Every node label, the legend and the overlay's words are real text in the PDF."""
    explanation = explain_drug(kb, kb.drugs["ketamine"], graphs["integrated"])
    scene = build_scene(kb, graphs["integrated"], explanation)
    text = PdfReader(io.BytesIO(figure_bytes(kb, graphs, "integrated", "ketamine", "pdf"))).pages[0].extract_text()
    def squeeze(words: str) -> str:      # pypdf runs neighbouring texts together, or splits them
        return re.sub(r"\s+", "", words)

    expected = [n.label.text for n in scene.nodes] + [b.text for b in scene.legend] + [b.text for b in scene.badges]
    missing = [phrase for phrase in expected if squeeze(phrase) not in squeeze(text)]
    assert not missing, missing


def test_a_png_does_not_depend_on_what_was_drawn_before(kb, graphs):
    """Cairo's memory is reused between PNGs (per thread): a small figure drawn after a
    large one must equal the same figure drawn in a fresh thread, with fresh memory."""
    from concurrent.futures import ThreadPoolExecutor

    figure_bytes(kb, graphs, "integrated", "rapastinel", "png")
    after_a_large_one = figure_bytes(kb, graphs, "glyx-13", "ketamine", "png")
    with ThreadPoolExecutor(1) as pool:
        fresh = pool.submit(figure_bytes, kb, graphs, "glyx-13", "ketamine", "png").result()
    assert after_a_large_one == fresh
