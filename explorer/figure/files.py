"""A figure's file in any of its formats: the one entry point the CLI, export and the app use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import networkx as nx

from .. import CITATION, __version__
from ..engine import explain_drug, resolve_drug, resolve_hypothesis
from ..model import KnowledgeBase
from .presets import PRESETS
from .raster import PAGE_SIZES, pdf_bytes, png_bytes
from .scene import build_scenes
from .svg import scene_svg

__all__ = ["FIGURE_FORMATS", "PAGE_SIZES", "PRESETS", "figure_bytes"]

FIGURE_FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "pptx")


def figure_bytes(kb: KnowledgeBase, graphs: Mapping[str, nx.DiGraph], hypothesis_id: str,
                 drug_id: str | None, fmt: Literal["svg", "png", "pdf", "pptx"], *,
                 preset: str | None = None, page: str = "a4") -> bytes:
    """The figure of one hypothesis (or ``integrated``), with a drug's overlay if given.

    Parameters
    ----------
    hypothesis_id, drug_id : ids, or any name :func:`~explorer.engine.resolve_hypothesis`
        and :func:`~explorer.engine.resolve_drug` accept; an unknown one raises
        :class:`~explorer.engine.UnknownName`.
    fmt : ``"svg"`` (UTF-8 text), ``"png"`` (at twice the SVG's size, on white, 192 dpi),
        ``"pdf"`` (with Title, Author and Subject) or ``"pptx"`` (one editable slide). A
        view a slide shows in parts (the integrated view) has a slide, a PDF page or a
        band of the SVG and PNG per part.
    preset : ``"slide"`` or ``"handout"``; by default ``slide`` for PPTX, ``handout`` otherwise.
    page : the PDF's page: ``a4`` or ``letter`` landscape, or ``fit`` (the figure's size).

    Returns
    -------
    The file's bytes; nothing is written.
    """
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"unknown figure format {fmt!r}; expected one of {', '.join(FIGURE_FORMATS)}")
    preset = preset or ("slide" if fmt == "pptx" else "handout")
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; expected one of {', '.join(PRESETS)}")
    if page not in PAGE_SIZES:
        raise ValueError(f"unknown page size {page!r}; expected one of {', '.join(PAGE_SIZES)}")
    hypothesis = resolve_hypothesis(kb, hypothesis_id)
    graph = graphs[hypothesis]
    drug = resolve_drug(kb, drug_id) if drug_id else None
    explanation = explain_drug(kb, drug, graph) if drug else None
    if fmt == "pptx":
        from .pptx import slide_bytes  # python-pptx loads only for slides

        return slide_bytes(kb, graph, explanation, preset=preset)
    scenes = build_scenes(kb, graph, explanation, preset=preset)   # a view in parts: one under the other
    if fmt == "svg":
        return scene_svg(scenes).encode("utf-8")
    if fmt == "png":
        return png_bytes(scenes)
    title = graph.graph.get("title", hypothesis)
    return pdf_bytes(scenes, title=title + (f": {drug.name}" if drug else ""),
                     subject=scenes[0].subtitle.text, author="moa-explorer, after Henter, Park & Zarate 2021",
                     keywords=f"{hypothesis}{', ' + drug.id if drug else ''}; {CITATION}",
                     creator=f"moa-explorer {__version__}", page=page)
