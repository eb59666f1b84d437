"""The legend of a figure: its words and swatches, placed from a top-left corner."""

from __future__ import annotations

from itertools import combinations

import networkx as nx

from ..engine import NOT_COVERED
from ..model import BASIS_WORDS, ENTITY_KINDS, INTEGRATED
from ..style import EFFECT_WORDS, HIGHLIGHT, KIND_STYLE
from .elements import MUTED, Swatch, TextBlock, effect_colour, lighten
from .overlay import Overlay, basis_of, readout_word
from .presets import Preset
from .text import text_width, wrap

__all__ = ["legend"]


def legend(graph: nx.DiGraph, overlay: Overlay, preset: Preset, x0: float, y0: float,
           width: float | None = None, columns: int = 1) -> tuple[list[TextBlock], list[Swatch], float]:
    """The legend's words and swatches with its top left at (x0, y0), and its height.

    ``width`` defaults to the preset's legend width. Short items share a line where
    they fit; with ``columns`` > 1 the legend's sections (the graph's key, the drug's,
    its predicted effects) are set side by side, each in an equal share of ``width``.
    """
    entries: list[tuple] = []

    def heading(text: str) -> None:
        entries.append(("heading", text))

    def item(text: str, **swatch) -> None:
        entries.append(("item", text, swatch))

    def note(text: str) -> None:
        entries.append(("note", text))

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
    if not preset.legend_effects:
        entries = _effects_on_tags(entries)
    return _set(entries, preset, x0, y0, preset.legend_width if width is None else width, columns)


def _effects_on_tags(entries: list[tuple]) -> list[tuple]:
    """The entries without each readout's effect, which its tag shows by the readout in
    the same words (a slide has no room to say it twice): their heading becomes the key
    to those tags, a sample tag beside it."""
    out: list[tuple] = []
    for i, entry in enumerate(entries):
        effect = entry[0] == "item" and entry[2].get("kind") == "symbol"
        follows = i + 1 < len(entries) and entries[i + 1][0] == "item" and entries[i + 1][2].get("kind") == "symbol"
        if entry[0] == "heading" and follows:
            sample = entries[i + 1][2]
            out.append(("item", entry[1], {"kind": "tag", "symbol": sample["symbol"], "stroke": sample["stroke"]}))
        elif not effect:
            out.append(entry)
    return out


def _set(entries: list[tuple], preset: Preset, x0: float, y0: float, width: float, columns: int
         ) -> tuple[list[TextBlock], list[Swatch], float]:
    """Place the entries: in one column, or spread over ``columns`` in order, cut where the
    tallest column is least tall (never right after a heading)."""
    if columns <= 1:
        return _column(entries, preset, x0, y0, width)
    share = (width - (columns - 1) * preset.gap) / columns
    # Where each entry ends in one long column: a run's height is near the difference.
    ends = [0.0] + [_column(entries[:i], preset, 0, 0, share)[2] for i in range(1, len(entries) + 1)]
    cuttable = [i for i in range(1, len(entries)) if entries[i - 1][0] != "heading"]
    best = None
    for cuts in combinations(cuttable, min(columns - 1, len(cuttable))):
        runs = list(zip((0, *cuts), (*cuts, len(entries)), strict=True))
        tallest = max(ends[b] - ends[a] for a, b in runs)
        if best is None or tallest < best[0]:
            best = (tallest, runs)
    words: list[TextBlock] = []
    swatches: list[Swatch] = []
    height = 0.0
    for i, (a, b) in enumerate(best[1]):
        w, s, h = _column(entries[a:b], preset, x0 + i * (share + preset.gap), y0, share)
        words += w
        swatches += s
        height = max(height, h)
    return words, swatches, height


def _column(entries: list[tuple], preset: Preset, x0: float, y0: float, width: float
            ) -> tuple[list[TextBlock], list[Swatch], float]:
    """Entries one under the other; consecutive short items share a line where they fit."""
    size = preset.legend_font
    k = size / 12
    v = k * preset.legend_pitch / (20 / 12)     # vertical spacing: the handout's, or tighter
    words: list[TextBlock] = []
    swatches: list[Swatch] = []
    y = 0.0
    swatch_x, text_x = 18.0 * k, preset.legend_indent * size
    x = width                                # where the next item on this line would start (none: full)
    for kind, text, *rest in entries:
        if kind == "heading" and preset.legend_flow and width >= 30 * size:
            # In a flowing legend a heading runs on in its line, a little apart, like an item.
            natural = text_width(text, size + k, bold=True) + 0.8 * size
            gap = 0.8 * size if x else 0.0
            if x + gap + natural <= width:
                left = x + gap
            else:
                left = 0.0
                y += (20 if words else 14) * v
            lines = wrap(text, size + k, width, bold=True)
            words.append(TextBlock(x0 + left, y0 + y, tuple(lines), size + k, line_height=17 * k, bold=True))
            y += (len(lines) - 1) * 17 * k
            x = left + natural if len(lines) == 1 else width
        elif kind == "heading":
            lines = wrap(text, size + k, width, bold=True)
            y += (24 if words else 14) * v
            words.append(TextBlock(x0, y0 + y, tuple(lines), size + k, line_height=17 * k, bold=True))
            y += (len(lines) - 1) * 17 * k + 4 * v
            x = width
        elif kind == "item":
            natural = text_x + text_width(text, size) + 0.8 * size
            if preset.legend_flow and x + natural <= width:
                left = x                         # beside the last item
            else:
                left = 0.0
                y += 20 * v
            lines = wrap(text, size, width - left - text_x)
            swatches.append(Swatch(y=y0 + y - 4 * k, x=x0 + left + swatch_x, size=size, **rest[0]))
            words.append(TextBlock(x0 + left + text_x, y0 + y, tuple(lines), size, line_height=15 * k))
            y += (len(lines) - 1) * 15 * k
            x = left + natural if len(lines) == 1 else width
        else:
            natural = text_width(text, size) + 0.8 * size
            if preset.legend_flow and x + 0.8 * size + natural <= width:
                left = x + 0.8 * size            # a short note runs on in its line
            else:
                left = 0.0
                y += (20 if preset.legend_flow else 27) * v
            lines = wrap(text, size, width - left)
            words.append(TextBlock(x0 + left, y0 + y, tuple(lines), size, line_height=15 * k, fill=MUTED))
            y += (len(lines) - 1) * 15 * k
            x = left + natural if len(lines) == 1 else width
    return words, swatches, y + 8 * v
