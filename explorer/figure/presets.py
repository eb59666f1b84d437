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

    ``slide``: a 16:9 canvas that fills a 1920 × 1080 slide at 1:1, made for the room:
    node labels 36 px (18 pt on PowerPoint's 13.33-inch slide), tags and legend 28 px
    (14 pt), the citation 24 px (12 pt); the graph laid out compactly at those sizes,
    each node keeping room for its tags (:mod:`.room`), the legend beside or below it,
    whichever leaves the graph more room; a view drawn in parts (``parts``, the integrated
    view's slides) has node labels, tags and legend at 28 px (14 pt), the citation at 24 px.
    ``handout``: the compact figure, sized to its content, for print and the web.
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
    room: bool = False          # lay the graph out for the room (:mod:`.room`), tags in kept room
    tag_width: float | None = None   # a tag wider than this wraps onto a second line
    room_clearance: float = 0.0      # white kept between any two things in the room layout
    legend_flow: bool = False        # short legend items share a line where they fit
    legend_pitch: float = 20 / 12    # from one legend line to the next, in legend type sizes
    legend_indent: float = 44 / 12   # from a legend line's start to its words, in legend type sizes
    legend_effects: bool = True      # the legend lists each readout's effect (else its tag alone says it)
    parts: Preset | None = None      # the sizes of a view drawn in parts (the integrated view's slides)


_SLIDE_PART = Preset("slide", LayoutStyle(node_font=28, max_label_width=200, badge_space=0, compartment_pad=7,
                                          compartment_font=20, padding=0.7),
                     title_font=40, subtitle_font=24, legend_font=28, legend_width=420, citation_font=24,
                     badge_font=28, margin=24, gap=24, stroke=1.6, min_width=SLIDE_WIDTH,
                     aspect=SLIDE_WIDTH / SLIDE_HEIGHT, room=True, tag_width=300, room_clearance=10,
                     legend_flow=True, legend_pitch=1.4, legend_indent=3.4, legend_effects=False)

PRESETS: Mapping[str, Preset] = {
    "handout": Preset("handout", LayoutStyle(), title_font=21, subtitle_font=13, legend_font=12,
                      legend_width=270, citation_font=11, badge_font=11, margin=28, gap=48, stroke=1.0,
                      min_width=760, aspect=None),
    "slide": Preset("slide", LayoutStyle(node_font=36, max_label_width=250, badge_space=0,
                                         compartment_pad=7, compartment_font=18, padding=0.65),
                    title_font=40, subtitle_font=28, legend_font=28, legend_width=470, citation_font=24,
                    badge_font=28, margin=24, gap=28, stroke=1.8, min_width=SLIDE_WIDTH,
                    aspect=SLIDE_WIDTH / SLIDE_HEIGHT, room=True, tag_width=300,
                    room_clearance=10, legend_flow=True, legend_pitch=1.35,
                    legend_indent=3.4, legend_effects=False, parts=_SLIDE_PART),
}
