"""Contrast of what the app draws (WCAG 2.1: text 4.5:1, 1.4.3; graphical parts 3:1, 1.4.11), read from
the stylesheets and palettes themselves, so that a later colour change cannot fall below it.

The graph is drawn on canvases, which axe-core cannot read: these pairs are its colours, each
against what lies under it (a node's fill, a compartment's grey, the page's white), with a faded
fill mixed as the browser mixes it (its opacity over the compartment behind).
"""

from __future__ import annotations

import itertools

import pytest

from explorer import engine, views
from explorer.style import EFFECT_STYLE, EFFECT_WORDS, HIGHLIGHT, KIND_STYLE
from explorer.views import View

from .test_style import contrast, to_linear

WHITE, PANEL, EXTRAPOLATED_CELL = "#FFFFFF", "#F8FAFC", "#F6F6F6"   # assets/app.css
TEXT, GRAPHICS = 4.5, 3.0


def ratio(a: str, b: str) -> float:
    return contrast(to_linear(a), to_linear(b))


def mix(colour: str, behind: str, opacity: float) -> str:
    """``colour`` at ``opacity`` over ``behind``, as the canvas composes it."""
    pairs = [(int(colour[i:i + 2], 16), int(behind[i:i + 2], 16)) for i in (1, 3, 5)]
    return "#{:02X}{:02X}{:02X}".format(*(round(opacity * c + (1 - opacity) * b) for c, b in pairs))


def hex_colour(value: str) -> str:
    return value.upper() if len(value) == 7 else "#" + "".join(c * 2 for c in value[1:]).upper()


def rule(sheet: list[dict], selector: str) -> dict:
    return next(r["style"] for r in sheet if r["selector"] == selector)


@pytest.fixture(scope="module")
def sheets(kb, graphs):
    graph = graphs["disinhibition"]
    base = views.base_stylesheet()
    overlay = views.overlay_stylesheet(kb, graph, View("disinhibition", "ketamine"),
                                       engine.explain_drug(kb, kb.drugs["ketamine"], graph))
    return base, overlay


def compartments(base: list[dict]) -> list[str]:
    """Every compartment fill (nested compartments alternate), and the white of the canvas."""
    return [WHITE, *(hex_colour(r["style"]["background-color"]) for r in base if "compartment" in r["selector"]
                     and "background-color" in r["style"])]


def test_node_labels_read_on_every_fill(sheets):
    base, _ = sheets
    ink = hex_colour(rule(base, "node")["color"])
    for kind, style in KIND_STYLE.items():
        assert ratio(ink, style["fill"]) >= TEXT, kind
    edge = rule(base, "edge")
    assert edge["text-background-opacity"] >= 0.9 and ratio(hex_colour(edge["color"]), WHITE) >= TEXT
    label = rule(base, ".compartment")["color"]
    for fill in compartments(base):
        assert ratio(hex_colour(label), fill) >= TEXT


def test_faded_nodes_stay_legible_and_outlined(sheets):
    """Off the drug's routes a node is faded by a lighter fill and outline, never by opacity:
    its label still reads at 4.5:1 on the faded fill, over any compartment, its outline at 3:1."""
    base, overlay = sheets
    faded = rule(overlay, ".entity")
    assert "opacity" not in faded and "text-opacity" not in faded
    ink, border = hex_colour(faded["color"]), hex_colour(rule(base, "node")["border-color"])
    for (kind, style), behind in itertools.product(KIND_STYLE.items(), compartments(base)):
        fill = mix(style["fill"], behind, faded["background-opacity"])
        assert ratio(ink, fill) >= TEXT, (kind, behind)
        assert ratio(mix(border, behind, faded["border-opacity"]), behind) >= GRAPHICS, (kind, behind)


def test_the_old_fading_would_have_failed(sheets):
    """The check can fail: a node at the former 25 % opacity read at about 1.6:1."""
    base, _ = sheets
    ink = hex_colour(rule(base, "node")["color"])
    assert ratio(mix(ink, WHITE, 0.25), WHITE) < TEXT


def test_arrows_and_marks_of_state_stand_out_from_every_background(sheets):
    base, overlay = sheets
    assert not any("opacity" in r["style"] and r["style"]["opacity"] < 1 for r in overlay)   # arrows keep colour
    marks = {f"arrow {e}": s["colour"] for e, s in EFFECT_STYLE.items()}
    marks |= {"readout": HIGHLIGHT["readout"], "target": HIGHLIGHT["target"], "compared": HIGHLIGHT["compare"],
              "keyboard focus": hex_colour(views.FOCUS_RULE["style"]["outline-color"])}
    for (name, colour), behind in itertools.product(marks.items(), compartments(base)):
        assert ratio(colour, behind) >= GRAPHICS, (name, behind)


def test_a_lit_arrow_ends_outside_the_halo(kb, graphs):
    """The halo of a lit node is drawn over the lines: an arrow into it must stop beyond it,
    or an inhibition's tee is hidden and reads as an activation by colour alone."""
    graph = graphs["disinhibition"]
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graph)

    def gaps(sheet, edge):
        return [r["style"]["target-distance-from-node"] for r in sheet
                if f'edge[id = "{edge}"]' in r["selector"] and "target-distance-from-node" in r["style"]]

    def halos(sheet, node):
        return [r["style"]["underlay-padding"] for r in sheet
                if f'node[id = "{node}"]' in r["selector"] and "underlay-padding" in r["style"]]

    for view in (View("disinhibition", "ketamine"), *(View("disinhibition", "ketamine", step=s) for s in range(6))):
        sheet = views.overlay_stylesheet(kb, graph, view, explanation)
        for u, v in graph.edges:
            if halos(sheet, v):
                assert gaps(sheet, f"{u}->{v}") and gaps(sheet, f"{u}->{v}")[-1] > halos(sheet, v)[-1], (view, u, v)
    whole = views.overlay_stylesheet(kb, graph, View("disinhibition", "ketamine"), explanation)
    assert gaps(whole, "gaba-a-receptor-pyramidal->pyramidal-firing")      # the tee of the issue


@pytest.mark.parametrize("behind", [WHITE, PANEL, EXTRAPOLATED_CELL])
def test_effect_symbols_written_as_text_read_at_4_5(behind):
    for word in EFFECT_WORDS.values():
        assert ratio(word["ink"], behind) >= TEXT, word["symbol"]


def test_the_okabe_ito_colours_alone_would_have_failed_as_text():
    assert min(ratio(word["colour"], WHITE) for word in EFFECT_WORDS.values()) < TEXT


def test_every_matrix_cell_reads(kb, graphs):
    matrix = views.effect_matrix(kb, graphs)
    figure = views.matrix_figure(kb, graphs, matrix)
    for trace in figure.data:
        ink = trace.textfont.color
        for _, colour in trace.colorscale:
            assert ratio(hex_colour(ink), hex_colour(colour)) >= TEXT, colour
