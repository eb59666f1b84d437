"""One visual vocabulary for the app, the figures and the legend.

Colours are the Okabe–Ito palette, which stays distinguishable under the common
colour-vision deficiencies; meaning never rests on colour alone (shapes mark kinds,
arrow heads vs tee bars mark activation vs inhibition, dashes mark dimmed items).
"""

from __future__ import annotations

from types import MappingProxyType

OKABE_ITO = MappingProxyType({
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999",
    "black": "#000000",
})

#: Node shape and fill by entity kind (shape names are Cytoscape.js's).
KIND_STYLE = MappingProxyType({
    "receptor": {"shape": "round-rectangle", "fill": "#CFE8F7", "label": "Receptor"},
    "enzyme": {"shape": "ellipse", "fill": "#FBE3B0", "label": "Enzyme / kinase"},
    "factor": {"shape": "diamond", "fill": "#C4EBDD", "label": "Factor"},
    "transmitter": {"shape": "hexagon", "fill": "#F9F3B5", "label": "Transmitter"},
    "transporter": {"shape": "barrel", "fill": "#E9D3E2", "label": "Transporter"},
    "protein": {"shape": "round-rectangle", "fill": "#E5E5E5", "label": "Protein"},
    "metabolite": {"shape": "octagon", "fill": "#F3D1BE", "label": "Metabolite"},
    "cell": {"shape": "round-rectangle", "fill": "#FFFFFF", "label": "Cell"},
    "process": {"shape": "tag", "fill": "#FFFFFF", "label": "Process / outcome"},
})

EFFECT_STYLE = MappingProxyType({
    "activates": {"colour": OKABE_ITO["blue"], "arrow": "triangle", "label": "activates →"},
    "inhibits": {"colour": OKABE_ITO["vermillion"], "arrow": "tee", "label": "inhibits ⊣"},
    # SBGN AF "necessary stimulation": a bar before an open arrowhead; dashed, so it
    # never reads as a step of the signed route.
    "requires": {"colour": "#3E4C59", "arrow": "triangle-tee", "label": "requires (necessary condition)",
                 "dashed": True},
})

#: The drug overlay: targets outlined, the lit route, and the rest dimmed.
#: The lit route is a pale lime, like a highlighter pen: its hue is far from vermillion
#: "inhibits" and from blue "activates", and it is much lighter than both (WCAG
#: contrast ≥ 3:1), so a lit arrow reads on it in greyscale and under simulated
#: deuteranopia and protanopia (Machado 2009; checked in ``tests/test_style.py``:
#: Okabe–Ito orange, the former highlight, failed). A second drug, compared, is sky
#: blue, drawn as an outline rather than a halo.
HIGHLIGHT = MappingProxyType({
    "target": OKABE_ITO["black"], "lit": "#E8FF8C", "lit_opacity": 1, "dim_opacity": 0.25,
    "readout": OKABE_ITO["green"], "compare": "#4590BA", "compare_third": "#B45C8E",
})
#: The second drug's outline is Okabe–Ito sky darkened to 3:1 on the compartments' greys
#: (WCAG 1.4.11: a state's mark is a graphical object): sky itself is 2.1:1. A third drug's
#: is Okabe–Ito reddish purple darkened alike (2.7:1 itself), drawn dashed.

#: The app's off-route items, faded by lighter fills and lines, never below the contrast
#: WCAG asks: label text 4.5:1 (``dim_ink`` on the faded fill), node outlines and arrows
#: 3:1 on the compartments (arrows keep their colour, thinner and dashed). Checked in
#: ``tests/test_contrast.py``.
DIM = MappingProxyType({"fill_opacity": 0.35, "border_opacity": 0.75, "ink": "#52606D", "edge_width": 1.4})

#: Predicted effect words and how they read. ``ink`` is the colour a symbol takes where it
#: stands as text (panels, tables, keys): the effect's colour darkened to 4.5:1 on white
#: and on the panels' greys (the Okabe–Ito colours themselves are 2.9–3.9:1).
EFFECT_WORDS = MappingProxyType({
    "up": {"symbol": "▲", "colour": OKABE_ITO["green"], "ink": "#007E5C", "text": "increased"},
    "down": {"symbol": "▼", "colour": OKABE_ITO["vermillion"], "ink": "#B55000", "text": "decreased"},
    "mixed": {"symbol": "◆", "colour": OKABE_ITO["purple"], "ink": "#995B7D", "text": "mixed (routes of both signs)"},
    "none": {"symbol": "○", "colour": OKABE_ITO["grey"], "ink": "#6B6B6B", "text": "no modelled path"},
})
