"""The two kinds of figure: a slide (16:9, large type) and a handout (compact)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .geometry import LayoutStyle

__all__ = ["PRESETS", "SLIDE_HEIGHT", "SLIDE_WIDTH", "Preset"]

SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080


@dataclass(frozen=True)
class Preset:
    """The sizes of one kind of figure.

    ``slide``: a 16:9 canvas that fills a 1920 × 1080 slide at 1:1, node labels 24 px
    and more, the graph spread out until it draws cleanly at that size. ``handout``:
    the compact figure, sized to its content, for print and the web.
    """

    name: str
    layout: LayoutStyle
    title_font: float
    subtitle_font: float
    legend_font: float
    legend_width: float
    citation_font: float
    badge_font: float
    margin: float
    gap: float                  # between the graph and the legend
    stroke: float               # line widths are multiplied by this
    min_width: float
    aspect: float | None        # width / height of the canvas, or None: as tall as it needs
    fit_spread: bool            # try wider spreads until the layout draws cleanly


PRESETS: Mapping[str, Preset] = {
    "handout": Preset("handout", LayoutStyle(), title_font=21, subtitle_font=13, legend_font=12,
                      legend_width=270, citation_font=11, badge_font=11, margin=28, gap=48, stroke=1.0,
                      min_width=760, aspect=None, fit_spread=False),
    "slide": Preset("slide", LayoutStyle(node_font=24, max_label_width=170, badge_space=28,
                                         compartment_pad=12, compartment_font=18),
                    title_font=38, subtitle_font=22, legend_font=20, legend_width=380, citation_font=16,
                    badge_font=20, margin=24, gap=24, stroke=1.6, min_width=SLIDE_WIDTH,
                    aspect=SLIDE_WIDTH / SLIDE_HEIGHT, fit_spread=True),
}
