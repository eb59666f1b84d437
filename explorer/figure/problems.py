"""What a reader of a finished figure would have to fix: :func:`scene_problems`.

:func:`~.geometry.layout_problems` checks a layout (nodes, compartments, edges); this
checks the whole placed scene as drawn: every piece of text (title, subtitle, caveat,
node labels, tags, legend, compartment labels, citation) against every other and the
canvas's edge, every line against the nodes it does not join, every tag against the
lines' ends (and, on a slide, the lines themselves).
"""

from __future__ import annotations

import itertools
import math

from .geometry import Box, segment_hits_box
from .scene import Scene

__all__ = ["LINE_CLEARANCE", "TIP_LENGTH", "label_crossings", "scene_problems", "scene_texts"]

#: A line passing closer than this to a node it does not join reads as that node's arrow.
LINE_CLEARANCE = 6.0
#: The end of a line (its arrowhead or tee bar and a little of the line), in canvas pixels.
TIP_LENGTH = 24.0


def scene_texts(scene: Scene) -> list[tuple[str, Box]]:
    """Every piece of text in the scene, named, with its box."""
    found = [("title", scene.title.box), ("subtitle", scene.subtitle.box), ("citation", scene.citation.box)]
    if scene.caveat is not None:
        found.append(("caveat", scene.caveat.box))
    found += [(f"label of {n.id!r}", n.label.box) for n in scene.nodes]
    found += [(f"tag of {b.node!r}", b.box) for b in scene.badges]
    found += [(f"legend {t.text[:24]!r}", t.box) for t in scene.legend]
    found += [(f"label of compartment {c.id!r}", c.label.box) for c in scene.compartments]
    return found


def label_crossings(scene: Scene) -> list[tuple[str, str, str]]:
    """Each line that runs through a compartment's label: (compartment, source, target)."""
    return [(c.id, e.source, e.target) for c in scene.compartments for e in scene.edges
            if segment_hits_box(e.segment, c.label_patch)]


def scene_problems(scene: Scene) -> list[str]:
    """One sentence per problem; empty when the figure reads cleanly.

    * two texts overlap, or a text leaves the canvas;
    * a line runs under (within :data:`LINE_CLEARANCE` of) a node it does not join;
    * a tag covers a line's end (its last :data:`TIP_LENGTH` px); on a slide, any of it.
    """
    problems = []
    texts = scene_texts(scene)
    for (a, box_a), (b, box_b) in itertools.combinations(texts, 2):
        if box_a.overlaps(box_b):
            problems.append(f"the {a} and the {b} overlap")
    for name, box in texts:
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > scene.width + 0.5 or box.y1 > scene.height + 0.5:
            problems.append(f"the {name} leaves the canvas")
    for e in scene.edges:
        x1, y1, x2, y2 = e.segment
        for n in scene.nodes:
            if n.id not in (e.source, e.target) and segment_hits_box(
                    e.segment, n.placed.box.grow(LINE_CLEARANCE, LINE_CLEARANCE, LINE_CLEARANCE, LINE_CLEARANCE)):
                problems.append(f"the line {e.source!r} → {e.target!r} runs under node {n.id!r}")
        share = min(1.0, TIP_LENGTH / (math.hypot(x2 - x1, y2 - y1) or 1.0))
        tip = (x2 - (x2 - x1) * share, y2 - (y2 - y1) * share, x2, y2)
        for b in scene.badges:
            if segment_hits_box(tip, b.box):
                problems.append(f"the tag of {b.node!r} covers the end of {e.source!r} → {e.target!r}")
            elif scene.preset.room and segment_hits_box(e.segment, b.box):
                problems.append(f"the tag of {b.node!r} covers the line {e.source!r} → {e.target!r}")
    return problems
