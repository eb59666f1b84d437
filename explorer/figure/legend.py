"""The legend of a figure: its words and swatches, placed from a top-left corner."""

from __future__ import annotations

import networkx as nx

from ..engine import NOT_COVERED
from ..model import BASIS_WORDS, ENTITY_KINDS, INTEGRATED
from ..style import EFFECT_WORDS, HIGHLIGHT, KIND_STYLE
from .elements import MUTED, Swatch, TextBlock, effect_colour, lighten
from .overlay import Overlay, basis_of, readout_word
from .presets import Preset
from .text import wrap

__all__ = ["legend"]


def legend(graph: nx.DiGraph, overlay: Overlay, preset: Preset, x0: float, y0: float
            ) -> tuple[list[TextBlock], list[Swatch], float]:
    """The legend's words and swatches with its top left at (x0, y0), and its height."""
    size = preset.legend_font
    k = size / 12
    words: list[TextBlock] = []
    swatches: list[Swatch] = []
    y = 0.0
    swatch_x, text_x = 18.0 * k, 44.0 * k
    width = preset.legend_width

    def heading(text: str) -> None:
        nonlocal y
        lines = wrap(text, size + k, width, bold=True)
        y += (24 if words else 14) * k
        words.append(TextBlock(x0, y0 + y, tuple(lines), size + k, line_height=17 * k, bold=True))
        y += (len(lines) - 1) * 17 * k + 4 * k

    def item(text: str, **swatch) -> None:
        nonlocal y
        lines = wrap(text, size, width - text_x)
        y += 20 * k
        swatches.append(Swatch(y=y0 + y - 4 * k, x=x0 + swatch_x, size=size, **swatch))
        words.append(TextBlock(x0 + text_x, y0 + y, tuple(lines), size, line_height=15 * k))
        y += (len(lines) - 1) * 15 * k

    def note(text: str) -> None:
        nonlocal y
        lines = wrap(text, size, width)
        y += 27 * k
        words.append(TextBlock(x0, y0 + y, tuple(lines), size, line_height=15 * k, fill=MUTED))
        y += (len(lines) - 1) * 15 * k

    stroke = preset.stroke
    heading("Legend")
    kinds = {kind for _, kind in graph.nodes(data="kind")}
    for kind in ENTITY_KINDS:
        if kind in kinds:
            style = KIND_STYLE[kind]
            item(style["label"], kind="node", shape=style["shape"], fill=style["fill"], stroke_width=stroke)
    effects = {effect for _, _, effect in graph.edges(data="effect")}
    item("activates", kind="edge", effect="activates", stroke=effect_colour("activates"),
         stroke_width=1.8 * stroke)
    item("inhibits", kind="edge", effect="inhibits", stroke=effect_colour("inhibits"),
         stroke_width=1.8 * stroke)
    if "requires" in effects:
        item("requires (necessary condition)", kind="edge", effect="requires",
             stroke=effect_colour("requires"), stroke_width=1.8 * stroke, dashed=True)
    explanation = overlay.explanation
    names = ", ".join(overlay.readout_names)
    # With a drug the readouts are named again under its predicted effects: once is enough.
    item(f"Readout ({names})" if names and explanation is None else "Readout", kind="node",
         stroke=HIGHLIGHT["readout"], stroke_width=2.6 * stroke)

    if explanation is not None:
        drug = explanation.drug
        if overlay.active:
            heading(drug.name)
            item("Drug target, with its action", kind="node", stroke=HIGHLIGHT["target"],
                 stroke_width=3.4 * stroke)
            item("On a path to a readout", kind="lit-edge", stroke="#555555",
                 stroke_width=2.8 * stroke)
            dimmed = ("Dimmed: off those paths, or on a panel that does not state "
                      f"{drug.name}'s effect (the review's account only)"
                      if explanation.hypothesis == INTEGRATED else "Off those paths (dimmed)")
            item(dimmed, kind="edge", stroke=lighten("#555555", 0.5),
                 stroke_width=1.8 * stroke, dashed=True, effect="none")
        # The basis goes in the heading when every prediction shares it, else beside each.
        bases = {basis_of(e) for e in explanation.readouts.values()} - {""}
        shared = f" ({bases.pop()})" if len(bases) == 1 else ""
        heading(("Predicted effect" if overlay.active else f"Predicted effect of {drug.name}") + shared)
        for name, effect in explanation.readouts.items():
            word = EFFECT_WORDS[effect.effect]
            basis = basis_of(effect)
            suffix = f" ({basis})" if basis and not shared else ""
            told_apart = effect.effect == "none" and (effect.required_for or explanation.hypothesis == INTEGRATED)
            text = "mixed" if effect.effect == "mixed" else (   # mixed is explained once, below
                readout_word(explanation, effect) if told_apart else word["text"])
            item(f"{name}: {text}{suffix}", kind="symbol", symbol=word["symbol"], stroke=word["colour"])
        if any(e.effect == "mixed" for e in explanation.readouts.values()):
            note(f"Mixed: {EFFECT_WORDS['mixed']['text'].removeprefix('mixed ').strip('()')} reach it.")
        if any(e.required_for and e.effect == "none" for e in explanation.readouts.values()):
            note("Required: a condition of the drug's route (the legend's \"requires\"), not a change.")
        if any(basis_of(e) == "analogy" for e in explanation.readouts.values()):
            analogy = BASIS_WORDS["analogy"]
            item(analogy[0].upper() + analogy[1:], kind="badge")
        if overlay.extrapolated:
            extrapolated = BASIS_WORDS["extrapolated"]
            item(extrapolated[0].upper() + extrapolated[1:], kind="badge", dashed=True)
        if explanation.hypothesis == INTEGRATED and not explanation.covered:
            note(f"{drug.name}: {NOT_COVERED}. Its targets are outlined; no route is lit and no sign is given.")
        if not overlay.active:
            readouts = " or ".join(overlay.readout_names) or "the readouts"
            note(f"{drug.name} acts on nothing drawn in this hypothesis, so no modelled path "
                 f"reaches {readouts}.")
    return words, swatches, y + 8 * k
