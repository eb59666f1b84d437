"""Slide-ready figures of a hypothesis graph: one placed scene, several renderers.

* :mod:`.text`: text measurement and wrapping;
* :mod:`.geometry`: where nodes, compartments and edges go (:func:`layout`);
* :mod:`.room`: a graph laid out for a slide at its large type, each node keeping room
  for its tags (:mod:`.tags`), from the curated positions or the view's slide layout;
* :mod:`.scene`: the whole figure placed once (:func:`build_scene`), at a
  :class:`~.scene.Preset`'s sizes (``slide`` or ``handout``); on slides the integrated
  view in parts (:func:`build_scenes`); :mod:`.problems` lists what would read wrong;
* :mod:`.marks`: the scene as shapes, lines and text runs (arrowheads, tees, swatches
  worked out once), which :mod:`.svg` writes as SVG and :mod:`.paint` draws with Cairo;
* :mod:`.raster`: PNG and PDF files of those Cairo drawings;
* :mod:`.pptx`: an editable PowerPoint slide drawn from the scene (native shapes and
  glued connectors); :mod:`.notes` (speaker notes) and :mod:`.deck` (a drug's deck),
  whose shapes :mod:`.drawingml` writes as DrawingML text;
* :func:`figure_bytes`: any of these formats for a hypothesis and a drug.

No renderer measures text or places anything: every format draws the same scene.
No Dash here, and nothing writes files (see :mod:`explorer.export`).
"""

from .files import FIGURE_FORMATS, PAGE_SIZES, figure_bytes
from .geometry import Box, Layout, LayoutStyle, PlacedCompartment, PlacedNode, layout, layout_problems, segment_hits_box
from .overlay import extrapolation_caveat
from .presets import PRESETS, Preset
from .problems import scene_problems
from .scene import Scene, build_scene, build_scenes, citation_line, label_px_at_slide, view_parts
from .svg import graph_svg, render_svg, scene_svg
from .text import text_width, wrap

__all__ = [
    "FIGURE_FORMATS", "PAGE_SIZES", "PRESETS", "Box", "Layout", "LayoutStyle", "PlacedCompartment",
    "PlacedNode", "Preset", "Scene", "build_scene", "build_scenes", "citation_line", "extrapolation_caveat",
    "figure_bytes", "graph_svg", "label_px_at_slide", "layout", "layout_problems", "render_svg", "scene_problems",
    "scene_svg",
    "segment_hits_box", "text_width", "view_parts", "wrap",
]
