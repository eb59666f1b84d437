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
    "readout": OKABE_ITO["green"], "compare": OKABE_ITO["sky"],
})

#: Predicted effect words and how they read.
EFFECT_WORDS = MappingProxyType({
    "up": {"symbol": "▲", "colour": OKABE_ITO["green"], "text": "increased"},
    "down": {"symbol": "▼", "colour": OKABE_ITO["vermillion"], "text": "decreased"},
    "mixed": {"symbol": "◆", "colour": OKABE_ITO["purple"], "text": "mixed (routes of both signs)"},
    "none": {"symbol": "○", "colour": OKABE_ITO["grey"], "text": "no modelled path"},
})
